//! What the goods-flow documents add to a book's state (documents by
//! number, the cost origins that tie a unit in stock back to the receipt line
//! and transfer lines it came through), and the settings of the flow.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = lamp_book()?;
//! let trade = lamp_trade(&book);
//! assert_eq!(trade.suppliers.len(), 1);
//! assert_eq!(trade.transit_value().to_string(), "0.00"); // T-1 has arrived
//! assert_eq!(lamp_trade(&lamp_book_until("T-1/receive")?).transit_value().to_string(), "710.00");
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    ChargeKind, CostTarget, DecimalValue, PurchaseOrder, ReceiptLine, SupplierSpec, Transfer,
    TransferLine, Voucher,
};
use crate::fx::RateType;
use crate::money::Currency;

/// Settings of the purchasing and landed-cost flows (`BookConfig.trade`).
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::trade::PriceDifference;
let config = landed::BookConfig::from_json(r#"{"functional_currency":"CNY",
    "trade":{"max_rate_age_days":3,"price_difference":"variance"}}"#)?;
assert_eq!(config.trade.max_rate_age_days, 3);
assert_eq!(config.trade.price_difference, PriceDifference::Variance);
assert!(!config.trade.is_default());
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TradeSettings {
    /// Oldest rate, in days, that counts as "the rate on a date" when the
    /// book converts with its own rates (weekends have no ECB rate).
    /// 0 asks for a rate of exactly that date.
    #[serde(default = "default_rate_age")]
    pub max_rate_age_days: u32,
    /// Currency to triangulate through when no direct or inverse rate
    /// exists (e.g. EUR with ECB rates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pivot_currency: Option<Currency>,
    /// Over-receipt a purchase order line accepts, in percent of the
    /// ordered quantity (a PO may set its own).
    #[serde(
        default,
        with = "crate::decimal_text::strict",
        skip_serializing_if = "Decimal::is_zero"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub over_receipt_tolerance_percent: Decimal,
    /// Where the difference between a supplier invoice and the receipts it
    /// matches goes.
    #[serde(default)]
    pub price_difference: PriceDifference,
}

fn default_rate_age() -> u32 {
    7
}

impl Default for TradeSettings {
    fn default() -> Self {
        Self {
            max_rate_age_days: default_rate_age(),
            pivot_currency: None,
            over_receipt_tolerance_percent: Decimal::ZERO,
            price_difference: PriceDifference::default(),
        }
    }
}

impl TradeSettings {
    /// True for the defaults (kept out of serialized configs).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::trade::TradeSettings;
    /// let settings = TradeSettings::default();
    /// assert!(settings.is_default());
    /// assert_eq!(settings.max_rate_age_days, 7); // a rate up to a week old counts
    /// # Ok(()) }
    /// ```
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// Where an invoice price difference goes.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
// With `variance`, the 36.00 difference of the invoice at 2.70 USD (see
// `SupplierInvoiceSpec`) goes to purchase price variance, not to stock.
let mut book = lamp_book_with(r#"{"functional_currency":"CNY","trade":{"price_difference":"variance"}}"#)?;
let out = book.execute(lamp_supplier_invoice()?, &ctx("2026-11-25", "INV-F1")?)?;
assert_eq!(posted(&out)[1], ("5300".into(), "36.00".into(), "0.00".into()));
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PriceDifference {
    /// Into the cost of the units still on hand, the rest to cost of goods
    /// sold (like late landed cost).
    #[default]
    Inventory,
    /// All to the purchase price variance account.
    Variance,
}

/// One exchange rate given to the book (`RecordRates`): `1 base = rate quote`.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let rate = &lamp_trade(&book).rates[0];
assert_eq!((rate.base.code(), rate.quote.code(), rate.rate.to_string()), ("USD", "CNY", "7.20".to_string()));
assert_eq!(rate.date, landed::parse_date("2026-11-10")?);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RateInput {
    /// Base currency.
    pub base: Currency,
    /// Quote currency.
    pub quote: Currency,
    /// Effective date.
    pub date: NaiveDate,
    /// Units of quote per unit of base.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub rate: Decimal,
    /// Spot (default), monthly average or custom.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub rate_type: RateType,
}

/// Where units came from: a purchase receipt line or a transfer line.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let trade = lamp_trade(&book);
// The receipt line GRN-1 carries its purchase value; transfer lines carry
// the cost their units had, and the charges landed on them.
let receipt = trade.origins.iter().find(|o| o.target.to_string() == "receipt GRN-1 line 1").unwrap();
assert_eq!((receipt.quantity, receipt.purchase.to_string()), (50, "936.00".to_string()));
let transfer = trade.origins.iter().find(|o| o.target.to_string() == "transfer T-1 line 1").unwrap();
assert_eq!(transfer.charges.values().map(|v| v.0.to_string()).collect::<Vec<_>>(), ["720.00"]);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Origin {
    /// The document line.
    pub target: CostTarget,
    /// SKU.
    pub sku: String,
    /// Units that entered the book (or the transit) through it.
    pub quantity: i64,
    /// Purchase value (receipt lines; zero for transfer lines, whose units
    /// carry the cost they had).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub purchase: Decimal,
    /// Landed cost applied so far, by kind.
    #[serde(default, skip_serializing_if = "crate::vec_map::VecMap::is_empty")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, crate::money::DecimalString>")
    )]
    pub charges: crate::vec_map::VecMap<ChargeKind, DecimalValue>,
    /// Invoice price differences applied so far.
    #[serde(
        default,
        with = "crate::decimal_text::strict",
        skip_serializing_if = "Decimal::is_zero"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub price_difference: Decimal,
}

/// Everything the goods-flow documents add to a book's state.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::trade::Trade;
assert!(Trade::default().is_empty());
let trade = lamp_trade(&lamp_book()?);
assert_eq!((trade.purchase_orders.len(), trade.transfers.len(), trade.vouchers.len()), (1, 1, 1));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trade {
    /// Exchange rates given to the book, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<RateInput>,
    /// Suppliers by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub suppliers: BTreeMap<String, SupplierSpec>,
    /// Purchase orders by number.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub purchase_orders: BTreeMap<String, PurchaseOrder>,
    /// Receipt lines by (receipt, PO line).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[serde(with = "crate::seq_map")]
    pub receipts: BTreeMap<(String, u32), ReceiptLine>,
    /// Transfers by number.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub transfers: BTreeMap<String, Transfer>,
    /// Landed-cost vouchers by number.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vouchers: BTreeMap<String, Voucher>,
    /// Cost origins by id (see [`Origins`](crate::trade::Origins)).
    #[serde(default, skip_serializing_if = "crate::trade::Origins::is_unused")]
    pub origins: crate::trade::Origins,
    /// Supplier invoices matched to receipts, by document.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub matched_invoices: BTreeMap<String, String>,
    /// Landed-cost bills accrued before their units were known, by
    /// document.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub accruals: BTreeMap<String, crate::trade::Accrual>,
}

impl Trade {
    /// The numbers of the transfers with units in transit, found by walking
    /// them all (what the book's index of them is built from).
    pub(crate) fn transfers_in_transit(&self) -> std::collections::BTreeSet<String> {
        self.transfers
            .values()
            .filter(|t| t.has_units_in_transit())
            .map(|t| t.transfer.clone())
            .collect()
    }

    /// True when no goods-flow document exists (kept out of snapshots).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book_until("T-1/create")?;
    /// assert!(lamp_trade(&book).is_empty()); // locations, a SKU and a receipt only
    /// assert!(!lamp_trade(&lamp_book()?).is_empty());
    /// # Ok(()) }
    /// ```
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Value of every unit in transit on transfers.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book_until("T-1/receive")?;
    /// // 40 lamps at sea at 17.75: the balance of Goods in Transit.
    /// assert_eq!(lamp_trade(&book).transit_value().to_string(), "710.00");
    /// # Ok(()) }
    /// ```
    pub fn transit_value(&self) -> Decimal {
        self.transfers
            .values()
            .flat_map(|t| t.lines.iter())
            .map(TransferLine::in_transit_value)
            .sum()
    }
}

impl RateInput {
    /// A spot rate: on `date`, one `base` is worth `rate` of `quote`.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::trade::RateInput;
    /// let rate = RateInput::new("USD".parse()?, "CNY".parse()?, landed::parse_date("2026-11-02")?, "7.10".parse()?);
    /// assert_eq!(Command::record_rates([rate]), Command::from_json(r#"{"type":"record_rates",
    ///     "entries":[{"base":"USD","quote":"CNY","date":"2026-11-02","rate":"7.10"}]}"#)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(base: Currency, quote: Currency, date: NaiveDate, rate: Decimal) -> Self {
        Self {
            base,
            quote,
            date,
            rate,
            rate_type: RateType::default(),
        }
    }
}
