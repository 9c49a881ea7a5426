//! A SentencePiece unigram tokenizer read from a `.model` file: the `nmt_nfkc` normalizer from the
//! model's precompiled character map (a darts-clone double-array trie), whitespace escaping, and the
//! Viterbi segmentation over the piece scores.
//!
//! It follows the Python reference encoder's tokenizer step by step (which itself matches the
//! SentencePiece library for this model), so both produce the same piece ids.

use rustc_hash::FxHashMap;

/// The id of the unknown piece.
pub const UNK_ID: u32 = 0;
/// The id of the begin-of-sentence piece.
pub const BOS_ID: u32 = 1;
/// The id of the end-of-sentence piece.
pub const EOS_ID: u32 = 2;
/// The escaped space, U+2581.
const SPACE: &str = "\u{2581}";

/// A unigram SentencePiece model.
pub struct Tokenizer {
    scores: Vec<f32>,
    /// Every piece and every proper prefix of one: `id + 1` for a piece, 0 for a prefix only, so a
    /// walk can stop as soon as no piece can start with what it has read.
    prefixes: FxHashMap<Box<str>, u32>,
    max_chars: usize,
    unk_score: f64,
    normalizer: Normalizer,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer").field("pieces", &self.scores.len()).finish()
    }
}

/// The fields of a protobuf message: (field number, payload) for length-delimited and 32-bit ones.
fn proto_fields(mut data: &[u8]) -> Result<Vec<(u64, &[u8])>, String> {
    fn varint(data: &mut &[u8]) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = data.split_first().ok_or("truncated varint")?;
            *data = rest;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("varint too long".into())
    }
    fn take<'a>(data: &mut &'a [u8], n: usize) -> Result<&'a [u8], String> {
        if data.len() < n {
            return Err("truncated field".into());
        }
        let (head, rest) = data.split_at(n);
        *data = rest;
        Ok(head)
    }
    let mut fields = Vec::new();
    while !data.is_empty() {
        let tag = varint(&mut data)?;
        let (field, wire) = (tag >> 3, tag & 7);
        match wire {
            0 => {
                varint(&mut data)?;
            }
            1 => {
                take(&mut data, 8)?;
            }
            2 => {
                let n = varint(&mut data)? as usize;
                let payload = take(&mut data, n)?;
                fields.push((field, payload));
            }
            5 => {
                let payload = take(&mut data, 4)?;
                fields.push((field, payload));
            }
            w => return Err(format!("unsupported protobuf wire type {w}")),
        }
    }
    Ok(fields)
}

impl Tokenizer {
    /// Reads a SentencePiece `ModelProto` (pieces in field 1, the normalizer spec in field 3 with
    /// its precompiled character map in field 2).
    pub fn from_bytes(data: &[u8]) -> Result<Tokenizer, String> {
        let top = proto_fields(data)?;
        let mut pieces: Vec<&str> = Vec::new();
        let mut scores = Vec::new();
        let mut charsmap: &[u8] = &[];
        for (field, payload) in &top {
            match field {
                1 => {
                    let sub = proto_fields(payload)?;
                    let Some((_, text)) = sub.iter().find(|(f, _)| *f == 1) else { continue };
                    let text = std::str::from_utf8(text).map_err(|_| "a piece is not UTF-8")?;
                    let score = sub
                        .iter()
                        .find(|(f, p)| *f == 2 && p.len() == 4)
                        .map(|(_, p)| f32::from_le_bytes([p[0], p[1], p[2], p[3]]))
                        .unwrap_or(0.0);
                    pieces.push(text);
                    scores.push(score);
                }
                3 => {
                    if let Some((_, map)) = proto_fields(payload)?.into_iter().find(|(f, _)| *f == 2) {
                        charsmap = map;
                    }
                }
                _ => {}
            }
        }
        if pieces.len() <= EOS_ID as usize {
            return Err("the model has no vocabulary".into());
        }
        let mut prefixes: FxHashMap<Box<str>, u32> = FxHashMap::default();
        prefixes.reserve(pieces.len() * 3);
        let mut max_chars = 0;
        for (id, piece) in pieces.iter().enumerate() {
            let mut chars = 0;
            for (at, _) in piece.char_indices().skip(1) {
                prefixes.entry(piece[..at].into()).or_insert(0);
                chars += 1;
            }
            max_chars = max_chars.max(chars + 1);
            prefixes.insert((*piece).into(), id as u32 + 1);
        }
        let min_score = scores.iter().copied().fold(f32::INFINITY, f32::min);
        Ok(Tokenizer {
            scores,
            prefixes,
            max_chars,
            unk_score: f64::from(min_score) - 10.0,
            normalizer: Normalizer::new(charsmap)?,
        })
    }

    /// The number of pieces.
    pub fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// The piece ids of `text` between a begin and an end marker; an empty (or all-space) text is
    /// the unknown piece alone.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let normalized = self.normalizer.normalize(text);
        let mut ids = Vec::with_capacity(normalized.len() / 3 + 3);
        ids.push(BOS_ID);
        if normalized.is_empty() {
            ids.push(UNK_ID);
        } else {
            self.viterbi(&normalized, &mut ids);
        }
        ids.push(EOS_ID);
        ids
    }

    /// The text after normalization (for tests and debugging).
    pub fn normalize(&self, text: &str) -> String {
        self.normalizer.normalize(text)
    }

    /// Best segmentation by total score. All pieces starting at a position share the best path
    /// ending there, so a left-to-right pass over character positions is the lattice Viterbi;
    /// ties keep the earlier candidate, as the reference does.
    fn viterbi(&self, s: &str, ids: &mut Vec<u32>) {
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain(std::iter::once(s.len())).collect();
        let len = bounds.len() - 1;
        let mut best = vec![-1e38f64; len + 1];
        best[0] = 0.0;
        let mut start_of = vec![0usize; len + 1];
        let mut piece_of = vec![UNK_ID; len + 1];
        for i in 0..len {
            let base = best[i];
            let stop = (i + self.max_chars).min(len);
            let mut has_single = false;
            for j in i + 1..=stop {
                let Some(&v) = self.prefixes.get(&s[bounds[i]..bounds[j]]) else { break };
                if v > 0 {
                    let score = base + f64::from(self.scores[v as usize - 1]);
                    if score > best[j] {
                        best[j] = score;
                        start_of[j] = i;
                        piece_of[j] = v - 1;
                    }
                    has_single |= j == i + 1;
                }
            }
            if !has_single {
                let score = base + self.unk_score;
                if score > best[i + 1] {
                    best[i + 1] = score;
                    start_of[i + 1] = i;
                    piece_of[i + 1] = UNK_ID;
                }
            }
        }
        let first = ids.len();
        let mut p = len;
        while p > 0 {
            ids.push(piece_of[p]);
            p = start_of[p];
        }
        ids[first..].reverse();
    }
}

/// The `nmt_nfkc` normalizer: longest-match replacement through the precompiled character map,
/// then whitespace trimming, collapsing and escaping.
struct Normalizer {
    units: Vec<u32>,
    replacements: Vec<u8>,
}

impl Normalizer {
    fn new(charsmap: &[u8]) -> Result<Normalizer, String> {
        if charsmap.is_empty() {
            return Ok(Normalizer { units: Vec::new(), replacements: Vec::new() });
        }
        let size = u32::from_le_bytes(charsmap.get(..4).ok_or("short charsmap")?.try_into().unwrap_or([0; 4]))
            as usize;
        let trie = charsmap.get(4..4 + size).ok_or("truncated charsmap trie")?;
        let units = trie.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        Ok(Normalizer { units, replacements: charsmap[4 + size..].to_vec() })
    }

    fn offset(unit: u32) -> usize {
        ((unit >> 10) << ((unit & 0x200) >> 6)) as usize
    }

    /// The replacement for the longest key of the map at the start of `data`, and how many bytes it
    /// covers; without a key, the first character unchanged.
    fn prefix<'a>(&'a self, data: &'a [u8]) -> (&'a [u8], usize) {
        let mut best_len = 0;
        let mut best_value = 0usize;
        if !self.units.is_empty() {
            let mut node = Self::offset(self.units[0]);
            for (i, &c) in data.iter().enumerate() {
                node ^= c as usize;
                let Some(&unit) = self.units.get(node) else { break };
                if (unit & 0x8000_00ff) != u32::from(c) {
                    break;
                }
                node ^= Self::offset(unit);
                if unit & 0x100 != 0 {
                    best_len = i + 1;
                    best_value = self.units.get(node).map_or(usize::MAX, |v| (v & 0x7fff_ffff) as usize);
                }
            }
        }
        if best_len == 0 || best_value >= self.replacements.len() {
            // Input is a &str, so the first character is valid UTF-8.
            let width = match data[0] {
                b if b < 0x80 => 1,
                b if b >> 5 == 0x6 => 2,
                b if b >> 4 == 0xe => 3,
                b if b >> 3 == 0x1e => 4,
                _ => 1,
            };
            let width = width.min(data.len());
            return (&data[..width], width);
        }
        let tail = &self.replacements[best_value..];
        let end = tail.iter().position(|&b| b == 0).unwrap_or(tail.len());
        (&tail[..end], best_len)
    }

    fn normalize(&self, text: &str) -> String {
        let raw = text.as_bytes();
        let mut pos = 0;
        while pos < raw.len() {
            let (piece, used) = self.prefix(&raw[pos..]);
            if piece != b" " {
                break;
            }
            pos += used;
        }
        if pos >= raw.len() {
            return String::new();
        }
        let mut out: Vec<u8> = Vec::with_capacity(raw.len() + 16);
        out.extend_from_slice(SPACE.as_bytes());
        let mut prev_space = true;
        while pos < raw.len() {
            let (mut piece, used) = self.prefix(&raw[pos..]);
            pos += used;
            if prev_space {
                while let [b' ', rest @ ..] = piece {
                    piece = rest;
                }
            }
            if piece.is_empty() {
                continue;
            }
            if piece.contains(&b' ') {
                for &b in piece {
                    if b == b' ' {
                        out.extend_from_slice(SPACE.as_bytes());
                    } else {
                        out.push(b);
                    }
                }
                prev_space = piece.last() == Some(&b' ');
            } else {
                out.extend_from_slice(piece);
                prev_space = false;
            }
        }
        while out.ends_with(SPACE.as_bytes()) {
            out.truncate(out.len() - SPACE.len());
        }
        // Replacements come from the model; a damaged map must not turn into a panic.
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model with a handful of pieces and no character map, written as protobuf by hand.
    fn tiny_model() -> Vec<u8> {
        let pieces = [("<unk>", 0.0f32), ("<s>", 0.0), ("</s>", 0.0), ("\u{2581}", -2.0), ("a", -3.0)];
        let mut pieces: Vec<(&str, f32)> = pieces.to_vec();
        pieces.extend([("b", -3.0), ("\u{2581}ab", -1.0), ("ab", -2.5), ("\u{2581}a", -1.5)]);
        let mut out = Vec::new();
        for (text, score) in pieces {
            let mut sub = vec![0x0a, text.len() as u8];
            sub.extend_from_slice(text.as_bytes());
            sub.push(0x15);
            sub.extend_from_slice(&score.to_le_bytes());
            out.push(0x0a);
            out.push(sub.len() as u8);
            out.extend(sub);
        }
        out
    }

    #[test]
    fn segments_by_best_score() {
        let tok = Tokenizer::from_bytes(&tiny_model()).unwrap();
        assert_eq!(tok.vocab_size(), 9);
        // "▁ab" (-1.0) beats "▁a"+"b" (-4.5).
        assert_eq!(tok.encode("ab"), vec![BOS_ID, 6, EOS_ID]);
        // Spaces collapse and are escaped; an unknown character becomes UNK.
        assert_eq!(tok.normalize("  ab   b "), "\u{2581}ab\u{2581}b");
        assert_eq!(tok.encode("ab z"), vec![BOS_ID, 6, 3, UNK_ID, EOS_ID]);
    }

    #[test]
    fn empty_text_is_the_unknown_piece() {
        let tok = Tokenizer::from_bytes(&tiny_model()).unwrap();
        assert_eq!(tok.encode(""), vec![BOS_ID, UNK_ID, EOS_ID]);
        assert_eq!(tok.encode("    "), vec![BOS_ID, UNK_ID, EOS_ID]);
    }

    #[test]
    fn damaged_models_are_errors() {
        assert!(Tokenizer::from_bytes(&[0x0a, 0x50, 1]).is_err());
        assert!(Tokenizer::from_bytes(&[]).is_err());
    }
}
