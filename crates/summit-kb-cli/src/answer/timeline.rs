//! What `timeline` answers.

use jiff::civil;
use schemars::JsonSchema;
use serde::Serialize;

use super::Answer;
use crate::date::{Certainty, Date, Precision};

/// The answer to `timeline`: the events, or with `--chart` the chart.
#[derive(Debug)]
pub enum Timeline {
    /// The events in order; `ranged` (with --from/--to): each says whether
    /// it is in range.
    Events {
        events: Vec<TimelineEvent>,
        ranged: bool,
    },
    /// The chart's axis and rows, drawn `width` columns wide, of ASCII
    /// characters only when `ascii`.
    Chart {
        chart: ChartJson,
        axis: Axis,
        width: usize,
        ascii: bool,
    },
}

/// The days the chart's axis spans, or why nothing is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// From the first day to the last, inclusive.
    Drawn(civil::Date, civil::Date),
    /// No term nor chairmanship has a recorded start.
    NothingToDraw,
    /// None falls in the range asked about.
    NothingInRange,
}

/// The JSON of `timeline`: the events, or with `--chart` its axis and rows.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TimelineJson<'a> {
    Events(&'a [TimelineEvent]),
    Chart(&'a ChartJson),
}

impl Timeline {
    pub fn json(&self) -> TimelineJson<'_> {
        match self {
            Timeline::Events { events, .. } => TimelineJson::Events(events),
            Timeline::Chart { chart, .. } => TimelineJson::Chart(chart),
        }
    }
}

/// The JSON is [`TimelineJson`], of whichever shape was asked for.
impl Serialize for Timeline {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(serializer)
    }
}

impl JsonSchema for Timeline {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        TimelineJson::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        TimelineJson::schema_id()
    }

    fn inline_schema() -> bool {
        TimelineJson::inline_schema()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        TimelineJson::json_schema(generator)
    }
}

/// One dated event.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TimelineEvent {
    pub date: Date,
    pub precision: Precision,
    pub kind: &'static str,
    pub what: String,
    /// The record the event comes from.
    pub id: String,
    /// With --from/--to: `yes`, or `possibly` for a coarse date that is only
    /// partly inside the range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_range: Option<Certainty>,
}

/// The chart's axis (absent when nothing is drawn) and its rows.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChartJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub rows: Vec<ChartRow>,
}

/// A row of the chart: a term or a chairmanship, from a start to an end that
/// may each be coarse; `end` None: still running.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChartRow {
    pub group: String,
    pub label: String,
    pub id: String,
    pub start: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

impl ChartRow {
    /// (first possible day, first certain day, last certain day, last possible day);
    /// the certain part may be empty (first certain after last certain).
    pub fn days(
        &self,
        axis_end: civil::Date,
    ) -> (civil::Date, civil::Date, civil::Date, civil::Date) {
        let end_first = self.end.map_or(axis_end, |e| e.first_day());
        let end_last = self.end.map_or(axis_end, |e| e.last_day());
        (
            self.start.first_day(),
            self.start.last_day(),
            end_first,
            end_last,
        )
    }
}

/// A row as NDJSON and CSV write it: an event, or a row of the chart.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum TimelineRow<'r> {
    Event(&'r TimelineEvent),
    Chart(&'r ChartRow),
}

impl Answer for Timeline {
    type Row<'r> = TimelineRow<'r>;

    fn columns(&self) -> &'static [&'static str] {
        match self {
            Timeline::Events { .. } => EVENT_COLUMNS,
            Timeline::Chart { .. } => CHART_COLUMNS,
        }
    }

    fn rows(&self) -> Vec<TimelineRow<'_>> {
        match self {
            Timeline::Events { events, .. } => events.iter().map(TimelineRow::Event).collect(),
            Timeline::Chart { chart, .. } => chart.rows.iter().map(TimelineRow::Chart).collect(),
        }
    }

    /// An event certainly in range (any event, without a range); a chart
    /// with something drawn.
    fn found(&self) -> bool {
        match self {
            Timeline::Events { events, .. } => events
                .iter()
                .any(|e| e.in_range.is_none_or(|c| c == Certainty::Yes)),
            Timeline::Chart { chart, .. } => !chart.rows.is_empty(),
        }
    }
}

/// What CSV writes of each event.
const EVENT_COLUMNS: &[&str] = &["date", "precision", "kind", "what", "id", "in_range"];

/// What CSV writes of each row of the chart.
const CHART_COLUMNS: &[&str] = &["group", "label", "id", "start", "end"];
