#!/usr/bin/env bash
# Peers side by side (issue 14 part 5): the seller's year through landed,
# hledger, ledger-cli and Beancount, on the same machine in the same run.
#
#   benches/peers/run.sh [N]        (N business transactions, default 100000)
#
# Not part of any test run. Installs what is missing (hledger, ledger and
# GNU time from apt; beancount and maturin into a venv under target/), builds
# the year generator and landed's Python binding (release), generates the
# year as JSON lines, converts it (to_peers.py), checks units per SKU and
# location against landed (check.py), then times each tool as a whole
# process with /usr/bin/time -v and prints a markdown table.
# Work files go to $CARGO_TARGET_DIR/peers/N (default target/peers/N).
set -euo pipefail
n="${1:-100000}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
work="$target/peers/$n"
venv="$target/peers-venv"
mkdir -p "$work"

# --- peers
missing=()
command -v hledger >/dev/null || missing+=(hledger)
command -v ledger >/dev/null || missing+=(ledger)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get install -y "${missing[@]}" >/dev/null
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import beancount" 2>/dev/null \
  || "$venv/bin/pip" install --quiet --disable-pip-version-check beancount
[ -x "$venv/bin/maturin" ] \
  || "$venv/bin/pip" install --quiet --disable-pip-version-check "maturin==1.16.0"

# --- landed: the generator and the Python binding, release builds
echo "--- building (release)" >&2
# jemalloc as the host's allocator: glibc's malloc slows over a long year
# (docs/benchmarks.md, "The allocator of a long run").
CARGO_TARGET_DIR="$target" cargo build --quiet --release -p landed-benches --features jemalloc \
  --example year --example host
VIRTUAL_ENV="$venv" CARGO_TARGET_DIR="$target" "$venv/bin/maturin" develop --quiet --release \
  --manifest-path "$root/bindings-python/Cargo.toml" >&2
year_bin="$target/release/examples/year"
host_bin="$target/release/examples/host"
py="$venv/bin/python"

# --- the year, and the peers' files
# PEERS_REUSE=1 keeps the year and the peers' files of an earlier run.
if [ "${PEERS_REUSE:-0}" != 1 ] || [ ! -s "$work/year.beancount" ]; then
  echo "--- generating N=$n" >&2
  "$year_bin" "$n" --json-lines "$work/year.jsonl" >"$work/year-inprocess.txt"
  "$py" "$here/to_peers.py" "$work/year.jsonl" "$work" >"$work/convert.json"
fi
echo "--- converted: $(cat "$work/convert.json")" >&2

# --- units: every peer against landed
"$py" "$here/landed_run.py" "$work/year.jsonl" --units "$work/landed-units.json" >/dev/null
# PEERS_CHECK_BEANCOUNT=0 leaves Beancount out of the check (its load takes
# as long as bean-check: about 10 minutes at N = 100,000 on 2 cores).
skip=()
[ "${PEERS_CHECK_BEANCOUNT:-1}" = 1 ] || skip=(--skip-beancount)
"$py" "$here/check.py" "$work" "$work/landed-units.json" "${skip[@]}" | tee "$work/check.txt" >&2

# --- timing: each a whole process, one after another
hledger_v="$(hledger --version | head -1)"
ledger_v="$(ledger --version | head -1 | sed 's/, the command-line accounting tool//')"
bean_v="beancount $("$py" -c 'import beancount; print(beancount.__version__)')"
landed_v="landed $(git -C "$root" rev-parse --short HEAD)"
results="$work/times.tsv"
: >"$results"
measure() { # label version command...
  local label="$1" version="$2"
  shift 2
  local log="$work/time-$(echo "$label" | tr -c 'a-zA-Z0-9' '_').txt"
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  local wall rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")"
  rss="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")"
  local shown="${*/#$root\//}"
  shown="${shown//$work\//}"
  shown="${shown//$target\//target/}"
  shown="${shown//$root\//}"
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$version" "$shown" "$wall" "$rss" >>"$results"
}
cd "$work"
measure "landed (Rust host: reads the JSON lines, executes, appends every event to a file)" "$landed_v" "$host_bin" year.jsonl --events events.jsonl
measure "landed (Python binding, execute_lines in chunks, events appended to a file)" "$landed_v" "$py" "$here/landed_run.py" year.jsonl --events events.jsonl
measure "hledger bal" "$hledger_v" hledger -f year.hledger bal
measure "ledger bal" "$ledger_v" ledger -f year.ledger bal
measure "ledger stats" "$ledger_v" ledger -f year.ledger stats
# bean-check caches the parsed file (.year.beancount.picklecache, written
# by check.py's load too): time a cold check, cache off.
rm -f .year.beancount.picklecache
# PEERS_TIME_BEANCOUNT=0 leaves bean-check out of the timings (about 11
# minutes at N = 100,000).
if [ "${PEERS_TIME_BEANCOUNT:-1}" = 1 ]; then
  measure "bean-check" "$bean_v" "$venv/bin/bean-check" --no-cache year.beancount
fi

cmds="$(wc -l <year.jsonl)"
echo
echo "N=$n ($cmds commands), $(nproc) cores; ratio = tool wall / landed (Rust host) wall"
echo
echo "| tool | version | command | wall s | peak RSS MB | ratio vs landed |"
echo "|---|---|---|---:|---:|---:|"
base="$(head -1 "$results" | cut -f4)"
while IFS=$'\t' read -r label version command wall rss; do
  ratio="$(awk -v a="$wall" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
  echo "| $label | $version | \`$command\` | $wall | $rss | $ratio |"
done <"$results"
