//! The CSV and ECB importers against a book: good files, bad rows (with
//! their line numbers), re-import, and the ECB sample.

use landed::book::BatchMode;
use landed::{Book, BookConfig, Currency, DateTime, NaiveDate, Utc};
use landed_connect::Mapped;
use landed_connect::import::{Kind, detect, map_csv};

const ECB: &str = include_str!("../../tests/data/ecb-sample.csv");

fn at() -> DateTime<Utc> {
    "2026-08-10T08:00:00Z".parse().unwrap()
}

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn cur(code: &str) -> Currency {
    Currency::from_code(code).unwrap()
}

/// Executes mapped commands in one all-or-nothing batch; returns how many
/// were new (not answered as duplicates).
fn apply(book: &mut Book, mapped: Vec<Mapped>) -> usize {
    let results = book.execute_batch(
        mapped.into_iter().map(|m| (m.command, m.context)),
        BatchMode::AllOrNothing,
    );
    results
        .into_iter()
        .map(|r| r.unwrap())
        .filter(|o| !o.duplicate)
        .count()
}

fn import(book: &mut Book, name: &str) -> usize {
    let text = data(name);
    let kind = detect(&text).unwrap_or_else(|| panic!("{name}: kind not detected"));
    apply(book, map_csv(kind, name, &text, at()).unwrap())
}

const FILES: [&str; 7] = [
    "locations.csv",
    "skus.csv",
    "suppliers.csv",
    "purchase_orders.csv",
    "receipts.csv",
    "transfers.csv",
    "landed_costs.csv",
];

fn quarter() -> Book {
    let mut book = Book::new(BookConfig::new(cur("CNY"))).unwrap();
    let rates =
        landed_connect::ecb::map_ecb("ecb-sample.csv", ECB, cur("CNY"), &[cur("USD"), cur("EUR")])
            .unwrap();
    assert_eq!(apply(&mut book, rates), 60);
    for file in FILES {
        import(&mut book, file);
    }
    book
}

#[test]
fn kinds_are_detected_from_headers() {
    let kinds: Vec<Kind> = FILES.iter().map(|f| detect(&data(f)).unwrap()).collect();
    assert_eq!(
        kinds,
        [
            Kind::Locations,
            Kind::Skus,
            Kind::Suppliers,
            Kind::PurchaseOrders,
            Kind::Receipts,
            Kind::Transfers,
            Kind::LandedCosts
        ]
    );
}

#[test]
fn good_files_build_the_book() {
    let book = quarter();
    // 100 lamps received, 40 shipped to Germany and in transit.
    let lamp = book.stock("LAMP").unwrap();
    assert_eq!(lamp.on_hand, 60);
    let fan = book.stock("FAN").unwrap();
    assert_eq!(fan.on_hand, 70);
    let sku = book.sku("FAN").unwrap();
    assert_eq!(sku.spec.weight_kg.unwrap().to_string(), "2.5");
    assert_eq!(sku.spec.name, "Desk fan, 30 cm");
    // USD at the ECB cross rate of 2026-10-12: CNY per EUR / USD per EUR.
    let po = book.purchase_order("PO-1").unwrap();
    assert_eq!(po.lines.len(), 2);
    // On hand in Shenzhen: 60 of the 100 lamps at 2.50 USD and the 20 fans
    // at 6.00 USD, both at 7.4832 / 1.1181 = 6.692782 CNY (2026-10-12),
    // with the 300 CNY of trucking spread by weight (120 kg of lamps, 50 kg
    // of fans: 211.76 and 88.24), and the 50 fans at 40 CNY:
    // (1673.20 + 211.76) × 0.6 + 803.13 + 88.24 + 2000.00.
    assert_eq!(book.inventory_value().to_string(), "4022.35 CNY");
    let in_transit = book
        .in_transit(NaiveDate::from_ymd_opt(2026, 10, 20).unwrap())
        .unwrap();
    // In transit: the other 40 lamps, (1673.20 + 211.76) × 0.4 = 753.98,
    // with the 100 USD of sea freight at 7.524 / 1.1253 (2026-10-16): 668.62.
    assert_eq!(in_transit.total_value.to_string(), "1422.60 CNY");
    assert_eq!(in_transit.shipments[0].units, 40);
}

#[test]
fn reimporting_every_file_changes_nothing() {
    let mut book = quarter();
    let (version, head) = (book.version(), book.head_hash_hex());
    let rates =
        landed_connect::ecb::map_ecb("ecb-sample.csv", ECB, cur("CNY"), &[cur("USD"), cur("EUR")])
            .unwrap();
    assert_eq!(apply(&mut book, rates), 0);
    for file in FILES {
        assert_eq!(import(&mut book, file), 0, "{file}");
    }
    assert_eq!((book.version(), book.head_hash_hex()), (version, head));
}

#[test]
fn bad_rows_are_reported_with_their_lines_and_nothing_maps() {
    let refused = map_csv(Kind::Skus, "bad_skus.csv", &data("bad_skus.csv"), at()).unwrap_err();
    let lines: Vec<usize> = refused.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    assert!(
        refused.errors[0].reason.contains("weight_kg"),
        "{}",
        refused.errors[0].reason
    );
    assert_eq!(refused.errors[1].reason, "code is empty");
    assert_eq!(refused.errors[2].reason, "expected 6 cells, found 5");
    assert_eq!(refused.file, "bad_skus.csv");
    assert!(
        refused
            .to_string()
            .starts_with("bad_skus.csv: 4 row(s) refused, first line 3: ")
    );
}

#[test]
fn header_problems_refuse_the_file_on_line_1() {
    let err = map_csv(Kind::Skus, "s.csv", "code,name,weigth_kg\nA,B,1\n", at()).unwrap_err();
    assert_eq!(err.errors.len(), 1);
    assert_eq!(err.errors[0].line, 1);
    assert_eq!(
        err.errors[0].reason,
        "unknown column \"weigth_kg\" for a skus file"
    );
    let err = map_csv(Kind::Locations, "l.csv", "code,name\nA,B\n", at()).unwrap_err();
    assert_eq!(
        err.errors[0].reason,
        "missing column(s) kind for a locations file"
    );
}

#[test]
fn grouped_rows_must_agree_and_errors_name_the_row() {
    let text = "po,supplier,date,sku,quantity,unit_price,currency,destination\n\
                PO-1,F1,2026-10-05,LAMP,100,2.50,USD,SZ\n\
                PO-1,F2,2026-10-05,FAN,20,6.00,USD,SZ\n\
                PO-2,F1,2026-10-05,FAN,2.5,6.00,USD,SZ\n";
    let err = map_csv(Kind::PurchaseOrders, "po.csv", text, at()).unwrap_err();
    assert_eq!(err.errors.len(), 2);
    assert_eq!(err.errors[0].line, 3);
    assert_eq!(
        err.errors[0].reason,
        "supplier \"F2\" differs from \"F1\" on line 2 of the same PO-1"
    );
    assert_eq!(
        (err.errors[1].line, err.errors[1].reason.as_str()),
        (4, "quantity \"2.5\" is not a whole number")
    );
}

#[test]
fn a_refused_command_in_the_batch_undoes_the_whole_file() {
    let mut book = Book::new(BookConfig::new(cur("CNY"))).unwrap();
    import(&mut book, "locations.csv");
    // The second row repeats the first SKU's code: the core refuses it,
    // and the batch leaves the book as it was.
    let text = "code,name\nLAMP,Desk lamp\nLAMP,Another lamp\n";
    let mapped = map_csv(Kind::Skus, "dup.csv", text, at()).unwrap();
    let lines: Vec<usize> = mapped.iter().map(|m| m.line).collect();
    assert_eq!(lines, [2, 3]);
    let version = book.version();
    let results = book.execute_batch(
        mapped.into_iter().map(|m| (m.command, m.context)),
        BatchMode::AllOrNothing,
    );
    assert_eq!(results[1].as_ref().unwrap_err().code(), "DUPLICATE_CODE");
    assert_eq!(book.version(), version);
    assert!(book.sku("LAMP").is_err());
}

#[test]
fn command_ids_come_from_file_key_and_content() {
    let text = "code,name\nLAMP,Desk lamp\n";
    let a = map_csv(Kind::Skus, "dir/skus.csv", text, at()).unwrap();
    let b = map_csv(Kind::Skus, "other/skus.csv", text, at()).unwrap();
    let c = map_csv(Kind::Skus, "skus.csv", "code,name\nLAMP,Desk lamp!\n", at()).unwrap();
    assert_eq!(a[0].context.command_id, b[0].context.command_id);
    assert_ne!(a[0].context.command_id, c[0].context.command_id);
    let pos = map_csv(
        Kind::PurchaseOrders,
        "po.csv",
        &data("purchase_orders.csv"),
        at(),
    )
    .unwrap();
    let ids: Vec<&str> = pos
        .iter()
        .map(|m| m.context.command_id.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(ids, ["create", "confirm", "create", "confirm"]);
    assert!(pos[0].context.command_id.starts_with("po:PO-1:"));
    assert_eq!(pos[0].context.at.to_rfc3339(), "2026-10-05T09:00:00+00:00");
}

#[test]
fn ecb_history_maps_to_cross_rates_for_the_books_currencies() {
    let mapped = landed_connect::ecb::map_ecb(
        "h.csv",
        ECB,
        cur("CNY"),
        &[cur("USD"), cur("EUR"), cur("CNY")],
    )
    .unwrap();
    assert_eq!(mapped.len(), 60);
    // Oldest first.
    assert_eq!(mapped[0].context.at.date_naive().to_string(), "2026-08-10");
    let last = serde_json::to_value(&mapped[59].command).unwrap();
    assert_eq!(
        last,
        serde_json::json!({"type": "record_rates", "entries": [
            {"base": "EUR", "quote": "CNY", "date": "2026-10-30", "rate": "7.4326", "rate_type": "spot"},
            {"base": "USD", "quote": "CNY", "date": "2026-10-30", "rate": "6.652882", "rate_type": "spot"},
        ]})
    );
    assert_eq!(mapped[59].line, 2);
    // The daily file's layout gives the same command id for the same day.
    let daily = "Date, USD, CNY\n30 October 2026, 1.1172, 7.4326\n";
    let one = landed_connect::ecb::map_ecb("d.csv", daily, cur("CNY"), &[cur("USD"), cur("EUR")])
        .unwrap();
    assert_eq!(one[0].context.command_id, mapped[59].context.command_id);
    // A euro book records EUR/USD as published.
    let eur = landed_connect::ecb::map_ecb("h.csv", ECB, cur("EUR"), &[cur("USD")]).unwrap();
    assert!(
        serde_json::to_string(&eur[59].command)
            .unwrap()
            .contains(r#""base":"EUR","quote":"USD","date":"2026-10-30","rate":"1.1172""#)
    );
}

#[test]
fn ecb_bad_rows_and_missing_columns() {
    let text =
        "Date,USD,CNY,\n2026-10-30,1.1172,7.4326,\n2026-10-29,abc,7.4,\nyesterday,1.1,7.4,\n";
    let err = landed_connect::ecb::map_ecb("e.csv", text, cur("CNY"), &[cur("USD")]).unwrap_err();
    let lines: Vec<usize> = err.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4]);
    assert_eq!(err.errors[1].reason, "invalid date \"yesterday\"");
    let err = landed_connect::ecb::map_ecb("e.csv", text, cur("CNY"), &[cur("GBP")]).unwrap_err();
    assert_eq!(err.errors[0].reason, "no GBP column");
}
