//! Replays inputs kept from the fuzz targets in `fuzz/` through the same
//! checks the targets make, so that they hold without a nightly toolchain.
//!
//! `tests/fuzz-regressions/load/` holds dataset files (TOML and JSON are both
//! tried, as the `load` target does); `tests/fuzz-regressions/parse/` holds
//! text for the date, query-day, resolver and command-line parsers. A crash,
//! hang or out-of-memory input found by fuzzing goes there, with its fix.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clap::Parser;
use summit_kb::args;
use summit_kb::cli::Cli;
use summit_kb::commands::export;
use summit_kb::date::Date;
use summit_kb::kb::{self, Kb};
use summit_kb::load::{self, Loaded};
use summit_kb::model::RecordKind;
use summit_kb::validate::{self, Severity};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
}

/// What the `load` target checks of one input read as the file `name`.
fn load_oracle(name: &str, data: &[u8]) -> bool {
    let part = match load::parse_bytes(name, data) {
        Ok(part) => part,
        Err(err) => {
            let message = err.to_string();
            assert!(
                message.starts_with(name),
                "error does not name the file: {message}"
            );
            assert!(!message.contains('\n'), "error is not one line: {message}");
            return false;
        }
    };
    let mut loaded = Loaded::default();
    loaded.add(name, part);
    let kb = Kb::new(&loaded);
    let findings = validate::check(&kb);
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return true;
    }
    let mut first = Vec::new();
    export::write(
        &loaded.dataset,
        &export::meta(&loaded.dataset),
        export::Written::Json,
        &mut first,
    )
    .unwrap();
    let again = load::parse_bytes("export.json", &first).expect("an export loads again");
    let mut second = Vec::new();
    export::write(
        &again,
        &export::meta(&again),
        export::Written::Json,
        &mut second,
    )
    .unwrap();
    assert!(
        first == second,
        "export -> load -> export changed the bytes"
    );
    true
}

#[test]
fn load_inputs_replay_cleanly() {
    let mut parsed = 0;
    for file in inputs("load") {
        let data = fs::read(&file).unwrap();
        for name in ["fuzz.toml", "fuzz.json"] {
            if load_oracle(name, &data) {
                parsed += 1;
            }
        }
    }
    // The kept inputs include datasets that load, not only rejected ones.
    assert!(parsed > 0);
}

fn embedded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        load::from_path(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data")
                .as_path(),
        )
        .unwrap()
    })
}

#[test]
fn parse_inputs_replay_cleanly() {
    for file in inputs("parse") {
        let data = fs::read(&file).unwrap();
        // The target reads text only: a kept input that is not UTF-8 would
        // replay nothing.
        let text = std::str::from_utf8(&data)
            .unwrap_or_else(|_| panic!("{} is not UTF-8", file.display()));
        if let Ok(date) = text.parse::<Date>() {
            assert_eq!(date.to_string(), text);
            assert!(date.first_day() <= date.last_day());
        }
        let _ = args::parse_day(text);
        let kb = Kb::new(embedded());
        let _ = kb.resolve_post(text);
        let _ = kb.require(text);
        let _ = kb.require_kind(text, RecordKind::Meeting);
        let _ = kb.name_of(text);
        let _ = kb::fold(text);
        let argv = std::iter::once("summit-kb").chain(text.split('\0'));
        let _ = Cli::try_parse_from(argv);
    }
}
