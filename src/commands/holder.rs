//! `holder POST --on DATE`: who held a post on a day.

use anyhow::Result;
use jiff::civil;
use serde_json::json;

use crate::cli::HolderArgs;
use crate::commands::evidence::{self, Period};
use crate::commands::{publishers, Answer};
use crate::date::Certainty;
use crate::kb::{show_end, Kb};
use crate::model::{Post, Term};
use crate::output::{Block, View};

/// Without `--org`, a post name that several organisations use ("Secretary
/// General") answers for each, labelled with its organisation; the JSON is
/// then `{ "on", "answers": [ { "post", "organization", "holders" } ] }`
/// instead of one `{ "post", "on", "holders" }`.
pub fn run(kb: &Kb<'_>, args: &HolderArgs, today: civil::Date) -> Result<Answer> {
    let org = kb.org_filter(args.org.as_deref())?;
    let posts = kb.resolve_posts(&args.post, org)?;
    let day = args.on.unwrap_or(today);
    let several = posts.len() > 1;
    let mut blocks = Vec::new();
    let mut answers = Vec::new();
    let mut found = false;
    for post in posts {
        let (post_blocks, holders, certain) = answer_for(kb, args, post, day, several);
        blocks.extend(post_blocks);
        found |= certain;
        answers.push(json!({
            "post": post.id,
            "organization": post.organization,
            "holders": holders,
        }));
    }
    let json = match answers.as_slice() {
        [one] => json!({ "post": one["post"], "on": day.to_string(), "holders": one["holders"] }),
        _ => json!({ "on": day.to_string(), "answers": answers }),
    };
    Ok(Answer {
        view: View { json, blocks },
        found,
        notice: None,
    })
}

/// The blocks and JSON holders of one post on `day`, and whether a holder is
/// certain.
fn answer_for(
    kb: &Kb<'_>,
    args: &HolderArgs,
    post: &Post,
    day: civil::Date,
    labelled: bool,
) -> (Vec<Block>, Vec<serde_json::Value>, bool) {
    let matches = kb.holders_on(post, day);
    let title = if labelled {
        format!("{} ({})", post.name, kb.name_of(&post.organization))
    } else {
        post.name.clone()
    };
    let mut blocks = Vec::new();
    if matches.is_empty() {
        blocks.push(Block::Text(format!(
            "No holder of the post {title} ({}) is recorded on {day}.",
            post.id
        )));
    } else {
        blocks.push(Block::Heading(format!("{title} on {day}")));
    }
    for m in &matches {
        let term = m.record;
        let mut holder = kb.name_of(&term.person);
        if term.acting {
            holder.push_str(" (acting)");
        }
        let certainty = match m.certainty {
            Certainty::Yes => "yes".to_string(),
            _ => evidence::reason(&period(term), day, m.certainty),
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
    let holders = matches
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
    (blocks, holders, found)
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
