//! A file changed behind the store's back does not open: an edited event
//! row (before or after the snapshot), a truncated log, an edited
//! snapshot, all `STORE_CORRUPT`. On SQLite and on PostgreSQL.

include!("data/helpers.rs");
#[macro_use]
mod common;

use common::{Backend, Db, lit};
use landed_store::Store;

on_both_backends!(
    an_edited_event_row_is_found_on_open,
    an_edited_row_covered_by_the_snapshot_is_found_too,
    an_edited_row_after_the_snapshot_is_found,
    a_rehashed_row_breaks_the_next_link_and_a_truncated_log_the_head,
    an_edited_snapshot_is_refused,
);

/// The lamp book in a new database, with a snapshot after
/// `snapshot_after` commands if given.
fn lamp_store(backend: &Backend, name: &str, snapshot_after: Option<usize>) -> Db {
    let db = backend.fresh(name);
    let mut store = db.open(cny());
    for (i, (command, context)) in lamp_commands().iter().enumerate() {
        store.execute(command, context).unwrap();
        if Some(i + 1) == snapshot_after {
            store.snapshot_now().unwrap();
        }
    }
    db
}

/// Opens the database and returns the error's code and text.
fn refused(db: &Db) -> (String, String) {
    let err = Store::open_url(&db.location(), cny()).unwrap_err();
    (err.code().to_owned(), err.to_string())
}

/// Makes the first receipt (event 4, GRN-0's 100 lamps) 1,000 lamps.
fn edit_receipt(db: &Db) {
    let changed = db.exec(
        r#"UPDATE events SET json = replace(json, '"quantity":100,', '"quantity":1000,') WHERE seq = 4"#,
    );
    assert_eq!(changed, 1);
}

fn an_edited_event_row_is_found_on_open(backend: &Backend) {
    let db = lamp_store(backend, "tamper-row", None);
    assert!(Store::open_url(&db.location(), cny()).is_ok());
    edit_receipt(&db);
    let (code, text) = refused(&db);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("event 4 does not hash"), "{text}");
}

fn an_edited_row_covered_by_the_snapshot_is_found_too(backend: &Backend) {
    // The snapshot after 8 commands holds event 4; the row is still checked.
    let db = lamp_store(backend, "tamper-before-snapshot", Some(8));
    edit_receipt(&db);
    let (code, text) = refused(&db);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("event 4 does not hash"), "{text}");
}

fn an_edited_row_after_the_snapshot_is_found(backend: &Backend) {
    // GRN-1 (the purchase-order receipt of 50 lamps) comes after the
    // snapshot taken after 3 commands.
    let db = lamp_store(backend, "tamper-after-snapshot", Some(3));
    let seq = db.int("SELECT min(seq) FROM events WHERE command_id = 'GRN-1'");
    let changed = db.exec(&format!(
        r#"UPDATE events SET json = replace(json, '"quantity":50,', '"quantity":5,') WHERE seq = {seq}"#
    ));
    assert_eq!(changed, 1);
    let (code, text) = refused(&db);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(
        text.contains(&format!("event {seq} does not hash")),
        "{text}"
    );
}

fn a_rehashed_row_breaks_the_next_link_and_a_truncated_log_the_head(backend: &Backend) {
    let db = lamp_store(backend, "tamper-truncated", None);
    // The last command (PAY-A1) removed: what is left is a sound log, but
    // not the one whose head the file keeps.
    db.exec("DELETE FROM events WHERE command_id = 'PAY-A1'");
    let (code, text) = refused(&db);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("truncated or rewritten"), "{text}");

    // The first receipt's reference edited (a change no figure check sees)
    // and its own hash recomputed to match, in its text and its column: it
    // now hashes right, but the event after it no longer chains to it.
    let db = lamp_store(backend, "tamper-rehashed", None);
    let row = |seq: i64| -> (String, String) {
        (
            db.text(&format!("SELECT json FROM events WHERE seq = {seq}")),
            db.text(&format!("SELECT hash FROM events WHERE seq = {seq}")),
        )
    };
    let (_, previous) = row(3);
    let (json, hash) = row(4);
    let edited = json.replacen(r#""reference":"GRN-0""#, r#""reference":"GRN-X""#, 1);
    assert_ne!(edited, json);
    let body = edited
        .strip_suffix(&format!(r#","hash":"{hash}"}}"#))
        .unwrap();
    let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
    sha2::Digest::update(&mut hasher, landed_hex_bytes(&previous));
    sha2::Digest::update(&mut hasher, format!("{body}}}").as_bytes());
    let rehashed: [u8; 32] = sha2::Digest::finalize(hasher).into();
    let rehashed = landed::book::event::hex(&rehashed);
    db.exec(&format!(
        "UPDATE events SET json = {}, hash = {} WHERE seq = 4",
        lit(&format!(r#"{body},"hash":"{rehashed}"}}"#)),
        lit(&rehashed)
    ));
    let (code, text) = refused(&db);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("event 5 does not hash"), "{text}");
}

/// 64 hex digits as bytes.
fn landed_hex_bytes(digits: &str) -> Vec<u8> {
    (0..32)
        .map(|i| u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn an_edited_snapshot_is_refused(backend: &Backend) {
    let db = lamp_store(backend, "tamper-snapshot", Some(8));
    let changed =
        db.exec(r#"UPDATE snapshots SET json = replace(json, '"version":8,', '"version":9,')"#);
    assert_eq!(changed, 1);
    let (code, text) = refused(&db);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("the snapshot at event"), "{text}");
}
