//! Properties over generated datasets: export -> load -> export is the
//! identity; `holder` agrees with a brute-force scan of the days each term
//! could cover; `search` finds every record by its exact id and name.
//!
//! Datasets are generated as TOML text, the way a user writes them: sources,
//! an organisation, a body, people with aliases, a post, terms laid end to end
//! with bounds known to the day, the month or the year, meetings, documents,
//! and citations on every record.

mod common;

use std::fmt::Write as _;

use jiff::civil;
use proptest::prelude::*;
use proptest::sample::select;

use summit_kb::commands::export;
use summit_kb::date::Certainty;
use summit_kb::kb::Kb;
use summit_kb::load::{self, Loaded};
use summit_kb::model::{Dataset, Record};

// ---- generated datasets -------------------------------------------------

/// How much of a date the data states.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Precision {
    Year,
    Month,
    Day,
}

/// A real day and how much of it the data states.
#[derive(Debug, Clone, Copy)]
struct Bound {
    day: civil::Date,
    precision: Precision,
}

impl Bound {
    /// The text the data holds: `2024`, `2024-03` or `2024-03-09`.
    fn text(&self) -> String {
        match self.precision {
            Precision::Year => format!("{:04}", self.day.year()),
            Precision::Month => format!("{:04}-{:02}", self.day.year(), self.day.month()),
            Precision::Day => self.day.to_string(),
        }
    }

    /// Every day the text could stand for, listed one by one.
    fn days(&self) -> Vec<civil::Date> {
        let (first, last) = match self.precision {
            Precision::Year => (self.day.first_of_year(), self.day.last_of_year()),
            Precision::Month => (self.day.first_of_month(), self.day.last_of_month()),
            Precision::Day => (self.day, self.day),
        };
        let mut days = vec![first];
        while *days.last().unwrap() < last {
            days.push(days.last().unwrap().tomorrow().unwrap());
        }
        days
    }
}

fn precision() -> impl Strategy<Value = Precision> {
    // Mostly days, as in real data; coarse bounds often enough to matter.
    prop_oneof![
        6 => Just(Precision::Day),
        2 => Just(Precision::Month),
        2 => Just(Precision::Year),
    ]
}

fn day_after(base: civil::Date, days: i32) -> civil::Date {
    base.checked_add(jiff::Span::new().days(days)).unwrap()
}

fn any_day() -> impl Strategy<Value = civil::Date> {
    (0i32..30_000).prop_map(|n| day_after(civil::date(1950, 1, 1), n))
}

fn any_bound() -> impl Strategy<Value = Bound> {
    (any_day(), precision()).prop_map(|(day, precision)| Bound { day, precision })
}

/// Free text as users type it: ASCII, Cyrillic, accents, quotes, backslashes.
/// A name or title: text with something in it besides spaces (`check`
/// refuses a blank one).
fn name() -> impl Strategy<Value = String> {
    text().prop_filter("a name is not blank", |t| !t.trim().is_empty())
}

/// A web address (`check` refuses any other url).
fn url() -> impl Strategy<Value = String> {
    "https?://[a-z0-9]{1,10}(\\.[a-z]{2,3})?(:[0-9]{1,4})?(/[A-Za-z0-9._~%?=&#-]{0,16})?"
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 ,.'-]{0,20}",
        "[А-Яа-яЁё ]{1,12}",
        "[a-zşăîéü \"\\\\#=\\[\\]{}]{1,12}",
        "\\PC{1,16}",
    ]
}

/// A TOML (and JSON) string literal.
fn lit(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// A term laid out on real days: it starts `gap` days after the previous one
/// ends (0: the same day, a handover) and lasts `length` days, or is open.
#[derive(Debug, Clone)]
struct TermSpec {
    person: usize,
    start: Bound,
    end: Option<Bound>,
    acting: bool,
}

fn terms(people: usize) -> impl Strategy<Value = Vec<TermSpec>> {
    // A gap of 0 days is a same-day handover; 1 day, back to back.
    let gap = prop_oneof![2 => Just(0i32), 2 => Just(1i32), 6 => 2i32..400];
    let one = (
        0..people,
        gap,
        0i32..3000,
        precision(),
        precision(),
        any::<bool>(),
        prop::bool::weighted(0.15),
    );
    (any_day(), prop::collection::vec(one, 0..7)).prop_map(|(base, parts)| {
        let mut cursor = base;
        let count = parts.len();
        parts
            .into_iter()
            .enumerate()
            .map(|(i, (person, gap, length, p_start, p_end, acting, open))| {
                let start = day_after(cursor, if i == 0 { 0 } else { gap });
                let end_day = day_after(start, length);
                cursor = end_day;
                let end = (!(open && i + 1 == count)).then_some(Bound {
                    day: end_day,
                    precision: p_end,
                });
                TermSpec {
                    person,
                    start: Bound {
                        day: start,
                        precision: p_start,
                    },
                    end,
                    acting,
                }
            })
            .collect()
    })
}

/// A document: title, kind, the meeting that adopted it, validity (first
/// year, number of years), topics.
type DocumentSpec = (
    String,
    &'static str,
    Option<usize>,
    Option<(i16, i16)>,
    Vec<String>,
);

#[derive(Debug, Clone)]
struct Spec {
    sources: Vec<(String, String, Option<String>, Option<Bound>)>,
    people: Vec<(String, Vec<(String, &'static str)>)>,
    post: (String, bool),
    terms: Vec<TermSpec>,
    meetings: Vec<(String, Bound, Option<String>, bool)>,
    documents: Vec<DocumentSpec>,
    /// For each record, in order, the sources it cites and the quote.
    citations: Vec<Vec<(usize, Option<String>)>>,
}

const ALIAS_KINDS: &[&str] = &[
    "official",
    "translation",
    "transliteration",
    "abbreviation",
    "reported-variant",
    "misspelling-in-source",
];

const DOCUMENT_KINDS: &[&str] = &[
    "treaty",
    "charter",
    "agreement",
    "declaration",
    "statement",
    "strategy",
    "plan",
    "decision",
    "budget",
    "report",
    "other",
];

fn spec() -> impl Strategy<Value = Spec> {
    let sources = prop::collection::vec(
        (
            name(),
            name(),
            prop::option::of(url()),
            prop::option::of(any_bound()),
        ),
        1..4,
    );
    let alias = (name(), select(ALIAS_KINDS));
    let people = prop::collection::vec((name(), prop::collection::vec(alias, 0..3)), 1..5);
    (sources, people).prop_flat_map(|(sources, people)| {
        let n_people = people.len();
        let n_sources = sources.len();
        let meetings = prop::collection::vec(
            (name(), any_bound(), prop::option::of(text()), any::<bool>()),
            0..3,
        );
        let documents = prop::collection::vec(
            (
                name(),
                select(DOCUMENT_KINDS),
                prop::option::of(0usize..3),
                prop::option::of((1990i16..2040, 0i16..10)),
                prop::collection::vec(text(), 0..3),
            ),
            0..4,
        );
        let citation = (0..n_sources, prop::option::of(text()));
        let citations = prop::collection::vec(prop::collection::vec(citation, 1..3), 32);
        (
            Just(sources),
            Just(people),
            (name(), any::<bool>()),
            terms(n_people),
            meetings,
            documents,
            citations,
        )
            .prop_map(
                |(sources, people, post, terms, meetings, documents, citations)| Spec {
                    sources,
                    people,
                    post,
                    terms,
                    meetings,
                    documents,
                    citations,
                },
            )
    })
}

impl Spec {
    /// The dataset as TOML text.
    fn toml(&self) -> String {
        let mut out = String::new();
        let mut records = 0;
        let mut cite = |out: &mut String| {
            let list: Vec<String> = self.citations[records % self.citations.len()]
                .iter()
                .map(|(source, quote)| match quote {
                    Some(q) => format!("{{ source = \"s{source}\", quote = {} }}", lit(q)),
                    None => format!("{{ source = \"s{source}\" }}"),
                })
                .collect();
            records += 1;
            let _ = writeln!(out, "citations = [{}]\n", list.join(", "));
        };
        for (i, (publisher, title, url, published)) in self.sources.iter().enumerate() {
            let _ = writeln!(
                out,
                "[[source]]\nid = \"s{i}\"\npublisher = {}\ntitle = {}",
                lit(publisher),
                lit(title)
            );
            if let Some(url) = url {
                let _ = writeln!(out, "url = {}", lit(url));
            }
            if let Some(published) = published {
                let _ = writeln!(out, "published = \"{}\"", published.text());
            }
            out.push('\n');
        }
        out.push_str("[[organization]]\nid = \"org\"\nname = \"Org\"\n");
        cite(&mut out);
        out.push_str("[[body]]\nid = \"council\"\norganization = \"org\"\nname = \"Council\"\n");
        cite(&mut out);
        for (i, (name, aliases)) in self.people.iter().enumerate() {
            let _ = writeln!(out, "[[person]]\nid = \"p{i}\"\nname = {}", lit(name));
            if !aliases.is_empty() {
                let list: Vec<String> = aliases
                    .iter()
                    .map(|(n, kind)| format!("{{ name = {}, kind = \"{kind}\" }}", lit(n)))
                    .collect();
                let _ = writeln!(out, "aliases = [{}]", list.join(", "));
            }
            cite(&mut out);
        }
        let (post_name, single) = &self.post;
        let _ = writeln!(
            out,
            "[[post]]\nid = \"post\"\norganization = \"org\"\nname = {}",
            lit(post_name)
        );
        if !single {
            out.push_str("single_holder = false\n");
        }
        cite(&mut out);
        for (i, term) in self.terms.iter().enumerate() {
            let _ = writeln!(
                out,
                "[[term]]\nid = \"t{i}\"\npost = \"post\"\nperson = \"p{}\"\nstart = \"{}\"",
                term.person,
                term.start.text()
            );
            if let Some(end) = term.end {
                let _ = writeln!(out, "end = \"{}\"", end.text());
            }
            if term.acting {
                out.push_str("acting = true\n");
            }
            cite(&mut out);
        }
        for (i, (name, date, place, scheduled)) in self.meetings.iter().enumerate() {
            let _ = writeln!(
                out,
                "[[meeting]]\nid = \"m{i}\"\nbody = \"council\"\nname = {}\ndate = \"{}\"",
                lit(name),
                date.text()
            );
            if let Some(place) = place {
                let _ = writeln!(out, "place = {}", lit(place));
            }
            if *scheduled {
                out.push_str("status = \"scheduled\"\n");
            }
            cite(&mut out);
        }
        for (i, (title, kind, meeting, validity, topics)) in self.documents.iter().enumerate() {
            let _ = writeln!(
                out,
                "[[document]]\nid = \"d{i}\"\ntitle = {}\nkind = \"{kind}\"",
                lit(title)
            );
            if let Some(m) = meeting.filter(|m| *m < self.meetings.len()) {
                let _ = writeln!(out, "adopted_at = \"m{m}\"");
            }
            if let Some((from, years)) = validity {
                let _ = writeln!(
                    out,
                    "valid_from = \"{from}\"\nvalid_to = \"{}\"",
                    from + years
                );
            }
            if !topics.is_empty() {
                let list: Vec<String> = topics.iter().map(|t| lit(t)).collect();
                let _ = writeln!(out, "topics = [{}]", list.join(", "));
            }
            cite(&mut out);
        }
        out
    }
}

fn parse(name: &str, text: &str) -> Dataset {
    load::parse_bytes(name, text.as_bytes())
        .unwrap_or_else(|err| panic!("{err}\n--- {name} ---\n{text}"))
}

fn export_bytes(dataset: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    export::write(
        dataset,
        &export::meta(dataset),
        export::Written::Json,
        &mut out,
    )
    .unwrap();
    out
}

fn kb_of(text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    loaded.add("gen.toml", parse("gen.toml", text));
    loaded
}

// ---- export -> load -> export -------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn export_load_export_is_the_identity(spec in spec()) {
        let toml = spec.toml();
        let from_toml = parse("gen.toml", &toml);
        let first = export_bytes(&from_toml);
        let from_json = parse("export.json", std::str::from_utf8(&first).unwrap());
        // The export's `meta` block describes the export (counts, hash); the
        // loader checks it against the records and drops it, and the records
        // must be the same.
        prop_assert!(first.starts_with(b"{\n  \"meta\": {"), "the export has a meta block");
        prop_assert!(from_json.meta.is_none(), "the loader checked and dropped it");
        prop_assert_eq!(&from_json, &from_toml, "the export holds the same records");
        let second = export_bytes(&from_json);
        prop_assert!(first == second, "the second export differs from the first");
    }
}

// ---- holder against a brute-force scan ----------------------------------

/// What the data says of `term` on `day`, found by listing every start and end
/// day its bounds could stand for: yes when every combination covers the day,
/// no when none does, possibly otherwise.
fn brute_certainty(term: &TermSpec, day: civil::Date) -> Certainty {
    // Every (start, end) the bounds allow, a start never after its end: the
    // day is certain when every such pair holds it, possible when one does.
    let starts = term.start.days();
    let ends = term.end.map(|e| e.days());
    let (mut all, mut any) = (true, false);
    for s in &starts {
        let (holds_all, holds_any) = match &ends {
            None => (*s <= day, *s <= day),
            Some(ends) => {
                // The ends not before this start, which are in order.
                let valid = &ends[ends.partition_point(|e| e < s)..];
                if valid.is_empty() {
                    continue;
                }
                let all_end_after = valid.iter().all(|e| day <= *e);
                let any_end_after = valid.iter().any(|e| day <= *e);
                (*s <= day && all_end_after, *s <= day && any_end_after)
            }
        };
        all &= holds_all;
        any |= holds_any;
    }
    if all && any {
        Certainty::Yes
    } else if any {
        Certainty::Possibly
    } else {
        Certainty::No
    }
}

/// The holders on `day` by brute force: every term that may cover it, and on a
/// same-day handover of a single-holder post, the incoming holder only; a day
/// a term of a single-holder post certainly covers has no other holder.
fn brute_holders(spec: &Spec, day: civil::Date) -> Vec<(String, Certainty)> {
    let mut found: Vec<(usize, Certainty)> = spec
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| (i, brute_certainty(t, day)))
        .filter(|(_, c)| *c != Certainty::No)
        .collect();
    let exact = |b: Option<Bound>| b.filter(|b| b.precision == Precision::Day).map(|b| b.day);
    let incoming = |i: usize, c: Certainty| {
        c == Certainty::Yes && exact(Some(spec.terms[i].start)) == Some(day)
    };
    if spec.post.1 && found.iter().any(|&(i, c)| incoming(i, c)) {
        found.retain(|&(i, c)| {
            !(c == Certainty::Yes && exact(spec.terms[i].end) == Some(day) && !incoming(i, c))
        });
    }
    // One holder at a time: a day some term certainly covers is no other's.
    if spec.post.1 && found.iter().any(|&(_, c)| c == Certainty::Yes) {
        found.retain(|&(_, c)| c == Certainty::Yes);
    }
    let mut found: Vec<(String, Certainty)> = found
        .into_iter()
        .map(|(i, c)| (format!("t{i}"), c))
        .collect();
    found.sort();
    found
}

/// Days worth asking about: each bound's first and last possible day and
/// their neighbours, plus random days.
fn query_days(spec: &Spec, random: &[civil::Date]) -> Vec<civil::Date> {
    let mut days = random.to_vec();
    for term in &spec.terms {
        for bound in std::iter::once(term.start).chain(term.end) {
            let all = bound.days();
            for d in [all[0], *all.last().unwrap(), bound.day] {
                days.extend([d.yesterday().unwrap(), d, d.tomorrow().unwrap()]);
            }
        }
    }
    days
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn holder_agrees_with_a_brute_force_scan(
        spec in spec(),
        random in prop::collection::vec(any_day(), 8),
    ) {
        let loaded = kb_of(&spec.toml());
        let kb = Kb::new(&loaded);
        let post = kb.resolve_post("post").unwrap();
        for day in query_days(&spec, &random) {
            let mut got: Vec<(String, Certainty)> = kb
                .holders_on(post, day)
                .into_iter()
                .map(|m| (m.record.id.to_string(), m.certainty))
                .collect();
            got.sort();
            prop_assert_eq!(got, brute_holders(&spec, day), "on {}", day);
        }
        // The data never denies the truth it was made from: on each real day of
        // a term, that term is a yes or a possibly.
        for (i, term) in spec.terms.iter().enumerate() {
            let id = format!("t{i}");
            let last = term.end.map_or(term.start.day, |e| e.day);
            for day in [term.start.day, last] {
                let on = kb.holders_on(post, day);
                let here = on.iter().any(|m| m.record.id == id);
                let handed_over = on.iter().any(|m| m.certainty == Certainty::Yes);
                prop_assert!(here || handed_over, "{} is missing on {}", id, day);
            }
        }
    }
}

#[test]
fn the_brute_force_scan_sees_all_three_answers() {
    // Guards the generator: coarse bounds must give "possibly" answers.
    let term = TermSpec {
        person: 0,
        start: Bound {
            day: civil::date(2003, 4, 28),
            precision: Precision::Year,
        },
        end: Some(Bound {
            day: civil::date(2005, 6, 10),
            precision: Precision::Month,
        }),
        acting: false,
    };
    assert_eq!(
        brute_certainty(&term, civil::date(2002, 12, 31)),
        Certainty::No
    );
    assert_eq!(
        brute_certainty(&term, civil::date(2003, 6, 1)),
        Certainty::Possibly
    );
    assert_eq!(
        brute_certainty(&term, civil::date(2004, 1, 1)),
        Certainty::Yes
    );
    assert_eq!(
        brute_certainty(&term, civil::date(2005, 6, 1)),
        Certainty::Yes
    );
    assert_eq!(
        brute_certainty(&term, civil::date(2005, 6, 2)),
        Certainty::Possibly
    );
    assert_eq!(
        brute_certainty(&term, civil::date(2005, 7, 1)),
        Certainty::No
    );
}

// ---- search -------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn search_finds_every_record_by_its_exact_id_and_name(mut spec in spec()) {
        // Queries refuse a dataset with errors, and terms laid end to end with
        // coarse bounds may overlap as far as the data can tell: a post with
        // several holders allows that.
        spec.post.1 = false;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("gen.toml");
        std::fs::write(&file, spec.toml()).unwrap();
        let data = file.to_str().unwrap();
        let dataset = parse("gen.toml", &spec.toml());
        for record in dataset.records() {
            // The name a user would type: a source's title, a record's name.
            let name = match record {
                Record::Source(s) => s.title.to_string(),
                Record::Term(_) => String::new(),
                other => other.label(),
            };
            for query in [record.id(), name.as_str()] {
                // A query with no letter or digit once folded (a lone "Ъ", "==")
                // is refused (exit 2, "nothing to search for"), whatever the data.
                if summit_kb::search_index::fold_words(query).next().is_none() {
                    continue;
                }
                let (code, stdout, stderr) =
                    common::run(&["--data", data, "--format", "json", "search", "--limit", "0", "--", query]);
                prop_assert_eq!(code, 0, "search {:?}: {}", query, stderr);
                let needle = format!("\"{}\"", record.id());
                prop_assert!(stdout.contains(&needle), "search {:?} misses {}", query, record.id());
            }
        }
    }
}
