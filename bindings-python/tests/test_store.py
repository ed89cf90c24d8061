"""The durable Store: a Book bound to a SQLite file, from Python.

The same dicts in and out as Book; every command is in the file before
``execute`` returns, a second handle that wrote first makes a write raise
``StoreConflictError``, and the store's failures carry their codes.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from support import issue, receive

import landed
from landed import Book, Store
from landed.types import BookConfig, Command, Context

CONFIG: BookConfig = {"functional_currency": "USD", "valuation_method": "fifo"}
START = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def ctx(n: int) -> Context:
    return {"at": START + timedelta(minutes=n), "command_id": f"c{n}"}


SHOP: list[Command] = [
    {"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"},
    {"type": "define_sku", "code": "LAMP", "name": "Desk lamp"},
    receive("LAMP", "SZ", 10, "2.50"),
    receive("LAMP", "SZ", 10, "3.10"),
    issue("LAMP", "SZ", 12),
]


def run_shop(target: Book | Store) -> None:
    for n, command in enumerate(SHOP, start=1):
        target.execute(command, ctx(n))


def test_three_lines_give_a_durable_book(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    store = Store.open(path, CONFIG)
    run_shop(store)
    store.close()

    again = Store.open(path, CONFIG)
    book = Book(CONFIG)
    run_shop(book)
    assert again.version == book.version == 5
    assert again.head_hash == book.head_hash
    assert len(again.head_hash) == 64 and again.head_hash != "0" * 64
    # FIFO: the 12 issued are 10 at 2.50 and 2 at 3.10; 8 at 3.10 remain.
    assert again.stock("LAMP")["on_hand"] == 8
    (line,) = again.valuation("LAMP")
    assert line["quantity"] == 8
    assert line["value"] == {"amount": Decimal("24.80"), "currency": "USD"}
    assert again.valuation() == book.valuation()
    assert again.journal() == book.journal()
    assert again.config == book.config
    assert again.events() == book.events()
    again.close()


def test_open_existing_and_context_manager(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    with Store.open(str(path), '{"functional_currency": "USD", "valuation_method": "fifo"}') as store:
        run_shop(store)
        assert not store.closed
    assert store.closed
    assert repr(store) == "Store(closed)"
    with pytest.raises(landed.StoreIoError) as caught:
        store.stock("LAMP")
    assert caught.value.code == "STORE_IO"
    assert "closed" in str(caught.value)
    store.close()  # twice is fine

    with Store.open_existing(path) as reopened:
        assert reopened.version == 5
        assert reopened.config["valuation_method"] == "fifo"
        assert reopened.position("LAMP", "SZ")["quantities"]["available"] == 8
        assert "version=5" in repr(reopened)
        # A refused command keeps the book's exception and writes nothing.
        with pytest.raises(landed.InsufficientStockError) as refused:
            reopened.execute(issue("LAMP", "SZ", 9), ctx(6))
        assert refused.value.code == "INSUFFICIENT_STOCK"
        assert reopened.version == 5

    # A file made for USD does not open as a CNY book.
    with pytest.raises(landed.StoreConfigMismatchError) as mismatch:
        Store.open(path, {"functional_currency": "CNY"})
    assert mismatch.value.code == "STORE_CONFIG_MISMATCH"
    assert isinstance(mismatch.value, landed.StoreError)
    assert isinstance(mismatch.value, landed.LandedError)


def test_open_existing_on_a_missing_file_is_coded(tmp_path: Path) -> None:
    with pytest.raises(landed.StoreIoError) as caught:
        Store.open_existing(tmp_path / "missing.db")
    assert caught.value.code == "STORE_IO"
    assert "does not exist" in str(caught.value)
    assert not (tmp_path / "missing.db").exists()
    assert landed.EXCEPTIONS_BY_CODE.get("STORE_IO") is None  # core codes only
    assert set(landed.STORE_CODES) == {
        "STORE_CONFLICT",
        "STORE_CORRUPT",
        "STORE_EXISTS",
        "STORE_IO",
        "STORE_CONFIG_MISMATCH",
    }
    for cls in (
        landed.StoreConflictError,
        landed.StoreCorruptError,
        landed.StoreExistsError,
        landed.StoreIoError,
        landed.StoreConfigMismatchError,
    ):
        assert issubclass(cls, landed.StoreError)
        assert cls.code in landed.STORE_CODES


def test_two_handles_race_then_refresh_and_retry(tmp_path: Path) -> None:
    path = tmp_path / "race.db"
    first = Store.open(path, CONFIG)
    second = Store.open(path, CONFIG)
    run_shop(first)
    assert second.version == 0
    depot: Command = {"type": "define_location", "code": "DE", "name": "Depot", "kind": "third_party"}
    with pytest.raises(landed.StoreConflictError) as caught:
        second.execute(depot, ctx(6))
    assert caught.value.code == "STORE_CONFLICT"
    assert "version 0 to 5" in str(caught.value)
    # The conflict reloaded `second`: the retry goes through.
    assert second.version == 5
    outcome = second.execute(depot, ctx(6))
    assert outcome["version"] == 6 and not outcome["duplicate"]

    # `first` is behind now: its write conflicts until it refreshes.
    assert first.version == 5
    assert first.refresh() is True
    assert first.refresh() is False
    assert first.head_hash == second.head_hash
    sale = first.execute(issue("LAMP", "SZ", 3), ctx(7))
    assert sale["version"] == 7
    again = first.execute(issue("LAMP", "SZ", 3), ctx(7))
    assert again["duplicate"] is True
    second.refresh()
    assert second.stock("LAMP")["on_hand"] == 5
    (line,) = second.valuation("LAMP")
    assert line["value"]["amount"] == Decimal("15.50")
    first.close()
    second.close()


def test_batches_and_snapshots(tmp_path: Path) -> None:
    path = tmp_path / "batch.db"
    with Store.open(path, CONFIG) as store:
        results = store.execute_batch([(command, ctx(n)) for n, command in enumerate(SHOP, start=1)], all_or_nothing=True)
        assert [r["version"] for r in results if isinstance(r, dict)] == [1, 2, 3, 4, 5]
        # Each atomic: the second sale is refused, the first is written.
        results = store.execute_batch([(issue("LAMP", "SZ", 5), ctx(6)), (issue("LAMP", "SZ", 5), ctx(7))], actor="ann")
        assert isinstance(results[1], landed.InsufficientStockError)
        assert results[1].code == "INSUFFICIENT_STOCK"
        assert store.version == 6
        # All or nothing: nothing of a failing batch is kept.
        results = store.execute_batch(
            [(issue("LAMP", "SZ", 1), ctx(8)), (issue("LAMP", "SZ", 9), ctx(9))], all_or_nothing=True
        )
        assert isinstance(results[-1], landed.LandedError)
        assert store.version == 6
        assert store.snapshot_now() == store.events()[-1]["seq"]
    with Store.open_existing(path) as store:
        assert store.version == 6
        assert store.stock("LAMP")["on_hand"] == 3
        assert store.events()[-1]["actor"] == "ann"


def test_export_import_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    lines = tmp_path / "log.jsonl"
    with Store.open(source, CONFIG) as store:
        run_shop(store)
        count = store.export_jsonl(lines)
        head = store.head_hash
        assert count == len(store.events())
        assert lines.read_text(encoding="utf-8") == store.events_lines()
    copy = Store.import_jsonl(tmp_path / "copy.db", lines, CONFIG)
    assert copy.head_hash == head
    assert copy.trial_balance("2026-11-30") == Book.replay_lines(CONFIG, lines.read_text(encoding="utf-8")).trial_balance("2026-11-30")
    (line,) = copy.valuation("LAMP")
    assert line["value"]["amount"] == Decimal("24.80")
    copy.close()
    with pytest.raises(landed.StoreExistsError) as exists:
        Store.import_jsonl(tmp_path / "copy.db", lines, CONFIG)
    assert exists.value.code == "STORE_EXISTS"
    edited = tmp_path / "edited.jsonl"
    edited.write_text(lines.read_text(encoding="utf-8").replace('"quantity":10', '"quantity":11', 1), encoding="utf-8")
    with pytest.raises(landed.StoreCorruptError) as corrupt:
        Store.import_jsonl(tmp_path / "bad.db", edited, CONFIG)
    assert corrupt.value.code == "STORE_CORRUPT"
    assert not (tmp_path / "bad.db").exists()
