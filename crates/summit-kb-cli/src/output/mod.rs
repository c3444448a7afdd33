//! How answers are shown. A command returns a typed answer
//! ([`crate::answer::Answer`]); [`render`] writes it in the format asked for:
//! JSON the value itself, NDJSON and CSV its rows, the table and Markdown
//! the blocks [`human`] words for it. Nothing else in the program prints
//! tables or JSON.

mod csv;
pub mod human;
mod json;
mod markdown;
mod ndjson;
pub mod popolo;
pub mod sqlite;
mod table;
pub mod words;

pub use summit_kb_core::visible::{visible, visible_line};
pub use table::MIN_TEXT;

use std::borrow::Cow;
use std::io::{self, Write};

use serde_json::Value;

pub use human::Human;

use crate::answer::Answer;
use crate::kb::Kb;

/// How a query's answer is written (`--format`); `export` writes formats of
/// its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading (the default).
    Table,
    /// Pretty-printed JSON, records in the shape `export` writes them.
    Json,
    /// One JSON value per line: one line per record of a list.
    Ndjson,
    /// Comma-separated values: a header row of the JSON field names, a row a record.
    Csv,
    /// A GitHub Markdown table.
    Markdown,
}

/// The records of an answer and the columns CSV writes of each: a list's
/// records, a lookup's matches, `check`'s findings. NDJSON writes each record
/// as a line; CSV writes one header row of `columns` (snake_case, the JSON
/// field names) and each record's values under it, so that CSV and JSON hold
/// the same values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Data {
    pub columns: Vec<Column>,
    pub records: Vec<Value>,
}

/// A CSV column: the JSON field it is, and what it holds when the JSON
/// leaves the field out (a flag false, a confidence confirmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub default: Option<&'static str>,
}

impl Data {
    /// Records with the columns named: `acting?` is a flag (`false` when
    /// left out), `confidence=confirmed` a field with a default.
    pub fn new(columns: &[&'static str], records: Vec<Value>) -> Data {
        let columns = columns
            .iter()
            .map(|c| {
                if let Some(key) = c.strip_suffix('?') {
                    Column {
                        key,
                        default: Some("false"),
                    }
                } else if let Some((key, default)) = c.split_once('=') {
                    Column {
                        key,
                        default: Some(default),
                    }
                } else {
                    Column {
                        key: c,
                        default: None,
                    }
                }
            })
            .collect();
        Data { columns, records }
    }

    /// The CSV cell of one record's column.
    pub fn cell(record: &Value, column: Column) -> String {
        match record.get(column.key) {
            None | Some(Value::Null) => column.default.unwrap_or_default().to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Array(items)) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
                items
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }
            Some(other) => other.to_string(),
        }
    }
}

/// One part of a human-readable answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A title line above the blocks that follow.
    Heading(String),
    /// A line of prose.
    Text(String),
    /// Lines whose alignment is their meaning (the timeline chart): printed
    /// as they are, and fenced in Markdown.
    Preformatted(Vec<String>),
    /// Name/value pairs, one per line.
    Fields(Vec<(String, String)>),
    /// Columns with a header row; `kinds` says, a column each, which of
    /// them may wrap on a terminal.
    Table {
        header: Vec<String>,
        kinds: Vec<Kind>,
        rows: Vec<Vec<String>>,
    },
}

/// What a table column holds, for fitting it to a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Ids, dates, counts, short enums: never wrapped nor cut.
    Fixed,
    /// Titles, names, summaries: wrapped at word boundaries.
    Text,
}

impl Block {
    /// A table of the columns named, each with its kind.
    pub fn table<'h>(
        columns: impl IntoIterator<Item = (&'h str, Kind)>,
        rows: Vec<Vec<String>>,
    ) -> Block {
        let (header, kinds) = columns.into_iter().map(|(h, k)| (h.to_string(), k)).unzip();
        Block::Table {
            header,
            kinds,
            rows,
        }
    }

    /// The block with `f` applied to each of its texts.
    fn map_texts(&self, f: impl Fn(&str) -> String) -> Block {
        let all = |texts: &[String]| texts.iter().map(|t| f(t)).collect();
        match self {
            Block::Heading(text) => Block::Heading(f(text)),
            Block::Text(text) => Block::Text(f(text)),
            Block::Preformatted(lines) => Block::Preformatted(all(lines)),
            Block::Fields(pairs) => {
                Block::Fields(pairs.iter().map(|(k, v)| (f(k), f(v))).collect())
            }
            Block::Table {
                header,
                kinds,
                rows,
            } => Block::Table {
                header: all(header),
                kinds: kinds.clone(),
                rows: rows.iter().map(|row| all(row)).collect(),
            },
        }
    }

    /// Whether any of the block's texts holds a character that [`visible`]
    /// shows as an escape.
    fn hides(&self) -> bool {
        let hides = |text: &String| matches!(visible(text), Cow::Owned(_));
        match self {
            Block::Heading(text) | Block::Text(text) => hides(text),
            Block::Preformatted(lines) => lines.iter().any(hides),
            Block::Fields(pairs) => pairs.iter().any(|(k, v)| hides(k) || hides(v)),
            Block::Table { header, rows, .. } => {
                header.iter().any(hides) || rows.iter().flatten().any(hides)
            }
        }
    }

    pub fn fields<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> Block {
        Block::Fields(
            pairs
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }
}

/// The blocks as a terminal or Markdown may be sent them: every text passed
/// through [`visible`], so that no control character of the dataset is sent
/// raw. Borrowed when there is none (as in every well-formed dataset).
pub fn visible_blocks(blocks: &[Block]) -> Cow<'_, [Block]> {
    if !blocks.iter().any(Block::hides) {
        return Cow::Borrowed(blocks);
    }
    Cow::Owned(
        blocks
            .iter()
            .map(|b| b.map_texts(|t| visible(t).into_owned()))
            .collect(),
    )
}

/// How to style human-readable output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Fit tables to this many columns, wrapping prose; `None`: never wrap.
    pub width: Option<u16>,
    /// Standard output is a terminal: CSV, which is data and otherwise
    /// holds the values as they are, is then shown through [`visible`] too.
    pub terminal: bool,
}

/// Writes a line to standard error, ignoring a failure to write it: with
/// standard error unwritable (`2>/dev/full`, a closed pipe) there is nowhere
/// left to say so, and the exit status still tells what happened, where
/// `eprintln!` would panic (exit 101).
pub fn to_stderr(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// The width of the terminal standard output is, when it is one (the
/// window size of standard output's own terminal, not of /dev/tty).
pub fn terminal_width() -> Option<u16> {
    terminal_size::terminal_size_of(io::stdout())
        .map(|(terminal_size::Width(w), _)| w)
        .filter(|&w| w > 0)
}

/// Writes an answer in the chosen format. Only the table is ever coloured.
///
/// The formats for people (the table, the stacked layout and Markdown) show
/// the dataset's texts through [`visible`]; so does CSV on a terminal. JSON
/// and NDJSON escape control characters as JSON does (`\u001b`), and CSV
/// piped or to a file keeps every value as it is: it is data, with the
/// values of the JSON, and a CSV reader has no escape to undo. CSV and
/// NDJSON, whose rows are records only, have the answer's notice on
/// standard error, as `note: ...`.
pub fn render<A: Answer + Human>(
    answer: &A,
    kb: &Kb<'_>,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(&visible_blocks(&answer.blocks(kb)), style, out),
        Format::Markdown => markdown::render(&visible_blocks(&answer.blocks(kb)), out),
        Format::Json => json::render(answer, out),
        Format::Ndjson => {
            ndjson::render(&answer.rows(), out)?;
            note(answer.notice(kb));
            Ok(())
        }
        Format::Csv => {
            let records = answer.rows().iter().map(to_json).collect();
            csv::render(&Data::new(answer.columns(), records), style.terminal, out)?;
            note(answer.notice(kb));
            Ok(())
        }
    }
}

/// A notice on standard error.
fn note(notice: Option<String>) {
    if let Some(notice) = notice {
        to_stderr(&format!("note: {}", visible(&notice)));
    }
}

/// A row as JSON, for CSV to read its columns from.
fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("answers serialize to JSON")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::docs::{DocRow, Docs, DocsJson};

    /// JSON is the answer itself, NDJSON its rows a line each, CSV the
    /// columns it declares and a row each, the table its blocks.
    #[test]
    fn a_typed_answer_is_written_from_its_value_its_rows_and_its_blocks() {
        let loaded = crate::shipped();
        let kb = Kb::new(&loaded);
        let rows = kb.data().document[..2]
            .iter()
            .map(|d| DocRow {
                document: d,
                adopted_on: d.adopted,
                organization: None,
            })
            .collect();
        let answer = Docs {
            json: DocsJson::List(rows),
            sources: false,
        };
        let style = Style {
            color: false,
            width: None,
            terminal: false,
        };
        let written = |format| {
            let mut out = Vec::new();
            render(&answer, &kb, format, style, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let json = serde_json::to_string_pretty(&answer).unwrap() + "\n";
        assert_eq!(written(Format::Json), json);
        let value: Value = serde_json::from_str(&json).unwrap();
        let ndjson: Vec<Value> = written(Format::Ndjson)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(Value::Array(ndjson), value);
        let csv = written(Format::Csv);
        let header = csv.lines().next().unwrap();
        assert!(
            header.starts_with("id,kind,title,organization,"),
            "{header}"
        );
        assert!(header.ends_with(",topics,confidence"), "{header}");
        assert_eq!(csv.lines().count(), 3, "{csv}");
        let table = written(Format::Table);
        assert!(table.starts_with("ID "), "{table}");
        assert!(table.contains(kb.data().document[1].id.as_ref()), "{table}");
        assert!(answer.found());
    }
}
