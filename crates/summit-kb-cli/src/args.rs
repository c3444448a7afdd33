//! The arguments several commands share (`--org`, `--from`/`--to`) and the
//! dates they take: the floor of the command line below the commands, which
//! flatten them into their own arguments. It knows no command.

use clap::Args;
use jiff::civil;

use crate::output::Format;

/// `--format`, as every command but `export` takes it: how the answer is
/// written.
#[derive(Debug, Clone, Copy, Args)]
pub struct FormatArg {
    /// Output format. Default: table.
    #[arg(
        long,
        value_enum,
        default_value_t = Format::Table,
        hide_default_value = true,
        help_heading = "Global options",
        display_order = 1
    )]
    pub format: Format,
}

/// `--org`, as every command that can be narrowed to one organisation takes it.
#[derive(Debug, Clone, Default, Args)]
pub struct OrgArg {
    /// Only this organisation: its id, name or an alias, in any case or
    /// script ("csto", "ОДКБ", "sco", "ШОС"). Default: every organisation.
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
}

impl OrgArg {
    pub fn as_deref(&self) -> Option<&str> {
        self.org.as_deref()
    }
}

/// `--from` and `--to`, as the list commands (`summits`, `docs`,
/// `decisions`) take them: the same bounds as `timeline`'s.
#[derive(Debug, Clone, Default, Args)]
pub struct RangeArg {
    /// Only those dated on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD or
    /// `today`): an event's date, a meeting's day, a document's adoption, a
    /// decision's meeting. A date known only to its year or month is kept when it may
    /// fall in the range ("2003" with --from 2003-06-01); one not recorded is
    /// left out.
    #[arg(long, value_name = "DATE", value_parser = parse_bound)]
    pub from: Option<crate::date::Date>,

    /// Only those dated on or before DATE (YYYY, YYYY-MM, YYYY-MM-DD or
    /// `today`); both bounds are inclusive, a coarse one standing for its
    /// whole year or month.
    #[arg(long, value_name = "DATE", value_parser = parse_bound)]
    pub to: Option<crate::date::Date>,
}

impl RangeArg {
    /// Refuses a range that ends before it starts.
    pub fn check(&self) -> anyhow::Result<()> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if to.last_day() < from.first_day() {
                anyhow::bail!("--to {to} is before --from {from}");
            }
        }
        Ok(())
    }

    /// Whether a record dated `date` is kept: every record without a range;
    /// with one, a date that certainly or possibly falls inside it.
    pub fn keeps(&self, date: Option<crate::date::Date>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        date.is_some_and(|d| self.certainty(d) != crate::date::Certainty::No)
    }

    /// Whether a record dated `date` falls in the range: yes when its every
    /// possible day does, possibly when only some may.
    pub fn certainty(&self, date: crate::date::Date) -> crate::date::Certainty {
        use crate::date::Interval;
        Interval::at(date).overlaps(&Interval::range(self.from, self.to))
    }
}

/// Today's date in the system's time zone: the one `TZ` names, else the
/// system's own (`/etc/localtime`). A `TZ` that names something other than a
/// time zone file of a sane size (`TZ=/dev/zero`, a FIFO, a directory) is
/// not read: jiff would read it whole, forever from `/dev/zero`. Today is
/// then taken in UTC, with a warning.
pub fn today() -> civil::Date {
    let zone = match unusable_tz(std::env::var_os("TZ")) {
        None => jiff::tz::TimeZone::system(),
        Some(why) => {
            crate::output::to_stderr(&format!("warning: {why}; today is taken in UTC"));
            jiff::tz::TimeZone::UTC
        }
    };
    jiff::Timestamp::now().to_zoned(zone).date()
}

/// The most a time zone file may hold. The TZif files of the IANA database
/// hold a few KiB (none reaches 4 KiB).
const MAX_ZONE_FILE: u64 = 1 << 20;

/// Why the value of `TZ` is not to be read, if it is not: when it is neither
/// a name in the time zone database nor a POSIX rule, jiff reads it as the
/// path of a TZif file (a leading `:` aside), and it is a path to something
/// else than a regular file of at most [`MAX_ZONE_FILE`] bytes.
fn unusable_tz(tz: Option<std::ffi::OsString>) -> Option<String> {
    let tz = tz?;
    let text = tz.to_string_lossy();
    let name = text.strip_prefix(':').unwrap_or(&text);
    if name.is_empty() || jiff::tz::db().get(name).is_ok() {
        return None;
    }
    let why = match std::fs::metadata(name) {
        // A POSIX rule (`EST5EDT`), or no file at all: nothing is read.
        Err(_) => return None,
        Ok(meta) if meta.is_file() && meta.len() <= MAX_ZONE_FILE => return None,
        Ok(meta) if meta.is_file() => "a file larger than any time zone file",
        Ok(_) => "not a time zone file",
    };
    Some(format!(
        "TZ={} is {why}",
        crate::output::visible_line(&text)
    ))
}

/// What a day-only query date (`--in-force-on`) may be, as its errors say
/// it; `--on` takes [`SPAN_FORMS`].
pub const DAY_FORMS: &str = "a whole day, YYYY-MM-DD, or `today`";

/// Parses a date of any precision, or `today`; an error names `forms`, what
/// the flag takes, with a suggestion where the text writes a date another way.
fn parse_date(text: &str, forms: &str) -> Result<crate::date::Date, String> {
    if text.trim().eq_ignore_ascii_case("today") {
        return Ok(crate::date::Date::from_day(today()));
    }
    text.parse().map_err(|e: crate::date::DateError| {
        if e.malformed {
            format!("expected {forms}{}", e.hint())
        } else {
            e.reason
        }
    })
}

/// Parses a query date: a whole day `YYYY-MM-DD`, or `today`.
pub fn parse_day(text: &str) -> Result<civil::Date, String> {
    let date = parse_date(text, DAY_FORMS)?;
    date.as_day()
        .ok_or_else(|| format!("expected {DAY_FORMS}, not a {} ({text})", date.precision()))
}

/// Parses a range bound: a date of any precision, or `today`.
pub fn parse_bound(text: &str) -> Result<crate::date::Date, String> {
    parse_date(text, "YYYY, YYYY-MM, YYYY-MM-DD or `today`")
}

/// What `--on` takes, as its help and errors say it.
pub const SPAN_FORMS: &str = "YYYY-MM-DD, YYYY-MM, YYYY or `today`";

/// Parses an `--on` value: a day (`YYYY-MM-DD`), a month (`YYYY-MM`), a
/// year (`YYYY`), or `today`.
pub fn parse_span(text: &str) -> Result<crate::date::Date, String> {
    parse_date(text, SPAN_FORMS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tz_that_is_no_time_zone_file_is_not_read() {
        let tz = |s: &str| unusable_tz(Some(s.into()));
        assert_eq!(unusable_tz(None), None);
        assert_eq!(tz(""), None);
        assert_eq!(tz("UTC"), None);
        assert_eq!(tz("EST5EDT,M3.2.0,M11.1.0"), None);
        assert_eq!(tz("/no/such/file"), None);
        let zero = tz("/dev/zero").unwrap();
        assert!(
            zero.contains("TZ=/dev/zero is not a time zone file"),
            "{zero}"
        );
        assert!(tz(":/dev/zero").is_some());
        assert!(tz("/").is_some());
    }

    #[test]
    fn query_dates_are_days_or_today() {
        assert_eq!(parse_day("2026-03-01").unwrap().to_string(), "2026-03-01");
        assert_eq!(parse_day("TODAY").unwrap(), today());
        assert!(parse_day("2026-03").unwrap_err().contains("whole day"));
        assert!(parse_day("2026-02-29")
            .unwrap_err()
            .contains("February 2026"));
        assert!(parse_day("yesterday").is_err());
    }

    #[test]
    fn query_date_errors_name_only_what_is_taken() {
        let err = parse_day("2026").unwrap_err();
        assert_eq!(
            err,
            "expected a whole day, YYYY-MM-DD, or `today`, not a year (2026)"
        );
        let err = parse_day("someday").unwrap_err();
        assert_eq!(err, "expected a whole day, YYYY-MM-DD, or `today`");
        assert!(!err.contains("YYYY-MM or"), "{err}");
        let err = parse_day("2025-2-3").unwrap_err();
        assert!(err.ends_with("; did you mean 2025-02-03?"), "{err}");
        let err = parse_bound("27.11.2025").unwrap_err();
        assert_eq!(
            err,
            "expected YYYY, YYYY-MM, YYYY-MM-DD or `today`; did you mean 2025-11-27?"
        );
        assert_eq!(
            parse_bound("today").unwrap(),
            crate::date::Date::from_day(today())
        );
    }

    #[test]
    fn spans_are_days_months_years_or_today() {
        for s in ["2026-03-01", "2026-03", "2026"] {
            assert_eq!(parse_span(s).unwrap().to_string(), s);
        }
        assert_eq!(parse_span("Today").unwrap().as_day(), Some(today()));
        let err = parse_span("2026/03").unwrap_err();
        assert!(
            err.contains("expected YYYY-MM-DD, YYYY-MM, YYYY or `today`"),
            "{err}"
        );
        assert!(parse_span("2026-13").unwrap_err().contains("month 13"));
        assert!(parse_span("2026-02-30")
            .unwrap_err()
            .contains("February 2026"));
    }

    #[test]
    fn range_keeps_coarse_dates_as_possibly() {
        use crate::date::{Certainty, Date};
        let d = |s: &str| -> Date { s.parse().unwrap() };
        let in_range = |date, from, to| RangeArg { from, to }.certainty(date);
        let (from, to) = (Some(d("2003-06-01")), Some(d("2003-12-31")));
        assert_eq!(in_range(d("2003"), from, to), Certainty::Possibly);
        assert_eq!(in_range(d("2003-06-01"), from, to), Certainty::Yes);
        assert_eq!(in_range(d("2003-05-31"), from, to), Certainty::No);
        assert_eq!(in_range(d("2003-12-31"), from, to), Certainty::Yes);
        assert_eq!(in_range(d("2004-01-01"), from, to), Certainty::No);
        assert_eq!(in_range(d("2003-05"), from, to), Certainty::No);
        assert_eq!(in_range(d("2003-06"), from, to), Certainty::Yes);
        // A coarse bound stands for its whole unit.
        assert_eq!(
            in_range(d("2003-12-31"), Some(d("2003")), Some(d("2003"))),
            Certainty::Yes
        );
        assert_eq!(in_range(d("1990"), None, None), Certainty::Yes);
    }
}
