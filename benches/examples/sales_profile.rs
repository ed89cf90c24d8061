//! Profiling driver for the sales workload (issue 13): builds a seller's
//! book, then ingests and ships N order lines (default 20,000), the
//! commands built before execution. Run under callgrind with
//! `--toggle-collect` on `Book::execute` to count instructions per line.
//!
//! Prints the lines per second of the execution alone. `KEEP_EVENTS=0`
//! runs a book without its in-memory log (which then hashes its events
//! itself, as no host writes them here).
//!
//! `cargo run --release -p landed-benches --example sales_profile -- 20000`

use chrono::{DateTime, Duration, TimeZone, Utc};
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
        let keep = std::env::var("KEEP_EVENTS").map_or(true, |v| v != "0");
        let config = BookConfig::new(Currency::from_code("USD").expect("USD")).keep_events(keep);
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
}

/// With `--features jemalloc`, jemalloc is the process allocator: glibc's
/// malloc slows as a long run's frees fragment its heap (docs/benchmarks.md).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let lines: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let mut seller = Seller::new();
    let orders: Vec<_> = (0..lines / LINES_PER_ORDER)
        .map(|_| seller.next_order())
        .collect();
    let started = std::time::Instant::now();
    for [ingest, ship] in orders {
        std::hint::black_box(seller.book.execute(ingest.0, &ingest.1).expect("ingests"));
        std::hint::black_box(seller.book.execute(ship.0, &ship.1).expect("ships"));
    }
    let elapsed = started.elapsed();
    println!(
        "{} lines, version {}, {:.0} lines/s",
        lines,
        seller.book.version(),
        lines as f64 / elapsed.as_secs_f64()
    );
    if std::env::var_os("DUMP_EVENTS").is_some() {
        let events = seller.book.events();
        let tail = &events[events.len().saturating_sub(12)..];
        println!("{}", serde_json::to_string_pretty(tail).expect("json"));
    }
}
