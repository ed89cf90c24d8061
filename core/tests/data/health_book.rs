// The health book of the inventory-health worked example
// (`docs/planning.md`, `core/tests/health.rs`), through the public API
// only; `tests/data/health-book.json` holds the same commands for the
// bindings' tests. A USD book valued FIFO: LAMP received at DE on
// 2025-11-01 (20 at 1.50) and at SZ on 2026-01-10 (100 at 2.00),
// 2026-06-01 (50 at 2.20), 2026-09-01 (5 at 3.00) and 2026-09-02 (10 at
// 3.00); 30 sold at SZ on 2026-06-05; transfer T-2 (5, SZ to DE) shipped
// and received in October; a lot-tracked SERUM received at SZ on
// 2026-11-01 in lots L0 (4, expiring 2026-11-15), L1 (10, 2026-12-20) and
// L2 (6, 2027-06-01); transfer T-1 (10 lamps, SZ to DE) shipped on
// 2026-11-20 with an ETA of 2026-11-25 and not received.

#[allow(dead_code)]
fn health_commands() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        (
            "2025-10-01",
            "loc-SZ",
            r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
        ),
        (
            "2025-10-01",
            "loc-DE",
            r#"{"type":"define_location","code":"DE","name":"Leipzig","kind":"third_party"}"#,
        ),
        (
            "2025-10-01",
            "sku-LAMP",
            r#"{"type":"define_sku","code":"LAMP","name":"Lamp"}"#,
        ),
        (
            "2025-10-01",
            "sku-SERUM",
            r#"{"type":"define_sku","code":"SERUM","name":"Serum","lot_tracked":true}"#,
        ),
        (
            "2025-11-01",
            "r-de",
            r#"{"type":"receive","sku":"LAMP","location":"DE","quantity":20,"unit_cost":{"amount":"1.50","currency":"USD"}}"#,
        ),
        (
            "2026-01-10",
            "r-1",
            r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":100,"unit_cost":{"amount":"2.00","currency":"USD"}}"#,
        ),
        (
            "2026-06-01",
            "r-2",
            r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":50,"unit_cost":{"amount":"2.20","currency":"USD"}}"#,
        ),
        (
            "2026-06-05",
            "sale",
            r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":30,"reason":"sale"}"#,
        ),
        (
            "2026-09-01",
            "r-3",
            r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":5,"unit_cost":{"amount":"3.00","currency":"USD"}}"#,
        ),
        (
            "2026-09-02",
            "r-4",
            r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":10,"unit_cost":{"amount":"3.00","currency":"USD"}}"#,
        ),
        (
            "2026-10-01",
            "T-2/create",
            r#"{"type":"create_transfer","transfer":"T-2","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":5}]}"#,
        ),
        (
            "2026-10-01",
            "T-2/approve",
            r#"{"type":"approve_transfer","transfer":"T-2"}"#,
        ),
        (
            "2026-10-01",
            "T-2/ship",
            r#"{"type":"ship_transfer","transfer":"T-2","shipment":{"eta":"2026-10-10"}}"#,
        ),
        (
            "2026-10-12",
            "T-2/receive",
            r#"{"type":"receive_transfer","transfer":"T-2","lines":[{"line":1,"accepted":5}]}"#,
        ),
        (
            "2026-11-01",
            "s-0",
            r#"{"type":"receive","sku":"SERUM","location":"SZ","quantity":4,"lot":"L0","expiry":"2026-11-15","unit_cost":{"amount":"5.00","currency":"USD"}}"#,
        ),
        (
            "2026-11-01",
            "s-1",
            r#"{"type":"receive","sku":"SERUM","location":"SZ","quantity":10,"lot":"L1","expiry":"2026-12-20","unit_cost":{"amount":"5.00","currency":"USD"}}"#,
        ),
        (
            "2026-11-01",
            "s-2",
            r#"{"type":"receive","sku":"SERUM","location":"SZ","quantity":6,"lot":"L2","expiry":"2027-06-01","unit_cost":{"amount":"5.00","currency":"USD"}}"#,
        ),
        (
            "2026-11-20",
            "T-1/create",
            r#"{"type":"create_transfer","transfer":"T-1","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":10}]}"#,
        ),
        (
            "2026-11-20",
            "T-1/approve",
            r#"{"type":"approve_transfer","transfer":"T-1"}"#,
        ),
        (
            "2026-11-20",
            "T-1/ship",
            r#"{"type":"ship_transfer","transfer":"T-1","shipment":{"carrier":"COSCO","eta":"2026-11-25"}}"#,
        ),
    ]
}

#[allow(dead_code)]
fn health_book() -> landed::Result<landed::Book> {
    let config = r#"{"functional_currency":"USD","valuation_method":"fifo"}"#;
    let mut book = landed::Book::new(landed::BookConfig::from_json(config)?)?;
    for (day, id, json) in health_commands() {
        let context = landed::Context::from_json(&format!(
            r#"{{"at":"{day}T09:00:00Z","command_id":"{id}"}}"#
        ))?;
        book.execute(landed::Command::from_json(json)?, &context)?;
    }
    Ok(book)
}
