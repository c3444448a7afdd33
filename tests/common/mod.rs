//! Runs the built binary in a clean environment: no dataset or colour settings
//! inherited from the shell that runs the tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// `summit-kb` with the environment variables it reads removed.
pub fn summit_kb() -> Command {
    let mut cmd = Command::cargo_bin("summit-kb").expect("the binary is built");
    cmd.env_remove("SUMMIT_KB_DATA")
        .env_remove("NO_COLOR")
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
