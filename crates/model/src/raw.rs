use serde::{Deserialize, Serialize};

/// One document as a reader found it, decoded to text but not yet cleaned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawDocument {
    /// Where it came from: a file path, or a file path with a record locator
    /// (`crawl.jsonl:12`, `news.warc.gz#record 3`), or a URL for documents posted over HTTP.
    pub source: String,
    /// The decoded content.
    pub content: Content,
    /// Metadata the container carried alongside the content (JSONL fields, WARC headers, RSS item fields).
    pub hints: Hints,
    /// Problems the reader worked around without losing the document (a guessed encoding,
    /// replaced invalid bytes), each a sentence naming the place; counted in the run's report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The decoded body of a raw document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Content {
    /// Plain text, one block per line (the seeds' format, JSONL `text`/`maintext`).
    Text(String),
    /// An HTML page (WARC responses, `.html` files, RSS items with HTML descriptions).
    Html(String),
}

impl Content {
    /// The raw string, whatever its kind.
    pub fn as_str(&self) -> &str {
        match self {
            Content::Text(s) | Content::Html(s) => s,
        }
    }
}

/// Metadata known before cleaning. Every field is optional: readers fill what their format carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hints {
    /// The identifier the source gave the record (JSONL `id`), kept for provenance.
    pub external_id: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The headline as the container gave it.
    pub title: Option<String>,
    /// The publication date as the container gave it, unparsed (`2025-08-23`, `2025-08-23 10:00:00`, RFC 2822 …).
    pub published: Option<String>,
    /// Which field the publication date came from (`date_publish`, `published`, `pubDate`, `WARC-Date` …).
    pub published_field: Option<String>,
    /// A language code the container declared (JSONL `language`, `<html lang>`, HTTP `Content-Language`).
    pub language: Option<String>,
    /// The site or host name (`source_domain`, `hostname`, `domain`, or taken from the URL).
    pub site: Option<String>,
    /// The author(s), as given.
    pub author: Option<String>,
    /// Whether the container says the text is cut short (dev-events `truncated`).
    pub truncated: Option<bool>,
}
