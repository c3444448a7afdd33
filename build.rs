//! Embeds the default dataset into the binary: the files of `data/` (or of
//! the directory in `SUMMIT_KB_EMBED_DIR`, for benchmarks), and, when they load
//! and `check` finds no error in them, a checked snapshot of their records, so
//! that a query neither parses TOML nor checks the data again.
//!
//! Errors in the data do not stop the build, or `check` could not report
//! them: each is a `cargo:warning` with its file, line and column, and the
//! binary then parses and checks the embedded files on every run, as `--data`
//! does, so that queries refuse the data and `check` lists every finding.

// The crate's own loader, model and checks; the build uses only part of them.
#![allow(dead_code)]

#[path = "src/date.rs"]
mod date;
#[path = "src/embed.rs"]
mod embed;
#[path = "src/kb.rs"]
mod kb;
#[path = "src/literal.rs"]
mod literal;
#[path = "src/load.rs"]
mod load;
#[path = "src/locate.rs"]
mod locate;
#[path = "src/model.rs"]
mod model;
#[path = "src/search_index.rs"]
mod search_index;
#[path = "src/validate.rs"]
mod validate;
#[path = "src/output/visible.rs"]
mod visible;

/// What the included modules use of `output`: how text is made visible.
mod output {
    pub use super::visible::visible_line;
}

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

/// How many of the errors in the data the build names.
const SHOWN_ERRORS: usize = 20;

fn main() {
    println!("cargo::rerun-if-env-changed=SUMMIT_KB_EMBED_DIR");
    println!("cargo::rustc-cfg=summit_kb_embedded");
    // The embedded dataset's statics point at one another (every text and
    // list is a reference). In a position-independent executable the loader
    // relocates each of those pointers at start-up, writing to every page that
    // holds them: with the data 10 times the shipped size that doubled what
    // `--version` costs (1.3 to 3.2 ms, most of it page faults). Linked at a
    // fixed address, the linker resolves them and a query loads only the
    // pages it reads. Shared libraries keep their random addresses.
    // Not for a static binary (`-C target-feature=+crt-static`), which rustc
    // links as a static PIE: `-no-pie` beside it gives one that crashes.
    let target = |key: &str| env::var(key).unwrap_or_default();
    let crt_static = target("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|f| f == "crt-static");
    if target("CARGO_CFG_TARGET_OS") == "linux"
        && target("CARGO_CFG_TARGET_ENV") == "gnu"
        && !crt_static
    {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
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
    // The search index of the snapshot, read by src/search_index.rs.
    let index = match &snapshot {
        Ok(compiled) => format!("Some(&{})", compiled.index),
        Err(_) => "None".to_string(),
    };
    fs::write(out.join("search_index.rs"), index).expect("OUT_DIR is writable");
    let mut code = String::from("/// The default dataset: (name, text) of each of its files.\n");
    code.push_str("pub const EMBEDDED: &[(&str, &str)] = &[\n");
    for (name, path) in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let bytes = fs::read(path).unwrap_or_default();
        let text = if std::str::from_utf8(&bytes).is_ok() {
            let path = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            format!("include_str!({:?})", path.to_string_lossy())
        } else {
            // Not text: embedded empty, and loading the dataset names the error.
            if unreadable.is_none() {
                unreadable = load::parse_bytes(name, &bytes)
                    .err()
                    .map(|e| format!("{e:#}"));
            }
            "\"\"".to_string()
        };
        let _ = writeln!(code, "    ({name:?}, {text}),");
    }
    code.push_str("];\n\n");
    let _ = writeln!(
        code,
        "/// Why the embedded dataset cannot be read (its directory, or a file that is\n/// not text), if it cannot.\npub const UNREADABLE: Option<&str> = {unreadable:?};\n"
    );
    code.push_str("/// The records, loaded and checked when the binary was built; `None` when\n/// they had errors.\n");
    match snapshot {
        Ok(snapshot) => {
            let path = out.join("snapshot.rs");
            fs::write(&path, &snapshot.records).expect("OUT_DIR is writable");
            let _ = writeln!(
                code,
                "pub static SNAPSHOT: Option<&Snapshot> = Some(&include!({:?}));",
                path.display()
            );
        }
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
            code.push_str("pub static SNAPSHOT: Option<&Snapshot> = None;\n");
        }
    }
    fs::write(out.join("embedded.rs"), code).expect("OUT_DIR is writable");
}
