//! `chair --on DATE`: the chairing state on a day, its slogan and priorities.

use jiff::civil;
use serde_json::json;

use crate::cli::ChairArgs;
use crate::commands::evidence::{self, Period};
use crate::commands::{publishers, Answer};
use crate::date::Certainty;
use crate::kb::{chair_period, Kb};
use crate::model::Chairmanship;
use crate::output::{Block, View};

pub fn run(kb: &Kb<'_>, args: &ChairArgs, today: civil::Date) -> Answer {
    let day = args.on.unwrap_or(today);
    let matches = kb.chairs_on(day);
    let mut blocks = Vec::new();
    if matches.is_empty() {
        blocks.push(Block::Text(format!(
            "No chairmanship is recorded on {day}."
        )));
    }
    for m in &matches {
        let c = m.record;
        blocks.push(Block::Heading(format!(
            "Chair of {} on {day}",
            kb.name_of(&c.organization)
        )));
        let certainty = match m.certainty {
            Certainty::Yes => "yes".to_string(),
            other => format!("{other}: the handover dates of this chairmanship are not recorded"),
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
        blocks.push(Block::fields([
            ("state", kb.name_of(&c.state)),
            ("certainty", certainty),
            ("period", chair_period(c)),
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
            ("note", c.note.clone().unwrap_or_default()),
            ("sources", publishers(kb, &c.citations)),
            ("id", c.id.clone()),
        ]));
        if args.explain {
            blocks.extend(evidence::blocks(kb, &period(c), day, m.certainty));
        }
    }
    let found = matches.iter().any(|m| m.certainty == Certainty::Yes);
    let chairs: Vec<_> = matches
        .iter()
        .map(|m| {
            let mut v = json!({ "certainty": m.certainty, "chairmanship": m.record });
            if args.explain {
                v["explain"] = evidence::json(kb, &period(m.record), day, m.certainty);
            }
            v
        })
        .collect();
    Answer {
        view: View {
            json: json!({ "on": day.to_string(), "chairs": chairs }),
            blocks,
        },
        found,
        notice: None,
    }
}

fn period(chair: &Chairmanship) -> Period<'_> {
    Period {
        kind: "chairmanship",
        id: &chair.id,
        start: chair.start,
        end: chair.end,
        start_unknown: chair
            .start
            .is_none()
            .then(|| "the start of this chairmanship".to_string()),
        citations: &chair.citations,
    }
}
