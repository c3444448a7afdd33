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
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::Shells;

use crate::load::{self, Embedded, Loaded};
use crate::model::{Record, RecordKind};
use crate::output::visible_line;

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
/// (found on PATH) back for the candidates; `cli` is the command line, for
/// a shell that is given a static script.
pub fn completions(
    shell: clap_complete::Shell,
    mut cli: clap::Command,
    out: &mut dyn Write,
) -> Result<()> {
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
        None => clap_complete::generate(shell, &mut cli, "summit-kb", out),
    }
    Ok(())
}

/// The dataset compiled into the binary, for the candidates clap_complete
/// asks for (functions without arguments); set by [`complete_if_asked`].
static EMBEDDED: std::sync::OnceLock<&'static Embedded> = std::sync::OnceLock::new();

/// Answers a completion request (`SUMMIT_KB_COMPLETE=bash summit-kb -- WORDS...`) and
/// exits; does nothing on an ordinary run.
///
/// The variable alone does not make a request: one left in the environment
/// (exported by hand, inherited from a script) would turn every command
/// into the completer. A request is what the registered scripts send, for
/// every shell: the variable naming a shell that clap_complete completes
/// for, and `--` right after the program's name, then the words.
/// `cli` makes the command line; `embedded` is the dataset compiled into
/// the binary, whose ids are offered when the line gives no `--data`.
pub fn complete_if_asked(cli: fn() -> clap::Command, embedded: &'static Embedded) {
    if !is_request(std::env::var_os(COMPLETE_VAR), std::env::args_os().nth(1)) {
        return;
    }
    let _ = EMBEDDED.set(embedded);
    clap_complete::CompleteEnv::with_factory(move || with_candidates(cli()))
        .var(COMPLETE_VAR)
        .bin("summit-kb")
        .completer("summit-kb")
        .complete();
}

/// Whether the value of [`COMPLETE_VAR`] and the first argument make a
/// completion request.
fn is_request(var: Option<OsString>, first: Option<OsString>) -> bool {
    let Some(var) = var else {
        return false;
    };
    // As clap_complete reads it: a path's stem (`/bin/bash`) names the shell.
    let shell = std::path::Path::new(&var)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Shells::builtins().completer(&shell).is_some() && first.is_some_and(|a| a == "--")
}

/// The command line with the dataset's ids as candidates: meetings for
/// `--summit`, records for `show`, posts for `holder` and `terms`,
/// organisations for `--org`.
pub fn with_candidates(cli: clap::Command) -> clap::Command {
    let ids = |kinds: &'static [RecordKind]| ArgValueCandidates::new(move || candidates(kinds));
    let mut cmd = cli;
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
///
/// An id is offered only when the shell can take it as it is: a dataset
/// read with `--data` is not checked first, and an id holding a quote, a
/// `$`, a `;` or a control character would be put on the command line raw
/// (bash inserts a candidate as it is). Such an id is left out (`check`
/// reports it); the help shown beside an id is made [`visible`].
fn candidates(kinds: &[RecordKind]) -> Vec<CompletionCandidate> {
    let Some(loaded) = dataset() else {
        return Vec::new();
    };
    loaded
        .dataset
        .records()
        .filter(|r| kinds.is_empty() || kinds.contains(&r.kind()))
        .filter(|r| is_plain_word(r.id()))
        .map(|r: Record<'_>| {
            let label = visible_line(&r.label()).into_owned();
            CompletionCandidate::new(r.id()).help(Some(label.into()))
        })
        .collect()
}

/// Whether a shell reads `word` as itself, unquoted: letters and digits of
/// any script and `-_.:+,@%/`, and not empty.
fn is_plain_word(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.:+,@%/".contains(c))
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
        None => load::embedded(EMBEDDED.get()?).ok(),
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
/// options and examples. `cli` is the command line.
pub fn man(cli: clap::Command, out: &mut dyn Write) -> Result<()> {
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
    write!(out, "{}", MAN_SECTIONS)?;
    page.render_extra_section(out)?;
    page.render_version_section(out)?;
    write!(out, "{}", MAN_SEE_ALSO)?;
    Ok(())
}

/// The sections of the manual page that no option or command gives:
/// the environment, the exit status and the files read.
const MAN_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBSUMMIT_KB_DATA\fR
The dataset to load when \fB\-\-data\fR is not given: a directory of TOML and JSON files,
one such file, or a snapshot written by \fBexport \-\-format snapshot\fR. Unset, the
dataset compiled into the program is used.
.TP
\fBNO_COLOR\fR, \fBCLICOLOR\fR, \fBCLICOLOR_FORCE\fR, \fBTERM\fR
With \fB\-\-color auto\fR (the default), the output is coloured on a terminal unless
\fBNO_COLOR\fR is set and not empty, \fBCLICOLOR\fR is 0, or \fBTERM\fR is dumb or unset;
\fBCLICOLOR_FORCE\fR set and not empty colours it wherever it goes.
.TP
\fBTZ\fR
The time zone whose day is \fItoday\fR (the default day of \fBholder\fR, \fBchair\fR and
\fBmembers\fR); unset, the system's. A \fBTZ\fR that names a file that is not a time zone
file is not read: today is then the day in UTC, with a warning.
.TP
\fBSUMMIT_KB_COMPLETE\fR
Set by the scripts of \fBsummit\-kb completions\fR when they call the program back on a
TAB; not for setting by hand.
.SH "EXIT STATUS"
.TP
\fB0\fR
An answer.
.TP
\fB1\fR
No answer: nobody held the post that day, no chair recorded, only "possibly" answers, no
document or search hit matches, or \fBcheck\fR found warnings or errors.
.TP
\fB2\fR
An error: a bad argument, an unknown id or post, unreadable or invalid data. The error is
one line on standard error.
.SH FILES
None at run time: the dataset is compiled into the program. With \fB\-\-data\fR \fIPATH\fR
(or \fBSUMMIT_KB_DATA\fR), every \fB.toml\fR and \fB.json\fR file below the directory
\fIPATH\fR (hidden ones left out), or the one file \fIPATH\fR: TOML, JSON as \fBexport\fR
writes it, or a snapshot. \fBexport \-\-output\fR \fIFILE\fR writes \fIFILE\fR whole or not at all.
"#;

/// The last section of the manual page: the tools its exports are for.
const MAN_SEE_ALSO: &str = r#".SH "SEE ALSO"
\fBjq\fR(1) for the JSON answers and exports, \fBsqlite3\fR(1) and Datasette
(https://datasette.io) for \fBexport \-\-format sqlite\fR.
"#;

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
    fn only_a_shell_and_a_double_dash_make_a_completion_request() {
        let os = |s: &str| Some(OsString::from(s));
        assert!(is_request(os("bash"), os("--")));
        assert!(is_request(os("/usr/bin/zsh"), os("--")));
        assert!(!is_request(os("bash"), os("docs")));
        assert!(!is_request(os("bash"), None));
        assert!(!is_request(os("1"), os("--")));
        assert!(!is_request(os(""), os("--")));
        assert!(!is_request(None, os("--")));
    }

    #[test]
    fn ids_a_shell_would_read_otherwise_are_not_offered() {
        assert!(is_plain_word("csc-2025-bishkek"));
        assert!(is_plain_word("shos-2025"));
        for word in [
            "", "a b", "a;b", "$(x)", "a'b", "a\x1bb", "a`b", "a|b", "*", "a\nb",
        ] {
            assert!(!is_plain_word(word), "{word:?}");
        }
    }
}
