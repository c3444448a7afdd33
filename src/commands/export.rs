//! `export`: the whole knowledge base as one JSON document that loads again as
//! a dataset (`--format json`, the default), as NDJSON (one record a line), as
//! Popolo JSON (`--format popolo`) or as an SQLite database (`--format
//! sqlite`, to a file only). `--output` never leaves a partial file behind.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::json;

use crate::cli::Format;
use crate::load::Loaded;
use crate::model::{Dataset, Meta};
use crate::output::popolo;
use crate::output::sqlite;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write to FILE instead of standard output: in full beside it, then
    /// renamed into place, so that a failed export leaves FILE as it was.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// What `export` writes, validated once from `--format` and `--output`:
/// the writers below take only a format they can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The dataset with its `meta` block (`--format json`, and the default).
    Json,
    /// `meta`, then one `{"kind", "record"}` a line.
    Ndjson,
    Popolo,
    /// A database: to a file only.
    Sqlite,
}

impl Written {
    /// The format `export` writes for `--format`, or why it writes none:
    /// csv and markdown are tables of an answer, not a dataset, and a
    /// database is written to a file, not to standard output.
    pub fn of(format: Format, output: Option<&Path>) -> Result<Written> {
        let written = match format {
            Format::Table | Format::Json => Written::Json,
            Format::Ndjson => Written::Ndjson,
            Format::Popolo => Written::Popolo,
            Format::Sqlite => Written::Sqlite,
            Format::Csv | Format::Markdown => bail!(
                "export writes --format json (the default), ndjson, popolo or sqlite, not {}",
                format.name()
            ),
        };
        if written == Written::Sqlite && output.is_none() {
            bail!(
                "--format sqlite writes a database file, not standard output: give --output FILE"
            );
        }
        Ok(written)
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
    let stream = |file: &mut std::fs::File| -> Result<()> {
        let mut out = BufWriter::new(file);
        write(dataset, meta, format, &mut out)?;
        Ok(out.flush()?)
    };
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
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // The mode a new file gets (less the umask), not a temporary file's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // The temporary file's own name would only confuse: the error is the
    // directory's.
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|err| io::Error::from(err.kind()))
        .with_context(fail)?;
    if format == Written::Sqlite {
        sqlite::write(dataset, meta, temp.path()).with_context(fail)?;
    } else {
        stream(temp.as_file_mut()).with_context(fail)?;
    }
    temp.as_file().sync_all().with_context(fail)?;
    // A file that is replaced keeps its mode.
    if let Some(existing) = existing.filter(|m| m.is_file()) {
        std::fs::set_permissions(temp.path(), existing.permissions()).with_context(fail)?;
    }
    temp.persist(path).map_err(|e| e.error).with_context(fail)?;
    Ok(())
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
    match loaded.content_hash {
        Some(hash) => meta_with(&loaded.dataset, hash.to_string()),
        None => meta(&loaded.dataset),
    }
}

fn meta_with(dataset: &Dataset, content_hash: String) -> Meta {
    let mut counts = BTreeMap::new();
    for record in dataset.records() {
        *counts.entry(record.kind().to_string()).or_insert(0) += 1;
    }
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
    match format {
        Written::Sqlite => bail!("a database is written to a file"),
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    /// The dataset with its `meta` filled in.
    fn with_meta(dataset: &Dataset) -> Dataset {
        let mut data = dataset.clone();
        data.meta = Some(meta(dataset));
        data
    }

    #[test]
    fn meta_counts_records_and_hashes_the_data_only() {
        let loaded = load::embedded().unwrap();
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
    fn export_formats_are_validated_once() {
        assert_eq!(Written::of(Format::Table, None).unwrap(), Written::Json);
        let err = Written::of(Format::Csv, None).unwrap_err().to_string();
        assert!(err.contains("not csv"), "{err}");
        let err = Written::of(Format::Sqlite, None).unwrap_err().to_string();
        assert!(err.contains("give --output FILE"), "{err}");
        let path = Path::new("kb.db");
        assert_eq!(
            Written::of(Format::Sqlite, Some(path)).unwrap(),
            Written::Sqlite
        );
    }
}
