//! Help and the manual page: each command's own options come before the
//! global ones, and `man` documents every command on one page.

mod common;

use clap::CommandFactory;
use summit_kb::cli::Cli;

fn commands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn a_commands_help_lists_its_own_options_before_the_global_ones() {
    assert!(commands().len() >= 15, "{:?}", commands());
    for command in commands() {
        for flag in ["-h", "--help"] {
            let (code, help, _) = common::run(&[command.as_str(), flag]);
            assert_eq!(code, 0, "{command} {flag}");
            let own = help
                .find("\nOptions:\n")
                .unwrap_or_else(|| panic!("{command} {flag}: no Options:\n{help}"));
            let global = help
                .find("\nGlobal options:\n")
                .unwrap_or_else(|| panic!("{command} {flag}: no Global options:\n{help}"));
            assert!(own < global, "{command} {flag}:\n{help}");
            let globals = &help[global..];
            for option in ["--data", "--format", "--color"] {
                assert!(globals.contains(option), "{command} {flag}: {option}");
                assert!(
                    !help[own..global].contains(&format!("{option} <")),
                    "{command} {flag}: {option} among its own options"
                );
            }
        }
    }
}

#[test]
fn export_and_queries_list_their_own_formats() {
    let (_, help, _) = common::run(&["export", "--help"]);
    assert!(help.contains("Default: json"), "{help}");
    assert!(!help.contains("[default: table]"), "{help}");
    assert!(!help.contains("- csv:"), "{help}");
    let (_, help, _) = common::run(&["docs", "--help"]);
    assert!(help.contains("Default: table"), "{help}");
    assert!(!help.contains("- popolo:"), "{help}");
}

#[test]
fn the_manual_page_has_a_section_for_every_command_and_names_no_missing_page() {
    let (code, page, _) = common::run(&["man"]);
    assert_eq!(code, 0);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{page}");
    for command in commands() {
        let heading = format!(".SH \"SUMMIT\\-KB {}\"", command.to_uppercase());
        let at = page
            .find(&heading)
            .unwrap_or_else(|| panic!("no section {heading}"));
        // The section holds the command's synopsis and its options.
        let rest = &page[at + heading.len()..];
        let section = &rest[..rest.find("\n.SH ").unwrap_or(rest.len())];
        let synopsis = format!("\\fBsummit\\-kb {}\\fR", command.replace('-', "\\-"));
        assert!(section.contains(&synopsis), "{command}: {synopsis}");
        assert!(section.contains(".SS OPTIONS"), "{command}");
    }
    // Only this page exists: no summit-kb-COMMAND(1) is installed.
    for marker in ["summit\\-kb\\-", "summit-kb-"] {
        assert!(!page.contains(marker), "the page names {marker}…");
    }
    // Other pages are named only in SEE ALSO, and only those of tools the
    // exports are for.
    let (body, see_also) = page.split_at(page.find(".SH \"SEE ALSO\"").expect("SEE ALSO"));
    assert!(!body.contains("(1)"), "the page names another page");
    assert!(see_also.contains("\\fBjq\\fR(1)"), "{see_also}");
    assert_eq!(see_also.matches("(1)").count(), 2, "{see_also}");
    // What no option says: the environment, the exit status, the files.
    for heading in [".SH ENVIRONMENT", ".SH \"EXIT STATUS\"", ".SH FILES"] {
        let at = body.find(heading).unwrap_or_else(|| panic!("no {heading}"));
        let rest = &body[at + heading.len()..];
        let section = &rest[..rest.find("\n.SH ").unwrap_or(rest.len())];
        let wanted: &[&str] = match heading {
            ".SH ENVIRONMENT" => &["SUMMIT_KB_DATA", "NO_COLOR", "\\fBTZ\\fR"],
            ".SH FILES" => &["\\-\\-data", ".toml", ".json"],
            _ => &["\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR"],
        };
        for word in wanted {
            assert!(section.contains(word), "{heading} lacks {word}: {section}");
        }
    }
}
