//! Tables and name/value lists for people to read.

use std::io::{self, Write};

use comfy_table::{presets, Attribute, Cell, ContentArrangement, Table};

use super::{Block, Style};

pub fn render(blocks: &[Block], style: Style, out: &mut dyn Write) -> io::Result<()> {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 && matches!(block, Block::Heading(_) | Block::Table { .. }) {
            writeln!(out)?;
        }
        match block {
            Block::Heading(text) if style.color => {
                writeln!(out, "\x1b[1m{text}\x1b[0m")?;
            }
            Block::Heading(text) | Block::Text(text) => writeln!(out, "{text}")?,
            Block::Fields(pairs) => {
                let mut table = new_table(style);
                for (name, value) in pairs {
                    table.add_row(vec![
                        header_cell(&format!("{name}:"), style),
                        Cell::new(value),
                    ]);
                }
                write_table(&table, out)?;
            }
            Block::Table { header, rows } => {
                let mut table = new_table(style);
                table.set_header(header.iter().map(|h| header_cell(&h.to_uppercase(), style)));
                for row in rows {
                    table.add_row(row);
                }
                write_table(&table, out)?;
            }
        }
    }
    Ok(())
}

fn new_table(style: Style) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    table.set_content_arrangement(if style.fit {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

fn header_cell(text: &str, style: Style) -> Cell {
    let cell = Cell::new(text);
    if style.color {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// comfy-table pads every line with the cell padding; trailing spaces only
/// get in the way of diff and grep.
fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    for line in table.lines() {
        let line = line.trim_end();
        // The NOTHING preset still leaves one column of padding on the left.
        writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line))?;
    }
    Ok(())
}
