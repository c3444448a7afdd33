//! `check [PATH]`: every finding about a dataset.

use serde_json::json;

use crate::check::{Finding, Severity};
use crate::commands::Answer;
use crate::output::{Block, View};

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
    Answer {
        view: View {
            json: json!({
                "records": records,
                "errors": errors,
                "warnings": warnings,
                "notes": notes,
                "findings": findings,
            }),
            blocks,
        },
        found: errors == 0 && warnings == 0,
        notice: None,
    }
}
