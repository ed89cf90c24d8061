#!/usr/bin/env bash
# iOS: a Swift package (dist/ios/Landed) with the committed Swift bindings
# (bindings-mobile/swift/Landed.swift) and landedFFI.xcframework, which holds
# the static library liblanded_mobile.a for iOS devices (arm64) and the
# simulator (arm64 + x86_64), with the C header and module map.
#
#   bash scripts/package-ios.sh
#
# NOT RUN on the machine this was written on: it needs macOS with Xcode
# (xcodebuild, lipo) and none was available. The steps follow Xcode's
# documented `xcodebuild -create-xcframework`; expect to adjust them on the
# first run. Then, in an app: File > Add Package Dependencies > Add Local
# (dist/ios/Landed), and `import Landed`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "$(uname -s)" != "Darwin" ] || ! command -v xcodebuild >/dev/null 2>&1; then
  echo "package-ios.sh: needs macOS with Xcode (xcodebuild); this machine has none." >&2
  echo "Nothing was built; see docs/packaging.md (iOS)." >&2
  exit 1
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
out="$root/dist/ios/Landed"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out/Sources/Landed"

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${targets[@]}"
# Release, without the test-only `test-hooks` feature (the committed Swift
# leaves those functions out anyway, see bindings-mobile/uniffi.toml).
target_args=()
for t in "${targets[@]}"; do target_args+=(--target "$t"); done
IPHONEOS_DEPLOYMENT_TARGET=13.0 cargo build --release -p landed-mobile --lib "${target_args[@]}"

# One library per platform: the simulator's two architectures in one file.
mkdir -p "$work/sim"
lipo -create \
  "$target_dir/aarch64-apple-ios-sim/release/liblanded_mobile.a" \
  "$target_dir/x86_64-apple-ios/release/liblanded_mobile.a" \
  -output "$work/sim/liblanded_mobile.a"

# The header and a module map named module.modulemap, as Xcode expects.
mkdir -p "$work/headers"
cp bindings-mobile/swift/landedFFI.h "$work/headers/"
cp bindings-mobile/swift/landedFFI.modulemap "$work/headers/module.modulemap"

xcodebuild -create-xcframework \
  -library "$target_dir/aarch64-apple-ios/release/liblanded_mobile.a" -headers "$work/headers" \
  -library "$work/sim/liblanded_mobile.a" -headers "$work/headers" \
  -output "$out/landedFFI.xcframework"

cp bindings-mobile/swift/Landed.swift "$out/Sources/Landed/"
cp LICENSE-MIT LICENSE-APACHE "$out/"
cat >"$out/Package.swift" <<'EOF'
// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "Landed",
    platforms: [.iOS(.v13)],
    products: [.library(name: "Landed", targets: ["Landed"])],
    targets: [
        .binaryTarget(name: "landedFFI", path: "landedFFI.xcframework"),
        .target(name: "Landed", dependencies: ["landedFFI"], path: "Sources/Landed"),
    ]
)
EOF
echo "Swift package: ${out#$root/}"
