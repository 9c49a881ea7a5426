//! Snapshots of the stateful stages in the data directory.

use anyhow::Context;
use serde::Serialize;
use std::path::Path;

/// Writes `value` as JSON to `path` through a temporary file that is synced and renamed over it, so a
/// kill leaves either the old snapshot or the new one, never half of one.
pub fn write_json_atomically<T: Serialize>(path: &Path, value: &T) -> anyhow::Result<()> {
    let tmp = path.with_extension("json.tmp");
    let file = std::fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    serde_json::to_writer(&mut out, value)?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}
