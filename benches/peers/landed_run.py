#!/usr/bin/env python3
"""Runs a seller's year (JSON lines) through landed's Python binding as one
process: reads the file, executes it with `Book.execute_lines`, and with
`--units PATH` writes each SKU's positions (per location: on hand and every
bucket) and the year-end role balances as JSON, for check.py.

    python landed_run.py YEAR.jsonl [--units PATH]

The book is the year's: USD functional currency, FIFO (benches/src/year.rs,
`seller_year`).
"""

from __future__ import annotations

import json
import sys
import time

import landed


def main() -> None:
    args = sys.argv[1:]
    if not args:
        raise SystemExit("usage: landed_run.py YEAR.jsonl [--units PATH]")
    path = args[0]
    units_path = args[args.index("--units") + 1] if "--units" in args else None
    started = time.perf_counter()
    with open(path) as f:
        text = f.read()
    book = landed.Book({"functional_currency": "USD", "valuation_method": "fifo"})
    out = book.execute_lines(text)
    elapsed = time.perf_counter() - started
    errors = out["errors"]
    print(json.dumps({"executed": out["executed"], "errors": len(errors),
                      "events_bytes": len(out["events"]), "read_and_execute_s": round(elapsed, 3)}))
    if errors:
        raise SystemExit(f"landed refused {len(errors)} lines, first: {errors[0]}")
    if units_path:
        skus = sorted({json.loads(line)["command"]["code"] for line in text.splitlines()
                       if '"type":"define_sku"' in line})
        report = {"positions": {}, "roles": None}
        for sku in skus:
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
