//! The crate's single error type.
//!
//! Every variant has a stable machine code (see [`LandedError::code`]) that
//! the bindings expose unchanged, so a host can branch on `"RATE_NOT_FOUND"`
//! in Python, JavaScript or Kotlin alike. Messages are for people and may be
//! reworded; codes are a contract and never change meaning.
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::LandedError;
//! let err = landed::Money::parse("1.5", "XYZ").unwrap_err();
//! assert_eq!(err.code(), "UNKNOWN_CURRENCY");
//! assert!(LandedError::CODES.contains(&err.code()));
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Every way a `landed` operation can fail.
///
/// ```
/// use landed::{Currency, LandedError};
/// let err = Currency::from_code("ZZZ").unwrap_err();
/// assert_eq!(err.code(), "UNKNOWN_CURRENCY");
/// assert!(matches!(err, LandedError::UnknownCurrency { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LandedError {
    /// Two amounts in different currencies were combined.
    #[error("currency mismatch: {left} and {right} cannot be combined")]
    CurrencyMismatch {
        /// Currency of the left operand.
        left: String,
        /// Currency of the right operand.
        right: String,
    },

    /// The code is not an ISO 4217 currency with a minor unit.
    #[error("unknown currency code {code:?}")]
    UnknownCurrency {
        /// The code as given.
        code: String,
    },

    /// An arithmetic result does not fit in a 96-bit decimal.
    #[error("decimal overflow in {operation}")]
    DecimalOverflow {
        /// What was being computed.
        operation: String,
    },

    /// An amount could not be parsed or is not acceptable where it was given.
    #[error("invalid amount {input:?}: {reason}")]
    InvalidAmount {
        /// The offending text or value.
        input: String,
        /// Why it was refused.
        reason: String,
    },

    /// Allocation over weights that are all zero (or over no weights).
    /// Callers that want an equal split use [`crate::money::allocate_equal`].
    #[error("cannot allocate {total} over {count} weights that are all zero")]
    AllocationZeroWeights {
        /// The amount that was to be split.
        total: String,
        /// How many weights were given.
        count: usize,
    },

    /// A negative allocation weight.
    #[error("allocation weight #{index} is negative ({weight})")]
    NegativeWeight {
        /// Position of the weight.
        index: usize,
        /// The weight.
        weight: Decimal,
    },

    /// Manual shares that do not add up to the total, or have the wrong sign.
    #[error("manual allocation is invalid: {reason} (total {total}, shares sum to {sum})")]
    InvalidManualAllocation {
        /// The amount to split.
        total: String,
        /// What the shares add up to.
        sum: String,
        /// Which rule was broken.
        reason: String,
    },

    /// No rate for a pair on a date under the lookup policy.
    #[error("no {rate_type} rate {base}/{quote} for {date} (policy: {policy})")]
    RateNotFound {
        /// Base currency searched.
        base: String,
        /// Quote currency searched.
        quote: String,
        /// Date searched.
        date: NaiveDate,
        /// Rate type searched.
        rate_type: String,
        /// Lookup policy in force.
        policy: String,
    },

    /// The latest rate before the date is older than the policy allows.
    #[error(
        "{rate_type} rate {base}/{quote} for {date} is stale: latest is {found_date}, {age_days} days old (max {max_age_days})"
    )]
    RateStale {
        /// Base currency searched.
        base: String,
        /// Quote currency searched.
        quote: String,
        /// Date searched.
        date: NaiveDate,
        /// Rate type searched.
        rate_type: String,
        /// Date of the newest earlier rate.
        found_date: NaiveDate,
        /// Its age in days.
        age_days: i64,
        /// The policy's maximum age.
        max_age_days: u32,
    },

    /// A rate that is zero or negative.
    #[error("rate {base}/{quote} on {date} must be positive, got {rate}")]
    NonPositiveRate {
        /// Base currency.
        base: String,
        /// Quote currency.
        quote: String,
        /// Effective date.
        date: NaiveDate,
        /// The refused rate.
        rate: Decimal,
    },

    /// A rate file that cannot be read.
    #[error("rate file line {line}: {reason}")]
    InvalidRateFile {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },

    /// A date string that is not `YYYY-MM-DD` (or a time that is not RFC
    /// 3339).
    #[error("invalid date {input:?}: expected {expected}")]
    InvalidDate {
        /// The text as given.
        input: String,
        /// The form expected.
        expected: &'static str,
    },

    /// An enumerated option (rate type, rounding strategy…) with an unknown name.
    #[error("invalid {what} {input:?}; expected one of {expected}")]
    InvalidOption {
        /// Which option.
        what: String,
        /// The text as given.
        input: String,
        /// The accepted names.
        expected: String,
    },

    /// A SKU code that the catalog does not know.
    #[error("unknown SKU {sku:?}")]
    UnknownSku {
        /// The code as given.
        sku: String,
    },

    /// A location code that the book does not know.
    #[error("unknown location {location:?}")]
    UnknownLocation {
        /// The code as given.
        location: String,
    },

    /// A lot number not received for this SKU.
    #[error("unknown lot {lot:?} of SKU {sku:?}")]
    UnknownLot {
        /// The SKU.
        sku: String,
        /// The lot number as given.
        lot: String,
    },

    /// A code that is already defined (SKU, bundle, location, stocktake…).
    #[error("{kind} {code:?} is already defined")]
    DuplicateCode {
        /// What kind of thing.
        kind: String,
        /// The code.
        code: String,
    },

    /// A deactivated SKU used in a movement.
    #[error("SKU {sku:?} is deactivated")]
    SkuInactive {
        /// The SKU.
        sku: String,
    },

    /// Deactivating a SKU that still has stock.
    #[error("SKU {sku:?} still has {quantity} units in the book")]
    SkuHasStock {
        /// The SKU.
        sku: String,
        /// Units still held (all buckets).
        quantity: i64,
    },

    /// A quantity that is zero, negative or out of range where that makes no sense.
    #[error("invalid quantity {quantity}: {reason}")]
    InvalidQuantity {
        /// The quantity as given.
        quantity: i64,
        /// Why it was refused.
        reason: String,
    },

    /// Not enough units in a bucket.
    #[error(
        "insufficient stock of {sku} at {location}{lot_text} in {bucket}: requested {requested}, available {available}",
        lot_text = lot.as_ref().map(|l| format!(" lot {l}")).unwrap_or_default()
    )]
    InsufficientStock {
        /// The SKU.
        sku: String,
        /// The location.
        location: String,
        /// The lot, if one was named.
        lot: Option<String>,
        /// The bucket units were taken from.
        bucket: String,
        /// Units asked for.
        requested: i64,
        /// Units there.
        available: i64,
    },

    /// A lot-tracked SKU received or adjusted without a lot, or a lot given
    /// for a SKU that is not lot-tracked.
    #[error("SKU {sku:?}: {reason}")]
    LotRule {
        /// The SKU.
        sku: String,
        /// The rule broken.
        reason: String,
    },

    /// A location with an open stocktake: only counts change it until the
    /// count is posted or cancelled.
    #[error("location {location:?} is frozen by open stocktake {stocktake:?}")]
    LocationFrozen {
        /// The location.
        location: String,
        /// The open stocktake.
        stocktake: String,
    },

    /// A stocktake id that does not exist, or is not open.
    #[error("stocktake {stocktake:?}: {reason}")]
    StocktakeState {
        /// The stocktake id.
        stocktake: String,
        /// What is wrong.
        reason: String,
    },

    /// A command that is malformed for a reason not covered by another code.
    #[error("invalid command: {reason}")]
    InvalidCommand {
        /// Why it was refused.
        reason: String,
    },

    /// A command id reused for a different command.
    #[error("command id {command_id:?} was already used for a different command")]
    IdempotencyConflict {
        /// The reused id.
        command_id: String,
    },

    /// Compare-and-swap failed: the book moved on since the host read it.
    #[error("expected book version {expected}, found {actual}")]
    VersionConflict {
        /// Version the host expected.
        expected: u64,
        /// Version of the book.
        actual: u64,
    },

    /// An event log or snapshot that cannot be replayed.
    #[error("cannot replay event {seq}: {reason}")]
    InvalidEventLog {
        /// Sequence number of the offending event (0 for a snapshot).
        seq: u64,
        /// Why.
        reason: String,
    },

    /// A snapshot that restore refused: damaged or edited (checksum, head
    /// hash, or a structure that no book can be in).
    #[error("invalid snapshot: {reason}")]
    InvalidSnapshot {
        /// What is wrong with it.
        reason: String,
    },

    /// An account code not in the chart.
    #[error("unknown account {account:?}")]
    UnknownAccount {
        /// The code as given.
        account: String,
    },

    /// A ledger set-up without a rule for a role every book posts.
    #[error("no posting rule without conditions for role {role}")]
    MissingPostingRule {
        /// The role.
        role: String,
    },

    /// A journal entry that does not balance or has a malformed line.
    #[error("entry {document:?} is not valid: {reason} (debit {debit}, credit {credit})")]
    UnbalancedEntry {
        /// The document, if any.
        document: String,
        /// Total debits.
        debit: String,
        /// Total credits.
        credit: String,
        /// What is wrong.
        reason: String,
    },

    /// A posting dated on or before the period lock.
    #[error("{date} is in a locked period (locked through {locked_through})")]
    PeriodLocked {
        /// The posting date.
        date: NaiveDate,
        /// The lock date.
        locked_through: NaiveDate,
    },

    /// A document number that is not open in the book.
    #[error("unknown document {document:?}")]
    UnknownDocument {
        /// The document number.
        document: String,
    },

    /// A settlement larger than what is open.
    #[error("settlement of {requested} on {document} exceeds the open {open}")]
    SettlementTooLarge {
        /// The document.
        document: String,
        /// Open amount.
        open: String,
        /// Amount of the settlement.
        requested: String,
    },

    /// A journal entry number that does not exist or cannot be reversed.
    #[error("entry {entry}: {reason}")]
    EntryState {
        /// The entry number.
        entry: u64,
        /// What is wrong.
        reason: String,
    },

    /// A purchase receipt beyond the order's quantity and tolerance.
    #[error(
        "over-receipt on {po} line {line}: ordered {ordered}, received {received}, \
         {requested} more would pass the {allowed} allowed"
    )]
    OverReceipt {
        /// The purchase order.
        po: String,
        /// The line.
        line: u32,
        /// Units ordered (less cancelled).
        ordered: i64,
        /// Units already received.
        received: i64,
        /// Units in this receipt.
        requested: i64,
        /// Most units the line accepts, tolerance included.
        allowed: i64,
    },

    /// A document (purchase order, transfer, voucher…) that cannot do what
    /// was asked in its current state.
    #[error("{document} is {status}: {reason}")]
    DocumentState {
        /// The document.
        document: String,
        /// Its status.
        status: String,
        /// What is not possible.
        reason: String,
    },

    /// More units than a document line holds (shipping beyond what is
    /// committed, invoicing beyond what was received…).
    #[error("{document} line {line}: {requested} {what} requested, only {limit} possible")]
    QuantityExceeded {
        /// The document.
        document: String,
        /// The line.
        line: u32,
        /// What was asked (shipped, invoiced, received…).
        what: String,
        /// Units possible.
        limit: i64,
        /// Units requested.
        requested: i64,
    },

    /// A landed-cost method whose basis is zero on every target line.
    #[error("cannot allocate by {method}: the basis is zero on every line ({lines})")]
    ZeroAllocationBasis {
        /// The method.
        method: String,
        /// The lines, comma-separated.
        lines: String,
    },

    /// A panic caught at a binding boundary. The core never panics on input;
    /// seeing this code means a bug worth reporting.
    #[error("internal error: {detail}")]
    Internal {
        /// What was caught.
        detail: String,
    },

    /// A sum of units would leave the range of a 64-bit integer. Checked
    /// while planning, so the book is unchanged.
    #[error("quantity overflow in {operation}")]
    QuantityOverflow {
        /// What was being added up.
        operation: String,
    },

    /// A sales channel the book does not know.
    #[error("unknown sales channel {channel:?}")]
    UnknownChannel {
        /// The channel code.
        channel: String,
    },

    /// A sales order the book does not know.
    #[error("unknown sales order {order:?} of channel {channel:?}")]
    UnknownSalesOrder {
        /// The channel code.
        channel: String,
        /// The channel's order id.
        order: String,
    },

    /// Shipping more units of an order line than it has reserved at the
    /// location (or than it ordered).
    #[error(
        "order {order} line {line}: {requested} units to ship, only {limit} reserved at {location}"
    )]
    OverShipment {
        /// The order (`channel/order`).
        order: String,
        /// The order line id.
        line: String,
        /// The location.
        location: String,
        /// Units reserved there.
        limit: i64,
        /// Units requested.
        requested: i64,
    },

    /// Returning more units of an order line than were shipped and not yet
    /// returned.
    #[error(
        "order {order} line {line}: {requested} units returned, only {limit} shipped and not returned"
    )]
    OverReturn {
        /// The order (`channel/order`).
        order: String,
        /// The order line id.
        line: String,
        /// Units that may still come back.
        limit: i64,
        /// Units requested.
        requested: i64,
    },

    /// Refunding more of an order line's revenue, shipping or tax than its
    /// shipments recognised and earlier refunds left.
    #[error(
        "order {order} line {line}: {what} refunded {requested}, only {limit} recognised and not refunded"
    )]
    OverRefund {
        /// The order (`channel/order`).
        order: String,
        /// The order line id.
        line: String,
        /// `principal`, `shipping` or `tax`.
        what: String,
        /// What may still be refunded.
        limit: String,
        /// What was requested.
        requested: String,
    },

    /// Cancelling more units of an order line than are still open (not
    /// shipped, not cancelled).
    #[error("order {order} line {line}: {requested} units to cancel, only {limit} open")]
    OverCancellation {
        /// The order (`channel/order`).
        order: String,
        /// The order line id.
        line: String,
        /// Units open.
        limit: i64,
        /// Units requested.
        requested: i64,
    },

    /// A restatement that takes an order line below what already shipped,
    /// or changes what a shipped line sold.
    #[error("order {order} line {line}: {reason}")]
    RestatementRefused {
        /// The order (`channel/order`).
        order: String,
        /// The order line id.
        line: String,
        /// What is wrong.
        reason: String,
    },

    /// A report that reads the book's history, asked of a book that does
    /// not keep its events in memory (`keep_events: false`, or restored
    /// from a snapshot without its log): the host reads it from its store.
    #[error("{report} reads the event log, which this book does not keep in memory")]
    HistoryNotKept {
        /// The report asked for.
        report: String,
    },

    /// A sales order or document number the book archived
    /// (`archive_closed`): closed business that left the state; its events
    /// are in the host's store.
    #[error("{what} {id} is archived: it was closed and has left the book's state")]
    Archived {
        /// What it is: `sales order` or `document`.
        what: String,
        /// Its id (`channel/order` for an order).
        id: String,
    },

    /// An internal fault interrupted a commit: the book may be half
    /// written, so it refuses every command until the host restores a
    /// snapshot or replays its log (like a poisoned mutex).
    #[error("the book is poisoned by an earlier internal fault ({detail}); restore or replay it")]
    BookPoisoned {
        /// The fault that poisoned it.
        detail: String,
    },
}

impl LandedError {
    /// The stable machine code of this error, e.g. `"RATE_NOT_FOUND"`.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let err = landed::parse_date("2026-13-01").unwrap_err();
    /// assert_eq!(err.code(), "INVALID_DATE");
    /// # Ok(()) }
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::CurrencyMismatch { .. } => "CURRENCY_MISMATCH",
            Self::UnknownCurrency { .. } => "UNKNOWN_CURRENCY",
            Self::DecimalOverflow { .. } => "DECIMAL_OVERFLOW",
            Self::InvalidAmount { .. } => "INVALID_AMOUNT",
            Self::AllocationZeroWeights { .. } => "ALLOCATION_ZERO_WEIGHTS",
            Self::NegativeWeight { .. } => "NEGATIVE_WEIGHT",
            Self::InvalidManualAllocation { .. } => "INVALID_MANUAL_ALLOCATION",
            Self::RateNotFound { .. } => "RATE_NOT_FOUND",
            Self::RateStale { .. } => "RATE_STALE",
            Self::NonPositiveRate { .. } => "NON_POSITIVE_RATE",
            Self::InvalidRateFile { .. } => "INVALID_RATE_FILE",
            Self::InvalidDate { .. } => "INVALID_DATE",
            Self::InvalidOption { .. } => "INVALID_OPTION",
            Self::UnknownSku { .. } => "UNKNOWN_SKU",
            Self::UnknownLocation { .. } => "UNKNOWN_LOCATION",
            Self::UnknownLot { .. } => "UNKNOWN_LOT",
            Self::DuplicateCode { .. } => "DUPLICATE_CODE",
            Self::SkuInactive { .. } => "SKU_INACTIVE",
            Self::SkuHasStock { .. } => "SKU_HAS_STOCK",
            Self::InvalidQuantity { .. } => "INVALID_QUANTITY",
            Self::InsufficientStock { .. } => "INSUFFICIENT_STOCK",
            Self::LotRule { .. } => "LOT_RULE",
            Self::LocationFrozen { .. } => "LOCATION_FROZEN",
            Self::StocktakeState { .. } => "STOCKTAKE_STATE",
            Self::InvalidCommand { .. } => "INVALID_COMMAND",
            Self::IdempotencyConflict { .. } => "IDEMPOTENCY_CONFLICT",
            Self::VersionConflict { .. } => "VERSION_CONFLICT",
            Self::InvalidEventLog { .. } => "INVALID_EVENT_LOG",
            Self::InvalidSnapshot { .. } => "INVALID_SNAPSHOT",
            Self::UnknownAccount { .. } => "UNKNOWN_ACCOUNT",
            Self::MissingPostingRule { .. } => "MISSING_POSTING_RULE",
            Self::UnbalancedEntry { .. } => "UNBALANCED_ENTRY",
            Self::PeriodLocked { .. } => "PERIOD_LOCKED",
            Self::UnknownDocument { .. } => "UNKNOWN_DOCUMENT",
            Self::SettlementTooLarge { .. } => "SETTLEMENT_TOO_LARGE",
            Self::EntryState { .. } => "ENTRY_STATE",
            Self::OverReceipt { .. } => "OVER_RECEIPT",
            Self::DocumentState { .. } => "DOCUMENT_STATE",
            Self::QuantityExceeded { .. } => "QUANTITY_EXCEEDED",
            Self::ZeroAllocationBasis { .. } => "ZERO_ALLOCATION_BASIS",
            Self::Internal { .. } => "INTERNAL",
            Self::QuantityOverflow { .. } => "QUANTITY_OVERFLOW",
            Self::BookPoisoned { .. } => "BOOK_POISONED",
            Self::UnknownChannel { .. } => "UNKNOWN_CHANNEL",
            Self::UnknownSalesOrder { .. } => "UNKNOWN_SALES_ORDER",
            Self::OverShipment { .. } => "OVER_SHIPMENT",
            Self::OverReturn { .. } => "OVER_RETURN",
            Self::OverRefund { .. } => "OVER_REFUND",
            Self::OverCancellation { .. } => "OVER_CANCELLATION",
            Self::RestatementRefused { .. } => "RESTATEMENT_REFUSED",
            Self::HistoryNotKept { .. } => "HISTORY_NOT_KEPT",
            Self::Archived { .. } => "ARCHIVED",
        }
    }

    /// Every code this version can return, for bindings that declare one
    /// exception class per code.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::LandedError;
    /// assert!(LandedError::CODES.contains(&"INSUFFICIENT_STOCK"));
    /// assert!(LandedError::CODES.windows(2).all(|w| w[0] != w[1]));
    /// # Ok(()) }
    /// ```
    pub const CODES: &'static [&'static str] = &[
        "CURRENCY_MISMATCH",
        "UNKNOWN_CURRENCY",
        "DECIMAL_OVERFLOW",
        "INVALID_AMOUNT",
        "ALLOCATION_ZERO_WEIGHTS",
        "NEGATIVE_WEIGHT",
        "INVALID_MANUAL_ALLOCATION",
        "RATE_NOT_FOUND",
        "RATE_STALE",
        "NON_POSITIVE_RATE",
        "INVALID_RATE_FILE",
        "INVALID_DATE",
        "INVALID_OPTION",
        "UNKNOWN_SKU",
        "UNKNOWN_LOCATION",
        "UNKNOWN_LOT",
        "DUPLICATE_CODE",
        "SKU_INACTIVE",
        "SKU_HAS_STOCK",
        "INVALID_QUANTITY",
        "INSUFFICIENT_STOCK",
        "LOT_RULE",
        "LOCATION_FROZEN",
        "STOCKTAKE_STATE",
        "INVALID_COMMAND",
        "IDEMPOTENCY_CONFLICT",
        "VERSION_CONFLICT",
        "INVALID_EVENT_LOG",
        "INVALID_SNAPSHOT",
        "UNKNOWN_ACCOUNT",
        "MISSING_POSTING_RULE",
        "UNBALANCED_ENTRY",
        "PERIOD_LOCKED",
        "UNKNOWN_DOCUMENT",
        "SETTLEMENT_TOO_LARGE",
        "ENTRY_STATE",
        "OVER_RECEIPT",
        "DOCUMENT_STATE",
        "QUANTITY_EXCEEDED",
        "ZERO_ALLOCATION_BASIS",
        "INTERNAL",
        "QUANTITY_OVERFLOW",
        "BOOK_POISONED",
        "UNKNOWN_CHANNEL",
        "UNKNOWN_SALES_ORDER",
        "OVER_SHIPMENT",
        "OVER_RETURN",
        "OVER_REFUND",
        "OVER_CANCELLATION",
        "RESTATEMENT_REFUSED",
        "HISTORY_NOT_KEPT",
        "ARCHIVED",
    ];

    pub(crate) fn quantity_overflow(operation: &str) -> Self {
        Self::QuantityOverflow {
            operation: operation.to_owned(),
        }
    }

    pub(crate) fn overflow(operation: &str) -> Self {
        Self::DecimalOverflow {
            operation: operation.to_owned(),
        }
    }
}

/// Shorthand for results in this crate.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// fn unit_cost(text: &str) -> landed::Result<landed::Money> {
///     landed::Money::parse(text, "CNY")
/// }
/// assert!(unit_cost("17.75").is_ok());
/// # Ok(()) }
/// ```
pub type Result<T, E = LandedError> = std::result::Result<T, E>;

/// A code given twice (`DUPLICATE_CODE`).
pub(crate) fn duplicate(kind: &str, code: &str) -> LandedError {
    LandedError::DuplicateCode {
        kind: kind.to_owned(),
        code: code.to_owned(),
    }
}

/// A command that cannot be carried out as given (`INVALID_COMMAND`).
pub(crate) fn invalid(reason: impl Into<String>) -> LandedError {
    LandedError::InvalidCommand {
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_codes_are_listed_and_stable() {
        let snapshot = LandedError::InvalidSnapshot {
            reason: "checksum".into(),
        };
        assert_eq!(snapshot.code(), "INVALID_SNAPSHOT");
        assert_eq!(snapshot.to_string(), "invalid snapshot: checksum");
        let log = LandedError::InvalidEventLog {
            seq: 7,
            reason: "hash".into(),
        };
        assert_eq!(log.code(), "INVALID_EVENT_LOG");
        for code in ["INVALID_SNAPSHOT", "INVALID_EVENT_LOG"] {
            assert_eq!(LandedError::CODES.iter().filter(|c| **c == code).count(), 1);
        }
    }
}
