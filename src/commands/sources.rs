//! `sources`: the source register, with what cites each publication.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::commands::{serde_name, Answer, Ctx};
use crate::kb::Kb;
use crate::model::{Record, Source};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only sources of this kind.
    #[arg(long, value_name = "K", ignore_case = true, value_parser = crate::value_enum::parser::<crate::model::SourceKind>())]
    pub kind: Option<crate::model::SourceKind>,
}

/// How a source is cited across the dataset.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    /// Records that cite it anywhere in them.
    pub records: usize,
    pub citations: usize,
    /// Citations of it that quote it.
    pub quoted: usize,
}

impl Use {
    /// "all", "some" or "none" of the citations quote the source.
    pub fn quotes(&self) -> &'static str {
        match self.quoted {
            0 => "none",
            n if n == self.citations => "all",
            _ => "some",
        }
    }
}

/// How each source is used, by source id, in one pass over the records.
pub fn uses<'a>(kb: &Kb<'a>) -> HashMap<&'a str, Use> {
    let mut out: HashMap<&str, Use> = HashMap::new();
    for record in kb.data().records() {
        let mut seen: Vec<&str> = Vec::new();
        for c in record.cited() {
            let entry = out.entry(c.source.as_ref()).or_default();
            entry.citations += 1;
            entry.quoted += usize::from(c.quote.is_some());
            if !seen.contains(&c.source.as_ref()) {
                seen.push(&c.source);
                entry.records += 1;
            }
        }
    }
    out
}

/// The records that cite `source`, each with where in it and the quote.
pub fn citing<'a>(kb: &Kb<'a>, source: &str) -> Vec<(Record<'a>, String, Option<String>)> {
    kb.data()
        .records()
        .flat_map(|r| {
            r.all_citations()
                .into_iter()
                .filter(|(_, c)| c.source == source)
                .map(move |(path, c)| (r, path, c.quote.map(String::from)))
        })
        .collect()
}

pub fn run(ctx: &Ctx<'_>, args: &Args) -> Answer {
    let kb = ctx.kb;
    let uses = uses(kb);
    let mut list: Vec<&Source> = kb
        .data()
        .source
        .iter()
        .filter(|s| args.kind.is_none_or(|k| s.kind == Some(k)))
        .collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    let rows = list
        .iter()
        .map(|s| {
            let u = uses.get(s.id.as_ref()).copied().unwrap_or_default();
            vec![
                s.id.to_string(),
                s.kind.as_ref().map(serde_name).unwrap_or_default(),
                s.publisher.to_string(),
                s.published.map(|d| d.to_string()).unwrap_or_default(),
                u.records.to_string(),
                u.quotes().to_string(),
            ]
        })
        .collect();
    let table = Block::table(
        [
            ("id", Fixed),
            ("kind", Fixed),
            ("publisher", Text),
            ("published", Fixed),
            ("cited by", Fixed),
            ("quotes", Fixed),
        ],
        rows,
    );
    let rows: Vec<SourceRow> = list
        .iter()
        .map(|s| {
            let u = uses.get(s.id.as_ref()).copied().unwrap_or_default();
            SourceRow {
                source: s,
                cited_by: u.records,
                citations: u.citations,
                quoted: u.quoted,
            }
        })
        .collect();
    Answer::list(ctx.needs, &rows, COLUMNS, "sources", table)
}

/// What CSV writes of each source.
const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "publisher",
    "title",
    "url",
    "published",
    "language",
    "cited_by",
    "citations",
    "quoted",
];

/// A source as `sources` lists it: the record as exported, with how it is
/// cited.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceRow<'a> {
    #[serde(flatten)]
    pub source: &'a Source,
    /// How many records cite it.
    pub cited_by: usize,
    /// How many citations name it.
    pub citations: usize,
    /// How many of those quote it.
    pub quoted: usize,
}
