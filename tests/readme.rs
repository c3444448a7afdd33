//! What the README says of building and installing, held to the manifest.

use std::fs;
use std::path::Path;

fn read(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

/// The value of `key = "..."` in the manifest's `[package]` table.
fn package_value(manifest: &str, key: &str) -> String {
    let package = &manifest[manifest.find("[package]").expect("a [package] table")..];
    let package = &package[..package[1..].find("\n[").map_or(package.len(), |at| at + 1)];
    let line = package
        .lines()
        .find(|l| l.split('=').next().is_some_and(|k| k.trim() == key))
        .unwrap_or_else(|| panic!("no {key} in [package]"));
    line.split('"').nth(1).expect("a quoted value").to_string()
}

#[test]
fn the_readme_names_the_rust_version_the_manifest_requires() {
    let readme = read("README.md");
    let wanted = package_value(&read("Cargo.toml"), "rust-version");
    let named: Vec<&str> = readme
        .match_indices("Rust ")
        .filter_map(|(at, _)| readme[at + 5..].split_whitespace().next())
        .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert!(!named.is_empty(), "the README names no Rust version");
    for version in named {
        assert_eq!(
            version, wanted,
            "README says Rust {version}; Cargo.toml needs {wanted}"
        );
    }
    // Every crate of the workspace asks for the same.
    for crate_dir in ["crates/summit-kb-core", "crates/summit-kb-cli"] {
        let manifest = read(&format!("{crate_dir}/Cargo.toml"));
        assert_eq!(
            package_value(&manifest, "rust-version"),
            wanted,
            "{crate_dir}"
        );
    }
}

#[test]
fn the_readme_installs_with_the_lock_file_and_says_where_the_binary_goes() {
    let readme = read("README.md");
    assert!(
        readme.contains("cargo install --locked --path ."),
        "--locked"
    );
    assert!(
        !readme.contains("cargo install --path"),
        "an install without --locked"
    );
    assert!(
        readme.contains("~/.cargo/bin") && readme.contains("PATH"),
        "PATH"
    );
}
