//! HTML to typed blocks and page metadata.
//!
//! Four passes, none recursive, so any input of any shape returns:
//! 1. [`nesting`] caps deep nesting (html5ever is quadratic on it) and empties scripts, styles,
//!    inline SVG and comments before parsing;
//! 2. `survey` measures each element's text and paragraph text, picks an article container
//!    (`itemprop=articleBody`, `<article>`, `<main>`) and collects metadata (meta tags, JSON-LD,
//!    `<time>`, `<html lang>`);
//! 3. `blocks` turns block elements into [`Block`]s typed by structure: tags, ARIA roles, class/id
//!    cues from one table in [`cues`] (ignored on wrappers that hold most of the paragraph text), link
//!    density;
//! 4. `region` keeps the main text region: the container when it holds most of the running text
//!    (long, link-poor paragraphs), else the innermost element holding most of it, widened over
//!    link-free neighbours; then furniture at the edges (short trailing blocks, short paragraphs
//!    between furniture, headings with no text below, lines the plain-text cue tables know).
//!
//! [`eval`] scores an extractor on the trafilatura evaluation set as that benchmark does.

mod blocks;
pub mod cues;
pub mod eval;
mod meta;
pub mod nesting;
mod region;
mod survey;
mod tree;
mod walk;

use model::{Block, BlockKind, PageKind, PublishedDate};
use tree::Dom;

pub use meta::{language_code, resolve_url, strip_site_suffix};

/// What was extracted from one HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlExtraction {
    /// Every block element with text, in document order, typed; `language` left `und`.
    pub blocks: Vec<Block>,
    /// The headline.
    pub title: Option<String>,
    /// The publication date from meta tags, JSON-LD or `<time>`.
    pub published: Option<PublishedDate>,
    /// The declared language (`<html lang>`, `og:locale`, `content-language`), as a 2-letter code.
    pub language: Option<String>,
    /// The canonical URL (`<link rel=canonical>`, `og:url`).
    pub canonical_url: Option<String>,
    /// The site name (`og:site_name`).
    pub site_name: Option<String>,
    /// The author(s).
    pub author: Option<String>,
    /// What the page is.
    pub page_kind: PageKind,
}

/// Paragraph text below which a page with a paywall cue is a teaser, in characters.
const TEASER_MAX_CHARS: usize = 800;
/// Link-dense blocks from which a page may be an index.
const INDEX_MIN_LINK_BLOCKS: usize = 10;
/// An index page has no paragraph longer than this, in characters.
const INDEX_MAX_PARAGRAPH: usize = 400;

/// Extracts blocks and metadata from an HTML page.
pub fn extract(html: &str, url: Option<&str>) -> HtmlExtraction {
    let capped = nesting::prepare_for_extraction(html, nesting::MAX_DEPTH);
    let document = Dom::parse_document(&capped.html);
    let survey = survey::survey(&document);
    let json_ld = meta::read_json_ld(&survey.meta.json_ld);
    let raw = &survey.meta;

    let og_title = raw.get("property", "og:title").map(survey::normalize_space).filter(|t| !t.is_empty());
    let title_tag = raw.title_tag.as_deref().map(strip_site_suffix).filter(|t| !t.is_empty());
    let mut titles: Vec<String> = Vec::new();
    for candidate in
        [og_title.as_deref(), raw.title_tag.as_deref(), title_tag.as_deref(), json_ld.headline.as_deref()]
            .into_iter()
            .flatten()
    {
        titles.push(candidate.to_string());
        titles.push(strip_site_suffix(candidate));
    }
    let mut built = blocks::build(&document, &survey, &titles);
    region::keep_comment_stream(&mut built.blocks, &built.info);
    region::trim_to_region(&mut built.blocks, &built.info, &survey);
    region::apply_line_cues(&mut built.blocks);
    region::drop_islands(&mut built.blocks, &built.info);
    region::drop_empty_headings(&mut built.blocks, &built.info);
    if let Some(body) = json_ld.article_body.as_deref() {
        add_stated_body(&mut built.blocks, body);
    }

    let canonical_url = meta::canonical_url(raw, url);
    let site_name = raw
        .get("property", "og:site_name")
        .map(survey::normalize_space)
        .filter(|s| !s.is_empty())
        .or_else(|| url.and_then(meta::host))
        .or_else(|| canonical_url.as_deref().and_then(meta::host));
    let paywalled = built.stats.paywall_cue || json_ld.accessible_for_free == Some(false);
    let mut page_kind = page_kind(&built.stats, paywalled);
    if page_kind == PageKind::Index
        && is_tag_listing(url.or(canonical_url.as_deref()), raw.body_class.as_deref())
    {
        page_kind = PageKind::Tag;
    }

    HtmlExtraction {
        title: og_title.or(built.first_h1).or(title_tag),
        published: meta::published(raw, &json_ld),
        language: meta::language(raw),
        canonical_url,
        site_name,
        author: meta::author(raw, &json_ld),
        page_kind,
        blocks: built.blocks,
    }
}

/// A JSON-LD `articleBody` this many times longer than the paragraphs found in the markup holds the
/// text the page renders with scripts.
const STATED_BODY_SHARE: usize = 2;
/// The shortest `articleBody` taken, in non-whitespace characters.
const STATED_BODY_MIN_CHARS: usize = 400;

/// Adds the paragraphs of the JSON-LD `articleBody` when the markup holds far less text than it: the
/// page fills its body in with scripts. They go after the title, or first when there is none.
fn add_stated_body(blocks: &mut Vec<Block>, body: &str) {
    let visible = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count();
    let found: usize =
        blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).map(|b| visible(&b.text)).sum();
    let stated = visible(body);
    // Some publishers put markup in the field; that is not text to show as is.
    let is_markup = body.contains("</") || body.contains("<p");
    if is_markup || stated < STATED_BODY_MIN_CHARS || stated < found * STATED_BODY_SHARE {
        return;
    }
    let at = blocks.iter().rposition(|b| b.kind == BlockKind::Title).map_or(0, |t| t + 1);
    let paragraphs =
        body.lines().map(survey::normalize_space).filter(|line| !line.is_empty()).map(|text| Block {
            kind: BlockKind::Paragraph,
            text,
            language: model::UNDETERMINED_LANGUAGE.into(),
            line: None,
            url: None,
            reason: Some("JSON-LD articleBody (the markup holds little of the text)".into()),
        });
    blocks.splice(at..at, paragraphs);
}

/// What the page is, from the typed blocks: empty, a paywall teaser, an index of links, or an article.
fn page_kind(stats: &blocks::BlockStats, paywalled: bool) -> PageKind {
    if stats.paragraph_chars == 0 {
        return PageKind::Empty;
    }
    if paywalled && stats.paragraph_chars < TEASER_MAX_CHARS {
        return PageKind::PaywallTeaser;
    }
    if stats.link_dense_blocks >= INDEX_MIN_LINK_BLOCKS
        && stats.link_dense_chars > stats.paragraph_chars
        && stats.longest_paragraph < INDEX_MAX_PARAGRAPH
    {
        return PageKind::Index;
    }
    PageKind::Article
}

/// Whether an index page lists one tag, topic or author: a path segment of its URL (`/tag/…`,
/// `/thema/…`) or a token of its `<body>` class names it.
fn is_tag_listing(url: Option<&str>, body_class: Option<&str>) -> bool {
    let path = url.map(|u| u.split_once("://").map_or(u, |(_, rest)| rest)).and_then(|r| r.split_once('/'));
    let in_path = path.is_some_and(|(_, path)| {
        let path = path.split(['?', '#']).next().unwrap_or("");
        path.split('/').any(|segment| cues::TAG_PAGE_CUES.contains(&segment.to_ascii_lowercase().as_str()))
    });
    let in_body = body_class.is_some_and(|class| {
        class
            .split_ascii_whitespace()
            .any(|token| cues::TAG_PAGE_CUES.contains(&token.to_ascii_lowercase().as_str()))
    });
    in_path || in_body
}

/// The clean body text of an extraction: title, heading and paragraph blocks, one per line.
pub fn body_text(blocks: &[Block]) -> String {
    let body: Vec<&str> = blocks.iter().filter(|b| b.kind.is_body()).map(|b| b.text.as_str()).collect();
    body.join("\n")
}
