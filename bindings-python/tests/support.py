"""Helpers shared by the Book tests: a clerk that runs commands with fresh
ids and a ticking clock, command builders, and readers for outcomes."""

from __future__ import annotations

import json
import typing
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from conftest import REPO_ROOT

from landed import Book, LandedError
from landed.types import (
    BookConfig,
    Bucket,
    Command,
    Context,
    IssueCommand,
    JournalEntry,
    MoveCommand,
    Outcome,
    ReceiveCommand,
    StockIn,
    StockOut,
    ValuationMethod,
)

START = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def fixture_book(name: str) -> Book:
    """A book that ran the batch of a fixture of tests/data (``{"config",
    "batch"}``), every command accepted."""
    fixture: dict[str, Any] = json.loads((REPO_ROOT / "tests" / "data" / name).read_text("utf-8"))
    book = Book(fixture["config"])
    results = book.execute_batch(json.dumps(fixture["batch"]), all_or_nothing=True)
    assert not [r for r in results if isinstance(r, LandedError)], name
    return book


class Clerk:
    """Runs commands on a book with fresh command ids and a clock that
    ticks one minute per command (like the core's test harness)."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.count = 0

    def context(self) -> Context:
        self.count += 1
        return {
            "at": START + timedelta(minutes=self.count),
            "command_id": f"cmd-{self.count}",
        }

    def run(self, command: Command) -> Outcome:
        return self.book.execute(command, self.context())


class DayClerk(Clerk):
    """A clerk whose clock is set to 09:00 of a day of November 2026 with
    ``day()`` and ticks one minute per command; ``fail`` runs a command that
    must be refused and checks it changed nothing."""

    def __init__(self, book: Book) -> None:
        super().__init__(book)
        self.clock = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)

    def day(self, day: int) -> None:
        self.clock = datetime(2026, 11, day, 9, 0, tzinfo=timezone.utc)

    def context(self) -> Context:
        self.count += 1
        self.clock += timedelta(minutes=1)
        return {"at": self.clock, "command_id": f"cmd-{self.count}"}

    def fail(self, command: Command, error: type[LandedError], match: str | None = None) -> LandedError:
        """Runs a command that must fail with `error`, and checks that it changed nothing."""
        before = (self.book.snapshot(), self.book.version)
        with pytest.raises(error, match=match) as caught:
            self.run(command)
        assert (self.book.snapshot(), self.book.version) == before, "a failed command changed the book"
        return caught.value


def standard(currency: str = "USD", method: ValuationMethod = "moving_average") -> Clerk:
    """A book with locations SZ and DE and SKUs A and B."""
    config: BookConfig = {"functional_currency": currency, "valuation_method": method}
    clerk = Clerk(Book(config))
    clerk.run({"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"})
    clerk.run({"type": "define_location", "code": "DE", "name": "Germany", "kind": "third_party"})
    clerk.run({"type": "define_sku", "code": "A", "name": "A item"})
    clerk.run({"type": "define_sku", "code": "B", "name": "B item"})
    return clerk


def receive(sku: str, location: str, quantity: int, unit_cost: str, currency: str = "USD") -> ReceiveCommand:
    return {
        "type": "receive",
        "sku": sku,
        "location": location,
        "quantity": quantity,
        "unit_cost": {"amount": Decimal(unit_cost), "currency": currency},
    }


def issue(sku: str, location: str, quantity: int, bucket: Bucket = "available") -> IssueCommand:
    return {
        "type": "issue",
        "sku": sku,
        "location": location,
        "quantity": quantity,
        "reason": "sale",
        "bucket": bucket,
    }


def move(sku: str, location: str, quantity: int, source: Bucket, target: Bucket) -> MoveCommand:
    # `from` is a Python keyword: the TypedDict uses the functional syntax.
    return {"type": "move", "sku": sku, "location": location, "quantity": quantity, "from": source, "to": target}


def unchecked(value: object) -> Any:
    """A deliberately ill-typed input, hidden from mypy so the runtime check is what is tested."""
    return value


def stock_in(outcome: Outcome, index: int = 0) -> StockIn:
    event = outcome["events"][index]["event"]
    assert event["type"] in ("received", "adjusted_up"), event
    return typing.cast(StockIn, event)


def stock_out(outcome: Outcome, index: int = 0) -> StockOut:
    event = outcome["events"][index]["event"]
    assert event["type"] in ("issued", "adjusted_down"), event
    return typing.cast(StockOut, event)


def value_at(book: Book, sku: str, location: str) -> Decimal:
    lines = [line for line in book.valuation(sku) if line["location"] == location]
    return lines[0]["value"]["amount"] if lines else Decimal(0)


def stock_events(outcome: Outcome) -> list[tuple[str, Any]]:
    """The outcome's events other than journal entries, as (type, event)."""
    return [(r["event"]["type"], r["event"]) for r in outcome["events"] if r["event"]["type"] != "journal_posted"]


def journal_entries(outcome: Outcome) -> list[JournalEntry]:
    """The journal entries an outcome posted, in order."""
    entries: list[JournalEntry] = []
    for record in outcome["events"]:
        event = record["event"]
        if event["type"] == "journal_posted":
            entries.append(event)
    return entries


def voucher(entry: JournalEntry) -> str:
    """An entry as a voucher is read: ``Dr 1300 100.00, Cr 2100 100.00``."""
    return ", ".join(
        f"Cr {line['account']} {line['credit']}" if line["debit"] == 0 else f"Dr {line['account']} {line['debit']}"
        for line in entry["lines"]
    )


def vouchers(outcome: Outcome) -> list[str]:
    """Every entry an outcome posted, as vouchers."""
    return [voucher(entry) for entry in journal_entries(outcome)]
