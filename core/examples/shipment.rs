//! A realistic first-leg shipment, costed in the books' currency.
//!
//! A seller keeping books in CNY ships a container of three SKUs from
//! Shenzhen to a 3PL in Germany. Sea freight is invoiced in USD, customs duty
//! in EUR. Each charge is converted once at the ECB reference rates (through
//! EUR), then allocated to the lines exactly: freight by weight, duty by
//! declared value. The container is then received into an inventory book at
//! its landed unit cost, part of it is sold, and the book's valuation, trial
//! balance and reconciliation are printed. Run with:
//!
//! ```text
//! cargo run -p landed --example shipment
//! ```

use chrono::NaiveDate;
use landed::allocate::allocate;
use landed::fx::{LookupPolicy, RateBook, RateType};
use landed::{Currency, LandedError, Money, RoundingStrategy};
use rust_decimal::Decimal;

struct Line {
    sku: &'static str,
    units: u32,
    purchase_cny: &'static str,
    kg_per_unit: &'static str,
    declared_eur: &'static str,
}

fn main() -> Result<(), LandedError> {
    let cny = Currency::from_code("CNY")?;
    let eur = Currency::from_code("EUR")?;
    let mut rates = RateBook::with_pivot(eur);
    let summary = rates.load_ecb_csv(
        include_str!("../../tests/data/ecb-sample.csv"),
        RateType::Spot,
    )?;
    println!(
        "Loaded {} ECB rates for {} currencies, {} to {}",
        summary.rates,
        summary.currencies.len(),
        summary
            .first_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        summary.last_date.map(|d| d.to_string()).unwrap_or_default(),
    );

    let lines = [
        Line {
            sku: "LAMP-DESK-BLK",
            units: 400,
            purchase_cny: "58.00",
            kg_per_unit: "1.35",
            declared_eur: "6840.00",
        },
        Line {
            sku: "CABLE-USB-C-2M",
            units: 2500,
            purchase_cny: "6.50",
            kg_per_unit: "0.06",
            declared_eur: "3125.00",
        },
        Line {
            sku: "CHAIR-ERGO-GRY",
            units: 60,
            purchase_cny: "420.00",
            kg_per_unit: "14.20",
            declared_eur: "5220.00",
        },
    ];
    // The invoices are dated Sunday 2026-11-01: no ECB fixing that day, so
    // the policy takes Friday's rate (at most 4 days old).
    let invoice_day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    let policy = LookupPolicy::LatestWithin { max_age_days: 4 };
    let rounding = RoundingStrategy::HalfAwayFromZero;

    let charges = [
        (
            "Sea freight SZX->HAM",
            Money::parse("2380.00", "USD")?,
            "weight",
        ),
        ("EU import duty", Money::parse("1023.47", "EUR")?, "value"),
    ];
    let mut per_line = vec![Money::zero(cny); lines.len()];
    for (name, amount, basis) in &charges {
        let conv = rates.convert(amount, cny, invoice_day, RateType::Spot, policy, rounding)?;
        let chain: Vec<String> = conv
            .legs
            .iter()
            .map(|l| {
                format!(
                    "{}/{} {} on {}{}",
                    l.base,
                    l.quote,
                    l.rate,
                    l.date,
                    if l.inverted { " (inverse)" } else { "" }
                )
            })
            .collect();
        println!(
            "\n{name}: {amount} = {} at {:.6} [{}]",
            conv.amount,
            conv.rate,
            chain.join(" then ")
        );
        let weights: Vec<Decimal> = lines.iter().map(|l| basis_of(l, basis)).collect();
        let shares = allocate(&conv.amount, &weights)?;
        let mut check = Money::zero(cny);
        for ((line, share), acc) in lines.iter().zip(&shares).zip(per_line.iter_mut()) {
            let unit = if *basis == "weight" { "kg" } else { "EUR" };
            println!(
                "  {:<16} {:>9} {unit:<3} -> {share}",
                line.sku,
                basis_of(line, basis)
            );
            *acc = acc.checked_add(share)?;
            check = check.checked_add(share)?;
        }
        println!("  shares sum to {} (charge {})", check, conv.amount);
    }

    println!("\nLanded charges per unit (CNY):");
    for (line, total) in lines.iter().zip(&per_line) {
        let per_unit = Money::new(total.amount / Decimal::from(line.units), cny).round(rounding);
        println!(
            "  {:<16} {:>5} units  charges {:>12}  per unit {}",
            line.sku,
            line.units,
            total.to_string(),
            per_unit
        );
    }

    receive_and_sell(&lines, &per_line)
}

/// Receives the container at the 3PL at purchase price plus landed charges,
/// sells part of it, and prints what the book and its ledger say.
fn receive_and_sell(lines: &[Line], charges: &[Money]) -> Result<(), LandedError> {
    use chrono::{TimeZone, Utc};
    use landed::book::{Book, BookConfig};
    use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
    use landed::command::{Command, Context, Issue, IssueReason, Receive};
    use landed::stock::Bucket;

    let cny = Currency::from_code("CNY")?;
    let mut book = Book::new(BookConfig::new(cny))?;
    let at = Utc
        .with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut n = 0;
    let mut run = |book: &mut Book, command: Command| {
        n += 1;
        book.execute(command, &Context::new(at, format!("demo-{n}")))
    };
    run(
        &mut book,
        Command::DefineLocation(LocationSpec {
            code: "DE-3PL".into(),
            name: "Hamburg 3PL".into(),
            kind: LocationKind::ThirdParty,
            country: Some("DE".into()),
            valuation_scope: None,
        }),
    )?;
    for (line, charge) in lines.iter().zip(charges) {
        let mut spec: SkuSpec = SkuSpec {
            code: line.sku.into(),
            name: line.sku.into(),
            base_unit: "pcs".into(),
            weight_kg: line.kg_per_unit.parse().ok(),
            dimensions_cm: None,
            hs_code: None,
            declared_value: None,
            country_of_origin: Some("CN".into()),
            lot_tracked: false,
            shelf_life_days: None,
            category: None,
        };
        spec.declared_value = Money::parse(line.declared_eur, "EUR").ok();
        run(&mut book, Command::DefineSku(spec))?;
        let purchase: Decimal = line.purchase_cny.parse().unwrap_or_default();
        let unit_cost = purchase + charge.amount / Decimal::from(line.units);
        run(
            &mut book,
            Command::Receive(Receive {
                sku: line.sku.into(),
                location: "DE-3PL".into(),
                quantity: i64::from(line.units),
                unit_cost: Money::new(unit_cost, cny),
                bucket: Bucket::Available,
                lot: None,
                expiry: None,
                damage_reason: None,
                reference: Some("CNTR-2611".into()),
            }),
        )?;
        run(
            &mut book,
            Command::Issue(Issue {
                sku: line.sku.into(),
                location: "DE-3PL".into(),
                quantity: i64::from(line.units / 4),
                reason: IssueReason::Sale,
                bucket: Bucket::Available,
                lot: None,
                reference: None,
                channel: Some("amazon-de".into()),
            }),
        )?;
    }

    println!("\nAfter receiving the container and selling a quarter of each line:");
    for v in book.valuation(None)? {
        println!(
            "  {:<16} {:>5} units  value {:>12}  unit cost {}",
            v.sku,
            v.quantity,
            v.value.to_string(),
            v.unit_cost.round(RoundingStrategy::HalfAwayFromZero)
        );
    }
    let tb = book.trial_balance(at.date_naive(), None);
    println!(
        "Trial balance (debits {} = credits {}):",
        tb.total_debit, tb.total_credit
    );
    for line in &tb.lines {
        println!(
            "  {} {:<32} {:>14}",
            line.account,
            line.name,
            line.balance.to_string()
        );
    }
    for r in book.reconciliation() {
        println!(
            "Reconciliation {}: subledger {} ledger {} difference {}",
            r.scope, r.subledger, r.ledger, r.difference
        );
    }
    Ok(())
}

/// The allocation basis of a line: total kilograms, or declared value.
fn basis_of(line: &Line, basis: &str) -> Decimal {
    let parse = |s: &str| s.parse::<Decimal>().unwrap_or_default();
    if basis == "weight" {
        parse(line.kg_per_unit) * Decimal::from(line.units)
    } else {
        parse(line.declared_eur)
    }
}
