//! Quote marks: which characters open a quotation, which close it, and the spans they enclose.
//!
//! Curly and angle marks say on their own whether they open or close; straight marks (`"`, `'`) and
//! the curly single marks that double as apostrophes (`’`) are read from their neighbours: an opening
//! mark stands after a non-letter and before a non-space, a closing mark after a non-space and before
//! a non-letter, so "O'Neil" and "Lee's" hold no mark at all.

/// The longest quotation taken, in bytes: an opening mark left unclosed must not swallow a book.
pub const MAX_QUOTE_BYTES: usize = 4000;

/// One opening mark and the marks that close it.
struct Pair {
    open: char,
    closers: &'static [char],
}

/// Every opening mark, with its closers: German „…“ and „…”, English “…”, Swedish ”…”, French «…»,
/// German »…«, single ‹…› ›…‹ ‚…‘ ‘…’, straight "…" '…', and the CJK corner brackets.
const PAIRS: &[Pair] = &[
    Pair { open: '„', closers: &['“', '”'] },
    Pair { open: '“', closers: &['”'] },
    Pair { open: '”', closers: &['”'] },
    Pair { open: '«', closers: &['»'] },
    Pair { open: '»', closers: &['«'] },
    Pair { open: '‹', closers: &['›'] },
    Pair { open: '›', closers: &['‹'] },
    Pair { open: '「', closers: &['」'] },
    Pair { open: '『', closers: &['』'] },
    Pair { open: '"', closers: &['"'] },
    Pair { open: '‚', closers: &['‘', '’'] },
    Pair { open: '‘', closers: &['’'] },
    Pair { open: '\'', closers: &['\''] },
];

/// Whether a character is a quote mark of any kind (opening or closing).
pub fn is_mark(c: char) -> bool {
    PAIRS.iter().any(|p| p.open == c || p.closers.contains(&c))
}

/// Marks whose role depends on their neighbours.
fn is_ambiguous(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '‘')
}

/// Single marks, which double as apostrophes.
fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚')
}

/// Marks after which a space may stand (French « texte », CJK brackets).
fn allows_inner_space(c: char) -> bool {
    matches!(c, '«' | '»' | '‹' | '›' | '「' | '『')
}

/// A mark in the text with what its neighbours allow it to be.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    c: char,
    can_open: bool,
    can_close: bool,
}

/// One quotation found between a pair of marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkedSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just past the opening mark: where the quoted words start.
    pub inner_start: usize,
    /// Byte offset of the closing mark: where the quoted words end.
    pub inner_end: usize,
    /// Byte offset just past the closing mark.
    pub close_end: usize,
}

fn scan_marks(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if is_mark(c) {
            let opener = PAIRS.iter().any(|p| p.open == c);
            let closer = PAIRS.iter().any(|p| p.closers.contains(&c));
            let next_is_space = next.is_none_or(char::is_whitespace);
            // A single mark before a digit elides a century ("the '90s"), it opens nothing.
            let elision = is_single(c) && next.is_some_and(|n| n.is_ascii_digit());
            let can_open = opener
                && !elision
                && (!next_is_space || (allows_inner_space(c) && next.is_some()))
                && (!is_ambiguous(c) || !prev.is_some_and(char::is_alphanumeric));
            let can_close = closer
                && (!is_ambiguous(c)
                    || (prev.is_some_and(|p| !p.is_whitespace())
                        && !next.is_some_and(char::is_alphanumeric)));
            if can_open || can_close {
                marks.push(Mark { at, c, can_open, can_close });
            }
        }
        prev = Some(c);
    }
    marks
}

/// The quotations of a text, in order, never overlapping. An opening mark without its closer within
/// [`MAX_QUOTE_BYTES`], or followed by a second opening mark of its kind before the closer, is taken
/// for a stray and skipped; quotations nested inside another are part of the outer one's words.
pub fn quoted_spans(text: &str) -> Vec<MarkedSpan> {
    let marks = scan_marks(text);
    // Per mark character, the indices (into `marks`) where it can close and where it can only open.
    let mut closing: Vec<(char, Vec<usize>)> = Vec::new();
    let mut only_opening: Vec<(char, Vec<usize>)> = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        let lists = [(m.can_close, &mut closing), (m.can_open && !m.can_close, &mut only_opening)];
        for (yes, list) in lists {
            if !yes {
                continue;
            }
            match list.iter_mut().find(|(c, _)| *c == m.c) {
                Some((_, v)) => v.push(i),
                None => list.push((m.c, vec![i])),
            }
        }
    }
    let next_in = |list: &[(char, Vec<usize>)], c: char, after: usize| -> Option<usize> {
        let (_, v) = list.iter().find(|(k, _)| *k == c)?;
        v.get(v.partition_point(|&i| i <= after)).copied()
    };
    let mut spans = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        let m = marks[i];
        let pair = PAIRS.iter().find(|p| p.open == m.c);
        let (true, Some(pair)) = (m.can_open, pair) else {
            i += 1;
            continue;
        };
        let close = pair.closers.iter().filter_map(|&c| next_in(&closing, c, i)).min();
        let reopened = next_in(&only_opening, m.c, i);
        match close {
            Some(j)
                if reopened.is_none_or(|k| k > j)
                    && marks[j].at - m.at <= MAX_QUOTE_BYTES
                    && marks[j].at > m.at + m.c.len_utf8() =>
            {
                spans.push(MarkedSpan {
                    open: m.at,
                    inner_start: m.at + m.c.len_utf8(),
                    inner_end: marks[j].at,
                    close_end: marks[j].at + marks[j].c.len_utf8(),
                });
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        quoted_spans(text).iter().map(|s| &text[s.inner_start..s.inner_end]).collect()
    }

    #[test]
    fn every_kind_of_pair_is_read() {
        assert_eq!(inner("„Ja“ und „nein”"), ["Ja", "nein"]);
        assert_eq!(inner("“one” and \"two\" and ‘three’"), ["one", "two", "three"]);
        assert_eq!(inner("« un » puis »zwei« et ‹ tre ›"), [" un ", "zwei", " tre "]);
        assert_eq!(inner("「はい」と『いいえ』"), ["はい", "いいえ"]);
        assert_eq!(inner("”Hej” sa han"), ["Hej"]);
    }

    #[test]
    fn apostrophes_and_strays_are_no_quotes() {
        assert!(inner("O'Neil's dog and Lee’s cat").is_empty());
        assert!(inner("the '90s, when the players' union was strong").is_empty());
        assert!(inner("a 5\" pipe and „nothing closes").is_empty());
        assert_eq!(inner("„stray then „real“"), ["real"]);
        assert_eq!(inner("\"nested ‘inner’ words\""), ["nested ‘inner’ words"]);
    }

    #[test]
    fn an_unclosed_mark_does_not_swallow_a_long_text() {
        let text = format!("“{} “short”", "word ".repeat(MAX_QUOTE_BYTES));
        assert_eq!(inner(&text), ["short"]);
    }
}
