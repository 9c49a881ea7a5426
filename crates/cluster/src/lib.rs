//! Event clustering for storyweave: every article placed, as it arrives, in the real-world event it
//! reports, events linked into storylines, corrections by the user, and the metrics that judge it.
//!
//! - [`features`]: what the clusterer knows of one article (computed away from the clusterer's state);
//! - [`profile`] and [`score`]: the pooled evidence of an article set and the logistic model that
//!   compares two of them;
//! - [`clusterer`]: the single-owner online clusterer with merges, storylines and corrections;
//! - [`config`]: the one configuration file with the figures behind each weight;
//! - [`train`]: fitting the weights on labelled articles;
//! - [`metrics`]: BCubed and pairwise precision, recall and F1.

pub mod clusterer;
pub mod config;
mod error;
pub mod features;
pub mod metrics;
pub mod profile;
pub mod score;
mod sorted;
pub mod train;

pub use clusterer::{
    ArchivedEvent, Assignment, Clusterer, Event, HandedOver, HandedOverEvents, LogEntry, Member, WorkCounts,
};
pub use config::ClusterConfig;
pub use error::ClusterError;
pub use features::ArticleFeatures;
