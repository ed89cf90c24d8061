//! Archiving goods-flow documents (`archive_closed`): a transfer received,
//! a purchase order received and invoiced, or a landed-cost voucher not
//! waiting for its actual, before the cut-off leaves the state with its
//! cost origins, and every command naming them afterwards
//! is refused with `ARCHIVED`; replay and restore give the same book.

include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/lamp_book.rs"
));

use landed::{Book, Command, Event};

fn archive(book: &mut Book, id: &str, before: &str) -> (u64, u64, u64, u64, u64) {
    let command = Command::from_json(&format!(
        r#"{{"type":"archive_closed","before":"{before}"}}"#
    ))
    .unwrap();
    let out = book
        .execute(command, &ctx("2026-12-31", id).unwrap())
        .unwrap();
    match &out.events[0].event {
        Event::ClosedArchived {
            sales_orders,
            documents,
            transfers,
            purchase_orders,
            vouchers,
            ..
        } => (
            *sales_orders,
            *documents,
            *transfers,
            *purchase_orders,
            *vouchers,
        ),
        other => panic!("{other:?}"),
    }
}

fn run(book: &mut Book, day: &str, id: &str, json: &str) {
    book.execute(Command::from_json(json).unwrap(), &ctx(day, id).unwrap())
        .unwrap();
}

fn refused(book: &mut Book, id: &str, json: &str) -> String {
    let version = book.version();
    let err = book
        .execute(
            Command::from_json(json).unwrap(),
            &ctx("2026-12-31", id).unwrap(),
        )
        .unwrap_err();
    assert_eq!(book.version(), version, "a refused command changes nothing");
    err.code().to_owned()
}

/// Checks that the book's log replays, and its snapshot restores, to the
/// same snapshot, which archived one `what` (the archive's hash set and the
/// event's count have that name); returns the log and the restored book.
fn replayed_and_restored(book: &Book, what: &str) -> (String, Book) {
    let text = serde_json::to_string(&book.snapshot()).unwrap();
    let snapshot: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(snapshot["archive"][what].as_array().map(Vec::len), Some(1));
    let log = serde_json::to_string(book.events()).unwrap();
    assert!(log.contains(&format!(r#""{what}":1"#)), "{log}");
    let replayed = Book::replay_json(book.config().clone(), &log).unwrap();
    assert_eq!(serde_json::to_string(&replayed.snapshot()).unwrap(), text);
    let restored = Book::restore(landed::Snapshot::from_json(&text).unwrap()).unwrap();
    assert_eq!(serde_json::to_string(&restored.snapshot()).unwrap(), text);
    (log, restored)
}

#[test]
fn a_transfer_is_archived_only_once_received_before_the_cut_off() {
    let mut book = lamp_book().unwrap();
    let t1 = &lamp_trade(&book).transfers["T-1"];
    assert_eq!(
        t1.received_on,
        Some(landed::parse_date("2026-11-08").unwrap())
    );
    // Received on the 8th: a cut-off on the 8th keeps it.
    assert_eq!(archive(&mut book, "archive-1", "2026-11-08").2, 0);
    assert_eq!(lamp_trade(&book).transfers.len(), 1);
    let value = book.inventory_value();
    let balances = book.trial_balance(landed::parse_date("2026-12-31").unwrap(), None);
    let landed_cost = book.landed_cost(None).unwrap();
    assert_eq!(
        archive(&mut book, "archive-2", "2026-11-09"),
        (0, 0, 1, 0, 0)
    );
    assert!(lamp_trade(&book).transfers.is_empty());
    // Nothing posts. T-1's cost origin leaves with it (GRN-1's stays, and
    // keeps its id); the landed-cost report lists GRN-1's line only.
    assert_eq!(book.inventory_value(), value);
    assert_eq!(
        book.trial_balance(landed::parse_date("2026-12-31").unwrap(), None),
        balances
    );
    let origins = lamp_trade(&book).origins;
    assert_eq!((origins.len(), origins.next_id()), (1, 2));
    let report = book.landed_cost(None).unwrap();
    assert_eq!(report.lines.len(), 1);
    assert_eq!(report.lines[0], landed_cost.lines[1]);
    assert_eq!(report.lines[0].target.to_string(), "receipt GRN-1 line 1");
    // A cost landed on GRN-1 still reaches its units, all in stock.
    let duty = r#"{"type":"apply_landed_cost","voucher":"LC-2","date":"2026-12-01","charges":[{"description":"Duty",
        "kind":"duty","amount":{"amount":"50.00","currency":"CNY"},"account":"2200","method":"quantity"}],
        "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}"#;
    run(&mut book, "2026-12-01", "lc-2", duty);
    assert_eq!(
        book.inventory_value().amount - value.amount,
        rust_decimal::Decimal::new(5000, 2)
    );
}

#[test]
fn an_archived_transfer_is_refused_by_name() {
    let mut book = lamp_book().unwrap();
    archive(&mut book, "archive-1", "2026-11-09");
    let freight = r#"{"type":"apply_landed_cost","voucher":"LC-9","date":"2026-12-01","charges":[{"description":"Late freight",
        "kind":"freight","amount":{"amount":"10.00","currency":"CNY"},"account":"2200","method":"quantity"}],
        "targets":[{"type":"transfer","transfer":"T-1","line":1}]}"#;
    assert_eq!(refused(&mut book, "lc-9", freight), "ARCHIVED");
    assert_eq!(
        refused(
            &mut book,
            "receive-again",
            r#"{"type":"receive_transfer","transfer":"T-1","lines":[{"line":1,"accepted":1}]}"#
        ),
        "ARCHIVED"
    );
    assert_eq!(
        refused(
            &mut book,
            "milestone",
            r#"{"type":"record_milestone","document":"T-1","milestone":{"event_id":"E-9","milestone":"delivered","at":"2026-11-08T10:00:00Z"}}"#
        ),
        "ARCHIVED"
    );
    // The number stays taken.
    assert_eq!(
        refused(
            &mut book,
            "t-1-again",
            r#"{"type":"create_transfer","transfer":"T-1","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":1}]}"#
        ),
        "ARCHIVED"
    );
    // Another transfer is still welcome.
    run(
        &mut book,
        "2026-12-31",
        "t-2",
        r#"{"type":"create_transfer","transfer":"T-2","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":1}]}"#,
    );
}

#[test]
fn a_transfer_waiting_for_an_actual_cost_stays() {
    let mut book = lamp_book().unwrap();
    let estimate = r#"{"type":"apply_landed_cost","voucher":"EST-1","date":"2026-11-13","estimate":true,
        "charges":[{"description":"Duty estimate","kind":"duty","amount":{"amount":"30.00","currency":"CNY"},
        "account":"2200","method":"quantity"}],"targets":[{"type":"transfer","transfer":"T-1","line":1}]}"#;
    run(&mut book, "2026-11-13", "est-1", estimate);
    assert_eq!(archive(&mut book, "archive-1", "2026-11-09").2, 0);
    assert_eq!(lamp_trade(&book).transfers.len(), 1);
    // Later, LC-1 (an actual) leaves; the estimate and its transfer stay.
    assert_eq!(
        archive(&mut book, "archive-2", "2026-11-14"),
        (0, 0, 0, 0, 1)
    );
    let trade = lamp_trade(&book);
    assert_eq!(trade.vouchers.keys().collect::<Vec<_>>(), ["EST-1"]);
    assert_eq!(trade.transfers.len(), 1);
    // The actual that replaces the estimate still finds both.
    let actual = r#"{"type":"apply_landed_cost","voucher":"DUTY-1","date":"2026-11-20","replaces":"EST-1",
        "charges":[{"description":"Duty","kind":"duty","amount":{"amount":"32.00","currency":"CNY"},
        "account":"2200","method":"quantity"}],"targets":[{"type":"transfer","transfer":"T-1","line":1}]}"#;
    run(&mut book, "2026-11-20", "duty-1", actual);
    // Then all three go: the estimate is replaced, the transfer awaits
    // nothing.
    assert_eq!(
        archive(&mut book, "archive-3", "2026-11-21"),
        (0, 0, 1, 0, 2)
    );
    let reuse = r#"{"type":"apply_landed_cost","voucher":"EST-1","date":"2026-12-01","charges":[{"description":"Duty",
        "kind":"duty","amount":{"amount":"1.00","currency":"CNY"},"account":"2200","method":"quantity"}],
        "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}"#;
    assert_eq!(refused(&mut book, "est-1-again", reuse), "ARCHIVED");
}

#[test]
fn replay_and_restore_give_the_same_book_after_a_transfer_leaves() {
    let mut book = lamp_book().unwrap();
    archive(&mut book, "archive-1", "2026-11-09");
    let (log, _) = replayed_and_restored(&book, "transfers");
    let mut state_only = Book::restore(book.snapshot_without_log()).unwrap();
    assert_eq!(
        refused(
            &mut state_only,
            "t-1-again",
            r#"{"type":"create_transfer","transfer":"T-1","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":1}]}"#
        ),
        "ARCHIVED"
    );
    // A log whose archive event miscounts the transfers is refused.
    let edited = log.replace(r#""transfers":1"#, r#""transfers":2"#);
    let err = Book::replay_json(book.config().clone(), &edited).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG");
}

/// The lamp book with the factory's invoice for GRN-1 matched: PO-1 is
/// received and invoiced in full.
fn invoiced() -> Book {
    let mut book = lamp_book().unwrap();
    book.execute(
        lamp_supplier_invoice().unwrap(),
        &ctx("2026-11-25", "INV-F1").unwrap(),
    )
    .unwrap();
    book
}

#[test]
fn a_purchase_order_is_archived_once_received_and_invoiced_in_full() {
    // Received on the 12th but not invoiced: it stays (T-1 leaves).
    let mut book = lamp_book().unwrap();
    assert_eq!(
        archive(&mut book, "archive-1", "2026-11-13"),
        (0, 0, 1, 0, 1)
    );
    assert_eq!(lamp_trade(&book).purchase_orders.len(), 1);

    let mut book = invoiced();
    // A cut-off on the receipt's day keeps it (T-1, received on the 8th,
    // leaves).
    assert_eq!(
        archive(&mut book, "archive-1", "2026-11-12"),
        (0, 0, 1, 0, 0)
    );
    let value = book.inventory_value();
    let balances = book.trial_balance(landed::parse_date("2026-12-31").unwrap(), None);
    let landed_cost = book.landed_cost(None).unwrap();
    let open_items = book.open_items(landed::parse_date("2026-12-31").unwrap());
    // LC-1, dated the 12th, leaves with it.
    assert_eq!(
        archive(&mut book, "archive-2", "2026-11-13"),
        (0, 0, 0, 1, 1)
    );
    let trade = lamp_trade(&book);
    assert!(trade.purchase_orders.is_empty() && trade.receipts.is_empty());
    // Nothing posts; the invoice (not paid) stays open; GRN-1's cost
    // origin leaves with it: no origin is left.
    assert_eq!(book.inventory_value(), value);
    assert_eq!(
        book.trial_balance(landed::parse_date("2026-12-31").unwrap(), None),
        balances
    );
    assert_eq!(landed_cost.lines.len(), 1);
    assert!(book.landed_cost(None).unwrap().lines.is_empty());
    let origins = lamp_trade(&book).origins;
    assert_eq!((origins.len(), origins.next_id()), (0, 2));
    assert_eq!(
        book.open_items(landed::parse_date("2026-12-31").unwrap()),
        open_items
    );
    assert_eq!(book.purchase_order("PO-1").unwrap_err().code(), "ARCHIVED");
    assert_eq!(book.transfer("T-1").unwrap_err().code(), "ARCHIVED");
}

#[test]
fn an_archived_purchase_order_and_its_receipts_are_refused_by_name() {
    let mut book = invoiced();
    archive(&mut book, "archive-1", "2026-11-13");
    let cases = [
        r#"{"type":"receive_purchase_order","po":"PO-1","receipt":"GRN-2","lines":[{"line":1,"quantity":1}]}"#,
        r#"{"type":"close_purchase_order","po":"PO-1"}"#,
        r#"{"type":"create_purchase_order","po":"PO-1","supplier":"F1","date":"2026-12-01",
            "lines":[{"sku":"LAMP","quantity":5,"unit_price":{"amount":"2.60","currency":"USD"},"destination":"SZ"}]}"#,
        r#"{"type":"record_milestone","document":"PO-1",
            "milestone":{"event_id":"E-9","milestone":"delivered","at":"2026-11-12T10:00:00Z"}}"#,
        r#"{"type":"match_supplier_invoice","document":"INV-F2","supplier":"F1","date":"2026-12-01","rate":"7.20",
            "lines":[{"receipt":"GRN-1","line":1,"quantity":1,"unit_price":{"amount":"2.70","currency":"USD"}}]}"#,
        r#"{"type":"apply_landed_cost","voucher":"LC-9","date":"2026-12-01","charges":[{"description":"Late duty",
            "kind":"duty","amount":{"amount":"10.00","currency":"CNY"},"account":"2200","method":"quantity"}],
            "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}"#,
    ];
    for (i, json) in cases.iter().enumerate() {
        assert_eq!(
            refused(&mut book, &format!("case-{i}"), json),
            "ARCHIVED",
            "{json}"
        );
    }
    // A new order may not reuse the archived receipt number either.
    let new_order = r#"{"type":"create_purchase_order","po":"PO-2","supplier":"F1","date":"2026-12-01",
        "lines":[{"sku":"LAMP","quantity":5,"unit_price":{"amount":"2.60","currency":"USD"},"destination":"SZ"}]}"#;
    for (id, json) in [
        ("po-2", new_order),
        (
            "po-2/confirm",
            r#"{"type":"confirm_purchase_order","po":"PO-2"}"#,
        ),
    ] {
        run(&mut book, "2026-12-01", id, json);
    }
    let reuse = r#"{"type":"receive_purchase_order","po":"PO-2","receipt":"GRN-1","lines":[{"line":1,"quantity":5}]}"#;
    assert_eq!(refused(&mut book, "grn-1-again", reuse), "ARCHIVED");
}

#[test]
fn replay_and_restore_give_the_same_book_after_a_purchase_order_leaves() {
    let mut book = invoiced();
    archive(&mut book, "archive-1", "2026-11-13");
    let (log, restored) = replayed_and_restored(&book, "purchase_orders");
    assert_eq!(
        restored.purchase_order("PO-1").unwrap_err().code(),
        "ARCHIVED"
    );
    let edited = log.replace(r#""purchase_orders":1"#, r#""purchase_orders":0"#);
    let err = Book::replay_json(book.config().clone(), &edited).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG");
}
