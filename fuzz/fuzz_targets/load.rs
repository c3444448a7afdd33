//! Arbitrary bytes as a dataset file, TOML and JSON: the loader must return a
//! dataset or an error naming the file, never panic or hang; a dataset it
//! accepts must index and `check` without panicking; and one that `check`
//! finds no errors in must export to JSON that loads again and exports to the
//! same bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;
use summit_kb::validate::{self, Severity};
use summit_kb::commands::export::{self, Written};
use summit_kb::kb::Kb;
use summit_kb::load::{self, Loaded};

fn exercise(name: &str, data: &[u8]) {
    let part = match load::parse_bytes(name, data) {
        Ok(part) => part,
        Err(err) => {
            let message = err.to_string();
            assert!(message.starts_with(name), "error does not name the file: {message}");
            assert!(!message.contains('\n'), "error is not one line: {message}");
            return;
        }
    };
    let mut loaded = Loaded::default();
    loaded.add(name, part);
    let kb = Kb::new(&loaded);
    let findings = validate::check(&kb);
    for finding in &findings {
        let _ = finding.to_string();
    }
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return;
    }
    let mut first = Vec::new();
    let meta = export::meta(&loaded.dataset);
    export::write(&loaded.dataset, &meta, Written::Json, &mut first).expect("export writes to memory");
    let again = load::parse_bytes("export.json", &first).expect("an export loads again");
    let mut second = Vec::new();
    export::write(&again, &export::meta(&again), Written::Json, &mut second)
        .expect("export writes to memory");
    assert!(first == second, "export -> load -> export changed the bytes");
}

fuzz_target!(|data: &[u8]| {
    exercise("fuzz.toml", data);
    exercise("fuzz.json", data);
});
