//! `summits`: a table of the meetings.

use super::Human;
use crate::answer::summits::Summits;
use crate::kb::Kb;
use crate::output::words::{list, publishers, serde_name, with_sources};
use crate::output::Block;
use crate::output::Kind::{Fixed, Text};

impl Human for Summits<'_> {
    fn blocks(&self, kb: &Kb<'_>) -> Vec<Block> {
        let display = self
            .meetings
            .iter()
            .map(|r| {
                let m = r.meeting;
                vec![
                    m.id.to_string(),
                    m.date.to_string(),
                    r.organization.unwrap_or_default().to_string(),
                    serde_name(&m.kind),
                    m.place.as_deref().unwrap_or_default().to_string(),
                    r.chair_state_name.clone().unwrap_or_default(),
                    status(r.status_today).to_string(),
                    serde_name(&r.outcomes_recorded),
                ]
            })
            .collect();
        let mut table = Block::table(
            [
                ("id", Fixed),
                ("date", Fixed),
                ("org", Fixed),
                ("kind", Fixed),
                ("place", Text),
                ("chair", Text),
                ("status", Text),
                ("outcomes", Text),
            ],
            display,
        );
        if self.sources {
            let cites = self
                .meetings
                .iter()
                .map(|r| publishers(kb, &r.meeting.citations));
            table = with_sources(table, cites.collect());
        }
        list(table, self.meetings.is_empty(), "meetings")
    }
}

/// A meeting's status today as the table words it.
fn status(status_today: &str) -> &str {
    match status_today {
        "scheduled-not-recorded-as-held" => "scheduled; not recorded as held",
        "planned-not-recorded-as-held" => "planned; not recorded as held",
        "not-held" => "not held",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_words() {
        assert_eq!(
            status("planned-not-recorded-as-held"),
            "planned; not recorded as held"
        );
        assert_eq!(
            status("scheduled-not-recorded-as-held"),
            "scheduled; not recorded as held"
        );
        assert_eq!(status("not-held"), "not held");
        assert_eq!(status("held"), "held");
    }
}
