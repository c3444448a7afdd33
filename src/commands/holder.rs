//! `holder POST --on DATE`: who held a post on a day.

use anyhow::Result;
use jiff::civil;
use serde_json::json;

use crate::cli::HolderArgs;
use crate::commands::evidence::{self, Period};
use crate::commands::{publishers, Answer};
use crate::date::Certainty;
use crate::kb::{show_end, Kb};
use crate::model::Term;
use crate::output::{Block, View};

pub fn run(kb: &Kb<'_>, args: &HolderArgs, today: civil::Date) -> Result<Answer> {
    let post = kb.resolve_post(&args.post)?;
    let day = args.on.unwrap_or(today);
    let matches = kb.holders_on(post, day);

    let mut blocks = Vec::new();
    if matches.is_empty() {
        blocks.push(Block::Text(format!(
            "No holder of the post {} ({}) is recorded on {day}.",
            post.name, post.id
        )));
    } else {
        blocks.push(Block::Heading(format!("{} on {day}", post.name)));
    }
    for m in &matches {
        let term = m.record;
        let mut holder = kb.name_of(&term.person);
        if term.acting {
            holder.push_str(" (acting)");
        }
        let certainty = match m.certainty {
            Certainty::Yes => "yes".to_string(),
            other => format!("{other}: the term's dates are too coarse to tell for this day"),
        };
        let appointed = term
            .appointed_by
            .as_deref()
            .map(|a| format!("{} ({a})", kb.name_of(a)))
            .or_else(|| term.appointment_note.clone())
            .unwrap_or_default();
        blocks.push(Block::fields([
            ("holder", holder),
            ("certainty", certainty),
            (
                "term",
                format!("{} to {} ({})", term.start, show_end(term.end), term.id),
            ),
            ("appointed by", appointed),
            ("sources", publishers(kb, &term.citations)),
        ]));
        if args.explain {
            blocks.extend(evidence::blocks(kb, &period(term), day, m.certainty));
        }
    }

    let found = matches.iter().any(|m| m.certainty == Certainty::Yes);
    let holders: Vec<_> = matches
        .iter()
        .map(|m| {
            let mut v = json!({
                "certainty": m.certainty,
                "term": m.record,
                "person": kb.get(&m.record.person).map(|r| r.to_json()),
            });
            if args.explain {
                v["explain"] = evidence::json(kb, &period(m.record), day, m.certainty);
            }
            v
        })
        .collect();
    let json = json!({ "post": post.id, "on": day.to_string(), "holders": holders });
    Ok(Answer {
        view: View { json, blocks },
        found,
        notice: None,
    })
}

fn period(term: &Term) -> Period<'_> {
    Period {
        kind: "term",
        id: &term.id,
        start: Some(term.start),
        end: term.end,
        start_unknown: None,
        citations: &term.citations,
    }
}
