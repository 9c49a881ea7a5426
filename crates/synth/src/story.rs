//! The story of one event as storyweave shows it: plain serializable data, the same for the CLI, the API
//! and the web page.

use serde::{Deserialize, Serialize};

/// Everything storyweave says about one event, each statement citing the sentence it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// The event's id.
    pub event_id: String,
    /// A headline: the event's title, taken from its best-supported article.
    pub headline: String,
    /// The event's date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), when known.
    pub date: Option<String>,
    /// The event's place, when known.
    pub place: Option<String>,
    /// The storyline the event belongs to.
    pub storyline_id: Option<String>,
    /// Languages of the event's articles.
    pub languages: Vec<String>,
    /// Independent origins: articles that are copies of one another count once.
    pub independent_sources: usize,
    /// Every article of the event, grouped by origin.
    pub sources: Vec<Source>,
    /// The fact table, most corroborated first.
    pub facts: Vec<Fact>,
    /// Direct quotes with their speakers; one entry per quote however many articles and languages carry it.
    pub quotes: Vec<StoryQuote>,
    /// Dated statements of the storyline in date order.
    pub timeline: Vec<TimelineEntry>,
    /// A short extractive summary with citations.
    pub summary: Summary,
}

/// One article of the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The article's id.
    pub article_id: String,
    /// Its title, when it has one.
    pub title: Option<String>,
    /// Its language.
    pub language: String,
    /// Its site, when known.
    pub site: Option<String>,
    /// Its URL, when known.
    pub url: Option<String>,
    /// Its publication date, when known.
    pub published: Option<String>,
    /// The independent origin it belongs to: the article id of its copy group's origin.
    pub origin: String,
    /// Its relation to that origin (`origin`, `exact`, `near`, `contained`, `translated`, …).
    pub relation: String,
}

/// Whether a fact is stated by several independent sources, by one, or disputed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactStatus {
    /// Stated by two or more independent origins, with no disagreement among them.
    Corroborated,
    /// Stated by one independent origin only (copies of it do not count).
    SingleSource,
    /// Aligned statements disagree on a number, a date, a name or a negation.
    Contradicted,
}

/// A fact: statements of several articles (possibly in several languages) that say the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Position in the fact table, from 1.
    pub id: usize,
    /// The fact as its most central statement words it (in that statement's language).
    pub text: String,
    /// The language of `text`.
    pub language: String,
    /// Corroborated, single-sourced or contradicted.
    pub status: FactStatus,
    /// How many independent origins state it.
    pub independent_sources: usize,
    /// Every statement of the fact, each citing its article and sentence.
    pub statements: Vec<Statement>,
    /// The disagreements found among the statements, side by side.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// One sentence (or clause of a sentence) of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The article it is in.
    pub article_id: String,
    /// The article's language.
    pub language: String,
    /// The cited sentence, as written.
    pub text: String,
    /// The part of the sentence that matched, when the fact is one clause of a longer sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// Index of the article block the sentence is in.
    pub block: u32,
    /// Byte offset of the sentence in that block.
    pub offset: u32,
    /// The independent origin of the article.
    pub origin: String,
}

/// Two statements of one fact that disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// What they disagree on: `number`, `date`, `name` or `negation`.
    pub kind: String,
    /// Index into the fact's `statements` of one side.
    pub left: usize,
    /// Index into the fact's `statements` of the other side.
    pub right: usize,
    /// What each side says (`80,000` vs `50,000`).
    pub detail: String,
}

/// A direct quote, merged across the articles and languages that carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryQuote {
    /// The quoted words as the first article carrying them gives them.
    pub text: String,
    /// The speaker's name, when attributed.
    pub speaker: Option<String>,
    /// The speaker's canonical entity id, when resolved.
    pub speaker_entity: Option<String>,
    /// The articles that carry the quote.
    pub article_ids: Vec<String>,
    /// The quote as each article words it (translations included).
    pub versions: Vec<QuoteVersion>,
}

/// The quote as one article gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteVersion {
    /// The article.
    pub article_id: String,
    /// The article's language.
    pub language: String,
    /// The quoted words.
    pub text: String,
    /// The sentence holding the quote, for citation.
    pub sentence: String,
    /// Index of the article block.
    pub block: u32,
}

/// One dated statement of the storyline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub date: String,
    /// The last day of a span, when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The dated sentence.
    pub text: String,
    /// The article it is in.
    pub article_id: String,
    /// The article's language.
    pub language: String,
    /// The event of the storyline the article belongs to.
    pub event_id: String,
    /// Articles (other than `article_id`) stating something on the same date in an aligned sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_in: Vec<String>,
}

/// An extractive summary: sentences taken from the articles, each followed by its citation numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The language asked for.
    pub language: String,
    /// Set when no article is in that language and the summary quotes sentences in their own languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The summary as text, with citation marks `[1]`, `[2]` …
    pub text: String,
    /// The summary's sentences, each with the citation numbers it carries.
    pub sentences: Vec<SummarySentence>,
    /// What each citation number points to.
    pub citations: Vec<Citation>,
}

/// One sentence of the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence, as written in its article.
    pub text: String,
    /// The fact it states (`Fact::id`).
    pub fact: usize,
    /// Citation numbers (`Citation::n`).
    pub citations: Vec<usize>,
}

/// A numbered citation: one sentence of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The number shown in the text, from 1.
    pub n: usize,
    /// The article.
    pub article_id: String,
    /// The article's language.
    pub language: String,
    /// The cited sentence.
    pub sentence: String,
    /// Index of the article block the sentence is in.
    pub block: u32,
}
