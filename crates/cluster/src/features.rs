//! What the clusterer knows of one article: plain data computed once, away from the clusterer's
//! state, so the stateless stage can build it in parallel.

use model::{Article, EntityKind, EntityMention, PartialDate};
use serde::{Deserialize, Serialize};

/// The evidence one article brings to clustering (`Default`: no evidence at all, for tests and fixtures).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleFeatures {
    /// The article's id.
    pub id: String,
    /// Its language (ISO 639-1).
    pub language: String,
    /// Its headline, for the event's title.
    pub title: Option<String>,
    /// The day the article is mainly about (day number since 1970-01-01), when the text says.
    pub event_day: Option<i32>,
    /// The month it is about when only the month is known (year × 12 + month − 1).
    pub event_month: Option<i32>,
    /// The publication day, when known to the day.
    pub published_day: Option<i32>,
    /// The publication month when only the month is known.
    pub published_month: Option<i32>,
    /// Other days the article mentions (recaps, earlier events), for back-references between events.
    pub other_days: Vec<i32>,
    /// Days the text names as earlier happenings it recaps ("zuvor", "earlier", "had" near the date).
    #[serde(default)]
    pub recap_days: Vec<i32>,
    /// Recapped dates without a year (month, day), when the article's year is unknown.
    #[serde(default)]
    pub yearless_recaps: Vec<(u8, Option<u8>)>,
    /// The document vector (unit length), when an encoder ran.
    pub vector: Option<Vec<f32>>,
    /// Canonical entity ids mentioned, each once, sorted.
    pub entities: Vec<String>,
    /// Places (cities and regions, not countries) by how often they are mentioned, most first.
    pub places: Vec<String>,
    /// What the first place is and what contains it (`place:4177887`, `region:US.FL`, `country:US`),
    /// from the gazetteer; empty when unknown. A report placed in a city agrees with one placed in its
    /// state.
    #[serde(default)]
    pub place_scope: Vec<String>,
    /// Canonical names of the places and countries mentioned (id, name), for display.
    pub names: Vec<(String, String)>,
    /// Countries by how often they are mentioned, most first: the place of last resort.
    pub countries: Vec<String>,
    /// Rare-term candidates, each once, sorted: numbers and capitalized words inside sentences.
    pub terms: Vec<String>,
    /// The key terms of the headline and the lead (the first words of the body), each once, sorted:
    /// news states what is new first, and recaps of earlier happenings come further down.
    #[serde(default)]
    pub lead_terms: Vec<String>,
    /// The copy group the article belongs to.
    pub copy_group: Option<u32>,
}

/// Day number (days since 1970-01-01) of a calendar date.
pub fn day_number(year: i32, month: u8, day: u8) -> i32 {
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The calendar date of a day number.
pub fn civil_from_day(day: i32) -> (i32, u8, u8) {
    let z = day + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Splits a partial date into a day number or a month number, whichever it is precise to.
pub fn day_or_month(date: Option<&PartialDate>) -> (Option<i32>, Option<i32>) {
    match date {
        Some(PartialDate { year, month: Some(m), day: Some(d) }) => (Some(day_number(*year, *m, *d)), None),
        Some(PartialDate { year, month: Some(m), day: None }) => (None, Some(year * 12 + *m as i32 - 1)),
        _ => (None, None),
    }
}

impl ArticleFeatures {
    /// The features that the text alone gives (dates, terms, vector), without the entity fields:
    /// `main_event_date` is the date the text is mainly about (from `text::dates::main_event_date`),
    /// `vector` its document vector. They need no state across articles, so the parallel text stage can build them, and the single
    /// owner of the clusterer only adds the entities ([`ArticleFeatures::set_entities`]) once it has
    /// resolved them against earlier articles.
    pub fn from_text(
        article: &Article,
        main_event_date: Option<PartialDate>,
        vector: Option<Vec<f32>>,
    ) -> ArticleFeatures {
        let (event_day, event_month) = day_or_month(main_event_date.as_ref());
        let (published_day, published_month) = day_or_month(article.published.as_ref());
        let mut other_days: Vec<i32> =
            article.event_dates.iter().filter_map(|d| day_or_month(Some(&d.date)).0).collect();
        other_days.sort_unstable();
        other_days.dedup();
        other_days.retain(|d| Some(*d) != event_day);
        ArticleFeatures {
            id: article.id.0.clone(),
            language: article.language.clone(),
            title: article.title.clone(),
            event_day,
            event_month,
            published_day,
            published_month,
            other_days,
            recap_days: Vec::new(),
            yearless_recaps: Vec::new(),
            vector: vector.map(unit),
            entities: Vec::new(),
            places: Vec::new(),
            place_scope: Vec::new(),
            names: Vec::new(),
            countries: Vec::new(),
            terms: key_terms(&article.text),
            lead_terms: key_terms(&lead_text(article.title.as_deref(), &article.text)),
            copy_group: article.copy_group,
        }
    }

    /// Sets the entity fields (entities, places, countries, their names) from the article's
    /// mentions, replacing any set before. The place scope is left to the caller (it needs the
    /// gazetteer).
    pub fn set_entities(&mut self, mentions: &[EntityMention]) {
        let mut entities: Vec<String> = mentions.iter().map(|m| m.entity.clone()).collect();
        entities.sort();
        entities.dedup();
        let ranked = |kind: EntityKind| {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for m in mentions.iter().filter(|m| m.kind == kind) {
                match counts.iter_mut().find(|(p, _)| *p == m.entity) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((m.entity.clone(), 1)),
                }
            }
            // Most mentioned first; among equals, the one mentioned first (the dateline, the lead).
            counts.sort_by_key(|c| std::cmp::Reverse(c.1));
            counts.into_iter().map(|(p, _)| p).collect::<Vec<_>>()
        };
        let mut names: Vec<(String, String)> = mentions
            .iter()
            .filter(|m| matches!(m.kind, EntityKind::Place | EntityKind::Country))
            .map(|m| (m.entity.clone(), m.name.clone()))
            .collect();
        names.sort();
        names.dedup_by(|a, b| a.0 == b.0);
        self.entities = entities;
        self.places = ranked(EntityKind::Place);
        self.place_scope = Vec::new();
        self.names = names;
        self.countries = ranked(EntityKind::Country);
    }

    /// Whether the article recaps the day (or, without a year of its own, the month) a profile is
    /// placed at as an earlier happening: then it reports something after it, not it.
    pub fn recaps(&self, event: &crate::profile::Profile) -> bool {
        // Most articles name no earlier day: answered before the event's day is computed.
        if self.recap_days.is_empty() && self.yearless_recaps.is_empty() {
            return false;
        }
        if let Some(day) = event.reference_day() {
            if self.reference_day().is_some_and(|own| (own - day).abs() <= 2) {
                return false;
            }
            if self.recap_days.iter().any(|d| (d - day).abs() <= 1) {
                return true;
            }
            let (_, month, dom) = civil_from_day(day);
            return self.year_unknown()
                && self.yearless_recaps.iter().any(|(m, d)| {
                    *m == month && d.is_none_or(|d| (i32::from(d) - i32::from(dom)).abs() <= 1)
                });
        }
        match event.reference_month() {
            Some(index) if self.year_unknown() && self.event_month.is_none() => {
                let month = (index.rem_euclid(12) + 1) as u8;
                self.yearless_recaps.iter().any(|(m, _)| *m == month)
            }
            _ => false,
        }
    }

    /// Whether nothing dates the article to a year.
    fn year_unknown(&self) -> bool {
        self.event_day.is_none()
            && self.event_month.is_none()
            && self.published_day.is_none()
            && self.published_month.is_none()
    }

    /// The day the article is best placed at: its event day, else its publication day.
    pub fn reference_day(&self) -> Option<i32> {
        self.event_day.or(self.published_day)
    }
}

/// How many words of the body count as the lead.
pub const LEAD_WORDS: usize = 40;

/// The headline (when there is one) and the first [`LEAD_WORDS`] words of the body, one line each.
pub fn lead_text(title: Option<&str>, text: &str) -> String {
    let mut lead = String::new();
    if let Some(t) = title {
        lead.push_str(t);
        lead.push('\n');
    }
    let mut words = 0;
    for line in text.lines() {
        if words >= LEAD_WORDS {
            break;
        }
        let kept: Vec<&str> = line.split_whitespace().take(LEAD_WORDS - words).collect();
        words += kept.len();
        lead.push_str(&kept.join(" "));
        lead.push('\n');
    }
    lead
}

fn unit(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

/// Numbers and names, the words that tell one happening from another in any Latin, Cyrillic or Greek
/// script: numbers with a decimal part or of three or more digits (not years), and capitalized words
/// that do not start a sentence. Their rarity is judged later by the clusterer's document frequencies.
pub fn key_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for line in text.lines() {
        let mut sentence_start = true;
        let raws: Vec<&str> = line.split_whitespace().collect();
        for (i, raw) in raws.iter().enumerate() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let ends_sentence = raw.ends_with(['.', '!', '?', ':']) && !is_abbreviation(word);
            if let Some(number) = number_term(word) {
                terms.push(number);
            } else if let Some(share) = percent_term(raw, &raws[i + 1..]) {
                terms.push(share);
            } else if !sentence_start && word.chars().count() >= 3 {
                let mut chars = word.chars();
                let first = chars.next().unwrap_or(' ');
                let rest_lower = chars.clone().any(|c| c.is_lowercase());
                if first.is_uppercase() && rest_lower && word.chars().all(|c| c.is_alphabetic() || c == '-') {
                    terms.push(word.to_lowercase());
                }
            }
            sentence_start = ends_sentence;
        }
    }
    terms.sort();
    terms.dedup();
    terms
}

/// Words that make the number before them a percentage, in the languages of DESIGN.md ("proc" is the
/// Polish abbreviation: "33 proc.").
const PERCENT_WORDS: [&str; 8] =
    ["%", "percent", "prozent", "porcentaje", "procent", "procento", "percento", "proc"];

/// Two-word spellings of "percent": a first word that says nothing alone ("pour", "per") and the second.
const PERCENT_PAIRS: [(&str, &str); 4] =
    [("pour", "cent"), ("per", "cent"), ("por", "ciento"), ("per", "cento")];

/// A whole percentage under 100 ("33 %", "33%", "33 Prozent", "33 pour cent"): small integers say little
/// alone, but as a share they are the result an election or a poll reports. `after` are the words that
/// follow the number.
fn percent_term(raw: &str, after: &[&str]) -> Option<String> {
    let digits: String = raw.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let rest = &raw[digits.len()..];
    let folded = |i: usize| {
        after.get(i).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%').to_lowercase())
    };
    let marked = rest.starts_with('%')
        || rest.is_empty()
            && folded(0).is_some_and(|first| {
                PERCENT_WORDS.contains(&first.as_str())
                    || folded(1)
                        .is_some_and(|second| PERCENT_PAIRS.contains(&(first.as_str(), second.as_str())))
            });
    marked.then(|| format!("{digits}%"))
}

fn is_abbreviation(word: &str) -> bool {
    word.chars().count() <= 2 && word.chars().all(|c| c.is_alphabetic())
}

/// A number written as a distinguishing figure: "3,75" and "3.75" alike; plain years and small
/// integers (days, counts) say too little.
fn number_term(word: &str) -> Option<String> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let body: String = word.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    let body = body.trim_end_matches(['.', ',']);
    if body.is_empty() || body.len() != word.len() && !word[body.len()..].starts_with('%') {
        return None;
    }
    let separators = body.chars().filter(|c| *c == '.' || *c == ',').count();
    let digits = body.chars().filter(|c| c.is_ascii_digit()).count();
    if separators == 1 {
        let (int, frac) = body.split_once(['.', ',']).expect("one separator");
        if frac.len() == 3 && int.len() <= 3 && int != "0" {
            // 1.000 / 1,000: a thousands separator, not a decimal.
            return Some(format!("{int}{frac}"));
        }
        // "3,50 Prozent" and "3.5%" are the same figure: trailing zeros say nothing of it.
        let frac = frac.trim_end_matches('0');
        let frac = if frac.is_empty() { "0" } else { frac };
        return Some(format!("{int}.{frac}"));
    }
    if separators == 0 {
        let value: u64 = body.parse().ok()?;
        let year_like = (1900..=2100).contains(&value) && digits == 4;
        if digits >= 3 && !year_like {
            return Some(body.to_string());
        }
        return None;
    }
    Some(body.replace([',', '.'], ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2000, 3, 1), 11017);
        for day in [-1000, 0, 11017, 20000, 20300] {
            let (y, m, d) = civil_from_day(day);
            assert_eq!(day_number(y, m, d), day);
        }
    }

    #[test]
    fn numbers_keep_decimals_and_drop_years() {
        let terms = key_terms("Der Satz sinkt auf 3,75 Prozent, nach 4.00% im Jahr 2023 und 120 Tagen.");
        assert!(terms.contains(&"3.75".to_string()));
        assert!(terms.contains(&"4.0".to_string()));
        // Trailing zeros of a decimal do not change the figure.
        assert!(key_terms("sinkt auf 3,50 Prozent").contains(&"3.5".to_string()));
        assert!(key_terms("falls to 3.5%").contains(&"3.5".to_string()));
        assert!(terms.contains(&"120".to_string()));
        assert!(!terms.iter().any(|t| t == "2023"));
    }

    #[test]
    fn whole_percentages_are_terms_in_every_spelling() {
        for text in [
            "Die Partei kam auf 33 Prozent.",
            "Le parti obtient 33 %.",
            "The party won 33% of votes.",
            "Partia zdobyła 33 proc. głosów.",
        ] {
            assert!(key_terms(text).contains(&"33%".to_string()), "{text}");
        }
        assert!(key_terms("Il a obtenu 33 pour cent des voix.").contains(&"33%".to_string()));
        // A small number that is no share says too little.
        assert!(!key_terms("Es gab 33 Verletzte.").iter().any(|t| t.starts_with("33")));
        assert!(!key_terms("Il y a 33 pour les uns.").iter().any(|t| t.starts_with("33")));
    }

    #[test]
    fn the_lead_is_the_headline_and_the_first_words() {
        let body = (0..60).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let lead = lead_text(Some("Storm Zelda"), &format!("{body}\nLater line"));
        assert!(lead.starts_with("Storm Zelda\n"));
        assert!(lead.contains("w39") && !lead.contains("w40") && !lead.contains("Later"));
    }

    #[test]
    fn capitalized_words_inside_sentences_are_terms() {
        let terms = key_terms("The storm named Zelda hit Portville. Officials said more. Then Zelda left");
        assert!(terms.contains(&"zelda".to_string()));
        assert!(terms.contains(&"portville".to_string()));
        // Sentence-initial words are not names by position alone.
        assert!(!terms.contains(&"officials".to_string()));
        assert!(!terms.contains(&"then".to_string()));
    }
}
