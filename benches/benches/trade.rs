//! Purchasing and landed-cost benchmarks (issue: Purchasing, transfers
//! through transit, and landed cost).
//!
//! `cargo bench -p landed-benches --bench trade`
//!
//! * `trade/voucher_6_charges_10k_lines`: one landed-cost voucher of six
//!   charges (freight by chargeable weight, duty and insurance by value,
//!   handling by quantity, two more by weight and volume, in USD, EUR and
//!   CNY) over a 10,000-line container, with 30% of every line already
//!   sold: conversion, six exact allocations, the split of each line
//!   between stock and COGS, and its 20,006-line journal entry.
//! * `trade/allocate_6_charges_10k_lines`: the allocation alone, as the
//!   issue states it: six charges converted and allocated exactly over
//!   10,000 line bases with [`landed::landed_cost::allocate_charge`].
//! * `trade/receive_100k_lines`: 1,000 purchase receipts of 100 lines each
//!   (100,000 receipt lines) at the receipt date's rate, each line posting
//!   its Dr inventory / Cr GRNI voucher.
//! * `trade/landed_cost_after_{0,4000,16000}_transfers`: one landed-cost
//!   voucher on a purchase receipt line in a book that has already moved
//!   0, 4,000 or 16,000 transfers through transit (each received and its
//!   unit sold): the cost of a command must not grow with the transfers
//!   the book has held.

use std::hint::black_box;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use landed::book::command::{Command, Context};
use landed::book::{Book, BookConfig};
use landed::trade::{ChargeSpec, LineBasis, allocate_charge};
use landed::{Currency, Money, RoundingStrategy};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

struct Runner {
    book: Book,
    n: u64,
}

impl Runner {
    fn new(skus: usize) -> Self {
        let config = BookConfig::new(Currency::from_code("CNY").expect("CNY"));
        let mut r = Self {
            book: Book::new(config).expect("book"),
            n: 0,
        };
        r.run(json!({"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}));
        for i in 0..skus {
            r.run(
                json!({"type":"define_sku","code":format!("SKU-{i:05}"),"name":"item",
                "weight_kg": format!("{}.{}", 1 + i % 7, i % 10),
                "dimensions_cm":{"length":format!("{}", 10 + i % 30),"width":"20","height":"15"}}),
            );
        }
        r.run(json!({"type":"define_supplier","code":"F1","name":"Factory","currency":"USD"}));
        r.run(json!({"type":"record_rates","entries":[
            {"base":"USD","quote":"CNY","date":"2026-11-02","rate":"7.1234"},
            {"base":"EUR","quote":"CNY","date":"2026-11-02","rate":"7.8012"}]}));
        r
    }

    fn command(&mut self, value: Value) -> (Command, Context) {
        self.n += 1;
        let command = serde_json::from_value(value).expect("command");
        (
            command,
            Context::new(
                start() + Duration::seconds(self.n as i64),
                format!("c{}", self.n),
            ),
        )
    }

    fn run(&mut self, value: Value) {
        let (command, context) = self.command(value);
        self.book.execute(command, &context).expect("command");
    }
}

fn po(r: &mut Runner, po: &str, first_sku: usize, lines: usize, skus: usize) {
    let lines: Vec<Value> = (0..lines)
        .map(|i| {
            json!({"sku":format!("SKU-{:05}", (first_sku + i) % skus),"quantity":100,
                   "unit_price":{"amount":format!("{}.{:02}", 1 + i % 20, i % 100),"currency":"USD"},
                   "destination":"SZ"})
        })
        .collect();
    r.run(json!({"type":"create_purchase_order","po":po,"supplier":"F1","date":"2026-11-01","lines":lines}));
    r.run(json!({"type":"confirm_purchase_order","po":po}));
}

fn receipt(po: &str, receipt: &str, first_line: usize, lines: usize) -> Value {
    let lines: Vec<Value> = (first_line..first_line + lines)
        .map(|l| json!({"line": l + 1, "quantity": 100}))
        .collect();
    json!({"type":"receive_purchase_order","po":po,"receipt":receipt,"lines":lines})
}

const CONTAINER: usize = 10_000;

fn container() -> (Runner, Command, Context) {
    let mut r = Runner::new(CONTAINER);
    po(&mut r, "PO-1", 0, CONTAINER, CONTAINER);
    for chunk in 0..10 {
        let value = receipt("PO-1", "GRN-1", chunk * 1000, 1000);
        let value = json!({"type":"receive_purchase_order","po":"PO-1","receipt":format!("GRN-{chunk}"),
            "lines":value["lines"]});
        r.run(value);
    }
    for i in 0..CONTAINER {
        r.run(json!({"type":"issue","sku":format!("SKU-{i:05}"),"location":"SZ","quantity":30,"reason":"sale"}));
    }
    let targets: Vec<Value> = (0..CONTAINER)
        .map(|i| json!({"type":"receipt","receipt":format!("GRN-{}", i / 1000),"line":i + 1}))
        .collect();
    let charge = |description: &str, kind: &str, amount: &str, currency: &str, method: &str| {
        json!({"description":description,"kind":kind,"amount":{"amount":amount,"currency":currency},
               "account":"2200","method":method,"divisor":6000})
    };
    let (command, context) = r.command(
        json!({"type":"apply_landed_cost","voucher":"LC-1","date":"2026-11-02",
        "charges":[
            charge("Sea freight","freight","48250.00","USD","chargeable_weight"),
            charge("Import duty","duty","61234.56","EUR","value"),
            charge("Insurance","insurance","2150.00","USD","value"),
            charge("Handling","other","9999.99","CNY","quantity"),
            charge("Trucking","freight","3100.00","CNY","weight"),
            charge("Storage","other","777.77","CNY","volume")],
        "targets":targets}),
    );
    (r, command, context)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("trade");
    group.sample_size(10);

    let lines: Vec<LineBasis> = (0..CONTAINER)
        .map(|i| LineBasis {
            quantity: 100,
            value: Decimal::new(1_000 + (i as i64 * 37) % 9_000, 2) * Decimal::from(100),
            unit_weight_kg: Decimal::new(10 + (i as i64 % 70), 1),
            unit_volume_cm3: Decimal::from(3_000 + (i as i64 % 30) * 300),
        })
        .collect();
    let charges: Vec<(ChargeSpec, Decimal)> = [
        ("48250.00", "USD", "chargeable_weight", "7.1234"),
        ("61234.56", "EUR", "value", "7.8012"),
        ("2150.00", "USD", "value", "7.1234"),
        ("9999.99", "CNY", "quantity", "1"),
        ("3100.00", "CNY", "weight", "1"),
        ("777.77", "CNY", "volume", "1"),
    ]
    .iter()
    .map(|(amount, currency, method, rate)| {
        let spec: ChargeSpec = serde_json::from_value(json!({"description":"charge",
            "amount":{"amount":amount,"currency":currency},"account":"2200",
            "method":method,"divisor":6000}))
        .expect("charge");
        (spec, rate.parse().expect("rate"))
    })
    .collect();
    let cny = Currency::from_code("CNY").expect("CNY");
    group.bench_function("allocate_6_charges_10k_lines", |b| {
        b.iter(|| {
            for (charge, rate) in &charges {
                let converted = Money::new(
                    RoundingStrategy::HalfAwayFromZero.round(charge.amount.amount * rate, 2),
                    cny,
                );
                black_box(allocate_charge(&converted, charge, &lines, false).expect("allocate"));
            }
        });
    });

    let (runner, command, context) = container();
    group.bench_function("voucher_6_charges_10k_lines", |b| {
        b.iter_batched(
            || runner.book.clone(),
            |mut book| {
                let outcome = book.execute(command.clone(), &context).expect("voucher");
                // Returned, so dropping the book is not timed.
                (book, black_box(outcome))
            },
            BatchSize::LargeInput,
        );
    });

    const RECEIPTS: usize = 1_000;
    const LINES: usize = 100;
    let mut r = Runner::new(LINES * 10);
    for p in 0..RECEIPTS {
        po(&mut r, &format!("PO-{p}"), p * LINES, LINES, LINES * 10);
    }
    let receipts: Vec<(Command, Context)> = (0..RECEIPTS)
        .map(|p| {
            let value = receipt(&format!("PO-{p}"), &format!("GRN-{p}"), 0, LINES);
            r.command(value)
        })
        .collect();
    group.throughput(criterion::Throughput::Elements((RECEIPTS * LINES) as u64));
    group.bench_function("receive_100k_lines", |b| {
        b.iter_batched(
            || (r.book.clone(), receipts.clone()),
            |(mut book, receipts)| {
                for (command, context) in receipts {
                    black_box(book.execute(command, &context).expect("receipt"));
                }
                book
            },
            BatchSize::LargeInput,
        );
    });
    for transfers in [0, 4_000, 16_000] {
        let mut r = after_transfers(transfers);
        group.throughput(criterion::Throughput::Elements(1));
        group.sample_size(20);
        // Each sample lands its vouchers on a copy of the book (copied
        // before the clock starts), one per receipt line in turn, so no line
        // piles up vouchers.
        let mut next = 0usize;
        group.bench_function(format!("landed_cost_after_{transfers}_transfers"), |b| {
            b.iter_custom(|iters| {
                let mut book = r.book.clone();
                let commands: Vec<(Command, Context)> = (0..iters)
                    .map(|_| {
                        next += 1;
                        r.command(json!({"type":"apply_landed_cost","voucher":format!("LC-{next}"),
                            "date":"2026-11-03","charges":[{"description":"freight","kind":"freight",
                            "amount":{"amount":"10.00","currency":"CNY"},"account":"2200","method":"quantity"}],
                            "targets":[{"type":"receipt","receipt":"GRN-X","line":1 + next % RECEIPT_LINES}]}))
                    })
                    .collect();
                let started = std::time::Instant::now();
                for (command, context) in &commands {
                    land_one(&mut book, command, context);
                }
                started.elapsed()
            })
        });
    }
    group.finish();
}

/// Lines of the receipt the measured vouchers land on.
const RECEIPT_LINES: usize = 1_000;

/// The measured command, named so that profilers can find it.
#[inline(never)]
fn land_one(book: &mut Book, command: &Command, context: &Context) {
    black_box(book.execute(command, context).expect("landed cost"));
}

/// A book that has moved `transfers` transfers of one unit from Shenzhen to
/// Hamburg (created, approved, shipped, received and sold), then received
/// a purchase order of [`RECEIPT_LINES`] lines (`GRN-X`) for landed cost to
/// land on.
fn after_transfers(transfers: usize) -> Runner {
    let mut r = Runner::new(1);
    r.run(json!({"type":"define_location","code":"DE","name":"Hamburg","kind":"third_party"}));
    r.run(
        json!({"type":"receive","sku":"SKU-00000","location":"SZ","quantity":100_000,
        "unit_cost":{"amount":"12.00","currency":"CNY"}}),
    );
    for t in 0..transfers {
        let transfer = format!("T-{t}");
        r.run(
            json!({"type":"create_transfer","transfer":transfer,"source":"SZ","destination":"DE",
            "lines":[{"sku":"SKU-00000","quantity":1}]}),
        );
        r.run(json!({"type":"approve_transfer","transfer":transfer}));
        r.run(json!({"type":"ship_transfer","transfer":transfer}));
        r.run(json!({"type":"receive_transfer","transfer":transfer,"lines":[{"line":1,"accepted":1}]}));
        r.run(
            json!({"type":"issue","sku":"SKU-00000","location":"DE","quantity":1,"reason":"sale"}),
        );
    }
    po(&mut r, "PO-X", 0, RECEIPT_LINES, 1);
    r.run(receipt("PO-X", "GRN-X", 0, RECEIPT_LINES));
    r
}

criterion_group!(benches, bench);
criterion_main!(benches);
