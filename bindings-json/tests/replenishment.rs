//! The replenishment book of `tests/data/replenishment-book.json`, which
//! every binding's replenishment test starts from, through the JSON face:
//! the plan of the worked example (the query of
//! `core/tests/replenishment.rs`) renders as the core's report, every
//! decimal an exact string.

mod common;

use common::{book_of, parse};
use landed::report::ReplenishmentQuery;
use landed_json::{DECIMAL_FIELDS, JsonBook, JsonQueries};
use serde_json::{Value, json};

const REPLENISHMENT_BOOK: &str = include_str!("../../tests/data/replenishment-book.json");

/// The query of `core/tests/replenishment.rs`.
const QUERY: &str = r#"{"as_of":"2026-11-30","window_days":10,"policies":[
    {"sku":"LAMP","location":"FBA-US","case_pack":24},
    {"sku":"LAMP","location":"SZ","daily_demand":"10","daily_demand_deviation":"3",
     "lead_time_days":"30","lead_time_deviation_days":"5","case_pack":50,"min_order_quantity":200}]}"#;

fn book() -> JsonBook {
    book_of(&serde_json::from_str(REPLENISHMENT_BOOK).unwrap())
}

/// Asserts that no field the JSON face calls decimal holds a number.
fn decimals_are_strings(value: &Value, path: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let here = format!("{path}.{key}");
                if DECIMAL_FIELDS.contains(&key.as_str()) {
                    assert!(!child.is_number(), "{here} is a number: {child}");
                }
                decimals_are_strings(child, &here);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                decimals_are_strings(item, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

#[test]
fn the_worked_example_renders_as_the_core_s_plan() {
    let book = book();
    let plan = parse(&book.replenishment(QUERY).unwrap());
    let core = book
        .book()
        .replenishment(&ReplenishmentQuery::from_json(QUERY).unwrap())
        .unwrap();
    assert_eq!(plan, serde_json::to_value(core).unwrap());
    decimals_are_strings(&plan, "plan");

    assert_eq!(
        (&plan["window_days"], &plan["service_level"], &plan["z"]),
        (&json!(10), &json!("0.95"), &json!("1.6449"))
    );
    let fba = &plan["lines"][0];
    assert_eq!(
        fba["demand"],
        json!({"source": "sales_history", "days": 10, "units": 100,
               "daily_mean": "10.0000", "daily_deviation": "1.4142"})
    );
    assert_eq!(
        fba["lead_time"],
        json!({"source": "transfer_history", "from": "SZ", "samples": 3,
               "mean_days": "30.00", "deviation_days": "2.00"})
    );
    assert_eq!(
        (
            &fba["safety_stock"],
            &fba["reorder_point"],
            &fba["fba_restock"]
        ),
        (&json!(36), &json!(336), &json!(250))
    );
    let sz = &plan["lines"][1];
    assert_eq!(
        (&sz["location"], &sz["safety_stock"], &sz["reorder_point"]),
        (&json!("SZ"), &json!(87), &json!(387))
    );
    assert_eq!(
        plan["suggestions"],
        json!([
            {"kind": "transfer", "sku": "LAMP", "location": "FBA-US", "from": "SZ", "needed": 250,
             "quantity": 264, "case_pack": 24, "min_order_quantity": 0, "source_available": 300,
             "likely_unit_cost": {"amount": "2.0000", "currency": "USD"},
             "likely_value": {"amount": "528.00", "currency": "USD"}},
            {"kind": "purchase", "sku": "LAMP", "location": "SZ", "from": "F1", "needed": 157,
             "quantity": 200, "case_pack": 50, "min_order_quantity": 200,
             "likely_unit_cost": {"amount": "2.0000", "currency": "USD"},
             "likely_value": {"amount": "400.00", "currency": "USD"}}
        ])
    );
    assert_eq!(
        plan["alerts"],
        json!([
            {"kind": "below_reorder_point", "sku": "LAMP", "location": "SZ"},
            {"kind": "stockout_before_arrival", "sku": "LAMP", "location": "FBA-US"}
        ])
    );
}

#[test]
fn malformed_queries_are_refused_naming_the_field() {
    let book = book();
    for (query, field) in [
        (
            r#"{"as_of":"2026-11-30","service_level":"1.5"}"#,
            "service_level",
        ),
        (
            r#"{"as_of":"2026-11-30","service_level":0.95}"#,
            "service_level",
        ),
        (r#"{"as_of":"2026-11-30","horizon":7}"#, "horizon"),
        (
            r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"SZ","case_pack":0}]}"#,
            "case_pack",
        ),
    ] {
        let err = book.replenishment(query).unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND", "{query}");
        assert!(err.to_string().contains(field), "{query}: {err}");
    }
    let err = book
        .replenishment(r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"XX"}]}"#)
        .unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_LOCATION");
}
