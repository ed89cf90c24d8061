#!/usr/bin/env bash
# Android: an Android library project (Gradle, AAR) with the Kotlin bindings
# and liblanded_mobile.so for each ABI under src/main/jniLibs/<abi>/, written
# to dist/android/landed-android; with Gradle and an Android SDK present it
# also runs `gradle assembleRelease` (dist/android/landed-release.aar).
#
#   bash scripts/package-android.sh
#
# NOT RUN on the machine this was written on: it has no Android NDK (nor
# SDK, nor Gradle). The steps follow the NDK's and cargo-ndk's documented
# usage; expect to adjust them on the first run. Needs:
#   - the Android NDK (r26 or later), ANDROID_NDK_HOME pointing at it
#   - cargo-ndk (`cargo install cargo-ndk`), which sets the NDK's clang as
#     linker for each Android target
#   - rustup (the script adds the four Android targets)
#   - for the AAR: Gradle 8 with the Android Gradle plugin, ANDROID_HOME
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

ndk="${ANDROID_NDK_HOME:-${ANDROID_NDK_ROOT:-}}"
if [ -z "$ndk" ] || [ ! -d "$ndk" ]; then
  echo "package-android.sh: the Android NDK is missing (set ANDROID_NDK_HOME to it)." >&2
  echo "Nothing was built; see docs/packaging.md (Android)." >&2
  exit 1
fi
if ! command -v cargo-ndk >/dev/null 2>&1; then
  echo "package-android.sh: cargo-ndk is missing: cargo install cargo-ndk" >&2
  exit 1
fi

version="$(sed -nE 's/^version = "(.*)"/\1/p' Cargo.toml | head -1)"
jna_version="$(sed -nE 's|.*<jna.version>(.*)</jna.version>.*|\1|p' bindings-mobile/kotlin/pom.xml)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
out="$root/dist/android/landed-android"
rm -rf "$out"
mkdir -p "$out/src/main/kotlin" "$out/src/main/jniLibs"

# Android ABI -> Rust target.
abis=(arm64-v8a armeabi-v7a x86_64 x86)
rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android

# Release, without the test-only `test-hooks` feature. API 24: Android 7.0.
ndk_args=()
for abi in "${abis[@]}"; do ndk_args+=(-t "$abi"); done
ANDROID_NDK_HOME="$ndk" cargo ndk "${ndk_args[@]}" --platform 24 \
  -o "$out/src/main/jniLibs" build --release -p landed-mobile --lib

# The Kotlin bindings, generated from the static library of the same build
# (the crate is also a staticlib; uniffi-bindgen reads its UNIFFI_META
# symbols), and the hand-written extensions.
cargo build -p uniffi-bindgen
"$target_dir/debug/uniffi-bindgen" generate --library "$target_dir/aarch64-linux-android/release/liblanded_mobile.a" \
  --language kotlin --no-format --out-dir "$out/src/main/kotlin"
cp -r bindings-mobile/kotlin/src/main/kotlin/. "$out/src/main/kotlin/"

cat >"$out/settings.gradle.kts" <<'EOF'
pluginManagement { repositories { google(); mavenCentral(); gradlePluginPortal() } }
dependencyResolutionManagement { repositories { google(); mavenCentral() } }
rootProject.name = "landed-android"
EOF
cat >"$out/build.gradle.kts" <<EOF
plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.1.0"
}

group = "dev.landed"
version = "$version"

android {
    namespace = "dev.landed"
    compileSdk = 35
    defaultConfig { minSdk = 24 }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin { jvmToolchain(17) }

dependencies {
    // uniffi's Kotlin loads the library through JNA; on Android JNA is the AAR.
    implementation("net.java.dev.jna:jna:$jna_version@aar")
}
EOF
cp LICENSE-MIT LICENSE-APACHE "$out/"
echo "Android library project: ${out#$root/}"
find "$out/src/main/jniLibs" -name '*.so' -printf '  %p (%s bytes)\n'

if command -v gradle >/dev/null 2>&1 && [ -n "${ANDROID_HOME:-}" ]; then
  (cd "$out" && gradle --no-daemon assembleRelease)
  cp "$out/build/outputs/aar/landed-android-release.aar" "$root/dist/android/landed-$version.aar"
  echo "AAR: dist/android/landed-$version.aar"
else
  echo "No Gradle or ANDROID_HOME: the project is left for Android Studio / gradle assembleRelease."
fi
