//! Exchange rates: effective-dated rates per pair and rate type, the lookup
//! policy (exact date or latest within an age), resolution in a fixed order
//! (identity, direct, inverse, pivot), conversion rounded once at the end,
//! and the ECB CSV loader.
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::fx::{LookupPolicy, RateBook, RateType};
//! use landed::{Currency, Money, RoundingStrategy};
//! let (usd, cny) = (Currency::from_code("USD")?, Currency::from_code("CNY")?);
//! let mut rates = RateBook::new();
//! rates.insert(usd, cny, RateType::Spot, landed::parse_date("2026-11-02")?, "7.10".parse().unwrap())?;
//! // 2.50 USD on a Wednesday, at the rate of the Monday before.
//! let cost = rates.convert(&Money::parse("2.50", "USD")?, cny, landed::parse_date("2026-11-04")?,
//!     RateType::Spot, LookupPolicy::default(), RoundingStrategy::default())?;
//! assert_eq!(cost.amount.to_string(), "17.75 CNY");
//! # Ok(()) }
//! ```

mod rate;
mod rate_book;

pub use rate::{Conversion, LookupPolicy, RateLeg, RateType, ResolvedRate};
pub use rate_book::{EcbLoadSummary, RateBook};
