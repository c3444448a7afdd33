//! `completions SHELL` and `man`: the shell completion script and the manual
//! page, both generated from the command line's definition.
//!
//! Completion is dynamic: the script a shell sources calls `summit-kb` back
//! (with `SUMMIT_KB_COMPLETE=SHELL` in its environment) for every TAB, and the
//! candidates come from the command line's definition (subcommands, options,
//! the values of each option) and from the dataset (meeting, record, post and
//! organisation ids). A script therefore never goes out of date with the
//! program, and the ids offered are those of the dataset `--data` (or
//! `SUMMIT_KB_DATA`) names.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::Shells;

use crate::cli::Cli;
use crate::load::{self, Loaded};
use crate::model::{Record, RecordKind};

/// The environment variable that turns a run into a completion request:
/// the program's own, rather than clap_complete's default `COMPLETE`, which
/// an unrelated tool may have set.
pub const COMPLETE_VAR: &str = "SUMMIT_KB_COMPLETE";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The script that registers completion with `shell`: it calls `summit-kb`
/// (found on PATH) back for the candidates.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<()> {
    let name = shell.to_string();
    match Shells::builtins().completer(&name) {
        Some(completer) => {
            completer.write_registration(
                COMPLETE_VAR,
                "summit-kb",
                "summit-kb",
                "summit-kb",
                out,
            )?;
        }
        // A shell clap_complete has no dynamic support for: the static script.
        None => clap_complete::generate(shell, &mut Cli::command(), "summit-kb", out),
    }
    Ok(())
}

/// Answers a completion request (`SUMMIT_KB_COMPLETE=bash summit-kb -- WORDS...`) and
/// exits; does nothing on an ordinary run.
pub fn complete_if_asked() {
    clap_complete::CompleteEnv::with_factory(command)
        .var(COMPLETE_VAR)
        .bin("summit-kb")
        .completer("summit-kb")
        .complete();
}

/// The command line with the dataset's ids as candidates: meetings for
/// `--summit`, records for `show`, posts for `holder` and `terms`,
/// organisations for `--org`.
pub fn command() -> clap::Command {
    let ids = |kinds: &'static [RecordKind]| ArgValueCandidates::new(move || candidates(kinds));
    let mut cmd = Cli::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| {
            let has = |id: &str| sub.get_arguments().any(|a| a.get_id() == id);
            let (org, summit) = (has("org"), has("summit"));
            let mut sub = sub;
            if org {
                sub = sub.mut_arg("org", |a| a.add(ids(&[RecordKind::Organization])));
            }
            if summit {
                sub = sub.mut_arg("summit", |a| a.add(ids(&[RecordKind::Meeting])));
            }
            match name.as_str() {
                "show" => sub.mut_arg("id", |a| a.add(ids(&[]))),
                "holder" | "terms" => sub.mut_arg("post", |a| a.add(ids(&[RecordKind::Post]))),
                _ => sub,
            }
        });
    }
    cmd
}

/// The ids of the records of these kinds (of every kind when empty), each
/// with its name as help; nothing when the dataset cannot be loaded.
fn candidates(kinds: &[RecordKind]) -> Vec<CompletionCandidate> {
    let Some(loaded) = dataset() else {
        return Vec::new();
    };
    loaded
        .dataset
        .records()
        .filter(|r| kinds.is_empty() || kinds.contains(&r.kind()))
        .map(|r: Record<'_>| CompletionCandidate::new(r.id()).help(Some(r.label().into())))
        .collect()
}

/// The dataset the command being completed would read: `--data PATH` on its
/// line, else `SUMMIT_KB_DATA`, else the embedded one.
fn dataset() -> Option<Loaded> {
    let path = data_arg(std::env::args_os()).or_else(|| {
        std::env::var_os("SUMMIT_KB_DATA")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    match path {
        Some(path) => load::from_path(&path).ok(),
        None => load::embedded().ok(),
    }
}

/// The value of `--data` among the words being completed.
fn data_arg(words: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut words = words.into_iter();
    let mut found = None;
    while let Some(word) = words.next() {
        let text = word.to_string_lossy();
        if text == "--data" {
            found = words.next().map(PathBuf::from);
        } else if let Some(path) = text.strip_prefix("--data=") {
            found = Some(PathBuf::from(path));
        }
    }
    found
}

/// The manual page, in roff (`man -l -` reads it): one page for the program
/// and every command. clap_mangen's own page would list the commands as
/// pages `summit-kb-COMMAND(1)`, which are not installed; here each command
/// has its section in this page instead, with its synopsis, description,
/// options and examples.
pub fn man(out: &mut dyn Write) -> Result<()> {
    let cli = Cli::command();
    let page = clap_mangen::Man::new(cli.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    let commands: Vec<&clap::Command> =
        cli.get_subcommands().filter(|c| !c.is_hide_set()).collect();
    writeln!(out, ".SH COMMANDS")?;
    writeln!(out, "Each command is described in its section below.")?;
    for command in &commands {
        writeln!(out, ".TP")?;
        writeln!(out, "\\fBsummit\\-kb {}\\fR", roman(command.get_name()))?;
        if let Some(about) = command.get_about() {
            writeln!(out, "{}", roman(&about.to_string()))?;
        }
    }
    for command in commands {
        let name = format!("summit-kb {}", command.get_name());
        writeln!(out, ".SH \"{}\"", roman(&name.to_uppercase()))?;
        let page = clap_mangen::Man::new(command.clone().bin_name(&name));
        let mut roff = Vec::new();
        page.render_synopsis_section(&mut roff)?;
        page.render_description_section(&mut roff)?;
        page.render_options_section(&mut roff)?;
        if command.get_after_help().is_some() || command.get_after_long_help().is_some() {
            page.render_extra_section(&mut roff)?;
        }
        // The command's sections are subsections of its own; the string
        // definitions each rendering opens with are made once, above.
        let roff = String::from_utf8_lossy(&roff);
        let lines = roff
            .lines()
            .filter(|l| !l.starts_with(".ie \\n(.g .ds Aq") && !l.starts_with(".el .ds Aq"));
        for line in lines {
            match line.strip_prefix(".SH ") {
                Some(heading) => writeln!(out, ".SS {heading}")?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    page.render_extra_section(out)?;
    page.render_version_section(out)?;
    Ok(())
}

/// Text as roff prints it: backslashes and hyphens escaped, and a line that
/// would start a request (`.` or `'`) guarded.
fn roman(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_read_from_the_words_being_completed() {
        let words = |w: &[&str]| data_arg(w.iter().map(OsString::from));
        assert_eq!(words(&["summit-kb", "docs"]), None);
        assert_eq!(
            words(&["summit-kb", "--data", "x.toml", "docs"]),
            Some(PathBuf::from("x.toml"))
        );
        assert_eq!(
            words(&["summit-kb", "docs", "--data=y"]),
            Some(PathBuf::from("y"))
        );
    }

    #[test]
    fn the_decorated_command_is_well_formed() {
        command().debug_assert();
    }
}
