//! summit-kb as a library: the command line, the commands and the renderers,
//! over the core crate (`summit-kb-core`: the model, the loader, the knowledge
//! base, the checks), whose modules are re-exported here under their own
//! names. The binary in `main.rs` wires them to the command line with the
//! dataset its build embeds; fuzz targets, examples and property tests use
//! them directly.

pub use summit_kb_core::{date, kb, load, locate, model, search_index, snapshot, validate};

pub mod cli;
pub mod commands;
pub mod output;
pub mod value_enum;

/// The dataset this repository ships (`data/`), loaded from its files, for
/// the tests of this crate, which has no dataset compiled in (the binary has).
#[cfg(test)]
pub(crate) fn shipped() -> load::Loaded {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    load::from_path(&dir).expect("the shipped data loads")
}
