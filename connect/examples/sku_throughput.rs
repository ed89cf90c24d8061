//! Measures the SKU importer: maps a generated CSV of N SKUs (default
//! 100,000) and executes the commands in one all-or-nothing batch on an
//! in-memory book, timing each step.
//!
//! `cargo run --release -p landed-connect --example sku_throughput [N]`

use std::fmt::Write as _;
use std::time::Instant;

use landed::book::BatchMode;
use landed::{Book, BookConfig, Currency};
use landed_connect::import::{Kind, map_csv};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let mut csv = String::from("code,name,weight_kg,length_cm,width_cm,height_cm,category\n");
    for i in 0..n {
        let _ = writeln!(
            csv,
            "SKU-{i:06},Item {i},{}.{:02},{},{},{},cat-{}",
            i % 7,
            i % 100,
            10 + i % 40,
            5 + i % 30,
            2 + i % 20,
            i % 12
        );
    }
    let at = "2026-01-01T00:00:00Z".parse()?;
    let started = Instant::now();
    let mapped = map_csv(Kind::Skus, "skus.csv", &csv, at)?;
    let mapping = started.elapsed();
    let mut book = Book::new(BookConfig::new(Currency::from_code("CNY")?))?;
    let started = Instant::now();
    let results = book.execute_batch(
        mapped.into_iter().map(|m| (m.command, m.context)),
        BatchMode::AllOrNothing,
    );
    let executing = started.elapsed();
    let refused = results.iter().filter(|r| r.is_err()).count();
    let total = mapping + executing;
    println!(
        "{n} SKU rows ({} bytes): map {:.3} s, execute {:.3} s, total {:.3} s = {:.0} rows/s; refused {refused}",
        csv.len(),
        mapping.as_secs_f64(),
        executing.as_secs_f64(),
        total.as_secs_f64(),
        n as f64 / total.as_secs_f64()
    );
    Ok(())
}
