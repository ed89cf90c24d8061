//! Planning of landed-cost vouchers and supplier invoice matching: each
//! charge converted once and allocated over its lines, and each line's
//! amount split between stock on hand, goods in transit and cost of goods
//! sold.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // One charge over two lines by weight: 100 lamps at 1.2 kg against the
//! // 50 of GRN-1 at 1.2 kg, so 2:1, exactly.
//! let mut book = lamp_book()?;
//! let duty = landed::Command::from_json(r#"{"type":"apply_landed_cost","voucher":"LC-2","date":"2026-11-20",
//!     "charges":[{"description":"Import duty","kind":"duty","amount":{"amount":"100.01","currency":"CNY"},
//!     "account":"2300","method":"weight"}],"targets":[{"type":"transfer","transfer":"T-1","line":1},
//!     {"type":"receipt","receipt":"GRN-1","line":1}]}"#)?;
//! book.execute(duty, &ctx("2026-11-20", "LC-2")?)?;
//! let report = book.landed_cost(None)?;
//! assert_eq!(report.lines[0].total.duty.to_string(), "44.45 CNY"); // 40 × 1.2 kg
//! assert_eq!(report.lines[1].total.duty.to_string(), "55.56 CNY"); // 50 × 1.2 kg
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::book::event::Event;
use crate::book::plan::Planner;
use crate::book::plan::posting::Leg;
use crate::error::{LandedError, Result, duplicate, invalid};
use crate::inventory::{LocId, PoolKey, ScopeId};
use crate::ledger::{AccountRole, DocumentKind, InvoiceSpec, PostingFacts};
use crate::limits::check_quantity;
use crate::money::{Money, allocate_minor_units};
use crate::trade::{
    AccrualSpec, Capitalised, ChargeKind, ConvertedCharge, CostSplit, CostTarget, DecimalValue,
    LandedCostSpec, LineBasis, MatchedLine, PriceDifference, SupplierInvoiceSpec,
    TransitCapitalised, Voucher, VoucherLine, allocate_charge, state_error, times,
};

/// Where a share of a cost change lands.
enum Sink {
    Pool(PoolKey, Option<u64>),
    Piece(String, u32, u32),
    Gone,
}

/// Cost added so far in this command, so several lines of one SKU cannot
/// together take a pool, layer or piece below zero.
#[derive(Default)]
pub(crate) struct Pending {
    pools: BTreeMap<PoolKey, Decimal>,
    layers: BTreeMap<(PoolKey, u64), Decimal>,
    pieces: BTreeMap<(String, u32, u32), Decimal>,
}

fn negative(what: &str, value: Decimal) -> LandedError {
    LandedError::InvalidCommand {
        reason: format!("this cost reduction would leave {what} worth {value}"),
    }
}

impl Planner<'_> {
    fn scope_location(&self, scope: ScopeId, prefer: impl FnOnce() -> Option<LocId>) -> LocId {
        let mut members = (0..self.book.state.locations.len() as LocId)
            .filter(|l| self.book.location_scope(*l) == scope);
        let first = members.next().unwrap_or(0);
        if members.next().is_none() {
            return first;
        }
        match prefer() {
            Some(l) if self.book.location_scope(l) == scope => l,
            _ => first,
        }
    }

    /// Splits `amount` of cost change on the units of cost origin `id` by
    /// where they are now (see `trade/landed_cost.rs`).
    pub(crate) fn plan_split(
        &self,
        id: u32,
        amount: Decimal,
        pending: &mut Pending,
        legs: &mut Vec<Leg>,
    ) -> Result<CostSplit> {
        let trade = &self.book.state.trade;
        let origin = self.book.origin(id)?;
        let sku = self.book.sku_id(&origin.sku)?;
        // Where the line's units landed: the preferred location of a scope
        // that holds several (looked up only then).
        let home = || match &origin.target {
            CostTarget::Receipt { receipt, line } => trade
                .receipts
                .get(&(receipt.clone(), *line))
                .and_then(|r| self.book.loc_id(&r.location).ok()),
            CostTarget::Transfer { transfer, .. } => trade
                .transfers
                .get(transfer)
                .and_then(|t| self.book.loc_id(&t.destination).ok()),
        };
        let mut sinks: Vec<(Sink, i64)> = Vec::new();
        let range = PoolKey { sku, scope: 0 }..=PoolKey {
            sku,
            scope: ScopeId::MAX,
        };
        for (key, pool) in self.book.pools().range(range) {
            for (layer, units) in pool.units_through(id) {
                sinks.push((Sink::Pool(*key, layer), units));
            }
        }
        // Only transfers with units in transit have pieces to share the cost
        // (in number order, as the transfers map would give them).
        let in_transit = self
            .book
            .index
            .transit_by_origin
            .get(&id)
            .into_iter()
            .flatten();
        for t in in_transit.filter_map(|code| trade.transfers.get(code)) {
            for l in &t.lines {
                if l.sku != origin.sku {
                    continue;
                }
                for (i, p) in l.pieces.iter().enumerate() {
                    if p.quantity > 0 && (l.origin == id || p.trace.contains(&id)) {
                        sinks.push((
                            Sink::Piece(t.transfer.clone(), l.line, i as u32),
                            p.quantity,
                        ));
                    }
                }
            }
        }
        let mut split = CostSplit::default();
        for (sink, units) in &sinks {
            match sink {
                Sink::Pool(..) => split.on_hand += units,
                Sink::Piece(..) => split.in_transit += units,
                Sink::Gone => {}
            }
        }
        split.gone = (origin.quantity - split.on_hand - split.in_transit).max(0);
        sinks.push((Sink::Gone, split.gone));
        split.expensed = Decimal::ZERO;
        if amount.is_zero() {
            return Ok(split);
        }
        let places = self.book.config().functional_currency.minor_units();
        let weights: Vec<Decimal> = sinks.iter().map(|(_, u)| Decimal::from(*u)).collect();
        let shares = if weights.iter().all(Decimal::is_zero) {
            // No unit of the line is left anywhere: it is all cost of sales.
            let mut v = vec![0i128; sinks.len()];
            if let Some(last) = v.last_mut() {
                *last =
                    Money::new(amount, self.book.config().functional_currency).to_minor_units()?;
            }
            v
        } else {
            allocate_minor_units(
                &Money::new(amount, self.book.config().functional_currency),
                &weights,
            )?
        };
        for ((sink, units), share) in sinks.into_iter().zip(shares) {
            let share = Decimal::try_from_i128_with_scale(share, places)
                .map_err(|_| LandedError::overflow("cost split"))?;
            if share.is_zero() {
                continue;
            }
            match sink {
                Sink::Pool(key, layer) => {
                    let pool =
                        self.book
                            .pools()
                            .get(&key)
                            .ok_or_else(|| LandedError::Internal {
                                detail: "pool vanished".into(),
                            })?;
                    let sum = pending.pools.entry(key).or_default();
                    *sum += share;
                    if pool.value + *sum < Decimal::ZERO {
                        return Err(negative(
                            &format!("{} stock", origin.sku),
                            pool.value + *sum,
                        ));
                    }
                    if let Some(layer_id) = layer {
                        let value = pool
                            .layers()
                            .iter()
                            .find(|l| l.id == layer_id)
                            .map_or(Decimal::ZERO, |l| l.value);
                        let sum = pending.layers.entry((key, layer_id)).or_default();
                        *sum += share;
                        if value + *sum < Decimal::ZERO {
                            return Err(negative(&format!("FIFO layer {layer_id}"), value + *sum));
                        }
                    }
                    let loc = self.scope_location(key.scope, home);
                    legs.push(Leg::new(AccountRole::Inventory, share).at(sku, loc, None));
                    split.capitalised.push(Capitalised {
                        sku: origin.sku.clone(),
                        location: self.book.loc_code(loc).to_owned(),
                        layer,
                        quantity: units,
                        amount: share,
                    });
                }
                Sink::Piece(transfer, line, piece) => {
                    let value = trade
                        .transfers
                        .get(&transfer)
                        .and_then(|t| t.lines.iter().find(|l| l.line == line))
                        .and_then(|l| l.pieces.get(piece as usize))
                        .map_or(Decimal::ZERO, |p| p.value);
                    let sum = pending
                        .pieces
                        .entry((transfer.clone(), line, piece))
                        .or_default();
                    *sum += share;
                    if value + *sum < Decimal::ZERO {
                        return Err(negative("goods in transit", value + *sum));
                    }
                    if let Some(dest) = trade
                        .transfers
                        .get(&transfer)
                        .and_then(|t| self.book.loc_id(&t.destination).ok())
                    {
                        legs.push(Leg::new(AccountRole::GoodsInTransit, share).at(sku, dest, None));
                    }
                    split.transit.push(TransitCapitalised {
                        transfer,
                        line,
                        piece,
                        quantity: units,
                        amount: share,
                    });
                }
                Sink::Gone => {
                    split.expensed = share;
                    let mut leg = Leg::new(AccountRole::Cogs, share);
                    leg.sku = Some(sku);
                    legs.push(leg);
                }
            }
        }
        Ok(split)
    }

    /// What a target line offers to allocate over, looked up once.
    fn line_basis(&self, target: &CostTarget) -> Result<(u32, LineBasis)> {
        let id = self.book.origin_id(target)?;
        let origin = self.book.origin(id)?;
        let spec = &self.book.sku(&origin.sku)?.spec;
        let charges: Decimal = origin.charges.values().map(|c| c.0).sum();
        let carried = match target {
            CostTarget::Receipt { .. } => origin.purchase,
            CostTarget::Transfer { transfer, line } => self
                .book
                .state
                .trade
                .transfers
                .get(transfer)
                .and_then(|t| t.lines.iter().find(|l| l.line == *line))
                .map_or(Decimal::ZERO, |l| l.shipped_value),
        };
        Ok((
            id,
            LineBasis {
                quantity: origin.quantity,
                value: (carried + charges + origin.price_difference).max(Decimal::ZERO),
                unit_weight_kg: spec.weight_kg.unwrap_or_default(),
                unit_volume_cm3: spec
                    .dimensions_cm
                    .as_ref()
                    .and_then(|d| d.volume_cm3())
                    .unwrap_or_default(),
            },
        ))
    }

    pub(crate) fn plan_landed_cost(&mut self, spec: &LandedCostSpec) -> Result<()> {
        let trade = &self.book.state.trade;
        crate::limits::check_code("voucher", &spec.voucher)?;
        if trade.vouchers.contains_key(&spec.voucher) {
            return Err(duplicate("voucher", &spec.voucher));
        }
        if let Some(archived) = self.book.archived_voucher(&spec.voucher) {
            return Err(archived);
        }
        if spec.charges.is_empty() || spec.targets.is_empty() {
            return Err(invalid(format!(
                "voucher {} needs charges and target lines",
                spec.voucher
            )));
        }
        let mut seen = std::collections::BTreeSet::new();
        let mut origins = Vec::with_capacity(spec.targets.len());
        let mut bases = Vec::with_capacity(spec.targets.len());
        for t in &spec.targets {
            if !seen.insert(t) {
                return Err(invalid(format!("voucher {} lists {t} twice", spec.voucher)));
            }
            let (id, basis) = self.line_basis(t)?;
            origins.push(id);
            bases.push(basis);
        }
        let estimate = match &spec.replaces {
            Some(id) => {
                let e = trade.vouchers.get(id).ok_or_else(|| {
                    self.book
                        .archived_voucher(id)
                        .unwrap_or_else(|| LandedError::UnknownDocument {
                            document: id.clone(),
                        })
                })?;
                if !e.estimate {
                    return Err(state_error(id, "actual", "only an estimate is replaced"));
                }
                if let Some(by) = &e.replaced_by {
                    return Err(state_error(
                        id,
                        "replaced",
                        &format!("already replaced by {by}"),
                    ));
                }
                if spec.estimate {
                    return Err(invalid("a voucher that replaces an estimate is not one"));
                }
                Some(e)
            }
            None => None,
        };
        let functional = self.book.config().functional_currency;
        let rounding = self.book.rounding();
        let places = functional.minor_units();
        let mut charges = Vec::with_capacity(spec.charges.len());
        for charge in &spec.charges {
            let date = charge.rate_date.unwrap_or(spec.date);
            let rate = self.rate_to_functional(
                charge.amount.currency,
                charge.rate,
                date,
                &charge.description,
            )?;
            let converted = rounding.strategy.round(
                times(charge.amount.amount, rate, "charge conversion")?,
                places,
            );
            let shares = allocate_charge(
                &Money::new(converted, functional),
                charge,
                &bases,
                spec.equal_fallback,
            )
            .map_err(|e| match e {
                LandedError::ZeroAllocationBasis { method, .. } => {
                    LandedError::ZeroAllocationBasis {
                        method,
                        lines: spec
                            .targets
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    }
                }
                other => other,
            })?;
            charges.push(ConvertedCharge {
                description: charge.description.clone(),
                kind: charge.kind,
                account: charge.account.clone(),
                amount: charge.amount,
                rate,
                functional: Money::new(converted, functional),
                shares,
            });
        }
        if let Some(id) = &spec.clears {
            self.check_clearing(id, spec, &charges)?;
        }
        // Amount per target line and kind, less what an estimate put there.
        let mut per_line: Vec<(CostTarget, BTreeMap<ChargeKind, DecimalValue>)> = spec
            .targets
            .iter()
            .map(|t| (t.clone(), BTreeMap::new()))
            .collect();
        for c in &charges {
            for (i, share) in c.shares.iter().enumerate() {
                per_line[i].1.entry(c.kind).or_default().0 += share.0;
            }
        }
        if let Some(e) = estimate {
            for c in &e.charges {
                for (target, share) in e.targets.iter().zip(&c.shares) {
                    let index = match per_line.iter().position(|(t, _)| t == target) {
                        Some(i) => i,
                        None => {
                            per_line.push((target.clone(), BTreeMap::new()));
                            per_line.len() - 1
                        }
                    };
                    per_line[index].1.entry(c.kind).or_default().0 -= share.0;
                }
            }
        }
        let mut pending = Pending::default();
        let mut lines = Vec::with_capacity(per_line.len());
        let mut legs = Vec::new();
        for (index, (target, by_kind)) in per_line.into_iter().enumerate() {
            let amount: Decimal = by_kind.values().map(|v| v.0).sum();
            let id = match origins.get(index) {
                Some(id) => *id,
                None => self.book.origin_id(&target)?,
            };
            let split = self.plan_split(id, amount, &mut pending, &mut legs)?;
            let sku = self.book.origin(id)?.sku.clone();
            lines.push(VoucherLine {
                target,
                sku,
                by_kind,
                amount,
                split,
            });
        }
        for c in &charges {
            let mut leg = Leg::new(AccountRole::Cogs, -c.functional.amount);
            leg.account = Some(c.account.clone());
            if c.amount.currency != functional {
                leg.transaction = Some((c.amount.neg(), c.rate));
            }
            legs.push(leg);
        }
        if let Some(e) = estimate {
            for c in &e.charges {
                let mut leg = Leg::new(AccountRole::Cogs, c.functional.amount);
                leg.account = Some(c.account.clone());
                if c.amount.currency != functional {
                    leg.transaction = Some((c.amount, c.rate));
                }
                legs.push(leg);
            }
        }
        self.events.push(Event::LandedCostApplied {
            voucher: Box::new(Voucher {
                voucher: spec.voucher.clone(),
                date: spec.date,
                estimate: spec.estimate,
                replaces: spec.replaces.clone(),
                replaced_by: None,
                charges,
                targets: spec.targets.clone(),
                clears: spec.clears.clone(),
            }),
            lines,
        });
        self.post_legs(
            spec.date,
            format!("landed cost {}", spec.voucher),
            &spec.voucher,
            legs,
        )
    }

    /// The landed-cost clearing account, or `MISSING_POSTING_RULE` when the
    /// book's chart has none (custom charts need not have one).
    fn clearing_account(&self) -> Result<String> {
        let ledger = self.book.ledger();
        if !ledger.enabled {
            return Err(invalid("this book keeps no ledger (ledger: off)"));
        }
        if !ledger
            .rules
            .iter()
            .any(|r| r.role == AccountRole::LandedCostClearing)
        {
            return Err(LandedError::MissingPostingRule {
                role: AccountRole::LandedCostClearing.name(),
            });
        }
        Ok(ledger
            .account_for(AccountRole::LandedCostClearing, &PostingFacts::default())
            .to_string())
    }

    /// A voucher allocating accrual `id`: an actual voucher whose charges
    /// credit the clearing account, for no more than the accrual has left.
    fn check_clearing(
        &self,
        id: &str,
        spec: &LandedCostSpec,
        charges: &[ConvertedCharge],
    ) -> Result<()> {
        let accrual =
            self.book
                .state
                .trade
                .accruals
                .get(id)
                .ok_or_else(|| LandedError::UnknownDocument {
                    document: id.to_owned(),
                })?;
        if spec.estimate || spec.replaces.is_some() {
            return Err(invalid(format!(
                "voucher {} allocates accrual {id}: it is neither an estimate nor replaces one",
                spec.voucher
            )));
        }
        let clearing = self.clearing_account()?;
        if let Some(c) = charges.iter().find(|c| c.account != clearing) {
            return Err(invalid(format!(
                "voucher {} allocates accrual {id}: its charge {} credits {}, not the clearing account {clearing}",
                spec.voucher, c.description, c.account
            )));
        }
        let total = charges
            .iter()
            .try_fold(Decimal::ZERO, |sum, c| sum.checked_add(c.functional.amount))
            .ok_or_else(|| LandedError::overflow("voucher total"))?;
        if total <= Decimal::ZERO || total > accrual.open.amount {
            return Err(LandedError::InvalidAmount {
                input: Money::new(total, accrual.open.currency).to_string(),
                reason: format!(
                    "voucher {} allocates between zero and the {} accrual {id} has left",
                    spec.voucher, accrual.open
                ),
            });
        }
        Ok(())
    }

    pub(crate) fn plan_accrual(&mut self, spec: &AccrualSpec) -> Result<()> {
        crate::limits::check_code("accrual", &spec.document)?;
        crate::limits::check_code("account", &spec.account)?;
        if self.book.state.trade.accruals.contains_key(&spec.document) {
            return Err(duplicate("accrual", &spec.document));
        }
        if spec.amount.amount <= Decimal::ZERO || !spec.amount.is_rounded() {
            return Err(LandedError::InvalidAmount {
                input: spec.amount.to_string(),
                reason: "an accrued bill is positive, in whole minor units".into(),
            });
        }
        let clearing = self.clearing_account()?;
        self.book.ledger().account_index(&spec.account)?;
        let rate =
            self.rate_to_functional(spec.amount.currency, spec.rate, spec.date, &spec.document)?;
        let functional = self.book.config().functional_currency;
        let rounding = self.book.rounding();
        let value = rounding.strategy.round(
            times(spec.amount.amount, rate, "accrual conversion")?,
            functional.minor_units(),
        );
        let mut normalized = spec.clone();
        normalized.rate = Some(rate);
        self.events.push(Event::LandedCostAccrued {
            accrual: normalized,
            functional: Money::new(value, functional),
        });
        let mut debit = Leg::new(AccountRole::LandedCostClearing, value);
        debit.account = Some(clearing);
        let mut credit = Leg::new(AccountRole::LandedCostClearing, -value);
        credit.account = Some(spec.account.clone());
        if spec.amount.currency != functional {
            credit.transaction = Some((spec.amount.neg(), rate));
        }
        self.post_legs(
            spec.date,
            format!(
                "landed cost accrued {}: {}",
                spec.document, spec.description
            ),
            &spec.document,
            vec![debit, credit],
        )
    }

    pub(crate) fn plan_match_invoice(&mut self, spec: &SupplierInvoiceSpec) -> Result<()> {
        let ledger = self.book.ledger();
        if !ledger.enabled {
            return Err(invalid("this book keeps no ledger (ledger: off)"));
        }
        let trade = &self.book.state.trade;
        if ledger.documents.contains_key(spec.document.as_str())
            || trade.matched_invoices.contains_key(&spec.document)
            || self.book.state.archive.has_document(&spec.document)
        {
            return Err(duplicate("document", &spec.document));
        }
        let supplier = trade
            .suppliers
            .get(&spec.supplier)
            .ok_or_else(|| invalid(format!("unknown supplier {}", spec.supplier)))?;
        if spec.lines.is_empty() {
            return Err(invalid(format!("invoice {} has no lines", spec.document)));
        }
        let currency = supplier.currency;
        let rate = self.rate_to_functional(currency, spec.rate, spec.date, &spec.document)?;
        let mut amounts = Vec::with_capacity(spec.lines.len());
        let mut total = Money::zero(currency);
        let mut seen = std::collections::BTreeSet::new();
        for l in &spec.lines {
            if !seen.insert((l.receipt.as_str(), l.line)) {
                return Err(invalid(format!(
                    "invoice {} lists receipt {} line {} twice",
                    spec.document, l.receipt, l.line
                )));
            }
            let receipt = trade
                .receipts
                .get(&(l.receipt.clone(), l.line))
                .ok_or_else(|| {
                    self.book.archived_receipt(&l.receipt).unwrap_or_else(|| {
                        LandedError::UnknownDocument {
                            document: format!("receipt {} line {}", l.receipt, l.line),
                        }
                    })
                })?;
            let po_supplier = trade
                .purchase_orders
                .get(&receipt.po)
                .map(|p| p.supplier.as_str());
            if po_supplier != Some(spec.supplier.as_str()) {
                return Err(invalid(format!(
                    "receipt {} is not from supplier {}",
                    l.receipt, spec.supplier
                )));
            }
            if l.unit_price.currency != currency {
                return Err(LandedError::CurrencyMismatch {
                    left: currency.to_string(),
                    right: l.unit_price.currency.to_string(),
                });
            }
            check_quantity(l.quantity)?;
            let open = receipt.quantity - receipt.invoiced;
            if l.quantity > open {
                return Err(LandedError::QuantityExceeded {
                    document: format!("receipt {}", l.receipt),
                    line: l.line,
                    what: "invoiced".into(),
                    limit: open,
                    requested: l.quantity,
                });
            }
            let amount = l.unit_price.checked_mul(Decimal::from(l.quantity))?;
            let amount = amount.round(self.book.config().rounding);
            total = total.checked_add(&amount)?;
            amounts.push(amount);
        }
        if total.amount <= Decimal::ZERO {
            return Err(LandedError::InvalidAmount {
                input: total.to_string(),
                reason: "an invoice amount is positive".into(),
            });
        }
        let functional = self.book.config().functional_currency;
        let places = functional.minor_units();
        let rounding = self.book.rounding();
        let carrying = rounding
            .strategy
            .round(times(total.amount, rate, "invoice conversion")?, places);
        let weights: Vec<Decimal> = amounts.iter().map(|a| a.amount).collect();
        let per_line = allocate_minor_units(&Money::new(carrying, functional), &weights)?;
        let mut pending = Pending::default();
        let mut matched = Vec::with_capacity(spec.lines.len());
        let mut legs = Vec::new();
        let to_inventory = self.book.config().trade.price_difference == PriceDifference::Inventory;
        for (l, share) in spec.lines.iter().zip(per_line) {
            let invoiced = Decimal::try_from_i128_with_scale(share, places)
                .map_err(|_| LandedError::overflow("invoice line"))?;
            let receipt = &trade.receipts[&(l.receipt.clone(), l.line)];
            let open = receipt.quantity - receipt.invoiced;
            let cleared = if l.quantity == open {
                receipt.grni_open.amount
            } else {
                rounding.strategy.round(
                    times(receipt.grni_open.amount, Decimal::from(l.quantity), "GRNI")?
                        .checked_div(Decimal::from(open))
                        .ok_or_else(|| LandedError::overflow("GRNI"))?,
                    places,
                )
            };
            let difference = invoiced - cleared;
            let sku = self.book.sku_id(&receipt.sku)?;
            let loc = self.book.loc_id(&receipt.location)?;
            legs.push(Leg::new(AccountRole::Grni, cleared).at(sku, loc, None));
            let split = if to_inventory {
                Some(self.plan_split(receipt.origin, difference, &mut pending, &mut legs)?)
            } else {
                legs.push(Leg::new(AccountRole::PriceVariance, difference).at(sku, loc, None));
                None
            };
            matched.push(MatchedLine {
                receipt: l.receipt.clone(),
                line: l.line,
                quantity: l.quantity,
                invoiced_value: invoiced,
                grni_cleared: cleared,
                difference,
                split,
            });
        }
        let payable = ledger.account_for(AccountRole::Payable, &PostingFacts::default());
        let mut ap = Leg::new(AccountRole::Payable, -carrying);
        ap.account = Some(payable.to_string());
        ap.transaction = Some((total.neg(), rate));
        legs.push(ap);
        let due_date = spec.due_date.or_else(|| {
            spec.date
                .checked_add_days(chrono::Days::new(u64::from(supplier.payment_terms_days)))
        });
        self.events.push(Event::SupplierInvoiceMatched {
            document: spec.document.clone(),
            supplier: spec.supplier.clone(),
            lines: matched,
        });
        self.events.push(Event::InvoiceRecorded {
            invoice: InvoiceSpec {
                document: spec.document.clone(),
                kind: DocumentKind::SupplierInvoice,
                party: spec.supplier.clone(),
                channel: None,
                date: spec.date,
                due_date,
                amount: total,
                rate: Some(rate),
            },
            account: payable.to_string(),
            carrying: Money::new(carrying, functional),
        });
        self.post_legs(
            spec.date,
            format!("supplier invoice {} {}", spec.document, spec.supplier),
            &spec.document,
            legs,
        )
    }
}
