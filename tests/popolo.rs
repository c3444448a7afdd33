//! `export --format popolo` validates against the official Popolo JSON Schemas
//! (tests/popolo-schemas, draft-03), ported in memory to draft-04 so that the
//! Rust `jsonschema` crate can check it, and carries every term of office as a
//! dated membership.

mod common;

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use jsonschema::{Draft, Registry, Resource, Validator};
use serde_json::{json, Value};

use common::{data_records, run};

/// Draft-03 says `"required": true` inside a property; draft-04 lists the
/// required names in the object schema. Nothing else the Popolo schemas use
/// differs between the two drafts (checked below).
fn port_to_draft4(value: &mut Value) {
    if let Value::Object(map) = value {
        if map.contains_key("$schema") {
            map.insert(
                "$schema".to_string(),
                json!("http://json-schema.org/draft-04/schema#"),
            );
        }
        let mut required = Vec::new();
        if let Some(Value::Object(props)) = map.get_mut("properties") {
            for (name, prop) in props.iter_mut() {
                if let Some(Value::Object(p)) = Some(prop) {
                    if p.remove("required") == Some(Value::Bool(true)) {
                        required.push(json!(name));
                    }
                }
            }
        }
        if !required.is_empty() {
            map.insert("required".to_string(), Value::Array(required));
        }
        for (key, v) in map.iter_mut() {
            assert!(
                !["extends", "disallow", "divisibleBy", "dependencies"].contains(&key.as_str()),
                "draft-03 keyword {key} needs porting"
            );
            port_to_draft4(v);
        }
    } else if let Value::Array(items) = value {
        items.iter_mut().for_each(port_to_draft4);
    }
}

fn schemas() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/popolo-schemas");
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let mut schema: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(schema["$schema"], "http://json-schema.org/draft-03/schema#");
            port_to_draft4(&mut schema);
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((name, schema));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        out.len() >= 16,
        "the Popolo schemas are in tests/popolo-schemas"
    );
    out
}

/// One validator for the whole export: each top-level list's items against
/// the Popolo schema of their kind, every `$ref` answered from the copies.
/// Built once: compiling the Popolo schemas, which refer to each other in
/// cycles, takes seconds.
fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schemas = schemas();
        let registry = Registry::new()
            .extend(schemas.iter().map(|(_, s)| {
                (
                    s["id"].as_str().unwrap().to_string(),
                    Resource::from_contents(s.clone()),
                )
            }))
            .unwrap()
            .prepare()
            .unwrap();
        let list = |kind: &str| {
            json!({
                "type": "array",
                "items": { "$ref": format!("http://www.popoloproject.com/schemas/{kind}.json#") },
            })
        };
        let document = json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "type": "object",
            "properties": {
                "meta": { "type": "object" },
                "persons": list("person"),
                "organizations": list("organization"),
                "posts": list("post"),
                "memberships": list("membership"),
                "events": list("event"),
                "areas": list("area"),
            },
            "additionalProperties": false,
        });
        jsonschema::options()
            .with_draft(Draft::Draft4)
            .with_registry(&registry)
            .should_validate_formats(true)
            .build(&document)
            .unwrap_or_else(|e| panic!("the ported Popolo schemas compile: {e}"))
    })
}

fn errors(doc: &Value) -> Vec<String> {
    validator()
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn popolo() -> Value {
    let (code, stdout, stderr) = run(&["export", "--format", "popolo"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn the_export_validates_against_the_popolo_schemas() {
    let doc = popolo();
    let errors = errors(&doc);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    for key in ["persons", "organizations", "posts", "memberships", "events"] {
        assert!(!doc[key].as_array().unwrap().is_empty(), "{key} is empty");
    }
}

#[test]
fn the_validator_rejects_what_popolo_does_not_allow() {
    let mut doc = popolo();
    doc["memberships"][0]["start_date"] = json!("2019-6");
    doc["persons"][0]["sources"][0] = json!({ "note": "a link without url" });
    doc["events"][0]["name"] = json!(7);
    doc["votes"] = json!([]);
    let errors = errors(&doc);
    assert_eq!(errors.len(), 4, "{}", errors.join("\n"));
}

#[test]
fn all_seven_secretary_general_terms_are_dated_memberships() {
    let doc = popolo();
    let terms: Vec<&Value> = doc["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["post_id"] == "secretary-general")
        .collect();
    let ids: Vec<&str> = terms.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "sg-2003-bordyuzha",
            "sg-2017-semerikov-acting",
            "sg-2017-khachaturov",
            "sg-2018-semerikov-acting",
            "sg-2020-zas",
            "sg-2023-tasmagambetov",
            "sg-2026-masadykov",
        ]
    );
    for m in &terms {
        assert_eq!(m["organization_id"], "csto", "{m}");
        assert!(m["person_id"].is_string(), "{m}");
        assert!(m["start_date"].is_string(), "{m}");
        assert!(m["end_date"].is_string(), "every SG term has an end: {m}");
        assert!(!m["sources"].as_array().unwrap().is_empty(), "{m}");
    }
    let first = terms[0];
    assert_eq!(first["start_date"], "2003-04-28");
    assert_eq!(first["end_date"], "2016-12-31");
    assert_eq!(first["start_date_precision"], "day");
    assert_eq!(first["role"], "Secretary General");
    let last = terms[6];
    assert_eq!(last["person_id"], "taalatbek-masadykov");
    assert_eq!(last["start_date"], "2026-01-01");
    assert_eq!(last["end_date"], "2028-12-31");
}

#[test]
fn acting_holders_have_the_acting_role() {
    let doc = popolo();
    let acting: Vec<&Value> = doc["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["acting"] == true)
        .collect();
    assert_eq!(acting.len(), 2);
    for m in acting {
        assert_eq!(m["role"], "acting Secretary General", "{m}");
        assert_eq!(m["person_id"], "valery-semerikov", "{m}");
    }
}

#[test]
fn names_and_citations_are_kept() {
    let doc = popolo();
    let person = doc["persons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "taalatbek-masadykov")
        .unwrap();
    let names: Vec<&str> = person["other_names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Таалатбек Масадыков"), "{names:?}");
    assert!(names.contains(&"Taratebtek Masadikov"), "{names:?}");
    let misspelt = person["other_names"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "Taratebtek Masadikov")
        .unwrap();
    assert_eq!(misspelt["kind"], "misspelling-in-source");
    let link = &person["sources"][0];
    assert!(
        link["url"].as_str().unwrap().starts_with("https://"),
        "{link}"
    );
    assert!(link["source_id"].is_string(), "{link}");
    // Every source of the embedded data has a URL, and the links carry it.
    let all = doc.to_string();
    assert!(
        !all.contains("urn:summit-kb:source:"),
        "a source without URL?"
    );
    // A source with no URL is named, not given an invented address.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("d.toml"),
        r#"
[[source]]
id = "no-url"
publisher = "P"
title = "A printed bulletin"

[[person]]
id = "ann"
name = "Ann Example"
citations = [{ source = "no-url", quote = "Ann" }]
"#,
    )
    .unwrap();
    let (code, stdout, stderr) = run(&[
        "--data",
        dir.path().to_str().unwrap(),
        "export",
        "--format",
        "popolo",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let small: Value = serde_json::from_str(&stdout).unwrap();
    let link = &small["persons"][0]["sources"][0];
    assert_eq!(link["url"], "urn:summit-kb:source:no-url", "{link}");
    assert_eq!(link["source_id"], "no-url", "{link}");
    let errors = errors(&small);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn meetings_are_events_with_their_dates_and_place() {
    let doc = popolo();
    let bishkek = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "csc-2025-bishkek")
        .unwrap();
    assert_eq!(bishkek["start_date"], "2025-11-27");
    assert!(bishkek["location"].as_str().unwrap().contains("Bishkek"));
    assert_eq!(bishkek["organization_id"], "csc");
    assert!(bishkek["documents"]
        .as_array()
        .unwrap()
        .contains(&json!("bishkek-2025-anti-drug-strategy")));
}

#[test]
fn state_memberships_end_when_suspended_but_not_when_frozen() {
    let doc = popolo();
    let find = |id: &str| {
        doc["memberships"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap()
            .clone()
    };
    let uzbekistan = find("csto-uzbekistan");
    assert_eq!(uzbekistan["member"]["id"], "uzbekistan");
    // It rejoined in 2006 (the sources disagree on the day: recorded to the
    // year) and was suspended on 19 December 2012.
    let changes = data_records("membership")
        .into_iter()
        .find(|m| m["id"] == "csto-uzbekistan")
        .unwrap()["changes"]
        .clone();
    let date_of = |kind: &str| {
        changes
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|c| c["kind"] == kind)
            .unwrap()["date"]
            .clone()
    };
    assert_eq!(date_of("rejoined"), "2006");
    assert_eq!(uzbekistan["start_date"], date_of("rejoined"));
    assert_eq!(uzbekistan["start_date_precision"], "year");
    assert_eq!(uzbekistan["end_date"], date_of("suspended"));
    assert_eq!(uzbekistan["end_date"], "2012-12-19");
    assert_eq!(uzbekistan["end_date_precision"], "day");
    assert_eq!(uzbekistan["end_cause"], "suspended");
    let armenia = find("csto-armenia");
    assert_eq!(armenia["status"], "participation-frozen");
    assert!(armenia.get("end_date").is_none(), "{armenia}");
}
