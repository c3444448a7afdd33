//! `chair`: each organisation's chairing state, its slogan and priorities,
//! and what the data cannot tell; with `--explain`, why.

use super::Human;
use crate::answer::chair::{Chair, ChairMatch};
use crate::answer::evidence::Bounds;
use crate::date::{Certainty, Date};
use crate::kb::{chair_period, Kb};
use crate::output::words::{during, publishers, reason_during};
use crate::output::Block;

impl Human for Chair<'_> {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        let on = self.on;
        let when = during(on);
        let mut blocks = Vec::new();
        if self.organizations.is_empty() {
            blocks.push(Block::Text(format!("No chairmanship is recorded {when}.")));
        }
        for o in &self.organizations {
            blocks.push(Block::Heading(format!("Chair of {} {when}", o.name)));
            let here: Vec<&ChairMatch> = self
                .json
                .chairs
                .iter()
                .filter(|m| m.organization == o.id)
                .collect();
            if here.is_empty() {
                blocks.push(Block::Text(format!(
                    "No chairmanship of {} is recorded {when}.",
                    o.name
                )));
            }
            let certain = here.iter().any(|m| m.certainty == Certainty::Yes);
            if here.len() > 1 && (on.as_day().is_some() || !certain) {
                let states: Vec<&str> = here.iter().map(|m| m.state_name.as_str()).collect();
                let which = if on.as_day().is_some() {
                    "which state chaired"
                } else {
                    "which states chaired"
                };
                blocks.push(Block::Text(format!(
                    "The data cannot tell {which} {when}: possibly {}.",
                    states.join(" or ")
                )));
            }
            for m in here {
                blocks.extend(chair_blocks(kb, on, m));
            }
        }
        blocks
    }
}

/// A chairmanship's fields, and with `--explain` why it matched.
fn chair_blocks(kb: &Kb<'_>, on: Date, m: &ChairMatch<'_>) -> Vec<Block> {
    let c = m.chairmanship;
    let certainty = match m.certainty {
        Certainty::Yes => "yes".to_string(),
        _ => reason_during(&Bounds::of_chairmanship(c), on, m.certainty),
    };
    let (slogan, renderings) = match &c.slogan {
        Some(s) => (
            format!("{} ({})", s.text, s.lang),
            s.renderings
                .iter()
                .map(|r| format!("{} ({})", r.text, publishers(kb, &r.citations)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        None => (String::new(), String::new()),
    };
    let priorities = c
        .priorities
        .iter()
        .map(|p| format!("• {} ({})", p.text, publishers(kb, &p.citations)))
        .collect::<Vec<_>>()
        .join("\n");
    let mut blocks = vec![Block::fields([
        ("state", m.state_name.clone()),
        ("certainty", certainty),
        ("period", chair_period(c)),
        ("label", c.label.as_deref().unwrap_or_default().to_string()),
        (
            "temporary",
            if c.temporary {
                "yes".to_string()
            } else {
                String::new()
            },
        ),
        (
            "handed over at",
            c.handed_over_at
                .as_deref()
                .map(|m| format!("{} ({m})", kb.name_of(m)))
                .unwrap_or_default(),
        ),
        (
            "decided at",
            c.decided_at
                .as_deref()
                .map(|m| format!("{} ({m})", kb.name_of(m)))
                .unwrap_or_default(),
        ),
        (
            "head of state",
            c.head_of_state
                .as_deref()
                .map(|p| kb.name_of(p))
                .unwrap_or_default(),
        ),
        ("slogan", slogan),
        ("renderings", renderings),
        ("priorities", priorities),
        ("note", c.note.as_deref().unwrap_or_default().to_string()),
        ("sources", publishers(kb, &c.citations)),
        ("id", c.id.to_string()),
    ])];
    if let Some(explain) = &m.explain {
        blocks.extend(explain.blocks(kb));
    }
    blocks
}
