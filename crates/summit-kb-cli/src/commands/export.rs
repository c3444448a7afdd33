//! `export`: the whole knowledge base as one JSON document that loads again as
//! a dataset (`--format json`, the default), as NDJSON (one record a line), as
//! Popolo JSON (`--format popolo`) or as an SQLite database (`--format
//! sqlite`, to a file only). `--output` never leaves a partial file behind,
//! nor a temporary one: not on an error, not when SIGINT, SIGTERM or SIGHUP
//! ends the run, not past `ulimit -f`; one left by a run killed otherwise
//! (SIGKILL, a crash of the machine) is removed by the next export to the
//! same file.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::json;

use crate::load::Loaded;
use crate::model::{Dataset, Meta};
use crate::output::popolo;
use crate::output::sqlite;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write to FILE instead of standard output (`-` is standard output): in
    /// full beside it, then renamed into place, so that a failed export
    /// leaves FILE as it was.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format. Default: json.
    #[arg(
        long,
        value_enum,
        default_value_t = Written::Json,
        hide_default_value = true,
        help_heading = "Global options",
        display_order = 1
    )]
    pub format: Written,
}

/// The file `--output` names: none for standard output, which `-` names as
/// for most tools (a file named `-` is `./-`).
pub fn output_file(output: Option<&Path>) -> Option<&Path> {
    output.filter(|path| *path != Path::new("-"))
}

/// What `export` writes (`--format`); the writers below take only a format
/// they can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Written {
    /// The dataset with its `meta` block, loadable with --data (the default).
    Json,
    /// The `meta` block, then one `{"kind", "record"}` a line.
    Ndjson,
    /// Popolo JSON (persons, organizations, posts, memberships, events).
    Popolo,
    /// An SQLite database for Datasette; with --output only.
    Sqlite,
    /// The records as a compact binary snapshot, which --data FILE loads
    /// faster than JSON or TOML; with --output only.
    Snapshot,
}

impl Written {
    /// The format, where `--output` allows it: a database is written to a
    /// file, not to standard output.
    pub fn to(self, output: Option<&Path>) -> Result<Written> {
        if self == Written::Sqlite && output_file(output).is_none() {
            bail!(
                "--format sqlite writes a database file, not standard output: give --output FILE"
            );
        }
        if self == Written::Snapshot && output_file(output).is_none() {
            bail!(
                "--format snapshot writes a binary file, not standard output: give --output FILE"
            );
        }
        Ok(self)
    }
}

/// Writes the export to `path` so that a failure never leaves a partial file
/// there: into a temporary file beside it, flushed and synced, then renamed
/// over it. On any error the temporary file is removed, and what was at
/// `path` before is left as it was.
///
/// A symbolic link stays a link: the file it points to is replaced. A device
/// or a pipe is written to directly.
pub fn write_file(dataset: &Dataset, meta: &Meta, format: Written, path: &Path) -> Result<()> {
    let fail = || format!("cannot write {}", path.display());
    // `write` buffers what it writes.
    let stream = |file: &mut std::fs::File| -> Result<()> { write(dataset, meta, format, file) };
    // Links followed: what is there now is what the export replaces.
    let existing = std::fs::metadata(path).ok();
    if existing
        .as_ref()
        .is_some_and(|t| !t.is_file() && !t.is_dir())
    {
        // A device or a pipe (`/dev/stdout`, a FIFO): nothing to replace,
        // so it is written to as it is.
        if format == Written::Sqlite {
            bail!("{}: a database needs a regular file", fail());
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(fail)?;
        return stream(&mut file).with_context(fail);
    }
    let path = &link_target(path);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        bail!("{}: no directory {}", fail(), dir.display());
    }
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy());
    let prefix = format!(".{name}.");
    guard_signals().with_context(fail)?;
    let stale = remove_stale(dir, &prefix);
    if !stale.is_empty() {
        crate::output::to_stderr(&format!(
            "note: removed {}, left in {} by an export that was killed",
            crate::output::visible_line(&stale.join(", ")),
            crate::output::visible_line(&dir.display().to_string()),
        ));
    }
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM);
    // The mode a new file gets (less the umask), not a temporary file's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // The temporary file's own name would only confuse: the error is the
    // directory's.
    let mut temp = Temporary::create(&builder, dir)
        .map_err(|err| io::Error::from(err.kind()))
        .with_context(fail)?;
    if format == Written::Sqlite {
        sqlite::write(dataset, meta, temp.path()).with_context(fail)?;
    } else {
        stream(temp.file_mut()).with_context(fail)?;
    }
    temp.file_mut().sync_all().with_context(fail)?;
    // A file that is replaced keeps its mode.
    if let Some(existing) = existing.filter(|m| m.is_file()) {
        fs::set_permissions(temp.path(), existing.permissions()).with_context(fail)?;
    }
    temp.persist(path).with_context(fail)?;
    Ok(())
}

/// How the temporary file beside the target ends its name: `.NAME.` (the
/// target's name), [`TEMP_RANDOM`] letters or digits, then this.
const TEMP_SUFFIX: &str = ".tmp";
const TEMP_RANDOM: usize = 6;

/// The temporary file an export is writing, if any: removed by the thread
/// that catches a signal ([`guard_signals`]) before the signal ends the
/// process. A lock on it orders that with creating, renaming and removing
/// the file in the export itself, so that neither a file just created nor
/// the complete one just renamed is missed or removed.
static WRITING: Mutex<Option<PathBuf>> = Mutex::new(None);

fn writing() -> MutexGuard<'static, Option<PathBuf>> {
    WRITING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The temporary file of an export, registered in [`WRITING`] from its
/// creation until it is renamed into place or removed, and locked (`flock`)
/// while this process lives, which tells [`remove_stale`] that it is no
/// stale one.
struct Temporary {
    file: Option<tempfile::NamedTempFile>,
}

impl Temporary {
    fn create(builder: &tempfile::Builder, dir: &Path) -> io::Result<Temporary> {
        // Another export to the same target, cleaning up, may take a file
        // created and not yet locked for a stale one and remove it: the
        // name is then checked to be still this file's, and on the rare
        // miss another is made.
        let mut tries = 0;
        loop {
            let mut registered = writing();
            let file = builder.tempfile_in(dir)?;
            *registered = Some(file.path().to_path_buf());
            drop(registered);
            let temp = Temporary { file: Some(file) };
            // A file system without locks: stale files are then left.
            let _ = temp.file().lock();
            tries += 1;
            if temp.is_still_named() || tries == 3 {
                return Ok(temp);
            }
        }
    }

    fn file(&self) -> &File {
        self.file.as_ref().expect("a live temporary file").as_file()
    }

    fn file_mut(&mut self) -> &mut File {
        self.file
            .as_mut()
            .expect("a live temporary file")
            .as_file_mut()
    }

    fn path(&self) -> &Path {
        self.file.as_ref().expect("a live temporary file").path()
    }

    /// Whether the file's name still names this file.
    fn is_still_named(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let (Ok(named), Ok(open)) = (fs::metadata(self.path()), self.file().metadata()) else {
                return false;
            };
            named.dev() == open.dev() && named.ino() == open.ino()
        }
        #[cfg(not(unix))]
        true
    }

    /// Renames the file to `path`; on an error the file is removed.
    fn persist(mut self, path: &Path) -> io::Result<()> {
        let mut registered = writing();
        let file = self.file.take().expect("a live temporary file");
        let persisted = file.persist(path).map(drop).map_err(|e| e.error);
        *registered = None;
        persisted
    }
}

impl Drop for Temporary {
    /// Removes the file (when not renamed), then forgets it.
    fn drop(&mut self) {
        let mut registered = writing();
        drop(self.file.take());
        *registered = None;
    }
}

/// From the first call on, for the rest of the run: SIGINT, SIGTERM and
/// SIGHUP remove the temporary file being written ([`WRITING`]), then end
/// the process as they would have (the shell sees the signal); SIGXFSZ is
/// caught and ignored, so that a write past `ulimit -f` fails with EFBIG
/// instead of killing the process, and the error removes the file.
///
/// signal-hook (the crate that tokio, crossterm and mio use) runs the
/// cleanup on a thread of its own, outside the signal handler, where taking
/// a lock and removing a file are allowed.
fn guard_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, OnceLock};
    static GUARDED: OnceLock<()> = OnceLock::new();
    if GUARDED.get().is_some() {
        return Ok(());
    }
    signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)))?;
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until the process ends: nothing is created or renamed
            // after this.
            let registered = writing();
            if let Some(path) = registered.as_ref() {
                let _ = fs::remove_file(path);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            // Not reached: the signal's default action ends the process.
            std::process::exit(128 + signal);
        }
    });
    let _ = GUARDED.set(());
    Ok(())
}

/// Removes the temporary files of our own naming (`PREFIX` then
/// [`TEMP_RANDOM`] letters or digits then [`TEMP_SUFFIX`]) in `dir` that no
/// live export holds locked: each was left by an export killed before it
/// could remove it. Returns their names.
fn remove_stale(dir: &Path, prefix: &str) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
            .is_some_and(|random| {
                random.len() == TEMP_RANDOM && random.chars().all(|c| c.is_ascii_alphanumeric())
            });
        // A regular file, not a link to one.
        if !ours || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = File::open(&path) else {
            continue;
        };
        // Locked: an export that is still writing it.
        if file.try_lock().is_ok() && fs::remove_file(&path).is_ok() {
            removed.push(name);
        }
    }
    removed.sort();
    removed
}

/// The file that `path` names once symbolic links are followed (at most 40,
/// as the kernel does); `path` itself when it is no link.
fn link_target(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            // A relative target is relative to the link's directory.
            Ok(target) => path = path.parent().unwrap_or(Path::new("")).join(target),
            Err(_) => break,
        }
    }
    path
}

/// The `meta` block of a dataset: its name, licence, counts, and a SHA-256 of
/// the compact JSON of its records (see [`Dataset::content_hash`]).
pub fn meta(dataset: &Dataset) -> Meta {
    meta_with(dataset, dataset.content_hash())
}

/// The `meta` block of a loaded dataset, whose hash the build computed when
/// the dataset is the embedded one: hashing the JSON of every record costs
/// three times what the rest of `export` does.
pub fn meta_of(loaded: &Loaded) -> Meta {
    match &loaded.content_hash {
        Some(hash) => meta_with(&loaded.dataset, hash.to_string()),
        None => meta(&loaded.dataset),
    }
}

fn meta_with(dataset: &Dataset, content_hash: String) -> Meta {
    // Each kind that has records, counted by its list's length (which
    // decodes none of them).
    let counts: BTreeMap<String, usize> = dataset
        .counts()
        .into_iter()
        .map(|(kind, n)| (kind.to_string(), n))
        .collect();
    Meta {
        dataset: dataset.dataset.as_ref().map(|d| d.name.clone()),
        licence: dataset.dataset.as_ref().and_then(|d| d.licence.clone()),
        counts,
        content_hash: content_hash.into(),
    }
}

/// A dataset with its `meta` in front, borrowed rather than copied.
#[derive(Serialize)]
struct Exported<'a> {
    meta: &'a Meta,
    #[serde(flatten)]
    data: &'a Dataset,
}

/// Writes the dataset to a stream; a database only to a file
/// ([`write_file`]).
pub fn write(dataset: &Dataset, meta: &Meta, format: Written, out: &mut dyn Write) -> Result<()> {
    // serde_json writes a document in many small pieces: into a buffer of
    // a known type, not each through `dyn Write`.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    let out = &mut buffered;
    match format {
        Written::Sqlite => bail!("a database is written to a file"),
        Written::Snapshot => {
            out.write_all(&summit_kb_core::snapshot::of_dataset(dataset, "snapshot"))?;
        }
        Written::Ndjson => {
            let mut line = |kind: &str, record: serde_json::Value| -> Result<()> {
                serde_json::to_writer(&mut *out, &json!({ "kind": kind, "record": record }))?;
                out.write_all(b"\n")?;
                Ok(())
            };
            line("meta", serde_json::to_value(meta)?)?;
            if let Some(info) = &dataset.dataset {
                line("dataset", serde_json::to_value(info)?)?;
            }
            for record in dataset.records() {
                line(record.kind().name(), record.to_json())?;
            }
        }
        Written::Popolo => {
            let document = popolo::document(dataset, meta);
            serde_json::to_writer_pretty(&mut *out, &document)?;
            out.write_all(b"\n")?;
        }
        Written::Json => {
            // The records are borrowed, not copied: the export of a large
            // dataset needs little more memory than the dataset.
            let mut records = std::borrow::Cow::Borrowed(dataset);
            if dataset.meta.is_some() {
                records.to_mut().meta = None;
            }
            let exported = Exported {
                meta,
                data: &records,
            };
            serde_json::to_writer_pretty(&mut *out, &exported)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dataset with its `meta` filled in.
    fn with_meta(dataset: &Dataset) -> Dataset {
        let mut data = dataset.clone();
        data.meta = Some(meta(dataset));
        data
    }

    #[test]
    fn meta_counts_records_and_hashes_the_data_only() {
        let loaded = crate::shipped();
        let data = with_meta(&loaded.dataset);
        let meta = data.meta.clone().unwrap();
        assert_eq!(meta.counts["term"], loaded.dataset.term.len());
        assert_eq!(
            meta.counts.values().sum::<usize>(),
            loaded.dataset.records().count()
        );
        assert!(meta.content_hash.starts_with("sha256:"));
        assert_eq!(meta.content_hash.len(), "sha256:".len() + 64);
        // Hashing an export again (meta and all) gives the same hash.
        assert_eq!(with_meta(&data).meta.unwrap(), meta);
        // Any change to the data changes it.
        let mut changed = loaded.dataset.clone();
        changed.term.to_mut()[0].note = Some("x".into());
        assert_ne!(
            with_meta(&changed).meta.unwrap().content_hash,
            meta.content_hash
        );
    }

    #[test]
    fn a_database_is_written_to_a_file_only() {
        assert_eq!(Written::Json.to(None).unwrap(), Written::Json);
        for output in [None, Some(Path::new("-"))] {
            let err = Written::Sqlite.to(output).unwrap_err().to_string();
            assert!(err.contains("give --output FILE"), "{err}");
        }
        let path = Path::new("kb.db");
        assert_eq!(Written::Sqlite.to(Some(path)).unwrap(), Written::Sqlite);
    }
}
