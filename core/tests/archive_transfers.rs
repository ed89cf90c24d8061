//! Archiving received transfers (`archive_closed`): a transfer received
//! before the cut-off leaves the state, its cost origins stay, and every
//! command naming it afterwards is refused with `ARCHIVED`; replay and
//! restore give the same book.

include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/lamp_book.rs"
));

use landed::{Book, Command, Event};

fn archive(book: &mut Book, id: &str, before: &str) -> (u64, u64, u64) {
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
            ..
        } => (*sales_orders, *documents, *transfers),
        other => panic!("{other:?}"),
    }
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
    assert_eq!(archive(&mut book, "archive-2", "2026-11-09"), (0, 0, 1));
    assert!(lamp_trade(&book).transfers.is_empty());
    // Nothing posts, and the cost of the units that came through T-1 is
    // still known: its cost origin stays.
    assert_eq!(book.inventory_value(), value);
    assert_eq!(
        book.trial_balance(landed::parse_date("2026-12-31").unwrap(), None),
        balances
    );
    assert_eq!(book.landed_cost(None).unwrap(), landed_cost);
    assert_eq!(lamp_trade(&book).origins.len(), 2);
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
    book.execute(
        Command::from_json(
            r#"{"type":"create_transfer","transfer":"T-2","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":1}]}"#,
        )
        .unwrap(),
        &ctx("2026-12-31", "t-2").unwrap(),
    )
    .unwrap();
}

#[test]
fn a_transfer_waiting_for_an_actual_cost_stays() {
    let mut book = lamp_book().unwrap();
    let estimate = r#"{"type":"apply_landed_cost","voucher":"EST-1","date":"2026-11-13","estimate":true,
        "charges":[{"description":"Duty estimate","kind":"duty","amount":{"amount":"30.00","currency":"CNY"},
        "account":"2200","method":"quantity"}],"targets":[{"type":"transfer","transfer":"T-1","line":1}]}"#;
    book.execute(
        Command::from_json(estimate).unwrap(),
        &ctx("2026-11-13", "est-1").unwrap(),
    )
    .unwrap();
    assert_eq!(archive(&mut book, "archive-1", "2026-11-09").2, 0);
    assert_eq!(lamp_trade(&book).transfers.len(), 1);
}

#[test]
fn replay_and_restore_give_the_same_book_after_a_transfer_leaves() {
    let mut book = lamp_book().unwrap();
    archive(&mut book, "archive-1", "2026-11-09");
    let text = serde_json::to_string(&book.snapshot()).unwrap();
    assert!(text.contains(r#""transfers":[""#), "{text}");
    let log = serde_json::to_string(book.events()).unwrap();
    assert!(log.contains(r#""transfers":1"#));
    let replayed = Book::replay_json(book.config().clone(), &log).unwrap();
    assert_eq!(serde_json::to_string(&replayed.snapshot()).unwrap(), text);
    let restored = Book::restore(landed::Snapshot::from_json(&text).unwrap()).unwrap();
    assert_eq!(serde_json::to_string(&restored.snapshot()).unwrap(), text);
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
