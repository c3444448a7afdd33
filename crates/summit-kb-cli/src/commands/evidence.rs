//! What `--explain` finds for `holder` and `chair`: the record that matched,
//! its bounds with their precision, how sure the answer is and why, and the
//! sources with their quotes.

use crate::answer::evidence::{Bound, Bounds, CitedSource, Explain, Matched};
use crate::date::{Certainty, Date};
use crate::kb::Kb;
use crate::output::words::reason_during;

/// Why `period` matched `on` (a day, a month or a year) as surely as
/// `certainty` says, with its citations' sources looked up.
pub fn explain<'a>(kb: &Kb<'a>, period: Bounds<'a>, on: Date, certainty: Certainty) -> Explain<'a> {
    Explain {
        matched: Matched {
            kind: period.kind,
            id: period.id,
        },
        start: period.start.map(Bound::of),
        end: period.end.map(Bound::of),
        certainty,
        // In the words the answer's certainty is shown in.
        reason: reason_during(&period, on, certainty),
        citations: period
            .citations
            .iter()
            .map(|c| {
                let source = kb.source(&c.source);
                CitedSource {
                    source: &c.source,
                    publisher: source.map(|s| s.publisher.as_ref()),
                    title: source.map(|s| s.title.as_ref()),
                    url: source.and_then(|s| s.url.as_deref()),
                    published: source.and_then(|s| s.published),
                    quote: c.quote.as_deref(),
                    note: c.note.as_deref(),
                }
            })
            .collect(),
        period,
    }
}
