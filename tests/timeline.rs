//! `timeline`: events in order, --from/--to with honest precision, and the
//! chart, run through the real binary on the embedded dataset.

mod common;

use common::{assert_error, data_ids, data_records, run};
use serde_json::Value;

fn json(args: &[&str]) -> (i32, Value) {
    let mut full = vec!["--format", "json", "timeline"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = run(&full);
    assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
    (code, serde_json::from_str(&stdout).unwrap())
}

/// (date, kind, id) of each event.
fn events(args: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let (code, value) = json(args);
    let list = value
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap().to_string(),
                e["kind"].as_str().unwrap().to_string(),
                e["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (code, list)
}

/// The first day a date can be, for comparing dates of any precision.
fn first_day(date: &str) -> String {
    match date.len() {
        4 => format!("{date}-01-01"),
        7 => format!("{date}-01"),
        _ => date.to_string(),
    }
}

#[test]
fn events_are_in_order_and_coarse_dates_sort_by_their_first_day() {
    let (code, list) = events(&[]);
    assert_eq!(code, 0);
    assert!(list.len() > 40, "{list:?}");
    for pair in list.windows(2) {
        assert!(
            first_day(&pair[0].0) <= first_day(&pair[1].0),
            "out of order: {pair:?}"
        );
    }
    let at = |id: &str, kind: &str| {
        list.iter()
            .position(|(_, k, i)| i == id && k == kind)
            .unwrap_or_else(|| panic!("{id} {kind} missing"))
    };
    // "2007" (Kyrgyzstan's chairmanship began in a year the sources do not
    // agree on the day of) comes before the dated days of 2007.
    assert_eq!(list[at("chair-2007-kyrgyzstan", "chair-start")].0, "2007");
    assert!(at("chair-2007-kyrgyzstan", "chair-start") < at("csc-2007-dushanbe", "meeting"));
    assert!(at("chair-2006-belarus", "chair-end") < at("csc-2007-dushanbe", "meeting"));
    // A same-day handover: the outgoing end, then the incoming start.
    assert!(at("sg-2017-khachaturov", "term-end") < at("sg-2018-semerikov-acting", "term-start"));
    assert!(at("chair-2008-armenia", "chair-end") < at("chair-2009-russia", "chair-start"));
    assert_eq!(list[at("chair-2009-russia", "chair-start")].0, "2009-06-14");
}

#[test]
fn from_and_to_are_inclusive_days() {
    let (code, list) = events(&["--from", "2018-11-02", "--to", "2018-11-08"]);
    assert_eq!(code, 0);
    let ids: Vec<&str> = list.iter().map(|(_, _, id)| id.as_str()).collect();
    assert!(ids.contains(&"sg-2017-khachaturov"), "{ids:?}");
    assert!(ids.contains(&"sg-2018-semerikov-acting"), "{ids:?}");
    assert!(ids.contains(&"csc-2018-astana"), "{ids:?}");

    let (_, list) = events(&["--from", "2018-11-03", "--to", "2018-11-07"]);
    let ids: Vec<&str> = list.iter().map(|(_, _, id)| id.as_str()).collect();
    assert!(!ids.contains(&"sg-2017-khachaturov"), "{ids:?}");
    assert!(!ids.contains(&"csc-2018-astana"), "{ids:?}");
}

#[test]
fn a_coarse_date_partly_in_range_is_kept_as_possibly() {
    let (code, value) = json(&["--from", "2007-06-01", "--to", "2007-12-31"]);
    assert_eq!(code, 0);
    let chair = value
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "chair-2007-kyrgyzstan")
        .expect("the start of the 2007-2008 chairmanship is kept");
    assert_eq!(chair["kind"], "chair-start");
    assert_eq!(chair["in_range"], "possibly");
    assert_eq!(chair["date"], "2007");
    assert_eq!(chair["precision"], "year");
    let session = value
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "csc-2007-dushanbe")
        .expect("the session of 6 October 2007");
    assert_eq!(session["in_range"], "yes");
    // Only "possibly" events: exit 1, and the table says which.
    let (code, stdout, _) = run(&[
        "timeline", "--org", "csto", "--from", "2007-07", "--to", "2007-08",
    ]);
    assert_eq!(code, 1, "{stdout}");
    for id in ["chair-2006-belarus", "chair-2007-kyrgyzstan"] {
        assert!(stdout.contains(&format!("possibly  {id}")), "{stdout}");
    }
    assert!(!stdout.contains("  yes  "), "{stdout}");
    // A coarse bound stands for its whole unit: the documents valid to 2030.
    let (code, list) = events(&["--from", "2030", "--to", "2030"]);
    assert_eq!(code, 0);
    let mut ids: Vec<String> = list.iter().map(|(_, _, id)| id.clone()).collect();
    ids.sort();
    let mut expected = data_ids("document", |d| d["valid_to"] == "2030");
    expected.sort();
    assert!(expected.len() >= 2, "{expected:?}");
    assert_eq!(ids, expected);
    assert!(list.iter().all(|(_, k, _)| k == "valid-to"));
}

#[test]
fn nothing_in_range_exits_1_and_bad_bounds_exit_2() {
    let (code, stdout, _) = run(&["timeline", "--from", "1900", "--to", "1901"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "No dated events match.\n");
    assert_error(
        &["timeline", "--from", "2019-02-30"],
        &["2019-02-30", "February 2019 has days 01 to 28"],
    );
    assert_error(
        &["timeline", "--from", "2010", "--to", "2000"],
        &["--to 2000 is before --from 2010"],
    );
    assert_error(&["timeline", "--chart", "--width", "20"], &["--width"]);
}

fn chart(extra: &[&str]) -> String {
    let mut args = vec!["timeline", "--chart"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn the_chart_never_exceeds_the_width() {
    for width in ["40", "41", "57", "80", "100", "233"] {
        for ascii in [false, true] {
            let mut args = vec!["--width", width];
            if ascii {
                args.push("--ascii");
            }
            let out = chart(&args);
            let max: usize = width.parse().unwrap();
            for line in out.lines() {
                assert!(
                    line.chars().count() <= max,
                    "{width}: {line:?} is {} wide",
                    line.chars().count()
                );
            }
            if ascii {
                assert!(!out.contains(['█', '░', '─', '┬']), "{out}");
                assert!(out.contains('#') && out.contains('.'), "{out}");
            }
        }
    }
    // Piped, without --width: 80 columns.
    let out = chart(&[]);
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    assert!(out.lines().any(|l| l.chars().count() > 70), "{out}");
}

#[test]
fn every_secretary_general_term_is_a_row_and_coarse_bounds_look_different() {
    let out = chart(&["--width", "100"]);
    for name in [
        "Nikolai Bordyuzha",
        "Valery Semerikov (acting)",
        "Yuri Khachaturov",
        "Stanislav Zas",
        "Imangali Tasmagambetov",
        "Taalatbek Masadykov",
    ] {
        assert!(out.lines().any(|l| l.starts_with(name)), "{name}:\n{out}");
    }
    let semerikov = out
        .lines()
        .filter(|l| l.starts_with("Valery Semerikov (acting)"))
        .count();
    assert_eq!(semerikov, 2, "{out}");
    let row = |label: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{label} ")))
            .unwrap_or_else(|| panic!("no row {label}:\n{out}"))
    };
    // A start known only to the year: ░ up to the end of 2007, then █.
    let kyrgyzstan = row("Kyrgyzstan 2007-2008");
    let first = |c: char| kyrgyzstan.chars().position(|x| x == c).unwrap();
    assert!(first('░') < first('█'), "{kyrgyzstan}");
    // An end known only to the year: █, then ░ (the SCO's Rashid Alimov, to "2018").
    let alimov = row("Rashid Alimov");
    let first = |c: char| alimov.chars().position(|x| x == c).unwrap();
    assert!(first('█') < first('░'), "{alimov}");
    // Known to the day at both ends: █ only.
    assert!(row("Kyrgyzstan 2025").contains('█'), "{out}");
    assert!(!row("Kyrgyzstan 2025").contains('░'), "{out}");
    assert!(
        out.contains("░ dates known only to the month or year"),
        "{out}"
    );
    let (_, value) = json(&["--chart"]);
    let ids: Vec<&str> = value["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "sg-2003-bordyuzha",
        "sg-2017-semerikov-acting",
        "sg-2017-khachaturov",
        "sg-2018-semerikov-acting",
        "sg-2020-zas",
        "sg-2023-tasmagambetov",
        "sg-2026-masadykov",
    ] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
    // Every term of both organisations, and every chairmanship whose start
    // is recorded.
    for term in data_records("term") {
        let id = term["id"].as_str().unwrap();
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
    for id in data_ids("chairmanship", |c| c["start"].is_string()) {
        assert!(ids.contains(&id.as_str()), "{id} not in {ids:?}");
    }
}

#[test]
fn a_later_bar_starts_further_right() {
    let out = chart(&["--width", "120"]);
    let start = |label: &str| {
        let line = out.lines().find(|l| l.starts_with(label)).unwrap();
        line.chars().position(|c| c == '█' || c == '░').unwrap()
    };
    assert!(start("Nikolai Bordyuzha") < start("Yuri Khachaturov"));
    assert!(start("Yuri Khachaturov") < start("Stanislav Zas"));
    assert!(start("Stanislav Zas") < start("Taalatbek Masadykov"));
}

#[test]
fn a_chart_of_a_range_labels_its_start_and_an_empty_one_says_so() {
    let out = chart(&["--from", "2026-06", "--to", "2026-06", "--width", "40"]);
    assert!(out.contains("Taalatbek Masad"), "{out}");
    assert!(out.contains("\n                 2026-06\n"), "{out}");
    assert!(!out.contains("Bordyuzha"), "{out}");
    let (code, stdout, _) = run(&["timeline", "--chart", "--from", "2100"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "No terms or chairmanships fall in this range.\n");
}
