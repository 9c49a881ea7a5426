//! Document vectors: an article is split into sentences (per-language rules of `text`), every
//! sentence is embedded, and the sentence vectors are pooled into one unit vector.
//!
//! The pooling is chosen by measurement on the dev-events corpus (see `BENCHMARKS.md`): the
//! default [`Pooling::LeadWeighted`] weights sentence `i` (the title counts as sentence 0) by
//! `1 / (1 + i / 3)`, so the lead that says what happened counts most while the rest of the text
//! still adds its facts.

use crate::{EmbedError, Embedder, Embeddings};

/// How the sentence vectors of a document are combined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pooling {
    /// The plain mean of all sentence vectors.
    Mean,
    /// Sentence `i` weighs `1 / (1 + i / scale)`.
    LeadWeighted {
        /// How many sentences until the weight halves.
        scale: f32,
    },
    /// The mean of the first `sentences` sentences (the title and the lead).
    Lead {
        /// How many sentences count.
        sentences: usize,
    },
    /// The whole text embedded as one input (cut at [`crate::MAX_PIECES`] pieces).
    WholeText,
}

impl Default for Pooling {
    fn default() -> Pooling {
        Pooling::LeadWeighted { scale: 3.0 }
    }
}

/// The text of one document.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The headline, if there is one.
    pub title: Option<&'a str>,
    /// The body text, one paragraph per line.
    pub text: &'a str,
    /// ISO 639-1 code of the text (chooses the sentence rules).
    pub language: &'a str,
}

impl<'a> Document<'a> {
    /// The title (unless the body starts with it) followed by the body's sentences.
    pub fn sentences(&self) -> Vec<&'a str> {
        let mut out = Vec::new();
        let body = text::sentences::split_sentences(self.text, self.language);
        if let Some(title) = self.title.map(str::trim).filter(|t| !t.is_empty()) {
            if !body.first().is_some_and(|first| first.starts_with(title)) {
                out.push(title);
            }
        }
        out.extend(body.into_iter().filter(|s| s.chars().any(char::is_alphanumeric)));
        out
    }
}

/// One unit vector per document (a document without any sentence embeds as the empty text).
pub fn document_vectors(
    embedder: &dyn Embedder,
    documents: &[Document<'_>],
    pooling: Pooling,
) -> Result<Embeddings, EmbedError> {
    let dim = embedder.dim();
    let per_doc: Vec<Vec<&str>> = documents
        .iter()
        .map(|d| match pooling {
            Pooling::WholeText => vec![d.text],
            Pooling::Lead { sentences } => d.sentences().into_iter().take(sentences.max(1)).collect(),
            Pooling::Mean | Pooling::LeadWeighted { .. } => d.sentences(),
        })
        .map(|s| if s.is_empty() { vec![""] } else { s })
        .collect();
    let flat: Vec<&str> = per_doc.iter().flatten().copied().collect();
    let sentence_vectors = embedder.embed(&flat)?;
    let mut data = vec![0f32; documents.len() * dim];
    let mut next = 0;
    for (doc, sentences) in per_doc.iter().enumerate() {
        let acc = &mut data[doc * dim..(doc + 1) * dim];
        for i in 0..sentences.len() {
            let weight = match pooling {
                Pooling::LeadWeighted { scale } => 1.0 / (1.0 + i as f32 / scale.max(1e-3)),
                _ => 1.0,
            };
            for (a, &v) in acc.iter_mut().zip(sentence_vectors.row(next + i)) {
                *a += weight * v;
            }
        }
        next += sentences.len();
        let norm = acc.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            acc.iter_mut().for_each(|v| *v /= norm);
        }
    }
    Ok(Embeddings::new(dim, data))
}

/// One document's vector together with the vectors of its sentences (title first, as
/// [`Document::sentences`] lists them), from one encoder call for that document alone, so the result
/// does not depend on which other documents are embedded at the same time.
pub fn embed_document(
    embedder: &dyn Embedder,
    document: &Document<'_>,
    pooling: Pooling,
) -> Result<(Vec<f32>, Embeddings), EmbedError> {
    let sentences = document.sentences();
    let sentence_vectors = if sentences.is_empty() {
        Embeddings::new(embedder.dim(), Vec::new())
    } else {
        embedder.embed(&sentences)?
    };
    let pooled = match pooling {
        // The whole-text pooling is not made of sentence vectors: embed the text itself.
        Pooling::WholeText => {
            document_vectors(embedder, std::slice::from_ref(document), pooling)?.row(0).to_vec()
        }
        _ if sentences.is_empty() => {
            document_vectors(embedder, std::slice::from_ref(document), pooling)?.row(0).to_vec()
        }
        _ => {
            let take = match pooling {
                Pooling::Lead { sentences } => sentences.max(1),
                _ => usize::MAX,
            };
            let mut acc = vec![0f32; embedder.dim()];
            for (i, row) in sentence_vectors.rows().take(take).enumerate() {
                let weight = match pooling {
                    Pooling::LeadWeighted { scale } => 1.0 / (1.0 + i as f32 / scale.max(1e-3)),
                    _ => 1.0,
                };
                for (a, &v) in acc.iter_mut().zip(row) {
                    *a += weight * v;
                }
            }
            let norm = acc.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                acc.iter_mut().for_each(|v| *v /= norm);
            }
            acc
        }
    };
    Ok((pooled, sentence_vectors))
}

/// The document of a stored article: its title, its body blocks and its language.
pub fn article_document(article: &model::Article) -> Document<'_> {
    Document { title: article.title.as_deref(), text: &article.text, language: &article.language }
}
