//! Where a record or one of its fields stands in a dataset file, as a line and
//! column. Positions are looked up only when there is a finding to print: the
//! file is parsed again, once, with spans (TOML), or searched for the record's
//! `"id": "..."` text (JSON, as `export` writes it).

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// What a finding points at: a record, and within it, a field if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The table the record is in (`term`, `document`); `None`: any table.
    pub kind: Option<&'static str>,
    /// The record's id; empty for a file-level table such as `[dataset]`.
    pub id: String,
    /// Which record with this id in the file (0: the first), for duplicates.
    pub occurrence: usize,
    pub field: Option<Field>,
}

/// A key anywhere inside the record (in a nested table or array too) whose
/// value matches; the `nth` such place in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub value: ValueMatch,
    pub nth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueMatch {
    /// Any value.
    Any,
    /// A string equal to this (or an array holding it).
    Text(String),
    /// A string that is empty or only blanks.
    Blank,
}

impl Target {
    /// The record itself, by id.
    pub fn record(kind: &'static str, id: &str) -> Target {
        Target {
            kind: Some(kind),
            id: id.to_string(),
            occurrence: 0,
            field: None,
        }
    }

    /// A field of a record.
    pub fn field(kind: &'static str, id: &str, key: &'static str, value: ValueMatch) -> Target {
        Target {
            field: Some(Field { key, value, nth: 0 }),
            ..Target::record(kind, id)
        }
    }
}

/// 1-based (line, column) of each target in `text`, `None` where it cannot be
/// found. `json` selects the JSON search; otherwise the text is parsed as TOML.
pub fn positions(text: &str, json: bool, targets: &[&Target]) -> Vec<Option<(usize, usize)>> {
    let lines = LineIndex::new(text);
    let offsets: Vec<Option<usize>> = if json {
        json_offsets(text, targets)
    } else {
        toml_offsets(text, targets)
    };
    offsets
        .into_iter()
        .map(|o| o.map(|o| lines.line_column(text, o)))
        .collect()
}

/// Byte offsets of line starts, for a line and column in O(log n).
struct LineIndex {
    starts: Vec<usize>,
}

/// The 1-based line and column (in characters) of a byte offset, for one
/// lookup; [`LineIndex`] serves many in the same text.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(text, offset)
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line, and column in characters.
    fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = text
            .get(self.starts[line]..offset)
            .map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// A record's table in a TOML file, with the span of its `id` value.
struct Found<'t, 'i> {
    kind: &'t str,
    table: &'t DeTable<'i>,
    id_span: Range<usize>,
}

fn toml_offsets(text: &str, targets: &[&Target]) -> Vec<Option<usize>> {
    let Ok(root) = DeTable::parse(text) else {
        return vec![None; targets.len()];
    };
    let root = root.get_ref();
    let wanted: std::collections::HashSet<&str> = targets.iter().map(|t| t.id.as_str()).collect();
    // Every record whose id a target names, in file order.
    let mut by_id: HashMap<&str, Vec<Found<'_, '_>>> = HashMap::new();
    for (kind, value) in root.iter() {
        let DeValue::Array(items) = value.get_ref() else {
            continue;
        };
        for item in items {
            let DeValue::Table(table) = item.get_ref() else {
                continue;
            };
            if let Some(id) = table.get("id") {
                if let DeValue::String(s) = id.get_ref() {
                    if let Some(&key) = wanted.get(s.as_ref()) {
                        by_id.entry(key).or_default().push(Found {
                            kind: kind.get_ref(),
                            table,
                            id_span: id.span(),
                        });
                    }
                }
            }
        }
    }
    for found in by_id.values_mut() {
        found.sort_by_key(|f| f.id_span.start);
    }
    // The same lists by kind as well, so that the nth record of a kind with
    // an id is one look-up: an id used n times costs n, not n squared.
    let mut by_kind: HashMap<(&str, &str), Vec<&Found<'_, '_>>> = HashMap::new();
    for (id, found) in &by_id {
        for f in found {
            by_kind.entry((id, f.kind)).or_default().push(f);
        }
    }
    targets
        .iter()
        .map(|target| {
            if target.id.is_empty() {
                let kind = target.kind?;
                return root.get_key_value(kind).map(|(k, _)| k.span().start);
            }
            let id = target.id.as_str();
            let record = match target.kind {
                None => by_id.get(id)?.get(target.occurrence)?,
                Some(kind) => *by_kind.get(&(id, kind))?.get(target.occurrence)?,
            };
            let field = target.field.as_ref().and_then(|field| {
                let mut spans = Vec::new();
                find_in_table(record.table, field, &mut spans);
                spans.sort_unstable();
                spans.get(field.nth).copied()
            });
            Some(field.unwrap_or(record.id_span.start))
        })
        .collect()
}

fn find_in_table(table: &DeTable<'_>, field: &Field, out: &mut Vec<usize>) {
    for (key, value) in table.iter() {
        if key.get_ref() == field.key {
            match value.get_ref() {
                DeValue::Array(items) if !matches!(field.value, ValueMatch::Any) => {
                    for item in items {
                        if matches_value(item, &field.value) {
                            out.push(item.span().start);
                        }
                    }
                }
                _ if matches_value(value, &field.value) => out.push(value.span().start),
                _ => {}
            }
        }
        find_in_value(value, field, out);
    }
}

fn find_in_value(value: &Spanned<DeValue<'_>>, field: &Field, out: &mut Vec<usize>) {
    match value.get_ref() {
        DeValue::Table(table) => find_in_table(table, field, out),
        DeValue::Array(items) => {
            for item in items {
                find_in_value(item, field, out);
            }
        }
        _ => {}
    }
}

fn matches_value(value: &Spanned<DeValue<'_>>, wanted: &ValueMatch) -> bool {
    match (wanted, value.get_ref()) {
        (ValueMatch::Any, _) => true,
        (ValueMatch::Text(t), DeValue::String(s)) => s == t,
        (ValueMatch::Blank, DeValue::String(s)) => s.trim().is_empty(),
        _ => false,
    }
}

/// JSON has no spans to ask for: a finding points at its record's
/// `"id": "..."` as `export` writes it (pretty-printed), or at the field's
/// value inside that record when it can be found in the text.
fn json_offsets(text: &str, targets: &[&Target]) -> Vec<Option<usize>> {
    const ID: &str = "\"id\": ";
    // One pass over the text: where each wanted id stands, in order.
    let wanted: std::collections::HashSet<&str> = targets.iter().map(|t| t.id.as_str()).collect();
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, _) in text.match_indices(ID) {
        let at = i + ID.len();
        let mut strings = serde_json::Deserializer::from_str(&text[at..]).into_iter::<String>();
        if let Some(Ok(id)) = strings.next() {
            if wanted.contains(id.as_str()) {
                by_id.entry(id).or_default().push(at);
            }
        }
    }
    targets
        .iter()
        .map(|target| {
            if target.id.is_empty() {
                return None;
            }
            let id = *by_id.get(&target.id)?.get(target.occurrence)?;
            // The record ends at the closing brace of its indentation.
            let line_start = text[..id].rfind('\n').map_or(0, |i| i + 1);
            let indent = &text[line_start..id - ID.len()];
            let close = format!("\n{}}}", indent.get(2..).unwrap_or(""));
            let end = text[id..].find(&close).map_or(text.len(), |i| id + i);
            let field = target
                .field
                .as_ref()
                .and_then(|field| json_field(&text[id..end], field).map(|i| id + i));
            Some(field.unwrap_or(id))
        })
        .collect()
}

/// The offset in a record's JSON text of the `nth` value of `key` that matches.
fn json_field(record: &str, field: &Field) -> Option<usize> {
    let key = format!("\"{}\": ", field.key);
    let mut found = Vec::new();
    for (i, _) in record.match_indices(&key) {
        let at = i + key.len();
        let value = &record[at..];
        match &field.value {
            ValueMatch::Any => found.push(at),
            ValueMatch::Text(t) => {
                let quoted = serde_json::to_string(t).ok()?;
                if value.starts_with(&quoted) {
                    found.push(at);
                } else if value.starts_with('[') {
                    // An array of ids: each matching element.
                    let list_end = value.find(']').unwrap_or(value.len());
                    for (j, _) in value[..list_end].match_indices(&quoted) {
                        found.push(at + j);
                    }
                }
            }
            ValueMatch::Blank => {
                let blank = value.strip_prefix('"').and_then(|rest| {
                    let close = rest.find('"')?;
                    Some(rest[..close].trim().is_empty())
                });
                if blank == Some(true) {
                    found.push(at);
                }
            }
        }
    }
    found.get(field.nth).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[dataset]\nname = \"x\"\n\n[[term]]\nid = \"a\"\nstart = \"2000\"\ncitations = [\n  { source = \"s\", quote = \"q\" },\n  { source = \"s\", quote = \" \" },\n]\n\n[[person]]\nid = \"a\"\nname = \"Ж\"\n";

    fn one(target: Target) -> Option<(usize, usize)> {
        positions(TEXT, false, &[&target])[0]
    }

    #[test]
    fn points_at_the_record_id_and_at_fields() {
        assert_eq!(one(Target::record("term", "a")), Some((5, 6)));
        assert_eq!(
            one(Target::field("term", "a", "start", ValueMatch::Any)),
            Some((6, 9))
        );
        assert_eq!(
            one(Target::field("term", "a", "quote", ValueMatch::Blank)),
            Some((9, 27))
        );
        // A field that is not there: the record's id.
        assert_eq!(
            one(Target::field("term", "a", "end", ValueMatch::Any)),
            Some((5, 6))
        );
        assert_eq!(one(Target::record("term", "zz")), None);
    }

    #[test]
    fn nth_occurrences_and_any_table() {
        let mut second = Target::field("term", "a", "source", ValueMatch::Text("s".into()));
        second.field.as_mut().unwrap().nth = 1;
        assert_eq!(one(second), Some((9, 14)));
        let mut dup = Target::record("term", "a");
        dup.kind = None;
        dup.occurrence = 1;
        assert_eq!(one(dup), Some((13, 6)));
        let dataset = Target {
            kind: Some("dataset"),
            id: String::new(),
            occurrence: 0,
            field: None,
        };
        assert_eq!(one(dataset), Some((1, 2)));
    }

    #[test]
    fn json_finds_fields_inside_the_record_only() {
        let json = "{\n  \"term\": [\n    {\n      \"id\": \"a\",\n      \"citations\": [\n        {\n          \"source\": \"s\",\n          \"quote\": \"\"\n        }\n      ]\n    },\n    {\n      \"id\": \"b\",\n      \"citations\": [\n        {\n          \"source\": \"s\",\n          \"quote\": \" \"\n        }\n      ]\n    }\n  ]\n}";
        let a = Target::field("term", "a", "quote", ValueMatch::Blank);
        let b = Target::field("term", "b", "quote", ValueMatch::Blank);
        let mut second = Target::field("term", "a", "quote", ValueMatch::Blank);
        second.field.as_mut().unwrap().nth = 1;
        assert_eq!(
            positions(json, true, &[&a, &b, &second]),
            [Some((8, 20)), Some((17, 20)), Some((4, 13))]
        );
    }

    #[test]
    fn json_finds_the_id_text_and_bad_toml_finds_nothing() {
        let json = "{\n  \"person\": [\n    {\n      \"id\": \"ann\"\n    }\n  ]\n}";
        let t = Target::record("person", "ann");
        assert_eq!(positions(json, true, &[&t]), [Some((4, 13))]);
        assert_eq!(positions("[[x", false, &[&t]), [None]);
    }
}
