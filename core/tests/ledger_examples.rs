//! Worked examples of the ledger: vouchers of stock movements, money
//! documents with realized and unrealized FX, locks, reversals, and the
//! reports, with real numbers.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::*;
use landed::book::{Book, BookConfig};
use landed::catalog::LocationKind;
use landed::command::{Command, ManualEntry, ManualLine};
use landed::event::Event;
use landed::ledger::{AccountRole, ChartSpec, LedgerSetup, LineDimensions, PostingRule};
use landed::settlement::{DocumentKind, InvoiceSpec, RateValue, RevaluationSpec, SettlementSpec};
use landed::valuation::ValuationMethod;
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

fn entries(outcome: &landed::event::Outcome) -> Vec<String> {
    outcome
        .events
        .iter()
        .filter_map(|r| match &r.event {
            Event::JournalPosted(e) => Some(
                e.lines
                    .iter()
                    .map(|l| {
                        if l.debit.is_zero() {
                            format!("Cr {} {}", l.account, l.credit)
                        } else {
                            format!("Dr {} {}", l.account, l.debit)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        })
        .collect()
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
        rate: Some(dec(rate)),
        cash_account: None,
        reference: None,
    })
}

#[test]
fn receivable_in_eur_with_realized_and_unrealized_fx_in_a_cny_book() {
    let mut h = Harness::new("CNY", ValuationMethod::MovingAverage);
    let out = h.run(invoice("INV-1", "500.00 EUR", "7.80", "2026-11-03"));
    assert_eq!(entries(&out), ["Dr 1200 3900.00, Cr 4000 3900.00"]);

    let out = h.run(settle("INV-1", "200.00 EUR", "7.90", "2026-11-10"));
    // 200 × 7.90 = 1,580.00 received against 2/5 of 3,900.00 = 1,560.00: gain 20.00.
    assert_eq!(
        entries(&out),
        ["Dr 1100 1580.00, Cr 1200 1560.00, Cr 7000 20.00"]
    );

    let rates = BTreeMap::from([(Currency::from_code("EUR").unwrap(), RateValue(dec("7.70")))]);
    let out = h.run(Command::Revalue(RevaluationSpec {
        date: d("2026-11-30"),
        rates,
    }));
    // 300 open at 7.70 = 2,310.00 against 2,340.00 carried: loss 30.00, back next day.
    assert_eq!(
        entries(&out),
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
        entries(&out),
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
    assert_eq!(entries(&h.run(bill)), ["Dr 2100 7100.00, Cr 2000 7100.00"]);
    // Paid at 7.05: 7,050.00 leaves the bank for 7,100.00 owed: gain 50.00.
    let out = h.run(settle("BILL-7", "1000.00 USD", "7.05", "2026-11-20"));
    assert_eq!(
        entries(&out),
        ["Dr 2000 7100.00, Cr 1100 7050.00, Cr 7000 50.00"]
    );
    assert_eq!(balance(&h, "2000", "2026-12-31"), "0.00");
}

#[test]
fn stock_movements_post_their_vouchers_and_reconcile() {
    let mut h = Harness::standard("USD", ValuationMethod::Fifo);
    assert_eq!(
        entries(&h.run(receive("A", "SZ", 10, "10.00", "USD"))),
        ["Dr 1300 100.00, Cr 2100 100.00"]
    );
    assert_eq!(
        entries(&h.run(receive("A", "SZ", 10, "20.00", "USD"))),
        ["Dr 1300 200.00, Cr 2100 200.00"]
    );
    assert_eq!(
        entries(&h.run(issue("A", "SZ", 15))),
        ["Dr 5000 200.00, Cr 1300 200.00"]
    );
    assert_eq!(
        entries(&h.run(adjust("A", "SZ", -1, "broken"))),
        ["Dr 5100 20.00, Cr 1300 20.00"]
    );
    assert_eq!(
        entries(&h.run(adjust("A", "SZ", 2, "found"))),
        ["Dr 1300 40.00, Cr 4200 40.00"]
    );
    // Moves change no value and post nothing.
    assert!(
        entries(&h.run(move_units(
            "A",
            "SZ",
            1,
            landed::stock::Bucket::Available,
            landed::stock::Bucket::Reserved
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
        entries(&out),
        ["Dr 1100 234.34, Cr 3000 78.11, Cr 3000 78.11, Cr 3000 78.11, Cr 7900 0.01"]
    );
    let e = &h.book.journal().last().unwrap().lines;
    let net: Decimal = e.iter().map(|l| l.debit - l.credit).sum();
    assert!(net.is_zero());
}

#[test]
fn reversing_every_entry_of_a_document_nets_to_zero() {
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
    for id in &ids {
        h.run(Command::ReverseEntry {
            entry: *id,
            date: d("2026-11-06"),
        });
    }
    let err = h
        .try_run(Command::ReverseEntry {
            entry: ids[0],
            date: d("2026-11-07"),
        })
        .unwrap_err();
    assert_eq!(err.code(), "ENTRY_STATE");
    let only = LineDimensions {
        document: Some("INV-5".into()),
        ..LineDimensions::default()
    };
    for line in h.book.trial_balance(d("2026-12-31"), Some(&only)).lines {
        assert!(line.balance.is_zero(), "{line:?}");
    }
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
        entries(&h.run(receive("A", "FBA-US", 2, "5.00", "USD"))),
        ["Dr 1320 10.00, Cr 2100 10.00"]
    );
    assert_eq!(
        entries(&h.run(receive("A", "SZ", 2, "5.00", "USD"))),
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
