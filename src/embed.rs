//! What the build compiles into the binary as its default dataset: the files
//! of a dataset directory, and, when they load and `check` finds no error in
//! them, a snapshot of their records: Rust source for a `static`
//! [`load::Snapshot`] (see [`crate::literal`]), which a query reads where it
//! lies in the binary, without parsing, building or checking anything. build.rs
//! includes this module, with the loader, the model and the checks, by path.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::kb::Kb;
use crate::literal::Literal;
use crate::load::{self, Loaded};
use crate::search_index::Index;
use crate::validate::{self, Severity};

/// What to embed from a dataset directory.
#[derive(Debug)]
pub struct Embedding {
    /// Each file, named as `--data DIR` names it, and its path.
    pub files: Vec<(String, PathBuf)>,
    /// What the binary is built with, or, when the data has errors, each
    /// error as `check` writes it (`file:line:column: error: record:
    /// message`); a file that does not parse is one error, the first.
    pub snapshot: Result<Compiled, Vec<String>>,
}

/// The Rust source of a checked dataset's statics.
#[derive(Debug)]
pub struct Compiled {
    /// An expression of type `load::Snapshot`: the records and what is known
    /// of them.
    pub records: String,
    /// An expression of type `Index<'static>`: their search index (see
    /// [`Index::literal`]).
    pub index: String,
}

/// Lists, loads and checks the dataset at `dir`. Errors in the data are in
/// [`Embedding::snapshot`]; `Err` only when the directory cannot be listed.
pub fn prepare(dir: &Path) -> Result<Embedding> {
    let paths = load::files_of(dir)?;
    let files = paths
        .iter()
        .map(|path| (path.display().to_string(), path.clone()))
        .collect();
    Ok(Embedding {
        files,
        snapshot: snapshot(dir, &paths),
    })
}

fn snapshot(dir: &Path, paths: &[PathBuf]) -> Result<Compiled, Vec<String>> {
    let loaded = load::load_files(dir, paths)
        .map_err(|err| vec![crate::output::visible_line(&format!("{err:#}")).into_owned()])?;
    let kb = Kb::new(&loaded);
    let mut errors: Vec<_> = validate::check(&kb)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(Compiled {
            records: snapshot_literal(&loaded),
            index: Index::of_records(loaded.dataset.records()).literal(),
        });
    }
    validate::locate(&loaded, &mut errors);
    Err(errors.iter().map(ToString::to_string).collect())
}

/// The Rust expression of the [`load::Snapshot`] of `loaded`.
pub fn snapshot_literal(loaded: &Loaded) -> String {
    let mut out = String::from("Snapshot{dataset:");
    loaded.dataset.literal(&mut out);
    out.push_str(",\ncounts:&[");
    for (file, counts) in &loaded.counts {
        let _ = write!(out, "({file:?},&[");
        for (kind, n) in counts {
            let _ = write!(out, "(RecordKind::{kind:?},{n}),");
        }
        out.push_str("]),");
    }
    out.push_str("],\ninfo_files:&[");
    for file in &loaded.info_files {
        let _ = write!(out, "{file:?},");
    }
    let _ = write!(
        out,
        "],\ncontent_hash:{:?},\nids:&[",
        loaded.dataset.content_hash()
    );
    for (id, kind, index) in loaded.dataset.sorted_ids() {
        let _ = write!(out, "({id:?},RecordKind::{kind:?},{index}),");
    }
    out.push_str("]}");
    out
}
