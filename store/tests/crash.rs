//! Crash safety: a child process (this test binary, run again with an
//! environment variable naming the database) dies in the middle of a
//! batch, and the database reopens exactly as it was before the batch. On
//! SQLite (uncommitted WAL frames are ignored) and on PostgreSQL (the
//! server rolls back the transaction of a connection that went away).
#![cfg(unix)]

include!("data/helpers.rs");
#[macro_use]
mod common;

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Backend, assert_same, in_memory};
use landed::book::BatchMode;
use landed_store::Store;

on_both_backends!(
    a_process_aborted_half_way_through_writing_a_batch_leaves_the_file_as_before,
    a_process_killed_while_writing_batches_leaves_whole_batches_only,
);

/// Set in a child to the location it works on.
const ABORT_CHILD: &str = "LANDED_STORE_ABORT_CHILD";
const KILL_CHILD: &str = "LANDED_STORE_KILL_CHILD";

/// This test binary, running only `test`, with `variable` set to
/// `location`.
fn child(test: &str, variable: &str, location: &str) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(variable, location)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn a_process_aborted_half_way_through_writing_a_batch_leaves_the_file_as_before(backend: &Backend) {
    let commands = lamp_commands();
    if let Ok(location) = std::env::var(ABORT_CHILD) {
        // The child: the last seven commands of the lamp book as one batch,
        // whose write aborts the process after inserting 5 event rows,
        // inside the transaction.
        let mut store = Store::open_url(&location, cny()).unwrap();
        store.abort_after_rows(Some(5));
        let _ = store.execute_batch(commands[10..].to_vec(), BatchMode::AllOrNothing);
        panic!("the write should have aborted the process");
    }
    let db = backend.fresh("crash-abort");
    {
        let mut store = db.open(cny());
        for (command, context) in &commands[..10] {
            store.execute(command, context).unwrap();
        }
    }
    let before = in_memory(cny(), &commands[..10]);
    let rows = db.event_rows();
    assert_eq!(rows as u64, before.events_recorded());

    let status = child(
        &backend.test_name(
            "a_process_aborted_half_way_through_writing_a_batch_leaves_the_file_as_before",
        ),
        ABORT_CHILD,
        &db.location(),
    )
    .status()
    .unwrap();
    assert_eq!(
        status.signal(),
        Some(6),
        "the child died of SIGABRT: {status:?}"
    );

    // Exactly the state before the batch: rows, head, book.
    let mut store = db.open(cny());
    assert_same(store.book(), &before);
    assert_eq!(db.event_rows(), rows);
    assert_eq!(db.meta("head_hash"), before.head_hash_hex());
    // And the batch then goes through whole.
    let results = store
        .execute_batch(commands[10..].to_vec(), BatchMode::AllOrNothing)
        .unwrap();
    assert!(results.iter().all(|r| r.is_ok()));
    drop(store);
    let store = db.open(cny());
    assert_same(store.book(), &in_memory(cny(), &commands));
    assert_eq!(store.book().stock("LAMP").unwrap().on_hand, 140);
}

/// The endless trade of the killed child: receipts of 5 and sales of 3,
/// in batches of 10 commands.
fn trade(n: usize) -> (landed::Command, landed::Context) {
    if n.is_multiple_of(2) {
        (
            command(
                r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":5,"unit_cost":{"amount":"2.75","currency":"USD"}}"#,
            ),
            ctx(&format!("receipt-{n}")),
        )
    } else {
        (sale(3), ctx(&format!("sale-{n}")))
    }
}

const BATCH: usize = 10;

fn a_process_killed_while_writing_batches_leaves_whole_batches_only(backend: &Backend) {
    if let Ok(location) = std::env::var(KILL_CHILD) {
        // The child: batch after batch, until it is killed.
        let mut store = Store::open_url(&location, usd()).unwrap();
        for batch in 0.. {
            let commands = (batch * BATCH..(batch + 1) * BATCH).map(trade);
            store
                .execute_batch(commands, BatchMode::AllOrNothing)
                .unwrap();
        }
        return;
    }
    let db = backend.fresh("crash-kill");
    let mut store = db.open(usd());
    store
        .execute_batch(small_shop(), BatchMode::AllOrNothing)
        .unwrap();
    drop(store);

    let mut running = child(
        &backend.test_name("a_process_killed_while_writing_batches_leaves_whole_batches_only"),
        KILL_CHILD,
        &db.location(),
    )
    .spawn()
    .unwrap();
    // Killed once it has committed a few batches, in whatever it is doing.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let version: u64 = db.meta("head_version").parse().unwrap();
        if version >= 3 + 3 * BATCH as u64 || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    running.kill().unwrap();
    let status = running.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "killed, not finished: {status:?}");

    let store = db.open(usd());
    let version = store.book().version();
    let traded = (version - 3) as usize;
    assert!(
        traded >= 3 * BATCH,
        "only {traded} commands before the kill"
    );
    assert_eq!(traded % BATCH, 0, "a batch was cut: version {version}");
    let mut commands = small_shop();
    commands.extend((0..traded).map(trade));
    assert_same(store.book(), &in_memory(usd(), &commands));
    // 10 + 5 per pair of commands - 3 per pair.
    let on_hand = 10 + (traded as i64 / 2) * 2;
    assert_eq!(store.book().stock("LAMP").unwrap().on_hand, on_hand);
}
