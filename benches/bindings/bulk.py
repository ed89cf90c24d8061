"""Bulk work from Python: the 10,000 commands of bindings-json/benches/bulk.rs
(the same lines, the same head hash) through ``Book.execute_lines`` and back
through ``Book.replay_lines``; for contrast, the same batch as dicts through
``Book.execute_batch``. Prints commands per second, best of ``BULK_RUNS``
runs (5 by default). Not part of the test run; build the module optimized
first (see docs/benchmarks.md, "Bindings in bulk"):

    maturin develop --release --manifest-path bindings-python/Cargo.toml
    python benches/bindings/bulk.py
"""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, TypeVar

from landed import Book

CONFIG = {"functional_currency": "USD"}
COMMANDS = 10_000
SKUS = 100
RUNS = int(os.environ.get("BULK_RUNS", "5"))
T = TypeVar("T")


def batch_items() -> list[dict[str, Any]]:
    """A location, 100 SKUs, then groups of four commands on one SKU
    (receive 4, commit 2, sell 1, reserve 1), SKUs visited in steps of 37."""
    start = datetime(2026, 11, 2, 9, tzinfo=timezone.utc)
    commands: list[dict[str, Any]] = [{"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"}]
    commands += [{"type": "define_sku", "code": f"S{s:03}", "name": f"Item {s}"} for s in range(SKUS)]
    for i in range(COMMANDS - 1 - SKUS):
        sku, kind = f"S{(i // 4 * 37) % SKUS:03}", i % 4
        if kind == 0:
            cents = 1300 + i % 97
            amount = f"{cents // 100}.{cents % 100:02}"
            commands.append({"type": "receive", "sku": sku, "location": "SZ", "quantity": 4,
                             "unit_cost": {"amount": amount, "currency": "USD"}})
        elif kind == 1:
            commands.append({"type": "move", "sku": sku, "location": "SZ", "quantity": 2,
                             "from": "available", "to": "committed"})
        elif kind == 2:
            commands.append({"type": "issue", "sku": sku, "location": "SZ", "quantity": 1, "reason": "sale"})
        else:
            commands.append({"type": "move", "sku": sku, "location": "SZ", "quantity": 1,
                             "from": "available", "to": "reserved"})
    return [
        {"command": c, "context": {"at": (start + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                   "command_id": f"b-{n}"}}
        for n, c in enumerate(commands, start=1)
    ]


def best(work: Callable[[], T]) -> tuple[float, T]:
    fastest, out = float("inf"), None
    for _ in range(RUNS):
        started = time.perf_counter()
        out = work()
        fastest = min(fastest, time.perf_counter() - started)
    assert out is not None
    return fastest, out


def report(what: str, seconds: float) -> None:
    print(f"{what:<48} {seconds * 1e3:9.1f} ms  {COMMANDS / seconds:9.0f} commands/s")


def main() -> None:
    items = batch_items()
    lines = "".join(json.dumps(item, separators=(",", ":")) + "\n" for item in items)

    def run_lines() -> tuple[Book, Any]:
        book = Book(CONFIG)
        return book, book.execute_lines(lines)

    seconds, (book, out) = best(run_lines)
    assert out["errors"] == [] and out["executed"] == COMMANDS, out["errors"][:1]
    report("Python Book.execute_lines", seconds)
    events: str = out["events"]

    seconds, replayed = best(lambda: Book.replay_lines(CONFIG, events))
    assert replayed.head_hash == book.head_hash
    report("Python Book.replay_lines", seconds)

    # Commands as dicts; contexts as JSON text (a dict context wants a datetime).
    pairs = [(item["command"], json.dumps(item["context"])) for item in items]

    def run_dicts() -> Book:
        dict_book = Book(CONFIG)
        dict_book.execute_batch(pairs)
        return dict_book

    seconds, dict_book = best(run_dicts)
    assert dict_book.head_hash == book.head_hash
    report("Python Book.execute_batch (dicts, for contrast)", seconds)
    print(f"{len(events.splitlines())} events; head {book.head_hash}")


if __name__ == "__main__":
    main()
