//! What `decisions` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Answer, OutcomesKnown};
use crate::date::Date;
use crate::model::Decision;

/// The answer to `decisions`: its JSON, and how it is shown.
#[derive(Debug)]
pub struct Decisions<'a> {
    pub json: DecisionsJson<'a>,
    /// `--sources`: a column naming the sources each decision cites.
    pub sources: bool,
}

crate::json_is!(Decisions<'_>, json: DecisionsJson<'static>);

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

impl<'a> Decisions<'a> {
    /// The decisions listed.
    pub fn decisions(&self) -> &[DecisionRow<'a>] {
        match &self.json {
            DecisionsJson::List(rows)
            | DecisionsJson::OfMeeting {
                decisions: rows, ..
            } => rows,
        }
    }
}

impl Answer for Decisions<'_> {
    type Row<'r>
        = &'r DecisionRow<'r>
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        &[
            "id",
            "kind",
            "title",
            "organization",
            "meeting",
            "meeting_date",
            "effective",
            "concerns",
            "confidence=confirmed",
        ]
    }

    fn rows(&self) -> Vec<&DecisionRow<'_>> {
        self.decisions().iter().collect()
    }

    fn found(&self) -> bool {
        !self.decisions().is_empty()
    }
}
