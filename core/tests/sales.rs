//! Selling, worked by hand: channels and listings, orders routed and
//! reserved, split lines, FBA, bundles, cancellations, restatements,
//! shipments with their cost of goods sold, revenue, tax and receivable,
//! customer returns at the cost that went out (moving average and FIFO),
//! and the errors that leave the book unchanged. Every book a test ends
//! with is replayed and restored, and must come back byte for byte.

include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/sales_book.rs"
));

mod common;

use common::resealed;
use landed::book::Outcome;
use landed::ledger::JournalEntry;
use landed::sales::ExceptionKind;
use landed::{Book, Command, Event};

fn run(book: &mut Book, day: &str, id: &str, json: &str) -> Outcome {
    let command = Command::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    book.execute(command, &ctx(day, id).unwrap())
        .unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn fails(book: &mut Book, day: &str, id: &str, json: &str) -> String {
    let before = serde_json::to_string(&book.snapshot()).unwrap();
    let version = book.version();
    let command = Command::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    let err = book.execute(command, &ctx(day, id).unwrap()).unwrap_err();
    assert_eq!(book.version(), version, "{id} changed the version");
    assert_eq!(
        serde_json::to_string(&book.snapshot()).unwrap(),
        before,
        "{id} changed the book"
    );
    err.code().to_owned()
}

/// The journal entries an outcome posted, each as (account, debit, credit).
fn entries(outcome: &Outcome) -> Vec<Vec<(String, String, String)>> {
    outcome
        .events
        .iter()
        .filter_map(|e| match &e.event {
            Event::JournalPosted(entry) => Some(lines(entry)),
            _ => None,
        })
        .collect()
}

fn lines(entry: &JournalEntry) -> Vec<(String, String, String)> {
    entry
        .lines
        .iter()
        .map(|l| {
            (
                l.account.to_string(),
                l.debit.to_string(),
                l.credit.to_string(),
            )
        })
        .collect()
}

fn row(account: &str, debit: &str, credit: &str) -> (String, String, String) {
    (account.into(), debit.into(), credit.into())
}

/// Replay of the log and restore of the serialized snapshot both give the
/// live book back, byte for byte.
fn check_rebuilds(book: &Book) {
    let live = serde_json::to_string(&book.snapshot()).unwrap();
    let stored = serde_json::to_string(book.events()).unwrap();
    let replayed = Book::replay_json(book.config().clone(), &stored).unwrap();
    assert_eq!(serde_json::to_string(&replayed.snapshot()).unwrap(), live);
    let restored = Book::restore(landed::Snapshot::from_json(&live).unwrap()).unwrap();
    assert_eq!(serde_json::to_string(&restored.snapshot()).unwrap(), live);
}

fn quantities(book: &Book, sku: &str, location: &str) -> (i64, i64, i64) {
    let q = book.position(sku, location, None).unwrap().quantities;
    (q.available, q.committed, q.damaged)
}

#[test]
fn a_shopify_order_split_between_the_3pl_and_home() {
    let mut book = sales_book().unwrap();
    // Five lamps to the US: the 3PL in Los Angeles has 3, Shenzhen the rest.
    assert_eq!(quantities(&book, "LAMP", "LA"), (0, 3, 0));
    assert_eq!(quantities(&book, "LAMP", "SZ"), (8, 2, 0));
    let routed = book
        .events()
        .iter()
        .find(|e| matches!(e.event, Event::SalesOrderRouted { .. }))
        .unwrap();
    let json = serde_json::to_value(&routed.event).unwrap();
    assert_eq!(
        json["allocations"],
        serde_json::json!([{"line":"1","location":"LA","quantity":3},{"line":"1","location":"SZ","quantity":2}])
    );

    let out = run(
        &mut book,
        "2026-11-21",
        "ship-1001",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1001"}"#,
    );
    // Cost of goods sold: 3 × 8.00 from LA, 2 × 7.00 from Shenzhen.
    // Revenue: 5 × 25.00; shipping 5.00 and tax 8.00 split 3:2 by units.
    // The receivable is everything the channel collects: 138.00.
    assert_eq!(
        entries(&out),
        [
            vec![row("5000", "24.00", "0.00"), row("1300", "0.00", "24.00")],
            vec![row("5000", "14.00", "0.00"), row("1300", "0.00", "14.00")],
            vec![
                row("1250", "138.00", "0.00"),
                row("4000", "0.00", "75.00"),
                row("4050", "0.00", "3.00"),
                row("2450", "0.00", "4.80"),
                row("4000", "0.00", "50.00"),
                row("4050", "0.00", "2.00"),
                row("2450", "0.00", "3.20"),
            ],
        ]
    );
    assert_eq!(quantities(&book, "LAMP", "LA"), (0, 0, 0));
    assert_eq!(quantities(&book, "LAMP", "SZ"), (8, 0, 0));
    let line = &book.sales_order("shop-us", "1001").unwrap().lines[0];
    assert_eq!((line.reserved, line.shipped, line.unserved), (0, 5, 0));
    assert_eq!(line.recognised.principal.to_string(), "125.00");
    assert_eq!(line.recognised.shipping.to_string(), "5.00");
    assert_eq!(line.recognised.tax.to_string(), "8.00");
    assert_eq!(line.net_cost.to_string(), "38.00");
    // The receivable is an open item of the shipment, for settlements.
    let items = book.open_items(landed::parse_date("2026-11-30").unwrap());
    let item = items
        .iter()
        .find(|i| i.item.document == "S-1001")
        .unwrap()
        .item
        .clone();
    assert_eq!(item.open.to_string(), "138.00 USD");
    assert_eq!(item.channel.as_deref(), Some("shop-us"));
    // The revenue lines carry the order's dimensions.
    let entry = match &out.events.last().unwrap().event {
        Event::JournalPosted(entry) => entry.clone(),
        other => panic!("{other:?}"),
    };
    let revenue = &entry.lines[1].dimensions;
    assert_eq!(revenue.sku.as_deref(), Some("LAMP"));
    assert_eq!(revenue.location.as_deref(), Some("LA"));
    assert_eq!(revenue.channel.as_deref(), Some("shop-us"));
    assert_eq!(revenue.document.as_deref(), Some("shop-us/1001"));
    assert_eq!(entry.document.as_deref(), Some("S-1001"));
    // The cost of the same units names the same order.
    let cost = match &out.events[1].event {
        Event::JournalPosted(entry) => entry.lines[0].dimensions.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(cost.document.as_deref(), Some("shop-us/1001"));
    assert_eq!(cost.channel.as_deref(), Some("shop-us"));
    // The entry mirrors the order and its open item: it is not reversed alone.
    let reverse = format!(
        r#"{{"type":"reverse_entry","entry":{},"date":"2026-11-22"}}"#,
        entry.id
    );
    assert_eq!(
        fails(&mut book, "2026-11-22", "reverse", &reverse),
        "ENTRY_STATE"
    );
    assert_eq!(
        entry.lines[1].transaction_amount.unwrap().to_string(),
        "-75.00 USD"
    );
    check_rebuilds(&book);
}

/// A book with an Amazon DE channel (EUR at 1.10 on 2026-11-19, FBA from
/// FBA-US) and its order 302-1: 2 lamps at 29.90 less 5.00 of discount,
/// 10.41 of marketplace-collected tax.
fn amazon_de_ordered() -> Book {
    let mut book = sales_book().unwrap();
    run(
        &mut book,
        "2026-11-19",
        "rates",
        r#"{"type":"record_rates","entries":[{"base":"EUR","quote":"USD","date":"2026-11-19","rate":"1.10"}]}"#,
    );
    run(
        &mut book,
        "2026-11-19",
        "amazon",
        r#"{"type":"define_channel","code":"amazon-de","name":"Amazon DE","kind":"amazon","currency":"EUR",
            "fba_location":"FBA-US","locations":[{"location":"SZ"}]}"#,
    );
    run(
        &mut book,
        "2026-11-19",
        "asin",
        r#"{"type":"define_listing","channel":"amazon-de","listing":"B0LAMP01","sku":"LAMP"}"#,
    );
    run(
        &mut book,
        "2026-11-20",
        "A-1",
        r#"{"type":"ingest_sales_order","channel":"amazon-de","order":"302-1","date":"2026-11-20","fulfilment":"channel",
            "lines":[{"line":"1","listing":"B0LAMP01","quantity":2,"unit_price":"29.90","discount":"5.00","tax":"10.41","marketplace_tax":true}]}"#,
    );
    book
}

#[test]
fn an_fba_order_in_euros_at_the_books_rate() {
    let mut book = amazon_de_ordered();
    // Fixed to the FBA location, whatever Shenzhen holds.
    assert_eq!(quantities(&book, "LAMP", "FBA-US"), (2, 2, 0));
    assert_eq!(quantities(&book, "LAMP", "SZ"), (8, 2, 0));
    let out = run(
        &mut book,
        "2026-11-21",
        "A-1/ship",
        r#"{"type":"ship_sales_order","channel":"amazon-de","order":"302-1","shipment":"AMZ-302-1"}"#,
    );
    // 2 × 9.00 of cost; 59.80 − 5.00 = 54.80 EUR of revenue at 1.10 =
    // 60.28 USD; the marketplace's 10.41 EUR of tax (11.45 USD) is a
    // liability; the receivable 65.21 EUR = 71.73 USD.
    assert_eq!(
        entries(&out),
        [
            vec![row("5000", "18.00", "0.00"), row("1300", "0.00", "18.00")],
            vec![
                row("1250", "71.73", "0.00"),
                row("4000", "0.00", "60.28"),
                row("2460", "0.00", "11.45"),
            ],
        ]
    );
    let items = book.open_items(landed::parse_date("2026-11-30").unwrap());
    let item = items
        .iter()
        .find(|i| i.item.document == "AMZ-302-1")
        .unwrap()
        .item
        .clone();
    assert_eq!(item.open.to_string(), "65.21 EUR");
    // The payout clears it like any receivable: 65.21 EUR at 1.12 is
    // 73.04 USD in the bank against 71.73 carried, 1.31 of realized gain.
    let paid = run(
        &mut book,
        "2026-11-28",
        "payout",
        r#"{"type":"record_settlement","document":"AMZ-302-1","date":"2026-11-28",
            "amount":{"amount":"65.21","currency":"EUR"},"rate":"1.12"}"#,
    );
    assert_eq!(
        entries(&paid),
        [vec![
            row("1100", "73.04", "0.00"),
            row("1250", "0.00", "71.73"),
            row("7000", "0.00", "1.31"),
        ]]
    );
    assert!(
        book.open_items(landed::parse_date("2026-11-30").unwrap())
            .iter()
            .all(|i| i.item.document != "AMZ-302-1")
    );
    // Only a month-old rate for the day: refused, the book unchanged.
    let mut late = book.clone();
    run(
        &mut late,
        "2026-12-20",
        "A-2",
        r#"{"type":"ingest_sales_order","channel":"amazon-de","order":"302-2","date":"2026-12-20","fulfilment":"channel",
            "lines":[{"line":"1","listing":"B0LAMP01","quantity":1,"unit_price":"29.90"}]}"#,
    );
    let code = fails(
        &mut late,
        "2026-12-20",
        "A-2/ship",
        r#"{"type":"ship_sales_order","channel":"amazon-de","order":"302-2","shipment":"AMZ-302-2"}"#,
    );
    assert_eq!(code, "RATE_STALE");
    check_rebuilds(&book);
}

#[test]
fn a_bundle_issues_its_components() {
    let mut book = sales_book().unwrap();
    run(
        &mut book,
        "2026-11-21",
        "order-1003",
        r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1003","date":"2026-11-21","ship_to_country":"CN",
            "lines":[{"line":"A","listing":"desk-set","quantity":2,"unit_price":"40.00"}]}"#,
    );
    // Shipping to China: the Los Angeles rule does not match, Shenzhen does.
    assert_eq!(quantities(&book, "LAMP", "SZ"), (6, 4, 0));
    assert_eq!(quantities(&book, "BULB", "SZ"), (46, 4, 0));
    let out = run(
        &mut book,
        "2026-11-22",
        "ship-1003",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1003","shipment":"S-1003"}"#,
    );
    // 2 lamps × 7.00 and 4 bulbs × 0.50: 16.00 of cost for 80.00 of sales.
    assert_eq!(
        entries(&out),
        [
            vec![row("5000", "14.00", "0.00"), row("1300", "0.00", "14.00")],
            vec![row("5000", "2.00", "0.00"), row("1300", "0.00", "2.00")],
            vec![row("1250", "80.00", "0.00"), row("4000", "0.00", "80.00")],
        ]
    );
    assert_eq!(book.position("LAMP", "SZ", None).unwrap().on_hand, 8);
    assert_eq!(book.position("BULB", "SZ", None).unwrap().on_hand, 46);
    let line = &book.sales_order("shop-us", "1003").unwrap().lines[0];
    let skus: Vec<_> = line
        .skus
        .iter()
        .map(|c| (c.sku.as_str(), c.per_unit))
        .collect();
    assert_eq!(skus, [("LAMP", 1), ("BULB", 2)]);
    // A returned set brings both components back at their cost.
    let back = run(
        &mut book,
        "2026-11-25",
        "rma-1003",
        r#"{"type":"receive_sales_return","channel":"shop-us","order":"1003","line":"A","quantity":1,"grade":"sellable","location":"SZ"}"#,
    );
    assert_eq!(
        entries(&back),
        [
            vec![row("1300", "7.00", "0.00"), row("5000", "0.00", "7.00")],
            vec![row("1300", "1.00", "0.00"), row("5000", "0.00", "1.00")],
        ]
    );
    assert_eq!(quantities(&book, "BULB", "SZ"), (48, 0, 0));
    let last = book.history("BULB").unwrap().pop().unwrap();
    assert_eq!((last.kind.as_str(), last.quantity), ("customer_return", 2));
    assert_eq!(last.reference.as_deref(), Some("shop-us/1003"));
    // The cost given back to COGS is the channel's, as the sale's was.
    for e in &back.events {
        if let Event::JournalPosted(entry) = &e.event {
            let cogs: Vec<_> = entry
                .lines
                .iter()
                .filter(|l| &*l.account == "5000")
                .collect();
            assert_eq!(cogs.len(), 1);
            assert_eq!(cogs[0].dimensions.channel.as_deref(), Some("shop-us"));
        }
    }
    check_rebuilds(&book);
}

#[test]
fn cancelling_releases_reservations() {
    let mut book = sales_book().unwrap();
    // Two of five lamps: the last reservation (Shenzhen) goes first.
    run(
        &mut book,
        "2026-11-21",
        "cancel-2",
        r#"{"type":"cancel_sales_order","channel":"shop-us","order":"1001","lines":[{"line":"1","quantity":2}]}"#,
    );
    assert_eq!(quantities(&book, "LAMP", "SZ"), (10, 0, 0));
    assert_eq!(quantities(&book, "LAMP", "LA"), (0, 3, 0));
    let line = &book.sales_order("shop-us", "1001").unwrap().lines[0];
    assert_eq!((line.ordered, line.reserved, line.cancelled), (5, 3, 2));
    // More than is open: refused, nothing changes.
    let code = fails(
        &mut book,
        "2026-11-21",
        "cancel-4",
        r#"{"type":"cancel_sales_order","channel":"shop-us","order":"1001","lines":[{"line":"1","quantity":4}]}"#,
    );
    assert_eq!(code, "OVER_CANCELLATION");
    // The whole order: everything left is released.
    run(
        &mut book,
        "2026-11-21",
        "cancel-all",
        r#"{"type":"cancel_sales_order","channel":"shop-us","order":"1001"}"#,
    );
    assert_eq!(quantities(&book, "LAMP", "LA"), (3, 0, 0));
    assert_eq!(
        book.sales_order("shop-us", "1001").unwrap().lines[0].cancelled,
        5
    );
    check_rebuilds(&book);
}

#[test]
fn the_same_order_twice_changes_nothing_and_an_edit_restates_it() {
    let mut book = sales_book().unwrap();
    let order = |quantity: u32| {
        format!(
            r#"{{"type":"ingest_sales_order","channel":"shop-us","order":"1001","date":"2026-11-20","ship_to_country":"US",
            "lines":[{{"line":"1","listing":"lamp-black","quantity":{quantity},"unit_price":"25.00","shipping":"5.00","tax":"8.00"}}]}}"#
        )
    };
    let again = run(&mut book, "2026-11-20", "order-1001-again", &order(5));
    assert_eq!(again.events.len(), 1);
    assert!(matches!(again.events[0].event, Event::NoEffect {}));

    // Edited on the channel to four lamps: the same order, restated.
    let restated = run(&mut book, "2026-11-21", "order-1001-edit", &order(4));
    assert!(
        restated
            .events
            .iter()
            .any(|e| matches!(e.event, Event::SalesOrderRestated(_)))
    );
    assert_eq!(book.sales_orders(Some("shop-us")).len(), 2);
    let status = book.sales_order("shop-us", "1001").unwrap();
    assert_eq!((status.revision, status.lines[0].reserved), (1, 4));
    assert_eq!(quantities(&book, "LAMP", "LA"), (0, 3, 0));
    assert_eq!(quantities(&book, "LAMP", "SZ"), (9, 1, 0));

    // Ship three from Los Angeles, then restate below what shipped.
    run(
        &mut book,
        "2026-11-22",
        "ship-la",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1",
            "lines":[{"line":"1","location":"LA","quantity":3}]}"#,
    );
    let code = fails(&mut book, "2026-11-22", "order-1001-edit2", &order(2));
    assert_eq!(code, "RESTATEMENT_REFUSED");
    // Up to three is fine: the Shenzhen lamp is released.
    run(&mut book, "2026-11-22", "order-1001-edit3", &order(3));
    assert_eq!(quantities(&book, "LAMP", "SZ"), (10, 0, 0));
    let status = book.sales_order("shop-us", "1001").unwrap();
    assert_eq!(
        (
            status.revision,
            status.lines[0].shipped,
            status.lines[0].reserved
        ),
        (2, 3, 0)
    );
    check_rebuilds(&book);
}

#[test]
fn an_unknown_listing_keeps_the_order_with_an_exception() {
    let mut book = sales_book().unwrap();
    let open = book.order_exceptions();
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].kind, open[0].quantity),
        (ExceptionKind::UnknownListing, 1)
    );
    let order = book.sales_order("shop-us", "1002").unwrap();
    assert!(order.lines[0].skus.is_empty());
    // Once the listing exists, the order sent again is routed.
    run(
        &mut book,
        "2026-11-21",
        "listing-mug",
        r#"{"type":"define_listing","channel":"shop-us","listing":"mug","sku":"BULB","pack":3}"#,
    );
    run(
        &mut book,
        "2026-11-21",
        "order-1002-again",
        r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1002","date":"2026-11-20",
            "lines":[{"line":"1","listing":"mug","quantity":1,"unit_price":"12.00"}]}"#,
    );
    assert!(book.order_exceptions().is_empty());
    assert_eq!(quantities(&book, "BULB", "SZ"), (47, 3, 0));
    check_rebuilds(&book);
}

#[test]
fn units_no_location_holds_are_a_no_stock_exception() {
    let mut book = sales_book().unwrap();
    run(
        &mut book,
        "2026-11-21",
        "order-1004",
        r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1004","date":"2026-11-21","ship_to_country":"US",
            "unpaid":true,"lines":[{"line":"1","listing":"lamp-black","quantity":12,"unit_price":"25.00"}]}"#,
    );
    // Shenzhen had 8 lamps left after order 1001: 4 short.
    assert_eq!(quantities(&book, "LAMP", "SZ"), (0, 10, 0));
    let open = book.order_exceptions();
    let kinds: Vec<_> = open
        .iter()
        .filter(|e| e.order == "1004")
        .map(|e| (e.kind, e.quantity))
        .collect();
    assert_eq!(
        kinds,
        [(ExceptionKind::Unpaid, 0), (ExceptionKind::NoStock, 4)]
    );
    // Routing by the rules again finds nothing more yet.
    let again = run(
        &mut book,
        "2026-11-21",
        "reroute-1004",
        r#"{"type":"route_sales_order","channel":"shop-us","order":"1004"}"#,
    );
    assert!(
        again
            .events
            .iter()
            .all(|e| !matches!(e.event, Event::Moved { .. }))
    );
    // The host routes the whole line to Shenzhen after a transfer arrives.
    run(
        &mut book,
        "2026-11-22",
        "grn-more",
        r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":4,"unit_cost":{"amount":"7.00","currency":"USD"}}"#,
    );
    let out = run(
        &mut book,
        "2026-11-22",
        "route-1004",
        r#"{"type":"route_sales_order","channel":"shop-us","order":"1004","lines":[{"line":"1","location":"SZ","quantity":12}]}"#,
    );
    assert!(
        out.events
            .iter()
            .any(|e| matches!(&e.event, Event::SalesOrderRouted { by_host: true, .. }))
    );
    assert_eq!(quantities(&book, "LAMP", "SZ"), (0, 14, 0));
    assert!(
        book.order_exceptions()
            .iter()
            .all(|e| e.kind != ExceptionKind::NoStock)
    );
    // Paid now: the order is restated, its unchanged line keeps the
    // host's routing, and the unpaid exception closes.
    let paid = run(
        &mut book,
        "2026-11-22",
        "order-1004-paid",
        r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1004","date":"2026-11-21","ship_to_country":"US",
            "lines":[{"line":"1","listing":"lamp-black","quantity":12,"unit_price":"25.00"}]}"#,
    );
    assert!(
        !paid
            .events
            .iter()
            .any(|e| matches!(e.event, Event::Moved { .. }))
    );
    assert_eq!(quantities(&book, "LAMP", "SZ"), (0, 14, 0));
    assert!(book.order_exceptions().iter().all(|e| e.order != "1004"));
    assert_eq!(book.sales_order("shop-us", "1004").unwrap().revision, 1);
    // A route beyond the stock there is refused.
    let code = fails(
        &mut book,
        "2026-11-22",
        "route-1001",
        r#"{"type":"route_sales_order","channel":"shop-us","order":"1001","lines":[{"line":"1","location":"LA","quantity":5}]}"#,
    );
    assert_eq!(code, "INSUFFICIENT_STOCK");
    check_rebuilds(&book);
}

#[test]
fn over_shipment_is_refused_with_the_book_unchanged() {
    let mut book = sales_book().unwrap();
    let code = fails(
        &mut book,
        "2026-11-21",
        "ship-too-many",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1",
            "lines":[{"line":"1","location":"LA","quantity":4}]}"#,
    );
    assert_eq!(code, "OVER_SHIPMENT");
    let code = fails(
        &mut book,
        "2026-11-21",
        "ship-unknown",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"9999","shipment":"S-1"}"#,
    );
    assert_eq!(code, "UNKNOWN_SALES_ORDER");
    let code = fails(
        &mut book,
        "2026-11-21",
        "ship-channel",
        r#"{"type":"ship_sales_order","channel":"ebay","order":"1001","shipment":"S-1"}"#,
    );
    assert_eq!(code, "UNKNOWN_CHANNEL");
    // Partial shipments, then the rest; the shipment number is used once.
    run(
        &mut book,
        "2026-11-21",
        "ship-1",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1",
            "lines":[{"line":"1","location":"LA","quantity":2}]}"#,
    );
    let code = fails(
        &mut book,
        "2026-11-21",
        "ship-again",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#,
    );
    assert_eq!(code, "DUPLICATE_CODE");
    let out = run(
        &mut book,
        "2026-11-22",
        "ship-2",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-2"}"#,
    );
    // The rest of the shipping and tax: 5.00 − 2.00 and 8.00 − 3.20.
    let revenue = entries(&out).pop().unwrap();
    assert_eq!(
        revenue,
        [
            row("1250", "82.80", "0.00"),
            row("4000", "0.00", "25.00"),
            row("4050", "0.00", "1.00"),
            row("2450", "0.00", "1.60"),
            row("4000", "0.00", "50.00"),
            row("4050", "0.00", "2.00"),
            row("2450", "0.00", "3.20"),
        ]
    );
    let code = fails(
        &mut book,
        "2026-11-22",
        "ship-3",
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-3"}"#,
    );
    assert_eq!(code, "INVALID_COMMAND");
    check_rebuilds(&book);
}

/// A book with 2 lamps at 5.00 then 2 at 7.00 in Shenzhen, three sold.
fn returns_book(method: &str) -> Book {
    let mut book = Book::new(
        landed::BookConfig::from_json(&format!(
            r#"{{"functional_currency":"USD","valuation_method":"{method}"}}"#
        ))
        .unwrap(),
    )
    .unwrap();
    for (id, json) in [
        (
            "loc",
            r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
        ),
        (
            "sku",
            r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#,
        ),
        (
            "grn-1",
            r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":2,"unit_cost":{"amount":"5.00","currency":"USD"}}"#,
        ),
        (
            "grn-2",
            r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":2,"unit_cost":{"amount":"7.00","currency":"USD"}}"#,
        ),
        (
            "web",
            r#"{"type":"define_channel","code":"web","name":"Web","kind":"own_site","currency":"USD","locations":[{"location":"SZ"}]}"#,
        ),
        (
            "listing",
            r#"{"type":"define_listing","channel":"web","listing":"lamp","sku":"LAMP"}"#,
        ),
        (
            "order",
            r#"{"type":"ingest_sales_order","channel":"web","order":"W-1","date":"2026-11-20",
            "lines":[{"line":"1","listing":"lamp","quantity":3,"unit_price":"20.00"}]}"#,
        ),
        (
            "ship",
            r#"{"type":"ship_sales_order","channel":"web","order":"W-1","shipment":"WS-1"}"#,
        ),
    ] {
        run(&mut book, "2026-11-20", id, json);
    }
    book
}

fn returns(method: &str, cogs: &str, sellable: &str, damaged: &str) {
    let mut book = returns_book(method);
    let cost: rust_decimal::Decimal = book
        .events()
        .iter()
        .filter_map(|e| match &e.event {
            Event::Issued(s) => Some(s.value.amount),
            _ => None,
        })
        .sum();
    assert_eq!(cost.to_string(), cogs);
    let out = run(
        &mut book,
        "2026-11-25",
        "rma-1",
        r#"{"type":"receive_sales_return","channel":"web","order":"W-1","line":"1","quantity":1,"grade":"sellable","location":"SZ","rma":"RMA-1"}"#,
    );
    assert_eq!(
        entries(&out),
        [vec![
            row("1300", sellable, "0.00"),
            row("5000", "0.00", sellable)
        ]]
    );
    let out = run(
        &mut book,
        "2026-11-26",
        "rma-2",
        r#"{"type":"receive_sales_return","channel":"web","order":"W-1","line":"1","quantity":2,"grade":"damaged","location":"SZ","reason":"cracked shade"}"#,
    );
    assert_eq!(
        entries(&out),
        [vec![
            row("1300", damaged, "0.00"),
            row("5000", "0.00", damaged)
        ]]
    );
    assert_eq!(quantities(&book, "LAMP", "SZ"), (2, 0, 2));
    let code = fails(
        &mut book,
        "2026-11-27",
        "rma-3",
        r#"{"type":"receive_sales_return","channel":"web","order":"W-1","line":"1","quantity":1,"grade":"sellable","location":"SZ"}"#,
    );
    assert_eq!(code, "OVER_RETURN");
    assert_eq!(book.sales_order("web", "W-1").unwrap().lines[0].returned, 3);
    assert!(
        book.sales_order("web", "W-1").unwrap().lines[0]
            .net_cost
            .is_zero()
    );
    // Every unit came back at what it cost: the pool holds the four
    // lamps' 24.00 again.
    assert_eq!(book.inventory_value().to_string(), "24.00 USD");
    check_rebuilds(&book);
}

#[test]
fn returns_come_back_at_the_moving_average_that_went_out() {
    // 3 × 6.00 out; back 6.00, then the remaining 12.00.
    returns("moving_average", "18.00", "6.00", "12.00");
}

#[test]
fn returns_come_back_at_the_fifo_cost_that_went_out() {
    // 5.00 + 5.00 + 7.00 out; back 17.00 / 3 = 5.67, then the rest 11.33.
    returns("fifo", "17.00", "5.67", "11.33");
}

#[test]
fn a_disposed_return_costs_a_return_loss() {
    let mut book = returns_book("moving_average");
    let out = run(
        &mut book,
        "2026-11-25",
        "rma-1",
        r#"{"type":"receive_sales_return","channel":"web","order":"W-1","line":"1","quantity":1,"grade":"disposed"}"#,
    );
    assert_eq!(
        entries(&out),
        [vec![
            row("5460", "6.00", "0.00"),
            row("5000", "0.00", "6.00")
        ]]
    );
    assert_eq!(quantities(&book, "LAMP", "SZ"), (1, 0, 0));
    let code = fails(
        &mut book,
        "2026-11-25",
        "rma-2",
        r#"{"type":"receive_sales_return","channel":"web","order":"W-1","line":"1","quantity":1,"grade":"sellable"}"#,
    );
    assert_eq!(code, "INVALID_COMMAND");
    check_rebuilds(&book);
}

#[test]
fn bad_definitions_and_orders_are_refused() {
    let mut book = sales_book().unwrap();
    for (json, code) in [
        (
            r#"{"type":"define_channel","code":"shop-us","name":"Again","kind":"shopify","currency":"USD"}"#,
            "DUPLICATE_CODE",
        ),
        (
            r#"{"type":"define_channel","code":"x","name":"X","kind":"other","currency":"USD","locations":[{"location":"NOWHERE"}]}"#,
            "UNKNOWN_LOCATION",
        ),
        (
            r#"{"type":"define_listing","channel":"shop-us","listing":"x","sku":"LAMP","bundle":"DESK-SET"}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"define_listing","channel":"shop-us","listing":"x","sku":"LAMP","pack":0}"#,
            "INVALID_QUANTITY",
        ),
        (
            r#"{"type":"define_listing","channel":"nope","listing":"x","sku":"LAMP"}"#,
            "UNKNOWN_CHANNEL",
        ),
        (
            r#"{"type":"ingest_sales_order","channel":"shop-us","order":"2001","date":"2026-11-20",
                "lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"25.001"}]}"#,
            "INVALID_AMOUNT",
        ),
        (
            r#"{"type":"ingest_sales_order","channel":"shop-us","order":"2001","date":"2026-11-20",
                "lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"-1.00"}]}"#,
            "INVALID_AMOUNT",
        ),
        (
            r#"{"type":"ingest_sales_order","channel":"shop-us","order":"2001","date":"2026-11-20",
                "lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"5.00","discount":"6.00"}]}"#,
            "INVALID_AMOUNT",
        ),
        (
            r#"{"type":"ingest_sales_order","channel":"shop-us","order":"2001","date":"2026-11-20",
                "lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"5.00"},
                         {"line":"1","listing":"lamp-black","quantity":1,"unit_price":"5.00"}]}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"ingest_sales_order","channel":"shop-us","order":"2001","date":"2026-11-20","lines":[]}"#,
            "INVALID_COMMAND",
        ),
    ] {
        assert_eq!(fails(&mut book, "2026-11-21", "bad", json), code, "{json}");
    }
    // Unknown keys are refused, naming where they are.
    let err = Command::from_json(
        r#"{"type":"ingest_sales_order","channel":"shop-us","order":"2001","date":"2026-11-20",
            "lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"5.00","colour":"red"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), "INVALID_COMMAND");
    assert!(err.to_string().contains("lines[0].colour"), "{err}");
}

/// A USD book with `config` members, a web channel selling LAMP from
/// Shenzhen, and `stock` received first.
fn web_book(config: &str, stock: &[&str]) -> Book {
    let config = if config.is_empty() {
        r#"{"functional_currency":"USD"}"#.to_owned()
    } else {
        format!(r#"{{"functional_currency":"USD",{config}}}"#)
    };
    let mut book = Book::new(landed::BookConfig::from_json(&config).unwrap()).unwrap();
    let setup = [
        r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
        r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#,
        r#"{"type":"define_sku","code":"TEA","name":"Green tea","lot_tracked":true}"#,
        r#"{"type":"define_channel","code":"web","name":"Web","kind":"own_site","currency":"USD","locations":[{"location":"SZ"}]}"#,
        r#"{"type":"define_listing","channel":"web","listing":"lamp","sku":"LAMP"}"#,
        r#"{"type":"define_listing","channel":"web","listing":"tea","sku":"TEA"}"#,
    ];
    for (i, json) in setup.iter().chain(stock).enumerate() {
        run(&mut book, "2026-11-01", &format!("setup-{i}"), json);
    }
    book
}

const LAMPS: &str = r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":4,"unit_cost":{"amount":"6.00","currency":"USD"}}"#;
const ORDER_W1: &str = r#"{"type":"ingest_sales_order","channel":"web","order":"W-1","date":"2026-11-20",
    "lines":[{"line":"1","listing":"lamp","quantity":2,"unit_price":"20.00"}]}"#;
const SHIP_W1: &str =
    r#"{"type":"ship_sales_order","channel":"web","order":"W-1","shipment":"WS-1"}"#;

#[test]
fn lot_tracked_units_are_reserved_and_shipped_first_expiring_first() {
    let mut book = web_book(
        "",
        &[
            r#"{"type":"receive","sku":"TEA","location":"SZ","quantity":3,"lot":"L-LATE","expiry":"2027-06-30","unit_cost":{"amount":"2.00","currency":"USD"}}"#,
            r#"{"type":"receive","sku":"TEA","location":"SZ","quantity":3,"lot":"L-SOON","expiry":"2027-01-31","unit_cost":{"amount":"2.00","currency":"USD"}}"#,
        ],
    );
    run(
        &mut book,
        "2026-11-20",
        "order",
        r#"{"type":"ingest_sales_order","channel":"web","order":"T-1","date":"2026-11-20",
            "lines":[{"line":"1","listing":"tea","quantity":4,"unit_price":"9.00"}]}"#,
    );
    let soon = book
        .position("TEA", "SZ", Some("L-SOON"))
        .unwrap()
        .quantities;
    let late = book
        .position("TEA", "SZ", Some("L-LATE"))
        .unwrap()
        .quantities;
    assert_eq!((soon.committed, late.committed), (3, 1));
    run(
        &mut book,
        "2026-11-21",
        "ship",
        r#"{"type":"ship_sales_order","channel":"web","order":"T-1","shipment":"TS-1"}"#,
    );
    assert_eq!(book.stock("TEA").unwrap().on_hand, 2);
    // A lot-tracked return names its lot; a return without one is refused.
    let code = fails(
        &mut book,
        "2026-11-25",
        "rma-no-lot",
        r#"{"type":"receive_sales_return","channel":"web","order":"T-1","line":"1","quantity":1,"grade":"sellable","location":"SZ"}"#,
    );
    assert_eq!(code, "LOT_RULE");
    run(
        &mut book,
        "2026-11-25",
        "rma",
        r#"{"type":"receive_sales_return","channel":"web","order":"T-1","line":"1","quantity":1,"grade":"sellable","location":"SZ","lot":"L-SOON"}"#,
    );
    let soon = book
        .position("TEA", "SZ", Some("L-SOON"))
        .unwrap()
        .quantities;
    assert_eq!(soon.available, 1);
    check_rebuilds(&book);
}

#[test]
fn a_damaged_return_is_written_down_in_books_that_write_damage_down() {
    let mut book = web_book(r#""damage_write_down":true"#, &[LAMPS]);
    run(&mut book, "2026-11-20", "order", ORDER_W1);
    run(&mut book, "2026-11-21", "ship", SHIP_W1);
    let out = run(
        &mut book,
        "2026-11-25",
        "rma",
        r#"{"type":"receive_sales_return","channel":"web","order":"W-1","line":"1","quantity":1,"grade":"damaged","location":"SZ"}"#,
    );
    // Back at 6.00 from COGS, then written down to nothing.
    assert_eq!(
        entries(&out),
        [
            vec![row("1300", "6.00", "0.00"), row("5000", "0.00", "6.00")],
            vec![row("5410", "6.00", "0.00"), row("1390", "0.00", "6.00")],
        ]
    );
    assert_eq!(quantities(&book, "LAMP", "SZ"), (2, 0, 1));
    check_rebuilds(&book);
}

#[test]
fn a_shipment_into_a_locked_period_is_refused() {
    let mut book = web_book("", &[LAMPS]);
    run(&mut book, "2026-11-20", "order", ORDER_W1);
    run(
        &mut book,
        "2026-11-20",
        "lock",
        r#"{"type":"lock_period","through":"2026-11-30"}"#,
    );
    assert_eq!(
        fails(&mut book, "2026-11-21", "ship", SHIP_W1),
        "PERIOD_LOCKED"
    );
    run(&mut book, "2026-12-01", "ship", SHIP_W1);
    check_rebuilds(&book);
}

#[test]
fn a_custom_chart_without_the_selling_roles_cannot_post_a_sale() {
    let mut chart = landed::ledger::ChartSpec::standard();
    chart
        .rules
        .retain(|r| !landed::ledger::AccountRole::SALES.contains(&r.role));
    let ledger = serde_json::to_string(&landed::ledger::LedgerSetup::Custom(chart)).unwrap();
    let mut book = web_book(&format!(r#""ledger":{ledger}"#), &[LAMPS]);
    // Orders and reservations need no accounts; the shipment does.
    run(&mut book, "2026-11-20", "order", ORDER_W1);
    assert_eq!(
        fails(&mut book, "2026-11-21", "ship", SHIP_W1),
        "MISSING_POSTING_RULE"
    );
}

#[test]
fn a_book_without_a_ledger_sells_without_postings() {
    let mut book = web_book(r#""ledger":{"type":"off"}"#, &[LAMPS]);
    run(&mut book, "2026-11-20", "order", ORDER_W1);
    let out = run(&mut book, "2026-11-21", "ship", SHIP_W1);
    assert!(entries(&out).is_empty());
    assert_eq!(quantities(&book, "LAMP", "SZ"), (2, 0, 0));
    run(
        &mut book,
        "2026-11-25",
        "rma",
        r#"{"type":"receive_sales_return","channel":"web","order":"W-1","line":"1","quantity":2,"grade":"disposed"}"#,
    );
    assert_eq!(book.sales_order("web", "W-1").unwrap().lines[0].returned, 2);
    check_rebuilds(&book);
}

fn restore_refused(text: &str) -> String {
    let snapshot = landed::Snapshot::from_json(text).unwrap();
    match Book::restore(snapshot) {
        Err(landed::LandedError::InvalidSnapshot { reason }) => reason,
        Err(other) => panic!("expected INVALID_SNAPSHOT, got {other}"),
        Ok(_) => panic!("the damaged snapshot was restored"),
    }
}

#[test]
fn a_restored_snapshot_s_orders_must_add_up() {
    let book = sales_book().unwrap();
    let text = serde_json::to_string(&book.snapshot()).unwrap();
    let la = r#"{"location":"LA","reserved":3,"shipped":0}"#;
    let sz = r#"{"location":"SZ","reserved":2,"shipped":0}"#;
    assert_eq!(text.matches(la).count(), 1);
    // More reserved than the line ordered.
    let edited = resealed(&text.replace(la, &la.replace('3', "9")));
    assert!(restore_refused(&edited).contains("units do not add up"));
    // As many as it ordered, but more at Los Angeles than is committed there.
    let edited = text
        .replace(la, &la.replace('3', "4"))
        .replace(sz, &sz.replace('2', "1"));
    let reason = restore_refused(&resealed(&edited));
    assert!(
        reason.contains("reserve 4 units of LAMP at LA, 3 are committed"),
        "{reason}"
    );
    // A listing moved to another channel than its key says.
    let edited = resealed(&text.replace(
        r#"{"channel":"shop-us","listing":"desk-set""#,
        r#"{"channel":"shop-uk","listing":"desk-set""#,
    ));
    let reason = restore_refused(&edited);
    assert!(
        reason.contains("listing desk-set is kept under another key"),
        "{reason}"
    );
}

#[test]
fn units_without_stock_are_routed_by_the_rules_once_stock_arrives() {
    let mut book = web_book("", &[]);
    run(&mut book, "2026-11-20", "order", ORDER_W1);
    let open = book.order_exceptions();
    assert_eq!(
        (open[0].kind, open[0].quantity),
        (ExceptionKind::NoStock, 2)
    );
    run(&mut book, "2026-11-21", "grn", LAMPS);
    run(
        &mut book,
        "2026-11-21",
        "reroute",
        r#"{"type":"route_sales_order","channel":"web","order":"W-1"}"#,
    );
    assert_eq!(quantities(&book, "LAMP", "SZ"), (2, 2, 0));
    assert!(book.order_exceptions().is_empty());
    check_rebuilds(&book);
}

/// The Amazon DE book of the FBA example with order 302-1 shipped on
/// 2026-11-21: 2 lamps, 54.80 EUR of revenue (60.28 USD at 1.10) and
/// 10.41 EUR of marketplace tax (11.45 USD), a receivable of 65.21 EUR
/// (71.73 USD).
fn amazon_de_shipped() -> Book {
    let mut book = amazon_de_ordered();
    run(
        &mut book,
        "2026-11-21",
        "A-1/ship",
        r#"{"type":"ship_sales_order","channel":"amazon-de","order":"302-1","shipment":"AMZ-302-1"}"#,
    );
    book
}

/// The channel receivable (1250) in functional currency, and the sum of
/// its open items' carrying amounts (credit notes negative).
fn receivable_and_open_items(book: &Book) -> (String, String) {
    let tb = book.trial_balance(chrono::NaiveDate::MAX, None);
    let balance = tb
        .lines
        .iter()
        .find(|l| l.account == "1250")
        .map_or(rust_decimal::Decimal::ZERO, |l| l.balance.amount);
    let open: rust_decimal::Decimal = book
        .open_items(chrono::NaiveDate::MAX)
        .iter()
        .filter(|i| i.item.account == "1250")
        .map(|i| i.item.carrying.amount * i.item.kind.balance_sign())
        .sum();
    (balance.to_string(), open.to_string())
}

#[test]
fn a_partial_refund_before_the_payout_nets_against_the_shipment() {
    let mut book = amazon_de_shipped();
    // One of the two lamps refunded with its tax: 27.40 EUR of revenue
    // (30.14 USD at 1.10) to sales returns, 5.20 EUR of tax (5.72 USD)
    // back off the liability; the channel owes 32.60 EUR (35.86 USD) less.
    let out = run(
        &mut book,
        "2026-11-22",
        "R-1",
        r#"{"type":"refund_sales_order","channel":"amazon-de","order":"302-1","refund":"AMZ-R-1",
            "lines":[{"line":"1","principal":"27.40","tax":"5.20"}]}"#,
    );
    assert_eq!(
        entries(&out),
        [vec![
            row("4100", "30.14", "0.00"),
            row("2460", "5.72", "0.00"),
            row("1250", "0.00", "35.86"),
        ]]
    );
    let items = book.open_items(landed::parse_date("2026-11-30").unwrap());
    let note = items.iter().find(|i| i.item.document == "AMZ-R-1").unwrap();
    assert_eq!(note.item.open.to_string(), "32.60 EUR");
    // 71.73 − 35.86 = 35.87 USD on the account and on its open items.
    assert_eq!(
        receivable_and_open_items(&book),
        ("35.87".into(), "35.87".into())
    );
    // 27.40 more of revenue would pass what the shipment recognised
    // (54.80 − 27.40 = 27.40 left); the same refund id twice, an unknown
    // line, a negative amount, nothing at all: refused, the book unchanged.
    // Order 1001 of the Shopify channel has shipped nothing: nothing to
    // refund.
    for (channel, order, refund, line, code) in [
        (
            "amazon-de",
            "302-1",
            "AMZ-R-2",
            r#""line":"1","principal":"27.41""#,
            "OVER_REFUND",
        ),
        (
            "amazon-de",
            "302-1",
            "AMZ-R-2",
            r#""line":"1","tax":"5.22""#,
            "OVER_REFUND",
        ),
        (
            "amazon-de",
            "302-1",
            "AMZ-R-2",
            r#""line":"1","shipping":"0.01""#,
            "OVER_REFUND",
        ),
        (
            "amazon-de",
            "302-1",
            "AMZ-R-1",
            r#""line":"1","principal":"1.00""#,
            "DUPLICATE_CODE",
        ),
        (
            "amazon-de",
            "302-1",
            "AMZ-302-1",
            r#""line":"1","principal":"1.00""#,
            "DUPLICATE_CODE",
        ),
        (
            "amazon-de",
            "302-1",
            "AMZ-R-2",
            r#""line":"9","principal":"1.00""#,
            "INVALID_COMMAND",
        ),
        (
            "amazon-de",
            "302-1",
            "AMZ-R-2",
            r#""line":"1","principal":"-1.00""#,
            "INVALID_COMMAND",
        ),
        (
            "amazon-de",
            "302-1",
            "AMZ-R-2",
            r#""line":"1","principal":"1.001""#,
            "INVALID_COMMAND",
        ),
        (
            "amazon-de",
            "302-1",
            "AMZ-R-2",
            r#""line":"1""#,
            "INVALID_COMMAND",
        ),
        (
            "amazon-de",
            "302-9",
            "AMZ-R-2",
            r#""line":"1","principal":"1.00""#,
            "UNKNOWN_SALES_ORDER",
        ),
        (
            "shop-us",
            "1001",
            "SH-R-1",
            r#""line":"1","principal":"1.00""#,
            "OVER_REFUND",
        ),
    ] {
        let json = format!(
            r#"{{"type":"refund_sales_order","channel":"{channel}","order":"{order}","refund":"{refund}","lines":[{{{line}}}]}}"#
        );
        assert_eq!(
            fails(&mut book, "2026-11-22", refund, &json),
            code,
            "{json}"
        );
    }
    // The rest of the line's revenue exactly: accepted.
    run(
        &mut book,
        "2026-11-23",
        "R-2",
        r#"{"type":"refund_sales_order","channel":"amazon-de","order":"302-1","refund":"AMZ-R-2",
            "lines":[{"line":"1","principal":"27.40"}]}"#,
    );
    assert_eq!(
        receivable_and_open_items(&book),
        ("5.73".into(), "5.73".into())
    );
    let line = &book.sales_order("amazon-de", "302-1").unwrap().lines[0];
    assert_eq!(
        (
            line.refunded.principal.to_string(),
            line.refunded.tax.to_string()
        ),
        ("54.80".into(), "5.20".into())
    );
    // The payout of what is left, 65.21 − 32.60 − 27.40 = 5.21 EUR at
    // 1.12 (5.84 USD), clears the shipment and both credit notes.
    run(
        &mut book,
        "2026-11-28",
        "payout",
        r#"{"type":"record_payment","date":"2026-11-28","amount":{"amount":"5.21","currency":"EUR"},"rate":"1.12",
            "allocations":[{"document":"AMZ-302-1","amount":{"amount":"65.21","currency":"EUR"}},{"document":"AMZ-R-1"},{"document":"AMZ-R-2"}]}"#,
    );
    assert_eq!(
        receivable_and_open_items(&book),
        ("0.00".into(), "0".into())
    );
    check_rebuilds(&book);
}

#[test]
fn a_refund_after_the_payout_leaves_a_credit_note_open() {
    let mut book = amazon_de_shipped();
    run(
        &mut book,
        "2026-11-28",
        "payout",
        r#"{"type":"record_settlement","document":"AMZ-302-1","date":"2026-11-28",
            "amount":{"amount":"65.21","currency":"EUR"},"rate":"1.12"}"#,
    );
    // 10.00 EUR of revenue given back at 1.12: 11.20 USD, owed back by
    // the channel's next payout (the credit note stays open).
    let out = run(
        &mut book,
        "2026-11-29",
        "R-1",
        r#"{"type":"refund_sales_order","channel":"amazon-de","order":"302-1","refund":"AMZ-R-1","rate":"1.12",
            "lines":[{"line":"1","principal":"10.00"}]}"#,
    );
    assert_eq!(
        entries(&out),
        [vec![
            row("4100", "11.20", "0.00"),
            row("1250", "0.00", "11.20")
        ]]
    );
    let items = book.open_items(landed::parse_date("2026-11-30").unwrap());
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].item.document, "AMZ-R-1");
    assert_eq!(items[0].item.open.to_string(), "10.00 EUR");
    assert_eq!(
        receivable_and_open_items(&book),
        ("-11.20".into(), "-11.20".into())
    );
    check_rebuilds(&book);
}

#[test]
fn a_bundle_of_a_deactivated_component_is_refused_and_its_orders_wait_as_exceptions() {
    let mut book = sales_book().unwrap();
    let shade = r#"{"type":"define_sku","code":"SHADE","name":"Spare shade"}"#;
    run(&mut book, "2026-11-20", "sku-shade", shade);
    let kit = r#"{"type":"define_bundle","code":"KIT","name":"Lamp and shade","components":[{"sku":"LAMP","quantity":1},{"sku":"SHADE","quantity":1}]}"#;
    run(&mut book, "2026-11-20", "bundle-kit", kit);
    let listing = r#"{"type":"define_listing","channel":"shop-us","listing":"kit","bundle":"KIT"}"#;
    run(&mut book, "2026-11-20", "listing-kit", listing);
    // The shade is discontinued (it has no stock, so it may be).
    let off = r#"{"type":"deactivate_sku","sku":"SHADE"}"#;
    run(&mut book, "2026-11-20", "shade-off", off);
    // A new bundle of it is refused, the book unchanged.
    let kit2 = kit.replace("\"KIT\"", "\"KIT-2\"");
    assert_eq!(
        fails(&mut book, "2026-11-20", "bundle-kit-2", &kit2),
        "SKU_INACTIVE"
    );
    // An order for the existing kit is kept, waiting as an exception: no
    // location can serve a unit of it.
    let order = r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1010","date":"2026-11-21",
        "lines":[{"line":"1","listing":"kit","quantity":1,"unit_price":"30.00"}]}"#;
    run(&mut book, "2026-11-21", "order-1010", order);
    let exceptions: Vec<_> = book
        .order_exceptions()
        .into_iter()
        .filter(|e| e.order == "1010")
        .map(|e| (e.line, e.kind, e.quantity))
        .collect();
    assert_eq!(
        exceptions,
        [(
            Some("1".to_string()),
            landed::sales::ExceptionKind::NoStock,
            1
        )]
    );
    assert_eq!(
        book.sales_order("shop-us", "1010").unwrap().lines[0].reserved,
        0
    );
    // Shipping it is refused, the book unchanged.
    let ship =
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1010","shipment":"S-1010"}"#;
    let code = fails(&mut book, "2026-11-22", "ship-1010", ship);
    // Nothing of it is reserved, so there is nothing to ship.
    assert_eq!(code, "INVALID_COMMAND");
    check_rebuilds(&book);
}
