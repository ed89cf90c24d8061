//! Planning of money documents: manual entries (with an explicit rounding
//! line), reversals, the period lock, invoices in any currency, settlements
//! (realized FX) and revaluation at closing rates (reversed the next day).
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // An entry that does not balance is refused.
//! let mut book = lamp_book()?;
//! let entry = landed::Command::from_json(r#"{"type":"post_entry","date":"2026-11-30","memo":"Typo",
//!     "lines":[{"account":"1100","debit":"100.00"},{"account":"3000","credit":"10.00"}]}"#)?;
//! assert_eq!(book.execute(entry, &ctx("2026-11-30", "JE-typo")?).unwrap_err().code(), "UNBALANCED_ENTRY");
//! # Ok(()) }
//! ```

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::Code;
use crate::book::command::ManualEntry;
use crate::book::event::Event;
use crate::book::plan::Planner;
use crate::error::{LandedError, Result};
use crate::ledger::{
    AccountRole, DocumentKind, InvoiceSpec, JournalEntry, JournalLine, LineDimensions, OpenItem,
    PostingFacts, RevaluationSpec, SettlementSpec,
};
use crate::money::{Currency, Money};

fn ledger_off() -> LandedError {
    LandedError::InvalidCommand {
        reason: "this book keeps no ledger (ledger: off)".into(),
    }
}

impl Planner<'_> {
    pub(crate) fn plan_manual_entry(&mut self, manual: &ManualEntry) -> Result<()> {
        if !self.book.ledger().enabled {
            return Err(ledger_off());
        }
        let mut lines = Vec::with_capacity(manual.lines.len() + 1);
        let mut converted = 0u32;
        for line in &manual.lines {
            let (debit, credit, transaction_amount, rate) =
                match (line.debit, line.credit, line.amount, line.rate) {
                    (Some(d), None, amount, rate) => (d, Decimal::ZERO, amount, rate),
                    (None, Some(c), amount, rate) => (Decimal::ZERO, c, amount, rate),
                    (None, None, Some(amount), Some(rate)) => {
                        converted += 1;
                        let value = self.round(
                            amount
                                .amount
                                .checked_mul(rate)
                                .ok_or_else(|| LandedError::overflow("line conversion"))?,
                        );
                        if value < Decimal::ZERO {
                            (Decimal::ZERO, -value, Some(amount), Some(rate))
                        } else {
                            (value, Decimal::ZERO, Some(amount), Some(rate))
                        }
                    }
                    _ => {
                        return Err(LandedError::UnbalancedEntry {
                            document: manual.document.clone().unwrap_or_default(),
                            debit: String::new(),
                            credit: String::new(),
                            reason: format!(
                                "line on {} needs a debit or a credit, or an amount with its rate",
                                line.account
                            ),
                        });
                    }
                };
            lines.push(JournalLine {
                account: Code::from(line.account.as_str()),
                debit,
                credit,
                transaction_amount,
                rate,
                dimensions: line.dimensions.clone(),
            });
        }
        let difference = lines
            .iter()
            .try_fold(Decimal::ZERO, |sum, l| sum.checked_add(l.net()))
            .ok_or_else(|| LandedError::overflow("the entry's totals"))?;
        // Converting lines one by one may leave half a minor unit per line;
        // that much, and no more, goes to the rounding account.
        let tolerance = Decimal::new(5, self.places() + 1) * Decimal::from(converted);
        if !difference.is_zero() && converted > 0 && difference.abs() <= tolerance {
            let account = self
                .book
                .ledger()
                .account_for(AccountRole::Rounding, &PostingFacts::default())
                .to_owned();
            let (debit, credit) = if difference > Decimal::ZERO {
                (Decimal::ZERO, difference)
            } else {
                (-difference, Decimal::ZERO)
            };
            lines.push(JournalLine {
                account,
                debit,
                credit,
                transaction_amount: None,
                rate: None,
                dimensions: LineDimensions {
                    document: manual.document.clone(),
                    ..LineDimensions::default()
                },
            });
        }
        self.push_entry(JournalEntry {
            id: 0,
            date: manual.date,
            memo: manual.memo.clone().into(),
            document: manual.document.clone(),
            reverses: None,
            lines,
        })
    }

    pub(crate) fn plan_reversal(&mut self, entry: u64, date: NaiveDate) -> Result<()> {
        let state = |reason: &str| LandedError::EntryState {
            entry,
            reason: reason.to_owned(),
        };
        let original = entry
            .checked_sub(1)
            .and_then(|i| self.book.events().get(i as usize))
            .ok_or_else(|| state("no such entry"))?;
        let Event::JournalPosted(original) = &original.event else {
            return Err(state("that event is not a journal entry"));
        };
        if self.book.ledger().reversed.contains(&entry) {
            return Err(state("already reversed"));
        }
        // A voucher of a goods movement or of landed cost mirrors the
        // stock subledger (pools, transit pieces, cost origins): reversing
        // only its entry would leave the ledger and the subledger apart.
        // Such vouchers are corrected by the movement's own commands (an
        // adjustment, a credit-note landed-cost voucher).
        let log = self.book.events();
        let index = (entry - 1) as usize;
        let version = log.get(index).map_or(0, |e| e.version);
        let before = log[..index]
            .iter()
            .rev()
            .take_while(|e| e.version == version);
        let after = log[index..].iter().take_while(|e| e.version == version);
        if before.chain(after).any(|e| {
            !matches!(
                e.event,
                Event::JournalPosted(_)
                    | Event::InvoiceRecorded { .. }
                    | Event::SettlementRecorded { .. }
                    | Event::Revalued { .. }
            )
        }) {
            return Err(state(
                "it is the voucher of a stock movement or of landed cost: correct it with a stock command (an adjustment, a credit-note voucher), which keeps the subledger and the ledger together",
            ));
        }
        let lines = original
            .lines
            .iter()
            .map(|l| JournalLine {
                debit: l.credit,
                credit: l.debit,
                transaction_amount: l.transaction_amount.map(|m| m.neg()),
                ..l.clone()
            })
            .collect();
        self.push_entry(JournalEntry {
            id: 0,
            date,
            memo: format!("reversal of entry {entry}: {}", original.memo).into(),
            document: original.document.clone(),
            reverses: Some(entry),
            lines,
        })
    }

    pub(crate) fn plan_lock(&mut self, through: NaiveDate) -> Result<()> {
        if !self.book.ledger().enabled {
            return Err(ledger_off());
        }
        if let Some(current) = self.book.ledger().locked_through
            && through < current
        {
            return Err(LandedError::PeriodLocked {
                date: through,
                locked_through: current,
            });
        }
        self.events.push(Event::PeriodLocked { through });
        Ok(())
    }

    /// The rate of a document: given, or 1 in the functional currency.
    fn document_rate(
        &self,
        amount: &Money,
        rate: Option<Decimal>,
        document: &str,
        date: NaiveDate,
    ) -> Result<Decimal> {
        let functional = self.functional();
        if rate.is_none() && amount.currency != functional {
            // Money documents carry their own rate; the book's rates are
            // for goods-flow documents that name none.
            return Err(LandedError::RateNotFound {
                base: amount.currency.to_string(),
                quote: functional.to_string(),
                date,
                rate_type: "document".into(),
                policy: format!("given with {document}"),
            });
        }
        self.rate_to_functional(amount.currency, rate, date, document)
    }

    fn check_document_amount(&self, amount: &Money) -> Result<()> {
        if amount.amount <= Decimal::ZERO || !amount.is_rounded() {
            return Err(LandedError::InvalidAmount {
                input: amount.to_string(),
                reason: "a document amount is positive, in whole minor units".into(),
            });
        }
        Ok(())
    }

    pub(crate) fn line(
        account: &str,
        net: Decimal,
        amount: Option<Money>,
        rate: Option<Decimal>,
        dims: &LineDimensions,
    ) -> JournalLine {
        JournalLine {
            account: Code::from(account),
            debit: net.max(Decimal::ZERO),
            credit: (-net).max(Decimal::ZERO),
            transaction_amount: amount,
            rate,
            dimensions: dims.clone(),
        }
    }

    pub(crate) fn plan_invoice(&mut self, invoice: &InvoiceSpec) -> Result<()> {
        let ledger = self.book.ledger();
        if !ledger.enabled {
            return Err(ledger_off());
        }
        crate::limits::check_code("document", &invoice.document)?;
        crate::limits::check_code("party", &invoice.party)?;
        if ledger.documents.contains_key(&invoice.document) {
            return Err(LandedError::DuplicateCode {
                kind: "document".into(),
                code: invoice.document.clone(),
            });
        }
        self.check_document_amount(&invoice.amount)?;
        let rate = self.document_rate(
            &invoice.amount,
            invoice.rate,
            &invoice.document,
            invoice.date,
        )?;
        let functional = self.round(
            invoice
                .amount
                .amount
                .checked_mul(rate)
                .ok_or_else(|| LandedError::overflow("invoice conversion"))?,
        );
        let facts = PostingFacts {
            channel: invoice.channel.as_deref(),
            ..PostingFacts::default()
        };
        let (open_role, other_role) = match invoice.kind {
            DocumentKind::CustomerInvoice => (AccountRole::Receivable, AccountRole::Revenue),
            DocumentKind::SupplierInvoice => (AccountRole::Payable, AccountRole::Grni),
        };
        let open_account = ledger.account_for(open_role, &facts).to_string();
        let other_account = ledger.account_for(other_role, &facts).to_string();
        let dims = LineDimensions {
            channel: invoice.channel.clone(),
            document: Some(invoice.document.clone()),
            ..LineDimensions::default()
        };
        let amount = invoice.amount;
        // A receivable is a debit, a payable a credit; the transaction
        // amount carries the same sign as the line.
        let sign = if invoice.kind == DocumentKind::CustomerInvoice {
            Decimal::ONE
        } else {
            Decimal::NEGATIVE_ONE
        };
        let lines = vec![
            Self::line(
                &open_account,
                functional * sign,
                Some(amount.checked_mul(sign)?),
                Some(rate),
                &dims,
            ),
            Self::line(
                &other_account,
                -functional * sign,
                Some(amount.checked_mul(-sign)?),
                Some(rate),
                &dims,
            ),
        ];
        let mut normalized = invoice.clone();
        normalized.rate = Some(rate);
        self.events.push(Event::InvoiceRecorded {
            invoice: normalized,
            account: open_account.to_string(),
            carrying: Money::new(functional, self.functional()),
        });
        self.push_entry(JournalEntry {
            id: 0,
            date: invoice.date,
            memo: format!(
                "invoice {} {} {}",
                invoice.document, invoice.party, invoice.amount
            )
            .into(),
            document: Some(invoice.document.clone()),
            reverses: None,
            lines,
        })
    }

    pub(crate) fn plan_settlement(&mut self, s: &SettlementSpec) -> Result<()> {
        let ledger = self.book.ledger();
        if !ledger.enabled {
            return Err(ledger_off());
        }
        let item: &OpenItem =
            ledger
                .documents
                .get(&s.document)
                .ok_or_else(|| LandedError::UnknownDocument {
                    document: s.document.clone(),
                })?;
        if s.amount.currency != item.open.currency {
            return Err(LandedError::CurrencyMismatch {
                left: item.open.currency.to_string(),
                right: s.amount.currency.to_string(),
            });
        }
        self.check_document_amount(&s.amount)?;
        if s.amount.amount > item.open.amount {
            return Err(LandedError::SettlementTooLarge {
                document: s.document.clone(),
                open: item.open.to_string(),
                requested: s.amount.to_string(),
            });
        }
        let rate = self.document_rate(&s.amount, s.rate, &s.document, s.date)?;
        let cash = self.round(
            s.amount
                .amount
                .checked_mul(rate)
                .ok_or_else(|| LandedError::overflow("settlement conversion"))?,
        );
        // The carrying amount of the part settled: pro rata, and the payment
        // that clears the document takes what is left.
        let carried = if s.amount.amount == item.open.amount {
            item.carrying.amount
        } else {
            self.round(
                item.carrying
                    .amount
                    .checked_mul(s.amount.amount)
                    .and_then(|v| v.checked_div(item.open.amount))
                    .ok_or_else(|| LandedError::overflow("carrying amount"))?,
            )
        };
        let facts = PostingFacts {
            channel: item.channel.as_deref(),
            ..PostingFacts::default()
        };
        let cash_account = match &s.cash_account {
            Some(code) => {
                ledger.account_index(code)?;
                code.clone()
            }
            None => ledger.account_for(AccountRole::Cash, &facts).to_string(),
        };
        let fx_account = ledger
            .account_for(AccountRole::RealizedFx, &facts)
            .to_string();
        let dims = LineDimensions {
            channel: item.channel.clone(),
            document: Some(s.document.clone()),
            ..LineDimensions::default()
        };
        let amount = s.amount;
        let (lines, realized) = match item.kind {
            DocumentKind::CustomerInvoice => {
                let realized = cash - carried;
                let mut lines = vec![
                    Self::line(&cash_account, cash, Some(amount), Some(rate), &dims),
                    Self::line(
                        &item.account,
                        -carried,
                        Some(amount.neg()),
                        Some(item.rate),
                        &dims,
                    ),
                ];
                if !realized.is_zero() {
                    lines.push(Self::line(&fx_account, -realized, None, None, &dims));
                }
                (lines, realized)
            }
            DocumentKind::SupplierInvoice => {
                let realized = carried - cash;
                let mut lines = vec![
                    Self::line(&item.account, carried, Some(amount), Some(item.rate), &dims),
                    Self::line(&cash_account, -cash, Some(amount.neg()), Some(rate), &dims),
                ];
                if !realized.is_zero() {
                    lines.push(Self::line(&fx_account, -realized, None, None, &dims));
                }
                (lines, realized)
            }
        };
        let functional = self.functional();
        let memo = format!("settlement of {} {}", s.document, s.amount);
        let mut normalized = s.clone();
        normalized.rate = Some(rate);
        self.events.push(Event::SettlementRecorded {
            settlement: normalized,
            carrying_settled: Money::new(carried, functional),
            realized: Money::new(realized, functional),
        });
        self.push_entry(JournalEntry {
            id: 0,
            date: s.date,
            memo: memo.into(),
            document: Some(s.document.clone()),
            reverses: None,
            lines,
        })
    }

    pub(crate) fn plan_revaluation(&mut self, r: &RevaluationSpec) -> Result<()> {
        let ledger = self.book.ledger();
        if !ledger.enabled {
            return Err(ledger_off());
        }
        let functional = self.functional();
        let unrealized = ledger
            .account_for(AccountRole::UnrealizedFx, &PostingFacts::default())
            .to_string();
        let closing = |currency: Currency, what: &str| -> Result<Decimal> {
            match r.rates.get(&currency) {
                Some(rate) if rate.0 > Decimal::ZERO => Ok(rate.0),
                Some(rate) => Err(LandedError::NonPositiveRate {
                    base: currency.to_string(),
                    quote: functional.to_string(),
                    date: r.date,
                    rate: rate.0,
                }),
                None => Err(LandedError::RateNotFound {
                    base: currency.to_string(),
                    quote: functional.to_string(),
                    date: r.date,
                    rate_type: "closing".into(),
                    policy: format!("given with the revaluation, needed for {what}"),
                }),
            }
        };
        let mut lines = Vec::new();
        for item in ledger.documents.values() {
            if item.open.is_zero() || item.open.currency == functional {
                continue;
            }
            let rate = closing(item.open.currency, &item.document)?;
            let restated = self.round(
                item.open
                    .amount
                    .checked_mul(rate)
                    .ok_or_else(|| LandedError::overflow("revaluation"))?,
            );
            // Receivables are debit balances, payables credit balances.
            let sign = if item.kind == DocumentKind::CustomerInvoice {
                Decimal::ONE
            } else {
                Decimal::NEGATIVE_ONE
            };
            let change = (restated - item.carrying.amount) * sign;
            if change.is_zero() {
                continue;
            }
            let dims = LineDimensions {
                channel: item.channel.clone(),
                document: Some(item.document.clone()),
                ..LineDimensions::default()
            };
            let zero = Some(Money::zero(item.open.currency));
            lines.push(Self::line(&item.account, change, zero, Some(rate), &dims));
            lines.push(Self::line(&unrealized, -change, None, None, &dims));
        }
        for (code, balance) in &ledger.foreign_balances {
            let index = ledger.account_index(code)?;
            let Some(currency) = ledger.accounts[index as usize].currency else {
                continue;
            };
            if currency == functional || balance.is_zero() {
                continue;
            }
            let rate = closing(currency, code)?;
            let restated = self.round(
                balance
                    .checked_mul(rate)
                    .ok_or_else(|| LandedError::overflow("revaluation"))?,
            );
            let change = restated - ledger.balance(index, r.date);
            if change.is_zero() {
                continue;
            }
            let dims = LineDimensions::default();
            lines.push(Self::line(
                code,
                change,
                Some(Money::zero(currency)),
                Some(rate),
                &dims,
            ));
            lines.push(Self::line(&unrealized, -change, None, None, &dims));
        }
        self.events.push(Event::Revalued { date: r.date });
        if lines.is_empty() {
            return Ok(());
        }
        let next_day =
            r.date
                .checked_add_days(Days::new(1))
                .ok_or_else(|| LandedError::InvalidDate {
                    input: r.date.to_string(),
                    expected: "a date before the last one",
                })?;
        let reversal: Vec<JournalLine> = lines
            .iter()
            .map(|l| JournalLine {
                debit: l.credit,
                credit: l.debit,
                ..l.clone()
            })
            .collect();
        let first = self.next_event_seq();
        self.push_entry(JournalEntry {
            id: 0,
            date: r.date,
            memo: format!("revaluation at closing rates of {}", r.date).into(),
            document: None,
            reverses: None,
            lines,
        })?;
        self.push_entry(JournalEntry {
            id: 0,
            date: next_day,
            memo: format!("reversal of the revaluation of {}", r.date).into(),
            document: None,
            reverses: Some(first),
            lines: reversal,
        })
    }
}
