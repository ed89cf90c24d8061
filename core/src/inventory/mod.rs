//! Stock and its cost: positions by SKU, location and lot with their
//! buckets, valuation pools (moving average or FIFO layers, negative stock and
//! its true-up, damage write-down allowances), lots and stocktakes, and the
//! per-SKU storage that holds positions and pools.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::inventory::Bucket;
//! let book = lamp_book()?;
//! let de = book.position("LAMP", "DE", None)?;
//! // On hand counts the damaged lamp; only available units are sellable.
//! assert_eq!((de.quantities.available, de.quantities.damaged, de.on_hand), (29, 1, 30));
//! assert!(Bucket::Damaged.is_on_hand() && !Bucket::InTransit.is_on_hand());
//! # Ok(()) }
//! ```

mod keys;
mod sku_map;
mod stock;
mod stocktake;
mod valuation;

pub(crate) use keys::{LocId, LotId, LotInfo, NO_LOT, PoolKey, PosKey, ScopeId, SkuId};
pub(crate) use sku_map::{SkuKey, SkuMap};
pub use stock::{Bucket, NegativeStockPolicy, Position, UNSPECIFIED_DAMAGE};
pub(crate) use stocktake::{Stocktake, StocktakeStatus, stocktake_error};
pub(crate) use valuation::{Allowance, pro_rata};
pub use valuation::{
    CostIn, CostOut, Layer, LayerIter, LayerTake, Layers, Pool, Remnant, Remnants, Rounding,
    ScopeMode, Trace, TracedPart, TrueUp, ValuationMethod, is_untraced,
};
