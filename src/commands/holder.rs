//! `holder POST --on DATE`: who held a post on a day.

use anyhow::Result;
use schemars::JsonSchema;
use serde::Serialize;

use crate::answer::evidence::{Bounds, Explain};
use crate::commands::evidence;
use crate::commands::{Answer, Ctx};
use crate::date::{Certainty, Date};
use crate::kb::{show_term_end, Kb};
use crate::model::{Person, Post, Record, Term};
use crate::output::words::{during, publishers, reason_during};
use crate::output::{Block, Human};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    /// The post: its id, name or an alias ("secretary-general", "SG").
    pub post: String,

    /// The day, month or year to ask about: YYYY-MM-DD, YYYY-MM, YYYY or
    /// `today` (the default). A month or a year lists every holder in it.
    #[arg(long, value_name = "DATE", value_parser = crate::args::parse_span)]
    pub on: Option<Date>,

    /// Show why: the term that matched, its bounds with their precision,
    /// how sure the answer is, and the sources with their quotes.
    #[arg(long)]
    pub explain: bool,
}

/// Without `--org`, a post name that several organisations use ("Secretary
/// General") answers for each, labelled with its organisation; the JSON is
/// then `{ "on", "answers": [ { "post", "organization", "holders" } ] }`
/// instead of one `{ "post", "on", "holders" }`.
pub fn run(ctx: &Ctx<'_>, args: &Args) -> Result<Answer> {
    let kb = ctx.kb;
    let org = kb.org_filter(args.org.as_deref())?;
    let posts = kb.resolve_posts(&args.post, org)?;
    let on = args.on.unwrap_or_else(|| Date::from_day(ctx.today()));
    let several = posts.len() > 1;
    let mut blocks = Vec::new();
    let mut answers = Vec::new();
    let mut found = false;
    for post in posts {
        let (post_blocks, holders, certain) = answer_for(kb, args, post, on, several);
        blocks.extend(post_blocks);
        found |= certain;
        answers.push(PostAnswer {
            post: &post.id,
            organization: &post.organization,
            holders,
        });
    }
    let every: Vec<&HolderMatch> = answers.iter().flat_map(|a| &a.holders).collect();
    let json = if answers.len() == 1 {
        let one = &answers[0];
        HolderJson::One {
            post: one.post,
            on: on.to_string(),
            holders: &one.holders,
        }
    } else {
        HolderJson::Several {
            on: on.to_string(),
            answers: &answers,
        }
    };
    Ok(Answer::typed(
        ctx.needs, &json, COLUMNS, &every, blocks, found,
    ))
}

/// What CSV writes of each holder that matched.
const COLUMNS: &[&str] = &[
    "organization",
    "post",
    "term_id",
    "person_id",
    "person_name",
    "certainty",
    "start",
    "end",
    "acting?",
];

/// The JSON of `holder`: one post's holders on the day, or, when a name
/// several organisations use was asked without `--org`, each post's.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum HolderJson<'a> {
    One {
        post: &'a str,
        on: String,
        holders: &'a [HolderMatch<'a>],
    },
    Several {
        on: String,
        answers: &'a [PostAnswer<'a>],
    },
}

/// One post's holders on the day.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PostAnswer<'a> {
    pub post: &'a str,
    pub organization: &'a str,
    pub holders: Vec<HolderMatch<'a>>,
}

/// A term that covers the day, certainly or possibly, with its holder.
#[derive(Debug, Serialize, JsonSchema)]
pub struct HolderMatch<'a> {
    pub certainty: Certainty,
    pub organization: &'a str,
    pub post: &'a str,
    pub term_id: &'a str,
    pub person_id: &'a str,
    pub person_name: String,
    pub start: Date,
    pub end: Option<Date>,
    pub acting: bool,
    /// The term as exported.
    pub term: &'a Term,
    /// The person as exported.
    pub person: Option<&'a Person>,
    // The schema of `explain` is left open (any JSON), as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub explain: Option<Explain<'a>>,
}

/// The blocks and JSON holders of one post during `on` (a day, a month or a
/// year), and whether a holder is certain.
fn answer_for<'a>(
    kb: &Kb<'a>,
    args: &Args,
    post: &'a Post,
    on: Date,
    labelled: bool,
) -> (Vec<Block>, Vec<HolderMatch<'a>>, bool) {
    let matches = kb.holders_during(post, on);
    let when = during(on);
    let title = if labelled {
        format!("{} ({})", post.name, kb.name_of(&post.organization))
    } else {
        post.name.to_string()
    };
    let mut blocks = Vec::new();
    if matches.is_empty() {
        blocks.push(Block::Text(format!(
            "No holder of the post {title} ({}) is recorded {when}.",
            post.id
        )));
    } else {
        blocks.push(Block::Heading(format!("{title} {when}")));
    }
    for m in &matches {
        let term = m.record;
        let mut holder = kb.name_of(&term.person);
        if term.acting {
            holder.push_str(" (acting)");
        }
        let certainty = match m.certainty {
            Certainty::Yes => "yes".to_string(),
            _ => reason_during(&Bounds::of_term(term), on, m.certainty),
        };
        let appointed = term
            .appointed_by
            .as_deref()
            .map(|a| format!("{} ({a})", kb.name_of(a)))
            .or_else(|| term.appointment_note.as_ref().map(|n| n.to_string()))
            .unwrap_or_default();
        blocks.push(Block::fields([
            ("holder", holder),
            ("certainty", certainty),
            (
                "term",
                format!("{} to {} ({})", term.start, show_term_end(term), term.id),
            ),
            ("appointed by", appointed),
            ("sources", publishers(kb, &term.citations)),
        ]));
        if args.explain {
            let explain = evidence::explain(kb, Bounds::of_term(term), on, m.certainty);
            blocks.extend(explain.blocks(kb));
        }
    }
    let found = matches.iter().any(|m| m.certainty == Certainty::Yes);
    let holders = matches
        .iter()
        .map(|m| {
            let t = m.record;
            HolderMatch {
                certainty: m.certainty,
                organization: &post.organization,
                post: &post.id,
                term_id: &t.id,
                person_id: &t.person,
                person_name: kb.name_of(&t.person),
                start: t.start,
                end: t.end,
                acting: t.acting,
                term: t,
                person: match kb.get(&t.person) {
                    Some(Record::Person(p)) => Some(p),
                    _ => None,
                },
                explain: args
                    .explain
                    .then(|| evidence::explain(kb, Bounds::of_term(t), on, m.certainty)),
            }
        })
        .collect();
    (blocks, holders, found)
}
