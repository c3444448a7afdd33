//! `members --on DATE`: the member states of each organisation on a day.

use anyhow::Result;
use jiff::civil;

use crate::answer::members::{MemberRow, Members, MembersJson, Standing, StandingOn};
use crate::commands::Ctx;
use crate::date::{Certainty, Date};
use crate::model::{ChangeKind, Membership};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub org: crate::args::OrgArg,

    /// The day, month or year to ask about: YYYY-MM-DD, YYYY-MM, YYYY or
    /// `today` (the default). A month or a year lists every state that was a
    /// member on some day of it.
    #[arg(long, value_name = "DATE", value_parser = crate::args::parse_span)]
    pub on: Option<Date>,

    /// List every state with its standing on the day (suspended, withdrawn,
    /// observer, not yet a member...) and its dated changes.
    #[arg(long)]
    pub all: bool,
}

/// Every standing the state may have had on `day`, each with its certainty:
/// one `Yes` when the dated changes decide it, several `Possibly` when a
/// change dated only to a month or a year may fall either side of the day.
/// With no dated change at all, the present status is only possibly the
/// standing on any day.
pub fn standing_on(m: &Membership, day: civil::Date) -> Vec<(Standing, Certainty)> {
    let mut changes: Vec<(Date, ChangeKind)> = m.changes.iter().map(|c| (c.date, c.kind)).collect();
    changes.sort_by_key(|(date, _)| *date);
    if changes.is_empty() {
        return vec![(Standing::of_status(m.status), Certainty::Possibly)];
    }
    // Before a first change that makes it a member or a partner, the state
    // was not (yet) one; before a first freeze, suspension or withdrawal it
    // was a member, since a day not recorded.
    let mut settled = Standing::NotYetMember;
    let mut sure = Certainty::Yes;
    if !matches!(
        changes[0].1,
        ChangeKind::Joined
            | ChangeKind::AccessionStarted
            | ChangeKind::Observer
            | ChangeKind::DialoguePartner
            | ChangeKind::Partner
    ) {
        settled = Standing::Member;
        sure = Certainty::Possibly;
    }
    let mut open: Vec<Standing> = Vec::new();
    for (date, kind) in changes {
        if date.last_day() <= day && open.is_empty() {
            settled = Standing::after(kind);
            sure = Certainty::Yes;
        } else if date.first_day() <= day {
            // The change may or may not have happened by the day.
            open.push(Standing::after(kind));
        } else {
            break;
        }
    }
    if open.is_empty() {
        return vec![(settled, sure)];
    }
    let mut all = vec![settled];
    for s in open {
        if !all.contains(&s) {
            all.push(s);
        }
    }
    all.into_iter().map(|s| (s, Certainty::Possibly)).collect()
}

/// Whether the state was a member on the day: `Yes` when every standing it
/// may have had is membership, `No` when none is.
pub fn member_on(m: &Membership, day: civil::Date) -> Certainty {
    let standings = standing_on(m, day);
    let members = standings.iter().filter(|(s, _)| s.is_member()).count();
    match (members, standings.as_slice()) {
        (0, _) => Certainty::No,
        // One standing: as sure as it is.
        (1, [(_, certainty)]) => *certainty,
        // Several possible standings, all of them membership.
        (n, all) if n == all.len() => Certainty::Yes,
        _ => Certainty::Possibly,
    }
}

/// The days on which a state's standing may change: the first day a change
/// may have happened on (from it, possibly) and its last (from it,
/// certainly). Between two of them, the answers of [`standing_on`] stay the
/// same.
fn turning_days(m: &Membership) -> impl Iterator<Item = civil::Date> + '_ {
    m.changes
        .iter()
        .flat_map(|c| [c.date.first_day(), c.date.last_day()])
}

/// The days of `span` that stand for all of it: its first, and each day in
/// it on which the standing may change.
fn days_that_decide(m: &Membership, span: Date) -> Vec<civil::Date> {
    let (first, last) = (span.first_day(), span.last_day());
    let mut days: Vec<civil::Date> = std::iter::once(first)
        .chain(turning_days(m).filter(|d| first < *d && *d <= last))
        .collect();
    days.sort();
    days.dedup();
    days
}

/// Every standing the state may have had on some day of `span` (a day, a
/// month or a year), each with the surest certainty it has on one of them.
pub fn standing_during(m: &Membership, span: Date) -> Vec<(Standing, Certainty)> {
    let mut all: Vec<(Standing, Certainty)> = Vec::new();
    for day in days_that_decide(m, span) {
        for (standing, certainty) in standing_on(m, day) {
            match all.iter_mut().find(|(s, _)| *s == standing) {
                Some((_, c)) => *c = (*c).max(certainty),
                None => all.push((standing, certainty)),
            }
        }
    }
    all
}

/// Whether the state was a member on some day of `span`: `Yes` when it
/// certainly was on one of them, `No` when on none of them it may have been.
pub fn member_during(m: &Membership, span: Date) -> Certainty {
    days_that_decide(m, span)
        .into_iter()
        .map(|day| member_on(m, day))
        .max()
        .unwrap_or(Certainty::No)
}

pub fn run<'k>(ctx: &Ctx<'k>, args: &Args) -> Result<Members<'k>> {
    let kb = ctx.kb;
    let org = kb.org_filter(args.org.as_deref())?;
    let on = args.on.unwrap_or_else(|| Date::from_day(ctx.today()));
    let mut list: Vec<&Membership> = kb
        .data()
        .membership
        .iter()
        .filter(|m| org.is_none_or(|o| m.organization == o.id))
        .collect();
    list.sort_by(|a, b| {
        a.organization
            .cmp(&b.organization)
            .then_with(|| kb.name_of(&a.state).cmp(&kb.name_of(&b.state)))
    });
    let mut members = Vec::new();
    for m in list {
        let member = member_during(m, on);
        if member == Certainty::No && !args.all {
            continue;
        }
        let standings = standing_during(m, on);
        members.push(MemberRow {
            organization: &m.organization,
            state: &m.state,
            state_name: kb.name_of(&m.state),
            member,
            standings: standings.iter().map(|(s, _)| *s).collect(),
            standing: standings
                .iter()
                .map(|&(standing, certainty)| StandingOn {
                    standing,
                    certainty,
                })
                .collect(),
            membership: m,
        });
    }
    Ok(Members {
        json: MembersJson {
            on: on.to_string(),
            members,
        },
        on,
        all: args.all,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, MembershipChange, MembershipStatus};

    fn change(date: &str, kind: ChangeKind) -> MembershipChange {
        MembershipChange {
            date: date.parse().unwrap(),
            kind,
            confidence: Default::default(),
            note: None,
            citations: vec![Citation {
                source: "s".into(),
                quote: None,
                note: None,
                confidence: Default::default(),
            }]
            .into(),
        }
    }

    fn uzbekistan() -> Membership {
        Membership {
            id: "m".into(),
            organization: "o".into(),
            state: "uzbekistan".into(),
            status: MembershipStatus::Suspended,
            changes: vec![
                change("2002-10-07", ChangeKind::Joined),
                change("2006", ChangeKind::Rejoined),
                change("2012-12-19", ChangeKind::Suspended),
            ]
            .into(),
            note: None,
            citations: vec![].into(),
        }
    }

    fn day(s: &str) -> civil::Date {
        s.parse().unwrap()
    }

    #[test]
    fn standing_follows_the_dated_changes_inclusive_of_their_day() {
        let mut m = uzbekistan();
        m.changes
            .to_mut()
            .insert(1, change("2005-01-01", ChangeKind::Suspended));
        assert_eq!(member_on(&m, day("2002-10-06")), Certainty::No);
        assert_eq!(member_on(&m, day("2002-10-07")), Certainty::Yes);
        assert_eq!(member_on(&m, day("2004-12-31")), Certainty::Yes);
        assert_eq!(member_on(&m, day("2005-01-01")), Certainty::No);
        assert_eq!(member_on(&m, day("2012-12-18")), Certainty::Yes);
        assert_eq!(member_on(&m, day("2012-12-19")), Certainty::No);
    }

    #[test]
    fn a_change_known_to_the_year_leaves_its_year_possibly() {
        let mut m = uzbekistan();
        m.changes
            .to_mut()
            .insert(1, change("2005-01-01", ChangeKind::Suspended));
        assert_eq!(member_on(&m, day("2006-06-30")), Certainty::Possibly);
        let standings = standing_on(&m, day("2006-06-30"));
        assert_eq!(
            standings,
            [
                (Standing::Suspended, Certainty::Possibly),
                (Standing::Member, Certainty::Possibly)
            ]
        );
        assert_eq!(member_on(&m, day("2007-01-01")), Certainty::Yes);
    }

    #[test]
    fn frozen_participation_is_still_membership() {
        let mut m = uzbekistan();
        m.changes = vec![
            change("2002-10-07", ChangeKind::Joined),
            change("2024-02", ChangeKind::ParticipationFrozen),
        ]
        .into();
        assert_eq!(member_on(&m, day("2025-01-01")), Certainty::Yes);
        assert_eq!(
            standing_on(&m, day("2025-01-01")),
            [(Standing::ParticipationFrozen, Certainty::Yes)]
        );
        // Within February 2024 the freeze may not have happened yet, but
        // either way the state is a member.
        assert_eq!(member_on(&m, day("2024-02-10")), Certainty::Yes);
    }

    #[test]
    fn no_dated_change_is_only_possibly_the_present_status() {
        let mut m = uzbekistan();
        m.changes.to_mut().clear();
        m.status = MembershipStatus::Member;
        assert_eq!(member_on(&m, day("2010-01-01")), Certainty::Possibly);
    }

    fn span(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_span_counts_a_state_that_was_a_member_on_any_of_its_days() {
        let m = uzbekistan();
        // Suspended on 2012-12-19: a member earlier that year and month.
        assert_eq!(member_during(&m, span("2012")), Certainty::Yes);
        assert_eq!(member_during(&m, span("2012-12")), Certainty::Yes);
        assert_eq!(
            standing_during(&m, span("2012-12")),
            [
                (Standing::Member, Certainty::Yes),
                (Standing::Suspended, Certainty::Yes)
            ]
        );
        assert_eq!(member_during(&m, span("2013")), Certainty::No);
        // Joined on 2002-10-07: in 2002, not in September 2002.
        assert_eq!(member_during(&m, span("2002")), Certainty::Yes);
        assert_eq!(member_during(&m, span("2002-09")), Certainty::No);
        // A day is asked as before.
        for d in ["2002-10-06", "2002-10-07", "2012-12-19", "2006-06-30"] {
            assert_eq!(member_during(&m, span(d)), member_on(&m, day(d)), "{d}");
            assert_eq!(standing_during(&m, span(d)), standing_on(&m, day(d)), "{d}");
        }
    }

    #[test]
    fn a_change_known_to_the_year_leaves_a_month_of_it_possibly() {
        let mut m = uzbekistan();
        m.changes = vec![change("2006", ChangeKind::Joined)].into();
        assert_eq!(member_during(&m, span("2006-03")), Certainty::Possibly);
        assert_eq!(member_during(&m, span("2006")), Certainty::Yes);
        assert_eq!(member_during(&m, span("2005")), Certainty::No);
    }
}
