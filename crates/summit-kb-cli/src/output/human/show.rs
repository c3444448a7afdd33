//! `show`: the record's fields, its sources in full, the claims about it,
//! and what refers to it or (for a source) cites it.

use serde_json::Value;

use super::Human;
use crate::answer::show::Show;
use crate::kb::Kb;
use crate::model::{Claim, Record};
use crate::output::words::{cell, citation_lines};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

impl Human for Show<'_> {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        let json = &self.json;
        let record = self.record;
        let mut blocks = vec![Block::Heading(format!("{} {}", record.kind(), record.id()))];
        if let Value::Object(map) = &json.record {
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
        for (path, citation) in &self.cited {
            let lines = citation_lines(kb, path, std::slice::from_ref(citation));
            blocks.extend(lines.into_iter().map(Block::Text));
        }
        if !json.claims.is_empty() {
            blocks.push(Block::Heading(
                "Claims about this record (sources disagree; all are kept)".to_string(),
            ));
            blocks.extend(claim_blocks(kb, &json.claims));
        }
        // A claim: every claim on the same question, side by side.
        if let Record::Claim(claim) = record {
            blocks.push(Block::Heading(format!(
                "Every claim on {} {} (all are kept)",
                claim.subject, claim.property
            )));
            blocks.extend(claim_blocks(kb, &json.variants));
        }
        if !json.referred_to_by.is_empty() {
            blocks.push(Block::Heading("Referred to by".to_string()));
            let rows = json
                .referred_to_by
                .iter()
                .map(|r| {
                    vec![
                        r.kind.to_string(),
                        r.id.to_string(),
                        r.field.to_string(),
                        r.record.label(),
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
        if matches!(record, Record::Source(_)) {
            blocks.push(Block::Heading(format!(
                "Cited by ({})",
                json.cited_by.len()
            )));
            let rows = json
                .cited_by
                .iter()
                .map(|c| {
                    vec![
                        c.kind.to_string(),
                        c.id.to_string(),
                        c.r#where.clone(),
                        c.quote.clone().unwrap_or_default(),
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
        blocks
    }
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
