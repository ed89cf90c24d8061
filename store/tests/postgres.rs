//! What only the PostgreSQL backend has: a book per schema, locations and
//! their errors. Skipped (loudly) without `LANDED_TEST_PG_URL`, failed
//! without it under `LANDED_REQUIRE_PG=1`.

include!("data/helpers.rs");
mod common;

use common::Backend;
use landed::book::BatchMode;
use landed_store::Store;

#[test]
fn two_schemas_of_one_database_hold_two_separate_books() {
    let Some(backend) = Backend::postgres("two_schemas_of_one_database_hold_two_separate_books")
    else {
        return;
    };
    let us = backend.fresh("entity-us");
    let cn = backend.fresh("entity-cn");
    let mut a = us.open(usd());
    a.execute_batch(small_shop(), BatchMode::AllOrNothing)
        .unwrap();
    let mut b = cn.open(cny());
    for (command, context) in lamp_commands() {
        b.execute(command, &context).unwrap();
    }
    assert_eq!(us.event_rows(), 4);
    assert_eq!(cn.event_rows(), 31);
    let a = Store::open_existing_url(&us.location()).unwrap();
    let b = Store::open_existing_url(&cn.location()).unwrap();
    assert_eq!(a.book().stock("LAMP").unwrap().on_hand, 10);
    assert_eq!(b.book().stock("LAMP").unwrap().on_hand, 140);
    // The location shown never carries the password.
    assert!(
        !a.path().to_string_lossy().contains(":landed@"),
        "{:?}",
        a.path()
    );
    assert!(format!("{a:?}").contains(&us.schema().to_owned()));
}

#[test]
fn a_schema_without_a_book_does_not_open_as_existing_and_is_left_alone() {
    let Some(backend) =
        Backend::postgres("a_schema_without_a_book_does_not_open_as_existing_and_is_left_alone")
    else {
        return;
    };
    let db = backend.fresh("no-book");
    let err = Store::open_existing_url(&db.location()).unwrap_err();
    assert_eq!(err.code(), "STORE_CORRUPT");
    assert!(err.to_string().contains("holds no book"), "{err}");
    assert!(!db.exists(), "the failed open created the schema");
}

#[test]
fn bad_locations_and_unreachable_servers_are_store_io() {
    let Some(backend) = Backend::postgres("bad_locations_and_unreachable_servers_are_store_io")
    else {
        return;
    };
    let db = backend.fresh("bad-location");
    let bad_schema = format!("{}-x", db.location()).replace("schema=", "schema=X");
    let err = Store::open_url(&bad_schema, usd()).unwrap_err();
    assert_eq!(err.code(), "STORE_IO");
    // Nobody listens on port 1.
    let err =
        Store::open_url("postgres://landed:secret@127.0.0.1:1/landed_test", usd()).unwrap_err();
    assert_eq!(err.code(), "STORE_IO");
    assert!(!err.to_string().contains("secret"), "{err}");
    let err = Store::open_url("postgresql://127.0.0.1:notaport/x", usd()).unwrap_err();
    assert_eq!(err.code(), "STORE_IO");
    // A database that does not exist.
    let Backend::Postgres { url } = &backend else {
        unreachable!()
    };
    let missing = match url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/landed_no_such_database"),
        None => unreachable!(),
    };
    let err = Store::open_url(&missing, usd()).unwrap_err();
    assert_eq!(err.code(), "STORE_IO");
}

#[test]
fn a_writer_waiting_for_another_writers_transaction_fails_after_the_lock_timeout() {
    let Some(backend) = Backend::postgres(
        "a_writer_waiting_for_another_writers_transaction_fails_after_the_lock_timeout",
    ) else {
        return;
    };
    let db = backend.fresh("lock-timeout");
    let options = landed_store::StoreOptions {
        busy_timeout: std::time::Duration::from_millis(200),
        ..Default::default()
    };
    let mut store = db.open_with(usd(), options);
    // Another session holds the head row's lock in an open transaction.
    let Backend::Postgres { url } = &backend else {
        unreachable!()
    };
    let mut holder = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let mut tx = holder.transaction().unwrap();
    tx.execute(
        &format!(
            "SELECT value FROM {}.meta WHERE key = 'head_hash' FOR UPDATE",
            db.schema()
        ),
        &[],
    )
    .unwrap();
    let err = store
        .execute_batch(small_shop(), BatchMode::AllOrNothing)
        .unwrap_err();
    assert_eq!(err.code(), "STORE_IO");
    tx.rollback().unwrap();
    // Nothing was kept; once the lock is free the batch goes through.
    assert_eq!(store.book().version(), 0);
    store
        .execute_batch(small_shop(), BatchMode::AllOrNothing)
        .unwrap();
    assert_eq!(db.event_rows(), 4);
}

#[test]
fn a_lost_connection_is_store_io_keeps_nothing_and_is_made_again() {
    let Some(backend) =
        Backend::postgres("a_lost_connection_is_store_io_keeps_nothing_and_is_made_again")
    else {
        return;
    };
    let db = backend.fresh("lost-connection");
    // The driver's own parameters pass through the location.
    let name = format!("landed-test-{}", db.schema());
    let location = format!("{}&application_name={name}", db.location());
    let mut store = Store::open_url(&location, usd()).unwrap();
    store
        .execute_batch(small_shop(), BatchMode::AllOrNothing)
        .unwrap();
    let ended = db.int(&format!(
        "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = {}) t",
        common::lit(&name)
    ));
    assert_eq!(ended, 1);
    let err = store.execute(sale(2), &ctx("order-1")).unwrap_err();
    assert_eq!(err.code(), "STORE_IO", "{err}");
    assert_eq!(db.event_rows(), 4);
    // The store reconnected to reload: its book is the stored one, and the
    // command goes through when executed again.
    assert_eq!(store.book().version(), 3);
    assert_eq!(store.execute(sale(2), &ctx("order-1")).unwrap().version, 4);
    assert_eq!(db.event_rows(), 6);
}
