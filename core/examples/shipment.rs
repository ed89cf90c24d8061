//! A seller's month, end to end, in the books' currency.
//!
//! A seller keeping books in CNY buys three SKUs from a factory in USD,
//! receives them in Shenzhen, ships a container by sea to a 3PL in Germany
//! (one carton arrives crushed, two go missing and are claimed from the
//! carrier), sells part of the stock, and only then receives the sea
//! freight invoice in USD and the import duty in EUR. Rates are the ECB
//! reference rates (through EUR). Every step is a command on one book; the
//! late charges are split between the stock still held and what was already
//! sold. Run with:
//!
//! ```text
//! cargo run -p landed --example shipment
//! ```

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use landed::book::command::{Command, Context};
use landed::book::event::{Event, Outcome};
use landed::book::{Book, BookConfig};
use landed::{Currency, LandedError};
use serde_json::{Value, json};

struct Seller {
    book: Book,
    clock: DateTime<Utc>,
    commands: u32,
}

impl Seller {
    fn on(&mut self, day: &str) {
        if let Ok(date) = NaiveDate::parse_from_str(day, "%Y-%m-%d")
            && let Some(at) = date.and_hms_opt(9, 0, 0)
        {
            self.clock = Utc.from_utc_datetime(&at);
        }
    }

    fn run(&mut self, value: Value) -> Result<Outcome, LandedError> {
        self.commands += 1;
        let command: Command =
            serde_json::from_value(value).map_err(|e| LandedError::InvalidCommand {
                reason: e.to_string(),
            })?;
        let context = Context::new(self.clock, format!("cmd-{}", self.commands));
        self.book.execute(command, &context)
    }

    /// Runs a command and prints its journal entries.
    fn post(&mut self, what: &str, value: Value) -> Result<(), LandedError> {
        let outcome = self.run(value)?;
        println!("{what}");
        for r in &outcome.events {
            if let Event::JournalPosted(entry) = &r.event {
                let lines: Vec<String> = entry
                    .lines
                    .iter()
                    .map(|l| {
                        if l.debit.is_zero() {
                            format!("Cr {} {}", l.account, l.credit)
                        } else {
                            format!("Dr {} {}", l.account, l.debit)
                        }
                    })
                    .collect();
                println!("  {}", lines.join(", "));
            }
        }
        Ok(())
    }
}

/// The ECB rates of the last days of the sample, as `record_rates` entries
/// (1 EUR = rate quote).
fn ecb_rates(days: usize) -> Vec<Value> {
    let csv = include_str!("../../tests/data/ecb-sample.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let mut entries = Vec::new();
    for row in lines.take(days) {
        let cells: Vec<&str> = row.split(',').collect();
        for (currency, value) in header.iter().zip(&cells).skip(1) {
            if ["USD", "CNY"].contains(currency) && *value != "N/A" {
                entries.push(json!({"base":"EUR","quote":currency,"date":cells[0],"rate":value}));
            }
        }
    }
    entries
}

fn main() -> Result<(), LandedError> {
    let mut config = BookConfig::new(Currency::from_code("CNY")?);
    config.trade.pivot_currency = Some(Currency::from_code("EUR")?);
    let mut s = Seller {
        book: Book::new(config)?,
        clock: DateTime::<Utc>::UNIX_EPOCH,
        commands: 0,
    };
    s.on("2026-10-01");
    let rates = ecb_rates(25);
    println!(
        "{} ECB rates given to the book (USD→CNY goes through EUR)",
        rates.len()
    );
    s.run(json!({"type":"record_rates","entries":rates}))?;
    s.run(
        json!({"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own","country":"CN"}),
    )?;
    s.run(json!({"type":"define_location","code":"DE-3PL","name":"Hamburg 3PL","kind":"third_party","country":"DE"}))?;
    for (code, kg, dims) in [
        ("LAMP-DESK-BLK", "1.35", ["45", "25", "20"]),
        ("CABLE-USB-C-2M", "0.06", ["12", "8", "3"]),
        ("CHAIR-ERGO-GRY", "14.2", ["70", "65", "60"]),
    ] {
        s.run(
            json!({"type":"define_sku","code":code,"name":code,"weight_kg":kg,
            "dimensions_cm":{"length":dims[0],"width":dims[1],"height":dims[2]}}),
        )?;
    }
    s.run(json!({"type":"define_supplier","code":"NINGBO","name":"Ningbo Lighting","currency":"USD","payment_terms_days":30}))?;

    s.on("2026-10-05");
    s.run(json!({"type":"create_purchase_order","po":"PO-2610","supplier":"NINGBO","date":"2026-10-05","lines":[
        {"sku":"LAMP-DESK-BLK","quantity":400,"unit_price":{"amount":"8.20","currency":"USD"},"destination":"SZ"},
        {"sku":"CABLE-USB-C-2M","quantity":2500,"unit_price":{"amount":"0.92","currency":"USD"},"destination":"SZ"},
        {"sku":"CHAIR-ERGO-GRY","quantity":60,"unit_price":{"amount":"61.00","currency":"USD"},"destination":"SZ"}]}))?;
    s.run(json!({"type":"confirm_purchase_order","po":"PO-2610"}))?;
    s.on("2026-10-12");
    s.post(
        "\nReceived PO-2610 at Shenzhen (USD at the 12 Oct ECB cross rate):",
        json!({"type":"receive_purchase_order","po":"PO-2610","receipt":"GRN-2610","lines":[
            {"line":1,"quantity":400},{"line":2,"quantity":2500},{"line":3,"quantity":60}]}),
    )?;

    s.on("2026-10-14");
    s.run(json!({"type":"create_transfer","transfer":"SEA-01","source":"SZ","destination":"DE-3PL","lines":[
        {"sku":"LAMP-DESK-BLK","quantity":400},{"sku":"CABLE-USB-C-2M","quantity":2500},
        {"sku":"CHAIR-ERGO-GRY","quantity":60}]}))?;
    s.run(json!({"type":"approve_transfer","transfer":"SEA-01"}))?;
    s.post(
        "\nContainer SEA-01 shipped to Hamburg (cost moves to goods in transit):",
        json!({"type":"ship_transfer","transfer":"SEA-01",
               "shipment":{"carrier":"COSCO","tracking":"CSNU6184223","eta":"2026-11-20"}}),
    )?;
    s.run(json!({"type":"record_milestone","document":"SEA-01",
        "milestone":{"event_id":"cosco-881","milestone":"departed","at":"2026-10-16T03:00:00Z","place":"Yantian"}}))?;
    let transit = s
        .book
        .in_transit(NaiveDate::from_ymd_opt(2026, 10, 20).unwrap_or_default())?;
    for t in &transit.shipments {
        println!(
            "  in transit on 20 Oct: {} {} units worth {} by {}, {} days out",
            t.document,
            t.units,
            t.value,
            t.carrier.as_deref().unwrap_or("-"),
            t.days_in_transit
        );
    }

    s.on("2026-10-27");
    s.post(
        "\nReceived in Hamburg: 1 chair crushed, 2 lamps missing (claimed from COSCO):",
        json!({"type":"receive_transfer","transfer":"SEA-01","lines":[
            {"line":1,"accepted":398,"short":2,"short_to":"claim"},
            {"line":2,"accepted":2500},
            {"line":3,"accepted":59,"damaged":1,"damage_reason":"crushed"}]}),
    )?;
    s.on("2026-10-28");
    for (sku, units) in [
        ("LAMP-DESK-BLK", 100),
        ("CABLE-USB-C-2M", 625),
        ("CHAIR-ERGO-GRY", 15),
    ] {
        s.run(
            json!({"type":"issue","sku":sku,"location":"DE-3PL","quantity":units,
            "reason":"sale","channel":"amazon-de"}),
        )?;
    }
    println!("\nSold a quarter in Germany.");

    s.on("2026-10-30");
    s.post(
        "\nLate sea freight 2,380.00 USD by chargeable weight (÷6000) and duty 1,023.47 EUR by value:",
        json!({"type":"apply_landed_cost","voucher":"LCV-SEA-01","date":"2026-10-30",
            "charges":[
                {"description":"Sea freight SZX-HAM","kind":"freight","amount":{"amount":"2380.00","currency":"USD"},
                 "account":"2200","method":"chargeable_weight","divisor":6000},
                {"description":"EU import duty","kind":"duty","amount":{"amount":"1023.47","currency":"EUR"},
                 "account":"2300","method":"value"}],
            "targets":[{"type":"transfer","transfer":"SEA-01","line":1},
                       {"type":"transfer","transfer":"SEA-01","line":2},
                       {"type":"transfer","transfer":"SEA-01","line":3}]}),
    )?;

    println!("\nLanded cost per SKU (CNY per unit purchased):");
    for line in s.book.landed_cost(None)?.skus {
        let u = &line.per_unit;
        println!(
            "  {:<16} {:>5} units  purchase {:>9}  freight {:>8}  duty {:>8}  total {:>9}",
            line.sku,
            line.quantity,
            u.purchase.amount.round_dp(2),
            u.freight.amount.round_dp(2),
            u.duty.amount.round_dp(2),
            u.total.amount.round_dp(2)
        );
    }
    println!("\nStock in Hamburg:");
    for v in s.book.valuation(None)? {
        if v.quantity != 0 {
            println!(
                "  {:<16} {:>5} units  value {:>10}  unit cost {}",
                v.sku,
                v.quantity,
                v.value,
                v.unit_cost.amount.round_dp(2)
            );
        }
    }
    let tb = s.book.trial_balance(
        NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default(),
        None,
    );
    println!(
        "\nTrial balance on 31 Oct (debits {} = credits {}):",
        tb.total_debit, tb.total_credit
    );
    for line in &tb.lines {
        println!("  {} {:<36} {:>12}", line.account, line.name, line.balance);
    }
    println!();
    for r in s.book.reconciliation() {
        println!(
            "Reconciliation {}: subledger {} ledger {} difference {}",
            r.scope, r.subledger, r.ledger, r.difference
        );
    }
    Ok(())
}
