//! `check`: a line a finding, as compilers write them, and the counts.

use super::Human;
use crate::answer::check::Check;
use crate::kb::Kb;
use crate::output::Block;

impl Human for Check<'_> {
    fn blocks(&self, _: &Kb<'_>) -> Vec<Block> {
        let mut blocks: Vec<Block> = self
            .findings
            .iter()
            .map(|f| Block::Text(f.to_string()))
            .collect();
        blocks.push(Block::Text(format!(
            "{} records checked: {} errors, {} warnings, {} notes",
            self.records, self.errors, self.warnings, self.notes
        )));
        blocks
    }
}
