//! What the build compiles into the binary as its default dataset: the files
//! of a dataset directory, and, when they load and `check` finds no error in
//! them, a snapshot of their records (JSON, one `[file, records]` pair a file)
//! that loads without parsing TOML and without checking again. build.rs
//! includes this module, with the loader, the model and the checks, by path.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::kb::Kb;
use crate::load;
use crate::validate::{self, Severity};

/// What to embed from a dataset directory.
#[derive(Debug)]
pub struct Embedding {
    /// Each file, named as `--data DIR` names it, and its path.
    pub files: Vec<(String, PathBuf)>,
    /// The snapshot, or, when the data has errors, each error as `check`
    /// writes it (`file:line:column: error: record: message`); a file that
    /// does not parse is one error, the first.
    pub snapshot: Result<String, Vec<String>>,
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

fn snapshot(dir: &Path, paths: &[PathBuf]) -> Result<String, Vec<String>> {
    let mut json = String::from("[");
    let loaded = load::load_files(dir, paths, &mut |name, part| {
        if json.len() > 1 {
            json.push_str(",\n");
        }
        json.push_str(&serde_json::to_string(&(name, part))?);
        Ok(())
    })
    .map_err(|err| vec![load::escape_controls(&format!("{err:#}"))])?;
    json.push_str("]\n");
    let kb = Kb::new(&loaded);
    let mut errors: Vec<_> = validate::check(&kb)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(json);
    }
    validate::locate(&loaded, &mut errors);
    Err(errors.iter().map(ToString::to_string).collect())
}
