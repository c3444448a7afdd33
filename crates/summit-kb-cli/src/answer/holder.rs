//! What `holder` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::evidence::Explain;
use super::Answer;
use crate::date::{Certainty, Date};
use crate::model::{Person, Post, Term};

/// The answer to `holder`: each post's holders during the day, month or year
/// asked about: one post's, or, when a name several organisations use was
/// asked without `--org`, each of those posts'.
#[derive(Debug)]
pub struct Holder<'a> {
    pub on: Date,
    pub answers: Vec<PostAnswer<'a>>,
}

/// The JSON of `holder`: one post's holders on the day, or, when a name
/// several organisations use was asked without `--org`, each post's.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum HolderJson<'a> {
    One {
        post: &'a str,
        on: String,
        holders: &'a [HolderMatch<'a>],
    },
    Several {
        on: String,
        answers: &'a [PostAnswer<'a>],
    },
}

/// One post's holders on the day.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PostAnswer<'a> {
    pub post: &'a str,
    pub organization: &'a str,
    pub holders: Vec<HolderMatch<'a>>,
    /// The post itself (not in the JSON, which names it).
    #[serde(skip)]
    pub record: &'a Post,
}

/// A term that covers the day, certainly or possibly, with its holder.
#[derive(Debug, Serialize, JsonSchema)]
pub struct HolderMatch<'a> {
    pub certainty: Certainty,
    pub organization: &'a str,
    pub post: &'a str,
    pub term_id: &'a str,
    pub person_id: &'a str,
    pub person_name: String,
    pub start: Date,
    pub end: Option<Date>,
    pub acting: bool,
    /// The term as exported.
    pub term: &'a Term,
    /// The person as exported.
    pub person: Option<&'a Person>,
    // The schema of `explain` is left open (any JSON), as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub explain: Option<Explain<'a>>,
}

impl Holder<'_> {
    /// The JSON: one post's holders, or each post's.
    pub fn json(&self) -> HolderJson<'_> {
        match self.answers.as_slice() {
            [one] => HolderJson::One {
                post: one.post,
                on: self.on.to_string(),
                holders: &one.holders,
            },
            several => HolderJson::Several {
                on: self.on.to_string(),
                answers: several,
            },
        }
    }
}

/// The JSON is [`HolderJson`], of whichever shape the posts asked for make.
impl Serialize for Holder<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(serializer)
    }
}

impl JsonSchema for Holder<'_> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        HolderJson::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        HolderJson::schema_id()
    }

    fn inline_schema() -> bool {
        HolderJson::inline_schema()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        HolderJson::json_schema(generator)
    }
}

impl Answer for Holder<'_> {
    type Row<'r>
        = &'r HolderMatch<'r>
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        COLUMNS
    }

    /// Every holder that matched, of every post.
    fn rows(&self) -> Vec<&HolderMatch<'_>> {
        self.answers.iter().flat_map(|a| &a.holders).collect()
    }

    /// Some post certainly had a holder.
    fn found(&self) -> bool {
        self.answers
            .iter()
            .flat_map(|a| &a.holders)
            .any(|m| m.certainty == Certainty::Yes)
    }
}

/// What CSV writes of each holder that matched.
const COLUMNS: &[&str] = &[
    "organization",
    "post",
    "term_id",
    "person_id",
    "person_name",
    "certainty",
    "start",
    "end",
    "acting?",
];
