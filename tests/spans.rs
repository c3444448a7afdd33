//! `--on` a month or a year for `holder`, `chair` and `members`: everyone in
//! the span with the certainty of each, run through the real binary on the
//! embedded dataset.

mod common;

use common::{assert_error, run};
use serde_json::Value;

/// `--format json ARGS`: the exit code and the answer.
fn json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(&all);
    assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
    (code, serde_json::from_str(&stdout).unwrap())
}

fn pairs(list: &Value, id: &str) -> Vec<(String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap().to_string();
            (s(id), s("certainty"))
        })
        .collect()
}

fn yes(ids: &[&str]) -> Vec<(String, String)> {
    ids.iter()
        .map(|i| (i.to_string(), "yes".to_string()))
        .collect()
}

#[test]
fn holder_in_a_month_or_a_year_names_everyone_in_it() {
    let (code, v) = json(&["holder", "SG", "--on", "2025-11"]);
    assert_eq!(code, 0);
    assert_eq!(v["on"], "2025-11", "the span keeps its precision");
    assert_eq!(
        pairs(&v["holders"], "person_id"),
        yes(&["imangali-tasmagambetov"])
    );
    let (code, v) = json(&["holder", "SG", "--on", "2022"]);
    assert_eq!(code, 0);
    assert_eq!(v["on"], "2022");
    assert_eq!(pairs(&v["holders"], "person_id"), yes(&["stanislav-zas"]));
    // 2017: the acting deputy from 1 January, Khachaturov from 2 May.
    let (_, v) = json(&["holder", "SG", "--on", "2017"]);
    assert_eq!(
        pairs(&v["holders"], "person_id"),
        yes(&["valery-semerikov", "yuri-khachaturov"])
    );
    // November 2018: Khachaturov until the handover of 2 November, then the
    // acting holder (who has that day).
    let (_, v) = json(&["holder", "SG", "--on", "2018-11"]);
    assert_eq!(
        pairs(&v["holders"], "person_id"),
        yes(&["yuri-khachaturov", "valery-semerikov"])
    );
}

#[test]
fn a_span_with_no_holder_exits_1_and_says_so() {
    let (code, stdout, _) = run(&["holder", "SG", "--on", "2003-03"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains(
            "No holder of the post Secretary General (secretary-general) is recorded in 2003-03."
        ),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["holder", "SG", "--on", "2003"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("Secretary General in 2003\n"),
        "{stdout}"
    );
    assert!(stdout.contains("Nikolai Bordyuzha"), "{stdout}");
}

#[test]
fn a_day_answers_exactly_as_before() {
    // The day path is untouched: one holder on the handover day.
    let (code, v) = json(&["holder", "SG", "--on", "2018-11-02"]);
    assert_eq!(code, 0);
    assert_eq!(v["on"], "2018-11-02");
    assert_eq!(
        pairs(&v["holders"], "person_id"),
        yes(&["valery-semerikov"])
    );
    let (_, stdout, _) = run(&["holder", "SG", "--on", "2018-11-02"]);
    assert!(
        stdout.starts_with("Secretary General on 2018-11-02\n"),
        "{stdout}"
    );
}

#[test]
fn chair_in_a_year_lists_each_chair_and_the_possible_ones() {
    let (code, v) = json(&["chair", "--org", "csto", "--on", "2009"]);
    assert_eq!(code, 0);
    assert_eq!(v["on"], "2009");
    assert_eq!(pairs(&v["chairs"], "state"), yes(&["armenia", "russia"]));
    // Belarus's end and Kyrgyzstan's start are known only to 2007: both
    // chaired in 2007 for certain, and either may have in March.
    let (code, v) = json(&["chair", "--org", "csto", "--on", "2007"]);
    assert_eq!(code, 0);
    assert_eq!(
        pairs(&v["chairs"], "state"),
        yes(&["belarus", "kyrgyzstan"])
    );
    let (code, v) = json(&["chair", "--org", "csto", "--on", "2007-03", "--explain"]);
    assert_eq!(code, 1, "only possible chairs: no certain answer");
    let possibly = |s: &str| (s.to_string(), "possibly".to_string());
    assert_eq!(
        pairs(&v["chairs"], "state"),
        [possibly("belarus"), possibly("kyrgyzstan")]
    );
    let reason = v["chairs"][1]["explain"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("start is known only to the year (2007-01-01..2007-12-31) and may fall after 2007-03-31"),
        "{reason}"
    );
    let (_, stdout, _) = run(&["chair", "--org", "csto", "--on", "2007-03"]);
    assert!(
        stdout.contains(
            "The data cannot tell which states chaired in 2007-03: possibly Belarus or Kyrgyzstan."
        ),
        "{stdout}"
    );
}

#[test]
fn chair_in_the_month_of_a_session_handover_has_both_sides() {
    // The chair passed at the session of 14 June 2009.
    let (_, v) = json(&["chair", "--org", "csto", "--on", "2009-06"]);
    assert_eq!(pairs(&v["chairs"], "state"), yes(&["armenia", "russia"]));
    let (_, v) = json(&["chair", "--org", "csto", "--on", "2009-07"]);
    assert_eq!(pairs(&v["chairs"], "state"), yes(&["russia"]));
    // Since 2024 the chair passes on 1 January: one chair a year.
    let (_, v) = json(&["chair", "--org", "csto", "--on", "2025"]);
    assert_eq!(pairs(&v["chairs"], "state"), yes(&["kyrgyzstan"]));
}

#[test]
fn members_in_a_year_count_a_state_that_joined_during_it() {
    let (code, v) = json(&["members", "--org", "sco", "--on", "2017"]);
    assert_eq!(code, 0);
    assert_eq!(v["on"], "2017");
    let member = |state: &str| {
        v["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["state"] == state)
            .map(|m| m["member"].as_str().unwrap().to_string())
    };
    // India and Pakistan joined at the Astana summit of 9 June 2017.
    assert_eq!(member("india").as_deref(), Some("yes"));
    assert_eq!(member("pakistan").as_deref(), Some("yes"));
    let (_, v) = json(&["members", "--org", "sco", "--on", "2017-05"]);
    let states: Vec<&str> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["state"].as_str().unwrap())
        .collect();
    assert!(!states.contains(&"india"), "{states:?}");
}

#[test]
fn members_in_the_year_of_a_suspension_still_list_the_state() {
    // Uzbekistan's membership was suspended on 2012-12-19.
    let (_, v) = json(&["members", "--org", "csto", "--on", "2012", "--all"]);
    let uzbekistan = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["state"] == "uzbekistan")
        .expect("listed")
        .clone();
    assert_eq!(uzbekistan["member"], "yes");
    let standings: Vec<&str> = uzbekistan["standings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(standings.contains(&"suspended"), "{standings:?}");
    assert!(standings.contains(&"member"), "{standings:?}");
    let (_, v) = json(&["members", "--org", "csto", "--on", "2013"]);
    assert!(
        v["members"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["state"] != "uzbekistan"),
        "suspended all of 2013"
    );
}

#[test]
fn span_answers_validate_against_their_schemas() {
    let cases: &[(&str, &[&str])] = &[
        ("holder", &["holder", "SG", "--on", "2018-11", "--explain"]),
        ("holder", &["holder", "Secretary General", "--on", "2020"]),
        ("chair", &["chair", "--on", "2007-03", "--explain"]),
        ("members", &["members", "--on", "2012", "--all"]),
    ];
    for (command, args) in cases {
        let (code, schema, stderr) = run(&["schema", command]);
        assert_eq!(code, 0, "{stderr}");
        let schema: Value = serde_json::from_str(&schema).unwrap();
        let (_, answer) = json(args);
        let validator = jsonschema::options()
            .build(&schema)
            .expect("a valid schema");
        let errors: Vec<String> = validator
            .iter_errors(&answer)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}:\n{}", errors.join("\n"));
        assert!(answer["on"].as_str().unwrap().len() <= 7, "{args:?}");
    }
}

#[test]
fn on_says_exactly_what_it_takes() {
    for command in ["holder", "chair", "members"] {
        let mut args = vec![command];
        if command == "holder" {
            args.push("SG");
        }
        args.extend(["--on", "2025/11"]);
        assert_error(
            &args,
            &["'2025/11'", "expected YYYY-MM-DD, YYYY-MM, YYYY or `today`"],
        );
        let (_, help, _) = run(&[command, "--help"]);
        assert!(
            help.contains("YYYY-MM-DD, YYYY-MM, YYYY or `today`"),
            "{command}: {help}"
        );
    }
    assert_error(&["holder", "SG", "--on", "2025-13"], &["month 13"]);
    let (code, _, _) = run(&["holder", "SG", "--on", "today"]);
    assert!(code < 2);
}
