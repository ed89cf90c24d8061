//! Balances by account role: what inventory, cost of goods sold, goods in
//! transit or realized FX add up to, read through the book's posting rules,
//! so a host with its own chart of accounts never needs to know the codes.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::ledger::AccountRole;
//! let book = lamp_book()?;
//! // The inventory role adds up the inventory accounts: the stock's value.
//! let inventory = book.balance_by_role(AccountRole::Inventory, landed::parse_date("2026-12-31")?, None)?;
//! assert_eq!(inventory, book.inventory_value());
//! assert_eq!(inventory.to_string(), "3073.50 CNY");
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{LineFilter, TrialBalance};
use crate::book::Book;
use crate::error::{LandedError, Result};
use crate::ledger::{AccountRole, PostingRule};
use crate::money::Money;

/// One account role's balance: the accounts its posting rules post to,
/// added up. An account that two roles post to counts in both.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::ledger::AccountRole;
let book = lamp_book()?;
let balances = book.balances_by_role(landed::parse_date("2026-12-31")?, None);
let inventory = balances.roles.iter().find(|r| r.role == AccountRole::Inventory).ok_or(landed::LandedError::MissingPostingRule { role: "inventory".into() })?;
assert_eq!(inventory.balance.to_string(), "3073.50 CNY");
assert_eq!(inventory.balance, inventory.debit.checked_sub(&inventory.credit)?);
# Ok(()) }
```"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RoleBalance {
    /// The role.
    pub role: AccountRole,
    /// The accounts its rules post to (with or without conditions), in
    /// code order.
    pub accounts: Vec<String>,
    /// Total debits of those accounts.
    pub debit: Money,
    /// Total credits of those accounts.
    pub credit: Money,
    /// Debits minus credits (an income or liability role is negative when
    /// it holds a credit balance).
    pub balance: Money,
}

/// The balance of every role the book has posting rules for, as of a date.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::ledger::AccountRole;
let book = lamp_book()?;
let balances = book.balances_by_role(landed::parse_date("2026-12-31")?, None);
// Roles in their order, each once; a role's balance by name.
assert_eq!(balances.roles.first().map(|r| r.role), Some(AccountRole::Inventory));
assert!(balances.roles.windows(2).all(|w| w[0].role < w[1].role));
assert_eq!(balances.balance(AccountRole::Inventory)?, book.inventory_value());
# Ok(()) }
```"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RoleBalances {
    /// Last day included.
    pub as_of: NaiveDate,
    /// One line per role with a posting rule, in role order (inventory,
    /// GRNI, COGS, …), zero balances included; empty in a book without a
    /// ledger.
    pub roles: Vec<RoleBalance>,
}

/// The accounts each role's rules post to, in code order, without repeats.
pub(crate) fn accounts_by_role(rules: &[PostingRule]) -> BTreeMap<AccountRole, Vec<String>> {
    let mut map: BTreeMap<AccountRole, Vec<String>> = BTreeMap::new();
    for rule in rules {
        map.entry(rule.role).or_default().push(rule.account.clone());
    }
    for accounts in map.values_mut() {
        accounts.sort_unstable();
        accounts.dedup();
    }
    map
}

fn unmapped(role: AccountRole) -> LandedError {
    LandedError::MissingPostingRule { role: role.name() }
}

impl TrialBalance {
    /// The trial balance read by role through `rules` (a book's
    /// [`Book::posting_rules`]): each role's accounts added up. Roles
    /// without a rule are left out.
    ///
    /// ```
    /// use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
    /// use landed::command::{Issue, Receive};
    /// use landed::ledger::AccountRole;
    /// use landed::{Book, BookConfig, Context, Currency, Money, parse_date, parse_datetime};
    ///
    /// let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
    /// let at = parse_datetime("2026-11-02T09:00:00Z")?;
    /// book.execute(LocationSpec::new("SZ", "Shenzhen", LocationKind::Own), &Context::new(at, "1"))?;
    /// book.execute(SkuSpec::new("LAMP", "Desk lamp"), &Context::new(at, "2"))?;
    /// book.execute(Receive::new("LAMP", "SZ", 10, Money::parse("2.50", "USD")?), &Context::new(at, "3"))?;
    /// book.execute(Issue::sale("LAMP", "SZ", 4), &Context::new(at, "4"))?;
    /// let trial = book.trial_balance(parse_date("2026-11-30")?, None);
    /// let by_role = trial.by_role(book.posting_rules());
    /// assert_eq!(by_role.balance(AccountRole::Inventory)?.to_string(), "15.00 USD");
    /// assert_eq!(by_role.balance(AccountRole::Cogs)?.to_string(), "10.00 USD");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn by_role(&self, rules: &[PostingRule]) -> RoleBalances {
        let currency = self.total_debit.currency;
        let by_account: BTreeMap<&str, (Decimal, Decimal)> = self
            .lines
            .iter()
            .map(|l| (l.account.as_str(), (l.debit.amount, l.credit.amount)))
            .collect();
        let roles = accounts_by_role(rules)
            .into_iter()
            .map(|(role, accounts)| {
                // Bounded by the trial balance's totals: an account is
                // counted once per role.
                let (debit, credit) = accounts
                    .iter()
                    .filter_map(|a| by_account.get(a.as_str()))
                    .fold((Decimal::ZERO, Decimal::ZERO), |(d, c), (ld, lc)| {
                        (d + ld, c + lc)
                    });
                RoleBalance {
                    role,
                    accounts,
                    debit: Money::new(debit, currency),
                    credit: Money::new(credit, currency),
                    balance: Money::new(debit - credit, currency),
                }
            })
            .collect();
        RoleBalances {
            as_of: self.as_of,
            roles,
        }
    }
}

impl RoleBalances {
    /// The line of `role`, if the book has a rule for it.
    ///
    /// ```
    /// use landed::{Book, BookConfig, Currency, ledger::AccountRole};
    /// let book = Book::new(BookConfig::new(Currency::from_code("EUR")?))?;
    /// let balances = book.balances_by_role(landed::parse_date("2026-11-30")?, None);
    /// assert_eq!(balances.get(AccountRole::GoodsInTransit).map(|l| l.accounts.clone()), Some(vec!["1310".to_string()]));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn get(&self, role: AccountRole) -> Option<&RoleBalance> {
        self.roles.iter().find(|line| line.role == role)
    }

    /// The balance (debit − credit) of `role`; `MISSING_POSTING_RULE` when
    /// the book has no rule for it.
    ///
    /// ```
    /// use landed::{Book, BookConfig, Currency, ledger::{AccountRole, LedgerSetup}};
    /// let day = landed::parse_date("2026-11-30")?;
    /// let book = Book::new(BookConfig::new(Currency::from_code("EUR")?))?;
    /// assert_eq!(book.balances_by_role(day, None).balance(AccountRole::RealizedFx)?.to_string(), "0.00 EUR");
    /// let off = Book::new(BookConfig::new(Currency::from_code("EUR")?).ledger(LedgerSetup::Off))?;
    /// let err = off.balances_by_role(day, None).balance(AccountRole::RealizedFx).unwrap_err();
    /// assert_eq!(err.code(), "MISSING_POSTING_RULE");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn balance(&self, role: AccountRole) -> Result<Money> {
        self.get(role)
            .map(|line| line.balance)
            .ok_or_else(|| unmapped(role))
    }
}

impl Book {
    /// The posting rules the book posts with (the standard chart's, or the
    /// host's own); empty when the ledger is off.
    ///
    /// ```
    /// use landed::{Book, BookConfig, Currency, ledger::AccountRole};
    /// let book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
    /// let cogs = book.posting_rules().iter().find(|r| r.role == AccountRole::Cogs);
    /// assert_eq!(cogs.map(|r| r.account.as_str()), Some("5000"));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn posting_rules(&self) -> &[PostingRule] {
        &self.ledger().rules
    }

    /// The accounts each role posts to, in code order: the rule without
    /// conditions and any rule for a location, location kind, channel or
    /// category.
    ///
    /// ```
    /// use landed::{Book, BookConfig, Currency, ledger::AccountRole};
    /// let book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
    /// let roles = book.role_accounts();
    /// assert_eq!(roles[&AccountRole::Inventory], ["1300"]);
    /// assert_eq!(roles[&AccountRole::GoodsInTransit], ["1310"]);
    /// assert_eq!(roles[&AccountRole::RealizedFx], ["7000"]);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn role_accounts(&self) -> BTreeMap<AccountRole, Vec<String>> {
        accounts_by_role(self.posting_rules())
    }

    /// Every role's balance through `as_of`, optionally counting only the
    /// journal lines that match `filter` (see [`Book::trial_balance`]).
    ///
    /// ```
    /// use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
    /// use landed::command::{Issue, Receive};
    /// use landed::ledger::AccountRole;
    /// use landed::{Book, BookConfig, Context, Currency, Money, parse_date, parse_datetime};
    ///
    /// let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
    /// let at = parse_datetime("2026-11-02T09:00:00Z")?;
    /// book.execute(LocationSpec::new("SZ", "Shenzhen", LocationKind::Own), &Context::new(at, "1"))?;
    /// book.execute(SkuSpec::new("LAMP", "Desk lamp"), &Context::new(at, "2"))?;
    /// book.execute(Receive::new("LAMP", "SZ", 10, Money::parse("2.50", "USD")?), &Context::new(at, "3"))?;
    /// let balances = book.balances_by_role(parse_date("2026-11-30")?, None);
    /// let inventory = balances.get(AccountRole::Inventory).map(|l| l.balance.to_string());
    /// assert_eq!(inventory.as_deref(), Some("25.00 USD"));
    /// // Goods received, not invoiced: a credit balance.
    /// assert_eq!(balances.balance(AccountRole::Grni)?.to_string(), "-25.00 USD");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn balances_by_role(&self, as_of: NaiveDate, filter: Option<&LineFilter>) -> RoleBalances {
        self.trial_balance(as_of, filter)
            .by_role(self.posting_rules())
    }

    /// One role's balance (debit − credit) through `as_of`;
    /// `MISSING_POSTING_RULE` when the book has no rule for it (a book
    /// without a ledger, or a custom chart without the damage write-down
    /// roles).
    ///
    /// ```
    /// use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
    /// use landed::command::{Issue, Receive};
    /// use landed::ledger::AccountRole;
    /// use landed::{Book, BookConfig, Context, Currency, Money, parse_date, parse_datetime};
    ///
    /// let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
    /// let at = parse_datetime("2026-11-02T09:00:00Z")?;
    /// book.execute(LocationSpec::new("SZ", "Shenzhen", LocationKind::Own), &Context::new(at, "1"))?;
    /// book.execute(SkuSpec::new("LAMP", "Desk lamp"), &Context::new(at, "2"))?;
    /// book.execute(Receive::new("LAMP", "SZ", 10, Money::parse("2.50", "USD")?), &Context::new(at, "3"))?;
    /// book.execute(Issue::sale("LAMP", "SZ", 4), &Context::new(at, "4"))?;
    /// let cogs = book.balance_by_role(AccountRole::Cogs, parse_date("2026-11-30")?, None)?;
    /// assert_eq!(cogs.to_string(), "10.00 USD");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn balance_by_role(
        &self,
        role: AccountRole,
        as_of: NaiveDate,
        filter: Option<&LineFilter>,
    ) -> Result<Money> {
        if !self.posting_rules().iter().any(|r| r.role == role) {
            return Err(unmapped(role));
        }
        self.balances_by_role(as_of, filter).balance(role)
    }
}
