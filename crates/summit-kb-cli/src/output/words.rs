//! The wording the answers share when shown to people: a period, the
//! publishers of some citations, a citation in full, what is known of a
//! meeting's outcomes, the day asked about and why a record matched it.

use serde_json::Value;

use super::{Block, Kind};
use crate::answer::evidence::Bounds;
pub use crate::answer::serde_name;
use crate::answer::OutcomesKnown;
use crate::date::{Certainty, Date};
use crate::kb::Kb;
use crate::model::{Citation, Completeness, Record};

/// What is known of a meeting's outcomes beyond the `shown` records listed
/// (`what`: "documents", "decisions"): nothing to add when they are complete.
pub fn outcomes_notice(
    kb: &Kb<'_>,
    outcomes: &OutcomesKnown<'_>,
    shown: usize,
    what: &str,
) -> Option<String> {
    let counts: Vec<String> = outcomes
        .reported
        .iter()
        .map(|c| {
            let by = publishers(kb, &c.claim.citations);
            let property = c.property.trim_start_matches("documents-");
            format!("{} {property} ({by})", c.value)
        })
        .collect();
    let reported = if counts.is_empty() {
        String::new()
    } else {
        format!("; sources report {}", counts.join(", "))
    };
    let note = outcomes.note.map(|n| format!(" {n}")).unwrap_or_default();
    let meeting = outcomes.meeting;
    match outcomes.recorded {
        Completeness::Complete => None,
        Completeness::Partial => Some(format!(
            "{shown} recorded; the {what} of {meeting} are recorded only in part{reported}.{note}"
        )),
        Completeness::NotRecorded => Some(format!(
            "The {what} of {meeting} are not recorded (which is not to say there were none){reported}.{note}"
        )),
    }
}

/// Says, below the list of what one meeting adopted or decided (`docs
/// --summit`, `decisions --summit`), how completely the meeting's outcomes
/// are recorded, so that an empty list is never read as "nothing adopted":
/// the notice replaces "No documents match.".
pub fn say_outcomes(blocks: &mut Vec<Block>, notice: Option<String>) {
    if let Some(notice) = notice {
        blocks.retain(|b| !matches!(b, Block::Text(_)));
        blocks.push(Block::Text(notice));
    }
}

/// A list's table, and under it, when it has no rows, a line saying so
/// ("No documents match.").
pub fn list(table: Block, empty: bool, what: &str) -> Vec<Block> {
    if empty {
        vec![table, Block::Text(format!("No {what} match."))]
    } else {
        vec![table]
    }
}

/// "2026–2030", "2026–" (open end), "–2030", "2026" for a single unit, or ""
/// for a period with no recorded bounds. No spaces, so a table never wraps it.
pub fn period(from: Option<Date>, to: Option<Date>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => f.to_string(),
        (from, to) if from.is_some() || to.is_some() => {
            let show = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
            format!("{}–{}", show(from), show(to))
        }
        _ => String::new(),
    }
}

/// The distinct publishers of a list of citations, for a compact mention.
pub fn publishers(kb: &Kb<'_>, citations: &[Citation]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for c in citations {
        let name = kb
            .source(&c.source)
            .map_or(c.source.as_ref(), |s| &s.publisher);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join("; ")
}

/// Lines describing each citation: publisher, title, date, url and quote,
/// after `label` (where in the record it stands) when there is one.
pub fn citation_lines(kb: &Kb<'_>, label: &str, citations: &[Citation]) -> Vec<String> {
    let mut lines = Vec::new();
    for c in citations {
        let source = kb.source(&c.source);
        let mut head = match source {
            Some(s) => format!("{} — {}, \"{}\"", c.source, s.publisher, s.title),
            None => format!("{} (unknown source)", c.source),
        };
        if let Some(date) = source.and_then(|s| s.published) {
            head.push_str(&format!(", {date}"));
        }
        if label.is_empty() {
            lines.push(format!("• {head}"));
        } else {
            lines.push(format!("• {label}: {head}"));
        }
        if let Some(url) = source.and_then(|s| s.url.as_ref()) {
            lines.push(format!("    {url}"));
        }
        match &c.quote {
            Some(quote) => lines.push(format!("    “{quote}”")),
            None => lines.push("    (no quote recorded)".to_string()),
        }
        if let Some(note) = &c.note {
            lines.push(format!("    note: {note}"));
        }
    }
    lines
}

/// A JSON value as one cell of text.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.iter().all(|v| !v.is_object()) => {
            items.iter().map(cell).collect::<Vec<_>>().join(", ")
        }
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("\n"),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| *k != "citations")
            .map(|(k, v)| match v {
                Value::Array(_) | Value::Object(_) => {
                    format!("{k}: [{}]", cell(v).replace('\n', "; "))
                }
                _ => format!("{k}: {}", cell(v)),
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The publishers a record cites (its own citations); for a source, its own
/// publisher.
pub fn record_sources(kb: &Kb<'_>, id: &str) -> String {
    match kb.get(id) {
        Some(Record::Source(s)) => s.publisher.to_string(),
        Some(record) => publishers(kb, record.citations()),
        None => String::new(),
    }
}

/// A table with a last column `sources`, one cell per row.
pub fn with_sources(table: Block, sources: Vec<String>) -> Block {
    match table {
        Block::Table {
            mut header,
            mut kinds,
            rows,
        } => {
            header.push("sources".to_string());
            kinds.push(Kind::Text);
            let rows = rows
                .into_iter()
                .zip(sources)
                .map(|(mut row, s)| {
                    row.push(s);
                    row
                })
                .collect();
            Block::Table {
                header,
                kinds,
                rows,
            }
        }
        other => other,
    }
}

/// "on 2025-11-27" for a day, "in 2025-11" or "in 2025" for a month or a
/// year: how a heading names what `--on` asked about.
pub fn during(on: Date) -> String {
    if on.as_day().is_some() {
        format!("on {on}")
    } else {
        format!("in {on}")
    }
}

/// Why `day` is (or is only possibly) inside the period.
fn reason(period: &Bounds<'_>, day: jiff::civil::Date, certainty: Certainty) -> String {
    let coarse_hit =
        |d: Date| d.first_day() <= day && day <= d.last_day() && d.first_day() != d.last_day();
    match certainty {
        Certainty::Yes => {
            format!("yes: {day} is inside the period whatever days its bounds stand for")
        }
        Certainty::No => format!("no: {day} is outside the period"),
        Certainty::Possibly => {
            let mut why = Vec::new();
            match period.start {
                Some(s) if coarse_hit(s) => why.push(format!(
                    "the start is known only to the {} ({}..{}) and {day} falls in it",
                    s.precision(),
                    s.first_day(),
                    s.last_day()
                )),
                None => why.push(start_not_recorded(period)),
                _ => {}
            }
            if let Some(e) = period.end.filter(|&e| coarse_hit(e)) {
                why.push(format!(
                    "the end is known only to the {} ({}..{}) and {day} falls in it",
                    e.precision(),
                    e.first_day(),
                    e.last_day()
                ));
            }
            if why.is_empty() {
                why.push("the data cannot tell for this day".to_string());
            }
            format!("possibly: {}", why.join("; "))
        }
    }
}

/// Why the period shares (or only possibly shares) a day with `on`, a day,
/// a month or a year: the certainty `holder` and `chair` show, and the
/// reason `--explain` gives in JSON too.
pub fn reason_during(period: &Bounds<'_>, on: Date, certainty: Certainty) -> String {
    if let Some(day) = on.as_day() {
        return reason(period, day, certainty);
    }
    let (first, last) = (on.first_day(), on.last_day());
    let coarse = |d: Date| d.first_day() != d.last_day();
    match certainty {
        Certainty::Yes => format!(
            "yes: the period shares a day with {on} ({first}..{last}) whatever days its bounds stand for"
        ),
        Certainty::No => format!("no: the period shares no day with {on} ({first}..{last})"),
        Certainty::Possibly => {
            let mut why = Vec::new();
            match period.start {
                Some(s) if coarse(s) && s.first_day() <= last && last < s.last_day() => {
                    why.push(format!(
                        "the start is known only to the {} ({}..{}) and may fall after {last}",
                        s.precision(),
                        s.first_day(),
                        s.last_day()
                    ));
                }
                None => why.push(start_not_recorded(period)),
                _ => {}
            }
            if let Some(e) = period
                .end
                .filter(|&e| coarse(e) && e.first_day() < first && first <= e.last_day())
            {
                why.push(format!(
                    "the end is known only to the {} ({}..{}) and may fall before {first}",
                    e.precision(),
                    e.first_day(),
                    e.last_day()
                ));
            }
            if why.is_empty() {
                why.push(format!("the data cannot tell for {on}"));
            }
            format!("possibly: {}", why.join("; "))
        }
    }
}

/// Why a period with no recorded start is uncertain, with what is known of it.
fn start_not_recorded(period: &Bounds<'_>) -> String {
    let known = period.start_unknown.as_deref();
    let known = known.map(|k| format!(", only that it is {k}"));
    format!("the start is not recorded{}", known.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordKind;
    use jiff::civil;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_possible_answer_says_which_bound_is_too_coarse() {
        let period = Bounds {
            kind: RecordKind::Term,
            id: "t",
            start: Some(d("2003")),
            end: Some(d("2005-06")),
            start_unknown: None,
            citations: &[],
        };
        let day = |s: &str| s.parse::<civil::Date>().unwrap();
        let why = reason(&period, day("2003-02-01"), Certainty::Possibly);
        assert!(
            why.contains("start is known only to the year (2003-01-01..2003-12-31)"),
            "{why}"
        );
        assert!(!why.contains("end"), "{why}");
        let why = reason(&period, day("2005-06-10"), Certainty::Possibly);
        assert!(why.contains("end is known only to the month"), "{why}");
        assert!(reason(&period, day("2004-01-01"), Certainty::Yes).starts_with("yes"));
    }

    #[test]
    fn a_possible_answer_for_a_span_says_which_bound_may_fall_outside_it() {
        let period = Bounds {
            kind: RecordKind::Term,
            id: "t",
            start: Some(d("2003")),
            end: Some(d("2005-06")),
            start_unknown: None,
            citations: &[],
        };
        let why = reason_during(&period, d("2003-03"), Certainty::Possibly);
        assert!(
            why.contains("start is known only to the year (2003-01-01..2003-12-31) and may fall after 2003-03-31"),
            "{why}"
        );
        let ends_in_2005 = Bounds {
            end: Some(d("2005")),
            ..period
        };
        let why = reason_during(&ends_in_2005, d("2005-03"), Certainty::Possibly);
        assert!(
            why.contains("end is known only to the year (2005-01-01..2005-12-31) and may fall before 2005-03-01"),
            "{why}"
        );
        assert!(!why.contains("start"), "{why}");
        let why = reason_during(&ends_in_2005, d("2005"), Certainty::Yes);
        assert!(
            why.contains("shares a day with 2005 (2005-01-01..2005-12-31)"),
            "{why}"
        );
        // A day keeps the day's wording.
        assert_eq!(
            reason_during(&ends_in_2005, d("2003-02-01"), Certainty::Possibly),
            reason(
                &ends_in_2005,
                "2003-02-01".parse().unwrap(),
                Certainty::Possibly
            )
        );
    }
}
