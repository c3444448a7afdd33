//! `decisions`: a table of the decisions, with what is known of a meeting's
//! outcomes.

use super::Human;
use crate::answer::decisions::{Decisions, DecisionsJson};
use crate::kb::Kb;
use crate::output::words::{
    list, outcomes_notice, publishers, say_outcomes, serde_name, with_sources,
};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

impl Human for Decisions<'_> {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        let decisions = self.decisions();
        let rows = decisions
            .iter()
            .map(|r| {
                let d = r.decision;
                vec![
                    d.id.to_string(),
                    serde_name(&d.kind),
                    d.title.to_string(),
                    d.meeting.to_string(),
                    d.effective.map(|e| e.to_string()).unwrap_or_default(),
                    serde_name(&d.confidence),
                ]
            })
            .collect();
        let mut table = Block::table(
            [
                ("id", Fixed),
                ("kind", Fixed),
                ("title", Text),
                ("meeting", Fixed),
                ("effective", Fixed),
                ("confidence", Fixed),
            ],
            rows,
        );
        if self.sources {
            let cites = decisions
                .iter()
                .map(|r| publishers(kb, &r.decision.citations));
            table = with_sources(table, cites.collect());
        }
        let mut blocks = list(table, decisions.is_empty(), "decisions");
        say_outcomes(&mut blocks, self.notice(kb));
        blocks
    }

    fn notice(&self, kb: &Kb<'_>) -> Option<String> {
        match &self.json {
            DecisionsJson::OfMeeting {
                outcomes,
                decisions,
                ..
            } => outcomes_notice(kb, outcomes, decisions.len(), "decisions"),
            DecisionsJson::List(_) => None,
        }
    }
}
