//! What `search` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::Answer;

/// The answer to `search`: the records found, best first, as many as
/// `--limit` shows.
#[derive(Debug)]
pub struct Search {
    pub hits: Vec<SearchHit>,
    /// The words looked for, as given.
    pub query: String,
    /// How many records match, shown or not.
    pub total: usize,
    /// `--sources`: a column naming the publishers each record cites.
    pub sources: bool,
}

crate::json_is!(Search, hits: Vec<SearchHit>);

/// A record found, best first.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchHit {
    pub rank: usize,
    /// The record's kind, as its TOML table is named.
    pub kind: String,
    pub id: String,
    /// The field that matched: `id`, `name`, `title`, `alias`, `summary`, `quote`...
    pub field: &'static str,
    /// exact-id, exact-name, exact-alias, name, alias, text or fields (the
    /// words in different fields of the record).
    #[serde(rename = "match")]
    pub matched: String,
    /// Letters typed differently from the data, over all words.
    pub typos: u32,
    /// The matching text, cut around the match when long.
    pub snippet: String,
    /// With `--sources`: the ids of the sources the record cites.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<String>>,
}

impl Answer for Search {
    type Row<'r> = &'r SearchHit;

    fn columns(&self) -> &'static [&'static str] {
        &[
            "rank", "kind", "id", "field", "match", "typos", "snippet", "sources",
        ]
    }

    fn rows(&self) -> Vec<&SearchHit> {
        self.hits.iter().collect()
    }

    fn found(&self) -> bool {
        self.total > 0
    }
}
