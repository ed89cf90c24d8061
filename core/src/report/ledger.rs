//! Ledger reports: the journal, trial balance (filtered by dimensions),
//! account ledger, open items with aging, and the reconciliation of the
//! inventory and transit accounts with the subledgers.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = lamp_book()?;
//! let tb = book.trial_balance(landed::parse_date("2026-11-30")?, None);
//! assert_eq!(tb.total_debit, tb.total_credit);
//! assert_eq!(tb.total_debit.to_string(), "9899.75 CNY");
//! // The stock's value equals the inventory accounts, scope by scope.
//! assert!(book.reconciliation().iter().all(|line| line.difference.is_zero()));
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::book::Book;
use crate::book::event::Event;
use crate::error::Result;
use crate::inventory::LocId;
use crate::money::Money;

/// One account in a trial balance.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let tb = book.trial_balance(landed::parse_date("2026-11-30")?, None);
let inventory = tb.lines.iter().find(|line| line.account == "1300").unwrap();
assert_eq!(inventory.name, "Inventory");
assert_eq!(inventory.debit.to_string(), "3961.00 CNY");
assert_eq!(inventory.credit.to_string(), "887.50 CNY");
assert_eq!(inventory.balance.to_string(), "3073.50 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrialBalanceLine {
    /// Account code.
    pub account: String,
    /// Account name.
    pub name: String,
    /// Account type.
    #[serde(rename = "type")]
    pub account_type: crate::ledger::AccountType,
    /// Total debits.
    pub debit: Money,
    /// Total credits.
    pub credit: Money,
    /// Debits minus credits.
    pub balance: Money,
}

/// Balances of every account that has postings, as of a date.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let tb = book.trial_balance(landed::parse_date("2026-11-30")?, None);
let balances: Vec<_> = tb.lines.iter().map(|l| (l.account.as_str(), l.balance.to_string())).collect();
assert_eq!(balances[..3], [("1100", "1631.25 CNY".to_string()), ("1200", "1620.00 CNY".to_string()),
    ("1300", "3073.50 CNY".to_string())]);
// Balances net to zero; debits equal credits.
assert_eq!(tb.total_debit.to_string(), "9899.75 CNY");
assert_eq!(tb.total_credit.to_string(), "9899.75 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrialBalance {
    /// Last day included.
    pub as_of: NaiveDate,
    /// Accounts in code order.
    pub lines: Vec<TrialBalanceLine>,
    /// Sum of debits.
    pub total_debit: Money,
    /// Sum of credits (always equal to the debits).
    pub total_credit: Money,
}

/// One posting in an account's ledger.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let lines = book.account_ledger("1300")?;
// The first receipt, then the transfer leaving Shenzhen.
assert_eq!((lines[0].memo.as_str(), lines[0].debit.to_string()), ("stock in", "1775.00 CNY".into()));
assert_eq!((lines[1].memo.as_str(), lines[1].credit.to_string()), ("transfer T-1 shipped", "710.00 CNY".into()));
assert_eq!(lines[1].balance.to_string(), "1065.00 CNY");
assert_eq!(lines[1].dimensions.location.as_deref(), Some("SZ"));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LedgerLine {
    /// Entry number.
    pub entry: u64,
    /// Posting date.
    pub date: NaiveDate,
    /// Entry memo.
    pub memo: String,
    /// Debit.
    pub debit: Money,
    /// Credit.
    pub credit: Money,
    /// Running balance (debit − credit) after this line.
    pub balance: Money,
    /// Line dimensions.
    pub dimensions: crate::ledger::LineDimensions,
}

/// Inventory value per valuation scope: subledger against ledger.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let lines = book.reconciliation();
let de = lines.iter().find(|line| line.scope == "DE").unwrap();
assert_eq!(de.subledger.to_string(), "1072.50 CNY"); // 30 lamps after landed cost
assert_eq!(de.ledger, de.subledger);
assert!(de.difference.is_zero() && de.allowance.is_zero());
assert_eq!(de.net, de.subledger);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReconciliationLine {
    /// Valuation scope (or `goods_in_transit`, `landed_cost_clearing`).
    pub scope: String,
    /// Its locations (the clearing accounts, on the landed-cost clearing
    /// line).
    pub locations: Vec<String>,
    /// Value of the stock (valuation pools).
    pub subledger: Money,
    /// Balance of the inventory accounts on lines of these locations.
    pub ledger: Money,
    /// `subledger − ledger`; zero unless something posted around the book.
    pub difference: Money,
    /// Write-down allowance held against damaged stock of these locations
    /// (per position; zero in books without damage write-down).
    pub allowance: Money,
    /// Credit balance of the inventory-allowance accounts on lines of
    /// these locations.
    pub allowance_ledger: Money,
    /// `allowance − allowance_ledger`; zero unless something posted around
    /// the book.
    pub allowance_difference: Money,
    /// `subledger − allowance`: the stock's carrying amount, net of its
    /// write-down.
    pub net: Money,
}

/// Which journal lines a trial balance counts: every given dimension must match.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::report::LineFilter;
/// let book = lamp_book()?;
/// // Only the lines of the Amazon Germany channel.
/// let filter = LineFilter { channel: Some("amazon-de".into()), ..LineFilter::default() };
/// let tb = book.trial_balance(landed::parse_date("2026-11-30")?, Some(&filter));
/// let sales = tb.lines.iter().find(|line| line.account == "4000").unwrap();
/// assert_eq!(sales.balance.to_string(), "-3240.00 CNY"); // 450.00 USD at 7.20
/// # Ok(()) }
/// ```
pub type LineFilter = crate::ledger::LineDimensions;

/// The reconciliation line of goods in transit between locations.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::report::GOODS_IN_TRANSIT;
/// // While transfer T-1 is at sea, its 40 lamps (710.00 CNY) are on this line.
/// let book = lamp_book_until("T-1/receive")?;
/// let lines = book.reconciliation();
/// let transit = lines.iter().find(|line| line.scope == GOODS_IN_TRANSIT).unwrap();
/// assert_eq!(transit.subledger.to_string(), "710.00 CNY");
/// assert_eq!(transit.ledger, transit.subledger);
/// # Ok(()) }
/// ```
pub const GOODS_IN_TRANSIT: &str = "goods_in_transit";

/// The reconciliation line of landed cost accrued before its units were
/// known: what the accruals have left to allocate against the balance of
/// the landed-cost clearing accounts.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::report::LANDED_COST_CLEARING;
/// let mut book = lamp_book()?;
/// let bill = landed::Command::from_json(r#"{"type":"accrue_landed_cost","document":"FRT-9",
///     "date":"2026-11-12","description":"Sea freight","amount":{"amount":"300.00","currency":"CNY"},
///     "account":"2200"}"#)?;
/// book.execute(bill, &ctx("2026-11-12", "FRT-9")?)?;
/// let lines = book.reconciliation();
/// let clearing = lines.iter().find(|line| line.scope == LANDED_COST_CLEARING).unwrap();
/// assert_eq!((clearing.subledger.to_string(), clearing.ledger.to_string()), ("300.00 CNY".into(), "300.00 CNY".into()));
/// assert_eq!(clearing.locations, ["1450"]); // the clearing accounts
/// # Ok(()) }
/// ```
pub const LANDED_COST_CLEARING: &str = "landed_cost_clearing";

fn matches_filter(dims: &crate::ledger::LineDimensions, filter: &LineFilter) -> bool {
    fn ok<T: PartialEq>(want: &Option<T>, have: &Option<T>) -> bool {
        want.is_none() || want == have
    }
    ok(&filter.sku, &dims.sku)
        && ok(&filter.location, &dims.location)
        && ok(&filter.lot, &dims.lot)
        && ok(&filter.channel, &dims.channel)
        && ok(&filter.document, &dims.document)
}

impl Book {
    /// All journal entries, oldest first.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let journal = book.journal();
    /// let first = journal[0];
    /// assert_eq!((first.id, first.memo.as_ref()), (5, "stock in"));
    /// assert_eq!(first.total_debit(), first.total_credit());
    /// assert!(journal.windows(2).all(|pair| pair[0].id < pair[1].id));
    /// # Ok(()) }
    /// ```
    pub fn journal(&self) -> Vec<&crate::ledger::JournalEntry> {
        self.events()
            .iter()
            .filter_map(|r| match &r.event {
                Event::JournalPosted(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    /// Trial balance through `as_of`. Without a filter it reads the daily
    /// totals (fast at any size); with one it reads the journal lines.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// // Before the sale on 9 November, nothing is in cost of goods sold yet.
    /// let early = book.trial_balance(landed::parse_date("2026-11-08")?, None);
    /// assert!(early.lines.iter().all(|line| line.account != "5000"));
    /// let late = book.trial_balance(landed::parse_date("2026-11-30")?, None);
    /// let cogs = late.lines.iter().find(|line| line.account == "5000").unwrap();
    /// assert_eq!(cogs.balance.to_string(), "357.50 CNY"); // 177.50 sold + 180.00 freight
    /// # Ok(()) }
    /// ```
    pub fn trial_balance(&self, as_of: NaiveDate, filter: Option<&LineFilter>) -> TrialBalance {
        let ledger = self.ledger();
        let functional = self.config().functional_currency;
        let mut totals: BTreeMap<u32, (Decimal, Decimal)> = BTreeMap::new();
        match filter {
            None => {
                for ((account, date), t) in &ledger.daily {
                    if *date <= as_of {
                        let e = totals.entry(*account).or_default();
                        e.0 += t.debit;
                        e.1 += t.credit;
                    }
                }
            }
            Some(filter) => {
                for entry in self.journal().into_iter().filter(|e| e.date <= as_of) {
                    for line in entry
                        .lines
                        .iter()
                        .filter(|l| matches_filter(&l.dimensions, filter))
                    {
                        if let Ok(index) = ledger.account_index(&line.account) {
                            let e = totals.entry(index).or_default();
                            e.0 += line.debit;
                            e.1 += line.credit;
                        }
                    }
                }
            }
        }
        let money = |d: Decimal| Money::new(d, functional);
        let mut lines = Vec::with_capacity(totals.len());
        let (mut total_debit, mut total_credit) = (Decimal::ZERO, Decimal::ZERO);
        for (index, (debit, credit)) in totals {
            let account = &ledger.accounts[index as usize];
            total_debit += debit;
            total_credit += credit;
            lines.push(TrialBalanceLine {
                account: account.code.clone(),
                name: account.name.clone(),
                account_type: account.account_type,
                debit: money(debit),
                credit: money(credit),
                balance: money(debit - credit),
            });
        }
        TrialBalance {
            as_of,
            lines,
            total_debit: money(total_debit),
            total_credit: money(total_credit),
        }
    }

    /// An account's postings with a running balance.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let lines = book.account_ledger("2200")?; // accrued freight
    /// assert_eq!(lines.len(), 1);
    /// assert_eq!(lines[0].credit.to_string(), "720.00 CNY");
    /// assert_eq!(lines[0].balance.to_string(), "-720.00 CNY");
    /// assert_eq!(book.account_ledger("9999").unwrap_err().code(), "UNKNOWN_ACCOUNT");
    /// # Ok(()) }
    /// ```
    pub fn account_ledger(&self, account: &str) -> Result<Vec<LedgerLine>> {
        self.require_history("the account ledger")?;
        self.ledger().account_index(account)?;
        let functional = self.config().functional_currency;
        let mut entries = self.journal();
        // Entries are kept in posting order; the ledger reads by date.
        entries.sort_by_key(|e| (e.date, e.id));
        let mut balance = Decimal::ZERO;
        let mut out = Vec::new();
        for entry in entries {
            for line in entry.lines.iter().filter(|l| &*l.account == account) {
                balance += line.debit - line.credit;
                out.push(LedgerLine {
                    entry: entry.id,
                    date: entry.date,
                    memo: entry.memo.to_string(),
                    debit: Money::new(line.debit, functional),
                    credit: Money::new(line.credit, functional),
                    balance: Money::new(balance, functional),
                    dimensions: line.dimensions.clone(),
                });
            }
        }
        Ok(out)
    }

    /// Receivables and payables open at the end of `as_of` (documents
    /// dated later and settlements made later are not counted), with their
    /// age on that day.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// // Amazon's 450.00 USD invoice, half paid on 20 November.
    /// let before = book.open_items(landed::parse_date("2026-11-15")?);
    /// assert_eq!(before[0].item.open.to_string(), "450.00 USD");
    /// let after = book.open_items(landed::parse_date("2026-11-30")?);
    /// assert_eq!(after[0].item.open.to_string(), "225.00 USD");
    /// assert_eq!(after[0].item.carrying.to_string(), "1620.00 CNY");
    /// assert_eq!((after[0].days_overdue, after[0].bucket.as_str()), (3, "0-30"));
    /// # Ok(()) }
    /// ```
    pub fn open_items(&self, as_of: NaiveDate) -> Vec<crate::ledger::AgedItem> {
        self.ledger()
            .documents
            .values()
            .filter_map(|item| item.as_of(as_of))
            .filter(|item| !item.open.is_zero())
            .map(|item| {
                let days = (as_of - item.due_date).num_days().max(0);
                crate::ledger::AgedItem {
                    item,
                    days_overdue: days,
                    bucket: crate::ledger::aging_bucket(days).to_owned(),
                }
            })
            .collect()
    }

    /// Inventory value per valuation scope in the subledger (pools) and in
    /// the ledger (inventory accounts, by the lines' location); beside it
    /// the write-down allowance, per position and in the ledger, and the
    /// net carrying amount.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let scopes: Vec<_> = book.reconciliation().into_iter().map(|l| (l.scope, l.subledger.to_string())).collect();
    /// assert_eq!(scopes, [("SZ".to_string(), "2001.00 CNY".to_string()),
    ///     ("DE".to_string(), "1072.50 CNY".to_string()),
    ///     ("goods_in_transit".to_string(), "0.00 CNY".to_string())]);
    /// # Ok(()) }
    /// ```
    pub fn reconciliation(&self) -> Vec<ReconciliationLine> {
        #[derive(Default)]
        struct Scope {
            locations: Vec<String>,
            subledger: Decimal,
            ledger: Decimal,
            allowance: Decimal,
            allowance_ledger: Decimal,
        }
        let functional = self.config().functional_currency;
        let ledger = self.ledger();
        let mut scopes: BTreeMap<u32, Scope> = BTreeMap::new();
        for (id, location) in self.location_codes().into_iter().enumerate() {
            let scope = self.location_scope(id as LocId);
            let entry = scopes.entry(scope).or_default();
            if let Some(t) = ledger.inventory_by_location.get(location.as_str()) {
                entry.ledger += t.debit - t.credit;
            }
            if let Some(t) = ledger.allowance_by_location.get(location.as_str()) {
                entry.allowance_ledger += t.credit - t.debit;
            }
            entry.locations.push(location);
        }
        for (key, pool) in self.pools().iter() {
            scopes.entry(key.scope).or_default().subledger += pool.book_value();
        }
        for (key, allowance) in self.allowances().iter() {
            let scope = self.location_scope(key.location);
            scopes.entry(scope).or_default().allowance += allowance.0;
        }
        let money = |d: Decimal| Money::new(d, functional);
        // The added columns read in minor units even when zero ("0.00").
        let minor = |mut d: Decimal| {
            if d.scale() < functional.minor_units() {
                d.rescale(functional.minor_units());
            }
            Money::new(d, functional)
        };
        let mut lines: Vec<ReconciliationLine> = scopes
            .into_iter()
            .map(|(scope, s)| ReconciliationLine {
                scope: self.scope_name(scope).to_owned(),
                locations: s.locations,
                subledger: money(s.subledger),
                ledger: money(s.ledger),
                difference: money(s.subledger - s.ledger),
                allowance: minor(s.allowance),
                allowance_ledger: minor(s.allowance_ledger),
                allowance_difference: minor(s.allowance - s.allowance_ledger),
                net: minor(s.subledger - s.allowance),
            })
            .collect();
        // Goods in transit: the transfers' pieces against the GIT accounts.
        let transit_accounts = super::role::accounts_by_role(&ledger.rules)
            .remove(&crate::ledger::AccountRole::GoodsInTransit)
            .unwrap_or_default();
        let in_ledger: Decimal = transit_accounts
            .iter()
            .filter_map(|a| ledger.account_index(a).ok())
            .map(|i| ledger.balance(i, chrono::NaiveDate::MAX))
            .sum();
        let subledger = self.state.trade.transit_value();
        if !self.state.trade.transfers.is_empty() || !in_ledger.is_zero() {
            lines.push(ReconciliationLine {
                scope: GOODS_IN_TRANSIT.to_owned(),
                locations: Vec::new(),
                subledger: Money::new(subledger, functional),
                ledger: Money::new(in_ledger, functional),
                difference: Money::new(subledger - in_ledger, functional),
                allowance: minor(Decimal::ZERO),
                allowance_ledger: minor(Decimal::ZERO),
                allowance_difference: minor(Decimal::ZERO),
                net: money(subledger),
            });
        }
        // Landed cost accrued and not yet allocated: the accruals against
        // the clearing accounts (their codes stand in `locations`).
        let clearing_accounts = super::role::accounts_by_role(&ledger.rules)
            .remove(&crate::ledger::AccountRole::LandedCostClearing)
            .unwrap_or_default();
        let in_ledger: Decimal = clearing_accounts
            .iter()
            .filter_map(|a| ledger.account_index(a).ok())
            .map(|i| ledger.balance(i, chrono::NaiveDate::MAX))
            .sum();
        let accruals = &self.state.trade.accruals;
        let subledger: Decimal = accruals.values().map(|a| a.open.amount).sum();
        if !accruals.is_empty() || !in_ledger.is_zero() {
            lines.push(ReconciliationLine {
                scope: LANDED_COST_CLEARING.to_owned(),
                locations: clearing_accounts,
                subledger: minor(subledger),
                ledger: minor(in_ledger),
                difference: minor(subledger - in_ledger),
                allowance: minor(Decimal::ZERO),
                allowance_ledger: minor(Decimal::ZERO),
                allowance_difference: minor(Decimal::ZERO),
                net: minor(subledger),
            });
        }
        lines
    }
}
