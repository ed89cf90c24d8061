//! Double-entry bookkeeping: the chart of accounts, account roles and the
//! posting rules that pick an account (most specific wins), journal entries
//! with their balance and period-lock checks and running totals, and money
//! documents (invoices, settlements, revaluation, aging).
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // The first receipt of the lamp book posted its voucher at once:
//! // Dr 1300 Inventory / Cr 2100 Goods received not invoiced, 100 × 17.75.
//! let mut book = lamp_book_until("GRN-0")?;
//! let command = landed::Command::from_json(r#"{"type":"receive","sku":"LAMP","location":"SZ",
//!     "quantity":100,"unit_cost":{"amount":"17.75","currency":"CNY"}}"#)?;
//! let out = book.execute(command, &ctx("2026-11-02", "GRN-0")?)?;
//! assert_eq!(posted(&out), [("1300".into(), "1775.00".into(), "0.00".into()),
//!     ("2100".into(), "0.00".into(), "1775.00".into())]);
//! # Ok(()) }
//! ```

mod chart;
mod journal;
mod settlement;

pub(crate) use chart::PostingFacts;
pub use chart::{Account, AccountRole, AccountType, ChartSpec, LedgerSetup, PostingRule};
pub use journal::{JournalEntry, JournalLine, LineDimensions};
pub(crate) use journal::{Ledger, Sums, Totals, add_exact, two_lines};
pub use settlement::{
    AgedItem, Allocation, DocumentKind, InvoiceSpec, OpenItem, PaymentPart, PaymentSpec, RateValue,
    RevaluationSpec, Settled, SettlementSpec, aging_bucket,
};
