//! Write, close, reopen: the store gives back the book that executed the
//! same commands in memory, with or without snapshots; a refused command
//! writes nothing; export and import round-trip.

include!("data/helpers.rs");
mod common;

use common::{assert_same, event_rows, in_memory, meta, sql};
use landed::book::BatchMode;
use landed_store::{Store, StoreError, StoreOptions};

#[test]
fn a_reopened_store_is_the_book_that_executed_the_same_commands_in_memory() {
    let path = scratch("reopen.db");
    let commands = lamp_commands();
    let mut memory = landed::Book::new(cny()).unwrap();
    {
        let mut store = Store::open(&path, cny()).unwrap();
        for (command, context) in &commands {
            let stored = store.execute(command, context).unwrap();
            let kept = memory.execute(command, context).unwrap();
            assert_eq!(stored, kept);
        }
    }
    let store = Store::open(&path, cny()).unwrap();
    assert_same(store.book(), &memory);
    let book = store.book();
    assert_eq!((book.version(), book.events_recorded()), (17, 31));
    assert_eq!(book.stock("LAMP").unwrap().on_hand, 140);
    assert_eq!(book.inventory_value().to_string(), "3073.50 CNY");
    // The file: 31 rows, the head beside them, no snapshot (under 10,000).
    assert_eq!(event_rows(&path), 31);
    assert_eq!(meta(&path, "head_seq"), "31");
    assert_eq!(meta(&path, "head_version"), "17");
    assert_eq!(meta(&path, "head_hash"), memory.head_hash_hex());
    let snapshots: i64 = sql(&path)
        .query_row("SELECT count(*) FROM snapshots", [], |row| row.get(0))
        .unwrap();
    assert_eq!(snapshots, 0);
    // Opened by its file alone, with the configuration it was made with.
    assert_same(Store::open_existing(&path).unwrap().book(), &memory);
}

#[test]
fn a_store_reopened_after_a_snapshot_restores_it_and_replays_the_tail() {
    let path = scratch("snapshot-middle.db");
    let commands = lamp_commands();
    {
        let mut store = Store::open(&path, cny()).unwrap();
        for (command, context) in &commands[..8] {
            store.execute(command, context).unwrap();
        }
        // Eight commands (locations, SKU, GRN-0, the transfer, order-302).
        let seq = store.snapshot_now().unwrap();
        assert_eq!(seq, store.book().events_recorded());
        for (command, context) in &commands[8..] {
            store.execute(command, context).unwrap();
        }
        let filed: (i64, i64) = sql(&path)
            .query_row("SELECT seq, version FROM snapshots", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap();
        assert_eq!(filed, (seq as i64, 8));
    }
    let memory = in_memory(cny(), &commands);
    let store = Store::open(&path, cny()).unwrap();
    assert_same(store.book(), &memory);
    assert_eq!(store.book().stock("LAMP").unwrap().on_hand, 140);
    // A book that keeps only its state: the same state and head.
    let lean =
        landed::BookConfig::from_json(r#"{"functional_currency":"CNY","keep_events":false}"#)
            .unwrap();
    let path = scratch("snapshot-middle-lean.db");
    {
        let mut store = Store::open(&path, lean.clone()).unwrap();
        for (i, (command, context)) in commands.iter().enumerate() {
            store.execute(command, context).unwrap();
            if i == 7 {
                store.snapshot_now().unwrap();
            }
        }
    }
    let store = Store::open(&path, lean.clone()).unwrap();
    assert_same(store.book(), &in_memory(lean, &commands));
    assert_eq!(store.book().events_recorded(), 31);
    assert!(store.book().events().is_empty());
}

#[test]
fn snapshots_are_written_every_n_events_and_reopen_to_the_same_book() {
    let path = scratch("snapshot-every.db");
    let commands = lamp_commands();
    let options = StoreOptions {
        snapshot_every: 10,
        ..Default::default()
    };
    // Where the rule puts the last snapshot: the first commit at least 10
    // events after the one before.
    let mut expected = 0;
    {
        let mut store = Store::open_with(&path, cny(), options.clone()).unwrap();
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
    let filed: Vec<i64> = sql(&path)
        .prepare("SELECT seq FROM snapshots")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(filed, vec![expected as i64], "older snapshots are dropped");
    let store = Store::open_with(&path, cny(), options).unwrap();
    assert_same(store.book(), &in_memory(cny(), &commands));
}

#[test]
fn a_refused_command_writes_nothing() {
    let path = scratch("refused.db");
    let shop = small_shop();
    let mut store = Store::open(&path, usd()).unwrap();
    store
        .execute_batch(shop.clone(), BatchMode::AllOrNothing)
        .unwrap();
    let head = store.book().head_hash_hex();
    assert_eq!(event_rows(&path), 4);
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
    assert_eq!(event_rows(&path), 4);
    assert_eq!(meta(&path, "head_version"), "3");
    assert_eq!(meta(&path, "head_hash"), head);
    drop(store);
    let store = Store::open(&path, usd()).unwrap();
    assert_same(store.book(), &in_memory(usd(), &shop));
    assert_eq!(store.book().inventory_value().to_string(), "25.00 USD");
}

#[test]
fn export_then_import_round_trips_to_the_same_head_hash() {
    let path = scratch("export.db");
    let commands = lamp_commands();
    let mut store = Store::open(&path, cny()).unwrap();
    for (command, context) in &commands {
        store.execute(command, context).unwrap();
    }
    let mut exported = Vec::new();
    assert_eq!(store.export_jsonl(&mut exported).unwrap(), 31);
    let text = String::from_utf8(exported.clone()).unwrap();
    assert_eq!(text.lines().count(), 31);

    let copy_path = scratch("imported.db");
    let copy = Store::import_jsonl(&copy_path, &exported[..], cny()).unwrap();
    assert_eq!(copy.book().head_hash_hex(), store.book().head_hash_hex());
    assert_same(copy.book(), store.book());
    drop(copy);
    // Reopened, and exported again: the same bytes.
    let mut copy = Store::open(&copy_path, cny()).unwrap();
    assert_same(copy.book(), store.book());
    let mut again = Vec::new();
    copy.export_jsonl(&mut again).unwrap();
    assert_eq!(again, exported);

    // An existing file is not overwritten.
    let err = Store::import_jsonl(&copy_path, &exported[..], cny()).unwrap_err();
    assert_eq!(err.code(), "STORE_EXISTS");
    // An edited line (the first receipt, 100 lamps) is refused by its
    // line number, and no file is left.
    let edited = text.replacen(r#""quantity":100"#, r#""quantity":1000"#, 1);
    assert_ne!(edited, text);
    let bad_path = scratch("imported-edited.db");
    let err = Store::import_jsonl(&bad_path, edited.as_bytes(), cny()).unwrap_err();
    assert_eq!(err.code(), "STORE_CORRUPT");
    assert!(err.to_string().contains("line 4:"), "{err}");
    assert!(!bad_path.exists());
    // A log cut after a command imports (it is a shorter, sound book).
    let cut: String = text.lines().take(5).map(|l| format!("{l}\n")).collect();
    let cut_store = Store::import_jsonl(scratch("imported-cut.db"), cut.as_bytes(), cny()).unwrap();
    assert_eq!(cut_store.book().version(), 4);
}
