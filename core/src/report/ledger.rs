//! Ledger reports: the journal, trial balance (filtered by dimensions),
//! account ledger, open items with aging, and the reconciliation of the
//! inventory and transit accounts with the subledgers.

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReconciliationLine {
    /// Valuation scope.
    pub scope: String,
    /// Its locations.
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
pub type LineFilter = crate::ledger::LineDimensions;

/// The reconciliation line of goods in transit between locations.
pub const GOODS_IN_TRANSIT: &str = "goods_in_transit";

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
    pub fn account_ledger(&self, account: &str) -> Result<Vec<LedgerLine>> {
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
        lines
    }
}
