//! # landed
//!
//! The inventory-and-money kernel of a cross-border commerce ERP: exact
//! money and exchange rates, stock by location and bucket, landed cost, and
//! double-entry posting. The crate is pure: no clock, no randomness, no I/O.
//! Time, identifiers and rates come in as inputs, so the same inputs always
//! give byte-identical outputs.
//!
//! The modules follow the domain, so the folder says where a rule lives:
//! [`money`] and [`fx`] (amounts, currencies, allocation, exchange rates),
//! [`catalog`] (SKUs, bundles, locations), [`inventory`] (positions, buckets,
//! valuation pools, lots, stocktakes), [`ledger`] (chart, posting rules,
//! journal, money documents), [`trade`] (purchasing, transfers, landed
//! cost), [`report`] (read-only views), and [`book`], which ties them
//! together: commands, events, execution, replay, snapshots and the planner.
//! Domain modules never reach into the book; the book uses them.
//!
//! ```
//! use landed::{Money, money::allocate};
//! // Spread 0.05 USD of bank fees over two lines weighted 3:7.
//! let shares = allocate(&Money::parse("0.05", "USD")?, &[3.into(), 7.into()])?;
//! assert_eq!(shares[0].to_string(), "0.02 USD");
//! assert_eq!(shares[1].to_string(), "0.03 USD");
//! # Ok::<(), landed::LandedError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod book;
mod builder;
pub mod catalog;
pub mod decimal_text;
pub mod error;
mod fast_hash;
pub mod fx;
pub mod inventory;
pub mod json;
pub mod ledger;
pub mod limits;
pub mod money;
pub mod report;
pub mod sales;
mod seq_map;
pub mod short_text;
mod tagged;
pub mod trade;
mod utc_text;
pub mod vec_map;

pub use book::{Book, BookConfig, Command, Context, Event, RecordedEvent, Snapshot};
/// The date and time crate of the public signatures (dates, command times),
/// so a host uses the same version as the book.
pub use chrono;
pub use chrono::{DateTime, NaiveDate, Utc};
pub use error::{LandedError, Result};
pub use money::{Currency, Money, RoundingStrategy};
/// The decimal crate of the public signatures (amounts, rates, weights),
/// so a host uses the same version as the book.
pub use rust_decimal;
pub use rust_decimal::Decimal;

/// The command types under their own name, [`book::command`]: the
/// documentation of [`Command`] (which is also the description in the
/// published JSON Schema, `docs/schema/command.schema.json`) uses this path.
pub use book::command;

/// A code (SKU, location, account, command id) shared between the book's
/// state, its events and their journal lines: cloning one is a reference
/// count, not a copy. Serialized as a plain string.
pub type Code = std::sync::Arc<str>;

/// Parses an ISO `YYYY-MM-DD` date, the form every binding uses on the wire.
///
/// ```
/// let day = landed::parse_date("2026-10-30")?;
/// assert_eq!(day.to_string(), "2026-10-30");
/// assert_eq!(landed::parse_date("30/10/2026").unwrap_err().code(), "INVALID_DATE");
/// // Exactly ten characters: no missing zeros, no spaces around it.
/// assert!(landed::parse_date("2026-10-3").is_err() && landed::parse_date(" 2026-10-30").is_err());
/// # Ok::<(), landed::LandedError>(())
/// ```
pub fn parse_date(input: &str) -> Result<chrono::NaiveDate> {
    // chrono alone accepts "2026-10-3" and, after a trim, " 2026-10-30";
    // the wire form is one spelling only, as dates inside commands are.
    let shaped = input.len() == 10
        && input.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shaped
        .then(|| chrono::NaiveDate::parse_from_str(input, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| LandedError::InvalidDate {
            input: input.to_owned(),
            expected: "YYYY-MM-DD",
        })
}

/// Parses an RFC 3339 instant (`2026-11-02T09:00:00Z`, or with an offset
/// such as `+08:00`) into UTC: the form of [`Context::at`] on the wire.
///
/// ```
/// use landed::{Context, parse_datetime};
/// let at = parse_datetime("2026-11-02T17:00:00+08:00")?;
/// assert_eq!(at.to_rfc3339(), "2026-11-02T09:00:00+00:00");
/// let context = Context::new(at, "cmd-1").by("alice");
/// assert_eq!(context.actor.as_deref(), Some("alice"));
/// assert_eq!(parse_datetime("2026-11-02 09:00").unwrap_err().code(), "INVALID_DATE");
/// # Ok::<(), landed::LandedError>(())
/// ```
pub fn parse_datetime(input: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(input)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| LandedError::InvalidDate {
            input: input.to_owned(),
            expected: "an RFC 3339 time such as 2026-11-02T09:00:00Z",
        })
}
