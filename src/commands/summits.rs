//! `summits`: the meetings, oldest first.

use jiff::civil;

use crate::commands::{publishers, serde_name, with_sources, Answer, Ctx};
use crate::kb::Kb;
use anyhow::Result;

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Completeness, Meeting, MeetingStatus, Record};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    #[command(flatten)]
    pub range: crate::args::RangeArg,

    /// Add a column naming the sources each record cites.
    #[arg(long)]
    pub sources: bool,
}

/// `today` tells a scheduled meeting still to come from one whose date has
/// passed with no record of it being held.
pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Answer> {
    let (kb, today) = (ctx.kb, ctx.today());
    let org = kb.org_filter(args.org.as_deref())?;
    args.range.check()?;
    let mut meetings: Vec<&Meeting> = kb
        .data()
        .meeting
        .iter()
        .filter(|m| kb.in_org(Record::Meeting(m), org))
        .filter(|m| args.range.keeps(Some(m.date)))
        .collect();
    meetings.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    let rows: Vec<MeetingRow> = meetings
        .iter()
        .map(|m| MeetingRow::of(kb, m, today))
        .collect();
    let display = rows
        .iter()
        .map(|r| {
            let m = r.meeting;
            vec![
                m.id.to_string(),
                m.date.to_string(),
                r.organization.unwrap_or_default().to_string(),
                serde_name(&m.kind),
                m.place.as_deref().unwrap_or_default().to_string(),
                r.chair_state_name.clone().unwrap_or_default(),
                match r.status_today {
                    "scheduled-not-recorded-as-held" => "scheduled; not recorded as held",
                    "planned-not-recorded-as-held" => "planned; not recorded as held",
                    "not-held" => "not held",
                    other => other,
                }
                .to_string(),
                serde_name(&r.outcomes_recorded),
            ]
        })
        .collect();
    let mut table = Block::table(
        [
            ("id", Fixed),
            ("date", Fixed),
            ("org", Fixed),
            ("kind", Fixed),
            ("place", Text),
            ("chair", Text),
            ("status", Text),
            ("outcomes", Text),
        ],
        display,
    );
    if args.sources {
        let cites = meetings.iter().map(|m| publishers(kb, &m.citations));
        table = with_sources(table, cites.collect());
    }
    Ok(Answer::list(ctx.needs, &rows, COLUMNS, "meetings", table))
}

/// What CSV writes of each meeting.
const COLUMNS: &[&str] = &[
    "id",
    "name",
    "organization",
    "body",
    "date",
    "start_date",
    "end_date",
    "kind=regular",
    "kind_confidence=confirmed",
    "status_today",
    "place",
    "venue",
    "chair_state",
    "chair_state_name",
    "chair_person",
    "format",
    "outcomes_recorded",
    "confidence=confirmed",
];

/// A meeting as `summits` lists it: the record as exported, with its
/// organisation, the name of its chairing state, how completely its outcomes
/// are recorded, and its status as of today.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MeetingRow<'a> {
    #[serde(flatten)]
    pub meeting: &'a Meeting,
    pub organization: Option<&'a str>,
    pub chair_state_name: Option<String>,
    pub outcomes_recorded: Completeness,
    /// held, scheduled, scheduled-not-recorded-as-held (its date has passed
    /// with no record of it being held), planned-not-recorded-as-held (the
    /// data says its day passed with no source on whether it was held) or
    /// not-held.
    pub status_today: &'static str,
}

impl<'a> MeetingRow<'a> {
    pub fn of(kb: &Kb<'a>, meeting: &'a Meeting, today: civil::Date) -> MeetingRow<'a> {
        MeetingRow {
            meeting,
            organization: kb.organization_of(meeting),
            chair_state_name: meeting.chair_state.as_deref().map(|s| kb.name_of(s)),
            outcomes_recorded: meeting.completeness(),
            status_today: match meeting.status {
                MeetingStatus::Held => "held",
                MeetingStatus::Scheduled if meeting.date.last_day() < today => {
                    "scheduled-not-recorded-as-held"
                }
                MeetingStatus::Scheduled => "scheduled",
                MeetingStatus::NotHeld => "not-held",
                MeetingStatus::Unrecorded => "planned-not-recorded-as-held",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use crate::output::Block;

    fn status_of(id: &str, today: &str) -> String {
        let loaded = load::embedded().unwrap();
        let kb = Kb::new(&loaded);
        let args = Args {
            org: Default::default(),
            range: Default::default(),
            sources: false,
        };
        let ctx = Ctx::on(&kb, today.parse().unwrap());
        let answer = run(&ctx, &args).unwrap();
        let Block::Table { rows, .. } = &answer.view.blocks[0] else {
            panic!("summits answers with a table");
        };
        rows.iter().find(|r| r[0] == id).unwrap()[6].clone()
    }

    #[test]
    fn a_scheduled_meeting_whose_day_has_passed_is_not_called_held() {
        let loaded = load::embedded().unwrap();
        let kb = Kb::new(&loaded);
        let mut meeting = kb.meeting("csc-2026-moscow").unwrap().clone();
        meeting.status = MeetingStatus::Scheduled;
        let on = |day: &str| MeetingRow::of(&kb, &meeting, day.parse().unwrap()).status_today;
        assert_eq!(on("2026-11-11"), "scheduled");
        assert_eq!(on("2026-11-12"), "scheduled-not-recorded-as-held");
    }

    #[test]
    fn a_meeting_planned_for_a_past_day_reads_the_same_on_any_day() {
        // The data says the day passed with no record of the meeting.
        assert_eq!(
            status_of("csc-2026-moscow", "2026-11-10"),
            "planned; not recorded as held"
        );
        assert_eq!(
            status_of("csc-2026-moscow", "2026-12-07"),
            "planned; not recorded as held"
        );
        assert_eq!(status_of("csc-2025-bishkek", "2026-11-12"), "held");
    }
}
