//! The real binary, command by command, on the embedded dataset and on small
//! datasets written for each test.

mod common;

use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};

use common::{assert_error, data_dir, run, summit_kb};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = run(&full);
    assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"))
}

/// A temporary dataset directory holding one file with `text`.
fn dataset(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), text).unwrap();
    dir
}

const MINIMAL: &str = r#"
[[source]]
id = "s"
publisher = "P"
title = "T"

[[organization]]
id = "org"
name = "Org"
citations = [{ source = "s", quote = "q" }]

[[person]]
id = "ann"
name = "Ann"
citations = [{ source = "s" }]

[[person]]
id = "bob"
name = "Bob"
citations = [{ source = "s" }]

[[post]]
id = "head"
organization = "org"
name = "Head"
citations = [{ source = "s" }]
"#;

/// MINIMAL with these records after it.
fn with_terms(terms: &[String]) -> String {
    format!("{MINIMAL}\n{}", terms.concat())
}

/// A `[[term]]` of the post `head` of MINIMAL, citing its source.
fn term(id: &str, person: &str, start: &str, end: Option<&str>) -> String {
    let end = end.map(|e| format!("end = \"{e}\"\n")).unwrap_or_default();
    format!(
        "[[term]]\nid = \"{id}\"\npost = \"head\"\nperson = \"{person}\"\nstart = \"{start}\"\n{end}citations = [{{ source = \"s\" }}]\n\n"
    )
}

/// What `check` says of MINIMAL with these terms: (exit code, stdout).
fn check_terms(terms: &[String]) -> (i32, String) {
    let dir = dataset("t.toml", &with_terms(terms));
    let (code, stdout, _) = run(&["check", dir.path().to_str().unwrap()]);
    (code, stdout)
}

// ---- docs -------------------------------------------------------------

#[test]
fn docs_lists_the_bishkek_documents() {
    let (code, stdout, _) = run(&["docs"]);
    assert_eq!(code, 0);
    for title in [
        "Declaration of the CSTO Collective Security Council",
        "Anti-Drug Strategy",
        "2026",
    ] {
        assert!(stdout.contains(title), "{title} missing:\n{stdout}");
    }
    let docs = json(&["docs", "--summit", "csc-2025-bishkek"]);
    let docs = docs.as_array().unwrap();
    assert!(docs.len() >= 9, "{} documents", docs.len());
    assert!(docs.iter().all(|d| d["adopted_at"] == "csc-2025-bishkek"));
    assert!(docs
        .iter()
        .all(|d| !d["citations"].as_array().unwrap().is_empty()));
}

#[test]
fn docs_filters_by_kind_topic_and_validity() {
    let strategies = json(&["docs", "--kind", "strategy"]);
    let strategies = strategies.as_array().unwrap();
    assert!(!strategies.is_empty());
    assert!(strategies.iter().all(|d| d["kind"] == "strategy"));

    let drugs = json(&["docs", "--topic", "DRUG trafficking"]);
    let ids: Vec<&str> = drugs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"bishkek-2025-anti-drug-strategy"), "{ids:?}");

    let in_2030 = json(&["docs", "--in-force-on", "2030-12-31"]);
    assert_eq!(in_2030["possibly_in_force"], serde_json::json!([]));
    let in_2030 = in_2030["in_force"].as_array().unwrap();
    assert!(!in_2030.is_empty());
    assert!(
        in_2030.iter().all(|d| d["valid_to"] == "2030"),
        "{in_2030:?}"
    );
    let (code, stdout, _) = run(&["docs", "--in-force-on", "2031-01-01", "--kind", "strategy"]);
    assert_eq!(code, 1, "no strategy is in force in 2031: {stdout}");
    assert!(stdout.contains("No documents match"));
}

#[test]
fn docs_with_an_unknown_summit_suggests_one() {
    assert_error(
        &["docs", "--summit", "csc-2025-bishkk"],
        &[
            "no meeting with id 'csc-2025-bishkk'",
            "did you mean 'csc-2025-bishkek'",
        ],
    );
    assert_error(&["docs", "--kind", "treatise"], &["'treatise'", "treaty"]);
}

// ---- holder and terms ---------------------------------------------------

fn holder(post: &str, on: &str) -> (i32, Value) {
    let (code, stdout, stderr) = run(&["--format", "json", "holder", post, "--on", on]);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    (code, serde_json::from_str(&stdout).unwrap())
}

fn holder_name(on: &str) -> (String, bool) {
    let (code, answer) = holder("secretary-general", on);
    assert_eq!(code, 0, "{on}: {answer}");
    let holders = answer["holders"].as_array().unwrap();
    assert_eq!(holders.len(), 1, "{on}: {answer}");
    assert_eq!(holders[0]["certainty"], "yes");
    let acting = holders[0]["term"]["acting"].as_bool().unwrap_or(false);
    (
        holders[0]["person"]["name"].as_str().unwrap().to_string(),
        acting,
    )
}

#[test]
fn holder_names_the_secretary_general_of_the_issue_examples() {
    assert_eq!(
        holder_name("2026-03-01"),
        ("Taalatbek Masadykov".into(), false)
    );
    assert_eq!(holder_name("2019-06-01"), ("Valery Semerikov".into(), true));
    let (code, stdout, _) = run(&["holder", "secretary-general", "--on", "2019-06-01"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Valery Semerikov (acting)"), "{stdout}");
}

#[test]
fn holder_at_every_term_boundary() {
    let cases = [
        ("2003-04-28", "Nikolai Bordyuzha"),
        ("2016-12-31", "Nikolai Bordyuzha"),
        ("2017-01-01", "Valery Semerikov"),
        ("2017-05-01", "Valery Semerikov"),
        ("2017-05-02", "Yuri Khachaturov"),
        ("2018-11-01", "Yuri Khachaturov"),
        ("2018-11-02", "Valery Semerikov"),
        ("2019-12-31", "Valery Semerikov"),
        ("2020-01-01", "Stanislav Zas"),
        ("2022-12-31", "Stanislav Zas"),
        ("2023-01-01", "Imangali Tasmagambetov"),
        ("2025-12-31", "Imangali Tasmagambetov"),
        ("2026-01-01", "Taalatbek Masadykov"),
        ("2028-12-31", "Taalatbek Masadykov"),
    ];
    for (on, name) in cases {
        assert_eq!(holder_name(on).0, name, "{on}");
    }
}

#[test]
fn holder_outside_every_term_exits_1_saying_so() {
    for on in ["2003-04-27", "2029-01-01"] {
        let (code, stdout, stderr) = run(&["holder", "sg", "--on", on]);
        assert_eq!(code, 1, "{on}");
        assert!(
            stdout.contains(&format!(
                "No holder of the post Secretary General (secretary-general) is recorded on {on}"
            )),
            "{stdout}"
        );
        assert!(stderr.is_empty());
        let (code, answer) = holder("sg", on);
        assert_eq!(code, 1);
        assert_eq!(answer["holders"], Value::Array(vec![]));
    }
}

#[test]
fn holder_accepts_names_aliases_and_today() {
    for post in [
        "Secretary General",
        "SG",
        "secretary GENERAL",
        "Генеральный секретарь",
    ] {
        let (code, answer) = holder(post, "2026-03-01");
        assert_eq!(code, 0, "{post}");
        assert_eq!(answer["post"], "secretary-general");
    }
    // Without --on the answer is for today, whatever today is.
    let (code, stdout, _) = run(&["--format", "json", "holder", "sg"]);
    let answer: Value = serde_json::from_str(&stdout).unwrap();
    let (code_today, answer_today) = holder("sg", "today");
    assert_eq!(code, code_today);
    assert_eq!(answer, answer_today);
}

#[test]
fn holder_errors() {
    assert_error(
        &["holder", "president", "--on", "2026-01-01"],
        &["no post called 'president'"],
    );
    assert_error(
        &["holder", "secretary-generl"],
        &[
            "no post called 'secretary-generl'",
            "did you mean 'secretary-general'",
        ],
    );
    assert_error(
        &["holder", "sg", "--on", "2025-02-30"],
        &["'2025-02-30'", "February 2025 has days 01 to 28"],
    );
    assert_error(
        &["holder", "sg", "--on", "2025-13-01"],
        &["'2025-13-01'", "month 13"],
    );
    assert_error(
        &["holder", "sg", "--on", "2025-06"],
        &["'2025-06'", "whole day"],
    );
    assert_error(&["holder", "sg", "--on", "1.6.2019"], &["'1.6.2019'"]);
    assert_error(&["holder"], &["<POST>"]);
}

#[test]
fn terms_lists_all_seven_oldest_first() {
    let terms = json(&["terms", "secretary-general"]);
    let terms = terms.as_array().unwrap();
    assert_eq!(terms.len(), 7);
    let starts: Vec<&str> = terms.iter().map(|t| t["start"].as_str().unwrap()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    assert_eq!(starts.first(), Some(&"2003-04-28"));
    assert_eq!(terms.last().unwrap()["end"], "2028-12-31");
    assert_eq!(terms.iter().filter(|t| t["acting"] == true).count(), 2);
    let (code, stdout, _) = run(&["terms"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Stanislav Zas"));
}

#[test]
fn same_day_handover_goes_to_the_incoming_holder() {
    let dir = dataset(
        "d.toml",
        &with_terms(&[
            term("t1", "ann", "2020-01-01", Some("2020-06-30")),
            term("t2", "bob", "2020-06-30", None),
        ]),
    );
    let data = dir.path().to_str().unwrap();
    let name_on = |on: &str| {
        let (code, stdout, stderr) = run(&[
            "--data", data, "--format", "json", "holder", "head", "--on", on,
        ]);
        assert_eq!(code, 0, "{on}: {stderr}");
        let v: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(v["holders"].as_array().unwrap().len(), 1, "{on}: {v}");
        v["holders"][0]["person"]["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(name_on("2020-06-29"), "Ann");
    assert_eq!(name_on("2020-06-30"), "Bob");
    assert_eq!(name_on("2030-01-01"), "Bob");
}

#[test]
fn coarse_term_dates_answer_possibly_and_exit_1() {
    let dir = dataset(
        "d.toml",
        &with_terms(&[term("t1", "ann", "2003", Some("2005-06"))]),
    );
    let data = dir.path().to_str().unwrap();
    let answer = |on: &str| {
        let (code, stdout, _) = run(&[
            "--data", data, "--format", "json", "holder", "head", "--on", on,
        ]);
        let v: Value = serde_json::from_str(&stdout).unwrap();
        (
            code,
            v["holders"][0]["certainty"]
                .as_str()
                .unwrap_or("none")
                .to_string(),
        )
    };
    assert_eq!(answer("2003-02-01"), (1, "possibly".to_string()));
    assert_eq!(answer("2004-02-01"), (0, "yes".to_string()));
    assert_eq!(answer("2005-06-15"), (1, "possibly".to_string()));
    assert_eq!(answer("2005-07-01"), (1, "none".to_string()));
    let (_, stdout, _) = run(&["--data", data, "holder", "head", "--on", "2003-02-01"]);
    assert!(stdout.contains("possibly"), "{stdout}");
}

// ---- chair and summits --------------------------------------------------

#[test]
fn chair_names_russia_with_its_slogan_in_2026() {
    let (code, stdout, _) = run(&["chair", "--on", "2026-06-01"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Russia"), "{stdout}");
    assert!(
        stdout.contains("Коллективная безопасность в многополярном мире"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Collective Security in a Multipolar World"),
        "{stdout}"
    );
    let v = json(&["chair", "--on", "2026-06-01"]);
    assert_eq!(v["chairs"].as_array().unwrap().len(), 1);
    assert_eq!(v["chairs"][0]["certainty"], "yes");
    assert_eq!(v["chairs"][0]["chairmanship"]["state"], "russia");
    assert!(
        v["chairs"][0]["chairmanship"]["slogan"]["renderings"]
            .as_array()
            .unwrap()
            .len()
            >= 4
    );
    assert!(!v["chairs"][0]["chairmanship"]["priorities"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn chair_on_the_2025_summit_day_is_kyrgyzstan() {
    let v = json(&["chair", "--on", "2025-11-27"]);
    assert_eq!(v["chairs"][0]["chairmanship"]["state"], "kyrgyzstan");
    assert_eq!(v["chairs"][0]["certainty"], "yes");
}

#[test]
fn chair_where_handover_dates_are_unknown_says_possibly() {
    let (code, stdout, _) = run(&["chair", "--on", "2019-06-01"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("Kyrgyzstan") && stdout.contains("possibly"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["chair", "--on", "2010-06-01"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("No chairmanship is recorded on 2010-06-01"),
        "{stdout}"
    );
}

#[test]
fn summits_lists_sessions_with_the_scheduled_moscow_one() {
    let v = json(&["summits"]);
    let meetings = v.as_array().unwrap();
    let ids: Vec<&str> = meetings.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"csc-2025-bishkek"), "{ids:?}");
    let moscow = meetings
        .iter()
        .find(|m| m["date"] == "2026-11-11")
        .expect("the Moscow session");
    assert_eq!(moscow["status"], "scheduled");
    let bishkek = meetings
        .iter()
        .find(|m| m["id"] == "csc-2025-bishkek")
        .unwrap();
    assert_eq!(bishkek["date"], "2025-11-27");
    assert_eq!(bishkek["absentees"][0]["state"], "armenia");
    for year in 2018..=2024 {
        assert!(
            meetings
                .iter()
                .any(|m| m["date"].as_str().unwrap().starts_with(&year.to_string())),
            "no session in {year}"
        );
    }
    let (code, stdout, _) = run(&["summits"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("scheduled"));
}

#[test]
fn decisions_filter_by_kind() {
    let v = json(&["decisions", "--kind", "appointment"]);
    let v = v.as_array().unwrap();
    assert!(!v.is_empty());
    assert!(v.iter().all(|d| d["kind"] == "appointment"));
}

// ---- show ---------------------------------------------------------------

#[test]
fn show_prints_the_record_with_quoted_sources() {
    let (code, stdout, _) = run(&["show", "taalatbek-masadykov"]);
    assert_eq!(code, 0);
    for needle in [
        "Taalatbek Masadykov",
        "Таалатбек Масадыков",
        "Taratebtek Masadikov",
        "misspelling-in-source",
        "24.kg",
        "“",
    ] {
        assert!(stdout.contains(needle), "{needle} missing:\n{stdout}");
    }
    let v = json(&["show", "bishkek-2025-anti-drug-strategy"]);
    assert_eq!(v["kind"], "document");
    assert!(!v["sources"].as_array().unwrap().is_empty());
    assert!(v["sources"][0]["publisher"].is_string());
}

#[test]
fn show_keeps_conflicting_counts_side_by_side() {
    let (code, stdout, _) = run(&["show", "csc-2025-bishkek"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Claims about this record"), "{stdout}");
    let v = json(&["show", "csc-2025-bishkek"]);
    let values: Vec<i64> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["value"].as_i64())
        .collect();
    for n in [15, 16, 19] {
        assert!(values.contains(&n), "{n} not among {values:?}");
    }
}

#[test]
fn show_unknown_id_suggests_a_close_one() {
    assert_error(
        &["show", "masadykov"],
        &[
            "no record with id 'masadykov'",
            "did you mean 'taalatbek-masadykov'",
        ],
    );
    assert_error(&["show", "zzzzzz"], &["no record with id 'zzzzzz'"]);
}

// ---- export -------------------------------------------------------------

#[test]
fn export_round_trips_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    let (code, _, stderr) = run(&["export", "--output", first.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let (code, again, stderr) = run(&["--data", first.to_str().unwrap(), "export"]);
    assert_eq!(code, 0, "{stderr}");
    let first_bytes = fs::read_to_string(&first).unwrap();
    assert_eq!(first_bytes, again);
    let (code, stdout, _) = run(&["export"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, first_bytes);
    let v: Value = serde_json::from_str(&first_bytes).unwrap();
    assert_eq!(v["term"].as_array().unwrap().len(), 7);
    // The same answers come from the exported JSON as from the TOML.
    let from_json = run(&[
        "--data",
        first.to_str().unwrap(),
        "holder",
        "sg",
        "--on",
        "2019-06-01",
    ]);
    let from_toml = run(&["holder", "sg", "--on", "2019-06-01"]);
    assert_eq!(from_json, from_toml);
}

#[test]
fn the_data_directory_is_the_embedded_dataset() {
    let data = data_dir();
    let from_dir = run(&["--data", data.to_str().unwrap(), "export"]).1;
    let embedded = run(&["export"]).1;
    assert_eq!(from_dir, embedded);
    let from_env = summit_kb()
        .env("SUMMIT_KB_DATA", &data)
        .args(["export"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(from_env.stdout).unwrap(), embedded);
}

#[test]
fn export_to_an_unwritable_path_is_an_error() {
    assert_error(
        &["export", "--output", "/nonexistent-dir/x.json"],
        &["cannot write /nonexistent-dir/x.json"],
    );
}

// ---- check --------------------------------------------------------------

#[test]
fn check_passes_on_the_dataset() {
    let data = data_dir();
    let (code, stdout, stderr) = run(&["check", data.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains(" 0 errors, 0 warnings"), "{stdout}");
    let (code, _, _) = run(&["check"]);
    assert_eq!(code, 0);
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let dir = dataset(
        "d.toml",
        &with_terms(&[
            term("t1", "ann", "2020-01-01", Some("2020-12-31")),
            r#"[[term]]
id = "t2"
post = "head"
person = "nobody"
start = "2020-06-01"
citations = [{ source = "unknown-source" }]

[[term]]
id = "t1"
post = "head"
person = "bob"
start = "2019-01-01"
end = "2018-01-01"
citations = []
"#
            .to_string(),
        ]),
    );
    let data = dir.path().to_str().unwrap();
    let (code, stdout, _) = run(&["check", data]);
    assert_eq!(code, 1, "{stdout}");
    for needle in [
        "t1: the id is used by 2 records",
        "t2: person: no person with id 'nobody'",
        "t2: citation: no source with id 'unknown-source'",
        "t2: overlaps term 't1'",
        "ends (2018-01-01) before it starts (2019-01-01)",
        "the record cites no source",
        "d.toml",
    ] {
        assert!(stdout.contains(needle), "{needle} missing:\n{stdout}");
    }
    // A query refuses the same dataset, naming the first problem.
    assert_error(
        &["--data", data, "terms"],
        &["invalid dataset", "d.toml", "more errors"],
    );
}

#[test]
fn dangling_reference_is_an_error_naming_file_and_record() {
    let dir = dataset(
        "people.toml",
        &with_terms(&[term("t1", "anne", "2020-01-01", None)]),
    );
    let data = dir.path().to_str().unwrap();
    assert_error(
        &["--data", data, "holder", "head"],
        &[
            "people.toml",
            "t1",
            "no person with id 'anne'",
            "did you mean 'ann'",
        ],
    );
    // One error alone says nothing more; two say "1 more error".
    let line = assert_error(&["--data", data, "terms"], &["no person with id 'anne'"]);
    assert!(!line.contains("more error"), "{line}");
    let dir = dataset(
        "people.toml",
        &with_terms(&[
            term("t1", "anne", "2020-01-01", Some("2020-12-31")),
            term("t2", "anne", "2021-01-01", None),
        ]),
    );
    assert_error(
        &["--data", dir.path().to_str().unwrap(), "terms"],
        &["no person with id 'anne'", "(1 more error;"],
    );
}

#[test]
fn check_catches_a_long_term_overlapping_a_later_non_neighbour() {
    let (code, stdout) = check_terms(&[
        term("long", "ann", "2000-01-01", Some("2010-12-31")),
        term("short", "bob", "2002-01-01", Some("2002-12-31")),
        term("later", "ann", "2005-01-01", Some("2006-12-31")),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.contains("short: overlaps term 'long'"), "{stdout}");
    assert!(stdout.contains("later: overlaps term 'long'"), "{stdout}");
}

#[test]
fn check_accepts_a_handover_and_notes_a_gap() {
    let (code, stdout) = check_terms(&[
        term("a", "ann", "2000-01-01", Some("2000-12-31")),
        term("b", "bob", "2000-12-31", Some("2001-12-31")),
        term("c", "ann", "2002-01-01", None),
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings, 0 notes"), "{stdout}");
    let (code, stdout) = check_terms(&[
        term("a", "ann", "2000-01-01", Some("2000-12-31")),
        term("b", "bob", "2001-01-02", None),
    ]);
    assert_eq!(code, 0, "a gap is a note, not a problem: {stdout}");
    assert!(
        stdout.contains(
            "t.toml:40:9: info: b: no holder of 'head' is recorded between 2000-12-31 and 2001-01-02"
        ),
        "{stdout}"
    );
}

#[test]
fn check_rejects_a_term_after_an_open_one_and_a_coarse_overlap() {
    let (code, stdout) = check_terms(&[
        term("a", "ann", "2000-01-01", None),
        term("b", "bob", "2001-01-01", None),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.contains("b: starts while term 'a'"), "{stdout}");
    // A coarse end that could be the next start's day is not a handover.
    let (code, stdout) = check_terms(&[
        term("a", "ann", "2000", Some("2001")),
        term("b", "bob", "2001-06-01", None),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.contains("b: overlaps term 'a'"), "{stdout}");
}

// ---- loading errors -----------------------------------------------------

#[test]
fn malformed_toml_names_file_line_and_column() {
    let dir = dataset(
        "bad.toml",
        "[[person]]\nid = \"a\"\nname = \"A\"\n[[person]\n",
    );
    let file = dir.path().join("bad.toml");
    assert_error(
        &["--data", file.to_str().unwrap(), "docs"],
        &["bad.toml:4:10", "unclosed array table"],
    );
}

#[test]
fn unknown_field_is_named() {
    let dir = dataset(
        "x.toml",
        "[[person]]\nid = \"a\"\nnmae = \"A\"\ncitations = []\n",
    );
    let data = dir.path().to_str().unwrap();
    assert_error(
        &["--data", data, "docs"],
        &["x.toml:3:1", "unknown field `nmae`", "expected one of"],
    );
    let dir = dataset("y.toml", "[[persons]]\nid = \"a\"\n");
    assert_error(
        &["--data", dir.path().to_str().unwrap(), "docs"],
        &["y.toml:1:", "unknown field `persons`"],
    );
}

#[test]
fn impossible_date_in_data_is_named() {
    let dir = dataset(
        "x.toml",
        "[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\npublished = \"2023-02-29\"\n",
    );
    assert_error(
        &["--data", dir.path().to_str().unwrap(), "summits"],
        &[
            "x.toml:5:13",
            "invalid date \"2023-02-29\"",
            "February 2023 has days 01 to 28",
        ],
    );
    let dir = dataset(
        "y.toml",
        "[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\npublished = 2023-02-01\n",
    );
    assert_error(
        &["--data", dir.path().to_str().unwrap(), "summits"],
        &["y.toml:5:", "a date as a string"],
    );
}

#[test]
fn missing_and_empty_paths_are_errors() {
    assert_error(
        &["--data", "/nonexistent/data", "docs"],
        &["cannot read /nonexistent/data"],
    );
    assert_error(
        &["check", "/nonexistent/data"],
        &["cannot read /nonexistent/data"],
    );
    let dir = tempfile::tempdir().unwrap();
    assert_error(
        &["--data", dir.path().to_str().unwrap(), "docs"],
        &["no .toml or .json files"],
    );
    let (code, _, stderr) = summit_kb()
        .env("SUMMIT_KB_DATA", "/nonexistent/env")
        .args(["docs"])
        .output()
        .map(|o| {
            (
                o.status.code().unwrap(),
                o.stdout,
                String::from_utf8(o.stderr).unwrap(),
            )
        })
        .unwrap();
    assert_eq!(code, 2);
    assert!(stderr.contains("/nonexistent/env"), "{stderr}");
}

#[test]
fn non_utf8_and_invalid_json_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.toml");
    fs::write(&file, b"[[person]]\nid = \"caf\xe9\"\n").unwrap();
    assert_error(
        &["--data", file.to_str().unwrap(), "docs"],
        &["latin1.toml:2:10", "not UTF-8"],
    );
    let file = dir.path().join("broken.json");
    fs::write(&file, "{\"person\": [}").unwrap();
    assert_error(
        &["--data", file.to_str().unwrap(), "docs"],
        &["broken.json:1:"],
    );
}

// ---- the terminal -------------------------------------------------------

#[test]
fn closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_summit-kb"))
        .args(["export"])
        .env_remove("SUMMIT_KB_DATA")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn color_never_and_piped_output_have_no_escape_codes() {
    for args in [
        &["docs"][..],
        &["--color", "never", "chair", "--on", "2026-06-01"],
    ] {
        let (_, stdout, _) = run(args);
        assert!(!stdout.contains('\x1b'), "{args:?}");
    }
    let (_, stdout, _) = run(&["--color", "always", "docs"]);
    assert!(stdout.contains('\x1b'));
}

#[test]
fn version_and_help_exit_0() {
    let (code, stdout, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("summit-kb "));
    for cmd in [
        "summits",
        "docs",
        "decisions",
        "show",
        "holder",
        "terms",
        "chair",
        "export",
        "check",
    ] {
        let (code, stdout, _) = run(&[cmd, "--help"]);
        assert_eq!(code, 0, "{cmd}");
        assert!(
            stdout.contains("summit-kb "),
            "{cmd} --help has no example:\n{stdout}"
        );
    }
    let (code, _, stderr) = run(&[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("Usage:"));
}

#[test]
fn directory_link_loop_is_an_error() {
    let dir = dataset("d.toml", MINIMAL);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    assert_error(
        &["--data", dir.path().to_str().unwrap(), "docs"],
        &["link loop"],
    );
}

#[test]
fn duplicate_ids_across_files_name_both_files() {
    let dir = dataset("a.toml", MINIMAL);
    fs::write(
        dir.path().join("b.toml"),
        "[[person]]\nid = \"ann\"\nname = \"Ann Again\"\ncitations = [{ source = \"s\" }]\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    let (code, stdout, _) = run(&["check", data]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("ann: the id is used by 2 records"),
        "{stdout}"
    );
    assert!(
        stdout.contains("a.toml") && stdout.contains("b.toml"),
        "{stdout}"
    );
}

#[test]
fn export_takes_the_global_format_flag() {
    let plain = run(&["export"]);
    assert_eq!(run(&["export", "--format", "json"]), plain);
    assert_eq!(run(&["--format", "json", "export"]), plain);
}

#[test]
fn huge_and_special_files_are_refused_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse files: long, nothing written, so the test costs no disk.
    let sparse = |name: &str, mib: u64| {
        let path = dir.path().join(name);
        fs::File::create(&path)
            .unwrap()
            .set_len(mib * 1024 * 1024)
            .unwrap();
        path.to_str().unwrap().to_string()
    };
    assert_error(
        &["--data", &sparse("huge.json", 300), "docs"],
        &["huge.json", "larger than 256 MiB"],
    );
    // TOML takes far more memory to parse than JSON: a lower limit.
    assert_error(
        &["--data", &sparse("huge.toml", 65), "docs"],
        &[
            "huge.toml",
            "larger than 64 MiB, too large for one TOML file",
            "split it",
        ],
    );
    assert_error(
        &["--data", "/dev/null", "docs"],
        &["/dev/null: not a regular file or a directory"],
    );
}
