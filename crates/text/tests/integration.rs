//! The integration tests of this crate, one module per theme, linked into one test binary:
//! each binary carries the language models, so one per crate keeps builds small and fast.

mod clean_dev_events;
mod clean_kinds;
mod clean_seeds;
mod common;
mod dates_dev_events;
mod dates_seeds;
mod dates_speed;
mod entities_dev_events;
mod entities_rules;
mod entities_seeds;
mod event_dates;
mod event_dates_dev_events;
mod event_dates_seeds;
mod html_eval;
mod html_kinds;
mod html_metadata;
mod html_robustness;
mod lang_dev_events;
mod lang_seeds;
mod lang_speed;
mod quotes_rules;
mod quotes_seeds;
mod sentences_rules;
