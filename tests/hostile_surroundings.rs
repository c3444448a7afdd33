//! Hostile surroundings, each through the real binary: standard error that
//! cannot be written, a stray completion variable, a `TZ` that is no time
//! zone file, a full disk under an SQLite export, `--output -`.

#![cfg(unix)]

mod common;

use std::fs::{self, File};
use std::process::{Command, Stdio};

use common::run;

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
    // A warning (`TZ` below) with an answer.
    let output = bin()
        .args(["holder", "SG"])
        .env("TZ", "/dev/zero")
        .stderr(dev_full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_completion_variable_left_in_the_environment_changes_nothing() {
    let (code, expected, _) = run(&["docs", "--summit", "csc-2025-bishkek"]);
    assert_eq!(code, 0);
    for value in ["bash", "zsh", "fish", "1", "nonsense"] {
        let output = bin()
            .args(["docs", "--summit", "csc-2025-bishkek"])
            .env("SUMMIT_KB_COMPLETE", value)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{value}");
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            expected,
            "{value}"
        );
        assert!(output.stderr.is_empty(), "{value}");
    }
}

#[test]
fn a_tz_that_is_no_time_zone_file_gives_an_answer_and_a_warning() {
    // Before: jiff read /dev/zero whole, growing without end. Under a
    // memory limit a regression fails instead of hanging.
    let script = "ulimit -v 1048576 && exec \"$0\" \"$@\"";
    for tz in ["/dev/zero", ":/dev/zero", "/"] {
        let output = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_summit-kb"))
            .args(["holder", "SG"])
            .env_remove("SUMMIT_KB_DATA")
            .env("TZ", tz)
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(0), "TZ={tz}: {stderr}");
        assert!(
            stderr.starts_with(&format!("warning: TZ={tz} is ")) && stderr.contains("UTC"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(String::from_utf8(output.stdout)
            .unwrap()
            .contains("holder:"));
    }
    // A real zone, and a date given: no warning.
    let output = bin()
        .args(["holder", "SG"])
        .env("TZ", "Asia/Bishkek")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty());
    let output = bin()
        .args(["holder", "SG", "--on", "2020-06-01"])
        .env("TZ", "/dev/zero")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty());
}

#[test]
fn export_to_dash_writes_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "ndjson", "popolo"] {
        let (code, expected, _) = run(&["export", "--format", format]);
        assert_eq!(code, 0);
        let output = bin()
            .current_dir(dir.path())
            .args(["export", "--format", format, "--output", "-"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert!(
            String::from_utf8(output.stdout).unwrap() == expected,
            "{format}"
        );
    }
    let output = bin()
        .current_dir(dir.path())
        .args(["export", "--format", "sqlite", "--output", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: --format sqlite writes a database file, not standard output"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    // No file named `-`; `./-` is one.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    let output = bin()
        .current_dir(dir.path())
        .args(["export", "--output", "./-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(dir.path().join("-").is_file());
}

/// A full disk under an SQLite export: a tmpfs of 64 KiB, mounted in a
/// mount namespace of the test's own (`unshare`), where the export runs.
/// Skipped, saying so, where no such namespace can be made.
#[test]
fn an_sqlite_export_onto_a_full_disk_says_the_disk_is_full() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().to_str().unwrap();
    let can = Command::new("unshare")
        .args([
            "-rm",
            "sh",
            "-c",
            &format!("mount -t tmpfs -o size=64k tmpfs {mount}"),
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !can {
        eprintln!("skipped: no mount namespace with a tmpfs (unshare -rm) here");
        return;
    }
    for (format, needle) in [
        ("sqlite", "the disk is full"),
        ("json", "No space left on device"),
    ] {
        let target = format!("{mount}/kb.out");
        let script = format!(
            "mount -t tmpfs -o size=64k tmpfs {mount} && \"$0\" export --format {format} --output {target}; \
             code=$?; ls -A {mount}; exit $code"
        );
        let output = Command::new("unshare")
            .args(["-rm", "sh", "-c", &script, env!("CARGO_BIN_EXE_summit-kb")])
            .env_remove("SUMMIT_KB_DATA")
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: cannot write {target}: "))
                && stderr.contains(needle),
            "{format}: {stderr}"
        );
        assert!(!stderr.contains("foreign key"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        // Nothing left on the full disk: no partial file, no temporary one.
        assert_eq!(stdout, "", "{format}");
    }
}
