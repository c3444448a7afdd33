//! Every invalid-TOML case of the TOML project's own suite is refused: exit
//! status 2, the file named in a one-line error, never a panic.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("corpus directory is readable") {
        let path = entry.expect("corpus entry is readable").path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

#[test]
fn every_invalid_toml_file_is_rejected_with_its_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/toml-test-invalid");
    let mut files = Vec::new();
    toml_files(&root, &mut files);
    files.sort();
    assert!(files.len() >= 500, "the corpus has {} files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let shown = file.display().to_string();
        let (code, stdout, stderr) = common::run(&["check", &shown]);
        let one_line = stderr.trim_end().lines().count() == 1;
        if code != 2 || !stderr.contains(&shown) || !one_line || stderr.contains("panicked") {
            failures.push(format!(
                "{shown}: exit {code}, stdout {stdout:?}, stderr {stderr:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
