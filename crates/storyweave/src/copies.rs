//! The copy stage: the single owner of the copy index (crate `dedup`) during ingest, and its snapshot
//! in the data directory.
//!
//! The store is the source of truth. The index is saved at the end of each run with the insertion
//! number of the last article it covers; on the next start it is loaded and the articles stored after
//! that number (by a run that was killed, say) are added again in insertion order. Adding is
//! deterministic, so the rebuilt index is the one the killed run had, and the copy fields stored with
//! those articles agree with it. A snapshot records its layout ([`SNAPSHOT_FORMAT`]); one written
//! with another layout is rebuilt the same way, from the first stored article.
//!
//! Translated copies (see [`dedup::translated`]) need the sentence encoder to be found, but not to be
//! replayed: the decision is stored on the article (`copy_of` with relation `translated`), and the
//! replay reads it back instead of running the encoder again. Without an encoder (`set_encoder` not
//! called) no new translated copy is found; the other relations are unaffected. Sentence vectors are
//! computed one article per encoder call, so they do not depend on what else is in a batch, and kept
//! for the last [`CACHED_VECTORS`] articles verified; a candidate's text comes from the last
//! [`RECENT_TEXTS`] articles added (which may not be stored yet) or from the store.

use anyhow::Context;
use dedup::{
    CopyGroup, CopyIndex, CopyRelation, DedupConfig, Fingerprint, MinHasher, TranslatedCopies,
    TranslatedMatch, TranslationConfig,
};
use model::{Article, CopyMatch};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use store::Store;

/// The snapshot's file name inside the data directory.
pub const SNAPSHOT_FILE: &str = "copy-index.json";

/// Articles whose sentence vectors are kept after a verification.
pub const CACHED_VECTORS: usize = 1024;
/// Articles whose text is kept for verifying later translations without reading the store.
pub const RECENT_TEXTS: usize = 512;

/// The layout of the snapshot. Bumped whenever the saved state changes shape, so a snapshot of an
/// older layout is rebuilt from the store rather than misread or refused. 2: article ids kept only
/// by the copy index, compact, and chain heads without keys.
pub const SNAPSHOT_FORMAT: u32 = 2;

/// The copy index with the insertion number of the last stored article it covers.
#[derive(Serialize)]
pub struct CopyStage {
    /// Written first, so a load can tell an older layout before reading the rest.
    format: u32,
    covered_seq: u64,
    index: CopyIndex,
    translations: TranslatedCopies,
    #[serde(skip)]
    encoder: Option<Arc<dyn embed::Embedder>>,
    #[serde(skip)]
    recent: RecentArticles,
}

/// A snapshot as read: the stage, or nothing when its layout is not [`SNAPSHOT_FORMAT`].
enum Snapshot {
    Current(Box<CopyStage>),
    OtherFormat,
}

impl<'de> Deserialize<'de> for Snapshot {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(SnapshotVisitor)
    }
}

struct SnapshotVisitor;

impl<'de> serde::de::Visitor<'de> for SnapshotVisitor {
    type Value = Snapshot;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a copy-stage snapshot")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Snapshot, A::Error> {
        use serde::de::{Error, IgnoredAny};
        // Snapshots before the format field start with another field: skimmed, not decoded.
        let first: Option<String> = map.next_key()?;
        let current = match first.as_deref() {
            Some("format") => map.next_value::<u32>()? == SNAPSHOT_FORMAT,
            Some(_) => {
                map.next_value::<IgnoredAny>()?;
                false
            }
            None => false,
        };
        if !current {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Snapshot::OtherFormat);
        }
        let (mut covered_seq, mut index, mut translations) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "covered_seq" => covered_seq = Some(map.next_value()?),
                "index" => index = Some(map.next_value()?),
                "translations" => translations = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Snapshot::Current(Box::new(CopyStage {
            format: SNAPSHOT_FORMAT,
            covered_seq: covered_seq.ok_or_else(|| A::Error::missing_field("covered_seq"))?,
            index: index.ok_or_else(|| A::Error::missing_field("index"))?,
            translations: translations.ok_or_else(|| A::Error::missing_field("translations"))?,
            encoder: None,
            recent: RecentArticles::default(),
        })))
    }
}

/// The texts of the last articles added and the sentence vectors of the last ones verified, both
/// bounded and first in, first out.
#[derive(Default)]
struct RecentArticles {
    texts: HashMap<u32, (Option<String>, String, String)>,
    text_order: VecDeque<u32>,
    vectors: HashMap<u32, Arc<Vec<Vec<f32>>>>,
    vector_order: VecDeque<u32>,
}

impl RecentArticles {
    fn remember_text(&mut self, doc: u32, article: &Article) {
        let text = (article.title.clone(), article.text.clone(), article.language.clone());
        self.texts.insert(doc, text);
        self.text_order.push_back(doc);
        if self.text_order.len() > RECENT_TEXTS {
            let old = self.text_order.pop_front().expect("the queue is not empty");
            self.texts.remove(&old);
        }
    }

    fn remember_vectors(&mut self, doc: u32, vectors: Arc<Vec<Vec<f32>>>) {
        if self.vectors.insert(doc, vectors).is_none() {
            self.vector_order.push_back(doc);
            if self.vector_order.len() > CACHED_VECTORS {
                let old = self.vector_order.pop_front().expect("the queue is not empty");
                self.vectors.remove(&old);
            }
        }
    }
}

/// The sentence vectors of one text, one encoder call for the whole text.
fn sentence_vectors(
    encoder: &dyn embed::Embedder,
    title: Option<&str>,
    text: &str,
    language: &str,
    max_sentences: usize,
) -> Option<Vec<Vec<f32>>> {
    let document = embed::Document { title, text, language };
    let mut sentences = document.sentences();
    sentences.truncate(max_sentences);
    if sentences.is_empty() {
        return Some(Vec::new());
    }
    let vectors = encoder.embed(&sentences).ok()?;
    Some(vectors.rows().map(<[f32]>::to_vec).collect())
}

/// The first `max` sentence vectors (the verifier looks at no more), sharing the allocation when
/// there are not more than that.
fn truncated(vectors: Arc<Vec<Vec<f32>>>, max: usize) -> Arc<Vec<Vec<f32>>> {
    if vectors.len() <= max {
        vectors
    } else {
        Arc::new(vectors[..max].to_vec())
    }
}

fn empty_stage() -> anyhow::Result<CopyStage> {
    Ok(CopyStage {
        format: SNAPSHOT_FORMAT,
        covered_seq: 0,
        index: CopyIndex::new(DedupConfig::default())?,
        translations: TranslatedCopies::new(TranslationConfig::default()),
        encoder: None,
        recent: RecentArticles::default(),
    })
}

impl CopyStage {
    /// Loads the snapshot of `data_dir` (or starts empty) and adds the articles stored after it.
    pub fn open(data_dir: &Path, store: &dyn Store) -> anyhow::Result<Self> {
        let path = snapshot_path(data_dir);
        let mut stage = match std::fs::File::open(&path) {
            Ok(file) => match serde_json::from_reader(std::io::BufReader::new(file)).with_context(|| {
                format!(
                    "the copy index {} is damaged; delete it and it is rebuilt from the store",
                    path.display()
                )
            })? {
                Snapshot::Current(stage) => *stage,
                // Written by a version that laid the state out otherwise: rebuilt from the store.
                Snapshot::OtherFormat => empty_stage()?,
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => empty_stage()?,
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read the copy index {}", path.display()))
            }
        };
        let last = store.last_seq()?;
        if stage.covered_seq > last || stage.translations.len() != stage.index.len() {
            // A snapshot newer than the store (the store was replaced), or one whose two halves
            // disagree: start over from the store.
            stage = empty_stage()?;
        }
        let (index, translations) = (&mut stage.index, &mut stage.translations);
        let mut covered = stage.covered_seq;
        store.for_each_article_after(stage.covered_seq, &mut |seq, article| {
            let assignment = index.add(&article);
            let signature = translations.signature(&article);
            // The encoder's verdict was stored with the article: read it back rather than ask again.
            let recorded = assignment
                .matched
                .is_none()
                .then_some(article.copy_of.as_ref())
                .flatten()
                .filter(|m| m.relation == CopyRelation::Translated.as_str())
                .and_then(|m| {
                    let doc = translations.find(index, &signature, &article.language, &m.article)?;
                    Some(TranslatedMatch { doc, article: m.article.clone(), similarity: m.similarity })
                });
            translations.add(&article, signature, assignment.group, recorded.as_ref());
            covered = seq;
            Ok(())
        })?;
        stage.covered_seq = covered;
        Ok(stage)
    }

    /// Gives the stage the sentence encoder that verifies translated copies (none: none are found).
    pub fn set_encoder(&mut self, encoder: Option<Arc<dyn embed::Embedder>>) {
        self.encoder = encoder;
    }

    /// What computes fingerprints away from the index, on the worker threads of the text stage.
    pub fn fingerprinter(&self) -> Fingerprinter {
        Fingerprinter { config: self.index.config().clone(), hasher: self.index.hasher().clone() }
    }

    /// Adds a new article to the index and records on it the group it joined and the copy it matched.
    /// `fingerprint` must be that of the article's text as it is now (see [`Fingerprinter`]); `store`
    /// gives the text of older translation candidates.
    /// `sentences`: the article's sentence vectors when the text stage computed them (title first, as
    /// `embed::Document::sentences` lists them); without them the encoder runs here when needed.
    pub fn assign(
        &mut self,
        article: &mut Article,
        fingerprint: Fingerprint,
        store: &dyn Store,
        sentences: Option<Arc<Vec<Vec<f32>>>>,
    ) {
        let assignment = self.index.add_fingerprint(article, fingerprint);
        let doc = (self.index.len() - 1) as u32;
        let signature = self.translations.signature(article);
        let translated = match &self.encoder {
            Some(encoder) if assignment.matched.is_none() => {
                let candidates = self.translations.candidates(&signature, &article.language);
                self.find_translation(encoder.clone(), doc, article, &candidates, store, sentences)
            }
            _ => {
                // Kept for later articles that may turn out to be its translation.
                if let Some(vectors) = sentences {
                    let max = self.translations.config().max_sentences;
                    self.recent.remember_vectors(doc, truncated(vectors, max));
                }
                None
            }
        };
        let group = self.translations.add(article, signature, assignment.group, translated.as_ref());
        self.recent.remember_text(doc, article);
        article.copy_group = Some(group);
        if let Some(m) = translated {
            article.copy_relation = Some(CopyRelation::Translated.as_str().to_string());
            article.copy_of = Some(CopyMatch {
                article: m.article,
                relation: CopyRelation::Translated.as_str().to_string(),
                similarity: m.similarity,
            });
            return;
        }
        // A copy of a translation is only linked to the origin of the group the translation joined.
        let relation = if group == assignment.group { assignment.relation } else { CopyRelation::Linked };
        article.copy_relation = Some(relation.as_str().to_string());
        article.copy_of = assignment.matched.map(|m| CopyMatch {
            article: m.article,
            relation: m.relation.as_str().to_string(),
            similarity: m.similarity,
        });
    }

    /// Verifies the candidates with sentence vectors (computed only when there is a candidate).
    fn find_translation(
        &mut self,
        encoder: Arc<dyn embed::Embedder>,
        doc: u32,
        article: &Article,
        candidates: &[dedup::translated::TranslationCandidate],
        store: &dyn Store,
        sentences: Option<Arc<Vec<Vec<f32>>>>,
    ) -> Option<TranslatedMatch> {
        let (index, translations) = (&self.index, &self.translations);
        let max_sentences = translations.config().max_sentences;
        if candidates.is_empty() {
            if let Some(vectors) = sentences {
                self.recent.remember_vectors(doc, truncated(vectors, max_sentences));
            }
            return None;
        }
        let title = article.title.as_deref();
        let query = match sentences {
            Some(vectors) => truncated(vectors, max_sentences),
            None => {
                Arc::new(sentence_vectors(&*encoder, title, &article.text, &article.language, max_sentences)?)
            }
        };
        let recent = &mut self.recent;
        let mut vectors_of = |candidate: u32| -> Option<Vec<Vec<f32>>> {
            if let Some(v) = recent.vectors.get(&candidate) {
                return Some(v.as_ref().clone());
            }
            let vectors = match recent.texts.get(&candidate) {
                Some((title, text, language)) => {
                    sentence_vectors(&*encoder, title.as_deref(), text, language, max_sentences)
                }
                None => {
                    let stored = store.article(&index.article_id(candidate as usize).0).ok()??;
                    let (title, text, language) = (stored.title.as_deref(), &stored.text, &stored.language);
                    sentence_vectors(&*encoder, title, text, language, max_sentences)
                }
            }?;
            recent.remember_vectors(candidate, Arc::new(vectors.clone()));
            Some(vectors)
        };
        let found = translations.verify(index, candidates, &query, &mut vectors_of);
        self.recent.remember_vectors(doc, query);
        found
    }

    /// Writes the snapshot, covering every article the store holds now (call after the run's last
    /// batch). Written to a temporary file and renamed, so a kill leaves the old snapshot or the new one.
    pub fn save(&mut self, data_dir: &Path, store: &dyn Store) -> anyhow::Result<()> {
        self.covered_seq = store.last_seq()?;
        self.format = SNAPSHOT_FORMAT;
        crate::snapshot::write_json_atomically(&snapshot_path(data_dir), self)
    }

    /// Every copy group, oldest first, translations inside the group they joined.
    pub fn groups(&self) -> Vec<CopyGroup> {
        self.translations.merge_groups(&self.index, self.index.groups())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_of_another_layout_is_set_aside_not_misread() {
        let unversioned = r#"{"covered_seq":7,"index":{"docs":[]},"translations":null}"#;
        assert!(matches!(serde_json::from_str::<Snapshot>(unversioned).unwrap(), Snapshot::OtherFormat));
        let older = r#"{"format":1,"covered_seq":7,"index":{"docs":[{"id":"x"}]}}"#;
        assert!(matches!(serde_json::from_str::<Snapshot>(older).unwrap(), Snapshot::OtherFormat));
        assert!(matches!(serde_json::from_str::<Snapshot>("{}").unwrap(), Snapshot::OtherFormat));

        let mut stage = empty_stage().unwrap();
        stage.covered_seq = 7;
        let json = serde_json::to_string(&stage).unwrap();
        assert!(json.starts_with(&format!("{{\"format\":{SNAPSHOT_FORMAT},")), "{}", &json[..40]);
        match serde_json::from_str::<Snapshot>(&json).unwrap() {
            Snapshot::Current(loaded) => assert_eq!(loaded.covered_seq, 7),
            Snapshot::OtherFormat => panic!("the current layout was set aside"),
        }
        // The current format with a damaged body is an error, not a silent rebuild.
        let damaged = format!("{{\"format\":{SNAPSHOT_FORMAT},\"covered_seq\":\"x\"}}");
        assert!(serde_json::from_str::<Snapshot>(&damaged).is_err());
    }
}
