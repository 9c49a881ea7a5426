//! The integration tests of this crate, one module per theme, linked into one test binary:
//! each binary carries the language models, so one per crate keeps builds small and fast.

mod date_features;
mod memory;
mod online;
mod place_features;
