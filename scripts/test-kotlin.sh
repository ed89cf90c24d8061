#!/usr/bin/env bash
# Kotlin/Swift (uniffi): builds the FFI library and the bindgen, checks the
# committed Swift bindings and the typed classes generated from docs/schema
# (Types.kt, Types.swift) for drift, generates the Kotlin bindings and runs
# the JUnit tests with Maven (which downloads Kotlin, JNA, JUnit and, for the
# Book tests, org.json itself).
#
#   bash scripts/test-kotlin.sh                 # test
#   bash scripts/test-kotlin.sh --update-swift  # regenerate bindings-mobile/swift, then test
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

update_swift=false
case "${1:-}" in
  "") ;;
  --update-swift) update_swift=true ;;
  *) echo "usage: $0 [--update-swift]" >&2; exit 2 ;;
esac

target_dir="${CARGO_TARGET_DIR:-$root/target}"
lib="$target_dir/debug/liblanded_mobile.so"
bindgen="$target_dir/debug/uniffi-bindgen"
mobile="$root/bindings-mobile"

if ! command -v mvn >/dev/null 2>&1; then
  echo "mvn not found: installing Maven and a JDK from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven default-jdk-headless >/dev/null
fi

# Rust unit tests of the binding (error mapping, panic guard).
cargo test -p landed-mobile --lib

# Two separate builds on purpose: built together, the bindgen's `cli`
# feature would be unified into the FFI library's uniffi (clap, askama…).
# `test-hooks` adds the panic probes the Kotlin tests call; uniffi.toml keeps
# them out of the Swift, so the Swift is the same as without the feature.
cargo build -p landed-mobile --features test-hooks
cargo build -p uniffi-bindgen

generate() { # generate <language> <out dir>
  "$bindgen" generate --library "$lib" --language "$1" --no-format --out-dir "$2" >/dev/null
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Swift is committed (no Swift toolchain here to build it); it must be
# exactly what the bindgen makes from this source. Types.swift is not the
# bindgen's: it is checked with Types.kt below.
generate swift "$tmp/swift"
if $update_swift; then
  find "$mobile/swift" -mindepth 1 ! -name Types.swift -delete
  cp -r "$tmp/swift/." "$mobile/swift/"
  echo "bindings-mobile/swift regenerated"
elif ! diff -ru -x Types.swift "$mobile/swift" "$tmp/swift" >"$tmp/swift.diff"; then
  head -n 60 "$tmp/swift.diff"
  echo "FAILED: bindings-mobile/swift is out of date; run: bash scripts/test-kotlin.sh --update-swift" >&2
  exit 1
else
  echo "Swift bindings: up to date"
fi

# The typed classes (Types.kt, Types.swift) are generated from
# docs/schema by bindings-mobile/tools/gen_types.py and committed; they must
# be exactly what it makes now.
"${PYTHON:-python3}" "$mobile/tools/gen_types.py" --check

# Kotlin is generated at build time, never committed.
generated="$mobile/kotlin/target/generated-sources/uniffi"
rm -rf "$generated"
generate kotlin "$generated"

# The Kotlin guide (docs/guides/kotlin.md) becomes a JUnit test with the
# guide's line numbers, rewritten on every run and never committed: a guide
# that no longer compiles, or whose checks fail, fails the suite.
"${PYTHON:-python3}" "$root/scripts/kotlin-guide-test.py"

mvn -B -ntp -Dstyle.color=never -f "$mobile/kotlin/pom.xml" \
  -Dlanded.native.dir="$target_dir/debug" test
