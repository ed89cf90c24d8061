"""Replenishment, from Python, on the book of ``tests/data/replenishment-book.json``
(the worked example of docs/planning.md): demand from ten days of FBA sales,
the lead time from three transfers out of Shenzhen, the host's forecast for
Shenzhen, and the plan as of 2026-11-30 with the query of
core/tests/replenishment.rs. Every figure is a ``Decimal``, never a float."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from support import fixture_book

import landed
from landed.types import Replenishment, ReplenishmentQuery

#: The query of core/tests/replenishment.rs (QUERY): ten days of demand,
#: cases of 24 at FBA, and the host's forecast and lead time for SZ.
QUERY: ReplenishmentQuery = {
    "as_of": datetime.date(2026, 11, 30),
    "window_days": 10,
    "policies": [
        {"sku": "LAMP", "location": "FBA-US", "case_pack": 24},
        {
            "sku": "LAMP",
            "location": "SZ",
            "daily_demand": Decimal("10"),
            "daily_demand_deviation": Decimal("3"),
            "lead_time_days": Decimal("30"),
            "lead_time_deviation_days": Decimal("5"),
            "case_pack": 50,
            "min_order_quantity": 200,
        },
    ],
}


def plan() -> Replenishment:
    return fixture_book("replenishment-book.json").replenishment(QUERY)


def test_fba_line_reads_demand_and_lead_time_from_the_book() -> None:
    result = plan()
    assert (result["window_days"], result["z"]) == (10, Decimal("1.6449"))
    assert str(result["z"]) == "1.6449"
    assert [(line["sku"], line["location"]) for line in result["lines"]] == [("LAMP", "FBA-US"), ("LAMP", "SZ")]
    fba = result["lines"][0]
    demand = fba["demand"]
    # Sales 8, 12, 10, 10, 9, 11, 10, 10, 12, 8: mean 10, deviation √(18 / 9).
    assert (demand["source"], demand["days"], demand["units"]) == ("sales_history", 10, 100)
    assert (str(demand["daily_mean"]), str(demand["daily_deviation"])) == ("10.0000", "1.4142")
    assert isinstance(demand["daily_mean"], Decimal)
    # Transfers from SZ took 28, 30 and 32 days.
    lead = fba.get("lead_time")
    assert lead is not None
    assert (lead["source"], lead.get("from"), lead["samples"]) == ("transfer_history", "SZ", 3)
    assert (str(lead["mean_days"]), str(lead["deviation_days"])) == ("30.00", "2.00")
    # ⌈1.6449 × √(30 × 1.4142² + 10² × 2²)⌉ = 36; ROP 300 + 36; restock 600 − 250 − 100.
    assert (fba.get("safety_stock"), fba.get("reorder_point"), fba.get("fba_restock")) == (36, 336, 250)
    assert (fba["available"], fba["in_transit"], fba["position"]) == (250, 100, 350)
    assert (fba.get("days_of_supply"), fba.get("stockout_on"), fba.get("next_arrival")) == (
        Decimal("25.0"),
        "2026-12-25",
        "2026-12-28",
    )
    assert fba["inventory_value"] == {"amount": Decimal("500.00"), "currency": "USD"}


def test_suggestions_in_whole_cases_and_the_forecast_line() -> None:
    result = plan()
    send, buy = result["suggestions"]
    # 250 needed at FBA: 11 cases of 24, sent from SZ at SZ's unit cost.
    assert (send["kind"], send["location"], send.get("from")) == ("transfer", "FBA-US", "SZ")
    assert (send["needed"], send["quantity"], send["case_pack"], send.get("source_available")) == (250, 264, 24, 300)
    assert send.get("likely_unit_cost") == {"amount": Decimal("2.0000"), "currency": "USD"}
    value = send.get("likely_value")
    assert value == {"amount": Decimal("528.00"), "currency": "USD"}
    assert value is not None and str(value["amount"]) == "528.00"
    # SZ on the host's forecast: SS 87, ROP 387; 157 needed, raised to the
    # minimum of 200 (four cases of 50), bought from F1.
    sz = result["lines"][1]
    assert sz["demand"]["source"] == "policy"
    assert (sz.get("safety_stock"), sz.get("reorder_point"), sz.get("order_up_to")) == (87, 387, 457)
    assert "fba_restock" not in sz
    assert (buy["kind"], buy["location"], buy.get("from")) == ("purchase", "SZ", "F1")
    assert (buy["needed"], buy["quantity"], buy["min_order_quantity"]) == (157, 200, 200)
    assert buy.get("likely_value") == {"amount": Decimal("400.00"), "currency": "USD"}


def test_alerts_arrivals_and_supply_per_sku() -> None:
    result = plan()
    assert [(a["kind"], a["location"]) for a in result["alerts"]] == [
        ("below_reorder_point", "SZ"),
        ("stockout_before_arrival", "FBA-US"),
    ]
    (t4,) = result["arrivals"]
    assert (t4["document"], t4["units"], t4.get("expected_by_lead_time"), t4.get("days_beyond_lead_time")) == (
        "T-4",
        100,
        "2026-12-15",
        13,
    )
    (lamp,) = result["skus"]
    assert (lamp["sku"], lamp["available"], lamp.get("days_of_supply")) == ("LAMP", 550, Decimal("27.5"))


def test_malformed_queries_are_refused_naming_the_field() -> None:
    book = fixture_book("replenishment-book.json")
    with pytest.raises(landed.InvalidCommandError, match="service_level"):
        book.replenishment({"as_of": "2026-11-30", "service_level": Decimal("1.5")})
    bad: Any = {"as_of": "2026-11-30", "horizon": 7}
    with pytest.raises(landed.InvalidCommandError, match="horizon"):
        book.replenishment(bad)
    with pytest.raises(landed.InvalidCommandError, match="case_pack"):
        book.replenishment({"as_of": "2026-11-30", "policies": [{"sku": "LAMP", "location": "SZ", "case_pack": 0}]})
    # A float never crosses the binding.
    floating: Any = {"as_of": "2026-11-30", "service_level": 0.95}
    with pytest.raises(TypeError, match="service_level"):
        book.replenishment(floating)
    with pytest.raises(landed.UnknownLocationError):
        book.replenishment({"as_of": "2026-11-30", "policies": [{"sku": "LAMP", "location": "XX"}]})
