//! A small, fast hasher for the book's in-memory indexes.
//!
//! The indexes (code → id, command id → record) are looked up several times
//! per command; SipHash, std's default, showed up as a tenth of the time in
//! profiles. This is the multiply-rotate hash rustc uses (FxHash). It is not
//! resistant to deliberately colliding keys, which is acceptable for keys a
//! host chooses for its own book; nothing hashed here is ever serialized.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x517c_c1b7_2722_0a95;

#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // The multiply mixes upward only; rotating brings the well-mixed high
        // bits down to where hash tables pick their buckets.
        self.hash.rotate_left(26)
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A hash map for O(1) lookups on the hot path that still iterates (and
/// serializes) in key order: the keys are also kept in a `BTreeSet`, which
/// only changes when a new key arrives. Serialized as a list of
/// `[key, value]` pairs in key order.
#[derive(Clone, Debug)]
pub(crate) struct OrderedMap<K, V> {
    map: FastMap<K, V>,
    keys: std::collections::BTreeSet<K>,
}

impl<K: Ord + std::hash::Hash + Copy, V> Default for OrderedMap<K, V> {
    fn default() -> Self {
        Self {
            map: FastMap::default(),
            keys: std::collections::BTreeSet::new(),
        }
    }
}

impl<K: Ord + std::hash::Hash + Copy, V> OrderedMap<K, V> {
    #[inline]
    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        self.map.get(key)
    }

    pub(crate) fn insert(&mut self, key: K, value: V) {
        if self.map.insert(key, value).is_none() {
            self.keys.insert(key);
        }
    }

    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        self.map.get_mut(key)
    }

    /// The value at `key`, inserted as the default first if missing.
    pub(crate) fn get_or_default(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        if !self.map.contains_key(&key) {
            self.keys.insert(key);
        }
        self.map.entry(key).or_default()
    }

    pub(crate) fn remove(&mut self, key: &K) {
        if self.map.remove(key).is_some() {
            self.keys.remove(key);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Entries with keys in `range`, in key order.
    pub(crate) fn range<R: std::ops::RangeBounds<K>>(
        &self,
        range: R,
    ) -> impl Iterator<Item = (&K, &V)> {
        self.keys
            .range(range)
            .filter_map(|k| self.map.get(k).map(|v| (k, v)))
    }

    /// All entries in key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.keys
            .iter()
            .filter_map(|k| self.map.get(k).map(|v| (k, v)))
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.map.values()
    }
}

impl<K: Ord + std::hash::Hash + Copy, V: PartialEq> PartialEq for OrderedMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.map == other.map
    }
}

impl<K: Ord + std::hash::Hash + Copy, V: Eq> Eq for OrderedMap<K, V> {}

impl<K: Ord + std::hash::Hash + Copy + serde::Serialize, V: serde::Serialize> serde::Serialize
    for OrderedMap<K, V>
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, K, V> serde::Deserialize<'de> for OrderedMap<K, V>
where
    K: Ord + std::hash::Hash + Copy + serde::Deserialize<'de>,
    V: serde::Deserialize<'de>,
{
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pairs: Vec<(K, V)> = Vec::deserialize(deserializer)?;
        let mut map = FastMap::with_capacity_and_hasher(pairs.len(), Default::default());
        let mut keys = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            if map.insert(k, v).is_none() {
                keys.push(k);
            }
        }
        // Built in one go, the key set's nodes are full; inserted one by
        // one in key order (as serialized), each leaf is left half empty.
        Ok(Self {
            map,
            keys: keys.into_iter().collect(),
        })
    }
}

/// A map keyed by shared string ids (command ids) that keeps each key's hash
/// beside it. A book's idempotency index holds one id per command ever run;
/// when the table grows, a plain string-keyed map hashes every id again,
/// reading each string from cold memory, which showed up as a tenth of
/// `execute` at a million commands. Here growing only moves stored hashes.
#[derive(Clone, Debug)]
pub(crate) struct IdMap<V> {
    map: HashMap<HashedId, V, BuildHasherDefault<StoredHash>>,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        Self {
            map: HashMap::default(),
        }
    }
}

impl<V> IdMap<V> {
    pub(crate) fn get(&self, id: &str) -> Option<&V> {
        let query = (hash_id(id), id);
        self.map.get(&query as &dyn IdKey)
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut V> {
        let query = (hash_id(id), id);
        self.map.get_mut(&query as &dyn IdKey)
    }

    pub(crate) fn insert(&mut self, id: crate::Code, value: V) {
        let hash = hash_id(&id);
        self.map.insert(HashedId { hash, id }, value);
    }
}

fn hash_id(id: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(id.as_bytes());
    hasher.finish()
}

/// A key and its precomputed hash.
#[derive(Clone, Debug)]
struct HashedId {
    hash: u64,
    id: crate::Code,
}

/// What the map hashes and compares: the stored hash and the text. Both an
/// owned [`HashedId`] and a borrowed `(hash, &str)` query provide it, so
/// lookups need no allocation.
trait IdKey {
    fn parts(&self) -> (u64, &[u8]);
}

impl IdKey for HashedId {
    fn parts(&self) -> (u64, &[u8]) {
        (self.hash, self.id.as_bytes())
    }
}

impl IdKey for (u64, &str) {
    fn parts(&self) -> (u64, &[u8]) {
        (self.0, self.1.as_bytes())
    }
}

impl<'a> std::borrow::Borrow<dyn IdKey + 'a> for HashedId {
    fn borrow(&self) -> &(dyn IdKey + 'a) {
        self
    }
}

impl std::hash::Hash for dyn IdKey + '_ {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.parts().0);
    }
}

impl PartialEq for dyn IdKey + '_ {
    fn eq(&self, other: &Self) -> bool {
        let ((a_hash, a), (b_hash, b)) = (self.parts(), other.parts());
        // Events of one command share their id's text: equal pointers
        // need no byte comparison.
        a_hash == b_hash && a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
    }
}

impl Eq for dyn IdKey + '_ {}

// Must agree with the `dyn IdKey` impls above (`Borrow`'s contract).
impl std::hash::Hash for HashedId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for HashedId {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.id == other.id
    }
}

impl Eq for HashedId {}

/// Hands the stored hash to the table unchanged.
#[derive(Clone, Copy, Default)]
struct StoredHash(u64);

impl Hasher for StoredHash {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; fold anything else in rather than drop it.
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(SEED);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map from short codes (SKU and location codes) to ids, each key kept
/// inline with its hash. Stock commands and replayed stock events look up
/// two codes each; with the codes on the heap, every hit also read a cold
/// string to confirm the match. Codes up to [`INLINE`] bytes (nearly all)
/// are compared inside the table; longer ones keep their string.
#[derive(Clone, Debug)]
pub(crate) struct CodeMap<V> {
    map: HashMap<InlineCode, V, BuildHasherDefault<StoredHash>>,
}

const INLINE: usize = 23;

impl<V> Default for CodeMap<V> {
    fn default() -> Self {
        Self {
            map: HashMap::default(),
        }
    }
}

impl<V> CodeMap<V> {
    pub(crate) fn get(&self, code: &str) -> Option<&V> {
        let query = (hash_id(code), code);
        self.map.get(&query as &dyn IdKey)
    }

    pub(crate) fn contains_key(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    pub(crate) fn insert(&mut self, code: &str, value: V) {
        let mut head = [0u8; INLINE];
        let long = if code.len() <= INLINE {
            head[..code.len()].copy_from_slice(code.as_bytes());
            None
        } else {
            Some(Box::from(code))
        };
        let key = InlineCode {
            hash: hash_id(code),
            len: code.len() as u8,
            head,
            long,
        };
        self.map.insert(key, value);
    }
}

/// A code with its hash: inline when short, else on the heap.
#[derive(Clone, Debug)]
struct InlineCode {
    hash: u64,
    len: u8,
    head: [u8; INLINE],
    long: Option<Box<str>>,
}

impl InlineCode {
    /// The code's bytes, compared as they are: a lookup confirms a match
    /// without checking UTF-8 again (the code was a `&str` when stored).
    fn bytes(&self) -> &[u8] {
        match &self.long {
            Some(long) => long.as_bytes(),
            None => self.head.get(..usize::from(self.len)).unwrap_or(&[]),
        }
    }
}

impl IdKey for InlineCode {
    fn parts(&self) -> (u64, &[u8]) {
        (self.hash, self.bytes())
    }
}

impl<'a> std::borrow::Borrow<dyn IdKey + 'a> for InlineCode {
    fn borrow(&self) -> &(dyn IdKey + 'a) {
        self
    }
}

// Must agree with the `dyn IdKey` impls (`Borrow`'s contract).
impl std::hash::Hash for InlineCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for InlineCode {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for InlineCode {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_map_deserializes_in_key_order_keeping_the_last_duplicate() {
        let map: OrderedMap<u32, i64> =
            serde_json::from_str("[[3,30],[1,10],[2,20],[1,11]]").unwrap();
        let entries: Vec<(u32, i64)> = map.iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(entries, [(1, 11), (2, 20), (3, 30)]);
        assert_eq!(map.range(2..).count(), 2);
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            "[[1,11],[2,20],[3,30]]"
        );
    }
}
