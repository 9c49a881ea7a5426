//! The integration tests of this crate, one module per theme, linked into one test binary:
//! each binary carries the language models, so one per crate keeps builds small and fast.

mod common;
mod crash;
mod dedup;
mod event_members;
mod lookup;
mod open;
mod round_trip;
mod search;
mod site_lines;
