#!/usr/bin/env bash
# Rust: unit, property and doc tests of the core, plus compile checks of the
# binding crates and the benchmarks (their own tests run in their languages).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p landed
cargo build --benches -p landed-benches
