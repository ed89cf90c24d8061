//! Two handles on one database: both execute on the same version, exactly
//! one commits, the other gets `STORE_CONFLICT`, and the database holds one
//! history. On SQLite and on PostgreSQL.

include!("data/helpers.rs");
#[macro_use]
mod common;

use std::sync::{Arc, Barrier};

use common::{Backend, assert_same, in_memory};
use landed::book::BatchMode;
use landed_store::StoreError;

on_both_backends!(
    the_second_writer_on_a_version_gets_a_conflict_and_the_newer_book,
    two_threads_racing_on_one_version_commit_exactly_once,
);

fn the_second_writer_on_a_version_gets_a_conflict_and_the_newer_book(backend: &Backend) {
    let db = backend.fresh("two-handles");
    let mut a = db.open(usd());
    a.execute_batch(small_shop(), BatchMode::AllOrNothing)
        .unwrap();
    let mut b = db.open(usd());
    assert_eq!(b.book().version(), 3);

    let won = a.execute(sale(2), &ctx("order-a")).unwrap();
    assert_eq!(won.version, 4);
    let err = b.execute(sale(3), &ctx("order-b")).unwrap_err();
    assert_eq!(err.code(), "STORE_CONFLICT");
    assert!(matches!(
        err,
        StoreError::Conflict {
            expected_version: 3,
            found_version: 4
        }
    ));
    // `b` was reloaded: it holds a's sale, not its own.
    assert_eq!(b.book().head_hash_hex(), a.book().head_hash_hex());
    assert_eq!(b.book().stock("LAMP").unwrap().on_hand, 8);
    // Executed again on the newer book, b's sale commits as version 5.
    assert_eq!(b.execute(sale(3), &ctx("order-b")).unwrap().version, 5);
    // And now `a` is the stale one; refresh catches it up.
    let err = a.execute(sale(1), &ctx("order-c")).unwrap_err();
    assert!(err.is_conflict());
    assert!(!a.refresh().unwrap());
    let mut c = db.open(usd());
    b.execute(sale(1), &ctx("order-d")).unwrap();
    assert!(c.refresh().unwrap());
    assert_eq!(c.book().version(), 6);

    let reopened = db.open(usd());
    let mut commands = small_shop();
    commands.push((sale(2), ctx("order-a")));
    commands.push((sale(3), ctx("order-b")));
    commands.push((sale(1), ctx("order-d")));
    assert_same(reopened.book(), &in_memory(usd(), &commands));
    assert_eq!(reopened.book().stock("LAMP").unwrap().on_hand, 4);
    // 4 events of the shop, 2 per sale (the issue and its voucher).
    assert_eq!(db.event_rows(), 10);
    let ids: Vec<&str> = reopened
        .book()
        .events()
        .iter()
        .map(|e| &*e.command_id)
        .collect();
    assert_eq!(
        &ids[4..],
        [
            "order-a", "order-a", "order-b", "order-b", "order-d", "order-d"
        ]
    );
}

fn two_threads_racing_on_one_version_commit_exactly_once(backend: &Backend) {
    for round in 0..4 {
        let db = backend.fresh(&format!("race-{round}"));
        let mut setup = db.open(usd());
        setup
            .execute_batch(small_shop(), BatchMode::AllOrNothing)
            .unwrap();
        drop(setup);
        let start = Arc::new(Barrier::new(2));
        let racers: Vec<_> = ["left", "right"]
            .into_iter()
            .map(|who| {
                let mut store = db.open(usd());
                let start = Arc::clone(&start);
                std::thread::spawn(move || {
                    start.wait();
                    let result = store.execute(sale(4), &ctx(&format!("race-{who}")));
                    (who, result.map(|o| o.version).map_err(|e| e.code()), store)
                })
            })
            .collect();
        let results: Vec<_> = racers.into_iter().map(|r| r.join().unwrap()).collect();
        let won: Vec<_> = results.iter().filter(|r| r.1.is_ok()).collect();
        let lost: Vec<_> = results.iter().filter(|r| r.1.is_err()).collect();
        assert_eq!(
            won.len(),
            1,
            "round {round}: {:?}",
            results.iter().map(|r| &r.1).collect::<Vec<_>>()
        );
        assert_eq!(won[0].1, Ok(4));
        assert_eq!(lost[0].1, Err("STORE_CONFLICT"));
        // The loser was reloaded to the winner's book.
        assert_eq!(
            lost[0].2.book().head_hash_hex(),
            won[0].2.book().head_hash_hex()
        );

        let reopened = db.open(usd());
        let mut commands = small_shop();
        commands.push((sale(4), ctx(&format!("race-{}", won[0].0))));
        assert_same(reopened.book(), &in_memory(usd(), &commands));
        assert_eq!(reopened.book().stock("LAMP").unwrap().on_hand, 6);
        assert_eq!(db.event_rows(), 6);
    }
}
