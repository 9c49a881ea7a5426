//! Parity with the Python package: the same piece ids and vectors with cosine ≥ 0.999 on sentences
//! in many languages from the dev-events corpus (read in place), plus odd texts.

use crate::common;

use embed::{cosine, Embedder};
use std::collections::BTreeMap;

/// Up to this many sentences per language, taken in corpus order.
const PER_LANGUAGE: usize = 45;

#[test]
fn rust_vectors_match_the_python_package() {
    let mut per_language: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for article in common::dev_articles() {
        let bucket = per_language.entry(article.language.clone()).or_default();
        for sentence in text::sentences::split_sentences(&article.text, &article.language) {
            if bucket.len() < PER_LANGUAGE && sentence.chars().count() >= 20 {
                bucket.push(sentence.to_string());
            }
        }
    }
    let languages: Vec<&String> = per_language.iter().filter(|(_, s)| s.len() >= 5).map(|(l, _)| l).collect();
    let mut texts: Vec<String> = per_language.values().flatten().cloned().collect();
    let labels: Vec<String> =
        per_language.iter().flat_map(|(l, s)| std::iter::repeat_n(l.clone(), s.len())).collect();
    assert!(texts.len() >= 200, "only {} sentences", texts.len());
    assert!(languages.len() >= 6, "only {languages:?}");
    let odd = ["", "😀🎉", "2024 2025 3.75%", "ᚠᚢᚦᚨᚱᚲ", "台风登陆，居民撤离。", "Ελλάδα και Κύπρος."];
    texts.extend(odd.iter().map(|s| s.to_string()));

    let reference = common::python_reference(&texts);
    let model = common::model();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let vectors = model.embed(&refs).unwrap();

    let mut id_mismatches = Vec::new();
    let mut worst: BTreeMap<&str, f32> = BTreeMap::new();
    let mut min = f32::INFINITY;
    let mut max_diff = 0f32;
    for (i, text) in texts.iter().enumerate() {
        if model.pieces(text) != reference.ids[i] {
            id_mismatches.push(text.clone());
        }
        let c = cosine(vectors.row(i), &reference.vectors[i]);
        for (a, b) in vectors.row(i).iter().zip(&reference.vectors[i]) {
            max_diff = max_diff.max((a - b).abs());
        }
        let label = labels.get(i).map_or("odd", String::as_str);
        let w = worst.entry(label).or_insert(f32::INFINITY);
        *w = w.min(c);
        min = min.min(c);
    }
    eprintln!(
        "parity over {} texts in {} languages: min cosine {min:.7} (1 - min = {:.1e})",
        texts.len(),
        languages.len(),
        1.0 - min
    );
    eprintln!("largest difference of one component: {max_diff:.1e}");
    let counts: BTreeMap<&str, usize> = per_language.iter().map(|(l, s)| (l.as_str(), s.len())).collect();
    eprintln!("sentences per language: {counts:?}");
    eprintln!("min cosine per language: {worst:?}");
    assert!(id_mismatches.is_empty(), "piece ids differ for {id_mismatches:?}");
    assert!(min >= 0.999, "min cosine {min} < 0.999 ({worst:?})");
}
