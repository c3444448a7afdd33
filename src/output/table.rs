//! Tables and name/value lists for people to read.

use std::io::{self, Write};

use comfy_table::{presets, Attribute, Cell, ColumnConstraint, ContentArrangement, Table};

use super::{Block, Style};

pub fn render(blocks: &[Block], style: Style, out: &mut dyn Write) -> io::Result<()> {
    // A table with no rows shows nothing; a line of text says so.
    let shown = blocks
        .iter()
        .filter(|b| !matches!(b, Block::Table { rows, .. } if rows.is_empty()));
    for (i, block) in shown.enumerate() {
        if i > 0 && matches!(block, Block::Heading(_) | Block::Table { .. }) {
            writeln!(out)?;
        }
        match block {
            Block::Heading(text) if style.color => {
                writeln!(out, "\x1b[1m{text}\x1b[0m")?;
            }
            Block::Heading(text) | Block::Text(text) => writeln!(out, "{text}")?,
            Block::Preformatted(lines) => {
                for line in lines {
                    writeln!(out, "{line}")?;
                }
            }
            Block::Fields(pairs) => {
                let mut table = new_table(style);
                for (name, value) in pairs {
                    table.add_row(vec![
                        header_cell(&format!("{name}:"), style),
                        Cell::new(value),
                    ]);
                }
                write_table(table, out)?;
            }
            Block::Table { header, rows } => {
                let mut table = new_table(style);
                table.set_header(header.iter().map(|h| header_cell(&h.to_uppercase(), style)));
                for row in rows {
                    table.add_row(row);
                }
                write_table(table, out)?;
            }
        }
    }
    Ok(())
}

fn new_table(style: Style) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    match style.width {
        Some(width) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
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

/// Lays the columns out and writes the table. Columns two spaces apart, no
/// padding at the edges; only columns of prose (cells with spaces) wrap, so
/// an id or a date is never broken across lines.
fn write_table(mut table: Table, out: &mut dyn Write) -> io::Result<()> {
    let count = table.column_count();
    let prose: Vec<bool> = (0..count)
        .map(|i| {
            table
                .column_cells_iter(i)
                .any(|cell| cell.is_some_and(|c| c.content().contains(' ')))
        })
        .collect();
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if i + 1 < count { 2 } else { 0 }));
        if !prose[i] {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    for line in table.lines() {
        writeln!(out, "{}", trim_end_styled(&line))?;
    }
    Ok(())
}

/// The line without trailing spaces, including those a closing escape code
/// (`\x1b[0m`) stands after in a coloured header.
fn trim_end_styled(line: &str) -> String {
    let mut text = line.trim_end();
    let mut codes = Vec::new();
    while text.ends_with('m') {
        let Some(start) = text.rfind("\x1b[") else {
            break;
        };
        let code = &text[start..];
        if !code[2..code.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b';')
        {
            break;
        }
        codes.push(code);
        text = text[..start].trim_end();
    }
    let mut out = text.to_string();
    out.extend(codes.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(blocks: &[Block], width: Option<u16>) -> String {
        let mut out = Vec::new();
        let style = Style {
            color: false,
            width,
        };
        render(blocks, style, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn docs_like() -> Block {
        Block::table(
            ["id", "title", "valid"],
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
            assert!(line.chars().count() <= 70, "{line:?} is wider than 70");
        }
        assert!(
            text.contains("bishkek-2025-military-cooperation-plan"),
            "{text}"
        );
        assert!(text.contains("2026–2030"), "{text}");
        assert!(text.lines().count() > 2, "the title should wrap:\n{text}");
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
    fn coloured_lines_have_no_trailing_spaces_either() {
        assert_eq!(
            trim_end_styled("\x1b[1mVALID   \x1b[0m  "),
            "\x1b[1mVALID\x1b[0m"
        );
        assert_eq!(trim_end_styled("a  \x1b[0m\x1b[1m"), "a\x1b[0m\x1b[1m");
        assert_eq!(trim_end_styled("plain  "), "plain");
        assert_eq!(trim_end_styled("ends in m  "), "ends in m");
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
    }
}
