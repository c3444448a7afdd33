//! `decisions`: what meetings decided, with filters.

use anyhow::Result;

use crate::cli::DecisionsArgs;
use crate::commands::{publishers, serde_name, with_sources, Answer};
use crate::kb::Kb;
use crate::model::Decision;
use crate::output::Block;

pub fn run(kb: &Kb<'_>, args: &DecisionsArgs) -> Result<Answer> {
    if let Some(summit) = &args.summit {
        kb.require_kind(summit, "meeting")?;
    }
    let mut decisions: Vec<&Decision> = kb
        .data()
        .decision
        .iter()
        .filter(|d| args.summit.as_ref().is_none_or(|s| &d.meeting == s))
        .filter(|d| args.kind.is_none_or(|k| d.kind == k))
        .collect();
    let date_of = |d: &Decision| kb.meeting(&d.meeting).map(|m| m.date);
    decisions.sort_by(|a, b| date_of(a).cmp(&date_of(b)).then(a.id.cmp(&b.id)));
    let rows = decisions
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                serde_name(&d.kind),
                d.title.clone(),
                d.meeting.clone(),
                d.effective.map(|e| e.to_string()).unwrap_or_default(),
                serde_name(&d.confidence),
            ]
        })
        .collect();
    let mut table = Block::table(
        ["id", "kind", "title", "meeting", "effective", "confidence"],
        rows,
    );
    if args.sources {
        let cites = decisions.iter().map(|r| publishers(kb, &r.citations));
        table = with_sources(table, cites.collect());
    }
    Ok(Answer::list(&decisions, "decisions", table))
}
