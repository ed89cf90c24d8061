//! The scenarios of `tests/scenarios/` (see its README), run on the core's
//! `landed::Book` directly: every step's outcome or refusal, every query's
//! report, the head hash and, for a scenario that asks, the head hash of the
//! book replayed from its stored events, rendered as canonical JSON and
//! compared byte for byte with `NN-name.expected.json`. The Python, Node and
//! Kotlin suites run the same files through their bindings and compare with
//! the same expected files.
//!
//! `UPDATE_SCENARIOS=1 cargo test -p landed-json --test scenarios` writes
//! the expected files instead of checking them (read them before
//! committing: the hand-checked figures are in each scenario's
//! description).

use std::fs;
use std::path::{Path, PathBuf};

use landed::{Book, BookConfig, Command, Context, LandedError, NaiveDate};
use serde::Serialize;
use serde_json::{Map, Value, json};

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios")
}

/// The scenario files (`NN-name.json`, not the expected ones), sorted.
fn scenario_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(scenario_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    files.sort();
    files
}

/// Canonical JSON: keys sorted (by their UTF-8 bytes), no whitespace,
/// strings escaped as `serde_json` does.
fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).unwrap());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Number(n) => {
            assert!(
                n.is_i64() || n.is_u64(),
                "a float in the core's output: {n}"
            );
            out.push_str(&n.to_string());
        }
        other => out.push_str(&serde_json::to_string(other).unwrap()),
    }
}

fn to_value<T: Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap()
}

fn error_value(error: &LandedError) -> Value {
    json!({"error": {"code": error.code(), "message": error.to_string()}})
}

fn arg<'a>(args: &'a Value, key: &str) -> &'a str {
    args[key]
        .as_str()
        .unwrap_or_else(|| panic!("query argument {key:?} missing in {args}"))
}

fn opt<'a>(args: &'a Value, key: &str) -> Option<&'a str> {
    args.get(key).and_then(Value::as_str)
}

fn date(args: &Value, key: &str) -> NaiveDate {
    landed::parse_date(arg(args, key)).unwrap()
}

/// One query by name on the book: its report as JSON, or its error.
fn query(book: &Book, name: &str, args: &Value) -> Result<Value, LandedError> {
    Ok(match name {
        "position" => {
            to_value(book.position(arg(args, "sku"), arg(args, "location"), opt(args, "lot"))?)
        }
        "stock" => to_value(book.stock(arg(args, "sku"))?),
        "valuation" => to_value(book.valuation(opt(args, "sku"))?),
        "history" => to_value(book.history(arg(args, "sku"))?),
        "journal" => to_value(book.journal()),
        "trial_balance" => to_value(book.trial_balance(date(args, "as_of"), None)),
        "role_balances" => to_value(book.balances_by_role(date(args, "as_of"), None)),
        "account_ledger" => to_value(book.account_ledger(arg(args, "account"))?),
        "reconciliation" => to_value(book.reconciliation()),
        "landed_cost" => to_value(book.landed_cost(opt(args, "sku"))?),
        "in_transit" => to_value(book.in_transit(date(args, "as_of"))?),
        "transfer" => to_value(book.transfer(arg(args, "transfer"))?),
        "purchase_orders" => to_value(book.purchase_orders()?),
        "open_items" => to_value(book.open_items(date(args, "as_of"))),
        "accruals" => to_value(book.accruals()),
        "sales_order" => to_value(book.sales_order(arg(args, "channel"), arg(args, "order"))?),
        "sales_orders" => to_value(book.sales_orders(opt(args, "channel"))),
        "order_exceptions" => to_value(book.order_exceptions()),
        "sales_settlement" => to_value(book.sales_settlement(arg(args, "settlement"))?),
        "sales_settlements" => to_value(book.sales_settlements(opt(args, "channel"))),
        "profit" => {
            let mut query = landed::report::ProfitQuery::new(
                date(args, "from"),
                date(args, "to"),
                serde_json::from_value(args["group_by"].clone()).unwrap(),
            );
            if let Some(basis) = args.get("basis") {
                query.basis = serde_json::from_value(basis.clone()).unwrap();
            }
            query.channel = opt(args, "channel").map(str::to_owned);
            to_value(book.profit(&query)?)
        }
        "events" => to_value(book.events()),
        other => panic!("unknown query {other:?}"),
    })
}

/// Runs one scenario: the canonical JSON of its expected file (with the
/// trailing newline).
fn run(scenario: &Value) -> String {
    let config: BookConfig = serde_json::from_value(scenario["config"].clone()).unwrap();
    let mut book = Book::new(config.clone()).unwrap();
    let mut outcomes = Vec::new();
    for step in scenario["steps"].as_array().unwrap() {
        let command: Command = serde_json::from_value(step["command"].clone())
            .unwrap_or_else(|e| panic!("command {}: {e}", step["command"]));
        let context: Context = serde_json::from_value(step["context"].clone()).unwrap();
        let head = book.head_hash_hex();
        outcomes.push(match book.execute(command, &context) {
            Ok(outcome) => to_value(outcome),
            Err(error) => {
                // A refused command changes nothing.
                assert_eq!(book.head_hash_hex(), head);
                error_value(&error)
            }
        });
    }
    let queries = scenario
        .get("queries")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let reports = |book: &Book| -> Vec<Value> {
        queries
            .iter()
            .map(|q| {
                let name = q["query"].as_str().unwrap();
                let args = q.get("args").cloned().unwrap_or(json!({}));
                match query(book, name, &args) {
                    Ok(result) => result,
                    Err(error) => error_value(&error),
                }
            })
            .collect()
    };
    let live = reports(&book);
    let mut expected = Map::new();
    expected.insert("outcomes".into(), Value::Array(outcomes));
    expected.insert("reports".into(), Value::Array(live.clone()));
    expected.insert("version".into(), json!(book.version()));
    expected.insert("head_hash".into(), json!(book.head_hash_hex()));
    if scenario.get("replay") == Some(&Value::Bool(true)) {
        let stored = serde_json::to_string(book.events()).unwrap();
        let replayed = Book::replay_json(config, &stored).unwrap();
        let replayed_reports = reports(&replayed);
        assert_eq!(
            canonical(&Value::Array(replayed_reports)),
            canonical(&Value::Array(live)),
            "the replayed book's reports differ from the live book's"
        );
        expected.insert("replayed_head_hash".into(), json!(replayed.head_hash_hex()));
    }
    canonical(&Value::Object(expected)) + "\n"
}

/// Where two texts first differ: line, column and both sides around it.
fn first_difference(actual: &str, expected: &str) -> String {
    let at = actual
        .bytes()
        .zip(expected.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(actual.len().min(expected.len()));
    let line = expected[..at].matches('\n').count() + 1;
    let window = |text: &str| {
        let mut start = at.saturating_sub(80).min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 80).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text[start..end].to_owned()
    };
    format!(
        "first difference at byte {at} (line {line}):\n  actual:   …{}…\n  expected: …{}…",
        window(actual),
        window(expected)
    )
}

#[test]
fn every_scenario_gives_its_expected_output() {
    let update = std::env::var_os("UPDATE_SCENARIOS").is_some();
    let files = scenario_files();
    let count = files.len();
    let mut failures = Vec::new();
    for file in files {
        let scenario: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let actual = run(&scenario);
        let expected_file = file.with_extension("expected.json");
        if update {
            fs::write(&expected_file, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_file)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_file.display()));
        if actual != expected {
            failures.push(format!(
                "{}: {}",
                file.file_name().unwrap().to_string_lossy(),
                first_difference(&actual, &expected)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= 12, "only {count} scenarios");
}
