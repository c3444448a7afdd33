//! Tables and name/value lists for people to read.
//!
//! Piped, a table is its columns at their full width, two spaces apart. On a
//! terminal it is fitted to the width: columns of prose ([`Kind::Text`]) wrap
//! at word boundaries, never narrower than [`MIN_TEXT`]; ids, dates and other
//! [`Kind::Fixed`] columns keep their full width and are never wrapped or cut.
//! Where the columns cannot fit so, each row is shown as a block of
//! `field: value` lines instead, rows apart by a blank line.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{Block, Kind, Style};

/// The narrowest a wrapped column of prose may be.
pub const MIN_TEXT: usize = 12;

/// The spaces between two columns.
const GAP: usize = 2;

/// How a table is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// Columns of these widths.
    Columns(Vec<usize>),
    /// A block of `field: value` lines a row.
    Stacked,
}

pub fn render(blocks: &[Block], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let width = style.width.map(usize::from);
    let paint = Paint { color: style.color };
    // A table with no rows shows nothing; a line of text says so.
    let shown = blocks
        .iter()
        .filter(|b| !matches!(b, Block::Table { rows, .. } if rows.is_empty()));
    for (i, block) in shown.enumerate() {
        if i > 0 && matches!(block, Block::Heading(_) | Block::Table { .. }) {
            writeln!(out)?;
        }
        match block {
            Block::Heading(text) => {
                for line in prose(text, width) {
                    writeln!(out, "{}", paint.bold(&line))?;
                }
            }
            Block::Text(text) => {
                for line in prose(text, width) {
                    writeln!(out, "{}", paint.words(&line))?;
                }
            }
            Block::Preformatted(lines) => {
                for line in lines {
                    writeln!(out, "{line}")?;
                }
            }
            Block::Fields(pairs) => {
                let pairs: Vec<(&str, &str, Kind)> = pairs
                    .iter()
                    // A value with no space (an id, a url, a date) is one
                    // token to be copied: never cut.
                    .map(|(name, value)| {
                        let kind = if value.contains(char::is_whitespace) {
                            Kind::Text
                        } else {
                            Kind::Fixed
                        };
                        (name.as_str(), value.as_str(), kind)
                    })
                    .collect();
                write_record(&pairs, width, paint, out)?;
            }
            Block::Table {
                header,
                kinds,
                rows,
            } => write_table(header, kinds, rows, width, paint, out)?,
        }
    }
    Ok(())
}

/// How to colour: headings and headers bold, the word "possibly" in yellow.
#[derive(Debug, Clone, Copy)]
struct Paint {
    color: bool,
}

const BOLD: anstyle::Style = anstyle::Style::new().bold();
const POSSIBLY: anstyle::Style = anstyle::AnsiColor::Yellow.on_default().bold();

impl Paint {
    fn bold(self, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{BOLD}{text}{BOLD:#}")
        } else {
            text.to_string()
        }
    }

    /// The text with each word "possibly" (any case) in colour.
    fn words(self, text: &str) -> String {
        const WORD: &str = "possibly";
        if !self.color {
            return text.to_string();
        }
        let lower = text.to_ascii_lowercase();
        let mut out = String::with_capacity(text.len());
        let mut from = 0;
        for (at, _) in lower.match_indices(WORD) {
            let end = at + WORD.len();
            let alone = !lower[..at].ends_with(|c: char| c.is_alphanumeric())
                && !lower[end..].starts_with(|c: char| c.is_alphanumeric());
            if alone {
                out.push_str(&text[from..at]);
                out.push_str(&format!("{POSSIBLY}{}{POSSIBLY:#}", &text[at..end]));
                from = end;
            }
        }
        out.push_str(&text[from..]);
        out
    }
}

/// The display width of a cell: of its widest line.
fn cell_width(text: &str) -> usize {
    text.split('\n')
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// Chooses the columns' widths for a terminal of `width` columns (`None`:
/// piped, every column at its natural width). `natural` is each column's
/// widest cell or header. A fixed column keeps its natural width; a text
/// column gets at least the smaller of its natural width and [`MIN_TEXT`],
/// and the columns left over are shared out evenly among the text columns,
/// none beyond its natural width. Where even the least widths do not fit,
/// the table is stacked.
pub fn layout(natural: &[usize], kinds: &[Kind], width: Option<usize>) -> Layout {
    let gaps = GAP * natural.len().saturating_sub(1);
    let Some(width) = width else {
        return Layout::Columns(natural.to_vec());
    };
    if natural.iter().sum::<usize>() + gaps <= width {
        return Layout::Columns(natural.to_vec());
    }
    let is_text = |i: usize| kinds.get(i) == Some(&Kind::Text);
    let mut widths: Vec<usize> = natural
        .iter()
        .enumerate()
        .map(|(i, &n)| if is_text(i) { n.min(MIN_TEXT) } else { n })
        .collect();
    let least = widths.iter().sum::<usize>() + gaps;
    if least > width {
        return Layout::Stacked;
    }
    // Share out what is left, evenly among the text columns still short of
    // their natural width; a column that needs less than its share gets
    // what it needs and the rest goes round again.
    let mut left = width - least;
    loop {
        let mut short: Vec<usize> = (0..widths.len())
            .filter(|&i| is_text(i) && widths[i] < natural[i])
            .collect();
        if short.is_empty() || left == 0 {
            break;
        }
        short.sort_by_key(|&i| (natural[i] - widths[i], i));
        let share = left / short.len();
        if share == 0 {
            // Fewer columns left than columns short: one more each, in order.
            for &i in short.iter().take(left) {
                widths[i] += 1;
            }
            break;
        }
        for &i in &short {
            let add = share.min(natural[i] - widths[i]);
            widths[i] += add;
            left -= add;
        }
    }
    Layout::Columns(widths)
}

/// Breaks text into lines of at most `width` columns at spaces; a word
/// wider than the line is cut into pieces that fit. A line that fits is
/// kept as it is; the text's own line breaks stay.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_words(text, width, true)
}

/// As [`wrap`]; with `cut` false, a word wider than the line stands whole
/// on a line of its own.
fn wrap_words(text: &str, width: usize, cut: bool) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for line in text.split('\n') {
        if line.width() <= width {
            lines.push(line.to_string());
            continue;
        }
        let mut current = String::new();
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let sep = usize::from(!current.is_empty());
            if current.width() + sep + word.width() <= width {
                if sep == 1 {
                    current.push(' ');
                }
                current.push_str(word);
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            let pieces = if cut {
                pieces(word, width)
            } else {
                vec![word.to_string()]
            };
            for piece in pieces {
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                current = piece;
            }
        }
        lines.push(current);
    }
    lines
}

/// A word cut into pieces of at most `width` columns (a character wider
/// than that stands alone): after its last hyphen or slash that fits, or
/// else where the line ends.
fn pieces(word: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        while !piece.is_empty() && piece.width() + w > width {
            let at = piece
                .char_indices()
                .rev()
                .find(|&(i, c)| i > 0 && (c == '-' || c == '/'))
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(piece.len());
            let rest = piece.split_off(at);
            out.push(std::mem::replace(&mut piece, rest));
        }
        piece.push(c);
    }
    out.push(piece);
    out
}

/// A line of prose (a heading, a note) fitted to the terminal: wrapped at
/// spaces, never inside a word (a url stays whole, to be copied), the lines
/// after the first indented as it is, and past a leading bullet.
fn prose(text: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return text.split('\n').map(str::to_string).collect();
    };
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        let hang = indent + if body.starts_with("• ") { 2 } else { 0 };
        if line.width() <= width || hang + MIN_TEXT > width {
            lines.extend(wrap_words(line, width, false));
            continue;
        }
        let wrapped = wrap_words(body, width - hang, false);
        for (i, part) in wrapped.into_iter().enumerate() {
            let pad = if i == 0 { indent } else { hang };
            lines.push(format!("{}{part}", " ".repeat(pad)));
        }
    }
    lines
}

/// A cell's lines in a column of this width and kind.
fn cell_lines(text: &str, kind: Kind, width: usize) -> Vec<String> {
    match kind {
        Kind::Text => wrap(text, width),
        Kind::Fixed => text.split('\n').map(str::to_string).collect(),
    }
}

fn write_table(
    header: &[String],
    kinds: &[Kind],
    rows: &[Vec<String>],
    width: Option<usize>,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let header: Vec<String> = header.iter().map(|h| h.to_uppercase()).collect();
    let natural: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| cell_width(c))
                .chain([cell_width(&header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let kind = |i: usize| kinds.get(i).copied().unwrap_or(Kind::Fixed);
    match layout(&natural, kinds, width) {
        Layout::Columns(widths) => {
            let mut row_lines = |cells: &[String], header: bool| -> io::Result<()> {
                let lines: Vec<Vec<String>> = (0..widths.len())
                    .map(|i| {
                        let text = cells.get(i).map(String::as_str).unwrap_or_default();
                        cell_lines(text, kind(i), widths[i])
                    })
                    .collect();
                let height = lines.iter().map(Vec::len).max().unwrap_or(0);
                for l in 0..height {
                    let parts: Vec<&str> = lines
                        .iter()
                        .map(|c| c.get(l).map(String::as_str).unwrap_or_default())
                        .collect();
                    let line = columns_line(&parts, &widths, |_, s| {
                        if header {
                            paint.bold(s)
                        } else {
                            paint.words(s)
                        }
                    });
                    writeln!(out, "{line}")?;
                }
                Ok(())
            };
            row_lines(&header, true)?;
            for row in rows {
                row_lines(row, false)?;
            }
        }
        Layout::Stacked => {
            let names: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
            for (r, row) in rows.iter().enumerate() {
                if r > 0 {
                    writeln!(out)?;
                }
                let pairs: Vec<(&str, &str, Kind)> = names
                    .iter()
                    .enumerate()
                    .filter_map(|(i, name)| {
                        let value = row.get(i).map(String::as_str).unwrap_or_default();
                        (!value.is_empty()).then_some((name.as_str(), value, kind(i)))
                    })
                    .collect();
                write_record(&pairs, width, paint, out)?;
            }
        }
    }
    Ok(())
}

/// One line of a table: each part left-aligned in its column, the columns
/// [`GAP`] apart, no spaces after the last part that has text.
fn columns_line(parts: &[&str], widths: &[usize], paint: impl Fn(usize, &str) -> String) -> String {
    let last = parts.iter().rposition(|p| !p.trim_end().is_empty());
    let mut line = String::new();
    for (i, part) in parts.iter().enumerate() {
        if Some(i) > last {
            break;
        }
        let part = if Some(i) == last {
            part.trim_end()
        } else {
            part
        };
        line.push_str(&paint(i, part));
        if Some(i) < last {
            let pad = widths[i].saturating_sub(part.width()) + GAP;
            line.extend(std::iter::repeat_n(' ', pad));
        }
    }
    line
}

/// Name/value pairs, a `name:` line each with the values aligned after the
/// longest name. On a terminal a text value wraps in the space left; a value
/// that cannot stand there (a fixed value wider than that, or less room than
/// [`MIN_TEXT`] for text) goes on the lines below its name, from the margin.
fn write_record(
    pairs: &[(&str, &str, Kind)],
    width: Option<usize>,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let labels: Vec<String> = pairs
        .iter()
        .map(|(name, _, _)| format!("{name}:"))
        .collect();
    let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0);
    let indent = label_width + GAP;
    for ((_, value, kind), label) in pairs.iter().zip(&labels) {
        let (beside, below) = match width {
            None => (value.split('\n').map(str::to_string).collect(), Vec::new()),
            Some(width) => {
                let room = width.saturating_sub(indent);
                let fits = match kind {
                    Kind::Fixed => cell_width(value) <= room,
                    Kind::Text => room >= MIN_TEXT.min(cell_width(value)),
                };
                if fits {
                    (cell_lines(value, *kind, room), Vec::new())
                } else {
                    (Vec::new(), cell_lines(value, *kind, width))
                }
            }
        };
        let widths = [label_width, 0];
        let mut first = true;
        for part in beside
            .iter()
            .map(String::as_str)
            .chain(beside.is_empty().then_some(""))
        {
            let name = if first { label.as_str() } else { "" };
            first = false;
            let line = columns_line(&[name, part], &widths, |i, s| {
                if i == 0 {
                    paint.bold(s)
                } else {
                    paint.words(s)
                }
            });
            writeln!(out, "{line}")?;
        }
        for part in below {
            writeln!(out, "{}", paint.words(&part))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Kind::{Fixed, Text};

    fn rendered(blocks: &[Block], width: Option<u16>) -> String {
        let mut out = Vec::new();
        let style = Style {
            color: false,
            width,
            terminal: false,
        };
        render(blocks, style, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn docs_like() -> Block {
        Block::table(
            [("id", Fixed), ("title", Text), ("valid", Fixed)],
            vec![vec![
                "bishkek-2025-military-cooperation-plan".to_string(),
                "Action plan to develop military cooperation among CSTO member states".to_string(),
                "2026–2030".to_string(),
            ]],
        )
    }

    #[test]
    fn on_a_narrow_terminal_only_prose_wraps() {
        let text = rendered(&[docs_like()], Some(70));
        for line in text.lines() {
            assert!(line.width() <= 70, "{line:?} is wider than 70");
        }
        assert!(text.starts_with("ID  "), "{text}");
        assert!(
            text.contains("bishkek-2025-military-cooperation-plan"),
            "{text}"
        );
        assert!(text.contains("2026–2030"), "{text}");
        assert!(text.lines().count() > 2, "the title should wrap:\n{text}");
        // Wrapped at spaces: every line's words are whole words of the title.
        for line in text.lines().skip(1) {
            for word in line.split_whitespace() {
                assert!(
                    docs_like_words().contains(&word),
                    "{word:?} is not a whole word:\n{text}"
                );
            }
        }
    }

    fn docs_like_words() -> Vec<&'static str> {
        "bishkek-2025-military-cooperation-plan Action plan to develop military cooperation among CSTO member states 2026–2030"
            .split(' ')
            .collect()
    }

    #[test]
    fn where_the_columns_cannot_fit_each_row_is_a_block_of_fields() {
        let two = Block::table(
            [("id", Fixed), ("title", Text), ("valid", Fixed)],
            vec![
                vec!["short-id".into(), "A title of some words".into(), "".into()],
                vec!["other-id".into(), "Another".into(), "2026–2030".into()],
            ],
        );
        // 8 + 2 + 12 + 2 + 9 = 33 columns at the least.
        assert!(rendered(std::slice::from_ref(&two), Some(33)).starts_with("ID  "));
        assert_eq!(
            rendered(&[two], Some(32)),
            "id:     short-id\ntitle:  A title of some words\n\n\
             id:     other-id\ntitle:  Another\nvalid:  2026–2030\n"
        );
    }

    #[test]
    fn widths_fill_the_terminal_and_keep_fixed_columns_whole() {
        let natural = [20, 100, 10, 40];
        let kinds = [Fixed, Text, Fixed, Text];
        let Layout::Columns(widths) = layout(&natural, &kinds, Some(80)) else {
            panic!("fits as columns");
        };
        assert_eq!(widths[0], 20);
        assert_eq!(widths[2], 10);
        assert_eq!(widths.iter().sum::<usize>() + 3 * GAP, 80);
        assert!(widths[1] >= MIN_TEXT && widths[3] >= MIN_TEXT, "{widths:?}");
        // Shared evenly: neither text column is favoured.
        assert!(widths[1].abs_diff(widths[3]) <= 1, "{widths:?}");
        // A column that needs less than its share gets only what it needs.
        let Layout::Columns(widths) = layout(&[20, 100, 10, 18], &kinds, Some(80)) else {
            panic!("fits as columns");
        };
        assert_eq!(widths, vec![20, 26, 10, 18]);
        // Piped, or when all fits: natural widths.
        assert_eq!(
            layout(&natural, &kinds, None),
            Layout::Columns(natural.to_vec())
        );
        assert_eq!(
            layout(&[5, 5], &kinds[..2], Some(80)),
            Layout::Columns(vec![5, 5])
        );
        // Text columns shorter than the minimum are not widened to it.
        assert_eq!(
            layout(&[60, 10, 30], &[Fixed, Text, Text], Some(86)),
            Layout::Columns(vec![60, 10, 12])
        );
        assert_eq!(
            layout(&[60, 10, 30], &[Fixed, Text, Text], Some(85)),
            Layout::Stacked
        );
    }

    #[test]
    fn a_wide_cyrillic_title_wraps_by_display_width() {
        let title = "Заявление глав государств Республики Армения, Республики Белоруссия, Республики Казахстан";
        let table = Block::table(
            [("id", Fixed), ("title", Text)],
            vec![vec!["dushanbe-2003-statement".into(), title.into()]],
        );
        let text = rendered(&[table], Some(50));
        assert!(text.lines().all(|l| l.width() <= 50), "{text}");
        assert!(text.lines().count() >= 3, "{text}");
        let words: Vec<&str> = text
            .lines()
            .skip(1)
            .flat_map(|l| l.split_whitespace())
            .collect();
        let expected: Vec<&str> = std::iter::once("dushanbe-2003-statement")
            .chain(title.split(' '))
            .collect();
        assert_eq!(words, expected, "{text}");
        // Double-width characters count twice.
        assert_eq!(wrap("漢字漢字 漢字", 8), vec!["漢字漢字", "漢字"]);
        assert_eq!(wrap("漢字漢字漢字", 8), vec!["漢字漢字", "漢字"]);
    }

    #[test]
    fn an_id_longer_than_the_width_stands_whole_on_its_own_line() {
        let id = "dushanbe-2021-peacekeeping-special-representative-decision";
        let table = Block::table(
            [("id", Fixed), ("title", Text)],
            vec![vec![
                id.into(),
                "A title that wraps at forty columns".into(),
            ]],
        );
        let text = rendered(&[table], Some(40));
        assert_eq!(
            text,
            format!("id:\n{id}\ntitle:  A title that wraps at forty\n        columns\n")
        );
        for line in text.lines().filter(|l| *l != id) {
            assert!(line.width() <= 40, "{line:?}");
        }
    }

    #[test]
    fn words_wider_than_the_line_are_cut_and_a_fitting_line_kept() {
        assert_eq!(wrap("abcdefghij xy", 4), vec!["abcd", "efgh", "ij", "xy"]);
        // At a hyphen where one fits.
        assert_eq!(
            wrap("Shchuchinsk-Borovoe, Kazakhstan", 13),
            vec!["Shchuchinsk-", "Borovoe,", "Kazakhstan"]
        );
        assert_eq!(wrap("a-bcdefgh", 4), vec!["a-", "bcde", "fgh"]);
        assert_eq!(wrap("a-b漢字", 4), vec!["a-", "b漢", "字"]);
        assert_eq!(wrap("a  b", 10), vec!["a  b"]);
        assert_eq!(wrap("one\ntwo three", 5), vec!["one", "two", "three"]);
        assert_eq!(wrap("", 5), vec![""]);
    }

    #[test]
    fn prose_wraps_under_its_bullet_and_keeps_a_url_whole() {
        let url = "https://example.org/a/path/longer/than/the/terminal/is/wide";
        let text = rendered(
            &[Block::Text(format!(
                "• source — Publisher, \"A title\" {url}"
            ))],
            Some(30),
        );
        assert_eq!(
            text,
            format!("• source — Publisher, \"A\n  title\"\n  {url}\n")
        );
    }

    #[test]
    fn piped_output_never_wraps_and_has_no_trailing_spaces() {
        let text = rendered(&[docs_like()], None);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.starts_with("ID  "), "{text}");
        assert!(text.lines().all(|l| !l.ends_with(' ')), "{text:?}");
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn fields_align_their_values() {
        let text = rendered(
            &[Block::fields([
                ("holder", "A".to_string()),
                ("appointed by", "B".to_string()),
                ("empty", String::new()),
            ])],
            None,
        );
        assert_eq!(text, "holder:        A\nappointed by:  B\n");
        // No spaces at the end of a line, the value's own included.
        let text = rendered(&[Block::fields([("a", "b  ".to_string())])], None);
        assert_eq!(text, "a:  b\n");
    }

    #[test]
    fn fields_wrap_their_values_on_a_terminal() {
        let text = rendered(
            &[Block::fields([(
                "sources",
                "Armenpress; Rossiyskaya Gazeta; 24.kg; Interfax".to_string(),
            )])],
            Some(30),
        );
        assert_eq!(
            text,
            "sources:  Armenpress;\n          Rossiyskaya Gazeta;\n          24.kg; Interfax\n"
        );
    }

    #[test]
    fn colour_marks_possibly_and_headers_through_styles() {
        let blocks = [
            Block::table(
                [("id", Fixed), ("member", Fixed)],
                vec![vec!["uzbekistan".into(), "possibly".into()]],
            ),
            Block::Text("Impossibly long; possibly not.".into()),
        ];
        let mut out = Vec::new();
        let style = Style {
            color: true,
            width: None,
            terminal: false,
        };
        render(&blocks, style, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let possibly = format!("{POSSIBLY}possibly{POSSIBLY:#}");
        assert_eq!(
            text,
            format!(
                "{BOLD}ID{BOLD:#}          {BOLD}MEMBER{BOLD:#}\nuzbekistan  {possibly}\n\
                 Impossibly long; {possibly} not.\n"
            )
        );
    }
}
