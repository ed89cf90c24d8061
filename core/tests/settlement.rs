//! Marketplace money, worked by hand: an Amazon DE order shipped from FBA
//! (EUR channel, USD book), its referral and FBA fees deducted in a
//! settlement at another rate, paid out in USD, then refunded in part
//! after the payout with the referral fee partly given back, a
//! reimbursement, and a row the book cannot match; the profit of the SKU
//! and the ledger agree to the cent. Bad input leaves the book unchanged.

include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/sales_book.rs"
));

use landed::book::Outcome;
use landed::report::{ProfitBasis, ProfitGroup, ProfitQuery};
use landed::{Book, Command};

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

fn check_rebuilds(book: &Book) {
    let live = serde_json::to_string(&book.snapshot()).unwrap();
    let stored = serde_json::to_string(book.events()).unwrap();
    let replayed = Book::replay_json(book.config().clone(), &stored).unwrap();
    assert_eq!(serde_json::to_string(&replayed.snapshot()).unwrap(), live);
    let restored = Book::restore(landed::Snapshot::from_json(&live).unwrap()).unwrap();
    assert_eq!(serde_json::to_string(&restored.snapshot()).unwrap(), live);
}

fn s(v: impl ToString) -> String {
    v.to_string()
}

/// An Amazon DE channel (EUR) fulfilled by FBA-DE, 10 lamps there at
/// 12.00 USD, and order 302-1: 2 lamps at 29.90 EUR with 11.36 EUR of VAT
/// the marketplace collects, shipped on 10 November at 1.08.
fn amazon_book() -> Book {
    let mut book = sales_book().unwrap();
    run(
        &mut book,
        "2026-11-01",
        "loc",
        r#"{"type":"define_location","code":"FBA-DE","name":"Amazon DE","kind":"fba","country":"DE"}"#,
    );
    run(
        &mut book,
        "2026-11-01",
        "grn",
        r#"{"type":"receive","sku":"LAMP","location":"FBA-DE","quantity":10,"unit_cost":{"amount":"12.00","currency":"USD"}}"#,
    );
    run(
        &mut book,
        "2026-11-01",
        "ch",
        r#"{"type":"define_channel","code":"amazon-de","name":"Amazon DE","kind":"amazon","currency":"EUR","fba_location":"FBA-DE"}"#,
    );
    run(
        &mut book,
        "2026-11-01",
        "lst",
        r#"{"type":"define_listing","channel":"amazon-de","listing":"B0LAMP","sku":"LAMP"}"#,
    );
    run(
        &mut book,
        "2026-11-10",
        "ord",
        r#"{"type":"ingest_sales_order","channel":"amazon-de","order":"302-1","date":"2026-11-10","fulfilment":"channel",
        "lines":[{"line":"1","listing":"B0LAMP","quantity":2,"unit_price":"29.90","tax":"11.36","marketplace_tax":true}]}"#,
    );
    run(
        &mut book,
        "2026-11-10",
        "ship",
        r#"{"type":"ship_sales_order","channel":"amazon-de","order":"302-1","shipment":"AMZ-S1","rate":"1.08"}"#,
    );
    book
}

const FIRST_SETTLEMENT: &str = r#"{"type":"record_marketplace_settlement","channel":"amazon-de","settlement":"AMZ-1","date":"2026-11-15","rate":"1.10",
    "rows":[{"kind":"order","order":"302-1","amount":"71.16"},
            {"kind":"fee","fee":"referral","order":"302-1","line":"1","amount":"-8.97"},
            {"kind":"fee","fee":"fba_fulfilment","order":"302-1","line":"1","amount":"-6.14"}]}"#;

const SECOND_SETTLEMENT: &str = r#"{"type":"record_marketplace_settlement","channel":"amazon-de","settlement":"AMZ-2","date":"2026-11-29","rate":"1.11",
    "rows":[{"kind":"refund","order":"302-1","amount":"-35.58"},
            {"kind":"fee","fee":"referral","order":"302-1","amount":"4.49"},
            {"kind":"fee","fee":"refund_administration","order":"302-1","amount":"-0.90"},
            {"kind":"reimbursement","sku":"LAMP","amount":"12.00","memo":"lost at FBA-DE"},
            {"kind":"order","order":"999-9","amount":"5.00"}]}"#;

/// The lines an outcome posted, in account order (debits first).
fn posted(outcome: &Outcome) -> Vec<(String, String, String)> {
    sorted(sales_posted(outcome))
}

fn sorted(mut lines: Vec<(String, String, String)>) -> Vec<(String, String, String)> {
    lines.sort();
    lines
}

fn line(account: &str, debit: &str, credit: &str) -> (String, String, String) {
    (account.into(), debit.into(), credit.into())
}

#[test]
fn an_amazon_de_order_settled_in_eur_paid_out_in_usd_and_refunded_after_payout() {
    let mut book = amazon_book();
    // Shipped at 1.08: 59.80 EUR of sales is 64.58 USD, 11.36 EUR of VAT
    // 12.27 USD, the receivable 71.16 EUR is 76.85 USD; the lamps cost 24.00.
    let order = book.sales_order("amazon-de", "302-1").unwrap();
    assert_eq!(order.lines[0].shipped, 2);

    // Settled on 15 November at 1.10: the shipment's 71.16 EUR is worth
    // 78.28 USD against 76.85 carried (1.43 gained); the referral fee is
    // 9.87 and the FBA fee 6.75; 56.05 EUR (61.66 USD) is on its way.
    let out = run(&mut book, "2026-11-15", "settle-1", FIRST_SETTLEMENT);
    assert_eq!(
        posted(&out),
        sorted(vec![
            line("1150", "61.66", "0.00"),
            line("6000", "9.87", "0.00"),
            line("6100", "6.75", "0.00"),
            line("1250", "0.00", "76.85"),
            line("7000", "0.00", "1.43"),
        ])
    );
    let payout = book.sales_settlement("AMZ-1").unwrap();
    assert_eq!((s(payout.net), payout.unmatched.len()), (s("56.05"), 0));
    assert_eq!(
        book.sales_order("amazon-de", "302-1").unwrap().settlements,
        ["AMZ-1"]
    );

    // The payout reaches the USD bank on 18 November through a payment
    // provider: 61.20 USD arrives, the provider kept 0.30 USD, so 61.50
    // settles 61.66 carried: a realized loss of 0.16.
    let out = run(
        &mut book,
        "2026-11-18",
        "payout-1",
        r#"{"type":"record_payment","date":"2026-11-18",
        "amount":{"amount":"61.20","currency":"USD"},"fee":{"amount":"0.30","currency":"USD"},"allocations":[{"document":"AMZ-1"}]}"#,
    );
    assert_eq!(
        posted(&out),
        sorted(vec![
            line("1100", "61.20", "0.00"),
            line("6400", "0.30", "0.00"),
            line("7000", "0.16", "0.00"),
            line("1150", "0.00", "61.66"),
        ])
    );

    // After the payout, one lamp is refunded without coming back (20
    // November, 1.09): 29.90 EUR of sales (32.59 USD) and 5.68 of VAT
    // (6.19) against a credit note of 35.58 EUR (38.78 USD).
    let out = run(
        &mut book,
        "2026-11-20",
        "refund",
        r#"{"type":"refund_sales_order","channel":"amazon-de","order":"302-1","refund":"AMZ-R1","rate":"1.09",
        "lines":[{"line":"1","principal":"29.90","tax":"5.68"}]}"#,
    );
    assert_eq!(
        posted(&out),
        sorted(vec![
            line("1250", "0.00", "38.78"),
            line("4100", "32.59", "0.00"),
            line("2460", "6.19", "0.00")
        ])
    );

    // The next settlement (29 November, 1.11) takes the refund back
    // (39.49 USD for 38.78 carried: 0.71 lost), gives back 4.49 EUR of
    // referral fee less 0.90 of refund administration, pays 12.00 EUR for a
    // lamp lost at FBA, and has a row for an order the book does not know:
    // it goes to suspense and is listed. The seller owes 14.99 EUR.
    let out = run(&mut book, "2026-11-29", "settle-2", SECOND_SETTLEMENT);
    assert_eq!(
        posted(&out),
        sorted(vec![
            line("1150", "0.00", "16.64"),
            line("6000", "0.00", "4.98"),
            line("6000", "1.00", "0.00"),
            line("4300", "0.00", "13.32"),
            line("2900", "0.00", "5.55"),
            line("1250", "38.78", "0.00"),
            line("7000", "0.71", "0.00"),
        ])
    );
    let second = book.sales_settlement("AMZ-2").unwrap();
    assert_eq!(s(second.net), "-14.99");
    assert_eq!(second.unmatched.len(), 1);
    assert_eq!(
        (second.unmatched[0].row, s(second.unmatched[0].amount)),
        (4, s("5.00"))
    );
    assert!(
        second.unmatched[0].reason.contains("999-9"),
        "{}",
        second.unmatched[0].reason
    );

    // The channel receivable holds nothing open any more.
    let day = landed::parse_date("2026-11-30").unwrap();
    let tb = book.trial_balance(day, None);
    let balance = |code: &str| {
        tb.lines
            .iter()
            .find(|l| l.account.as_str() == code)
            .map_or(String::from("0"), |l| l.balance.amount.to_string())
    };
    assert_eq!(balance("1250"), "0.00");
    assert_eq!(balance("1150"), "-16.64");

    // The lamp's November profit: 64.58 sales − 32.59 refunded − 24.00
    // cost − 12.64 fees (9.87 + 6.75 − 4.98 + 1.00) + 13.32 reimbursed +
    // 0.72 FX of the order (1.43 − 0.71) = 9.39 USD.
    let from = landed::parse_date("2026-11-01").unwrap();
    let by_sku = book
        .profit(&ProfitQuery::new(from, day, ProfitGroup::Sku))
        .unwrap();
    let lamp = by_sku
        .lines
        .iter()
        .find(|l| l.key.as_deref() == Some("LAMP"))
        .unwrap();
    let f = &lamp.figures;
    assert_eq!(
        [
            s(f.revenue),
            s(f.sales_returns),
            s(f.cogs),
            s(f.fees),
            s(f.reimbursements),
            s(f.fx),
            s(f.profit)
        ],
        ["64.58", "32.59", "24.00", "12.64", "13.32", "0.72", "9.39"].map(s)
    );
    let eur = lamp
        .channel_currency
        .iter()
        .find(|c| c.currency.code() == "EUR")
        .unwrap();
    // In EUR: 59.80 − 29.90 − (8.97 + 6.14 − 4.49 + 0.90) + 12.00.
    assert_eq!(
        (s(eur.revenue), s(eur.fees), s(eur.net)),
        (s("59.80"), s("11.52"), s("30.38"))
    );

    // Per channel, the provider's 0.30 and the payout's loss of 0.16 count
    // too: 9.39 − 0.30 − 0.16.
    let mut query = ProfitQuery::new(from, day, ProfitGroup::Channel);
    query.channel = Some("amazon-de".into());
    let by_channel = book.profit(&query).unwrap();
    assert_eq!(by_channel.lines.len(), 1);
    assert_eq!(s(by_channel.lines[0].figures.fees), "12.94");
    assert_eq!(s(by_channel.lines[0].figures.profit), "8.93");

    // By settlement date the order's lines count on 15 and 29 November.
    let mut settled = ProfitQuery::new(
        from,
        landed::parse_date("2026-11-16").unwrap(),
        ProfitGroup::Order,
    );
    settled.basis = ProfitBasis::Settlement;
    let early = book.profit(&settled).unwrap();
    let order = early
        .lines
        .iter()
        .find(|l| l.key.as_deref() == Some("amazon-de/302-1"))
        .unwrap();
    // 64.58 − 24.00 − 9.87 − 6.75 + 1.43: the refund waits for the second.
    assert_eq!(s(order.figures.profit), "25.39");

    check_rebuilds(&book);
}

#[test]
fn profit_totals_equal_the_ledgers_accounts_for_the_period() {
    let mut book = amazon_book();
    run(&mut book, "2026-11-15", "settle-1", FIRST_SETTLEMENT);
    run(
        &mut book,
        "2026-11-20",
        "refund",
        r#"{"type":"refund_sales_order","channel":"amazon-de","order":"302-1","refund":"AMZ-R1","rate":"1.09",
        "lines":[{"line":"1","principal":"29.90","tax":"5.68"}]}"#,
    );
    run(
        &mut book,
        "2026-11-21",
        "storage",
        r#"{"type":"record_channel_fee","channel":"amazon-de","fee":"STO-11","kind":"storage","date":"2026-11-21","amount":"3.10","rate":"1.10"}"#,
    );
    run(&mut book, "2026-11-29", "settle-2", SECOND_SETTLEMENT);
    for (from, to) in [
        ("2026-11-01", "2026-11-14"),
        ("2026-11-15", "2026-11-30"),
        ("2026-11-01", "2026-11-30"),
    ] {
        let (from, to) = (
            landed::parse_date(from).unwrap(),
            landed::parse_date(to).unwrap(),
        );
        let report = book
            .profit(&ProfitQuery::new(from, to, ProfitGroup::Month))
            .unwrap();
        let movement = |codes: &[&str]| -> landed::Decimal {
            let at = |day| {
                let tb = book.trial_balance(day, None);
                codes
                    .iter()
                    .map(|code| {
                        tb.lines
                            .iter()
                            .find(|l| l.account.as_str() == *code)
                            .map_or(landed::Decimal::ZERO, |l| l.balance.amount)
                    })
                    .sum::<landed::Decimal>()
            };
            at(to) - at(from.pred_opt().unwrap())
        };
        let t = &report.total;
        assert_eq!(t.revenue, -movement(&["4000"]));
        assert_eq!(t.sales_returns, movement(&["4100"]));
        assert_eq!(t.cogs, movement(&["5000"]));
        assert_eq!(t.fees, movement(&["6000", "6100", "6200", "6400"]));
        assert_eq!(t.reimbursements, -movement(&["4300"]));
        let summed: landed::Decimal = report.lines.iter().map(|l| l.figures.profit).sum();
        assert_eq!(summed, t.profit);
    }
}

#[test]
fn bad_settlements_and_fees_leave_the_book_unchanged() {
    let mut book = amazon_book();
    let day = "2026-11-15";
    let settle = |channel: &str, id: &str, rows: &str| {
        format!(
            r#"{{"type":"record_marketplace_settlement","channel":"{channel}","settlement":"{id}","date":"2026-11-15","rate":"1.10","rows":{rows}}}"#
        )
    };
    assert_eq!(
        fails(
            &mut book,
            day,
            "a",
            &settle("ebay", "X", r#"[{"kind":"reserve","amount":"-1.00"}]"#)
        ),
        "UNKNOWN_CHANNEL"
    );
    assert_eq!(
        fails(
            &mut book,
            day,
            "b",
            &settle(
                "amazon-de",
                "AMZ-S1",
                r#"[{"kind":"reserve","amount":"-1.00"}]"#
            )
        ),
        "DUPLICATE_CODE"
    );
    assert_eq!(
        fails(&mut book, day, "c", &settle("amazon-de", "X", "[]")),
        "INVALID_COMMAND"
    );
    assert_eq!(
        fails(
            &mut book,
            day,
            "d",
            &settle("amazon-de", "X", r#"[{"kind":"reserve","amount":"0.00"}]"#)
        ),
        "INVALID_COMMAND"
    );
    assert_eq!(
        fails(
            &mut book,
            day,
            "e",
            &settle("amazon-de", "X", r#"[{"kind":"reserve","amount":"1.001"}]"#)
        ),
        "INVALID_AMOUNT"
    );
    assert_eq!(
        fails(
            &mut book,
            day,
            "f",
            &settle(
                "amazon-de",
                "X",
                r#"[{"kind":"order","order":"302-1","amount":"-1.00"}]"#
            )
        ),
        "INVALID_COMMAND"
    );
    assert_eq!(
        fails(
            &mut book,
            day,
            "g",
            &settle("amazon-de", "X", r#"[{"kind":"fee","amount":"-1.00"}]"#)
        ),
        "INVALID_COMMAND"
    );
    assert_eq!(
        fails(
            &mut book,
            day,
            "h",
            &settle(
                "amazon-de",
                "X",
                r#"[{"kind":"fee","fee":"referral","sku":"NOPE","amount":"-1.00"}]"#
            )
        ),
        "UNKNOWN_SKU"
    );
    assert!(
        Command::from_json(&settle(
            "amazon-de",
            "X",
            r#"[{"kind":"reserve","amount":"-1.00","colour":"red"}]"#
        ))
        .is_err()
    );
    let fee = |extra: &str| {
        format!(
            r#"{{"type":"record_channel_fee","channel":"amazon-de","fee":"F-1","kind":"advertising","date":"2026-11-15","rate":"1.10"{extra}}}"#
        )
    };
    assert_eq!(
        fails(&mut book, day, "i", &fee(r#","amount":"-2.00""#)),
        "INVALID_AMOUNT"
    );
    assert_eq!(
        fails(
            &mut book,
            day,
            "j",
            &fee(r#","amount":"2.00","order":"404""#)
        ),
        "UNKNOWN_SALES_ORDER"
    );
    assert_eq!(
        fails(&mut book, day, "k", &fee(r#","amount":"2.00","line":"1""#)),
        "INVALID_COMMAND"
    );
    assert_eq!(
        fails(
            &mut book,
            day,
            "l",
            &fee(r#","amount":"2.00","order":"302-1","line":"9""#)
        ),
        "INVALID_COMMAND"
    );
    // A settlement that names more than the order has open keeps the rest
    // in suspense rather than refusing the report.
    run(
        &mut book,
        day,
        "m",
        &settle(
            "amazon-de",
            "AMZ-1",
            r#"[{"kind":"order","order":"302-1","amount":"80.00"}]"#,
        ),
    );
    let s1 = book.sales_settlement("AMZ-1").unwrap();
    assert_eq!(
        (s1.unmatched[0].amount.to_string(), s1.unmatched.len()),
        ("8.84".to_string(), 1)
    );
    // The payout open item cannot be reversed on its own.
    let entry = book.journal().last().unwrap().id;
    let reverse = format!(r#"{{"type":"reverse_entry","entry":{entry},"date":"2026-11-16"}}"#);
    assert_eq!(fails(&mut book, day, "n", &reverse), "ENTRY_STATE");
    check_rebuilds(&book);
}
