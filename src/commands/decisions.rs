//! `decisions`: what meetings decided, with filters.

use anyhow::Result;

use crate::cli::DecisionsArgs;
use crate::commands::{publishers, serde_name, with_sources, Answer};
use crate::kb::Kb;
use crate::model::{Decision, DecisionKind, Record};
use crate::output::Block;

pub fn run(kb: &Kb<'_>, args: &DecisionsArgs) -> Result<Answer> {
    let meeting = match &args.summit {
        Some(summit) => Some(kb.require_meeting(summit)?),
        None => None,
    };
    let org = kb.org_filter(args.org.as_deref())?;
    let mut decisions: Vec<&Decision> = kb
        .data()
        .decision
        .iter()
        .filter(|d| meeting.is_none_or(|m| d.meeting == m.id))
        .filter(|d| args.kind.is_none_or(|k| kind_matches(k, d.kind)))
        .filter(|d| kb.in_org(Record::Decision(d), org))
        .collect();
    let date_of = |d: &Decision| kb.meeting(&d.meeting).map(|m| m.date);
    decisions.sort_by(|a, b| date_of(a).cmp(&date_of(b)).then(a.id.cmp(&b.id)));
    let rows = decisions
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                serde_name(&d.kind),
                d.title.clone(),
                d.meeting.clone(),
                d.effective.map(|e| e.to_string()).unwrap_or_default(),
                serde_name(&d.confidence),
            ]
        })
        .collect();
    let mut table = Block::table(
        ["id", "kind", "title", "meeting", "effective", "confidence"],
        rows,
    );
    if args.sources {
        let cites = decisions.iter().map(|r| publishers(kb, &r.citations));
        table = with_sources(table, cites.collect());
    }
    Ok(match meeting {
        Some(m) => Answer::of_meeting(kb, m, &decisions, "decisions", table),
        None => Answer::list(&decisions, "decisions", table),
    })
}

/// `--kind appointment` lists reappointments and extensions too: each puts
/// someone in a post. Every other kind matches itself alone.
pub fn kind_matches(asked: DecisionKind, kind: DecisionKind) -> bool {
    asked == kind || (asked == DecisionKind::Appointment && kind.is_appointment())
}
