//! Text from a dataset never reaches a terminal raw: a damaged copy of the
//! data whose titles and names hold ESC sequences, BEL, CR, BS, DEL, a C1
//! control and a bidi override is queried in every human format, piped and
//! on a pseudo-terminal, and `check` is run on one whose ids and file names
//! hold ESC. What is shown holds no control character but the line feed (and
//! the SGR sequences of the table's own colour, when on), and shows the
//! escapes (`\u{1b}`) instead.

#![cfg(unix)]

mod common;

use std::fs;
use std::path::Path;

use common::pty::on_terminal;

/// What the damage looks like in TOML (escapes a TOML string reads as the
/// characters): OSC retitling the window, BEL, a screen clear, CR, BS, a C1
/// CSI, DEL, and a right-to-left override.
const DAMAGE: &str = r"\u001b]0;pwned\u0007\u001b[2J\rX\b\u009b31m\u007f\u202e";

/// A copy of `data/` whose title of the Anti-Drug Strategy, name of the
/// Bishkek 2025 session and name of Imangali Tasmagambetov carry [`DAMAGE`];
/// it passes `check` (no rule is about what a title holds), so that every
/// query runs on it.
fn damaged_titles(dir: &Path) {
    copy_data(dir);
    let file = dir.join("bishkek-2025.toml");
    let text = fs::read_to_string(&file).unwrap();
    let damaged = text
        .replace(
            "title = \"Anti-Drug Strategy of the CSTO",
            &format!("title = \"Anti-Drug{DAMAGE} Strategy of the CSTO"),
        )
        .replace(
            "name = \"Collective Security Council session, Bishkek 2025\"",
            &format!("name = \"Collective Security Council{DAMAGE} session, Bishkek 2025\""),
        );
    assert_eq!(damaged.matches(DAMAGE).count(), 2, "the damage is in place");
    fs::write(&file, damaged).unwrap();
    let file = dir.join("people.toml");
    let text = fs::read_to_string(&file).unwrap();
    let damaged = text.replace(
        "name = \"Imangali Tasmagambetov\"",
        &format!("name = \"Imangali{DAMAGE} Tasmagambetov\""),
    );
    assert_eq!(damaged.matches(DAMAGE).count(), 1, "the damage is in place");
    fs::write(&file, damaged).unwrap();
}

fn copy_data(dir: &Path) {
    for entry in fs::read_dir(common::data_dir()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
}

/// Why `text` would do something to a terminal, if it would: a control
/// character (other than the line feed, and other than the SGR colour
/// sequences when `sgr` allows them) or a bidi override.
fn unsafe_char(text: &str, sgr: bool) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if sgr && c == '\x1b' && chars.get(i + 1) == Some(&'[') {
            // ESC [ digits and semicolons m: a colour, nothing else.
            let end = chars[i + 2..]
                .iter()
                .position(|c| !(c.is_ascii_digit() || *c == ';'))
                .map(|n| i + 2 + n);
            if let Some(end) = end.filter(|&e| chars[e] == 'm') {
                i = end + 1;
                continue;
            }
        }
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\n') || bidi {
            let from = i.saturating_sub(30);
            let around: String = chars[from..(i + 10).min(chars.len())].iter().collect();
            return Some(format!("{c:?} at {i}, in {around:?}"));
        }
        i += 1;
    }
    None
}

fn assert_shown_safely(what: &str, text: &str, sgr: bool) {
    if let Some(why) = unsafe_char(text, sgr) {
        panic!("{what}: a raw control character reaches the terminal: {why}\n{text}");
    }
    // A narrow chart cuts its labels: the first escape stays.
    assert!(
        text.contains("\\u{1b}"),
        "{what}: the damage is not shown as escapes:\n{text}"
    );
}

/// The queries that show the damaged title or name: a list (the table), one
/// record (the stacked layout), a search, the timeline and its chart.
const QUERIES: &[&[&str]] = &[
    &["docs", "--summit", "csc-2025-bishkek"],
    &["show", "bishkek-2025-anti-drug-strategy"],
    &["show", "csc-2025-bishkek"],
    &["search", "pwned"],
    &["timeline", "--from", "2025-11", "--to", "2025-11"],
    &["timeline", "--from", "2025", "--to", "2025", "--chart"],
];

#[test]
fn a_damaged_title_is_shown_safely_by_every_human_format_piped() {
    let dir = tempfile::tempdir().unwrap();
    damaged_titles(dir.path());
    let data = dir.path().to_str().unwrap();
    for query in QUERIES {
        for format in ["table", "markdown"] {
            let mut args = vec!["--data", data, "--format", format];
            args.extend_from_slice(query);
            let (code, stdout, stderr) = common::run(&args);
            assert!(code < 2, "{args:?}: exit {code}: {stderr}");
            assert_shown_safely(&format!("{args:?}"), &stdout, false);
        }
    }
}

#[test]
fn a_damaged_title_is_shown_safely_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    damaged_titles(dir.path());
    let data = dir.path().to_str().unwrap();
    for query in QUERIES {
        // 200 columns: the table; 40: rows stacked as `field: value`.
        for (columns, format, color) in [
            (200, "table", "always"),
            (200, "table", "never"),
            (40, "table", "never"),
            (120, "markdown", "auto"),
            (120, "csv", "auto"),
        ] {
            if format == "csv" && query.contains(&"--chart") {
                continue;
            }
            let mut args = vec!["--data", data, "--color", color, "--format", format];
            args.extend_from_slice(query);
            let (code, text) = on_terminal(columns, &args);
            assert!(code < 2, "{args:?}: exit {code}: {text}");
            assert_shown_safely(&format!("{args:?} at {columns}"), &text, color == "always");
        }
    }
}

/// CSV piped is data: the values as they are, as JSON holds them (which
/// escapes them as JSON does).
#[test]
fn csv_piped_and_json_keep_the_values() {
    let dir = tempfile::tempdir().unwrap();
    damaged_titles(dir.path());
    let data = dir.path().to_str().unwrap();
    let args = [
        "--data",
        data,
        "--format",
        "csv",
        "docs",
        "--summit",
        "csc-2025-bishkek",
    ];
    let (code, csv, _) = common::run(&args);
    assert_eq!(code, 0);
    assert!(csv.contains("Anti-Drug\x1b]0;pwned\x07\x1b[2J\rX\x08\u{9b}31m\x7f\u{202e} Strategy"));
    let (code, json, _) = common::run(&[
        "--data",
        data,
        "--format",
        "json",
        "show",
        "bishkek-2025-anti-drug-strategy",
    ]);
    assert_eq!(code, 0);
    assert!(
        !json.contains('\x1b') && json.contains("\\u001b]0;pwned\\u0007"),
        "{json}"
    );
}

/// `check`, run on someone else's dataset, names the ids and files it finds
/// wrong: an id and a file name holding ESC are shown as escapes.
#[test]
fn check_shows_damaged_ids_and_file_names_safely() {
    let dir = tempfile::tempdir().unwrap();
    copy_data(dir.path());
    fs::write(
        dir.path().join("evil\x1b[2J\x07.toml"),
        "[[source]]\nid = \"evil\\u001b]0;pwned\\u0007\\u001b[2J\"\npublisher = \"P\\rX\"\ntitle = \"T\"\n\n\
         [[source]]\nid = \"evil\\u001b]0;pwned\\u0007\\u001b[2J\"\npublisher = \"P\"\ntitle = \"T\"\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    for format in ["table", "markdown"] {
        let args = ["--format", format, "check", data];
        let (code, stdout, stderr) = common::run(&args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert_shown_safely(&format!("{args:?}"), &stdout, false);
        assert!(stdout.contains("evil\\u{1b}[2J\\u{7}.toml"), "{stdout}");
        assert!(
            stdout.contains("evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"),
            "{stdout}"
        );
        for color in ["always", "never"] {
            let args = ["--color", color, "--format", format, "check", data];
            let (code, text) = on_terminal(100, &args);
            assert_eq!(code, 1, "{args:?}: {text}");
            assert_shown_safely(&format!("{args:?}"), &text, color == "always");
        }
    }
    // A query on it is refused, the error one line and escaped.
    let (code, stdout, stderr) = common::run(&["--data", data, "docs"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        unsafe_char(stderr.trim_end(), false).is_none(),
        "{stderr:?}"
    );
}
