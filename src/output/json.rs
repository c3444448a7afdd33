//! JSON: pretty-printed, two-space indent, one trailing newline.

use std::io::{self, Write};

use serde_json::Value;

pub fn render(value: &Value, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}
