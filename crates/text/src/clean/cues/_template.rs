//! Template for a new language: copy to `<code>.rs`, replace the placeholder phrases with real ones,
//! add `mod <code>;` and `&<code>::CUES` to `LANGUAGES` in `mod.rs`.
//!
//! Keep phrases lowercase and specific: every table is applied to every line, whatever its language.
//! `Cue::line` must be the whole line, `Cue::start` must open it, `Cue::anywhere` may sit anywhere
//! and therefore must never occur in ordinary prose. Attribution, Byline, Photo and Source cues only
//! open a line; the words that follow decide (names, a URL, a short credit).

use super::CueKind::*;
use super::{Cue, LanguageCues};

/// Placeholder cues of the template.
pub const CUES: LanguageCues = LanguageCues {
    language: "xx",
    cues: &[
        // Comment widgets: the section header, "leave a comment", "no comments".
        Cue::line("comments-word", Comment),
        Cue::start("leave-a-comment phrase", Comment),
        // Share and print buttons.
        Cue::line("share-word", Share),
        // Rating and review widgets.
        Cue::line("rating-word", Rating),
        // Prompts: "click here", "download our app", "subscribe", "listen to this article".
        Cue::anywhere("click-here phrase", Promo),
        Cue::start("subscribe-word", Promo),
        // Cookie and consent notices.
        Cue::anywhere("we-use-cookies phrase", Cookie),
        // "Read more", "related", "see also".
        Cue::start("read-more phrase", Related),
        // Skip links, menus, tables of contents.
        Cue::line("home-word", Navigation),
        // Advertisement labels, "breaking news".
        Cue::line("advertisement-word", Notice),
        // "All rights reserved".
        Cue::anywhere("all-rights-reserved phrase", Copyright),
        // Credit leads: "according to", "with material from".
        Cue::start("according-to phrase", Attribution),
        // Byline leads: "by".
        Cue::start("by-word", Byline),
        // Photo-credit markers, with their colon when the language writes one.
        Cue::start("photo-word:", Photo),
        // Source leads, followed by a colon and a URL or a short credit.
        Cue::start("source-word", Source),
    ],
    months: &["month-name", "month-abbreviation"],
    weekdays: &["weekday-name"],
    stopwords: &["function-word"],
};
