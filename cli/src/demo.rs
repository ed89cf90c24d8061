//! `landed demo`: a deterministic quarter of a cross-border seller.
//!
//! A seller in Shenzhen keeps its books in CNY. From 2026-08-10 to
//! 2026-10-30 (the days of the embedded ECB sample) it buys 200 SKUs from
//! a Chinese factory in CNY and an export agent in USD, receives them in
//! its own warehouse, ships part by sea to Amazon FBA in the US (with
//! carrier milestones, two units short and three damaged), part by air to
//! Amazon FBA in Germany, and part by sea to a 3PL in Leipzig (still at sea
//! at the end), books inland trucking, the air freight, the late sea
//! freight and the US duty as landed cost, and sells on Amazon US (USD)
//! and Amazon DE (EUR) through the whole sales-order flow: orders
//! fulfilled by Amazon, returns and refunds, advertising and storage fees,
//! settlement reports every two weeks and their payouts through a payment
//! provider, each at the day's ECB rate against CNY.

use std::path::Path;

use landed::book::BatchMode;
use landed::chrono::{Datelike, Duration, Weekday};
use landed::{BookConfig, Command, Context, Currency, NaiveDate};
use serde_json::{Value, json};

use crate::{Failure, Outcome, ReportKind, create, out, outln, report};

const ECB: &str = include_str!("../../tests/data/ecb-sample.csv");
const SKUS: usize = 200;

/// A transfer of the demo: number, destination, carrier, SKU indexes,
/// creation day, ship day, ETA.
type Plan = (
    &'static str,
    &'static str,
    &'static str,
    Vec<usize>,
    &'static str,
    &'static str,
    &'static str,
);

/// A small deterministic pseudo-random sequence (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

struct Demo {
    commands: Vec<(Command, Context)>,
}

impl Demo {
    fn add(&mut self, id: &str, day: &str, value: Value) -> Outcome {
        let command = Command::from_json(&value.to_string())?;
        let context = Context::from_json(
            &json!({"at": format!("{day}T09:00:00Z"), "command_id": id}).to_string(),
        )?;
        self.commands.push((command, context));
        Ok(())
    }
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn sku(i: usize) -> String {
    format!("SKU-{:03}", i + 1)
}

/// A channel of the demo: code, name, currency, FBA location, order id
/// prefix, first selling day, the SKUs it lists and the units its FBA site
/// can sell of each.
struct Channel {
    code: &'static str,
    name: &'static str,
    currency: &'static str,
    fba: &'static str,
    prefix: &'static str,
    opens: NaiveDate,
    skus: Vec<usize>,
    sellable: Vec<u64>,
}

/// What a channel owes the seller since its last settlement report.
#[derive(Default)]
struct Unsettled {
    rows: Vec<Value>,
    net_cents: i64,
}

fn date(text: &str) -> Outcome<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| Failure::new(e.to_string()))
}

fn signed_money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}", money(cents.unsigned_abs()))
}

/// The selling half of the quarter, day by day: Amazon DE from the air
/// shipment's arrival, Amazon US from the sea shipment's, both fulfilled by
/// Amazon. Each weekday brings orders (shipped the same day, except the
/// last day's, which stay reserved), some come back a week later and are
/// refunded, Mondays bring an advertising fee, mid-October a storage fee,
/// and every second Wednesday a settlement report nets it all; its payout
/// reaches the bank through a payment provider two days later.
fn sell(d: &mut Demo, rng: &mut Lcg, plans: &[Plan; 3], shipped: &[Vec<u64>]) -> Outcome {
    let last = date("2026-10-30")?;
    let mut channels = [
        Channel {
            code: "amazon-us",
            name: "Amazon US",
            currency: "USD",
            fba: "FBA-US",
            prefix: "113",
            opens: date("2026-10-02")?,
            skus: plans[0].3.clone(),
            // Two units of the second line never arrived, three of the
            // fourth arrived crushed.
            sellable: shipped[0]
                .iter()
                .enumerate()
                .map(|(n, &q)| match n {
                    1 => q - 2,
                    3 => q - 3,
                    _ => q,
                })
                .collect(),
        },
        Channel {
            code: "amazon-de",
            name: "Amazon DE",
            currency: "EUR",
            fba: "FBA-DE",
            prefix: "302",
            opens: date("2026-09-09")?,
            skus: plans[1].3.clone(),
            sellable: shipped[1].clone(),
        },
    ];
    let day0 = "2026-08-10";
    for c in &channels {
        d.add(
            &format!("ch-{}", c.code),
            day0,
            json!({"type":"define_channel","code":c.code,"name":c.name,
            "kind":"amazon","currency":c.currency,"fba_location":c.fba}),
        )?;
        for &i in &c.skus {
            d.add(
                &format!("ls-{}-{}", c.code, sku(i)),
                day0,
                json!({"type":"define_listing","channel":c.code,
                "listing":format!("{}-{}", c.code, sku(i)),"sku":sku(i)}),
            )?;
        }
    }
    let price = |i: usize| 1299 + (i as u64 * 37) % 3000;
    let mut unsettled: Vec<Unsettled> = channels.iter().map(|_| Unsettled::default()).collect();
    // (due day, channel, order, sku index, unit price, grade)
    let mut returns: Vec<(NaiveDate, usize, String, usize, u64, &str)> = Vec::new();
    // (day, channel, settlement, net cents)
    let mut payouts: Vec<(NaiveDate, usize, String, i64)> = Vec::new();
    let mut orders = 0usize;
    let mut settlements = 0usize;
    let mut day = date("2026-09-09")?;
    while day <= last {
        let text = day.to_string();
        let weekday = day.weekday();
        let weekend = matches!(weekday, Weekday::Sat | Weekday::Sun);
        for (c, channel) in channels.iter_mut().enumerate() {
            if day < channel.opens || weekend {
                continue;
            }
            let u = &mut unsettled[c];
            // Returns due today: one unit of the order's line, refunded.
            for (_, _, order, i, unit, grade) in returns.iter().filter(|r| r.0 == day && r.1 == c) {
                d.add(&format!("{order}/return"), &text, json!({"type":"receive_sales_return","channel":channel.code,
                    "order":order,"line":"1","quantity":1,"grade":grade,"location":channel.fba,"rma":format!("RMA-{order}")}))?;
                if *grade == "sellable"
                    && let Some(n) = channel.skus.iter().position(|s| s == i)
                {
                    channel.sellable[n] += 1;
                }
                d.add(&format!("{order}/refund"), &text, json!({"type":"refund_sales_order","channel":channel.code,
                    "order":order,"refund":format!("R-{order}"),"lines":[{"line":"1","principal":money(*unit)}]}))?;
                u.rows.push(
                    json!({"kind":"refund","order":order,"amount":signed_money(-(*unit as i64))}),
                );
                u.net_cents -= *unit as i64;
            }
            // Advertising every Monday, September's storage in mid-October.
            let mut fees = Vec::new();
            if weekday == Weekday::Mon {
                fees.push((
                    format!("ADS-{}-{text}", channel.code),
                    "advertising",
                    4500 + rng.next(7500),
                ));
            }
            if day == date("2026-10-15")? {
                fees.push((
                    format!("STORAGE-{}-2026-09", channel.code),
                    "storage",
                    8640 + rng.next(4000),
                ));
            }
            for (fee, kind, cents) in fees {
                d.add(
                    &fee,
                    &text,
                    json!({"type":"record_channel_fee","channel":channel.code,"fee":fee,
                    "kind":kind,"date":text,"amount":money(cents)}),
                )?;
                u.rows.push(json!({"kind":"document","document":fee,"amount":signed_money(-(cents as i64))}));
                u.net_cents -= cents as i64;
            }
            let count = if c == 0 {
                4 + rng.next(5)
            } else {
                2 + rng.next(4)
            };
            for _ in 0..count {
                let mut lines = Vec::new();
                let mut first: Option<(usize, u64)> = None;
                let line_count = if rng.next(5) == 0 { 2 } else { 1 };
                for _ in 0..line_count {
                    let n = rng.next(channel.skus.len() as u64) as usize;
                    let quantity = if rng.next(4) == 0 { 2 } else { 1 };
                    let i = channel.skus[n];
                    if channel.sellable[n] < quantity || first.is_some_and(|(f, _)| f == i) {
                        continue;
                    }
                    channel.sellable[n] -= quantity;
                    first.get_or_insert((i, price(i)));
                    lines.push((i, quantity));
                }
                let Some((first_sku, first_price)) = first else {
                    continue;
                };
                orders += 1;
                let order = format!("{}-{:07}", channel.prefix, orders);
                let rows: Vec<Value> = lines
                    .iter()
                    .enumerate()
                    .map(|(n, &(i, quantity))| {
                        json!({
                    "line":(n + 1).to_string(),"listing":format!("{}-{}", channel.code, sku(i)),
                    "quantity":quantity,"unit_price":money(price(i))})
                    })
                    .collect();
                d.add(&format!("{order}/ingest"), &text, json!({"type":"ingest_sales_order","channel":channel.code,
                    "order":order,"date":text,"ship_to_country":&channel.fba[4..],"fulfilment":"channel","lines":rows}))?;
                if day == last {
                    continue;
                }
                d.add(
                    &format!("{order}/ship"),
                    &text,
                    json!({"type":"ship_sales_order","channel":channel.code,
                    "order":order,"shipment":format!("S-{order}")}),
                )?;
                let principal: u64 = lines.iter().map(|&(i, q)| price(i) * q).sum();
                let units: u64 = lines.iter().map(|&(_, q)| q).sum();
                let referral = principal * 15 / 100;
                let fulfilment = 350 * units;
                u.rows
                    .push(json!({"kind":"order","order":order,"amount":money(principal)}));
                u.rows.push(json!({"kind":"fee","fee":"referral","order":order,"amount":signed_money(-(referral as i64))}));
                u.rows.push(json!({"kind":"fee","fee":"fba_fulfilment","order":order,"amount":signed_money(-(fulfilment as i64))}));
                u.net_cents += principal as i64 - referral as i64 - fulfilment as i64;
                if orders.is_multiple_of(23) {
                    let grade = if orders.is_multiple_of(3) {
                        "damaged"
                    } else {
                        "sellable"
                    };
                    returns.push((
                        day + Duration::days(7),
                        c,
                        order.clone(),
                        first_sku,
                        first_price,
                        grade,
                    ));
                }
            }
            // A settlement report every second Wednesday from the
            // channel's opening, paid out on the Friday.
            let weeks_open = (day - channel.opens).num_days() / 7;
            if weekday == Weekday::Wed && weeks_open % 2 == 1 && !u.rows.is_empty() {
                settlements += 1;
                let settlement = format!("STL-{}-{settlements:02}", channel.code);
                let taken = std::mem::take(u);
                d.add(
                    &settlement,
                    &text,
                    json!({"type":"record_marketplace_settlement","channel":channel.code,
                    "settlement":settlement,"date":text,"rows":taken.rows}),
                )?;
                if taken.net_cents > 0 {
                    payouts.push((day + Duration::days(2), c, settlement, taken.net_cents));
                }
            }
        }
        // Payouts reach the bank through a payment provider that keeps 1 %.
        for (_, c, settlement, net) in payouts.iter().filter(|p| p.0 == day) {
            let fee = (net + 50) / 100;
            let currency = channels[*c].currency;
            d.add(&format!("PAY-{settlement}"), &text, json!({"type":"record_payment","date":text,
                "amount":{"amount":signed_money(net - fee),"currency":currency},
                "fee":{"amount":signed_money(fee),"currency":currency},
                "reference":format!("payout {settlement}"),"allocations":[{"document":settlement}]}))?;
        }
        day += Duration::days(1);
    }
    Ok(())
}

/// The demo's commands, in order.
pub fn commands() -> Outcome<(BookConfig, Vec<(Command, Context)>)> {
    let cny = Currency::from_code("CNY")?;
    let config = BookConfig::new(cny);
    let mut d = Demo {
        commands: Vec::new(),
    };
    let mut rng = Lcg(20260810);
    let day0 = "2026-08-10";
    for (code, name, kind, country) in [
        ("SZ", "Shenzhen warehouse", "own", "CN"),
        ("DE-3PL", "Leipzig 3PL", "third_party", "DE"),
        ("FBA-US", "Amazon FBA US", "fba", "US"),
        ("FBA-DE", "Amazon FBA DE", "fba", "DE"),
    ] {
        d.add(
            &format!("loc-{code}"),
            day0,
            json!({"type":"define_location","code":code,"name":name,"kind":kind,"country":country}),
        )?;
    }
    let categories = ["lighting", "kitchen", "outdoor", "pet", "office"];
    let mut weights = Vec::new();
    for i in 0..SKUS {
        let grams = 200 + rng.next(4800);
        weights.push(grams);
        let (l, w, h) = (10 + rng.next(50), 8 + rng.next(30), 3 + rng.next(25));
        let category = categories[i % categories.len()];
        d.add(
            &format!("sku-{}", sku(i)),
            day0,
            json!({
            "type":"define_sku","code":sku(i),"name":format!("{} item {}", category, i + 1),
            "weight_kg": format!("{}.{:03}", grams / 1000, grams % 1000),
            "dimensions_cm":{"length":l.to_string(),"width":w.to_string(),"height":h.to_string()},
            "category":category,"country_of_origin":"CN"}),
        )?;
    }
    d.add("sup-F-CN", day0, json!({"type":"define_supplier","code":"F-CN","name":"Dongguan Homewares","currency":"CNY","payment_terms_days":30}))?;
    d.add("sup-F-US", day0, json!({"type":"define_supplier","code":"F-US","name":"Ningbo Export Co.","currency":"USD","payment_terms_days":45}))?;
    // ECB rates for USD and EUR, each day of the sample.
    let rates = landed_connect::ecb::map_ecb(
        "ecb-sample.csv",
        ECB,
        cny,
        &[Currency::from_code("USD")?, Currency::from_code("EUR")?],
    )
    .map_err(|e| Failure::new(e.to_string()))?;
    d.commands
        .extend(rates.into_iter().map(|m| (m.command, m.context)));

    // Two purchase orders: SKUs 1–100 in CNY, 101–200 in USD.
    let mut ordered = vec![0u64; SKUS];
    for (po, supplier, range, currency, day, receipt, receipt_day) in [
        (
            "PO-2608-01",
            "F-CN",
            0..100,
            "CNY",
            "2026-08-10",
            "GRN-01",
            "2026-08-17",
        ),
        (
            "PO-2608-02",
            "F-US",
            100..200,
            "USD",
            "2026-08-11",
            "GRN-02",
            "2026-08-24",
        ),
    ] {
        let mut lines = Vec::new();
        let mut received = Vec::new();
        for (n, i) in range.enumerate() {
            let quantity = 100 + rng.next(200);
            ordered[i] = quantity;
            let price = if currency == "CNY" {
                1000 + rng.next(11000)
            } else {
                150 + rng.next(1600)
            };
            lines.push(json!({"sku":sku(i),"quantity":quantity,"unit_price":{"amount":money(price),"currency":currency},"destination":"SZ"}));
            received.push(json!({"line": n + 1, "quantity": quantity}));
        }
        d.add(&format!("{po}/create"), day, json!({"type":"create_purchase_order","po":po,"supplier":supplier,"date":day,"lines":lines}))?;
        d.add(
            &format!("{po}/confirm"),
            day,
            json!({"type":"confirm_purchase_order","po":po}),
        )?;
        d.add(
            &format!("{po}/{receipt}"),
            receipt_day,
            json!({"type":"receive_purchase_order","po":po,"receipt":receipt,"lines":received}),
        )?;
    }
    // Inland trucking to Shenzhen, by weight, on the CNY receipt.
    let targets: Vec<Value> = (1..=100)
        .map(|line| json!({"type":"receipt","receipt":"GRN-01","line":line}))
        .collect();
    d.add("LC-TRUCK-01", "2026-08-18", json!({"type":"apply_landed_cost","voucher":"LC-TRUCK-01","date":"2026-08-18",
        "charges":[{"description":"Inland trucking Dongguan-Shenzhen","kind":"freight","amount":{"amount":"3800.00","currency":"CNY"},"account":"2200","method":"weight"}],
        "targets":targets}))?;

    // Three transfers out of Shenzhen.
    let mut moved = vec![0u64; SKUS];
    let plans: [Plan; 3] = [
        (
            "T-SEA-01",
            "FBA-US",
            "COSCO",
            (0..SKUS).step_by(3).collect(),
            "2026-08-26",
            "2026-08-27",
            "2026-09-30",
        ),
        (
            "T-AIR-01",
            "FBA-DE",
            "DHL",
            (1..SKUS).step_by(6).collect(),
            "2026-09-01",
            "2026-09-02",
            "2026-09-08",
        ),
        (
            "T-SEA-02",
            "DE-3PL",
            "MSC",
            (2..SKUS).step_by(5).collect(),
            "2026-09-09",
            "2026-09-10",
            "2026-10-20",
        ),
    ];
    let mut shipped: Vec<Vec<u64>> = Vec::new();
    for (transfer, destination, carrier, skus, day, ship_day, eta) in &plans {
        let quantities: Vec<u64> = skus
            .iter()
            .map(|&i| {
                let quantity = (ordered[i] - moved[i]) * 2 / 5;
                moved[i] += quantity;
                quantity
            })
            .collect();
        let lines: Vec<Value> = skus
            .iter()
            .zip(&quantities)
            .map(|(&i, q)| json!({"sku": sku(i), "quantity": q}))
            .collect();
        shipped.push(quantities);
        d.add(&format!("{transfer}/create"), day, json!({"type":"create_transfer","transfer":transfer,"source":"SZ","destination":destination,"lines":lines,"carrier":carrier}))?;
        d.add(
            &format!("{transfer}/approve"),
            day,
            json!({"type":"approve_transfer","transfer":transfer}),
        )?;
        d.add(
            &format!("{transfer}/ship"),
            ship_day,
            json!({"type":"ship_transfer","transfer":transfer,
            "shipment":{"carrier":carrier,"tracking":format!("{carrier}-{transfer}"),"eta":eta}}),
        )?;
    }
    let milestone = |d: &mut Demo, transfer: &str, n: usize, kind: &str, day: &str, place: &str| {
        d.add(&format!("{transfer}/m{n}"), day, json!({"type":"record_milestone","document":transfer,
            "milestone":{"event_id":format!("{transfer}-{n}"),"milestone":kind,"at":format!("{day}T06:00:00Z"),"place":place}}))
    };
    milestone(&mut d, "T-SEA-01", 1, "departed", "2026-08-29", "Yantian")?;
    milestone(
        &mut d,
        "T-SEA-01",
        2,
        "arrived_port",
        "2026-09-25",
        "Long Beach",
    )?;
    milestone(
        &mut d,
        "T-SEA-01",
        3,
        "customs_cleared",
        "2026-09-27",
        "Long Beach",
    )?;
    milestone(&mut d, "T-SEA-01", 4, "delivered", "2026-09-30", "ONT8")?;
    milestone(
        &mut d,
        "T-AIR-01",
        1,
        "departed",
        "2026-09-03",
        "Shenzhen Bao'an",
    )?;
    milestone(&mut d, "T-AIR-01", 2, "delivered", "2026-09-08", "LEJ1")?;
    milestone(&mut d, "T-SEA-02", 1, "departed", "2026-09-12", "Yantian")?;
    // The sea shipment arrives two short on its second line and three
    // crushed on its fourth; the air shipment arrives whole.
    let sea_lines: Vec<Value> = shipped[0].iter().enumerate().map(|(n, &shipped)| {
        match n {
            1 => json!({"line": n + 1, "accepted": shipped - 2, "short": 2}),
            3 => json!({"line": n + 1, "accepted": shipped - 3, "damaged": 3, "damage_reason": "crushed carton"}),
            _ => json!({"line": n + 1, "accepted": shipped}),
        }
    }).collect();
    d.add(
        "T-SEA-01/receive",
        "2026-10-01",
        json!({"type":"receive_transfer","transfer":"T-SEA-01","lines":sea_lines}),
    )?;
    let air_lines: Vec<Value> = shipped[1]
        .iter()
        .enumerate()
        .map(|(n, q)| json!({"line": n + 1, "accepted": q}))
        .collect();
    d.add(
        "T-AIR-01/receive",
        "2026-09-08",
        json!({"type":"receive_transfer","transfer":"T-AIR-01","lines":air_lines}),
    )?;

    // Landed cost: air freight on arrival, sea freight and US duty billed late.
    let transfer_targets = |transfer: &str, count: usize| -> Vec<Value> {
        (1..=count)
            .map(|line| json!({"type":"transfer","transfer":transfer,"line":line}))
            .collect()
    };
    d.add("LC-AIR-01", "2026-09-08", json!({"type":"apply_landed_cost","voucher":"LC-AIR-01","date":"2026-09-08",
        "charges":[{"description":"Air freight Shenzhen-Leipzig","kind":"freight","amount":{"amount":"1850.00","currency":"EUR"},"account":"2200","method":"chargeable_weight","divisor":6000}],
        "targets":transfer_targets("T-AIR-01", plans[1].3.len())}))?;
    d.add("LC-SEA-01", "2026-10-06", json!({"type":"apply_landed_cost","voucher":"LC-SEA-01","date":"2026-10-06",
        "charges":[
            {"description":"Ocean freight Yantian-Long Beach (late invoice)","kind":"freight","amount":{"amount":"4200.00","currency":"USD"},"account":"2200","method":"volume"},
            {"description":"US import duty","kind":"duty","amount":{"amount":"2950.00","currency":"USD"},"account":"2300","method":"value"}],
        "targets":transfer_targets("T-SEA-01", plans[0].3.len())}))?;

    sell(&mut d, &mut rng, &plans, &shipped)?;
    Ok((config, d.commands))
}

/// Builds the demo into a new database and prints the headline reports.
pub fn run(db: &Path, replace: bool) -> Outcome {
    let (config, commands) = commands()?;
    if replace && db.exists() {
        // Only a file that opens as a landed book is removed.
        drop(crate::open(db).map_err(|e| {
            Failure::new(format!(
                "{} is not a landed book, not replaced ({})",
                db.display(),
                e.message
            ))
        })?);
        for suffix in ["", "-wal", "-shm"] {
            let path = format!("{}{suffix}", db.display());
            if Path::new(&path).exists() {
                std::fs::remove_file(&path)?;
            }
        }
    }
    let count = commands.len();
    let mut store = create(db, config)?;
    let spinner = crate::progress::spinner(format!("recording {count} commands"));
    let results = store.execute_batch(commands, BatchMode::AllOrNothing);
    spinner.finish_and_clear();
    let results = results?;
    if let Some(error) = results.iter().find_map(|r| r.as_ref().err()) {
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        return Err(Failure::new(format!(
            "the demo quarter was refused: {error} ({})",
            error.code()
        )));
    }
    let book = store.book();
    outln!(
        "{}: a seller's quarter (2026-08-10 to 2026-10-30) in CNY: {count} commands, {} events, head {}",
        db.display(),
        book.events_recorded(),
        book.head_hash_hex()
    );
    let options = report::Options {
        as_of: None,
        from: None,
        group_by: "channel".into(),
    };
    for (title, kind) in [
        ("Goods in transit", ReportKind::Transit),
        ("Profit by channel", ReportKind::Profit),
        ("Trial balance", ReportKind::TrialBalance),
        ("Stock against the ledger", ReportKind::Reconcile),
    ] {
        outln!("\n{title}\n");
        out!(
            "{}",
            report::render(book, kind, crate::Format::Table, &options)?
        );
    }
    let value = book.inventory_value();
    outln!(
        "\nInventory value {value}; see `landed report {} stock|valuation|landed-cost|journal`",
        db.display()
    );
    Ok(())
}
