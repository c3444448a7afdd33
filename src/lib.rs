//! summit-kb as a library: the command line (`summit-kb-cli`) and the core
//! (`summit-kb-core`), re-exported under one name for the tests, examples
//! and fuzz targets. The dataset is compiled into the binary alone
//! (`main.rs`), so that a data edit rebuilds nothing of this library.

pub use summit_kb_cli::*;
