//! The cited summary: the most corroborated, most central facts of the event, each as one of its own
//! sentences in the reader's language, followed by the numbers of the sentences that state it.

use crate::story::{Citation, Fact, FactStatus, Summary, SummarySentence};

/// At most this many sources are cited for one summary sentence.
const MAX_CITATIONS_PER_SENTENCE: usize = 3;

/// A fact with what the summary ranks it by.
#[derive(Debug, Clone, Copy)]
pub struct RankedFact {
    /// Index into the fact table.
    pub fact: usize,
    /// Closeness of the fact's wording to the event as a whole (cosine to the event's mean vector, or
    /// a lead-position proxy without an encoder).
    pub centrality: f32,
}

/// Writes the summary from the ranked facts. `redundant(a, b)` tells whether two facts say nearly the
/// same thing (then only the better one is used).
pub fn summarize(
    facts: &[Fact],
    ranked: &[RankedFact],
    language: &str,
    languages: &[String],
    max_sentences: usize,
    redundant: &dyn Fn(usize, usize) -> bool,
) -> Summary {
    let have_language = languages.iter().any(|l| l == language);
    let mut order: Vec<RankedFact> =
        ranked.iter().copied().filter(|r| facts[r.fact].status != FactStatus::Contradicted).collect();
    let weight = |r: &RankedFact| (1.0 + facts[r.fact].independent_sources as f32).ln() + r.centrality;
    order.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then(a.fact.cmp(&b.fact)));
    let mut chosen: Vec<(usize, usize)> = Vec::new(); // (fact, statement shown)
    let mut used_sentences: Vec<(String, u32, u32)> = Vec::new();
    for r in order {
        if chosen.len() >= max_sentences {
            break;
        }
        let fact = &facts[r.fact];
        let shown = if have_language {
            match fact.statements.iter().position(|s| s.language == language) {
                Some(i) => i,
                None => continue,
            }
        } else {
            fact.statements.iter().position(|s| s.text.contains(&fact.text)).unwrap_or(0)
        };
        let s = &fact.statements[shown];
        let key = (s.article_id.clone(), s.block, s.offset);
        if used_sentences.contains(&key) || chosen.iter().any(|&(f, _)| redundant(f, r.fact)) {
            continue;
        }
        used_sentences.push(key);
        chosen.push((r.fact, shown));
    }
    let mut citations: Vec<Citation> = Vec::new();
    let mut sentences = Vec::new();
    for (f, shown) in chosen {
        let fact = &facts[f];
        let mut cited: Vec<usize> = vec![shown];
        for (i, s) in fact.statements.iter().enumerate() {
            if cited.len() >= MAX_CITATIONS_PER_SENTENCE {
                break;
            }
            if !cited.iter().any(|&c| fact.statements[c].origin == s.origin) {
                cited.push(i);
            }
        }
        let mut numbers = Vec::new();
        for c in cited {
            let s = &fact.statements[c];
            let n = match citations
                .iter()
                .find(|x| x.article_id == s.article_id && x.block == s.block && x.sentence == s.text)
            {
                Some(x) => x.n,
                None => {
                    let n = citations.len() + 1;
                    citations.push(Citation {
                        n,
                        article_id: s.article_id.clone(),
                        language: s.language.clone(),
                        sentence: s.text.clone(),
                        block: s.block,
                    });
                    n
                }
            };
            numbers.push(n);
        }
        sentences.push(SummarySentence {
            text: fact.statements[shown].text.clone(),
            fact: fact.id,
            citations: numbers,
        });
    }
    let text = sentences
        .iter()
        .map(|s| {
            let marks: String = s.citations.iter().map(|n| format!("[{n}]")).collect();
            format!("{} {marks}", s.text)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let note = (!have_language && !sentences.is_empty()).then(|| {
        format!("No article of this event is in '{language}'; the summary quotes the best-supported statements in their own languages.")
    });
    Summary { language: language.to_string(), note, text, sentences, citations }
}
