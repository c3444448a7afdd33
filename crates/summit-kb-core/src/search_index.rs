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

use std::borrow::Cow;
use std::rc::Rc;

use serde::Serialize;

use crate::model::{Alias, Citation, List, Record, RecordKind, Text};

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
    /// Every word of the query is in some field of the record, not all in
    /// one; a word may name the field itself ("slogan", "summary").
    Fields,
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

#[derive(Debug, Clone, Copy, PartialEq)]
struct Token {
    word: u32,
    /// Byte offset of the word in the field's text.
    start: u32,
}

#[derive(Debug, Clone, PartialEq)]
struct TextField<'t> {
    role: Role,
    label: &'static str,
    text: &'t str,
    /// The field's words: `Index::tokens[tokens.0..tokens.1]`.
    tokens: (u32, u32),
    /// Distinct words in the field.
    distinct: u32,
}

#[derive(Debug, Clone, PartialEq)]
struct Entry<'t> {
    kind: &'t str,
    id: &'t str,
    /// The entry's fields: `Index::fields[fields.0..fields.1]`.
    fields: (u32, u32),
}

/// A search index: every record's fields, folded once. It borrows the text
/// it indexes; words, tokens and fields are stored in flat lists, owned.
#[derive(Debug, Default, PartialEq)]
pub struct Index<'t> {
    words: Cow<'t, [Cow<'t, str>]>,
    /// Each word's spelling key (see [`spelling_key`]), by word id.
    keys: Cow<'t, [Cow<'t, str>]>,
    /// While the index is built: each word's id.
    word_ids: Option<foldhash::HashMap<String, u32>>,
    /// Once it is built: the word ids in the order of their words, for a
    /// binary search.
    sorted: Cow<'t, [u32]>,
    tokens: Cow<'t, [Token]>,
    fields: Cow<'t, [TextField<'t>]>,
    entries: Cow<'t, [Entry<'t>]>,
    /// Scratch space for folding a word.
    scratch: String,
}

/// How many letters may differ in a query word of this length.
pub fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// A folded word with the common variants of transliterating Russian (and
/// Armenian, Kazakh, Kyrgyz) names into the Latin alphabet made one: `y`
/// before a vowel is `i` (ya/ia, yu/iu, ye/ie, yo/io: Bordyuzha and
/// Bordiuzha, Khachaturyan and Khachaturian), `kh` is `h` (Khachaturov and
/// Hachaturov), and a final `iy`, `yi` or `ii` is `i`
/// (Yuriy, Yurii, Yuri), as is any other final `y` (Sergey, Sergei); and
/// the Armenian surname ending -yan (-ian) after a stem of six letters or
/// more is the -ov of its Russian form (Khachaturyan, Khachaturov), as
/// Russian-language sources write Armenian surnames. Two words with one key
/// are the same name spelt two ways; other endings (Kyiv, Kiev) differ.
pub fn spelling_key(word: &str) -> String {
    let b = word.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == b'k' && next == Some(b'h') {
            out.push('h');
            i += 2;
            continue;
        }
        if c == b'y' && next.is_some_and(vowel) {
            out.push('i');
        } else {
            out.push(c as char);
        }
        i += 1;
    }
    for ending in ["iy", "yi", "ii"] {
        if out.len() > ending.len() + 2 && out.ends_with(ending) {
            out.truncate(out.len() - ending.len());
            out.push('i');
            return out;
        }
    }
    if out.len() > 3 && out.ends_with('y') {
        out.pop();
        out.push('i');
    }
    // The stem's length keeps common words (Armenian, Russian, Iranian,
    // Eurasian) what they are.
    if out.len() >= 9 && out.ends_with("ian") {
        out.truncate(out.len() - 3);
        out.push_str("ov");
    }
    out
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
    // Transliteration marks the soft and hard signs with an apostrophe
    // ("General'nyi"); they are part of the word, not a break in it.
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .map(|w| w.replace('\'', ""))
        .filter(|w| !w.is_empty())
        .collect()
}

/// What an [`Index`] of records holds beyond the records' own texts: its
/// words, their spelling keys and order, its tokens, and each field's range
/// of tokens and count of distinct words. The snapshot stores this, so that a
/// search on the embedded dataset folds no word; [`Index::of_records_with`]
/// joins it to the records again.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct IndexParts {
    // Borrowed from the embedded snapshot's bytes, like the records' texts.
    #[serde(
        serialize_with = "crate::model::borrow::write_texts",
        deserialize_with = "crate::model::borrow::texts"
    )]
    words: List<Text>,
    #[serde(
        serialize_with = "crate::model::borrow::write_texts",
        deserialize_with = "crate::model::borrow::texts"
    )]
    keys: List<Text>,
    sorted: Vec<u32>,
    /// Each token's word and start.
    tokens: Vec<(u32, u32)>,
    /// Each field's tokens (first, end) and distinct words, in the order
    /// [`Index::of_records`] adds them.
    fields: Vec<(u32, u32, u32)>,
}

impl<'t> Index<'t> {
    pub fn new() -> Index<'t> {
        Index::default()
    }

    /// An index of records, with every field [`record_fields`] lists.
    pub fn of_records(records: impl IntoIterator<Item = Record<'t>>) -> Index<'t> {
        let mut index = Index::new();
        for record in records {
            index.add(record.kind().name(), record.id(), record_fields(record));
        }
        index.finish();
        index
    }

    /// What the index holds beyond its records' texts (see [`IndexParts`]).
    pub fn parts(&self) -> IndexParts {
        IndexParts {
            words: self.words.iter().map(|w| w.to_string().into()).collect(),
            keys: self.keys.iter().map(|k| k.to_string().into()).collect(),
            sorted: self.sorted.to_vec(),
            tokens: self.tokens.iter().map(|t| (t.word, t.start)).collect(),
            fields: self
                .fields
                .iter()
                .map(|f| (f.tokens.0, f.tokens.1, f.distinct))
                .collect(),
        }
    }

    /// The index [`Index::of_records`] makes of `records`, from the parts
    /// it made of the same records before: their fields are walked again
    /// for their texts, and no word is folded. `None` when the parts do not
    /// fit the records (another dataset's).
    pub fn of_records_with(
        records: impl IntoIterator<Item = Record<'t>>,
        parts: IndexParts,
    ) -> Option<Index<'t>> {
        let words = parts.words.len();
        let tokens = parts.tokens.len() as u32;
        let fits = parts.keys.len() == words
            && parts.sorted.len() == words
            && parts.sorted.iter().all(|&w| (w as usize) < words)
            && parts.tokens.iter().all(|&(w, _)| (w as usize) < words)
            && parts
                .fields
                .iter()
                .all(|&(first, end, _)| first <= end && end <= tokens);
        if !fits {
            return None;
        }
        let mut stored = parts.fields.into_iter();
        let mut fields = Vec::with_capacity(stored.len());
        let mut entries = Vec::new();
        for record in records {
            let first = fields.len() as u32;
            for (role, label, text) in record_fields(record) {
                if text.trim().is_empty() {
                    continue;
                }
                let (start, end, distinct) = stored.next()?;
                fields.push(TextField {
                    role,
                    label,
                    text,
                    tokens: (start, end),
                    distinct,
                });
            }
            entries.push(Entry {
                kind: record.kind().name(),
                id: record.id(),
                fields: (first, fields.len() as u32),
            });
        }
        if stored.next().is_some() {
            return None;
        }
        Some(Index {
            words: Cow::Owned(parts.words.into_owned()),
            keys: Cow::Owned(parts.keys.into_owned()),
            word_ids: None,
            sorted: parts.sorted.into(),
            tokens: parts
                .tokens
                .into_iter()
                .map(|(word, start)| Token { word, start })
                .collect(),
            fields: fields.into(),
            entries: entries.into(),
            scratch: String::new(),
        })
    }

    /// An index of records' ids, names and aliases only: what a "did you
    /// mean" looks at, without folding every summary and quote.
    pub fn of_record_names(records: impl IntoIterator<Item = Record<'t>>) -> Index<'t> {
        let mut index = Index::new();
        for record in records {
            let names = record_fields(record)
                .into_iter()
                .filter(|(role, _, _)| *role != Role::Text);
            index.add(record.kind().name(), record.id(), names);
        }
        index.finish();
        index
    }

    /// Adds a record (or any candidate) with its fields.
    pub fn add(
        &mut self,
        kind: &'t str,
        id: &'t str,
        fields: impl IntoIterator<Item = FieldText<'t>>,
    ) {
        let first = self.fields.len() as u32;
        for (role, label, text) in fields {
            if !text.trim().is_empty() {
                self.add_field(role, label, text);
            }
        }
        self.entries.to_mut().push(Entry {
            kind,
            id,
            fields: (first, self.fields.len() as u32),
        });
    }

    /// Makes the index ready to be read, and written as a static: its words
    /// in order, for [`Index::id_of`] without the table used to build it.
    fn finish(&mut self) {
        let mut sorted: Vec<u32> = (0..self.words.len() as u32).collect();
        sorted.sort_unstable_by(|a, b| self.words[*a as usize].cmp(&self.words[*b as usize]));
        self.sorted = sorted.into();
        self.word_ids = None;
        self.scratch = String::new();
    }

    /// The id of a word of the index.
    fn id_of(&self, word: &str) -> Option<u32> {
        if let Some(ids) = &self.word_ids {
            return ids.get(word).copied();
        }
        self.sorted
            .binary_search_by(|id| self.words[*id as usize].as_ref().cmp(word))
            .ok()
            .map(|at| self.sorted[at])
    }

    fn add_field(&mut self, role: Role, label: &'static str, text: &'t str) {
        let first = self.tokens.len();
        let mut offset = 0;
        for piece in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
            let word = piece.trim_end_matches(|c: char| !c.is_alphanumeric());
            let start = offset as u32;
            offset += piece.len();
            if word.is_empty() {
                continue;
            }
            if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
                let mut scratch = std::mem::take(&mut self.scratch);
                scratch.clear();
                scratch.extend(word.chars().map(|c| c.to_ascii_lowercase()));
                let id = self.word_id(&scratch);
                self.scratch = scratch;
                self.tokens.to_mut().push(Token { word: id, start });
            } else {
                for folded in fold_word(word) {
                    let id = self.word_id(&folded);
                    self.tokens.to_mut().push(Token { word: id, start });
                }
            }
        }
        let mut words: Vec<u32> = self.tokens[first..].iter().map(|t| t.word).collect();
        words.sort_unstable();
        words.dedup();
        self.fields.to_mut().push(TextField {
            role,
            label,
            text,
            tokens: (first as u32, self.tokens.len() as u32),
            distinct: words.len() as u32,
        });
    }

    fn word_id(&mut self, word: &str) -> u32 {
        let id = self.words.len() as u32;
        // A finished index that is added to again makes its table again.
        let words = &self.words;
        let ids = self.word_ids.get_or_insert_with(|| {
            let mut ids = foldhash::HashMap::default();
            ids.extend(
                words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (w.to_string(), i as u32)),
            );
            ids
        });
        if let Some(&id) = ids.get(word) {
            return id;
        }
        self.sorted = Cow::Borrowed(&[]);
        ids.insert(word.to_string(), id);
        self.words.to_mut().push(word.to_string().into());
        self.keys.to_mut().push(spelling_key(word).into());
        id
    }

    fn tokens_of(&self, field: &TextField<'_>) -> &[Token] {
        &self.tokens[field.tokens.0 as usize..field.tokens.1 as usize]
    }

    /// The number of records indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every record that matches `query`, best first. A strict query is also
    /// read as compounds (see [`Index::compound_readings`]); a record counts
    /// once, by its best reading. Nothing for a query of more than
    /// [`MAX_QUERY_WORDS`] different words (see [`too_many_words`]).
    pub fn search(&self, query: &str, options: Options) -> Vec<Hit> {
        let words: Vec<String> = fold_words(query).collect();
        let distinct = distinct(&words);
        if distinct.is_empty() || distinct.len() > MAX_QUERY_WORDS {
            return Vec::new();
        }
        let mut readings = Vec::new();
        // Not for a lenient query ("did you mean"): a compound reading has
        // fewer or more words, and would let another word go missing.
        if options.allow_missing == 0 {
            readings = self.compound_readings(&words, &distinct);
        }
        readings.insert(0, distinct);
        // Each word is compared with the vocabulary once, whatever readings
        // it is in.
        let mut costs = foldhash::HashMap::default();
        let mut best: Vec<Option<(Score, Hit)>> = vec![None; self.entries.len()];
        for reading in readings {
            for (entry, score, hit) in self.search_words(reading, query, options, &mut costs) {
                if best[entry]
                    .as_ref()
                    .is_none_or(|(b, _)| score.better_than(b))
                {
                    best[entry] = Some((score, hit));
                }
            }
        }
        let mut scored: Vec<(Score, Hit)> = best.into_iter().flatten().collect();
        scored.sort_by(|(a, ha), (b, hb)| a.order(b).then_with(|| ha.id.cmp(&hb.id)));
        scored.into_iter().map(|(_, hit)| hit).collect()
    }

    /// The records that match one reading of the query, by entry number.
    /// `words` are the reading's different words, sorted; `known` the costs
    /// of the words of earlier readings.
    fn search_words(
        &self,
        words: Vec<String>,
        raw: &str,
        options: Options,
        known: &mut foldhash::HashMap<String, Rc<[u8]>>,
    ) -> Vec<(usize, Score, Hit)> {
        // costs[i][w]: how far vocabulary word w is from query word i
        // (0 the same, 1 a beginning, 2 per typo), NONE when too far.
        let costs: Vec<Rc<[u8]>> = words
            .iter()
            .map(|q| {
                known
                    .entry(q.clone())
                    .or_insert_with(|| self.word_costs(q).into())
                    .clone()
            })
            .collect();
        let query = Query {
            costs,
            needed: words.len().saturating_sub(options.allow_missing).max(1),
            raw: raw.trim(),
            folded: words.join(" "),
        };
        // How far each query word is from each field label, for a word that
        // names the field ("slogan") in a match across fields.
        let mut label_costs: Vec<(&'static str, Vec<u8>)> = Vec::new();

        let mut scored = Vec::new();
        let mut found = vec![None; words.len()];
        let mut best_found = vec![None; words.len()];
        let mut name_found = vec![None; words.len()];
        for (number, entry) in self.entries.iter().enumerate() {
            let mut best: Option<(Score, &TextField)> = None;
            let mut name: Option<(Score, &TextField)> = None;
            let fields = &self.fields[entry.fields.0 as usize..entry.fields.1 as usize];
            for field in fields {
                if options.names_only && field.role == Role::Text {
                    continue;
                }
                let tokens = self.tokens_of(field);
                let Some(score) = score_field(field, tokens, entry, &query, &mut found) else {
                    continue;
                };
                if best.as_ref().is_none_or(|(b, _)| score.better_than(b)) {
                    best = Some((score, field));
                    best_found.clone_from(&found);
                }
                if field.role == Role::Name
                    && name.as_ref().is_none_or(|(b, _)| score.better_than(b))
                {
                    name = Some((score, field));
                    name_found.clone_from(&found);
                }
            }
            // A name that matches as closely as the id, only covering less of
            // its words, is the better thing to show.
            if let (Some((b, shown)), Some((n, field))) = (&mut best, name) {
                if shown.role == Role::Id && b.matched == n.matched && b.cost == n.cost {
                    *shown = field;
                    best_found.clone_from(&name_found);
                }
            }
            if best.is_none() && !options.names_only && words.len() > 1 {
                best = self.score_across(fields, &query, &words, &mut label_costs, &mut best_found);
            }
            if let Some((score, field)) = best {
                let score = Score {
                    kind_rank: kind_rank(entry.kind),
                    ..score
                };
                let snippet = snippet(field, self.tokens_of(field), &best_found);
                scored.push((
                    number,
                    score,
                    Hit {
                        kind: entry.kind.to_string(),
                        id: entry.id.to_string(),
                        field: field.label,
                        matched: score.matched,
                        typos: score.typos,
                        snippet,
                    },
                ));
            }
        }
        scored
    }

    /// A match of every query word in some field of the record, where no
    /// one field has them all: a word may be in a field's text or name the
    /// field ("slogan"). The field shown is the one a word names, else the
    /// one with the most of the words (text before the id).
    fn score_across<'f>(
        &self,
        fields: &'f [TextField<'t>],
        query: &Query<'_>,
        words: &[String],
        label_costs: &mut Vec<(&'static str, Vec<u8>)>,
        found: &mut [Option<usize>],
    ) -> Option<(Score, &'f TextField<'t>)> {
        let mut cost = vec![NONE; words.len()];
        let mut per_field: Vec<(usize, bool, Vec<Option<usize>>)> = Vec::new();
        for field in fields {
            let tokens = self.tokens_of(field);
            let mut here = vec![None; words.len()];
            let mut named = false;
            let label = match label_costs.iter().position(|(l, _)| *l == field.label) {
                Some(p) => p,
                None => {
                    let folded = fold(field.label);
                    let costs = words
                        .iter()
                        .map(|q| {
                            let budget = typo_budget(q.len());
                            folded
                                .split(' ')
                                .map(|l| word_cost(q, l, budget))
                                .min()
                                .unwrap_or(NONE)
                        })
                        .collect();
                    label_costs.push((field.label, costs));
                    label_costs.len() - 1
                }
            };
            for (i, costs) in query.costs.iter().enumerate() {
                let mut best = NONE;
                for (t, token) in tokens.iter().enumerate() {
                    let c = costs[token.word as usize];
                    if c < best {
                        best = c;
                        here[i] = Some(t);
                    }
                }
                let by_label = label_costs[label].1[i];
                if by_label < best {
                    best = by_label;
                    named = field.role == Role::Text;
                }
                cost[i] = cost[i].min(best);
            }
            per_field.push((here.iter().flatten().count(), named, here));
        }
        let hits = cost.iter().filter(|&&c| c != NONE).count();
        if hits < query.needed {
            return None;
        }
        let total: u32 = cost
            .iter()
            .filter(|&&c| c != NONE)
            .map(|&c| u32::from(c))
            .sum();
        let typos: u32 = cost
            .iter()
            .filter(|&&c| c != NONE)
            .map(|&c| u32::from(c / 2))
            .sum();
        let shown = (0..fields.len()).max_by_key(|&f| {
            let (count, named, _) = &per_field[f];
            (
                *named,
                fields[f].role != Role::Id,
                *count,
                std::cmp::Reverse(f),
            )
        })?;
        found.clone_from_slice(&per_field[shown].2);
        Some((
            Score {
                missing: (words.len() - hits) as u32,
                matched: MatchKind::Fields,
                cost: total,
                typos,
                coverage: 0,
                kind_rank: 0,
            },
            &fields[shown],
        ))
    }

    /// The best match for `query` among names, for a "did you mean".
    /// Nothing for a query of fewer than three letters or digits, which
    /// would only match stray short words.
    pub fn suggest(&self, query: &str) -> Option<Hit> {
        let folded: Vec<String> = fold_words(query).collect();
        if folded.iter().map(String::len).sum::<usize>() < 3 {
            return None;
        }
        let words = folded.len();
        let options = Options {
            names_only: true,
            allow_missing: usize::from(words >= 3),
        };
        let hits = self.search(query, options);
        let first = hits.first()?;
        // Among the names that match equally well, the one whose id is
        // closest to the whole query (people type ids): `csc-2025-moscow`
        // suggests `csc-2026-moscow`, not `csc-2025-bishkek`, though each
        // misses one word.
        let whole = fold(query);
        hits.iter()
            .take_while(|h| h.matched == first.matched && h.typos == first.typos)
            .min_by_key(|h| strsim::osa_distance(&whole, &fold(&h.id)))
            .cloned()
    }

    fn word_costs(&self, query: &str) -> Vec<u8> {
        let budget = if query.bytes().all(|b| b.is_ascii_alphabetic()) {
            typo_budget(query.len())
        } else {
            0
        };
        let key = spelling_key(query);
        self.words
            .iter()
            .zip(self.keys.iter())
            .map(|(word, word_key)| {
                let plain = word_cost(query, word, budget);
                if plain == 0 || (key == query && *word_key == *word) {
                    return plain;
                }
                // The same name in another transliteration is the same word;
                // a beginning or a typo of it costs what it does.
                plain.min(word_cost(&key, word_key, budget))
            })
            .collect()
    }

    /// Other ways to read the query's words as compounds: two neighbouring
    /// words joined where the data has the compound ("anti drug" as
    /// "antidrug"), or one word split in two where both halves are words of
    /// the data ("antidrug" as "anti drug"). Each reading is its different
    /// words, sorted, and comes once: joining the same two words anywhere in
    /// the query reads it the same way, so "co operation" said a thousand
    /// times is two readings, not a thousand, and making them costs the
    /// number of words once, not once a pair.
    fn compound_readings(&self, words: &[String], distinct: &[String]) -> Vec<Vec<String>> {
        let mut count: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        for word in words {
            *count.entry(word.as_str()).or_default() += 1;
        }
        // The query's different words with one occurrence of each of
        // `gone` taken out and `added` put in.
        let reading = |gone: &[&str], added: Vec<String>| -> Vec<String> {
            let left = |w: &str| {
                let taken = gone.iter().filter(|g| **g == w).count();
                count.get(w).copied().unwrap_or(0) > taken
            };
            let mut out: Vec<String> = distinct
                .iter()
                .filter(|w| !gone.contains(&w.as_str()) || left(w))
                .cloned()
                .chain(added)
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        };
        let mut readings = Vec::new();
        let mut pairs: foldhash::HashSet<(&str, &str)> = foldhash::HashSet::default();
        for pair in words.windows(2) {
            let (a, b) = (pair[0].as_str(), pair[1].as_str());
            if !pairs.insert((a, b)) {
                continue;
            }
            // Only a compound the data has: every other join would be one
            // more pass over the index for nothing.
            let compound = format!("{a}{b}");
            if self.id_of(&compound).is_none() {
                continue;
            }
            readings.push(reading(&[a, b], vec![compound]));
        }
        for word in distinct {
            if word.len() < 5 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
                continue;
            }
            for at in 2..=word.len() - 2 {
                let (head, tail) = word.split_at(at);
                if self.id_of(head).is_some() && self.id_of(tail).is_some() {
                    readings.push(reading(&[word], vec![head.to_string(), tail.to_string()]));
                }
            }
        }
        readings
    }
}

/// A query's different words, sorted.
fn distinct(words: &[String]) -> Vec<String> {
    let mut distinct = words.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    distinct
}

/// The most different words a query may have. Each is compared with every
/// word of the data and looked for in every field, and each pair of
/// neighbouring words that the data has as one word is another reading of
/// the query; beyond this a search would take seconds for nothing a person
/// types. Repeated words count once.
pub const MAX_QUERY_WORDS: usize = 32;

/// The error for a query of more than [`MAX_QUERY_WORDS`] different words,
/// if it has that many.
pub fn too_many_words(query: &str) -> Option<String> {
    let words = distinct(&fold_words(query).collect::<Vec<_>>());
    (words.len() > MAX_QUERY_WORDS).then(|| {
        format!(
            "the query has {} different words; a search takes at most {MAX_QUERY_WORDS} (repeated words count once)",
            words.len()
        )
    })
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
    if budget == 0
        || word.len().abs_diff(query.len()) > budget
        || letters_apart(query, word) > 2 * budget
    {
        return NONE;
    }
    let distance = strsim::osa_distance(query, word);
    if distance <= budget {
        (2 * distance) as u8
    } else {
        NONE
    }
}

/// How far apart the letters of two words are, counted without their order
/// (bytes folded to seven bits): never more than twice their edit distance,
/// since an edit adds or removes one letter, a substitution both and a
/// transposition neither. Cheaper than the distance, it rules out most of
/// the index's words before a search computes any.
fn letters_apart(a: &str, b: &str) -> usize {
    // The edit distance counts characters: for other than ASCII, no bound.
    if !(a.is_ascii() && b.is_ascii()) {
        return 0;
    }
    let mut diff = [0i32; 128];
    for byte in a.bytes() {
        diff[usize::from(byte & 0x7f)] += 1;
    }
    for byte in b.bytes() {
        diff[usize::from(byte & 0x7f)] -= 1;
    }
    let mut apart = 0;
    for byte in a.bytes().chain(b.bytes()) {
        let slot = &mut diff[usize::from(byte & 0x7f)];
        apart += slot.unsigned_abs() as usize;
        *slot = 0;
    }
    apart
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
        // Exact matches by kind; then names and aliases together, fewer
        // typos first, then the field the query covers more of (so that
        // "masadikov" finds the person "Taalatbek Masadikov" before a speech
        // of his whose title names him), a name before an alias; then other
        // text.
        let tier = |m: MatchKind| match m {
            MatchKind::Name | MatchKind::Alias => 3,
            MatchKind::Text => 4,
            MatchKind::Fields => 5,
            exact => exact as u8,
        };
        self.missing
            .cmp(&other.missing)
            .then(tier(self.matched).cmp(&tier(other.matched)))
            .then(self.cost.cmp(&other.cost))
            .then(other.coverage.cmp(&self.coverage))
            .then(self.matched.cmp(&other.matched))
            .then(self.kind_rank.cmp(&other.kind_rank))
    }

    fn better_than(&self, other: &Score) -> bool {
        self.order(other).is_lt()
    }
}

/// A query, folded, with what it takes to match.
struct Query<'q> {
    costs: Vec<Rc<[u8]>>,
    needed: usize,
    raw: &'q str,
    folded: String,
}

/// Scores one field: which query words it has (`found`: the token matching
/// each), or `None` when fewer than the query needs.
fn score_field(
    field: &TextField<'_>,
    tokens: &[Token],
    entry: &Entry<'_>,
    query: &Query<'_>,
    found: &mut [Option<usize>],
) -> Option<Score> {
    let mut hits = 0;
    let mut cost = 0u32;
    let mut typos = 0u32;
    for (i, costs) in query.costs.iter().enumerate() {
        let mut best = NONE;
        found[i] = None;
        for (t, token) in tokens.iter().enumerate() {
            let c = costs[token.word as usize];
            if c < best {
                best = c;
                found[i] = Some(t);
                if c == 0 {
                    break;
                }
            }
        }
        if best != NONE {
            hits += 1;
            cost += u32::from(best);
            typos += u32::from(best / 2);
        }
    }
    if hits < query.needed {
        return None;
    }
    let words = query.costs.len();
    let missing = (words - hits) as u32;
    let whole = missing == 0 && cost == 0 && field.distinct as usize == words;
    let matched = match field.role {
        Role::Id if entry.id == query.raw => MatchKind::ExactId,
        Role::Id if whole && fold(field.text) == query.folded => MatchKind::ExactId,
        Role::Name if whole => MatchKind::ExactName,
        Role::Alias if whole => MatchKind::ExactAlias,
        // Part of an id is a weak sign: ids are slugs of names, and a source
        // id naming a person must not outrank the person.
        Role::Id => MatchKind::Text,
        Role::Name => MatchKind::Name,
        Role::Alias => MatchKind::Alias,
        Role::Text => MatchKind::Text,
    };
    let coverage = (hits as u32 * 1000) / field.distinct.max(1);
    Some(Score {
        missing,
        matched,
        cost,
        typos,
        coverage,
        kind_rank: 0,
    })
}

/// Records people look for first come first among equal matches: every
/// kind once.
const KIND_ORDER: [RecordKind; RecordKind::ALL.len()] = {
    use RecordKind as K;
    [
        K::Person,
        K::Organization,
        K::Body,
        K::State,
        K::Post,
        K::Operation,
        K::Document,
        K::Decision,
        K::Meeting,
        K::Chairmanship,
        K::Membership,
        K::Term,
        K::Claim,
        K::Source,
    ]
};

fn kind_rank(kind: &str) -> u8 {
    KIND_ORDER
        .iter()
        .position(|k| k.name() == kind)
        .map_or(KIND_ORDER.len() as u8, |p| p as u8)
}

/// The longest snippet shown, in characters.
const SNIPPET: usize = 100;

/// The field's text, cut around the first matched word when it is long, on
/// one line.
fn snippet(field: &TextField<'_>, tokens: &[Token], found: &[Option<usize>]) -> String {
    let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    if field.role != Role::Text || field.text.chars().count() <= SNIPPET {
        return one_line(field.text);
    }
    let at = found
        .iter()
        .flatten()
        .map(|&t| tokens[t].start as usize)
        .min()
        .unwrap_or(0);
    one_line(&cut(field.text, at))
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
    fn text<'r>(f: &mut Vec<FieldText<'r>>, label: &'static str, t: &'r Option<Text>) {
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
            for c in r.changes.iter() {
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
            for a in r.absentees.iter() {
                text(&mut f, "note", &a.note);
                quotes(&mut f, &a.citations);
            }
        }
        Record::Document(r) => {
            f.push((Role::Name, "title", &r.title));
            aliases(&mut f, &r.aliases);
            for t in r.topics.iter() {
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
                for rendering in s.renderings.iter() {
                    f.push((Role::Text, "slogan", &rendering.text));
                    quotes(&mut f, &rendering.citations);
                }
            }
            for p in r.priorities.iter() {
                f.push((Role::Text, "priority", &p.text));
                quotes(&mut f, &p.citations);
            }
            text(&mut f, "note", &r.note);
        }
        Record::Operation(r) => {
            f.push((Role::Name, "name", &r.name));
            aliases(&mut f, &r.aliases);
            text(&mut f, "summary", &r.summary);
            for e in r.events.iter() {
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

    proptest::proptest! {
        /// The letter count never rules out a word within the typo budget.
        #[test]
        fn letters_apart_is_at_most_twice_the_edit_distance(
            a in "[a-e]{0,9}|[ -~]{0,12}|[a-zé]{0,6}",
            b in "[a-e]{0,9}|[ -~]{0,12}|[a-zé]{0,6}",
        ) {
            let distance = strsim::osa_distance(&a, &b);
            proptest::prop_assert!(letters_apart(&a, &b) <= 2 * distance);
        }
    }

    #[test]
    fn a_finished_index_added_to_again_keeps_one_id_a_word() {
        let mut index = Index::new();
        index.add("person", "a", [(Role::Name, "name", "Anna Petrova")]);
        index.finish();
        index.add("person", "b", [(Role::Name, "name", "Boris Petrov")]);
        index.add("person", "c", [(Role::Name, "name", "Anna Ivanova")]);
        index.finish();
        assert_eq!(index.words.len(), 5);
        let ids: Vec<String> = index
            .search("anna", Options::default())
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(ids, ["a", "c"]);
    }

    #[test]
    fn letters_apart_counts_letters_not_their_order() {
        assert_eq!(letters_apart("masadykov", "masadykov"), 0);
        assert_eq!(letters_apart("masadykov", "masadykvo"), 0);
        assert_eq!(letters_apart("masadykov", "masadikov"), 2);
        assert_eq!(letters_apart("abc", "abcd"), 1);
        assert_eq!(letters_apart("", "xyz"), 3);
        // Not ASCII: a byte count would not bound the distance in characters.
        assert_eq!(letters_apart("abcd", "ébcd"), 0);
    }

    #[test]
    fn the_search_order_ranks_every_kind_once() {
        let mut ranked = KIND_ORDER;
        ranked.sort();
        assert_eq!(ranked, RecordKind::ALL);
        assert_eq!(kind_rank("person"), 0);
        assert_eq!(kind_rank("source"), 13);
        assert_eq!(kind_rank("no-such-kind"), 14);
    }

    fn index(records: &[(&'static str, &[FieldText<'static>])]) -> Index<'static> {
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
        assert_eq!(
            fold("Генеральный"),
            "generalnyi",
            "the soft sign is no break"
        );
        assert_eq!(fold("Қазақстан"), "kazakstan");
        assert_eq!(fold("CSTO's"), "csto s", "an apostrophe typed is one");
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
        assert_eq!(i.suggest("channel river operation").unwrap().id, "op");
        assert!(
            i.suggest("channel canal river").is_none(),
            "two words missing"
        );
        let short = index(&[("a-plan", &[(Role::Name, "name", "A plan")])]);
        assert!(
            short.suggest("a").is_none(),
            "too short to suggest anything"
        );
        assert_eq!(short.suggest("plan").unwrap().id, "a-plan");
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
    fn a_name_as_close_as_the_id_is_the_field_shown() {
        let i = index(&[(
            "x-2025-drug-plan",
            &[
                (
                    Role::Name,
                    "title",
                    "Plan against drug trafficking, 2026-2030",
                ),
                (Role::Id, "id", "x-2025-drug-plan"),
            ],
        )]);
        let hit = &i.search("drug plan", Options::default())[0];
        assert_eq!(hit.field, "title");
        assert_eq!(hit.matched, MatchKind::Name);
        let hit = &i.search("x 2025", Options::default())[0];
        assert_eq!(hit.field, "id", "the title does not have these words");
    }

    #[test]
    fn a_close_alias_beats_a_name_with_more_typos() {
        let i = index(&[
            ("typos", &[(Role::Name, "name", "Secretary General")]),
            ("alias", &[(Role::Alias, "alias", "Генеральный секретарь")]),
        ]);
        assert_eq!(ids(&i, "Generalny sekretar"), ["alias", "typos"]);
        assert_eq!(ids(&i, "secretary general")[0], "typos", "exact first");
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

    #[test]
    fn spelling_keys_make_transliteration_variants_one() {
        for (a, b) in [
            ("bordiuzha", "bordyuzha"),
            ("khachaturyan", "khachaturian"),
            ("khachaturov", "hachaturov"),
            ("yuriy", "yurii"),
            ("yuri", "yuriy"),
            ("sergey", "sergei"),
            ("yerevan", "ierevan"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} {b}");
        }
        // An Armenian surname's -yan is its Russian form's -ov; a common
        // word's -ian stays, and other endings are other words.
        assert_eq!(spelling_key("khachaturyan"), spelling_key("khachaturov"));
        assert_eq!(spelling_key("armenian"), "armenian");
        assert_eq!(spelling_key("eurasian"), "eurasian");
        assert_ne!(spelling_key("kyiv"), spelling_key("kiev"));
        let i = index(&[
            ("b", &[(Role::Name, "name", "Nikolai Bordyuzha")]),
            ("k", &[(Role::Name, "name", "Yuri Khachaturov")]),
        ]);
        assert_eq!(ids(&i, "Bordiuzha"), ["b"]);
        assert_eq!(ids(&i, "Hachaturov"), ["k"]);
        assert_eq!(i.search("Bordiuzha", Options::default())[0].typos, 0);
        assert_eq!(ids(&i, "Khachaturyan"), ["k"]);
    }

    #[test]
    fn compounds_match_their_hyphenated_spaced_and_solid_forms() {
        let i = index(&[
            ("hyphen", &[(Role::Name, "title", "Anti-Drug Strategy")]),
            ("spaced", &[(Role::Text, "summary", "an anti drug plan")]),
            ("solid", &[(Role::Text, "summary", "the antidrug unit")]),
            ("other", &[(Role::Text, "summary", "drug anti")]),
        ]);
        let mut found = ids(&i, "antidrug");
        found.sort();
        assert_eq!(found, ["hyphen", "other", "solid", "spaced"]);
        let mut found = ids(&i, "anti-drug");
        found.sort();
        assert_eq!(found, ["hyphen", "other", "solid", "spaced"]);
        // A split needs both halves to be words of the data.
        assert!(ids(&i, "antiqqqq").is_empty());
        assert_eq!(ids(&i, "antiplan"), ["spaced"]);
        // Not for a lenient query, where a reading could drop a word.
        let lenient = Options {
            names_only: true,
            allow_missing: 1,
        };
        assert_eq!(i.search("antidrug strategy", lenient)[0].id, "hyphen");
    }

    #[test]
    fn a_repeated_compound_is_read_once_whatever_the_query_length() {
        let i = index(&[
            ("joined", &[(Role::Name, "name", "Cooperation Council")]),
            ("apart", &[(Role::Text, "summary", "co operation and e e")]),
            ("ee", &[(Role::Text, "summary", "the ee word")]),
        ]);
        let words = |q: &str| -> (Vec<String>, Vec<String>) {
            let words: Vec<String> = fold_words(q).collect();
            let distinct = distinct(&words);
            (words, distinct)
        };
        let (once, once_distinct) = words("co operation");
        let long = "co operation ".repeat(2000);
        let (many, many_distinct) = words(&long);
        assert_eq!(many.len(), 4000);
        // Joined once, the pair is gone; said again, its words stay beside
        // the compound. Either way one reading.
        assert_eq!(
            i.compound_readings(&many, &many_distinct),
            [vec!["co", "cooperation", "operation"]]
        );
        assert_eq!(
            i.compound_readings(&once, &once_distinct),
            [vec!["cooperation"]]
        );
        assert_eq!(ids(&i, &long), ["apart"]);
        let mut found = ids(&i, "co operation");
        found.sort();
        assert_eq!(found, ["apart", "joined"]);
        // "e e" joins into "ee", and "e" alone stays when it is said again.
        let (e, e_distinct) = words(&"e ".repeat(8000));
        assert_eq!(
            i.compound_readings(&e, &e_distinct),
            [vec!["e", "ee"]],
            "one reading, not 7,999"
        );
        let (two, two_distinct) = words("e e");
        assert_eq!(i.compound_readings(&two, &two_distinct), [vec!["ee"]]);
        assert_eq!(ids(&i, &"e ".repeat(8000)), ["apart"]);
        let mut found = ids(&i, "e e");
        found.sort();
        assert_eq!(found, ["apart", "ee"]);
    }

    #[test]
    fn a_query_of_too_many_different_words_is_refused() {
        let words: Vec<String> = (0..=MAX_QUERY_WORDS).map(|n| format!("w{n}")).collect();
        let over = words.join(" ");
        let problem = too_many_words(&over).expect("over the limit");
        assert!(problem.contains("33 different words"), "{problem}");
        assert!(problem.contains("at most 32"), "{problem}");
        let at = words[..MAX_QUERY_WORDS].join(" ");
        assert_eq!(too_many_words(&at), None);
        // Repeated words count once.
        assert_eq!(too_many_words(&"w1 w2 ".repeat(5000)), None);
        let i = index(&[("w", &[(Role::Name, "name", "w1 w2")])]);
        assert!(i.search(&over, Options::default()).is_empty());
        assert!(i.suggest(&over).is_none());
    }

    #[test]
    fn words_may_sit_in_different_fields_ranked_after_one_field() {
        let i = index(&[
            (
                "chair-2026-russia",
                &[
                    (
                        Role::Text,
                        "slogan",
                        "Collective security in a multipolar world",
                    ),
                    (Role::Id, "id", "chair-2026-russia"),
                ],
            ),
            (
                "one-field",
                &[(Role::Text, "summary", "the slogan of Russia's chairmanship")],
            ),
            (
                "neither",
                &[(Role::Text, "slogan", "80 years of the victory")],
            ),
        ]);
        assert_eq!(ids(&i, "russia slogan"), ["one-field", "chair-2026-russia"]);
        let hits = i.search("russia slogan", Options::default());
        assert_eq!(hits[1].matched, MatchKind::Fields);
        assert_eq!(hits[1].field, "slogan", "the field the query names");
        assert_eq!(hits[1].snippet, "Collective security in a multipolar world");
        // Words in two fields' texts; one word in none is no match.
        assert_eq!(ids(&i, "multipolar russia"), ["chair-2026-russia"]);
        assert!(ids(&i, "russia victory").is_empty());
        // Not in a "did you mean", which looks at names only.
        assert!(i.suggest("russia slogan").is_none());
    }
}
