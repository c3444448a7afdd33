//! The table on a real terminal: the binary runs on a pseudo-terminal 60, 80
//! and 120 columns wide, and what it writes there is checked against what
//! the same command answers piped (the table) and as JSON.

#![cfg(unix)]

mod common;

use std::collections::BTreeSet;

use common::pty::{on_terminal, on_terminal_with};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// The narrowest a wrapped column of prose may be.
use summit_kb::output::MIN_TEXT;

const WIDTHS: [u16; 3] = [60, 80, 120];

/// The ids and ISO dates of the JSON answer that the piped table shows.
fn unbreakable(args: &[&str]) -> BTreeSet<String> {
    let mut json_args = vec!["--format", "json"];
    json_args.extend_from_slice(args);
    let (_, json, _) = common::run(&json_args);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    let (_, piped, _) = common::run(args);
    let mut strings = Vec::new();
    collect_strings(&json, &mut strings);
    strings
        .into_iter()
        .filter(|s| is_id(s) || is_date(s) || s.starts_with("http"))
        .filter(|s| piped.contains(s.as_str()))
        .collect()
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

fn is_id(s: &str) -> bool {
    s.contains('-')
        && s.len() > 4
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The commands checked, with the headers of their columns of prose (whose
/// content is wider than the least width, so that they wrap when narrowed).
const COMMANDS: &[(&[&str], &[&str])] = &[
    (&["docs"], &["TITLE"]),
    (&["decisions"], &["TITLE"]),
    (&["summits"], &["PLACE", "STATUS"]),
    (&["terms"], &["HOLDER"]),
    (&["timeline"], &["WHAT"]),
    (&["timeline", "--chart"], &[]),
    (&["search", "masadykov"], &["SNIPPET"]),
    (&["holder", "SG", "--on", "2019-06-01"], &[]),
    (&["show", "kremlin-27071"], &[]),
];

#[test]
fn every_line_fits_and_no_id_or_date_is_broken() {
    for &(args, prose) in COMMANDS {
        let keep = unbreakable(args);
        let (piped_code, _, _) = common::run(args);
        for columns in WIDTHS {
            let mut full = vec!["--color", "never"];
            full.extend_from_slice(args);
            let (code, text) = on_terminal(columns, &full);
            let what = format!("{args:?} at {columns} columns");
            assert_eq!(code, piped_code, "{what}: exit status");
            assert!(text.lines().count() > 1, "{what}: {text}");
            for line in text.lines() {
                assert!(
                    line.width() <= usize::from(columns),
                    "{what}: {line:?} is {} wide",
                    line.width()
                );
            }
            // The chart shows names and years, no id.
            assert!(
                keep.len() > 3 || args[1..] == ["--chart"],
                "{what}: {keep:?}"
            );
            for token in &keep {
                assert!(text.contains(token.as_str()), "{what}: {token} is broken");
            }
            let header = text.lines().next().unwrap_or_default();
            let is_table =
                header.split_whitespace().all(|w| w == w.to_uppercase()) && !header.contains(':');
            if is_table {
                for name in prose {
                    let width = column_width(header, name, usize::from(columns));
                    assert!(width >= MIN_TEXT, "{what}: {name} is {width} wide");
                }
            }
        }
    }
}

/// The width of the column headed `name`: from its header to the next
/// header, less the gap, or to the terminal's edge.
fn column_width(header: &str, name: &str, columns: usize) -> usize {
    let start = header
        .find(&format!("{name} "))
        .or_else(|| header.ends_with(name).then(|| header.len() - name.len()))
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"));
    let after = &header[start + name.len()..];
    match after.trim_start().is_empty() {
        true => columns - header[..start].width(),
        false => name.width() + after.len() - after.trim_start().len() - 2,
    }
}

fn records(args: &[&str]) -> usize {
    let mut json_args = vec!["--format", "json"];
    json_args.extend_from_slice(args);
    let (_, json, _) = common::run(&json_args);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    json.as_array().expect("a list").len()
}

#[test]
fn docs_is_stacked_where_its_columns_cannot_fit_and_a_table_where_they_can() {
    let count = records(&["docs"]);
    // Its longest id, kind, dates and the least title need over 100 columns.
    for columns in [60, 80] {
        let (_, text) = on_terminal(columns, &["--color", "never", "docs"]);
        let blocks: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(blocks.len(), count, "a block a document at {columns}");
        for block in blocks {
            assert!(block.starts_with("id:"), "{columns}: {block}");
            assert!(block.contains("\ntitle:"), "{columns}: {block}");
        }
    }
    let (_, text) = on_terminal(120, &["--color", "never", "docs"]);
    assert!(text.starts_with("ID  "), "{text}");
    let lines = text.lines().count();
    assert!(
        lines < 5 * count,
        "{lines} lines for {count} documents at 120 columns"
    );
    // The title column takes all the room the others leave.
    let header = text.lines().next().unwrap();
    assert!(column_width(header, "TITLE", 120) >= 20, "{header}");
}

#[test]
fn the_terminal_gets_colour_unless_asked_not_to() {
    let (_, text) = on_terminal(80, &["holder", "SG", "--on", "2019-06-01"]);
    assert!(text.contains("\x1b[1m"), "{text:?}");
    let (_, text) = on_terminal(80, &["--color", "never", "holder", "SG"]);
    assert!(!text.contains('\x1b'), "{text:?}");
}

#[test]
fn colour_follows_the_environment_as_anstream_reads_it() {
    let args = ["holder", "SG", "--on", "2019-06-01"];
    let coloured = |text: &str| text.contains("\x1b[");
    // A terminal: coloured, but not with NO_COLOR, CLICOLOR=0 or TERM=dumb.
    assert!(coloured(&on_terminal_with(80, &args, &[]).1));
    for (key, value) in [("NO_COLOR", "1"), ("CLICOLOR", "0"), ("TERM", "dumb")] {
        let (_, text) = on_terminal_with(80, &args, &[(key, value)]);
        assert!(!coloured(&text), "{key}={value}: {text:?}");
    }
    // --color always is asked for: it wins over NO_COLOR.
    let always = ["--color", "always", "holder", "SG", "--on", "2019-06-01"];
    assert!(coloured(
        &on_terminal_with(80, &always, &[("NO_COLOR", "1")]).1
    ));
    // A pipe: plain, unless CLICOLOR_FORCE, over which NO_COLOR wins.
    let piped = |env: &[(&str, &str)]| {
        let mut cmd = common::summit_kb();
        cmd.args(args).envs(env.iter().copied());
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(!coloured(&piped(&[])));
    assert!(coloured(&piped(&[("CLICOLOR_FORCE", "1")])));
    assert!(!coloured(&piped(&[
        ("CLICOLOR_FORCE", "1"),
        ("NO_COLOR", "1")
    ])));
}

#[test]
fn piped_output_is_not_wrapped() {
    let (_, piped, _) = common::run(&["docs"]);
    assert_eq!(piped.lines().count(), records(&["docs"]) + 1);
}

#[test]
fn possibly_stands_out_in_colour() {
    let args = [
        "--color",
        "always",
        "holder",
        "Secretary-General",
        "--org",
        "sco",
        "--on",
        "2018-06-01",
    ];
    let (_, text, _) = common::run(&args);
    assert!(
        text.contains("certainty:\x1b[0m     \x1b[1m\x1b[33mpossibly\x1b[0m: the end"),
        "{text:?}"
    );
    // Never, the word is plain; so it is on a pipe by default.
    let (_, text, _) = common::run(&args[2..]);
    assert!(
        text.contains("certainty:     possibly: the end"),
        "{text:?}"
    );
    assert!(!text.contains('\x1b'), "{text:?}");
}
