//! Snapshot corruption tests: `Book::restore` refuses a damaged or edited
//! snapshot with `INVALID_SNAPSHOT` (the old code restored every one of
//! these, and some panicked later with an index out of bounds).
//!
//! Edits are made on the snapshot's JSON text, as someone editing a stored
//! snapshot would; `resealed` recomputes the checksum after the edit, so
//! each test shows the structural check that catches it, not just the
//! checksum.

mod common;

use common::resealed;
use common::{Harness, issue, receive};
use landed::LandedError;
use landed::book::{Book, Snapshot};
use landed::inventory::ValuationMethod;

/// SZ and DE, SKUs A and B; A received twice and issued at SZ, B received.
fn book() -> Harness {
    let mut h = Harness::standard("USD", ValuationMethod::MovingAverage);
    h.run(receive("A", "SZ", 100, "1.00", "USD"));
    h.run(receive("A", "SZ", 50, "2.00", "USD"));
    h.run(issue("A", "SZ", 30));
    h.run(receive("B", "SZ", 10, "3.00", "USD"));
    h
}

fn text(h: &Harness) -> String {
    serde_json::to_string(&h.book).unwrap()
}

/// Replaces the first `from` with `to`, which must be there.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from} is not in the snapshot");
    text.replacen(from, to, 1)
}

fn restore(text: &str) -> Result<Book, LandedError> {
    match serde_json::from_str::<Snapshot>(text) {
        Ok(snapshot) => Book::restore(snapshot),
        Err(e) => Err(LandedError::InvalidSnapshot {
            reason: e.to_string(),
        }),
    }
}

/// The reason of an `INVALID_SNAPSHOT`.
fn refused(text: &str) -> String {
    match restore(text) {
        Err(LandedError::InvalidSnapshot { reason }) => reason,
        Err(other) => panic!("expected INVALID_SNAPSHOT, got {other}"),
        Ok(_) => panic!("the damaged snapshot was restored"),
    }
}

#[test]
fn an_untouched_snapshot_restores_byte_for_byte() {
    let h = book();
    let original = text(&h);
    assert_eq!(resealed(&original), original);
    let restored = restore(&original).unwrap();
    assert_eq!(serde_json::to_string(&restored).unwrap(), original);
    assert_eq!(restored.head_hash(), h.book.head_hash());
    assert!(original.contains(&format!(
        r#""head_hash":"{}","checksum":""#,
        h.book.head_hash_hex()
    )));
}

#[test]
fn a_wrong_checksum_is_refused() {
    let h = book();
    let edited = edit(&text(&h), r#""value":"160.00""#, r#""value":"170.00""#);
    assert!(refused(&edited).contains("checksum"));
    let edited = edit(&text(&h), r#","checksum":""#, r#","checksum":"0"#);
    assert!(!refused(&edited).is_empty());
    // A snapshot of this version without checksum is refused too.
    let t = text(&h);
    let at = t.rfind(r#","checksum":""#).unwrap();
    assert!(refused(&format!("{}}}", &t[..at])).contains("missing"));
}

#[test]
fn a_head_hash_that_is_not_the_log_s_is_refused() {
    let h = book();
    let edited = edit(
        &text(&h),
        &format!(r#""head_hash":"{}""#, h.book.head_hash_hex()),
        &format!(r#""head_hash":"{}""#, "0".repeat(64)),
    );
    assert!(refused(&resealed(&edited)).contains("head hash"));
}

#[test]
fn a_version_that_is_not_the_log_s_is_refused() {
    let h = book();
    let edited = edit(&text(&h), r#""version":8,"skus""#, r#""version":9,"skus""#);
    assert!(refused(&resealed(&edited)).contains("version"));
}

#[test]
fn ids_out_of_range_are_refused() {
    let h = book();
    let t = text(&h);
    let position = r#"{"sku":1,"location":0,"lot":0}"#;
    for bad in [
        r#"{"sku":1,"location":7,"lot":0}"#,
        r#"{"sku":1,"location":0,"lot":3}"#,
        r#"{"sku":9,"location":0,"lot":0}"#,
    ] {
        let reason = refused(&resealed(&edit(&t, position, bad)));
        assert!(!reason.is_empty(), "{bad}");
    }
    let pool = r#"{"sku":1,"scope":0}"#;
    for bad in [r#"{"sku":1,"scope":5}"#, r#"{"sku":4000000000,"scope":0}"#] {
        let reason = refused(&resealed(&edit(&t, pool, bad)));
        assert!(
            reason.contains("scope") || reason.contains("SKU"),
            "{reason}"
        );
    }
    let location = r#""scope":1}"#;
    assert!(refused(&resealed(&edit(&t, location, r#""scope":2}"#))).contains("scope"));
}

#[test]
fn duplicate_codes_are_refused() {
    let h = book();
    let t = text(&h);
    let reason = refused(&resealed(&edit(
        &t,
        r#"{"spec":{"code":"B","name":"B item""#,
        r#"{"spec":{"code":"A","name":"B item""#,
    )));
    assert!(reason.contains("SKU code A"), "{reason}");
    let reason = refused(&resealed(&edit(
        &t,
        r#"{"spec":{"code":"DE","name":"DE warehouse""#,
        r#"{"spec":{"code":"SZ","name":"DE warehouse""#,
    )));
    assert!(reason.contains("location code SZ"), "{reason}");
    let reason = refused(&resealed(&edit(
        &t,
        r#"{"code":"1310","name":"Goods in transit""#,
        r#"{"code":"1300","name":"Goods in transit""#,
    )));
    assert!(reason.contains("chart"), "{reason}");
}

#[test]
fn an_edited_chart_is_refused() {
    let h = book();
    let t = text(&h);
    // A rule naming an account that is not in the chart.
    let reason = refused(&resealed(&edit(
        &t,
        r#"{"role":"grni","account":"2100"}"#,
        r#"{"role":"grni","account":"2999"}"#,
    )));
    assert!(reason.contains("chart"), "{reason}");
    // A role without its rule.
    let reason = refused(&resealed(&edit(
        &t,
        r#"{"role":"grni","account":"2100"},"#,
        "",
    )));
    assert!(reason.contains("chart"), "{reason}");
    // The configured chart emptied.
    let reason = refused(&resealed(&edit(
        &t,
        r#""ledger":{"type":"standard"}"#,
        r#""ledger":{"type":"custom","accounts":[],"rules":[]}"#,
    )));
    assert!(reason.contains("configured chart is broken"), "{reason}");
}

#[test]
fn ledger_totals_that_are_not_the_sum_of_their_parts_are_refused() {
    let h = book();
    let t = text(&h);
    let reason = refused(&resealed(&edit(
        &t,
        r#""inventory_by_location":{"SZ":{"debit":"230.00""#,
        r#""inventory_by_location":{"SZ":{"debit":"231.00""#,
    )));
    assert!(reason.contains("inventory by location"), "{reason}");
    let reason = refused(&resealed(&edit(
        &t,
        r#"{"debit":"230.00","credit":"40.00"}"#,
        r#"{"debit":"231.00","credit":"40.00"}"#,
    )));
    assert!(reason.contains("debits"), "{reason}");
}

#[test]
fn pools_that_disagree_with_positions_or_the_ledger_are_refused() {
    let h = book();
    let t = text(&h);
    let reason = refused(&resealed(&edit(
        &t,
        r#"{"quantity":120,"value":"160.00""#,
        r#"{"quantity":121,"value":"160.00""#,
    )));
    assert!(
        reason.contains("121 units in the pool, 120 in its positions"),
        "{reason}"
    );
    let reason = refused(&resealed(&edit(
        &t,
        r#"{"quantity":120,"value":"160.00""#,
        r#"{"quantity":120,"value":"170.00""#,
    )));
    assert!(
        reason.contains("the pools hold 200.00, the inventory accounts 190.00"),
        "{reason}"
    );
    // The position edited instead.
    let reason = refused(&resealed(&edit(
        &t,
        r#"{"quantities":[0,0,0,120,"#,
        r#"{"quantities":[0,0,0,985,"#,
    )));
    assert!(
        reason.contains("120 units in the pool, 985 in its positions"),
        "{reason}"
    );
}

#[test]
fn a_changed_functional_currency_is_refused() {
    let h = book();
    let reason = refused(&resealed(&edit(
        &text(&h),
        r#""functional_currency":"USD""#,
        r#""functional_currency":"EUR""#,
    )));
    assert!(reason.contains("functional currency is EUR"), "{reason}");
}

#[test]
fn negative_quantities_are_refused() {
    let h = book();
    let reason = refused(&resealed(&edit(
        &text(&h),
        r#"{"quantities":[0,0,0,10,"#,
        r#"{"quantities":[0,0,0,-10,"#,
    )));
    assert!(reason.contains("-10 units"), "{reason}");
}

#[test]
fn a_snapshot_without_its_log_keeps_the_head_hash() {
    let mut h = book();
    let head = h.book.head_hash();
    let text = serde_json::to_string(&h.book.snapshot_without_log()).unwrap();
    assert!(text.contains(r#""log":[]"#));
    let mut restored = restore(&text).unwrap();
    assert_eq!(restored.head_hash(), head);
    assert_eq!(
        restored.position("A", "SZ", None).unwrap(),
        h.book.position("A", "SZ", None).unwrap()
    );
    // What it records next chains to the head it was taken at.
    let context = h.context();
    let out = restored
        .execute(receive("B", "DE", 1, "1.00", "USD"), &context)
        .unwrap();
    assert_ne!(restored.head_hash(), head);
    assert!(out.events[0].hash().is_some());
}

#[test]
fn money_documents_and_accruals_out_of_bounds_are_refused() {
    let mut h = Harness::new("USD", ValuationMethod::MovingAverage);
    for json in [
        r#"{"type":"record_invoice","document":"INV-1","kind":"customer_invoice","party":"Shop","date":"2026-11-03","amount":{"amount":"100.00","currency":"USD"}}"#,
        r#"{"type":"accrue_landed_cost","document":"FRT-1","date":"2026-11-03","description":"Freight","amount":{"amount":"40.00","currency":"USD"},"account":"2200"}"#,
    ] {
        h.run(landed::Command::from_json(json).unwrap());
    }
    let snapshot = text(&h);
    assert!(restore(&snapshot).is_ok());
    // More open than the invoice.
    let reason = refused(&resealed(&edit(
        &snapshot,
        r#""open":{"amount":"100.00","currency":"USD"}"#,
        r#""open":{"amount":"100.01","currency":"USD"}"#,
    )));
    assert!(reason.contains("document INV-1"), "{reason}");
    // More left to allocate than the accrued bill.
    let reason = refused(&resealed(&edit(
        &snapshot,
        r#""open":{"amount":"40.00","currency":"USD"}"#,
        r#""open":{"amount":"40.01","currency":"USD"}"#,
    )));
    assert!(reason.contains("accrual FRT-1"), "{reason}");
}
