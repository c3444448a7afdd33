//! `terms [POST]`: every term of office, oldest first.

use anyhow::Result;
use schemars::JsonSchema;
use serde::Serialize;

use crate::commands::{publishers, with_sources, Answer, Ctx};
use crate::kb::{show_term_end, Kb};
use crate::model::{Record, Term};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    /// Only the terms of this post (id, name or alias).
    pub post: Option<String>,

    /// Add a column naming the sources each record cites.
    #[arg(long)]
    pub sources: bool,
}

pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Answer> {
    let kb = ctx.kb;
    let org = kb.org_filter(args.org.as_deref())?;
    let mut terms: Vec<&Term> = match &args.post {
        Some(post) => kb
            .resolve_posts(post, org)?
            .into_iter()
            .flat_map(|p| kb.terms_of(&p.id))
            .collect(),
        None => kb
            .data()
            .term
            .iter()
            .filter(|t| kb.in_org(Record::Term(t), org))
            .collect(),
    };
    terms.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
    let rows = terms
        .iter()
        .map(|t| {
            vec![
                kb.name_of(&t.post),
                kb.name_of(&t.person),
                t.start.to_string(),
                show_term_end(t),
                if t.acting { "acting" } else { "" }.to_string(),
                t.id.to_string(),
            ]
        })
        .collect();
    let mut table = Block::table(
        [
            ("post", Text),
            ("holder", Text),
            ("start", Fixed),
            ("end", Fixed),
            ("acting", Fixed),
            ("id", Fixed),
        ],
        rows,
    );
    if args.sources {
        let cites = terms.iter().map(|r| publishers(kb, &r.citations));
        table = with_sources(table, cites.collect());
    }
    let rows: Vec<TermRow> = terms.iter().map(|t| TermRow::of(kb, t)).collect();
    Ok(Answer::list(ctx.needs, &rows, COLUMNS, "terms", table))
}

/// What CSV writes of each term: ids beside names, the bounds as dates.
pub const COLUMNS: &[&str] = &[
    "id",
    "organization",
    "post",
    "post_name",
    "person",
    "person_name",
    "start",
    "end",
    "end_derived?",
    "acting?",
    "appointed_by",
    "end_cause",
];

/// A term as `terms` lists it: the record as exported, with the names of its
/// post and holder and its organisation.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TermRow<'a> {
    #[serde(flatten)]
    pub term: &'a Term,
    pub organization: Option<&'a str>,
    pub post_name: String,
    pub person_name: String,
}

impl<'a> TermRow<'a> {
    pub fn of(kb: &Kb<'a>, term: &'a Term) -> TermRow<'a> {
        TermRow {
            term,
            organization: kb.org_of(Record::Term(term)),
            post_name: kb.name_of(&term.post),
            person_name: kb.name_of(&term.person),
        }
    }
}
