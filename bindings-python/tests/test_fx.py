"""RateBook: inserts, lookups, conversions and the ECB files."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

import landed
from conftest import ECB_FULL_HISTORY
from landed import Money, RateBook

FRIDAY = datetime.date(2026, 10, 30)
SUNDAY = datetime.date(2026, 11, 1)


def test_sample_summary(ecb_sample_text: str) -> None:
    book = RateBook("EUR")
    summary = book.load_ecb_csv(ecb_sample_text)
    assert summary.days == 60
    assert len(summary.currencies) == 41
    assert summary.currencies[:3] == ["USD", "JPY", "BGN"]
    assert summary.first_date == datetime.date(2026, 8, 10)
    assert summary.last_date == FRIDAY
    assert summary.rates == len(book)
    assert summary.rates > 0
    assert book.pivot == "EUR"


def test_eur_to_usd_direct(ecb_book: RateBook) -> None:
    conversion = ecb_book.convert(Money("100.00", "EUR"), "USD", FRIDAY)
    assert conversion.amount == Money("111.72", "USD")
    assert str(conversion.amount) == "111.72 USD"
    assert conversion.rate == Decimal("1.1172")
    assert conversion.unrounded == Decimal("111.72")
    [leg] = conversion.legs
    assert (leg.base, leg.quote, leg.date, leg.rate, leg.inverted) == (
        "EUR",
        "USD",
        FRIDAY,
        Decimal("1.1172"),
        False,
    )


def test_usd_to_eur_inverse(ecb_book: RateBook) -> None:
    conversion = ecb_book.convert(Money("100.00", "USD"), "EUR", FRIDAY)
    assert conversion.amount == Money("89.51", "EUR")
    # Divided by the stored rate, not multiplied by a rounded reciprocal.
    assert str(conversion.unrounded).startswith("89.5094880057286072323666308")
    [leg] = conversion.legs
    assert leg.inverted is True
    assert (leg.base, leg.quote, leg.rate) == ("EUR", "USD", Decimal("1.1172"))
    # 1 / 1.1172 at the core's precision (28 places, not Python's context).
    assert leg.effective_rate() == Decimal("0.8950948800572860723236663086")


def test_usd_to_jpy_through_the_pivot(ecb_book: RateBook) -> None:
    conversion = ecb_book.convert(Money("1000.00", "USD"), "JPY", FRIDAY)
    assert conversion.amount == Money("157250", "JPY")
    assert str(conversion.amount) == "157250 JPY"
    assert str(conversion.unrounded).startswith("157250.2685284640")
    first, second = conversion.legs
    assert (first.base, first.quote, first.rate, first.inverted) == ("EUR", "USD", Decimal("1.1172"), True)
    assert (second.base, second.quote, second.rate, second.inverted) == ("EUR", "JPY", Decimal("175.68"), False)
    # 1 / 1.1172 * 175.68, computed by the core at 28 decimal places.
    assert conversion.rate == Decimal("157.25026852846401718582169709")


def test_usd_to_cny(ecb_book: RateBook) -> None:
    conversion = ecb_book.convert(Money("1250.00", "USD"), "CNY", FRIDAY)
    assert conversion.amount == Money("8316.10", "CNY")
    assert str(conversion.amount) == "8316.10 CNY"
    assert len(conversion.legs) == 2


def test_rate_resolution(ecb_book: RateBook) -> None:
    resolved = ecb_book.rate("USD", "JPY", FRIDAY)
    assert (resolved.from_currency, resolved.to_currency) == ("USD", "JPY")
    assert len(resolved.legs) == 2
    assert resolved.rate == Decimal("157.25026852846401718582169709")
    identity = ecb_book.rate("USD", "USD", FRIDAY)
    assert (identity.rate, identity.legs) == (Decimal(1), [])


def test_sunday_with_exact_policy_is_not_found(ecb_book: RateBook) -> None:
    with pytest.raises(landed.RateNotFoundError) as caught:
        ecb_book.convert(Money("100.00", "EUR"), "USD", SUNDAY, max_age_days=None)
    assert caught.value.code == "RATE_NOT_FOUND"
    assert "EUR/USD" in str(caught.value)
    assert "exact date" in str(caught.value)
    with pytest.raises(landed.RateNotFoundError):
        ecb_book.rate("EUR", "USD", SUNDAY, max_age_days=None)


def test_sunday_within_three_days_uses_friday(ecb_book: RateBook) -> None:
    conversion = ecb_book.convert(Money("100.00", "EUR"), "USD", SUNDAY, max_age_days=3)
    assert conversion.amount == Money("111.72", "USD")
    assert conversion.legs[0].date == FRIDAY
    # The default policy (7 days) finds it too.
    assert ecb_book.rate("EUR", "USD", SUNDAY).legs[0].date == FRIDAY


def test_sunday_within_one_day_is_stale(ecb_book: RateBook) -> None:
    with pytest.raises(landed.RateStaleError) as caught:
        ecb_book.convert(Money("100.00", "EUR"), "USD", SUNDAY, max_age_days=1)
    assert caught.value.code == "RATE_STALE"
    assert "latest is 2026-10-30, 2 days old (max 1)" in str(caught.value)


def test_negative_max_age_is_an_invalid_option(ecb_book: RateBook) -> None:
    with pytest.raises(landed.InvalidOptionError) as caught:
        ecb_book.rate("EUR", "USD", SUNDAY, max_age_days=-1)
    assert caught.value.code == "INVALID_OPTION"


def test_rate_types_are_separate(ecb_book: RateBook) -> None:
    with pytest.raises(landed.RateNotFoundError):
        ecb_book.rate("EUR", "USD", FRIDAY, rate_type="monthly_average")
    ecb_book.insert("EUR", "USD", datetime.date(2026, 10, 1), Decimal("1.1"), rate_type="monthly_average")
    assert ecb_book.rate("EUR", "USD", FRIDAY, rate_type="monthly_average", max_age_days=31).rate == Decimal("1.1")
    with pytest.raises(landed.InvalidOptionError):
        ecb_book.rate("EUR", "USD", FRIDAY, rate_type="daily")  # type: ignore[arg-type]


def test_rounding_option_of_convert() -> None:
    book = RateBook()
    book.insert("EUR", "USD", FRIDAY, "1.125")
    assert book.convert(Money("1", "EUR"), "USD", FRIDAY).amount == Money("1.13", "USD")
    assert book.convert(Money("1", "EUR"), "USD", FRIDAY, rounding="half_even").amount == Money("1.12", "USD")


def test_insert_and_len() -> None:
    book = RateBook()
    assert len(book) == 0
    assert book.pivot is None
    book.insert("EUR", "USD", FRIDAY, Decimal("1.1172"))
    book.insert(landed.Currency("EUR"), "JPY", "2026-10-30", 175)
    book.insert("EUR", "USD", FRIDAY, "1.2")  # replaces the same pair, type and date
    assert len(book) == 2
    assert book.rate("EUR", "USD", FRIDAY).rate == Decimal("1.2")
    assert book.rate("EUR", "JPY", FRIDAY).rate == Decimal("175")
    # No pivot: no triangulation; setting one enables it.
    with pytest.raises(landed.RateNotFoundError):
        book.rate("USD", "JPY", FRIDAY)
    book.pivot = "EUR"
    assert len(book.rate("USD", "JPY", FRIDAY).legs) == 2
    book.pivot = None
    assert book.pivot is None


@pytest.mark.parametrize("rate", [Decimal("0"), "0", 0, Decimal("-1.5")])
def test_non_positive_rate(rate: Any) -> None:
    book = RateBook()
    with pytest.raises(landed.NonPositiveRateError) as caught:
        book.insert("EUR", "USD", FRIDAY, rate)
    assert caught.value.code == "NON_POSITIVE_RATE"
    assert len(book) == 0


def test_insert_refuses_float_rates_and_same_pair() -> None:
    book = RateBook()
    with pytest.raises(TypeError, match="rate must be a decimal.Decimal, int or str"):
        book.insert("EUR", "USD", FRIDAY, 1.1172)  # type: ignore[arg-type]
    with pytest.raises(landed.InvalidOptionError):
        book.insert("EUR", "EUR", FRIDAY, 1)
    with pytest.raises(landed.UnknownCurrencyError):
        book.insert("EUR", "ZZZ", FRIDAY, 1)


def test_dates(ecb_book: RateBook) -> None:
    # An ISO string is read as the date it names.
    assert ecb_book.convert(Money("100.00", "EUR"), "USD", "2026-10-30").amount == Money("111.72", "USD")
    with pytest.raises(landed.InvalidDateError) as caught:
        ecb_book.rate("EUR", "USD", "30/10/2026")
    assert caught.value.code == "INVALID_DATE"
    # A datetime is a date subclass but is refused: the caller picks the day.
    with pytest.raises(TypeError, match=r"pass \.date\(\) explicitly"):
        ecb_book.rate("EUR", "USD", datetime.datetime(2026, 10, 30, 12, 0))  # type checkers accept it (a date subclass)
    with pytest.raises(TypeError):
        ecb_book.rate("EUR", "USD", 20261030)  # type: ignore[arg-type]


def test_convert_requires_money(ecb_book: RateBook) -> None:
    with pytest.raises(TypeError, match="money must be a landed.Money"):
        ecb_book.convert("100 EUR", "USD", FRIDAY)  # type: ignore[arg-type]


def test_invalid_rate_file_leaves_the_book_unchanged(ecb_book: RateBook) -> None:
    before = len(ecb_book)
    with pytest.raises(landed.InvalidRateFileError) as caught:
        ecb_book.load_ecb_csv("Date,USD,\n2026-01-05,1.1,\n2026-01-02,abc,\n")
    assert caught.value.code == "INVALID_RATE_FILE"
    assert "line 3" in str(caught.value)
    with pytest.raises(landed.InvalidRateFileError):
        ecb_book.load_ecb_csv("")
    assert len(ecb_book) == before


def test_repr(ecb_book: RateBook) -> None:
    assert repr(RateBook("EUR")) == "RateBook(pivot='EUR', rates=0)"
    conversion = ecb_book.convert(Money("100.00", "EUR"), "USD", FRIDAY)
    assert repr(conversion) == "Conversion(amount=111.72 USD, rate='1.1172', legs=1)"
    assert repr(conversion.legs[0]) == (
        "RateLeg(base='EUR', quote='USD', date=2026-10-30, rate='1.1172', inverted=False)"
    )


@pytest.mark.skipif(not ECB_FULL_HISTORY.exists(), reason="LANDED_ECB_HISTORY not set")
def test_full_ecb_history() -> None:
    book = RateBook("EUR")
    summary = book.load_ecb_csv(ECB_FULL_HISTORY.read_text(encoding="utf-8"))
    assert len(summary.currencies) == 41
    assert summary.first_date == datetime.date(1999, 1, 4)
    assert summary.last_date == FRIDAY
    assert summary.days > 7000
    assert len(book) == summary.rates
    # The same Friday values as the sample, now out of the full history.
    assert book.convert(Money("1000.00", "USD"), "JPY", FRIDAY).amount == Money("157250", "JPY")
    # A withdrawn currency still converts on a date it was quoted.
    first_day = datetime.date(1999, 1, 4)
    assert book.rate("EUR", "CYP", first_day, max_age_days=None).rate > 0
