//! `show ID`: one record, every citation in it with its source, the claims
//! about it, and the records that refer to it.

use anyhow::Result;
use serde_json::Value;

use crate::answer::show::{CitedBy, ReferredBy, Show, ShowJson};
use crate::commands::Ctx;
use crate::model::{Claim, Record};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The record's id, or a name or alias that names one record: a
    /// person's surname ("masadykov"), a meeting's place and year ("Bishkek
    /// 2025"); case, accents and script do not matter. An id always wins; a
    /// name that several records share lists them (exit status 2).
    pub id: String,
}

pub fn run<'k>(ctx: &Ctx<'k>, args: &Args) -> Result<Show<'k>> {
    let kb = ctx.kb;
    let record = kb.resolve_record(&args.id)?;
    let id = record.id();
    let cited = record.all_citations();
    let claims: Vec<&Claim> = kb.data().claim.iter().filter(|c| c.subject == id).collect();
    let referred_to_by: Vec<ReferredBy> = kb
        .data()
        .records()
        .flat_map(|r| {
            r.references()
                .into_iter()
                .filter(|(_, target, _)| *target == id)
                .map(move |(field, _, _)| ReferredBy {
                    kind: r.kind().name(),
                    id: r.id(),
                    field,
                    record: r,
                })
        })
        .collect();
    // A claim: every claim on the same question.
    let variants: Vec<&Claim> = match record {
        Record::Claim(claim) => kb
            .data()
            .claim
            .iter()
            .filter(|c| c.subject == claim.subject && c.property == claim.property)
            .collect(),
        _ => Vec::new(),
    };
    // A source: every record that cites it, where, and in which words.
    let cited_by = match record {
        Record::Source(_) => crate::commands::sources::citing(kb, id),
        _ => Vec::new(),
    };
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
    let json = ShowJson {
        kind: record.kind().name(),
        record: record.to_json(),
        sources,
        claims,
        variants,
        cited_by: cited_by
            .into_iter()
            .map(|(r, path, quote)| CitedBy {
                kind: r.kind().name(),
                id: r.id(),
                r#where: path,
                quote,
            })
            .collect(),
        referred_to_by,
    };
    Ok(Show {
        json,
        record,
        cited,
    })
}
