//! What `show` answers.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::Answer;
use crate::model::{Citation, Claim, Record};

/// The answer to `show`: its JSON, and the record itself with every citation
/// in it, for the blocks.
#[derive(Debug)]
pub struct Show<'a> {
    pub json: ShowJson<'a>,
    pub record: Record<'a>,
    /// Every citation in the record, with where in it ("" for its own).
    pub cited: Vec<(String, Citation)>,
}

crate::json_is!(Show<'_>, json: ShowJson<'static>);

/// The JSON of `show`: the record, the sources it cites, the claims about it,
/// and the records that cite or refer to it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ShowJson<'a> {
    /// The record's kind, as its TOML table is named.
    pub kind: &'static str,
    /// The record as exported.
    pub record: Value,
    /// Every source it cites, as exported.
    pub sources: Vec<Value>,
    /// The claims about it.
    pub claims: Vec<&'a Claim>,
    /// For a claim: every claim on the same question.
    pub variants: Vec<&'a Claim>,
    /// For a source: every record that cites it.
    pub cited_by: Vec<CitedBy<'a>>,
    pub referred_to_by: Vec<ReferredBy<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CitedBy<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    /// Where in the record: "" for its own citations, else e.g. `aliases[Name]`.
    pub r#where: String,
    pub quote: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ReferredBy<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    /// The field that names this record.
    pub field: &'a str,
    /// The record that refers (not in the JSON, which names it).
    #[serde(skip)]
    pub record: Record<'a>,
}

/// One field of the record, for CSV and NDJSON.
#[derive(Debug, Serialize)]
pub struct ShowField<'r> {
    pub field: &'r str,
    pub value: std::borrow::Cow<'r, str>,
}

impl Answer for Show<'_> {
    type Row<'r>
        = ShowField<'r>
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        &["field", "value"]
    }

    /// The record's fields, a row each.
    fn rows(&self) -> Vec<ShowField<'_>> {
        match &self.json.record {
            Value::Object(map) => map
                .iter()
                .map(|(k, v)| ShowField {
                    field: k,
                    value: match v {
                        Value::String(s) => s.into(),
                        other => other.to_string().into(),
                    },
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    fn found(&self) -> bool {
        true
    }
}
