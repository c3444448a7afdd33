//! `check` as a linter: a copy of the dataset damaged one way at a time (and
//! every way at once); each finding must name file:line:column, the record and
//! the severity, and the exit status must follow.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{data_dir, run};
use serde_json::Value;

/// A copy of `data/` in a temporary directory.
struct Copy {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Copy {
    fn new() -> Copy {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("data");
        fs::create_dir(&root).unwrap();
        for entry in fs::read_dir(data_dir()).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
        }
        Copy { _dir: dir, root }
    }

    fn path(&self, file: &str) -> PathBuf {
        self.root.join(file)
    }

    /// Replaces the first `from` after `anchor` in `file` with `to`.
    fn damage(&self, file: &str, anchor: &str, from: &str, to: &str) {
        let path = self.path(file);
        let text = fs::read_to_string(&path).unwrap();
        let at = text
            .find(anchor)
            .unwrap_or_else(|| panic!("{anchor:?} not in {file}"));
        let offset = text[at..]
            .find(from)
            .unwrap_or_else(|| panic!("{from:?} not after {anchor:?} in {file}"));
        let start = at + offset;
        let damaged = format!("{}{to}{}", &text[..start], &text[start + from.len()..]);
        fs::write(&path, damaged).unwrap();
    }

    /// Appends `text` to `file`.
    fn append(&self, file: &str, text: &str) {
        let path = self.path(file);
        let mut all = fs::read_to_string(&path).unwrap();
        all.push_str(text);
        fs::write(&path, all).unwrap();
    }

    /// "FILE:LINE:COLUMN" of the `nth` occurrence of `needle` after `anchor`
    /// in `file`, counted here independently of the program.
    fn at(&self, file: &str, anchor: &str, needle: &str) -> String {
        let path = self.path(file);
        let text = fs::read_to_string(&path).unwrap();
        let start = text.find(anchor).expect("anchor in file");
        let offset = start + text[start..].find(needle).expect("needle after anchor");
        place(&path, &text, offset)
    }

    /// Runs `check` on the copy: (exit code, stdout); never a panic.
    fn check(&self, extra: &[&str]) -> (i32, String) {
        let mut args = extra.to_vec();
        let root = self.root.to_str().unwrap();
        args.extend(["check", root]);
        let (code, stdout, stderr) = run(&args);
        assert!(!stderr.contains("panicked"), "{stderr}");
        (code, stdout)
    }
}

fn place(path: &Path, text: &str, offset: usize) -> String {
    let before = &text[..offset];
    let line = before.lines().count().max(1) + usize::from(before.ends_with('\n'));
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    format!("{}:{line}:{column}", path.display())
}

/// Asserts a line of output starts with `place: severity: record: ` and
/// contains `message`.
fn assert_finding(stdout: &str, place: &str, severity: &str, record: &str, message: &str) {
    let head = format!("{place}: {severity}: {record}: ");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&head) && l.contains(message)),
        "no line starting {head:?} with {message:?} in:\n{stdout}"
    );
}

fn summary(stdout: &str) -> &str {
    stdout.lines().last().unwrap_or_default()
}

#[test]
fn the_undamaged_copy_is_clean() {
    let copy = Copy::new();
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.ends_with(" records checked: 0 errors, 0 warnings, 0 notes\n"),
        "{stdout}"
    );
}

#[test]
fn duplicate_id_points_at_the_second_record() {
    let copy = Copy::new();
    copy.append(
        "people.toml",
        "\n[[person]]\nid = \"nikolai-bordyuzha\"\nname = \"Again\"\ncitations = [{ source = \"tass-923635\" }]\n",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    let place = copy.at("people.toml", "name = \"Again\"", "");
    // The id line is the one before the name: column 6 of it.
    let line: usize = place.rsplit(':').nth(1).unwrap().parse().unwrap();
    let expected = format!("{}:{}:6", copy.path("people.toml").display(), line - 1);
    assert_finding(
        &stdout,
        &expected,
        "error",
        "nikolai-bordyuzha",
        "the id is used by 2 records",
    );
    assert!(
        summary(&stdout).contains(": 1 errors, 0 warnings"),
        "{stdout}"
    );
}

#[test]
fn a_finding_on_a_duplicate_points_at_the_duplicate_not_the_first() {
    let copy = Copy::new();
    // Sorted after every data file, so loaded last.
    fs::write(
        copy.path("zz-extra.toml"),
        "[[person]]\nid = \"vladimir-putin\"\nname = \"Again\"\ncitations = []\n\n[[person]]\nid = \"vladimir-putin\"\nname = \"Thrice\"\ncitations = [{ source = \"kremlin-78565\", quote = \"\" }, { source = \"kremlin-78565\", quote = \" \" }]\n",
    )
    .unwrap();
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    let file = copy.path("zz-extra.toml");
    let file = file.display();
    for (place, severity, message) in [
        (
            format!("{file}:2:6"),
            "error",
            "the id is used by 3 records",
        ),
        (
            format!("{file}:4:13"),
            "error",
            "the record cites no source",
        ),
        (
            format!("{file}:7:6"),
            "error",
            "the id is used by 3 records",
        ),
        (
            format!("{file}:9:50"),
            "warning",
            "a citation has an empty quote",
        ),
    ] {
        assert_finding(&stdout, &place, severity, "vladimir-putin", message);
    }
}

#[test]
fn dangling_reference_points_at_the_value() {
    let copy = Copy::new();
    let file = "secretaries-general.toml";
    copy.damage(
        file,
        "id = \"sg-2003-bordyuzha\"",
        "\"nikolai-bordyuzha\"",
        "\"nikolai-bordyuzh\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, "id = \"sg-2003-bordyuzha\"", "\"nikolai-bordyuzh\""),
        "error",
        "sg-2003-bordyuzha",
        "person: no person with id 'nikolai-bordyuzh'; did you mean 'nikolai-bordyuzha'?",
    );
}

#[test]
fn a_dangling_reference_inside_a_list_points_at_the_element() {
    let copy = Copy::new();
    let file = "bishkek-2025.toml";
    let anchor = "id = \"bishkek-2025-appointment-masadykov\"";
    copy.damage(
        file,
        anchor,
        "\"sg-2026-masadykov\"]",
        "\"sg-2026-masadyk\"]",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\"sg-2026-masadyk\""),
        "error",
        "bishkek-2025-appointment-masadykov",
        "concerns: no record with id 'sg-2026-masadyk'",
    );
}

#[test]
fn overlapping_terms_point_at_the_later_start() {
    let copy = Copy::new();
    let file = "secretaries-general.toml";
    copy.damage(
        file,
        "id = \"sg-2003-bordyuzha\"",
        "end = \"2016-12-31\"",
        "end = \"2017-03-31\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, "id = \"sg-2017-semerikov-acting\"", "\"2017-01-01\""),
        "error",
        "sg-2017-semerikov-acting",
        "overlaps term 'sg-2003-bordyuzha' (2003-04-28 to 2017-03-31)",
    );
}

#[test]
fn a_gap_between_terms_is_a_note_and_exits_0() {
    let copy = Copy::new();
    let file = "secretaries-general.toml";
    copy.damage(
        file,
        "id = \"sg-2017-semerikov-acting\"",
        "start = \"2017-01-01\"",
        "start = \"2017-02-01\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 0, "notes alone exit 0: {stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, "id = \"sg-2017-semerikov-acting\"", "\"2017-02-01\""),
        "info",
        "sg-2017-semerikov-acting",
        "no holder of 'secretary-general' is recorded between 2016-12-31 and 2017-02-01",
    );
    assert!(summary(&stdout).ends_with("0 errors, 0 warnings, 1 notes"));
}

#[test]
fn an_end_before_the_start_points_at_the_end() {
    let copy = Copy::new();
    let file = "bishkek-2025.toml";
    let anchor = "id = \"bishkek-2025-anti-drug-strategy\"";
    copy.damage(file, anchor, "valid_to = \"2030\"", "valid_to = \"2025\"");
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\"2025\""),
        "error",
        "bishkek-2025-anti-drug-strategy",
        "the validity period ends (2025) before it starts (2026)",
    );
}

#[test]
fn an_adoption_date_outside_its_meeting_points_at_the_date() {
    let copy = Copy::new();
    let file = "bishkek-2025.toml";
    let anchor = "id = \"bishkek-2025-declaration\"\n";
    copy.damage(
        file,
        anchor,
        anchor,
        &format!("{anchor}adopted = \"2025-11-26\"\n"),
    );
    let decision = "id = \"bishkek-2025-appointment-masadykov\"";
    copy.damage(
        file,
        decision,
        "effective = \"2026-01-01\"",
        "effective = \"2025-10\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\"2025-11-26\""),
        "error",
        "bishkek-2025-declaration",
        "adopted on 2025-11-26, but its meeting 'csc-2025-bishkek' was held on 2025-11-27",
    );
    assert_finding(
        &stdout,
        &copy.at(file, decision, "\"2025-10\""),
        "warning",
        "bishkek-2025-appointment-masadykov",
        "effective from 2025-10, before its meeting 'csc-2025-bishkek' on 2025-11-27",
    );
    assert!(
        summary(&stdout).contains(": 1 errors, 1 warnings"),
        "{stdout}"
    );
}

#[test]
fn a_coarse_adoption_date_that_can_be_the_meeting_day_is_fine() {
    let copy = Copy::new();
    let file = "bishkek-2025.toml";
    let anchor = "id = \"bishkek-2025-declaration\"\n";
    copy.damage(
        file,
        anchor,
        anchor,
        &format!("{anchor}adopted = \"2025\"\n"),
    );
    let decision = "id = \"bishkek-2025-appointment-masadykov\"";
    copy.damage(
        file,
        decision,
        "effective = \"2026-01-01\"",
        "effective = \"2025-11\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(summary(&stdout).ends_with("0 errors, 0 warnings, 0 notes"));
}

#[test]
fn a_record_with_no_citation_points_at_its_citations() {
    let copy = Copy::new();
    let file = "csto.toml";
    let anchor = "id = \"armenia\"";
    copy.damage(
        file,
        anchor,
        "citations = [ { source = \"qazinform-2025-11-27\"",
        "citations = [], old = [ { source = \"qazinform-2025-11-27\"",
    );
    // `old` would be an unknown field: take the whole line out instead.
    let text = fs::read_to_string(copy.path(file)).unwrap();
    let text: Vec<&str> = text
        .lines()
        .map(|l| {
            if l.starts_with("citations = [], old") {
                "citations = []"
            } else {
                l
            }
        })
        .collect();
    fs::write(copy.path(file), text.join("\n") + "\n").unwrap();
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "[]"),
        "error",
        "armenia",
        "the record cites no source",
    );
}

#[test]
fn a_citation_of_an_unknown_source_points_at_it() {
    let copy = Copy::new();
    let file = "secretaries-general.toml";
    let anchor = "id = \"sg-2003-bordyuzha\"";
    copy.damage(
        file,
        anchor,
        "{ source = \"tass-923635\"",
        "{ source = \"tass-92363\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\"tass-92363\""),
        "error",
        "sg-2003-bordyuzha",
        "citation: no source with id 'tass-92363'; did you mean 'tass-923635'?",
    );
}

#[test]
fn an_empty_quote_is_a_warning_at_the_quote() {
    let copy = Copy::new();
    let file = "secretaries-general.toml";
    let anchor = "id = \"sg-2017-semerikov-acting\"";
    copy.damage(
        file,
        anchor,
        "\"Valery Semerikov started fulfilling the duties\"",
        "\" \"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "warnings exit 1: {stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\" \""),
        "warning",
        "sg-2017-semerikov-acting",
        "a citation has an empty quote",
    );
}

#[test]
fn every_damage_at_once_is_every_finding_in_json_too() {
    let copy = Copy::new();
    let sg = "secretaries-general.toml";
    let bk = "bishkek-2025.toml";
    copy.damage(
        sg,
        "id = \"sg-2003-bordyuzha\"",
        "\"nikolai-bordyuzha\"",
        "\"nikolai-bordyuzh\"",
    );
    copy.damage(
        sg,
        "id = \"sg-2003-bordyuzha\"",
        "{ source = \"tass-923635\"",
        "{ source = \"tass-92363\"",
    );
    copy.damage(
        sg,
        "id = \"sg-2020-zas\"",
        "end = \"2022-12-31\"",
        "end = \"2023-06-30\"",
    );
    copy.damage(
        sg,
        "id = \"sg-2017-semerikov-acting\"",
        "\"Valery Semerikov started fulfilling the duties\"",
        "\"\"",
    );
    copy.damage(
        bk,
        "id = \"bishkek-2025-anti-drug-strategy\"",
        "valid_to = \"2030\"",
        "valid_to = \"2025\"",
    );
    let anchor = "id = \"bishkek-2025-declaration\"\n";
    copy.damage(bk, anchor, anchor, &format!("{anchor}adopted = \"2024\"\n"));
    copy.append(
        "people.toml",
        "\n[[person]]\nid = \"nikolai-bordyuzha\"\nname = \"Again\"\ncitations = []\n",
    );

    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    let (code, json) = copy.check(&["--format", "json"]);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&json).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let mut seen: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_str().unwrap();
            assert!(f["line"].as_u64().unwrap() > 0, "{f}");
            assert!(f["column"].as_u64().unwrap() > 0, "{f}");
            (
                name.to_string(),
                f["record"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    seen.sort();
    let expected = [
        (
            "bishkek-2025.toml",
            "bishkek-2025-anti-drug-strategy",
            "error",
        ),
        ("bishkek-2025.toml", "bishkek-2025-declaration", "error"),
        ("people.toml", "nikolai-bordyuzha", "error"),
        ("people.toml", "nikolai-bordyuzha", "error"),
        ("secretaries-general.toml", "sg-2003-bordyuzha", "error"),
        ("secretaries-general.toml", "sg-2003-bordyuzha", "error"),
        (
            "secretaries-general.toml",
            "sg-2017-semerikov-acting",
            "warning",
        ),
        ("secretaries-general.toml", "sg-2023-tasmagambetov", "error"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(seen, expected, "{stdout}");
    assert_eq!(json["errors"], 7);
    assert_eq!(json["warnings"], 1);
    // The table says the same, one line per finding, errors first.
    assert_eq!(stdout.lines().count(), findings.len() + 1, "{stdout}");
    let first_warning = stdout.lines().position(|l| l.contains(": warning: "));
    assert_eq!(first_warning, Some(7), "{stdout}");
    // A query names the first error with its place.
    let (code, _, stderr) = run(&["--data", copy.root.to_str().unwrap(), "docs"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: invalid dataset: "), "{stderr}");
    assert!(stderr.contains("bishkek-2025.toml:"), "{stderr}");
    assert!(stderr.contains("(6 more errors"), "{stderr}");
}

#[test]
fn an_exported_json_dataset_points_at_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("csto.json");
    let (code, json, _) = run(&["export"]);
    assert_eq!(code, 0);
    // An export edited by hand no longer matches its `meta`, which the
    // loader checks: the edit drops it.
    let meta_end = json.find("\n  },\n").unwrap() + "\n  },\n".len();
    assert!(json[..meta_end].starts_with("{\n  \"meta\": {"));
    let json = format!("{{\n{}", &json[meta_end..]);
    let damaged = json.replacen(
        "\"person\": \"nikolai-bordyuzha\"",
        "\"person\": \"nobody\"",
        1,
    );
    assert_ne!(damaged, json);
    fs::write(&path, &damaged).unwrap();
    let (code, stdout, stderr) = run(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    let offset = damaged.find("\"person\": \"nobody\"").unwrap() + "\"person\": ".len();
    assert_finding(
        &stdout,
        &place(&path, &damaged, offset),
        "error",
        "sg-2003-bordyuzha",
        "person: no person with id 'nobody'",
    );
}

#[test]
fn an_unreadable_dataset_exits_2() {
    let (code, stdout, stderr) = run(&["check", "/nonexistent/summit-kb-data"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("error: cannot read /nonexistent/summit-kb-data"),
        "{stderr}"
    );
    let copy = Copy::new();
    copy.append("csto.toml", "\n[[person]\n");
    let (code, _, stderr) = run(&["check", copy.root.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("csto.toml:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn did_you_mean_is_given_for_the_first_hundred_missing_ids_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\n\n[[organization]]\nid = \"org\"\nname = \"Org\"\ncitations = [{ source = \"s\" }]\n\n[[person]]\nid = \"annabel\"\nname = \"Annabel\"\ncitations = [{ source = \"s\" }]\n\n[[post]]\nid = \"head\"\norganization = \"org\"\nname = \"Head\"\nsingle_holder = false\ncitations = [{ source = \"s\" }]\n",
    );
    // 105 distinct ids, each one letter away from "annabel".
    let letters = b"cdfghijkmopqrst";
    let missing: Vec<String> = (0..105)
        .map(|i| {
            let mut id = b"annabel".to_vec();
            id[i % 7] = letters[i / 7];
            String::from_utf8(id).unwrap()
        })
        .collect();
    for (i, person) in missing.iter().enumerate() {
        text.push_str(&format!(
            "\n[[term]]\nid = \"t{i}\"\npost = \"head\"\nperson = \"{person}\"\nstart = \"2000\"\ncitations = [{{ source = \"s\" }}]\n"
        ));
    }
    let path = dir.path().join("many.toml");
    fs::write(&path, text).unwrap();
    let (code, stdout, _) = run(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let hinted = stdout.matches("did you mean 'annabel'").count();
    assert_eq!(hinted, 100, "{stdout}");
    let last = format!("t104: person: no person with id '{}'\n", missing[104]);
    assert!(stdout.contains(&last), "{stdout}");
}

#[test]
fn a_chairmanship_ending_before_its_year_only_start_is_an_error_and_the_chart_survives_it() {
    // chair-2007-kyrgyzstan starts "2007" (the sources disagree on the day).
    let copy = Copy::new();
    let file = "csto-2002-2013.toml";
    let anchor = "id = \"chair-2007-kyrgyzstan\"";
    copy.damage(file, anchor, "end = \"2008-09-05\"", "end = \"2006-03-01\"");
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\"2006-03-01\""),
        "error",
        "chair-2007-kyrgyzstan",
        "the chairmanship ends (2006-03-01) before it starts (2007)",
    );
    let root = copy.root.to_str().unwrap();
    let (code, _, stderr) = run(&["--data", root, "timeline", "--chart"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("chair-2007-kyrgyzstan"), "{stderr}");
}

#[test]
fn a_chairmanship_moved_to_overlap_its_predecessor_is_an_error() {
    let copy = Copy::new();
    let file = "csto-2002-2013.toml";
    let anchor = "id = \"chair-2011-kazakhstan\"";
    copy.damage(
        file,
        anchor,
        "start = \"2011-12-20\"",
        "start = \"2011-06-01\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\"2011-06-01\""),
        "error",
        "chair-2011-kazakhstan",
        "overlaps chairmanship 'chair-2010-belarus' (2010-12-10 to 2011-12-20) of 'csto'",
    );
}

#[test]
fn a_handover_on_the_day_of_a_session_is_no_overlap() {
    // chair-2010-belarus ends on 2011-12-20 and chair-2011-kazakhstan starts
    // that day: the clean copy has no finding about them.
    let copy = Copy::new();
    let (_, stdout) = copy.check(&[]);
    assert!(!stdout.contains("overlaps chairmanship"), "{stdout}");
    assert!(stdout.contains(" 0 errors"), "{stdout}");
}

#[test]
fn a_meeting_chaired_by_a_state_not_in_the_chair_that_day_is_a_warning() {
    let copy = Copy::new();
    let file = "csto-2002-2013.toml";
    let anchor = "id = \"csc-2012-05-15-moscow\"";
    copy.damage(
        file,
        anchor,
        "chair_state = \"kazakhstan\"",
        "chair_state = \"armenia\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\"armenia\""),
        "warning",
        "csc-2012-05-15-moscow",
        "chaired by 'armenia', but on 2012-05-15 the chairmanship is 'chair-2011-kazakhstan'",
    );
}

#[test]
fn an_appointment_dated_after_the_term_it_opens_is_a_warning() {
    let copy = Copy::new();
    let file = "secretaries-general.toml";
    let anchor = "id = \"sg-2003-bordyuzha\"";
    copy.damage(
        file,
        anchor,
        "start = \"2003-04-28\"",
        "start = \"2003-04-01\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.lines().any(|l| l.contains(": warning: sg-appointment-2003-bordyuzha: ")
            && l.contains("appoints to term 'sg-2003-bordyuzha', which started on 2003-04-01, before its meeting 'csc-2003-dushanbe' on 2003-04-28")),
        "{stdout}"
    );
}

#[test]
fn a_summit_that_starts_after_its_council_day_or_ends_before_it_is_an_error() {
    let copy = Copy::new();
    let file = "csto-2002-2013.toml";
    let anchor = "id = \"csc-2010-yerevan\"";
    copy.damage(
        file,
        anchor,
        "date = \"2010-08-20\"\n",
        "date = \"2010-08-20\"\nstart_date = \"2010-08-21\"\n",
    );
    copy.damage(
        file,
        anchor,
        "end_date = \"2010-08-22\"",
        "end_date = \"2010-08-19\"",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\"2010-08-21\""),
        "error",
        "csc-2010-yerevan",
        "the summit ends (2010-08-20) before it starts (2010-08-21)",
    );
    assert_finding(
        &stdout,
        &copy.at(file, anchor, "\"2010-08-19\""),
        "error",
        "csc-2010-yerevan",
        "the meeting ends (2010-08-19) before it starts (2010-08-20)",
    );
}

#[test]
fn a_document_adopted_on_the_first_day_of_a_summit_is_not_off_its_days() {
    let copy = Copy::new();
    let file = "csto-2002-2013.toml";
    let anchor = "id = \"csc-2010-yerevan\"";
    copy.damage(
        file,
        anchor,
        "date = \"2010-08-20\"\n",
        "date = \"2010-08-21\"\nstart_date = \"2010-08-20\"\n",
    );
    copy.append(
        file,
        "\n[[document]]\nid = \"first-day-statement\"\ntitle = \"A statement of the first day\"\nkind = \"statement\"\nadopted_at = \"csc-2010-yerevan\"\nadopted = \"2010-08-20\"\ncitations = [{ source = \"tass-923635\" }]\n\n[[document]]\nid = \"eve-statement\"\ntitle = \"A statement of the day before\"\nkind = \"statement\"\nadopted_at = \"csc-2010-yerevan\"\nadopted = \"2010-08-19\"\ncitations = [{ source = \"tass-923635\" }]\n",
    );
    let (code, stdout) = copy.check(&[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(!stdout.contains("first-day-statement"), "{stdout}");
    assert_finding(
        &stdout,
        &copy.at(file, "id = \"eve-statement\"", "\"2010-08-19\""),
        "error",
        "eve-statement",
        "adopted on 2010-08-19, but its meeting 'csc-2010-yerevan' was held on 2010-08-20 to 2010-08-22",
    );
}
