//! Money: ISO 4217 currencies and their minor units, exact amounts with
//! checked arithmetic and explicit rounding, and exact allocation of an
//! amount over weights (largest remainder, so shares add up to the last
//! minor unit).

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
