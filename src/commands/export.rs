//! `export`: the whole knowledge base as one JSON document that loads again as
//! a dataset.

use std::io::Write;

use anyhow::Result;

use crate::model::Dataset;

/// Writes the dataset as pretty JSON with a trailing newline.
pub fn write(dataset: &Dataset, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, dataset)?;
    out.write_all(b"\n")?;
    Ok(())
}
