//! Shell completion, through the shells themselves: each test sources the
//! script `summit-kb completions SHELL` prints, asks the shell's completion
//! function for the candidates of a half-typed line, and checks them. The
//! script calls `summit-kb` back, so the binary under test is put first on
//! PATH. Bash is required; zsh and fish are tested when installed (a note
//! says when they are not).

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_summit-kb");

/// PATH with the directory of the binary under test first.
fn path_with_binary() -> String {
    let dir = Path::new(BIN).parent().expect("the binary has a directory");
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{old}", dir.display())
}

/// Runs `script` with `shell` (and its arguments) in a clean environment;
/// returns stdout, failing the test on a non-zero exit.
fn run_shell(shell: &[&str], script: &str) -> String {
    let output = Command::new(shell[0])
        .args(&shell[1..])
        .arg("-c")
        .arg(script)
        .env("PATH", path_with_binary())
        .env_remove("SUMMIT_KB_DATA")
        .env_remove("SUMMIT_KB_COMPLETE")
        .env("TZ", "UTC")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("{} runs: {e}", shell[0]));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{}: exit {:?}\nstdout: {stdout}\nstderr: {stderr}",
        shell[0],
        output.status.code()
    );
    stdout
}

fn installed(shell: &str) -> bool {
    let found = Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("note: {shell} is not installed; its completion is not tested");
    }
    found
}

/// A shell-quoted word.
fn quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// What bash offers for `line` (the last word being completed, possibly
/// empty): the function `complete -p summit-kb` names is called as bash
/// calls it, with COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set.
fn bash_candidates(line: &[&str]) -> Vec<String> {
    let words: Vec<String> = line.iter().map(|w| quote(w)).collect();
    let script = format!(
        r#"source <(summit-kb completions bash)
spec=$(complete -p summit-kb) || exit 3
fn=$(printf '%s\n' "$spec" | sed -E 's/.* -F ([^ ]+) .*/\1/')
COMP_WORDS=({words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
COMP_TYPE=9
COMPREPLY=()
"$fn" summit-kb "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}"
"#,
        words = words.join(" ")
    );
    lines(&run_shell(&["bash", "--norc", "--noprofile"], &script))
}

/// What zsh's registered function offers for `line`. The completion
/// system's `compdef` and `_describe` are replaced by stand-ins that record
/// the function registered and print the candidates it hands over (as
/// `value:description`), so no terminal is needed.
fn zsh_candidates(line: &[&str]) -> Vec<String> {
    let words: Vec<String> = line.iter().map(|w| quote(w)).collect();
    let script = format!(
        r#"typeset -g registered
compdef() {{ registered=$1 }}
_describe() {{ local name=${{@[-1]}}; print -rl -- ${{(P)name}} }}
source <(summit-kb completions zsh)
[[ -n $registered ]] || exit 3
words=({words})
CURRENT=${{#words}}
$registered
"#,
        words = words.join(" ")
    );
    lines(&run_shell(&["zsh", "-f"], &script))
        .into_iter()
        .map(|l| l.split(':').next().unwrap_or_default().to_string())
        .collect()
}

/// What fish offers for `line` (`complete -C`), without the descriptions.
fn fish_candidates(line: &[&str]) -> Vec<String> {
    // The words of the cases need no quoting in fish.
    let script = format!(
        "summit-kb completions fish | source; complete -C {}",
        quote(&line.join(" "))
    );
    lines(&run_shell(&["fish", "--no-config"], &script))
        .into_iter()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The cases every shell must get right: (line, candidates expected exactly).
const CASES: &[(&[&str], &[&str])] = &[
    // A subcommand's option.
    (&["summit-kb", "docs", "--ki"], &["--kind"]),
    // An option's value.
    (&["summit-kb", "docs", "--kind", "str"], &["strategy"]),
    // Ids from the dataset.
    (
        &["summit-kb", "docs", "--summit", "csc-2025-b"],
        &["csc-2025-bishkek"],
    ),
    (
        &["summit-kb", "show", "taalatbek"],
        &["taalatbek-masadykov"],
    ),
    (
        &["summit-kb", "holder", "secretary-g"],
        &["secretary-general"],
    ),
    (&["summit-kb", "members", "--org", "cs"], &["csto"]),
    // A subcommand.
    (&["summit-kb", "decis"], &["decisions"]),
];

fn check_cases(shell: &str, complete: fn(&[&str]) -> Vec<String>) {
    for (line, expected) in CASES {
        assert_eq!(complete(line), *expected, "{shell}: {line:?}");
    }
}

#[test]
fn bash_completes_options_values_and_ids() {
    check_cases("bash", bash_candidates);
}

#[test]
fn bash_registers_the_hyphenated_program_name() {
    let spec = run_shell(
        &["bash", "--norc"],
        "source <(summit-kb completions bash); complete -p summit-kb",
    );
    assert!(
        spec.contains("-F _clap_complete_summit_kb summit-kb"),
        "{spec}"
    );
    // The function it names is defined.
    let defined = run_shell(
        &["bash", "--norc"],
        "source <(summit-kb completions bash); declare -F _clap_complete_summit_kb",
    );
    assert_eq!(defined.trim(), "_clap_complete_summit_kb");
}

#[test]
fn bash_offers_every_kind_and_every_meeting_of_a_prefix() {
    let kinds = bash_candidates(&["summit-kb", "docs", "--kind", ""]);
    for kind in ["declaration", "strategy", "plan", "statement", "decision"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} not in {kinds:?}");
    }
    let bishkek = bash_candidates(&["summit-kb", "decisions", "--summit", "csc-2019"]);
    assert_eq!(bishkek, ["csc-2019-bishkek"]);
    let options = bash_candidates(&["summit-kb", "summits", "--"]);
    for option in ["--org", "--from", "--to", "--sources", "--format", "--data"] {
        assert!(options.iter().any(|o| o == option), "{option}: {options:?}");
    }
}

#[test]
fn ids_with_shell_metacharacters_or_controls_are_never_offered() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[[source]]\nid = \"evil-$(touch pwned)\"\npublisher = \"P\"\ntitle = \"T\"\n\n\
         [[source]]\nid = \"evil-\\u001b[2J\"\npublisher = \"P\"\ntitle = \"T\"\n\n\
         [[source]]\nid = \"evil-ok\"\npublisher = \"P\\u001b[2J\"\ntitle = \"T\"\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    let offered = bash_candidates(&["summit-kb", "--data", data, "show", "evil"]);
    assert_eq!(offered, ["evil-ok"], "{offered:?}");
}

#[test]
fn bash_ids_come_from_the_dataset_the_line_names() {
    let line = [
        "summit-kb",
        "--data",
        "tests/fixtures/third-org",
        "docs",
        "--summit",
        "",
    ];
    let meetings = bash_candidates(&line);
    assert!(
        meetings.iter().any(|m| m == "erf-2021-southbay"),
        "{meetings:?}"
    );
    assert!(
        !meetings.iter().any(|m| m == "csc-2025-bishkek"),
        "{meetings:?}"
    );
    assert!(
        meetings.iter().all(|m| m.starts_with("erf-")),
        "{meetings:?}"
    );
}

#[test]
fn zsh_completes_options_values_and_ids() {
    if installed("zsh") {
        check_cases("zsh", zsh_candidates);
    }
}

#[test]
fn fish_completes_options_values_and_ids() {
    if installed("fish") {
        check_cases("fish", fish_candidates);
    }
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = Command::new(BIN)
            .args(["completions", shell])
            .env_remove("SUMMIT_KB_COMPLETE")
            .output()
            .unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        // Each calls the program back for its candidates.
        assert!(script.contains("summit-kb"), "{shell}: {script}");
        assert!(script.contains("SUMMIT_KB_COMPLETE"), "{shell}: {script}");
    }
}

#[test]
fn a_stray_complete_variable_does_not_turn_a_run_into_completion() {
    // clap_complete's default variable, which other tools' scripts set.
    let output = Command::new(BIN)
        .args([
            "--format", "csv", "summits", "--from", "2025", "--to", "2025",
        ])
        .env("COMPLETE", "bash")
        .env_remove("SUMMIT_KB_COMPLETE")
        .env_remove("SUMMIT_KB_DATA")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("id,"), "{stdout}");
    // The header and the four meetings of 2025 (SCO, CSTO and two EAEU).
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
}
