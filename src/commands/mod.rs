//! One module per subcommand, each with the same shape: its arguments, and a
//! `run` that asks the knowledge base and returns a typed answer (see
//! [`crate::answer`]). None of them prints, nor words anything for people.

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

use serde::Serialize;
use serde_json::Value;

use crate::cli::Format;
use crate::kb::Kb;
use crate::model::Meeting;
use crate::output::{Block, Data, Human, View};

/// What a query command runs with: the checked knowledge base, the
/// terminal's width when writing to one, and today's date (for `--on` left
/// out), looked up only when a command asks for it: finding the system's
/// time zone reads the zone database, which costs more than most answers.
pub struct Ctx<'k> {
    pub kb: &'k Kb<'k>,
    pub width: Option<u16>,
    /// The forms of the answer that the output will read (commands not yet
    /// returning a typed answer).
    pub needs: Needs,
    today: std::cell::OnceCell<jiff::civil::Date>,
}

/// Which forms of an answer built the old way an output format reads, so
/// that it builds only those: the table and Markdown read its blocks, JSON
/// its value, CSV and NDJSON its records. A typed answer is built once and
/// needs none of this.
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
    /// apart from its list.
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
        *self.today.get_or_init(crate::args::today)
    }
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

/// An answer built the old way, every form of it at once (the commands not
/// yet returning a typed answer of their own): `found` false means exit
/// status 1 (nothing matched, or no certain answer).
#[derive(Debug)]
pub struct Answer {
    pub view: View,
    pub found: bool,
    /// A line that qualifies the answer. The table and Markdown carry it
    /// among their blocks and JSON in its answer; CSV and NDJSON, whose rows
    /// are records only, have it on standard error.
    pub notice: Option<String>,
    /// The CSV columns of `view.data`.
    pub columns: &'static [&'static str],
}

impl Answer {
    /// An answer that is one typed value (`json`) whose records are `records`.
    pub fn typed<T: Serialize, R: Serialize>(
        needs: Needs,
        json: &T,
        columns: &'static [&'static str],
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
            columns,
        }
    }
}

impl Answer {
    /// A list of typed rows (records as exported, with what is computed from
    /// them): JSON is the array of rows, NDJSON a row a line, CSV the
    /// `columns` of each row; the table says so when the list is empty (and
    /// CSV still has its header row).
    pub fn list<T: Serialize>(
        needs: Needs,
        rows: &[T],
        columns: &'static [&'static str],
        what: &str,
        table: Block,
    ) -> Answer {
        let records: Vec<Value> = if needs.json || needs.records {
            rows.iter().map(to_json).collect()
        } else {
            Vec::new()
        };
        let blocks = crate::output::words::list(table, rows.is_empty(), what);
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
            columns,
        }
    }

    /// Says, below the list of what one meeting decided, how completely its
    /// outcomes are recorded; the same line is the answer's notice.
    pub fn say_outcomes(&mut self, kb: &Kb<'_>, meeting: &Meeting, listed: usize, what: &str) {
        let outcomes = OutcomesKnown::of(kb, meeting);
        let notice = crate::output::words::outcomes_notice(kb, &outcomes, listed, what);
        crate::output::words::say_outcomes(&mut self.view.blocks, notice.clone());
        self.notice = notice;
    }
}

pub use crate::answer::OutcomesKnown;
pub use crate::output::words::{
    cell, citation_lines, period, publishers, record_sources, serde_name, with_sources,
};

pub fn outcomes_of<'a>(kb: &Kb<'a>, meeting: &'a Meeting) -> OutcomesKnown<'a> {
    OutcomesKnown::of(kb, meeting)
}

/// A typed answer as JSON.
pub fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("answers serialize to JSON")
}

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.view.json.serialize(serializer)
    }
}

impl schemars::JsonSchema for Answer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }

    /// Any JSON: the schema of each such answer is its typed value's.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(true)
    }
}

impl crate::answer::Answer for Answer {
    type Row<'r> = &'r Value;

    fn columns(&self) -> &'static [&'static str] {
        self.columns
    }

    fn rows(&self) -> Vec<&Value> {
        self.view.data.records.iter().collect()
    }

    fn found(&self) -> bool {
        self.found
    }
}

/// The blocks as they were built.
impl Human for Answer {
    fn blocks(&self, _: &Kb<'_>) -> Vec<Block> {
        self.view.blocks.clone()
    }

    fn notice(&self, _: &Kb<'_>) -> Option<String> {
        self.notice.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    /// A question about a given day never looks up today (which reads the
    /// system's zone database); one left without a day does, once.
    #[test]
    fn today_is_looked_up_only_when_a_command_needs_it() {
        let loaded = load::embedded().unwrap();
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
}
