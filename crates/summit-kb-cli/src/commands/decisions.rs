//! `decisions`: what meetings decided, with filters.

use anyhow::Result;

use crate::answer::decisions::{DecisionRow, Decisions, DecisionsJson};
use crate::answer::OutcomesKnown;
use crate::commands::Ctx;
use crate::kb::Kb;
use crate::model::{Decision, DecisionKind, Record};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    /// Only decisions of this meeting: its id, or words of its name, place
    /// and year that name one meeting ("Bishkek 2025").
    #[arg(long, value_name = "ID")]
    pub summit: Option<String>,

    /// Only decisions of this kind.
    #[arg(long, value_name = "K", ignore_case = true, value_parser = crate::value_enum::parser::<crate::model::DecisionKind>())]
    pub kind: Option<crate::model::DecisionKind>,

    #[command(flatten)]
    pub range: crate::args::RangeArg,

    /// Add a column naming the sources each record cites.
    #[arg(long)]
    pub sources: bool,
}

pub fn run<'k>(ctx: &Ctx<'k>, args: &Args) -> Result<Decisions<'k>> {
    let kb = ctx.kb;
    let meeting = match &args.summit {
        Some(summit) => Some(kb.require_meeting(summit)?),
        None => None,
    };
    let org = kb.org_filter(args.org.as_deref())?;
    args.range.check()?;
    let date_of = |d: &Decision| kb.meeting(&d.meeting).map(|m| m.date);
    let mut decisions: Vec<&Decision> = kb
        .data()
        .decision
        .iter()
        .filter(|d| meeting.is_none_or(|m| d.meeting == m.id))
        .filter(|d| args.kind.is_none_or(|k| kind_matches(k, d.kind)))
        .filter(|d| kb.in_org(Record::Decision(d), org))
        .filter(|d| args.range.keeps(date_of(d)))
        .collect();
    decisions.sort_by(|a, b| date_of(a).cmp(&date_of(b)).then(a.id.cmp(&b.id)));
    let rows: Vec<DecisionRow> = decisions.iter().map(|d| row(kb, d)).collect();
    let json = match meeting {
        Some(m) => DecisionsJson::OfMeeting {
            meeting: &m.id,
            outcomes: OutcomesKnown::of(kb, m),
            decisions: rows,
        },
        None => DecisionsJson::List(rows),
    };
    Ok(Decisions {
        json,
        sources: args.sources,
    })
}

/// A decision as `decisions` lists it: the record as exported, with its
/// meeting's date and organisation.
pub fn row<'a>(kb: &Kb<'a>, decision: &'a Decision) -> DecisionRow<'a> {
    DecisionRow {
        decision,
        meeting_date: kb.meeting(&decision.meeting).map(|m| m.date),
        organization: kb.org_of(Record::Decision(decision)),
    }
}

/// `--kind appointment` lists reappointments and extensions too: each puts
/// someone in a post. Every other kind matches itself alone.
pub fn kind_matches(asked: DecisionKind, kind: DecisionKind) -> bool {
    asked == kind || (asked == DecisionKind::Appointment && kind.is_appointment())
}
