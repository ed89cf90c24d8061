//! A map keyed by `(channel, code)` pairs (listings, sales orders): found
//! by hash, so that a lookup costs the same in a book of ten orders and of
//! a million (a `BTreeMap` compared a dozen pairs of strings per lookup,
//! and more as the book grew), while iterated, compared and serialized in
//! key order exactly as the `BTreeMap<(ShortText, ShortText), V>` it replaces.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Orders are found by channel and id, and listed in that order.
//! let book = sales_book()?;
//! assert_eq!(book.sales_order("shop-us", "1001")?.lines.len(), 1);
//! assert_eq!(book.sales_order("shop-us", "nope").unwrap_err().code(), "UNKNOWN_SALES_ORDER");
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::fast_hash::{FastMap, FxHasher, StoredHash};
use crate::short_text::ShortText;

/// Values by `(channel, code)`, in insertion order, with a hash index.
#[derive(Clone)]
pub struct PairMap<V> {
    entries: Vec<((ShortText, ShortText), V)>,
    /// Entry index by the hash of its key (the first key with that hash).
    slots: HashMap<u64, usize, BuildHasherDefault<StoredHash>>,
    /// Entry index of keys whose hash an earlier key already has.
    collided: FastMap<(ShortText, ShortText), usize>,
}

impl<V> Default for PairMap<V> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            slots: HashMap::default(),
            collided: FastMap::default(),
        }
    }
}

fn hash_pair(a: &str, b: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(a.as_bytes());
    // Keeps ("ab", "c") apart from ("a", "bc"): no code holds 0xff.
    hasher.write_u8(0xff);
    hasher.write(b.as_bytes());
    hasher.finish()
}

impl<V> PairMap<V> {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, a: &str, b: &str) -> Option<usize> {
        self.position_hashed(a, b, hash_pair(a, b))
    }

    fn position_hashed(&self, a: &str, b: &str, hash: u64) -> Option<usize> {
        let i = *self.slots.get(&hash)?;
        let ((x, y), _) = self.entries.get(i)?;
        if x == a && y == b {
            return Some(i);
        }
        if self.collided.is_empty() {
            return None;
        }
        self.collided
            .iter()
            .find(|((x, y), _)| x == a && y == b)
            .map(|(_, &i)| i)
    }

    /// The value under `(a, b)`.
    pub fn get(&self, a: &str, b: &str) -> Option<&V> {
        let i = self.position(a, b)?;
        self.entries.get(i).map(|(_, v)| v)
    }

    /// The value under `(a, b)`, to change.
    pub fn get_mut(&mut self, a: &str, b: &str) -> Option<&mut V> {
        let i = self.position(a, b)?;
        self.entries.get_mut(i).map(|(_, v)| v)
    }

    /// True when `(a, b)` has a value.
    pub fn contains_key(&self, a: &str, b: &str) -> bool {
        self.position(a, b).is_some()
    }

    /// Puts `value` under `key`; returns the value it replaces.
    pub fn insert(&mut self, key: (ShortText, ShortText), value: V) -> Option<V> {
        let hash = hash_pair(&key.0, &key.1);
        self.insert_hashed(key, hash, value)
    }

    fn insert_hashed(&mut self, key: (ShortText, ShortText), hash: u64, value: V) -> Option<V> {
        if let Some(i) = self.position_hashed(&key.0, &key.1, hash)
            && let Some(slot) = self.entries.get_mut(i)
        {
            return Some(std::mem::replace(&mut slot.1, value));
        }
        let i = self.entries.len();
        match self.slots.entry(hash) {
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(key.clone(), i);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
        self.entries.push((key, value));
        None
    }

    /// The entries in the order they were inserted (cheaper than
    /// [`iter`](Self::iter), which sorts): their position is the index
    /// [`entry`](Self::entry) and [`remove_entries`](Self::remove_entries) take.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&(ShortText, ShortText), &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The entry at `index` of [`entries`](Self::entries).
    pub(crate) fn entry(&self, index: usize) -> Option<(&(ShortText, ShortText), &V)> {
        self.entries.get(index).map(|(k, v)| (k, v))
    }

    /// Removes the entries at `indexes` (ascending) of
    /// [`entries`](Self::entries), keeping the others in their order, and
    /// gives their memory back once most of it is unused.
    pub(crate) fn remove_entries(&mut self, indexes: &[usize]) {
        if indexes.is_empty() {
            return;
        }
        // The index is renumbered in place, not built again: rebuilding
        // hashed every key left (the open business, read from all over the
        // heap) and allocated a table of its size, each archive. Each
        // entry's new index (`None`: removed), read once per slot:
        let mut renumbered: Vec<Option<usize>> = Vec::with_capacity(self.entries.len());
        let mut gone = indexes.iter().copied().peekable();
        let mut kept = 0;
        for index in 0..self.entries.len() {
            if gone.next_if_eq(&index).is_some() {
                renumbered.push(None);
            } else {
                renumbered.push(Some(kept));
                kept += 1;
            }
        }
        let renumber = |i: &mut usize| match renumbered.get(*i).copied().flatten() {
            Some(new) => {
                *i = new;
                true
            }
            None => false,
        };
        self.slots.retain(|_, i| renumber(i));
        self.collided.retain(|_, i| renumber(i));
        let mut index = 0;
        self.entries.retain(|_| {
            let keep = renumbered.get(index).is_some_and(Option::is_some);
            index += 1;
            keep
        });
        // A key that shared its hash with a removed one takes its slot
        // (lookups read the slot first, then the collided keys).
        if !self.collided.is_empty() {
            let mut moved: Vec<(ShortText, ShortText)> = Vec::new();
            for (key, &i) in &self.collided {
                let hash = hash_pair(&key.0, &key.1);
                if let std::collections::hash_map::Entry::Vacant(slot) = self.slots.entry(hash) {
                    slot.insert(i);
                    moved.push(key.clone());
                }
            }
            for key in moved {
                self.collided.remove(&key);
            }
        }
        // Memory goes back once most of it is unused.
        if self.entries.capacity() > 2 * self.entries.len() {
            self.entries.shrink_to_fit();
        }
        if self.slots.capacity() > 4 * self.slots.len().max(1) {
            self.slots.shrink_to_fit();
        }
    }

    /// The entries in key order (channel, then code).
    pub fn iter(&self) -> impl Iterator<Item = (&(ShortText, ShortText), &V)> {
        let mut sorted: Vec<&((ShortText, ShortText), V)> = self.entries.iter().collect();
        sorted.sort_unstable_by(|x, y| x.0.cmp(&y.0));
        sorted.into_iter().map(|(k, v)| (k, v))
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.iter().map(|(_, v)| v)
    }
}

impl<'a, V> IntoIterator for &'a PairMap<V> {
    type Item = (&'a (ShortText, ShortText), &'a V);
    type IntoIter = Box<dyn Iterator<Item = Self::Item> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl<V: PartialEq> PartialEq for PairMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .entries
                .iter()
                .all(|((a, b), v)| other.get(a, b) == Some(v))
    }
}

impl<V: Eq> Eq for PairMap<V> {}

impl<V: std::fmt::Debug> std::fmt::Debug for PairMap<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A list of `[key, value]` pairs in key order (as `seq_map` writes a
/// `BTreeMap`).
impl<V: Serialize> Serialize for PairMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Read as `seq_map` reads a `BTreeMap`: a later pair with the same key
/// replaces an earlier one.
impl<'de, V: Deserialize<'de>> Deserialize<'de> for PairMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pairs: Vec<((ShortText, ShortText), V)> = Vec::deserialize(deserializer)?;
        let mut map = Self::default();
        for (key, value) in pairs {
            map.insert(key, value);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_found_and_listed_in_key_order() {
        let mut map = PairMap::default();
        for i in (0..500u32).rev() {
            map.insert(("web".into(), format!("{i}").into()), i);
        }
        map.insert(("amz".into(), "9".into()), 9);
        assert_eq!(map.len(), 501);
        assert_eq!(map.get("web", "42"), Some(&42));
        assert_eq!(map.get("web4", "2"), None);
        assert_eq!(map.get("amz", "42"), None);
        assert_eq!(map.insert(("web".into(), "42".into()), 7), Some(42));
        assert_eq!(map.get("web", "42"), Some(&7));
        let mut expected: std::collections::BTreeMap<(ShortText, ShortText), u32> =
            map.iter().map(|(k, v)| (k.clone(), *v)).collect();
        assert!(map.iter().map(|(k, _)| k).eq(expected.keys()));
        expected.insert(("amz".into(), "9".into()), 9);
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            serde_json::to_string(&expected.iter().collect::<Vec<_>>()).unwrap()
        );
        let back: PairMap<u32> =
            serde_json::from_str(&serde_json::to_string(&map).unwrap()).unwrap();
        assert_eq!(back, map);
        assert_eq!(format!("{back:?}"), format!("{expected:?}"));
    }

    #[test]
    fn keys_with_one_hash_are_told_apart() {
        let mut map = PairMap::default();
        let key = |a: &str, b: &str| (ShortText::from(a), ShortText::from(b));
        map.insert_hashed(key("a", "1"), 5, 1u32);
        map.insert_hashed(key("b", "2"), 5, 2);
        map.insert_hashed(key("c", "3"), 5, 3);
        let get = |map: &PairMap<u32>, a, b| map.position_hashed(a, b, 5).map(|i| map.entries[i].1);
        assert_eq!(get(&map, "a", "1"), Some(1));
        assert_eq!(get(&map, "b", "2"), Some(2));
        assert_eq!(get(&map, "c", "3"), Some(3));
        assert_eq!(get(&map, "d", "4"), None);
        assert_eq!(map.insert_hashed(key("b", "2"), 5, 9), Some(2));
        assert_eq!(get(&map, "b", "2"), Some(9));
        assert_eq!(map.len(), 3);
    }

    /// Removing entries renumbers the index in place: every key left is
    /// found at its new place, the removed ones are gone, the order holds,
    /// and a key that shared a removed key's hash is still found.
    #[test]
    fn removed_entries_leave_the_rest_found() {
        let mut map = PairMap::default();
        for i in 0..500u32 {
            map.insert(("web".into(), format!("{i}").into()), i);
        }
        // Filed under the hash of ("web", "3"), which is removed below.
        let shared = hash_pair("web", "3");
        map.insert_hashed(("amz".into(), "x".into()), shared, 1000);
        let gone: Vec<usize> = (0..500).filter(|i| i % 3 == 0 || *i < 40).collect();
        map.remove_entries(&gone);
        for i in 0..500u32 {
            let expected = (!gone.contains(&(i as usize))).then_some(i);
            assert_eq!(map.get("web", &i.to_string()).copied(), expected, "{i}");
        }
        assert_eq!(map.get("amz", "x"), Some(&1000));
        let left: Vec<u32> = map.entries().map(|(_, v)| *v).collect();
        let mut expected: Vec<u32> = (0..500u32)
            .filter(|i| !gone.contains(&(*i as usize)))
            .collect();
        expected.push(1000);
        assert_eq!(left, expected);
        assert_eq!(map.len(), expected.len());
        map.insert(("web".into(), "3".into()), 3);
        assert_eq!(map.get("web", "3"), Some(&3));
        assert_eq!(map.get("amz", "x"), Some(&1000));
    }
}
