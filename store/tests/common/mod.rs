//! What the store's tests share besides `tests/data/helpers.rs`.
#![allow(dead_code)]

use std::path::Path;

use landed::Book;

/// Asserts two books are the same book: the same head hash and the same
/// state, byte for byte, as their snapshots serialize.
pub fn assert_same(stored: &Book, memory: &Book) {
    assert_eq!(stored.head_hash_hex(), memory.head_hash_hex());
    assert_eq!(stored.version(), memory.version());
    assert_eq!(
        serde_json::to_string(&stored.snapshot()).unwrap(),
        serde_json::to_string(&memory.snapshot()).unwrap()
    );
}

/// A book in memory that executed `commands` (each must succeed).
pub fn in_memory<'a>(
    config: landed::BookConfig,
    commands: impl IntoIterator<Item = &'a (landed::Command, landed::Context)>,
) -> Book {
    let mut book = Book::new(config).unwrap();
    for (command, context) in commands {
        book.execute(command, context).unwrap();
    }
    book
}

/// A plain connection to the file, for looking at (or tampering with) it.
pub fn sql(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// The number of event rows in the file.
pub fn event_rows(path: &Path) -> i64 {
    sql(path)
        .query_row("SELECT count(*) FROM events", [], |row| row.get(0))
        .unwrap()
}

/// A `meta` value.
pub fn meta(path: &Path, key: &str) -> String {
    sql(path)
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .unwrap()
}
