"""Channel stock reconciliation, from Python, on the book of
``tests/data/sales-book.json`` (FBA-US holds 4 available lamps): an FBA
summary compared field by field, as in bindings-json/tests/sales.rs."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import REPO_ROOT

import landed
from landed import Book
from landed.types import ChannelStockReport

FIXTURE: dict[str, Any] = json.loads((REPO_ROOT / "tests" / "data" / "sales-book.json").read_text("utf-8"))


def sales_book() -> Book:
    book = Book(FIXTURE["config"])
    results = book.execute_batch(json.dumps(FIXTURE["batch"]), all_or_nothing=True)
    assert not [r for r in results if isinstance(r, landed.LandedError)]
    return book


def test_an_fba_summary_against_the_book() -> None:
    book = sales_book()
    report: ChannelStockReport = {
        "format": "fba",
        "channel": "shop-us",
        "location": "FBA-US",
        "rows": [
            {"sku": "LAMP", "fulfillable": 3, "reserved": 1, "researching": 0},
            {"listing": "mug", "fulfillable": 2},
        ],
    }
    recon = book.reconcile_channel_stock(report)
    assert [(d["sku"], d["field"], d["channel_units"], d["book_units"], d["delta"]) for d in recon["differences"]] == [
        ("LAMP", "fulfillable", 3, 4, -1),
        ("LAMP", "reserved", 1, 0, 1),
    ]
    assert recon["differences"][1]["buckets"] == ["committed", "reserved"]
    assert recon["unmatched"] == [{"listing": "mug", "reason": "unknown_listing"}]
    assert recon["totals"]["researching"] == {"channel_units": 0, "book_units": 0, "delta": 0}
    assert recon["compared"] == 1


def test_a_field_of_the_other_format_is_refused_by_name() -> None:
    book = sales_book()
    bad: Any = {"format": "fba", "location": "FBA-US", "rows": [{"sku": "LAMP", "on_hand": 4}]}
    with pytest.raises(landed.InvalidCommandError, match="on_hand"):
        book.reconcile_channel_stock(bad)
    with pytest.raises(landed.UnknownLocationError):
        book.reconcile_channel_stock({"format": "shopify", "location": "XX", "rows": []})
