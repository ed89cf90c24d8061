#!/usr/bin/env bash
# Node: install the pinned dev tools (npm ci: napi CLI, TypeScript), run the
# binding's Rust unit tests, check that the committed types.d.ts matches what
# tools/gen-types.js generates from docs/schema, build the addon with
# `napi build --platform` into the workspace target dir, check that the
# committed index.d.ts and index.js match what the build generates,
# type-check the declarations with tsc, then run the tests with node's
# built-in runner. Works from any cwd on a fresh clone.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/bindings-node"

# @napi-rs/cli 3 needs Node >= 20.17; say so plainly instead of failing later.
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number)
  if (major < 20 || (major === 20 && minor < 17)) {
    console.error(`Node >= 20.17 is required, found ${process.version}`)
    process.exit(1)
  }'

npm ci --no-audit --no-fund

# The binding's own Rust helpers (the decimal-field and filter-key checks of
# src/book.rs) have unit tests; no other script runs them.
cargo test -p landed-node --lib --quiet

# The book's TypeScript types are generated from the JSON Schemas of the core
# types (docs/schema); a stale copy fails here.
node tools/gen-types.js --check

# The build rewrites index.d.ts and index.js in place: keep the committed
# copies to compare against.
committed="$(mktemp -d)"
trap 'rm -rf "$committed"' EXIT
cp index.d.ts index.js "$committed/"

# --target-dir keeps the artifacts in the workspace target/ (or
# $CARGO_TARGET_DIR when set; napi passes --target, so they land in
# <target dir>/<host triple>/debug).
./node_modules/.bin/napi build --platform --target-dir "${CARGO_TARGET_DIR:-$root/target}"

drift=0
for generated in index.d.ts index.js; do
  if ! diff -u "$committed/$generated" "$generated"; then
    echo "bindings-node/$generated differs from the generated one (diff above)." >&2
    drift=1
  fi
done
if [ "$drift" -ne 0 ]; then
  echo "Regenerated files were left in place: review them and commit." >&2
  exit 1
fi
echo "index.d.ts and index.js match the generated bindings"

# The declarations are valid TypeScript and type the book as the tests use it
# (__test__/types-check.ts, with @ts-expect-error cases that must stay errors).
./node_modules/.bin/tsc -p tsconfig.json
echo "index.d.ts and types.d.ts type-check"

# The spec reporter ends with the runner's summary (tests / pass / fail).
node --test --test-reporter=spec __test__/*.test.js __test__/*.test.mjs
