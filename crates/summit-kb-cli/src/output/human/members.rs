//! `members`: a table of the states and their standing, and which of them
//! have no dated change.

use super::Human;
use crate::answer::members::Members;
use crate::kb::Kb;
use crate::output::words::{during, serde_name};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

impl Human for Members<'_> {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        let when = during(self.on);
        let members = &self.json.members;
        let rows = members
            .iter()
            .map(|m| {
                let standing = m
                    .standings
                    .iter()
                    .map(serde_name)
                    .collect::<Vec<_>>()
                    .join(" or ");
                let mut row = vec![
                    kb.name_of(m.organization),
                    m.state_name.clone(),
                    standing,
                    m.member.to_string(),
                ];
                if self.all {
                    let changes = m
                        .membership
                        .changes
                        .iter()
                        .map(|c| format!("{} {}", c.date, serde_name(&c.kind)))
                        .collect::<Vec<_>>()
                        .join("; ");
                    row.push(changes);
                }
                row.push(m.membership.id.to_string());
                row
            })
            .collect();
        let columns = [
            ("organization", Text),
            ("state", Text),
            ("standing", Fixed),
            ("member", Fixed),
            ("changes", Text),
            ("id", Fixed),
        ];
        // The dated changes only with --all.
        let columns = columns
            .into_iter()
            .filter(|&(h, _)| self.all || h != "changes");
        let mut blocks = vec![
            Block::Heading(format!("Members {when}")),
            Block::table(columns, rows),
        ];
        if members.is_empty() {
            blocks.push(Block::Text(format!("No member state is recorded {when}.")));
            return blocks;
        }
        // Listed states with no dated change: their standing is only possible.
        let undated: Vec<String> = members
            .iter()
            .filter(|m| m.membership.changes.is_empty())
            .map(|m| format!("{} ({})", m.state_name, m.organization))
            .collect();
        if !undated.is_empty() {
            blocks.push(Block::Text(format!(
                "No dated change is recorded for {}: their standing on a given day is only possibly their present status.",
                undated.join(", ")
            )));
        }
        blocks
    }
}
