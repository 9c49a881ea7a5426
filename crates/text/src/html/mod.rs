//! HTML to typed blocks and page metadata. (Interface stub; the html stage fills it.)

use model::{Block, PageKind, PublishedDate};

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

/// Extracts blocks and metadata from an HTML page.
pub fn extract(html: &str, url: Option<&str>) -> HtmlExtraction {
    let _ = (html, url);
    HtmlExtraction::default()
}
