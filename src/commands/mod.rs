//! One module per subcommand, each with the same shape: ask the knowledge base,
//! build a [`View`]. None of them prints.

pub mod chair;
pub mod check;
pub mod completions;
pub mod decisions;
pub mod docs;
pub mod evidence;
pub mod export;
pub mod holder;
pub mod members;
pub mod schema;
pub mod search;
pub mod show;
pub mod sources;
pub mod summits;
pub mod terms;
pub mod timeline;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::cli::Format;
use crate::date::Date;
use crate::kb::Kb;
use crate::model::{Citation, Claim, ClaimValue, Completeness, Meeting, Record};
use crate::output::{Block, Data, Kind, View};

/// What a query command runs with: the checked knowledge base, the
/// terminal's width when writing to one, and today's date (for `--on` left
/// out), looked up only when a command asks for it: finding the system's
/// time zone reads the zone database, which costs more than most answers.
pub struct Ctx<'k> {
    pub kb: &'k Kb<'k>,
    pub width: Option<u16>,
    /// The forms of the answer that the output will read.
    pub needs: Needs,
    today: std::cell::OnceCell<jiff::civil::Date>,
}

/// Which forms of an answer an output format reads, so that an answer builds
/// only those: the table and Markdown read its blocks, JSON its value, CSV
/// and NDJSON its records. Building the JSON of 193 documents costs more than
/// the rest of `docs` together; the table never reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    pub json: bool,
    pub records: bool,
}

impl Needs {
    /// Every form (tests, and anything that reads more than one).
    pub const ALL: Needs = Needs {
        json: true,
        records: true,
    };

    /// These needs but the JSON value: for an answer whose JSON is built
    /// apart from its list (`docs --summit`'s `{meeting, outcomes, documents}`).
    pub fn but_json(self) -> Needs {
        Needs {
            json: false,
            ..self
        }
    }

    pub fn of(format: Format) -> Needs {
        match format {
            Format::Table | Format::Markdown => Needs {
                json: false,
                records: false,
            },
            Format::Json => Needs {
                json: true,
                records: false,
            },
            Format::Csv | Format::Ndjson => Needs {
                json: false,
                records: true,
            },
            Format::Popolo | Format::Sqlite => Needs::ALL,
        }
    }
}

impl<'k> Ctx<'k> {
    pub fn new(kb: &'k Kb<'k>, width: Option<u16>) -> Ctx<'k> {
        Ctx {
            kb,
            width,
            needs: Needs::ALL,
            today: std::cell::OnceCell::new(),
        }
    }

    /// This context, building only what `format` reads of an answer.
    pub fn writing(self, format: Format) -> Ctx<'k> {
        Ctx {
            needs: Needs::of(format),
            ..self
        }
    }

    /// A context whose today is the given day (tests, fixed clocks).
    pub fn on(kb: &'k Kb<'k>, today: jiff::civil::Date) -> Ctx<'k> {
        let ctx = Ctx::new(kb, None);
        let _ = ctx.today.set(today);
        ctx
    }

    /// Today's date in the system's time zone.
    pub fn today(&self) -> jiff::civil::Date {
        *self.today.get_or_init(crate::cli::today)
    }
}

/// A command's answer, and whether it is one: `found` false means exit status 1
/// (nothing matched, or no certain answer).
#[derive(Debug)]
pub struct Answer {
    pub view: View,
    pub found: bool,
    /// A line that qualifies the answer ("the documents of this meeting are
    /// not recorded"). The table and Markdown carry it among their blocks and
    /// JSON in its answer; CSV and NDJSON, whose rows are records only, have
    /// it on standard error.
    pub notice: Option<String>,
}

/// The exit policy, named: 0 an answer, 1 no answer (nothing matched, or no
/// certain answer; `check` found problems), 2 an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Answer = 0,
    NoAnswer = 1,
    Error = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> std::process::ExitCode {
        std::process::ExitCode::from(exit as u8)
    }
}

impl Answer {
    /// How the process ends after this answer.
    pub fn exit(&self) -> Exit {
        if self.found {
            Exit::Answer
        } else {
            Exit::NoAnswer
        }
    }

    /// A list of typed rows (records as exported, with what is computed from
    /// them): JSON is the array of rows, NDJSON a row a line, CSV the
    /// `columns` of each row; the table says so when the list is empty (and
    /// CSV still has its header row).
    pub fn list<T: Serialize>(
        needs: Needs,
        rows: &[T],
        columns: &[&'static str],
        what: &str,
        table: Block,
    ) -> Answer {
        let records: Vec<Value> = if needs.json || needs.records {
            rows.iter().map(to_json).collect()
        } else {
            Vec::new()
        };
        let blocks = if rows.is_empty() {
            vec![table, Block::Text(format!("No {what} match."))]
        } else {
            vec![table]
        };
        let (json, records) = match (needs.json, needs.records) {
            (true, true) => (Value::Array(records.clone()), records),
            (true, false) => (Value::Array(records), Vec::new()),
            _ => (Value::Null, records),
        };
        Answer {
            view: View {
                json,
                blocks,
                data: Data::new(columns, records),
            },
            found: !rows.is_empty(),
            notice: None,
        }
    }

    /// An answer that is one typed value (`json`) whose records are `records`.
    pub fn typed<T: Serialize, R: Serialize>(
        needs: Needs,
        json: &T,
        columns: &[&'static str],
        records: &[R],
        blocks: Vec<Block>,
        found: bool,
    ) -> Answer {
        let records = if needs.records {
            records.iter().map(to_json).collect()
        } else {
            Vec::new()
        };
        Answer {
            view: View {
                json: if needs.json {
                    to_json(json)
                } else {
                    Value::Null
                },
                blocks,
                data: Data::new(columns, records),
            },
            found,
            notice: None,
        }
    }

    /// Says, below the list of what one meeting adopted or decided (`docs
    /// --summit`, `decisions --summit`), how completely the meeting's
    /// outcomes are recorded, so that an empty list is never read as
    /// "nothing adopted"; the same line is the answer's notice.
    pub fn say_outcomes(&mut self, kb: &Kb<'_>, meeting: &Meeting, listed: usize, what: &str) {
        let notice = outcomes_notice(kb, meeting, listed, what);
        if let Some(notice) = &notice {
            // Replaces "No documents match." with what is really known.
            self.view.blocks.retain(|b| !matches!(b, Block::Text(_)));
            self.view.blocks.push(Block::Text(notice.clone()));
        }
        self.notice = notice;
    }
}

/// A typed answer as JSON.
pub fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("answers serialize to JSON")
}

/// What is known of a meeting's outcomes, as the JSON of `docs --summit` and
/// `decisions --summit` gives it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OutcomesKnown<'a> {
    /// complete, partial or not-recorded (never read as "nothing adopted").
    pub recorded: Completeness,
    pub note: Option<&'a str>,
    /// What the sources count: the `documents-...` claims about the meeting.
    pub reported: Vec<ReportedCount<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ReportedCount<'a> {
    /// The claim's id.
    pub id: &'a str,
    pub property: &'a str,
    pub value: &'a ClaimValue,
    /// The ids of the sources it cites.
    pub sources: Vec<&'a str>,
}

pub fn outcomes_of<'a>(kb: &Kb<'a>, meeting: &'a Meeting) -> OutcomesKnown<'a> {
    OutcomesKnown {
        recorded: meeting.completeness(),
        note: meeting.outcomes.as_ref().and_then(|o| o.note.as_deref()),
        reported: reported_counts(kb, meeting)
            .into_iter()
            .map(|c| ReportedCount {
                id: &c.id,
                property: &c.property,
                value: &c.value,
                sources: c.citations.iter().map(|x| x.source.as_ref()).collect(),
            })
            .collect(),
    }
}

/// The claims of how many documents a meeting adopted, signed or prepared.
pub fn reported_counts<'a>(kb: &Kb<'a>, meeting: &Meeting) -> Vec<&'a Claim> {
    kb.data()
        .claim
        .iter()
        .filter(|c| c.subject == meeting.id && c.property.starts_with("documents-"))
        .collect()
}

/// What is known of a meeting's outcomes beyond the `shown` records listed:
/// nothing to add when they are complete.
pub fn outcomes_notice(kb: &Kb<'_>, meeting: &Meeting, shown: usize, what: &str) -> Option<String> {
    let counts: Vec<String> = reported_counts(kb, meeting)
        .iter()
        .map(|c| {
            let by = publishers(kb, &c.citations);
            let property = c.property.trim_start_matches("documents-");
            format!("{} {property} ({by})", c.value)
        })
        .collect();
    let reported = if counts.is_empty() {
        String::new()
    } else {
        format!("; sources report {}", counts.join(", "))
    };
    let note = meeting
        .outcomes
        .as_ref()
        .and_then(|o| o.note.as_deref())
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    match meeting.completeness() {
        Completeness::Complete => None,
        Completeness::Partial => Some(format!(
            "{shown} recorded; the {what} of {} are recorded only in part{reported}.{note}",
            meeting.id
        )),
        Completeness::NotRecorded => Some(format!(
            "The {what} of {} are not recorded (which is not to say there were none){reported}.{note}",
            meeting.id
        )),
    }
}

/// "2026–2030", "2026–" (open end), "–2030", "2026" for a single unit, or ""
/// for a period with no recorded bounds. No spaces, so a table never wraps it.
pub fn period(from: Option<Date>, to: Option<Date>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => f.to_string(),
        (from, to) if from.is_some() || to.is_some() => {
            let show = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
            format!("{}–{}", show(from), show(to))
        }
        _ => String::new(),
    }
}

/// The distinct publishers of a list of citations, for a compact mention.
pub fn publishers(kb: &Kb<'_>, citations: &[Citation]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for c in citations {
        let name = kb
            .source(&c.source)
            .map_or(c.source.as_ref(), |s| &s.publisher);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join("; ")
}

/// Lines describing each citation: publisher, title, date, url and quote,
/// after `label` (where in the record it stands) when there is one.
pub fn citation_lines(kb: &Kb<'_>, label: &str, citations: &[Citation]) -> Vec<String> {
    let mut lines = Vec::new();
    for c in citations {
        let source = kb.source(&c.source);
        let mut head = match source {
            Some(s) => format!("{} — {}, \"{}\"", c.source, s.publisher, s.title),
            None => format!("{} (unknown source)", c.source),
        };
        if let Some(date) = source.and_then(|s| s.published) {
            head.push_str(&format!(", {date}"));
        }
        if label.is_empty() {
            lines.push(format!("• {head}"));
        } else {
            lines.push(format!("• {label}: {head}"));
        }
        if let Some(url) = source.and_then(|s| s.url.as_ref()) {
            lines.push(format!("    {url}"));
        }
        match &c.quote {
            Some(quote) => lines.push(format!("    “{quote}”")),
            None => lines.push("    (no quote recorded)".to_string()),
        }
        if let Some(note) = &c.note {
            lines.push(format!("    note: {note}"));
        }
    }
    lines
}

/// A value's name as the data spells it (`strategy`, `participation-frozen`).
pub fn serde_name<T: Serialize>(value: &T) -> String {
    /// Writes the value through serde straight into the formatter.
    struct Named<'a, T>(&'a T);
    impl<T: Serialize> std::fmt::Display for Named<'_, T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.serialize(f)
        }
    }
    Named(value).to_string()
}

/// A JSON value as one cell of text.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.iter().all(|v| !v.is_object()) => {
            items.iter().map(cell).collect::<Vec<_>>().join(", ")
        }
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("\n"),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| *k != "citations")
            .map(|(k, v)| match v {
                Value::Array(_) | Value::Object(_) => {
                    format!("{k}: [{}]", cell(v).replace('\n', "; "))
                }
                _ => format!("{k}: {}", cell(v)),
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The publishers a record cites (its own citations); for a source, its own
/// publisher.
pub fn record_sources(kb: &Kb<'_>, id: &str) -> String {
    match kb.get(id) {
        Some(Record::Source(s)) => s.publisher.to_string(),
        Some(record) => publishers(kb, record.citations()),
        None => String::new(),
    }
}

/// A table with a last column `sources`, one cell per row.
pub fn with_sources(table: Block, sources: Vec<String>) -> Block {
    match table {
        Block::Table {
            mut header,
            mut kinds,
            rows,
        } => {
            header.push("sources".to_string());
            kinds.push(Kind::Text);
            let rows = rows
                .into_iter()
                .zip(sources)
                .map(|(mut row, s)| {
                    row.push(s);
                    row
                })
                .collect();
            Block::Table {
                header,
                kinds,
                rows,
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A question about a given day never looks up today (which reads the
    /// system's zone database); one left without a day does, once.
    #[test]
    fn today_is_looked_up_only_when_a_command_needs_it() {
        let loaded = crate::shipped();
        let kb = Kb::new(&loaded);
        let ctx = Ctx::new(&kb, None);
        let mut args = holder::Args {
            org: Default::default(),
            post: "secretary-general".to_string(),
            on: Some("2019-06-01".parse().unwrap()),
            explain: false,
        };
        holder::run(&ctx, &args).unwrap();
        assert!(ctx.today.get().is_none());
        args.on = None;
        holder::run(&ctx, &args).unwrap();
        assert!(ctx.today.get().is_some());
    }

    /// An answer built for one format renders in it exactly as one built
    /// with every form, and leaves out what the format does not read.
    #[test]
    fn an_answer_built_for_a_format_renders_as_the_whole_answer() {
        use crate::output::{render, Style};
        let loaded = crate::shipped();
        let kb = Kb::new(&loaded);
        let day = Some("2019-06-01".parse().unwrap());
        let holder = holder::Args {
            org: Default::default(),
            post: "secretary-general".to_string(),
            on: day,
            explain: false,
        };
        let terms = terms::Args {
            org: Default::default(),
            post: Some("secretary-general".to_string()),
            sources: false,
        };
        let style = Style {
            color: false,
            width: None,
            terminal: false,
        };
        let rendered = |answer: &Answer, format| {
            let mut out = Vec::new();
            render(&answer.view, format, style, &mut out).unwrap();
            out
        };
        for format in [
            Format::Table,
            Format::Markdown,
            Format::Json,
            Format::Csv,
            Format::Ndjson,
        ] {
            let whole = Ctx::new(&kb, None);
            let lean = Ctx::new(&kb, None).writing(format);
            for (all, only) in [
                (
                    holder::run(&whole, &holder).unwrap(),
                    holder::run(&lean, &holder).unwrap(),
                ),
                (
                    terms::run(&whole, &terms).unwrap(),
                    terms::run(&lean, &terms).unwrap(),
                ),
            ] {
                assert_eq!(
                    rendered(&only, format),
                    rendered(&all, format),
                    "{format:?}"
                );
                assert_eq!(only.view.json.is_null(), format != Format::Json);
                let csv = matches!(format, Format::Csv | Format::Ndjson);
                assert_eq!(only.view.data.records.is_empty(), !csv);
                assert!(!all.view.json.is_null() && !all.view.data.records.is_empty());
            }
        }
    }
}
