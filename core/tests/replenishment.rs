//! Replenishment: the worked example of `docs/planning.md` on the book of
//! `tests/data/replenishment-book.json` (demand from sales events, lead
//! times from purchase and transfer receipts, an FBA restock in cases, a
//! purchase suggestion from a host policy), the same plan from a replayed,
//! a restored and a log-less book, the history's bounds, and the refusals.

mod common;

use landed::report::{
    PlanningAlertKind, PlanningSource, Replenishment, ReplenishmentQuery, SuggestionKind,
    normal_quantile, safety_stock,
};
use landed::{Book, BookConfig, Command, Context, parse_date};

fn fixture() -> serde_json::Value {
    let text = include_str!("../../tests/data/replenishment-book.json");
    serde_json::from_str(text).unwrap()
}

fn book_with(config: &str) -> Book {
    let mut book = Book::new(BookConfig::from_json(config).unwrap()).unwrap();
    for step in fixture()["batch"].as_array().unwrap() {
        let command = Command::from_json(&step["command"].to_string()).unwrap();
        let context = Context::from_json(&step["context"].to_string()).unwrap();
        book.execute(command, &context).unwrap();
    }
    book
}

fn book() -> Book {
    book_with(&fixture()["config"].to_string())
}

/// The query of the worked example: ten days of demand, a case pack of 24
/// at FBA, and the host's forecast for SZ (10 a day, σ 3; 30 days of lead
/// time, σ 5; cases of 50, at least 200).
const QUERY: &str = r#"{"as_of":"2026-11-30","window_days":10,"policies":[
    {"sku":"LAMP","location":"FBA-US","case_pack":24},
    {"sku":"LAMP","location":"SZ","daily_demand":"10","daily_demand_deviation":"3",
     "lead_time_days":"30","lead_time_deviation_days":"5","case_pack":50,"min_order_quantity":200}]}"#;

fn plan(book: &Book) -> Replenishment {
    book.replenishment(&ReplenishmentQuery::from_json(QUERY).unwrap())
        .unwrap()
}

fn text(d: &impl ToString) -> String {
    d.to_string()
}

#[test]
fn safety_stock_at_95_percent_matches_the_hand_computation() {
    // z(0.95) = 1.644853… → 1.6449.
    let z = normal_quantile("0.95".parse().unwrap()).unwrap();
    assert_eq!(text(&z), "1.6449");
    // d = 10, σd = 3, L = 30, σL = 5:
    // L·σd² + d²·σL² = 270 + 2500 = 2770; √2770 = 52.6308; × 1.6449 = 86.572 → 87.
    let ss = safety_stock(
        z,
        "10".parse().unwrap(),
        "3".parse().unwrap(),
        "30".parse().unwrap(),
        "5".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(ss, 87);
    // A higher service level never asks for less.
    let z99 = normal_quantile("0.99".parse().unwrap()).unwrap();
    assert_eq!(text(&z99), "2.3263");
    let ss99 = safety_stock(
        z99,
        "10".parse().unwrap(),
        "3".parse().unwrap(),
        "30".parse().unwrap(),
        "5".parse().unwrap(),
    )
    .unwrap();
    // 2.3263 × 52.6308 = 122.43 → 123.
    assert_eq!(ss99, 123);
}

#[test]
fn fba_line_reads_demand_and_lead_time_from_the_book() {
    let plan = plan(&book());
    assert_eq!((plan.window_days, text(&plan.z)), (10, "1.6449".into()));
    let keys: Vec<_> = plan
        .lines
        .iter()
        .map(|l| (l.sku.as_str(), l.location.as_str()))
        .collect();
    assert_eq!(keys, [("LAMP", "FBA-US"), ("LAMP", "SZ")]);
    let fba = &plan.lines[0];

    // Sales 8, 12, 10, 10, 9, 11, 10, 10, 12, 8: mean 10, Σ(x − 10)² = 18,
    // sample deviation √(18 / 9) = 1.4142.
    assert_eq!(fba.demand.source, PlanningSource::SalesHistory);
    assert_eq!((fba.demand.days, fba.demand.units), (10, 100));
    assert_eq!(text(&fba.demand.daily_mean), "10.0000");
    assert_eq!(text(&fba.demand.daily_deviation), "1.4142");

    // Transfers from SZ took 28, 30 and 32 days: mean 30, deviation 2.
    let lead = fba.lead_time.as_ref().unwrap();
    assert_eq!(lead.source, PlanningSource::TransferHistory);
    assert_eq!((lead.from.as_deref(), lead.samples), (Some("SZ"), 3));
    assert_eq!(
        (text(&lead.mean_days), text(&lead.deviation_days)),
        ("30.00".into(), "2.00".into())
    );

    // SS = ⌈1.6449 × √(30 × 1.4142² + 10² × 2²)⌉ = ⌈1.6449 × 21.4476⌉ = ⌈35.279⌉ = 36.
    assert_eq!(fba.safety_stock, Some(36));
    assert_eq!(fba.reorder_point, Some(300 + 36));
    assert_eq!(fba.order_up_to, Some(370 + 36));

    // 250 at FBA and 100 in transit (T-4).
    assert_eq!(
        (fba.available, fba.on_hand, fba.in_transit, fba.position),
        (250, 250, 100, 350)
    );
    assert_eq!(
        fba.days_of_supply.map(|d| d.to_string()),
        Some("25.0".into())
    );
    assert_eq!(fba.stockout_on, Some(parse_date("2026-12-25").unwrap()));
    assert_eq!(fba.next_arrival, Some(parse_date("2026-12-28").unwrap()));

    // FBA restock: 60 days × 10 − 250 available − 0 inbound − 100 in transit = 250.
    assert_eq!(fba.fba_restock, Some(250));

    // 100 sold at 2.00 in ten days: 7,300.00 a year over 500.00 held.
    assert_eq!(text(&fba.window_cogs), "200.00 USD");
    assert_eq!(text(&fba.inventory_value), "500.00 USD");
    assert_eq!(
        fba.annual_turnover.map(|d| d.to_string()),
        Some("14.60".into())
    );
    assert_eq!(
        fba.days_of_inventory.map(|d| d.to_string()),
        Some("25.0".into())
    );
}

#[test]
fn suggestions_come_in_whole_cases_with_their_likely_cost() {
    let plan = plan(&book());
    assert_eq!(plan.suggestions.len(), 2);

    // FBA: 250 needed, 11 cases of 24 = 264, sent from SZ (300 available)
    // at SZ's unit cost.
    let send = &plan.suggestions[0];
    assert_eq!(send.kind, SuggestionKind::Transfer);
    assert_eq!(
        (send.location.as_str(), send.from.as_deref()),
        ("FBA-US", Some("SZ"))
    );
    assert_eq!((send.needed, send.quantity, send.case_pack), (250, 264, 24));
    assert_eq!(send.source_available, Some(300));
    assert_eq!(
        send.likely_unit_cost.as_ref().map(text),
        Some("2.0000 USD".into())
    );
    assert_eq!(
        send.likely_value.as_ref().map(text),
        Some("528.00 USD".into())
    );

    // SZ, on the host's forecast: SS 87, ROP 387; 300 held is below it, so
    // order up to ⌈10 × 37⌉ + 87 = 457: 157 needed, raised to the minimum
    // of 200 (four cases of 50), bought from F1, the SKU's latest supplier.
    let sz = &plan.lines[1];
    assert_eq!(sz.demand.source, PlanningSource::Policy);
    assert_eq!((sz.demand.units, sz.demand.days), (0, 10));
    assert_eq!(
        (sz.safety_stock, sz.reorder_point, sz.order_up_to),
        (Some(87), Some(387), Some(457))
    );
    assert_eq!(
        sz.lead_time.as_ref().map(|l| l.source),
        Some(PlanningSource::Policy)
    );
    assert_eq!(sz.fba_restock, None);
    let buy = &plan.suggestions[1];
    assert_eq!(buy.kind, SuggestionKind::Purchase);
    assert_eq!(
        (buy.location.as_str(), buy.from.as_deref()),
        ("SZ", Some("F1"))
    );
    assert_eq!(
        (buy.needed, buy.quantity, buy.min_order_quantity),
        (157, 200, 200)
    );
    assert_eq!(
        buy.likely_value.as_ref().map(text),
        Some("400.00 USD".into())
    );
}

#[test]
fn alerts_arrivals_and_profit_beside_days_of_supply() {
    let plan = plan(&book());
    let alerts: Vec<_> = plan
        .alerts
        .iter()
        .map(|a| (a.kind, a.location.as_str()))
        .collect();
    // SZ at or below its reorder point; FBA runs out on 25 December, three
    // days before T-4's ETA.
    assert_eq!(
        alerts,
        [
            (PlanningAlertKind::BelowReorderPoint, "SZ"),
            (PlanningAlertKind::StockoutBeforeArrival, "FBA-US")
        ]
    );

    // T-4 shipped on 15 November: 30 days of lead time expect it on
    // 15 December; the carrier says 28 December, 13 days beyond.
    assert_eq!(plan.arrivals.len(), 1);
    let t4 = &plan.arrivals[0];
    assert_eq!((t4.document.as_str(), t4.units), ("T-4", 100));
    assert_eq!(
        t4.expected_by_lead_time,
        Some(parse_date("2026-12-15").unwrap())
    );
    assert_eq!(t4.days_beyond_lead_time, Some(13));

    // LAMP: 550 available over 20 a day (10 at FBA, 10 forecast at SZ).
    let lamp = &plan.skus[0];
    assert_eq!((lamp.sku.as_str(), lamp.available), ("LAMP", 550));
    assert_eq!(
        lamp.days_of_supply.map(|d| d.to_string()),
        Some("27.5".into())
    );
    let profit = lamp.profit_in_window.as_ref().unwrap();
    assert_eq!(text(&profit.cogs), "200.00");
}

#[test]
fn replayed_restored_and_log_less_books_plan_the_same() {
    let live = book();
    let expected = serde_json::to_string(&plan(&live)).unwrap();

    let replayed = Book::replay(live.config().clone(), live.events().iter().cloned()).unwrap();
    assert_eq!(serde_json::to_string(&plan(&replayed)).unwrap(), expected);

    let text = serde_json::to_string(&live.snapshot()).unwrap();
    let restored = Book::restore(landed::Snapshot::from_json(&text).unwrap()).unwrap();
    assert_eq!(serde_json::to_string(&plan(&restored)).unwrap(), expected);
    assert_eq!(restored.sales_history(), live.sales_history());

    // A book that keeps no log plans the same; only the profit, read from
    // the journal, is missing.
    let log_less = book_with(r#"{"functional_currency":"USD","keep_events":false}"#);
    let mut without = plan(&log_less);
    assert!(without.skus[0].profit_in_window.is_none());
    without.skus[0].profit_in_window = plan(&live).skus[0].profit_in_window.clone();
    assert_eq!(serde_json::to_string(&without).unwrap(), expected);
}

#[test]
fn the_history_keeps_a_bounded_number_of_days() {
    let mut book =
        Book::new(BookConfig::from_json(r#"{"functional_currency":"USD"}"#).unwrap()).unwrap();
    common::run_json(
        &mut book,
        "2025-01-01",
        "loc",
        r#"{"type":"define_location","code":"LA","name":"LA","kind":"third_party"}"#,
    );
    common::run_json(
        &mut book,
        "2025-01-01",
        "sku",
        r#"{"type":"define_sku","code":"CUP","name":"Cup"}"#,
    );
    common::run_json(
        &mut book,
        "2025-01-01",
        "in",
        r#"{"type":"receive","sku":"CUP","location":"LA","quantity":1000,"unit_cost":{"amount":"1.00","currency":"USD"}}"#,
    );
    let start = parse_date("2025-01-01").unwrap();
    for n in 0..600u64 {
        let day = (start + chrono::Days::new(n)).to_string();
        common::run_json(
            &mut book,
            &day,
            &format!("s{n}"),
            r#"{"type":"issue","sku":"CUP","location":"LA","quantity":1,"reason":"sale"}"#,
        );
    }
    let days = book.sales_history().daily_sales("CUP", "LA");
    // The newest day and the 400 before it.
    assert_eq!(days.len(), 401);
    assert_eq!(days[0].date, start + chrono::Days::new(199));
    // Issues for another reason (a disposal) are not demand.
    common::run_json(
        &mut book,
        "2026-08-24",
        "scrap",
        r#"{"type":"issue","sku":"CUP","location":"LA","quantity":5,"reason":"disposal"}"#,
    );
    assert_eq!(
        book.sales_history()
            .daily_sales("CUP", "LA")
            .last()
            .map(|d| d.units),
        Some(1)
    );
    // A full year window over one a day: mean 1, deviation 0.
    let query =
        ReplenishmentQuery::from_json(r#"{"as_of":"2026-08-23","window_days":365}"#).unwrap();
    let line = &book.replenishment(&query).unwrap().lines[0];
    assert_eq!((line.demand.days, line.demand.units), (365, 365));
    assert_eq!(
        (
            text(&line.demand.daily_mean),
            text(&line.demand.daily_deviation)
        ),
        ("1.0000".into(), "0.0000".into())
    );
    // No lead time known: no safety stock, no reorder point.
    assert_eq!((line.lead_time.is_none(), line.reorder_point), (true, None));
}

#[test]
fn malformed_queries_are_refused_naming_the_field() {
    let book = book();
    for (json, field) in [
        (r#"{"as_of":"2026-11-30","window_days":0}"#, "window_days"),
        (
            r#"{"as_of":"2026-11-30","service_level":"0.4"}"#,
            "service_level",
        ),
        (
            r#"{"as_of":"2026-11-30","service_level":0.95}"#,
            "service_level",
        ),
        (
            r#"{"as_of":"2026-11-30","service_level":"1e-1"}"#,
            "service_level",
        ),
        (r#"{"as_of":"2026-11-30","target_days":-1}"#, "target_days"),
        (r#"{"as_of":"2026-11-30","horizon":7}"#, "horizon"),
        (r#"{"as_of":"2026-11-31"}"#, "as_of"),
        (
            r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"SZ","case_pack":0}]}"#,
            "case_pack",
        ),
        (
            r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"SZ","lead_time_days":"-3"}]}"#,
            "lead_time_days",
        ),
        (
            r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"SZ","pack":6}]}"#,
            "pack",
        ),
        (
            r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"SZ","transfer_from":"SZ"}]}"#,
            "transfer_from",
        ),
    ] {
        let err = ReplenishmentQuery::from_json(json)
            .and_then(|q| book.replenishment(&q))
            .unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND", "{json}");
        assert!(err.to_string().contains(field), "{json}: {err}");
    }
    for (json, code) in [
        (r#"{"as_of":"2026-11-30","skus":["BULB"]}"#, "UNKNOWN_SKU"),
        (
            r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"XX"}]}"#,
            "UNKNOWN_LOCATION",
        ),
        (
            r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"SZ","transfer_from":"XX"}]}"#,
            "UNKNOWN_LOCATION",
        ),
        (
            r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"SZ","supplier":"F9"}]}"#,
            "INVALID_COMMAND",
        ),
    ] {
        let err = ReplenishmentQuery::from_json(json)
            .and_then(|q| book.replenishment(&q))
            .unwrap_err();
        assert_eq!(err.code(), code, "{json}");
    }
}
