//! Exchange rates: effective-dated rates per pair and rate type, the lookup
//! policy (exact date or latest within an age), resolution in a fixed order
//! (identity, direct, inverse, pivot), conversion rounded once at the end,
//! and the ECB CSV loader.

mod rate;
mod rate_book;

pub use rate::{Conversion, LookupPolicy, RateLeg, RateType, ResolvedRate};
pub use rate_book::{EcbLoadSummary, RateBook};
