//! The copy stage: the single owner of the copy index (crate `dedup`) during ingest, and its snapshot
//! in the data directory.
//!
//! The store is the source of truth. The index is saved at the end of each run with the insertion
//! number of the last article it covers; on the next start it is loaded and the articles stored after
//! that number (by a run that was killed, say) are added again in insertion order. Adding is
//! deterministic, so the rebuilt index is the one the killed run had, and the copy fields stored with
//! those articles agree with it.

use anyhow::Context;
use dedup::{CopyGroup, CopyIndex, DedupConfig, Fingerprint, MinHasher};
use model::{Article, CopyMatch};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use store::Store;

/// The snapshot's file name inside the data directory.
pub const SNAPSHOT_FILE: &str = "copy-index.json";

/// The copy index with the insertion number of the last stored article it covers.
#[derive(Serialize, Deserialize)]
pub struct CopyStage {
    covered_seq: u64,
    index: CopyIndex,
}

impl CopyStage {
    /// Loads the snapshot of `data_dir` (or starts empty) and adds the articles stored after it.
    pub fn open(data_dir: &Path, store: &dyn Store) -> anyhow::Result<Self> {
        let path = snapshot_path(data_dir);
        let mut stage = match std::fs::File::open(&path) {
            Ok(file) => serde_json::from_reader(std::io::BufReader::new(file)).with_context(|| {
                format!(
                    "the copy index {} is damaged; delete it and it is rebuilt from the store",
                    path.display()
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                CopyStage { covered_seq: 0, index: CopyIndex::new(DedupConfig::default())? }
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read the copy index {}", path.display()))
            }
        };
        let last = store.last_seq()?;
        if stage.covered_seq > last {
            // A snapshot newer than the store (the store was replaced): start over from the store.
            stage = CopyStage { covered_seq: 0, index: CopyIndex::new(DedupConfig::default())? };
        }
        let index = &mut stage.index;
        let mut covered = stage.covered_seq;
        store.for_each_article_after(stage.covered_seq, &mut |seq, article| {
            index.add(&article);
            covered = seq;
            Ok(())
        })?;
        stage.covered_seq = covered;
        Ok(stage)
    }

    /// What computes fingerprints away from the index, on the worker threads of the text stage.
    pub fn fingerprinter(&self) -> Fingerprinter {
        Fingerprinter { config: self.index.config().clone(), hasher: self.index.hasher().clone() }
    }

    /// Adds a new article to the index and records on it the group it joined and the copy it matched.
    /// `fingerprint` must be that of the article's text as it is now (see [`Fingerprinter`]).
    pub fn assign(&mut self, article: &mut Article, fingerprint: Fingerprint) {
        let assignment = self.index.add_fingerprint(article, fingerprint);
        article.copy_group = Some(assignment.group);
        article.copy_relation = Some(assignment.relation.as_str().to_string());
        article.copy_of = assignment.matched.map(|m| CopyMatch {
            article: m.article,
            relation: m.relation.as_str().to_string(),
            similarity: m.similarity,
        });
    }

    /// Writes the snapshot, covering every article the store holds now (call after the run's last
    /// batch). Written to a temporary file and renamed, so a kill leaves the old snapshot or the new one.
    pub fn save(&mut self, data_dir: &Path, store: &dyn Store) -> anyhow::Result<()> {
        self.covered_seq = store.last_seq()?;
        let path = snapshot_path(data_dir);
        let tmp = path.with_extension("json.tmp");
        let file = std::fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        serde_json::to_writer(&mut out, self)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot replace {}", path.display()))?;
        Ok(())
    }

    /// Every copy group, oldest first.
    pub fn groups(&self) -> Vec<CopyGroup> {
        self.index.groups()
    }
}

/// Computes copy fingerprints of texts: stateless, so the parallel text stage does it and the
/// single-owner copy stage only looks them up.
#[derive(Debug, Clone)]
pub struct Fingerprinter {
    config: DedupConfig,
    hasher: MinHasher,
}

impl Fingerprinter {
    /// The fingerprint of a clean text, as the copy index computes it.
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        Fingerprint::of_text(text, &self.config, &self.hasher)
    }
}

fn snapshot_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SNAPSHOT_FILE)
}
