//! What `--explain` adds to `holder` and `chair`: the record that matched, its
//! bounds with their precision, why the answer is yes or only possibly, and
//! the sources with their quotes.

use jiff::civil;
use serde_json::{json, Value};

use crate::date::{Certainty, Date};
use crate::kb::Kb;
use crate::model::{Citation, RecordKind};
use crate::output::words::citation_lines;
use crate::output::Block;

/// A matched period: what it is and what the data says of its bounds.
pub struct Bounds<'a> {
    pub kind: RecordKind,
    pub id: &'a str,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// What the period is known by when its bounds are not recorded (a
    /// chairmanship's year).
    pub start_unknown: Option<String>,
    pub citations: &'a [Citation],
}

/// "2003 (year: 2003-01-01..2003-12-31)" for a coarse date, "2018-11-02
/// (day)" for a day.
pub fn bound(date: Date) -> String {
    let (first, last) = (date.first_day(), date.last_day());
    if first == last {
        format!("{date} (day)")
    } else {
        format!("{date} ({}: {first}..{last})", date.precision())
    }
}

fn bound_json(date: Option<Date>) -> Value {
    match date {
        Some(d) => json!({
            "date": d,
            "precision": d.precision(),
            "first_day": d.first_day().to_string(),
            "last_day": d.last_day().to_string(),
        }),
        None => Value::Null,
    }
}

/// Why `day` is (or is only possibly) inside the period.
pub fn reason(period: &Bounds<'_>, day: civil::Date, certainty: Certainty) -> String {
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
/// a month or a year.
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

/// The blocks `--explain` prints for one match during `on`, a day, a month
/// or a year.
pub fn blocks(kb: &Kb<'_>, period: &Bounds<'_>, on: Date, certainty: Certainty) -> Vec<Block> {
    let start = match (period.start, &period.start_unknown) {
        (Some(s), _) => bound(s),
        (None, Some(known)) => format!("not recorded ({known})"),
        (None, None) => "not recorded".to_string(),
    };
    let end = match (period.end, &period.start_unknown) {
        (Some(e), _) => bound(e),
        (None, Some(known)) => format!("not recorded ({known})"),
        (None, None) => "none recorded (still running)".to_string(),
    };
    let mut out = vec![
        Block::Heading(format!("Why: {} {}", period.kind, period.id)),
        Block::fields([
            ("matched", format!("{} {}", period.kind, period.id)),
            ("start", start),
            ("end", end),
            ("bounds", "inclusive".to_string()),
            ("certainty", reason_during(period, on, certainty)),
        ]),
        Block::Text("evidence:".to_string()),
    ];
    let lines = citation_lines(kb, "", period.citations);
    if lines.is_empty() {
        out.push(Block::Text("• no citation recorded".to_string()));
    }
    out.extend(lines.into_iter().map(Block::Text));
    out
}

/// The same, as JSON.
pub fn json(kb: &Kb<'_>, period: &Bounds<'_>, on: Date, certainty: Certainty) -> Value {
    json!({
        "matched": { "kind": period.kind, "id": period.id },
        "start": bound_json(period.start),
        "end": bound_json(period.end),
        "certainty": certainty,
        "reason": reason_during(period, on, certainty),
        "citations": citations_json(kb, period.citations),
    })
}

/// Citations with their sources spelled out.
pub fn citations_json(kb: &Kb<'_>, citations: &[Citation]) -> Vec<Value> {
    citations
        .iter()
        .map(|c| {
            let source = kb.source(&c.source);
            json!({
                "source": c.source,
                "publisher": source.map(|s| &s.publisher),
                "title": source.map(|s| &s.title),
                "url": source.and_then(|s| s.url.as_ref()),
                "published": source.and_then(|s| s.published),
                "quote": c.quote,
                "note": c.note,
            })
        })
        .collect()
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

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn bounds_show_their_precision_as_days() {
        assert_eq!(bound(d("2003")), "2003 (year: 2003-01-01..2003-12-31)");
        assert_eq!(
            bound(d("2024-02")),
            "2024-02 (month: 2024-02-01..2024-02-29)"
        );
        assert_eq!(bound(d("2018-11-02")), "2018-11-02 (day)");
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
