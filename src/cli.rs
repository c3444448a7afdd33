//! The command line: global options and the subcommands, whose Args live
//! beside their `run` in src/commands/. The doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;
use jiff::civil;

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
/// Every fact cites its source. Without --data, the dataset compiled into the
/// program is used: the CSTO since 2002 and the SCO's summits 2017-2025.
#[derive(Debug, Parser)]
#[command(name = "summit-kb", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// Dataset to load: a directory of .toml/.json files, or one file
    /// (a JSON file written by `export` works too). Default: the embedded dataset.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "SUMMIT_KB_DATA",
        help_heading = "Global options"
    )]
    pub data: Option<PathBuf>,

    /// Output format. Default: table; for `export`, json (it writes json,
    /// ndjson, popolo or sqlite).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = Format::Table,
        hide_default_value = true,
        help_heading = "Global options"
    )]
    pub format: Format,

    /// When to colour the output. NO_COLOR in the environment means never.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorWhen::Auto,
        help_heading = "Global options"
    )]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading (the default, except for `export`).
    Table,
    /// Pretty-printed JSON, records in the shape `export` writes them (the
    /// default of `export`).
    Json,
    /// One JSON value per line: one line per record of a list.
    Ndjson,
    /// Comma-separated values: a header row of the JSON field names, a row a record.
    Csv,
    /// A GitHub Markdown table.
    Markdown,
    /// Popolo JSON (persons, organizations, posts, memberships, events); `export` only.
    Popolo,
    /// An SQLite database for Datasette; `export --output` only.
    Sqlite,
}

impl Format {
    /// The format as `--format` spells it.
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal.
    Auto,
    /// Colour even when piped (for `less -R`).
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the meetings (summits and sessions), oldest first.
    #[command(after_help = "Examples:\n  summit-kb summits\n  summit-kb summits --sources")]
    Summits(commands::summits::Args),

    /// List adopted documents, oldest first.
    #[command(
        after_help = "Examples:\n  summit-kb docs --summit csc-2025-bishkek\n  summit-kb docs --kind strategy --in-force-on 2027-01-01\n  summit-kb docs --kind plan --sources"
    )]
    Docs(commands::docs::Args),

    /// List decisions: appointments, bodies created, budgets, awards.
    #[command(
        after_help = "Examples:\n  summit-kb decisions --kind appointment\n  summit-kb decisions --kind award --sources"
    )]
    Decisions(commands::decisions::Args),

    /// Show any record by id, with its sources.
    #[command(after_help = "Example:\n  summit-kb show taalatbek-masadykov")]
    Show(commands::show::Args),

    /// Who held a post on a day.
    ///
    /// Term ends are inclusive. On a same-day handover (one term ends the day
    /// the next begins) the incoming holder has the day. Where a term's dates
    /// are known only to the month or year, a day the data cannot decide is
    /// answered "possibly"; a day that one term certainly covers has no other
    /// holder. Without --org, a post name that several organisations use
    /// ("Secretary General") answers for each of them.
    ///
    /// --on a month or a year (2025-11, 2022) lists every term that shares a
    /// day with it: "yes" when some day of the span is certainly in the term
    /// whatever days its bounds stand for, "possibly" when they leave it open.
    ///
    /// Exit status: 0 when the data names a holder for certain; 1 when it names
    /// none, or only possible ones.
    #[command(
        after_help = "Examples:\n  summit-kb holder secretary-general --on 2019-06-01\n  summit-kb holder \"Генеральный секретарь\" --on today\n  summit-kb holder SG --on 2026-03-01 --explain"
    )]
    Holder(commands::holder::Args),

    /// Every term of office, oldest first.
    #[command(
        after_help = "Examples:\n  summit-kb terms secretary-general\n  summit-kb terms SG --sources"
    )]
    Terms(commands::terms::Args),

    /// The chairing state on a day, with its slogan and priorities.
    ///
    /// A chairmanship runs from its start to its end, both inclusive. Where the
    /// chair passed at a session (the day one chairmanship ends and the next
    /// begins), that day belongs to the outgoing chair, who presides over the
    /// session; the incoming chair has the next day. A bound known only to the
    /// month or year makes the days it may stand for "possibly", and then
    /// every state that may have chaired is named; a day that one
    /// chairmanship certainly covers is no other's. Without --org, every
    /// organisation that has chairmanships answers. --on a month or a year
    /// (2009, 2025-11) lists every chairmanship that shares a day with it,
    /// "yes" or "possibly" as for a day. Exit status: 0 when the data
    /// names a chair for certain; 1 when it names none, or only possible ones.
    #[command(
        after_help = "Examples:\n  summit-kb chair --on 2026-06-01\n  summit-kb chair --on 2019-06-01 --explain"
    )]
    Chair(commands::chair::Args),

    /// The member states of each organisation on a day, with their status.
    ///
    /// A state whose participation is frozen is still a member and is listed;
    /// suspended and withdrawn states, observers and partners are not (--all
    /// lists every state with its standing and the dated changes). A change
    /// dated only to a year or a month makes the days it may fall on
    /// "possibly". --on a month or a year (2017, 2024-02) lists every state
    /// that was a member on some day of it: "yes" when it certainly was on
    /// one. Exit status: 0 when some state is a member for certain; 1
    /// otherwise.
    #[command(
        after_help = "Examples:\n  summit-kb members --on 2010-01-01\n  summit-kb members --on 2013-06-01 --all"
    )]
    Members(commands::members::Args),

    /// The source register: every publication, its kind, and what cites it.
    ///
    /// For each source: its publisher, kind (official, news-agency,
    /// secondary), date, how many records cite it and whether its citations
    /// quote it. `show SOURCE` lists the records that cite one.
    #[command(
        after_help = "Examples:\n  summit-kb sources\n  summit-kb sources --kind secondary\n  summit-kb show kremlin-27071"
    )]
    Sources(commands::sources::Args),

    /// Search every record: names, aliases, titles, summaries, topics, slogans,
    /// quotes.
    ///
    /// Case, accents and script do not matter ("Масадыков" finds Masadykov,
    /// "Kanal" finds "Канал"), nor does word order; a word of four letters or
    /// more may have a typo, one of eight or more two, and a word may be cut
    /// short. Compound words match their hyphenated, spaced and solid forms
    /// ("antidrug", "anti-drug"); surnames their transliteration variants (y
    /// before a vowel is i, kh is h, a final iy/yi/ii/y is i: "Bordiuzha"
    /// finds Bordyuzha). Every word must match, best within one field, else
    /// each in some field of the record or naming one ("russia slogan").
    /// Exact ids and names come first, then aliases, then other text, then
    /// matches across fields. Exit status: 0 when something matches, 1 when
    /// nothing does.
    #[command(
        after_help = "Examples:\n  summit-kb search masadykov\n  summit-kb search \"anti drug strategy\" --sources\n  summit-kb search Канал"
    )]
    Search(commands::search::Args),

    /// Write the whole knowledge base as JSON (loadable with --data), Popolo or SQLite.
    ///
    /// --format json (the default) writes the dataset with a `meta` block
    /// (name, licence, counts, content hash); ndjson one record a line;
    /// popolo a Popolo document (persons, organizations, posts, memberships,
    /// events); sqlite an SQLite database with a table per record kind, for
    /// Datasette (`datasette kb.db`), and only with --output.
    #[command(
        after_help = "Examples:\n  summit-kb export > csto.json\n  summit-kb export --output csto.json && summit-kb --data csto.json check\n  summit-kb export --format popolo --output csto-popolo.json\n  summit-kb export --format sqlite --output kb.db && datasette kb.db"
    )]
    Export(commands::export::Args),

    /// Dated events in order, or a chart of the terms and chairmanships.
    ///
    /// Events: meetings, appointments, terms starting and ending,
    /// chairmanships, documents adopted, in force and valid from/to,
    /// membership changes, bodies established. A date keeps its precision: an
    /// event dated "2003" is shown as "2003" and sorts by its first day, before
    /// the dated days of 2003.
    ///
    /// --from and --to (YYYY, YYYY-MM, YYYY-MM-DD or `today`; both inclusive,
    /// a coarse bound standing for its whole year or month) keep an event
    /// whose every possible day is inside, and keep as "possibly" one only
    /// partly inside ("2003" with --from 2003-06-01). Exit status 0 when an
    /// event is certainly in range, 1 otherwise.
    ///
    /// --chart draws every term of office and every chairmanship as a bar
    /// over a year axis, fitted to the terminal's width (80 columns when not
    /// a terminal, or --width): █ where the dates are known to the day, ░
    /// where a bound is known only to the month or year (--ascii: # and .).
    #[command(
        after_help = "Examples:\n  summit-kb timeline --from 2025-11-01 --to 2026-01-31\n  summit-kb timeline --chart --width 100"
    )]
    Timeline(commands::timeline::Args),

    /// Print a JSON Schema: of what `export --format json` writes, or of a
    /// command's JSON answer.
    ///
    /// Without COMMAND, the dataset's schema (what `export` writes and `--data`
    /// reads). With one, the schema of what `summit-kb --format json COMMAND`
    /// prints; both are draft 2020-12.
    #[command(
        after_help = "Examples:\n  summit-kb schema > summit-kb.schema.json\n  summit-kb schema holder"
    )]
    Schema(commands::schema::Args),

    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  source <(summit-kb completions bash)\n  summit-kb completions fish > ~/.config/fish/completions/summit-kb.fish"
    )]
    Completions(commands::completions::Args),

    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  summit-kb man | man -l -")]
    Man,

    /// Validate a dataset and list every problem found.
    ///
    /// One line per finding: `file:line:column: severity: record: message`, the
    /// place being the offending value (a dangling reference, an empty quote,
    /// the end of a period) or else the record's id. A JSON dataset is searched
    /// as `export` writes it (pretty-printed); in other JSON, no position. With
    /// --format json, a list of objects with file, line, column, record,
    /// severity and message.
    ///
    /// Errors: duplicate ids, references to missing records, records with no
    /// citation, citations of unknown sources, periods that end before they
    /// start, overlapping terms of a single-holder post, a document adopted on
    /// a day its meeting was not held. Warnings: empty quotes, a decision
    /// effective (or a document in force) before its meeting. Notes (info):
    /// gaps between terms. A coarse date ("2025") contradicts a meeting only
    /// if none of its days can be the meeting's.
    ///
    /// Exit status 0 when clean or with notes only, 1 when it has warnings or
    /// errors, 2 when it cannot be read at all.
    #[command(
        after_help = "Examples:\n  summit-kb check data\n  summit-kb check tests/fixtures/damaged.toml\n  summit-kb --format json check my-dataset.toml"
    )]
    Check(commands::check::Args),
}

/// `--org`, as every command that can be narrowed to one organisation takes it.
#[derive(Debug, Clone, Default, Args)]
pub struct OrgArg {
    /// Only this organisation: its id, name or an alias, in any case or
    /// script ("csto", "ОДКБ", "sco", "ШОС"). Default: every organisation.
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
}

impl OrgArg {
    pub fn as_deref(&self) -> Option<&str> {
        self.org.as_deref()
    }
}

/// `--from` and `--to`, as the list commands (`summits`, `docs`,
/// `decisions`) take them: the same bounds as `timeline`'s.
#[derive(Debug, Clone, Default, Args)]
pub struct RangeArg {
    /// Only those dated on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD or
    /// `today`): an event's date, a meeting's day, a document's adoption, a
    /// decision's meeting. A date known only to its year or month is kept when it may
    /// fall in the range ("2003" with --from 2003-06-01); one not recorded is
    /// left out.
    #[arg(long, value_name = "DATE", value_parser = parse_bound)]
    pub from: Option<crate::date::Date>,

    /// Only those dated on or before DATE (YYYY, YYYY-MM, YYYY-MM-DD or
    /// `today`); both bounds are inclusive, a coarse one standing for its
    /// whole year or month.
    #[arg(long, value_name = "DATE", value_parser = parse_bound)]
    pub to: Option<crate::date::Date>,
}

impl RangeArg {
    /// Refuses a range that ends before it starts.
    pub fn check(&self) -> anyhow::Result<()> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if to.last_day() < from.first_day() {
                anyhow::bail!("--to {to} is before --from {from}");
            }
        }
        Ok(())
    }

    /// Whether a record dated `date` is kept: every record without a range;
    /// with one, a date that certainly or possibly falls inside it.
    pub fn keeps(&self, date: Option<crate::date::Date>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        date.is_some_and(|d| self.certainty(d) != crate::date::Certainty::No)
    }

    /// Whether a record dated `date` falls in the range: yes when its every
    /// possible day does, possibly when only some may.
    pub fn certainty(&self, date: crate::date::Date) -> crate::date::Certainty {
        use crate::date::Interval;
        Interval::at(date).overlaps(&Interval::range(self.from, self.to))
    }
}

/// Today's date in the system's time zone: the one `TZ` names, else the
/// system's own (`/etc/localtime`). A `TZ` that names something other than a
/// time zone file of a sane size (`TZ=/dev/zero`, a FIFO, a directory) is
/// not read: jiff would read it whole, forever from `/dev/zero`. Today is
/// then taken in UTC, with a warning.
pub fn today() -> civil::Date {
    let zone = match unusable_tz(std::env::var_os("TZ")) {
        None => jiff::tz::TimeZone::system(),
        Some(why) => {
            crate::output::to_stderr(&format!("warning: {why}; today is taken in UTC"));
            jiff::tz::TimeZone::UTC
        }
    };
    jiff::Timestamp::now().to_zoned(zone).date()
}

/// The most a time zone file may hold. The TZif files of the IANA database
/// hold a few KiB (none reaches 4 KiB).
const MAX_ZONE_FILE: u64 = 1 << 20;

/// Why the value of `TZ` is not to be read, if it is not: when it is neither
/// a name in the time zone database nor a POSIX rule, jiff reads it as the
/// path of a TZif file (a leading `:` aside), and it is a path to something
/// else than a regular file of at most [`MAX_ZONE_FILE`] bytes.
fn unusable_tz(tz: Option<std::ffi::OsString>) -> Option<String> {
    let tz = tz?;
    let text = tz.to_string_lossy();
    let name = text.strip_prefix(':').unwrap_or(&text);
    if name.is_empty() || jiff::tz::db().get(name).is_ok() {
        return None;
    }
    let why = match std::fs::metadata(name) {
        // A POSIX rule (`EST5EDT`), or no file at all: nothing is read.
        Err(_) => return None,
        Ok(meta) if meta.is_file() && meta.len() <= MAX_ZONE_FILE => return None,
        Ok(meta) if meta.is_file() => "a file larger than any time zone file",
        Ok(_) => "not a time zone file",
    };
    Some(format!(
        "TZ={} is {why}",
        crate::output::visible_line(&text)
    ))
}

/// What a day-only query date (`--in-force-on`) may be, as its errors say
/// it; `--on` takes [`SPAN_FORMS`].
pub const DAY_FORMS: &str = "a whole day, YYYY-MM-DD, or `today`";

/// Parses a date of any precision, or `today`; an error names `forms`, what
/// the flag takes, with a suggestion where the text writes a date another way.
fn parse_date(text: &str, forms: &str) -> Result<crate::date::Date, String> {
    if text.trim().eq_ignore_ascii_case("today") {
        return Ok(crate::date::Date::from_day(today()));
    }
    text.parse().map_err(|e: crate::date::DateError| {
        if e.malformed {
            format!("expected {forms}{}", e.hint())
        } else {
            e.reason
        }
    })
}

/// Parses a query date: a whole day `YYYY-MM-DD`, or `today`.
pub fn parse_day(text: &str) -> Result<civil::Date, String> {
    let date = parse_date(text, DAY_FORMS)?;
    date.as_day()
        .ok_or_else(|| format!("expected {DAY_FORMS}, not a {} ({text})", date.precision()))
}

/// Parses a range bound: a date of any precision, or `today`.
pub fn parse_bound(text: &str) -> Result<crate::date::Date, String> {
    parse_date(text, "YYYY, YYYY-MM, YYYY-MM-DD or `today`")
}

/// What `--on` takes, as its help and errors say it.
pub const SPAN_FORMS: &str = "YYYY-MM-DD, YYYY-MM, YYYY or `today`";

/// Parses an `--on` value: a day (`YYYY-MM-DD`), a month (`YYYY-MM`), a
/// year (`YYYY`), or `today`.
pub fn parse_span(text: &str) -> Result<crate::date::Date, String> {
    parse_date(text, SPAN_FORMS)
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
    fn a_tz_that_is_no_time_zone_file_is_not_read() {
        let tz = |s: &str| unusable_tz(Some(s.into()));
        assert_eq!(unusable_tz(None), None);
        assert_eq!(tz(""), None);
        assert_eq!(tz("UTC"), None);
        assert_eq!(tz("EST5EDT,M3.2.0,M11.1.0"), None);
        assert_eq!(tz("/no/such/file"), None);
        let zero = tz("/dev/zero").unwrap();
        assert!(
            zero.contains("TZ=/dev/zero is not a time zone file"),
            "{zero}"
        );
        assert!(tz(":/dev/zero").is_some());
        assert!(tz("/").is_some());
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

    #[test]
    fn query_date_errors_name_only_what_is_taken() {
        let err = parse_day("2026").unwrap_err();
        assert_eq!(
            err,
            "expected a whole day, YYYY-MM-DD, or `today`, not a year (2026)"
        );
        let err = parse_day("someday").unwrap_err();
        assert_eq!(err, "expected a whole day, YYYY-MM-DD, or `today`");
        assert!(!err.contains("YYYY-MM or"), "{err}");
        let err = parse_day("2025-2-3").unwrap_err();
        assert!(err.ends_with("; did you mean 2025-02-03?"), "{err}");
        let err = parse_bound("27.11.2025").unwrap_err();
        assert_eq!(
            err,
            "expected YYYY, YYYY-MM, YYYY-MM-DD or `today`; did you mean 2025-11-27?"
        );
        assert_eq!(
            parse_bound("today").unwrap(),
            crate::date::Date::from_day(today())
        );
    }

    #[test]
    fn spans_are_days_months_years_or_today() {
        for s in ["2026-03-01", "2026-03", "2026"] {
            assert_eq!(parse_span(s).unwrap().to_string(), s);
        }
        assert_eq!(parse_span("Today").unwrap().as_day(), Some(today()));
        let err = parse_span("2026/03").unwrap_err();
        assert!(
            err.contains("expected YYYY-MM-DD, YYYY-MM, YYYY or `today`"),
            "{err}"
        );
        assert!(parse_span("2026-13").unwrap_err().contains("month 13"));
        assert!(parse_span("2026-02-30")
            .unwrap_err()
            .contains("February 2026"));
    }

    #[test]
    fn range_keeps_coarse_dates_as_possibly() {
        use crate::date::{Certainty, Date};
        let d = |s: &str| -> Date { s.parse().unwrap() };
        let in_range = |date, from, to| RangeArg { from, to }.certainty(date);
        let (from, to) = (Some(d("2003-06-01")), Some(d("2003-12-31")));
        assert_eq!(in_range(d("2003"), from, to), Certainty::Possibly);
        assert_eq!(in_range(d("2003-06-01"), from, to), Certainty::Yes);
        assert_eq!(in_range(d("2003-05-31"), from, to), Certainty::No);
        assert_eq!(in_range(d("2003-12-31"), from, to), Certainty::Yes);
        assert_eq!(in_range(d("2004-01-01"), from, to), Certainty::No);
        assert_eq!(in_range(d("2003-05"), from, to), Certainty::No);
        assert_eq!(in_range(d("2003-06"), from, to), Certainty::Yes);
        // A coarse bound stands for its whole unit.
        assert_eq!(
            in_range(d("2003-12-31"), Some(d("2003")), Some(d("2003"))),
            Certainty::Yes
        );
        assert_eq!(in_range(d("1990"), None, None), Certainty::Yes);
    }
}
