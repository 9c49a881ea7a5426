//! Story synthesis for storyweave: for one event, the table of facts its sources state (corroborated,
//! single-sourced or contradicted, every cell citing its sentence), its quotes with speakers, the
//! storyline's timeline and a cited extractive summary.
//!
//! - [`statements`]: sentences and clauses with their evidence;
//! - [`align`]: pair scores and the grouping of statements into facts;
//! - [`facts`]: the fact table, statuses and contradictions;
//! - [`quotes`], [`timeline`], [`summary`]: the other parts of a story;
//! - [`story`]: the serializable story every front end shows;
//! - `lang/`: per-language cues (clause openers, negations).

pub mod align;
mod error;
pub mod facts;
mod lang;
pub mod quotes;
pub mod statements;
pub mod story;
pub mod summary;
pub mod timeline;

pub use align::AlignWeights;
pub use error::SynthError;
pub use story::{
    Citation, Conflict, Fact, FactStatus, Source, Statement, Story, StoryQuote, Summary, TimelineEntry,
};
pub use timeline::StorylineArticle;

use embed::Embedder;
use model::Article;

/// What a story is written from.
#[derive(Debug, Clone)]
pub struct StoryInput<'a> {
    /// The event's id.
    pub event_id: String,
    /// The event's title, when the clusterer gave one.
    pub title: Option<String>,
    /// The event's date.
    pub date: Option<String>,
    /// The event's place.
    pub place: Option<String>,
    /// The event's storyline.
    pub storyline_id: Option<String>,
    /// The event's articles.
    pub articles: Vec<&'a Article>,
    /// The articles of every event of the storyline (this one included), for the timeline.
    pub storyline: Vec<StorylineArticle<'a>>,
}

/// How a story is written.
#[derive(Debug, Clone)]
pub struct StoryOptions {
    /// The language of the summary (ISO 639-1).
    pub language: String,
    /// At most this many summary sentences.
    pub summary_sentences: usize,
    /// How statements are aligned.
    pub weights: AlignWeights,
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions { language: "en".into(), summary_sentences: 5, weights: AlignWeights::default() }
    }
}

/// Writes the story of one event. Without an encoder, statements are aligned on shared words, entities
/// and numbers only (so across languages only by names and figures).
pub fn synthesize(
    input: &StoryInput<'_>,
    embedder: Option<&dyn Embedder>,
    options: &StoryOptions,
) -> Result<Story, SynthError> {
    let articles = &input.articles;
    if articles.is_empty() {
        return Err(SynthError::NoArticles(input.event_id.clone()));
    }
    let (origin_of, origin_ids) = origins(articles);
    let units = statements::units_of(articles, &origin_of);
    let vectors = match embedder {
        Some(e) if !units.is_empty() => {
            let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
            Some(unit_vectors(e, &texts)?)
        }
        _ => None,
    };
    let aligner = align::Aligner::new(&units, vectors.as_deref(), options.weights);
    let groups = align::align(&aligner, articles.len());
    let mut drafts = facts::draft_facts(&groups, &units, &aligner, &options.language);
    facts::sort_drafts(&mut drafts, &units);
    let representatives: Vec<usize> = drafts.iter().map(|d| d.representative).collect();
    let fact_table = facts::finish_facts(drafts, &units, articles, &origin_ids, &aligner);

    let centroid = vectors.as_ref().map(|v| {
        let sentence_rows: Vec<&Vec<f32>> =
            units.iter().zip(v).filter(|(u, _)| u.is_sentence()).map(|(_, row)| row).collect();
        normalized_mean(&sentence_rows)
    });
    let ranked: Vec<summary::RankedFact> = representatives
        .iter()
        .enumerate()
        .map(|(f, &u)| {
            let centrality = match (&centroid, &vectors) {
                (Some(c), Some(v)) => dot(c, &v[u]),
                _ => 1.0 / (1.0 + units[u].position as f32),
            };
            summary::RankedFact { fact: f, centrality }
        })
        .collect();
    let mut languages: Vec<String> = articles.iter().map(|a| a.language.clone()).collect();
    languages.sort();
    languages.dedup();
    let redundant = |a: usize, b: usize| -> bool {
        let (ua, ub) = (representatives[a], representatives[b]);
        units[ua].article == units[ub].article
            && units[ua].block == units[ub].block
            && units[ua].sentence_range == units[ub].sentence_range
            || vectors.as_ref().is_some_and(|v| dot(&v[ua], &v[ub]) >= 0.8)
    };
    let summary = summary::summarize(
        &fact_table,
        &ranked,
        &options.language,
        &languages,
        options.summary_sentences,
        &redundant,
    );
    let quotes = quotes::event_quotes(articles, embedder, &options.language)?;
    let timeline = timeline::timeline(&input.storyline);
    let sources = articles
        .iter()
        .enumerate()
        .map(|(i, a)| Source {
            article_id: a.id.0.clone(),
            title: a.title.clone(),
            language: a.language.clone(),
            site: a.site.clone(),
            url: a.url.clone(),
            published: a.published.map(|d| d.to_string()),
            origin: origin_ids[origin_of[i]].clone(),
            relation: a.copy_relation.clone().unwrap_or_else(|| "origin".into()),
        })
        .collect();
    let headline = input
        .title
        .clone()
        .or_else(|| articles.iter().find(|a| a.language == options.language).and_then(|a| a.title.clone()))
        .or_else(|| articles.iter().find_map(|a| a.title.clone()))
        .or_else(|| fact_table.first().map(|f| f.text.clone()))
        .unwrap_or_default();
    Ok(Story {
        event_id: input.event_id.clone(),
        headline,
        date: input.date.clone(),
        place: input.place.clone(),
        storyline_id: input.storyline_id.clone(),
        languages,
        independent_sources: origin_ids.len(),
        sources,
        facts: fact_table,
        quotes,
        timeline,
        summary,
    })
}

/// The independent origin of every article (its index into the returned id list) and the origins' ids.
/// Articles of one copy group are one origin, named by the group's origin article when it is in the
/// event, else by its first member.
pub fn origins(articles: &[&Article]) -> (Vec<usize>, Vec<String>) {
    let mut keys: Vec<String> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut of = Vec::with_capacity(articles.len());
    for a in articles {
        let key = match a.copy_group {
            Some(g) => format!("group:{g}"),
            None => format!("article:{}", a.id.0),
        };
        let i = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                keys.push(key.clone());
                let named = articles
                    .iter()
                    .find(|b| {
                        b.copy_group.is_some()
                            && b.copy_group == a.copy_group
                            && b.copy_relation.as_deref() == Some("origin")
                    })
                    .unwrap_or(a);
                ids.push(named.id.0.clone());
                keys.len() - 1
            }
        };
        of.push(i);
    }
    (of, ids)
}

/// Unit-length vectors of texts, encoded in batches.
pub(crate) fn unit_vectors(embedder: &dyn Embedder, texts: &[&str]) -> Result<Vec<Vec<f32>>, SynthError> {
    let mut out = Vec::with_capacity(texts.len());
    for chunk in texts.chunks(64) {
        let e = embedder.embed(chunk)?;
        for row in e.rows() {
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            out.push(if norm > 0.0 { row.iter().map(|x| x / norm).collect() } else { row.to_vec() });
        }
    }
    Ok(out)
}

pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn normalized_mean(rows: &[&Vec<f32>]) -> Vec<f32> {
    let dim = rows.first().map_or(0, |r| r.len());
    let mut m = vec![0.0; dim];
    for r in rows {
        for (x, y) in m.iter_mut().zip(r.iter()) {
            *x += y;
        }
    }
    let norm = m.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        m.iter_mut().for_each(|x| *x /= norm);
    }
    m
}
