"""Bulk work without a Python object per event: a batch as JSON lines in
(``Book.execute_lines``), the recorded events as one ``str`` of JSON lines
out, and a book replayed from that text (``Book.replay_lines``). The book
is the profit book of ``tests/data/profit-book.json``."""

from __future__ import annotations

import json
import threading
from datetime import date
from typing import Any

import pytest
from conftest import REPO_ROOT

import landed
from landed import Book
from landed.lines import LinesOutcome

FIXTURE: dict[str, Any] = json.loads((REPO_ROOT / "tests" / "data" / "profit-book.json").read_text("utf-8"))
LINES = "".join(json.dumps(item) + "\n" for item in FIXTURE["batch"])


def test_the_profit_book_runs_as_lines_and_replays_from_its_events_text() -> None:
    book = Book(FIXTURE["config"])
    out: LinesOutcome = book.execute_lines(LINES, all_or_nothing=True)
    assert out["errors"] == []
    assert (out["version"], out["executed"], out["duplicates"]) == (8, 8, 0)
    events = out["events"]
    assert isinstance(events, str)
    assert events.endswith("\n") and len(events.splitlines()) == 17
    assert events == book.events_lines()
    # Each line is one stored event, the same as events() gives as dicts.
    assert [json.loads(line)["seq"] for line in events.splitlines()] == list(range(1, 18))
    assert json.loads(events.splitlines()[-1])["hash"] == book.head_hash

    replayed = Book.replay_lines(FIXTURE["config"], events)
    assert replayed.head_hash == book.head_hash
    assert replayed.snapshot() == book.snapshot()
    profit = replayed.profit(date(2026, 11, 1), date(2026, 11, 30), "sku")
    assert str(profit["lines"][0]["figures"]["profit"]) == "26.50"
    # The config may be JSON text too.
    assert Book.replay_lines(json.dumps(FIXTURE["config"]), events).version == 8


def test_a_state_only_book_hands_its_events_out_as_text() -> None:
    book = Book({"functional_currency": "USD", "keep_events": False})
    out = book.execute_lines(LINES)
    assert book.events_lines() == ""
    keeping = Book(FIXTURE["config"])
    assert out["events"] == keeping.execute_lines(LINES)["events"]
    assert Book.replay_lines(FIXTURE["config"], out["events"]).head_hash == book.head_hash


def test_failing_lines_are_reported_by_number() -> None:
    lines = LINES.splitlines()
    # Shipping order 1001 before its channel exists: line 5 (after a blank line).
    text = "\n".join(lines[:3]) + "\n\n" + lines[6] + "\n"
    book = Book(FIXTURE["config"])
    out = book.execute_lines(text)
    assert (out["version"], out["executed"], out["duplicates"]) == (3, 3, 0)
    assert [(e["line"], e["code"]) for e in out["errors"]] == [(5, "UNKNOWN_CHANNEL")]
    assert len(out["events"].splitlines()) == 4
    # Again: three duplicates, no event repeated, the same error.
    again = book.execute_lines(text)
    assert (again["executed"], again["duplicates"], again["events"]) == (0, 3, "")

    fresh = Book(FIXTURE["config"])
    before = fresh.snapshot()
    out = fresh.execute_lines(text, all_or_nothing=True)
    assert (out["version"], out["executed"], out["events"]) == (0, 0, "")
    assert [e["line"] for e in out["errors"]] == [5]
    assert fresh.snapshot() == before


def test_a_malformed_line_refuses_the_batch_and_an_edited_event_the_log() -> None:
    book = Book(FIXTURE["config"])
    bad = LINES.replace('"type": "define_channel"', '"type": "define_channel", "colour": "red"', 1)
    with pytest.raises(landed.InvalidCommandError, match=r"line 4: command: unknown field `colour`"):
        book.execute_lines(bad)
    assert book.version == 0
    events = book.execute_lines(LINES)["events"]
    edited = events.replace('"quantity":10', '"quantity":100', 1)
    with pytest.raises(landed.InvalidEventLogError, match="cannot replay event 3:") as caught:
        Book.replay_lines(FIXTURE["config"], edited)
    assert caught.value.code == "INVALID_EVENT_LOG"
    with pytest.raises(landed.InvalidEventLogError, match="line 2:"):
        Book.replay_lines(FIXTURE["config"], events.splitlines()[0] + "\n{\n")


def test_execute_lines_lets_other_threads_run() -> None:
    # The batch runs with the GIL released: a second book works meanwhile.
    books = [Book(FIXTURE["config"]) for _ in range(4)]
    results: list[LinesOutcome] = []

    def run(book: Book) -> None:
        results.append(book.execute_lines(LINES))

    threads = [threading.Thread(target=run, args=(book,)) for book in books]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r["version"] for r in results) == [8, 8, 8, 8]
