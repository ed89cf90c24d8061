// A small selling book for examples and tests (public API only): a USD
// book with a 3PL in Los Angeles (3 lamps at 8.00), the home warehouse in
// Shenzhen (10 lamps at 7.00, 50 bulbs at 0.50) and an FBA location (4
// lamps at 9.00); a Shopify channel routing US orders to Los Angeles first,
// then Shenzhen, splitting lines; order 1001 (5 lamps at 25.00, split 3 +
// 2) and order 1002 (a listing the channel does not know).

#[allow(dead_code)]
fn sales_commands() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("2026-11-01", "loc-LA", r#"{"type":"define_location","code":"LA","name":"3PL Los Angeles","kind":"third_party","country":"US"}"#),
        ("2026-11-01", "loc-SZ", r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own","country":"CN"}"#),
        ("2026-11-01", "loc-FBA", r#"{"type":"define_location","code":"FBA-US","name":"Amazon US","kind":"fba","country":"US"}"#),
        ("2026-11-01", "sku-LAMP", r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#),
        ("2026-11-01", "sku-BULB", r#"{"type":"define_sku","code":"BULB","name":"LED bulb"}"#),
        ("2026-11-01", "bundle", r#"{"type":"define_bundle","code":"DESK-SET","name":"Lamp and two bulbs","components":[{"sku":"LAMP","quantity":1},{"sku":"BULB","quantity":2}]}"#),
        ("2026-11-02", "grn-LA", r#"{"type":"receive","sku":"LAMP","location":"LA","quantity":3,"unit_cost":{"amount":"8.00","currency":"USD"}}"#),
        ("2026-11-02", "grn-SZ", r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":10,"unit_cost":{"amount":"7.00","currency":"USD"}}"#),
        ("2026-11-02", "grn-BULB", r#"{"type":"receive","sku":"BULB","location":"SZ","quantity":50,"unit_cost":{"amount":"0.50","currency":"USD"}}"#),
        ("2026-11-02", "grn-FBA", r#"{"type":"receive","sku":"LAMP","location":"FBA-US","quantity":4,"unit_cost":{"amount":"9.00","currency":"USD"}}"#),
        ("2026-11-03", "channel", r#"{"type":"define_channel","code":"shop-us","name":"Shopify US","kind":"shopify","currency":"USD","split_lines":true,
            "locations":[{"location":"LA","country":"US"},{"location":"SZ"}]}"#),
        ("2026-11-03", "listing-lamp", r#"{"type":"define_listing","channel":"shop-us","listing":"lamp-black","sku":"LAMP"}"#),
        ("2026-11-03", "listing-set", r#"{"type":"define_listing","channel":"shop-us","listing":"desk-set","bundle":"DESK-SET"}"#),
        ("2026-11-20", "order-1001", r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1001","date":"2026-11-20","ship_to_country":"US",
            "lines":[{"line":"1","listing":"lamp-black","quantity":5,"unit_price":"25.00","shipping":"5.00","tax":"8.00"}]}"#),
        ("2026-11-20", "order-1002", r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1002","date":"2026-11-20",
            "lines":[{"line":"1","listing":"mug","quantity":1,"unit_price":"12.00"}]}"#),
    ]
}

#[allow(dead_code)]
fn sales_book() -> landed::Result<landed::Book> {
    let mut book = landed::Book::new(landed::BookConfig::from_json(r#"{"functional_currency":"USD"}"#)?)?;
    for (day, id, json) in sales_commands() {
        book.execute(landed::Command::from_json(json)?, &ctx(day, id)?)?;
    }
    Ok(book)
}

#[allow(dead_code)]
fn ctx(day: &str, command_id: &str) -> landed::Result<landed::Context> {
    landed::Context::from_json(&format!(
        r#"{{"at":"{day}T09:00:00Z","command_id":"{command_id}"}}"#
    ))
}

// The lines an outcome posted, as (account, debit, credit).
#[allow(dead_code)]
fn sales_posted(outcome: &landed::book::Outcome) -> Vec<(String, String, String)> {
    outcome
        .events
        .iter()
        .filter_map(|record| match &record.event {
            landed::Event::JournalPosted(entry) => Some(entry),
            _ => None,
        })
        .flat_map(|entry| &entry.lines)
        .map(|line| (line.account.to_string(), line.debit.to_string(), line.credit.to_string()))
        .collect()
}
