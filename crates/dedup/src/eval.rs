//! Scores a [`CopyIndex`] on generated, labelled copies (see [`crate::generate`]).

use crate::generate::{Generated, Transform};
use crate::shingle::{containment, jaccard, shingle_set};
use crate::{CopyIndex, CopyRelation, DedupConfig, DedupError, Fingerprint};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// The exact shingle sets of the generated articles and each one's similarity to its base's original.
#[derive(Debug, Clone)]
pub struct Truth {
    /// Sorted distinct shingle hashes per article.
    pub sets: Vec<Vec<u64>>,
    /// Exact Jaccard with the original of its base (1 for the original itself).
    pub jaccard: Vec<f64>,
    /// Exact containment in the original of its base.
    pub containment: Vec<f64>,
    /// Index of the original of each base, if it was generated.
    pub original_of_base: FxHashMap<usize, usize>,
    /// Copy family of each base: bases that are real copies of each other in the corpus (exact Jaccard
    /// ≥ 0.8 or containment ≥ 0.5 either way, joined transitively) share a family, so they are not
    /// counted as different articles.
    pub family: Vec<usize>,
    /// Pairs of originals that are real copies of each other.
    pub real_copy_pairs: Vec<(usize, usize)>,
}

impl Truth {
    /// Computes the exact sets and similarities with `k`-word shingles.
    pub fn new(generated: &[Generated], k: usize) -> Self {
        let sets: Vec<Vec<u64>> = generated.iter().map(|g| shingle_set(&g.text, k)).collect();
        let original_of_base: FxHashMap<usize, usize> = generated
            .iter()
            .enumerate()
            .filter(|(_, g)| g.transform == Transform::Original)
            .map(|(i, g)| (g.base, i))
            .collect();
        let (mut jac, mut con) = (Vec::new(), Vec::new());
        for (i, g) in generated.iter().enumerate() {
            match original_of_base.get(&g.base) {
                Some(&o) => {
                    jac.push(jaccard(&sets[i], &sets[o]));
                    con.push(containment(&sets[i], &sets[o]));
                }
                None => {
                    jac.push(0.0);
                    con.push(0.0);
                }
            }
        }
        let bases = generated.iter().map(|g| g.base + 1).max().unwrap_or(0);
        let mut family: Vec<usize> = (0..bases).collect();
        fn root(f: &mut [usize], mut x: usize) -> usize {
            while f[x] != x {
                f[x] = f[f[x]];
                x = f[x];
            }
            x
        }
        let mut originals: Vec<(usize, usize)> = original_of_base.iter().map(|(&b, &o)| (b, o)).collect();
        originals.sort_unstable();
        let mut real_copy_pairs = Vec::new();
        for (x, &(bx, ox)) in originals.iter().enumerate() {
            for &(by, oy) in &originals[x + 1..] {
                let (a, b) = (&sets[ox], &sets[oy]);
                if jaccard(a, b) >= 0.8 || containment(a, b) >= 0.5 || containment(b, a) >= 0.5 {
                    real_copy_pairs.push((ox, oy));
                    let (rx, ry) = (root(&mut family, bx), root(&mut family, by));
                    family[rx.max(ry)] = rx.min(ry);
                }
            }
        }
        let family = (0..bases).map(|b| root(&mut family, b)).collect();
        Self { sets, jaccard: jac, containment: con, original_of_base, family, real_copy_pairs }
    }
}

/// The scores of one run.
#[derive(Debug, Clone, Serialize)]
pub struct EvalRow {
    /// The near-duplicate threshold of the run.
    pub near_threshold: f64,
    /// The containment threshold of the run.
    pub containment_threshold: f64,
    /// Matches (article → stored article) whose two articles come from the same base (copy family).
    pub link_precision: f64,
    /// Near/exact matches whose exact Jaccard is ≥ 0.8.
    pub strict_near_precision: f64,
    /// Pairs of articles in one group that come from the same base (copy family), over all pairs in groups.
    pub pair_precision: f64,
    /// Copies with exact Jaccard ≥ 0.8 to their original that share its group.
    pub near_recall: f64,
    /// Copies below Jaccard 0.8 whose exact containment in the original is ≥ 0.5 that share its group.
    pub containment_recall: f64,
    /// Pairs of originals of different families on the same event put in one group (hard negatives).
    pub hard_negative_merges: usize,
    /// Pairs of originals of different families put in one group, any event.
    pub original_merges: usize,
    /// Those pairs: base indexes with their exact Jaccard and containment (shorter in longer).
    pub merged_pairs: Vec<(usize, usize, f64, f64)>,
    /// Pairs of originals that are real copies of each other in the corpus, and how many share a group.
    pub real_copies_found: (usize, usize),
    /// Groups made.
    pub groups: usize,
    /// Number of near-duplicate positives and containment positives.
    pub positives: (usize, usize),
    /// Groups holding an original whose chosen origin is that original.
    pub origin_is_original: f64,
    /// Groups holding an original whose chosen origin contains ≥ 90 % of the original's shingles
    /// (the whole story: the original, an exact or boilerplate copy, not a truncated one).
    pub origin_is_complete: f64,
    /// Articles per second of `add` (fingerprints given), for this run.
    pub adds_per_second: f64,
}

/// Fingerprints of every generated article under `config`.
pub fn fingerprints(generated: &[Generated], config: &DedupConfig) -> Result<Vec<Fingerprint>, DedupError> {
    let index = CopyIndex::new(config.clone())?;
    Ok(generated.iter().map(|g| index.fingerprint(&g.text)).collect())
}

/// Adds the generated articles in order to a fresh index and scores the result.
pub fn evaluate(
    generated: &[Generated],
    fingerprints: &[Fingerprint],
    truth: &Truth,
    config: &DedupConfig,
    events: &[Option<String>],
) -> Result<EvalRow, DedupError> {
    let mut index = CopyIndex::new(config.clone())?;
    let position: FxHashMap<&str, usize> =
        generated.iter().enumerate().map(|(i, g)| (g.id.as_str(), i)).collect();
    let (mut links, mut good_links, mut near_links, mut strict_links) = (0usize, 0usize, 0usize, 0usize);
    let start = std::time::Instant::now();
    let mut assignments = Vec::with_capacity(generated.len());
    for (g, fp) in generated.iter().zip(fingerprints) {
        assignments.push(index.add_fingerprint(&g.to_article(), fp.clone()));
    }
    let elapsed = start.elapsed().as_secs_f64();
    for (i, a) in assignments.iter().enumerate() {
        let Some(m) = &a.matched else { continue };
        let j = position[m.article.0.as_str()];
        links += 1;
        good_links += usize::from(truth.family[generated[i].base] == truth.family[generated[j].base]);
        if matches!(m.relation, CopyRelation::Near | CopyRelation::Exact) {
            near_links += 1;
            strict_links += usize::from(jaccard(&truth.sets[i], &truth.sets[j]) >= 0.8);
        }
    }
    let group: Vec<u32> = assignments.iter().map(|a| a.group).collect();
    let (mut near_pos, mut near_hit, mut cont_pos, mut cont_hit) = (0, 0, 0, 0);
    for (i, g) in generated.iter().enumerate() {
        let Some(&o) = truth.original_of_base.get(&g.base) else { continue };
        if o == i {
            continue;
        }
        let together = group[i] == group[o];
        if truth.jaccard[i] >= 0.8 {
            near_pos += 1;
            near_hit += usize::from(together);
        } else if truth.containment[i] >= 0.5 {
            cont_pos += 1;
            cont_hit += usize::from(together);
        }
    }
    let mut per_group: FxHashMap<u32, FxHashMap<usize, u64>> = FxHashMap::default();
    for (i, g) in generated.iter().enumerate() {
        *per_group.entry(group[i]).or_default().entry(truth.family[g.base]).or_default() += 1;
    }
    let (mut same_pairs, mut all_pairs) = (0u64, 0u64);
    for bases in per_group.values() {
        let n: u64 = bases.values().sum();
        all_pairs += n * (n - 1) / 2;
        same_pairs += bases.values().map(|c| c * (c - 1) / 2).sum::<u64>();
    }
    let mut originals: Vec<(usize, usize)> = truth.original_of_base.iter().map(|(&b, &o)| (b, o)).collect();
    originals.sort_unstable();
    let (mut hard, mut merged) = (0, 0);
    let mut merged_pairs = Vec::new();
    for (x, &(bx, ox)) in originals.iter().enumerate() {
        for &(by, oy) in &originals[x + 1..] {
            if group[ox] == group[oy] && truth.family[bx] != truth.family[by] {
                merged += 1;
                let (a, b) = (&truth.sets[ox], &truth.sets[oy]);
                let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
                merged_pairs.push((bx, by, jaccard(a, b), containment(short, long)));
                let same_event = events.get(bx).cloned().flatten().is_some()
                    && events.get(bx).cloned().flatten() == events.get(by).cloned().flatten();
                hard += usize::from(same_event);
            }
        }
    }
    let (mut with_original, mut origin_ok, mut origin_complete) = (0usize, 0usize, 0usize);
    for g in index.groups() {
        let original = g
            .members
            .iter()
            .map(|m| position[m.article.0.as_str()])
            .find(|&i| generated[i].transform == Transform::Original);
        if let Some(o) = original {
            let chosen = position[g.origin.0.as_str()];
            with_original += 1;
            origin_ok += usize::from(chosen == o);
            origin_complete += usize::from(containment(&truth.sets[o], &truth.sets[chosen]) >= 0.9);
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Ok(EvalRow {
        near_threshold: config.near_threshold,
        containment_threshold: config.containment_threshold,
        link_precision: ratio(good_links, links),
        strict_near_precision: ratio(strict_links, near_links),
        pair_precision: if all_pairs == 0 { 1.0 } else { same_pairs as f64 / all_pairs as f64 },
        near_recall: ratio(near_hit, near_pos),
        containment_recall: ratio(cont_hit, cont_pos),
        hard_negative_merges: hard,
        original_merges: merged,
        merged_pairs,
        groups: index.group_count(),
        real_copies_found: (
            truth.real_copy_pairs.len(),
            truth.real_copy_pairs.iter().filter(|(a, b)| group[*a] == group[*b]).count(),
        ),
        positives: (near_pos, cont_pos),
        origin_is_original: ratio(origin_ok, with_original),
        origin_is_complete: ratio(origin_complete, with_original),
        adds_per_second: generated.len() as f64 / elapsed.max(1e-9),
    })
}
