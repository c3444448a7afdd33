//! CSV (RFC 4180): one header row, then one row per record, with the columns of
//! the table view in its order. Never coloured.

use std::io::{self, Write};

use super::{one_table, Block};

pub fn render(blocks: &[Block], out: &mut dyn Write) -> io::Result<()> {
    let (header, rows) = one_table(blocks);
    // Written whole, so that an error writing to `out` (a closed pipe) stays
    // an io::Error of its own kind.
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| io::Error::other(e.to_string());
    writer.write_record(&header).map_err(failed)?;
    for row in &rows {
        writer.write_record(row).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(blocks: &[Block]) -> String {
        let mut out = Vec::new();
        render(blocks, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quotes_commas_quotes_and_newlines() {
        let table = Block::table(
            ["id", "title"],
            vec![vec!["a".to_string(), "He said \"x, y\"\nthen".to_string()]],
        );
        assert_eq!(
            rendered(&[table]),
            "id,title\na,\"He said \"\"x, y\"\"\nthen\"\n"
        );
    }

    #[test]
    fn an_empty_list_is_the_header_alone() {
        let table = Block::table(["id", "title"], vec![]);
        let text = Block::Text("No documents match.".to_string());
        assert_eq!(rendered(&[table, text]), "id,title\n");
    }

    #[test]
    fn name_value_blocks_become_rows_under_every_name() {
        let blocks = [
            Block::Heading("Secretary General on 2019-06-01".to_string()),
            Block::fields([("holder", "A".to_string()), ("term", "t1".to_string())]),
            Block::fields([
                ("holder", "B".to_string()),
                ("certainty", "possibly".to_string()),
            ]),
        ];
        assert_eq!(
            rendered(&blocks),
            "holder,term,certainty\nA,t1,\nB,,possibly\n"
        );
    }
}
