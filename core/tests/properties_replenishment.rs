//! Property tests of replenishment over random daily sales at an FBA
//! location and a warehouse, random stock, transfers in transit and random
//! host policies:
//!
//! * demand is what was sold in the window: its units add up, its mean is
//!   units ÷ days observed to 4 places;
//! * safety stock ≥ 0, reorder point ≥ safety stock, order-up-to ≥ reorder
//!   point, and a higher service level never asks for less safety stock;
//! * an FBA restock brings available + inbound + in transit exactly to the
//!   target cover when it is positive, and is never negative;
//! * a suggestion is whole cases, covers what is needed and the minimum,
//!   and is less than a case above the larger of the two;
//! * a replayed book and a restored snapshot plan byte for byte the same.

mod common;

use common::{day_context, issue, location, receive, sku};
use landed::catalog::LocationKind;
use landed::report::{Replenishment, ReplenishmentPolicy, ReplenishmentQuery, SuggestionKind};
use landed::{Book, BookConfig, Command, Decimal, NaiveDate};
use proptest::prelude::*;

fn start() -> NaiveDate {
    landed::parse_date("2026-09-01").unwrap()
}

fn day(n: u64) -> String {
    (start() + chrono::Days::new(n)).to_string()
}

/// A book with SZ (own) and FBA (fba): `stock` units received at SZ, a
/// transfer of `shipped` units to FBA received after `lead` days, another
/// of `at_sea` units left in transit, then one sale a day per entry of
/// `fba_sales` at FBA and of `sz_sales` at SZ.
fn book(
    stock: i64,
    shipped: i64,
    lead: u64,
    at_sea: i64,
    fba_sales: &[i64],
    sz_sales: &[i64],
) -> Book {
    let mut book =
        Book::new(BookConfig::from_json(r#"{"functional_currency":"USD"}"#).unwrap()).unwrap();
    let mut n = 0;
    let mut run = |book: &mut Book, on: &str, command: Command| {
        n += 1;
        book.execute(command, &day_context(on, &format!("c{n}")))
            .unwrap();
    };
    let first = day(0);
    run(
        &mut book,
        &first,
        Command::DefineLocation(location("SZ", LocationKind::Own)),
    );
    run(
        &mut book,
        &first,
        Command::DefineLocation(location("FBA", LocationKind::Fba)),
    );
    run(&mut book, &first, Command::DefineSku(sku("LAMP")));
    run(
        &mut book,
        &first,
        receive("LAMP", "SZ", stock, "3.00", "USD"),
    );
    for (transfer, units, received) in [("T-1", shipped, true), ("T-2", at_sea, false)] {
        if units == 0 {
            continue;
        }
        for json in [
            format!(
                r#"{{"type":"create_transfer","transfer":"{transfer}","source":"SZ","destination":"FBA","lines":[{{"sku":"LAMP","quantity":{units}}}]}}"#
            ),
            format!(r#"{{"type":"approve_transfer","transfer":"{transfer}"}}"#),
            format!(
                r#"{{"type":"ship_transfer","transfer":"{transfer}","shipment":{{"eta":"{}"}}}}"#,
                day(lead + 2)
            ),
        ] {
            run(&mut book, &first, Command::from_json(&json).unwrap());
        }
        if received {
            let json = format!(
                r#"{{"type":"receive_transfer","transfer":"{transfer}","lines":[{{"line":1,"accepted":{units}}}]}}"#
            );
            run(&mut book, &day(lead), Command::from_json(&json).unwrap());
        }
    }
    let sales_from = lead + 1;
    for (location, sales) in [("FBA", fba_sales), ("SZ", sz_sales)] {
        for (i, units) in sales.iter().enumerate() {
            if *units > 0 {
                run(
                    &mut book,
                    &day(sales_from + i as u64),
                    issue("LAMP", location, *units),
                );
            }
        }
    }
    book
}

fn query(
    as_of: NaiveDate,
    window: i64,
    level: &str,
    policies: Vec<ReplenishmentPolicy>,
) -> ReplenishmentQuery {
    let mut q = ReplenishmentQuery::new(as_of);
    q.window_days = Some(window);
    q.service_level = Some(level.parse().unwrap());
    q.default_lead_time_days = Some(Decimal::from(20));
    q.policies = policies;
    q
}

fn json(plan: &Replenishment) -> String {
    serde_json::to_string(plan).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn replenishment_figures_keep_their_invariants(
        fba_sales in proptest::collection::vec(0i64..40, 1..40),
        sz_sales in proptest::collection::vec(0i64..10, 0..20),
        lead in 1u64..40,
        at_sea in 0i64..60,
        window in 1i64..60,
        case_pack in 1i64..30,
        moq in 0i64..300,
        forecast in proptest::option::of(0i64..30),
        target in proptest::option::of(0i64..120),
    ) {
        let sold: i64 = fba_sales.iter().sum::<i64>() + sz_sales.iter().sum::<i64>();
        let shipped = fba_sales.iter().sum::<i64>() + 5;
        let book = book(sold + at_sea + 50, shipped, lead, at_sea, &fba_sales, &sz_sales);
        let as_of = start() + chrono::Days::new(lead + fba_sales.len().max(sz_sales.len()) as u64);
        let mut fba = ReplenishmentPolicy::new("LAMP", "FBA");
        fba.case_pack = Some(case_pack);
        fba.min_order_quantity = Some(moq);
        fba.target_days = target;
        let mut sz = ReplenishmentPolicy::new("LAMP", "SZ");
        sz.case_pack = Some(case_pack);
        sz.daily_demand = forecast.map(Decimal::from);
        let policies = vec![fba, sz];
        let plan = book.replenishment(&query(as_of, window, "0.9", policies.clone())).unwrap();
        let strict = book.replenishment(&query(as_of, window, "0.99", policies.clone())).unwrap();

        // Demand is what was sold in the window.
        let window_start = as_of - chrono::Days::new(window as u64 - 1);
        let fba_line = plan.lines.iter().find(|l| l.location == "FBA").unwrap();
        let expected: i64 = fba_sales.iter().enumerate()
            .filter(|(i, _)| start() + chrono::Days::new(lead + 1 + *i as u64) >= window_start)
            .map(|(_, u)| *u)
            .sum();
        prop_assert_eq!(fba_line.demand.units, expected);
        if fba_line.demand.days > 0 {
            let mean = Decimal::from(expected) / Decimal::from(fba_line.demand.days);
            prop_assert_eq!(fba_line.demand.daily_mean, mean.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
        }
        prop_assert!(fba_line.demand.days <= window);

        for (line, stricter) in plan.lines.iter().zip(&strict.lines) {
            let (ss, rop, top) = (line.safety_stock.unwrap(), line.reorder_point.unwrap(), line.order_up_to.unwrap());
            prop_assert!(ss >= 0 && rop >= ss && top >= rop, "{ss} {rop} {top}");
            prop_assert!(stricter.safety_stock.unwrap() >= ss);
            prop_assert_eq!(line.position, line.available + line.receiving + line.in_transit + line.on_order);
            if let Some(restock) = line.fba_restock {
                prop_assert!(restock >= 0);
                let cover = (line.demand.daily_mean * Decimal::from(target.unwrap_or(60))).ceil();
                let held = line.available + line.receiving + line.on_order + line.in_transit;
                if restock > 0 {
                    prop_assert_eq!(Decimal::from(held + restock), cover);
                } else {
                    prop_assert!(Decimal::from(held) >= cover);
                }
            }
        }
        prop_assert_eq!(fba_line.in_transit, at_sea);

        for s in &plan.suggestions {
            let floor = s.needed.max(s.min_order_quantity);
            prop_assert_eq!(s.quantity % s.case_pack, 0);
            prop_assert!(s.quantity >= floor && s.quantity - floor < s.case_pack);
            if s.location == "FBA" {
                prop_assert_eq!(s.kind, SuggestionKind::Transfer);
                prop_assert_eq!(s.from.as_deref(), Some("SZ"));
            }
        }

        // Replay and restore plan the same, byte for byte.
        let replayed = Book::replay(book.config().clone(), book.events().iter().cloned()).unwrap();
        let again = replayed.replenishment(&query(as_of, window, "0.9", policies.clone())).unwrap();
        prop_assert_eq!(json(&again), json(&plan));
        let text = serde_json::to_string(&book.snapshot()).unwrap();
        let restored = Book::restore(landed::Snapshot::from_json(&text).unwrap()).unwrap();
        let again = restored.replenishment(&query(as_of, window, "0.9", policies)).unwrap();
        prop_assert_eq!(json(&again), json(&plan));
    }
}
