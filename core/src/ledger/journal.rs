//! Journal lines and entries, and the ledger a book keeps: its entries, the
//! period lock, open documents and running totals per account and day.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // An entry given by hand: the owner pays in capital. Entries are never
//! // edited; a reversal posts the opposite.
//! let mut book = lamp_book()?;
//! let entry = landed::Command::from_json(r#"{"type":"post_entry","date":"2026-11-30",
//!     "memo":"Capital paid in","lines":[{"account":"1100","debit":"10000.00"},
//!     {"account":"3000","credit":"10000.00"}]}"#)?;
//! let out = book.execute(entry, &ctx("2026-11-30", "JE-1")?)?;
//! let id = book.journal().last().unwrap().id;
//! let reverse = format!(r#"{{"type":"reverse_entry","entry":{id},"date":"2026-11-30"}}"#);
//! book.execute(landed::Command::from_json(&reverse)?, &ctx("2026-11-30", "JE-1/reverse")?)?;
//! let cash = book.account_ledger("1100")?;
//! assert_eq!(cash.last().unwrap().balance.to_string(), "1631.25 CNY"); // as before
//! assert_eq!(posted(&out).len(), 2);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Account, AccountRole, ChartSpec, LedgerSetup, PostingFacts, PostingRule};
use crate::Code;
use crate::error::{LandedError, Result};
use crate::money::Money;

/// Dimensions of a journal line, for filtering and reconciliation. Unknown
/// keys are refused, so a misspelt filter cannot silently match everything.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let sale = book.journal().into_iter().find(|entry| entry.memo == "stock out").unwrap();
let dims = &sale.lines[0].dimensions;
assert_eq!((dims.sku.as_deref(), dims.location.as_deref()), (Some("LAMP"), Some("DE")));
assert_eq!((dims.channel.as_deref(), dims.document.as_deref()), (Some("amazon-de"), Some("302-1234567")));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LineDimensions {
    /// SKU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<Code>,
    /// Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Code>,
    /// Lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Sales channel (shared text: the lines of a voucher hold one copy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Code>,
    /// Business document (invoice, receipt, order…), shared like `channel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Code>,
}

/// One line of a journal entry. Exactly one of `debit` and `credit` is
/// non-zero; both are whole minor units of the functional currency.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let freight = book.journal().into_iter().find(|entry| entry.memo == "landed cost LC-1").unwrap();
let accrual = &freight.lines[2];
assert_eq!((&*accrual.account, accrual.credit.to_string()), ("2200", "720.00".to_string()));
// A foreign-currency line keeps its amount and rate.
assert_eq!(accrual.transaction_amount.unwrap().to_string(), "-100.00 USD");
assert_eq!(accrual.rate.unwrap().to_string(), "7.20");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct JournalLine {
    /// Account code.
    pub account: Code,
    /// Debit, functional currency.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub debit: Decimal,
    /// Credit, functional currency.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub credit: Decimal,
    /// The transaction-currency amount, signed like the line (debit
    /// positive), when the line comes from a foreign-currency document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_amount: Option<Money>,
    /// Functional units per one transaction unit used for this line.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub rate: Option<Decimal>,
    /// Dimensions.
    #[serde(default, skip_serializing_if = "is_default")]
    pub dimensions: LineDimensions,
}

fn is_default(d: &LineDimensions) -> bool {
    *d == LineDimensions::default()
}

impl JournalLine {
    /// Debit minus credit.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let receipt = book.journal()[0];
    /// let nets: Vec<_> = receipt.lines.iter().map(|line| line.net().to_string()).collect();
    /// assert_eq!(nets, ["1775.00", "-1775.00"]);
    /// # Ok(()) }
    /// ```
    pub fn net(&self) -> Decimal {
        self.debit - self.credit
    }
}

/// A balanced journal entry (凭证). Entries are never edited: a correction
/// is a reversal.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let entry = book.journal().into_iter().find(|entry| entry.document.as_deref() == Some("LC-1")).unwrap();
// 540.00 onto the 30 lamps still in Germany, 180.00 for the 10 sold.
let lines: Vec<_> = entry.lines.iter().map(|l| (&*l.account, l.debit.to_string())).collect();
assert_eq!(lines, [("1300", "540.00".to_string()), ("5000", "180.00".to_string()), ("2200", "0.00".to_string())]);
assert_eq!(entry.total_debit(), entry.total_credit());
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct JournalEntry {
    /// Entry number: the sequence number of its event.
    pub id: u64,
    /// Posting date.
    pub date: NaiveDate,
    /// What it records. Vouchers of stock movements use a fixed text (the
    /// stock event just before says what moved), so posting allocates none.
    pub memo: std::borrow::Cow<'static, str>,
    /// Business document, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The entry this one reverses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverses: Option<u64>,
    /// Lines; debits equal credits.
    pub lines: Vec<JournalLine>,
}

impl JournalEntry {
    /// Total debits. An entry the book accepted always adds up; on an
    /// entry too large to add up the sum saturates (the book refuses such an
    /// entry with `DECIMAL_OVERFLOW` before it is posted).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let entry = book.journal()[0];
    /// assert_eq!(entry.total_debit().to_string(), "1775.00");
    /// # Ok(()) }
    /// ```
    pub fn total_debit(&self) -> Decimal {
        self.lines
            .iter()
            .fold(Decimal::ZERO, |sum, l| sum.saturating_add(l.debit))
    }

    /// Total credits (saturating, like [`JournalEntry::total_debit`]).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// assert!(book.journal().iter().all(|entry| entry.total_credit() == entry.total_debit()));
    /// # Ok(()) }
    /// ```
    pub fn total_credit(&self) -> Decimal {
        self.lines
            .iter()
            .fold(Decimal::ZERO, |sum, l| sum.saturating_add(l.credit))
    }

    /// Debits, credits and the size of the transaction amounts of the
    /// lines, or `None` when one of them does not fit in a decimal.
    pub(crate) fn checked_sums(&self) -> Option<Sums> {
        // One side of every line is zero: skipping it halves the decimal
        // additions, a large part of posting's and replay's cost.
        self.lines.iter().try_fold(Sums::default(), |sums, l| {
            Some(Sums {
                debit: add_unless_zero(sums.debit, l.debit)?,
                credit: add_unless_zero(sums.credit, l.credit)?,
                foreign: match l.transaction_amount {
                    Some(m) => add_unless_zero(sums.foreign, m.amount.abs())?,
                    None => sums.foreign,
                },
            })
        })
    }
}

/// What a set of lines adds to the ledger: debits, credits, and the
/// absolute transaction-currency amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sums {
    pub debit: Decimal,
    pub credit: Decimal,
    pub foreign: Decimal,
}

impl Sums {
    /// `self + other`, or `None` on overflow.
    pub(crate) fn checked_add(&self, other: &Sums) -> Option<Sums> {
        Some(Sums {
            debit: add_unless_zero(self.debit, other.debit)?,
            credit: add_unless_zero(self.credit, other.credit)?,
            foreign: add_unless_zero(self.foreign, other.foreign)?,
        })
    }
}

/// Whether `amount` is above 10^25 (see [`Ledger::check_room`]). A mantissa
/// of at most 10^25 settles it without a decimal comparison, whatever the
/// scale.
fn past_exact_total(amount: Decimal) -> bool {
    amount.mantissa().unsigned_abs() > 10_u128.pow(25)
        && amount > crate::decimal_text::max_exact_total()
}

/// `total + amount`, or `None` on overflow. Adding a zero to a total that
/// is not zero gives the total itself, scale included, adding an amount to
/// a zero total of no finer scale gives the amount, and so does adding a
/// zero to a zero: those additions are skipped. The result is always the addition's, digit for digit, which
/// the test below holds to.
#[inline(always)]
fn add_unless_zero(total: Decimal, amount: Decimal) -> Option<Decimal> {
    if amount.is_zero() {
        if !total.is_zero() {
            return Some(total);
        }
        // Two zeros (a side no line used yet): the library gives the
        // amount, unless a sign makes it a question of its own.
        if !total.is_sign_negative() && !amount.is_sign_negative() {
            return Some(amount);
        }
    } else if total.is_zero() && total.scale() <= amount.scale() {
        return Some(amount);
    }
    add_exact(total, amount)
}

/// The addition behind [`add_unless_zero`]. Amounts of one currency share
/// a scale: their mantissas (each below 2^96) add as integers in i128
/// without overflow. A sum that does not fit, or is zero (whose sign the
/// library decides), takes the library's addition, as do different scales.
pub(crate) fn add_exact(total: Decimal, amount: Decimal) -> Option<Decimal> {
    if total.scale() == amount.scale() && !total.is_zero() {
        let sum = total.mantissa() + amount.mantissa();
        if sum != 0
            && let Ok(sum) = Decimal::try_from_i128_with_scale(sum, total.scale())
        {
            return Some(sum);
        }
    }
    total.checked_add(amount)
}

/// The ledger's state inside a book.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ledger {
    pub enabled: bool,
    pub accounts: Vec<Account>,
    pub rules: Vec<PostingRule>,
    /// Each rule's account code, shared with the lines posted to it.
    pub rule_accounts: Vec<Code>,
    /// Accounts any inventory rule posts to (for reconciliation).
    pub inventory_accounts: Vec<String>,
    /// Nothing posts on or before this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_through: Option<NaiveDate>,
    /// Debits and credits per account index and day.
    #[serde(with = "crate::seq_map")]
    pub daily: BTreeMap<(u32, NaiveDate), Totals>,
    /// Net of inventory-account lines per location dimension.
    pub inventory_by_location: BTreeMap<Code, Totals>,
    /// Accounts any inventory-allowance rule posts to (books with damage
    /// write-down only; empty otherwise, so other snapshots are unchanged).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowance_accounts: Vec<String>,
    /// Net of allowance-account lines per location dimension.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub allowance_by_location: BTreeMap<Code, Totals>,
    /// Transaction-currency balance of currency-restricted accounts.
    #[serde(with = "crate::decimal_text::strict_map")]
    pub foreign_balances: BTreeMap<Code, Decimal>,
    /// Every invoice recorded, open or settled, by document number.
    pub documents: BTreeMap<crate::short_text::ShortText, crate::ledger::OpenItem>,
    /// Entries already reversed.
    pub reversed: std::collections::BTreeSet<u64>,
    /// Each rule's account index, beside `rule_accounts` (derived, not
    /// stored; empty in a ledger read back until its book indexes it).
    #[serde(skip)]
    pub rule_account_indexes: RuleAccountIndexes,
    /// Every debit, credit and transaction amount ever posted, added up
    /// (derived, not stored; every entry balances, so the credits are the
    /// debits' sum). Lines are never negative, so every running
    /// total the ledger keeps or a report adds up (per account, per day,
    /// per location, a trial balance) is at most these: refusing an entry
    /// that would push them past 10^25 (where sums stop being exact to the
    /// cent, see [`crate::decimal_text::max_exact_total`]) is what keeps all
    /// other sums exact and from overflowing, with one check per entry.
    #[serde(skip)]
    pub grand: Sums,
}

/// Account indexes of the rules' accounts. Posted lines share their
/// account's text with the rule that chose it, so a line's account is
/// found by comparing addresses with the few rule accounts instead of
/// searching the chart by text (a fifth of posting's time). Lines replayed
/// from another book's log carry that book's texts: the last few of them
/// are kept with their index (`seen`), so a replay searches the chart once
/// per account, not once per line. Derived data: any two are equal.
#[derive(Clone, Debug, Default)]
pub(crate) struct RuleAccountIndexes {
    rules: Vec<u32>,
    seen: Vec<(Code, u32)>,
    /// Set once `by_role` is filled (a ledger read back is indexed by its
    /// book; until then `account_for` reads every rule).
    indexed: bool,
    /// The rules of each role (`role as usize`), in chart order: choosing
    /// a line's account reads the few rules of its role, not the chart's
    /// every rule.
    by_role: Vec<Vec<u32>>,
}

/// How many account texts from other books `record` remembers.
const SEEN_ACCOUNTS: usize = 8;

impl PartialEq for RuleAccountIndexes {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for RuleAccountIndexes {}

/// Debits and credits of an account on a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Totals {
    #[serde(with = "crate::decimal_text::strict")]
    pub debit: Decimal,
    #[serde(with = "crate::decimal_text::strict")]
    pub credit: Decimal,
}

impl Ledger {
    /// Builds and checks a ledger: accounts unique, every rule's account in
    /// the chart, every role covered by a rule without conditions (the
    /// write-down roles too when `write_down` is on, and their allowance
    /// kept apart from the inventory accounts).
    pub fn new(setup: &LedgerSetup, write_down: bool) -> Result<Self> {
        let spec = match setup {
            LedgerSetup::Off if write_down => {
                return Err(LandedError::InvalidCommand {
                    reason: "book config: damage_write_down needs a ledger (ledger is off)".into(),
                });
            }
            LedgerSetup::Off => return Ok(Self::default()),
            LedgerSetup::Standard => ChartSpec::standard(),
            LedgerSetup::Custom(spec) => spec.clone(),
        };
        for account in &spec.accounts {
            crate::limits::check_code("book config: account code", &account.code)?;
            crate::limits::check_free_text("book config: account name", &account.name)?;
        }
        let mut accounts = spec.accounts.clone();
        accounts.sort_by(|a, b| a.code.cmp(&b.code));
        for pair in accounts.windows(2) {
            if pair[0].code == pair[1].code {
                return Err(LandedError::DuplicateCode {
                    kind: "account".into(),
                    code: pair[0].code.clone(),
                });
            }
        }
        for rule in &spec.rules {
            if accounts
                .binary_search_by(|a| a.code.as_str().cmp(&rule.account))
                .is_err()
            {
                return Err(LandedError::UnknownAccount {
                    account: rule.account.clone(),
                });
            }
        }
        let write_down_roles: &[AccountRole] = if write_down {
            &AccountRole::WRITE_DOWN
        } else {
            &[]
        };
        for &role in AccountRole::ALL.iter().chain(write_down_roles) {
            let covered = spec.rules.iter().any(|r| {
                r.role == role
                    && r.location.is_none()
                    && r.location_kind.is_none()
                    && r.channel.is_none()
                    && r.category.is_none()
            });
            if !covered {
                return Err(LandedError::MissingPostingRule { role: role.name() });
            }
        }
        let mut inventory_accounts: Vec<String> = spec
            .rules
            .iter()
            .filter(|r| r.role == AccountRole::Inventory)
            .map(|r| r.account.clone())
            .collect();
        inventory_accounts.sort();
        inventory_accounts.dedup();
        let mut allowance_accounts: Vec<String> = spec
            .rules
            .iter()
            .filter(|r| write_down && r.role == AccountRole::InventoryAllowance)
            .map(|r| r.account.clone())
            .collect();
        allowance_accounts.sort();
        allowance_accounts.dedup();
        if let Some(shared) = allowance_accounts
            .iter()
            .find(|a| inventory_accounts.binary_search(a).is_ok())
        {
            // The allowance is shown beside inventory, never netted into it:
            // otherwise the subledger could not be reconciled.
            return Err(LandedError::InvalidCommand {
                reason: format!(
                    "book config: account {shared} is both an inventory and an inventory-allowance account"
                ),
            });
        }
        let rule_accounts = spec
            .rules
            .iter()
            .map(|r| Code::from(r.account.as_str()))
            .collect();
        let mut ledger = Self {
            enabled: true,
            accounts,
            rule_accounts,
            rules: spec.rules,
            inventory_accounts,
            allowance_accounts,
            ..Self::default()
        };
        ledger.index_rule_accounts();
        Ok(ledger)
    }

    /// Fills [`RuleAccountIndexes`] (after creation, and after a restore).
    pub(crate) fn index_rule_accounts(&mut self) {
        let indexes = self
            .rule_accounts
            .iter()
            .map(|code| self.account_index(code))
            .collect::<Result<Vec<u32>>>();
        let mut by_role: Vec<Vec<u32>> = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let role = rule.role as usize;
            if by_role.len() <= role {
                by_role.resize_with(role + 1, Vec::new);
            }
            if let Some(list) = by_role.get_mut(role) {
                list.push(i as u32);
            }
        }
        // Every rule's account was checked against the chart on creation;
        // a ledger read back with one missing falls back to the search.
        self.rule_account_indexes = RuleAccountIndexes {
            rules: indexes.unwrap_or_default(),
            seen: Vec::new(),
            indexed: true,
            by_role,
        };
    }

    /// Index of a posted line's account: by address among the rules'
    /// accounts, else by searching the chart.
    pub fn line_account_index(&self, account: &Code) -> Result<u32> {
        match self.rule_account_by_address(account) {
            Some(index) => Ok(index),
            None => self.account_index(account),
        }
    }

    /// The index of a rule's account, found by the address of its text.
    fn rule_account_by_address(&self, account: &Code) -> Option<u32> {
        let indexes = &self.rule_account_indexes.rules;
        if indexes.len() != self.rule_accounts.len() {
            return None;
        }
        let i = self
            .rule_accounts
            .iter()
            .position(|rule| Arc::ptr_eq(rule, account))?;
        indexes.get(i).copied()
    }

    /// [`Ledger::line_account_index`] for a line being recorded, which also
    /// remembers the account texts of lines from other books.
    fn recorded_line_account_index(&mut self, account: &Code) -> Result<u32> {
        if let Some(index) = self.rule_account_by_address(account) {
            return Ok(index);
        }
        let seen = &self.rule_account_indexes.seen;
        // `Arc`'s equality compares addresses before texts.
        if let Some((_, index)) = seen.iter().find(|(code, _)| code == account) {
            return Ok(*index);
        }
        let index = self.account_index(account)?;
        let seen = &mut self.rule_account_indexes.seen;
        if seen.len() == SEEN_ACCOUNTS {
            seen.remove(0);
        }
        seen.push((Arc::clone(account), index));
        Ok(index)
    }

    /// Index of an account by code.
    pub fn account_index(&self, code: &str) -> Result<u32> {
        self.accounts
            .binary_search_by(|a| a.code.as_str().cmp(code))
            .map(|i| i as u32)
            .map_err(|_| LandedError::UnknownAccount {
                account: code.to_owned(),
            })
    }

    /// The account a role posts to, given what is known of the movement.
    pub fn account_for(&self, role: AccountRole, facts: &PostingFacts<'_>) -> Code {
        let mut best: Option<(u32, usize)> = None;
        let mut consider = |i: usize, rule: &PostingRule| {
            if let Some(score) = rule.specificity(facts)
                && best.is_none_or(|(b, _)| score > b)
            {
                best = Some((score, i));
            }
        };
        let indexes = &self.rule_account_indexes;
        if indexes.indexed {
            // The role's rules, in the same (chart) order as the scan below.
            let list = indexes
                .by_role
                .get(role as usize)
                .map_or(&[][..], Vec::as_slice);
            for &i in list {
                if let Some(rule) = self.rules.get(i as usize) {
                    consider(i as usize, rule);
                }
            }
        } else {
            for (i, rule) in self
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.role == role)
            {
                consider(i, rule);
            }
        }
        // Creation checked that every role has an unconditional rule.
        best.and_then(|(_, i)| self.rule_accounts.get(i).cloned())
            .unwrap_or_else(|| Code::from(""))
    }

    /// Refuses a date on or before the lock.
    pub fn check_open(&self, date: NaiveDate) -> Result<()> {
        match self.locked_through {
            Some(lock) if date <= lock => Err(LandedError::PeriodLocked {
                date,
                locked_through: lock,
            }),
            _ => Ok(()),
        }
    }

    /// Checks an entry before it is written: balanced, known accounts,
    /// currency restrictions, open period; returns what it adds up to.
    pub(crate) fn check_entry(&self, entry: &JournalEntry, places: u32) -> Result<Sums> {
        self.check_open(entry.date)?;
        if entry.lines.is_empty() {
            return Err(unbalanced(entry, "it has no lines"));
        }
        for line in &entry.lines {
            let index = self.line_account_index(&line.account)?;
            // Exactly one side set, and neither below zero (read from the
            // signs: a decimal comparison costs more than posting's sums).
            let (debit_zero, credit_zero) = (line.debit.is_zero(), line.credit.is_zero());
            let sides_ok = debit_zero != credit_zero
                && (debit_zero || !line.debit.is_sign_negative())
                && (credit_zero || !line.credit.is_sign_negative());
            if !sides_ok {
                return Err(unbalanced(
                    entry,
                    &format!("line on {} needs exactly one positive side", line.account),
                ));
            }
            if finer_than(line.debit, places) || finer_than(line.credit, places) {
                return Err(unbalanced(
                    entry,
                    &format!(
                        "line on {} is finer than the currency's minor unit",
                        line.account
                    ),
                ));
            }
            if let Some(currency) = self.accounts[index as usize].currency
                && line.transaction_amount.map(|m| m.currency) != Some(currency)
            {
                return Err(LandedError::CurrencyMismatch {
                    left: currency.to_string(),
                    right: line
                        .transaction_amount
                        .map_or_else(|| "none".to_owned(), |m| m.currency.to_string()),
                });
            }
        }
        let sums = entry
            .checked_sums()
            .ok_or_else(|| LandedError::overflow("the entry's totals"))?;
        let (debit, credit) = (sums.debit, sums.credit);
        if debit != credit {
            return Err(LandedError::UnbalancedEntry {
                document: entry.document.clone().unwrap_or_default(),
                debit: debit.to_string(),
                credit: credit.to_string(),
                reason: "debits and credits differ".into(),
            });
        }
        Ok(sums)
    }

    /// Refuses with `DECIMAL_OVERFLOW` an entry whose sums (from
    /// [`Ledger::check_entry`]), added to what the ledger already holds and
    /// to `pending` (earlier entries of the same command), would leave the
    /// decimal range; returns the new pending sums.
    pub(crate) fn check_room(&self, entry: &Sums, pending: &Sums) -> Result<Sums> {
        let overflow = || LandedError::overflow("the ledger's running totals");
        let sums = entry.checked_add(pending).ok_or_else(overflow)?;
        // Checked entries balance: the grand credits are the grand debits.
        let debit = add_unless_zero(self.grand.debit, sums.debit).ok_or_else(overflow)?;
        let foreign = add_unless_zero(self.grand.foreign, sums.foreign).ok_or_else(overflow)?;
        if past_exact_total(debit) || past_exact_total(foreign) {
            return Err(overflow());
        }
        Ok(sums)
    }

    /// Recomputes the derived grand totals from the daily totals and the
    /// currency balances (after a restore); `None` when they do not fit.
    pub(crate) fn regrand(&mut self) -> Option<()> {
        let mut grand = Sums::default();
        for totals in self.daily.values() {
            if totals.debit.is_sign_negative() || totals.credit.is_sign_negative() {
                return None;
            }
            grand.debit = grand.debit.checked_add(totals.debit)?;
            grand.credit = grand.credit.checked_add(totals.credit)?;
        }
        for balance in self.foreign_balances.values() {
            grand.foreign = grand.foreign.checked_add(balance.abs())?;
        }
        let limit = crate::decimal_text::max_exact_total();
        if grand.debit > limit || grand.credit > limit || grand.foreign > limit {
            return None;
        }
        self.grand = grand;
        Some(())
    }

    /// Adds a checked entry to the running totals. Planning checked that it
    /// fits ([`Ledger::check_room`]); every sum is checked again anyway, and
    /// an overflow here is an internal fault that poisons the book.
    pub fn record(&mut self, entry: &JournalEntry) -> Result<()> {
        let overflow = || LandedError::overflow("the ledger's running totals");
        let mut grand = self.grand;
        for line in &entry.lines {
            // Every recorded entry balances, so the credits add up to the
            // debits: one side is enough for the grand totals.
            grand.debit = add_unless_zero(grand.debit, line.debit).ok_or_else(overflow)?;
            if let Some(m) = line.transaction_amount {
                grand.foreign =
                    add_unless_zero(grand.foreign, m.amount.abs()).ok_or_else(overflow)?;
            }
            let index = self.recorded_line_account_index(&line.account)?;
            let totals = self.daily.entry((index, entry.date)).or_default();
            totals.debit = add_unless_zero(totals.debit, line.debit).ok_or_else(overflow)?;
            totals.credit = add_unless_zero(totals.credit, line.credit).ok_or_else(overflow)?;
            if self.inventory_accounts.iter().any(|a| **a == *line.account) {
                add_by_location(&mut self.inventory_by_location, line);
            } else if self.allowance_accounts.iter().any(|a| **a == *line.account) {
                add_by_location(&mut self.allowance_by_location, line);
            }
            if self
                .accounts
                .get(index as usize)
                .is_some_and(|a| a.currency.is_some())
                && let Some(amount) = line.transaction_amount
            {
                let balance = self
                    .foreign_balances
                    .entry(line.account.clone())
                    .or_default();
                *balance = balance.checked_add(amount.amount).ok_or_else(overflow)?;
            }
        }
        grand.credit = grand.debit;
        self.grand = grand;
        if let Some(original) = entry.reverses {
            self.reversed.insert(original);
        }
        Ok(())
    }

    /// Functional balance (debit − credit) of an account through a date.
    pub fn balance(&self, index: u32, through: NaiveDate) -> Decimal {
        self.daily
            .range((index, NaiveDate::MIN)..=(index, through))
            .map(|(_, t)| t.debit - t.credit)
            .sum()
    }
}

/// Adds a line to the totals of its location dimension.
fn add_by_location(by_location: &mut BTreeMap<Code, Totals>, line: &JournalLine) {
    let location = line.dimensions.location.as_deref().unwrap_or("");
    // One search when the location is known (the usual case).
    match by_location.get_mut(location) {
        // Bounded by the ledger's grand totals, checked before: saturating
        // is only a guard.
        Some(totals) => {
            totals.debit = add_unless_zero(totals.debit, line.debit).unwrap_or(Decimal::MAX);
            totals.credit = add_unless_zero(totals.credit, line.credit).unwrap_or(Decimal::MAX);
        }
        None => {
            let totals = Totals {
                debit: line.debit,
                credit: line.credit,
            };
            by_location.insert(Code::from(location), totals);
        }
    }
}

/// True when `value` has digits below `places`. A value kept at `places`
/// or fewer decimals (as every posted amount is) needs no rounding to tell.
fn finer_than(value: Decimal, places: u32) -> bool {
    value.scale() > places && value.round_dp(places) != value
}

fn unbalanced(entry: &JournalEntry, reason: &str) -> LandedError {
    LandedError::UnbalancedEntry {
        document: entry.document.clone().unwrap_or_default(),
        debit: entry.total_debit().to_string(),
        credit: entry.total_credit().to_string(),
        reason: reason.to_owned(),
    }
}

/// Builds a two-line entry moving `amount` (functional, positive) from the
/// credit account to the debit account. A negative amount swaps the sides.
pub(crate) fn two_lines(
    debit: Code,
    credit: Code,
    amount: Decimal,
    dims: LineDimensions,
) -> Vec<JournalLine> {
    let (debit, credit, amount) = if amount < Decimal::ZERO {
        (credit, debit, -amount)
    } else {
        (debit, credit, amount)
    };
    vec![
        JournalLine {
            account: debit,
            debit: amount,
            credit: Decimal::ZERO,
            transaction_amount: None,
            rate: None,
            dimensions: dims.clone(),
        },
        JournalLine {
            account: credit,
            debit: Decimal::ZERO,
            credit: amount,
            transaction_amount: None,
            rate: None,
            dimensions: dims,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skipping a zero gives what adding it gives, digit for digit.
    #[test]
    fn skipping_a_zero_is_the_same_as_adding_it() {
        let texts = [
            "0", "0.00", "0.0000", "-0.00", "1", "12.50", "-3.1", "7.125",
        ];
        for total in texts {
            for amount in texts {
                let (total, amount): (Decimal, Decimal) =
                    (total.parse().unwrap(), amount.parse().unwrap());
                let skipped = add_unless_zero(total, amount).unwrap();
                let added = total.checked_add(amount).unwrap();
                assert_eq!(
                    (
                        skipped.to_string(),
                        skipped.scale(),
                        skipped.is_sign_negative()
                    ),
                    (added.to_string(), added.scale(), added.is_sign_negative()),
                    "{total} + {amount}"
                );
            }
        }
        assert_eq!(add_unless_zero(Decimal::MAX, Decimal::ONE), None);
        let limit = crate::decimal_text::max_exact_total();
        for (text, past) in [
            ("10000000000000000000000000", false),
            ("10000000000000000000000000.01", true),
            ("10000000000000000000000001", true),
            ("9999999999999999999999999.99", false),
            ("-20000000000000000000000000", false),
            ("0.0000000000000000000000000001", false),
        ] {
            let amount: Decimal = text.parse().unwrap();
            assert_eq!(past_exact_total(amount), amount > limit, "{text}");
            assert_eq!(past_exact_total(amount), past, "{text}");
        }
        // Pseudo-random amounts from cents to the edge of the range, same and
        // different scales, both signs: the same digits as the library's sum.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            state
        };
        let decimal = |next: &mut dyn FnMut() -> u64| {
            let bits = next();
            let mantissa = match bits % 4 {
                0 => i128::from(bits >> 40),
                1 => i128::from(next() >> 1),
                2 => (i128::from(next()) << 32) | i128::from(next() >> 32),
                _ => (1i128 << 96) - 1 - i128::from(next() >> 50),
            };
            let mantissa = if bits & 16 == 0 { mantissa } else { -mantissa };
            let scale = [0, 2, 2, 2, 4, 28][(bits >> 8) as usize % 6];
            Decimal::try_from_i128_with_scale(mantissa, scale).unwrap()
        };
        for _ in 0..20_000 {
            let (total, amount) = (decimal(&mut next), decimal(&mut next));
            let skipped = add_unless_zero(total, amount);
            let added = total.checked_add(amount);
            assert_eq!(
                skipped.map(|d| (d.to_string(), d.scale(), d.is_sign_negative())),
                added.map(|d| (d.to_string(), d.scale(), d.is_sign_negative())),
                "{total} + {amount}"
            );
        }
    }
}
