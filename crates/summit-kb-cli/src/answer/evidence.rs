//! What `--explain` adds to the answers of `holder` and `chair`: the record
//! that matched, its bounds with their precision, how sure the answer is and
//! why, and the sources with their quotes.

use serde::Serialize;

use crate::date::{Certainty, Date, Precision};
use crate::model::{Chairmanship, Citation, RecordKind, Term};

/// A matched period: what it is and what the data says of its bounds.
#[derive(Debug, Clone)]
pub struct Bounds<'a> {
    pub kind: RecordKind,
    pub id: &'a str,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// What the period is known by when its bounds are not recorded (a
    /// chairmanship's year).
    pub start_unknown: Option<String>,
    pub citations: &'a [Citation],
}

impl<'a> Bounds<'a> {
    /// A term of office, from its start to its end (none: still running).
    pub fn of_term(term: &'a Term) -> Bounds<'a> {
        Bounds {
            kind: RecordKind::Term,
            id: &term.id,
            start: Some(term.start),
            end: term.end,
            start_unknown: None,
            citations: &term.citations,
        }
    }

    /// A chairmanship, with the bounds it has recorded.
    pub fn of_chairmanship(chair: &'a Chairmanship) -> Bounds<'a> {
        Bounds {
            kind: RecordKind::Chairmanship,
            id: &chair.id,
            start: chair.start,
            end: chair.end,
            start_unknown: None,
            citations: &chair.citations,
        }
    }
}

/// Why a record matched the day asked about, as `--explain` gives it.
#[derive(Debug, Serialize)]
pub struct Explain<'a> {
    pub matched: Matched<'a>,
    pub start: Option<Bound>,
    pub end: Option<Bound>,
    pub certainty: Certainty,
    /// Why the answer is yes, or only possibly.
    pub reason: String,
    /// The period's citations, with their sources spelled out.
    pub citations: Vec<CitedSource<'a>>,
    /// The period itself (not in the JSON, which gives its parts).
    #[serde(skip)]
    pub period: Bounds<'a>,
}

/// The record that matched.
#[derive(Debug, Serialize)]
pub struct Matched<'a> {
    pub kind: RecordKind,
    pub id: &'a str,
}

/// A bound of the period, with the days it may stand for.
#[derive(Debug, Serialize)]
pub struct Bound {
    pub date: Date,
    pub precision: Precision,
    pub first_day: String,
    pub last_day: String,
}

impl Bound {
    pub fn of(date: Date) -> Bound {
        Bound {
            date,
            precision: date.precision(),
            first_day: date.first_day().to_string(),
            last_day: date.last_day().to_string(),
        }
    }
}

/// A citation with its source spelled out (`None`: a source not recorded).
#[derive(Debug, Serialize)]
pub struct CitedSource<'a> {
    pub source: &'a str,
    pub publisher: Option<&'a str>,
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
    pub published: Option<Date>,
    pub quote: Option<&'a str>,
    pub note: Option<&'a str>,
}
