"""The inventory Book: commands as dicts in, events and reports as dicts out.

The numbers are the core's worked examples (core/tests/book_examples.rs),
checked here through the Python boundary: exact Decimals, coded errors,
TypeErrors for floats and naive datetimes.
"""

from __future__ import annotations

import pickle
import typing
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest
from support import (
    START,
    Clerk,
    issue,
    journal_entries,
    move,
    receive,
    standard,
    stock_events,
    stock_in,
    stock_out,
    unchecked,
    value_at,
    vouchers,
)

import landed
from landed import Book, Money
from landed import types as t
from landed.types import Command, Context, ValuationMethod


# -- valuation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "issued", "kept", "unit_cost"),
    [("fifo", "200.00", "100.00", "20"), ("moving_average", "225.00", "75.00", "15")],
)
def test_fifteen_of_twenty_under_fifo_and_moving_average(
    method: ValuationMethod, issued: str, kept: str, unit_cost: str
) -> None:
    clerk = standard("USD", method)
    clerk.run(receive("A", "SZ", 10, "10.00"))
    clerk.run(receive("A", "SZ", 10, "20.00"))
    out = stock_out(clerk.run(issue("A", "SZ", 15)))
    assert out["value"] == {"amount": Decimal(issued), "currency": "USD"}
    assert str(out["value"]["amount"]) == issued  # scale kept, not just equal
    assert out["cost"]["value"] == Decimal(issued)
    (line,) = clerk.book.valuation("A")
    assert (line["sku"], line["location"], line["quantity"]) == ("A", "SZ", 5)
    assert str(line["value"]["amount"]) == kept
    assert line["unit_cost"]["amount"] == Decimal(unit_cost)
    assert clerk.book.valuation() == [line]


def test_fifo_issue_records_the_layers_it_consumed() -> None:
    clerk = standard("USD", "fifo")
    clerk.run(receive("A", "SZ", 10, "10.00"))
    clerk.run(receive("A", "SZ", 10, "20.00"))
    out = stock_out(clerk.run(issue("A", "SZ", 15)))
    layers = [(take["quantity"], str(take["value"])) for take in out["cost"].get("layers", [])]
    assert layers == [(10, "100.00"), (5, "100.00")]


@pytest.mark.parametrize("method", ["moving_average", "fifo"])
def test_a_repeating_unit_cost_never_leaks_a_cent(method: ValuationMethod) -> None:
    clerk = standard("USD", method)
    # 3 x 3.3333333333 = 9.9999999999 -> 10.00
    received = stock_in(clerk.run(receive("A", "SZ", 3, "3.3333333333")))
    assert str(received["value"]["amount"]) == "10.00"
    assert str(received["unit_cost"]["amount"]) == "3.3333333333"
    issued = [str(stock_out(clerk.run(issue("A", "SZ", 1)))["value"]["amount"]) for _ in range(3)]
    assert issued == ["3.33", "3.34", "3.33"]
    assert sum(Decimal(v) for v in issued) == Decimal("10.00")
    assert clerk.book.valuation("A") == []
    assert value_at(clerk.book, "A", "SZ") == 0
    assert clerk.book.position("A", "SZ")["on_hand"] == 0


def test_jpy_book_rounds_to_whole_yen() -> None:
    clerk = standard("JPY")
    # 7 x 333.5 = 2334.5 -> 2335 (half away from zero)
    received = stock_in(clerk.run(receive("A", "SZ", 7, "333.5", "JPY")))
    assert str(received["value"]["amount"]) == "2335"
    assert received["value"]["currency"] == "JPY"
    # 2335 x 2 / 7 = 667.14... -> 667
    assert str(stock_out(clerk.run(issue("A", "SZ", 2)))["value"]["amount"]) == "667"
    assert str(value_at(clerk.book, "A", "SZ")) == "1668"
    assert str(stock_out(clerk.run(issue("A", "SZ", 5)))["value"]["amount"]) == "1668"
    assert clerk.book.valuation() == []


def test_money_objects_and_decimal_forms_are_accepted_as_money() -> None:
    clerk = standard()
    first = stock_in(
        clerk.run(
            {"type": "receive", "sku": "A", "location": "SZ", "quantity": 2, "unit_cost": Money("1.25", "USD")}
        )
    )
    assert first["value"] == {"amount": Decimal("2.50"), "currency": "USD"}
    # Exponent form is sent as plain digits (the core refuses "1E+1").
    second = stock_in(clerk.run(receive("A", "SZ", 1, "1E+1")))
    assert second["unit_cost"]["amount"] == Decimal(10)


# -- buckets, stocktakes -----------------------------------------------------


def test_commit_then_ship_from_committed() -> None:
    clerk = standard()
    clerk.run(receive("A", "SZ", 4, "1.00"))
    clerk.run(receive("A", "DE", 2, "1.00"))
    moved = clerk.run(move("A", "SZ", 3, "available", "committed"))
    event = moved["events"][0]["event"]
    assert event["type"] == "moved"
    assert (event["from"], event["to"], event["quantity"]) == ("available", "committed", 3)

    position = clerk.book.position("A", "SZ")
    assert (position["quantities"]["available"], position["quantities"]["committed"]) == (1, 3)
    assert position["on_hand"] == 4
    shipped = stock_out(clerk.run(issue("A", "SZ", 3, bucket="committed")))
    assert (shipped["bucket"], str(shipped["value"]["amount"])) == ("committed", "3.00")

    position = clerk.book.position("A", "SZ")
    assert position["quantities"] == {
        "on_order": 0,
        "in_transit": 0,
        "receiving": 0,
        "available": 1,
        "committed": 0,
        "reserved": 0,
        "quality_control": 0,
        "safety_stock": 0,
        "damaged": 0,
        "researching": 0,
    }
    assert position["on_hand"] == 1
    stock = clerk.book.stock("A")
    assert stock["sku"] == "A"
    assert sorted((p["location"], p["on_hand"]) for p in stock["positions"]) == [("DE", 2), ("SZ", 1)]
    assert (stock["totals"]["available"], stock["totals"]["committed"], stock["on_hand"]) == (3, 0, 3)

    history = clerk.book.history("A")
    rows = [(m["kind"], m["location"], m["quantity"], str(m["value"]["amount"])) for m in history]
    assert rows == [
        ("received", "SZ", 4, "4.00"),
        ("received", "DE", 2, "2.00"),
        ("moved", "SZ", 3, "0.00"),
        ("issued", "SZ", -3, "-3.00"),
    ]
    assert history[3].get("from") == "committed"
    assert history[3]["at"] == "2026-11-02T09:08:00Z"  # the 8th command


def test_stocktake_freezes_the_location_and_posts_variances() -> None:
    clerk = standard()
    clerk.run(receive("A", "SZ", 10, "4.00"))
    clerk.run(receive("B", "SZ", 6, "2.50"))
    opened = clerk.run({"type": "open_stocktake", "stocktake": "ST-1", "location": "SZ"})
    event = opened["events"][0]["event"]
    assert event["type"] == "stocktake_opened"
    assert event["expected"] == [{"sku": "A", "quantity": 10}, {"sku": "B", "quantity": 6}]

    with pytest.raises(landed.LocationFrozenError) as frozen:
        clerk.run(issue("A", "SZ", 1))
    assert frozen.value.code == "LOCATION_FROZEN"
    assert "SZ" in str(frozen.value) and "ST-1" in str(frozen.value)
    clerk.run(receive("A", "DE", 1, "4.00"))  # other locations still move

    for sku, counted in [("A", 9), ("B", 5), ("B", 8)]:  # the last count wins
        clerk.run({"type": "record_count", "stocktake": "ST-1", "sku": sku, "counted": counted})
    posted = clerk.run({"type": "post_stocktake", "stocktake": "ST-1"})
    kinds = [record["event"]["type"] for record in posted["events"]]
    # Each variance is followed by its voucher.
    assert kinds == ["adjusted_down", "journal_posted", "adjusted_up", "journal_posted", "stocktake_posted"]
    loss, gain = stock_out(posted, 0), stock_in(posted, 2)
    assert (loss["sku"], loss["quantity"], str(loss["value"]["amount"])) == ("A", 1, "4.00")
    assert (gain["sku"], gain["quantity"], str(gain["value"]["amount"])) == ("B", 2, "5.00")
    # Stocktake loss: Dr inventory losses 5100, Cr inventory 1300; gain:
    # Dr inventory 1300, Cr inventory gains 4200.
    assert vouchers(posted) == ["Dr 5100 4.00, Cr 1300 4.00", "Dr 1300 5.00, Cr 4200 5.00"]
    loss_entry, gain_entry = journal_entries(posted)
    assert loss_entry["date"] == "2026-11-02"
    assert loss_entry.get("document") == "stocktake ST-1"
    assert [line.get("dimensions") for line in loss_entry["lines"]] == [
        {"sku": "A", "location": "SZ", "document": "stocktake ST-1"}
    ] * 2
    assert loss_entry["id"] == posted["events"][1]["seq"]
    assert gain_entry["id"] == posted["events"][3]["seq"]
    assert clerk.book.position("A", "SZ")["on_hand"] == 9
    assert clerk.book.position("B", "SZ")["on_hand"] == 8
    assert str(value_at(clerk.book, "A", "SZ")) == "36.00"
    assert str(value_at(clerk.book, "B", "SZ")) == "20.00"
    clerk.run(issue("A", "SZ", 1))  # unfrozen
    with pytest.raises(landed.StocktakeStateError):
        clerk.run({"type": "post_stocktake", "stocktake": "ST-1"})


# -- errors --------------------------------------------------------------------


def test_insufficient_stock_names_the_facts_and_changes_nothing() -> None:
    clerk = standard()
    clerk.run(receive("A", "SZ", 4, "1.00"))
    clerk.run(move("A", "SZ", 3, "available", "committed"))
    before = clerk.book.snapshot()
    version = clerk.book.version
    with pytest.raises(landed.InsufficientStockError) as caught:
        clerk.run(issue("A", "SZ", 2))
    error = caught.value
    assert isinstance(error, landed.LandedError)
    assert error.code == "INSUFFICIENT_STOCK"
    assert str(error) == "insufficient stock of A at SZ in available: requested 2, available 1"
    assert clerk.book.snapshot() == before
    assert clerk.book.version == version


@pytest.mark.parametrize(
    ("command", "error"),
    [
        (receive("NOPE", "SZ", 1, "1"), landed.UnknownSkuError),
        (receive("A", "XX", 1, "1"), landed.UnknownLocationError),
        (receive("A", "SZ", 0, "1"), landed.InvalidQuantityError),
        (receive("A", "SZ", 1, "1", "EUR"), landed.CurrencyMismatchError),
        ({"type": "define_sku", "code": "A", "name": "again"}, landed.DuplicateCodeError),
    ],
)
def test_core_errors_arrive_as_their_classes(command: Command, error: type[landed.LandedError]) -> None:
    clerk = standard()
    before = clerk.book.snapshot()
    with pytest.raises(error) as caught:
        clerk.run(command)
    assert caught.value.code == error.code
    assert clerk.book.snapshot() == before


def test_malformed_commands_are_invalid_command() -> None:
    clerk = standard()
    bad: list[Mapping[str, object]] = [
        {"type": "teleport"},
        {"type": "issue", "sku": "A"},  # fields missing
        {"type": "issue", "sku": "A", "location": "SZ", "quantity": "2", "reason": "sale"},
        {"type": "receive", "sku": "A", "location": "SZ", "quantity": 1, "unit_cost": "1.00 USD"},
    ]
    for command in bad:
        with pytest.raises(landed.InvalidCommandError) as caught:
            clerk.book.execute(unchecked(command), clerk.context())
        assert caught.value.code == "INVALID_COMMAND"
    with pytest.raises(landed.InvalidCommandError, match="teleport"):
        clerk.book.execute(unchecked({"type": "teleport"}), clerk.context())
    with pytest.raises(landed.InvalidCommandError):
        Book(unchecked({"functional_currency": "USD", "valuation_method": "lifo"}))
    with pytest.raises(landed.InvalidCommandError):
        Book({"functional_currency": "XYZ"})


def test_idempotent_retries_and_conflicts() -> None:
    clerk = standard()
    context: Context = {"at": START, "command_id": "receipt-42"}
    first = clerk.book.execute(receive("A", "SZ", 5, "2.00"), context)
    before = clerk.book.snapshot()
    again = clerk.book.execute(receive("A", "SZ", 5, "2.00"), context)
    assert (first["duplicate"], again["duplicate"]) == (False, True)
    assert again["events"] == first["events"]
    assert again["version"] == first["version"] == 5
    assert clerk.book.snapshot() == before
    assert clerk.book.position("A", "SZ")["on_hand"] == 5

    with pytest.raises(landed.IdempotencyConflictError) as caught:
        clerk.book.execute(receive("A", "SZ", 6, "2.00"), context)
    assert caught.value.code == "IDEMPOTENCY_CONFLICT"
    assert "receipt-42" in str(caught.value)
    assert clerk.book.snapshot() == before

    stale: Context = {"at": START, "command_id": "late", "expected_version": 3}
    with pytest.raises(landed.VersionConflictError) as conflict:
        clerk.book.execute(issue("A", "SZ", 1), stale)
    assert conflict.value.code == "VERSION_CONFLICT"
    current: Context = {"at": START, "command_id": "late", "expected_version": 5}
    assert clerk.book.execute(issue("A", "SZ", 1), current)["version"] == 6


# -- Python types at the boundary -----------------------------------------------


def test_a_float_anywhere_is_a_type_error_naming_its_path() -> None:
    clerk = standard()
    before = clerk.book.snapshot()
    with pytest.raises(TypeError, match=r"command\.unit_cost\.amount: a float \(1\.5\)"):
        clerk.book.execute(
            unchecked(
                {"type": "receive", "sku": "A", "location": "SZ", "quantity": 1,
                 "unit_cost": {"amount": 1.5, "currency": "USD"}}
            ),
            clerk.context(),
        )
    with pytest.raises(TypeError, match=r"command\.quantity: a float"):
        clerk.book.execute(
            unchecked({"type": "issue", "sku": "A", "location": "SZ", "quantity": 2.0, "reason": "sale"}),
            clerk.context(),
        )
    with pytest.raises(TypeError, match=r"command\.dimensions_cm\.width: a float"):
        clerk.book.execute(
            unchecked(
                {"type": "define_sku", "code": "C", "name": "C",
                 "dimensions_cm": {"length": Decimal(1), "width": 2.5, "height": Decimal(3)}}
            ),
            clerk.context(),
        )
    assert clerk.book.snapshot() == before
    # A str amount is exact, so it is fine.
    ok = {"type": "receive", "sku": "A", "location": "SZ", "quantity": 1, "unit_cost": {"amount": "1.5", "currency": "USD"}}
    assert clerk.book.execute(unchecked(ok), clerk.context())["version"] == 5


def test_other_python_types_are_type_errors() -> None:
    clerk = standard()
    with pytest.raises(TypeError, match=r"command\.sku: a set cannot be sent"):
        clerk.book.execute(unchecked({"type": "deactivate_sku", "sku": {"A"}}), clerk.context())
    with pytest.raises(TypeError, match=r"command: keys must be str, not int"):
        clerk.book.execute(unchecked({1: "x"}), clerk.context())
    with pytest.raises(TypeError, match=r"config\.rounding: a float"):
        Book(unchecked({"functional_currency": "USD", "rounding": 0.5}))


def test_any_mapping_and_tuples_are_accepted_and_cycles_refused() -> None:
    clerk = standard()
    components = ({"sku": "A", "quantity": 2}, MappingProxyType({"sku": "B", "quantity": 1}))
    command = MappingProxyType({"type": "define_bundle", "code": "KIT", "name": "Kit", "components": components})
    event = clerk.book.execute(unchecked(command), clerk.context())["events"][0]["event"]
    assert event["type"] == "bundle_defined"
    assert event["components"] == [{"sku": "A", "quantity": 2}, {"sku": "B", "quantity": 1}]
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(ValueError, match=r"command\.components(\[0\])+: nested more than 64 levels"):
        clerk.book.execute(unchecked({"type": "define_bundle", "code": "L", "name": "L", "components": loop}), clerk.context())


def test_context_at_must_be_an_aware_datetime() -> None:
    clerk = standard()
    command = issue("A", "SZ", 1)
    with pytest.raises(TypeError, match=r"context\.at: a naive datetime"):
        clerk.book.execute(command, {"at": datetime(2026, 11, 2, 9, 0), "command_id": "n"})
    with pytest.raises(TypeError, match=r"context\.at must be a timezone-aware datetime\.datetime, not str"):
        clerk.book.execute(command, unchecked({"at": "2026-11-02T09:00:00Z", "command_id": "s"}))
    # An aware datetime in any zone is stored as UTC.
    clerk.run(receive("A", "SZ", 1, "1.00"))
    shanghai = datetime(2026, 11, 2, 17, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    out = clerk.book.execute(issue("A", "SZ", 1), {"at": shanghai, "command_id": "tz"})
    assert out["events"][0]["at"] == "2026-11-02T09:30:00Z"
    minus_five = datetime(2026, 11, 2, 4, 0, 0, 250000, tzinfo=timezone(timedelta(hours=-5)))
    out = clerk.book.execute(receive("A", "SZ", 1, "1.00"), {"at": minus_five, "command_id": "ms"})
    assert out["events"][0]["at"] == "2026-11-02T09:00:00.250Z"


def test_dates_and_lots_cross_as_iso_strings() -> None:
    clerk = standard("EUR", "fifo")
    clerk.run({"type": "define_sku", "code": "MILK", "name": "Milk", "lot_tracked": True, "shelf_life_days": 30})
    lots: list[tuple[str, date | str]] = [("L1", date(2026, 12, 31)), ("L2", "2026-11-20")]
    for lot, expiry in lots:
        clerk.run(
            {"type": "receive", "sku": "MILK", "location": "DE", "quantity": 5,
             "unit_cost": Money("1.00", "EUR"), "lot": lot, "expiry": expiry}
        )
    position = clerk.book.position("MILK", "DE", "L1")
    assert (position.get("lot"), position.get("expiry"), position["on_hand"]) == ("L1", "2026-12-31", 5)
    out = clerk.run(issue("MILK", "DE", 6))  # FEFO: L2 first
    picked = [(event["type"], event.get("lot"), event["quantity"]) for _, event in stock_events(out)]
    assert picked == [("issued", "L2", 5), ("issued", "L1", 1)]
    # One voucher per lot issued, each line carrying its lot.
    assert vouchers(out) == ["Dr 5000 5.00, Cr 1300 5.00", "Dr 5000 1.00, Cr 1300 1.00"]
    lots_posted = [{line.get("dimensions", {}).get("lot") for line in e["lines"]} for e in journal_entries(out)]
    assert lots_posted == [{"L2"}, {"L1"}]
    with pytest.raises(landed.UnknownLotError):
        clerk.book.position("MILK", "DE", "L9")


def test_decimal_fields_come_back_as_decimals_and_only_they() -> None:
    clerk = standard()
    clerk.run(
        {"type": "update_sku", "code": "A", "weight_kg": Decimal("1.250"), "declared_value": Money("9.90", "USD")}
    )
    clerk.run(receive("A", "SZ", 2, "1.10"))
    seen: dict[str, set[type]] = {}

    def walk(value: object, key: str | None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif key is not None:
            seen.setdefault(key, set()).add(type(value))

    walk(clerk.book.events(), None)
    walk(clerk.book.valuation(), None)
    walk(clerk.book.history("A"), None)
    decimal_keys = {k for k, types in seen.items() if Decimal in types}
    assert decimal_keys <= set(landed.DECIMAL_FIELDS)
    assert {"amount", "value", "weight_kg"} <= decimal_keys
    assert all(types == {Decimal} for k, types in seen.items() if k in decimal_keys)
    assert not any(float in types for types in seen.values())
    updated = clerk.book.events()[4]["event"]
    assert updated["type"] == "sku_updated"
    assert str(updated.get("weight_kg")) == "1.250"
    assert updated.get("declared_value") == {"amount": Decimal("9.90"), "currency": "USD"}


def test_generated_types_type_exactly_the_decimal_fields_as_decimal() -> None:
    """types.py (from docs/schema) and landed_json::DECIMAL_FIELDS agree."""
    typed_decimal: set[str] = set()
    for name in t.__all__:
        cls = getattr(t, name)
        if isinstance(cls, type) and issubclass(cls, dict):
            for key, hint in typing.get_type_hints(cls).items():
                if Decimal in (typing.get_args(hint) or (hint,)):
                    typed_decimal.add(key)
    assert typed_decimal == set(landed.DECIMAL_FIELDS)
    assert t.ReceiveCommand.__required_keys__ == {"type", "sku", "location", "quantity", "unit_cost"}
    assert "from" in t.MoveCommand.__required_keys__
    assert "from" in t.Movement.__optional_keys__


# -- events, replay, snapshots, batches ------------------------------------------


def busy_book() -> Clerk:
    clerk = standard("USD", "fifo")
    clerk.run(receive("A", "SZ", 10, "1.10"))
    clerk.run(receive("A", "DE", 3, "2.00"))
    clerk.run(move("A", "SZ", 4, "available", "committed"))
    clerk.run(issue("A", "SZ", 2))
    clerk.run({"type": "adjust", "sku": "A", "location": "DE", "quantity": -1, "reason": "broken in handling"})
    clerk.run({"type": "open_stocktake", "stocktake": "S", "location": "DE"})
    clerk.run({"type": "record_count", "stocktake": "S", "sku": "A", "counted": 3})
    clerk.run({"type": "post_stocktake", "stocktake": "S"})
    return clerk


def test_replay_and_restore_rebuild_the_same_book() -> None:
    clerk = busy_book()
    book = clerk.book
    live = book.snapshot()
    events = book.events()
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[-1]["version"] == book.version == 12

    replayed = Book.replay(book.config, events)
    assert replayed.snapshot() == live
    restored = Book.restore(live)
    assert restored.snapshot() == live
    assert restored.version == 12
    assert restored.valuation() == book.valuation()
    # The restored book still knows its command ids.
    retry: Context = {"at": START, "command_id": "cmd-5"}
    duplicate = restored.execute(receive("A", "SZ", 10, "1.10"), retry)
    assert duplicate["duplicate"] is True
    # The receipt and its journal entry (Dr 1300 11.00, Cr 2100 11.00).
    assert duplicate["events"] == events[4:6]
    assert [r["command_id"] for r in events[4:7]] == ["cmd-5", "cmd-5", "cmd-6"]
    assert vouchers(duplicate) == ["Dr 1300 11.00, Cr 2100 11.00"]
    with pytest.raises(landed.IdempotencyConflictError):
        restored.execute(issue("A", "SZ", 2), retry)

    # A log with a gap is refused.
    with pytest.raises(landed.InvalidEventLogError):
        Book.replay(book.config, events[:3] + events[4:])
    # INVALID_SNAPSHOT once restore verifies snapshots, INVALID_EVENT_LOG before.
    with pytest.raises((landed.InvalidSnapshotError, landed.InvalidEventLogError)):
        Book.restore("{not json")


def test_a_book_pickles_through_its_snapshot() -> None:
    book = busy_book().book
    copy = pickle.loads(pickle.dumps(book))
    assert isinstance(copy, Book)
    assert copy.snapshot() == book.snapshot()
    assert repr(copy) == "Book(functional_currency='USD', version=12)"


def test_all_or_nothing_batch_rolls_back() -> None:
    clerk = standard()
    before = clerk.book.snapshot()
    batch: list[tuple[Command, Context]] = [
        (receive("A", "SZ", 5, "1.00"), {"at": START, "command_id": "b1"}),
        (issue("A", "SZ", 2), {"at": START, "command_id": "b2"}),
        (issue("A", "SZ", 9), {"at": START, "command_id": "b3"}),
        (issue("A", "SZ", 1), {"at": START, "command_id": "b4"}),
    ]
    results = clerk.book.execute_batch(batch, all_or_nothing=True)
    assert len(results) == 3  # nothing after the failure
    assert [isinstance(r, landed.LandedError) for r in results] == [False, False, True]
    failure = results[2]
    assert isinstance(failure, landed.InsufficientStockError)
    assert failure.code == "INSUFFICIENT_STOCK"
    assert "requested 9, available 3" in str(failure)
    assert clerk.book.snapshot() == before
    assert clerk.book.version == 4

    results = clerk.book.execute_batch(batch)
    assert [isinstance(r, landed.LandedError) for r in results] == [False, False, True, False]
    first = results[0]
    assert not isinstance(first, landed.LandedError)
    assert first["version"] == 5
    assert clerk.book.position("A", "SZ")["on_hand"] == 2


def test_batch_items_are_checked_like_single_commands() -> None:
    clerk = standard()
    with pytest.raises(TypeError, match=r"batch\[1\]\.command\.unit_cost\.amount: a float"):
        clerk.book.execute_batch(
            [
                (receive("A", "SZ", 1, "1.00"), {"at": START, "command_id": "x1"}),
                (
                    unchecked(
                        {"type": "receive", "sku": "A", "location": "SZ", "quantity": 1,
                         "unit_cost": {"amount": 1.0, "currency": "USD"}}
                    ),
                    {"at": START, "command_id": "x2"},
                ),
            ]
        )
    with pytest.raises(TypeError, match=r"batch\[0\]\.context\.at"):
        clerk.book.execute_batch([(issue("A", "SZ", 1), {"at": datetime(2026, 1, 1), "command_id": "n"})])
    with pytest.raises(TypeError, match=r"batch\[0\] must be a \(command, context\) tuple"):
        clerk.book.execute_batch(unchecked([issue("A", "SZ", 1)]))
    assert clerk.book.version == 4
