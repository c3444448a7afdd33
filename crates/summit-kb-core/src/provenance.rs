//! Where each record of a dataset was read from: its file, and its place in
//! that file, kept as the files are read ([`crate::load::Loaded::add`]) and
//! looked up by the record's [`Handle`].
//!
//! A record costs three `u32`s here. A snapshot keeps only how many records
//! of each kind each file gave (`Loaded::counts`), from which the same is
//! made on first use: a query on the embedded dataset never needs it.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use crate::model::{Dataset, Handle, RecordKind};

/// Where one record was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// The file: its index in the files of the dataset, in load order
    /// (`Loaded::counts`).
    pub file: u32,
    /// Its place among that file's records of its kind (0: the first): in a
    /// TOML file, which `[[kind]]` table it is.
    pub ordinal: u32,
    /// Which of that file's records of its kind with its id it is (0: the
    /// first); more than 0 only for an id used twice.
    pub occurrence: u32,
}

/// The [`Origin`] of every record of a dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// For each kind (in the order of [`RecordKind::ALL`], which is the
    /// enum's, so that `kind as usize` is its place), the origin of each
    /// record of the dataset's list of that kind, in its order.
    kinds: [Vec<Origin>; RecordKind::ALL.len()],
}

impl Provenance {
    /// Where the record with this handle was read from; `None` for a record
    /// that was not read from a file (or no such record).
    pub fn of(&self, handle: Handle) -> Option<Origin> {
        self.kinds[handle.kind as usize]
            .get(handle.index as usize)
            .copied()
    }

    /// Records where the records of one more file come from: `part` is what
    /// was read of the file, `file` its index among the dataset's files. Its
    /// records of each kind go after those already there, as
    /// [`Dataset::append`] puts them.
    pub fn add_file(&mut self, file: u32, part: &Dataset) {
        let mut kind = None;
        let mut ids = Vec::new();
        for record in part.records() {
            if kind != Some(record.kind()) {
                if let Some(done) = kind {
                    self.push(done, file, &ids);
                }
                kind = Some(record.kind());
                ids.clear();
            }
            ids.push(record.id());
        }
        if let Some(done) = kind {
            self.push(done, file, &ids);
        }
    }

    /// The provenance of a dataset read from files of which only how many
    /// records of each kind each gave is known (a snapshot's `counts`): the
    /// records of a kind come file by file, in load order, as
    /// [`Provenance::add_file`] would have had them. Counts that go past the
    /// end of a list stop there.
    pub fn from_counts(counts: &[(String, Vec<(RecordKind, usize)>)], dataset: &Dataset) -> Self {
        let mut out = Provenance::default();
        let mut ids = Vec::new();
        for (file, (_, kinds)) in counts.iter().enumerate() {
            for &(kind, n) in kinds {
                let start = out.kinds[kind as usize].len();
                let end = start.saturating_add(n).min(dataset.count(kind));
                ids.clear();
                ids.extend((start..end).filter_map(|i| dataset.record(kind, i).map(|r| r.id())));
                out.push(kind, file as u32, &ids);
            }
        }
        out
    }

    /// Adds the origins of one file's records of a kind, given their ids in
    /// order.
    fn push(&mut self, kind: RecordKind, file: u32, ids: &[&str]) {
        let list = &mut self.kinds[kind as usize];
        list.reserve(ids.len());
        // How many records of the kind with each id the file has had so far.
        let mut seen: HashMap<&str, u32, RandomState> =
            HashMap::with_capacity_and_hasher(ids.len(), RandomState::default());
        for (ordinal, &id) in ids.iter().enumerate() {
            let count = seen.entry(id).or_insert(0);
            list.push(Origin {
                file,
                ordinal: ordinal as u32,
                occurrence: *count,
            });
            *count += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{parse_toml, Loaded};

    fn part(toml: &str) -> Dataset {
        parse_toml("t.toml", toml).unwrap()
    }

    fn source(id: &str) -> String {
        format!("[[source]]\nid = \"{id}\"\npublisher = \"p\"\ntitle = \"t\"\n")
    }

    fn state(id: &str) -> String {
        format!("[[state]]\nid = \"{id}\"\nname = \"n\"\ncitations = []\n")
    }

    /// (file, ordinal, occurrence) of the `index`th record of a kind.
    fn at(loaded: &Loaded, kind: RecordKind, index: u32) -> Option<(&str, u32, u32)> {
        let (file, origin) = loaded.origin(Handle { kind, index })?;
        Some((file, origin.ordinal, origin.occurrence))
    }

    /// Three files: `x` a state in a.toml, a source in b.toml, and two
    /// states in c.toml, between which c.toml has the state `y`.
    fn three_files() -> Loaded {
        let mut loaded = Loaded::default();
        loaded.add("a.toml", part(&(state("x") + &source("s1"))));
        loaded.add("b.toml", part(&source("x")));
        loaded.add(
            "c.toml",
            part(&(source("s2") + &state("x") + &state("y") + &state("x"))),
        );
        loaded
    }

    #[test]
    fn each_record_keeps_its_file_and_place_as_the_files_are_added() {
        use RecordKind::{Source, State};
        let mut loaded = Loaded::default();
        loaded.add("a.toml", part(&(state("x") + &source("s1"))));
        assert_eq!(at(&loaded, State, 0), Some(("a.toml", 0, 0)));
        assert_eq!(at(&loaded, Source, 0), Some(("a.toml", 0, 0)));
        assert_eq!(at(&loaded, Source, 1), None);
        loaded.add("b.toml", part(&source("x")));
        assert_eq!(at(&loaded, Source, 1), Some(("b.toml", 0, 0)));
        assert_eq!(at(&loaded, State, 0), Some(("a.toml", 0, 0)), "kept");
        let loaded = three_files();
        let sources: Vec<_> = (0..3).map(|i| at(&loaded, Source, i).unwrap()).collect();
        assert_eq!(
            sources,
            [("a.toml", 0, 0), ("b.toml", 0, 0), ("c.toml", 0, 0)]
        );
        let states: Vec<_> = (0..4).map(|i| at(&loaded, State, i).unwrap()).collect();
        assert_eq!(
            states,
            [
                ("a.toml", 0, 0),
                ("c.toml", 0, 0),
                ("c.toml", 1, 0),
                // The second `x` of c.toml, its third [[state]].
                ("c.toml", 2, 1),
            ]
        );
        let ids: Vec<&str> = loaded.dataset.state.iter().map(|s| &*s.id).collect();
        assert_eq!(ids, ["x", "x", "y", "x"], "aligned with the list");
        assert_eq!(at(&loaded, State, 4), None);
        assert_eq!(at(&loaded, RecordKind::Person, 0), None);
    }

    #[test]
    fn an_id_in_two_files_is_the_first_of_its_kind_in_each() {
        use RecordKind::{Source, State};
        let mut loaded = three_files();
        loaded.add("d.toml", part(&(state("y") + &source("x"))));
        // `x`: a.toml's state, b.toml's source, c.toml's two states (0, 1),
        // d.toml's source; `y`: c.toml's state, d.toml's.
        assert_eq!(at(&loaded, Source, 3), Some(("d.toml", 0, 0)));
        assert_eq!(at(&loaded, State, 4), Some(("d.toml", 0, 0)));
        assert_eq!(at(&loaded, State, 2), Some(("c.toml", 1, 0)));
    }

    #[test]
    fn a_snapshots_provenance_is_that_of_its_files() {
        for files in [crate::load::shipped(), three_files()] {
            let bytes = files.snapshot();
            let read = crate::load::Loaded::from(crate::snapshot::read(&bytes).unwrap());
            assert!(read.provenance.get().is_none(), "made on first use");
            assert_eq!(read.provenance(), files.provenance());
            // A file added to it goes after the snapshot's, as after the files.
            let mut read = read;
            let mut files = files;
            for loaded in [&mut read, &mut files] {
                loaded.add("more.toml", part(&(state("x") + &source("zz"))));
            }
            assert_eq!(read.provenance(), files.provenance());
            let last = (read.dataset.source.len() - 1) as u32;
            assert_eq!(
                at(&read, RecordKind::Source, last),
                Some(("more.toml", 0, 0))
            );
        }
    }

    #[test]
    fn counts_past_the_end_of_a_list_stop_there() {
        let loaded = three_files();
        let mut counts = loaded.counts.to_vec();
        counts[2].1.push((RecordKind::Person, 5));
        counts[2].1[1].1 += 10;
        let made = Provenance::from_counts(&counts, &loaded.dataset);
        assert_eq!(&made, loaded.provenance());
    }
}
