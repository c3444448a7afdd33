//! Runs the built binary in a clean environment: no dataset or colour settings
//! inherited from the shell that runs the tests.

#![allow(dead_code)]

#[cfg(unix)]
pub mod pty;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// `summit-kb` with the environment variables it reads removed.
pub fn summit_kb() -> Command {
    let mut cmd = Command::cargo_bin("summit-kb").expect("the binary is built");
    cmd.env_remove("SUMMIT_KB_DATA")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .env("TZ", "UTC");
    cmd
}

/// The repository's `data/` directory.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Runs `summit-kb ARGS` and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = summit_kb().args(args).output().expect("the binary runs");
    (
        output
            .status
            .code()
            .expect("the binary exits, not killed by a signal"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// Asserts an error: exit 2, nothing on stdout, one line on stderr that
/// starts with "error:" and contains every one of `needles`, and no panic.
pub fn assert_error(args: &[&str], needles: &[&str]) -> String {
    assert_error_output(args, run(args), needles)
}

/// The assertions of [`assert_error`] on the (exit code, stdout, stderr) of a
/// run of `args` made some other way (under limits, say).
pub fn assert_error_output(
    args: &[&str],
    (code, stdout, stderr): (i32, String, String),
    needles: &[&str],
) -> String {
    assert_eq!(
        code, 2,
        "{args:?}: exit {code}\nstdout: {stdout}\nstderr: {stderr}"
    );
    assert!(stdout.is_empty(), "{args:?}: stdout not empty: {stdout}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{args:?}: {needle:?} not in {stderr}"
        );
    }
    stderr
}

/// Every record of `kind` ("term", "document", ...) in the TOML files of
/// `data/`, read with the toml crate rather than the program's loader, so
/// that counts in the tests are checked against the data itself.
pub fn data_records(kind: &str) -> Vec<serde_json::Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("data/ is readable")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut records = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if let Some(toml::Value::Array(list)) = table.get(kind) {
            records.extend(list.iter().map(|r| serde_json::to_value(r).unwrap()));
        }
    }
    records
}

/// The ids of the records of `kind` in `data/` for which `keep` holds.
pub fn data_ids(kind: &str, keep: impl Fn(&serde_json::Value) -> bool) -> Vec<String> {
    data_records(kind)
        .into_iter()
        .filter(|r| keep(r))
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// The names in a directory, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
