//! What `sources` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::Answer;
use crate::model::Source;

/// The answer to `sources`: the source register, with how each is cited.
#[derive(Debug)]
pub struct Sources<'a> {
    pub sources: Vec<SourceRow<'a>>,
}

crate::json_is!(Sources<'_>, sources: Vec<SourceRow<'static>>);

/// A source as `sources` lists it: the record as exported, with how it is
/// cited.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceRow<'a> {
    #[serde(flatten)]
    pub source: &'a Source,
    /// How many records cite it.
    pub cited_by: usize,
    /// How many citations name it.
    pub citations: usize,
    /// How many of those quote it.
    pub quoted: usize,
}

impl Answer for Sources<'_> {
    type Row<'r>
        = &'r SourceRow<'r>
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        &[
            "id",
            "kind",
            "publisher",
            "title",
            "url",
            "published",
            "language",
            "cited_by",
            "citations",
            "quoted",
        ]
    }

    fn rows(&self) -> Vec<&SourceRow<'_>> {
        self.sources.iter().collect()
    }

    fn found(&self) -> bool {
        !self.sources.is_empty()
    }
}
