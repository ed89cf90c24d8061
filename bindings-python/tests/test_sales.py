"""Selling, from Python: the book of ``tests/data/sales-book.json`` (the
core's ``sales_book``: a Shopify order of 5 lamps split 3 + 2 between the
3PL in Los Angeles and Shenzhen, and an order for a listing the channel
does not know), shipped, returned and refused as in core/tests/sales.rs.
The reports are ``sales_order``, ``sales_orders`` and ``order_exceptions``;
money is ``Decimal`` throughout, compared as the core prints it."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from conftest import REPO_ROOT
from support import vouchers

import landed
from landed import Book
from landed.types import Command, Context, Outcome

FIXTURE: dict[str, Any] = json.loads((REPO_ROOT / "tests" / "data" / "sales-book.json").read_text("utf-8"))


def context(day: str, command_id: str) -> Context:
    return {"at": datetime.fromisoformat(f"{day}T09:00:00+00:00"), "command_id": command_id}


def book_of(fixture: dict[str, Any]) -> Book:
    """A book that ran a fixture's batch, every command accepted."""
    book = Book(fixture["config"])
    results = book.execute_batch(json.dumps(fixture["batch"]), all_or_nothing=True)
    assert not [r for r in results if isinstance(r, landed.LandedError)]
    return book


def sales_book() -> Book:
    return book_of(FIXTURE)


def run(book: Book, day: str, command_id: str, command: Command) -> Outcome:
    return book.execute(command, context(day, command_id))


def test_the_split_order_is_reserved_3_in_los_angeles_and_2_in_shenzhen() -> None:
    book = sales_book()
    order = book.sales_order("shop-us", "1001")
    assert (order["channel"], order["order"], order["date"], order["currency"]) == ("shop-us", "1001", "2026-11-20", "USD")
    assert (order["revision"], order["shipments"]) == (0, [])
    (line,) = order["lines"]
    assert (line["line"], line["listing"], line["skus"]) == ("1", "lamp-black", [{"sku": "LAMP", "per_unit": 1}])
    assert (line["ordered"], line["reserved"], line["shipped"], line["unserved"]) == (5, 5, 0, 0)
    assert line["locations"] == [
        {"location": "LA", "reserved": 3, "shipped": 0},
        {"location": "SZ", "reserved": 2, "shipped": 0},
    ]
    assert line["net_cost"] == Decimal("0")
    assert isinstance(line["net_cost"], Decimal)
    assert [o["order"] for o in book.sales_orders()] == ["1001", "1002"]
    assert [o["order"] for o in book.sales_orders("shop-us")] == ["1001", "1002"]
    assert [o["order"] for o in book.sales_orders(channel="shop-us")] == ["1001", "1002"]
    assert book.sales_orders("amazon-de") == []
    assert book.order_exceptions() == [
        {"channel": "shop-us", "order": "1002", "line": "1", "kind": "unknown_listing", "quantity": 1}
    ]


def test_shipping_the_split_order_costs_24_and_14_and_leaves_138_receivable() -> None:
    book = sales_book()
    out = run(book, "2026-11-21", "ship-1001", {"type": "ship_sales_order", "channel": "shop-us", "order": "1001", "shipment": "S-1001"})
    assert vouchers(out) == [
        "Dr 5000 24.00, Cr 1300 24.00",
        "Dr 5000 14.00, Cr 1300 14.00",
        "Dr 1250 138.00, Cr 4000 75.00, Cr 4050 3.00, Cr 2450 4.80, Cr 4000 50.00, Cr 4050 2.00, Cr 2450 3.20",
    ]
    order = book.sales_order("shop-us", "1001")
    (line,) = order["lines"]
    assert order["shipments"] == ["S-1001"]
    assert (line["reserved"], line["shipped"], line["unserved"]) == (0, 5, 0)
    assert str(line["recognised"]["principal"]) == "125.00"
    assert str(line["recognised"]["shipping"]) == "5.00"
    assert str(line["recognised"]["tax"]) == "8.00"
    assert str(line["net_cost"]) == "38.00"
    (item,) = [i for i in book.open_items(date(2026, 11, 30)) if i["document"] == "S-1001"]
    assert item["open"] == {"amount": Decimal("138.00"), "currency": "USD"}


def test_an_fba_order_in_euros_at_the_book_s_rate() -> None:
    book = sales_book()
    run(book, "2026-11-19", "rates", {"type": "record_rates", "entries": [{"base": "EUR", "quote": "USD", "date": "2026-11-19", "rate": Decimal("1.10")}]})
    run(book, "2026-11-19", "amazon", {"type": "define_channel", "code": "amazon-de", "name": "Amazon DE", "kind": "amazon", "currency": "EUR", "fba_location": "FBA-US", "locations": [{"location": "SZ"}]})
    run(book, "2026-11-19", "asin", {"type": "define_listing", "channel": "amazon-de", "listing": "B0LAMP01", "sku": "LAMP"})
    run(
        book,
        "2026-11-20",
        "A-1",
        {
            "type": "ingest_sales_order",
            "channel": "amazon-de",
            "order": "302-1",
            "date": "2026-11-20",
            "fulfilment": "channel",
            "lines": [{"line": "1", "listing": "B0LAMP01", "quantity": 2, "unit_price": Decimal("29.90"), "discount": Decimal("5.00"), "tax": Decimal("10.41"), "marketplace_tax": True}],
        },
    )
    (order,) = book.sales_orders("amazon-de")
    assert (order["currency"], order["fulfilment"]) == ("EUR", "channel")
    assert order["lines"][0]["locations"] == [{"location": "FBA-US", "reserved": 2, "shipped": 0}]
    out = run(book, "2026-11-21", "A-1/ship", {"type": "ship_sales_order", "channel": "amazon-de", "order": "302-1", "shipment": "AMZ-302-1"})
    # 2 x 9.00 of cost; 54.80 EUR of revenue at 1.10 = 60.28 USD; the
    # marketplace's 10.41 EUR of tax (11.45 USD); receivable 65.21 EUR.
    assert vouchers(out) == [
        "Dr 5000 18.00, Cr 1300 18.00",
        "Dr 1250 71.73, Cr 4000 60.28, Cr 2460 11.45",
    ]
    line = book.sales_order("amazon-de", "302-1")["lines"][0]
    assert str(line["net_cost"]) == "18.00"
    (item,) = [i for i in book.open_items("2026-11-30") if i["document"] == "AMZ-302-1"]
    assert item["open"] == {"amount": Decimal("65.21"), "currency": "EUR"}


def test_a_return_graded_damaged_comes_back_at_its_cost() -> None:
    book = sales_book()
    run(book, "2026-11-21", "ship-1001", {"type": "ship_sales_order", "channel": "shop-us", "order": "1001", "shipment": "S-1001"})
    out = run(
        book,
        "2026-11-25",
        "rma-1",
        {"type": "receive_sales_return", "channel": "shop-us", "order": "1001", "line": "1", "quantity": 1, "grade": "damaged", "location": "SZ", "reason": "cracked shade"},
    )
    # Shipped 3 x 8.00 + 2 x 7.00 = 38.00 for 5: one back at 7.60.
    assert vouchers(out) == ["Dr 1300 7.60, Cr 5000 7.60"]
    (line,) = book.sales_order("shop-us", "1001")["lines"]
    assert (line["shipped"], line["returned"]) == (5, 1)
    assert str(line["net_cost"]) == "30.40"
    position = book.position("LAMP", "SZ")
    assert position["quantities"]["damaged"] == 1


def test_over_shipment_is_refused_with_the_book_unchanged() -> None:
    book = sales_book()
    before, version = book.snapshot(), book.version
    with pytest.raises(landed.OverShipmentError) as refused:
        run(
            book,
            "2026-11-21",
            "ship-too-many",
            {"type": "ship_sales_order", "channel": "shop-us", "order": "1001", "shipment": "S-1", "lines": [{"line": "1", "location": "LA", "quantity": 4}]},
        )
    assert refused.value.code == "OVER_SHIPMENT"
    assert isinstance(refused.value, landed.LandedError)
    with pytest.raises(landed.UnknownChannelError):
        run(book, "2026-11-21", "ship-channel", {"type": "ship_sales_order", "channel": "ebay", "order": "1001", "shipment": "S-1"})
    assert (book.snapshot(), book.version) == (before, version)
    assert book.sales_order("shop-us", "1001")["lines"][0]["shipped"] == 0


def test_unknown_orders_and_the_selling_codes() -> None:
    book = sales_book()
    with pytest.raises(landed.UnknownSalesOrderError) as unknown:
        book.sales_order("shop-us", "9999")
    assert unknown.value.code == "UNKNOWN_SALES_ORDER"
    with pytest.raises(landed.UnknownSalesOrderError):
        book.sales_order("ebay", "1001")
    selling = {
        "UNKNOWN_CHANNEL": landed.UnknownChannelError,
        "UNKNOWN_SALES_ORDER": landed.UnknownSalesOrderError,
        "OVER_SHIPMENT": landed.OverShipmentError,
        "OVER_RETURN": landed.OverReturnError,
        "OVER_CANCELLATION": landed.OverCancellationError,
        "RESTATEMENT_REFUSED": landed.RestatementRefusedError,
    }
    for code, cls in selling.items():
        assert code in landed.CODES
        assert landed.EXCEPTIONS_BY_CODE[code] is cls
        assert issubclass(cls, landed.LandedError)


def test_cancelling_the_unknown_listing_closes_its_exception() -> None:
    book = sales_book()
    run(book, "2026-11-21", "cancel-1002", {"type": "cancel_sales_order", "channel": "shop-us", "order": "1002"})
    assert book.order_exceptions() == []
    (line,) = book.sales_order("shop-us", "1002")["lines"]
    assert (line["cancelled"], line["unserved"]) == (1, 0)


PROFIT_FIXTURE: dict[str, Any] = json.loads((REPO_ROOT / "tests" / "data" / "profit-book.json").read_text("utf-8"))


def profit_book() -> Book:
    return book_of(PROFIT_FIXTURE)


def test_profit_of_the_lamp_is_revenue_less_cost_and_fees() -> None:
    book = profit_book()
    report = book.profit(date(2026, 11, 1), "2026-11-30", "sku")
    (lamp,) = report["lines"]
    figures = lamp["figures"]
    assert lamp["key"] == "LAMP"
    assert (figures["revenue"], figures["cogs"], figures["fees"], figures["profit"]) == (
        Decimal("50.00"),
        Decimal("16.00"),
        Decimal("7.50"),
        Decimal("26.50"),
    )
    assert isinstance(figures["sales_returns"], Decimal)
    assert report["total"] == figures
    # By channel, in the channel's currency: what Shopify pays out for it.
    by_channel = book.profit("2026-11-01", "2026-11-30", "channel", basis="settlement", channel="shop-us")
    (usd,) = by_channel["lines"][0]["channel_currency"]
    assert (by_channel["lines"][0]["key"], usd["currency"], usd["net"]) == ("shop-us", "USD", Decimal("42.50"))
    # Before the settlement's day the fee is not in yet.
    early = book.profit("2026-11-01", "2026-11-23", "order")
    assert early["lines"][0]["key"] == "shop-us/1001"
    assert early["total"]["profit"] == Decimal("34.00")


def test_the_settlement_pays_out_44_50() -> None:
    book = profit_book()
    settlement = book.sales_settlement("P-1")
    assert settlement["net"] == Decimal("44.50")
    assert book.sales_settlements() == [settlement]
    assert book.sales_settlements("ebay") == []
    with pytest.raises(landed.UnknownDocumentError):
        book.sales_settlement("nope")


def test_a_bad_profit_query_is_refused_with_its_code() -> None:
    book = profit_book()
    with pytest.raises(landed.InvalidCommandError):
        book.profit("2026-11-01", "2026-11-30", "colour")  # type: ignore[arg-type]
    with pytest.raises(landed.InvalidCommandError):
        book.profit("2026-11-30", "2026-11-01", "sku")
    with pytest.raises(landed.UnknownChannelError):
        book.profit("2026-11-01", "2026-11-30", "sku", channel="ebay")
    with pytest.raises(landed.InvalidDateError):
        book.profit("2026-11-1", "2026-11-30", "sku")
