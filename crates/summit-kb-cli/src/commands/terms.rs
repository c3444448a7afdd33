//! `terms [POST]`: every term of office, oldest first.

use anyhow::Result;

use crate::answer::terms::{TermRow, Terms};
use crate::commands::Ctx;
use crate::kb::Kb;
use crate::model::{Record, Term};

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

pub fn run<'k>(ctx: &Ctx<'k>, args: &Args) -> Result<Terms<'k>> {
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
    Ok(Terms {
        terms: terms.iter().map(|t| row(kb, t)).collect(),
        sources: args.sources,
    })
}

/// A term as `terms` lists it, with the names of its post and holder.
pub fn row<'a>(kb: &Kb<'a>, term: &'a Term) -> TermRow<'a> {
    TermRow {
        term,
        organization: kb.org_of(Record::Term(term)),
        post_name: kb.name_of(&term.post),
        person_name: kb.name_of(&term.person),
    }
}
