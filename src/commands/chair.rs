//! `chair --on DATE`: the chairing state on a day, its slogan and priorities.

use anyhow::Result;
use schemars::JsonSchema;
use serde::Serialize;

use crate::commands::evidence::{self, Bounds};
use crate::commands::{Answer, Ctx};
use crate::date::{Certainty, Date};
use crate::kb::{chair_period, Kb, Match};
use crate::model::{Chairmanship, Organization, RecordKind};
use crate::output::words::{during, publishers};
use crate::output::Block;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    /// The day, month or year to ask about: YYYY-MM-DD, YYYY-MM, YYYY or
    /// `today` (the default). A month or a year lists every chair in it.
    #[arg(long, value_name = "DATE", value_parser = crate::args::parse_span)]
    pub on: Option<Date>,

    /// Show why: the chairmanship that matched, its bounds with their precision,
    /// how sure the answer is, and the sources with their quotes.
    #[arg(long)]
    pub explain: bool,
}

pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Answer> {
    let kb = ctx.kb;
    let org = kb.org_filter(args.org.as_deref())?;
    let on = args.on.unwrap_or_else(|| Date::from_day(ctx.today()));
    let when = during(on);
    let matches: Vec<_> = kb
        .chairs_during(on)
        .into_iter()
        .filter(|m| org.is_none_or(|o| m.record.organization == o.id))
        .collect();
    // Every organisation asked about: the one named, or each that has a
    // chairmanship recorded at all.
    let orgs: Vec<&Organization> = kb
        .data()
        .organization
        .iter()
        .filter(|o| match org {
            Some(asked) => asked.id == o.id,
            None => kb
                .data()
                .chairmanship
                .iter()
                .any(|c| c.organization == o.id),
        })
        .collect();
    let mut blocks = Vec::new();
    if orgs.is_empty() {
        blocks.push(Block::Text(format!("No chairmanship is recorded {when}.")));
    }
    for o in &orgs {
        blocks.push(Block::Heading(format!("Chair of {} {when}", o.name)));
        let here: Vec<_> = matches
            .iter()
            .filter(|m| m.record.organization == o.id)
            .collect();
        if here.is_empty() {
            blocks.push(Block::Text(format!(
                "No chairmanship of {} is recorded {when}.",
                o.name
            )));
        }
        let certain = here.iter().any(|m| m.certainty == Certainty::Yes);
        if here.len() > 1 && (on.as_day().is_some() || !certain) {
            let states: Vec<String> = here.iter().map(|m| kb.name_of(&m.record.state)).collect();
            let which = if on.as_day().is_some() {
                "which state chaired"
            } else {
                "which states chaired"
            };
            blocks.push(Block::Text(format!(
                "The data cannot tell {which} {when}: possibly {}.",
                states.join(" or ")
            )));
        }
        for m in here {
            chair_blocks(kb, args, on, m, &mut blocks);
        }
    }
    let found = matches.iter().any(|m| m.certainty == Certainty::Yes);
    let chairs: Vec<ChairMatch> = matches
        .iter()
        .map(|m| ChairMatch {
            certainty: m.certainty,
            organization: &m.record.organization,
            id: &m.record.id,
            state: &m.record.state,
            state_name: kb.name_of(&m.record.state),
            label: m.record.label.as_deref(),
            start: m.record.start,
            end: m.record.end,
            temporary: m.record.temporary,
            head_of_state: m.record.head_of_state.as_deref(),
            slogan: m.record.slogan.as_ref().map(|s| s.text.as_ref()),
            chairmanship: m.record,
            explain: args
                .explain
                .then(|| evidence::json(kb, &period(m.record), on, m.certainty)),
        })
        .collect();
    let json = ChairJson {
        on: on.to_string(),
        chairs: &chairs,
    };
    Ok(Answer::typed(
        ctx.needs, &json, COLUMNS, &chairs, blocks, found,
    ))
}

/// What CSV writes of each chairmanship that matched.
const COLUMNS: &[&str] = &[
    "organization",
    "id",
    "state",
    "state_name",
    "certainty",
    "label",
    "start",
    "end",
    "temporary?",
    "head_of_state",
    "slogan",
];

/// The JSON of `chair`: the day, and every chairmanship that certainly or
/// possibly held it, of each organisation.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChairJson<'a> {
    pub on: String,
    pub chairs: &'a [ChairMatch<'a>],
}

/// A chairmanship that matched the day, how sure the data is, and (with
/// `--explain`) why.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChairMatch<'a> {
    pub certainty: Certainty,
    pub organization: &'a str,
    /// The chairmanship's id.
    pub id: &'a str,
    pub state: &'a str,
    pub state_name: String,
    pub label: Option<&'a str>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub temporary: bool,
    pub head_of_state: Option<&'a str>,
    /// The slogan in its official language.
    pub slogan: Option<&'a str>,
    /// The record as exported.
    pub chairmanship: &'a Chairmanship,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<serde_json::Value>,
}

fn chair_blocks(
    kb: &Kb<'_>,
    args: &Args,
    on: Date,
    m: &Match<&Chairmanship>,
    blocks: &mut Vec<Block>,
) {
    let c = m.record;
    {
        let certainty = match m.certainty {
            Certainty::Yes => "yes".to_string(),
            _ => evidence::reason_during(&period(c), on, m.certainty),
        };
        let (slogan, renderings) = match &c.slogan {
            Some(s) => (
                format!("{} ({})", s.text, s.lang),
                s.renderings
                    .iter()
                    .map(|r| format!("{} ({})", r.text, publishers(kb, &r.citations)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            None => (String::new(), String::new()),
        };
        let priorities = c
            .priorities
            .iter()
            .map(|p| format!("• {} ({})", p.text, publishers(kb, &p.citations)))
            .collect::<Vec<_>>()
            .join("\n");
        blocks.push(Block::fields([
            ("state", kb.name_of(&c.state)),
            ("certainty", certainty),
            ("period", chair_period(c)),
            ("label", c.label.as_deref().unwrap_or_default().to_string()),
            (
                "temporary",
                if c.temporary {
                    "yes".to_string()
                } else {
                    String::new()
                },
            ),
            (
                "handed over at",
                c.handed_over_at
                    .as_deref()
                    .map(|m| format!("{} ({m})", kb.name_of(m)))
                    .unwrap_or_default(),
            ),
            (
                "decided at",
                c.decided_at
                    .as_deref()
                    .map(|m| format!("{} ({m})", kb.name_of(m)))
                    .unwrap_or_default(),
            ),
            (
                "head of state",
                c.head_of_state
                    .as_deref()
                    .map(|p| kb.name_of(p))
                    .unwrap_or_default(),
            ),
            ("slogan", slogan),
            ("renderings", renderings),
            ("priorities", priorities),
            ("note", c.note.as_deref().unwrap_or_default().to_string()),
            ("sources", publishers(kb, &c.citations)),
            ("id", c.id.to_string()),
        ]));
        if args.explain {
            blocks.extend(evidence::blocks(kb, &period(c), on, m.certainty));
        }
    }
}

fn period(chair: &Chairmanship) -> Bounds<'_> {
    Bounds {
        kind: RecordKind::Chairmanship,
        id: &chair.id,
        start: chair.start,
        end: chair.end,
        start_unknown: None,
        citations: &chair.citations,
    }
}
