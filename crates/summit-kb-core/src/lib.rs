//! summit-kb's core: the model, dates, loading, the checks, the knowledge
//! base's questions and the search index, and the snapshot the binary embeds
//! its dataset as. No command line, no terminal, no printing: the `summit-kb`
//! crate and its build script both use this crate as an ordinary dependency.

pub mod date;
pub mod embed;
pub mod kb;
pub mod load;
pub mod locate;
pub mod model;
pub mod provenance;
pub mod records;
pub mod search_index;
pub mod snapshot;
pub mod validate;
pub mod visible;
pub mod wire;
