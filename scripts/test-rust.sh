#!/usr/bin/env bash
# Rust: unit, property and doc tests of the core, of the shared JSON face
# of the SQLite store (its crash tests run this test binary again as a
# child process), of the connectors and of the `landed` command (its tests
# run the binary), the JSON Schema drift check, and compile checks of the benchmarks
# (the binding crates are tested in their own languages), and the bar for
# examples in the core's documentation (scripts/doc-coverage.py).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/doc-coverage.py --check
cargo test -p landed -p landed-json -p landed-store -p landed-connect -p landed-cli
cargo test -p landed --features schema --test schema
cargo build --benches -p landed-benches
