//! The goods flow's documents and their own rules: suppliers and the rates
//! given to a book, purchase orders and receipts (over-receipt tolerance),
//! transfers and their transit pieces, landed-cost charges and how one is
//! allocated, supplier invoices matched to receipts, and the cost origins that
//! tie units to them. How a command changes them is planned in `book::plan`.

mod landed_cost;
mod purchase;
mod shipment;
mod state;
mod transfer;

pub use landed_cost::{
    AllocationMethod, Capitalised, ChargeKind, ChargeSpec, ConvertedCharge, CostSplit, CostTarget,
    DecimalValue, LandedCostSpec, LineBasis, TransitCapitalised, Voucher, VoucherLine,
    allocate_charge,
};
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
