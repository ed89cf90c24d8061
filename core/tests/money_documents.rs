//! Money documents completed: rates from the book, cross-currency
//! payments, one payment settling several documents, credit notes offset
//! or refunded. Every figure is worked out by hand in the comments, and
//! after every command the receivable and payable accounts equal their open
//! items.

mod common;

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use common::*;
use landed::book::command::Command;
use landed::book::event::Event;
use landed::book::{Book, BookConfig, Outcome};
use landed::ledger::{Account, AccountType, ChartSpec, LedgerSetup};
use landed::{Currency, LandedError};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn money(amount: &str, currency: &str) -> Value {
    json!({"amount": amount, "currency": currency})
}

/// A book in `functional` with the standard chart and a bank account 1110
/// that only takes USD.
fn book(functional: &str) -> Harness {
    let mut chart = ChartSpec::standard();
    chart.accounts.push(Account {
        code: "1110".into(),
        name: "Bank USD".into(),
        account_type: AccountType::Asset,
        currency: Some(Currency::from_code("USD").unwrap()),
    });
    let mut config = BookConfig::new(Currency::from_code(functional).unwrap());
    config.ledger = LedgerSetup::Custom(chart);
    Harness::with_config(config)
}

fn on(h: &mut Harness, day: &str) {
    let day = d(day);
    h.clock = Utc
        .from_local_datetime(&day.and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
}

fn command(value: Value) -> Command {
    Command::from_json(&value.to_string()).unwrap()
}

/// Runs a command and checks the book's invariants after it.
fn run(h: &mut Harness, value: Value) -> Outcome {
    let out = h.run(command(value));
    assert_open_items_equal_accounts(&h.book);
    out
}

/// Runs a command that must fail, and checks it changed nothing.
fn fail(h: &mut Harness, value: Value) -> LandedError {
    let before = h.snapshot_json();
    let version = h.book.version();
    let err = h.try_run(command(value)).expect_err("should fail");
    assert_eq!(
        h.snapshot_json(),
        before,
        "a failed command changed the book"
    );
    assert_eq!(h.book.version(), version);
    err
}

fn balance(book: &Book, account: &str) -> Decimal {
    book.trial_balance(d("2099-12-31"), None)
        .lines
        .iter()
        .find(|l| l.account == account)
        .map_or(Decimal::ZERO, |l| l.balance.amount)
}

/// Every receivable or payable account holding documents has the balance
/// of its open items: each one's carrying amount on its side.
fn assert_open_items_equal_accounts(book: &Book) {
    let mut by_account: BTreeMap<String, Decimal> = BTreeMap::new();
    for aged in book.open_items(d("2099-12-31")) {
        let item = aged.item;
        *by_account.entry(item.account.to_string()).or_default() +=
            item.carrying.amount * item.kind.balance_sign();
    }
    for account in ["1200", "2000"] {
        let items = by_account.get(account).copied().unwrap_or_default();
        assert_eq!(
            balance(book, account),
            items,
            "account {account} and its open items part"
        );
    }
}

fn open(book: &Book, document: &str) -> Option<(String, String)> {
    book.open_items(d("2099-12-31"))
        .into_iter()
        .find(|a| a.item.document == document)
        .map(|a| (a.item.open.to_string(), a.item.carrying.to_string()))
}

/// Replay of the log and a snapshot's restore give the live book.
fn assert_replay_and_restore(h: &Harness) {
    let replayed = Book::replay(h.book.config().clone(), h.book.events()).unwrap();
    assert_eq!(serde_json::to_string(&replayed).unwrap(), h.snapshot_json());
    let restored = Book::restore(h.book.snapshot()).unwrap();
    assert_eq!(serde_json::to_string(&restored).unwrap(), h.snapshot_json());
}

fn rates(base: &str, quote: &str, date: &str, rate: &str) -> Value {
    json!({"type": "record_rates", "entries": [{"base": base, "quote": quote, "date": date, "rate": rate}]})
}

fn invoice(document: &str, kind: &str, party: &str, date: &str, amount: Value) -> Value {
    json!({"type": "record_invoice", "document": document, "kind": kind, "party": party,
        "date": date, "amount": amount})
}

fn with(mut value: Value, key: &str, field: Value) -> Value {
    value[key] = field;
    value
}

// ---------------------------------------------------------------------
// 1. Document rates from the book
// ---------------------------------------------------------------------

#[test]
fn money_documents_take_the_books_rate_when_they_name_none() {
    let mut h = book("CNY");
    on(&mut h, "2026-11-02");
    // No rate anywhere: the coded error, and nothing changes.
    let inv = invoice(
        "INV-1",
        "customer_invoice",
        "ACME",
        "2026-11-03",
        money("100.00", "USD"),
    );
    assert_eq!(fail(&mut h, inv.clone()).code(), "RATE_NOT_FOUND");
    run(&mut h, rates("USD", "CNY", "2026-11-02", "7.10"));
    // The book's rate of 2 November is good on the 3rd (a rate stays good
    // for 7 days): 100.00 × 7.10 = 710.00.
    let out = run(&mut h, inv);
    assert_eq!(vouchers(&out), ["Dr 1200 710.00, Cr 4000 710.00"]);
    let Event::InvoiceRecorded { invoice, .. } = &out.events[0].event else {
        panic!("no invoice event")
    };
    assert_eq!(invoice.rate, Some("7.10".parse().unwrap()));
    // An explicit rate still wins.
    let explicit = with(
        invoice_value("INV-2", "2026-11-03", "100.00"),
        "rate",
        json!("7.00"),
    );
    assert_eq!(
        vouchers(&run(&mut h, explicit)),
        ["Dr 1200 700.00, Cr 4000 700.00"]
    );
    // A settlement without a rate: 50.00 at the book's 7.20 of the 9th.
    run(&mut h, rates("USD", "CNY", "2026-11-09", "7.20"));
    let pay = json!({"type": "record_settlement", "document": "INV-1", "date": "2026-11-10",
        "amount": money("50.00", "USD")});
    assert_eq!(
        vouchers(&run(&mut h, pay)),
        ["Dr 1100 360.00, Cr 1200 355.00, Cr 7000 5.00"]
    );
    // Too old a rate (the 9th is more than 7 days before the 30th): the
    // book's lookup policy refuses it as for a purchase receipt.
    let late = json!({"type": "record_settlement", "document": "INV-1", "date": "2026-11-30",
        "amount": money("50.00", "USD")});
    assert_eq!(fail(&mut h, late).code(), "RATE_STALE");
    assert_replay_and_restore(&h);
}

fn invoice_value(document: &str, date: &str, amount: &str) -> Value {
    invoice(
        document,
        "customer_invoice",
        "ACME",
        date,
        money(amount, "USD"),
    )
}

// ---------------------------------------------------------------------
// 2. Cross-currency payments
// ---------------------------------------------------------------------

#[test]
fn a_cny_bill_paid_from_the_usd_bank_realizes_the_difference() {
    // A USD book buying in CNY. The book's rate of 2 November is 7.10 CNY
    // per USD, so the supplier's CNY 7,100.00 bill is carried at 1,000.00.
    let mut h = book("USD");
    on(&mut h, "2026-11-02");
    run(&mut h, rates("USD", "CNY", "2026-11-02", "7.10"));
    let bill = invoice(
        "BILL-1",
        "supplier_invoice",
        "Shenzhen Lamps",
        "2026-11-02",
        money("7100.00", "CNY"),
    );
    assert_eq!(
        vouchers(&run(&mut h, bill)),
        ["Dr 2100 1000.00, Cr 2000 1000.00"]
    );
    // Paid on the 20th, when the rate is 7.20 (CNY 7,100.00 would be
    // 986.11): 985.00 USD left the USD account for the CNY 7,100.00.
    // Without the bank amount the USD-only account refuses a CNY line.
    on(&mut h, "2026-11-20");
    run(&mut h, rates("USD", "CNY", "2026-11-20", "7.20"));
    let pay = json!({"type": "record_settlement", "document": "BILL-1", "date": "2026-11-20",
        "amount": money("7100.00", "CNY"), "cash_account": "1110"});
    assert_eq!(fail(&mut h, pay.clone()).code(), "CURRENCY_MISMATCH");
    let pay = with(pay, "bank_amount", money("985.00", "USD"));
    let out = run(&mut h, pay);
    // The payable goes at its 1,000.00, the bank pays 985.00: a gain of 15.00.
    assert_eq!(
        vouchers(&out),
        ["Dr 2000 1000.00, Cr 1110 985.00, Cr 7000 15.00"]
    );
    let Event::SettlementRecorded { realized, .. } = &out.events[0].event else {
        panic!("no settlement event")
    };
    assert_eq!(realized.to_string(), "15.00 USD");
    assert_eq!(open(&h.book, "BILL-1"), None);
    assert_eq!(balance(&h.book, "1110"), "-985.00".parse().unwrap());
    assert_eq!(balance(&h.book, "7000"), "-15.00".parse().unwrap());
    assert_replay_and_restore(&h);
}

#[test]
fn a_eur_bill_paid_from_the_usd_bank_of_a_cny_book() {
    // EUR 1,000.00 at 7.80 = CNY 7,800.00 carried; paid with USD 1,080.00
    // at the book's 7.20 = CNY 7,776.00: a realized gain of 24.00. The USD
    // account's own balance (-1,080.00 USD) is what revaluation restates.
    let mut h = book("CNY");
    on(&mut h, "2026-11-02");
    run(&mut h, rates("USD", "CNY", "2026-11-15", "7.20"));
    run(
        &mut h,
        with(
            invoice(
                "BILL-E",
                "supplier_invoice",
                "Berlin Parts",
                "2026-11-02",
                money("1000.00", "EUR"),
            ),
            "rate",
            json!("7.80"),
        ),
    );
    let pay = json!({"type": "record_settlement", "document": "BILL-E", "date": "2026-11-16",
        "amount": money("1000.00", "EUR"), "bank_amount": money("1080.00", "USD"),
        "cash_account": "1110"});
    let out = run(&mut h, pay);
    assert_eq!(
        vouchers(&out),
        ["Dr 2000 7800.00, Cr 1110 7776.00, Cr 7000 24.00"]
    );
    // At 7.25 on the 30th the USD overdraft is worth 7,830.00: 54.00 more.
    let out = run(
        &mut h,
        json!({"type": "revalue", "date": "2026-11-30", "rates": {"USD": "7.25"}}),
    );
    assert_eq!(
        vouchers(&out),
        [
            "Dr 7100 54.00, Cr 1110 54.00",
            "Dr 1110 54.00, Cr 7100 54.00"
        ]
    );
    assert_replay_and_restore(&h);
}

// ---------------------------------------------------------------------
// 3 and 4. One payment settling several documents; credit notes
// ---------------------------------------------------------------------

/// Amazon's invoices and credit note in a CNY book:
/// INV-1 1,000.00 USD at 7.10 (7,100.00), INV-2 500.00 USD at 7.20
/// (3,600.00), CN-1 200.00 USD at 7.15 (1,430.00): the receivable is
/// 7,100.00 + 3,600.00 − 1,430.00 = 9,270.00.
fn amazon() -> Harness {
    let mut h = book("CNY");
    on(&mut h, "2026-11-02");
    for (document, kind, amount, rate, date) in [
        ("INV-1", "customer_invoice", "1000.00", "7.10", "2026-11-02"),
        ("INV-2", "customer_invoice", "500.00", "7.20", "2026-11-05"),
        (
            "CN-1",
            "customer_credit_note",
            "200.00",
            "7.15",
            "2026-11-06",
        ),
    ] {
        run(
            &mut h,
            with(
                invoice(document, kind, "amazon-us", date, money(amount, "USD")),
                "rate",
                json!(rate),
            ),
        );
    }
    assert_eq!(balance(&h.book, "1200"), "9270.00".parse().unwrap());
    h
}

#[test]
fn a_credit_note_reduces_the_receivable_and_the_revenue() {
    let mut h = book("CNY");
    let out = run(
        &mut h,
        with(
            invoice(
                "CN-1",
                "customer_credit_note",
                "amazon-us",
                "2026-11-06",
                money("200.00", "USD"),
            ),
            "rate",
            json!("7.15"),
        ),
    );
    assert_eq!(vouchers(&out), ["Dr 4000 1430.00, Cr 1200 1430.00"]);
    // A supplier's credit note lowers the payable.
    let out = run(
        &mut h,
        invoice(
            "SCN-1",
            "supplier_credit_note",
            "Shenzhen Lamps",
            "2026-11-06",
            money("300.00", "CNY"),
        ),
    );
    assert_eq!(vouchers(&out), ["Dr 2000 300.00, Cr 2100 300.00"]);
    assert_eq!(balance(&h.book, "1200"), "-1430.00".parse().unwrap());
    assert_eq!(balance(&h.book, "2000"), "300.00".parse().unwrap());
}

#[test]
fn one_payment_settles_two_invoices_net_of_a_credit_note() {
    let mut h = amazon();
    // 1,000.00 USD at 7.25 (7,250.00 CNY) pays 700.00 of INV-1, what is
    // left for INV-2 (500.00) and takes CN-1 (200.00) off:
    // 700 + 500 − 200 = 1,000.
    on(&mut h, "2026-11-20");
    let pay = json!({"type": "record_payment", "date": "2026-11-20",
        "amount": money("1000.00", "USD"), "rate": "7.25", "reference": "AMZ-PAYOUT-7",
        "allocations": [
            {"document": "INV-1", "amount": money("700.00", "USD")},
            {"document": "INV-2"},
            {"document": "CN-1"}]});
    let out = run(&mut h, pay);
    // Shares of the 7,250.00 at 7.25: 5,075.00, 3,625.00 and 1,450.00.
    // Carried: 7,100.00 × 700/1,000 = 4,970.00; 3,600.00; 1,430.00.
    // Realized: +105.00, +25.00, and −20.00 on the credit note (owing 200
    // USD cost 20.00 more at 7.25 than at 7.15).
    assert_eq!(
        vouchers(&out),
        [
            "Dr 1100 7250.00, Dr 1200 1430.00, Dr 7000 20.00, Cr 1200 4970.00, \
          Cr 1200 3600.00, Cr 7000 105.00, Cr 7000 25.00"
        ]
    );
    let Event::PaymentRecorded { payment, parts } = &out.events[0].event else {
        panic!("no payment event")
    };
    let amounts: Vec<String> = payment
        .allocations
        .iter()
        .map(|a| a.amount.unwrap().to_string())
        .collect();
    assert_eq!(amounts, ["700.00 USD", "500.00 USD", "200.00 USD"]);
    let realized: Vec<String> = parts.iter().map(|p| p.realized.to_string()).collect();
    assert_eq!(realized, ["105.00 CNY", "25.00 CNY", "-20.00 CNY"]);
    assert_eq!(
        open(&h.book, "INV-1"),
        Some(("300.00 USD".into(), "2130.00 CNY".into()))
    );
    assert_eq!(
        (open(&h.book, "INV-2"), open(&h.book, "CN-1")),
        (None, None)
    );
    assert_eq!(balance(&h.book, "1200"), "2130.00".parse().unwrap());
    assert_eq!(balance(&h.book, "7000"), "-110.00".parse().unwrap());

    // A second credit note, CN-2 100.00 USD at 7.30 (730.00), offset
    // against INV-1 with no money moving, valued at 7.25: INV-1 gives up
    // 2,130.00 × 100/300 = 710.00 (realized +15.00), CN-2 its 730.00
    // (realized +5.00): the 20.00 between the two carrying amounts.
    run(
        &mut h,
        with(
            invoice(
                "CN-2",
                "customer_credit_note",
                "amazon-us",
                "2026-11-21",
                money("100.00", "USD"),
            ),
            "rate",
            json!("7.30"),
        ),
    );
    let offset = json!({"type": "record_payment", "date": "2026-11-22",
        "amount": money("0.00", "USD"), "rate": "7.25",
        "allocations": [{"document": "INV-1", "amount": money("100.00", "USD")},
            {"document": "CN-2"}]});
    assert_eq!(
        vouchers(&run(&mut h, offset)),
        ["Dr 1200 730.00, Cr 1200 710.00, Cr 7000 15.00, Cr 7000 5.00"]
    );
    assert_eq!(
        open(&h.book, "INV-1"),
        Some(("200.00 USD".into(), "1420.00 CNY".into()))
    );

    // A credit note refunded by payment: CN-3 50.00 USD at 7.20 (360.00)
    // paid back at 7.25 (362.50): a loss of 2.50.
    run(
        &mut h,
        with(
            invoice(
                "CN-3",
                "customer_credit_note",
                "amazon-us",
                "2026-11-23",
                money("50.00", "USD"),
            ),
            "rate",
            json!("7.20"),
        ),
    );
    let refund = json!({"type": "record_settlement", "document": "CN-3", "date": "2026-11-24",
        "amount": money("50.00", "USD"), "rate": "7.25"});
    assert_eq!(
        vouchers(&run(&mut h, refund)),
        ["Dr 1200 360.00, Dr 7000 2.50, Cr 1100 362.50"]
    );
    // Revaluation restates what is left, the credit notes on their side.
    run(
        &mut h,
        with(
            invoice(
                "CN-4",
                "customer_credit_note",
                "amazon-us",
                "2026-11-25",
                money("40.00", "USD"),
            ),
            "rate",
            json!("7.20"),
        ),
    );
    // INV-1: 200.00 at 7.30 = 1,460.00 against 1,420.00 carried: +40.00;
    // CN-4: 40.00 at 7.30 = 292.00 against 288.00: 4.00 more owed.
    let out = run(
        &mut h,
        json!({"type": "revalue", "date": "2026-11-30", "rates": {"USD": "7.30"}}),
    );
    assert_eq!(
        vouchers(&out)[0],
        "Dr 7100 4.00, Dr 1200 40.00, Cr 1200 4.00, Cr 7100 40.00"
    );
    assert_replay_and_restore(&h);
}

#[test]
fn supplier_documents_paid_from_the_usd_bank_in_one_payment() {
    // A USD book: BILL-2 CNY 3,550.00 and the supplier's credit note SCN-1
    // CNY 710.00, both at the book's 7.10 (500.00 and 100.00). The bank
    // pays 395.00 USD for the net CNY 2,840.00.
    let mut h = book("USD");
    on(&mut h, "2026-11-02");
    run(&mut h, rates("USD", "CNY", "2026-11-02", "7.10"));
    for (document, kind, amount) in [
        ("BILL-2", "supplier_invoice", "3550.00"),
        ("SCN-1", "supplier_credit_note", "710.00"),
    ] {
        run(
            &mut h,
            invoice(
                document,
                kind,
                "Shenzhen Lamps",
                "2026-11-02",
                money(amount, "CNY"),
            ),
        );
    }
    assert_eq!(balance(&h.book, "2000"), "-400.00".parse().unwrap());
    let pay = json!({"type": "record_payment", "date": "2026-11-20",
        "amount": money("395.00", "USD"), "cash_account": "1110",
        "allocations": [{"document": "BILL-2"}, {"document": "SCN-1"}]});
    // Shares of 395.00: 3,550 × 395 / 2,840 = 493.75 and 98.75. The bill
    // realizes 500.00 − 493.75 = 6.25, the credit note 98.75 − 100.00 =
    // −1.25.
    assert_eq!(
        vouchers(&run(&mut h, pay)),
        ["Dr 2000 500.00, Dr 7000 1.25, Cr 1110 395.00, Cr 2000 100.00, Cr 7000 6.25"]
    );
    assert_eq!(balance(&h.book, "2000"), Decimal::ZERO);
    assert_replay_and_restore(&h);
}

#[test]
fn bad_payments_are_refused_and_change_nothing() {
    let mut h = amazon();
    run(
        &mut h,
        invoice(
            "BILL-1",
            "supplier_invoice",
            "Shenzhen Lamps",
            "2026-11-02",
            money("100.00", "CNY"),
        ),
    );
    let pay = |amount: &str, allocations: Value| {
        json!({"type": "record_payment", "date": "2026-11-20", "amount": money(amount, "USD"),
            "rate": "7.25", "allocations": allocations})
    };
    let cases = [
        // More than the documents it names (1,000 + 500).
        (
            pay(
                "2000.00",
                json!([{"document": "INV-1"}, {"document": "INV-2"}]),
            ),
            "SETTLEMENT_TOO_LARGE",
        ),
        // More than a document's open amount.
        (
            pay(
                "1500.00",
                json!([{"document": "INV-1", "amount": money("1500.00", "USD")}]),
            ),
            "SETTLEMENT_TOO_LARGE",
        ),
        // Allocations above the payment.
        (
            pay(
                "100.00",
                json!([{"document": "INV-1", "amount": money("200.00", "USD")}]),
            ),
            "INVALID_AMOUNT",
        ),
        // Nothing left for the second invoice.
        (
            pay(
                "1000.00",
                json!([{"document": "INV-1"}, {"document": "INV-2"}]),
            ),
            "INVALID_AMOUNT",
        ),
        // Customer and supplier documents together.
        (
            pay(
                "100.00",
                json!([{"document": "INV-1"}, {"document": "BILL-1"}]),
            ),
            "INVALID_COMMAND",
        ),
        // A document named twice.
        (
            pay(
                "100.00",
                json!([{"document": "INV-1"}, {"document": "INV-1"}]),
            ),
            "INVALID_COMMAND",
        ),
        (pay("100.00", json!([])), "INVALID_COMMAND"),
        (
            pay("100.00", json!([{"document": "INV-9"}])),
            "UNKNOWN_DOCUMENT",
        ),
        // An allocation in another currency than its document.
        (
            pay(
                "100.00",
                json!([{"document": "INV-1", "amount": money("100.00", "EUR")}]),
            ),
            "CURRENCY_MISMATCH",
        ),
        // Money moving for documents that net to zero: more than they
        // settle.
        (
            pay(
                "10.00",
                json!([{"document": "INV-1", "amount": money("200.00", "USD")},
                    {"document": "CN-1"}]),
            ),
            "SETTLEMENT_TOO_LARGE",
        ),
        // The same in another currency.
        (
            json!({"type": "record_payment", "date": "2026-11-20",
                "amount": money("10.00", "EUR"), "rate": "7.80",
                "allocations": [{"document": "INV-1", "amount": money("200.00", "USD")},
                    {"document": "CN-1"}]}),
            "INVALID_AMOUNT",
        ),
        // A negative payment.
        (
            pay("-5.00", json!([{"document": "INV-1"}])),
            "INVALID_AMOUNT",
        ),
    ];
    for (command, code) in cases {
        assert_eq!(fail(&mut h, command.clone()).code(), code, "{command}");
    }
    // A credit note on a closed period.
    run(
        &mut h,
        json!({"type": "lock_period", "through": "2026-11-30"}),
    );
    let late = with(
        invoice(
            "CN-9",
            "customer_credit_note",
            "amazon-us",
            "2026-11-30",
            money("10.00", "USD"),
        ),
        "rate",
        json!("7.20"),
    );
    assert_eq!(fail(&mut h, late).code(), "PERIOD_LOCKED");
}

#[test]
fn old_settlements_keep_their_event_bytes() {
    // A settlement that names no bank amount is written as before.
    let mut h = amazon();
    let out = run(
        &mut h,
        json!({"type": "record_settlement", "document": "INV-2", "date": "2026-11-20",
            "amount": money("500.00", "USD"), "rate": "7.25"}),
    );
    let text = serde_json::to_string(&out.events[0].event).unwrap();
    assert_eq!(
        text,
        r#"{"type":"settlement_recorded","settlement":{"document":"INV-2","date":"2026-11-20","amount":{"amount":"500.00","currency":"USD"},"rate":"7.25"},"carrying_settled":{"amount":"3600.00","currency":"CNY"},"realized":{"amount":"25.00","currency":"CNY"}}"#
    );
}

// ---------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Step {
    Document {
        supplier: bool,
        credit: bool,
        cents: i64,
        rate: u32,
    },
    Pay {
        picks: Vec<(usize, u8)>,
        rate: u32,
        other_currency: bool,
    },
    /// Asks to reverse one of the entries so far (always refused: each is
    /// a document's or a payment's).
    Reverse { pick: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (any::<bool>(), any::<bool>(), 1i64..200_000, 650u32..780).prop_map(
            |(supplier, credit, cents, rate)| Step::Document {
                supplier,
                credit,
                cents,
                rate,
            }
        ),
        (
            proptest::collection::vec((0usize..12, 1u8..=100), 1..4),
            650u32..780,
            any::<bool>()
        )
            .prop_map(|(picks, rate, other_currency)| Step::Pay {
                picks,
                rate,
                other_currency
            }),
        (0usize..30).prop_map(|pick| Step::Reverse { pick }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever documents and payments a book records, every entry
    /// balances (the book refuses one that does not), the receivable and
    /// the payable equal their open items, every refused payment (mixing
    /// customers and suppliers, say) leaves the book as it was, and every
    /// payment's shares add up to its bank line exactly. Reversing any of
    /// their entries is refused and changes nothing.
    #[test]
    fn open_items_always_equal_the_receivable_and_the_payable(steps in proptest::collection::vec(step(), 1..25)) {
        let mut h = book("CNY");
        on(&mut h, "2026-11-02");
        let mut documents: Vec<String> = Vec::new();
        let mut signs: BTreeMap<String, Decimal> = BTreeMap::new();
        for (n, step) in steps.into_iter().enumerate() {
            match step {
                Step::Document { supplier, credit, cents, rate } => {
                    let document = format!("D-{n}");
                    let kind = match (supplier, credit) {
                        (false, false) => "customer_invoice",
                        (false, true) => "customer_credit_note",
                        (true, false) => "supplier_invoice",
                        (true, true) => "supplier_credit_note",
                    };
                    let amount = Decimal::new(cents, 2).to_string();
                    let value = with(
                        invoice(&document, kind, "amazon-us", "2026-11-02", money(&amount, "USD")),
                        "rate", json!(Decimal::new(rate.into(), 2).to_string()));
                    h.run(command(value));
                    // The side of its account the document sits on.
                    let sign = if credit != supplier { Decimal::NEGATIVE_ONE } else { Decimal::ONE };
                    signs.insert(document.clone(), sign);
                    documents.push(document);
                }
                Step::Pay { picks, rate, other_currency } => {
                    let items = h.book.open_items(d("2099-12-31"));
                    let mut allocations = Vec::new();
                    let mut net = Decimal::ZERO;
                    let mut seen = Vec::new();
                    for (pick, percent) in picks {
                        let Some(doc) = documents.get(pick) else { continue };
                        let Some(item) = items.iter().find(|a| &a.item.document == doc) else { continue };
                        if seen.contains(doc) { continue; }
                        seen.push(doc.clone());
                        let part = (item.item.open.amount * Decimal::from(percent) / Decimal::ONE_HUNDRED)
                            .round_dp(2).max(Decimal::new(1, 2)).min(item.item.open.amount);
                        // Invoices count towards the payment, credit notes against it.
                        let credit_note = matches!(item.item.kind,
                            landed::ledger::DocumentKind::CustomerCreditNote
                                | landed::ledger::DocumentKind::SupplierCreditNote);
                        net += if credit_note { -part } else { part };
                        allocations.push(json!({"document": doc, "amount": money(&part.to_string(), "USD")}));
                    }
                    if allocations.is_empty() { continue; }
                    let rate = Decimal::new(rate.into(), 2);
                    // The bank moves the net, or an offset moves nothing;
                    // in EUR it moves what the bank says.
                    let bank = if other_currency && !net.is_zero() {
                        money(&(net.abs() * Decimal::new(92, 2)).round_dp(2).max(Decimal::new(1, 2)).to_string(), "EUR")
                    } else {
                        money(&net.abs().to_string(), "USD")
                    };
                    let value = json!({"type": "record_payment", "date": "2026-11-20",
                        "amount": bank, "rate": rate.to_string(), "allocations": allocations});
                    let before = h.snapshot_json();
                    let out = h.try_run(command(value));
                    let Ok(out) = out else {
                        prop_assert_eq!(h.snapshot_json(), before);
                        continue
                    };
                    let entry = out.events.iter().find_map(|r| match &r.event {
                        Event::JournalPosted(e) => Some(e), _ => None });
                    let Some(entry) = entry else { continue };
                    let debit: Decimal = entry.lines.iter().map(|l| l.debit).sum();
                    let credit: Decimal = entry.lines.iter().map(|l| l.credit).sum();
                    prop_assert_eq!(debit, credit);
                    // The documents' shares (carrying ± realized) add up
                    // to the bank line.
                    let Event::PaymentRecorded { parts, .. } = &out.events[0].event else {
                        panic!("no payment event")
                    };
                    let bank_line: Decimal = entry.lines.iter()
                        .filter(|l| &*l.account == "1100").map(|l| l.debit - l.credit).sum();
                    let shares: Decimal = parts.iter().map(|p| {
                        let sign = signs[&p.document];
                        // share = carried + realized × sign, on the item's side
                        (p.carrying_settled.amount + p.realized.amount * sign) * sign
                    }).sum();
                    prop_assert_eq!(bank_line, shares);
                }
                Step::Reverse { pick } => {
                    let journal = h.book.journal();
                    let Some(entry) = journal.get(pick % journal.len().max(1)) else { continue };
                    let value = json!({"type": "reverse_entry", "entry": entry.id, "date": "2026-11-25"});
                    let before = h.snapshot_json();
                    let err = h.try_run(command(value)).expect_err("a document's entry reversed");
                    prop_assert_eq!(err.code(), "ENTRY_STATE");
                    prop_assert_eq!(h.snapshot_json(), before);
                }
            }
            assert_open_items_equal_accounts(&h.book);
        }
        assert_replay_and_restore(&h);
    }
}

// ---------------------------------------------------------------------
// 5. FIFO layers keep their receipt dates through transfers
// ---------------------------------------------------------------------

/// A FIFO book (one valuation scope per warehouse): 10 lamps bought for
/// Shenzhen on 2 November at 10.00, 10 bought straight into the German 3PL
/// on 4 November at 12.00, then Shenzhen's 10 shipped to Germany on the
/// 5th and received on the 20th.
fn fifo_transfer() -> Harness {
    let mut h = Harness::standard("USD", landed::inventory::ValuationMethod::Fifo);
    on(&mut h, "2026-11-02");
    h.run(receive("A", "SZ", 10, "10.00", "USD"));
    on(&mut h, "2026-11-04");
    h.run(receive("A", "DE", 10, "12.00", "USD"));
    on(&mut h, "2026-11-05");
    for value in [
        json!({"type": "create_transfer", "transfer": "T-1", "source": "SZ", "destination": "DE",
            "lines": [{"sku": "A", "quantity": 10}]}),
        json!({"type": "approve_transfer", "transfer": "T-1"}),
        json!({"type": "ship_transfer", "transfer": "T-1"}),
    ] {
        h.run(command(value));
    }
    on(&mut h, "2026-11-20");
    h.run(command(
        json!({"type": "receive_transfer", "transfer": "T-1",
        "lines": [{"line": 1, "accepted": 10}]}),
    ));
    h
}

#[test]
fn fifo_stock_keeps_its_receipt_date_through_a_transfer() {
    let mut h = fifo_transfer();
    // The lamps bought on the 2nd are older than those bought on the 4th,
    // wherever they are now: Germany sells them first, at 10.00.
    on(&mut h, "2026-11-21");
    let sold = h.run(issue("A", "DE", 10));
    assert_eq!(value_of(&sold), "-100.00");
    let sold = h.run(issue("A", "DE", 5));
    assert_eq!(value_of(&sold), "-60.00");
    assert_replay_and_restore(&h);
}

#[test]
fn a_log_written_before_layers_kept_their_dates_replays_as_it_was() {
    // The same events without the layer's time (as an older version wrote
    // them) replay to the state that version had: the transferred lamps
    // re-enter as a layer dated on arrival, after the 4 November layer.
    let h = fifo_transfer();
    let text = serde_json::to_string(h.book.events()).unwrap();
    assert!(text.contains("\"received_at\"") && text.contains("\"layer_at\""));
    let mut events: Vec<Value> = serde_json::from_str(&text).unwrap();
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("received_at");
                map.remove("layer_at");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    events.iter_mut().for_each(strip);
    let old: Vec<landed::book::event::RecordedEvent> =
        serde_json::from_value(Value::Array(events)).unwrap();
    let mut replayed = Book::replay(h.book.config().clone(), forge(old)).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
    let out = replayed
        .execute(
            issue("A", "DE", 10),
            &landed::book::command::Context::new(at, "sale"),
        )
        .unwrap();
    assert_eq!(value_of(&out), "-120.00");
}

// ---------------------------------------------------------------------
// 6. Landed cost billed before its units are known
// ---------------------------------------------------------------------

fn clearing_line(book: &Book) -> Option<(String, String)> {
    book.reconciliation()
        .into_iter()
        .find(|l| l.scope == landed::report::LANDED_COST_CLEARING)
        .map(|l| (l.subledger.amount.to_string(), l.ledger.amount.to_string()))
}

#[test]
fn a_freight_bill_is_accrued_then_allocated_to_a_receipt() {
    // A CNY book buying 100 lamps at 10.00 CNY (GRN-1).
    let mut h = book("CNY");
    on(&mut h, "2026-11-02");
    for value in [
        json!({"type": "define_location", "code": "SZ", "name": "Shenzhen", "kind": "own"}),
        json!({"type": "define_sku", "code": "A", "name": "Lamp"}),
        json!({"type": "define_supplier", "code": "F1", "name": "Factory", "currency": "CNY"}),
        json!({"type": "create_purchase_order", "po": "PO-1", "supplier": "F1", "date": "2026-11-02",
            "lines": [{"sku": "A", "quantity": 100, "unit_price": money("10.00", "CNY"),
                "destination": "SZ"}]}),
        json!({"type": "confirm_purchase_order", "po": "PO-1"}),
        json!({"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-1",
            "lines": [{"line": 1, "quantity": 100}]}),
    ] {
        run(&mut h, value);
    }
    assert_eq!(clearing_line(&h.book), None);
    // The forwarder bills 1,000.00 USD at 7.20 before anyone knows which
    // receipt it belongs to: 7,200.00 waits in the clearing account.
    let bill = json!({"type": "accrue_landed_cost", "document": "FRT-1", "date": "2026-11-03",
        "description": "Sea freight", "kind": "freight", "amount": money("1000.00", "USD"),
        "rate": "7.20", "account": "2200"});
    assert_eq!(
        vouchers(&run(&mut h, bill.clone())),
        ["Dr 1450 7200.00, Cr 2200 7200.00"]
    );
    assert_eq!(
        clearing_line(&h.book),
        Some(("7200.00".into(), "7200.00".into()))
    );
    assert_eq!(fail(&mut h, bill).code(), "DUPLICATE_CODE");
    // 5,000.00 of it turns out to be GRN-1's: 50.00 a lamp, into stock.
    let voucher = |id: &str, amount: &str, account: &str, clears: &str| {
        json!({"type": "apply_landed_cost", "voucher": id, "date": "2026-11-10", "clears": clears,
            "charges": [{"description": "Sea freight", "kind": "freight",
                "amount": money(amount, "CNY"), "account": account, "method": "quantity"}],
            "targets": [{"type": "receipt", "receipt": "GRN-1", "line": 1}]})
    };
    assert_eq!(
        vouchers(&run(&mut h, voucher("LC-1", "5000.00", "1450", "FRT-1"))),
        ["Dr 1300 5000.00, Cr 1450 5000.00"]
    );
    assert_eq!(h.value("A", "SZ"), "6000.00");
    assert_eq!(
        clearing_line(&h.book),
        Some(("2200.00".into(), "2200.00".into()))
    );
    // The open accrual, as reported: what the clearing line's subledger adds up.
    let open: Vec<(String, String, Vec<String>)> = h
        .book
        .accruals()
        .into_iter()
        .map(|a| (a.accrual.document, a.open.to_string(), a.cleared_by))
        .collect();
    assert_eq!(
        open,
        [(
            "FRT-1".into(),
            "2200.00 CNY".into(),
            vec!["LC-1".to_owned()]
        )]
    );
    // More than is left, another credit account, an unknown accrual.
    for (command, code) in [
        (
            voucher("LC-2", "2200.01", "1450", "FRT-1"),
            "INVALID_AMOUNT",
        ),
        (
            voucher("LC-2", "2200.00", "2200", "FRT-1"),
            "INVALID_COMMAND",
        ),
        (
            voucher("LC-2", "2200.00", "1450", "FRT-2"),
            "UNKNOWN_DOCUMENT",
        ),
    ] {
        assert_eq!(fail(&mut h, command.clone()).code(), code, "{command}");
    }
    // The rest: the accrual is fully allocated, the clearing account empty.
    run(&mut h, voucher("LC-2", "2200.00", "1450", "FRT-1"));
    assert_eq!(clearing_line(&h.book), Some(("0.00".into(), "0.00".into())));
    assert_eq!(h.value("A", "SZ"), "8200.00");
    assert!(h.book.accruals().is_empty());
    assert_replay_and_restore(&h);
}

#[test]
fn a_chart_without_a_clearing_account_refuses_an_accrual() {
    let mut chart = ChartSpec::standard();
    chart
        .rules
        .retain(|r| r.role != landed::ledger::AccountRole::LandedCostClearing);
    let mut config = BookConfig::new(Currency::from_code("CNY").unwrap());
    config.ledger = LedgerSetup::Custom(chart);
    let mut h = Harness::with_config(config);
    let bill = json!({"type": "accrue_landed_cost", "document": "FRT-1", "date": "2026-11-03",
        "description": "Sea freight", "amount": money("100.00", "CNY"), "account": "2200"});
    assert_eq!(fail(&mut h, bill).code(), "MISSING_POSTING_RULE");
}

// ---------------------------------------------------------------------
// 7. Entries of money documents are not reversed on their own
// ---------------------------------------------------------------------

/// Asks to reverse `entry` and checks the refusal: `ENTRY_STATE`, a
/// message naming the correction, the book unchanged and reconciled.
fn refuse_reversal(h: &mut Harness, entry: u64, hint: &str) {
    let err = fail(
        h,
        json!({"type": "reverse_entry", "entry": entry, "date": "2026-11-25"}),
    );
    assert_eq!(err.code(), "ENTRY_STATE");
    assert!(err.to_string().contains(hint), "{err}");
    assert_open_items_equal_accounts(&h.book);
    for line in h.book.reconciliation() {
        assert!(line.difference.amount.is_zero(), "{line:?}");
    }
}

fn entry_of(out: &Outcome) -> u64 {
    out.events
        .iter()
        .find(|r| matches!(r.event, Event::JournalPosted(_)))
        .map(|r| r.seq)
        .expect("an entry")
}

#[test]
fn reversing_the_entry_of_a_money_document_is_refused_and_leaves_the_books_reconciled() {
    // INV-1 (7,100.00), INV-2 (3,600.00) and CN-1 (1,430.00) on the
    // receivable: 9,270.00, found again after every refusal.
    let mut h = amazon();
    let journal = h.book.journal();
    let ids: Vec<u64> = journal.iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), 3);
    refuse_reversal(&mut h, ids[0], "with a credit note");
    refuse_reversal(&mut h, ids[2], "with an invoice to the same party");
    on(&mut h, "2026-11-20");
    let settle = json!({"type": "record_settlement", "document": "INV-2", "date": "2026-11-20",
        "amount": money("100.00", "USD"), "rate": "7.25"});
    let settled = entry_of(&run(&mut h, settle));
    refuse_reversal(&mut h, settled, "a payment the other way");
    let pay = json!({"type": "record_payment", "date": "2026-11-20",
        "amount": money("800.00", "USD"), "rate": "7.25",
        "allocations": [{"document": "INV-1"}, {"document": "CN-1"}]});
    let paid = entry_of(&run(&mut h, pay));
    refuse_reversal(&mut h, paid, "a payment the other way");
    // INV-1 is closed (1,000.00 − 200.00 = 800.00) and INV-2 has
    // 400.00 USD left at 7.20: 2,880.00.
    assert_eq!(balance(&h.book, "1200"), "2880.00".parse().unwrap());
    let bill = json!({"type": "accrue_landed_cost", "document": "FRT-1", "date": "2026-11-20",
        "description": "Sea freight", "amount": money("300.00", "CNY"), "account": "2200"});
    let accrued = entry_of(&run(&mut h, bill));
    refuse_reversal(&mut h, accrued, "naming it in clears");
    assert_eq!(
        clearing_line(&h.book),
        Some(("300.00".into(), "300.00".into()))
    );
    // A revaluation is reversed the next day by the book itself.
    let revalue = json!({"type": "revalue", "date": "2026-11-21", "rates": {"USD": "7.30"}});
    let out = run(&mut h, revalue);
    let entries: Vec<u64> = out
        .events
        .iter()
        .filter(|r| matches!(r.event, Event::JournalPosted(_)))
        .map(|r| r.seq)
        .collect();
    assert_eq!(entries.len(), 2);
    refuse_reversal(&mut h, entries[1], "revalue again");
    assert_eq!(balance(&h.book, "1200"), "2880.00".parse().unwrap());
    // A manual entry still reverses.
    let manual = json!({"type": "post_entry", "date": "2026-11-22", "memo": "Capital",
        "lines": [{"account": "1100", "debit": "50.00"}, {"account": "3000", "credit": "50.00"}]});
    let entry = entry_of(&run(&mut h, manual));
    let out = run(
        &mut h,
        json!({"type": "reverse_entry", "entry": entry, "date": "2026-11-25"}),
    );
    assert_eq!(vouchers(&out), ["Dr 3000 50.00, Cr 1100 50.00"]);
    assert_replay_and_restore(&h);
}
