//! Exact allocation of an amount over weights.
//!
//! Freight, duty and fees are spread over goods by quantity, value, weight…
//! The rule that keeps the books whole: work in integer minor units, give
//! every share the floor of its exact proportion, then hand the leftover
//! units one each to the shares with the largest remainders (ties go to the
//! lowest index, so the result never depends on sort stability). The shares
//! always add up to the total, to the cent (or yen, or fils).
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::money::allocate_equal;
//! use landed::Money;
//! // 100.00 over three lines: the shares add up to the last cent.
//! let shares = allocate_equal(&Money::parse("100.00", "CNY")?, 3)?;
//! let text: Vec<_> = shares.iter().map(|m| m.to_string()).collect();
//! assert_eq!(text, ["33.34 CNY", "33.33 CNY", "33.33 CNY"]);
//! # Ok(()) }
//! ```

use rust_decimal::Decimal;

use crate::error::{LandedError, Result};
use crate::money::Money;

/// Splits `total` over `weights`, largest remainder first.
///
/// * zero weights get zero;
/// * a negative total gives non-positive shares (the split of its absolute
///   value, negated);
/// * negative weights are refused ([`LandedError::NegativeWeight`]);
/// * weights that are all zero (or none at all) are refused with
///   [`LandedError::AllocationZeroWeights`]: the caller decides whether an
///   equal split ([`allocate_equal`]) is the right fallback;
/// * `total` must be a whole number of minor units.
///
/// ```
/// use landed::{Money, money::allocate};
/// let shares = allocate(&Money::parse("100.00", "USD")?, &[1.into(), 1.into(), 1.into()])?;
/// let shown: Vec<String> = shares.iter().map(|m| m.amount.to_string()).collect();
/// assert_eq!(shown, ["33.34", "33.33", "33.33"]);
/// # Ok::<(), landed::LandedError>(())
/// ```
pub fn allocate(total: &Money, weights: &[Decimal]) -> Result<Vec<Money>> {
    let currency = total.currency;
    match split(total, weights)? {
        Shares::Small { units, negative } => {
            // Straight to 96-bit decimals: no intermediate 128-bit vector.
            Ok(units
                .into_iter()
                .map(|u| {
                    let amount = Decimal::from_parts(
                        u as u32,
                        (u >> 32) as u32,
                        0,
                        negative && u != 0,
                        currency.minor_units(),
                    );
                    Money::new(amount, currency)
                })
                .collect())
        }
        Shares::Large(units) => units
            .into_iter()
            .map(|u| Money::from_minor_units(u, currency))
            .collect(),
    }
}

/// Splits `total` into `count` equal shares (the first ones take the
/// leftover minor units). `count` of zero is refused.
///
/// ```
/// use landed::{Money, money::allocate_equal};
/// let shares = allocate_equal(&Money::parse("1000", "JPY")?, 3)?;
/// assert_eq!(shares[0].amount.to_string(), "334");
/// # Ok::<(), landed::LandedError>(())
/// ```
pub fn allocate_equal(total: &Money, count: usize) -> Result<Vec<Money>> {
    if count > MAX_EQUAL_SHARES {
        // Refused before allocating: a count from a host could otherwise ask
        // for more memory than the machine has.
        return Err(LandedError::InvalidQuantity {
            quantity: i64::try_from(count).unwrap_or(i64::MAX),
            reason: format!("an equal split has at most {MAX_EQUAL_SHARES} shares"),
        });
    }
    allocate(total, &vec![Decimal::ONE; count])
}

/// Most shares [`allocate_equal`] produces.
pub const MAX_EQUAL_SHARES: usize = 10_000_000;

/// The same split as [`allocate`], as integer minor units.
pub fn allocate_minor_units(total: &Money, weights: &[Decimal]) -> Result<Vec<i128>> {
    Ok(match split(total, weights)? {
        Shares::Small { units, negative } => {
            let sign = if negative { -1 } else { 1 };
            units.into_iter().map(|u| sign * i128::from(u)).collect()
        }
        Shares::Large(units) => units,
    })
}

/// Shares in minor units: 64-bit magnitudes and a sign when every product
/// of the total and a weight fits in 64 bits (the usual case, and several
/// times faster), else signed 128-bit values.
enum Shares {
    Small { units: Vec<u64>, negative: bool },
    Large(Vec<i128>),
}

/// A weight as an integer at the common `scale`.
fn scaled(weight: &Decimal, scale: u32) -> Option<i128> {
    weight
        .mantissa()
        .checked_mul(10_i128.checked_pow(scale - weight.scale())?)
}

fn split(total: &Money, weights: &[Decimal]) -> Result<Shares> {
    let total_units = total.to_minor_units()?;
    let overflow = || LandedError::overflow("allocation");
    if u32::try_from(weights.len()).is_err() {
        return Err(overflow());
    }

    // One common scale so the arithmetic is on integers.
    let mut scale = 0;
    for (index, weight) in weights.iter().enumerate() {
        if weight.is_sign_negative() && !weight.is_zero() {
            return Err(LandedError::NegativeWeight {
                index,
                weight: *weight,
            });
        }
        scale = scale.max(weight.scale());
    }
    let mut weight_sum: i128 = 0;
    let mut max_weight: i128 = 0;
    for weight in weights {
        let w = scaled(weight, scale).ok_or_else(overflow)?;
        weight_sum = weight_sum.checked_add(w).ok_or_else(overflow)?;
        max_weight = max_weight.max(w);
    }
    if weight_sum == 0 {
        return Err(LandedError::AllocationZeroWeights {
            total: total.to_string(),
            count: weights.len(),
        });
    }

    let magnitude = total_units.checked_abs().ok_or_else(overflow)?;
    let fits_u64 = magnitude
        .checked_mul(max_weight)
        .is_some_and(|m| u64::try_from(m).is_ok());
    if fits_u64 {
        let units = split_u64(magnitude as u64, weight_sum as u64, weights, scale);
        return Ok(Shares::Small {
            units,
            negative: total_units < 0,
        });
    }
    let mut units = split_i128(magnitude, weight_sum, weights, scale)?;
    if total_units < 0 {
        for share in &mut units {
            *share = -*share;
        }
    }
    Ok(Shares::Large(units))
}

/// Floors of `magnitude × w / sum` plus one unit each for the largest
/// remainders (ties to the lowest index), in 64-bit arithmetic.
fn split_u64(magnitude: u64, sum: u64, weights: &[Decimal], scale: u32) -> Vec<u64> {
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u64, u32)> = Vec::new();
    let mut handed_out = 0u64;
    for (index, weight) in weights.iter().enumerate() {
        // The caller checked that every scaled weight exists and that
        // magnitude × the largest one fits in 64 bits.
        let w = scaled(weight, scale).unwrap_or(0) as u64;
        let numerator = magnitude * w;
        let share = numerator / sum;
        handed_out += share;
        shares.push(share);
        let remainder = numerator - share * sum;
        if remainder > 0 {
            remainders.push((remainder, index as u32));
        }
    }
    hand_out_leftover(&mut remainders, (magnitude - handed_out) as usize, |i| {
        shares[i] += 1
    });
    shares
}

/// The same in 128-bit arithmetic, for totals and weights that need it.
fn split_i128(magnitude: i128, sum: i128, weights: &[Decimal], scale: u32) -> Result<Vec<i128>> {
    let overflow = || LandedError::overflow("allocation");
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(i128, u32)> = Vec::new();
    let mut handed_out = 0i128;
    for (index, weight) in weights.iter().enumerate() {
        let w = scaled(weight, scale).ok_or_else(overflow)?;
        let numerator = magnitude.checked_mul(w).ok_or_else(overflow)?;
        let share = numerator / sum;
        handed_out += share;
        shares.push(share);
        let remainder = numerator % sum;
        if remainder > 0 {
            remainders.push((remainder, index as u32));
        }
    }
    let leftover = usize::try_from(magnitude - handed_out).map_err(|_| overflow())?;
    hand_out_leftover(&mut remainders, leftover, |i| shares[i] += 1);
    Ok(shares)
}

/// Gives one more unit to each of the `leftover` shares with the largest
/// remainders, ties to the lowest index. There are always fewer leftover
/// units than non-zero remainders: each remainder is below one unit, and
/// together they make exactly the leftover.
fn hand_out_leftover<R: Ord + Copy>(
    remainders: &mut [(R, u32)],
    leftover: usize,
    mut bump: impl FnMut(usize),
) {
    if leftover == 0 {
        return;
    }
    // Largest remainder first, then lowest index: a total order, so
    // selecting the first `leftover` is deterministic and O(n).
    let by_priority = |a: &(R, u32), b: &(R, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if leftover < remainders.len() {
        remainders.select_nth_unstable_by(leftover - 1, by_priority);
    }
    for (_, index) in remainders.iter().take(leftover) {
        bump(*index as usize);
    }
}

/// Checks shares given by hand: each a whole number of minor units in the
/// total's currency, none of the opposite sign to the total, summing to
/// exactly the total.
///
/// ```
/// use landed::{Money, money::validate_manual};
/// let total = Money::parse("10.00", "EUR")?;
/// let ok = [Money::parse("7.50", "EUR")?, Money::parse("2.50", "EUR")?];
/// validate_manual(&total, &ok)?;
/// let short = [Money::parse("7.50", "EUR")?, Money::parse("2.49", "EUR")?];
/// assert_eq!(validate_manual(&total, &short).unwrap_err().code(), "INVALID_MANUAL_ALLOCATION");
/// # Ok::<(), landed::LandedError>(())
/// ```
pub fn validate_manual(total: &Money, shares: &[Money]) -> Result<()> {
    let mut sum = Money::zero(total.currency);
    let refuse = |sum: &Money, reason: String| LandedError::InvalidManualAllocation {
        total: total.to_string(),
        sum: sum.to_string(),
        reason,
    };
    for (index, share) in shares.iter().enumerate() {
        sum = sum.checked_add(share)?;
        if !share.is_rounded() {
            return Err(refuse(
                &sum,
                format!("share #{index} ({share}) is finer than the currency's minor unit"),
            ));
        }
        let wrong_sign = (total.amount.is_sign_negative() && share.amount > Decimal::ZERO)
            || (!total.amount.is_sign_negative() && share.amount < Decimal::ZERO);
        if wrong_sign {
            return Err(refuse(
                &sum,
                format!("share #{index} ({share}) has the opposite sign to the total"),
            ));
        }
    }
    if sum.amount != total.amount {
        return Err(refuse(&sum, "shares do not sum to the total".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(total: &str, weights: &[&str]) -> Vec<String> {
        let total: Money = total.parse().unwrap();
        let weights: Vec<Decimal> = weights.iter().map(|w| w.parse().unwrap()).collect();
        allocate(&total, &weights)
            .unwrap()
            .iter()
            .map(|m| m.amount.to_string())
            .collect()
    }

    #[test]
    fn issue_vectors() {
        assert_eq!(split("0.05 USD", &["3", "7"]), ["0.02", "0.03"]);
        assert_eq!(split("-0.05 USD", &["3", "7"]), ["-0.02", "-0.03"]);
        assert_eq!(
            split("100.00 USD", &["1", "1", "1"]),
            ["33.34", "33.33", "33.33"]
        );
        assert_eq!(split("99.99 USD", &["75", "25"]), ["74.99", "25.00"]);
        assert_eq!(split("0.03 USD", &["75", "25"]), ["0.02", "0.01"]);
        assert_eq!(split("1000 JPY", &["1", "1", "1"]), ["334", "333", "333"]);
    }

    #[test]
    fn zero_weights_and_decimal_weights() {
        assert_eq!(
            split("10.00 USD", &["0", "1", "0"]),
            ["0.00", "10.00", "0.00"]
        );
        assert_eq!(
            split("1.000 KWD", &["0.5", "0.25", "0.25"]),
            ["0.500", "0.250", "0.250"]
        );
        // Remainders 1/3 each after 0.33: ties go to the lowest index.
        assert_eq!(
            split("1.00 EUR", &["2.5", "2.5", "2.5"]),
            ["0.34", "0.33", "0.33"]
        );
        // Weight 2 has the largest remainder (0.8 vs 0.6 vs 0.6).
        assert_eq!(
            split("0.10 USD", &["3", "3", "4"]),
            ["0.03", "0.03", "0.04"]
        );
    }

    #[test]
    fn refusals() {
        let total: Money = "1.00 USD".parse().unwrap();
        let err = allocate(&total, &[Decimal::ONE, Decimal::NEGATIVE_ONE]).unwrap_err();
        assert_eq!(
            err,
            LandedError::NegativeWeight {
                index: 1,
                weight: Decimal::NEGATIVE_ONE
            }
        );
        assert_eq!(
            allocate(&total, &[Decimal::ZERO, Decimal::ZERO])
                .unwrap_err()
                .code(),
            "ALLOCATION_ZERO_WEIGHTS"
        );
        assert_eq!(
            allocate(&total, &[]).unwrap_err().code(),
            "ALLOCATION_ZERO_WEIGHTS"
        );
        let fine: Money = "1.005 USD".parse().unwrap();
        assert_eq!(
            allocate(&fine, &[Decimal::ONE]).unwrap_err().code(),
            "INVALID_AMOUNT"
        );
        assert_eq!(
            allocate_equal(&total, 0).unwrap_err().code(),
            "ALLOCATION_ZERO_WEIGHTS"
        );
    }

    #[test]
    fn manual_validation() {
        let total: Money = "-10.00 USD".parse().unwrap();
        let m = |s: &str| s.parse::<Money>().unwrap();
        assert!(validate_manual(&total, &[m("-4 USD"), m("-6 USD")]).is_ok());
        assert!(validate_manual(&total, &[m("-11 USD"), m("1 USD")]).is_err());
        assert!(validate_manual(&total, &[m("-10.001 USD")]).is_err());
        assert_eq!(
            validate_manual(&total, &[m("-10 EUR")]).unwrap_err().code(),
            "CURRENCY_MISMATCH"
        );
    }
}
