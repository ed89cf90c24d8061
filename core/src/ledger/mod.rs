//! Double-entry bookkeeping: the chart of accounts, account roles and the
//! posting rules that pick an account (most specific wins), journal entries
//! with their balance and period-lock checks and running totals, and money
//! documents (invoices, settlements, revaluation, aging).

mod chart;
mod journal;
mod settlement;

pub(crate) use chart::PostingFacts;
pub use chart::{Account, AccountRole, AccountType, ChartSpec, LedgerSetup, PostingRule};
pub use journal::{JournalEntry, JournalLine, LineDimensions};
pub(crate) use journal::{Ledger, Sums, Totals, two_lines};
pub use settlement::{
    AgedItem, DocumentKind, InvoiceSpec, OpenItem, RateValue, RevaluationSpec, Settled,
    SettlementSpec, aging_bucket,
};
