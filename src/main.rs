//! summit-kb: parse the command line, load the dataset, run one command, and
//! turn the outcome into an exit status (0 an answer, 1 no answer, 2 an error).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser};

use summit_kb::answer::Answer;
use summit_kb::cli::{self, Cli, ColorWhen, Command, Query};
use summit_kb::commands::{self, Ctx};
use summit_kb::kb::{Ambiguous, Kb};
use summit_kb::load::Loaded;
use summit_kb::output::{self, Format, Human, Style};
use summit_kb::{args, load, validate};

/// The dataset compiled into this binary (`embedded()`), which build.rs writes.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

fn main() -> ExitCode {
    // A TAB in a shell that sourced `summit-kb completions SHELL`.
    commands::completions::complete_if_asked(Cli::command, embedded::embedded());
    let args = cli::format_after_command(std::env::args_os().collect());
    let ended = match Cli::try_parse_from(args) {
        Ok(cli) => Ended::Ran(run(&cli)),
        Err(err) => Ended::Refused(err),
    };
    exit(ended).into()
}

/// How a run ended: clap refused the command line (or printed the help or
/// the version), or the command ran, answering (`Ok(true)`), finding no
/// answer (`Ok(false)`), or failing.
enum Ended {
    Refused(clap::Error),
    Ran(Result<bool>),
}

/// The exit policy, named: 0 an answer, 1 no answer (nothing matched, or no
/// certain answer; `check` found problems), 2 an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    Answer = 0,
    NoAnswer = 1,
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// How the process ends, and what it says on standard error on the way:
/// the one place the exit status is decided.
fn exit(ended: Ended) -> Exit {
    use clap::error::ErrorKind;
    match ended {
        Ended::Refused(err) => match err.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = err.print();
                Exit::Answer
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = err.print();
                Exit::Error
            }
            _ => {
                let mut line = one_line(&err.to_string());
                if let Some(tip) = right_flag(&err) {
                    // Clap's own "a similar argument exists" would name
                    // a flag that only looks alike (--date: '--data').
                    if let Some(at) = line.find("; tip: ") {
                        line.truncate(at);
                    }
                    if let Some(tip) = tip {
                        line.push_str(&format!("; tip: {tip}"));
                    }
                }
                output::to_stderr(&line);
                Exit::Error
            }
        },
        Ended::Ran(Ok(true)) => Exit::Answer,
        Ended::Ran(Ok(false)) => Exit::NoAnswer,
        Ended::Ran(Err(err)) if is_broken_pipe(&err) => Exit::Answer,
        Ended::Ran(Err(err)) => {
            // One line, whatever the user typed or the file held; the
            // candidates of an ambiguous name a line each.
            let lines: Vec<String> = match err.downcast_ref::<Ambiguous>() {
                Some(ambiguous) => ambiguous
                    .to_string()
                    .lines()
                    .map(|line| output::visible_line(line).into_owned())
                    .collect(),
                None => vec![output::visible_line(&format!("{err:#}")).into_owned()],
            };
            output::to_stderr(&format!("error: {}", lines.join("\n")));
            Exit::Error
        }
    }
}

/// Runs the command; `Ok(false)` means it found no answer.
fn run(cli: &Cli) -> Result<bool> {
    let stdout = io::stdout();
    let on_terminal = stdout.is_terminal();
    let style = Style {
        color: match cli.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            // As anstream decides for clap's own help: a terminal, unless
            // NO_COLOR is set, CLICOLOR is 0 or TERM is dumb or unset;
            // CLICOLOR_FORCE colours a pipe too.
            ColorWhen::Auto => {
                anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never
            }
        },
        width: if on_terminal {
            output::terminal_width()
        } else {
            None
        },
        terminal: on_terminal,
    };
    let mut out = BufWriter::new(stdout.lock());
    let to = Edge {
        cli,
        style,
        out: &mut out,
    };
    let found = match &cli.command {
        Command::Summits(q) => to.answer(q, commands::summits::run)?,
        Command::Docs(q) => to.answer(q, commands::docs::run)?,
        Command::Decisions(q) => to.answer(q, commands::decisions::run)?,
        Command::Show(q) => to.answer(q, commands::show::run)?,
        Command::Holder(q) => to.answer(q, commands::holder::run)?,
        Command::Terms(q) => to.answer(q, commands::terms::run)?,
        Command::Chair(q) => to.answer(q, commands::chair::run)?,
        Command::Members(q) => to.answer(q, commands::members::run)?,
        Command::Sources(q) => to.answer(q, commands::sources::run)?,
        Command::Search(q) => to.answer(q, commands::search::run)?,
        Command::Timeline(q) => to.answer(q, commands::timeline::run)?,
        Command::Check(q) => {
            let path = q.args.path.as_deref().or(cli.data.as_deref());
            let loaded = load(path)?;
            let kb = Kb::new(loaded);
            let mut findings = validate::check(&kb);
            validate::locate(loaded, &mut findings);
            let answer = commands::check::run(&findings, loaded.dataset.records().count());
            to.write(&answer, &kb, q.output.format)?
        }
        Command::Export(args) => {
            let format = args.format.to(args.output.as_deref())?;
            let loaded = load(cli.data.as_deref())?;
            validate::checked(loaded)?;
            let meta = commands::export::meta_of(loaded);
            match commands::export::output_file(args.output.as_deref()) {
                Some(path) => commands::export::write_file(&loaded.dataset, &meta, format, path)?,
                None => commands::export::write(&loaded.dataset, &meta, format, to.out)?,
            }
            true
        }
        Command::Schema(q) => {
            commands::schema::write(q.args.command, to.out)?;
            true
        }
        Command::Completions(q) => {
            commands::completions::completions(q.args.shell, Cli::command(), to.out)?;
            true
        }
        Command::Man(_) => {
            commands::completions::man(Cli::command(), to.out)?;
            true
        }
    };
    out.flush()?;
    Ok(found)
}

/// Where answers go: standard output, in the style of this run.
struct Edge<'o> {
    cli: &'o Cli,
    style: Style,
    out: &'o mut dyn Write,
}

impl Edge<'_> {
    /// Runs a query on the checked dataset and writes its answer; whether
    /// it is one.
    fn answer<A: clap::Args, T: Answer + Human>(
        self,
        query: &Query<A>,
        run: impl FnOnce(&Ctx<'static>, &A) -> Result<T>,
    ) -> Result<bool> {
        let loaded = load(self.cli.data.as_deref())?;
        // Never freed, as the dataset is not.
        let kb: &'static Kb<'static> = Box::leak(Box::new(validate::checked(loaded)?));
        let format = query.output.format;
        let ctx = Ctx::new(kb, self.style.width);
        let answer = run(&ctx, &query.args)?;
        self.write(&answer, kb, format)
    }

    /// Writes an answer in `format`; whether it is one.
    fn write<T: Answer + Human>(self, answer: &T, kb: &Kb<'_>, format: Format) -> Result<bool> {
        output::render(answer, kb, format, self.style, self.out)?;
        Ok(answer.found())
    }
}

/// Loads the dataset for the rest of the run: the one at `path`, parsed and
/// checked, or the embedded one, from the snapshot made when the binary was
/// built. It is never freed: the process ends right after, and freeing a large
/// dataset record by record costs more than the query (60 ms of 530 at 117,000
/// records).
fn load(path: Option<&Path>) -> Result<&'static Loaded> {
    let loaded = match path {
        Some(path) => load::from_path(path)?,
        None => load::embedded(embedded::embedded())?,
    };
    Ok(Box::leak(Box::new(loaded)))
}

/// Folds clap's multi-line usage error into one line: the message, the
/// arguments it lists and its tip, without the usage and "try --help" lines.
fn one_line(message: &str) -> String {
    let mut line = String::new();
    for part in message.lines().map(str::trim) {
        if part.is_empty() || part.starts_with("Usage:") || part.starts_with("For more information")
        {
            continue;
        }
        if !line.is_empty() {
            line.push_str(if line.ends_with(':') { " " } else { "; " });
        }
        line.push_str(part);
    }
    line
}

/// Flags people type for another one, and what they stand for, in order of
/// preference: the first that the subcommand has is named.
const CONFUSIONS: &[(&[&str], &[&str])] = &[
    (
        &["--date", "--day", "--at", "--when", "--year", "--month"],
        &["--on", "--from", "--in-force-on"],
    ),
    (&["--type"], &["--kind"]),
    (&["--meeting", "--session"], &["--summit"]),
    (&["--since", "--after"], &["--from"]),
    (&["--until", "--before"], &["--to"]),
    (&["--organisation", "--organization"], &["--org"]),
];

/// For an unknown flag that is a known confusion, the tip naming the flag
/// the subcommand being run takes instead; `Some(None)` when it takes none
/// of them (and clap's look-alike would mislead).
fn right_flag(err: &clap::Error) -> Option<Option<String>> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use clap::CommandFactory;
    if err.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(typed)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    let typed = typed.split('=').next().unwrap_or(typed);
    let (_, meant) = CONFUSIONS
        .iter()
        .find(|(typos, _)| typos.contains(&typed))?;
    let command = Cli::command();
    let sub = std::env::args()
        .skip(1)
        .find_map(|a| command.find_subcommand(&a).cloned())?;
    let has = |flag: &str| {
        sub.get_arguments().any(|a| {
            a.get_long()
                .is_some_and(|l| flag.strip_prefix("--") == Some(l))
        })
    };
    let Some(flag) = meant.iter().find(|f| has(f)) else {
        return Some(None);
    };
    let name = sub.get_name();
    Some(Some(match *flag {
        "--from" if has("--to") => {
            format!("`{name}` takes --from and --to (YYYY, YYYY-MM, YYYY-MM-DD or `today`)")
        }
        "--on" | "--in-force-on" => {
            format!("`{name}` takes {flag} DATE ({})", args::DAY_FORMS)
        }
        _ => format!("did you mean '{flag}'?"),
    }))
}

/// A closed pipe (`summit-kb docs | head -1`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}
