//! Fitting the clusterer's logistic model on labelled articles.
//!
//! The training pairs are the decisions the online clusterer faces: each article, in arrival order,
//! against every gold event formed by the articles before it (positive when it is the article's own
//! event). The document frequencies grow as they do online, so the features match what the clusterer
//! computes. The model is an L2-regularized logistic regression fitted by Newton's method.

use crate::features::ArticleFeatures;
use crate::profile::Profile;
use crate::score::{pair_features, DocumentFrequencies, N_FEATURES};
use std::collections::BTreeMap;

/// One labelled pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// The pair's features (see `score::FEATURE_NAMES`).
    pub features: [f32; N_FEATURES],
    /// Whether the two sides are one event.
    pub same: bool,
}

/// The pairs an online clusterer meets on `articles` (in arrival order) with gold events `labels`.
pub fn online_samples(articles: &[ArticleFeatures], labels: &[String]) -> Vec<Sample> {
    let mut df = DocumentFrequencies::default();
    let mut groups: BTreeMap<&str, Profile> = BTreeMap::new();
    let mut samples = Vec::new();
    for (article, label) in articles.iter().zip(labels) {
        df.add(&article.entities, &article.terms);
        let profile = Profile::of(article);
        for (gold, group) in &groups {
            let pf = pair_features(&profile, group, &df);
            if pf.value("cosine") >= HARD_PAIR_COSINE {
                samples.push(Sample { features: pf.values, same: *gold == label.as_str() });
            }
        }
        groups.entry(label.as_str()).or_default().add(article, 1.0);
    }
    samples
}

/// Least cosine of a training pair: below it, pairs are of different topics.
pub const HARD_PAIR_COSINE: f32 = 0.35;

/// The article pairs an online clusterer with average linkage scores: each article, in arrival order,
/// against every article before it (positive when both are of one gold event).
pub fn pair_samples(articles: &[ArticleFeatures], labels: &[String]) -> Vec<Sample> {
    let mut df = DocumentFrequencies::default();
    let mut seen: Vec<(Profile, &str)> = Vec::new();
    let mut samples = Vec::new();
    for (article, label) in articles.iter().zip(labels) {
        df.add(&article.entities, &article.terms);
        let profile = Profile::of(article);
        for (other, gold) in &seen {
            let pf = pair_features(&profile, other, &df);
            // Pairs on different topics are easy and would swamp the fit; the clusterer's decisions
            // are between articles on one topic, so those are the pairs the weights are fitted on.
            if pf.value("cosine") >= HARD_PAIR_COSINE {
                samples.push(Sample { features: pf.values, same: *gold == label.as_str() });
            }
        }
        seen.push((profile, label.as_str()));
    }
    samples
}

/// Fits bias and weights; positives and negatives are weighted to count equally, so the model does
/// not learn the corpus's share of new events. Returns (bias, weights).
#[allow(clippy::needless_range_loop)]
pub fn fit_logistic(samples: &[Sample], l2: f64) -> (f32, [f32; N_FEATURES]) {
    const D: usize = N_FEATURES + 1; // bias + features
    let positives = samples.iter().filter(|s| s.same).count().max(1) as f64;
    let negatives = (samples.len() as f64 - positives).max(1.0);
    let mut w = [0f64; D];
    for _ in 0..50 {
        let mut grad = [0f64; D];
        let mut hess = [[0f64; D]; D];
        for s in samples {
            let mut x = [0f64; D];
            x[0] = 1.0;
            for (i, v) in s.features.iter().enumerate() {
                x[i + 1] = *v as f64;
            }
            let z: f64 = w.iter().zip(&x).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = if s.same { 1.0 } else { 0.0 };
            let weight = if s.same { 0.5 / positives } else { 0.5 / negatives };
            for i in 0..D {
                grad[i] += weight * (p - y) * x[i];
                for j in 0..D {
                    hess[i][j] += weight * p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        for i in 1..D {
            grad[i] += l2 * w[i];
            hess[i][i] += l2;
        }
        hess[0][0] += 1e-9;
        let Some(step) = solve(hess, grad) else { break };
        let mut change = 0.0;
        for i in 0..D {
            w[i] -= step[i];
            change += step[i].abs();
        }
        if change < 1e-9 {
            break;
        }
    }
    let mut weights = [0f32; N_FEATURES];
    for i in 0..N_FEATURES {
        weights[i] = w[i + 1] as f32;
    }
    (w[0] as f32, weights)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
#[allow(clippy::needless_range_loop)] // the textbook index form reads clearer than iterator chains here
fn solve<const D: usize>(mut a: [[f64; D]; D], mut b: [f64; D]) -> Option<[f64; D]> {
    for col in 0..D {
        let pivot = (col..D).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-15 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..D {
            let f = a[row][col] / a[col][col];
            for k in col..D {
                a[row][k] -= f * a[col][k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0f64; D];
    for row in (0..D).rev() {
        let s: f64 = (row + 1..D).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logistic_fit_separates_a_clear_feature() {
        let mut samples = Vec::new();
        for i in 0..200 {
            let same = i % 2 == 0;
            let mut features = [0f32; N_FEATURES];
            features[0] = if same { 0.8 } else { 0.2 } + (i % 7) as f32 * 0.01;
            samples.push(Sample { features, same });
        }
        let (bias, w) = fit_logistic(&samples, 0.01);
        assert!(w[0] > 1.0, "cosine weight {w:?}");
        let z = |c: f32| bias + w[0] * c;
        assert!(z(0.8) > 0.0 && z(0.2) < 0.0);
    }
}
