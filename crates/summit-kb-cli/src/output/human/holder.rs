//! `holder`: each post's holders with their term and sources; with
//! `--explain`, why each matched.

use super::Human;
use crate::answer::evidence::Bounds;
use crate::answer::holder::{Holder, PostAnswer};
use crate::date::{Certainty, Date};
use crate::kb::{show_term_end, Kb};
use crate::output::words::{during, publishers, reason_during};
use crate::output::Block;

impl Human for Holder<'_> {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        // Posts of several organisations are each labelled with theirs.
        let labelled = self.answers.len() > 1;
        self.answers
            .iter()
            .flat_map(|answer| post_blocks(kb, answer, self.on, labelled))
            .collect()
    }
}

/// One post's holders during `on`, or a line saying none is recorded.
fn post_blocks(kb: &Kb<'_>, answer: &PostAnswer<'_>, on: Date, labelled: bool) -> Vec<Block> {
    let post = answer.record;
    let when = during(on);
    let title = if labelled {
        format!("{} ({})", post.name, kb.name_of(&post.organization))
    } else {
        post.name.to_string()
    };
    let mut blocks = Vec::new();
    if answer.holders.is_empty() {
        blocks.push(Block::Text(format!(
            "No holder of the post {title} ({}) is recorded {when}.",
            post.id
        )));
    } else {
        blocks.push(Block::Heading(format!("{title} {when}")));
    }
    for m in &answer.holders {
        let term = m.term;
        let mut holder = m.person_name.clone();
        if term.acting {
            holder.push_str(" (acting)");
        }
        let certainty = match m.certainty {
            Certainty::Yes => "yes".to_string(),
            _ => reason_during(&Bounds::of_term(term), on, m.certainty),
        };
        let appointed = term
            .appointed_by
            .as_deref()
            .map(|a| format!("{} ({a})", kb.name_of(a)))
            .or_else(|| term.appointment_note.as_ref().map(|n| n.to_string()))
            .unwrap_or_default();
        blocks.push(Block::fields([
            ("holder", holder),
            ("certainty", certainty),
            (
                "term",
                format!("{} to {} ({})", term.start, show_term_end(term), term.id),
            ),
            ("appointed by", appointed),
            ("sources", publishers(kb, &term.citations)),
        ]));
        if let Some(explain) = &m.explain {
            blocks.extend(explain.blocks(kb));
        }
    }
    blocks
}
