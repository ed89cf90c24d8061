#!/usr/bin/env python3
"""Runs a seller's year (JSON lines) through landed's Python binding as one
process, the way a host does: the book keeps its state, not its log
(`keep_events: false`); the file is read and executed in chunks of
`CHUNK` lines with `Book.execute_lines`, and each chunk's events are
appended to `--events PATH` (default: the null device) as the host's store.
Memory is then the book's state plus one chunk, not the year's history.
With `--units PATH` it writes each SKU's positions (per location: on hand
and every bucket) and the year-end role balances as JSON, for check.py.

    python landed_run.py YEAR.jsonl [--events PATH] [--units PATH]

The book is the year's: USD functional currency, FIFO (benches/src/year.rs,
`seller_year`).
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time

import landed


# Lines per `execute_lines` call: big enough that the per-call cost
# vanishes, small enough that one chunk's events (about 3.3 KB per command)
# stay a few tens of megabytes.
CHUNK = 10_000


def main() -> None:
    args = sys.argv[1:]
    if not args:
        raise SystemExit("usage: landed_run.py YEAR.jsonl [--units PATH]")
    path = args[0]
    units_path = args[args.index("--units") + 1] if "--units" in args else None
    events_path = args[args.index("--events") + 1] if "--events" in args else os.devnull
    started = time.perf_counter()
    book = landed.Book({"functional_currency": "USD", "valuation_method": "fifo",
                        "keep_events": False})
    executed = 0
    events_bytes = 0
    skus: set[str] = set()
    with open(path) as f, open(events_path, "w") as store:
        while True:
            chunk = "".join(itertools.islice(f, CHUNK))
            if not chunk:
                break
            out = book.execute_lines(chunk)
            errors = out["errors"]
            if errors:
                raise SystemExit(f"landed refused {len(errors)} lines, first: {errors[0]}")
            executed += out["executed"]
            events_bytes += len(out["events"])
            store.write(out["events"])
            if units_path:
                skus.update(json.loads(line)["command"]["code"] for line in chunk.splitlines()
                            if '"type":"define_sku"' in line)
    elapsed = time.perf_counter() - started
    print(json.dumps({"executed": executed, "errors": 0, "events_bytes": events_bytes,
                      "read_and_execute_s": round(elapsed, 3)}))
    if units_path:
        report = {"positions": {}, "roles": None}
        for sku in sorted(skus):
            stock = book.stock(sku)
            for p in stock["positions"]:
                report["positions"].setdefault(p["location"], {})[sku] = {
                    "on_hand": p["on_hand"], **p["quantities"]}
        roles = book.role_balances("2026-12-31")
        report["roles"] = {r["role"]: f'{r["balance"]["amount"]} {r["balance"]["currency"]}'
                           for r in roles["roles"]}
        with open(units_path, "w") as f:
            json.dump(report, f, indent=1, default=str)


if __name__ == "__main__":
    main()
