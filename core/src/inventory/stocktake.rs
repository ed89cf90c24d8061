//! Stocktakes: what a count expected and found per SKU and lot at one
//! location, and where the count is in its life.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // An open stocktake freezes its location.
//! let mut book = lamp_book()?;
//! let open = landed::Command::from_json(r#"{"type":"open_stocktake","stocktake":"ST-1","location":"DE"}"#)?;
//! book.execute(open, &ctx("2026-11-30", "ST-1")?)?;
//! let sale = landed::Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"DE","quantity":1,"reason":"sale"}"#)?;
//! assert_eq!(book.execute(sale, &ctx("2026-11-30", "o-1")?).unwrap_err().code(), "LOCATION_FROZEN");
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{LocId, LotId, SkuId};
use crate::error::LandedError;
use crate::seq_map;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub(crate) enum StocktakeStatus {
    Open,
    Posted,
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Stocktake {
    pub location: LocId,
    pub status: StocktakeStatus,
    #[serde(with = "seq_map")]
    pub expected: BTreeMap<(SkuId, LotId), i64>,
    #[serde(with = "seq_map")]
    pub counted: BTreeMap<(SkuId, LotId), i64>,
}

pub(crate) fn stocktake_error(id: &str, reason: &str) -> LandedError {
    LandedError::StocktakeState {
        stocktake: id.to_owned(),
        reason: reason.to_owned(),
    }
}
