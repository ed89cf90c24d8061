"""Available to sell, from Python, on the book of ``tests/data/sales-book.json``
(Shenzhen holds 8 free lamps and 50 bulbs, Los Angeles none free): each
listing's figure, a policy with a ``Decimal`` share, and the push list
before and after an acknowledged push, as in core/tests/available.rs."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from conftest import REPO_ROOT

import landed
from landed import Book
from landed.types import Context, StockPush

FIXTURE: dict[str, Any] = json.loads((REPO_ROOT / "tests" / "data" / "sales-book.json").read_text("utf-8"))


def context(command_id: str) -> Context:
    return {"at": datetime.fromisoformat("2026-11-21T09:00:00+00:00"), "command_id": command_id}


def sales_book() -> Book:
    book = Book(FIXTURE["config"])
    results = book.execute_batch(json.dumps(FIXTURE["batch"]), all_or_nothing=True)
    assert not [r for r in results if isinstance(r, landed.LandedError)]
    return book


def test_available_to_sell_and_the_push_list() -> None:
    book = sales_book()
    lamp = book.available_to_sell("shop-us", "lamp-black")
    assert (lamp["supply"], lamp["available"], lamp.get("pushed")) == (8, 8, None)
    assert [(loc["location"], loc["units"]) for loc in lamp["locations"]] == [("LA", 0), ("SZ", 8)]

    push = book.stock_to_push()
    assert [(p["listing"], p["previous"], p["available"]) for p in push] == [("desk-set", None, 8), ("lamp-black", None, 8)]
    assert push[0].get("bundle") == "DESK-SET"

    # Keep 2 back and offer half of the rest: (8 - 2) x 0.5 = 3.
    book.execute(
        {"type": "set_listing_stock_policy", "channel": "shop-us", "listing": "lamp-black", "safety_stock": 2, "share": Decimal("0.5")},
        context("policy"),
    )
    lamp = book.available_to_sell("shop-us", "lamp-black")
    assert lamp["available"] == 3
    policy = lamp.get("policy")
    assert policy is not None and policy.get("share") == Decimal("0.5")

    pushes: list[StockPush] = [
        {"channel": p["channel"], "listing": p["listing"], "available": p["available"]} for p in book.stock_to_push("shop-us")
    ]
    book.execute({"type": "acknowledge_stock_push", "pushes": pushes}, context("push-1"))
    assert book.stock_to_push() == []

    # Three lamps sold from Shenzhen: the set drops to 5, the lamp to (5 - 2) x 0.5 = 1.
    book.execute({"type": "issue", "sku": "LAMP", "location": "SZ", "quantity": 3, "reason": "sale"}, context("sale"))
    assert [(p["listing"], p["previous"], p["available"]) for p in book.stock_to_push()] == [("desk-set", 8, 5), ("lamp-black", 3, 1)]


def test_unknown_channels_and_listings_are_refused() -> None:
    book = sales_book()
    with pytest.raises(landed.UnknownChannelError):
        book.stock_to_push("ebay")
    with pytest.raises(landed.InvalidCommandError):
        book.available_to_sell("shop-us", "mug")
    with pytest.raises(landed.InvalidCommandError):
        book.execute({"type": "set_listing_stock_policy", "channel": "shop-us", "listing": "lamp-black", "share": Decimal("1.5")}, context("bad"))
