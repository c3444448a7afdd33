//! summit-kb: parse the command line, load the dataset, run one command, and
//! turn the outcome into an exit status (0 an answer, 1 no answer, 2 an error).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;

use summit_kb::check::Severity;
use summit_kb::cli::{Cli, ColorWhen, Command, Format};
use summit_kb::commands::{Answer, Exit};
use summit_kb::kb::Kb;
use summit_kb::load::Loaded;
use summit_kb::output::{self, Style};
use summit_kb::{check, cli, commands, load};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            return match err.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = err.print();
                    Exit::Answer.into()
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = err.print();
                    Exit::Error.into()
                }
                _ => {
                    eprintln!("{}", one_line(&err.to_string()));
                    Exit::Error.into()
                }
            };
        }
    };
    match run(&cli) {
        Ok(true) => Exit::Answer.into(),
        Ok(false) => Exit::NoAnswer.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Answer.into(),
        Err(err) => {
            // One line, whatever the user typed or the file held.
            eprintln!("error: {}", load::escape_controls(&format!("{err:#}")));
            Exit::Error.into()
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
            ColorWhen::Auto => {
                on_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        },
        width: if on_terminal {
            output::terminal_width()
        } else {
            None
        },
    };
    let mut out = BufWriter::new(stdout.lock());

    if cli.format == Format::Popolo && !matches!(cli.command, Command::Export(_)) {
        bail!("--format popolo is for `export` only; use table, json, ndjson, csv or markdown");
    }
    let found = match &cli.command {
        Command::Schema(args) => {
            commands::schema::write(args.command, &mut out)?;
            true
        }
        Command::Completions(args) => {
            commands::completions::completions(args.shell, &mut out)?;
            true
        }
        Command::Man => {
            commands::completions::man(&mut out)?;
            true
        }
        Command::Check(args) => {
            let path = args.path.as_deref().or(cli.data.as_deref());
            let loaded = load(path)?;
            let kb = Kb::new(loaded);
            let mut findings = check::check(&kb);
            check::locate(loaded, &mut findings);
            let answer = commands::check::run(&findings, loaded.dataset.records().count());
            emit(&answer, cli, style, &mut out)?
        }
        Command::Export(args) => {
            commands::export::check_format(cli.format)?;
            let loaded = load(cli.data.as_deref())?;
            refuse_errors(&Kb::new(loaded))?;
            match &args.output {
                Some(path) => {
                    let file = File::create(path)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    let mut file = BufWriter::new(file);
                    commands::export::write(&loaded.dataset, cli.format, &mut file)?;
                    file.flush()
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
                None => commands::export::write(&loaded.dataset, cli.format, &mut out)?,
            }
            true
        }
        command => {
            let loaded = load(cli.data.as_deref())?;
            let kb = Kb::new(loaded);
            refuse_errors(&kb)?;
            let today = cli::today();
            let answer = match command {
                Command::Summits(args) => commands::summits::run(&kb, args, today)?,
                Command::Docs(args) => commands::docs::run(&kb, args)?,
                Command::Decisions(args) => commands::decisions::run(&kb, args)?,
                Command::Show(args) => commands::show::run(&kb, &args.id)?,
                Command::Holder(args) => commands::holder::run(&kb, args, today)?,
                Command::Terms(args) => commands::terms::run(&kb, args)?,
                Command::Chair(args) => commands::chair::run(&kb, args, today)?,
                Command::Members(args) => commands::members::run(&kb, args, today)?,
                Command::Sources(args) => commands::sources::run(&kb, args),
                Command::Search(args) => commands::search::run(&kb, args)?,
                Command::Timeline(args) => commands::timeline::run(&kb, args, style.width)?,
                Command::Check(_)
                | Command::Export(_)
                | Command::Schema(_)
                | Command::Completions(_)
                | Command::Man => unreachable!("handled above"),
            };
            emit(&answer, cli, style, &mut out)?
        }
    };
    out.flush()?;
    Ok(found)
}

fn emit(answer: &Answer, cli: &Cli, style: Style, out: &mut dyn Write) -> Result<bool> {
    output::render(&answer.view, cli.format, style, out)?;
    if let (Some(notice), Format::Csv | Format::Ndjson) = (&answer.notice, cli.format) {
        eprintln!("note: {notice}");
    }
    Ok(answer.exit() == Exit::Answer)
}

/// Loads the dataset for the rest of the run: the one at `path`, parsed and
/// checked, or the embedded one, from the snapshot made when the binary was
/// built. It is never freed: the process ends right after, and freeing a large
/// dataset record by record costs more than the query (60 ms of 530 at 117,000
/// records).
fn load(path: Option<&Path>) -> Result<&'static Loaded> {
    let loaded = match path {
        Some(path) => load::from_path(path)?,
        None => load::embedded()?,
    };
    Ok(Box::leak(Box::new(loaded)))
}

/// Refuses, for a query, a dataset that `check` finds errors in. The embedded
/// snapshot was checked when the binary was built: it is not checked again.
fn refuse_errors(kb: &Kb<'_>) -> Result<()> {
    if kb.loaded.checked {
        return Ok(());
    }
    let mut errors: Vec<_> = check::check(kb)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let Some(more) = errors.len().checked_sub(1) else {
        return Ok(());
    };
    // Only the first, as `check` orders them (by file, then place), is shown:
    // only the positions in its file are looked up.
    let first_file = errors.iter().map(|f| f.file.clone()).min().flatten();
    errors.retain(|f| f.file == first_file);
    check::locate(kb.loaded, &mut errors);
    let more = match more {
        0 => String::new(),
        1 => " (1 more error; `summit-kb check` lists them all)".to_string(),
        n => format!(" ({n} more errors; `summit-kb check` lists them all)"),
    };
    bail!("invalid dataset: {}{more}", errors[0].without_severity());
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
