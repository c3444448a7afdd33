//! `schema`: the JSON Schema of what `export --format json` writes, generated
//! from the same Rust types that read and write it.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use clap::ValueEnum;

use crate::model::Dataset;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The command whose JSON answer to describe.
    #[arg(value_enum)]
    pub command: Option<Answering>,
}

/// The commands that answer with JSON of their own shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Answering {
    Summits,
    Docs,
    Decisions,
    Show,
    Holder,
    Terms,
    Chair,
    Members,
    Sources,
    Search,
    Timeline,
    Check,
}

/// The schema as a JSON value (draft 2020-12), `$schema` and `title` first.
pub fn schema() -> Value {
    titled(
        schemars::schema_for!(Dataset),
        "summit-kb export (export --format json)",
    )
}

/// The schema of a command's JSON answer, from the type it serialises.
pub fn of_answer(command: Answering) -> Value {
    let generated = match command {
        Answering::Summits => schemars::schema_for!(crate::answer::summits::Summits),
        Answering::Docs => schemars::schema_for!(crate::answer::docs::Docs),
        Answering::Decisions => schemars::schema_for!(crate::answer::decisions::Decisions),
        Answering::Show => schemars::schema_for!(crate::answer::show::Show),
        Answering::Holder => schemars::schema_for!(crate::answer::holder::Holder),
        Answering::Terms => schemars::schema_for!(crate::answer::terms::Terms),
        Answering::Chair => schemars::schema_for!(crate::answer::chair::Chair),
        Answering::Members => schemars::schema_for!(crate::answer::members::Members),
        Answering::Sources => schemars::schema_for!(crate::answer::sources::Sources),
        Answering::Search => schemars::schema_for!(crate::answer::search::Search),
        Answering::Timeline => schemars::schema_for!(crate::answer::timeline::Timeline),
        Answering::Check => schemars::schema_for!(crate::answer::check::Check),
    };
    let name = command
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    titled(
        generated,
        &format!("summit-kb {name} (--format json {name})"),
    )
}

/// `$schema` and `title` first, then the rest.
fn titled(generated: schemars::Schema, title: &str) -> Value {
    let generated = generated.to_value();
    let mut schema = Map::new();
    schema.insert("$schema".to_string(), generated["$schema"].clone());
    schema.insert("title".to_string(), title.into());
    if let Value::Object(rest) = generated {
        for (key, value) in rest {
            if !schema.contains_key(&key) {
                schema.insert(key, value);
            }
        }
    }
    Value::Object(schema)
}

pub fn write(command: Option<Answering>, out: &mut dyn Write) -> Result<()> {
    let schema = command.map_or_else(schema, of_answer);
    serde_json::to_writer_pretty(&mut *out, &schema)?;
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
