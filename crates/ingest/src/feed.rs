//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read as a stream of XML events: one document per item or entry.

use std::io::{BufReader, Read};
use std::path::Path;

use model::{Content, Hints, RawDocument};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::decode::{decode_to_string, stream_encoding, xml_declared_encoding, Context, TranscodingReader};
use crate::stream::{gunzip_if_needed, read_head, CHUNK};
use crate::{open_raw, site_from_url, IngestError, ReadOptions, Source};

/// An RSS or Atom feed: one [`RawDocument`] per `<item>` or `<entry>`.
pub struct FeedSource {
    name: String,
    reader: Option<Reader<BufReader<Box<dyn Read + Send>>>>,
    buf: Vec<u8>,
    state: FeedState,
}

impl FeedSource {
    /// Opens a feed file (gzip-compressed or not).
    pub fn open(path: &Path) -> Result<Self, IngestError> {
        Self::open_with(path, &ReadOptions::default())
    }

    /// Opens a feed file; feeds have no size options yet, the signature matches the other readers.
    pub fn open_with(path: &Path, _options: &ReadOptions) -> Result<Self, IngestError> {
        let raw = open_raw(path)?;
        Ok(Self::from_reader(raw.name, raw.reader))
    }

    /// Reads a feed (gzipped or not) from any reader; the encoding comes from a BOM or the XML declaration.
    pub fn from_reader(name: impl Into<String>, reader: impl Read + Send + 'static) -> Self {
        let name = name.into();
        let (reader, _) = gunzip_if_needed(Box::new(reader));
        let (head, reader) = read_head(reader, 1024);
        let declared = xml_declared_encoding(&head);
        let reader: Box<dyn Read + Send> = match stream_encoding(&head, declared.as_deref()) {
            Some(encoding) => Box::new(TranscodingReader::new(reader, encoding)),
            None => reader,
        };
        let mut xml = Reader::from_reader(BufReader::with_capacity(CHUNK, reader));
        // Feeds in the wild carry bare '&' in text; refusing the whole feed for it helps no one.
        xml.config_mut().allow_dangling_amp = true;
        FeedSource {
            state: FeedState::new(name.clone()),
            name,
            reader: Some(xml),
            buf: Vec::with_capacity(64 * 1024),
        }
    }

    fn next_item(&mut self) -> Option<Result<RawDocument, IngestError>> {
        let reader = self.reader.as_mut()?;
        loop {
            self.buf.clear();
            let step = match reader.read_event_into(&mut self.buf) {
                Ok(Event::Eof) => self.state.end_of_file(),
                Ok(event) => self.state.handle(event),
                Err(e) => Step::Fatal(self.state.malformed(format!(
                    "not well-formed XML at byte {} ({e}); the items before it were read, the rest of the \
                     feed was skipped",
                    reader.error_position()
                ))),
            };
            match step {
                Step::Continue => {}
                Step::Item(result) => return Some(result),
                Step::Fatal(error) => {
                    self.reader = None;
                    return Some(Err(error));
                }
                Step::End => {
                    self.reader = None;
                    return None;
                }
            }
        }
    }
}

impl Source for FeedSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn next_document(&mut self) -> Option<Result<RawDocument, IngestError>> {
        self.next_item()
    }
}

impl Iterator for FeedSource {
    type Item = Result<RawDocument, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_document()
    }
}

/// What one XML event led to.
// Each value is moved once per document; boxing would only add an allocation per article.
#[allow(clippy::large_enum_variant)]
enum Step {
    Continue,
    Item(Result<RawDocument, IngestError>),
    Fatal(IngestError),
    End,
}

/// The item or entry children storyweave reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Date(DateField),
    Author,
    Body(BodyField),
    Guid,
}

/// Publication date fields, in order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateField {
    PubDate,
    Published,
    DcDate,
    Updated,
}

impl DateField {
    const ALL: [DateField; 4] =
        [DateField::PubDate, DateField::Published, DateField::DcDate, DateField::Updated];

    fn name(self) -> &'static str {
        match self {
            DateField::PubDate => "pubDate",
            DateField::Published => "published",
            DateField::DcDate => "dc:date",
            DateField::Updated => "updated",
        }
    }
}

/// Body fields, in order of preference (the full text before the teaser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyField {
    ContentEncoded,
    Content,
    Description,
    Summary,
}

/// How a body's kind is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyType {
    /// Atom `type="text"`.
    Text,
    /// Atom `type="html"` / `type="xhtml"`.
    Html,
    /// RSS: tell from the content.
    Unknown,
}

/// The text of one field being read.
struct Capture {
    field: Field,
    depth: usize,
    /// The text with entities resolved and CDATA unwrapped.
    value: Vec<u8>,
    /// The same content re-serialised as markup, for bodies that carry inline XHTML elements.
    markup: Vec<u8>,
    has_children: bool,
    body_type: BodyType,
    /// Inside an Atom `<author>`, the depth of its `<name>` child, whose text alone is kept.
    name_depth: Option<usize>,
    name_value: Vec<u8>,
}

/// A body as found.
struct Body {
    text: String,
    html: bool,
}

/// The fields of the item being read.
#[derive(Default)]
struct ItemBuilder {
    depth: usize,
    language: Option<String>,
    title: Option<String>,
    link: Option<String>,
    dates: [Option<String>; 4],
    authors: Vec<String>,
    bodies: [Option<Body>; 4],
    guid: Option<String>,
    capture: Option<Capture>,
    warnings: Vec<String>,
}

/// Parser state between events.
struct FeedState {
    name: String,
    depth: usize,
    saw_root: bool,
    item_number: u64,
    item: Option<ItemBuilder>,
    feed_language: Option<String>,
    /// Depth and text of a channel-level `<language>` being read.
    language_capture: Option<(usize, Vec<u8>)>,
}

impl FeedState {
    fn new(name: String) -> Self {
        FeedState {
            name,
            depth: 0,
            saw_root: false,
            item_number: 0,
            item: None,
            feed_language: None,
            language_capture: None,
        }
    }

    fn locator(&self) -> String {
        format!("{}#item {}", self.name, self.item_number)
    }

    fn malformed(&self, reason: String) -> IngestError {
        let item = if self.item.is_some() { self.item_number } else { self.item_number + 1 };
        IngestError::MalformedFeed { path: self.name.clone(), item, reason }
    }

    fn end_of_file(&mut self) -> Step {
        if self.item.is_some() {
            return Step::Fatal(self.malformed(
                "the file ends inside this item (cut short?); the items before it were read".to_owned(),
            ));
        }
        if !self.saw_root {
            return Step::Fatal(IngestError::Empty { path: self.name.clone() });
        }
        Step::End
    }

    fn handle(&mut self, event: Event<'_>) -> Step {
        match event {
            Event::Start(start) => {
                self.depth += 1;
                self.start_element(&start, false)
            }
            Event::Empty(start) => {
                self.depth += 1;
                match self.start_element(&start, true) {
                    Step::Continue => self.end_element(start.name().as_ref(), true),
                    step => step,
                }
            }
            Event::End(end) => self.end_element(end.name().as_ref(), false),
            Event::Text(text) => {
                self.push_text(&text, &text);
                Step::Continue
            }
            Event::CData(cdata) => {
                let escaped = escape_markup(&cdata);
                self.push_text(&cdata, &escaped);
                Step::Continue
            }
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference);
                let mut raw = Vec::with_capacity(reference.len() + 2);
                raw.push(b'&');
                raw.extend_from_slice(&reference);
                raw.push(b';');
                self.push_text(resolved.as_bytes(), &raw);
                Step::Continue
            }
            _ => Step::Continue,
        }
    }

    /// Appends text to whatever is being captured: `value` is the plain text, `markup` its escaped form.
    fn push_text(&mut self, value: &[u8], markup: &[u8]) {
        if let Some((_, text)) = self.language_capture.as_mut() {
            text.extend_from_slice(value);
        }
        let Some(capture) = self.item.as_mut().and_then(|item| item.capture.as_mut()) else { return };
        match capture.name_depth {
            Some(_) => capture.name_value.extend_from_slice(value),
            None => capture.value.extend_from_slice(value),
        }
        if matches!(capture.field, Field::Body(_)) {
            capture.markup.extend_from_slice(markup);
        }
    }

    fn start_element(&mut self, start: &BytesStart<'_>, empty: bool) -> Step {
        let qname = start.name();
        let prefix = qname.prefix().map(|p| p.into_inner().to_vec());
        let local = qname.local_name().into_inner().to_vec();
        let depth = self.depth;
        if !self.saw_root {
            self.saw_root = true;
            if !matches!(local.as_slice(), b"rss" | b"feed" | b"RDF") {
                return Step::Fatal(IngestError::UnsupportedFormat {
                    path: self.name.clone(),
                    reason: format!(
                        "XML whose root element is <{}>, not <rss>, <feed> or <rdf:RDF>",
                        String::from_utf8_lossy(qname.as_ref())
                    ),
                });
            }
            self.feed_language = attribute(start, b"xml:lang");
            return Step::Continue;
        }
        let Some(item) = self.item.as_mut() else {
            let core = is_core_prefix(prefix.as_deref());
            if core && (local == b"item" || local == b"entry") {
                self.item_number += 1;
                self.item = Some(ItemBuilder {
                    depth,
                    language: attribute(start, b"xml:lang"),
                    ..Default::default()
                });
            } else if local == b"language"
                && (core || prefix.as_deref() == Some(b"dc"))
                && self.feed_language.is_none()
            {
                self.language_capture = Some((depth, Vec::new()));
            }
            return Step::Continue;
        };
        if let Some(capture) = item.capture.as_mut() {
            // A child inside a field: inline XHTML in a body, or the parts of an Atom <author>.
            capture.has_children = true;
            if matches!(capture.field, Field::Body(_)) {
                capture.markup.push(b'<');
                capture.markup.extend_from_slice(start);
                capture.markup.extend_from_slice(if empty { b"/>" } else { b">" });
            } else if capture.field == Field::Author && local == b"name" {
                capture.name_depth = Some(depth);
            }
            return Step::Continue;
        }
        if depth != item.depth + 1 {
            return Step::Continue;
        }
        let Some(field) = classify(prefix.as_deref(), &local) else { return Step::Continue };
        if field == Field::Link {
            if let Some(href) = attribute(start, b"href") {
                // Atom: the alternate link is the article; self/enclosure/related links are not.
                let rel = attribute(start, b"rel").unwrap_or_else(|| "alternate".to_owned());
                if rel == "alternate" && item.link.is_none() {
                    item.link = Some(href);
                }
                return Step::Continue;
            }
        }
        let body_type = match attribute(start, b"type").as_deref() {
            Some("text") | Some("text/plain") => BodyType::Text,
            Some("html") | Some("xhtml") | Some("text/html") | Some("application/xhtml+xml") => {
                BodyType::Html
            }
            _ => BodyType::Unknown,
        };
        if field == Field::Body(BodyField::Content) && attribute(start, b"src").is_some() {
            // Out-of-line Atom content: the body lives elsewhere.
            return Step::Continue;
        }
        item.capture = Some(Capture {
            field,
            depth,
            value: Vec::new(),
            markup: Vec::new(),
            has_children: false,
            body_type,
            name_depth: None,
            name_value: Vec::new(),
        });
        Step::Continue
    }

    /// Closes an element; `empty` for `<x/>`, whose markup was already closed.
    fn end_element(&mut self, name: &[u8], empty: bool) -> Step {
        let depth = self.depth;
        self.depth = self.depth.saturating_sub(1);
        if let Some((language_depth, text)) = self.language_capture.take() {
            if language_depth == depth {
                let language = String::from_utf8_lossy(&text).trim().to_owned();
                self.feed_language = (!language.is_empty()).then_some(language);
            } else {
                self.language_capture = Some((language_depth, text));
            }
        }
        let locator = self.locator();
        let Some(item) = self.item.as_mut() else { return Step::Continue };
        if let Some(capture) = item.capture.as_mut() {
            if capture.depth == depth {
                let capture = item.capture.take().expect("capture present");
                item.finish_field(capture, &locator);
            } else {
                if capture.name_depth == Some(depth) {
                    capture.name_depth = None;
                }
                if matches!(capture.field, Field::Body(_)) && !empty {
                    capture.markup.extend_from_slice(b"</");
                    capture.markup.extend_from_slice(name);
                    capture.markup.push(b'>');
                }
            }
            return Step::Continue;
        }
        if depth == item.depth {
            let item = self.item.take().expect("item present");
            let feed_language = self.feed_language.clone();
            return Step::Item(item.into_document(locator, feed_language));
        }
        Step::Continue
    }
}

impl ItemBuilder {
    /// Stores a finished field (the first value of each kind wins; authors accumulate).
    fn finish_field(&mut self, capture: Capture, locator: &str) {
        let is_body = matches!(capture.field, Field::Body(_));
        let bytes = if is_body && capture.has_children {
            capture.markup
        } else if capture.field == Field::Author && !capture.name_value.is_empty() {
            capture.name_value
        } else {
            capture.value
        };
        let context = Context { name_lines: false, ..Context::default() };
        let text = decode_to_string(bytes, context, locator, &mut self.warnings);
        let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return;
        }
        match capture.field {
            Field::Title => {
                self.title.get_or_insert_with(|| trimmed.to_owned());
            }
            Field::Link => {
                self.link.get_or_insert_with(|| trimmed.to_owned());
            }
            Field::Guid => {
                self.guid.get_or_insert_with(|| trimmed.to_owned());
            }
            Field::Author => self.authors.push(trimmed.to_owned()),
            Field::Date(date) => {
                let slot = &mut self.dates[date as usize];
                slot.get_or_insert_with(|| trimmed.to_owned());
            }
            Field::Body(body) => {
                let html = match capture.body_type {
                    BodyType::Html => true,
                    BodyType::Text => false,
                    BodyType::Unknown => capture.has_children || looks_like_markup(trimmed),
                };
                let slot = &mut self.bodies[body as usize];
                if slot.is_none() {
                    *slot = Some(Body { text: trimmed.to_owned(), html });
                }
            }
        }
    }

    fn into_document(
        self,
        locator: String,
        feed_language: Option<String>,
    ) -> Result<RawDocument, IngestError> {
        let Some(body) = self.bodies.into_iter().flatten().next() else {
            return Err(IngestError::Empty { path: locator });
        };
        let published =
            DateField::ALL.iter().zip(self.dates).find_map(|(field, value)| Some((value?, field.name())));
        let url = self.link.or_else(|| {
            self.guid.clone().filter(|guid| guid.starts_with("http://") || guid.starts_with("https://"))
        });
        let hints = Hints {
            external_id: self.guid,
            site: url.as_deref().and_then(site_from_url),
            url,
            title: self.title,
            published_field: published.as_ref().map(|(_, field)| (*field).to_owned()),
            published: published.map(|(value, _)| value),
            language: self.language.or(feed_language),
            author: (!self.authors.is_empty()).then(|| self.authors.join(", ")),
            truncated: None,
        };
        let content = if body.html { Content::Html(body.text) } else { Content::Text(body.text) };
        Ok(RawDocument { source: locator, content, hints, warnings: self.warnings })
    }
}

/// Prefixes under which the core RSS/Atom element names count (unprefixed is the norm).
fn is_core_prefix(prefix: Option<&[u8]>) -> bool {
    matches!(prefix, None | Some(b"atom") | Some(b"rss"))
}

/// Which field a direct child of an item is, by prefix and local name.
fn classify(prefix: Option<&[u8]>, local: &[u8]) -> Option<Field> {
    if is_core_prefix(prefix) {
        return Some(match local {
            b"title" => Field::Title,
            b"link" => Field::Link,
            b"pubDate" => Field::Date(DateField::PubDate),
            b"published" | b"issued" => Field::Date(DateField::Published),
            b"updated" | b"modified" => Field::Date(DateField::Updated),
            b"author" => Field::Author,
            b"content" => Field::Body(BodyField::Content),
            b"description" => Field::Body(BodyField::Description),
            b"summary" => Field::Body(BodyField::Summary),
            b"guid" | b"id" => Field::Guid,
            _ => return None,
        });
    }
    match (prefix?, local) {
        (b"dc", b"date") => Some(Field::Date(DateField::DcDate)),
        (b"dc", b"creator") => Some(Field::Author),
        (b"content", b"encoded") => Some(Field::Body(BodyField::ContentEncoded)),
        _ => None,
    }
}

/// An attribute's value with entities resolved.
fn attribute(start: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    let attribute = start.try_get_attribute(name).ok().flatten()?;
    let value = match attribute.unescape_value() {
        Ok(value) => value.into_owned(),
        Err(_) => String::from_utf8_lossy(&attribute.value).into_owned(),
    };
    Some(value.trim().to_owned())
}

/// The text an entity or character reference stands for; unknown entities stay as written.
fn resolve_reference(reference: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return c.to_string();
    }
    let name: &[u8] = reference;
    let known = match name {
        b"amp" => "&",
        b"lt" => "<",
        b"gt" => ">",
        b"quot" => "\"",
        b"apos" => "'",
        // HTML entities that feeds use without declaring them.
        b"nbsp" => "\u{a0}",
        b"ndash" => "\u{2013}",
        b"mdash" => "\u{2014}",
        b"hellip" => "\u{2026}",
        b"lsquo" => "\u{2018}",
        b"rsquo" => "\u{2019}",
        b"ldquo" => "\u{201c}",
        b"rdquo" => "\u{201d}",
        b"laquo" => "\u{ab}",
        b"raquo" => "\u{bb}",
        b"bdquo" => "\u{201e}",
        b"euro" => "\u{20ac}",
        b"copy" => "\u{a9}",
        _ => return format!("&{};", String::from_utf8_lossy(name)),
    };
    known.to_owned()
}

/// Escapes CDATA text for the markup form of a body.
fn escape_markup(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for &b in text {
        match b {
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'&' => out.extend_from_slice(b"&amp;"),
            _ => out.push(b),
        }
    }
    out
}

/// Whether text contains HTML tags (`<p>`, `</a>`, `<br/>`, `<!-- -->`), not merely a '<' sign.
pub(crate) fn looks_like_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|at| {
        let next = bytes.get(at + 1).copied().unwrap_or(b' ');
        (next.is_ascii_alphabetic() || next == b'/' || next == b'!')
            && memchr::memchr(b'>', &bytes[at..]).is_some()
    })
}
