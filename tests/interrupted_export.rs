//! An export to a file that is interrupted leaves no stray file: SIGINT,
//! SIGTERM and SIGHUP while it writes, a write past `ulimit -f`, and a
//! temporary file left by a run killed with SIGKILL (which nothing can
//! catch), removed by the next export to the same file.
//!
//! A kill may land before the export starts writing, while it writes, or
//! after it has renamed the file into place: whichever, the directory holds
//! nothing but, at most, the complete export. To land it while the export
//! writes, the test waits for the temporary file to appear, stops the
//! process (SIGSTOP), sends the signal and lets it go on (SIGCONT).

#![cfg(unix)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;

use common::names;

#[allow(dead_code)]
#[path = "../examples/synth.rs"]
mod synth;

const BIN: &str = env!("CARGO_BIN_EXE_summit-kb");

/// A synthetic dataset of 40 organisations (4,680 records) as exported
/// JSON, made once for the tests of this file (in the target directory):
/// its export takes long enough to be caught while it writes.
fn large_dataset() -> &'static Path {
    static DATA: OnceLock<PathBuf> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("interrupted-export-synth-40");
        let _ = fs::remove_dir_all(&dir);
        synth::generate(40, &dir, false).unwrap();
        dir.join("dataset.json")
    })
}

fn export(format: &str, target: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(["--data", large_dataset().to_str().unwrap()])
        .args(["export", "--format", format, "--output"])
        .arg(target)
        .env_remove("SUMMIT_KB_DATA")
        .env_remove("SUMMIT_KB_COMPLETE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn kill(signal: &str, child: &Child) {
    let status = Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .unwrap();
    // It may have ended already: `kill` then fails, which is no failure.
    let _ = status;
}

/// Whether the export's temporary file is in `dir`.
fn writing(dir: &Path) -> bool {
    names(dir).iter().any(|n| n.starts_with(".kb.out."))
}

/// Starts an export into a new directory and sends `signal` while it writes
/// (or, if it ends first, after); returns the directory, how it ended, and
/// whether the signal landed while the temporary file was there.
fn interrupted(format: &str, signal: &str) -> (tempfile::TempDir, ExitStatus, bool) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("kb.out");
    let mut child = export(format, &target).spawn().unwrap();
    while child.try_wait().unwrap().is_none() && !writing(dir.path()) {
        std::thread::yield_now();
    }
    kill("STOP", &child);
    let during = writing(dir.path()) && child.try_wait().unwrap().is_none();
    kill(signal, &child);
    kill("CONT", &child);
    let status = child.wait().unwrap();
    (dir, status, during)
}

/// The directory holds nothing, or only the complete export.
fn assert_no_stray_file(dir: &Path, format: &str, what: &str) {
    let names = names(dir);
    match names.as_slice() {
        [] => {}
        [one] if one == "kb.out" => {
            let path = dir.join("kb.out");
            if format == "json" {
                let text = fs::read_to_string(&path).unwrap();
                let parsed: Result<serde_json::Value, _> = serde_json::from_str(&text);
                assert!(parsed.is_ok(), "{what}: kb.out is not a complete export");
            } else {
                let db = rusqlite::Connection::open(&path).unwrap();
                let n: i64 = db
                    .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
                    .unwrap();
                assert!(n > 4000, "{what}: kb.out holds {n} records");
            }
        }
        _ => panic!("{what}: stray files {names:?}"),
    }
}

#[test]
fn a_signal_while_exporting_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let mut landed = 0;
    for format in ["json", "sqlite"] {
        for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
            let what = format!("{format}, SIG{signal}");
            let (dir, status, during) = interrupted(format, signal);
            assert_no_stray_file(dir.path(), format, &what);
            // Ended by the signal, as its default action ends a process
            // (the shell sees 128 + N), or done before it came.
            assert!(
                status.signal() == Some(number) || status.success(),
                "{what}: {status:?}"
            );
            if during {
                // Killed while writing: nothing at all is left.
                assert_eq!(names(dir.path()), Vec::<String>::new(), "{what}");
                landed += 1;
            }
        }
    }
    eprintln!("{landed} of 6 signals landed while the export was writing");
}

#[test]
fn a_write_past_the_file_size_limit_fails_and_leaves_no_file() {
    // No `trap '' XFSZ` here: the export itself must keep SIGXFSZ from
    // killing it (the default action), so that the write fails with EFBIG
    // and the error removes the temporary file.
    for format in ["json", "sqlite"] {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("kb.out");
        let output = Command::new("sh")
            .arg("-c")
            .arg("ulimit -f 64 && exec \"$0\" \"$@\"")
            .arg(BIN)
            .args(["--data", large_dataset().to_str().unwrap()])
            .args(["export", "--format", format, "--output"])
            .arg(&target)
            .env_remove("SUMMIT_KB_DATA")
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: cannot write {}: ", target.display())),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert_eq!(names(dir.path()), Vec::<String>::new(), "{format}");
    }
}

#[test]
fn a_temporary_file_left_by_a_killed_export_is_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("kb.out");
    // Left by a run killed with SIGKILL: one of our naming, unlocked.
    let stale = dir.path().join(".kb.out.Ab3xY9.tmp");
    fs::write(&stale, "half an export").unwrap();
    // One that a live export holds locked, and names not of our making.
    let live = dir.path().join(".kb.out.Live42.tmp");
    let held = fs::File::create(&live).unwrap();
    held.lock().unwrap();
    for other in [
        ".kb.out.toolong1.tmp",
        ".other.Ab3xY9.tmp",
        "kb.out.Ab3xY9.tmp",
    ] {
        fs::write(dir.path().join(other), "x").unwrap();
    }
    let output = Command::new(BIN)
        .args(["export", "--output"])
        .arg(&target)
        .env_remove("SUMMIT_KB_DATA")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.starts_with("note: removed .kb.out.Ab3xY9.tmp, left in ")
            && stderr.contains("by an export that was killed"),
        "{stderr}"
    );
    assert_eq!(
        names(dir.path()),
        [
            ".kb.out.Live42.tmp",
            ".kb.out.toolong1.tmp",
            ".other.Ab3xY9.tmp",
            "kb.out",
            "kb.out.Ab3xY9.tmp"
        ]
    );
    drop(held);

    // A real one: an export killed with SIGKILL while it writes.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("kb.out");
    let mut child = export("json", &target).spawn().unwrap();
    while child.try_wait().unwrap().is_none() && !writing(dir.path()) {
        std::thread::yield_now();
    }
    kill("KILL", &child);
    child.wait().unwrap();
    let left = names(dir.path());
    let output = export("json", &target).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_no_stray_file(dir.path(), "json", "after SIGKILL");
    if left.iter().any(|n| n.starts_with(".kb.out.")) {
        assert!(stderr.starts_with("note: removed .kb.out."), "{stderr}");
    }
}
