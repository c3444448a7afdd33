//! NDJSON: one compact JSON value per line, one line per record of the answer
//! (a list's records, a lookup's matches, `check`'s findings).

use std::io::{self, Write};

use serde::Serialize;

pub fn render<T: Serialize>(rows: &[T], out: &mut dyn Write) -> io::Result<()> {
    for record in rows {
        serde_json::to_writer(&mut *out, record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rendered(rows: &[serde_json::Value]) -> String {
        let mut out = Vec::new();
        render(rows, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_record_a_line_and_no_lines_for_none() {
        let rows = [json!({"id": "a", "n": [1, 2]}), json!({"id": "b\nc"})];
        assert_eq!(
            rendered(&rows),
            "{\"id\":\"a\",\"n\":[1,2]}\n{\"id\":\"b\\nc\"}\n"
        );
        assert_eq!(rendered(&[]), "");
    }
}
