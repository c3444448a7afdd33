//! What people read of each answer: its blocks for the table and Markdown,
//! and the line that qualifies it. One module per answer, each worded with
//! the helpers of [`super::words`].

mod chair;
mod check;
mod decisions;
mod docs;
mod evidence;
mod holder;
mod members;
mod search;
mod show;
mod sources;
mod summits;
mod terms;
mod timeline;

use super::Block;
use crate::kb::Kb;

/// An answer as people read it.
pub trait Human {
    /// The blocks the table and Markdown show, in order.
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block>;

    /// A line that qualifies the answer ("the documents of this meeting are
    /// not recorded"). The blocks carry it where it belongs; CSV and NDJSON,
    /// whose rows are records only, write it to standard error.
    fn notice(&self, _kb: &Kb<'_>) -> Option<String> {
        None
    }
}
