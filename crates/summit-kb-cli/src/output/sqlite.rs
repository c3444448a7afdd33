//! `export --format sqlite`: the whole knowledge base as an SQLite database,
//! for Datasette, sqlite-utils or any SQL client.
//!
//! One table per record kind, named by [`RecordKind::plural`], with its scalar
//! fields as columns: ids as `TEXT PRIMARY KEY`, each date as its ISO text and
//! a `_precision` column (`year`, `month`, `day`), booleans as 0/1, enums as
//! the data spells them. Lists become child tables (aliases, citations,
//! membership changes, participants, absentees, topics, concerns, priorities,
//! slogan renderings, operation events). Every reference is a foreign key: to
//! the table of its kind, or, where it may name a record of any kind, to
//! `records` (every record's id, kind and label). An FTS5 table `search`
//! holds the text `summit-kb search` looks at; views put names beside ids.
//!
//! Everything is derived from [`TABLES`]: the `CREATE TABLE` statements, the
//! foreign keys, their indexes and the `INSERT`s. Foreign keys are checked
//! when the one transaction commits, so that records may refer to each other
//! in any order.

use std::path::Path;

use anyhow::{bail, Context, Result};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Statement, Transaction};

use crate::date::Date;
use crate::model::{Citation, Dataset, Meta, Record, RecordKind};
use crate::search_index::{record_fields, Role};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sql {
    /// The record's id: `TEXT PRIMARY KEY`.
    Key,
    /// A row number of a child table: `INTEGER PRIMARY KEY`.
    Serial,
    Text,
    /// 0 or 1.
    Bool,
    /// A date: its ISO text, and a `NAME_precision` column beside it.
    Date,
    /// A value of any type (a claim's value, a number or a text).
    Any,
}

/// The table a column refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refers {
    Nothing,
    /// The table of one kind of record.
    Kind(RecordKind),
    /// `records`: a record of any kind.
    Record,
}

#[derive(Debug, Clone, Copy)]
struct Column {
    name: &'static str,
    sql: Sql,
    refers: Refers,
}

const fn col(name: &'static str, sql: Sql) -> Column {
    Column {
        name,
        sql,
        refers: Refers::Nothing,
    }
}

const fn id() -> Column {
    col("id", Sql::Key)
}

const fn serial() -> Column {
    col("id", Sql::Serial)
}

const fn text(name: &'static str) -> Column {
    col(name, Sql::Text)
}

const fn date(name: &'static str) -> Column {
    col(name, Sql::Date)
}

const fn boolean(name: &'static str) -> Column {
    col(name, Sql::Bool)
}

/// A reference to a record of `kind`.
const fn to(name: &'static str, kind: RecordKind) -> Column {
    Column {
        name,
        sql: Sql::Text,
        refers: Refers::Kind(kind),
    }
}

/// A reference to a record of any kind.
const fn to_any(name: &'static str) -> Column {
    Column {
        name,
        sql: Sql::Text,
        refers: Refers::Record,
    }
}

/// A table: the table of a kind of record, or another one named by `name`.
#[derive(Debug, Clone, Copy)]
struct Table {
    name: TableName,
    columns: &'static [Column],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableName {
    Kind(RecordKind),
    Other(&'static str),
}

impl Table {
    fn name(&self) -> &'static str {
        match self.name {
            TableName::Kind(kind) => kind.plural(),
            TableName::Other(name) => name,
        }
    }

    /// The columns as SQLite sees them: a date is two.
    fn sql_columns(&self) -> Vec<(String, &'static str, Refers)> {
        let mut out = Vec::new();
        for c in self.columns {
            let ty = match c.sql {
                Sql::Key => "TEXT PRIMARY KEY NOT NULL",
                Sql::Serial => "INTEGER PRIMARY KEY",
                Sql::Text | Sql::Date => "TEXT",
                Sql::Bool => "INTEGER",
                Sql::Any => "",
            };
            out.push((c.name.to_string(), ty, c.refers));
            if c.sql == Sql::Date {
                out.push((format!("{}_precision", c.name), "TEXT", Refers::Nothing));
            }
        }
        out
    }
}

use RecordKind as K;

const fn kind(kind: RecordKind, columns: &'static [Column]) -> Table {
    Table {
        name: TableName::Kind(kind),
        columns,
    }
}

const fn other(name: &'static str, columns: &'static [Column]) -> Table {
    Table {
        name: TableName::Other(name),
        columns,
    }
}

/// Every table, in the order they are created and filled: `records`, one per
/// kind (in [`RecordKind::ALL`] order), then the child tables.
const TABLES: &[Table] = &[
    other("records", &[id(), text("kind"), text("label")]),
    kind(
        K::Source,
        &[
            id(),
            text("publisher"),
            text("title"),
            text("url"),
            date("published"),
            text("language"),
            text("kind"),
            text("note"),
        ],
    ),
    kind(K::Organization, &[id(), text("name"), text("summary")]),
    kind(K::State, &[id(), text("name")]),
    kind(
        K::Membership,
        &[
            id(),
            to("organization", K::Organization),
            to("state", K::State),
            text("status"),
            text("note"),
        ],
    ),
    kind(
        K::Body,
        &[
            id(),
            to("organization", K::Organization),
            text("name"),
            to("parent", K::Body),
            date("established"),
            to("established_by", K::Decision),
            text("summary"),
        ],
    ),
    kind(
        K::Person,
        &[id(), text("name"), to("country", K::State), text("summary")],
    ),
    kind(
        K::Post,
        &[
            id(),
            to("organization", K::Organization),
            to("body", K::Body),
            text("name"),
            boolean("single_holder"),
        ],
    ),
    kind(
        K::Term,
        &[
            id(),
            to("post", K::Post),
            to("person", K::Person),
            date("start"),
            date("end"),
            boolean("acting"),
            to_any("appointed_by"),
            text("appointment_note"),
            text("end_cause"),
            boolean("end_derived"),
            text("note"),
        ],
    ),
    kind(
        K::Meeting,
        &[
            id(),
            to("body", K::Body),
            text("name"),
            date("date"),
            date("start_date"),
            date("end_date"),
            text("status"),
            text("kind"),
            text("kind_confidence"),
            text("place"),
            text("venue"),
            to("chair_state", K::State),
            to("chair_person", K::Person),
            text("format"),
            text("outcomes_recorded"),
            text("outcomes_note"),
            text("attendance_recorded"),
            text("attendance_note"),
            text("summary"),
            text("confidence"),
            text("note"),
        ],
    ),
    kind(
        K::Document,
        &[
            id(),
            text("title"),
            text("kind"),
            to("adopted_at", K::Meeting),
            date("adopted"),
            text("place"),
            date("in_force"),
            date("valid_from"),
            date("valid_to"),
            to("amends", K::Document),
            text("summary"),
            text("confidence"),
            text("note"),
        ],
    ),
    kind(
        K::Decision,
        &[
            id(),
            to("meeting", K::Meeting),
            text("kind"),
            text("title"),
            date("effective"),
            text("summary"),
            text("confidence"),
            text("note"),
        ],
    ),
    kind(
        K::Chairmanship,
        &[
            id(),
            to("organization", K::Organization),
            to("state", K::State),
            text("label"),
            date("start"),
            date("end"),
            to("handed_over_at", K::Meeting),
            to("decided_at", K::Meeting),
            boolean("temporary"),
            text("confidence"),
            to("head_of_state", K::Person),
            text("slogan"),
            text("slogan_lang"),
            to("handed_to", K::Chairmanship),
            text("note"),
        ],
    ),
    kind(
        K::Operation,
        &[
            id(),
            to("organization", K::Organization),
            text("name"),
            date("since"),
            text("summary"),
            text("confidence"),
        ],
    ),
    kind(
        K::Claim,
        &[
            id(),
            to_any("subject"),
            text("property"),
            col("value", Sql::Any),
            text("confidence"),
            text("note"),
        ],
    ),
    other(
        "citations",
        &[
            serial(),
            text("record_kind"),
            to_any("record_id"),
            text("part"),
            to("source", K::Source),
            text("quote"),
            text("note"),
            text("confidence"),
        ],
    ),
    other(
        "aliases",
        &[
            serial(),
            text("record_kind"),
            to_any("record_id"),
            text("name"),
            text("kind"),
            text("lang"),
            text("note"),
        ],
    ),
    other(
        "membership_changes",
        &[
            serial(),
            to("membership", K::Membership),
            date("date"),
            text("kind"),
            text("confidence"),
            text("note"),
        ],
    ),
    other(
        "meeting_participants",
        &[
            serial(),
            to("meeting", K::Meeting),
            to("person", K::Person),
            to("state", K::State),
            text("role"),
        ],
    ),
    other(
        "meeting_absentees",
        &[
            serial(),
            to("meeting", K::Meeting),
            to("state", K::State),
            text("note"),
        ],
    ),
    other(
        "document_topics",
        &[serial(), to("document", K::Document), text("topic")],
    ),
    other(
        "decision_concerns",
        &[serial(), to("decision", K::Decision), to_any("concerns")],
    ),
    other(
        "chairmanship_priorities",
        &[serial(), to("chairmanship", K::Chairmanship), text("text")],
    ),
    other(
        "slogan_renderings",
        &[
            serial(),
            to("chairmanship", K::Chairmanship),
            text("text"),
            text("lang"),
        ],
    ),
    other(
        "operation_events",
        &[
            serial(),
            to("operation", K::Operation),
            date("date"),
            text("text"),
        ],
    ),
];

/// The views: names beside ids where a join is the usual question.
const VIEWS: &[(&str, &str)] = &[
    (
        "terms_with_holders",
        r#"SELECT t.id, t.post, p.name AS post_name, p.organization, t.person,
  pe.name AS person_name, t.start, t.start_precision, t."end", t.end_precision,
  t.acting, t.end_cause, t.appointed_by
FROM terms t
LEFT JOIN posts p ON p.id = t.post
LEFT JOIN people pe ON pe.id = t.person"#,
    ),
    (
        "documents_with_meeting",
        r#"SELECT d.id, d.title, d.kind, d.adopted_at, m.name AS meeting_name,
  coalesce(d.adopted, m.date) AS adopted,
  coalesce(d.adopted_precision, m.date_precision) AS adopted_precision,
  d.valid_from, d.valid_to, d.summary
FROM documents d
LEFT JOIN meetings m ON m.id = d.adopted_at"#,
    ),
    (
        "decisions_with_meeting",
        r#"SELECT d.id, d.title, d.kind, d.meeting, m.name AS meeting_name,
  m.date AS meeting_date, m.date_precision AS meeting_date_precision,
  d.effective, d.effective_precision, d.summary
FROM decisions d
LEFT JOIN meetings m ON m.id = d.meeting"#,
    ),
    (
        "chairmanships_with_state",
        r#"SELECT c.id, c.organization, o.name AS organization_name, c.state,
  s.name AS state_name, c.label, c.start, c.start_precision, c."end",
  c.end_precision, c.head_of_state, pe.name AS head_of_state_name, c.slogan
FROM chairmanships c
LEFT JOIN organizations o ON o.id = c.organization
LEFT JOIN states s ON s.id = c.state
LEFT JOIN people pe ON pe.id = c.head_of_state"#,
    ),
];

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The statements that create the schema: tables with their foreign keys, an
/// index on each foreign key, the search table, `meta` and the views.
fn schema() -> Vec<String> {
    let mut out = Vec::new();
    for table in TABLES {
        let columns = table.sql_columns();
        let mut lines: Vec<String> = columns
            .iter()
            .map(|(name, ty, _)| format!("{} {ty}", quoted(name)).trim_end().to_string())
            .collect();
        for (name, _, refers) in &columns {
            let target = match refers {
                Refers::Nothing => continue,
                Refers::Kind(kind) => kind.plural(),
                Refers::Record => "records",
            };
            lines.push(format!(
                "FOREIGN KEY ({}) REFERENCES {}(id) DEFERRABLE INITIALLY DEFERRED",
                quoted(name),
                quoted(target)
            ));
        }
        out.push(format!(
            "CREATE TABLE {} (\n  {}\n)",
            quoted(table.name()),
            lines.join(",\n  ")
        ));
        for (name, _, refers) in &columns {
            if *refers != Refers::Nothing {
                out.push(format!(
                    "CREATE INDEX {} ON {}({})",
                    quoted(&format!("{}_{name}", table.name())),
                    quoted(table.name()),
                    quoted(name)
                ));
            }
        }
    }
    out.push(
        "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, id UNINDEXED, name, \
         aliases, text, tokenize = 'unicode61 remove_diacritics 2')"
            .to_string(),
    );
    out.push(
        "CREATE TABLE meta (dataset TEXT, licence TEXT, content_hash TEXT, counts TEXT)"
            .to_string(),
    );
    for (name, select) in VIEWS {
        out.push(format!("CREATE VIEW {} AS {select}", quoted(name)));
    }
    out
}

/// The values of one row, in the order of its table's columns.
#[derive(Default)]
struct Row(Vec<Value>);

impl Row {
    fn text(mut self, value: &str) -> Row {
        self.0.push(Value::Text(value.to_string()));
        self
    }

    fn opt(mut self, value: Option<&str>) -> Row {
        self.0
            .push(value.map_or(Value::Null, |v| Value::Text(v.to_string())));
        self
    }

    /// A value written as the data spells it (an enum's serde name).
    fn shown(self, value: Option<impl std::fmt::Display>) -> Row {
        self.opt(value.map(|v| v.to_string()).as_deref())
    }

    fn date(mut self, value: Option<Date>) -> Row {
        self.0
            .push(value.map_or(Value::Null, |d| Value::Text(d.to_string())));
        self.0
            .push(value.map_or(Value::Null, |d| Value::Text(d.precision().to_string())));
        self
    }

    fn boolean(mut self, value: bool) -> Row {
        self.0.push(Value::Integer(i64::from(value)));
        self
    }

    fn value(mut self, value: Value) -> Row {
        self.0.push(value);
        self
    }

    fn serial(self) -> Row {
        self.value(Value::Null)
    }
}

/// The row of a record in the table of its kind.
fn record_row(record: Record<'_>) -> Row {
    let row = Row::default().text(record.id());
    match record {
        Record::Source(r) => row
            .text(&r.publisher)
            .text(&r.title)
            .opt(r.url.as_deref())
            .date(r.published)
            .opt(r.language.as_deref())
            .shown(r.kind)
            .opt(r.note.as_deref()),
        Record::Organization(r) => row.text(&r.name).opt(r.summary.as_deref()),
        Record::State(r) => row.text(&r.name),
        Record::Membership(r) => row
            .text(&r.organization)
            .text(&r.state)
            .shown(Some(r.status))
            .opt(r.note.as_deref()),
        Record::Body(r) => row
            .text(&r.organization)
            .text(&r.name)
            .opt(r.parent.as_deref())
            .date(r.established)
            .opt(r.established_by.as_deref())
            .opt(r.summary.as_deref()),
        Record::Person(r) => row
            .text(&r.name)
            .opt(r.country.as_deref())
            .opt(r.summary.as_deref()),
        Record::Post(r) => row
            .text(&r.organization)
            .opt(r.body.as_deref())
            .text(&r.name)
            .boolean(r.single_holder),
        Record::Term(r) => row
            .text(&r.post)
            .text(&r.person)
            .date(Some(r.start))
            .date(r.end)
            .boolean(r.acting)
            .opt(r.appointed_by.as_deref())
            .opt(r.appointment_note.as_deref())
            .shown(r.end_cause)
            .boolean(r.end_derived)
            .opt(r.note.as_deref()),
        Record::Meeting(r) => row
            .text(&r.body)
            .text(&r.name)
            .date(Some(r.date))
            .date(r.start_date)
            .date(r.end_date)
            .shown(Some(r.status))
            .shown(Some(r.kind))
            .shown(Some(r.kind_confidence))
            .opt(r.place.as_deref())
            .opt(r.venue.as_deref())
            .opt(r.chair_state.as_deref())
            .opt(r.chair_person.as_deref())
            .opt(r.format.as_deref())
            .shown(Some(r.completeness()))
            .opt(r.outcomes.as_ref().and_then(|o| o.note.as_deref()))
            .shown(r.attendance.as_ref().map(|a| a.recorded))
            .opt(r.attendance.as_ref().and_then(|a| a.note.as_deref()))
            .opt(r.summary.as_deref())
            .shown(Some(r.confidence))
            .opt(r.note.as_deref()),
        Record::Document(r) => row
            .text(&r.title)
            .shown(Some(r.kind))
            .opt(r.adopted_at.as_deref())
            .date(r.adopted)
            .opt(r.place.as_deref())
            .date(r.in_force)
            .date(r.valid_from)
            .date(r.valid_to)
            .opt(r.amends.as_deref())
            .opt(r.summary.as_deref())
            .shown(Some(r.confidence))
            .opt(r.note.as_deref()),
        Record::Decision(r) => row
            .text(&r.meeting)
            .shown(Some(r.kind))
            .text(&r.title)
            .date(r.effective)
            .opt(r.summary.as_deref())
            .shown(Some(r.confidence))
            .opt(r.note.as_deref()),
        Record::Chairmanship(r) => row
            .text(&r.organization)
            .text(&r.state)
            .opt(r.label.as_deref())
            .date(r.start)
            .date(r.end)
            .opt(r.handed_over_at.as_deref())
            .opt(r.decided_at.as_deref())
            .boolean(r.temporary)
            .shown(Some(r.confidence))
            .opt(r.head_of_state.as_deref())
            .opt(r.slogan.as_ref().map(|s| s.text.as_ref()))
            .opt(r.slogan.as_ref().map(|s| s.lang.as_ref()))
            .opt(r.handed_to.as_deref())
            .opt(r.note.as_deref()),
        Record::Operation(r) => row
            .text(&r.organization)
            .text(&r.name)
            .date(r.since)
            .opt(r.summary.as_deref())
            .shown(Some(r.confidence)),
        Record::Claim(r) => row
            .text(&r.subject)
            .text(&r.property)
            .value(match &r.value {
                crate::model::ClaimValue::Integer(n) => Value::Integer(*n),
                crate::model::ClaimValue::Text(t) => Value::Text(t.to_string()),
            })
            .shown(Some(r.confidence))
            .opt(r.note.as_deref()),
    }
}

/// The rows a record adds to the child tables, each with its table's name.
fn child_rows(record: Record<'_>) -> Vec<(&'static str, Row)> {
    let mut out = Vec::new();
    let (kind, id) = (record.kind().name(), record.id());
    let mut add = |table: &'static str, row: Row| out.push((table, row));
    for (part, c) in record.all_citations() {
        add("citations", citation(kind, id, &part, &c));
    }
    for a in record.aliases() {
        let row = Row::default().serial().text(kind).text(id).text(&a.name);
        add(
            "aliases",
            row.shown(Some(a.kind))
                .opt(a.lang.as_deref())
                .opt(a.note.as_deref()),
        );
    }
    let child = || Row::default().serial().text(id);
    match record {
        Record::Membership(r) => {
            for c in r.changes.iter() {
                let row = child().date(Some(c.date)).shown(Some(c.kind));
                add(
                    "membership_changes",
                    row.shown(Some(c.confidence)).opt(c.note.as_deref()),
                );
            }
        }
        Record::Meeting(r) => {
            for p in r.participants.iter() {
                let row = child().opt(p.person.as_deref()).opt(p.state.as_deref());
                add("meeting_participants", row.opt(p.role.as_deref()));
            }
            for a in r.absentees.iter() {
                let row = child().text(&a.state).opt(a.note.as_deref());
                add("meeting_absentees", row);
            }
        }
        Record::Document(r) => {
            for t in r.topics.iter() {
                add("document_topics", child().text(t));
            }
        }
        Record::Decision(r) => {
            for c in r.concerns.iter() {
                add("decision_concerns", child().text(c));
            }
        }
        Record::Chairmanship(r) => {
            for p in r.priorities.iter() {
                add("chairmanship_priorities", child().text(&p.text));
            }
            for x in r.slogan.iter().flat_map(|s| s.renderings.iter()) {
                add("slogan_renderings", child().text(&x.text).text(&x.lang));
            }
        }
        Record::Operation(r) => {
            for e in r.events.iter() {
                add("operation_events", child().date(Some(e.date)).text(&e.text));
            }
        }
        _ => {}
    }
    out
}

fn citation(kind: &str, id: &str, part: &str, c: &Citation) -> Row {
    Row::default()
        .serial()
        .text(kind)
        .text(id)
        .text(part)
        .text(&c.source)
        .opt(c.quote.as_deref())
        .opt(c.note.as_deref())
        .shown(Some(c.confidence))
}

/// The row of a record in the search table: its names, its aliases and its
/// other text, as `summit-kb search` reads them.
fn search_row(record: Record<'_>) -> [Value; 5] {
    let mut parts: [Vec<&str>; 3] = Default::default();
    for (role, _, text) in record_fields(record) {
        let slot = match role {
            Role::Id => continue,
            Role::Name => 0,
            Role::Alias => 1,
            Role::Text => 2,
        };
        parts[slot].push(text);
    }
    let [name, aliases, other] = parts.map(|p| Value::Text(p.join("\n")));
    [
        Value::Text(record.kind().name().to_string()),
        Value::Text(record.id().to_string()),
        name,
        aliases,
        other,
    ]
}

/// An `INSERT` into each table, prepared once.
struct Inserts<'t> {
    statements: Vec<(&'static str, usize, Statement<'t>)>,
}

impl<'t> Inserts<'t> {
    fn new(tx: &'t Transaction<'_>) -> Result<Inserts<'t>> {
        let mut statements = Vec::new();
        for table in TABLES {
            let columns = table.sql_columns();
            let names: Vec<String> = columns.iter().map(|(n, _, _)| quoted(n)).collect();
            let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({})",
                quoted(table.name()),
                names.join(", "),
                marks.join(", ")
            );
            statements.push((table.name(), columns.len(), tx.prepare(&sql)?));
        }
        Ok(Inserts { statements })
    }

    fn insert(&mut self, table: &str, row: Row) -> Result<()> {
        let Some((_, width, statement)) = self.statements.iter_mut().find(|(t, ..)| *t == table)
        else {
            bail!("no table {table}");
        };
        if row.0.len() != *width {
            bail!(
                "a row of {table} has {} values for {width} columns",
                row.0.len()
            );
        }
        statement.execute(params_from_iter(row.0))?;
        Ok(())
    }
}

/// Writes the dataset as a new SQLite database at `path`, which must be a
/// new or empty file.
///
/// A failure to store the database says what failed: a full disk, or a
/// write the system refused (a file size limit, a failing device), never
/// the foreign keys, which only a broken reference breaks.
pub fn write(dataset: &Dataset, meta: &Meta, path: &Path) -> Result<()> {
    write_database(dataset, meta, path).map_err(|err| match storage_failure(&err) {
        Some(why) => anyhow::anyhow!("{why}"),
        None => err,
    })
}

/// What the system could not do, when an SQLite error is one of storage.
fn storage_failure(err: &anyhow::Error) -> Option<&'static str> {
    use rusqlite::ErrorCode;
    let code = err.chain().find_map(|cause| match cause.downcast_ref() {
        Some(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
        _ => None,
    })?;
    match code {
        ErrorCode::DiskFull => Some("the disk is full (no space left for the database)"),
        ErrorCode::SystemIoFailure => Some(
            "the system refused to write the database (a disk I/O error: a file size limit, a full or failing device)",
        ),
        ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly => {
            Some("the database file cannot be opened for writing")
        }
        _ => None,
    }
}

fn write_database(dataset: &Dataset, meta: &Meta, path: &Path) -> Result<()> {
    let mut db = Connection::open(path)?;
    // The file is new and is renamed into place only once complete: no
    // journal on disk to leave behind, and no syncing until the end.
    db.pragma_update(None, "journal_mode", "MEMORY")?;
    db.pragma_update(None, "synchronous", "OFF")?;
    db.pragma_update(None, "foreign_keys", "ON")?;
    let tx = db.transaction()?;
    for statement in schema() {
        tx.execute_batch(&statement)
            .with_context(|| format!("cannot create the schema: {statement}"))?;
    }
    {
        let mut inserts = Inserts::new(&tx)?;
        let mut search = tx.prepare(
            "INSERT INTO search (kind, id, name, aliases, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for record in dataset.records() {
            let row = Row::default()
                .text(record.id())
                .text(record.kind().name())
                .text(&record.label());
            inserts.insert("records", row)?;
            inserts.insert(record.kind().plural(), record_row(record))?;
            for (table, row) in child_rows(record) {
                inserts.insert(table, row)?;
            }
            search.execute(params_from_iter(search_row(record)))?;
        }
        tx.execute(
            "INSERT INTO meta (dataset, licence, content_hash, counts) VALUES (?1, ?2, ?3, ?4)",
            (
                &meta.dataset,
                &meta.licence,
                &meta.content_hash,
                serde_json::to_string(&meta.counts)?,
            ),
        )?;
    }
    tx.commit().map_err(|err| {
        let foreign_key = matches!(&err, rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY);
        let err = anyhow::Error::new(err);
        if foreign_key {
            err.context("the records break a foreign key of the database")
        } else {
            err
        }
    })?;
    db.close().map_err(|(_, err)| err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(kind: RecordKind) -> &'static Table {
        TABLES
            .iter()
            .find(|t| t.name == TableName::Kind(kind))
            .expect("every kind has a table")
    }

    #[test]
    fn every_kind_has_its_table_in_order() {
        let kinds: Vec<RecordKind> = TABLES
            .iter()
            .filter_map(|t| match t.name {
                TableName::Kind(k) => Some(k),
                TableName::Other(_) => None,
            })
            .collect();
        assert_eq!(kinds, RecordKind::ALL);
    }

    /// The foreign keys are the references the model declares: a reference to
    /// one kind refers to that kind's table, any other to `records`. A
    /// reference in a list (`participants.person`, `concerns`) is a column of
    /// the child table `KIND_LIST`.
    #[test]
    fn foreign_keys_are_the_model_s_references() {
        let data = &crate::shipped().dataset;
        let mut seen = std::collections::BTreeSet::new();
        for record in data.records() {
            for (field, _, kinds) in record.references() {
                let (list, name) = match field.split_once('.') {
                    Some((list, name)) => (list, name),
                    None => (field, field),
                };
                let child = format!("{}_{list}", record.kind().name());
                let column = table(record.kind())
                    .columns
                    .iter()
                    .chain(
                        TABLES
                            .iter()
                            .filter(|t| t.name() == child)
                            .flat_map(|t| t.columns),
                    )
                    .find(|c| c.name == name)
                    .unwrap_or_else(|| panic!("{} has no column {field}", record.kind()));
                let expected = match kinds {
                    [kind] => Refers::Kind(*kind),
                    _ => Refers::Record,
                };
                assert_eq!(column.refers, expected, "{}.{field}", record.kind());
                seen.insert((record.kind(), field));
            }
        }
        assert!(seen.len() > 20, "{seen:?}");
    }

    #[test]
    fn every_row_fits_its_table() {
        let data = &crate::shipped().dataset;
        let width = |name: &str| {
            TABLES
                .iter()
                .find(|t| t.name() == name)
                .map(|t| t.sql_columns().len())
                .unwrap()
        };
        for record in data.records() {
            assert_eq!(record_row(record).0.len(), width(record.kind().plural()));
            for (table, row) in child_rows(record) {
                assert_eq!(row.0.len(), width(table), "{table}");
            }
        }
    }
}
