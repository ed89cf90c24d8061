//! The goods flow's documents and their own rules: suppliers and the rates
//! given to a book, purchase orders and receipts (over-receipt tolerance),
//! transfers and their transit pieces, landed-cost charges and how one is
//! allocated, supplier invoices matched to receipts, and the cost origins that
//! tie units to them. How a command changes them is planned in `book::plan`.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Transfer T-1 of the lamp book: 40 lamps left Shenzhen, 39 arrived in
//! // good order and one crushed; then 100.00 USD of sea freight landed on them.
//! let book = lamp_book()?;
//! let line = &book.transfer("T-1")?.lines[0];
//! assert_eq!((line.shipped, line.accepted, line.damaged, line.in_transit()), (40, 39, 1, 0));
//! assert_eq!(line.shipped_value.to_string(), "710.00");
//! let voucher = &lamp_trade(&book).vouchers["LC-1"];
//! assert_eq!(voucher.charges[0].functional.to_string(), "720.00 CNY");
//! # Ok(()) }
//! ```

mod landed_cost;
mod origins;
mod purchase;
mod shipment;
mod state;
mod transfer;

pub use landed_cost::{
    Accrual, AccrualSpec, AllocationMethod, Capitalised, ChargeKind, ChargeSpec, ConvertedCharge,
    CostSplit, CostTarget, DecimalValue, LandedCostSpec, LineBasis, TransitCapitalised, Voucher,
    VoucherLine, allocate_charge,
};
pub use origins::Origins;
pub use purchase::{
    ClosedLine, InvoiceMatchLine, MatchedLine, PurchaseLine, PurchaseLineSpec, PurchaseOrder,
    PurchaseOrderSpec, PurchaseStatus, ReceiptLine, ReceiptLineSpec, SupplierInvoiceSpec,
    SupplierSpec,
};
pub(crate) use purchase::{allowed_quantity, state_error, times, unknown};
pub use shipment::{Milestone, MilestoneRecord, Shipment};
pub use state::{Origin, PriceDifference, RateInput, Trade, TradeSettings};
pub(crate) use transfer::take_from;
pub use transfer::{
    LinePicks, LineQuantity, LotPick, PieceTake, ShortTo, Transfer, TransferLine, TransferLineSpec,
    TransferReceiptLine, TransferSpec, TransferStatus, TransitPiece,
};
