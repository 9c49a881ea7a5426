//! Entity cues per language, one file per language (copy `_template.rs` to add one): the titles that
//! stand before a person's name, verbs of saying, words that make a capitalized span an organization,
//! capitalized words that are never names, and the rules that turn a country adjective or an inflected
//! country name back into the country ("südkoreanische" → Südkorea, "japonais" → Japon).
//!
//! Suffix rules, adjective endings, compass prefixes and irregular adjectives are written folded
//! (lower-case, without accents), because they are matched against folded words.

#[cfg(test)]
mod _template;
mod de;
mod en;
mod es;
mod fr;
mod it;
mod pl;
mod pt;

/// The entity cues of one language.
#[derive(Debug, Clone, Copy)]
pub struct EntityLanguage {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Lower-case titles and forms of address that precede a person's name ("minister", "herr").
    pub titles: &'static [&'static str],
    /// Endings that make a compound word a title ("verteidigungsminister" ends in "minister").
    pub title_suffixes: &'static [&'static str],
    /// Lower-case verbs of saying; a capitalized span right before or after one is a speaker.
    pub saying_verbs: &'static [&'static str],
    /// Lower-case words that make a capitalized span an organization ("party", "bank").
    pub org_cues: &'static [&'static str],
    /// Endings that make a compound word an organization cue ("zentralbank").
    pub org_suffixes: &'static [&'static str],
    /// Lower-case words that may stand inside a name between capitalized words ("of", "du").
    pub connectors: &'static [&'static str],
    /// Lower-case words that are capitalized at times but never a name: determiners, pronouns,
    /// conjunctions, generic nouns of address. Month and weekday names come from the language's date
    /// table (`dates::lang`), not from here.
    pub not_names: &'static [&'static str],
    /// Lower-case prepositions that put a place after them ("in", "nach", "à").
    pub locatives: &'static [&'static str],
    /// Whether every noun is capitalized (German), so a capital after a name says nothing.
    pub capitalized_nouns: bool,
    /// Whether country adjectives are written in lower case (German, French, Spanish, …).
    pub lowercase_demonyms: bool,
    /// Folded inflection endings of adjectives, longest first ("en", "e").
    pub adjective_endings: &'static [&'static str],
    /// Folded (adjective suffix, country-name suffix) pairs: "isch" → "" turns "japanisch" into "japan".
    pub demonym_rules: &'static [(&'static str, &'static str)],
    /// Folded irregular adjective stems with their ISO 3166 code ("deutsch", "DE").
    pub demonyms: &'static [(&'static str, &'static str)],
    /// Folded compass prefixes of adjectives and the words they add to the country name
    /// (French "sud-" + "coreen" → "coree du sud").
    pub compass_prefixes: &'static [(&'static str, &'static str)],
    /// Folded (ending, replacement) pairs that turn an inflected word inside a multi-word name back
    /// into the form the name lists carry (German "Vereinigten Staaten" → "Vereinigte Staaten").
    pub name_inflections: &'static [(&'static str, &'static str)],
    /// Whether a trailing "s" marks a genitive that may be stripped from a known name ("Japans").
    pub genitive_s: bool,
    /// Prepositions that make a lower-case country adjective right after them the name of a language
    /// ("in spagnolo", "en espagnol": in Spanish), not of the country.
    pub language_prepositions: &'static [&'static str],
    /// Whether acronyms are written with one capital ("Bce", "Fmi", "Usa"), so a short word in that
    /// shape is looked up in capitals too.
    pub titlecase_acronyms: bool,
    /// Short country names in common use that the ISO lists lack, with their ISO code.
    pub country_names: &'static [(&'static str, &'static str)],
    /// Lower-case words that make a capitalized run a place ("county", "river", "río"), first or last.
    pub place_cues: &'static [&'static str],
    /// Folded nouns after which a capitalized word names a happening: a storm ("hurricane", "taifun").
    /// Where every noun is capitalized, compounds ending in one count too ("tropensturm").
    pub event_cues: &'static [&'static str],
    /// Folded (ending, replacement) pairs that turn a declined person's name back into the nominative
    /// (Polish "Trzaskowskiego" → "Trzaskowski"), longest ending first; tried on names of 5+ letters.
    pub person_inflections: &'static [(&'static str, &'static str)],
    /// Folded "the North"-style phrases that refer back to a country named with that compass word
    /// earlier in the article, with the folded compass word ("the north", "north").
    pub compass_anaphora: &'static [(&'static str, &'static str)],
}

/// A language's table with no entries, to start a new one from and to use for unknown languages.
pub const EMPTY: EntityLanguage = EntityLanguage {
    code: "",
    titles: &[],
    title_suffixes: &[],
    saying_verbs: &[],
    org_cues: &[],
    org_suffixes: &[],
    connectors: &[],
    not_names: &[],
    locatives: &[],
    capitalized_nouns: false,
    lowercase_demonyms: false,
    adjective_endings: &[""],
    demonym_rules: &[],
    demonyms: &[],
    compass_prefixes: &[],
    name_inflections: &[],
    genitive_s: false,
    titlecase_acronyms: false,
    language_prepositions: &[],
    country_names: &[],
    place_cues: &[],
    event_cues: &[],
    person_inflections: &[],
    compass_anaphora: &[],
};

/// Every language with entity cues.
pub const LANGUAGES: &[EntityLanguage] =
    &[de::TABLE, en::TABLE, es::TABLE, fr::TABLE, it::TABLE, pl::TABLE, pt::TABLE];

/// The cues of a language; languages without a file get English titles and rules, which also
/// read well in the many texts that quote English names and titles.
pub fn for_language(code: &str) -> &'static EntityLanguage {
    LANGUAGES.iter().find(|l| l.code == code).unwrap_or(&en::TABLE)
}

/// Country names, codes and spellings that every language uses.
pub const COMMON_COUNTRY_NAMES: &[(&str, &str)] = &[
    ("USA", "US"),
    ("US", "US"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("UAE", "AE"),
];

/// Major international institutions under their names and acronyms in several languages:
/// (names, id key, canonical name). Acronyms match only when written in capitals.
pub const INSTITUTIONS: &[(&[&str], &str, &str)] = &[
    (
        &[
            "ECB",
            "EZB",
            "BCE",
            "European Central Bank",
            "Europäische Zentralbank",
            "Banque centrale européenne",
            "Banco Central Europeo",
            "Banca centrale europea",
            "Banco Central Europeu",
        ],
        "ecb",
        "European Central Bank",
    ),
    (
        &[
            "EU",
            "UE",
            "European Union",
            "Europäische Union",
            "Union européenne",
            "Unión Europea",
            "Unione europea",
            "União Europeia",
        ],
        "eu",
        "European Union",
    ),
    (
        &[
            "UN",
            "UNO",
            "ONU",
            "United Nations",
            "Vereinte Nationen",
            "Vereinten Nationen",
            "Nations unies",
            "Naciones Unidas",
            "Nazioni Unite",
            "Nações Unidas",
        ],
        "un",
        "United Nations",
    ),
    (&["NATO", "OTAN", "Nato"], "nato", "NATO"),
    (
        &[
            "IMF",
            "IWF",
            "FMI",
            "International Monetary Fund",
            "Internationaler Währungsfonds",
            "Fonds monétaire international",
            "Fondo Monetario Internacional",
            "Fondo monetario internazionale",
            "Fundo Monetário Internacional",
        ],
        "imf",
        "International Monetary Fund",
    ),
    (
        &["WHO", "OMS", "World Health Organization", "Weltgesundheitsorganisation"],
        "who",
        "World Health Organization",
    ),
    (&["G7", "Group of Seven", "G-7"], "g7", "Group of Seven"),
    (&["G20", "Group of Twenty", "G-20"], "g20", "Group of Twenty"),
    (&["Fed", "Federal Reserve"], "federal-reserve", "Federal Reserve"),
];

/// Capitalized short words that are not organizations: units, time zones, generic abbreviations.
pub const COMMON_ACRONYMS: &[&str] = &[
    "AI", "KI", "IA", "TV", "CEO", "CFO", "PDF", "AM", "PM", "OK", "GMT", "UTC", "CET", "CEST", "MEZ",
    "MESZ", "EDT", "EST", "CDT", "CST", "PDT", "PST", "KM", "MPH", "USD", "EUR", "GBP", "JPY", "KRW", "CO2",
    "DNA", "PR", "ID", "FAQ", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "FOTO", "VIDEO",
    "LIVE", "NEWS", "ICH", "WIR",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn is_folded(s: &str) -> bool {
        s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || " -'".contains(c))
    }

    #[test]
    fn tables_are_lower_case_and_folded_where_they_must_be() {
        assert!(_template::TABLE.titles.is_empty());
        for lang in LANGUAGES {
            let lower = [
                lang.titles,
                lang.title_suffixes,
                lang.saying_verbs,
                lang.org_cues,
                lang.org_suffixes,
                lang.place_cues,
            ];
            for word in lang.event_cues {
                assert!(is_folded(word), "{}: {word} is not folded", lang.code);
            }
            for word in lower.iter().flat_map(|l| l.iter()).chain(lang.not_names).chain(lang.locatives) {
                assert_eq!(*word, word.to_lowercase(), "{}: {word}", lang.code);
            }
            let folded = lang.demonym_rules.iter().flat_map(|(a, b)| [*a, *b]);
            let folded = folded.chain(lang.demonyms.iter().map(|(a, _)| *a));
            let folded = folded.chain(lang.compass_prefixes.iter().flat_map(|(a, b)| [*a, *b]));
            let folded = folded.chain(lang.adjective_endings.iter().copied());
            let folded = folded.chain(lang.name_inflections.iter().flat_map(|(a, b)| [*a, *b]));
            let folded = folded.chain(lang.person_inflections.iter().flat_map(|(a, b)| [*a, *b]));
            for word in folded {
                assert!(is_folded(word), "{}: {word} is not folded", lang.code);
            }
            for (_, code) in lang.demonyms.iter().chain(lang.country_names) {
                assert!(code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()), "{code}");
            }
        }
    }
}
