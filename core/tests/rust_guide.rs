//! `docs/guides/rust.md`, run: its ```rust blocks are, in order, the body
//! of `guide` below, copied verbatim (each after a `// block N` line).
//! `guide_blocks_are_the_body_below` fails when the page and this file part
//! (indentation aside), so a guide example that no longer compiles or
//! passes fails here.

#[test]
fn guide() -> Result<(), landed::LandedError> {
    // block 1
    use chrono::{TimeZone, Utc};
    use landed::book::command::{Command, Context, Issue, IssueReason, Receive};
    use landed::book::{Book, BookConfig, Outcome};
    use landed::catalog::{LocationKind, LocationSpec};
    use landed::fx::{LookupPolicy, RateBook, RateType};
    use landed::inventory::Bucket;
    use landed::{Currency, Event, LandedError, Money, RoundingStrategy, parse_date};

    let cny = Currency::from_code("CNY")?;
    let mut book = Book::new(BookConfig::new(cny))?;
    assert_eq!(book.version(), 0);

    // block 2
    /// The context of a command on `day` November 2026, 09:00 UTC.
    fn ctx(day: u32, command_id: &str) -> Context {
        Context::new(
            Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap(),
            command_id,
        )
    }

    // block 3
    for (code, name, kind) in [
        ("SZ", "Shenzhen warehouse", LocationKind::Own),
        ("DE", "Leipzig 3PL", LocationKind::ThirdParty),
    ] {
        let spec = LocationSpec {
            code: code.into(),
            name: name.into(),
            kind,
            country: None,
            valuation_scope: None,
        };
        book.execute(
            Command::DefineLocation(spec),
            &ctx(1, &format!("loc-{code}")),
        )?;
    }
    let lamp = Command::from_json(
        r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp",
        "weight_kg":"1.2","dimensions_cm":{"length":"30","width":"20","height":"10"}}"#,
    )?;
    book.execute(lamp, &ctx(1, "sku-LAMP"))?;
    assert_eq!(book.version(), 3);

    // block 4
    let usd = Currency::from_code("USD")?;
    let mut rates = RateBook::new();
    rates.insert(
        usd,
        cny,
        RateType::Spot,
        parse_date("2026-11-02")?,
        "7.10".parse().unwrap(),
    )?;
    let cost = rates.convert(
        &Money::parse("2.50", "USD")?,
        cny,
        parse_date("2026-11-02")?,
        RateType::Spot,
        LookupPolicy::default(),
        RoundingStrategy::default(),
    )?;
    assert_eq!(cost.amount.to_string(), "17.75 CNY");
    assert_eq!(cost.rate.to_string(), "7.10");

    let receipt = Receive {
        sku: "LAMP".into(),
        location: "SZ".into(),
        quantity: 100,
        unit_cost: cost.amount,
        bucket: Bucket::Available,
        lot: None,
        expiry: None,
        damage_reason: None,
        reference: Some("GRN-0".into()),
    };
    let out = book.execute(Command::Receive(receipt), &ctx(2, "GRN-0"))?;
    let Event::Received(received) = &out.events[0].event else {
        panic!("a receipt")
    };
    assert_eq!(received.value.to_string(), "1775.00 CNY");
    assert_eq!(book.position("LAMP", "SZ", None)?.on_hand, 100);

    // block 5
    /// The lines of every voucher an outcome posted, as (account, debit, credit).
    fn posted(outcome: &Outcome) -> Vec<(String, String, String)> {
        let entries = outcome
            .events
            .iter()
            .filter_map(|record| match &record.event {
                Event::JournalPosted(entry) => Some(entry),
                _ => None,
            });
        entries
            .flat_map(|entry| &entry.lines)
            .map(|l| {
                (
                    l.account.to_string(),
                    l.debit.to_string(),
                    l.credit.to_string(),
                )
            })
            .collect()
    }
    let line =
        |account: &str, debit: &str, credit: &str| (account.into(), debit.into(), credit.into());

    // Dr 1300 Inventory / Cr 2100 Goods received not invoiced
    assert_eq!(
        posted(&out),
        [
            line("1300", "1775.00", "0.00"),
            line("2100", "0.00", "1775.00")
        ]
    );

    // block 6
    let run = |book: &mut Book, day: u32, id: &str, json: &str| -> Result<Outcome, LandedError> {
        book.execute(Command::from_json(json)?, &ctx(day, id))
    };
    run(
        &mut book,
        3,
        "T-1/create",
        r#"{"type":"create_transfer","transfer":"T-1","source":"SZ",
        "destination":"DE","lines":[{"sku":"LAMP","quantity":40}]}"#,
    )?;
    run(
        &mut book,
        3,
        "T-1/approve",
        r#"{"type":"approve_transfer","transfer":"T-1"}"#,
    )?;
    let out = run(
        &mut book,
        3,
        "T-1/ship",
        r#"{"type":"ship_transfer","transfer":"T-1",
        "shipment":{"carrier":"COSCO","tracking":"CSLU7","eta":"2026-11-25"}}"#,
    )?;
    // Dr 1310 Goods in transit / Cr 1300 Inventory, at the units' cost: 40 × 17.75
    assert_eq!(
        posted(&out),
        [
            line("1310", "710.00", "0.00"),
            line("1300", "0.00", "710.00")
        ]
    );
    assert_eq!(book.position("LAMP", "DE", None)?.quantities.in_transit, 40);
    assert_eq!(
        book.in_transit(parse_date("2026-11-05")?)?
            .total_value
            .to_string(),
        "710.00 CNY"
    );

    // 39 arrive in good order, one crushed: it goes to the damaged bucket at its cost.
    run(
        &mut book,
        8,
        "T-1/receive",
        r#"{"type":"receive_transfer","transfer":"T-1",
        "lines":[{"line":1,"accepted":39,"damaged":1,"damage_reason":"crushed"}]}"#,
    )?;
    let at_de = book.position("LAMP", "DE", None)?;
    assert_eq!(
        (
            at_de.quantities.available,
            at_de.quantities.damaged,
            at_de.on_hand
        ),
        (39, 1, 40)
    );
    assert_eq!(book.transfer("T-1")?.status.name(), "received");

    // block 7
    let sale = Issue {
        sku: "LAMP".into(),
        location: "DE".into(),
        quantity: 10,
        reason: IssueReason::Sale,
        bucket: Bucket::Available,
        lot: None,
        reference: Some("302-1234567".into()),
        channel: Some("amazon-de".into()),
    };
    let out = book.execute(Command::Issue(sale.clone()), &ctx(9, "order-302-1234567"))?;
    let Event::Issued(sold) = &out.events[0].event else {
        panic!("an issue")
    };
    assert_eq!(sold.value.to_string(), "177.50 CNY"); // 10 × 17.75
    assert_eq!(
        posted(&out),
        [
            line("5000", "177.50", "0.00"),
            line("1300", "0.00", "177.50")
        ]
    );

    // block 8
    run(
        &mut book,
        10,
        "rates-2026-11-10",
        r#"{"type":"record_rates","entries":[
        {"base":"USD","quote":"CNY","date":"2026-11-10","rate":"7.20"}]}"#,
    )?;
    run(
        &mut book,
        10,
        "supplier-F1",
        r#"{"type":"define_supplier","code":"F1",
        "name":"Ningbo Lighting","currency":"USD","payment_terms_days":30}"#,
    )?;
    run(
        &mut book,
        10,
        "PO-1/create",
        r#"{"type":"create_purchase_order","po":"PO-1","supplier":"F1",
        "date":"2026-11-10","lines":[{"sku":"LAMP","quantity":50,
        "unit_price":{"amount":"2.60","currency":"USD"},"destination":"SZ"}]}"#,
    )?;
    run(
        &mut book,
        10,
        "PO-1/confirm",
        r#"{"type":"confirm_purchase_order","po":"PO-1"}"#,
    )?;
    assert_eq!(book.position("LAMP", "SZ", None)?.quantities.on_order, 50);

    let out = run(
        &mut book,
        12,
        "GRN-1",
        r#"{"type":"receive_purchase_order","po":"PO-1",
        "receipt":"GRN-1","lines":[{"line":1,"quantity":50}]}"#,
    )?;
    // 50 × 2.60 × 7.20
    assert_eq!(
        posted(&out),
        [
            line("1300", "936.00", "0.00"),
            line("2100", "0.00", "936.00")
        ]
    );
    assert_eq!(book.purchase_orders()?[0].status.name(), "received");

    // block 9
    let out = run(
        &mut book,
        12,
        "LC-1",
        r#"{"type":"apply_landed_cost","voucher":"LC-1",
        "date":"2026-11-12","charges":[{"description":"Sea freight Shenzhen-Hamburg",
        "kind":"freight","amount":{"amount":"100.00","currency":"USD"},"account":"2200",
        "method":"quantity"}],"targets":[{"type":"transfer","transfer":"T-1","line":1}]}"#,
    )?;
    assert_eq!(
        posted(&out),
        [
            line("1300", "540.00", "0.00"), // 30 lamps still in Germany
            line("5000", "180.00", "0.00"), // 10 lamps already sold
            line("2200", "0.00", "720.00"), // accrued freight
        ]
    );
    let report = book.landed_cost(Some("LAMP"))?;
    assert_eq!(report.lines[0].total.freight.to_string(), "720.00 CNY");
    assert_eq!(report.lines[0].per_unit.freight.to_string(), "18.00 CNY");

    // block 10
    // Selling commands are typed like the others; here they are read from the
    // JSON a channel connector would write (`Command::from_json`).
    let mut shop = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
    let setup = [
        r#"{"type":"define_location","code":"LA","name":"3PL Los Angeles","kind":"third_party","country":"US"}"#,
        r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own","country":"CN"}"#,
        r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#,
        r#"{"type":"receive","sku":"LAMP","location":"LA","quantity":3,"unit_cost":{"amount":"8.00","currency":"USD"}}"#,
        r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":10,"unit_cost":{"amount":"7.00","currency":"USD"}}"#,
        r#"{"type":"define_channel","code":"shop-us","name":"Shopify US","kind":"shopify","currency":"USD","split_lines":true,"locations":[{"location":"LA","country":"US"},{"location":"SZ"}]}"#,
        r#"{"type":"define_listing","channel":"shop-us","listing":"lamp-black","sku":"LAMP"}"#,
    ];
    for (n, command) in setup.into_iter().enumerate() {
        shop.execute(Command::from_json(command)?, &ctx(3, &format!("shop-{n}")))?;
    }
    let order = r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1001","date":"2026-11-20","ship_to_country":"US",
        "lines":[{"line":"1","listing":"lamp-black","quantity":5,"unit_price":"25.00","shipping":"5.00","tax":"8.00"}]}"#;
    shop.execute(Command::from_json(order)?, &ctx(20, "order-1001"))?;
    let status = shop.sales_order("shop-us", "1001")?;
    let at: Vec<_> = status.lines[0]
        .locations
        .iter()
        .map(|a| (a.location.as_str(), a.reserved))
        .collect();
    assert_eq!(at, [("LA", 3), ("SZ", 2)]);
    assert!(shop.order_exceptions().is_empty());

    // Shipping: 3 × 8.00 + 2 × 7.00 of cost; 138.00 receivable from the channel.
    let ship =
        r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1001"}"#;
    let shipped = posted(&shop.execute(Command::from_json(ship)?, &ctx(21, "ship-1001"))?);
    assert_eq!(shipped[0], line("5000", "24.00", "0.00"));
    assert_eq!(shipped[2], line("5000", "14.00", "0.00"));
    assert_eq!(shipped[4], line("1250", "138.00", "0.00"));
    assert_eq!(
        shop.sales_order("shop-us", "1001")?.lines[0]
            .net_cost
            .to_string(),
        "38.00"
    );

    // A lamp comes back with a cracked shade: damaged, at the cost that went out.
    let rma = r#"{"type":"receive_sales_return","channel":"shop-us","order":"1001","line":"1","quantity":1,
        "grade":"damaged","location":"SZ","reason":"cracked shade"}"#;
    shop.execute(Command::from_json(rma)?, &ctx(25, "rma-1"))?;
    let orders = shop.sales_orders(Some("shop-us"));
    let returned = &orders[0].lines[0];
    assert_eq!(
        (returned.returned, returned.net_cost.to_string()),
        (1, "30.40".to_string())
    );

    // Shipping more than is reserved is refused; the book is unchanged.
    let version = shop.version();
    let again = r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1002",
        "lines":[{"line":"1","location":"LA","quantity":1}]}"#;
    let err = shop
        .execute(Command::from_json(again)?, &ctx(26, "ship-again"))
        .unwrap_err();
    assert_eq!(err.code(), "OVER_SHIPMENT");
    assert_eq!(shop.version(), version);

    // block 11
    let settle = r#"{"type":"record_marketplace_settlement","channel":"shop-us","settlement":"PAYOUT-1",
        "date":"2026-11-26","rows":[{"kind":"order","order":"1001","amount":"138.00"},
        {"kind":"fee","fee":"referral","order":"1001","amount":"-18.75"}]}"#;
    let payout = posted(&shop.execute(Command::from_json(settle)?, &ctx(26, "payout-1"))?);
    // 138.00 cleared from the channel, 18.75 of referral fee, 119.25 on its way to the bank.
    assert_eq!(
        payout,
        [
            line("1150", "119.25", "0.00"),
            line("6000", "18.75", "0.00"),
            line("1250", "0.00", "138.00")
        ]
    );
    assert_eq!(shop.sales_settlement("PAYOUT-1")?.net.to_string(), "119.25");
    // 118.00 reaches the bank; the payment provider kept 1.25.
    let bank = r#"{"type":"record_payment","date":"2026-11-28","amount":{"amount":"118.00","currency":"USD"},
        "fee":{"amount":"1.25","currency":"USD"},"allocations":[{"document":"PAYOUT-1"}]}"#;
    let banked = posted(&shop.execute(Command::from_json(bank)?, &ctx(28, "bank-1"))?);
    assert_eq!(banked[1], line("6400", "1.25", "0.00"));

    // The lamp in November: 125.00 of sales + 5.00 of shipping − 30.40 of cost
    // (five lamps went out at 38.00, the damaged one came back at 7.60) − 18.75 of fees.
    let november = landed::report::ProfitQuery::new(
        parse_date("2026-11-01")?,
        parse_date("2026-11-30")?,
        landed::report::ProfitGroup::Sku,
    );
    let report = shop.profit(&november)?;
    let lamp = report
        .lines
        .iter()
        .find(|l| l.key.as_deref() == Some("LAMP"))
        .map(|l| &l.figures)
        .ok_or(LandedError::Internal {
            detail: "no LAMP line".into(),
        })?;
    let figures = [&lamp.revenue, &lamp.cogs, &lamp.fees, &lamp.profit].map(|d| d.to_string());
    assert_eq!(figures, ["125.00", "30.40", "18.75", "80.85"]);
    // The provider's fee belongs to no SKU; the total has it: 80.85 − 1.25.
    assert_eq!(report.total.profit.to_string(), "79.60");

    // block 12
    let version = book.version();
    let too_many = Issue {
        quantity: 500,
        reference: None,
        ..sale.clone()
    };
    let err = book
        .execute(Command::Issue(too_many), &ctx(13, "order-302-7654321"))
        .unwrap_err();
    assert_eq!(err.code(), "INSUFFICIENT_STOCK");
    assert!(matches!(err, LandedError::InsufficientStock { .. }));
    assert_eq!(
        err.to_string(),
        "insufficient stock of LAMP at DE in available: requested 500, available 29"
    );
    assert_eq!(book.version(), version);

    // Retrying a command id with the same command returns its first outcome.
    let again = book.execute(Command::Issue(sale), &ctx(9, "order-302-1234567"))?;
    assert!(again.duplicate && book.version() == version);
    assert!(LandedError::CODES.contains(&"INSUFFICIENT_STOCK"));

    // block 13
    let tb = book.trial_balance(parse_date("2026-11-30")?, None);
    let balances: Vec<_> = tb
        .lines
        .iter()
        .map(|l| (l.account.as_str(), l.balance.to_string()))
        .collect();
    assert_eq!(
        balances,
        [
            ("1300", "3073.50 CNY".to_string()), // inventory: Shenzhen 2,001.00 + Germany 1,072.50
            ("1310", "0.00 CNY".to_string()),    // goods in transit: the transfer has arrived
            ("2100", "-2711.00 CNY".to_string()), // goods received, not invoiced (a credit balance)
            ("2200", "-720.00 CNY".to_string()), // accrued freight
            ("5000", "357.50 CNY".to_string()),  // cost of goods sold: 177.50 + 180.00
        ]
    );
    assert_eq!(tb.total_debit, tb.total_credit);
    assert_eq!(tb.total_debit.to_string(), "5028.50 CNY");

    let stock = book.stock("LAMP")?;
    assert_eq!(
        (stock.on_hand, stock.totals.available, stock.totals.damaged),
        (140, 139, 1)
    );
    let value: Vec<_> = book
        .valuation(Some("LAMP"))?
        .iter()
        .map(|l| (l.location.clone(), l.value.to_string()))
        .collect();
    assert_eq!(
        value,
        [
            ("SZ".into(), "2001.00 CNY".into()),
            ("DE".into(), "1072.50 CNY".into())
        ]
    );
    // The stock's value equals the inventory accounts, location by location.
    assert!(book.reconciliation().iter().all(|l| l.difference.is_zero()));

    // block 14
    let stored = serde_json::to_string(book.events()).expect("events serialize");
    let head = book.head_hash_hex();
    assert_eq!(head.len(), 64);

    let rebuilt = Book::replay_json(book.config().clone(), &stored)?;
    assert_eq!(rebuilt.snapshot(), book.snapshot());
    assert_eq!(rebuilt.head_hash_hex(), head);

    // A log that lost its last command replays, but to another head.
    let events = landed::RecordedEvent::log_from_json(&stored)?;
    let cut = Book::replay(
        book.config().clone(),
        events[..events.len() - 2].iter().cloned(),
    )?;
    assert_ne!(cut.head_hash_hex(), head);

    // An edited event breaks the hash chain.
    let mut edited: serde_json::Value = serde_json::from_str(&stored).expect("JSON");
    edited[3]["event"]["quantity"] = 1000.into(); // the first receipt
    let err = Book::replay_json(book.config().clone(), &edited.to_string()).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG");

    // A snapshot restores the whole book without replaying.
    assert_eq!(Book::restore(book.snapshot())?.head_hash_hex(), head);

    Ok(())
}

#[test]
fn guide_blocks_are_the_body_below() {
    let guide = include_str!("../../docs/guides/rust.md");
    let this: Vec<&str> = include_str!("rust_guide.rs")
        .lines()
        .map(str::trim)
        .collect();
    let mut from = 0;
    let mut blocks = 0;
    for block in guide.split("```rust\n").skip(1) {
        let code: Vec<&str> = block
            .split("\n```")
            .next()
            .unwrap()
            .lines()
            .map(str::trim)
            .collect();
        blocks += 1;
        let marker = format!("// block {blocks}");
        let at = this[from..]
            .iter()
            .position(|line| *line == marker)
            .map(|i| from + i + 1)
            .unwrap_or_else(|| {
                panic!("no `{marker}` after line {from} of core/tests/rust_guide.rs")
            });
        assert_eq!(
            this.get(at..at + code.len()),
            Some(code.as_slice()),
            "docs/guides/rust.md block {blocks} is not the code after `{marker}`"
        );
        from = at + code.len();
    }
    assert_eq!(
        this.iter()
            .filter(|line| line.starts_with("// block "))
            .count(),
        blocks,
        "one block of the guide per `// block N` here"
    );
}
