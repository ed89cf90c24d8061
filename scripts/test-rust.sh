#!/usr/bin/env bash
# Rust: unit, property and doc tests of the core and of the shared JSON
# face, the JSON Schema drift check, and compile checks of the benchmarks
# (the binding crates are tested in their own languages).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p landed -p landed-json
cargo test -p landed --features schema --test schema
cargo build --benches -p landed-benches
