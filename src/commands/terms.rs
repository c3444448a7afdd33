//! `terms [POST]`: every term of office, oldest first.

use anyhow::Result;

use crate::cli::TermsArgs;
use crate::commands::{publishers, with_sources, Answer};
use crate::kb::{show_end, Kb};
use crate::model::{Record, Term};
use crate::output::Block;

pub fn run(kb: &Kb<'_>, args: &TermsArgs) -> Result<Answer> {
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
                show_end(t.end),
                if t.acting { "acting" } else { "" }.to_string(),
                t.id.clone(),
            ]
        })
        .collect();
    let mut table = Block::table(["post", "holder", "start", "end", "acting", "id"], rows);
    if args.sources {
        let cites = terms.iter().map(|r| publishers(kb, &r.citations));
        table = with_sources(table, cites.collect());
    }
    Ok(Answer::list(&terms, "terms", table))
}
