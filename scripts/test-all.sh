#!/usr/bin/env bash
# Runs every test of the project: Rust, Python, Node, Kotlin (+ Swift drift
# check), then builds the Linux x86_64 release packages and tests them installed.
# Installs what each language needs on a fresh machine (venv, npm ci, Maven).
# Each language prints its own summary; the last line adds them up, and the
# script fails if any language fails.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# A run from a clean checkout gains nothing from incremental compilation, and
# its caches were about 2 GB of the build directory.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
failed=()
total_passed=0
total_failed=0

# Adds up the counts a language's test runners printed.
count() {
  local log="$1" p f
  p=$(grep -aoE 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
  f=$(grep -aoE 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | awk '{s+=$6} END {print s+0}')
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
  # pytest: "=== 160 passed, 1 skipped in 0.5s ===" / "2 failed, 158 passed"
  p=$(grep -aE '^=+ .*(passed|failed).* in [0-9.]+s' "$log" | grep -aoE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  f=$(grep -aE '^=+ .*(passed|failed).* in [0-9.]+s' "$log" | grep -aoE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
  # node --test: "ℹ pass 63" / "ℹ fail 0"
  p=$(grep -aoE '^ℹ pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  f=$(grep -aoE '^ℹ fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
  # Maven Surefire's closing summary (the line without "-- in <class>").
  local line
  line=$(grep -aE 'Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" | tail -1)
  if [ -n "$line" ]; then
    local run fl er sk
    run=$(sed -E 's/.*Tests run: ([0-9]+).*/\1/' <<<"$line")
    fl=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
    er=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
    sk=$(sed -E 's/.*Skipped: ([0-9]+).*/\1/' <<<"$line")
    total_passed=$((total_passed + run - fl - er - sk)); total_failed=$((total_failed + fl + er))
  fi
}

run() {
  local name="$1"; shift
  echo
  echo "=============================== $name ==============================="
  local start=$SECONDS
  if "$@" 2>&1 | tee "$logs/$name.log"; then
    echo "--- $name: ok ($((SECONDS - start)) s)"
  else
    echo "--- $name: FAILED ($((SECONDS - start)) s)"
    failed+=("$name")
  fi
  count "$logs/$name.log"
}

run rust bash scripts/test-rust.sh
run python bash scripts/test-python.sh
run node bash scripts/test-node.sh
run kotlin bash scripts/test-kotlin.sh
# The release artifacts (Linux x86_64 only), installed with no Rust toolchain
# on PATH and tested: scripts/package.sh --host-only + scripts/test-packages.sh.
package_dir="${CARGO_TARGET_DIR:-$root/target}/package-check"
run packages env LANDED_DIST="$package_dir" bash -c \
  'bash scripts/package.sh --host-only && bash scripts/test-packages.sh'

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED languages: ${failed[*]}"
  # A language that failed before its runner printed counts still fails the run.
  [ "$total_failed" -gt 0 ] || total_failed=${#failed[@]}
  echo "all: $total_passed passed, $total_failed failed"
  exit 1
fi
echo "all: $total_passed passed, $total_failed failed"
