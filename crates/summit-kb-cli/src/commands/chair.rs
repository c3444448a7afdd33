//! `chair --on DATE`: the chairing state on a day, its slogan and priorities.

use anyhow::Result;

use crate::answer::chair::{Chair, ChairJson, ChairMatch};
use crate::answer::evidence::Bounds;
use crate::commands::evidence;
use crate::commands::Ctx;
use crate::date::Date;
use crate::model::Organization;

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

pub fn run<'k>(ctx: &Ctx<'k>, args: &Args) -> Result<Chair<'k>> {
    let kb = ctx.kb;
    let org = kb.org_filter(args.org.as_deref())?;
    let on = args.on.unwrap_or_else(|| Date::from_day(ctx.today()));
    let chairs: Vec<ChairMatch> = kb
        .chairs_during(on)
        .into_iter()
        .filter(|m| org.is_none_or(|o| m.record.organization == o.id))
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
            explain: args.explain.then(|| {
                let period = Bounds::of_chairmanship(m.record);
                evidence::explain(kb, period, on, m.certainty)
            }),
        })
        .collect();
    // Every organisation asked about: the one named, or each that has a
    // chairmanship recorded at all.
    let organizations: Vec<&Organization> = kb
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
    Ok(Chair {
        json: ChairJson {
            on: on.to_string(),
            chairs,
        },
        on,
        organizations,
    })
}
