//! What each command answers, as typed values: the floor between the
//! commands, which build them, and `output`, which shows them.
//!
//! An answer is `Serialize + JsonSchema`: `--format json` is the value
//! serialised and `summit-kb schema COMMAND` its schema. Through [`Answer`] it
//! also says which rows NDJSON and CSV write, the CSV columns of those rows,
//! and whether it found anything (exit status 1 when not). What people read
//! of it (the table, Markdown, its notice) is built from the value in
//! `output::human`, never here and never in a command.

pub mod chair;
pub mod check;
pub mod decisions;
pub mod docs;
pub mod evidence;
pub mod holder;
pub mod members;
pub mod search;
pub mod show;
pub mod sources;
pub mod summits;
pub mod terms;
pub mod timeline;

use schemars::JsonSchema;
use serde::Serialize;

use crate::kb::Kb;
use crate::model::{Claim, ClaimValue, Completeness, Meeting};

/// A command's typed answer.
pub trait Answer: Serialize + JsonSchema {
    /// A row of the answer as NDJSON writes it (one a line) and CSV reads
    /// its [`columns`](Answer::columns) from: a list's records, a lookup's
    /// matches, `check`'s findings. Usually a reference into the answer.
    type Row<'r>: Serialize
    where
        Self: 'r;

    /// The CSV columns, the JSON field names of a row, each answer's a
    /// constant: `acting?` is a flag (`false` when the row leaves it out),
    /// `confidence=confirmed` a field with that default.
    fn columns(&self) -> &'static [&'static str];

    /// The rows, in order.
    fn rows(&self) -> Vec<Self::Row<'_>>;

    /// Whether the answer is one: false means exit status 1 (nothing
    /// matched, or no certain answer).
    fn found(&self) -> bool;
}

/// Makes an answer's JSON, and its schema, those of one of its fields: for
/// an answer that holds, beside its JSON, what only its rendering reads
/// (`docs --sources`). `json_is!(Docs<'_>, json: DocsJson<'static>)`.
#[macro_export]
macro_rules! json_is {
    ($answer:ty, $field:ident : $json:ty) => {
        impl serde::Serialize for $answer {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.$field, serializer)
            }
        }

        impl schemars::JsonSchema for $answer {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                <$json as schemars::JsonSchema>::schema_name()
            }

            fn schema_id() -> std::borrow::Cow<'static, str> {
                <$json as schemars::JsonSchema>::schema_id()
            }

            fn inline_schema() -> bool {
                <$json as schemars::JsonSchema>::inline_schema()
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <$json as schemars::JsonSchema>::json_schema(generator)
            }
        }
    };
}

/// A value's name as the data spells it (`strategy`, `participation-frozen`).
pub fn serde_name<T: Serialize>(value: &T) -> String {
    /// Writes the value through serde straight into the formatter.
    struct Named<'a, T>(&'a T);
    impl<T: Serialize> std::fmt::Display for Named<'_, T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.serialize(f)
        }
    }
    Named(value).to_string()
}

/// What is known of a meeting's outcomes, as the JSON of `docs --summit` and
/// `decisions --summit` gives it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OutcomesKnown<'a> {
    /// The meeting's id (not in the JSON, which names it beside).
    #[serde(skip)]
    pub meeting: &'a str,
    /// complete, partial or not-recorded (never read as "nothing adopted").
    pub recorded: Completeness,
    pub note: Option<&'a str>,
    /// What the sources count: the `documents-...` claims about the meeting.
    pub reported: Vec<ReportedCount<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ReportedCount<'a> {
    /// The claim's id.
    pub id: &'a str,
    pub property: &'a str,
    pub value: &'a ClaimValue,
    /// The ids of the sources it cites.
    pub sources: Vec<&'a str>,
    /// The claim (not in the JSON, which gives its parts).
    #[serde(skip)]
    pub claim: &'a Claim,
}

impl<'a> OutcomesKnown<'a> {
    pub fn of(kb: &Kb<'a>, meeting: &'a Meeting) -> OutcomesKnown<'a> {
        OutcomesKnown {
            meeting: &meeting.id,
            recorded: meeting.completeness(),
            note: meeting.outcomes.as_ref().and_then(|o| o.note.as_deref()),
            reported: reported_counts(kb, meeting)
                .into_iter()
                .map(|c| ReportedCount {
                    id: &c.id,
                    property: &c.property,
                    value: &c.value,
                    sources: c.citations.iter().map(|x| x.source.as_ref()).collect(),
                    claim: c,
                })
                .collect(),
        }
    }
}

/// The claims of how many documents a meeting adopted, signed or prepared.
pub fn reported_counts<'a>(kb: &Kb<'a>, meeting: &Meeting) -> Vec<&'a Claim> {
    kb.referring_in(
        &kb.data().claim,
        &meeting.id,
        crate::model::RecordKind::Claim,
        |c| c.subject == meeting.id && c.property.starts_with("documents-"),
    )
}
