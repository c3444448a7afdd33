//! summit-kb's command line: its arguments, commands, typed answers and
//! renderers, over the core crate (`summit-kb-core`), whose modules are
//! re-exported here under their own names. The `summit-kb` crate (the binary,
//! whose build embeds the dataset) re-exports this one as its library, so
//! that a data edit compiles neither this crate nor the core again.
//!
//! The modules stand on floors, each importing only from those below it:
//!
//! 1. `main.rs` (the binary): reads the command line, runs the one command
//!    (one `match`), writes its answer, and decides the exit status.
//! 2. [`cli`]: the top-level options and the list of commands.
//! 3. [`commands`]: one module a command, its arguments and a `run` that asks
//!    the knowledge base and returns a typed answer; nothing for people.
//! 4. [`args`] and [`value_enum`]: the arguments several commands share, and
//!    the dates and kinds they take.
//! 5. [`output`]: how an answer is written: JSON and its rows as the answer
//!    gives them, the table and Markdown from blocks worded in
//!    `output::human`; the export writers (Popolo, SQLite).
//! 6. [`answer`]: the typed answers, and what every one says of itself
//!    (its rows, CSV columns, whether it found anything).
//! 7. The core crate, `summit-kb-core`: [`kb`] (the dataset's questions),
//!    [`validate`], [`search_index`], [`snapshot`], [`load`], [`locate`],
//!    [`model`], [`date`]; no command line, terminal or printing.

pub use summit_kb_core::{date, embed, kb, load, locate, model, search_index, snapshot, validate};

pub mod answer;
pub mod args;
pub mod cli;
pub mod commands;
pub mod output;
pub mod value_enum;

/// The dataset this repository ships (`data/`), loaded from its files, for
/// the tests of this crate, which has no dataset compiled in (the binary has).
#[cfg(test)]
pub(crate) fn shipped() -> load::Loaded {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    load::from_path(&dir).expect("the shipped data loads")
}
