"""Inventory health, from Python, on the book of ``tests/data/health-book.json``
(the worked example of docs/planning.md): stock by location, aging by
receipt date in the FBA buckets and alerts as of 2026-12-01, as in
bindings-json/tests/health.rs."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from support import fixture_book

import landed
from landed import Book


def health_book() -> Book:
    return fixture_book("health-book.json")


def test_stock_by_location_per_bucket_with_values() -> None:
    book = health_book()
    stock = book.stock_by_location()
    assert [(line["sku"], line["location"], line["on_hand"]) for line in stock["lines"]] == [
        ("LAMP", "DE", 25),
        ("LAMP", "SZ", 120),
        ("SERUM", "SZ", 20),
    ]
    de = stock["lines"][0]
    assert (de["quantities"]["available"], de["quantities"]["in_transit"]) == (25, 10)
    assert de["value"] == {"amount": Decimal("40.00"), "currency": "USD"}
    assert [(t["location"], t["on_hand"], t["value"]["amount"]) for t in stock["locations"]] == [
        ("DE", 25, Decimal("40.00")),
        ("SZ", 140, Decimal("365.00")),
    ]
    only = book.stock_by_location({"sku": "SERUM"})
    assert only["totals"]["available"] == 20


def test_aging_puts_each_layer_in_its_fba_bucket() -> None:
    book = health_book()
    aging = book.inventory_aging({"as_of": datetime.date(2026, 12, 1), "sku": "LAMP"})
    sz = aging["by_scope"]["SZ"]["buckets"]
    rows = [sz["days_0_90"], sz["days_91_180"], sz["days_181_270"], sz["days_271_365"]]
    assert [(r["units"], r["value"]["amount"]) for r in rows] == [
        (10, Decimal("30.00")),  # received 2026-09-02: 90 days, still 0-90
        (5, Decimal("15.00")),  # received 2026-09-01: 91 days
        (50, Decimal("110.00")),
        (55, Decimal("110.00")),
    ]
    assert aging["by_scope"]["DE"]["buckets"]["days_over_365"]["units"] == 20
    assert aging["totals"]["value"]["amount"] == Decimal("305.00")


def test_alerts_and_refusals() -> None:
    book = health_book()
    alerts = book.inventory_alerts({"as_of": "2026-12-01", "expiry_within_days": 30})
    assert [(a["kind"], a["sku"], a["units"]) for a in alerts["alerts"]] == [
        ("lot_expired", "SERUM", 4),
        ("lot_near_expiry", "SERUM", 10),
        ("aged_stock", "LAMP", 20),
        ("transfer_late", "LAMP", 10),
    ]
    late = alerts["alerts"][3]
    assert (late.get("transfer"), late.get("days_late"), late.get("eta")) == ("T-1", 6, "2026-11-25")
    with pytest.raises(landed.InvalidCommandError, match="expiry_within_days"):
        book.inventory_alerts({"as_of": "2026-12-01", "expiry_within_days": -1})
    bad: Any = {"as_of": "2026-12-01", "colour": "red"}
    with pytest.raises(landed.InvalidCommandError, match="colour"):
        book.inventory_aging(bad)
    with pytest.raises(landed.InvalidCommandError, match="as_of"):
        book.inventory_aging({"as_of": "2026-13-01"})
    with pytest.raises(landed.UnknownLocationError):
        book.stock_by_location({"location": "XX"})
