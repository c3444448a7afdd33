//! The records of a knowledge base, exactly as a dataset file spells them.
//!
//! One set of types serves the TOML files under `data/`, the JSON of `export` and
//! the JSON of every query: every struct refuses unknown fields, dates are checked
//! calendar dates with their precision, and empty or default fields are left out
//! when written, so that export -> load -> export gives the same bytes.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
pub use crate::records::Records;

/// A text of a record: owned when read from a file, borrowed from the bytes
/// of the embedded dataset's snapshot (see [`crate::snapshot`]), so that
/// reading it copies no text.
pub type Text = Cow<'static, str>;

/// An id and a record (its kind and its index in its kind's list): an entry
/// of a dataset's ids sorted, each with the record that has it (see
/// [`Dataset::sorted_ids`]), or of its references sorted, each with a record
/// that refers to it (see [`Dataset::sorted_references`]). The snapshot
/// stores both, with the ids borrowed from its bytes, so that finding a
/// record by its id, or the records that refer to one (a post's terms, a
/// meeting's documents), reads only those records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdEntry(
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub Text,
    pub RecordKind,
    pub u32,
);

impl IdEntry {
    /// Entries owning their ids, from a dataset's sorted ids or references.
    pub fn list(sorted: Vec<(&str, RecordKind, u32)>) -> Records<IdEntry> {
        sorted
            .into_iter()
            .map(|(id, kind, index)| IdEntry(id.to_string().into(), kind, index))
            .collect::<Vec<_>>()
            .into()
    }
}

/// A list of a record, owned or borrowed like [`Text`].
pub type List<T> = Cow<'static, [T]>;

// What serialisation leaves out: a field at its default, in the formats
// people and other tools read (TOML, JSON), where reading it back restores
// the default; never in the snapshot, whose format names no fields and so
// reads every one (see [`crate::snapshot`]).
fn is_empty<T: Clone>(list: &List<T>) -> bool {
    list.is_empty() && crate::wire::omits_defaults()
}

fn no_records<T: serde::de::DeserializeOwned>(list: &Records<T>) -> bool {
    crate::wire::omits_defaults() && list.is_empty()
}

fn none<T>(value: &Option<T>) -> bool {
    value.is_none() && crate::wire::omits_defaults()
}

fn confirmed(confidence: &Confidence) -> bool {
    confidence.is_confirmed() && crate::wire::omits_defaults()
}

fn regular(kind: &MeetingKind) -> bool {
    kind.is_regular() && crate::wire::omits_defaults()
}

fn held(status: &MeetingStatus) -> bool {
    status.is_held() && crate::wire::omits_defaults()
}

/// How a record's texts are read: as serde reads a `Cow` (an owned copy)
/// from TOML and JSON, whose errors stay serde's own; borrowed from the
/// binary when read from the embedded snapshot (see
/// [`crate::wire::borrowed`]), so that loading it copies no text.
pub(crate) mod borrow {
    use serde::de::{Deserializer, Error, Visitor};
    use serde::ser::{SerializeSeq, Serializer};
    use serde::{Deserialize, Serialize};

    use super::{List, Text};

    struct TextVisitor;

    impl<'de> Visitor<'de> for TextVisitor {
        type Value = Text;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_borrowed_bytes<E: Error>(self, v: &'de [u8]) -> Result<Text, E> {
            if let Some(text) = crate::wire::borrowed(v) {
                return Ok(Text::Borrowed(text));
            }
            self.visit_bytes(v)
        }

        fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Text, E> {
            match std::str::from_utf8(v) {
                Ok(text) => Ok(Text::Owned(text.to_owned())),
                Err(_) => Err(E::custom("a text that is not UTF-8")),
            }
        }
    }

    /// A text as the snapshot writes it: its bytes, which reading the
    /// embedded snapshot need not check again (see [`crate::snapshot`]).
    struct Bytes<'t>(&'t str);

    impl Serialize for Bytes<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0.as_bytes())
        }
    }

    /// A text read as [`Bytes`].
    struct Borrowing(Text);

    impl<'de> Deserialize<'de> for Borrowing {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_bytes(TextVisitor).map(Borrowing)
        }
    }

    pub fn write_text<S: Serializer>(text: &Text, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            text.serialize(s)
        } else {
            Bytes(text).serialize(s)
        }
    }

    pub fn write_opt_text<S: Serializer>(text: &Option<Text>, s: S) -> Result<S::Ok, S::Error> {
        match text {
            _ if s.is_human_readable() => text.serialize(s),
            Some(text) => s.serialize_some(&Bytes(text)),
            None => s.serialize_none(),
        }
    }

    pub fn write_texts<S: Serializer>(texts: &List<Text>, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return texts.serialize(s);
        }
        let mut seq = s.serialize_seq(Some(texts.len()))?;
        for text in texts.iter() {
            seq.serialize_element(&Bytes(text))?;
        }
        seq.end()
    }

    pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        if d.is_human_readable() {
            Text::deserialize(d)
        } else {
            Ok(Borrowing::deserialize(d)?.0)
        }
    }

    pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
        if d.is_human_readable() {
            Option::<Text>::deserialize(d)
        } else {
            Ok(Option::<Borrowing>::deserialize(d)?.map(|b| b.0))
        }
    }

    pub fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<List<Text>, D::Error> {
        if d.is_human_readable() {
            List::<Text>::deserialize(d)
        } else {
            let texts = Vec::<Borrowing>::deserialize(d)?;
            Ok(List::Owned(texts.into_iter().map(|b| b.0).collect()))
        }
    }
}

/// `Display` as the data spells the value (`strategy`, `participation-frozen`):
/// its serde name, in one place.
macro_rules! display_as_serde {
    ($($t:ty),* $(,)?) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.serialize(f)
            }
        }
    )*};
}

/// The model's field-less enums, handed to a macro that implements something
/// for each (`Display` here, `Literal` in [`crate::literal`]).
macro_rules! value_enums {
    ($each:ident) => {
        $each!(
            SourceKind,
            Confidence,
            AliasKind,
            MembershipStatus,
            ChangeKind,
            EndCause,
            MeetingStatus,
            MeetingKind,
            Completeness,
            DocumentKind,
            DecisionKind,
        );
    };
}

value_enums!(display_as_serde);

fn is_false(b: &bool) -> bool {
    !*b && crate::wire::omits_defaults()
}

fn is_true(b: &bool) -> bool {
    *b && crate::wire::omits_defaults()
}

fn yes() -> bool {
    true
}

/// A whole dataset, or one file of it: every list may be empty, and a dataset
/// spread over several files is the union of their lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Written by `export`: counts and a content hash, checked against the
    /// records when the file is loaded.
    #[serde(default, skip_serializing_if = "none")]
    pub meta: Option<Meta>,
    /// What the dataset is; at most one file of a dataset says it.
    #[serde(default, skip_serializing_if = "none")]
    pub dataset: Option<DatasetInfo>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub source: Records<Source>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub organization: Records<Organization>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub state: Records<State>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub membership: Records<Membership>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub body: Records<Body>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub person: Records<Person>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub post: Records<Post>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub term: Records<Term>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub meeting: Records<Meeting>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub document: Records<Document>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub decision: Records<Decision>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub chairmanship: Records<Chairmanship>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub operation: Records<Operation>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub claim: Records<Claim>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatasetInfo {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub name: Text,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub description: Option<Text>,
    /// The licence the data is published under, where the publisher states one.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub licence: Option<Text>,
}

/// What an export says about itself. No clock time: the same data gives the
/// same bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The dataset's name, from its `[dataset]` table.
    pub dataset: Option<Text>,
    /// The data's licence, from its `[dataset]` table; null when none is stated.
    pub licence: Option<Text>,
    /// How many records of each kind.
    pub counts: BTreeMap<String, usize>,
    /// `sha256:` and the hex SHA-256 of the export without `meta`, as compact JSON.
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub content_hash: Text,
}

/// Where facts come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub publisher: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub title: Text,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub url: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    pub published: Option<Date>,
    /// BCP 47 language tag of the text (`en`, `ru`, `de`).
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub language: Option<Text>,
    /// What kind of publisher it is: an official site, a news agency, or a
    /// secondary source (a newspaper, a blog, a repost, a legal database).
    #[serde(default, skip_serializing_if = "none")]
    pub kind: Option<SourceKind>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// The organisation's own site, a head of state's or a ministry's.
    Official,
    /// A major news agency publishing under its own name.
    NewsAgency,
    /// Anything else: newspapers, broadcasters, reposts, blogs, encyclopaedias,
    /// legal databases, analyses.
    Secondary,
}

/// The evidence for a record or a single claim: which source says it, in its
/// own words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub source: Text,
    /// A short exact excerpt of the source.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub quote: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    /// How firmly this source establishes what it is cited for (`weak` for a
    /// secondary source or a repost).
    #[serde(default, skip_serializing_if = "confirmed")]
    pub confidence: Confidence,
}

/// How firmly the sources establish a record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Confirmed by the quoted source.
    #[default]
    Confirmed,
    /// Only a secondary or relayed source says it.
    Weak,
    /// Not confirmed: recorded as a claim, never as fact.
    Unconfirmed,
}

impl Confidence {
    pub fn is_confirmed(&self) -> bool {
        *self == Confidence::Confirmed
    }
}

/// Another name for a record, with where that spelling comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub name: Text,
    pub kind: AliasKind,
    /// BCP 47 language tag (`en`, `ru`, `ru-Latn`).
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub lang: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub citations: Records<Citation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AliasKind {
    Official,
    Translation,
    Transliteration,
    Abbreviation,
    /// A wording a source uses that differs from the canonical one.
    ReportedVariant,
    /// A spelling that is wrong, kept so that a search for it still finds the record.
    MisspellingInSource,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub name: Text,
    #[serde(default, skip_serializing_if = "no_records")]
    pub aliases: Records<Alias>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub summary: Option<Text>,
    pub citations: List<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct State {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub name: Text,
    #[serde(default, skip_serializing_if = "no_records")]
    pub aliases: Records<Alias>,
    pub citations: List<Citation>,
}

/// A state's membership of an organisation and how it changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub organization: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub state: Text,
    pub status: MembershipStatus,
    #[serde(default, skip_serializing_if = "no_records")]
    pub changes: Records<MembershipChange>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    pub citations: List<Citation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MembershipStatus {
    Member,
    ParticipationFrozen,
    Suspended,
    Former,
    /// Not a member: an observer state.
    Observer,
    /// Not a member: a dialogue partner.
    DialoguePartner,
    /// Not a member: a partner of the organisation (a status that replaced
    /// observer and dialogue partner where the organisation merged them).
    Partner,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipChange {
    pub date: Date,
    pub kind: ChangeKind,
    #[serde(default, skip_serializing_if = "confirmed")]
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    pub citations: List<Citation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Became a member (for a founding member, the day it signed the founding act).
    Joined,
    /// Became a member again after a suspension or withdrawal.
    Rejoined,
    /// Its membership was suspended: not a member until it rejoins.
    Suspended,
    /// Still a member, but takes no part in the work.
    ParticipationFrozen,
    /// Takes part again after a freeze.
    ParticipationResumed,
    Withdrew,
    /// Started the procedure of accession (not yet a member).
    AccessionStarted,
    /// Became an observer (not a member).
    Observer,
    /// Became a dialogue partner (not a member).
    DialoguePartner,
    /// Became a partner (not a member).
    Partner,
}

/// An organ of an organisation: a council, a secretariat, a unit within it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub organization: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub name: Text,
    #[serde(default, skip_serializing_if = "no_records")]
    pub aliases: Records<Alias>,
    /// The body this one is part of.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub parent: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    pub established: Option<Date>,
    /// The decision that created it.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub established_by: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub summary: Option<Text>,
    pub citations: List<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    /// The canonical name.
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub name: Text,
    #[serde(default, skip_serializing_if = "no_records")]
    pub aliases: Records<Alias>,
    /// The state the person comes from or serves (a state id).
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub country: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub summary: Option<Text>,
    pub citations: List<Citation>,
}

/// A position that people hold in turn, such as Secretary General.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Post {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub organization: Text,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub body: Option<Text>,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub name: Text,
    #[serde(default, skip_serializing_if = "no_records")]
    pub aliases: Records<Alias>,
    /// One holder at a time (the default); its terms may not overlap.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub single_holder: bool,
    pub citations: List<Citation>,
}

/// One person's time in a post. `start` and `end` are both inclusive; a missing
/// `end` means the term is still running.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub post: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub person: Text,
    pub start: Date,
    #[serde(default, skip_serializing_if = "none")]
    pub end: Option<Date>,
    /// Performing the duties without being appointed to the post.
    #[serde(default, skip_serializing_if = "is_false")]
    pub acting: bool,
    /// The decision or meeting that appointed the holder.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub appointed_by: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub appointment_note: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    pub end_cause: Option<EndCause>,
    /// The end is not reported by a source but worked out (from the
    /// successor's start, a fixed term, the next summit); the note says how.
    #[serde(default, skip_serializing_if = "is_false")]
    pub end_derived: bool,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    pub citations: List<Citation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EndCause {
    /// The term ran its full length.
    Expired,
    /// The holder was relieved of the post or recalled.
    Relieved,
    Resigned,
    Died,
    /// An acting holder gave way to an appointed one.
    Succeeded,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingStatus {
    #[default]
    Held,
    /// Announced for a future date; nothing about it is a record of what happened.
    Scheduled,
    /// Planned, then not held (cancelled or postponed).
    NotHeld,
    /// Planned for a day that has passed, and no stored source says whether
    /// it was held: neither held nor not held, and never "scheduled".
    Unrecorded,
}

/// What kind of meeting it was, as the sources call it.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    /// A regular (ordinary) session.
    #[default]
    Regular,
    /// An extraordinary session, called outside the regular cycle.
    Extraordinary,
    /// A jubilee session, marking an anniversary of the organisation or its treaty.
    Jubilee,
    /// An anniversary meeting other than a jubilee session.
    Anniversary,
    /// An informal summit or meeting of the heads of state.
    Informal,
    /// A signing or other gathering that the sources do not call a session.
    Other,
}

/// How completely the dataset records what a meeting adopted and decided.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Completeness {
    /// Every document and decision the sources list is recorded.
    Complete,
    /// Some are recorded; the sources report more, or give no full list.
    Partial,
    /// No list of its outcomes was found: nothing about them is recorded.
    NotRecorded,
}

/// What the dataset knows of a meeting's outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcomes {
    pub recorded: Completeness,
    /// What the sources say about the rest (counts are `documents-signed`
    /// claims about the meeting).
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
}

impl MeetingStatus {
    fn is_held(&self) -> bool {
        *self == MeetingStatus::Held
    }
}

impl MeetingKind {
    fn is_regular(&self) -> bool {
        *self == MeetingKind::Regular
    }
}

/// A meeting of a body: a summit, a session, a ministerial meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub body: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub name: Text,
    /// The day the body itself met (for a summit of several days, the day
    /// of the council's meeting, on which its documents were signed).
    pub date: Date,
    /// The first day of a summit that began before `date` (the council met
    /// on a later day of it).
    #[serde(default, skip_serializing_if = "none")]
    pub start_date: Option<Date>,
    /// The last day of a meeting that ran on after `date`.
    #[serde(default, skip_serializing_if = "none")]
    pub end_date: Option<Date>,
    #[serde(default, skip_serializing_if = "held")]
    pub status: MeetingStatus,
    #[serde(default, skip_serializing_if = "regular")]
    pub kind: MeetingKind,
    /// `unconfirmed` where the sources doubt that the meeting was of the kind
    /// given (or a session of its body at all); the note says why.
    #[serde(default, skip_serializing_if = "confirmed")]
    pub kind_confidence: Confidence,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub place: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub venue: Option<Text>,
    /// The state chairing the meeting (a state id).
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub chair_state: Option<Text>,
    /// The person presiding (a person id).
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub chair_person: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub format: Option<Text>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub participants: Records<Participant>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub absentees: Records<Absentee>,
    /// How completely its participants and absentees are recorded (the same
    /// shape as `outcomes`). Absent means not said: a list of participants is
    /// never read as everyone who attended.
    #[serde(default, skip_serializing_if = "none")]
    pub attendance: Option<Outcomes>,
    /// How completely its documents and decisions are recorded. Absent means
    /// not recorded: never read as "nothing was adopted".
    #[serde(default, skip_serializing_if = "none")]
    pub outcomes: Option<Outcomes>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "confirmed")]
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    pub citations: List<Citation>,
}

impl Meeting {
    /// How completely its outcomes are recorded; not recorded when unsaid.
    pub fn completeness(&self) -> Completeness {
        self.outcomes
            .as_ref()
            .map_or(Completeness::NotRecorded, |o| o.recorded)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The person who attended (a person id); a state alone where the source
    /// names no person.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub person: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub state: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub role: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Absentee {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub state: Text,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub citations: Records<Citation>,
}

/// A text adopted or signed: a declaration, a strategy, a plan, a treaty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub title: Text,
    #[serde(default, skip_serializing_if = "no_records")]
    pub aliases: Records<Alias>,
    pub kind: DocumentKind,
    /// The meeting that adopted it.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub adopted_at: Option<Text>,
    /// The day it was adopted or signed; defaults to the meeting's date.
    #[serde(default, skip_serializing_if = "none")]
    pub adopted: Option<Date>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub place: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    pub in_force: Option<Date>,
    /// The period it is for, in whole calendar units: "2026" to "2030" runs
    /// from 2026-01-01 to 2030-12-31.
    #[serde(default, skip_serializing_if = "none")]
    pub valid_from: Option<Date>,
    #[serde(default, skip_serializing_if = "none")]
    pub valid_to: Option<Date>,
    /// The document this one amends.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub amends: Option<Text>,
    #[serde(default, skip_serializing_if = "is_empty")]
    #[serde(
        serialize_with = "borrow::write_texts",
        deserialize_with = "borrow::texts"
    )]
    pub topics: List<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "confirmed")]
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    pub citations: List<Citation>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    Treaty,
    Charter,
    Agreement,
    Protocol,
    Memorandum,
    Declaration,
    Statement,
    Communique,
    Appeal,
    Strategy,
    Concept,
    Plan,
    Programme,
    Regulation,
    Decision,
    Budget,
    Report,
    List,
    Other,
}

/// Something a meeting decided: an appointment, a body created, a budget, an award.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub meeting: Text,
    pub kind: DecisionKind,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub title: Text,
    #[serde(default, skip_serializing_if = "none")]
    pub effective: Option<Date>,
    /// The records it concerns: a person, a body, a document, a chairmanship.
    #[serde(default, skip_serializing_if = "is_empty")]
    #[serde(
        serialize_with = "borrow::write_texts",
        deserialize_with = "borrow::texts"
    )]
    pub concerns: List<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "confirmed")]
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    pub citations: List<Citation>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    /// Appoints someone to a post, opening a term.
    Appointment,
    /// Appoints the holder again, for a new term.
    Reappointment,
    /// Extends the holder's term or powers.
    Extension,
    /// Relieves a holder of a post.
    Dismissal,
    /// Creates a body, a force or a mechanism.
    Establishment,
    Budget,
    Award,
    Amendment,
    /// Passes or assigns the chairmanship.
    Chairmanship,
    /// Admits a state as a member, or starts its accession.
    Admission,
    /// Suspends a state's membership.
    Suspension,
    /// Grants or changes an observer, partner or other status.
    Status,
    /// Sets the date or place of the next meeting.
    NextMeeting,
    Other,
}

impl DecisionKind {
    /// Whether a decision of this kind puts someone in a post: appointments,
    /// reappointments and extensions, which `--kind appointment` lists together.
    pub fn is_appointment(self) -> bool {
        matches!(
            self,
            DecisionKind::Appointment | DecisionKind::Reappointment | DecisionKind::Extension
        )
    }
}

/// A state's turn in the chair, from `start` to `end`, both inclusive, each a
/// date with its precision: a bound known only to a year or a month makes the
/// days it may stand for "possibly". An unknown start or end is left out. When
/// one chairmanship ends on the day the next starts (a handover at a session),
/// that day belongs to the outgoing chair, who presides over the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chairmanship {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub organization: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub state: Text,
    /// A label, such as the year or the intersessional period the
    /// organisation names the chairmanship by ("2025", "2018-2019"). Never a bound.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub label: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    pub start: Option<Date>,
    #[serde(default, skip_serializing_if = "none")]
    pub end: Option<Date>,
    /// The meeting at which the chair passed to this state.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub handed_over_at: Option<Text>,
    /// The meeting that decided this chairmanship, where that is another one.
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub decided_at: Option<Text>,
    /// A temporary chairmanship, taken on instead of the state next in turn.
    #[serde(default, skip_serializing_if = "is_false")]
    pub temporary: bool,
    #[serde(default, skip_serializing_if = "confirmed")]
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub head_of_state: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    pub slogan: Option<Slogan>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub priorities: Records<Priority>,
    /// The chairmanship that follows (a chairmanship id).
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub handed_to: Option<Text>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    pub citations: List<Citation>,
}

/// A chairmanship's slogan or motto in its official language, with the
/// renderings other sources give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Slogan {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub text: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub lang: Text,
    #[serde(default, skip_serializing_if = "no_records")]
    pub renderings: Records<Rendering>,
    pub citations: List<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rendering {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub text: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub lang: Text,
    pub citations: List<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub text: Text,
    pub citations: List<Citation>,
}

/// A standing operation or programme, such as an anti-drug operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub organization: Text,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub name: Text,
    #[serde(default, skip_serializing_if = "no_records")]
    pub aliases: Records<Alias>,
    #[serde(default, skip_serializing_if = "none")]
    pub since: Option<Date>,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "no_records")]
    pub events: Records<Event>,
    #[serde(default, skip_serializing_if = "confirmed")]
    pub confidence: Confidence,
    pub citations: List<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub date: Date,
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub text: Text,
    pub citations: List<Citation>,
}

/// One source's statement of a value that sources disagree on, such as how many
/// documents a session signed. Every claim is kept; none is picked silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub id: Text,
    /// The record the claim is about.
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub subject: Text,
    /// What is claimed, as a short kebab-case name (`documents-signed`).
    #[serde(
        serialize_with = "borrow::write_text",
        deserialize_with = "borrow::text"
    )]
    pub property: Text,
    pub value: ClaimValue,
    #[serde(default, skip_serializing_if = "confirmed")]
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "none")]
    #[serde(
        serialize_with = "borrow::write_opt_text",
        deserialize_with = "borrow::opt_text"
    )]
    pub note: Option<Text>,
    pub citations: List<Citation>,
}

// A claimed value: a number or a text, written as the bare value in TOML
// and JSON (`value = 6`, `value = "six"`); the snapshot, which cannot tell
// them apart by looking, writes which it is.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum ClaimValue {
    Integer(i64),
    Text(Text),
}

/// The two spellings of [`ClaimValue`], each derived by serde: untagged for
/// the formats that describe themselves, tagged for the snapshot. Both are
/// named `ClaimValue`, so that their errors name it as the data does.
mod claim_value {
    use super::Text;
    use serde::{Deserialize, Serialize};

    pub mod untagged {
        use super::*;
        #[derive(Serialize, Deserialize)]
        #[serde(untagged)]
        pub enum ClaimValue {
            Integer(i64),
            Text(Text),
        }
    }

    pub mod tagged {
        use super::*;
        #[derive(Serialize, Deserialize)]
        pub enum ClaimValue {
            Integer(i64),
            Text(Text),
        }
    }
}

impl Serialize for ClaimValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use claim_value::{tagged as t, untagged as u};
        let value = self.clone();
        if serializer.is_human_readable() {
            match value {
                ClaimValue::Integer(n) => u::ClaimValue::Integer(n),
                ClaimValue::Text(s) => u::ClaimValue::Text(s),
            }
            .serialize(serializer)
        } else {
            match value {
                ClaimValue::Integer(n) => t::ClaimValue::Integer(n),
                ClaimValue::Text(s) => t::ClaimValue::Text(s),
            }
            .serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for ClaimValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use claim_value::{tagged as t, untagged as u};
        Ok(if deserializer.is_human_readable() {
            match u::ClaimValue::deserialize(deserializer)? {
                u::ClaimValue::Integer(n) => ClaimValue::Integer(n),
                u::ClaimValue::Text(s) => ClaimValue::Text(s),
            }
        } else {
            match t::ClaimValue::deserialize(deserializer)? {
                t::ClaimValue::Integer(n) => ClaimValue::Integer(n),
                t::ClaimValue::Text(s) => ClaimValue::Text(s),
            }
        })
    }
}

impl std::fmt::Display for ClaimValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClaimValue::Integer(n) => write!(f, "{n}"),
            ClaimValue::Text(s) => f.write_str(s),
        }
    }
}

/// The kinds of record, in the order a dataset declares its lists: the one
/// table of their names, for the TOML tables, `meta.counts`, references, the
/// search order and the SQLite tables.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Source,
    Organization,
    State,
    Membership,
    Body,
    Person,
    Post,
    Term,
    Meeting,
    Document,
    Decision,
    Chairmanship,
    Operation,
    Claim,
}

impl RecordKind {
    /// Every kind, in the order a dataset declares its lists.
    pub const ALL: [RecordKind; 14] = [
        RecordKind::Source,
        RecordKind::Organization,
        RecordKind::State,
        RecordKind::Membership,
        RecordKind::Body,
        RecordKind::Person,
        RecordKind::Post,
        RecordKind::Term,
        RecordKind::Meeting,
        RecordKind::Document,
        RecordKind::Decision,
        RecordKind::Chairmanship,
        RecordKind::Operation,
        RecordKind::Claim,
    ];

    /// The singular, as the TOML table and the JSON list are named (`person`).
    pub fn name(self) -> &'static str {
        self.names().0
    }

    /// The plural in snake_case, as a table of records is named (`people`).
    pub fn plural(self) -> &'static str {
        self.names().1
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            RecordKind::Source => ("source", "sources"),
            RecordKind::Organization => ("organization", "organizations"),
            RecordKind::State => ("state", "states"),
            RecordKind::Membership => ("membership", "memberships"),
            RecordKind::Body => ("body", "bodies"),
            RecordKind::Person => ("person", "people"),
            RecordKind::Post => ("post", "posts"),
            RecordKind::Term => ("term", "terms"),
            RecordKind::Meeting => ("meeting", "meetings"),
            RecordKind::Document => ("document", "documents"),
            RecordKind::Decision => ("decision", "decisions"),
            RecordKind::Chairmanship => ("chairmanship", "chairmanships"),
            RecordKind::Operation => ("operation", "operations"),
            RecordKind::Claim => ("claim", "claims"),
        }
    }

    /// Several kinds as a reader would list them: `decision or meeting`.
    pub fn either(kinds: &[RecordKind]) -> String {
        let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
        names.join(" or ")
    }
}

/// A record's place in its dataset: its kind and its index in that kind's
/// list. What a record is known by where its address would not do: it
/// stays the same for as long as the dataset is not changed, and it is the
/// same whether the record's texts are owned or borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Handle {
    pub kind: RecordKind,
    pub index: u32,
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A borrowed record of any kind, for what treats them alike: the id index,
/// `show`, reference checks and search.
#[derive(Debug, Clone, Copy)]
pub enum Record<'a> {
    Source(&'a Source),
    Organization(&'a Organization),
    State(&'a State),
    Membership(&'a Membership),
    Body(&'a Body),
    Person(&'a Person),
    Post(&'a Post),
    Term(&'a Term),
    Meeting(&'a Meeting),
    Document(&'a Document),
    Decision(&'a Decision),
    Chairmanship(&'a Chairmanship),
    Operation(&'a Operation),
    Claim(&'a Claim),
}

/// Runs `$body` with `$r` bound to the record inside whatever variant `$rec` is.
macro_rules! each_record {
    ($rec:expr, $r:ident => $body:expr) => {
        match $rec {
            Record::Source($r) => $body,
            Record::Organization($r) => $body,
            Record::State($r) => $body,
            Record::Membership($r) => $body,
            Record::Body($r) => $body,
            Record::Person($r) => $body,
            Record::Post($r) => $body,
            Record::Term($r) => $body,
            Record::Meeting($r) => $body,
            Record::Document($r) => $body,
            Record::Decision($r) => $body,
            Record::Chairmanship($r) => $body,
            Record::Operation($r) => $body,
            Record::Claim($r) => $body,
        }
    };
}

impl<'a> Record<'a> {
    pub fn id(self) -> &'a str {
        each_record!(self, r => &r.id)
    }

    /// The record's kind (`Display` as its TOML table is named).
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Source(_) => RecordKind::Source,
            Record::Organization(_) => RecordKind::Organization,
            Record::State(_) => RecordKind::State,
            Record::Membership(_) => RecordKind::Membership,
            Record::Body(_) => RecordKind::Body,
            Record::Person(_) => RecordKind::Person,
            Record::Post(_) => RecordKind::Post,
            Record::Term(_) => RecordKind::Term,
            Record::Meeting(_) => RecordKind::Meeting,
            Record::Document(_) => RecordKind::Document,
            Record::Decision(_) => RecordKind::Decision,
            Record::Chairmanship(_) => RecordKind::Chairmanship,
            Record::Operation(_) => RecordKind::Operation,
            Record::Claim(_) => RecordKind::Claim,
        }
    }

    /// The record's own name or title with its field (`name` or `title`),
    /// for the kinds that have one.
    pub fn name(&self) -> Option<(&'static str, &'a str)> {
        Some(match *self {
            Record::Source(r) => ("title", &r.title),
            Record::Organization(r) => ("name", &r.name),
            Record::State(r) => ("name", &r.name),
            Record::Body(r) => ("name", &r.name),
            Record::Person(r) => ("name", &r.name),
            Record::Post(r) => ("name", &r.name),
            Record::Meeting(r) => ("name", &r.name),
            Record::Document(r) => ("title", &r.title),
            Record::Decision(r) => ("title", &r.title),
            Record::Operation(r) => ("name", &r.name),
            Record::Membership(_)
            | Record::Term(_)
            | Record::Chairmanship(_)
            | Record::Claim(_) => return None,
        })
    }

    /// What a person would call the record: its name or title, or a short description.
    pub fn label(&self) -> String {
        match *self {
            Record::Source(r) => format!("{}: {}", r.publisher, r.title),
            Record::Membership(r) => format!("{} in {}", r.state, r.organization),
            Record::Term(r) => format!("{} as {}", r.person, r.post),
            Record::Chairmanship(r) => match &r.label {
                Some(label) => format!("{} chairmanship {label}", r.state),
                None => format!("{} chairmanship", r.state),
            },
            Record::Claim(r) => format!("{} {} = {}", r.subject, r.property, r.value),
            _ => self
                .name()
                .map(|(_, name)| name.to_string())
                .unwrap_or_default(),
        }
    }

    /// The other names of the record (none for kinds that have none).
    pub fn aliases(&self) -> &'a [Alias] {
        match *self {
            Record::Organization(r) => &r.aliases,
            Record::State(r) => &r.aliases,
            Record::Body(r) => &r.aliases,
            Record::Person(r) => &r.aliases,
            Record::Post(r) => &r.aliases,
            Record::Document(r) => &r.aliases,
            Record::Operation(r) => &r.aliases,
            _ => &[],
        }
    }

    /// The record's own citations (not those of its parts). A source is
    /// evidence itself and cites nothing.
    pub fn citations(&self) -> &'a [Citation] {
        match *self {
            Record::Source(_) => &[],
            Record::Organization(r) => &r.citations,
            Record::State(r) => &r.citations,
            Record::Membership(r) => &r.citations,
            Record::Body(r) => &r.citations,
            Record::Person(r) => &r.citations,
            Record::Post(r) => &r.citations,
            Record::Term(r) => &r.citations,
            Record::Meeting(r) => &r.citations,
            Record::Document(r) => &r.citations,
            Record::Decision(r) => &r.citations,
            Record::Chairmanship(r) => &r.citations,
            Record::Operation(r) => &r.citations,
            Record::Claim(r) => &r.citations,
        }
    }

    /// Every citation anywhere in the record, with where it stands: "" for the
    /// record's own, else a path such as `aliases[Taratebtek Masadikov]`. The
    /// record's own come first.
    ///
    /// Walks the typed record (a path names a list item by its `name`, `text`,
    /// `state`, `person` or `date`, in that order of preference), so that
    /// `check` does not convert every record to JSON on every run. A test
    /// checks it against a walk of the record's JSON form.
    pub fn all_citations(self) -> Vec<(String, Citation)> {
        let mut out = Vec::new();
        self.walk_citations(&mut |path, list| {
            out.extend(list.iter().map(|c| (path(), c.clone())));
        });
        out
    }

    /// Every citation anywhere in the record, as [`Record::all_citations`]
    /// lists them, without their paths or copies: what `check` needs.
    pub fn cited(self) -> Vec<&'a Citation> {
        let mut out = Vec::new();
        self.walk_citations(&mut |_, list| out.extend(list));
        out
    }

    /// Calls `f` with each citation list of the record (its own first) and a
    /// function that names where the list stands.
    fn walk_citations(self, f: &mut CitationSink<'_, 'a>) {
        f(&String::new, self.citations());
        let aliases = |f: &mut CitationSink<'_, 'a>, list: &'a [Alias]| {
            for a in list {
                f(&|| format!("aliases[{}]", a.name), &a.citations);
            }
        };
        match self {
            Record::Source(_) => {}
            Record::Organization(r) => aliases(f, &r.aliases),
            Record::State(r) => aliases(f, &r.aliases),
            Record::Membership(r) => {
                for c in r.changes.iter() {
                    f(&|| format!("changes[{}]", c.date), &c.citations);
                }
            }
            Record::Body(r) => aliases(f, &r.aliases),
            Record::Person(r) => aliases(f, &r.aliases),
            Record::Post(r) => aliases(f, &r.aliases),
            Record::Term(_) | Record::Decision(_) | Record::Claim(_) => {}
            Record::Meeting(r) => {
                for a in r.absentees.iter() {
                    f(&|| format!("absentees[{}]", a.state), &a.citations);
                }
            }
            Record::Document(r) => aliases(f, &r.aliases),
            Record::Chairmanship(r) => {
                if let Some(slogan) = &r.slogan {
                    for x in slogan.renderings.iter() {
                        f(&|| format!("slogan.renderings[{}]", x.text), &x.citations);
                    }
                    f(&|| "slogan".to_string(), &slogan.citations);
                }
                for x in r.priorities.iter() {
                    f(&|| format!("priorities[{}]", x.text), &x.citations);
                }
            }
            Record::Operation(r) => {
                aliases(f, &r.aliases);
                for e in r.events.iter() {
                    f(&|| format!("events[{}]", e.text), &e.citations);
                }
            }
        }
    }

    /// The record as it is exported.
    pub fn to_json(self) -> serde_json::Value {
        each_record!(self, r => serde_json::to_value(r).expect("records serialize to JSON"))
    }
}

impl Dataset {
    /// Every record, kind by kind in the order the lists are declared.
    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        let d = self;
        std::iter::empty()
            .chain(d.source.iter().map(Record::Source))
            .chain(d.organization.iter().map(Record::Organization))
            .chain(d.state.iter().map(Record::State))
            .chain(d.membership.iter().map(Record::Membership))
            .chain(d.body.iter().map(Record::Body))
            .chain(d.person.iter().map(Record::Person))
            .chain(d.post.iter().map(Record::Post))
            .chain(d.term.iter().map(Record::Term))
            .chain(d.meeting.iter().map(Record::Meeting))
            .chain(d.document.iter().map(Record::Document))
            .chain(d.decision.iter().map(Record::Decision))
            .chain(d.chairmanship.iter().map(Record::Chairmanship))
            .chain(d.operation.iter().map(Record::Operation))
            .chain(d.claim.iter().map(Record::Claim))
    }

    /// Every record with its [`Handle`], in the order of [`Dataset::records`].
    pub fn indexed(&self) -> impl Iterator<Item = (Handle, Record<'_>)> {
        let mut kind = None;
        let mut index = 0;
        self.records().map(move |record| {
            if kind != Some(record.kind()) {
                kind = Some(record.kind());
                index = 0;
            }
            let handle = Handle {
                kind: record.kind(),
                index,
            };
            index += 1;
            (handle, record)
        })
    }

    /// `sha256:` and the SHA-256, in hex, of the compact JSON of the
    /// records (without any `meta` the dataset carries): what an export's
    /// `meta.content_hash` says. The JSON is streamed into the hash, never
    /// held in memory: at 100,000 records a copy would double what `export`
    /// needs.
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        use std::io::Write;

        struct HashWriter<'h>(&'h mut Sha256);
        impl Write for HashWriter<'_> {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.update(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }

        let mut hasher = Sha256::new();
        let records = if self.meta.is_none() {
            Cow::Borrowed(self)
        } else {
            let mut data = self.clone();
            data.meta = None;
            Cow::Owned(data)
        };
        serde_json::to_writer(&mut HashWriter(&mut hasher), &*records)
            .expect("a dataset serializes to JSON");
        let hex: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("sha256:{hex}")
    }

    /// The `index`th record of a kind, in the order of its list.
    pub fn record(&self, kind: RecordKind, index: usize) -> Option<Record<'_>> {
        use RecordKind as K;
        Some(match kind {
            K::Source => Record::Source(self.source.get(index)?),
            K::Organization => Record::Organization(self.organization.get(index)?),
            K::State => Record::State(self.state.get(index)?),
            K::Membership => Record::Membership(self.membership.get(index)?),
            K::Body => Record::Body(self.body.get(index)?),
            K::Person => Record::Person(self.person.get(index)?),
            K::Post => Record::Post(self.post.get(index)?),
            K::Term => Record::Term(self.term.get(index)?),
            K::Meeting => Record::Meeting(self.meeting.get(index)?),
            K::Document => Record::Document(self.document.get(index)?),
            K::Decision => Record::Decision(self.decision.get(index)?),
            K::Chairmanship => Record::Chairmanship(self.chairmanship.get(index)?),
            K::Operation => Record::Operation(self.operation.get(index)?),
            K::Claim => Record::Claim(self.claim.get(index)?),
        })
    }

    /// The record a [`Handle`] stands for.
    pub fn at(&self, handle: Handle) -> Option<Record<'_>> {
        self.record(handle.kind, handle.index as usize)
    }

    /// How many records of each kind the dataset has, for the kinds it has,
    /// in the order of [`Dataset::records`].
    pub fn counts(&self) -> Vec<(RecordKind, usize)> {
        RecordKind::ALL
            .into_iter()
            .map(|kind| (kind, self.count(kind)))
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    /// How many records of a kind the dataset has.
    pub fn count(&self, kind: RecordKind) -> usize {
        use RecordKind as K;
        match kind {
            K::Source => self.source.len(),
            K::Organization => self.organization.len(),
            K::State => self.state.len(),
            K::Membership => self.membership.len(),
            K::Body => self.body.len(),
            K::Person => self.person.len(),
            K::Post => self.post.len(),
            K::Term => self.term.len(),
            K::Meeting => self.meeting.len(),
            K::Document => self.document.len(),
            K::Decision => self.decision.len(),
            K::Chairmanship => self.chairmanship.len(),
            K::Operation => self.operation.len(),
            K::Claim => self.claim.len(),
        }
    }

    /// Every record's id with its kind and place in its kind's list, sorted
    /// by id; of records that share an id, the first. What [`crate::kb::Kb`]
    /// looks ids up in for the embedded dataset, sorted by the build.
    pub fn sorted_ids(&self) -> Vec<(&str, RecordKind, u32)> {
        let mut ids: Vec<(&str, RecordKind, u32)> = self
            .indexed()
            .map(|(handle, record)| (record.id(), handle.kind, handle.index))
            .collect();
        // Stable: the first record of an id stays first.
        ids.sort_by(|a, b| a.0.cmp(b.0));
        ids.dedup_by(|later, earlier| later.0 == earlier.0);
        ids
    }

    /// Every id a record refers to (see [`Record::references`]), with the
    /// referring record's kind and index, sorted by id, kind and index,
    /// once each.
    pub fn sorted_references(&self) -> Vec<(&str, RecordKind, u32)> {
        let mut refs: Vec<(&str, RecordKind, u32)> = self
            .indexed()
            .flat_map(|(handle, record)| {
                record
                    .references()
                    .into_iter()
                    .map(move |(_, target, _)| (target, handle.kind, handle.index))
            })
            .collect();
        refs.sort_unstable();
        refs.dedup();
        refs
    }

    /// Appends every list of `other` to this dataset's. The `[dataset]` table of
    /// `other` is taken only when this one has none; the caller decides whether
    /// two of them are an error.
    pub fn append(&mut self, other: Dataset) {
        if self.dataset.is_none() {
            self.dataset = other.dataset;
        }
        self.source.extend(other.source);
        self.organization.extend(other.organization);
        self.state.extend(other.state);
        self.membership.extend(other.membership);
        self.body.extend(other.body);
        self.person.extend(other.person);
        self.post.extend(other.post);
        self.term.extend(other.term);
        self.meeting.extend(other.meeting);
        self.document.extend(other.document);
        self.decision.extend(other.decision);
        self.chairmanship.extend(other.chairmanship);
        self.operation.extend(other.operation);
        self.claim.extend(other.claim);
    }
}

/// Receives each citation list of a record with a function naming where it
/// stands (see [`Record::all_citations`]).
type CitationSink<'s, 'a> = dyn FnMut(&dyn Fn() -> String, &'a [Citation]) + 's;

/// (field, id, the kinds of record it may name; empty = any kind).
pub type Reference<'a> = (&'static str, &'a str, &'static [RecordKind]);

impl<'a> Record<'a> {
    /// Every id the record refers to.
    pub fn references(self) -> Vec<Reference<'a>> {
        use RecordKind as K;
        const ORG: &[K] = &[K::Organization];
        const STATE: &[K] = &[K::State];
        const PERSON: &[K] = &[K::Person];
        let mut refs: Vec<Reference<'a>> = Vec::new();
        let mut add = |field, target: Option<&'a Text>, kinds| {
            if let Some(t) = target {
                refs.push((field, t.as_ref(), kinds));
            }
        };
        match self {
            Record::Source(_) | Record::Organization(_) | Record::State(_) => {}
            Record::Membership(r) => {
                add("organization", Some(&r.organization), ORG);
                add("state", Some(&r.state), STATE);
            }
            Record::Body(r) => {
                add("organization", Some(&r.organization), ORG);
                add("parent", r.parent.as_ref(), &[K::Body]);
                add("established_by", r.established_by.as_ref(), &[K::Decision]);
            }
            Record::Person(r) => add("country", r.country.as_ref(), STATE),
            Record::Post(r) => {
                add("organization", Some(&r.organization), ORG);
                add("body", r.body.as_ref(), &[K::Body]);
            }
            Record::Term(r) => {
                add("post", Some(&r.post), &[K::Post]);
                add("person", Some(&r.person), PERSON);
                add(
                    "appointed_by",
                    r.appointed_by.as_ref(),
                    &[K::Decision, K::Meeting],
                );
            }
            Record::Meeting(r) => {
                add("body", Some(&r.body), &[K::Body]);
                add("chair_state", r.chair_state.as_ref(), STATE);
                add("chair_person", r.chair_person.as_ref(), PERSON);
                for p in r.participants.iter() {
                    add("participants.person", p.person.as_ref(), PERSON);
                    add("participants.state", p.state.as_ref(), STATE);
                }
                for a in r.absentees.iter() {
                    add("absentees.state", Some(&a.state), STATE);
                }
            }
            Record::Document(r) => {
                add("adopted_at", r.adopted_at.as_ref(), &[K::Meeting]);
                add("amends", r.amends.as_ref(), &[K::Document]);
            }
            Record::Decision(r) => {
                add("meeting", Some(&r.meeting), &[K::Meeting]);
                for c in r.concerns.iter() {
                    add("concerns", Some(c), &[]);
                }
            }
            Record::Chairmanship(r) => {
                add("organization", Some(&r.organization), ORG);
                add("state", Some(&r.state), STATE);
                add("head_of_state", r.head_of_state.as_ref(), PERSON);
                add("handed_to", r.handed_to.as_ref(), &[K::Chairmanship]);
                add("handed_over_at", r.handed_over_at.as_ref(), &[K::Meeting]);
                add("decided_at", r.decided_at.as_ref(), &[K::Meeting]);
            }
            Record::Operation(r) => add("organization", Some(&r.organization), ORG),
            Record::Claim(r) => add("subject", Some(&r.subject), &[]),
        }
        refs
    }
}

/// Collects the `citations` lists of a record's JSON form and of its parts:
/// the reference [`Record::all_citations`] is tested against.
#[cfg(test)]
fn walk_citations(value: &serde_json::Value, path: String, out: &mut Vec<(String, Citation)>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if key == "citations" {
                    if let Ok(list) = serde_json::from_value::<Vec<Citation>>(v.clone()) {
                        out.extend(list.into_iter().map(|c| (path.clone(), c)));
                    }
                } else {
                    let sub = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk_citations(v, sub, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let name = ["name", "text", "state", "person", "date"]
                    .iter()
                    .find_map(|k| v.get(k).and_then(Value::as_str))
                    .map_or_else(|| i.to_string(), str::to_string);
                walk_citations(v, format!("{path}[{name}]"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_kinds_are_the_lists_of_a_dataset_in_their_order() {
        let schema = serde_json::to_value(schemars::schema_for!(Dataset)).unwrap();
        let lists: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| !["meta", "dataset"].contains(k))
            .collect();
        let names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(lists, names);
        let mut sorted = RecordKind::ALL;
        sorted.sort();
        assert_eq!(sorted, RecordKind::ALL, "ALL is in declaration order");
        for kind in RecordKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
            let plural = kind.plural();
            assert!(plural.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
        assert_eq!(RecordKind::Person.plural(), "people");
        assert_eq!(RecordKind::Body.plural(), "bodies");
    }

    #[test]
    fn handles_count_each_kinds_list_and_find_their_records() {
        let data = crate::load::shipped().dataset;
        let mut seen = 0;
        for kind in RecordKind::ALL {
            let handles: Vec<u32> = data
                .indexed()
                .filter(|(h, _)| h.kind == kind)
                .map(|(h, _)| h.index)
                .collect();
            let expected: Vec<u32> = (0..data.count(kind) as u32).collect();
            assert_eq!(handles, expected, "{kind}");
            seen += handles.len();
        }
        assert_eq!(seen, data.records().count());
        for (handle, record) in data.indexed() {
            let at = data.at(handle).unwrap();
            assert_eq!((at.kind(), at.id()), (record.kind(), record.id()));
            assert!(std::ptr::eq(at.id(), record.id()), "the same record");
        }
        let past = Handle {
            kind: RecordKind::Person,
            index: data.count(RecordKind::Person) as u32,
        };
        assert!(data.at(past).is_none());
    }

    /// The citations of a record by the JSON walk, own citations first.
    fn by_json(record: Record<'_>) -> Vec<(String, Citation)> {
        let mut out = Vec::new();
        walk_citations(&record.to_json(), String::new(), &mut out);
        out.sort_by_key(|(path, _)| !path.is_empty());
        out
    }

    #[test]
    fn typed_citation_walk_matches_the_json_walk_on_every_part() {
        let mut dataset = Dataset::default();
        dataset.append(crate::load::shipped().dataset);
        // Parts the embedded dataset may lack: every kind that carries citations.
        let extra = r#"
[[operation]]
id = "op"
organization = "org"
name = "Op"
aliases = [{ name = "O", kind = "abbreviation", citations = [{ source = "a" }] }]
events = [{ date = "2024", text = "Stage", citations = [{ source = "b", quote = "q" }] }]
citations = [{ source = "c" }]

[[chairmanship]]
id = "ch"
organization = "org"
state = "st"
label = "2026"
slogan = { text = "S", lang = "en", renderings = [{ text = "R", lang = "ru", citations = [{ source = "d" }] }], citations = [{ source = "e" }] }
priorities = [{ text = "P", citations = [{ source = "f" }] }]
citations = [{ source = "g" }]

[[meeting]]
id = "m"
body = "b"
name = "M"
date = "2025"
absentees = [{ state = "x", citations = [{ source = "h" }] }]
citations = [{ source = "i" }]

[[membership]]
id = "mem"
organization = "org"
state = "st"
status = "member"
changes = [{ date = "1992-05", kind = "joined", citations = [{ source = "j" }] }]
citations = [{ source = "k" }]
"#;
        dataset.append(crate::load::parse_toml("extra.toml", extra).unwrap());
        let mut parts = std::collections::BTreeSet::new();
        for record in dataset.records() {
            let typed = record.all_citations();
            assert_eq!(typed, by_json(record), "{}", record.id());
            let cited: Vec<Citation> = record.cited().into_iter().cloned().collect();
            let listed: Vec<Citation> = typed.iter().map(|(_, c)| c.clone()).collect();
            assert_eq!(cited, listed, "{}", record.id());
            for (path, _) in typed {
                parts.insert(path.split('[').next().unwrap_or_default().to_string());
            }
        }
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        assert_eq!(
            parts,
            [
                "",
                "absentees",
                "aliases",
                "changes",
                "events",
                "priorities",
                "slogan",
                "slogan.renderings"
            ]
        );
    }
}
