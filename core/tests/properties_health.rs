//! Property tests of the inventory-health reports over random sequences of
//! receipts (with and without lots), sales, bucket moves and transfers
//! (some received, some left at sea), FIFO or moving average, one scope per
//! location or one for the company:
//!
//! * per valuation pool, the aging buckets' units plus `undated`, less
//!   negative stock, are the units carrying value at the scope's
//!   locations, and their values add up to the pool's book value; the
//!   total value is the book's inventory value;
//! * stock by location equals the per-SKU stock report bucket by bucket,
//!   its values equal `Book::valuation`, and its totals add up;
//! * alerts are sorted and never flag more units than are on hand or in
//!   transit.

mod common;

use std::collections::BTreeMap;

use common::{day_context, issue, location, move_units, receive, sku};
use landed::catalog::LocationKind;
use landed::inventory::Bucket;
use landed::report::{
    InventoryAgingQuery, InventoryAlertKind, InventoryAlertsQuery, StockByLocationQuery,
};
use landed::{Book, BookConfig, Command, Money, NaiveDate};
use proptest::prelude::*;

const SKUS: [&str; 2] = ["LAMP", "TEA"];
const LOCATIONS: [&str; 3] = ["SZ", "DE", "FBA"];
const BUCKETS: [Bucket; 4] = [
    Bucket::Committed,
    Bucket::Reserved,
    Bucket::Damaged,
    Bucket::Researching,
];
const LOTS: [(&str, &str); 3] = [
    ("A", "2026-03-01"),
    ("B", "2026-09-30"),
    ("C", "2027-06-30"),
];

/// A SKU, a location and a number of units (indexes into the constants).
#[derive(Clone, Copy, Debug)]
struct Units(usize, usize, i64);

impl Units {
    fn sku(self) -> &'static str {
        SKUS[self.0]
    }

    fn loc(self) -> &'static str {
        LOCATIONS[self.1]
    }
}

fn units(max: i64) -> impl Strategy<Value = Units> {
    (0..2usize, 0..3usize, 1..max).prop_map(|(sku, loc, qty)| Units(sku, loc, qty))
}

#[derive(Clone, Debug)]
enum Op {
    /// At a unit cost in cents, in one of `LOTS` for TEA.
    Receive(Units, i64, usize),
    Sell(Units),
    /// From available into one of `BUCKETS`.
    Move(Units, usize),
    /// To a location, with an ETA so many days later, received the next
    /// day or left at sea.
    Transfer(Units, usize, i64, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (units(40), 50..900i64, 0..3usize).prop_map(|(u, cents, lot)| Op::Receive(u, cents, lot)),
        2 => units(15).prop_map(Op::Sell),
        1 => (units(10), 0..4usize).prop_map(|(u, bucket)| Op::Move(u, bucket)),
        2 => (units(15), 0..3usize, 1..60i64, any::<bool>())
            .prop_map(|(u, to, eta, receive)| Op::Transfer(u, to, eta, receive)),
    ]
}

fn day(start: NaiveDate, n: i64) -> String {
    (start + chrono::Duration::days(n)).to_string()
}

/// Runs `command` on `day`; a command the book refuses is skipped.
fn run(book: &mut Book, n: &mut usize, day: &str, command: Command) {
    *n += 1;
    let _ = book.execute(command, &day_context(day, &format!("c{n}")));
}

fn json(text: &str) -> Command {
    Command::from_json(text).unwrap()
}

fn book(fifo: bool, company: bool, ops: &[(Op, i64)]) -> Book {
    let method = if fifo { "fifo" } else { "moving_average" };
    let scope = if company { "company" } else { "warehouse" };
    let config = format!(
        r#"{{"functional_currency":"USD","valuation_method":"{method}","valuation_scope":"{scope}"}}"#
    );
    let mut book = Book::new(BookConfig::from_json(&config).unwrap()).unwrap();
    let start = landed::parse_date("2025-06-01").unwrap();
    let mut n = 0;
    for loc in LOCATIONS {
        run(
            &mut book,
            &mut n,
            "2025-06-01",
            Command::DefineLocation(location(loc, LocationKind::Own)),
        );
    }
    run(
        &mut book,
        &mut n,
        "2025-06-01",
        Command::DefineSku(sku("LAMP")),
    );
    let mut tea = sku("TEA");
    tea.lot_tracked = true;
    run(&mut book, &mut n, "2025-06-01", Command::DefineSku(tea));
    let mut today = 0;
    for (i, (op, gap)) in ops.iter().enumerate() {
        today += gap;
        let on = day(start, today);
        let command = match *op {
            Op::Receive(u, cents, lot) => {
                let cost = format!("{}.{:02}", cents / 100, cents % 100);
                let mut command = receive(u.sku(), u.loc(), u.2, &cost, "USD");
                if let (Command::Receive(r), "TEA") = (&mut command, u.sku()) {
                    r.lot = Some(LOTS[lot].0.into());
                    r.expiry = Some(landed::parse_date(LOTS[lot].1).unwrap());
                }
                command
            }
            Op::Sell(u) => issue(u.sku(), u.loc(), u.2),
            Op::Move(u, bucket) => {
                move_units(u.sku(), u.loc(), u.2, Bucket::Available, BUCKETS[bucket])
            }
            Op::Transfer(u, to, eta, received) => {
                let (t, sku, from, to, qty) =
                    (format!("T-{i}"), u.sku(), u.loc(), LOCATIONS[to], u.2);
                let steps = [
                    format!(
                        r#"{{"type":"create_transfer","transfer":"{t}","source":"{from}","destination":"{to}","lines":[{{"sku":"{sku}","quantity":{qty}}}]}}"#
                    ),
                    format!(r#"{{"type":"approve_transfer","transfer":"{t}"}}"#),
                    format!(
                        r#"{{"type":"ship_transfer","transfer":"{t}","shipment":{{"eta":"{}"}}}}"#,
                        day(start, today + eta)
                    ),
                ];
                for text in &steps {
                    run(&mut book, &mut n, &on, json(text));
                }
                if !received {
                    continue;
                }
                today += 1;
                json(&format!(
                    r#"{{"type":"receive_transfer","transfer":"{t}","lines":[{{"line":1,"accepted":{qty}}}]}}"#
                ))
            }
        };
        run(&mut book, &mut n, &day(start, today), command);
    }
    book
}

fn add(sum: &Money, other: &Money) -> Money {
    sum.checked_add(other).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn aging_accounts_for_every_valued_unit_and_stock_by_location_for_every_bucket(
        ops in prop::collection::vec((op(), 0..120i64), 1..30),
        fifo in any::<bool>(),
        company in any::<bool>(),
        as_of_day in 0..1200i64,
    ) {
        let book = book(fifo, company, &ops);
        let usd = book.config().functional_currency;
        let as_of = landed::parse_date("2025-06-01").unwrap() + chrono::Duration::days(as_of_day);

        // Aging: per pool, buckets + undated − negative stock = the units
        // carrying value at the scope's locations; values likewise.
        let aging = book.inventory_aging(&InventoryAgingQuery::new(as_of)).unwrap();
        let valuation = book.valuation(None).unwrap();
        for line in &aging.lines {
            let units: i64 = line.buckets.all().iter().map(|a| a.units).sum::<i64>() - line.negative_stock.units;
            let value = line.buckets.all().iter().fold(Money::zero(usd), |s, a| add(&s, &a.value))
                .checked_sub(&line.negative_stock.value).unwrap();
            prop_assert_eq!(units, line.units);
            prop_assert_eq!(&value, &line.value);
            let in_scope: Vec<_> = valuation.iter().filter(|v| v.sku == line.sku && v.scope == line.scope).collect();
            prop_assert_eq!(units, in_scope.iter().map(|v| v.quantity).sum::<i64>());
            let scope_value = in_scope.iter().fold(Money::zero(usd), |s, v| add(&s, &v.value));
            prop_assert_eq!(&value, &scope_value);
            if !fifo && line.sku == "LAMP" {
                // Moving average without lots: nothing is dated.
                prop_assert_eq!(line.buckets.undated.units, line.units + line.negative_stock.units);
            }
        }
        prop_assert_eq!(&aging.totals.value, &book.inventory_value());
        let scoped = aging.by_scope.values().fold(Money::zero(usd), |s, t| add(&s, &t.value));
        prop_assert_eq!(&scoped, &aging.totals.value);

        // Stock by location: bucket by bucket the per-SKU stock report.
        let stock = book.stock_by_location(&StockByLocationQuery::default()).unwrap();
        let mut expected: BTreeMap<(String, String), [i64; 10]> = BTreeMap::new();
        for sku in SKUS {
            for p in book.stock(sku).unwrap().positions {
                let row = expected.entry((p.sku.clone(), p.location.clone())).or_default();
                for (slot, bucket) in row.iter_mut().zip(Bucket::ALL) {
                    *slot += p.quantities.get(bucket);
                }
            }
        }
        expected.retain(|_, row| row.iter().any(|q| *q != 0));
        let got: BTreeMap<(String, String), [i64; 10]> = stock.lines.iter()
            .filter(|l| Bucket::ALL.iter().any(|b| l.quantities.get(*b) != 0))
            .map(|l| ((l.sku.clone(), l.location.clone()), Bucket::ALL.map(|b| l.quantities.get(b))))
            .collect();
        prop_assert_eq!(got, expected);
        for line in &stock.lines {
            let v = valuation.iter().find(|v| v.sku == line.sku && v.location == line.location);
            prop_assert_eq!(v.map(|v| v.value).unwrap_or(Money::zero(usd)), line.value);
        }
        for total in &stock.locations {
            let lines: Vec<_> = stock.lines.iter().filter(|l| l.location == total.location).collect();
            prop_assert_eq!(total.on_hand, lines.iter().map(|l| l.on_hand).sum::<i64>());
            for bucket in Bucket::ALL {
                prop_assert_eq!(total.quantities.get(bucket), lines.iter().map(|l| l.quantities.get(bucket)).sum::<i64>());
            }
        }
        prop_assert_eq!(stock.on_hand, stock.locations.iter().map(|l| l.on_hand).sum::<i64>());
        prop_assert_eq!(&stock.value, &book.inventory_value());

        // Alerts: sorted, and within what the book holds.
        let alerts = book.inventory_alerts(&InventoryAlertsQuery::new(as_of)).unwrap().alerts;
        for pair in alerts.windows(2) {
            prop_assert!(pair[0].kind <= pair[1].kind);
        }
        for alert in &alerts {
            prop_assert!(alert.units > 0);
            match alert.kind {
                InventoryAlertKind::LotExpired | InventoryAlertKind::LotNearExpiry => {
                    let location = alert.location.as_deref().unwrap();
                    let on_hand = book.position(&alert.sku, location, alert.lot.as_deref()).unwrap().on_hand;
                    prop_assert_eq!(alert.units, on_hand);
                    prop_assert_eq!(alert.kind == InventoryAlertKind::LotExpired, alert.days_to_expiry.unwrap() < 0);
                }
                InventoryAlertKind::AgedStock => {
                    prop_assert!(alert.age_days.unwrap() > 365);
                    let line = aging.lines.iter().find(|l| Some(&l.scope) == alert.scope.as_ref() && l.sku == alert.sku).unwrap();
                    prop_assert!(alert.units <= line.buckets.days_over_365.units);
                }
                InventoryAlertKind::TransferLate => {
                    prop_assert!(alert.days_late.unwrap() > 0);
                    let t = book.transfer(alert.transfer.as_deref().unwrap()).unwrap();
                    prop_assert_eq!(alert.units, t.lines.iter().map(|l| l.in_transit()).sum::<i64>());
                }
            }
        }
    }
}
