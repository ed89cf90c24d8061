//! The selling book of `tests/data/sales-book.json`, which every binding's
//! sales-order test starts from, through the JSON face: it is the core's
//! `sales_book` (same reports), and the three selling reports render as
//! their schemas say, money as exact decimal strings.

include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/data/sales_book.rs"
));

mod common;

use common::{book_of, parse};
use landed_json::{JsonBook, JsonQueries};
use serde_json::{Value, json};

const SALES_BOOK: &str = include_str!("../../tests/data/sales-book.json");

fn fixture() -> Value {
    serde_json::from_str(SALES_BOOK).unwrap()
}

fn book() -> JsonBook {
    book_of(&fixture())
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

const PROFIT_BOOK: &str = include_str!("../../tests/data/profit-book.json");

/// The profit book of `tests/data/profit-book.json` (every binding's
/// profit test starts from it).
fn profit_book() -> JsonBook {
    book_of(&serde_json::from_str(PROFIT_BOOK).unwrap())
}

#[test]
fn profit_and_settlements_render_as_the_core_s() {
    let book = profit_book();
    let query = r#"{"from":"2026-11-01","to":"2026-11-30","group_by":"sku"}"#;
    let report = parse(&book.profit(query).unwrap());
    let core_query: landed::report::ProfitQuery = serde_json::from_str(query).unwrap();
    assert_eq!(
        report,
        serde_json::to_value(book.book().profit(&core_query).unwrap()).unwrap()
    );
    let lamp = &report["lines"][0];
    assert_eq!(lamp["key"], "LAMP");
    let figures = &lamp["figures"];
    assert_eq!(
        (
            &figures["revenue"],
            &figures["cogs"],
            &figures["fees"],
            &figures["profit"]
        ),
        (
            &json!("50.00"),
            &json!("16.00"),
            &json!("7.50"),
            &json!("26.50")
        ),
        "{report}"
    );
    // A zero leaves at the currency's scale, as every amount does.
    assert_eq!(
        (&figures["sales_returns"], &report["total"]["fx"]),
        (&json!("0.00"), &json!("0.00"))
    );
    let settlement = parse(&book.sales_settlement("P-1").unwrap());
    assert_eq!(settlement["net"], "44.50", "{settlement}");
    let all = parse(&book.sales_settlements(None).unwrap());
    assert_eq!(all, json!([settlement]));
    assert_eq!(book.sales_settlements(Some("ebay")).unwrap(), "[]");
    let err = book.sales_settlement("nope").unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_DOCUMENT");
    // The query is read strictly.
    let err = book
        .profit(r#"{"from":"2026-11-01","to":"2026-11-30","group_by":"sku","colour":"red"}"#)
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_COMMAND");
}

#[test]
fn available_to_sell_and_the_push_list_render_as_the_core_s() {
    let core = sales_book().unwrap();
    let mut book = book();
    assert_eq!(
        parse(&book.available_to_sell("shop-us", "desk-set").unwrap()),
        serde_json::to_value(core.available_to_sell("shop-us", "desk-set").unwrap()).unwrap()
    );
    assert_eq!(
        parse(&book.stock_to_push(None).unwrap()),
        json!([
            {"channel": "shop-us", "listing": "desk-set", "bundle": "DESK-SET", "previous": null, "available": 8},
            {"channel": "shop-us", "listing": "lamp-black", "sku": "LAMP", "previous": null, "available": 8}
        ])
    );
    // The commands come through the command JSON like any other.
    let context = r#"{"at":"2026-11-21T09:00:00Z","command_id":"policy"}"#;
    book.execute(
        r#"{"type":"set_listing_stock_policy","channel":"shop-us","listing":"lamp-black","share":"0.25"}"#,
        context,
    )
    .unwrap();
    let lamp = parse(&book.available_to_sell("shop-us", "lamp-black").unwrap());
    assert_eq!(
        (&lamp["available"], &lamp["policy"]["share"]),
        (&json!(2), &json!("0.25"))
    );
    let context = r#"{"at":"2026-11-21T09:00:00Z","command_id":"push-1"}"#;
    book.execute(
        r#"{"type":"acknowledge_stock_push","pushes":[{"channel":"shop-us","listing":"lamp-black","available":2}]}"#,
        context,
    )
    .unwrap();
    assert_eq!(
        parse(&book.stock_to_push(Some("shop-us")).unwrap()),
        json!([{"channel": "shop-us", "listing": "desk-set", "bundle": "DESK-SET", "previous": null, "available": 8}])
    );
    assert_eq!(
        book.stock_to_push(Some("ebay")).unwrap_err().code(),
        "UNKNOWN_CHANNEL"
    );
}

#[test]
fn a_channel_stock_reconciliation_renders_as_the_core_s() {
    let core = sales_book().unwrap();
    let book = book();
    // FBA-US holds 4 available lamps; Amazon counts 3 fulfillable and 1
    // reserved.
    let report = r#"{"format":"fba","channel":"shop-us","location":"FBA-US","rows":[
        {"sku":"LAMP","fulfillable":3,"reserved":1,"researching":0},{"listing":"mug","fulfillable":2}]}"#;
    let out = parse(&book.reconcile_channel_stock(report).unwrap());
    let parsed = landed::sales::ChannelStockReport::from_json(report).unwrap();
    assert_eq!(
        out,
        serde_json::to_value(core.reconcile_channel_stock(&parsed).unwrap()).unwrap()
    );
    assert_eq!(
        out["differences"],
        json!([
            {"sku": "LAMP", "location": "FBA-US", "field": "fulfillable", "buckets": ["available"],
             "channel_units": 3, "book_units": 4, "delta": -1},
            {"sku": "LAMP", "location": "FBA-US", "field": "reserved", "buckets": ["committed", "reserved"],
             "channel_units": 1, "book_units": 0, "delta": 1}
        ])
    );
    assert_eq!(
        out["unmatched"],
        json!([{"listing": "mug", "reason": "unknown_listing"}])
    );
    assert_eq!(
        out["totals"]["researching"],
        json!({"channel_units": 0, "book_units": 0, "delta": 0})
    );
    // Strict: a Shopify field in an FBA report is refused by name.
    let err = book
        .reconcile_channel_stock(
            r#"{"format":"fba","location":"FBA-US","rows":[{"sku":"LAMP","on_hand":4}]}"#,
        )
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_COMMAND");
    assert!(err.to_string().contains("on_hand"));
}
