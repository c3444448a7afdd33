//! The command line: global options and the subcommands, whose Args live
//! beside their `run` in src/commands/ (the arguments several share are in
//! [`crate::args`]). The doc comments are the help text.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::args::FormatArg;
use crate::commands;

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
    /// ndjson, popolo, sqlite or snapshot).
    //
    // Each command has a `--format` of its own, which clap checks: one given
    // before the command is moved after its name (`format_after_command`), so
    // that this one is read only where no command follows (`help`).
    #[arg(
        long,
        value_enum,
        default_value_t = Format::Table,
        hide_default_value = true,
        help_heading = "Global options"
    )]
    pub format: Format,

    /// When to colour the output. auto: on a terminal, unless NO_COLOR is set or TERM is dumb;
    /// CLICOLOR_FORCE colours a pipe too.
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

/// Every format, as `summit-kb --help` lists them: queries write the first
/// five ([`crate::output::Format`]), `export` json, ndjson, popolo, sqlite
/// and snapshot ([`crate::commands::export::Written`]).
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
    /// The records as the binary embeds them, for `--data`; `export --output` only.
    Snapshot,
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

/// A command's own arguments, and `--format`: how its answer is written.
#[derive(Debug, clap::Args)]
pub struct Query<A: clap::Args> {
    #[command(flatten)]
    pub args: A,
    #[command(flatten)]
    pub output: FormatArg,
}

/// The arguments of a command that has none of its own (`man`).
#[derive(Debug, clap::Args)]
pub struct NoArgs {}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the meetings (summits and sessions), oldest first.
    #[command(after_help = "Examples:\n  summit-kb summits\n  summit-kb summits --sources")]
    Summits(Query<commands::summits::Args>),

    /// List adopted documents, oldest first.
    #[command(
        after_help = "Examples:\n  summit-kb docs --summit csc-2025-bishkek\n  summit-kb docs --kind strategy --in-force-on 2027-01-01\n  summit-kb docs --kind plan --sources"
    )]
    Docs(Query<commands::docs::Args>),

    /// List decisions: appointments, bodies created, budgets, awards.
    #[command(
        after_help = "Examples:\n  summit-kb decisions --kind appointment\n  summit-kb decisions --kind award --sources"
    )]
    Decisions(Query<commands::decisions::Args>),

    /// Show any record by id, with its sources.
    #[command(after_help = "Example:\n  summit-kb show taalatbek-masadykov")]
    Show(Query<commands::show::Args>),

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
    Holder(Query<commands::holder::Args>),

    /// Every term of office, oldest first.
    #[command(
        after_help = "Examples:\n  summit-kb terms secretary-general\n  summit-kb terms SG --sources"
    )]
    Terms(Query<commands::terms::Args>),

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
    Chair(Query<commands::chair::Args>),

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
    Members(Query<commands::members::Args>),

    /// The source register: every publication, its kind, and what cites it.
    ///
    /// For each source: its publisher, kind (official, news-agency,
    /// secondary), date, how many records cite it and whether its citations
    /// quote it. `show SOURCE` lists the records that cite one.
    #[command(
        after_help = "Examples:\n  summit-kb sources\n  summit-kb sources --kind secondary\n  summit-kb show kremlin-27071"
    )]
    Sources(Query<commands::sources::Args>),

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
    Search(Query<commands::search::Args>),

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
    Timeline(Query<commands::timeline::Args>),

    /// Print a JSON Schema: of what `export --format json` writes, or of a
    /// command's JSON answer.
    ///
    /// Without COMMAND, the dataset's schema (what `export` writes and `--data`
    /// reads). With one, the schema of what `summit-kb --format json COMMAND`
    /// prints; both are draft 2020-12.
    #[command(
        after_help = "Examples:\n  summit-kb schema > summit-kb.schema.json\n  summit-kb schema holder"
    )]
    Schema(Query<commands::schema::Args>),

    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  source <(summit-kb completions bash)\n  summit-kb completions fish > ~/.config/fish/completions/summit-kb.fish"
    )]
    Completions(Query<commands::completions::Args>),

    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  summit-kb man | man -l -")]
    Man(Query<NoArgs>),

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
    Check(Query<commands::check::Args>),
}

/// The arguments as clap is to read them: a `--format` given before the
/// command's name (`summit-kb --format json docs`) is moved after it, where
/// the command's own `--format` reads it, so that clap checks it against
/// the formats that command writes (`--format popolo docs` is refused).
/// Without a command after it, nothing is moved.
pub fn format_after_command(args: Vec<OsString>) -> Vec<OsString> {
    let mut formats = Vec::new();
    let mut at = 1;
    while at < args.len() {
        match args[at].to_str() {
            Some("--format") => {
                let end = (at + 2).min(args.len());
                formats.push(at..end);
                at = end;
            }
            Some(arg) if arg.starts_with("--format=") => {
                formats.push(at..at + 1);
                at += 1;
            }
            // The other options before a command that take a value.
            Some("--data" | "--color") => at += 2,
            Some("--") => return args,
            Some(arg) if arg.starts_with('-') => at += 1,
            _ => break,
        }
    }
    if formats.is_empty() {
        return args;
    }
    let named = args
        .get(at)
        .and_then(|a| a.to_str())
        .is_some_and(|name| Cli::command().find_subcommand(name).is_some());
    if !named {
        return args;
    }
    let moved: Vec<OsString> = formats
        .iter()
        .flat_map(|r| args[r.clone()].iter().cloned())
        .collect();
    let mut out = Vec::with_capacity(args.len());
    for (i, arg) in args.into_iter().enumerate() {
        if formats.iter().any(|r| r.contains(&i)) {
            continue;
        }
        out.push(arg);
        if i == at {
            out.extend(moved.iter().cloned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_top_level_format_lists_every_format_of_queries_and_export() {
        use clap::ValueEnum;
        let names = |values: Vec<clap::builder::PossibleValue>| -> Vec<String> {
            values.iter().map(|v| v.get_name().to_string()).collect()
        };
        let listed = names(
            Format::value_variants()
                .iter()
                .filter_map(|f| f.to_possible_value())
                .collect(),
        );
        let query = crate::output::Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value());
        let export = crate::commands::export::Written::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value());
        let mut wanted = names(query.chain(export).collect());
        wanted.sort();
        wanted.dedup();
        assert_eq!(listed.len(), wanted.len(), "{listed:?} for {wanted:?}");
        for name in wanted {
            assert!(
                listed.contains(&name),
                "`summit-kb --help` does not list {name}"
            );
        }
    }

    #[test]
    fn command_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_decorated_command_is_well_formed() {
        commands::completions::with_candidates(Cli::command()).debug_assert();
    }

    #[test]
    fn a_format_before_the_command_is_moved_after_its_name() {
        let moved = |line: &str| {
            let args = line.split(' ').map(OsString::from).collect();
            let out: Vec<String> = format_after_command(args)
                .into_iter()
                .map(|a| a.into_string().unwrap())
                .collect();
            out.join(" ")
        };
        assert_eq!(
            moved("summit-kb --format json docs --kind plan"),
            "summit-kb docs --format json --kind plan"
        );
        assert_eq!(
            moved("summit-kb --data d --format=csv --color never terms SG"),
            "summit-kb --data d --color never terms --format=csv SG"
        );
        assert_eq!(
            moved("summit-kb --format json --format csv show x"),
            "summit-kb show --format json --format csv x"
        );
        for unmoved in [
            "summit-kb docs --format json",
            "summit-kb --format json",
            "summit-kb --format docs",
            "summit-kb --format json help docs",
            "summit-kb --format json nosuchcommand",
            "summit-kb --data --format docs",
        ] {
            assert_eq!(moved(unmoved), unmoved);
        }
        let parsed = |line: &str| {
            let args = line.split(' ').map(OsString::from).collect();
            Cli::try_parse_from(format_after_command(args))
        };
        let Command::Docs(docs) = parsed("summit-kb --format csv docs").unwrap().command else {
            panic!("docs");
        };
        assert_eq!(docs.output.format, crate::output::Format::Csv);
        assert!(parsed("summit-kb --format popolo docs").is_err());
        assert!(parsed("summit-kb docs --format popolo").is_err());
        assert!(parsed("summit-kb --format popolo export").is_ok());
        assert!(parsed("summit-kb --format csv export").is_err());
    }
}
