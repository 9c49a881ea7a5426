//! Serde helpers that write hash maps and sets in key order, so a snapshot of the same state is the
//! same bytes whatever the hash order. The hot lookups of the clusterer use hash maps (a lookup in a
//! B-tree of strings compares a dozen keys byte by byte); only their snapshots need an order.
//! Reading needs no helper: serde reads a map or a sequence into a hash map or set directly.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hash;

/// Writes a hash map as a map in key order.
pub fn map<S, K, V>(map: &FxHashMap<K, V>, serializer: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    K: Ord + Hash + Serialize,
    V: Serialize,
{
    map.iter().collect::<BTreeMap<&K, &V>>().serialize(serializer)
}

/// Writes a hash set as a sequence in order.
pub fn set<S, T>(set: &FxHashSet<T>, serializer: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Ord + Hash + Serialize,
{
    set.iter().collect::<BTreeSet<&T>>().serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Both {
        #[serde(serialize_with = "map")]
        m: FxHashMap<String, u32>,
        #[serde(serialize_with = "set")]
        s: FxHashSet<String>,
    }

    #[test]
    fn written_in_order_and_read_back() {
        let mut both = Both { m: FxHashMap::default(), s: FxHashSet::default() };
        // Enough keys that hash order would differ from sorted order.
        for i in (0..50).rev() {
            both.m.insert(format!("k{i:02}"), i);
            both.s.insert(format!("s{i:02}"));
        }
        let json = serde_json::to_string(&both).unwrap();
        let m_keys: Vec<usize> = (0..50).map(|i| json.find(&format!("\"k{i:02}\"")).unwrap()).collect();
        let s_keys: Vec<usize> = (0..50).map(|i| json.find(&format!("\"s{i:02}\"")).unwrap()).collect();
        assert!(m_keys.windows(2).all(|w| w[0] < w[1]), "map keys out of order: {json}");
        assert!(s_keys.windows(2).all(|w| w[0] < w[1]), "set items out of order: {json}");
        let back: Both = serde_json::from_str(&json).unwrap();
        assert_eq!(back, both);
        // The written form is what a B-tree map or set writes, so older snapshots read alike.
        let tree: BTreeMap<String, u32> =
            serde_json::from_str(&serde_json::to_string(&back.m).unwrap()).unwrap();
        assert_eq!(serde_json::to_string(&tree).unwrap(), serde_json::to_string(&map_of(&both.m)).unwrap());
    }

    fn map_of(m: &FxHashMap<String, u32>) -> BTreeMap<String, u32> {
        m.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }
}
