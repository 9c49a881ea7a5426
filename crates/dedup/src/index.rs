//! The copy index: exact hashes, LSH over MinHash bands, anchor postings for containment, copy groups.

use crate::agencies::{agency_in_credit, agency_of_host, AGENCIES};
use crate::fingerprint::{containment_from_jaccard, estimate_jaccard, Fingerprint, MinHasher};
use crate::shingle::mix64;
use crate::{DedupConfig, DedupError};
use model::{Article, ArticleId, BlockKind, PartialDate};
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

/// What the index keeps per article besides its id, signature and anchors.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocRecord {
    group: u32,
    exact: u64,
    shingles: u32,
    /// `yyyymmdd` with unknown parts as late as possible, so a known date wins over an unknown one.
    date_key: u32,
    /// The article's host is a news agency's own site.
    agency_site: bool,
    anchors_complete: bool,
}

/// Article ids by document number. An id of 32 lower-case hexadecimal characters (what
/// `text::article_id` makes) is kept as its 16 bytes, any other id in one shared string: a `String`
/// per document would cost 24 bytes of header and a heap block of 48 or more.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ArticleIds {
    /// Per document, the id's bytes, or zeros when it is kept in `other_text`.
    #[serde(with = "hex_blocks")]
    hex: Vec<[u8; 16]>,
    /// Documents whose id is not 32 lower-case hex characters, ascending, each with the end of its id
    /// in `other_text` (the start is the previous entry's end).
    other: Vec<(u32, u32)>,
    other_text: String,
}

/// The bytes of an id of 32 lower-case hexadecimal characters.
fn compact_id(id: &str) -> Option<[u8; 16]> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let raw = id.as_bytes();
    if raw.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, pair) in raw.chunks_exact(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

fn hex_of(bytes: &[u8; 16]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(32);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// The per-document id bytes in a snapshot: one string of hex digits, 32 per document.
mod hex_blocks {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(blocks: &[[u8; 16]], serializer: S) -> Result<S::Ok, S::Error> {
        let text: String = blocks.iter().map(super::hex_of).collect();
        serializer.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<[u8; 16]>, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.len() % 32 != 0 {
            return Err(serde::de::Error::custom("id bytes are not a multiple of 32 hex digits"));
        }
        (0..text.len() / 32)
            .map(|i| {
                text.get(i * 32..(i + 1) * 32).and_then(super::compact_id).ok_or_else(|| {
                    serde::de::Error::custom("id bytes hold a character that is not lower-case hex")
                })
            })
            .collect()
    }
}

impl ArticleIds {
    fn push(&mut self, id: &ArticleId) {
        let doc = self.hex.len() as u32;
        match compact_id(&id.0) {
            Some(bytes) => self.hex.push(bytes),
            None => {
                self.hex.push([0; 16]);
                self.other_text.push_str(&id.0);
                self.other.push((doc, self.other_text.len() as u32));
            }
        }
    }

    /// The id kept in `other_text` for a document, if its id is not compact.
    fn other(&self, doc: u32) -> Option<&str> {
        let at = self.other.binary_search_by_key(&doc, |&(d, _)| d).ok()?;
        let start = if at == 0 { 0 } else { self.other[at - 1].1 as usize };
        Some(&self.other_text[start..self.other[at].1 as usize])
    }

    fn get(&self, doc: u32) -> ArticleId {
        ArticleId(match self.other(doc) {
            Some(text) => text.to_string(),
            None => hex_of(&self.hex[doc as usize]),
        })
    }

    fn is(&self, doc: u32, id: &ArticleId) -> bool {
        match (self.other(doc), compact_id(&id.0)) {
            (Some(text), _) => text == id.0,
            (None, Some(bytes)) => self.hex[doc as usize] == bytes,
            (None, None) => false,
        }
    }

    fn heap_bytes(&self) -> usize {
        self.hex.capacity() * 16 + self.other.capacity() * 8 + self.other_text.capacity()
    }
}

/// A hash table from a key to the newest entry with that key, the heads of chains read newest first.
/// A slot holds only an entry number (4 bytes, no key, no control byte): the key of an entry is read
/// back from the caller's own arrays through `key_of`. Open addressing with linear probing, at most
/// 70 % full, grown by half rather than doubled: about a third of the bytes of a `HashMap<u32, u32>`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct ChainHeads {
    slots: Vec<u32>,
    len: usize,
}

impl ChainHeads {
    fn home<K: Into<u64>>(&self, key: K) -> usize {
        // The multiply-shift maps a 32-bit hash onto any table size, not only powers of two.
        let hash = mix64(key.into()) >> 32;
        ((hash * self.slots.len() as u64) >> 32) as usize
    }

    /// The slot holding `key`'s entry (Ok) or the empty slot where it would go (Err).
    fn probe<K: Copy + PartialEq + Into<u64>>(
        &self,
        key: K,
        key_of: &impl Fn(u32) -> K,
    ) -> Result<usize, usize> {
        let mut i = self.home(key);
        loop {
            match self.slots[i] {
                NIL => return Err(i),
                entry if key_of(entry) == key => return Ok(i),
                _ => i = if i + 1 == self.slots.len() { 0 } else { i + 1 },
            }
        }
    }

    /// The newest entry with `key`.
    pub(crate) fn get<K: Copy + PartialEq + Into<u64>>(
        &self,
        key: K,
        key_of: impl Fn(u32) -> K,
    ) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(key, &key_of).ok().map(|i| self.slots[i])
    }

    /// Makes `entry` the newest with `key` (`key_of(entry)` must be `key`) and returns the one it
    /// replaces; with `keep_first`, an existing entry stays and is returned instead.
    pub(crate) fn insert<K: Copy + PartialEq + Into<u64>>(
        &mut self,
        key: K,
        entry: u32,
        keep_first: bool,
        key_of: impl Fn(u32) -> K,
    ) -> Option<u32> {
        if !self.slots.is_empty() {
            if let Ok(i) = self.probe(key, &key_of) {
                let previous = self.slots[i];
                if !keep_first {
                    self.slots[i] = entry;
                }
                return Some(previous);
            }
        }
        if (self.len + 1) * 10 > self.slots.len() * 7 {
            self.grow(&key_of);
        }
        let Err(i) = self.probe(key, &key_of) else { unreachable!("the key was absent") };
        self.slots[i] = entry;
        self.len += 1;
        None
    }

    fn grow<K: Copy + PartialEq + Into<u64>>(&mut self, key_of: &impl Fn(u32) -> K) {
        let size = (self.slots.len() * 3 / 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![NIL; size]);
        for entry in old.into_iter().filter(|&e| e != NIL) {
            let Err(i) = self.probe(key_of(entry), key_of) else { unreachable!("keys are distinct") };
            self.slots[i] = entry;
        }
    }

    /// Heap bytes held.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.capacity() * 4
    }
}

/// A group's state. Its members form a chain through `CopyIndex::next_member`: most groups have one
/// member, and a `Vec` each would cost a heap block per article.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct GroupRecord {
    origin: u32,
    first_member: u32,
    last_member: u32,
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
    ids: ArticleIds,
    /// `num_perm` values per document, the low 16 bits of each MinHash value. Two different minima agree
    /// on them by chance once in 65,536, which moves a Jaccard estimate by 0.00002 and halves the
    /// largest part of the state.
    signatures: Vec<u16>,
    /// Anchors of document `d` are `anchors[anchor_start[d]..anchor_start[d + 1]]`.
    anchors: Vec<u32>,
    anchor_start: Vec<u32>,
    /// Per band: bucket key → newest document in the bucket.
    band_heads: Vec<ChainHeads>,
    /// `band_keys[d * bands + b]`: document d's bucket key in band b, read back by `band_heads`.
    band_keys: Vec<u32>,
    /// `band_next[d * bands + b]`: the previous document in document d's bucket of band b.
    band_next: Vec<u32>,
    /// Anchor → its newest position in `anchors`.
    anchor_heads: ChainHeads,
    /// `anchor_previous[p]`: the previous position in `anchors` with the anchor at `p` (the position
    /// is the posting, its document found in `anchor_start`: no document number kept per posting).
    anchor_previous: Vec<u32>,
    /// Exact hash → first document with it.
    exact: ChainHeads,
    groups: Vec<GroupRecord>,
    /// `next_member[d]`: the member added to document d's group after it (`NIL` for the last).
    next_member: Vec<u32>,
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
            band_heads: vec![ChainHeads::default(); config.bands],
            band_keys: Vec::new(),
            next_member: Vec::new(),
            config,
            hasher,
            docs: Vec::new(),
            ids: ArticleIds::default(),
            signatures: Vec::new(),
            anchors: Vec::new(),
            anchor_start: vec![0],
            band_next: Vec::new(),
            anchor_heads: ChainHeads::default(),
            anchor_previous: Vec::new(),
            exact: ChainHeads::default(),
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

    /// The id of the `n`-th added article (0-based). Panics when `n` is not below [`CopyIndex::len`].
    pub fn article_id(&self, n: usize) -> ArticleId {
        assert!(n < self.docs.len(), "article {n} of {} asked for", self.docs.len());
        self.ids.get(n as u32)
    }

    /// Whether the `n`-th added article (0-based) has this id, without building the id.
    pub fn has_article_id(&self, n: usize, id: &ArticleId) -> bool {
        n < self.docs.len() && self.ids.is(n as u32, id)
    }

    /// The number of the newest added article with this id.
    pub fn find_article(&self, id: &ArticleId) -> Option<usize> {
        (0..self.docs.len()).rev().find(|&n| self.ids.is(n as u32, id))
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
        self.ids.push(&article.id);
        let record = DocRecord {
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
        let first_anchor = self.anchors.len() as u32;
        self.anchors.extend_from_slice(&fp.anchors);
        self.anchor_start.push(self.anchors.len() as u32);
        self.index_buckets(doc, first_anchor, &fp);

        let group = self.docs[doc as usize].group;
        self.next_member.push(NIL);
        if best.is_none() {
            self.groups.push(GroupRecord { origin: doc, first_member: doc, last_member: doc, wire });
        } else {
            let g = &mut self.groups[group as usize];
            self.next_member[g.last_member as usize] = doc;
            g.last_member = doc;
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
            origin: self.ids.get(origin),
            matched: best.map(|m| MatchedCopy {
                article: self.ids.get(m.doc),
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

    /// Indexes a stored document whose anchors start at position `first_anchor`.
    fn index_buckets(&mut self, doc: u32, first_anchor: u32, fp: &Fingerprint) {
        let bands = self.config.bands;
        if fp.shingles == 0 {
            self.band_next.extend(std::iter::repeat_n(NIL, bands));
            self.band_keys.extend(std::iter::repeat_n(0, bands));
            // Kept in step with `anchors`, though nothing reaches these positions.
            self.anchor_previous.extend(std::iter::repeat_n(NIL, fp.anchors.len()));
            return;
        }
        let docs = &self.docs;
        self.exact.insert(fp.exact, doc, true, |d| docs[d as usize].exact);
        for band in 0..bands {
            let key = self.band_key(&fp.minhash, band);
            self.band_keys.push(key);
            let keys = &self.band_keys;
            let previous = self.band_heads[band].insert(key, doc, false, |d| keys[d as usize * bands + band]);
            self.band_next.push(previous.unwrap_or(NIL));
        }
        let anchors = &self.anchors;
        for (position, &a) in (first_anchor..).zip(&fp.anchors) {
            let previous = self.anchor_heads.insert(a, position, false, |p| anchors[p as usize]);
            self.anchor_previous.push(previous.unwrap_or(NIL));
        }
    }

    /// The document whose anchors include position `position` of `anchors`.
    fn doc_of_anchor(&self, position: u32) -> u32 {
        // Documents without anchors share their start with the next one: the last start at or before
        // the position is the document's own.
        (self.anchor_start.partition_point(|&s| s <= position) - 1) as u32
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
            let keys = &self.band_keys;
            let mut cur = self.band_heads[band].get(key, |d| keys[d as usize * bands + band]).unwrap_or(NIL);
            let mut seen = 0;
            while cur != NIL && seen < limit {
                out.push(cur);
                cur = self.band_next[cur as usize * bands + band];
                seen += 1;
            }
        }
        let mut common = Vec::new();
        let mut groups: Vec<u32> = Vec::with_capacity(limit);
        for &a in &fp.anchors {
            let mut cur = self.anchor_heads.get(a, |p| self.anchors[p as usize]).unwrap_or(NIL);
            let mut seen = 0;
            groups.clear();
            while cur != NIL && seen < limit {
                let (doc, previous) = (self.doc_of_anchor(cur), self.anchor_previous[cur as usize]);
                out.push(doc);
                let g = self.docs[doc as usize].group;
                if !groups.contains(&g) {
                    groups.push(g);
                }
                cur = previous;
                seen += 1;
            }
            if groups.len() >= 3 {
                common.push(a);
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
        if let Some(doc) = self.exact.get(fp.exact, |d| self.docs[d as usize].exact) {
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
                origin: self.ids.get(g.origin),
                wire: g.wire.map(|w| AGENCIES[w as usize].name.to_string()),
                members: std::iter::successors(Some(g.first_member), |&m| {
                    Some(self.next_member[m as usize]).filter(|&n| n != NIL)
                })
                .map(|m| {
                    let (relation, similarity) = self.relation_to(m, g.origin);
                    GroupMember { article: self.ids.get(m), relation, similarity: similarity as f32 }
                })
                .collect(),
            })
            .collect()
    }

    /// Number of groups.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// Heap bytes held by the index (capacities, hash-table slots included).
    pub fn heap_bytes(&self) -> usize {
        let docs = self.docs.capacity() * std::mem::size_of::<DocRecord>() + self.ids.heap_bytes();
        let groups =
            self.groups.capacity() * std::mem::size_of::<GroupRecord>() + self.next_member.capacity() * 4;
        docs + groups
            + self.signatures.capacity() * 2
            + self.anchors.capacity() * 4
            + self.anchor_start.capacity() * 4
            + self.band_heads.iter().map(ChainHeads::heap_bytes).sum::<usize>()
            + self.band_keys.capacity() * 4
            + self.band_next.capacity() * 4
            + self.anchor_heads.heap_bytes()
            + self.anchor_previous.capacity() * 4
            + self.exact.heap_bytes()
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
    use rustc_hash::FxHashMap;

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
    fn ids_come_back_as_given_compact_or_not() {
        let mut index = CopyIndex::new(DedupConfig::default()).unwrap();
        let ids = [
            "0123456789abcdef0123456789abcdef".to_string(),
            "short".to_string(),
            "0123456789ABCDEF0123456789ABCDEF".to_string(),
            "f".repeat(64),
            "fedcba98765432100123456789abcdef".to_string(),
            "0123456789abcdef0123456789abcdeg".to_string(),
        ];
        for (i, id) in ids.iter().enumerate() {
            index.add(&article(id, &story(5, &format!("s{i}")), None, "a.example", None));
        }
        let mut saved = Vec::new();
        index.save_json(&mut saved).unwrap();
        let loaded = CopyIndex::load_json(saved.as_slice()).unwrap();
        for index in [&index, &loaded] {
            for (n, id) in ids.iter().enumerate() {
                let id = ArticleId(id.clone());
                assert_eq!(index.article_id(n), id);
                assert!(index.has_article_id(n, &id));
                assert_eq!(index.find_article(&id), Some(n));
            }
            // The upper-case id is kept as written, not taken for its lower-case twin.
            assert!(!index.has_article_id(2, &ArticleId(ids[0].clone())));
            assert_eq!(index.find_article(&ArticleId("absent".into())), None);
            assert!(!index.has_article_id(ids.len(), &ArticleId(ids[0].clone())));
        }
        assert_eq!(index.groups(), loaded.groups());
    }

    #[test]
    fn chain_heads_agree_with_a_hash_map() {
        // Keys as entries of an array the table reads back, as the index's anchors are.
        let keys: Vec<u32> = (0..20_000u32).map(|i| (i * 7919) % 3_001).collect();
        let mut heads = ChainHeads::default();
        let mut firsts = ChainHeads::default();
        let mut newest: FxHashMap<u32, u32> = FxHashMap::default();
        let mut first: FxHashMap<u32, u32> = FxHashMap::default();
        for (entry, &key) in keys.iter().enumerate() {
            let entry = entry as u32;
            let replaced = heads.insert(key, entry, false, |e| keys[e as usize]);
            assert_eq!(replaced, newest.insert(key, entry));
            let kept = firsts.insert(key, entry, true, |e| keys[e as usize]);
            assert_eq!(kept, first.get(&key).copied());
            first.entry(key).or_insert(entry);
        }
        for key in 0..3_100u32 {
            assert_eq!(heads.get(key, |e| keys[e as usize]), newest.get(&key).copied());
            assert_eq!(firsts.get(key, |e| keys[e as usize]), first.get(&key).copied());
        }
        // At most 70 % full, and grown by half: never more than about three slots a key.
        assert!(heads.heap_bytes() <= newest.len() * 4 * 10 / 7 * 3 / 2 + 64, "{}", heads.heap_bytes());
    }

    #[test]
    fn invalid_configuration_is_refused() {
        let config = DedupConfig { bands: 5, ..DedupConfig::default() };
        assert!(CopyIndex::new(config).is_err());
    }
}
