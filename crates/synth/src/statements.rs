//! Statements: the sentences of an event's articles, and the clauses of long sentences, each with the
//! evidence alignment compares (entities, numbers, dates, word stems, negation).

use crate::lang::{cues_for, SynthCues};
use model::{Article, PartialDate};
use std::ops::Range;

/// Sentences shorter than this say too little to align (datelines, fragments, bylines).
const MIN_SENTENCE_WORDS: usize = 5;
/// A clause shorter than this is glued to its neighbour: "and AI" states nothing alone.
const MIN_CLAUSE_WORDS: usize = 5;
/// Word stems are cut to this many characters after the Snowball stemmer (where the language has one):
/// "Verteidigung"/"Verteidigungsfragen" share a stem, and without a stemmer "expanding"/"expand" do.
const STEM_CHARS: usize = 6;

/// One sentence, or one clause of a longer sentence, of one article.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Index of the article in the input.
    pub article: usize,
    /// Index of the article's independent origin.
    pub origin: usize,
    /// The article's language.
    pub language: String,
    /// Index of the block in `Article::blocks`.
    pub block: u32,
    /// Byte range of the whole sentence in the block text.
    pub sentence_range: Range<usize>,
    /// Byte range of the unit (the sentence itself, or one clause of it) in the block text.
    pub range: Range<usize>,
    /// The whole sentence.
    pub sentence: String,
    /// The unit's own text (equal to `sentence` for a sentence unit).
    pub text: String,
    /// For a clause: the index of its sentence's unit.
    pub parent: Option<usize>,
    /// Canonical entity ids mentioned in the unit, sorted, unique.
    pub entities: Vec<String>,
    /// The people the unit names: (entity id, canonical name), in order, unique.
    pub people: Vec<(String, String)>,
    /// Every entity mention of the unit: (byte offset in `text`, entity id), in text order.
    pub mentions: Vec<(usize, String)>,
    /// Numbers written in the unit, normalized ("80,000" and "80.000" → "80000"), sorted, unique.
    pub numbers: Vec<String>,
    /// Word stems of the unit, sorted, unique.
    pub stems: Vec<String>,
    /// Event dates resolved in the unit's sentence.
    pub dates: Vec<PartialDate>,
    /// Whether the unit holds a negation word.
    pub negated: bool,
    /// Position of the sentence in its article (0 = first), for centrality and order.
    pub position: usize,
}

impl Unit {
    /// Whether the unit is a whole sentence.
    pub fn is_sentence(&self) -> bool {
        self.parent.is_none()
    }
}

/// The statements of the articles: every body sentence (title and paragraphs) of at least five words,
/// followed by its clauses when it has two or more, and by its comma-enclosed relative clauses and
/// participle appositions with the words they are about (see [`insertion_ranges`]) when those name an
/// entity. The sentence and its parts overlap: alignment picks, per article, the one that matches.
pub fn units_of(articles: &[&Article], origins: &[usize]) -> Vec<Unit> {
    let mut units = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        let cues = cues_for(&article.language);
        let mut position = 0;
        for (b, block) in article.blocks.iter().enumerate() {
            if !matches!(block.kind, model::BlockKind::Title | model::BlockKind::Paragraph) {
                continue;
            }
            for span in text::sentences::sentence_spans(&block.text, &article.language) {
                let sentence = &block.text[span.clone()];
                if word_count(sentence) < MIN_SENTENCE_WORDS {
                    continue;
                }
                let parent = units.len();
                units.push(make_unit(
                    article,
                    a,
                    origins[a],
                    b as u32,
                    &span,
                    span.clone(),
                    None,
                    position,
                    cues,
                ));
                let mut parts = clause_ranges(sentence, cues);
                if parts.len() < 2 {
                    parts.clear();
                }
                let clauses = parts.len();
                for r in insertion_ranges(sentence, cues) {
                    if !parts.contains(&r) && r != (0..sentence.trim_end().len()) {
                        parts.push(r);
                    }
                }
                for (k, c) in parts.into_iter().enumerate() {
                    let range = span.start + c.start..span.start + c.end;
                    let unit = make_unit(
                        article,
                        a,
                        origins[a],
                        b as u32,
                        &span,
                        range,
                        Some(parent),
                        position,
                        cues,
                    );
                    // An inserted clause is kept when it names someone or something: the claims such
                    // clauses carry are about named actors ("Lee, who became president …"), while the
                    // unnamed ones ("agents, who were in charge …") only add loose links.
                    if k < clauses || !unit.entities.is_empty() {
                        units.push(unit);
                    }
                }
                position += 1;
            }
        }
    }
    units
}

#[allow(clippy::too_many_arguments)]
fn make_unit(
    article: &Article,
    index: usize,
    origin: usize,
    block: u32,
    sentence_range: &Range<usize>,
    range: Range<usize>,
    parent: Option<usize>,
    position: usize,
    cues: &SynthCues,
) -> Unit {
    let block_text = &article.blocks[block as usize].text;
    let sentence = block_text[sentence_range.clone()].to_string();
    let raw = &block_text[range.clone()];
    let text = raw.trim().to_string();
    let text_start = range.start + (raw.len() - raw.trim_start().len());
    let mut mentions: Vec<(usize, String)> = article
        .entities
        .iter()
        .filter(|m| m.block == block)
        .filter_map(|m| {
            let at = (m.offset as usize).checked_sub(text_start)?;
            (at < text.len()).then(|| (at, m.entity.clone()))
        })
        .collect();
    mentions.sort();
    let mut entities: Vec<String> = mentions.iter().map(|(_, id)| id.clone()).collect();
    entities.sort();
    entities.dedup();
    let mut people: Vec<(String, String)> = Vec::new();
    for m in article.entities.iter().filter(|m| m.block == block && range.contains(&(m.offset as usize))) {
        if m.kind == model::EntityKind::Person && !people.iter().any(|(id, _)| *id == m.entity) {
            people.push((m.entity.clone(), m.name.clone()));
        }
    }
    let dates = article
        .event_dates
        .iter()
        .filter(|d| {
            d.block == block && (sentence.contains(d.sentence.as_str()) || d.sentence.contains(&sentence))
        })
        .filter(|d| text.contains(d.surface.as_str()))
        .map(|d| d.date)
        .collect();
    let words = words_of(&text);
    let negated = words.iter().any(|w| cues.negations.contains(&w.as_str()));
    let snowball = snowball_for(&article.language);
    let mut stems: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| match &snowball {
            Some(s) => s.stem(w).chars().take(STEM_CHARS).collect(),
            None => w.chars().take(STEM_CHARS).collect(),
        })
        .collect();
    stems.sort();
    stems.dedup();
    Unit {
        article: index,
        origin,
        language: article.language.clone(),
        block,
        sentence_range: sentence_range.clone(),
        range,
        sentence,
        text,
        parent,
        entities,
        people,
        mentions,
        numbers: numbers_of(&block_text[sentence_range.clone()]),
        stems,
        dates,
        negated,
        position,
    }
}

/// The Snowball stemmer of a language, when there is one: it takes inflections off before the stem is cut
/// to its first characters, so that "faces" and "facing" share "face", and "party" and "parties" "parti".
fn snowball_for(language: &str) -> Option<rust_stemmers::Stemmer> {
    use rust_stemmers::Algorithm::*;
    let algorithm = match language {
        "en" => English,
        "de" => German,
        "fr" => French,
        "es" => Spanish,
        "it" => Italian,
        "pt" => Portuguese,
        "nl" => Dutch,
        "ru" => Russian,
        "tr" => Turkish,
        "ar" => Arabic,
        _ => return None,
    };
    Some(rust_stemmers::Stemmer::create(algorithm))
}

/// Lower-case words, split at anything that is not a letter or digit.
pub fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect()
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// The numbers written in a text, thousands separators removed ("80,000", "80.000", "80 000" → "80000");
/// a decimal part is kept ("3,5" and "3.5" → "3.5").
pub fn numbers_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = number_spans(text).into_iter().map(|(_, n)| n).collect();
    out.sort();
    out.dedup();
    out
}

/// Every number of a text with its byte range, normalized as [`numbers_of`] says.
pub fn number_spans(text: &str) -> Vec<(Range<usize>, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let digit = |k: usize| chars.get(k).is_some_and(|c| c.1.is_ascii_digit());
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() || (i > 0 && chars[i - 1].1.is_alphabetic()) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut digits = String::new();
        let mut decimal = String::new();
        while i < chars.len() {
            let c = chars[i].1;
            if c.is_ascii_digit() {
                if decimal.is_empty() {
                    digits.push(c);
                } else {
                    decimal.push(c);
                }
                i += 1;
                continue;
            }
            let next3 = (1..=3).all(|k| digit(i + k)) && !digit(i + 4);
            if matches!(c, ',' | '.' | '\'' | '’' | '\u{202f}' | '\u{a0}') && decimal.is_empty() && next3 {
                i += 1; // a thousands separator
                continue;
            }
            if matches!(c, ',' | '.') && decimal.is_empty() && digit(i + 1) {
                decimal.push('.');
                i += 1;
                continue;
            }
            break;
        }
        let end = chars.get(i).map_or(text.len(), |c| c.0);
        let mut n = digits.trim_start_matches('0').to_string();
        if n.is_empty() {
            n.push('0');
        }
        if decimal.len() > 1 {
            n.push_str(decimal.trim_end_matches('0').trim_end_matches('.'));
        }
        out.push((start..end, n));
    }
    out
}

/// What a figure counts, so that only like figures are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// A percentage or percentage points.
    Percent,
    /// Any other amount.
    Amount,
}

/// A figure of a statement: a number that is neither a year nor the day of a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The normalized number.
    pub value: String,
    /// Percentage or other amount.
    pub kind: FigureKind,
    /// The lower-case word before it ("least" in "at least 12", "to" in "to 3.5%"), which tells what it
    /// measures when two statements in one language are compared.
    pub cue: String,
    /// The lower-case word after it (after a scale word), its unit when it has one ("km/h", "people").
    pub unit: String,
    /// Byte offset of the number in the text it was read from.
    pub at: usize,
}

/// The figures of a text: numbers without years and without day numbers next to a month name.
pub fn figures_of(text: &str, language: &str) -> Vec<Figure> {
    let cues = cues_for(language);
    let months = text::dates::lang::table(language).map_or(&[][..], |t| t.months);
    let is_month = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        !w.is_empty() && months.iter().any(|(m, _)| *m == w)
    };
    number_spans(text)
        .into_iter()
        .filter(|(_, n)| !is_year(n))
        .filter_map(|(range, value)| {
            let before = &text[..range.start];
            let after = &text[range.end..];
            let next_word =
                after.trim_start_matches(['.', ' ', '\u{a0}']).split_whitespace().next().unwrap_or("");
            let prev_word = before.split_whitespace().last().unwrap_or("");
            let small = value.parse::<f64>().is_ok_and(|v| v <= 31.0 && v.fract() == 0.0);
            if small && (is_month(next_word) || is_month(prev_word)) {
                return None;
            }
            let rest = after.trim_start().to_lowercase();
            let kind = if rest.starts_with('%') || cues.percent_words.iter().any(|w| rest.starts_with(w)) {
                FigureKind::Percent
            } else {
                FigureKind::Amount
            };
            let mut words = rest
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '%'));
            let mut unit = words.next().unwrap_or("").to_string();
            let mut value = value;
            if let Some((_, factor)) = cues.scale_words.iter().find(|(w, _)| *w == unit) {
                if let Ok(v) = value.parse::<f64>() {
                    value = format!("{}", v * factor);
                }
                unit = words.next().unwrap_or("").to_string();
            }
            // Times of day ("13.30 Uhr", "6 p.m.", "11:10") say when, not how much.
            let clock = after.starts_with(':') && after[1..].starts_with(|c: char| c.is_ascii_digit())
                || before.ends_with(':')
                    && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit());
            if clock || cues.time_words.contains(&unit.as_str()) {
                return None;
            }
            if kind == FigureKind::Percent {
                unit = "%".into();
            }
            let cue = prev_word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            Some(Figure { value, kind, cue, unit, at: range.start })
        })
        .collect()
}

/// Whether a number reads as a year (1800–2100): years tie statements to history, not to a claim.
pub fn is_year(number: &str) -> bool {
    number.len() == 4 && number.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// Words the antecedent of an inserted clause is taken to have at most: "this pivotal visit".
const MAX_ANTECEDENT_WORDS: usize = 3;
/// An inserted clause shorter than this states nothing of its own ("who said").
const MIN_INSERTION_WORDS: usize = 4;

/// The comma-enclosed clauses of a sentence that say something of the words just before them — relative
/// clauses and participle appositions ("Lee, who became president in June, …", "Ishiba, facing pressure
/// within his party, …") — each with those words (at most three, back to the previous punctuation), so
/// that the statement has its subject; after a coordination, only the last conjunct. A clause at the end of the sentence is left out: it is more often a
/// comment on the whole sentence ("…, which remains a concern") than a claim about a name.
pub fn insertion_ranges(sentence: &str, cues: &SynthCues) -> Vec<Range<usize>> {
    if cues.relative_pronouns.is_empty() && cues.participle_endings.is_empty() {
        return Vec::new();
    }
    let commas: Vec<usize> = sentence.match_indices(',').map(|(i, _)| i).collect();
    let mut out = Vec::new();
    for (k, &comma) in commas.iter().enumerate() {
        let Some(&close) = commas.get(k + 1) else { break };
        let inserted = &sentence[comma + 1..close];
        let first = inserted.split_whitespace().next().unwrap_or("");
        let word = first.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        let relative = cues.relative_pronouns.contains(&word.as_str());
        let participle = word.chars().count() >= 6
            && first.chars().next().is_some_and(char::is_lowercase)
            && cues.participle_endings.iter().any(|e| word.ends_with(e));
        if !(relative || participle) || word_count(inserted) < MIN_INSERTION_WORDS {
            continue;
        }
        if inserted.contains([';', ':', '(', ')', '–', '—', '"', '“', '”', '„', '«', '»']) {
            continue;
        }
        // The antecedent: the last words before the comma, not across other punctuation.
        let before = &sentence[..comma];
        let segment_start = before
            .rfind([',', ';', ':', '(', '–', '—', '"', '“', '”', '„', '«', '»'])
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let segment = &before[segment_start..];
        let starts: Vec<usize> =
            segment.split_whitespace().map(|w| w.as_ptr() as usize - segment.as_ptr() as usize).collect();
        // A clause after a coordination is read as about the last conjunct ("Ishiba and Lee, who …").
        let mut start = None;
        for &w in starts.iter().rev().take(MAX_ANTECEDENT_WORDS) {
            let token = segment[w..].split_whitespace().next().unwrap_or("").to_lowercase();
            if start.is_some() && cues.clause_openers.contains(&token.as_str()) {
                break;
            }
            start = Some(w);
        }
        let Some(start) = start else { continue };
        out.push(segment_start + start..close);
    }
    out
}

/// The clauses of a sentence: split at semicolons, dashes between spaces, and commas followed by a word
/// that opens a clause; clauses shorter than four words are glued to the one before.
pub fn clause_ranges(sentence: &str, cues: &SynthCues) -> Vec<Range<usize>> {
    let mut cuts = Vec::new();
    let bytes = sentence.as_bytes();
    for (i, c) in sentence.char_indices() {
        match c {
            ';' => cuts.push((i, i + 1)),
            '–' | '—' if i > 0 && bytes[i - 1] == b' ' => cuts.push((i, i + c.len_utf8())),
            ',' => {
                let rest = &sentence[i + 1..];
                let next = rest.split_whitespace().next().unwrap_or("");
                let word = next.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                if !word.is_empty() && cues.clause_openers.contains(&word.as_str()) {
                    cuts.push((i, i + 1));
                }
            }
            _ => {}
        }
    }
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (cut, after) in cuts.into_iter().chain(std::iter::once((sentence.len(), sentence.len()))) {
        let piece = start..cut;
        start = after;
        if sentence[piece.clone()].trim().is_empty() {
            continue;
        }
        match pieces.last_mut() {
            Some(last) if word_count(&sentence[piece.clone()]) < MIN_CLAUSE_WORDS => last.end = piece.end,
            _ => pieces.push(piece),
        }
    }
    // A short first clause is glued forward.
    if pieces.len() >= 2 && word_count(&sentence[pieces[0].clone()]) < MIN_CLAUSE_WORDS {
        let first = pieces.remove(0);
        pieces[0].start = first.start;
    }
    pieces
        .into_iter()
        .map(|r| {
            let s = &sentence[r.clone()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            r.start + lead..r.end - trail
        })
        .filter(|r| !r.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::cues_for;

    #[test]
    fn numbers_are_normalized_across_writing_conventions() {
        assert_eq!(numbers_of("about 80,000 troops"), vec!["80000"]);
        assert_eq!(numbers_of("rund 80.000 Soldaten"), vec!["80000"]);
        assert_eq!(numbers_of("3,5 Prozent and 3.5 percent"), vec!["3.5"]);
        assert_eq!(numbers_of("from 1910 to 1945, (1965–2025)"), vec!["1910", "1945", "1965", "2025"]);
        assert_eq!(numbers_of("G7 and COVID-19"), vec!["19"]);
        assert!(is_year("1965") && !is_year("80000") && !is_year("2500"));
    }

    #[test]
    fn figures_leave_out_years_and_days_and_know_percentages() {
        let f = figures_of(
            "On 12 September 2024 the bank cut its rate by 0.25 points to 3.5% for 300 banks.",
            "en",
        );
        let values: Vec<(&str, FigureKind, &str)> =
            f.iter().map(|x| (x.value.as_str(), x.kind, x.cue.as_str())).collect();
        assert_eq!(
            values,
            vec![
                ("0.25", FigureKind::Amount, "by"),
                ("3.5", FigureKind::Percent, "to"),
                ("300", FigureKind::Amount, "for")
            ]
        );
        let de = figures_of("Am 5. Juni sank der Zins um 0,25 Prozentpunkte.", "de");
        assert_eq!(de.len(), 1);
        assert_eq!((de[0].value.as_str(), de[0].kind), ("0.25", FigureKind::Percent));
        let es = figures_of("más de 250 mil hogares sin luz y vientos de 225 km/h", "es");
        let units: Vec<(&str, &str)> = es.iter().map(|f| (f.value.as_str(), f.unit.as_str())).collect();
        assert_eq!(units, vec![("250000", "hogares"), ("225", "km/h")]);
        assert!(figures_of("Um 13.30 Uhr begann die Sitzung, gegen 14 Uhr war sie zu Ende.", "de").is_empty());
        assert!(figures_of("Landfall came at 11:10 p.m., at 6 p.m. and again at 7 pm.", "en").is_empty());
    }

    #[test]
    fn stems_drop_inflections_where_the_language_has_a_stemmer() {
        let stems = |text: &str, language: &str| -> Vec<String> {
            let raw = model::RawDocument {
                source: "stems.txt".into(),
                content: model::Content::Text(text.into()),
                hints: model::Hints { language: Some(language.into()), ..Default::default() },
                warnings: Vec::new(),
            };
            let article = text::analyze(&raw).unwrap();
            units_of(&[&article], &[0]).into_iter().flat_map(|u| u.stems).collect()
        };
        let faces = stems("The mayor faces growing calls from his own party to resign.", "en");
        let facing = stems("The mayor, facing pressure within his party, stayed in office.", "en");
        for shared in ["face", "parti"] {
            assert!(faces.contains(&shared.to_string()) && facing.contains(&shared.to_string()), "{shared}");
        }
        // A language without a stemmer keeps the first six letters.
        let cs = stems("Starosta čelí rostoucím výzvám ke své rezignaci.", "cs");
        assert!(cs.contains(&"rostou".to_string()), "{cs:?}");
    }

    #[test]
    fn long_sentences_split_into_clauses_that_can_state_facts() {
        let s = "The mayor opened the new bridge on Monday, and the council approved a second one, while residents \
                 protested against its cost of 40 million euros.";
        let clauses: Vec<&str> = clause_ranges(s, cues_for("en")).into_iter().map(|r| &s[r]).collect();
        assert_eq!(clauses.len(), 3, "{clauses:?}");
        assert!(clauses[1].starts_with("and the council"));
        // A relative clause has no subject of its own: it stays with its sentence.
        let relative = "The council approved a second bridge on Monday, which will cost 40 million euros.";
        assert_eq!(clause_ranges(relative, cues_for("en")).len(), 1);
        let short = "Prices rose, and fell.";
        assert_eq!(clause_ranges(short, cues_for("en")).len(), 1);
        let unknown = "Один, и два; три четыре пять шесть";
        assert_eq!(clause_ranges(unknown, cues_for("ru")).len(), 1);
    }

    #[test]
    fn inserted_clauses_become_statements_with_the_words_they_are_about() {
        let parts = |s: &str, l: &str| -> Vec<String> {
            insertion_ranges(s, cues_for(l)).into_iter().map(|r| s[r].to_string()).collect()
        };
        let s = "The talks between Marta and Oskar, who took office in May, ended early on Friday.";
        assert_eq!(parts(s, "en"), vec!["Oskar, who took office in May"]);
        let s = "The mayor, facing protests over the bridge, opened it anyway on Monday.";
        assert_eq!(parts(s, "en"), vec!["The mayor, facing protests over the bridge"]);
        let s = "Die Ministerin, die seit März im Amt ist, reiste am Montag nach Rom.";
        assert_eq!(parts(s, "de"), vec!["Die Ministerin, die seit März im Amt ist"]);
        // At the end of a sentence, too short, or not a relative pronoun or participle: nothing.
        assert!(parts("The bank cut its rate, which markets had expected for weeks.", "en").is_empty());
        assert!(parts("Oskar, who said so, left on Monday.", "en").is_empty());
        assert!(parts("In Paris, the minister said, the talks went well enough.", "en").is_empty());
        assert!(parts("Ana, que asumió el cargo en mayo, viajó a Roma.", "xx").is_empty());
    }
}
