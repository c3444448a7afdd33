//! `summits`: the meetings, oldest first.

use jiff::civil;

use anyhow::Result;

use crate::answer::summits::{MeetingRow, Summits};
use crate::commands::Ctx;
use crate::kb::Kb;
use crate::model::{Meeting, MeetingStatus, Record};

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
pub fn run<'k>(ctx: &Ctx<'k>, args: &Args) -> Result<Summits<'k>> {
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
    Ok(Summits {
        meetings: meetings.iter().map(|m| row(kb, m, today)).collect(),
        sources: args.sources,
    })
}

/// A meeting as `summits` lists it, with its status as of `today`.
pub fn row<'a>(kb: &Kb<'a>, meeting: &'a Meeting, today: civil::Date) -> MeetingRow<'a> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scheduled_meeting_whose_day_has_passed_is_not_called_held() {
        let loaded = crate::shipped();
        let kb = Kb::new(&loaded);
        let mut meeting = kb.meeting("csc-2026-moscow").unwrap().clone();
        meeting.status = MeetingStatus::Scheduled;
        let on = |day: &str| row(&kb, &meeting, day.parse().unwrap()).status_today;
        assert_eq!(on("2026-11-11"), "scheduled");
        assert_eq!(on("2026-11-12"), "scheduled-not-recorded-as-held");
    }

    #[test]
    fn a_meeting_planned_for_a_past_day_reads_the_same_on_any_day() {
        let loaded = crate::shipped();
        let kb = Kb::new(&loaded);
        let status = |id: &str, day: &str| {
            row(&kb, kb.meeting(id).unwrap(), day.parse().unwrap()).status_today
        };
        // The data says the day passed with no record of the meeting.
        for day in ["2026-11-10", "2026-12-07"] {
            assert_eq!(
                status("csc-2026-moscow", day),
                "planned-not-recorded-as-held"
            );
        }
        assert_eq!(status("csc-2025-bishkek", "2026-11-12"), "held");
    }
}
