#!/usr/bin/env bash
# Bulk work from Kotlin (benches/bindings/kotlin/Bulk.kt): builds the FFI
# library optimized, generates the Kotlin bindings from it, compiles the
# Kotlin sources with Maven and runs the benchmark with exec:java. Not part
# of the test run. BULK_RUNS sets the runs per path (best of, 5 by default).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

# test-hooks: the Kotlin tests compiled beside the benchmark call its probes
# (two small functions; nothing on the paths measured).
cargo build --release -p landed-mobile --features test-hooks
cargo build -p uniffi-bindgen
generated="$root/bindings-mobile/kotlin/target/generated-sources/uniffi"
rm -rf "$generated"
"$target_dir/debug/uniffi-bindgen" generate --library "$target_dir/release/liblanded_mobile.so" \
  --language kotlin --no-format --out-dir "$generated" >/dev/null

# exec:java runs in Maven's own JVM, so JNA reads the library path from
# Maven's system properties.
mvn -B -q -ntp -Dstyle.color=never -f "$root/bindings-mobile/kotlin/pom.xml" \
  -Djna.library.path="$target_dir/release" test-compile exec:java \
  -Dexec.mainClass=dev.landed.bench.BulkKt -Dexec.classpathScope=test
