//! The lingua detectors: one global detector for every supported language, and detectors restricted to
//! the few languages a function-word vote left in play (lingua's cost grows with the number of
//! languages it scores, so a two-language question is several times cheaper than a twenty-language one).

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

/// The languages storyweave tells apart, with their ISO 639-1 codes; the index is a language's bit in a
/// [`LanguageSet`].
pub const LANGUAGES: [(Language, &str); 20] = [
    (Language::Arabic, "ar"),
    (Language::Chinese, "zh"),
    (Language::Czech, "cs"),
    (Language::Dutch, "nl"),
    (Language::English, "en"),
    (Language::French, "fr"),
    (Language::German, "de"),
    (Language::Italian, "it"),
    (Language::Japanese, "ja"),
    (Language::Korean, "ko"),
    (Language::Persian, "fa"),
    (Language::Polish, "pl"),
    (Language::Portuguese, "pt"),
    (Language::Russian, "ru"),
    (Language::Spanish, "es"),
    (Language::Tagalog, "tl"),
    (Language::Turkish, "tr"),
    (Language::Ukrainian, "uk"),
    (Language::Urdu, "ur"),
    (Language::Vietnamese, "vi"),
];

/// A set of languages as a bit mask over the indices of [`LANGUAGES`].
pub type LanguageSet = u32;

/// The index in [`LANGUAGES`] of an ISO 639-1 code.
pub fn index_of(code: &str) -> Option<usize> {
    LANGUAGES.iter().position(|(_, c)| *c == code)
}

/// The ISO 639-1 code of a lingua language (every language a detector knows is in [`LANGUAGES`]).
fn code_of(language: Language) -> &'static str {
    LANGUAGES.iter().find(|(l, _)| *l == language).map_or(model::UNDETERMINED_LANGUAGE, |(_, c)| c)
}

/// The detector over every supported language; models are preloaded (they are memory-mapped from the
/// binary, so preloading is instant and spares the first articles a loading pause).
static EVERY_LANGUAGE: LazyLock<LanguageDetector> = LazyLock::new(|| {
    let languages: Vec<Language> = LANGUAGES.iter().map(|(l, _)| *l).collect();
    LanguageDetectorBuilder::from_languages(&languages).with_preloaded_language_models().build()
});

/// Detectors restricted to a few languages, built on first use (building one takes ~15 µs).
static RESTRICTED: LazyLock<RwLock<HashMap<LanguageSet, Arc<LanguageDetector>>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// The detector for `set`, or the global one when `set` is empty or holds every language.
fn detector_for(set: LanguageSet) -> Arc<LanguageDetector> {
    if let Some(d) = RESTRICTED.read().ok().and_then(|m| m.get(&set).cloned()) {
        return d;
    }
    let languages: Vec<Language> =
        LANGUAGES.iter().enumerate().filter(|(i, _)| set & (1 << i) != 0).map(|(_, (l, _))| *l).collect();
    let detector = Arc::new(LanguageDetectorBuilder::from_languages(&languages).build());
    if let Ok(mut map) = RESTRICTED.write() {
        map.entry(set).or_insert_with(|| detector.clone());
    }
    detector
}

/// Lingua's confidence for each language of `set` (every language when `set` has fewer than two),
/// best first, zero-confidence languages left out.
pub fn rank(text: &str, set: LanguageSet) -> Vec<(&'static str, f64)> {
    let values = if set.count_ones() < 2 || set.count_ones() as usize == LANGUAGES.len() {
        EVERY_LANGUAGE.compute_language_confidence_values(text)
    } else {
        detector_for(set).compute_language_confidence_values(text)
    };
    values.into_iter().filter(|(_, c)| *c > 0.0).map(|(l, c)| (code_of(l), c)).collect()
}
