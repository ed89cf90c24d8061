//! Planning of stocktakes: opening one freezes its location, counts are
//! recorded per SKU and lot, and posting adjusts each counted line to its
//! count (gains at the current unit cost).
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Count Germany: 28 available + 1 damaged found where the book says 30.
//! let mut book = lamp_book()?;
//! for (id, json) in [
//!     ("ST-1", r#"{"type":"open_stocktake","stocktake":"ST-1","location":"DE"}"#),
//!     ("ST-1/LAMP", r#"{"type":"record_count","stocktake":"ST-1","sku":"LAMP","counted":29}"#),
//!     ("ST-1/post", r#"{"type":"post_stocktake","stocktake":"ST-1"}"#),
//! ] {
//!     book.execute(landed::Command::from_json(json)?, &ctx("2026-11-30", id)?)?;
//! }
//! let de = book.position("LAMP", "DE", None)?;
//! assert_eq!((de.quantities.available, de.on_hand), (28, 29));
//! # Ok(()) }
//! ```

use rust_decimal::Decimal;

use crate::book::event::{CountLine, Event};
use crate::book::plan::{Pick, Planner, StockInPlan, lot_rule};
use crate::error::{LandedError, Result, duplicate};
use crate::inventory::{Bucket, PosKey, Stocktake, StocktakeStatus, stocktake_error};
use crate::limits::MAX_QUANTITY;

impl<'a> Planner<'a> {
    fn open_stocktake(&self, id: &str) -> Result<&'a Stocktake> {
        let book = self.book;
        let take = book
            .state
            .stocktakes
            .get(id)
            .ok_or_else(|| stocktake_error(id, "does not exist"))?;
        if take.status != StocktakeStatus::Open {
            return Err(stocktake_error(
                id,
                &format!("is {:?}, not open", take.status).to_lowercase(),
            ));
        }
        Ok(take)
    }

    pub(crate) fn plan_open_stocktake(&mut self, id: &str, location: &str) -> Result<()> {
        crate::limits::check_code("stocktake id", id)?;
        if self.book.state.stocktakes.contains_key(id) {
            return Err(duplicate("stocktake", id));
        }
        let loc = self.book.loc_id(location)?;
        if let Some(open) = &self.book.state.locations[loc as usize].frozen_by {
            return Err(LandedError::LocationFrozen {
                location: location.to_owned(),
                stocktake: open.clone(),
            });
        }
        let mut expected = Vec::new();
        for (key, position) in self.book.state.positions.iter() {
            if key.location == loc && position.on_hand() != 0 {
                expected.push(CountLine {
                    sku: self.book.sku_code(key.sku).to_owned(),
                    lot: self.lot_number(key.lot),
                    quantity: position.on_hand(),
                });
            }
        }
        self.events.push(Event::StocktakeOpened {
            stocktake: id.to_owned(),
            location: location.to_owned(),
            expected,
        });
        Ok(())
    }

    pub(crate) fn plan_record_count(
        &mut self,
        stocktake: &str,
        sku: &str,
        lot: &Option<String>,
        counted: &i64,
    ) -> Result<()> {
        self.open_stocktake(stocktake)?;
        let sku_id = self.book.sku_id(sku)?;
        let tracked = self.book.state.skus[sku_id as usize].spec.lot_tracked;
        match (tracked, lot) {
            (true, None) => {
                return Err(lot_rule(sku, "is lot-tracked: a count names its lot"));
            }
            (false, Some(_)) => return Err(lot_rule(sku, "is not lot-tracked")),
            (true, Some(number)) => {
                self.book.lot_id(sku_id, number)?;
            }
            (false, None) => {}
        }
        if *counted < 0 || *counted > MAX_QUANTITY {
            return Err(LandedError::InvalidQuantity {
                quantity: *counted,
                reason: "a count is between 0 and the maximum quantity".into(),
            });
        }
        self.events.push(Event::CountRecorded {
            stocktake: stocktake.to_owned(),
            line: CountLine {
                sku: sku.to_owned(),
                lot: lot.clone(),
                quantity: *counted,
            },
        });
        Ok(())
    }

    pub(crate) fn plan_cancel_stocktake(&mut self, stocktake: &str) -> Result<()> {
        self.open_stocktake(stocktake)?;
        self.events.push(Event::StocktakeCancelled {
            stocktake: stocktake.to_owned(),
        });
        Ok(())
    }

    pub(crate) fn plan_post_stocktake(&mut self, id: &str) -> Result<()> {
        let take = self.open_stocktake(id)?;
        let loc = take.location;
        let reason = format!("stocktake {id}");
        for ((sku, lot), counted) in &take.counted {
            let expected = take.expected.get(&(*sku, *lot)).copied().unwrap_or(0);
            let variance = counted - expected;
            let lot_number = self.lot_number(*lot);
            if variance > 0 {
                let unit_cost = self.current_unit_cost(*sku, loc);
                let rounding = self.book.rounding();
                let value = unit_cost
                    .checked_mul(Decimal::from(variance))
                    .map(|v| rounding.strategy.round(v, rounding.places))
                    .ok_or_else(|| LandedError::overflow("stocktake gain"))?;
                let expiry = lot_number
                    .as_ref()
                    .and_then(|_| self.book.lot_info(*lot))
                    .and_then(|l| l.expiry);
                self.push_in(StockInPlan {
                    sku: *sku,
                    loc,
                    lot: lot_number,
                    expiry,
                    bucket: Bucket::Available,
                    quantity: variance,
                    unit_cost,
                    value,
                    damage_reason: None,
                    reference: Some(reason.clone()),
                    adjustment: true,
                    trace: Default::default(),
                    layer_at: None,
                })?;
            } else if variance < 0 {
                let available = self.quantity(
                    PosKey {
                        sku: *sku,
                        location: loc,
                        lot: *lot,
                    },
                    Bucket::Available,
                );
                if available < -variance {
                    return Err(LandedError::InsufficientStock {
                        sku: self.book.sku_code(*sku).to_owned(),
                        location: self.book.loc_code(loc).to_owned(),
                        lot: lot_number,
                        bucket: Bucket::Available.name().to_owned(),
                        requested: -variance,
                        available,
                    });
                }
                let pick = Pick {
                    lot: *lot,
                    quantity: -variance,
                };
                self.push_out(
                    *sku,
                    loc,
                    pick,
                    Bucket::Available,
                    None,
                    None,
                    Some(crate::Code::from(reason.as_str())),
                    None,
                    true,
                )?;
            }
        }
        self.events.push(Event::StocktakePosted {
            stocktake: id.to_owned(),
        });
        Ok(())
    }
}
