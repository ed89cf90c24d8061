//! Per-SKU storage for positions and valuation pools.
//!
//! A stock command reads one position and one pool of one SKU. Kept in hash
//! maps over the whole book, each of those reads was a probe into tens of
//! megabytes (a cache miss for the control bytes, another for the slot),
//! and the tables carried a quarter of empty slots plus a sorted key set
//! for ordered iteration. SKU ids are dense, so here the SKU id indexes a
//! vector directly, and each SKU keeps its entries in a small vector sorted
//! by key: one read finds all of a SKU's positions side by side, iteration
//! in key order is a walk, and the memory is the entries themselves.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // The storage is internal; a SKU's positions and pools come back together
//! // in its stock and valuation reports.
//! let book = lamp_book()?;
//! assert_eq!(book.stock("LAMP")?.positions.len(), 2);
//! assert_eq!(book.valuation(Some("LAMP"))?.len(), 2);
//! # Ok(()) }
//! ```

use std::ops::{Bound, RangeBounds};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A key whose first component is a SKU id (and whose order starts with it).
pub(crate) trait SkuKey: Ord + Copy {
    /// The SKU id.
    fn sku(&self) -> u32;
}

/// Entries grouped by SKU id; see the module docs.
#[derive(Clone, Debug)]
pub(crate) struct SkuMap<K, V> {
    by_sku: Vec<Vec<(K, V)>>,
    len: usize,
}

impl<K, V> Default for SkuMap<K, V> {
    fn default() -> Self {
        Self {
            by_sku: Vec::new(),
            len: 0,
        }
    }
}

/// Entries per SKU up to which a vector grows one slot at a time (most
/// SKUs have a handful of positions; doubling would leave a third empty).
const EXACT_GROWTH: usize = 8;

impl<K: SkuKey, V> SkuMap<K, V> {
    /// One SKU's entries, in key order.
    pub(crate) fn entries(&self, sku: u32) -> &[(K, V)] {
        self.by_sku.get(sku as usize).map_or(&[], Vec::as_slice)
    }

    #[inline]
    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        let entries = self.entries(key.sku());
        let i = search(entries, key).ok()?;
        entries.get(i).map(|(_, v)| v)
    }

    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        let entries = self.by_sku.get_mut(key.sku() as usize)?;
        let i = search(entries, key).ok()?;
        entries.get_mut(i).map(|(_, v)| v)
    }

    pub(crate) fn insert(&mut self, key: K, value: V) {
        let entries = sku_entries(&mut self.by_sku, key.sku());
        match search(entries, &key) {
            Ok(i) => {
                if let Some(entry) = entries.get_mut(i) {
                    entry.1 = value;
                }
            }
            Err(i) => {
                make_room(entries);
                entries.insert(i, (key, value));
                self.len += 1;
            }
        }
    }

    /// The value at `key`, inserted as the default first if missing.
    pub(crate) fn get_or_default(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        self.slot(key, V::default)
    }

    pub(crate) fn remove(&mut self, key: &K) {
        if let Some(entries) = self.by_sku.get_mut(key.sku() as usize)
            && let Ok(i) = search(entries, key)
        {
            entries.remove(i);
            self.len -= 1;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Entries with keys in `range`, in key order.
    pub(crate) fn range<R: RangeBounds<K>>(&self, range: R) -> impl Iterator<Item = (&K, &V)> {
        let first = match range.start_bound() {
            Bound::Included(k) | Bound::Excluded(k) => k.sku() as usize,
            Bound::Unbounded => 0,
        };
        let last = match range.end_bound() {
            Bound::Included(k) | Bound::Excluded(k) => k.sku() as usize,
            Bound::Unbounded => usize::MAX,
        };
        self.by_sku
            .iter()
            .take(last.saturating_add(1))
            .skip(first)
            .flatten()
            .filter(move |(k, _)| range.contains(k))
            .map(|(k, v)| (k, v))
    }

    /// All entries in key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.by_sku.iter().flatten().map(|(k, v)| (k, v))
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.by_sku.iter().flatten().map(|(_, v)| v)
    }

    /// The slot of `key`, made with `make` if missing.
    fn slot(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let entries = sku_entries(&mut self.by_sku, key.sku());
        let i = match search(entries, &key) {
            Ok(i) => i,
            Err(i) => {
                make_room(entries);
                entries.insert(i, (key, make()));
                self.len += 1;
                i
            }
        };
        &mut entries[i].1
    }
}

/// Where `key` is (`Ok`) or would go (`Err`) in sorted entries. A SKU's
/// few entries are scanned front to back, which the processor streams in;
/// a binary search's jumps each wait on memory.
#[inline]
fn search<K: Ord, V>(entries: &[(K, V)], key: &K) -> Result<usize, usize> {
    if entries.len() > LINEAR_SEARCH {
        return entries.binary_search_by(|(k, _)| k.cmp(key));
    }
    for (i, (k, _)) in entries.iter().enumerate() {
        match k.cmp(key) {
            std::cmp::Ordering::Less => {}
            std::cmp::Ordering::Equal => return Ok(i),
            std::cmp::Ordering::Greater => return Err(i),
        }
    }
    Err(entries.len())
}

/// Entries per SKU up to which a lookup scans instead of bisecting.
const LINEAR_SEARCH: usize = 16;

/// The entries of a SKU, adding empty lists up to it.
fn sku_entries<T>(by_sku: &mut Vec<Vec<T>>, sku: u32) -> &mut Vec<T> {
    let sku = sku as usize;
    if by_sku.len() <= sku {
        by_sku.resize_with(sku + 1, Vec::new);
    }
    &mut by_sku[sku]
}

/// Room for one more entry: one slot at a time while small, then by half.
fn make_room<T>(entries: &mut Vec<T>) {
    if entries.len() == entries.capacity() {
        let more = if entries.len() < EXACT_GROWTH {
            1
        } else {
            entries.len() / 2
        };
        entries.reserve_exact(more);
    }
}

impl<K: SkuKey, V: PartialEq> PartialEq for SkuMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<K: SkuKey, V: Eq> Eq for SkuMap<K, V> {}

/// Serialized as a list of `[key, value]` pairs in key order.
impl<K: SkuKey + Serialize, V: Serialize> Serialize for SkuMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, K: SkuKey + Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for SkuMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pairs: Vec<(K, V)> = Vec::deserialize(deserializer)?;
        let mut map = Self::default();
        for (k, v) in pairs {
            map.insert(k, v);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
    struct Key(u32, u32, u32);

    impl SkuKey for Key {
        fn sku(&self) -> u32 {
            self.0
        }
    }

    #[test]
    fn behaves_like_an_ordered_map() {
        let mut map = SkuMap::default();
        let mut reference = BTreeMap::new();
        let mut state: u64 = 7;
        for step in 0..5_000u32 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let key = Key(
                (state >> 40) as u32 % 50,
                (state >> 20) as u32 % 7,
                (state >> 10) as u32 % 30,
            );
            match step % 5 {
                0 => {
                    map.remove(&key);
                    reference.remove(&key);
                }
                1 => {
                    *map.get_or_default(key) += 1;
                    *reference.entry(key).or_default() += 1;
                }
                _ => {
                    map.insert(key, step);
                    reference.insert(key, step);
                }
            }
            assert_eq!(map.get(&key), reference.get(&key));
        }
        assert!(map.iter().map(|(k, v)| (*k, *v)).eq(reference.clone()));
        assert_eq!(map.len, reference.len());
        let (from, to) = (Key(12, 3, 0), Key(31, 2, 17));
        assert!(
            map.range(from..to)
                .map(|(k, v)| (*k, *v))
                .eq(reference.range(from..to).map(|(k, v)| (*k, *v)))
        );
        assert!(
            map.range(from..=to)
                .map(|(k, v)| (*k, *v))
                .eq(reference.range(from..=to).map(|(k, v)| (*k, *v)))
        );
        assert!(map.values().copied().eq(reference.values().copied()));
        // Some SKUs outgrew the linear scan and were searched by bisection.
        assert!(map.by_sku.iter().any(|e| e.len() > LINEAR_SEARCH));
    }
}
