//! NDJSON: one compact JSON value per line, one line per record of the answer
//! (a list's records, a lookup's matches, `check`'s findings).

use std::io::{self, Write};

use super::Data;

pub fn render(data: &Data, out: &mut dyn Write) -> io::Result<()> {
    for record in &data.records {
        serde_json::to_writer(&mut *out, record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rendered(data: &Data) -> String {
        let mut out = Vec::new();
        render(data, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_record_a_line_and_no_lines_for_none() {
        let data = Data::new(
            &["id"],
            vec![json!({"id": "a", "n": [1, 2]}), json!({"id": "b\nc"})],
        );
        assert_eq!(
            rendered(&data),
            "{\"id\":\"a\",\"n\":[1,2]}\n{\"id\":\"b\\nc\"}\n"
        );
        assert_eq!(rendered(&Data::new(&["id"], vec![])), "");
    }
}
