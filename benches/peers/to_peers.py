#!/usr/bin/env python3
"""Converts a seller's year (JSON lines from `benches/examples/year.rs`,
one `{"command":…,"context":…}` a line) into the three plain-text
accounting peers: an hledger journal, a ledger-cli file and a Beancount
file, plus a JSON file of the unit balances the converter expects per SKU
and location.

    python3 to_peers.py YEAR.jsonl OUTDIR

Stdlib only. What is modelled, and what is simplified or left out, is
listed in docs/benchmarks.md ("Peers side by side"). In short:

* stock is a commodity per SKU (`SKU-0001`), held on one account per
  location and bucket: `Assets:Stock:<LOC>` (sellable),
  `Assets:Stock:<LOC>:Damaged`, `Assets:InTransit:<LOC>` (transfers
  shipped toward LOC, purchase orders the supplier has shipped);
* lots: FIFO lots per SKU and location, tracked here (the converter
  mirrors FIFO itself) at the purchase price converted to USD at the rate
  of the day the supplier ships (opening stock at its USD unit cost). Beancount and
  ledger carry them as `{cost}` lot annotations, hledger as `@ cost`;
* no landed-cost allocation, no revaluation, no FX gain/loss: freight and
  duty are expensed, revaluations skipped, supplier bills carried in the
  supplier's currency, sales in the channel's currency;
* currency prices: `P` directives / `price` entries from record_rates.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict, deque
from decimal import Decimal
from pathlib import Path

LOCATIONS = ["SZ", "LA", "FBA-US", "FBA-DE"]
CENT = Decimal("0.01")
UNIT = Decimal("0.000001")


def d(text: str | int) -> Decimal:
    return Decimal(str(text))


def acct_name(account: str) -> str:
    """Capitalised components, dashes for underscores: valid in all three."""
    parts = account.replace("_", "-").split(":")
    return ":".join(p[:1].upper() + p[1:] for p in parts)


class Txn:
    """One transaction: date, narration, postings (account, amount text or None)."""

    __slots__ = ("date", "text", "postings")

    def __init__(self, date: str, text: str) -> None:
        self.date = date
        self.text = text
        # (account, kind, a, b, c): kind "cash" (qty, cur), "lot" (qty, sku, cost), "auto"
        self.postings: list[tuple] = []

    def cash(self, account: str, amount: Decimal, currency: str) -> None:
        if amount:
            self.postings.append((acct_name(account), "cash", amount, currency, None))

    def lot(self, account: str, qty: int, sku: str, cost: Decimal) -> None:
        if qty:
            self.postings.append((acct_name(account), "lot", qty, sku, cost))

    def auto(self, account: str) -> None:
        self.postings.append((account, "auto", None, None, None))


class Converter:
    def __init__(self) -> None:
        self.txns: list[Txn] = []
        self.prices: list[tuple[str, str, Decimal, str]] = []  # date, base, rate, quote
        self.usd_cny = Decimal("7.15")
        self.eur_usd = Decimal("1.085")
        self.suppliers: dict[str, str] = {}
        self.channels: dict[str, dict] = {}
        self.listings: dict[str, str] = {}
        # FIFO lots: (sku, account) -> deque of [qty, unit cost USD]
        self.lots: dict[tuple[str, str], deque] = defaultdict(deque)
        # what the generator calls available: on hand, not promised
        self.available: dict[tuple[str, str], int] = defaultdict(int)
        self.pos: dict[str, dict] = {}
        self.transfers: dict[str, dict] = {}
        self.orders: dict[tuple[str, str], dict] = {}
        self.invoices: dict[str, tuple[str, str]] = {}  # document -> supplier, currency
        self.settlements: dict[str, str] = {}  # settlement -> channel
        self.accruals: set[str] = set()
        self.skipped: dict[str, int] = defaultdict(int)
        self.date = "2026-01-01"

    # -- lots -------------------------------------------------------------
    def add_lot(self, sku: str, account: str, qty: int, cost: Decimal) -> None:
        q = self.lots[(sku, account)]
        if q and q[-1][1] == cost:
            q[-1][0] += qty
        else:
            q.append([qty, cost])

    def take(self, sku: str, account: str, qty: int) -> list[tuple[int, Decimal]]:
        q = self.lots[(sku, account)]
        out: list[tuple[int, Decimal]] = []
        while qty > 0:
            if not q:
                raise SystemExit(f"{self.date}: no stock of {sku} on {account}")
            lot = q[0]
            n = min(lot[0], qty)
            out.append((n, lot[1]))
            lot[0] -= n
            qty -= n
            if lot[0] == 0:
                q.popleft()
        return out

    def move(self, t: Txn, sku: str, src: str, dst: str | None, qty: int) -> list[tuple[int, Decimal]]:
        taken = self.take(sku, src, qty)
        for n, cost in taken:
            t.lot(src, -n, sku, cost)
            if dst is not None:
                t.lot(dst, n, sku, cost)
                self.add_lot(sku, dst, n, cost)
        return taken

    def new(self, text: str) -> Txn:
        t = Txn(self.date, text)
        self.txns.append(t)
        return t

    def to_usd(self, amount: Decimal, currency: str) -> Decimal:
        if currency == "USD":
            return amount
        if currency == "CNY":
            return (amount / self.usd_cny).quantize(UNIT)
        if currency == "EUR":
            return (amount * self.eur_usd).quantize(UNIT)
        raise SystemExit(f"currency {currency}")

    # -- commands ---------------------------------------------------------
    def run(self, cmd: dict, ctx: dict) -> None:
        self.date = ctx["at"][:10] if "at" in ctx else self.date
        kind = cmd["type"]
        getattr(self, "c_" + kind, self.skip)(cmd)

    def skip(self, cmd: dict) -> None:
        self.skipped[cmd["type"]] += 1

    def c_define_supplier(self, c: dict) -> None:
        self.suppliers[c["code"]] = c["currency"]

    def c_define_channel(self, c: dict) -> None:
        self.channels[c["code"]] = c

    def c_define_listing(self, c: dict) -> None:
        self.listings[c["listing"]] = c["sku"]

    def c_define_location(self, c: dict) -> None:
        pass

    c_define_sku = c_define_location
    c_confirm_purchase_order = c_define_location
    c_approve_transfer = c_define_location
    c_record_milestone = c_define_location

    def c_record_rates(self, c: dict) -> None:
        for e in c["entries"]:
            rate = d(e["rate"])
            if (e["base"], e["quote"]) == ("USD", "CNY"):
                self.usd_cny = rate
            elif (e["base"], e["quote"]) == ("EUR", "USD"):
                self.eur_usd = rate
            self.prices.append((e["date"], e["base"], rate, e["quote"]))

    def c_receive(self, c: dict) -> None:
        sku, loc, qty = c["sku"], c["location"], int(c["quantity"])
        cost = self.to_usd(d(c["unit_cost"]["amount"]), c["unit_cost"]["currency"])
        t = self.new(f"receive {sku} {loc} ({c.get('reference', '')})")
        acct = f"Assets:Stock:{loc}"
        t.lot(acct, qty, sku, cost)
        self.add_lot(sku, acct, qty, cost)
        t.cash("Equity:Opening", -(cost * qty), "USD")
        self.available[(sku, loc)] += qty

    def c_create_purchase_order(self, c: dict) -> None:
        self.pos[c["po"]] = c

    def c_ship_purchase_order(self, c: dict) -> None:
        # The supplier ships the whole order: from then on it is ours, in
        # transit to its destination (landed counts it `in_transit`), at the
        # order's price converted at the day's rate; owed to the supplier in
        # its currency as received-not-invoiced (the `@@` total is the
        # lots' USD cost exactly).
        po = self.pos[c["po"]]
        supplier = po["supplier"]
        t = self.new(f"{c['po']} shipped by {supplier}")
        for line in po["lines"]:
            qty = int(line["quantity"])
            price = d(line["unit_price"]["amount"])
            cur = line["unit_price"]["currency"]
            cost = self.to_usd(price, cur)
            acct = f"Assets:InTransit:{line.get('destination', 'SZ')}"
            t.lot(acct, qty, line["sku"], cost)
            self.add_lot(line["sku"], acct, qty, cost)
            if cur == "USD":
                t.cash(f"Liabilities:Received:{supplier}", -(price * qty), cur)
            else:
                t.postings.append((acct_name(f"Liabilities:Received:{supplier}"), "conv",
                                   -(price * qty), cur, cost * qty))

    def c_receive_purchase_order(self, c: dict) -> None:
        po = self.pos[c["po"]]
        t = self.new(f"{c['receipt']} {c['po']} {po['supplier']}")
        for row in c["lines"]:
            line = po["lines"][int(row["line"]) - 1]
            loc = line.get("destination", "SZ")
            qty = int(row["quantity"])
            self.move(t, line["sku"], f"Assets:InTransit:{loc}", f"Assets:Stock:{loc}", qty)
            self.available[(line["sku"], loc)] += qty

    def c_match_supplier_invoice(self, c: dict) -> None:
        supplier = c["supplier"]
        cur = self.suppliers[supplier]
        total = sum((d(r["unit_price"]["amount"]) * int(r["quantity"]) for r in c["lines"]), Decimal(0))
        t = self.new(f"{c['document']} {supplier}")
        t.cash(f"Liabilities:Received:{supplier}", total, cur)
        t.cash(f"Liabilities:Payable:{supplier}", -total, cur)
        self.invoices[c["document"]] = (supplier, cur)

    def c_record_payment(self, c: dict) -> None:
        amount = d(c["amount"]["amount"])
        cur = c["amount"]["currency"]
        doc = c["allocations"][0]["document"]
        t = self.new(f"{c['reference']}")
        if doc in self.invoices:
            supplier, _ = self.invoices[doc]
            t.cash(f"Liabilities:Payable:{supplier}", amount, cur)
            t.cash(f"Assets:Bank:{cur}", -amount, cur)
        elif doc in self.settlements:
            t.cash(f"Assets:Bank:{cur}", amount, cur)
            t.cash(f"Assets:Receivable:{self.settlements[doc]}", -amount, cur)
        else:
            raise SystemExit(f"payment for unknown document {doc}")

    def c_create_transfer(self, c: dict) -> None:
        self.transfers[c["transfer"]] = c
        for row in c["lines"]:
            self.available[(row["sku"], c["source"])] -= int(row["quantity"])

    def c_ship_transfer(self, c: dict) -> None:
        tr = self.transfers[c["transfer"]]
        t = self.new(f"ship {c['transfer']} {tr['source']} -> {tr['destination']}")
        for row in tr["lines"]:
            self.move(t, row["sku"], f"Assets:Stock:{tr['source']}",
                      f"Assets:InTransit:{tr['destination']}", int(row["quantity"]))

    def c_receive_transfer(self, c: dict) -> None:
        tr = self.transfers[c["transfer"]]
        dest = tr["destination"]
        t = self.new(f"receive {c['transfer']} at {dest}")
        transit = f"Assets:InTransit:{dest}"
        for row in c["lines"]:
            line = tr["lines"][int(row["line"]) - 1]
            sku = line["sku"]
            accepted = int(row.get("accepted", 0))
            self.move(t, sku, transit, f"Assets:Stock:{dest}", accepted)
            self.available[(sku, dest)] += accepted
            if row.get("damaged"):
                self.move(t, sku, transit, f"Assets:Stock:{dest}:Damaged", int(row["damaged"]))
            if row.get("short"):
                for n, cost in self.take(sku, transit, int(row["short"])):
                    t.lot(transit, -n, sku, cost)
                    t.cash("Expenses:Inventory:Shrinkage", cost * n, "USD")

    def c_ingest_sales_order(self, c: dict) -> None:
        ch = self.channels[c["channel"]]
        lines = []
        for row in c["lines"]:
            sku = self.listings[row["listing"]]
            qty = int(row["quantity"])
            if ch.get("fba_location"):
                split = [(ch["fba_location"], qty)]
                self.available[(sku, ch["fba_location"])] -= qty
            else:
                # split_lines: the first location first (Los Angeles), the
                # rest from the next (Shenzhen), as the generator plans it
                split, left = [], qty
                for loc in [x["location"] for x in ch["locations"]]:
                    n = min(max(self.available[(sku, loc)], 0), left)
                    if n:
                        split.append((loc, n))
                        self.available[(sku, loc)] -= n
                        left -= n
                if left:
                    raise SystemExit(f"order {c['order']}: {sku} short by {left}")
            lines.append({"sku": sku, "qty": qty, "split": split, "row": row, "cost": None})
        self.orders[(c["channel"], c["order"])] = {"lines": lines, "currency": ch["currency"]}

    def c_ship_sales_order(self, c: dict) -> None:
        order = self.orders[(c["channel"], c["order"])]
        cur = order["currency"]
        ch = c["channel"]
        t = self.new(f"{c['shipment']} {ch}")
        for line in order["lines"]:
            row = line["row"]
            principal = d(row["unit_price"]) * line["qty"]
            discount, shipping, tax = (d(row.get(k, "0")) for k in ("discount", "shipping", "tax"))
            t.cash(f"Assets:Receivable:{ch}", principal - discount + shipping + tax, cur)
            t.cash(f"Income:Sales:{ch}", -(principal - discount), cur)
            t.cash(f"Income:Shipping:{ch}", -shipping, cur)
            t.cash(f"Liabilities:SalesTax:{ch}", -tax, cur)
            for loc, n in line["split"]:
                for m, cost in self.take(line["sku"], f"Assets:Stock:{loc}", n):
                    t.lot(f"Assets:Stock:{loc}", -m, line["sku"], cost)
                    t.cash("Expenses:COGS", cost * m, "USD")
                    if line["cost"] is None:
                        line["cost"] = cost

    def c_receive_sales_return(self, c: dict) -> None:
        order = self.orders[(c["channel"], c["order"])]
        line = order["lines"][int(c["line"]) - 1]
        qty, loc, grade = int(c["quantity"]), c["location"], c["grade"]
        cost = line["cost"]
        t = self.new(f"{c['rma']} {grade}")
        if grade == "sellable":
            acct = f"Assets:Stock:{loc}"
            self.available[(line["sku"], loc)] += qty
        elif grade == "damaged":
            acct = f"Assets:Stock:{loc}:Damaged"
        else:
            acct = None
        if acct is None:
            self.skipped["receive_sales_return (disposed: no units)"] += 1
            self.txns.pop()
            return
        t.lot(acct, qty, line["sku"], cost)
        self.add_lot(line["sku"], acct, qty, cost)
        t.cash("Expenses:COGS", -(cost * qty), "USD")

    def c_refund_sales_order(self, c: dict) -> None:
        cur = self.channels[c["channel"]]["currency"]
        t = self.new(f"{c['refund']} {c['channel']}")
        total = sum((d(r["principal"]) for r in c["lines"]), Decimal(0))
        t.cash(f"Income:Refunds:{c['channel']}", total, cur)
        t.cash(f"Assets:Receivable:{c['channel']}", -total, cur)

    def c_record_channel_fee(self, c: dict) -> None:
        cur = self.channels[c["channel"]]["currency"]
        amount = d(c["amount"])
        t = self.new(f"{c['fee']} {c['channel']} {c.get('kind', '')}")
        t.cash(f"Expenses:ChannelFees:{c.get('kind', 'other')}", amount, cur)
        t.cash(f"Assets:Receivable:{c['channel']}", -amount, cur)

    def c_record_marketplace_settlement(self, c: dict) -> None:
        ch = c["channel"]
        cur = self.channels[ch]["currency"]
        self.settlements[c["settlement"]] = ch
        t = self.new(f"{c['settlement']} {ch}")
        fees: dict[str, Decimal] = defaultdict(Decimal)
        for row in c["rows"]:
            if row["kind"] == "fee":  # referral and FBA fees: new here
                fees[row["fee"]] += -d(row["amount"])
        for fee, amount in sorted(fees.items()):
            t.cash(f"Expenses:ChannelFees:{fee}", amount, cur)
            t.cash(f"Assets:Receivable:{ch}", -amount, cur)
        if not t.postings:
            self.txns.pop()

    def c_accrue_landed_cost(self, c: dict) -> None:
        amount = d(c["amount"]["amount"])
        cur = c["amount"]["currency"]
        t = self.new(f"{c['document']} accrued {c.get('kind', '')}")
        t.cash(f"Expenses:LandedCost:{c.get('kind', 'other')}", amount, cur)
        t.cash("Liabilities:Accrued", -amount, cur)
        self.accruals.add(c["document"])

    def c_apply_landed_cost(self, c: dict) -> None:
        if c.get("clears"):
            self.skipped["apply_landed_cost (clears an accrual: expensed then)"] += 1
            return
        t = self.new(f"{c['voucher']} landed cost")
        for charge in c["charges"]:
            amount = d(charge["amount"]["amount"])
            cur = charge["amount"]["currency"]
            t.cash(f"Expenses:LandedCost:{charge.get('kind', 'other')}", amount, cur)
            t.cash("Liabilities:Payable:Freight", -amount, cur)


# -- writers --------------------------------------------------------------

def num(x: Decimal) -> str:
    s = format(x.normalize(), "f")
    return s


def cash_text(amount: Decimal, cur: str) -> str:
    return f"{num(amount.quantize(CENT) if amount == amount.quantize(CENT) else amount)} {cur}"


def write_ledger(conv: Converter, path: Path, flavour: str) -> None:
    """flavour: 'hledger' (`@ cost`) or 'ledger' (`{cost}` lots)."""
    out: list[str] = [f"; a seller's year, written by benches/peers/to_peers.py for {flavour}", ""]
    for date, base, rate, quote in conv.prices:
        out.append(f"P {date} {base} {num(rate)} {quote}")
    out.append("")
    for t in conv.txns:
        out.append(f"{t.date} {t.text}")
        for account, kind, a, b, c in t.postings:
            if kind == "cash":
                out.append(f"    {account}  {cash_text(a, b)}")
            elif kind == "conv":
                out.append(f"    {account}  {cash_text(a, b)} @@ {num(abs(c))} USD")
            elif kind == "lot":
                if flavour == "ledger":
                    out.append(f'    {account}  {a} "{b}" {{{num(c)} USD}} @ {num(c)} USD')
                else:
                    out.append(f'    {account}  {a} "{b}" @ {num(c)} USD')
            else:
                out.append(f"    {account}")
        out.append("")
    path.write_text("\n".join(out))


def bean_account(account: str) -> str:
    return account


def write_beancount(conv: Converter, path: Path) -> None:
    out = [
        "; a seller's year, written by benches/peers/to_peers.py",
        'option "operating_currency" "USD"',
        'option "booking_method" "FIFO"',
        'option "inferred_tolerance_default" "*:0.000001"',
        "",
    ]
    accounts: set[str] = set()
    commodities: set[str] = set()
    for t in conv.txns:
        for account, kind, a, b, c in t.postings:
            accounts.add(account)
            if kind == "lot":
                commodities.add(b)
    for cur in ("USD", "CNY", "EUR"):
        out.append(f"2025-12-31 commodity {cur}")
    for sku in sorted(commodities):
        out.append(f"2025-12-31 commodity {sku}")
    for account in sorted(accounts):
        out.append(f"2025-12-31 open {bean_account(account)}")
    out.append("")
    for date, base, rate, quote in conv.prices:
        out.append(f"{date} price {base} {num(rate)} {quote}")
    out.append("")
    for t in conv.txns:
        text = t.text.replace('"', "'")
        out.append(f'{t.date} * "{text}"')
        for account, kind, a, b, c in t.postings:
            acct = bean_account(account)
            if kind == "cash":
                out.append(f"  {acct}  {num(a)} {b}")
            elif kind == "conv":
                out.append(f"  {acct}  {num(a)} {b} @@ {num(abs(c))} USD")
            elif kind == "lot":
                out.append(f"  {acct}  {a} {b} {{{num(c)} USD}}")
            else:
                out.append(f"  {acct}")
        out.append("")
    path.write_text("\n".join(out))


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit("usage: to_peers.py YEAR.jsonl OUTDIR")
    src, outdir = Path(sys.argv[1]), Path(sys.argv[2])
    outdir.mkdir(parents=True, exist_ok=True)
    conv = Converter()
    with src.open() as f:
        for line in f:
            if line.strip():
                item = json.loads(line)
                conv.run(item["command"], item["context"])
    write_ledger(conv, outdir / "year.hledger", "hledger")
    write_ledger(conv, outdir / "year.ledger", "ledger")
    write_beancount(conv, outdir / "year.beancount")
    # Expected units per SKU and account (the peers must report the same).
    units: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for t in conv.txns:
        for account, kind, a, b, c in t.postings:
            if kind == "lot":
                units[account][b] += a
    expected = {acct: {sku: q for sku, q in sorted(v.items()) if q} for acct, v in sorted(units.items())}
    (outdir / "expected-units.json").write_text(json.dumps(expected, indent=1))
    print(json.dumps({"transactions": len(conv.txns), "prices": len(conv.prices),
                      "skipped": dict(sorted(conv.skipped.items()))}))


if __name__ == "__main__":
    main()
