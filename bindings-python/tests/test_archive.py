"""Archiving what is closed (``archive_closed``) from Python: the profit
book's order 1001 is shipped and paid out by the channel in November, so a
cut-off of 1 December takes it and its settled receivable out of the state;
commands and queries naming them are refused with ``ArchivedError``, and
the stored events replay to the same book."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from conftest import REPO_ROOT

import landed
from landed import Book
from landed.types import BookConfig, Command, Outcome

FIXTURE: dict[str, Any] = json.loads((REPO_ROOT / "tests" / "data" / "profit-book.json").read_text("utf-8"))
STATE_ONLY: BookConfig = {"functional_currency": "USD", "keep_events": False}


def archived_book() -> tuple[Book, list[Any], Outcome]:
    book = Book(STATE_ONLY)
    stored: list[Any] = []
    for item in FIXTURE["batch"]:
        stored.extend(book.execute(item["command"], json.dumps(item["context"]))["events"])
    archive: Command = {"type": "archive_closed", "before": "2026-12-01"}
    out = book.execute(archive, json.dumps({"at": "2026-12-31T09:00:00Z", "command_id": "archive-1"}))
    stored.extend(out["events"])
    return book, stored, out


def test_the_closed_order_and_its_receivable_leave() -> None:
    book, _, out = archived_book()
    event = out["events"][0]["event"]
    assert event["type"] == "closed_archived"
    assert (event["before"], event["sales_orders"], event["documents"]) == ("2026-12-01", 1, 1)
    assert book.sales_orders() == []
    # The payout document (44.50 on its way to the bank) is still open.
    assert [i["document"] for i in book.open_items("2026-12-31")] == ["P-1"]


def test_what_left_is_refused_by_name_and_the_book_is_unchanged() -> None:
    book, _, _ = archived_book()
    with pytest.raises(landed.ArchivedError) as refused:
        book.sales_order("shop-us", "1001")
    assert refused.value.code == "ARCHIVED"
    assert str(refused.value) == "sales order shop-us/1001 is archived: it was closed and has left the book's state"
    before = book.snapshot()
    again: Command = {
        "type": "ingest_sales_order",
        "channel": "shop-us",
        "order": "1001",
        "date": "2027-01-05",
        "lines": [{"line": "1", "listing": "lamp-black", "quantity": 1, "unit_price": Decimal("25.00")}],
    }
    with pytest.raises(landed.ArchivedError):
        book.execute(again, json.dumps({"at": "2027-01-05T09:00:00Z", "command_id": "order-1001-again"}))
    assert book.snapshot() == before


def test_the_stored_events_replay_to_the_same_archived_book() -> None:
    book, stored, _ = archived_book()
    assert Book.replay(STATE_ONLY, stored).snapshot() == book.snapshot()
    assert Book.restore(book.snapshot()).snapshot() == book.snapshot()
