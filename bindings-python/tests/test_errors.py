"""Exceptions: one class per core code, codes, messages, pickling, panics."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

import landed
from landed import _landed


def test_every_core_code_has_its_own_class() -> None:
    assert len(landed.CODES) == len(set(landed.CODES))
    assert set(landed.EXCEPTIONS_BY_CODE) == set(landed.CODES)
    for code in landed.CODES:
        cls = landed.EXCEPTIONS_BY_CODE[code]
        assert cls is not landed.LandedError, f"{code} has no class of its own"
        assert issubclass(cls, landed.LandedError)
        assert cls.code == code
        assert cls.__module__ == "landed._landed"
        # Exported from the package under its own name.
        assert getattr(landed, cls.__name__) is cls


def test_foundations_codes_are_present() -> None:
    for code in [
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
    ]:
        assert code in landed.CODES
    assert landed.EXCEPTIONS_BY_CODE["RATE_NOT_FOUND"] is landed.RateNotFoundError
    assert landed.EXCEPTIONS_BY_CODE["INTERNAL"] is landed.InternalError


def test_ledger_codes_have_their_classes() -> None:
    assert {
        "UNKNOWN_ACCOUNT": landed.UnknownAccountError,
        "MISSING_POSTING_RULE": landed.MissingPostingRuleError,
        "UNBALANCED_ENTRY": landed.UnbalancedEntryError,
        "PERIOD_LOCKED": landed.PeriodLockedError,
        "UNKNOWN_DOCUMENT": landed.UnknownDocumentError,
        "SETTLEMENT_TOO_LARGE": landed.SettlementTooLargeError,
        "ENTRY_STATE": landed.EntryStateError,
    }.items() <= landed.EXCEPTIONS_BY_CODE.items()


def test_integrity_codes_have_their_classes() -> None:
    # Declared by the binding whether or not the core it is built with
    # returns them yet; EXCEPTIONS_BY_CODE maps them once the core lists them.
    classes = {
        "QUANTITY_OVERFLOW": landed.QuantityOverflowError,
        "BOOK_POISONED": landed.BookPoisonedError,
        "INVALID_SNAPSHOT": landed.InvalidSnapshotError,
    }
    for code, cls in classes.items():
        assert cls.code == code
        assert issubclass(cls, landed.LandedError)
        if code in landed.CODES:
            assert landed.EXCEPTIONS_BY_CODE[code] is cls


def test_landed_errors_are_ordinary_exceptions() -> None:
    assert issubclass(landed.LandedError, Exception)
    with pytest.raises(Exception) as caught:
        landed.Currency("ZZZ")
    error = caught.value
    assert isinstance(error, landed.LandedError)
    assert error.code == "UNKNOWN_CURRENCY"
    assert str(error) == 'unknown currency code "ZZZ"'
    assert error.args == ('unknown currency code "ZZZ"',)


EXCEPTION_CLASSES = sorted(
    (obj for obj in vars(landed).values() if isinstance(obj, type) and issubclass(obj, landed.LandedError)),
    key=lambda cls: cls.__name__,
)


def test_exception_classes_are_all_exported() -> None:
    # The base and one class per code (52 with the inventory, ledger,
    # trade, integrity, selling, history and archive codes; the binding
    # declares them even while the core it is built with has fewer), and
    # the store's base and one class per store code.
    assert landed.LandedError in EXCEPTION_CLASSES
    assert landed.StoreError in EXCEPTION_CLASSES
    assert len(EXCEPTION_CLASSES) == 53 + 1 + len(landed.STORE_CODES)
    assert set(landed.EXCEPTIONS_BY_CODE.values()) <= set(EXCEPTION_CLASSES)


@pytest.mark.parametrize(
    "cls",
    [c for c in EXCEPTION_CLASSES if c not in (landed.LandedError, landed.StoreError)],
    ids=lambda c: c.__name__,
)
def test_exception_classes_pickle(cls: type[landed.LandedError]) -> None:
    again = pickle.loads(pickle.dumps(cls("some message")))
    assert type(again) is cls
    assert again.code == cls.code
    assert again.code.isupper()
    assert str(again) == "some message"


def test_raised_errors_pickle_with_their_code() -> None:
    book = landed.RateBook()
    with pytest.raises(landed.RateNotFoundError) as caught:
        book.rate("EUR", "USD", "2026-11-01")
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is landed.RateNotFoundError
    assert again.code == "RATE_NOT_FOUND"
    assert str(again) == str(caught.value)
    assert "EUR/USD" in str(again)


def test_a_panic_becomes_internal_error() -> None:
    # The core never panics on input, so a private hook panics on purpose
    # inside the same guard every exported function runs in.
    with pytest.raises(landed.InternalError) as caught:
        _landed._panic_for_tests("deliberate")
    assert caught.value.code == "INTERNAL"
    assert str(caught.value) == "internal error: deliberate"
    # And the module still works afterwards.
    assert landed.Money("1", "USD") + landed.Money("2", "USD") == landed.Money("3", "USD")


PANIC_SCRIPT = """
import landed
from landed import _landed
try:
    _landed._panic_for_tests("deliberate")
except landed.InternalError as error:
    print(error.code, error)
book = landed.Book({"functional_currency": "USD"})
try:
    _landed._panic_in_book_for_tests(book)
except landed.InternalError as error:
    print(error.code, error)
try:
    book.snapshot()
except landed.BookPoisonedError as error:
    print(error.code)
"""


def run_panics(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PANIC_SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "RUST_BACKTRACE": "1", **env},
        check=True,
    )


def test_a_caught_panic_writes_nothing_to_stderr() -> None:
    # Rust's default panic hook would print "thread '...' panicked at ..."
    # and a backtrace into the host's stderr; the module's hook keeps
    # quiet for the panics its guards catch, and the message is in the error.
    done = run_panics()
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "INTERNAL internal error: deliberate",
        "INTERNAL internal error: deliberate panic in the book",
        "BOOK_POISONED",
    ]


def test_landed_debug_panics_prints_them_again() -> None:
    done = run_panics(LANDED_DEBUG_PANICS="1")
    assert "panicked" in done.stderr
    assert "deliberate panic in the book" in done.stderr
    assert done.stdout.splitlines()[0] == "INTERNAL internal error: deliberate"
