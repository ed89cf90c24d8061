//! Inventory health: stock by location and bucket, aging by receipt date
//! and alerts, on a FIFO book whose receipts, sales and transfers have
//! known dates (the worked example of `docs/planning.md`), on a
//! moving-average book with lots, and the refusals of malformed queries.

mod common;

use common::run_json;
use landed::inventory::Bucket;
use landed::report::{
    InventoryAgingQuery, InventoryAlert, InventoryAlertKind, InventoryAlertsQuery,
    StockByLocationQuery,
};
use landed::{Book, BookConfig, parse_date};

include!("data/health_book.rs");

/// The worked example (see `data/health_book.rs`).
fn fifo_book() -> Book {
    health_book().unwrap()
}

fn as_of() -> landed::NaiveDate {
    parse_date("2026-12-01").unwrap()
}

/// Two text fields of each line.
fn pairs<'a, T>(
    lines: &'a [T],
    f: impl Fn(&'a T) -> (&'a String, &'a String),
) -> Vec<(&'a str, &'a str)> {
    lines
        .iter()
        .map(|l| {
            let (a, b) = f(l);
            (a.as_str(), b.as_str())
        })
        .collect()
}

/// (units, value) of an aging amount.
fn uv(a: &landed::report::AgingAmount) -> (i64, String) {
    (a.units, a.value.amount.to_string())
}

#[test]
fn fifo_layers_are_aged_by_receipt_date_in_the_fba_buckets() {
    let book = fifo_book();
    let aging = book
        .inventory_aging(&InventoryAgingQuery::new(as_of()))
        .unwrap();
    let keys = pairs(&aging.lines, |l| (&l.sku, &l.scope));
    assert_eq!(keys, [("LAMP", "DE"), ("LAMP", "SZ"), ("SERUM", "SZ")]);

    // LAMP at SZ, as of 2026-12-01:
    //   2026-01-10: 100 − 30 sold − 5 (T-2) − 10 (T-1) = 55 at 2.00, 325 days
    //   2026-06-01: 50 at 2.20, 183 days
    //   2026-09-01: 5 at 3.00, 91 days (the first day of 91–180)
    //   2026-09-02: 10 at 3.00, 90 days (still 0–90)
    let sz = &aging.lines[1].buckets;
    assert_eq!(uv(&sz.days_0_90), (10, "30.00".into()));
    assert_eq!(uv(&sz.days_91_180), (5, "15.00".into()));
    assert_eq!(uv(&sz.days_181_270), (50, "110.00".into()));
    assert_eq!(uv(&sz.days_271_365), (55, "110.00".into()));
    assert_eq!(uv(&sz.days_over_365), (0, "0.00".into()));
    assert_eq!(uv(&sz.undated), (0, "0.00".into()));
    assert_eq!(
        (
            aging.lines[1].units,
            aging.lines[1].value.amount.to_string()
        ),
        (120, "265.00".into())
    );

    // LAMP at DE: 20 of 2025-11-01 (395 days) and the 5 of T-2, which keep
    // their Shenzhen receipt date of 2026-01-10 (325 days).
    let de = &aging.lines[0];
    assert_eq!(de.locations, ["DE"]);
    assert_eq!(uv(&de.buckets.days_over_365), (20, "30.00".into()));
    assert_eq!(uv(&de.buckets.days_271_365), (5, "10.00".into()));
    assert_eq!(
        (de.units, de.value.amount.to_string()),
        (25, "40.00".into())
    );

    // SERUM: 20 units of 2026-11-01 at 5.00, 30 days.
    assert_eq!(uv(&aging.lines[2].buckets.days_0_90), (20, "100.00".into()));

    let t = &aging.totals;
    assert_eq!(uv(&t.buckets.days_0_90), (30, "130.00".into()));
    assert_eq!(uv(&t.buckets.days_91_180), (5, "15.00".into()));
    assert_eq!(uv(&t.buckets.days_181_270), (50, "110.00".into()));
    assert_eq!(uv(&t.buckets.days_271_365), (60, "120.00".into()));
    assert_eq!(uv(&t.buckets.days_over_365), (20, "30.00".into()));
    assert_eq!(
        (t.units, t.value.amount.to_string()),
        (165, "405.00".into())
    );
    // The 10 lamps of T-1 are in Goods in Transit, not in inventory.
    assert_eq!(t.value, book.inventory_value());
    assert_eq!(aging.by_scope["SZ"].units, 140);
    assert_eq!(aging.by_scope["DE"].units, 25);

    // One SKU only; an unknown one is refused.
    let mut query = InventoryAgingQuery::new(as_of());
    query.sku = Some("SERUM".into());
    assert_eq!(book.inventory_aging(&query).unwrap().lines.len(), 1);
    query.sku = Some("BULB".into());
    assert_eq!(
        book.inventory_aging(&query).unwrap_err().code(),
        "UNKNOWN_SKU"
    );
}

#[test]
fn the_boundary_days_move_one_day_later() {
    let book = fifo_book();
    // A day later the 2026-09-02 layer is 91 days old.
    let aging = book
        .inventory_aging(&InventoryAgingQuery::new(parse_date("2026-12-02").unwrap()))
        .unwrap();
    let sz = &aging.lines[1].buckets;
    assert_eq!(uv(&sz.days_0_90), (0, "0.00".into()));
    assert_eq!(uv(&sz.days_91_180), (15, "45.00".into()));
}

fn brief(a: &InventoryAlert) -> (InventoryAlertKind, &str, Option<&str>, i64) {
    (
        a.kind,
        a.sku.as_str(),
        a.location.as_deref().or(a.scope.as_deref()),
        a.units,
    )
}

#[test]
fn alerts_flag_expiry_age_and_late_transfers() {
    let book = fifo_book();
    let query =
        InventoryAlertsQuery::from_json(r#"{"as_of":"2026-12-01","expiry_within_days":30}"#)
            .unwrap();
    let alerts = book.inventory_alerts(&query).unwrap();
    assert_eq!(
        (alerts.expiry_within_days, alerts.aged_over_days),
        (30, 365)
    );
    let got: Vec<_> = alerts.alerts.iter().map(brief).collect();
    assert_eq!(
        got,
        [
            (InventoryAlertKind::LotExpired, "SERUM", Some("SZ"), 4),
            (InventoryAlertKind::LotNearExpiry, "SERUM", Some("SZ"), 10),
            (InventoryAlertKind::AgedStock, "LAMP", Some("DE"), 20),
            (InventoryAlertKind::TransferLate, "LAMP", Some("DE"), 10),
        ]
    );
    let expired = &alerts.alerts[0];
    assert_eq!(
        (expired.lot.as_deref(), expired.days_to_expiry),
        (Some("L0"), Some(-16))
    );
    let near = &alerts.alerts[1];
    assert_eq!(
        (near.lot.as_deref(), near.days_to_expiry),
        (Some("L1"), Some(19))
    );
    let aged = &alerts.alerts[2];
    assert_eq!(aged.received_on, Some(parse_date("2025-11-01").unwrap()));
    assert_eq!(
        (
            aged.age_days,
            aged.value.as_ref().unwrap().amount.to_string()
        ),
        (Some(395), "30.00".into())
    );
    // T-1: 10 lamps of 2026-01-10 at 2.00, ETA 2026-11-25; T-2 was received.
    let late = &alerts.alerts[3];
    assert_eq!(
        (late.transfer.as_deref(), late.from.as_deref()),
        (Some("T-1"), Some("SZ"))
    );
    assert_eq!(
        (late.eta, late.days_late),
        (Some(parse_date("2026-11-25").unwrap()), Some(6))
    );
    assert_eq!(late.value.as_ref().unwrap().amount.to_string(), "20.00");

    // The JSON kinds are stable.
    let json = serde_json::to_value(&alerts).unwrap();
    let kinds: Vec<_> = json["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "lot_expired",
            "lot_near_expiry",
            "aged_stock",
            "transfer_late"
        ]
    );

    // The window includes its last day: L1 expires in 19 days.
    let narrow = |days: i64| {
        let mut q = InventoryAlertsQuery::new(as_of());
        q.expiry_within_days = Some(days);
        book.inventory_alerts(&q)
            .unwrap()
            .alerts
            .iter()
            .filter(|a| a.kind == InventoryAlertKind::LotNearExpiry)
            .count()
    };
    assert_eq!((narrow(19), narrow(18)), (1, 0));

    // Over 270 days: the FBA long-term storage risk, 271–365 and over 365.
    let mut q = InventoryAlertsQuery::new(as_of());
    q.aged_over_days = Some(270);
    let aged: Vec<_> = book
        .inventory_alerts(&q)
        .unwrap()
        .alerts
        .into_iter()
        .filter(|a| a.kind == InventoryAlertKind::AgedStock)
        .map(|a| {
            (
                a.scope.unwrap(),
                a.units,
                a.value.unwrap().amount.to_string(),
                a.age_days,
            )
        })
        .collect();
    assert_eq!(
        aged,
        [
            ("DE".to_string(), 25, "40.00".to_string(), Some(395)),
            ("SZ".to_string(), 55, "110.00".to_string(), Some(325))
        ]
    );
}

#[test]
fn stock_by_location_matches_the_stock_report_per_bucket() {
    let book = fifo_book();
    let stock = book
        .stock_by_location(&StockByLocationQuery::default())
        .unwrap();
    let keys = pairs(&stock.lines, |l| (&l.sku, &l.location));
    assert_eq!(keys, [("LAMP", "DE"), ("LAMP", "SZ"), ("SERUM", "SZ")]);
    for line in &stock.lines {
        let report = book.stock(&line.sku).unwrap();
        for bucket in Bucket::ALL {
            let expected: i64 = report
                .positions
                .iter()
                .filter(|p| p.location == line.location)
                .map(|p| p.quantities.get(bucket))
                .sum();
            assert_eq!(
                line.quantities.get(bucket),
                expected,
                "{} at {}: {bucket}",
                line.sku,
                line.location
            );
        }
    }
    // LAMP at DE: 25 available, 10 in transit (T-1), value 40.00.
    let de = &stock.lines[0];
    assert_eq!(
        (
            de.quantities.available,
            de.quantities.in_transit,
            de.on_hand
        ),
        (25, 10, 25)
    );
    assert_eq!(de.value.amount.to_string(), "40.00");
    let locations: Vec<_> = stock
        .locations
        .iter()
        .map(|l| (l.location.as_str(), l.on_hand, l.value.amount.to_string()))
        .collect();
    assert_eq!(
        locations,
        [("DE", 25, "40.00".into()), ("SZ", 140, "365.00".into())]
    );
    assert_eq!(
        (stock.on_hand, stock.value.amount.to_string()),
        (165, "405.00".into())
    );

    let only = StockByLocationQuery::from_json(r#"{"sku":"SERUM","location":"SZ"}"#).unwrap();
    let serum = book.stock_by_location(&only).unwrap();
    assert_eq!((serum.lines.len(), serum.totals.available), (1, 20));
    let unknown = StockByLocationQuery::from_json(r#"{"sku":"BULB"}"#).unwrap();
    assert_eq!(
        book.stock_by_location(&unknown).unwrap_err().code(),
        "UNKNOWN_SKU"
    );
}

/// A moving-average book: TEA in lots received on 2026-01-10 (10 at 5.00)
/// and 2026-11-01 (10 at 7.00), MUG without lots (5 at 2.00).
fn average_book(config: &str) -> Book {
    let mut book = Book::new(BookConfig::from_json(config).unwrap()).unwrap();
    let steps = [
        (
            "2026-01-01",
            "loc",
            r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
        ),
        (
            "2026-01-01",
            "tea",
            r#"{"type":"define_sku","code":"TEA","name":"Tea","lot_tracked":true}"#,
        ),
        (
            "2026-01-01",
            "mug",
            r#"{"type":"define_sku","code":"MUG","name":"Mug"}"#,
        ),
        (
            "2026-01-10",
            "t-1",
            r#"{"type":"receive","sku":"TEA","location":"SZ","quantity":10,"lot":"A","unit_cost":{"amount":"5.00","currency":"USD"}}"#,
        ),
        (
            "2026-11-01",
            "t-2",
            r#"{"type":"receive","sku":"TEA","location":"SZ","quantity":10,"lot":"B","unit_cost":{"amount":"7.00","currency":"USD"}}"#,
        ),
        (
            "2026-11-01",
            "m-1",
            r#"{"type":"receive","sku":"MUG","location":"SZ","quantity":5,"unit_cost":{"amount":"2.00","currency":"USD"}}"#,
        ),
    ];
    for (day, id, json) in steps {
        run_json(&mut book, day, id, json);
    }
    book
}

#[test]
fn moving_average_dates_units_by_their_lots_or_leaves_them_undated() {
    let book = average_book(r#"{"functional_currency":"USD"}"#);
    let aging = book
        .inventory_aging(&InventoryAgingQuery::new(as_of()))
        .unwrap();
    // MUG has no lot: undated, never aged.
    let mug = &aging.lines[0];
    assert_eq!(
        (mug.sku.as_str(), uv(&mug.buckets.undated)),
        ("MUG", (5, "10.00".into()))
    );
    // TEA: 20 units at an average of 6.00; lot A (325 days) and lot B (30
    // days) each carry 10 units and half the value.
    let tea = &aging.lines[1];
    assert_eq!(uv(&tea.buckets.days_271_365), (10, "60.00".into()));
    assert_eq!(uv(&tea.buckets.days_0_90), (10, "60.00".into()));
    assert_eq!(uv(&tea.buckets.undated), (0, "0.00".into()));
    assert_eq!(aging.totals.value, book.inventory_value());

    // Without its event log the book cannot date the lots.
    let kept = average_book(r#"{"functional_currency":"USD","keep_events":false}"#);
    let aging = kept
        .inventory_aging(&InventoryAgingQuery::new(as_of()))
        .unwrap();
    assert_eq!(uv(&aging.lines[1].buckets.undated), (20, "120.00".into()));
    assert_eq!(uv(&aging.totals.buckets.undated), (25, "130.00".into()));
}

#[test]
fn malformed_queries_are_refused_naming_the_field() {
    let refused = |result: landed::Result<()>, field: &str| {
        let err = result.unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND", "{err}");
        assert!(
            err.to_string().contains(field),
            "{err} does not name {field}"
        );
    };
    let alerts = |text: &str| InventoryAlertsQuery::from_json(text).map(|_| ());
    let aging = |text: &str| InventoryAgingQuery::from_json(text).map(|_| ());
    refused(alerts(r#"{"as_of":"2026-12-01","colour":"red"}"#), "colour");
    refused(
        alerts(r#"{"as_of":"2026-12-01","expiry_within_days":-1}"#),
        "expiry_within_days",
    );
    refused(
        alerts(r#"{"as_of":"2026-12-01","aged_over_days":-30}"#),
        "aged_over_days",
    );
    refused(
        alerts(r#"{"as_of":"2026-12-01","aged_over_days":36501}"#),
        "aged_over_days",
    );
    refused(
        alerts(r#"{"as_of":"2026-12-01","aged_over_days":"90"}"#),
        "aged_over_days",
    );
    refused(alerts(r#"{"as_of":"2026-02-30"}"#), "as_of");
    refused(alerts(r#"{"as_of":"01/12/2026"}"#), "as_of");
    refused(alerts(r#"{"expiry_within_days":30}"#), "as_of");
    refused(aging(r#"{"as_of":"2026-12-1"}"#), "as_of");
    refused(aging(r#"{"as_of":20261201}"#), "as_of");
    refused(aging(r#"{"as_of":"2026-12-01","sku":5}"#), "sku");
    refused(
        aging(r#"{"as_of":"2026-12-01","location":"SZ"}"#),
        "location",
    );
    refused(
        StockByLocationQuery::from_json(r#"{"sku":"LAMP","bucket":"available"}"#).map(|_| ()),
        "bucket",
    );
    refused(
        StockByLocationQuery::from_json(r#"{"location":["SZ"]}"#).map(|_| ()),
        "location",
    );
    // A query built in code is checked by the query too.
    let mut query = InventoryAlertsQuery::new(as_of());
    query.expiry_within_days = Some(-1);
    refused(
        fifo_book().inventory_alerts(&query).map(|_| ()),
        "expiry_within_days",
    );
}
