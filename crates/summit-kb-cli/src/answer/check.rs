//! What `check` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::Answer;
use crate::validate::Finding;

/// The JSON of `check`: the counts, and every finding in order.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Check<'a> {
    /// How many records were checked.
    pub records: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub findings: &'a [Finding],
}

impl Answer for Check<'_> {
    type Row<'r>
        = &'r Finding
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        &["file", "line", "column", "severity", "record", "message"]
    }

    fn rows(&self) -> Vec<&Finding> {
        self.findings.iter().collect()
    }

    /// Clean, or with notes only.
    fn found(&self) -> bool {
        self.errors == 0 && self.warnings == 0
    }
}
