//! Boilerplate found by repetition: a short line that many articles of the same site carry (a promo,
//! an app-download line, a copyright notice, a newsletter box) is the site's furniture, whatever its
//! wording and language, even when no cue table knows it.
//!
//! The state (how many stored articles of a site carry each line) lives in the store and is used by
//! the single-owner store stage; this module holds the stateless parts. Relabelling happens after the
//! article id is computed, so the id stays the hash of what the stateless stages produced and
//! re-ingesting the same content is still recognised.

use crate::analyze::body_text;
use model::{Article, Block, BlockKind};

/// How many other articles of the same site must carry a line before it counts as boilerplate.
pub const MIN_OTHER_ARTICLES: u32 = 3;

/// Lines longer than this many words are never judged by repetition: a site may reuse a background
/// paragraph in several reports, and that is body text.
pub const MAX_WORDS: usize = 16;

/// A line's fingerprint: case, digits and spacing folded, so `©2024 Site` and `© 2025 Site` match.
/// Stable across runs and versions (BLAKE3), because the counts are stored.
pub fn line_fingerprint(text: &str) -> u64 {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_numeric() {
            if !folded.ends_with('0') {
                folded.push('0');
            }
        } else if c.is_alphabetic() {
            folded.extend(c.to_lowercase());
        } else if !folded.ends_with(' ') && !folded.is_empty() {
            folded.push(' ');
        }
    }
    let hash = blake3::hash(folded.trim_end().as_bytes());
    u64::from_le_bytes(hash.as_bytes()[..8].try_into().expect("a BLAKE3 hash has 32 bytes"))
}

fn is_candidate(block: &Block) -> bool {
    matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading)
        && block.text.split_whitespace().nth(MAX_WORDS).is_none()
        && block.text.chars().any(char::is_alphabetic)
}

/// The distinct fingerprints of an article's short body lines, the ones counted per site.
pub fn candidate_fingerprints(article: &Article) -> Vec<u64> {
    let mut out: Vec<u64> =
        article.blocks.iter().filter(|b| is_candidate(b)).map(|b| line_fingerprint(&b.text)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Relabels as boilerplate the short body lines that `other_articles(fingerprint)` says at least
/// [`MIN_OTHER_ARTICLES`] other articles of the site carry, and rebuilds the clean text.
///
/// Returns how many blocks were relabelled. An article is never emptied: if every body line would go,
/// nothing is relabelled.
pub fn relabel_repeated(article: &mut Article, other_articles: &dyn Fn(u64) -> u32) -> usize {
    let repeated: Vec<(usize, u32)> = article
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| is_candidate(b))
        .map(|(i, b)| (i, other_articles(line_fingerprint(&b.text))))
        .filter(|(_, n)| *n >= MIN_OTHER_ARTICLES)
        .collect();
    let body_left = article.blocks.iter().filter(|b| b.kind.is_body()).count() - repeated.len();
    if repeated.is_empty() || body_left == 0 {
        return 0;
    }
    let site = article.site.clone().unwrap_or_default();
    for (i, n) in &repeated {
        let block = &mut article.blocks[*i];
        block.kind = BlockKind::Boilerplate;
        block.reason = Some(format!("repeated on {n} other articles of {site}"));
    }
    article.text = body_text(&article.blocks);
    repeated.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{ArticleId, PageKind};

    fn article(lines: &[&str]) -> Article {
        let blocks: Vec<Block> = lines
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
                language: "en".into(),
                line: None,
                url: None,
                reason: None,
            })
            .collect();
        Article {
            copy_group: None,
            copy_relation: None,
            copy_of: None,
            entities: Vec::new(),
            event_dates: Vec::new(),
            id: ArticleId("x".into()),
            source: "test".into(),
            url: None,
            external_id: None,
            site: Some("example.org".into()),
            author: None,
            language: "en".into(),
            title: None,
            published: None,
            published_source: None,
            truncated: false,
            page_kind: PageKind::Article,
            text: body_text(&blocks),
            blocks,
        }
    }

    #[test]
    fn fingerprints_fold_case_digits_and_spacing() {
        assert_eq!(line_fingerprint("©2024 Example Media"), line_fingerprint("© 2025  example media"));
        assert_ne!(line_fingerprint("Example Media"), line_fingerprint("Example News"));
    }

    #[test]
    fn short_lines_seen_on_enough_other_articles_become_boilerplate() {
        let promo = "Get our free app for breaking news alerts";
        let mut a = article(&["The council approved the new budget on Tuesday after a long debate.", promo]);
        let promo_fp = line_fingerprint(promo);
        let n = relabel_repeated(&mut a, &|fp| if fp == promo_fp { MIN_OTHER_ARTICLES } else { 0 });
        assert_eq!(n, 1);
        assert_eq!(a.blocks[1].kind, BlockKind::Boilerplate);
        assert!(a.blocks[1].reason.as_deref().unwrap().contains("example.org"));
        assert!(!a.text.contains("free app"));

        let mut b = article(&["The council approved the new budget on Tuesday after a long debate.", promo]);
        assert_eq!(
            relabel_repeated(&mut b, &|fp| if fp == promo_fp { MIN_OTHER_ARTICLES - 1 } else { 0 }),
            0
        );
    }

    #[test]
    fn long_paragraphs_and_whole_articles_are_never_relabelled() {
        let long = "The central bank raised its deposit rate for the tenth time in a row, to four percent, \
                    citing inflation that is expected to remain too high for too long.";
        let mut a = article(&[long, "Short line"]);
        assert_eq!(candidate_fingerprints(&a).len(), 1, "only the short line is a candidate");
        assert_eq!(relabel_repeated(&mut a, &|_| 100), 1);
        assert_eq!(a.blocks[0].kind, BlockKind::Paragraph, "the long paragraph stays body");
        let mut b = article(&["Short line", "Another short line"]);
        assert_eq!(relabel_repeated(&mut b, &|_| 100), 0, "relabelling would empty the article");
    }
}
