//! Channel stock reconciliation with figures checked by hand: a Shopify
//! inventory level and an FBA inventory summary against a book whose
//! buckets are known, every difference asserted.

include!("data/sales_book.rs");

use landed::sales::{ChannelStockReconciliation, ChannelStockReport};

fn moved(
    book: &mut landed::Book,
    id: &str,
    sku: &str,
    location: &str,
    quantity: i64,
    from: &str,
    to: &str,
) {
    let json = format!(
        r#"{{"type":"move","sku":"{sku}","location":"{location}","quantity":{quantity},"from":"{from}","to":"{to}"}}"#
    );
    book.execute(
        landed::Command::from_json(&json).unwrap(),
        &ctx("2026-11-21", id).unwrap(),
    )
    .unwrap();
}

/// The sales book, then at Shenzhen (8 available, 2 committed lamps):
/// 1 lamp reserved, 1 in quality control, 1 damaged, 1 held as safety
/// stock; at FBA-US (4 available lamps): 1 damaged, 1 researching.
fn book() -> landed::Book {
    let mut book = sales_book().unwrap();
    moved(&mut book, "m1", "LAMP", "SZ", 1, "available", "reserved");
    moved(
        &mut book,
        "m2",
        "LAMP",
        "SZ",
        1,
        "available",
        "quality_control",
    );
    moved(&mut book, "m3", "LAMP", "SZ", 1, "available", "damaged");
    moved(
        &mut book,
        "m4",
        "LAMP",
        "SZ",
        1,
        "available",
        "safety_stock",
    );
    moved(&mut book, "m5", "LAMP", "FBA-US", 1, "available", "damaged");
    moved(
        &mut book,
        "m6",
        "LAMP",
        "FBA-US",
        1,
        "available",
        "researching",
    );
    book
}

fn recon(book: &landed::Book, json: &str) -> ChannelStockReconciliation {
    book.reconcile_channel_stock(&ChannelStockReport::from_json(json).unwrap())
        .unwrap()
}

fn rows(r: &ChannelStockReconciliation) -> Vec<(&str, &str, i64, i64, i64)> {
    r.differences
        .iter()
        .map(|d| {
            (
                d.sku.as_str(),
                d.field.as_str(),
                d.channel_units,
                d.book_units,
                d.delta,
            )
        })
        .collect()
}

#[test]
fn a_shopify_level_against_shenzhen() {
    let book = book();
    // Shenzhen now: available 4, committed 2, reserved 1, quality control
    // 1, safety stock 1, damaged 1: on hand 10. Bulbs: 50 available.
    let r = recon(
        &book,
        r#"{"format":"shopify","channel":"shop-us","location":"SZ","rows":[
            {"sku":"LAMP","available":5,"committed":2,"reserved":0,"incoming":6,"quality_control":1,
             "safety_stock":3,"damaged":1,"on_hand":12},
            {"sku":"BULB","available":48,"on_hand":50},
            {"listing":"desk-set","available":1},
            {"listing":"mug","available":1},
            {"sku":"CUP","available":2}]}"#,
    );
    assert_eq!(r.location, "SZ");
    assert_eq!(r.compared, 2);
    assert_eq!(
        rows(&r),
        [
            ("BULB", "available", 48, 50, -2),
            ("LAMP", "available", 5, 4, 1),
            ("LAMP", "reserved", 0, 1, -1),
            ("LAMP", "incoming", 6, 0, 6),
            ("LAMP", "safety_stock", 3, 1, 2),
            ("LAMP", "on_hand", 12, 10, 2),
        ]
    );
    assert_eq!(r.differences[5].buckets.len(), 6);
    assert_eq!(r.differences[3].buckets, ["in_transit"]);
    let unmatched: Vec<_> = r
        .unmatched
        .iter()
        .map(|u| (u.sku.as_deref(), u.listing.as_deref(), u.reason.as_str()))
        .collect();
    assert_eq!(
        unmatched,
        [
            (None, Some("desk-set"), "bundle_listing"),
            (None, Some("mug"), "unknown_listing"),
            (Some("CUP"), None, "unknown_sku"),
        ]
    );
    // LAMP twice (by SKU and by its listing) is refused.
    let twice = ChannelStockReport::from_json(
        r#"{"format":"shopify","channel":"shop-us","location":"SZ","rows":[{"sku":"LAMP","available":4},{"listing":"lamp-black","available":4}]}"#,
    )
    .unwrap();
    assert_eq!(
        book.reconcile_channel_stock(&twice).unwrap_err().code(),
        "INVALID_COMMAND"
    );
    let t = &r.totals;
    assert_eq!(
        (
            t["available"].channel_units,
            t["available"].book_units,
            t["available"].delta
        ),
        (53, 54, -1)
    );
    assert_eq!(
        (
            t["on_hand"].channel_units,
            t["on_hand"].book_units,
            t["on_hand"].delta
        ),
        (62, 60, 2)
    );
    assert_eq!((t["committed"].channel_units, t["committed"].delta), (2, 0));
    assert!(!t.contains_key("fulfillable"));
}

#[test]
fn an_fba_summary_against_the_fba_location() {
    let book = book();
    // FBA-US now: available 2, damaged 1, researching 1. No location in
    // the report: an FBA summary takes the channel's FBA location, and
    // shop-us has none, so this one names it.
    let r = recon(
        &book,
        r#"{"format":"fba","location":"FBA-US","rows":[
            {"sku":"LAMP","fulfillable":1,"inbound_working":2,"inbound_shipped":3,"inbound_receiving":1,
             "reserved":1,"unfulfillable":1,"researching":0},
            {"sku":"BULB","fulfillable":0}]}"#,
    );
    assert_eq!(
        rows(&r),
        [
            ("LAMP", "fulfillable", 1, 2, -1),
            ("LAMP", "inbound_working+inbound_shipped", 5, 0, 5),
            ("LAMP", "inbound_receiving", 1, 0, 1),
            ("LAMP", "reserved", 1, 0, 1),
            ("LAMP", "researching", 0, 1, -1),
        ]
    );
    assert_eq!(r.differences[3].buckets, ["committed", "reserved"]);
    assert_eq!(r.totals["unfulfillable"].delta, 0);
    assert_eq!(r.totals["fulfillable"].channel_units, 1);
    assert_eq!(r.totals["fulfillable"].book_units, 2);
    // Without a location, and with a channel that has no FBA location.
    let no_loc =
        ChannelStockReport::from_json(r#"{"format":"fba","channel":"shop-us","rows":[]}"#).unwrap();
    assert_eq!(
        book.reconcile_channel_stock(&no_loc).unwrap_err().code(),
        "INVALID_COMMAND"
    );
    let unknown =
        ChannelStockReport::from_json(r#"{"format":"fba","location":"XX","rows":[]}"#).unwrap();
    assert_eq!(
        book.reconcile_channel_stock(&unknown).unwrap_err().code(),
        "UNKNOWN_LOCATION"
    );
    let channel =
        ChannelStockReport::from_json(r#"{"format":"fba","channel":"ebay","rows":[]}"#).unwrap();
    assert_eq!(
        book.reconcile_channel_stock(&channel).unwrap_err().code(),
        "UNKNOWN_CHANNEL"
    );
}

#[test]
fn strict_input_names_the_field() {
    for (json, field) in [
        (
            r#"{"format":"fba","location":"SZ","rows":[{"sku":"LAMP","available":1}]}"#,
            "available",
        ),
        (
            r#"{"format":"shopify","location":"SZ","rows":[{"sku":"LAMP","on_hand":-1}]}"#,
            "on_hand",
        ),
        (
            r#"{"format":"shopify","location":"SZ","rows":[{"sku":"LAMP","sellable":1}]}"#,
            "sellable",
        ),
        (
            r#"{"format":"shopify","location":"SZ","store":"x","rows":[]}"#,
            "store",
        ),
        (r#"{"format":"amazon","location":"SZ","rows":[]}"#, "amazon"),
        (
            r#"{"format":"shopify","location":"SZ","rows":[{"listing":"lamp-black"}]}"#,
            "channel",
        ),
        (
            r#"{"format":"shopify","location":"SZ","rows":[{"available":1}]}"#,
            "sku",
        ),
    ] {
        let err = ChannelStockReport::from_json(json).unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND", "{json}");
        assert!(err.to_string().contains(field), "{json}: {err}");
    }
}

#[test]
fn a_pack_listing_counts_sku_units() {
    let mut book = book();
    book.execute(
        landed::Command::from_json(r#"{"type":"define_listing","channel":"shop-us","listing":"bulbs-10","sku":"BULB","pack":10}"#).unwrap(),
        &ctx("2026-11-21", "l10").unwrap(),
    )
    .unwrap();
    let r = recon(
        &book,
        r#"{"format":"shopify","channel":"shop-us","location":"SZ","rows":[{"listing":"bulbs-10","available":4}]}"#,
    );
    assert_eq!(rows(&r), [("BULB", "available", 40, 50, -10)]);
    assert_eq!(r.differences[0].listing.as_deref(), Some("bulbs-10"));
    let max = landed::limits::MAX_QUANTITY;
    let big = format!(
        r#"{{"format":"shopify","channel":"shop-us","location":"SZ","rows":[{{"listing":"bulbs-10","available":{max}}}]}}"#
    );
    // The largest quantity times the pack still fits 64 bits.
    assert!(
        book.reconcile_channel_stock(&ChannelStockReport::from_json(&big).unwrap())
            .is_ok()
    );
}

#[test]
fn the_worked_example_of_docs_planning() {
    let mut book = landed::Book::new(
        landed::BookConfig::from_json(r#"{"functional_currency":"USD"}"#).unwrap(),
    )
    .unwrap();
    for (id, json) in [
        (
            "l",
            r#"{"type":"define_location","code":"FBA-US","name":"Amazon US","kind":"fba","country":"US"}"#,
        ),
        (
            "s1",
            r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#,
        ),
        (
            "s2",
            r#"{"type":"define_sku","code":"BULB","name":"LED bulb"}"#,
        ),
        (
            "r1",
            r#"{"type":"receive","sku":"LAMP","location":"FBA-US","quantity":5,"unit_cost":{"amount":"9.00","currency":"USD"}}"#,
        ),
        (
            "r2",
            r#"{"type":"receive","sku":"BULB","location":"FBA-US","quantity":10,"unit_cost":{"amount":"0.50","currency":"USD"}}"#,
        ),
        (
            "c",
            r#"{"type":"define_channel","code":"amazon-us","name":"Amazon US","kind":"amazon","currency":"USD","fba_location":"FBA-US"}"#,
        ),
        (
            "li",
            r#"{"type":"define_listing","channel":"amazon-us","listing":"B0BULB-2PK","sku":"BULB","pack":2}"#,
        ),
    ] {
        book.execute(
            landed::Command::from_json(json).unwrap(),
            &ctx("2026-11-02", id).unwrap(),
        )
        .unwrap();
    }
    moved(
        &mut book,
        "m2",
        "LAMP",
        "FBA-US",
        1,
        "available",
        "researching",
    );
    // The location is left out: an FBA summary takes the channel's.
    let r = recon(
        &book,
        r#"{"format":"fba","channel":"amazon-us","rows":[
            {"sku":"LAMP","fulfillable":3,"inbound_shipped":12,"reserved":0,"unfulfillable":0,"researching":1},
            {"listing":"B0BULB-2PK","fulfillable":5}]}"#,
    );
    let expected: serde_json::Value = serde_json::from_str(
        r#"{"format":"fba","channel":"amazon-us","location":"FBA-US","compared":2,
 "differences":[
  {"sku":"LAMP","location":"FBA-US","field":"fulfillable","buckets":["available"],
   "channel_units":3,"book_units":4,"delta":-1},
  {"sku":"LAMP","location":"FBA-US","field":"inbound_working+inbound_shipped","buckets":["in_transit"],
   "channel_units":12,"book_units":0,"delta":12}],
 "unmatched":[],
 "totals":{
  "fulfillable":{"channel_units":13,"book_units":14,"delta":-1},
  "inbound_working+inbound_shipped":{"channel_units":12,"book_units":0,"delta":12},
  "reserved":{"channel_units":0,"book_units":0,"delta":0},
  "researching":{"channel_units":1,"book_units":1,"delta":0},
  "unfulfillable":{"channel_units":0,"book_units":0,"delta":0}}}"#,
    )
    .unwrap();
    assert_eq!(serde_json::to_value(&r).unwrap(), expected);
}
