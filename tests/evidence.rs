//! Evidence and precision through the real binary: `show` with its sources and
//! quotes, `--sources` columns, `--explain`, conflicting claims side by side,
//! and "possibly" answers on a small dataset with a year-only start.

mod common;

use std::fs;

use common::run;
use serde_json::Value;

fn json(args: &[&str]) -> (i32, Value) {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = run(&full);
    assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"));
    (code, value)
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

// ---- show -------------------------------------------------------------

#[test]
fn show_on_every_document_prints_each_citation_with_its_source() {
    let (_, docs) = json(&["docs"]);
    let docs = ids(&docs);
    assert!(docs.len() >= 12, "{docs:?}");
    let mut without_quote = Vec::new();
    for id in &docs {
        let (code, stdout, stderr) = run(&["show", id]);
        assert_eq!(code, 0, "{id}: {stderr}");
        let sources = stdout
            .split("\nSources\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{id}: no Sources section:\n{stdout}"));
        let sources = sources.split("\n\n").next().unwrap();
        let (_, shown) = json(&["show", id]);
        let cited = shown["record"]["citations"].as_array().unwrap();
        assert!(!cited.is_empty(), "{id}");
        for c in cited {
            let source = c["source"].as_str().unwrap();
            let meta = shown["sources"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == source)
                .unwrap_or_else(|| panic!("{id}: source {source} not in the JSON"));
            let publisher = meta["publisher"].as_str().unwrap();
            assert!(
                sources.contains(&format!("{source} — {publisher}")),
                "{id}: {source} not shown:\n{sources}"
            );
            if let Some(url) = meta["url"].as_str() {
                assert!(sources.contains(url), "{id}: {url} not shown");
            }
            if let Some(date) = meta["published"].as_str() {
                assert!(sources.contains(date), "{id}: {date} not shown");
            }
            match c["quote"].as_str() {
                Some(quote) => assert!(
                    sources.contains(&format!("“{quote}”")),
                    "{id}: quote {quote:?} not shown"
                ),
                None => assert!(sources.contains("(no quote recorded)"), "{id}"),
            }
        }
        if !sources.contains('“') {
            without_quote.push(id.clone());
        }
    }
    // The fact sheet gives no quote for the two founding texts; that gap is
    // shown ("no quote recorded"), not hidden. Every other document has one.
    assert_eq!(
        without_quote,
        ["collective-security-treaty", "csto-charter"],
        "documents whose sources carry no quote"
    );
}

#[test]
fn show_puts_conflicting_counts_side_by_side_with_their_sources() {
    let (code, stdout, _) = run(&["show", "csc-2025-bishkek"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("documents-signed: 2 values, 15 / 16"),
        "{stdout}"
    );
    let row = |claim: &str| {
        stdout
            .lines()
            .find(|l| l.contains(claim))
            .unwrap_or_else(|| panic!("{claim} not in:\n{stdout}"))
            .to_string()
    };
    let fifteen = row("bishkek-2025-documents-signed-15");
    assert!(
        fifteen.contains("24.kg (24kg-352555): “signed 15 documents”"),
        "{fifteen}"
    );
    let sixteen = row("bishkek-2025-documents-signed-16 ");
    assert!(sixteen.contains("dushanbetoday"), "{sixteen}");
    assert!(row("bishkek-2025-documents-prepared-19").contains("TASS"));
    let full = stdout
        .split("\nSources of the claims\n")
        .nth(1)
        .expect("full citations");
    assert!(
        full.contains("• bishkek-2025-documents-signed-15: 24kg-352555 — 24.kg, \"Documents of the Collective Security Council session in Bishkek\", 2025-11-27\n    https://24.kg/english/352555\n    “signed 15 documents”"),
        "{full}"
    );

    // The claim itself lists the other value too.
    let (code, stdout, _) = run(&["show", "bishkek-2025-documents-signed-16"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Every claim on csc-2025-bishkek documents-signed"));
    assert!(
        stdout.contains("bishkek-2025-documents-signed-15"),
        "{stdout}"
    );
    assert!(stdout.contains("“signed 15 documents”"), "{stdout}");
    let (_, shown) = json(&["show", "bishkek-2025-documents-signed-16"]);
    let values: Vec<i64> = shown["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_i64().unwrap())
        .collect();
    assert_eq!(values, [15, 16]);
}

// ---- --sources --------------------------------------------------------

#[test]
fn sources_adds_a_last_column_to_every_list_command() {
    for args in [
        &["summits", "--sources"][..],
        &["docs", "--sources"],
        &["decisions", "--sources"],
        &["terms", "--sources"],
        &["search", "masadykov", "--sources"],
    ] {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let header = stdout.lines().next().unwrap();
        assert!(header.ends_with("SOURCES"), "{args:?}: {header}");
        let without: Vec<&str> = args.iter().copied().filter(|a| *a != "--sources").collect();
        let (_, plain, _) = run(&without);
        assert!(!plain.contains("SOURCES"), "{args:?}");
    }
    let (_, stdout, _) = run(&[
        "docs",
        "--kind",
        "strategy",
        "--summit",
        "csc-2025-bishkek",
        "--sources",
    ]);
    let row = stdout
        .lines()
        .find(|l| l.starts_with("bishkek-2025-anti-drug-strategy"))
        .unwrap();
    assert!(
        row.ends_with("Kremlin (President of Russia); Times Tengri"),
        "{row}"
    );
    let (_, stdout, _) = run(&["terms", "--sources"]);
    let row = stdout
        .lines()
        .find(|l| l.contains("sg-2026-masadykov"))
        .unwrap();
    assert!(
        row.contains("Trend; CIS Executive Committee; Gazeta.kg"),
        "{row}"
    );
}

// ---- --explain --------------------------------------------------------

#[test]
fn holder_explain_shows_the_term_its_bounds_and_quoted_sources() {
    let (code, stdout, _) = run(&["holder", "SG", "--on", "2026-03-01", "--explain"]);
    assert_eq!(code, 0);
    for needle in [
        "matched:    term sg-2026-masadykov",
        "start:      2026-01-01 (day)",
        "end:        2028-12-31 (day)",
        "certainty:  yes",
        "trend-4122760 — Trend",
        "https://trend.az/casia/kyrgyzstan/4122760",
        "“who took office on January 1, 2026”",
    ] {
        assert!(stdout.contains(needle), "{needle:?} not in:\n{stdout}");
    }
    let (_, plain, _) = run(&["holder", "SG", "--on", "2026-03-01"]);
    assert!(!plain.contains("matched:"), "{plain}");

    let (_, v) = json(&["holder", "SG", "--on", "2026-03-01", "--explain"]);
    let explain = &v["holders"][0]["explain"];
    assert_eq!(explain["matched"]["id"], "sg-2026-masadykov");
    assert_eq!(explain["start"]["precision"], "day");
    assert_eq!(explain["certainty"], "yes");
    assert_eq!(explain["citations"][0]["publisher"], "Trend");
    assert!(explain["citations"][0]["quote"].is_string());
}

#[test]
fn chair_explain_on_a_year_known_only_by_its_year_says_possibly_and_exits_1() {
    let (code, stdout, _) = run(&["chair", "--on", "2019-06-01", "--explain"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("matched:    chairmanship chair-2019-kyrgyzstan"),
        "{stdout}"
    );
    assert!(
        stdout.contains("possibly: the start is not recorded, only that it is the chairmanship of 2019, year: 2019-01-01..2019-12-31"),
        "{stdout}"
    );
    assert!(stdout.contains("“Bishkek, 2019-11-28”"), "{stdout}");
    let (code, v) = json(&["chair", "--on", "2019-06-01", "--explain"]);
    assert_eq!(code, 1);
    assert_eq!(v["chairs"][0]["certainty"], "possibly");
    assert_eq!(v["chairs"][0]["explain"]["certainty"], "possibly");
}

// ---- precision: a term that starts in "2003" ---------------------------

const COARSE: &str = r#"
[[source]]
id = "s"
publisher = "Pub"
title = "The record"
url = "https://example.org/record"

[[organization]]
id = "org"
name = "Org"
citations = [{ source = "s", quote = "the org" }]

[[person]]
id = "ann"
name = "Ann Example"
citations = [{ source = "s", quote = "Ann" }]

[[post]]
id = "head"
organization = "org"
name = "Head"
citations = [{ source = "s", quote = "the head" }]

[[term]]
id = "ann-head"
post = "head"
person = "ann"
start = "2003"
end = "2005-06"
citations = [{ source = "s", quote = "Ann headed it from 2003 until June 2005" }]
"#;

fn coarse() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("coarse.toml"), COARSE).unwrap();
    dir
}

#[test]
fn a_day_inside_a_year_only_start_is_possibly_in_table_and_json_with_exit_1() {
    let dir = coarse();
    let data = dir.path().to_str().unwrap();
    let (code, stdout, _) = run(&["--data", data, "holder", "head", "--on", "2003-02-01"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("holder:     Ann Example"), "{stdout}");
    assert!(stdout.contains("certainty:  possibly"), "{stdout}");

    let (code, v) = json(&["--data", data, "holder", "head", "--on", "2003-02-01"]);
    assert_eq!(code, 1);
    assert_eq!(v["holders"][0]["certainty"], "possibly");

    // Compared as intervals of days, not as strings or as 1 January.
    let answer = |day: &str| {
        let (code, v) = json(&["--data", data, "holder", "head", "--on", day]);
        let certainty = v["holders"].get(0).map_or("none".to_string(), |h| {
            h["certainty"].as_str().unwrap().to_string()
        });
        (code, certainty)
    };
    assert_eq!(answer("2002-12-31"), (1, "none".to_string()));
    assert_eq!(answer("2003-01-01"), (1, "possibly".to_string()));
    assert_eq!(answer("2003-12-31"), (0, "yes".to_string()));
    assert_eq!(answer("2005-06-01"), (0, "yes".to_string()));
    assert_eq!(answer("2005-06-15"), (1, "possibly".to_string()));
    assert_eq!(answer("2005-07-01"), (1, "none".to_string()));
}

#[test]
fn explain_says_which_bound_is_too_coarse() {
    let dir = coarse();
    let data = dir.path().to_str().unwrap();
    let (code, stdout, _) = run(&[
        "--data",
        data,
        "holder",
        "head",
        "--on",
        "2003-02-01",
        "--explain",
    ]);
    assert_eq!(code, 1);
    for needle in [
        "matched:    term ann-head",
        "start:      2003 (year: 2003-01-01..2003-12-31)",
        "end:        2005-06 (month: 2005-06-01..2005-06-30)",
        "possibly: the start is known only to the year (2003-01-01..2003-12-31) and 2003-02-01 falls in it",
        "s — Pub, \"The record\"",
        "https://example.org/record",
        "“Ann headed it from 2003 until June 2005”",
    ] {
        assert!(stdout.contains(needle), "{needle:?} not in:\n{stdout}");
    }
    let (_, v) = json(&[
        "--data",
        data,
        "holder",
        "head",
        "--on",
        "2005-06-15",
        "--explain",
    ]);
    let explain = &v["holders"][0]["explain"];
    assert_eq!(explain["end"]["precision"], "month");
    assert_eq!(explain["end"]["last_day"], "2005-06-30");
    assert!(explain["reason"]
        .as_str()
        .unwrap()
        .contains("the end is known only to the month"));
}

#[test]
fn docs_in_force_on_names_an_open_ended_document_as_possibly_apart() {
    let text = format!(
        "{COARSE}\n[[document]]\nid = \"open-plan\"\ntitle = \"Open plan\"\nkind = \"plan\"\nvalid_from = \"2020\"\ncitations = [{{ source = \"s\", quote = \"from 2020\" }}]\n\n[[document]]\nid = \"closed-plan\"\ntitle = \"Closed plan\"\nkind = \"plan\"\nvalid_from = \"2020\"\nvalid_to = \"2022\"\ncitations = [{{ source = \"s\", quote = \"2020 to 2022\" }}]\n"
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("d.toml"), text).unwrap();
    let data = dir.path().to_str().unwrap();

    let (code, stdout, _) = run(&["--data", data, "docs", "--in-force-on", "2021-06-01"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.lines().nth(1).unwrap().starts_with("closed-plan"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Possibly in force (validity period open at one end): open-plan."),
        "{stdout}"
    );
    let (_, v) = json(&["--data", data, "docs", "--in-force-on", "2021-06-01"]);
    assert_eq!(ids(&v["in_force"]), ["closed-plan"], "the certain one");
    assert_eq!(v["possibly_in_force"], serde_json::json!(["open-plan"]));

    let (code, stdout, _) = run(&["--data", data, "docs", "--in-force-on", "2025-06-01"]);
    assert_eq!(code, 1, "no certain answer: {stdout}");
    assert!(stdout.contains("No documents match."), "{stdout}");
    assert!(stdout.contains("open-plan"), "{stdout}");

    let (_, stdout, _) = run(&["--data", data, "docs", "--in-force-on", "2019-06-01"]);
    assert!(!stdout.contains("open-plan"), "before it starts: {stdout}");
}
