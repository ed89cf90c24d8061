//! The Rust examples of `core/README.md`, compiled and run.
//!
//! Each ```rust block of the README is one module below, copied verbatim;
//! `readme_blocks_are_the_modules_below` fails when the README and this
//! file part (indentation aside), so an example that no longer compiles or
//! passes fails here.

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

mod receive_lamps {
    use landed::book::command::{Command, Context};
    use landed::book::{Book, BookConfig};

    const COMMANDS: [&str; 3] = [
        r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
        r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#,
        r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":100,"unit_cost":{"amount":"17.75","currency":"CNY"}}"#,
    ];

    fn receive_lamps() -> Result<(), landed::LandedError> {
        let mut book = Book::new(BookConfig::from_json(r#"{"functional_currency":"CNY"}"#)?)?;
        for (n, command) in COMMANDS.iter().enumerate() {
            let context = format!(r#"{{"at":"2026-11-02T09:00:00Z","command_id":"cmd-{n}"}}"#);
            book.execute(Command::from_json(command)?, &Context::from_json(&context)?)?;
        }
        assert_eq!(book.position("LAMP", "SZ", None)?.on_hand, 100);
        Ok(())
    }

    #[test]
    fn runs() {
        receive_lamps().unwrap();
    }
}

/// The lines of `text`, each without its leading and trailing whitespace.
fn trimmed(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).collect()
}

#[test]
fn readme_blocks_are_the_modules_below() {
    let readme = include_str!("../README.md");
    let this = trimmed(include_str!("readme.rs"));
    let mut blocks = 0;
    for block in readme.split("```rust\n").skip(1) {
        let code = trimmed(block.split("\n```").next().unwrap());
        blocks += 1;
        assert!(
            this.windows(code.len())
                .any(|window| window == code.as_slice()),
            "core/README.md block {blocks} is not a module of core/tests/readme.rs:\n{}",
            code.join("\n")
        );
    }
    assert_eq!(blocks, 2, "one module here per README block");
}
