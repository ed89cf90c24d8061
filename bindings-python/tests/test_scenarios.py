"""The scenarios of tests/scenarios/ (see its README) through the typed
Python ``Book``: commands go in as dicts with ``Money``, ``Decimal``,
``date`` and aware ``datetime`` values, reports come back as dicts with
``Decimal`` amounts; a small canonicalizer turns them into canonical JSON
(keys sorted, no whitespace, each ``Decimal`` as its exact digits) that must
equal the expected file the Rust runner wrote, byte for byte."""

from __future__ import annotations

import datetime as dt
import json
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT

from landed import Book, LandedError, Money

SCENARIOS = REPO_ROOT / "tests" / "scenarios"
FILES = sorted(p for p in SCENARIOS.glob("*.json") if not p.name.endswith(".expected.json"))

# Keys whose string values are dates, and keys whose string values are
# decimals, in the commands of the scenarios: sent as `date` and `Decimal`.
DATE_KEYS = {"date", "expiry", "due_date", "through", "before", "eta", "rate_date"}
DECIMAL_KEYS = {
    "rate", "unit_price", "shipping", "tax", "discount", "principal", "amount",
    "weight_kg", "length", "width", "height", "share", "rates",
}  # fmt: skip


def native(value: Any, key: str = "") -> Any:
    """A scenario's JSON value as a host would write it in Python."""
    if isinstance(value, dict):
        if set(value) == {"amount", "currency"} and isinstance(value["amount"], str):
            return Money(Decimal(value["amount"]), value["currency"])
        if key == "rates":  # {"USD": "7.20"}: currency → decimal
            return {k: Decimal(v) for k, v in value.items()}
        return {k: native(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [native(v, key) for v in value]
    if isinstance(value, str):
        if key in DATE_KEYS:
            return dt.date.fromisoformat(value)
        if key in DECIMAL_KEYS:
            return Decimal(value)
        if key == "at":
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def plain(value: Any) -> Any:
    """A report or outcome as JSON data: Decimal as its exact digits (never
    exponent form), dates as ISO, datetimes as the core writes them."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        raise TypeError(f"a float in the binding's output: {value!r}")
    return value


def canonical(value: Any) -> str:
    return json.dumps(plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def error(e: LandedError) -> dict[str, Any]:
    return {"error": {"code": e.code, "message": str(e)}}


def query(book: Book, name: str, args: dict[str, Any]) -> Any:
    """One query by name: the dispatcher every runner has."""
    day = dt.date.fromisoformat
    if name == "position":
        return book.position(args["sku"], args["location"], args.get("lot"))
    if name == "stock":
        return book.stock(args["sku"])
    if name == "valuation":
        return book.valuation(args.get("sku"))
    if name == "history":
        return book.history(args["sku"])
    if name == "journal":
        return book.journal()
    if name == "trial_balance":
        return book.trial_balance(day(args["as_of"]))
    if name == "role_balances":
        return book.role_balances(day(args["as_of"]))
    if name == "account_ledger":
        return book.account_ledger(args["account"])
    if name == "reconciliation":
        return book.reconciliation()
    if name == "landed_cost":
        return book.landed_cost(args.get("sku"))
    if name == "in_transit":
        return book.in_transit(day(args["as_of"]))
    if name == "transfer":
        return book.transfer(args["transfer"])
    if name == "purchase_orders":
        return book.purchase_orders()
    if name == "open_items":
        return book.open_items(day(args["as_of"]))
    if name == "accruals":
        return book.accruals()
    if name == "sales_order":
        return book.sales_order(args["channel"], args["order"])
    if name == "sales_orders":
        return book.sales_orders(args.get("channel"))
    if name == "order_exceptions":
        return book.order_exceptions()
    if name == "sales_settlement":
        return book.sales_settlement(args["settlement"])
    if name == "sales_settlements":
        return book.sales_settlements(args.get("channel"))
    if name == "profit":
        return book.profit(
            day(args["from"]),
            day(args["to"]),
            args["group_by"],
            basis=args.get("basis"),
            channel=args.get("channel"),
        )
    if name == "events":
        return book.events()
    raise AssertionError(f"unknown query {name!r}")


def reports(book: Book, queries: list[dict[str, Any]]) -> list[Any]:
    out: list[Any] = []
    for q in queries:
        try:
            out.append(query(book, q["query"], q.get("args", {})))
        except LandedError as e:
            out.append(error(e))
    return out


def run(scenario: dict[str, Any]) -> str:
    config = native(scenario["config"])
    book = Book(config)
    outcomes: list[Any] = []
    for step in scenario["steps"]:
        head = book.head_hash
        try:
            outcomes.append(book.execute(native(step["command"]), native(step["context"])))
        except LandedError as e:
            assert book.head_hash == head, "a refused command changed the book"
            outcomes.append(error(e))
    queries: list[dict[str, Any]] = scenario.get("queries", [])
    live = reports(book, queries)
    expected: dict[str, Any] = {
        "outcomes": outcomes,
        "reports": live,
        "version": book.version,
        "head_hash": book.head_hash,
    }
    if scenario.get("replay"):
        replayed = Book.replay(config, book.events())
        assert canonical(reports(replayed, queries)) == canonical(live), "replayed reports differ"
        expected["replayed_head_hash"] = replayed.head_hash
    return canonical(expected) + "\n"


def first_difference(actual: str, expected: str) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(actual, expected, strict=False)) if a != b),
        min(len(actual), len(expected)),
    )
    line = expected.count("\n", 0, at) + 1
    return (
        f"first difference at character {at} (line {line}):\n"
        f"  actual:   …{actual[max(0, at - 80) : at + 80]}…\n"
        f"  expected: …{expected[max(0, at - 80) : at + 80]}…"
    )


def test_there_are_at_least_twelve_scenarios() -> None:
    assert len(FILES) >= 12


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario(path: Path) -> None:
    scenario = typing.cast(dict[str, Any], json.loads(path.read_text("utf-8")))
    actual = run(scenario)
    expected = path.with_name(path.stem + ".expected.json").read_text("utf-8")
    assert actual == expected, first_difference(actual, expected)
