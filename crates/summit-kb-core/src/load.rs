//! Reads a dataset: the embedded default, a directory of TOML (and exported JSON)
//! files, or one such file. Every error names the file, and the line and column
//! where the parser knows them.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{bail, Context, Result};

use crate::locate::line_column;
use crate::model::{Dataset, Handle};
use crate::provenance::{Origin, Provenance};
use crate::search_index::Index;

/// The dataset compiled into a binary, as its build script embeds it: one
/// run of bytes holding the bytes of each file, and, when they loaded and
/// `check` found no error in them, their [`crate::snapshot`].
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    /// The snapshot and the files' bytes.
    pub bytes: &'static [u8],
    /// Each file's name (as `--data DIR` names it) and where its bytes begin
    /// and end in `bytes`: a table the build writes as data, read as it
    /// lies (nothing is made of it on start-up).
    pub files: &'static [(&'static str, usize, usize)],
    /// Why the dataset cannot be read (its directory, or a file that is not
    /// text), if it cannot.
    pub unreadable: Option<&'static str>,
    /// Where the checked records' snapshot lies in `bytes`, or `None` when
    /// they had errors.
    pub snapshot: Option<(usize, usize)>,
}

impl Embedded {
    /// Each file's name and bytes, in load order.
    pub fn files(&self) -> impl Iterator<Item = (&'static str, &'static [u8])> {
        let bytes = self.bytes;
        self.files
            .iter()
            .map(move |&(name, start, end)| (name, bytes.get(start..end).unwrap_or_default()))
    }

    /// The snapshot's bytes, when there is one.
    pub fn snapshot(&self) -> Option<&'static [u8]> {
        let bytes = self.bytes;
        self.snapshot.and_then(|(start, end)| bytes.get(start..end))
    }
}

/// A JSON file of a dataset has no size limit: it is read as a stream
/// ([`read_json`]), so memory holds its records, never its text, and an
/// export of any size `export` writes loads back. Only to report an error
/// in one, or to point at a `check` finding in it, is the whole text read:
/// up to this size, above which the error is the JSON parser's own (with
/// its line and column) and findings name the file without a position.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// TOML files larger than this are refused rather than read: the TOML parser
/// holds a whole file's tables before the records are built, 12 to 42 times
/// the file's size (more for small records; `bench/toml_memory.py`), where
/// the same records as JSON need 2.4 to 6.9.
pub const MAX_TOML_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How deep a dataset directory may nest.
const MAX_DEPTH: usize = 32;

/// A dataset and where each of its records was read from.
#[derive(Debug, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    /// Where each record was read from: kept by [`Loaded::add`] as each
    /// file is read, made from `counts` on first use for a snapshot (see
    /// [`Loaded::provenance`]).
    pub(crate) provenance: OnceLock<Provenance>,
    /// The files that hold a `[dataset]` table.
    pub info_files: Vec<String>,
    /// The dataset compiled into the binary, when these are its records.
    pub embedded: Option<&'static Embedded>,
    /// Whether `check` found no error in the data when the binary was built,
    /// so that a query need not check it again.
    pub checked: bool,
    /// For each file in load order, its name and how many records of each
    /// kind it gave.
    pub counts: crate::model::Records<crate::snapshot::FileCounts>,
    /// The dataset's [`Dataset::content_hash`], when the build computed it.
    pub content_hash: Option<String>,
    /// The dataset's [`Dataset::sorted_ids`], when the build sorted them.
    pub ids: Option<crate::model::Records<crate::model::IdEntry>>,
    /// The dataset's [`Dataset::sorted_references`], when the build sorted
    /// them.
    pub refs: Option<crate::model::Records<crate::model::IdEntry>>,
    /// What the build made of the dataset's search index (the embedded
    /// snapshot's [`crate::search_index::IndexParts`], encoded), so that a
    /// search folds no word of the records.
    pub search_parts: Option<&'static [u8]>,
}

impl From<crate::snapshot::Snapshot> for Loaded {
    /// The records of a snapshot, marked checked, with what the build made
    /// of them.
    fn from(snapshot: crate::snapshot::Snapshot) -> Loaded {
        Loaded {
            dataset: snapshot.dataset,
            info_files: snapshot.info_files,
            checked: true,
            counts: snapshot.counts,
            content_hash: Some(snapshot.content_hash),
            ids: Some(snapshot.ids),
            refs: Some(snapshot.refs),
            search_parts: snapshot.search_parts,
            ..Loaded::default()
        }
    }
}

impl Loaded {
    /// The snapshot of these records (which the caller has checked).
    pub fn snapshot(&self) -> Vec<u8> {
        crate::snapshot::write(&self.dataset, self.counts.to_vec(), self.info_files.clone())
    }

    /// Where each record was read from. A snapshot keeps only `counts`, from
    /// which this is made when first asked for.
    pub fn provenance(&self) -> &Provenance {
        self.provenance
            .get_or_init(|| Provenance::from_counts(&self.counts, &self.dataset))
    }

    /// The dataset's search index: joined to the parts the build made of it
    /// when there are any, else made here (folding every text).
    pub fn search_index(&self) -> Index<'_> {
        let parts = self.search_parts.and_then(|bytes| {
            // Its words borrowed from the binary, as the records' texts are.
            crate::wire::reading(bytes, true, || postcard::from_bytes(bytes).ok())
        });
        parts
            .and_then(|parts| Index::of_records_with(self.dataset.records(), parts))
            .unwrap_or_else(|| Index::of_records(self.dataset.records()))
    }

    /// Where the record with this handle was read from: the file's name
    /// and the record's [`Origin`] in it.
    pub fn origin(&self, handle: Handle) -> Option<(&str, Origin)> {
        let origin = self.provenance().of(handle)?;
        Some((self.file_name(origin.file)?, origin))
    }

    /// The name of the dataset's `file`th file, in load order.
    pub fn file_name(&self, file: u32) -> Option<&str> {
        self.counts
            .get(file as usize)
            .map(|(name, _)| name.as_str())
    }

    /// The text of one of the dataset's files, read again (or, for the embedded
    /// dataset, taken from the binary); `None` when it cannot be read now.
    pub fn text_of(&self, file: &str) -> Option<std::borrow::Cow<'static, str>> {
        if let Some(embedded) = self.embedded {
            return embedded
                .files()
                .find(|(name, _)| *name == file)
                .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok())
                .map(std::borrow::Cow::Borrowed);
        }
        let bytes = read_bytes(Path::new(file)).ok()?;
        String::from_utf8(bytes).ok().map(std::borrow::Cow::Owned)
    }

    /// Whether a file of the dataset is JSON (else TOML).
    pub fn is_json(file: &str) -> bool {
        is_json(Path::new(file))
    }

    /// Adds the records of one file, read from `name`.
    pub fn add(&mut self, name: &str, mut part: Dataset) {
        // An export's `meta` describes that export, not the data: dropped.
        part.meta = None;
        let counts = part.counts();
        // Where the file's records come from, before they join the others.
        let mut provenance = self
            .provenance
            .take()
            .unwrap_or_else(|| Provenance::from_counts(&self.counts, &self.dataset));
        provenance.add_file(self.counts.len() as u32, &part);
        self.provenance = OnceLock::from(provenance);
        self.counts.to_mut().push((name.to_string(), counts));
        // What was made of the records before no longer holds.
        self.ids = None;
        self.refs = None;
        self.content_hash = None;
        self.search_parts = None;
        if part.dataset.is_some() {
            self.info_files.push(name.to_string());
        }
        if self.dataset == Dataset::default() {
            // Moving the lists in costs nothing; appending copies every record.
            self.dataset = part;
        } else {
            self.dataset.append(part);
        }
    }
}

/// The dataset compiled into the binary: the snapshot that its build made
/// of it, already checked, or, when the data had errors then, its files
/// parsed as `--data` would, so that queries refuse it and `check` lists the
/// errors.
pub fn embedded(embedded: &'static Embedded) -> Result<Loaded> {
    match embedded.snapshot() {
        Some(bytes) => {
            let mut loaded = Loaded::from(
                crate::snapshot::read_static(bytes, true)
                    .context("the dataset compiled into the binary")?,
            );
            loaded.embedded = Some(embedded);
            Ok(loaded)
        }
        None => embedded_files(embedded),
    }
}

/// The embedded dataset parsed from the text of its files.
pub fn embedded_files(embedded: &'static Embedded) -> Result<Loaded> {
    if let Some(err) = embedded.unreadable {
        bail!("{err}");
    }
    let mut loaded = Loaded {
        embedded: Some(embedded),
        ..Loaded::default()
    };
    for (name, bytes) in embedded.files() {
        loaded.add(name, parse_bytes(name, bytes)?);
    }
    if loaded.dataset.records().next().is_none() {
        bail!("the dataset compiled into the binary has no records; give one with --data");
    }
    Ok(loaded)
}

/// A dataset directory (every `.toml` and `.json` file below it) or one file.
pub fn from_path(path: &Path) -> Result<Loaded> {
    load_files(path, &files_of(path)?)
}

/// The files a dataset path stands for, in load order: every `.toml` and
/// `.json` file below a directory (hidden ones left out), or the one file.
pub fn files_of(path: &Path) -> Result<Vec<PathBuf>> {
    let shown = path.display();
    let meta = fs::metadata(path).with_context(|| format!("cannot read {shown}"))?;
    if meta.is_dir() {
        let mut files = Vec::new();
        let mut seen = HashSet::new();
        collect(path, 0, &mut seen, &mut files)?;
        if files.is_empty() {
            bail!("{shown}: no .toml or .json files in this directory");
        }
        files.sort();
        Ok(files)
    } else if meta.is_file() {
        Ok(vec![path.to_path_buf()])
    } else {
        bail!("{shown}: not a regular file or a directory");
    }
}

/// Reads and parses `files` (those of `path`). A file given alone that is a
/// [`crate::snapshot`] (`export --format snapshot`) is read as one, and
/// checked as any other dataset is.
pub fn load_files(path: &Path, files: &[PathBuf]) -> Result<Loaded> {
    if let [file] = files {
        if let Some(loaded) = read_snapshot(file)? {
            return Ok(loaded);
        }
    }
    let mut loaded = Loaded::default();
    for file in files {
        let name = file.display().to_string();
        let part = if is_json(file) {
            read_json(file)?
        } else {
            parse_bytes(&name, &read_bytes(file)?)?
        };
        loaded.add(&name, part);
    }
    if loaded.dataset.records().next().is_none() {
        let what = if path.is_dir() {
            "in the files of this directory"
        } else {
            "in this file"
        };
        bail!(
            "{}: no records {what}; a dataset has at least one [[source]], [[person]], ...",
            path.display()
        );
    }
    Ok(loaded)
}

/// The dataset of a snapshot file, or `None` when the file is not one. Its
/// bytes are kept for the rest of the run (its texts borrow from them), and
/// its records are checked as those of any other file: a snapshot file may
/// have been written by another program, or changed.
fn read_snapshot(file: &Path) -> Result<Option<Loaded>> {
    let name = file.display();
    let mut head = [0u8; crate::snapshot::MAGIC.len()];
    let mut opened = fs::File::open(file).with_context(|| format!("cannot read {name}"))?;
    let read = opened
        .read(&mut head)
        .with_context(|| format!("cannot read {name}"))?;
    if !crate::snapshot::is_snapshot(&head[..read]) {
        return Ok(None);
    }
    let size = opened.metadata().map_or(0, |m| m.len());
    if size > MAX_FILE_BYTES {
        bail!(
            "{name}: larger than {} MiB, too large to read whole",
            MAX_FILE_BYTES / (1024 * 1024)
        );
    }
    let bytes = fs::read(file).with_context(|| format!("cannot read {name}"))?;
    let mut loaded = Loaded::from(
        crate::snapshot::read_static(bytes.leak(), false).with_context(|| format!("{name}"))?,
    );
    // Nothing made from the records is trusted either: made again here.
    loaded.checked = false;
    loaded.ids = None;
    loaded.refs = None;
    loaded.content_hash = None;
    // Its records are counted under the snapshot's name, which is what
    // `check` can name (the files it was made from are not here), and
    // counted from its lists rather than from what its header says.
    loaded.counts = vec![(name.to_string(), loaded.dataset.counts())].into();
    loaded.provenance = OnceLock::new();
    if !loaded.info_files.is_empty() {
        loaded.info_files = vec![name.to_string()];
    }
    Ok(Some(loaded))
}

/// Parses one dataset file from its bytes: JSON when `name` ends in `.json`,
/// TOML otherwise. `name` is how errors refer to the file.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Dataset> {
    // Some editors start UTF-8 files with a byte-order mark; it is not content.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        bail!("{name}: not UTF-8 text: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
    }
    let text = utf8(name, bytes)?;
    let mut part = if is_json(Path::new(name)) {
        parse_json(name, text)?
    } else {
        parse_toml(name, text)?
    };
    check_meta(name, &mut part)?;
    Ok(part)
}

/// Reads a JSON dataset file as a stream: a byte-order mark skipped, the
/// records built as the text goes by. On an error, a file small enough to
/// hold is read whole to report it as [`parse_bytes`] does (not UTF-8, an
/// empty file, the line and column); a larger one gets the parser's message.
pub fn read_json(path: &Path) -> Result<Dataset> {
    use std::io::BufRead;
    let name = path.display().to_string();
    let file = fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let head = reader
        .fill_buf()
        .with_context(|| format!("cannot read {name}"))?;
    if head.starts_with(b"\xef\xbb\xbf") {
        reader.consume(3);
    }
    let mut part: Dataset = match serde_json::from_reader(reader) {
        Ok(part) => part,
        Err(err) => {
            if err.is_io() {
                bail!("cannot read {name}: {err}");
            }
            let size = fs::metadata(path).map_or(u64::MAX, |m| m.len());
            if size <= MAX_FILE_BYTES {
                // Fails as the stream did, saying it the way a smaller file's
                // error is said.
                parse_bytes(&name, &read_bytes(path)?)?;
            }
            return Err(json_error(&name, &err));
        }
    };
    check_meta(&name, &mut part)?;
    Ok(part)
}

/// An export's `meta` (counts of each kind and the content hash) against
/// the records it came with: a file changed after it was exported is an
/// error naming it, not a dataset that silently differs from what its
/// `meta` says. Then `meta` is dropped: it describes that export, not the
/// data.
pub fn check_meta(name: &str, part: &mut Dataset) -> Result<()> {
    let Some(meta) = part.meta.take() else {
        return Ok(());
    };
    let advice = "the file was changed after it was exported (export it again, or remove `meta` to load it as it is)";
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for record in part.records() {
        *counts.entry(record.kind().to_string()).or_insert(0) += 1;
    }
    let kinds: std::collections::BTreeSet<&String> =
        counts.keys().chain(meta.counts.keys()).collect();
    for kind in kinds {
        let said = meta.counts.get(kind).copied().unwrap_or(0);
        let has = counts.get(kind).copied().unwrap_or(0);
        if said != has {
            bail!("{name}: meta.counts.{kind} is {said}, but the file has {has} {kind} records; {advice}");
        }
    }
    let hash = part.content_hash();
    if *meta.content_hash != *hash {
        bail!(
            "{name}: meta.content_hash is {}, but the records hash to {hash}; {advice}",
            crate::visible::visible_line(&meta.content_hash)
        );
    }
    Ok(())
}
/// The bytes as text, or an error naming the file, line and column of the
/// first byte that is not UTF-8.
fn utf8<'b>(name: &str, bytes: &'b [u8]) -> Result<&'b str> {
    std::str::from_utf8(bytes).map_err(|err| {
        let at = err.valid_up_to();
        // The prefix up to `at` is valid UTF-8 by definition.
        let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let (line, column) = line_column(before, at);
        anyhow::anyhow!("{name}:{line}:{column}: not UTF-8 text (invalid byte at offset {at})")
    })
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
}

fn collect(
    dir: &Path,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
) -> Result<()> {
    let shown = dir.display();
    let real = fs::canonicalize(dir).with_context(|| format!("cannot read directory {shown}"))?;
    if !seen.insert(real) {
        bail!("{shown}: directory link loop");
    }
    if depth > MAX_DEPTH {
        bail!("{shown}: directories nested more than {MAX_DEPTH} deep");
    }
    let entries = fs::read_dir(dir).with_context(|| format!("cannot read directory {shown}"))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read directory {shown}"))?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let meta =
            fs::metadata(&path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            collect(&path, depth + 1, seen, out)?;
        } else if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("toml") || ext.eq_ignore_ascii_case("json"))
        {
            // A FIFO or device named like a dataset file is a mistake to report,
            // not a file to skip or to block on.
            if !meta.is_file() {
                bail!("{}: not a regular file", path.display());
            }
            out.push(path);
        }
    }
    Ok(())
}

/// Reads a file's bytes, refusing one too large to be a dataset.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display();
    let file = fs::File::open(path).with_context(|| format!("cannot read {shown}"))?;
    let limit = if is_json(path) {
        MAX_FILE_BYTES
    } else {
        MAX_TOML_FILE_BYTES
    };
    let too_large = || {
        let mib = limit / (1024 * 1024);
        if is_json(path) {
            anyhow::anyhow!("{shown}: larger than {mib} MiB, too large to read whole")
        } else {
            anyhow::anyhow!(
                "{shown}: larger than {mib} MiB, too large for one TOML file; split it into several files, or load it as exported JSON (`export --format json`), which has no size limit"
            )
        }
    };
    if file.metadata().is_ok_and(|m| m.len() > limit) {
        return Err(too_large());
    }
    // Sized from the metadata, so that a large file is read without regrowing.
    let size = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(limit) + 1).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {shown}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Parses one TOML dataset file; `name` is how errors refer to it.
pub fn parse_toml(name: &str, text: &str) -> Result<Dataset> {
    toml::from_str(text).map_err(|err| {
        let message =
            crate::visible::visible_line(&err.message().trim().replace('\n', " ")).into_owned();
        match err.span() {
            Some(span) => {
                let (line, column) = line_column(text, span.start);
                anyhow::anyhow!("{name}:{line}:{column}: {message}")
            }
            None => anyhow::anyhow!("{name}: {message}"),
        }
    })
}

/// Parses a JSON dataset, as `export --format json` writes it.
pub fn parse_json(name: &str, text: &str) -> Result<Dataset> {
    if text.trim().is_empty() {
        bail!("{name}: empty file; a JSON dataset is an object such as `export` writes");
    }
    serde_json::from_str(text).map_err(|err| json_error(name, &err))
}

/// A JSON parser's error as `file:line:column: message`, on one line.
fn json_error(name: &str, err: &serde_json::Error) -> anyhow::Error {
    let message = err.to_string();
    // serde_json ends its messages with " at line L column C"; say it our way.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    let message = crate::visible::visible_line(message);
    anyhow::anyhow!("{name}:{}:{}: {message}", err.line(), err.column())
}

/// The dataset this repository ships (`data/`), for the tests of this crate,
/// which has no dataset compiled in.
#[cfg(test)]
pub(crate) fn shipped() -> Loaded {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    from_path(&dir).expect("the shipped data loads")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_build_made_of_the_records_goes_when_a_file_is_added() {
        let source = "[[source]]\nid = \"zz-added\"\npublisher = \"p\"\ntitle = \"t\"\n";
        let shipped = shipped();
        let mut embedded = Loaded::from(crate::snapshot::read(&shipped.snapshot()).unwrap());
        assert!(embedded.ids.is_some() && embedded.content_hash.is_some());
        embedded.add("x.toml", parse_toml("x.toml", source).unwrap());
        assert!(embedded.ids.is_none() && embedded.content_hash.is_none());
    }

    #[test]
    fn toml_errors_name_file_line_and_column() {
        let err = parse_toml("x.toml", "[[person]]\nid = \"a\"\nnmae = \"b\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.toml:3:1: unknown field `nmae`"), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn bad_dates_in_toml_are_rejected_where_they_stand() {
        let text = "[[source]]\nid = \"s\"\npublisher = \"p\"\ntitle = \"t\"\npublished = \"2025-02-30\"\n";
        let err = parse_toml("s.toml", text).unwrap_err().to_string();
        assert!(err.starts_with("s.toml:5:13:"), "{err}");
        assert!(err.contains("February 2025 has days 01 to 28"), "{err}");
    }

    #[test]
    fn json_errors_name_file_line_and_column() {
        let err = parse_json("x.json", "{\n  \"person\": 3\n}")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.json:2:"), "{err}");
        assert!(!err.contains(" at line "), "{err}");
    }

    #[test]
    fn bytes_parse_as_json_or_toml_by_name_and_must_be_utf8() {
        let toml = b"[[person]]\nid = \"a\"\nname = \"A\"\ncitations = []\n";
        assert_eq!(parse_bytes("a.toml", toml).unwrap().person.len(), 1);
        let json = br#"{"person": [{"id": "a", "name": "A", "citations": []}]}"#;
        assert_eq!(parse_bytes("a.JSON", json).unwrap().person.len(), 1);
        assert!(parse_bytes("a.toml", json).is_err());
        let err = parse_bytes("x.toml", b"a = 1\nb = \"\xff\"").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.toml:2:6: not UTF-8 text (invalid byte at offset 11)"
        );
    }

    #[test]
    fn byte_order_marks_utf8_skipped_utf16_named() {
        let json = b"\xef\xbb\xbf{\"person\": []}";
        assert!(parse_bytes("a.json", json).is_ok());
        let err = parse_bytes("u.toml", b"\xff\xfe[\0")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("u.toml: not UTF-8 text: the file is UTF-16"),
            "{err}"
        );
        let err = parse_bytes("e.json", b" \n").unwrap_err().to_string();
        assert!(err.starts_with("e.json: empty file"), "{err}");
    }

    #[test]
    fn errors_quoting_the_file_stay_one_line_without_control_characters() {
        // Found by the load fuzz target: a JSON key with a newline in it.
        let err = parse_json("k.json", r#"{"a\nb\u001b[31m": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("k.json:1:"), "{err}");
        assert!(err.contains("unknown field `a\\nb\\u{1b}[31m`"), "{err}");
        assert!(!err.contains('\n') && !err.contains('\x1b'), "{err}");
        let err = parse_toml("k.toml", r#""a\nb\u001b" = 1"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown field `a b\\u{1b}`"), "{err}");
        assert!(!err.contains('\x1b'), "{err}");
    }

    #[test]
    fn an_exports_meta_is_checked_against_its_records_and_dropped() {
        let json = br#"{"person": [{"id": "a", "name": "A", "citations": []}]}"#;
        let mut part = parse_bytes("a.json", json).unwrap();
        let hash = part.content_hash();
        let with_meta = |counts: &str, hash: &str| {
            format!(
                r#"{{"meta": {{"dataset": null, "licence": null, "counts": {counts}, "content_hash": "{hash}"}}, "person": [{{"id": "a", "name": "A", "citations": []}}]}}"#
            )
        };
        let good = with_meta(r#"{"person": 1}"#, &hash);
        part = parse_bytes("e.json", good.as_bytes()).unwrap();
        assert_eq!(part.meta, None, "checked, then dropped");
        let err = parse_bytes("e.json", with_meta(r#"{"person": 2}"#, &hash).as_bytes())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("e.json: meta.counts.person is 2, but the file has 1 person records"),
            "{err}"
        );
        let err = parse_bytes(
            "e.json",
            with_meta(r#"{"person": 1, "term": 1}"#, &hash).as_bytes(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("meta.counts.term is 1, but the file has 0"),
            "{err}"
        );
        let err = parse_bytes(
            "e.json",
            with_meta(r#"{"person": 1}"#, "sha256:00").as_bytes(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with(&format!(
                "e.json: meta.content_hash is sha256:00, but the records hash to {hash}"
            )),
            "{err}"
        );
    }

    #[test]
    fn a_json_file_is_read_as_a_stream_with_the_errors_of_a_whole_read() {
        let dir = std::env::temp_dir().join(format!("summit-kb-load-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("s.json");
        let read = |bytes: &[u8]| {
            fs::write(&file, bytes).unwrap();
            read_json(&file).map_err(|e| {
                e.to_string()
                    .replace(&*file.display().to_string(), "s.json")
            })
        };
        let person = br#"{"person": [{"id": "a", "name": "A", "citations": []}]}"#;
        assert_eq!(read(person).unwrap().person.len(), 1);
        let bom = [&b"\xef\xbb\xbf"[..], person].concat();
        assert_eq!(read(&bom).unwrap().person.len(), 1, "a byte-order mark");
        assert!(read(b" \n").unwrap_err().starts_with("s.json: empty file"));
        assert_eq!(
            read(b"{\"person\": [\"\xff\"]}").unwrap_err(),
            "s.json:1:14: not UTF-8 text (invalid byte at offset 13)"
        );
        assert!(read(b"{\"person\": 3}")
            .unwrap_err()
            .starts_with("s.json:1:"));
        assert!(read(b"\xff\xfe{\0").unwrap_err().contains("UTF-16"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_snapshot_file_loads_as_its_records_unchecked_and_a_cut_one_is_an_error() {
        let dir = std::env::temp_dir().join(format!("summit-kb-snap-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let shipped = shipped();
        let bytes = shipped.snapshot();
        let file = dir.join("data.skb");
        fs::write(&file, &bytes).unwrap();
        let loaded = from_path(&file).unwrap();
        assert_eq!(loaded.dataset, shipped.dataset);
        assert!(!loaded.checked, "checked again, as any file is");
        assert!(loaded.ids.is_none() && loaded.content_hash.is_none());
        let name = file.display().to_string();
        // Every record is the snapshot file's, at its place in its list.
        let whole = crate::provenance::Provenance::from_counts(
            &[("".to_string(), loaded.counts[0].1.clone())],
            &loaded.dataset,
        );
        assert_eq!(loaded.provenance(), &whole);
        for (handle, _) in loaded.dataset.indexed() {
            let (file, origin) = loaded.origin(handle).unwrap();
            assert_eq!((file, origin.ordinal), (name.as_str(), handle.index));
        }
        fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
        let err = format!("{:#}", from_path(&file).unwrap_err());
        assert!(
            err.starts_with(&format!("{name}: a damaged snapshot")),
            "{err}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        assert_eq!(line_column("ab\nЖЖx", 7), (2, 3));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
