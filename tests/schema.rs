//! `summit-kb schema` is the JSON Schema of `export --format json`: the real
//! export validates against it, and what the export must refuse, it refuses.

mod common;

use std::fs;

use serde_json::{json, Value};

use common::{run, summit_kb};

fn schema_and_export() -> (Value, Value) {
    let (code, schema, stderr) = run(&["schema"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, export, stderr) = run(&["export"]);
    assert_eq!(code, 0, "{stderr}");
    (
        serde_json::from_str(&schema).unwrap(),
        serde_json::from_str(&export).unwrap(),
    )
}

fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema is a valid JSON Schema");
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_export_validates_against_the_schema() {
    let (schema, export) = schema_and_export();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let errors = errors(&schema, &export);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(export["meta"]["content_hash"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));
}

#[test]
fn the_schema_refuses_what_the_loader_refuses() {
    let (schema, mut export) = schema_and_export();
    export["term"][0]["start"] = json!("2019-6");
    export["person"][0]["nmae"] = json!("typo");
    export["document"][0]["kind"] = json!("poem");
    let errors = errors(&schema, &export);
    assert_eq!(errors.len(), 3, "{}", errors.join("\n"));
}

#[test]
fn meta_counts_every_kind_and_names_no_licence_the_data_does_not_state() {
    let (_, export) = schema_and_export();
    let meta = &export["meta"];
    assert_eq!(meta["dataset"], "CSTO, SCO and EAEU");
    assert_eq!(meta["licence"], Value::Null);
    for (kind, count) in meta["counts"].as_object().unwrap() {
        assert_eq!(
            export[kind].as_array().map(Vec::len),
            count.as_u64().map(|c| c as usize),
            "{kind}"
        );
    }
    // The counts are those of the data files, for each kind.
    for (kind, count) in meta["counts"].as_object().unwrap() {
        assert_eq!(
            count.as_u64().unwrap() as usize,
            common::data_records(kind).len(),
            "{kind}"
        );
    }
    assert_eq!(
        meta["counts"]["term"], 19,
        "7 CSTO, 8 SCO and 4 EAEU (Board chairmen) terms"
    );
    assert!(!export.to_string().contains("T00:"), "no clock time");
}

#[test]
fn export_load_export_is_byte_identical_and_keeps_the_hash() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    let second = dir.path().join("second.json");
    summit_kb()
        .args(["export", "--output", first.to_str().unwrap()])
        .assert()
        .success();
    summit_kb()
        .args(["--data", first.to_str().unwrap(), "export", "--output"])
        .arg(&second)
        .assert()
        .success();
    let (a, b) = (fs::read(&first).unwrap(), fs::read(&second).unwrap());
    assert!(a == b, "export -> load -> export changed the bytes");
    // The loaded export answers queries like the TOML it came from.
    let (code, stdout, _) = run(&[
        "--data",
        first.to_str().unwrap(),
        "holder",
        "SG",
        "--on",
        "2026-03-01",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Taalatbek Masadykov"), "{stdout}");
}

#[test]
fn the_hash_follows_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    for entry in fs::read_dir(common::data_dir()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
    }
    let hash = |dir: &std::path::Path| {
        let (code, out, err) = run(&["--data", dir.to_str().unwrap(), "export"]);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        v["meta"]["content_hash"].as_str().unwrap().to_string()
    };
    let before = hash(&data);
    assert_eq!(hash(&data), before, "the hash is deterministic");
    let people = data.join("people.toml");
    let text = fs::read_to_string(&people).unwrap();
    fs::write(&people, text.replacen("Masadykov\"", "Masadykov \"", 1)).unwrap();
    assert_ne!(hash(&data), before, "a changed name changes the hash");
}

/// Every command's JSON, in each of its shapes, against `schema COMMAND`.
#[test]
fn every_command_answer_validates_against_its_schema() {
    let cases: &[(&str, &[&str])] = &[
        ("summits", &["summits"]),
        ("docs", &["docs"]),
        ("docs", &["docs", "--summit", "csc-2022-yerevan"]),
        ("docs", &["docs", "--summit", "csc-2010-05-08-moscow"]),
        ("docs", &["docs", "--in-force-on", "2027-06-01"]),
        ("decisions", &["decisions", "--kind", "appointment"]),
        ("decisions", &["decisions", "--summit", "csc-2022-yerevan"]),
        ("show", &["show", "taalatbek-masadykov"]),
        ("show", &["show", "kremlin-27071"]),
        (
            "holder",
            &[
                "holder",
                "secretary-general",
                "--on",
                "2019-06-01",
                "--explain",
            ],
        ),
        (
            "holder",
            &["holder", "Secretary General", "--on", "2020-06-01"],
        ),
        (
            "holder",
            &["holder", "secretary-general", "--on", "1990-01-01"],
        ),
        ("terms", &["terms"]),
        ("chair", &["chair", "--on", "2007-03-01", "--explain"]),
        ("members", &["members", "--on", "2013-06-01", "--all"]),
        ("sources", &["sources"]),
        ("search", &["search", "masadykov", "--sources"]),
        ("timeline", &["timeline", "--from", "2009", "--to", "2009"]),
        ("timeline", &["timeline", "--chart"]),
        ("check", &["check", "tests/fixtures/damaged.toml"]),
    ];
    for (command, args) in cases {
        let (code, schema, stderr) = run(&["schema", command]);
        assert_eq!(code, 0, "{stderr}");
        let schema: Value = serde_json::from_str(&schema).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let (code, answer, stderr) = run(&all);
        assert!(code < 2, "{args:?}: {stderr}");
        let answer: Value = serde_json::from_str(&answer).unwrap();
        let found = errors(&schema, &answer);
        assert!(found.is_empty(), "{args:?}:\n{}", found.join("\n"));
    }
    // A schema that says something: an answer missing a required field fails.
    let (_, schema, _) = run(&["schema", "terms"]);
    let schema: Value = serde_json::from_str(&schema).unwrap();
    let (_, terms, _) = run(&["--format", "json", "terms"]);
    let mut terms: Value = serde_json::from_str(&terms).unwrap();
    terms[0].as_object_mut().unwrap().remove("person_name");
    assert!(!errors(&schema, &terms).is_empty());
}
