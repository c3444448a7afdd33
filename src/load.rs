//! Reads a dataset: the embedded default, a directory of TOML (and exported JSON)
//! files, or one such file. Every error names the file, and the line and column
//! where the parser knows them.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::model::Dataset;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Files larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// How deep a dataset directory may nest.
const MAX_DEPTH: usize = 32;

/// A dataset and where each of its records was read from.
#[derive(Debug, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    /// For each id, the files that define a record with it, in load order.
    pub origins: BTreeMap<String, Vec<String>>,
    /// The files that hold a `[dataset]` table.
    pub info_files: Vec<String>,
    /// Whether the files are the ones compiled into the binary.
    pub embedded: bool,
    /// For each file in load order, how many records of each kind it gave.
    pub counts: Vec<(String, Vec<(&'static str, usize)>)>,
}

impl Loaded {
    /// The file a record was read from (the first, when an id is defined twice).
    pub fn file_of(&self, id: &str) -> Option<&str> {
        self.origins
            .get(id)
            .and_then(|files| files.first())
            .map(String::as_str)
    }

    /// The text of one of the dataset's files, read again (or, for the embedded
    /// dataset, taken from the binary); `None` when it cannot be read now.
    pub fn text_of(&self, file: &str) -> Option<std::borrow::Cow<'static, str>> {
        if self.embedded {
            return EMBEDDED
                .iter()
                .find(|(name, _)| *name == file)
                .map(|(_, text)| std::borrow::Cow::Borrowed(*text));
        }
        read_text(Path::new(file)).ok().map(std::borrow::Cow::Owned)
    }

    /// Whether a file of the dataset is JSON (else TOML).
    pub fn is_json(file: &str) -> bool {
        is_json(Path::new(file))
    }

    fn add(&mut self, name: &str, mut part: Dataset) {
        // An export's `meta` describes that export, not the data: dropped.
        part.meta = None;
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for record in part.records() {
            match counts.last_mut() {
                Some((kind, n)) if *kind == record.kind() => *n += 1,
                _ => counts.push((record.kind(), 1)),
            }
            self.origins
                .entry(record.id().to_string())
                .or_default()
                .push(name.to_string());
        }
        self.counts.push((name.to_string(), counts));
        if part.dataset.is_some() {
            self.info_files.push(name.to_string());
        }
        self.dataset.append(part);
    }
}

/// The dataset compiled into the binary.
pub fn embedded() -> Result<Loaded> {
    let mut loaded = Loaded {
        embedded: true,
        ..Loaded::default()
    };
    for (name, text) in EMBEDDED {
        loaded.add(name, parse_toml(name, text)?);
    }
    Ok(loaded)
}

/// A dataset directory (every `.toml` and `.json` file below it) or one file.
pub fn from_path(path: &Path) -> Result<Loaded> {
    let shown = path.display();
    let meta = fs::metadata(path).with_context(|| format!("cannot read {shown}"))?;
    let files = if meta.is_dir() {
        let mut files = Vec::new();
        let mut seen = HashSet::new();
        collect(path, 0, &mut seen, &mut files)?;
        if files.is_empty() {
            bail!("{shown}: no .toml or .json files in this directory");
        }
        files.sort();
        files
    } else if meta.is_file() {
        vec![path.to_path_buf()]
    } else {
        bail!("{shown}: not a regular file or a directory");
    };
    let mut loaded = Loaded::default();
    for file in &files {
        let name = file.display().to_string();
        let text = read_text(file)?;
        let part = if is_json(file) {
            parse_json(&name, &text)?
        } else {
            parse_toml(&name, &text)?
        };
        loaded.add(&name, part);
    }
    Ok(loaded)
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
        } else if meta.is_file()
            && path.extension().is_some_and(|ext| {
                ext.eq_ignore_ascii_case("toml") || ext.eq_ignore_ascii_case("json")
            })
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads a file as UTF-8 text, refusing one too large to be a dataset.
pub fn read_text(path: &Path) -> Result<String> {
    let shown = path.display();
    let file = fs::File::open(path).with_context(|| format!("cannot read {shown}"))?;
    let too_large = || {
        anyhow::anyhow!(
            "{shown}: larger than {} MiB, too large to be a dataset file",
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    if file.metadata().is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {shown}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let (line, column) = line_column(&String::from_utf8_lossy(&err.into_bytes()[..at]), at);
        anyhow::anyhow!("{shown}:{line}:{column}: not UTF-8 text (invalid byte at offset {at})")
    })
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Parses one TOML dataset file; `name` is how errors refer to it.
pub fn parse_toml(name: &str, text: &str) -> Result<Dataset> {
    toml::from_str(text).map_err(|err| {
        let message = err.message().trim().replace('\n', " ");
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
    serde_json::from_str(text).map_err(|err| {
        let message = err.to_string();
        // serde_json ends its messages with " at line L column C"; say it our way.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        anyhow::anyhow!("{name}:{}:{}: {message}", err.line(), err.column())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dataset_parses() {
        let loaded = embedded().unwrap();
        assert!(loaded.dataset.records().count() > 0);
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
    fn line_column_counts_characters_not_bytes() {
        assert_eq!(line_column("ab\nЖЖx", 7), (2, 3));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
