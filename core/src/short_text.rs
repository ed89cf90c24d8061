//! Text that keeps up to 22 bytes inline: for the identifiers a book holds
//! once per order, line and open document (channel, order and line ids,
//! listings, SKUs, locations, shipment and settlement numbers). Nearly all
//! of them are short. A `String` allocates each one on the heap: a 32-byte
//! block plus the allocator's header for a two-character line id, and one
//! more allocation and free each time it is copied into an event or the
//! state. A `ShortText` is the same 24 bytes as a `String`; text that does
//! not fit lives in a box, as it would in a `String`.
//!
//! It compares, orders and hashes exactly as the `str` it holds (so a map
//! keyed by it is found with a `&str`), and reads and writes plain JSON
//! strings.
//!
//! ```
//! use landed::short_text::ShortText;
//! let line = ShortText::from("302-0002871-1");
//! assert!(line.is_inline());
//! assert_eq!(line, "302-0002871-1");
//! assert_eq!(serde_json::to_string(&line).unwrap(), r#""302-0002871-1""#);
//! // Longer text still works; it is kept on the heap.
//! let long = ShortText::from("a listing name longer than twenty-two bytes");
//! assert!(!long.is_inline());
//! assert_eq!(long.len(), 43);
//! assert_eq!(std::mem::size_of::<ShortText>(), std::mem::size_of::<String>());
//! ```

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::de::Visitor;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes kept inline: with the length byte and the enum's tag, the whole
/// value is as large as a `String`.
const INLINE: usize = 22;

/// Text of any length, inline up to 22 bytes (see the module documentation).
#[derive(Clone)]
pub struct ShortText(Repr);

#[derive(Clone)]
enum Repr {
    /// The first `len` bytes hold the text (valid UTF-8: only ever copied
    /// from a `str`).
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

impl ShortText {
    /// The empty text.
    pub const fn new() -> Self {
        Self(Repr::Inline {
            len: 0,
            bytes: [0; INLINE],
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always valid: the bytes were copied from a `str`, whole. The
            // fallback is never taken; it keeps the type free of `unsafe`.
            Repr::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Repr::Heap(text) => text,
        }
    }

    /// The text's bytes, without the UTF-8 check `as_str` makes: what
    /// comparing and hashing read (a text is inline exactly when it has 22
    /// bytes or fewer, so equal texts have equal bytes whichever way they
    /// were made).
    fn bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or_default(),
            Repr::Heap(text) => text.as_bytes(),
        }
    }

    /// True when the text is kept inline (22 bytes or fewer).
    pub fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
    }
}

impl Default for ShortText {
    fn default() -> Self {
        Self::new()
    }
}

impl From<&str> for ShortText {
    fn from(text: &str) -> Self {
        if text.len() <= INLINE {
            let mut bytes = [0; INLINE];
            if let Some(head) = bytes.get_mut(..text.len()) {
                head.copy_from_slice(text.as_bytes());
                // `text.len()` is at most 22 here.
                let len = text.len() as u8;
                return Self(Repr::Inline { len, bytes });
            }
        }
        Self(Repr::Heap(text.into()))
    }
}

impl From<String> for ShortText {
    fn from(text: String) -> Self {
        if text.len() <= INLINE {
            Self::from(text.as_str())
        } else {
            Self(Repr::Heap(text.into_boxed_str()))
        }
    }
}

impl From<&String> for ShortText {
    fn from(text: &String) -> Self {
        Self::from(text.as_str())
    }
}

impl From<&ShortText> for ShortText {
    fn from(text: &ShortText) -> Self {
        text.clone()
    }
}

impl From<std::sync::Arc<str>> for ShortText {
    fn from(text: std::sync::Arc<str>) -> Self {
        Self::from(&*text)
    }
}

impl From<&std::sync::Arc<str>> for ShortText {
    fn from(text: &std::sync::Arc<str>) -> Self {
        Self::from(&**text)
    }
}

impl From<ShortText> for String {
    fn from(text: ShortText) -> Self {
        match text.0 {
            Repr::Heap(text) => text.into_string(),
            Repr::Inline { .. } => text.as_str().to_owned(),
        }
    }
}

impl From<&ShortText> for String {
    fn from(text: &ShortText) -> Self {
        text.as_str().to_owned()
    }
}

impl From<&ShortText> for std::sync::Arc<str> {
    fn from(text: &ShortText) -> Self {
        Self::from(text.as_str())
    }
}

impl Deref for ShortText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ShortText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for ShortText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for ShortText {
    fn eq(&self, other: &Self) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for ShortText {}

impl PartialEq<str> for ShortText {
    fn eq(&self, other: &str) -> bool {
        self.bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for ShortText {
    fn eq(&self, other: &&str) -> bool {
        self.bytes() == other.as_bytes()
    }
}

impl PartialEq<String> for ShortText {
    fn eq(&self, other: &String) -> bool {
        self.bytes() == other.as_bytes()
    }
}

impl PartialEq<ShortText> for str {
    fn eq(&self, other: &ShortText) -> bool {
        self.as_bytes() == other.bytes()
    }
}

impl PartialEq<ShortText> for &str {
    fn eq(&self, other: &ShortText) -> bool {
        self.as_bytes() == other.bytes()
    }
}

impl PartialEq<ShortText> for String {
    fn eq(&self, other: &ShortText) -> bool {
        self.as_bytes() == other.bytes()
    }
}

impl PartialOrd for ShortText {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ShortText {
    fn cmp(&self, other: &Self) -> Ordering {
        // UTF-8 orders as its bytes do.
        self.bytes().cmp(other.bytes())
    }
}

impl Hash for ShortText {
    // As the `str` it holds, so that `Borrow<str>` lookups find it.
    fn hash<H: Hasher>(&self, state: &mut H) {
        // What `str::hash` writes.
        state.write(self.bytes());
        state.write_u8(0xff);
    }
}

impl fmt::Debug for ShortText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ShortText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ShortText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = ShortText;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ShortText, E> {
        Ok(ShortText::from(text))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<ShortText, E> {
        Ok(ShortText::from(text))
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<ShortText, E> {
        std::str::from_utf8(bytes)
            .map(ShortText::from)
            .map_err(|_| E::custom("text is not UTF-8"))
    }
}

impl<'de> Deserialize<'de> for ShortText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ShortText {
    // Exactly a `String`'s schema, inlined: the published schemas do not
    // change.
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        String::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashSet};

    #[test]
    fn inline_up_to_twenty_two_bytes() {
        let at_limit = "x".repeat(22);
        let over = "x".repeat(23);
        assert!(ShortText::from(at_limit.as_str()).is_inline());
        assert!(!ShortText::from(over.as_str()).is_inline());
        assert_eq!(ShortText::from(over.clone()).as_str(), over);
        assert_eq!(ShortText::from(at_limit.clone()), at_limit);
        assert_eq!(ShortText::new(), "");
        // Multi-byte characters are kept whole whichever side they fall.
        let accents = "é".repeat(11);
        assert_eq!(ShortText::from(accents.as_str()).as_str(), accents);
        let more = "é".repeat(12);
        assert_eq!(ShortText::from(more.as_str()).as_str(), more);
        assert_eq!(String::from(ShortText::from(more.as_str())), more);
    }

    #[test]
    fn hashes_and_orders_as_str() {
        let texts = ["b", "a", "a-longer-text-than-twenty-two-bytes", ""];
        let mut sorted: Vec<ShortText> = texts.iter().map(|t| ShortText::from(*t)).collect();
        sorted.sort();
        let mut expected = texts.to_vec();
        expected.sort();
        assert_eq!(sorted, expected);
        let set: HashSet<ShortText> = sorted.iter().cloned().collect();
        assert!(set.contains("a-longer-text-than-twenty-two-bytes"));
        assert!(set.contains("b") && !set.contains("c"));
        let tree: BTreeSet<ShortText> = sorted.into_iter().collect();
        assert!(tree.contains(""));
    }

    #[test]
    fn hashes_exactly_as_the_str() {
        use std::hash::BuildHasher;
        let state = std::collections::hash_map::RandomState::new();
        for text in ["", "SKU-0093", "a-longer-text-than-twenty-two-bytes", "é"] {
            assert_eq!(state.hash_one(ShortText::from(text)), state.hash_one(text));
        }
    }

    proptest::proptest! {
        /// Texts from a small alphabet with NUL (the byte that fills an
        /// inline text's unused room), most of them prefixes of each other,
        /// on both sides of the 22-byte limit: equality and order as the
        /// `str`s' (a shorter text first when it is the other's prefix).
        #[test]
        fn compares_as_the_str_across_prefixes_and_nul(
            a in "[a\\x00\u{e9}]{0,24}",
            b in "[a\\x00\u{e9}]{0,24}",
        ) {
            let (x, y) = (ShortText::from(a.as_str()), ShortText::from(b.as_str()));
            proptest::prop_assert_eq!(x == y, a == b);
            proptest::prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            proptest::prop_assert_eq!(y.cmp(&x), b.cmp(&a));
        }

        /// Any text, inline or not, reads back whole and compares, orders
        /// and hashes exactly as the `str` it was made from.
        #[test]
        fn behaves_as_the_str_it_holds(a in "\\PC{0,30}", b in "\\PC{0,30}") {
            use std::hash::BuildHasher;
            let (x, y) = (ShortText::from(a.as_str()), ShortText::from(b.clone()));
            proptest::prop_assert_eq!(x.as_str(), a.as_str());
            proptest::prop_assert_eq!(x.is_inline(), a.len() <= 22);
            proptest::prop_assert_eq!(x == y, a == b);
            proptest::prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            let state = std::collections::hash_map::RandomState::new();
            proptest::prop_assert_eq!(state.hash_one(&x), state.hash_one(a.as_str()));
            let json = serde_json::to_string(&x).unwrap();
            proptest::prop_assert_eq!(&json, &serde_json::to_string(&a).unwrap());
            proptest::prop_assert_eq!(serde_json::from_str::<ShortText>(&json).unwrap(), x);
        }
    }

    #[test]
    fn json_is_a_plain_string() {
        let t: ShortText = serde_json::from_str(r#""SKU-0093""#).unwrap();
        assert_eq!(t, "SKU-0093");
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""SKU-0093""#);
        assert!(serde_json::from_str::<ShortText>("12").is_err());
        let escaped: ShortText = serde_json::from_str(r#""a\"b""#).unwrap();
        assert_eq!(escaped, "a\"b");
    }
}
