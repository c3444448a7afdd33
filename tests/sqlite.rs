//! `export --format sqlite`: the real binary writes a database that rusqlite
//! opens, with a table per record kind holding as many rows as the JSON
//! export counts, every citation, foreign keys that hold, a full-text index
//! and views that name what the ids stand for.

mod common;

use std::path::Path;

use rusqlite::Connection;
use serde_json::Value;

use common::{assert_error, run};

const KINDS: [(&str, &str); 14] = [
    ("source", "sources"),
    ("organization", "organizations"),
    ("state", "states"),
    ("membership", "memberships"),
    ("body", "bodies"),
    ("person", "people"),
    ("post", "posts"),
    ("term", "terms"),
    ("meeting", "meetings"),
    ("document", "documents"),
    ("decision", "decisions"),
    ("chairmanship", "chairmanships"),
    ("operation", "operations"),
    ("claim", "claims"),
];

/// Exports the embedded dataset as SQLite into `path`.
fn export_to(path: &Path) {
    let path = path.to_str().unwrap();
    let (code, stdout, stderr) = run(&["export", "--format", "sqlite", "--output", path]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// The embedded dataset as `export --format json` writes it.
fn json_export() -> Value {
    let (code, stdout, stderr) = run(&["export"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn count(db: &Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |row| row.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// How many citations the JSON holds anywhere, outside `meta`.
fn citations_in(value: &Value) -> usize {
    match value {
        Value::Object(map) => map
            .iter()
            .map(|(key, v)| match (key.as_str(), v) {
                ("citations", Value::Array(list)) => list.len(),
                ("meta", _) => 0,
                _ => citations_in(v),
            })
            .sum(),
        Value::Array(items) => items.iter().map(citations_in).sum(),
        _ => 0,
    }
}

fn exported() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.db");
    export_to(&path);
    let db = Connection::open(&path).unwrap();
    (dir, db)
}

#[test]
fn every_kind_has_its_table_with_the_json_export_s_counts() {
    let (_dir, db) = exported();
    let json = json_export();
    let counts = json["meta"]["counts"].as_object().unwrap();
    let mut total = 0;
    for (kind, table) in KINDS {
        let expected = counts.get(kind).and_then(Value::as_i64).unwrap_or(0);
        let rows = count(&db, &format!("SELECT count(*) FROM {table}"));
        assert_eq!(rows, expected, "{table}");
        assert_eq!(
            rows,
            json[kind].as_array().map_or(0, Vec::len) as i64,
            "{table}"
        );
        total += rows;
    }
    assert!(total > 1000, "{total}");
    assert_eq!(count(&db, "SELECT count(*) FROM records"), total);
    assert_eq!(count(&db, "SELECT count(*) FROM search"), total);
    // The meta table says what the JSON's meta block says.
    let (dataset, hash, counts_json): (String, String, String) = db
        .query_row(
            "SELECT dataset, content_hash, counts FROM meta",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!(dataset, json["meta"]["dataset"].as_str().unwrap());
    assert_eq!(hash, json["meta"]["content_hash"].as_str().unwrap());
    let counts_sql: Value = serde_json::from_str(&counts_json).unwrap();
    assert_eq!(counts_sql, json["meta"]["counts"]);
}

#[test]
fn every_citation_is_a_row_with_its_record_and_source() {
    let (_dir, db) = exported();
    let json = json_export();
    let expected = citations_in(&json);
    assert!(expected > 1000, "{expected}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM citations"),
        expected as i64
    );
    // A citation of an alias says where it stands, and its record's kind.
    let (kind, quote): (String, Option<String>) = db
        .query_row(
            "SELECT record_kind, quote FROM citations
             WHERE record_id = 'taalatbek-masadykov' AND part = '' LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(kind, "person");
    assert!(quote.is_some_and(|q| !q.is_empty()));
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM citations c LEFT JOIN sources s ON s.id = c.source
             WHERE s.id IS NULL"
        ),
        0
    );
}

#[test]
fn foreign_keys_hold_and_are_declared() {
    let (_dir, db) = exported();
    let mut check = db.prepare("PRAGMA foreign_key_check").unwrap();
    let broken: Vec<String> = check
        .query_map([], |row| row.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
    // The references are declared, not only consistent.
    let refers = |table: &str| -> Vec<(String, String)> {
        let mut keys = db
            .prepare(&format!("PRAGMA foreign_key_list({table})"))
            .unwrap();
        keys.query_map([], |row| Ok((row.get(3)?, row.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let terms = refers("terms");
    assert!(
        terms.contains(&("post".into(), "posts".into())),
        "{terms:?}"
    );
    assert!(
        terms.contains(&("person".into(), "people".into())),
        "{terms:?}"
    );
    let citations = refers("citations");
    assert!(citations.contains(&("source".into(), "sources".into())));
    assert!(citations.contains(&("record_id".into(), "records".into())));
    assert!(refers("membership_changes").contains(&("membership".into(), "memberships".into())));
    // Foreign keys are enforced: a term of nobody does not go in.
    db.pragma_update(None, "foreign_keys", "ON").unwrap();
    let bad = db.execute(
        "INSERT INTO terms (id, post, person, start) VALUES ('x', 'secretary-general', 'nobody', '2020')",
        [],
    );
    assert!(bad.is_err());
}

#[test]
fn scalar_fields_are_typed_columns() {
    let (_dir, db) = exported();
    // Dates are ISO text with their precision; booleans are 0 or 1.
    let (start, precision, acting): (String, String, i64) = db
        .query_row(
            "SELECT start, start_precision, acting FROM terms WHERE id = 'sg-2026-masadykov'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!(start, "2026-01-01");
    assert_eq!(precision, "day");
    assert_eq!(acting, 0);
    assert!(count(&db, "SELECT count(*) FROM terms WHERE acting = 1") >= 1);
    assert_eq!(
        count(&db, "SELECT count(*) FROM terms WHERE acting NOT IN (0, 1)"),
        0
    );
    // Enums as the data spells them.
    let kind: String = db
        .query_row(
            "SELECT kind FROM documents WHERE id = 'bishkek-2025-anti-drug-strategy'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(kind, "strategy");
    // Lists are child tables.
    assert!(
        count(
            &db,
            "SELECT count(*) FROM aliases WHERE record_id = 'taalatbek-masadykov'"
        ) >= 2
    );
    assert!(count(&db, "SELECT count(*) FROM chairmanship_priorities") > 0);
    assert!(count(&db, "SELECT count(*) FROM membership_changes") > 0);
    assert!(count(&db, "SELECT count(*) FROM meeting_participants") > 0);
}

#[test]
fn full_text_search_finds_a_person_by_any_spelling() {
    let (_dir, db) = exported();
    for spelling in ["masadykov", "masadikov", "Масадыков"] {
        let found = count(
            &db,
            &format!(
                "SELECT count(*) FROM search WHERE search MATCH '{spelling}'
                 AND kind = 'person' AND id = 'taalatbek-masadykov'"
            ),
        );
        assert_eq!(found, 1, "{spelling}");
    }
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM search WHERE search MATCH 'zzzqqq'"
        ),
        0
    );
}

#[test]
fn views_name_what_the_ids_stand_for() {
    let (_dir, db) = exported();
    let (person, post): (String, String) = db
        .query_row(
            "SELECT person_name, post_name FROM terms_with_holders WHERE id = 'sg-2026-masadykov'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(person, "Taalatbek Masadykov");
    assert!(post.contains("Secretary"), "{post}");
    let meeting: String = db
        .query_row(
            "SELECT meeting_name FROM documents_with_meeting
             WHERE id = 'bishkek-2025-anti-drug-strategy'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(meeting.contains("Bishkek"), "{meeting}");
    assert!(
        count(
            &db,
            "SELECT count(*) FROM decisions_with_meeting WHERE meeting_name IS NOT NULL"
        ) > 0
    );
    assert!(
        count(
            &db,
            "SELECT count(*) FROM chairmanships_with_state WHERE state_name IS NOT NULL"
        ) > 0
    );
}

#[test]
fn a_second_export_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.db");
    std::fs::write(&path, b"not a database").unwrap();
    export_to(&path);
    export_to(&path);
    let db = Connection::open(&path).unwrap();
    assert!(count(&db, "SELECT count(*) FROM people") > 0);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["kb.db"]);
}

#[test]
fn a_database_is_not_written_to_standard_output() {
    let message = assert_error(&["export", "--format", "sqlite"], &["--output FILE"]);
    assert!(message.contains("sqlite"), "{message}");
    // Nor is it a format of the other commands.
    assert_error(
        &["--format", "sqlite", "docs"],
        &[
            "'sqlite'",
            "[possible values: table, json, ndjson, csv, markdown]",
        ],
    );
}
