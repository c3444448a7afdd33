//! `terms`: a table of the terms of office.

use super::Human;
use crate::answer::terms::Terms;
use crate::kb::{show_term_end, Kb};
use crate::output::words::{list, publishers, with_sources};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

impl Human for Terms<'_> {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        let rows = self
            .terms
            .iter()
            .map(|r| {
                let t = r.term;
                vec![
                    r.post_name.clone(),
                    r.person_name.clone(),
                    t.start.to_string(),
                    show_term_end(t),
                    if t.acting { "acting" } else { "" }.to_string(),
                    t.id.to_string(),
                ]
            })
            .collect();
        let mut table = Block::table(
            [
                ("post", Text),
                ("holder", Text),
                ("start", Fixed),
                ("end", Fixed),
                ("acting", Fixed),
                ("id", Fixed),
            ],
            rows,
        );
        if self.sources {
            let cites = self.terms.iter().map(|r| publishers(kb, &r.term.citations));
            table = with_sources(table, cites.collect());
        }
        list(table, self.terms.is_empty(), "terms")
    }
}
