//! # landed
//!
//! The inventory-and-money kernel of a cross-border commerce ERP: exact
//! money and exchange rates, stock by location and bucket, landed cost, and
//! double-entry posting. The crate is pure: no clock, no randomness, no I/O.
//! Time, identifiers and rates come in as inputs, so the same inputs always
//! give byte-identical outputs.
//!
//! ```
//! use landed::{Money, allocate::allocate};
//! // Spread 0.05 USD of bank fees over two lines weighted 3:7.
//! let shares = allocate(&Money::parse("0.05", "USD")?, &[3.into(), 7.into()])?;
//! assert_eq!(shares[0].to_string(), "0.02 USD");
//! assert_eq!(shares[1].to_string(), "0.03 USD");
//! # Ok::<(), landed::LandedError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod allocate;
pub mod book;
pub mod catalog;
pub mod command;
mod command_index;
pub mod decimal_text;
pub mod error;
pub mod event;
mod fast_hash;
pub mod fx;
mod integrity;
mod iso4217;
pub mod json;
pub mod landed_cost;
pub mod ledger;
pub mod limits;
pub mod money;
mod posting;
pub mod purchase;
pub mod report;
pub mod settlement;
mod sku_map;
pub mod stock;
pub mod trade;
pub mod transfer;
pub mod valuation;

pub use error::{LandedError, Result};

/// A code (SKU, location, account, command id) shared between the book's
/// state, its events and their journal lines: cloning one is a reference
/// count, not a copy. Serialized as a plain string.
pub type Code = std::sync::Arc<str>;
pub use money::{Currency, Money, RoundingStrategy};

/// Parses an ISO `YYYY-MM-DD` date, the form every binding uses on the wire.
///
/// ```
/// let day = landed::parse_date("2026-10-30")?;
/// assert_eq!(day.to_string(), "2026-10-30");
/// assert_eq!(landed::parse_date("30/10/2026").unwrap_err().code(), "INVALID_DATE");
/// # Ok::<(), landed::LandedError>(())
/// ```
pub fn parse_date(input: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| {
        LandedError::InvalidDate {
            input: input.to_owned(),
        }
    })
}
