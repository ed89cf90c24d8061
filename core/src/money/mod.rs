//! Money: ISO 4217 currencies and their minor units, exact amounts with
//! checked arithmetic and explicit rounding, and exact allocation of an
//! amount over weights (largest remainder, so shares add up to the last
//! minor unit).
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::Money;
//! let price = Money::parse("2.60", "USD")?;
//! let line = price.checked_mul(50.into())?;
//! assert_eq!(line.to_string(), "130.00 USD");
//! assert_eq!(line.checked_add(&Money::parse("1", "EUR")?).unwrap_err().code(), "CURRENCY_MISMATCH");
//! # Ok(()) }
//! ```

mod allocate;
mod amount;
mod currency;
mod iso4217;

pub use allocate::{
    MAX_EQUAL_SHARES, allocate, allocate_equal, allocate_minor_units, validate_manual,
};
#[cfg(feature = "schema")]
pub use amount::DecimalString;
pub use amount::{Money, RoundingStrategy, at_scale, parse_decimal};
pub use currency::Currency;
