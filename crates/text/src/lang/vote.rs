//! A function-word vote: every word of a text found in a language's table (see [`super::stopwords`])
//! gives that language a point, shared evenly when several tables hold the word ("de" is Spanish,
//! French, Portuguese, Dutch and Turkish). News prose is 30–50 % function words, so a paragraph
//! yields dozens of votes and the winner is rarely in doubt.

use super::detector::{index_of, LanguageSet, LANGUAGES};
use super::stopwords::TABLES;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Function words (lowercase bytes) with the languages holding each and the point each gets.
type WordTable = FxHashMap<&'static [u8], (LanguageSet, f32)>;

/// Every function word (as bytes: the ASCII path looks words up without re-validating them) with
/// the set of languages whose table holds it and the point each of them gets, and the longest word in
/// bytes. The vote runs on every block of every page: a fast hash and the length bound keep it cheap.
static WORD_LANGUAGES: LazyLock<(WordTable, usize)> = LazyLock::new(|| {
    let mut sets: FxHashMap<&'static [u8], LanguageSet> = FxHashMap::default();
    for (code, words) in TABLES {
        let Some(bit) = index_of(code) else { continue };
        for w in *words {
            *sets.entry(w.as_bytes()).or_default() |= 1 << bit;
        }
    }
    let longest = sets.keys().map(|w| w.len()).max().unwrap_or(0);
    let table = sets.into_iter().map(|(word, set)| (word, (set, 1.0 / set.count_ones() as f32))).collect();
    (table, longest)
});

/// ASCII words up to this many bytes (every function word, in practice) are lowercased on the stack.
const ASCII_BUFFER: usize = 32;

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
        let (table, longest) = &*WORD_LANGUAGES;
        let mut scores = [0f32; LANGUAGES.len()];
        let mut words = 0;
        let mut lower = String::new();
        let mut ascii = [0u8; ASCII_BUFFER];
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            words += 1;
            let is_ascii = word.is_ascii();
            // ASCII lowercasing keeps the length, so a longer word cannot be in any table.
            if is_ascii && word.len() > *longest {
                continue;
            }
            let found = if is_ascii && word.len() <= ASCII_BUFFER {
                let folded = &mut ascii[..word.len()];
                folded.copy_from_slice(word.as_bytes());
                folded.make_ascii_lowercase();
                table.get(&*folded)
            } else {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                table.get(lower.as_bytes())
            };
            if let Some(&(mut set, share)) = found {
                while set != 0 {
                    scores[set.trailing_zeros() as usize] += share;
                    set &= set - 1;
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

    /// The language other than `code` that [`Vote::ranked`] puts first, without building the ranking
    /// (this runs for every block).
    pub fn best_except(&self, code: &str) -> Option<(&'static str, f32)> {
        let mut best: Option<(&'static str, f32)> = None;
        for (&(_, candidate), points) in LANGUAGES.iter().zip(self.scores) {
            if points <= 0.0 || candidate == code {
                continue;
            }
            // Ties go to the smaller code, as in the ranking.
            let better =
                best.is_none_or(|(held, most)| points > most || (points == most && candidate < held));
            if better {
                best = Some((candidate, points));
            }
        }
        best
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

    #[test]
    fn best_except_agrees_with_the_ranking() {
        for text in [
            "Die Regierung hat am Montag beschlossen, dass die Steuern nicht steigen.",
            "The government said on Monday that taxes would not rise this year.",
            "de la de",
            "O governo disse que os impostos não vão subir.",
            "12:30",
        ] {
            let vote = Vote::of(text);
            for (_, code) in LANGUAGES {
                let expected = vote.ranked().into_iter().find(|(c, _)| *c != code);
                assert_eq!(vote.best_except(code), expected, "{text} except {code}");
            }
        }
    }

    #[test]
    fn long_and_mixed_case_words_vote_like_lowercase_ones() {
        let upper = Vote::of("THE GOVERNMENT SAID THAT IT WOULD NOT RAISE TAXES");
        let lower = Vote::of("the government said that it would not raise taxes");
        assert_eq!(upper.ranked(), lower.ranked());
        let long = Vote::of(&format!("{} und die", "x".repeat(100)));
        assert_eq!(long.words, 3);
        assert_eq!(long.ranked()[0].0, "de");
    }
}
