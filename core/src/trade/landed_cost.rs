//! Landed cost: freight, duty, insurance and other charges spread over
//! receipt and transfer lines, and supplier invoices matched to receipts.
//!
//! Each charge is converted to the functional currency once, allocated
//! exactly over its target lines (largest remainder, see
//! [`crate::money::allocate`]) by equal shares, quantity, value, weight, volume,
//! chargeable weight or manual amounts, and summed per line. A line's
//! amount is then split by where its units are now: the share of units
//! still on hand is capitalised into their pools (their FIFO layers, or the
//! average), the share of units in transit into Goods in Transit, and the
//! share of units already gone (sold, lost) goes to cost of goods sold, in
//! one new entry on the voucher date. History is never rewritten.
//!
//! The same split books the difference between a supplier invoice and the
//! receipts it matches, unless the book sends it to price variance.
//!
//! ```
//! use landed::trade::AllocationMethod;
//! assert_eq!(AllocationMethod::ChargeableWeight.name(), "chargeable_weight");
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{LandedError, Result, invalid};
use crate::money::{Money, allocate_minor_units, validate_manual};

/// How a landed-cost charge is spread over its target lines.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::trade::AllocationMethod;
let method: AllocationMethod = serde_json::from_str(r#""chargeable_weight""#).unwrap();
assert_eq!(method, AllocationMethod::ChargeableWeight);
assert_eq!(method.name(), "chargeable_weight");
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AllocationMethod {
    /// The same share per line.
    Equal,
    /// By units.
    Quantity,
    /// By the line's current cost.
    Value,
    /// By units × SKU weight.
    Weight,
    /// By units × SKU volume.
    Volume,
    /// By units × max(weight, L×W×H / divisor).
    ChargeableWeight,
    /// By amounts given per line.
    Manual,
}

impl AllocationMethod {
    /// The snake_case name.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::trade::AllocationMethod;
    /// assert_eq!(AllocationMethod::Quantity.name(), "quantity");
    /// assert_eq!(AllocationMethod::Manual.name(), "manual");
    /// # Ok(()) }
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Equal => "equal",
            Self::Quantity => "quantity",
            Self::Value => "value",
            Self::Weight => "weight",
            Self::Volume => "volume",
            Self::ChargeableWeight => "chargeable_weight",
            Self::Manual => "manual",
        }
    }
}

/// What a charge pays for, for the landed-cost breakdown.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::trade::ChargeKind;
let book = lamp_book()?;
let voucher = &lamp_trade(&book).vouchers["LC-1"];
assert_eq!(voucher.charges[0].kind, ChargeKind::Freight);
assert_eq!(ChargeKind::default(), ChargeKind::Other);
# Ok(()) }
```
"##
)]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChargeKind {
    /// Freight.
    Freight,
    /// Customs duty.
    Duty,
    /// Insurance.
    Insurance,
    /// Anything else.
    #[default]
    Other,
}

/// A line a voucher applies to.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::trade::CostTarget;
let book = lamp_book()?;
let report = book.landed_cost(None)?;
assert_eq!(report.lines[0].target, CostTarget::Transfer { transfer: "T-1".into(), line: 1 });
assert_eq!(report.lines[1].target, CostTarget::Receipt { receipt: "GRN-1".into(), line: 1 });
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CostTarget {
    /// A purchase receipt line.
    Receipt {
        /// Receipt number.
        receipt: String,
        /// PO line number.
        line: u32,
    },
    /// A transfer line.
    Transfer {
        /// Transfer number.
        transfer: String,
        /// Line number.
        line: u32,
    },
}

impl std::fmt::Display for CostTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Receipt { receipt, line } => write!(f, "receipt {receipt} line {line}"),
            Self::Transfer { transfer, line } => write!(f, "transfer {transfer} line {line}"),
        }
    }
}

/// One charge of a landed-cost voucher.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::trade::{AllocationMethod, ChargeKind};
let landed::Command::ApplyLandedCost(spec) = lamp_command("LC-1") else { unreachable!() };
let charge = &spec.charges[0];
assert_eq!((charge.kind, charge.method), (ChargeKind::Freight, AllocationMethod::Quantity));
assert_eq!((charge.amount.to_string(), charge.account.as_str()), ("100.00 USD".into(), "2200"));
// No rate given: the book converts at its own rate of the voucher's date.
assert_eq!(charge.rate, None);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChargeSpec {
    /// What it is.
    pub description: String,
    /// Freight, duty, insurance or other.
    #[serde(default)]
    pub kind: ChargeKind,
    /// Amount (negative for a credit note), any currency.
    pub amount: Money,
    /// Functional units per charge currency unit; without it the book's
    /// rate on `rate_date` (default: the voucher date) is used.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub rate: Option<Decimal>,
    /// Date of the rate to use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_date: Option<NaiveDate>,
    /// Account credited (accrued freight, the carrier's payable, duty
    /// payable…).
    pub account: String,
    /// How it is spread.
    pub method: AllocationMethod,
    /// Volumetric divisor for chargeable weight (cm³ per kg, e.g. 5000 or
    /// 6000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divisor: Option<u32>,
    /// Manual amounts per target line, in the charge currency, summing to
    /// the amount.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manual: Vec<Money>,
}

/// A landed-cost voucher (`ApplyLandedCost`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
// The same freight applied while the lamps are still at sea: it all stays
// with the units in transit, and goes with them into Germany's stock.
let mut book = lamp_book_until("T-1/receive")?;
let landed::Command::ApplyLandedCost(spec) = lamp_freight_at_sea()? else { unreachable!() };
assert_eq!((spec.voucher.as_str(), spec.targets.len(), spec.estimate), ("LC-1", 1, false));
let out = book.execute(landed::Command::ApplyLandedCost(spec), &ctx("2026-11-04", "LC-1")?)?;
assert_eq!(posted(&out), [("1310".into(), "720.00".into(), "0.00".into()),
    ("2200".into(), "0.00".into(), "720.00".into())]);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LandedCostSpec {
    /// Voucher number, unique in the book.
    pub voucher: String,
    /// Voucher date: the posting date of the capitalised and expensed parts.
    pub date: NaiveDate,
    /// The charges.
    pub charges: Vec<ChargeSpec>,
    /// The lines they apply to.
    pub targets: Vec<CostTarget>,
    /// Split equally when a method's basis is zero on every line, instead
    /// of refusing.
    #[serde(default)]
    pub equal_fallback: bool,
    /// An estimate (accrual) that a later voucher will replace.
    #[serde(default)]
    pub estimate: bool,
    /// The estimate this voucher replaces: only the difference per line is
    /// capitalised or expensed, and the estimate's accruals are cleared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// The landed-cost accrual (`accrue_landed_cost`) this voucher
    /// allocates: its charges credit the clearing account and take that
    /// much off what the accrual has left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clears: Option<String>,
}

/// A charge converted to the functional currency, once.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let charge = &lamp_trade(&book).vouchers["LC-1"].charges[0];
assert_eq!(charge.amount.to_string(), "100.00 USD");
assert_eq!(charge.rate.to_string(), "7.20");
assert_eq!(charge.functional.to_string(), "720.00 CNY");
// One share per target line, adding up to the functional amount.
assert_eq!(charge.shares.iter().map(|share| share.0.to_string()).collect::<Vec<_>>(), ["720.00"]);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConvertedCharge {
    /// Description.
    pub description: String,
    /// Kind.
    pub kind: ChargeKind,
    /// Account credited.
    pub account: String,
    /// Amount in its currency.
    pub amount: Money,
    /// Rate used.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub rate: Decimal,
    /// Functional amount.
    pub functional: Money,
    /// Functional share per target line, in target order.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Vec<crate::money::DecimalString>")
    )]
    pub shares: Vec<DecimalValue>,
}

/// A decimal serialized as a string (a list element).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::trade::{ChargeKind, DecimalValue};
let book = lamp_book()?;
let landed::Event::LandedCostApplied { lines, .. } = lamp_event(&book, "landed_cost_applied") else { unreachable!() };
assert_eq!(lines[0].by_kind[&ChargeKind::Freight], DecimalValue("720.00".parse().unwrap()));
assert_eq!(serde_json::to_string(&DecimalValue("720.00".parse().unwrap())).unwrap(), r#""720.00""#);
# Ok(()) }
```
"##
)]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct DecimalValue(#[serde(with = "crate::decimal_text::strict")] pub Decimal);

/// Cost added to the units of one pool (and FIFO layer).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let landed::Event::LandedCostApplied { lines, .. } = lamp_event(&book, "landed_cost_applied") else { unreachable!() };
let into_stock = &lines[0].split.capitalised[0];
assert_eq!((into_stock.sku.as_str(), into_stock.location.as_str(), into_stock.quantity), ("LAMP", "DE", 30));
assert_eq!(into_stock.amount.to_string(), "540.00"); // 30 × 18.00
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Capitalised {
    /// SKU.
    pub sku: String,
    /// A location of the pool's scope (the ledger's inventory dimension).
    pub location: String,
    /// FIFO layer, if the book values FIFO.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<u64>,
    /// Units it applies to.
    pub quantity: i64,
    /// Amount.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub amount: Decimal,
}

/// Cost added to units still in transit on a transfer line.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book_until("T-1/receive")?;
book.execute(lamp_freight_at_sea()?, &ctx("2026-11-04", "LC-1")?)?;
let landed::Event::LandedCostApplied { lines, .. } = lamp_event(&book, "landed_cost_applied") else { unreachable!() };
let at_sea = &lines[0].split.transit[0];
assert_eq!((at_sea.transfer.as_str(), at_sea.line, at_sea.quantity), ("T-1", 1, 40));
assert_eq!(at_sea.amount.to_string(), "720.00");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransitCapitalised {
    /// Transfer.
    pub transfer: String,
    /// Line.
    pub line: u32,
    /// Piece index.
    pub piece: u32,
    /// Units.
    pub quantity: i64,
    /// Amount.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub amount: Decimal,
}

/// How a cost change on one line was split between stock still held and
/// units already gone.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let landed::Event::LandedCostApplied { lines, .. } = lamp_event(&book, "landed_cost_applied") else { unreachable!() };
let split = &lines[0].split;
// 30 lamps still in Germany, 10 sold (and the crushed one is on hand too).
assert_eq!((split.on_hand, split.in_transit, split.gone), (30, 0, 10));
assert_eq!(split.expensed.to_string(), "180.00");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostSplit {
    /// Units of the line: on hand, in transit, gone (sold, lost…).
    pub on_hand: i64,
    /// Units in transit.
    pub in_transit: i64,
    /// Units gone.
    pub gone: i64,
    /// Capitalised into stock on hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capitalised: Vec<Capitalised>,
    /// Capitalised into goods in transit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit: Vec<TransitCapitalised>,
    /// Expensed to cost of goods sold (units gone).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub expensed: Decimal,
}

/// A voucher line's result.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let landed::Event::LandedCostApplied { lines, .. } = lamp_event(&book, "landed_cost_applied") else { unreachable!() };
assert_eq!((lines[0].target.to_string(), lines[0].sku.as_str()), ("transfer T-1 line 1".into(), "LAMP"));
assert_eq!(lines[0].amount.to_string(), "720.00");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VoucherLine {
    /// The target.
    pub target: CostTarget,
    /// SKU of the line.
    pub sku: String,
    /// Amount applied to this line by kind (for a replacing voucher:
    /// the difference from the estimate).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, crate::money::DecimalString>")
    )]
    pub by_kind: BTreeMap<ChargeKind, DecimalValue>,
    /// Total applied.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub amount: Decimal,
    /// Where it went.
    pub split: CostSplit,
}

/// A voucher as recorded.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let voucher = &lamp_trade(&book).vouchers["LC-1"];
assert_eq!((voucher.voucher.as_str(), voucher.estimate), ("LC-1", false));
assert_eq!(voucher.date, landed::parse_date("2026-11-12")?);
assert_eq!((voucher.replaces.as_deref(), voucher.replaced_by.as_deref()), (None, None));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Voucher {
    /// Voucher number.
    pub voucher: String,
    /// Date.
    pub date: NaiveDate,
    /// An estimate.
    pub estimate: bool,
    /// The estimate it replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// The voucher that replaced this estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// Charges, converted.
    pub charges: Vec<ConvertedCharge>,
    /// Targets.
    pub targets: Vec<CostTarget>,
    /// The landed-cost accrual it allocates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clears: Option<String>,
}

/// A freight, duty or other landed-cost bill that arrives before the units
/// it belongs to are known (`AccrueLandedCost`): it is accrued to the
/// landed-cost clearing account (Dr clearing, Cr `account`) and allocated
/// later by landed-cost vouchers that name it in `clears`.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book()?;
// A 100.00 USD freight bill, shipment not yet known: at the book's 7.20.
let bill = landed::Command::from_json(r#"{"type":"accrue_landed_cost","document":"FRT-9",
    "date":"2026-11-12","description":"Sea freight","kind":"freight",
    "amount":{"amount":"100.00","currency":"USD"},"account":"2200"}"#)?;
let out = book.execute(bill, &ctx("2026-11-12", "FRT-9")?)?;
assert_eq!(posted(&out), [("1450".into(), "720.00".into(), "0.00".into()),
    ("2200".into(), "0.00".into(), "720.00".into())]);
assert_eq!(lamp_trade(&book).accruals["FRT-9"].open.to_string(), "720.00 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AccrualSpec {
    /// The bill's number, unique among accruals.
    pub document: String,
    /// Posting date.
    pub date: NaiveDate,
    /// What it is.
    pub description: String,
    /// Freight, duty, insurance or other.
    #[serde(default)]
    pub kind: ChargeKind,
    /// Amount, positive, any currency.
    pub amount: Money,
    /// Functional units per unit of the amount's currency; without it, the
    /// book's rate for the date under its lookup policy.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub rate: Option<Decimal>,
    /// Account credited (accrued freight, the carrier's payable, duty
    /// payable…).
    pub account: String,
}

/// A landed-cost accrual as kept: what is still to be allocated.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book()?;
let bill = landed::Command::from_json(r#"{"type":"accrue_landed_cost","document":"FRT-9",
    "date":"2026-11-12","description":"Sea freight","amount":{"amount":"720.00","currency":"CNY"},
    "account":"2200"}"#)?;
book.execute(bill, &ctx("2026-11-12", "FRT-9")?)?;
// Later the shipment is known: 500.00 of it goes to GRN-1's lamps.
let voucher = landed::Command::from_json(r#"{"type":"apply_landed_cost","voucher":"LC-9",
    "date":"2026-11-20","clears":"FRT-9","charges":[{"description":"Sea freight","kind":"freight",
    "amount":{"amount":"500.00","currency":"CNY"},"account":"1450","method":"quantity"}],
    "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}"#)?;
book.execute(voucher, &ctx("2026-11-20", "LC-9")?)?;
let accrual = &lamp_trade(&book).accruals["FRT-9"];
assert_eq!((accrual.functional.to_string(), accrual.open.to_string()), ("720.00 CNY".into(), "220.00 CNY".into()));
assert_eq!(accrual.cleared_by, ["LC-9"]);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Accrual {
    /// The bill, with the rate used.
    pub accrual: AccrualSpec,
    /// Its functional amount.
    pub functional: Money,
    /// What is left to allocate (functional).
    pub open: Money,
    /// The vouchers that allocated it, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cleared_by: Vec<String>,
}

impl AccrualSpec {
    /// An accrual of `amount` on `date` for bill `document`, credited to
    /// `account`; kind freight unless set, rate from the book unless set.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::trade::AccrualSpec;
    /// use landed::Money;
    /// let bill = AccrualSpec::new("FRT-9", landed::parse_date("2026-11-12")?, "Sea freight",
    ///     Money::parse("100.00", "USD")?, "2200").rate("7.20".parse::<landed::Decimal>()?);
    /// assert_eq!(Command::from(bill), Command::from_json(r#"{"type":"accrue_landed_cost","document":"FRT-9",
    ///     "date":"2026-11-12","description":"Sea freight","amount":{"amount":"100.00","currency":"USD"},
    ///     "rate":"7.20","account":"2200"}"#)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        document: impl Into<String>,
        date: NaiveDate,
        description: impl Into<String>,
        amount: Money,
        account: impl Into<String>,
    ) -> Self {
        Self {
            document: document.into(),
            date,
            description: description.into(),
            kind: ChargeKind::default(),
            amount,
            rate: None,
            account: account.into(),
        }
    }

    crate::builder::setters! {
        /// Freight, duty, insurance or other.
        ///
        /// ```
        /// # use landed::{trade::{AccrualSpec, ChargeKind}, Money};
        /// let a = AccrualSpec::new("D-1", landed::parse_date("2026-11-12")?, "Duty", Money::parse("1", "USD")?, "2300")
        ///     .kind(ChargeKind::Duty);
        /// assert_eq!(a.kind, ChargeKind::Duty);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        kind: set ChargeKind;
        /// Functional units per unit of the amount's currency.
        ///
        /// ```
        /// # use landed::{trade::AccrualSpec, Money};
        /// let a = AccrualSpec::new("D-1", landed::parse_date("2026-11-12")?, "Duty", Money::parse("1", "USD")?, "2300")
        ///     .rate(7.into());
        /// assert_eq!(a.rate, Some(7.into()));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        rate: opt Decimal;
    }
}

/// What one target line offers a charge to be allocated over.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::trade::{AllocationMethod, LineBasis};
/// // The 40 lamps of T-1: 1.2 kg and 30 × 20 × 10 cm each.
/// let basis = LineBasis { quantity: 40, value: "710.00".parse().unwrap(),
///     unit_weight_kg: "1.2".parse().unwrap(), unit_volume_cm3: "6000".parse().unwrap() };
/// assert_eq!(basis.weight(AllocationMethod::Weight, None)?.to_string(), "48.0");
/// assert_eq!(basis.weight(AllocationMethod::Value, None)?.to_string(), "710.00");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineBasis {
    /// Units of the line.
    pub quantity: i64,
    /// Its current cost (functional).
    pub value: Decimal,
    /// Weight of one unit, kg (zero when unknown).
    pub unit_weight_kg: Decimal,
    /// Volume of one unit, cm³ (zero when unknown).
    pub unit_volume_cm3: Decimal,
}

impl LineBasis {
    /// The line's weight for `method` (manual shares are not a basis).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::trade::{AllocationMethod, LineBasis};
    /// let basis = LineBasis { quantity: 40, value: "710.00".parse().unwrap(),
    ///     unit_weight_kg: "1.2".parse().unwrap(), unit_volume_cm3: "6000".parse().unwrap() };
    /// // Air freight bills max(actual, volumetric) weight: 6000 / 5000 = 1.2 kg.
    /// assert_eq!(basis.weight(AllocationMethod::ChargeableWeight, Some(5000))?.to_string(), "48.0");
    /// assert_eq!(basis.weight(AllocationMethod::Quantity, None)?.to_string(), "40");
    /// # Ok(()) }
    /// ```
    pub fn weight(&self, method: AllocationMethod, divisor: Option<u32>) -> Result<Decimal> {
        let quantity = Decimal::from(self.quantity);
        let overflow = || LandedError::overflow("allocation basis");
        Ok(match method {
            AllocationMethod::Equal | AllocationMethod::Manual => Decimal::ONE,
            AllocationMethod::Quantity => quantity,
            AllocationMethod::Value => self.value,
            AllocationMethod::Weight => self
                .unit_weight_kg
                .checked_mul(quantity)
                .ok_or_else(overflow)?,
            AllocationMethod::Volume => self
                .unit_volume_cm3
                .checked_mul(quantity)
                .ok_or_else(overflow)?,
            AllocationMethod::ChargeableWeight => {
                let divisor = match divisor {
                    Some(d) if d > 0 => Decimal::from(d),
                    _ => {
                        return Err(invalid(
                            "chargeable weight needs a volumetric divisor (e.g. 5000 or 6000)",
                        ));
                    }
                };
                let volumetric = self
                    .unit_volume_cm3
                    .checked_div(divisor)
                    .ok_or_else(overflow)?;
                self.unit_weight_kg
                    .max(volumetric)
                    .checked_mul(quantity)
                    .ok_or_else(overflow)?
            }
        })
    }
}

/// Allocates one charge, already converted to the functional currency, over
/// target lines: by the charge's method, exactly (largest remainder), with
/// manual shares checked against the charge's own amount. A basis that is
/// zero on every line is refused unless `equal_fallback`.
///
/// ```
/// use landed::trade::{LineBasis, allocate_charge};
/// use landed::trade::ChargeSpec;
/// use landed::Money;
/// let line = |quantity, kg: &str, cm3: &str| LineBasis {
///     quantity, value: 0.into(), unit_weight_kg: kg.parse().unwrap(),
///     unit_volume_cm3: cm3.parse().unwrap() };
/// let charge: ChargeSpec = serde_json::from_str(r#"{"description":"Air freight",
///     "amount":{"amount":"300.00","currency":"USD"},"account":"2200",
///     "method":"chargeable_weight","divisor":6000}"#).unwrap();
/// // 100 × max(1.2, 6000/6000) = 120 kg against 50 × max(0.5, 36000/6000) = 300 kg.
/// let shares = allocate_charge(&Money::parse("2160.00", "CNY")?, &charge,
///     &[line(100, "1.2", "6000"), line(50, "0.5", "36000")], false)?;
/// assert_eq!(shares[0].0.to_string(), "617.14");
/// assert_eq!(shares[1].0.to_string(), "1542.86");
/// # Ok::<(), landed::LandedError>(())
/// ```
pub fn allocate_charge(
    converted: &Money,
    charge: &crate::trade::ChargeSpec,
    lines: &[LineBasis],
    equal_fallback: bool,
) -> Result<Vec<DecimalValue>> {
    let mut weights = Vec::with_capacity(lines.len());
    if charge.method == AllocationMethod::Manual {
        if charge.manual.len() != lines.len() {
            return Err(LandedError::InvalidManualAllocation {
                total: charge.amount.to_string(),
                sum: format!("{} shares", charge.manual.len()),
                reason: format!("{} target lines need one share each", lines.len()),
            });
        }
        validate_manual(&charge.amount, &charge.manual)?;
        weights.extend(charge.manual.iter().map(|m| m.amount.abs()));
    } else {
        for line in lines {
            weights.push(line.weight(charge.method, charge.divisor)?);
        }
    }
    if weights.iter().all(Decimal::is_zero) {
        if !equal_fallback {
            return Err(LandedError::ZeroAllocationBasis {
                method: charge.method.name().into(),
                lines: format!("{} lines", lines.len()),
            });
        }
        weights = vec![Decimal::ONE; lines.len()];
    }
    let places = converted.currency.minor_units();
    allocate_minor_units(converted, &weights)?
        .into_iter()
        .map(|s| {
            Decimal::try_from_i128_with_scale(s, places)
                .map(DecimalValue)
                .map_err(|_| LandedError::overflow("allocation"))
        })
        .collect()
}
