//! Quotes of an event: the direct quotes of every article (found by `text::quotes`), one entry per quote
//! however many articles carry it, in whatever languages.

use crate::story::{QuoteVersion, StoryQuote};
use crate::SynthError;
use embed::Embedder;
use model::Article;
use std::collections::HashSet;
use text::quotes::{find_quotes, Quote};

/// Two versions in one language are one quote when this share of the shorter one's words is shared.
const SAME_LANGUAGE_OVERLAP: f32 = 0.7;
/// Two versions in different languages are one quote when the encoder puts them this close.
const CROSS_LANGUAGE_COSINE: f32 = 0.6;

/// The event's quotes, merged across articles and languages, in order of first appearance.
pub fn event_quotes(
    articles: &[&Article],
    embedder: Option<&dyn Embedder>,
    language: &str,
) -> Result<Vec<StoryQuote>, SynthError> {
    let mut found: Vec<(usize, Quote)> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for q in find_quotes(article) {
            found.push((a, q));
        }
    }
    let vectors = match embedder {
        Some(e) if !found.is_empty() => {
            let texts: Vec<&str> = found.iter().map(|(_, q)| q.text.as_str()).collect();
            Some(crate::unit_vectors(e, &texts)?)
        }
        _ => None,
    };
    let words: Vec<HashSet<String>> =
        found.iter().map(|(_, q)| crate::statements::words_of(&q.text).into_iter().collect()).collect();
    let same = |i: usize, j: usize| -> bool {
        let (ai, qi) = &found[i];
        let (aj, qj) = &found[j];
        // An unattributed version may join an attributed one (one article names the speaker, a shorter
        // one does not); two different speakers never make one quote.
        let attributed = |q: &Quote| q.speaker.is_some() || !q.speaker_entities.is_empty();
        let same_speaker = if !qi.speaker_entities.is_empty() && !qj.speaker_entities.is_empty() {
            qi.speaker_entities == qj.speaker_entities
        } else {
            !attributed(qi) || !attributed(qj) || qi.speaker == qj.speaker
        };
        if ai == aj || !same_speaker {
            return false;
        }
        let (li, lj) = (&articles[*ai].language, &articles[*aj].language);
        if li == lj {
            // Overlap over the shorter version: one article often quotes only part of what another gives.
            let shared = words[i].intersection(&words[j]).count() as f32;
            let shorter = words[i].len().min(words[j].len()).max(1) as f32;
            shared / shorter >= SAME_LANGUAGE_OVERLAP
        } else {
            vectors.as_ref().is_some_and(|v| crate::dot(&v[i], &v[j]) >= CROSS_LANGUAGE_COSINE)
        }
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..found.len() {
        let home = groups
            .iter_mut()
            .find(|g| g.iter().all(|&j| found[j].0 != found[i].0) && g.iter().any(|&j| same(i, j)));
        match home {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    Ok(groups
        .into_iter()
        .map(|g| {
            let shown =
                g.iter().copied().find(|&i| articles[found[i].0].language == language).unwrap_or(g[0]);
            let (_, q) = &found[shown];
            let speaker_of = g.iter().map(|&i| &found[i].1).find(|q| q.speaker.is_some()).unwrap_or(q);
            let mut article_ids: Vec<String> = g.iter().map(|&i| articles[found[i].0].id.0.clone()).collect();
            article_ids.dedup();
            StoryQuote {
                text: q.text.clone(),
                speaker: speaker_of.speaker.clone(),
                speaker_entity: speaker_of.speaker_entities.first().cloned(),
                article_ids,
                versions: g
                    .iter()
                    .map(|&i| {
                        let (a, q) = &found[i];
                        QuoteVersion {
                            article_id: articles[*a].id.0.clone(),
                            language: articles[*a].language.clone(),
                            text: q.text.clone(),
                            sentence: q.sentence.clone(),
                            block: q.block,
                        }
                    })
                    .collect(),
            }
        })
        .collect())
}
