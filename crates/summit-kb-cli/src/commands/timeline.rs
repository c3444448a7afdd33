//! `timeline [--from DATE] [--to DATE] [--chart]`: dated events in order, or
//! the terms of office and the chairmanships as a text Gantt chart.
//!
//! Dates keep their precision: an event dated "2003" is shown as "2003" and
//! sorts by its first possible day (before the dated days of 2003). A range
//! keeps an event for certain when every day it could be is inside, and marks
//! it "possibly" when only some are.

use anyhow::Result;
use jiff::civil;

use crate::answer::timeline::{Axis, ChartJson, ChartRow, Timeline, TimelineEvent};
use crate::commands::Ctx;
use crate::date::{Certainty, Date};
use crate::kb::Kb;
use crate::model::{MeetingStatus, Organization};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    #[command(flatten)]
    pub range: crate::args::RangeArg,

    /// Draw the terms of office and the chairmanships as a text Gantt chart.
    #[arg(long)]
    pub chart: bool,

    /// Width of the chart in columns (at least 40); default: the terminal's,
    /// or 80.
    #[arg(long, value_name = "N", requires = "chart", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,

    /// Draw the chart with ASCII characters only (# and . for the bars).
    #[arg(long, requires = "chart")]
    pub ascii: bool,
}

/// The order of kinds on the same date: on a handover day, the outgoing
/// holder's end before the incoming one's start.
const KINDS: &[&str] = &[
    "meeting",
    "appointment",
    "decision",
    "adopted",
    "in-force",
    "established",
    "membership",
    "term-end",
    "chair-end",
    "chairmanship",
    "chair-start",
    "term-start",
    "valid-from",
    "valid-to",
    "operation",
];

/// Every dated event of the knowledge base, in order.
pub fn events(kb: &Kb<'_>) -> Vec<TimelineEvent> {
    let data = kb.data();
    let mut out = Vec::new();
    let mut add = |date: Date, kind: &'static str, what: String, id: &str| {
        out.push(TimelineEvent {
            date,
            precision: date.precision(),
            kind,
            what,
            id: id.to_string(),
            in_range: None,
        });
    };
    for m in data.meeting.iter() {
        let mut what = m.name.to_string();
        match m.status {
            MeetingStatus::Held => {}
            MeetingStatus::Scheduled => what.push_str(" (scheduled)"),
            MeetingStatus::NotHeld => what.push_str(" (planned, not held)"),
            MeetingStatus::Unrecorded => what.push_str(" (planned; not recorded as held)"),
        }
        add(m.date, "meeting", what, &m.id);
    }
    // Decisions and documents on the day of their meeting, unless dated apart.
    for d in data.decision.iter() {
        if let Some(meeting) = kb.meeting(&d.meeting) {
            let kind = if d.kind.is_appointment() {
                "appointment"
            } else {
                "decision"
            };
            add(meeting.date, kind, d.title.to_string(), &d.id);
        }
    }
    for t in data.term.iter() {
        let post = kb.name_of(&t.post);
        let person = kb.name_of(&t.person);
        let acting = if t.acting { " (acting)" } else { "" };
        add(
            t.start,
            "term-start",
            format!("{post}: {person} starts{acting}"),
            &t.id,
        );
        if let Some(end) = t.end {
            add(
                end,
                "term-end",
                format!("{post}: {person} ends{acting}"),
                &t.id,
            );
        }
    }
    for c in data.chairmanship.iter() {
        let state = kb.name_of(&c.state);
        let label = c
            .label
            .as_deref()
            .map_or_else(String::new, |l| format!(" ({l})"));
        if let Some(start) = c.start {
            add(
                start,
                "chair-start",
                format!("{state} takes the chair{label}"),
                &c.id,
            );
        }
        if let Some(end) = c.end {
            add(
                end,
                "chair-end",
                format!("{state} hands over the chair{label}"),
                &c.id,
            );
        }
    }
    for d in data.document.iter() {
        if let Some(date) = crate::commands::docs::adopted(kb, d) {
            add(date, "adopted", d.title.to_string(), &d.id);
        }
        if let Some(date) = d.in_force {
            add(
                date,
                "in-force",
                format!("{} enters into force", d.title),
                &d.id,
            );
        }
        if let Some(date) = d.valid_from {
            add(
                date,
                "valid-from",
                format!("{}: valid from", d.title),
                &d.id,
            );
        }
        if let Some(date) = d.valid_to {
            add(date, "valid-to", format!("{}: valid to", d.title), &d.id);
        }
    }
    for b in data.body.iter() {
        if let Some(date) = b.established {
            add(
                date,
                "established",
                format!("{} established", b.name),
                &b.id,
            );
        }
    }
    for m in data.membership.iter() {
        let state = kb.name_of(&m.state);
        for change in m.changes.iter() {
            let kind = crate::output::words::serde_name(&change.kind);
            add(change.date, "membership", format!("{state}: {kind}"), &m.id);
        }
    }
    for o in data.operation.iter() {
        for e in o.events.iter() {
            add(
                e.date,
                "operation",
                format!("{}: {}", o.name, e.text),
                &o.id,
            );
        }
    }
    let rank = |kind: &str| KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len());
    out.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| rank(a.kind).cmp(&rank(b.kind)))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The answer to `timeline`: the list, or the chart with `--chart`.
pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Timeline> {
    let (kb, terminal_width) = (ctx.kb, ctx.width);
    args.range.check()?;
    let org = kb.org_filter(args.org.as_deref())?;
    if args.chart {
        // --width is at least 40; a terminal narrower than 20 columns gets 20.
        let width = args.width.or(terminal_width).unwrap_or(80).max(MIN_WIDTH);
        return Ok(chart(kb, args, org, usize::from(width)));
    }
    let filtering = args.range.from.is_some() || args.range.to.is_some();
    let events: Vec<TimelineEvent> = events(kb)
        .into_iter()
        .filter(|e| kb.get(&e.id).is_none_or(|r| kb.in_org(r, org)))
        .filter_map(|mut e| {
            if !filtering {
                return Some(e);
            }
            let certainty = args.range.certainty(e.date);
            e.in_range = Some(certainty);
            (certainty != Certainty::No).then_some(e)
        })
        .collect();
    Ok(Timeline::Events {
        events,
        ranged: filtering,
    })
}

/// The narrowest chart drawn.
pub const MIN_WIDTH: u16 = 20;

fn rows(kb: &Kb<'_>) -> Vec<ChartRow> {
    let mut rows = Vec::new();
    for post in kb.data().post.iter() {
        for t in kb.terms_of(&post.id) {
            let acting = if t.acting { " (acting)" } else { "" };
            rows.push(ChartRow {
                group: post.name.to_string(),
                label: format!("{}{acting}", kb.name_of(&t.person)),
                id: t.id.to_string(),
                start: t.start,
                end: t.end,
            });
        }
    }
    // One group a organisation, each oldest first.
    let mut chairs = kb.chairmanships();
    chairs.sort_by(|a, b| a.organization.cmp(&b.organization));
    for c in chairs {
        let Some(start) = c.start else {
            continue;
        };
        let end = c.end;
        let label = c
            .label
            .as_deref()
            .map_or_else(String::new, |l| format!(" {l}"));
        rows.push(ChartRow {
            group: format!("Chairmanship ({})", c.organization),
            label: format!("{}{label}", kb.name_of(&c.state)),
            id: c.id.to_string(),
            start,
            end,
        });
    }
    rows
}

/// The chart's rows between its axis ends: the range asked for, else the
/// whole years of every row.
fn chart(kb: &Kb<'_>, args: &Args, org: Option<&Organization>, width: usize) -> Timeline {
    let mut rows: Vec<ChartRow> = rows(kb)
        .into_iter()
        .filter(|r| kb.get(&r.id).is_none_or(|rec| kb.in_org(rec, org)))
        .collect();
    let known_ends = rows
        .iter()
        .flat_map(|r| [Some(r.start.last_day()), r.end.map(|e| e.last_day())])
        .flatten();
    let axis_start = args.range.from.map(|f| f.first_day()).or_else(|| {
        rows.iter()
            .map(|r| r.start.first_day())
            .min()
            .map(|d| civil::date(d.year(), 1, 1))
    });
    let axis_end = args
        .range
        .to
        .map(|t| t.last_day())
        .or_else(|| known_ends.max().map(|d| civil::date(d.year(), 12, 31)));
    let axis = match (axis_start, axis_end) {
        (Some(axis_start), Some(axis_end)) => {
            // Only what shows between the axis ends.
            rows.retain(|r| {
                let (first, _, _, last) = r.days(axis_end);
                last >= axis_start && first <= axis_end
            });
            if rows.is_empty() {
                Axis::NothingInRange
            } else {
                Axis::Drawn(axis_start, axis_end)
            }
        }
        _ => Axis::NothingToDraw,
    };
    let chart = match axis {
        Axis::Drawn(from, to) => ChartJson {
            from: Some(from.to_string()),
            to: Some(to.to_string()),
            rows,
        },
        Axis::NothingToDraw | Axis::NothingInRange => ChartJson {
            from: None,
            to: None,
            rows: Vec::new(),
        },
    };
    Timeline::Chart {
        chart,
        axis,
        width,
        ascii: args.ascii,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Block, Human};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn events_are_in_date_order_with_coarse_dates_first_in_their_unit() {
        let loaded = crate::shipped();
        let kb = Kb::new(&loaded);
        let events = events(&kb);
        assert!(events.windows(2).all(|w| w[0].date <= w[1].date));
        // Uzbekistan's return is dated only to 2006; it sorts before the
        // Minsk session of 2006-06-23.
        let y2006 = events.iter().position(|e| e.date == d("2006")).unwrap();
        let minsk = events
            .iter()
            .position(|e| e.id == "csc-2006-minsk")
            .unwrap();
        assert!(y2006 < minsk);
        // Every term starts once.
        let starts = events.iter().filter(|e| e.kind == "term-start").count();
        assert_eq!(starts, loaded.dataset.term.len());
    }

    fn chart_lines(kb: &Kb<'_>, width: usize, from: Option<&str>, to: Option<&str>) -> Vec<String> {
        let args = Args {
            org: Default::default(),
            range: crate::args::RangeArg {
                from: from.map(d),
                to: to.map(d),
            },
            chart: true,
            width: None,
            ascii: false,
        };
        chart(kb, &args, None, width)
            .blocks(kb)
            .into_iter()
            .flat_map(|b| match b {
                Block::Preformatted(lines) => lines,
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn chart_fits_every_width_from_the_narrowest() {
        let loaded = crate::shipped();
        let kb = Kb::new(&loaded);
        for width in usize::from(MIN_WIDTH)..=240 {
            for line in chart_lines(&kb, width, None, None) {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn chart_range_drops_rows_outside_it() {
        let loaded = crate::shipped();
        let kb = Kb::new(&loaded);
        let lines = chart_lines(&kb, 80, Some("2024"), Some("2026"));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("Imangali Tasmagambetov")));
        assert!(!lines.iter().any(|l| l.starts_with("Nikolai Bordyuzha")));
        assert!(!lines.iter().any(|l| l.starts_with("Belarus 2023")));
        let axis = lines.iter().rev().nth(2).unwrap();
        assert!(axis.contains("2024") && axis.contains("2026"), "{lines:#?}");
    }
}
