//! The storyline's timeline: every dated statement of the storyline's articles in date order, each
//! citing its sentence; the same date stated in the same words by several articles of an event is one entry.

use crate::statements::words_of;
use crate::story::TimelineEntry;
use model::{Article, PartialDate};
use std::collections::HashSet;

/// Two dated sentences of one event on one date are one entry when they share this share of their words.
const SAME_ENTRY_OVERLAP: f32 = 0.3;

/// One article of the storyline and the event it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct StorylineArticle<'a> {
    /// The article.
    pub article: &'a Article,
    /// The id of its event.
    pub event_id: &'a str,
}

/// The timeline of the storyline's articles, oldest first. Year-only dates are left out: they date
/// background, not happenings.
pub fn timeline(articles: &[StorylineArticle<'_>]) -> Vec<TimelineEntry> {
    let mut raw: Vec<(PartialDate, Option<PartialDate>, &str, &StorylineArticle<'_>)> = Vec::new();
    for sa in articles {
        for d in &sa.article.event_dates {
            if d.date.month.is_none() {
                continue;
            }
            raw.push((d.date, d.until, d.sentence.as_str(), sa));
        }
    }
    raw.sort_by(|a, b| {
        date_key(&a.0)
            .cmp(&date_key(&b.0))
            .then(a.3.event_id.cmp(b.3.event_id))
            .then(a.3.article.id.cmp(&b.3.article.id))
    });
    let mut entries: Vec<(TimelineEntry, HashSet<String>)> = Vec::new();
    for (date, until, sentence, sa) in raw {
        let words: HashSet<String> = words_of(sentence).into_iter().collect();
        let date_s = date.to_string();
        let same = entries.iter_mut().rev().take_while(|(e, _)| e.date == date_s).find(|(e, w)| {
            e.event_id == sa.event_id && {
                let shared = w.intersection(&words).count() as f32;
                shared / w.union(&words).count().max(1) as f32 >= SAME_ENTRY_OVERLAP
            }
        });
        match same {
            Some((e, _)) => {
                let id = &sa.article.id.0;
                if &e.article_id != id && !e.also_in.contains(id) {
                    e.also_in.push(id.clone());
                }
            }
            None => entries.push((
                TimelineEntry {
                    date: date_s,
                    until: until.map(|u| u.to_string()),
                    text: sentence.to_string(),
                    article_id: sa.article.id.0.clone(),
                    language: sa.article.language.clone(),
                    event_id: sa.event_id.to_string(),
                    also_in: Vec::new(),
                },
                words,
            )),
        }
    }
    entries.into_iter().map(|(e, _)| e).collect()
}

fn date_key(d: &PartialDate) -> (i32, u8, u8) {
    (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0))
}
