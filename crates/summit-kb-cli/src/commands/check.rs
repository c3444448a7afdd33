//! `check [PATH]`: every finding about a dataset.

use crate::answer::check::Check;
use crate::validate::{Finding, Severity};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset to check (a directory or a file); default: --data, or the
    /// embedded dataset.
    pub path: Option<std::path::PathBuf>,
}

/// The findings about a dataset of `records` records, counted.
pub fn run(findings: &[Finding], records: usize) -> Check<'_> {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    Check {
        records,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        notes: count(Severity::Info),
        findings,
    }
}
