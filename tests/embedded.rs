//! The embedded dataset is the snapshot build.rs made of `data/`, loaded and
//! checked when the binary was built: its answers must be those of the same
//! files loaded with `--data data`, and a dataset with errors is named, with
//! file, line and column, by what the build runs (`embed::prepare`).

mod common;

use std::fs;
use std::path::Path;

use ::summit_kb::{embed, snapshot};
use common::summit_kb;

/// Runs summit-kb in the repository, so that `--data data` names the files as
/// the embedded dataset does; returns (exit code, stdout, stderr).
fn run_in_repo(args: &[&str]) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let output = summit_kb()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("the binary runs");
    (output.status.code(), output.stdout, output.stderr)
}

#[test]
fn embedded_answers_are_those_of_the_data_directory_byte_for_byte() {
    let commands: &[&[&str]] = &[
        &["summits"],
        &["docs"],
        &["docs", "--summit", "csc-2025-bishkek"],
        &["decisions"],
        &["show", "csc-2025-bishkek"],
        &["holder", "secretary-general", "--on", "2019-06-01"],
        &["terms"],
        &["chair", "--on", "2026-06-01"],
        &["members", "--on", "2020-01-01"],
        &["sources"],
        &["search", "Masadykov"],
        &["timeline"],
        &["timeline", "--chart"],
        &["export"],
        &["check"],
        // Failures too: the same message and exit status.
        &["show", "no-such-record"],
        &["holder", "no-such-post"],
    ];
    let mut compared = 0;
    for command in commands {
        for format in ["table", "json", "csv", "ndjson"] {
            let embedded: Vec<&str> = ["--format", format]
                .iter()
                .chain(*command)
                .copied()
                .collect();
            let with_data: Vec<&str> = ["--data", "data"]
                .iter()
                .chain(&embedded)
                .copied()
                .collect();
            let from_snapshot = run_in_repo(&embedded);
            let from_files = run_in_repo(&with_data);
            assert_eq!(
                from_snapshot,
                from_files,
                "summit-kb {} differs from --data data",
                embedded.join(" ")
            );
            compared += usize::from(from_snapshot.0 == Some(0));
        }
    }
    // Most of them are answers (export refuses csv, table and the like).
    assert!(compared > 40, "{compared} answers compared");
}

/// The error lines of `summit-kb --data PATH check`.
fn check_errors(path: &str) -> Vec<String> {
    let (code, stdout, _) = run_in_repo(&["--data", path, "check"]);
    assert_eq!(code, Some(1), "check finds errors in {path}");
    String::from_utf8(stdout)
        .expect("check writes UTF-8")
        .lines()
        .filter(|line| line.contains(": error: "))
        .map(str::to_string)
        .collect()
}

fn prepare_in_repo(path: &str) -> embed::Embedding {
    embed::prepare(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("the path is listed")
}

#[test]
fn the_build_names_every_error_of_a_dataset_as_check_does() {
    let path = "tests/fixtures/damaged.toml";
    let embedding = prepare_in_repo(path);
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    assert_eq!(
        embedding.files,
        vec![(full.display().to_string(), full.clone())]
    );
    let errors = embedding
        .snapshot
        .expect_err("a damaged dataset has no snapshot");
    // Named with the absolute path; check was given the relative one.
    let errors: Vec<String> = errors
        .iter()
        .map(|e| e.replace(&full.display().to_string(), path))
        .collect();
    assert_eq!(errors, check_errors(path));
    assert!(
        errors[0].starts_with("tests/fixtures/damaged.toml:23:25: error: head:"),
        "{errors:?}"
    );
}

#[test]
fn the_build_names_where_a_file_does_not_parse_as_a_query_does() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.toml"),
        "[[source]]\nid = \"s\"\npublisher = \"p\"\ntitle = \"t\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.toml"),
        "[[person]]\nid = \"a\"\nnmae = \"A\"\n",
    )
    .unwrap();
    let embedding = embed::prepare(dir.path()).unwrap();
    let names: Vec<&str> = embedding
        .files
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    let shown = dir.path().display().to_string();
    assert_eq!(
        names,
        [format!("{shown}/a.toml"), format!("{shown}/b.toml")]
    );
    let errors = embedding.snapshot.expect_err("a file that does not parse");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with(&format!("{shown}/b.toml:3:1: unknown field `nmae`")),
        "{errors:?}"
    );
    let (code, stdout, stderr) = run_in_repo(&["--data", &shown, "docs"]);
    assert_eq!((code, stdout.len()), (Some(2), 0));
    assert_eq!(
        String::from_utf8(stderr).unwrap(),
        format!("error: {}\n", errors[0])
    );
}

#[test]
fn the_build_snapshots_a_dataset_without_errors() {
    let embedding = prepare_in_repo("data");
    let bytes = embedding.snapshot.expect("the shipped data has no errors");
    let files =
        summit_kb::load::from_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap();
    let snapshot = snapshot::read(&bytes).unwrap();
    assert!(summit_kb::load::Loaded::from(snapshot::read(&bytes).unwrap()).checked);
    assert_eq!(snapshot.dataset, files.dataset);
    let names: Vec<&String> = snapshot.counts.iter().map(|(file, _)| file).collect();
    let listed: Vec<&String> = embedding.files.iter().map(|(file, _)| file).collect();
    assert_eq!(names, listed);
    assert_eq!(embedding.files.len(), files.counts.len());
}
