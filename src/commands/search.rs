//! `search TEXT`: every record whose names or text match, best first.

use anyhow::{bail, Result};
use schemars::JsonSchema;
use serde::Serialize;

use crate::commands::{record_sources, serde_name, with_sources, Answer, Ctx};
use crate::kb::Kb;
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};
use crate::search_index::{fold, too_many_words, Index, Options};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    /// What to look for: words in any order ("operation channel").
    #[arg(required = true, num_args = 1.., value_name = "TEXT")]
    pub text: Vec<String>,

    /// Show at most N records (0: all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Add a column naming the sources of each record.
    #[arg(long)]
    pub sources: bool,
}

pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Answer> {
    let kb = ctx.kb;
    let query = args.text.join(" ");
    if fold(&query).is_empty() {
        bail!("nothing to search for in '{query}': give a word of letters or digits");
    }
    if let Some(problem) = too_many_words(&query) {
        bail!("{problem}");
    }
    let org = kb.org_filter(args.org.as_deref())?;
    // The embedded dataset's index was made when the binary was built.
    let mut hits = match kb.loaded.search_index {
        Some(index) => index.search(&query, Options::default()),
        None => Index::of_records(kb.data().records()).search(&query, Options::default()),
    };
    // With --org: its records, and those tied to no one organisation
    // (people, states, sources).
    if org.is_some() {
        hits.retain(|h| {
            kb.get(&h.id)
                .is_none_or(|r| kb.org_of(r).is_none() || kb.in_org(r, org))
        });
    }
    let total = hits.len();
    let shown = if args.limit == 0 {
        &hits[..]
    } else {
        &hits[..total.min(args.limit)]
    };

    // The table even when empty: CSV and Markdown keep their header row.
    let mut blocks = Vec::new();
    {
        let rows = shown
            .iter()
            .enumerate()
            .map(|(i, h)| {
                vec![
                    (i + 1).to_string(),
                    h.kind.clone(),
                    h.id.clone(),
                    h.field.to_string(),
                    h.snippet.clone(),
                ]
            })
            .collect();
        let mut table = Block::table(
            [
                ("#", Fixed),
                ("kind", Fixed),
                ("id", Fixed),
                ("field", Fixed),
                ("snippet", Text),
            ],
            rows,
        );
        if args.sources {
            let cites = shown.iter().map(|h| record_sources(kb, &h.id)).collect();
            table = with_sources(table, cites);
        }
        blocks.push(table);
        if hits.is_empty() {
            blocks.push(Block::Text(format!("No record matches '{query}'.")));
        }
        if shown.len() < total {
            blocks.push(Block::Text(format!(
                "{} of {total} records shown; --limit 0 shows them all.",
                shown.len()
            )));
        }
    }

    let rows: Vec<SearchHit> = shown
        .iter()
        .enumerate()
        .map(|(i, h)| SearchHit {
            rank: i + 1,
            kind: &h.kind,
            id: &h.id,
            field: h.field,
            matched: serde_name(&h.matched),
            typos: h.typos,
            snippet: &h.snippet,
            sources: args.sources.then(|| source_ids(kb, &h.id)),
        })
        .collect();
    Ok(Answer::typed(
        ctx.needs,
        &rows,
        COLUMNS,
        &rows,
        blocks,
        total > 0,
    ))
}

/// What CSV writes of each hit.
const COLUMNS: &[&str] = &[
    "rank", "kind", "id", "field", "match", "typos", "snippet", "sources",
];

/// A record found, best first.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchHit<'a> {
    pub rank: usize,
    /// The record's kind, as its TOML table is named.
    pub kind: &'a str,
    pub id: &'a str,
    /// The field that matched: `id`, `name`, `title`, `alias`, `summary`, `quote`...
    pub field: &'static str,
    /// exact-id, exact-name, exact-alias, name, alias, text or fields (the
    /// words in different fields of the record).
    #[serde(rename = "match")]
    pub matched: String,
    /// Letters typed differently from the data, over all words.
    pub typos: u32,
    /// The matching text, cut around the match when long.
    pub snippet: &'a str,
    /// With `--sources`: the ids of the sources the record cites.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<String>>,
}

/// The distinct source ids a record cites itself.
fn source_ids(kb: &Kb<'_>, id: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    if let Some(record) = kb.get(id) {
        for c in record.citations() {
            if !ids.iter().any(|i| *i == c.source) {
                ids.push(c.source.to_string());
            }
        }
    }
    ids
}
