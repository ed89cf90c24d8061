"""Balances by account role, from Python: the month of
``tests/data/role-balances-month.json`` (a purchase in USD, a transfer
through goods in transit, a sale, a supplier invoice paid at another rate)
on the standard chart and on a custom chart with other codes. The figures
by role are ``Decimal`` amounts, the same on both charts, and each is the
sum of the balances of the accounts its rules map it to."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from conftest import REPO_ROOT

import landed
from landed import Book
from landed.types import BookConfig

MONTH: dict[str, Any] = json.loads((REPO_ROOT / "tests" / "data" / "role-balances-month.json").read_text("utf-8"))


def run_month(config: BookConfig) -> Book:
    book = Book(config)
    results = book.execute_batch(json.dumps(MONTH["batch"]), all_or_nothing=True)
    assert not [r for r in results if isinstance(r, landed.LandedError)]
    return book


def configs() -> list[tuple[str, BookConfig]]:
    standard: BookConfig = MONTH["config"]
    custom: BookConfig = {**standard, "ledger": MONTH["custom_chart"]}
    return [("standard", standard), ("custom", custom)]


@pytest.mark.parametrize(("chart", "config"), configs())
def test_inventory_cogs_transit_and_realized_fx_by_role(chart: str, config: BookConfig) -> None:
    book = run_month(config)
    for as_of, figures in MONTH["expected"].items():
        report = book.role_balances(date.fromisoformat(as_of))
        assert report["as_of"] == as_of
        by_role = {line["role"]: line for line in report["roles"]}
        for role, amount in figures.items():
            balance = by_role[role]["balance"]
            assert balance == {"amount": Decimal(amount), "currency": "CNY"}, (chart, as_of, role)
            assert str(balance["amount"]) == amount
        # Each role is its accounts' balances added up.
        accounts = {line["account"]: line["balance"]["amount"] for line in book.trial_balance(as_of)["lines"]}
        for line in report["roles"]:
            total = sum((accounts.get(code, Decimal(0)) for code in line["accounts"]), Decimal(0))
            assert line["balance"]["amount"] == total
            assert line["debit"]["amount"] - line["credit"]["amount"] == total
    roles = {line["role"]: line["accounts"] for line in book.role_balances("2026-11-30")["roles"]}
    for role, codes in MONTH["expected_accounts"][chart].items():
        assert roles[role] == codes


def test_a_filter_and_the_errors() -> None:
    book = run_month(MONTH["config"])
    germany = book.role_balances(date(2026, 11, 30), {"location": "DE"})
    inventory = next(line for line in germany["roles"] if line["role"] == "inventory")
    assert inventory["balance"]["amount"] == Decimal("710.00")
    with pytest.raises(landed.InvalidDateError):
        book.role_balances("2026-11-31")
    with pytest.raises(landed.InvalidCommandError, match="trial balance filter"):
        book.role_balances("2026-11-30", {"skew": "A"})  # type: ignore[arg-type]
    off = Book({"functional_currency": "CNY", "ledger": {"type": "off"}})
    empty = off.role_balances("2026-11-30")
    assert (empty["as_of"], empty["roles"]) == ("2026-11-30", [])
