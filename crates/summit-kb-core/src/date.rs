//! Calendar dates that know their precision (a year, a month or a day), and the
//! three-valued answer to "does this day fall inside that period?".

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::civil;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date the data knows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        })
    }
}

/// A real calendar date known to a year (`2026`), a month (`2026-01`) or a day
/// (`2026-01-01`). It stands for every day it could be: `2026-01` is any day of
/// January 2026, from [`Date::first_day`] to [`Date::last_day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

impl Date {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The earliest day this date can be.
    pub fn first_day(&self) -> civil::Date {
        // Every field was checked when the date was made, so this cannot fail.
        civil::date(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The latest day this date can be.
    pub fn last_day(&self) -> civil::Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => civil::date(self.year, m, d),
            (Some(m), None) => civil::date(self.year, m, 1).last_of_month(),
            (None, _) => civil::date(self.year, 12, 31),
        }
    }

    /// The year, month and day as written: what [`Date::from_parts`] takes.
    pub fn parts(&self) -> (i16, Option<i8>, Option<i8>) {
        (self.year, self.month, self.day)
    }

    /// A date from the parts of one that was checked when it was made: the
    /// embedded dataset's statics, which build.rs writes from checked dates
    /// (see `crate::literal`). Nothing is checked here.
    pub const fn from_parts(year: i16, month: Option<i8>, day: Option<i8>) -> Date {
        Date { year, month, day }
    }

    /// A date known to the day.
    pub fn from_day(day: civil::Date) -> Date {
        Date {
            year: day.year(),
            month: Some(day.month()),
            day: Some(day.day()),
        }
    }

    /// The day itself, when the date is known to the day.
    pub fn as_day(&self) -> Option<civil::Date> {
        (self.precision() == Precision::Day).then(|| self.first_day())
    }
}

/// Why a piece of text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub input: String,
    /// What is wrong, with the "did you mean" when there is one.
    pub reason: String,
    /// The text is not written as YYYY, YYYY-MM or YYYY-MM-DD at all (as
    /// opposed to a date of that shape that does not exist).
    pub malformed: bool,
    /// The date in YYYY-MM-DD (or YYYY-MM) that the text seems to write
    /// another way: `2025-2-3`, `27.11.2025`, `2025/11/27`, `20251127`.
    pub suggestion: Option<String>,
}

impl DateError {
    /// "; did you mean 2025-11-27?", or "" when the text suggests no date.
    pub fn hint(&self) -> String {
        self.suggestion
            .as_ref()
            .map_or_else(String::new, |s| format!("; did you mean {s}?"))
    }
}

/// The date that `text` writes in another common form, as YYYY-MM-DD (or
/// YYYY-MM), if it is a real date: parts without their leading zeros
/// (`2025-2-3`), day first with dots, slashes or dashes (`27.11.2025`,
/// `27/11/2025`), year first with slashes or dots (`2025/11/27`), month first
/// with slashes where the day cannot be a month (`11/27/2025`), or the digits
/// run together (`20251127`). A slashed date whose first two parts could
/// each be the month suggests nothing: which one is meant cannot be told.
pub fn suggest(original: &str) -> Option<String> {
    let text = original.trim();
    let number = |p: &str| digits(p).filter(|_| p.len() <= 4);
    let candidate = if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        Some(format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..]))
    } else {
        let separator = ['-', '.', '/'].into_iter().find(|c| text.contains(*c))?;
        let parts: Vec<&str> = text.split(separator).collect();
        let numbers: Option<Vec<i32>> = parts.iter().map(|p| number(p)).collect();
        let numbers = numbers?;
        match (parts.as_slice(), numbers.as_slice()) {
            // Year first: 2025-2-3, 2025/11/27, 2025.11.27, 2025/11.
            ([y, ..], [year, rest @ ..]) if y.len() == 4 && (1..=2).contains(&rest.len()) => {
                let mut out = format!("{year:04}");
                for n in rest {
                    out.push_str(&format!("-{n:02}"));
                }
                Some(out)
            }
            // Year last: 27.11.2025, 27/11/2025, 27-11-2025, 11/27/2025.
            ([_, _, y], [a, b, year]) if y.len() == 4 => {
                let (day, month) = match separator {
                    '/' if *a <= 12 && *b > 12 => (*b, *a),
                    '/' if *a <= 12 && *b <= 12 && a != b => return None,
                    _ => (*a, *b),
                };
                Some(format!("{year:04}-{month:02}-{day:02}"))
            }
            _ => None,
        }
    };
    candidate.filter(|c| c != original && c.parse::<Date>().is_ok())
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for DateError {}

fn digits(part: &str) -> Option<i32> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let fail = |reason: &str| DateError {
            input: s.to_string(),
            reason: reason.to_string(),
            malformed: false,
            suggestion: None,
        };
        let shape = || {
            let mut error = DateError {
                input: s.to_string(),
                reason: String::new(),
                malformed: true,
                suggestion: suggest(s),
            };
            error.reason = format!("expected YYYY, YYYY-MM or YYYY-MM-DD{}", error.hint());
            error
        };
        let parts: Vec<&str> = s.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok {
            return Err(shape());
        }
        let numbers: Option<Vec<i32>> = parts.iter().map(|p| digits(p)).collect();
        let numbers = numbers.ok_or_else(shape)?;
        let year = numbers[0];
        if year == 0 {
            return Err(fail("there is no year 0000"));
        }
        let month = numbers.get(1).copied();
        let day = numbers.get(2).copied();
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(fail(&format!("month {m:02} is not between 01 and 12")));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = civil::date(year as i16, m as i8, 1).days_in_month();
            if d < 1 || d > i32::from(last) {
                let name = civil::date(year as i16, m as i8, 1).strftime("%B %Y");
                return Err(fail(&format!("{name} has days 01 to {last}, not {d:02}")));
            }
        }
        Ok(Date {
            year: year as i16,
            month: month.map(|m| m as i8),
            day: day.map(|d| d as i8),
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Ord for Date {
    /// Dates sort by their first possible day, then coarser before finer.
    fn cmp(&self, other: &Date) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.precision().cmp(&other.precision()))
            .then(self.last_day().cmp(&other.last_day()))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Date) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// As text (`"2025-11"`) in TOML and JSON; as its numbers in the snapshot,
/// where reading a date back need not parse it (0 for a part not known).
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0)).serialize(serializer)
        }
    }
}

impl Date {
    /// The date of these numbers (0 for a month or day not known), if it is
    /// one that [`Date::from_str`] would give.
    fn from_numbers(year: i16, month: i8, day: i8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(0..=12).contains(&month) {
            return None;
        }
        match (month, day) {
            (0, 0) => Some(Date::from_parts(year, None, None)),
            (0, _) => None,
            (m, 0) => Some(Date::from_parts(year, Some(m), None)),
            (m, d) => {
                let last = civil::date(year, m, 1).days_in_month();
                (1..=last)
                    .contains(&d)
                    .then(|| Date::from_parts(year, Some(m), Some(d)))
            }
        }
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A calendar date known to a year, a month or a day: YYYY, YYYY-MM or YYYY-MM-DD.",
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}){0,2}$"
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as a string: \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
        }
        if !deserializer.is_human_readable() {
            let (year, month, day) = <(i16, i8, i8)>::deserialize(deserializer)?;
            return Date::from_numbers(year, month, day).ok_or_else(|| {
                serde::de::Error::custom(format!("no such date: {year}-{month}-{day}"))
            });
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// A three-valued answer: the data says yes, says no, or cannot tell.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    No,
    Possibly,
    Yes,
}

impl fmt::Display for Certainty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Certainty::No => "no",
            Certainty::Possibly => "possibly",
            Certainty::Yes => "yes",
        })
    }
}

/// One end of an [`Interval`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// An instant known to its precision: `2003` may be any day of 2003.
    At(Date),
    /// Not recorded: the interval may start (or end) on any day.
    Unknown,
    /// No bound at all: from the beginning of time, or still running.
    Open,
}

/// A stretch of days whose ends are instants known only to their precision,
/// both inclusive: the one type behind every "does this day fall in that
/// period?" (terms, chairmanships, validity and entry into force, timeline
/// ranges, overlaps). Its answers are three-valued: `Yes` whatever days the
/// coarse or unknown bounds stand for, `No` whatever they stand for, else
/// `Possibly`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub start: Bound,
    pub end: Bound,
}

impl Interval {
    /// From an instant to an instant, or still running when `end` is `None`:
    /// a term of office or a chairmanship.
    pub fn running(start: Option<Date>, end: Option<Date>) -> Interval {
        Interval {
            start: start.map_or(Bound::Unknown, Bound::At),
            end: end.map_or(Bound::Open, Bound::At),
        }
    }

    /// A period named by whole calendar units, such as a plan "for
    /// 2026-2030": from the first day of `from` to the last day of `to`; an
    /// end not recorded is unknown.
    pub fn whole_units(from: Option<Date>, to: Option<Date>) -> Interval {
        let first = |d: Date| Bound::At(Date::from_day(d.first_day()));
        let last = |d: Date| Bound::At(Date::from_day(d.last_day()));
        Interval {
            start: from.map_or(Bound::Unknown, first),
            end: to.map_or(Bound::Unknown, last),
        }
    }

    /// A range asked for on the command line (`--from 2009 --to 2009`):
    /// whole calendar units, each end open when not given.
    pub fn range(from: Option<Date>, to: Option<Date>) -> Interval {
        let units = Interval::whole_units(from, to);
        Interval {
            start: if from.is_some() {
                units.start
            } else {
                Bound::Open
            },
            end: if to.is_some() { units.end } else { Bound::Open },
        }
    }

    /// One instant known to its precision: an event dated `2003`.
    pub fn at(date: Date) -> Interval {
        Interval {
            start: Bound::At(date),
            end: Bound::At(date),
        }
    }

    /// The first and last days the interval may cover.
    pub fn hull(&self) -> (civil::Date, civil::Date) {
        let first = match self.start {
            Bound::At(d) => d.first_day(),
            Bound::Unknown | Bound::Open => civil::Date::MIN,
        };
        let last = match self.end {
            Bound::At(d) => d.last_day(),
            Bound::Unknown | Bound::Open => civil::Date::MAX,
        };
        (first, last)
    }

    /// The first and last days it covers for certain, if any. A period does
    /// not end before it starts, so a coarse bound counts only the days the
    /// other bound leaves it: a term from 1975-02-23 to "1975" certainly
    /// holds 1975-02-23, and one from "1975-02" to 1975-02-10 certainly
    /// holds 1975-02-10.
    pub fn core(&self) -> Option<(civil::Date, civil::Date)> {
        let mut first = match self.start {
            Bound::At(d) => d.last_day(),
            Bound::Open => civil::Date::MIN,
            Bound::Unknown => return None,
        };
        let mut last = match self.end {
            Bound::At(d) => d.first_day(),
            Bound::Open => civil::Date::MAX,
            Bound::Unknown => return None,
        };
        if let Bound::At(end) = self.end {
            first = first.min(end.last_day());
        }
        if let Bound::At(start) = self.start {
            last = last.max(start.first_day());
        }
        (first <= last).then_some((first, last))
    }

    /// Whether `day` falls inside.
    pub fn contains(&self, day: civil::Date) -> Certainty {
        let (first, last) = self.hull();
        if day < first || day > last {
            Certainty::No
        } else if self.core().is_some_and(|(a, b)| a <= day && day <= b) {
            Certainty::Yes
        } else {
            Certainty::Possibly
        }
    }

    /// Whether the two share a day: `Yes` when they certainly do (their
    /// certain parts meet, or all that one may cover lies inside what the
    /// other certainly covers), `No` when they cannot.
    pub fn overlaps(&self, other: &Interval) -> Certainty {
        let (a_first, a_last) = self.hull();
        let (b_first, b_last) = other.hull();
        if a_last < b_first || b_last < a_first {
            return Certainty::No;
        }
        let inside = |(first, last): (civil::Date, civil::Date),
                      core: Option<(civil::Date, civil::Date)>| {
            core.is_some_and(|(c, d)| c <= first && last <= d)
        };
        let cores_meet = match (self.core(), other.core()) {
            (Some((a, b)), Some((c, d))) => a <= d && c <= b,
            _ => false,
        };
        if cores_meet || inside(self.hull(), other.core()) || inside(other.hull(), self.core()) {
            Certainty::Yes
        } else {
            Certainty::Possibly
        }
    }

    /// The day the interval starts, when it is known to the day.
    pub fn start_day(&self) -> Option<civil::Date> {
        match self.start {
            Bound::At(d) => d.as_day(),
            _ => None,
        }
    }

    /// The day the interval ends, when it is known to the day.
    pub fn end_day(&self) -> Option<civil::Date> {
        match self.end {
            Bound::At(d) => d.as_day(),
            _ => None,
        }
    }
}

/// Who has the day on which one period of a single-holder succession ends and
/// the next begins (both to the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handover {
    /// The period that begins: terms of office (the new holder takes office
    /// that day).
    Incoming,
    /// The period that ends: chairmanships passed at a session, which the
    /// outgoing chair presides over.
    Outgoing,
}

/// Keeps one of two periods that certainly share `day` only because one ends
/// and the other starts on it, by `rule`; every other match stays.
/// `matches` holds (certainty on the day, interval) pairs with a payload.
pub fn settle_handover<T>(
    matches: Vec<(Certainty, Interval, T)>,
    day: civil::Date,
    rule: Handover,
) -> Vec<(Certainty, Interval, T)> {
    let certain = |c: &Certainty| *c == Certainty::Yes;
    let starts = |i: &Interval| i.start_day() == Some(day);
    let ends = |i: &Interval| i.end_day() == Some(day);
    let incoming = matches
        .iter()
        .any(|(c, i, _)| certain(c) && starts(i) && !ends(i));
    let outgoing = matches
        .iter()
        .any(|(c, i, _)| certain(c) && ends(i) && !starts(i));
    if !(incoming && outgoing) {
        return matches;
    }
    matches
        .into_iter()
        .filter(|(c, i, _)| {
            if !certain(c) {
                return true;
            }
            // Drop the certain match on the other side of the handover: the
            // one that only ends on the day (incoming rule) or only starts on
            // it (outgoing rule).
            match rule {
                Handover::Incoming => !ends(i) || starts(i),
                Handover::Outgoing => !starts(i) || ends(i),
            }
        })
        .collect()
}

/// Asking about a span (a month or a year) rather than a day: the span as an
/// interval, and whether a period shares some day of it.
impl Interval {
    /// Every day of a date: `2022` is 2022-01-01 to 2022-12-31, both known to
    /// the day; a day is itself.
    pub fn span(date: Date) -> Interval {
        Interval::range(Some(date), Some(date))
    }

    /// Whether the interval shares some day with `span` (see
    /// [`Interval::overlaps`]): `Yes` when a day of the span is certainly
    /// inside, `Possibly` when the coarse or unknown bounds leave it open.
    /// A bound that falls within the span, whatever day it stands for, is
    /// itself such a day (the bounds are inclusive): a chairmanship that
    /// ended some time in 2007 was held in 2007, however unknown its start.
    pub fn in_span(&self, span: Date) -> Certainty {
        let within = |b: Bound| matches!(b, Bound::At(d) if span.first_day() <= d.first_day() && d.last_day() <= span.last_day());
        if within(self.start) || within(self.end) {
            return Certainty::Yes;
        }
        self.overlaps(&Interval::span(span))
    }

    /// Whether the interval certainly covers every day of `span`.
    pub fn covers(&self, span: Date) -> bool {
        self.core()
            .is_some_and(|(a, b)| a <= span.first_day() && span.last_day() <= b)
    }

    /// The same interval without its last day, which is known to the day.
    fn without_last_day(self) -> Interval {
        match self.end_day().and_then(|d| d.yesterday().ok()) {
            Some(d) => Interval {
                end: Bound::At(Date::from_day(d)),
                ..self
            },
            None => self,
        }
    }

    /// The same interval without its first day, which is known to the day.
    fn without_first_day(self) -> Interval {
        match self.start_day().and_then(|d| d.tomorrow().ok()) {
            Some(d) => Interval {
                start: Bound::At(Date::from_day(d)),
                ..self
            },
            None => self,
        }
    }
}

/// The intervals of a single-holder succession with each handover day given
/// to one side by `rule`, as [`settle_handover`] gives it on that day: where
/// one interval ends on the day another begins (both to the day), the side
/// that does not have the day loses it. A span that touches such a day then
/// has the same answer as each of its days.
pub fn settle_handovers<T>(records: Vec<(Interval, T)>, rule: Handover) -> Vec<(Interval, T)> {
    let ends: Vec<Option<civil::Date>> = records.iter().map(|(i, _)| i.end_day()).collect();
    let starts: Vec<Option<civil::Date>> = records.iter().map(|(i, _)| i.start_day()).collect();
    // Only a handover between two periods that each last more than the day.
    let handover = |end: usize, start: usize| {
        end != start
            && ends[end].is_some()
            && ends[end] == starts[start]
            && starts[end] != ends[end]
            && starts[start] != ends[start]
    };
    let n = records.len();
    records
        .into_iter()
        .enumerate()
        .map(|(k, (interval, payload))| {
            let interval = match rule {
                Handover::Incoming if (0..n).any(|j| handover(k, j)) => interval.without_last_day(),
                Handover::Outgoing if (0..n).any(|j| handover(j, k)) => {
                    interval.without_first_day()
                }
                _ => interval,
            };
            (interval, payload)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn day(s: &str) -> civil::Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for s in ["2026", "2026-01", "2026-01-01", "0001-12-31", "9999-12-31"] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("2026").precision(), Precision::Year);
        assert_eq!(d("2026-02").precision(), Precision::Month);
        assert_eq!(d("2026-02-03").precision(), Precision::Day);
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for s in [
            "2025-02-29",
            "2024-02-30",
            "2025-04-31",
            "2025-13-01",
            "2025-00-10",
            "2025-01-00",
            "0000",
            "25-01-01",
            "2025-1-01",
            "2025-01-1",
            "2025/01/01",
            "2025-01-01-01",
            "",
            "today",
            "+202-01-01",
            "２０２５",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s} should be rejected");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
        let err = "2025-02-30".parse::<Date>().unwrap_err().to_string();
        assert!(err.contains("February 2025 has days 01 to 28"), "{err}");
    }

    #[test]
    fn other_common_forms_suggest_the_iso_date() {
        let hint = |s: &str| s.parse::<Date>().unwrap_err().suggestion;
        let some = |s: &str| Some(s.to_string());
        assert_eq!(hint("2025-2-3"), some("2025-02-03"));
        assert_eq!(hint("2025-11-3"), some("2025-11-03"));
        assert_eq!(hint("2025-2"), some("2025-02"));
        assert_eq!(hint("27.11.2025"), some("2025-11-27"));
        assert_eq!(hint("3.2.2025"), some("2025-02-03"));
        assert_eq!(hint("27/11/2025"), some("2025-11-27"));
        assert_eq!(hint("27-11-2025"), some("2025-11-27"));
        assert_eq!(hint("11/27/2025"), some("2025-11-27"));
        assert_eq!(hint("2025/11/27"), some("2025-11-27"));
        assert_eq!(hint("2025.11.27"), some("2025-11-27"));
        assert_eq!(hint("20251127"), some("2025-11-27"));
        assert_eq!(hint(" 2025-11-27"), some("2025-11-27"));
        // The message carries it, for every caller of the parser.
        let err = "27.11.2025".parse::<Date>().unwrap_err();
        assert!(err.malformed);
        assert_eq!(
            err.reason,
            "expected YYYY, YYYY-MM or YYYY-MM-DD; did you mean 2025-11-27?"
        );
        assert!(err.to_string().ends_with("did you mean 2025-11-27?"));
    }

    #[test]
    fn no_suggestion_for_what_is_no_date_or_is_ambiguous() {
        let hint = |s: &str| s.parse::<Date>().unwrap_err().suggestion;
        // Not a real day in any reading.
        assert_eq!(hint("2025-2-30"), None);
        assert_eq!(hint("31.02.2025"), None);
        assert_eq!(hint("20251327"), None);
        // 03/02/2025: 3 February or March 2?
        assert_eq!(hint("03/02/2025"), None);
        assert_eq!(hint("yesterday"), None);
        assert_eq!(hint("2025-11-27-01"), None);
        assert_eq!(hint("12345"), None);
        assert_eq!(hint(""), None);
        // A well-formed impossible date is not malformed and suggests nothing.
        let err = "2025-02-30".parse::<Date>().unwrap_err();
        assert!(!err.malformed);
        assert_eq!(err.suggestion, None);
    }

    #[test]
    fn coarse_dates_cover_every_day_they_could_be() {
        assert_eq!(d("2024").first_day(), day("2024-01-01"));
        assert_eq!(d("2024").last_day(), day("2024-12-31"));
        assert_eq!(d("2024-02").last_day(), day("2024-02-29"));
        assert_eq!(d("2023-02").last_day(), day("2023-02-28"));
        assert_eq!(d("2024-02-10").first_day(), d("2024-02-10").last_day());
    }

    #[test]
    fn ordering_is_by_first_day_then_precision() {
        let mut v = [d("2024-01-01"), d("2024-01"), d("2024"), d("2023-12-31")];
        v.sort();
        let shown: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["2023-12-31", "2024", "2024-01", "2024-01-01"]);
    }

    fn running(start: &str, end: Option<&str>) -> Interval {
        Interval::running(Some(d(start)), end.map(d))
    }

    #[test]
    fn interval_bounds_are_inclusive_at_day_precision() {
        let span = running("2017-05-02", Some("2018-11-02"));
        assert_eq!(span.contains(day("2017-05-01")), Certainty::No);
        assert_eq!(span.contains(day("2017-05-02")), Certainty::Yes);
        assert_eq!(span.contains(day("2018-11-02")), Certainty::Yes);
        assert_eq!(span.contains(day("2018-11-03")), Certainty::No);
    }

    #[test]
    fn interval_with_coarse_bounds_answers_possibly_inside_the_coarse_unit() {
        let span = running("2003", Some("2005-06"));
        assert_eq!(span.contains(day("2002-12-31")), Certainty::No);
        assert_eq!(span.contains(day("2003-01-01")), Certainty::Possibly);
        assert_eq!(span.contains(day("2003-02-01")), Certainty::Possibly);
        assert_eq!(span.contains(day("2003-12-31")), Certainty::Yes);
        assert_eq!(span.contains(day("2005-06-01")), Certainty::Yes);
        assert_eq!(span.contains(day("2005-06-02")), Certainty::Possibly);
        assert_eq!(span.contains(day("2005-06-30")), Certainty::Possibly);
        assert_eq!(span.contains(day("2005-07-01")), Certainty::No);
    }

    #[test]
    fn a_bound_inside_the_same_coarse_unit_as_the_other_is_its_only_certain_day() {
        // Started some time in 2007, ended on 2007-03-01: it did not start
        // after it ended, so 2007-03-01 is certain, and only that day.
        let span = running("2007", Some("2007-03-01"));
        assert_eq!(span.core(), Some((day("2007-03-01"), day("2007-03-01"))));
        assert_eq!(span.contains(day("2007-02-01")), Certainty::Possibly);
        assert_eq!(span.contains(day("2007-03-01")), Certainty::Yes);
        assert_eq!(span.contains(day("2007-03-02")), Certainty::No);
        // The other way round: from 1975-02-23 to some day of 1975.
        let span = running("1975-02-23", Some("1975"));
        assert_eq!(span.contains(day("1975-02-23")), Certainty::Yes);
        assert_eq!(span.contains(day("1975-02-24")), Certainty::Possibly);
        assert_eq!(span.contains(day("1975-02-22")), Certainty::No);
        // Both in one unit: no day is certain.
        assert_eq!(running("1975", Some("1975")).core(), None);
        assert_eq!(running("1975-02", Some("1975")).core(), None);
    }

    #[test]
    fn open_interval_runs_on_and_unknown_start_is_possibly() {
        let span = running("2026-01-01", None);
        assert_eq!(span.contains(day("2025-12-31")), Certainty::No);
        assert_eq!(span.contains(day("9999-12-31")), Certainty::Yes);
        let unknown_start = Interval::running(None, Some(d("2002-05-14")));
        assert_eq!(
            unknown_start.contains(day("1999-01-01")),
            Certainty::Possibly
        );
        assert_eq!(unknown_start.contains(day("2002-05-15")), Certainty::No);
    }

    #[test]
    fn whole_units_cover_every_day_of_their_units() {
        let plan = Interval::whole_units(Some(d("2026")), Some(d("2030")));
        assert_eq!(plan.contains(day("2025-12-31")), Certainty::No);
        assert_eq!(plan.contains(day("2026-01-01")), Certainty::Yes);
        assert_eq!(plan.contains(day("2030-12-31")), Certainty::Yes);
        assert_eq!(plan.contains(day("2031-01-01")), Certainty::No);
        let none = Interval::whole_units(None, None);
        assert_eq!(none.contains(day("2026-01-01")), Certainty::Possibly);
        let open = Interval::whole_units(Some(d("2026")), None);
        assert_eq!(open.contains(day("2040-01-01")), Certainty::Possibly);
        assert_eq!(open.contains(day("2020-01-01")), Certainty::No);
    }

    #[test]
    fn overlaps_is_certain_only_when_some_day_is_surely_shared() {
        let a = running("2010-12-10", Some("2011-12-20"));
        let b = running("2011-12-20", Some("2012-12-19"));
        assert_eq!(a.overlaps(&b), Certainty::Yes, "a shared handover day");
        let c = running("2011-12-21", Some("2012-12-19"));
        assert_eq!(a.overlaps(&c), Certainty::No);
        let coarse = running("2011", Some("2012"));
        assert_eq!(a.overlaps(&coarse), Certainty::Possibly);
        // A coarse instant wholly inside a range is in it for certain.
        let year = Interval::range(Some(d("2009")), Some(d("2009")));
        assert_eq!(Interval::at(d("2009-06")).overlaps(&year), Certainty::Yes);
        assert_eq!(Interval::at(d("2009")).overlaps(&year), Certainty::Yes);
        let half = Interval::range(Some(d("2009-07")), None);
        assert_eq!(Interval::at(d("2009")).overlaps(&half), Certainty::Possibly);
        assert_eq!(Interval::at(d("2008")).overlaps(&half), Certainty::No);
    }

    #[test]
    fn a_handover_day_goes_to_the_side_the_rule_names() {
        let out = running("2017-05-02", Some("2018-11-02"));
        let inc = running("2018-11-02", Some("2019-12-31"));
        let on = day("2018-11-02");
        let both = || {
            vec![
                (out.contains(on), out, "outgoing"),
                (inc.contains(on), inc, "incoming"),
            ]
        };
        let names = |v: Vec<(Certainty, Interval, &'static str)>| -> Vec<&str> {
            v.into_iter().map(|(_, _, n)| n).collect()
        };
        assert_eq!(
            names(settle_handover(both(), on, Handover::Incoming)),
            ["incoming"]
        );
        assert_eq!(
            names(settle_handover(both(), on, Handover::Outgoing)),
            ["outgoing"]
        );
        // The day before and after: one certain match each, untouched.
        let before = day("2018-11-01");
        let v = vec![
            (out.contains(before), out, "outgoing"),
            (inc.contains(before), inc, "incoming"),
        ];
        let kept: Vec<_> = settle_handover(v, before, Handover::Outgoing)
            .into_iter()
            .filter(|(c, _, _)| *c != Certainty::No)
            .map(|(_, _, n)| n)
            .collect();
        assert_eq!(kept, ["outgoing"]);
    }

    #[test]
    fn a_span_holds_every_period_that_shares_one_of_its_days() {
        let year = d("2022");
        // A term ending on the last day of May and one starting on the
        // first of June are both certainly in 2022.
        assert_eq!(
            running("2020-01-01", Some("2022-05-31")).in_span(year),
            Certainty::Yes
        );
        assert_eq!(running("2022-06-01", None).in_span(year), Certainty::Yes);
        assert_eq!(
            running("2022-06-01", None).in_span(d("2022-05")),
            Certainty::No
        );
        assert_eq!(
            running("2020-01-01", Some("2022-05-31")).in_span(d("2022-06")),
            Certainty::No
        );
        // The span's own ends are inclusive.
        assert_eq!(running("2022-12-31", None).in_span(year), Certainty::Yes);
        assert_eq!(
            running("2010-01-01", Some("2022-01-01")).in_span(year),
            Certainty::Yes
        );
        assert_eq!(
            running("2010-01-01", Some("2021-12-31")).in_span(year),
            Certainty::No
        );
        // Dated only "2022": possibly in March 2022, certainly in 2022.
        assert_eq!(
            running("2022", None).in_span(d("2022-03")),
            Certainty::Possibly
        );
        assert_eq!(
            Interval::at(d("2022")).in_span(d("2022-03")),
            Certainty::Possibly
        );
        assert_eq!(Interval::at(d("2022")).in_span(year), Certainty::Yes);
        assert_eq!(running("2022", None).in_span(d("2021")), Certainty::No);
        // A day is a span of one day.
        let t = running("2017-05-02", Some("2018-11-02"));
        for s in ["2017-05-01", "2017-05-02", "2018-11-02", "2018-11-03"] {
            assert_eq!(t.in_span(d(s)), t.contains(day(s)), "{s}");
        }
        assert!(t.covers(d("2018-10")));
        assert!(!t.covers(d("2018-11")));
        assert!(!running("2022", None).covers(d("2022-12")));
        // An end within the span is a day in it, whatever the start.
        let unknown_start = Interval::running(None, Some(d("2007")));
        assert_eq!(unknown_start.in_span(d("2007")), Certainty::Yes);
        assert_eq!(unknown_start.in_span(d("2007-03")), Certainty::Possibly);
        assert_eq!(unknown_start.in_span(d("2006")), Certainty::Possibly);
        assert_eq!(unknown_start.in_span(d("2008")), Certainty::No);
    }

    #[test]
    fn settled_handovers_give_the_shared_day_to_one_side() {
        let out = running("2017-05-02", Some("2018-11-02"));
        let inc = running("2018-11-02", Some("2019-12-31"));
        let both = || vec![(out, "outgoing"), (inc, "incoming")];
        let incoming = settle_handovers(both(), Handover::Incoming);
        assert_eq!(incoming[0].0.end_day(), Some(day("2018-11-01")));
        assert_eq!(incoming[1].0, inc);
        let outgoing = settle_handovers(both(), Handover::Outgoing);
        assert_eq!(outgoing[0].0, out);
        assert_eq!(outgoing[1].0.start_day(), Some(day("2018-11-03")));
        // No shared day, nothing changes; a coarse bound is never trimmed.
        let apart = vec![(out, 1), (running("2018-11-03", None), 2)];
        assert_eq!(settle_handovers(apart.clone(), Handover::Incoming), apart);
        let coarse = vec![
            (running("2005", Some("2007")), 1),
            (running("2007", None), 2),
        ];
        assert_eq!(settle_handovers(coarse.clone(), Handover::Outgoing), coarse);
    }
}
