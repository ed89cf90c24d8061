"""The ledger through the Python boundary: vouchers, money documents with
realized and unrealized FX, reversals, the period lock, and the reports
(journal, trial balance, account ledger, open items, reconciliation).

The numbers are the core's worked examples (core/tests/ledger_examples.rs).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

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
    unchecked,
    vouchers,
)

import landed
from landed import Book, Money
from landed.types import (
    Account,
    AccountRole,
    AccountType,
    BookConfig,
    Command,
    IssueCommand,
    LineDimensions,
    ManualLine,
    PostEntryCommand,
    PostingRule,
    RecordInvoiceCommand,
    RecordSettlementCommand,
    TrialBalance,
)


def invoice(document: str, amount: str, currency: str, rate: str, on: date) -> RecordInvoiceCommand:
    return {
        "type": "record_invoice",
        "document": document,
        "kind": "customer_invoice",
        "party": "Amazon EU",
        "channel": "amazon-de",
        "date": on,
        "amount": Money(amount, currency),
        "rate": Decimal(rate),
    }


def settle(document: str, amount: str, currency: str, rate: str, on: date) -> RecordSettlementCommand:
    return {
        "type": "record_settlement",
        "document": document,
        "date": on,
        "amount": {"amount": Decimal(amount), "currency": currency},
        "rate": Decimal(rate),
    }


def balances(report: TrialBalance) -> dict[str, Decimal]:
    return {line["account"]: line["balance"]["amount"] for line in report["lines"]}


def balance(book: Book, account: str, as_of: date) -> str:
    """An account's balance through a date, as text (scale kept)."""
    return str(balances(book.trial_balance(as_of)).get(account, Decimal("0")))


# -- money documents -----------------------------------------------------------


def test_eur_receivable_in_a_cny_book_realized_and_unrealized_fx() -> None:
    clerk = Clerk(Book({"functional_currency": "CNY"}))
    book = clerk.book
    assert book.config.get("ledger") == {"type": "standard"}

    out = clerk.run(invoice("INV-1", "500.00", "EUR", "7.80", date(2026, 11, 3)))
    assert vouchers(out) == ["Dr 1200 3900.00, Cr 4000 3900.00"]
    kinds, events = zip(*stock_events(out))
    assert kinds == ("invoice_recorded",)
    assert events[0]["carrying"] == {"amount": Decimal("3900.00"), "currency": "CNY"}
    (entry,) = journal_entries(out)
    assert (entry["date"], entry.get("document")) == ("2026-11-03", "INV-1")
    receivable = entry["lines"][0]
    assert receivable.get("transaction_amount") == {"amount": Decimal("500.00"), "currency": "EUR"}
    assert str(receivable.get("rate")) == "7.80"
    assert receivable.get("dimensions") == {"channel": "amazon-de", "document": "INV-1"}

    out = clerk.run(settle("INV-1", "200.00", "EUR", "7.90", date(2026, 11, 10)))
    # 200 x 7.90 = 1,580.00 received against 2/5 of 3,900.00 = 1,560.00: gain 20.00.
    assert vouchers(out) == ["Dr 1100 1580.00, Cr 1200 1560.00, Cr 7000 20.00"]
    (_, settled), = stock_events(out)
    assert settled["carrying_settled"] == {"amount": Decimal("1560.00"), "currency": "CNY"}
    assert settled["realized"] == {"amount": Decimal("20.00"), "currency": "CNY"}

    out = clerk.run({"type": "revalue", "date": date(2026, 11, 30), "rates": {"EUR": Decimal("7.70")}})
    # 300 open at 7.70 = 2,310.00 against 2,340.00 carried: loss 30.00, back next day.
    assert vouchers(out) == ["Dr 7100 30.00, Cr 1200 30.00", "Dr 1200 30.00, Cr 7100 30.00"]
    revaluation, reversal = journal_entries(out)
    assert (revaluation["date"], reversal["date"]) == ("2026-11-30", "2026-12-01")
    assert reversal.get("reverses") == revaluation["id"]
    assert balance(book, "7100", date(2026, 11, 30)) == "30.00"
    assert balance(book, "7100", date(2026, 12, 1)) == "0.00"

    (aged,) = book.open_items(date(2026, 12, 31))
    assert (aged["document"], aged["kind"], aged["party"], aged["account"]) == (
        "INV-1", "customer_invoice", "Amazon EU", "1200"
    )
    assert aged["original"] == {"amount": Decimal("500.00"), "currency": "EUR"}
    assert aged["open"] == {"amount": Decimal("300.00"), "currency": "EUR"}
    assert aged["carrying"] == {"amount": Decimal("2340.00"), "currency": "CNY"}
    assert str(aged["rate"]) == "7.80"
    assert (aged["due_date"], aged["days_overdue"], aged["bucket"]) == ("2026-11-03", 58, "31-60")
    # Aging on another day; a "YYYY-MM-DD" string works as well as a date.
    assert [(i["days_overdue"], i["bucket"]) for i in book.open_items("2026-11-30")] == [(27, "0-30")]
    assert [(i["days_overdue"], i["bucket"]) for i in book.open_items("2027-02-15")] == [(104, "90+")]

    out = clerk.run(settle("INV-1", "300.00", "EUR", "7.75", date(2026, 12, 5)))
    # The rest: 2,325.00 received against the 2,340.00 still carried: loss 15.00.
    assert vouchers(out) == ["Dr 1100 2325.00, Dr 7000 15.00, Cr 1200 2340.00"]
    (_, settled), = stock_events(out)
    assert settled["realized"] == {"amount": Decimal("-15.00"), "currency": "CNY"}
    assert book.open_items(date(2026, 12, 31)) == []

    tb = book.trial_balance(date(2026, 12, 31))
    assert tb["as_of"] == "2026-12-31"
    assert {k: str(v) for k, v in balances(tb).items()} == {
        "1100": "3905.00",  # 1,580.00 + 2,325.00 received
        "1200": "0.00",  # the receivable is cleared in CNY ...
        "4000": "-3900.00",
        "7000": "-5.00",  # 20.00 gain, 15.00 loss
        "7100": "0.00",
    }
    assert tb["total_debit"] == tb["total_credit"] == {"amount": Decimal("7880.00"), "currency": "CNY"}
    # ... and in EUR: its lines' transaction amounts net to zero.
    eur = [
        amount["amount"]
        for entry in book.journal()
        for line in entry["lines"]
        if line["account"] == "1200" and (amount := line.get("transaction_amount"))
    ]
    assert sum(eur) == 0 and eur[0] == Decimal("500.00")

    ledger = book.account_ledger("1200")
    assert [(line["date"], str(line["balance"]["amount"])) for line in ledger] == [
        ("2026-11-03", "3900.00"),
        ("2026-11-10", "2340.00"),
        ("2026-11-30", "2310.00"),
        ("2026-12-01", "2340.00"),
        ("2026-12-05", "0.00"),
    ]
    assert ledger[0]["debit"] == {"amount": Decimal("3900.00"), "currency": "CNY"}
    assert ledger[1]["credit"] == {"amount": Decimal("1560.00"), "currency": "CNY"}
    assert ledger[0]["dimensions"] == {"channel": "amazon-de", "document": "INV-1"}
    # Entry numbers are the seq of their journal_posted events.
    posted = [r["seq"] for r in book.events() if r["event"]["type"] == "journal_posted"]
    assert [e["id"] for e in book.journal()] == posted


def test_supplier_invoice_paid_in_usd_from_a_cny_book() -> None:
    clerk = Clerk(Book({"functional_currency": "CNY"}))
    bill: Command = {
        "type": "record_invoice",
        "document": "BILL-7",
        "kind": "supplier_invoice",
        "party": "Shenzhen Lamp Factory",
        "date": "2026-11-03",
        "due_date": date(2026, 12, 3),
        "amount": Money("1000.00", "USD"),
        "rate": Decimal("7.10"),
    }
    assert vouchers(clerk.run(bill)) == ["Dr 2100 7100.00, Cr 2000 7100.00"]
    (item,) = clerk.book.open_items(date(2026, 12, 31))
    assert (item["kind"], item["account"], item["days_overdue"], item["bucket"]) == ("supplier_invoice", "2000", 28, "0-30")
    # Paid at 7.05: 7,050.00 leaves the bank for 7,100.00 owed: gain 50.00.
    out = clerk.run(settle("BILL-7", "1000.00", "USD", "7.05", date(2026, 11, 20)))
    assert vouchers(out) == ["Dr 2000 7100.00, Cr 1100 7050.00, Cr 7000 50.00"]
    assert balance(clerk.book, "2000", date(2026, 12, 31)) == "0.00"


# -- stock vouchers and reconciliation -------------------------------------------


def test_stock_movements_post_their_vouchers_and_reconcile() -> None:
    clerk = standard("USD", "fifo")
    book = clerk.book
    assert vouchers(clerk.run(receive("A", "SZ", 10, "10.00"))) == ["Dr 1300 100.00, Cr 2100 100.00"]
    assert vouchers(clerk.run(receive("A", "SZ", 10, "20.00"))) == ["Dr 1300 200.00, Cr 2100 200.00"]
    order = issue("A", "SZ", 15)
    order["channel"], order["reference"] = "amazon-us", "SO-1"
    sale = clerk.run(order)
    assert vouchers(sale) == ["Dr 5000 200.00, Cr 1300 200.00"]
    assert [kind for kind, _ in stock_events(sale)] == ["issued"]
    (cogs,) = journal_entries(sale)
    assert (cogs.get("document"), cogs["memo"]) == ("SO-1", "stock out")
    assert cogs["lines"][0].get("dimensions") == {
        "sku": "A", "location": "SZ", "channel": "amazon-us", "document": "SO-1"
    }
    broken = clerk.run({"type": "adjust", "sku": "A", "location": "SZ", "quantity": -1, "reason": "broken"})
    assert vouchers(broken) == ["Dr 5100 20.00, Cr 1300 20.00"]
    found = clerk.run({"type": "adjust", "sku": "A", "location": "SZ", "quantity": 2, "reason": "found"})
    assert vouchers(found) == ["Dr 1300 40.00, Cr 4200 40.00"]
    # Moves change no value and post nothing.
    moved = clerk.run(move("A", "SZ", 1, "available", "reserved"))
    assert len(moved["events"]) == 1 and vouchers(moved) == []
    assert vouchers(clerk.run(receive("B", "DE", 3, "1.50"))) == ["Dr 1300 4.50, Cr 2100 4.50"]

    rows = [
        (r["scope"], r["locations"], str(r["subledger"]["amount"]), str(r["ledger"]["amount"]), r["difference"])
        for r in book.reconciliation()
    ]
    zero = {"amount": Decimal("0.00"), "currency": "USD"}
    assert rows == [("SZ", ["SZ"], "120.00", "120.00", zero), ("DE", ["DE"], "4.50", "4.50", zero)]
    # The subledger is the valuation report.
    assert sum(line["value"]["amount"] for line in book.valuation()) == Decimal("124.50")

    tb = book.trial_balance(START.date())
    assert [(line["account"], line["name"], line["type"], str(line["balance"]["amount"])) for line in tb["lines"]] == [
        ("1300", "Inventory", "asset", "124.50"),
        ("2100", "Goods received not invoiced", "liability", "-304.50"),
        ("4200", "Inventory gains", "revenue", "-40.00"),
        ("5000", "Cost of goods sold", "expense", "200.00"),
        ("5100", "Inventory losses", "expense", "20.00"),
    ]
    assert tb["total_debit"] == tb["total_credit"] == {"amount": Decimal("564.50"), "currency": "USD"}
    # Nothing is posted before the first command's day.
    assert book.trial_balance(date(2026, 11, 1))["lines"] == []

    # Filtered by dimension: only the lines of SKU B, of location SZ, of the sale.
    only_b: LineDimensions = {"sku": "B"}
    assert balances(book.trial_balance("2026-12-31", only_b)) == {"1300": Decimal("4.50"), "2100": Decimal("-4.50")}
    at_sz = balances(book.trial_balance(date(2026, 12, 31), {"location": "SZ"}))
    assert str(at_sz["1300"]) == "120.00"
    sold = book.trial_balance(date(2026, 12, 31), {"channel": "amazon-us", "document": "SO-1"})
    assert balances(sold) == {"1300": Decimal("-200.00"), "5000": Decimal("200.00")}
    later = book.trial_balance(date(2026, 12, 31), None)
    assert (later["lines"], later["total_debit"]) == (tb["lines"], tb["total_debit"])
    assert book.trial_balance(date(2026, 12, 31), {"sku": "NOPE"})["lines"] == []

    # The inventory account's ledger with its running balance.
    ledger = book.account_ledger("1300")
    assert [str(line["balance"]["amount"]) for line in ledger] == ["100.00", "300.00", "100.00", "80.00", "120.00", "124.50"]
    assert [line["entry"] for line in ledger] == [e["id"] for e in book.journal()]  # every entry touches 1300
    assert book.account_ledger("4000") == []


def test_every_journal_entry_balances_and_is_exact() -> None:
    clerk = standard("JPY", "moving_average")
    clerk.run(receive("A", "SZ", 7, "333.5", "JPY"))  # 2334.5 -> 2335
    clerk.run(issue("A", "SZ", 2))  # 667
    journal = clerk.book.journal()
    assert [str(line["debit"]) for entry in journal for line in entry["lines"]] == ["2335", "0", "667", "0"]
    for entry in journal:
        debit = sum(line["debit"] for line in entry["lines"])
        credit = sum(line["credit"] for line in entry["lines"])
        assert debit == credit > 0
        assert all(isinstance(line["debit"], Decimal) and isinstance(line["credit"], Decimal) for line in entry["lines"])
    rec = {r["scope"]: r for r in clerk.book.reconciliation()}
    assert str(rec["SZ"]["subledger"]["amount"]) == str(rec["SZ"]["ledger"]["amount"]) == "1668"
    assert all(r["difference"]["amount"] == 0 for r in rec.values())


# -- bad input -------------------------------------------------------------------


def manual(on: date, *lines: ManualLine) -> PostEntryCommand:
    return {"type": "post_entry", "date": on, "memo": "owner's capital", "document": "JV-1", "lines": list(lines)}


def dr(account: str, amount: str) -> ManualLine:
    return {"account": account, "debit": Decimal(amount)}


def cr(account: str, amount: str) -> ManualLine:
    return {"account": account, "credit": Decimal(amount)}


NOV_5, NOV_10 = date(2026, 11, 5), date(2026, 11, 10)

BAD_LEDGER_INPUT: list[tuple[str, Command, type[landed.LandedError], list[str]]] = [
    (
        "unbalanced",
        manual(NOV_5, dr("1100", "100.00"), cr("3000", "99.99")),
        landed.UnbalancedEntryError,
        ["JV-1", "debit 100.00", "credit 99.99"],
    ),
    ("unknown account", manual(NOV_5, dr("1100", "100.00"), cr("9999", "100.00")), landed.UnknownAccountError, ["9999"]),
    (
        "locked period",
        manual(date(2026, 10, 31), dr("1100", "1.00"), cr("3000", "1.00")),
        landed.PeriodLockedError,
        ["2026-10-31", "locked through 2026-10-31"],
    ),
    (
        "settlement too large",
        settle("INV-1", "100.01", "EUR", "7.90", NOV_10),
        landed.SettlementTooLargeError,
        ["INV-1", "100.01 EUR", "100.00 EUR"],
    ),
    ("wrong currency", settle("INV-1", "100.00", "USD", "7.10", NOV_10), landed.CurrencyMismatchError, ["EUR", "USD"]),
    ("unknown document", settle("INV-9", "1.00", "EUR", "7.90", NOV_10), landed.UnknownDocumentError, ["INV-9"]),
    ("duplicate invoice", invoice("INV-1", "5.00", "EUR", "7.80", date(2026, 11, 3)), landed.DuplicateCodeError, ["INV-1"]),
    ("revaluation without rates", {"type": "revalue", "date": date(2026, 11, 30), "rates": {}}, landed.RateNotFoundError, ["EUR"]),
    ("no such entry", {"type": "reverse_entry", "entry": 999, "date": NOV_5}, landed.EntryStateError, ["999"]),
    ("lock moved back", {"type": "lock_period", "through": date(2026, 10, 1)}, landed.PeriodLockedError, ["2026-10-01"]),
]


def refused_book() -> Clerk:
    clerk = Clerk(Book({"functional_currency": "CNY"}))
    clerk.run({"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"})
    clerk.run({"type": "define_sku", "code": "A", "name": "A item"})
    clerk.run(invoice("INV-1", "100.00", "EUR", "7.80", date(2026, 11, 3)))
    locked = clerk.run({"type": "lock_period", "through": date(2026, 10, 31)})
    assert [r["event"] for r in locked["events"]] == [{"type": "period_locked", "through": "2026-10-31"}]
    return clerk


@pytest.mark.parametrize(
    ("command", "error", "named"),
    [case[1:] for case in BAD_LEDGER_INPUT],
    ids=[case[0] for case in BAD_LEDGER_INPUT],
)
def test_bad_ledger_input_is_refused_and_changes_nothing(
    command: Command, error: type[landed.LandedError], named: list[str]
) -> None:
    clerk = refused_book()
    before, version, journal = clerk.book.snapshot(), clerk.book.version, clerk.book.journal()
    with pytest.raises(error) as caught:
        clerk.run(command)
    assert type(caught.value) is error and caught.value.code == error.code
    for fact in named:
        assert fact in str(caught.value)
    assert clerk.book.snapshot() == before
    assert (clerk.book.version, clerk.book.journal()) == (version, journal)
    assert [i["open"]["amount"] for i in clerk.book.open_items(date(2026, 12, 31))] == [Decimal("100.00")]


def test_stock_commands_in_a_locked_period_are_refused_and_rounding_is_explicit() -> None:
    clerk = refused_book()
    clerk.run({"type": "lock_period", "through": date(2026, 11, 30)})
    before = clerk.book.snapshot()
    with pytest.raises(landed.PeriodLockedError):
        clerk.run(receive("A", "SZ", 1, "1.00", "CNY"))  # at 2026-11-02, locked
    december = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    in_batch = clerk.book.execute_batch([(receive("A", "SZ", 1, "1.00", "CNY"), {"at": START, "command_id": "late"})])
    assert [type(r) for r in in_batch] == [landed.PeriodLockedError]
    assert clerk.book.snapshot() == before
    out = clerk.book.execute(receive("A", "SZ", 1, "1.00", "CNY"), {"at": december, "command_id": "dec"})
    assert vouchers(out) == ["Dr 1300 1.00, Cr 2100 1.00"]
    assert journal_entries(out)[0]["date"] == "2026-12-01"

    # An entry converted line by line: 30.03 EUR x 7.8034 = 234.34 against
    # 3 x (10.01 x 7.8034) = 3 x 78.11 = 234.33; the 0.01 goes to rounding.
    def converted(account: str, amount: str) -> ManualLine:
        return {"account": account, "amount": Money(amount, "EUR"), "rate": Decimal("7.8034")}

    out = clerk.run(
        manual(
            date(2026, 12, 2),
            converted("1100", "30.03"),
            converted("3000", "-10.01"),
            converted("3000", "-10.01"),
            converted("3000", "-10.01"),
        )
    )
    assert vouchers(out) == ["Dr 1100 234.34, Cr 3000 78.11, Cr 3000 78.11, Cr 3000 78.11, Cr 7900 0.01"]
    (entry,) = journal_entries(out)
    assert entry["lines"][1].get("transaction_amount") == {"amount": Decimal("-10.01"), "currency": "EUR"}
    assert entry["lines"][-1].get("dimensions") == {"document": "JV-1"}


def test_the_entries_of_a_document_are_not_reversed() -> None:
    # Reversing an invoice's or a settlement's entry alone would leave the
    # receivable apart from the open item: refused, the book unchanged.
    clerk = Clerk(Book({"functional_currency": "CNY"}))
    clerk.run(invoice("INV-5", "80.00", "EUR", "7.80", date(2026, 11, 3)))
    clerk.run(settle("INV-5", "30.00", "EUR", "7.95", date(2026, 11, 4)))
    ids = [e["id"] for e in clerk.book.journal() if e.get("document") == "INV-5"]
    assert len(ids) == 2
    before = clerk.book.snapshot()
    for entry, hint in zip(ids, ["with a credit note", "a payment the other way"]):
        with pytest.raises(landed.EntryStateError, match=hint):
            clerk.run({"type": "reverse_entry", "entry": entry, "date": date(2026, 11, 6)})
    assert clerk.book.snapshot() == before
    # 80.00 - 30.00 EUR left at 7.80: 390.00 on the receivable.
    by_document = clerk.book.trial_balance(date(2026, 12, 31), {"document": "INV-5"})
    receivable = {line["account"]: line["balance"]["amount"] for line in by_document["lines"]}["1200"]
    assert receivable == Decimal("390.00")
    assert by_document["total_debit"] == by_document["total_credit"]


# -- set-up and arguments ----------------------------------------------------------


def standard_rules() -> list[PostingRule]:
    roles: dict[AccountRole, str] = {
        "inventory": "1300", "grni": "2100", "cogs": "5000", "inventory_gain": "4200", "inventory_loss": "5100",
        "disposal_expense": "5400", "sample_expense": "5500", "receivable": "1200", "revenue": "4000",
        "payable": "2000", "cash": "1100", "realized_fx": "7000", "unrealized_fx": "7100", "rounding": "7900",
        "goods_in_transit": "1310", "transit_loss": "5200", "carrier_claim": "1400", "price_variance": "5300",
    }  # fmt: skip
    return [{"role": role, "account": account} for role, account in roles.items()]


def chart() -> list[Account]:
    accounts: list[tuple[str, str, AccountType]] = [
        ("1100", "Bank", "asset"), ("1200", "Receivables", "asset"), ("1300", "Inventory", "asset"),
        ("1310", "Goods in transit", "asset"), ("1320", "Inventory at Amazon", "asset"),
        ("1400", "Carrier claims", "asset"), ("2000", "Payables", "liability"), ("2100", "GRNI", "liability"),
        ("4000", "Sales", "revenue"), ("4200", "Gains", "revenue"), ("5000", "COGS", "expense"),
        ("5100", "Losses", "expense"), ("5200", "Transit losses", "expense"), ("5300", "Price variance", "expense"),
        ("5400", "Disposals", "expense"), ("5500", "Samples", "expense"),
        ("7000", "Realized FX", "expense"), ("7100", "Unrealized FX", "expense"), ("7900", "Rounding", "expense"),
    ]  # fmt: skip
    return [{"code": code, "name": name, "type": kind} for code, name, kind in accounts]


def test_a_custom_chart_is_checked_when_the_book_is_created() -> None:
    rules = [r for r in standard_rules() if r["role"] != "cogs"]
    config: BookConfig = {"functional_currency": "USD", "ledger": {"type": "custom", "accounts": chart(), "rules": rules}}
    with pytest.raises(landed.MissingPostingRuleError, match="cogs"):
        Book(config)
    fba: PostingRule = {"role": "inventory", "account": "1330", "location_kind": "fba"}
    config["ledger"] = {"type": "custom", "accounts": chart(), "rules": [*standard_rules(), fba]}
    with pytest.raises(landed.UnknownAccountError, match="1330"):
        Book(config)
    with pytest.raises(landed.UnknownAccountError):
        Book.replay(config, [])

    # The most specific rule wins: FBA stock sits on 1320.
    fba_1320: PostingRule = {"role": "inventory", "account": "1320", "location_kind": "fba"}
    config["ledger"] = {"type": "custom", "accounts": chart(), "rules": [*standard_rules(), fba_1320]}
    clerk = Clerk(Book(config))
    clerk.run({"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"})
    clerk.run({"type": "define_location", "code": "FBA-US", "name": "Amazon US", "kind": "fba"})
    clerk.run({"type": "define_sku", "code": "A", "name": "A item"})
    assert vouchers(clerk.run(receive("A", "FBA-US", 2, "5.00"))) == ["Dr 1320 10.00, Cr 2100 10.00"]
    assert vouchers(clerk.run(receive("A", "SZ", 2, "5.00"))) == ["Dr 1300 10.00, Cr 2100 10.00"]
    assert [(r["scope"], str(r["difference"]["amount"])) for r in clerk.book.reconciliation()] == [
        ("SZ", "0.00"),
        ("FBA-US", "0.00"),
    ]
    assert clerk.book.config.get("ledger") == config["ledger"]
    # The config round-trips: replaying the log rebuilds the same book.
    assert Book.replay(clerk.book.config, clerk.book.events()).snapshot() == clerk.book.snapshot()


def test_a_book_without_a_ledger_posts_nothing() -> None:
    clerk = Clerk(Book({"functional_currency": "USD", "ledger": {"type": "off"}}))
    clerk.run({"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"})
    clerk.run({"type": "define_sku", "code": "A", "name": "A item"})
    out = clerk.run(receive("A", "SZ", 2, "5.00"))
    assert [r["event"]["type"] for r in out["events"]] == ["received"]
    with pytest.raises(landed.InvalidCommandError, match="no ledger"):
        clerk.run(invoice("I", "1.00", "EUR", "1.1", date(2026, 11, 3)))
    assert clerk.book.journal() == []
    assert clerk.book.trial_balance(date(2026, 12, 31))["lines"] == []


def test_damaged_stock_is_written_down_through_an_allowance() -> None:
    # core/tests/ledger_examples.rs: 10 @ 12.50, 4 found damaged.
    clerk = Clerk(Book({"functional_currency": "USD", "damage_write_down": True}))
    clerk.run({"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"})
    clerk.run({"type": "define_sku", "code": "A", "name": "A item"})
    clerk.run(receive("A", "SZ", 10, "12.50"))
    damaged = clerk.run(move("A", "SZ", 4, "available", "damaged"))
    assert vouchers(damaged) == ["Dr 5410 50.00, Cr 1390 50.00"]
    assert stock_events(damaged)[0][1]["write_down"] == {"amount": Decimal("50.00"), "currency": "USD"}
    disposal: IssueCommand = {
        "type": "issue", "sku": "A", "location": "SZ", "quantity": 1, "reason": "disposal", "bucket": "damaged"
    }  # fmt: skip
    assert vouchers(clerk.run(disposal)) == ["Dr 1390 12.50, Cr 1300 12.50"]  # not expensed twice
    assert vouchers(clerk.run(move("A", "SZ", 1, "damaged", "available"))) == ["Dr 1390 12.50, Cr 5410 12.50"]
    assert clerk.book.position("A", "SZ").get("write_down_allowance") == {"amount": Decimal("25.00"), "currency": "USD"}
    (row,) = clerk.book.reconciliation()
    columns = [row["subledger"], row["ledger"], row["allowance"], row["allowance_ledger"], row["net"]]
    assert [str(m["amount"]) for m in columns] == ["112.50", "112.50", "25.00", "25.00", "87.50"]
    with pytest.raises(landed.InvalidCommandError, match="needs a ledger"):
        Book({"functional_currency": "USD", "damage_write_down": True, "ledger": {"type": "off"}})


def test_query_arguments_are_checked() -> None:
    clerk = standard()
    clerk.run(receive("A", "SZ", 1, "1.00"))
    book = clerk.book
    with pytest.raises(TypeError, match="pass .date"):
        book.trial_balance(unchecked(START))
    with pytest.raises(TypeError, match="YYYY-MM-DD"):
        book.open_items(unchecked(20261231))
    with pytest.raises(landed.InvalidDateError):
        book.trial_balance("2026-13-01")
    with pytest.raises(landed.UnknownAccountError, match="9999"):
        book.account_ledger("9999")
    with pytest.raises(TypeError, match=r"filter\.sku: a float"):
        book.trial_balance(date(2026, 12, 31), unchecked({"sku": 1.5}))
    with pytest.raises(landed.InvalidCommandError, match="trial balance filter"):
        book.trial_balance(date(2026, 12, 31), unchecked({"sku": 7}))
    # The reports are fresh dicts: changing one does not touch the book.
    report = book.trial_balance(date(2026, 12, 31))
    report["lines"].clear()
    assert book.trial_balance(date(2026, 12, 31))["lines"] != []


def test_ledger_decimals_come_back_as_decimals_and_only_they() -> None:
    clerk = standard("CNY")
    clerk.run(receive("A", "SZ", 3, "1.10", "CNY"))
    clerk.run(invoice("INV-1", "500.00", "EUR", "7.80", date(2026, 11, 3)))
    clerk.run(settle("INV-1", "200.00", "EUR", "7.90", date(2026, 11, 10)))
    clerk.run({"type": "revalue", "date": date(2026, 11, 30), "rates": {"EUR": Decimal("7.70")}})
    book = clerk.book
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

    walk(book.events(), None)
    walk(book.journal(), None)
    walk(book.trial_balance(date(2026, 12, 31)), None)
    walk(book.account_ledger("1200"), None)
    walk(book.open_items(date(2026, 12, 31)), None)
    walk(book.reconciliation(), None)
    decimal_keys = {k for k, types in seen.items() if Decimal in types}
    assert {"amount", "value", "debit", "credit", "rate"} <= decimal_keys <= set(landed.DECIMAL_FIELDS)
    assert all(types == {Decimal} for k, types in seen.items() if k in decimal_keys)
    assert not any(float in types for types in seen.values())
