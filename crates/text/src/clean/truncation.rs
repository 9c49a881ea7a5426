//! Whether an article's body is cut short: its last paragraph does not end a sentence.

use super::line::strip_closers;
use model::{Block, BlockKind};

/// Marks of an editorial cut ("[…]"), which always mean the text goes on elsewhere.
const CUT_MARKS: &[&str] = &["[…]", "[...]", "(…)", "(...)"];
/// Sentence-final punctuation other than the ellipsis.
const FINAL: &[char] = &['.', '!', '?', '。', '！', '？', '؟', '۔', '।', '．', '‼'];
/// Quote marks that open a quotation.
const OPENING_QUOTES: &[char] = &['"', '“', '„', '«', '‹', '‘', '「', '『'];

/// Whether the last paragraph among `body` ends mid-sentence or mid-word.
///
/// Titles and headings never count (they carry no final punctuation), and blocks of any other kind
/// are skipped, so boilerplate after the last paragraph cannot hide a cut.
pub fn is_truncated(body: &[&Block]) -> bool {
    body.iter()
        .rev()
        .find(|b| b.kind == BlockKind::Paragraph && !b.text.trim().is_empty())
        .is_some_and(|b| !ends_complete(&b.text))
}

/// Whether `text` ends where a sentence ends.
///
/// Final punctuation counts, closing quotes or brackets after it too, and so does a closing quote
/// that completes a quotation opened in the text. A trailing ellipsis that is not inside a quotation
/// does not count: news prose does not trail off, so an ellipsis at the very end marks a teaser or
/// an excerpt. Anything else (a letter, a digit, a comma, a colon, a dash) is a cut.
pub fn ends_complete(text: &str) -> bool {
    let trimmed = text.trim_end();
    if CUT_MARKS.iter().any(|m| trimmed.ends_with(m)) {
        return false;
    }
    let (rest, quote_closed) = strip_closers(trimmed);
    let ellipsis = rest.ends_with('…') || rest.ends_with("...");
    if ellipsis {
        return quote_closed;
    }
    if rest.chars().next_back().is_some_and(|c| FINAL.contains(&c)) {
        return true;
    }
    // A quotation closed without a period ("… der Geldpolitik"), common where the period would follow the
    // quote mark and the scraper dropped it.
    quote_closed && rest.ends_with(char::is_alphanumeric) && rest.contains(OPENING_QUOTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_endings() {
        assert!(ends_complete("Das Treffen endete am Abend."));
        assert!(ends_complete("¿Y ahora qué?"));
        assert!(ends_complete("Il a dit : « C'est fini. »"));
        assert!(ends_complete("Sie sagte: „Wir bleiben“"));
        assert!(ends_complete("(With inputs from agencies.)"));
        assert!(ends_complete("会谈在东京举行。"));
    }

    #[test]
    fn cut_endings() {
        assert!(!ends_complete("The talks were described as constru"));
        assert!(!ends_complete("Les résultats sont les suivants :"));
        assert!(!ends_complete("Il ministro ha detto che la decisione sarà presa a..."));
        assert!(!ends_complete("Der Bericht geht weiter […]"));
        assert!(!ends_complete("- Kraków: 62,16"));
        assert!(!ends_complete("The deal (signed in May"));
    }
}
