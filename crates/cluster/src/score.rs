//! The evidence that two profiles (an article and an event, or two events) report the same happening,
//! as a fixed vector of features, and the logistic model that weighs them.

use crate::config::ScoreWeights;
use crate::profile::{Key, Profile};
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
    pub entities: FxHashMap<Key, u32>,
    /// Term → articles using it.
    pub terms: FxHashMap<Key, u32>,
}

/// Adds one to a key's count, building the key only when it is new.
fn count_one(counts: &mut FxHashMap<Key, u32>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(Key::from(key), 1);
        }
    }
}

impl DocumentFrequencies {
    /// Counts one article's entities and terms.
    pub fn add(&mut self, entities: &[String], terms: &[String]) {
        self.documents += 1;
        for e in entities {
            count_one(&mut self.entities, e);
        }
        for t in terms {
            count_one(&mut self.terms, t);
        }
    }

    fn idf(&self, df: Option<&u32>) -> f32 {
        idf_of(self.documents, df.copied().unwrap_or(0))
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

/// The inverse document frequency of an item in `count` of `documents` articles.
fn idf_of(documents: u64, count: u32) -> f32 {
    (1.0 + documents.max(1) as f32 / count.max(1) as f32).ln()
}

/// Document frequencies below this have their idf remembered by [`IdfMemo`] (the slots are reused
/// from one arrival to the next, so common keys cost one logarithm per arrival too).
const MEMO_COUNTS: usize = 1 << 22;

/// Inverse document frequencies by document count, remembered while the number of documents stays
/// the same: the many pairs scored for one arrival then take one logarithm per distinct count. Each
/// slot is stamped with the number of documents it was computed for, so a memo kept across arrivals
/// is never cleared and never gives a stale value.
#[derive(Debug, Clone, Default)]
pub struct IdfMemo {
    by_count: Vec<(u64, f32)>,
    /// By interned key id: (documents, count, idf).
    by_key: Vec<(u64, u32, f32)>,
}

impl IdfMemo {
    /// The idf of an item counted `count` times (absent: once), exactly as
    /// [`DocumentFrequencies::entity_idf`] and [`DocumentFrequencies::term_idf`] give it.
    pub fn idf(&mut self, df: &DocumentFrequencies, count: Option<&u32>) -> f32 {
        self.idf_of_count(df.documents, count.copied().unwrap_or(0))
    }

    /// [`IdfMemo::idf_of_count`] for the interned key `id` counted `count` times, remembered by key:
    /// the members scored for one arrival share most of their keys, and a slot per key stays in
    /// cache where a slot per count (up to the number of articles) does not.
    pub fn idf_of_key(&mut self, documents: u64, id: u32, count: u32) -> f32 {
        let slot = id as usize;
        if self.by_key.len() <= slot {
            self.by_key.resize((slot + 1).next_power_of_two(), (u64::MAX, 0, 0.0));
        }
        let memo = &mut self.by_key[slot];
        if memo.0 != documents || memo.1 != count {
            *memo = (documents, count, idf_of(documents, count.max(1)));
        }
        memo.2
    }

    /// The idf of an item in `count` of `documents` articles (0 counts as 1).
    pub fn idf_of_count(&mut self, documents: u64, count: u32) -> f32 {
        let count = count.max(1);
        let slot = count as usize;
        if slot >= MEMO_COUNTS {
            return idf_of(documents, count);
        }
        if self.by_count.len() <= slot {
            // Grown by doubling: the counts only rise, so this happens a few dozen times in a run.
            let len = (slot + 1).next_power_of_two().min(MEMO_COUNTS);
            self.by_count.resize(len, (u64::MAX, 0.0));
        }
        let memo = &mut self.by_count[slot];
        if memo.0 != documents {
            *memo = (documents, idf_of(documents, count));
        }
        memo.1
    }
}

/// Which side of a pair an idf is asked for.
#[derive(Debug, Clone, Copy)]
enum Side {
    A,
    B,
}

/// Document counts by interned key id, kept in step with [`DocumentFrequencies`]: the hot scoring
/// loop reads a count by position instead of hashing a string into a map that grows with every
/// new entity and term ever seen.
#[derive(Debug, Clone, Default)]
pub struct KeyCounts {
    documents: u64,
    entity_ids: FxHashMap<Key, u32>,
    term_ids: FxHashMap<Key, u32>,
    counts: Vec<u32>,
}

/// The interned ids of a profile's keys with their counts, in the order its maps iterate, and the
/// squared norm of its vector sum: what an article-to-member score reads of the member.
#[derive(Debug, Clone, Default)]
pub struct KeyIds {
    entities: Vec<(u32, f32)>,
    terms: Vec<(u32, f32)>,
    lead_terms: Vec<(u32, f32)>,
    norm_sq: f32,
}

impl KeyCounts {
    /// Counts rebuilt from document frequencies (after a snapshot is read).
    pub fn of(df: &DocumentFrequencies) -> KeyCounts {
        let mut counts = KeyCounts { documents: df.documents, ..KeyCounts::default() };
        // Sorted, so the ids do not depend on the maps' hash order.
        let mut entities: Vec<(&Key, &u32)> = df.entities.iter().collect();
        entities.sort();
        for (e, &n) in entities {
            let id = counts.entity_id(e);
            counts.counts[id as usize] = n;
        }
        let mut terms: Vec<(&Key, &u32)> = df.terms.iter().collect();
        terms.sort();
        for (t, &n) in terms {
            let id = counts.term_id(t);
            counts.counts[id as usize] = n;
        }
        counts
    }

    /// Whether these counts are those of `df` (same number of documents counted).
    pub fn in_step_with(&self, df: &DocumentFrequencies) -> bool {
        self.documents == df.documents
    }

    /// Counts one article, as [`DocumentFrequencies::add`] does.
    pub fn add(&mut self, entities: &[String], terms: &[String]) {
        self.documents += 1;
        for e in entities {
            let id = self.entity_id(e);
            self.counts[id as usize] += 1;
        }
        for t in terms {
            let id = self.term_id(t);
            self.counts[id as usize] += 1;
        }
    }

    fn intern(ids: &mut FxHashMap<Key, u32>, counts: &mut Vec<u32>, key: &str) -> u32 {
        if let Some(&id) = ids.get(key) {
            return id;
        }
        let id = counts.len() as u32;
        counts.push(0);
        ids.insert(Key::from(key), id);
        id
    }

    fn entity_id(&mut self, e: &str) -> u32 {
        Self::intern(&mut self.entity_ids, &mut self.counts, e)
    }

    fn term_id(&mut self, t: &str) -> u32 {
        Self::intern(&mut self.term_ids, &mut self.counts, t)
    }

    /// The ids of a profile's keys (interning those not seen yet, with a count of 0 = absent).
    pub fn ids_of(&mut self, p: &Profile) -> KeyIds {
        KeyIds {
            entities: p.entities.iter().map(|(e, &w)| (self.entity_id(e), w)).collect(),
            terms: p.terms.iter().map(|(t, &w)| (self.term_id(t), w)).collect(),
            lead_terms: p.lead_terms.iter().map(|(t, &w)| (self.term_id(t), w)).collect(),
            norm_sq: vector_norm_sq(&p.vector_sum),
        }
    }

    /// How many keys have an id (the size a per-id array must have).
    fn len(&self) -> usize {
        self.counts.len()
    }
}

/// The squared norm of a vector, summed in order as [`profile_cosine`] sums it.
pub fn vector_norm_sq(v: &[f32]) -> f32 {
    let mut n = 0.0f32;
    for x in v {
        n += x * x;
    }
    n
}

/// An arriving article made ready to be scored against many members: its keys marked by interned id
/// in dense arrays (no string compare per member key), its overlap totals and vector norm computed
/// once. The arrays stay allocated between arrivals; only the article's own slots are reset.
#[derive(Debug, Clone, Default)]
pub struct ArticleMarks {
    /// Per key id: the article's share of it as an entity or term (ids of the two kinds differ), and
    /// as a lead term; 0 when absent.
    shares: Vec<[f32; 2]>,
    /// The ids marked for the current article, to reset them.
    marked: Vec<u32>,
    /// The article's weighted totals of entities, terms and lead terms.
    totals: [f32; 3],
    /// Whether each kind of key is absent from the article (its overlap is then 0).
    empty: [bool; 3],
    members: f32,
    norm_sq: f32,
    documents: u64,
}

impl ArticleMarks {
    /// Marks one article (a profile and its ids) for scoring, unmarking the previous one.
    pub fn mark(&mut self, p: &Profile, ids: &KeyIds, counts: &KeyCounts, memo: &mut IdfMemo) {
        for id in self.marked.drain(..) {
            self.shares[id as usize] = [0.0; 2];
        }
        if self.shares.len() < counts.len() {
            self.shares.resize(counts.len(), [0.0; 2]);
        }
        self.members = p.members;
        self.norm_sq = ids.norm_sq;
        self.documents = counts.documents;
        for (kind, keys) in [&ids.entities, &ids.terms, &ids.lead_terms].into_iter().enumerate() {
            self.empty[kind] = keys.is_empty();
            let mut total = 0.0f32;
            for &(id, w) in keys {
                let share = w / p.members;
                total += share * memo.idf_of_count(counts.documents, counts.counts[id as usize]);
                let slot = if kind == 2 { 1 } else { 0 };
                self.shares[id as usize][slot] = share;
                self.marked.push(id);
            }
            self.totals[kind] = total;
        }
    }

    /// The overlap of one kind of key between the marked article and a member, as
    /// [`weighted_overlap`] gives it to the last bit: the member's keys are walked in its own order
    /// (the article's shared keys come up in the same order, both being sorted by key), and the
    /// article's total was summed in its order when it was marked.
    fn overlap(
        &self,
        kind: usize,
        keys: &[(u32, f32)],
        b_members: f32,
        counts: &KeyCounts,
        memo: &mut IdfMemo,
    ) -> f32 {
        if self.empty[kind] || keys.is_empty() || self.members <= 0.0 || b_members <= 0.0 {
            return 0.0;
        }
        let slot = if kind == 2 { 1 } else { 0 };
        let (mut shared, mut total_b) = (0.0f32, 0.0f32);
        for &(id, wb) in keys {
            let w = memo.idf_of_key(self.documents, id, counts.counts[id as usize]);
            let fb = wb / b_members;
            let fa = self.shares[id as usize][slot];
            if fa > 0.0 {
                shared += fa.min(fb) * w;
            }
            total_b += fb * w;
        }
        let denom = self.totals[kind].min(total_b);
        if denom > 0.0 {
            (shared / denom).min(1.0)
        } else {
            0.0
        }
    }
}

/// How much of the rarer side's weighted evidence the two sides share: 1 when everything one side
/// says the other says too, weighted by how rare each item is.
///
/// Both maps are walked once, side by side in key order; each running sum still adds its terms in
/// its own map's order, so the result is the same to the last bit as looking each key up.
fn weighted_overlap(
    a: &BTreeMap<Key, f32>,
    a_members: f32,
    b: &BTreeMap<Key, f32>,
    b_members: f32,
    mut idf: impl FnMut(Side, &str, usize) -> f32,
) -> f32 {
    if a.is_empty() || b.is_empty() || a_members <= 0.0 || b_members <= 0.0 {
        return 0.0;
    }
    let (mut shared, mut total_a, mut total_b) = (0.0f32, 0.0f32, 0.0f32);
    let mut rest_b = b.iter().enumerate().peekable();
    for (i, (k, &wa)) in a.iter().enumerate() {
        let w = idf(Side::A, k, i);
        let fa = wa / a_members;
        total_a += fa * w;
        while let Some(&(j, (kb, &wb))) = rest_b.peek() {
            match kb.cmp(k) {
                std::cmp::Ordering::Less => total_b += wb / b_members * idf(Side::B, kb, j),
                std::cmp::Ordering::Equal => {
                    shared += fa.min(wb / b_members) * w;
                    total_b += wb / b_members * w;
                }
                std::cmp::Ordering::Greater => break,
            }
            rest_b.next();
        }
    }
    for (j, (k, &wb)) in rest_b {
        total_b += wb / b_members * idf(Side::B, k, j);
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

/// [`profile_cosine`] with both squared norms known ([`vector_norm_sq`] of each vector sum): the same
/// number to the last bit, at a third of the work.
pub fn cosine_of_sums((a, a_norm_sq): (&Profile, f32), (b, b_norm_sq): (&Profile, f32)) -> f32 {
    if !vectors_comparable(a, b) {
        return 0.0;
    }
    let mut dot = 0.0f32;
    for (x, y) in a.vector_sum.iter().zip(&b.vector_sum) {
        dot += x * y;
    }
    cosine_of_dot((a_norm_sq, b_norm_sq), dot)
}

/// Whether two profiles' vector sums can be compared (both have vectors, of the same length); the
/// cosine of profiles that cannot is 0.
pub fn vectors_comparable(a: &Profile, b: &Profile) -> bool {
    a.vectors > 0.0 && b.vectors > 0.0 && a.vector_sum.len() == b.vector_sum.len()
}

/// The cosine of two comparable vector sums from their in-order dot product and squared norms, as
/// [`cosine_of_sums`] gives it.
pub fn cosine_of_dot((a_norm_sq, b_norm_sq): (f32, f32), dot: f32) -> f32 {
    if a_norm_sq > 0.0 && b_norm_sq > 0.0 {
        dot / (a_norm_sq.sqrt() * b_norm_sq.sqrt())
    } else {
        0.0
    }
}

/// How far [`dot_lanes`] may be from the in-order dot product, relative to the product of the two
/// norms: far above the rounding error of 512-dimensional sums (about 3e-5 at worst).
pub const DOT_LANES_MARGIN: f32 = 1e-3;

/// A dot product summed in 16 independent lanes, which the compiler vectorizes: several times faster
/// than the in-order sum the scores use, and within [`DOT_LANES_MARGIN`] × the norms' product of it.
/// Only for ruling pairs out far from a threshold; every number a decision reads is summed in order.
pub fn dot_lanes(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 16];
    let (ca, cb) = (a.chunks_exact(16), b.chunks_exact(16));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for i in 0..16 {
            lanes[i] += x[i] * y[i];
        }
    }
    let tail: f32 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    lanes.iter().sum::<f32>() + tail
}

/// Dot products of `a` with each of `others` (all of `a`'s length), each summed in order, element
/// after element, exactly as [`cosine_of_sums`] sums one: the same numbers to the last bit. Eight
/// sums advance side by side, so the adds of one do not wait for the previous add of the same sum
/// (an in-order sum is a chain of dependent adds; eight chains fill the pipeline).
pub fn dots_in_order(a: &[f32], others: &[&[f32]]) -> Vec<f32> {
    const WIDE: usize = 8;
    let mut out = Vec::with_capacity(others.len());
    for group in others.chunks(WIDE) {
        // A short last group repeats its first vector; those sums are dropped.
        let mut rows: [&[f32]; WIDE] = [group[0]; WIDE];
        for (row, v) in rows.iter_mut().zip(group) {
            assert_eq!(v.len(), a.len(), "dots_in_order: vectors of different lengths");
            *row = v;
        }
        let mut sums = [0.0f32; WIDE];
        for (i, x) in a.iter().enumerate() {
            for (sum, row) in sums.iter_mut().zip(&rows) {
                *sum += x * row[i];
            }
        }
        out.extend_from_slice(&sums[..group.len()]);
    }
    out
}

/// Computes the features of a pair of profiles.
pub fn pair_features(a: &Profile, b: &Profile, df: &DocumentFrequencies) -> PairFeatures {
    pair_features_memo(a, b, df, &mut IdfMemo::default())
}

/// [`pair_features`] with idfs remembered across the pairs scored against one state of `df`.
pub fn pair_features_memo(
    a: &Profile,
    b: &Profile,
    df: &DocumentFrequencies,
    memo: &mut IdfMemo,
) -> PairFeatures {
    let entities = weighted_overlap(&a.entities, a.members, &b.entities, b.members, |_, e, _| {
        memo.idf(df, df.entities.get(e))
    });
    let terms =
        weighted_overlap(&a.terms, a.members, &b.terms, b.members, |_, t, _| memo.idf(df, df.terms.get(t)));
    let lead_terms = weighted_overlap(&a.lead_terms, a.members, &b.lead_terms, b.members, |_, t, _| {
        memo.idf(df, df.terms.get(t))
    });
    assemble(a, b, entities, terms, lead_terms)
}

/// The entity overlap of [`pair_features_memo`] alone (the same number), for a caller that decides
/// on it before it needs the other features.
pub fn entity_overlap(a: &Profile, b: &Profile, df: &DocumentFrequencies, memo: &mut IdfMemo) -> f32 {
    weighted_overlap(&a.entities, a.members, &b.entities, b.members, |_, e, _| {
        memo.idf(df, df.entities.get(e))
    })
}

/// Index of the entity overlap in [`PairFeatures::values`].
const ENTITIES: usize = 1;
/// Index of the term overlap in [`PairFeatures::values`].
const TERMS: usize = 2;
/// Index of the lead-term overlap in [`PairFeatures::values`].
const LEAD_TERMS: usize = 3;

/// [`pair_features_memo`] when the caller only wants pairs whose probability reaches `min_p`: the
/// pair is given up (`None`) before the overlaps that walk both profiles when even full overlaps
/// could not lift it to `min_p`, and before the term overlap, the longest walk, when a full term
/// overlap could not. Whenever a pair can reach it, the features are exactly those of
/// [`pair_features_memo`].
pub fn pair_features_reaching(
    a: &Profile,
    b: &Profile,
    df: &DocumentFrequencies,
    memo: &mut IdfMemo,
    weights: &ScoreWeights,
    min_p: f32,
) -> Option<PairFeatures> {
    let z_min = (min_p / (1.0 - min_p)).ln();
    // The most a pair can score when an overlap (between 0 and 1) is not known yet: each unknown one
    // taken at whichever end its weight favours. The margin covers rounding, so a pair is only skipped
    // when its probability is below `min_p` by far more than float error.
    let reachable = |pf: &PairFeatures, unknown: &[usize]| {
        let mut values = pf.values;
        for &i in unknown {
            values[i] = if weights.weights[i] > 0.0 { 1.0 } else { 0.0 };
        }
        let z_max = weights.bias + weights.weights.iter().zip(&values).map(|(w, x)| w * x).sum::<f32>();
        z_max >= z_min - 1e-3
    };
    // The cosine, dates and places first: most candidate pairs of two events fail on them, and the
    // overlaps walk both profiles, which grow with the events.
    let mut pf = assemble(a, b, 0.0, 0.0, 0.0);
    if !reachable(&pf, &[ENTITIES, TERMS, LEAD_TERMS]) {
        return None;
    }
    pf.values[ENTITIES] = entity_overlap(a, b, df, memo);
    pf.values[LEAD_TERMS] =
        weighted_overlap(&a.lead_terms, a.members, &b.lead_terms, b.members, |_, t, _| {
            memo.idf(df, df.terms.get(t))
        });
    if !reachable(&pf, &[TERMS]) {
        return None;
    }
    pf.values[TERMS] =
        weighted_overlap(&a.terms, a.members, &b.terms, b.members, |_, t, _| memo.idf(df, df.terms.get(t)));
    Some(pf)
}

/// [`pair_features`] for two profiles whose key ids are known, reading counts by id: the same
/// numbers, without a string hash per key.
pub fn pair_features_by_id(
    a: (&Profile, &KeyIds),
    b: (&Profile, &KeyIds),
    counts: &KeyCounts,
    memo: &mut IdfMemo,
) -> PairFeatures {
    let ((a, a_ids), (b, b_ids)) = (a, b);
    let documents = counts.documents;
    let mut overlap =
        |ma: &BTreeMap<Key, f32>, ia: &[(u32, f32)], mb: &BTreeMap<Key, f32>, ib: &[(u32, f32)]| {
            weighted_overlap(ma, a.members, mb, b.members, |side, _, i| {
                let id = match side {
                    Side::A => ia[i].0,
                    Side::B => ib[i].0,
                };
                memo.idf_of_count(documents, counts.counts[id as usize])
            })
        };
    let entities = overlap(&a.entities, &a_ids.entities, &b.entities, &b_ids.entities);
    let terms = overlap(&a.terms, &a_ids.terms, &b.terms, &b_ids.terms);
    let lead_terms = overlap(&a.lead_terms, &a_ids.lead_terms, &b.lead_terms, &b_ids.lead_terms);
    assemble(a, b, entities, terms, lead_terms)
}

/// [`pair_features_by_id`] for the article marked in `marks` (whose profile is `a`) against a member:
/// the same numbers, with the article's side of every sum computed once per arrival.
pub fn pair_features_marked(
    a: &Profile,
    marks: &ArticleMarks,
    b: (&Profile, &KeyIds),
    counts: &KeyCounts,
    memo: &mut IdfMemo,
) -> PairFeatures {
    let cosine = cosine_of_sums((a, marks.norm_sq), (b.0, b.1.norm_sq));
    pair_features_marked_with_cosine(a, marks, b, counts, memo, cosine)
}

/// [`pair_features_marked`] with the cosine of the two vector sums already known (from
/// [`dots_in_order`] and [`cosine_of_dot`], or 0 when [`vectors_comparable`] says they are not).
pub fn pair_features_marked_with_cosine(
    a: &Profile,
    marks: &ArticleMarks,
    b: (&Profile, &KeyIds),
    counts: &KeyCounts,
    memo: &mut IdfMemo,
    cosine: f32,
) -> PairFeatures {
    let (b, b_ids) = b;
    let entities = marks.overlap(0, &b_ids.entities, b.members, counts, memo);
    let terms = marks.overlap(1, &b_ids.terms, b.members, counts, memo);
    let lead_terms = marks.overlap(2, &b_ids.lead_terms, b.members, counts, memo);
    assemble_with(a, b, cosine, entities, terms, lead_terms)
}

impl KeyIds {
    /// The squared norm of the profile's vector sum.
    pub fn norm_sq(&self) -> f32 {
        self.norm_sq
    }
}

impl ArticleMarks {
    /// The squared norm of the marked article's vector sum.
    pub fn norm_sq(&self) -> f32 {
        self.norm_sq
    }
}

/// The pair features from the three overlaps and what the profiles give directly.
fn assemble(a: &Profile, b: &Profile, entities: f32, terms: f32, lead_terms: f32) -> PairFeatures {
    assemble_with(a, b, profile_cosine(a, b), entities, terms, lead_terms)
}

/// [`assemble`] with the cosine already known.
fn assemble_with(
    a: &Profile,
    b: &Profile,
    cosine: f32,
    entities: f32,
    terms: f32,
    lead_terms: f32,
) -> PairFeatures {
    let (date_close, date_conflict, date_unknown) = date_features(a, b);
    let (place_agree, place_conflict) = match a.places_agree(b) {
        Some(true) => (1.0, 0.0),
        Some(false) => (0.0, 1.0),
        None => (0.0, 0.0),
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
            // A day more than a week outside the month is another happening, even in the next month.
            let (y, mo) = (m.div_euclid(12), (m.rem_euclid(12) + 1) as u8);
            let first = crate::features::day_number(y, mo, 1);
            let last = first + i32::from(model::days_in_month(y, mo)) - 1;
            let outside = (first - d).max(d - last).max(0);
            (if gap == 0 { 0.25 } else { 0.0 }, if gap >= 2 || outside > 7 { 1.0 } else { 0.0 }, 0.5)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The overlap as first written: every key of one side looked up in the other, each total summed
    /// over its own map. The fast paths must give these numbers bit for bit.
    fn overlap_by_lookup(
        a: &BTreeMap<Key, f32>,
        a_members: f32,
        b: &BTreeMap<Key, f32>,
        b_members: f32,
        idf: impl Fn(&str) -> f32,
    ) -> f32 {
        if a.is_empty() || b.is_empty() || a_members <= 0.0 || b_members <= 0.0 {
            return 0.0;
        }
        let (mut shared, mut total_a, mut total_b) = (0.0f32, 0.0f32, 0.0f32);
        for (k, &wa) in a {
            let fa = wa / a_members;
            total_a += fa * idf(k);
            if let Some(&wb) = b.get(k) {
                shared += fa.min(wb / b_members) * idf(k);
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

    /// A made-up profile of `members` articles drawing keys from small pools, so pairs share some.
    fn profile(seed: &mut u64, members: usize) -> Profile {
        let mut next = || {
            *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (*seed >> 33) as usize
        };
        let mut p = Profile::default();
        for m in 0..members {
            let f = crate::features::ArticleFeatures {
                id: format!("x{m}"),
                language: "en".into(),
                event_day: Some(100 + (next() % 3) as i32),
                vector: Some((0..4).map(|_| (next() % 10) as f32 / 10.0).collect()),
                entities: (0..1 + next() % 4).map(|_| format!("org:e{}", next() % 15)).collect(),
                terms: (0..next() % 9).map(|_| format!("t{}", next() % 40)).collect(),
                lead_terms: (0..next() % 3).map(|_| format!("t{}", next() % 40)).collect(),
                ..Default::default()
            };
            p.add(&f, 1.0);
        }
        p
    }

    /// Reproducible floats in [-0.5, 0.5) from a linear congruential generator.
    fn uniform_floats(mut seed: u64) -> impl FnMut() -> f32 {
        move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) as f32 / (1u64 << 31) as f32) - 0.5
        }
    }

    #[test]
    fn dot_in_lanes_stays_within_its_margin_of_the_in_order_sum() {
        let mut next = uniform_floats(5);
        for len in [3usize, 16, 100, 512, 515] {
            for _ in 0..50 {
                let a: Vec<f32> = (0..len).map(|_| next()).collect();
                let b: Vec<f32> = (0..len).map(|_| next() * 40.0).collect();
                let mut exact = 0.0f32;
                for (x, y) in a.iter().zip(&b) {
                    exact += x * y;
                }
                let scale = vector_norm_sq(&a).sqrt() * vector_norm_sq(&b).sqrt();
                let gap = (dot_lanes(&a, &b) - exact).abs();
                assert!(gap <= DOT_LANES_MARGIN * scale * 0.1, "len {len}: {gap} vs scale {scale}");
            }
        }
    }

    #[test]
    fn dots_side_by_side_equal_in_order_sums_bit_for_bit() {
        let mut next = uniform_floats(9);
        for (len, n) in [(3usize, 1usize), (512, 7), (512, 8), (512, 9), (515, 25), (16, 0)] {
            let a: Vec<f32> = (0..len).map(|_| next()).collect();
            let others: Vec<Vec<f32>> = (0..n).map(|_| (0..len).map(|_| next() * 3.0).collect()).collect();
            let views: Vec<&[f32]> = others.iter().map(Vec::as_slice).collect();
            let dots = dots_in_order(&a, &views);
            assert_eq!(dots.len(), n);
            for (b, dot) in others.iter().zip(&dots) {
                let pa = Profile { vectors: 1.0, vector_sum: a.clone(), ..Profile::default() };
                let pb = Profile { vectors: 1.0, vector_sum: b.clone(), ..Profile::default() };
                let norms = (vector_norm_sq(&a), vector_norm_sq(b));
                let alone = cosine_of_sums((&pa, norms.0), (&pb, norms.1));
                assert_eq!(cosine_of_dot(norms, *dot).to_bits(), alone.to_bits(), "len {len}, {n} vectors");
            }
        }
    }

    #[test]
    fn fast_overlaps_agree_bit_for_bit_with_lookups() {
        let mut seed = 11u64;
        let mut df = DocumentFrequencies::default();
        for _ in 0..300 {
            let p = profile(&mut seed, 1);
            let entities: Vec<String> = p.entities.keys().map(|k| k.to_string()).collect();
            let terms: Vec<String> = p.terms.keys().map(|k| k.to_string()).collect();
            df.add(&entities, &terms);
        }
        let mut counts = KeyCounts::of(&df);
        let mut memo = IdfMemo::default();
        let mut marks = ArticleMarks::default();
        let (mut compared, mut skipped) = (0, 0);
        for round in 0..200 {
            let a = profile(&mut seed, 1 + round % 3);
            let b = profile(&mut seed, 1 + round % 7);
            let (ia, ib) = (counts.ids_of(&a), counts.ids_of(&b));
            let fast = pair_features_memo(&a, &b, &df, &mut memo);
            let by_id = pair_features_by_id((&a, &ia), (&b, &ib), &counts, &mut memo);
            marks.mark(&a, &ia, &counts, &mut memo);
            let marked = pair_features_marked(&a, &marks, (&b, &ib), &counts, &mut memo);
            assert_eq!(marked, by_id, "round {round}: marked");
            let cosine = match vectors_comparable(&a, &b) {
                true => cosine_of_dot(
                    (marks.norm_sq(), ib.norm_sq()),
                    dots_in_order(&a.vector_sum, &[&b.vector_sum])[0],
                ),
                false => 0.0,
            };
            let given = pair_features_marked_with_cosine(&a, &marks, (&b, &ib), &counts, &mut memo, cosine);
            assert_eq!(
                given.values.map(f32::to_bits),
                marked.values.map(f32::to_bits),
                "round {round}: given cosine"
            );
            for (x, y) in marked.values.iter().zip(&by_id.values) {
                assert_eq!(x.to_bits(), y.to_bits(), "round {round}: marked, bit for bit");
            }
            let slow = [
                overlap_by_lookup(&a.entities, a.members, &b.entities, b.members, |e| df.entity_idf(e)),
                overlap_by_lookup(&a.terms, a.members, &b.terms, b.members, |t| df.term_idf(t)),
                overlap_by_lookup(&a.lead_terms, a.members, &b.lead_terms, b.members, |t| df.term_idf(t)),
            ];
            for (i, want) in slow.iter().enumerate() {
                assert_eq!(fast.values[1 + i].to_bits(), want.to_bits(), "round {round}, overlap {i}");
                assert_eq!(by_id.values[1 + i].to_bits(), want.to_bits(), "round {round}, overlap {i} by id");
            }
            assert_eq!(fast, by_id);
            assert_eq!(entity_overlap(&a, &b, &df, &mut memo).to_bits(), fast.values[1].to_bits());
            let weights = crate::config::ClusterConfig::default().score;
            for min_p in [0.2, 0.5, 0.7, 0.9] {
                match pair_features_reaching(&a, &b, &df, &mut memo, &weights, min_p) {
                    Some(pf) => {
                        assert_eq!(pf, fast, "round {round}: features of a pair that may reach {min_p}")
                    }
                    None => {
                        assert!(
                            probability(&weights, &fast) < min_p,
                            "round {round}: skipped a pair reaching {min_p}"
                        );
                        skipped += 1;
                    }
                }
            }
            compared += slow.iter().filter(|v| **v > 0.0 && **v < 1.0).count();
        }
        assert!(compared > 100, "the pairs must overlap partly, not only all or nothing: {compared}");
        assert!(skipped > 5, "the bound must skip some pairs: {skipped}");
    }
}
