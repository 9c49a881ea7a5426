//! Fingerprints of one text: exact hash, MinHash signature, anchors and SimHash.

use crate::shingle::{for_each_token_hash, mix64, shingle_hashes};
use crate::DedupConfig;
use serde::{Deserialize, Serialize};

/// MinHash permutations as multiply-add over one 64-bit hash per shingle: `(a·h + b) >> 32`.
///
/// One strong hash per shingle plus cheap per-permutation arithmetic costs a multiply and an add per
/// (shingle, permutation), and the loop over permutations vectorizes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinHasher {
    mul: Vec<u64>,
    add: Vec<u64>,
}

impl MinHasher {
    /// `num_perm` permutations drawn from `seed`.
    pub fn new(num_perm: usize, seed: u64) -> Self {
        let mut state = seed;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            mix64(state)
        };
        let mut mul = Vec::with_capacity(num_perm);
        let mut add = Vec::with_capacity(num_perm);
        for _ in 0..num_perm {
            mul.push(next() | 1);
            add.push(next());
        }
        Self { mul, add }
    }

    /// Number of permutations.
    pub fn len(&self) -> usize {
        self.mul.len()
    }

    /// Whether there are no permutations.
    pub fn is_empty(&self) -> bool {
        self.mul.is_empty()
    }

    /// The signature of a set of shingle hashes (duplicates do not matter); all `u32::MAX` when empty.
    pub fn signature(&self, shingles: &[u64]) -> Vec<u32> {
        let mut sig = vec![u32::MAX; self.mul.len()];
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512dq")
                && std::arch::is_x86_feature_detected!("avx512vl")
            {
                // SAFETY: the CPU was just checked to have the features the function is compiled for.
                unsafe { signature_avx512(&self.mul, &self.add, shingles, &mut sig) };
                return sig;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: as above.
                unsafe { signature_avx2(&self.mul, &self.add, shingles, &mut sig) };
                return sig;
            }
        }
        signature_into(&self.mul, &self.add, shingles, &mut sig);
        sig
    }
}

/// The MinHash loop; permutations innermost so the compiler vectorizes it.
#[inline(always)]
fn signature_into(mul: &[u64], add: &[u64], shingles: &[u64], sig: &mut [u32]) {
    for &h in shingles {
        for ((m, a), s) in mul.iter().zip(add).zip(sig.iter_mut()) {
            let v = (m.wrapping_mul(h).wrapping_add(*a) >> 32) as u32;
            *s = (*s).min(v);
        }
    }
}

/// [`signature_into`] compiled for AVX-512 (64-bit lane multiplies), chosen at run time.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
fn signature_avx512(mul: &[u64], add: &[u64], shingles: &[u64], sig: &mut [u32]) {
    signature_into(mul, add, shingles, sig)
}

/// [`signature_into`] compiled for AVX2, chosen at run time.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn signature_avx2(mul: &[u64], add: &[u64], shingles: &[u64], sig: &mut [u32]) {
    signature_into(mul, add, shingles, sig)
}

/// Estimated Jaccard similarity: the share of equal MinHash values (full or truncated to 16 bits).
pub fn estimate_jaccard<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / a.len() as f64
}

/// Containment of A in B from their Jaccard similarity and set sizes: |A∩B| = J(|A|+|B|)/(1+J).
pub fn containment_from_jaccard(jaccard: f64, size_a: usize, size_b: usize) -> f64 {
    if size_a == 0 {
        return 0.0;
    }
    let inter = jaccard * (size_a + size_b) as f64 / (1.0 + jaccard);
    (inter / size_a as f64).min(1.0)
}

/// A 64-bit SimHash of shingle hashes: each bit is the majority vote of that bit over the shingles.
pub fn simhash(shingles: &[u64]) -> u64 {
    let mut votes = [0i32; 64];
    for &h in shingles {
        for (bit, v) in votes.iter_mut().enumerate() {
            *v += if (h >> bit) & 1 == 1 { 1 } else { -1 };
        }
    }
    votes.iter().enumerate().fold(0u64, |acc, (bit, &v)| if v > 0 { acc | (1 << bit) } else { acc })
}

/// Everything the index keeps or compares about one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    /// Hash of the normalized token stream: equal for texts that differ only in case, spacing, punctuation.
    pub exact: u64,
    /// Number of distinct shingles.
    pub shingles: usize,
    /// MinHash signature.
    pub minhash: Vec<u32>,
    /// The first anchors in text order (sampled shingle hashes, upper 32 bits), distinct.
    pub anchors: Vec<u32>,
    /// Whether `anchors` holds every anchor of the text (it was not cut at `max_anchors`).
    pub anchors_complete: bool,
}

impl Fingerprint {
    /// The fingerprint of a clean text.
    pub fn of_text(text: &str, config: &DedupConfig, hasher: &MinHasher) -> Self {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        for_each_token_hash(text, |h| tokens.push(h));
        let exact = tokens.iter().fold(0x2545_F491_4F6C_DD1Du64, |acc, &t| mix64(acc ^ t));
        let ordered = shingle_hashes(&tokens, config.shingle_words);
        let mask = (1u64 << config.anchor_bits) - 1;
        let mut anchors: Vec<u32> = Vec::new();
        let mut anchors_complete = true;
        for &h in &ordered {
            if h & mask == 0 {
                let a = (h >> 32) as u32;
                if anchors.contains(&a) {
                    continue;
                }
                if anchors.len() == config.max_anchors {
                    anchors_complete = false;
                    break;
                }
                anchors.push(a);
            }
        }
        let mut set = ordered;
        set.sort_unstable();
        set.dedup();
        Self { exact, shingles: set.len(), minhash: hasher.signature(&set), anchors, anchors_complete }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minhash_estimates_jaccard() {
        let h = MinHasher::new(256, 7);
        let a: Vec<u64> = (0..400u64).map(mix64).collect();
        let b: Vec<u64> = (100..500u64).map(mix64).collect();
        let est = estimate_jaccard(&h.signature(&a), &h.signature(&b));
        assert!((est - 300.0 / 500.0).abs() < 0.08, "estimate {est}");
    }

    #[test]
    fn simhash_is_close_for_close_sets() {
        let a: Vec<u64> = (0..200u64).map(mix64).collect();
        let mut b = a.clone();
        b[0] = 1;
        assert!((simhash(&a) ^ simhash(&b)).count_ones() <= 4);
    }

    #[test]
    fn containment_formula_inverts_jaccard() {
        // A ⊂ B, |A| = 30, |B| = 100 → J = 0.3, containment 1.
        assert!((containment_from_jaccard(0.3, 30, 100) - 1.0).abs() < 1e-9);
    }
}
