#!/usr/bin/env bash
# Installs the ARTIFACTS in dist/ (made by scripts/package.sh, --host-only is
# enough) the way a user would, with no Rust toolchain on PATH, and runs each
# binding's test suite against the installed package:
#
#   python  a fresh venv pip-installs the x86_64 wheel; pytest runs
#           bindings-python/tests from a directory where the source package
#           is not importable
#   node    a fresh npm project installs the main tarball and
#           landed-linux-x64-gnu; the suite (__test__, CommonJS and ESM) runs
#           inside the installed package; `tsc --strict` compiles a small user
#           program, which then runs; without the platform package,
#           require('landed') must name what is missing
#   kotlin  a plain Maven project depends on the jar only (no
#           jna.library.path) and runs the Kotlin tests, minus the two that
#           call the test-only panic hooks the release library leaves out
#
#   bash scripts/test-packages.sh [python|node|kotlin ...]   # default: all three
#
# LANDED_DIST=<dir> reads the artifacts from there instead of dist/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="$(cd "${LANDED_DIST:-$root/dist}" && pwd)"
version="$(sed -nE 's/^version = "(.*)"/\1/p' "$root/Cargo.toml" | head -1)"

languages=("$@")
[ ${#languages[@]} -gt 0 ] || languages=(python node kotlin)

# No Rust toolchain: drop every PATH entry that has cargo or rustc in it.
clean_path=()
IFS=: read -ra entries <<<"$PATH"
for dir in "${entries[@]}"; do
  [ -n "$dir" ] || continue
  if [ -x "$dir/cargo" ] || [ -x "$dir/rustc" ] || [ -x "$dir/rustup" ]; then continue; fi
  clean_path+=("$dir")
done
PATH="$(IFS=:; echo "${clean_path[*]}")"
export PATH
unset CARGO_TARGET_DIR RUSTUP_TOOLCHAIN LD_LIBRARY_PATH
if command -v cargo >/dev/null 2>&1 || command -v rustc >/dev/null 2>&1; then
  echo "FAILED: cargo or rustc is still on PATH" >&2
  exit 1
fi
echo "PATH without a Rust toolchain: $PATH"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

need() { # need <file glob>: the one artifact it matches
  local matches=($1)
  if [ ! -f "${matches[0]}" ]; then
    echo "FAILED: no $1; run scripts/package.sh --host-only first" >&2
    exit 1
  fi
  echo "${matches[0]}"
}

test_python() {
  echo; echo "=== python: the wheel in a fresh venv"
  local wheel
  wheel="$(need "$dist/python/landed-$version-cp310-abi3-manylinux*_x86_64.whl")"
  "${PYTHON:-python3}" -m venv "$tmp/venv"
  local py="$tmp/venv/bin/python"
  "$py" -m pip install --quiet --disable-pip-version-check "pytest==8.4.2" "$wheel"
  mkdir -p "$tmp/py-cwd"
  cd "$tmp/py-cwd"
  # What the tests will import: the installed copy, with its compiled module.
  PYTHONPATH="$root/bindings-python/tests" "$py" -c '
import sys, landed, landed._landed
where = landed.__file__
assert "/site-packages/" in where, f"landed imported from {where}, not the installed wheel"
print("landed", landed.__file__, landed._landed.__file__)'
  "$py" -m pytest -p no:cacheprovider -ra \
    --rootdir "$root/bindings-python" -c "$root/bindings-python/pyproject.toml" \
    "$root/bindings-python/tests"
  cd "$root"
}

test_node() {
  echo; echo "=== node: the tarballs in a fresh npm project"
  local main platform app="$tmp/node-app"
  main="$(need "$dist/node/landed-$version.tgz")"
  platform="$(need "$dist/node/landed-linux-x64-gnu-$version.tgz")"
  mkdir -p "$app"
  cd "$app"
  cat >package.json <<'EOF'
{ "name": "landed-install-check", "version": "1.0.0", "private": true, "type": "commonjs" }
EOF
  # typescript: the version bindings-node/package.json pins.
  local ts
  ts="$(node -p 'require(process.argv[1]).devDependencies.typescript' "$root/bindings-node/package.json")"
  npm install --no-audit --no-fund --silent "$main" "$platform" "typescript@$ts"
  local pkg="$app/node_modules/landed"
  if ls "$pkg"/*.node >/dev/null 2>&1; then
    echo "FAILED: the main package carries an addon" >&2
    exit 1
  fi
  node -e 'console.log("addon:", require.resolve("landed-linux-x64-gnu"))'

  # The suite runs inside the installed package, so its require('..') and
  # require('landed') are the installed copy. The test data stays in the
  # repository: paths two levels up from __test__ point there instead, and
  # the types generator (not shipped) is the repository's.
  # package.test.js checks the source folder's `npm pack` and stays out.
  cp -r "$root/bindings-node/__test__" "$pkg/__test__"
  rm -f "$pkg/__test__/package.test.js"
  node -e '
    const fs = require("node:fs"), path = require("node:path")
    const [dir, root] = process.argv.slice(1)
    let rewritten = 0
    for (const name of fs.readdirSync(dir)) {
      if (!/\.(js|mjs)$/.test(name)) continue
      const file = path.join(dir, name)
      const text = fs.readFileSync(file, "utf8")
      const out = text
        .replaceAll("path.resolve(__dirname, \x27..\x27, \x27..\x27)", JSON.stringify(root))
        .replaceAll("path.join(__dirname, \x27..\x27, \x27..\x27,", "path.join(" + JSON.stringify(root) + ",")
        .replaceAll("require(\x27../tools/gen-types.js\x27)", "require(" + JSON.stringify(path.join(root, "bindings-node", "tools", "gen-types.js")) + ")")
      if (out !== text) rewritten += 1
      fs.writeFileSync(file, out)
    }
    if (rewritten === 0) throw new Error("no repository paths found in " + dir)
  ' "$pkg/__test__" "$root"
  node --test --test-reporter=spec "$pkg"/__test__/*.test.js "$pkg"/__test__/*.test.mjs

  echo; echo "=== node: tsc --strict on a user program, then run it"
  cat >main.ts <<'EOF'
import { Book, Money, allocate, type Command, type Context, type Outcome } from 'landed'

// No @types/node needed for this check.
declare const console: { log(...values: unknown[]): void }

const total = new Money('100.00', 'USD')
const parts: Money[] = allocate(total, ['1', '2'])
const book = new Book({ functional_currency: 'USD' })
const context: Context = { at: '2026-11-02T09:00:00Z', command_id: 'c1' }
const define: Command = { type: 'define_sku', code: 'A', name: 'Desk lamp' }
const outcome: Outcome = book.execute(define, context)
console.log(parts.map((p) => p.toString()).join(' + '), '=', total.toString(), outcome.events.length)
EOF
  cat >tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "strict": true,
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "target": "es2022",
    "lib": ["es2022"],
    "types": [],
    "skipLibCheck": false
  },
  "files": ["main.ts"]
}
EOF
  ./node_modules/.bin/tsc -p tsconfig.json
  local said
  said="$(node main.js)"
  echo "$said"
  [ "$said" = "33.33 USD + 66.67 USD = 100.00 USD 1" ] || { echo "FAILED: unexpected output" >&2; exit 1; }

  echo; echo "=== node: require('landed') without the platform package"
  mv node_modules/landed-linux-x64-gnu "$tmp/moved-away"
  local err
  if err="$(node -e "require('landed')" 2>&1)"; then
    echo "FAILED: require('landed') worked without the addon" >&2
    exit 1
  fi
  mv "$tmp/moved-away" node_modules/landed-linux-x64-gnu
  echo "$err" | grep -E '^Error: landed:' -A2
  for expected in "platform linux" "architecture x64" "libc glibc" "landed-linux-x64-gnu" \
    "Cannot find module 'landed-linux-x64-gnu'"; do
    grep -qF "$expected" <<<"$err" || { echo "FAILED: the error does not say: $expected" >&2; exit 1; }
  done
  echo "the error names the platform, the architecture, the libc and the package"
  cd "$root"
}

test_kotlin() {
  echo; echo "=== kotlin: the jar in a plain Maven project, without jna.library.path"
  local jar project="$tmp/kotlin"
  jar="$(need "$dist/kotlin/landed-$version.jar")"
  if ! command -v mvn >/dev/null 2>&1; then
    echo "mvn not found: installing Maven and a JDK from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven default-jdk-headless >/dev/null
  fi
  local pom="$root/bindings-mobile/kotlin/pom.xml"
  prop() { sed -nE "s|.*<$1>(.*)</$1>.*|\\1|p" "$pom" | head -1; }
  mkdir -p "$project/src/test/kotlin/dev/landed/guide"
  cp "$root"/bindings-mobile/kotlin/src/test/kotlin/dev/landed/*.kt "$project/src/test/kotlin/dev/landed/"
  "${PYTHON:-python3}" "$root/scripts/kotlin-guide-test.py" --stdout \
    >"$project/src/test/kotlin/dev/landed/guide/KotlinGuideTest.kt"
  # The release library has no test hooks (feature `test-hooks`): the tests
  # that call them would not compile against the jar.
  "${PYTHON:-python3}" - "$project/src/test/kotlin" <<'EOF'
import re, sys
from pathlib import Path

removed = []
for path in Path(sys.argv[1]).rglob("*.kt"):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].strip() == "@Test" and i + 1 < len(lines) and lines[i + 1].lstrip().startswith("fun "):
            # The test function: from its annotation to its closing brace.
            depth, j, seen = 0, i + 1, False
            while True:
                depth += lines[j].count("{") - lines[j].count("}")
                seen = seen or "{" in lines[j]
                if seen and depth == 0:
                    break
                j += 1
            body = "\n".join(lines[i : j + 1])
            if "Probe()" in body:
                removed.append(f"{path.name}: {lines[i + 1].strip()}")
                i = j + 1
                continue
        out.append(lines[i])
        i += 1
    path.write_text("\n".join(out), encoding="utf-8")
print("left out (test-only hooks):", *removed, sep="\n  ")
assert len(removed) == 3, removed
EOF
  cat >"$project/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>landed-install-check</artifactId>
  <version>1.0.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <kotlin.compiler.jvmTarget>17</kotlin.compiler.jvmTarget>
    <kotlin.compiler.daemon>false</kotlin.compiler.daemon>
  </properties>
  <dependencies>
    <!-- The jar from dist/, as a file: nothing of it is cached in ~/.m2. Its
         own dependencies (the published pom's) are listed below. -->
    <dependency>
      <groupId>dev.landed</groupId>
      <artifactId>landed</artifactId>
      <version>$version</version>
      <scope>system</scope>
      <systemPath>$jar</systemPath>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>$(prop kotlin.version)</version>
    </dependency>
    <dependency>
      <groupId>net.java.dev.jna</groupId>
      <artifactId>jna</artifactId>
      <version>$(prop jna.version)</version>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>$(prop junit.version)</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.json</groupId>
      <artifactId>json</artifactId>
      <version>$(prop orgjson.version)</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <testSourceDirectory>src/test/kotlin</testSourceDirectory>
    <plugins>
      <plugin>
        <groupId>org.jetbrains.kotlin</groupId>
        <artifactId>kotlin-maven-plugin</artifactId>
        <version>$(prop kotlin.version)</version>
        <executions>
          <execution>
            <id>test-compile</id>
            <phase>test-compile</phase>
            <goals><goal>test-compile</goal></goals>
          </execution>
        </executions>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.4</version>
        <configuration>
          <!-- The test data only; no jna.library.path: JNA finds the
               library in the jar (linux-x86-64/liblanded_mobile.so). -->
          <systemPropertyVariables>
            <landed.repo.root>$root</landed.repo.root>
            <jna.debug_load>true</jna.debug_load>
          </systemPropertyVariables>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF
  mvn -B -ntp -Dstyle.color=never -f "$project/pom.xml" test 2>&1 | tee "$tmp/kotlin.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || return 1
  # JNA's load log (jna.debug_load): the library came out of the jar.
  grep -m1 -F 'linux-x86-64/liblanded_mobile.so' "$tmp/kotlin.log" || {
    echo "FAILED: JNA did not load liblanded_mobile.so from the jar" >&2
    exit 1
  }
}

for language in "${languages[@]}"; do
  case "$language" in
    python) test_python ;;
    node) test_node ;;
    kotlin) test_kotlin ;;
    *) echo "unknown language: $language (python, node, kotlin)" >&2; exit 2 ;;
  esac
done
echo
echo "packages: ${languages[*]} installed from dist/ and tested without a Rust toolchain"
