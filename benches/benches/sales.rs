//! Selling benchmarks (issue 13: Selling).
//!
//! `cargo bench -p landed-benches --bench sales`
//!
//! * `sales/order_lines_after_{0,10000,100000}_lines`: ingesting, routing
//!   and reserving, then shipping (cost of goods sold, revenue, tax and the
//!   channel receivable as an open item) orders of four lines, in a book
//!   that has already sold 0, 10,000 or 100,000 order lines the same way.
//!   Criterion reports the time of one order line (both commands, divided
//!   by the four lines): it must not grow with the orders the book holds.
//!   The measured orders stay in the book, so it also grows by criterion's
//!   iterations (some 100,000 orders in five seconds) while it measures.
//! * `sales/workload_{100000,1000000}_lines`: the whole workload of issue
//!   13: a fresh book (SKUs, listings and stock, no orders) ingests,
//!   reserves and ships 100,000 or 1,000,000 order lines (orders of four
//!   lines, each ingested then shipped). Criterion reports lines per
//!   second; the two figures compare the cost of a line in a book of 100k
//!   and of 1M lines. The commands are built outside the timed part, a
//!   thousand orders at a time, and the book is dropped outside it too.
//!   Run it alone with `cargo bench -p landed-benches --bench sales --
//!   workload` (the 1M case takes some minutes and several GB of memory).

use std::hint::black_box;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use landed::Currency;
use landed::book::command::{Command, Context};
use landed::book::{Book, BookConfig};
use serde_json::{Value, json};

const SKUS: usize = 100;
const LINES_PER_ORDER: usize = 4;

struct Seller {
    book: Book,
    n: u64,
    orders: u64,
    at: DateTime<Utc>,
}

impl Seller {
    fn new() -> Self {
        let config = BookConfig::new(Currency::from_code("USD").expect("USD"));
        let at = Utc
            .with_ymd_and_hms(2026, 11, 2, 0, 0, 0)
            .single()
            .unwrap_or_default();
        let mut s = Self {
            book: Book::new(config).expect("book"),
            n: 0,
            orders: 0,
            at,
        };
        s.run(json!({"type":"define_location","code":"LA","name":"3PL Los Angeles","kind":"third_party"}));
        s.run(json!({"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}));
        s.run(json!({"type":"define_channel","code":"shop-us","name":"Shopify US","kind":"shopify",
            "currency":"USD","split_lines":true,"locations":[{"location":"LA","country":"US"},{"location":"SZ"}]}));
        for i in 0..SKUS {
            let sku = format!("SKU-{i:03}");
            s.run(json!({"type":"define_sku","code":sku,"name":"item"}));
            s.run(json!({"type":"define_listing","channel":"shop-us","listing":format!("v-{i}"),"sku":sku}));
            for location in ["LA", "SZ"] {
                s.run(json!({"type":"receive","sku":sku,"location":location,"quantity":1_000_000_000i64,
                    "unit_cost":{"amount":"7.50","currency":"USD"}}));
            }
        }
        s
    }

    fn command(&mut self, value: Value) -> (Command, Context) {
        self.n += 1;
        let context = Context::new(
            self.at + Duration::seconds(self.n as i64),
            format!("c{}", self.n),
        );
        (serde_json::from_value(value).expect("command"), context)
    }

    fn run(&mut self, value: Value) {
        let (command, context) = self.command(value);
        self.book.execute(command, &context).expect("runs");
    }

    /// The ingest and the shipment of the next order.
    fn next_order(&mut self) -> [(Command, Context); 2] {
        self.orders += 1;
        let order = format!("#{}", self.orders);
        let first = (self.orders as usize * LINES_PER_ORDER) % SKUS;
        let lines: Vec<Value> = (0..LINES_PER_ORDER)
            .map(|l| {
                json!({"line":format!("{l}"),"listing":format!("v-{}", (first + l) % SKUS),
                    "quantity":1 + l,"unit_price":"19.99","discount":"1.00","shipping":"2.50","tax":"1.60"})
            })
            .collect();
        let ingest = self.command(
            json!({"type":"ingest_sales_order","channel":"shop-us","order":order,
            "date":"2026-11-20","ship_to_country":"US","lines":lines}),
        );
        let ship = self.command(
            json!({"type":"ship_sales_order","channel":"shop-us","order":order,
            "shipment":format!("S{}", self.orders)}),
        );
        [ingest, ship]
    }

    fn sell(&mut self, lines: usize) {
        for _ in 0..lines / LINES_PER_ORDER {
            for (command, context) in self.next_order() {
                self.book.execute(command, &context).expect("sells");
            }
        }
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("sales");
    group.sample_size(10);
    group.measurement_time(StdDuration::from_secs(5));
    group.throughput(Throughput::Elements(LINES_PER_ORDER as u64));
    for before in [0usize, 10_000, 100_000] {
        let mut seller = Seller::new();
        seller.sell(before);
        group.bench_function(format!("order_lines_after_{before}_lines"), |b| {
            b.iter_custom(|iterations| {
                // Commands are built outside the timed part; the book grows
                // by the orders measured, a small share of `before`.
                let orders: Vec<_> = (0..iterations).map(|_| seller.next_order()).collect();
                let started = Instant::now();
                for [ingest, ship] in orders {
                    black_box(seller.book.execute(ingest.0, &ingest.1).expect("ingests"));
                    black_box(seller.book.execute(ship.0, &ship.1).expect("ships"));
                }
                started.elapsed()
            });
        });
    }
    group.finish();
}

/// Orders built per untimed batch of the workload benchmark.
const BATCH_ORDERS: usize = 1_000;

/// Ingests and ships `lines` order lines in `seller`'s book; returns the
/// time spent executing (command building excluded).
fn workload(seller: &mut Seller, lines: usize) -> StdDuration {
    let mut elapsed = StdDuration::ZERO;
    let mut left = lines / LINES_PER_ORDER;
    while left > 0 {
        let batch = left.min(BATCH_ORDERS);
        left -= batch;
        let orders: Vec<_> = (0..batch).map(|_| seller.next_order()).collect();
        let started = Instant::now();
        for [ingest, ship] in orders {
            black_box(seller.book.execute(ingest.0, &ingest.1).expect("ingests"));
            black_box(seller.book.execute(ship.0, &ship.1).expect("ships"));
        }
        elapsed += started.elapsed();
    }
    elapsed
}

fn bench_workload(c: &mut Criterion) {
    let mut group = c.benchmark_group("sales");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(StdDuration::from_millis(1));
    group.measurement_time(StdDuration::from_secs(1));
    for lines in [100_000usize, 1_000_000] {
        group.throughput(Throughput::Elements(lines as u64));
        group.bench_function(format!("workload_{lines}_lines"), |b| {
            b.iter_custom(|iterations| {
                let mut total = StdDuration::ZERO;
                for _ in 0..iterations {
                    // A fresh book each time: stock and listings, no orders.
                    let mut seller = Seller::new();
                    total += workload(&mut seller, lines);
                    drop(black_box(seller));
                }
                total
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_workload);
criterion_main!(benches);
