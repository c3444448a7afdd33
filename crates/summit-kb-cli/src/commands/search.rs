//! `search TEXT`: every record whose names or text match, best first.

use crate::answer::search::{Search, SearchHit};
use crate::answer::serde_name;
use crate::commands::Ctx;
use crate::kb::Kb;
use crate::search_index::{fold, too_many_words, Options};
use anyhow::{bail, Result};

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

pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Search> {
    let kb = ctx.kb;
    let query = args.text.join(" ");
    if fold(&query).is_empty() {
        bail!("nothing to search for in '{query}': give a word of letters or digits");
    }
    if let Some(problem) = too_many_words(&query) {
        bail!("{problem}");
    }
    let org = kb.org_filter(args.org.as_deref())?;
    // For the embedded dataset, from the parts of the index its build made.
    let mut hits = kb.loaded.search_index().search(&query, Options::default());
    // With --org: its records, and those tied to no one organisation
    // (people, states, sources).
    if org.is_some() {
        hits.retain(|h| {
            kb.get(&h.id)
                .is_none_or(|r| kb.org_of(r).is_none() || kb.in_org(r, org))
        });
    }
    let total = hits.len();
    if args.limit != 0 {
        hits.truncate(args.limit);
    }
    let hits = hits
        .into_iter()
        .enumerate()
        .map(|(i, h)| SearchHit {
            rank: i + 1,
            sources: args.sources.then(|| source_ids(kb, &h.id)),
            kind: h.kind,
            id: h.id,
            field: h.field,
            matched: serde_name(&h.matched),
            typos: h.typos,
            snippet: h.snippet,
        })
        .collect();
    Ok(Search {
        hits,
        query,
        total,
        sources: args.sources,
    })
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
