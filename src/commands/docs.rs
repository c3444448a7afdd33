//! `docs`: adopted documents, with filters.

use anyhow::Result;

use crate::cli::DocsArgs;
use crate::commands::{period, publishers, serde_name, with_sources, Answer};
use crate::date::{covers, Certainty, Date};
use crate::kb::{fold, Kb};
use crate::model::Document;
use crate::output::Block;

/// The day a document was adopted: its own date, else its meeting's.
pub fn adopted(kb: &Kb<'_>, doc: &Document) -> Option<Date> {
    doc.adopted.or_else(|| {
        let id = doc.adopted_at.as_deref()?;
        kb.meeting(id).map(|m| m.date)
    })
}

pub fn run(kb: &Kb<'_>, args: &DocsArgs) -> Result<Answer> {
    if let Some(summit) = &args.summit {
        kb.require_kind(summit, "meeting")?;
    }
    let topic = args.topic.as_deref().map(fold);
    let mut docs: Vec<&Document> = kb
        .data()
        .document
        .iter()
        .filter(|d| args.summit.is_none() || d.adopted_at == args.summit)
        .filter(|d| args.kind.is_none_or(|k| d.kind == k))
        .filter(|d| {
            topic
                .as_ref()
                .is_none_or(|t| d.topics.iter().any(|dt| fold(dt).contains(t.as_str())))
        })
        .collect();
    // Documents the day may fall in: listed apart, never as in force.
    let mut possibly: Vec<&str> = Vec::new();
    if let Some(day) = args.in_force_on {
        docs.retain(|d| match covers(d.valid_from, d.valid_to, day) {
            Certainty::Yes => true,
            // A period open at one end; one not recorded at all is left out.
            Certainty::Possibly if d.valid_from.is_some() || d.valid_to.is_some() => {
                possibly.push(&d.id);
                false
            }
            Certainty::Possibly => false,
            Certainty::No => false,
        });
    }
    docs.sort_by(|a, b| adopted(kb, a).cmp(&adopted(kb, b)).then(a.id.cmp(&b.id)));
    let rows = docs
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                serde_name(&d.kind),
                d.title.clone(),
                adopted(kb, d).map(|a| a.to_string()).unwrap_or_default(),
                period(d.valid_from, d.valid_to),
            ]
        })
        .collect();
    let mut table = Block::table(["id", "kind", "title", "adopted", "valid"], rows);
    if args.sources {
        let cites = docs.iter().map(|r| publishers(kb, &r.citations));
        table = with_sources(table, cites.collect());
    }
    let mut answer = Answer::list(&docs, "documents", table);
    possibly.sort_unstable();
    if args.in_force_on.is_some() {
        // A question about a day: the JSON answers it whole, the documents
        // in force and the ids of those only possibly in force.
        answer.view.json = serde_json::json!({
            "in_force": answer.view.json,
            "possibly_in_force": possibly,
        });
    }
    if !possibly.is_empty() {
        answer.view.blocks.push(Block::Text(format!(
            "Possibly in force (validity period open at one end): {}.",
            possibly.join(", ")
        )));
    }
    Ok(answer)
}
