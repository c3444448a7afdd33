//! `export --output FILE` writes safely in every format: the file is written
//! beside the target and renamed into place once complete, so that a failed
//! export leaves what was there byte for byte, and no stray file.

mod common;

use std::fs;
use std::path::Path;

use common::{assert_error, names, run};

const FORMATS: [&str; 4] = ["json", "ndjson", "popolo", "sqlite"];

fn damaged() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/damaged.toml")
        .display()
        .to_string()
}

#[test]
fn the_file_holds_what_standard_output_would() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "ndjson", "popolo"] {
        let path = dir.path().join(format!("kb.{format}"));
        let (code, stdout, stderr) = run(&[
            "export",
            "--format",
            format,
            "--output",
            path.to_str().unwrap(),
        ]);
        assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
        let (code, expected, _) = run(&["export", "--format", format]);
        assert_eq!(code, 0);
        assert_eq!(fs::read_to_string(&path).unwrap(), expected, "{format}");
    }
    assert_eq!(names(dir.path()), ["kb.json", "kb.ndjson", "kb.popolo"]);
}

/// The dataset is checked before anything is opened: the old file stays as
/// it was. (A write that breaks half-way is tested below.)
#[test]
fn an_invalid_dataset_is_refused_before_the_file_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = damaged();
    for format in FORMATS {
        let path = dir.path().join("kb.out");
        let path = path.to_str().unwrap();
        let (code, _, stderr) = run(&["export", "--format", format, "--output", path]);
        assert_eq!(code, 0, "{format}: {stderr}");
        let good = fs::read(path).unwrap();
        assert!(good.len() > 1000, "{format}");
        assert_error(
            &[
                "--data", &damaged, "export", "--format", format, "--output", path,
            ],
            &["invalid dataset", "damaged.toml"],
        );
        assert_eq!(fs::read(path).unwrap(), good, "{format}");
        assert_eq!(names(dir.path()), ["kb.out"], "{format}");
    }
}

/// Runs `summit-kb ARGS` unable to write a file past 64 blocks (ulimit -f,
/// with SIGXFSZ ignored, so that a write past it fails with EFBIG instead of
/// killing the process): a write that breaks half-way.
#[cfg(unix)]
fn with_small_file_limit(args: &[&str]) -> (i32, String, String) {
    let bin = assert_cmd::Command::cargo_bin("summit-kb").expect("the binary is built");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 64 && exec \"$0\" \"$@\"")
        .arg(bin.get_program())
        .args(args)
        .env_remove("SUMMIT_KB_DATA")
        .output()
        .expect("sh runs");
    (
        output.status.code().expect("not killed by a signal"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[cfg(unix)]
#[test]
fn a_write_that_breaks_half_way_leaves_the_old_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    for format in FORMATS {
        let path = dir.path().join("kb.out");
        let path = path.to_str().unwrap();
        let (code, _, stderr) = run(&["export", "--format", format, "--output", path]);
        assert_eq!(code, 0, "{format}: {stderr}");
        let good = fs::read(path).unwrap();
        assert!(good.len() > 64 * 1024, "{format}: {}", good.len());
        let args = ["export", "--format", format, "--output", path];
        let message = common::assert_error_output(
            &args,
            with_small_file_limit(&args),
            &["cannot write", path],
        );
        assert!(!message.contains(".kb.out."), "{message}");
        assert_eq!(fs::read(path).unwrap(), good, "{format}");
        assert_eq!(names(dir.path()), ["kb.out"], "{format}");
    }
}

#[test]
fn a_missing_directory_is_an_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    for format in FORMATS {
        let path = dir.path().join("no-such-dir").join("kb.out");
        let path = path.to_str().unwrap();
        assert_error(
            &["export", "--format", format, "--output", path],
            &["cannot write", path, "no directory"],
        );
    }
    // A file where the directory should be.
    let file = dir.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let path = file.join("kb.json");
    assert_error(
        &["export", "--output", path.to_str().unwrap()],
        &["cannot write", path.to_str().unwrap()],
    );
    assert_eq!(names(dir.path()), ["a-file"]);
}

#[test]
fn a_target_that_cannot_be_replaced_leaves_no_temporary_file() {
    // The export is written in full, then cannot be renamed over a
    // non-empty directory: an error, and the temporary file is gone.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("kb.json");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("keep"), "x").unwrap();
    for format in FORMATS {
        assert_error(
            &[
                "export",
                "--format",
                format,
                "--output",
                target.to_str().unwrap(),
            ],
            &["cannot write", target.to_str().unwrap()],
        );
        assert_eq!(names(dir.path()), ["kb.json"], "{format}");
        assert_eq!(names(&target), ["keep"], "{format}");
    }
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_usual_mode_and_a_replaced_one_keeps_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // What a plain create gives under this process's umask.
    let reference = dir.path().join("reference");
    fs::File::create(&reference).unwrap();
    let path = dir.path().join("kb.db");
    let (code, _, stderr) = run(&[
        "export",
        "--format",
        "sqlite",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(mode(&path), mode(&reference));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, stderr) = run(&["export", "--output", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(mode(&path), 0o640);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_stays_a_link_to_the_new_export() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("data");
    fs::create_dir(&real).unwrap();
    fs::write(real.join("kb.json"), "old").unwrap();
    let link = dir.path().join("kb.json");
    std::os::unix::fs::symlink("data/kb.json", &link).unwrap();
    let (code, _, stderr) = run(&["export", "--output", link.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let (_, expected, _) = run(&["export"]);
    assert_eq!(fs::read_to_string(real.join("kb.json")).unwrap(), expected);
    assert_eq!(names(dir.path()), ["data", "kb.json"]);
    assert_eq!(names(&real), ["kb.json"]);
}

#[cfg(unix)]
#[test]
fn a_device_is_written_to_as_it_is() {
    let (_, expected, _) = run(&["export", "--format", "ndjson"]);
    let (code, stdout, stderr) = run(&["export", "--format", "ndjson", "--output", "/dev/stdout"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, expected);
    let (code, stdout, stderr) = run(&["export", "--output", "/dev/null"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    assert_error(
        &["export", "--format", "sqlite", "--output", "/dev/null"],
        &["cannot write /dev/null", "regular file"],
    );
}
