//! Worked examples of the ledger: vouchers of stock movements, money
//! documents with realized and unrealized FX, locks, reversals, and the
//! reports, with real numbers.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::*;
use landed::book::command::{Command, Issue, IssueReason, ManualEntry, ManualLine};
use landed::book::event::Event;
use landed::book::{Book, BookConfig};
use landed::catalog::LocationKind;
use landed::inventory::{Bucket, ValuationMethod};
use landed::ledger::{
    AccountRole, ChartSpec, DocumentKind, InvoiceSpec, LedgerSetup, LineDimensions, PostingRule,
    RateValue, RevaluationSpec, SettlementSpec,
};
use landed::{Currency, Money};
use rust_decimal::Decimal;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}
fn money(s: &str) -> Money {
    s.parse().unwrap()
}

fn balance(h: &Harness, account: &str, as_of: &str) -> String {
    h.book
        .trial_balance(d(as_of), None)
        .lines
        .iter()
        .find(|l| l.account == account)
        .map(|l| l.balance.amount.to_string())
        .unwrap_or_else(|| "0".into())
}

fn invoice(document: &str, amount: &str, rate: &str, date: &str) -> Command {
    Command::RecordInvoice(InvoiceSpec {
        document: document.into(),
        kind: DocumentKind::CustomerInvoice,
        party: "Amazon EU".into(),
        channel: Some("amazon-de".into()),
        date: d(date),
        due_date: None,
        amount: money(amount),
        rate: Some(dec(rate)),
    })
}

fn settle(document: &str, amount: &str, rate: &str, date: &str) -> Command {
    Command::RecordSettlement(SettlementSpec {
        document: document.into(),
        date: d(date),
        amount: money(amount),
        bank_amount: None,
        rate: Some(dec(rate)),
        cash_account: None,
        reference: None,
    })
}

#[test]
fn receivable_in_eur_with_realized_and_unrealized_fx_in_a_cny_book() {
    let mut h = Harness::new("CNY", ValuationMethod::MovingAverage);
    let out = h.run(invoice("INV-1", "500.00 EUR", "7.80", "2026-11-03"));
    assert_eq!(vouchers(&out), ["Dr 1200 3900.00, Cr 4000 3900.00"]);

    let out = h.run(settle("INV-1", "200.00 EUR", "7.90", "2026-11-10"));
    // 200 × 7.90 = 1,580.00 received against 2/5 of 3,900.00 = 1,560.00: gain 20.00.
    assert_eq!(
        vouchers(&out),
        ["Dr 1100 1580.00, Cr 1200 1560.00, Cr 7000 20.00"]
    );

    let rates = BTreeMap::from([(Currency::from_code("EUR").unwrap(), RateValue(dec("7.70")))]);
    let out = h.run(Command::Revalue(RevaluationSpec {
        date: d("2026-11-30"),
        rates,
    }));
    // 300 open at 7.70 = 2,310.00 against 2,340.00 carried: loss 30.00, back next day.
    assert_eq!(
        vouchers(&out),
        [
            "Dr 7100 30.00, Cr 1200 30.00",
            "Dr 1200 30.00, Cr 7100 30.00"
        ]
    );
    assert_eq!(balance(&h, "7100", "2026-11-30"), "30.00");
    assert_eq!(balance(&h, "7100", "2026-12-01"), "0.00");
    let aged = h.book.open_items(d("2026-12-31"));
    assert_eq!(aged.len(), 1);
    assert_eq!(aged[0].item.open.to_string(), "300.00 EUR");
    assert_eq!(aged[0].item.carrying.to_string(), "2340.00 CNY");
    assert_eq!(
        (aged[0].days_overdue, aged[0].bucket.as_str()),
        (58, "31-60")
    );

    let out = h.run(settle("INV-1", "300.00 EUR", "7.75", "2026-12-05"));
    // The rest: 2,325.00 received against the 2,340.00 still carried: loss 15.00.
    assert_eq!(
        vouchers(&out),
        ["Dr 1100 2325.00, Dr 7000 15.00, Cr 1200 2340.00"]
    );
    assert!(h.book.open_items(d("2026-12-31")).is_empty());
    // As of earlier days: before the invoice, nothing; before the first
    // payment, all 500.00; before the last, the 300.00 still carried.
    assert!(h.book.open_items(d("2026-11-02")).is_empty());
    let before_first = &h.book.open_items(d("2026-11-09"))[0].item;
    assert_eq!(
        (
            before_first.open.to_string(),
            before_first.carrying.to_string()
        ),
        ("500.00 EUR".into(), "3900.00 CNY".into())
    );
    let before_last = &h.book.open_items(d("2026-12-04"))[0].item;
    assert_eq!(
        (
            before_last.open.to_string(),
            before_last.carrying.to_string()
        ),
        ("300.00 EUR".into(), "2340.00 CNY".into())
    );
    assert_eq!(before_last.settlements.len(), 1);
    assert_eq!(balance(&h, "1200", "2026-12-31"), "0.00");
    assert_eq!(balance(&h, "7000", "2026-12-31"), "-5.00"); // 20.00 gain, 15.00 loss
    let tb = h.book.trial_balance(d("2026-12-31"), None);
    assert_eq!(tb.total_debit, tb.total_credit);
    // The receivable's EUR lines net to zero too.
    let eur: Decimal = h
        .book
        .journal()
        .iter()
        .flat_map(|e| e.lines.iter())
        .filter(|l| &*l.account == "1200")
        .filter_map(|l| l.transaction_amount.map(|m| m.amount))
        .sum();
    assert!(eur.is_zero(), "EUR left on the receivable: {eur}");
}

#[test]
fn supplier_invoice_paid_in_usd_from_a_cny_book() {
    let mut h = Harness::new("CNY", ValuationMethod::MovingAverage);
    let bill = Command::RecordInvoice(InvoiceSpec {
        document: "BILL-7".into(),
        kind: DocumentKind::SupplierInvoice,
        party: "Shenzhen Lamp Factory".into(),
        channel: None,
        date: d("2026-11-03"),
        due_date: Some(d("2026-12-03")),
        amount: money("1000.00 USD"),
        rate: Some(dec("7.10")),
    });
    assert_eq!(vouchers(&h.run(bill)), ["Dr 2100 7100.00, Cr 2000 7100.00"]);
    // Paid at 7.05: 7,050.00 leaves the bank for 7,100.00 owed: gain 50.00.
    let out = h.run(settle("BILL-7", "1000.00 USD", "7.05", "2026-11-20"));
    assert_eq!(
        vouchers(&out),
        ["Dr 2000 7100.00, Cr 1100 7050.00, Cr 7000 50.00"]
    );
    assert_eq!(balance(&h, "2000", "2026-12-31"), "0.00");
}

#[test]
fn stock_movements_post_their_vouchers_and_reconcile() {
    let mut h = Harness::standard("USD", ValuationMethod::Fifo);
    assert_eq!(
        vouchers(&h.run(receive("A", "SZ", 10, "10.00", "USD"))),
        ["Dr 1300 100.00, Cr 2100 100.00"]
    );
    assert_eq!(
        vouchers(&h.run(receive("A", "SZ", 10, "20.00", "USD"))),
        ["Dr 1300 200.00, Cr 2100 200.00"]
    );
    assert_eq!(
        vouchers(&h.run(issue("A", "SZ", 15))),
        ["Dr 5000 200.00, Cr 1300 200.00"]
    );
    assert_eq!(
        vouchers(&h.run(adjust("A", "SZ", -1, "broken"))),
        ["Dr 5100 20.00, Cr 1300 20.00"]
    );
    assert_eq!(
        vouchers(&h.run(adjust("A", "SZ", 2, "found"))),
        ["Dr 1300 40.00, Cr 4200 40.00"]
    );
    // Moves change no value and post nothing.
    assert!(
        vouchers(&h.run(move_units(
            "A",
            "SZ",
            1,
            landed::inventory::Bucket::Available,
            landed::inventory::Bucket::Reserved
        )))
        .is_empty()
    );
    h.run(receive("B", "DE", 3, "1.50", "USD"));
    let rec = h.book.reconciliation();
    let rows: Vec<(String, String, String, String)> = rec
        .iter()
        .map(|r| {
            (
                r.scope.clone(),
                r.subledger.amount.to_string(),
                r.ledger.amount.to_string(),
                r.difference.amount.to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("SZ".into(), "120.00".into(), "120.00".into(), "0.00".into()),
            ("DE".into(), "4.50".into(), "4.50".into(), "0.00".into())
        ]
    );
    // Filtered trial balance: only lines of SKU B.
    let only_b = LineDimensions {
        sku: Some("B".into()),
        ..LineDimensions::default()
    };
    let tb = h.book.trial_balance(d("2026-12-31"), Some(&only_b));
    let lines: Vec<(String, String)> = tb
        .lines
        .iter()
        .map(|l| (l.account.clone(), l.balance.amount.to_string()))
        .collect();
    assert_eq!(
        lines,
        [
            ("1300".to_string(), "4.50".to_string()),
            ("2100".to_string(), "-4.50".to_string())
        ]
    );
    // The inventory account's ledger with its running balance.
    let ledger: Vec<String> = h
        .book
        .account_ledger("1300")
        .unwrap()
        .iter()
        .map(|l| l.balance.amount.to_string())
        .collect();
    assert_eq!(
        ledger,
        ["100.00", "300.00", "100.00", "80.00", "120.00", "124.50"]
    );
}

#[test]
fn bad_ledger_input_is_refused_and_changes_nothing() {
    let mut h = Harness::new("CNY", ValuationMethod::MovingAverage);
    h.run(Command::DefineLocation(location("SZ", LocationKind::Own)));
    h.run(Command::DefineSku(sku("A")));
    h.run(invoice("INV-1", "100.00 EUR", "7.80", "2026-11-03"));
    h.run(Command::LockPeriod {
        through: d("2026-10-31"),
    });
    let line = |account: &str, debit: Option<&str>, credit: Option<&str>| ManualLine {
        account: account.into(),
        debit: debit.map(dec),
        credit: credit.map(dec),
        amount: None,
        rate: None,
        dimensions: LineDimensions::default(),
    };
    let manual = |date: &str, lines: Vec<ManualLine>| {
        Command::PostEntry(ManualEntry {
            date: d(date),
            memo: "owner's capital".into(),
            document: Some("JV-1".into()),
            lines,
        })
    };
    let no_rates = RevaluationSpec {
        date: d("2026-11-30"),
        rates: BTreeMap::new(),
    };
    let cases: Vec<(Command, &str)> = vec![
        (
            manual(
                "2026-11-05",
                vec![
                    line("1100", Some("100.00"), None),
                    line("3000", None, Some("99.99")),
                ],
            ),
            "UNBALANCED_ENTRY",
        ),
        (
            manual(
                "2026-11-05",
                vec![
                    line("1100", Some("100.00"), None),
                    line("9999", None, Some("100.00")),
                ],
            ),
            "UNKNOWN_ACCOUNT",
        ),
        (
            manual(
                "2026-10-31",
                vec![
                    line("1100", Some("1.00"), None),
                    line("3000", None, Some("1.00")),
                ],
            ),
            "PERIOD_LOCKED",
        ),
        (
            settle("INV-1", "100.01 EUR", "7.90", "2026-11-10"),
            "SETTLEMENT_TOO_LARGE",
        ),
        (
            settle("INV-1", "100.00 USD", "7.10", "2026-11-10"),
            "CURRENCY_MISMATCH",
        ),
        (
            settle("INV-9", "1.00 EUR", "7.90", "2026-11-10"),
            "UNKNOWN_DOCUMENT",
        ),
        (
            invoice("INV-1", "5.00 EUR", "7.80", "2026-11-03"),
            "DUPLICATE_CODE",
        ),
        (Command::Revalue(no_rates), "RATE_NOT_FOUND"),
        (
            Command::ReverseEntry {
                entry: 999,
                date: d("2026-11-05"),
            },
            "ENTRY_STATE",
        ),
        (
            Command::LockPeriod {
                through: d("2026-10-01"),
            },
            "PERIOD_LOCKED",
        ),
    ];
    for (command, code) in cases {
        let before = h.snapshot_json();
        let err = h.try_run(command.clone()).unwrap_err();
        assert_eq!(err.code(), code, "{command:?}: {err}");
        assert_eq!(h.snapshot_json(), before, "{command:?} changed the book");
    }
    // Stock commands dated in a locked period are refused too.
    h.run(Command::LockPeriod {
        through: d("2026-11-30"),
    });
    let err = h.try_run(receive("A", "SZ", 1, "1.00", "CNY")).unwrap_err();
    assert_eq!(err.code(), "PERIOD_LOCKED");
    // An entry converted line by line: 3 × (10.01 EUR at 7.8034) leaves
    // a sub-cent difference, posted to the rounding account explicitly.
    let converted = |account: &str, amount: &str| ManualLine {
        account: account.into(),
        debit: None,
        credit: None,
        amount: Some(money(amount)),
        rate: Some(dec("7.8034")),
        dimensions: LineDimensions::default(),
    };
    let out = h.run(manual(
        "2026-12-02",
        vec![
            converted("1100", "30.03 EUR"),
            converted("3000", "-10.01 EUR"),
            converted("3000", "-10.01 EUR"),
            converted("3000", "-10.01 EUR"),
        ],
    ));
    // 30.03 × 7.8034 = 234.34 against 3 × 78.11 = 234.33: 0.01 to rounding.
    assert_eq!(
        vouchers(&out),
        ["Dr 1100 234.34, Cr 3000 78.11, Cr 3000 78.11, Cr 3000 78.11, Cr 7900 0.01"]
    );
    let e = &h.book.journal().last().unwrap().lines;
    let net: Decimal = e.iter().map(|l| l.debit - l.credit).sum();
    assert!(net.is_zero());
}

#[test]
fn the_entries_of_a_document_are_not_reversed() {
    // Reversing an invoice's or a settlement's entry alone would leave the
    // receivable apart from the open item: it is refused, the book as it
    // was, and the document's own commands correct it instead.
    let mut h = Harness::new("CNY", ValuationMethod::MovingAverage);
    h.run(invoice("INV-5", "80.00 EUR", "7.80", "2026-11-03"));
    h.run(settle("INV-5", "30.00 EUR", "7.95", "2026-11-04"));
    let ids: Vec<u64> = h
        .book
        .journal()
        .iter()
        .filter(|e| e.document.as_deref() == Some("INV-5"))
        .map(|e| e.id)
        .collect();
    assert_eq!(ids.len(), 2);
    let before = h.snapshot_json();
    for (id, hint) in ids.iter().zip(["a credit note", "a payment the other way"]) {
        let err = h
            .try_run(Command::ReverseEntry {
                entry: *id,
                date: d("2026-11-06"),
            })
            .unwrap_err();
        assert_eq!(err.code(), "ENTRY_STATE");
        assert!(err.to_string().contains(hint), "{err}");
    }
    assert_eq!(h.snapshot_json(), before);
    // 80.00 − 30.00 EUR left at 7.80: 390.00 on the receivable.
    let only = LineDimensions {
        document: Some("INV-5".into()),
        ..LineDimensions::default()
    };
    let tb = h.book.trial_balance(d("2026-12-31"), Some(&only));
    let receivable = tb.lines.iter().find(|l| l.account == "1200").unwrap();
    assert_eq!(receivable.balance.amount, dec("390.00"));
}

#[test]
fn posting_rules_are_checked_when_the_book_is_created_and_the_most_specific_wins() {
    let usd = Currency::from_code("USD").unwrap();
    let mut spec = ChartSpec::standard();
    spec.rules.retain(|r| r.role != AccountRole::Cogs);
    let mut config = BookConfig::new(usd);
    config.ledger = LedgerSetup::Custom(spec.clone());
    let err = Book::new(config.clone()).unwrap_err();
    assert_eq!(err.code(), "MISSING_POSTING_RULE");

    let mut spec = ChartSpec::standard();
    spec.rules.push(PostingRule {
        location_kind: Some(LocationKind::Fba),
        ..PostingRule::fallback(AccountRole::Inventory, "1320")
    });
    config.ledger = LedgerSetup::Custom(spec.clone());
    assert_eq!(
        Book::new(config.clone()).unwrap_err().code(),
        "UNKNOWN_ACCOUNT"
    );
    spec.accounts.push(landed::ledger::Account {
        code: "1320".into(),
        name: "Inventory at Amazon".into(),
        account_type: landed::ledger::AccountType::Asset,
        currency: None,
    });
    config.ledger = LedgerSetup::Custom(spec);
    let mut h = Harness::with_config(config);
    h.run(Command::DefineLocation(location("SZ", LocationKind::Own)));
    h.run(Command::DefineLocation(location(
        "FBA-US",
        LocationKind::Fba,
    )));
    h.run(Command::DefineSku(sku("A")));
    assert_eq!(
        vouchers(&h.run(receive("A", "FBA-US", 2, "5.00", "USD"))),
        ["Dr 1320 10.00, Cr 2100 10.00"]
    );
    assert_eq!(
        vouchers(&h.run(receive("A", "SZ", 2, "5.00", "USD"))),
        ["Dr 1300 10.00, Cr 2100 10.00"]
    );
    assert!(
        h.book
            .reconciliation()
            .iter()
            .all(|r| r.difference.is_zero())
    );
}

#[test]
fn a_book_without_a_ledger_posts_nothing() {
    let mut config = BookConfig::new(Currency::from_code("USD").unwrap());
    config.ledger = LedgerSetup::Off;
    let mut h = Harness::with_config(config);
    h.run(Command::DefineLocation(location("SZ", LocationKind::Own)));
    h.run(Command::DefineSku(sku("A")));
    let out = h.run(receive("A", "SZ", 2, "5.00", "USD"));
    assert_eq!(out.events.len(), 1);
    assert_eq!(
        h.try_run(invoice("I", "1.00 EUR", "1.1", "2026-11-03"))
            .unwrap_err()
            .code(),
        "INVALID_COMMAND"
    );
}

// ---- damage write-down ----------------------------------------------------

fn write_down_book(method: ValuationMethod) -> Harness {
    let mut config = BookConfig::new(Currency::from_code("USD").unwrap());
    config.valuation_method = method;
    config.damage_write_down = true;
    let mut h = Harness::with_config(config);
    h.run(Command::DefineLocation(location("SZ", LocationKind::Own)));
    h.run(Command::DefineSku(sku("A")));
    h
}

fn from_damaged(sku: &str, quantity: i64, reason: IssueReason) -> Command {
    Command::Issue(Issue {
        sku: sku.into(),
        location: "SZ".into(),
        quantity,
        reason,
        bucket: Bucket::Damaged,
        lot: None,
        reference: None,
        channel: None,
    })
}

fn allowance(h: &Harness, sku: &str) -> Option<String> {
    h.book
        .position(sku, "SZ", None)
        .unwrap()
        .write_down_allowance
        .map(|m| m.amount.to_string())
}

/// (subledger, ledger, allowance, allowance in the ledger, net) of a scope.
fn reconciled(h: &Harness, scope: &str) -> [String; 5] {
    let r = h
        .book
        .reconciliation()
        .into_iter()
        .find(|r| r.scope == scope)
        .unwrap();
    assert!(
        r.difference.is_zero() && r.allowance_difference.is_zero(),
        "{r:?}"
    );
    [
        r.subledger,
        r.ledger,
        r.allowance,
        r.allowance_ledger,
        r.net,
    ]
    .map(|m| m.amount.to_string())
}

#[test]
fn damaged_stock_is_written_down_and_its_allowance_released_as_it_leaves() {
    let mut h = write_down_book(ValuationMethod::MovingAverage);
    h.run(receive("A", "SZ", 10, "12.50", "USD"));
    // 4 of 10 units at 12.50 found damaged: 50.00 written down.
    let out = h.run(move_units("A", "SZ", 4, Bucket::Available, Bucket::Damaged));
    assert_eq!(vouchers(&out), ["Dr 5410 50.00, Cr 1390 50.00"]);
    let Event::Moved { write_down, .. } = &out.events[0].event else {
        panic!("{out:?}")
    };
    assert_eq!(write_down.unwrap().to_string(), "50.00 USD");
    assert_eq!(allowance(&h, "A").as_deref(), Some("50.00"));
    // The pool is untouched; the allowance sits beside it.
    assert_eq!(
        reconciled(&h, "SZ"),
        ["125.00", "125.00", "50.00", "50.00", "75.00"]
    );

    // One disposed: its 12.50 of allowance goes with it, nothing is
    // expensed twice.
    let out = h.run(from_damaged("A", 1, IssueReason::Disposal));
    assert_eq!(vouchers(&out), ["Dr 1390 12.50, Cr 1300 12.50"]);
    let Event::Issued(s) = &out.events[0].event else {
        panic!("{out:?}")
    };
    assert_eq!(s.allowance_released.unwrap().to_string(), "12.50 USD");
    assert_eq!(allowance(&h, "A").as_deref(), Some("37.50"));

    // One repaired and sellable again: 12.50 recovered.
    let out = h.run(move_units("A", "SZ", 1, Bucket::Damaged, Bucket::Available));
    assert_eq!(vouchers(&out), ["Dr 1390 12.50, Cr 5410 12.50"]);
    assert_eq!(allowance(&h, "A").as_deref(), Some("25.00"));

    // One written off by an adjustment, the last sold as is.
    let mut lost = adjust("A", "SZ", -1, "scrapped");
    if let Command::Adjust(a) = &mut lost {
        a.bucket = Bucket::Damaged;
    }
    assert_eq!(vouchers(&h.run(lost)), ["Dr 1390 12.50, Cr 1300 12.50"]);
    assert_eq!(
        vouchers(&h.run(from_damaged("A", 1, IssueReason::Sale))),
        ["Dr 1390 12.50, Cr 1300 12.50"]
    );
    assert_eq!(allowance(&h, "A"), None);
    assert_eq!(
        reconciled(&h, "SZ"),
        ["87.50", "87.50", "0.00", "0.00", "87.50"]
    );
    assert_eq!(balance(&h, "1390", "2026-12-31"), "0.00");
    // Three units lost their value through the write-down, 37.50; the
    // repaired one is back in stock at cost.
    assert_eq!(balance(&h, "5410", "2026-12-31"), "37.50");
    assert_eq!(balance(&h, "5400", "2026-12-31"), "0");
    assert_eq!(balance(&h, "5000", "2026-12-31"), "0");
    assert_eq!(balance(&h, "1300", "2026-12-31"), "87.50");

    let replayed = Book::replay(h.book.config().clone(), h.book.events()).unwrap();
    assert_eq!(serde_json::to_string(&replayed).unwrap(), h.snapshot_json());
}

#[test]
fn the_last_damaged_unit_takes_what_is_left_of_the_allowance() {
    let mut h = write_down_book(ValuationMethod::MovingAverage);
    // 3 × 3.3333 = 9.9999, received for 10.00.
    h.run(receive("A", "SZ", 3, "3.3333", "USD"));
    let out = h.run(move_units("A", "SZ", 3, Bucket::Available, Bucket::Damaged));
    assert_eq!(vouchers(&out), ["Dr 5410 10.00, Cr 1390 10.00"]);
    // One of three back: a third of 10.00 is 3.33.
    let out = h.run(move_units("A", "SZ", 1, Bucket::Damaged, Bucket::Available));
    assert_eq!(vouchers(&out), ["Dr 1390 3.33, Cr 5410 3.33"]);
    assert_eq!(allowance(&h, "A").as_deref(), Some("6.67"));
    // One of the two left: 6.67 / 2 = 3.335 → 3.34 released, while the
    // pool gives the unit out at 10.00 / 3 = 3.33: 0.01 comes back.
    let out = h.run(from_damaged("A", 1, IssueReason::Disposal));
    assert_eq!(vouchers(&out), ["Dr 1390 3.34, Cr 1300 3.33, Cr 5400 0.01"]);
    assert_eq!(allowance(&h, "A").as_deref(), Some("3.33"));
    // The last damaged unit releases the remaining 3.33; the pool gives
    // it out at 6.67 / 2 = 3.34, the extra cent is expensed.
    let out = h.run(from_damaged("A", 1, IssueReason::Disposal));
    assert_eq!(vouchers(&out), ["Dr 1390 3.33, Dr 5400 0.01, Cr 1300 3.34"]);
    assert_eq!(allowance(&h, "A"), None);
    assert_eq!(balance(&h, "1390", "2026-12-31"), "0.00");
    assert_eq!(balance(&h, "5410", "2026-12-31"), "6.67");
    assert_eq!(balance(&h, "5400", "2026-12-31"), "0.00");
    assert_eq!(
        reconciled(&h, "SZ"),
        ["3.33", "3.33", "0.00", "0.00", "3.33"]
    );
}

#[test]
fn units_received_damaged_are_written_down_at_the_pools_average_cost() {
    for (method, disposal) in [
        // Average: the 4 units go out at the 58.57 they were written down at.
        (
            ValuationMethod::MovingAverage,
            "Dr 1390 58.57, Cr 1300 58.57",
        ),
        // FIFO: they go out at the oldest layer's 12.50, 50.00 in all; the
        // 8.57 written down beyond it comes back.
        (
            ValuationMethod::Fifo,
            "Dr 1390 58.57, Cr 1300 50.00, Cr 5400 8.57",
        ),
    ] {
        let mut h = write_down_book(method);
        h.run(receive("A", "SZ", 10, "12.50", "USD"));
        let mut damaged = receive("A", "SZ", 4, "20.00", "USD");
        if let Command::Receive(r) = &mut damaged {
            r.bucket = Bucket::Damaged;
            r.damage_reason = Some("crushed".into());
        }
        // 205.00 for 14 units after the receipt: 4 of them are 58.57.
        assert_eq!(
            vouchers(&h.run(damaged)),
            [
                "Dr 1300 80.00, Cr 2100 80.00",
                "Dr 5410 58.57, Cr 1390 58.57"
            ],
            "{method:?}"
        );
        assert_eq!(
            reconciled(&h, "SZ"),
            ["205.00", "205.00", "58.57", "58.57", "146.43"]
        );
        assert_eq!(
            vouchers(&h.run(from_damaged("A", 4, IssueReason::Disposal))),
            [disposal],
            "{method:?}"
        );
        assert_eq!(allowance(&h, "A"), None);
        assert_eq!(balance(&h, "1390", "2026-12-31"), "0.00");
    }
}

#[test]
fn write_down_is_off_by_default_and_checked_when_the_book_is_created() {
    // Off: damaged units post nothing, events carry no write-down.
    let mut h = Harness::standard("USD", ValuationMethod::MovingAverage);
    h.run(receive("A", "SZ", 10, "12.50", "USD"));
    let out = h.run(move_units("A", "SZ", 4, Bucket::Available, Bucket::Damaged));
    assert!(vouchers(&out).is_empty());
    let json = serde_json::to_string(&out.events[0].event).unwrap();
    assert!(
        !json.contains("write_down") && !json.contains("allowance"),
        "{json}"
    );
    assert_eq!(
        vouchers(&h.run(from_damaged("A", 1, IssueReason::Disposal))),
        ["Dr 5400 12.50, Cr 1300 12.50"]
    );
    // No allowance state in the snapshot (the standard chart names the
    // accounts, nothing else does).
    let snapshot = h.snapshot_json();
    for key in [
        "\"allowances\"",
        "allowance_accounts",
        "allowance_by_location",
    ] {
        assert!(!snapshot.contains(key), "{key}");
    }
    assert!(
        !serde_json::to_string(h.book.config())
            .unwrap()
            .contains("damage_write_down")
    );

    let usd = Currency::from_code("USD").unwrap();
    let mut config = BookConfig::new(usd);
    config.damage_write_down = true;
    config.ledger = LedgerSetup::Off;
    assert_eq!(
        Book::new(config.clone()).unwrap_err().code(),
        "INVALID_COMMAND"
    );
    // A chart without the allowance role is refused only when the option is on.
    let mut spec = ChartSpec::standard();
    spec.rules
        .retain(|r| r.role != AccountRole::InventoryAllowance);
    config.ledger = LedgerSetup::Custom(spec.clone());
    let err = Book::new(config.clone()).unwrap_err();
    assert_eq!(err.code(), "MISSING_POSTING_RULE");
    assert!(err.to_string().contains("inventory_allowance"), "{err}");
    config.damage_write_down = false;
    Book::new(config.clone()).unwrap();
    // The allowance is shown beside inventory, never on the same account.
    let mut spec = ChartSpec::standard();
    spec.rules
        .retain(|r| r.role != AccountRole::InventoryAllowance);
    spec.rules.push(PostingRule::fallback(
        AccountRole::InventoryAllowance,
        "1300",
    ));
    config.ledger = LedgerSetup::Custom(spec);
    config.damage_write_down = true;
    assert_eq!(Book::new(config).unwrap_err().code(), "INVALID_COMMAND");
}

#[test]
fn a_write_down_that_cannot_post_changes_nothing() {
    let mut h = write_down_book(ValuationMethod::Fifo);
    h.run(receive("A", "SZ", 10, "12.50", "USD"));
    h.run(move_units("A", "SZ", 2, Bucket::Available, Bucket::Damaged));
    let today = h.clock.date_naive();
    h.run(Command::LockPeriod { through: today });
    for command in [
        move_units("A", "SZ", 1, Bucket::Available, Bucket::Damaged),
        move_units("A", "SZ", 1, Bucket::Damaged, Bucket::Available),
    ] {
        let before = h.snapshot_json();
        let err = h.try_run(command).unwrap_err();
        assert_eq!(err.code(), "PERIOD_LOCKED");
        assert_eq!(h.snapshot_json(), before);
    }
    // Moves that write nothing down still go through.
    h.run(move_units(
        "A",
        "SZ",
        1,
        Bucket::Available,
        Bucket::Reserved,
    ));
    assert_eq!(allowance(&h, "A").as_deref(), Some("25.00"));
}
