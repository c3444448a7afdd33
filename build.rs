//! Embeds the default dataset into the binary: the files of `data/` (or of
//! the directory in `SUMMIT_KB_EMBED_DIR`, for benchmarks), and, when they
//! load and `check` finds no error in them, their snapshot: the records as
//! bytes (see `summit_kb_core::snapshot`), which a query reads without
//! parsing TOML or checking the data again. Build time and memory grow with
//! the data as reading and writing it do, not as compiling it would.
//!
//! Errors in the data do not stop the build, or `check` could not report
//! them: each is a `cargo:warning` with its file, line and column, and the
//! binary then parses and checks the embedded files on every run, as `--data`
//! does, so that queries refuse the data and `check` lists every finding.
//! A dataset with errors never becomes an empty or partial snapshot.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

use summit_kb_core::{embed, load};

/// How many of the errors in the data the build names.
const SHOWN_ERRORS: usize = 20;

fn main() {
    println!("cargo::rerun-if-env-changed=SUMMIT_KB_EMBED_DIR");
    let dir = env::var("SUMMIT_KB_EMBED_DIR").unwrap_or_else(|_| "data".to_string());
    println!("cargo::rerun-if-changed={dir}");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    // A directory that cannot be listed embeds its error, which every run
    // then gives, rather than an empty dataset.
    let mut unreadable = None;
    let (files, snapshot) = match embed::prepare(Path::new(&dir)) {
        Ok(embedding) => (embedding.files, embedding.snapshot),
        Err(err) => {
            let err = format!("{err:#}");
            unreadable = Some(format!("the dataset compiled into the binary: {err}"));
            (Vec::new(), Err(vec![err]))
        }
    };
    // One run of bytes, included whole in the binary: the snapshot, then
    // each file's bytes (a file that is not text embedded empty, and loading
    // the dataset names the error).
    let mut blob: Vec<u8> = Vec::new();
    let snapshot = match snapshot {
        Ok(bytes) if unreadable.is_none() => {
            blob.extend(&bytes);
            Some(0..bytes.len())
        }
        Ok(_) => None,
        Err(errors) => {
            for error in errors.iter().take(SHOWN_ERRORS) {
                println!("cargo::warning=embedded dataset: {error}");
            }
            if errors.len() > SHOWN_ERRORS {
                println!(
                    "cargo::warning=embedded dataset: {} more errors; `summit-kb check` lists them all",
                    errors.len() - SHOWN_ERRORS
                );
            }
            println!(
                "cargo::warning=embedded dataset: not snapshotted; every run parses and checks it"
            );
            None
        }
    };
    let mut texts = String::new();
    for (name, path) in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let bytes = fs::read(path).unwrap_or_default();
        let start = blob.len();
        if std::str::from_utf8(&bytes).is_ok() {
            blob.extend(&bytes);
        } else if unreadable.is_none() {
            unreadable = load::parse_bytes(name, &bytes)
                .err()
                .map(|e| format!("{e:#}"));
        }
        let _ = writeln!(texts, "    ({name:?}, {start}, {}),", blob.len());
    }
    let path = out.join("embedded.bin");
    fs::write(&path, &blob).expect("OUT_DIR is writable");
    let snapshot = match snapshot {
        Some(range) => format!("Some(({}, {}))", range.start, range.end),
        None => "None".to_string(),
    };
    let code = embedded_rs(&path, &blob, &texts, &format!("{unreadable:?}"), &snapshot);
    fs::write(out.join("embedded.rs"), code).expect("OUT_DIR is writable");
}

/// The code of `embedded.rs`: `blob`, written at `path`, included in the
/// binary, and the dataset that `embedded()` makes of it.
///
/// On ELF targets the bytes are included by the assembler (`.incbin`), which
/// copies them into the object file as they are: `include_bytes!` makes rustc
/// hold them as a constant several times over (2.3 GiB of memory for the
/// 190 MB of a dataset 100 times the shipped one). Elsewhere,
/// `include_bytes!`. Either way this file changes with the bytes (their
/// length and digest are in it), so that a data edit recompiles the binary.
fn embedded_rs(path: &Path, blob: &[u8], texts: &str, unreadable: &str, snapshot: &str) -> String {
    use sha2::{Digest, Sha256};
    let len = blob.len();
    let digest: String = Sha256::digest(blob)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let path = path.display().to_string();
    let elf = "all(any(target_os = \"linux\", target_os = \"android\", target_os = \"freebsd\"), \
               any(target_arch = \"x86_64\", target_arch = \"aarch64\"))";
    format!(
        r#"// The embedded dataset's bytes: {len} bytes, SHA-256 {digest}.
const LEN: usize = {len};

#[cfg({elf})]
std::arch::global_asm!(
    ".pushsection .rodata.summit_kb_embedded,\"a\",%progbits",
    ".balign 16",
    ".globl summit_kb_embedded",
    ".hidden summit_kb_embedded",
    "summit_kb_embedded:",
    ".incbin {asm_path}",
    ".popsection",
);

#[cfg({elf})]
fn bytes() -> &'static [u8] {{
    extern "C" {{
        static summit_kb_embedded: [u8; LEN];
    }}
    // SAFETY: the assembler placed the LEN bytes of the file at this symbol,
    // in a read-only section, for the whole run.
    unsafe {{ &*std::ptr::addr_of!(summit_kb_embedded) }}
}}

#[cfg(not({elf}))]
fn bytes() -> &'static [u8] {{
    include_bytes!({path:?})
}}

/// Each file's name, and where its bytes begin and end. Data, not code: a
/// dataset of 10,000 files is a table of 10,000 rows, not a function of
/// 10,000 expressions for rustc to compile.
static FILES: &[(&str, usize, usize)] = &[
{texts}];

/// The default dataset: its bytes, each file's name and place in them, why
/// it cannot be read (if it cannot), and where the snapshot of its records
/// lies when they had no errors.
pub fn embedded() -> &'static summit_kb_core::load::Embedded {{
    static EMBEDDED: std::sync::OnceLock<summit_kb_core::load::Embedded> =
        std::sync::OnceLock::new();
    EMBEDDED.get_or_init(|| summit_kb_core::load::Embedded {{
        bytes: bytes(),
        files: FILES,
        unreadable: {unreadable},
        snapshot: {snapshot},
    }})
}}
"#,
        asm_path = asm_string(&path),
    )
}

/// `text` as a quoted string of the assembler, inside a Rust string literal
/// of `global_asm!` (whose braces are doubled).
fn asm_string(text: &str) -> String {
    let mut out = String::from("\\\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\\\\\""),
            '\\' => out.push_str("\\\\\\\\"),
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            c => out.push(c),
        }
    }
    out.push_str("\\\"");
    out
}
