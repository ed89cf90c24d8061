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

/// The hash the indexes use for a code or a command id.
pub(crate) fn hash_id(id: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(id.as_bytes());
    hasher.finish()
}

/// What a code map hashes and compares: the stored hash and the text. Both
/// a stored code and a borrowed `(hash, &str)` query provide it, so lookups
/// need no allocation.
trait IdKey {
    fn parts(&self) -> (u64, &[u8]);
}

impl IdKey for (u64, &str) {
    fn parts(&self) -> (u64, &[u8]) {
        (self.0, self.1.as_bytes())
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
        a_hash == b_hash && a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
    }
}

impl Eq for dyn IdKey + '_ {}

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
