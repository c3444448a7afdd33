//! `show ID`: one record, every citation in it with its source, the claims
//! about it, and the records that refer to it.

use anyhow::Result;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::commands::{cell, citation_lines, Answer, Ctx};
use crate::kb::Kb;
use crate::model::{Claim, Record};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The record's id, or a name or alias that names one record: a
    /// person's surname ("masadykov"), a meeting's place and year ("Bishkek
    /// 2025"); case, accents and script do not matter. An id always wins; a
    /// name that several records share lists them (exit status 2).
    pub id: String,
}

pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Answer> {
    let kb = ctx.kb;
    let record = kb.resolve_record(&args.id)?;
    let id = record.id();
    let record_json = record.to_json();

    let cited = record.all_citations();
    let claims: Vec<&Claim> = kb.data().claim.iter().filter(|c| c.subject == id).collect();
    let referrers: Vec<(&str, &str, &str, String)> = kb
        .data()
        .records()
        .flat_map(|r| {
            r.references()
                .into_iter()
                .filter(|(_, target, _)| *target == id)
                .map(move |(field, _, _)| (r.kind().name(), r.id(), field, r.label()))
        })
        .collect();

    let mut blocks = vec![Block::Heading(format!("{} {}", record.kind(), id))];
    if let Value::Object(map) = &record_json {
        blocks.push(Block::Fields(
            map.iter()
                .filter(|(k, _)| *k != "citations" && *k != "id")
                .map(|(k, v)| (k.clone(), cell(v)))
                .collect(),
        ));
    }
    // A source is evidence itself and cites nothing.
    if !matches!(record, Record::Source(_)) {
        blocks.push(Block::Heading("Sources".to_string()));
    }
    for (path, citation) in &cited {
        let lines = citation_lines(kb, path, std::slice::from_ref(citation));
        blocks.extend(lines.into_iter().map(Block::Text));
    }
    if !claims.is_empty() {
        blocks.push(Block::Heading(
            "Claims about this record (sources disagree; all are kept)".to_string(),
        ));
        blocks.extend(claim_blocks(kb, &claims));
    }
    // A claim: every claim on the same question, side by side.
    let variants: Vec<&Claim> = match record {
        Record::Claim(claim) => kb
            .data()
            .claim
            .iter()
            .filter(|c| c.subject == claim.subject && c.property == claim.property)
            .collect(),
        _ => Vec::new(),
    };
    if let Record::Claim(claim) = record {
        blocks.push(Block::Heading(format!(
            "Every claim on {} {} (all are kept)",
            claim.subject, claim.property
        )));
        blocks.extend(claim_blocks(kb, &variants));
    }
    if !referrers.is_empty() {
        blocks.push(Block::Heading("Referred to by".to_string()));
        let rows = referrers
            .iter()
            .map(|(kind, rid, field, label)| {
                vec![
                    kind.to_string(),
                    rid.to_string(),
                    field.to_string(),
                    label.clone(),
                ]
            })
            .collect();
        blocks.push(Block::table(
            [
                ("kind", Fixed),
                ("id", Fixed),
                ("field", Fixed),
                ("name", Text),
            ],
            rows,
        ));
    }

    // A source: every record that cites it, where, and in which words.
    let cited_by = match record {
        Record::Source(_) => crate::commands::sources::citing(kb, id),
        _ => Vec::new(),
    };
    if matches!(record, Record::Source(_)) {
        blocks.push(Block::Heading(format!("Cited by ({})", cited_by.len())));
        let rows = cited_by
            .iter()
            .map(|(r, path, quote)| {
                vec![
                    r.kind().to_string(),
                    r.id().to_string(),
                    path.clone(),
                    quote.clone().unwrap_or_default(),
                ]
            })
            .collect();
        blocks.push(Block::table(
            [
                ("kind", Fixed),
                ("id", Fixed),
                ("where", Fixed),
                ("quote", Text),
            ],
            rows,
        ));
    }

    let source_ids: Vec<&str> = {
        let mut ids: Vec<&str> = cited.iter().map(|(_, c)| c.source.as_ref()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let sources: Vec<Value> = source_ids
        .iter()
        .filter_map(|s| kb.get(s))
        .map(|r| r.to_json())
        .collect();
    // CSV and NDJSON: the record's fields, a row each.
    let fields: Vec<ShowField> = match &record_json {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| ShowField {
                field: k.clone(),
                value: match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
            })
            .collect(),
        _ => Vec::new(),
    };
    let json = ShowJson {
        kind: record.kind().name(),
        record: record_json,
        sources,
        claims,
        variants,
        cited_by: cited_by
            .iter()
            .map(|(r, path, quote)| CitedBy {
                kind: r.kind().name(),
                id: r.id(),
                r#where: path.clone(),
                quote: quote.clone(),
            })
            .collect(),
        referred_to_by: referrers
            .iter()
            .map(|(kind, rid, field, _)| ReferredBy {
                kind,
                id: rid,
                field,
            })
            .collect(),
    };
    Ok(Answer::typed(
        ctx.needs,
        &json,
        &["field", "value"],
        &fields,
        blocks,
        true,
    ))
}

/// The JSON of `show`: the record, the sources it cites, the claims about it,
/// and the records that cite or refer to it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ShowJson<'a> {
    /// The record's kind, as its TOML table is named.
    pub kind: &'static str,
    /// The record as exported.
    pub record: Value,
    /// Every source it cites, as exported.
    pub sources: Vec<Value>,
    /// The claims about it.
    pub claims: Vec<&'a Claim>,
    /// For a claim: every claim on the same question.
    pub variants: Vec<&'a Claim>,
    /// For a source: every record that cites it.
    pub cited_by: Vec<CitedBy<'a>>,
    pub referred_to_by: Vec<ReferredBy<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CitedBy<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    /// Where in the record: "" for its own citations, else e.g. `aliases[Name]`.
    pub r#where: String,
    pub quote: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ReferredBy<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    /// The field that names this record.
    pub field: &'a str,
}

/// One field of the record, for CSV and NDJSON.
#[derive(Debug, Serialize)]
struct ShowField {
    field: String,
    value: String,
}

/// Claims grouped by property, the values of one property next to each
/// other, each with its sources and their quotes.
fn claim_blocks(kb: &Kb<'_>, claims: &[&Claim]) -> Vec<Block> {
    let mut properties: Vec<&str> = Vec::new();
    for c in claims {
        if !properties.contains(&c.property.as_ref()) {
            properties.push(&c.property);
        }
    }
    let mut blocks = Vec::new();
    let mut rows = Vec::new();
    for property in properties {
        let group: Vec<&&Claim> = claims.iter().filter(|c| c.property == property).collect();
        let values: Vec<String> = group.iter().map(|c| c.value.to_string()).collect();
        blocks.push(Block::Text(if group.len() > 1 {
            format!("{property}: {} values, {}", group.len(), values.join(" / "))
        } else {
            format!("{property}: {}", values[0])
        }));
        for c in group {
            let sources: Vec<String> = c
                .citations
                .iter()
                .map(|ct| {
                    let publisher = kb
                        .source(&ct.source)
                        .map_or("unknown source", |s| &s.publisher);
                    match &ct.quote {
                        Some(q) => format!("{publisher} ({}): “{q}”", ct.source),
                        None => format!("{publisher} ({}), no quote", ct.source),
                    }
                })
                .collect();
            rows.push(vec![
                c.property.to_string(),
                c.value.to_string(),
                c.id.to_string(),
                sources.join("\n"),
                c.note.as_deref().unwrap_or_default().to_string(),
            ]);
        }
    }
    blocks.push(Block::table(
        [
            ("property", Fixed),
            ("value", Text),
            ("claim", Fixed),
            ("sources", Text),
            ("note", Text),
        ],
        rows,
    ));
    // Each claim's citations in full, as the record's own are given.
    let lines: Vec<String> = claims
        .iter()
        .flat_map(|c| citation_lines(kb, &c.id, &c.citations))
        .collect();
    if !lines.is_empty() {
        blocks.push(Block::Heading("Sources of the claims".to_string()));
        blocks.extend(lines.into_iter().map(Block::Text));
    }
    blocks
}
