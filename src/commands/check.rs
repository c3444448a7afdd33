//! `check [PATH]`: every finding about a dataset.

use schemars::JsonSchema;
use serde::Serialize;

use crate::commands::{Answer, Needs};
use crate::output::Block;
use crate::validate::{Finding, Severity};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset to check (a directory or a file); default: --data, or the
    /// embedded dataset.
    pub path: Option<std::path::PathBuf>,
}

pub fn run(findings: &[Finding], records: usize) -> Answer {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let mut blocks: Vec<Block> = findings
        .iter()
        .map(|f| Block::Text(f.to_string()))
        .collect();
    blocks.push(Block::Text(format!(
        "{records} records checked: {errors} errors, {warnings} warnings, {notes} notes"
    )));
    let json = CheckJson {
        records,
        errors,
        warnings,
        notes,
        findings,
    };
    Answer::typed(
        Needs::ALL,
        &json,
        COLUMNS,
        findings,
        blocks,
        errors == 0 && warnings == 0,
    )
}

/// What CSV writes of each finding.
const COLUMNS: &[&str] = &["file", "line", "column", "severity", "record", "message"];

/// The JSON of `check`: the counts, and every finding in order.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CheckJson<'a> {
    /// How many records were checked.
    pub records: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub findings: &'a [Finding],
}
