"""allocate, allocate_equal and validate_manual, with the issue's vectors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import landed
from landed import Money, allocate, allocate_equal, validate_manual


def amounts(shares: list[Money]) -> list[str]:
    return [str(share.amount) for share in shares]


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (("0.05", "USD"), [3, 7], ["0.02", "0.03"]),
        (("-0.05", "USD"), [3, 7], ["-0.02", "-0.03"]),
        (("100.00", "USD"), [1, 1, 1], ["33.34", "33.33", "33.33"]),
        (("99.99", "USD"), [75, 25], ["74.99", "25.00"]),
        (("0.03", "USD"), [75, 25], ["0.02", "0.01"]),
        (("1000", "JPY"), [1, 1, 1], ["334", "333", "333"]),
    ],
)
def test_issue_vectors(total: tuple[str, str], weights: list[int], expected: list[str]) -> None:
    money = Money(*total)
    shares = allocate(money, weights)
    assert amounts(shares) == expected
    assert all(share.currency == money.currency for share in shares)
    assert sum((s.amount for s in shares), Decimal(0)) == money.amount


def test_weights_may_be_decimal_int_or_str() -> None:
    total = Money("1.000", "KWD")
    expected = ["0.500", "0.250", "0.250"]
    assert amounts(allocate(total, [Decimal("0.5"), Decimal("0.25"), Decimal("0.25")])) == expected
    assert amounts(allocate(total, ["0.5", "0.25", "0.25"])) == expected
    assert amounts(allocate(total, [2, 1, 1])) == expected
    # A tuple is a sequence too.
    assert amounts(allocate(total, (2, 1, 1))) == expected


def test_ties_go_to_the_lowest_index_and_zero_weights_get_zero() -> None:
    assert amounts(allocate(Money("1.00", "EUR"), ["2.5", "2.5", "2.5"])) == ["0.34", "0.33", "0.33"]
    assert amounts(allocate(Money("10.00", "USD"), [0, 1, 0])) == ["0.00", "10.00", "0.00"]


@pytest.mark.parametrize("weight", [0.5, True, None])
def test_float_weights_are_type_errors(weight: Any) -> None:
    with pytest.raises(TypeError, match="weight must be a decimal.Decimal, int or str"):
        allocate(Money("1", "USD"), [1, weight])


def test_weights_must_be_a_sequence_not_a_string() -> None:
    with pytest.raises(TypeError):
        allocate(Money("1", "USD"), "37")


def test_total_must_be_money() -> None:
    with pytest.raises(TypeError, match="total must be a landed.Money"):
        allocate("1 USD", [1])  # type: ignore[arg-type]


def test_allocation_refusals() -> None:
    total = Money("1.00", "USD")
    with pytest.raises(landed.NegativeWeightError) as negative:
        allocate(total, [1, -1])
    assert negative.value.code == "NEGATIVE_WEIGHT"
    assert "#1" in str(negative.value)
    with pytest.raises(landed.AllocationZeroWeightsError) as zero:
        allocate(total, [0, 0])
    assert zero.value.code == "ALLOCATION_ZERO_WEIGHTS"
    with pytest.raises(landed.AllocationZeroWeightsError):
        allocate(total, [])
    with pytest.raises(landed.InvalidAmountError) as fine:
        allocate(Money("1.005", "USD"), [1])
    assert fine.value.code == "INVALID_AMOUNT"


def test_allocate_equal() -> None:
    assert amounts(allocate_equal(Money("1000", "JPY"), 3)) == ["334", "333", "333"]
    assert amounts(allocate_equal(Money("-0.05", "USD"), 2)) == ["-0.03", "-0.02"]
    with pytest.raises(landed.AllocationZeroWeightsError):
        allocate_equal(Money("1", "USD"), 0)
    with pytest.raises(OverflowError):
        allocate_equal(Money("1", "USD"), -1)


def test_validate_manual() -> None:
    total = Money("10.00", "EUR")
    validate_manual(total, [Money("7.50", "EUR"), Money("2.50", "EUR")])  # does not raise
    with pytest.raises(landed.InvalidManualAllocationError) as short:
        validate_manual(total, [Money("7.50", "EUR"), Money("2.49", "EUR")])
    assert short.value.code == "INVALID_MANUAL_ALLOCATION"
    assert "9.99 EUR" in str(short.value)
    with pytest.raises(landed.InvalidManualAllocationError):
        validate_manual(total, [Money("10.001", "EUR")])
    with pytest.raises(landed.InvalidManualAllocationError):
        validate_manual(total, [Money("11", "EUR"), Money("-1", "EUR")])
    with pytest.raises(landed.CurrencyMismatchError):
        validate_manual(total, [Money("10", "USD")])
    negative = Money("-10.00", "USD")
    validate_manual(negative, [Money("-4", "USD"), Money("-6", "USD")])  # does not raise
    with pytest.raises(TypeError, match="each share must be a landed.Money"):
        validate_manual(total, ["10.00 EUR"])  # type: ignore[list-item]
