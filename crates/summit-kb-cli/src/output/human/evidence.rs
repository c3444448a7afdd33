//! What `--explain` adds below a match of `holder` or `chair`: the record
//! that matched, its bounds with their precision, why the answer is yes or
//! only possibly, and the sources with their quotes.

use super::Human;
use crate::answer::evidence::Explain;
use crate::date::Date;
use crate::kb::Kb;
use crate::output::words::citation_lines;
use crate::output::Block;

impl Human for Explain<'_> {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        let period = &self.period;
        let start = match (period.start, &period.start_unknown) {
            (Some(s), _) => bound(s),
            (None, Some(known)) => format!("not recorded ({known})"),
            (None, None) => "not recorded".to_string(),
        };
        let end = match (period.end, &period.start_unknown) {
            (Some(e), _) => bound(e),
            (None, Some(known)) => format!("not recorded ({known})"),
            (None, None) => "none recorded (still running)".to_string(),
        };
        let mut out = vec![
            Block::Heading(format!("Why: {} {}", period.kind, period.id)),
            Block::fields([
                ("matched", format!("{} {}", period.kind, period.id)),
                ("start", start),
                ("end", end),
                ("bounds", "inclusive".to_string()),
                ("certainty", self.reason.clone()),
            ]),
            Block::Text("evidence:".to_string()),
        ];
        let lines = citation_lines(kb, "", period.citations);
        if lines.is_empty() {
            out.push(Block::Text("• no citation recorded".to_string()));
        }
        out.extend(lines.into_iter().map(Block::Text));
        out
    }
}

/// "2003 (year: 2003-01-01..2003-12-31)" for a coarse date, "2018-11-02
/// (day)" for a day.
fn bound(date: Date) -> String {
    let (first, last) = (date.first_day(), date.last_day());
    if first == last {
        format!("{date} (day)")
    } else {
        format!("{date} ({}: {first}..{last})", date.precision())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn bounds_show_their_precision_as_days() {
        assert_eq!(bound(d("2003")), "2003 (year: 2003-01-01..2003-12-31)");
        assert_eq!(
            bound(d("2024-02")),
            "2024-02 (month: 2024-02-01..2024-02-29)"
        );
        assert_eq!(bound(d("2018-11-02")), "2018-11-02 (day)");
    }
}
