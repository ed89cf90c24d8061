//! Lookups on a book's state: ids by code and codes by id, the indexes
//! rebuilt on restore, and the parts of the state the planner and the
//! reports read.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = lamp_book()?;
//! assert_eq!(book.sku("LAMP")?.spec.name, "Desk lamp");
//! assert_eq!(book.location("DE")?.name, "Leipzig 3PL");
//! assert!(book.bundle("LAMP-2PACK").is_none());
//! assert_eq!(book.sku("BULB").unwrap_err().code(), "UNKNOWN_SKU");
//! # Ok(()) }
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::Code;
use crate::book::replay::command_index_of;
use crate::book::{Book, Indexes, SkuFlags};
use crate::catalog::{BundleSpec, LocationSpec, Sku};
use crate::error::{LandedError, Result};
use crate::fx::RateBook;
use crate::inventory::{
    Allowance, LocId, LotId, LotInfo, Pool, PoolKey, PosKey, Position, Rounding, ScopeId, SkuId,
    SkuMap,
};
use crate::ledger::Ledger;
use crate::money::Money;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LocationState {
    pub spec: LocationSpec,
    pub scope: ScopeId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frozen_by: Option<String>,
}

impl Book {
    pub(crate) fn rebuild_indexes(&mut self) {
        let mut index = Indexes::default();
        for (id, sku) in self.state.skus.iter().enumerate() {
            let code = Code::from(sku.spec.code.as_str());
            index.skus.insert(&code, id as SkuId);
            index.sku_codes.push(code);
            index.sku_flags.push(SkuFlags::of(sku));
        }
        for (id, loc) in self.state.locations.iter().enumerate() {
            let code = Code::from(loc.spec.code.as_str());
            index.locations.insert(&code, id as LocId);
            index.location_codes.push(code);
        }
        for (id, scope) in self.state.scopes.iter().enumerate() {
            index.scopes.insert(scope.clone(), id as ScopeId);
        }
        for (i, lot) in self.state.lots.iter().enumerate() {
            index
                .lots
                .insert((lot.sku, lot.number.clone()), i as LotId + 1);
        }
        for (i, bundle) in self.state.bundles.iter().enumerate() {
            index.bundles.insert(bundle.code.clone(), i);
        }
        index.rates = RateBook::new();
        index
            .rates
            .set_pivot(self.state.config.trade.pivot_currency);
        for r in &self.state.trade.rates {
            // Rates were checked when they were recorded.
            let _ = index
                .rates
                .insert(r.base, r.quote, r.rate_type, r.date, r.rate);
        }
        index.commands = command_index_of(&self.state.remembered, &self.state.log);
        index.in_transit = self.state.trade.transfers_in_transit();
        for code in index.in_transit.clone() {
            if let Some(transfer) = self.state.trade.transfers.get(&code) {
                let origins = crate::book::documents::transit_origins_of(transfer);
                index.file_transit(&code, origins);
            }
        }
        self.index = index;
        self.rebuild_available_index();
        self.state.ledger.index_rule_accounts();
    }

    pub(crate) fn push_lot(&mut self, lot: LotInfo) -> LotId {
        let id = self.state.lots.len() as LotId + 1;
        self.index.lots.insert((lot.sku, lot.number.clone()), id);
        self.state.lots.push(lot);
        id
    }

    pub(crate) fn scope_id(&mut self, name: &str) -> ScopeId {
        if let Some(id) = self.index.scopes.get(name) {
            return *id;
        }
        let id = self.state.scopes.len() as ScopeId;
        self.state.scopes.push(name.to_owned());
        self.index.scopes.insert(name.to_owned(), id);
        id
    }

    pub(crate) fn sku_id(&self, code: &str) -> Result<SkuId> {
        self.index
            .skus
            .get(code)
            .copied()
            .ok_or_else(|| LandedError::UnknownSku {
                sku: code.to_owned(),
            })
    }

    pub(crate) fn loc_id(&self, code: &str) -> Result<LocId> {
        self.index
            .locations
            .get(code)
            .copied()
            .ok_or_else(|| LandedError::UnknownLocation {
                location: code.to_owned(),
            })
    }

    pub(crate) fn lot_id(&self, sku: SkuId, number: &str) -> Result<LotId> {
        self.index
            .lots
            .get(&(sku, number.to_owned()))
            .copied()
            .ok_or_else(|| LandedError::UnknownLot {
                sku: self.sku_code(sku).to_owned(),
                lot: number.to_owned(),
            })
    }

    pub(super) fn sku_flags(&self, id: SkuId) -> SkuFlags {
        self.index
            .sku_flags
            .get(id as usize)
            .copied()
            .unwrap_or_default()
    }

    /// A SKU's category, read from its definition only when it has one.
    pub(crate) fn sku_category(&self, id: SkuId) -> Option<&str> {
        if !self.sku_flags(id).has_category {
            return None;
        }
        self.state
            .skus
            .get(id as usize)
            .and_then(|s| s.spec.category.as_deref())
    }

    pub(crate) fn sku_code(&self, id: SkuId) -> &str {
        self.state
            .skus
            .get(id as usize)
            .map_or("", |s| s.spec.code.as_str())
    }

    pub(crate) fn sku_code_arc(&self, id: SkuId) -> Code {
        self.index
            .sku_codes
            .get(id as usize)
            .cloned()
            .unwrap_or_else(|| Code::from(""))
    }

    pub(crate) fn loc_code_arc(&self, id: LocId) -> Code {
        self.index
            .location_codes
            .get(id as usize)
            .cloned()
            .unwrap_or_else(|| Code::from(""))
    }

    pub(crate) fn loc_code(&self, id: LocId) -> &str {
        self.state
            .locations
            .get(id as usize)
            .map_or("", |l| l.spec.code.as_str())
    }

    pub(crate) fn location_spec(&self, id: LocId) -> Option<&LocationSpec> {
        self.state.locations.get(id as usize).map(|l| &l.spec)
    }

    pub(crate) fn lot_info(&self, id: LotId) -> Option<&LotInfo> {
        id.checked_sub(1)
            .and_then(|i| self.state.lots.get(i as usize))
    }

    pub(crate) fn scope_name(&self, id: ScopeId) -> &str {
        self.state
            .scopes
            .get(id as usize)
            .map_or("", String::as_str)
    }

    pub(crate) fn location_scope(&self, id: LocId) -> ScopeId {
        self.state.locations.get(id as usize).map_or(0, |l| l.scope)
    }

    pub(crate) fn location_codes(&self) -> Vec<String> {
        self.state
            .locations
            .iter()
            .map(|l| l.spec.code.clone())
            .collect()
    }

    pub(crate) fn ledger(&self) -> &Ledger {
        &self.state.ledger
    }

    pub(crate) fn rounding(&self) -> Rounding {
        Rounding {
            places: self.state.config.functional_currency.minor_units(),
            strategy: self.state.config.rounding,
        }
    }

    pub(crate) fn money(&self, amount: Decimal) -> Money {
        Money::new(amount, self.state.config.functional_currency)
    }

    pub(crate) fn positions(&self) -> &SkuMap<PosKey, Position> {
        &self.state.positions
    }

    pub(crate) fn pools(&self) -> &SkuMap<PoolKey, Pool> {
        &self.state.pools
    }

    /// Write-down allowances of positions (non-zero ones only).
    pub(crate) fn allowances(&self) -> &SkuMap<PosKey, Allowance> {
        &self.state.allowances
    }

    pub(crate) fn skus(&self) -> &[Box<Sku>] {
        &self.state.skus
    }

    /// The SKU's definition and status.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let lamp = book.sku("LAMP")?;
    /// assert!(lamp.active);
    /// assert_eq!(lamp.spec.weight_kg.unwrap().to_string(), "1.2");
    /// # Ok(()) }
    /// ```
    pub fn sku(&self, code: &str) -> Result<&Sku> {
        Ok(&self.state.skus[self.sku_id(code)? as usize])
    }

    /// A location's definition.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::catalog::LocationKind;
    /// let book = lamp_book()?;
    /// assert_eq!(book.location("SZ")?.kind, LocationKind::Own);
    /// # Ok(()) }
    /// ```
    pub fn location(&self, code: &str) -> Result<&LocationSpec> {
        Ok(&self.state.locations[self.loc_id(code)? as usize].spec)
    }

    /// A bundle's definition.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// assert!(book.bundle("LAMP-2PACK").is_none()); // no bundle defined
    /// # Ok(()) }
    /// ```
    pub fn bundle(&self, code: &str) -> Option<&BundleSpec> {
        self.index
            .bundles
            .get(code)
            .map(|i| &self.state.bundles[*i])
    }
}
