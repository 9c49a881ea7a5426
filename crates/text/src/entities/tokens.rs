//! Words of a block with their byte offsets, and the folded keys names are compared by.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// One word of a block.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// Byte offset in the block's text.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// The word as written.
    pub text: &'a str,
    /// Whether the word opens a sentence, where capitals say nothing about names.
    pub initial: bool,
    /// Whether only whitespace separates it from the next word (names never span punctuation).
    pub joined_next: bool,
}

impl Token<'_> {
    /// Whether the word starts with a capital letter.
    pub fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether every letter is a capital and there are at least two letters ("USA", "U.S.").
    pub fn all_caps(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic());
        letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits a block's text into words. Hyphens and apostrophes inside a word keep it whole
/// ("Jae-Myung", "Lee’s"), but an elided article before a capital is cut off ("d’Italie" → "Italie");
/// dotted capitals keep their dots ("U.S.", "S.").
pub(crate) fn tokenize<'a>(text: &'a str, sentence_starts: &[usize]) -> Vec<Token<'a>> {
    let mut tokens: Vec<Token<'a>> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut next_sentence = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut start_idx = i;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() {
                j += 1;
                continue;
            }
            let next_alnum = chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            if (c == '-' || is_apostrophe(c)) && next_alnum {
                if is_apostrophe(c) {
                    let before = &text[chars[start_idx].0..chars[j].0];
                    let after_upper = chars[j + 1].1.is_uppercase();
                    if after_upper && before.chars().count() <= 4 && before.chars().all(char::is_lowercase) {
                        start_idx = j + 1;
                    }
                }
                j += 1;
                continue;
            }
            // "U.S" keeps going: a dot between single capitals.
            if c == '.' && next_alnum {
                let seg_start = text[..chars[j].0].rfind('.').map_or(chars[start_idx].0, |p| p + 1);
                let seg = &text[seg_start.max(chars[start_idx].0)..chars[j].0];
                if seg.chars().count() == 1 && seg.chars().all(char::is_uppercase) {
                    j += 1;
                    continue;
                }
            }
            break;
        }
        let start = chars[start_idx].0;
        let mut end = chars.get(j).map_or(text.len(), |(p, _)| *p);
        // A trailing dot after a single capital or a dotted abbreviation belongs to it.
        if text[end..].starts_with('.') {
            let word = &text[start..end];
            let last_seg = word.rsplit('.').next().unwrap_or(word);
            if last_seg.chars().count() == 1 && last_seg.chars().all(char::is_uppercase) {
                end += 1;
            }
        }
        while next_sentence < sentence_starts.len() && sentence_starts[next_sentence] <= start {
            next_sentence += 1;
        }
        let previous_end = tokens.last().map_or(0, |t: &Token| t.end);
        let initial =
            tokens.is_empty() || (next_sentence > 0 && sentence_starts[next_sentence - 1] >= previous_end);
        if let Some(prev) = tokens.last_mut() {
            prev.joined_next = text[prev.end..start].chars().all(char::is_whitespace);
        }
        tokens.push(Token { start, end, text: &text[start..end], initial, joined_next: false });
        i = chars.partition_point(|(p, _)| *p < end);
    }
    tokens
}

/// The key names are compared by: lower case, accents dropped, curly apostrophes straightened.
pub(crate) fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' => '\'',
            // Letters with a stroke have no decomposition: "Rafał" and "Rafal" are one name.
            'ł' => 'l',
            'ø' => 'o',
            'đ' | 'ð' => 'd',
            'ı' => 'i',
            c => c,
        })
        .collect()
}

/// The key of a multi-word name: its words folded and joined by single spaces, tokenized as text is.
pub(crate) fn name_key(name: &str) -> String {
    let tokens = tokenize(name, &[]);
    let mut key = String::new();
    for t in tokens {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&fold(t.text));
    }
    key
}

/// The word without an English-style possessive ("Lee’s" → "Lee", "Jones'" → "Jones").
pub(crate) fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if !base.is_empty() {
                return base;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, &[0]).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_keep_hyphens_apostrophes_and_dotted_capitals() {
        assert_eq!(
            words("Lee Jae-Myung’s visit to the U.S. and S. Korea."),
            ["Lee", "Jae-Myung’s", "visit", "to", "the", "U.S.", "and", "S.", "Korea"]
        );
        assert_eq!(words("l'économie d’Italie"), ["l'économie", "Italie"]);
    }

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("Südkorea"), "sudkorea");
        assert_eq!(fold("TOKIO"), "tokio");
        assert_eq!(name_key("Corée du  Sud"), "coree du sud");
        assert_eq!(strip_possessive("Lee’s"), "Lee");
    }

    #[test]
    fn sentence_openers_are_marked() {
        let text = "Hello there. Paris is big";
        let tokens = tokenize(text, &[0, 13]);
        let initial: Vec<bool> = tokens.iter().map(|t| t.initial).collect();
        assert_eq!(initial, [true, false, true, false, false]);
        assert!(tokens[0].joined_next && !tokens[1].joined_next);
    }
}
