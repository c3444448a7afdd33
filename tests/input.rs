//! Input as people type it, through the real binary: names where ids are
//! asked, dates in other common forms, kinds in any case, --from/--to on the
//! lists, repeated --topic, and the flag people type for another.

mod common;

use common::{assert_error, run};
use serde_json::Value;

/// The ids of a JSON list answer (`docs`, `decisions`, `summits`).
fn ids(args: &[&str]) -> Vec<String> {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = run(&full);
    assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
    let value: Value = serde_json::from_str(&stdout).unwrap();
    let list = match &value {
        Value::Array(list) => list.clone(),
        Value::Object(map) => map
            .get("documents")
            .or_else(|| map.get("decisions"))
            .or_else(|| map.get("in_force"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    list.iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs both and asserts the same successful output.
fn same_answer(typed: &[&str], by_id: &[&str]) {
    let (code, stdout, stderr) = run(typed);
    let (id_code, id_stdout, _) = run(by_id);
    assert_eq!(code, 0, "{typed:?}: {stderr}");
    assert_eq!(id_code, 0, "{by_id:?}");
    assert!(!stdout.is_empty(), "{typed:?}");
    assert_eq!(stdout, id_stdout, "{typed:?} and {by_id:?} differ");
}

/// An ambiguous name: exit 2, nothing on stdout, a first line saying so and
/// then one line per candidate (its id and its name). Returns the ids.
fn candidates(args: &[&str], first: &str) -> Vec<String> {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
    assert!(stdout.is_empty(), "{args:?}: {stdout}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let mut lines = stderr.lines();
    let head = lines.next().unwrap_or_default();
    assert!(head.starts_with("error: "), "{stderr}");
    assert!(head.contains(first), "{first:?} not in {head}");
    lines
        .map(|l| {
            let mut parts = l.split_whitespace();
            let id = parts.next().unwrap_or_default().to_string();
            assert!(parts.next().is_some(), "no name on {l:?}");
            id
        })
        .collect()
}

// ---- names where ids are asked ---------------------------------------

#[test]
fn a_meeting_is_given_by_its_place_and_year() {
    for typed in ["Bishkek 2025", "bishkek 2025", "2025 Бишкек"] {
        same_answer(
            &["docs", "--summit", typed],
            &["docs", "--summit", "csc-2025-bishkek"],
        );
        same_answer(
            &["decisions", "--summit", typed],
            &["decisions", "--summit", "csc-2025-bishkek"],
        );
    }
    // JSON names the meeting resolved.
    let (_, stdout, _) = run(&["--format", "json", "docs", "--summit", "Bishkek 2025"]);
    let value: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["meeting"], "csc-2025-bishkek");
}

#[test]
fn a_name_of_several_meetings_lists_them() {
    // Every meeting held in Bishkek, of every organisation, oldest first.
    let mut expected: Vec<(String, String)> = common::data_records("meeting")
        .iter()
        .filter(|m| m["place"] == "Bishkek")
        .map(|m| {
            (
                m["date"].as_str().unwrap().to_string(),
                m["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    expected.sort();
    let expected: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();
    assert!(expected.len() >= 9, "{expected:?}");
    let ids = candidates(
        &["docs", "--summit", "Bishkek"],
        &format!("'Bishkek' names {} meetings", expected.len()),
    );
    assert_eq!(ids, expected);
    let ids = candidates(
        &["decisions", "--summit", "Bishkek 2019"],
        "names 2 meetings",
    );
    assert_eq!(ids, ["sco-2019-bishkek", "csc-2019-bishkek"]);
    // The line names the meeting too.
    let (_, _, stderr) = run(&["docs", "--summit", "Bishkek 2019"]);
    assert!(
        stderr.contains("SCO Council of Heads of State meeting, Bishkek 2019"),
        "{stderr}"
    );
}

#[test]
fn an_exact_meeting_id_wins_and_an_unknown_one_is_still_an_error() {
    let (code, json, _) = run(&["--format", "json", "docs", "--summit", "csc-2025-bishkek"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["meeting"], "csc-2025-bishkek");
    assert_error(
        &["docs", "--summit", "csc-2025-bishkk"],
        &[
            "no meeting with id 'csc-2025-bishkk'",
            "did you mean 'csc-2025-bishkek'",
        ],
    );
    assert_error(&["docs", "--summit", "Bishkek 2030"], &["no meeting"]);
}

#[test]
fn show_takes_a_surname_a_name_or_an_alias() {
    let by_id = ["show", "taalatbek-masadykov"];
    for typed in [
        "masadykov",
        "Masadykov",
        "MASADYKOV",
        "Taalatbek Masadykov",
        "Масадыков",
    ] {
        same_answer(&["show", typed], &by_id);
    }
    same_answer(&["show", "Bishkek 2025"], &["show", "csc-2025-bishkek"]);
    let (_, stdout, _) = run(&["show", "masadykov"]);
    assert!(stdout.starts_with("person taalatbek-masadykov"), "{stdout}");
}

#[test]
fn show_lists_the_records_a_shared_name_may_mean() {
    let ids = candidates(&["show", "Secretary General"], "names 2 records");
    assert_eq!(ids, ["secretary-general", "sco-secretary-general"]);
    assert_error(
        &["show", "taalatbek-masadykovv"],
        &["no record with id", "did you mean 'taalatbek-masadykov'"],
    );
}

// ---- dates -----------------------------------------------------------

#[test]
fn a_date_in_another_form_gets_a_did_you_mean() {
    for (typed, meant) in [
        ("2025-2-3", "2025-02-03"),
        ("27.11.2025", "2025-11-27"),
        ("27/11/2025", "2025-11-27"),
        ("2025/11/27", "2025-11-27"),
        ("20251127", "2025-11-27"),
    ] {
        let hint = format!("did you mean {meant}?");
        let on = format!("--on={typed}");
        assert_error(&["holder", "SG", &on], &[&hint, &format!("'{typed}'")]);
        assert_error(&["chair", &on], &[&hint]);
        let in_force = format!("--in-force-on={typed}");
        assert_error(&["docs", &in_force], &[&hint]);
        let from = format!("--from={typed}");
        assert_error(&["timeline", &from], &[&hint]);
        assert_error(&["summits", &from], &[&hint]);
    }
    // A month in another form, where a month is taken.
    assert_error(&["timeline", "--to", "2025/11"], &["did you mean 2025-11?"]);
    // No guess where none is sure.
    let err = assert_error(&["holder", "SG", "--on", "03/02/2025"], &["invalid value"]);
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn the_on_error_names_only_what_on_takes() {
    // `--on` takes a day, a month or a year; `--in-force-on` a day only:
    // each error names exactly its own forms, with a suggestion where the
    // text writes a date another way.
    let err = assert_error(
        &["holder", "SG", "--on", "someday"],
        &["expected YYYY-MM-DD, YYYY-MM, YYYY or `today`"],
    );
    assert!(!err.contains("whole day"), "{err}");
    assert_error(
        &["chair", "--on", "27.11.2025"],
        &["expected YYYY-MM-DD, YYYY-MM, YYYY or `today`; did you mean 2025-11-27?"],
    );
    for bad in ["someday", "2025-11", "2025"] {
        let flag = format!("--in-force-on={bad}");
        let err = assert_error(&["docs", &flag], &["a whole day, YYYY-MM-DD, or `today`"]);
        assert!(!err.contains("YYYY, YYYY-MM"), "{err}");
    }
    assert_error(&["docs", "--in-force-on", "2025-11"], &["not a month"]);
    assert_error(&["docs", "--in-force-on", "2025"], &["not a year"]);
    // Range bounds name theirs, `today` included.
    assert_error(
        &["timeline", "--from", "someday"],
        &["expected YYYY, YYYY-MM, YYYY-MM-DD or `today`"],
    );
}

// ---- kinds -----------------------------------------------------------

#[test]
fn kinds_ignore_case() {
    same_answer(
        &["docs", "--kind", "Strategy"],
        &["docs", "--kind", "strategy"],
    );
    same_answer(
        &["decisions", "--kind", "APPOINTMENT"],
        &["decisions", "--kind", "appointment"],
    );
    same_answer(
        &["sources", "--kind", "Official"],
        &["sources", "--kind", "official"],
    );
    assert!(!ids(&["docs", "--kind", "STRATEGY"]).is_empty());
    assert_error(
        &["docs", "--kind", "Strategie"],
        &["invalid value 'Strategie'"],
    );
}

// ---- --from and --to on the lists ------------------------------------

#[test]
fn summits_docs_and_decisions_take_from_and_to() {
    assert_eq!(
        ids(&["summits", "--from", "2025", "--to", "2025"]),
        [
            "eaeu-2025-06-27-minsk",
            "sco-2025-tianjin",
            "csc-2025-bishkek",
            "eaeu-2025-12-21-st-petersburg"
        ]
    );
    let all = ids(&["summits"]);
    let late = ids(&["summits", "--from", "2025-09-02"]);
    assert!(late.len() < all.len());
    assert_eq!(late.first().map(String::as_str), Some("csc-2025-bishkek"));
    // A day's bound is inclusive at both ends.
    let day = ids(&["docs", "--from", "2025-11-27", "--to", "2025-11-27"]);
    assert_eq!(day, ids(&["docs", "--summit", "csc-2025-bishkek"]));
    // Decisions by their meeting's day.
    let early = ids(&["decisions", "--to", "2003"]);
    assert!(early.contains(&"sg-appointment-2003-bordyuzha".to_string()));
    assert!(!early.contains(&"bishkek-2025-appointment-masadykov".to_string()));
    let (code, _, _) = run(&["decisions", "--from", "2030"]);
    assert_eq!(code, 1, "nothing that late");
    assert_error(
        &["docs", "--from", "2026", "--to", "2025"],
        &["--to 2025 is before --from 2026"],
    );
}

#[test]
fn a_coarse_date_is_kept_when_it_may_be_in_range() {
    // Adopted "2007-10": possibly on or after 15 October, certainly not in
    // November.
    let agreement = "csto-sco-agreement-2007".to_string();
    assert!(ids(&["docs", "--from", "2007-10-15", "--to", "2007-12"]).contains(&agreement));
    assert!(ids(&["docs", "--to", "2007-10-01"]).contains(&agreement));
    assert!(!ids(&["docs", "--from", "2007-11-01"]).contains(&agreement));
    assert!(!ids(&["docs", "--to", "2007-09-30"]).contains(&agreement));
}

// ---- --topic ----------------------------------------------------------

#[test]
fn topic_repeats_and_every_topic_must_match() {
    let terrorism = ids(&["docs", "--topic", "terrorism"]);
    let both = ids(&["docs", "--topic", "terrorism", "--topic", "Extremism"]);
    assert!(!both.is_empty());
    assert!(both.len() < terrorism.len(), "{both:?} / {terrorism:?}");
    assert!(both.iter().all(|id| terrorism.contains(id)));
    assert!(both.contains(&"yerevan-2016-counter-terrorism-measures-list".to_string()));
    // Terrorism but not extremism.
    let plan = "bishkek-2019-un-counter-terrorism-strategy-plan".to_string();
    assert!(terrorism.contains(&plan) && !both.contains(&plan));
    let (code, _, _) = run(&["docs", "--topic", "terrorism", "--topic", "fisheries"]);
    assert_eq!(code, 1);
}

// ---- the flag people type for another ---------------------------------

#[test]
fn a_look_alike_flag_gets_the_right_one() {
    for (args, tip) in [
        (
            &["holder", "SG", "--date", "2025-01-01"][..],
            "tip: `holder` takes --on DATE",
        ),
        (&["chair", "--year", "2025"], "tip: `chair` takes --on DATE"),
        (
            &["chair", "--day", "2025-01-01"],
            "tip: `chair` takes --on DATE",
        ),
        (
            &["members", "--at", "2025-01-01"],
            "tip: `members` takes --on DATE",
        ),
        (&["docs", "--type", "plan"], "tip: did you mean '--kind'?"),
        (
            &["sources", "--type", "official"],
            "tip: did you mean '--kind'?",
        ),
        (&["docs", "--meeting", "x"], "tip: did you mean '--summit'?"),
        (
            &["docs", "--since", "2025"],
            "tip: `docs` takes --from and --to",
        ),
        (
            &["decisions", "--date=2025"],
            "`decisions` takes --from and --to",
        ),
        (
            &["timeline", "--until", "2025"],
            "tip: did you mean '--to'?",
        ),
    ] {
        let err = assert_error(args, &["unexpected argument", tip]);
        assert!(!err.contains("'--data'"), "{args:?}: {err}");
    }
    // A flag with nothing to stand for loses clap's look-alike.
    let err = assert_error(
        &["sources", "--date", "2025"],
        &["unexpected argument '--date'"],
    );
    assert!(!err.contains("--data"), "{err}");
    // --from itself is a flag now, not a look-alike of --format.
    let (code, _, stderr) = run(&["docs", "--from", "2025"]);
    assert_eq!(code, 0, "{stderr}");
    // A real typo keeps clap's suggestion.
    assert_error(&["docs", "--kinds", "plan"], &["'--kind'"]);
}
