//! A book that cannot be corrupted: each test here failed on the code
//! before issue 11 (a panic, a half-committed command, a wrapped quantity,
//! a silently accepted input) and now passes.

use landed::book::command::{Command, Context};
use landed::book::event::RecordedEvent;
use landed::book::{BatchMode, Book, BookConfig};
use landed::{Currency, LandedError};

fn at(minute: u32) -> chrono::DateTime<chrono::Utc> {
    format!("2026-11-02T09:{:02}:00Z", minute % 60)
        .parse()
        .unwrap()
}

fn book() -> Book {
    let mut book = Book::new(BookConfig::new(Currency::from_code("USD").unwrap())).unwrap();
    for (i, c) in [
        r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
        r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp","base_unit":"pcs"}"#,
    ]
    .iter()
    .enumerate()
    {
        book.execute(
            Command::from_json(c).unwrap(),
            &Context::new(at(0), format!("setup-{i}")),
        )
        .unwrap();
    }
    book
}

fn run(book: &mut Book, command: &str, id: &str) -> Result<landed::book::Outcome, LandedError> {
    book.execute(Command::from_json(command)?, &Context::new(at(1), id))
}

fn manual(amount: &str) -> String {
    format!(
        r#"{{"type":"post_entry","date":"2026-11-02","memo":"big","lines":[
            {{"account":"1100","debit":"{amount}"}},{{"account":"3000","credit":"{amount}"}}]}}"#
    )
}

fn state(book: &Book) -> (String, u64) {
    (
        serde_json::to_string(&book.snapshot()).unwrap(),
        book.version(),
    )
}

fn replays_to_the_same(book: &Book) {
    let replayed = Book::replay(book.config().clone(), book.events().iter()).unwrap();
    assert_eq!(
        serde_json::to_string(&replayed.snapshot()).unwrap(),
        serde_json::to_string(&book.snapshot()).unwrap()
    );
}

#[test]
fn ledger_totals_that_would_overflow_are_refused_while_planning() {
    let mut book = book();
    // Past 10^25 (and certainly past the decimal range, ~7.9e28) a total
    // can no longer be held to the cent: refused outright.
    let err = run(&mut book, &manual("70000000000000000000000000000"), "m0").unwrap_err();
    assert_eq!(err.code(), "DECIMAL_OVERFLOW");
    run(&mut book, &manual("6000000000000000000000000.00"), "m1").unwrap();
    let before = state(&book);
    // Two such entries on one account and day used to panic inside the
    // ledger's running totals after the version had moved (at 7e28 each):
    // a half-committed command.
    let err = run(&mut book, &manual("6000000000000000000000000.00"), "m2").unwrap_err();
    assert_eq!(err.code(), "DECIMAL_OVERFLOW");
    assert_eq!(state(&book), before);
    assert!(!book.is_poisoned());
    // The book goes on: a trial balance, a smaller entry, a retry that fails
    // the same way, and replay equals the live book.
    let tb = book.trial_balance(chrono::NaiveDate::MAX, None);
    assert_eq!(
        tb.total_debit.amount.to_string(),
        "6000000000000000000000000.00"
    );
    run(&mut book, &manual("1.00"), "m3").unwrap();
    assert_eq!(
        run(&mut book, &manual("6000000000000000000000000.00"), "m2")
            .unwrap_err()
            .code(),
        "DECIMAL_OVERFLOW"
    );
    replays_to_the_same(&book);
}

#[test]
fn stock_values_that_would_overflow_the_ledger_are_refused_and_the_book_stays_usable() {
    let mut book = book();
    let receive = r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":1000000000000,
        "unit_cost":{"amount":"100000000000.01","currency":"USD"}}"#;
    let issue =
        r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":1000000000000,"reason":"sale"}"#;
    let mut refused = None;
    for i in 0..200 {
        let before = state(&book);
        let command = if i % 2 == 0 { receive } else { issue };
        if let Err(e) = run(&mut book, command, &format!("c{i}")) {
            assert_eq!(e.code(), "DECIMAL_OVERFLOW");
            assert_eq!(state(&book), before);
            refused = Some(i);
            break;
        }
    }
    // Each voucher adds 1.00000000000001e23 to the ledger's debits and to
    // its credits; the 100th would take them past 10^25, where cents are
    // no longer exact (and the old code went on to overflow and panic).
    assert_eq!(refused, Some(99));
    let tb = book.trial_balance(chrono::NaiveDate::MAX, None);
    assert_eq!(tb.total_debit, tb.total_credit);
    assert!(!book.is_poisoned());
    replays_to_the_same(&book);
}

#[test]
fn a_replayed_log_whose_quantities_overflow_is_refused_not_wrapped() {
    let mut book = book();
    run(
        &mut book,
        r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":5,"unit_cost":{"amount":"0.00","currency":"USD"}}"#,
        "r1",
    )
    .unwrap();
    let mut log: Vec<serde_json::Value> = book
        .events()
        .iter()
        .map(|e| serde_json::to_value(&**e).unwrap())
        .collect();
    // Two receipts of 2^62 units: their sum leaves i64. (At a unit cost of
    // zero, so that every event still agrees with the others and the
    // overflow is what replay meets.)
    let receipt = log
        .iter()
        .position(|e| e["event"]["type"] == "received")
        .unwrap();
    let big = 1i64 << 62;
    log[receipt]["event"]["quantity"] = big.into();
    log[receipt]["event"]["cost"]["quantity"] = big.into();
    let mut second = log[receipt].clone();
    second["seq"] = (log.len() as u64 + 1).into();
    second["version"] = (book.version() + 1).into();
    second["command_id"] = "r2".into();
    second["event"]["cost"]["layer"] = (log.len() as u64 + 1).into();
    log.push(second);
    // Without their hashes, as records of schema version 1 (which had
    // none): the edit is made to reach the quantity check, not the chain.
    for e in &mut log {
        if let Some(o) = e.as_object_mut() {
            o.remove("hash");
            o.insert("schema_version".into(), 1.into());
        }
    }
    let events: Vec<RecordedEvent> = log
        .into_iter()
        .map(|e| serde_json::from_value(e).unwrap())
        .collect();
    let err = Book::replay(book.config().clone(), events).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG", "{err}");
    assert!(err.to_string().contains("quantity overflow"), "{err}");
}

#[test]
fn a_command_without_effect_remembers_its_id() {
    let mut book = book();
    let receive = r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":5,"unit_cost":{"amount":"1.00","currency":"USD"}}"#;
    run(&mut book, receive, "r1").unwrap();
    run(
        &mut book,
        r#"{"type":"define_location","code":"DE","name":"Hamburg","kind":"third_party"}"#,
        "loc",
    )
    .unwrap();
    run(
        &mut book,
        r#"{"type":"create_transfer","transfer":"T-1","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":2}]}"#,
        "t1",
    )
    .unwrap();
    for (i, c) in [
        r#"{"type":"approve_transfer","transfer":"T-1"}"#,
        r#"{"type":"ship_transfer","transfer":"T-1"}"#,
    ]
    .iter()
    .enumerate()
    {
        run(&mut book, c, &format!("t-step-{i}")).unwrap();
    }
    let milestone = r#"{"type":"record_milestone","document":"T-1",
        "milestone":{"event_id":"E1","milestone":"departed","at":"2026-11-03T00:00:00Z"}}"#;
    run(&mut book, milestone, "ms-1").unwrap();
    // The same carrier event again, under a new id: nothing to change,
    // but the id is logged with its fingerprint.
    let again = run(&mut book, milestone, "ms-2").unwrap();
    assert!(!again.duplicate);
    assert_eq!(
        serde_json::to_value(&again.events[0].event).unwrap(),
        serde_json::json!({"type": "no_effect"})
    );
    let retried = run(&mut book, milestone, "ms-2").unwrap();
    assert!(retried.duplicate);
    assert_eq!(retried.events, again.events);
    // Before, `ms-2` was forgotten and this receipt was accepted under it.
    let err = run(&mut book, receive, "ms-2").unwrap_err();
    assert_eq!(err.code(), "IDEMPOTENCY_CONFLICT");
    replays_to_the_same(&book);
}

#[test]
fn an_all_or_nothing_batch_undoes_everything_on_a_coded_error() {
    let mut book = book();
    let before = state(&book);
    let items = vec![
        (
            Command::from_json(&manual("6000000000000000000000000.00")).unwrap(),
            Context::new(at(2), "b1"),
        ),
        (
            Command::from_json(&manual("6000000000000000000000000.00")).unwrap(),
            Context::new(at(2), "b2"),
        ),
    ];
    let results = book.execute_batch(items, BatchMode::AllOrNothing);
    assert!(results[0].is_ok());
    assert_eq!(results[1].as_ref().unwrap_err().code(), "DECIMAL_OVERFLOW");
    assert_eq!(state(&book), before);
}

#[test]
fn reversing_a_stock_voucher_is_refused_and_leaves_the_books_reconciled() {
    let mut book = book();
    let out = run(
        &mut book,
        r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":5,"unit_cost":{"amount":"2.00","currency":"USD"}}"#,
        "r1",
    )
    .unwrap();
    let entry = out.events.last().unwrap().seq;
    let before = state(&book);
    let err = run(
        &mut book,
        &format!(r#"{{"type":"reverse_entry","entry":{entry},"date":"2026-11-03"}}"#),
        "rev",
    )
    .unwrap_err();
    assert_eq!(err.code(), "ENTRY_STATE");
    assert_eq!(state(&book), before);
    assert!(
        book.reconciliation()
            .iter()
            .all(|l| l.difference.amount.is_zero())
    );
    // A manual entry still reverses.
    let out = run(&mut book, &manual("3.00"), "m").unwrap();
    let entry = out.events.last().unwrap().seq;
    run(
        &mut book,
        &format!(r#"{{"type":"reverse_entry","entry":{entry},"date":"2026-11-03"}}"#),
        "rev-m",
    )
    .unwrap();
}

#[test]
fn amounts_leave_the_core_at_their_currencys_scale() {
    let mut book = book();
    // 6.29 × 100 is 629.0 in decimal arithmetic; it must read 629.00.
    let out = run(
        &mut book,
        r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":100,"unit_cost":{"amount":"6.29","currency":"USD"}}"#,
        "r1",
    )
    .unwrap();
    let text = serde_json::to_string(&out).unwrap();
    assert!(text.contains(r#""debit":"629.00""#), "{text}");
    assert!(
        !text.contains(r#""629.0""#) && !text.contains(r#""629""#),
        "{text}"
    );
    run(&mut book, &manual("350"), "m").unwrap();
    let tb = serde_json::to_value(book.trial_balance(chrono::NaiveDate::MAX, None)).unwrap();
    assert_eq!(tb["total_debit"]["amount"], "979.00");
    assert_eq!(tb["total_debit"]["amount"], tb["total_credit"]["amount"]);
    let journal = serde_json::to_string(&book.journal()).unwrap();
    assert!(journal.contains(r#""debit":"350.00""#), "{journal}");
    assert!(!journal.contains(r#""-0"#), "{journal}");
    // A yen amount has no places; a KWD one three.
    let yen = landed::Money::parse("1000", "JPY").unwrap();
    assert_eq!(serde_json::to_value(yen).unwrap()["amount"], "1000");
    let dinar = landed::Money::parse("1.5", "KWD").unwrap();
    assert_eq!(serde_json::to_value(dinar).unwrap()["amount"], "1.500");
    let mut zero = rust_decimal::Decimal::new(0, 2);
    zero.set_sign_negative(true);
    let zero = landed::Money::new(zero, Currency::from_code("USD").unwrap());
    assert_eq!(serde_json::to_value(zero).unwrap()["amount"], "0.00");
}

/// A book with stock in and out, so its log has vouchers and costs.
fn traded() -> Book {
    let mut book = book();
    run(
        &mut book,
        r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":10,"unit_cost":{"amount":"2.50","currency":"USD"}}"#,
        "in-1",
    )
    .unwrap();
    run(
        &mut book,
        r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":5,"unit_cost":{"amount":"4.00","currency":"USD"}}"#,
        "in-2",
    )
    .unwrap();
    run(
        &mut book,
        r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":3,"reason":"sale"}"#,
        "out-1",
    )
    .unwrap();
    book
}

#[test]
fn a_log_replayed_from_its_stored_text_equals_the_book_in_any_layout() {
    let book = traded();
    let exact = serde_json::to_string(book.events()).unwrap();
    let pretty = serde_json::to_string_pretty(book.events()).unwrap();
    // Through a JSON value: members sorted by name, as a JSON column
    // type might keep them.
    let sorted =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&exact).unwrap()).unwrap();
    assert_ne!(sorted, exact);
    for text in [&exact, &pretty, &sorted] {
        let replayed = Book::replay_json(book.config().clone(), text).unwrap();
        assert_eq!(state(&replayed), state(&book));
        assert_eq!(replayed.head_hash(), book.head_hash());
        assert_eq!(
            replayed
                .position("LAMP", "SZ", None)
                .unwrap()
                .quantities
                .available,
            12
        );
    }
}

#[test]
fn stored_text_that_was_edited_is_refused_by_its_hash() {
    let book = traded();
    let exact = serde_json::to_string(book.events()).unwrap();
    // The second receipt (event 5, after two setup events and the first
    // receipt with its voucher) says 50 units instead of 5.
    let events: Vec<serde_json::Value> = serde_json::from_str(&exact).unwrap();
    assert_eq!(events[4]["event"]["quantity"], 5);
    let edited = exact.replacen(r#""quantity":5,"#, r#""quantity":50,"#, 1);
    assert_ne!(edited, exact);
    match Book::replay_json(book.config().clone(), &edited) {
        Err(LandedError::InvalidEventLog { seq, reason }) => {
            assert_eq!(seq, 5);
            assert!(reason.contains("does not match the chain"), "{reason}");
        }
        other => panic!("expected INVALID_EVENT_LOG, got {other:?}"),
    }
    // The same refusal as replaying the events read from that text.
    let read = RecordedEvent::log_from_json(&edited).unwrap();
    let from_events = Book::replay(book.config().clone(), read).unwrap_err();
    let from_text = Book::replay_json(book.config().clone(), &edited).unwrap_err();
    assert_eq!(from_text.to_string(), from_events.to_string());
}

#[test]
fn a_malformed_stored_log_gives_the_error_of_reading_it() {
    let book = traded();
    let exact = serde_json::to_string(book.events()).unwrap();
    for bad in [
        exact.replacen(r#""seq":3"#, r#""seq":3,"seq":3"#, 1),
        exact.replacen(r#""quantity":10"#, r#""quantity":10.0"#, 1),
        exact.replacen(r#""seq":3"#, r#""seq":3,"sneaky":1"#, 1),
        exact[..exact.len() - 1].to_owned(),
        "{}".to_owned(),
    ] {
        let read = RecordedEvent::log_from_json(&bad).unwrap_err();
        let replayed = Book::replay_json(book.config().clone(), &bad).unwrap_err();
        assert_eq!(replayed.code(), "INVALID_EVENT_LOG");
        assert_eq!(replayed.to_string(), read.to_string());
    }
}

/// An adjustment's reason is free text, kept with the spaces at its ends;
/// the movement carries it as its reference, and reading the stored log
/// back accepts it (the fuzz test found a log the book could not read).
#[test]
fn an_adjustment_reason_with_spaces_at_its_ends_replays_from_stored_text() {
    let mut book = book();
    run(
        &mut book,
        r#"{"type":"adjust","sku":"LAMP","location":"SZ","quantity":3,"reason":" found 3 "}"#,
        "adj-1",
    )
    .unwrap();
    run(
        &mut book,
        r#"{"type":"adjust","sku":"LAMP","location":"SZ","quantity":-1,"reason":"broken\n\tin the bin "}"#,
        "adj-2",
    )
    .unwrap();
    let text = serde_json::to_string(book.events()).unwrap();
    let replayed = Book::replay_json(book.config().clone(), &text).unwrap();
    assert_eq!(replayed.head_hash(), book.head_hash());
    assert_eq!(state(&replayed), state(&book));
    // Commands still refuse a reference with spaces at its ends.
    let padded = r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":1,"unit_cost":{"amount":"1.00","currency":"USD"},"reference":" PO 7"}"#;
    assert_eq!(
        Command::from_json(padded).unwrap_err().code(),
        "INVALID_COMMAND"
    );
}
