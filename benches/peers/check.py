#!/usr/bin/env python3
"""Checks that each peer reports the same units per SKU and location as
landed (and as the converter expects), and prints money balances side by
side where the models agree.

    python check.py OUTDIR LANDED_UNITS.json

Run with the Python that has beancount (the peers' venv). Peers' side:
`hledger bal -O csv`, `ledger reg --format`, beancount's loader. Landed's
side: landed_run.py --units. Mapping: `Assets:Stock:<LOC>` = landed's
`available` + `committed` + `reserved` at LOC (sellable units on hand),
`Assets:Stock:<LOC>:Damaged` = `damaged`, their sum = `on_hand`,
`Assets:InTransit:<LOC>` = `in_transit` at LOC.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

Units = dict[str, dict[str, Decimal]]  # account -> commodity -> quantity


def hledger_units(path: Path, accounts: str) -> Units:
    text = subprocess.run(["hledger", "-f", str(path), "bal", accounts, "-O", "csv", "--flat", "-N"],
                          check=True, capture_output=True, text=True).stdout
    out: Units = defaultdict(lambda: defaultdict(Decimal))
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        for part in row[1].split(", "):
            m = re.fullmatch(r'\s*(-?[\d.,]+)\s+"?([^"]+)"?\s*', part)
            if m and m.group(2).startswith("SKU"):
                out[row[0]][m.group(2)] += Decimal(m.group(1).replace(",", ""))
    return out


def ledger_units(path: Path, patterns: list[str]) -> Units:
    """`ledger bal --flat`: an account's commodities one a line, its name
    after the last ("  3 SKU-0002  Assets:Stock:LA"), a parent's figures
    including its children's. (`ledger reg` with a
    running total of 300 lot-annotated commodities needs 2 GB at N = 10,000
    and more than 20 GB at N = 100,000.)"""
    text = subprocess.run(["ledger", "-f", str(path), "bal", *patterns, "--flat", "--no-total"],
                          check=True, capture_output=True, text=True).stdout
    out: Units = defaultdict(lambda: defaultdict(Decimal))
    pending: list[tuple[str, Decimal]] = []
    for line in text.splitlines():
        m = re.fullmatch(r'\s*(-?[\d,]+)\s+"?(SKU-[^" ]+)"?(?:\s\s+(\S+))?\s*', line)
        if not m:
            raise SystemExit(f"ledger bal: unexpected line {line!r}")
        pending.append((m.group(2), Decimal(m.group(1).replace(",", ""))))
        if m.group(3):
            for sku, q in pending:
                out[m.group(3)][sku] += q
            pending = []
    # --flat shows a parent's total with its children's: take theirs out
    own: Units = defaultdict(lambda: defaultdict(Decimal))
    for account, skus in out.items():
        for sku, q in skus.items():
            own[account][sku] += q
            parent = account.rsplit(":", 1)[0]
            if parent in out:
                own[parent][sku] -= q
    return own


def beancount_balances(path: Path) -> tuple[Units, dict[str, Decimal]]:
    """Units per account and SKU, and each account's balance in USD: lots
    at their cost, other currencies at the rate of the posting's day (the
    latest `price` on or before it), as landed converts a transaction."""
    import bisect

    from beancount import loader
    from beancount.core import data

    entries, errors, _ = loader.load_file(str(path))
    if errors:
        raise SystemExit(f"beancount: {len(errors)} errors, first: {errors[0]}")
    prices: dict[str, tuple[list, list]] = {"CNY": ([], []), "EUR": ([], [])}
    units: Units = defaultdict(lambda: defaultdict(Decimal))
    usd: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if isinstance(entry, data.Price):
            if entry.currency == "USD" and entry.amount.currency == "CNY":
                prices["CNY"][0].append(entry.date)
                prices["CNY"][1].append(1 / entry.amount.number)
            elif entry.currency == "EUR":
                prices["EUR"][0].append(entry.date)
                prices["EUR"][1].append(entry.amount.number)
        elif isinstance(entry, data.Transaction):
            for p in entry.postings:
                cur, number = p.units.currency, p.units.number
                if cur.startswith("SKU"):
                    units[p.account][cur] += number
                    usd[p.account] += number * p.cost.number
                elif cur == "USD":
                    usd[p.account] += number
                else:
                    dates, rates = prices[cur]
                    i = bisect.bisect_right(dates, entry.date) - 1
                    usd[p.account] += (number * rates[i]).quantize(Decimal("0.01"))
    return {a: {c: q for c, q in v.items()} for a, v in units.items()}, usd


# landed role -> the converter's accounts (prefixes) holding the same money
ROLES = [
    ("revenue", ["Income:Sales:"]),
    ("shipping_revenue", ["Income:Shipping:"]),
    ("sales_tax_payable", ["Liabilities:SalesTax:"]),
    ("sales_returns", ["Income:Refunds:"]),
    ("advertising", ["Expenses:ChannelFees:Advertising"]),
    ("storage_fees", ["Expenses:ChannelFees:Storage"]),
    ("fulfilment_fees", ["Expenses:ChannelFees:Fba-fulfilment"]),
    ("channel_fees", ["Expenses:ChannelFees:Referral", "Expenses:ChannelFees:Other"]),
    ("channel_receivable", ["Assets:Receivable:"]),
    ("cash", ["Assets:Bank:"]),
    ("payable", ["Liabilities:Payable:F-"]),
    # landed credits opening stock (a bare `receive`) to GRNI too
    ("grni", ["Liabilities:Received:", "Equity:Opening"]),
    ("inventory", ["Assets:Stock:"]),
    ("goods_in_transit", ["Assets:InTransit:"]),
    ("cogs", ["Expenses:COGS"]),
    ("transit_loss", ["Expenses:Inventory:Shrinkage"]),
]


def landed_units(report: dict) -> Units:
    out: Units = defaultdict(lambda: defaultdict(Decimal))
    for loc, skus in report["positions"].items():
        for sku, q in skus.items():
            sellable = q["available"] + q["committed"] + q["reserved"]
            out[f"Assets:Stock:{loc}"][sku] += sellable
            out[f"Assets:Stock:{loc}:Damaged"][sku] += q["damaged"]
            out[f"Assets:InTransit:{loc}"][sku] += q["in_transit"]
            out[f"(on_hand){loc}"][sku] += q["on_hand"]
    return out


def clean(u: Units) -> dict[str, dict[str, int]]:
    return {a: {c: int(q) for c, q in sorted(v.items()) if q} for a, v in sorted(u.items())
            if any(v.values()) and not a.startswith("(")}


def diff(name: str, peer: dict, ref: dict) -> int:
    bad = 0
    for account in sorted(set(peer) | set(ref)):
        p, r = peer.get(account, {}), ref.get(account, {})
        for sku in sorted(set(p) | set(r)):
            if p.get(sku, 0) != r.get(sku, 0):
                bad += 1
                if bad <= 5:
                    print(f"  {name}: {account} {sku}: peer {p.get(sku, 0)} landed {r.get(sku, 0)}")
    return bad


def main() -> None:
    outdir, report_path = Path(sys.argv[1]), Path(sys.argv[2])
    report = json.loads(report_path.read_text())
    ref_all = landed_units(report)
    ref = clean(ref_all)
    # on_hand = sellable + damaged, per location, as landed reports it
    on_hand_ok = all(
        ref_all[f"(on_hand){loc}"][sku]
        == ref_all[f"Assets:Stock:{loc}"][sku] + ref_all[f"Assets:Stock:{loc}:Damaged"][sku]
        for loc in report["positions"] for sku in report["positions"][loc])
    expected = json.loads((outdir / "expected-units.json").read_text())
    skip_beancount = "--skip-beancount" in sys.argv
    bean_units, bean_money = ({}, {}) if skip_beancount else beancount_balances(outdir / "year.beancount")
    peers = {
        "converter": expected,
        "hledger": clean(hledger_units(outdir / "year.hledger", "^Assets:(Stock|InTransit)")),
        "ledger": clean(ledger_units(outdir / "year.ledger", ["^Assets:Stock", "^Assets:InTransit"])),
    }
    if not skip_beancount:
        peers["beancount"] = clean(bean_units)
    cells = sum(len(v) for v in ref.values())
    units_total = sum(sum(v.values()) for v in ref.values())
    print(f"landed: {cells} non-zero (account, SKU) cells, {units_total} units; "
          f"on_hand = sellable + damaged at every position: {on_hand_ok}")
    failed = 0
    for name, units in peers.items():
        bad = diff(name, units, ref)
        print(f"units {name:<10} vs landed: {'exact match' if not bad else f'{bad} cells differ'}")
        failed += bad
    if skip_beancount:
        sys.exit(1 if failed else 0)
    # Money: landed's role balances (USD, functional) next to the same
    # accounts in the peers (Beancount's figures; the three files carry the
    # same postings), other currencies at the rate of the posting's day.
    print()
    print("| landed role | landed USD | peers USD (day's rate) | difference |")
    print("|---|---:|---:|---:|")
    mapped: set[str] = set()
    for role, prefixes in ROLES:
        landed_amount = Decimal(report["roles"].get(role, "0 USD").split()[0])
        accounts = [a for a in bean_money if any(a.startswith(p) for p in prefixes)]
        mapped.update(accounts)
        peer = sum((bean_money[a] for a in accounts), Decimal(0))
        print(f"| {role} | {landed_amount:.2f} | {peer:.2f} | {peer - landed_amount:.2f} |")
    others = {r: a for r, a in report["roles"].items() if r not in dict(ROLES) and Decimal(a.split()[0])}
    print("landed roles with no peer account: " + ", ".join(f"{r} {a}" for r, a in sorted(others.items())))
    print("peer accounts with no landed role above: " + ", ".join(
        f"{a} {bean_money[a]:.2f}" for a in sorted(bean_money) if a not in mapped and bean_money[a]))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
