//! Calendar dates that know their precision (a year, a month or a day), and the
//! three-valued answer to "does this day fall inside that period?".

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::civil;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date the data knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

    /// The day itself, when the date is known to the day.
    pub fn as_day(&self) -> Option<civil::Date> {
        (self.precision() == Precision::Day).then(|| self.first_day())
    }
}

/// Why a piece of text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub input: String,
    pub reason: String,
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
        };
        let shape = "expected YYYY, YYYY-MM or YYYY-MM-DD";
        let parts: Vec<&str> = s.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok {
            return Err(fail(shape));
        }
        let numbers: Option<Vec<i32>> = parts.iter().map(|p| digits(p)).collect();
        let numbers = numbers.ok_or_else(|| fail(shape))?;
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

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
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
        deserializer.deserialize_str(Visitor)
    }
}

/// A three-valued answer: the data says yes, says no, or cannot tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

/// A stretch of time whose start and end are instants known only to their
/// precision. Both ends are inclusive. A missing end means still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: Date,
    pub end: Option<Date>,
}

impl Span {
    /// Whether `day` falls inside the span: `Yes` when it does whatever days the
    /// coarse bounds stand for, `No` when it cannot, `Possibly` otherwise.
    pub fn contains(&self, day: civil::Date) -> Certainty {
        let ended_before = self.end.is_some_and(|end| day > end.last_day());
        if day < self.start.first_day() || ended_before {
            return Certainty::No;
        }
        let started = day >= self.start.last_day();
        let not_ended = self.end.is_none_or(|end| day <= end.first_day());
        if started && not_ended {
            Certainty::Yes
        } else {
            Certainty::Possibly
        }
    }
}

/// A period named by whole calendar units, such as a plan "for 2026-2030": it
/// runs from the first day of `from` to the last day of `to`.
pub fn covers(from: Option<Date>, to: Option<Date>, day: civil::Date) -> Certainty {
    match (from, to) {
        (None, None) => Certainty::Possibly,
        (from, to) => {
            let after_start = from.is_none_or(|f| day >= f.first_day());
            let before_end = to.is_none_or(|t| day <= t.last_day());
            if !(after_start && before_end) {
                Certainty::No
            } else if from.is_some() && to.is_some() {
                Certainty::Yes
            } else {
                Certainty::Possibly
            }
        }
    }
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

    #[test]
    fn span_bounds_are_inclusive_at_day_precision() {
        let span = Span {
            start: d("2017-05-02"),
            end: Some(d("2018-11-02")),
        };
        assert_eq!(span.contains(day("2017-05-01")), Certainty::No);
        assert_eq!(span.contains(day("2017-05-02")), Certainty::Yes);
        assert_eq!(span.contains(day("2018-11-02")), Certainty::Yes);
        assert_eq!(span.contains(day("2018-11-03")), Certainty::No);
    }

    #[test]
    fn span_with_coarse_start_answers_possibly_inside_the_coarse_unit() {
        let span = Span {
            start: d("2003"),
            end: Some(d("2005-06")),
        };
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
    fn open_span_runs_on() {
        let span = Span {
            start: d("2026-01-01"),
            end: None,
        };
        assert_eq!(span.contains(day("2025-12-31")), Certainty::No);
        assert_eq!(span.contains(day("9999-12-31")), Certainty::Yes);
    }

    #[test]
    fn covers_whole_calendar_units() {
        let (from, to) = (Some(d("2026")), Some(d("2030")));
        assert_eq!(covers(from, to, day("2025-12-31")), Certainty::No);
        assert_eq!(covers(from, to, day("2026-01-01")), Certainty::Yes);
        assert_eq!(covers(from, to, day("2030-12-31")), Certainty::Yes);
        assert_eq!(covers(from, to, day("2031-01-01")), Certainty::No);
        assert_eq!(covers(None, None, day("2026-01-01")), Certainty::Possibly);
        assert_eq!(covers(from, None, day("2040-01-01")), Certainty::Possibly);
        assert_eq!(covers(from, None, day("2020-01-01")), Certainty::No);
    }
}
