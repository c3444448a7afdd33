//! Hostile surroundings, each through the real binary: standard error that
//! cannot be written, a stray completion variable, a `TZ` that is no time
//! zone file, a full disk under an SQLite export, `--output -`.

#![cfg(unix)]

use std::fs::File;
use std::process::{Command, Stdio};

/// The binary in a clean environment, as `common::summit_kb` makes it, as a
/// std Command.
fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_summit-kb"));
    cmd.env_remove("SUMMIT_KB_DATA")
        .env_remove("SUMMIT_KB_COMPLETE")
        .env_remove("NO_COLOR")
        .env("TZ", "UTC")
        .stdin(Stdio::null());
    cmd
}

fn dev_full() -> Stdio {
    Stdio::from(File::options().write(true).open("/dev/full").unwrap())
}

/// Runs `summit-kb ARGS` with standard error on /dev/full (every write to
/// it fails with ENOSPC); returns the exit code and standard output.
fn with_stderr_full(args: &[&str]) -> (i32, String) {
    let output = bin().args(args).stderr(dev_full()).output().unwrap();
    (
        output.status.code().expect("exits, not killed by a signal"),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn an_unwritable_stderr_still_gives_the_exit_status() {
    // An error, a usage error, an unknown subcommand: exit 2, no panic (101).
    for args in [
        &["--data", "/nonexistent", "docs"][..],
        &["holder", "SG", "--date", "2020-01-01"],
        &["no-such-command"],
        &["docs", "--kind"],
        &[],
    ] {
        assert_eq!(with_stderr_full(args), (2, String::new()), "{args:?}");
    }
    // A note on standard error beside an answer on standard output.
    let (code, stdout) = with_stderr_full(&[
        "--format",
        "csv",
        "docs",
        "--summit",
        "csc-2009-06-14-moscow",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("id,"), "{stdout}");
}
