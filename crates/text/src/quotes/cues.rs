//! A language's attribution cues made ready for matching: table phrases split into words, and the
//! role nouns of the entity tables.

use super::lang::{self, QuoteLanguage};
use super::words::{phrase, Word};
use crate::entities::lang::{self as entity_lang, EntityLanguage};

/// The shortest title matched as the stem of a longer word ("minister" in "ministers").
const MIN_ROLE_STEM: usize = 5;
/// The most letters an inflection may add to a role stem ("ministers", "présidente", "dirigeants").
const MAX_ROLE_ENDING: usize = 2;

/// The cues of one language, with every phrase split into words.
pub struct Cues {
    /// The language table.
    pub table: &'static QuoteLanguage,
    /// The entity table whose titles are the role nouns.
    roles: &'static EntityLanguage,
    verbs: Vec<Vec<String>>,
    right_after: Vec<Vec<String>>,
    sources: Vec<Vec<String>>,
    participles: Vec<Vec<String>>,
    joint: Vec<Vec<String>>,
}

/// What a cue of saying is, which says where its subject stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbKind {
    /// A finite verb: subject before it, or after it when inverted.
    Finite,
    /// A preposition of source ("according to"): the speaker follows.
    Source,
    /// A participle ("adding"): the subject is the main clause's.
    Participle,
}

/// A verb of saying found in a block: the word indices it covers (a separable verb covers its
/// finite form only; its particle stands later).
#[derive(Debug, Clone, Copy)]
pub struct VerbHit {
    /// First word of the verb.
    pub first: usize,
    /// Last word of the verb.
    pub last: usize,
    /// What kind of cue it is.
    pub kind: VerbKind,
}

fn matches_at(words: &[Word], at: usize, end: usize, entry: &[String]) -> bool {
    at + entry.len() <= end
        && entry.iter().enumerate().all(|(k, e)| {
            let w = &words[at + k];
            w.lower == *e && (k == 0 || !w.boundary_before)
        })
}

impl Cues {
    /// The cues for an ISO 639-1 code (English for languages without a table).
    pub fn new(code: &str) -> Self {
        let table = lang::for_language(code);
        let split = |list: &[&str]| list.iter().map(|e| phrase(e)).filter(|p| !p.is_empty()).collect();
        Cues {
            table,
            roles: entity_lang::for_language(table.code),
            verbs: split(table.verbs),
            right_after: split(table.right_after_cues),
            sources: split(table.source_cues),
            participles: split(table.participles),
            joint: split(table.joint_cues),
        }
    }

    /// The verbs of saying among `words[start..end]` outside quotations (`quoted`), in text order.
    /// Cues that attribute only right after a closing mark count when `after_quote` and they are the
    /// first word.
    pub fn verbs_in(
        &self,
        words: &[Word],
        quoted: &[bool],
        range: std::ops::Range<usize>,
        after_quote: bool,
    ) -> Vec<VerbHit> {
        let (start, end) = (range.start, range.end.min(words.len()));
        let mut hits = Vec::new();
        for at in start..end {
            if quoted[at] {
                continue;
            }
            let lists = [
                (&self.verbs, VerbKind::Finite),
                (&self.sources, VerbKind::Source),
                (&self.participles, VerbKind::Participle),
            ];
            let found = lists.iter().find_map(|(list, kind)| {
                list.iter().find(|e| matches_at(words, at, end, e)).map(|e| (e.len(), *kind))
            });
            if let Some((len, kind)) = found {
                hits.push(VerbHit { first: at, last: at + len - 1, kind });
                continue;
            }
            if after_quote && at == start && self.right_after.iter().any(|e| matches_at(words, at, end, e)) {
                hits.push(VerbHit { first: at, last: at, kind: VerbKind::Source });
                continue;
            }
            let word = &words[at].lower;
            let separable = self.table.separable_verbs.iter().filter(|(finite, _)| finite == word);
            for (_, particle) in separable {
                // The particle stands later in the same sentence (the range ends with it).
                if words[at + 1..end].iter().any(|w| w.lower == *particle) {
                    hits.push(VerbHit { first: at, last: at, kind: VerbKind::Finite });
                    break;
                }
            }
        }
        hits
    }

    /// Whether a joint-statement phrase starts at word `at` (each cue word a prefix of the text's).
    pub fn joint_cue_at(&self, words: &[Word], at: usize, end: usize) -> Option<usize> {
        self.joint.iter().find_map(|entry| {
            let fits = at + entry.len() <= end
                && entry.iter().enumerate().all(|(k, e)| {
                    let w = &words[at + k];
                    w.lower.starts_with(e.as_str()) && (k == 0 || !w.boundary_before)
                });
            fits.then_some(entry.len())
        })
    }

    /// Whether a word is a role noun: a title of the entity table, in the singular or a short
    /// inflection of it, or a compound ending in a title suffix ("Verteidigungsminister").
    pub fn is_role(&self, word: &str) -> bool {
        self.roles.titles.iter().any(|t| {
            let t = t.trim_end_matches('.');
            word == t
                || (t.chars().count() >= MIN_ROLE_STEM
                    && word.starts_with(t)
                    && word[t.len()..].chars().count() <= MAX_ROLE_ENDING)
        }) || self.roles.title_suffixes.iter().any(|s| word.len() > s.len() && word.ends_with(s))
    }

    /// Whether two role nouns name the same office: equal, one an inflection of the other, or a
    /// compound ending in the other ("verteidigungsminister" is a "minister").
    pub fn same_role(a: &str, b: &str) -> bool {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if short.chars().count() < MIN_ROLE_STEM {
            return short == long;
        }
        (long.starts_with(short) && long[short.len()..].chars().count() <= MAX_ROLE_ENDING)
            || long.ends_with(short)
    }

    /// Whether a word is in one of the table's word lists.
    pub fn is_in(list: &[&str], word: &str) -> bool {
        list.contains(&word)
    }
}
