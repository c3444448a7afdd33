//! summit-kb as a library: the model, the loader, the knowledge base, the
//! checks, the commands and the renderers. The binary in `main.rs` wires them
//! to the command line; fuzz targets, examples and property tests use them
//! directly.
//!
//! The modules stand on floors, each importing only from those below it:
//!
//! 1. `main.rs` (the binary): reads the command line, runs the one command
//!    (one `match`), writes its answer, and decides the exit status.
//! 2. [`cli`]: the top-level options and the list of commands.
//! 3. [`commands`]: one module a command, its arguments and a `run` that asks
//!    the knowledge base and returns a typed answer; nothing for people.
//! 4. [`args`]: the arguments several commands share, and the dates they take.
//! 5. [`output`]: how an answer is written: JSON and its rows as the answer
//!    gives them, the table and Markdown from blocks worded in
//!    `output::human`; the export writers (Popolo, SQLite).
//! 6. [`answer`]: the typed answers, and what every one says of itself
//!    (its rows, CSV columns, whether it found anything).
//! 7. The dataset: [`kb`] (its questions), [`validate`], [`search_index`],
//!    [`load`], [`embed`], [`locate`], [`literal`], [`model`], [`date`].

pub mod answer;
pub mod args;
pub mod cli;
pub mod commands;
pub mod date;
pub mod embed;
pub mod kb;
pub mod literal;
pub mod load;
pub mod locate;
pub mod model;
pub mod output;
pub mod search_index;
pub mod validate;
