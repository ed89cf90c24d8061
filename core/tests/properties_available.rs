//! Property tests of available to sell over random sequences of receipts,
//! sales, bucket moves, orders, listing policies and acknowledged pushes:
//!
//! * a figure is never negative and never promises more than the serving
//!   locations hold free (times the pack and the units per bundle);
//! * a bundle listing never offers more than its scarcest component
//!   allows;
//! * the incremental push list equals a full recomputation, and applying
//!   it to the quantities last pushed gives every listing's figure;
//! * a failed command changes nothing; replay and restore give the same
//!   push list.

use std::collections::BTreeMap;

use landed::sales::StockPush;
use landed::{Book, BookConfig, Command, Context, Snapshot};
use proptest::prelude::*;

const SKUS: [&str; 2] = ["LAMP", "BULB"];
const LOCATIONS: [&str; 3] = ["EAST", "WEST", "FBA"];
const BUCKETS: [&str; 4] = ["committed", "reserved", "damaged", "quality_control"];
/// (channel, listing, sku or bundle, is bundle, pack)
const LISTINGS: [(&str, &str, &str, bool, i64); 5] = [
    ("web", "lamp", "LAMP", false, 1),
    ("web", "bulbs-3", "BULB", false, 3),
    ("web", "set", "SET", true, 1),
    ("amazon", "lamp", "LAMP", false, 1),
    ("amazon", "set-2", "SET", true, 2),
];

#[derive(Clone, Debug)]
enum Op {
    Receive {
        sku: usize,
        loc: usize,
        qty: i64,
    },
    Sell {
        sku: usize,
        loc: usize,
        qty: i64,
    },
    Move {
        sku: usize,
        loc: usize,
        qty: i64,
        bucket: usize,
        back: bool,
    },
    Order {
        listing: usize,
        qty: i64,
    },
    Policy {
        listing: usize,
        safety: i64,
        reserve: i64,
        tenths: i64,
        max: Option<i64>,
        end: i64,
    },
    PushAll,
    PushSome {
        listing: usize,
        available: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..2usize, 0..3usize, 1..30i64).prop_map(|(sku, loc, qty)| Op::Receive { sku, loc, qty }),
        2 => (0..2usize, 0..3usize, 1..10i64).prop_map(|(sku, loc, qty)| Op::Sell { sku, loc, qty }),
        2 => (0..2usize, 0..3usize, 1..8i64, 0..4usize, any::<bool>())
            .prop_map(|(sku, loc, qty, bucket, back)| Op::Move { sku, loc, qty, bucket, back }),
        2 => (0..5usize, 1..6i64).prop_map(|(listing, qty)| Op::Order { listing, qty }),
        2 => (0..5usize, -1..6i64, 0..6i64, -2..13i64, proptest::option::of(-1..20i64), 0..10i64)
            .prop_map(|(listing, safety, reserve, tenths, max, end)| Op::Policy { listing, safety, reserve, tenths, max, end }),
        2 => Just(Op::PushAll),
        1 => (0..5usize, -1..20i64).prop_map(|(listing, available)| Op::PushSome { listing, available }),
    ]
}

fn ctx(n: usize) -> Context {
    Context::from_json(&format!(
        r#"{{"at":"2026-11-20T09:00:00Z","command_id":"c{n}"}}"#
    ))
    .unwrap()
}

fn book() -> Book {
    let config = BookConfig::from_json(r#"{"functional_currency":"USD"}"#).unwrap();
    let mut book = Book::new(config).unwrap();
    let mut commands = vec![
        r#"{"type":"define_location","code":"EAST","name":"East","kind":"third_party"}"#.to_owned(),
        r#"{"type":"define_location","code":"WEST","name":"West","kind":"third_party"}"#.to_owned(),
        r#"{"type":"define_location","code":"FBA","name":"FBA","kind":"fba"}"#.to_owned(),
        r#"{"type":"define_sku","code":"LAMP","name":"Lamp"}"#.to_owned(),
        r#"{"type":"define_sku","code":"BULB","name":"Bulb"}"#.to_owned(),
        r#"{"type":"define_bundle","code":"SET","name":"Set","components":[{"sku":"LAMP","quantity":1},{"sku":"BULB","quantity":2}]}"#.to_owned(),
        r#"{"type":"define_channel","code":"web","name":"Web","kind":"own_site","currency":"USD","split_lines":true,
            "locations":[{"location":"EAST"},{"location":"WEST"}]}"#.to_owned(),
        r#"{"type":"define_channel","code":"amazon","name":"Amazon","kind":"amazon","currency":"USD",
            "locations":[{"location":"WEST"}],"fba_location":"FBA"}"#.to_owned(),
    ];
    for (channel, listing, item, bundle, pack) in LISTINGS {
        let key = if bundle { "bundle" } else { "sku" };
        commands.push(format!(
            r#"{{"type":"define_listing","channel":"{channel}","listing":"{listing}","{key}":"{item}","pack":{pack}}}"#
        ));
    }
    for (i, json) in commands.iter().enumerate() {
        book.execute(Command::from_json(json).unwrap(), &ctx(i))
            .unwrap();
    }
    book
}

fn command(book: &Book, op: &Op, n: usize) -> Command {
    let json = match op {
        Op::Receive { sku, loc, qty } => format!(
            r#"{{"type":"receive","sku":"{}","location":"{}","quantity":{qty},"unit_cost":{{"amount":"1.00","currency":"USD"}}}}"#,
            SKUS[*sku], LOCATIONS[*loc]
        ),
        Op::Sell { sku, loc, qty } => format!(
            r#"{{"type":"issue","sku":"{}","location":"{}","quantity":{qty},"reason":"sale"}}"#,
            SKUS[*sku], LOCATIONS[*loc]
        ),
        Op::Move {
            sku,
            loc,
            qty,
            bucket,
            back,
        } => {
            // Units go back to available from any bucket but committed
            // (orders hold those).
            let (from, to) = if *back && BUCKETS[*bucket] != "committed" {
                (BUCKETS[*bucket], "available")
            } else {
                ("available", BUCKETS[*bucket])
            };
            format!(
                r#"{{"type":"move","sku":"{}","location":"{}","quantity":{qty},"from":"{from}","to":"{to}"}}"#,
                SKUS[*sku], LOCATIONS[*loc]
            )
        }
        Op::Order { listing, qty } => {
            let (channel, listing, ..) = LISTINGS[*listing];
            format!(
                r#"{{"type":"ingest_sales_order","channel":"{channel}","order":"o{n}","date":"2026-11-20",
                    "lines":[{{"line":"1","listing":"{listing}","quantity":{qty},"unit_price":"10.00"}}]}}"#
            )
        }
        Op::Policy {
            listing,
            safety,
            reserve,
            tenths,
            max,
            end,
        } => {
            let (channel, listing, ..) = LISTINGS[*listing];
            let share = if *tenths < 0 {
                format!("-0.{}", -tenths)
            } else {
                format!("{}.{}", tenths / 10, tenths % 10)
            };
            let max = max.map(|m| format!(r#","max":{m}"#)).unwrap_or_default();
            format!(
                r#"{{"type":"set_listing_stock_policy","channel":"{channel}","listing":"{listing}",
                    "safety_stock":{safety},"reserve":{reserve},"share":"{share}","end_below":{end}{max}}}"#
            )
        }
        Op::PushAll => {
            let pushes: Vec<StockPush> = book
                .stock_to_push(None)
                .unwrap()
                .into_iter()
                .map(|p| p.acknowledged())
                .collect();
            return Command::acknowledge_stock_push(pushes);
        }
        Op::PushSome { listing, available } => {
            let (channel, listing, ..) = LISTINGS[*listing];
            return Command::acknowledge_stock_push([StockPush::new(channel, listing, *available)]);
        }
    };
    Command::from_json(&json).unwrap()
}

/// Free units of a SKU at a location, read from the position report.
fn free(book: &Book, sku: &str, loc: &str) -> i64 {
    book.position(sku, loc, None)
        .map(|p| p.quantities.available.max(0))
        .unwrap_or(0)
}

type PushList = Vec<(String, String, Option<i64>, i64)>;

fn push_list(book: &Book) -> PushList {
    book.stock_to_push(None)
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                p.channel.to_string(),
                p.listing.to_string(),
                p.previous,
                p.available,
            )
        })
        .collect()
}

fn check(book: &Book) -> Result<(), TestCaseError> {
    let all = book.listings_available(None).unwrap();
    prop_assert_eq!(all.len(), LISTINGS.len());
    for a in &all {
        prop_assert!(a.available >= 0 && a.supply >= 0);
        prop_assert!(a.available <= a.supply);
        // Never more than the serving locations hold free.
        let serving: Vec<&str> = a.locations.iter().map(|l| l.location.as_str()).collect();
        let components: Vec<(&str, i64)> = match (&a.sku, &a.bundle) {
            (Some(sku), _) => vec![(sku.as_str(), 1)],
            _ => vec![("LAMP", 1), ("BULB", 2)],
        };
        let mut scarcest = i64::MAX;
        for (sku, per) in components {
            let held: i64 = serving.iter().map(|loc| free(book, sku, loc)).sum();
            prop_assert!(
                a.available * a.pack * per <= held,
                "{a:?} holds {held} {sku}"
            );
            scarcest = scarcest.min(held / per / a.pack);
        }
        // A bundle never offers more than its scarcest component allows.
        prop_assert!(a.supply <= scarcest, "{a:?}");
    }
    // The incremental list equals a full recomputation.
    let full: PushList = all
        .iter()
        .filter(|a| a.pushed != Some(a.available))
        .map(|a| (a.channel.clone(), a.listing.clone(), a.pushed, a.available))
        .collect();
    let incremental = push_list(book);
    prop_assert_eq!(&incremental, &full);
    // Applied to the quantities last pushed, it gives every figure.
    let mut shown: BTreeMap<(String, String), Option<i64>> = all
        .iter()
        .map(|a| ((a.channel.clone(), a.listing.clone()), a.pushed))
        .collect();
    for (channel, listing, previous, available) in &incremental {
        let slot = shown.get_mut(&(channel.clone(), listing.clone())).unwrap();
        prop_assert_eq!(*slot, *previous);
        *slot = Some(*available);
    }
    for a in &all {
        prop_assert_eq!(
            shown[&(a.channel.clone(), a.listing.clone())],
            Some(a.available)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn available_to_sell_holds_its_promises(ops in proptest::collection::vec(op(), 1..40)) {
        let mut book = book();
        check(&book)?;
        for (i, op) in ops.iter().enumerate() {
            let n = 100 + i;
            let command = command(&book, op, n);
            let before = serde_json::to_string(&book.snapshot()).unwrap();
            let list_before = push_list(&book);
            if book.execute(command, &ctx(n)).is_err() {
                prop_assert_eq!(serde_json::to_string(&book.snapshot()).unwrap(), before);
                prop_assert_eq!(push_list(&book), list_before);
            }
            check(&book)?;
        }
        let expected = push_list(&book);
        let replayed = Book::replay(book.config().clone(), book.events()).unwrap();
        prop_assert_eq!(push_list(&replayed), expected.clone());
        let text = serde_json::to_string(&book.snapshot()).unwrap();
        let restored = Book::restore(Snapshot::from_json(&text).unwrap()).unwrap();
        prop_assert_eq!(push_list(&restored), expected);
    }
}
