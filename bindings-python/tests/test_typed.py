"""What a typed user relies on: a docstring on everything public in the
stub, the event log as plain JSON text, the JSON Schemas shipped in the
package, pickling a RateBook, integers for weights and dimensions, and
dates as ``datetime.date`` in and out."""

from __future__ import annotations

import ast
import datetime
import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import REPO_ROOT

import landed
from landed import Book, Money, RateBook
from landed.types import Command, Context, DefineSkuCommand

STUB = Path(landed.__file__).resolve().with_name("_landed.pyi")


def undocumented(tree: ast.Module) -> list[str]:
    """The public classes, functions, methods and properties of a stub
    without a docstring, as dotted names (a property's setter shares the
    getter's docstring; dunders document themselves)."""
    missing: list[str] = []

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{node.name}"
                if node.name.startswith("_"):
                    continue
                setter = isinstance(node, ast.FunctionDef) and any(
                    isinstance(d, ast.Attribute) and d.attr in ("setter", "deleter") for d in node.decorator_list
                )
                if not setter and not (ast.get_docstring(node) or "").strip():
                    missing.append(name)
                if isinstance(node, ast.ClassDef):
                    visit(node.body, f"{name}.")

    visit(tree.body, "")
    return missing


def test_every_public_name_of_the_stub_has_a_docstring() -> None:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    assert undocumented(tree) == []
    # The walk does find what it checks: every public class of the module.
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    assert {"Book", "Store", "Money", "RateBook", "LandedError", "InsufficientStockError"} <= classes
    assert undocumented(ast.parse("class A:\n    def f(self) -> None: ...\n")) == ["A", "A.f"]


def test_raised_errors_in_the_docstrings_name_real_codes() -> None:
    text = STUB.read_text(encoding="utf-8")
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name.endswith("Error") and node.name in landed.__all__:
            cls = getattr(landed, node.name)
            doc = ast.get_docstring(node) or ""
            if cls is not landed.LandedError and cls is not landed.StoreError:
                assert f"``{cls.code}``" in doc, node.name
    # "FooError (``CODE``)" in a docstring pairs a class with its own code.
    import re

    for cls_name, code in re.findall(r"``(\w+Error)``\s*\(``([A-Z_]+)``", text):
        assert getattr(landed, cls_name).code == code, (cls_name, code)


def context(command_id: str) -> Context:
    return {"at": datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.timezone.utc), "command_id": command_id}


def stocked_book() -> Book:
    book = Book({"functional_currency": "USD"})
    book.execute({"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"}, context("1"))
    book.execute({"type": "define_sku", "code": "A", "name": "Lamp"}, context("2"))
    book.execute(
        {"type": "receive", "sku": "A", "location": "SZ", "quantity": 3, "unit_cost": Money("2.50", "USD")},
        context("3"),
    )
    return book


def as_json_values(value: Any) -> Any:
    """``value`` with every Decimal as its str (what JSON text holds)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: as_json_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_values(item) for item in value]
    return value


def test_events_json_is_the_log_as_plain_json_text() -> None:
    book = stocked_book()
    with pytest.raises(TypeError):
        json.dumps(book.events())  # Decimals need an encoder ...
    text = book.events_json()  # ... the core's text does not.
    assert isinstance(text, str)
    assert json.loads(text) == as_json_values(book.events())
    assert len(json.loads(text)) == len(book.events()) > 3
    # It replays to the same book, like events() and events_lines().
    again = Book.replay(book.config, text)
    assert again.head_hash == book.head_hash
    assert Book({"functional_currency": "USD"}).events_json() == "[]"


def test_a_store_has_events_json_too(tmp_path: Path) -> None:
    with landed.Store.open(tmp_path / "book.sqlite", {"functional_currency": "USD"}) as store:
        store.execute({"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"}, context("1"))
        assert json.loads(store.events_json()) == as_json_values(store.events())


def test_the_json_schemas_ship_in_the_package_and_equal_docs_schema() -> None:
    folder = landed.schema_path()
    assert folder.is_dir()
    docs = sorted((REPO_ROOT / "docs" / "schema").glob("*.schema.json"))
    assert len(docs) > 30
    assert sorted(p.name for p in folder.glob("*.json")) == [p.name for p in docs]
    for doc in docs:
        assert (folder / doc.name).read_bytes() == doc.read_bytes(), doc.name
    command = landed.schema_path("command")
    assert command == landed.schema_path("command.schema.json") == folder / "command.schema.json"
    assert json.loads(command.read_text(encoding="utf-8"))["title"] == "Command"
    # Found through importlib.resources too, as an installed package's data.
    from importlib.resources import files

    assert files("landed").joinpath("schema", "command.schema.json").read_bytes() == command.read_bytes()
    for bad in ("nope", "../command", "command.json"):
        with pytest.raises(FileNotFoundError):
            landed.schema_path(bad)


def test_the_wheel_and_the_sdist_include_the_schemas() -> None:
    import sys

    if sys.version_info < (3, 11):
        pytest.skip("tomllib needs Python 3.11")
    import tomllib

    with (REPO_ROOT / "bindings-python" / "pyproject.toml").open("rb") as file:
        include = tomllib.load(file)["tool"]["maturin"]["include"]
    assert {"path": "python/landed/schema/*.schema.json", "format": ["sdist", "wheel"]} in include


def test_a_rate_book_pickles_with_its_pivot_and_every_rate() -> None:
    rates = RateBook("EUR")
    rates.load_ecb_csv("Date,USD,CNY,JPY,\n2026-11-03,1.0810,7.7100,N/A,\n2026-11-02,1.0800,7.7000,165.20,\n")
    rates.insert("USD", "CNY", datetime.date(2026, 11, 2), "7.1300", "custom")
    copy = pickle.loads(pickle.dumps(rates))
    assert isinstance(copy, RateBook) and copy is not rates
    assert copy.pivot == "EUR"
    assert len(copy) == len(rates) == 6
    for date in (datetime.date(2026, 11, 2), datetime.date(2026, 11, 3)):
        for currency in ("USD", "CNY", "JPY"):
            assert copy.rate("USD", currency, date).rate == rates.rate("USD", currency, date).rate
    custom = copy.rate("USD", "CNY", "2026-11-02", "custom")
    assert str(custom.rate) == "7.1300"  # scale kept
    # Without a pivot, and empty.
    assert pickle.loads(pickle.dumps(RateBook())).pivot is None
    assert len(pickle.loads(pickle.dumps(RateBook()))) == 0
    # A bad state is refused as a whole.
    fresh = RateBook()
    with pytest.raises(landed.NonPositiveRateError):
        fresh.__setstate__([("EUR", "USD", "2026-11-02", "1.08", "spot"), ("EUR", "CNY", "2026-11-02", "0", "spot")])
    assert len(fresh) == 0


def test_integers_are_taken_for_weights_and_dimensions() -> None:
    shares = landed.allocate(Money("1.00", "USD"), [1, 3])
    assert [str(s) for s in shares] == ["0.25 USD", "0.75 USD"]
    book = Book({"functional_currency": "USD"})
    # Typed Decimal | int in commands (mypy --strict checks this test), and
    # read as the decimal it is.
    sku: DefineSkuCommand = {
        "type": "define_sku",
        "code": "A",
        "name": "Lamp",
        "weight_kg": 2,
        "dimensions_cm": {"length": 30, "width": Decimal("20.5"), "height": Decimal("10")},
    }
    book.execute(sku, context("1"))
    event = cast(dict[str, Any], book.events()[0]["event"])
    assert event["weight_kg"] == Decimal("2")
    assert event["dimensions_cm"] == {"length": Decimal("30"), "width": Decimal("20.5"), "height": Decimal("10")}
    floating = cast(Command, {"type": "define_sku", "code": "B", "name": "B", "weight_kg": 2.5})
    with pytest.raises(TypeError):
        book.execute(floating, context("2"))


def test_dates_are_datetime_date_in_and_out() -> None:
    rates = RateBook("EUR")
    summary = rates.load_ecb_csv("Date,USD,\n2026-11-02,1.0800,\n")
    assert summary.first_date == datetime.date(2026, 11, 2) and type(summary.first_date) is datetime.date
    leg = rates.rate("EUR", "USD", datetime.date(2026, 11, 3)).legs[0]
    assert type(leg.date) is datetime.date
    # A string date is the same date; a datetime is refused, not truncated.
    assert rates.rate("EUR", "USD", "2026-11-03").rate == rates.rate("EUR", "USD", datetime.date(2026, 11, 3)).rate
    with pytest.raises(TypeError):
        rates.rate("EUR", "USD", datetime.datetime(2026, 11, 3, tzinfo=datetime.timezone.utc))
    book = stocked_book()
    assert book.trial_balance(datetime.date(2026, 11, 30)) == book.trial_balance("2026-11-30")
