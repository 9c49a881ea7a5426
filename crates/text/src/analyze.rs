//! One raw document in, one article out: the stateless per-article stage that joins cleaning or HTML
//! extraction, language identification, truncation and dates.

use crate::{clean, dates, entities, html, lang, TextError};
use model::{Article, ArticleId, Block, BlockKind, Content, DateEvidence, PageKind, RawDocument};
use unicode_normalization::UnicodeNormalization;

/// Which optional steps [`analyze_with`] runs; [`Default`] runs them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalyzeOptions {
    /// Find entity mentions (`Article::entities`).
    pub entities: bool,
    /// Find event dates in the text (`Article::event_dates`).
    pub event_dates: bool,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions { entities: true, event_dates: true }
    }
}

impl AnalyzeOptions {
    /// Extraction only: typed blocks, metadata, languages, publication date and truncation, what a
    /// main-content extractor such as trafilatura returns; no entities, no event dates.
    pub const EXTRACTION_ONLY: AnalyzeOptions = AnalyzeOptions { entities: false, event_dates: false };
}

/// Turns a raw document into a cleaned [`Article`]: typed blocks, languages, clean text, date and id.
///
/// Fails only when no body text is left; every block that is not body text is still kept, typed.
pub fn analyze(raw: &RawDocument) -> Result<Article, TextError> {
    analyze_with(raw, &AnalyzeOptions::default())
}

/// [`analyze`] with a choice of the optional steps; the steps left out leave their fields empty.
pub fn analyze_with(raw: &RawDocument, options: &AnalyzeOptions) -> Result<Article, TextError> {
    let hints = &raw.hints;
    let mut blocks;
    let mut truncated;
    let mut source_url = None;
    let mut html_meta = html::HtmlExtraction::default();
    match &raw.content {
        Content::Text(text) => {
            let cleaned = clean::clean_text(text);
            blocks = cleaned.blocks;
            truncated = cleaned.truncated;
            source_url = cleaned.source_url;
        }
        Content::Html(page) => {
            html_meta = html::extract(page, hints.url.as_deref());
            blocks = std::mem::take(&mut html_meta.blocks);
            let body: Vec<&Block> = blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).collect();
            truncated = clean::is_truncated(&body);
        }
    }

    // A container's headline (JSONL `title`, RSS item title) heads the article unless the text repeats it.
    let title_hint = hints.title.as_deref().or(html_meta.title.as_deref()).map(normalize_space);
    if let Some(title) = title_hint.filter(|t| !t.is_empty()) {
        let first_body = blocks.iter().find(|b| b.kind.is_body());
        let repeated = first_body.is_some_and(|b| same_text(&b.text, &title));
        if repeated {
            if let Some(b) = blocks.iter_mut().find(|b| b.kind.is_body()) {
                if b.kind != BlockKind::Title {
                    b.kind = BlockKind::Title;
                    b.reason = Some("same text as the container's title".into());
                }
            }
        } else {
            // The container's headline is authoritative: a headline-like first line of the text is then
            // a heading of the body, and the container's title goes on top.
            for b in blocks.iter_mut().filter(|b| b.kind == BlockKind::Title) {
                b.kind = BlockKind::Heading;
                b.reason = Some("headline-like line below the container's title".into());
            }
            blocks.insert(
                0,
                Block {
                    kind: BlockKind::Title,
                    text: title,
                    language: model::UNDETERMINED_LANGUAGE.into(),
                    line: None,
                    url: None,
                    reason: Some("title given by the container".into()),
                },
            );
        }
    }

    let declared = hints.language.as_deref().or(html_meta.language.as_deref());
    let language = lang::label_blocks(&mut blocks, declared);
    if hints.truncated == Some(true) {
        truncated = true;
    }

    let text = body_text(&blocks);
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    let url = hints.url.clone().or(html_meta.canonical_url.clone()).or(source_url);
    let published = dates::find_published(hints, html_meta.published.take(), url.as_deref(), &blocks);
    let site =
        hints.site.clone().or(html_meta.site_name.clone()).or_else(|| url.as_deref().and_then(host_of));
    let title = blocks.iter().find(|b| b.kind == BlockKind::Title).map(|b| b.text.clone());
    let event_dates = if options.event_dates {
        dates::find_event_dates(&blocks, &language, published.as_ref().map(|p| p.date))
    } else {
        Vec::new()
    };
    let entities = if options.entities { entities::find_entities(&blocks, &language) } else { Vec::new() };
    let page_kind = match raw.content {
        Content::Html(_) => html_meta.page_kind,
        Content::Text(_) => PageKind::Article,
    };

    Ok(Article {
        copy_group: None,
        copy_relation: None,
        copy_of: None,
        entities,
        event_dates,
        id: article_id(&text),
        source: raw.source.clone(),
        url,
        external_id: hints.external_id.clone(),
        site,
        author: hints.author.clone().or(html_meta.author.clone()),
        language,
        title,
        published: published.as_ref().map(|p| p.date),
        published_source: published.map(|p| DateEvidence { kind: p.source, detail: p.detail }),
        truncated,
        page_kind,
        text,
        blocks,
    })
}

/// The clean body: title, headings and paragraphs, one per line.
pub fn body_text(blocks: &[Block]) -> String {
    let mut text = String::new();
    for b in blocks.iter().filter(|b| b.kind.is_body()) {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&b.text);
    }
    text
}

/// The id of an article: the first 128 bits of the BLAKE3 hash of its normalized clean text, in hex.
///
/// Normalization (Unicode NFC, whitespace runs collapsed, trimmed) makes the same content read from
/// differently encoded or differently wrapped sources hash alike.
pub fn article_id(text: &str) -> ArticleId {
    // Most text is already NFC; the quick check spares composing it again.
    let normalized = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => normalize_space(text),
        _ => normalize_space(&text.nfc().collect::<String>()),
    };
    let hash = blake3::hash(normalized.as_bytes());
    ArticleId(hash.to_hex()[..32].to_string())
}

/// Collapses runs of whitespace to one space and trims.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn same_text(a: &str, b: &str) -> bool {
    let key =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    key(a) == key(b)
}

/// The host of a URL without `www.`, when the URL has one.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ignores_wrapping_and_normal_forms() {
        let composed = "Caf\u{e9} opens\nin  Berlin";
        let decomposed = "Cafe\u{301} opens in Berlin ";
        assert_eq!(article_id(composed), article_id(decomposed));
        assert_ne!(article_id(composed), article_id("Cafe opens in Berlin"));
        assert_eq!(article_id(composed).0.len(), 32);
    }

    #[test]
    fn host_is_taken_without_www_and_port() {
        assert_eq!(host_of("https://www.Example.org:8080/a/b?c").as_deref(), Some("example.org"));
        assert_eq!(host_of("not a url"), None);
    }
}
