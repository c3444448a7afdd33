//! `completions SHELL` and `man`: the shell completion script and the manual
//! page, both generated from the command line's definition.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<()> {
    clap_complete::generate(shell, &mut Cli::command(), "summit-kb", out);
    Ok(())
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
