//! What `terms` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::Answer;
use crate::model::Term;

/// The answer to `terms`: every term of office asked for, oldest first.
#[derive(Debug)]
pub struct Terms<'a> {
    pub terms: Vec<TermRow<'a>>,
    /// `--sources`: a column naming the sources each term cites.
    pub sources: bool,
}

crate::json_is!(Terms<'_>, terms: Vec<TermRow<'static>>);

/// A term as `terms` lists it: the record as exported, with the names of its
/// post and holder and its organisation.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TermRow<'a> {
    #[serde(flatten)]
    pub term: &'a Term,
    pub organization: Option<&'a str>,
    pub post_name: String,
    pub person_name: String,
}

/// What CSV writes of each term: ids beside names, the bounds as dates.
const COLUMNS: &[&str] = &[
    "id",
    "organization",
    "post",
    "post_name",
    "person",
    "person_name",
    "start",
    "end",
    "end_derived?",
    "acting?",
    "appointed_by",
    "end_cause",
];

impl Answer for Terms<'_> {
    type Row<'r>
        = &'r TermRow<'r>
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        COLUMNS
    }

    fn rows(&self) -> Vec<&TermRow<'_>> {
        self.terms.iter().collect()
    }

    fn found(&self) -> bool {
        !self.terms.is_empty()
    }
}
