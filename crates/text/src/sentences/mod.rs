//! Sentence splitting with per-language rules (one file per language in `lang/`, copy
//! `lang/_template.rs` to add one).
//!
//! A line break always ends a sentence (news text keeps one paragraph per line). Inside a line a
//! sentence ends after `.`, `!`, `?`, `…` (with any closing quotes or brackets) followed by space
//! and a character that can start a sentence, or right after a full-width `。！？`. A dot does not
//! end a sentence after one of the language's abbreviations, after a single capital letter (an
//! initial), after a one- or two-digit number in languages that write ordinals with a dot
//! ("3. Oktober"), or when the next word starts in lower case. An end mark with no space after it
//! ends a sentence only where a scraper glued two sentences ("reported.The National Rally"): after a
//! lower-case letter, digit, `%` or closing mark and before a capitalized word, never inside an address
//! or a dotted abbreviation.

mod lang;

use std::ops::Range;

/// The sentence rules of one language.
#[derive(Debug, Clone, Copy)]
pub struct SentenceRules {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Words whose final dot ends no sentence, lower-case, without that dot.
    pub abbreviations: &'static [&'static str],
    /// Whether a dot after a one- or two-digit number marks an ordinal ("3. Oktober").
    pub ordinal_dot: bool,
}

/// The rules of a language without its own file: no abbreviations.
pub const DEFAULT_RULES: SentenceRules = SentenceRules { code: "", abbreviations: &[], ordinal_dot: false };

/// The rules for an ISO 639-1 code (the default rules for a language without a file).
pub fn rules_for(language: &str) -> &'static SentenceRules {
    lang::LANGUAGES.iter().copied().find(|r| r.code == language).unwrap_or(&DEFAULT_RULES)
}

/// The sentences of `text`, trimmed, in order.
pub fn split_sentences<'a>(text: &'a str, language: &str) -> Vec<&'a str> {
    sentence_spans(text, language).into_iter().map(|r| &text[r]).collect()
}

/// The byte ranges of the sentences of `text` (trimmed, never empty), in order.
pub fn sentence_spans(text: &str, language: &str) -> Vec<Range<usize>> {
    let rules = rules_for(language);
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        split_line(line, line_start, rules, &mut spans);
        line_start += line.len() + 1;
    }
    spans
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '।' | '‼' | '⁇')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '}' | '“' | '」' | '』')
}

fn is_full_width(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

fn push_trimmed(line: &str, offset: usize, range: Range<usize>, spans: &mut Vec<Range<usize>>) {
    let piece = &line[range.clone()];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + (piece.len() - piece.trim_start().len());
    spans.push(offset + start..offset + start + trimmed.len());
}

fn split_line(line: &str, offset: usize, rules: &SentenceRules, spans: &mut Vec<Range<usize>>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        // The run of terminators and closing marks that ends here.
        let mut j = i;
        while j < chars.len() && (is_terminator(chars[j].1) || (j > i && is_closer(chars[j].1))) {
            j += 1;
        }
        let end = chars.get(j).map_or(line.len(), |&(b, _)| b);
        let run: String = chars[i..j].iter().map(|&(_, c)| c).filter(|c| is_terminator(*c)).collect();
        if is_full_width(c) {
            push_trimmed(line, offset, start..end, spans);
            start = end;
            i = j;
            continue;
        }
        // A sentence needs space after its end mark ("3.5", "example.com" do not end one), unless the
        // text lost that space ("… Euronews reported.The National Rally …", paragraphs glued by a
        // scraper): then the end mark sits between a word and a capitalized word.
        if j < chars.len() && !chars[j].1.is_whitespace() {
            if glued_boundary(line, &chars, start, i, j, rules) {
                push_trimmed(line, offset, start..end, spans);
                start = chars[j].0;
            }
            i = j;
            continue;
        }
        let Some(&(next_at, next)) = chars[j..].iter().find(|(_, c)| !c.is_whitespace()) else {
            break;
        };
        let ends = if next.is_lowercase() {
            false
        } else if run == "." {
            !dot_is_inside(&line[start..at], rules)
        } else if run == "..." || run == "…" {
            next.is_uppercase() || !next.is_alphabetic()
        } else {
            true
        };
        if ends {
            push_trimmed(line, offset, start..end, spans);
            start = next_at;
        }
        i = j;
    }
    push_trimmed(line, offset, start..line.len(), spans);
}

/// Whether the end mark at `chars[i]`, followed without space by `chars[j]`, ends a sentence whose
/// space was lost: it comes after a lower-case letter, a digit, `%` or a closing mark, and before a
/// capitalized word; neither neighbouring token looks like an address or a dotted abbreviation
/// ("U.S.Army", "www.Example.com", "Dr.Smith" stay whole).
fn glued_boundary(
    line: &str,
    chars: &[(usize, char)],
    start: usize,
    i: usize,
    j: usize,
    rules: &SentenceRules,
) -> bool {
    let mark = chars[i].1;
    if !matches!(mark, '.' | '!' | '?') || i == 0 {
        return false;
    }
    let prev = chars[i - 1].1;
    if !(prev.is_lowercase() || prev.is_ascii_digit() || prev == '%' || is_closer(prev)) {
        return false;
    }
    let starts_word = chars[j].1.is_uppercase() && chars.get(j + 1).is_some_and(|c| c.1.is_lowercase());
    if !starts_word {
        return false;
    }
    let at = chars[i].0;
    let before = &line[start..at];
    let token_before = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let after = &line[chars[j].0..];
    let token_after = after.split(char::is_whitespace).next().unwrap_or("");
    // A dot before a letter inside a token ("U.S", "example.com"), not a decimal point ("12.5%").
    let address_like = |t: &str| {
        t.contains(['/', '@', '\\'])
            || t.char_indices().any(|(k, c)| c == '.' && t[k + 1..].starts_with(char::is_alphabetic))
    };
    if address_like(token_before) || address_like(token_after.trim_end_matches(is_terminator)) {
        return false;
    }
    mark != '.' || !dot_is_inside(before, rules)
}

/// Whether the dot after `before` belongs to its last word (an abbreviation, an initial, an
/// ordinal) rather than ending the sentence.
fn dot_is_inside(before: &str, rules: &SentenceRules) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        if first.is_uppercase() {
            return true;
        }
    }
    if rules.ordinal_dot && word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let lower = word.to_lowercase();
    rules.abbreviations.contains(&lower.as_str())
}
