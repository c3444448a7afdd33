//! `summits`: the meetings, oldest first.

use crate::commands::Answer;
use crate::kb::Kb;
use crate::model::{Meeting, MeetingStatus};
use crate::output::Block;

pub fn run(kb: &Kb<'_>) -> Answer {
    let mut meetings: Vec<&Meeting> = kb.data().meeting.iter().collect();
    meetings.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    let rows = meetings
        .iter()
        .map(|m| {
            vec![
                m.id.clone(),
                m.date.to_string(),
                m.place.clone().unwrap_or_default(),
                kb.name_of(&m.body),
                m.chair_state
                    .as_deref()
                    .map(|s| kb.name_of(s))
                    .unwrap_or_default(),
                match m.status {
                    MeetingStatus::Held => "held",
                    MeetingStatus::Scheduled => "scheduled",
                }
                .to_string(),
            ]
        })
        .collect();
    let table = Block::table(["id", "date", "place", "body", "chair", "status"], rows);
    Answer::list(&meetings, "meetings", table)
}
