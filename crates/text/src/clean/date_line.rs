//! Date-only lines ("30 June 2024, 20:42", "Jan 25, 2024", "Newsroom June 6 03:43"): boilerplate for
//! cleaning, read again by the dates stage from the blocks.

use super::cues::{fold, INDEX};
use super::line::Line;

/// Longest line, in words, that can be a date line.
const MAX_WORDS: usize = 12;
/// Other words a date line may carry ("Updated", "Newsroom").
const MAX_OTHER_WORDS: usize = 2;
/// Other words allowed when the line has both a date and a clock time (a "published at" line).
const MAX_OTHER_WORDS_WITH_TIME: usize = 5;
/// Time-zone and clock abbreviations seen next to times.
const CLOCK_WORDS: &[&str] = &[
    "am", "pm", "a.m", "p.m", "uhr", "h", "gmt", "utc", "et", "edt", "est", "cet", "cest", "mez", "mesz",
    "bst",
];

/// What one token of a candidate line is.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// A day or a year (1 to 4 digits, maybe an ordinal suffix).
    Number { year: bool },
    /// A numeric date such as 01/07/2024, 12.09.2024 or 2024-09-12.
    NumericDate,
    /// A clock time such as 20:42 or 20h30.
    Time,
    /// A word that follows a clock time ("pm", "Uhr", "GMT"); also a word in some languages ("am").
    ClockWord,
    /// A month name.
    Month,
    /// A weekday name.
    Weekday,
    /// A function word ("at", "à", "um").
    Connector,
    /// Punctuation only ("•", "|", "-").
    Separator,
    /// Anything else.
    Other,
}

fn classify_token(raw: &str) -> Token {
    let token = raw.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '[' | ']' | '|' | '•' | '·'));
    if token.is_empty() || !token.chars().any(char::is_alphanumeric) {
        return Token::Separator;
    }
    let folded = fold(token.trim_end_matches('.'));
    if folded.chars().all(|c| c.is_ascii_digit()) && (1..=4).contains(&folded.len()) {
        let year = folded.len() == 4 && (folded.starts_with("19") || folded.starts_with("20"));
        return Token::Number { year };
    }
    let digits = folded.chars().filter(char::is_ascii_digit).count();
    if digits >= 3
        && folded.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | 'h'))
        && folded.contains([':', 'h'])
    {
        return Token::Time;
    }
    if digits >= 4 && folded.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-')) {
        let parts: Vec<usize> = folded.split(['/', '.', '-']).map(str::len).collect();
        let day_first = matches!(parts[..], [1..=2, 1..=2, 2 | 4]);
        let year_first = matches!(parts[..], [4, 1..=2, 1..=2]);
        if day_first || year_first {
            return Token::NumericDate;
        }
    }
    let ordinal = folded.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits > 0 && digits <= 2 && ["st", "nd", "rd", "th", "er", "e", "º", "ª"].contains(&ordinal) {
        return Token::Number { year: false };
    }
    if CLOCK_WORDS.contains(&folded.as_str()) {
        return Token::ClockWord;
    }
    if INDEX.is_month(&folded) {
        return Token::Month;
    }
    if INDEX.is_weekday(&folded) {
        return Token::Weekday;
    }
    if INDEX.is_stopword(&folded) {
        return Token::Connector;
    }
    Token::Other
}

/// Whether the line holds only a date (and maybe a time and a word or two).
pub(crate) fn is_date_line(line: &Line) -> bool {
    if line.words > MAX_WORDS || line.digits == 0 || line.sentence_ends > 1 {
        return false;
    }
    let mut month = false;
    let mut weekday = false;
    let mut number = false;
    let mut year = false;
    let mut numeric_date = false;
    let mut time = false;
    let mut other = 0;
    let mut after_number = false;
    for raw in line.text.split_whitespace() {
        let token = classify_token(raw);
        let was_after_number = after_number;
        after_number = matches!(token, Token::Number { .. } | Token::Time);
        match token {
            Token::Number { year: y } => {
                number = true;
                year |= y;
            }
            Token::NumericDate => numeric_date = true,
            Token::Time => time = true,
            Token::ClockWord if was_after_number => time = true,
            Token::ClockWord => {}
            Token::Month => month = true,
            Token::Weekday => weekday = true,
            Token::Connector | Token::Separator => {}
            Token::Other => other += 1,
        }
    }
    let has_date = numeric_date || (month || weekday) && number;
    if !has_date {
        return false;
    }
    // Without a year, a time or a numeric date, a date among words is more likely a heading ("Vote on 7 July").
    let strong = year || time || numeric_date;
    let allowed = if time { MAX_OTHER_WORDS_WITH_TIME } else { MAX_OTHER_WORDS };
    if strong {
        other <= allowed
    } else {
        other == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_line(text: &str) -> bool {
        is_date_line(&Line::new(1, text.into()))
    }

    #[test]
    fn recognises_date_lines() {
        assert!(date_line("14 March 2023, 09:15"));
        assert!(date_line("Mar 3, 2021"));
        assert!(date_line("Dienstag, 4. Februar 2020"));
        assert!(date_line("mis à jour le 02/03/2019 à 18h05"));
        assert!(date_line("Lunes, 3 de febrero"));
    }

    #[test]
    fn rejects_text_with_dates() {
        assert!(!date_line("Abstimmung am 4. Februar"));
        assert!(!date_line("Kraków, 3"));
        assert!(!date_line("The vote took place on 3 March 2021 in the capital of the country."));
    }
}
