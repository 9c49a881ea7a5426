//! The clustering configuration: one TOML file (`config/cluster.toml` in the repository, compiled in as
//! the default) holding every weight and threshold with the measurement that chose it.

use crate::error::ClusterError;
use crate::score::{FEATURE_NAMES, N_FEATURES};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The configuration file shipped with storyweave.
pub const DEFAULT_CONFIG_TOML: &str = include_str!("../../../config/cluster.toml");

/// Every setting of the clusterer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterConfig {
    /// Time windows.
    pub window: WindowConfig,
    /// The logistic model over pair features and its thresholds.
    pub score: ScoreWeights,
    /// When two events belong to one storyline.
    pub storyline: StorylineConfig,
}

/// Time windows, in days or arrivals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowConfig {
    /// An article is compared with events whose day lies within this many days of its own.
    pub join_days: i32,
    /// An event whose day is this many days behind the newest day seen is closed: it keeps its summary
    /// for storylines and leaves the join indexes, so memory follows the window, not the corpus.
    pub close_after_days: i32,
    /// An undated article is compared with the events touched by this many most recent arrivals.
    pub recent_events: usize,
    /// Entities and terms in more than this share of the articles seen are too common to retrieve by.
    pub max_index_share: f32,
}

/// `scored_candidates` of configurations and snapshots written before the setting existed.
fn default_scored_candidates() -> usize {
    16
}

/// Weights of the logistic model (see `score::FEATURE_NAMES`) and the decision thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ScoreFile", into = "ScoreFile")]
pub struct ScoreWeights {
    /// The intercept.
    pub bias: f32,
    /// One weight per feature, in the order of `FEATURE_NAMES`.
    pub weights: [f32; N_FEATURES],
    /// An article joins the best event when the model's probability reaches this.
    pub join_threshold: f32,
    /// Two events merge when their probability reaches this.
    pub merge_threshold: f32,
    /// How an article is compared with an event.
    pub linkage: Linkage,
}

/// How an article is compared with an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Linkage {
    /// With the event's pooled profile (its vector centroid, its day, all its entities and terms).
    Profile,
    /// The mean of the article's probabilities with each member.
    Average,
}

#[derive(Serialize, Deserialize)]
struct ScoreFile {
    bias: f32,
    join_threshold: f32,
    merge_threshold: f32,
    linkage: Linkage,
    weights: BTreeMap<String, f32>,
}

impl TryFrom<ScoreFile> for ScoreWeights {
    type Error = String;
    fn try_from(file: ScoreFile) -> Result<Self, String> {
        let mut weights = [0.0; N_FEATURES];
        for (name, w) in &file.weights {
            let i = FEATURE_NAMES
                .iter()
                .position(|n| n == name)
                .ok_or_else(|| format!("unknown feature `{name}` (known: {})", FEATURE_NAMES.join(", ")))?;
            weights[i] = *w;
        }
        if let Some(missing) = FEATURE_NAMES.iter().find(|n| !file.weights.contains_key(**n)) {
            return Err(format!("no weight for feature `{missing}`"));
        }
        Ok(ScoreWeights {
            bias: file.bias,
            weights,
            join_threshold: file.join_threshold,
            merge_threshold: file.merge_threshold,
            linkage: file.linkage,
        })
    }
}

impl From<ScoreWeights> for ScoreFile {
    fn from(w: ScoreWeights) -> Self {
        ScoreFile {
            bias: w.bias,
            join_threshold: w.join_threshold,
            merge_threshold: w.merge_threshold,
            linkage: w.linkage,
            weights: FEATURE_NAMES.iter().map(|n| n.to_string()).zip(w.weights).collect(),
        }
    }
}

/// When events are linked into one storyline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorylineConfig {
    /// Events further apart than this many days are not linked by similarity alone.
    pub window_days: i32,
    /// Least cosine of the two events' centroids.
    pub min_cosine: f32,
    /// Least IDF-weighted entity overlap (0–1).
    pub min_entities: f32,
    /// Least cosine for a link by back-reference (an article of one event names the other's day).
    pub backref_min_cosine: f32,
    /// Storyline candidates close enough in topic whose entities are compared: at most this many, the
    /// nearest centroids first (the entity walk over two profiles is the costly part of a link check).
    #[serde(default = "default_scored_candidates")]
    pub scored_candidates: usize,
}

impl ClusterConfig {
    /// Parses a configuration file's text.
    pub fn from_toml(text: &str) -> Result<ClusterConfig, ClusterError> {
        let config: ClusterConfig = toml::from_str(text).map_err(|e| ClusterError::Config(e.to_string()))?;
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<(), ClusterError> {
        let unit = |x: f32| (0.0..=1.0).contains(&x);
        if !unit(self.score.join_threshold) || !unit(self.score.merge_threshold) {
            return Err(ClusterError::Config("thresholds are probabilities between 0 and 1".into()));
        }
        if self.window.join_days < 0 || self.window.close_after_days < self.window.join_days {
            return Err(ClusterError::Config(
                "close_after_days must be at least join_days (both ≥ 0)".into(),
            ));
        }
        Ok(())
    }
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig::from_toml(DEFAULT_CONFIG_TOML).expect("the shipped config/cluster.toml is valid")
    }
}
