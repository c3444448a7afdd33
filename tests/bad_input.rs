//! The bad-input matrix: every kind of broken dataset or argument a user can
//! hand the program. Each one exits 2 (or 1 where `check` reports findings)
//! with one clear line naming the file or value, never a panic, within a hang
//! guard of 300 seconds and an address-space limit of 1 GiB.
//!
//! Big inputs are generated at run time in a temporary directory.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;

/// How long a run may take before it counts as a hang: generous, for a debug
/// binary on a loaded machine (the 2 MB string takes seconds to lay out).
const HANG_GUARD_SECS: u64 = 300;

/// Address space the binary may use, in KiB (ulimit -v): 1 GiB.
const MEMORY_LIMIT_KIB: u32 = 1024 * 1024;

/// Runs `summit-kb ARGS` under the memory limit and the hang guard; returns
/// (exit code, stdout, stderr). A crash (signal, such as an abort on failed
/// allocation) fails the test.
fn guarded(args: &[&str]) -> (i32, String, String) {
    let bin = Command::cargo_bin("summit-kb").expect("the binary is built");
    let script = format!("ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\"");
    let mut cmd = assert_cmd::Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .arg(bin.get_program())
        .args(args)
        .env_remove("SUMMIT_KB_DATA")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("TZ", "UTC")
        .timeout(Duration::from_secs(HANG_GUARD_SECS));
    let output = cmd.output().expect("the binary runs");
    let code = output.status.code().unwrap_or_else(|| {
        panic!(
            "{args:?}: killed by a signal (hang guard or memory limit): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (
        code,
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// [`common::assert_error`] under the memory limit and the hang guard.
fn assert_bad(args: &[&str], needles: &[&str]) -> String {
    common::assert_error_output(args, guarded(args), needles)
}

/// Asserts the same of a query (`docs`) and of `check` over `data`.
fn assert_bad_data(data: &Path, needles: &[&str]) {
    let data = data.to_str().unwrap();
    assert_bad(&["--data", data, "docs"], needles);
    assert_bad(&["check", data], needles);
}

/// A source and an organisation citing it: the smallest valid dataset.
const VALID: &str = r#"
[[source]]
id = "s"
publisher = "P"
title = "T"

[[organization]]
id = "org"
name = "Org"
citations = [{ source = "s", quote = "q" }]
"#;

/// A source whose `published` field is the raw TOML value `value`.
fn source_published(value: &str) -> String {
    format!("[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\npublished = {value}\n")
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

// ---- empty input --------------------------------------------------------

#[test]
fn empty_files_are_not_datasets() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("empty.toml", ""),
        ("blank.toml", "\n  \n# only a comment\n"),
        ("info-only.toml", "[dataset]\nname = \"x\"\n"),
        ("object.json", "{}"),
    ] {
        let file = dir.path().join(name);
        fs::write(&file, text).unwrap();
        assert_bad_data(&file, &[name, "no records in this file"]);
    }
    let file = dir.path().join("empty.json");
    fs::write(&file, "").unwrap();
    assert_bad_data(&file, &["empty.json: empty file"]);
}

#[test]
fn an_empty_file_beside_real_ones_is_harmless() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), VALID).unwrap();
    fs::write(dir.path().join("b.toml"), "").unwrap();
    let (code, stdout, stderr) = guarded(&["check", path_str(dir.path())]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("2 records checked: 0 errors"),
        "{stdout}"
    );
}

#[test]
fn directories_without_dataset_files_are_errors() {
    let empty = tempfile::tempdir().unwrap();
    assert_bad_data(empty.path(), &["no .toml or .json files in this directory"]);

    let others = tempfile::tempdir().unwrap();
    fs::write(others.path().join("notes.txt"), "hello").unwrap();
    fs::write(others.path().join("data.yaml"), "a: 1").unwrap();
    fs::write(others.path().join("toml"), VALID).unwrap();
    fs::write(others.path().join(".hidden.toml"), VALID).unwrap();
    fs::create_dir(others.path().join("sub")).unwrap();
    fs::write(others.path().join("sub").join("README.md"), "# x").unwrap();
    let shown = path_str(others.path()).to_string();
    assert_bad_data(others.path(), &[&shown, "no .toml or .json files"]);

    let only_empty = tempfile::tempdir().unwrap();
    fs::write(only_empty.path().join("a.toml"), "").unwrap();
    fs::create_dir(only_empty.path().join("b")).unwrap();
    fs::write(only_empty.path().join("b").join("c.json"), "{}").unwrap();
    assert_bad_data(
        only_empty.path(),
        &["no records in the files of this directory"],
    );
}

// ---- bytes that are not a dataset ---------------------------------------

#[test]
fn non_utf8_bytes_are_named_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "latin1.json",
            b"{\"person\": [{\"id\": \"caf\xe9\"}]}",
            "latin1.json:1:24: not UTF-8",
        ),
        (
            "nul-then-bad.toml",
            b"a = \"\0\"\n\xc3\x28",
            "nul-then-bad.toml:2:1: not UTF-8",
        ),
        (
            "truncated.toml",
            b"name = \"\xe2\x82",
            "truncated.toml:1:9: not UTF-8",
        ),
        (
            "utf16.toml",
            b"\xff\xfe[\0[\0s\0",
            "utf16.toml: not UTF-8 text: the file is UTF-16",
        ),
    ];
    for (name, bytes, needle) in cases {
        let file = dir.path().join(name);
        fs::write(&file, bytes).unwrap();
        assert_bad_data(&file, &[needle]);
    }
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bom.toml");
    fs::write(&file, format!("\u{feff}{VALID}")).unwrap();
    let (code, stdout, stderr) = guarded(&["check", path_str(&file)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn thirty_megabytes_of_random_bytes_and_random_text() {
    let dir = tempfile::tempdir().unwrap();
    // A fixed xorshift stream: the same "random" file on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let size = 30 * 1024 * 1024;
    let bytes: Vec<u8> = (0..size).map(|_| next() as u8).collect();
    for name in ["random.toml", "random.json"] {
        let file = dir.path().join(name);
        fs::write(&file, &bytes).unwrap();
        assert_bad_data(&file, &[name, "not UTF-8 text"]);
    }
    // Text made of TOML's own punctuation, which the parser must read far into.
    let alphabet = b"[]{}=\"' \n\t.,-#abc123";
    let text: Vec<u8> = (0..size)
        .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
        .collect();
    for name in ["noise.toml", "noise.json"] {
        let file = dir.path().join(name);
        fs::write(&file, &text).unwrap();
        assert_bad_data(&file, &[name]);
    }
}

#[test]
fn a_two_megabyte_string_loads_and_prints_or_is_named_when_unclosed() {
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(2 * 1024 * 1024);
    let file = dir.path().join("big.toml");
    fs::write(
        &file,
        format!(
            "{VALID}\n[[person]]\nid = \"p\"\nname = \"{big}\"\ncitations = [{{ source = \"s\", quote = \"{big}\" }}]\n"
        ),
    )
    .unwrap();
    let data = path_str(&file);
    let (code, stdout, stderr) = guarded(&["--data", data, "show", "p"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(&big), "the whole name is shown");
    let (code, stdout, _) = guarded(&["--data", data, "--format", "json", "show", "p"]);
    assert_eq!(code, 0);
    assert!(stdout.len() > 4 * 1024 * 1024);
    let (code, stdout, _) = guarded(&["check", data]);
    assert_eq!(code, 0, "{stdout}");

    let file = dir.path().join("unclosed.toml");
    fs::write(
        &file,
        format!("{VALID}\n[[person]]\nid = \"p\"\nname = \"{big}\n"),
    )
    .unwrap();
    assert_bad_data(&file, &["unclosed.toml:14:", "invalid basic string"]);
}

#[test]
fn deeply_nested_values_are_refused_not_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let cases = [
        (
            "arrays.toml",
            format!("a = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "inline.toml",
            format!("a = {}1{}\n", "{b = ".repeat(depth), "}".repeat(depth)),
        ),
        ("dotted.toml", format!("[{}b]\n", "a.".repeat(depth))),
        (
            "arrays.json",
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "objects.json",
            format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)),
        ),
        (
            "in-a-field.json",
            format!(
                "{{\"person\": [{{\"id\": {}\"p\"{}}}]}}",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
        ),
    ];
    for (name, text) in cases {
        let file = dir.path().join(name);
        fs::write(&file, text).unwrap();
        assert_bad_data(&file, &[name]);
    }
}

#[test]
fn control_characters_in_keys_and_arguments_do_not_break_the_error_line() {
    // Found by the load fuzz target: a JSON key holding a newline made a
    // two-line error.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keys.json");
    fs::write(&file, "{\"a\\nb\\u001b[31m\": 1}").unwrap();
    assert_bad_data(&file, &["keys.json:1:", "unknown field `a\\nb\\u{1b}[31m`"]);
    let line = assert_bad(&["show", "a\nb"], &["no record with id 'a\\nb'"]);
    assert!(!line.contains('\x1b'));
    assert_bad(
        &["holder", "S\u{1b}[31mG"],
        &["no post called 'S\\u{1b}[31mG'"],
    );
}

// ---- the file system ----------------------------------------------------

#[test]
fn symlink_loops_under_data_are_errors() {
    // A directory that links to itself is tested in tests/cli.rs; here, files.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.toml"), VALID).unwrap();
    symlink(dir.path().join("b.toml"), dir.path().join("a.toml")).unwrap();
    symlink(dir.path().join("a.toml"), dir.path().join("b.toml")).unwrap();
    assert_bad_data(dir.path(), &["cannot read", "a.toml", "symbolic links"]);
    assert_bad_data(&dir.path().join("a.toml"), &["cannot read", "a.toml"]);

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.toml"), VALID).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    symlink(dir.path(), dir.path().join("sub").join("up")).unwrap();
    assert_bad_data(dir.path(), &["link loop"]);
}

#[test]
fn unreadable_entries_are_named() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.toml"), VALID).unwrap();
    symlink(
        dir.path().join("gone.toml"),
        dir.path().join("dangling.toml"),
    )
    .unwrap();
    assert_bad_data(dir.path(), &["cannot read", "dangling.toml"]);

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.toml"), VALID).unwrap();
    let fifo = dir.path().join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        // Reading a FIFO would block for ever: it must be refused, not opened.
        assert_bad_data(dir.path(), &["pipe.toml: not a regular file"]);
        assert_bad_data(&fifo, &["pipe.toml: not a regular file or a directory"]);
    } else {
        eprintln!("skipped the FIFO case: mkfifo is not available");
    }

    // chmod 000: unreadable, unless the tests run with the privilege to read
    // anything (root), in which case that part is skipped and says so.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.toml"), VALID).unwrap();
    let locked = dir.path().join("locked.toml");
    fs::write(&locked, VALID).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let sub = dir.path().join("locked-dir");
    fs::create_dir(&sub).unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        eprintln!("skipped the chmod 000 case: this user can read a mode-000 file (root)");
    } else {
        assert_bad_data(&locked, &["cannot read", "locked.toml", "ermission denied"]);
        assert_bad_data(dir.path(), &["cannot read", "locked"]);
    }
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
}

// ---- records ------------------------------------------------------------

#[test]
fn duplicate_ids_across_files_are_refused_by_queries_naming_both_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), VALID).unwrap();
    fs::write(
        dir.path().join("b.toml"),
        "[[person]]\nid = \"org\"\nname = \"Not the organisation\"\ncitations = [{ source = \"s\" }]\n",
    )
    .unwrap();
    let data = path_str(dir.path());
    assert_bad(
        &["--data", data, "docs"],
        &[
            "invalid dataset",
            "org: the id is used by 2 records",
            "a.toml",
            "b.toml",
        ],
    );
    assert_bad(
        &["--data", data, "export"],
        &["the id is used by 2 records"],
    );
}

#[test]
fn an_export_saved_into_its_own_data_directory_duplicates_every_id() {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(common::data_dir()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let data = path_str(dir.path());
    let export = dir.path().join("csto.json");
    let (code, _, stderr) = guarded(&["--data", data, "export", "--output", path_str(&export)]);
    assert_eq!(code, 0, "{stderr}");
    let line = assert_bad(
        &["--data", data, "holder", "SG", "--on", "2026-03-01"],
        &["invalid dataset", "csto.json", "more errors"],
    );
    assert!(line.contains("`summit-kb check` lists them all"), "{line}");
    let (code, stdout, _) = guarded(&["check", data]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("[dataset] is given in more than one file"),
        "{stdout}"
    );
    assert!(
        stdout.contains("secretary-general: the id is used by 2 records"),
        "{stdout}"
    );
}

// ---- dates --------------------------------------------------------------

/// Every malformed or impossible date, with what the message must say.
const BAD_DATES: &[(&str, &str)] = &[
    ("2025-13-01", "month 13 is not between 01 and 12"),
    ("2025-00", "month 00 is not between 01 and 12"),
    ("2025-01-00", "January 2025 has days 01 to 31, not 00"),
    ("2025-01-32", "January 2025 has days 01 to 31, not 32"),
    ("2024-02-30", "February 2024 has days 01 to 29, not 30"),
    ("2025-02-29", "February 2025 has days 01 to 28, not 29"),
    ("1900-02-29", "February 1900 has days 01 to 28, not 29"),
    ("2025-04-31", "April 2025 has days 01 to 30, not 31"),
    ("2025/01/01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025.01.01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025_01_01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025 01 01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("01-01-2025", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("25-01-01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025-1-1", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025-01-01x", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    (
        "2025-01-01T00:00:00",
        "expected YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    ("2025-01-01 ", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    (" 2025-01-01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("0000", "there is no year 0000"),
    ("0000-01-01", "there is no year 0000"),
    ("10000-01-01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("-2025-01-01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("+2025-01-01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("２０２５-01-01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
];

#[test]
fn every_invalid_date_form_in_toml_is_named_where_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (date, reason)) in BAD_DATES.iter().enumerate() {
        let name = format!("date-{i}.toml");
        let file = dir.path().join(&name);
        let value = toml_string(date);
        fs::write(&file, source_published(&value)).unwrap();
        let at = format!("{name}:5:13:");
        let quoted = format!("invalid date {date:?}");
        assert_bad_data(&file, &[&at, &quoted, reason]);
    }
}

#[test]
fn every_invalid_date_form_in_json_is_named_where_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (date, reason)) in BAD_DATES.iter().enumerate() {
        let name = format!("date-{i}.json");
        let file = dir.path().join(&name);
        let text = format!(
            "{{\"source\": [{{\"id\": \"s\", \"publisher\": \"P\", \"title\": \"T\", \"published\": {}}}]}}",
            serde_json::to_string(date).unwrap()
        );
        fs::write(&file, text).unwrap();
        let at = format!("{name}:1:");
        assert_bad_data(&file, &[&at, reason]);
    }
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

#[test]
fn toml_datetimes_and_numbers_where_a_date_string_is_expected() {
    let dir = tempfile::tempdir().unwrap();
    for (i, value) in [
        "2025-01-01",
        "1979-05-27T07:32:00Z",
        "1979-05-27T07:32:00",
        "1979-05-27 07:32:00-05:00",
        "07:32:00",
        "2025",
        "20250101",
        "2025.5",
        "true",
        "[\"2025\"]",
        "{ year = 2025 }",
    ]
    .iter()
    .enumerate()
    {
        let name = format!("value-{i}.toml");
        let file = dir.path().join(&name);
        fs::write(&file, source_published(value)).unwrap();
        let at = format!("{name}:5:13:");
        assert_bad_data(&file, &[&at, "a date as a string"]);
    }
    let file = dir.path().join("number.json");
    fs::write(
        &file,
        r#"{"source": [{"id": "s", "publisher": "P", "title": "T", "published": 2025}]}"#,
    )
    .unwrap();
    assert_bad_data(&file, &["number.json:1:", "a date as a string"]);
}

#[test]
fn every_invalid_date_form_on_the_command_line() {
    for (date, reason) in BAD_DATES {
        // `--on=VALUE`, so that a value starting with '-' is not taken for a flag.
        let on = format!("--on={date}");
        let in_force = format!("--in-force-on={date}");
        for args in [
            &["holder", "SG", &on][..],
            &["chair", &on],
            &["docs", &in_force],
        ] {
            let (code, stdout, stderr) = guarded(args);
            assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
            assert!(stdout.is_empty(), "{args:?}");
            assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
            assert!(
                stderr.starts_with("error: invalid value"),
                "{args:?}: {stderr}"
            );
            assert!(stderr.contains(&format!("'{date}'")), "{args:?}: {stderr}");
            // Each flag names every form it takes, `today` too, and only those.
            let reason = match (*reason, args[0]) {
                ("expected YYYY, YYYY-MM or YYYY-MM-DD", "docs") => {
                    "expected a whole day, YYYY-MM-DD, or `today`"
                }
                ("expected YYYY, YYYY-MM or YYYY-MM-DD", _) => {
                    "expected YYYY-MM-DD, YYYY-MM, YYYY or `today`"
                }
                (other, _) => other,
            };
            assert!(
                stderr.contains(reason),
                "{args:?}: {reason:?} not in {stderr}"
            );
        }
    }
    for coarse in ["2025", "2025-06"] {
        // `--on` takes a month or a year; `--in-force-on` a day only.
        let (code, _, stderr) = guarded(&["holder", "SG", "--on", coarse]);
        assert!(code < 2, "{stderr}");
        let in_force = format!("--in-force-on={coarse}");
        let (code, _, stderr) = guarded(&["docs", &in_force]);
        assert_eq!(code, 2);
        assert!(
            stderr.contains("expected a whole day, YYYY-MM-DD, or `today`, not a"),
            "{stderr}"
        );
    }
}
