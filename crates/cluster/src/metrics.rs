//! Clustering quality against gold labels: BCubed and pairwise precision, recall and F1.
//!
//! BCubed (Bagga & Baldwin) scores each item by how much its predicted cluster and its gold cluster
//! agree, then averages over items, so a big cluster does not dominate; pairwise scores count item
//! pairs placed together. Items are matched by key; items missing from either side are ignored.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1 }
    }
}

/// Every figure of one clustering against its gold labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterScores {
    /// BCubed precision, recall and F1.
    pub bcubed: Prf,
    /// Pairwise precision, recall and F1.
    pub pairwise: Prf,
    /// How many clusters the prediction has (over the scored items).
    pub clusters_found: usize,
    /// How many clusters the gold labels have.
    pub clusters_gold: usize,
}

/// Scores `predicted` (item → cluster) against `gold` (item → cluster) over the items both label.
pub fn score<I, P, G>(predicted: &HashMap<I, P>, gold: &HashMap<I, G>) -> ClusterScores
where
    I: Eq + Hash + Ord + Clone,
    P: Eq + Hash + Ord + Clone,
    G: Eq + Hash + Ord + Clone,
{
    let mut items: Vec<&I> = gold.keys().filter(|i| predicted.contains_key(*i)).collect();
    items.sort();
    let mut joint: BTreeMap<(&P, &G), usize> = BTreeMap::new();
    let mut pred_size: BTreeMap<&P, usize> = BTreeMap::new();
    let mut gold_size: BTreeMap<&G, usize> = BTreeMap::new();
    for item in &items {
        let (p, g) = (&predicted[*item], &gold[*item]);
        *joint.entry((p, g)).or_default() += 1;
        *pred_size.entry(p).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
    }
    let n = items.len() as f64;
    // BCubed: an item in cell (p, g) has precision |p∩g|/|p| and recall |p∩g|/|g|; the cell holds
    // |p∩g| such items.
    let (mut bp, mut br) = (0.0, 0.0);
    for ((p, g), &both) in &joint {
        let both = both as f64;
        bp += both * both / pred_size[p] as f64;
        br += both * both / gold_size[g] as f64;
    }
    let bcubed = if n > 0.0 { Prf::new(bp / n, br / n) } else { Prf::new(0.0, 0.0) };

    let pairs = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let together_both: f64 = joint.values().map(|&k| pairs(k)).sum();
    let together_pred: f64 = pred_size.values().map(|&k| pairs(k)).sum();
    let together_gold: f64 = gold_size.values().map(|&k| pairs(k)).sum();
    // With no pair on one side, that side makes no mistake of its kind.
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 1.0 };
    let pairwise = Prf::new(ratio(together_both, together_pred), ratio(together_both, together_gold));
    ClusterScores { bcubed, pairwise, clusters_found: pred_size.len(), clusters_gold: gold_size.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(u32, u32)]) -> HashMap<u32, u32> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let gold = map(&[(1, 1), (2, 1), (3, 2)]);
        let pred = map(&[(1, 7), (2, 7), (3, 9)]);
        let s = score(&pred, &gold);
        assert_eq!(s.bcubed.f1, 1.0);
        assert_eq!(s.pairwise.f1, 1.0);
        assert_eq!((s.clusters_found, s.clusters_gold), (2, 2));
    }

    #[test]
    fn one_big_cluster_has_full_recall_and_low_precision() {
        let gold = map(&[(1, 1), (2, 1), (3, 2), (4, 2)]);
        let pred = map(&[(1, 0), (2, 0), (3, 0), (4, 0)]);
        let s = score(&pred, &gold);
        assert_eq!(s.bcubed.recall, 1.0);
        assert!((s.bcubed.precision - 0.5).abs() < 1e-12);
        // 2 of the 6 pairs placed together are right.
        assert!((s.pairwise.precision - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!(s.pairwise.recall, 1.0);
    }

    #[test]
    fn singletons_have_full_precision() {
        let gold = map(&[(1, 1), (2, 1), (3, 1)]);
        let pred = map(&[(1, 1), (2, 2), (3, 3)]);
        let s = score(&pred, &gold);
        assert_eq!(s.bcubed.precision, 1.0);
        assert!((s.bcubed.recall - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.pairwise.recall, 0.0);
    }

    #[test]
    fn bcubed_matches_a_hand_computed_case() {
        // Gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
        let gold = map(&[(1, 1), (2, 1), (3, 1), (4, 2), (5, 2)]);
        let pred = map(&[(1, 1), (2, 1), (3, 2), (4, 2), (5, 2)]);
        let s = score(&pred, &gold);
        // Precision: 1, 1, 1/3, 2/3, 2/3 → 11/15. Recall: 2/3, 2/3, 1/3, 1, 1 → 11/15.
        assert!((s.bcubed.precision - 11.0 / 15.0).abs() < 1e-12);
        assert!((s.bcubed.recall - 11.0 / 15.0).abs() < 1e-12);
    }
}
