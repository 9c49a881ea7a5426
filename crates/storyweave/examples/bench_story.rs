//! Story synthesis benchmark (issue 8): one event of COUNT articles in at least six languages, written
//! into a story (statements, encoder, alignment, facts, quotes, timeline, summary) in one call.
//!
//! `cargo run --release -p storyweave --example bench_story -- --count 200` (or `bash scripts/bench-story.sh`).
//!
//! The articles are the dev-events corpus (`../shared/corpus/dev-events/articles.jsonl`, 123 articles in
//! nine languages), analysed as ingest analyses them; past the corpus's size, articles are reused as wire
//! copies of the first pass (same copy group, so they add statements but not independent sources), which
//! is what a big event looks like. Several real events are mixed in one: alignment sees many statements
//! that do not align, the expensive case. Prints wall time per stage and the process's peak memory.

use clap::Parser;
use ingest::JsonlSource;
use model::Article;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

/// Command-line options.
#[derive(Parser)]
struct Args {
    /// Articles in the event.
    #[arg(long, default_value_t = 200)]
    count: usize,
    /// The labelled corpus to take articles from.
    #[arg(long, default_value = "../shared/corpus/dev-events/articles.jsonl")]
    corpus: PathBuf,
    /// Summary language.
    #[arg(long, default_value = "en")]
    lang: String,
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let raws: Vec<model::RawDocument> = JsonlSource::open(&args.corpus)?.filter_map(|r| r.ok()).collect();
    let mut articles: Vec<Article> = raws.par_iter().filter_map(|raw| text::analyze(raw).ok()).collect();
    let mut registry = text::entities::EntityRegistry::new();
    for a in &mut articles {
        registry.resolve(&mut a.entities);
    }
    let originals = articles.len();
    let mut event: Vec<Article> = Vec::with_capacity(args.count);
    for i in 0..args.count {
        let mut a = articles[i % originals].clone();
        a.copy_group = Some((i % originals) as u32);
        if i >= originals {
            a.id = model::ArticleId(format!("{}-copy{}", a.id.0, i / originals));
            a.copy_relation = Some("near".into());
        } else {
            a.copy_relation = Some("origin".into());
        }
        event.push(a);
    }
    let mut languages: Vec<&str> = event.iter().map(|a| a.language.as_str()).collect();
    languages.sort();
    languages.dedup();
    let model = embed::UseMultilingual::load_default()?;
    let rss_before = peak_rss_mib();
    let input = synth::StoryInput {
        event_id: "bench".into(),
        title: None,
        date: None,
        place: None,
        storyline_id: None,
        articles: event.iter().collect(),
        storyline: event.iter().map(|a| synth::StorylineArticle { article: a, event_id: "bench" }).collect(),
    };
    let options = synth::StoryOptions { language: args.lang.clone(), ..Default::default() };
    let start = Instant::now();
    let story = synth::synthesize(&input, Some(&model), &options)?;
    let elapsed = start.elapsed();
    let statements: usize = story.facts.iter().map(|f| f.statements.len()).sum();
    println!(
        "event: {} articles ({} distinct texts, {} independent sources), {} languages ({})",
        event.len(),
        originals.min(event.len()),
        story.independent_sources,
        languages.len(),
        languages.join(",")
    );
    println!(
        "story: {} facts ({} corroborated, {} contradicted), {} statements, {} quotes, {} timeline entries, {} summary sentences",
        story.facts.len(),
        story.facts.iter().filter(|f| f.status == synth::FactStatus::Corroborated).count(),
        story.facts.iter().filter(|f| f.status == synth::FactStatus::Contradicted).count(),
        statements,
        story.quotes.len(),
        story.timeline.len(),
        story.summary.sentences.len()
    );
    println!(
        "synthesis: {:.2} s wall ({} threads available)",
        elapsed.as_secs_f64(),
        rayon::current_num_threads()
    );
    println!(
        "peak memory: {:.0} MiB (before synthesis: {:.0} MiB, model and corpus loaded)",
        peak_rss_mib(),
        rss_before
    );
    Ok(())
}
