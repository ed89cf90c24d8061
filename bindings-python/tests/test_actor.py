"""Who issued a command: `actor=` (or "actor" in the context) is recorded on
every event of the command."""

from __future__ import annotations

import json

import pytest
from support import START, receive, unchecked

import landed
from landed import Book, types

# Events carry the actor once the core's RecordedEvent has the field; the
# generated TypedDict (from docs/schema) says whether this build's core has it.
CORE_HAS_ACTOR = "actor" in types.RecordedEvent.__annotations__
needs_core_actor = pytest.mark.skipif(not CORE_HAS_ACTOR, reason="the core's RecordedEvent has no actor yet")


@needs_core_actor
def test_actor_keyword_is_recorded_on_every_event() -> None:
    book = Book({"functional_currency": "USD"})
    book.execute({"type": "define_location", "code": "SZ", "name": "S", "kind": "own"}, {"at": START, "command_id": "1"})
    book.execute({"type": "define_sku", "code": "A", "name": "A"}, {"at": START, "command_id": "2"})
    outcome = book.execute(
        receive("A", "SZ", 2, "5.00"),
        {"at": START, "command_id": "3"},
        actor="alice@example.com",
    )
    assert len(outcome["events"]) == 2  # the receipt and its journal entry
    assert all(record.get("actor") == "alice@example.com" for record in outcome["events"])
    # Without an actor, the events have none.
    assert all("actor" not in record for record in book.events() if record["version"] < 3)
    # In the context dict, and through a batch.
    book.execute(
        {"type": "define_sku", "code": "B", "name": "B"},
        unchecked({"at": START, "command_id": "4", "actor": "bob"}),
    )
    (result,) = book.execute_batch([({"type": "define_sku", "code": "C", "name": "C"}, {"at": START, "command_id": "5"})], actor="carol")
    assert not isinstance(result, landed.LandedError)
    actors = {record["command_id"]: record.get("actor") for record in book.events()}
    assert actors == {"1": None, "2": None, "3": "alice@example.com", "4": "bob", "5": "carol"}
    # Recorded, so a replay keeps it.
    assert Book.replay(book.config, book.events()).snapshot() == book.snapshot()


@needs_core_actor
def test_an_actor_the_core_refuses_is_invalid_command() -> None:
    book = Book({"functional_currency": "USD"})
    for actor in ["", " padded ", "x" * 129, "line\nbreak"]:
        with pytest.raises(landed.InvalidCommandError):
            book.execute({"type": "define_sku", "code": "A", "name": "A"}, {"at": START, "command_id": "1"}, actor=actor)
    assert book.version == 0


def test_the_actor_cannot_be_given_twice() -> None:
    book = Book({"functional_currency": "USD"})
    with pytest.raises(TypeError, match="actor is given twice"):
        book.execute(
            {"type": "define_sku", "code": "A", "name": "A"},
            unchecked({"at": START, "command_id": "1", "actor": "a"}),
            actor="b",
        )
    with pytest.raises(TypeError, match="JSON text"):
        book.execute({"type": "define_sku", "code": "A", "name": "A"}, '{"at":"2026-11-02T09:00:00Z","command_id":"1"}', actor="b")
    with pytest.raises(TypeError, match="JSON text"):
        book.execute_batch("[]", actor="b")
    assert book.version == 0


def test_commands_and_contexts_may_be_json_text() -> None:
    book = Book('{"functional_currency":"USD"}')
    outcome = book.execute('{"type":"define_sku","code":"A","name":"A"}', '{"at":"2026-11-02T09:00:00Z","command_id":"1"}')
    assert outcome["version"] == 1
    (result,) = book.execute_batch('[{"command":{"type":"define_sku","code":"B","name":"B"},"context":{"at":"2026-11-02T09:00:00Z","command_id":"2"}}]')
    assert not isinstance(result, landed.LandedError)
    # Decimals of the events back to their strings: the log as JSON text.
    events = json.dumps(book.events(), default=str)
    assert Book.replay('{"functional_currency":"USD"}', events).version == 2
    with pytest.raises(landed.InvalidCommandError):
        book.execute('{"type":"define_sku",', '{"at":"2026-11-02T09:00:00Z","command_id":"3"}')
    assert book.version == 2



def test_head_hash_is_the_last_events_hash_and_detects_a_truncated_log() -> None:
    book = Book({"functional_currency": "USD"})
    assert book.head_hash == "0" * 64
    book.execute({"type": "define_location", "code": "SZ", "name": "S", "kind": "own"}, {"at": START, "command_id": "1"})
    book.execute({"type": "define_sku", "code": "A", "name": "A"}, {"at": START, "command_id": "2"})
    events = book.events()
    assert book.head_hash == events[-1]["hash"]
    assert len(book.head_hash) == 64 and int(book.head_hash, 16) >= 0
    # A host that kept the head hash sees a log that lost its tail.
    shorter = Book.replay(book.config, events[:-1])
    assert shorter.head_hash != book.head_hash
    assert Book.replay(book.config, events).head_hash == book.head_hash
