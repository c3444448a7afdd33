//! A checked dataset as bytes: what the binary's build script writes of the
//! embedded dataset (see [`crate::embed`]), so that a query on it neither
//! parses TOML nor checks it again, and what `export --format snapshot` writes
//! for `--data`.
//!
//! The bytes are [postcard] (serde's compact binary format: varints, no field
//! names) of the records and of what is known of their files, after a header
//! naming the format and the model it was written with. postcard reads every
//! field in order, so nothing may be left out when writing: the model's
//! `skip_serializing_if` predicates ask [`crate::wire::omits_defaults`], which
//! is false while a snapshot is written. Each record list is one run of bytes
//! that a run decodes only when a question reads it (see
//! [`crate::records::Records`]).

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::model::{Dataset, IdEntry, RecordKind, Records};
use crate::search_index::Index;
use crate::wire;

/// The first bytes of a snapshot: a name, and the version of the format
/// (the last byte).
pub const MAGIC: &[u8; 8] = b"SKBSNAP\x04";

/// The model a snapshot's records were written with: the start of the
/// SHA-256 of the model's JSON Schema, which changes with any field or
/// variant (a unit test keeps it in step). A snapshot of another model is
/// refused, never misread.
pub const MODEL: &str = "e61a4127b889a293";

/// Files' names and record counts, per file in load order.
pub type Counts = Vec<FileCounts>;

/// A file's name, and how many records of each kind it gave.
pub type FileCounts = (String, Vec<(RecordKind, usize)>);

#[derive(Serialize, Deserialize)]
struct Head {
    model: String,
    // A list decoded only when read (by `check`, or to say where a record
    // was read from): a dataset of 10,000 files would decode 10,000 names
    // and counts on every run.
    counts: Records<FileCounts>,
    info_files: Vec<String>,
    content_hash: String,
    ids: Records<IdEntry>,
    refs: Records<IdEntry>,
}

/// What a snapshot holds: the records, checked when it was written, and
/// what was made of them then.
#[derive(Debug)]
pub struct Snapshot {
    pub dataset: Dataset,
    /// For each file the snapshot was made from, its name and how many
    /// records of each kind it gave.
    pub counts: Records<FileCounts>,
    /// The files that held the `[dataset]` table.
    pub info_files: Vec<String>,
    /// The dataset's [`Dataset::content_hash`].
    pub content_hash: String,
    /// The dataset's [`Dataset::sorted_ids`].
    pub ids: Records<IdEntry>,
    /// The dataset's [`Dataset::sorted_references`].
    pub refs: Records<IdEntry>,
    /// The bytes of the search index's parts (see
    /// [`crate::search_index::IndexParts`]), kept only for the embedded
    /// snapshot, whose bytes are trusted.
    pub search_parts: Option<&'static [u8]>,
}

/// Whether `bytes` begin as a snapshot does, of this format's version or
/// another (which [`read`] refuses by name, rather than as a file that is
/// not TOML).
pub fn is_snapshot(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC[..MAGIC.len() - 1]) && bytes.len() >= MAGIC.len()
}

/// The snapshot of a dataset (which the caller has checked) as one file
/// named `name`, as `export --format snapshot` writes it.
pub fn of_dataset(dataset: &Dataset, name: &str) -> Vec<u8> {
    let info = if dataset.dataset.is_some() {
        vec![name.to_string()]
    } else {
        Vec::new()
    };
    write(dataset, vec![(name.to_string(), dataset.counts())], info)
}

/// The snapshot of a dataset (which the caller has checked) read from the
/// files `counts` names.
pub fn write(dataset: &Dataset, counts: Counts, info_files: Vec<String>) -> Vec<u8> {
    let head = Head {
        model: MODEL.to_string(),
        counts: counts.into(),
        info_files,
        content_hash: dataset.content_hash(),
        ids: IdEntry::list(dataset.sorted_ids()),
        refs: IdEntry::list(dataset.sorted_references()),
    };
    wire::writing(|| {
        let mut out = MAGIC.to_vec();
        // Serialising the model's own types to memory cannot fail.
        out = postcard::to_extend(&head, out).expect("a snapshot's head serialises");
        out = postcard::to_extend(dataset, out).expect("a dataset serialises");
        // The search index's parts, as one run of bytes that reading the
        // snapshot skips and a search decodes.
        let parts = postcard::to_allocvec(&Index::of_records(dataset.records()).parts())
            .expect("an index serialises");
        postcard::to_extend(&Bytes(&parts), out).expect("bytes serialise")
    })
}

/// The snapshot in bytes that live as long as the program (the one compiled
/// into the binary, or a file's bytes leaked): its texts borrow from the
/// bytes rather than copying them. `embedded`: the bytes are those the build
/// wrote into the binary, whose texts need no check and whose record lists
/// are decoded only when read.
pub fn read_static(bytes: &'static [u8], embedded: bool) -> Result<Snapshot> {
    let (mut snapshot, index) = wire::reading(bytes, embedded, || read_with_index(bytes))?;
    // The index's parts are trusted as the records are: only the build's.
    snapshot.search_parts = embedded.then_some(index);
    Ok(snapshot)
}

/// Bytes written as one postcard byte string.
struct Bytes<'b>(&'b [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

/// The snapshot in `bytes`, its texts copied. An error, never a partial
/// dataset, when the bytes are not a whole snapshot of this model.
pub fn read(bytes: &[u8]) -> Result<Snapshot> {
    read_with_index(bytes).map(|(snapshot, _)| snapshot)
}

/// The snapshot in `bytes`, and the bytes of its search index's parts.
fn read_with_index(bytes: &[u8]) -> Result<(Snapshot, &[u8])> {
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        if is_snapshot(bytes) {
            bail!(
                "a snapshot in another version of summit-kb's format: write it again with this version's `export --format snapshot`"
            );
        }
        bail!("not a summit-kb snapshot");
    };
    let (head, rest): (Head, _) =
        postcard::take_from_bytes(rest).context("a damaged snapshot (its header)")?;
    if head.model != MODEL {
        bail!(
            "a snapshot of another version of summit-kb's model ({}; this one reads {MODEL}): write it again with this version's `export --format snapshot`",
            crate::visible::visible_line(&head.model)
        );
    }
    let (dataset, rest): (Dataset, _) =
        postcard::take_from_bytes(rest).context("a damaged snapshot (its records)")?;
    let (index, rest): (&[u8], _) =
        postcard::take_from_bytes(rest).context("a damaged snapshot (its search index)")?;
    if !rest.is_empty() {
        bail!("a damaged snapshot: {} bytes after its records", rest.len());
    }
    let snapshot = Snapshot {
        dataset,
        counts: head.counts,
        info_files: head.info_files,
        content_hash: head.content_hash,
        ids: head.ids,
        refs: head.refs,
        search_parts: None,
    };
    Ok((snapshot, index))
}

#[cfg(test)]
mod tests {
    use super::{is_snapshot, Dataset, IdEntry, MAGIC, MODEL};
    use crate::load::Loaded;
    use crate::wire::{borrowed, omits_defaults};
    use anyhow::Result;

    // The snapshot of a loaded dataset, and the dataset it reads back as.
    fn write(loaded: &Loaded) -> Vec<u8> {
        loaded.snapshot()
    }

    fn read(bytes: &[u8]) -> Result<Loaded> {
        super::read(bytes).map(Loaded::from)
    }

    fn read_static(bytes: &'static [u8], embedded: bool) -> Result<Loaded> {
        super::read_static(bytes, embedded).map(Loaded::from)
    }

    #[test]
    fn a_snapshot_reads_back_as_the_files_it_was_made_from() {
        let files = crate::load::shipped();
        let bytes = write(&files);
        assert!(is_snapshot(&bytes));
        let read = read(&bytes).unwrap();
        assert!(read.checked && !files.checked);
        assert_eq!(read.dataset, files.dataset);
        assert_eq!(read.provenance(), files.provenance());
        assert_eq!(read.info_files, files.info_files);
        assert_eq!(read.counts, files.counts);
        assert_eq!(read.content_hash, Some(files.dataset.content_hash()));
        let sorted: Vec<_> = files
            .dataset
            .sorted_ids()
            .into_iter()
            .map(|(id, kind, index)| IdEntry(id.to_string().into(), kind, index))
            .collect();
        assert_eq!(read.ids, Some(sorted.into()));
        // Writing a snapshot leaves the other formats as they were.
        assert!(omits_defaults());
        // From bytes that live as long as the program, the texts borrow.
        let bytes: &'static [u8] = bytes.leak();
        let borrowing = read_static(bytes, true).unwrap();
        assert_eq!(borrowing.dataset, files.dataset);
        let title = &borrowing.dataset.document[0].title;
        assert!(matches!(title, std::borrow::Cow::Borrowed(_)));
        assert!(matches!(
            read.dataset.document[0].title,
            std::borrow::Cow::Owned(_)
        ));
        assert_eq!(borrowed(b"not in the bytes"), None);
        // Bytes not known to be the build's are checked: a text made not
        // UTF-8 is an error, not a text.
        let title = files.dataset.document[0].title.as_bytes();
        let at = bytes.windows(title.len()).position(|w| w == title).unwrap();
        let mut damaged = bytes.to_vec();
        damaged[at] = 0xff;
        assert!(read_static(damaged.leak(), false).is_err());
    }

    #[test]
    fn the_embedded_search_index_is_the_one_a_search_would_make() {
        use crate::search_index::{Index, Options};
        let files = crate::load::shipped();
        let bytes: &'static [u8] = write(&files).leak();
        let embedded = read_static(bytes, true).unwrap();
        assert!(embedded.search_parts.is_some());
        let joined = embedded.search_index();
        let built = Index::of_records(files.dataset.records());
        assert!(joined == built, "the parts joined to the records");
        let hits = joined.search("masadykov", Options::default());
        assert_eq!(hits[0].id, "taalatbek-masadykov");
        assert_eq!(hits, built.search("masadykov", Options::default()));
        // Not the build's bytes: no parts, and the index is made instead.
        assert!(read_static(bytes, false).unwrap().search_parts.is_none());
        // Parts of other records do not fit these.
        let fewer = crate::model::Dataset {
            source: files.dataset.source.clone(),
            ..Default::default()
        };
        let parts = Index::of_records(fewer.records()).parts();
        assert!(Index::of_records_with(files.dataset.records(), parts).is_none());
    }

    #[test]
    fn a_cut_or_foreign_snapshot_is_an_error_not_a_smaller_dataset() {
        let bytes = write(&crate::load::shipped());
        for cut in [0, 8, 9, bytes.len() / 2, bytes.len() - 1] {
            assert!(read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(read(&longer)
            .unwrap_err()
            .to_string()
            .contains("after its records"));
        let mut foreign = bytes.clone();
        let at = foreign
            .windows(MODEL.len())
            .position(|w| w == MODEL.as_bytes())
            .unwrap();
        foreign[at + MODEL.len() - 1] ^= 1;
        assert!(read(&foreign)
            .unwrap_err()
            .to_string()
            .contains("another version"));
        // A snapshot of another version of the format is one still, and
        // refused as such (not read as a file of another kind).
        let mut older = bytes.clone();
        older[MAGIC.len() - 1] -= 1;
        assert!(is_snapshot(&older));
        assert!(read(&older)
            .unwrap_err()
            .to_string()
            .contains("another version of summit-kb's format"));
        assert!(!is_snapshot(b"SKBSNAP"));
    }

    #[test]
    fn the_model_name_changes_with_the_model() {
        use sha2::{Digest, Sha256};
        let schema = serde_json::to_string(&schemars::schema_for!(Dataset)).unwrap();
        let digest: String = Sha256::digest(schema.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        // When this fails the model changed: set MODEL to the digest printed.
        assert_eq!(
            &digest[..16],
            MODEL,
            "the model changed: update snapshot::MODEL"
        );
    }
}
