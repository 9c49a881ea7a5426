//! A function-word vote: every word of a text found in a language's table (see [`super::stopwords`])
//! gives that language a point, shared evenly when several tables hold the word ("de" is Spanish,
//! French, Portuguese, Dutch and Turkish). News prose is 30–50 % function words, so a paragraph
//! yields dozens of votes and the winner is rarely in doubt.

use super::detector::{index_of, LanguageSet, LANGUAGES};
use super::stopwords::TABLES;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Every function word with the set of languages whose table holds it.
static WORD_LANGUAGES: LazyLock<HashMap<&'static str, LanguageSet>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, LanguageSet> = HashMap::new();
    for (code, words) in TABLES {
        let Some(bit) = index_of(code) else { continue };
        for w in *words {
            *map.entry(w).or_default() |= 1 << bit;
        }
    }
    map
});

/// The outcome of a vote over one text.
#[derive(Debug, Clone)]
pub struct Vote {
    /// Points per language, indexed like [`LANGUAGES`].
    scores: [f32; LANGUAGES.len()],
    /// Words in the text.
    pub words: usize,
}

impl Vote {
    /// Counts the function words of `text` per language.
    pub fn of(text: &str) -> Self {
        let mut scores = [0f32; LANGUAGES.len()];
        let mut words = 0;
        let mut lower = String::new();
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            words += 1;
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if let Some(&set) = WORD_LANGUAGES.get(lower.as_str()) {
                let share = 1.0 / set.count_ones() as f32;
                for (i, score) in scores.iter_mut().enumerate() {
                    if set & (1 << i) != 0 {
                        *score += share;
                    }
                }
            }
        }
        Self { scores, words }
    }

    /// The points of one language.
    pub fn score(&self, code: &str) -> f32 {
        index_of(code).map_or(0.0, |i| self.scores[i])
    }

    /// Languages with points, best first, as (code, points).
    pub fn ranked(&self) -> Vec<(&'static str, f32)> {
        let mut ranked: Vec<(&'static str, f32)> = LANGUAGES
            .iter()
            .zip(self.scores)
            .filter(|(_, s)| *s > 0.0)
            .map(|((_, code), s)| (*code, s))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        ranked
    }

    /// All points together.
    pub fn total(&self) -> f32 {
        self.scores.iter().sum()
    }

    /// The languages with at least `fraction` of the winner's points, at most `max` of them.
    pub fn contenders(&self, fraction: f32, max: usize) -> LanguageSet {
        let ranked = self.ranked();
        let Some(&(_, best)) = ranked.first() else { return 0 };
        ranked
            .iter()
            .take_while(|(_, s)| *s >= best * fraction)
            .take(max)
            .filter_map(|(code, _)| index_of(code))
            .fold(0, |set, i| set | (1 << i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_follow_function_words() {
        let v = Vote::of("Die Regierung hat am Montag beschlossen, dass die Steuern nicht steigen.");
        assert_eq!(v.ranked()[0].0, "de");
        let v = Vote::of("The government said on Monday that taxes would not rise this year.");
        assert_eq!(v.ranked()[0].0, "en");
        let v = Vote::of("El gobierno dijo el lunes que los impuestos no subirán este año.");
        assert_eq!(v.ranked()[0].0, "es");
        let v = Vote::of("O governo disse na segunda-feira que os impostos não vão subir.");
        assert_eq!(v.ranked()[0].0, "pt");
        assert_eq!(Vote::of("12:30 — 2025").total(), 0.0);
    }
}
