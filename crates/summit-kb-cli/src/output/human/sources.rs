//! `sources`: a table of the source register.

use super::Human;
use crate::answer::sources::{SourceRow, Sources};
use crate::kb::Kb;
use crate::output::words::{list, serde_name};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

impl Human for Sources<'_> {
    fn blocks(&self, _: &Kb<'_>) -> Vec<Block> {
        let rows = self
            .sources
            .iter()
            .map(|r| {
                let s = r.source;
                vec![
                    s.id.to_string(),
                    s.kind.as_ref().map(serde_name).unwrap_or_default(),
                    s.publisher.to_string(),
                    s.published.map(|d| d.to_string()).unwrap_or_default(),
                    r.cited_by.to_string(),
                    quotes(r).to_string(),
                ]
            })
            .collect();
        let table = Block::table(
            [
                ("id", Fixed),
                ("kind", Fixed),
                ("publisher", Text),
                ("published", Fixed),
                ("cited by", Fixed),
                ("quotes", Fixed),
            ],
            rows,
        );
        list(table, self.sources.is_empty(), "sources")
    }
}

/// "all", "some" or "none" of the citations quote the source.
fn quotes(row: &SourceRow<'_>) -> &'static str {
    match row.quoted {
        0 => "none",
        n if n == row.citations => "all",
        _ => "some",
    }
}
