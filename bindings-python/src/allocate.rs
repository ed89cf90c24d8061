//! Allocation: `allocate`, `allocate_equal`, `validate_manual`.

use landed::money;
use pyo3::prelude::*;

use crate::convert::{Ints, decimal_from_py};
use crate::errors::{LandedResultExt, shielded};
use crate::money::PyMoney;

/// Splits `total` over `weights` (each a `Decimal`, `int` or `str`) by the
/// largest remainder; the shares always add up to `total` exactly.
#[pyfunction]
#[pyo3(name = "allocate")]
pub(crate) fn allocate_py(
    total: &Bound<'_, PyAny>,
    weights: Vec<Bound<'_, PyAny>>,
) -> PyResult<Vec<PyMoney>> {
    shielded(|| {
        let total = PyMoney::from_arg(total, "total")?;
        let weights = weights
            .iter()
            .map(|weight| decimal_from_py(weight, "weight", Ints::Accepted))
            .collect::<PyResult<Vec<_>>>()?;
        let shares = money::allocate(&total, &weights).into_py()?;
        Ok(shares.into_iter().map(PyMoney).collect())
    })
}

/// Splits `total` into `count` equal shares; the first ones take the leftover
/// minor units.
#[pyfunction]
#[pyo3(name = "allocate_equal")]
pub(crate) fn allocate_equal_py(total: &Bound<'_, PyAny>, count: usize) -> PyResult<Vec<PyMoney>> {
    shielded(|| {
        let total = PyMoney::from_arg(total, "total")?;
        let shares = money::allocate_equal(&total, count).into_py()?;
        Ok(shares.into_iter().map(PyMoney).collect())
    })
}

/// Checks shares given by hand: whole minor units, the total's currency and
/// sign, summing to exactly the total. Returns `None` or raises.
#[pyfunction]
#[pyo3(name = "validate_manual")]
pub(crate) fn validate_manual_py(
    total: &Bound<'_, PyAny>,
    shares: Vec<Bound<'_, PyAny>>,
) -> PyResult<()> {
    shielded(|| {
        let total = PyMoney::from_arg(total, "total")?;
        let shares = shares
            .iter()
            .map(|share| PyMoney::from_arg(share, "each share"))
            .collect::<PyResult<Vec<_>>>()?;
        money::validate_manual(&total, &shares).into_py()
    })
}
