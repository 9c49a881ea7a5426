use crate::DedupError;
use serde::{Deserialize, Serialize};

/// The parameters of fingerprints, the LSH index and the copy decisions.
///
/// The defaults were chosen by measurement on the generated corpus (see `BENCHMARKS.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupConfig {
    /// Words per shingle (k).
    pub shingle_words: usize,
    /// MinHash permutations; must equal `bands × rows`.
    pub num_perm: usize,
    /// LSH bands.
    pub bands: usize,
    /// MinHash values per band.
    pub rows: usize,
    /// Estimated Jaccard at or above which two texts are near-duplicates.
    pub near_threshold: f64,
    /// Estimated containment of the shorter text in the longer at or above which it is a contained copy.
    pub containment_threshold: f64,
    /// A shingle is an anchor when the low `anchor_bits` bits of its hash are zero (1 in 2^bits).
    pub anchor_bits: u32,
    /// Anchors kept per article, the first ones in text order (leads and prefixes are what gets copied).
    pub max_anchors: usize,
    /// Fewest shingles a text needs to be called contained in another (tiny texts are contained everywhere).
    pub min_contained_shingles: usize,
    /// Entries read per LSH bucket or anchor posting list, newest first: bounds the cost of an `add`.
    pub probe_limit: usize,
    /// Candidates verified per add at most, those with the most bucket and anchor collisions first.
    pub max_verified: usize,
    /// Seed of the MinHash permutations; indexes can only be compared with the same seed.
    pub seed: u64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        Self {
            shingle_words: 5,
            num_perm: 128,
            bands: 32,
            rows: 4,
            near_threshold: 0.85,
            containment_threshold: 0.5,
            anchor_bits: 3,
            max_anchors: 16,
            min_contained_shingles: 8,
            probe_limit: 4,
            max_verified: 16,
            seed: 0x5EED_D3D0_0C0F_1E55,
        }
    }
}

impl DedupConfig {
    /// Checks that the parameters fit together.
    pub fn validate(&self) -> Result<(), DedupError> {
        let bad = |m: &str| Err(DedupError::Config(m.to_string()));
        if self.shingle_words == 0 {
            return bad("shingle_words must be at least 1");
        }
        if self.bands == 0 || self.rows == 0 || self.bands * self.rows != self.num_perm {
            return bad("bands × rows must equal num_perm, and both must be positive");
        }
        if !(0.0..=1.0).contains(&self.near_threshold) || !(0.0..=1.0).contains(&self.containment_threshold) {
            return bad("thresholds must lie in 0..=1");
        }
        if self.anchor_bits > 16 || self.probe_limit == 0 || self.max_verified == 0 {
            return bad("anchor_bits must be at most 16, probe_limit and max_verified positive");
        }
        Ok(())
    }
}
