//! Criterion benchmarks for `landed`; see `benches/benches/`.
//!
//! The library holds the workload generators the benchmarks share:
//! [`year`], a seller's year of business transactions.

pub mod year;
