//! Criterion benchmarks for `landed`; see `benches/benches/`.
