//! `export --format snapshot` and `--data FILE.skb`: the records written as
//! the binary embeds them, loaded back with the answers of the data itself.

use std::process::Command;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_summit-kb"))
        .args(args)
        .env_remove("SUMMIT_KB_DATA")
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_snapshot_export_loads_back_with_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kb.skb");
    let path = file.to_str().unwrap();
    let (code, _, stderr) = run(&["export", "--format", "snapshot", "--output", path]);
    assert_eq!(code, Some(0), "{stderr}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"SKBSNAP"));
    for query in [
        vec!["holder", "SG", "--on", "2019-06-01", "--format", "json"],
        vec!["docs", "--summit", "csc-2025-bishkek"],
        vec!["chair", "--org", "sco", "--on", "2019-06-01"],
        vec!["export"],
    ] {
        let embedded = run(&query);
        let mut with_data = vec!["--data", path];
        with_data.extend(&query);
        assert_eq!(run(&with_data), embedded, "{query:?}");
    }
    let (code, stdout, _) = run(&["--data", path, "check"]);
    assert_eq!(code, Some(0), "{stdout}");
}

#[test]
fn a_snapshot_is_not_written_to_standard_output_and_a_cut_one_is_refused() {
    let (code, stdout, stderr) = run(&["export", "--format", "snapshot"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(stderr.contains("give --output FILE"), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kb.skb");
    let path = file.to_str().unwrap();
    run(&["export", "--format", "snapshot", "--output", path]);
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() - 10]).unwrap();
    let (code, stdout, stderr) = run(&["--data", path, "docs"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.starts_with(&format!("error: {path}: a damaged snapshot")),
        "{stderr}"
    );
}
