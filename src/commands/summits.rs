//! `summits`: the meetings, oldest first.

use jiff::civil;

use crate::cli::SummitsArgs;
use crate::commands::{publishers, serde_name, with_sources, Answer};
use crate::kb::Kb;
use anyhow::Result;

use crate::model::{Meeting, MeetingStatus, Record};
use crate::output::Block;

/// `today` tells a scheduled meeting still to come from one whose date has
/// passed with no record of it being held.
pub fn run(kb: &Kb<'_>, args: &SummitsArgs, today: civil::Date) -> Result<Answer> {
    let org = kb.org_filter(args.org.as_deref())?;
    let mut meetings: Vec<&Meeting> = kb
        .data()
        .meeting
        .iter()
        .filter(|m| kb.in_org(Record::Meeting(m), org))
        .collect();
    meetings.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    let rows = meetings
        .iter()
        .map(|m| {
            vec![
                m.id.clone(),
                m.date.to_string(),
                kb.organization_of(m).unwrap_or_default().to_string(),
                serde_name(&m.kind),
                m.place.clone().unwrap_or_default(),
                m.chair_state
                    .as_deref()
                    .map(|s| kb.name_of(s))
                    .unwrap_or_default(),
                match m.status {
                    MeetingStatus::Held => "held",
                    MeetingStatus::Scheduled if m.date.last_day() < today => {
                        "scheduled; not recorded as held"
                    }
                    MeetingStatus::Scheduled => "scheduled",
                    MeetingStatus::NotHeld => "not held",
                }
                .to_string(),
                serde_name(&m.completeness()),
            ]
        })
        .collect();
    let mut table = Block::table(
        [
            "id", "date", "org", "kind", "place", "chair", "status", "outcomes",
        ],
        rows,
    );
    if args.sources {
        let cites = meetings.iter().map(|m| publishers(kb, &m.citations));
        table = with_sources(table, cites.collect());
    }
    Ok(Answer::list(&meetings, "meetings", table))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use crate::output::Block;

    fn status_of(id: &str, today: &str) -> String {
        let loaded = load::embedded().unwrap();
        let kb = Kb::new(&loaded);
        let args = SummitsArgs {
            org: None,
            sources: false,
        };
        let answer = run(&kb, &args, today.parse().unwrap()).unwrap();
        let Block::Table { rows, .. } = &answer.view.blocks[0] else {
            panic!("summits answers with a table");
        };
        rows.iter().find(|r| r[0] == id).unwrap()[6].clone()
    }

    #[test]
    fn a_scheduled_meeting_whose_day_has_passed_is_not_called_held() {
        assert_eq!(status_of("csc-2026-moscow", "2026-11-11"), "scheduled");
        assert_eq!(
            status_of("csc-2026-moscow", "2026-11-12"),
            "scheduled; not recorded as held"
        );
        assert_eq!(status_of("csc-2025-bishkek", "2026-11-12"), "held");
    }
}
