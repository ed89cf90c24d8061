//! Archiving what is closed (`archive_closed`): which orders and documents
//! leave the state and which stay, what the book answers about them
//! afterwards, and that replay and restore give the same book.

include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/sales_book.rs"
));

mod common;

use common::{refused_json as fails, run_json as run};
use landed::{Book, Command, Event};

/// The sales book with order 1001 shipped, paid out by the channel and the
/// payout banked (all in November); order 1003 shipped but not paid out;
/// order 1002 still waiting for its listing.
fn november() -> Book {
    let mut book = sales_book().unwrap();
    run(
        &mut book,
        "2026-11-21",
        "ship-1001",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1001"}"#,
    );
    run(
        &mut book,
        "2026-11-22",
        "order-1003",
        r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1003","date":"2026-11-22","ship_to_country":"US",
            "lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"25.00"}]}"#,
    );
    run(
        &mut book,
        "2026-11-23",
        "ship-1003",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1003","shipment":"S-1003"}"#,
    );
    run(
        &mut book,
        "2026-11-26",
        "payout-1",
        r#"{"type":"record_marketplace_settlement","channel":"shop-us","settlement":"PAYOUT-1",
            "date":"2026-11-26","rows":[{"kind":"order","order":"1001","amount":"138.00"},
            {"kind":"fee","fee":"referral","order":"1001","amount":"-18.75"}]}"#,
    );
    run(
        &mut book,
        "2026-11-28",
        "bank-1",
        r#"{"type":"record_payment","date":"2026-11-28","amount":{"amount":"119.25","currency":"USD"},
            "allocations":[{"document":"PAYOUT-1"}]}"#,
    );
    book
}

fn archive(book: &mut Book, id: &str, before: &str) -> (u64, u64) {
    let out = run(
        book,
        "2026-12-31",
        id,
        &format!(r#"{{"type":"archive_closed","before":"{before}"}}"#),
    );
    assert_eq!(out.events.len(), 1);
    match &out.events[0].event {
        Event::ClosedArchived {
            sales_orders,
            documents,
            ..
        } => (*sales_orders, *documents),
        other => panic!("{other:?}"),
    }
}

#[test]
fn only_what_is_closed_and_settled_before_the_cut_off_leaves() {
    let mut book = november();
    let documents = |book: &Book| {
        book.open_items(landed::parse_date("2026-11-24").unwrap())
            .iter()
            .map(|i| i.item.document.clone())
            .collect::<Vec<_>>()
    };
    // On 24 November both shipments were open receivables of the channel.
    assert_eq!(documents(&book), ["S-1001", "S-1003"]);
    // A cut-off on the day the payout was banked: that payment is not
    // before it, so the payout document stays, and with it nothing else
    // changes but order 1001 (shipped, its receivable settled on the 26th).
    assert_eq!(archive(&mut book, "archive-1", "2026-11-28"), (1, 1));
    assert_eq!(documents(&book), ["S-1003"]);
    let orders: Vec<String> = book
        .sales_orders(None)
        .iter()
        .map(|o| o.order.clone())
        .collect();
    assert_eq!(orders, ["1002", "1003"]);
    // A day later the payout document goes too; order 1003 (its shipment
    // unpaid) and order 1002 (nothing shipped) stay whatever the cut-off.
    assert_eq!(archive(&mut book, "archive-2", "2026-11-29"), (0, 1));
    assert_eq!(archive(&mut book, "archive-3", "2027-06-01"), (0, 0));
    assert_eq!(orders.len(), book.sales_orders(None).len());
    // The payout's summary stays: it is one per fortnight, not per order.
    assert_eq!(
        book.sales_settlement("PAYOUT-1").unwrap().net.to_string(),
        "119.25"
    );
}

#[test]
fn archiving_changes_no_balance() {
    let mut book = november();
    let day = landed::parse_date("2026-12-31").unwrap();
    let before = serde_json::to_string(&book.trial_balance(day, None)).unwrap();
    let value = book.inventory_value().to_string();
    archive(&mut book, "archive-1", "2026-12-01");
    assert_eq!(
        serde_json::to_string(&book.trial_balance(day, None)).unwrap(),
        before
    );
    assert_eq!(book.inventory_value().to_string(), value);
}

#[test]
fn what_is_archived_is_refused_by_name() {
    let mut book = november();
    assert_eq!(archive(&mut book, "archive-1", "2026-12-01"), (1, 2));
    let err = book.sales_order("shop-us", "1001").unwrap_err();
    assert_eq!(err.code(), "ARCHIVED");
    assert_eq!(
        err.to_string(),
        "sales order shop-us/1001 is archived: it was closed and has left the book's state"
    );
    // Never heard of is still unknown.
    assert_eq!(
        book.sales_order("shop-us", "4242").unwrap_err().code(),
        "UNKNOWN_SALES_ORDER"
    );
    let day = "2027-01-05";
    // The same order again, as new business: refused, not a second order.
    let again = r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1001","date":"2027-01-05",
        "lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"25.00"}]}"#;
    assert_eq!(
        fails(&mut book, day, "order-1001-again", again).0,
        "ARCHIVED"
    );
    // A return or refund of it, a payment of its payout: refused by name.
    let (code, message) = fails(
        &mut book,
        day,
        "return-1001",
        r#"{"type":"receive_sales_return","channel":"shop-us","order":"1001","line":"1","quantity":1,"grade":"sellable","location":"SZ"}"#,
    );
    assert_eq!(
        (code.as_str(), message.contains("shop-us/1001")),
        ("ARCHIVED", true)
    );
    let (code, message) = fails(
        &mut book,
        day,
        "bank-again",
        r#"{"type":"record_payment","date":"2027-01-05","amount":{"amount":"1.00","currency":"USD"},
            "allocations":[{"document":"PAYOUT-1"}]}"#,
    );
    assert_eq!(
        (code.as_str(), message.as_str()),
        (
            "ARCHIVED",
            "document PAYOUT-1 is archived: it was closed and has left the book's state"
        )
    );
    // Its numbers stay used: a shipment, an invoice or a payout cannot
    // take them again.
    let reuse =
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1002","shipment":"S-1001"}"#;
    assert_eq!(
        fails(&mut book, day, "ship-reuse", reuse).0,
        "DUPLICATE_CODE"
    );
    let invoice = r#"{"type":"record_invoice","document":"PAYOUT-1","kind":"customer_invoice","party":"acme",
        "date":"2027-01-05","due_date":"2027-02-05","amount":{"amount":"10.00","currency":"USD"}}"#;
    assert_eq!(
        fails(&mut book, day, "invoice-reuse", invoice).0,
        "DUPLICATE_CODE"
    );
    // A retried command is still answered from memory, not refused.
    let retry = book
        .execute(
            Command::from_json(sales_commands()[13].2).unwrap(),
            &ctx("2026-11-20", "order-1001").unwrap(),
        )
        .unwrap();
    assert!(retry.duplicate);
}

#[test]
fn a_cut_off_does_not_go_back() {
    let mut book = november();
    archive(&mut book, "archive-1", "2026-12-01");
    let (code, message) = fails(
        &mut book,
        "2026-12-31",
        "archive-0",
        r#"{"type":"archive_closed","before":"2026-11-01"}"#,
    );
    assert_eq!(code, "INVALID_COMMAND");
    assert!(
        message.contains("already archived through 2026-12-01"),
        "{message}"
    );
}

#[test]
fn replay_and_restore_give_the_same_archived_book() {
    let mut book = november();
    archive(&mut book, "archive-1", "2026-12-01");
    run(
        &mut book,
        "2027-01-02",
        "order-1004",
        r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1004","date":"2027-01-02","ship_to_country":"US",
            "lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"25.00"}]}"#,
    );
    let text = serde_json::to_string(&book.snapshot()).unwrap();
    assert!(
        text.contains(r#""archive":{"hash":"murmur3","through":"2026-12-01","sales_orders":[""#),
        "{text}"
    );
    let log = serde_json::to_string(book.events()).unwrap();
    let replayed = Book::replay_json(book.config().clone(), &log).unwrap();
    assert_eq!(serde_json::to_string(&replayed.snapshot()).unwrap(), text);
    let restored = Book::restore(landed::Snapshot::from_json(&text).unwrap()).unwrap();
    assert_eq!(serde_json::to_string(&restored.snapshot()).unwrap(), text);
    assert_eq!(
        restored.sales_order("shop-us", "1001").unwrap_err().code(),
        "ARCHIVED"
    );
    // A book that keeps only its state archives the same way.
    let state_only = Book::restore(book.snapshot_without_log()).unwrap();
    assert_eq!(
        state_only
            .sales_order("shop-us", "1001")
            .unwrap_err()
            .code(),
        "ARCHIVED"
    );
}

#[test]
fn a_log_whose_archive_disagrees_with_its_state_is_refused() {
    let mut book = november();
    archive(&mut book, "archive-1", "2026-12-01");
    let log = serde_json::to_string(book.events()).unwrap();
    let edited = log.replace(r#""sales_orders":1"#, r#""sales_orders":0"#);
    assert_ne!(edited, log);
    let err = Book::replay_json(book.config().clone(), &edited).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG");
}

#[test]
fn archived_hashes_are_read_back_only_in_order() {
    let mut book = november();
    archive(&mut book, "archive-1", "2026-12-01");
    let snapshot = serde_json::to_value(book.snapshot()).unwrap();
    let hashes = snapshot["archive"]["documents"].as_array().unwrap().clone();
    assert_eq!(hashes.len(), 2, "S-1001 and PAYOUT-1: {hashes:?}");
    for bad in [
        serde_json::json!([hashes[1], hashes[0]]),
        serde_json::json!(["ABC"]),
        serde_json::json!([hashes[0], hashes[0]]),
    ] {
        let mut edited = snapshot.clone();
        edited["archive"]["documents"] = bad;
        let err = landed::Snapshot::from_json(&edited.to_string()).unwrap_err();
        assert_eq!(err.code(), "INVALID_SNAPSHOT", "{err}");
    }
}

/// `forget_commands_through`: a book without its log forgets the ids of
/// the commands that made that version and the ones before. A retry of a
/// forgotten id runs as a new command; later ids are still answered as
/// duplicates; replay and restore forget the same ones; a version after
/// the book's is refused and changes nothing.
#[test]
fn archiving_can_forget_the_ids_of_old_commands() {
    const GRN: &str = r#"{"type":"receive","sku":"BULB","location":"SZ","quantity":1,"unit_cost":{"amount":"0.50","currency":"USD"}}"#;
    let state_only = || {
        landed::BookConfig::from_json(r#"{"functional_currency":"USD","keep_events":false}"#)
            .unwrap()
    };
    let mut kept = november();
    let november_log = serde_json::to_string(kept.events()).unwrap();
    let mut book = Book::replay_json(state_only(), &november_log).unwrap();
    run(&mut book, "2026-12-02", "grn-old", GRN);
    let old = book.version();
    run(&mut book, "2026-12-03", "grn-new", GRN);
    let before = serde_json::to_string(&book.snapshot_without_log()).unwrap();
    let (code, message) = fails(
        &mut book,
        "2026-12-31",
        "archive-too-far",
        &format!(
            r#"{{"type":"archive_closed","before":"2026-12-01","forget_commands_through":{}}}"#,
            old + 5
        ),
    );
    assert_eq!(code, "INVALID_COMMAND");
    assert!(message.contains("forget_commands_through"), "{message}");
    assert_eq!(
        serde_json::to_string(&book.snapshot_without_log()).unwrap(),
        before
    );

    let remembered = |book: &Book| {
        serde_json::to_value(book.snapshot_without_log()).unwrap()["remembered"]
            .as_array()
            .map_or(0, Vec::len)
    };
    let had = remembered(&book);
    let out = run(
        &mut book,
        "2026-12-31",
        "archive-1",
        &format!(
            r#"{{"type":"archive_closed","before":"2026-12-01","forget_commands_through":{old}}}"#
        ),
    );
    assert!(matches!(
        &out.events[0].event,
        Event::ClosedArchived { forgot_commands_through: Some(v), .. } if *v == old
    ));
    // Every command through `grn-old` is forgotten; `grn-new` and the
    // archive itself are remembered.
    assert!(had > 20, "{had}");
    assert_eq!(remembered(&book), 2);
    let retry_new = run(&mut book, "2026-12-03", "grn-new", GRN);
    assert!(retry_new.duplicate);
    let version = book.version();
    let retry_old = run(&mut book, "2026-12-02", "grn-old", GRN);
    assert!(!retry_old.duplicate);
    assert_eq!(retry_old.version, version + 1);
    // The ids are hashes: nothing of the forgotten ones is left to find.
    let text = serde_json::to_string(&book.snapshot_without_log()).unwrap();
    let restored = Book::restore(landed::Snapshot::from_json(&text).unwrap()).unwrap();
    assert_eq!(
        serde_json::to_string(&restored.snapshot_without_log()).unwrap(),
        text
    );

    // A book keeping its log forgets nothing it logged, and replay of the
    // same events gives the state-only book's remembered ids.
    run(&mut kept, "2026-12-02", "grn-old", GRN);
    let kept_old = kept.version();
    run(
        &mut kept,
        "2026-12-31",
        "archive-1",
        &format!(
            r#"{{"type":"archive_closed","before":"2026-12-01","forget_commands_through":{kept_old}}}"#
        ),
    );
    assert!(run(&mut kept, "2026-12-02", "grn-old", GRN).duplicate);
    let log = serde_json::to_string(kept.events()).unwrap();
    let mut replayed = Book::replay_json(state_only(), &log).unwrap();
    assert_eq!(remembered(&replayed), 1);
    assert!(!run(&mut replayed, "2026-12-02", "grn-old", GRN).duplicate);
    // A log edited to forget through the archive's own version or later,
    // its hash chain forged to match, is refused by the bound's check.
    let bound = format!(r#""forgot_commands_through":{kept_old}"#);
    assert!(log.contains(&bound), "{log}");
    let edited = log.replace(&bound, r#""forgot_commands_through":999"#);
    let forged = common::forge(serde_json::from_str(&edited).unwrap());
    let err = Book::replay(state_only(), forged.iter()).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG");
    assert!(err.to_string().contains("forgot_commands_through"), "{err}");
}
