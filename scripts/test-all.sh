#!/usr/bin/env bash
# Runs every test of the project: Rust, Python, Node, Kotlin (+ Swift drift check).
# Installs what each language needs on a fresh machine (venv, npm ci, Maven).
# Each language prints its own summary; this script fails if any language fails.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

failed=()
run() {
  local name="$1"; shift
  echo
  echo "=============================== $name ==============================="
  local start=$SECONDS
  if "$@"; then
    echo "--- $name: ok ($((SECONDS - start)) s)"
  else
    echo "--- $name: FAILED ($((SECONDS - start)) s)"
    failed+=("$name")
  fi
}

run rust bash scripts/test-rust.sh
run python bash scripts/test-python.sh
run node bash scripts/test-node.sh
run kotlin bash scripts/test-kotlin.sh

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED languages: ${failed[*]}"
  exit 1
fi
echo "all languages passed: rust python node kotlin"
