//! A book that keeps no event log (`keep_events: false`): the host owns
//! the events, the book keeps the state. It must decide every command as a
//! book with its log does, emit byte-identical events, answer retries,
//! replay and restore to the same state, and refuse the reports that read
//! history instead of answering them from nothing.

include!("data/lamp_book.rs");

mod common;

use std::sync::Arc;

use landed::{Book, BookConfig, Command, Context, RecordedEvent};
use serde_json::json;

const KEEPING: &str = r#"{"functional_currency":"CNY"}"#;
const STATE_ONLY: &str = r#"{"functional_currency":"CNY","keep_events":false}"#;

fn config(json: &str) -> BookConfig {
    BookConfig::from_json(json).expect("config")
}

/// Both books run the lamp book's commands; returns them with the events
/// the state-only book returned (what its host stored), as stored text.
fn twin_books() -> (Book, Book, Vec<String>) {
    let mut keeping = Book::new(config(KEEPING)).expect("book");
    let mut state_only = Book::new(config(STATE_ONLY)).expect("book");
    let mut stored = Vec::new();
    for (context, command) in lamp_commands().expect("lamp commands") {
        let a = keeping
            .execute(&command, &context)
            .expect("keeping book runs it");
        let b = state_only
            .execute(&command, &context)
            .expect("state-only book runs it");
        assert_eq!(a.version, b.version);
        let a: Vec<String> = a
            .events
            .iter()
            .map(|e| serde_json::to_string(e).unwrap())
            .collect();
        let b: Vec<String> = b
            .events
            .iter()
            .map(|e| serde_json::to_string(e).unwrap())
            .collect();
        assert_eq!(a, b, "command {} emits the same events", context.command_id);
        stored.extend(b);
    }
    (keeping, state_only, stored)
}

fn snapshot_json(snapshot: landed::Snapshot) -> String {
    serde_json::to_string(&snapshot).expect("snapshot serializes")
}

/// Sends the lamp book's command `order-302` again, under its id.
fn retry_order_302(book: &mut Book) -> landed::book::Outcome {
    book.execute(
        lamp_command("order-302"),
        &ctx("2026-11-09", "order-302").unwrap(),
    )
    .unwrap()
}

/// Sends another command under the id `order-302`: refused.
fn other_command_as_order_302(book: &mut Book) -> landed::LandedError {
    let other = Command::from_json(
        r#"{"type":"issue","sku":"LAMP","location":"DE","quantity":1,"reason":"sale"}"#,
    )
    .unwrap();
    book.execute(other, &ctx("2026-11-09", "order-302").unwrap())
        .unwrap_err()
}

#[test]
fn a_book_without_its_log_decides_and_emits_exactly_what_a_book_with_it_does() {
    let (keeping, state_only, stored) = twin_books();
    assert_eq!(stored.len(), 31);
    assert!(state_only.events().is_empty());
    assert_eq!(keeping.events().len(), 31);
    assert_eq!(state_only.head_hash_hex(), keeping.head_hash_hex());
    assert_eq!(state_only.inventory_value(), keeping.inventory_value());
    let date = landed::parse_date("2026-11-30").unwrap();
    assert_eq!(
        serde_json::to_string(&state_only.trial_balance(date, None)).unwrap(),
        serde_json::to_string(&keeping.trial_balance(date, None)).unwrap()
    );
    assert_eq!(state_only.stock("LAMP").unwrap().on_hand, 140);
    // The state-only book is the keeping book with its log forgotten,
    // byte for byte (the configuration aside).
    let forgotten = snapshot_json(keeping.snapshot_without_log());
    let kept = snapshot_json(state_only.snapshot());
    let strip = |text: &str| {
        let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
        value["config"] = json!(null);
        value["checksum"] = json!(null);
        value
    };
    assert_eq!(strip(&forgotten), strip(&kept));
    let value: serde_json::Value = serde_json::from_str(&kept).unwrap();
    assert_eq!(value["events_before"], 31);
    assert_eq!(value["remembered"].as_array().unwrap().len(), 17);
    assert_eq!(value["log"], json!([]));
}

#[test]
fn a_retry_is_answered_with_its_version_and_another_command_under_its_id_is_refused() {
    let (_, mut book, _) = twin_books();
    let before = snapshot_json(book.snapshot());
    let again = retry_order_302(&mut book);
    assert!(again.duplicate);
    assert!(
        again.events.is_empty(),
        "the events are in the host's store"
    );
    let original_version = lamp_commands()
        .unwrap()
        .iter()
        .position(|(c, _)| c.command_id == "order-302")
        .unwrap() as u64
        + 1;
    assert_eq!(again.version, original_version);
    let err = other_command_as_order_302(&mut book);
    assert_eq!(err.code(), "IDEMPOTENCY_CONFLICT");
    assert_eq!(
        snapshot_json(book.snapshot()),
        before,
        "the book is unchanged"
    );
}

#[test]
fn the_events_the_host_stored_replay_and_the_snapshot_restores_to_the_same_book() {
    let (_, live, stored) = twin_books();
    let events: Vec<RecordedEvent> = stored
        .iter()
        .map(|text| serde_json::from_str(text).unwrap())
        .collect();
    let replayed = Book::replay(config(STATE_ONLY), events.clone()).unwrap();
    assert_eq!(
        snapshot_json(replayed.snapshot()),
        snapshot_json(live.snapshot())
    );
    assert_eq!(replayed.head_hash(), live.head_hash());
    // Streamed one by one, a retry is recognised before the stream ends.
    let mut streamed = Book::new(config(STATE_ONLY)).unwrap();
    for event in events.iter().cloned() {
        streamed.replay_one(event).unwrap();
    }
    streamed.verify().unwrap();
    assert_eq!(
        snapshot_json(streamed.snapshot()),
        snapshot_json(live.snapshot())
    );
    // An edited stored event is refused, as from a full log.
    let mut edited = events.clone();
    let mut value = serde_json::to_value(&edited[4]).unwrap();
    value["at"] = json!("2026-11-03T10:00:00Z");
    edited[4] = serde_json::from_value(value).unwrap();
    let err = Book::replay(config(STATE_ONLY), edited).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG");

    // Restored from its snapshot, the book numbers on, remembers every id
    // and chains on from the same head.
    let text = snapshot_json(live.snapshot());
    let mut restored = Book::restore(landed::Snapshot::from_json(&text).unwrap()).unwrap();
    assert!(retry_order_302(&mut restored).duplicate);
    let sale = Command::from_json(
        r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":10,"reason":"sale"}"#,
    )
    .unwrap();
    let context = ctx("2026-11-30", "sale-after-restore").unwrap();
    let mut twin = Book::restore(landed::Snapshot::from_json(&text).unwrap()).unwrap();
    let out = restored.execute(&sale, &context).unwrap();
    assert_eq!(out.events[0].seq, 32);
    assert_eq!(out.version, 18);
    // The new events chain to the stored head: the host's log plus them
    // replays to the restored book's head.
    let mut whole = events;
    whole.extend(out.events.iter().map(|e| {
        serde_json::from_str::<RecordedEvent>(&serde_json::to_string(e).unwrap()).unwrap()
    }));
    let replayed = Book::replay(config(STATE_ONLY), whole).unwrap();
    assert_eq!(replayed.head_hash(), restored.head_hash());
    assert_eq!(replayed.inventory_value(), restored.inventory_value());
    // The same command on a twin restored from the same text: the same bytes.
    let twin_out = twin.execute(&sale, &context).unwrap();
    assert_eq!(
        serde_json::to_string(&twin_out.events).unwrap(),
        serde_json::to_string(&out.events).unwrap()
    );
}

#[test]
fn reports_that_read_history_refuse_instead_of_answering_from_nothing() {
    let (keeping, book, _) = twin_books();
    assert_eq!(book.history("LAMP").unwrap_err().code(), "HISTORY_NOT_KEPT");
    assert_eq!(
        book.account_ledger("1400").unwrap_err().code(),
        "HISTORY_NOT_KEPT"
    );
    let query = landed::report::ProfitQuery::new(
        landed::parse_date("2026-11-01").unwrap(),
        landed::parse_date("2026-11-30").unwrap(),
        landed::report::ProfitGroup::Sku,
    );
    assert_eq!(book.profit(&query).unwrap_err().code(), "HISTORY_NOT_KEPT");
    // The keeping book answers them; so does a copy restored with its log.
    assert!(!keeping.history("LAMP").unwrap().is_empty());
    assert!(keeping.profit(&query).is_ok());
    // A book restored from a snapshot without its log is a state-only book
    // for the history before it.
    let replica = Book::restore(keeping.snapshot_without_log()).unwrap();
    assert_eq!(
        replica.history("LAMP").unwrap_err().code(),
        "HISTORY_NOT_KEPT"
    );
}

#[test]
fn a_manual_entry_the_book_no_longer_holds_cannot_be_reversed_and_the_book_is_unchanged() {
    let mut book = Book::new(config(STATE_ONLY)).unwrap();
    let entry = Command::from_json(
        r#"{"type":"post_entry","date":"2026-11-02","memo":"owner's capital","lines":[
            {"account":"1100","debit":"1000.00"},{"account":"3000","credit":"1000.00"}]}"#,
    )
    .unwrap();
    let out = book
        .execute(entry, &ctx("2026-11-02", "capital").unwrap())
        .unwrap();
    let id = out.events[0].seq;
    let before = snapshot_json(book.snapshot());
    let reverse = Command::from_json(&format!(
        r#"{{"type":"reverse_entry","entry":{id},"date":"2026-11-03"}}"#
    ))
    .unwrap();
    let err = book
        .execute(reverse, &ctx("2026-11-03", "undo").unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "ENTRY_STATE");
    assert!(err.to_string().contains("post the opposite entry"), "{err}");
    assert_eq!(snapshot_json(book.snapshot()), before);
}

#[test]
fn events_the_host_dropped_are_freed_however_long_the_book_runs() {
    let mut book = Book::new(
        BookConfig::from_json(r#"{"functional_currency":"USD","keep_events":false}"#).unwrap(),
    )
    .unwrap();
    let at = |n: i64| {
        Context::new(
            chrono::DateTime::parse_from_rfc3339("2026-11-02T00:00:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc)
                + chrono::Duration::seconds(n),
            format!("c{n}"),
        )
    };
    let setup = [
        r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
        r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#,
    ];
    for (n, json) in setup.iter().enumerate() {
        book.execute(Command::from_json(json).unwrap(), &at(n as i64))
            .unwrap();
    }
    let receive = Command::from_json(
        r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":1,
            "unit_cost":{"amount":"7.50","currency":"USD"}}"#,
    )
    .unwrap();
    // The host drops every outcome without storing it (so nothing hashes
    // the events for it): the book must not hold them all through the chain.
    let first = book.execute(&receive, &at(10)).unwrap();
    let watched: std::sync::Weak<RecordedEvent> = Arc::downgrade(&first.events[0]);
    drop(first);
    for n in 11..10_000 {
        book.execute(&receive, &at(n)).unwrap();
    }
    assert!(watched.upgrade().is_none(), "an early event is still held");
    assert_eq!(book.stock("LAMP").unwrap().on_hand, 9_990);
    assert!(book.events().is_empty());
    // A retry of the first receipt, long after, is still recognised.
    assert!(book.execute(&receive, &at(10)).unwrap().duplicate);
}

/// A remembered command id is kept as two hashes of its text, not the text;
/// a snapshot written with the text (as before) is read too, and both
/// answer a retry and refuse another command under the id.
#[test]
fn remembered_ids_are_written_as_hashes_and_read_in_either_form() {
    let (_, book, _) = twin_books();
    let written = snapshot_json(book.snapshot());
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    let hashes: Vec<String> = value["remembered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id_hash"].as_str().unwrap().to_owned())
        .collect();
    let commands = lamp_commands().unwrap();
    assert_eq!(hashes.len(), commands.len());
    assert!(hashes.iter().all(|h| h.len() == 32));
    assert!(!written.contains("order-302"));
    // The same snapshot as an earlier version wrote it: ids as text.
    let mut older = written.clone();
    for (hash, (context, _)) in hashes.iter().zip(&commands) {
        older = older.replacen(
            &format!(r#""id_hash":"{hash}""#),
            &format!(r#""id":"{}""#, context.command_id),
            1,
        );
    }
    assert!(older.contains(r#""id":"order-302""#));
    for text in [written.clone(), common::resealed(&older)] {
        let mut restored = Book::restore(landed::Snapshot::from_json(&text).unwrap()).unwrap();
        assert!(retry_order_302(&mut restored).duplicate);
        assert_eq!(
            other_command_as_order_302(&mut restored).code(),
            "IDEMPOTENCY_CONFLICT"
        );
        // Restored from either form, it writes the hashes.
        assert_eq!(snapshot_json(restored.snapshot()), written);
    }
    // Both forms at once, or a malformed hash, are refused.
    let first = format!(r#""id_hash":"{}""#, hashes[0]);
    for bad in [
        format!(r#""id":"loc-SZ",{first}"#),
        r#""id_hash":"XYZ""#.to_owned(),
    ] {
        let edited = common::resealed(&written.replacen(&first, &bad, 1));
        let err = landed::Snapshot::from_json(&edited).unwrap_err();
        assert_eq!(err.code(), "INVALID_SNAPSHOT", "{err}");
    }
}

/// Ids that an earlier hash of command ids confused (`seed-1019` and
/// `seed-1092`) are two commands to a book that remembers ids by hash.
#[test]
fn similar_command_ids_are_told_apart() {
    let mut book = Book::new(config(STATE_ONLY)).unwrap();
    for (id, code) in [("seed-1019", "SZ"), ("seed-1092", "DE")] {
        let define = Command::from_json(&format!(
            r#"{{"type":"define_location","code":"{code}","name":"{code}","kind":"own"}}"#
        ))
        .unwrap();
        let out = book
            .execute(define, &ctx("2026-11-01", id).unwrap())
            .unwrap();
        assert!(!out.duplicate, "{id}");
    }
    assert_eq!(book.version(), 2);
}
