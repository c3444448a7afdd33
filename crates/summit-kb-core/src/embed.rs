//! What the binary's build script embeds of a dataset directory: its files,
//! and, when they load and `check` finds no error in them, their snapshot
//! (see [`crate::snapshot`]). A dataset with errors is embedded as its files
//! with no snapshot, so that every run parses and checks them and refuses
//! them: never an empty or partial snapshot.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::kb::Kb;
use crate::load;
use crate::validate::{self, Severity};

/// What a build embeds of a dataset directory.
#[derive(Debug)]
pub struct Embedding {
    /// Each file, named as `--data DIR` names it, and its path.
    pub files: Vec<(String, PathBuf)>,
    /// The snapshot of the records, or, when the data has errors, each error
    /// as `check` writes it (`file:line:column: error: record: message`); a
    /// file that does not parse is one error, the first.
    pub snapshot: Result<Vec<u8>, Vec<String>>,
}

/// Lists, loads and checks the dataset at `dir`, and writes its snapshot
/// when `check` finds no error. `Err` only when the directory cannot be
/// listed.
pub fn prepare(dir: &Path) -> Result<Embedding> {
    let paths = load::files_of(dir)?;
    let files = paths
        .iter()
        .map(|path| (path.display().to_string(), path.clone()))
        .collect();
    Ok(Embedding {
        files,
        snapshot: checked_snapshot(dir, &paths),
    })
}

fn checked_snapshot(dir: &Path, paths: &[PathBuf]) -> Result<Vec<u8>, Vec<String>> {
    let loaded = load::load_files(dir, paths)
        .map_err(|err| vec![crate::visible::visible_line(&format!("{err:#}")).into_owned()])?;
    let kb = Kb::new(&loaded);
    let mut errors: Vec<_> = validate::check(&kb)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(loaded.snapshot());
    }
    validate::locate(&loaded, &mut errors);
    Err(errors.iter().map(ToString::to_string).collect())
}
