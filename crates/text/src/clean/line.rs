//! One input line with the structural features the rules read, computed once.

use super::cues::{fold, is_word_char, INDEX};
use crate::lang::{script_of, Script};

/// Characters that end a sentence.
const SENTENCE_FINAL: &[char] = &['.', '!', '?', '…', '。', '！', '？', '؟', '۔', '।', '．', '‼'];
/// Closing quotes and brackets that may follow a sentence end.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', '“', '›', '」', '』', ')', ']', '}', '）', '】'];
/// Opening quotes, brackets and dashes that may open a new sentence.
const OPENERS: &[char] = &['"', '\'', '“', '„', '«', '‹', '‘', '(', '[', '「', '『', '—', '–', '-', '¿', '¡'];
/// List bullets a line may start with.
const BULLETS: &[char] = &['-', '–', '—', '•', '·', '*', '▶', '►', '■', '▪', '●', '○', '◆', '»', '>'];

/// One non-blank input line and its features.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based line number in the input.
    pub number: u32,
    /// The line, whitespace-normalized.
    pub text: String,
    /// [`fold`]ed text, for cue matching.
    pub folded: String,
    /// Byte offset in `folded` of the first letter (bullets, brackets and counters before it skipped).
    pub lead: usize,
    /// Byte offset in `folded` just past the last letter (counters, colons, brackets after it skipped).
    pub key_end: usize,
    /// Whitespace-separated words (ideographic text counts two characters as a word).
    pub words: usize,
    /// Letters.
    pub letters: usize,
    /// Uppercase letters.
    pub uppercase: usize,
    /// Decimal digits.
    pub digits: usize,
    /// The script most letters are written in.
    pub script: Option<Script>,
    /// The share of letters in `script`.
    pub script_share: f32,
    /// Whether the line ends with sentence-final punctuation (closing quotes or brackets allowed after it).
    pub ends_sentence: bool,
    /// Sentence ends inside or at the end of the line.
    pub sentence_ends: usize,
    /// Share of word tokens that are function words of some language.
    pub stopword_share: f32,
    /// Share of content words (not function words) that start with an uppercase letter.
    pub capitalized_share: f32,
    /// Whether the line starts with a list bullet.
    pub bullet: bool,
}

impl Line {
    /// Builds the features of a whitespace-normalized, non-empty line.
    pub fn new(number: u32, text: String) -> Self {
        let folded = fold(&text);
        let lead = folded.find(|c: char| c.is_alphabetic()).unwrap_or(folded.len());
        let key_end = folded
            .rfind(|c: char| c.is_alphabetic())
            .map_or(lead, |i| i + folded[i..].chars().next().map_or(0, char::len_utf8));
        let mut letters = 0;
        let mut uppercase = 0;
        let mut digits = 0;
        let mut ideographs = 0;
        let mut scripts: Vec<(Script, usize)> = Vec::with_capacity(2);
        for c in text.chars() {
            if c.is_ascii_digit() || c.is_numeric() && !c.is_alphabetic() {
                digits += 1;
            } else if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    uppercase += 1;
                }
                if let Some(s) = script_of(c) {
                    if s == Script::Cjk {
                        ideographs += 1;
                    }
                    match scripts.iter_mut().find(|(k, _)| *k == s) {
                        Some((_, n)) => *n += 1,
                        None => scripts.push((s, 1)),
                    }
                }
            }
        }
        let (script, script_letters) =
            scripts.iter().max_by_key(|(_, n)| *n).map_or((None, 0), |(s, n)| (Some(*s), *n));
        let tokens = text.split_whitespace().count();
        let words = tokens.max(ideographs / 2);
        let (stopword_share, capitalized_share) = word_shares(&text, &folded);
        Line {
            number,
            ends_sentence: ends_sentence(&text),
            sentence_ends: count_sentence_ends(&text),
            bullet: text.starts_with(BULLETS),
            script,
            script_share: if letters == 0 { 0.0 } else { script_letters as f32 / letters as f32 },
            text,
            folded,
            lead,
            key_end,
            words,
            letters,
            uppercase,
            digits,
            stopword_share,
            capitalized_share,
        }
    }

    /// The folded line without leading bullets, brackets and counters.
    pub fn lead_str(&self) -> &str {
        &self.folded[self.lead..]
    }

    /// The folded line without leading and trailing non-letters: the key of whole-line cues.
    pub fn key(&self) -> &str {
        &self.folded[self.lead..self.key_end.max(self.lead)]
    }

    /// Whether most letters are uppercase (a shouted label).
    pub fn all_caps(&self) -> bool {
        self.letters >= 3 && self.uppercase * 10 >= self.letters * 8
    }

    /// Whether the line reads like running prose: long, punctuated, rich in function words.
    pub fn prose_like(&self) -> bool {
        self.words >= 12 && self.ends_sentence && self.stopword_share >= 0.2
    }

    /// Whether the line is a body paragraph by shape: at least a sentence of some length.
    pub fn paragraph_like(&self) -> bool {
        self.words >= 8 && (self.sentence_ends >= 1 || self.words >= 15)
    }

    /// Whether the first letter or digit of the line is uppercase, a digit or a letter without case.
    pub fn starts_capitalized(&self) -> bool {
        self.text
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_lowercase())
    }

    /// Share of digits among letters and digits.
    pub fn digit_share(&self) -> f32 {
        let total = self.letters + self.digits;
        if total == 0 {
            0.0
        } else {
            self.digits as f32 / total as f32
        }
    }
}

/// Shares of function words among word tokens, and of capitalized words among the other words.
fn word_shares(text: &str, folded: &str) -> (f32, f32) {
    let mut tokens = 0;
    let mut stop = 0;
    for token in folded.split(|c: char| !is_word_char(c)).filter(|t| t.chars().any(char::is_alphabetic)) {
        tokens += 1;
        if INDEX.is_stopword(token) {
            stop += 1;
        }
    }
    let mut content = 0;
    let mut capitalized = 0;
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else { continue };
        if !first.is_alphabetic() || INDEX.is_stopword(&fold(word)) {
            continue;
        }
        content += 1;
        if first.is_uppercase() {
            capitalized += 1;
        }
    }
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f32 / d as f32 };
    (share(stop, tokens), share(capitalized, content))
}

/// `text` without trailing whitespace and trailing closing quotes and brackets, and whether a quote
/// mark was among them.
pub(crate) fn strip_closers(text: &str) -> (&str, bool) {
    let mut rest = text.trim_end();
    let mut quote = false;
    while let Some(c) = rest.chars().next_back().filter(|c| CLOSERS.contains(c)) {
        quote |= !matches!(c, ')' | ']' | '}' | '）' | '】');
        rest = rest[..rest.len() - c.len_utf8()].trim_end();
    }
    (rest, quote)
}

/// Whether `text` ends with sentence-final punctuation, closing quotes or brackets allowed after it.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let (rest, _) = strip_closers(text);
    rest.chars().next_back().is_some_and(|c| SENTENCE_FINAL.contains(&c))
}

/// Counts sentence ends: final punctuation at the end of the text, or followed by a space and a
/// capitalized word or an opening quote. A period after a single capital ("U.S.", "S. Korea") is an
/// abbreviation.
pub(crate) fn count_sentence_ends(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !SENTENCE_FINAL.contains(&c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && (SENTENCE_FINAL.contains(&chars[j]) || CLOSERS.contains(&chars[j])) {
            j += 1;
        }
        // "U.S.", "S. Korea", "a.m.": one letter before the period, capital or itself after a period.
        let abbreviation = c == '.' && {
            let before: Vec<char> =
                chars[..i].iter().rev().take_while(|c| c.is_alphabetic()).copied().collect();
            let dotted = i >= 2 && chars[i - 2] == '.';
            before.len() == 1 && (before[0].is_uppercase() || dotted)
        };
        let ideographic = matches!(c, '。' | '！' | '？');
        if j == chars.len() {
            count += 1;
        } else if !abbreviation && (ideographic || chars[j].is_whitespace()) {
            let next = chars[j..].iter().find(|c| !c.is_whitespace());
            if ideographic
                || next.is_some_and(|n| {
                    n.is_uppercase() || OPENERS.contains(n) || !n.is_lowercase() && n.is_alphabetic()
                })
            {
                count += 1;
            }
        }
        i = j;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_skip_abbreviations_and_dates() {
        assert_eq!(count_sentence_ends("Japan, S. Korea leaders pledge ties"), 0);
        assert_eq!(count_sentence_ends("Updates Sept. 26"), 0);
        assert_eq!(count_sentence_ends("Er kam. Sie ging."), 2);
        assert_eq!(count_sentence_ends("«Fin.» Puis rien"), 1);
        assert!(ends_sentence("He said: \"It is over.\""));
        assert!(ends_sentence("(With inputs from agencies.)"));
        assert!(!ends_sentence("The balance is frag"));
    }

    #[test]
    fn keys_drop_bullets_and_counters() {
        let line = Line::new(1, "Kommentar (0)".into());
        assert_eq!(line.key(), "kommentar");
        let line = Line::new(1, "▶ WATCH NOW".into());
        assert_eq!(line.lead_str(), "watch now");
        assert!(line.all_caps());
    }
}
