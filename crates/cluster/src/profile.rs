//! The evidence of one article or one event in a form two of them can be compared by: vector sum,
//! entity and term counts, day votes, places and copy groups. An article is a profile of one member,
//! so article-to-event and event-to-event comparisons are the same function.

use crate::features::ArticleFeatures;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::BTreeMap;

/// A profile or index key (an entity id, a term, a place, a language). Keys up to 24 bytes, nearly
/// all of them, sit inside the map's own nodes: comparing and hashing them reads no second
/// allocation, which is what a lookup in a big event's profile mostly waited on. Ordered like
/// `String`, so maps iterate, and sums accumulate, in the same order.
pub type Key = compact_str::CompactString;

/// Counts of an article set's evidence.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Profile {
    /// How many articles.
    pub members: f32,
    /// Sum of the members' unit vectors.
    pub vector_sum: Vec<f32>,
    /// How many members had a vector.
    pub vectors: f32,
    /// Entity id → members mentioning it.
    pub entities: BTreeMap<Key, f32>,
    /// Term → members using it.
    pub terms: BTreeMap<Key, f32>,
    /// Lead term → members using it in their headline or lead.
    #[serde(default)]
    pub lead_terms: BTreeMap<Key, f32>,
    /// Event day → weight of the members placing the event on it (publication days count half).
    pub days: BTreeMap<i32, f32>,
    /// Event month → weight, for members known only to the month.
    pub months: BTreeMap<i32, f32>,
    /// Main place of each member → members.
    pub places: BTreeMap<Key, f32>,
    /// Main place of a member → what it is and what contains it ([`ArticleFeatures::place_scope`]).
    #[serde(default)]
    pub place_scopes: BTreeMap<Key, Vec<String>>,
    /// Copy groups of the members.
    pub copy_groups: BTreeMap<u32, f32>,
    /// Language → members.
    pub languages: BTreeMap<Key, u32>,
}

/// How much a publication day counts against a day the text itself names.
const PUBLISHED_DAY_WEIGHT: f32 = 0.5;

impl Profile {
    /// The profile of one article.
    pub fn of(f: &ArticleFeatures) -> Profile {
        let mut p = Profile::default();
        p.add(f, 1.0);
        p
    }

    /// Adds (`sign` = 1) or takes away (`sign` = −1) one article's evidence.
    pub fn add(&mut self, f: &ArticleFeatures, sign: f32) {
        self.members += sign;
        if let Some(v) = &f.vector {
            if self.vector_sum.is_empty() {
                self.vector_sum = vec![0.0; v.len()];
            }
            if self.vector_sum.len() == v.len() {
                self.vector_sum.iter_mut().zip(v).for_each(|(s, x)| *s += sign * x);
                self.vectors += sign;
            }
        }
        for e in &f.entities {
            bump_key(&mut self.entities, e, sign);
        }
        for t in &f.terms {
            bump_key(&mut self.terms, t, sign);
        }
        for t in &f.lead_terms {
            bump_key(&mut self.lead_terms, t, sign);
        }
        match (f.event_day, f.published_day, f.event_month.or(f.published_month)) {
            (Some(d), _, _) => bump(&mut self.days, &d, sign),
            (None, Some(d), _) => bump(&mut self.days, &d, sign * PUBLISHED_DAY_WEIGHT),
            (None, None, Some(m)) => bump(&mut self.months, &m, sign),
            _ => {}
        }
        if let Some(place) = f.places.first() {
            bump_key(&mut self.places, place, sign);
            if sign > 0.0 && f.place_scope.len() > 1 && !self.place_scopes.contains_key(place.as_str()) {
                self.place_scopes.insert(Key::from(place.as_str()), f.place_scope.clone());
            }
        }
        if let Some(g) = f.copy_group {
            bump(&mut self.copy_groups, &g, sign);
        }
        // Looked up before inserting: an event's languages are few, and `entry` would copy the name.
        match self.languages.get_mut(f.language.as_str()) {
            Some(n) if sign > 0.0 => *n += 1,
            Some(n) => {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.languages.remove(f.language.as_str());
                }
            }
            None if sign > 0.0 => {
                self.languages.insert(Key::from(f.language.as_str()), 1);
            }
            None => {}
        }
    }

    /// Adds every count of another profile (a merge).
    pub fn absorb(&mut self, other: &Profile) {
        self.members += other.members;
        if self.vector_sum.is_empty() {
            self.vector_sum = vec![0.0; other.vector_sum.len()];
        }
        if self.vector_sum.len() == other.vector_sum.len() {
            self.vector_sum.iter_mut().zip(&other.vector_sum).for_each(|(s, x)| *s += x);
            self.vectors += other.vectors;
        }
        for (k, v) in &other.entities {
            bump(&mut self.entities, k, *v);
        }
        for (k, v) in &other.terms {
            bump(&mut self.terms, k, *v);
        }
        for (k, v) in &other.lead_terms {
            bump(&mut self.lead_terms, k, *v);
        }
        for (k, v) in &other.days {
            bump(&mut self.days, k, *v);
        }
        for (k, v) in &other.months {
            bump(&mut self.months, k, *v);
        }
        for (k, v) in &other.places {
            bump(&mut self.places, k, *v);
        }
        for (k, scope) in &other.place_scopes {
            self.place_scopes.entry(k.clone()).or_insert_with(|| scope.clone());
        }
        for (k, v) in &other.copy_groups {
            bump(&mut self.copy_groups, k, *v);
        }
        for (k, v) in &other.languages {
            *self.languages.entry(k.clone()).or_default() += v;
        }
    }

    /// The unit centroid of the members' vectors, if any had one.
    pub fn centroid(&self) -> Option<Vec<f32>> {
        if self.vectors <= 0.0 {
            return None;
        }
        let norm = self.vector_sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        (norm > 0.0).then(|| self.vector_sum.iter().map(|x| x / norm).collect())
    }

    /// The day the members agree on most (weighted; the earliest among equals), if any gave one.
    pub fn reference_day(&self) -> Option<i32> {
        let mut best: Option<(i32, f32)> = None;
        // The days are walked in order with their neighbours in hand (no lookup per day): called for
        // every candidate of every arrival, on events whose votes span weeks.
        let mut previous: Option<(i32, f32)> = None;
        let mut rest = self.days.iter().map(|(&d, &w)| (d, w)).peekable();
        while let Some((day, w)) = rest.next() {
            let before = previous.filter(|(d, _)| *d == day - 1).map_or(0.0, |(_, w)| w);
            let after = rest.peek().filter(|(d, _)| *d == day + 1).map_or(0.0, |(_, w)| *w);
            previous = Some((day, w));
            if w <= 0.0 {
                continue;
            }
            // A vote for a day also supports its neighbours: reports land on the day or the next.
            let support = w + 0.5 * before.max(0.0) + 0.5 * after.max(0.0);
            if best.is_none_or(|(_, s)| support > s + 1e-6) {
                best = Some((day, support));
            }
        }
        best.map(|(d, _)| d)
    }

    /// The month the members are known to, when none gave a day.
    pub fn reference_month(&self) -> Option<i32> {
        let mut best: Option<(i32, f32)> = None;
        for (&m, &w) in &self.months {
            if w > 0.0 && best.is_none_or(|(_, s)| w > s + 1e-6) {
                best = Some((m, w));
            }
        }
        best.map(|(m, _)| m)
    }

    /// Whether the main places of two profiles are one place, or one lies inside the other (a city
    /// in a state): `None` when either has no main place.
    pub fn places_agree<'a>(&'a self, other: &'a Profile) -> Option<bool> {
        let (p, q) = (self.main_place()?, other.main_place()?);
        if p == q {
            return Some(true);
        }
        let (ps, qs) = (self.place_scopes.get(p), other.place_scopes.get(q));
        // Borrowed, not cloned: this runs for every article-to-member pair scored.
        let own = |id: &'a str, scope: Option<&'a Vec<String>>| -> &'a str {
            scope.and_then(|s| s.first()).map_or(id, String::as_str)
        };
        let within = |inner: Option<&Vec<String>>, outer: &str| {
            inner.is_some_and(|s| s.iter().skip(1).any(|c| c == outer))
        };
        Some(within(ps, own(q, qs)) || within(qs, own(p, ps)))
    }

    /// The place most members name first.
    pub fn main_place(&self) -> Option<&str> {
        let mut best: Option<(&str, f32)> = None;
        for (p, &w) in &self.places {
            if w > 0.0 && best.is_none_or(|(_, s)| w > s + 1e-6) {
                best = Some((p, w));
            }
        }
        best.map(|(p, _)| p)
    }
}

/// [`bump`] for a key given as text.
fn bump_key(map: &mut BTreeMap<Key, f32>, key: &str, by: f32) {
    bump_with(map, key, by, |k: &str| Key::from(k));
}

fn bump<K: Ord + Clone>(map: &mut BTreeMap<K, f32>, key: &K, by: f32) {
    bump_with(map, key, by, K::clone);
}

/// Adds `by` to a key's weight, dropping the key at zero. The key is built (`make`) only when it is
/// new: most bumps of a big event's profile find it there.
fn bump_with<K: Ord + Borrow<Q>, Q: Ord + ?Sized>(
    map: &mut BTreeMap<K, f32>,
    key: &Q,
    by: f32,
    make: impl FnOnce(&Q) -> K,
) {
    match map.get_mut(key) {
        Some(v) => {
            *v += by;
            if *v <= 1e-6 {
                map.remove(key);
            }
        }
        None => {
            let v = 0.0f32 + by;
            if v > 1e-6 {
                map.insert(make(key), v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference day as first written: each day's neighbours looked up in the map.
    fn reference_day_by_lookup(p: &Profile) -> Option<i32> {
        let mut best: Option<(i32, f32)> = None;
        for (&day, &w) in &p.days {
            if w <= 0.0 {
                continue;
            }
            let support = w
                + 0.5 * (p.days.get(&(day - 1)).copied().unwrap_or(0.0).max(0.0))
                + 0.5 * (p.days.get(&(day + 1)).copied().unwrap_or(0.0).max(0.0));
            if best.is_none_or(|(_, s)| support > s + 1e-6) {
                best = Some((day, support));
            }
        }
        best.map(|(d, _)| d)
    }

    #[test]
    fn reference_day_walk_equals_lookups() {
        let mut seed = 3u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        let mut differing_neighbours = 0;
        for round in 0..500 {
            let mut p = Profile::default();
            for _ in 0..1 + next() % 30 {
                // Gaps and runs of days, weights in halves as publication days give them.
                let day = 100 + (next() % (4 + round % 40)) as i32;
                let weight = if next() % 2 == 0 { 1.0 } else { 0.5 };
                bump(&mut p.days, &day, weight);
            }
            let ours = p.reference_day();
            assert_eq!(ours, reference_day_by_lookup(&p), "round {round}: {:?}", p.days);
            let alone = p.days.iter().max_by(|a, b| a.1.total_cmp(b.1)).map(|(d, _)| *d);
            differing_neighbours += usize::from(ours != alone);
        }
        assert!(differing_neighbours > 20, "neighbours must decide some rounds: {differing_neighbours}");
    }
}
