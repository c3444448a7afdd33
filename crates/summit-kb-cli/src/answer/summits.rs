//! What `summits` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::Answer;
use crate::model::{Completeness, Meeting};

/// The answer to `summits`: the meetings, oldest first.
#[derive(Debug)]
pub struct Summits<'a> {
    pub meetings: Vec<MeetingRow<'a>>,
    /// `--sources`: a column naming the sources each meeting cites.
    pub sources: bool,
}

crate::json_is!(Summits<'_>, meetings: Vec<MeetingRow<'static>>);

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

impl Answer for Summits<'_> {
    type Row<'r>
        = &'r MeetingRow<'r>
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        &[
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
        ]
    }

    fn rows(&self) -> Vec<&MeetingRow<'_>> {
        self.meetings.iter().collect()
    }

    fn found(&self) -> bool {
        !self.meetings.is_empty()
    }
}
