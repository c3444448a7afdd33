//! How answers are shown. A command builds a [`View`]; one renderer per format
//! writes it. Nothing else in the program prints tables or JSON.

mod csv;
mod json;
mod markdown;
mod ndjson;
mod table;

use std::io::{self, Write};

use serde_json::Value;

use crate::cli::Format;

/// What a command answers, ready for any format: `json` for machines, `blocks`
/// for people.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub json: Value,
    pub blocks: Vec<Block>,
}

/// One part of a human-readable answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A title line above the blocks that follow.
    Heading(String),
    /// A line of prose.
    Text(String),
    /// Name/value pairs, one per line.
    Fields(Vec<(String, String)>),
    /// Columns with a header row.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

impl Block {
    pub fn table<const N: usize>(header: [&str; N], rows: Vec<Vec<String>>) -> Block {
        Block::Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
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

/// How to style human-readable output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Fit tables to this many columns, wrapping prose; `None`: never wrap.
    pub width: Option<u16>,
}

/// The width of the terminal standard output is, when it is one.
pub fn terminal_width() -> Option<u16> {
    // comfy-table already asks the terminal; a table that is not told a width
    // reports the terminal's.
    comfy_table::Table::new().width()
}

/// Writes a view in the chosen format. Only the table is ever coloured.
pub fn render(view: &View, format: Format, style: Style, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::render(&view.blocks, style, out),
        Format::Json => json::render(&view.json, out),
        Format::Ndjson => ndjson::render(&view.json, out),
        Format::Csv => csv::render(&view.blocks, out),
        Format::Markdown => markdown::render(&view.blocks, out),
        Format::Popolo => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "--format popolo is for `export` only",
        )),
    }
}

/// The view as one table with one header row, for formats that can hold only
/// one: the name/value blocks as rows (the columns are every name, in the order
/// first seen), else the first table, else the lines of text in a `text` column.
pub fn one_table(blocks: &[Block]) -> (Vec<String>, Vec<Vec<String>>) {
    let fields: Vec<&Vec<(String, String)>> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Fields(pairs) => Some(pairs),
            _ => None,
        })
        .collect();
    if !fields.is_empty() {
        let mut header: Vec<String> = Vec::new();
        for pairs in &fields {
            for (name, _) in *pairs {
                if !header.contains(name) {
                    header.push(name.clone());
                }
            }
        }
        let rows = fields
            .iter()
            .map(|pairs| {
                header
                    .iter()
                    .map(|h| {
                        pairs
                            .iter()
                            .find(|(name, _)| name == h)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        return (header, rows);
    }
    if let Some((header, rows)) = blocks.iter().find_map(|b| match b {
        Block::Table { header, rows } => Some((header.clone(), rows.clone())),
        _ => None,
    }) {
        return (header, rows);
    }
    let rows = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(text) | Block::Text(text) => Some(vec![text.clone()]),
            _ => None,
        })
        .collect();
    (vec!["text".to_string()], rows)
}
