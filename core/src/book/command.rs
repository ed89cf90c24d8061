//! Commands: the only way to change a [`crate::book::Book`].
//!
//! Commands are plain serde data with a `"type"` tag, so every binding sends
//! the same JSON and the JSON Schema in `docs/schema/` describes them all.
//!
//! Bucket moves cover the warehouse's everyday verbs:
//!
//! | verb | from | to |
//! |---|---|---|
//! | commit to an order | available | committed |
//! | release a commitment | committed | available |
//! | reserve | available | reserved |
//! | unreserve | reserved | available |
//! | QC pass / fail | quality_control | available / damaged |
//! | damage | available | damaged |
//! | lost | available | researching |
//! | found | researching | available |
//! | check in | receiving | available |
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::command::{Command, Move};
//! use landed::inventory::Bucket;
//! // Commit 5 lamps in Germany to an order: available -> committed.
//! let mut book = lamp_book()?;
//! let commit = Command::Move(Move { sku: "LAMP".into(), location: "DE".into(), quantity: 5,
//!     from: Bucket::Available, to: Bucket::Committed, lot: None, reason: None,
//!     reference: Some("302-7654321".into()) });
//! book.execute(commit, &ctx("2026-11-21", "commit-302-7654321")?)?;
//! let q = book.position("LAMP", "DE", None)?.quantities;
//! assert_eq!((q.available, q.committed, q.on_hand()), (24, 5, 30));
//! # Ok(()) }
//! ```

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{BundleSpec, LocationSpec, SkuSpec, SkuUpdate};
use crate::inventory::Bucket;
use crate::ledger::{InvoiceSpec, LineDimensions, PaymentSpec, RevaluationSpec, SettlementSpec};
use crate::money::Money;
use crate::sales::{
    ChannelFeeSpec, ChannelSpec, LineAtLocation, ListingSpec, ListingStockPolicy,
    MarketplaceSettlementSpec, RefundSpec, SalesLineQuantity, SalesOrderSpec, SalesReturnSpec,
    StockPush,
};
use crate::trade::{
    AccrualSpec, LandedCostSpec, LineQuantity, MilestoneRecord, PurchaseOrderSpec, RateInput,
    ReceiptLineSpec, ShortTo, SupplierInvoiceSpec, SupplierSpec, TransferReceiptLine, TransferSpec,
};

/// The last book version whose command ids `archive_closed` forgets
/// (`forget_commands_through`), if any: a book that keeps no log remembers
/// every command id it ran (32 bytes each) so that a retry is answered with
/// the original outcome. A host whose retries come within days can let the
/// ids of older commands go with the business it archives; a command sent
/// again with a forgotten id then runs as a new command.
///
/// A whole version or nothing in JSON (`"forget_commands_through": 1200`).
/// It adds nothing to the command's fingerprint when absent, so commands
/// written before it existed keep their fingerprints.
///
/// ```
/// use landed::Command;
/// let command = Command::from_json(r#"{"type":"archive_closed","before":"2026-10-01","forget_commands_through":1200}"#)?;
/// let Command::ArchiveClosed { forget_commands_through, .. } = command else { unreachable!() };
/// assert_eq!(forget_commands_through.0, Some(1200));
/// assert_eq!(Command::from_json(r#"{"type":"archive_closed","before":"2026-10-01","forget_commands_through":"1200"}"#)
///     .unwrap_err().code(), "INVALID_COMMAND");
/// # Ok::<(), landed::LandedError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ForgottenThrough(pub Option<u64>);

impl ForgottenThrough {
    /// True when no version is given.
    pub fn is_none(&self) -> bool {
        self.0.is_none()
    }
}

impl std::hash::Hash for ForgottenThrough {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Absent hashes as nothing: see the type's documentation.
        if let Some(version) = self.0 {
            version.hash(state);
        }
    }
}

crate::tagged::tagged_enum! {
    /// Everything a host can ask the book to do.
    ///
    /// Input limits: unknown keys are refused; decimals are strings of the form
    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?` with at most 28 places (no exponent, sign
    /// or separator); codes (SKU, location, lot, document, supplier, order,
    /// transfer, voucher, account numbers) are 1 to 64 characters with no
    /// control characters and no surrounding whitespace; free text (names,
    /// memos, reasons) is at most 1000 characters; dates are `YYYY-MM-DD`
    /// without spaces; a quantity in one command is 1 to 10^12.
    ///
    /// ```
    /// use landed::command::Command;
    /// let json = r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":2,"reason":"sale"}"#;
    /// let command = Command::from_json(json)?;
    /// assert!(matches!(command, Command::Issue(_)));
    /// assert_eq!(Command::from_json(&json.replace("2,", "2.0,")).unwrap_err().code(), "INVALID_COMMAND");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
    #[serde(deny_unknown_fields)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Command read through CommandVariants as "Command" {
        /// Adds a SKU to the catalog.
        DefineSku(SkuSpec),
        /// Changes fields of a SKU.
        UpdateSku(SkuUpdate),
        /// Stops all movements of a SKU; refused while it has stock.
        DeactivateSku {
            /// The SKU.
            sku: String,
        },
        /// Defines a bundle of SKUs.
        DefineBundle(BundleSpec),
        /// Adds a warehouse or virtual location.
        DefineLocation(LocationSpec),
        /// Puts units into the book at a cost.
        Receive(Receive),
        /// Takes units out of the book (sale shipment, disposal, sample…).
        Issue(Issue),
        /// Moves units between buckets of one position.
        Move(Move),
        /// Corrects a bucket up or down, with a reason.
        Adjust(Adjust),
        /// Opens a count for a location and freezes it.
        OpenStocktake {
            /// Id chosen by the host.
            stocktake: String,
            /// Location counted.
            location: String,
        },
        /// Records a counted quantity (the last count of a line wins).
        RecordCount {
            /// The stocktake.
            stocktake: String,
            /// The SKU counted.
            sku: String,
            /// The lot counted, for lot-tracked SKUs.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            lot: Option<String>,
            /// Units counted (on hand, all on-hand buckets).
            counted: i64,
        },
        /// Posts a stocktake: the variances of counted lines become adjustments
        /// of the available bucket. Lines not counted are left as they are.
        PostStocktake {
            /// The stocktake.
            stocktake: String,
        },
        /// Abandons a stocktake and unfreezes the location.
        CancelStocktake {
            /// The stocktake.
            stocktake: String,
        },
        /// Posts a journal entry given by hand.
        PostEntry(ManualEntry),
        /// Posts the opposite of an entry on `date` (entries are never edited).
        ReverseEntry {
            /// The entry number.
            entry: u64,
            /// Date of the reversal (after the lock date).
            date: NaiveDate,
        },
        /// Locks the books through `through`: nothing posts on or before it.
        LockPeriod {
            /// Last locked day.
            through: NaiveDate,
        },
        /// Archives what is closed before `before`: sales orders shipped or
        /// cancelled whose documents are settled, settled money documents and
        /// received transfers (see `docs/architecture.md`, "Archiving what is
        /// closed"). Commands naming them afterwards are refused with `ARCHIVED`.
        ///
        /// With `forget_commands_through` (a book version), the book also
        /// forgets the ids of the commands that made that version and the ones
        /// before: a command sent again with one of them runs as a new command.
        ArchiveClosed {
            /// Cut-off: what is dated and settled before this day leaves.
            before: NaiveDate,
            /// Forget the ids of the commands that made this version and the
            /// ones before (absent: forget none).
            #[serde(default, skip_serializing_if = "ForgottenThrough::is_none")]
            #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
            forget_commands_through: ForgottenThrough,
        },
        /// Records a customer or supplier invoice in any currency.
        RecordInvoice(InvoiceSpec),
        /// Records a full or partial payment of an invoice.
        RecordSettlement(SettlementSpec),
        /// Revalues open foreign-currency items at closing rates.
        Revalue(RevaluationSpec),
        /// Gives the book exchange rates (used when a document names no rate).
        RecordRates {
            /// The rates (named `entries`: `rates` is the revaluation's map).
            entries: Vec<RateInput>,
        },
        /// Adds a supplier.
        DefineSupplier(SupplierSpec),
        /// Creates a purchase order as a draft.
        CreatePurchaseOrder(PurchaseOrderSpec),
        /// Confirms a draft order: its units are on order at their destination.
        ConfirmPurchaseOrder {
            /// The order.
            po: String,
        },
        /// Records that the supplier shipped what is outstanding: on order
        /// becomes in transit at the destination.
        ShipPurchaseOrder {
            /// The order.
            po: String,
            /// Carrier details.
            #[serde(default)]
            shipment: ShipmentInfo,
        },
        /// Receives units of a purchase order at its receipt-date cost.
        ReceivePurchaseOrder {
            /// The order.
            po: String,
            /// Receipt number, unique in the book.
            receipt: String,
            /// Lines received.
            lines: Vec<ReceiptLineSpec>,
        },
        /// Closes an order: what is still outstanding is cancelled (a draft or
        /// an order with nothing received becomes cancelled).
        ClosePurchaseOrder {
            /// The order.
            po: String,
        },
        /// Records a supplier invoice matched to receipt lines: clears GRNI and
        /// books the price difference.
        MatchSupplierInvoice(SupplierInvoiceSpec),
        /// Creates a transfer as a draft.
        CreateTransfer(TransferSpec),
        /// Approves a transfer: its units are committed at the source.
        ApproveTransfer {
            /// The transfer.
            transfer: String,
        },
        /// Ships committed units: their cost leaves the source for Goods in
        /// Transit.
        ShipTransfer {
            /// The transfer.
            transfer: String,
            /// Units per line (default: everything committed).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            lines: Vec<LineQuantity>,
            /// Carrier details.
            #[serde(default)]
            shipment: ShipmentInfo,
        },
        /// Records a carrier milestone of a transfer or a supplier shipment; a
        /// repeated carrier event id changes nothing.
        RecordMilestone {
            /// Transfer or purchase order number.
            document: String,
            /// The milestone.
            milestone: MilestoneRecord,
            /// A new estimated arrival, if the carrier gave one.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            eta: Option<NaiveDate>,
        },
        /// Receives transfer lines: accepted, damaged and short units.
        ReceiveTransfer {
            /// The transfer.
            transfer: String,
            /// Lines.
            lines: Vec<TransferReceiptLine>,
        },
        /// Closes a transfer: units still in transit are short, units still
        /// committed are released.
        CloseTransfer {
            /// The transfer.
            transfer: String,
            /// Where the short units go.
            #[serde(default)]
            short_to: ShortTo,
        },
        /// Cancels a transfer before it ships, releasing the commitment.
        CancelTransfer {
            /// The transfer.
            transfer: String,
        },
        /// Applies a landed-cost voucher to receipt and transfer lines.
        ApplyLandedCost(LandedCostSpec),
        /// Records one payment settling several documents (invoices and credit
        /// notes of one side), or an offset of credit notes against invoices.
        RecordPayment(PaymentSpec),
        /// Accrues a landed-cost bill whose units are not yet known to the
        /// landed-cost clearing account.
        AccrueLandedCost(AccrualSpec),
        /// Adds a sales channel.
        DefineChannel(ChannelSpec),
        /// Maps a channel's item identifier to a SKU or a bundle.
        DefineListing(ListingSpec),
        /// Records a channel's order, reserving its units where the channel's
        /// routing finds them; the same content again changes nothing, other
        /// content restates the order.
        IngestSalesOrder(SalesOrderSpec),
        /// Replaces the reservations of the named lines by the host's own
        /// (line, location, units); without lines, routes the units still
        /// unserved by the channel's rules again (after stock arrived).
        RouteSalesOrder {
            /// The channel.
            channel: String,
            /// The channel's order id.
            order: String,
            /// The new reservations; each line named is routed anew.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            lines: Vec<LineAtLocation>,
        },
        /// Cancels units of an order (every open unit when no line is given),
        /// releasing their reservations.
        CancelSalesOrder {
            /// The channel.
            channel: String,
            /// The channel's order id.
            order: String,
            /// Units per line (default: all that is not shipped).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            lines: Vec<SalesLineQuantity>,
        },
        /// Ships reserved units of an order: their cost goes to cost of goods
        /// sold, the revenue, shipping, tax and the channel receivable are
        /// recognised at the book's rate of the day (or `rate`).
        ShipSalesOrder {
            /// The channel.
            channel: String,
            /// The channel's order id.
            order: String,
            /// Shipment number, unique in the book (the receivable's document).
            shipment: String,
            /// Units per line and location (default: everything reserved).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            lines: Vec<LineAtLocation>,
            /// Functional units per unit of the channel's currency (default:
            /// the book's rate for the day).
            #[serde(
                default,
                with = "crate::decimal_text::strict_option",
                skip_serializing_if = "Option::is_none"
            )]
            #[cfg_attr(
                feature = "schema",
                schemars(with = "Option<crate::money::DecimalString>")
            )]
            rate: Option<Decimal>,
        },
        /// Receives units a customer sent back, against the order line they
        /// were shipped on.
        ReceiveSalesReturn(SalesReturnSpec),
        /// Gives money back to a buyer: revenue (to sales returns), shipping
        /// and tax are reversed per line against a customer credit note of the
        /// channel on its receivable, with or without goods coming back.
        RefundSalesOrder(RefundSpec),
        /// Records a fee a channel charges (or gives back): an expense of its
        /// period, attributed to an order line, a SKU or the channel, against
        /// the channel receivable.
        RecordChannelFee(ChannelFeeSpec),
        /// Records a marketplace's settlement report: its rows clear the
        /// channel receivable, fees, reimbursements and reserves post, rows the
        /// book cannot match go to suspense and are listed, and the net becomes
        /// a payout open item that `RecordPayment` settles when it reaches the
        /// bank.
        RecordMarketplaceSettlement(MarketplaceSettlementSpec),
        /// Sets how a listing's available-to-sell figure is derived from the
        /// stock of the locations serving its channel: safety stock, channel
        /// reserve, share, cap and the threshold under which it offers 0.
        SetListingStockPolicy(ListingStockPolicy),
        /// Records the quantities the host pushed to its channels: the push
        /// list ([`crate::Book::stock_to_push`]) is measured against them.
        AcknowledgeStockPush {
            /// The listings pushed, each once, with the quantity pushed.
            pushes: Vec<StockPush>,
        },
    }
}

/// Carrier details given when goods ship.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShipmentInfo {
    /// Carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    /// Tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
    /// Estimated arrival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta: Option<NaiveDate>,
}

/// A journal entry given by hand. Each line gives its functional `debit` or
/// `credit`, or a signed transaction `amount` with its `rate` (functional
/// per unit) to be converted; sub-unit differences from converting go to
/// the rounding account.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ManualEntry {
    /// Posting date.
    pub date: NaiveDate,
    /// What it records.
    pub memo: String,
    /// Business document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Lines.
    pub lines: Vec<ManualLine>,
}

/// One line of a [`ManualEntry`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ManualLine {
    /// Account code.
    pub account: String,
    /// Functional debit.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub debit: Option<Decimal>,
    /// Functional credit.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub credit: Option<Decimal>,
    /// Transaction amount, positive for a debit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// Functional units per transaction unit (with `amount`).
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
    /// Dimensions.
    #[serde(default)]
    pub dimensions: LineDimensions,
}

/// Receipt of units at a cost in the functional currency.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Receive {
    /// The SKU.
    pub sku: String,
    /// Where the units arrive.
    pub location: String,
    /// Units received (positive).
    pub quantity: i64,
    /// Cost of one unit in the functional currency.
    pub unit_cost: Money,
    /// Bucket: available (default), receiving, quality_control or damaged.
    #[serde(default = "available")]
    pub bucket: Bucket,
    /// Lot number, required for lot-tracked SKUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Expiry of the lot (defaults from the SKU's shelf life).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<NaiveDate>,
    /// Why units arrive damaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage_reason: Option<String>,
    /// Host's document reference (receipt number…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Why units leave the book.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IssueReason {
    /// Shipped to a customer.
    Sale,
    /// Destroyed or liquidated.
    Disposal,
    /// Given away as a sample.
    Sample,
    /// Used internally.
    InternalUse,
}

/// Units leaving the book.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Issue {
    /// The SKU.
    pub sku: String,
    /// Where from.
    pub location: String,
    /// Units (positive).
    pub quantity: i64,
    /// Why.
    pub reason: IssueReason,
    /// Bucket taken from: available (default), committed, damaged…
    #[serde(default = "available")]
    pub bucket: Bucket,
    /// Lot; without one, lot-tracked SKUs are picked FEFO.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Host's document reference (order number…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Sales channel, for posting rules and the ledger's dimensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

/// Units moving between two buckets of a position (value unchanged).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Move {
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// Units (positive).
    pub quantity: i64,
    /// From bucket.
    pub from: Bucket,
    /// To bucket.
    pub to: Bucket,
    /// Lot; without one, lot-tracked SKUs are picked FEFO.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Why (the damage reason when moving to damaged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Host's document reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A correction of one bucket.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Adjust {
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// Signed change in units (not zero).
    pub quantity: i64,
    /// Bucket adjusted (default available).
    #[serde(default = "available")]
    pub bucket: Bucket,
    /// Lot (required for lot-tracked SKUs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Expiry when an increase creates a new lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<NaiveDate>,
    /// Cost of an increase per unit; defaults to the current unit cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<Money>,
    /// Why (required).
    pub reason: String,
}

fn available() -> Bucket {
    Bucket::Available
}

/// What comes with a command besides its content: the host's clock, the
/// idempotency key (1 to 128 characters, no control characters, no
/// surrounding whitespace), an optional compare-and-swap version and an
/// optional actor (who issued it, same limits), recorded on its events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Context {
    /// Effective time of the command (the core never reads a clock).
    #[serde(deserialize_with = "crate::utc_text::deserialize")]
    pub at: DateTime<Utc>,
    /// Idempotency key: the same id with the same command returns the
    /// original outcome; with another command it is refused.
    pub command_id: String,
    /// If set, the command runs only when the book is at this version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_version: Option<u64>,
    /// Who issued the command (a user, a service, a connector), recorded
    /// on its events for the audit trail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

impl Context {
    /// A context at `at` with `command_id` and no version check.
    pub fn new(at: DateTime<Utc>, command_id: impl Into<String>) -> Self {
        Self {
            at,
            command_id: command_id.into(),
            expected_version: None,
            actor: None,
        }
    }

    /// The same context, issued by `actor`.
    pub fn by(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }
}

impl From<Command> for std::borrow::Cow<'_, Command> {
    fn from(command: Command) -> Self {
        Self::Owned(command)
    }
}

impl<'c> From<&'c Command> for std::borrow::Cow<'c, Command> {
    fn from(command: &'c Command) -> Self {
        Self::Borrowed(command)
    }
}

crate::builder::into_command! {
    SkuSpec => DefineSku,
    SkuUpdate => UpdateSku,
    BundleSpec => DefineBundle,
    LocationSpec => DefineLocation,
    Receive => Receive,
    Issue => Issue,
    Move => Move,
    Adjust => Adjust,
    ManualEntry => PostEntry,
    InvoiceSpec => RecordInvoice,
    SettlementSpec => RecordSettlement,
    RevaluationSpec => Revalue,
    SupplierSpec => DefineSupplier,
    PurchaseOrderSpec => CreatePurchaseOrder,
    SupplierInvoiceSpec => MatchSupplierInvoice,
    TransferSpec => CreateTransfer,
    LandedCostSpec => ApplyLandedCost,
    PaymentSpec => RecordPayment,
    AccrualSpec => AccrueLandedCost,
    ChannelSpec => DefineChannel,
    ListingSpec => DefineListing,
    SalesOrderSpec => IngestSalesOrder,
    SalesReturnSpec => ReceiveSalesReturn,
    RefundSpec => RefundSalesOrder,
    ChannelFeeSpec => RecordChannelFee,
    MarketplaceSettlementSpec => RecordMarketplaceSettlement,
    ListingStockPolicy => SetListingStockPolicy,
}

impl Command {
    /// `RecordRates`: gives the book exchange rates.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::trade::RateInput;
    /// let usd_cny = RateInput::new("USD".parse()?, "CNY".parse()?, landed::parse_date("2026-11-02")?, "7.10".parse()?);
    /// assert!(matches!(Command::record_rates([usd_cny]), Command::RecordRates { entries } if entries.len() == 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn record_rates(entries: impl IntoIterator<Item = RateInput>) -> Self {
        Self::RecordRates {
            entries: entries.into_iter().collect(),
        }
    }

    /// `ArchiveClosed` before `before`, forgetting no command id (set
    /// `forget_commands_through` on the variant to forget old ones).
    ///
    /// ```
    /// use landed::command::Command;
    /// let before = landed::parse_date("2026-10-01")?;
    /// assert_eq!(Command::archive_closed(before), Command::from_json(
    ///     r#"{"type":"archive_closed","before":"2026-10-01"}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn archive_closed(before: NaiveDate) -> Self {
        Self::ArchiveClosed {
            before,
            forget_commands_through: ForgottenThrough(None),
        }
    }

    /// `AcknowledgeStockPush`: the host pushed these quantities.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::sales::StockPush;
    /// let ack = Command::acknowledge_stock_push([StockPush::new("shop-us", "lamp-black", 8)]);
    /// assert!(matches!(ack, Command::AcknowledgeStockPush { pushes } if pushes[0].available == 8));
    /// ```
    pub fn acknowledge_stock_push(pushes: impl IntoIterator<Item = StockPush>) -> Self {
        Self::AcknowledgeStockPush {
            pushes: pushes.into_iter().collect(),
        }
    }

    /// `ConfirmPurchaseOrder`: the draft's units go on order.
    ///
    /// ```
    /// use landed::command::Command;
    /// assert!(matches!(Command::confirm_purchase_order("PO-1"), Command::ConfirmPurchaseOrder { po } if po == "PO-1"));
    /// ```
    pub fn confirm_purchase_order(po: impl Into<String>) -> Self {
        Self::ConfirmPurchaseOrder { po: po.into() }
    }

    /// `ReceivePurchaseOrder`: receipt `receipt` of some lines of order `po`.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::trade::ReceiptLineSpec;
    /// let command = Command::receive_purchase_order("PO-1", "GRN-1", [ReceiptLineSpec::new(1, 60)]);
    /// assert!(matches!(command, Command::ReceivePurchaseOrder { lines, .. } if lines[0].quantity == 60));
    /// ```
    pub fn receive_purchase_order(
        po: impl Into<String>,
        receipt: impl Into<String>,
        lines: impl IntoIterator<Item = ReceiptLineSpec>,
    ) -> Self {
        Self::ReceivePurchaseOrder {
            po: po.into(),
            receipt: receipt.into(),
            lines: lines.into_iter().collect(),
        }
    }

    /// `ApproveTransfer`: commits the transfer's units at the source.
    ///
    /// ```
    /// use landed::command::Command;
    /// assert!(matches!(Command::approve_transfer("TR-1"), Command::ApproveTransfer { transfer } if transfer == "TR-1"));
    /// ```
    pub fn approve_transfer(transfer: impl Into<String>) -> Self {
        Self::ApproveTransfer {
            transfer: transfer.into(),
        }
    }

    /// `ShipTransfer` of everything committed, without carrier details
    /// (build the variant for partial shipments or a tracking number).
    ///
    /// ```
    /// use landed::command::Command;
    /// assert!(matches!(Command::ship_transfer("TR-1"), Command::ShipTransfer { lines, .. } if lines.is_empty()));
    /// ```
    pub fn ship_transfer(transfer: impl Into<String>) -> Self {
        Self::ShipTransfer {
            transfer: transfer.into(),
            lines: Vec::new(),
            shipment: ShipmentInfo::default(),
        }
    }

    /// `ShipSalesOrder` of everything an order has reserved, under the
    /// shipment number `shipment`, at the book's rate for the day (build
    /// the variant for a partial shipment or an explicit rate).
    ///
    /// ```
    /// use landed::command::Command;
    /// assert_eq!(Command::ship_sales_order("shop-us", "1001", "S-1"), Command::from_json(
    ///     r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn ship_sales_order(
        channel: impl Into<String>,
        order: impl Into<String>,
        shipment: impl Into<String>,
    ) -> Self {
        Self::ShipSalesOrder {
            channel: channel.into(),
            order: order.into(),
            shipment: shipment.into(),
            lines: Vec::new(),
            rate: None,
        }
    }

    /// `CancelSalesOrder` of `lines` (every unit not shipped when empty).
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::sales::SalesLineQuantity;
    /// let cancel = Command::cancel_sales_order("shop-us", "1001", [SalesLineQuantity::new("1", 2)]);
    /// assert_eq!(cancel, Command::from_json(r#"{"type":"cancel_sales_order","channel":"shop-us",
    ///     "order":"1001","lines":[{"line":"1","quantity":2}]}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn cancel_sales_order(
        channel: impl Into<String>,
        order: impl Into<String>,
        lines: impl IntoIterator<Item = SalesLineQuantity>,
    ) -> Self {
        Self::CancelSalesOrder {
            channel: channel.into(),
            order: order.into(),
            lines: lines.into_iter().collect(),
        }
    }

    /// `RouteSalesOrder`: the host's own reservations of `lines` (the
    /// channel's rules again for unserved units when empty).
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::sales::LineAtLocation;
    /// let route = Command::route_sales_order("shop-us", "1001", [LineAtLocation::new("1", "SZ", 5)]);
    /// assert_eq!(route, Command::from_json(r#"{"type":"route_sales_order","channel":"shop-us",
    ///     "order":"1001","lines":[{"line":"1","location":"SZ","quantity":5}]}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn route_sales_order(
        channel: impl Into<String>,
        order: impl Into<String>,
        lines: impl IntoIterator<Item = LineAtLocation>,
    ) -> Self {
        Self::RouteSalesOrder {
            channel: channel.into(),
            order: order.into(),
            lines: lines.into_iter().collect(),
        }
    }

    /// `ReceiveTransfer`: accepted, damaged and short units per line.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::trade::TransferReceiptLine;
    /// let command = Command::receive_transfer("TR-1", [TransferReceiptLine::new(1).accepted(10)]);
    /// assert!(matches!(command, Command::ReceiveTransfer { lines, .. } if lines[0].accepted == 10));
    /// ```
    pub fn receive_transfer(
        transfer: impl Into<String>,
        lines: impl IntoIterator<Item = TransferReceiptLine>,
    ) -> Self {
        Self::ReceiveTransfer {
            transfer: transfer.into(),
            lines: lines.into_iter().collect(),
        }
    }
}

impl Receive {
    /// Receipt of `quantity` units of `sku` at `location`, each costing
    /// `unit_cost` (functional currency), into the available bucket.
    ///
    /// ```
    /// use landed::command::{Command, Receive};
    /// use landed::Money;
    /// let receive = Receive::new("LAMP", "SZ", 100, Money::parse("17.75", "CNY")?).reference("GRN-7");
    /// let command: Command = receive.into();
    /// assert_eq!(command, Command::from_json(r#"{"type":"receive","sku":"LAMP","location":"SZ",
    ///     "quantity":100,"unit_cost":{"amount":"17.75","currency":"CNY"},"reference":"GRN-7"}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: i64,
        unit_cost: Money,
    ) -> Self {
        Self {
            sku: sku.into(),
            location: location.into(),
            quantity,
            unit_cost,
            bucket: available(),
            lot: None,
            expiry: None,
            damage_reason: None,
            reference: None,
        }
    }

    crate::builder::setters! {
        /// Into another bucket: receiving, quality_control or damaged.
        ///
        /// ```
        /// # use landed::{command::Receive, inventory::Bucket, Money};
        /// let r = Receive::new("LAMP", "SZ", 1, Money::parse("2", "USD")?).bucket(Bucket::Receiving);
        /// assert_eq!(r.bucket, Bucket::Receiving);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        bucket: set Bucket;
        /// The lot number (required for lot-tracked SKUs).
        ///
        /// ```
        /// # use landed::{command::Receive, Money};
        /// let r = Receive::new("LAMP", "SZ", 1, Money::parse("2", "USD")?).lot("L-1");
        /// assert_eq!(r.lot.as_deref(), Some("L-1"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        lot: some String;
        /// The lot's expiry.
        ///
        /// ```
        /// # use landed::{command::Receive, Money};
        /// let r = Receive::new("LAMP", "SZ", 1, Money::parse("2", "USD")?).expiry(landed::parse_date("2027-06-30")?);
        /// assert_eq!(r.expiry.map(|d| d.to_string()).as_deref(), Some("2027-06-30"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        expiry: opt NaiveDate;
        /// Why the units arrive damaged.
        ///
        /// ```
        /// # use landed::{command::Receive, inventory::Bucket, Money};
        /// let r = Receive::new("LAMP", "SZ", 1, Money::parse("2", "USD")?).bucket(Bucket::Damaged).damage_reason("crushed");
        /// assert_eq!(r.damage_reason.as_deref(), Some("crushed"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        damage_reason: some String;
        /// The host's document reference.
        ///
        /// ```
        /// # use landed::{command::Receive, Money};
        /// let r = Receive::new("LAMP", "SZ", 1, Money::parse("2", "USD")?).reference("GRN-7");
        /// assert_eq!(r.reference.as_deref(), Some("GRN-7"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        reference: some String;
    }
}

impl Issue {
    /// `quantity` units of `sku` leaving `location` from the available
    /// bucket, for `reason`.
    ///
    /// ```
    /// use landed::command::{Issue, IssueReason};
    /// let issue = Issue::new("LAMP", "SZ", 2, IssueReason::Disposal);
    /// assert_eq!((issue.quantity, issue.reason), (2, IssueReason::Disposal));
    /// ```
    pub fn new(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: i64,
        reason: IssueReason,
    ) -> Self {
        Self {
            sku: sku.into(),
            location: location.into(),
            quantity,
            reason,
            bucket: available(),
            lot: None,
            reference: None,
            channel: None,
        }
    }

    /// A sale: `quantity` units of `sku` shipped to a customer from
    /// `location`.
    ///
    /// ```
    /// use landed::command::{Command, Issue};
    /// let sale = Issue::sale("LAMP", "SZ", 2).channel("amazon-us").reference("SO-1");
    /// assert_eq!(Command::from(sale), Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"SZ",
    ///     "quantity":2,"reason":"sale","reference":"SO-1","channel":"amazon-us"}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn sale(sku: impl Into<String>, location: impl Into<String>, quantity: i64) -> Self {
        Self::new(sku, location, quantity, IssueReason::Sale)
    }

    crate::builder::setters! {
        /// From another bucket (committed, damaged…).
        ///
        /// ```
        /// # use landed::{command::Issue, inventory::Bucket};
        /// assert_eq!(Issue::sale("LAMP", "SZ", 1).bucket(Bucket::Committed).bucket, Bucket::Committed);
        /// ```
        bucket: set Bucket;
        /// From this lot (otherwise lot-tracked SKUs are picked FEFO).
        ///
        /// ```
        /// # use landed::command::Issue;
        /// assert_eq!(Issue::sale("LAMP", "SZ", 1).lot("L-1").lot.as_deref(), Some("L-1"));
        /// ```
        lot: some String;
        /// The host's document reference (order number…).
        ///
        /// ```
        /// # use landed::command::Issue;
        /// assert_eq!(Issue::sale("LAMP", "SZ", 1).reference("SO-1").reference.as_deref(), Some("SO-1"));
        /// ```
        reference: some String;
        /// The sales channel, for posting rules and the ledger's dimensions.
        ///
        /// ```
        /// # use landed::command::Issue;
        /// assert_eq!(Issue::sale("LAMP", "SZ", 1).channel("shopify").channel.as_deref(), Some("shopify"));
        /// ```
        channel: some String;
    }
}

impl Move {
    /// `quantity` units of `sku` at `location` moving from one bucket to
    /// another.
    ///
    /// ```
    /// use landed::command::{Command, Move};
    /// use landed::inventory::Bucket;
    /// let reserve = Move::new("LAMP", "SZ", 3, Bucket::Available, Bucket::Reserved).reference("SO-9");
    /// assert_eq!(Command::from(reserve), Command::from_json(r#"{"type":"move","sku":"LAMP","location":"SZ",
    ///     "quantity":3,"from":"available","to":"reserved","reference":"SO-9"}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: i64,
        from: Bucket,
        to: Bucket,
    ) -> Self {
        Self {
            sku: sku.into(),
            location: location.into(),
            quantity,
            from,
            to,
            lot: None,
            reason: None,
            reference: None,
        }
    }

    crate::builder::setters! {
        /// Units of this lot (otherwise lot-tracked SKUs are picked FEFO).
        ///
        /// ```
        /// # use landed::{command::Move, inventory::Bucket::*};
        /// assert_eq!(Move::new("LAMP", "SZ", 1, Available, Reserved).lot("L-1").lot.as_deref(), Some("L-1"));
        /// ```
        lot: some String;
        /// Why (the damage reason when moving to damaged).
        ///
        /// ```
        /// # use landed::{command::Move, inventory::Bucket::*};
        /// assert_eq!(Move::new("LAMP", "SZ", 1, Available, Damaged).reason("dropped").reason.as_deref(), Some("dropped"));
        /// ```
        reason: some String;
        /// The host's document reference.
        ///
        /// ```
        /// # use landed::{command::Move, inventory::Bucket::*};
        /// assert_eq!(Move::new("LAMP", "SZ", 1, Available, Reserved).reference("SO-9").reference.as_deref(), Some("SO-9"));
        /// ```
        reference: some String;
    }
}

impl Adjust {
    /// A correction of the available bucket of `sku` at `location` by
    /// `quantity` units (signed), for `reason`.
    ///
    /// ```
    /// use landed::command::{Adjust, Command};
    /// let found = Adjust::new("LAMP", "SZ", 2, "found behind the rack");
    /// assert_eq!(Command::from(found), Command::from_json(r#"{"type":"adjust","sku":"LAMP","location":"SZ",
    ///     "quantity":2,"reason":"found behind the rack"}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: i64,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            sku: sku.into(),
            location: location.into(),
            quantity,
            bucket: available(),
            lot: None,
            expiry: None,
            unit_cost: None,
            reason: reason.into(),
        }
    }

    crate::builder::setters! {
        /// Adjusts another bucket.
        ///
        /// ```
        /// # use landed::{command::Adjust, inventory::Bucket};
        /// assert_eq!(Adjust::new("LAMP", "SZ", -1, "count").bucket(Bucket::Damaged).bucket, Bucket::Damaged);
        /// ```
        bucket: set Bucket;
        /// The lot (required for lot-tracked SKUs).
        ///
        /// ```
        /// # use landed::command::Adjust;
        /// assert_eq!(Adjust::new("LAMP", "SZ", -1, "count").lot("L-1").lot.as_deref(), Some("L-1"));
        /// ```
        lot: some String;
        /// Expiry when an increase creates a new lot.
        ///
        /// ```
        /// # use landed::command::Adjust;
        /// let a = Adjust::new("LAMP", "SZ", 1, "found").expiry(landed::parse_date("2027-01-31")?);
        /// assert!(a.expiry.is_some());
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        expiry: opt NaiveDate;
        /// Cost per unit of an increase (default: the current unit cost).
        ///
        /// ```
        /// # use landed::{command::Adjust, Money};
        /// let a = Adjust::new("LAMP", "SZ", 1, "found").unit_cost(Money::parse("2.50", "USD")?);
        /// assert_eq!(a.unit_cost.map(|m| m.to_string()).as_deref(), Some("2.50 USD"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        unit_cost: opt Money;
    }
}

impl ManualEntry {
    /// A journal entry on `date` with its `lines`.
    ///
    /// ```
    /// use landed::command::{Command, ManualEntry, ManualLine};
    /// let entry = ManualEntry::new(landed::parse_date("2026-11-30")?, "Owner's capital",
    ///     [ManualLine::debit("1100", "5000.00".parse()?), ManualLine::credit("3000", "5000.00".parse()?)]);
    /// assert_eq!(Command::from(entry), Command::from_json(r#"{"type":"post_entry","date":"2026-11-30",
    ///     "memo":"Owner's capital","lines":[{"account":"1100","debit":"5000.00"},
    ///     {"account":"3000","credit":"5000.00"}]}"#)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        date: NaiveDate,
        memo: impl Into<String>,
        lines: impl IntoIterator<Item = ManualLine>,
    ) -> Self {
        Self {
            date,
            memo: memo.into(),
            document: None,
            lines: lines.into_iter().collect(),
        }
    }

    crate::builder::setters! {
        /// The business document the entry records.
        ///
        /// ```
        /// # use landed::command::ManualEntry;
        /// let e = ManualEntry::new(landed::parse_date("2026-11-30")?, "fees", []).document("BANK-11");
        /// assert_eq!(e.document.as_deref(), Some("BANK-11"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        document: some String;
    }
}

impl ManualLine {
    fn on(account: impl Into<String>) -> Self {
        Self {
            account: account.into(),
            debit: None,
            credit: None,
            amount: None,
            rate: None,
            dimensions: LineDimensions::default(),
        }
    }

    /// A functional debit of `amount` to `account`.
    ///
    /// ```
    /// # use landed::command::ManualLine;
    /// assert_eq!(ManualLine::debit("1100", 5.into()).debit, Some(5.into()));
    /// ```
    pub fn debit(account: impl Into<String>, amount: Decimal) -> Self {
        Self {
            debit: Some(amount),
            ..Self::on(account)
        }
    }

    /// A functional credit of `amount` to `account`.
    ///
    /// ```
    /// # use landed::command::ManualLine;
    /// assert_eq!(ManualLine::credit("3000", 5.into()).credit, Some(5.into()));
    /// ```
    pub fn credit(account: impl Into<String>, amount: Decimal) -> Self {
        Self {
            credit: Some(amount),
            ..Self::on(account)
        }
    }

    /// A transaction `amount` (positive for a debit) converted at `rate`
    /// functional units per unit.
    ///
    /// ```
    /// # use landed::{command::ManualLine, Money};
    /// let line = ManualLine::converted("1200", Money::parse("100.00", "USD")?, "7.10".parse()?);
    /// assert_eq!(line.rate.map(|r| r.to_string()).as_deref(), Some("7.10"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn converted(account: impl Into<String>, amount: Money, rate: Decimal) -> Self {
        Self {
            amount: Some(amount),
            rate: Some(rate),
            ..Self::on(account)
        }
    }

    crate::builder::setters! {
        /// The line's dimensions (SKU, location, channel, document…).
        ///
        /// ```
        /// # use landed::{command::ManualLine, ledger::LineDimensions};
        /// let dims = LineDimensions { location: Some("SZ".into()), ..LineDimensions::default() };
        /// assert_eq!(ManualLine::debit("1100", 1.into()).dimensions(dims.clone()).dimensions, dims);
        /// ```
        dimensions: set LineDimensions;
    }
}
