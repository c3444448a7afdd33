//! `docs`: a table of the documents, with what is known of a meeting's
//! outcomes and the documents possibly in force.

use super::Human;
use crate::answer::docs::{Docs, DocsJson};
use crate::kb::Kb;
use crate::output::words::{
    list, outcomes_notice, period, publishers, say_outcomes, serde_name, with_sources,
};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

impl Human for Docs<'_> {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        let docs = self.documents();
        let rows = docs
            .iter()
            .map(|d| {
                vec![
                    d.document.id.to_string(),
                    serde_name(&d.document.kind),
                    d.document.title.to_string(),
                    d.adopted_on.map(|a| a.to_string()).unwrap_or_default(),
                    period(d.document.valid_from, d.document.valid_to),
                ]
            })
            .collect();
        let mut table = Block::table(
            [
                ("id", Fixed),
                ("kind", Fixed),
                ("title", Text),
                ("adopted", Fixed),
                ("valid", Fixed),
            ],
            rows,
        );
        if self.sources {
            let cites = docs.iter().map(|d| publishers(kb, &d.document.citations));
            table = with_sources(table, cites.collect());
        }
        let mut blocks = list(table, docs.is_empty(), "documents");
        say_outcomes(&mut blocks, self.notice(kb));
        if let DocsJson::InForce {
            possibly_in_force, ..
        } = &self.json
        {
            if !possibly_in_force.is_empty() {
                blocks.push(Block::Text(format!(
                    "Possibly in force (one end of the period is not recorded): {}.",
                    possibly_in_force.join(", ")
                )));
            }
        }
        blocks
    }

    fn notice(&self, kb: &Kb<'_>) -> Option<String> {
        match &self.json {
            DocsJson::OfMeeting {
                outcomes,
                documents,
                ..
            } => outcomes_notice(kb, outcomes, documents.len(), "documents"),
            _ => None,
        }
    }
}
