//! `export --format popolo`: the knowledge base in the Popolo data
//! specification (https://www.popoloproject.com), for civic-data tools.
//!
//! Persons are people; organizations are the organisation, its member states
//! (classification `state`) and its bodies (classification `body`); posts are
//! posts; each term of office is a membership of its post, and each state's
//! membership of the organisation a membership with an organization `member`;
//! events are the meetings. Citations become `sources` links. Popolo dates are
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, which is what the data already holds;
//! what Popolo has no field for (precision, acting, end cause, quotes, alias
//! kinds) is kept in extra fields, which its schemas allow.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use crate::date::Date;
use crate::model::{Alias, ChangeKind, Citation, Dataset, Meta, Post, Record, Source};

/// The Popolo document of a dataset, with the `meta` of its export.
pub fn document(data: &Dataset, meta: &Meta) -> Value {
    let sources: HashMap<&str, &Source> = data.source.iter().map(|s| (s.id.as_str(), s)).collect();
    let links =
        |citations: &[Citation]| -> Value { citations.iter().map(|c| link(&sources, c)).collect() };
    // Lookups built once, so that the export stays linear in the data.
    let labels: HashMap<&str, Record<'_>> = data.records().map(|r| (r.id(), r)).collect();
    let name_of = |id: &str| -> Option<String> { labels.get(id).map(|r| r.label()) };
    let post_by_id: HashMap<&str, &Post> = data.post.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut documents_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for d in &data.document {
        if let Some(meeting) = &d.adopted_at {
            documents_of.entry(meeting).or_default().push(&d.id);
        }
    }
    let mut decisions_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for d in &data.decision {
        decisions_of.entry(&d.meeting).or_default().push(&d.id);
    }

    let persons: Vec<Value> = data
        .person
        .iter()
        .map(|p| {
            object([
                ("id", json!(p.id)),
                ("name", json!(p.name)),
                ("other_names", other_names(&p.aliases, &links)),
                // The state the person comes from or serves: not necessarily a
                // nationality, so not Popolo's `national_identity`.
                ("country_id", json!(p.country)),
                ("summary", json!(p.summary)),
                ("sources", links(&p.citations)),
            ])
        })
        .collect();

    let mut organizations: Vec<Value> = Vec::new();
    for o in &data.organization {
        organizations.push(object([
            ("id", json!(o.id)),
            ("name", json!(o.name)),
            ("classification", json!("organization")),
            ("other_names", other_names(&o.aliases, &links)),
            ("description", json!(o.summary)),
            ("sources", links(&o.citations)),
        ]));
    }
    for s in &data.state {
        organizations.push(object([
            ("id", json!(s.id)),
            ("name", json!(s.name)),
            ("classification", json!("state")),
            ("other_names", other_names(&s.aliases, &links)),
            ("sources", links(&s.citations)),
        ]));
    }
    for b in &data.body {
        organizations.push(object([
            ("id", json!(b.id)),
            ("name", json!(b.name)),
            ("classification", json!("body")),
            ("other_names", other_names(&b.aliases, &links)),
            (
                "parent_id",
                json!(b.parent.as_deref().unwrap_or(&b.organization)),
            ),
            ("founding_date", date(b.established)),
            ("founding_date_precision", precision(b.established)),
            ("established_by", json!(b.established_by)),
            ("description", json!(b.summary)),
            ("sources", links(&b.citations)),
        ]));
    }

    let posts: Vec<Value> = data
        .post
        .iter()
        .map(|p| {
            let labels: Vec<&str> = p.aliases.iter().map(|a| a.name.as_str()).collect();
            object([
                ("id", json!(p.id)),
                ("label", json!(p.name)),
                ("other_label", json!(labels)),
                ("organization_id", json!(p.organization)),
                ("body_id", json!(p.body)),
                ("single_holder", json!(p.single_holder)),
                ("sources", links(&p.citations)),
            ])
        })
        .collect();

    let mut memberships: Vec<Value> = Vec::new();
    for t in &data.term {
        let post = post_by_id.get(t.post.as_str()).copied();
        let post_name = post.map_or(t.post.as_str(), |p| p.name.as_str());
        let role = if t.acting {
            format!("acting {post_name}")
        } else {
            post_name.to_string()
        };
        memberships.push(object([
            ("id", json!(t.id)),
            (
                "label",
                json!(format!(
                    "{} as {role}",
                    name_of(&t.person).unwrap_or_else(|| t.person.clone())
                )),
            ),
            ("role", json!(role)),
            ("person_id", json!(t.person)),
            ("post_id", json!(t.post)),
            ("organization_id", json!(post.map(|p| &p.organization))),
            ("start_date", date(Some(t.start))),
            ("start_date_precision", precision(Some(t.start))),
            ("end_date", date(t.end)),
            ("end_date_precision", precision(t.end)),
            ("acting", json!(t.acting)),
            ("appointed_by", json!(t.appointed_by)),
            ("appointment_note", json!(t.appointment_note)),
            ("end_cause", json!(t.end_cause)),
            ("note", json!(t.note)),
            ("sources", links(&t.citations)),
        ]));
    }
    for m in &data.membership {
        let changes: Vec<Value> = m
            .changes
            .iter()
            .map(|c| {
                object([
                    ("date", date(Some(c.date))),
                    ("kind", json!(c.kind)),
                    ("note", json!(c.note)),
                    ("sources", links(&c.citations)),
                ])
            })
            .collect();
        // The membership as Popolo sees it began when the state last joined
        // or rejoined, and ended when it was suspended or withdrew after that
        // (`end_cause` says which); a frozen participation does not end it.
        let start = m
            .changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::Joined | ChangeKind::Rejoined))
            .map(|c| c.date)
            .max();
        let ended = m
            .changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::Suspended | ChangeKind::Withdrew))
            .filter(|c| start.is_none_or(|s| c.date >= s))
            .max_by_key(|c| c.date);
        let end = ended.map(|c| c.date);
        memberships.push(object([
            ("id", json!(m.id)),
            ("role", json!("member state")),
            ("member", json!({ "@type": "Organization", "id": m.state })),
            ("organization_id", json!(m.organization)),
            ("start_date", date(start)),
            ("start_date_precision", precision(start)),
            ("end_date", date(end)),
            ("end_date_precision", precision(end)),
            ("end_cause", json!(ended.map(|c| c.kind))),
            ("status", json!(m.status)),
            ("changes", json!(changes)),
            ("note", json!(m.note)),
            ("sources", links(&m.citations)),
        ]));
    }

    let events: Vec<Value> = data
        .meeting
        .iter()
        .map(|m| {
            let location: Vec<&str> = [m.venue.as_deref(), m.place.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            let documents = documents_of.get(m.id.as_str()).cloned().unwrap_or_default();
            let decisions = decisions_of.get(m.id.as_str()).cloned().unwrap_or_default();
            object([
                ("id", json!(m.id)),
                ("name", json!(m.name)),
                ("classification", json!("meeting")),
                ("start_date", date(Some(m.date))),
                ("end_date", date(Some(m.date))),
                ("date_precision", precision(Some(m.date))),
                (
                    "location",
                    if location.is_empty() {
                        Value::Null
                    } else {
                        json!(location.join(", "))
                    },
                ),
                ("status", json!(m.status)),
                ("organization_id", json!(m.body)),
                ("description", json!(m.summary)),
                ("chair_state_id", json!(m.chair_state)),
                ("chair_person_id", json!(m.chair_person)),
                ("format", json!(m.format)),
                ("participants", json!(m.participants)),
                ("absentees", json!(m.absentees)),
                ("documents", json!(documents)),
                ("decisions", json!(decisions)),
                ("sources", links(&m.citations)),
            ])
        })
        .collect();

    object([
        ("meta", json!(meta)),
        ("persons", json!(persons)),
        ("organizations", json!(organizations)),
        ("posts", json!(posts)),
        ("memberships", json!(memberships)),
        ("events", json!(events)),
    ])
}

/// A JSON object of the pairs whose value says something: nulls, empty lists
/// and `false` are left out.
fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let map: Map<String, Value> = pairs
        .into_iter()
        .filter(|(_, v)| match v {
            Value::Null | Value::Bool(false) => false,
            Value::Array(items) => !items.is_empty(),
            _ => true,
        })
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    Value::Object(map)
}

fn date(date: Option<Date>) -> Value {
    json!(date.map(|d| d.to_string()))
}

fn precision(date: Option<Date>) -> Value {
    json!(date.map(|d| d.precision()))
}

fn other_names(aliases: &[Alias], links: &dyn Fn(&[Citation]) -> Value) -> Value {
    aliases
        .iter()
        .map(|a| {
            object([
                ("name", json!(a.name)),
                (
                    "note",
                    json!(match &a.note {
                        Some(note) => format!("{}: {note}", crate::commands::serde_name(&a.kind)),
                        None => crate::commands::serde_name(&a.kind),
                    }),
                ),
                ("kind", json!(a.kind)),
                ("lang", json!(a.lang)),
                ("sources", links(&a.citations)),
            ])
        })
        .collect()
}

/// A citation as a Popolo link. Popolo links need an absolute URL; a source
/// recorded without one (or with only a bare host and path) is named by a
/// `urn:summit-kb:source:ID` instead, and what was recorded is kept beside it.
fn link(sources: &HashMap<&str, &Source>, c: &Citation) -> Value {
    let source = sources.get(c.source.as_str());
    let recorded = source.and_then(|s| s.url.as_deref());
    let absolute = recorded.filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let url = absolute.map_or_else(
        || format!("urn:summit-kb:source:{}", c.source),
        str::to_string,
    );
    let note = source.map(|s| {
        let mut note = format!("{}, \"{}\"", s.publisher, s.title);
        if let Some(date) = s.published {
            note.push_str(&format!(", {date}"));
        }
        note
    });
    object([
        ("url", json!(url)),
        ("note", json!(note)),
        ("source_id", json!(c.source)),
        (
            "recorded_url",
            json!(recorded.filter(|_| absolute.is_none())),
        ),
        ("quote", json!(c.quote)),
        ("citation_note", json!(c.note)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn popolo() -> Value {
        let data = &load::embedded().unwrap().dataset;
        document(data, &crate::commands::export::meta(data))
    }

    #[test]
    fn every_term_is_a_dated_membership_of_its_post() {
        let doc = popolo();
        let sg: Vec<&Value> = doc["memberships"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["post_id"] == "secretary-general")
            .collect();
        assert_eq!(sg.len(), 7);
        assert!(sg.iter().all(|m| m["start_date"].is_string()));
        let acting: Vec<&&Value> = sg.iter().filter(|m| m["acting"] == true).collect();
        assert!(!acting.is_empty());
        assert!(acting
            .iter()
            .all(|m| m["role"] == "acting Secretary General"));
    }

    #[test]
    fn a_source_without_an_absolute_url_is_a_urn_and_keeps_what_was_recorded() {
        let mut sources = HashMap::new();
        let source = Source {
            id: "rt".to_string(),
            publisher: "P".to_string(),
            title: "T".to_string(),
            url: Some("example.org/news/1".to_string()),
            published: None,
            language: None,
            kind: None,
            note: None,
        };
        sources.insert("rt", &source);
        let c = Citation {
            source: "rt".to_string(),
            quote: Some("q".to_string()),
            note: None,
            confidence: Default::default(),
        };
        let l = link(&sources, &c);
        assert_eq!(l["url"], "urn:summit-kb:source:rt");
        assert_eq!(l["recorded_url"], "example.org/news/1");
        assert_eq!(l["quote"], "q");
        assert_eq!(l["note"], "P, \"T\"");
    }
}
