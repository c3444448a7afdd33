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

use crate::kb::Kb;
use crate::output::Format;
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
}
