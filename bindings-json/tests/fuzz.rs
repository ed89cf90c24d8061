//! No-panic fuzzing of the JSON face and the book behind it (issue 11).
//!
//! Longer run (any case count; the default is sized for about a minute in a
//! debug build on two cores):
//!
//! ```text
//! PROPTEST_CASES=200000 cargo test -p landed-json --release --test fuzz
//! ```
//!
//! `PROPTEST_CASES` sets the cases of every test here. The properties:
//!
//! - **decoders**: random JSON values, command-shaped objects, token soup and
//!   random bytes given to every entry point that reads text (config,
//!   command, context, batch in both modes, replay, restore) never panic, and
//!   a refused command leaves the snapshot text and version unchanged;
//! - **mutated commands**: valid commands of every type (see [`commands`]),
//!   mutated (keys dropped or added, values replaced by edge strings, edge
//!   numbers and values of other types), run in short sequences against the
//!   corpus book (`tests/corpus/bad-inputs.json` config + setup): no panic, no
//!   `INTERNAL`/`BOOK_POISONED`, a refused command changes nothing, and after
//!   an accepted one, replaying the log and restoring the snapshot both give
//!   the same snapshot text and every report still answers;
//! - **mutated logs**: a real event log with values edited, records dropped,
//!   duplicated, swapped or truncated (renumbered or not), and truncated text,
//!   given to replay: no panic, and a book that replay accepts answers every
//!   report and takes a command without panicking;
//! - **mutated snapshots**: the same for restore.
//!
//! A panic is caught and reported as a failing case with its input, which
//! proptest then shrinks.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Once, OnceLock};

use landed_json::{JsonBook, JsonQueries};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------------------
// Configuration and panic capture.

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Panics inside [`guard`] are recorded instead of printed (proptest would
/// print every one while shrinking); any other panic prints as usual.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
                    (*s).to_owned()
                } else if let Some(s) = info.payload().downcast_ref::<String>() {
                    s.clone()
                } else {
                    "non-text panic".to_owned()
                };
                // The innermost frame of the core, which names the function
                // that panicked when the panic itself is in a dependency.
                let trace = std::backtrace::Backtrace::force_capture().to_string();
                let lines: Vec<&str> = trace.lines().collect();
                let core_frame = lines
                    .iter()
                    .position(|l| l.contains(" landed::") || l.contains(" <landed::"))
                    .map(|i| {
                        let place = lines.get(i + 1).map_or("", |l| l.trim());
                        format!(" in {} {place}", lines[i].trim())
                    })
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = format!("{msg}{at}{core_frame}"));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into `Err(message with location)`.
fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|_| LAST_PANIC.with(|p| p.borrow().clone()))
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(600).collect();
    if out.len() < text.len() {
        out.push_str(&format!("… ({} bytes)", text.len()));
    }
    out
}

fn fail(what: &str, input: &str, detail: &str) -> TestCaseError {
    TestCaseError::fail(format!("{what}: {detail}\ninput: {}", short(input)))
}

/// Codes that mean an internal fault: never acceptable for any input.
fn is_fault(code: &str) -> bool {
    matches!(code, "INTERNAL" | "BOOK_POISONED")
}

// ---------------------------------------------------------------------------
// The seeded book: the corpus config and setup.

struct Seed {
    config: String,
    book: JsonBook,
    snapshot: String,
    /// The setup's log plus a few more valid commands: the base of the
    /// mutated-log property.
    rich_events: String,
    /// Snapshot of that richer book.
    rich_snapshot: String,
}

fn seed() -> &'static Seed {
    static SEED: OnceLock<Seed> = OnceLock::new();
    SEED.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/corpus/bad-inputs.json"
        );
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let config = doc["config"].to_string();
        let mut book = JsonBook::new(&config).unwrap();
        for step in doc["setup"].as_array().unwrap() {
            book.execute(&step["command"].to_string(), &step["context"].to_string())
                .unwrap_or_else(|e| panic!("setup: {} {e}", e.code()));
        }
        let snapshot = book.snapshot().unwrap();
        let mut rich = book.clone();
        for (i, c) in commands().iter().enumerate() {
            let _ = rich.execute(&c.to_string(), &ctx_text(&format!("rich-{i}"), None));
        }
        Seed {
            config,
            snapshot,
            rich_events: rich.events().unwrap(),
            rich_snapshot: rich.snapshot().unwrap(),
            book,
        }
    })
}

fn ctx_text(id: &str, expected_version: Option<u64>) -> String {
    let mut c = json!({"at": "2026-11-10T09:00:00Z", "command_id": id});
    if let Some(v) = expected_version {
        c["expected_version"] = json!(v);
    }
    c.to_string()
}

fn usd(amount: &str) -> Value {
    json!({"amount": amount, "currency": "USD"})
}

/// Valid commands of every type against the seeded book (most succeed on it
/// as they stand; a few need an earlier one, e.g. shipping a confirmed PO).
fn commands() -> &'static [Value] {
    static LIST: OnceLock<Vec<Value>> = OnceLock::new();
    LIST.get_or_init(|| {
        vec![
            json!({"type": "define_sku", "code": "LAMP2", "name": "Floor lamp", "weight_kg": "2.5",
                   "dimensions_cm": {"length": "40", "width": "40", "height": "150"}, "hs_code": "9405",
                   "declared_value": usd("30.00"), "country_of_origin": "CN", "category": "lighting"}),
            json!({"type": "update_sku", "code": "LAMP", "name": "Desk lamp v2", "weight_kg": "1.3",
                   "shelf_life_days": 900, "category": "lighting"}),
            json!({"type": "deactivate_sku", "sku": "LAMP2"}),
            json!({"type": "define_bundle", "code": "KIT", "name": "Kit",
                   "components": [{"sku": "LAMP", "quantity": 2}, {"sku": "TEA", "quantity": 1}]}),
            json!({"type": "define_location", "code": "NL", "name": "Venlo", "kind": "third_party",
                   "country": "NL", "valuation_scope": "EU"}),
            json!({"type": "receive", "sku": "LAMP", "location": "SZ", "quantity": 3, "unit_cost": usd("2.50"),
                   "reference": "GRN-X"}),
            json!({"type": "receive", "sku": "TEA", "location": "SZ", "quantity": 4, "unit_cost": usd("1.30"),
                   "lot": "L2", "expiry": "2027-12-31", "bucket": "quality_control"}),
            json!({"type": "receive", "sku": "LAMP", "location": "DE", "quantity": 2, "unit_cost": usd("2.70"),
                   "bucket": "damaged", "damage_reason": "crushed"}),
            json!({"type": "issue", "sku": "LAMP", "location": "SZ", "quantity": 2, "reason": "sale",
                   "channel": "amazon", "reference": "SO-1"}),
            json!({"type": "issue", "sku": "TEA", "location": "SZ", "quantity": 1, "reason": "sample"}),
            json!({"type": "move", "sku": "LAMP", "location": "SZ", "quantity": 1, "from": "available",
                   "to": "damaged", "reason": "dropped"}),
            json!({"type": "move", "sku": "TEA", "location": "SZ", "quantity": 1, "from": "available",
                   "to": "reserved", "lot": "L1"}),
            json!({"type": "adjust", "sku": "LAMP", "location": "SZ", "quantity": -1, "reason": "count"}),
            json!({"type": "adjust", "sku": "LAMP", "location": "SZ", "quantity": 2, "unit_cost": usd("2.60"),
                   "reason": "found"}),
            json!({"type": "open_stocktake", "stocktake": "ST-2", "location": "DE"}),
            json!({"type": "record_count", "stocktake": "ST-1", "sku": "LAMP", "counted": 9}),
            json!({"type": "post_stocktake", "stocktake": "ST-1"}),
            json!({"type": "cancel_stocktake", "stocktake": "ST-1"}),
            json!({"type": "post_entry", "date": "2026-11-05", "memo": "Bank fee", "document": "BANK-1",
                   "lines": [{"account": "6000", "debit": "1.50", "dimensions": {"channel": "amazon"}},
                             {"account": "1100", "credit": "1.50"}]}),
            json!({"type": "post_entry", "date": "2026-11-05", "memo": "EUR cash",
                   "lines": [{"account": "1100", "amount": {"amount": "10.00", "currency": "EUR"}, "rate": "1.08"},
                             {"account": "3000", "credit": "10.80"}]}),
            // Near the top of the exact range (10^25): two of them pass it.
            json!({"type": "post_entry", "date": "2026-11-05", "memo": "Huge",
                   "lines": [{"account": "1100", "debit": "6000000000000000000000000.00"},
                             {"account": "3000", "credit": "6000000000000000000000000.00"}]}),
            json!({"type": "record_invoice", "document": "INV-H", "kind": "customer_invoice",
                   "party": "Whale", "date": "2026-11-05",
                   "amount": usd("3000000000000000000000000.00")}),
            json!({"type": "receive", "sku": "LAMP", "location": "SZ", "quantity": 1_000_000_000_000i64,
                   "unit_cost": usd("1000000000000")}),
            json!({"type": "reverse_entry", "entry": 22, "date": "2026-11-06"}),
            json!({"type": "lock_period", "through": "2026-11-01"}),
            json!({"type": "record_invoice", "document": "INV-2", "kind": "supplier_invoice", "party": "ACME",
                   "date": "2026-11-05", "due_date": "2026-12-05",
                   "amount": {"amount": "100.00", "currency": "EUR"}, "rate": "1.08"}),
            json!({"type": "record_settlement", "document": "INV-1", "date": "2026-11-06", "amount": usd("50.00"),
                   "reference": "PAY-1"}),
            json!({"type": "revalue", "date": "2026-11-30", "rates": {"EUR": "1.10"}}),
            json!({"type": "record_rates", "entries": [{"base": "EUR", "quote": "USD", "date": "2026-11-05",
                                                        "rate": "1.09", "rate_type": "spot"}]}),
            json!({"type": "define_supplier", "code": "BETA", "name": "Beta GmbH", "currency": "EUR",
                   "payment_terms_days": 14}),
            json!({"type": "create_purchase_order", "po": "PO-3", "supplier": "ACME", "date": "2026-11-05",
                   "lines": [{"sku": "LAMP", "quantity": 10, "unit_price": usd("2.40"), "destination": "SZ",
                              "expected_date": "2026-12-01"}],
                   "fixed_rate": "1", "over_receipt_tolerance_percent": "5"}),
            json!({"type": "confirm_purchase_order", "po": "PO-2"}),
            json!({"type": "ship_purchase_order", "po": "PO-2", "shipment": {"carrier": "MSK", "eta": "2026-12-10"}}),
            json!({"type": "receive_purchase_order", "po": "PO-1", "receipt": "GRN-2",
                   "lines": [{"line": 1, "quantity": 5, "bucket": "available"}]}),
            json!({"type": "close_purchase_order", "po": "PO-1"}),
            json!({"type": "match_supplier_invoice", "document": "SI-1", "supplier": "ACME", "date": "2026-11-06",
                   "lines": [{"receipt": "GRN-1", "line": 1, "quantity": 5, "unit_price": usd("2.50")}]}),
            json!({"type": "create_transfer", "transfer": "T-9", "source": "SZ", "destination": "DE",
                   "lines": [{"sku": "LAMP", "quantity": 1}, {"sku": "TEA", "quantity": 1, "lot": "L1"}],
                   "carrier": "UPS"}),
            json!({"type": "approve_transfer", "transfer": "T-1"}),
            json!({"type": "ship_transfer", "transfer": "T-2", "lines": [{"line": 1, "quantity": 2}],
                   "shipment": {"carrier": "DHL", "tracking": "TRK-9"}}),
            json!({"type": "record_milestone", "document": "T-3", "eta": "2026-11-20",
                   "milestone": {"event_id": "E9", "milestone": "arrived_port", "at": "2026-11-08T08:00:00Z",
                                 "place": "Hamburg"}}),
            json!({"type": "receive_transfer", "transfer": "T-3",
                   "lines": [{"line": 1, "accepted": 1, "damaged": 1, "damage_reason": "wet"}]}),
            json!({"type": "close_transfer", "transfer": "T-3", "short_to": "claim"}),
            json!({"type": "cancel_transfer", "transfer": "T-1"}),
            json!({"type": "apply_landed_cost", "voucher": "LC-9", "date": "2026-11-06",
                   "charges": [{"description": "Freight", "kind": "freight", "amount": usd("12.00"),
                                "account": "2200", "method": "weight"},
                               {"description": "Duty", "kind": "duty",
                                "amount": {"amount": "5.00", "currency": "EUR"}, "rate_date": "2026-11-05",
                                "account": "2300", "method": "manual",
                                "manual": [{"amount": "3.00", "currency": "EUR"},
                                           {"amount": "2.00", "currency": "EUR"}]}],
                   "targets": [{"type": "receipt", "receipt": "GRN-1", "line": 1},
                               {"type": "transfer", "transfer": "T-3", "line": 1}],
                   "estimate": true}),
        ]
    })
}

// ---------------------------------------------------------------------------
// Edge values and mutations.

const KEYS: &[&str] = &[
    "type",
    "sku",
    "location",
    "quantity",
    "unit_cost",
    "amount",
    "currency",
    "bucket",
    "lot",
    "expiry",
    "reason",
    "code",
    "name",
    "kind",
    "lines",
    "line",
    "po",
    "receipt",
    "supplier",
    "date",
    "debit",
    "credit",
    "account",
    "rate",
    "rates",
    "entries",
    "base",
    "quote",
    "transfer",
    "source",
    "destination",
    "stocktake",
    "counted",
    "entry",
    "through",
    "document",
    "party",
    "memo",
    "at",
    "command_id",
    "expected_version",
    "actor",
    "functional_currency",
    "valuation_method",
    "ledger",
    "trade",
    "seq",
    "version",
    "event",
    "fingerprint",
    "schema_version",
    "hash",
    "head_hash",
    "checksum",
    "from",
    "to",
    "accepted",
    "damaged",
    "short",
    "charges",
    "targets",
    "method",
    "manual",
    "shares",
    "value",
    "cost",
    "layer",
    "trace",
    "components",
    "bucke",
    "zz",
];

const TYPES: &[&str] = &[
    "define_sku",
    "update_sku",
    "deactivate_sku",
    "define_bundle",
    "define_location",
    "receive",
    "issue",
    "move",
    "adjust",
    "open_stocktake",
    "record_count",
    "post_stocktake",
    "cancel_stocktake",
    "post_entry",
    "reverse_entry",
    "lock_period",
    "record_invoice",
    "record_settlement",
    "revalue",
    "record_rates",
    "define_supplier",
    "create_purchase_order",
    "confirm_purchase_order",
    "ship_purchase_order",
    "receive_purchase_order",
    "close_purchase_order",
    "match_supplier_invoice",
    "create_transfer",
    "approve_transfer",
    "ship_transfer",
    "record_milestone",
    "receive_transfer",
    "close_transfer",
    "cancel_transfer",
    "apply_landed_cost",
    "record_payment",
    "accrue_landed_cost",
    "received",
    "issued",
    "journal_posted",
    "no_effect",
    "custom",
    "standard",
    "off",
    "receipt",
];

fn edge_values() -> &'static [Value] {
    static EDGES: OnceLock<Vec<Value>> = OnceLock::new();
    EDGES.get_or_init(|| {
        let mut v: Vec<Value> = vec![
            Value::Null,
            json!(true),
            json!(false),
            json!([]),
            json!({}),
            json!(0),
            json!(-1),
            json!(1),
            json!(2),
            json!(i64::MIN),
            json!(i64::MAX),
            json!(u64::MAX),
            json!(u32::MAX),
            json!(u32::MAX as u64 + 1),
            json!(1_000_000_000_000i64),
            json!(1_000_000_000_001i64),
            json!(1i64 << 62),
            json!(1.5),
            json!(-0.0),
            json!(1e300),
            json!(-1e-300),
            usd("2.50"),
            usd("79228162514264337593543950335"),
            json!({"amount": "1", "currency": "JPY"}),
            json!({"amount": "0.001", "currency": "KWD"}),
        ];
        for s in [
            "",
            " ",
            "\u{0}",
            "\n",
            "a\tb",
            "\u{7f}",
            "\u{85}",
            "é",
            "🦀",
            "\u{202e}rtl",
            "LAMP",
            "TEA",
            "SZ",
            "FBA-US",
            "DE",
            "L1",
            "PO-1",
            "PO-2",
            "GRN-1",
            "T-1",
            "T-3",
            "ST-1",
            "INV-1",
            "LC-1",
            "ACME",
            "1100",
            "1300",
            "3000",
            "USD",
            "EUR",
            "JPY",
            "KWD",
            "XYZ",
            "usd",
            "0",
            "-0",
            "1",
            "-1",
            "0.01",
            "-0.01",
            "1.5",
            "1e3",
            "+5",
            ".5",
            "1.",
            "NaN",
            "Infinity",
            "1_000",
            " 1.00",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
            "9.9999999999999999999999999999",
            "1000000000000000",
            "1000000000000000.01",
            "2026-11-05",
            "2026-10-15",
            "2026-02-30",
            "0001-01-01",
            "9999-12-31",
            "+262142-12-31",
            "2026-11-05T09:00:00Z",
            "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2026-11-05T09:00:00+14:00",
            "available",
            "damaged",
            "in_transit",
            "on_order",
            "sale",
            "fifo",
            "moving_average",
            "receipt",
            "transfer",
            "manual",
            "weight",
            "claim",
            "supplier_invoice",
            "customer_invoice",
            "setup-6",
            "setup-22",
        ] {
            v.push(json!(s));
        }
        v.push(json!("X".repeat(65)));
        v.push(json!("X".repeat(129)));
        v.push(json!("X".repeat(10_000)));
        v
    })
}

fn edge(i: usize) -> Value {
    let e = edge_values();
    e[i % e.len()].clone()
}

/// One mutation: which node (pre-order index, modulo the node count), what to
/// do, and a free choice (key, edge value…).
#[derive(Clone, Debug)]
struct Mutation {
    node: usize,
    op: u8,
    pick: usize,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (any::<usize>(), 0u8..8, any::<usize>()).prop_map(|(node, op, pick)| Mutation {
        node,
        op,
        pick,
    })
}

fn count_nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count_nodes).sum(),
        Value::Object(o) => o.values().map(count_nodes).sum(),
        _ => 0,
    }
}

fn nth_node(v: &mut Value, n: usize) -> Option<&mut Value> {
    if n == 0 {
        return Some(v);
    }
    let mut rest = n - 1;
    let children: Vec<&mut Value> = match v {
        Value::Array(a) => a.iter_mut().collect(),
        Value::Object(o) => o.values_mut().collect(),
        _ => return None,
    };
    for child in children {
        let size = count_nodes(child);
        if rest < size {
            return nth_node(child, rest);
        }
        rest -= size;
    }
    None
}

fn retype(v: &Value, pick: usize) -> Value {
    match v {
        Value::String(s) => match pick % 3 {
            0 => s
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| json!(s.len())),
            1 => s
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or(Value::Null, Value::Number),
            _ => json!([s]),
        },
        Value::Number(n) => match pick % 3 {
            0 => json!(n.to_string()),
            1 => json!(n.as_f64().unwrap_or(0.0) + 0.5),
            _ => json!({"amount": n.to_string(), "currency": "USD"}),
        },
        Value::Bool(b) => json!(b.to_string()),
        Value::Null => json!(""),
        Value::Array(a) => a.first().cloned().unwrap_or(Value::Null),
        Value::Object(o) => Value::Array(o.values().cloned().collect()),
    }
}

/// Big decimals and quantities that one command may still carry, or just not.
const BIG_DECIMALS: &[&str] = &[
    "79228162514264337593543950335",
    "70000000000000000000000000000",
    "39614081257132168796771975168",
    "1000000000000000",
    "999999999999999.99",
    "1000000000000000000000000000",
    "0.0000000000000000000000000001",
];
const BIG_INTEGERS: &[i64] = &[
    1_000_000_000_000,
    999_999_999_999,
    i64::MAX,
    1 << 62,
    1 << 53,
];

fn is_decimal_text(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.split('.').count() <= 2
        && digits
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn inflate(v: &mut Value, pick: usize) {
    match v {
        Value::String(s) if is_decimal_text(s) => {
            *s = BIG_DECIMALS[pick % BIG_DECIMALS.len()].to_owned();
        }
        Value::Number(n) if n.is_i64() && n.as_i64() != Some(0) => {
            *v = json!(BIG_INTEGERS[(pick / 7) % BIG_INTEGERS.len()]);
        }
        Value::Array(a) => a.iter_mut().for_each(|x| inflate(x, pick)),
        Value::Object(o) => o
            .iter_mut()
            // Line numbers and entry ids are references, not amounts.
            .filter(|(k, _)| !matches!(k.as_str(), "line" | "entry"))
            .for_each(|(_, x)| inflate(x, pick)),
        _ => {}
    }
}

fn mutate(root: &mut Value, m: &Mutation) {
    if m.op == 6 {
        // Inflate every number of the command alike (balanced entries stay
        // balanced), so sums reach the edge of their range.
        return inflate(root, m.pick);
    }
    let n = m.node % count_nodes(root);
    let Some(node) = nth_node(root, n) else {
        return;
    };
    match m.op {
        // Drop a key or an element.
        0 => match node {
            Value::Object(o) if !o.is_empty() => {
                let key = o.keys().nth(m.pick % o.len()).cloned().unwrap();
                o.remove(&key);
            }
            Value::Array(a) if !a.is_empty() => {
                a.remove(m.pick % a.len());
            }
            other => *other = edge(m.pick),
        },
        // Add a key (or element) with an edge value.
        1 => match node {
            Value::Object(o) => {
                o.insert(
                    KEYS[m.pick % KEYS.len()].to_owned(),
                    edge(m.pick / KEYS.len()),
                );
            }
            Value::Array(a) => {
                let extra = a
                    .get(m.pick % (a.len() + 1))
                    .cloned()
                    .unwrap_or_else(|| edge(m.pick));
                a.push(extra);
            }
            other => *other = edge(m.pick),
        },
        // Replace with an edge value.
        2 | 3 => *node = edge(m.pick),
        // Change the type, keeping the content where possible.
        4 => *node = retype(node, m.pick),
        6 => unreachable!(),
        // Replace the command type tag (or a key's value with a type name).
        _ => match node {
            Value::Object(o) => {
                o.insert("type".into(), json!(TYPES[m.pick % TYPES.len()]));
            }
            other => *other = json!(TYPES[m.pick % TYPES.len()]),
        },
    }
}

// ---------------------------------------------------------------------------
// Random inputs for the decoders.

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        "\\PC{0,12}".prop_map(Value::from),
        any::<usize>().prop_map(edge),
        select(TYPES).prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![select(KEYS).prop_map(str::to_owned), "[a-z_]{1,8}"],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// An object with a known `type` and known keys: reaches past the tag.
fn command_shaped() -> impl Strategy<Value = Value> {
    (
        select(TYPES),
        prop::collection::vec((select(KEYS), json_value()), 0..8),
    )
        .prop_map(|(t, kv)| {
            let mut o: Map<String, Value> =
                kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            o.insert("type".into(), json!(t));
            Value::Object(o)
        })
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\"type\"",
    "\"receive\"",
    "\"sku\"",
    "\"LAMP\"",
    "\"quantity\"",
    "1",
    "-1",
    "1e999",
    "-0",
    "0.5",
    "null",
    "true",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\\",
    " ",
    "\n",
    "\"at\"",
    "\"2026-11-05T09:00:00Z\"",
    "\"command_id\"",
    "\"x\"",
    "\"amount\"",
    "\"USD\"",
    "\"currency\"",
    "\"unit_cost\"",
    "\"location\"",
    "\"SZ\"",
    "99999999999999999999999",
    "\u{feff}",
];

fn input_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => json_value().prop_map(|v| v.to_string()),
        3 => command_shaped().prop_map(|v| v.to_string()),
        2 => prop::collection::vec(select(TOKENS), 0..40).prop_map(|t| t.concat()),
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(c, cut)| {
            // A valid command cut anywhere.
            let text = commands()[c % commands().len()].to_string();
            let mut at = cut % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text[..at].to_owned()
        }),
    ]
}

// ---------------------------------------------------------------------------
// Checks.

fn code_of<T>(r: &landed_json::Result<T>) -> Option<&'static str> {
    r.as_ref().err().map(|e| e.code())
}

/// Every report of a book, each under the guard.
fn exercise_reports(book: &JsonBook, input: &str, what: &str) -> Result<(), TestCaseError> {
    let checks: [(&str, &dyn Fn() -> Option<&'static str>); 15] = [
        ("snapshot", &|| code_of(&book.snapshot())),
        ("events", &|| code_of(&book.events())),
        ("config", &|| code_of(&book.config())),
        ("trial_balance", &|| {
            code_of(&book.trial_balance("2026-12-31", None))
        }),
        ("trial_balance filtered", &|| {
            code_of(&book.trial_balance("2026-11-03", Some(r#"{"location":"SZ"}"#)))
        }),
        ("reconciliation", &|| code_of(&book.reconciliation())),
        ("valuation", &|| code_of(&book.valuation(None))),
        ("journal", &|| code_of(&book.journal())),
        ("open_items", &|| code_of(&book.open_items("2026-12-31"))),
        ("purchase_orders", &|| code_of(&book.purchase_orders())),
        ("in_transit", &|| code_of(&book.in_transit("2026-11-10"))),
        ("landed_cost", &|| code_of(&book.landed_cost(None))),
        ("stock and history", &|| {
            code_of(&book.stock("LAMP")).or(code_of(&book.history("LAMP")))
        }),
        ("position", &|| {
            code_of(&book.position("TEA", "SZ", Some("L1")))
        }),
        ("account_ledger", &|| {
            code_of(&book.account_ledger("1300")).or(code_of(&book.transfer("T-3")))
        }),
    ];
    for (name, check) in checks {
        match guard(check) {
            Err(panic) => {
                return Err(fail(
                    &format!("{what}: report {name} panicked"),
                    input,
                    &panic,
                ));
            }
            Ok(Some(code)) if is_fault(code) => {
                return Err(fail(
                    &format!("{what}: report {name} failed with {code}"),
                    input,
                    "",
                ));
            }
            Ok(_) => {}
        }
    }
    Ok(())
}

/// Executes `command` with `context` on `book`: no panic, no internal fault,
/// nothing changed when refused; after success, replay and restore agree.
fn execute_checked(
    book: &mut JsonBook,
    command: &str,
    context: &str,
) -> Result<bool, TestCaseError> {
    let input = format!("command {command}\ncontext {context}");
    let before = book.snapshot().unwrap();
    let version = book.version();
    match guard(|| book.execute(command, context)) {
        Err(panic) => Err(fail("execute panicked", &input, &panic)),
        Ok(Err(e)) => {
            if is_fault(e.code()) {
                return Err(fail("execute: internal fault", &input, &e.to_string()));
            }
            let after = guard(|| book.snapshot().unwrap())
                .map_err(|p| fail("snapshot panicked", &input, &p))?;
            if after != before || book.version() != version {
                return Err(fail(
                    "refused command changed the book",
                    &input,
                    &format!("{} {e}", e.code()),
                ));
            }
            Ok(false)
        }
        Ok(Ok(_)) => {
            let snapshot = book.snapshot().unwrap();
            let events = book.events().unwrap();
            let config = &seed().config;
            match guard(|| JsonBook::replay(config, &events)) {
                Err(panic) => {
                    return Err(fail("replay of an accepted log panicked", &input, &panic));
                }
                Ok(Err(e)) => {
                    return Err(fail(
                        "replay refused the book's own log",
                        &input,
                        &format!("{} {e}", e.code()),
                    ));
                }
                Ok(Ok(replayed)) => {
                    if replayed.snapshot().unwrap() != snapshot {
                        return Err(fail("replayed book differs from the live one", &input, ""));
                    }
                }
            }
            match guard(|| JsonBook::restore(&snapshot)) {
                Err(panic) => {
                    return Err(fail("restore of an own snapshot panicked", &input, &panic));
                }
                Ok(Err(e)) => {
                    return Err(fail(
                        "restore refused the book's own snapshot",
                        &input,
                        &format!("{} {e}", e.code()),
                    ));
                }
                Ok(Ok(restored)) => {
                    if restored.snapshot().unwrap() != snapshot {
                        return Err(fail("restored book differs from the live one", &input, ""));
                    }
                }
            }
            exercise_reports(book, &input, "after an accepted command")?;
            Ok(true)
        }
    }
}

const VALID_CONTEXT: &str = r#"{"at":"2026-11-10T09:00:00Z","command_id":"fuzz-ctx"}"#;
const VALID_COMMAND: &str = r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":1,"unit_cost":{"amount":"2.50","currency":"USD"}}"#;

/// A book that replay or restore accepted: its reports and one command must
/// not panic.
fn exercise_accepted(mut book: JsonBook, input: &str, what: &str) -> Result<(), TestCaseError> {
    exercise_reports(&book, input, what)?;
    match guard(|| {
        book.execute(
            VALID_COMMAND,
            r#"{"at":"2026-11-20T09:00:00Z","command_id":"after-load"}"#,
        )
    }) {
        Err(panic) => Err(fail(
            &format!("{what}: a command on the loaded book panicked"),
            input,
            &panic,
        )),
        Ok(Err(e)) if is_fault(e.code()) => Err(fail(
            &format!("{what}: internal fault"),
            input,
            &e.to_string(),
        )),
        Ok(_) => exercise_reports(&book, input, what),
    }
}

fn load_checked(
    what: &str,
    input: &str,
    load: impl FnOnce() -> landed_json::Result<JsonBook>,
) -> Result<(), TestCaseError> {
    match guard(load) {
        Err(panic) => Err(fail(&format!("{what} panicked"), input, &panic)),
        Ok(Err(e)) if is_fault(e.code()) => Err(fail(
            &format!("{what}: internal fault"),
            input,
            &e.to_string(),
        )),
        Ok(Err(_)) => Ok(()),
        Ok(Ok(book)) => exercise_accepted(book, input, what),
    }
}

// ---------------------------------------------------------------------------
// Properties.

/// Context variants for mutated commands.
fn context_for(step: usize, variant: u8, version: u64, previous: &str) -> String {
    let id = format!("fz-{step}");
    match variant {
        0..=4 => ctx_text(&id, None),
        5 => ctx_text(&id, Some(version)),
        6 => ctx_text(&id, Some(version + 1)),
        7 => ctx_text("setup-6", None),
        8 => ctx_text(previous, None),
        9 => json!({"at": "2026-10-20T09:00:00Z", "command_id": id}).to_string(),
        10 => json!({"at": "9999-12-31T23:59:59Z", "command_id": id, "actor": "fuzz"}).to_string(),
        _ => json!({"at": "1970-01-01T00:00:00Z", "command_id": id}).to_string(),
    }
}

#[derive(Clone, Debug)]
struct Step {
    command: usize,
    mutations: Vec<Mutation>,
    context: u8,
}

fn step() -> impl Strategy<Value = Step> {
    (
        any::<usize>(),
        prop::collection::vec(mutation(), 0..4),
        0u8..12,
    )
        .prop_map(|(command, mutations, context)| Step {
            command,
            mutations,
            context,
        })
}

/// Log or snapshot edits beyond value mutations.
#[derive(Clone, Debug)]
enum LogEdit {
    Value(Mutation),
    Drop(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Truncate(usize),
    Renumber,
}

fn log_edit() -> impl Strategy<Value = LogEdit> {
    prop_oneof![
        4 => mutation().prop_map(LogEdit::Value),
        1 => any::<usize>().prop_map(LogEdit::Drop),
        1 => any::<usize>().prop_map(LogEdit::Duplicate),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| LogEdit::Swap(a, b)),
        1 => any::<usize>().prop_map(LogEdit::Truncate),
        1 => Just(LogEdit::Renumber),
    ]
}

fn renumber(records: &mut [Value]) {
    let mut version = 0u64;
    let mut last: Option<Value> = None;
    for (i, r) in records.iter_mut().enumerate() {
        let original = r.get("version").cloned();
        if last != original {
            version += 1;
            last = original;
        }
        if let Some(o) = r.as_object_mut() {
            o.insert("seq".into(), json!(i + 1));
            o.insert("version".into(), json!(version));
        }
    }
}

fn edit_log(records: &mut Vec<Value>, edit: &LogEdit) {
    let n = records.len();
    match edit {
        LogEdit::Value(m) if n > 0 => {
            let at = m.node % n;
            mutate(
                &mut records[at],
                &Mutation {
                    node: m.node / n,
                    ..m.clone()
                },
            );
        }
        LogEdit::Drop(i) if n > 0 => {
            records.remove(i % n);
        }
        LogEdit::Duplicate(i) if n > 0 => {
            let r = records[i % n].clone();
            records.insert(i % n + 1, r);
        }
        LogEdit::Swap(a, b) if n > 0 => records.swap(a % n, b % n),
        LogEdit::Truncate(k) => records.truncate(k % (n + 1)),
        LogEdit::Renumber => renumber(records),
        _ => {}
    }
}

fn cut(text: &str, at: usize) -> &str {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[..at]
}

/// Where `edited` differs from `original` (at most a few paths), so a
/// failure names the edit instead of printing a whole log or snapshot.
fn json_diff(original: &Value, edited: &Value) -> String {
    fn walk(a: &Value, b: &Value, path: String, out: &mut Vec<String>) {
        if a == b || out.len() >= 4 {
            return;
        }
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                    match (x.get(k), y.get(k)) {
                        (Some(p), Some(q)) => walk(p, q, format!("{path}/{k}"), out),
                        (Some(_), None) => out.push(format!("{path}/{k} removed")),
                        (None, Some(q)) => {
                            out.push(format!("{path}/{k} added: {}", short(&q.to_string())))
                        }
                        (None, None) => {}
                    }
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    walk(p, q, format!("{path}/{i}"), out);
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                out.push(format!("{path}: {} elements -> {}", x.len(), y.len()));
            }
            _ => out.push(format!(
                "{path}: {} -> {}",
                short(&a.to_string()),
                short(&b.to_string())
            )),
        }
    }
    let mut out = Vec::new();
    walk(original, edited, String::new(), &mut out);
    out.join("; ")
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn decoders_never_panic(text in input_text(), all_or_nothing in any::<bool>()) {
        let s = seed();
        load_checked("book config", &text, || JsonBook::new(&text))?;
        let mut book = s.book.clone();
        execute_checked(&mut book, &text, VALID_CONTEXT)?;
        let mut book = s.book.clone();
        execute_checked(&mut book, VALID_COMMAND, &text)?;
        let mut book = s.book.clone();
        match guard(|| book.execute_batch(&text, all_or_nothing)) {
            Err(panic) => return Err(fail("execute_batch panicked", &text, &panic)),
            Ok(Err(e)) => {
                prop_assert!(!is_fault(e.code()), "batch: {e}");
                prop_assert_eq!(book.snapshot().unwrap(), s.snapshot.clone(), "refused batch changed the book");
            }
            Ok(Ok(_)) => exercise_reports(&book, &text, "after a batch")?,
        }
        load_checked("replay", &text, || JsonBook::replay(&s.config, &text))?;
        load_checked("restore", &text, || JsonBook::restore(&text))?;
    }
}

proptest! {
    #![proptest_config(config(1200))]

    #[test]
    fn mutated_commands_never_panic_and_refusals_change_nothing(steps in prop::collection::vec(step(), 1..5)) {
        let mut book = seed().book.clone();
        let mut previous = "setup-22".to_owned();
        for (i, st) in steps.iter().enumerate() {
            let mut command = commands()[st.command % commands().len()].clone();
            for m in &st.mutations {
                mutate(&mut command, m);
            }
            let context = context_for(i, st.context, book.version(), &previous);
            execute_checked(&mut book, &command.to_string(), &context)?;
            previous = format!("fz-{i}");
        }
    }
}

proptest! {
    #![proptest_config(config(900))]

    #[test]
    fn mutated_logs_never_panic(edits in prop::collection::vec(log_edit(), 1..5), text_cut in any::<Option<usize>>()) {
        let s = seed();
        let mut records: Vec<Value> = serde_json::from_str(&s.rich_events).unwrap();
        for e in &edits {
            edit_log(&mut records, e);
        }
        let text = serde_json::to_string(&records).unwrap();
        let text = match text_cut {
            Some(at) if at % 4 == 0 => cut(&text, at / 4).to_owned(),
            _ => text,
        };
        let original: Value = serde_json::from_str(&s.rich_events).unwrap();
        let edit = format!("log edit: {}", json_diff(&original, &Value::Array(records)));
        load_checked("replay", &text, || JsonBook::replay(&s.config, &text))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{edit}")))?;
    }

    #[test]
    fn mutated_snapshots_never_panic(edits in prop::collection::vec(mutation(), 1..4), text_cut in any::<Option<usize>>()) {
        let s = seed();
        let mut snapshot: Value = serde_json::from_str(&s.rich_snapshot).unwrap();
        for m in &edits {
            mutate(&mut snapshot, m);
        }
        let text = snapshot.to_string();
        let text = match text_cut {
            Some(at) if at % 4 == 0 => cut(&text, at / 4).to_owned(),
            _ => text,
        };
        let original: Value = serde_json::from_str(&s.rich_snapshot).unwrap();
        let edit = format!("snapshot edit: {}", json_diff(&original, &snapshot));
        load_checked("restore", &text, || JsonBook::restore(&text))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{edit}")))?;
    }
}

/// The generator list is what the mutations start from: it must be valid on
/// the seeded book, or the fuzzing only sees refusals.
#[test]
fn generator_commands_are_valid() {
    let s = seed();
    let mut refused = Vec::new();
    for (i, c) in commands().iter().enumerate() {
        let mut book = s.book.clone();
        if let Err(e) = book.execute(&c.to_string(), &ctx_text(&format!("gen-{i}"), None)) {
            refused.push(format!("{}: {} {e}", c["type"], e.code()));
        }
    }
    // Two need an earlier one of the list: shipping PO-2 (confirm it first)
    // and deactivating LAMP2 (define it first).
    let expected = [
        "\"deactivate_sku\": UNKNOWN_SKU",
        "\"ship_purchase_order\": DOCUMENT_STATE",
    ];
    let unexpected: Vec<&String> = refused
        .iter()
        .filter(|r| !expected.iter().any(|e| r.starts_with(e)))
        .collect();
    assert!(
        unexpected.is_empty(),
        "generator commands refused on the seeded book:\n{}",
        refused.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Defects the properties above found, pinned as plain tests so each shows up
// on every run (the properties find them only on some seeds).

/// A unit cost given with fewer places than the currency's ("2.5", "0") is
/// kept as given by the live pool but rendered at the currency's scale in the
/// event, so the replayed book differed from the live one.
#[test]
fn found_unit_cost_scale_survives_replay() {
    let s = seed();
    for amount in ["2.5", "0", "1000000000000000"] {
        let mut book = s.book.clone();
        let command = json!({"type": "receive", "sku": "LAMP", "location": "SZ", "quantity": 4,
                             "unit_cost": usd(amount)});
        book.execute(&command.to_string(), &ctx_text("scale-1", None))
            .unwrap();
        let replayed = JsonBook::replay(&s.config, &book.events().unwrap()).unwrap();
        let live: Value = serde_json::from_str(&book.snapshot().unwrap()).unwrap();
        let again: Value = serde_json::from_str(&replayed.snapshot().unwrap()).unwrap();
        assert!(
            live == again,
            "unit cost {amount}: replay differs: {}",
            json_diff(&live, &again)
        );
    }
}

/// A log whose journal line was edited to a huge negative debit was replayed,
/// and the reports then panicked (unchecked `debit - credit` in the trial
/// balance and the reconciliation).
#[test]
fn found_edited_journal_line_does_not_panic_the_reports() {
    let s = seed();
    let mut records: Vec<Value> = serde_json::from_str(&s.book.events().unwrap()).unwrap();
    let voucher = records
        .iter_mut()
        .find(|r| r["event"]["type"] == "journal_posted")
        .unwrap();
    voucher["event"]["lines"][0]["debit"] = json!("-79228162514264337593543950335");
    let text = serde_json::to_string(&records).unwrap();
    load_checked("replay", &text, || JsonBook::replay(&s.config, &text)).unwrap();
}

/// A snapshot whose ledger totals name an account id out of range was
/// restored, and the trial balance then panicked with an index out of bounds.
#[test]
fn found_dangling_account_id_does_not_panic_the_reports() {
    let s = seed();
    let mut snapshot: Value = serde_json::from_str(&s.snapshot).unwrap();
    snapshot["ledger"]["daily"][0][0][0] = json!(u32::MAX);
    let text = snapshot.to_string();
    load_checked("restore", &text, || JsonBook::restore(&text)).unwrap();
}
