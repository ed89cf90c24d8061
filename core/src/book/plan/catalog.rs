//! Planning of catalog set-up: SKUs (defined, updated, deactivated once
//! they hold no stock), bundles and locations (with their valuation scope).
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // A SKU with stock cannot be deactivated.
//! let mut book = lamp_book()?;
//! let deactivate = landed::Command::from_json(r#"{"type":"deactivate_sku","sku":"LAMP"}"#)?;
//! let err = book.execute(deactivate, &ctx("2026-11-21", "LAMP/off")?).unwrap_err();
//! assert_eq!(err.code(), "SKU_HAS_STOCK");
//! # Ok(()) }
//! ```

use crate::book::event::Event;
use crate::book::plan::Planner;
use crate::catalog::{BundleSpec, LocationSpec, SkuSpec, SkuUpdate, check_sku};
use crate::error::{LandedError, Result, duplicate, invalid};
use crate::inventory::{LocId, LotId, PosKey, ScopeMode};
use crate::limits::check_quantity;

impl Planner<'_> {
    pub(crate) fn plan_define_sku(&mut self, spec: &SkuSpec) -> Result<()> {
        crate::limits::check_code("SKU code", &spec.code)?;
        crate::limits::check_free_text("SKU name", &spec.name)?;
        if let Some(category) = &spec.category {
            crate::limits::check_code("category", category)?;
        }
        if self.book.index.skus.contains_key(&spec.code) {
            return Err(duplicate("SKU", &spec.code));
        }
        check_sku(spec)?;
        self.events.push(Event::SkuDefined(spec.clone()));
        Ok(())
    }

    pub(crate) fn plan_update_sku(&mut self, update: &SkuUpdate) -> Result<()> {
        let id = self.book.sku_id(&update.code)?;
        let mut spec = self.book.state.skus[id as usize].spec.clone();
        spec.apply(update);
        check_sku(&spec)?;
        self.events.push(Event::SkuUpdated(update.clone()));
        Ok(())
    }

    pub(crate) fn plan_deactivate_sku(&mut self, sku: &str) -> Result<()> {
        let id = self.book.sku_id(sku)?;
        let held: i64 = self
            .book
            .state
            .positions
            .range(
                PosKey {
                    sku: id,
                    location: 0,
                    lot: 0,
                }..=PosKey {
                    sku: id,
                    location: LocId::MAX,
                    lot: LotId::MAX,
                },
            )
            .try_fold(0i64, |sum, (_, p)| sum.checked_add(p.total()))
            .ok_or_else(|| LandedError::QuantityOverflow {
                operation: format!("the units of {sku} in the book"),
            })?;
        if held != 0 {
            return Err(LandedError::SkuHasStock {
                sku: sku.to_owned(),
                quantity: held,
            });
        }
        self.events.push(Event::SkuDeactivated {
            sku: sku.to_owned(),
        });
        Ok(())
    }

    pub(crate) fn plan_define_bundle(&mut self, bundle: &BundleSpec) -> Result<()> {
        crate::limits::check_code("bundle code", &bundle.code)?;
        if self.book.index.bundles.contains_key(&bundle.code) {
            return Err(duplicate("bundle", &bundle.code));
        }
        if bundle.components.is_empty() {
            return Err(invalid(format!("bundle {} has no components", bundle.code)));
        }
        let mut seen = Vec::new();
        for c in &bundle.components {
            let id = self.book.sku_id(&c.sku)?;
            // A bundle of a discontinued item could never be shipped.
            if !self.book.sku_flags(id).active {
                return Err(LandedError::SkuInactive { sku: c.sku.clone() });
            }
            check_quantity(c.quantity)?;
            if seen.contains(&&c.sku) {
                return Err(invalid(format!(
                    "bundle {} lists {} twice",
                    bundle.code, c.sku
                )));
            }
            seen.push(&c.sku);
        }
        self.events.push(Event::BundleDefined(bundle.clone()));
        Ok(())
    }

    pub(crate) fn plan_define_location(&mut self, spec: &LocationSpec) -> Result<()> {
        crate::limits::check_code("location code", &spec.code)?;
        crate::limits::check_free_text("location name", &spec.name)?;
        if self.book.index.locations.contains_key(&spec.code) {
            return Err(duplicate("location", &spec.code));
        }
        let scope = match self.book.state.config.valuation_scope {
            ScopeMode::Company => "company".to_owned(),
            ScopeMode::Warehouse => spec
                .valuation_scope
                .clone()
                .unwrap_or_else(|| spec.code.clone()),
        };
        self.events.push(Event::LocationDefined {
            location: spec.clone(),
            scope,
        });
        Ok(())
    }
}
