//! `schema`: the JSON Schema of what `export --format json` writes, generated
//! from the same Rust types that read and write it.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use crate::model::Dataset;

/// The schema as a JSON value (draft 2020-12), `$schema` and `title` first.
pub fn schema() -> Value {
    let generated = schemars::schema_for!(Dataset).to_value();
    let mut schema = Map::new();
    schema.insert("$schema".to_string(), generated["$schema"].clone());
    schema.insert(
        "title".to_string(),
        "summit-kb export (export --format json)".into(),
    );
    if let Value::Object(rest) = generated {
        for (key, value) in rest {
            if !schema.contains_key(&key) {
                schema.insert(key, value);
            }
        }
    }
    Value::Object(schema)
}

pub fn write(out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, &schema())?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_the_date_pattern_and_records_refuse_unknown_fields() {
        let schema = schema();
        let defs = &schema["$defs"];
        assert_eq!(defs["Date"]["pattern"], "^[0-9]{4}(-[0-9]{2}){0,2}$");
        assert_eq!(defs["Term"]["additionalProperties"], false);
        let required = defs["Term"]["required"].as_array().unwrap();
        assert!(required.contains(&"start".into()));
        assert!(!required.contains(&"end".into()));
    }
}
