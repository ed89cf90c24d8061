"""A book that keeps no event log (``keep_events: False``), from Python:
the host stores the events each command returns; the book keeps the
state. The profit book of ``tests/data/profit-book.json`` runs in both
kinds of book and must give the same events and figures."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest
from conftest import REPO_ROOT

import landed
from landed import Book
from landed.types import BookConfig, Command, Context

FIXTURE: dict[str, Any] = json.loads((REPO_ROOT / "tests" / "data" / "profit-book.json").read_text("utf-8"))
STATE_ONLY: BookConfig = {"functional_currency": "USD", "keep_events": False}
assert FIXTURE["config"] == {"functional_currency": "USD"}


def run_fixture(config: BookConfig) -> tuple[Book, list[Any]]:
    """A book with ``config`` that ran the fixture command by command; the
    events it returned, as the host would store them."""
    book = Book(config)
    stored: list[Any] = []
    for item in FIXTURE["batch"]:
        outcome = book.execute(item["command"], json.dumps(item["context"]))
        stored.extend(outcome["events"])
    return book, stored


def test_a_state_only_book_returns_the_same_events_and_figures_and_keeps_none() -> None:
    keeping, kept_events = run_fixture(FIXTURE["config"])
    state_only, stored = run_fixture(STATE_ONLY)
    assert stored == kept_events
    assert state_only.events() == []
    assert len(keeping.events()) == len(stored)
    assert state_only.head_hash == keeping.head_hash == stored[-1]["hash"]
    assert state_only.trial_balance(date(2026, 11, 30)) == keeping.trial_balance(date(2026, 11, 30))
    assert state_only.stock("LAMP")["on_hand"] == keeping.stock("LAMP")["on_hand"] == 8
    assert state_only.sales_settlement("P-1") == keeping.sales_settlement("P-1")


def test_a_retry_is_answered_without_events_and_the_id_stays_taken() -> None:
    book, _ = run_fixture(STATE_ONLY)
    first = FIXTURE["batch"][0]
    again = book.execute(first["command"], json.dumps(first["context"]))
    assert (again["duplicate"], again["version"], again["events"]) == (True, 1, [])
    other: Command = {"type": "define_location", "code": "NY", "name": "New York", "kind": "own"}
    with pytest.raises(landed.IdempotencyConflictError):
        book.execute(other, json.dumps(first["context"]))


def test_history_reports_refuse_and_the_stored_events_replay_to_the_same_book() -> None:
    book, stored = run_fixture(STATE_ONLY)
    with pytest.raises(landed.HistoryNotKeptError) as refused:
        book.profit("2026-11-01", "2026-11-30", "sku")
    assert refused.value.code == "HISTORY_NOT_KEPT"
    with pytest.raises(landed.HistoryNotKeptError):
        book.history("LAMP")
    replayed = Book.replay(STATE_ONLY, stored)
    assert replayed.snapshot() == book.snapshot()
    # The keeping book's replay of the same events answers the profit.
    report = Book.replay(FIXTURE["config"], stored).profit("2026-11-01", "2026-11-30", "sku")
    assert str(report["total"]["profit"]) == "26.50"
    # Restored from its snapshot, the book goes on numbering after the host's log.
    restored = Book.restore(book.snapshot())
    context: Context = {"at": datetime.fromisoformat("2026-11-30T09:00:00+00:00"), "command_id": "count-1"}
    out = restored.execute({"type": "issue", "sku": "LAMP", "location": "LA", "quantity": 1, "reason": "sample"}, context)
    assert out["events"][0]["seq"] == len(stored) + 1
