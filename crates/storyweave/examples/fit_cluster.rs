//! Fits the event clusterer's weights on a labelled JSONL (the dev-events format) and measures them:
//! leave-one-storyline-out cross-validation first (how the weights do on a storyline they never saw),
//! then the fit on everything, with a sweep of the join threshold. Prints the figures and the
//! `[score]` section for `config/cluster.toml`.
//!
//! `cargo run --release -p storyweave --example fit_cluster -- ../shared/corpus/dev-events/articles.jsonl`

use cluster::metrics::score;
use cluster::train::{fit_logistic, online_samples, pair_samples};
use cluster::{ArticleFeatures, ClusterConfig, Clusterer};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use store::{SqliteStore, Store};
use storyweave::copies::CopyStage;
use storyweave::{IngestOptions, Stages};

struct Labelled {
    features: ArticleFeatures,
    event: String,
    storyline: String,
}

fn main() -> anyhow::Result<()> {
    let gold = PathBuf::from(std::env::args().nth(1).expect("usage: fit_cluster FILE.jsonl"));
    let data = load(&gold)?;
    let base = ClusterConfig::default();
    if std::env::var_os("FEATURE_AUC").is_some() {
        feature_auc(&data);
    }
    let storylines: BTreeSet<&str> = data.iter().map(|d| d.storyline.as_str()).collect();
    let thresholds: Vec<f32> = (6..=18).map(|i| i as f32 * 0.05).collect();

    println!("leave-one-storyline-out (fit on the others, threshold chosen on the others):");
    let mut f1s = Vec::new();
    for held in &storylines {
        let train: Vec<&Labelled> = data.iter().filter(|d| d.storyline != *held).collect();
        let config = fit(&base, &train);
        let (t, _) = best_threshold(&config, &train, &thresholds);
        let mut c = config.clone();
        c.score.join_threshold = t;
        c.score.merge_threshold = (t + merge_delta()).min(0.95);
        let s = evaluate(&c, &data, Some(held));
        println!("  {held:<36} threshold {t:.2}  event BCubed F1 {:.3} (P {:.3} R {:.3})", s.0, s.1, s.2);
        f1s.push(s.0);
    }
    println!("  mean held-out event BCubed F1 {:.3}\n", f1s.iter().sum::<f64>() / f1s.len() as f64);

    let all: Vec<&Labelled> = data.iter().collect();
    let config = fit(&base, &all);
    println!("fit on all {} articles; join threshold sweep (merge = join + 0.2):", data.len());
    for &t in &thresholds {
        let mut c = config.clone();
        c.score.join_threshold = t;
        c.score.merge_threshold = (t + merge_delta()).min(0.95);
        let (f1, p, r) = evaluate(&c, &data, None);
        println!("  {t:.2}  event BCubed F1 {f1:.3} (P {p:.3} R {r:.3})");
    }
    let (t, _) = best_threshold(&config, &all, &thresholds);
    let mut c = config;
    c.score.join_threshold = t;
    c.score.merge_threshold = (t + merge_delta()).min(0.95);
    if std::env::var_os("HAC").is_some() {
        hac_sweep(&c, &data, &thresholds);
    }
    if std::env::var_os("SHOW_CLUSTERS").is_some() {
        let mut clusterer = Clusterer::new(c.clone());
        for d in &data {
            clusterer.add(d.features.clone());
        }
        for e in clusterer.events() {
            let mut golds: std::collections::BTreeMap<&str, usize> = Default::default();
            for m in &e.members {
                let d = data.iter().find(|d| d.features.id == m.article).expect("member");
                *golds.entry(d.event.as_str()).or_default() += 1;
            }
            println!(
                "event {} day {:?} storyline {}: {:?}",
                e.id,
                e.profile.reference_day(),
                clusterer.storyline_of(e.id),
                golds
            );
        }
        for d in &data {
            println!(
                "{} {:<40} ev {:?} pub {:?}/{:?} ents {} places {:?}",
                &d.features.id[..8],
                d.event,
                d.features.event_day,
                d.features.published_day,
                d.features.published_month,
                d.features.entities.len(),
                d.features.places.first()
            );
        }
    }
    println!("\n[score]\n{}", toml::to_string(&c.score)?);
    Ok(())
}

fn fit(base: &ClusterConfig, data: &[&Labelled]) -> ClusterConfig {
    let features: Vec<ArticleFeatures> = data.iter().map(|d| d.features.clone()).collect();
    let labels: Vec<String> = data.iter().map(|d| d.event.clone()).collect();
    let mut config = base.clone();
    if let Ok(linkage) = std::env::var("LINKAGE") {
        config.score.linkage = if linkage == "profile" {
            cluster::config::Linkage::Profile
        } else {
            cluster::config::Linkage::Average
        };
    }
    let mut samples = match config.score.linkage {
        cluster::config::Linkage::Profile => online_samples(&features, &labels),
        cluster::config::Linkage::Average => pair_samples(&features, &labels),
    };
    // Ablation: DROP_FEATURES=a,b fits without those features (their weights come out 0).
    if let Ok(drop) = std::env::var("DROP_FEATURES") {
        for name in drop.split(',').filter(|n| !n.is_empty()) {
            let i = cluster::score::FEATURE_NAMES.iter().position(|n| n == &name).expect("a feature name");
            samples.iter_mut().for_each(|s| s.features[i] = 0.0);
        }
    }
    let (bias, weights) = fit_logistic(&samples, 0.01);
    config.score.bias = bias;
    config.score.weights = weights;
    config
}

fn best_threshold(config: &ClusterConfig, data: &[&Labelled], thresholds: &[f32]) -> (f32, f64) {
    let owned: Vec<Labelled> = data
        .iter()
        .map(|d| Labelled {
            features: d.features.clone(),
            event: d.event.clone(),
            storyline: d.storyline.clone(),
        })
        .collect();
    let mut best = (0.5, -1.0);
    for &t in thresholds {
        let mut c = config.clone();
        c.score.join_threshold = t;
        c.score.merge_threshold = (t + merge_delta()).min(0.95);
        let (f1, _, _) = evaluate(&c, &owned, None);
        if f1 > best.1 + 1e-9 {
            best = (t, f1);
        }
    }
    best
}

/// Clusters every article in order; scores events on the articles of `only` (a storyline) or all.
fn evaluate(config: &ClusterConfig, data: &[Labelled], only: Option<&&str>) -> (f64, f64, f64) {
    let mut clusterer = Clusterer::new(config.clone());
    for d in data {
        clusterer.add(d.features.clone());
    }
    let (mut pred, mut gold) = (HashMap::new(), HashMap::new());
    for d in data.iter().filter(|d| only.is_none_or(|s| d.storyline == **s)) {
        pred.insert(d.features.id.clone(), clusterer.event_of(&d.features.id).unwrap_or(0));
        gold.insert(d.features.id.clone(), d.event.clone());
    }
    let s = score(&pred, &gold);
    (s.bcubed.f1, s.bcubed.precision, s.bcubed.recall)
}

/// Ingests the file as `storyweave ingest` does (copies, vectors) and reads the features back.
fn load(gold: &PathBuf) -> anyhow::Result<Vec<Labelled>> {
    let mut labels = HashMap::new();
    for line in std::fs::read_to_string(gold)?.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        labels.insert(s("id"), (s("event_id"), s("storyline_id")));
    }
    let dir = std::env::temp_dir().join(format!("storyweave-fit-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut store = SqliteStore::open(&dir)?;
    let mut copies = CopyStage::open(&dir, &store)?;
    let model = embed::UseMultilingual::load_default()?;
    let options = IngestOptions { progress: false, max_printed_skips: 0, ..IngestOptions::default() };
    let stages = Stages { copies: &mut copies, events: None, embedder: Some(&model) };
    storyweave::ingest_paths(std::slice::from_ref(gold), &mut store, stages, &options)?;
    let mut out = Vec::new();
    let mut registry = text::entities::EntityRegistry::default();
    store.for_each_article(&mut |article| {
        if let Some((event, storyline)) = article.external_id.as_ref().and_then(|e| labels.get(e)) {
            let vector = store.vector(&article.id.0)?;
            out.push(Labelled {
                features: storyweave::events::resolved_features(&mut registry, &article, vector.as_deref()),
                event: event.clone(),
                storyline: storyline.clone(),
            });
        }
        Ok(())
    })?;
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(out)
}

/// For pairs in one storyline: how well each feature alone tells same-event pairs from the others.
fn feature_auc(data: &[Labelled]) {
    use cluster::profile::Profile;
    use cluster::score::{pair_features, DocumentFrequencies, FEATURE_NAMES, N_FEATURES};
    let mut df = DocumentFrequencies::default();
    for d in data {
        df.add(&d.features.entities, &d.features.terms);
    }
    let profiles: Vec<Profile> = data.iter().map(|d| Profile::of(&d.features)).collect();
    let mut same = Vec::new();
    let mut diff = Vec::new();
    for i in 0..data.len() {
        for j in 0..i {
            if data[i].storyline != data[j].storyline {
                continue;
            }
            let f = pair_features(&profiles[i], &profiles[j], &df).values;
            if data[i].event == data[j].event {
                same.push(f)
            } else {
                diff.push(f)
            }
        }
    }
    println!("same-storyline pairs: {} same event, {} other event", same.len(), diff.len());
    for (k, name) in FEATURE_NAMES.iter().enumerate() {
        let (mut wins, mut total) = (0.0, 0.0);
        for a in &same {
            for b in &diff {
                total += 1.0;
                if a[k] > b[k] {
                    wins += 1.0
                } else if a[k] == b[k] {
                    wins += 0.5
                }
            }
        }
        let mean =
            |v: &Vec<[f32; N_FEATURES]>| v.iter().map(|f| f[k] as f64).sum::<f64>() / v.len().max(1) as f64;
        println!(
            "  {name:<15} AUC {:.3}  mean same {:.3} other {:.3}",
            wins / total,
            mean(&same),
            mean(&diff)
        );
    }
}

/// How far above the join threshold two events must score to merge (`MERGE_DELTA`, default 0.2).
fn merge_delta() -> f32 {
    std::env::var("MERGE_DELTA").ok().and_then(|v| v.parse().ok()).unwrap_or(0.2)
}

/// Batch average-linkage agglomerative clustering over all article pairs with the fitted pair model:
/// how far the online clusterer is from what the same pair probabilities allow.
fn hac_sweep(config: &ClusterConfig, data: &[Labelled], thresholds: &[f32]) {
    use cluster::profile::Profile;
    use cluster::score::{pair_features, probability, DocumentFrequencies};
    let mut df = DocumentFrequencies::default();
    for d in data {
        df.add(&d.features.entities, &d.features.terms);
    }
    let profiles: Vec<Profile> = data.iter().map(|d| Profile::of(&d.features)).collect();
    let n = data.len();
    let mut p = vec![vec![0f32; n]; n];
    for i in 0..n {
        for j in 0..i {
            let v = probability(&config.score, &pair_features(&profiles[i], &profiles[j], &df));
            p[i][j] = v;
            p[j][i] = v;
        }
    }
    for &t in thresholds {
        let mut clusters: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
        loop {
            let mut best = (0usize, 0usize, -1f32);
            for a in 0..clusters.len() {
                for b in 0..a {
                    let mut sum = 0.0;
                    for &i in &clusters[a] {
                        for &j in &clusters[b] {
                            sum += p[i][j];
                        }
                    }
                    let avg = sum / (clusters[a].len() * clusters[b].len()) as f32;
                    if avg > best.2 {
                        best = (a, b, avg);
                    }
                }
            }
            if best.2 < t {
                break;
            }
            let moved = clusters.remove(best.0);
            clusters[best.1].extend(moved);
        }
        let (mut pred, mut gold) = (HashMap::new(), HashMap::new());
        for (k, c) in clusters.iter().enumerate() {
            for &i in c {
                pred.insert(data[i].features.id.clone(), k as u32);
                gold.insert(data[i].features.id.clone(), data[i].event.clone());
            }
        }
        let s = score(&pred, &gold);
        println!(
            "  HAC {t:.2}  event BCubed F1 {:.3} (P {:.3} R {:.3})",
            s.bcubed.f1, s.bcubed.precision, s.bcubed.recall
        );
    }
}
