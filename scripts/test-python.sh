#!/usr/bin/env bash
# Python binding: checks that the generated TypedDicts (landed/types.py) match
# docs/schema, builds landed._landed into the repo's .venv (created if
# missing), checks the hand-written stubs against the built module
# (mypy.stubtest), type-checks the package and the tests (mypy --strict),
# then runs pytest. Works from any cwd on a fresh machine: everything it
# needs comes from PyPI at pinned versions.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Drift check first: it needs only the system Python and fails fast.
echo "--- generated types (bindings-python/tools/gen_types.py --check)"
"${PYTHON:-python3}" "$root/bindings-python/tools/gen_types.py" --check

venv="$root/.venv"
python_bin="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python_bin" -m venv "$venv"
fi
py="$venv/bin/python"

# Pinned: the versions this binding was built and checked with.
"$py" -m pip install --quiet --disable-pip-version-check \
  "maturin==1.16.0" "pytest==8.4.2" "mypy==1.18.2"

# Editable install of the package (python/landed + the native module). It
# builds into the workspace target/ like every other crate; the features in
# pyproject.toml add pyo3/extension-module.
VIRTUAL_ENV="$venv" "$venv/bin/maturin" develop --quiet \
  --manifest-path "$root/bindings-python/Cargo.toml"

# Stubs: `landed` covers its submodule `landed._landed` too.
echo "--- mypy.stubtest landed"
"$py" -m mypy.stubtest --allowlist "$root/bindings-python/stubtest-allowlist.txt" landed

cd "$root/bindings-python"
echo "--- mypy --strict: the package (stubs, generated types), the generators (Python, Kotlin/Swift), the tests"
"$py" -m mypy --strict --cache-dir "$root/target/mypy-cache" -p landed
"$py" -m mypy --strict --cache-dir "$root/target/mypy-cache" tools tests
"$py" -m mypy --strict --cache-dir "$root/target/mypy-cache" "$root/bindings-mobile/tools/gen_types.py"

echo "--- pytest"
"$py" -m pytest -p no:cacheprovider -ra tests
