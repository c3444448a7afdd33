//! `decisions`: what meetings decided, with filters.

use anyhow::Result;

use schemars::JsonSchema;
use serde::Serialize;

use crate::commands::{
    outcomes_of, publishers, serde_name, to_json, with_sources, Answer, Ctx, OutcomesKnown,
};
use crate::date::Date;
use crate::kb::Kb;
use crate::model::{Decision, DecisionKind, Record};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    /// Only decisions of this meeting: its id, or words of its name, place
    /// and year that name one meeting ("Bishkek 2025").
    #[arg(long, value_name = "ID")]
    pub summit: Option<String>,

    /// Only decisions of this kind.
    #[arg(long, value_enum, value_name = "K", ignore_case = true)]
    pub kind: Option<crate::model::DecisionKind>,

    #[command(flatten)]
    pub range: crate::args::RangeArg,

    /// Add a column naming the sources each record cites.
    #[arg(long)]
    pub sources: bool,
}

pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Answer> {
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
    let rows = decisions
        .iter()
        .map(|d| {
            vec![
                d.id.to_string(),
                serde_name(&d.kind),
                d.title.to_string(),
                d.meeting.to_string(),
                d.effective.map(|e| e.to_string()).unwrap_or_default(),
                serde_name(&d.confidence),
            ]
        })
        .collect();
    let mut table = Block::table(
        [
            ("id", Fixed),
            ("kind", Fixed),
            ("title", Text),
            ("meeting", Fixed),
            ("effective", Fixed),
            ("confidence", Fixed),
        ],
        rows,
    );
    if args.sources {
        let cites = decisions.iter().map(|r| publishers(kb, &r.citations));
        table = with_sources(table, cites.collect());
    }
    let rows: Vec<DecisionRow> = decisions.iter().map(|d| DecisionRow::of(kb, d)).collect();
    let mut answer = Answer::list(ctx.needs.but_json(), &rows, COLUMNS, "decisions", table);
    let listed = rows.len();
    let json = match meeting {
        Some(m) => DecisionsJson::OfMeeting {
            meeting: &m.id,
            outcomes: outcomes_of(kb, m),
            decisions: rows,
        },
        None => DecisionsJson::List(rows),
    };
    if ctx.needs.json {
        answer.view.json = to_json(&json);
    }
    if let Some(m) = meeting {
        answer.say_outcomes(kb, m, listed, "decisions");
    }
    Ok(answer)
}

/// What CSV writes of each decision.
const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "title",
    "organization",
    "meeting",
    "meeting_date",
    "effective",
    "concerns",
    "confidence=confirmed",
];

/// A decision as `decisions` lists it: the record as exported, with its
/// meeting's date and organisation.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DecisionRow<'a> {
    #[serde(flatten)]
    pub decision: &'a Decision,
    /// The day of the meeting that took it.
    pub meeting_date: Option<Date>,
    pub organization: Option<&'a str>,
}

impl<'a> DecisionRow<'a> {
    pub fn of(kb: &Kb<'a>, decision: &'a Decision) -> DecisionRow<'a> {
        DecisionRow {
            decision,
            meeting_date: kb.meeting(&decision.meeting).map(|m| m.date),
            organization: kb.org_of(Record::Decision(decision)),
        }
    }
}

/// The JSON of `decisions`: the list, or with `--summit` the list with what
/// is known of the meeting's outcomes.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DecisionsJson<'a> {
    List(Vec<DecisionRow<'a>>),
    OfMeeting {
        meeting: &'a str,
        outcomes: OutcomesKnown<'a>,
        decisions: Vec<DecisionRow<'a>>,
    },
}

/// `--kind appointment` lists reappointments and extensions too: each puts
/// someone in a post. Every other kind matches itself alone.
pub fn kind_matches(asked: DecisionKind, kind: DecisionKind) -> bool {
    asked == kind || (asked == DecisionKind::Appointment && kind.is_appointment())
}
