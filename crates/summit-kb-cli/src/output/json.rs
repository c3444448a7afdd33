//! JSON: pretty-printed, two-space indent, one trailing newline.

use std::io::{self, Write};

use serde::Serialize;

pub fn render<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}
