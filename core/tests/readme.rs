//! The Rust examples of `core/README.md`, compiled and run.
//!
//! Each ```rust block of the README (and of the root `README.md`) is one
//! module below, copied verbatim; `readme_blocks_are_the_modules_below`
//! fails when a README and this file part (indentation aside), so an
//! example that no longer compiles or passes fails here.

mod split_fees {
    use landed::{Money, money::allocate};

    fn split_fees() -> Result<(), landed::LandedError> {
        // Spread 0.05 USD of bank fees over two lines weighted 3:7.
        let shares = allocate(&Money::parse("0.05", "USD")?, &[3.into(), 7.into()])?;
        assert_eq!(shares[0].to_string(), "0.02 USD");
        assert_eq!(shares[1].to_string(), "0.03 USD");
        Ok(())
    }

    #[test]
    fn runs() {
        split_fees().unwrap();
    }
}

mod sell_lamps {
    use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
    use landed::command::{Issue, Receive};
    use landed::ledger::AccountRole;
    use landed::{Book, BookConfig, Context, Currency, Money, parse_date, parse_datetime};

    fn sell_lamps() -> Result<(), landed::LandedError> {
        let mut book = Book::new(BookConfig::new(Currency::from_code("CNY")?))?;
        let at = parse_datetime("2026-11-02T09:00:00Z")?;
        let shenzhen = LocationSpec::new("SZ", "Shenzhen", LocationKind::Own);
        book.execute(shenzhen, &Context::new(at, "cmd-1"))?;
        let lamp = SkuSpec::new("LAMP", "Desk lamp");
        book.execute(lamp, &Context::new(at, "cmd-2"))?;
        let receive = Receive::new("LAMP", "SZ", 100, Money::parse("17.75", "CNY")?);
        book.execute(receive, &Context::new(at, "cmd-3"))?;
        let sale = Issue::sale("LAMP", "SZ", 30).channel("amazon-us");
        book.execute(sale, &Context::new(at, "cmd-4"))?;
        assert_eq!(book.position("LAMP", "SZ", None)?.on_hand, 70);

        let month_end = parse_date("2026-11-30")?;
        for line in book.trial_balance(month_end, None).lines {
            println!(
                "{} {:<28} {:>10}",
                line.account, line.name, line.balance.amount
            );
        }
        // The same figures by role, whatever the chart's account codes.
        let roles = book.balances_by_role(month_end, None);
        assert_eq!(
            roles.balance(AccountRole::Inventory)?.to_string(),
            "1242.50 CNY"
        );
        assert_eq!(roles.balance(AccountRole::Cogs)?.to_string(), "532.50 CNY");
        Ok(())
    }

    #[test]
    fn runs() {
        sell_lamps().unwrap();
    }
}

/// The root `README.md`'s example.
mod receive_and_sell {
    use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
    use landed::command::{Issue, Receive};
    use landed::ledger::AccountRole;
    use landed::{Book, BookConfig, Command, Context, Currency, Money, parse_date, parse_datetime};

    fn receive_and_sell() -> Result<(), landed::LandedError> {
        let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
        let at = parse_datetime("2026-11-02T09:00:00Z")?;
        let commands: [Command; 4] = [
            LocationSpec::new("DE", "Berlin 3PL", LocationKind::ThirdParty).into(),
            SkuSpec::new("LAMP", "Desk lamp").weight_kg(1.into()).into(),
            Receive::new("LAMP", "DE", 50, Money::parse("4.20", "USD")?).into(),
            Issue::sale("LAMP", "DE", 8).into(),
        ];
        for (n, command) in commands.into_iter().enumerate() {
            book.execute(command, &Context::new(at, format!("cmd-{n}")))?;
        }
        let trial = book.trial_balance(parse_date("2026-11-30")?, None);
        for line in &trial.lines {
            println!(
                "{} {:<28} {:>10}",
                line.account, line.name, line.balance.amount
            );
        }
        // Inventory 42 × 4.20 = 176.40, cost of goods sold 8 × 4.20 = 33.60,
        // against 210.00 of goods received, not invoiced.
        let inventory = book.balance_by_role(AccountRole::Inventory, trial.as_of, None)?;
        assert_eq!(inventory.to_string(), "176.40 USD");
        assert_eq!(trial.total_debit.to_string(), "243.60 USD");
        Ok(())
    }

    #[test]
    fn runs() {
        receive_and_sell().unwrap();
    }
}

/// The lines of `text`, each without its leading and trailing whitespace.
fn trimmed(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).collect()
}

/// How many ```rust blocks of `readme` (named `name`) there are; each must
/// be a module of this file.
fn blocks_are_modules(name: &str, readme: &str) -> usize {
    let this = trimmed(include_str!("readme.rs"));
    let mut blocks = 0;
    for block in readme.split("```rust\n").skip(1) {
        let code = trimmed(block.split("\n```").next().unwrap());
        blocks += 1;
        assert!(
            this.windows(code.len())
                .any(|window| window == code.as_slice()),
            "{name} block {blocks} is not a module of core/tests/readme.rs:\n{}",
            code.join("\n")
        );
    }
    blocks
}

#[test]
fn readme_blocks_are_the_modules_below() {
    let core = blocks_are_modules("core/README.md", include_str!("../README.md"));
    assert_eq!(core, 2, "one module here per README block");
    let root = blocks_are_modules("README.md", include_str!("../../README.md"));
    assert_eq!(root, 1, "one module here per README block");
}
