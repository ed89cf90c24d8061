"""Purchasing, transfers through transit and landed cost, from Python.

The flows and figures are those of the core's worked examples
(core/tests/trade_examples.rs): a CNY book buying in USD, a freight charge
by chargeable weight after 40 lamps were sold, and a transfer of 50 fans
received with 1 damaged and 2 short. Amounts are ``Decimal`` throughout;
each figure is compared as text, exactly as the core prints it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from support import DayClerk, value_at, vouchers

import landed
from landed import Book
from landed.types import (
    ApplyLandedCostCommand,
    BucketQuantities,
    Command,
    LocationKind,
    Outcome,
    RecordMilestoneCommand,
    ValuationMethod,
)

METHODS: list[ValuationMethod] = ["moving_average", "fifo"]


class Clerk(DayClerk):
    """A day clerk that also reads positions and values."""

    def quantities(self, sku: str, location: str) -> BucketQuantities:
        return self.book.position(sku, location)["quantities"]

    def value(self, sku: str, location: str) -> str:
        return str(value_at(self.book, sku, location))


def usd(amount: str) -> landed.types.MoneyDict:
    return {"amount": Decimal(amount), "currency": "USD"}


def seller(method: ValuationMethod = "moving_average") -> Clerk:
    """CNY book; SZ (own), DE (3PL), FBA-US; LAMP 1.2 kg 30×20×10 cm, FAN
    0.5 kg 40×30×30 cm, CABLE; supplier F1 in USD; USD at 7.10 on 2 Nov
    and 7.20 from 10 Nov, EUR at 7.80 from 10 Nov."""
    clerk = Clerk(Book({"functional_currency": "CNY", "valuation_method": method}))
    locations: list[tuple[str, LocationKind]] = [("SZ", "own"), ("DE", "third_party"), ("FBA-US", "fba")]
    for code, kind in locations:
        clerk.run({"type": "define_location", "code": code, "name": code, "kind": kind})
    clerk.run({
        "type": "define_sku", "code": "LAMP", "name": "Lamp", "weight_kg": Decimal("1.2"),
        "dimensions_cm": {"length": Decimal(30), "width": Decimal(20), "height": Decimal(10)},
    })  # fmt: skip
    clerk.run({
        "type": "define_sku", "code": "FAN", "name": "Fan", "weight_kg": Decimal("0.5"),
        "dimensions_cm": {"length": Decimal(40), "width": Decimal(30), "height": Decimal(30)},
    })  # fmt: skip
    clerk.run({"type": "define_sku", "code": "CABLE", "name": "Cable"})
    clerk.run({"type": "define_supplier", "code": "F1", "name": "Factory", "currency": "USD", "payment_terms_days": 30})
    clerk.run({"type": "record_rates", "entries": [
        {"base": "USD", "quote": "CNY", "date": date(2026, 11, 2), "rate": Decimal("7.10")},
        {"base": "USD", "quote": "CNY", "date": date(2026, 11, 10), "rate": Decimal("7.20")},
        {"base": "EUR", "quote": "CNY", "date": date(2026, 11, 10), "rate": Decimal("7.80")},
    ]})  # fmt: skip
    return clerk


def purchase_and_receive(clerk: Clerk) -> Outcome:
    """PO-1: 100 LAMP at 2.50, 50 FAN at 8.00, 200 CABLE at 0.40 USD, all
    received on 2 Nov (GRN-1) at 7.10."""
    clerk.run({"type": "create_purchase_order", "po": "PO-1", "supplier": "F1", "date": date(2026, 11, 1), "lines": [
        {"sku": "LAMP", "quantity": 100, "unit_price": usd("2.50"), "destination": "SZ"},
        {"sku": "FAN", "quantity": 50, "unit_price": usd("8.00"), "destination": "SZ"},
        {"sku": "CABLE", "quantity": 200, "unit_price": usd("0.40"), "destination": "SZ"},
    ]})  # fmt: skip
    clerk.run({"type": "confirm_purchase_order", "po": "PO-1"})
    clerk.day(2)
    return clerk.run({"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-1", "lines": [
        {"line": 1, "quantity": 100}, {"line": 2, "quantity": 50}, {"line": 3, "quantity": 200},
    ]})  # fmt: skip


def freight_by_chargeable_weight(lines: list[int]) -> ApplyLandedCostCommand:
    """Sea freight 300.00 USD (2,160.00 CNY at 7.20) by chargeable weight, divisor 6000."""
    return {
        "type": "apply_landed_cost", "voucher": "LC-1", "date": date(2026, 11, 10),
        "charges": [{"description": "Sea freight", "kind": "freight", "amount": usd("300.00"),
                     "account": "2200", "method": "chargeable_weight", "divisor": 6000}],
        "targets": [{"type": "receipt", "receipt": "GRN-1", "line": line} for line in lines],
    }  # fmt: skip


def assert_reconciled(book: Book) -> None:
    lines = book.reconciliation()
    assert lines
    for line in lines:
        assert line["difference"]["amount"] == 0, line


def test_a_purchase_order_is_received_at_the_receipt_date_rate() -> None:
    clerk = seller()
    clerk.run({"type": "create_purchase_order", "po": "PO-1", "supplier": "F1", "date": date(2026, 11, 1),
               "lines": [{"sku": "LAMP", "quantity": 100, "unit_price": usd("2.50"), "destination": "SZ"}]})
    assert clerk.quantities("LAMP", "SZ")["on_order"] == 0
    clerk.run({"type": "confirm_purchase_order", "po": "PO-1"})
    assert clerk.quantities("LAMP", "SZ")["on_order"] == 100
    clerk.run({"type": "ship_purchase_order", "po": "PO-1",
               "shipment": {"carrier": "Maersk", "tracking": "MSKU1", "eta": date(2026, 11, 20)}})
    q = clerk.quantities("LAMP", "SZ")
    assert (q["on_order"], q["in_transit"]) == (0, 100)

    # 60 arrive on 2 Nov at 7.10: 60 × 2.50 × 7.10 = 1,065.00 CNY.
    clerk.day(2)
    out = clerk.run({"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-1",
                     "lines": [{"line": 1, "quantity": 60}]})
    assert vouchers(out) == ["Dr 1300 1065.00, Cr 2100 1065.00"]
    entry = clerk.book.journal()[-1]
    assert [(line["account"], line["debit"], line["credit"]) for line in entry["lines"]] == [
        ("1300", Decimal("1065.00"), Decimal(0)),
        ("2100", Decimal(0), Decimal("1065.00")),
    ]
    assert all(isinstance(line["debit"], Decimal) for line in entry["lines"])
    q = clerk.quantities("LAMP", "SZ")
    assert (q["in_transit"], q["available"]) == (40, 60)
    (po,) = clerk.book.purchase_orders()
    assert (po["po"], po["supplier"], po["status"]) == ("PO-1", "F1", "partially_received")
    assert (po["lines"][0]["received"], po["lines"][0]["outstanding"]) == (60, 40)
    assert po["receipts"] == ["GRN-1"]
    assert po["ordered_value"] == {"amount": Decimal("250.00"), "currency": "USD"}
    assert str(po["outstanding_value"]["amount"]) == "100.00"

    # The rest on 10 Nov at 7.20: 40 × 2.50 × 7.20 = 720.00.
    clerk.day(10)
    out = clerk.run({"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-2",
                     "lines": [{"line": 1, "quantity": 40}]})
    assert vouchers(out) == ["Dr 1300 720.00, Cr 2100 720.00"]
    assert clerk.value("LAMP", "SZ") == "1785.00"
    assert clerk.book.purchase_orders()[0]["status"] == "received"

    # Over-receipt beyond the tolerance (0 by default) is refused, with the
    # numbers, and changes nothing.
    err = clerk.fail(
        {"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-3", "lines": [{"line": 1, "quantity": 1}]},
        landed.OverReceiptError,
        match="ordered 100, received 100",
    )
    assert err.code == "OVER_RECEIPT"


@pytest.mark.parametrize("method", METHODS)
def test_freight_by_chargeable_weight_after_40_percent_sold(method: ValuationMethod) -> None:
    clerk = seller(method)
    # 100 × 2.50 × 7.10 = 1,775.00; 50 × 8.00 × 7.10 = 2,840.00; 200 × 0.40 × 7.10 = 568.00.
    assert vouchers(purchase_and_receive(clerk)) == [
        "Dr 1300 1775.00, Cr 2100 1775.00",
        "Dr 1300 2840.00, Cr 2100 2840.00",
        "Dr 1300 568.00, Cr 2100 568.00",
    ]
    clerk.day(5)
    clerk.run({"type": "issue", "sku": "LAMP", "location": "SZ", "quantity": 40, "reason": "sale"})
    assert clerk.value("LAMP", "SZ") == "1065.00"

    # Bases LAMP 1.2 kg × 100 = 120, FAN max(0.5, 36000/6000) × 50 = 300,
    # CABLE 0 (no weight): LAMP 617.14 (370.28 on hand, 246.86 sold), FAN 1,542.86.
    clerk.day(10)
    out = clerk.run(freight_by_chargeable_weight([1, 2, 3]))
    assert vouchers(out) == ["Dr 1300 370.28, Dr 5000 246.86, Dr 1300 1542.86, Cr 2200 2160.00"]
    assert clerk.value("LAMP", "SZ") == "1435.28"
    assert clerk.value("FAN", "SZ") == "4382.86"
    assert clerk.value("CABLE", "SZ") == "568.00"
    assert_reconciled(clerk.book)

    report = clerk.book.landed_cost("LAMP")
    (line,) = report["lines"]
    assert line["target"] == {"type": "receipt", "receipt": "GRN-1", "line": 1}
    assert (line["sku"], line["quantity"]) == ("LAMP", 100)
    assert str(line["total"]["purchase"]["amount"]) == "1775.00"
    assert str(line["total"]["freight"]["amount"]) == "617.14"
    assert line["total"]["freight"]["currency"] == "CNY"
    assert str(line["per_unit"]["total"]["amount"]) == "23.9214"
    assert str(report["skus"][0]["per_unit"]["freight"]["amount"]) == "6.1714"
    # Every SKU without the filter; the freight adds up to the charge.
    everything = clerk.book.landed_cost()
    assert sorted(s["sku"] for s in everything["skus"]) == ["CABLE", "FAN", "LAMP"]
    assert sum((s["total"]["freight"]["amount"] for s in everything["skus"]), Decimal(0)) == Decimal("2160.00")


def test_a_zero_basis_is_refused_unless_the_voucher_asks_for_equal_shares() -> None:
    clerk = seller()
    purchase_and_receive(clerk)
    charge: ApplyLandedCostCommand = {
        "type": "apply_landed_cost", "voucher": "LC-W", "date": date(2026, 11, 10),
        "charges": [{"description": "Handling", "amount": {"amount": Decimal("10.00"), "currency": "CNY"},
                     "account": "2200", "method": "weight"}],
        "targets": [{"type": "receipt", "receipt": "GRN-1", "line": 3}],
    }  # fmt: skip
    err = clerk.fail(charge, landed.ZeroAllocationBasisError, match="receipt GRN-1 line 3")
    assert err.code == "ZERO_ALLOCATION_BASIS"
    charge["equal_fallback"] = True
    assert vouchers(clerk.run(charge)) == ["Dr 1300 10.00, Cr 2200 10.00"]
    assert clerk.value("CABLE", "SZ") == "578.00"


@pytest.mark.parametrize("method", METHODS)
def test_a_transfer_received_with_2_short_and_1_damaged_out_of_50(method: ValuationMethod) -> None:
    clerk = seller(method)
    purchase_and_receive(clerk)
    clerk.day(10)
    clerk.run(freight_by_chargeable_weight([1, 2]))
    assert clerk.value("FAN", "SZ") == "4382.86"

    clerk.run({"type": "create_transfer", "transfer": "T-1", "source": "SZ", "destination": "DE",
               "lines": [{"sku": "FAN", "quantity": 50}]})
    clerk.run({"type": "approve_transfer", "transfer": "T-1"})
    q = clerk.quantities("FAN", "SZ")
    assert (q["available"], q["committed"]) == (0, 50)
    clerk.day(12)
    out = clerk.run({"type": "ship_transfer", "transfer": "T-1",
                     "shipment": {"carrier": "COSCO", "tracking": "CSLU7", "eta": date(2026, 12, 20)}})
    assert vouchers(out) == ["Dr 1310 4382.86, Cr 1300 4382.86"]
    assert clerk.quantities("FAN", "DE")["in_transit"] == 50
    assert clerk.value("FAN", "SZ") == "0"
    transit = clerk.book.in_transit(date(2026, 11, 12))
    assert transit["total_value"] == {"amount": Decimal("4382.86"), "currency": "CNY"}
    assert str(transit["total_value"]["amount"]) == "4382.86"
    (shipment,) = transit["shipments"]
    assert (shipment["document"], shipment["carrier"], shipment["units"]) == ("T-1", "COSCO", 50)
    assert clerk.book.in_transit("2026-11-12") == transit  # a date or its text
    # The reconciliation gains a goods-in-transit line, equal to its account.
    by_scope = {line["scope"]: line for line in clerk.book.reconciliation()}
    assert str(by_scope["goods_in_transit"]["subledger"]["amount"]) == "4382.86"
    assert_reconciled(clerk.book)

    # Carrier milestones; a repeated carrier event (same event_id, new
    # command id) changes nothing.
    milestone: RecordMilestoneCommand = {
        "type": "record_milestone", "document": "T-1", "eta": date(2026, 12, 18),
        "milestone": {"event_id": "E1", "milestone": "departed",
                      "at": datetime(2026, 11, 13, 2, 0, tzinfo=timezone.utc), "place": "Yantian"},
    }  # fmt: skip
    assert len(clerk.run(milestone)["events"]) == 1
    version = clerk.book.version
    again = clerk.run(milestone)
    # Logged as no_effect, so its command id is remembered; nothing moves.
    assert [r["event"] for r in again["events"]] == [{"type": "no_effect"}]
    assert again["duplicate"] is False
    assert clerk.book.version == version + 1
    err = clerk.fail(
        {"type": "record_milestone", "document": "T-404",
         "milestone": {"event_id": "E2", "milestone": "delivered", "at": datetime(2026, 11, 13, 2, tzinfo=timezone.utc)}},
        landed.UnknownDocumentError,
    )  # fmt: skip
    assert err.code == "UNKNOWN_DOCUMENT"
    assert [m["event_id"] for m in clerk.book.transfer("T-1")["shipment"].get("milestones", [])] == ["E1"]

    # 47 accepted: round(4,382.86 × 47/50) = 4,119.89; 1 damaged out of the
    # 3 left worth 262.97: 87.66; 2 short take the rest, 175.31, to transit loss.
    clerk.day(20)
    out = clerk.run({"type": "receive_transfer", "transfer": "T-1", "lines": [
        {"line": 1, "accepted": 47, "damaged": 1, "short": 2, "short_to": "loss", "damage_reason": "crushed"}]})
    assert vouchers(out) == [
        "Dr 1300 4119.89, Cr 1310 4119.89",
        "Dr 1300 87.66, Cr 1310 87.66",
        "Dr 5200 175.31, Cr 1310 175.31",
    ]
    position = clerk.book.position("FAN", "DE")
    at_de = position["quantities"]
    assert (at_de["available"], at_de["damaged"], at_de["in_transit"]) == (47, 1, 0)
    assert position.get("damaged_by_reason") == {"crushed": 1}
    assert clerk.value("FAN", "DE") == "4207.55"
    transfer = clerk.book.transfer("T-1")
    assert transfer["status"] == "received"
    (line,) = transfer["lines"]
    assert (line["accepted"], line["damaged"], line["short"], line["shipped"]) == (47, 1, 2, 50)
    assert (str(line["shipped_value"]), str(line["short_value"])) == ("4382.86", "175.31")
    assert str(clerk.book.in_transit(date(2026, 11, 20))["total_value"]["amount"]) == "0.00"
    assert clerk.book.in_transit(date(2026, 11, 20))["shipments"] == []
    assert_reconciled(clerk.book)
    # The transit loss is in the ledger too.
    assert [str(x["balance"]["amount"]) for x in clerk.book.trial_balance(date(2026, 11, 30))["lines"]
            if x["account"] == "5200"] == ["175.31"]  # fmt: skip


def test_transfer_state_errors_change_nothing() -> None:
    clerk = seller()
    purchase_and_receive(clerk)
    clerk.run({"type": "create_transfer", "transfer": "T-2", "source": "SZ", "destination": "FBA-US",
               "lines": [{"sku": "LAMP", "quantity": 30}]})
    # Receiving a transfer that never shipped.
    err = clerk.fail(
        {"type": "receive_transfer", "transfer": "T-2", "lines": [{"line": 1, "accepted": 30}]},
        landed.DocumentStateError,
    )
    assert err.code == "DOCUMENT_STATE"
    assert landed.EXCEPTIONS_BY_CODE["DOCUMENT_STATE"] is landed.DocumentStateError
    clerk.run({"type": "approve_transfer", "transfer": "T-2"})
    # Shipping more than committed.
    err = clerk.fail(
        {"type": "ship_transfer", "transfer": "T-2", "lines": [{"line": 1, "quantity": 31}]},
        landed.QuantityExceededError,
    )
    assert err.code == "QUANTITY_EXCEEDED"
    # Cancel before shipping releases the commitment; a cancelled transfer
    # cannot be approved again.
    clerk.run({"type": "cancel_transfer", "transfer": "T-2"})
    q = clerk.quantities("LAMP", "SZ")
    assert (q["available"], q["committed"]) == (100, 0)
    assert clerk.book.transfer("T-2")["status"] == "cancelled"
    clerk.fail({"type": "approve_transfer", "transfer": "T-2"}, landed.DocumentStateError)
    with pytest.raises(landed.UnknownDocumentError):
        clerk.book.transfer("T-404")
    with pytest.raises(landed.InvalidDateError):
        clerk.book.in_transit("12/11/2026")


def test_trade_codes_have_their_classes() -> None:
    assert {
        "OVER_RECEIPT": landed.OverReceiptError,
        "DOCUMENT_STATE": landed.DocumentStateError,
        "QUANTITY_EXCEEDED": landed.QuantityExceededError,
        "ZERO_ALLOCATION_BASIS": landed.ZeroAllocationBasisError,
    }.items() <= landed.EXCEPTIONS_BY_CODE.items()


def test_a_batch_reports_a_trade_error_as_its_exception() -> None:
    clerk = seller()
    purchase_and_receive(clerk)
    results = clerk.book.execute_batch([
        ({"type": "create_transfer", "transfer": "T-9", "source": "SZ", "destination": "DE",
          "lines": [{"sku": "FAN", "quantity": 5}]}, clerk.context()),
        ({"type": "receive_transfer", "transfer": "T-9", "lines": [{"line": 1, "accepted": 5}]}, clerk.context()),
    ])  # fmt: skip
    assert isinstance(results[1], landed.DocumentStateError) and results[1].code == "DOCUMENT_STATE"
