//! What `docs` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Answer, OutcomesKnown};
use crate::date::Date;
use crate::model::Document;

/// The answer to `docs`: its JSON, and how it is shown.
#[derive(Debug)]
pub struct Docs<'a> {
    pub json: DocsJson<'a>,
    /// `--sources`: a column naming the sources each document cites.
    pub sources: bool,
}

crate::json_is!(Docs<'_>, json: DocsJson<'static>);

/// The JSON of `docs`: the list; with `--summit`, the list with what is known
/// of the meeting's outcomes; with `--in-force-on`, the documents in force and
/// the ids of those possibly in force.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DocsJson<'a> {
    List(Vec<DocRow<'a>>),
    OfMeeting {
        meeting: &'a str,
        outcomes: OutcomesKnown<'a>,
        documents: Vec<DocRow<'a>>,
    },
    InForce {
        in_force: Vec<DocRow<'a>>,
        possibly_in_force: Vec<&'a str>,
    },
}

/// A document as `docs` lists it: the record as exported, with the day it
/// was adopted (its own date, else its meeting's) and its organisation.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DocRow<'a> {
    #[serde(flatten)]
    pub document: &'a Document,
    /// The day it was adopted: `adopted`, else its meeting's date.
    pub adopted_on: Option<Date>,
    /// The organisation whose meeting adopted it.
    pub organization: Option<&'a str>,
}

impl<'a> Docs<'a> {
    /// The documents listed (in force, with `--in-force-on`).
    pub fn documents(&self) -> &[DocRow<'a>] {
        match &self.json {
            DocsJson::List(rows)
            | DocsJson::OfMeeting {
                documents: rows, ..
            }
            | DocsJson::InForce { in_force: rows, .. } => rows,
        }
    }
}

impl Answer for Docs<'_> {
    type Row<'r>
        = &'r DocRow<'r>
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        COLUMNS
    }

    fn rows(&self) -> Vec<&DocRow<'_>> {
        self.documents().iter().collect()
    }

    fn found(&self) -> bool {
        !self.documents().is_empty()
    }
}

/// What CSV writes of each document.
const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "title",
    "organization",
    "adopted_at",
    "adopted_on",
    "in_force",
    "valid_from",
    "valid_to",
    "amends",
    "topics",
    "confidence=confirmed",
];
