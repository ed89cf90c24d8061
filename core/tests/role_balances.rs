//! Balances by account role, on a seller's month built with the Rust
//! constructors only (no JSON): a purchase in USD received in Shenzhen, a
//! transfer to a German 3PL (goods in transit), a sale, the supplier's
//! invoice and its payment at another rate (realized FX). The figures by
//! role equal the balances of the accounts the rules map them to, and a
//! host's own chart with other codes gives the same figures.

use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
use landed::command::{Command, Issue};
use landed::ledger::{AccountRole, ChartSpec, LedgerSetup, PostingRule, SettlementSpec};
use landed::report::LineFilter;
use landed::trade::{
    InvoiceMatchLine, PurchaseLineSpec, PurchaseOrderSpec, RateInput, ReceiptLineSpec,
    SupplierInvoiceSpec, SupplierSpec, TransferLineSpec, TransferReceiptLine, TransferSpec,
};
use landed::{Book, BookConfig, Context, Currency, LandedError, Money, NaiveDate, parse_date};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn usd(amount: &str) -> Money {
    Money::parse(amount, "USD").unwrap()
}

/// Runs the month on a book with `config`.
fn month(config: BookConfig) -> Result<Book, LandedError> {
    let mut book = Book::new(config)?;
    let mut n = 0;
    let mut run = |book: &mut Book, d: u32, command: Command| {
        n += 1;
        let at = landed::parse_datetime(&format!("2026-11-{d:02}T09:00:00Z"))?;
        book.execute(command, &Context::new(at, format!("cmd-{n}")).by("test"))
    };
    let usd_code = Currency::from_code("USD")?;
    let cny = Currency::from_code("CNY")?;
    run(
        &mut book,
        1,
        LocationSpec::new("SZ", "Shenzhen", LocationKind::Own).into(),
    )?;
    run(
        &mut book,
        1,
        LocationSpec::new("DE", "Berlin 3PL", LocationKind::ThirdParty)
            .country("DE")
            .into(),
    )?;
    run(&mut book, 1, SkuSpec::new("LAMP", "Desk lamp").into())?;
    run(
        &mut book,
        1,
        SupplierSpec::new("F1", "Factory", usd_code)
            .payment_terms_days(30)
            .into(),
    )?;
    let rate = "7.10".parse().unwrap();
    run(
        &mut book,
        1,
        Command::record_rates([RateInput::new(usd_code, cny, day(1), rate)]),
    )?;
    run(
        &mut book,
        1,
        PurchaseOrderSpec::new("PO-1", "F1", day(1))
            .line(PurchaseLineSpec::new("LAMP", 100, usd("2.50"), "SZ"))
            .into(),
    )?;
    run(&mut book, 1, Command::confirm_purchase_order("PO-1"))?;
    // 100 × 2.50 USD × 7.10 = 1,775.00 CNY: 17.75 a lamp.
    run(
        &mut book,
        2,
        Command::receive_purchase_order("PO-1", "GRN-1", [ReceiptLineSpec::new(1, 100)]),
    )?;
    // 40 lamps to Germany: 710.00 into goods in transit.
    run(
        &mut book,
        3,
        TransferSpec::new("TR-1", "SZ", "DE")
            .line(TransferLineSpec::new("LAMP", 40))
            .into(),
    )?;
    run(&mut book, 3, Command::approve_transfer("TR-1"))?;
    run(&mut book, 3, Command::ship_transfer("TR-1"))?;
    // 20 sold from Shenzhen: 355.00 cost of goods sold.
    run(
        &mut book,
        4,
        Issue::sale("LAMP", "SZ", 20).channel("amazon-us").into(),
    )?;
    // Invoiced at the receipt's price and rate: GRNI cleared, payable 1,775.00.
    run(
        &mut book,
        5,
        SupplierInvoiceSpec::new("INV-1", "F1", day(5))
            .rate(rate)
            .line(InvoiceMatchLine::new("GRN-1", 1, 100, usd("2.50")))
            .into(),
    )?;
    run(
        &mut book,
        15,
        Command::receive_transfer("TR-1", [TransferReceiptLine::new(1).accepted(40)]),
    )?;
    // Paid at 7.25: 1,812.50 CNY for a 1,775.00 payable, 37.50 realized loss.
    run(
        &mut book,
        20,
        SettlementSpec::new("INV-1", day(20), usd("250.00"))
            .rate("7.25".parse().unwrap())
            .into(),
    )?;
    Ok(book)
}

/// The balance of `role` as "amount" text.
fn of(book: &Book, role: AccountRole, as_of: NaiveDate) -> String {
    book.balance_by_role(role, as_of, None)
        .unwrap()
        .amount
        .to_string()
}

/// The trial-balance balance of account `code` as "amount" text.
fn account_balance(book: &Book, code: &str, as_of: NaiveDate) -> String {
    let trial = book.trial_balance(as_of, None);
    let line = trial.lines.iter().find(|l| l.account == code);
    line.map(|l| l.balance.amount.to_string())
        .unwrap_or_default()
}

/// Every role's balance equals the sum of its accounts' trial-balance lines.
fn roles_match_their_accounts(book: &Book, as_of: NaiveDate) {
    let trial = book.trial_balance(as_of, None);
    let balances = book.balances_by_role(as_of, None);
    assert_eq!(balances, trial.by_role(book.posting_rules()));
    let accounts = book.role_accounts();
    assert_eq!(balances.roles.len(), accounts.len());
    for line in &balances.roles {
        assert_eq!(line.accounts, accounts[&line.role]);
        let sum: landed::Decimal = trial
            .lines
            .iter()
            .filter(|l| line.accounts.contains(&l.account))
            .map(|l| l.balance.amount)
            .sum();
        assert_eq!(line.balance.amount, sum, "{:?}", line.role);
        assert_eq!(line.balance.amount, line.debit.amount - line.credit.amount);
    }
}

fn standard() -> BookConfig {
    BookConfig::new(Currency::from_code("CNY").unwrap())
}

#[test]
fn inventory_cogs_transit_and_realized_fx_by_role() {
    let book = month(standard()).unwrap();
    use AccountRole::*;
    // In transit on the 12th, received in Germany on the 15th.
    assert_eq!(of(&book, Inventory, day(12)), "710.00");
    assert_eq!(of(&book, GoodsInTransit, day(12)), "710.00");
    assert_eq!(of(&book, Cogs, day(12)), "355.00");
    assert_eq!(of(&book, Grni, day(12)), "0.00");
    assert_eq!(of(&book, Payable, day(12)), "-1775.00");
    assert_eq!(of(&book, RealizedFx, day(12)), "0.00");
    assert_eq!(of(&book, Inventory, day(30)), "1420.00");
    assert_eq!(of(&book, GoodsInTransit, day(30)), "0.00");
    assert_eq!(of(&book, Cogs, day(30)), "355.00");
    assert_eq!(of(&book, Payable, day(30)), "0.00");
    assert_eq!(of(&book, Cash, day(30)), "-1812.50");
    assert_eq!(of(&book, RealizedFx, day(30)), "37.50");
    // The standard chart's codes hold the same figures.
    let account = |code: &str| account_balance(&book, code, day(12));
    assert_eq!(account("1300"), "710.00");
    assert_eq!(account("1310"), "710.00");
    assert_eq!(account("5000"), "355.00");
    for as_of in [day(2), day(3), day(12), day(20), day(30)] {
        roles_match_their_accounts(&book, as_of);
    }
    // A filter counts only matching lines: the stock in Germany.
    let germany = LineFilter {
        location: Some("DE".into()),
        ..LineFilter::default()
    };
    let de = book.balance_by_role(Inventory, day(30), Some(&germany));
    assert_eq!(de.unwrap().to_string(), "710.00 CNY");
}

/// The standard chart with every code prefixed by `9`, and a rule sending
/// inventory in Germany to an account of its own.
fn own_chart() -> ChartSpec {
    let mut chart = ChartSpec::standard();
    for account in &mut chart.accounts {
        account.code = format!("9{}", account.code);
    }
    for rule in &mut chart.rules {
        rule.account = format!("9{}", rule.account);
    }
    let mut germany = chart.accounts[0].clone();
    germany.code = "91301".into();
    germany.name = "Inventory at the German 3PL".into();
    germany.account_type = landed::ledger::AccountType::Asset;
    chart.accounts.push(germany);
    chart.rules.push(PostingRule {
        location: Some("DE".into()),
        ..PostingRule::fallback(AccountRole::Inventory, "91301")
    });
    chart
}

#[test]
fn a_chart_with_other_codes_gives_the_same_figures_by_role() {
    let reference = month(standard()).unwrap();
    let own = month(standard().ledger(LedgerSetup::Custom(own_chart()))).unwrap();
    for as_of in [day(2), day(3), day(12), day(20), day(30)] {
        let (a, b) = (
            reference.balances_by_role(as_of, None),
            own.balances_by_role(as_of, None),
        );
        let figures = |r: &landed::report::RoleBalances| {
            r.roles
                .iter()
                .map(|l| (l.role, l.debit, l.credit, l.balance))
                .collect::<Vec<_>>()
        };
        assert_eq!(figures(&a), figures(&b), "{as_of}");
        roles_match_their_accounts(&own, as_of);
    }
    let accounts = own.role_accounts();
    assert_eq!(accounts[&AccountRole::Inventory], ["91300", "91301"]);
    assert_eq!(accounts[&AccountRole::GoodsInTransit], ["91310"]);
    assert_eq!(accounts[&AccountRole::RealizedFx], ["97000"]);
    // Both inventory accounts count: 710.00 in Shenzhen, 710.00 in Germany.
    assert_eq!(account_balance(&own, "91300", day(30)), "710.00");
    assert_eq!(account_balance(&own, "91301", day(30)), "710.00");
    assert_eq!(
        own.balance_by_role(AccountRole::Inventory, day(30), None)
            .unwrap()
            .to_string(),
        "1420.00 CNY"
    );
}

#[test]
fn a_role_without_a_rule_is_a_coded_error() {
    // A book without a ledger has no rules at all.
    let off = Book::new(standard().ledger(LedgerSetup::Off)).unwrap();
    assert!(off.posting_rules().is_empty());
    assert!(off.role_accounts().is_empty());
    let as_of = parse_date("2026-11-30").unwrap();
    assert!(off.balances_by_role(as_of, None).roles.is_empty());
    let err = off
        .balance_by_role(AccountRole::Inventory, as_of, None)
        .unwrap_err();
    assert_eq!(err.code(), "MISSING_POSTING_RULE");
    assert!(err.to_string().contains("inventory"), "{err}");
    // A custom chart need not map the damage write-down roles.
    let mut chart = ChartSpec::standard();
    chart.rules.retain(|r| {
        !matches!(
            r.role,
            AccountRole::DamageWriteDown | AccountRole::InventoryAllowance
        )
    });
    let book = Book::new(standard().ledger(LedgerSetup::Custom(chart))).unwrap();
    let err = book
        .balance_by_role(AccountRole::DamageWriteDown, as_of, None)
        .unwrap_err();
    assert_eq!(err.code(), "MISSING_POSTING_RULE");
    // Mapped roles with no postings are zero, in minor units.
    let cogs = book.balance_by_role(AccountRole::Cogs, as_of, None);
    assert_eq!(cogs.unwrap().to_string(), "0.00 CNY");
}
