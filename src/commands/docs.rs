//! `docs`: adopted documents, with filters.

use anyhow::Result;

use crate::cli::DocsArgs;
use crate::commands::{period, publishers, serde_name, with_sources, Answer};
use crate::date::{Certainty, Date, Interval};
use crate::kb::{fold, Kb};
use crate::model::{Document, Record};
use crate::output::Block;

/// The day a document was adopted: its own date, else its meeting's.
pub fn adopted(kb: &Kb<'_>, doc: &Document) -> Option<Date> {
    doc.adopted.or_else(|| {
        let id = doc.adopted_at.as_deref()?;
        kb.meeting(id).map(|m| m.date)
    })
}

/// The days a document is in force: from its entry into force (or the start
/// of its validity period) to the end of that period. An end not recorded
/// makes every later day "possibly".
pub fn in_force(doc: &Document) -> Interval {
    let mut interval = Interval::whole_units(doc.valid_from, doc.valid_to);
    if let Some(date) = doc.in_force {
        interval.start = Interval::at(date).start;
    }
    interval
}

pub fn run(kb: &Kb<'_>, args: &DocsArgs) -> Result<Answer> {
    let meeting = match &args.summit {
        Some(summit) => Some(kb.require_meeting(summit)?),
        None => None,
    };
    let org = kb.org_filter(args.org.as_deref())?;
    let topic = args.topic.as_deref().map(fold);
    let mut docs: Vec<&Document> = kb
        .data()
        .document
        .iter()
        .filter(|d| meeting.is_none_or(|m| d.adopted_at.as_deref() == Some(m.id.as_str())))
        .filter(|d| args.kind.is_none_or(|k| d.kind == k))
        .filter(|d| kb.in_org(Record::Document(d), org))
        .filter(|d| {
            topic
                .as_ref()
                .is_none_or(|t| d.topics.iter().any(|dt| fold(dt).contains(t.as_str())))
        })
        .collect();
    // Documents the day may fall in: listed apart, never as in force.
    let mut possibly: Vec<&str> = Vec::new();
    if let Some(day) = args.in_force_on {
        docs.retain(|d| match in_force(d).contains(day) {
            Certainty::Yes => true,
            // A period open at one end; one not recorded at all is left out.
            Certainty::Possibly
                if d.valid_from.is_some() || d.valid_to.is_some() || d.in_force.is_some() =>
            {
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
    let mut answer = match meeting {
        Some(m) if args.in_force_on.is_none() => {
            Answer::of_meeting(kb, m, &docs, "documents", table)
        }
        _ => Answer::list(&docs, "documents", table),
    };
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
            "Possibly in force (in force or valid from a date, with no recorded end): {}.",
            possibly.join(", ")
        )));
    }
    Ok(answer)
}
