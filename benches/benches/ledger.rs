//! Ledger benchmarks (issue: Ledger posting).
//!
//! `cargo bench -p landed-benches --bench ledger`
//!
//! * `ledger/trial_balance_10m_lines`: a trial balance over a journal of
//!   10,000,000 lines (20,000 entries of 500 lines, 60 accounts, 250 days).
//!
//! The throughput of stock commands with and without posting is in the
//! `book` benchmark (`book/execute_1m` and `book/execute_1m_no_ledger`).

use std::hint::black_box;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use landed::Currency;
use landed::book::command::{Command, Context, ManualEntry, ManualLine};
use landed::book::{Book, BookConfig};
use landed::ledger::{Account, AccountType, ChartSpec, LedgerSetup, LineDimensions};
use rust_decimal::Decimal;

const ENTRIES: usize = 20_000;
const LINES_PER_ENTRY: usize = 500;
const EXTRA_ACCOUNTS: usize = 60;

fn journal_book() -> Book {
    let mut chart = ChartSpec::standard();
    for i in 0..EXTRA_ACCOUNTS {
        chart.accounts.push(Account {
            code: format!("8{i:03}"),
            name: format!("Analysis account {i}"),
            account_type: if i % 2 == 0 {
                AccountType::Expense
            } else {
                AccountType::Revenue
            },
            currency: None,
        });
    }
    let mut config = BookConfig::new(Currency::from_code("USD").expect("USD"));
    config.ledger = LedgerSetup::Custom(chart);
    let mut book = Book::new(config).expect("book");
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let at = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("time");
    for e in 0..ENTRIES {
        let date = start + Duration::days((e % 250) as i64);
        // 250 debits and 250 credits of the same amounts, spread over accounts.
        let lines = (0..LINES_PER_ENTRY)
            .map(|l| {
                let amount = Decimal::new(((e * 31 + l / 2 * 17) % 100_000 + 1) as i64, 2);
                let debit = l % 2 == 0;
                ManualLine {
                    account: format!("8{:03}", (e + l) % EXTRA_ACCOUNTS),
                    debit: debit.then_some(amount),
                    credit: (!debit).then_some(amount),
                    amount: None,
                    rate: None,
                    dimensions: LineDimensions::default(),
                }
            })
            .collect();
        let command = Command::PostEntry(ManualEntry {
            date,
            memo: format!("allocation run {e}"),
            document: None,
            lines,
        });
        book.execute(command, &Context::new(at, format!("je-{e}")))
            .expect("entry");
    }
    book
}

fn bench(c: &mut Criterion) {
    let book = journal_book();
    let lines: usize = book.journal().iter().map(|e| e.lines.len()).sum();
    assert_eq!(lines, ENTRIES * LINES_PER_ENTRY);
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    let tb = book.trial_balance(as_of, None);
    assert_eq!(tb.total_debit, tb.total_credit);
    eprintln!(
        "journal: {lines} lines, {} accounts with postings",
        tb.lines.len()
    );
    c.bench_function("ledger/trial_balance_10m_lines", |b| {
        b.iter(|| book.trial_balance(black_box(as_of), None))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
