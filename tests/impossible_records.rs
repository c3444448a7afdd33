//! Impossible records and damaged exports (issue 22): each is a damaged copy
//! of the fixture tests/fixtures/third-org, refused by `check` (exit 1, the
//! finding named) and by a query on it (exit 2, one line); an export of any
//! size loads back.

mod common;

use std::fs;
use std::path::Path;

use common::{assert_error, run};

/// The fixture's directory.
fn third_org() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/third-org")
}

/// A copy of the fixture in a temporary directory, with `from` replaced by
/// `to` in `file` (once each; the text must be there).
fn damaged(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(third_org()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    for (file, from, to) in edits {
        let path = dir.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    dir
}

/// `check` on the damaged copy reports `needles` in an error finding (exit
/// 1), and a query refuses the data (exit 2, one line, the first error).
fn assert_refused(edits: &[(&str, &str, &str)], needles: &[&str]) {
    let dir = damaged(edits);
    let data = dir.path().to_str().unwrap();
    let (code, stdout, stderr) = run(&["check", data]);
    assert_eq!(code, 1, "{edits:?}: exit {code}\n{stdout}{stderr}");
    let line = stdout
        .lines()
        .find(|l| needles.iter().all(|n| l.contains(n)))
        .unwrap_or_else(|| panic!("{edits:?}: {needles:?} not in\n{stdout}"));
    assert!(line.contains(": error: "), "{line}");
    let mut query_needles = vec!["invalid dataset"];
    query_needles.extend_from_slice(needles);
    assert_error(&["--data", data, "docs"], &query_needles);
}

#[test]
fn the_fixture_itself_checks_clean() {
    let (code, stdout, stderr) = run(&["check", third_org().to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

/// The findings of the chair rule are what they were before chairmanships
/// were indexed: a meeting on a handover day may be chaired by either side,
/// and one chaired by a third state is named with both, in the data's order.
#[test]
fn a_meeting_whose_chair_disagrees_with_the_chairmanship_is_a_warning() {
    let dir = damaged(&[(
        "meetings.toml",
        "place = \"Northport\"\nchair_state = \"northland\"\noutcomes = { recorded = \"partial\"",
        "place = \"Northport\"\nchair_state = \"westmere\"\noutcomes = { recorded = \"partial\"",
    )]);
    let (code, stdout, stderr) = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let warnings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert_eq!(
        warnings,
        [format!(
            "{}: warning: erf-2020-northport: chaired by 'westmere', but on 2020-06-10 the chairmanship is 'erf-chair-2019-northland' and 'erf-chair-2020-southmark'",
            dir.path().join("meetings.toml:23:15").display()
        )],
        "{stdout}"
    );
    assert!(stdout.contains("0 errors, 1 warnings"), "{stdout}");
}

#[test]
fn a_meeting_that_ends_before_it_starts_is_refused() {
    assert_refused(
        &[(
            "meetings.toml",
            "date = \"2019-03-01\"\nkind = \"other\"",
            "date = \"2019-03-01\"\nend_date = \"2019-02-27\"\nkind = \"other\"",
        )],
        &[
            "meetings.toml:11:",
            "erf-2019-northport",
            "the meeting ends (2019-02-27) before it starts (2019-03-01)",
        ],
    );
}

#[test]
fn a_document_that_amends_itself_or_in_a_circle_is_refused() {
    assert_refused(
        &[(
            "meetings.toml",
            "in_force = \"2019-06-01\"\n",
            "in_force = \"2019-06-01\"\namends = \"erf-charter\"\n",
        )],
        &["erf-charter", "amends: the record amends itself"],
    );
    assert_refused(
        &[
            (
                "meetings.toml",
                "topics = [\"fisheries\"]\n",
                "topics = [\"fisheries\"]\namends = \"erf-2021-trade-programme\"\n",
            ),
            (
                "meetings.toml",
                "topics = [\"trade\"]\n",
                "topics = [\"trade\"]\namends = \"erf-2022-statement-lighthouses\"\n",
            ),
            (
                "meetings.toml",
                "topics = [\"fisheries\", \"shipping\"]\n",
                "topics = [\"fisheries\", \"shipping\"]\namends = \"erf-2020-declaration\"\n",
            ),
        ],
        &[
            "erf-2020-declaration",
            "amends: a circle, each record amends the next: 'erf-2020-declaration' -> 'erf-2021-trade-programme' -> 'erf-2022-statement-lighthouses' -> 'erf-2020-declaration'",
        ],
    );
}

#[test]
fn a_body_that_is_its_own_parent_or_in_a_circle_is_refused() {
    assert_refused(
        &[(
            "forum.toml",
            "parent = \"erf-council\"",
            "parent = \"erf-secretariat\"",
        )],
        &["erf-secretariat", "parent: the record is part of itself"],
    );
    assert_refused(
        &[(
            "forum.toml",
            "name = \"Council of Leaders\"\n",
            "name = \"Council of Leaders\"\nparent = \"erf-secretariat\"\n",
        )],
        &[
            "erf-council",
            "parent: a circle, each record is part of the next: 'erf-council' -> 'erf-secretariat' -> 'erf-council'",
        ],
    );
}

#[test]
fn a_chairmanship_handed_to_itself_is_refused() {
    assert_refused(
        &[(
            "meetings.toml",
            "handed_to = \"erf-chair-2020-southmark\"",
            "handed_to = \"erf-chair-2019-northland\"",
        )],
        &[
            "erf-chair-2019-northland",
            "handed_to: the record is handed to itself",
        ],
    );
}

#[test]
fn an_empty_name_or_title_is_refused() {
    assert_refused(
        &[("forum.toml", "name = \"Ada Example\"", "name = \" \\t \"")],
        &["ada-example", "the name is empty"],
    );
    assert_refused(
        &[(
            "sources.toml",
            "title = \"Forum leaders meet again\"",
            "title = \"\"",
        )],
        &["erf-gazette", "the title is empty"],
    );
    // The finding points at the blank name, not at the first name of the
    // record: an alias's here.
    assert_refused(
        &[("forum.toml", "name = \"Клео Плейсхолдер\"", "name = \"  \"")],
        &[
            "forum.toml:143:8: ",
            "cleo-placeholder: an alias has an empty name",
        ],
    );
}

#[test]
fn a_url_that_is_not_a_web_address_is_refused() {
    for (bad, shown) in [
        ("example.org/erf/register", "example.org/erf/register"),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("https://", "https://"),
        ("https://exa mple.org/", "https://exa mple.org/"),
        (
            "https://example.org/\\u001b[2J",
            "https://example.org/\\u{1b}[2J",
        ),
    ] {
        assert_refused(
            &[(
                "sources.toml",
                "url = \"https://example.org/erf/register\"",
                &format!("url = \"{bad}\""),
            )],
            &[
                "erf-register",
                &format!("url '{shown}' is not a web address"),
            ],
        );
    }
}

/// The fixture exported as JSON into `dir`, with its text.
fn export(dir: &Path) -> (std::path::PathBuf, String) {
    let file = dir.join("erf.json");
    let (code, _, stderr) = run(&[
        "--data",
        third_org().to_str().unwrap(),
        "export",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(&file).unwrap();
    (file, text)
}

#[test]
fn an_export_whose_meta_disagrees_with_its_records_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (file, text) = export(dir.path());
    let path = file.to_str().unwrap();
    // As exported, it loads.
    let (code, _, stderr) = run(&["--data", path, "docs"]);
    assert_eq!(code, 0, "{stderr}");
    // A count changed.
    let counted = text.replacen("\"person\": 3", "\"person\": 4", 1);
    assert_ne!(counted, text, "the export counts 3 people");
    fs::write(&file, &counted).unwrap();
    for args in [vec!["--data", path, "docs"], vec!["check", path]] {
        assert_error(
            &args,
            &[
                "erf.json",
                "meta.counts.person is 4, but the file has 3 person records",
                "changed after it was exported",
            ],
        );
    }
    // A record changed, the counts left alone.
    let edited = text.replacen("Ada Example", "Ada Exampel", 1);
    assert_ne!(edited, text);
    fs::write(&file, &edited).unwrap();
    for args in [vec!["--data", path, "docs"], vec!["check", path]] {
        assert_error(
            &args,
            &[
                "erf.json",
                "meta.content_hash is sha256:",
                "but the records hash to sha256:",
            ],
        );
    }
    // Without its meta, the edited file loads as it is.
    let mut value: serde_json::Value = serde_json::from_str(&edited).unwrap();
    value.as_object_mut().unwrap().remove("meta");
    fs::write(&file, value.to_string()).unwrap();
    let (code, _, stderr) = run(&["--data", path, "docs"]);
    assert_eq!(code, 0, "{stderr}");
}

/// An export larger than the largest TOML file the loader takes loads back:
/// JSON is read as a stream, with no size limit (the padding is whitespace,
/// which costs the parser little).
#[test]
fn an_export_larger_than_the_toml_limit_loads() {
    const TOML_LIMIT: usize = 64 * 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let (file, text) = export(dir.path());
    let body = text.trim_end().strip_suffix('}').unwrap();
    let mut padded = String::with_capacity(TOML_LIMIT + text.len() + 2);
    padded.push_str(body);
    padded.push_str(&" ".repeat(TOML_LIMIT));
    padded.push_str("}\n");
    fs::write(&file, &padded).unwrap();
    assert!(fs::metadata(&file).unwrap().len() > TOML_LIMIT as u64);
    let path = file.to_str().unwrap();
    let (code, stdout, stderr) = run(&["--data", path, "--format", "json", "docs"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("erf-charter"), "{stdout}");
    // The same size as TOML is refused, saying to load it as JSON.
    let toml = dir.path().join("big.toml");
    fs::write(&toml, " ".repeat(TOML_LIMIT + 1)).unwrap();
    assert_error(
        &["--data", toml.to_str().unwrap(), "docs"],
        &[
            "big.toml",
            "larger than 64 MiB",
            "exported JSON",
            "no size limit",
        ],
    );
}

#[test]
fn an_empty_topic_is_refused() {
    for topic in ["", " ", "!!"] {
        assert_error(
            &["docs", "--topic", topic],
            &["--topic", "no letters or digits to look for"],
        );
    }
}

/// An id used many times: each finding after the first points at its own
/// record (counted per file and per kind), and the count stays linear (the
/// occurrences were counted by rescanning, n squared).
#[test]
fn an_id_used_many_times_points_at_each_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\n");
    for i in 0..3 {
        toml.push_str(&format!(
            "\n[[person]]\nid = \"p\"\nname = \"P {i}\"\ncitations = [{{ source = \"s\" }}]\n"
        ));
    }
    toml.push_str(
        "\n[[organization]]\nid = \"p\"\nname = \"O\"\ncitations = [{ source = \"s\" }]\n",
    );
    let file = dir.path().join("dup.toml");
    fs::write(&file, &toml).unwrap();
    let (code, stdout, stderr) = run(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    let shown = file.display().to_string();
    let lines: Vec<&str> = stdout.lines().collect();
    // The records' ids are on lines 7, 12, 17 (people) and 22 (the
    // organisation, the first of its kind): three findings after the first.
    let mut expected: Vec<String> = [12, 17, 22]
        .iter()
        .map(|line| {
            format!("{shown}:{line}:6: error: p: the id is used by 4 records (first in {shown})")
        })
        .collect();
    expected.push("5 records checked: 3 errors, 0 warnings, 0 notes".to_string());
    assert_eq!(lines, expected, "{stdout}");
}
