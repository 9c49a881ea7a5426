//! Copies and syndication: fingerprints of clean text, an LSH index, containment and copy groups.
//!
//! [`CopyIndex`] is a single-owner stateful stage: `add` one [`model::Article`] at a time and get its
//! [`CopyAssignment`]; `groups` lists every copy group with its origin and each member's relation.
//! [`generate`] makes labelled copies of real articles and [`eval`] scores the index on them.
//!
//! How a copy is found, in order of cost:
//! - exact: a 64-bit hash of the token stream (lowercased letter/digit runs), looked up in a map;
//! - near: 128 MinHash values over 5-word shingles (one 64-bit hash per shingle, permutations by
//!   multiply-add), banded 32 × 4 into LSH buckets; candidates verified by estimated Jaccard;
//! - contained: anchors, the shingles whose hash has its low 3 bits zero (a content-defined 1-in-8
//!   sample, so a subset's anchors are a subset of the whole's), the first 16 per article, in posting
//!   lists; containment is the share of a text's anchors found in the other. Anchors whose postings
//!   already reach three groups are boilerplate or stock phrases and are not counted as evidence.
//!
//! Every bucket and posting list is read newest first up to `probe_limit` entries, and at most
//! `max_verified` candidates (most collisions first) are verified, so an `add` costs the same whatever
//! the index holds. An article joins the group of its best match (near before contained, then the
//! higher similarity, then the older article). Existing groups are never merged: a wrong match
//! misplaces that article (and copies that later match it best), never two whole groups.

pub mod agencies;
mod config;
mod error;
pub mod eval;
pub mod fingerprint;
pub mod generate;
mod index;
pub mod shingle;
pub mod translated;

pub use config::DedupConfig;
pub use error::DedupError;
pub use fingerprint::{Fingerprint, MinHasher};
pub use index::{CopyAssignment, CopyGroup, CopyIndex, CopyRelation, GroupMember, MatchedCopy};
pub use translated::{TranslatedCopies, TranslatedMatch, TranslationConfig, TranslationSignature};
