//! summit-kb: parse the command line, load the dataset, run one command, and
//! turn the outcome into an exit status (0 an answer, 1 no answer, 2 an error).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Parser;

use summit_kb::answer::Answer;
use summit_kb::cli::{Cli, ColorWhen, Command, Format};
use summit_kb::commands::{Ctx, Exit};
use summit_kb::kb::{Ambiguous, Kb};
use summit_kb::load::Loaded;
use summit_kb::output::{self, Human, Style};
use summit_kb::{args, commands, load, validate};

fn main() -> ExitCode {
    // A TAB in a shell that sourced `summit-kb completions SHELL`.
    commands::completions::complete_if_asked();
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
        terminal: on_terminal,
    };
    let mut out = BufWriter::new(stdout.lock());

    if matches!(cli.format, Format::Popolo | Format::Sqlite)
        && !matches!(cli.command, Command::Export(_))
    {
        bail!(
            "--format {} is for `export` only; use table, json, ndjson, csv or markdown",
            cli.format.name()
        );
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
            let mut findings = validate::check(&kb);
            validate::locate(loaded, &mut findings);
            let answer = commands::check::run(&findings, loaded.dataset.records().count());
            emit(&answer, &kb, cli, style, &mut out)?
        }
        Command::Export(args) => {
            let format = commands::export::Written::of(cli.format, args.output.as_deref())?;
            let loaded = load(cli.data.as_deref())?;
            validate::checked(loaded)?;
            let meta = commands::export::meta_of(loaded);
            match commands::export::output_file(args.output.as_deref()) {
                Some(path) => commands::export::write_file(&loaded.dataset, &meta, format, path)?,
                None => commands::export::write(&loaded.dataset, &meta, format, &mut out)?,
            }
            true
        }
        command => {
            let loaded = load(cli.data.as_deref())?;
            let kb = validate::checked(loaded)?;
            let ctx = Ctx::new(&kb, style.width).writing(cli.format);
            match command {
                Command::Summits(args) => emit(
                    &commands::summits::run(&ctx, args)?,
                    &kb,
                    cli,
                    style,
                    &mut out,
                )?,
                Command::Docs(args) => {
                    emit(&commands::docs::run(&ctx, args)?, &kb, cli, style, &mut out)?
                }
                Command::Decisions(args) => emit(
                    &commands::decisions::run(&ctx, args)?,
                    &kb,
                    cli,
                    style,
                    &mut out,
                )?,
                Command::Show(args) => {
                    emit(&commands::show::run(&ctx, args)?, &kb, cli, style, &mut out)?
                }
                Command::Holder(args) => emit(
                    &commands::holder::run(&ctx, args)?,
                    &kb,
                    cli,
                    style,
                    &mut out,
                )?,
                Command::Terms(args) => emit(
                    &commands::terms::run(&ctx, args)?,
                    &kb,
                    cli,
                    style,
                    &mut out,
                )?,
                Command::Chair(args) => emit(
                    &commands::chair::run(&ctx, args)?,
                    &kb,
                    cli,
                    style,
                    &mut out,
                )?,
                Command::Members(args) => emit(
                    &commands::members::run(&ctx, args)?,
                    &kb,
                    cli,
                    style,
                    &mut out,
                )?,
                Command::Sources(args) => emit(
                    &commands::sources::run(&ctx, args),
                    &kb,
                    cli,
                    style,
                    &mut out,
                )?,
                Command::Search(args) => emit(
                    &commands::search::run(&ctx, args)?,
                    &kb,
                    cli,
                    style,
                    &mut out,
                )?,
                Command::Timeline(args) => emit(
                    &commands::timeline::run(&ctx, args)?,
                    &kb,
                    cli,
                    style,
                    &mut out,
                )?,
                Command::Check(_)
                | Command::Export(_)
                | Command::Schema(_)
                | Command::Completions(_)
                | Command::Man => unreachable!("handled above"),
            }
        }
    };
    out.flush()?;
    Ok(found)
}

/// Writes an answer in the format asked for; whether it is one.
fn emit<A: Answer + Human>(
    answer: &A,
    kb: &Kb<'_>,
    cli: &Cli,
    style: Style,
    out: &mut dyn Write,
) -> Result<bool> {
    output::render(answer, kb, cli.format, style, out)?;
    Ok(answer.found())
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
