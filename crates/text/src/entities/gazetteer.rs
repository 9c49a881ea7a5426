//! Countries, cities and international institutions by every name they go by, loaded once per process
//! from `models/gazetteer/gazetteer.tsv` (written by `scripts/install-gazetteers.sh`), plus the
//! built-in names of the language tables, which keep the commonest countries recognized when the file
//! is missing.

use super::lang::{self, COMMON_COUNTRY_NAMES, INSTITUTIONS};
use super::tokens::name_key;
use model::EntityKind;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One country, place or institution of the gazetteer.
#[derive(Debug, Clone)]
pub struct GazetteerEntry {
    /// What it is (country, place or organization).
    pub kind: EntityKind,
    /// Its stable id (`country:KR`, `place:1850147`, `org:ecb`).
    pub id: String,
    /// Its canonical (English) name.
    pub name: String,
    /// Inhabitants, 0 when unknown.
    pub population: u64,
    /// ISO 3166-1 alpha-2 code of the country it is in (itself for a country).
    pub country: String,
    /// Whether it is its country's capital: known in the news by its names in many languages.
    pub capital: bool,
    /// The first-level region it lies in (`US.FL`), empty when unknown.
    pub region: String,
    /// Whether it is that first-level region itself (a US state), not a place in it.
    pub is_region: bool,
}

/// One name an entry is known by.
#[derive(Debug, Clone, Copy)]
struct NameRef {
    entry: u32,
    // The entry's main name rather than one of its many alternate spellings.
    primary: bool,
}

/// A match of a name in the gazetteer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit<'g> {
    /// The entry named.
    pub entry: &'g GazetteerEntry,
    /// Whether the name is the entry's main name.
    pub primary: bool,
}

/// Countries, places and institutions indexed by the folded keys of all their names.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    index: FxHashMap<String, Vec<NameRef>>,
    exact: FxHashMap<String, Vec<NameRef>>,
    by_country_code: FxHashMap<String, u32>,
    by_id: FxHashMap<String, u32>,
    max_words: usize,
}

static GLOBAL: OnceLock<Gazetteer> = OnceLock::new();

/// The folder that holds the gazetteer: `$STORYWEAVE_MODELS/gazetteer` when the variable is set, else
/// the first `models/gazetteer/` with a `gazetteer.tsv` in the working directory or above it, or above
/// the running executable, else `./models/gazetteer`.
pub fn gazetteer_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("STORYWEAVE_MODELS").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("gazetteer");
    }
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        candidates.extend(cwd.ancestors().map(|d| d.join("models").join("gazetteer")));
    }
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).map(|d| d.join("models").join("gazetteer")));
    }
    candidates
        .into_iter()
        .find(|d| d.join("gazetteer.tsv").is_file())
        .unwrap_or_else(|| PathBuf::from("models").join("gazetteer"))
}

impl Gazetteer {
    /// The process-wide gazetteer, loaded on first use; when the file is missing only the built-in
    /// names are known and a warning (once) says how to install it.
    pub fn global() -> &'static Gazetteer {
        GLOBAL.get_or_init(|| {
            let path = gazetteer_dir().join("gazetteer.tsv");
            match std::fs::read_to_string(&path) {
                Ok(text) => Gazetteer::from_tsv(&text),
                Err(err) => {
                    eprintln!(
                        "warning: no entity gazetteer at {} ({err}); only a few countries and no cities \
                         will be recognized: run scripts/install-gazetteers.sh",
                        path.display()
                    );
                    Gazetteer::from_tsv("")
                }
            }
        })
    }

    /// Reads the gazetteer from a file written by `scripts/install-gazetteers.sh`.
    pub fn load(path: &Path) -> std::io::Result<Gazetteer> {
        Ok(Gazetteer::from_tsv(&std::fs::read_to_string(path)?))
    }

    /// Builds the gazetteer from its TSV text (kind `C` or `P`, id, canonical name, population,
    /// country, capital, `|`-separated names, each optionally `lang:`-tagged) plus the built-in names.
    pub fn from_tsv(text: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut capitals: FxHashSet<(String, String)> = FxHashSet::default();
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() < 7 {
                continue;
            }
            if fields[0] == "C" && !fields[5].is_empty() {
                capitals.insert((fields[1].to_string(), fields[5].to_string()));
            }
            let (kind, id) = match fields[0] {
                "C" => (EntityKind::Country, format!("country:{}", fields[1])),
                "P" => (EntityKind::Place, format!("place:{}", fields[1])),
                _ => continue,
            };
            let region = fields.get(7).copied().unwrap_or("");
            let (region, is_region) = match region.strip_prefix("R:") {
                Some(r) => (r, true),
                None => (region, false),
            };
            let entry = g.push(GazetteerEntry {
                kind,
                id,
                name: fields[2].to_string(),
                population: fields[3].parse().unwrap_or(0),
                country: fields[4].to_string(),
                capital: false,
                region: region.to_string(),
                is_region,
            });
            g.add_name(entry, fields[2], true);
            for name in fields[6].split('|').filter(|n| !n.is_empty()) {
                // Country names carry their language ("de:Südkorea"); they all count as main names.
                let (tagged, name) = match name.split_once(':') {
                    Some((tag, rest)) if tag.len() <= 3 && tag.chars().all(|c| c.is_ascii_lowercase()) => {
                        (true, rest)
                    }
                    _ => (false, name),
                };
                g.add_name(entry, name, tagged || kind == EntityKind::Country || name == fields[2]);
            }
        }
        let built_in =
            lang::LANGUAGES.iter().flat_map(|l| l.country_names.iter()).chain(COMMON_COUNTRY_NAMES);
        for (name, code) in built_in {
            let entry = g.country_entry(code);
            g.add_name(entry, name, true);
        }
        // The most populous place of a country's capital name is the capital (several towns share it).
        let mut capital_of: FxHashMap<(String, String), usize> = FxHashMap::default();
        for (i, e) in g.entries.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Place) {
            let key = (e.country.clone(), e.name.clone());
            if capitals.contains(&key) {
                let best = capital_of.entry(key).or_insert(i);
                if g.entries[*best].population < e.population {
                    *best = i;
                }
            }
        }
        for i in capital_of.into_values() {
            g.entries[i].capital = true;
        }
        for (names, key, canonical) in INSTITUTIONS {
            let entry = g.push(GazetteerEntry {
                kind: EntityKind::Organization,
                id: format!("org:{key}"),
                name: canonical.to_string(),
                population: 0,
                country: String::new(),
                capital: false,
                region: String::new(),
                is_region: false,
            });
            for name in *names {
                g.add_name(entry, name, true);
            }
        }
        g
    }

    /// How many countries, places and institutions it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The most words any name has.
    pub(crate) fn max_words(&self) -> usize {
        self.max_words
    }

    /// The country with an ISO 3166-1 alpha-2 code.
    pub fn country(&self, code: &str) -> Option<&GazetteerEntry> {
        self.by_country_code.get(code).map(|&i| &self.entries[i as usize])
    }

    /// The best entry a name written as `surface` (folded key `key`) refers to: an organization or a
    /// country before a place, a bigger place before a smaller one.
    pub(crate) fn lookup(&self, key: &str, surface: &str) -> Option<Hit<'_>> {
        let loose = self.index.get(key).into_iter().flatten();
        let exact = self.exact.get(surface).into_iter().flatten();
        loose
            .chain(exact)
            .map(|r| (r, &self.entries[r.entry as usize]))
            .max_by_key(|(r, e)| {
                (e.kind != EntityKind::Place, r.primary, e.population, std::cmp::Reverse(r.entry))
            })
            .map(|(r, e)| Hit { entry: e, primary: r.primary })
    }

    /// What a place id stands for, then what contains it: the place itself (a first-level region by its
    /// region key, `region:US.FL`), its region, its country. Just the id for a place it does not know.
    pub fn place_scope(&self, id: &str) -> Vec<String> {
        let Some(e) = self.by_id.get(id).map(|&i| &self.entries[i as usize]) else {
            return vec![id.to_string()];
        };
        let region = (!e.region.is_empty()).then(|| format!("region:{}", e.region));
        let mut scope = Vec::with_capacity(3);
        match (&region, e.is_region) {
            (Some(r), true) => scope.push(r.clone()),
            _ => {
                scope.push(e.id.clone());
                scope.extend(region);
            }
        }
        if e.kind != EntityKind::Country && !e.country.is_empty() {
            scope.push(format!("country:{}", e.country));
        }
        scope
    }

    /// The biggest place a name refers to, ignoring countries ("Georgia" the US state).
    pub(crate) fn place_named(&self, key: &str) -> Option<&GazetteerEntry> {
        let refs = self.index.get(key)?;
        let places =
            refs.iter().map(|r| &self.entries[r.entry as usize]).filter(|e| e.kind == EntityKind::Place);
        places.max_by_key(|e| e.population)
    }

    /// The country a folded name refers to, ignoring places and institutions.
    pub(crate) fn country_named(&self, key: &str) -> Option<&GazetteerEntry> {
        let refs = self.index.get(key)?;
        refs.iter().map(|r| &self.entries[r.entry as usize]).find(|e| e.kind == EntityKind::Country)
    }

    fn push(&mut self, entry: GazetteerEntry) -> u32 {
        let i = self.entries.len() as u32;
        if entry.kind == EntityKind::Country {
            self.by_country_code.insert(entry.country.clone(), i);
        }
        self.by_id.insert(entry.id.clone(), i);
        self.entries.push(entry);
        i
    }

    fn country_entry(&mut self, code: &str) -> u32 {
        match self.by_country_code.get(code) {
            Some(&i) => i,
            None => self.push(GazetteerEntry {
                kind: EntityKind::Country,
                id: format!("country:{code}"),
                name: code.to_string(),
                population: 0,
                country: code.to_string(),
                capital: false,
                region: String::new(),
                is_region: false,
            }),
        }
    }

    fn add_name(&mut self, entry: u32, name: &str, primary: bool) {
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let exact_case = letters <= 3 || (all_caps && letters <= 6);
        let key = name_key(name);
        let words = key.split(' ').count();
        self.max_words = self.max_words.max(words);
        let r = NameRef { entry, primary };
        // Short and all-capital names ("US", "WHO", "Fed") match only as written, never "us" or "who".
        let list = if exact_case {
            self.exact.entry(name.to_string()).or_default()
        } else {
            self.index.entry(key).or_default()
        };
        if !list.iter().any(|x| x.entry == entry) {
            list.push(r);
        }
    }
}
