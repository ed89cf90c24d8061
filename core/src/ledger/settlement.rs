//! Money documents: invoices, settlements and FX revaluation.
//!
//! A receivable or payable is carried in its transaction currency and in the
//! functional currency at the document's rate. A settlement clears part of
//! it: the functional amount received or paid, less the carrying amount of
//! the part settled, is the realized exchange gain or loss. The carrying
//! part is pro rata, and the payment that clears the document takes all
//! that is left, so a document always ends at zero in both currencies.
//! Revaluation restates open items at a closing rate into unrealized gain or
//! loss and reverses itself the next day; it never changes what a document
//! carries, so realized results stay measured against the document's rate.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Amazon's invoice of 450.00 USD was booked at 7.20 (3,240.00 CNY); half of
//! // it is paid at 7.25: 1,631.25 received against 1,620.00 carried, a
//! // realized gain of 11.25.
//! let mut book = lamp_book_until("PAY-A1")?;
//! let pay = landed::Command::from_json(r#"{"type":"record_settlement","document":"INV-A1",
//!     "date":"2026-11-20","amount":{"amount":"225.00","currency":"USD"},"rate":"7.25"}"#)?;
//! let out = book.execute(pay, &ctx("2026-11-20", "PAY-A1")?)?;
//! assert_eq!(posted(&out), [("1100".into(), "1631.25".into(), "0.00".into()),
//!     ("1200".into(), "0.00".into(), "1620.00".into()),
//!     ("7000".into(), "0.00".into(), "11.25".into())]);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money};

/// Which side of the business a document is on.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::ledger::DocumentKind;
let book = lamp_book()?;
let item = &book.open_items(landed::parse_date("2026-11-30")?)[0].item;
assert_eq!(item.kind, DocumentKind::CustomerInvoice);
assert_eq!(item.account, "1200"); // a receivable
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A customer or marketplace invoice: a receivable.
    CustomerInvoice,
    /// A supplier invoice: a payable.
    SupplierInvoice,
    /// A credit note to a customer or marketplace (a refund, an
    /// allowance): it lowers the receivable, and is offset against the
    /// customer's invoices or refunded by a payment.
    CustomerCreditNote,
    /// A credit note from a supplier: it lowers the payable, and is offset
    /// against the supplier's invoices or refunded by the supplier.
    SupplierCreditNote,
}

impl DocumentKind {
    /// The side of its account a document's balance sits on: `1` for a
    /// debit (a customer invoice, a supplier credit note), `-1` for a
    /// credit (a supplier invoice, a customer credit note). The receivable
    /// or payable account's balance is the sum over its open items of
    /// this sign times the carrying amount.
    ///
    /// ```
    /// use landed::ledger::DocumentKind;
    /// use landed::Decimal;
    /// assert_eq!(DocumentKind::CustomerInvoice.balance_sign(), Decimal::ONE);
    /// assert_eq!(DocumentKind::CustomerCreditNote.balance_sign(), Decimal::NEGATIVE_ONE);
    /// assert_eq!(DocumentKind::SupplierInvoice.balance_sign(), Decimal::NEGATIVE_ONE);
    /// assert_eq!(DocumentKind::SupplierCreditNote.balance_sign(), Decimal::ONE);
    /// ```
    pub fn balance_sign(self) -> Decimal {
        match self {
            Self::CustomerInvoice | Self::SupplierCreditNote => Decimal::ONE,
            Self::SupplierInvoice | Self::CustomerCreditNote => Decimal::NEGATIVE_ONE,
        }
    }

    /// Customer side (receivable) rather than supplier side (payable).
    pub(crate) fn is_customer(self) -> bool {
        matches!(self, Self::CustomerInvoice | Self::CustomerCreditNote)
    }

    /// A credit note rather than an invoice.
    pub(crate) fn is_credit_note(self) -> bool {
        matches!(self, Self::CustomerCreditNote | Self::SupplierCreditNote)
    }
}

/// An invoice in any currency (`RecordInvoice`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::ledger::InvoiceSpec;
let book = lamp_book()?;
let landed::Event::InvoiceRecorded { invoice, .. } = lamp_event(&book, "invoice_recorded") else { unreachable!() };
let spec: &InvoiceSpec = invoice;
assert_eq!((spec.document.as_str(), spec.amount.to_string()), ("INV-A1", "450.00 USD".to_string()));
assert_eq!(spec.rate.unwrap().to_string(), "7.20");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InvoiceSpec {
    /// Document number, unique in the book.
    pub document: String,
    /// Customer or supplier invoice, or credit note.
    pub kind: DocumentKind,
    /// Customer, marketplace or supplier.
    pub party: String,
    /// Sales channel (customer invoices), for posting rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Document date: posting date and start of aging.
    pub date: NaiveDate,
    /// Due date, for aging (default: the document date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<NaiveDate>,
    /// Amount, positive, in the transaction currency (a credit note's
    /// amount is positive too: its kind says which way it goes).
    pub amount: Money,
    /// Functional units per transaction unit; without it, the book's rate
    /// for the document date under its lookup policy (1 in the functional
    /// currency).
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

/// A full or partial payment of a document (`RecordSettlement`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book()?;
// The rest of the invoice, paid at 7.15: a realized loss of 11.25.
let pay = landed::Command::from_json(r#"{"type":"record_settlement","document":"INV-A1",
    "date":"2026-11-27","amount":{"amount":"225.00","currency":"USD"},"rate":"7.15"}"#)?;
let out = book.execute(pay, &ctx("2026-11-27", "PAY-A2")?)?;
assert_eq!(posted(&out), [("1100".into(), "1608.75".into(), "0.00".into()),
    ("7000".into(), "11.25".into(), "0.00".into()),
    ("1200".into(), "0.00".into(), "1620.00".into())]);
assert!(book.open_items(landed::parse_date("2026-11-30")?).is_empty());
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SettlementSpec {
    /// The document settled.
    pub document: String,
    /// Payment date.
    pub date: NaiveDate,
    /// Amount settled, positive, in the document's currency.
    pub amount: Money,
    /// Amount that left or entered the bank, in the bank's currency, when
    /// it is not the document's (a CNY invoice paid from a USD account);
    /// the difference to the document's carrying amount is realized FX.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_amount: Option<Money>,
    /// Functional units per unit of the currency that moved through the
    /// bank (the bank amount's, else the document's) on the payment date;
    /// without it, the book's rate for that date under its lookup policy.
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
    /// Bank account code (default: the cash posting rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_account: Option<String>,
    /// Bank reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// One payment settling several documents of one party side
/// (`RecordPayment`): customer invoices and credit notes, or supplier
/// invoices and credit notes, each fully or in part, through one bank line.
///
/// The documents' net (invoices less credit notes) is what the bank moved:
/// in the same currency `amount` must equal it (more is
/// `SETTLEMENT_TOO_LARGE`); in another currency (a CNY bill paid from a USD
/// account) the allocations name what each document settles and `amount`
/// what left the bank. Documents that net to zero with `amount` zero are
/// an offset: a credit note applied against invoices, no bank line.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book()?;
// A 25.00 USD credit note to Amazon at 7.20 (180.00 carried), then one
// 200.00 USD payout at 7.25 settling the rest of INV-A1 (225.00, carried
// 1,620.00) net of the credit note: 1,450.00 received.
let credit = landed::Command::from_json(r#"{"type":"record_invoice","document":"CN-A1",
    "kind":"customer_credit_note","party":"amazon-de","channel":"amazon-de","date":"2026-11-21",
    "amount":{"amount":"25.00","currency":"USD"},"rate":"7.20"}"#)?;
book.execute(credit, &ctx("2026-11-21", "CN-A1")?)?;
let pay = landed::Command::from_json(r#"{"type":"record_payment","date":"2026-11-27",
    "amount":{"amount":"200.00","currency":"USD"},"rate":"7.25",
    "allocations":[{"document":"INV-A1"},{"document":"CN-A1"}]}"#)?;
let out = book.execute(pay, &ctx("2026-11-27", "PAY-A2")?)?;
// The invoice realizes a gain of 11.25, the credit note a loss of 1.25.
assert_eq!(posted(&out), [("1100".into(), "1450.00".into(), "0.00".into()),
    ("1200".into(), "180.00".into(), "0.00".into()),
    ("7000".into(), "1.25".into(), "0.00".into()),
    ("1200".into(), "0.00".into(), "1620.00".into()),
    ("7000".into(), "0.00".into(), "11.25".into())]);
assert!(book.open_items(landed::parse_date("2026-11-30")?).is_empty());
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentSpec {
    /// Payment date.
    pub date: NaiveDate,
    /// Amount that left or entered the bank, in the bank's currency (zero
    /// for an offset of documents that net to zero).
    pub amount: Money,
    /// Functional units per unit of `amount`'s currency on the payment
    /// date; without it, the book's rate for that date under its lookup
    /// policy (for an offset: the documents' currency).
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
    /// Bank account code (default: the cash posting rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_account: Option<String>,
    /// Bank reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What a payment provider kept of money coming in (a payout carried
    /// by Payoneer, PingPong, WorldFirst), in the bank's currency: the
    /// documents are settled by `amount` plus the fee, the fee is an
    /// expense (`payment_fees`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Money>,
    /// The documents settled, in order: all customer-side or all
    /// supplier-side, all in one currency, each named once.
    pub allocations: Vec<Allocation>,
}

/// The part of a payment that settles one document.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::ledger::Allocation;
let part: Allocation = serde_json::from_str(r#"{"document":"INV-1","amount":{"amount":"100.00","currency":"USD"}}"#).unwrap();
assert_eq!(part, Allocation::new("INV-1").amount(landed::Money::parse("100.00", "USD")?));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Allocation {
    /// The document settled.
    pub document: String,
    /// Amount settled, positive, in the document's currency. Without it: a
    /// credit note's whole open amount, or for an invoice what the payment
    /// has left (in the order listed) up to its open amount; when the
    /// payment is in another currency, the whole open amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
}

/// What a payment did to one document (in `PaymentRecorded`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book()?;
let pay = landed::Command::from_json(r#"{"type":"record_payment","date":"2026-11-27",
    "amount":{"amount":"225.00","currency":"USD"},"rate":"7.15","allocations":[{"document":"INV-A1"}]}"#)?;
let out = book.execute(pay, &ctx("2026-11-27", "PAY-A2")?)?;
let landed::Event::PaymentRecorded { parts, .. } = &out.events[0].event else { unreachable!() };
assert_eq!((parts[0].amount.to_string(), parts[0].carrying_settled.to_string()),
    ("225.00 USD".into(), "1620.00 CNY".into()));
assert_eq!(parts[0].realized.to_string(), "-11.25 CNY"); // 1,608.75 for 1,620.00 carried
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentPart {
    /// The document.
    pub document: String,
    /// Amount settled (document currency).
    pub amount: Money,
    /// Carrying amount of the part settled (functional currency).
    pub carrying_settled: Money,
    /// Realized exchange gain (positive) or loss (negative).
    pub realized: Money,
}

/// Closing rates for a revaluation (`Revalue`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book()?;
// 225.00 USD still open, carried at 1,620.00; at 7.30 it is worth 1,642.50.
let revalue = landed::Command::from_json(r#"{"type":"revalue","date":"2026-11-30","rates":{"USD":"7.30"}}"#)?;
let out = book.execute(revalue, &ctx("2026-11-30", "REVAL-11")?)?;
assert_eq!(posted(&out)[..2], [("1200".into(), "22.50".into(), "0.00".into()),
    ("7100".into(), "0.00".into(), "22.50".into())]);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RevaluationSpec {
    /// Period-end date; the reversal is dated the next day.
    pub date: NaiveDate,
    /// Functional units per one unit of each foreign currency.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, crate::money::DecimalString>")
    )]
    pub rates: BTreeMap<Currency, RateValue>,
}

/// A decimal rate serialized as a string (a map value).
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::ledger::{RateValue, RevaluationSpec};
let spec: RevaluationSpec = serde_json::from_str(r#"{"date":"2026-11-30","rates":{"USD":"7.30"}}"#).unwrap();
let usd = landed::Currency::from_code("USD")?;
assert_eq!(spec.rates[&usd], RateValue("7.30".parse().unwrap()));
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RateValue(#[serde(with = "crate::decimal_text::strict")] pub Decimal);

/// An open receivable or payable.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let item = &book.open_items(landed::parse_date("2026-11-30")?)[0].item;
assert_eq!((item.document.as_str(), item.party.as_str()), ("INV-A1", "amazon-de"));
assert_eq!((item.original.to_string(), item.open.to_string()), ("450.00 USD".into(), "225.00 USD".into()));
assert_eq!(item.carrying.to_string(), "1620.00 CNY"); // 225.00 at the document's 7.20
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OpenItem {
    /// Document number.
    pub document: crate::short_text::ShortText,
    /// Receivable or payable.
    pub kind: DocumentKind,
    /// Customer or supplier.
    pub party: crate::short_text::ShortText,
    /// Sales channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<crate::short_text::ShortText>,
    /// The receivable or payable account.
    pub account: crate::short_text::ShortText,
    /// Document date.
    pub date: NaiveDate,
    /// Due date.
    pub due_date: NaiveDate,
    /// Original amount (transaction currency).
    pub original: Money,
    /// Amount still open (transaction currency).
    pub open: Money,
    /// Functional amount still carried for it.
    pub carrying: Money,
    /// The document's rate.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub rate: Decimal,
    /// Settlements so far, in the order recorded.
    #[serde(default)]
    pub settlements: Vec<Settled>,
}

/// One settlement of a document.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let item = &book.open_items(landed::parse_date("2026-11-30")?)[0].item;
let paid = &item.settlements[0];
assert_eq!(paid.date, landed::parse_date("2026-11-20")?);
assert_eq!((paid.amount.to_string(), paid.carrying.to_string()), ("225.00 USD".into(), "1620.00 CNY".into()));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Settled {
    /// Payment date.
    pub date: NaiveDate,
    /// Amount settled (transaction currency).
    pub amount: Money,
    /// Carrying amount it cleared (functional currency).
    pub carrying: Money,
}

impl OpenItem {
    /// The item as it stood at the end of `as_of`: settlements after that
    /// date are not yet counted. `None` if the document is dated later.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let item = &book.open_items(landed::parse_date("2026-11-30")?)[0].item;
    /// // Before the payment the whole invoice was open; before its date, nothing.
    /// let earlier = item.as_of(landed::parse_date("2026-11-15")?).unwrap();
    /// assert_eq!(earlier.open.to_string(), "450.00 USD");
    /// assert_eq!(earlier.carrying.to_string(), "3240.00 CNY");
    /// assert!(item.as_of(landed::parse_date("2026-11-01")?).is_none());
    /// # Ok(()) }
    /// ```
    pub fn as_of(&self, as_of: NaiveDate) -> Option<OpenItem> {
        if self.date > as_of {
            return None;
        }
        let mut item = self.clone();
        for later in self.settlements.iter().filter(|s| s.date > as_of) {
            item.open = item.open.checked_add(&later.amount).ok()?;
            item.carrying = item.carrying.checked_add(&later.carrying).ok()?;
        }
        item.settlements.retain(|s| s.date <= as_of);
        Some(item)
    }
}

/// An open item with its age.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
// Due on 27 November: 34 days late on 31 December.
let aged = &book.open_items(landed::parse_date("2026-12-31")?)[0];
assert_eq!((aged.days_overdue, aged.bucket.as_str()), (34, "31-60"));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgedItem {
    /// The item.
    #[serde(flatten)]
    pub item: OpenItem,
    /// Days past due on the report date (0 when not yet due).
    pub days_overdue: i64,
    /// `0-30`, `31-60`, `61-90` or `90+`.
    pub bucket: String,
}

/// The aging bucket of a number of days past due.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::ledger::aging_bucket;
/// assert_eq!(aging_bucket(0), "0-30");
/// assert_eq!(aging_bucket(30), "0-30");
/// assert_eq!(aging_bucket(31), "31-60");
/// assert_eq!(aging_bucket(91), "90+");
/// # Ok(()) }
/// ```
pub fn aging_bucket(days: i64) -> &'static str {
    match days {
        ..=30 => "0-30",
        31..=60 => "31-60",
        61..=90 => "61-90",
        _ => "90+",
    }
}

impl InvoiceSpec {
    /// Invoice `document` of `kind` for `party`, dated `date`, of `amount`
    /// (transaction currency); due on its date, no rate given.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::ledger::{DocumentKind, InvoiceSpec};
    /// use landed::Money;
    /// let invoice = InvoiceSpec::new("SI-1", DocumentKind::CustomerInvoice, "ACME",
    ///     landed::parse_date("2026-11-03")?, Money::parse("120.00", "USD")?).rate("7.10".parse::<landed::Decimal>()?);
    /// assert_eq!(Command::from(invoice), Command::from_json(r#"{"type":"record_invoice","document":"SI-1",
    ///     "kind":"customer_invoice","party":"ACME","date":"2026-11-03",
    ///     "amount":{"amount":"120.00","currency":"USD"},"rate":"7.10"}"#)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        document: impl Into<String>,
        kind: DocumentKind,
        party: impl Into<String>,
        date: NaiveDate,
        amount: Money,
    ) -> Self {
        Self {
            document: document.into(),
            kind,
            party: party.into(),
            channel: None,
            date,
            due_date: None,
            amount,
            rate: None,
        }
    }

    crate::builder::setters! {
        /// The sales channel (customer invoices), for posting rules.
        ///
        /// ```
        /// # use landed::{ledger::{DocumentKind, InvoiceSpec}, Money};
        /// let i = InvoiceSpec::new("SI-1", DocumentKind::CustomerInvoice, "ACME", landed::parse_date("2026-11-03")?,
        ///     Money::parse("1", "USD")?).channel("amazon-us");
        /// assert_eq!(i.channel.as_deref(), Some("amazon-us"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        channel: some String;
        /// The due date, for aging (default: the document date).
        ///
        /// ```
        /// # use landed::{ledger::{DocumentKind, InvoiceSpec}, Money};
        /// let i = InvoiceSpec::new("SI-1", DocumentKind::CustomerInvoice, "ACME", landed::parse_date("2026-11-03")?,
        ///     Money::parse("1", "USD")?).due_date(landed::parse_date("2026-12-03")?);
        /// assert!(i.due_date.is_some());
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        due_date: opt NaiveDate;
        /// Functional units per transaction unit (default: the book's
        /// rate for the document date).
        ///
        /// ```
        /// # use landed::{ledger::{DocumentKind, InvoiceSpec}, Money};
        /// let i = InvoiceSpec::new("SI-1", DocumentKind::CustomerInvoice, "ACME", landed::parse_date("2026-11-03")?,
        ///     Money::parse("1", "USD")?).rate(7.into());
        /// assert_eq!(i.rate, Some(7.into()));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        rate: opt Decimal;
    }
}

impl SettlementSpec {
    /// A payment of `amount` (the document's currency) against `document`
    /// on `date`, through the cash posting rule.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::ledger::SettlementSpec;
    /// use landed::Money;
    /// let paid = SettlementSpec::new("INV-1", landed::parse_date("2026-11-20")?, Money::parse("250.00", "USD")?)
    ///     .rate("7.25".parse::<landed::Decimal>()?).reference("TT-88");
    /// assert_eq!(Command::from(paid), Command::from_json(r#"{"type":"record_settlement","document":"INV-1",
    ///     "date":"2026-11-20","amount":{"amount":"250.00","currency":"USD"},"rate":"7.25","reference":"TT-88"}"#)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(document: impl Into<String>, date: NaiveDate, amount: Money) -> Self {
        Self {
            document: document.into(),
            date,
            amount,
            bank_amount: None,
            rate: None,
            cash_account: None,
            reference: None,
        }
    }

    crate::builder::setters! {
        /// The amount that moved through the bank, in the bank's currency.
        ///
        /// ```
        /// # use landed::{ledger::SettlementSpec, Money};
        /// let s = SettlementSpec::new("BILL-1", landed::parse_date("2026-11-20")?, Money::parse("7100.00", "CNY")?)
        ///     .bank_amount(Money::parse("985.00", "USD")?);
        /// assert_eq!(s.bank_amount.unwrap().to_string(), "985.00 USD");
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        bank_amount: opt Money;
        /// Functional units per unit of the currency that moved through
        /// the bank, on the payment date.
        ///
        /// ```
        /// # use landed::{ledger::SettlementSpec, Money};
        /// let s = SettlementSpec::new("INV-1", landed::parse_date("2026-11-20")?, Money::parse("1", "USD")?).rate(7.into());
        /// assert_eq!(s.rate, Some(7.into()));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        rate: opt Decimal;
        /// The bank account (default: the cash posting rule).
        ///
        /// ```
        /// # use landed::{ledger::SettlementSpec, Money};
        /// let s = SettlementSpec::new("INV-1", landed::parse_date("2026-11-20")?, Money::parse("1", "USD")?).cash_account("1110");
        /// assert_eq!(s.cash_account.as_deref(), Some("1110"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        cash_account: some String;
        /// The bank reference.
        ///
        /// ```
        /// # use landed::{ledger::SettlementSpec, Money};
        /// let s = SettlementSpec::new("INV-1", landed::parse_date("2026-11-20")?, Money::parse("1", "USD")?).reference("TT-88");
        /// assert_eq!(s.reference.as_deref(), Some("TT-88"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        reference: some String;
    }
}

impl PaymentSpec {
    /// A payment of `amount` (the bank's currency) on `date` settling
    /// `allocations`, through the cash posting rule.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::ledger::{Allocation, PaymentSpec};
    /// use landed::Money;
    /// let pay = PaymentSpec::new(landed::parse_date("2026-11-20")?, Money::parse("985.00", "USD")?,
    ///     [Allocation::new("BILL-1").amount(Money::parse("7100.00", "CNY")?)]).reference("TT-88");
    /// assert_eq!(Command::from(pay), Command::from_json(r#"{"type":"record_payment","date":"2026-11-20",
    ///     "amount":{"amount":"985.00","currency":"USD"},"reference":"TT-88",
    ///     "allocations":[{"document":"BILL-1","amount":{"amount":"7100.00","currency":"CNY"}}]}"#)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        date: NaiveDate,
        amount: Money,
        allocations: impl IntoIterator<Item = Allocation>,
    ) -> Self {
        Self {
            date,
            amount,
            rate: None,
            cash_account: None,
            reference: None,
            fee: None,
            allocations: allocations.into_iter().collect(),
        }
    }

    crate::builder::setters! {
        /// Functional units per unit of the payment's currency.
        ///
        /// ```
        /// # use landed::{ledger::PaymentSpec, Money};
        /// let p = PaymentSpec::new(landed::parse_date("2026-11-20")?, Money::parse("1", "USD")?, []).rate(7.into());
        /// assert_eq!(p.rate, Some(7.into()));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        rate: opt Decimal;
        /// The bank account (default: the cash posting rule).
        ///
        /// ```
        /// # use landed::{ledger::PaymentSpec, Money};
        /// let p = PaymentSpec::new(landed::parse_date("2026-11-20")?, Money::parse("1", "USD")?, []).cash_account("1110");
        /// assert_eq!(p.cash_account.as_deref(), Some("1110"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        cash_account: some String;
        /// The bank reference.
        ///
        /// ```
        /// # use landed::{ledger::PaymentSpec, Money};
        /// let p = PaymentSpec::new(landed::parse_date("2026-11-20")?, Money::parse("1", "USD")?, []).reference("TT-88");
        /// assert_eq!(p.reference.as_deref(), Some("TT-88"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        reference: some String;
        /// What the payment provider kept, in the bank's currency.
        ///
        /// ```
        /// # use landed::{ledger::PaymentSpec, Money};
        /// let p = PaymentSpec::new(landed::parse_date("2026-11-20")?, Money::parse("1", "USD")?, []).fee(Money::parse("0.30", "USD")?);
        /// assert_eq!(p.fee.map(|m| m.to_string()).as_deref(), Some("0.30 USD"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        fee: opt Money;
    }
}

impl Allocation {
    /// The part of a payment for `document`, its amount left to the
    /// payment (see [`Allocation::amount`]).
    ///
    /// ```
    /// use landed::ledger::Allocation;
    /// let part = Allocation::new("INV-1");
    /// assert_eq!((part.document.as_str(), part.amount), ("INV-1", None));
    /// ```
    pub fn new(document: impl Into<String>) -> Self {
        Self {
            document: document.into(),
            amount: None,
        }
    }

    crate::builder::setters! {
        /// The amount settled, in the document's currency.
        ///
        /// ```
        /// # use landed::{ledger::Allocation, Money};
        /// let part = Allocation::new("INV-1").amount(Money::parse("40.00", "USD")?);
        /// assert_eq!(part.amount.unwrap().to_string(), "40.00 USD");
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        amount: opt Money;
    }
}

impl RevaluationSpec {
    /// A revaluation on `date` without closing rates yet.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::ledger::RevaluationSpec;
    /// let close = RevaluationSpec::new(landed::parse_date("2026-11-30")?).rate("USD".parse()?, "7.15".parse()?);
    /// assert_eq!(Command::from(close), Command::from_json(
    ///     r#"{"type":"revalue","date":"2026-11-30","rates":{"USD":"7.15"}}"#)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(date: NaiveDate) -> Self {
        Self {
            date,
            rates: BTreeMap::new(),
        }
    }

    /// Adds the closing rate of `currency` (functional units per unit).
    ///
    /// ```
    /// use landed::ledger::RevaluationSpec;
    /// let close = RevaluationSpec::new(landed::parse_date("2026-11-30")?).rate("EUR".parse()?, "7.80".parse()?);
    /// assert_eq!(close.rates.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rate(mut self, currency: Currency, rate: Decimal) -> Self {
        self.rates.insert(currency, RateValue(rate));
        self
    }
}
