//! The landed-cost report: purchase price, each kind of charge and price
//! differences per receipt or transfer line and per SKU.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // 100.00 USD of sea freight at 7.20 on the 40 lamps of transfer T-1.
//! let book = lamp_book()?;
//! let report = book.landed_cost(Some("LAMP"))?;
//! assert_eq!(report.lines[0].total.freight.to_string(), "720.00 CNY");
//! assert_eq!(report.lines[0].per_unit.freight.to_string(), "18.00 CNY");
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::book::Book;
use crate::error::{LandedError, Result};
use crate::money::Money;
use crate::trade::{ChargeKind, CostTarget};

/// Landed cost of one receipt or transfer line.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let line = &book.landed_cost(None)?.lines[1];
// The 50 lamps of receipt GRN-1: 2.60 USD at 7.20.
assert_eq!((line.sku.as_str(), line.quantity), ("LAMP", 50));
assert_eq!(line.total.purchase.to_string(), "936.00 CNY");
assert_eq!(line.per_unit.total.to_string(), "18.72 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LandedCostLine {
    /// The line.
    pub target: CostTarget,
    /// SKU.
    pub sku: String,
    /// Units.
    pub quantity: i64,
    /// Totals of the line.
    pub total: CostBreakdown,
    /// Per unit (full precision, rounded to four more places than the
    /// currency).
    pub per_unit: CostBreakdown,
}

/// Landed cost of a SKU: every receipt line, plus the charges on its
/// transfer lines, per unit purchased.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let sku = &book.landed_cost(Some("LAMP"))?.skus[0];
// The freight of the transferred lamps spread over the 50 purchased.
assert_eq!(sku.quantity, 50);
assert_eq!(sku.total.total.to_string(), "1656.00 CNY");
assert_eq!(sku.per_unit.freight.to_string(), "14.40 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LandedCostSku {
    /// SKU.
    pub sku: String,
    /// Units purchased.
    pub quantity: i64,
    /// Totals.
    pub total: CostBreakdown,
    /// Per unit purchased.
    pub per_unit: CostBreakdown,
}

/// Cost split into purchase price and charges (functional currency).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let total = &book.landed_cost(Some("LAMP"))?.skus[0].total;
// Each part is a sum of vouchers; `total` adds them up.
let parts = [&total.purchase, &total.freight, &total.duty, &total.insurance, &total.other];
let sum = parts.iter().try_fold(landed::Money::zero(total.total.currency), |a, m| a.checked_add(m))?;
assert_eq!(sum, total.total);
assert_eq!(total.total.to_string(), "1656.00 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostBreakdown {
    /// Purchase price (with invoice price differences).
    pub purchase: Money,
    /// Freight.
    pub freight: Money,
    /// Duty.
    pub duty: Money,
    /// Insurance.
    pub insurance: Money,
    /// Other charges.
    pub other: Money,
    /// Everything.
    pub total: Money,
}

/// The landed-cost report.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let report = book.landed_cost(None)?;
assert_eq!(report.lines.len(), 2); // transfer T-1 line 1, receipt GRN-1 line 1
assert_eq!(report.skus.len(), 1);
let json = serde_json::to_value(&report).unwrap();
assert_eq!(json["lines"][0]["target"], serde_json::json!({"type": "transfer", "transfer": "T-1", "line": 1}));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LandedCostReport {
    /// Receipt and transfer lines, in the order they arrived.
    pub lines: Vec<LandedCostLine>,
    /// Per SKU.
    pub skus: Vec<LandedCostSku>,
}

impl CostBreakdown {
    fn zero(currency: crate::money::Currency) -> Self {
        let z = Money::zero(currency);
        Self {
            purchase: z,
            freight: z,
            duty: z,
            insurance: z,
            other: z,
            total: z,
        }
    }

    fn add(&mut self, other: &CostBreakdown) -> Result<()> {
        self.purchase = self.purchase.checked_add(&other.purchase)?;
        self.freight = self.freight.checked_add(&other.freight)?;
        self.duty = self.duty.checked_add(&other.duty)?;
        self.insurance = self.insurance.checked_add(&other.insurance)?;
        self.other = self.other.checked_add(&other.other)?;
        self.total = self.total.checked_add(&other.total)?;
        Ok(())
    }

    fn per(&self, quantity: i64, places: u32) -> CostBreakdown {
        let each = |m: Money| {
            let amount = if quantity == 0 {
                Decimal::ZERO
            } else {
                m.amount
                    .checked_div(Decimal::from(quantity))
                    .unwrap_or_default()
                    .round_dp(places + 4)
            };
            Money::new(amount, m.currency)
        };
        CostBreakdown {
            purchase: each(self.purchase),
            freight: each(self.freight),
            duty: each(self.duty),
            insurance: each(self.insurance),
            other: each(self.other),
            total: each(self.total),
        }
    }
}

impl Book {
    /// The landed-cost accruals still open (bills accrued with
    /// `accrue_landed_cost` that vouchers have not yet fully allocated),
    /// by bill number: each with its functional amount, what is left
    /// (`open`) and the vouchers that cleared part of it. Their open
    /// amounts add up to the subledger side of the reconciliation's
    /// `landed_cost_clearing` line.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let mut book = lamp_book()?;
    /// assert!(book.accruals().is_empty());
    /// let bill = landed::Command::from_json(r#"{"type":"accrue_landed_cost","document":"FRT-9",
    ///     "date":"2026-11-12","description":"Sea freight","amount":{"amount":"720.00","currency":"CNY"},
    ///     "account":"2200"}"#)?;
    /// book.execute(bill, &ctx("2026-11-12", "FRT-9")?)?;
    /// // 500.00 of it goes to GRN-1's lamps: 220.00 is left.
    /// let voucher = landed::Command::from_json(r#"{"type":"apply_landed_cost","voucher":"LC-9",
    ///     "date":"2026-11-20","clears":"FRT-9","charges":[{"description":"Sea freight",
    ///     "amount":{"amount":"500.00","currency":"CNY"},"account":"1450","method":"quantity"}],
    ///     "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}"#)?;
    /// book.execute(voucher, &ctx("2026-11-20", "LC-9")?)?;
    /// let open = book.accruals();
    /// assert_eq!(open.len(), 1);
    /// assert_eq!((open[0].accrual.document.as_str(), open[0].open.to_string()), ("FRT-9", "220.00 CNY".into()));
    /// assert_eq!(open[0].cleared_by, ["LC-9"]);
    /// # Ok(()) }
    /// ```
    pub fn accruals(&self) -> Vec<crate::trade::Accrual> {
        self.state
            .trade
            .accruals
            .values()
            .filter(|a| !a.open.is_zero())
            .cloned()
            .collect()
    }

    /// Landed cost per receipt and transfer line and per SKU, optionally
    /// for one SKU.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let report = book.landed_cost(Some("LAMP"))?;
    /// assert_eq!(report.lines[0].total.total.to_string(), "720.00 CNY");
    /// assert_eq!(book.landed_cost(Some("NOPE")).unwrap_err().code(), "UNKNOWN_SKU");
    /// # Ok(()) }
    /// ```
    pub fn landed_cost(&self, sku: Option<&str>) -> Result<LandedCostReport> {
        if let Some(code) = sku {
            self.sku_id(code)?;
        }
        let functional = self.config().functional_currency;
        let places = functional.minor_units();
        let mut lines = Vec::new();
        let mut skus: BTreeMap<String, (i64, CostBreakdown)> = BTreeMap::new();
        for origin in &self.state.trade.origins {
            if sku.is_some_and(|s| s != origin.sku) {
                continue;
            }
            let mut total = CostBreakdown::zero(functional);
            let purchase = origin
                .purchase
                .checked_add(origin.price_difference)
                .ok_or_else(|| LandedError::overflow("landed cost"))?;
            total.purchase = Money::new(purchase, functional);
            for (kind, amount) in &origin.charges {
                let slot = match kind {
                    ChargeKind::Freight => &mut total.freight,
                    ChargeKind::Duty => &mut total.duty,
                    ChargeKind::Insurance => &mut total.insurance,
                    ChargeKind::Other => &mut total.other,
                };
                *slot = slot.checked_add(&Money::new(amount.0, functional))?;
            }
            total.total = total
                .purchase
                .checked_add(&total.freight)?
                .checked_add(&total.duty)?
                .checked_add(&total.insurance)?
                .checked_add(&total.other)?;
            let entry = skus
                .entry(origin.sku.clone())
                .or_insert_with(|| (0, CostBreakdown::zero(functional)));
            if matches!(origin.target, CostTarget::Receipt { .. }) {
                entry.0 += origin.quantity;
            }
            entry.1.add(&total)?;
            lines.push(LandedCostLine {
                target: origin.target.clone(),
                sku: origin.sku.clone(),
                quantity: origin.quantity,
                per_unit: total.per(origin.quantity, places),
                total,
            });
        }
        let skus = skus
            .into_iter()
            .map(|(sku, (quantity, total))| LandedCostSku {
                sku,
                quantity,
                per_unit: total.per(quantity, places),
                total,
            })
            .collect();
        Ok(LandedCostReport { lines, skus })
    }
}
