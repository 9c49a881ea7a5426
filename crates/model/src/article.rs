use crate::date::{DateSource, PartialDate};
use crate::entity::{EntityMention, EventDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The identity of an article: a hash of its normalized clean text, so the same content
/// ingested twice, from any source, has one id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a block of an article is. Blocks that are not body text are kept, typed, never dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The headline.
    Title,
    /// A section heading inside the body.
    Heading,
    /// Body text.
    Paragraph,
    /// A photo or video caption.
    Caption,
    /// A credit or attribution line (wire or agency credit, byline, "Laut VNA").
    Credit,
    /// A line that names the URL the text was taken from; the URL becomes the article's provenance.
    SourceLink,
    /// Everything else around the article: comment widgets, share and rating lines, hashtags,
    /// cookie and newsletter notices, navigation, footers.
    Boilerplate,
}

impl BlockKind {
    /// Whether the block is part of the article's clean body text (title, headings, paragraphs).
    pub fn is_body(self) -> bool {
        matches!(self, BlockKind::Title | BlockKind::Heading | BlockKind::Paragraph)
    }

    /// The snake_case name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Caption => "caption",
            BlockKind::Credit => "credit",
            BlockKind::SourceLink => "source_link",
            BlockKind::Boilerplate => "boilerplate",
        }
    }
}

/// One line of a text file, or one block element of an HTML page, in document order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's text, whitespace-normalized.
    pub text: String,
    /// ISO 639-1 code of the block's language, or `und`.
    pub language: String,
    /// 1-based line in the input, for text input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The URL a source-link block names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Why the block got its kind, when it is not plain body text (the cue or feature that decided).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What a page is, when it is not an article (HTML input only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// A news article or another single piece of running text.
    #[default]
    Article,
    /// A front, section or index page: a list of links to articles.
    Index,
    /// A tag, topic or author page.
    Tag,
    /// A paywall teaser: a lead and a prompt to subscribe.
    PaywallTeaser,
    /// No text worth keeping was found.
    Empty,
}

/// Where a publication date was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateEvidence {
    /// The kind of place.
    pub kind: DateSource,
    /// What exactly: a field name, a meta tag, `line 29: …`.
    pub detail: String,
}

/// A cleaned article: typed blocks, clean body text and the metadata found for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Hash of the normalized clean text.
    pub id: ArticleId,
    /// The path or URL it was read from, with a record locator for containers.
    pub source: String,
    /// The article's URL: from the container, or from a source-link line of the text.
    pub url: Option<String>,
    /// The identifier the source gave the record, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The site or host name.
    #[serde(default)]
    pub site: Option<String>,
    /// The author(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// ISO 639-1 code of the article's language, or `und`.
    pub language: String,
    /// The headline, when one was found.
    pub title: Option<String>,
    /// The publication date, when one was found.
    pub published: Option<PartialDate>,
    /// Where the publication date was found.
    pub published_source: Option<DateEvidence>,
    /// Whether the text is cut short (mid-sentence or mid-word).
    pub truncated: bool,
    /// What the page is; anything but `article` is flagged, not silently treated as an article.
    #[serde(default)]
    pub page_kind: PageKind,
    /// The clean body: title, headings and paragraphs, one per line.
    pub text: String,
    /// Every block of the input, kept in order with its kind.
    pub blocks: Vec<Block>,
    /// The copy group the article joined when it was stored (`storyweave copies` lists the groups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_group: Option<u32>,
    /// Its relation to the group's origin when it joined: `origin`, `exact`, `near`, `contained`,
    /// `expanded` or `linked` (matched through another member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_relation: Option<String>,
    /// The stored article it was matched to when it arrived, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<CopyMatch>,
    /// Named entities mentioned in the clean body, resolved to canonical entities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityMention>,
    /// Dates the article reports events on, resolved against the publication date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_dates: Vec<EventDate>,
}

/// The stored article a new article was found to copy (or be copied by), with the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyMatch {
    /// The stored article.
    pub article: ArticleId,
    /// The new article's relation to it (`exact`, `near`, `contained`, `expanded`).
    pub relation: String,
    /// The similarity behind the relation: Jaccard of word shingles, or the contained share.
    pub similarity: f32,
}

impl Article {
    /// The blocks that make up the clean body.
    pub fn body_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind.is_body())
    }
}
