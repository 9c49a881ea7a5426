//! Helpers around the FTS5 query language and snippets.

/// Marks the start of a match in snippets asked from FTS5; a control character that cleaned text
/// does not contain, so it can be found and removed without ambiguity.
pub(crate) const MATCH_OPEN: char = '\u{2}';
/// Marks the end of a match in snippets asked from FTS5.
pub(crate) const MATCH_CLOSE: char = '\u{3}';

/// Turns free text typed by a user into an FTS5 query that finds articles containing every word.
///
/// Each whitespace-separated word becomes a quoted phrase, so punctuation inside it (`Ishiba-Lee`,
/// `O'Neill`, `10:00`) is split by the tokenizer instead of being read as query syntax. Words without
/// a letter or digit are dropped; the result is empty when nothing is left.
pub fn plain_query(text: &str) -> String {
    let mut query = String::new();
    for word in text.split_whitespace() {
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        if !query.is_empty() {
            query.push(' ');
        }
        query.push('"');
        query.push_str(&word.replace('"', "\"\""));
        query.push('"');
    }
    query
}

/// Removes the match markers from a snippet and returns the clean text with the byte ranges of the
/// matches in it.
pub(crate) fn split_snippet(marked: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(marked.len());
    let mut highlights = Vec::new();
    let mut open: Option<usize> = None;
    for c in marked.chars() {
        match c {
            MATCH_OPEN => open = Some(text.len()),
            MATCH_CLOSE => {
                if let Some(start) = open.take() {
                    highlights.push((start, text.len()));
                }
            }
            _ => text.push(c),
        }
    }
    (text, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_query_quotes_every_word() {
        assert_eq!(plain_query("  Ishiba-Lee  \"summit\" - "), r#""Ishiba-Lee" """summit""""#);
        assert_eq!(plain_query("--- !!"), "");
    }

    #[test]
    fn snippet_markers_become_byte_ranges() {
        let (text, ranges) = split_snippet("ein \u{2}Gipfel\u{3} in \u{2}Tōkyō\u{3}…");
        assert_eq!(text, "ein Gipfel in Tōkyō…");
        assert_eq!(ranges.iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>(), ["Gipfel", "Tōkyō"]);
    }
}
