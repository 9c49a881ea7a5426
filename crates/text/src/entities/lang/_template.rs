//! <Language> entity cues. To add a language: copy this file to `<iso 639-1 code>.rs`, fill in the
//! lists (lower-case; suffix rules, endings, prefixes and irregular adjectives folded: no accents),
//! and add `<code>::TABLE` to `LANGUAGES` in `mod.rs`. Write rules that generalize (suffixes, word
//! classes), never a list of the names of one corpus.

use super::{EntityLanguage, EMPTY};

/// <Language> titles, saying verbs, organization cues and country-adjective rules.
pub const TABLE: EntityLanguage = EntityLanguage {
    code: "xx",
    // Titles and forms of address before a name: "minister", "mr".
    titles: &[],
    // Words that name a person's office when a compound ends in them.
    title_suffixes: &[],
    // "said", "says".
    saying_verbs: &[],
    // "party", "bank", "ministry".
    org_cues: &[],
    org_suffixes: &[],
    // Small words inside names: "of", "de".
    connectors: &[],
    // Capitalized words that are never names: determiners, pronouns (months and weekdays come from
    // the language's date table in dates/lang/).
    not_names: &[],
    // Prepositions before a place: "in".
    locatives: &[],
    lowercase_demonyms: false,
    // Inflection endings of adjectives, longest first, ending with "".
    adjective_endings: &[""],
    // (adjective suffix, country-name suffix): ("ese", "") for "japanese" → "japan".
    demonym_rules: &[],
    // Irregular adjective stems: ("german", "DE").
    demonyms: &[],
    // Folded storm words before a storm's name: "hurricane".
    event_cues: &[],
    ..EMPTY
};
