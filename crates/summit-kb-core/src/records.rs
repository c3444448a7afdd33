//! [`Records`]: a [`Dataset`](crate::model::Dataset)'s list of one kind of
//! record, which the embedded snapshot decodes only as far as a question reads
//! it.
//!
//! Read from TOML or JSON, a list is an ordinary vector. In a snapshot each
//! list is written as one run of bytes: the number of records, where each
//! record's bytes begin (little-endian `u32`s) and the records' postcard, one
//! after the other. A list read from the snapshot compiled into the binary
//! keeps those bytes: [`Records::get`] decodes the one record it is asked for,
//! and reading the list as a slice (`iter`, indexing) decodes it whole, once.
//! So `holder` decodes the few terms and sources it shows, never the
//! documents. Any other snapshot (a file given to `--data`) is decoded and
//! checked whole as it is read, so that its errors are loading errors.

use std::fmt;
use std::sync::OnceLock;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{DeserializeOwned, Deserializer, Error, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::wire;

/// A list of records: owned, or the embedded snapshot's bytes of them,
/// decoded record by record or whole on first use. It reads as a slice
/// (`iter`, indexing); [`Records::get`] and [`Records::len`] decode no more
/// than they need; [`Records::to_mut`] gives the vector to change.
pub struct Records<T> {
    list: OnceLock<Vec<T>>,
    /// The embedded snapshot's bytes of the list, and the records decoded
    /// one by one from them, until the list is decoded whole.
    lazy: Option<Lazy<T>>,
}

struct Lazy<T> {
    layout: Layout<'static>,
    /// The records decoded one by one, in chunks of [`CHUNK`] cells made
    /// when one of theirs is asked for: a list of a million records asked
    /// for a few costs a few chunks, not a million cells.
    chunks: OnceLock<Box<[OnceLock<Cells<T>>]>>,
}

/// A chunk's cells, each a record once decoded.
type Cells<T> = Box<[OnceLock<T>]>;

const CHUNK: usize = 64;

/// Where the records lie in a list's bytes (checked when it is read).
#[derive(Clone, Copy)]
struct Layout<'b> {
    bytes: &'b [u8],
    count: usize,
}

impl<'b> Layout<'b> {
    /// The layout of `bytes`, or why they are not a list's. `whole`: check
    /// every record's place too; else only that the table fits the bytes
    /// and ends where they do (the embedded snapshot's, whose tables the
    /// build wrote: checking them all would read every table on every run).
    fn of(bytes: &'b [u8], whole: bool) -> Result<Layout<'b>, String> {
        let count = read_u32(bytes, 0).ok_or("no record count")? as usize;
        let body = count
            .checked_add(2)
            .and_then(|n| n.checked_mul(4))
            .filter(|&start| start <= bytes.len())
            .ok_or("fewer bytes than its record count needs")?;
        let layout = Layout { bytes, count };
        let mut at = 0;
        let checked = if whole { 0..=count } else { count..=count };
        for i in checked {
            let next = read_u32(bytes, 4 + 4 * i).expect("within the table") as usize;
            if next < at && whole {
                return Err("records out of order".into());
            }
            at = next;
        }
        if body + at != bytes.len() {
            return Err("a record table that does not end where the bytes do".into());
        }
        Ok(layout)
    }

    /// The bytes of the `index`th record (`index` below the count).
    fn record(&self, index: usize) -> &'b [u8] {
        let body = (self.count + 2) * 4;
        let start = read_u32(self.bytes, 4 + 4 * index).expect("within the table") as usize;
        let end = read_u32(self.bytes, 8 + 4 * index).expect("within the table") as usize;
        self.bytes
            .get(body + start..body + end)
            .expect("a record within the list's bytes")
    }
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let word = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(word.try_into().ok()?))
}

/// One record of a list's bytes: all of them, or an error.
fn decode_one<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    match postcard::take_from_bytes(bytes) {
        Ok((record, [])) => Ok(record),
        Ok((_, rest)) => Err(format!("{} bytes after a record", rest.len())),
        Err(err) => Err(err.to_string()),
    }
}

/// Every record of a list's bytes.
fn decode_all<T: DeserializeOwned>(layout: &Layout<'_>) -> Result<Vec<T>, String> {
    (0..layout.count)
        .map(|i| decode_one(layout.record(i)))
        .collect()
}

// The embedded snapshot's lists were written by the build from checked
// records of this very model, and their tables were checked when the
// snapshot was read: a record that fails to decode is a defect of this code.
const EMBEDDED: &str = "a record of the embedded snapshot decodes";

impl<T: DeserializeOwned> Records<T> {
    fn list(&self) -> &Vec<T> {
        self.list.get_or_init(|| match &self.lazy {
            Some(lazy) => {
                let layout = lazy.layout;
                wire::reading(layout.bytes, true, || decode_all(&layout)).expect(EMBEDDED)
            }
            None => Vec::new(),
        })
    }

    /// The `index`th record, decoding only it when the list is still the
    /// embedded snapshot's bytes.
    pub fn get(&self, index: usize) -> Option<&T> {
        if let Some(list) = self.list.get() {
            return list.get(index);
        }
        let Some(lazy) = &self.lazy else {
            return self.list().get(index);
        };
        if index >= lazy.layout.count {
            return None;
        }
        let count = lazy.layout.count;
        let chunks = lazy.chunks.get_or_init(|| {
            std::iter::repeat_with(OnceLock::new)
                .take(count.div_ceil(CHUNK))
                .collect()
        });
        let (chunk, at) = (index / CHUNK, index % CHUNK);
        let cells = chunks[chunk].get_or_init(|| {
            std::iter::repeat_with(OnceLock::new)
                .take(CHUNK.min(count - chunk * CHUNK))
                .collect()
        });
        Some(cells[at].get_or_init(|| lazy.decode(index)))
    }

    /// What `f` makes of the `index`th record, decoding it for `f` alone
    /// when the list is still bytes (and keeping nothing): for a binary
    /// search, which compares a few records once each.
    pub fn with<R>(&self, index: usize, f: impl FnOnce(&T) -> R) -> Option<R> {
        match (&self.lazy, self.list.get()) {
            (Some(lazy), None) if index < lazy.layout.count => Some(f(&lazy.decode(index))),
            (Some(_), None) => None,
            _ => self.get(index).map(f),
        }
    }

    /// How many records, without decoding any.
    pub fn len(&self) -> usize {
        match (&self.lazy, self.list.get()) {
            (_, Some(list)) => list.len(),
            (Some(lazy), None) => lazy.layout.count,
            (None, None) => 0,
        }
    }

    /// Whether there is no record, without decoding any.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The list to change (decoded first, when it is still bytes).
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        self.list();
        self.lazy = None;
        self.list.get_mut().expect("decoded just above")
    }

    /// The records, owned.
    pub fn into_vec(mut self) -> Vec<T> {
        std::mem::take(self.to_mut())
    }

    /// Appends `more`, taking it whole when this list is empty (so that a
    /// list still in bytes stays so).
    pub fn extend(&mut self, more: Records<T>) {
        if self.is_empty() {
            *self = more;
        } else {
            self.to_mut().extend(more.into_vec());
        }
    }
}

impl<T: DeserializeOwned> Lazy<T> {
    fn decode(&self, index: usize) -> T {
        let bytes = self.layout.record(index);
        wire::reading(self.layout.bytes, true, || decode_one(bytes)).expect(EMBEDDED)
    }
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            list: OnceLock::new(),
            lazy: None,
        }
    }
}

impl<T> From<Vec<T>> for Records<T> {
    fn from(list: Vec<T>) -> Self {
        Records {
            list: OnceLock::from(list),
            lazy: None,
        }
    }
}

impl<T: DeserializeOwned> std::ops::Deref for Records<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.list()
    }
}

impl<T: DeserializeOwned + Clone> Clone for Records<T> {
    fn clone(&self) -> Self {
        Records::from(self.list().clone())
    }
}

impl<T: DeserializeOwned + fmt::Debug> fmt::Debug for Records<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.list().fmt(f)
    }
}

impl<T: DeserializeOwned + PartialEq> PartialEq for Records<T> {
    fn eq(&self, other: &Self) -> bool {
        self.list() == other.list()
    }
}

impl<T: DeserializeOwned + Serialize> Serialize for Records<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let list = self.list();
        if s.is_human_readable() {
            return list.serialize(s);
        }
        // The snapshot: the count, the table of where each record begins,
        // and the records.
        let too_large = || S::Error::custom("a list of more than 4 GiB or 2^32 records");
        let mut body = Vec::new();
        let mut table = Vec::with_capacity(4 * (list.len() + 2));
        table.extend(
            u32::try_from(list.len())
                .map_err(|_| too_large())?
                .to_le_bytes(),
        );
        for record in list {
            table.extend(
                u32::try_from(body.len())
                    .map_err(|_| too_large())?
                    .to_le_bytes(),
            );
            body = postcard::to_extend(record, body).map_err(S::Error::custom)?;
        }
        table.extend(
            u32::try_from(body.len())
                .map_err(|_| too_large())?
                .to_le_bytes(),
        );
        table.extend(body);
        s.serialize_bytes(&table)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Records<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            return Vec::<T>::deserialize(d).map(Records::from);
        }
        d.deserialize_bytes(RecordsVisitor(std::marker::PhantomData))
    }
}

struct RecordsVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for RecordsVisitor<T> {
    type Value = Records<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the bytes of a list of records")
    }

    fn visit_borrowed_bytes<E: Error>(self, v: &'de [u8]) -> Result<Records<T>, E> {
        match wire::embedded_bytes(v) {
            Some(bytes) => {
                let layout = Layout::of(bytes, false).map_err(E::custom)?;
                Ok(Records {
                    list: OnceLock::new(),
                    lazy: Some(Lazy {
                        layout,
                        chunks: OnceLock::new(),
                    }),
                })
            }
            None => self.visit_bytes(v),
        }
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Records<T>, E> {
        // Not the embedded snapshot's: decoded and checked whole now.
        let layout =
            Layout::of(v, true).map_err(|err| E::custom(format!("a list of records: {err}")))?;
        decode_all(&layout)
            .map(Records::from)
            .map_err(|err| E::custom(format!("a list of records: {err}")))
    }
}

impl<T: JsonSchema> JsonSchema for Records<T> {
    fn inline_schema() -> bool {
        Vec::<T>::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Vec::<T>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot;

    /// The embedded reading of the shipped dataset's snapshot.
    fn embedded() -> (crate::load::Loaded, crate::load::Loaded) {
        let files = crate::load::shipped();
        let bytes: &'static [u8] = files.snapshot().leak();
        let read = snapshot::read_static(bytes, true).unwrap();
        (files, crate::load::Loaded::from(read))
    }

    #[test]
    fn an_embedded_list_decodes_only_the_records_it_is_asked_for() {
        let (files, embedded) = embedded();
        let sources = &embedded.dataset.source;
        assert!(sources.lazy.is_some() && sources.list.get().is_none());
        // Its length is read from its table.
        assert_eq!(sources.len(), files.dataset.source.len());
        assert!(sources.list.get().is_none());
        // One record: the same record, the list still undecoded, and the
        // others not decoded either.
        let last = sources.len() - 1;
        assert_eq!(sources.get(last), files.dataset.source.get(last));
        assert_eq!(sources.get(last + 1), None);
        assert!(sources.list.get().is_none());
        let chunks = sources.lazy.as_ref().unwrap().chunks.get().unwrap();
        assert_eq!(chunks.len(), sources.len().div_ceil(CHUNK));
        let made: Vec<_> = chunks.iter().filter_map(|c| c.get()).collect();
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].iter().filter(|c| c.get().is_some()).count(), 1);
        // With a function: the record, decoded and not kept.
        assert_eq!(
            sources.with(3, |s| s.id.to_string()),
            Some(files.dataset.source[3].id.to_string())
        );
        assert_eq!(sources.with(sources.len(), |_| ()), None);
        assert!(chunks[0].get().is_none());
        // As a slice: decoded whole, once, and equal to the files' list.
        assert_eq!(&sources[..], &files.dataset.source[..]);
        assert!(sources.list.get().is_some());
        assert_eq!(sources.get(0), files.dataset.source.first());
        // The other lists were not touched.
        assert!(embedded.dataset.document.list.get().is_none());
        assert_eq!(embedded.dataset, files.dataset);
    }

    #[test]
    fn a_changed_embedded_list_is_an_ordinary_vector() {
        let (files, mut embedded) = embedded();
        let terms = &mut embedded.dataset.term;
        terms.to_mut().pop();
        assert!(terms.lazy.is_none());
        assert_eq!(terms.len(), files.dataset.term.len() - 1);
        assert_eq!(terms.get(0), files.dataset.term.first());
        // Appending to an empty list takes the other whole, still in bytes.
        let mut empty = Records::default();
        empty.extend(std::mem::take(&mut embedded.dataset.document));
        assert!(empty.lazy.is_some() && empty.list.get().is_none());
        assert_eq!(&empty[..], &files.dataset.document[..]);
    }

    /// The bytes of a list as the snapshot writes them.
    fn list_bytes(records: &[u32]) -> Vec<u8> {
        let written = postcard::to_allocvec(&Records::from(records.to_vec())).unwrap();
        // postcard writes a byte string as its length and its bytes.
        let (bytes, rest): (&[u8], _) = postcard::take_from_bytes(&written).unwrap();
        assert!(rest.is_empty());
        bytes.to_vec()
    }

    #[test]
    fn a_damaged_list_is_an_error_never_fewer_records() {
        let bytes = list_bytes(&[1, 300, 70_000]);
        // count, four offsets, and the records' varints (1, 2 and 3 bytes).
        assert_eq!(bytes.len(), 4 + 4 * 4 + 6);
        let layout = Layout::of(&bytes, true).unwrap();
        assert_eq!(decode_all::<u32>(&layout).unwrap(), [1, 300, 70_000]);
        for cut in 0..bytes.len() {
            assert!(Layout::of(&bytes[..cut], true).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Layout::of(&longer, true).is_err());
        assert!(Layout::of(&longer, false).is_err());
        let mut huge = bytes.clone();
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Layout::of(&huge, true).is_err());
        let mut disordered = bytes.clone();
        disordered[8..12].copy_from_slice(&5u32.to_le_bytes());
        assert!(Layout::of(&disordered, true).is_err());
        // A record whose bytes are not all its own.
        let mut shifted = bytes.clone();
        shifted[8..12].copy_from_slice(&2u32.to_le_bytes());
        let layout = Layout::of(&shifted, true).unwrap();
        assert!(decode_all::<u32>(&layout).is_err());
    }
}
