//! Money and FX benchmarks (issue: Foundations).
//!
//! `cargo bench -p landed-benches --bench money_fx`
//!
//! * `convert/*`: one conversion against a book holding the full ECB history
//!   (about 290k rates) when `LANDED_ECB_HISTORY` names the ECB's
//!   `eurofxref-hist.csv`, else the committed 60-day sample.
//! * `allocate/10000`: one amount over 10,000 weights.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use landed::fx::{LookupPolicy, RateBook, RateType};
use landed::{Currency, Money, RoundingStrategy};
use rust_decimal::Decimal;

fn load_book() -> RateBook {
    let root = env!("CARGO_MANIFEST_DIR");
    let sample = format!("{root}/../tests/data/ecb-sample.csv");
    let full = std::env::var("LANDED_ECB_HISTORY").unwrap_or_default();
    let text = std::fs::read_to_string(&full)
        .or_else(|_| std::fs::read_to_string(&sample))
        .expect("an ECB rate file");
    let mut book = RateBook::with_pivot(Currency::from_code("EUR").expect("EUR"));
    let summary = book.load_ecb_csv(&text, RateType::Spot).expect("load");
    eprintln!("rate book: {} rates over {} days", book.len(), summary.days);
    book
}

fn convert(c: &mut Criterion) {
    let book = load_book();
    let cur = |code| Currency::from_code(code).expect("currency");
    let day = NaiveDate::from_ymd_opt(2026, 10, 27).expect("date");
    let policy = LookupPolicy::LatestWithin { max_age_days: 7 };
    let cases = [
        (
            "direct_eur_usd",
            Money::parse("1234.56", "EUR").expect("m"),
            cur("USD"),
        ),
        (
            "inverse_usd_eur",
            Money::parse("1234.56", "USD").expect("m"),
            cur("EUR"),
        ),
        (
            "triangulated_usd_cny",
            Money::parse("1234.56", "USD").expect("m"),
            cur("CNY"),
        ),
    ];
    let mut group = c.benchmark_group("convert");
    for (name, amount, to) in cases {
        group.bench_function(name, |b| {
            b.iter(|| {
                book.convert(
                    black_box(&amount),
                    black_box(to),
                    black_box(day),
                    RateType::Spot,
                    policy,
                    RoundingStrategy::HalfAwayFromZero,
                )
            })
        });
    }
    group.finish();
}

fn allocate(c: &mut Criterion) {
    let total = Money::parse("98765.43", "USD").expect("m");
    // Weights that look like line values: varied, with decimals.
    let weights: Vec<Decimal> = (0..10_000u32)
        .map(|i| Decimal::new(i64::from((i * 7919) % 100_000 + 1), 2))
        .collect();
    c.bench_function("allocate/10000", |b| {
        b.iter(|| landed::money::allocate(black_box(&total), black_box(&weights)))
    });
}

criterion_group!(benches, convert, allocate);
criterion_main!(benches);
