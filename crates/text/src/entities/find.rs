//! The per-article passes: gazetteer names and country adjectives, people by cue, organizations by
//! cue, places that survive the ambiguity checks, short forms of the people found, acronyms.

use super::gazetteer::{Gazetteer, GazetteerEntry};
use super::lang::{self, EntityLanguage, COMMON_ACRONYMS};
use super::tokens::{fold, strip_possessive, tokenize, Token};
use model::{Block, EntityKind, EntityMention};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// Every language's organization words: a name is often quoted in its own language inside another
/// ("l'Assemblée nationale" in English, "National Hurricane Center" in French), and it is the same
/// organization there, not a person.
static ANY_LANGUAGE_ORG_CUES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| lang::LANGUAGES.iter().flat_map(|l| l.org_cues.iter().copied()).collect());

/// A place this big is a place even without its country in the article or a preposition before it.
const BIG_CITY: u64 = 1_000_000;
/// Lower-case particles that stand inside people's names ("Ursula von der Leyen", "Marine Le Pen").
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "bin", "al", "el", "ben",
    "dos",
];
/// The longest name looked for inside a word of an unspaced script, in characters.
const MAX_UNSPACED_NAME_CHARS: usize = 8;
/// The clitic letters an Arabic-script word may carry before a name ("و" and, "ب" with; the article
/// "ال" belongs to the names themselves).
const MAX_CLITIC_LETTERS: usize = 2;
/// The most words a person's name is taken to have after a cue.
const MAX_NAME_WORDS: usize = 4;

/// Finds the entity mentions of one article in its body blocks (title, headings, paragraphs), using
/// the process-wide gazetteer. `block` in each mention indexes `blocks`.
pub fn find_entities(blocks: &[Block], language: &str) -> Vec<EntityMention> {
    find_entities_with(Gazetteer::global(), blocks, language)
}

/// [`find_entities`] with a given gazetteer.
pub fn find_entities_with(gazetteer: &Gazetteer, blocks: &[Block], language: &str) -> Vec<EntityMention> {
    let mut article = Article::new(gazetteer, blocks, language);
    article.named_events();
    article.gazetteer_names();
    article.people_by_cue();
    article.organizations_by_cue();
    article.places();
    article.people_by_shape();
    article.short_forms();
    article.acronyms();
    article.compass_anaphora();
    article.into_mentions()
}

struct Words<'a> {
    block: usize,
    text: &'a str,
    lang: &'static EntityLanguage,
    tokens: Vec<Token<'a>>,
    claimed: Vec<bool>,
    // Titles and headings, often written in title case, where a run of capitals says nothing.
    headline: bool,
}

#[derive(Debug, Clone)]
struct Found {
    block: usize,
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    kind: EntityKind,
    id: String,
    name: String,
    // People found only next to a verb of saying, with one word: kept only if they turn out to be a
    // short form of someone named in full ("Police said" is no one).
    weak: bool,
}

struct PlaceCandidate<'g> {
    block: usize,
    first: usize,
    last: usize,
    end: usize,
    entry: &'g GazetteerEntry,
    primary: bool,
}

/// A name that is both a country and a place ("Georgia"): the place when the article is about the
/// place's country, else the country.
struct Ambiguous<'g> {
    block: usize,
    first: usize,
    last: usize,
    end: usize,
    country: &'g GazetteerEntry,
    place: &'g GazetteerEntry,
}

struct Article<'a, 'g> {
    gazetteer: &'g Gazetteer,
    words: Vec<Words<'a>>,
    found: Vec<Found>,
    places: Vec<PlaceCandidate<'g>>,
    ambiguous: Vec<Ambiguous<'g>>,
    lowercase_words: FxHashSet<String>,
    // Words written with a capital inside a sentence somewhere in the article: a sentence's first word
    // starts a name only if it is one of these.
    inner_capitals: FxHashSet<String>,
    // Two capitalized words written together at least twice ("Marine Le Pen a dit … Marine Le Pen
    // est …"): a given name and a family name, even where a sentence starts.
    repeated_pairs: FxHashSet<(String, String)>,
}

fn key_of(tokens: &[Token], last_text: &str) -> String {
    let mut key = String::new();
    for t in &tokens[..tokens.len() - 1] {
        key.push_str(&fold(t.text));
        key.push(' ');
    }
    key.push_str(&fold(last_text));
    key
}

fn surface_of(tokens: &[Token], last_text: &str) -> String {
    let mut s = String::new();
    for t in &tokens[..tokens.len() - 1] {
        s.push_str(t.text);
        s.push(' ');
    }
    s.push_str(last_text);
    s
}

/// The person id key of a name: its parts folded and joined by hyphens ("Lee Jae-Myung" → lee-jae-myung).
fn person_key(parts: &[&str]) -> String {
    let mut key = String::new();
    for part in parts.iter().flat_map(|p| p.split('-')).filter(|p| !p.is_empty()) {
        if !key.is_empty() {
            key.push('-');
        }
        key.push_str(&fold(part));
    }
    key
}

fn is_in(list: &[&str], word: &str) -> bool {
    let lower = word.to_lowercase();
    list.contains(&lower.as_str())
}

/// Whether a capitalized word is never a name in this language: the table's own list, and the month
/// and weekday names of the language's date table (kept there once, not copied here).
fn is_not_name(lang: &EntityLanguage, word: &str) -> bool {
    if is_in(lang.not_names, word) {
        return true;
    }
    let lower = word.to_lowercase();
    crate::dates::lang::table(lang.code)
        .is_some_and(|dates| dates.months.iter().chain(dates.weekdays).any(|(name, _)| *name == lower))
}

impl<'a, 'g> Article<'a, 'g> {
    fn new(gazetteer: &'g Gazetteer, blocks: &'a [Block], language: &str) -> Self {
        let mut words = Vec::new();
        let mut lowercase_words = FxHashSet::default();
        let mut inner_capitals = FxHashSet::default();
        for (i, block) in blocks.iter().enumerate().filter(|(_, b)| b.kind.is_body()) {
            let code = if lang::LANGUAGES.iter().any(|l| l.code == block.language) {
                block.language.as_str()
            } else {
                language
            };
            let starts: Vec<usize> =
                crate::sentences::sentence_spans(&block.text, code).into_iter().map(|r| r.start).collect();
            let tokens = tokenize(&block.text, &starts);
            for t in tokens.iter().filter(|t| t.text.chars().next().is_some_and(char::is_lowercase)) {
                lowercase_words.insert(fold(t.text));
            }
            for t in tokens.iter().filter(|t| !t.initial && t.capitalized()) {
                inner_capitals.insert(fold(strip_possessive(t.text)));
            }
            let claimed = vec![false; tokens.len()];
            words.push(Words {
                block: i,
                text: &block.text,
                lang: lang::for_language(code),
                tokens,
                claimed,
                headline: matches!(block.kind, model::BlockKind::Title | model::BlockKind::Heading),
            });
        }
        // Captions are not searched for names (they credit photographers and agencies), but a name
        // they write counts as written once more.
        let captions: Vec<Vec<Token>> = blocks
            .iter()
            .filter(|b| b.kind == model::BlockKind::Caption)
            .map(|b| tokenize(&b.text, &[]))
            .collect();
        let mut pairs: FxHashMap<(String, String), usize> = FxHashMap::default();
        for tokens in words.iter().map(|w| &w.tokens).chain(&captions) {
            for pair in tokens.windows(2) {
                if pair[0].joined_next && pair[0].capitalized() && pair[1].capitalized() {
                    let key = (fold(pair[0].text), fold(strip_possessive(pair[1].text)));
                    *pairs.entry(key).or_default() += 1;
                }
            }
        }
        let repeated_pairs = pairs.into_iter().filter(|(_, n)| *n >= 2).map(|(k, _)| k).collect();
        Article {
            gazetteer,
            words,
            found: Vec::new(),
            places: Vec::new(),
            ambiguous: Vec::new(),
            lowercase_words,
            inner_capitals,
            repeated_pairs,
        }
    }

    fn push(&mut self, w: usize, first: usize, last: usize, end: usize, what: (EntityKind, String, String)) {
        let (kind, id, name) = what;
        let words = &mut self.words[w];
        for c in &mut words.claimed[first..=last] {
            *c = true;
        }
        let start = words.tokens[first].start;
        self.found.push(Found { block: words.block, first, last, start, end, kind, id, name, weak: false });
    }

    /// Storms named after a cue word ("Hurricane Milton", "huracán Milton", "Tropensturm Helene"): the
    /// capitalized word after the cue names the storm, whatever else the gazetteer knows by that name.
    fn named_events(&mut self) {
        for w in 0..self.words.len() {
            let lang = self.words[w].lang;
            if lang.event_cues.is_empty() {
                continue;
            }
            for i in 1..self.words[w].tokens.len() {
                let words = &self.words[w];
                let (cue, name) = (&words.tokens[i - 1], &words.tokens[i]);
                if !cue.joined_next || !name.capitalized() || name.all_caps() || is_not_name(lang, name.text)
                {
                    continue;
                }
                // "L'uragano": an elided article stays on the word.
                let folded_cue = fold(cue.text);
                let folded_cue = folded_cue.rsplit(['\'', '’']).next().unwrap_or_default();
                let is_cue = |word: &str| {
                    lang.event_cues.iter().any(|c| {
                        word == *c || lang.capitalized_nouns && word.len() > c.len() + 2 && word.ends_with(c)
                    })
                };
                let key = fold(strip_possessive(name.text));
                // "Tropical Storm Alberto": the name follows the last cue word. "National Hurricane
                // Center": a cue inside a run of capitals is part of another name.
                let inside_name = cue.capitalized()
                    && !lang.capitalized_nouns
                    && i >= 2
                    && words.tokens[i - 2].joined_next
                    && words.tokens[i - 2].capitalized()
                    && !words.tokens[i - 2].initial
                    && !is_cue(&fold(words.tokens[i - 2].text));
                if !is_cue(folded_cue) || is_cue(&key) || inside_name || is_in(lang.org_cues, &key) {
                    continue;
                }
                let what = (
                    EntityKind::NamedEvent,
                    format!("named:{}", key.replace(' ', "-")),
                    name.text.to_string(),
                );
                self.push(w, i, i, name.end, what);
            }
        }
    }

    /// Countries (by name, inflected or as adjectives), institutions, and place candidates.
    fn gazetteer_names(&mut self) {
        let max = self.gazetteer.max_words().max(2);
        for w in 0..self.words.len() {
            let mut i = 0;
            while i < self.words[w].tokens.len() {
                if self.words[w].tokens[i].text.chars().next().is_some_and(is_uncased_letter) {
                    i += self.uncased_span(w, i, max).unwrap_or_else(|| {
                        self.names_inside(w, i);
                        1
                    });
                    continue;
                }
                match self.name_at(w, i, max) {
                    Some(n) => i += n,
                    None => i += 1,
                }
            }
        }
    }

    /// A name of several words in a script without capitals ("كوريا الجنوبية"); returns how many
    /// tokens it took.
    fn uncased_span(&mut self, w: usize, i: usize, max: usize) -> Option<usize> {
        let tokens = &self.words[w].tokens;
        let mut longest = 1;
        while longest < max && i + longest < tokens.len() && tokens[i + longest - 1].joined_next {
            longest += 1;
        }
        let (n, entry) = (2..=longest).rev().find_map(|n| {
            let span = &tokens[i..i + n];
            let surface = &self.words[w].text[span[0].start..span[n - 1].end];
            let hit = self.gazetteer.lookup(&key_of(span, span[n - 1].text), surface)?;
            Some((n, hit.entry))
        })?;
        let end = tokens[i + n - 1].end;
        self.push(w, i, i + n - 1, end, (entry.kind, entry.id.clone(), entry.name.clone()));
        Some(n)
    }

    /// Country and city names inside a word of a script without capitals, where no capital marks a
    /// name and words carry particles: Chinese and Japanese write no spaces ("日本と韓国"), Korean adds
    /// particles after a name ("도쿄에서"), Arabic and Persian join one- or two-letter clitics before it
    /// ("واليابان"). The longest name wins, left to right; the gazetteer holds names in these scripts
    /// only for countries and cities of a million or more, so a short name seldom matches by chance.
    fn names_inside(&mut self, w: usize, i: usize) {
        let token = &self.words[w].tokens[i];
        let (text, base) = (token.text, token.start);
        let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let chars = bounds.len() - 1;
        let first = text.chars().next().unwrap_or(' ');
        // Where a name may start and whether it must end the word, by script.
        let (starts, to_end) = if is_hangul(first) {
            (1, false)
        } else if is_arabic(first) {
            (MAX_CLITIC_LETTERS + 1, true)
        } else {
            (chars, false)
        };
        let mut hits: Vec<(usize, usize, &'g GazetteerEntry)> = Vec::new();
        let mut from = 0;
        while from < starts.min(chars) {
            let longest = (from + MAX_UNSPACED_NAME_CHARS).min(chars);
            let found = (from + 2..=longest).rev().filter(|&to| !to_end || to == chars).find_map(|to| {
                let name = &text[bounds[from]..bounds[to]];
                self.gazetteer.lookup(&fold(name), name).map(|hit| (to, hit.entry))
            });
            match found {
                Some((to, entry)) => {
                    hits.push((bounds[from], bounds[to], entry));
                    from = to;
                }
                None => from += 1,
            }
        }
        let block = self.words[w].block;
        for (start, end, entry) in hits {
            self.found.push(Found {
                block,
                first: i,
                last: i,
                start: base + start,
                end: base + end,
                kind: entry.kind,
                id: entry.id.clone(),
                name: entry.name.clone(),
                weak: false,
            });
        }
    }

    /// Tries the longest name starting at token `i`; returns how many tokens it took.
    fn name_at(&mut self, w: usize, i: usize, max: usize) -> Option<usize> {
        let words = &self.words[w];
        let lang = words.lang;
        let tokens = &words.tokens;
        let first = &tokens[i];
        let mut longest = 1;
        while longest < max && i + longest < tokens.len() && tokens[i + longest - 1].joined_next {
            longest += 1;
        }
        for n in (1..=longest).rev() {
            let span = &tokens[i..i + n];
            let last = &span[n - 1];
            if first.capitalized() {
                if let Some(found) = self.name_forms(span, lang) {
                    let (hit_entry, primary, end) = found;
                    if hit_entry.kind == EntityKind::Country && n == 1 && self.before_surname(w, i) {
                        // "Jordan Bardella": a given name, not the country.
                        return Some(2);
                    }
                    let place = if hit_entry.kind == EntityKind::Country {
                        self.gazetteer.place_named(&key_of(span, strip_possessive(last.text)))
                    } else {
                        None
                    };
                    match place {
                        Some(place) => {
                            let (country, block) = (hit_entry, w);
                            self.ambiguous.push(Ambiguous {
                                block,
                                first: i,
                                last: i + n - 1,
                                end,
                                country,
                                place,
                            });
                        }
                        None => self.take_name(w, i, n, hit_entry, primary, end),
                    }
                    return Some(n);
                }
            }
            // "ha detto in spagnolo": after such a preposition a lower-case adjective names a language.
            let language = !first.capitalized()
                && i > 0
                && self.words[w].tokens[i - 1].joined_next
                && is_in(lang.language_prepositions, self.words[w].tokens[i - 1].text);
            let demonym_ok = (first.capitalized() || (lang.lowercase_demonyms && n == 1)) && !language;
            // "François Bayrou": a capitalized adjective form before another name is a given name.
            let name_part =
                lang.lowercase_demonyms && first.capitalized() && self.before_surname(w, i + n - 1);
            if demonym_ok && !name_part {
                if let Some((entry, end)) = self.demonym(span, lang) {
                    self.take_name(w, i, n, entry, true, end);
                    return Some(n);
                }
            }
        }
        // "japanisch-südkoreanischen": each part of a hyphenated word on its own.
        if first.text.contains('-') {
            let mut taken = false;
            let mut offset = first.start;
            for part in first.text.split('-') {
                let part_token = Token {
                    start: offset,
                    end: offset + part.len(),
                    text: part,
                    initial: false,
                    joined_next: false,
                };
                offset += part.len() + 1;
                if part.is_empty() {
                    continue;
                }
                let capital_ok = part_token.capitalized() || lang.lowercase_demonyms;
                let hit = if part_token.capitalized() {
                    self.name_forms(std::slice::from_ref(&part_token), lang)
                        .filter(|(e, _, _)| e.kind == EntityKind::Country)
                } else {
                    None
                };
                let hit = hit.or_else(|| {
                    capital_ok
                        .then(|| self.demonym(std::slice::from_ref(&part_token), lang))
                        .flatten()
                        .map(|(e, end)| (e, true, end))
                });
                if let Some((entry, _, end)) = hit {
                    let words = &mut self.words[w];
                    words.claimed[i] = true;
                    let block = words.block;
                    self.found.push(Found {
                        block,
                        first: i,
                        last: i,
                        start: part_token.start,
                        end,
                        kind: entry.kind,
                        id: entry.id.clone(),
                        name: entry.name.clone(),
                        weak: false,
                    });
                    taken = true;
                }
            }
            if taken {
                return Some(1);
            }
        }
        None
    }

    /// Whether a capitalized name-like word follows token `i` in a language that does not capitalize
    /// every noun ("Jordan Bardella", "François Bayrou").
    fn before_surname(&self, w: usize, i: usize) -> bool {
        let words = &self.words[w];
        let next = i + 1;
        !words.lang.capitalized_nouns
            && words.tokens[i].joined_next
            && next < words.tokens.len()
            && self.name_like(w, next)
            && !words.tokens[next].all_caps()
            && self.gazetteer.lookup(&fold(words.tokens[next].text), words.tokens[next].text).is_none()
    }

    fn take_name(
        &mut self,
        w: usize,
        i: usize,
        n: usize,
        entry: &'g GazetteerEntry,
        primary: bool,
        end: usize,
    ) {
        if entry.kind == EntityKind::Place {
            // Places are decided once people and the article's countries are known.
            self.places.push(PlaceCandidate { block: w, first: i, last: i + n - 1, end, entry, primary });
        } else {
            self.push(w, i, i + n - 1, end, (entry.kind, entry.id.clone(), entry.name.clone()));
        }
    }

    /// The gazetteer entry a span names, as written, without a possessive, without a genitive "s", or
    /// with its inner words uninflected; with the byte end of the matched surface.
    fn name_forms(&self, span: &[Token], lang: &EntityLanguage) -> Option<(&'g GazetteerEntry, bool, usize)> {
        let last = &span[span.len() - 1];
        let mut forms: Vec<&str> = vec![last.text];
        let bare = strip_possessive(last.text);
        if bare != last.text {
            forms.push(bare);
        }
        if lang.genitive_s && last.text.len() > 3 {
            if let Some(base) = last.text.strip_suffix('s') {
                forms.push(base);
            }
        }
        for (k, form) in forms.iter().enumerate() {
            let key = key_of(span, form);
            let surface = surface_of(span, form);
            if let Some(hit) = self.gazetteer.lookup(&key, &surface) {
                // The genitive form names only countries and cities, never "Paris" from "Pari".
                if k > 0 && form.len() < 3 {
                    continue;
                }
                let end = if *form == bare { last.start + bare.len() } else { last.end };
                return Some((hit.entry, hit.primary, end));
            }
        }
        // "Bce" for "BCE": a short word with one capital, inside a sentence, in a language that writes
        // acronyms so.
        let letters = last.text.chars().count();
        if lang.titlecase_acronyms
            && span.len() == 1
            && !last.initial
            && (2..=5).contains(&letters)
            && last.text.chars().skip(1).all(char::is_lowercase)
        {
            if let Some(hit) = self.gazetteer.lookup("", &last.text.to_uppercase()) {
                return Some((hit.entry, hit.primary, last.end));
            }
        }
        if span.len() > 1 && !lang.name_inflections.is_empty() {
            let mut key = String::new();
            for (k, t) in span.iter().enumerate() {
                let mut word = fold(t.text);
                // Only the words before the head noun inflect like adjectives ("Vereinigten Staaten").
                let inflected = (k + 1 < span.len())
                    .then(|| {
                        lang.name_inflections
                            .iter()
                            .find(|(e, _)| word.len() > e.len() + 2 && word.ends_with(e))
                    })
                    .flatten();
                if let Some((ending, replacement)) = inflected {
                    word.truncate(word.len() - ending.len());
                    word.push_str(replacement);
                }
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(&word);
            }
            if let Some(hit) = self.gazetteer.lookup(&key, "") {
                return Some((hit.entry, hit.primary, last.end));
            }
        }
        None
    }

    /// The country a country adjective names ("japanische", "South Korean", "sud-coréens").
    fn demonym(&self, span: &[Token], lang: &EntityLanguage) -> Option<(&'g GazetteerEntry, usize)> {
        let last = &span[span.len() - 1];
        if !lang.lowercase_demonyms && !last.capitalized() {
            return None;
        }
        let word = fold(strip_possessive(last.text));
        let prefix = key_of(span, "");
        let end = last.start + strip_possessive(last.text).len();
        let lookup = |name: &str| self.gazetteer.country_named(&format!("{prefix}{name}"));
        for ending in lang.adjective_endings {
            let Some(stem) = word.strip_suffix(ending) else { continue };
            if stem.len() < 3 {
                continue;
            }
            if span.len() == 1 {
                if let Some((_, code)) = lang.demonyms.iter().find(|(s, _)| *s == stem) {
                    return self.gazetteer.country(code).map(|e| (e, end));
                }
            }
            for (compass, added) in lang.compass_prefixes {
                if let Some(rest) = stem.strip_prefix(compass) {
                    for name in reduce(rest, lang) {
                        if let Some(e) = lookup(&format!("{name}{added}")) {
                            return Some((e, end));
                        }
                    }
                }
            }
            for name in reduce(stem, lang) {
                if let Some(e) = lookup(&name) {
                    return Some((e, end));
                }
            }
        }
        None
    }

    /// People after a title ("Präsident Lee Jae Myung") and next to a verb of saying ("said Ishiba").
    fn people_by_cue(&mut self) {
        for w in 0..self.words.len() {
            let lang = self.words[w].lang;
            for i in 0..self.words[w].tokens.len() {
                let text = self.words[w].tokens[i].text;
                // A title names the person right after it, never one across punctuation ("the mayor.
                // Later …"), but for the dot of a short abbreviated title ("Dr. Anna Lindqvist").
                if self.is_title(w, i) {
                    if !self.title_touches_next(w, i) {
                        continue;
                    }
                    if let Some(last) =
                        self.name_run_forward(w, i + 1).filter(|&l| !self.runs_into_organization(w, l))
                    {
                        self.push_person(w, i + 1, last, false);
                    }
                } else if is_in(lang.saying_verbs, text) {
                    let tokens = &self.words[w].tokens;
                    let mut after = i + 1;
                    if tokens.get(after).is_some_and(|t| is_short_lowercase(t)) && tokens[i].joined_next {
                        after += 1;
                    }
                    if tokens.get(i).is_some_and(|t| t.joined_next) {
                        if let Some(last) =
                            self.name_run_forward(w, after).filter(|&l| !self.runs_into_organization(w, l))
                        {
                            let weak = last == after;
                            self.push_person(w, after, last, weak);
                        }
                    }
                    let mut before = i;
                    let tokens = &self.words[w].tokens;
                    if before >= 2
                        && is_short_lowercase(&tokens[before - 1])
                        && tokens[before - 2].joined_next
                    {
                        before -= 1;
                    }
                    if before >= 1 && tokens[before - 1].joined_next {
                        if let Some(first) = self.name_run_backward(w, before - 1) {
                            let weak = first == before - 1;
                            self.push_person(w, first, before - 1, weak);
                        }
                    }
                }
            }
        }
    }

    /// Whether only whitespace, or the dot of an abbreviation of at most four letters, separates the
    /// title at `i` from the next word.
    fn title_touches_next(&self, w: usize, i: usize) -> bool {
        let words = &self.words[w];
        let t = &words.tokens[i];
        let Some(next) = words.tokens.get(i + 1) else { return false };
        let gap = &words.text[t.end..next.start];
        t.joined_next || (t.text.chars().count() <= 4 && gap.starts_with('.') && gap[1..].trim().is_empty())
    }

    fn is_title(&self, w: usize, i: usize) -> bool {
        let words = &self.words[w];
        let lower = words.tokens[i].text.to_lowercase();
        words.lang.titles.contains(&lower.as_str())
            || words.lang.title_suffixes.iter().any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
    }

    fn name_like(&self, w: usize, i: usize) -> bool {
        let words = &self.words[w];
        let t = &words.tokens[i];
        t.capitalized()
            && !words.claimed[i]
            && t.text.chars().any(char::is_lowercase)
            && !t.text.chars().any(|c| c.is_ascii_digit())
            && !is_not_name(words.lang, strip_possessive(t.text))
            && !self.is_title(w, i)
            && !is_in(words.lang.org_cues, t.text)
            && !ANY_LANGUAGE_ORG_CUES.contains(t.text.to_lowercase().as_str())
    }

    /// Whether the name ending at `last` runs on into an organization word ("selon le National
    /// Hurricane Center"): then it is the organization's name, found by its cue, not a person's.
    fn runs_into_organization(&self, w: usize, last: usize) -> bool {
        let tokens = &self.words[w].tokens;
        tokens[last].joined_next
            && tokens.get(last + 1).is_some_and(|t| {
                t.capitalized() && ANY_LANGUAGE_ORG_CUES.contains(t.text.to_lowercase().as_str())
            })
    }

    /// The last token of a name that starts at `i`, if a name starts there.
    fn name_run_forward(&self, w: usize, i: usize) -> Option<usize> {
        let tokens = &self.words[w].tokens;
        if i >= tokens.len() || !self.name_like(w, i) {
            return None;
        }
        let mut last = i;
        let mut count = 1;
        while count < MAX_NAME_WORDS && tokens[last].joined_next && last + 1 < tokens.len() {
            // A possessive ends the name ("Lee’s decision").
            if strip_possessive(tokens[last].text) != tokens[last].text {
                break;
            }
            let next = last + 1;
            if self.name_like(w, next) {
                last = next;
            } else if is_in(NAME_PARTICLES, tokens[next].text)
                && tokens[next].joined_next
                && next + 1 < tokens.len()
                && self.name_like(w, next + 1)
            {
                last = next + 1;
            } else {
                break;
            }
            count += 1;
        }
        Some(last)
    }

    /// The first token of a name that ends at `i`, if a name ends there.
    fn name_run_backward(&self, w: usize, i: usize) -> Option<usize> {
        let tokens = &self.words[w].tokens;
        if !self.name_like(w, i) {
            return None;
        }
        let mut first = i;
        while i - first + 1 < MAX_NAME_WORDS
            && first > 0
            && tokens[first - 1].joined_next
            && self.name_like(w, first - 1)
        {
            first -= 1;
        }
        // "Later Ostrava said": a sentence's first word joins the name only if it is capitalized
        // elsewhere in the article too.
        if first < i && tokens[first].initial && !self.inner_capitals.contains(&fold(tokens[first].text)) {
            first += 1;
        }
        Some(first)
    }

    fn push_person(&mut self, w: usize, first: usize, last: usize, weak: bool) {
        let tokens = &self.words[w].tokens;
        let mut parts: Vec<&str> = tokens[first..=last].iter().map(|t| t.text).collect();
        let bare = strip_possessive(parts[parts.len() - 1]);
        let end = tokens[last].start + bare.len();
        let n = parts.len();
        parts[n - 1] = bare;
        let lang = self.words[w].lang;
        let nominative: Vec<String> = parts.iter().map(|p| nominative(p, lang)).collect();
        let key = person_key(&nominative.iter().map(String::as_str).collect::<Vec<_>>());
        if key.is_empty() {
            return;
        }
        let name = self.words[w].tokens[first..=last]
            .iter()
            .enumerate()
            .map(|(k, t)| if k == n - 1 { bare } else { t.text })
            .collect::<Vec<_>>()
            .join(" ");
        self.push(w, first, last, end, (EntityKind::Person, format!("person:{key}"), name));
        if let Some(f) = self.found.last_mut() {
            f.weak = weak;
        }
    }

    /// People named without a cue: a run of two to four capitalized words inside a sentence, none of
    /// which the article also writes in lower case (so none is a common word). Titles and headings are
    /// left out (title case), and so is a run longer than a name.
    ///
    /// A run that starts or ends with a place word of the language ("Siesta Key", "Río Bravo") is a
    /// place. Languages that capitalize every noun are left to the cues: there two capitalized words in
    /// a row are as often two nouns as a name.
    fn people_by_shape(&mut self) {
        for w in 0..self.words.len() {
            if self.words[w].headline || self.words[w].lang.capitalized_nouns {
                continue;
            }
            let mut i = 0;
            while i < self.words[w].tokens.len() {
                let Some(last) = self.shape_run(w, i) else {
                    i += 1;
                    continue;
                };
                let words = &self.words[w];
                let place_word = |k: usize| is_in(words.lang.place_cues, words.tokens[k].text);
                if place_word(i) || place_word(last) {
                    let parts: Vec<&str> = words.tokens[i..=last].iter().map(|t| t.text).collect();
                    let (end, name) = (words.tokens[last].end, parts.join(" "));
                    let id = format!("place:{}", person_key(&parts));
                    self.push(w, i, last, end, (EntityKind::Place, id, name));
                } else {
                    self.push_person(w, i, last, false);
                }
                i = last + 1;
            }
        }
    }

    /// A capitalized word that names a known place or country on its own: it stands beside a name
    /// ("Orlando, Florida", "Floride Ron DeSantis") but is no part of it.
    fn known_place(&self, w: usize, k: usize) -> bool {
        let key = fold(strip_possessive(self.words[w].tokens[k].text));
        self.gazetteer.place_named(&key).is_some() || self.gazetteer.country_named(&key).is_some()
    }

    /// The last token of a cue-less name starting at `i`, by the rules of [`Self::people_by_shape`].
    fn shape_run(&self, w: usize, i: usize) -> Option<usize> {
        let words = &self.words[w];
        let tokens = &words.tokens;
        // A sentence's first word is capitalized whatever it is: it opens a name only if the article
        // capitalizes it elsewhere too, or writes it twice before the same capitalized word, and
        // otherwise the name may start right after it ("Così Christine Lagarde, presidente della Bce, …").
        let repeated_name = |k: usize| {
            tokens[k].joined_next
                && !is_not_name(words.lang, tokens[k].text)
                && tokens.get(k + 1).is_some_and(|next| {
                    self.repeated_pairs.contains(&(fold(tokens[k].text), fold(strip_possessive(next.text))))
                })
        };
        let sentence_capital = |k: usize| {
            tokens[k].initial && !self.inner_capitals.contains(&fold(tokens[k].text)) && !repeated_name(k)
        };
        let starts_run = |k: usize| self.name_like(w, k) && !self.known_place(w, k) && !sentence_capital(k);
        if !starts_run(i) || (i > 0 && tokens[i - 1].joined_next && starts_run(i - 1)) {
            return None;
        }
        let mut last = self.name_run_forward(w, i)?;
        let longer = tokens[last].joined_next && tokens.get(last + 1).is_some_and(|t| t.capitalized());
        if self.known_place(w, last) {
            last = last.checked_sub(1).filter(|&l| l > i)?;
        }
        let particle = |k: usize| is_in(NAME_PARTICLES, tokens[k].text);
        let common = |k: usize| self.lowercase_words.contains(&fold(strip_possessive(tokens[k].text)));
        let names = (i..=last).filter(|&k| !particle(k)).count();
        if longer || names < 2 || (i..=last).any(|k| !particle(k) && common(k)) {
            return None;
        }
        Some(last)
    }

    /// Runs of capitalized words with an organization cue ("Japanese Foreign Ministry" → Foreign Ministry).
    fn organizations_by_cue(&mut self) {
        for w in 0..self.words.len() {
            let lang = self.words[w].lang;
            let len = self.words[w].tokens.len();
            let mut i = 0;
            while i < len {
                let tokens = &self.words[w].tokens;
                if !tokens[i].capitalized() {
                    i += 1;
                    continue;
                }
                let mut last = i;
                loop {
                    if !tokens[last].joined_next || last + 1 >= len {
                        break;
                    }
                    let next = &tokens[last + 1];
                    if next.capitalized() {
                        last += 1;
                    } else if is_in(lang.connectors, next.text)
                        && next.joined_next
                        && tokens.get(last + 2).is_some_and(|t| t.capitalized())
                    {
                        last += 2;
                    } else {
                        break;
                    }
                }
                let claimed = &self.words[w].claimed;
                let mut first = i;
                while first <= last
                    && (claimed[first]
                        || is_not_name(lang, tokens[first].text)
                        || is_in(lang.connectors, tokens[first].text))
                {
                    first += 1;
                }
                let is_cue = |k: usize| {
                    let lower = tokens[k].text.to_lowercase();
                    lang.org_cues.contains(&lower.as_str())
                        || lang.org_suffixes.iter().any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
                };
                // A name quoted from another language is compact: no connector of this one inside it
                // ("Personenschützer des Secret Service" is no organization's name).
                let foreign_cue =
                    |k: usize| ANY_LANGUAGE_ORG_CUES.contains(tokens[k].text.to_lowercase().as_str());
                let compact = !(first..=last).any(|k| is_in(lang.connectors, tokens[k].text));
                let has_cue = (first..=last).any(is_cue) || (compact && (first..=last).any(foreign_cue));
                let fresh = (first..=last).all(|k| !claimed[k] || self.is_country_token(w, k));
                // "Marine Le Pens Partei": a name in the genitive before the cue owns the organization; the
                // name is a person's, and the organization has no name of its own here.
                let owner = lang.genitive_s
                    && first + 1 < last
                    && is_cue(last)
                    && !(first..last).any(is_cue)
                    && (first..last).all(|k| !claimed[k])
                    && tokens[last - 1].text.len() > 3
                    && tokens[last - 1].text.ends_with('s');
                if owner && fresh {
                    let mut parts: Vec<&str> = tokens[first..last].iter().map(|t| t.text).collect();
                    let n = parts.len();
                    parts[n - 1] = &parts[n - 1][..parts[n - 1].len() - 1];
                    let (key, name) = (person_key(&parts), parts.join(" "));
                    let end = tokens[last - 1].end - 1;
                    self.push(w, first, last - 1, end, (EntityKind::Person, format!("person:{key}"), name));
                } else if first < last && has_cue && fresh && !claimed[first] {
                    let parts: Vec<&str> = tokens[first..=last].iter().map(|t| t.text).collect();
                    let name = parts.join(" ");
                    let key = person_key(&parts);
                    let end = tokens[last].end;
                    let block = self.words[w].block;
                    for k in first..=last {
                        self.words[w].claimed[k] = true;
                    }
                    let start = self.words[w].tokens[first].start;
                    self.found.push(Found {
                        block,
                        first,
                        last,
                        start,
                        end,
                        kind: EntityKind::Organization,
                        id: format!("org:{key}"),
                        name,
                        weak: false,
                    });
                }
                i = last + 1;
            }
        }
    }

    fn is_country_token(&self, w: usize, k: usize) -> bool {
        let block = self.words[w].block;
        self.found
            .iter()
            .any(|f| f.block == block && f.first <= k && k <= f.last && f.kind == EntityKind::Country)
    }

    /// Keeps the place candidates that are names here, not common words or people.
    fn places(&mut self) {
        let countries: FxHashSet<String> = self
            .found
            .iter()
            .filter(|f| f.kind == EntityKind::Country)
            .filter_map(|f| f.id.strip_prefix("country:").map(str::to_string))
            .collect();
        let person_words: FxHashSet<String> = self
            .found
            .iter()
            .filter(|f| f.kind == EntityKind::Person)
            .flat_map(|f| f.name.split([' ', '-']).map(fold).collect::<Vec<_>>())
            .collect();
        let candidates = std::mem::take(&mut self.places);
        let mut accepted: Vec<(usize, bool)> = Vec::new();
        let mut sure: FxHashSet<&str> = FxHashSet::default();
        for (c, p) in candidates.iter().enumerate() {
            let words = &self.words[p.block];
            if (p.first..=p.last).any(|k| words.claimed[k]) {
                continue;
            }
            let first = &words.tokens[p.first];
            let single = p.first == p.last;
            let word = fold(strip_possessive(first.text));
            if single
                && (is_not_name(words.lang, first.text)
                    || person_words.contains(&word)
                    || self.lowercase_words.contains(&word))
            {
                continue;
            }
            // Capitals are known by their names in other languages ("Lubiana", "Varsovie").
            let big = p.entry.population >= BIG_CITY || p.entry.capital;
            // "Big Bend", "Bend Road": a small place's name inside a longer capitalized name.
            let inside_longer_name = single && !big && {
                let before = p.first > 0
                    && words.tokens[p.first - 1].joined_next
                    && words.tokens[p.first - 1].capitalized()
                    && !is_not_name(words.lang, words.tokens[p.first - 1].text)
                    && !is_in(words.lang.locatives, words.tokens[p.first - 1].text)
                    && !words.claimed[p.first - 1];
                let after = words.tokens[p.first].joined_next
                    && words.tokens.get(p.first + 1).is_some_and(|t| t.capitalized())
                    && !words.lang.capitalized_nouns;
                before || after
            };
            if inside_longer_name {
                continue;
            }
            let country_named = countries.contains(&p.entry.country);
            let after_locative = p.first > 0
                && words.tokens[p.first - 1].joined_next
                && is_in(words.lang.locatives, words.tokens[p.first - 1].text);
            let evidence = big || country_named || (after_locative && p.primary) || !single;
            if !evidence || (!p.primary && !big && !country_named) {
                continue;
            }
            let initial = first.initial && !first.all_caps();
            if !initial || !single {
                sure.insert(p.entry.id.as_str());
            }
            accepted.push((c, initial && single));
        }
        for (c, initial) in accepted {
            let p = &candidates[c];
            if initial && !(p.entry.population >= BIG_CITY || sure.contains(p.entry.id.as_str())) {
                continue;
            }
            let (id, name) = (p.entry.id.clone(), p.entry.name.clone());
            self.push(p.block, p.first, p.last, p.end, (EntityKind::Place, id, name));
        }
        let mut countries = countries;
        countries.extend(self.found.iter().filter(|f| f.kind == EntityKind::Place).filter_map(|f| {
            let words = self.words.iter().find(|w| w.block == f.block)?;
            let key = fold(&words.text[f.start..f.end]);
            self.gazetteer.place_named(&key).map(|e| e.country.clone())
        }));
        for a in std::mem::take(&mut self.ambiguous) {
            if (a.first..=a.last).any(|k| self.words[a.block].claimed[k]) {
                continue;
            }
            let entry = if countries.contains(&a.place.country) { a.place } else { a.country };
            let (kind, id, name) = (entry.kind, entry.id.clone(), entry.name.clone());
            self.push(a.block, a.first, a.last, a.end, (kind, id, name));
        }
    }

    /// Later mentions of the people found: the full name again, the family name, a genitive ("Lees").
    fn short_forms(&mut self) {
        let mut full: FxHashMap<String, (String, String)> = FxHashMap::default();
        let mut short: FxHashMap<String, Option<(String, String)>> = FxHashMap::default();
        let mut strong_people: Vec<(String, String)> = Vec::new();
        for f in self.found.iter().filter(|f| f.kind == EntityKind::Person && !f.weak) {
            strong_people.push((f.id.clone(), f.name.clone()));
        }
        // Longer names first, so a short form points at the fullest name it is part of.
        strong_people.sort_by_key(|(id, _)| std::cmp::Reverse(id.matches('-').count()));
        for (id, name) in &strong_people {
            let words: Vec<&str> = name.split(' ').collect();
            let parts = id.matches('-').count() + 1;
            if words.len() > 1 {
                full.entry(fold(name)).or_insert((id.clone(), name.clone()));
            }
            let mut forms = vec![fold(words[words.len() - 1])];
            if words.len() >= 3 {
                let tail = words[words.len() - 2..].join(" ");
                forms.push(fold(&tail));
            }
            if parts >= 3 {
                forms.push(fold(words[0]));
            }
            for form in forms {
                let clash = match short.get(&form) {
                    None => false,
                    Some(None) => continue,
                    // A shorter name of the same person ("Nakatani" for "Gen Nakatani") is no clash.
                    Some(Some((other, _))) => other != id && !same_person(other, id),
                };
                let value = if clash { None } else { Some((id.clone(), name.clone())) };
                if clash || !short.contains_key(&form) {
                    short.insert(form, value);
                }
            }
        }
        // Single-word people found by a cue take the full name when the article gives one.
        for f in self.found.iter_mut().filter(|f| f.kind == EntityKind::Person) {
            if f.id.contains('-') {
                continue;
            }
            let word = f.id.trim_start_matches("person:").to_string();
            if let Some(Some((id, name))) = short.get(&word) {
                f.id = id.clone();
                f.name = name.clone();
                f.weak = false;
            }
        }
        self.found.retain(|f| !f.weak);
        for w in 0..self.words.len() {
            let lang = self.words[w].lang;
            let mut i = 0;
            while i < self.words[w].tokens.len() {
                let tokens = &self.words[w].tokens;
                if self.words[w].claimed[i] || !tokens[i].capitalized() {
                    i += 1;
                    continue;
                }
                let mut matched = None;
                for n in (1..=MAX_NAME_WORDS).rev() {
                    if i + n > tokens.len()
                        || (i..i + n - 1).any(|k| !tokens[k].joined_next || self.words[w].claimed[k + 1])
                    {
                        continue;
                    }
                    let last = &tokens[i + n - 1];
                    let bare = strip_possessive(last.text);
                    let mut forms = vec![(bare, last.start + bare.len())];
                    if lang.genitive_s && bare == last.text && bare.len() > 3 {
                        if let Some(base) = bare.strip_suffix('s') {
                            forms.push((base, last.end));
                        }
                    }
                    for (form, end) in forms {
                        let key = key_of(&tokens[i..i + n], form);
                        let hit = full.get(&key).cloned().or_else(|| short.get(&key).cloned().flatten());
                        if let Some((id, name)) = hit {
                            matched = Some((n, end, id, name));
                            break;
                        }
                    }
                    if matched.is_some() {
                        break;
                    }
                }
                match matched {
                    Some((n, end, id, name)) => {
                        self.push(w, i, i + n - 1, end, (EntityKind::Person, id, name));
                        i += n;
                    }
                    None => i += 1,
                }
            }
        }
    }

    /// All-capital words that recur in the article and are no country or common abbreviation.
    fn acronyms(&mut self) {
        let mut counts: FxHashMap<String, usize> = FxHashMap::default();
        let mut spots: Vec<(usize, usize)> = Vec::new();
        for (w, words) in self.words.iter().enumerate() {
            for (i, t) in words.tokens.iter().enumerate() {
                let letters = t.text.chars().filter(|c| c.is_alphabetic()).count();
                let neighbours_caps =
                    (i > 0 && words.tokens[i - 1].all_caps() && words.tokens[i - 1].joined_next)
                        || (t.joined_next && words.tokens.get(i + 1).is_some_and(|n| n.all_caps()));
                if words.claimed[i]
                    || !t.all_caps()
                    || !(2..=6).contains(&letters)
                    || t.text.contains(['.', '-', '\'', '’'])
                    || neighbours_caps
                    || COMMON_ACRONYMS.contains(&t.text)
                    || is_not_name(words.lang, t.text)
                {
                    continue;
                }
                *counts.entry(t.text.to_string()).or_default() += 1;
                spots.push((w, i));
            }
        }
        for (w, i) in spots {
            let t = &self.words[w].tokens[i];
            if counts.get(t.text).is_some_and(|&c| c >= 2) {
                let (end, id, name) = (t.end, format!("org:{}", fold(t.text)), t.text.to_string());
                self.push(w, i, i, end, (EntityKind::Organization, id, name));
            }
        }
    }

    /// "the North" after a country whose name starts with that compass word ("North Korea").
    fn compass_anaphora(&mut self) {
        let mut countries: Vec<(String, String)> = Vec::new();
        for f in self.found.iter().filter(|f| f.kind == EntityKind::Country) {
            if !countries.iter().any(|(id, _)| *id == f.id) {
                countries.push((f.id.clone(), f.name.clone()));
            }
        }
        for w in 0..self.words.len() {
            let lang = self.words[w].lang;
            for (phrase, compass) in lang.compass_anaphora {
                let matching: Vec<&(String, String)> = countries
                    .iter()
                    .filter(|(_, name)| fold(name).split(' ').next() == Some(compass))
                    .collect();
                let [(id, name)] = matching.as_slice() else { continue };
                let (id, name) = (id.clone(), name.clone());
                let n = phrase.split(' ').count();
                let tokens = &self.words[w].tokens;
                let mut spots = Vec::new();
                for i in 0..tokens.len().saturating_sub(n - 1) {
                    let span = &tokens[i..i + n];
                    let last = &span[n - 1];
                    let joined = span[..n - 1].iter().all(|t| t.joined_next);
                    let unclaimed = (i..i + n).all(|k| !self.words[w].claimed[k]);
                    if joined && unclaimed && last.capitalized() && key_of(span, last.text) == *phrase {
                        spots.push((i, i + n - 1, last.end));
                    }
                }
                for (first, last, end) in spots {
                    self.push(w, first, last, end, (EntityKind::Country, id.clone(), name.clone()));
                }
            }
        }
    }

    fn into_mentions(mut self) -> Vec<EntityMention> {
        self.found.sort_by_key(|f| (f.block, f.start, std::cmp::Reverse(f.end)));
        let mut out = Vec::with_capacity(self.found.len());
        for f in self.found {
            let Some(words) = self.words.iter().find(|w| w.block == f.block) else { continue };
            out.push(EntityMention {
                entity: f.id,
                kind: f.kind,
                name: f.name,
                surface: words.text[f.start..f.end].to_string(),
                block: f.block as u32,
                offset: f.start as u32,
            });
        }
        out
    }
}

/// Candidate country names for a folded adjective stem, by the language's suffix rules.
fn reduce(stem: &str, lang: &EntityLanguage) -> Vec<String> {
    let mut out = vec![stem.to_string()];
    for (adjective, name) in lang.demonym_rules {
        if let Some(root) = stem.strip_suffix(adjective) {
            if root.len() >= 3 {
                out.push(format!("{root}{name}"));
            }
        }
    }
    out
}

/// Whether one person id is the other with more words before it ("person:gen-nakatani", "person:nakatani").
fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_start_matches("person:"), b.trim_start_matches("person:"));
    a.ends_with(&format!("-{b}")) || b.ends_with(&format!("-{a}"))
}

/// A letter of a script without capitals (Han, kana, Hangul, Arabic …).
fn is_uncased_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// A person's name part in the nominative, by the language's declension endings (folded).
fn nominative(part: &str, lang: &EntityLanguage) -> String {
    let folded = fold(part);
    if folded.chars().count() >= 5 {
        for (ending, replacement) in lang.person_inflections {
            if let Some(stem) = folded.strip_suffix(ending) {
                return format!("{stem}{replacement}");
            }
        }
    }
    folded
}

fn is_short_lowercase(t: &Token) -> bool {
    t.text.chars().count() <= 3 && t.text.chars().all(char::is_lowercase)
}
