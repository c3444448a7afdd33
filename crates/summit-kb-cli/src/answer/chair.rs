//! What `chair` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::evidence::Explain;
use super::Answer;
use crate::date::{Certainty, Date};
use crate::model::{Chairmanship, Organization};

/// The answer to `chair`: its JSON, and how it is shown.
#[derive(Debug)]
pub struct Chair<'a> {
    pub json: ChairJson<'a>,
    /// The day, month or year asked about.
    pub on: Date,
    /// Every organisation asked about: the one named, or each that has a
    /// chairmanship recorded at all.
    pub organizations: Vec<&'a Organization>,
}

crate::json_is!(Chair<'_>, json: ChairJson<'static>);

/// The JSON of `chair`: the day, and every chairmanship that certainly or
/// possibly held it, of each organisation.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChairJson<'a> {
    pub on: String,
    pub chairs: Vec<ChairMatch<'a>>,
}

/// A chairmanship that matched the day, how sure the data is, and (with
/// `--explain`) why.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChairMatch<'a> {
    pub certainty: Certainty,
    pub organization: &'a str,
    /// The chairmanship's id.
    pub id: &'a str,
    pub state: &'a str,
    pub state_name: String,
    pub label: Option<&'a str>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub temporary: bool,
    pub head_of_state: Option<&'a str>,
    /// The slogan in its official language.
    pub slogan: Option<&'a str>,
    /// The record as exported.
    pub chairmanship: &'a Chairmanship,
    // The schema of `explain` is left open (any JSON), as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub explain: Option<Explain<'a>>,
}

impl Answer for Chair<'_> {
    type Row<'r>
        = &'r ChairMatch<'r>
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        COLUMNS
    }

    fn rows(&self) -> Vec<&ChairMatch<'_>> {
        self.json.chairs.iter().collect()
    }

    /// A chairmanship certainly held the day.
    fn found(&self) -> bool {
        self.json
            .chairs
            .iter()
            .any(|m| m.certainty == Certainty::Yes)
    }
}

/// What CSV writes of each chairmanship that matched.
const COLUMNS: &[&str] = &[
    "organization",
    "id",
    "state",
    "state_name",
    "certainty",
    "label",
    "start",
    "end",
    "temporary?",
    "head_of_state",
    "slogan",
];
