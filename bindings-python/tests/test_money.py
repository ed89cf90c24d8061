"""Currency and Money: construction, exactness, arithmetic, rounding, forms."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pytest

import landed
from landed import Currency, Money


@pytest.mark.parametrize(
    ("code", "minor_units"),
    [("JPY", 0), ("KRW", 0), ("USD", 2), ("EUR", 2), ("BHD", 3), ("KWD", 3), ("CLF", 4)],
)
def test_iso_minor_units(code: str, minor_units: int) -> None:
    assert Currency(code).minor_units == minor_units


def test_currency_attributes_and_forms() -> None:
    usd = Currency("usd")
    assert usd.code == "USD"
    assert usd.numeric_code == 840
    assert usd.is_historical is False
    assert Currency("CYP").is_historical is True
    assert str(usd) == "USD"
    assert repr(usd) == "Currency('USD')"
    assert usd == Currency("USD")
    assert usd != Currency("EUR")
    assert hash(usd) == hash(Currency("USD"))
    assert pickle.loads(pickle.dumps(usd)) == usd
    codes = [c.code for c in Currency.all()]
    assert codes == sorted(codes)
    assert {"USD", "EUR", "JPY", "CLF"} <= set(codes)


@pytest.mark.parametrize("code", ["ZZZ", "US", "USDX", "", "XAU", "12A"])
def test_unknown_currency(code: str) -> None:
    with pytest.raises(landed.UnknownCurrencyError) as caught:
        Currency(code)
    assert caught.value.code == "UNKNOWN_CURRENCY"
    with pytest.raises(landed.UnknownCurrencyError):
        Money("1", code)


def test_amount_is_exact_decimal_both_ways() -> None:
    money = Money(Decimal("12.340"), "USD")
    assert isinstance(money.amount, Decimal)
    # The scale is kept digit for digit.
    assert str(money.amount) == "12.340"
    assert Money("0.1", "USD").amount == Decimal("0.1")
    assert Money("-3.3333333", "usd").amount == Decimal("-3.3333333")
    assert money.currency == "USD"
    assert Money("1", Currency("JPY")).currency == "JPY"


def test_decimal_in_exponent_form_is_read_exactly() -> None:
    # str(Decimal("1E+3")) is "1E+3", which the core would refuse: the
    # binding formats it plainly instead.
    assert Money(Decimal("1E+3"), "USD").amount == Decimal("1000")
    assert str(Money(Decimal("1E-7"), "USD").amount) == "1E-7"
    assert Money(Decimal("1E-7"), "USD").amount == Decimal("0.0000001")


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), "1e3", "abc", "", "1.2.3"])
def test_invalid_amounts(bad: Any) -> None:
    with pytest.raises(landed.InvalidAmountError) as caught:
        Money(bad, "USD")
    assert caught.value.code == "INVALID_AMOUNT"


def test_more_digits_than_a_decimal_holds_is_refused_not_rounded() -> None:
    with pytest.raises(landed.InvalidAmountError):
        Money(Decimal("0." + "1" * 40), "USD")
    with pytest.raises(landed.InvalidAmountError):
        Money("1" * 40, "USD")


@pytest.mark.parametrize("bad", [1.5, 0.1, True, 12, None, [1]])
def test_non_decimal_amounts_are_type_errors(bad: Any) -> None:
    with pytest.raises(TypeError) as caught:
        Money(bad, "USD")
    assert "amount must be a decimal.Decimal or str" in str(caught.value)


def test_float_message_explains_why() -> None:
    with pytest.raises(TypeError, match="floats are inexact"):
        Money(0.1, "USD")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ambiguous for money"):
        Money(1234, "USD")  # type: ignore[arg-type]


def test_minor_units() -> None:
    assert Money.from_minor_units(1234, "USD") == Money("12.34", "USD")
    assert Money.from_minor_units(-5, "KWD").amount == Decimal("-0.005")
    assert Money("12.3400", "USD").to_minor_units() == 1234
    assert Money("1000", "JPY").to_minor_units() == 1000
    with pytest.raises(landed.InvalidAmountError):
        Money("12.345", "USD").to_minor_units()


def test_parse_and_string_forms() -> None:
    assert Money.parse("12.34 USD") == Money("12.34", "USD")
    assert Money.parse("USD 5") == Money("5", "USD")
    assert str(Money("5", "USD")) == "5.00 USD"
    assert str(Money("12.34", "USD")) == "12.34 USD"
    assert str(Money("1000", "JPY")) == "1000 JPY"
    assert str(Money("1.5", "KWD")) == "1.500 KWD"
    assert str(Money("3.3333333", "USD")) == "3.3333333 USD"
    assert repr(Money("12.340", "USD")) == "Money('12.340', 'USD')"
    with pytest.raises(landed.InvalidAmountError):
        Money.parse("12.34")


def test_to_dict() -> None:
    assert Money("12.34", "USD").to_dict() == {"amount": "12.34", "currency": "USD"}
    assert Money("-0.5", "JPY").to_dict() == {"amount": "-0.5", "currency": "JPY"}


def test_add_sub_neg() -> None:
    a = Money("10.10", "USD")
    assert a + Money("0.05", "USD") == Money("10.15", "USD")
    assert a - Money("20", "USD") == Money("-9.90", "USD")
    assert -a == Money("-10.10", "USD")
    assert (a + Money("0.05", "USD")).amount == Decimal("10.15")


def test_currency_mismatch() -> None:
    with pytest.raises(landed.CurrencyMismatchError) as caught:
        Money("1", "USD") + Money("1", "EUR")
    assert caught.value.code == "CURRENCY_MISMATCH"
    assert "USD and EUR" in str(caught.value)
    with pytest.raises(landed.CurrencyMismatchError):
        Money("1", "USD") - Money("1", "EUR")
    with pytest.raises(landed.CurrencyMismatchError):
        _ = Money("1", "USD") < Money("1", "EUR")


def test_overflow() -> None:
    huge = Money("79228162514264337593543950335", "USD")
    with pytest.raises(landed.DecimalOverflowError) as caught:
        huge + Money("1", "USD")
    assert caught.value.code == "DECIMAL_OVERFLOW"
    with pytest.raises(landed.DecimalOverflowError):
        huge * 2
    with pytest.raises(landed.DecimalOverflowError):
        -huge - Money("1", "USD")


def test_multiply_by_exact_factors() -> None:
    price = Money("19.99", "USD")
    assert price * Decimal("3") == Money("59.97", "USD")
    assert 3 * price == Money("59.97", "USD")
    third = price * 3 * Decimal("0.3333333")
    assert third.amount == Decimal("19.989998001")
    assert third.round() == Money("19.99", "USD")


@pytest.mark.parametrize("factor", [1.5, True, "2", None])
def test_multiply_refuses_inexact_or_odd_factors(factor: Any) -> None:
    price = Money("1", "USD")
    with pytest.raises(TypeError):
        price * factor
    with pytest.raises(TypeError):
        factor * price


def test_add_refuses_non_money() -> None:
    with pytest.raises(TypeError):
        Money("1", "USD") + Decimal("1")  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money("1", "USD") + 1  # type: ignore[operator]


@pytest.mark.parametrize(
    ("amount", "currency", "strategy", "expected"),
    [
        ("0.125", "USD", "half_away_from_zero", "0.13"),
        ("0.125", "USD", "half_even", "0.12"),
        ("-0.125", "USD", "half_away_from_zero", "-0.13"),
        ("-0.125", "USD", "half_even", "-0.12"),
        ("0.135", "USD", "half_even", "0.14"),
        ("2.5", "JPY", "half_even", "2"),
        ("2.5", "JPY", "half_away_from_zero", "3"),
        ("1.2345", "KWD", "half_away_from_zero", "1.235"),
        ("1.2345", "KWD", "half_even", "1.234"),
        ("1.23451", "KWD", "half_even", "1.235"),
    ],
)
def test_round(amount: str, currency: str, strategy: Any, expected: str) -> None:
    rounded = Money(amount, currency).round(strategy)
    assert rounded.amount == Decimal(expected)
    assert str(rounded.amount) == expected


def test_round_default_is_half_away_from_zero() -> None:
    assert Money("0.005", "USD").round() == Money("0.01", "USD")
    assert Money("-0.005", "USD").round() == Money("-0.01", "USD")


def test_round_unknown_strategy() -> None:
    with pytest.raises(landed.InvalidOptionError) as caught:
        Money("1", "USD").round("up")  # type: ignore[arg-type]
    assert caught.value.code == "INVALID_OPTION"


def test_equality_and_hash() -> None:
    # Equal amounts at different scales are equal and hash alike.
    assert Money("1.0", "USD") == Money("1.00", "USD")
    assert hash(Money("1.0", "USD")) == hash(Money("1.00", "USD"))
    assert Money("1", "USD") != Money("1", "EUR")
    assert Money("1", "USD") != Money("1.01", "USD")
    assert Money("1", "USD") != "1 USD"
    assert len({Money("1.0", "USD"), Money("1.00", "USD"), Money("1", "EUR")}) == 2


def test_ordering_within_a_currency() -> None:
    assert Money("1", "USD") < Money("1.01", "USD")
    assert Money("2", "USD") >= Money("2.00", "USD")
    assert max([Money("3", "USD"), Money("10", "USD"), Money("-1", "USD")]) == Money("10", "USD")


def test_pickle_round_trip_is_exact() -> None:
    money = Money("12.340", "KWD")
    again = pickle.loads(pickle.dumps(money))
    assert again == money
    assert str(again.amount) == "12.340"
    assert again.currency == "KWD"


def test_money_is_immutable() -> None:
    money = Money("1", "USD")
    with pytest.raises(AttributeError):
        money.amount = Decimal("2")  # type: ignore[misc]
