//! Speaker attribution: the quotations of each body block, the verb of saying next to each, and the
//! subject of that verb resolved to entities (directly, or through a pronoun, a role noun or a
//! collective subject referring back to people named earlier in the article).

use super::cues::{Cues, VerbHit, VerbKind};
use super::marks::{is_mark, quoted_spans, MarkedSpan};
use super::words::{words, Word};
use super::{lang, word_count, Quote, MIN_QUOTE_WORDS};
use crate::entities::lang as entity_lang;
use model::{Article, EntityKind};
use std::ops::Range;

/// How far into the text after a quote its verb of saying may stand, in words ("…," the liberal
/// president said: four words).
const AFTER_WINDOW: usize = 5;
/// How far after a quote a verb may stand past an apposition ("…," Jane Roe, research director at
/// a polling institute, said).
const APPOSITION_REACH: usize = 16;
/// How many words may follow a verb of saying that closes the sentence ("…, the agency said in a
/// statement on Sunday.").
const TRAILING_CLAUSE: usize = 6;
/// How many words after a verb its subject may take ("says South Korean President Lee Jae-Myung").
const FORWARD_WINDOW: usize = 8;
/// How many words before a name a role noun may stand ("Verteidigungsminister Gen Nakatani").
const ROLE_REACH: usize = 3;
/// How many words before a role noun a collective word or an article may stand.
const DETERMINER_REACH: usize = 3;
/// The longest subject phrase given as written when it names no entity ("a government official").
const MAX_UNNAMED_WORDS: usize = 5;
/// How many words of its sentence before and after a quote are read for its attribution.
const CONTEXT_WORDS: usize = 80;
/// The most words a verb of saying has ("in the words of").
const LONGEST_VERB: usize = 4;
/// How many of the people named before a quote pronouns, role nouns and joint subjects look back at.
const LOOKBACK_PEOPLE: usize = 200;

/// What the subject of a verb of saying is.
#[derive(Debug, Clone, PartialEq)]
enum Subject {
    /// Named people or organizations (indices into `Article::entities`), in text order.
    Named(Vec<usize>),
    /// A singular personal pronoun, or no subject at all in a pro-drop language.
    Pronoun,
    /// A pronoun standing for an organization ("it said").
    Neuter,
    /// A plural or collective subject, or a joint statement.
    Joint,
    /// A role noun ("the liberal president"): the noun and the phrase as written.
    Role { noun: String, surface: String },
    /// Someone not named ("a government official", "the bank"), as written.
    Unnamed(String),
}

/// A resolved speaker.
struct Speaker {
    names: Vec<String>,
    ids: Vec<String>,
    /// How it was found, when not simply by position (`pronoun`, `role`, `joint`).
    how: Option<&'static str>,
}

/// One body block prepared for attribution.
struct BlockView<'a> {
    /// Index in `Article::blocks`.
    index: usize,
    /// Position among the body blocks (captions and boilerplate between do not count).
    ordinal: usize,
    text: &'a str,
    cues: usize,
    words: Vec<Word>,
    /// The person or organization mention (index into `Article::entities`) each word belongs to.
    speaker_at: Vec<Option<usize>>,
    /// Whether each word stands inside quote marks (a quotation or a scare quote).
    quoted: Vec<bool>,
    /// Every pair of quote marks of the block.
    spans: Vec<MarkedSpan>,
}

/// Where a quotation stands in its block.
struct Site {
    span: MarkedSpan,
    /// Words of the sentence before the opening mark.
    before: Range<usize>,
    /// Words of the sentence after the closing mark (up to the next quotation at most).
    after: Range<usize>,
    partial: bool,
    /// Whether the text before the opening mark ends with a colon.
    colon: bool,
    /// Whether a comma stands right after the quoted words (inside or just outside the closer).
    comma: bool,
}

/// A quotation that got a single person as speaker, for pronouns later on.
struct Spoken {
    ordinal: usize,
    entity: String,
    /// Where the sentence holding the quotation ends (block index, byte): people named after it
    /// take the pronoun over.
    sentence_end: (usize, usize),
}

/// One article being read for quotations.
pub struct Document<'a> {
    article: &'a Article,
    cues: Vec<Cues>,
    blocks: Vec<BlockView<'a>>,
    /// Person mentions (indices into `Article::entities`) in body blocks, in text order.
    people: Vec<usize>,
    /// Organization mentions in body blocks, in text order.
    organizations: Vec<usize>,
    spoken: Vec<Spoken>,
}

impl<'a> Document<'a> {
    /// Prepares the body blocks of an article: words, quote marks and the speakers they name.
    pub fn new(article: &'a Article) -> Self {
        let mut cues: Vec<Cues> = Vec::new();
        let mut blocks = Vec::new();
        let mut speakers_by_block: Vec<Vec<usize>> = vec![Vec::new(); article.blocks.len()];
        for (m, mention) in article.entities.iter().enumerate() {
            if let Some(list) = speakers_by_block.get_mut(mention.block as usize) {
                if is_speaker_kind(mention.kind) {
                    list.push(m);
                }
            }
        }
        let body = article.blocks.iter().enumerate().filter(|(_, b)| b.kind.is_body());
        for (ordinal, (index, block)) in body.enumerate() {
            let code = lang::for_language(block_language(article, index)).code;
            let cue = match cues.iter().position(|c| c.table.code == code) {
                Some(i) => i,
                None => {
                    cues.push(Cues::new(code));
                    cues.len() - 1
                }
            };
            let words = words(&block.text);
            let mut speaker_at = vec![None; words.len()];
            for &m in &speakers_by_block[index] {
                let mention = &article.entities[m];
                let start = mention.offset as usize;
                let range = word_range(&words, start, start + mention.surface.len());
                for slot in &mut speaker_at[range] {
                    *slot = Some(m);
                }
            }
            let spans = quoted_spans(&block.text);
            let mut quoted = vec![false; words.len()];
            for span in &spans {
                for slot in &mut quoted[word_range(&words, span.inner_start, span.inner_end)] {
                    *slot = true;
                }
            }
            blocks.push(BlockView {
                index,
                ordinal,
                text: &block.text,
                cues: cue,
                words,
                speaker_at,
                quoted,
                spans,
            });
        }
        let in_body = |m: &usize, kind: EntityKind| {
            let mention = &article.entities[*m];
            mention.kind == kind
                && article.blocks.get(mention.block as usize).is_some_and(|b| b.kind.is_body())
        };
        let key = |m: &usize| (article.entities[*m].block, article.entities[*m].offset);
        let mut people: Vec<usize> =
            (0..article.entities.len()).filter(|m| in_body(m, EntityKind::Person)).collect();
        people.sort_by_key(key);
        let mut organizations: Vec<usize> =
            (0..article.entities.len()).filter(|m| in_body(m, EntityKind::Organization)).collect();
        organizations.sort_by_key(key);
        Document { article, cues, blocks, people, organizations, spoken: Vec::new() }
    }

    /// Every quotation of the article's body, in text order.
    pub fn quotes(mut self) -> Vec<Quote> {
        let mut out = Vec::new();
        for b in 0..self.blocks.len() {
            let block = &self.blocks[b];
            let kept: Vec<MarkedSpan> = (block.spans.iter().copied())
                .filter(|s| word_count(&block.text[s.inner_start..s.inner_end]) >= MIN_QUOTE_WORDS)
                .collect();
            if kept.is_empty() {
                continue;
            }
            let language = block_language(self.article, block.index);
            let sentences = crate::sentences::sentence_spans(block.text, language);
            for (k, span) in kept.iter().enumerate() {
                let block = &self.blocks[b];
                let text = quote_text(&block.text[span.inner_start..span.inner_end]);
                let first = sentences.get(sentences.partition_point(|s| s.end <= span.open));
                let last = sentences.partition_point(|s| s.start < span.close_end).checked_sub(1);
                let last = last.map(|l| &sentences[l]);
                let (sentence_start, sentence_end) = match (first, last) {
                    (Some(f), Some(l)) if f.start <= l.end => {
                        (f.start.min(span.open), l.end.max(span.close_end))
                    }
                    _ => (0, block.text.len()),
                };
                let hi = kept.get(k + 1).map_or(sentence_end, |n| n.open.clamp(span.close_end, sentence_end));
                let prefix = block.text[..span.open].trim_end();
                // A run-on "sentence" of a whole page must not make every quote read, or cite, all of
                // it: [`CONTEXT_WORDS`] words on either side at most.
                let mut before = word_range(&block.words, sentence_start, span.open);
                let cite_start = match before.len() > CONTEXT_WORDS {
                    true => {
                        before.start = before.end - CONTEXT_WORDS;
                        block.words[before.start].start
                    }
                    false => sentence_start,
                };
                let sentence_after = word_range(&block.words, span.close_end, sentence_end);
                let cite_end = match sentence_after.len() > CONTEXT_WORDS {
                    true => block.words[sentence_after.start + CONTEXT_WORDS - 1].end,
                    false => sentence_end,
                };
                let mut after = word_range(&block.words, span.close_end, hi);
                after.end = after.end.min(after.start + CONTEXT_WORDS);
                let site = Site {
                    span: *span,
                    before,
                    after,
                    partial: self.is_partial(block, &text, prefix),
                    colon: prefix.ends_with(':') && prefix.len() > sentence_start,
                    comma: block.text[span.inner_start..span.inner_end].trim_end().ends_with(',')
                        || block.text[span.close_end..].trim_start().starts_with(','),
                };
                let (speaker, label) = self.attribute(b, &site);
                let block = &self.blocks[b];
                let (speaker, speaker_entities, attribution) = match speaker {
                    Some(s) => {
                        if let [id] = &s.ids[..] {
                            if id.starts_with("person:") {
                                self.spoken.push(Spoken {
                                    ordinal: block.ordinal,
                                    entity: id.clone(),
                                    sentence_end: (block.index, sentence_end),
                                });
                            }
                        }
                        (Some(s.names.join(" and ")), s.ids, s.how.unwrap_or(label))
                    }
                    None => (None, Vec::new(), "none"),
                };
                out.push(Quote {
                    text,
                    speaker,
                    speaker_entities,
                    block: block.index as u32,
                    offset: span.open as u32,
                    sentence: block.text[cite_start..cite_end].trim().to_string(),
                    attribution: attribution.to_string(),
                    partial: site.partial,
                });
            }
        }
        out
    }

    /// Whether a quotation is a fragment of the writer's sentence: it starts in lower case, or it
    /// follows a word that is not a verb of saying ("betonte, dass es „lange …“").
    fn is_partial(&self, block: &BlockView, text: &str, prefix: &str) -> bool {
        if text.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase) {
            return true;
        }
        let Some(last) = prefix.chars().last() else { return false };
        if ":.!?…;,—–-([".contains(last) || is_mark(last) {
            return false;
        }
        let mut before = word_range(&block.words, 0, prefix.len());
        before.start = before.start.max(before.end.saturating_sub(LONGEST_VERB));
        let cues = &self.cues[block.cues];
        let hits = cues.verbs_in(&block.words, &block.quoted, before.clone(), false);
        !hits.iter().any(|hit| hit.last + 1 == before.end)
    }

    /// The speaker of one quotation and the position label it was found by: a colon before the
    /// quote, a verb right after it, a verb earlier in its sentence, in that order.
    fn attribute(&self, b: usize, site: &Site) -> (Option<Speaker>, &'static str) {
        let block = &self.blocks[b];
        let cues = &self.cues[block.cues];
        let open = site.span.open;
        let resolve = |subject: Option<Subject>| subject.and_then(|s| self.resolve(block, open, s));
        if site.colon {
            if let Some(speaker) = resolve(self.subject_before(block, site.before.clone())) {
                return (Some(speaker), "colon");
            }
            // "Ishiba: „…“" — a name right before the colon, or a joint statement.
            let last = site.before.end.checked_sub(1).filter(|&l| l >= site.before.start);
            let named = last.and_then(|l| block.speaker_at[l].map(|m| (l, m)));
            let subject = named.map(|(l, m)| Subject::Named(self.chain_back(block, l, m, site.before.start)));
            let joint = || {
                let mut range = site.before.clone();
                range
                    .any(|w| cues.joint_cue_at(&block.words, w, site.before.end).is_some())
                    .then_some(Subject::Joint)
            };
            if let Some(speaker) = resolve(subject.or_else(joint)) {
                return (Some(speaker), "colon");
            }
        }
        if let Some((hit, lo, back_from)) = self.verb_after(block, site) {
            let subject = self.subject_of_verb(block, &hit, lo..site.after.end, back_from, true);
            if let Some(speaker) = resolve(subject) {
                return (Some(speaker), "verb_after");
            }
        }
        if !site.colon {
            if let Some(speaker) = resolve(self.subject_before(block, site.before.clone())) {
                return (Some(speaker), "verb_before");
            }
        }
        (None, "none")
    }

    /// The verb of saying after a quotation that attributes it, with the words its subject may take
    /// (from, up to): right after the quote ("…," Ishiba said), past an apposition ("…," Jane Roe,
    /// a pollster, said), or in a short clause closing the sentence ("…, the agency said.").
    fn verb_after(&self, block: &BlockView, site: &Site) -> Option<(VerbHit, usize, usize)> {
        let cues = &self.cues[block.cues];
        let start = site.after.start;
        let attached = !site.partial || site.comma;
        for hit in cues.verbs_in(&block.words, &block.quoted, site.after.clone(), true) {
            let boundaries: Vec<usize> =
                (start + 1..=hit.first).filter(|&w| block.words[w].boundary_before).collect();
            let reach = hit.first - start;
            if attached && boundaries.is_empty() && reach <= AFTER_WINDOW {
                return Some((hit, start, hit.first));
            }
            if let [open, close] = boundaries[..] {
                let commas = block.words[open].comma_before && block.words[close].comma_before;
                if attached
                    && commas
                    && close == hit.first
                    && open - start <= AFTER_WINDOW
                    && reach <= APPOSITION_REACH
                {
                    return Some((hit, start, open));
                }
            }
            if let Some(&clause) = boundaries.last() {
                if hit.first - clause <= AFTER_WINDOW && site.after.end - hit.last - 1 <= TRAILING_CLAUSE {
                    return Some((hit, clause, hit.first));
                }
            }
        }
        None
    }

    /// The subject of the verbs of saying in the words before a quotation, nearest verb first; a
    /// pronoun gives way to a name that is the subject of an earlier verb of the same sentence
    /// ("Ishiba said he told Lee that …": Ishiba, not whoever "he" would point back to).
    fn subject_before(&self, block: &BlockView, range: Range<usize>) -> Option<Subject> {
        let cues = &self.cues[block.cues];
        let hits = cues.verbs_in(&block.words, &block.quoted, range.clone(), false);
        let mut found: Option<Subject> = None;
        for hit in hits.iter().rev() {
            let Some(subject) = self.subject_of_verb(block, hit, range.clone(), hit.first, false) else {
                continue;
            };
            match (&found, &subject) {
                (None, Subject::Pronoun) => found = Some(subject),
                (None, _) => return Some(subject),
                (Some(_), Subject::Named(_)) => return Some(subject),
                _ => {}
            }
        }
        found
    }

    /// The subject of one verb within `range`, looking back from word `back_from`: before the verb,
    /// else after it where the subject may follow (a source preposition, an inverted verb right after
    /// a quote, languages that invert after any fronted phrase), else a phrase as written, else — in
    /// a pro-drop language — the dropped pronoun. A participle takes the main clause's subject.
    fn subject_of_verb(
        &self,
        block: &BlockView,
        hit: &VerbHit,
        range: Range<usize>,
        back_from: usize,
        after_quote: bool,
    ) -> Option<Subject> {
        let table = self.cues[block.cues].table;
        let next = hit.last + 1;
        match hit.kind {
            VerbKind::Source => {
                return self
                    .subject_forward(block, next, range.end)
                    .or_else(|| self.unnamed_forward(block, next, range.end));
            }
            VerbKind::Participle => {
                // What follows a participle is its object, never its subject; and a dropped subject
                // may be any noun of the main clause, so no pronoun is assumed.
                let first = (range.start..hit.first)
                    .find_map(|w| self.subject_word(block, w, range.start, hit.first));
                return first.or_else(|| self.subject_backward(block, back_from, range.start));
            }
            VerbKind::Finite => {}
        }
        let auxiliary = |w: usize| Cues::is_in(table.auxiliaries, &block.words[w].lower);
        let inverts = table.inverts_subject || (after_quote && (range.start..hit.first).all(auxiliary));
        let name_next = next < range.end && !block.words[next].boundary_before && {
            let word = &block.words[next].lower;
            block.speaker_at[next].is_some()
                || Cues::is_in(table.pronouns, word)
                || self.cues[block.cues].is_role(word)
        };
        if inverts && name_next {
            if let Some(s) = self.subject_forward(block, next, range.end) {
                return Some(s);
            }
        }
        if let Some(s) = self.subject_backward(block, back_from, range.start) {
            return Some(s);
        }
        if inverts {
            if let Some(s) = self.subject_forward(block, next, range.end) {
                return Some(s);
            }
        }
        if let Some(s) = self.unnamed_before(block, range.start, back_from, after_quote) {
            return Some(s);
        }
        if inverts {
            if let Some(s) = self.unnamed_forward(block, next, range.end) {
                return Some(s);
            }
        }
        table.pro_drop.then_some(Subject::Pronoun)
    }

    /// Walks back from word `from` (exclusive) to `lo`, skipping quoted words and relative clauses
    /// ("Ishiba, who met Lee, said"), and returns the first word that can be a subject.
    fn subject_backward(&self, block: &BlockView, from: usize, lo: usize) -> Option<Subject> {
        let cues = &self.cues[block.cues];
        let mut skip = vec![false; from.saturating_sub(lo)];
        let mut in_relative = false;
        for w in lo..from {
            if block.words[w].boundary_before {
                in_relative = w > lo && Cues::is_in(cues.table.relatives, &block.words[w].lower);
            }
            skip[w - lo] = in_relative || block.quoted[w];
        }
        (lo..from).rev().filter(|w| !skip[w - lo]).find_map(|w| self.candidate(block, w, lo, from, true))
    }

    /// Walks forward from word `from` to the end of the clause (at most [`FORWARD_WINDOW`] words):
    /// a name anywhere there first ("says South Korean President Lee"), else another subject word.
    fn subject_forward(&self, block: &BlockView, from: usize, hi: usize) -> Option<Subject> {
        let end = self.clause_end(block, from, hi)?;
        if let Some(w) = (from..end).find(|&w| block.speaker_at[w].is_some() && !block.quoted[w]) {
            return Some(Subject::Named(self.chain_forward(block, self.head_mention(block, w, end), end)));
        }
        (from..end).filter(|&w| !block.quoted[w]).find_map(|w| self.candidate(block, w, from, end, false))
    }

    /// Whether word `w` (outside quotes) can be a subject, reading forward: a role noun with a name
    /// right after it is that name ("Gov. Ron DeSantis").
    fn subject_word(&self, block: &BlockView, w: usize, lo: usize, hi: usize) -> Option<Subject> {
        if block.quoted[w] {
            return None;
        }
        let subject = self.candidate(block, w, lo, hi, false)?;
        if let Subject::Role { .. } = subject {
            let reach = hi.min(w + 1 + ROLE_REACH);
            let name = (w + 1..reach)
                .take_while(|&n| !block.words[n].boundary_before)
                .find(|&n| block.speaker_at[n].is_some());
            if let Some(n) = name {
                return Some(Subject::Named(self.chain_forward(block, self.head_mention(block, n, hi), hi)));
            }
        }
        Some(subject)
    }

    /// The head of a run of names and role nouns starting at word `w`: "Trump spokesperson Steven
    /// Cheung" is Steven Cheung, the name after the role noun.
    fn head_mention(&self, block: &BlockView, w: usize, hi: usize) -> usize {
        let cues = &self.cues[block.cues];
        let mut head = w;
        loop {
            let mut next = head;
            while next < hi && block.speaker_at[next] == block.speaker_at[head] {
                next += 1;
            }
            let roles = next;
            while next < hi && !block.words[next].boundary_before && cues.is_role(&block.words[next].lower) {
                next += 1;
            }
            let joined = next > roles && next < hi && !block.words[next].boundary_before;
            match block.speaker_at.get(next) {
                Some(Some(_)) if joined => head = next,
                _ => return head,
            }
        }
    }

    /// Where the clause starting at word `from` ends (at most [`FORWARD_WINDOW`] words on), if a
    /// clause starts there at all.
    fn clause_end(&self, block: &BlockView, from: usize, hi: usize) -> Option<usize> {
        if from >= hi || block.words[from].boundary_before {
            return None;
        }
        let limit = hi.min(from + FORWARD_WINDOW);
        Some((from + 1..limit).find(|&w| block.words[w].boundary_before).unwrap_or(limit))
    }

    /// A subject that names no entity, as written: the short phrase between a quote and its verb
    /// ("…," analysts say), or a phrase opened by an article ("the bank", "a government official").
    fn unnamed_before(&self, block: &BlockView, lo: usize, end: usize, after_quote: bool) -> Option<Subject> {
        let table = self.cues[block.cues].table;
        let clause = (lo..end).rev().find(|&w| block.words[w].boundary_before && w > lo).unwrap_or(lo);
        let words = &block.words[clause..end];
        if words.is_empty() || words.len() > MAX_UNNAMED_WORDS || block.quoted[clause..end].iter().any(|&q| q)
        {
            return None;
        }
        let article = |w: &Word| {
            Cues::is_in(table.definite_articles, &w.lower) || Cues::is_in(table.indefinite_articles, &w.lower)
        };
        let pronoun = |w: &Word| {
            [table.pronouns, table.plural_pronouns, table.neuter_pronouns]
                .iter()
                .any(|l| Cues::is_in(l, &w.lower))
        };
        let auxiliary = |w: &Word| Cues::is_in(table.auxiliaries, &w.lower);
        let phrase =
            after_quote && clause == lo && !words.iter().any(pronoun) && !words.iter().all(auxiliary);
        let ok = phrase || article(&words[0]);
        ok.then(|| Subject::Unnamed(block.text[words[0].start..words[words.len() - 1].end].to_string()))
    }

    /// A subject after the verb that names no entity, opened by an article ("dijo el centro de
    /// huracanes", "said the bank in a statement" → "the bank").
    fn unnamed_forward(&self, block: &BlockView, from: usize, hi: usize) -> Option<Subject> {
        let table = self.cues[block.cues].table;
        let end = self.clause_end(block, from, hi)?;
        let first = &block.words[from].lower;
        if !Cues::is_in(table.definite_articles, first) && !Cues::is_in(table.indefinite_articles, first) {
            return None;
        }
        let entity_table = entity_lang::for_language(table.code);
        let stop = |w: &Word| {
            Cues::is_in(entity_table.locatives, &w.lower)
                || Cues::is_in(table.and_words, &w.lower)
                || Cues::is_in(table.auxiliaries, &w.lower)
                || table.separable_verbs.iter().any(|(_, particle)| *particle == w.lower)
        };
        let mut last = from;
        for w in from + 1..end.min(from + MAX_UNNAMED_WORDS) {
            let word = &block.words[w];
            // Where every noun is capitalized, the phrase ends after its run of capitals.
            let past_nouns = entity_table.capitalized_nouns && !word.capital && block.words[last].capital;
            if stop(word) || past_nouns || block.quoted[w] {
                break;
            }
            last = w;
        }
        (last > from)
            .then(|| Subject::Unnamed(block.text[block.words[from].start..block.words[last].end].to_string()))
    }

    /// Whether word `w` can be a subject, and what kind.
    fn candidate(
        &self,
        block: &BlockView,
        w: usize,
        lo: usize,
        hi: usize,
        backward: bool,
    ) -> Option<Subject> {
        let cues = &self.cues[block.cues];
        let table = cues.table;
        let word = &block.words[w].lower;
        if let Some(m) = block.speaker_at[w] {
            let chain =
                if backward { self.chain_back(block, w, m, lo) } else { self.chain_forward(block, w, hi) };
            return Some(Subject::Named(chain));
        }
        if Cues::is_in(table.pronouns, word) {
            return Some(Subject::Pronoun);
        }
        if Cues::is_in(table.neuter_pronouns, word) {
            return Some(Subject::Neuter);
        }
        if Cues::is_in(table.plural_pronouns, word) || Cues::is_in(table.collectives, word) {
            return Some(Subject::Joint);
        }
        let cue_start = w.saturating_sub(2).max(lo);
        if (cue_start..=w).any(|s| cues.joint_cue_at(&block.words, s, hi).is_some_and(|n| s + n > w)) {
            return Some(Subject::Joint);
        }
        if !cues.is_role(word) {
            return None;
        }
        // The words of the noun phrase before the role noun, up to a clause boundary.
        let mut first = w;
        while first > lo && w - first < DETERMINER_REACH && !block.words[first].boundary_before {
            first -= 1;
        }
        let phrase = &block.words[first..w];
        if phrase.iter().any(|p| Cues::is_in(table.collectives, &p.lower)) {
            return Some(Subject::Joint);
        }
        let opener =
            |lists: &[&[&str]]| phrase.iter().position(|p| lists.iter().any(|l| Cues::is_in(l, &p.lower)));
        if let Some(article) = opener(&[table.indefinite_articles]) {
            let surface = &block.text[phrase[article].start..block.words[w].end];
            if word_count(surface) <= MAX_UNNAMED_WORDS {
                return Some(Subject::Unnamed(surface.to_string()));
            }
        }
        let start = opener(&[table.definite_articles]).map_or(block.words[w].start, |a| phrase[a].start);
        Some(Subject::Role { noun: word.clone(), surface: block.text[start..block.words[w].end].to_string() })
    }

    /// The mention at word `w` and the names joined to it before by "and" ("Nakatani and Ahn").
    fn chain_back(&self, block: &BlockView, w: usize, m: usize, lo: usize) -> Vec<usize> {
        let mut chain = vec![m];
        let mut first = w;
        while first > lo && block.speaker_at[first - 1] == Some(m) {
            first -= 1;
        }
        let cues = &self.cues[block.cues];
        while first >= lo + 2 && Cues::is_in(cues.table.and_words, &block.words[first - 1].lower) {
            let Some(other) = block.speaker_at[first - 2] else { break };
            chain.push(other);
            first -= 2;
            while first > lo && block.speaker_at[first - 1] == Some(other) {
                first -= 1;
            }
        }
        chain.reverse();
        self.distinct(chain)
    }

    /// The mention at word `w` and the names joined to it after by "and".
    fn chain_forward(&self, block: &BlockView, w: usize, hi: usize) -> Vec<usize> {
        let Some(m) = block.speaker_at[w] else { return Vec::new() };
        let mut chain = vec![m];
        let mut last = w;
        let cues = &self.cues[block.cues];
        loop {
            while last + 1 < hi && block.speaker_at[last + 1] == Some(chain[chain.len() - 1]) {
                last += 1;
            }
            let and = last + 2 < hi && Cues::is_in(cues.table.and_words, &block.words[last + 1].lower);
            match block.speaker_at.get(last + 2).copied().flatten() {
                Some(other) if and => {
                    chain.push(other);
                    last += 2;
                }
                _ => break,
            }
        }
        self.distinct(chain)
    }

    /// Mentions with the same entity kept once, in order.
    fn distinct(&self, chain: Vec<usize>) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for m in chain {
            if !out.iter().any(|&o| self.article.entities[o].entity == self.article.entities[m].entity) {
                out.push(m);
            }
        }
        out
    }

    /// Turns a subject into a speaker, looking back through the article for what pronouns, role
    /// nouns and collective subjects refer to.
    fn resolve(&self, block: &BlockView, open: usize, subject: Subject) -> Option<Speaker> {
        let entities = &self.article.entities;
        let named = |ms: &[usize], how: Option<&'static str>| {
            (!ms.is_empty()).then(|| Speaker {
                names: ms.iter().map(|&m| entities[m].name.clone()).collect(),
                ids: ms.iter().map(|&m| entities[m].entity.clone()).collect(),
                how,
            })
        };
        let before = self.before(&self.people, block.index, open);
        match subject {
            Subject::Named(ms) => named(&ms, (ms.len() > 1).then_some("joint")),
            Subject::Pronoun => {
                // "…," he added: the speaker of the quotation just before, unless someone is named in a
                // sentence after it; else the last person named.
                let key = |m: usize| (entities[m].block as usize, entities[m].offset as usize);
                let recent = self.spoken.last().filter(|s| {
                    s.ordinal + 1 >= block.ordinal && before.first().is_none_or(|&m| key(m) < s.sentence_end)
                });
                let m = recent
                    .and_then(|s| before.iter().find(|&&m| entities[m].entity == s.entity))
                    .or_else(|| self.subject_of_last_sentence(&before));
                named(&m.into_iter().copied().collect::<Vec<_>>(), Some("pronoun"))
            }
            Subject::Neuter => {
                let organization = self.before(&self.organizations, block.index, open).first().copied();
                named(&organization.into_iter().collect::<Vec<_>>(), Some("pronoun"))
            }
            Subject::Joint => {
                let mut two: Vec<usize> = Vec::new();
                for &m in &before {
                    if two.len() < 2 && !two.iter().any(|&o| entities[o].entity == entities[m].entity) {
                        two.push(m);
                    }
                }
                // In the order the article first names them.
                let first_named =
                    |m: usize| self.people.iter().position(|&p| entities[p].entity == entities[m].entity);
                two.sort_by_key(|&m| first_named(m));
                named(&two, Some("joint"))
            }
            Subject::Role { noun, surface } => {
                let with_role: Vec<usize> =
                    before.iter().copied().filter(|&m| self.named_with_role(m, &noun)).collect();
                let spoke = |m: &usize| self.spoken.iter().any(|s| s.entity == entities[*m].entity);
                let m = with_role.iter().find(|m| spoke(m)).or(with_role.first()).or(before.first());
                // Nobody named yet: "the liberal president" as written; a bare title says too little.
                let table = self.cues[block.cues].table;
                let definite =
                    words(&surface).first().is_some_and(|w| Cues::is_in(table.definite_articles, &w.lower));
                let as_written =
                    definite.then(|| Speaker { names: vec![surface], ids: Vec::new(), how: Some("role") });
                named(&m.into_iter().copied().collect::<Vec<_>>(), Some("role")).or(as_written)
            }
            Subject::Unnamed(surface) => Some(Speaker { names: vec![surface], ids: Vec::new(), how: None }),
        }
    }

    /// The mentions of `list` before byte `open` of block `index`, the most recent first (at most
    /// [`LOOKBACK_PEOPLE`]).
    /// The person a pronoun most likely stands for when no quotation came just before: of the people
    /// named in the last sentence that names anyone, the first (the subject, usually), not the last
    /// ("Biden spoke with Trump. He said: …" is Biden). `before` runs from the most recent mention back.
    fn subject_of_last_sentence<'b>(&self, before: &'b [usize]) -> Option<&'b usize> {
        let entities = &self.article.entities;
        let last = *before.first()?;
        let (block, offset) = (entities[last].block, entities[last].offset as usize);
        let text = self.article.blocks.get(block as usize).map_or("", |b| b.text.as_str());
        let head = text.get(..offset.min(text.len())).unwrap_or("");
        let sentence_start = head.rfind(['.', '!', '?', '。']).map_or(0, |i| i + 1);
        before
            .iter()
            .take_while(|&&m| entities[m].block == block && entities[m].offset as usize >= sentence_start)
            .last()
    }

    fn before(&self, list: &[usize], index: usize, open: usize) -> Vec<usize> {
        let entities = &self.article.entities;
        let key = |m: usize| (entities[m].block as usize, entities[m].offset as usize);
        let end = list.partition_point(|&m| key(m) < (index, open));
        list[..end].iter().rev().take(LOOKBACK_PEOPLE).copied().collect()
    }

    /// Whether a role noun stands right before a person's mention ("President Lee").
    fn named_with_role(&self, m: usize, role: &str) -> bool {
        let mention = &self.article.entities[m];
        let at = self.blocks.partition_point(|b| b.index < mention.block as usize);
        let Some(block) = self.blocks.get(at).filter(|b| b.index == mention.block as usize) else {
            return false;
        };
        let first = block.words.partition_point(|w| w.start < mention.offset as usize);
        if first >= block.words.len() {
            return false;
        }
        let mut w = first;
        while w > 0 && first - w < ROLE_REACH && !block.words[w].boundary_before {
            w -= 1;
            if Cues::same_role(&block.words[w].lower, role) {
                return true;
            }
        }
        false
    }
}

/// Whether an entity of this kind can speak.
fn is_speaker_kind(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Person | EntityKind::Organization)
}

/// The language a block is read in: its own when it has cues, else the article's.
fn block_language(article: &Article, index: usize) -> &str {
    let own = article.blocks[index].language.as_str();
    if lang::has_language(own) {
        own
    } else {
        article.language.as_str()
    }
}

/// The words lying wholly between byte offsets `start` and `end`.
fn word_range(words: &[Word], start: usize, end: usize) -> Range<usize> {
    let first = words.partition_point(|w| w.start < start);
    let last = words.partition_point(|w| w.end <= end).max(first);
    first..last
}

/// The quoted words without surrounding space and without the comma or colon a writer puts before
/// the closing mark.
fn quote_text(inner: &str) -> String {
    inner.trim().trim_end_matches([',', ';', ':']).trim_end().to_string()
}
