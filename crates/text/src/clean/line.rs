//! One input line with the structural features the rules read, computed once.

use super::cues::{fold, words, INDEX};
use crate::lang::{script_of, Script};
use std::cell::OnceCell;

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
    /// Share of word tokens that are function words of some language, computed on first use: most
    /// lines are decided before a rule asks (a lookup per word is the dearest feature).
    stopword_share: OnceCell<f32>,
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
        // ASCII letters are counted apart: most text is mostly ASCII.
        let mut latin = 0;
        let mut scripts: Vec<(Script, usize)> = Vec::with_capacity(2);
        for c in text.chars() {
            if c.is_ascii() {
                if c.is_ascii_digit() {
                    digits += 1;
                } else if c.is_ascii_alphabetic() {
                    letters += 1;
                    uppercase += usize::from(c.is_ascii_uppercase());
                    latin += 1;
                }
                continue;
            }
            if c.is_numeric() && !c.is_alphabetic() {
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
        if latin > 0 {
            match scripts.iter_mut().find(|(k, _)| *k == Script::Latin) {
                Some((_, n)) => *n += latin,
                None => scripts.push((Script::Latin, latin)),
            }
        }
        let (script, script_letters) =
            scripts.iter().max_by_key(|(_, n)| *n).map_or((None, 0), |(s, n)| (Some(*s), *n));
        // The text is normalized: words are separated by single spaces.
        let tokens = text.bytes().filter(|&b| b == b' ').count() + 1;
        let words = tokens.max(ideographs / 2);
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
            stopword_share: OnceCell::new(),
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

    /// Share of word tokens that are function words of some language.
    pub fn stopword_share(&self) -> f32 {
        *self.stopword_share.get_or_init(|| stopword_share(&self.folded))
    }

    /// Whether the line reads like running prose: long, punctuated, rich in function words.
    pub fn prose_like(&self) -> bool {
        self.words >= 12 && self.ends_sentence && self.stopword_share() >= 0.2
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

    /// Share of content words (not function words) that start with an uppercase letter.
    pub fn capitalized_share(&self) -> f32 {
        let mut content = 0;
        let mut capitalized = 0;
        for token in self.text.split_whitespace() {
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
        if content == 0 {
            0.0
        } else {
            capitalized as f32 / content as f32
        }
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

/// Share of function words among the word tokens of a folded text.
fn stopword_share(folded: &str) -> f32 {
    let mut tokens = 0;
    let mut stop = 0;
    for (_, token) in words(folded).filter(|(_, t)| t.chars().any(char::is_alphabetic)) {
        tokens += 1;
        if INDEX.is_stopword(token) {
            stop += 1;
        }
    }
    if tokens == 0 {
        0.0
    } else {
        stop as f32 / tokens as f32
    }
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
/// capitalized word or an opening quote. A period after a single capital ("U.S.", "S. Korea") or
/// inside a dotted abbreviation ("a.m.") is no sentence end.
pub(crate) fn count_sentence_ends(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Only bytes that can start a sentence-final character need a look (they are char boundaries).
        if !matches!(bytes[i], b'.' | b'!' | b'?' | 0xD8 | 0xDB | 0xE0 | 0xE2 | 0xE3 | 0xEF) {
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        if !SENTENCE_FINAL.contains(&c) {
            i += c.len_utf8();
            continue;
        }
        let before = &text[..i];
        let mut letters = before.chars().rev().take_while(|l| l.is_alphabetic());
        let abbreviation = c == '.'
            && match (letters.next(), letters.next()) {
                (Some(letter), None) => {
                    let preceding = before[..before.len() - letter.len_utf8()].chars().next_back();
                    letter.is_uppercase() || preceding == Some('.')
                }
                _ => false,
            };
        let ideographic = matches!(c, '。' | '！' | '？');
        let rest = text[i + c.len_utf8()..]
            .trim_start_matches(|n: char| SENTENCE_FINAL.contains(&n) || CLOSERS.contains(&n));
        i = text.len() - rest.len();
        if rest.is_empty() {
            count += 1;
        } else if !abbreviation && (ideographic || rest.starts_with(char::is_whitespace)) {
            let next = rest.trim_start().chars().next();
            let opens =
                |n: char| n.is_uppercase() || OPENERS.contains(&n) || n.is_alphabetic() && !n.is_lowercase();
            if ideographic || next.is_some_and(opens) {
                count += 1;
            }
        }
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
