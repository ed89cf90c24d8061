//! Tamper tests: every kind of edit to a stored log named in issue 11 is
//! refused by replay (`INVALID_EVENT_LOG` naming the first bad event) or
//! detected by comparing the head hash the host kept beside the log.
//!
//! Each edit is made twice where it matters: naively (the hashes left as
//! they were: the chain catches it) and by an attacker who recomputes every
//! hash after the edit (the consistency checks, or the kept head hash,
//! catch it).

mod common;

use std::sync::Arc;

use common::{Harness, forge, issue, receive};
use landed::book::Book;
use landed::book::command::{Command, Context};
use landed::book::event::{Event, RecordedEvent};
use landed::inventory::ValuationMethod;
use landed::{LandedError, Money};

/// Locations SZ/DE, SKUs A/B; receipts of 100 @ 1.00 (cmd 5) and
/// 50 @ 2.00 (cmd 6) of A at SZ, then an issue of 30 (cmd 7), then a receipt
/// of B (cmd 8). Events: 1-4 master data, 5-6 receipt + voucher, 7-8,
/// 9-10 issue + voucher, 11-12.
fn book() -> Harness {
    let mut h = Harness::standard("USD", ValuationMethod::MovingAverage);
    h.run(receive("A", "SZ", 100, "1.00", "USD"));
    h.run(receive("A", "SZ", 50, "2.00", "USD"));
    h.run(issue("A", "SZ", 30));
    h.run(receive("B", "SZ", 10, "3.00", "USD"));
    h
}

/// The log as a host stores it and reads it back.
fn stored(book: &Book) -> Vec<RecordedEvent> {
    let text = serde_json::to_string(book.events()).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Replays the events read back, and the same log as text through
/// `Book::replay_json` (which hashes the stored text where it can): both
/// must give the same book or the same refusal.
fn replay(book: &Book, events: Vec<RecordedEvent>) -> Result<Book, LandedError> {
    let text = serde_json::to_string(&events).unwrap();
    let from_text = Book::replay_json(book.config().clone(), &text);
    let from_events = Book::replay(book.config().clone(), events);
    match (&from_text, &from_events) {
        (Ok(a), Ok(b)) => assert_eq!(a.head_hash(), b.head_hash()),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        _ => panic!("replay_json and replay disagree: {from_text:?} / {from_events:?}"),
    }
    from_events
}

/// The sequence number and reason of an `INVALID_EVENT_LOG`.
fn refused(result: Result<Book, LandedError>) -> (u64, String) {
    match result {
        Err(LandedError::InvalidEventLog { seq, reason }) => (seq, reason),
        Err(other) => panic!("expected INVALID_EVENT_LOG, got {other}"),
        Ok(_) => panic!("the edited log was replayed"),
    }
}

fn received(event: &mut RecordedEvent) -> &mut landed::book::event::StockIn {
    match &mut event.event {
        Event::Received(s) => s,
        other => panic!("not a receipt: {other:?}"),
    }
}

#[test]
fn the_untouched_log_replays_from_storage_and_from_memory() {
    let h = book();
    let kept = h.book.head_hash();
    let from_storage = replay(&h.book, stored(&h.book)).unwrap();
    assert_eq!(from_storage.head_hash(), kept);
    let from_memory = Book::replay(h.book.config().clone(), h.book.events()).unwrap();
    assert_eq!(from_memory.head_hash(), kept);
    // Streamed one by one, then checked as a whole.
    let mut streamed = Book::new(h.book.config().clone()).unwrap();
    for event in stored(&h.book) {
        streamed.replay_one(event).unwrap();
    }
    streamed.verify().unwrap();
    assert_eq!(streamed.head_hash(), kept);
    // The forger's procedure reproduces the real hashes on an untouched log.
    let forged = forge(stored(&h.book));
    assert_eq!(forged.last().unwrap().hash(), Some(kept));
}

#[test]
fn an_edited_receipt_value_is_refused() {
    let h = book();
    let mut events = stored(&h.book);
    received(&mut events[4]).value = Money::parse("150.00", "USD").unwrap();
    let (seq, reason) = refused(replay(&h.book, events.clone()));
    assert_eq!(seq, 5);
    assert!(reason.contains("hash"), "{reason}");
    // Hashes recomputed: the value no longer equals quantity × unit cost.
    let (seq, reason) = refused(replay(&h.book, forge(events.clone())));
    assert_eq!(seq, 5, "{reason}");
    // Value and cost edited together: still not quantity × unit cost.
    received(&mut events[4]).cost.value = "150.00".parse().unwrap();
    let (seq, reason) = refused(replay(&h.book, forge(events.clone())));
    assert_eq!(seq, 5);
    assert!(reason.contains("not worth"), "{reason}");
    // Unit cost edited too: the voucher (event 6) still says 100.00.
    received(&mut events[4]).unit_cost = Money::parse("1.50", "USD").unwrap();
    let (seq, reason) = refused(replay(&h.book, forge(events)));
    assert_eq!(seq, 6);
    assert!(reason.contains("voucher"), "{reason}");
}

#[test]
fn an_edited_quantity_is_refused_not_replayed_into_an_inconsistent_book() {
    let h = book();
    let mut events = stored(&h.book);
    // 100 -> 1000 units: the old code replayed a position of 1,120 units
    // against a pool of 120.
    received(&mut events[4]).quantity = 1000;
    let (seq, _) = refused(replay(&h.book, events.clone()));
    assert_eq!(seq, 5);
    let (seq, reason) = refused(replay(&h.book, forge(events.clone())));
    assert_eq!(seq, 5);
    assert!(reason.contains("1000 units come in"), "{reason}");
    // The pool's units edited as well: value and voucher no longer agree.
    received(&mut events[4]).cost.quantity = 1000;
    let (seq, _) = refused(replay(&h.book, forge(events)));
    assert_eq!(seq, 5);
}

#[test]
fn a_dropped_voucher_is_refused() {
    let h = book();
    let mut events = stored(&h.book);
    assert!(matches!(events[5].event, Event::JournalPosted(_)));
    events.remove(5);
    // Left as it is: the event stored as 7 comes sixth (replay names the
    // bad event by its stored sequence number).
    let (seq, reason) = refused(replay(&h.book, events.clone()));
    assert_eq!(seq, 7);
    assert!(reason.contains("expected sequence 6"), "{reason}");
    // Renumbered and rehashed: the receipt's voucher is missing.
    let (seq, reason) = refused(replay(&h.book, forge(events)));
    assert_eq!(seq, 6);
    assert!(reason.contains("voucher of event 5 is missing"), "{reason}");
}

#[test]
fn a_dropped_command_is_refused() {
    let h = book();
    let mut events = stored(&h.book);
    // The second receipt and its voucher (events 7-8).
    events.drain(6..8);
    let (seq, reason) = refused(replay(&h.book, events.clone()));
    assert_eq!(seq, 9, "{reason}");
    // Renumbered and rehashed: the issue, planned again on the pool without
    // the second receipt, goes out at 30.00, not the logged 40.00.
    let (seq, reason) = refused(replay(&h.book, forge(events)));
    assert_eq!(seq, 7);
    assert!(
        reason.contains("leave the pool at 30.00, not 40.00"),
        "{reason}"
    );
}

#[test]
fn a_duplicated_command_is_refused_or_caught_by_the_head_hash() {
    let h = book();
    let kept = h.book.head_hash();
    let events = stored(&h.book);
    // The second receipt logged twice, before the issue.
    let mut doubled = events[..8].to_vec();
    doubled.extend(events[6..8].iter().cloned());
    doubled.extend(events[8..].iter().cloned());
    let (seq, _) = refused(replay(&h.book, doubled.clone()));
    assert_eq!(seq, 7);
    // Rehashed: the copy still names the FIFO layer and entry numbers of its
    // original place, and the issue after it no longer costs what it did.
    let (seq, reason) = refused(replay(&h.book, forge(doubled)));
    assert_eq!(seq, 9);
    assert!(reason.contains("cost"), "{reason}");
    // A careful forger appends a copy of the last command with every number
    // fixed: each event agrees with the others, so only the head hash the
    // host kept tells.
    let mut appended = events.clone();
    for original in &events[10..12] {
        let mut copy = original.clone();
        if let Event::Received(s) = &mut copy.event {
            s.cost.layer = Some(13);
        }
        appended.push(copy);
    }
    let forged = replay(&h.book, forge(appended)).unwrap();
    assert_ne!(forged.head_hash(), kept);
}

#[test]
fn swapped_commands_are_refused() {
    let h = book();
    let events = stored(&h.book);
    // The issue (9-10) moved before the second receipt (7-8).
    let mut swapped = events[..6].to_vec();
    swapped.extend(events[8..10].iter().cloned());
    swapped.extend(events[6..8].iter().cloned());
    swapped.extend(events[10..].iter().cloned());
    let (seq, _) = refused(replay(&h.book, swapped.clone()));
    assert_eq!(seq, 9);
    // Rehashed: the issue planned on 100 units at 1.00 takes 30.00, not 40.00.
    let (seq, reason) = refused(replay(&h.book, forge(swapped)));
    assert_eq!(seq, 7);
    assert!(reason.contains("30.00, not 40.00"), "{reason}");
}

#[test]
fn a_truncated_tail_is_caught_by_the_kept_head_hash() {
    let h = book();
    let kept = h.book.head_hash();
    let mut events = stored(&h.book);
    events.truncate(10);
    // A log cut after a command is a consistent shorter history: it replays,
    // and only the head hash kept beside the log tells.
    let replayed = replay(&h.book, events.clone()).unwrap();
    assert_ne!(replayed.head_hash(), kept);
    // Cut inside a command, the voucher is missing.
    events.truncate(9);
    let (seq, reason) = refused(replay(&h.book, events));
    assert_eq!(seq, 9);
    assert!(reason.contains("voucher"), "{reason}");
}

#[test]
fn an_edited_hash_is_refused() {
    let h = book();
    let text = serde_json::to_string(h.book.events()).unwrap();
    let hash = h.book.events()[6].hash_hex().unwrap();
    let mut edited_hash = hash.clone().into_bytes();
    edited_hash[0] = if edited_hash[0] == b'0' { b'1' } else { b'0' };
    let edited = text.replace(&hash, std::str::from_utf8(&edited_hash).unwrap());
    let events: Vec<RecordedEvent> = serde_json::from_str(&edited).unwrap();
    let (seq, reason) = refused(replay(&h.book, events));
    assert_eq!(seq, 7);
    assert!(reason.contains("hash"), "{reason}");
    // A hash that is not 64 lowercase hex digits is not even read.
    let upper = text.replace(&hash, &hash.to_uppercase());
    if upper != text {
        assert!(serde_json::from_str::<Vec<RecordedEvent>>(&upper).is_err());
    }
}

#[test]
fn events_shared_with_their_book_are_not_hashed_again_but_taken_out_of_place_are() {
    let h = book();
    let events: Vec<Arc<RecordedEvent>> = h.book.events().to_vec();
    // In place: replayed without hashing (still unsealed afterwards would be
    // an implementation detail; the head hash is what matters).
    let replayed = Book::replay(h.book.config().clone(), &events).unwrap();
    assert_eq!(replayed.head_hash(), h.book.head_hash());
    // The same shared events with one command left out: the one after the
    // gap is linked to another predecessor, so it is hashed and refused.
    let mut gap: Vec<Arc<RecordedEvent>> = events[..6].to_vec();
    gap.extend(events[8..].iter().cloned());
    let result = Book::replay(h.book.config().clone(), &gap);
    assert!(result.is_err());
}

#[test]
fn a_command_s_events_share_time_and_actor() {
    let mut h = book();
    let mut context = Context::new(h.clock, "with-actor");
    context.actor = Some("alice".into());
    let out = h
        .book
        .execute(receive("A", "DE", 5, "1.00", "USD"), &context)
        .unwrap();
    assert_eq!(out.events.len(), 2);
    for event in &out.events {
        assert_eq!(event.actor.as_deref(), Some("alice"));
    }
    let json = serde_json::to_string(&out).unwrap();
    assert_eq!(
        json.matches(r#","actor":"alice","event":"#).count(),
        2,
        "{json}"
    );
    // Without an actor the member is left out.
    let plain = serde_json::to_string(&h.book.events()[0]).unwrap();
    assert!(!plain.contains("actor"), "{plain}");
    // The voucher's actor edited (and rehashed) is refused.
    let mut events = stored(&h.book);
    let last = events.len() - 1;
    events[last].actor = Some("mallory".into());
    let (seq, reason) = refused(replay(&h.book, forge(events)));
    assert_eq!(seq, last as u64 + 1);
    assert!(reason.contains("actor"), "{reason}");
    // A retried command (same id) is recognised and keeps its actor.
    let again = h
        .book
        .execute(receive("A", "DE", 5, "1.00", "USD"), &context)
        .unwrap();
    assert!(again.duplicate);
    assert_eq!(again.events[0].actor.as_deref(), Some("alice"));
    let _ = Command::DefineSku(common::sku("unused"));
}

#[test]
fn a_schema_1_log_without_hashes_replays_and_gets_them() {
    let h = book();
    let text = serde_json::to_string(h.book.events()).unwrap();
    // Version 1 records: no hash member.
    let mut old = String::new();
    for event in h.book.events() {
        let canonical = String::from_utf8(event.canonical_bytes()).unwrap();
        old.push_str(&canonical.replacen(r#""schema_version":2"#, r#""schema_version":1"#, 1));
        old.push(',');
    }
    let old = format!("[{}]", old.trim_end_matches(','));
    assert_ne!(old, text);
    let events: Vec<RecordedEvent> = serde_json::from_str(&old).unwrap();
    assert!(events.iter().all(|e| e.hash().is_none()));
    let replayed = replay(&h.book, events).unwrap();
    assert!(replayed.events().iter().all(|e| e.hash().is_some()));
    // A record of version 2 must carry its hash.
    let missing = text.replacen(r#","hash":""#, r#","hush":""#, 1);
    assert!(serde_json::from_str::<Vec<RecordedEvent>>(&missing).is_err());
}
