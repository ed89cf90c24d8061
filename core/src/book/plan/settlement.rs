//! Planning of channel fees and marketplace settlements.
//!
//! A fee is an expense of its period against the channel receivable (the
//! channel deducts it from a payout), kept as a credit note so that the
//! receivable stays equal to its open items. A settlement report clears
//! the channel's open items row by row at the settlement's rate (each
//! part's difference to its carrying amount is realized FX), posts the
//! rows that are not documents (fees, reimbursements, reserves), puts what
//! it cannot match in suspense, and leaves its net as a payout open item
//! for `record_payment` to settle when the money reaches the bank.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Ship order 1001 (5 lamps: 125.00 + 5.00 shipping + 8.00 tax), then
//! // settle it with a 18.75 referral fee: 119.25 is on its way to the bank.
//! let mut book = sales_book()?;
//! let ship = landed::Command::from_json(r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#)?;
//! book.execute(ship, &ctx("2026-11-21", "ship")?)?;
//! let settle = landed::Command::from_json(r#"{"type":"record_marketplace_settlement","channel":"shop-us",
//!     "settlement":"P-1","date":"2026-11-24","rows":[{"kind":"order","order":"1001","amount":"138.00"},
//!     {"kind":"fee","fee":"referral","order":"1001","amount":"-18.75"}]}"#)?;
//! book.execute(settle, &ctx("2026-11-24", "settle")?)?;
//! let payout = book.open_items(landed::parse_date("2026-11-24")?)
//!     .into_iter().find(|open| open.item.document == "P-1").unwrap();
//! assert_eq!(payout.item.open.to_string(), "119.25 USD");
//! assert_eq!(book.sales_settlement("P-1")?.net.to_string(), "119.25");
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::Code;

use crate::book::event::Event;
use crate::book::plan::Planner;
use crate::book::plan::ledger::ledger_off;
use crate::book::plan::posting::Leg;
use crate::book::plan::sales::no_line;
use crate::error::{LandedError, Result, duplicate, invalid};
use crate::inventory::SkuId;
use crate::ledger::{AccountRole, DocumentKind, InvoiceSpec, OpenItem, PaymentPart, PostingFacts};
use crate::limits::check_code;
use crate::money::{Currency, Money};
use crate::sales::{
    ChannelFeeSpec, MarketplaceSettlementSpec, SalesOrder, SettlementRow, SettlementRowKind,
    UnmatchedRow,
};

fn overflow(what: &str) -> LandedError {
    LandedError::overflow(what)
}

/// `amount` signed like `sign_of` (a value computed on the magnitude).
fn signed(value: Decimal, sign_of: Decimal) -> Decimal {
    if sign_of.is_sign_negative() {
        -value
    } else {
        value
    }
}

/// One document a settlement clears, with the order it belongs to.
struct Clearing<'a> {
    item: &'a OpenItem,
    amount: Decimal,
    order: Option<String>,
}

impl<'a> Planner<'a> {
    /// The channel receivable account of a channel.
    fn receivable_of(&self, channel: &str) -> String {
        let facts = PostingFacts {
            channel: Some(channel),
            ..PostingFacts::default()
        };
        self.book
            .ledger()
            .account_for(AccountRole::ChannelReceivable, &facts)
            .to_string()
    }

    /// Refuses a document id the book already uses for a document, a
    /// shipment or a settlement.
    fn check_new_document(&self, kind: &str, id: &str) -> Result<()> {
        check_code(kind, id)?;
        let book = self.book;
        // By `ShortText`, not `&str`: see `plan_ship_sales_order`.
        let key = crate::short_text::ShortText::from(id);
        if book.ledger().documents.contains_key(&key)
            || book.state.sales.shipments.contains_key(&key)
            || book.state.sales.settlements.contains_key(id)
            || book.state.archive.has_document(id)
        {
            return Err(duplicate(kind, id));
        }
        Ok(())
    }

    /// A channel-currency amount: at most the currency's minor units.
    fn check_channel_amount(&self, amount: Decimal, currency: Currency, what: &str) -> Result<()> {
        let places = currency.minor_units();
        if amount.scale() > places {
            return Err(LandedError::InvalidAmount {
                input: amount.to_string(),
                reason: format!("{what} has at most {places} decimals in {currency}"),
            });
        }
        Ok(())
    }

    /// The SKU a fee or a row is attributed to: the one named, else the
    /// single SKU of the order line named (a bundle line has none).
    fn attributed_sku(
        &self,
        order: Option<&SalesOrder>,
        line: Option<&str>,
        sku: Option<&str>,
    ) -> Result<Option<SkuId>> {
        let line = match (order, line) {
            (Some(order), Some(line)) => {
                Some(order.line(line).ok_or_else(|| no_line(order, line))?)
            }
            (None, Some(_)) => return Err(invalid("a fee names its line with its order")),
            _ => None,
        };
        if let Some(code) = sku {
            let id = self.book.sku_id(code)?;
            if let Some(line) = line
                && !line.components.iter().any(|c| c.sku == code)
            {
                return Err(invalid(format!(
                    "SKU {code} is not sold on line {} of the order",
                    line.spec.line
                )));
            }
            return Ok(Some(id));
        }
        match line.map(|l| (&l.bundle, l.components.as_slice())) {
            Some((None, [only])) => Ok(Some(self.book.sku_id(&only.sku)?)),
            _ => Ok(None),
        }
    }

    pub(crate) fn plan_channel_fee(&mut self, spec: &ChannelFeeSpec) -> Result<()> {
        let channel = self.sales_channel(&spec.channel)?;
        if !self.book.ledger().enabled {
            return Err(ledger_off());
        }
        self.check_new_document("fee", &spec.fee)?;
        let currency = channel.currency;
        if spec.amount <= Decimal::ZERO {
            return Err(LandedError::InvalidAmount {
                input: spec.amount.to_string(),
                reason: "a fee is a positive amount (a fee given back says refund)".into(),
            });
        }
        self.check_channel_amount(spec.amount, currency, "a fee")?;
        let order = match &spec.order {
            Some(order) => Some(self.sales_order_of(&spec.channel, order)?),
            None => None,
        };
        let sku = self.attributed_sku(order, spec.line.as_deref(), spec.sku.as_deref())?;
        let what = format!("fee {}", spec.fee);
        let rate = self.rate_to_functional(currency, spec.rate, spec.date, &what)?;
        let role = spec.kind.role();
        self.require_sales_roles(&[AccountRole::ChannelReceivable, role])?;
        let functional = self.at_rate(spec.amount, rate)?;
        // A fee charged is an expense (debit) owed out of the receivable; a
        // fee given back the other way round.
        let sign = if spec.refund {
            Decimal::NEGATIVE_ONE
        } else {
            Decimal::ONE
        };
        let mut expense = Leg::new(role, functional * sign);
        expense.channel = Some(Code::from(spec.channel.as_str()));
        expense.sku = sku;
        expense.document = order.map(|o| Code::from(o.document()));
        expense.transaction = Some((Money::new(spec.amount * sign, currency), rate));
        let mut receivable = Leg::new(AccountRole::ChannelReceivable, -functional * sign);
        receivable.channel = Some(Code::from(spec.channel.as_str()));
        receivable.transaction = Some((Money::new(-spec.amount * sign, currency), rate));
        let mut normalized = spec.clone();
        normalized.rate = Some(rate);
        self.events
            .push(Event::ChannelFeeRecorded { fee: normalized });
        self.events.push(Event::InvoiceRecorded {
            invoice: InvoiceSpec {
                document: spec.fee.clone(),
                kind: if spec.refund {
                    DocumentKind::CustomerInvoice
                } else {
                    DocumentKind::CustomerCreditNote
                },
                party: spec.channel.clone(),
                channel: Some(spec.channel.clone()),
                date: spec.date,
                due_date: None,
                amount: Money::new(spec.amount, currency),
                rate: Some(rate),
            },
            account: self.receivable_of(&spec.channel),
            carrying: Money::new(functional, self.functional()),
        });
        let memo = format!(
            "{} fee {} of {}",
            if spec.refund { "refunded" } else { "channel" },
            spec.fee,
            spec.channel
        );
        self.post_legs(spec.date, memo, &spec.fee, vec![expense, receivable])
    }

    /// Checks a row's fields against its kind.
    fn check_row(&self, index: usize, row: &SettlementRow, currency: Currency) -> Result<()> {
        let at = |reason: &str| invalid(format!("settlement row {index}: {reason}"));
        if row.amount.is_zero() {
            return Err(at("the amount is not zero"));
        }
        self.check_channel_amount(row.amount, currency, "a settlement row")?;
        let kind = row.kind;
        if (kind == SettlementRowKind::Fee) != row.fee.is_some() {
            return Err(at("fee rows, and only they, name the kind of fee"));
        }
        if (kind == SettlementRowKind::Document) != row.document.is_some() {
            return Err(at("document rows, and only they, name a document"));
        }
        let needs_order = matches!(kind, SettlementRowKind::Order | SettlementRowKind::Refund);
        if needs_order && row.order.is_none() {
            return Err(at("order and refund rows name their order"));
        }
        if row.order.is_some() && !needs_order && kind != SettlementRowKind::Fee {
            return Err(at("only order, refund and fee rows name an order"));
        }
        if row.line.is_some() && (kind != SettlementRowKind::Fee || row.order.is_none()) {
            return Err(at("only fee rows name a line, with its order"));
        }
        if row.sku.is_some()
            && !matches!(
                kind,
                SettlementRowKind::Fee | SettlementRowKind::Reimbursement
            )
        {
            return Err(at("only fee and reimbursement rows name a SKU"));
        }
        if kind == SettlementRowKind::Order && row.amount < Decimal::ZERO {
            return Err(at("an order row is money to the seller (positive)"));
        }
        if kind == SettlementRowKind::Refund && row.amount > Decimal::ZERO {
            return Err(at("a refund row is money back to buyers (negative)"));
        }
        for (field, value) in [("order", &row.order), ("document", &row.document)] {
            if let Some(value) = value {
                check_code(field, value)?;
            }
        }
        if let Some(memo) = &row.memo {
            crate::limits::check_label("settlement row memo", memo)?;
        }
        Ok(())
    }

    pub(crate) fn plan_marketplace_settlement(
        &mut self,
        spec: &MarketplaceSettlementSpec,
    ) -> Result<()> {
        let channel = self.sales_channel(&spec.channel)?;
        if !self.book.ledger().enabled {
            return Err(ledger_off());
        }
        self.check_new_document("settlement", &spec.settlement)?;
        if spec.rows.is_empty() {
            return Err(invalid("a settlement has at least one row"));
        }
        let currency = channel.currency;
        for (index, row) in spec.rows.iter().enumerate() {
            self.check_row(index, row, currency)?;
        }
        let what = format!("settlement {}", spec.settlement);
        let rate = self.rate_to_functional(currency, spec.rate, spec.date, &what)?;
        let mut roles = vec![
            AccountRole::ChannelReceivable,
            AccountRole::PayoutClearing,
            AccountRole::SettlementSuspense,
        ];
        for row in &spec.rows {
            match (row.kind, row.fee) {
                (SettlementRowKind::Fee, Some(fee)) => roles.push(fee.role()),
                (SettlementRowKind::Reimbursement, _) => roles.push(AccountRole::Reimbursements),
                (SettlementRowKind::Reserve, _) => roles.push(AccountRole::ChannelReserve),
                _ => {}
            }
        }
        self.require_sales_roles(&roles)?;

        let book = self.book;
        let ledger = book.ledger();
        // What each document has given so far in this settlement.
        let mut taken: BTreeMap<&str, usize> = BTreeMap::new();
        let mut clearings: Vec<Clearing<'a>> = Vec::new();
        let mut unmatched: Vec<UnmatchedRow> = Vec::new();
        let mut legs: Vec<Leg> = Vec::new();
        // The functional value the rows add to the payout, and their net.
        let (mut contributed, mut net) = (Decimal::ZERO, Decimal::ZERO);
        let row_value = |planner: &Self, amount: Decimal| -> Result<Decimal> {
            Ok(signed(planner.at_rate(amount.abs(), rate)?, amount))
        };
        for (index, row) in spec.rows.iter().enumerate() {
            net = net
                .checked_add(row.amount)
                .ok_or_else(|| overflow("settlement net"))?;
            let order = match &row.order {
                Some(id) => book.state.sales.orders.get(&spec.channel, id),
                None => None,
            };
            let mut unmatched_part = |amount: Decimal, reason: String| {
                unmatched.push(UnmatchedRow {
                    row: index as u32,
                    amount,
                    reason,
                });
            };
            match row.kind {
                SettlementRowKind::Order | SettlementRowKind::Refund => {
                    let Some(order) = order else {
                        unmatched_part(
                            row.amount,
                            format!(
                                "order {} is not in the book",
                                row.order.as_deref().unwrap_or("")
                            ),
                        );
                        continue;
                    };
                    let (documents, kind) = if row.kind == SettlementRowKind::Order {
                        (&order.shipments, DocumentKind::CustomerInvoice)
                    } else {
                        (&order.refunds, DocumentKind::CustomerCreditNote)
                    };
                    let mut left = row.amount.abs();
                    for document in documents {
                        if left.is_zero() {
                            break;
                        }
                        let Some(item) = ledger.documents.get(document) else {
                            continue;
                        };
                        if item.kind != kind || item.open.currency != currency {
                            continue;
                        }
                        let take = take_from(item, left, &mut taken, &mut clearings, Some(order))?;
                        left -= take;
                    }
                    if !left.is_zero() {
                        unmatched_part(
                            signed(left, row.amount),
                            format!(
                                "more than order {} has open in {}",
                                order.order,
                                if row.kind == SettlementRowKind::Order {
                                    "shipments"
                                } else {
                                    "refunds"
                                }
                            ),
                        );
                    }
                }
                SettlementRowKind::Document => {
                    let document = row.document.as_deref().unwrap_or("");
                    let wanted = if row.amount > Decimal::ZERO {
                        DocumentKind::CustomerInvoice
                    } else {
                        DocumentKind::CustomerCreditNote
                    };
                    let key = crate::short_text::ShortText::from(document);
                    let item = ledger.documents.get(&key).filter(|item| {
                        item.party == spec.channel
                            && item.kind == wanted
                            && item.open.currency == currency
                    });
                    let Some(item) = item else {
                        unmatched_part(
                            row.amount,
                            format!("no open {} {document} of the channel", kind_name(wanted)),
                        );
                        continue;
                    };
                    let take = take_from(item, row.amount.abs(), &mut taken, &mut clearings, None)?;
                    let left = row.amount.abs() - take;
                    if !left.is_zero() {
                        unmatched_part(
                            signed(left, row.amount),
                            format!("more than {document} has open"),
                        );
                    }
                }
                SettlementRowKind::Fee => {
                    if row.order.is_some() && order.is_none() {
                        unmatched_part(
                            row.amount,
                            format!(
                                "fee of order {}, which is not in the book",
                                row.order.as_deref().unwrap_or("")
                            ),
                        );
                        continue;
                    }
                    let role = row.fee.map_or(AccountRole::ChannelFees, |f| f.role());
                    let value = row_value(self, row.amount)?;
                    let mut leg = Leg::new(role, -value);
                    leg.channel = Some(Code::from(spec.channel.as_str()));
                    leg.sku =
                        self.attributed_sku(order, row.line.as_deref(), row.sku.as_deref())?;
                    leg.document = order.map(|o| Code::from(o.document()));
                    leg.transaction = Some((Money::new(-row.amount, currency), rate));
                    contributed = contributed
                        .checked_add(value)
                        .ok_or_else(|| overflow("settlement value"))?;
                    legs.push(leg);
                }
                SettlementRowKind::Reimbursement | SettlementRowKind::Reserve => {
                    let role = if row.kind == SettlementRowKind::Reserve {
                        AccountRole::ChannelReserve
                    } else {
                        AccountRole::Reimbursements
                    };
                    let value = row_value(self, row.amount)?;
                    let mut leg = Leg::new(role, -value);
                    leg.channel = Some(Code::from(spec.channel.as_str()));
                    leg.sku = match &row.sku {
                        Some(code) => Some(book.sku_id(code)?),
                        None => None,
                    };
                    leg.transaction = Some((Money::new(-row.amount, currency), rate));
                    contributed = contributed
                        .checked_add(value)
                        .ok_or_else(|| overflow("settlement value"))?;
                    legs.push(leg);
                }
                SettlementRowKind::Adjustment => {
                    unmatched_part(
                        row.amount,
                        row.memo
                            .clone()
                            .unwrap_or_else(|| "an adjustment of the channel".into()),
                    );
                }
            }
        }
        for u in &unmatched {
            let value = row_value(self, u.amount)?;
            let mut leg = Leg::new(AccountRole::SettlementSuspense, -value);
            leg.channel = Some(Code::from(spec.channel.as_str()));
            leg.transaction = Some((Money::new(-u.amount, currency), rate));
            contributed = contributed
                .checked_add(value)
                .ok_or_else(|| overflow("settlement value"))?;
            legs.push(leg);
        }
        // The documents cleared: each part at its carrying amount, pro rata
        // (all of what is left when it closes), and the difference to its
        // value at the settlement's rate as realized FX.
        let mut parts = Vec::with_capacity(clearings.len());
        for c in clearings.iter().filter(|c| !c.amount.is_zero()) {
            let item = c.item;
            let carried = if c.amount == item.open.amount {
                item.carrying.amount
            } else {
                self.round(
                    item.carrying
                        .amount
                        .checked_mul(c.amount)
                        .and_then(|v| v.checked_div(item.open.amount))
                        .ok_or_else(|| overflow("carrying amount"))?,
                )
            };
            let value = self.at_rate(c.amount, rate)?;
            let balance = item.kind.balance_sign();
            let realized = (value - carried) * balance;
            let mut leg = Leg::new(AccountRole::ChannelReceivable, -carried * balance);
            leg.account = Some(item.account.to_string());
            leg.channel = Some(Code::from(spec.channel.as_str()));
            leg.document = Some(Code::from(item.document.as_str()));
            leg.transaction = Some((Money::new(-c.amount * balance, currency), item.rate));
            legs.push(leg);
            if !realized.is_zero() {
                let mut fx = Leg::new(AccountRole::RealizedFx, -realized);
                fx.channel = Some(Code::from(spec.channel.as_str()));
                fx.document = Some(Code::from(c.order.as_deref().unwrap_or(&item.document)));
                legs.push(fx);
            }
            contributed = contributed
                .checked_add(value * balance)
                .ok_or_else(|| overflow("settlement value"))?;
            parts.push(PaymentPart {
                document: item.document.to_string(),
                amount: Money::new(c.amount, currency),
                carrying_settled: Money::new(carried, self.functional()),
                realized: Money::new(realized, self.functional()),
            });
        }
        // The payout, and the sub-unit difference of converting row by row.
        let payout = signed(self.at_rate(net.abs(), rate)?, net);
        if !net.is_zero() {
            let mut leg = Leg::new(AccountRole::PayoutClearing, payout);
            leg.channel = Some(Code::from(spec.channel.as_str()));
            leg.transaction = Some((Money::new(net, currency), rate));
            legs.insert(0, leg);
        }
        let difference = contributed
            .checked_sub(payout)
            .ok_or_else(|| overflow("settlement rounding"))?;
        if !difference.is_zero() {
            let mut leg = Leg::new(AccountRole::Rounding, difference);
            leg.channel = Some(Code::from(spec.channel.as_str()));
            legs.push(leg);
        }
        let mut normalized = spec.clone();
        normalized.rate = Some(rate);
        self.events.push(Event::MarketplaceSettlementRecorded {
            settlement: normalized,
            parts,
            unmatched,
        });
        if !net.is_zero() {
            let facts = PostingFacts {
                channel: Some(&spec.channel),
                ..PostingFacts::default()
            };
            let account = ledger
                .account_for(AccountRole::PayoutClearing, &facts)
                .to_string();
            self.events.push(Event::InvoiceRecorded {
                invoice: InvoiceSpec {
                    document: spec.settlement.clone(),
                    kind: if net > Decimal::ZERO {
                        DocumentKind::CustomerInvoice
                    } else {
                        DocumentKind::CustomerCreditNote
                    },
                    party: spec.channel.clone(),
                    channel: Some(spec.channel.clone()),
                    date: spec.date,
                    due_date: None,
                    amount: Money::new(net.abs(), currency),
                    rate: Some(rate),
                },
                account,
                carrying: Money::new(payout.abs(), self.functional()),
            });
        }
        let memo = format!(
            "settlement {} of {}: {}",
            spec.settlement,
            spec.channel,
            Money::new(net, currency)
        );
        self.post_legs(spec.date, memo, &spec.settlement, legs)
    }
}

fn kind_name(kind: DocumentKind) -> &'static str {
    if kind.is_credit_note() {
        "credit note"
    } else {
        "invoice"
    }
}

/// Takes up to `wanted` of what `item` still has open after the parts
/// already taken in this settlement; returns what it took.
fn take_from<'a>(
    item: &'a OpenItem,
    wanted: Decimal,
    taken: &mut BTreeMap<&'a str, usize>,
    clearings: &mut Vec<Clearing<'a>>,
    order: Option<&SalesOrder>,
) -> Result<Decimal> {
    let slot = match taken.get(item.document.as_str()) {
        Some(&i) => i,
        None => {
            clearings.push(Clearing {
                item,
                amount: Decimal::ZERO,
                order: order.map(SalesOrder::document),
            });
            taken.insert(item.document.as_str(), clearings.len() - 1);
            clearings.len() - 1
        }
    };
    let clearing = clearings
        .get_mut(slot)
        .ok_or_else(|| overflow("settlement parts"))?;
    let open = item
        .open
        .amount
        .checked_sub(clearing.amount)
        .ok_or_else(|| overflow("open amount"))?;
    let take = wanted.min(open).max(Decimal::ZERO);
    clearing.amount += take;
    Ok(take)
}
