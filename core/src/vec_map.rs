//! A small ordered map kept as one sorted vector: for the maps a book holds
//! once per order line or per cost origin, which nearly always have one or
//! two entries. A `BTreeMap` allocates a whole node (room for eleven
//! entries) for its first one: some 800 bytes for a line's cost by SKU, the
//! largest single item of a year's open orders. A sorted vector holds
//! exactly what it has, and is searched as fast for a handful of keys.
//!
//! It reads and writes the same JSON as a `BTreeMap` (an object in key
//! order), and refuses an object that names a key twice.
//!
//! ```
//! use landed::vec_map::VecMap;
//! let mut costs: VecMap<String, i64> = VecMap::new();
//! *costs.entry("LAMP".to_string()).or_default() += 2;
//! *costs.entry("BULB".to_string()).or_default() += 1;
//! *costs.entry("LAMP".to_string()).or_default() += 3;
//! assert_eq!(costs.get("LAMP"), Some(&5));
//! // Kept in key order, as a BTreeMap would be, and serialized the same way.
//! assert_eq!(serde_json::to_string(&costs).unwrap(), r#"{"BULB":1,"LAMP":5}"#);
//! // A key given twice is refused, not silently overwritten.
//! assert!(serde_json::from_str::<VecMap<String, i64>>(r#"{"A":1,"A":2}"#).is_err());
//! ```

use std::borrow::Borrow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ordered map over a sorted vector (see the module documentation).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct VecMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for VecMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Makes room for one more entry. The first few entries get exactly the
/// room they need: a vector's first growth otherwise allocates room for
/// four, three of them unused in most of these maps. Beyond that, the usual
/// doubling.
fn grow_for_one<T>(entries: &mut Vec<T>) {
    if entries.len() == entries.capacity() && entries.len() < 4 {
        entries.reserve_exact(1);
    }
}

/// Pushes `item` onto one of the short lists a book keeps per document (an
/// order's shipments, a line's locations, a document's settlements), which
/// mostly hold one or two items: with the room of the first few exact.
pub(crate) fn push_small<T>(list: &mut Vec<T>, item: T) {
    grow_for_one(list);
    list.push(item);
}

/// One key's place in a [`VecMap`], from [`VecMap::entry`].
pub struct Entry<'a, K, V> {
    map: &'a mut Vec<(K, V)>,
    key: K,
    at: Result<usize, usize>,
}

impl<'a, K, V> Entry<'a, K, V> {
    /// The value under the key, inserting `value` first if there is none.
    pub fn or_insert(self, value: V) -> &'a mut V {
        let at = match self.at {
            Ok(at) => at,
            Err(at) => {
                grow_for_one(self.map);
                self.map.insert(at, (self.key, value));
                at
            }
        };
        // `at` is in range: it was found, or an entry was just put there.
        &mut self.map[at].1
    }

    /// The value under the key, inserting the default value first if there
    /// is none.
    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert(V::default())
    }
}

impl<K: Ord, V> VecMap<K, V> {
    /// An empty map (it allocates nothing until its first entry).
    pub fn new() -> Self {
        Self(Vec::new())
    }

    fn find<Q>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The value under `key`.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).ok().map(|at| &self.0[at].1)
    }

    /// The value under `key`, to change.
    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        match self.find(key) {
            Ok(at) => Some(&mut self.0[at].1),
            Err(_) => None,
        }
    }

    /// True when `key` has a value.
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).is_ok()
    }

    /// Puts `value` under `key`, returning the value it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, value)),
            Err(at) => {
                grow_for_one(&mut self.0);
                self.0.insert(at, (key, value));
                None
            }
        }
    }

    /// Takes the value under `key` out of the map.
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).ok().map(|at| self.0.remove(at).1)
    }

    /// The place of `key`, to read or fill.
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        let at = self.find(&key);
        Entry {
            map: &mut self.0,
            key,
            at,
        }
    }
}

impl<K, V> VecMap<K, V> {
    /// The number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the map has no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator + Clone {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The entries in key order, values to change.
    pub fn iter_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = (&K, &mut V)> + ExactSizeIterator {
        self.0.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator + Clone {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.0.iter().map(|(_, v)| v)
    }

    /// The values in key order, to change.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.0.iter_mut().map(|(_, v)| v)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    /// Collects as a `BTreeMap` would: a later value for a key replaces an
    /// earlier one.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = Self::new();
        map.extend(iter);
        map
    }
}

impl<K: Ord, V> Extend<(K, V)> for VecMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Serialize, V: Serialize> Serialize for VecMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K, V> Deserialize<'de> for VecMap<K, V>
where
    K: Deserialize<'de> + Ord + fmt::Debug,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);
        impl<'de, K, V> Visitor<'de> for Entries<K, V>
        where
            K: Deserialize<'de> + Ord + fmt::Debug,
            V: Deserialize<'de>,
        {
            type Value = VecMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = VecMap::new();
                while let Some((k, v)) = access.next_entry::<K, V>()? {
                    match map.find(&k) {
                        Ok(_) => {
                            return Err(serde::de::Error::custom(format_args!(
                                "key {k:?} given twice"
                            )));
                        }
                        Err(at) => {
                            grow_for_one(&mut map.0);
                            map.0.insert(at, (k, v))
                        }
                    }
                }
                Ok(map)
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(feature = "schema")]
impl<K: schemars::JsonSchema, V: schemars::JsonSchema> schemars::JsonSchema for VecMap<K, V> {
    // The same schema as the `BTreeMap` it stands for: an object.
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<K, V> as schemars::JsonSchema>::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<K, V> as schemars::JsonSchema>::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<K, V> as schemars::JsonSchema>::json_schema(generator)
    }
    fn inline_schema() -> bool {
        <std::collections::BTreeMap<K, V> as schemars::JsonSchema>::inline_schema()
    }
}

#[cfg(test)]
mod tests {
    use super::VecMap;
    use std::collections::BTreeMap;

    #[test]
    fn a_vec_map_agrees_with_a_btree_map() {
        // Keys in a scrambled order, some repeated, some removed.
        let mut ours: VecMap<u32, u32> = VecMap::new();
        let mut theirs: BTreeMap<u32, u32> = BTreeMap::new();
        for i in 0..200u32 {
            let key = (i * 37) % 23;
            assert_eq!(ours.insert(key, i), theirs.insert(key, i));
            *ours.entry(key + 100).or_default() += i;
            *theirs.entry(key + 100).or_default() += i;
            if i % 7 == 0 {
                assert_eq!(ours.remove(&(key + 1)), theirs.remove(&(key + 1)));
            }
        }
        assert_eq!(ours.len(), theirs.len());
        assert!(ours.iter().eq(theirs.iter()));
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&theirs).unwrap()
        );
        let back: VecMap<u32, u32> =
            serde_json::from_str(&serde_json::to_string(&theirs).unwrap()).unwrap();
        assert_eq!(back, ours);
    }

    #[test]
    fn a_vec_map_of_one_entry_holds_room_for_one() {
        let mut map: VecMap<String, i64> = VecMap::new();
        *map.entry("LAMP".into()).or_default() += 1;
        assert_eq!(map.0.capacity(), 1);
        map.insert("BULB".into(), 2);
        assert_eq!(map.0.capacity(), 2);
        for i in 0..20 {
            map.insert(format!("K{i:02}"), i);
        }
        assert_eq!(map.len(), 22);
        assert!(map.0.capacity() < 64, "doubling past four entries");
    }

    #[test]
    fn a_vec_map_reads_keys_in_any_order_and_refuses_one_given_twice() {
        let map: VecMap<String, i32> = serde_json::from_str(r#"{"b":2,"a":1}"#).unwrap();
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
        let err = serde_json::from_str::<VecMap<String, i32>>(r#"{"a":1,"b":2,"a":3}"#);
        assert!(err.unwrap_err().to_string().contains("given twice"));
    }
}
