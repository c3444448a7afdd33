//! summit-kb as a library: the model, the loader, the knowledge base, the
//! checks, the commands and the renderers. The binary in `main.rs` wires them
//! to the command line; fuzz targets, examples and property tests use them
//! directly.

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
