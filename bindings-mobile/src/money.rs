//! Currencies, money arithmetic and allocation.

use landed::money as core_money;

use crate::convert::{
    Currency, Decimal, Money, RoundingStrategy, currency_code, moneys_from_core, moneys_to_core,
};
use crate::error::{LandedError, guard};

/// Looks up an ISO 4217 currency by its alphabetic code (case-insensitive).
/// Fails with `UNKNOWN_CURRENCY`.
#[uniffi::export]
pub fn currency(code: String) -> Result<Currency, LandedError> {
    guard(|| Ok(currency_code(&code)?.into()))
}

/// `amount` in `currency`, with the code checked and upper-cased.
/// Fails with `UNKNOWN_CURRENCY`.
#[uniffi::export]
pub fn money_of(amount: Decimal, currency: String) -> Result<Money, LandedError> {
    guard(|| Ok(landed::Money::new(amount, currency_code(&currency)?).into()))
}

/// Parses `"12.34 USD"` (or `"USD 12.34"`). Fails with `INVALID_AMOUNT` or
/// `UNKNOWN_CURRENCY`.
#[uniffi::export]
pub fn parse_money(text: String) -> Result<Money, LandedError> {
    guard(|| Ok(text.parse::<landed::Money>()?.into()))
}

#[uniffi::export]
impl Money {
    /// `self + other`; fails with `CURRENCY_MISMATCH` or `DECIMAL_OVERFLOW`.
    pub fn add(&self, other: Money) -> Result<Money, LandedError> {
        guard(|| Ok(self.to_core()?.checked_add(&other.to_core()?)?.into()))
    }

    /// `self - other`; fails with `CURRENCY_MISMATCH` or `DECIMAL_OVERFLOW`.
    pub fn sub(&self, other: Money) -> Result<Money, LandedError> {
        guard(|| Ok(self.to_core()?.checked_sub(&other.to_core()?)?.into()))
    }

    /// `-self`.
    pub fn neg(&self) -> Result<Money, LandedError> {
        guard(|| Ok(self.to_core()?.neg().into()))
    }

    /// `self × factor` at full precision (no rounding); fails with
    /// `DECIMAL_OVERFLOW`.
    pub fn mul(&self, factor: Decimal) -> Result<Money, LandedError> {
        guard(|| Ok(self.to_core()?.checked_mul(factor)?.into()))
    }

    /// Rounds to the currency's minor units; `null` means
    /// `HALF_AWAY_FROM_ZERO`. (uniffi cannot default an enum argument to a
    /// variant, hence the optional.)
    #[uniffi::method(default(strategy = None))]
    pub fn round(&self, strategy: Option<RoundingStrategy>) -> Result<Money, LandedError> {
        let strategy = strategy.unwrap_or_default().into();
        guard(|| Ok(self.to_core()?.round(strategy).into()))
    }

    /// True if the amount has no digits below the currency's minor unit.
    pub fn is_rounded(&self) -> Result<bool, LandedError> {
        guard(|| Ok(self.to_core()?.is_rounded()))
    }
}

/// Splits `total` over `weights` by largest remainder: the shares add up to
/// `total` exactly. Fails with `ALLOCATION_ZERO_WEIGHTS`, `NEGATIVE_WEIGHT`,
/// or `INVALID_AMOUNT` (a total finer than the minor unit).
#[uniffi::export]
pub fn allocate(total: Money, weights: Vec<Decimal>) -> Result<Vec<Money>, LandedError> {
    guard(|| {
        let shares = core_money::allocate(&total.to_core()?, &weights)?;
        Ok(moneys_from_core(shares))
    })
}

/// Splits `total` into `count` equal shares, the first ones taking the
/// leftover minor units. A `count` of zero fails with
/// `ALLOCATION_ZERO_WEIGHTS`.
#[uniffi::export]
pub fn allocate_equal(total: Money, count: u32) -> Result<Vec<Money>, LandedError> {
    guard(|| {
        // u32 always fits in usize on the 32- and 64-bit targets uniffi supports.
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        let shares = core_money::allocate_equal(&total.to_core()?, count)?;
        Ok(moneys_from_core(shares))
    })
}

/// Checks shares given by hand: whole minor units, the total's sign and
/// currency, summing to exactly `total`. Fails with
/// `INVALID_MANUAL_ALLOCATION` or `CURRENCY_MISMATCH`.
#[uniffi::export]
pub fn validate_manual(total: Money, shares: Vec<Money>) -> Result<(), LandedError> {
    guard(|| core_money::validate_manual(&total.to_core()?, &moneys_to_core(&shares)?))
}
