//! Embeds every file of `data/` into the binary as the default dataset.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=data");
    let mut names: Vec<String> = fs::read_dir("data")
        .expect("the data/ directory is readable")
        .map(|entry| entry.expect("data/ entries are readable").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    let mut code =
        String::from("/// The default dataset: (path, contents) of every file in data/.\n");
    code.push_str("pub const EMBEDDED: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=data/{name}");
        let _ = writeln!(
            code,
            "    (\"data/{name}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/data/{name}\"))),"
        );
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
