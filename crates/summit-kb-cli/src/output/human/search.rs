//! `search`: a table of the records found, and how many more there are.

use super::Human;
use crate::answer::search::Search;
use crate::kb::Kb;
use crate::output::words::{record_sources, with_sources};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

impl Human for Search {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        // The table even when empty: Markdown keeps its header row.
        let rows = self
            .hits
            .iter()
            .map(|h| {
                vec![
                    h.rank.to_string(),
                    h.kind.clone(),
                    h.id.clone(),
                    h.field.to_string(),
                    h.snippet.clone(),
                ]
            })
            .collect();
        let mut table = Block::table(
            [
                ("#", Fixed),
                ("kind", Fixed),
                ("id", Fixed),
                ("field", Fixed),
                ("snippet", Text),
            ],
            rows,
        );
        if self.sources {
            let cites = self
                .hits
                .iter()
                .map(|h| record_sources(kb, &h.id))
                .collect();
            table = with_sources(table, cites);
        }
        let mut blocks = vec![table];
        if self.total == 0 {
            blocks.push(Block::Text(format!("No record matches '{}'.", self.query)));
        }
        if self.hits.len() < self.total {
            blocks.push(Block::Text(format!(
                "{} of {} records shown; --limit 0 shows them all.",
                self.hits.len(),
                self.total
            )));
        }
        blocks
    }
}
