"""One Book shared by several threads: calls serialise on the book's mutex
(taken with the GIL released), nothing is lost, and every failure is a
LandedError. A panic inside a call poisons the book: BookPoisonedError."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from support import START, receive

import landed
from landed import Book, _landed
from landed.types import Command, Context

WRITERS = 8
READERS = 2
COMMANDS_PER_WRITER = 40


def context(writer: int, n: int) -> Context:
    return {"at": START + timedelta(seconds=writer * 1000 + n), "command_id": f"w{writer}-{n}"}


def test_eight_writers_and_two_readers_share_one_book() -> None:
    book = Book({"functional_currency": "USD"})
    book.execute({"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"}, context(99, 0))
    barrier = threading.Barrier(WRITERS + READERS)
    failures: list[BaseException] = []
    issued: list[str] = []
    lock = threading.Lock()
    writers_done = threading.Event()

    def writer(w: int) -> None:
        try:
            barrier.wait()
            sku = f"S{w}"
            book.execute({"type": "define_sku", "code": sku, "name": sku}, context(w, 0))
            ids = [f"w{w}-0"]
            for n in range(1, COMMANDS_PER_WRITER):
                command: Command = receive(sku, "SZ", n, "1.25")
                outcome = book.execute(command, context(w, n))
                assert outcome["duplicate"] is False
                ids.append(f"w{w}-{n}")
            with lock:
                issued.extend(ids)
        except BaseException as error:  # noqa: BLE001 - collected and checked below
            with lock:
                failures.append(error)

    def reader() -> None:
        try:
            barrier.wait()
            seen = 0
            while not writers_done.is_set():
                version = book.version
                assert version >= seen, "versions never go back"
                seen = version
                restored = Book.restore(book.snapshot())
                assert restored.version >= version
                book.valuation()
                book.trial_balance("2026-12-31")
                assert len({record["version"] for record in book.events()}) >= version
        except BaseException as error:  # noqa: BLE001
            with lock:
                failures.append(error)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    threads += [threading.Thread(target=reader) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads[:WRITERS]:
        thread.join(timeout=120)
    writers_done.set()
    for thread in threads[WRITERS:]:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)

    # Nothing but LandedErrors may come out, and here none should at all.
    assert all(isinstance(error, landed.LandedError) for error in failures), failures
    assert failures == []
    # No lost command: one version per command, each command's events logged.
    assert book.version == 1 + WRITERS * COMMANDS_PER_WRITER
    logged = {record["command_id"] for record in book.events()}
    assert set(issued) <= logged
    assert len(issued) == WRITERS * COMMANDS_PER_WRITER
    for w in range(WRITERS):
        stock = book.stock(f"S{w}")
        assert stock["totals"]["available"] == sum(range(1, COMMANDS_PER_WRITER))
    # Replaying the log gives the same book: the interleaving lost nothing.
    assert Book.replay(book.config, book.events()).snapshot() == book.snapshot()


def test_a_panic_poisons_the_book_and_later_calls_are_book_poisoned() -> None:
    book = Book({"functional_currency": "USD"})
    book.execute({"type": "define_sku", "code": "A", "name": "A"}, context(0, 1))
    with pytest.raises(landed.InternalError) as caught:
        _landed._panic_in_book_for_tests(book)
    assert caught.value.code == "INTERNAL"
    assert "deliberate panic in the book" in str(caught.value)
    for call in (lambda: book.version, book.snapshot, book.events, lambda: book.stock("A")):
        with pytest.raises(landed.BookPoisonedError) as poisoned:
            call()
        assert poisoned.value.code == "BOOK_POISONED"
        assert isinstance(poisoned.value, landed.LandedError)
    with pytest.raises(landed.BookPoisonedError):
        book.execute({"type": "define_sku", "code": "B", "name": "B"}, context(0, 2))
    # Other books are unaffected.
    assert Book({"functional_currency": "USD"}).version == 0


def test_poisoned_from_another_thread_is_still_a_landed_error() -> None:
    book = Book({"functional_currency": "USD"})
    errors: list[BaseException] = []

    def poison() -> None:
        try:
            _landed._panic_in_book_for_tests(book)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    thread = threading.Thread(target=poison)
    thread.start()
    thread.join()
    assert [type(error) for error in errors] == [landed.InternalError]
    with pytest.raises(landed.BookPoisonedError):
        book.execute({"type": "define_sku", "code": "A", "name": "A"}, context(0, 1))
