//! Dataset checks. Every problem is a finding (severity, file, record, message);
//! nothing stops at the first one.

use std::fmt;

use serde::Serialize;

use crate::date::Date;
use crate::kb::{did_you_mean, Kb};
use crate::model::{Record, Term};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    pub message: String,
}

impl Finding {
    /// "file: record: message", for an error line that says "error" already.
    pub fn without_severity(&self) -> String {
        [
            self.file.as_deref(),
            self.record.as_deref(),
            Some(&self.message),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(": ")
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        write!(f, "{}: ", self.severity)?;
        if let Some(record) = &self.record {
            write!(f, "{record}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every finding about the knowledge base, errors first, then in file order.
pub fn check(kb: &Kb<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let loaded = kb.loaded;
    let mut push = |severity, record: Option<&str>, message: String| {
        findings.push(Finding {
            severity,
            file: record.and_then(|id| loaded.file_of(id)).map(str::to_string),
            record: record.map(str::to_string),
            message,
        });
    };

    if loaded.info_files.len() > 1 {
        push(
            Severity::Error,
            None,
            format!(
                "[dataset] is given in more than one file: {}",
                loaded.info_files.join(", ")
            ),
        );
    }
    for (id, files) in &loaded.origins {
        if files.len() > 1 {
            push(
                Severity::Error,
                Some(id),
                format!(
                    "the id is used by {} records (in {})",
                    files.len(),
                    files.join(", ")
                ),
            );
        }
    }

    for record in kb.data().records() {
        let id = record.id();
        if !valid_id(id) {
            push(
                Severity::Error,
                Some(id),
                "an id is lower-case ASCII letters, digits and '-', starting with a letter or digit"
                    .to_string(),
            );
        }
        for (field, target, kinds) in record.references() {
            if let Some(message) = reference_problem(kb, target, kinds) {
                push(Severity::Error, Some(id), format!("{field}: {message}"));
            }
        }
        if record.citations().is_empty() && record.kind() != "source" {
            push(
                Severity::Error,
                Some(id),
                "the record cites no source".to_string(),
            );
        }
        for citation in record.cited() {
            if let Some(message) = reference_problem(kb, &citation.source, &["source"]) {
                push(Severity::Error, Some(id), format!("citation: {message}"));
            }
            if citation
                .quote
                .as_deref()
                .is_some_and(|q| q.trim().is_empty())
            {
                push(
                    Severity::Warning,
                    Some(id),
                    "a citation has an empty quote".to_string(),
                );
            }
        }
        for (what, start, end) in periods(record) {
            if let (Some(start), Some(end)) = (start, end) {
                if end.last_day() < start.first_day() {
                    push(
                        Severity::Error,
                        Some(id),
                        format!("{what} ends ({end}) before it starts ({start})"),
                    );
                }
            }
        }
    }

    check_terms(kb, &mut push);
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
}

/// Overlapping terms of a single-holder post, and gaps between terms.
fn check_terms(kb: &Kb<'_>, push: &mut impl FnMut(Severity, Option<&str>, String)) {
    let by_post = kb.terms_by_post();
    for post in &kb.data().post {
        let terms = by_post.get(post.id.as_str()).cloned().unwrap_or_default();
        // Each term is compared with the earlier term that ends last, so that a
        // long term overlapping several later ones is caught, not only its
        // neighbour.
        let mut latest: Option<&Term> = None;
        for b in terms {
            let Some(a) = latest else {
                latest = Some(b);
                continue;
            };
            match a.end {
                None if post.single_holder => push(
                    Severity::Error,
                    Some(&b.id),
                    format!("starts while term '{}' of the same post has no end", a.id),
                ),
                None => {}
                Some(a_end) => {
                    let handover = a_end.as_day().is_some() && a_end == b.start;
                    let overlaps = b.start.first_day() <= a_end.last_day() && !handover;
                    let day_after = a_end.last_day().tomorrow().unwrap_or(a_end.last_day());
                    if post.single_holder && overlaps {
                        push(
                            Severity::Error,
                            Some(&b.id),
                            format!(
                                "overlaps term '{}' ({} to {}) of the single-holder post '{}'",
                                a.id, a.start, a_end, post.id
                            ),
                        );
                    } else if b.start.first_day() > day_after {
                        push(
                            Severity::Info,
                            Some(&b.id),
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

fn valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn reference_problem(kb: &Kb<'_>, target: &str, kinds: &[&str]) -> Option<String> {
    match kb.get(target) {
        Some(r) if kinds.is_empty() || kinds.contains(&r.kind()) => None,
        Some(r) => Some(format!(
            "'{target}' is a {}, expected a {}",
            r.kind(),
            kinds.join(" or ")
        )),
        None => {
            let candidates = kb
                .data()
                .records()
                .filter(|r| kinds.is_empty() || kinds.contains(&r.kind()))
                .map(|r| r.id());
            let what = if kinds.is_empty() {
                "record".to_string()
            } else {
                kinds.join(" or ")
            };
            Some(format!(
                "no {what} with id '{target}'{}",
                did_you_mean(target, candidates)
            ))
        }
    }
}

/// (what, start, end) of every period a record states.
fn periods(record: Record<'_>) -> Vec<(&'static str, Option<Date>, Option<Date>)> {
    match record {
        Record::Term(t) => vec![("the term", Some(t.start), t.end)],
        Record::Document(d) => vec![("the validity period", d.valid_from, d.valid_to)],
        Record::Chairmanship(c) => vec![("the chairmanship", c.start, c.end)],
        _ => Vec::new(),
    }
}
