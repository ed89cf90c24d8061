//! The exports on the lamp book of the core's documentation
//! (core/tests/data/lamp-book.txt).

use landed::{Book, BookConfig, Command, Context};
use landed_connect::export::{
    AccountMapping, journal_csv, journal_json, trial_balance_csv, trial_balance_json, vouchers_csv,
};

fn lamp_book() -> Book {
    let text = include_str!("../../core/tests/data/lamp-book.txt");
    let mut book =
        Book::new(BookConfig::from_json(r#"{"functional_currency":"CNY"}"#).unwrap()).unwrap();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, rest) = line.split_once(' ').unwrap();
        let (day, json) = rest.trim_start().split_once(' ').unwrap();
        let context = Context::from_json(&format!(
            r#"{{"at":"{day}T09:00:00Z","command_id":"{id}"}}"#
        ))
        .unwrap();
        book.execute(Command::from_json(json).unwrap(), &context)
            .unwrap();
    }
    book
}

fn cny(book: &Book) -> landed::Currency {
    book.config().functional_currency
}

fn nov30() -> landed::NaiveDate {
    landed::parse_date("2026-11-30").unwrap()
}

#[test]
fn trial_balance_csv_and_json() {
    let book = lamp_book();
    let tb = book.trial_balance(nov30(), None);
    let csv = trial_balance_csv(&tb).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("account,name,type,debit,credit,balance,currency")
    );
    assert!(
        csv.contains("\n1300,Inventory,asset,3961.00,887.50,3073.50,CNY\n"),
        "{csv}"
    );
    // Cash from the half payout (225.00 USD at 7.25), AR left at 7.20, the
    // realised gain of 225 × (7.25 − 7.20).
    assert!(csv.contains("\n1100,Cash at bank,asset,1631.25,0.00,1631.25,CNY\n"));
    assert!(csv.contains("\n1200,Accounts receivable,asset,3240.00,1620.00,1620.00,CNY\n"));
    assert!(
        csv.contains("\n7000,Realized exchange gains and losses,expense,0.00,11.25,-11.25,CNY\n")
    );
    assert_eq!(csv.lines().count(), 1 + 9);
    let json: serde_json::Value = serde_json::from_str(&trial_balance_json(&tb).unwrap()).unwrap();
    assert_eq!(json["as_of"], "2026-11-30");
    assert_eq!(json["total_debit"], json["total_credit"]);
    // 1631.25 + 3240.00 + 3961.00 + 710.00 + 357.50
    assert_eq!(json["total_debit"]["amount"], "9899.75");
}

#[test]
fn journal_csv_and_json() {
    let book = lamp_book();
    let journal = book.journal();
    let csv = journal_csv(&journal, cny(&book)).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 1 + 20);
    assert_eq!(rows[0], landed_connect::export::JOURNAL_COLUMNS.join(","));
    assert_eq!(
        rows[1],
        "5,2026-11-02,stock in,GRN-0,,1,1300,1775.00,0.00,CNY,,,,LAMP,SZ,,"
    );
    // The freight accrued in USD: 100.00 USD at 7.20.
    assert_eq!(
        rows[15],
        "27,2026-11-12,landed cost LC-1,LC-1,,3,2200,0.00,720.00,CNY,-100.00,USD,7.20,,,,"
    );
    assert_eq!(
        rows[20],
        "31,2026-11-20,settlement of INV-A1 225.00 USD,INV-A1,,3,7000,0.00,11.25,CNY,,,,,,,amazon-de"
    );
    let json: serde_json::Value = serde_json::from_str(&journal_json(&journal).unwrap()).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 9);
    assert_eq!(entries[0]["lines"][0]["debit"], "1775.00");
    assert_eq!(entries[8]["document"], "INV-A1");
}

#[test]
fn vouchers_through_a_mapping() {
    let book = lamp_book();
    let journal = book.journal();
    let plain = vouchers_csv(&journal, cny(&book), None).unwrap();
    assert_eq!(
        plain.lines().nth(1),
        Some("2026-11-02,202611-0001,stock in,1300,,1775.00,0.00,CNY,1,1775.00,LAMP,SZ,,GRN-0,,5")
    );
    let mapping = AccountMapping::from_csv(include_str!("data/mapping-cn.csv")).unwrap();
    let mapped = vouchers_csv(&journal, cny(&book), Some(&mapping)).unwrap();
    let rows: Vec<&str> = mapped.lines().collect();
    assert_eq!(rows.len(), 1 + 20);
    assert_eq!(rows[0], landed_connect::export::VOUCHER_COLUMNS.join(","));
    // Nine vouchers in November, numbered in date order.
    assert_eq!(rows[20].split(',').nth(1), Some("202611-0009"));
    assert_eq!(
        rows[1],
        "2026-11-02,202611-0001,stock in,1405,库存商品,1775.00,0.00,CNY,1,1775.00,LAMP,SZ,,GRN-0,,5"
    );
    // A line posted from USD keeps its currency, rate and original amount.
    assert_eq!(
        rows[15],
        "2026-11-12,202611-0007,landed cost LC-1,2241,其他应付款,0.00,720.00,USD,7.20,100.00,,,,LC-1,,27"
    );
    assert_eq!(
        rows[18],
        "2026-11-20,202611-0009,settlement of INV-A1 225.00 USD,1002,银行存款,1631.25,0.00,USD,7.25,225.00,,,amazon-de,INV-A1,,31"
    );
    // Debits equal credits in every voucher.
    let total = |col: usize| -> landed::Decimal {
        rows[1..]
            .iter()
            .map(|r| {
                r.split(',')
                    .nth(col)
                    .unwrap()
                    .parse::<landed::Decimal>()
                    .unwrap()
            })
            .sum()
    };
    assert_eq!(total(5), total(6));
    assert_eq!(total(5).to_string(), "9899.75");
}

#[test]
fn an_incomplete_mapping_names_every_missing_account() {
    let book = lamp_book();
    let partial: String = include_str!("data/mapping-cn.csv")
        .lines()
        .filter(|l| !l.starts_with("7000") && !l.starts_with("2200"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mapping = AccountMapping::from_csv(&partial).unwrap();
    let err = vouchers_csv(&book.journal(), cny(&book), Some(&mapping)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the account mapping has no target for 2200, 7000"
    );
    let err = AccountMapping::from_csv("account,target\n1300,1405\n1300,1406\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "mapping file line 3: account 1300 is mapped twice"
    );
    let err = AccountMapping::from_csv("from,to\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "mapping file line 1: the header needs the columns account and target"
    );
}
