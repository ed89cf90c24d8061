//! Available-to-sell benchmarks (issue 15, part 1).
//!
//! `cargo bench -p landed-benches --bench available`
//!
//! A book with 20,000 SKUs and 5,000 bundles (a pair of SKUs each), each
//! listed on two channels (a web shop served by two warehouses, a
//! marketplace served by one of them and its FBA location): 50,000
//! listings, every one pushed and acknowledged. Then 10,000 new events
//! (bucket moves, one event each, on SKUs spread over the catalogue).
//!
//! * `available/push_list_after_10000_events`: the push list
//!   (`Book::stock_to_push`), which computes the listings those events
//!   touched and no other;
//! * `available/acknowledge_after_10000_events`: acknowledging that list
//!   (`AcknowledgeStockPush`), which folds the figures into the index;
//! * `available/full_recomputation`: every listing from scratch
//!   (`Book::listings_available`), for comparison.

use std::hint::black_box;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use landed::Currency;
use landed::book::command::{Command, Context};
use landed::book::{Book, BookConfig};
use serde_json::{Value, json};

const SKUS: usize = 20_000;
const BUNDLES: usize = 5_000;
const EVENTS: usize = 10_000;

struct Seller {
    book: Book,
    n: u64,
    at: DateTime<Utc>,
}

impl Seller {
    fn run(&mut self, value: Value) {
        let command: Command = serde_json::from_value(value).expect("command");
        self.execute(command);
    }

    fn execute(&mut self, command: Command) {
        self.n += 1;
        let context = Context::new(
            self.at + Duration::seconds(self.n as i64),
            format!("c{}", self.n),
        );
        self.book.execute(command, &context).expect("runs");
    }

    fn acknowledge(&mut self) {
        let ack = acknowledge_all(&self.book);
        self.execute(ack);
    }
}

/// The acknowledgement of the whole push list.
fn acknowledge_all(book: &Book) -> Command {
    let pushes = book.stock_to_push(None).expect("push list");
    Command::acknowledge_stock_push(pushes.iter().map(|p| p.acknowledged()))
}

fn seller() -> Seller {
    let config = BookConfig::new(Currency::from_code("USD").expect("USD"));
    let at = Utc
        .with_ymd_and_hms(2026, 11, 2, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let mut s = Seller {
        book: Book::new(config).expect("book"),
        n: 0,
        at,
    };
    s.run(json!({"type":"define_location","code":"EAST","name":"3PL East","kind":"third_party"}));
    s.run(json!({"type":"define_location","code":"WEST","name":"3PL West","kind":"third_party"}));
    s.run(json!({"type":"define_location","code":"FBA","name":"Amazon US","kind":"fba"}));
    s.run(
        json!({"type":"define_channel","code":"web","name":"Web shop","kind":"own_site",
        "currency":"USD","locations":[{"location":"EAST"},{"location":"WEST"}]}),
    );
    s.run(
        json!({"type":"define_channel","code":"amazon","name":"Amazon US","kind":"amazon",
        "currency":"USD","locations":[{"location":"WEST"}],"fba_location":"FBA"}),
    );
    for i in 0..SKUS {
        let sku = format!("SKU-{i:05}");
        s.run(json!({"type":"define_sku","code":sku,"name":"item"}));
        for channel in ["web", "amazon"] {
            s.run(json!({"type":"define_listing","channel":channel,"listing":format!("{sku}-{channel}"),"sku":sku}));
        }
        for location in ["EAST", "WEST", "FBA"] {
            s.run(
                json!({"type":"receive","sku":sku,"location":location,"quantity":1000,
                "unit_cost":{"amount":"7.50","currency":"USD"}}),
            );
        }
    }
    for i in 0..BUNDLES {
        let bundle = format!("SET-{i:05}");
        s.run(
            json!({"type":"define_bundle","code":bundle,"name":"set","components":[
            {"sku":format!("SKU-{:05}", 2 * i),"quantity":1},
            {"sku":format!("SKU-{:05}", 2 * i + 1),"quantity":2}]}),
        );
        for channel in ["web", "amazon"] {
            s.run(json!({"type":"define_listing","channel":channel,"listing":format!("{bundle}-{channel}"),"bundle":bundle}));
        }
    }
    s.acknowledge();
    assert!(s.book.stock_to_push(None).expect("push list").is_empty());
    s
}

/// 10,000 bucket moves on SKUs spread over the catalogue (a step prime
/// to the catalogue's size), one event each.
fn new_events(s: &mut Seller) {
    for k in 0..EVENTS {
        let sku = format!("SKU-{:05}", (k * 7919) % SKUS);
        let location = ["EAST", "WEST", "FBA"][k % 3];
        let (from, to) = if k % 2 == 0 {
            ("available", "reserved")
        } else {
            ("available", "damaged")
        };
        s.run(
            json!({"type":"move","sku":sku,"location":location,"quantity":1 + k % 5,
            "from":from,"to":to}),
        );
    }
}

fn bench(c: &mut Criterion) {
    let mut s = seller();
    let listings = s.book.listings_available(None).expect("listings").len();
    assert_eq!(listings, 2 * (SKUS + BUNDLES));
    let events = s.book.events_recorded();
    new_events(&mut s);
    assert_eq!(s.book.events_recorded() - events, EVENTS as u64);
    let changes = s.book.stock_to_push(None).expect("push list").len();
    eprintln!("{listings} listings, {EVENTS} new events, {changes} listings to push");

    let mut group = c.benchmark_group("available");
    group.sample_size(20);
    group.measurement_time(StdDuration::from_secs(5));
    group.bench_function("push_list_after_10000_events", |b| {
        b.iter(|| black_box(s.book.stock_to_push(None).expect("push list")));
    });
    group.bench_function("acknowledge_after_10000_events", |b| {
        b.iter_batched(
            || (s.book.clone(), acknowledge_all(&s.book)),
            |(mut book, ack)| {
                let context = Context::new(s.at, "ack");
                black_box(book.execute(ack, &context).expect("acknowledged"));
                book
            },
            BatchSize::LargeInput,
        );
    });
    group.bench_function("full_recomputation", |b| {
        b.iter(|| black_box(s.book.listings_available(None).expect("listings")));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
