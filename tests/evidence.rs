//! Evidence and precision through the real binary: `show` with its sources and
//! quotes, `--sources` columns, `--explain`, conflicting claims side by side,
//! and "possibly" answers on a small dataset with a year-only start.

mod common;

use std::fs;

use common::{data_records, run};
use serde_json::Value;

fn json(args: &[&str]) -> (i32, Value) {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = run(&full);
    assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"));
    (code, value)
}

/// The record of `kind` with this id in `data/`.
fn data_record(kind: &str, id: &str) -> Value {
    data_records(kind)
        .into_iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {kind} {id} in data/"))
}

/// The publishers of these citations, once each, in citation order: what a
/// `--sources` column and a `sources:` line show.
fn publishers(citations: &Value) -> String {
    let mut names: Vec<String> = Vec::new();
    for c in citations.as_array().unwrap() {
        let source = data_record("source", c["source"].as_str().unwrap());
        let name = source["publisher"].as_str().unwrap().to_string();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join("; ")
}

/// Whether any citation of `record`, at any depth (its aliases' too), has a quote.
fn has_quote(record: &Value) -> bool {
    match record {
        Value::Object(map) => {
            map.get("citations")
                .and_then(Value::as_array)
                .is_some_and(|cs| cs.iter().any(|c| c["quote"].is_string()))
                || map.values().any(has_quote)
        }
        Value::Array(list) => list.iter().any(has_quote),
        _ => false,
    }
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
    // Where the fact sheets give no quote for any citation of a document,
    // that gap is shown ("no quote recorded"), not hidden; every other
    // document shows a quote.
    let mut expected: Vec<String> = data_records("document")
        .iter()
        .filter(|d| !has_quote(d))
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!expected.is_empty());
    assert!(expected.len() < docs.len());
    expected.sort();
    without_quote.sort();
    assert_eq!(
        without_quote, expected,
        "documents whose sources carry no quote"
    );
}

#[test]
fn show_puts_conflicting_counts_side_by_side_with_their_sources() {
    let (code, stdout, _) = run(&["show", "csc-2025-bishkek"]);
    assert_eq!(code, 0);
    // Two sources agree on 15, one says 16: every claim is kept.
    assert!(
        stdout.contains("documents-signed: 3 values, 15 / 15 / 16"),
        "{stdout}"
    );
    let row = |claim: &str| {
        stdout
            .lines()
            .find(|l| l.contains(claim))
            .unwrap_or_else(|| panic!("{claim} not in:\n{stdout}"))
            .to_string()
    };
    let claim = data_record("claim", "bishkek-2025-documents-signed-15");
    let quote = claim["citations"][0]["quote"].as_str().unwrap();
    let source = data_record("source", claim["citations"][0]["source"].as_str().unwrap());
    assert_eq!(source["id"], "24kg-352555");
    let fifteen = row("bishkek-2025-documents-signed-15 ");
    assert!(
        fifteen.contains(&format!("24.kg (24kg-352555): “{quote}”")),
        "{fifteen}"
    );
    assert!(row("bishkek-2025-documents-signed-15-tass").contains("TASS (tass-25747287)"));
    let sixteen = row("bishkek-2025-documents-signed-16 ");
    assert!(sixteen.contains("dushanbetoday"), "{sixteen}");
    assert!(row("bishkek-2025-documents-prepared-19").contains("TASS"));
    let full = stdout
        .split("\nSources of the claims\n")
        .nth(1)
        .expect("full citations");
    let expected = format!(
        "• bishkek-2025-documents-signed-15: 24kg-352555 — 24.kg, \"{}\", {}\n    {}\n    “{quote}”",
        source["title"].as_str().unwrap(),
        source["published"].as_str().unwrap(),
        source["url"].as_str().unwrap(),
    );
    assert!(full.contains(&expected), "{expected}\nnot in:\n{full}");

    // The claim itself lists the other values too.
    let (code, stdout, _) = run(&["show", "bishkek-2025-documents-signed-16"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Every claim on csc-2025-bishkek documents-signed"));
    assert!(
        stdout.contains("bishkek-2025-documents-signed-15"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("“{quote}”")), "{stdout}");
    let (_, shown) = json(&["show", "bishkek-2025-documents-signed-16"]);
    let values: Vec<i64> = shown["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_i64().unwrap())
        .collect();
    assert_eq!(values, [15, 15, 16]);
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
    let expected =
        publishers(&data_record("document", "bishkek-2025-anti-drug-strategy")["citations"]);
    assert_eq!(expected, "Kremlin (President of Russia); Times Tengri");
    assert!(row.ends_with(&expected), "{row}");
    let (_, stdout, _) = run(&["terms", "--sources"]);
    let row = stdout
        .lines()
        .find(|l| l.contains("sg-2026-masadykov"))
        .unwrap();
    let expected = publishers(&data_record("term", "sg-2026-masadykov")["citations"]);
    assert!(
        expected.contains("Trend") && expected.contains("Gazeta.kg"),
        "{expected}"
    );
    assert!(row.ends_with(&expected), "{row}\n{expected}");
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
        "https://www.trend.az/casia/kyrgyzstan/4122760.html",
        "“The CSTO Secretary General Taalatbek Masadykov, who took office on January 1, 2026”",
    ] {
        assert!(stdout.contains(needle), "{needle:?} not in:\n{stdout}");
    }
    // Every citation of the term, with its source and quote.
    let term = data_record("term", "sg-2026-masadykov");
    let cited = term["citations"].as_array().unwrap();
    for c in cited {
        let source = data_record("source", c["source"].as_str().unwrap());
        let head = format!(
            "{} — {}",
            source["id"].as_str().unwrap(),
            source["publisher"].as_str().unwrap()
        );
        assert!(stdout.contains(&head), "{head:?} not in:\n{stdout}");
        if let Some(quote) = c["quote"].as_str() {
            assert!(
                stdout.contains(&format!("“{quote}”")),
                "{quote:?} not in:\n{stdout}"
            );
        }
    }
    let (_, plain, _) = run(&["holder", "SG", "--on", "2026-03-01"]);
    assert!(!plain.contains("matched:"), "{plain}");

    let (_, v) = json(&["holder", "SG", "--on", "2026-03-01", "--explain"]);
    let explain = &v["holders"][0]["explain"];
    assert_eq!(explain["matched"]["id"], "sg-2026-masadykov");
    assert_eq!(explain["start"]["precision"], "day");
    assert_eq!(explain["certainty"], "yes");
    let first = data_record("source", cited[0]["source"].as_str().unwrap());
    assert_eq!(explain["citations"][0]["publisher"], first["publisher"]);
    assert_eq!(explain["citations"][0]["quote"], cited[0]["quote"]);
    assert_eq!(explain["citations"].as_array().unwrap().len(), cited.len());
}

#[test]
fn chair_explain_on_a_year_known_only_by_its_year_says_possibly_and_exits_1() {
    // Kyrgyzstan's chairmanship of 2007-2008 starts "2007": the sources
    // disagree on the day.
    let chair = data_record("chairmanship", "chair-2007-kyrgyzstan");
    assert_eq!(chair["start"], "2007");
    let args = ["chair", "--org", "csto", "--on", "2007-06-01", "--explain"];
    let (code, stdout, _) = run(&args);
    assert_eq!(code, 1, "{stdout}");
    for needle in [
        "matched:    chairmanship chair-2007-kyrgyzstan",
        "start:      2007 (year: 2007-01-01..2007-12-31)",
        "end:        2008-09-05 (day)",
        "possibly: the start is known only to the year (2007-01-01..2007-12-31) and 2007-06-01 falls in it",
    ] {
        assert!(stdout.contains(needle), "{needle:?} not in:\n{stdout}");
    }
    for c in chair["citations"].as_array().unwrap() {
        let quote = c["quote"].as_str().unwrap();
        assert!(
            stdout.contains(&format!("“{quote}”")),
            "{quote:?} not in:\n{stdout}"
        );
    }
    // Belarus's chairmanship, whose end is known only to the year, possibly too.
    assert!(
        stdout.contains("matched:    chairmanship chair-2006-belarus"),
        "{stdout}"
    );
    let (code, v) = json(&args);
    assert_eq!(code, 1);
    let kyrgyzstan = v["chairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["chairmanship"]["id"] == "chair-2007-kyrgyzstan")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(kyrgyzstan["certainty"], "possibly");
    assert_eq!(kyrgyzstan["explain"]["certainty"], "possibly");
    assert_eq!(kyrgyzstan["explain"]["start"]["precision"], "year");
    // A day of 2008 is inside the period whatever day of 2007 it began.
    let (code, v) = json(&["chair", "--org", "csto", "--on", "2008-01-01", "--explain"]);
    assert_eq!(code, 0);
    assert_eq!(
        v["chairs"][0]["chairmanship"]["id"],
        "chair-2007-kyrgyzstan"
    );
    assert_eq!(v["chairs"][0]["explain"]["certainty"], "yes");
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
        stdout.contains("Possibly in force (one end of the period is not recorded): open-plan."),
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
