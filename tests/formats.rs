//! Every output format on the list and query commands, read back with a
//! standard reader (Python's csv and json modules, a GitHub table parser);
//! deterministic output; colour only when asked for; completions and the
//! manual page.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use common::{data_ids, data_records, run, summit_kb};

/// Runs `python3 -c SCRIPT` with `input` on stdin and returns its stdout,
/// which the scripts below make JSON.
fn python(script: &str, input: &str) -> Value {
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "python3 failed: {stderr}\n{input}");
    serde_json::from_slice(&output.stdout).unwrap()
}

const CSV: &str = "import csv, io, json, sys
rows = list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))
json.dump(rows, sys.stdout)";

const NDJSON: &str = "import json, sys
json.dump([json.loads(line) for line in sys.stdin.read().splitlines()], sys.stdout)";

const JSON: &str = "import json, sys
json.dump(json.load(sys.stdin), sys.stdout)";

/// A GitHub table: a header row, a `| --- |` row, then rows of the same width;
/// `\\|` is a pipe inside a cell.
const MARKDOWN: &str = r"import json, re, sys
lines = sys.stdin.read().splitlines()
assert len(lines) >= 2, lines
for line in lines:
    assert line.startswith('| ') and line.endswith(' |'), line
def cells(line):
    return [c.strip().replace('\\|', '|') for c in re.split(r'(?<!\\)\|', line)[1:-1]]
header = cells(lines[0])
assert re.fullmatch(r'\|( --- \|)+', lines[1]), lines[1]
assert len(cells(lines[1])) == len(header)
rows = [cells(l) for l in lines[2:]]
assert all(len(r) == len(header) for r in rows), rows
json.dump([header] + rows, sys.stdout)";

fn output(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert!(code == 0, "{args:?}: exit {code}: {stderr}");
    assert!(stderr.is_empty(), "{args:?}: {stderr}");
    stdout
}

fn rows(value: &Value) -> Vec<Vec<String>> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

/// Commands with their argument lists, with how many records each lists
/// (counted in the data).
fn lists() -> Vec<(&'static [&'static str], usize)> {
    vec![
        (&["summits"][..], data_records("meeting").len()),
        (
            &["docs", "--kind", "strategy"],
            data_ids("document", |d| d["kind"] == "strategy").len(),
        ),
        (
            &["decisions", "--kind", "award"],
            data_ids("decision", |d| d["kind"] == "award").len(),
        ),
        (
            &["terms", "secretary-general"],
            data_ids("term", |t| t["post"] == "secretary-general").len(),
        ),
    ]
}

fn with_format<'a>(format: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--format", format];
    all.extend_from_slice(args);
    all
}

#[test]
fn csv_has_one_header_row_and_a_row_per_record() {
    for (args, count) in lists() {
        let text = output(&with_format("csv", args));
        let table = rows(&python(CSV, &text));
        assert!(count > 1, "{args:?}");
        assert_eq!(table.len(), count + 1, "{args:?}:\n{text}");
        assert!(
            table[0].contains(&"id".to_string()),
            "{args:?}: {:?}",
            table[0]
        );
        assert!(table.iter().all(|r| r.len() == table[0].len()), "{args:?}");
    }
    // Terms as data: ids beside names, the bounds as dates, a flag as
    // true/false, the same values as the JSON of the same command.
    let terms = rows(&python(CSV, &output(&["--format", "csv", "terms", "SG"])));
    let header = &terms[0];
    for column in ["id", "person", "person_name", "start", "end", "acting"] {
        assert!(header.contains(&column.to_string()), "{header:?}");
    }
    let json = python(JSON, &output(&["--format", "json", "terms", "SG"]));
    let json = json.as_array().unwrap();
    assert_eq!(terms.len(), json.len() + 1);
    for (row, record) in terms[1..].iter().zip(json) {
        for (column, cell) in header.iter().zip(row) {
            let expected = match &record[column.as_str()] {
                Value::String(s) => s.clone(),
                Value::Bool(b) => b.to_string(),
                // Flags left out of the JSON when false.
                Value::Null if column == "acting" || column == "end_derived" => "false".to_string(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            assert_eq!(cell, &expected, "{column} of {}", record["id"]);
        }
    }
    let semerikov = terms
        .iter()
        .find(|r| r.contains(&"sg-2017-semerikov-acting".to_string()))
        .unwrap();
    let at = |c: &str| &semerikov[header.iter().position(|h| h == c).unwrap()];
    assert_eq!(at("person_name"), "Valery Semerikov");
    assert_eq!(at("start"), "2017-01-01");
    assert_eq!(at("end"), "2017-05-01");
    assert_eq!(at("acting"), "true");
}

#[test]
fn csv_of_a_title_with_quotes_and_commas_reads_back_whole() {
    // Real titles: commas (the Bordyuzha award), guillemets and Cyrillic
    // (the medal), straight quotes (a decision of 2013).
    let title = |id: &str| {
        data_records("decision")
            .into_iter()
            .find(|d| d["id"] == id)
            .unwrap()["title"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let text = output(&["--format", "csv", "decisions", "--kind", "award"]);
    let table = rows(&python(CSV, &text));
    let title_of = |table: &[Vec<String>], id: &str| {
        let row = table
            .iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("{id}"));
        row[2].clone()
    };
    for id in ["bishkek-2017-award-bordyuzha", "bishkek-2025-medal"] {
        assert_eq!(title_of(&table, id), title(id), "{id}");
    }
    assert!(title("bishkek-2017-award-bordyuzha").contains(", "));
    let text = output(&["--format", "csv", "decisions", "--kind", "other"]);
    let table = rows(&python(CSV, &text));
    let quoted = "bishkek-2013-military-component-afghanistan";
    assert!(title(quoted).starts_with('"'), "{}", title(quoted));
    assert_eq!(title_of(&table, quoted), title(quoted));

    // Both at once, with a line break, in a title of a small dataset.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.toml"),
        r#"
[[source]]
id = "s"
publisher = "P"
title = "T"

[[document]]
id = "tricky"
title = "Plan \"A, B\", and \"C\",\nsecond line"
kind = "plan"
citations = [{ source = "s", quote = "q" }]
"#,
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    let text = output(&["--data", data, "--format", "csv", "docs"]);
    let table = rows(&python(CSV, &text));
    assert_eq!(table.len(), 2, "{text}");
    assert_eq!(table[1][0], "tricky");
    assert_eq!(table[1][2], "Plan \"A, B\", and \"C\",\nsecond line");
}

#[test]
fn csv_of_an_empty_list_is_its_header_and_exit_1() {
    let (code, stdout, _) = run(&["--format", "csv", "docs", "--topic", "no such topic at all"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "id,kind,title,organization,adopted_at,adopted_on,in_force,valid_from,valid_to,amends,topics,confidence\n"
    );
    // The same for a search that finds nothing and a range with no event.
    let (code, stdout, _) = run(&["--format", "csv", "search", "zzzzzz"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "rank,kind,id,field,match,typos,snippet,sources\n");
    let args = [
        "--format", "csv", "timeline", "--from", "1800", "--to", "1801",
    ];
    let (code, stdout, _) = run(&args);
    assert_eq!(code, 1);
    assert_eq!(stdout, "date,precision,kind,what,id,in_range\n");
}

#[test]
fn csv_of_a_query_answer_is_its_fields() {
    let text = output(&["--format", "csv", "holder", "SG", "--on", "2019-06-01"]);
    let table = rows(&python(CSV, &text));
    assert_eq!(table.len(), 2, "{text}");
    let at = |c: &str| &table[1][table[0].iter().position(|h| h == c).unwrap()];
    assert_eq!(at("person_name"), "Valery Semerikov");
    assert_eq!(at("acting"), "true");
    assert_eq!(at("certainty"), "yes");
    assert_eq!(at("term_id"), "sg-2018-semerikov-acting");
    // --explain adds to the JSON, not to the CSV's columns.
    let explained = output(&[
        "--format",
        "csv",
        "holder",
        "SG",
        "--on",
        "2019-06-01",
        "--explain",
    ]);
    assert_eq!(explained, text);
}

#[test]
fn json_and_ndjson_have_the_export_record_shape() {
    let export: Value = serde_json::from_str(&output(&["export"])).unwrap();
    for (args, count) in lists() {
        let json = python(JSON, &output(&with_format("json", args)));
        let ndjson = python(NDJSON, &output(&with_format("ndjson", args)));
        assert_eq!(json.as_array().unwrap().len(), count, "{args:?}");
        assert_eq!(json, ndjson, "{args:?}: ndjson holds the same records");
    }
    // A row is the exported record with what is computed beside it.
    let terms = python(NDJSON, &output(&["--format", "ndjson", "terms", "SG"]));
    for term in terms.as_array().unwrap() {
        let mut record = term.clone();
        for computed in ["organization", "post_name", "person_name"] {
            assert!(record.as_object_mut().unwrap().remove(computed).is_some());
        }
        assert!(
            export["term"].as_array().unwrap().contains(&record),
            "{term} is not an exported term"
        );
    }
}

#[test]
fn ndjson_of_a_query_answer_is_a_line_a_match() {
    let text = output(&["--format", "ndjson", "holder", "SG", "--on", "2026-03-01"]);
    assert_eq!(text.lines().count(), 1, "{text}");
    let value = python(NDJSON, &text);
    assert_eq!(value[0]["term"]["id"], "sg-2026-masadykov");
    // Both organisations' Secretaries General: a line each.
    let text = output(&[
        "--format",
        "ndjson",
        "holder",
        "Secretary General",
        "--on",
        "2020-06-01",
    ]);
    let value = python(NDJSON, &text);
    let orgs: Vec<&Value> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["organization"])
        .collect();
    assert_eq!(orgs, ["csto", "sco"]);
}

#[test]
fn export_ndjson_is_one_record_a_line_with_its_kind() {
    let text = output(&["export", "--format", "ndjson"]);
    let lines = python(NDJSON, &text);
    let lines = lines.as_array().unwrap();
    assert_eq!(lines[0]["kind"], "meta");
    assert_eq!(lines[1]["kind"], "dataset");
    let export: Value = serde_json::from_str(&output(&["export"])).unwrap();
    let records = lines.len() - 2;
    let total: u64 = export["meta"]["counts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(records as u64, total);
    let term = lines.iter().find(|l| l["kind"] == "term").unwrap();
    assert_eq!(term["record"], export["term"][0]);
}

#[test]
fn markdown_is_a_github_table() {
    for (args, count) in lists() {
        let text = output(&with_format("markdown", args));
        let table = rows(&python(MARKDOWN, &text));
        assert_eq!(table.len(), count + 1, "{args:?}:\n{text}");
        assert!(table[0].contains(&"id".to_string()), "{args:?}");
    }
    // A meeting's documents: the table, then a paragraph on how completely
    // they are recorded.
    let text = output(&[
        "--format",
        "markdown",
        "docs",
        "--summit",
        "csc-2025-bishkek",
    ]);
    let (table, paragraph) = text
        .split_once("\n\n")
        .expect("a paragraph after the table");
    let table = rows(&python(MARKDOWN, table));
    let count = data_ids("document", |d| d["adopted_at"] == "csc-2025-bishkek").len();
    assert_eq!(table.len(), count + 1, "{text}");
    assert!(
        paragraph.starts_with(&format!(
            "{count} recorded; the documents of csc-2025-bishkek are recorded only in part"
        )),
        "{paragraph}"
    );
}

#[test]
fn every_format_is_deterministic() {
    for format in ["table", "json", "ndjson", "csv", "markdown"] {
        for args in [
            &["summits"][..],
            &["docs"],
            &["show", "csc-2025-bishkek"],
            &["chair", "--on", "2026-06-01"],
        ] {
            let args = with_format(format, args);
            assert_eq!(run(&args), run(&args), "{args:?}");
        }
    }
    for format in ["json", "ndjson", "popolo"] {
        let args = ["export", "--format", format];
        assert_eq!(output(&args), output(&args), "{args:?}");
    }
}

#[test]
fn popolo_is_for_export_and_csv_is_not() {
    // Refused by clap, before or after the command's name, as each command
    // takes only the formats it writes.
    for args in [
        ["--format", "popolo", "docs"],
        ["docs", "--format", "popolo"],
    ] {
        common::assert_error(
            &args,
            &[
                "'popolo'",
                "[possible values: table, json, ndjson, csv, markdown]",
            ],
        );
    }
    for args in [["export", "--format", "csv"], ["--format", "csv", "export"]] {
        common::assert_error(
            &args,
            &[
                "'csv'",
                "[possible values: json, ndjson, popolo, sqlite, snapshot]",
            ],
        );
    }
    common::assert_error(&["--format", "yaml", "docs"], &["yaml"]);
}

#[test]
fn no_escape_codes_when_piped_or_with_no_color() {
    for format in ["table", "json", "ndjson", "csv", "markdown"] {
        let (_, stdout, _) = run(&with_format(format, &["docs"]));
        assert!(!stdout.contains('\x1b'), "{format}");
        // Machine formats stay plain even when colour is forced.
        if format != "table" {
            let (_, stdout, _) = run(&["--color", "always", "--format", format, "docs"]);
            assert!(!stdout.contains('\x1b'), "{format} with --color always");
        }
    }
    let output = summit_kb()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "chair", "--on", "2026-06-01"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\x1b'));
    let (_, stdout, _) = run(&["--color", "always", "terms"]);
    assert!(stdout.contains("\x1b["), "--color always colours the table");
}

#[test]
fn completions_load_in_bash() {
    let script = output(&["completions", "bash"]);
    let check = Command::new("bash")
        .args(["--norc", "-c", "source /dev/stdin && complete -p summit-kb"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(script.as_bytes())?;
            child.wait_with_output()
        })
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(stdout.contains("summit-kb"), "{stdout}");
    // The script calls the program back for its candidates (tests/completion.rs
    // runs it).
    assert!(script.contains("SUMMIT_KB_COMPLETE=\"bash\""), "{script}");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let text = output(&["completions", shell]);
        assert!(text.contains("summit-kb"), "{shell}");
    }
    common::assert_error(&["completions", "tcsh"], &["tcsh"]);
}

#[test]
fn the_manual_page_renders() {
    let page = output(&["man"]);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{page}");
    assert!(page.contains(".TH summit-kb 1"), "{page}");
    assert!(page.contains("export"), "{page}");
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in ["schema", "completions", "man", "export"] {
        let text = output(&[cmd, "--help"]);
        assert!(text.contains("summit-kb "), "{cmd}:\n{text}");
    }
    let version = output(&["--version"]);
    assert!(version.starts_with("summit-kb 0."), "{version}");
}

/// Runs `summit-kb ARGS` on a pseudo-terminal `columns` wide (util-linux
/// `script`), with `NO_COLOR` set or not; returns what it printed.
fn on_terminal(columns: u16, no_color: bool, args: &str) -> String {
    let command = format!(
        "stty cols {columns} rows 40; {} {args}",
        env!("CARGO_BIN_EXE_summit-kb")
    );
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env_remove("SUMMIT_KB_DATA")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .env("TZ", "UTC")
        .stdin(Stdio::null());
    if no_color {
        script.env("NO_COLOR", "1");
    }
    let output = script.output().expect("util-linux script runs");
    assert!(output.status.success(), "{command}");
    String::from_utf8(output.stdout)
        .unwrap()
        .replace("\r\n", "\n")
}

/// The text without its SGR escape codes.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("\x1b[") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('m').expect("an SGR sequence ends with m");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn on_a_terminal_tables_fit_its_width_and_colour_follows_no_color() {
    let coloured = on_terminal(100, false, "docs --summit csc-2025-bishkek");
    assert!(
        coloured.contains("\x1b["),
        "colour on a terminal:\n{coloured}"
    );
    let text = plain(&coloured);
    // The table, then the note on how completely the documents are recorded.
    let count = data_ids("document", |d| d["adopted_at"] == "csc-2025-bishkek").len();
    let (table, note) = text
        .split_once(&format!("\n{count} recorded; "))
        .unwrap_or_else(|| panic!("no note after the table:\n{text}"));
    for line in table.lines() {
        assert!(line.chars().count() <= 100, "wider than 100: {line:?}");
    }
    assert!(note.contains("recorded only in part"), "{note}");
    assert!(table.contains("bishkek-2025-anti-drug-strategy"), "{text}");
    assert!(
        table.lines().count() > count + 1,
        "{count} documents, long titles wrapped:\n{table}"
    );
    let uncoloured = on_terminal(100, true, "docs --summit csc-2025-bishkek");
    assert!(!uncoloured.contains('\x1b'), "NO_COLOR:\n{uncoloured}");
    assert_eq!(plain(&coloured), uncoloured);
}

#[test]
fn csv_of_show_and_chair_is_one_header_row_and_their_fields() {
    for (args, first, records) in [
        (
            &["chair", "--org", "csto", "--on", "2026-06-01"][..],
            "organization",
            1,
        ),
        // A row for each organisation's chair, under one declared header.
        (&["chair", "--on", "2026-06-01"], "organization", 3),
    ] {
        let text = output(&with_format("csv", args));
        let table = rows(&python(CSV, &text));
        assert_eq!(table.len(), records + 1, "{args:?}:\n{text}");
        assert_eq!(table[0][0], first, "{args:?}");
        assert!(table.iter().all(|r| r.len() == table[0].len()), "{args:?}");
    }
    // show: a row per field of the record.
    let text = output(&["--format", "csv", "show", "csc-2025-bishkek"]);
    let table = rows(&python(CSV, &text));
    assert_eq!(table[0], ["field", "value"]);
    let export: Value = serde_json::from_str(&output(&["export"])).unwrap();
    let meeting = export["meeting"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "csc-2025-bishkek")
        .unwrap();
    assert_eq!(table.len() - 1, meeting.as_object().unwrap().len());
    let text = output(&["--format", "csv", "chair", "--on", "2026-06-01"]);
    let table = rows(&python(CSV, &text));
    let id = table[0].iter().position(|h| h == "id").unwrap();
    let states: Vec<&str> = table[1..].iter().map(|r| r[id].as_str()).collect();
    assert_eq!(
        states,
        [
            "chair-2026-russia",
            "eaeu-chair-2026-kazakhstan",
            "sco-chair-2025-kyrgyzstan"
        ]
    );
}

/// The timeline chart's meaning is its alignment: Markdown fences it, with
/// the same lines as the table format, instead of collapsing its spaces.
#[test]
fn markdown_chart_is_fenced_and_keeps_its_columns() {
    let args = ["timeline", "--chart", "--width", "90"];
    let (code, table, _) = run(&args);
    assert_eq!(code, 0);
    let (code, markdown, _) = run(&[&["--format", "markdown"], &args[..]].concat());
    assert_eq!(code, 0);
    let lines: Vec<&str> = markdown.lines().collect();
    assert_eq!(lines.first(), Some(&"```text"), "{markdown}");
    assert_eq!(lines.last(), Some(&"```"), "{markdown}");
    assert_eq!(lines[1..lines.len() - 1].join("\n"), table.trim_end());
    assert!(!markdown.contains("<br>"), "{markdown}");
}
