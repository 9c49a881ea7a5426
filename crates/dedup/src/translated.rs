//! Translated copies: an article in another language that says the same thing sentence by sentence.
//!
//! Finding one costs two steps, the second only for the few articles the first lets through:
//! - a signature of language-independent tokens in text order (normalized numbers, "3,75" and "3.75"
//!   alike, and the canonical ids of the entities the text mentions), kept in an inverted index read
//!   newest first up to `probe_limit` entries per token, so a lookup costs the same whatever the index
//!   holds. A stored article of another language is a candidate when the longest common subsequence
//!   of the two signatures is long enough and covers enough of the shorter one: the same numbers and
//!   names in the same order;
//! - verification with sentence vectors from a multilingual encoder the caller supplies (this crate
//!   never loads one): the sentences of the two texts are aligned monotonically, a pair counting when
//!   its cosine reaches `sentence_threshold`, and the score is the share of the shorter text's
//!   sentences aligned. Two reports of one event in two languages share names and numbers but are
//!   written differently; a translation aligns nearly every sentence.
//!
//! [`TranslatedCopies`] keeps the signatures and the links: a translated article joins the copy group
//! of the article it translates. The [`crate::CopyIndex`] numbers groups on its own; a translation
//! starts a group there (it matched nothing in its own language) and this layer maps that group to
//! the group it joined, so copies of the translation found later land in the same group too.

use crate::index::ChainHeads;
use crate::{CopyGroup, CopyIndex, CopyRelation, GroupMember};
use model::{Article, ArticleId};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;

/// The end of a posting chain.
const NIL: u32 = u32::MAX;

/// The parameters of translated-copy detection.
///
/// The thresholds were measured on written translation pairs against cross-language reports of the
/// same events (see `BENCHMARKS.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranslationConfig {
    /// Signature tokens kept per article, the first in text order.
    pub max_tokens: usize,
    /// Fewest signature tokens two articles must share in the same order to be compared.
    pub min_common: usize,
    /// Least share of the shorter signature the common ordered tokens must cover.
    pub min_order_share: f64,
    /// Postings read per signature token, newest first.
    pub probe_limit: usize,
    /// Candidates verified with sentence vectors per article at most (the best-ordered first).
    pub max_verified: usize,
    /// Sentences per article given to the encoder at most (the first ones).
    pub max_sentences: usize,
    /// Cosine at or above which two sentences count as translations of each other.
    pub sentence_threshold: f32,
    /// Share of the shorter article's sentences that must align for a translated copy.
    pub min_aligned_share: f64,
    /// Fewest sentences the shorter article needs (one aligned headline proves nothing).
    pub min_sentences: usize,
}

impl Default for TranslationConfig {
    fn default() -> Self {
        Self {
            max_tokens: 32,
            min_common: 3,
            min_order_share: 0.6,
            probe_limit: 32,
            max_verified: 4,
            max_sentences: 60,
            sentence_threshold: 0.65,
            min_aligned_share: 0.7,
            min_sentences: 2,
        }
    }
}

/// The language-independent tokens of an article in text order, as 32-bit hashes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationSignature {
    /// Token hashes in the order the text has them (a token repeated at once is kept once).
    pub tokens: Vec<u32>,
}

/// Writes a number the same way whatever the language's separators: grouping marks removed, the
/// decimal mark a point, no leading or trailing zeros ("1.000" and "1,000" → "1000", "3,75" → "3.75",
/// "4,00" → "4").
pub fn normalize_number(raw: &str) -> String {
    let separators: Vec<(usize, char)> =
        raw.char_indices().filter(|(_, c)| matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}')).collect();
    let decimal_at = match separators.as_slice() {
        [] => None,
        [(_, ' ' | '\u{a0}' | '\u{202f}')] => None,
        [(i, _)] => {
            let after = raw[i + 1..].len();
            let before = &raw[..*i];
            // One mark before exactly three digits groups thousands ("2.000", "1,500"), unless the
            // whole part is zero ("0,125").
            let grouping = after == 3 && before.len() <= 3 && !before.trim_start_matches('0').is_empty();
            (!grouping).then_some(*i)
        }
        [.., (_, prev), (i, last)] => {
            // The same mark repeated groups thousands; a different last mark is the decimal one.
            (prev != last && matches!(last, '.' | ',')).then_some(*i)
        }
    };
    let (whole, fraction) = match decimal_at {
        Some(i) => (&raw[..i], &raw[i + 1..]),
        None => (raw, ""),
    };
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    match (whole.is_empty(), fraction.is_empty()) {
        (true, true) => "0".to_string(),
        (true, false) => format!("0.{fraction}"),
        (false, true) => whole.to_string(),
        (false, false) => format!("{whole}.{fraction}"),
    }
}

/// The numbers of a text with their byte offsets, as written. A point or comma between digits is part
/// of the number; so is a (non-breaking) space before exactly three digits after a group of at most
/// three, the French and Swiss way of grouping thousands ("3 000").
fn numbers(text: &str) -> Vec<(usize, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let digit = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_ascii_digit());
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !digit(k) || (k > 0 && chars[k - 1].1.is_alphanumeric()) {
            k += 1;
            continue;
        }
        let start = k;
        let mut group_len = 0;
        while k < chars.len() {
            let c = chars[k].1;
            if c.is_ascii_digit() {
                k += 1;
                group_len += 1;
            } else if (matches!(c, '.' | ',') && digit(k + 1))
                || (matches!(c, ' ' | '\u{a0}' | '\u{202f}')
                    && group_len <= 3
                    && (1..=3).all(|d| digit(k + d))
                    && !digit(k + 4))
            {
                k += 1;
                group_len = 0;
            } else {
                break;
            }
        }
        let end = chars.get(k).map_or(text.len(), |&(i, _)| i);
        out.push((chars[start].0, &text[chars[start].0..end]));
    }
    out
}

/// A stable 32-bit hash (FNV-1a folded): the snapshot keeps these, so it must not change between runs.
fn token_hash(kind: u8, text: &str) -> u32 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for b in std::iter::once(kind).chain(text.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    (h ^ (h >> 32)) as u32
}

impl TranslationSignature {
    /// The signature of an article: numbers of its body blocks and its entity ids, in text order.
    pub fn of_article(article: &Article, max_tokens: usize) -> Self {
        let mut located: Vec<(usize, usize, u32)> = Vec::new();
        for (b, block) in article.blocks.iter().enumerate() {
            if !block.kind.is_body() {
                continue;
            }
            for (offset, raw) in numbers(&block.text) {
                located.push((b, offset, token_hash(b'n', &normalize_number(raw))));
            }
        }
        for e in &article.entities {
            let in_body = article.blocks.get(e.block as usize).is_some_and(|b| b.kind.is_body());
            if in_body {
                located.push((e.block as usize, e.offset as usize, token_hash(b'e', &e.entity)));
            }
        }
        located.sort_unstable();
        let mut tokens: Vec<u32> = Vec::with_capacity(max_tokens);
        for (_, _, t) in located {
            if tokens.len() == max_tokens {
                break;
            }
            if tokens.last() != Some(&t) {
                tokens.push(t);
            }
        }
        Self { tokens }
    }
}

/// The length of the longest common subsequence of two token sequences.
pub fn common_ordered(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The cosine of two vectors (0 when either is zero).
fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut dot, mut na, mut nb) = (0f32, 0f32, 0f32);
    for (&x, &y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

/// The share of the shorter text's sentences aligned to a sentence of the other, in order, with a
/// cosine at or above `threshold`. Monotone: translations keep the order of what they say, while two
/// reports of one event put shared facts wherever they like.
pub fn alignment_score(a: &[Vec<f32>], b: &[Vec<f32>], threshold: f32) -> f64 {
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        return 0.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            let matched = if cosine(x, y) >= threshold { diagonal + 1 } else { 0 };
            row[j + 1] = matched.max(above).max(row[j]);
            diagonal = above;
        }
    }
    row[b.len()] as f64 / shorter as f64
}

/// A stored article whose signature fits a query's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TranslationCandidate {
    /// The stored article's number (order of addition, from 0).
    pub doc: u32,
    /// Tokens the two signatures share in the same order.
    pub common: usize,
    /// `common` over the shorter signature's length.
    pub order_share: f64,
}

/// A verified translated copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranslatedMatch {
    /// The stored article it translates (number of addition).
    pub doc: u32,
    /// That article's id.
    pub article: ArticleId,
    /// The alignment score.
    pub similarity: f32,
}

/// What is kept per article. Its id is not: documents are numbered as in the [`CopyIndex`], which
/// keeps the ids.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TranslationDoc {
    /// Hash of the language code (compared only for equality).
    language: u32,
    /// The copy-index group it was placed in (before mapping).
    group: u32,
}

/// A translated copy found: the article, the article it translates, the alignment score.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct TranslationLink {
    doc: u32,
    translates: u32,
    similarity: f32,
}

/// Signatures, candidates and group links of translated copies: a single-owner stage beside the
/// [`CopyIndex`], fed the same articles in the same order, so document numbers are the same in both.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TranslatedCopies {
    config: TranslationConfig,
    docs: Vec<TranslationDoc>,
    /// The few articles that are translated copies, in order of addition.
    links: Vec<TranslationLink>,
    /// Signature of document `d` is `tokens[token_start[d]..token_start[d + 1]]`.
    tokens: Vec<u32>,
    token_start: Vec<u32>,
    /// Token → its newest position in `tokens` that starts a posting (the token's first occurrence in
    /// its document).
    heads: ChainHeads,
    /// `previous[p]`: the posting before position `p` in its token's chain; the position is the
    /// posting, its document found in `token_start`. `NIL` at repeated occurrences, which post nothing.
    previous: Vec<u32>,
    /// A copy-index group started by a translation → the group it joined.
    joined: FxHashMap<u32, u32>,
    /// One more than the highest copy-index group seen: groups are numbered in order of creation,
    /// so a group at or above it is new.
    next_group: u32,
}

impl TranslatedCopies {
    /// An empty stage.
    pub fn new(config: TranslationConfig) -> Self {
        Self {
            config,
            docs: Vec::new(),
            links: Vec::new(),
            tokens: Vec::new(),
            token_start: vec![0],
            heads: ChainHeads::default(),
            previous: Vec::new(),
            joined: FxHashMap::default(),
            next_group: 0,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &TranslationConfig {
        &self.config
    }

    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no article was added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The signature of an article under this configuration.
    pub fn signature(&self, article: &Article) -> TranslationSignature {
        TranslationSignature::of_article(article, self.config.max_tokens)
    }

    /// The document whose signature holds position `position` of `tokens`.
    fn doc_of_token(&self, position: u32) -> u32 {
        // Documents without tokens share their start with the next one: the last start at or before
        // the position is the document's own.
        (self.token_start.partition_point(|&s| s <= position) - 1) as u32
    }

    fn doc_tokens(&self, doc: u32) -> &[u32] {
        &self.tokens[self.token_start[doc as usize] as usize..self.token_start[doc as usize + 1] as usize]
    }

    /// Stored articles of another language whose signatures share enough tokens in the same order,
    /// best first (most common tokens, then the newer article), one per copy group, at most
    /// `max_verified` of them.
    pub fn candidates(&self, signature: &TranslationSignature, language: &str) -> Vec<TranslationCandidate> {
        let query = &signature.tokens;
        if query.len() < self.config.min_common {
            return Vec::new();
        }
        let language = token_hash(b'l', language);
        let mut hits: FxHashMap<u32, u32> = FxHashMap::default();
        let mut seen_tokens: Vec<u32> = Vec::with_capacity(query.len());
        for &t in query {
            if seen_tokens.contains(&t) {
                continue;
            }
            seen_tokens.push(t);
            let mut cur = self.heads.get(t, |p| self.tokens[p as usize]).unwrap_or(NIL);
            let mut read = 0;
            while cur != NIL && read < self.config.probe_limit {
                *hits.entry(self.doc_of_token(cur)).or_default() += 1;
                cur = self.previous[cur as usize];
                read += 1;
            }
        }
        let mut out: Vec<TranslationCandidate> = hits
            .into_iter()
            .filter(|&(doc, n)| {
                n as usize >= self.config.min_common && self.docs[doc as usize].language != language
            })
            .filter_map(|(doc, _)| {
                let other = self.doc_tokens(doc);
                let common = common_ordered(query, other);
                let order_share = common as f64 / query.len().min(other.len()).max(1) as f64;
                (common >= self.config.min_common && order_share >= self.config.min_order_share)
                    .then_some(TranslationCandidate { doc, common, order_share })
            })
            .collect();
        out.sort_by_key(|c| (Reverse(c.common), Reverse(c.doc)));
        // Copies of one text are one candidate: the best-ordered member of each group speaks for it.
        let mut groups: Vec<u32> = Vec::with_capacity(self.config.max_verified);
        out.retain(|c| {
            let group = self.resolve(self.docs[c.doc as usize].group);
            let first = groups.len() < self.config.max_verified && !groups.contains(&group);
            if first {
                groups.push(group);
            }
            first
        });
        out
    }

    /// Verifies candidates with sentence vectors and returns the best translated copy, if any.
    /// `index` is the copy index fed the same articles (it holds their ids); `query` holds the new
    /// article's sentence vectors; `vectors_of` those of a stored article (None when they cannot be
    /// had, which rules that candidate out).
    pub fn verify(
        &self,
        index: &CopyIndex,
        candidates: &[TranslationCandidate],
        query: &[Vec<f32>],
        vectors_of: &mut dyn FnMut(u32) -> Option<Vec<Vec<f32>>>,
    ) -> Option<TranslatedMatch> {
        let mut best: Option<(f64, u32)> = None;
        for c in candidates {
            let Some(other) = vectors_of(c.doc) else { continue };
            if query.len().min(other.len()) < self.config.min_sentences {
                continue;
            }
            let score = alignment_score(query, &other, self.config.sentence_threshold);
            // The higher score wins; on a tie the older article, so the order of candidates is moot.
            let better = best.is_none_or(|(s, d)| score > s || (score == s && c.doc < d));
            if score >= self.config.min_aligned_share && better {
                best = Some((score, c.doc));
            }
        }
        best.map(|(score, doc)| TranslatedMatch {
            doc,
            article: index.article_id(doc as usize),
            similarity: score as f32,
        })
    }

    /// The stored article with this id among the candidates of a signature, or anywhere (for replaying a
    /// recorded decision); `index` is the copy index fed the same articles, which holds their ids.
    pub fn find(
        &self,
        index: &CopyIndex,
        signature: &TranslationSignature,
        language: &str,
        id: &ArticleId,
    ) -> Option<u32> {
        self.candidates(signature, language)
            .into_iter()
            .map(|c| c.doc)
            .find(|&d| index.has_article_id(d as usize, id))
            // Only articles this stage holds: the index may already hold the one being replayed.
            .or_else(|| (0..self.docs.len()).rev().find(|&d| index.has_article_id(d, id)).map(|d| d as u32))
    }

    /// Adds an article after the copy index placed it in `group`; `translates` is the translated copy
    /// found for it, if any (only for an article that started a new group). Returns the group the
    /// article belongs to once translations are followed.
    pub fn add(
        &mut self,
        article: &Article,
        signature: TranslationSignature,
        group: u32,
        translates: Option<&TranslatedMatch>,
    ) -> u32 {
        let doc = self.docs.len() as u32;
        let first = self.tokens.len();
        self.tokens.extend_from_slice(&signature.tokens);
        self.token_start.push(self.tokens.len() as u32);
        let tokens = &self.tokens;
        for (k, &t) in signature.tokens.iter().enumerate() {
            let previous = if signature.tokens[..k].contains(&t) {
                NIL
            } else {
                self.heads.insert(t, (first + k) as u32, false, |p| tokens[p as usize]).unwrap_or(NIL)
            };
            self.previous.push(previous);
        }
        if let Some(m) = translates {
            let target = self.resolve(self.docs[m.doc as usize].group);
            // Only a group of its own may be redirected; an older group is never merged into another.
            if target != group && group >= self.next_group {
                self.joined.insert(group, target);
            }
        }
        self.next_group = self.next_group.max(group + 1);
        if let Some(m) = translates {
            self.links.push(TranslationLink { doc, translates: m.doc, similarity: m.similarity });
        }
        self.docs.push(TranslationDoc { language: token_hash(b'l', &article.language), group });
        self.resolve(group)
    }

    /// The group a copy-index group belongs to once translations are followed.
    pub fn resolve(&self, group: u32) -> u32 {
        // Links always point at a group that has none, so one step is enough.
        self.joined.get(&group).copied().unwrap_or(group)
    }

    /// The copy index's groups (`index.groups()`, of the copy index fed the same articles) with every
    /// translation's group folded into the group it joined: the translated article becomes a
    /// `translated` member, the copies of it `linked` members.
    pub fn merge_groups(&self, index: &CopyIndex, groups: Vec<CopyGroup>) -> Vec<CopyGroup> {
        let translated: FxHashMap<ArticleId, f32> =
            self.links.iter().map(|l| (index.article_id(l.doc as usize), l.similarity)).collect();
        let mut position: FxHashMap<u32, usize> = FxHashMap::default();
        let mut out: Vec<CopyGroup> = Vec::with_capacity(groups.len());
        let mut folded: Vec<CopyGroup> = Vec::new();
        for g in groups {
            if self.joined.contains_key(&g.id) {
                folded.push(g);
            } else {
                position.insert(g.id, out.len());
                out.push(g);
            }
        }
        for g in folded {
            let Some(&at) = position.get(&self.resolve(g.id)) else { continue };
            let target = &mut out[at];
            target.wire = target.wire.take().or(g.wire);
            target.members.extend(g.members.into_iter().map(|m| match translated.get(&m.article) {
                Some(&similarity) => {
                    GroupMember { article: m.article, relation: CopyRelation::Translated, similarity }
                }
                None => GroupMember { relation: CopyRelation::Linked, ..m },
            }));
        }
        out
    }

    /// Heap bytes held (capacities and the maps' slots).
    pub fn heap_bytes(&self) -> usize {
        fn map_bytes<K, V>(m: &FxHashMap<K, V>) -> usize {
            let slots = (m.capacity() * 8).div_ceil(7).next_power_of_two();
            slots * (std::mem::size_of::<(K, V)>() + 1)
        }
        self.docs.capacity() * std::mem::size_of::<TranslationDoc>()
            + self.links.capacity() * std::mem::size_of::<TranslationLink>()
            + self.tokens.capacity() * 4
            + self.token_start.capacity() * 4
            + self.heads.heap_bytes()
            + self.previous.capacity() * 4
            + map_bytes(&self.joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_normalize_across_conventions() {
        assert_eq!(normalize_number("3,75"), "3.75");
        assert_eq!(normalize_number("3.75"), "3.75");
        assert_eq!(normalize_number("4,00"), "4");
        assert_eq!(normalize_number("1.000"), "1000");
        assert_eq!(normalize_number("1,000"), "1000");
        assert_eq!(normalize_number("1.234.567,5"), "1234567.5");
        assert_eq!(normalize_number("1,234,567.5"), "1234567.5");
        assert_eq!(normalize_number("0,125"), "0.125");
        assert_eq!(normalize_number("2025"), "2025");
        assert_eq!(normalize_number("007"), "7");
    }

    #[test]
    fn numbers_are_found_with_their_separators() {
        let text = "Rate 3,75 %, 2025. Then 1.000 people, 3 000 in Nîmes, G7 and 12 345 678 end.";
        let found: Vec<&str> = numbers(text).into_iter().map(|n| n.1).collect();
        assert_eq!(found, ["3,75", "2025", "1.000", "3 000", "12 345 678"]);
        assert_eq!(normalize_number("3 000"), "3000");
        assert_eq!(normalize_number("12\u{a0}345,5"), "12345.5");
    }

    #[test]
    fn common_ordered_counts_tokens_in_order() {
        assert_eq!(common_ordered(&[1, 2, 3, 4], &[1, 3, 4]), 3);
        assert_eq!(common_ordered(&[1, 2, 3], &[3, 2, 1]), 1);
        assert_eq!(common_ordered(&[], &[1]), 0);
    }

    #[test]
    fn alignment_is_monotone() {
        let e = |i: usize| {
            let mut v = vec![0f32; 4];
            v[i] = 1.0;
            v
        };
        let a = vec![e(0), e(1), e(2)];
        assert_eq!(alignment_score(&a, &a, 0.9), 1.0);
        let reversed = vec![e(2), e(1), e(0)];
        assert!((alignment_score(&a, &reversed, 0.9) - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(alignment_score(&a, &[], 0.9), 0.0);
    }
}
