//! First pass over a parsed page: how much visible text each element holds, which element is the
//! article container, and the raw metadata (meta tags, JSON-LD, `<time>`).

use super::tree::{Dom, Element};
use super::walk::{attribute, walk, Visit};
use html5ever::local_name;

/// Elements whose content is never page text.
pub const NEVER_TEXT: &[&str] = &[
    "audio", "button", "canvas", "datalist", "head", "iframe", "math", "noscript", "object", "option",
    "script", "select", "style", "svg", "template", "textarea", "title", "video",
];

/// A `<meta>`-like key/value pair: which attribute named it (`name`, `property`, `itemprop`,
/// `http-equiv`), the lowercased key and the value.
#[derive(Debug, Clone)]
pub struct MetaTag {
    /// The attribute that holds the key.
    pub attr: &'static str,
    /// The key, lowercased.
    pub key: String,
    /// The `content` (or `datetime`) value, trimmed.
    pub value: String,
}

/// Metadata as found on the page, before any choice between sources.
#[derive(Debug, Default)]
pub struct RawMeta {
    /// Meta tags and other elements with `itemprop` and a `content`/`datetime` value, in page order.
    pub tags: Vec<MetaTag>,
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// The text of the first `<title>`.
    pub title_tag: Option<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// The text of every `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The `datetime` of the first `<time>` element.
    pub time_datetime: Option<String>,
    /// The `class` of `<body>` (CMSs name the page type there: `tag`, `archive`, `category`).
    pub body_class: Option<String>,
}

impl RawMeta {
    /// The first non-empty value of a meta tag whose `attr` attribute is `key` (case-insensitive).
    pub fn get(&self, attr: &str, key: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|t| t.attr == attr && t.key.eq_ignore_ascii_case(key) && !t.value.is_empty())
            .map(|t| t.value.as_str())
    }
}

/// What the first pass learned about a page.
#[derive(Debug, Default)]
pub struct Survey {
    /// Per element, in the order elements open: visible non-whitespace characters in its subtree.
    pub text_len: Vec<u32>,
    /// Per element: the ordinal just past its last descendant.
    pub subtree_end: Vec<u32>,
    /// Visible non-whitespace characters on the whole page.
    pub page_text: u32,
    /// Per element: visible non-whitespace characters inside `<p>` elements of its subtree.
    pub paragraph_len: Vec<u32>,
    /// Visible non-whitespace characters inside `<p>` elements on the whole page.
    pub page_paragraph_text: u32,
    /// The ordinal of the article container, if one was chosen.
    pub container: Option<u32>,
    /// The raw metadata.
    pub meta: RawMeta,
}

impl Survey {
    /// Whether the element is the container, holds it, or holds most of the text around it (of the
    /// container when inside it, else of the page): such an element is the article or the page
    /// itself, whatever its class says, and is never skipped or boilerplate.
    pub fn is_protected(&self, ordinal: u32) -> bool {
        let text_of = |o: u32| self.text_len.get(o as usize).copied().unwrap_or(0) as u64;
        let end_of = |o: u32| self.subtree_end.get(o as usize).copied().unwrap_or(0);
        let mut whole = self.page_text as u64;
        if let Some(container) = self.container {
            if ordinal <= container && container < end_of(ordinal) {
                return true;
            }
            if container < ordinal && ordinal < end_of(container) {
                whole = text_of(container);
            }
        }
        if whole > 0 && text_of(ordinal) * 3 >= whole * 2 {
            return true;
        }
        // A wrapper holding most of the page's paragraph text is the article, whatever its class says.
        let paragraphs = self.paragraph_len.get(ordinal as usize).copied().unwrap_or(0) as u64;
        let page = self.page_paragraph_text as u64;
        page >= PROTECT_MIN_PARAGRAPH_TEXT && paragraphs as f64 >= page as f64 * PROTECT_PARAGRAPH_SHARE
    }
}

/// An element holding this share of the page's paragraph text is protected from class cues.
const PROTECT_PARAGRAPH_SHARE: f64 = 0.5;
/// Below this much paragraph text on the page, paragraph shares protect nothing.
const PROTECT_MIN_PARAGRAPH_TEXT: u64 = 300;

/// How specific a container candidate is; lower is preferred.
fn container_tier(element: &Element) -> Option<u8> {
    let value = element;
    let itemprop = attribute(value, &local_name!("itemprop")).unwrap_or("");
    if itemprop.split_ascii_whitespace().any(|p| p.eq_ignore_ascii_case("articlebody")) {
        return Some(0);
    }
    let role = attribute(value, &local_name!("role")).unwrap_or("");
    match value.name() {
        "article" => Some(1),
        _ if role.eq_ignore_ascii_case("article") => Some(1),
        "main" => Some(2),
        _ if role.eq_ignore_ascii_case("main") => Some(2),
        _ => None,
    }
}

/// Keeps a long attribute value from costing more than a short one.
fn bounded(value: &str, max: usize) -> String {
    let mut end = value.len().min(max);
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    value[..end].trim().to_string()
}

/// Longest meta value kept; descriptions and JSON blobs in attributes can be huge.
const MAX_META_VALUE: usize = 4096;

/// Runs the first pass.
pub fn survey(html: &Dom) -> Survey {
    let mut survey = Survey::default();
    // The explicit stack of open elements: (ordinal, whether its content is never text).
    let mut open: Vec<(u32, bool)> = Vec::new();
    let mut candidates: Vec<(u8, u32)> = Vec::new();
    let mut json_ld_open: Option<String> = None;
    let mut title_open: Option<String> = None;
    let mut foreign_depth = 0usize;
    let mut paragraph_depth = 0usize;
    walk(html, |visit| match visit {
        Visit::Open(element) => {
            let ordinal = survey.text_len.len() as u32;
            survey.text_len.push(0);
            survey.paragraph_len.push(0);
            survey.subtree_end.push(ordinal + 1);
            let value = element;
            let name = value.name();
            let hidden_text = open.last().is_some_and(|&(_, never)| never) || NEVER_TEXT.contains(&name);
            open.push((ordinal, hidden_text));
            if name == "svg" || name == "math" {
                foreign_depth += 1;
            }
            if name == "p" {
                paragraph_depth += 1;
            }
            if let Some(tier) = container_tier(element) {
                candidates.push((tier, ordinal));
            }
            collect_meta(&mut survey.meta, element);
            match name {
                "script" => {
                    let kind = attribute(value, &local_name!("type")).unwrap_or("");
                    if kind.trim().eq_ignore_ascii_case("application/ld+json") {
                        json_ld_open = Some(String::new());
                    }
                }
                "title" if foreign_depth == 0 && survey.meta.title_tag.is_none() => {
                    title_open = Some(String::new());
                }
                _ => {}
            }
        }
        Visit::Text(text) => {
            if let Some(buffer) = json_ld_open.as_mut() {
                buffer.push_str(text);
            }
            if let Some(buffer) = title_open.as_mut() {
                buffer.push_str(text);
            }
            if let Some(&(ordinal, false)) = open.last() {
                let chars = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
                if let Some(len) = survey.text_len.get_mut(ordinal as usize) {
                    *len = len.saturating_add(chars);
                }
                if paragraph_depth > 0 {
                    if let Some(len) = survey.paragraph_len.get_mut(ordinal as usize) {
                        *len = len.saturating_add(chars);
                    }
                }
            }
        }
        Visit::Close(element) => {
            let Some((ordinal, _)) = open.pop() else { return };
            let next = survey.text_len.len() as u32;
            survey.subtree_end[ordinal as usize] = next;
            let own = survey.text_len[ordinal as usize];
            let own_paragraphs = survey.paragraph_len[ordinal as usize];
            match open.last() {
                Some(&(parent, _)) => {
                    let parent_len = &mut survey.text_len[parent as usize];
                    *parent_len = parent_len.saturating_add(own);
                    let parent_paragraphs = &mut survey.paragraph_len[parent as usize];
                    *parent_paragraphs = parent_paragraphs.saturating_add(own_paragraphs);
                }
                None => {
                    survey.page_text = survey.page_text.saturating_add(own);
                    survey.page_paragraph_text = survey.page_paragraph_text.saturating_add(own_paragraphs);
                }
            }
            match element.name() {
                "svg" | "math" => foreign_depth = foreign_depth.saturating_sub(1),
                "p" => paragraph_depth = paragraph_depth.saturating_sub(1),
                "script" => {
                    if let Some(text) = json_ld_open.take() {
                        survey.meta.json_ld.push(text);
                    }
                }
                "title" => {
                    if let Some(text) = title_open.take() {
                        survey.meta.title_tag = Some(normalize_space(&text));
                    }
                }
                _ => {}
            }
        }
    });
    survey.container = choose_container(&survey, &candidates);
    survey
}

/// The most specific candidate tier that has an element holding at least a quarter of the page's
/// text; within it, the element with the most text. A tier of many small `<article>`s is a list.
fn choose_container(survey: &Survey, candidates: &[(u8, u32)]) -> Option<u32> {
    for tier in 0..=2u8 {
        let best = candidates
            .iter()
            .filter(|(t, _)| *t == tier)
            .map(|&(_, ordinal)| (survey.text_len[ordinal as usize], ordinal))
            .max_by_key(|&(len, ordinal)| (len, std::cmp::Reverse(ordinal)));
        if let Some((len, ordinal)) = best {
            if len > 0 && len as u64 * 4 >= survey.page_text as u64 {
                return Some(ordinal);
            }
        }
    }
    None
}

fn collect_meta(meta: &mut RawMeta, element: &Element) {
    let value = element;
    match value.name() {
        "html" if meta.html_lang.is_none() => {
            meta.html_lang = attribute(value, &local_name!("lang"))
                .or_else(|| attribute(value, &local_name!("xml:lang")))
                .map(|l| bounded(l, 64));
        }
        "body" if meta.body_class.is_none() => {
            meta.body_class = attribute(value, &local_name!("class")).map(|c| bounded(c, 1024));
        }
        "link" if meta.canonical.is_none() => {
            let rel = attribute(value, &local_name!("rel")).unwrap_or("");
            if rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")) {
                meta.canonical = attribute(value, &local_name!("href")).map(|h| bounded(h, MAX_META_VALUE));
            }
        }
        "time" if meta.time_datetime.is_none() => {
            meta.time_datetime = attribute(value, &local_name!("datetime")).map(|d| bounded(d, 128));
        }
        _ => {}
    }
    let content =
        attribute(value, &local_name!("content")).or_else(|| attribute(value, &local_name!("datetime")));
    let Some(content) = content else { return };
    let keys = [
        ("name", local_name!("name")),
        ("property", local_name!("property")),
        ("itemprop", local_name!("itemprop")),
        ("http-equiv", local_name!("http-equiv")),
    ];
    for (attr, local) in keys {
        if let Some(key) = attribute(value, &local) {
            meta.tags.push(MetaTag {
                attr,
                key: bounded(key, 128).to_lowercase(),
                value: bounded(content, MAX_META_VALUE),
            });
        }
    }
}

/// Collapses runs of whitespace to one space and trims (the same rule as article ids use).
pub use crate::analyze::normalize_space;
