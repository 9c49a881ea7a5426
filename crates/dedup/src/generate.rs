//! Labelled copies of real articles, for measuring the index.
//!
//! Every base article appears once as itself (`original`) and many times as a copy made by one or
//! two edits: light word edits, added site boilerplate, truncation at 30–90 %, reordered paragraphs,
//! word swaps inside sentences. Different base articles on the same event are the hard negatives.
//! The order of the output is shuffled, so a copy often arrives before its original. Everything is
//! drawn from a seeded SplitMix64: the same bases and seed give the same corpus.

use crate::shingle::mix64;
use crate::DedupError;
use model::{Article, ArticleId, Block, BlockKind, PartialDate};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A real article the generator copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaseArticle {
    /// Where it came from (`dev-0001`, a file name).
    pub key: String,
    /// The event it reports, when labelled.
    pub event: Option<String>,
    /// Its publication date, when known.
    pub published: Option<PartialDate>,
    /// Its text, one paragraph per line.
    pub text: String,
}

/// Reads the dev-events JSONL (`id`, `text`, `event_id`, `published` fields).
pub fn load_dev_events(path: &Path) -> Result<Vec<BaseArticle>, DedupError> {
    let io = |source| DedupError::Io { path: path.display().to_string(), source };
    let raw = std::fs::read_to_string(path).map_err(io)?;
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|source| DedupError::Json {
            context: format!("{}:{}", path.display(), n + 1),
            source,
        })?;
        let field = |name: &str| v.get(name).and_then(|x| x.as_str()).map(str::to_string);
        let Some(text) = field("text") else { continue };
        out.push(BaseArticle {
            key: field("id").unwrap_or_else(|| format!("line-{}", n + 1)),
            event: field("event_id"),
            published: field("published").and_then(|p| p.parse().ok()),
            text,
        });
    }
    Ok(out)
}

/// Reads every `.txt` file of a directory (sorted) as one base article, lines kept as they are.
pub fn load_text_dir(dir: &Path) -> Result<Vec<BaseArticle>, DedupError> {
    let io = |source| DedupError::Io { path: dir.display().to_string(), source };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p)
            .map_err(|source| DedupError::Io { path: p.display().to_string(), source })?;
        let key = p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        out.push(BaseArticle { key, event: None, published: None, text });
    }
    Ok(out)
}

/// How a generated article was made from its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// The base article itself.
    Original,
    /// The same words with different spacing, case and punctuation.
    Exact,
    /// A few words replaced, deleted or repeated.
    LightEdit,
    /// Site boilerplate lines added before and after.
    Boilerplate,
    /// Cut at 30–90 % of its words.
    Truncate,
    /// Paragraphs in another order.
    Reorder,
    /// Neighbouring words swapped inside a share of the sentences.
    Paraphrase,
    /// Truncated and given boilerplate.
    TruncateBoilerplate,
    /// Lightly edited and reordered.
    EditReorder,
}

/// One generated article with its label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generated {
    /// Its id (`g000123`).
    pub id: String,
    /// Index of its base article.
    pub base: usize,
    /// How it was made.
    pub transform: Transform,
    /// Its text.
    pub text: String,
    /// Its publication date: the base's date for the original, up to three days later for copies.
    pub published: Option<PartialDate>,
    /// The site that ran it.
    pub site: String,
    /// A credit line naming a news agency, when the copy carries one.
    pub credit: Option<String>,
}

impl Generated {
    /// The article the index sees: id, site, date, text and a credit block.
    pub fn to_article(&self) -> Article {
        let mut blocks: Vec<Block> = self
            .text
            .lines()
            .map(|l| Block {
                kind: BlockKind::Paragraph,
                text: l.to_string(),
                language: "und".into(),
                line: None,
                url: None,
                reason: None,
            })
            .collect();
        if let Some(c) = &self.credit {
            blocks.push(Block {
                kind: BlockKind::Credit,
                text: c.clone(),
                language: "und".into(),
                line: None,
                url: None,
                reason: None,
            });
        }
        Article {
            copy_group: None,
            copy_relation: None,
            copy_of: None,
            entities: Vec::new(),
            event_dates: Vec::new(),
            id: ArticleId(self.id.clone()),
            source: format!("generated:{}", self.id),
            url: Some(format!("https://{}/news/{}", self.site, self.id)),
            external_id: None,
            site: Some(self.site.clone()),
            author: None,
            language: "und".into(),
            title: None,
            published: self.published,
            published_source: None,
            truncated: false,
            page_kind: Default::default(),
            text: self.text.clone(),
            blocks,
        }
    }
}

/// Deterministic random numbers (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `[lo, hi)`.
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.uniform(0.0, 1.0) < p
    }
}

/// Site boilerplate the generator adds, written for these tests in several languages.
const BOILERPLATE: &[&str] = &[
    "Share this article on social media and tell your friends.",
    "Sign up for our morning newsletter to get the top stories in your inbox.",
    "Copyright 2025 Evening Courier Media. All rights reserved.",
    "Read more: the latest updates from our newsroom",
    "Diesen Artikel teilen: Facebook Twitter WhatsApp E-Mail",
    "Jetzt den Newsletter abonnieren und nichts mehr verpassen.",
    "Partager cet article sur les réseaux sociaux",
    "Abonnez-vous à notre lettre d'information quotidienne.",
    "Comparte esta noticia en tus redes sociales",
    "Iscriviti alla newsletter per ricevere le notizie del giorno.",
    "Udostępnij ten artykuł znajomym",
    "Comments are closed for this story.",
    "Download our free app for breaking news alerts.",
];

const SITES: &[&str] = &[
    "courier.example",
    "tagblatt.example",
    "gazette.example",
    "herald.example",
    "diario.example",
    "quotidien.example",
    "kurier.example",
    "post.example",
    "observer.example",
    "giornale.example",
];

const CREDITS: &[&str] = &["(AFP)", "Quelle: dpa", "Reuters", "Associated Press", "Foto: Agentur/dpa"];

fn words_of(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

fn join(paragraphs: &[Vec<String>]) -> String {
    paragraphs.iter().filter(|p| !p.is_empty()).map(|p| p.join(" ")).collect::<Vec<_>>().join("\n")
}

fn light_edit(paras: &mut [Vec<String>], rng: &mut Rng) {
    let rate = rng.uniform(0.005, 0.03);
    let vocabulary: Vec<String> = paras.iter().flatten().cloned().collect();
    for p in paras.iter_mut() {
        let mut out = Vec::with_capacity(p.len());
        for w in p.drain(..) {
            if rng.chance(rate) {
                match rng.below(3) {
                    0 => out.push(vocabulary[rng.below(vocabulary.len())].clone()),
                    1 => {}
                    _ => {
                        out.push(w.clone());
                        out.push(w);
                    }
                }
            } else {
                out.push(w);
            }
        }
        *p = out;
    }
}

fn add_boilerplate(paras: &mut Vec<Vec<String>>, rng: &mut Rng) {
    let lines = |rng: &mut Rng| -> Vec<String> {
        BOILERPLATE[rng.below(BOILERPLATE.len())].split_whitespace().map(str::to_string).collect()
    };
    if rng.chance(0.5) {
        let l = lines(rng);
        paras.insert(0, l);
    }
    for _ in 0..1 + rng.below(3) {
        let l = lines(rng);
        paras.push(l);
    }
}

fn truncate(paras: &mut Vec<Vec<String>>, rng: &mut Rng) {
    let total: usize = paras.iter().map(Vec::len).sum();
    let mut keep = ((total as f64) * rng.uniform(0.3, 0.9)).round().max(1.0) as usize;
    let mut out = Vec::new();
    for p in paras.drain(..) {
        if keep == 0 {
            break;
        }
        let take = keep.min(p.len());
        keep -= take;
        out.push(p[..take].to_vec());
    }
    *paras = out;
}

fn reorder(paras: &mut Vec<Vec<String>>, rng: &mut Rng) {
    if paras.len() < 2 {
        // One long paragraph: split it at sentence ends so there is something to reorder.
        let words = paras.pop().unwrap_or_default();
        let mut cur = Vec::new();
        for w in words {
            let end = w.ends_with(['.', '!', '?']);
            cur.push(w);
            if end {
                paras.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            paras.push(cur);
        }
    }
    for _ in 0..1 + paras.len() / 3 {
        let (a, b) = (rng.below(paras.len()), rng.below(paras.len()));
        paras.swap(a, b);
    }
}

fn paraphrase(paras: &mut [Vec<String>], rng: &mut Rng) {
    let share = rng.uniform(0.1, 0.4);
    for p in paras.iter_mut() {
        // Sentences are word runs ending in . ! ?; each chosen one gets one swap of neighbours.
        let mut start = 0;
        for i in 0..p.len() {
            if p[i].ends_with(['.', '!', '?']) || i + 1 == p.len() {
                let len = i + 1 - start;
                if len >= 4 && rng.chance(share) {
                    let at = start + rng.below(len - 2);
                    p.swap(at, at + 1);
                }
                start = i + 1;
            }
        }
    }
}

fn make_copy(base: &BaseArticle, transform: Transform, rng: &mut Rng) -> String {
    let mut paras = words_of(&base.text);
    match transform {
        Transform::Original => return base.text.clone(),
        Transform::Exact => {
            let text = join(&paras);
            return if rng.chance(0.5) {
                text.to_uppercase()
            } else {
                text.replace(' ', "  ").replace(',', " ,")
            };
        }
        Transform::LightEdit => light_edit(&mut paras, rng),
        Transform::Boilerplate => add_boilerplate(&mut paras, rng),
        Transform::Truncate => truncate(&mut paras, rng),
        Transform::Reorder => reorder(&mut paras, rng),
        Transform::Paraphrase => paraphrase(&mut paras, rng),
        Transform::TruncateBoilerplate => {
            truncate(&mut paras, rng);
            add_boilerplate(&mut paras, rng);
        }
        Transform::EditReorder => {
            light_edit(&mut paras, rng);
            reorder(&mut paras, rng);
        }
    }
    join(&paras)
}

const COPY_TRANSFORMS: &[Transform] = &[
    Transform::Exact,
    Transform::LightEdit,
    Transform::Boilerplate,
    Transform::Truncate,
    Transform::Reorder,
    Transform::Paraphrase,
    Transform::TruncateBoilerplate,
    Transform::EditReorder,
];

fn later(date: Option<PartialDate>, days: u8) -> Option<PartialDate> {
    let d = date?;
    match (d.month, d.day) {
        (Some(m), Some(day)) => PartialDate::ymd(d.year, m, day.saturating_add(days)).or(Some(d)),
        _ => Some(d),
    }
}

/// `count` articles: every base once (as long as `count` allows) and copies of randomly chosen bases, shuffled.
pub fn generate(bases: &[BaseArticle], count: usize, seed: u64) -> Vec<Generated> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(count);
    for (b, base) in bases.iter().enumerate().take(count) {
        out.push(Generated {
            id: String::new(),
            base: b,
            transform: Transform::Original,
            text: base.text.clone(),
            published: base.published,
            site: SITES[b % SITES.len()].to_string(),
            credit: None,
        });
    }
    while out.len() < count && !bases.is_empty() {
        let b = rng.below(bases.len());
        let transform = COPY_TRANSFORMS[rng.below(COPY_TRANSFORMS.len())];
        let text = make_copy(&bases[b], transform, &mut rng);
        let days = rng.below(4) as u8;
        let published = if rng.chance(0.2) { None } else { later(bases[b].published, days) };
        let credit = rng.chance(0.3).then(|| CREDITS[rng.below(CREDITS.len())].to_string());
        let site = SITES[rng.below(SITES.len())].to_string();
        out.push(Generated { id: String::new(), base: b, transform, text, published, site, credit });
    }
    // Fisher–Yates, so copies often arrive before their originals.
    for i in (1..out.len()).rev() {
        let j = rng.below(i + 1);
        out.swap(i, j);
    }
    for (i, g) in out.iter_mut().enumerate() {
        g.id = format!("g{i:07}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases() -> Vec<BaseArticle> {
        let text = "The council met on Monday. It approved the new budget after a long debate.\n\
                    The mayor said the vote was a good day for the town. Opponents plan an appeal.";
        vec![BaseArticle {
            key: "a".into(),
            event: None,
            published: PartialDate::ymd(2025, 1, 2),
            text: text.into(),
        }]
    }

    #[test]
    fn generation_is_deterministic_and_labelled() {
        let a = generate(&bases(), 50, 9);
        let b = generate(&bases(), 50, 9);
        assert_eq!(a, b);
        assert_eq!(a.iter().filter(|g| g.transform == Transform::Original).count(), 1);
        assert!(a.iter().all(|g| g.base == 0 && !g.text.is_empty()));
    }
}
