#!/usr/bin/env python3
"""Writes tests/corpus/bad-inputs.json, the shared bad-input corpus.

Run from anywhere: `python3 tests/corpus/make_bad_inputs.py`. The JSON file is
the artifact the Rust, Python, Node and Kotlin runners read; this script only
keeps it easy to review and extend (edit here, regenerate, commit both).
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

CONFIG = {"functional_currency": "USD", "ledger": {"type": "standard"}}


def usd(amount):
    return {"amount": amount, "currency": "USD"}


SETUP_COMMANDS = [
    {"type": "define_location", "code": "SZ", "name": "Shenzhen warehouse", "kind": "own"},
    {"type": "define_location", "code": "FBA-US", "name": "Amazon US", "kind": "fba"},
    {"type": "define_location", "code": "DE", "name": "Berlin 3PL", "kind": "third_party"},
    {"type": "define_sku", "code": "LAMP", "name": "Desk lamp", "weight_kg": "1.2",
     "dimensions_cm": {"length": "30", "width": "20", "height": "10"}},
    {"type": "define_sku", "code": "TEA", "name": "Green tea", "lot_tracked": True,
     "shelf_life_days": 365},
    {"type": "receive", "sku": "LAMP", "location": "SZ", "quantity": 100, "unit_cost": usd("2.50"),
     "reference": "GRN-0"},
    {"type": "receive", "sku": "TEA", "location": "SZ", "quantity": 50, "unit_cost": usd("1.20"),
     "lot": "L1", "expiry": "2027-06-30"},
    {"type": "receive", "sku": "LAMP", "location": "FBA-US", "quantity": 10, "unit_cost": usd("2.50")},
    {"type": "define_supplier", "code": "ACME", "name": "Acme Lighting", "currency": "USD",
     "payment_terms_days": 30},
    {"type": "create_purchase_order", "po": "PO-1", "supplier": "ACME", "date": "2026-11-03",
     "lines": [{"sku": "LAMP", "quantity": 20, "unit_price": usd("2.40"), "destination": "SZ"}]},
    {"type": "confirm_purchase_order", "po": "PO-1"},
    {"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-1",
     "lines": [{"line": 1, "quantity": 5}]},
    {"type": "apply_landed_cost", "voucher": "LC-1", "date": "2026-11-04",
     "charges": [{"description": "Sea freight", "kind": "freight", "amount": usd("10.00"),
                  "account": "2200", "method": "quantity"}],
     "targets": [{"type": "receipt", "receipt": "GRN-1", "line": 1}]},
    {"type": "record_invoice", "document": "INV-1", "kind": "customer_invoice", "party": "Shop",
     "date": "2026-11-03", "amount": usd("100.00")},
    {"type": "post_entry", "date": "2026-11-03", "memo": "Owner capital",
     "lines": [{"account": "1100", "debit": "1000.00"}, {"account": "3000", "credit": "1000.00"}]},
    {"type": "record_rates", "entries": [{"base": "EUR", "quote": "USD", "date": "2026-11-01",
                                          "rate": "1.08"}]},
    {"type": "create_transfer", "transfer": "T-1", "source": "SZ", "destination": "DE",
     "lines": [{"sku": "LAMP", "quantity": 5}]},
    {"type": "lock_period", "through": "2026-10-31"},
    {"type": "open_stocktake", "stocktake": "ST-1", "location": "FBA-US"},
    {"type": "ship_purchase_order", "po": "PO-1",
     "shipment": {"carrier": "COSCO", "tracking": "TRK-1", "eta": "2026-12-01"}},
    {"type": "record_milestone", "document": "PO-1",
     "milestone": {"event_id": "E1", "milestone": "departed", "at": "2026-11-03T08:00:00Z"}},
    # The carrier repeats its event: no effect, but the command id must be remembered.
    {"type": "record_milestone", "document": "PO-1",
     "milestone": {"event_id": "E1", "milestone": "departed", "at": "2026-11-03T08:00:00Z"}},
    {"type": "create_purchase_order", "po": "PO-2", "supplier": "ACME", "date": "2026-11-03",
     "lines": [{"sku": "LAMP", "quantity": 10, "unit_price": usd("2.45"), "destination": "DE"}]},
    {"type": "create_transfer", "transfer": "T-2", "source": "SZ", "destination": "DE",
     "lines": [{"sku": "LAMP", "quantity": 3}]},
    {"type": "approve_transfer", "transfer": "T-2"},
    {"type": "create_transfer", "transfer": "T-3", "source": "SZ", "destination": "DE",
     "lines": [{"sku": "LAMP", "quantity": 2}]},
    {"type": "approve_transfer", "transfer": "T-3"},
    {"type": "ship_transfer", "transfer": "T-3", "shipment": {"carrier": "DHL"}},
]

SETUP = [
    {"command": c, "context": {"at": "2026-11-03T09:%02d:00Z" % i, "command_id": "setup-%d" % (i + 1)}}
    for i, c in enumerate(SETUP_COMMANDS)
]

CASES = []

DEFAULT_AT = "2026-11-10T09:00:00Z"
RECEIVE = {"type": "receive", "sku": "LAMP", "location": "SZ", "quantity": 1, "unit_cost": usd("2.50")}


def with_(base, **changes):
    out = json.loads(json.dumps(base))
    for k, v in changes.items():
        if v is DROP:
            out.pop(k, None)
        else:
            out[k] = v
    return out


DROP = object()


def add(name, kind, expect, **fields):
    assert not any(c["name"] == name for c in CASES), name
    case = {"name": name, "kind": kind}
    case.update(fields)
    case["expect"] = expect
    CASES.append(case)


def cmd(name, command, expect, context=None):
    if context is None:
        add(name, "command", expect, command=command)
    else:
        add(name, "command", expect, command=command, context=context)


def raw_cmd(name, raw, expect):
    add(name, "command", expect, raw=raw)


def ctx(name, context, expect, command=None):
    if command is None:
        add(name, "context", expect, context=context)
    else:
        add(name, "context", expect, command=command, context=context)


def raw_ctx(name, raw, expect):
    add(name, "context", expect, raw=raw)


def config(name, value, expect):
    add(name, "config", expect, raw=value if isinstance(value, str) else json.dumps(value))


def batch(name, items, expect):
    if isinstance(items, str):
        add(name, "batch_all_or_nothing", expect, raw=items)
    else:
        add(name, "batch_all_or_nothing", expect, command=items)


def replay(name, events, expect):
    add(name, "replay", expect, raw=events if isinstance(events, str) else json.dumps(events))


def recv(**changes):
    return with_(RECEIVE, **changes)


def at(i):
    return "2026-11-10T%02d:%02d:00Z" % (10 + i // 60, i % 60)


def item(command, n):
    return {"command": command, "context": {"at": at(n), "command_id": "batch-%d" % n}}


def entry(lines, date="2026-11-05", memo="Bad entry", **extra):
    out = {"type": "post_entry", "date": date, "memo": memo, "lines": lines}
    out.update(extra)
    return out


BALANCED = [{"account": "1100", "debit": "10.00"}, {"account": "3000", "credit": "10.00"}]
ISSUE = {"type": "issue", "sku": "LAMP", "location": "SZ", "quantity": 1, "reason": "sale"}
PO = {"type": "create_purchase_order", "po": "PO-9", "supplier": "ACME", "date": "2026-11-05",
      "lines": [{"sku": "LAMP", "quantity": 10, "unit_price": usd("2.40"), "destination": "SZ"}]}
SKU = {"type": "define_sku", "code": "LAMP2", "name": "Floor lamp"}
LOC = {"type": "define_location", "code": "NL", "name": "Venlo", "kind": "third_party"}
INVOICE = {"type": "record_invoice", "document": "INV-9", "kind": "customer_invoice", "party": "Shop",
           "date": "2026-11-05", "amount": usd("50.00")}
LANDED = {"type": "apply_landed_cost", "voucher": "LC-9", "date": "2026-11-05",
          "charges": [{"description": "Duty", "kind": "duty", "amount": usd("3.00"), "account": "2300",
                       "method": "quantity"}],
          "targets": [{"type": "receipt", "receipt": "GRN-1", "line": 1}]}
RATES = {"type": "record_rates", "entries": [{"base": "EUR", "quote": "USD", "date": "2026-11-05", "rate": "1.09"}]}

# ---- unknown keys, top level and nested -------------------------------------------------------
cmd("unknown key on receive: bucke (typo of bucket)", recv(bucke="damaged"), "INVALID_COMMAND")
cmd("unknown top-level key on issue", with_(ISSUE, comment="hi"), "INVALID_COMMAND")
cmd("unknown key inside money", recv(unit_cost={"amount": "2.50", "currency": "USD", "scale": 2}), "INVALID_COMMAND")
cmd("unknown key in purchase order line",
    with_(PO, lines=[{"sku": "LAMP", "quantity": 10, "unit_price": usd("2.40"), "destination": "SZ", "discount": "5"}]),
    "INVALID_COMMAND")
cmd("unknown key in purchase receipt line",
    {"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-9", "lines": [{"line": 1, "quantity": 1, "qty": 1}]},
    "INVALID_COMMAND")
cmd("unknown key in manual journal line",
    entry([{"account": "1100", "debit": "10.00", "memo": "x"}, {"account": "3000", "credit": "10.00"}]), "INVALID_COMMAND")
cmd("unknown key in manual journal line dimensions",
    entry([{"account": "1100", "debit": "10.00", "dimensions": {"sku": "LAMP", "warehouse": "SZ"}},
           {"account": "3000", "credit": "10.00"}]), "INVALID_COMMAND")
cmd("unknown key in manual entry", entry(BALANCED, approved_by="me"), "INVALID_COMMAND")
cmd("unknown key in shipment info",
    {"type": "ship_purchase_order", "po": "PO-1", "shipment": {"carrier": "DHL", "vessel": "Ever Given"}}, "INVALID_COMMAND")
cmd("unknown key in landed-cost charge",
    with_(LANDED, charges=[dict(LANDED["charges"][0], vat="1.00")]), "INVALID_COMMAND")
cmd("unknown key in landed-cost target",
    with_(LANDED, targets=[{"type": "receipt", "receipt": "GRN-1", "line": 1, "sku": "LAMP"}]), "INVALID_COMMAND")
cmd("unknown key in rate entry",
    {"type": "record_rates", "entries": [dict(RATES["entries"][0], source="ECB")]}, "INVALID_COMMAND")
cmd("unknown key in SKU dimensions",
    with_(SKU, dimensions_cm={"length": "1", "width": "1", "height": "1", "depth": "1"}), "INVALID_COMMAND")
cmd("unknown key in milestone record",
    {"type": "record_milestone", "document": "PO-1",
     "milestone": {"event_id": "E2", "milestone": "arrived_port", "at": "2026-11-09T08:00:00Z", "status": "ok"}},
    "INVALID_COMMAND")
cmd("unknown key in transfer line",
    {"type": "create_transfer", "transfer": "T-9", "source": "SZ", "destination": "DE",
     "lines": [{"sku": "LAMP", "quantity": 1, "priority": 1}]}, "INVALID_COMMAND")
cmd("unknown key on define_location", with_(LOC, timezone="Europe/Amsterdam"), "INVALID_COMMAND")
cmd("unknown key on invoice", with_(INVOICE, vat_rate="0.19"), "INVALID_COMMAND")
cmd("unknown key on unit-variant command", {"type": "confirm_purchase_order", "po": "PO-1", "force": True}, "INVALID_COMMAND")
ctx("unknown key in context: expected_versoin", {"at": DEFAULT_AT, "command_id": "ctx-unknown-1", "expected_versoin": 1},
    "INVALID_COMMAND")
ctx("unknown key in context: user", {"at": DEFAULT_AT, "command_id": "ctx-unknown-2", "user": "bob"}, "INVALID_COMMAND")

# ---- wrong types -----------------------------------------------------------------------------
cmd("quantity as a string", recv(quantity="5"), "INVALID_COMMAND")
cmd("quantity as a float 1.5", recv(quantity=1.5), "INVALID_COMMAND")
raw_cmd("quantity as a float 5.0",
        '{"type":"receive","sku":"LAMP","location":"SZ","quantity":5.0,"unit_cost":{"amount":"2.50","currency":"USD"}}',
        "INVALID_COMMAND")
raw_cmd("quantity in exponent form 1e3",
        '{"type":"receive","sku":"LAMP","location":"SZ","quantity":1e3,"unit_cost":{"amount":"2.50","currency":"USD"}}',
        "INVALID_COMMAND")
raw_cmd("quantity 1e400",
        '{"type":"receive","sku":"LAMP","location":"SZ","quantity":1e400,"unit_cost":{"amount":"2.50","currency":"USD"}}',
        "INVALID_COMMAND")
cmd("sku as a number", recv(sku=5), "INVALID_COMMAND")
cmd("sku null", recv(sku=None), "INVALID_COMMAND")
cmd("unit cost as a bare string", recv(unit_cost="2.50"), "INVALID_COMMAND")
cmd("currency as a number", recv(unit_cost={"amount": "2.50", "currency": 840}), "INVALID_COMMAND")
cmd("lot_tracked as a string", with_(SKU, lot_tracked="yes"), "INVALID_COMMAND")
cmd("shelf_life_days negative", with_(SKU, shelf_life_days=-1), "INVALID_COMMAND")
cmd("shelf_life_days beyond u32", with_(SKU, shelf_life_days=4294967296), "INVALID_COMMAND")
cmd("payment_terms_days as a float",
    {"type": "define_supplier", "code": "BETA", "name": "Beta", "currency": "USD", "payment_terms_days": 1.5},
    "INVALID_COMMAND")
cmd("receipt lines as an object",
    {"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-9", "lines": {"line": 1, "quantity": 1}},
    "INVALID_COMMAND")
cmd("receipt line number negative",
    {"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-9", "lines": [{"line": -1, "quantity": 1}]},
    "INVALID_COMMAND")
cmd("entry number as a string", {"type": "reverse_entry", "entry": "22", "date": "2026-11-05"}, "INVALID_COMMAND")
cmd("entry number negative", {"type": "reverse_entry", "entry": -1, "date": "2026-11-05"}, "INVALID_COMMAND")
cmd("journal debit as a JSON number", entry([{"account": "1100", "debit": 10}, {"account": "3000", "credit": "10"}]),
    "INVALID_COMMAND")
cmd("command is an array", [RECEIVE], "INVALID_COMMAND")
cmd("command is null", None, "INVALID_COMMAND")
cmd("command is a string", "receive", "INVALID_COMMAND")
cmd("command is an empty object", {}, "INVALID_COMMAND")
cmd("type tag is a number", recv(type=5), "INVALID_COMMAND")
cmd("type tag in another case", recv(type="Receive"), "INVALID_COMMAND")
cmd("type tag with a trailing space", recv(type="receive "), "INVALID_COMMAND")
cmd("unknown command type", {"type": "teleport", "sku": "LAMP"}, "INVALID_COMMAND")
ctx("expected_version as a string", {"at": DEFAULT_AT, "command_id": "ctx-type-1", "expected_version": "22"},
    "INVALID_COMMAND")
ctx("expected_version negative", {"at": DEFAULT_AT, "command_id": "ctx-type-2", "expected_version": -1}, "INVALID_COMMAND")
ctx("expected_version as a float", {"at": DEFAULT_AT, "command_id": "ctx-type-3", "expected_version": 22.0},
    "INVALID_COMMAND")
ctx("command_id as a number", {"at": DEFAULT_AT, "command_id": 42}, "INVALID_COMMAND")
ctx("at as a unix timestamp", {"at": 1762765200, "command_id": "ctx-type-5"}, "INVALID_COMMAND")
ctx("context is null", None, "INVALID_COMMAND")
ctx("context is an array", [DEFAULT_AT, "ctx-type-7"], "INVALID_COMMAND")
ctx("actor as a number", {"at": DEFAULT_AT, "command_id": "ctx-type-8", "actor": 7}, "INVALID_COMMAND")

# ---- missing required fields -----------------------------------------------------------------
cmd("receive without unit_cost", recv(unit_cost=DROP), "INVALID_COMMAND")
cmd("receive without location", recv(location=DROP), "INVALID_COMMAND")
cmd("issue without reason", with_(ISSUE, reason=DROP), "INVALID_COMMAND")
cmd("define_sku without name", with_(SKU, name=DROP), "INVALID_COMMAND")
cmd("post_entry without lines", {"type": "post_entry", "date": "2026-11-05", "memo": "x"}, "INVALID_COMMAND")
cmd("invoice without kind", with_(INVOICE, kind=DROP), "INVALID_COMMAND")
cmd("adjust without reason", {"type": "adjust", "sku": "LAMP", "location": "SZ", "quantity": -1}, "INVALID_COMMAND")
cmd("purchase order without supplier", with_(PO, supplier=DROP), "INVALID_COMMAND")
cmd("open_stocktake without location", {"type": "open_stocktake", "stocktake": "ST-9"}, "INVALID_COMMAND")
cmd("money without currency", recv(unit_cost={"amount": "2.50"}), "INVALID_COMMAND")
ctx("context without at", {"command_id": "ctx-missing-1"}, "INVALID_COMMAND")
ctx("context without command_id", {"at": DEFAULT_AT}, "INVALID_COMMAND")
ctx("context is an empty object", {}, "INVALID_COMMAND")

# ---- malformed JSON --------------------------------------------------------------------------
GOOD_RAW = '{"type":"receive","sku":"LAMP","location":"SZ","quantity":1,"unit_cost":{"amount":"2.50","currency":"USD"}}'
raw_cmd("truncated JSON", GOOD_RAW[:40], "INVALID_COMMAND")
raw_cmd("empty text", "", "INVALID_COMMAND")
raw_cmd("whitespace only", "  \n ", "INVALID_COMMAND")
raw_cmd("trailing comma", GOOD_RAW[:-1] + ",}", "INVALID_COMMAND")
raw_cmd("single-quoted JSON", GOOD_RAW.replace('"', "'"), "INVALID_COMMAND")
raw_cmd("trailing garbage after the object", GOOD_RAW + " extra", "INVALID_COMMAND")
raw_cmd("two objects", GOOD_RAW + GOOD_RAW, "INVALID_COMMAND")
raw_cmd("duplicate key", GOOD_RAW.replace('"sku":"LAMP"', '"sku":"LAMP","sku":"TEA"'), "INVALID_COMMAND")
raw_cmd("comment inside JSON", GOOD_RAW.replace('"quantity":1', '"quantity":1 /* one */'), "INVALID_COMMAND")
raw_cmd("NaN literal", GOOD_RAW.replace('"quantity":1', '"quantity":NaN'), "INVALID_COMMAND")
raw_cmd("lone surrogate escape in a code", GOOD_RAW.replace('"sku":"LAMP"', '"sku":"LA\\ud800MP"'), "INVALID_COMMAND")
raw_cmd("byte order mark before JSON", "\ufeff" + GOOD_RAW, "INVALID_COMMAND")
raw_cmd("deeply nested arrays", "[" * 2000 + "]" * 2000, "INVALID_COMMAND")
raw_cmd("deeply nested objects in a field", GOOD_RAW.replace('"quantity":1', '"quantity":' + '{"a":' * 500 + '1' + '}' * 500),
        "INVALID_COMMAND")
raw_ctx("truncated context JSON", '{"at":"2026-11-10T09:00:00Z",', "INVALID_COMMAND")
raw_ctx("empty context text", "", "INVALID_COMMAND")
raw_ctx("context with trailing garbage", '{"at":"2026-11-10T09:00:00Z","command_id":"ctx-raw-3"}x', "INVALID_COMMAND")

# ---- lenient decimals ------------------------------------------------------------------------
for text in ["1e3", "1E-2", "1_000", "+5", ".5", "1.", " 1.00", "1.00 ", "NaN", "Infinity", "-Infinity", "",
             "1,50", "0x10", "1.2.3", "--1", "\u0661", "0.12345678901234567890123456789",
             "9.9999999999999999999999999999", "123456789012345678901234567890"]:
    cmd("unit cost amount %s" % json.dumps(text), recv(unit_cost=usd(text)), "INVALID_COMMAND")
cmd("unit cost amount as a JSON number 1.5", recv(unit_cost={"amount": 1.5, "currency": "USD"}), "INVALID_COMMAND")
cmd("unit cost amount as a JSON integer 2", recv(unit_cost={"amount": 2, "currency": "USD"}), "INVALID_COMMAND")
cmd("journal debit 1e3", entry([{"account": "1100", "debit": "1e3"}, {"account": "3000", "credit": "1000"}]),
    "INVALID_COMMAND")
cmd("journal credit with 29 decimal places",
    entry([{"account": "1100", "debit": "1"}, {"account": "3000", "credit": "1.00000000000000000000000000000"}]),
    "INVALID_COMMAND")
cmd("rate +1.08", {"type": "record_rates", "entries": [dict(RATES["entries"][0], rate="+1.09")]}, "INVALID_COMMAND")
cmd("purchase order fixed_rate .5", with_(PO, fixed_rate=".5"), "INVALID_COMMAND")
cmd("purchase order tolerance 5%", with_(PO, over_receipt_tolerance_percent="5%"), "INVALID_COMMAND")
cmd("purchase order unit price 2.4e0",
    with_(PO, lines=[{"sku": "LAMP", "quantity": 10, "unit_price": usd("2.4e0"), "destination": "SZ"}]),
    "INVALID_COMMAND")
cmd("invoice amount 1_000", with_(INVOICE, amount=usd("1_000")), "INVALID_COMMAND")
cmd("invoice rate as a JSON number", with_(INVOICE, rate=1), "INVALID_COMMAND")
cmd("settlement amount with a leading space",
    {"type": "record_settlement", "document": "INV-1", "date": "2026-11-05", "amount": usd(" 50.00")}, "INVALID_COMMAND")
cmd("SKU weight 1.", with_(SKU, weight_kg="1."), "INVALID_COMMAND")
cmd("SKU dimension 1E2", with_(SKU, dimensions_cm={"length": "1E2", "width": "1", "height": "1"}), "INVALID_COMMAND")
cmd("landed-cost charge amount +3", with_(LANDED, charges=[dict(LANDED["charges"][0], amount=usd("+3"))]),
    "INVALID_COMMAND")

# ---- quantities ------------------------------------------------------------------------------
cmd("receive quantity 0", recv(quantity=0), "INVALID_QUANTITY")
cmd("receive quantity -5", recv(quantity=-5), "INVALID_QUANTITY")
cmd("receive quantity one above the per-command limit", recv(quantity=1000000000001), "INVALID_QUANTITY")
cmd("receive quantity 9e18 (beyond the per-command limit)", recv(quantity=9000000000000000000), "INVALID_QUANTITY")
cmd("receive quantity i64::MAX", recv(quantity=9223372036854775807), "INVALID_QUANTITY")
cmd("receive quantity i64::MIN", recv(quantity=-9223372036854775808), "INVALID_QUANTITY")
cmd("receive quantity 2^63 (does not fit i64)", recv(quantity=9223372036854775808), "INVALID_COMMAND")
cmd("issue quantity 0", with_(ISSUE, quantity=0), "INVALID_QUANTITY")
cmd("issue quantity -1", with_(ISSUE, quantity=-1), "INVALID_QUANTITY")
cmd("move quantity 0", {"type": "move", "sku": "LAMP", "location": "SZ", "quantity": 0, "from": "available",
                        "to": "reserved"}, "INVALID_QUANTITY")
cmd("adjust quantity 0", {"type": "adjust", "sku": "LAMP", "location": "SZ", "quantity": 0, "reason": "count"},
    "INVALID_QUANTITY")
cmd("adjust quantity far below the limit",
    {"type": "adjust", "sku": "LAMP", "location": "SZ", "quantity": -9223372036854775808, "reason": "count"},
    "INVALID_QUANTITY")
cmd("stocktake count -1", {"type": "record_count", "stocktake": "ST-1", "sku": "LAMP", "counted": -1}, "INVALID_QUANTITY")
cmd("purchase order line quantity 0",
    with_(PO, lines=[{"sku": "LAMP", "quantity": 0, "unit_price": usd("2.40"), "destination": "SZ"}]), "INVALID_QUANTITY")
cmd("purchase receipt quantity 0",
    {"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-9", "lines": [{"line": 1, "quantity": 0}]},
    "INVALID_QUANTITY")
cmd("transfer line quantity -3",
    {"type": "create_transfer", "transfer": "T-9", "source": "SZ", "destination": "DE",
     "lines": [{"sku": "LAMP", "quantity": -3}]}, "INVALID_QUANTITY")

# ---- sums that overflow ----------------------------------------------------------------------
SEVEN_E28 = "70000000000000000000000000000"
MAX_DEC = "79228162514264337593543950335"
cmd("manual entry whose debit lines overflow on one account and day",
    entry([{"account": "1100", "debit": SEVEN_E28}, {"account": "1100", "debit": SEVEN_E28},
           {"account": "3000", "credit": SEVEN_E28}, {"account": "3000", "credit": SEVEN_E28}]), "DECIMAL_OVERFLOW")
cmd("manual entry at the decimal maximum on a day that already has a total",
    entry([{"account": "1100", "debit": MAX_DEC}, {"account": "3000", "credit": MAX_DEC}], date="2026-11-03"),
    "DECIMAL_OVERFLOW")
cmd("invoice at the decimal maximum on a day that already has receivables",
    with_(INVOICE, date="2026-11-03", amount=usd(MAX_DEC)), "DECIMAL_OVERFLOW")
cmd("receipt of 1e12 units at 1e17 per unit (unit cost beyond its limit)",
    recv(quantity=1000000000000, unit_cost=usd("100000000000000000")), "INVALID_AMOUNT")
batch("two manual entries of 7e28 on one account and day (second overflows, batch rolled back)",
      [item(entry([{"account": "1100", "debit": SEVEN_E28}, {"account": "3000", "credit": SEVEN_E28}]), 1),
       item(entry([{"account": "1100", "debit": SEVEN_E28}, {"account": "3000", "credit": SEVEN_E28}]), 2)],
      "DECIMAL_OVERFLOW")
batch("100 receipts of 1e12 units at 1e15 overflow the pool and the ledger (batch rolled back)",
      [item(recv(quantity=1000000000000, unit_cost=usd("1000000000000000")), n) for n in range(100)],
      "DECIMAL_OVERFLOW")

# ---- codes, names and ids --------------------------------------------------------------------
BAD_CODES = [("empty", ""), ("NUL", "A\u0000B"), ("newline", "A\nB"), ("tab", "A\tB"), ("escape", "A\u001bB"),
             ("DEL", "A\u007fB"), ("C1 control NEL", "A\u0085B"), ("65 characters", "X" * 65),
             ("10,000 characters", "X" * 10000), ("leading space", " LAMP2"), ("trailing space", "LAMP2 "),
             ("only spaces", "   ")]
for label, code in BAD_CODES:
    cmd("SKU code: %s" % label, with_(SKU, code=code), "INVALID_COMMAND")
cmd("location code: empty", with_(LOC, code=""), "INVALID_COMMAND")
cmd("location code: trailing newline", with_(LOC, code="NL\n"), "INVALID_COMMAND")
cmd("location code: 65 characters", with_(LOC, code="L" * 65), "INVALID_COMMAND")
cmd("location name: 1001 characters", with_(LOC, name="n" * 1001), "INVALID_COMMAND")
cmd("SKU name with NUL", with_(SKU, name="Lamp\u0000"), "INVALID_COMMAND")
cmd("SKU name with a bell character", with_(SKU, name="Lamp\u0007"), "INVALID_COMMAND")
cmd("SKU category empty", with_(SKU, category=""), "INVALID_COMMAND")
cmd("journal memo with a control character", entry(BALANCED, memo="pay\u0008ment"), "INVALID_COMMAND")
cmd("journal memo of 1001 characters", entry(BALANCED, memo="m" * 1001), "INVALID_COMMAND")
cmd("lot with NUL", recv(sku="TEA", lot="L\u00002"), "INVALID_COMMAND")
cmd("lot of 65 characters", recv(sku="TEA", lot="L" * 65), "INVALID_COMMAND")
cmd("receive reference empty", recv(reference=""), "INVALID_COMMAND")
cmd("receive reference of 10,000 characters", recv(reference="R" * 10000), "INVALID_COMMAND")
cmd("issue of an existing SKU code with a trailing space", with_(ISSUE, sku="LAMP "), "INVALID_COMMAND")
cmd("issue channel with a newline", with_(ISSUE, channel="amazon\n"), "INVALID_COMMAND")
cmd("supplier code with a leading tab",
    {"type": "define_supplier", "code": "\tBETA", "name": "Beta", "currency": "USD"}, "INVALID_COMMAND")
cmd("purchase order number of 65 characters", with_(PO, po="P" * 65), "INVALID_COMMAND")
cmd("stocktake id empty", {"type": "open_stocktake", "stocktake": "", "location": "SZ"}, "INVALID_COMMAND")
cmd("account code with a leading space",
    entry([{"account": " 1100", "debit": "10.00"}, {"account": "3000", "credit": "10.00"}]), "INVALID_COMMAND")
cmd("invoice document number empty", with_(INVOICE, document=""), "INVALID_COMMAND")
cmd("invoice party with NUL", with_(INVOICE, party="Shop\u0000"), "INVALID_COMMAND")
cmd("landed-cost voucher id with a newline", with_(LANDED, voucher="LC\n9"), "INVALID_COMMAND")
cmd("transfer id with a carriage return",
    {"type": "create_transfer", "transfer": "T\r9", "source": "SZ", "destination": "DE",
     "lines": [{"sku": "LAMP", "quantity": 1}]}, "INVALID_COMMAND")

# ---- command ids and actors ------------------------------------------------------------------
for label, cid in [("empty", ""), ("129 characters", "c" * 129), ("with a newline", "bad\nid"),
                   ("with NUL", "bad\u0000id"), ("leading space", " bad-id"), ("trailing space", "bad-id "),
                   ("10,000 characters", "c" * 10000)]:
    ctx("command id: %s" % label, {"at": DEFAULT_AT, "command_id": cid}, "INVALID_COMMAND")
ctx("actor: empty", {"at": DEFAULT_AT, "command_id": "ctx-actor-1", "actor": ""}, "INVALID_COMMAND")
ctx("actor: 129 characters", {"at": DEFAULT_AT, "command_id": "ctx-actor-2", "actor": "a" * 129}, "INVALID_COMMAND")
ctx("actor: with a newline", {"at": DEFAULT_AT, "command_id": "ctx-actor-3", "actor": "ann\nbob"}, "INVALID_COMMAND")

# ---- dates and times -------------------------------------------------------------------------
for label, date in [("leading space", " 2026-11-05"), ("trailing space", "2026-11-05 "), ("month 13", "2026-13-01"),
                    ("day/month/year", "05/11/2026"), ("February 30", "2026-02-30"), ("no dashes", "20261105"),
                    ("with a time", "2026-11-05T00:00:00Z"), ("empty", "")]:
    cmd("journal date: %s" % label, entry(BALANCED, date=date), "INVALID_COMMAND")
cmd("journal date as a number", entry(BALANCED, date=20261105), "INVALID_COMMAND")
cmd("lock date November 31", {"type": "lock_period", "through": "2026-11-31"}, "INVALID_COMMAND")
cmd("lot expiry June 31", recv(sku="TEA", lot="L2", expiry="2027-06-31"), "INVALID_COMMAND")
cmd("milestone time without a zone",
    {"type": "record_milestone", "document": "PO-1",
     "milestone": {"event_id": "E2", "milestone": "arrived_port", "at": "2026-11-09T08:00:00"}}, "INVALID_COMMAND")
for label, t in [("no zone", "2026-11-10T09:00:00"), ("leading space", " 2026-11-10T09:00:00Z"),
                 ("trailing space", "2026-11-10T09:00:00Z "), ("date only", "2026-11-10"),
                 ("hour 25", "2026-11-10T25:00:00Z"), ("day/month/year", "10/11/2026 09:00"), ("empty", "")]:
    ctx("context time: %s" % label, {"at": t, "command_id": "ctx-time-%d" % len(CASES)}, "INVALID_COMMAND")

# ---- unknown enum values ---------------------------------------------------------------------
cmd("unknown bucket", recv(bucket="damagedd"), "INVALID_COMMAND")
cmd("unknown issue reason", with_(ISSUE, reason="gift"), "INVALID_COMMAND")
cmd("unknown move target bucket",
    {"type": "move", "sku": "LAMP", "location": "SZ", "quantity": 1, "from": "available", "to": "trash"}, "INVALID_COMMAND")
cmd("unknown location kind", with_(LOC, kind="warehouse"), "INVALID_COMMAND")
cmd("unknown invoice kind", with_(INVOICE, kind="credit_note"), "INVALID_COMMAND")
cmd("unknown charge kind", with_(LANDED, charges=[dict(LANDED["charges"][0], kind="tax")]), "INVALID_COMMAND")
cmd("unknown allocation method", with_(LANDED, charges=[dict(LANDED["charges"][0], method="weight_volume")]),
    "INVALID_COMMAND")
cmd("unknown milestone",
    {"type": "record_milestone", "document": "PO-1",
     "milestone": {"event_id": "E2", "milestone": "teleported", "at": "2026-11-09T08:00:00Z"}}, "INVALID_COMMAND")
cmd("unknown short_to", {"type": "close_transfer", "transfer": "T-1", "short_to": "carrier"}, "INVALID_COMMAND")
cmd("unknown rate type", {"type": "record_rates", "entries": [dict(RATES["entries"][0], rate_type="hourly")]},
    "INVALID_COMMAND")
cmd("unknown currency in money", recv(unit_cost={"amount": "2.50", "currency": "XYZ"}), "INVALID_COMMAND")
# Beyond the letter of the contract (currency codes are not in its list of codes), but the same rule as
# dates and codes: no surrounding whitespace. Money.from_code trims for direct calls; JSON input should not.
cmd("currency code with a trailing space", recv(unit_cost={"amount": "2.50", "currency": "USD "}), "INVALID_COMMAND")

# ---- unknown references and business rules (well-formed commands) ------------------------------
cmd("unknown SKU", with_(ISSUE, sku="NOPE"), "UNKNOWN_SKU")
cmd("unknown location", recv(location="MARS"), "UNKNOWN_LOCATION")
cmd("unknown lot", {"type": "issue", "sku": "TEA", "location": "SZ", "quantity": 1, "reason": "sale", "lot": "L9"},
    "UNKNOWN_LOT")
cmd("unknown journal account", entry([{"account": "9999", "debit": "10.00"}, {"account": "3000", "credit": "10.00"}]),
    "UNKNOWN_ACCOUNT")
cmd("settlement of an unknown document",
    {"type": "record_settlement", "document": "INV-404", "date": "2026-11-05", "amount": usd("10.00")},
    "UNKNOWN_DOCUMENT")
cmd("insufficient stock", with_(ISSUE, quantity=1000), "INSUFFICIENT_STOCK")
cmd("insufficient stock of a lot-tracked SKU",
    {"type": "issue", "sku": "TEA", "location": "SZ", "quantity": 51, "reason": "sale"}, "INSUFFICIENT_STOCK")
cmd("lot-tracked receipt without a lot", recv(sku="TEA"), "LOT_RULE")
cmd("receipt at a location frozen by a stocktake", recv(location="FBA-US"), "LOCATION_FROZEN")
cmd("SKU code already defined", with_(SKU, code="LAMP"), "DUPLICATE_CODE")
cmd("location code already defined", with_(LOC, code="SZ"), "DUPLICATE_CODE")
cmd("unit cost in another currency", recv(unit_cost={"amount": "2.50", "currency": "EUR"}), "CURRENCY_MISMATCH")
cmd("negative unit cost", recv(unit_cost=usd("-1.00")), "INVALID_AMOUNT")
cmd("unbalanced manual entry", entry([{"account": "1100", "debit": "10.00"}, {"account": "3000", "credit": "9.99"}]),
    "UNBALANCED_ENTRY")
cmd("manual entry in a locked period", entry(BALANCED, date="2026-10-15"), "PERIOD_LOCKED")
ctx("receipt dated in a locked period", {"at": "2026-10-20T09:00:00Z", "command_id": "ctx-locked"}, "PERIOD_LOCKED")
cmd("reversal dated in a locked period", {"type": "reverse_entry", "entry": 22, "date": "2026-10-15"}, "PERIOD_LOCKED")
cmd("reverse_entry of a stock voucher", {"type": "reverse_entry", "entry": 7, "date": "2026-11-05"}, "ENTRY_STATE")
cmd("reverse_entry of a landed-cost voucher", {"type": "reverse_entry", "entry": 19, "date": "2026-11-05"}, "ENTRY_STATE")
cmd("reverse_entry of an invoice", {"type": "reverse_entry", "entry": 21, "date": "2026-11-05"}, "ENTRY_STATE")
cmd("settlement larger than the open amount",
    {"type": "record_settlement", "document": "INV-1", "date": "2026-11-05", "amount": usd("200.00")},
    "SETTLEMENT_TOO_LARGE")
cmd("payment larger than the documents it names",
    {"type": "record_payment", "date": "2026-11-05", "amount": usd("500.00"),
     "allocations": [{"document": "INV-1"}]},
    "SETTLEMENT_TOO_LARGE")
cmd("payment naming a document twice",
    {"type": "record_payment", "date": "2026-11-05", "amount": usd("20.00"),
     "allocations": [{"document": "INV-1", "amount": usd("10.00")}, {"document": "INV-1", "amount": usd("10.00")}]},
    "INVALID_COMMAND")
cmd("landed-cost accrual of a negative amount",
    {"type": "accrue_landed_cost", "document": "FRT-9", "date": "2026-11-05", "description": "Freight",
     "amount": usd("-10.00"), "account": "2200"},
    "INVALID_AMOUNT")
cmd("voucher clearing an unknown accrual",
    {"type": "apply_landed_cost", "voucher": "LC-9", "date": "2026-11-05", "clears": "FRT-404",
     "charges": [{"description": "Freight", "kind": "freight", "amount": usd("10.00"),
                  "account": "1450", "method": "quantity"}],
     "targets": [{"type": "receipt", "receipt": "GRN-1", "line": 1}]},
    "UNKNOWN_DOCUMENT")
cmd("credit note in a locked period",
    {"type": "record_invoice", "document": "CN-9", "kind": "customer_credit_note", "party": "Shop",
     "date": "2026-10-15", "amount": usd("10.00")},
    "PERIOD_LOCKED")
cmd("over-receipt of a purchase order line",
    {"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-9", "lines": [{"line": 1, "quantity": 1000}]},
    "OVER_RECEIPT")
cmd("deactivate a SKU that has stock", {"type": "deactivate_sku", "sku": "LAMP"}, "SKU_HAS_STOCK")
cmd("ship a transfer that is still a draft", {"type": "ship_transfer", "transfer": "T-1"}, "DOCUMENT_STATE")
cmd("negative purchase order tolerance", with_(PO, over_receipt_tolerance_percent="-5"), "INVALID_COMMAND")
ctx("idempotency conflict: setup command id reused for another command",
    {"at": DEFAULT_AT, "command_id": "setup-6"}, "IDEMPOTENCY_CONFLICT")
ctx("idempotency conflict: id of a command that had no effect (repeated milestone)",
    {"at": DEFAULT_AT, "command_id": "setup-22"}, "IDEMPOTENCY_CONFLICT")
ctx("version conflict: expected version 1", {"at": DEFAULT_AT, "command_id": "ctx-version-1", "expected_version": 1},
    "VERSION_CONFLICT")
ctx("version conflict: expected version far ahead",
    {"at": DEFAULT_AT, "command_id": "ctx-version-2", "expected_version": 18446744073709551615}, "VERSION_CONFLICT")

# ---- batches (all or nothing: any failure leaves the book as it was) ---------------------------
batch("batch whose second item names an unknown SKU", [item(RECEIVE, 1), item(with_(ISSUE, sku="NOPE"), 2)], "UNKNOWN_SKU")
batch("batch whose second item reuses the first item's id for another command",
      [item(RECEIVE, 1), {"command": ISSUE, "context": {"at": at(2), "command_id": "batch-1"}}], "IDEMPOTENCY_CONFLICT")
batch("batch whose second item has an unknown key", [item(RECEIVE, 1), item(recv(bucke="damaged"), 2)], "INVALID_COMMAND")
batch("batch item with an unknown key beside command and context", [dict(item(RECEIVE, 1), note="x")], "INVALID_COMMAND")
batch("batch item without a context", [{"command": RECEIVE}], "INVALID_COMMAND")
batch("batch that is an object", '{"command":{},"context":{}}', "INVALID_COMMAND")
batch("batch text truncated", "[{\"command\":", "INVALID_COMMAND")

# ---- book configs ----------------------------------------------------------------------------
config("config: unknown functional currency", {"functional_currency": "XYZ"}, "INVALID_COMMAND")
config("config: currency as a number", {"functional_currency": 840}, "INVALID_COMMAND")
config("config: unknown key valuaton_method (typo)", {"functional_currency": "USD", "valuaton_method": "fifo"},
       "INVALID_COMMAND")
config("config: unknown valuation method lifo", {"functional_currency": "USD", "valuation_method": "lifo"},
       "INVALID_COMMAND")
config("config: unknown valuation scope", {"functional_currency": "USD", "valuation_scope": "region"}, "INVALID_COMMAND")
config("config: unknown negative-stock policy", {"functional_currency": "USD", "negative_stock": "sometimes"},
       "INVALID_COMMAND")
config("config: unknown rounding", {"functional_currency": "USD", "rounding": "up"}, "INVALID_COMMAND")
config("config: negative over-receipt tolerance",
       {"functional_currency": "USD", "trade": {"over_receipt_tolerance_percent": "-5"}}, "INVALID_COMMAND")
config("config: tolerance in exponent form",
       {"functional_currency": "USD", "trade": {"over_receipt_tolerance_percent": "1e1"}}, "INVALID_COMMAND")
config("config: unknown key in trade settings", {"functional_currency": "USD", "trade": {"max_rate_age": 3}},
       "INVALID_COMMAND")
config("config: negative max rate age", {"functional_currency": "USD", "trade": {"max_rate_age_days": -1}},
       "INVALID_COMMAND")
config("config: unknown pivot currency", {"functional_currency": "USD", "trade": {"pivot_currency": "EURO"}},
       "INVALID_COMMAND")
config("config: unknown ledger type", {"functional_currency": "USD", "ledger": {"type": "standrd"}}, "INVALID_COMMAND")
config("config: unknown key in ledger setup", {"functional_currency": "USD", "ledger": {"type": "standard", "chart": "x"}},
       "INVALID_COMMAND")
config("config: unknown key in a custom chart",
       {"functional_currency": "USD", "ledger": {"type": "custom", "accounts": [], "rules": [], "extra": 1}},
       "INVALID_COMMAND")
config("config: damage_write_down as a string", {"functional_currency": "USD", "damage_write_down": "yes"},
       "INVALID_COMMAND")
config("config: missing functional currency", {"valuation_method": "fifo"}, "INVALID_COMMAND")
config("config: an array", "[]", "INVALID_COMMAND")
config("config: empty text", "", "INVALID_COMMAND")
config("config: truncated", '{"functional_currency":', "INVALID_COMMAND")


# ---- replay of damaged event logs (schema version 1 records as the core wrote them before the
# hash chain; every case is refused, whatever else is wrong, once records must carry a hash) ----
def rec(seq, version, cid, event):
    return {"schema_version": 1, "seq": seq, "version": version, "command_id": cid, "fingerprint": "0000000000000000",
            "at": "2026-11-03T09:%02d:00Z" % seq, "event": event}


LOG = [
    rec(1, 1, "r-1", {"type": "location_defined", "location": {"code": "SZ", "name": "Shenzhen", "kind": "own"},
                      "scope": "SZ"}),
    rec(2, 2, "r-2", {"type": "sku_defined", "code": "LAMP", "name": "Lamp", "base_unit": "pcs", "lot_tracked": False}),
]


def received(seq, version, quantity):
    return rec(seq, version, "r-%d" % version,
               {"type": "received", "sku": "LAMP", "location": "SZ", "bucket": "available", "quantity": quantity,
                "unit_cost": usd("0"), "value": usd("0.00"), "cost": {"quantity": quantity, "value": "0", "layer": seq}})


replay("replay: text that is not JSON", "not json", "INVALID_EVENT_LOG")
replay("replay: an object instead of an array", "{}", "INVALID_EVENT_LOG")
replay("replay: numbers instead of records", "[1, 2]", "INVALID_EVENT_LOG")
replay("replay: an empty record", "[{}]", "INVALID_EVENT_LOG")
replay("replay: truncated text", json.dumps(LOG)[:-20], "INVALID_EVENT_LOG")
replay("replay: unknown key on a record", [dict(LOG[0], note="x")] + LOG[1:], "INVALID_EVENT_LOG")
replay("replay: unknown key inside an event",
       [LOG[0], dict(LOG[1], event=dict(LOG[1]["event"], colour="red"))], "INVALID_EVENT_LOG")
replay("replay: unknown event type", [LOG[0], dict(LOG[1], event={"type": "teleported"})], "INVALID_EVENT_LOG")
replay("replay: sequence gap", [LOG[0], dict(LOG[1], seq=3)], "INVALID_EVENT_LOG")
replay("replay: version going backwards", [dict(LOG[0], version=2), dict(LOG[1], version=1)], "INVALID_EVENT_LOG")
replay("replay: unknown schema version", [dict(r, schema_version=99) for r in LOG], "INVALID_EVENT_LOG")
replay("replay: time without a zone", [dict(LOG[0], at="2026-11-03T09:00:00")] + LOG[1:], "INVALID_EVENT_LOG")
replay("replay: lenient decimal in an event",
       LOG + [dict(received(3, 3, 5), event=dict(received(3, 3, 5)["event"], unit_cost=usd("1e0")))],
       "INVALID_EVENT_LOG")
replay("replay: two receipts of 2^62 units overflow the position",
       LOG + [received(3, 3, 4611686018427387904), received(4, 4, 4611686018427387904)], "INVALID_EVENT_LOG")
replay("replay: a receipt of a negative quantity", LOG + [received(3, 3, -5)], "INVALID_EVENT_LOG")
replay("replay: a receipt for an undefined SKU",
       [LOG[0], dict(received(2, 2, 5), event=dict(received(2, 2, 5)["event"], sku="NOPE"))], "INVALID_EVENT_LOG")


ABOUT = (
    "Shared bad-input corpus of the landed book (issue 11), run by the Rust (bindings-json/tests/corpus.rs), "
    "Python, Node and Kotlin test suites. Generated by tests/corpus/make_bad_inputs.py: edit that, regenerate, "
    "commit both. "
    "How to run it: build a book from `config` (JSON text of the value) and execute every `setup` entry in order "
    "(each must succeed). For each case start from that book (a fresh one or a copy), record its snapshot text and "
    "version, give it the bad input, and assert that the call fails with exactly the error code `expect` and, for "
    "kinds command, context and batch_all_or_nothing, that the snapshot text and the version are unchanged. "
    "Kinds: `command`: execute(command, context); the command text is `raw` verbatim if present, else the JSON "
    "text of `command`; the context is the JSON text of `context` if present, else the default context "
    "{\"at\":\"2026-11-10T09:00:00Z\",\"command_id\":\"bad-<index>\"} where <index> is the zero-based position of "
    "the case in `cases`. `context`: execute(command, context) with the context text `raw` verbatim if present, else "
    "the JSON text of `context` (a JSON null means the text `null`); the command is `command` if present, else the "
    "default command {\"type\":\"receive\",\"sku\":\"LAMP\",\"location\":\"SZ\",\"quantity\":1,"
    "\"unit_cost\":{\"amount\":\"2.50\",\"currency\":\"USD\"}}. `batch_all_or_nothing`: execute_batch(items, "
    "all_or_nothing = true) with the items text `raw` if present, else the JSON text of `command` (an array of "
    "{command, context}); the code is the error the call raises or, if it returns per-item results, the code of the "
    "first {\"error\": {\"code\", ...}} entry (there must be one). `config`: create a book from the text `raw`; it "
    "must fail. `replay`: replay the events-array text `raw` with the file's `config`; it must fail. There are no "
    "`restore` cases here: snapshots carry a checksum and head hash, so the Rust runner generates damaged snapshots "
    "from the setup book at test time (it also generates edited copies of the setup's real event log). "
    "A JSON value null for `command` or `context` is the text `null` (only a missing key means the default). "
    "Expected codes follow the issue 11 contract: every decoding problem of a command, context or config (malformed "
    "JSON, unknown key at any depth, wrong type, missing field, decimal string outside -?DIGITS(.DIGITS)? with at "
    "most 28 places or not fitting exactly, a JSON number where a decimal string is expected, a float where an "
    "integer is expected, bad or space-padded dates and times, codes/ids outside 1..=64 characters or with control "
    "characters or surrounding whitespace, command ids and actors outside 1..=128 characters, free text over 1000 "
    "characters or with control characters other than newline and tab) is INVALID_COMMAND; the same in an event log "
    "is INVALID_EVENT_LOG; a well-formed quantity <= 0 or above the per-command limit (1e12) is INVALID_QUANTITY; "
    "money sums that would overflow are DECIMAL_OVERFLOW with the book unchanged (quantity sums cannot reach i64 "
    "overflow through commands within the per-command limit, so QUANTITY_OVERFLOW is exercised by the replay "
    "cases); reverse_entry of a stock or landed-cost voucher or of a money document is ENTRY_STATE. The static replay cases are records "
    "in the pre-hash-chain format (schema_version 1, no hash); each is also damaged in the way its name says."
)


def dump(doc):
    """Top level indented, one line per setup entry and per case, so a diff shows which case changed."""
    out = ["{"]
    out.append(' "about": %s,' % json.dumps(doc["about"]))
    out.append(' "config": %s,' % json.dumps(doc["config"]))
    out.append(' "setup": [')
    out.append(",\n".join("  " + json.dumps(s) for s in doc["setup"]))
    out.append(' ],')
    out.append(' "cases": [')
    out.append(",\n".join("  " + json.dumps(c) for c in doc["cases"]))
    out.append(' ]')
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    doc = {"about": ABOUT, "config": CONFIG, "setup": SETUP, "cases": CASES}
    text = dump(doc)
    assert json.loads(text) == doc
    with open(os.path.join(HERE, "bad-inputs.json"), "w", encoding="utf-8") as f:
        f.write(text)
    print("%d cases" % len(CASES))


if __name__ == "__main__":
    main()
