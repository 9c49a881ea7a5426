//! The words of a block for attribution: runs of letters and digits, lower-cased, each with what
//! stands between it and the word before (a clause boundary, a comma).

use super::marks::is_mark;

/// One word of a block.
#[derive(Debug, Clone)]
pub struct Word {
    /// Byte offset in the block's text.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// The word in lower case.
    pub lower: String,
    /// Whether it starts with a capital letter.
    pub capital: bool,
    /// Whether punctuation that ends a clause stands between the previous word and this one.
    pub boundary_before: bool,
    /// Whether that punctuation is a comma.
    pub comma_before: bool,
}

/// Whether the text between two words ends a clause: clause punctuation, dashes and brackets, a
/// hyphen with space beside it, or a quote mark with space beside it (a mark between letters is an
/// apostrophe, a hyphen between letters joins "a-t-il"). A full stop is no boundary here: callers
/// work inside one sentence, where a dot ends an abbreviation ("Gov. Ron DeSantis").
fn is_boundary(gap: &str) -> bool {
    let spaced = gap.chars().any(char::is_whitespace);
    gap.chars().any(|c| {
        matches!(c, ',' | ';' | ':' | '!' | '?' | '…' | '(' | ')' | '[' | ']' | '–' | '—' | '、' | '。')
            || (spaced && is_mark(c))
    }) || (spaced && gap.trim() == "-")
}

/// Splits a text into words.
pub fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let close = |out: &mut Vec<Word>, s: usize, e: usize, last_end: &mut usize| {
        let gap = &text[*last_end..s];
        out.push(Word {
            start: s,
            end: e,
            lower: text[s..e].to_lowercase(),
            capital: text[s..e].chars().next().is_some_and(char::is_uppercase),
            boundary_before: out.is_empty() || is_boundary(gap),
            comma_before: gap.contains(','),
        });
        *last_end = e;
    };
    for (at, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                close(&mut out, s, at, &mut last_end);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        close(&mut out, s, text.len(), &mut last_end);
    }
    out
}

/// The words of a table entry ("according to", "d'après"), split the way text is.
pub fn phrase(entry: &str) -> Vec<String> {
    words(entry).into_iter().map(|w| w.lower).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_boundaries() {
        let w = words("Ishiba, who met Lee, said: „Ja“ - l'homme a-t-il Gov. Ron");
        let lower: Vec<&str> = w.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(
            lower,
            ["ishiba", "who", "met", "lee", "said", "ja", "l", "homme", "a", "t", "il", "gov", "ron"]
        );
        let b: Vec<bool> = w.iter().map(|w| w.boundary_before).collect();
        assert_eq!(b, [true, true, false, false, true, true, true, false, false, false, false, false, false]);
        assert!(w[1].comma_before && !w[5].comma_before && w[0].capital && !w[1].capital);
        assert_eq!(phrase("d'après"), ["d", "après"]);
    }
}
