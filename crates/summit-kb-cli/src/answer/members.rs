//! What `members` answers.

use schemars::JsonSchema;
use serde::Serialize;

use super::Answer;
use crate::date::{Certainty, Date};
use crate::model::{ChangeKind, Membership, MembershipStatus};

/// The answer to `members`: its JSON, and how it is shown.
#[derive(Debug)]
pub struct Members<'a> {
    pub json: MembersJson<'a>,
    /// The day, month or year asked about.
    pub on: Date,
    /// `--all`: every state listed, with its dated changes.
    pub all: bool,
}

crate::json_is!(Members<'_>, json: MembersJson<'static>);

/// The JSON of `members`: the day and each state listed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MembersJson<'a> {
    pub on: String,
    pub members: Vec<MemberRow<'a>>,
}

/// A state's membership on the day.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MemberRow<'a> {
    pub organization: &'a str,
    pub state: &'a str,
    pub state_name: String,
    /// Whether it was a member: yes, possibly or no (with `--all`).
    pub member: Certainty,
    /// Every standing it may have had.
    pub standings: Vec<Standing>,
    /// The same, each with its certainty.
    pub standing: Vec<StandingOn>,
    /// The record as exported.
    pub membership: &'a Membership,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct StandingOn {
    pub standing: Standing,
    pub certainty: Certainty,
}

/// Where a state stands in an organisation on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Member,
    ParticipationFrozen,
    /// Before the first recorded change (a join): not yet a member.
    NotYetMember,
    AccessionStarted,
    Observer,
    DialoguePartner,
    Partner,
    Suspended,
    Withdrawn,
}

impl Standing {
    /// A member on the day (a frozen participation is still membership).
    pub fn is_member(self) -> bool {
        matches!(self, Standing::Member | Standing::ParticipationFrozen)
    }

    /// The standing a change leaves the state in.
    pub fn after(kind: ChangeKind) -> Standing {
        match kind {
            ChangeKind::Joined | ChangeKind::Rejoined | ChangeKind::ParticipationResumed => {
                Standing::Member
            }
            ChangeKind::ParticipationFrozen => Standing::ParticipationFrozen,
            ChangeKind::Suspended => Standing::Suspended,
            ChangeKind::Withdrew => Standing::Withdrawn,
            ChangeKind::AccessionStarted => Standing::AccessionStarted,
            ChangeKind::Observer => Standing::Observer,
            ChangeKind::DialoguePartner => Standing::DialoguePartner,
            ChangeKind::Partner => Standing::Partner,
        }
    }

    /// The standing a present status stands for.
    pub fn of_status(status: MembershipStatus) -> Standing {
        match status {
            MembershipStatus::Member => Standing::Member,
            MembershipStatus::ParticipationFrozen => Standing::ParticipationFrozen,
            MembershipStatus::Suspended => Standing::Suspended,
            MembershipStatus::Former => Standing::Withdrawn,
            MembershipStatus::Observer => Standing::Observer,
            MembershipStatus::DialoguePartner => Standing::DialoguePartner,
            MembershipStatus::Partner => Standing::Partner,
        }
    }
}

impl Answer for Members<'_> {
    type Row<'r>
        = &'r MemberRow<'r>
    where
        Self: 'r;

    fn columns(&self) -> &'static [&'static str] {
        COLUMNS
    }

    fn rows(&self) -> Vec<&MemberRow<'_>> {
        self.json.members.iter().collect()
    }

    /// Some state was certainly a member.
    fn found(&self) -> bool {
        self.json.members.iter().any(|m| m.member == Certainty::Yes)
    }
}

/// What CSV writes of each state.
const COLUMNS: &[&str] = &["organization", "state", "state_name", "member", "standings"];
