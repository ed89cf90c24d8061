//! A seller's year (issue 14): the workload of `landed_benches::year`.
//!
//! `cargo bench -p landed-benches --bench year`
//!
//! * `year/execute_{10000,100000}`: a fresh book executes every command of
//!   a year of 10,000 or 100,000 business transactions (master data, rates,
//!   purchase orders, transfers, landed cost, sales orders, returns,
//!   refunds, fees, settlements, payouts, revaluations), each posting its
//!   vouchers. The commands are generated outside the timed part, and the
//!   book is dropped outside it. Throughput: commands.
//! * `year/replay_{N}`: that year's event log replayed into a new book
//!   (`Book::replay`). Throughput: events.
//! * `year/reports_{N}`: the reports of the year-end book: trial balance,
//!   valuation, profit by month and by SKU, stock of a SKU, open items,
//!   goods in transit and landed cost. Throughput: one set of reports.
//! * `year/planning_{N}`: the morning planning run on the year-end book:
//!   replenishment over every SKU and location (90-day demand from the
//!   sales history, lead times, suggestions, alerts, profit beside days of
//!   supply) and the inventory-health alerts. Throughput: one run.
//!
//! With `LANDED_YEAR_1M=1` the three run at 1,000,000 transactions too
//! (minutes, and several GB of memory).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use landed::book::Book;
use landed::report::{InventoryAlertsQuery, ProfitGroup, ProfitQuery, ReplenishmentQuery};
use landed_benches::year::{YearSpec, seller_year};

fn sizes() -> Vec<usize> {
    let mut sizes = vec![10_000, 100_000];
    if std::env::var("LANDED_YEAR_1M").is_ok_and(|v| v == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

fn reports(book: &Book) -> usize {
    let from = landed::parse_date("2026-01-01").expect("date");
    let to = landed::parse_date("2026-12-31").expect("date");
    let mut n = 0;
    n += black_box(book.trial_balance(to, None)).lines.len();
    n += black_box(book.valuation(None).expect("valuation")).len();
    for group in [ProfitGroup::Month, ProfitGroup::Sku, ProfitGroup::Channel] {
        let query = ProfitQuery::new(from, to, group);
        n += black_box(book.profit(&query).expect("profit")).lines.len();
    }
    n += black_box(book.stock("SKU-0001").expect("stock"))
        .positions
        .len();
    n += black_box(book.open_items(to)).len();
    n += black_box(book.in_transit(to).expect("in transit"))
        .shipments
        .len();
    n += black_box(book.landed_cost(None).expect("landed cost"))
        .lines
        .len();
    n
}

fn planning(book: &Book) -> usize {
    let as_of = landed::parse_date("2026-12-31").expect("date");
    let query = ReplenishmentQuery::new(as_of);
    let plan = black_box(book.replenishment(&query).expect("replenishment"));
    let alerts = black_box(
        book.inventory_alerts(&InventoryAlertsQuery::new(as_of))
            .expect("alerts"),
    );
    plan.lines.len() + plan.suggestions.len() + alerts.alerts.len()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("year");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(1));
    group.measurement_time(Duration::from_secs(1));
    for n in sizes() {
        let year = seller_year(YearSpec {
            transactions: n,
            seed: 2026,
        });
        let commands = &year.commands;
        group.throughput(Throughput::Elements(commands.len() as u64));
        group.bench_function(format!("execute_{n}"), |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let mut book = Book::new(year.config.clone()).expect("book");
                    let started = Instant::now();
                    for (command, context) in commands {
                        black_box(book.execute(command, context).expect("a year runs"));
                    }
                    total += started.elapsed();
                    drop(black_box(book));
                }
                total
            });
        });
        let mut book = Book::new(year.config.clone()).expect("book");
        for (command, context) in commands {
            book.execute(command, context).expect("a year runs");
        }
        let events = book.events().to_vec();
        group.throughput(Throughput::Elements(events.len() as u64));
        group.bench_function(format!("replay_{n}"), |b| {
            b.iter_with_large_drop(|| {
                Book::replay(year.config.clone(), black_box(&events)).expect("replays")
            })
        });
        group.throughput(Throughput::Elements(1));
        group.bench_function(format!("reports_{n}"), |b| b.iter(|| reports(&book)));
        group.bench_function(format!("planning_{n}"), |b| b.iter(|| planning(&book)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
