//! Where a record or one of its fields stands in a dataset file, as a line and
//! column. Positions are looked up only when there is a finding to print: the
//! file is parsed again, once, with spans (TOML, where a record is the table
//! at its place in its kind's list, as the provenance kept at load tells),
//! or searched for the record's `"id": "..."` text (JSON, as `export` writes
//! it).

use std::collections::HashMap;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// What a finding points at: a record (or a table of the file), and within
/// it, a field if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The record's id; empty for a table of the file.
    pub id: String,
    pub which: Which,
    pub field: Option<Field>,
}

/// Which record of the file a [`Target`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    /// A table of the file itself, not a record (`dataset`).
    Table(&'static str),
    /// A record of a kind (`term`, `document`): the `ordinal`th of the
    /// file's records of that kind (0: the first), its `[[term]]` table in
    /// TOML, and the `occurrence`th of those with its id.
    Record {
        kind: &'static str,
        ordinal: usize,
        occurrence: usize,
    },
    /// The `occurrence`th record with the id in the file, of any kind.
    AnyKind { occurrence: usize },
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
    /// A table of the file itself, not a record.
    pub fn table(name: &'static str) -> Target {
        Target {
            id: String::new(),
            which: Which::Table(name),
            field: None,
        }
    }

    /// A record, by its place among the file's records of its kind; in
    /// JSON, by its id, the `occurrence`th with it.
    pub fn record(kind: &'static str, id: &str, ordinal: usize, occurrence: usize) -> Target {
        Target {
            id: id.to_string(),
            which: Which::Record {
                kind,
                ordinal,
                occurrence,
            },
            field: None,
        }
    }

    /// The `occurrence`th record with this id in the file, of any kind.
    pub fn any_kind(id: &str, occurrence: usize) -> Target {
        Target {
            id: id.to_string(),
            which: Which::AnyKind { occurrence },
            field: None,
        }
    }

    /// The first place in the record where `key` has a value matching
    /// `value` (the record's id when there is none).
    pub fn with_field(self, key: &'static str, value: ValueMatch) -> Target {
        Target {
            field: Some(Field { key, value, nth: 0 }),
            ..self
        }
    }

    /// Which record with its id in the file the target is.
    fn occurrence(&self) -> Option<usize> {
        match self.which {
            Which::Table(_) => None,
            Which::Record { occurrence, .. } | Which::AnyKind { occurrence } => Some(occurrence),
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

/// A record's table in a TOML file, with where its `id` value starts.
#[derive(Clone, Copy)]
struct Found<'t, 'i> {
    table: &'t DeTable<'i>,
    id_start: usize,
}

impl<'t, 'i> Found<'t, 'i> {
    /// The record of an item of a `[[kind]]` list, and its id.
    fn new(item: &'t Spanned<DeValue<'i>>) -> Option<(&'t str, Found<'t, 'i>)> {
        let DeValue::Table(table) = item.get_ref() else {
            return None;
        };
        let id = table.get("id")?;
        let DeValue::String(text) = id.get_ref() else {
            return None;
        };
        let found = Found {
            table,
            id_start: id.span().start,
        };
        Some((text.as_ref(), found))
    }
}

fn toml_offsets(text: &str, targets: &[&Target]) -> Vec<Option<usize>> {
    let Ok(root) = DeTable::parse(text) else {
        return vec![None; targets.len()];
    };
    let root = root.get_ref();
    // A record of a kind is found by its place in the list of its kind; one
    // of any kind by its id: every record whose id such a target names, in
    // file order.
    let wanted: std::collections::HashSet<&str> = targets
        .iter()
        .filter(|t| matches!(t.which, Which::AnyKind { .. }))
        .map(|t| t.id.as_str())
        .collect();
    let mut by_id: HashMap<&str, Vec<Found<'_, '_>>> = HashMap::new();
    if !wanted.is_empty() {
        for (_, value) in root.iter() {
            let DeValue::Array(items) = value.get_ref() else {
                continue;
            };
            for (id, found) in items.iter().filter_map(Found::new) {
                if let Some(&key) = wanted.get(id) {
                    by_id.entry(key).or_default().push(found);
                }
            }
        }
        for found in by_id.values_mut() {
            found.sort_by_key(|f| f.id_start);
        }
    }
    targets
        .iter()
        .map(|target| {
            let record = match target.which {
                Which::Table(name) => {
                    return root.get_key_value(name).map(|(k, _)| k.span().start);
                }
                Which::Record { kind, ordinal, .. } => match root.get(kind)?.get_ref() {
                    DeValue::Array(items) => Found::new(items.get(ordinal)?)?.1,
                    _ => return None,
                },
                Which::AnyKind { occurrence } => *by_id.get(target.id.as_str())?.get(occurrence)?,
            };
            let field = target.field.as_ref().and_then(|field| {
                let mut spans = Vec::new();
                find_in_table(record.table, field, &mut spans);
                spans.sort_unstable();
                spans.get(field.nth).copied()
            });
            Some(field.unwrap_or(record.id_start))
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
            // Found by id, whatever the record's kind.
            let id = *by_id.get(&target.id)?.get(target.occurrence()?)?;
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

    fn term(id: &str) -> Target {
        Target::record("term", id, 0, 0)
    }

    #[test]
    fn points_at_the_record_id_and_at_fields() {
        assert_eq!(one(term("a")), Some((5, 6)));
        assert_eq!(
            one(term("a").with_field("start", ValueMatch::Any)),
            Some((6, 9))
        );
        assert_eq!(
            one(term("a").with_field("quote", ValueMatch::Blank)),
            Some((9, 27))
        );
        // A field that is not there: the record's id.
        assert_eq!(
            one(term("a").with_field("end", ValueMatch::Any)),
            Some((5, 6))
        );
        // A record is found by its place in its kind's list.
        assert_eq!(one(Target::record("person", "a", 0, 0)), Some((13, 6)));
        assert_eq!(one(Target::record("term", "a", 1, 0)), None);
        assert_eq!(one(Target::record("meeting", "a", 0, 0)), None);
    }

    #[test]
    fn nth_occurrences_and_any_table() {
        let mut second = term("a").with_field("source", ValueMatch::Text("s".into()));
        second.field.as_mut().unwrap().nth = 1;
        assert_eq!(one(second), Some((9, 14)));
        assert_eq!(one(Target::any_kind("a", 0)), Some((5, 6)));
        assert_eq!(one(Target::any_kind("a", 1)), Some((13, 6)));
        assert_eq!(one(Target::any_kind("a", 2)), None);
        assert_eq!(one(Target::table("dataset")), Some((1, 2)));
    }

    #[test]
    fn records_of_one_id_are_told_apart_by_their_place() {
        let text = "[[term]]\nid = \"a\"\nstart = \"2000\"\n\n[[term]]\nid = \"\"\n\n[[term]]\nid = \"a\"\nstart = \"2001\"\n";
        let at = |target: Target| positions(text, false, &[&target])[0];
        let second_a = Target::record("term", "a", 2, 1);
        assert_eq!(at(second_a.clone()), Some((9, 6)));
        assert_eq!(
            at(second_a.with_field("start", ValueMatch::Any)),
            Some((10, 9))
        );
        // A record with an empty id is a record like any other.
        assert_eq!(at(Target::record("term", "", 1, 0)), Some((6, 6)));
    }

    #[test]
    fn json_finds_fields_inside_the_record_only() {
        let json = "{\n  \"term\": [\n    {\n      \"id\": \"a\",\n      \"citations\": [\n        {\n          \"source\": \"s\",\n          \"quote\": \"\"\n        }\n      ]\n    },\n    {\n      \"id\": \"b\",\n      \"citations\": [\n        {\n          \"source\": \"s\",\n          \"quote\": \" \"\n        }\n      ]\n    }\n  ]\n}";
        let a = Target::record("term", "a", 0, 0).with_field("quote", ValueMatch::Blank);
        let b = Target::record("term", "b", 1, 0).with_field("quote", ValueMatch::Blank);
        let mut second = a.clone();
        second.field.as_mut().unwrap().nth = 1;
        assert_eq!(
            positions(json, true, &[&a, &b, &second]),
            [Some((8, 20)), Some((17, 20)), Some((4, 13))]
        );
    }

    #[test]
    fn json_finds_the_id_text_and_bad_toml_finds_nothing() {
        let json = "{\n  \"person\": [\n    {\n      \"id\": \"ann\"\n    }\n  ]\n}";
        let t = Target::record("person", "ann", 0, 0);
        assert_eq!(positions(json, true, &[&t]), [Some((4, 13))]);
        assert_eq!(positions("[[x", false, &[&t]), [None]);
    }
}
