//! `decisions`: what meetings decided, with filters.

use anyhow::Result;

use crate::cli::DecisionsArgs;
use crate::commands::{cell, Answer};
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
    let date_of = |d: &Decision| {
        kb.data()
            .meeting
            .iter()
            .find(|m| m.id == d.meeting)
            .map(|m| m.date)
    };
    decisions.sort_by(|a, b| date_of(a).cmp(&date_of(b)).then(a.id.cmp(&b.id)));
    let rows = decisions
        .iter()
        .map(|d| {
            let json = serde_json::to_value(d).expect("decisions serialize");
            vec![
                d.id.clone(),
                cell(&json["kind"]),
                d.title.clone(),
                d.meeting.clone(),
                d.effective.map(|e| e.to_string()).unwrap_or_default(),
                json.get("confidence")
                    .map_or_else(|| "confirmed".to_string(), cell),
            ]
        })
        .collect();
    let table = Block::table(
        ["id", "kind", "title", "meeting", "effective", "confidence"],
        rows,
    );
    Ok(Answer::list(&decisions, "decisions", table))
}
