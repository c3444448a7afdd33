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

use serde::Serialize;

use crate::date::{Date, Precision};
use crate::model::{
    Absentee, Alias, AliasKind, ChangeKind, Citation, Dataset, EndCause, MeetingStatus,
    MembershipStatus, Meta, Participant, Post, Record, Source,
};

fn is_false(b: &bool) -> bool {
    !*b
}

/// A Popolo document: what `export --format popolo` writes. Fields that say
/// nothing (absent, empty lists, `false`) are left out.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub meta: &'a Meta,
    pub persons: Vec<Person<'a>>,
    pub organizations: Vec<Organization<'a>>,
    pub posts: Vec<PopoloPost<'a>>,
    pub memberships: Vec<Membership<'a>>,
    pub events: Vec<PopoloEvent<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Person<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<OtherName<'a>>,
    /// The state the person comes from or serves: not necessarily a
    /// nationality, so not Popolo's `national_identity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Link<'a>>,
}

/// The organisation (`organization`), a member state (`state`) or a body (`body`).
#[derive(Debug, Serialize)]
pub struct Organization<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub classification: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<OtherName<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub founding_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub founding_date_precision: Option<Precision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub established_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Link<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PopoloPost<'a> {
    pub id: &'a str,
    pub label: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_label: Vec<&'a str>,
    pub organization_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_id: Option<&'a str>,
    #[serde(skip_serializing_if = "is_false")]
    pub single_holder: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Link<'a>>,
}

/// A term of office (a membership of its post) or a state's membership of
/// an organisation (`member` names the state).
#[derive(Debug, Serialize)]
pub struct Membership<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<Member<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date_precision: Option<Precision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date_precision: Option<Precision>,
    #[serde(skip_serializing_if = "is_false")]
    pub acting: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointed_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointment_note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_cause: Option<MembershipEnd>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<MembershipStatus>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Link<'a>>,
}

/// Why a membership ended: a term's end cause, or a state's suspension or
/// withdrawal.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum MembershipEnd {
    Term(EndCause),
    State(ChangeKind),
}

#[derive(Debug, Serialize)]
pub struct Member<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub id: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Change<'a> {
    pub date: Date,
    pub kind: ChangeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Link<'a>>,
}

/// A meeting.
#[derive(Debug, Serialize)]
pub struct PopoloEvent<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub classification: &'static str,
    pub start_date: Date,
    pub end_date: Date,
    pub date_precision: Precision,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub status: MeetingStatus,
    pub organization_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chair_state_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chair_person_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub participants: &'a [Participant],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub absentees: &'a [Absentee],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Link<'a>>,
}

#[derive(Debug, Serialize)]
pub struct OtherName<'a> {
    pub name: &'a str,
    /// The alias's kind, and its note.
    pub note: String,
    pub kind: AliasKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Link<'a>>,
}

/// An absolute url as a URI: a character a URI cannot hold (a letter beyond
/// ASCII, a typographic quote, a space) is percent-encoded as its UTF-8 bytes,
/// the mapping of an IRI to a URI (RFC 3987, 3.1); the recorded url is kept as
/// the source gives it, and a url that needs nothing is unchanged.
fn as_uri(url: &str) -> String {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
    if url.chars().all(allowed) {
        return url.to_string();
    }
    let mut out = String::with_capacity(url.len() + 16);
    for c in url.chars() {
        if allowed(c) {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A citation as a Popolo link.
#[derive(Debug, Serialize)]
pub struct Link<'a> {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub source_id: &'a str,
    /// What was recorded where it is not an absolute URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation_note: Option<&'a str>,
}

/// The Popolo document of a dataset, with the `meta` of its export.
pub fn document<'a>(data: &'a Dataset, meta: &'a Meta) -> Document<'a> {
    let sources: HashMap<&str, &Source> = data.source.iter().map(|s| (s.id.as_ref(), s)).collect();
    let links = |citations: &'a [Citation]| -> Vec<Link<'a>> {
        citations.iter().map(|c| link(&sources, c)).collect()
    };
    // Lookups built once, so that the export stays linear in the data.
    let labels: HashMap<&str, Record<'_>> = data.records().map(|r| (r.id(), r)).collect();
    let name_of = |id: &str| -> Option<String> { labels.get(id).map(|r| r.label()) };
    let post_by_id: HashMap<&str, &Post> = data.post.iter().map(|p| (p.id.as_ref(), p)).collect();
    let mut documents_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for d in data.document.iter() {
        if let Some(meeting) = &d.adopted_at {
            documents_of.entry(meeting).or_default().push(&d.id);
        }
    }
    let mut decisions_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for d in data.decision.iter() {
        decisions_of.entry(&d.meeting).or_default().push(&d.id);
    }
    let other_names = |aliases: &'a [Alias]| -> Vec<OtherName<'a>> {
        aliases
            .iter()
            .map(|a| OtherName {
                name: &a.name,
                note: match &a.note {
                    Some(note) => format!("{}: {note}", a.kind),
                    None => a.kind.to_string(),
                },
                kind: a.kind,
                lang: a.lang.as_deref(),
                sources: links(&a.citations),
            })
            .collect()
    };
    let organization = |id: &'a str, name: &'a str, classification: &'static str| Organization {
        id,
        name,
        classification,
        other_names: Vec::new(),
        parent_id: None,
        founding_date: None,
        founding_date_precision: None,
        established_by: None,
        description: None,
        sources: Vec::new(),
    };

    let persons = data
        .person
        .iter()
        .map(|p| Person {
            id: &p.id,
            name: &p.name,
            other_names: other_names(&p.aliases),
            country_id: p.country.as_deref(),
            summary: p.summary.as_deref(),
            sources: links(&p.citations),
        })
        .collect();

    let mut organizations = Vec::new();
    for o in data.organization.iter() {
        organizations.push(Organization {
            other_names: other_names(&o.aliases),
            description: o.summary.as_deref(),
            sources: links(&o.citations),
            ..organization(&o.id, &o.name, "organization")
        });
    }
    for s in data.state.iter() {
        organizations.push(Organization {
            other_names: other_names(&s.aliases),
            sources: links(&s.citations),
            ..organization(&s.id, &s.name, "state")
        });
    }
    for b in data.body.iter() {
        organizations.push(Organization {
            other_names: other_names(&b.aliases),
            parent_id: Some(b.parent.as_deref().unwrap_or(&b.organization)),
            founding_date: b.established,
            founding_date_precision: b.established.map(|d| d.precision()),
            established_by: b.established_by.as_deref(),
            description: b.summary.as_deref(),
            sources: links(&b.citations),
            ..organization(&b.id, &b.name, "body")
        });
    }

    let posts = data
        .post
        .iter()
        .map(|p| PopoloPost {
            id: &p.id,
            label: &p.name,
            other_label: p.aliases.iter().map(|a| a.name.as_ref()).collect(),
            organization_id: &p.organization,
            body_id: p.body.as_deref(),
            single_holder: p.single_holder,
            sources: links(&p.citations),
        })
        .collect();

    let mut memberships = Vec::new();
    for t in data.term.iter() {
        let post = post_by_id.get(t.post.as_ref()).copied();
        let post_name = post.map_or(t.post.as_ref(), |p| p.name.as_ref());
        let role = if t.acting {
            format!("acting {post_name}")
        } else {
            post_name.to_string()
        };
        memberships.push(Membership {
            id: &t.id,
            label: Some(format!(
                "{} as {role}",
                name_of(&t.person).unwrap_or_else(|| t.person.to_string())
            )),
            role,
            person_id: Some(&t.person),
            member: None,
            post_id: Some(&t.post),
            organization_id: post.map(|p| p.organization.as_ref()),
            start_date: Some(t.start),
            start_date_precision: Some(t.start.precision()),
            end_date: t.end,
            end_date_precision: t.end.map(|d| d.precision()),
            acting: t.acting,
            appointed_by: t.appointed_by.as_deref(),
            appointment_note: t.appointment_note.as_deref(),
            end_cause: t.end_cause.map(MembershipEnd::Term),
            status: None,
            changes: Vec::new(),
            note: t.note.as_deref(),
            sources: links(&t.citations),
        });
    }
    for m in data.membership.iter() {
        let changes = m
            .changes
            .iter()
            .map(|c| Change {
                date: c.date,
                kind: c.kind,
                note: c.note.as_deref(),
                sources: links(&c.citations),
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
        memberships.push(Membership {
            id: &m.id,
            label: None,
            role: "member state".to_string(),
            person_id: None,
            member: Some(Member {
                kind: "Organization",
                id: &m.state,
            }),
            post_id: None,
            organization_id: Some(&m.organization),
            start_date: start,
            start_date_precision: start.map(|d| d.precision()),
            end_date: end,
            end_date_precision: end.map(|d| d.precision()),
            acting: false,
            appointed_by: None,
            appointment_note: None,
            end_cause: ended.map(|c| MembershipEnd::State(c.kind)),
            status: Some(m.status),
            changes,
            note: m.note.as_deref(),
            sources: links(&m.citations),
        });
    }

    let events = data
        .meeting
        .iter()
        .map(|m| {
            let location: Vec<&str> = [m.venue.as_deref(), m.place.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            PopoloEvent {
                id: &m.id,
                name: &m.name,
                classification: "meeting",
                start_date: m.start_date.unwrap_or(m.date),
                end_date: m.end_date.unwrap_or(m.date),
                date_precision: m.date.precision(),
                location: (!location.is_empty()).then(|| location.join(", ")),
                status: m.status,
                organization_id: &m.body,
                description: m.summary.as_deref(),
                chair_state_id: m.chair_state.as_deref(),
                chair_person_id: m.chair_person.as_deref(),
                format: m.format.as_deref(),
                participants: &m.participants,
                absentees: &m.absentees,
                documents: documents_of.get(m.id.as_ref()).cloned().unwrap_or_default(),
                decisions: decisions_of.get(m.id.as_ref()).cloned().unwrap_or_default(),
                sources: links(&m.citations),
            }
        })
        .collect();

    Document {
        meta,
        persons,
        organizations,
        posts,
        memberships,
        events,
    }
}

/// A citation as a Popolo link. Popolo links need an absolute URL; a source
/// recorded without one (or with only a bare host and path) is named by a
/// `urn:summit-kb:source:ID` instead, and what was recorded is kept beside it.
fn link<'a>(sources: &HashMap<&str, &'a Source>, c: &'a Citation) -> Link<'a> {
    let source = sources.get(c.source.as_ref()).copied();
    let recorded = source.and_then(|s| s.url.as_deref());
    let absolute = recorded.filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let url = absolute.map_or_else(|| format!("urn:summit-kb:source:{}", c.source), as_uri);
    let note = source.map(|s| {
        let mut note = format!("{}, \"{}\"", s.publisher, s.title);
        if let Some(date) = s.published {
            note.push_str(&format!(", {date}"));
        }
        note
    });
    Link {
        url,
        note,
        source_id: &c.source,
        recorded_url: recorded.filter(|_| absolute.is_none()),
        quote: c.quote.as_deref(),
        citation_note: c.note.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn popolo() -> Value {
        let data = &crate::shipped().dataset;
        // What `export` writes in `meta` is not read here.
        let meta = Meta {
            dataset: None,
            licence: None,
            counts: Default::default(),
            content_hash: data.content_hash().into(),
        };
        serde_json::to_value(document(data, &meta)).unwrap()
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
    fn a_url_with_characters_a_uri_cannot_hold_is_percent_encoded() {
        assert_eq!(
            as_uri("https://example.org/Prime-Minister-\u{201c}Based\u{201d} on/\u{43e}"),
            "https://example.org/Prime-Minister-%E2%80%9CBased%E2%80%9D%20on/%D0%BE"
        );
        let plain = "https://example.org/a?b=c&d=%20#e";
        assert_eq!(as_uri(plain), plain);
    }

    #[test]
    fn a_source_without_an_absolute_url_is_a_urn_and_keeps_what_was_recorded() {
        let mut sources = HashMap::new();
        let source = Source {
            id: "rt".into(),
            publisher: "P".into(),
            title: "T".into(),
            url: Some("example.org/news/1".into()),
            published: None,
            language: None,
            kind: None,
            note: None,
        };
        sources.insert("rt", &source);
        let c = Citation {
            source: "rt".into(),
            quote: Some("q".into()),
            note: None,
            confidence: Default::default(),
        };
        let l = link(&sources, &c);
        assert_eq!(l.url, "urn:summit-kb:source:rt");
        assert_eq!(l.recorded_url, Some("example.org/news/1"));
        assert_eq!(l.quote, Some("q"));
        assert_eq!(l.note.as_deref(), Some("P, \"T\""));
    }
}
