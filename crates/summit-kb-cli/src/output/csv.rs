//! CSV (RFC 4180): one header row of the answer's declared columns (the JSON
//! field names), then one row per record with the same values as its JSON.
//! Never coloured.

use std::io::{self, Write};

use super::{visible, Data};

/// Writes the records; on a terminal (`terminal`) each value is shown
/// through [`visible`], as the table shows it.
pub fn render(data: &Data, terminal: bool, out: &mut dyn Write) -> io::Result<()> {
    // Written whole, so that an error writing to `out` (a closed pipe) stays
    // an io::Error of its own kind.
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| io::Error::other(e.to_string());
    writer
        .write_record(data.columns.iter().map(|c| c.key))
        .map_err(failed)?;
    for record in &data.records {
        let row = data.columns.iter().map(|&c| {
            let cell = Data::cell(record, c);
            match visible(&cell) {
                std::borrow::Cow::Owned(shown) if terminal => shown,
                _ => cell,
            }
        });
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
    use serde_json::json;

    fn rendered(data: &Data) -> String {
        let mut out = Vec::new();
        render(data, false, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quotes_commas_quotes_and_newlines() {
        let data = Data::new(
            &["id", "title"],
            vec![json!({"id": "a", "title": "He said \"x, y\"\nthen"})],
        );
        assert_eq!(
            rendered(&data),
            "id,title\na,\"He said \"\"x, y\"\"\nthen\"\n"
        );
    }

    #[test]
    fn an_empty_list_is_the_header_alone() {
        assert_eq!(rendered(&Data::new(&["id", "title"], vec![])), "id,title\n");
    }

    #[test]
    fn values_are_data_flags_default_to_false_and_lists_join() {
        let data = Data::new(
            &["id", "start", "acting?", "n", "topics", "missing"],
            vec![
                json!({"id": "t", "start": "2003", "acting": true, "n": 3, "topics": ["a", "b"]}),
                json!({"id": "u", "start": "2003-04-28"}),
            ],
        );
        assert_eq!(
            rendered(&data),
            "id,start,acting,n,topics,missing\nt,2003,true,3,a; b,\nu,2003-04-28,false,,,\n"
        );
    }
}
