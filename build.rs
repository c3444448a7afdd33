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
    let mut texts = String::new();
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
        let _ = writeln!(texts, "        ({name:?}, {text}),");
    }
    let snapshot = match snapshot {
        Ok(bytes) if unreadable.is_none() => {
            let path = out.join("snapshot.bin");
            fs::write(&path, bytes).expect("OUT_DIR is writable");
            format!("Some(include_bytes!({:?}))", path.display())
        }
        Ok(_) => "None".to_string(),
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
            "None".to_string()
        }
    };
    let code = format!(
        "/// The default dataset: each file's name and text, why it cannot be read\n\
         /// (if it cannot), and the snapshot of its records when they had no errors.\n\
         pub static EMBEDDED: summit_kb_core::load::Embedded = summit_kb_core::load::Embedded {{\n    \
         files: &[\n{texts}    ],\n    unreadable: {unreadable:?},\n    snapshot: {snapshot},\n}};\n"
    );
    fs::write(out.join("embedded.rs"), code).expect("OUT_DIR is writable");
}
