//! Facts from aligned statements: the fact table with its statuses, and the disagreements inside a fact
//! (numbers, dates, negation), shown side by side instead of merged.

use crate::align::{Aligner, PairEvidence};
use crate::statements::{figures_of, Figure, Unit};
use crate::story::{Conflict, Fact, FactStatus, Statement};
use model::Article;

/// Figures are compared only between statements aligned this far above the link threshold.
const FIGURE_CONFLICT_MARGIN: f32 = 0.1;

/// Word-stem overlap (IDF-weighted, smoothed) above which two statements naming different people are
/// read as giving the same role to different people.
const NAME_CONFLICT_MIN_STEMS: f32 = 0.3;

/// Clauses left over from a partly aligned sentence become facts of their own only when this long.
const MIN_LEFTOVER_CLAUSE_WORDS: usize = 6;

/// How much less a sentence that two facts hold is preferred as a fact's wording: less than the reader's
/// language weighs (a statement in the reader's language still words the fact before one in another).
const SHARED_WORDING_PENALTY: f32 = 0.2;

/// A fact before numbering, with the units it holds.
#[derive(Debug, Clone)]
pub struct DraftFact {
    /// Units of the fact, at most one per article.
    pub units: Vec<usize>,
    /// The unit whose words give the fact's text.
    pub representative: usize,
    /// Independent origins among the units.
    pub origins: usize,
}

/// Turns alignment groups into the facts of the event: every aligned group, every sentence that aligned
/// with nothing, and the long clauses left over from sentences of which only one clause aligned.
pub fn draft_facts(
    groups: &[Vec<usize>],
    units: &[Unit],
    aligner: &Aligner<'_>,
    language: &str,
) -> Vec<DraftFact> {
    let mut in_multi = vec![false; units.len()];
    for g in groups.iter().filter(|g| g.len() >= 2) {
        for &u in g {
            in_multi[u] = true;
        }
    }
    // A sentence is covered when it, or one of its clauses, is part of an aligned group.
    let mut covered = vec![false; units.len()];
    for (i, u) in units.iter().enumerate() {
        if in_multi[i] {
            covered[u.parent.unwrap_or(i)] = true;
        }
    }
    // A clause group that only repeats, clause by clause, sentences already aligned as wholes says nothing
    // new: the biggest groups claim their sentences first, and a group inside one of them is dropped.
    let signature = |g: &[usize]| -> Vec<(usize, u32, usize)> {
        let mut s: Vec<(usize, u32, usize)> =
            g.iter().map(|&u| (units[u].article, units[u].block, units[u].sentence_range.start)).collect();
        s.sort();
        s
    };
    let mut order: Vec<&Vec<usize>> = groups.iter().filter(|g| g.len() >= 2).collect();
    order.sort_by_key(|g| {
        (std::cmp::Reverse(g.len()), g.iter().filter(|&&u| !units[u].is_sentence()).count())
    });
    let mut claimed: Vec<Vec<(usize, u32, usize)>> = Vec::new();
    let mut repeated: Vec<&Vec<usize>> = Vec::new();
    for g in order {
        let sig = signature(g);
        if claimed.iter().any(|c| sig.iter().all(|x| c.contains(x))) {
            repeated.push(g);
        } else {
            claimed.push(sig);
        }
    }
    // A sentence aligned into two facts (itself or its clauses) states two things: it is a poor wording
    // for either, and two facts worded alike read as one told twice.
    let sentence_of = |u: usize| (units[u].article, units[u].block, units[u].sentence_range.start);
    let mut facts_of: std::collections::HashMap<(usize, u32, usize), usize> =
        std::collections::HashMap::new();
    for g in groups.iter().filter(|g| g.len() >= 2) {
        let mut sentences: Vec<_> = g.iter().map(|&u| sentence_of(u)).collect();
        sentences.sort();
        sentences.dedup();
        for s in sentences {
            *facts_of.entry(s).or_default() += 1;
        }
    }
    let shared = |u: usize| facts_of.get(&sentence_of(u)).is_some_and(|&n| n >= 2);
    let mut drafts = Vec::new();
    for g in groups.iter().filter(|g| !repeated.contains(g)) {
        let keep = if g.len() >= 2 {
            true
        } else {
            let u = &units[g[0]];
            match u.parent {
                None => !covered[g[0]],
                Some(p) => {
                    covered[p]
                        && !in_multi[p]
                        && u.text.split_whitespace().count() >= MIN_LEFTOVER_CLAUSE_WORDS
                }
            }
        };
        if !keep {
            continue;
        }
        let mut origins: Vec<usize> = g.iter().map(|&u| units[u].origin).collect();
        origins.sort();
        origins.dedup();
        let representative = representative_of(g, units, aligner, language, &shared);
        drafts.push(DraftFact { units: g.clone(), representative, origins: origins.len() });
    }
    drafts
}

/// The most central unit of a group, preferring the reader's language, whole sentences, and sentences
/// that no other fact holds: it words the fact.
fn representative_of(
    group: &[usize],
    units: &[Unit],
    aligner: &Aligner<'_>,
    language: &str,
    shared: &dyn Fn(usize) -> bool,
) -> usize {
    if group.len() == 1 {
        return group[0];
    }
    let preference = |u: usize| {
        let mean = group.iter().filter(|&&v| v != u).map(|&v| aligner.evidence(u, v).score).sum::<f32>()
            / (group.len() - 1) as f32;
        mean + if units[u].language == language { 0.3 } else { 0.0 }
            + if units[u].is_sentence() { 0.1 } else { 0.0 }
            - if shared(u) { SHARED_WORDING_PENALTY } else { 0.0 }
    };
    // The first of equals wins, so the choice does not depend on float ties' order.
    let mut best = (group[0], f32::NEG_INFINITY);
    for &u in group {
        let p = preference(u);
        if p > best.1 {
            best = (u, p);
        }
    }
    best.0
}

/// The statement a unit cites: its whole sentence, with the clause that matched when it is one.
pub fn statement_of(unit: &Unit, article: &Article, origin_id: &str) -> Statement {
    Statement {
        article_id: article.id.0.clone(),
        language: unit.language.clone(),
        text: unit.sentence.clone(),
        clause: (!unit.is_sentence()).then(|| unit.text.clone()),
        block: unit.block,
        offset: unit.sentence_range.start as u32,
        origin: origin_id.to_string(),
    }
}

/// The disagreements between statements of one fact from different origins: figures that differ where
/// both give one, full dates that differ, and one side negating what the other states.
pub fn conflicts_of(members: &[usize], units: &[Unit], aligner: &Aligner<'_>) -> Vec<Conflict> {
    let mut out = Vec::new();
    for (x, &a) in members.iter().enumerate() {
        for (y, &b) in members.iter().enumerate().skip(x + 1) {
            let (ua, ub) = (&units[a], &units[b]);
            if ua.origin == ub.origin {
                continue;
            }
            let evidence = aligner.evidence(a, b);
            if let Some(detail) = figure_conflict(ua, ub, evidence.score, aligner.threshold()) {
                out.push(Conflict { kind: "number".into(), left: x, right: y, detail });
                continue;
            }
            let days = |u: &Unit| -> Vec<String> {
                u.dates.iter().filter(|d| d.day.is_some()).map(|d| d.to_string()).collect()
            };
            let (da, db) = (days(ua), days(ub));
            if !da.is_empty() && !db.is_empty() && !da.iter().any(|d| db.contains(d)) {
                out.push(Conflict {
                    kind: "date".into(),
                    left: x,
                    right: y,
                    detail: format!("{} vs {}", da.join(", "), db.join(", ")),
                });
                continue;
            }
            if let Some(detail) = name_conflict(ua, ub, &evidence, aligner.threshold()) {
                out.push(Conflict { kind: "name".into(), left: x, right: y, detail });
                continue;
            }
            // Negation is only read within one language, where the shared words show the two say the
            // same thing apart from it.
            if ua.negated != ub.negated && ua.language == ub.language && evidence.stems >= 0.35 {
                let (neg, pos) = if ua.negated { (x, y) } else { (y, x) };
                out.push(Conflict {
                    kind: "negation".into(),
                    left: neg,
                    right: pos,
                    detail: "one statement negates what the other states".into(),
                });
            }
        }
    }
    out
}

/// Puts draft facts in table order: most independent sources first, then most statements, then the order
/// the first article tells them in.
pub fn sort_drafts(drafts: &mut [DraftFact], units: &[Unit]) {
    drafts.sort_by(|a, b| {
        b.origins
            .cmp(&a.origins)
            .then(b.units.len().cmp(&a.units.len()))
            .then(units[a.representative].article.cmp(&units[b.representative].article))
            .then(units[a.representative].position.cmp(&units[b.representative].position))
            .then(a.representative.cmp(&b.representative))
    });
}

/// Two statements disagree on a figure when they give different values for the same measure in the same
/// unit, not of two different named holders: in one language, values after the same word ("at least 12
/// people" / "at least 15 people"); across languages, the only figure of a kind and unit each gives. A
/// value one statement gives is never a disagreement when the other also gives it somewhere, and loosely
/// aligned statements (a fact's weaker members) are not compared: their figures likely measure different
/// things.
fn figure_conflict(a: &Unit, b: &Unit, score: f32, threshold: f32) -> Option<String> {
    if score < threshold + FIGURE_CONFLICT_MARGIN {
        return None;
    }
    let fa = figures_of(&a.text, &a.language);
    let fb = figures_of(&b.text, &b.language);
    let has = |fs: &[Figure], v: &str| fs.iter().any(|f| f.value == v);
    let like = |x: &Figure, y: &Figure| x.kind == y.kind && x.unit == y.unit;
    for x in &fa {
        for y in &fb {
            if !like(x, y) || x.value == y.value || has(&fb, &x.value) || has(&fa, &y.value) {
                continue;
            }
            // Figures of different named holders measure different things ("the RN … with 34 %" / "the
            // left alliance … with 27.99 %"), whatever the words around them. A figure without a holder
            // may still be anyone's: the entity stage misses names, so it is compared as before.
            if let (Some(hx), Some(hy)) = (holder(a, x), holder(b, y)) {
                if hx != hy {
                    continue;
                }
            }
            let same_measure = if a.language == b.language {
                !x.cue.is_empty() && x.cue == y.cue
            } else {
                fa.iter().filter(|f| like(f, x)).count() == 1 && fb.iter().filter(|f| like(f, y)).count() == 1
            };
            if same_measure {
                let unit = if x.unit.is_empty() { String::new() } else { format!(" {}", x.unit) };
                return Some(format!("{}{unit} vs {}{unit}", x.value, y.value));
            }
        }
    }
    None
}

/// Whose figure it is: the entity named last before it in its statement, if any.
fn holder<'u>(unit: &'u Unit, figure: &Figure) -> Option<&'u str> {
    unit.mentions.iter().rev().find(|(at, _)| *at < figure.at).map(|(_, id)| id.as_str())
}

/// Two statements name different people in the same role when they say the same thing in the same
/// words apart from the names ("police identified the gunman as A" / "… as B"): closely aligned, in one
/// language (where the shared words show the roles match), each naming someone, no one in common.
fn name_conflict(a: &Unit, b: &Unit, evidence: &PairEvidence, threshold: f32) -> Option<String> {
    if a.language != b.language || evidence.score < threshold + FIGURE_CONFLICT_MARGIN {
        return None;
    }
    if a.people.is_empty() || b.people.is_empty() || evidence.stems < NAME_CONFLICT_MIN_STEMS {
        return None;
    }
    if a.people.iter().any(|(id, _)| b.people.iter().any(|(other, _)| other == id)) {
        return None;
    }
    let names = |u: &Unit| u.people.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", ");
    Some(format!("{} vs {}", names(a), names(b)))
}

/// Numbers the draft facts (already in table order, see [`sort_drafts`]) and fills their statements
/// and statuses.
pub fn finish_facts(
    drafts: Vec<DraftFact>,
    units: &[Unit],
    articles: &[&Article],
    origin_ids: &[String],
    aligner: &Aligner<'_>,
) -> Vec<Fact> {
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let mut members = d.units.clone();
            members.sort_by_key(|&u| (units[u].article, units[u].block, units[u].range.start));
            let statements: Vec<Statement> = members
                .iter()
                .map(|&u| statement_of(&units[u], articles[units[u].article], &origin_ids[units[u].origin]))
                .collect();
            let conflicts = conflicts_of(&members, units, aligner);
            let status = if !conflicts.is_empty() {
                FactStatus::Contradicted
            } else if d.origins >= 2 {
                FactStatus::Corroborated
            } else {
                FactStatus::SingleSource
            };
            let rep = &units[d.representative];
            Fact {
                id: i + 1,
                text: rep.text.clone(),
                language: rep.language.clone(),
                status,
                independent_sources: d.origins,
                statements,
                conflicts,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignWeights;
    use crate::statements::units_of;

    fn article(source: &str, text: &str) -> Article {
        let raw = model::RawDocument {
            source: source.into(),
            content: model::Content::Text(text.into()),
            hints: model::Hints::default(),
            warnings: Vec::new(),
        };
        text::analyze(&raw).expect("invented article has text")
    }

    #[test]
    fn a_sentence_held_by_two_facts_words_neither() {
        let articles = [
            article(
                "a.txt",
                "The council closed the Harlow bridge on Monday after engineers found deep cracks.",
            ),
            article("b.txt", "The council closed the Harlow bridge on Monday morning."),
            article("c.txt", "Engineers found deep cracks in the pillars of the bridge."),
        ];
        let refs: Vec<&Article> = articles.iter().collect();
        let units = units_of(&refs, &[0, 1, 2]);
        let sentence = |a: usize| units.iter().position(|u| u.article == a && u.is_sentence()).unwrap();
        let (both, closed, cracks) = (sentence(0), sentence(1), sentence(2));
        let aligner = Aligner::new(&units, None, AlignWeights::default());
        let groups = vec![vec![both, closed], vec![both, cracks]];
        let drafts = draft_facts(&groups, &units, &aligner, "en");
        let words: Vec<usize> =
            drafts.iter().filter(|d| d.units.len() == 2).map(|d| d.representative).collect();
        assert_eq!(words, [closed, cracks], "{drafts:?}");
    }
}
