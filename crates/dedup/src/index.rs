//! The copy index: exact hashes, LSH over MinHash bands, anchor postings for containment, copy groups.

use crate::agencies::{agency_in_credit, agency_of_host, AGENCIES};
use crate::fingerprint::{containment_from_jaccard, estimate_jaccard, Fingerprint, MinHasher};
use crate::shingle::mix64;
use crate::{DedupConfig, DedupError};
use model::{Article, ArticleId, BlockKind, PartialDate};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;

/// The end of a chain in the bucket and posting lists.
const NIL: u32 = u32::MAX;

/// How an article relates to its group's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CopyRelation {
    /// It is the group's origin.
    Origin,
    /// Same text up to case, spacing and punctuation.
    Exact,
    /// A near-duplicate: estimated Jaccard of the shingle sets at or above the threshold.
    Near,
    /// Most of its text is contained in the origin (a truncated reprint, a brief made from it).
    Contained,
    /// It contains most of the origin's text and more (the origin is a shorter, earlier version).
    Expanded,
    /// It was matched to another member of the group, not directly to the origin.
    Linked,
    /// A translation of the origin (reserved: needs the sentence encoder).
    Translated,
}

impl CopyRelation {
    /// The snake_case name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            CopyRelation::Origin => "origin",
            CopyRelation::Exact => "exact",
            CopyRelation::Near => "near",
            CopyRelation::Contained => "contained",
            CopyRelation::Expanded => "expanded",
            CopyRelation::Linked => "linked",
            CopyRelation::Translated => "translated",
        }
    }
}

/// Where `add` put an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyAssignment {
    /// The copy group, numbered from 0 in order of creation.
    pub group: u32,
    /// Its relation to the group's origin at the time it was added.
    pub relation: CopyRelation,
    /// The similarity behind the relation (Jaccard for exact/near/linked, containment otherwise; 1 for the origin).
    pub similarity: f32,
    /// The group's origin at the time it was added.
    pub origin: ArticleId,
    /// The stored article it was matched to, with that match's relation and similarity, if any.
    pub matched: Option<MatchedCopy>,
}

/// The stored article an added article was matched to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchedCopy {
    /// The stored article.
    pub article: ArticleId,
    /// The added article's relation to it.
    pub relation: CopyRelation,
    /// The similarity behind the relation.
    pub similarity: f32,
}

/// One member of a copy group as reported by [`CopyIndex::groups`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMember {
    /// The article.
    pub article: ArticleId,
    /// Its relation to the group's current origin.
    pub relation: CopyRelation,
    /// The similarity behind the relation.
    pub similarity: f32,
}

/// A copy group: one origin and every copy of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// The group's number.
    pub id: u32,
    /// The origin chosen by evidence (agency site, earliest date, most complete text, first seen).
    pub origin: ArticleId,
    /// The news agency the members' credit lines name, if any.
    pub wire: Option<String>,
    /// All members in the order they were added, the origin included.
    pub members: Vec<GroupMember>,
}

/// What the index keeps per article besides its signature and anchors.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocRecord {
    id: ArticleId,
    group: u32,
    exact: u64,
    shingles: u32,
    /// `yyyymmdd` with unknown parts as late as possible, so a known date wins over an unknown one.
    date_key: u32,
    /// The article's host is a news agency's own site.
    agency_site: bool,
    anchors_complete: bool,
}

/// A group's state.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct GroupRecord {
    origin: u32,
    members: Vec<u32>,
    /// Index into [`AGENCIES`] of the first agency a member credits.
    wire: Option<u8>,
}

/// The copy index: a single-owner stateful stage. Adding the same articles in the same order always
/// gives the same state, whether they come in one batch or one at a time.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CopyIndex {
    config: DedupConfig,
    hasher: MinHasher,
    docs: Vec<DocRecord>,
    /// `num_perm` values per document, the low 16 bits of each MinHash value. Two different minima agree
    /// on them by chance once in 65,536, which moves a Jaccard estimate by 0.00002 and halves the
    /// largest part of the state.
    signatures: Vec<u16>,
    /// Anchors of document `d` are `anchors[anchor_start[d]..anchor_start[d + 1]]`.
    anchors: Vec<u32>,
    anchor_start: Vec<u32>,
    /// Per band: bucket key → newest document in the bucket.
    band_heads: Vec<FxHashMap<u32, u32>>,
    /// `band_next[d * bands + b]`: the previous document in document d's bucket of band b.
    band_next: Vec<u32>,
    /// Anchor → newest posting; postings are (document, previous posting).
    anchor_heads: FxHashMap<u32, u32>,
    postings: Vec<(u32, u32)>,
    /// Exact hash → first document with it.
    exact: FxHashMap<u64, u32>,
    groups: Vec<GroupRecord>,
}

/// The decision for one candidate: a class (2 near, 1 containment), the relation and the similarity.
#[derive(Debug, Clone, Copy)]
struct Match {
    doc: u32,
    relation: CopyRelation,
    similarity: f64,
}

fn date_key(date: Option<&PartialDate>) -> u32 {
    match date {
        None => u32::MAX,
        Some(d) => {
            let y = d.year.clamp(0, 9999) as u32;
            y * 10_000 + u32::from(d.month.unwrap_or(12)) * 100 + u32::from(d.day.unwrap_or(31))
        }
    }
}

fn host_of(article: &Article) -> Option<String> {
    if let Some(site) = &article.site {
        return Some(site.clone());
    }
    let url = article.url.as_deref()?;
    let rest = url.split("://").nth(1)?;
    Some(rest.split(['/', '?', '#', ':']).next()?.to_string())
}

impl CopyIndex {
    /// An empty index.
    pub fn new(config: DedupConfig) -> Result<Self, DedupError> {
        config.validate()?;
        let hasher = MinHasher::new(config.num_perm, config.seed);
        Ok(Self {
            band_heads: vec![FxHashMap::default(); config.bands],
            config,
            hasher,
            docs: Vec::new(),
            signatures: Vec::new(),
            anchors: Vec::new(),
            anchor_start: vec![0],
            band_next: Vec::new(),
            anchor_heads: FxHashMap::default(),
            postings: Vec::new(),
            exact: FxHashMap::default(),
            groups: Vec::new(),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// The permutations, for computing fingerprints outside the index (for example on worker threads).
    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no article was added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The fingerprint of a text under this index's configuration.
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        Fingerprint::of_text(text, &self.config, &self.hasher)
    }

    /// Adds an article (its clean `text`, `published`, host and credit blocks) and returns its group.
    pub fn add(&mut self, article: &Article) -> CopyAssignment {
        let fp = self.fingerprint(&article.text);
        self.add_fingerprint(article, fp)
    }

    /// Adds an article whose fingerprint was computed already (with [`CopyIndex::fingerprint`]).
    pub fn add_fingerprint(&mut self, article: &Article, fp: Fingerprint) -> CopyAssignment {
        let wire = article
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Credit)
            .find_map(|b| agency_in_credit(&b.text))
            .map(|i| i as u8);
        let agency_site = host_of(article).and_then(|h| agency_of_host(&h)).is_some();
        let record = DocRecord {
            id: article.id.clone(),
            group: 0,
            exact: fp.exact,
            shingles: fp.shingles as u32,
            date_key: date_key(article.published.as_ref()),
            agency_site,
            anchors_complete: fp.anchors_complete,
        };
        self.insert(record, fp, wire)
    }

    fn insert(&mut self, mut record: DocRecord, fp: Fingerprint, wire: Option<u8>) -> CopyAssignment {
        let doc = self.docs.len() as u32;
        // Texts without a word are not copies of each other, whatever their equal exact hash says.
        let best = if fp.shingles == 0 { None } else { self.best_match(&fp) };
        // Store the document before indexing it so `best_match` never sees the document itself.
        record.group = match best {
            Some(m) => self.docs[m.doc as usize].group,
            None => self.groups.len() as u32,
        };
        self.docs.push(record);
        self.signatures.extend(fp.minhash.iter().map(|&v| v as u16));
        self.anchors.extend_from_slice(&fp.anchors);
        self.anchor_start.push(self.anchors.len() as u32);
        self.index_buckets(doc, &fp);

        let group = self.docs[doc as usize].group;
        if best.is_none() {
            self.groups.push(GroupRecord { origin: doc, members: vec![doc], wire });
        } else {
            let g = &mut self.groups[group as usize];
            g.members.push(doc);
            g.wire = g.wire.or(wire);
            if self.evidence(doc) > self.evidence(self.groups[group as usize].origin) {
                self.groups[group as usize].origin = doc;
            }
        }
        let origin = self.groups[group as usize].origin;
        let (relation, similarity) = self.relation_to(doc, origin);
        CopyAssignment {
            group,
            relation,
            similarity: similarity as f32,
            origin: self.docs[origin as usize].id.clone(),
            matched: best.map(|m| MatchedCopy {
                article: self.docs[m.doc as usize].id.clone(),
                relation: m.relation,
                similarity: m.similarity as f32,
            }),
        }
    }

    /// The order in which members compete to be the origin: agency site, earliest date, most text, first.
    fn evidence(&self, doc: u32) -> (bool, Reverse<u32>, u32, Reverse<u32>) {
        let d = &self.docs[doc as usize];
        (d.agency_site, Reverse(d.date_key), d.shingles, Reverse(doc))
    }

    fn band_key(&self, sig: &[u32], band: usize) -> u32 {
        let rows = &sig[band * self.config.rows..(band + 1) * self.config.rows];
        let h = rows.iter().fold(band as u64 ^ 0xA076_1D64_78BD_642F, |acc, &v| mix64(acc ^ u64::from(v)));
        h as u32
    }

    fn index_buckets(&mut self, doc: u32, fp: &Fingerprint) {
        if fp.shingles == 0 {
            self.band_next.extend(std::iter::repeat_n(NIL, self.config.bands));
            return;
        }
        self.exact.entry(fp.exact).or_insert(doc);
        for band in 0..self.config.bands {
            let key = self.band_key(&fp.minhash, band);
            let previous = self.band_heads[band].insert(key, doc).unwrap_or(NIL);
            self.band_next.push(previous);
        }
        for &a in &fp.anchors {
            let posting = self.postings.len() as u32;
            let previous = self.anchor_heads.insert(a, posting).unwrap_or(NIL);
            self.postings.push((doc, previous));
        }
    }

    fn signature(&self, doc: u32) -> &[u16] {
        let n = self.config.num_perm;
        &self.signatures[doc as usize * n..(doc as usize + 1) * n]
    }

    fn doc_anchors(&self, doc: u32) -> &[u32] {
        &self.anchors[self.anchor_start[doc as usize] as usize..self.anchor_start[doc as usize + 1] as usize]
    }

    /// Candidates from the LSH buckets and anchor postings (each list read newest first up to the limit),
    /// most collisions first,
    /// and the query's common anchors: those whose postings reach three or more groups. Text shared
    /// across unrelated groups is site boilerplate or a stock phrase, not evidence of copying.
    fn candidates(&self, fp: &Fingerprint) -> (Vec<u32>, Vec<u32>) {
        let limit = self.config.probe_limit;
        let bands = self.config.bands;
        let mut out = Vec::with_capacity(bands * 2);
        for band in 0..bands {
            let key = self.band_key(&fp.minhash, band);
            let mut cur = self.band_heads[band].get(&key).copied().unwrap_or(NIL);
            let mut seen = 0;
            while cur != NIL && seen < limit {
                out.push(cur);
                cur = self.band_next[cur as usize * bands + band];
                seen += 1;
            }
        }
        let mut common = Vec::new();
        let mut groups: Vec<u32> = Vec::with_capacity(limit);
        for a in &fp.anchors {
            let mut cur = self.anchor_heads.get(a).copied().unwrap_or(NIL);
            let mut seen = 0;
            groups.clear();
            while cur != NIL && seen < limit {
                let (doc, previous) = self.postings[cur as usize];
                out.push(doc);
                let g = self.docs[doc as usize].group;
                if !groups.contains(&g) {
                    groups.push(g);
                }
                cur = previous;
                seen += 1;
            }
            if groups.len() >= 3 {
                common.push(*a);
            }
        }
        // The candidates that collide most often are the likeliest copies: verify those first, and
        // at most `max_verified` of them, so the cost of an add stays bounded in crowded buckets.
        out.sort_unstable();
        let mut counted: Vec<(u32, u32)> = Vec::with_capacity(out.len());
        for doc in out {
            match counted.last_mut() {
                Some((d, n)) if *d == doc => *n += 1,
                _ => counted.push((doc, 1)),
            }
        }
        counted.sort_unstable_by_key(|&(doc, hits)| (Reverse(hits), doc));
        counted.truncate(self.config.max_verified);
        (counted.into_iter().map(|(doc, _)| doc).collect(), common)
    }

    /// Containment of text A in text B: from anchors when A has enough that are not common, else from
    /// MinHash and sizes; a text whose anchors are mostly common is not called contained.
    fn containment(&self, a: (&[u32], usize), b: (&[u32], usize), jaccard: f64, common: &[u32]) -> f64 {
        let ((anchors_a, size_a), (anchors_b, size_b)) = (a, b);
        if size_a < self.config.min_contained_shingles {
            return 0.0;
        }
        let own = anchors_a.iter().filter(|x| !common.contains(x));
        let (own_count, shared) =
            own.fold((0usize, 0usize), |(n, s), x| (n + 1, s + usize::from(anchors_b.contains(x))));
        let common_count = anchors_a.len() - own_count;
        if own_count >= 3 {
            return shared as f64 / own_count as f64;
        }
        if common_count * 2 >= anchors_a.len() && common_count > 0 {
            return 0.0;
        }
        // The MinHash estimate of a small set inside a large one is too noisy to trust.
        if size_a * 4 >= size_b {
            containment_from_jaccard(jaccard, size_a, size_b)
        } else {
            0.0
        }
    }

    /// The relation of a text (signature, size, anchors, exact hash) to a stored document, if it is a copy.
    fn classify(&self, query: (&[u16], usize, &[u32], u64), other: u32, common: &[u32]) -> Option<Match> {
        let (sig, size, anchors, exact) = query;
        let o = &self.docs[other as usize];
        if o.exact == exact {
            return Some(Match { doc: other, relation: CopyRelation::Exact, similarity: 1.0 });
        }
        let j = estimate_jaccard(sig, self.signature(other));
        if j >= self.config.near_threshold {
            return Some(Match { doc: other, relation: CopyRelation::Near, similarity: j });
        }
        let t = self.config.containment_threshold;
        let other_side = (self.doc_anchors(other), o.shingles as usize);
        let inside = self.containment((anchors, size), other_side, j, common);
        let outside = self.containment(other_side, (anchors, size), j, common);
        if inside >= t && inside >= outside {
            Some(Match { doc: other, relation: CopyRelation::Contained, similarity: inside })
        } else if outside >= t {
            Some(Match { doc: other, relation: CopyRelation::Expanded, similarity: outside })
        } else {
            None
        }
    }

    fn best_match(&self, fp: &Fingerprint) -> Option<Match> {
        if let Some(&doc) = self.exact.get(&fp.exact) {
            return Some(Match { doc, relation: CopyRelation::Exact, similarity: 1.0 });
        }
        let sig: Vec<u16> = fp.minhash.iter().map(|&v| v as u16).collect();
        let query = (&sig[..], fp.shingles, &fp.anchors[..], fp.exact);
        let mut best: Option<Match> = None;
        // Near-duplicates beat containment; then the higher similarity; then the older document.
        let rank = |m: &Match| (matches!(m.relation, CopyRelation::Near), m.similarity, Reverse(m.doc));
        let (candidates, common) = self.candidates(fp);
        for c in candidates {
            let Some(m) = self.classify(query, c, &common) else { continue };
            if best.as_ref().is_none_or(|b| rank(&m) > rank(b)) {
                best = Some(m);
            }
        }
        best
    }

    /// The relation of a stored document to another stored document (its group's origin).
    fn relation_to(&self, doc: u32, origin: u32) -> (CopyRelation, f64) {
        if doc == origin {
            return (CopyRelation::Origin, 1.0);
        }
        let d = &self.docs[doc as usize];
        let query = (self.signature(doc), d.shingles as usize, self.doc_anchors(doc), d.exact);
        match self.classify(query, origin, &[]) {
            Some(m) => (m.relation, m.similarity),
            None => (CopyRelation::Linked, estimate_jaccard(self.signature(doc), self.signature(origin))),
        }
    }

    /// The group of the `n`-th added article (0-based), if there is one.
    pub fn group_of(&self, n: usize) -> Option<u32> {
        self.docs.get(n).map(|d| d.group)
    }

    /// All groups in order of creation, each member with its relation to the group's current origin.
    pub fn groups(&self) -> Vec<CopyGroup> {
        self.groups
            .iter()
            .enumerate()
            .map(|(i, g)| CopyGroup {
                id: i as u32,
                origin: self.docs[g.origin as usize].id.clone(),
                wire: g.wire.map(|w| AGENCIES[w as usize].name.to_string()),
                members: g
                    .members
                    .iter()
                    .map(|&m| {
                        let (relation, similarity) = self.relation_to(m, g.origin);
                        GroupMember {
                            article: self.docs[m as usize].id.clone(),
                            relation,
                            similarity: similarity as f32,
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    /// Number of groups.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// Heap bytes held by the index (capacities, with the hash maps' control bytes and load factor).
    pub fn heap_bytes(&self) -> usize {
        fn map_bytes<K, V>(m: &FxHashMap<K, V>) -> usize {
            // hashbrown: one control byte per slot plus the slots; capacity() is ~7/8 of the slots.
            let slots = (m.capacity() * 8).div_ceil(7).next_power_of_two();
            slots * (std::mem::size_of::<(K, V)>() + 1)
        }
        let docs = self.docs.capacity() * std::mem::size_of::<DocRecord>()
            + self.docs.iter().map(|d| d.id.0.capacity()).sum::<usize>();
        let groups = self.groups.capacity() * std::mem::size_of::<GroupRecord>()
            + self.groups.iter().map(|g| g.members.capacity() * 4).sum::<usize>();
        docs + groups
            + self.signatures.capacity() * 2
            + self.anchors.capacity() * 4
            + self.anchor_start.capacity() * 4
            + self.band_heads.iter().map(map_bytes).sum::<usize>()
            + self.band_next.capacity() * 4
            + map_bytes(&self.anchor_heads)
            + self.postings.capacity() * 8
            + map_bytes(&self.exact)
    }

    /// Writes the whole state as JSON.
    pub fn save_json<W: std::io::Write>(&self, writer: W) -> Result<(), DedupError> {
        serde_json::to_writer(writer, self)
            .map_err(|source| DedupError::Json { context: "index state".into(), source })
    }

    /// Reads a state written by [`CopyIndex::save_json`].
    pub fn load_json<R: std::io::Read>(reader: R) -> Result<Self, DedupError> {
        let index: Self = serde_json::from_reader(reader)
            .map_err(|source| DedupError::Json { context: "index state".into(), source })?;
        index.config.validate()?;
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::Block;

    fn article(
        id: &str,
        text: &str,
        published: Option<PartialDate>,
        site: &str,
        credit: Option<&str>,
    ) -> Article {
        let mut blocks = vec![Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            language: "en".into(),
            line: None,
            url: None,
            reason: None,
        }];
        if let Some(c) = credit {
            blocks.push(Block { kind: BlockKind::Credit, text: c.into(), ..blocks[0].clone() });
        }
        Article {
            copy_group: None,
            copy_relation: None,
            copy_of: None,
            entities: Vec::new(),
            event_dates: Vec::new(),
            id: ArticleId(id.into()),
            source: id.into(),
            url: None,
            external_id: None,
            site: Some(site.into()),
            author: None,
            language: "en".into(),
            title: None,
            published,
            published_source: None,
            truncated: false,
            page_kind: Default::default(),
            text: text.into(),
            blocks,
        }
    }

    /// A story of `n` sentences whose words do not repeat, written for this test.
    fn story(n: usize, salt: &str) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "The {salt} board number {i} voted on item {} after hearing witness {salt}{i}.",
                    i * 7
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn exact_near_contained_and_distinct() {
        let mut index = CopyIndex::new(DedupConfig::default()).unwrap();
        let full = story(40, "river");
        let a = index.add(&article("a", &full, PartialDate::ymd(2025, 3, 2), "one.example", None));
        assert_eq!(a.relation, CopyRelation::Origin);
        let b = index.add(&article("b", &full.to_uppercase(), None, "two.example", None));
        assert_eq!((b.group, b.relation), (a.group, CopyRelation::Exact));
        let near = full.replacen("voted", "decided", 1);
        let c = index.add(&article("c", &near, None, "three.example", None));
        assert_eq!((c.group, c.relation), (a.group, CopyRelation::Near));
        let cut: String = full.chars().take(full.len() * 2 / 5).collect();
        let d = index.add(&article("d", &cut, None, "four.example", None));
        assert_eq!((d.group, d.relation), (a.group, CopyRelation::Contained));
        let e = index.add(&article("e", &story(40, "harbour"), None, "five.example", None));
        assert_ne!(e.group, a.group);
        assert_eq!(index.group_count(), 2);
    }

    #[test]
    fn origin_follows_agency_site_then_date_then_length() {
        let mut index = CopyIndex::new(DedupConfig::default()).unwrap();
        let full = story(30, "valley");
        let longer = format!("{full} Share this story.");
        index.add(&article("late", &longer, PartialDate::ymd(2025, 3, 4), "a.example", Some("Quelle: dpa")));
        let early = index.add(&article("early", &full, PartialDate::ymd(2025, 3, 3), "b.example", None));
        assert_eq!(early.origin.0, "early");
        let wire = index.add(&article("wire", &full, PartialDate::ymd(2025, 3, 5), "www.dpa.com", None));
        assert_eq!(wire.origin.0, "wire");
        let groups = index.groups();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].wire.as_deref(), Some("dpa"));
        let relations: Vec<_> = groups[0].members.iter().map(|m| m.relation).collect();
        assert_eq!(relations, [CopyRelation::Near, CopyRelation::Exact, CopyRelation::Origin]);
    }

    #[test]
    fn empty_texts_stay_alone() {
        let mut index = CopyIndex::new(DedupConfig::default()).unwrap();
        let a = index.add(&article("a", "", None, "a.example", None));
        let b = index.add(&article("b", " … ", None, "b.example", None));
        assert_ne!(a.group, b.group);
    }

    #[test]
    fn invalid_configuration_is_refused() {
        let config = DedupConfig { bands: 5, ..DedupConfig::default() };
        assert!(CopyIndex::new(config).is_err());
    }
}
