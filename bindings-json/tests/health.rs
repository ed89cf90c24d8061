//! The health book of `tests/data/health-book.json`, which every binding's
//! inventory-health test starts from, through the JSON face: it is the
//! core's `health_book`, and stock by location, aging and alerts render as
//! the core's reports, money as exact decimal strings.

include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/data/health_book.rs"
));

use landed::report::{InventoryAgingQuery, InventoryAlertsQuery, StockByLocationQuery};
mod common;

use common::{book_of, parse};
use landed_json::{JsonBook, JsonQueries};
use serde_json::json;

const HEALTH_BOOK: &str = include_str!("../../tests/data/health-book.json");

fn book() -> JsonBook {
    book_of(&serde_json::from_str(HEALTH_BOOK).unwrap())
}

#[test]
fn the_fixture_is_the_core_s_health_book_and_its_reports_render_as_the_core_s() {
    let core = health_book().unwrap();
    let book = book();
    assert_eq!(book.version(), core.version());
    let stock = parse(&book.stock_by_location(None).unwrap());
    assert_eq!(
        stock,
        serde_json::to_value(
            core.stock_by_location(&StockByLocationQuery::default())
                .unwrap()
        )
        .unwrap()
    );
    assert_eq!(
        stock["locations"],
        json!([
            {"location": "DE", "quantities": {"on_order": 0, "in_transit": 10, "receiving": 0, "available": 25,
              "committed": 0, "reserved": 0, "quality_control": 0, "safety_stock": 0, "damaged": 0, "researching": 0},
             "on_hand": 25, "value": {"amount": "40.00", "currency": "USD"}},
            {"location": "SZ", "quantities": {"on_order": 0, "in_transit": 0, "receiving": 0, "available": 140,
              "committed": 0, "reserved": 0, "quality_control": 0, "safety_stock": 0, "damaged": 0, "researching": 0},
             "on_hand": 140, "value": {"amount": "365.00", "currency": "USD"}}
        ])
    );

    let query = r#"{"as_of":"2026-12-01","sku":"LAMP"}"#;
    let aging = parse(&book.inventory_aging(query).unwrap());
    let core_aging = core
        .inventory_aging(&InventoryAgingQuery::from_json(query).unwrap())
        .unwrap();
    assert_eq!(aging, serde_json::to_value(core_aging).unwrap());
    let sz = &aging["by_scope"]["SZ"]["buckets"];
    assert_eq!(
        sz["days_0_90"],
        json!({"units": 10, "value": {"amount": "30.00", "currency": "USD"}})
    );
    assert_eq!(
        sz["days_91_180"],
        json!({"units": 5, "value": {"amount": "15.00", "currency": "USD"}})
    );
    assert_eq!(
        sz["days_271_365"],
        json!({"units": 55, "value": {"amount": "110.00", "currency": "USD"}})
    );
    assert_eq!(aging["totals"]["buckets"]["days_over_365"]["units"], 20);

    let query = r#"{"as_of":"2026-12-01","expiry_within_days":30}"#;
    let alerts = parse(&book.inventory_alerts(query).unwrap());
    let core_alerts = core
        .inventory_alerts(&InventoryAlertsQuery::from_json(query).unwrap())
        .unwrap();
    assert_eq!(alerts, serde_json::to_value(core_alerts).unwrap());
    assert_eq!(
        alerts["alerts"][3],
        json!({"kind": "transfer_late", "sku": "LAMP", "location": "DE", "transfer": "T-1", "from": "SZ",
               "eta": "2026-11-25", "days_late": 6, "units": 10, "value": {"amount": "20.00", "currency": "USD"}})
    );
    assert_eq!(
        alerts["alerts"][0],
        json!({"kind": "lot_expired", "sku": "SERUM", "location": "SZ", "lot": "L0", "expiry": "2026-11-15",
               "days_to_expiry": -16, "units": 4})
    );
}

#[test]
fn malformed_queries_are_refused_naming_the_field() {
    let book = book();
    for (result, field) in [
        (
            book.inventory_alerts(r#"{"as_of":"2026-12-01","colour":1}"#),
            "colour",
        ),
        (
            book.inventory_alerts(r#"{"as_of":"2026-12-01","expiry_within_days":-1}"#),
            "expiry_within_days",
        ),
        (book.inventory_aging(r#"{"as_of":"yesterday"}"#), "as_of"),
        (book.stock_by_location(Some(r#"{"sku":7}"#)), "sku"),
    ] {
        let err = result.unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
        assert!(err.to_string().contains(field), "{err}");
    }
    assert_eq!(
        book.stock_by_location(Some(r#"{"location":"XX"}"#))
            .unwrap_err()
            .code(),
        "UNKNOWN_LOCATION"
    );
}
