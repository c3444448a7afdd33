//! `docs`: adopted documents, with filters.

use anyhow::{bail, Result};

pub use crate::answer::docs::{DocRow, Docs, DocsJson};
use crate::answer::OutcomesKnown;
use crate::commands::Ctx;
use crate::date::{Certainty, Date, Interval};
use crate::kb::{fold, Kb};
use crate::model::{Document, Record, RecordKind};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    /// Only documents adopted at this meeting: its id, or words of its name,
    /// place and year that name one meeting ("Bishkek 2025").
    #[arg(long, value_name = "ID")]
    pub summit: Option<String>,

    /// Only documents of this kind.
    #[arg(long, value_name = "K", ignore_case = true, value_parser = crate::value_enum::parser::<crate::model::DocumentKind>())]
    pub kind: Option<crate::model::DocumentKind>,

    /// Only documents with this topic (case- and accent-insensitive; a part
    /// of a topic's words will do). Repeat it for documents that have every
    /// topic given: --topic terrorism --topic drugs.
    #[arg(long, value_name = "T")]
    pub topic: Vec<String>,

    #[command(flatten)]
    pub range: crate::args::RangeArg,

    /// Only documents whose stated validity period covers DATE (YYYY-MM-DD or
    /// `today`); documents with no recorded period are left out, and those
    /// whose period is open at one end are named apart as possibly in force.
    /// With --format json the answer is {"in_force": [documents],
    /// "possibly_in_force": [ids]}.
    #[arg(long, value_name = "DATE", value_parser = crate::args::parse_day)]
    pub in_force_on: Option<jiff::civil::Date>,

    /// Add a column naming the sources each record cites.
    #[arg(long)]
    pub sources: bool,
}

/// The day a document was adopted: its own date, else its meeting's.
pub fn adopted(kb: &Kb<'_>, doc: &Document) -> Option<Date> {
    doc.adopted.or_else(|| {
        let id = doc.adopted_at.as_deref()?;
        kb.meeting(id).map(|m| m.date)
    })
}

/// The days a document is in force: from its entry into force (or the start
/// of its validity period) to the end of that period. An end not recorded
/// makes every later day "possibly".
pub fn in_force(doc: &Document) -> Interval {
    let mut interval = Interval::whole_units(doc.valid_from, doc.valid_to);
    if let Some(date) = doc.in_force {
        interval.start = Interval::at(date).start;
    }
    interval
}

pub fn run<'k>(ctx: &Ctx<'k>, args: &Args) -> Result<Docs<'k>> {
    let kb = ctx.kb;
    let meeting = match &args.summit {
        Some(summit) => Some(kb.require_meeting(summit)?),
        None => None,
    };
    let org = kb.org_filter(args.org.as_deref())?;
    args.range.check()?;
    let topics: Vec<String> = args.topic.iter().map(|t| fold(t)).collect();
    // An empty topic is a part of every topic: it would list everything.
    if let Some((given, _)) = args.topic.iter().zip(&topics).find(|(_, t)| t.is_empty()) {
        bail!("--topic '{given}': no letters or digits to look for in a topic");
    }
    let adopted_at =
        |d: &Document| meeting.is_none_or(|m| d.adopted_at.as_deref() == Some(m.id.as_ref()));
    // A meeting's documents: only those that refer to it, where the data
    // says which do.
    let candidates = match meeting {
        Some(m) => kb.referring_in(&kb.data().document, &m.id, RecordKind::Document, adopted_at),
        None => kb.data().document.iter().collect(),
    };
    let mut docs: Vec<&Document> = candidates
        .into_iter()
        .filter(|d| adopted_at(d))
        .filter(|d| args.kind.is_none_or(|k| d.kind == k))
        .filter(|d| kb.in_org(Record::Document(d), org))
        .filter(|d| {
            topics
                .iter()
                .all(|t| d.topics.iter().any(|dt| fold(dt).contains(t.as_str())))
        })
        .filter(|d| args.range.keeps(adopted(kb, d)))
        .collect();
    // Documents the day may fall in: listed apart, never as in force.
    let mut possibly: Vec<&str> = Vec::new();
    if let Some(day) = args.in_force_on {
        docs.retain(|d| match in_force(d).contains(day) {
            Certainty::Yes => true,
            // A period open at one end; one not recorded at all is left out.
            Certainty::Possibly
                if d.valid_from.is_some() || d.valid_to.is_some() || d.in_force.is_some() =>
            {
                possibly.push(&d.id);
                false
            }
            Certainty::Possibly => false,
            Certainty::No => false,
        });
    }
    // Each document's date looked up once, not at every comparison.
    docs.sort_by_cached_key(|d| {
        let d: &Document = d;
        (adopted(kb, d), d.id.clone())
    });
    let rows: Vec<DocRow> = docs.iter().map(|d| row(kb, d)).collect();
    possibly.sort_unstable();
    let json = match (meeting, args.in_force_on) {
        (_, Some(_)) => DocsJson::InForce {
            in_force: rows,
            possibly_in_force: possibly,
        },
        (Some(m), None) => DocsJson::OfMeeting {
            meeting: &m.id,
            outcomes: OutcomesKnown::of(kb, m),
            documents: rows,
        },
        (None, None) => DocsJson::List(rows),
    };
    Ok(Docs {
        json,
        sources: args.sources,
    })
}

/// A document as `docs` lists it: the record as exported, with the day it
/// was adopted (its own date, else its meeting's) and its organisation.
pub fn row<'a>(kb: &Kb<'a>, document: &'a Document) -> DocRow<'a> {
    DocRow {
        document,
        adopted_on: adopted(kb, document),
        organization: kb.org_of(Record::Document(document)),
    }
}
