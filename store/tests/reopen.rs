//! Write, close, reopen: the store gives back the book that executed the
//! same commands in memory, with or without snapshots; a refused command
//! writes nothing; export and import round-trip. On SQLite and on
//! PostgreSQL.

include!("data/helpers.rs");
#[macro_use]
mod common;

use common::{Backend, assert_same, in_memory};
use landed::book::BatchMode;
use landed_store::{Store, StoreError, StoreOptions};

on_both_backends!(
    a_reopened_store_is_the_book_that_executed_the_same_commands_in_memory,
    a_store_reopened_after_a_snapshot_restores_it_and_replays_the_tail,
    snapshots_are_written_every_n_events_and_reopen_to_the_same_book,
    a_refused_command_writes_nothing,
    export_then_import_round_trips_to_the_same_head_hash,
    a_database_made_for_another_configuration_does_not_open,
);

fn a_reopened_store_is_the_book_that_executed_the_same_commands_in_memory(backend: &Backend) {
    let db = backend.fresh("reopen");
    let commands = lamp_commands();
    let mut memory = landed::Book::new(cny()).unwrap();
    {
        let mut store = db.open(cny());
        for (command, context) in &commands {
            let stored = store.execute(command, context).unwrap();
            let kept = memory.execute(command, context).unwrap();
            assert_eq!(stored, kept);
        }
    }
    let store = db.open(cny());
    assert_same(store.book(), &memory);
    let book = store.book();
    assert_eq!((book.version(), book.events_recorded()), (17, 31));
    assert_eq!(book.stock("LAMP").unwrap().on_hand, 140);
    assert_eq!(book.inventory_value().to_string(), "3073.50 CNY");
    // The file: 31 rows, the head beside them, no snapshot (under 10,000).
    assert_eq!(db.event_rows(), 31);
    assert_eq!(db.meta("head_seq"), "31");
    assert_eq!(db.meta("head_version"), "17");
    assert_eq!(db.meta("head_hash"), memory.head_hash_hex());
    assert_eq!(db.int("SELECT count(*) FROM snapshots"), 0);
    // Opened by its location alone, with the configuration it was made with.
    assert_same(
        Store::open_existing_url(&db.location()).unwrap().book(),
        &memory,
    );
}

fn a_store_reopened_after_a_snapshot_restores_it_and_replays_the_tail(backend: &Backend) {
    let db = backend.fresh("snapshot-middle");
    let commands = lamp_commands();
    {
        let mut store = db.open(cny());
        for (command, context) in &commands[..8] {
            store.execute(command, context).unwrap();
        }
        // Eight commands (locations, SKU, GRN-0, the transfer, order-302).
        let seq = store.snapshot_now().unwrap();
        assert_eq!(seq, store.book().events_recorded());
        for (command, context) in &commands[8..] {
            store.execute(command, context).unwrap();
        }
        let filed = (
            db.int("SELECT seq FROM snapshots"),
            db.int("SELECT version FROM snapshots"),
        );
        assert_eq!(filed, (seq as i64, 8));
    }
    let memory = in_memory(cny(), &commands);
    let store = db.open(cny());
    assert_same(store.book(), &memory);
    assert_eq!(store.book().stock("LAMP").unwrap().on_hand, 140);
    // A book that keeps only its state: the same state and head.
    let lean =
        landed::BookConfig::from_json(r#"{"functional_currency":"CNY","keep_events":false}"#)
            .unwrap();
    let db = backend.fresh("snapshot-middle-lean");
    {
        let mut store = db.open(lean.clone());
        for (i, (command, context)) in commands.iter().enumerate() {
            store.execute(command, context).unwrap();
            if i == 7 {
                store.snapshot_now().unwrap();
            }
        }
    }
    let store = db.open(lean.clone());
    assert_same(store.book(), &in_memory(lean, &commands));
    assert_eq!(store.book().events_recorded(), 31);
    assert!(store.book().events().is_empty());
}

fn snapshots_are_written_every_n_events_and_reopen_to_the_same_book(backend: &Backend) {
    let db = backend.fresh("snapshot-every");
    let commands = lamp_commands();
    let options = StoreOptions {
        snapshot_every: 10,
        ..Default::default()
    };
    // Where the rule puts the last snapshot: the first commit at least 10
    // events after the one before.
    let mut expected = 0;
    {
        let mut store = db.open_with(cny(), options.clone());
        for (command, context) in &commands {
            let out = store.execute(command, context).unwrap();
            let seq = out.events.last().unwrap().seq;
            if seq - expected >= 10 {
                expected = seq;
            }
        }
    }
    assert!(
        expected > 20,
        "three snapshots in 31 events, the last at {expected}"
    );
    let filed = (
        db.int("SELECT count(*) FROM snapshots"),
        db.int("SELECT max(seq) FROM snapshots"),
    );
    assert_eq!(filed, (1, expected as i64), "older snapshots are dropped");
    let store = db.open_with(cny(), options);
    assert_same(store.book(), &in_memory(cny(), &commands));
}

fn a_refused_command_writes_nothing(backend: &Backend) {
    let db = backend.fresh("refused");
    let shop = small_shop();
    let mut store = db.open(usd());
    store
        .execute_batch(shop.clone(), BatchMode::AllOrNothing)
        .unwrap();
    let head = store.book().head_hash_hex();
    assert_eq!(db.event_rows(), 4);
    // Issuing 11 of the 10 on hand.
    let err = store.execute(sale(11), &ctx("order-1")).unwrap_err();
    assert!(matches!(err, StoreError::Landed(_)));
    assert_eq!(err.code(), "INSUFFICIENT_STOCK");
    // An all-or-nothing batch whose second command is refused.
    let results = store
        .execute_batch(
            vec![(sale(6), ctx("order-2")), (sale(6), ctx("order-3"))],
            BatchMode::AllOrNothing,
        )
        .unwrap();
    assert!(results[0].is_ok());
    assert_eq!(
        results[1].as_ref().unwrap_err().code(),
        "INSUFFICIENT_STOCK"
    );
    assert_eq!(store.book().stock("LAMP").unwrap().on_hand, 10);
    // A retried command id is answered, not written again.
    let again = store.execute(&shop[2].0, &shop[2].1).unwrap();
    assert!(again.duplicate);
    assert_eq!(db.event_rows(), 4);
    assert_eq!(db.meta("head_version"), "3");
    assert_eq!(db.meta("head_hash"), head);
    drop(store);
    let store = db.open(usd());
    assert_same(store.book(), &in_memory(usd(), &shop));
    assert_eq!(store.book().inventory_value().to_string(), "25.00 USD");
}

fn export_then_import_round_trips_to_the_same_head_hash(backend: &Backend) {
    let db = backend.fresh("export");
    let commands = lamp_commands();
    let mut store = db.open(cny());
    for (command, context) in &commands {
        store.execute(command, context).unwrap();
    }
    let mut exported = Vec::new();
    assert_eq!(store.export_jsonl(&mut exported).unwrap(), 31);
    let text = String::from_utf8(exported.clone()).unwrap();
    assert_eq!(text.lines().count(), 31);

    let copy_db = backend.fresh("imported");
    let copy = Store::import_jsonl_url(&copy_db.location(), &exported[..], cny()).unwrap();
    assert_eq!(copy.book().head_hash_hex(), store.book().head_hash_hex());
    assert_same(copy.book(), store.book());
    drop(copy);
    // Reopened, and exported again: the same bytes.
    let mut copy = copy_db.open(cny());
    assert_same(copy.book(), store.book());
    let mut again = Vec::new();
    copy.export_jsonl(&mut again).unwrap();
    assert_eq!(again, exported);

    // An existing book is not overwritten.
    let err = Store::import_jsonl_url(&copy_db.location(), &exported[..], cny()).unwrap_err();
    assert_eq!(err.code(), "STORE_EXISTS");
    // An edited line (the first receipt, 100 lamps) is refused by its
    // line number, and no file is left.
    let edited = text.replacen(r#""quantity":100"#, r#""quantity":1000"#, 1);
    assert_ne!(edited, text);
    let bad_db = backend.fresh("imported-edited");
    let err = Store::import_jsonl_url(&bad_db.location(), edited.as_bytes(), cny()).unwrap_err();
    assert_eq!(err.code(), "STORE_CORRUPT");
    assert!(err.to_string().contains("line 4:"), "{err}");
    assert!(!bad_db.exists());
    // A log cut after a command imports (it is a shorter, sound book).
    let cut: String = text.lines().take(5).map(|l| format!("{l}\n")).collect();
    let cut_db = backend.fresh("imported-cut");
    let cut_store = Store::import_jsonl_url(&cut_db.location(), cut.as_bytes(), cny()).unwrap();
    assert_eq!(cut_store.book().version(), 4);
}

fn a_database_made_for_another_configuration_does_not_open(backend: &Backend) {
    let db = backend.fresh("config-mismatch");
    drop(db.open(usd()));
    let err = Store::open_url(&db.location(), cny()).unwrap_err();
    assert_eq!(err.code(), "STORE_CONFIG_MISMATCH");
    let store = Store::open_existing_url(&db.location()).unwrap();
    assert_eq!(store.book().config(), &usd());
}
