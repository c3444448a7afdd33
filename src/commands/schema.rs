//! `schema`: the JSON Schema of what `export --format json` writes, generated
//! from the same Rust types that read and write it.

use std::io::Write;

use anyhow::Result;

use crate::model::Dataset;

/// The schema as a JSON value (draft 2020-12).
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Dataset);
    schema.insert(
        "title".to_string(),
        "summit-kb export (export --format json)".into(),
    );
    schema.to_value()
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
