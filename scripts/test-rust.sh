#!/usr/bin/env bash
# Rust: unit, property and doc tests of the core, of the shared JSON face,
# of the store on SQLite and on PostgreSQL (its crash tests run this test
# binary again as a child process), of the connectors and of the `landed`
# command (its tests run the binary), the JSON Schema drift check, and
# compile checks of the benchmarks (the binding crates are tested in their
# own languages), and the bar for examples in the core's documentation
# (scripts/doc-coverage.py).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/doc-coverage.py --check
# The store's tests run on SQLite and on PostgreSQL. Unless
# LANDED_TEST_PG_URL already names a server, scripts/pg-test-server.sh
# starts a throw-away one for them (installing PostgreSQL if it is missing)
# and stops it afterwards; LANDED_REQUIRE_PG=1 makes the PostgreSQL tests
# fail, not skip, if no server is there.
tests=(cargo test -p landed -p landed-json -p landed-store -p landed-connect -p landed-cli)
if [ -n "${LANDED_TEST_PG_URL:-}" ]; then
    LANDED_REQUIRE_PG=1 "${tests[@]}"
else
    bash scripts/pg-test-server.sh run -- env LANDED_REQUIRE_PG=1 "${tests[@]}"
fi
cargo test -p landed --features schema --test schema
cargo build --benches -p landed-benches
