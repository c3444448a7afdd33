//! The command line: global options and one Args struct per subcommand. The
//! doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil;

use crate::model::{DecisionKind, DocumentKind};

const EXAMPLES: &str = "\
Examples:
  summit-kb docs --summit csc-2025-bishkek
  summit-kb holder secretary-general --on 2019-06-01
  summit-kb chair --on 2026-06-01
  summit-kb show bishkek-2025-anti-drug-strategy
  summit-kb --format json export --output csto.json
  summit-kb check data";

/// An offline, sourced knowledge base of what intergovernmental summits decided.
///
/// Every fact cites its source. Without --data, the CSTO dataset compiled into
/// the program is used.
#[derive(Debug, Parser)]
#[command(name = "summit-kb", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// Dataset to load: a directory of .toml/.json files, or one file
    /// (a JSON file written by `export` works too). Default: the embedded dataset.
    #[arg(long, global = true, value_name = "PATH", env = "SUMMIT_KB_DATA")]
    pub data: Option<PathBuf>,

    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// When to colour the output. NO_COLOR in the environment means never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// Pretty-printed JSON, records in the shape `export` writes them.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the meetings (summits and sessions), oldest first.
    #[command(after_help = "Example:\n  summit-kb summits")]
    Summits,

    /// List adopted documents, oldest first.
    #[command(
        after_help = "Examples:\n  summit-kb docs --summit csc-2025-bishkek\n  summit-kb docs --kind strategy --in-force-on 2027-01-01"
    )]
    Docs(DocsArgs),

    /// List decisions: appointments, bodies created, budgets, awards.
    #[command(after_help = "Example:\n  summit-kb decisions --kind appointment")]
    Decisions(DecisionsArgs),

    /// Show any record by id, with its sources.
    #[command(after_help = "Example:\n  summit-kb show taalatbek-masadykov")]
    Show(ShowArgs),

    /// Who held a post on a day.
    ///
    /// Term ends are inclusive. On a same-day handover (one term ends the day
    /// the next begins) the incoming holder has the day. Where a term's dates
    /// are known only to the month or year, a day the data cannot decide is
    /// answered "possibly".
    ///
    /// Exit status: 0 when the data names a holder for certain; 1 when it names
    /// none, or only possible ones.
    #[command(
        after_help = "Examples:\n  summit-kb holder secretary-general --on 2019-06-01\n  summit-kb holder \"Генеральный секретарь\" --on today"
    )]
    Holder(HolderArgs),

    /// Every term of office, oldest first.
    #[command(after_help = "Example:\n  summit-kb terms secretary-general")]
    Terms(TermsArgs),

    /// The chairing state on a day, with its slogan and priorities.
    ///
    /// A chairmanship whose handover dates are not recorded is "possibly" the
    /// chair on each day of its year. Exit status: 0 when the data names a chair
    /// for certain; 1 when it names none, or only possible ones.
    #[command(after_help = "Example:\n  summit-kb chair --on 2026-06-01")]
    Chair(ChairArgs),

    /// Write the whole knowledge base as JSON (loadable again with --data).
    #[command(
        after_help = "Examples:\n  summit-kb export > csto.json\n  summit-kb export --output csto.json && summit-kb --data csto.json check"
    )]
    Export(ExportArgs),

    /// Validate a dataset and list every problem found.
    ///
    /// Exit status 0 when clean (information findings allowed), 1 when it has
    /// warnings or errors, 2 when it cannot be read at all.
    #[command(after_help = "Examples:\n  summit-kb check data\n  summit-kb check my-dataset.toml")]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct DocsArgs {
    /// Only documents adopted at this meeting (a meeting id).
    #[arg(long, value_name = "ID")]
    pub summit: Option<String>,

    /// Only documents of this kind.
    #[arg(long, value_enum, value_name = "K")]
    pub kind: Option<DocumentKind>,

    /// Only documents with this topic (case- and accent-insensitive).
    #[arg(long, value_name = "T")]
    pub topic: Option<String>,

    /// Only documents whose stated validity period covers DATE (YYYY-MM-DD or
    /// `today`); documents with no recorded period are left out.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub in_force_on: Option<civil::Date>,
}

#[derive(Debug, Args)]
pub struct DecisionsArgs {
    /// Only decisions of this meeting (a meeting id).
    #[arg(long, value_name = "ID")]
    pub summit: Option<String>,

    /// Only decisions of this kind.
    #[arg(long, value_enum, value_name = "K")]
    pub kind: Option<DecisionKind>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id.
    pub id: String,
}

#[derive(Debug, Args)]
pub struct HolderArgs {
    /// The post: its id, name or an alias ("secretary-general", "SG").
    pub post: String,

    /// The day to ask about: YYYY-MM-DD or `today` (the default).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub on: Option<civil::Date>,
}

#[derive(Debug, Args)]
pub struct TermsArgs {
    /// Only the terms of this post (id, name or alias).
    pub post: Option<String>,
}

#[derive(Debug, Args)]
pub struct ChairArgs {
    /// The day to ask about: YYYY-MM-DD or `today` (the default).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub on: Option<civil::Date>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The dataset to check (a directory or a file); default: --data, or the
    /// embedded dataset.
    pub path: Option<PathBuf>,
}

/// Today's date in the system's time zone.
pub fn today() -> civil::Date {
    jiff::Zoned::now().date()
}

/// Parses a query date: a whole day `YYYY-MM-DD`, or `today`.
pub fn parse_day(text: &str) -> Result<civil::Date, String> {
    if text.eq_ignore_ascii_case("today") {
        return Ok(today());
    }
    let date: crate::date::Date = text.parse().map_err(|e: crate::date::DateError| e.reason)?;
    date.as_day()
        .ok_or_else(|| "a query date is a whole day, YYYY-MM-DD, or `today`".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn query_dates_are_days_or_today() {
        assert_eq!(parse_day("2026-03-01").unwrap().to_string(), "2026-03-01");
        assert_eq!(parse_day("TODAY").unwrap(), today());
        assert!(parse_day("2026-03").unwrap_err().contains("whole day"));
        assert!(parse_day("2026-02-29")
            .unwrap_err()
            .contains("February 2026"));
        assert!(parse_day("yesterday").is_err());
    }
}
