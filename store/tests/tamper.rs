//! A file changed behind the store's back does not open: an edited event
//! row (before or after the snapshot), a truncated log, an edited
//! snapshot, all `STORE_CORRUPT`.

include!("data/helpers.rs");
mod common;

use std::path::{Path, PathBuf};

use common::sql;
use landed_store::Store;

/// The lamp book in a new file, with a snapshot after `snapshot_after`
/// commands if given.
fn lamp_store(name: &str, snapshot_after: Option<usize>) -> PathBuf {
    let path = scratch(name);
    let mut store = Store::open(&path, cny()).unwrap();
    for (i, (command, context)) in lamp_commands().iter().enumerate() {
        store.execute(command, context).unwrap();
        if Some(i + 1) == snapshot_after {
            store.snapshot_now().unwrap();
        }
    }
    path
}

/// Opens the file and returns the error's code and text.
fn refused(path: &Path) -> (String, String) {
    let err = Store::open(path, cny()).unwrap_err();
    (err.code().to_owned(), err.to_string())
}

/// Makes the first receipt (event 4, GRN-0's 100 lamps) 1,000 lamps.
fn edit_receipt(path: &Path) {
    let changed = sql(path)
        .execute(
            r#"UPDATE events SET json = replace(json, '"quantity":100,', '"quantity":1000,') WHERE seq = 4"#,
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

#[test]
fn an_edited_event_row_is_found_on_open() {
    let path = lamp_store("tamper-row.db", None);
    assert!(Store::open(&path, cny()).is_ok());
    edit_receipt(&path);
    let (code, text) = refused(&path);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("event 4 does not hash"), "{text}");
}

#[test]
fn an_edited_row_covered_by_the_snapshot_is_found_too() {
    // The snapshot after 8 commands holds event 4; the row is still checked.
    let path = lamp_store("tamper-before-snapshot.db", Some(8));
    edit_receipt(&path);
    let (code, text) = refused(&path);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("event 4 does not hash"), "{text}");
}

#[test]
fn an_edited_row_after_the_snapshot_is_found() {
    // GRN-1 (the purchase-order receipt of 50 lamps) comes after the
    // snapshot taken after 3 commands.
    let path = lamp_store("tamper-after-snapshot.db", Some(3));
    let conn = sql(&path);
    let seq: i64 = conn
        .query_row(
            "SELECT min(seq) FROM events WHERE command_id = 'GRN-1'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    let changed = conn
        .execute(
            r#"UPDATE events SET json = replace(json, '"quantity":50,', '"quantity":5,') WHERE seq = ?1"#,
            [seq],
        )
        .unwrap();
    assert_eq!(changed, 1);
    let (code, text) = refused(&path);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(
        text.contains(&format!("event {seq} does not hash")),
        "{text}"
    );
}

#[test]
fn a_rehashed_row_breaks_the_next_link_and_a_truncated_log_the_head() {
    let path = lamp_store("tamper-truncated.db", None);
    // The last command (PAY-A1) removed: what is left is a sound log, but
    // not the one whose head the file keeps.
    sql(&path)
        .execute("DELETE FROM events WHERE command_id = 'PAY-A1'", [])
        .unwrap();
    let (code, text) = refused(&path);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("truncated or rewritten"), "{text}");

    // The first receipt's reference edited (a change no figure check sees)
    // and its own hash recomputed to match, in its text and its column: it
    // now hashes right, but the event after it no longer chains to it.
    let path = lamp_store("tamper-rehashed.db", None);
    let conn = sql(&path);
    let row = |seq: i64| -> (String, String) {
        conn.query_row(
            "SELECT json, hash FROM events WHERE seq = ?1",
            [seq],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap()
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
    conn.execute(
        "UPDATE events SET json = ?1, hash = ?2 WHERE seq = 4",
        [format!(r#"{body},"hash":"{rehashed}"}}"#), rehashed],
    )
    .unwrap();
    let (code, text) = refused(&path);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("event 5 does not hash"), "{text}");
}

/// 64 hex digits as bytes.
fn landed_hex_bytes(digits: &str) -> Vec<u8> {
    (0..32)
        .map(|i| u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

#[test]
fn an_edited_snapshot_is_refused() {
    let path = lamp_store("tamper-snapshot.db", Some(8));
    let changed = sql(&path)
        .execute(
            r#"UPDATE snapshots SET json = replace(json, '"version":8,', '"version":9,')"#,
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    let (code, text) = refused(&path);
    assert_eq!(code, "STORE_CORRUPT");
    assert!(text.contains("the snapshot at event"), "{text}");
}
