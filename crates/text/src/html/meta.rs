//! Page metadata from the first pass's raw findings: title, publication date, language, canonical
//! URL, site name and author, each from its sources in a fixed order of preference.

use super::survey::{normalize_space, RawMeta};
use model::{DateSource, PublishedDate};
use serde_json::Value;

/// Meta tags that carry a publication date, in order of preference: (attribute, key).
const DATE_META: &[(&str, &str)] = &[
    ("property", "article:published_time"),
    ("property", "og:published_time"),
    ("itemprop", "datePublished"),
    ("name", "article:published_time"),
    ("name", "date"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "dc.date"),
    ("name", "dc.date.issued"),
    ("name", "sailthru.date"),
    ("name", "parsely-pub-date"),
];

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "];

/// What the JSON-LD blocks of a page say about its article.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct JsonLdArticle {
    /// `datePublished` of the first article-typed object that has one, with that object's type.
    pub date_published: Option<(String, String)>,
    /// Author names of the first article-typed object that names any.
    pub authors: Vec<String>,
    /// `isAccessibleForFree` of an article-typed object, when given.
    pub accessible_for_free: Option<bool>,
    /// `headline` of the first article-typed object that has one.
    pub headline: Option<String>,
    /// `articleBody` of the first article-typed object that has one: the text as the publisher
    /// states it, which script-rendered pages do not put in their markup.
    pub article_body: Option<String>,
}

/// Whether a schema.org type names an article: `NewsArticle`, `ReportageNewsArticle`, `BlogPosting`…
fn is_article_type(kind: &str) -> bool {
    let kind = kind.rsplit(['/', ':']).next().unwrap_or(kind);
    kind.ends_with("Article") || kind.ends_with("BlogPosting")
}

fn article_type(object: &serde_json::Map<String, Value>) -> Option<String> {
    match object.get("@type")? {
        Value::String(kind) => is_article_type(kind).then(|| kind.clone()),
        Value::Array(kinds) => {
            kinds.iter().filter_map(Value::as_str).find(|k| is_article_type(k)).map(str::to_string)
        }
        _ => None,
    }
}

fn author_names(value: &Value, out: &mut Vec<String>) {
    let push = |name: &str, out: &mut Vec<String>| {
        let name = normalize_space(name);
        if !name.is_empty() && !name.starts_with("http") && !out.contains(&name) {
            out.push(name);
        }
    };
    match value {
        Value::String(name) => push(name, out),
        Value::Object(object) => {
            if let Some(Value::String(name)) = object.get("name") {
                push(name, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::String(name) => push(name, out),
                    Value::Object(object) => {
                        if let Some(Value::String(name)) = object.get("name") {
                            push(name, out);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Parses a JSON-LD script, forgiving the raw line breaks and HTML comment wrappers sites leave in.
fn parse_json_ld(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    let trimmed = trimmed.strip_prefix("<!--").unwrap_or(trimmed);
    let trimmed = trimmed.strip_suffix("-->").unwrap_or(trimmed).trim();
    serde_json::from_str(trimmed).ok().or_else(|| {
        let flattened: String = trimmed.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        serde_json::from_str(&flattened).ok()
    })
}

/// Reads every JSON-LD block, looking at every object at any depth (`@graph`, arrays, `mainEntity`).
pub fn read_json_ld(scripts: &[String]) -> JsonLdArticle {
    let mut found = JsonLdArticle::default();
    for script in scripts {
        let Some(root) = parse_json_ld(script) else { continue };
        // An explicit stack: serde_json caps nesting at 128, and this walk does not recurse either.
        let mut stack = vec![&root];
        let mut objects = Vec::new();
        while let Some(value) = stack.pop() {
            match value {
                Value::Object(object) => {
                    objects.push(object);
                    stack.extend(object.values().rev());
                }
                Value::Array(items) => stack.extend(items.iter().rev()),
                _ => {}
            }
        }
        for object in objects {
            let Some(kind) = article_type(object) else { continue };
            if found.date_published.is_none() {
                if let Some(Value::String(date)) = object.get("datePublished") {
                    found.date_published = Some((kind.clone(), date.trim().to_string()));
                }
            }
            if found.authors.is_empty() {
                if let Some(author) = object.get("author") {
                    author_names(author, &mut found.authors);
                }
            }
            if found.headline.is_none() {
                if let Some(Value::String(headline)) = object.get("headline") {
                    found.headline = Some(normalize_space(headline)).filter(|h| !h.is_empty());
                }
            }
            if found.article_body.is_none() {
                if let Some(Value::String(body)) = object.get("articleBody") {
                    found.article_body = Some(body.trim().to_string()).filter(|b| !b.is_empty());
                }
            }
            if found.accessible_for_free.is_none() {
                found.accessible_for_free = match object.get("isAccessibleForFree") {
                    Some(Value::Bool(free)) => Some(*free),
                    Some(Value::String(free)) => match free.trim().to_ascii_lowercase().as_str() {
                        "false" => Some(false),
                        "true" => Some(true),
                        _ => None,
                    },
                    _ => None,
                };
            }
        }
    }
    found
}

/// The publication date: meta tags, then JSON-LD, then the first `<time datetime>`.
pub fn published(meta: &RawMeta, json_ld: &JsonLdArticle) -> Option<PublishedDate> {
    for &(attr, key) in DATE_META {
        let Some(value) = meta.get(attr, key) else { continue };
        if let Some(date) = crate::dates::parse_date(value) {
            return Some(PublishedDate {
                date,
                source: DateSource::HtmlMeta,
                detail: format!("meta {attr}=\"{key}\""),
            });
        }
    }
    if let Some((kind, value)) = &json_ld.date_published {
        if let Some(date) = crate::dates::parse_date(value) {
            return Some(PublishedDate {
                date,
                source: DateSource::JsonLd,
                detail: format!("JSON-LD {kind}.datePublished"),
            });
        }
    }
    let value = meta.time_datetime.as_deref()?;
    let date = crate::dates::parse_date(value)?;
    Some(PublishedDate { date, source: DateSource::TimeElement, detail: "<time datetime>".to_string() })
}

/// An ISO 639-1 code from a language tag (`de-DE`, `en_US`, `FR`); `None` unless two letters.
pub fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_', ',', ';', ' ']).next()?;
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// The declared language: `<html lang>`, then `og:locale`, then `content-language`.
pub fn language(meta: &RawMeta) -> Option<String> {
    meta.html_lang
        .as_deref()
        .and_then(language_code)
        .or_else(|| meta.get("property", "og:locale").and_then(language_code))
        .or_else(|| meta.get("http-equiv", "content-language").and_then(language_code))
}

/// A `<title>` without its site-name suffix (`Headline | Site` → `Headline`).
pub fn strip_site_suffix(title: &str) -> String {
    let title = normalize_space(title);
    let cut = TITLE_SEPARATORS.iter().filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len()))).max();
    match cut {
        Some((at, sep_len)) => {
            let (head, tail) = (title[..at].trim(), title[at + sep_len..].trim());
            // Only a suffix no longer than the rest is taken for the site name.
            if !head.is_empty() && tail.chars().count() <= head.chars().count() {
                head.to_string()
            } else {
                title
            }
        }
        None => title,
    }
}

/// The author: meta `author`, then `article:author` when it is a name, then JSON-LD author names.
pub fn author(meta: &RawMeta, json_ld: &JsonLdArticle) -> Option<String> {
    let is_name = |v: &&str| !v.contains("://") && !v.starts_with("www.");
    meta.get("name", "author")
        .filter(is_name)
        .or_else(|| meta.get("property", "article:author").filter(is_name))
        .map(normalize_space)
        .filter(|a| !a.is_empty())
        .or_else(|| (!json_ld.authors.is_empty()).then(|| json_ld.authors.join(", ")))
}

/// The host of an absolute http(s) URL, lowercased.
pub fn host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.rfind(':') {
        Some(colon) if !host.ends_with(']') => &host[..colon],
        _ => host,
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Resolves `href` against `base`, as far as a page's canonical link needs: absolute,
/// scheme-relative, root-relative and path-relative references.
pub fn resolve_url(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let scheme_end = href.find(':').filter(|&i| {
        i > 0 && href[..i].bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    });
    if let Some(i) = scheme_end {
        let scheme = href[..i].to_ascii_lowercase();
        return matches!(scheme.as_str(), "http" | "https").then(|| href.to_string());
    }
    let base = base?.trim();
    let (scheme, rest) = base.split_once("://")?;
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_len]);
    if let Some(scheme_relative) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{scheme_relative}"));
    }
    if href.starts_with('/') {
        return Some(format!("{origin}{href}"));
    }
    let path = &rest[authority_len..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = match path.rfind('/') {
        Some(slash) => &path[..=slash],
        None => "/",
    };
    Some(format!("{origin}{dir}{href}"))
}

/// The canonical URL: `<link rel=canonical>`, then `og:url`, resolved against the page's URL.
pub fn canonical_url(meta: &RawMeta, url: Option<&str>) -> Option<String> {
    meta.canonical
        .as_deref()
        .and_then(|href| resolve_url(url, href))
        .or_else(|| meta.get("property", "og:url").and_then(|href| resolve_url(url, href)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_cut_only_when_shorter_than_the_headline() {
        assert_eq!(strip_site_suffix("Rain in Spain | The Daily"), "Rain in Spain");
        assert_eq!(strip_site_suffix("A - B - Site"), "A - B");
        assert_eq!(
            strip_site_suffix("News | A very long description of the site"),
            "News | A very long description of the site"
        );
    }

    #[test]
    fn urls_resolve_against_the_page() {
        let base = Some("https://example.org/news/2025/story.html?x=1");
        assert_eq!(resolve_url(base, "/a").as_deref(), Some("https://example.org/a"));
        assert_eq!(resolve_url(base, "b.html").as_deref(), Some("https://example.org/news/2025/b.html"));
        assert_eq!(resolve_url(base, "//cdn.example.org/c").as_deref(), Some("https://cdn.example.org/c"));
        assert_eq!(resolve_url(None, "https://x.org/").as_deref(), Some("https://x.org/"));
        assert_eq!(resolve_url(base, "javascript:void(0)"), None);
        assert_eq!(resolve_url(None, "/a"), None);
    }

    #[test]
    fn language_tags_reduce_to_two_letters() {
        assert_eq!(language_code("de-DE").as_deref(), Some("de"));
        assert_eq!(language_code("en_US").as_deref(), Some("en"));
        assert_eq!(language_code("deu"), None);
        assert_eq!(host("https://User@WWW.Example.org:8080/x").as_deref(), Some("www.example.org"));
    }
}
