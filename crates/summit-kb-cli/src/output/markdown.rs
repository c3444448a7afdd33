//! Markdown: tables as GitHub tables, name/value lists as two-column tables,
//! headings as `##` lines. A list command's answer is one table. Never coloured.

use std::io::{self, Write};

use super::Block;

pub fn render(blocks: &[Block], out: &mut dyn Write) -> io::Result<()> {
    for (i, block) in blocks.iter().enumerate() {
        let after_text = i > 0 && matches!(blocks[i - 1], Block::Text(_));
        if i > 0 && !(after_text && matches!(block, Block::Text(_))) {
            writeln!(out)?;
        }
        match block {
            Block::Heading(text) => writeln!(out, "## {}", inline(text))?,
            // Consecutive lines of text stay one paragraph, a line each.
            Block::Text(text) => {
                let continues = matches!(blocks.get(i + 1), Some(Block::Text(_)));
                let end = if continues { "<br>" } else { "" };
                writeln!(out, "{}{end}", inline(text.trim_start()))?;
            }
            // A fence keeps the columns that Markdown would collapse; the
            // fence is longer than any run of backticks in the lines.
            Block::Preformatted(lines) => {
                let fence = "`".repeat(3.max(longest_backtick_run(lines) + 1));
                writeln!(out, "{fence}text")?;
                for line in lines {
                    writeln!(out, "{line}")?;
                }
                writeln!(out, "{fence}")?;
            }
            Block::Fields(pairs) => {
                let rows: Vec<Vec<String>> = pairs
                    .iter()
                    .map(|(name, value)| vec![name.clone(), value.clone()])
                    .collect();
                table(&["field".to_string(), "value".to_string()], &rows, out)?;
            }
            Block::Table { header, rows, .. } => table(header, rows, out)?,
        }
    }
    Ok(())
}

fn table(header: &[String], rows: &[Vec<String>], out: &mut dyn Write) -> io::Result<()> {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    writeln!(out, "{}", line(header))?;
    writeln!(out, "|{}", " --- |".repeat(header.len()))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

fn longest_backtick_run(lines: &[String]) -> usize {
    lines
        .iter()
        .flat_map(|line| line.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// A table cell: pipes escaped, line breaks as `<br>`.
fn cell(text: &str) -> String {
    inline(text.trim())
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

/// Text on one line: characters that would start HTML or break the line made safe.
fn inline(text: &str) -> String {
    text.replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Kind;

    fn rendered(blocks: &[Block]) -> String {
        let mut out = Vec::new();
        render(blocks, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_table_is_a_github_table_with_cells_escaped() {
        let table = Block::table(
            [("id", Kind::Fixed), ("title", Kind::Text)],
            vec![vec!["a".to_string(), "x | y\nz <b>".to_string()]],
        );
        assert_eq!(
            rendered(&[table]),
            "| id | title |\n| --- | --- |\n| a | x \\| y<br>z &lt;b> |\n"
        );
    }

    #[test]
    fn headings_fields_and_lines_of_text() {
        let blocks = [
            Block::Heading("Sources".to_string()),
            Block::fields([("holder", "A".to_string())]),
            Block::Text("• one".to_string()),
            Block::Text("    two".to_string()),
        ];
        assert_eq!(
            rendered(&blocks),
            "## Sources\n\n| field | value |\n| --- | --- |\n| holder | A |\n\n• one<br>\ntwo\n"
        );
    }
}
