//! Reads the workflow files from their folder; the core parses and checks their text.

use std::path::{Path, PathBuf};

use crate::domain::workflow::{Registry, DEFAULT_KEY};

/// Loads every `*.toml` in `dir`, or the built-in default when `dir` does not exist.
pub fn load(dir: &Path) -> anyhow::Result<Registry> {
    if !dir.exists() {
        tracing::warn!(dir = %dir.display(), "workflows folder not found; using the built-in default");
        return Ok(Registry::builtin()?);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut sources = Vec::with_capacity(files.len());
    for file in files {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
        sources.push((file, text));
    }
    let registry = Registry::from_sources(&sources)?;
    if !registry.has_default() {
        anyhow::bail!(
            "{}: no workflow with the default key `{DEFAULT_KEY}`",
            dir.display()
        );
    }
    Ok(registry)
}
