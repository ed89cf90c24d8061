//! Serializes a map with non-string keys as a list of `[key, value]` pairs,
//! in key order, so snapshots are deterministic JSON. Shared by the ledger,
//! the goods-flow documents and stocktakes.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Maps with non-string keys (receipt lines by receipt and line) serialize
//! // as [key, value] pairs in key order.
//! let book = lamp_book()?;
//! let snapshot = serde_json::to_value(book.snapshot()).unwrap();
//! assert_eq!(snapshot["trade"]["receipts"][0][0], serde_json::json!(["GRN-1", 1]));
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn serialize<K: Serialize, V: Serialize, S: Serializer>(
    map: &BTreeMap<K, V>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(map.iter())
}

pub fn deserialize<'de, K, V, D>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
    D: Deserializer<'de>,
{
    let pairs: Vec<(K, V)> = Vec::deserialize(deserializer)?;
    Ok(pairs.into_iter().collect())
}
