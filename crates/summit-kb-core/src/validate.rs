//! Dataset checks. Every problem is a finding (severity, file, record, message);
//! nothing stops at the first one.

use std::fmt;

use serde::Serialize;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::date::{Certainty, Date, Interval};
use crate::kb::{chair_interval, chair_period, did_you_mean, term_interval, Kb};
use crate::load::Loaded;
use crate::locate::{self, Field, Target, ValueMatch};
use crate::model::{Chairmanship, DecisionKind, Handle, Record, RecordKind, Term};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found, and where: the file, the line and column (when they can
/// be found), the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub record: Option<String>,
    pub severity: Severity,
    pub message: String,
    /// What to point at, for [`locate`].
    #[serde(skip)]
    pub target: Option<Target>,
}

impl Finding {
    /// "file:line:column", "file" or nothing, as far as it is known.
    fn place(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        Some(match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            _ => file.to_string(),
        })
    }

    /// "file:line:column: record: message", for an error line that says
    /// "error" already.
    pub fn without_severity(&self) -> String {
        [
            self.place(),
            self.record.clone(),
            Some(self.message.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(": ")
    }
}

impl fmt::Display for Finding {
    /// `file:line:column: severity: record: message`, as compilers write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(place) = self.place() {
            write!(f, "{place}: ")?;
        }
        write!(f, "{}: ", self.severity)?;
        if let Some(record) = &self.record {
            write!(f, "{record}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Collects findings, each with the file of its record and what to point at.
struct Findings<'k> {
    loaded: &'k Loaded,
    list: Vec<Finding>,
    /// How many findings already point at (record, key, value).
    seen: HashMap<(Handle, &'static str, String), usize>,
}

impl Findings<'_> {
    /// A finding about a record, pointing at its id.
    fn record(&mut self, severity: Severity, record: Handle, message: String) {
        self.push(severity, record, None, message);
    }

    /// A finding about a field of a record: the place where `key` has a
    /// value matching `value` (the record's id when there is none).
    fn field(
        &mut self,
        severity: Severity,
        record: Handle,
        key: &'static str,
        value: ValueMatch,
        message: String,
    ) {
        // Two findings on equal values of one record (two empty quotes) point
        // at two places; a field as a whole (`start`) is one place.
        let shown = match &value {
            ValueMatch::Any => None,
            ValueMatch::Text(t) => Some(format!("={t}")),
            ValueMatch::Blank => Some(" ".to_string()),
        };
        let mut nth = 0;
        if let Some(shown) = shown {
            let count = self.seen.entry((record, key, shown)).or_default();
            nth = *count;
            *count += 1;
        }
        self.push(severity, record, Some(Field { key, value, nth }), message);
    }

    /// Adds a finding about a record, in the file it was read from and
    /// pointing at it there, by its place in the file.
    fn push(&mut self, severity: Severity, record: Handle, field: Option<Field>, message: String) {
        let Some(id) = self.loaded.dataset.at(record).map(Record::id) else {
            return;
        };
        let origin = self.loaded.origin(record);
        let (ordinal, occurrence) =
            origin.map_or((0, 0), |(_, o)| (o.ordinal as usize, o.occurrence as usize));
        let target = Target {
            field,
            ..Target::record(record.kind.name(), id, ordinal, occurrence)
        };
        self.list.push(Finding {
            file: origin.map(|(file, _)| file.to_string()),
            line: None,
            column: None,
            record: Some(id.to_string()),
            severity,
            message,
            target: Some(target),
        });
    }
}

/// Every finding about the knowledge base, errors first. Positions are not
/// filled in: [`locate`] does that, only for findings that will be shown.
pub fn check(kb: &Kb<'_>) -> Vec<Finding> {
    let loaded = kb.loaded;
    let mut found = Findings {
        loaded,
        list: Vec::new(),
        seen: HashMap::new(),
    };
    let mut suggestions = Suggestions::default();

    for file in loaded.info_files.iter().skip(1) {
        found.list.push(Finding {
            file: Some(file.clone()),
            line: None,
            column: None,
            record: None,
            severity: Severity::Error,
            message: format!(
                "[dataset] is given in more than one file: {}",
                loaded.info_files.join(", ")
            ),
            target: Some(Target::table("dataset")),
        });
    }
    check_shared_ids(kb, &mut found);

    for (handle, record) in kb.data().indexed() {
        let id = record.id();
        if !valid_id(id) {
            found.record(
                Severity::Error,
                handle,
                "an id is lower-case ASCII letters, digits and '-', starting with a letter or digit"
                    .to_string(),
            );
        }
        for (field, target, kinds) in record.references() {
            if let Some(message) = reference_problem(kb, target, kinds, &mut suggestions) {
                let key = field.rsplit('.').next().unwrap_or(field);
                found.field(
                    Severity::Error,
                    handle,
                    key,
                    ValueMatch::Text(target.to_string()),
                    format!("{field}: {message}"),
                );
            }
        }
        if record.citations().is_empty() && record.kind() != RecordKind::Source {
            found.field(
                Severity::Error,
                handle,
                "citations",
                ValueMatch::Any,
                "the record cites no source".to_string(),
            );
        }
        for citation in record.cited() {
            if let Some(message) = reference_problem(
                kb,
                &citation.source,
                &[RecordKind::Source],
                &mut suggestions,
            ) {
                found.field(
                    Severity::Error,
                    handle,
                    "source",
                    ValueMatch::Text(citation.source.to_string()),
                    format!("citation: {message}"),
                );
            }
            if citation
                .quote
                .as_deref()
                .is_some_and(|q| q.trim().is_empty())
            {
                found.field(
                    Severity::Warning,
                    handle,
                    "quote",
                    ValueMatch::Blank,
                    "a citation has an empty quote".to_string(),
                );
            }
        }
        for (what, end_key, start, end) in periods(record) {
            if let (Some(start), Some(end)) = (start, end) {
                if end.last_day() < start.first_day() {
                    found.field(
                        Severity::Error,
                        handle,
                        end_key,
                        ValueMatch::Any,
                        format!("{what} ends ({end}) before it starts ({start})"),
                    );
                }
            }
        }
        check_meeting_dates(kb, handle, record, &mut found);
        if let Some((key, name)) = record.name() {
            if name.trim().is_empty() {
                found.field(
                    Severity::Error,
                    handle,
                    key,
                    ValueMatch::Blank,
                    format!("the {key} is empty"),
                );
            }
        }
        if record.aliases().iter().any(|a| a.name.trim().is_empty()) {
            found.field(
                Severity::Error,
                handle,
                "name",
                ValueMatch::Blank,
                "an alias has an empty name".to_string(),
            );
        }
        if let Record::Source(source) = record {
            if let Some(url) = source.url.as_deref().filter(|u| !is_web_url(u)) {
                found.field(
                    Severity::Error,
                    handle,
                    "url",
                    ValueMatch::Any,
                    format!(
                        "url '{}' is not a web address (http:// or https:// and a host)",
                        crate::visible::visible_line(url)
                    ),
                );
            }
        }
    }

    check_terms(kb, &mut found);
    check_chairmanships(kb, &mut found);
    check_meeting_chairs(kb, &mut found);
    check_appointments(kb, &mut found);
    check_circles(kb, &mut found);
    found.list.sort_by_key(|f| std::cmp::Reverse(f.severity));
    found.list
}

/// Fills in the line and column of each finding, reading each file that has
/// findings once, then sorts them: errors first, then by file and position.
pub fn locate(loaded: &Loaded, findings: &mut [Finding]) {
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        if let (Some(file), Some(_)) = (&f.file, &f.target) {
            by_file.entry(file.as_str()).or_default().push(i);
        }
    }
    let mut places = Vec::new();
    for (file, indices) in by_file {
        let Some(text) = loaded.text_of(file) else {
            continue;
        };
        let targets: Vec<&Target> = indices
            .iter()
            .filter_map(|&i| findings[i].target.as_ref())
            .collect();
        let found = locate::positions(&text, Loaded::is_json(file), &targets);
        places.extend(indices.into_iter().zip(found));
    }
    for (i, place) in places {
        if let Some((line, column)) = place {
            findings[i].line = Some(line);
            findings[i].column = Some(column);
        }
    }
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.line.is_none().cmp(&b.line.is_none()))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.column.cmp(&b.column))
    });
}

/// An id used by more than one record: an error at each record of it but
/// the first, naming the file of the first. Each id's records are taken in
/// the order of their files, and within a file counted as they come (the
/// `n`th record with the id in the file, of any kind), so that an id used
/// n times costs n, not n squared.
fn check_shared_ids(kb: &Kb<'_>, found: &mut Findings<'_>) {
    if !kb.has_shared_ids() {
        return;
    }
    let loaded = kb.loaded;
    let data = kb.data();
    // The ids of the records that are not the first with theirs.
    let repeated: HashSet<&str> = data
        .indexed()
        .filter(|&(handle, record)| kb.handle(record.id()) != Some(handle))
        .map(|(_, record)| record.id())
        .collect();
    // Every record of those ids with its file (those read from no file left
    // out), by id, then by file in load order.
    let provenance = loaded.provenance();
    let mut shared: Vec<(&str, u32)> = data
        .indexed()
        .filter(|(_, record)| repeated.contains(record.id()))
        .filter_map(|(handle, record)| Some((record.id(), provenance.of(handle)?.file)))
        .collect();
    shared.sort_unstable();
    for group in shared.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        let (id, first) = group[0];
        let first = loaded.file_name(first).unwrap_or_default();
        // How many records with the id each file has had so far.
        let mut seen_in: HashMap<u32, usize> = HashMap::new();
        for (k, &(_, file)) in group.iter().enumerate() {
            let count = seen_in.entry(file).or_default();
            let occurrence = *count;
            *count += 1;
            if k == 0 {
                continue;
            }
            found.list.push(Finding {
                file: loaded.file_name(file).map(str::to_string),
                line: None,
                column: None,
                record: Some(id.to_string()),
                severity: Severity::Error,
                message: format!(
                    "the id is used by {} records (first in {first})",
                    group.len()
                ),
                target: Some(Target::any_kind(id, occurrence)),
            });
        }
    }
}

/// A document adopted, or a decision taken, on a day its meeting was not held;
/// a decision in effect, or a document in force, before it was made.
fn check_meeting_dates(kb: &Kb<'_>, handle: Handle, record: Record<'_>, found: &mut Findings<'_>) {
    let (meeting, dates): (Option<&str>, Vec<(&'static str, Option<Date>)>) = match record {
        Record::Document(d) => (
            d.adopted_at.as_deref(),
            vec![("adopted", d.adopted), ("in_force", d.in_force)],
        ),
        Record::Decision(d) => (Some(d.meeting.as_ref()), vec![("effective", d.effective)]),
        _ => return,
    };
    let Some(meeting) = meeting.and_then(|m| kb.meeting(m)) else {
        return;
    };
    let held = meeting.date;
    // A meeting of several days runs from its start date to its end date.
    let first = meeting.start_date.unwrap_or(held);
    let last = meeting.end_date.unwrap_or(held);
    let shown = if first == last {
        held.to_string()
    } else {
        format!("{first} to {last}")
    };
    for (key, date) in dates {
        let Some(date) = date else { continue };
        // Only a date that cannot be the meeting's day (or later) whatever days
        // the coarse dates stand for is a contradiction.
        let before = date.last_day() < first.first_day();
        let after = date.first_day() > last.last_day();
        let (severity, message) = match key {
            "adopted" if before || after => (
                Severity::Error,
                format!(
                    "adopted on {date}, but its meeting '{}' was held on {shown}",
                    meeting.id
                ),
            ),
            "in_force" if before => (
                Severity::Warning,
                format!(
                    "in force from {date}, before its meeting '{}' adopted it on {held}",
                    meeting.id
                ),
            ),
            "effective" if before => (
                Severity::Warning,
                format!(
                    "effective from {date}, before its meeting '{}' on {held}",
                    meeting.id
                ),
            ),
            _ => continue,
        };
        found.field(severity, handle, key, ValueMatch::Any, message);
    }
}

/// Overlapping terms of a single-holder post, and gaps between terms.
fn check_terms(kb: &Kb<'_>, found: &mut Findings<'_>) {
    let by_post = kb.terms_by_post();
    for post in kb.data().post.iter() {
        let terms = by_post.get(post.id.as_ref()).cloned().unwrap_or_default();
        let handle = |index| Handle {
            kind: RecordKind::Term,
            index,
        };
        // Each term is compared with the earlier term that ends last, so that a
        // long term overlapping several later ones is caught, not only its
        // neighbour.
        let mut latest: Option<&Term> = None;
        for (index, b) in terms {
            let Some(a) = latest else {
                latest = Some(b);
                continue;
            };
            match a.end {
                None if post.single_holder => found.field(
                    Severity::Error,
                    handle(index),
                    "start",
                    ValueMatch::Any,
                    format!("starts while term '{}' of the same post has no end", a.id),
                ),
                None => {}
                Some(a_end) => {
                    let (ai, bi) = (term_interval(a), term_interval(b));
                    let handover = ai.end_day().is_some() && ai.end_day() == bi.start_day();
                    let overlaps = ai.overlaps(&bi) != Certainty::No && !handover;
                    let day_after = a_end.last_day().tomorrow().unwrap_or(a_end.last_day());
                    if post.single_holder && overlaps {
                        found.field(
                            Severity::Error,
                            handle(index),
                            "start",
                            ValueMatch::Any,
                            format!(
                                "overlaps term '{}' ({} to {}) of the single-holder post '{}'",
                                a.id, a.start, a_end, post.id
                            ),
                        );
                    } else if b.start.first_day() > day_after {
                        found.field(
                            Severity::Info,
                            handle(index),
                            "start",
                            ValueMatch::Any,
                            format!(
                                "no holder of '{}' is recorded between {} and {}",
                                post.id, a_end, b.start
                            ),
                        );
                    }
                }
            }
            let ends_later = match (a.end, b.end) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(x), Some(y)) => y.last_day() > x.last_day(),
            };
            if ends_later {
                latest = Some(b);
            }
        }
    }
}

/// Two chairmanships of one organisation on one day. A handover day shared
/// by the end of one and the start of the next, both to the day, is no
/// overlap; bounds too coarse to tell are left alone.
fn check_chairmanships(kb: &Kb<'_>, found: &mut Findings<'_>) {
    // Grouped once by organisation, in the order `chairmanships` gives.
    let mut by_org: BTreeMap<&str, Vec<(u32, &Chairmanship, Interval)>> = BTreeMap::new();
    for (index, c) in kb.chairmanships_indexed() {
        by_org
            .entry(c.organization.as_ref())
            .or_default()
            .push((index, c, chair_interval(c)));
    }
    for (org, mut list) in by_org {
        list.sort_by_key(|(_, c, i)| (i.hull().0, c.id.as_ref()));
        // Each is compared with the earlier one that may end last.
        let mut latest: Option<(&Chairmanship, Interval)> = None;
        for (index, b, bi) in list {
            if let Some((a, ai)) = latest {
                let handover = ai.end_day().is_some() && ai.end_day() == bi.start_day();
                if ai.overlaps(&bi) == Certainty::Yes && !handover {
                    found.field(
                        Severity::Error,
                        Handle {
                            kind: RecordKind::Chairmanship,
                            index,
                        },
                        "start",
                        ValueMatch::Any,
                        format!(
                            "overlaps chairmanship '{}' ({}) of '{org}': two states would chair on the same day",
                            a.id,
                            chair_period(a)
                        ),
                    );
                }
                if bi.hull().1 <= ai.hull().1 {
                    continue;
                }
            }
            latest = Some((b, bi));
        }
    }
}

/// One chairmanship in a [`ChairIndex`]: the first and last day it may
/// cover, the latest day any chairmanship up to it in the list may cover,
/// its place in the dataset's list, and its interval.
struct Indexed {
    first: jiff::civil::Date,
    last: jiff::civil::Date,
    reach: jiff::civil::Date,
    position: usize,
    interval: Interval,
}

/// The chairmanships of each organisation sorted by the first day they may
/// cover, so that those that may cover a day are found by a binary search
/// and a walk back that stops where no earlier one reaches the day: a
/// meeting costs the logarithm of the chairmanships, not their number.
/// Those with no end (still running, or an end not recorded) reach every
/// later day and are kept aside, so that one of them early in the list does
/// not make every walk go back to it.
struct ChairIndex<'a> {
    by_org: HashMap<&'a str, (Vec<Indexed>, Vec<Indexed>)>,
}

impl<'a> ChairIndex<'a> {
    fn new(chairs: &'a [Chairmanship]) -> ChairIndex<'a> {
        let mut by_org: HashMap<&str, (Vec<Indexed>, Vec<Indexed>)> = HashMap::new();
        for (position, c) in chairs.iter().enumerate() {
            let interval = chair_interval(c);
            let (first, last) = interval.hull();
            let (ended, running) = by_org.entry(c.organization.as_ref()).or_default();
            let list = if last == jiff::civil::Date::MAX {
                running
            } else {
                ended
            };
            list.push(Indexed {
                first,
                last,
                reach: last,
                position,
                interval,
            });
        }
        for (list, _) in by_org.values_mut() {
            list.sort_by_key(|c| (c.first, c.position));
            let mut reach = jiff::civil::Date::MIN;
            for c in list.iter_mut() {
                reach = reach.max(c.last);
                c.reach = reach;
            }
        }
        ChairIndex { by_org }
    }

    /// The chairmanships of `org` that certainly or possibly cover `day`,
    /// with how certainly, in the dataset's order.
    fn covering(&self, org: &str, day: jiff::civil::Date) -> Vec<(usize, Certainty)> {
        let Some((ended, running)) = self.by_org.get(org) else {
            return Vec::new();
        };
        let end = ended.partition_point(|c| c.first <= day);
        let mut out: Vec<(usize, Certainty)> = ended[..end]
            .iter()
            .rev()
            .take_while(|c| c.reach >= day)
            .chain(running)
            .filter(|c| c.first <= day && c.last >= day)
            .map(|c| (c.position, c.interval.contains(day)))
            .filter(|(_, certainty)| *certainty != Certainty::No)
            .collect();
        out.sort_unstable();
        out
    }
}

/// A meeting whose chairing state is not the state whose chairmanship covers
/// its day (either side of a handover made at it).
fn check_meeting_chairs(kb: &Kb<'_>, found: &mut Findings<'_>) {
    let chairs = &kb.data().chairmanship;
    let index = ChairIndex::new(chairs);
    for (position, meeting) in (0..).zip(kb.data().meeting.iter()) {
        let (Some(state), Some(day)) = (&meeting.chair_state, meeting.date.as_day()) else {
            continue;
        };
        let Some(Record::Body(body)) = kb.get(&meeting.body) else {
            continue;
        };
        let covering: Vec<(&Chairmanship, Certainty)> = index
            .covering(&body.organization, day)
            .into_iter()
            .map(|(position, certainty)| (&chairs[position], certainty))
            .collect();
        let certain: Vec<&str> = covering
            .iter()
            .filter(|(_, c)| *c == Certainty::Yes)
            .map(|(c, _)| c.id.as_ref())
            .collect();
        if certain.is_empty() || covering.iter().any(|(c, _)| &c.state == state) {
            continue;
        }
        found.field(
            Severity::Warning,
            Handle {
                kind: RecordKind::Meeting,
                index: position,
            },
            "chair_state",
            ValueMatch::Any,
            format!(
                "chaired by '{state}', but on {day} the chairmanship is {}",
                certain
                    .iter()
                    .map(|id| format!("'{id}'"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        );
    }
}

/// An appointment dated after the term it opens has started: a decision of
/// kind `appointment` about a term, or a term's `appointed_by`.
fn check_appointments(kb: &Kb<'_>, found: &mut Findings<'_>) {
    let date_of = |id: &str| match kb.get(id) {
        Some(Record::Meeting(m)) => Some((m.date, m.id.as_ref())),
        Some(Record::Decision(d)) => kb.meeting(&d.meeting).map(|m| (m.date, m.id.as_ref())),
        _ => None,
    };
    let late = |term: &Term, date: Date| date.first_day() > term.start.last_day();
    for (index, decision) in (0..).zip(kb.data().decision.iter()) {
        if decision.kind != DecisionKind::Appointment {
            continue;
        }
        let Some((date, meeting)) = date_of(&decision.id) else {
            continue;
        };
        for id in decision.concerns.iter() {
            if let Some(Record::Term(term)) = kb.get(id) {
                if late(term, date) {
                    found.field(
                        Severity::Warning,
                        Handle {
                            kind: RecordKind::Decision,
                            index,
                        },
                        "concerns",
                        ValueMatch::Text(id.to_string()),
                        format!(
                            "appoints to term '{}', which started on {}, before its meeting '{meeting}' on {date}",
                            term.id, term.start
                        ),
                    );
                }
            }
        }
    }
    for (index, term) in (0..).zip(kb.data().term.iter()) {
        let Some((date, meeting)) = term.appointed_by.as_deref().and_then(date_of) else {
            continue;
        };
        if late(term, date) {
            found.field(
                Severity::Warning,
                Handle {
                    kind: RecordKind::Term,
                    index,
                },
                "appointed_by",
                ValueMatch::Any,
                format!(
                    "the term starts on {}, before the appointment at '{meeting}' on {date}",
                    term.start
                ),
            );
        }
    }
}

/// Whether `url` is a web address: `http://` or `https://`, then a host
/// (letters, digits, dots, hyphens, an optional port or user part), and no
/// space or control character anywhere.
fn is_web_url(url: &str) -> bool {
    let lower = url
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    !name.is_empty()
        && !name.starts_with('.')
        && name.chars().all(|c| {
            c.is_alphanumeric() || c == '.' || c == '-' || c == '[' || c == ']' || c == ':'
        })
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A document that amends itself, a body that is its own parent, a
/// chairmanship handed to itself, or any of them in a circle (a amends b,
/// b amends a). Each link is followed once: linear in the records. A circle
/// is reported once, at its first record in the data.
fn check_circles(kb: &Kb<'_>, found: &mut Findings<'_>) {
    let data = kb.data();
    let amends: Vec<(Record<'_>, Option<&str>)> = data
        .document
        .iter()
        .map(|d| (Record::Document(d), d.amends.as_deref()))
        .collect();
    let parents: Vec<(Record<'_>, Option<&str>)> = data
        .body
        .iter()
        .map(|b| (Record::Body(b), b.parent.as_deref()))
        .collect();
    let handed: Vec<(Record<'_>, Option<&str>)> = data
        .chairmanship
        .iter()
        .map(|c| (Record::Chairmanship(c), c.handed_to.as_deref()))
        .collect();
    for (key, verb, links) in [
        ("amends", "amends", amends),
        ("parent", "is part of", parents),
        ("handed_to", "is handed to", handed),
    ] {
        for circle in circles(&links) {
            // A list of one kind, in the dataset's order: a record's place
            // in it is its index.
            let first = Handle {
                kind: links[circle[0]].0.kind(),
                index: circle[0] as u32,
            };
            let message = if circle.len() == 1 {
                format!("{key}: the record {verb} itself")
            } else {
                let ids: Vec<String> = circle
                    .iter()
                    .chain(std::iter::once(&circle[0]))
                    .map(|&i| format!("'{}'", links[i].0.id()))
                    .collect();
                format!(
                    "{key}: a circle, each record {verb} the next: {}",
                    ids.join(" -> ")
                )
            };
            found.field(Severity::Error, first, key, ValueMatch::Any, message);
        }
    }
}

/// The circles among records that each point at most at one other (by
/// id): each as the positions of its records, from the one first in the
/// list, in the order of the links. A walk marks every record it passes, so
/// no record is walked twice.
fn circles(links: &[(Record<'_>, Option<&str>)]) -> Vec<Vec<usize>> {
    let position: HashMap<&str, usize> = links
        .iter()
        .enumerate()
        .map(|(i, (r, _))| (r.id(), i))
        .collect();
    let next = |i: usize| links[i].1.and_then(|id| position.get(id).copied());
    // 0: not walked yet; else the number of the walk that reached it.
    let mut walk = vec![0usize; links.len()];
    let mut out = Vec::new();
    for start in 0..links.len() {
        if walk[start] != 0 {
            continue;
        }
        let mark = start + 1;
        let mut at = Some(start);
        while let Some(i) = at {
            if walk[i] != 0 {
                // Back on this walk's own path: a circle from i.
                if walk[i] == mark {
                    let mut circle = vec![i];
                    let mut j = next(i);
                    while let Some(k) = j.filter(|&k| k != i) {
                        circle.push(k);
                        j = next(k);
                    }
                    let first = (0..circle.len()).min_by_key(|&p| circle[p]).unwrap_or(0);
                    circle.rotate_left(first);
                    out.push(circle);
                }
                break;
            }
            walk[i] = mark;
            at = next(i);
        }
    }
    out.sort();
    out
}

fn valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// "Did you mean" hints for missing ids: each one compares the id with every
/// record's, so after [`MAX_SUGGESTIONS`] distinct missing ids the rest go
/// without, keeping a badly damaged large dataset linear to check.
#[derive(Default)]
struct Suggestions {
    cache: HashMap<(String, String), String>,
}

/// How many distinct missing ids get a "did you mean".
const MAX_SUGGESTIONS: usize = 100;

impl Suggestions {
    fn hint(&mut self, kb: &Kb<'_>, target: &str, kinds: &[RecordKind]) -> String {
        let key = (target.to_string(), RecordKind::either(kinds));
        if let Some(hint) = self.cache.get(&key) {
            return hint.clone();
        }
        if self.cache.len() >= MAX_SUGGESTIONS {
            return String::new();
        }
        let candidates = kb
            .data()
            .records()
            .filter(|r| kinds.is_empty() || kinds.contains(&r.kind()))
            .map(|r| r.id());
        let hint = did_you_mean(target, candidates);
        self.cache.insert(key, hint.clone());
        hint
    }
}

fn reference_problem(
    kb: &Kb<'_>,
    target: &str,
    kinds: &[RecordKind],
    suggestions: &mut Suggestions,
) -> Option<String> {
    match kb.get(target) {
        Some(r) if kinds.is_empty() || kinds.contains(&r.kind()) => None,
        Some(r) => Some(format!(
            "'{target}' is a {}, expected a {}",
            r.kind(),
            RecordKind::either(kinds)
        )),
        None => {
            let what = if kinds.is_empty() {
                "record".to_string()
            } else {
                RecordKind::either(kinds)
            };
            let hint = suggestions.hint(kb, target, kinds);
            Some(format!("no {what} with id '{target}'{hint}"))
        }
    }
}

/// (what, the key of its end, start, end) of every period a record states.
type DatedField = (&'static str, &'static str, Option<Date>, Option<Date>);

fn periods(record: Record<'_>) -> Vec<DatedField> {
    match record {
        Record::Term(t) => vec![("the term", "end", Some(t.start), t.end)],
        Record::Document(d) => vec![("the validity period", "valid_to", d.valid_from, d.valid_to)],
        Record::Chairmanship(c) => vec![("the chairmanship", "end", c.start, c.end)],
        // A summit runs from its start_date through the council's day to its
        // end_date.
        Record::Meeting(m) => vec![
            ("the meeting", "end_date", Some(m.date), m.end_date),
            ("the summit", "start_date", m.start_date, Some(m.date)),
        ],
        _ => Vec::new(),
    }
}

/// The knowledge base a query may answer from: the dataset indexed once
/// `check` finds no error in it (or found none when the binary was built,
/// for the embedded dataset), else the first error, located, and how many
/// more there are. Only `check` itself looks at a dataset it refuses.
pub fn checked(loaded: &Loaded) -> anyhow::Result<Kb<'_>> {
    let kb = Kb::new(loaded);
    if loaded.checked {
        return Ok(kb);
    }
    let mut errors: Vec<_> = check(&kb)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let Some(more) = errors.len().checked_sub(1) else {
        return Ok(kb);
    };
    // Only the first, as `check` orders them (by file, then place), is shown:
    // only the positions in its file are looked up.
    let first_file = errors.iter().map(|f| f.file.clone()).min().flatten();
    errors.retain(|f| f.file == first_file);
    locate(loaded, &mut errors);
    let more = match more {
        0 => String::new(),
        1 => " (1 more error; `summit-kb check` lists them all)".to_string(),
        n => format!(" ({n} more errors; `summit-kb check` lists them all)"),
    };
    anyhow::bail!("invalid dataset: {}{more}", errors[0].without_severity());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_are_http_or_https_with_a_host() {
        for good in [
            "https://example.org",
            "http://example.org/a?b=c#d",
            "HTTPS://Example.ORG:8080/path",
            "https://user@example.org/",
            "https://[::1]/",
            "https://пример.рф/",
        ] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "",
            "example.org",
            "ftp://example.org",
            "javascript:alert(1)",
            "https://",
            "https:///path",
            "https://.example.org",
            "https://exa mple.org",
            "https://example.org/\u{1b}[2J",
            "https://example.org/ x",
            "httpsé://example.org",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    /// `check`'s findings, located, of files whose text it reads back.
    fn checked_files(files: &[(&'static str, String)]) -> Vec<String> {
        // Embedded as a build embeds them: their bytes one after the other.
        let (mut bytes, mut table) = (String::new(), Vec::new());
        for (name, text) in files {
            table.push((*name, bytes.len(), bytes.len() + text.len()));
            bytes.push_str(text);
        }
        let embedded = Box::leak(Box::new(crate::load::Embedded {
            bytes: bytes.leak().as_bytes(),
            files: table.leak(),
            unreadable: None,
            snapshot: None,
        }));
        let mut loaded = Loaded {
            embedded: Some(embedded),
            ..Loaded::default()
        };
        for (name, bytes) in embedded.files() {
            loaded.add(name, crate::load::parse_bytes(name, bytes).unwrap());
        }
        let mut findings = check(&Kb::new(&loaded));
        locate(&loaded, &mut findings);
        findings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_records_of_a_shared_id_are_found_in_their_files_each_where_it_stands() {
        let state = |name: &str, citations: &str| {
            format!("[[state]]\nid = \"x\"\nname = \"{name}\"\ncitations = [{citations}]\n\n")
        };
        let a = state("n", "") + "[[source]]\nid = \"x\"\npublisher = \"p\"\ntitle = \"t\"\n";
        let b = state(" ", "{ source = \"x\" }").repeat(2);
        assert_eq!(
            checked_files(&[("a.toml", a), ("b.toml", b)]),
            [
                "a.toml:4:13: error: x: the record cites no source",
                "a.toml:7:6: error: x: the id is used by 4 records (first in a.toml)",
                "b.toml:2:6: error: x: the id is used by 4 records (first in a.toml)",
                "b.toml:3:8: error: x: the name is empty",
                "b.toml:7:6: error: x: the id is used by 4 records (first in a.toml)",
                "b.toml:8:8: error: x: the name is empty",
            ]
        );
    }

    #[test]
    fn circles_are_found_once_each_from_their_first_record() {
        let toml = r#"
[[body]]
id = "a"
organization = "o"
name = "A"
parent = "b"
citations = []
[[body]]
id = "b"
organization = "o"
name = "B"
parent = "c"
citations = []
[[body]]
id = "c"
organization = "o"
name = "C"
parent = "b"
citations = []
[[body]]
id = "d"
organization = "o"
name = "D"
parent = "d"
citations = []
[[body]]
id = "e"
organization = "o"
name = "E"
parent = "nowhere"
citations = []
[[body]]
id = "f"
organization = "o"
name = "F"
parent = "e"
citations = []
"#;
        let data = crate::load::parse_toml("test.toml", toml).unwrap();
        let links: Vec<(Record<'_>, Option<&str>)> = data
            .body
            .iter()
            .map(|b| (Record::Body(b), b.parent.as_deref()))
            .collect();
        // a leads into the circle b -> c -> b but is not in it; d is its own
        // parent; e and f lead nowhere.
        assert_eq!(circles(&links), [vec![1, 2], vec![3]]);
        // A long chain into a circle at its end: each record walked once.
        let n = 50_000;
        let mut long = String::new();
        for i in 0..n {
            let parent = if i + 1 == n { 0 } else { i + 1 };
            long.push_str(&format!(
                "[[body]]\nid = \"b{i}\"\norganization = \"o\"\nname = \"B\"\nparent = \"b{parent}\"\ncitations = []\n"
            ));
        }
        let data = crate::load::parse_toml("long.toml", &long).unwrap();
        let links: Vec<(Record<'_>, Option<&str>)> = data
            .body
            .iter()
            .map(|b| (Record::Body(b), b.parent.as_deref()))
            .collect();
        let found = circles(&links);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
        assert_eq!(found[0][..3], [0, 1, 2]);
    }

    /// The index finds what comparing a day with every chairmanship finds,
    /// in the same order: bounds to the day, coarse, missing and open, and
    /// periods that overlap.
    #[test]
    fn the_chair_index_finds_what_a_scan_finds() {
        let bounds = [
            "",
            "2001",
            "2001-03",
            "2001-03-10",
            "2001-12-31",
            "2002",
            "2002-06-01",
            "2003-01",
            "2004",
        ];
        let mut toml = String::new();
        let mut n = 0;
        for start in bounds {
            for end in bounds {
                for org in ["a", "b"] {
                    n += 1;
                    toml.push_str(&format!(
                        "[[chairmanship]]\nid = \"c{n}\"\norganization = \"{org}\"\nstate = \"s{n}\"\ncitations = []\n"
                    ));
                    if !start.is_empty() {
                        toml.push_str(&format!("start = \"{start}\"\n"));
                    }
                    if !end.is_empty() {
                        toml.push_str(&format!("end = \"{end}\"\n"));
                    }
                }
            }
        }
        let data = crate::load::parse_toml("test.toml", &toml).unwrap();
        let chairs = &data.chairmanship;
        let index = ChairIndex::new(chairs);
        let mut day = jiff::civil::date(2000, 12, 1);
        let mut checked = 0;
        while day < jiff::civil::date(2005, 2, 1) {
            for org in ["a", "b", "c"] {
                let scan: Vec<(usize, Certainty)> = chairs
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.organization == org)
                    .map(|(i, c)| (i, chair_interval(c).contains(day)))
                    .filter(|(_, certainty)| *certainty != Certainty::No)
                    .collect();
                checked += scan.len();
                assert_eq!(index.covering(org, day), scan, "{org} {day}");
            }
            day = day.tomorrow().unwrap();
        }
        assert!(checked > 10_000, "the days and periods meet often");
    }
}
