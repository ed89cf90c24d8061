//! Channel fees and marketplace settlements: what a channel charges the
//! seller (`RecordChannelFee`), and the statement with which it pays out
//! (`RecordMarketplaceSettlement`): orders, refunds, fees, reimbursements
//! and reserves clear the channel receivable row by row, the net becomes a
//! payout on its way to the bank, and what the book cannot match is kept
//! aside and listed.
//!
//! ```
//! use landed::sales::{FeeKind, SettlementRow, SettlementRowKind};
//! let row: SettlementRow = serde_json::from_str(
//!     r#"{"kind":"fee","fee":"fba_fulfilment","order":"302-1","amount":"-3.07"}"#).unwrap();
//! assert_eq!((row.kind, row.fee), (SettlementRowKind::Fee, Some(FeeKind::FbaFulfilment)));
//! assert_eq!(row.amount.to_string(), "-3.07");
//! assert_eq!(FeeKind::Storage.role(), landed::ledger::AccountRole::StorageFees);
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ledger::AccountRole;

/// What a channel fee is for; the kind chooses the expense role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// Referral fee or commission on a sale.
    Referral,
    /// A fixed fee per item sold (closing fee, variable closing fee).
    Closing,
    /// The fee the channel keeps when it refunds a buyer.
    RefundAdministration,
    /// Fulfilment by the marketplace (FBA pick, pack and ship).
    FbaFulfilment,
    /// A shipping label bought through the channel.
    ShippingLabel,
    /// Monthly storage at the marketplace's warehouses.
    Storage,
    /// Long-term or aged-inventory storage surcharge.
    LongTermStorage,
    /// Advertising (sponsored products, display).
    Advertising,
    /// Coupons, deals and promotions the seller pays for.
    Promotion,
    /// A subscription or any other channel fee.
    Other,
}

impl FeeKind {
    /// The role a fee of this kind posts to.
    ///
    /// ```
    /// use landed::{ledger::AccountRole, sales::FeeKind};
    /// assert_eq!(FeeKind::Referral.role(), AccountRole::ChannelFees);
    /// assert_eq!(FeeKind::ShippingLabel.role(), AccountRole::FulfilmentFees);
    /// assert_eq!(FeeKind::Promotion.role(), AccountRole::Advertising);
    /// ```
    pub fn role(self) -> AccountRole {
        match self {
            Self::Referral | Self::Closing | Self::RefundAdministration | Self::Other => {
                AccountRole::ChannelFees
            }
            Self::FbaFulfilment | Self::ShippingLabel => AccountRole::FulfilmentFees,
            Self::Storage | Self::LongTermStorage => AccountRole::StorageFees,
            Self::Advertising | Self::Promotion => AccountRole::Advertising,
        }
    }
}

/// A fee a channel charges the seller (`RecordChannelFee`), or gives back
/// (`refund`), in the channel's currency. It is an expense of the period,
/// never part of inventory cost, attributed to an order line, a SKU, or the
/// channel alone; the channel deducts it from its payouts, so it is a
/// credit note against the channel receivable (a fee given back: an
/// invoice) that a settlement clears.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
// October's storage at the channel, for the lamp: 12.40 USD.
let mut book = sales_book()?;
let fee = landed::Command::from_json(r#"{"type":"record_channel_fee","channel":"shop-us","fee":"STO-10",
    "kind":"storage","date":"2026-11-21","amount":"12.40","sku":"LAMP"}"#)?;
let out = book.execute(fee, &ctx("2026-11-21", "fee")?)?;
assert_eq!(sales_posted(&out), [("6200".into(), "12.40".into(), "0.00".into()),
    ("1250".into(), "0.00".into(), "12.40".into())]);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelFeeSpec {
    /// The channel.
    pub channel: String,
    /// Fee id, unique among the book's documents.
    pub fee: String,
    /// What it is for.
    pub kind: FeeKind,
    /// The date it belongs to (its period).
    pub date: NaiveDate,
    /// Amount, positive, in the channel's currency.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub amount: Decimal,
    /// The channel gives a fee back (a refunded referral fee).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refund: bool,
    /// The order it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// The order line it belongs to (with `order`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// The SKU it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// Functional units per unit of the channel's currency (default: the
    /// book's rate for the date).
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
}

/// What a settlement row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SettlementRowKind {
    /// Money for an order's shipments (principal, shipping, tax), positive:
    /// clears its open shipments, oldest first.
    Order,
    /// Money given back to buyers of an order, negative: clears its open
    /// refunds, oldest first.
    Refund,
    /// A fee, negative (or positive when the channel gives one back),
    /// attributed to the row's order, line or SKU.
    Fee,
    /// What the channel pays for units it lost or damaged.
    Reimbursement,
    /// Money held back (negative) or released (positive) by the channel.
    Reserve,
    /// Clears one named open document of the channel (a fee recorded
    /// before, an invoice): positive for an invoice, negative for a credit
    /// note.
    Document,
    /// Anything else: kept in suspense and listed until someone clears it.
    Adjustment,
}

/// One row of a settlement report, in the channel's currency, signed as
/// the report shows it (money to the seller positive).
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::sales::SettlementRow;
let row: SettlementRow = serde_json::from_str(r#"{"kind":"order","order":"302-1","amount":"71.38"}"#).unwrap();
assert_eq!(row.amount.to_string(), "71.38");
// A number instead of a decimal string is refused.
assert!(serde_json::from_str::<SettlementRow>(r#"{"kind":"order","order":"302-1","amount":71.38}"#).is_err());
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SettlementRow {
    /// What it is.
    pub kind: SettlementRowKind,
    /// Amount, signed, at most the currency's minor units, never zero.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub amount: Decimal,
    /// The channel's order id (order and refund rows; fee rows may name
    /// one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// The order line (fee rows, with `order`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// The SKU (fee and reimbursement rows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The kind of fee (fee rows only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<FeeKind>,
    /// The document cleared (document rows only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The report's own description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
}

/// A marketplace's settlement report (`RecordMarketplaceSettlement`): its
/// rows clear the channel receivable, and their net is a payout on its way
/// to the bank (an open item under the settlement's id, in the channel's
/// currency, that `record_payment` settles when the money arrives, in the
/// same or another currency).
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::sales::MarketplaceSettlementSpec;
let s: MarketplaceSettlementSpec = serde_json::from_str(r#"{"channel":"amazon-de","settlement":"AMZ-2026-11-15",
    "date":"2026-11-15","rows":[{"kind":"reserve","amount":"-20.00"}]}"#).unwrap();
assert_eq!((s.rows.len(), s.rate), (1, None));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MarketplaceSettlementSpec {
    /// The channel.
    pub channel: String,
    /// Settlement id, unique among the book's documents (the payout's
    /// document).
    pub settlement: String,
    /// The date the settlement closes and posts.
    pub date: NaiveDate,
    /// Functional units per unit of the channel's currency (default: the
    /// book's rate for the date).
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
    /// Rows, in the report's order.
    pub rows: Vec<SettlementRow>,
}

/// A settlement row, or the part of one, that the book could not match:
/// it is posted to the suspense account and listed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnmatchedRow {
    /// The row's position in the report (from 0).
    pub row: u32,
    /// The amount not matched (channel currency, signed as the row).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub amount: Decimal,
    /// Why.
    pub reason: String,
}

/// A settlement as the book keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SettlementSummary {
    /// The channel.
    pub channel: String,
    /// Settlement id.
    pub settlement: String,
    /// Date.
    pub date: NaiveDate,
    /// Net paid out (channel currency; negative when the seller owes).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub net: Decimal,
    /// Rows not matched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmatched: Vec<UnmatchedRow>,
}
