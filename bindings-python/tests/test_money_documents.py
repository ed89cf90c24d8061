"""Money documents through the Python boundary: rates from the book, a
payment from a bank in another currency, one payment settling several
documents net of a credit note, the lock on credit notes, and landed cost
accrued to the clearing account then allocated.

The numbers are the core's worked examples (core/tests/money_documents.rs).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from support import DayClerk as Clerk
from support import journal_entries, vouchers

import landed
from landed import Book
from landed.types import (
    AccrueLandedCostCommand,
    ApplyLandedCostCommand,
    DocumentKind,
    MoneyDict,
    RecordInvoiceCommand,
    RecordPaymentCommand,
)


def money(amount: str, currency: str) -> MoneyDict:
    return {"amount": Decimal(amount), "currency": currency}


def document(name: str, kind: DocumentKind, party: str, on: date, amount: MoneyDict) -> RecordInvoiceCommand:
    return {"type": "record_invoice", "document": name, "kind": kind, "party": party, "date": on, "amount": amount}


def balance(book: Book, account: str) -> Decimal:
    lines = book.trial_balance(date(2099, 12, 31))["lines"]
    return next((line["balance"]["amount"] for line in lines if line["account"] == account), Decimal(0))


def open_items(book: Book) -> dict[str, tuple[MoneyDict, MoneyDict]]:
    """Open amount and carrying amount of each open document."""
    return {item["document"]: (item["open"], item["carrying"]) for item in book.open_items(date(2099, 12, 31))}


def assert_open_items_equal_accounts(book: Book) -> None:
    """The receivable and the payable are the carrying amounts of their open items, on their sides."""
    sides: dict[str, Decimal] = {"1200": Decimal(0), "2000": Decimal(0)}
    for item in book.open_items(date(2099, 12, 31)):
        sign = 1 if item["kind"] in ("customer_invoice", "supplier_credit_note") else -1
        sides[item["account"]] += sign * item["carrying"]["amount"]
    assert {account: balance(book, account) for account in sides} == sides


def amazon() -> Clerk:
    """A CNY book owed by Amazon US: INV-1 1,000.00 USD at 7.10 (7,100.00),
    INV-2 500.00 at 7.20 (3,600.00), and credit note CN-1 200.00 at 7.15
    (1,430.00) the other way: 9,270.00 on the receivable."""
    clerk = Clerk(Book({"functional_currency": "CNY"}))
    for name, kind, amount, rate, day in [
        ("INV-1", "customer_invoice", "1000.00", "7.10", 2),
        ("INV-2", "customer_invoice", "500.00", "7.20", 5),
        ("CN-1", "customer_credit_note", "200.00", "7.15", 6),
    ]:
        command = document(name, kind, "amazon-us", date(2026, 11, day), money(amount, "USD"))  # type: ignore[arg-type]
        command["rate"] = Decimal(rate)
        clerk.run(command)
    assert balance(clerk.book, "1200") == Decimal("9270.00")
    return clerk


def test_a_cny_bill_at_the_books_rate_paid_from_the_usd_bank_realizes_the_difference() -> None:
    # A USD book buying in CNY. The book's rate of 2 November is 7.10 CNY a
    # dollar: the supplier's CNY 7,100.00 bill, given no rate, is carried at 1,000.00.
    clerk = Clerk(Book({"functional_currency": "USD"}))
    clerk.run({"type": "record_rates", "entries": [
        {"base": "USD", "quote": "CNY", "date": date(2026, 11, 2), "rate": Decimal("7.10")}]})  # fmt: skip
    out = clerk.run(document("BILL-1", "supplier_invoice", "Shenzhen Lamps", date(2026, 11, 2), money("7100.00", "CNY")))
    assert vouchers(out) == ["Dr 2100 1000.00, Cr 2000 1000.00"]
    recorded = out["events"][0]["event"]
    assert recorded["type"] == "invoice_recorded"
    assert recorded["carrying"] == money("1000.00", "USD")
    assert open_items(clerk.book) == {"BILL-1": (money("7100.00", "CNY"), money("1000.00", "USD"))}

    # Paid on the 20th (7.20: CNY 7,100.00 would be 986.11): 985.00 USD
    # left the bank for the CNY 7,100.00. The payable goes at its 1,000.00:
    # a realized gain of 15.00.
    clerk.day(20)
    clerk.run({"type": "record_rates", "entries": [
        {"base": "USD", "quote": "CNY", "date": date(2026, 11, 20), "rate": Decimal("7.20")}]})  # fmt: skip
    out = clerk.run({"type": "record_settlement", "document": "BILL-1", "date": date(2026, 11, 20),
                     "amount": money("7100.00", "CNY"), "bank_amount": money("985.00", "USD"), "reference": "TT-1"})  # fmt: skip
    assert vouchers(out) == ["Dr 2000 1000.00, Cr 1100 985.00, Cr 7000 15.00"]
    settled = out["events"][0]["event"]
    assert settled["type"] == "settlement_recorded"
    assert (settled["carrying_settled"], settled["realized"]) == (money("1000.00", "USD"), money("15.00", "USD"))
    assert isinstance(settled["realized"]["amount"], Decimal)
    assert open_items(clerk.book) == {}
    assert (balance(clerk.book, "1100"), balance(clerk.book, "7000"), balance(clerk.book, "2000")) == (
        Decimal("-985.00"), Decimal("-15.00"), Decimal("0.00"))  # fmt: skip
    # Paying it again is more than is open.
    clerk.fail({"type": "record_settlement", "document": "BILL-1", "date": date(2026, 11, 21),
                "amount": money("1.00", "CNY"), "bank_amount": money("0.14", "USD")},
               landed.SettlementTooLargeError)  # fmt: skip


def test_one_payment_settles_two_invoices_net_of_a_credit_note() -> None:
    clerk = amazon()
    clerk.day(20)
    # 1,000.00 USD at 7.25 (7,250.00 CNY) pays 700.00 of INV-1, what is
    # left for INV-2 (500.00) and takes CN-1 (200.00) off: 700 + 500 - 200.
    payment: RecordPaymentCommand = {
        "type": "record_payment", "date": date(2026, 11, 20), "amount": money("1000.00", "USD"),
        "rate": Decimal("7.25"), "reference": "AMZ-PAYOUT-7",
        "allocations": [{"document": "INV-1", "amount": money("700.00", "USD")},
                        {"document": "INV-2"}, {"document": "CN-1"}],
    }  # fmt: skip
    # More than the three documents net (1,300.00) is refused.
    too_much: RecordPaymentCommand = {**payment, "amount": money("1300.01", "USD"),
                                      "allocations": [{"document": d} for d in ("INV-1", "INV-2", "CN-1")]}  # fmt: skip
    clerk.fail(too_much, landed.SettlementTooLargeError)
    out = clerk.run(payment)
    # Shares of the 7,250.00 at 7.25: 5,075.00, 3,625.00 and 1,450.00.
    # Carried: 7,100.00 x 700/1,000 = 4,970.00; 3,600.00; 1,430.00.
    # Realized: +105.00, +25.00, and -20.00 on the credit note.
    assert vouchers(out) == [
        "Dr 1100 7250.00, Dr 1200 1430.00, Dr 7000 20.00, Cr 1200 4970.00, "
        "Cr 1200 3600.00, Cr 7000 105.00, Cr 7000 25.00"
    ]
    paid = out["events"][0]["event"]
    assert paid["type"] == "payment_recorded"
    assert [a.get("amount") for a in paid["payment"]["allocations"]] == [
        money("700.00", "USD"), money("500.00", "USD"), money("200.00", "USD")]  # fmt: skip
    assert [(p["document"], p["carrying_settled"]["amount"], p["realized"]["amount"]) for p in paid["parts"]] == [
        ("INV-1", Decimal("4970.00"), Decimal("105.00")),
        ("INV-2", Decimal("3600.00"), Decimal("25.00")),
        ("CN-1", Decimal("1430.00"), Decimal("-20.00")),
    ]
    (entry,) = journal_entries(out)
    assert entry["memo"] == "payment of 1000.00 USD for INV-1, INV-2, CN-1"
    assert open_items(clerk.book) == {"INV-1": (money("300.00", "USD"), money("2130.00", "CNY"))}
    assert (balance(clerk.book, "1200"), balance(clerk.book, "7000")) == (Decimal("2130.00"), Decimal("-110.00"))
    assert_open_items_equal_accounts(clerk.book)
    # Its entry is not reversed: a payment the other way corrects it.
    with pytest.raises(landed.EntryStateError, match="a payment the other way"):
        clerk.run({"type": "reverse_entry", "entry": entry["id"], "date": date(2026, 11, 21)})
    assert_open_items_equal_accounts(clerk.book)


def test_a_credit_note_in_a_locked_period_is_refused_and_changes_nothing() -> None:
    clerk = amazon()
    clerk.run({"type": "lock_period", "through": date(2026, 11, 30)})
    credit = document("CN-2", "customer_credit_note", "amazon-us", date(2026, 11, 21), money("100.00", "USD"))
    credit["rate"] = Decimal("7.30")
    error = clerk.fail(credit, landed.PeriodLockedError, "2026-11-21 is in a locked period")
    assert error.code == "PERIOD_LOCKED"
    assert balance(clerk.book, "1200") == Decimal("9270.00")
    assert "CN-2" not in open_items(clerk.book)
    # Dated in the open period it posts: 100.00 x 7.30 = 730.00 off the receivable.
    credit["date"] = date(2026, 12, 1)
    assert vouchers(clerk.run(credit)) == ["Dr 4000 730.00, Cr 1200 730.00"]
    assert balance(clerk.book, "1200") == Decimal("8540.00")
    assert open_items(clerk.book)["CN-2"] == (money("100.00", "USD"), money("730.00", "CNY"))
    assert_open_items_equal_accounts(clerk.book)


def clearing_line(book: Book) -> tuple[Decimal, Decimal, Decimal] | None:
    lines = [line for line in book.reconciliation() if line["scope"] == "landed_cost_clearing"]
    if not lines:
        return None
    (line,) = lines
    return (line["subledger"]["amount"], line["ledger"]["amount"], line["difference"]["amount"])


def test_a_freight_bill_is_accrued_then_cleared_by_a_landed_cost_voucher() -> None:
    # A CNY book buying 100 lamps at 10.00 CNY (GRN-1).
    clerk = Clerk(Book({"functional_currency": "CNY"}))
    for command in [
        {"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"},
        {"type": "define_sku", "code": "A", "name": "Lamp"},
        {"type": "define_supplier", "code": "F1", "name": "Factory", "currency": "CNY"},
        {"type": "create_purchase_order", "po": "PO-1", "supplier": "F1", "date": date(2026, 11, 2),
         "lines": [{"sku": "A", "quantity": 100, "unit_price": money("10.00", "CNY"), "destination": "SZ"}]},
        {"type": "confirm_purchase_order", "po": "PO-1"},
        {"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-1", "lines": [{"line": 1, "quantity": 100}]},
    ]:  # fmt: skip
        clerk.run(command)  # type: ignore[arg-type]
    assert clearing_line(clerk.book) is None
    # The forwarder bills 1,000.00 USD at 7.20 before anyone knows which
    # receipt it belongs to: 7,200.00 waits in the clearing account.
    bill: AccrueLandedCostCommand = {
        "type": "accrue_landed_cost", "document": "FRT-1", "date": date(2026, 11, 3), "description": "Sea freight",
        "kind": "freight", "amount": money("1000.00", "USD"), "rate": Decimal("7.20"), "account": "2200",
    }  # fmt: skip
    assert vouchers(clerk.run(bill)) == ["Dr 1450 7200.00, Cr 2200 7200.00"]
    assert clearing_line(clerk.book) == (Decimal("7200.00"), Decimal("7200.00"), Decimal("0.00"))
    # The open accrual, as a typed report: the bill with its rate, 7,200.00 left.
    (accrual,) = clerk.book.accruals()
    assert (accrual["accrual"]["document"], accrual["accrual"]["amount"], accrual["accrual"].get("rate")) == (
        "FRT-1", money("1000.00", "USD"), Decimal("7.20"))  # fmt: skip
    assert (accrual["functional"], accrual["open"], accrual.get("cleared_by")) == (
        money("7200.00", "CNY"), money("7200.00", "CNY"), None)  # fmt: skip
    clerk.fail(bill, landed.DuplicateCodeError, "FRT-1")

    def voucher(name: str, amount: str, clears: str) -> ApplyLandedCostCommand:
        return {
            "type": "apply_landed_cost", "voucher": name, "date": date(2026, 11, 10), "clears": clears,
            "charges": [{"description": "Sea freight", "kind": "freight", "amount": money(amount, "CNY"),
                         "account": "1450", "method": "quantity"}],
            "targets": [{"type": "receipt", "receipt": "GRN-1", "line": 1}],
        }  # fmt: skip

    # 5,000.00 of it turns out to be GRN-1's: 50.00 a lamp, into stock.
    clerk.day(10)
    assert vouchers(clerk.run(voucher("LC-1", "5000.00", "FRT-1"))) == ["Dr 1300 5000.00, Cr 1450 5000.00"]
    assert clerk.book.valuation("A")[0]["value"] == money("6000.00", "CNY")
    assert clearing_line(clerk.book) == (Decimal("2200.00"), Decimal("2200.00"), Decimal("0.00"))
    assert [(a["accrual"]["document"], a["open"], a.get("cleared_by")) for a in clerk.book.accruals()] == [
        ("FRT-1", money("2200.00", "CNY"), ["LC-1"])]  # fmt: skip
    # More than is left, or an accrual the book does not know.
    clerk.fail(voucher("LC-2", "2200.01", "FRT-1"), landed.InvalidAmountError)
    clerk.fail(voucher("LC-2", "2200.00", "FRT-2"), landed.UnknownDocumentError, "FRT-2")
    clerk.run(voucher("LC-2", "2200.00", "FRT-1"))
    assert clearing_line(clerk.book) == (Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))
    assert clerk.book.accruals() == []
    assert clerk.book.valuation("A")[0]["value"] == money("8200.00", "CNY")
    assert all(line["difference"]["amount"] == 0 for line in clerk.book.reconciliation())
    # The log replays to the same book.
    assert Book.replay(clerk.book.config, clerk.book.events()).snapshot() == clerk.book.snapshot()
