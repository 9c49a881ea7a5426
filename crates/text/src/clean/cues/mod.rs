//! Cue phrases for plain-text cleaning, one file per language (after charabia's per-language layout).
//!
//! A language file lists [`Cue`]s (a phrase, what it signals and where in a line it must sit) and the
//! month names, weekday names and stopwords the structural rules need. To add a language, copy
//! `_template.rs`, fill it and register it in [`LANGUAGES`]. A line's language is not known at cleaning
//! time, so every table is applied to every line; phrases are therefore chosen to be specific.

// Compiled (never registered) so the template keeps up with the table format.
#[allow(dead_code)]
mod _template;
mod ar;
mod de;
mod en;
mod es;
mod fr;
mod it;
mod nl;
mod pl;
mod pt;
mod ur;

use std::sync::LazyLock;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Every registered language table.
pub static LANGUAGES: &[&LanguageCues] = &[
    &en::CUES,
    &de::CUES,
    &fr::CUES,
    &es::CUES,
    &it::CUES,
    &pt::CUES,
    &nl::CUES,
    &pl::CUES,
    &ur::CUES,
    &ar::CUES,
];

/// News and photo agencies, language-neutral, lowercase: a line holding only these is a credit.
pub static AGENCIES: &[&str] = &[
    "afp",
    "ap",
    "associated press",
    "reuters",
    "dpa",
    "dpa-afx",
    "epa",
    "epa-efe",
    "efe",
    "ansa",
    "adnkronos",
    "askanews",
    "agi",
    "apa",
    "sda",
    "keystone-sda",
    "kna",
    "epd",
    "afx",
    "kyodo",
    "jiji",
    "yonhap",
    "xinhua",
    "tass",
    "ria",
    "interfax",
    "pap",
    "ctk",
    "čtk",
    "mti",
    "belga",
    "anp",
    "lusa",
    "agência brasil",
    "europa press",
    "upi",
    "ians",
    "pti",
    "ani",
    "bloomberg",
    "getty",
    "getty images",
    "imago",
    "picture alliance",
    "picture-alliance",
    "abaca",
    "sipa",
    "bernama",
    "antara",
    "vna",
    "aa",
    "anadolu",
    "irna",
    "wafa",
    "mena",
    "qna",
    "wam",
    "spa",
    "kuna",
    "app",
    "ntb",
    "tt",
    "ritzau",
    "stt",
    "hina",
    "tanjug",
    "bta",
    "agerpres",
    "ukrinform",
    "mia",
    "cna",
    "pa",
    "pa media",
    "aap",
    "cp",
    "the canadian press",
    "nhk",
    "kcna",
    "sana",
];

/// What a cue phrase signals about the line it appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// A comment widget ("Leave a comment", "Comments (0)").
    Comment,
    /// A share or print button row.
    Share,
    /// A rating or review widget ("Rating:", "Reviewed by").
    Rating,
    /// A prompt to subscribe, download an app, watch or listen.
    Promo,
    /// A cookie or consent notice.
    Cookie,
    /// A "read more" or "related" link.
    Related,
    /// Site navigation: skip links, menus, tables of contents.
    Navigation,
    /// A label that is not content: advertisement marks, "breaking news", status notes.
    Notice,
    /// A copyright notice.
    Copyright,
    /// The lead of a credit line ("according to", "Laut", "Avec"); the words after it decide.
    Attribution,
    /// The lead of a byline ("By", "Von", "Par"); the words after it decide.
    Byline,
    /// A photo-credit marker ("Photo:", "Foto:", "Bild:").
    Photo,
    /// The lead of a source line ("Source", "Quelle", "Fuente").
    Source,
}

impl CueKind {
    /// Whether a line with this cue is boilerplate by itself (the others need structure to decide).
    pub fn is_boilerplate(self) -> bool {
        !matches!(self, CueKind::Attribution | CueKind::Byline | CueKind::Photo | CueKind::Source)
    }

    /// A short name for reasons.
    pub fn label(self) -> &'static str {
        match self {
            CueKind::Comment => "comment widget",
            CueKind::Share => "share widget",
            CueKind::Rating => "rating widget",
            CueKind::Promo => "promotion",
            CueKind::Cookie => "cookie notice",
            CueKind::Related => "related link",
            CueKind::Navigation => "navigation",
            CueKind::Notice => "notice",
            CueKind::Copyright => "copyright",
            CueKind::Attribution => "attribution",
            CueKind::Byline => "byline",
            CueKind::Photo => "photo credit",
            CueKind::Source => "source",
        }
    }
}

/// Where in a line a cue phrase must sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// The phrase is the whole line (leading bullets and trailing counters such as "(0)" or ":" ignored).
    Line,
    /// The line starts with the phrase.
    Start,
    /// The phrase occurs anywhere in the line, at word boundaries; only for unambiguous phrases.
    Anywhere,
}

/// One cue phrase of a language table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// The phrase, lowercase; it must start with a letter or digit.
    pub phrase: &'static str,
    /// What it signals.
    pub kind: CueKind,
    /// Where it must sit.
    pub anchor: Anchor,
}

impl Cue {
    /// A phrase that must be the whole line.
    pub const fn line(phrase: &'static str, kind: CueKind) -> Self {
        Self { phrase, kind, anchor: Anchor::Line }
    }

    /// A phrase the line must start with.
    pub const fn start(phrase: &'static str, kind: CueKind) -> Self {
        Self { phrase, kind, anchor: Anchor::Start }
    }

    /// A phrase that may occur anywhere in the line.
    pub const fn anywhere(phrase: &'static str, kind: CueKind) -> Self {
        Self { phrase, kind, anchor: Anchor::Anywhere }
    }
}

/// The cue table of one language.
#[derive(Debug, Clone, Copy)]
pub struct LanguageCues {
    /// ISO 639-1 code.
    pub language: &'static str,
    /// Cue phrases.
    pub cues: &'static [Cue],
    /// Month names and their abbreviations, lowercase (date-only lines).
    pub months: &'static [&'static str],
    /// Weekday names and their abbreviations, lowercase (date-only lines).
    pub weekdays: &'static [&'static str],
    /// Function words, lowercase (stopword density tells prose from labels and names).
    pub stopwords: &'static [&'static str],
}

/// A cue found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    /// What it signals.
    pub kind: CueKind,
    /// The phrase as the table spells it.
    pub phrase: &'static str,
    /// The language of the table it came from.
    pub language: &'static str,
    /// How many whitespace-separated words the phrase has.
    pub words: usize,
    /// Byte offset in the searched text where the match starts.
    pub start: usize,
    /// Byte offset in the searched text just past the match.
    pub end: usize,
}

impl CueHit {
    /// A reason naming the cue, e.g. `comment widget cue "leave a comment" (en)`.
    pub fn reason(&self) -> String {
        format!("{} cue \"{}\" ({})", self.kind.label(), self.phrase, self.language)
    }
}

/// Folds text for matching: lowercase, NFC, one apostrophe, no space before a colon, and the Arabic
/// letter variants and diacritics that differ between Arabic and Urdu typing folded together.
pub fn fold(text: &str) -> String {
    let nfc;
    let text = if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        nfc = text.nfc().collect::<String>();
        &nfc
    };
    let mut out = String::with_capacity(text.len());
    // Plain ASCII is copied in runs and lowercased once at the end; only the rest is looked at.
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii() && c != ':' && c != '`' {
            continue;
        }
        out.push_str(&text[run..i]);
        run = i + c.len_utf8();
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
            ':' | '\u{FF1A}' => {
                // French typography puts a (no-break) space before the colon: "Source : AFP".
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(':');
            }
            '\u{00A0}' | '\u{202F}' => out.push(' '),
            // Arabic kaf/yeh typed in Urdu text and the reverse; alef with hamza or madda.
            '\u{0643}' => out.push('\u{06A9}'),
            '\u{064A}' | '\u{0649}' => out.push('\u{06CC}'),
            '\u{0623}' | '\u{0625}' | '\u{0622}' => out.push('\u{0627}'),
            // Harakat and tatweel are optional in Arabic-script text.
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out.push_str(&text[run..]);
    out.make_ascii_lowercase();
    out
}

/// Whether `c` continues a word (cue matches must not cut words).
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

// The cue tables' keys are short words and phrases from the tables themselves, so SipHash's DoS
// resistance buys nothing here and costs a third of cleaning time; FxHash is the fast choice.
type Map<V> = rustc_hash::FxHashMap<String, V>;
type Set = rustc_hash::FxHashSet<String>;

/// One indexed phrase.
#[derive(Debug)]
struct Entry {
    folded: String,
    cue: &'static Cue,
    language: &'static str,
    words: usize,
}

/// Every table folded into lookup structures, built once.
pub(crate) struct CueIndex {
    line: Map<Vec<Entry>>,
    /// Start and Anywhere phrases, keyed by their first word, longest phrase first.
    start: Map<Vec<Entry>>,
    anywhere: Map<Vec<Entry>>,
    /// For each first byte of an Anywhere phrase's first word, a bit per word length (capped at 31):
    /// rules out almost every word of running text before any hashing.
    anywhere_first: [u32; 256],
    months: Set,
    weekdays: Set,
    stopwords: Set,
    agencies: Set,
}

/// The shared index over [`LANGUAGES`].
pub(crate) static INDEX: LazyLock<CueIndex> = LazyLock::new(|| CueIndex::build(LANGUAGES));

fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

fn first_word(folded: &str) -> &str {
    let end = folded.find(|c: char| !is_word_char(c)).unwrap_or(folded.len());
    &folded[..end]
}

impl CueIndex {
    fn build(tables: &[&'static LanguageCues]) -> Self {
        let mut index = CueIndex {
            line: Map::default(),
            start: Map::default(),
            anywhere: Map::default(),
            anywhere_first: [0; 256],
            months: Set::default(),
            weekdays: Set::default(),
            stopwords: Set::default(),
            agencies: AGENCIES.iter().map(|a| fold(a)).collect(),
        };
        for table in tables {
            for cue in table.cues {
                let folded = fold(cue.phrase);
                let words = folded.split_whitespace().count();
                let entry = Entry { folded, cue, language: table.language, words };
                match cue.anchor {
                    Anchor::Line => index.line.entry(entry.folded.clone()).or_default().push(entry),
                    Anchor::Start => {
                        index.start.entry(first_word(&entry.folded).to_string()).or_default().push(entry)
                    }
                    Anchor::Anywhere => {
                        index.anywhere.entry(first_word(&entry.folded).to_string()).or_default().push(entry)
                    }
                }
            }
            index.months.extend(table.months.iter().map(|m| fold(m)));
            index.weekdays.extend(table.weekdays.iter().map(|w| fold(w)));
            index.stopwords.extend(table.stopwords.iter().map(|w| fold(w)));
        }
        for word in index.anywhere.keys() {
            index.anywhere_first[usize::from(word.as_bytes()[0])] |= length_bit(word.len());
        }
        for entries in index.start.values_mut().chain(index.anywhere.values_mut()) {
            entries.sort_by_key(|e| std::cmp::Reverse(e.folded.len()));
        }
        index
    }

    fn hit(entry: &Entry, start: usize) -> CueHit {
        CueHit {
            kind: entry.cue.kind,
            phrase: entry.cue.phrase,
            language: entry.language,
            words: entry.words,
            start,
            end: start + entry.folded.len(),
        }
    }

    /// The cue whose phrase is the whole line key, if any.
    pub fn line_hits<'a>(&'a self, key: &str) -> impl Iterator<Item = CueHit> + 'a {
        self.line.get(key).into_iter().flatten().map(|e| Self::hit(e, 0))
    }

    /// Phrases of `map` that match `text` at byte `at`, where the word `word` starts, and end at a
    /// word boundary, longest first.
    fn matches_at<'a>(
        map: &'a Map<Vec<Entry>>,
        text: &'a str,
        at: usize,
        word: &str,
    ) -> impl Iterator<Item = CueHit> + 'a {
        let rest = &text[at..];
        map.get(word).into_iter().flatten().filter_map(move |e| {
            let tail = rest.strip_prefix(e.folded.as_str())?;
            let ends_word = e.folded.chars().next_back().is_some_and(is_word_char);
            if ends_word && tail.chars().next().is_some_and(is_word_char) {
                return None;
            }
            Some(Self::hit(e, at))
        })
    }

    /// Start-anchored cues that begin `text` (a folded line with its leading bullets removed).
    pub fn start_hits<'a>(&'a self, text: &'a str) -> impl Iterator<Item = CueHit> + 'a {
        Self::matches_at(&self.start, text, 0, first_word(text))
    }

    /// Start-anchored cues that begin at byte `at` of `text`, which must be a word start.
    pub fn start_hits_at<'a>(&'a self, text: &'a str, at: usize) -> impl Iterator<Item = CueHit> + 'a {
        Self::matches_at(&self.start, text, at, first_word(&text[at..]))
    }

    /// Anywhere-anchored cues found in `text` (folded).
    pub fn anywhere_hits<'a>(&'a self, text: &'a str) -> impl Iterator<Item = CueHit> + 'a {
        words(text)
            .filter(move |(_, word)| {
                self.anywhere_first[usize::from(word.as_bytes()[0])] & length_bit(word.len()) != 0
            })
            .flat_map(move |(at, word)| Self::matches_at(&self.anywhere, text, at, word))
    }

    /// Whether a folded token is a month name or abbreviation.
    pub fn is_month(&self, token: &str) -> bool {
        self.months.contains(token)
    }

    /// Whether a folded token is a weekday name or abbreviation.
    pub fn is_weekday(&self, token: &str) -> bool {
        self.weekdays.contains(token)
    }

    /// Whether a folded token is a function word in any table.
    pub fn is_stopword(&self, token: &str) -> bool {
        self.stopwords.contains(token)
    }

    /// Whether folded text names a news or photo agency.
    pub fn is_agency(&self, text: &str) -> bool {
        self.agencies.contains(text)
    }
}

/// The words of `text` (runs of word characters) with their byte offsets.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    // ASCII bytes are decided by the byte alone; only other characters are decoded.
    std::iter::from_fn(move || {
        let start = loop {
            let &b = bytes.get(i)?;
            if b.is_ascii_alphanumeric() {
                break i;
            }
            if b.is_ascii() {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next()?;
            if c.is_alphanumeric() {
                break i;
            }
            i += c.len_utf8();
        };
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            if b.is_ascii() {
                break;
            }
            match text[i..].chars().next() {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                _ => break,
            }
        }
        Some((start, &text[start..i]))
    })
}

/// Byte offsets where words start in `text`.
pub(crate) fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    words(text).map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_starts_with_a_word_character() {
        for table in LANGUAGES.iter().copied().chain([&_template::CUES]) {
            for cue in table.cues {
                let folded = fold(cue.phrase);
                assert!(
                    folded.chars().next().is_some_and(is_word_char),
                    "{}: phrase {:?} must start with a letter or digit",
                    table.language,
                    cue.phrase
                );
                assert_eq!(
                    folded,
                    folded.trim(),
                    "{}: phrase {:?} has outer spaces",
                    table.language,
                    cue.phrase
                );
            }
        }
    }

    #[test]
    fn languages_are_registered_once() {
        let mut seen = std::collections::HashSet::new();
        for table in LANGUAGES {
            assert!(seen.insert(table.language), "{} registered twice", table.language);
            assert!(
                !table.stopwords.is_empty() && !table.months.is_empty(),
                "{} is incomplete",
                table.language
            );
        }
    }

    #[test]
    fn matches_respect_word_boundaries() {
        let text = fold("Commentary on the vote");
        assert!(INDEX.start_hits(&text).all(|h| h.kind != CueKind::Comment));
        let text = fold("Kommentar hinterlassen");
        assert!(INDEX.start_hits(&text).any(|h| h.kind == CueKind::Comment));
    }

    #[test]
    fn folding_unifies_apostrophes_and_colons() {
        assert_eq!(fold("Lire l’article"), "lire l'article");
        assert_eq!(fold("Source : AFP"), "source: afp");
        assert_eq!(fold("أضف"), "اضف");
    }
}
