//! The crate's single error type.
//!
//! Every variant has a stable machine code (see [`LandedError::code`]) that
//! the bindings expose unchanged, so a host can branch on `"RATE_NOT_FOUND"`
//! in Python, JavaScript or Kotlin alike. Messages are for people and may be
//! reworded; codes are a contract and never change meaning.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Every way a `landed` operation can fail.
///
/// ```
/// use landed::{Currency, LandedError};
/// let err = Currency::from_code("ZZZ").unwrap_err();
/// assert_eq!(err.code(), "UNKNOWN_CURRENCY");
/// assert!(matches!(err, LandedError::UnknownCurrency { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LandedError {
    /// Two amounts in different currencies were combined.
    #[error("currency mismatch: {left} and {right} cannot be combined")]
    CurrencyMismatch {
        /// Currency of the left operand.
        left: String,
        /// Currency of the right operand.
        right: String,
    },

    /// The code is not an ISO 4217 currency with a minor unit.
    #[error("unknown currency code {code:?}")]
    UnknownCurrency {
        /// The code as given.
        code: String,
    },

    /// An arithmetic result does not fit in a 96-bit decimal.
    #[error("decimal overflow in {operation}")]
    DecimalOverflow {
        /// What was being computed.
        operation: String,
    },

    /// An amount could not be parsed or is not acceptable where it was given.
    #[error("invalid amount {input:?}: {reason}")]
    InvalidAmount {
        /// The offending text or value.
        input: String,
        /// Why it was refused.
        reason: String,
    },

    /// Allocation over weights that are all zero (or over no weights).
    /// Callers that want an equal split use [`crate::allocate::allocate_equal`].
    #[error("cannot allocate {total} over {count} weights that are all zero")]
    AllocationZeroWeights {
        /// The amount that was to be split.
        total: String,
        /// How many weights were given.
        count: usize,
    },

    /// A negative allocation weight.
    #[error("allocation weight #{index} is negative ({weight})")]
    NegativeWeight {
        /// Position of the weight.
        index: usize,
        /// The weight.
        weight: Decimal,
    },

    /// Manual shares that do not add up to the total, or have the wrong sign.
    #[error("manual allocation is invalid: {reason} (total {total}, shares sum to {sum})")]
    InvalidManualAllocation {
        /// The amount to split.
        total: String,
        /// What the shares add up to.
        sum: String,
        /// Which rule was broken.
        reason: String,
    },

    /// No rate for a pair on a date under the lookup policy.
    #[error("no {rate_type} rate {base}/{quote} for {date} (policy: {policy})")]
    RateNotFound {
        /// Base currency searched.
        base: String,
        /// Quote currency searched.
        quote: String,
        /// Date searched.
        date: NaiveDate,
        /// Rate type searched.
        rate_type: String,
        /// Lookup policy in force.
        policy: String,
    },

    /// The latest rate before the date is older than the policy allows.
    #[error(
        "{rate_type} rate {base}/{quote} for {date} is stale: latest is {found_date}, {age_days} days old (max {max_age_days})"
    )]
    RateStale {
        /// Base currency searched.
        base: String,
        /// Quote currency searched.
        quote: String,
        /// Date searched.
        date: NaiveDate,
        /// Rate type searched.
        rate_type: String,
        /// Date of the newest earlier rate.
        found_date: NaiveDate,
        /// Its age in days.
        age_days: i64,
        /// The policy's maximum age.
        max_age_days: u32,
    },

    /// A rate that is zero or negative.
    #[error("rate {base}/{quote} on {date} must be positive, got {rate}")]
    NonPositiveRate {
        /// Base currency.
        base: String,
        /// Quote currency.
        quote: String,
        /// Effective date.
        date: NaiveDate,
        /// The refused rate.
        rate: Decimal,
    },

    /// A rate file that cannot be read.
    #[error("rate file line {line}: {reason}")]
    InvalidRateFile {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },

    /// A date string that is not `YYYY-MM-DD`.
    #[error("invalid date {input:?}: expected YYYY-MM-DD")]
    InvalidDate {
        /// The text as given.
        input: String,
    },

    /// An enumerated option (rate type, rounding strategy…) with an unknown name.
    #[error("invalid {what} {input:?}; expected one of {expected}")]
    InvalidOption {
        /// Which option.
        what: String,
        /// The text as given.
        input: String,
        /// The accepted names.
        expected: String,
    },

    /// A panic caught at a binding boundary. The core never panics on input;
    /// seeing this code means a bug worth reporting.
    #[error("internal error: {detail}")]
    Internal {
        /// What was caught.
        detail: String,
    },
}

impl LandedError {
    /// The stable machine code of this error, e.g. `"RATE_NOT_FOUND"`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::CurrencyMismatch { .. } => "CURRENCY_MISMATCH",
            Self::UnknownCurrency { .. } => "UNKNOWN_CURRENCY",
            Self::DecimalOverflow { .. } => "DECIMAL_OVERFLOW",
            Self::InvalidAmount { .. } => "INVALID_AMOUNT",
            Self::AllocationZeroWeights { .. } => "ALLOCATION_ZERO_WEIGHTS",
            Self::NegativeWeight { .. } => "NEGATIVE_WEIGHT",
            Self::InvalidManualAllocation { .. } => "INVALID_MANUAL_ALLOCATION",
            Self::RateNotFound { .. } => "RATE_NOT_FOUND",
            Self::RateStale { .. } => "RATE_STALE",
            Self::NonPositiveRate { .. } => "NON_POSITIVE_RATE",
            Self::InvalidRateFile { .. } => "INVALID_RATE_FILE",
            Self::InvalidDate { .. } => "INVALID_DATE",
            Self::InvalidOption { .. } => "INVALID_OPTION",
            Self::Internal { .. } => "INTERNAL",
        }
    }

    /// Every code this version can return, for bindings that declare one
    /// exception class per code.
    pub const CODES: &'static [&'static str] = &[
        "CURRENCY_MISMATCH",
        "UNKNOWN_CURRENCY",
        "DECIMAL_OVERFLOW",
        "INVALID_AMOUNT",
        "ALLOCATION_ZERO_WEIGHTS",
        "NEGATIVE_WEIGHT",
        "INVALID_MANUAL_ALLOCATION",
        "RATE_NOT_FOUND",
        "RATE_STALE",
        "NON_POSITIVE_RATE",
        "INVALID_RATE_FILE",
        "INVALID_DATE",
        "INVALID_OPTION",
        "INTERNAL",
    ];

    pub(crate) fn overflow(operation: &str) -> Self {
        Self::DecimalOverflow {
            operation: operation.to_owned(),
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = LandedError> = std::result::Result<T, E>;
