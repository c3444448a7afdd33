//! The matcher behind `search` and every "did you mean": text folded to
//! lower-case ASCII (accents dropped, Cyrillic and other scripts transliterated
//! by deunicode, so "Масадыков" and "Masadykov" are the same word), split into
//! words, matched word by word in any order with a typo or two allowed in
//! longer words, and ranked: exact id or name first, then alias, then the
//! other text.
//!
//! Each record's text is folded once, when the index is built; every distinct
//! word is stored once, and a query compares its words with that vocabulary
//! (not with every occurrence), so a search is linear in the size of the data.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Alias, Citation, Record};

/// What a field of a record is, for ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The record's id.
    Id,
    /// Its canonical name or title.
    Name,
    /// Another name for it.
    Alias,
    /// Any other text: summaries, topics, slogans, quotes, notes.
    Text,
}

/// How a record matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// The query is the record's id.
    ExactId,
    /// The query is the record's name, word for word, in any order.
    ExactName,
    /// The query is one of its aliases, word for word.
    ExactAlias,
    /// Every word of the query is in its id or name (allowing typos and
    /// word beginnings).
    Name,
    /// Every word of the query is in one of its aliases.
    Alias,
    /// Every word of the query is in one of its other texts.
    Text,
}

/// One record found, with the field that matched best.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: String,
    pub id: String,
    /// The field that matched: `id`, `name`, `title`, `alias`, `summary`, `quote`...
    pub field: &'static str,
    #[serde(rename = "match")]
    pub matched: MatchKind,
    /// Letters typed differently from the data, over all words.
    pub typos: u32,
    /// The matching text, cut around the match when long.
    pub snippet: String,
}

/// How lenient a query is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Only ids, names and aliases, not other text (for "did you mean").
    pub names_only: bool,
    /// How many query words may go unmatched (0 for search).
    pub allow_missing: usize,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    word: u32,
    start: u32,
}

#[derive(Debug)]
struct Field {
    role: Role,
    label: &'static str,
    text: String,
    tokens: Vec<Token>,
    /// Distinct words in the field.
    distinct: u32,
}

#[derive(Debug)]
struct Entry {
    kind: String,
    id: String,
    fields: Vec<Field>,
}

/// A search index: every record's fields, folded once.
#[derive(Debug, Default)]
pub struct Index {
    words: Vec<String>,
    word_ids: HashMap<String, u32>,
    entries: Vec<Entry>,
    by_id: HashMap<String, Vec<usize>>,
}

/// How many letters may differ in a query word of this length.
pub fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Folds text for matching: transliterated to ASCII, lower case, every run of
/// other characters one space.
pub fn fold(text: &str) -> String {
    fold_words(text).collect::<Vec<_>>().join(" ")
}

/// The folded words of a text.
pub fn fold_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(fold_word)
}

/// One word of text, folded: usually one ASCII word, sometimes several (a
/// transliterated ideogram) or none (a symbol).
fn fold_word(word: &str) -> Vec<String> {
    let ascii = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        deunicode::deunicode(word).to_ascii_lowercase()
    };
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    /// An index of records, with every field [`record_fields`] lists.
    pub fn of_records<'a>(records: impl IntoIterator<Item = Record<'a>>) -> Index {
        let mut index = Index::new();
        for record in records {
            index.add(record.kind(), record.id(), record_fields(record));
        }
        index
    }

    /// Adds a record (or any candidate) with its fields.
    pub fn add<'t>(
        &mut self,
        kind: &str,
        id: &str,
        fields: impl IntoIterator<Item = FieldText<'t>>,
    ) {
        let fields = fields
            .into_iter()
            .filter(|(_, _, text)| !text.trim().is_empty())
            .map(|(role, label, text)| self.field(role, label, text))
            .collect();
        self.by_id
            .entry(id.to_string())
            .or_default()
            .push(self.entries.len());
        self.entries.push(Entry {
            kind: kind.to_string(),
            id: id.to_string(),
            fields,
        });
    }

    fn field(&mut self, role: Role, label: &'static str, text: &str) -> Field {
        let mut tokens = Vec::new();
        let mut offset = 0;
        for piece in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
            let word = piece.trim_end_matches(|c: char| !c.is_alphanumeric());
            let start = offset;
            offset += piece.len();
            if word.is_empty() {
                continue;
            }
            for folded in fold_word(word) {
                let next = self.words.len() as u32;
                let id = *self.word_ids.entry(folded.clone()).or_insert_with(|| {
                    self.words.push(folded);
                    next
                });
                tokens.push(Token {
                    word: id,
                    start: start as u32,
                });
            }
        }
        let mut distinct: Vec<u32> = tokens.iter().map(|t| t.word).collect();
        distinct.sort_unstable();
        distinct.dedup();
        Field {
            role,
            label,
            text: text.to_string(),
            tokens,
            distinct: distinct.len() as u32,
        }
    }

    /// The number of records indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every record that matches `query`, best first.
    pub fn search(&self, query: &str, options: Options) -> Vec<Hit> {
        let mut words: Vec<String> = fold_words(query).collect();
        words.sort();
        words.dedup();
        if words.is_empty() {
            return Vec::new();
        }
        // cost[i][w]: how far vocabulary word w is from query word i
        // (0 the same, 1 a beginning, 2 per typo), NONE when too far.
        let costs: Vec<Vec<u8>> = words.iter().map(|q| self.word_costs(q)).collect();
        let needed = words.len().saturating_sub(options.allow_missing).max(1);
        let exact_id = {
            let folded = words.join(" ");
            let mut ids = Vec::new();
            if let Some(list) = self.by_id.get(query.trim()) {
                ids.extend(list.iter().copied());
            }
            (folded, ids)
        };

        let mut scored: Vec<(Score, Hit)> = Vec::new();
        for (n, entry) in self.entries.iter().enumerate() {
            let mut best: Option<(Score, &Field, Vec<Option<usize>>)> = None;
            for field in &entry.fields {
                if options.names_only && field.role == Role::Text {
                    continue;
                }
                let Some((score, found)) = score_field(field, &costs, needed, n, &exact_id) else {
                    continue;
                };
                let score = Score {
                    kind_rank: kind_rank(&entry.kind),
                    ..score
                };
                if best.as_ref().is_none_or(|(b, _, _)| score.better_than(b)) {
                    best = Some((score, field, found));
                }
            }
            if let Some((score, field, found)) = best {
                let snippet = snippet(field, &found);
                scored.push((
                    score,
                    Hit {
                        kind: entry.kind.clone(),
                        id: entry.id.clone(),
                        field: field.label,
                        matched: score.matched,
                        typos: score.typos,
                        snippet,
                    },
                ));
            }
        }
        scored.sort_by(|(a, ha), (b, hb)| a.order(b).then_with(|| ha.id.cmp(&hb.id)));
        scored.into_iter().map(|(_, hit)| hit).collect()
    }

    /// The best match for `query` among names, for a "did you mean".
    pub fn suggest(&self, query: &str) -> Option<Hit> {
        let words = fold_words(query).count();
        let options = Options {
            names_only: true,
            allow_missing: usize::from(words >= 3),
        };
        self.search(query, options).into_iter().next()
    }

    fn word_costs(&self, query: &str) -> Vec<u8> {
        let budget = if query.bytes().all(|b| b.is_ascii_alphabetic()) {
            typo_budget(query.len())
        } else {
            0
        };
        self.words
            .iter()
            .map(|word| word_cost(query, word, budget))
            .collect()
    }
}

const NONE: u8 = u8::MAX;

/// How far a word of the data is from a word of the query.
fn word_cost(query: &str, word: &str, budget: usize) -> u8 {
    if query == word {
        return 0;
    }
    if query.len() >= 3 && word.starts_with(query) {
        return 1;
    }
    if budget == 0 || word.len().abs_diff(query.len()) > budget {
        return NONE;
    }
    let distance = strsim::osa_distance(query, word);
    if distance <= budget {
        (2 * distance) as u8
    } else {
        NONE
    }
}

#[derive(Debug, Clone, Copy)]
struct Score {
    missing: u32,
    matched: MatchKind,
    cost: u32,
    typos: u32,
    /// Share of the field's words that the query matched, in thousandths.
    coverage: u32,
    kind_rank: u8,
}

impl Score {
    fn order(&self, other: &Score) -> std::cmp::Ordering {
        self.missing
            .cmp(&other.missing)
            .then(self.matched.cmp(&other.matched))
            .then(self.cost.cmp(&other.cost))
            .then(other.coverage.cmp(&self.coverage))
            .then(self.kind_rank.cmp(&other.kind_rank))
    }

    fn better_than(&self, other: &Score) -> bool {
        self.order(other).is_lt()
    }
}

/// Scores one field: which query words it has (the token matching each), or
/// `None` when fewer than `needed` of them.
fn score_field(
    field: &Field,
    costs: &[Vec<u8>],
    needed: usize,
    entry: usize,
    exact_id: &(String, Vec<usize>),
) -> Option<(Score, Vec<Option<usize>>)> {
    let mut found: Vec<Option<usize>> = vec![None; costs.len()];
    let mut best_cost = vec![NONE; costs.len()];
    for (t, token) in field.tokens.iter().enumerate() {
        for (i, cost) in costs.iter().enumerate() {
            let c = cost[token.word as usize];
            if c < best_cost[i] {
                best_cost[i] = c;
                found[i] = Some(t);
            }
        }
    }
    let hits = found.iter().filter(|f| f.is_some()).count();
    if hits < needed {
        return None;
    }
    let cost: u32 = best_cost
        .iter()
        .filter(|&&c| c != NONE)
        .map(|&c| u32::from(c))
        .sum();
    let typos: u32 = best_cost
        .iter()
        .filter(|&&c| c != NONE && c >= 2)
        .map(|&c| u32::from(c / 2))
        .sum();
    let missing = (costs.len() - hits) as u32;
    let whole = missing == 0 && cost == 0 && field.distinct as usize == costs.len();
    let matched = match field.role {
        Role::Id if exact_id.1.contains(&entry) => MatchKind::ExactId,
        Role::Id if whole && fold(&field.text) == exact_id.0 => MatchKind::ExactId,
        Role::Name if whole => MatchKind::ExactName,
        Role::Alias if whole => MatchKind::ExactAlias,
        Role::Id | Role::Name => MatchKind::Name,
        Role::Alias => MatchKind::Alias,
        Role::Text => MatchKind::Text,
    };
    let coverage = (hits as u32 * 1000) / field.distinct.max(1);
    Some((
        Score {
            missing,
            matched,
            cost,
            typos,
            coverage,
            kind_rank: 0,
        },
        found,
    ))
}

/// Records people look for first come first among equal matches.
fn kind_rank(kind: &str) -> u8 {
    const ORDER: &[&str] = &[
        "person",
        "organization",
        "body",
        "state",
        "post",
        "operation",
        "document",
        "decision",
        "meeting",
        "chairmanship",
        "membership",
        "term",
        "claim",
        "source",
    ];
    ORDER
        .iter()
        .position(|k| *k == kind)
        .map_or(ORDER.len() as u8, |p| p as u8)
}

/// The longest snippet shown, in characters.
const SNIPPET: usize = 100;

/// The field's text, cut around the first matched word when it is long, on
/// one line.
fn snippet(field: &Field, found: &[Option<usize>]) -> String {
    let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    if field.role != Role::Text || field.text.chars().count() <= SNIPPET {
        return one_line(&field.text);
    }
    let at = found
        .iter()
        .flatten()
        .map(|&t| field.tokens[t].start as usize)
        .min()
        .unwrap_or(0);
    one_line(&cut(&field.text, at))
}

/// About [`SNIPPET`] characters of `text` around byte offset `at`, at word
/// boundaries, with "…" where text was left out.
fn cut(text: &str, at: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let pos = chars.iter().position(|(i, _)| *i >= at).unwrap_or(0);
    let mut from = pos.saturating_sub(SNIPPET / 3);
    let mut to = (from + SNIPPET).min(chars.len());
    if to == chars.len() {
        from = to.saturating_sub(SNIPPET);
    }
    // Move to word boundaries: forward from the start, back from the end.
    if from > 0 {
        while from < pos && !chars[from - 1].1.is_whitespace() {
            from += 1;
        }
    }
    if to < chars.len() {
        while to > pos + 1 && !chars[to].1.is_whitespace() {
            to -= 1;
        }
    }
    let end = chars.get(to).map_or(text.len(), |(i, _)| *i);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(text[chars[from].0..end].trim());
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// A field to index: its role, its label in results, its text.
pub type FieldText<'t> = (Role, &'static str, &'t str);

/// Every searchable field of a record: name or title, aliases, its text
/// (summaries, topics, slogans, priorities, events, notes, quotes) and id.
pub fn record_fields(record: Record<'_>) -> Vec<FieldText<'_>> {
    let mut f: Vec<FieldText<'_>> = Vec::new();
    fn aliases<'r>(f: &mut Vec<FieldText<'r>>, list: &'r [Alias]) {
        for a in list {
            f.push((Role::Alias, "alias", &a.name));
            quotes(f, &a.citations);
        }
    }
    fn quotes<'r>(f: &mut Vec<FieldText<'r>>, list: &'r [Citation]) {
        for c in list {
            if let Some(q) = &c.quote {
                f.push((Role::Text, "quote", q));
            }
        }
    }
    fn text<'r>(f: &mut Vec<FieldText<'r>>, label: &'static str, t: &'r Option<String>) {
        if let Some(t) = t {
            f.push((Role::Text, label, t));
        }
    }
    match record {
        Record::Source(r) => {
            f.push((Role::Name, "title", &r.title));
            f.push((Role::Text, "publisher", &r.publisher));
            text(&mut f, "note", &r.note);
        }
        Record::Organization(r) => {
            f.push((Role::Name, "name", &r.name));
            aliases(&mut f, &r.aliases);
            text(&mut f, "summary", &r.summary);
        }
        Record::State(r) => {
            f.push((Role::Name, "name", &r.name));
            aliases(&mut f, &r.aliases);
        }
        Record::Membership(r) => {
            text(&mut f, "note", &r.note);
            for c in &r.changes {
                text(&mut f, "note", &c.note);
                quotes(&mut f, &c.citations);
            }
        }
        Record::Body(r) => {
            f.push((Role::Name, "name", &r.name));
            aliases(&mut f, &r.aliases);
            text(&mut f, "summary", &r.summary);
        }
        Record::Person(r) => {
            f.push((Role::Name, "name", &r.name));
            aliases(&mut f, &r.aliases);
            text(&mut f, "summary", &r.summary);
        }
        Record::Post(r) => {
            f.push((Role::Name, "name", &r.name));
            aliases(&mut f, &r.aliases);
        }
        Record::Term(r) => {
            text(&mut f, "appointment_note", &r.appointment_note);
            text(&mut f, "note", &r.note);
        }
        Record::Meeting(r) => {
            f.push((Role::Name, "name", &r.name));
            text(&mut f, "place", &r.place);
            text(&mut f, "venue", &r.venue);
            text(&mut f, "summary", &r.summary);
            for a in &r.absentees {
                text(&mut f, "note", &a.note);
                quotes(&mut f, &a.citations);
            }
        }
        Record::Document(r) => {
            f.push((Role::Name, "title", &r.title));
            aliases(&mut f, &r.aliases);
            for t in &r.topics {
                f.push((Role::Text, "topic", t));
            }
            text(&mut f, "summary", &r.summary);
            text(&mut f, "note", &r.note);
        }
        Record::Decision(r) => {
            f.push((Role::Name, "title", &r.title));
            text(&mut f, "summary", &r.summary);
            text(&mut f, "note", &r.note);
        }
        Record::Chairmanship(r) => {
            if let Some(s) = &r.slogan {
                f.push((Role::Text, "slogan", &s.text));
                quotes(&mut f, &s.citations);
                for rendering in &s.renderings {
                    f.push((Role::Text, "slogan", &rendering.text));
                    quotes(&mut f, &rendering.citations);
                }
            }
            for p in &r.priorities {
                f.push((Role::Text, "priority", &p.text));
                quotes(&mut f, &p.citations);
            }
            text(&mut f, "note", &r.note);
        }
        Record::Operation(r) => {
            f.push((Role::Name, "name", &r.name));
            aliases(&mut f, &r.aliases);
            text(&mut f, "summary", &r.summary);
            for e in &r.events {
                f.push((Role::Text, "event", &e.text));
                quotes(&mut f, &e.citations);
            }
        }
        Record::Claim(r) => {
            f.push((Role::Text, "property", &r.property));
            text(&mut f, "note", &r.note);
        }
    }
    quotes(&mut f, record.citations());
    // Last, so that a name that matches as well as the id is the one shown.
    f.push((Role::Id, "id", record.id()));
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(records: &[(&str, &[FieldText<'static>])]) -> Index {
        let mut index = Index::new();
        for (id, fields) in records {
            index.add("thing", id, fields.iter().copied());
        }
        index
    }

    fn ids(index: &Index, query: &str) -> Vec<String> {
        index
            .search(query, Options::default())
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn fold_ignores_case_accents_punctuation_and_script() {
        assert_eq!(fold("  Secretary-General "), "secretary general");
        assert_eq!(fold("Масадыков"), "masadykov");
        assert_eq!(fold("Тасмагамбетов"), "tasmagambetov");
        assert_eq!(fold("Канал"), "kanal");
        assert_eq!(fold("Chişinău"), "chisinau");
        assert_eq!(fold("«Канал»"), "kanal");
        assert_eq!(fold("!!"), "");
    }

    #[test]
    fn typo_budget_grows_with_word_length() {
        assert_eq!(typo_budget(3), 0);
        assert_eq!(typo_budget(4), 1);
        assert_eq!(typo_budget(7), 1);
        assert_eq!(typo_budget(9), 2);
        assert_eq!(word_cost("masadykow", "masadykov", 2), 2);
        assert_eq!(word_cost("masadykov", "masadikov", 2), 2);
        assert_eq!(
            word_cost("masadkiov", "masadikov", 2),
            2,
            "a swap is one typo"
        );
        assert_eq!(word_cost("csto", "cst", 1), 2);
        assert_eq!(
            word_cost("cso", "csto", 0),
            NONE,
            "short words need to be exact"
        );
        assert_eq!(word_cost("chan", "channel", 1), 1, "a beginning");
        assert_eq!(word_cost("2025", "2026", 0), NONE);
    }

    #[test]
    fn latin_query_finds_cyrillic_text_and_back() {
        let i = index(&[
            ("channel", &[(Role::Alias, "alias", "Канал")]),
            ("masadykov", &[(Role::Name, "name", "Taalatbek Masadykov")]),
        ]);
        assert_eq!(ids(&i, "Kanal"), ["channel"]);
        assert_eq!(ids(&i, "канал"), ["channel"]);
        assert_eq!(ids(&i, "Масадыков"), ["masadykov"]);
        assert_eq!(ids(&i, "Масадиков Таалатбек"), ["masadykov"]);
    }

    #[test]
    fn word_order_and_typos_do_not_matter_but_every_word_must_match() {
        let i = index(&[("op", &[(Role::Name, "name", "Operation Channel")])]);
        assert_eq!(ids(&i, "channel operation"), ["op"]);
        assert_eq!(ids(&i, "operatoin chanel"), ["op"]);
        assert!(ids(&i, "operation canal river").is_empty());
        assert!(ids(&i, "").is_empty());
        assert!(ids(&i, "--").is_empty());
        let lenient = Options {
            names_only: true,
            allow_missing: 1,
        };
        assert_eq!(i.search("operation channel river", lenient).len(), 1);
    }

    #[test]
    fn ranking_puts_exact_id_and_name_before_alias_before_text() {
        let i = index(&[
            (
                "in-text",
                &[(Role::Text, "summary", "a report on drug strategy")],
            ),
            ("alias", &[(Role::Alias, "alias", "Drug Strategy")]),
            ("name", &[(Role::Name, "name", "Drug Strategy")]),
            (
                "partial",
                &[(Role::Name, "name", "The long drug strategy of 2026")],
            ),
            ("drug-strategy", &[(Role::Id, "id", "drug-strategy")]),
        ]);
        assert_eq!(
            ids(&i, "drug strategy"),
            ["drug-strategy", "name", "alias", "partial", "in-text"],
            "the id spelled with spaces, then the exact name, the alias, the rest"
        );
        assert_eq!(ids(&i, "drug-strategy")[0], "drug-strategy");
        let hits = i.search("drug-strategy", Options::default());
        assert_eq!(hits[0].matched, MatchKind::ExactId);
    }

    #[test]
    fn fewer_typos_and_closer_fields_rank_first() {
        let i = index(&[
            (
                "far",
                &[(Role::Name, "name", "Appointment of Taalatbek Masadykov")],
            ),
            ("typo", &[(Role::Name, "name", "Taalatbek Masadikov")]),
            ("near", &[(Role::Name, "name", "Taalatbek Masadykov")]),
        ]);
        assert_eq!(ids(&i, "masadykov"), ["near", "far", "typo"]);
    }

    #[test]
    fn snippet_cuts_long_text_around_the_match() {
        let long = "The first part of this text says nothing of interest at all, and it goes on \
                    for a while before it reaches the early warning system that matters here, \
                    and then it goes on again for a long time with more words after it.";
        let i = index(&[("t", &[(Role::Text, "summary", long)])]);
        let hit = &i.search("warning system", Options::default())[0];
        assert!(
            hit.snippet.contains("early warning system"),
            "{}",
            hit.snippet
        );
        assert!(
            hit.snippet.starts_with('…') && hit.snippet.ends_with('…'),
            "{}",
            hit.snippet
        );
        assert!(
            hit.snippet.chars().count() <= SNIPPET + 2,
            "{}",
            hit.snippet
        );
        assert_eq!(hit.field, "summary");
        let short = index(&[("s", &[(Role::Name, "name", "Operation  Channel")])]);
        assert_eq!(
            short.search("channel", Options::default())[0].snippet,
            "Operation Channel"
        );
    }

    #[test]
    fn snippet_handles_multibyte_text() {
        let long = "Продолжим проведение антинаркотической операции «Канал», сказал он, и это \
                    длинный текст на русском языке, который нужно обрезать вокруг совпадения.";
        let i = index(&[("t", &[(Role::Text, "quote", long)])]);
        let hit = &i.search("sovpadeniia", Options::default());
        assert_eq!(hit.len(), 1, "deunicode spells я as ia");
        assert!(hit[0].snippet.contains("совпадения"), "{}", hit[0].snippet);
    }
}
