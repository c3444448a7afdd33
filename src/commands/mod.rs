//! One module per subcommand, each with the same shape: ask the knowledge base,
//! build a [`View`]. None of them prints.

pub mod chair;
pub mod check;
pub mod completions;
pub mod decisions;
pub mod docs;
pub mod evidence;
pub mod export;
pub mod holder;
pub mod popolo;
pub mod schema;
pub mod search;
pub mod show;
pub mod summits;
pub mod terms;
pub mod timeline;

use serde::Serialize;
use serde_json::Value;

use crate::date::Date;
use crate::kb::Kb;
use crate::model::{Citation, Record};
use crate::output::{Block, View};

/// A command's answer, and whether it is one: `found` false means exit status 1
/// (nothing matched, or no certain answer).
#[derive(Debug)]
pub struct Answer {
    pub view: View,
    pub found: bool,
}

impl Answer {
    /// A list of records: JSON is the array of records as exported; the table
    /// says so when the list is empty (and CSV still has its header row).
    pub fn list<T: Serialize>(records: &[&T], what: &str, table: Block) -> Answer {
        let json = serde_json::to_value(records).expect("records serialize to JSON");
        let blocks = if records.is_empty() {
            vec![table, Block::Text(format!("No {what} match."))]
        } else {
            vec![table]
        };
        Answer {
            view: View { json, blocks },
            found: !records.is_empty(),
        }
    }
}

/// "2026–2030", "2026–" (open end), "–2030", "2026" for a single unit, or ""
/// for a period with no recorded bounds. No spaces, so a table never wraps it.
pub fn period(from: Option<Date>, to: Option<Date>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => f.to_string(),
        (from, to) if from.is_some() || to.is_some() => {
            let show = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
            format!("{}–{}", show(from), show(to))
        }
        _ => String::new(),
    }
}

/// The distinct publishers of a list of citations, for a compact mention.
pub fn publishers(kb: &Kb<'_>, citations: &[Citation]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for c in citations {
        let name = kb
            .source(&c.source)
            .map_or(c.source.as_str(), |s| &s.publisher);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join("; ")
}

/// Lines describing each citation: publisher, title, date, url and quote,
/// after `label` (where in the record it stands) when there is one.
pub fn citation_lines(kb: &Kb<'_>, label: &str, citations: &[Citation]) -> Vec<String> {
    let mut lines = Vec::new();
    for c in citations {
        let source = kb.source(&c.source);
        let mut head = match source {
            Some(s) => format!("{} — {}, \"{}\"", c.source, s.publisher, s.title),
            None => format!("{} (unknown source)", c.source),
        };
        if let Some(date) = source.and_then(|s| s.published) {
            head.push_str(&format!(", {date}"));
        }
        if label.is_empty() {
            lines.push(format!("• {head}"));
        } else {
            lines.push(format!("• {label}: {head}"));
        }
        if let Some(url) = source.and_then(|s| s.url.as_ref()) {
            lines.push(format!("    {url}"));
        }
        match &c.quote {
            Some(quote) => lines.push(format!("    “{quote}”")),
            None => lines.push("    (no quote recorded)".to_string()),
        }
        if let Some(note) = &c.note {
            lines.push(format!("    note: {note}"));
        }
    }
    lines
}

/// A value's name as the data spells it (`strategy`, `participation-frozen`).
pub fn serde_name<T: Serialize>(value: &T) -> String {
    cell(&serde_json::to_value(value).expect("plain values serialize to JSON"))
}

/// A JSON value as one cell of text.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.iter().all(|v| !v.is_object()) => {
            items.iter().map(cell).collect::<Vec<_>>().join(", ")
        }
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("\n"),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| *k != "citations")
            .map(|(k, v)| match v {
                Value::Array(_) | Value::Object(_) => {
                    format!("{k}: [{}]", cell(v).replace('\n', "; "))
                }
                _ => format!("{k}: {}", cell(v)),
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The publishers a record cites (its own citations); for a source, its own
/// publisher.
pub fn record_sources(kb: &Kb<'_>, id: &str) -> String {
    match kb.get(id) {
        Some(Record::Source(s)) => s.publisher.clone(),
        Some(record) => publishers(kb, record.citations()),
        None => String::new(),
    }
}

/// A table with a last column `sources`, one cell per row.
pub fn with_sources(table: Block, sources: Vec<String>) -> Block {
    match table {
        Block::Table { mut header, rows } => {
            header.push("sources".to_string());
            let rows = rows
                .into_iter()
                .zip(sources)
                .map(|(mut row, s)| {
                    row.push(s);
                    row
                })
                .collect();
            Block::Table { header, rows }
        }
        other => other,
    }
}
