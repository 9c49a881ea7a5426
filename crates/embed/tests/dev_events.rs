//! Document vectors on the dev-events corpus (read in place): the cosine of article pairs of the
//! same event, of different events of one storyline and of different storylines, for same- and
//! cross-language pairs, under each pooling. Prints the tables recorded in BENCHMARKS.md and
//! checks that the default pooling orders the three kinds of pair.

use crate::common;

use embed::{cosine, document_vectors, Document, Pooling};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pair {
    SameEvent,
    SameStoryline,
    OtherStoryline,
}

fn percentile(sorted: &[f32], p: f32) -> f32 {
    if sorted.is_empty() {
        return f32::NAN;
    }
    let rank = p * (sorted.len() - 1) as f32;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f32)
}

/// The probability that a random positive pair scores above a random negative one.
fn auc(pos: &[f32], neg: &[f32]) -> f32 {
    let mut wins = 0f64;
    for &p in pos {
        for &n in neg {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    (wins / (pos.len() * neg.len()).max(1) as f64) as f32
}

struct Summary {
    /// [pair kind][same language?] → sorted cosines.
    cosines: [[Vec<f32>; 2]; 3],
}

fn measure(pooling: Pooling) -> Summary {
    let articles = common::dev_articles();
    let docs: Vec<Document> = articles
        .iter()
        .map(|a| Document { title: a.title.as_deref(), text: &a.text, language: &a.language })
        .collect();
    let vectors = document_vectors(common::model(), &docs, pooling).unwrap();
    let mut cosines: [[Vec<f32>; 2]; 3] = Default::default();
    for i in 0..articles.len() {
        for j in i + 1..articles.len() {
            let (a, b) = (&articles[i], &articles[j]);
            let kind = if a.event_id == b.event_id {
                Pair::SameEvent
            } else if a.storyline_id == b.storyline_id {
                Pair::SameStoryline
            } else {
                Pair::OtherStoryline
            };
            let same_language = usize::from(a.language == b.language);
            cosines[kind as usize][same_language].push(cosine(vectors.row(i), vectors.row(j)));
        }
    }
    for by_kind in &mut cosines {
        for list in by_kind {
            list.sort_by(f32::total_cmp);
        }
    }
    Summary { cosines }
}

impl Summary {
    fn all(&self, kind: Pair) -> Vec<f32> {
        let mut v: Vec<f32> = self.cosines[kind as usize].iter().flatten().copied().collect();
        v.sort_by(f32::total_cmp);
        v
    }

    fn median(&self, kind: Pair) -> f32 {
        percentile(&self.all(kind), 0.5)
    }

    fn table(&self) -> String {
        let mut s =
            String::from("| pair | languages | n | p10 | median | p90 |\n|---|---|---|---|---|---|\n");
        for (kind, name) in [
            (Pair::SameEvent, "same event"),
            (Pair::SameStoryline, "same storyline, other event"),
            (Pair::OtherStoryline, "other storyline"),
        ] {
            for (lang, lang_name) in [(1, "same"), (0, "cross")] {
                let v = &self.cosines[kind as usize][lang];
                s.push_str(&format!(
                    "| {name} | {lang_name} | {} | {:.3} | {:.3} | {:.3} |\n",
                    v.len(),
                    percentile(v, 0.1),
                    percentile(v, 0.5),
                    percentile(v, 0.9)
                ));
            }
        }
        s
    }
}

#[test]
fn document_vectors_separate_events_storylines_and_the_rest() {
    let candidates = [
        ("lead-weighted mean, scale 3 (default)", Pooling::default()),
        ("mean of all sentences", Pooling::Mean),
        ("title + lead (first 3 sentences)", Pooling::Lead { sentences: 3 }),
        ("whole text as one input", Pooling::WholeText),
    ];
    eprintln!("| pooling | AUC same event vs same storyline | AUC same event vs other storyline | AUC same event vs other storyline, cross-language |");
    eprintln!("|---|---|---|---|");
    let mut default_summary = None;
    for (name, pooling) in candidates {
        let s = measure(pooling);
        let same = s.all(Pair::SameEvent);
        let cross_same = &s.cosines[Pair::SameEvent as usize][0];
        let cross_other = &s.cosines[Pair::OtherStoryline as usize][0];
        eprintln!(
            "| {name} | {:.3} | {:.3} | {:.3} |",
            auc(&same, &s.all(Pair::SameStoryline)),
            auc(&same, &s.all(Pair::OtherStoryline)),
            auc(cross_same, cross_other)
        );
        if pooling == Pooling::default() {
            default_summary = Some(s);
        }
    }
    let s = default_summary.unwrap();
    eprintln!("\ndefault pooling:\n{}", s.table());
    assert!(s.median(Pair::SameEvent) > s.median(Pair::SameStoryline));
    assert!(s.median(Pair::SameStoryline) > s.median(Pair::OtherStoryline));
}
