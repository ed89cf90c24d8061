//! Ids of SKUs, locations, lots and valuation scopes inside a book, the keys
//! of positions and pools built from them, and what the book knows of a lot.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Ids are internal; positions are reached by SKU, location and lot codes.
//! let book = lamp_book()?;
//! let by_code = book.position("LAMP", "DE", None)?;
//! assert_eq!((by_code.sku.as_str(), by_code.location.as_str()), ("LAMP", "DE"));
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::SkuKey;

pub(crate) type SkuId = u32;

pub(crate) type LocId = u32;

pub(crate) type LotId = u32;

pub(crate) type ScopeId = u32;

/// Lot id 0 means "no lot".
pub(crate) const NO_LOT: LotId = 0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PosKey {
    pub sku: SkuId,
    pub location: LocId,
    pub lot: LotId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PoolKey {
    pub sku: SkuId,
    pub scope: ScopeId,
}

impl SkuKey for PosKey {
    fn sku(&self) -> u32 {
        self.sku
    }
}

impl SkuKey for PoolKey {
    fn sku(&self) -> u32 {
        self.sku
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LotInfo {
    pub sku: SkuId,
    pub number: String,
    pub expiry: Option<NaiveDate>,
    /// Sequence of the first receipt: FEFO's FIFO tie-breaker.
    pub first_seq: u64,
}
