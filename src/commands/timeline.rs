//! `timeline [--from DATE] [--to DATE] [--chart]`: dated events in order, or
//! the terms of office and the chairmanships as a text Gantt chart.
//!
//! Dates keep their precision: an event dated "2003" is shown as "2003" and
//! sorts by its first possible day (before the dated days of 2003). A range
//! keeps an event for certain when every day it could be is inside, and marks
//! it "possibly" when only some are.

use anyhow::Result;
use jiff::civil;
use schemars::JsonSchema;
use serde::Serialize;

use crate::commands::{Answer, Ctx, Needs};
use crate::date::{Certainty, Date, Precision};
use crate::kb::Kb;
use crate::model::{MeetingStatus, Organization};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

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

/// One dated event.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TimelineEvent {
    pub date: Date,
    pub precision: Precision,
    pub kind: &'static str,
    pub what: String,
    /// The record the event comes from.
    pub id: String,
    /// With --from/--to: `yes`, or `possibly` for a coarse date that is only
    /// partly inside the range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_range: Option<Certainty>,
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
pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Answer> {
    let (kb, terminal_width) = (ctx.kb, ctx.width);
    args.range.check()?;
    let org = kb.org_filter(args.org.as_deref())?;
    if args.chart {
        // --width is at least 40; a terminal narrower than 20 columns gets 20.
        let width = args.width.or(terminal_width).unwrap_or(80).max(MIN_WIDTH);
        return Ok(chart(ctx.needs, kb, args, org, usize::from(width)));
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
    let found = events
        .iter()
        .any(|e| e.in_range.is_none_or(|c| c == Certainty::Yes));
    // The table even when empty: CSV and Markdown keep their header row.
    let mut blocks = {
        let rows = events
            .iter()
            .map(|e| {
                let mut row = vec![e.date.to_string(), e.kind.to_string(), e.what.clone()];
                if filtering {
                    row.push(e.in_range.map(|c| c.to_string()).unwrap_or_default());
                }
                row.push(e.id.clone());
                row
            })
            .collect();
        let columns = [
            ("date", Fixed),
            ("kind", Fixed),
            ("what", Text),
            ("in range", Fixed),
            ("id", Fixed),
        ];
        // Whether each event is in range only when a range is given.
        let columns = columns
            .into_iter()
            .filter(|&(h, _)| filtering || h != "in range");
        vec![Block::table(columns, rows)]
    };
    if events.is_empty() {
        blocks.push(Block::Text("No dated events match.".to_string()));
    }
    Ok(Answer::typed(
        ctx.needs,
        &events,
        EVENT_COLUMNS,
        &events,
        blocks,
        found,
    ))
}

/// What CSV writes of each event.
const EVENT_COLUMNS: &[&str] = &["date", "precision", "kind", "what", "id", "in_range"];

/// What CSV writes of each row of the chart.
const CHART_COLUMNS: &[&str] = &["group", "label", "id", "start", "end"];

/// The JSON of `timeline`: the events, or with `--chart` its axis and rows.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TimelineJson {
    Events(Vec<TimelineEvent>),
    Chart(ChartJson),
}

/// The chart's axis (absent when nothing is drawn) and its rows.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChartJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub rows: Vec<ChartRow>,
}

/// A chart with no rows, saying why.
fn nothing_to_draw(needs: Needs, why: &str) -> Answer {
    let empty = ChartJson {
        from: None,
        to: None,
        rows: Vec::new(),
    };
    chart_answer(needs, empty, vec![Block::Text(why.to_string())], false)
}

fn chart_answer(needs: Needs, json: ChartJson, blocks: Vec<Block>, found: bool) -> Answer {
    Answer::typed(needs, &json, CHART_COLUMNS, &json.rows, blocks, found)
}

/// The narrowest chart drawn.
const MIN_WIDTH: u16 = 20;

/// A row of the chart: a term or a chairmanship, from a start to an end that
/// may each be coarse; `end` None: still running.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChartRow {
    group: String,
    label: String,
    id: String,
    start: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Date>,
}

impl ChartRow {
    /// (first possible day, first certain day, last certain day, last possible day);
    /// the certain part may be empty (first certain after last certain).
    fn days(&self, axis_end: civil::Date) -> (civil::Date, civil::Date, civil::Date, civil::Date) {
        let end_first = self.end.map_or(axis_end, |e| e.first_day());
        let end_last = self.end.map_or(axis_end, |e| e.last_day());
        (
            self.start.first_day(),
            self.start.last_day(),
            end_first,
            end_last,
        )
    }
}

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

/// Marks for a certain day, a possible day, the axis line and a tick.
struct Glyphs {
    certain: char,
    possible: char,
    line: char,
    tick: char,
}

const UNICODE: Glyphs = Glyphs {
    certain: '█',
    possible: '░',
    line: '─',
    tick: '┬',
};

const ASCII: Glyphs = Glyphs {
    certain: '#',
    possible: '.',
    line: '-',
    tick: '+',
};

fn day_number(day: civil::Date) -> i64 {
    day.duration_since(civil::date(1, 1, 1)).as_secs() / 86_400
}

/// Cuts `s` to at most `width` characters, with "…" when cut.
fn fit(s: &str, width: usize) -> String {
    // Measured and cut as it is shown: a control character of the data as
    // its escape (`\u{1b}`), which the renderers would make it anyway.
    let s = crate::output::visible_line(s);
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push(if width > 0 { '…' } else { ' ' });
    out.chars().take(width).collect()
}

fn chart(
    needs: Needs,
    kb: &Kb<'_>,
    args: &Args,
    org: Option<&Organization>,
    width: usize,
) -> Answer {
    let glyphs = if args.ascii { &ASCII } else { &UNICODE };
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
    let (Some(axis_start), Some(axis_end)) = (axis_start, axis_end) else {
        return nothing_to_draw(needs, "No terms or chairmanships to draw.");
    };
    // Only what shows between the axis ends.
    rows.retain(|r| {
        let (first, _, _, last) = r.days(axis_end);
        last >= axis_start && first <= axis_end
    });
    if rows.is_empty() {
        return nothing_to_draw(needs, "No terms or chairmanships fall in this range.");
    }

    let label_width = rows
        .iter()
        .map(|r| crate::output::visible_line(&r.label).chars().count())
        .max()
        .unwrap_or(0)
        .min(width * 2 / 5);
    let bar_width = width.saturating_sub(label_width + 1).max(1);
    let origin = day_number(axis_start);
    let total = (day_number(axis_end) - origin + 1).max(1);
    let cell = |day: civil::Date| -> usize {
        let n = (day_number(day) - origin).clamp(0, total - 1);
        usize::try_from(n * bar_width as i64 / total).unwrap_or(0)
    };

    let mut lines = Vec::new();
    let mut group = "";
    for row in &rows {
        if row.group != group {
            group = &row.group;
            lines.push(fit(group, width));
        }
        let mut bar = vec![' '; bar_width];
        let (first, certain_from, certain_to, last) = row.days(axis_end);
        if first > last {
            // An end before the start: `check` refuses such data, but the
            // chart must not fail on it.
            continue;
        }
        let clip = |d: civil::Date| d.clamp(axis_start, axis_end);
        for c in &mut bar[cell(clip(first))..=cell(clip(last))] {
            *c = glyphs.possible;
        }
        if certain_from <= certain_to && certain_to >= axis_start && certain_from <= axis_end {
            for c in &mut bar[cell(clip(certain_from))..=cell(clip(certain_to))] {
                *c = glyphs.certain;
            }
        }
        let label = fit(&row.label, label_width);
        let line = format!("{label:<label_width$} {}", bar.iter().collect::<String>());
        lines.push(line.trim_end().to_string());
    }

    // The year axis: a tick and a label at each shown year's first day.
    let years = i64::from(axis_end.year() - axis_start.year()) + 1;
    // Labelled years at least 6 columns apart (four digits and a gap).
    let step = [1, 2, 5, 10, 20, 50, 100, 1000]
        .into_iter()
        .find(|s| s * bar_width as i64 >= 6 * years)
        .unwrap_or(1000);
    let mut ticks = vec![glyphs.line; bar_width];
    let mut labels = vec![' '; bar_width];
    let mut free_from = 0;
    // An axis that starts within a year is labelled with where it starts.
    if (axis_start.month(), axis_start.day()) != (1, 1) {
        let text = axis_start.strftime("%Y-%m").to_string();
        if text.len() <= bar_width {
            ticks[0] = glyphs.tick;
            for (i, ch) in text.chars().enumerate() {
                labels[i] = ch;
            }
            free_from = text.len() + 1;
        }
    }
    for year in axis_start.year()..=axis_end.year() {
        if i64::from(year) % step != 0 {
            continue;
        }
        let day = civil::date(year, 1, 1);
        if day < axis_start {
            continue;
        }
        let at = cell(day);
        let text = year.to_string();
        if at < free_from || at + text.len() > bar_width {
            continue;
        }
        ticks[at] = glyphs.tick;
        for (i, ch) in text.chars().enumerate() {
            labels[at + i] = ch;
        }
        free_from = at + text.len() + 1;
    }
    let pad = " ".repeat(label_width + 1);
    lines.push(format!("{pad}{}", ticks.iter().collect::<String>()));
    lines.push(
        format!("{pad}{}", labels.iter().collect::<String>())
            .trim_end()
            .to_string(),
    );
    for legend in [
        format!("{} dates known to the day", glyphs.certain),
        format!("{} dates known only to the month or year", glyphs.possible),
    ] {
        lines.push(fit(&legend, width));
    }

    let blocks = vec![Block::Preformatted(lines)];

    let json = ChartJson {
        from: Some(axis_start.to_string()),
        to: Some(axis_end.to_string()),
        rows,
    };
    chart_answer(needs, json, blocks, true)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        chart(Needs::ALL, kb, &args, None, width)
            .view
            .blocks
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

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("abc", 0), "");
    }
}
