//! A small, fast hasher for the book's in-memory indexes.
//!
//! The indexes (code → id, command id → record) are looked up several times
//! per command; SipHash, std's default, showed up as a tenth of the time in
//! profiles. This is the multiply-rotate hash rustc uses (FxHash). It is not
//! resistant to deliberately colliding keys, which is acceptable for keys a
//! host chooses for its own book; nothing hashed here is ever serialized.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // The indexes are internal; what they serve is looking codes up by name,
//! // which a book does for every command.
//! let book = lamp_book()?;
//! assert_eq!(book.position("LAMP", "SZ", None)?.on_hand, 110);
//! assert_eq!(book.location("XX").unwrap_err().code(), "UNKNOWN_LOCATION");
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::Code;

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
            self.add(tail_word(rest));
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

/// The last 1-7 bytes of a text as a little-endian word, zero-padded.
///
/// Built byte by byte rather than by copying into a padded array: a copy
/// of a length known only at run time is a call to `memcpy`, and the
/// codes and ids hashed on every command are short enough for that call
/// to be a noticeable share of hashing them.
#[inline]
pub(crate) fn tail_word(rest: &[u8]) -> u64 {
    rest.iter()
        .rev()
        .fold(0u64, |word, byte| (word << 8) | u64::from(*byte))
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The hash the indexes use for a code or a command id.
pub(crate) fn hash_id(id: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(id.as_bytes());
    hasher.finish()
}

/// Hands the stored hash to the table unchanged.
#[derive(Clone, Copy, Default)]
pub(crate) struct StoredHash(u64);

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

/// A map from codes (SKU and location codes) to ids. Stock commands and
/// replayed stock events look up two codes each. A slot holds the code's
/// 64-bit hash and the book's own shared copy of the code (the same `Arc`
/// its events are given), so the text a hit is confirmed against lies in
/// the very allocation the planner then clones into the event: one cache
/// line for both, where a separate copy of the text cost a second miss per
/// command at ten thousand SKUs. Codes whose hash another code already has
/// are kept aside in a plain map.
#[derive(Clone, Debug)]
pub(crate) struct CodeMap<V> {
    slots: HashMap<u64, Slot<V>, BuildHasherDefault<StoredHash>>,
    collided: FastMap<Box<str>, V>,
}

#[derive(Clone, Debug)]
struct Slot<V> {
    code: Code,
    value: V,
}

impl<V> Default for CodeMap<V> {
    fn default() -> Self {
        Self {
            slots: HashMap::default(),
            collided: FastMap::default(),
        }
    }
}

impl<V: Copy> CodeMap<V> {
    #[inline]
    pub(crate) fn get(&self, code: &str) -> Option<&V> {
        self.get_hashed(code, hash_id(code))
    }

    fn get_hashed(&self, code: &str, hash: u64) -> Option<&V> {
        let slot = self.slots.get(&hash)?;
        if *slot.code == *code {
            return Some(&slot.value);
        }
        if self.collided.is_empty() {
            return None;
        }
        self.collided.get(code)
    }

    pub(crate) fn contains_key(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// Adds `code` (keeping a clone of the shared text), or gives it a new
    /// value.
    pub(crate) fn insert(&mut self, code: &Code, value: V) {
        self.insert_hashed(code, hash_id(code), value);
    }

    fn insert_hashed(&mut self, code: &Code, hash: u64, value: V) {
        match self.slots.get_mut(&hash) {
            Some(slot) if slot.code == *code => slot.value = value,
            Some(_) => {
                self.collided.insert(Box::from(&**code), value);
            }
            None => {
                self.slots.insert(
                    hash,
                    Slot {
                        code: code.clone(),
                        value,
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_words_match_zero_padded_little_endian_words() {
        let text = b"SKU-00042";
        for len in 0..8 {
            let mut padded = [0u8; 8];
            padded[..len].copy_from_slice(&text[..len]);
            assert_eq!(tail_word(&text[..len]), u64::from_le_bytes(padded));
        }
    }

    #[test]
    fn codes_map_to_their_values_and_others_to_none() {
        let mut map = CodeMap::default();
        for i in 0..1_000u32 {
            map.insert(&Code::from(format!("SKU-{i:05}")), i);
        }
        assert_eq!(map.get("SKU-00042"), Some(&42));
        assert_eq!(map.get("SKU-01000"), None);
        assert_eq!(map.get(""), None);
        map.insert(&Code::from("SKU-00042"), 7);
        assert_eq!(map.get("SKU-00042"), Some(&7));
    }

    #[test]
    fn codes_with_one_hash_are_told_apart_by_their_text() {
        let mut map = CodeMap::default();
        let code = |text: &str| Code::from(text);
        map.insert_hashed(&code("A"), 5, 1u32);
        map.insert_hashed(&code("B"), 5, 2);
        map.insert_hashed(&code("C"), 5, 3);
        assert_eq!(map.get_hashed("A", 5), Some(&1));
        assert_eq!(map.get_hashed("B", 5), Some(&2));
        assert_eq!(map.get_hashed("C", 5), Some(&3));
        assert_eq!(map.get_hashed("D", 5), None);
        map.insert_hashed(&code("B"), 5, 9);
        assert_eq!(map.get_hashed("B", 5), Some(&9));
    }
}
