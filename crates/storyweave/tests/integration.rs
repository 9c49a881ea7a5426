//! The integration tests of this crate, one module per theme, linked into one test binary:
//! each binary carries the language models, so one per crate keeps builds small and fast.

mod bad_input;
mod cli_ingest;
mod common;
mod copies;
mod copies_translated;
mod crash;
mod embed_cli;
mod events;
mod events_archive;
mod extract_cli;
mod seeds_gold;
mod server_api;
mod server_client;
mod site_repetition;
mod story_cli;
