//! NDJSON: one compact JSON value per line. A list gives one line per record,
//! in the shape `export` writes it; any other answer is one line.

use std::io::{self, Write};

use serde_json::Value;

pub fn render(value: &Value, out: &mut dyn Write) -> io::Result<()> {
    let lines: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for line in lines {
        serde_json::to_writer(&mut *out, line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rendered(value: &Value) -> String {
        let mut out = Vec::new();
        render(value, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_list_is_one_line_per_record() {
        let text = rendered(&json!([{"id": "a", "n": [1, 2]}, {"id": "b\nc"}]));
        assert_eq!(text, "{\"id\":\"a\",\"n\":[1,2]}\n{\"id\":\"b\\nc\"}\n");
    }

    #[test]
    fn an_empty_list_is_no_lines_and_an_object_is_one() {
        assert_eq!(rendered(&json!([])), "");
        assert_eq!(
            rendered(&json!({"on": "2026-01-01"})),
            "{\"on\":\"2026-01-01\"}\n"
        );
    }
}
