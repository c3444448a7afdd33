//! Golden tests: whole invocations (help text, error messages, exit statuses)
//! compared with the files in tests/cmd. `TRYCMD=overwrite cargo test --test
//! golden` rewrites them after a deliberate change.

#[test]
fn golden_invocations() {
    trycmd::TestCases::new()
        .env("TZ", "UTC")
        .case("tests/cmd/*.toml")
        .case("README.md");
}
