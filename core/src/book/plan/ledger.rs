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
use crate::error::invalid;
use crate::error::{LandedError, Result};
use crate::ledger::{
    AccountRole, InvoiceSpec, JournalEntry, JournalLine, LineDimensions, OpenItem, PaymentPart,
    PaymentSpec, PostingFacts, RevaluationSpec, SettlementSpec,
};
use crate::money::{Currency, Money};

/// One document's part of a planned payment.
struct PlannedPart<'a> {
    item: &'a OpenItem,
    /// Amount settled (document currency).
    amount: Money,
    /// Carrying amount cleared.
    carried: Decimal,
    /// Realized gain (positive) or loss.
    realized: Decimal,
}

/// A payment as planned: its parts, the bank's rate and the entry's lines.
struct PlannedPayment<'a> {
    parts: Vec<PlannedPart<'a>>,
    rate: Decimal,
    lines: Vec<JournalLine>,
}

pub(super) fn ledger_off() -> LandedError {
    LandedError::InvalidCommand {
        reason: "this book keeps no ledger (ledger: off)".into(),
    }
}

impl<'a> Planner<'a> {
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
                    document: manual.document.as_deref().map(Code::from),
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
        // Entries are numbered by their event's sequence; the log holds
        // the events after `events_before`.
        let before = self.book.state.events_before;
        if entry > 0 && entry <= before {
            return Err(state(
                "its event is not in this book's memory (the book keeps no event log): \
                 post the opposite entry with post_entry",
            ));
        }
        let index = entry
            .checked_sub(before + 1)
            .map(|i| i as usize)
            .ok_or_else(|| state("no such entry"))?;
        let original = self
            .book
            .events()
            .get(index)
            .ok_or_else(|| state("no such entry"))?;
        let Event::JournalPosted(original) = &original.event else {
            return Err(state("that event is not a journal entry"));
        };
        if self.book.ledger().reversed.contains(&entry) {
            return Err(state("already reversed"));
        }
        // A voucher of a goods movement or of landed cost mirrors the
        // stock subledger (pools, transit pieces, cost origins), and the
        // entry of a money document mirrors its open item or accrual:
        // reversing only the entry would leave the ledger and the
        // subledger apart. Each is corrected by its own commands.
        let log = self.book.events();
        let version = log.get(index).map_or(0, |e| e.version);
        let before = log[..index]
            .iter()
            .rev()
            .take_while(|e| e.version == version);
        let after = log[index..].iter().take_while(|e| e.version == version);
        if let Some(reason) = before.chain(after).find_map(|e| irreversible(&e.event)) {
            return Err(state(reason));
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

    /// The error for a document the book does not hold: `ARCHIVED` when
    /// it archived it, `UNKNOWN_DOCUMENT` otherwise.
    fn unknown_document(&self, document: &str) -> LandedError {
        self.book
            .archived_document(document)
            .unwrap_or_else(|| LandedError::UnknownDocument {
                document: document.to_owned(),
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

    /// The rate of a document: given, else the book's rate for its date
    /// under the book's lookup policy (1 in the functional currency).
    fn document_rate(
        &self,
        amount: &Money,
        rate: Option<Decimal>,
        document: &str,
        date: NaiveDate,
    ) -> Result<Decimal> {
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
        if ledger.documents.contains_key(invoice.document.as_str())
            || self.book.state.archive.has_document(&invoice.document)
        {
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
        let (open_role, other_role) = if invoice.kind.is_customer() {
            (AccountRole::Receivable, AccountRole::Revenue)
        } else {
            (AccountRole::Payable, AccountRole::Grni)
        };
        let open_account = ledger.account_for(open_role, &facts).to_string();
        let other_account = ledger.account_for(other_role, &facts).to_string();
        let dims = LineDimensions {
            channel: invoice.channel.as_deref().map(Code::from),
            document: Some(Code::from(invoice.document.as_str())),
            ..LineDimensions::default()
        };
        let amount = invoice.amount;
        // A receivable is a debit, a payable a credit (a credit note the
        // other way round); the transaction amount carries the same sign
        // as the line.
        let sign = invoice.kind.balance_sign();
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
                "{} {} {} {}",
                if invoice.kind.is_credit_note() {
                    "credit note"
                } else {
                    "invoice"
                },
                invoice.document,
                invoice.party,
                invoice.amount
            )
            .into(),
            document: Some(invoice.document.clone()),
            reverses: None,
            lines,
        })
    }

    pub(crate) fn plan_settlement(&mut self, s: &SettlementSpec) -> Result<()> {
        let bank = s.bank_amount.unwrap_or(s.amount);
        let planned = self.plan_payment_lines(
            s.date,
            bank,
            s.rate,
            s.cash_account.as_deref(),
            &[(&s.document, Some(s.amount))],
        )?;
        let functional = self.functional();
        let part = &planned.parts[0];
        let mut normalized = s.clone();
        normalized.rate = Some(planned.rate);
        self.events.push(Event::SettlementRecorded {
            settlement: normalized,
            carrying_settled: Money::new(part.carried, functional),
            realized: Money::new(part.realized, functional),
        });
        self.push_entry(JournalEntry {
            id: 0,
            date: s.date,
            memo: format!("settlement of {} {}", s.document, s.amount).into(),
            document: Some(s.document.clone()),
            reverses: None,
            lines: planned.lines,
        })
    }

    /// Refuses a provider's fee in a chart without the payment-fee role.
    fn require_fee_role(&self) -> Result<()> {
        if self
            .book
            .ledger()
            .rules
            .iter()
            .any(|r| r.role == AccountRole::PaymentFees)
        {
            Ok(())
        } else {
            Err(LandedError::MissingPostingRule {
                role: AccountRole::PaymentFees.name(),
            })
        }
    }

    pub(crate) fn plan_payment(&mut self, p: &PaymentSpec) -> Result<()> {
        let allocations: Vec<(&String, Option<Money>)> = p
            .allocations
            .iter()
            .map(|a| (&a.document, a.amount))
            .collect();
        // A provider's fee: the documents are settled by what reached the
        // bank and what the provider kept together.
        let gross = match &p.fee {
            None => p.amount,
            Some(fee) => {
                if fee.currency != p.amount.currency {
                    return Err(LandedError::CurrencyMismatch {
                        left: p.amount.currency.to_string(),
                        right: fee.currency.to_string(),
                    });
                }
                if fee.amount <= Decimal::ZERO || !fee.is_rounded() {
                    return Err(LandedError::InvalidAmount {
                        input: fee.to_string(),
                        reason: "a provider's fee is positive, in whole minor units".into(),
                    });
                }
                p.amount.checked_add(fee)?
            }
        };
        let mut planned = self.plan_payment_lines(
            p.date,
            gross,
            p.rate,
            p.cash_account.as_deref(),
            &allocations,
        )?;
        if let Some(fee) = &p.fee {
            let incoming = planned
                .parts
                .first()
                .is_some_and(|part| part.item.kind.is_customer());
            let cash = planned
                .lines
                .first_mut()
                .filter(|line| line.debit > Decimal::ZERO);
            let (true, Some(cash)) = (incoming, cash) else {
                return Err(invalid(
                    "a provider's fee comes off money coming in: a payment of customer documents",
                ));
            };
            let kept = self.round(
                fee.amount
                    .checked_mul(planned.rate)
                    .ok_or_else(|| LandedError::overflow("provider fee"))?,
            );
            cash.debit = cash
                .debit
                .checked_sub(kept)
                .ok_or_else(|| LandedError::overflow("provider fee"))?;
            cash.transaction_amount = Some(p.amount);
            let mut dims = cash.dimensions.clone();
            dims.location = None;
            self.require_fee_role()?;
            let facts = PostingFacts {
                channel: dims.channel.as_deref(),
                ..PostingFacts::default()
            };
            let account = self
                .book
                .ledger()
                .account_for(AccountRole::PaymentFees, &facts)
                .to_string();
            let line = Self::line(&account, kept, Some(*fee), Some(planned.rate), &dims);
            planned.lines.insert(1, line);
        }
        let functional = self.functional();
        let mut normalized = p.clone();
        normalized.rate = Some(planned.rate);
        for (allocation, part) in normalized.allocations.iter_mut().zip(&planned.parts) {
            allocation.amount = Some(part.amount);
        }
        let parts: Vec<PaymentPart> = planned
            .parts
            .iter()
            .map(|part| PaymentPart {
                document: part.item.document.to_string(),
                amount: part.amount,
                carrying_settled: Money::new(part.carried, functional),
                realized: Money::new(part.realized, functional),
            })
            .collect();
        let names: Vec<&str> = parts.iter().map(|part| part.document.as_str()).collect();
        let memo = format!("payment of {} for {}", p.amount, names.join(", "));
        let document = match names.as_slice() {
            [one] => Some((*one).to_owned()),
            _ => None,
        };
        self.events.push(Event::PaymentRecorded {
            payment: normalized,
            parts,
        });
        self.push_entry(JournalEntry {
            id: 0,
            date: p.date,
            memo: memo.into(),
            document,
            reverses: None,
            lines: planned.lines,
        })
    }

    /// The lines of a payment of `bank` (the bank's currency; zero for an
    /// offset) settling documents, each with its amount or `None` (see
    /// [`crate::ledger::Allocation::amount`]).
    ///
    /// The bank line is `bank` at its rate. Each document is settled at its
    /// carrying amount pro rata (all of what is left when it closes), and
    /// the functional value it is credited with is its share of the bank
    /// line, `amount × bank line ÷ documents' net` rounded, the largest
    /// document in the payment's direction taking the rounding so the
    /// shares add up to the bank line exactly; for an offset, its amount at
    /// the documents' rate. The difference to the carrying amount is the
    /// document's realized FX.
    fn plan_payment_lines(
        &self,
        date: NaiveDate,
        bank: Money,
        explicit_rate: Option<Decimal>,
        cash_account: Option<&str>,
        allocations: &[(&String, Option<Money>)],
    ) -> Result<PlannedPayment<'a>> {
        let ledger = self.book.ledger();
        if !ledger.enabled {
            return Err(ledger_off());
        }
        let Some(first) = allocations.first() else {
            return Err(invalid("a payment settles at least one document"));
        };
        let first = ledger
            .documents
            .get(first.0.as_str())
            .ok_or_else(|| self.unknown_document(first.0))?;
        let currency = first.open.currency;
        let customer = first.kind.is_customer();
        let same = bank.currency == currency;
        if bank.amount < Decimal::ZERO || !bank.is_rounded() {
            return Err(LandedError::InvalidAmount {
                input: bank.to_string(),
                reason: "a payment's amount is not negative, in whole minor units".into(),
            });
        }
        // Each document, with its amount where it is known before the fill.
        let mut parts: Vec<(&OpenItem, Option<Decimal>)> = Vec::with_capacity(allocations.len());
        for (document, amount) in allocations {
            let item = ledger
                .documents
                .get(document.as_str())
                .ok_or_else(|| self.unknown_document(document))?;
            if parts.iter().any(|(seen, _)| seen.document == item.document) {
                return Err(invalid(format!(
                    "document {document} is named twice in one payment"
                )));
            }
            if item.kind.is_customer() != customer {
                return Err(invalid(format!(
                    "a payment settles customer documents or supplier documents, not both: {} and {document}",
                    first.document
                )));
            }
            if item.open.currency != currency {
                return Err(LandedError::CurrencyMismatch {
                    left: currency.to_string(),
                    right: item.open.currency.to_string(),
                });
            }
            let known = match amount {
                Some(amount) => {
                    if amount.currency != currency {
                        return Err(LandedError::CurrencyMismatch {
                            left: currency.to_string(),
                            right: amount.currency.to_string(),
                        });
                    }
                    self.check_document_amount(amount)?;
                    if amount.amount > item.open.amount {
                        return Err(LandedError::SettlementTooLarge {
                            document: item.document.to_string(),
                            open: item.open.to_string(),
                            requested: amount.to_string(),
                        });
                    }
                    Some(amount.amount)
                }
                // A credit note's whole open amount counts towards the
                // payment; so does an invoice's when the bank moved
                // another currency.
                None if item.kind.is_credit_note() || !same => Some(item.open.amount),
                None => None,
            };
            parts.push((item, known));
        }
        let direction = |item: &OpenItem| {
            if item.kind.is_credit_note() {
                Decimal::NEGATIVE_ONE
            } else {
                Decimal::ONE
            }
        };
        let overflow = || LandedError::overflow("payment amounts");
        // Invoices without an amount take what the payment has left, in order.
        let mut left = bank.amount;
        for (item, known) in &parts {
            if let Some(amount) = known {
                left = left
                    .checked_sub(amount.checked_mul(direction(item)).ok_or_else(overflow)?)
                    .ok_or_else(overflow)?;
            }
        }
        let mut amounts = Vec::with_capacity(parts.len());
        for (item, known) in &parts {
            let amount = match known {
                Some(amount) => *amount,
                None => {
                    let take = left.max(Decimal::ZERO).min(item.open.amount);
                    if take.is_zero() {
                        return Err(LandedError::InvalidAmount {
                            input: bank.to_string(),
                            reason: format!("nothing of the payment is left for {}", item.document),
                        });
                    }
                    left -= take;
                    take
                }
            };
            amounts.push(amount);
        }
        // The documents' net, in the direction of their invoices.
        let net = parts
            .iter()
            .zip(&amounts)
            .try_fold(Decimal::ZERO, |sum, ((item, _), amount)| {
                sum.checked_add(amount.checked_mul(direction(item))?)
            })
            .ok_or_else(overflow)?;
        let names = || {
            parts
                .iter()
                .map(|(item, _)| item.document.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if same && bank.amount > net.abs() {
            return Err(LandedError::SettlementTooLarge {
                document: names(),
                open: Money::new(net.abs(), currency).to_string(),
                requested: bank.to_string(),
            });
        }
        if same && bank.amount < net.abs() {
            return Err(LandedError::InvalidAmount {
                input: bank.to_string(),
                reason: format!(
                    "the documents named ({}) settle {}, more than the payment",
                    names(),
                    Money::new(net.abs(), currency)
                ),
            });
        }
        if net.is_zero() != bank.amount.is_zero() {
            return Err(LandedError::InvalidAmount {
                input: bank.to_string(),
                reason: format!(
                    "the documents named ({}) net to {}: the payment must be zero exactly when they net to zero",
                    names(),
                    Money::new(net, currency)
                ),
            });
        }
        let what = names();
        // An offset moves no money: the documents' own rate values the parts.
        let rate = if net.is_zero() {
            self.rate_to_functional(currency, explicit_rate, date, &what)?
        } else {
            self.rate_to_functional(bank.currency, explicit_rate, date, &what)?
        };
        let cash = self.round(bank.amount.checked_mul(rate).ok_or_else(overflow)?);
        let sign = if net < Decimal::ZERO {
            Decimal::NEGATIVE_ONE
        } else {
            Decimal::ONE
        };
        // The share of each document, and the one that takes the rounding.
        let mut shares = Vec::with_capacity(parts.len());
        for amount in &amounts {
            let exact = if net.is_zero() {
                amount.checked_mul(rate)
            } else {
                amount
                    .checked_mul(cash)
                    .and_then(|v| v.checked_div(net.abs()))
            };
            shares.push(self.round(exact.ok_or_else(overflow)?));
        }
        let plug = parts
            .iter()
            .zip(&amounts)
            .enumerate()
            .filter(|(_, ((item, _), _))| direction(item) == sign)
            .fold(
                None::<(usize, Decimal)>,
                |best, (i, (_, amount))| match best {
                    Some((_, top)) if top >= *amount => best,
                    _ => Some((i, *amount)),
                },
            )
            .map(|(i, _)| i)
            .ok_or_else(|| invalid("a payment needs a document in its direction"))?;
        let others = parts
            .iter()
            .zip(&shares)
            .enumerate()
            .filter(|(i, _)| *i != plug)
            .try_fold(Decimal::ZERO, |sum, (_, ((item, _), share))| {
                sum.checked_add(share.checked_mul(direction(item) * sign)?)
            })
            .ok_or_else(overflow)?;
        shares[plug] = cash.checked_sub(others).ok_or_else(overflow)?;

        let channel = parts
            .iter()
            .all(|(item, _)| item.channel == first.channel)
            .then(|| first.channel.clone())
            .flatten();
        let facts = PostingFacts {
            channel: channel.as_deref(),
            ..PostingFacts::default()
        };
        let cash_account = match cash_account {
            Some(code) => {
                ledger.account_index(code)?;
                code.to_owned()
            }
            None => ledger.account_for(AccountRole::Cash, &facts).to_string(),
        };
        // A receivable side's payment in its invoices' direction is money in.
        let side = if customer {
            Decimal::ONE
        } else {
            Decimal::NEGATIVE_ONE
        };
        let mut lines = Vec::with_capacity(2 * parts.len() + 1);
        if !bank.amount.is_zero() {
            let dims = LineDimensions {
                channel: channel.as_deref().map(Code::from),
                document: (parts.len() == 1).then(|| Code::from(first.document.as_str())),
                ..LineDimensions::default()
            };
            lines.push(Self::line(
                &cash_account,
                cash * side * sign,
                Some(bank.checked_mul(side * sign)?),
                Some(rate),
                &dims,
            ));
        }
        let mut planned = Vec::with_capacity(parts.len());
        let mut fx_lines = Vec::new();
        for (((item, _), amount), share) in parts.iter().zip(&amounts).zip(&shares) {
            // The carrying amount of the part settled: pro rata, and the
            // part that clears the document takes what is left.
            let carried = if *amount == item.open.amount {
                item.carrying.amount
            } else {
                self.round(
                    item.carrying
                        .amount
                        .checked_mul(*amount)
                        .and_then(|v| v.checked_div(item.open.amount))
                        .ok_or_else(|| LandedError::overflow("carrying amount"))?,
                )
            };
            let balance = item.kind.balance_sign();
            let realized = (share - carried) * balance;
            let dims = LineDimensions {
                channel: item.channel.as_deref().map(Code::from),
                document: Some(Code::from(item.document.as_str())),
                ..LineDimensions::default()
            };
            let settled = Money::new(*amount, currency);
            lines.push(Self::line(
                &item.account,
                -carried * balance,
                Some(settled.checked_mul(-balance)?),
                Some(item.rate),
                &dims,
            ));
            if !realized.is_zero() {
                let facts = PostingFacts {
                    channel: item.channel.as_deref(),
                    ..PostingFacts::default()
                };
                let fx = ledger.account_for(AccountRole::RealizedFx, &facts);
                fx_lines.push(Self::line(&fx, -realized, None, None, &dims));
            }
            planned.push(PlannedPart {
                item,
                amount: settled,
                carried,
                realized,
            });
        }
        lines.extend(fx_lines);
        Ok(PlannedPayment {
            parts: planned,
            rate,
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
            // Receivables are debit balances, payables credit balances
            // (credit notes the other way round).
            let sign = item.kind.balance_sign();
            let change = (restated - item.carrying.amount) * sign;
            if change.is_zero() {
                continue;
            }
            let dims = LineDimensions {
                channel: item.channel.as_deref().map(Code::from),
                document: Some(Code::from(item.document.as_str())),
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

/// Why the entry written with this event cannot be reversed on its own, if
/// it cannot: reversing it would leave the stock subledger, an open item or
/// an accrual apart from the ledger. The reason says how to correct instead.
fn irreversible(event: &Event) -> Option<&'static str> {
    match event {
        Event::JournalPosted(_) => None,
        Event::InvoiceRecorded { invoice, .. } if invoice.kind.is_credit_note() => Some(
            "it is the entry of a credit note, which mirrors its open item: correct it with an invoice to the same party and offset the two with record_payment",
        ),
        Event::InvoiceRecorded { .. } => Some(
            "it is the entry of an invoice, which mirrors its open item: correct it with a credit note (customer_credit_note or supplier_credit_note) offset against it by record_payment",
        ),
        Event::ChannelFeeRecorded { .. } => Some(
            "it is the entry of a channel fee, which mirrors its open item: record the fee the other way (refund) and let a settlement clear both",
        ),
        Event::SettlementRecorded { .. }
        | Event::PaymentRecorded { .. }
        | Event::MarketplaceSettlementRecorded { .. } => Some(
            "it is the entry of a settlement or payment, which mirrors the open items it settled: correct it with a payment the other way (a credit note refunded by record_payment) and a new invoice for what it settled",
        ),
        Event::LandedCostAccrued { .. } => Some(
            "it is the entry of a landed-cost accrual, which mirrors the open accrual: clear it with a landed-cost voucher naming it in clears (apply_landed_cost)",
        ),
        Event::Revalued { .. } => Some(
            "it is an entry of a revaluation, which is reversed the next day already: revalue again at the next period end",
        ),
        _ => Some(
            "it is the voucher of a stock movement or of landed cost: correct it with a stock command (an adjustment, a credit-note voucher), which keeps the subledger and the ledger together",
        ),
    }
}
