//! Word tokens and word shingles of a clean text, as 64-bit hashes.
//!
//! Tokens are maximal runs of letters and digits, lowercased; each Han ideograph, kana or Thai letter
//! is a token of its own because those scripts do not separate words with spaces. A shingle is `k`
//! consecutive tokens, hashed once to 64 bits; everything downstream (exact hash, MinHash, SimHash,
//! anchors) works on these hashes only.

/// A seedless 64-bit finalizer (SplitMix64's): spreads the bits of a weak hash over the whole word.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hash of one token's UTF-8 bytes: eight bytes at a time, multiply-rotate, then a finalizer.
#[inline]
fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(buf)).wrapping_mul(K).rotate_left(29);
    }
    mix64(h)
}

/// Whether a character is written without spaces between words, so it is a token by itself.
#[inline]
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x0E00..=0x0E7F    // Thai
    )
}

/// Calls `emit` with the hash of every token of `text`, in order.
pub fn for_each_token_hash(text: &str, mut emit: impl FnMut(u64)) {
    let mut buf: Vec<u8> = Vec::with_capacity(32);
    let flush = |buf: &mut Vec<u8>, emit: &mut dyn FnMut(u64)| {
        if !buf.is_empty() {
            emit(hash_bytes(buf));
            buf.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                buf.push(c.to_ascii_lowercase() as u8);
            } else {
                flush(&mut buf, &mut emit);
            }
        } else if is_unspaced_script(c) {
            flush(&mut buf, &mut emit);
            let mut tmp = [0u8; 4];
            emit(hash_bytes(c.encode_utf8(&mut tmp).as_bytes()));
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut tmp = [0u8; 4];
                buf.extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
            }
        } else {
            flush(&mut buf, &mut emit);
        }
    }
    flush(&mut buf, &mut emit);
}

/// The token hashes of `text`, in order.
pub fn token_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 5);
    for_each_token_hash(text, |h| out.push(h));
    out
}

/// The hashes of the `k`-token shingles over `tokens`, in text order (duplicates kept).
///
/// A text shorter than `k` tokens gives one shingle of all its tokens, so short texts still match.
pub fn shingle_hashes(tokens: &[u64], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if tokens.is_empty() {
        return Vec::new();
    }
    let window = k.min(tokens.len());
    tokens
        .windows(window)
        .map(|w| {
            // Order-sensitive combination: "a b" and "b a" must differ.
            let mut h = 0x51_7C_C1_B7_27_22_0A_95u64;
            for &t in w {
                h = (h.rotate_left(23) ^ t).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            }
            mix64(h)
        })
        .collect()
}

/// The distinct shingle hashes of a text, sorted: the exact set the estimates approximate.
pub fn shingle_set(text: &str, k: usize) -> Vec<u64> {
    let mut s = shingle_hashes(&token_hashes(text), k);
    s.sort_unstable();
    s.dedup();
    s
}

/// Exact Jaccard similarity of two sorted, distinct hash sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let inter = intersection_len(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

/// Exact containment of `a` in `b` (|a ∩ b| / |a|) for sorted, distinct hash sets.
pub fn containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    intersection_len(a, b) as f64 / a.len() as f64
}

/// Size of the intersection of two sorted, distinct slices.
pub fn intersection_len<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_ignore_case_and_punctuation() {
        assert_eq!(token_hashes("The storm, it's HERE."), token_hashes("the storm it s here"));
        assert_eq!(token_hashes("Müller sagte"), token_hashes("müller SAGTE"));
    }

    #[test]
    fn ideographs_are_single_tokens() {
        assert_eq!(token_hashes("東京で会談").len(), 5);
    }

    #[test]
    fn shingles_are_order_sensitive() {
        let a = shingle_set("alpha beta gamma", 2);
        let b = shingle_set("beta alpha gamma", 2);
        assert_eq!(a.len(), 2);
        assert!(jaccard(&a, &b) < 0.5);
        assert_eq!(shingle_set("one two", 5).len(), 1);
    }

    #[test]
    fn exact_set_measures() {
        let a = [1u64, 2, 3, 4];
        let b = [3u64, 4, 5, 6];
        assert!((jaccard(&a, &b) - 2.0 / 6.0).abs() < 1e-9);
        assert!((containment(&a[..2], &a) - 1.0).abs() < 1e-9);
    }
}
