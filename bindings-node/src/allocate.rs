//! `allocate`, `allocateEqual` and `validateManual`.

use napi_derive::napi;

use crate::convert::{self, DecimalArg};
use crate::error::{JsError, guard};
use crate::money::Money;

fn to_js_list(shares: Vec<landed::Money>) -> Vec<Money> {
    shares.into_iter().map(Money::from).collect()
}

/// Splits `total` over `weights` by largest remainder: the shares are
/// whole minor units and always add up to `total`. A weight is a decimal
/// string (`"1.5"`) or a whole number (`3`, a safe integer).
/// Throws `ALLOCATION_ZERO_WEIGHTS`, `NEGATIVE_WEIGHT`, or `INVALID_AMOUNT`
/// (a total finer than its minor unit, or a weight that is a number with a
/// fraction or not a decimal at all).
#[napi]
pub fn allocate(
    total: &Money,
    #[napi(ts_arg_type = "Array<string | number>")] weights: Vec<DecimalArg<'_>>,
) -> Result<Vec<Money>, JsError> {
    guard(|| {
        let weights = convert::weights(weights, "weight")?;
        Ok(to_js_list(landed::money::allocate(&total.inner, &weights)?))
    })
}

/// Splits `total` into `count` equal shares; the first shares take the
/// leftover minor units. Throws `ALLOCATION_ZERO_WEIGHTS` for a count of 0
/// and `INVALID_OPTION` for a count that is not a whole number.
#[napi]
pub fn allocate_equal(total: &Money, count: f64) -> Result<Vec<Money>, JsError> {
    guard(|| {
        let count = convert::whole_number(count, "count")?;
        // u32 always fits in usize on the 32- and 64-bit targets Node runs on.
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        Ok(to_js_list(landed::money::allocate_equal(
            &total.inner,
            count,
        )?))
    })
}

/// Checks shares given by hand: whole minor units of the total's currency,
/// none of the opposite sign, summing exactly to `total`. Returns nothing;
/// throws `INVALID_MANUAL_ALLOCATION` (or `CURRENCY_MISMATCH`).
#[napi]
pub fn validate_manual(total: &Money, shares: Vec<&Money>) -> Result<(), JsError> {
    guard(|| {
        let shares: Vec<landed::Money> = shares.iter().map(|share| share.inner).collect();
        landed::money::validate_manual(&total.inner, &shares)
    })
}
