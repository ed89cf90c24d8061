//! The selling book of `tests/data/sales-book.json`, which every binding's
//! sales-order test starts from, through the JSON face: it is the core's
//! `sales_book` (same reports), and the three selling reports render as
//! their schemas say, money as exact decimal strings.

include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/data/sales_book.rs"
));

use landed_json::JsonBook;
use serde_json::{Value, json};

const SALES_BOOK: &str = include_str!("../../tests/data/sales-book.json");

fn fixture() -> Value {
    serde_json::from_str(SALES_BOOK).unwrap()
}

fn book() -> JsonBook {
    let fixture = fixture();
    let mut book = JsonBook::new(&fixture["config"].to_string()).unwrap();
    let out = book
        .execute_batch(&fixture["batch"].to_string(), true)
        .unwrap();
    let results: Vec<Value> = serde_json::from_str(&out).unwrap();
    for result in &results {
        assert!(result.get("ok").is_some(), "{result}");
    }
    book
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn the_fixture_is_the_core_s_sales_book() {
    let core = sales_book().unwrap();
    let book = book();
    assert_eq!(book.version(), core.version());
    assert_eq!(
        parse(&book.sales_orders(None).unwrap()),
        serde_json::to_value(core.sales_orders(None)).unwrap()
    );
    assert_eq!(
        parse(&book.order_exceptions().unwrap()),
        serde_json::to_value(core.order_exceptions()).unwrap()
    );
}

#[test]
fn the_split_order_ships_and_reports_its_amounts() {
    let mut book = book();
    let order = parse(&book.sales_order("shop-us", "1001").unwrap());
    assert_eq!(
        order["lines"][0]["locations"],
        json!([
            {"location": "LA", "reserved": 3, "shipped": 0},
            {"location": "SZ", "reserved": 2, "shipped": 0}
        ])
    );
    book.execute(
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1001"}"#,
        r#"{"at":"2026-11-21T09:00:00Z","command_id":"ship-1001"}"#,
    )
    .unwrap();
    let order = parse(&book.sales_order("shop-us", "1001").unwrap());
    let line = &order["lines"][0];
    assert_eq!(order["shipments"], json!(["S-1001"]));
    assert_eq!(
        (&line["shipped"], &line["reserved"]),
        (&json!(5), &json!(0))
    );
    assert_eq!(line["net_cost"], "38.00");
    assert_eq!(line["recognised"]["principal"], "125.00");
    let exceptions = parse(&book.order_exceptions().unwrap());
    assert_eq!(
        exceptions,
        json!([{"channel": "shop-us", "order": "1002", "line": "1", "kind": "unknown_listing", "quantity": 1}])
    );
    assert_eq!(
        parse(&book.sales_orders(Some("shop-us")).unwrap())
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(book.sales_orders(Some("ebay")).unwrap(), "[]");
    let err = book.sales_order("shop-us", "9999").unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_SALES_ORDER");
}
