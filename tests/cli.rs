//! The real binary, command by command, on the embedded dataset and on small
//! datasets written for each test.

mod common;

use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};

use common::{assert_error, data_dir, data_ids, data_records, run, summit_kb};
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
    let answer = json(&["docs", "--summit", "csc-2025-bishkek"]);
    assert_eq!(answer["meeting"], "csc-2025-bishkek");
    // The session's outcomes are recorded in part: the counts the sources
    // give come with the answer.
    assert_eq!(answer["outcomes"]["recorded"], "partial");
    let reported = answer["outcomes"]["reported"].as_array().unwrap();
    assert!(
        reported.iter().any(|c| c["value"] == 15) && reported.iter().any(|c| c["value"] == 16),
        "{reported:?}"
    );
    let docs = answer["documents"].as_array().unwrap();
    let expected = data_ids("document", |d| d["adopted_at"] == "csc-2025-bishkek");
    assert!(expected.len() >= 9, "{expected:?}");
    let mut ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    ids.sort();
    let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(ids, expected);
    assert!(docs
        .iter()
        .all(|d| !d["citations"].as_array().unwrap().is_empty()));
    // The table says how much is recorded below the documents.
    let (code, stdout, _) = run(&["docs", "--summit", "csc-2025-bishkek"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(&format!(
            "{} recorded; the documents of csc-2025-bishkek are recorded only in part",
            expected.len()
        )),
        "{stdout}"
    );
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

    // The last day of 2030: in force, the documents whose period ends in
    // 2030 and began by then; possibly in force, the documents whose period
    // is open at one end (a start and no end, or an end and no start).
    let in_2030 = json(&["docs", "--in-force-on", "2030-12-31"]);
    let listed = in_2030["in_force"].as_array().unwrap();
    assert!(!listed.is_empty());
    assert!(listed.iter().all(|d| d["valid_to"] == "2030"), "{listed:?}");
    let has = |d: &Value, f: &str| d.get(f).is_some_and(|v| !v.is_null());
    let starts = |d: &Value| has(d, "valid_from") || has(d, "in_force");
    let mut expected_in_force = data_ids("document", |d| {
        d["valid_to"].as_str() == Some("2030")
            && d["valid_from"].as_str().is_some_and(|f| f <= "2030")
    });
    expected_in_force.sort();
    let mut got: Vec<String> = listed
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    assert_eq!(got, expected_in_force);
    let mut open_ended = data_ids("document", |d| {
        (starts(d) && !has(d, "valid_to"))
            || (has(d, "valid_to") && !starts(d) && d["valid_to"].as_str() >= Some("2030"))
    });
    open_ended.sort();
    let mut possibly: Vec<String> = in_2030["possibly_in_force"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_string())
        .collect();
    possibly.sort();
    assert!(
        possibly.contains(&"csto-charter".to_string()),
        "{possibly:?}"
    );
    assert_eq!(possibly, open_ended);
    assert!(possibly.iter().all(|id| !got.contains(id)));

    // No CSTO strategy is in force in 2031; the SCO's strategy until 2035
    // has no recorded start, so it is only possibly in force.
    let (code, stdout, _) = run(&[
        "docs",
        "--in-force-on",
        "2031-01-01",
        "--kind",
        "strategy",
        "--org",
        "csto",
    ]);
    assert_eq!(code, 1, "no CSTO strategy is in force in 2031: {stdout}");
    assert!(stdout.contains("No documents match"));
    assert!(!stdout.contains("Possibly in force"), "{stdout}");
    let (code, stdout, _) = run(&["docs", "--in-force-on", "2031-01-01", "--kind", "strategy"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("No documents match"));
    assert!(
        stdout.contains("Possibly in force") && stdout.contains("sco-2025-development-strategy"),
        "{stdout}"
    );
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
    // Names and aliases of the CSTO post alone: the one-post answer.
    for post in [
        "SG",
        "sg",
        "Генеральный секретарь",
        "CSTO Secretary General",
    ] {
        let (code, answer) = holder(post, "2026-03-01");
        assert_eq!(code, 0, "{post}");
        assert_eq!(answer["post"], "secretary-general", "{post}: {answer}");
    }
    // "Secretary General" is also a name of the SCO's post: an answer for
    // each post, or the old shape for one organisation with --org.
    for post in ["Secretary General", "secretary GENERAL"] {
        let (code, answer) = holder(post, "2026-03-01");
        assert_eq!(code, 0, "{post}");
        assert_eq!(answer["on"], "2026-03-01");
        let posts: Vec<&str> = answer["answers"]
            .as_array()
            .unwrap_or_else(|| panic!("{post}: {answer}"))
            .iter()
            .map(|a| a["post"].as_str().unwrap())
            .collect();
        assert_eq!(
            posts,
            ["secretary-general", "sco-secretary-general"],
            "{post}"
        );
        let (code, stdout, stderr) = run(&[
            "--format",
            "json",
            "holder",
            post,
            "--org",
            "csto",
            "--on",
            "2026-03-01",
        ]);
        assert_eq!(code, 0, "{stderr}");
        let one: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(one["post"], "secretary-general", "{one}");
        assert_eq!(one["holders"][0]["person"]["name"], "Taalatbek Masadykov");
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
    // A month is a span `--on` takes (tests/spans.rs); a malformed one names
    // every form it takes.
    assert_error(
        &["holder", "sg", "--on", "2025-6"],
        &["'2025-6'", "expected YYYY-MM-DD, YYYY-MM, YYYY or `today`"],
    );
    assert_error(&["holder", "sg", "--on", "1.6.2019"], &["'1.6.2019'"]);
    assert_error(&["holder"], &["<POST>"]);
}

#[test]
fn terms_lists_all_seven_oldest_first() {
    let terms = json(&["terms", "secretary-general"]);
    let terms = terms.as_array().unwrap();
    assert_eq!(terms.len(), 7);
    assert_eq!(
        terms.len(),
        data_ids("term", |t| t["post"] == "secretary-general").len()
    );
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
    // A heading for each organisation that has chairmanships.
    for heading in [
        "Chair of Collective Security Treaty Organization on 2026-06-01",
        "Chair of Shanghai Cooperation Organisation on 2026-06-01",
    ] {
        assert!(stdout.contains(heading), "{heading}:\n{stdout}");
    }
    let v = json(&["chair", "--org", "csto", "--on", "2026-06-01"]);
    assert_eq!(v["chairs"].as_array().unwrap().len(), 1, "{v}");
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
    // Without --org, the EAEU's and the SCO's chairs too: Kazakhstan for
    // the calendar year, Kyrgyzstan, whose end is known only to the year 2026.
    let all = json(&["chair", "--on", "2026-06-01"]);
    let chairs: Vec<(&str, &str)> = all["chairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["chairmanship"]["id"].as_str().unwrap(),
                c["certainty"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        chairs,
        [
            ("chair-2026-russia", "yes"),
            ("eaeu-chair-2026-kazakhstan", "yes"),
            ("sco-chair-2025-kyrgyzstan", "possibly")
        ]
    );
}

#[test]
fn chair_on_the_2025_summit_day_is_kyrgyzstan() {
    let v = json(&["chair", "--org", "csto", "--on", "2025-11-27"]);
    assert_eq!(v["chairs"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["chairs"][0]["chairmanship"]["state"], "kyrgyzstan");
    assert_eq!(v["chairs"][0]["certainty"], "yes");
}

#[test]
fn chair_where_handover_dates_are_unknown_says_possibly() {
    // Belarus's end and Kyrgyzstan's start are known only to the year 2007.
    let (code, stdout, _) = run(&["chair", "--org", "csto", "--on", "2007-06-01"]);
    assert_eq!(code, 1, "{stdout}");
    for needle in [
        "The data cannot tell which state chaired on 2007-06-01: possibly Belarus or Kyrgyzstan.",
        "the start is known only to the year (2007-01-01..2007-12-31)",
        "the end is known only to the year (2007-01-01..2007-12-31)",
    ] {
        assert!(stdout.contains(needle), "{needle}:\n{stdout}");
    }
    let v = json(&["chair", "--org", "csto", "--on", "2007-06-01"]);
    let certainties: Vec<&str> = v["chairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["certainty"].as_str().unwrap())
        .collect();
    assert_eq!(certainties, ["possibly", "possibly"]);
    // No SCO presidency is recorded from the founding summit of 2001 to
    // 2002 (the sheet confirms none).
    let (code, stdout, _) = run(&["chair", "--org", "sco", "--on", "2001-09-01"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains(
            "No chairmanship of Shanghai Cooperation Organisation is recorded on 2001-09-01"
        ),
        "{stdout}"
    );
    // A dataset without chairmanships says so once.
    let dir = dataset("d.toml", MINIMAL);
    let (code, stdout, _) = run(&[
        "--data",
        dir.path().to_str().unwrap(),
        "chair",
        "--on",
        "2010-06-01",
    ]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("No chairmanship is recorded on 2010-06-01"),
        "{stdout}"
    );
}

#[test]
fn summits_lists_sessions_with_the_planned_moscow_one() {
    let v = json(&["summits"]);
    let meetings = v.as_array().unwrap();
    let ids: Vec<&str> = meetings.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"csc-2025-bishkek"), "{ids:?}");
    let moscow = meetings
        .iter()
        .find(|m| m["date"] == "2026-11-11")
        .expect("the Moscow session");
    // Its day has passed and no stored source says whether it was held
    // (audit of 2026-12-07, section 3): never "scheduled", never "held".
    assert_eq!(moscow["status"], "unrecorded");
    assert_eq!(moscow["status_today"], "planned-not-recorded-as-held");
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
    assert!(stdout.contains("planned; not recorded as held"), "{stdout}");
}

#[test]
fn decisions_filter_by_kind() {
    // --kind appointment: every decision that puts someone in a post,
    // reappointments and extensions included.
    let v = json(&["decisions", "--kind", "appointment"]);
    let v = v.as_array().unwrap();
    let kinds = ["appointment", "reappointment", "extension"];
    assert!(v
        .iter()
        .all(|d| kinds.contains(&d["kind"].as_str().unwrap())));
    for kind in kinds {
        assert!(v.iter().any(|d| d["kind"] == kind), "no {kind}");
    }
    let mut ids: Vec<String> = v
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    let mut expected = data_ids("decision", |d| kinds.contains(&d["kind"].as_str().unwrap()));
    expected.sort();
    assert_eq!(ids, expected);
    // The other kinds are only themselves.
    for kind in ["reappointment", "extension", "award"] {
        let v = json(&["decisions", "--kind", kind]);
        let v = v.as_array().unwrap();
        assert!(!v.is_empty(), "{kind}");
        assert!(v.iter().all(|d| d["kind"] == kind), "{kind}");
        assert_eq!(v.len(), data_ids("decision", |d| d["kind"] == kind).len());
    }
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
    // (`show masadykov` names him: tests/input.rs.)
    assert_error(
        &["show", "masadykv"],
        &[
            "no record with id 'masadykv'",
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
    // Every record of the data, of both organisations.
    for kind in [
        "term",
        "meeting",
        "document",
        "decision",
        "chairmanship",
        "source",
    ] {
        assert_eq!(
            v[kind].as_array().unwrap().len(),
            data_records(kind).len(),
            "{kind}"
        );
    }
    assert_eq!(v["organization"][1]["id"], "eaeu");
    assert_eq!(v["organization"][2]["id"], "sco");
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
    // JSON is read as a stream, whatever its size: a file of 300 MiB of
    // NUL bytes fails at its first byte, and is never read whole.
    assert_error(
        &["--data", &sparse("huge.json", 300), "docs"],
        &["huge.json:1:1: expected value"],
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

// ---- the whole record: chairmanship regimes, outcomes, members, the SCO ----

/// The chairmanships `chair --on DAY` (with `extra` arguments) answers with:
/// (id, certainty) each, and the exit code.
fn chairs_on(extra: &[&str], day: &str) -> (i32, Vec<(String, String)>, Value) {
    let mut args = vec!["--format", "json", "chair", "--on", day];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(&args);
    assert!(code == 0 || code == 1, "{args:?}: {stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let chairs = v["chairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["chairmanship"]["id"].as_str().unwrap().to_string(),
                c["certainty"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (code, chairs, v)
}

/// The values of the `name:` field lines of a text answer, in order.
fn fields<'a>(stdout: &'a str, name: &str) -> Vec<&'a str> {
    let prefix = format!("{name}:");
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix(prefix.as_str()))
        .map(str::trim)
        .collect()
}

/// The one certain CSTO chairmanship on `day`, as its JSON record.
fn csto_chair(day: &str) -> Value {
    let (code, chairs, v) = chairs_on(&["--org", "csto"], day);
    assert_eq!(code, 0, "{day}: {v}");
    assert_eq!(chairs.len(), 1, "{day}: {chairs:?}");
    assert_eq!(chairs[0].1, "yes", "{day}");
    v["chairs"][0]["chairmanship"].clone()
}

#[test]
fn chair_on_a_day_of_each_regime() {
    // Session to session (2021-2022): Armenia from the Dushanbe session.
    let c = csto_chair("2021-10-01");
    assert_eq!(c["state"], "armenia");
    assert_eq!(c["start"], "2021-09-16");
    let (code, stdout, _) = run(&["chair", "--on", "2021-10-01"]);
    assert_eq!(code, 0);
    assert_eq!(
        fields(&stdout, "state"),
        ["Armenia", "Kazakhstan", "Uzbekistan"],
        "{stdout}"
    );
    // Session to session (2019-2020): Russia from the Bishkek session.
    let c = csto_chair("2019-12-15");
    assert_eq!(c["state"], "russia");
    assert_eq!(c["handed_over_at"], "csc-2019-bishkek");
    // Calendar year (2024): Kazakhstan, decided at the Minsk session.
    let c = csto_chair("2024-06-01");
    assert_eq!(c["state"], "kazakhstan");
    assert_eq!(c["decided_at"], "csc-2023-minsk");
    assert_eq!(
        (&c["start"], &c["end"]),
        (&"2024-01-01".into(), &"2024-12-31".into())
    );
    let (_, stdout, _) = run(&["chair", "--org", "csto", "--on", "2024-06-01"]);
    assert_eq!(
        fields(&stdout, "decided at"),
        ["Collective Security Council session, Minsk 2023 (csc-2023-minsk)"],
        "{stdout}"
    );
    // The SCO: summit to summit.
    let (code, chairs, v) = chairs_on(&["--org", "sco"], "2023-01-15");
    assert_eq!(code, 0);
    assert_eq!(
        chairs,
        [("sco-chair-2022-india".to_string(), "yes".to_string())]
    );
    assert_eq!(v["chairs"][0]["chairmanship"]["state"], "india");
    let (_, stdout, _) = run(&["chair", "--org", "sco", "--on", "2023-01-15"]);
    assert!(stdout.contains("Chair of Shanghai Cooperation Organisation on 2023-01-15"));
    assert!(stdout.contains("India"), "{stdout}");
    assert!(
        !stdout.contains("Collective Security Treaty Organization"),
        "{stdout}"
    );
}

#[test]
fn a_handover_day_belongs_to_the_outgoing_chair() {
    // The Moscow session of 5 September 2008 ended Kyrgyzstan's
    // chairmanship and began Armenia's: the day is Kyrgyzstan's alone.
    let (code, chairs, _) = chairs_on(&["--org", "csto"], "2008-09-05");
    assert_eq!(code, 0);
    assert_eq!(
        chairs,
        [("chair-2007-kyrgyzstan".to_string(), "yes".to_string())]
    );
    let (_, stdout, _) = run(&["chair", "--org", "csto", "--on", "2008-09-05"]);
    assert_eq!(fields(&stdout, "state"), ["Kyrgyzstan"], "{stdout}");
    assert!(!stdout.contains("cannot tell"), "{stdout}");
    // The exception: Russia chaired the session of 14 June 2009 as host in
    // Belarus's absence, so Armenia's term ends the day before and the
    // chairmanship agrees with the meeting (audit of 2026-12-07, K2).
    let (code, chairs, _) = chairs_on(&["--org", "csto"], "2009-06-13");
    assert_eq!(code, 0);
    assert_eq!(
        chairs,
        [("chair-2008-armenia".to_string(), "yes".to_string())]
    );
    let c = csto_chair("2009-06-14");
    assert_eq!(c["id"], "chair-2009-russia");
    let v = json(&[
        "summits",
        "--org",
        "csto",
        "--from",
        "2009-06-14",
        "--to",
        "2009-06-14",
    ]);
    assert_eq!(v[0]["chair_state"], "russia", "{v}");
    // The next day: Russia, a temporary chairmanship.
    let c = csto_chair("2009-06-15");
    assert_eq!(c["id"], "chair-2009-russia");
    assert_eq!(c["start"], "2009-06-14");
    assert_eq!(c["temporary"], true);
    let (_, stdout, _) = run(&["chair", "--org", "csto", "--on", "2009-06-15"]);
    assert_eq!(fields(&stdout, "state"), ["Russia"], "{stdout}");
    assert_eq!(fields(&stdout, "temporary"), ["yes"], "{stdout}");
}

#[test]
fn docs_of_a_session_whose_outcomes_are_not_recorded_say_so() {
    let id = "csc-2014-05-08-moscow";
    let meeting = data_records("meeting")
        .into_iter()
        .find(|m| m["id"] == id)
        .expect("the meeting is in the data");
    assert_eq!(meeting["outcomes"]["recorded"], "not-recorded");
    assert!(data_ids("document", |d| d["adopted_at"] == id).is_empty());

    let (code, stdout, stderr) = run(&["docs", "--summit", id]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "The documents of {id} are not recorded (which is not to say there were none)"
        )),
        "{stdout}"
    );
    assert!(!stdout.contains("No documents match"), "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");

    let v = json(&["docs", "--summit", id]);
    assert_eq!(v["meeting"], id);
    assert_eq!(v["outcomes"]["recorded"], "not-recorded");
    assert_eq!(v["outcomes"]["note"], meeting["outcomes"]["note"]);
    assert_eq!(v["documents"], Value::Array(vec![]));

    // CSV keeps stdout to the table: the header alone, the note on stderr.
    let (code, stdout, stderr) = run(&["--format", "csv", "docs", "--summit", id]);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("id,kind,title"), "{stdout}");
    assert!(
        stderr.starts_with("note: ") && stderr.contains("are not recorded"),
        "{stderr}"
    );
}

/// The CSTO members `members --on DAY` lists (with `extra` arguments):
/// (state, member, standing) each.
fn csto_members(day: &str, extra: &[&str]) -> Vec<(String, String, String)> {
    let mut args = vec!["--format", "json", "members", "--org", "csto", "--on", day];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["state"].as_str().unwrap().to_string(),
                m["member"].as_str().unwrap().to_string(),
                m["standing"][0]["standing"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn members_before_and_after_uzbekistan_was_suspended() {
    let uzbekistan = |rows: &[(String, String, String)]| {
        rows.iter()
            .find(|(s, _, _)| s == "uzbekistan")
            .map(|(_, m, st)| (m.clone(), st.clone()))
    };
    let before = csto_members("2012-06-01", &[]);
    assert_eq!(before.len(), 7, "{before:?}");
    assert_eq!(
        uzbekistan(&before),
        Some(("yes".to_string(), "member".to_string()))
    );
    let after = csto_members("2013-06-01", &[]);
    assert_eq!(after.len(), 6, "{after:?}");
    assert_eq!(uzbekistan(&after), None);
    let all = csto_members("2013-06-01", &["--all"]);
    assert_eq!(
        uzbekistan(&all),
        Some(("no".to_string(), "suspended".to_string()))
    );
    let (code, stdout, _) = run(&["members", "--org", "csto", "--on", "2013-06-01", "--all"]);
    assert_eq!(code, 0);
    let line = stdout
        .lines()
        .find(|l| l.contains("Uzbekistan"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.contains("suspended") && line.contains("2012-12-19 suspended"),
        "{line}"
    );
}

#[test]
fn members_of_the_sco_in_december_2024_include_belarus_and_iran() {
    let (code, stdout, stderr) = run(&[
        "--format",
        "json",
        "members",
        "--org",
        "sco",
        "--on",
        "2024-12-01",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let members = v["members"].as_array().unwrap();
    assert!(members.iter().all(|m| m["organization"] == "sco"));
    for state in ["belarus", "iran", "india", "pakistan"] {
        let m = members
            .iter()
            .find(|m| m["state"] == state)
            .unwrap_or_else(|| panic!("{state} missing: {v}"));
        assert_eq!(m["member"], "yes", "{state}");
    }
    assert_eq!(members.len(), 10, "{v}");
    // Before it joined on 4 July 2024, Belarus was not a member.
    let (_, stdout, _) = run(&["members", "--org", "sco", "--on", "2024-07-03"]);
    assert!(!stdout.contains("Belarus"), "{stdout}");
}

#[test]
fn holder_of_secretary_general_answers_for_both_organisations() {
    let (code, stdout, stderr) = run(&["holder", "Secretary General", "--on", "2020-06-01"]);
    assert_eq!(code, 0, "{stderr}");
    for needle in [
        "Secretary General (Collective Security Treaty Organization) on 2020-06-01",
        "Stanislav Zas",
        "Secretary-General (Shanghai Cooperation Organisation) on 2020-06-01",
        "Vladimir Norov",
    ] {
        assert!(stdout.contains(needle), "{needle}:\n{stdout}");
    }
    let (code, v) = holder("Secretary General", "2020-06-01");
    assert_eq!(code, 0);
    let answers: Vec<(&str, &str, &str)> = v["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(a["holders"].as_array().unwrap().len(), 1, "{a}");
            (
                a["organization"].as_str().unwrap(),
                a["post"].as_str().unwrap(),
                a["holders"][0]["person"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        answers,
        [
            ("csto", "secretary-general", "Stanislav Zas"),
            ("sco", "sco-secretary-general", "Vladimir Norov")
        ]
    );
}

#[test]
fn summits_of_the_sco_are_the_twenty_five_from_shanghai_2001_to_tianjin_2025() {
    let v = json(&["summits", "--org", "sco"]);
    let summits = v.as_array().unwrap();
    let rows: Vec<(&str, &str)> = summits
        .iter()
        .map(|m| {
            (
                m["date"].as_str().unwrap(),
                m["place"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(rows.len(), 25, "{rows:?}");
    assert_eq!(rows[0], ("2001-06-15", "Shanghai"));
    assert_eq!(rows[16], ("2017-06-09", "Astana"));
    assert_eq!(rows[24], ("2025-09-01", "Tianjin"));
    let mut sorted = rows.clone();
    sorted.sort();
    assert_eq!(rows, sorted);
    let ids: Vec<&str> = summits.iter().map(|m| m["id"].as_str().unwrap()).collect();
    let mut expected = data_ids("meeting", |m| {
        m["body"].as_str().is_some_and(|b| {
            data_records("body")
                .iter()
                .any(|x| x["id"] == b && x["organization"] == "sco")
        })
    });
    expected.sort();
    let mut sorted_ids = ids.clone();
    sorted_ids.sort();
    assert_eq!(sorted_ids, expected);
    let (code, stdout, _) = run(&["summits", "--org", "sco"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.trim_end().lines().count(), 26, "{stdout}");
    assert!(!stdout.contains("csc-"), "{stdout}");
}

#[test]
fn org_is_given_by_id_name_or_alias_in_any_script() {
    let (_, by_id, _) = run(&["summits", "--org", "sco"]);
    for alias in [
        "ШОС",
        "SCO",
        "Shanghai Cooperation Organization",
        "shanghai cooperation organisation",
    ] {
        assert_eq!(run(&["summits", "--org", alias]).1, by_id, "{alias}");
    }
    let (_, by_id, _) = run(&["summits", "--org", "csto"]);
    assert!(
        by_id.contains("csc-2025-bishkek") && !by_id.contains("sco-"),
        "{by_id}"
    );
    for alias in ["ОДКБ", "CSTO", "Collective Security Treaty Organization"] {
        assert_eq!(run(&["summits", "--org", alias]).1, by_id, "{alias}");
    }
    for cmd in [
        &["summits"][..],
        &["docs"],
        &["chair"],
        &["members"],
        &["timeline"],
    ] {
        let mut args = cmd.to_vec();
        args.extend(["--org", "scoo"]);
        assert_error(
            &args,
            &[
                "no organisation called 'scoo'",
                "did you mean 'sco'",
                "the organisations are: csto, eaeu, sco",
            ],
        );
    }
    let line = assert_error(
        &["summits", "--org", "nato"],
        &["the organisations are: csto, eaeu, sco"],
    );
    assert!(!line.contains("did you mean"), "{line}");
}

#[test]
fn sources_lists_every_source_and_filters_by_kind() {
    let sources = data_records("source");
    let (code, stdout, stderr) = run(&["sources"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.trim_end().lines().collect();
    assert!(
        lines[0].starts_with("ID ") && lines[0].contains("KIND"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), sources.len() + 1);
    for s in &sources {
        let id = s["id"].as_str().unwrap();
        assert!(
            lines
                .iter()
                .any(|l| l.split_whitespace().next() == Some(id)),
            "{id} has no row"
        );
    }
    let v = json(&["sources"]);
    assert_eq!(v.as_array().unwrap().len(), sources.len());

    let official = json(&["sources", "--kind", "official"]);
    let official = official.as_array().unwrap();
    assert!(!official.is_empty());
    assert!(official.iter().all(|s| s["kind"] == "official"));
    assert_eq!(
        official.len(),
        sources.iter().filter(|s| s["kind"] == "official").count()
    );
    assert!(official.len() < sources.len());
    let (code, stdout, _) = run(&["sources", "--kind", "official"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.trim_end().lines().count(), official.len() + 1);
    assert!(stdout.contains("kremlin-27071"), "{stdout}");
    assert!(!stdout.contains("news-agency"), "{stdout}");
}

/// The ids of the top-level records of `data/` whose citations (at any
/// depth) name `source`.
fn records_citing(source: &str) -> Vec<String> {
    fn cites(v: &Value, source: &str) -> bool {
        match v {
            Value::Object(map) => {
                map.get("citations")
                    .and_then(Value::as_array)
                    .is_some_and(|cs| cs.iter().any(|c| c["source"] == source))
                    || map.values().any(|x| cites(x, source))
            }
            Value::Array(list) => list.iter().any(|x| cites(x, source)),
            _ => false,
        }
    }
    let mut ids = Vec::new();
    for kind in [
        "organization",
        "state",
        "membership",
        "body",
        "person",
        "post",
        "term",
        "meeting",
        "document",
        "decision",
        "chairmanship",
        "operation",
        "claim",
    ] {
        ids.extend(data_ids(kind, |r| cites(r, source)));
    }
    ids.sort();
    ids
}

#[test]
fn show_of_a_source_lists_the_records_that_cite_it() {
    let expected = records_citing("kremlin-27071");
    assert!(expected.len() >= 3, "{expected:?}");
    let (code, stdout, _) = run(&["show", "kremlin-27071"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("source kremlin-27071"), "{stdout}");
    assert!(stdout.contains("President of Russia"), "{stdout}");
    assert!(
        stdout.contains(&format!("Cited by ({})", expected.len())),
        "{stdout}"
    );
    for id in &expected {
        assert!(stdout.contains(id.as_str()), "{id} missing:\n{stdout}");
    }
    let v = json(&["show", "kremlin-27071"]);
    let mut cited_by: Vec<String> = v["cited_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    cited_by.sort();
    cited_by.dedup();
    assert_eq!(cited_by, expected);
    assert!(v["cited_by"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["quote"].as_str().is_some_and(|q| !q.is_empty())));
}

// ---- a third, made-up organisation: tests/fixtures/third-org -------------

/// The fictional dataset of tests/fixtures/third-org.
fn third_org() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/third-org")
        .to_str()
        .unwrap()
        .to_string()
}

/// `summit-kb --data third-org ARGS`: (exit code, stdout, stderr).
fn erf(args: &[&str]) -> (i32, String, String) {
    let data = third_org();
    let mut full = vec!["--data", data.as_str()];
    full.extend_from_slice(args);
    run(&full)
}

/// `summit-kb --data third-org --format json ARGS`: (exit code, answer).
fn erf_json(args: &[&str]) -> (i32, Value) {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = erf(&full);
    assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
    let v = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"));
    (code, v)
}

#[test]
fn third_org_checks_clean_and_cites_only_fixture_sources() {
    let data = third_org();
    let (code, stdout, stderr) = run(&["check", &data]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains(" 0 errors, 0 warnings, 0 notes"),
        "{stdout}"
    );
    let (code, export) = erf_json(&["export"]);
    assert_eq!(code, 0);
    let sources = export["source"].as_array().unwrap();
    assert!(!sources.is_empty());
    for s in sources {
        assert!(
            s["publisher"].as_str().unwrap().contains("test fixture"),
            "{s}"
        );
    }
    let ids: Vec<&str> = sources.iter().map(|s| s["id"].as_str().unwrap()).collect();
    // Every record but the sources cites one of them.
    for (kind, records) in export.as_object().unwrap() {
        let Some(records) = records.as_array() else {
            continue;
        };
        if kind == "source" {
            continue;
        }
        for r in records {
            let cited = r["citations"]
                .as_array()
                .unwrap_or_else(|| panic!("{kind}: {r}"));
            assert!(!cited.is_empty(), "{kind} {}", r["id"]);
            assert!(
                cited
                    .iter()
                    .all(|c| ids.contains(&c["source"].as_str().unwrap())),
                "{kind} {}",
                r["id"]
            );
        }
    }
    assert_eq!(export["organization"].as_array().unwrap().len(), 1);
    assert_eq!(export["organization"][0]["name"], "Example Regional Forum");
}

#[test]
fn third_org_summits_and_org_by_alias() {
    let (code, v) = erf_json(&["summits"]);
    assert_eq!(code, 0);
    let rows: Vec<(&str, &str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap(),
                m["date"].as_str().unwrap(),
                m["status"].as_str().unwrap_or("held"),
            )
        })
        .collect();
    assert_eq!(rows.len(), 7, "{rows:?}");
    assert_eq!(rows[0], ("erf-2019-northport", "2019-03-01", "held"));
    assert_eq!(rows[6], ("erf-2030-southbay", "2030-05-01", "scheduled"));
    let (code, table, _) = erf(&["summits"]);
    assert_eq!(code, 0);
    assert!(table.lines().next().unwrap().contains("ORG"), "{table}");
    assert!(
        table.lines().any(|l| l.starts_with("erf-2024-northport")
            && l.contains("Northland")
            && l.trim_end().ends_with("not-recorded")),
        "{table}"
    );
    for org in [
        "erf",
        "ERF",
        "Example Regional Forum",
        "примерный РЕГИОНАЛЬНЫЙ форум",
    ] {
        assert_eq!(erf(&["summits", "--org", org]).1, table, "{org}");
    }
    // The embedded organisations are not in this dataset.
    let data = third_org();
    assert_error(
        &["--data", &data, "summits", "--org", "csto"],
        &[
            "no organisation called 'csto'",
            "the organisations are: erf",
        ],
    );
}

#[test]
fn third_org_docs_by_meeting_topic_and_validity() {
    let (code, v) = erf_json(&["docs", "--summit", "erf-2021-southbay"]);
    assert_eq!(code, 0);
    assert_eq!(v["outcomes"]["recorded"], "complete");
    let ids: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["erf-2021-trade-programme"]);
    // A partial record shows the count its claim reports.
    let (code, stdout, _) = erf(&["docs", "--summit", "erf-2020-northport"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Northport Declaration on Fisheries"),
        "{stdout}"
    );
    assert!(
        stdout.contains("recorded only in part") && stdout.contains("4 signed"),
        "{stdout}"
    );
    // Nothing recorded is not "no documents".
    let (code, stdout, _) = erf(&["docs", "--summit", "erf-2024-northport"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("are not recorded"), "{stdout}");
    let (_, v) = erf_json(&["docs", "--topic", "FISHERIES"]);
    let mut ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        ["erf-2020-declaration", "erf-2022-statement-lighthouses"]
    );
    let (code, v) = erf_json(&["docs", "--in-force-on", "2023-06-01"]);
    assert_eq!(code, 0);
    assert_eq!(v["in_force"][0]["id"], "erf-2021-trade-programme");
    assert_eq!(v["in_force"].as_array().unwrap().len(), 1);
    assert_eq!(v["possibly_in_force"], serde_json::json!(["erf-charter"]));
    let (_, v) = erf_json(&["docs", "--in-force-on", "2025-06-01"]);
    assert_eq!(v["in_force"][0]["id"], "erf-2023-energy-strategy");
    assert_eq!(v["in_force"].as_array().unwrap().len(), 1);
    let (_, v) = erf_json(&["docs", "--org", "ERF", "--kind", "charter"]);
    assert_eq!(v[0]["id"], "erf-charter");
}

#[test]
fn third_org_holder_and_terms_of_the_coordinator() {
    let name_on = |post: &str, on: &str| -> (i32, Vec<String>) {
        let (code, v) = erf_json(&["holder", post, "--on", on]);
        assert_eq!(v["post"], "erf-coordinator", "{v}");
        let names = v["holders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["person"]["name"].as_str().unwrap().to_string())
            .collect();
        (code, names)
    };
    assert_eq!(name_on("Coordinator", "2019-02-28"), (1, vec![]));
    assert_eq!(
        name_on("coordinator", "2019-03-01"),
        (0, vec!["Ada Example".into()])
    );
    assert_eq!(
        name_on("ERF Coordinator", "2021-04-14"),
        (0, vec!["Ada Example".into()])
    );
    // A same-day handover of a post: the incoming holder has the day.
    assert_eq!(
        name_on("erf-coordinator", "2021-04-15"),
        (0, vec!["Ben Sample".into()])
    );
    assert_eq!(
        name_on("Coordinator", "2023-12-31"),
        (0, vec!["Ben Sample".into()])
    );
    // An open term runs on.
    assert_eq!(
        name_on("Coordinator", "2031-01-01"),
        (0, vec!["Cleo Placeholder".into()])
    );
    let (code, stdout, _) = erf(&[
        "holder",
        "Coordinator",
        "--org",
        "erf",
        "--on",
        "2024-01-01",
    ]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Cleo Placeholder") && stdout.contains("erf-2023-appointment-cleo"),
        "{stdout}"
    );
    let (_, terms) = erf_json(&["terms", "erf-coordinator"]);
    let ids: Vec<&str> = terms
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "erf-coordinator-2019-ada",
            "erf-coordinator-2021-ben",
            "erf-coordinator-2024-cleo"
        ]
    );
    let data = third_org();
    assert_error(
        &["--data", &data, "holder", "Coordinater"],
        &[
            "no post called 'Coordinater'",
            "did you mean 'erf-coordinator'",
        ],
    );
}

#[test]
fn third_org_chair_in_both_regimes() {
    let chair_on = |on: &str| -> (i32, Vec<(String, String)>) {
        let (code, v) = erf_json(&["chair", "--on", on]);
        let chairs = v["chairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["chairmanship"]["state"].as_str().unwrap().to_string(),
                    c["certainty"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (code, chairs)
    };
    let yes = |s: &str| (0, vec![(s.to_string(), "yes".to_string())]);
    assert_eq!(chair_on("2019-02-28"), (1, vec![]));
    assert_eq!(chair_on("2019-03-01"), yes("northland"));
    // A meeting that passes the chair is the outgoing chair's day.
    assert_eq!(chair_on("2020-06-10"), yes("northland"));
    assert_eq!(chair_on("2020-06-11"), yes("southmark"));
    assert_eq!(chair_on("2022-09-01"), yes("eastvale"));
    assert_eq!(chair_on("2023-12-31"), yes("westmere"));
    // Calendar years from 2024, each decided at the meeting before.
    assert_eq!(chair_on("2024-01-01"), yes("northland"));
    assert_eq!(chair_on("2025-12-31"), yes("southmark"));
    assert_eq!(chair_on("2026-06-01"), (1, vec![]));
    let (code, stdout, _) = erf(&["chair", "--org", "ERF", "--on", "2024-06-01"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("Chair of Example Regional Forum on 2024-06-01"),
        "{stdout}"
    );
    assert_eq!(fields(&stdout, "state"), ["Northland"], "{stdout}");
    assert_eq!(
        fields(&stdout, "decided at"),
        ["Council of Leaders, Westport 2023 (erf-2023-westport)"],
        "{stdout}"
    );
    let (_, stdout, _) = erf(&["chair", "--on", "2023-01-01"]);
    assert!(stdout.contains("Lighthouses for all (en)"), "{stdout}");
    assert!(stdout.contains("• Shared lighthouses"), "{stdout}");
    let (code, stdout, _) = erf(&["chair", "--on", "2026-06-01"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("No chairmanship of Example Regional Forum is recorded on 2026-06-01"),
        "{stdout}"
    );
}

#[test]
fn third_org_members_on_a_day() {
    let members_on = |on: &str, all: bool| -> Vec<(String, String)> {
        let mut args = vec!["members", "--org", "erf", "--on", on];
        if all {
            args.push("--all");
        }
        let (code, v) = erf_json(&args);
        assert_eq!(code, 0, "{on}: {v}");
        v["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["state"].as_str().unwrap().to_string(),
                    m["standing"][0]["standing"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let states =
        |rows: Vec<(String, String)>| -> Vec<String> { rows.into_iter().map(|(s, _)| s).collect() };
    assert_eq!(
        states(members_on("2020-06-01", false)),
        ["eastvale", "northland", "southmark"]
    );
    assert_eq!(
        states(members_on("2022-06-01", false)),
        ["eastvale", "northland", "southmark", "westmere"]
    );
    assert_eq!(
        states(members_on("2023-06-01", false)),
        ["northland", "southmark", "westmere"]
    );
    let all = members_on("2023-06-01", true);
    assert!(
        all.contains(&("eastvale".into(), "suspended".into())),
        "{all:?}"
    );
    assert!(
        all.contains(&("farshore".into(), "observer".into())),
        "{all:?}"
    );
    // Before the forum was founded nobody is a member: exit 1.
    let (code, stdout, _) = erf(&["members", "--on", "2019-01-01"]);
    assert_eq!(code, 1, "{stdout}");
}
