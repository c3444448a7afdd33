//! `timeline`: a table of the events, or the terms of office and the
//! chairmanships drawn as a text Gantt chart.

use jiff::civil;

use super::Human;
use crate::answer::timeline::{Axis, ChartRow, Timeline, TimelineEvent};
use crate::kb::Kb;
use crate::output::visible_line;
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

impl Human for Timeline {
    fn blocks(&self, _: &Kb<'_>) -> Vec<Block> {
        match self {
            Timeline::Events { events, ranged } => table(events, *ranged),
            Timeline::Chart {
                chart,
                axis,
                width,
                ascii,
            } => {
                let glyphs = if *ascii { &ASCII } else { &UNICODE };
                match *axis {
                    Axis::Drawn(from, to) => vec![Block::Preformatted(draw(
                        &chart.rows,
                        from,
                        to,
                        *width,
                        glyphs,
                    ))],
                    Axis::NothingToDraw => {
                        vec![Block::Text(
                            "No terms or chairmanships to draw.".to_string(),
                        )]
                    }
                    Axis::NothingInRange => vec![Block::Text(
                        "No terms or chairmanships fall in this range.".to_string(),
                    )],
                }
            }
        }
    }
}

/// The events, with whether each is in range when a range is given: the
/// table even when empty (Markdown keeps its header row).
fn table(events: &[TimelineEvent], ranged: bool) -> Vec<Block> {
    let rows = events
        .iter()
        .map(|e| {
            let mut row = vec![e.date.to_string(), e.kind.to_string(), e.what.clone()];
            if ranged {
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
    let columns = columns
        .into_iter()
        .filter(|&(h, _)| ranged || h != "in range");
    let mut blocks = vec![Block::table(columns, rows)];
    if events.is_empty() {
        blocks.push(Block::Text("No dated events match.".to_string()));
    }
    blocks
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
    let s = visible_line(s);
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push(if width > 0 { '…' } else { ' ' });
    out.chars().take(width).collect()
}

/// The chart's lines, `width` columns at most: each group's name over its
/// rows' bars, the year axis, and the legend.
fn draw(
    rows: &[ChartRow],
    axis_start: civil::Date,
    axis_end: civil::Date,
    width: usize,
    glyphs: &Glyphs,
) -> Vec<String> {
    let label_width = rows
        .iter()
        .map(|r| visible_line(&r.label).chars().count())
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
    for row in rows {
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
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("abc", 0), "");
    }
}
