//! The data types every storyweave stage shares: what a reader produces ([`RawDocument`]),
//! what cleaning produces ([`Article`] with its [`Block`]s), and the small value types they use.
//!
//! This crate holds no logic beyond constructors and formatting; it is the contract between crates.

mod article;
mod date;
mod entity;
mod raw;

pub use article::{Article, ArticleId, Block, BlockKind, CopyMatch, DateEvidence, PageKind};
pub use date::{days_in_month, DateSource, PartialDate, PublishedDate};
pub use entity::{EntityKind, EntityMention, EventDate};
pub use raw::{Content, Hints, RawDocument};

/// The ISO 639-1 code used when the language of a text cannot be told with confidence.
pub const UNDETERMINED_LANGUAGE: &str = "und";
