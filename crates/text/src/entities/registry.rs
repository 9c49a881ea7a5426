//! Entities across articles: what one article cannot resolve ("Ishiba" alone) is resolved against the
//! full names earlier articles gave.

use model::{EntityKind, EntityMention};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The canonical entities seen so far, fed article by article in arrival order; the same articles in
/// the same order always give the same state. Serializable, so a store can persist it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityRegistry {
    /// Canonical name of every id seen (the first name it was seen with).
    names: BTreeMap<String, String>,
    /// Last word (and, for three-part names, first word) of full person names → their ids.
    family_names: BTreeMap<String, BTreeSet<String>>,
}

fn parts(id: &str) -> Vec<&str> {
    id.trim_start_matches("person:").split('-').collect()
}

impl EntityRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Learns the full person names of one article's mentions, then points its single-word people at
    /// the one full name they can stand for, when exactly one is known.
    pub fn resolve(&mut self, mentions: &mut [EntityMention]) {
        for m in mentions.iter() {
            self.names.entry(m.entity.clone()).or_insert_with(|| m.name.clone());
            if m.kind != EntityKind::Person {
                continue;
            }
            let p = parts(&m.entity);
            if p.len() >= 2 {
                let mut keys = vec![p[p.len() - 1].to_string()];
                if p.len() >= 3 {
                    keys.push(p[0].to_string());
                }
                for key in keys {
                    self.family_names.entry(key).or_default().insert(m.entity.clone());
                }
            }
        }
        for m in mentions.iter_mut().filter(|m| m.kind == EntityKind::Person) {
            let id = self.canonical(&m.entity);
            if id != m.entity {
                m.name = self.names.get(&id).cloned().unwrap_or_else(|| m.name.clone());
                m.entity = id;
            }
        }
    }

    /// The canonical id an id stands for now: a single-word person id resolves to the one full name
    /// ending in that word, when exactly one is known; any other id is its own.
    pub fn canonical(&self, id: &str) -> String {
        if let Some(key) = id.strip_prefix("person:").filter(|k| !k.contains('-')) {
            if let Some(ids) = self.family_names.get(key) {
                if ids.len() == 1 {
                    return ids.iter().next().cloned().unwrap_or_default();
                }
            }
        }
        id.to_string()
    }

    /// The canonical name of an id (after [`EntityRegistry::canonical`]), when it has been seen.
    pub fn name(&self, id: &str) -> Option<&str> {
        self.names.get(&self.canonical(id)).map(String::as_str)
    }

    /// How many distinct ids have been seen.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether nothing has been seen.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}
