//! `holder POST --on DATE`: who held a post on a day.

use anyhow::Result;

use crate::answer::evidence::Bounds;
use crate::answer::holder::{Holder, HolderMatch, PostAnswer};
use crate::commands::evidence;
use crate::commands::Ctx;
use crate::date::Date;
use crate::kb::Kb;
use crate::model::{Post, Record};

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
pub fn run<'k>(ctx: &Ctx<'k>, args: &Args) -> Result<Holder<'k>> {
    let kb = ctx.kb;
    let org = kb.org_filter(args.org.as_deref())?;
    let posts = kb.resolve_posts(&args.post, org)?;
    let on = args.on.unwrap_or_else(|| Date::from_day(ctx.today()));
    let answers = posts
        .into_iter()
        .map(|post| PostAnswer {
            post: &post.id,
            organization: &post.organization,
            holders: holders(kb, args, post, on),
            record: post,
        })
        .collect();
    Ok(Holder { on, answers })
}

/// The holders of one post during `on` (a day, a month or a year), each
/// with why with `--explain`.
fn holders<'a>(kb: &Kb<'a>, args: &Args, post: &'a Post, on: Date) -> Vec<HolderMatch<'a>> {
    kb.holders_during(post, on)
        .into_iter()
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
        .collect()
}
