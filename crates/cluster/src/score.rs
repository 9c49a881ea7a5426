//! The evidence that two profiles (an article and an event, or two events) report the same happening,
//! as a fixed vector of features, and the logistic model that weighs them.

use crate::config::ScoreWeights;
use crate::profile::Profile;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many pair features there are.
pub const N_FEATURES: usize = 10;

/// Names of the features, in the order of [`PairFeatures::values`].
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "cosine",
    "entities",
    "terms",
    "lead_terms",
    "date_close",
    "date_conflict",
    "date_unknown",
    "place_agree",
    "place_conflict",
    "copy",
];

/// The features of one pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PairFeatures {
    /// Values in the order of [`FEATURE_NAMES`].
    pub values: [f32; N_FEATURES],
}

impl PairFeatures {
    /// The value of a feature by name (one of [`FEATURE_NAMES`]).
    pub fn value(&self, name: &str) -> f32 {
        let i = FEATURE_NAMES.iter().position(|n| *n == name).expect("a known feature name");
        self.values[i]
    }
}

/// Document frequencies of entities and terms over the articles seen so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocumentFrequencies {
    /// Articles counted.
    pub documents: u64,
    /// Entity id → articles mentioning it (hashed: looked up for every pair, never iterated).
    pub entities: FxHashMap<String, u32>,
    /// Term → articles using it.
    pub terms: FxHashMap<String, u32>,
}

impl DocumentFrequencies {
    /// Counts one article's entities and terms.
    pub fn add(&mut self, entities: &[String], terms: &[String]) {
        self.documents += 1;
        for e in entities {
            *self.entities.entry(e.clone()).or_default() += 1;
        }
        for t in terms {
            *self.terms.entry(t.clone()).or_default() += 1;
        }
    }

    fn idf(&self, df: Option<&u32>) -> f32 {
        let df = df.copied().unwrap_or(0).max(1) as f32;
        (1.0 + self.documents.max(1) as f32 / df).ln()
    }

    /// Inverse document frequency of an entity.
    pub fn entity_idf(&self, e: &str) -> f32 {
        self.idf(self.entities.get(e))
    }

    /// Inverse document frequency of a term.
    pub fn term_idf(&self, t: &str) -> f32 {
        self.idf(self.terms.get(t))
    }
}

/// How much of the rarer side's weighted evidence the two sides share: 1 when everything one side
/// says the other says too, weighted by how rare each item is.
fn weighted_overlap(
    a: &BTreeMap<String, f32>,
    a_members: f32,
    b: &BTreeMap<String, f32>,
    b_members: f32,
    idf: impl Fn(&str) -> f32,
) -> f32 {
    if a.is_empty() || b.is_empty() || a_members <= 0.0 || b_members <= 0.0 {
        return 0.0;
    }
    let (mut shared, mut total_a, mut total_b) = (0.0f32, 0.0f32, 0.0f32);
    for (k, &wa) in a {
        let w = idf(k);
        let fa = wa / a_members;
        total_a += fa * w;
        if let Some(&wb) = b.get(k) {
            shared += fa.min(wb / b_members) * w;
        }
    }
    for (k, &wb) in b {
        total_b += wb / b_members * idf(k);
    }
    let denom = total_a.min(total_b);
    if denom > 0.0 {
        (shared / denom).min(1.0)
    } else {
        0.0
    }
}

/// Cosine of two profiles' vector centroids (0 when either has none), without building the centroids.
pub fn profile_cosine(a: &Profile, b: &Profile) -> f32 {
    if a.vectors <= 0.0 || b.vectors <= 0.0 || a.vector_sum.len() != b.vector_sum.len() {
        return 0.0;
    }
    let (mut dot, mut na, mut nb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.vector_sum.iter().zip(&b.vector_sum) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na > 0.0 && nb > 0.0 {
        dot / (na.sqrt() * nb.sqrt())
    } else {
        0.0
    }
}

/// Computes the features of a pair of profiles.
pub fn pair_features(a: &Profile, b: &Profile, df: &DocumentFrequencies) -> PairFeatures {
    let cosine = profile_cosine(a, b);
    let entities = weighted_overlap(&a.entities, a.members, &b.entities, b.members, |e| df.entity_idf(e));
    let terms = weighted_overlap(&a.terms, a.members, &b.terms, b.members, |t| df.term_idf(t));
    let lead_terms = weighted_overlap(&a.lead_terms, a.members, &b.lead_terms, b.members, |t| df.term_idf(t));
    let (date_close, date_conflict, date_unknown) = date_features(a, b);
    let (place_agree, place_conflict) = match (a.main_place(), b.main_place()) {
        (Some(p), Some(q)) if p == q => (1.0, 0.0),
        (Some(_), Some(_)) => (0.0, 1.0),
        _ => (0.0, 0.0),
    };
    let copy = if a.copy_groups.keys().any(|g| b.copy_groups.contains_key(g)) { 1.0 } else { 0.0 };
    PairFeatures {
        values: [
            cosine,
            entities,
            terms,
            lead_terms,
            date_close,
            date_conflict,
            date_unknown,
            place_agree,
            place_conflict,
            copy,
        ],
    }
}

/// How close the two sides' event dates are: (close, conflict, unknown).
fn date_features(a: &Profile, b: &Profile) -> (f32, f32, f32) {
    let month_of_day = |d: i32| {
        let (y, m, _) = crate::features::civil_from_day(d);
        y * 12 + m as i32 - 1
    };
    match (a.reference_day(), b.reference_day(), a.reference_month(), b.reference_month()) {
        (Some(x), Some(y), _, _) => {
            let gap = (x - y).abs();
            let close = match gap {
                0 | 1 => 1.0,
                2 => 0.5,
                _ => 0.0,
            };
            // A week apart is as much a conflict as a year apart: different happenings.
            let conflict = ((gap - 2).max(0) as f32 / 5.0).min(1.0);
            (close, conflict, 0.0)
        }
        (Some(d), None, _, Some(m)) | (None, Some(d), Some(m), _) => {
            let gap = (month_of_day(d) - m).abs();
            (if gap == 0 { 0.25 } else { 0.0 }, if gap >= 2 { 1.0 } else { 0.0 }, 0.5)
        }
        (None, None, Some(x), Some(y)) => {
            let gap = (x - y).abs();
            (if gap == 0 { 0.25 } else { 0.0 }, if gap >= 2 { 1.0 } else { 0.0 }, 0.5)
        }
        _ => (0.0, 0.0, 1.0),
    }
}

/// The probability the logistic model gives that a pair is one happening.
pub fn probability(weights: &ScoreWeights, features: &PairFeatures) -> f32 {
    let z = weights.bias + weights.weights.iter().zip(&features.values).map(|(w, x)| w * x).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}
