#!/usr/bin/env bash
# Builds the release artifacts of the three bindings into dist/ (git-ignored),
# so users install landed without a Rust toolchain:
#
#   dist/python/  abi3 wheels (manylinux_2_17, CPython >= 3.10) for x86_64 and
#                 aarch64, checked with `auditwheel show`, and the sdist
#   dist/node/    npm tarballs: the main package `landed` (optionalDependencies
#                 on the platform packages) and landed-linux-x64-gnu,
#                 landed-linux-x64-musl, landed-linux-arm64-gnu
#   dist/kotlin/  landed-<version>.jar: the Kotlin/JVM bindings with
#                 liblanded_mobile.so for linux-x86-64 and linux-aarch64 inside
#                 (JNA's resource layout), built without the test-only hooks
#
#   bash scripts/package.sh              # everything above
#   bash scripts/package.sh --host-only  # x86_64 Linux glibc only (CI install tests)
#
# LANDED_DIST=<dir> writes there instead of dist/ (scripts/test-all.sh uses
# one under the target dir, so a full dist/ survives a test run).
#
# Every binary is linked with zig (pip package `ziglang`, through maturin
# --zig and cargo-zigbuild) against glibc 2.17, so one build machine makes
# binaries for both architectures that run on any Linux since 2014.
# Needs: rustup + cargo, python3 (>= 3.10) with venv, node >= 20.17 + npm,
# Maven + a JDK (17+). Tools come from PyPI/npm at pinned versions into
# .venv-package and bindings-node/node_modules. macOS, Windows, Android and
# iOS are not built here: see docs/packaging.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

host_only=false
case "${1:-}" in
  "") ;;
  --host-only) host_only=true ;;
  *) echo "usage: $0 [--host-only]" >&2; exit 2 ;;
esac

if $host_only; then
  linux_targets=(x86_64-unknown-linux-gnu)
  node_targets=(x86_64-unknown-linux-gnu)
  jvm_targets=(x86_64-unknown-linux-gnu)
else
  linux_targets=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu)
  node_targets=(x86_64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-gnu)
  jvm_targets=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu)
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
export CARGO_TARGET_DIR="$target_dir"
dist="${LANDED_DIST:-$root/dist}"
mkdir -p "$dist"
dist="$(cd "$dist" && pwd)"
version="$(sed -nE 's/^version = "(.*)"/\1/p' Cargo.toml | head -1)"
started=$SECONDS
step() { echo; echo "=== $* ($((SECONDS - started)) s)"; }

# --- tools -------------------------------------------------------------------
step "tools: rustup targets, .venv-package (maturin, ziglang, cargo-zigbuild, auditwheel)"
all_targets=$(printf '%s\n' "${linux_targets[@]}" "${node_targets[@]}" "${jvm_targets[@]}" | sort -u)
if command -v rustup >/dev/null 2>&1; then
  installed=$(rustup target list --installed)
  for t in $all_targets; do
    grep -qx "$t" <<<"$installed" || rustup target add "$t"
  done
fi

venv="$root/.venv-package"
[ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
# Pinned: the versions these artifacts were built and checked with.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "maturin==1.16.0" "ziglang==0.17.1" "cargo-zigbuild==0.24.1" "auditwheel==6.8.2"
# cargo-zigbuild and napi look for `zig` on PATH; ziglang ships the binary
# inside the package.
zig_bin="$("$venv/bin/python" -c 'import ziglang, os; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')"
ln -sf "$zig_bin" "$venv/bin/zig"
export PATH="$venv/bin:$PATH"

# A musl cdylib (the Node addon) must link libc dynamically: Rust's musl
# targets link it statically by default, which rules out a cdylib.
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS="-C target-feature=-crt-static"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_RUSTFLAGS="-C target-feature=-crt-static"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
rm -rf "$dist/python" "$dist/node" "$dist/kotlin"
mkdir -p "$dist/python" "$dist/node" "$dist/kotlin"

# --- Python ------------------------------------------------------------------
for t in "${linux_targets[@]}"; do
  step "python: wheel for $t"
  maturin build --release --strip --zig --target "$t" --compatibility manylinux2014 \
    --manifest-path bindings-python/Cargo.toml --out "$dist/python"
done
step "python: sdist"
maturin sdist --manifest-path bindings-python/Cargo.toml --out "$dist/python"
step "python: auditwheel show"
for wheel in "$dist"/python/*.whl; do
  report="$(auditwheel show "$wheel")"
  echo "$report"
  # The tag auditwheel derives from the symbols the wheel really uses.
  grep -q 'is consistent with the following platform tag' <<<"$report"
  grep -Eq '"manylinux_2_17_(x86_64|aarch64)"' <<<"$report" || {
    echo "FAILED: $(basename "$wheel") is not manylinux_2_17" >&2
    exit 1
  }
done

# --- Node --------------------------------------------------------------------
step "node: npm ci (napi CLI)"
(cd bindings-node && npm ci --no-audit --no-fund --silent)
napi="$root/bindings-node/node_modules/.bin/napi"
node_build="$stage/node-build"
for t in "${node_targets[@]}"; do
  step "node: addon for $t"
  # -x: cargo-zigbuild (from .venv-package) links with zig; the `.2.17`
  # suffix pins glibc 2.17 for gnu targets (zig's default is newer).
  # The loader and declarations go to the staging dir, not the source tree.
  zig_target="$t"
  case "$t" in *-linux-gnu) zig_target="$t.2.17" ;; esac
  "$napi" build --cwd bindings-node --platform --release --strip -x --target "$zig_target" \
    --target-dir "$target_dir" --output-dir "$node_build"
done
step "node: packages"
pkg="$stage/landed"
mkdir -p "$pkg"
# The loader and declarations of the build: the same as the committed ones
# (scripts/test-node.sh fails on drift), but made with the addons packed here.
for f in index.js index.d.ts; do
  cmp -s "$node_build/$f" "bindings-node/$f" ||
    echo "warning: bindings-node/$f differs from the generated one (run scripts/test-node.sh)" >&2
  cp "$node_build/$f" "$pkg/"
done
cp bindings-node/entry.js bindings-node/entry.d.ts bindings-node/types.d.ts bindings-node/README.md \
  LICENSE-MIT LICENSE-APACHE "$pkg/"
# The JSON Schemas (package.json exports them as landed/schema/*).
cp -r bindings-node/schema "$pkg/"
node "$root/scripts/package-npm.js" bindings-node/package.json "$pkg/package.json" "${node_targets[@]}"
"$napi" create-npm-dirs --cwd "$pkg" --npm-dir npm
"$napi" artifacts --cwd "$pkg" --npm-dir npm --output-dir "$node_build"
for dir in "$pkg"/npm/*/; do
  cp LICENSE-MIT LICENSE-APACHE "$dir"
  # npm packs only the `files` a package names (LICENSE-MIT is no LICENSE).
  node -e '
    const fs = require("node:fs"), file = process.argv[1]
    const p = JSON.parse(fs.readFileSync(file, "utf8"))
    p.files.push("LICENSE-MIT", "LICENSE-APACHE")
    fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n")' "$dir/package.json"
  (cd "$dir" && npm pack --silent --pack-destination "$dist/node" >/dev/null)
done
rm -rf "$pkg/npm"
(cd "$pkg" && npm pack --silent --pack-destination "$dist/node" >/dev/null)

# --- Kotlin/JVM --------------------------------------------------------------
zig_targets=()
for t in "${jvm_targets[@]}"; do zig_targets+=(--target "$t.2.17"); done
step "kotlin: liblanded_mobile.so (release, no test-hooks) for ${jvm_targets[*]}"
cargo zigbuild --release -p landed-mobile --lib "${zig_targets[@]}"
step "kotlin: generated bindings, jar"
bindgen="$target_dir/debug/uniffi-bindgen"
# Built on its own, as in scripts/test-kotlin.sh (its `cli` feature must not
# reach the library's uniffi).
cargo build --quiet -p uniffi-bindgen
kotlin="$stage/kotlin"
mkdir -p "$kotlin/src"
cp bindings-mobile/kotlin/pom.xml "$kotlin/"
cp -r bindings-mobile/kotlin/src/main "$kotlin/src/"
# From the static library: zig links the .so without a symbol table, and
# uniffi-bindgen reads the interface from the UNIFFI_META symbols. Both
# libraries come from the same build, so the checksums the Kotlin checks at
# load time match.
"$bindgen" generate --library "$target_dir/${jvm_targets[0]}/release/liblanded_mobile.a" \
  --language kotlin --no-format --out-dir "$kotlin/generated" >/dev/null
if grep -rq 'Probe' "$kotlin/generated"; then
  echo "FAILED: the generated Kotlin has the test-only hooks" >&2
  exit 1
fi
for t in "${jvm_targets[@]}"; do
  case "$t" in
    x86_64-*) jna_dir=linux-x86-64 ;;
    aarch64-*) jna_dir=linux-aarch64 ;;
  esac
  mkdir -p "$kotlin/src/main/resources/$jna_dir"
  cp "$target_dir/$t/release/liblanded_mobile.so" "$kotlin/src/main/resources/$jna_dir/"
done
mkdir -p "$kotlin/src/main/resources/META-INF"
cp LICENSE-MIT LICENSE-APACHE "$kotlin/src/main/resources/META-INF/"
# A copy of the project, so nothing of a test build (target/classes of the
# test-hooks bindings) can end up in the jar; tests are neither built nor run.
mvn -B -ntp -q -Dstyle.color=never -f "$kotlin/pom.xml" \
  -Dmaven.test.skip=true -Dlanded.generated.dir="$kotlin/generated" package
cp "$kotlin/target/landed-$version.jar" "$dist/kotlin/"
cp bindings-mobile/kotlin/pom.xml "$dist/kotlin/landed-$version.pom"

step "done: dist/"
(cd "$dist" && find . -type f -printf '%10s  %p\n' | sort -k2)
