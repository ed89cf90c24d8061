//! Inventory valuation: moving weighted average and FIFO layers.
//!
//! Cost lives in a [`Pool`] per (SKU, valuation scope), in the functional
//! currency. Every value in a pool is a whole number of minor units, and a
//! pool never leaks a cent: an issue takes `round(value × k / qty)`, and the
//! last unit out takes whatever value remains. With three units received for
//! 10.00, the issues go out at 3.33, 3.34 and 3.33.
//!
//! Planning and applying are separate: [`Pool::plan_out`] and
//! [`Pool::plan_in`] compute what a movement does (and can fail, on
//! overflow); the result travels in the event, and [`Pool::apply_out`] /
//! [`Pool::apply_in`] replay exactly that, live or from the log.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{LandedError, Result};
use crate::money::RoundingStrategy;

/// How issues are costed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ValuationMethod {
    /// Moving weighted average (移动加权平均), the usual choice in Chinese ERPs.
    #[default]
    MovingAverage,
    /// First in, first out: layers consumed by receipt time, then event order.
    Fifo,
}

/// Which locations share one cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScopeMode {
    /// One cost per SKU for the whole company (Odoo's default).
    Company,
    /// One cost per SKU per warehouse scope (ERPNext's default): each
    /// location is its own scope unless it names a shared one.
    #[default]
    Warehouse,
}

/// Units received together at one cost (FIFO).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    /// Sequence number of the event that created it: FIFO's tie-breaker.
    pub id: u64,
    /// Effective time of the receipt.
    pub received_at: DateTime<Utc>,
    /// Units left.
    pub quantity: i64,
    /// Value left, in whole minor units.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// Documents these units came through (see [`Trace`]).
    #[serde(default, skip_serializing_if = "is_untraced")]
    pub trace: Trace,
}

/// The cost origins (purchase receipt lines, transfer lines) that units
/// came through, oldest first. Landed cost that arrives late finds the
/// units of a receipt line still on hand by its origin id, wherever they
/// have moved since. Empty for units of plain receipts.
pub type Trace = std::sync::Arc<[u32]>;

/// True for the trace of untraced units (kept out of serialized forms).
pub fn is_untraced(trace: &Trace) -> bool {
    trace.is_empty()
}

/// Units of a moving-average pool that came through the same documents, in
/// the order they arrived. Only kept once traced units enter a pool: the
/// units not covered by remnants are older untraced units, consumed first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remnant {
    /// Units left.
    pub quantity: i64,
    /// Documents they came through.
    #[serde(default, skip_serializing_if = "is_untraced")]
    pub trace: Trace,
}

/// Remnants in arrival order, kept in shared chunks: a planner's copy of a
/// pool shares every chunk, and a receipt or an issue copies at most the
/// chunk it changes, so pools of SKUs received many times stay cheap to
/// plan on. Serialized as one flat list.
#[derive(Clone, Debug, Default)]
pub struct Remnants {
    chunks: VecDeque<std::sync::Arc<VecDeque<Remnant>>>,
    units: i64,
}

/// Remnants per chunk.
const REMNANT_CHUNK: usize = 16;

impl Remnants {
    /// True when no traced units are held.
    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// Traced units held.
    pub fn units(&self) -> i64 {
        self.units
    }

    /// The remnants, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Remnant> {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// Adds units at the back, merged with the last remnant of the same trace.
    fn push(&mut self, remnant: Remnant) {
        self.units += remnant.quantity;
        if let Some(last) = self.chunks.back_mut() {
            if last.back().is_some_and(|r| r.trace == remnant.trace) {
                if let Some(r) = std::sync::Arc::make_mut(last).back_mut() {
                    r.quantity += remnant.quantity;
                }
                return;
            }
            if last.len() < REMNANT_CHUNK {
                std::sync::Arc::make_mut(last).push_back(remnant);
                return;
            }
        }
        self.chunks
            .push_back(std::sync::Arc::new(VecDeque::from([remnant])));
    }

    /// Takes `quantity` units from the front (fewer if fewer are held).
    fn consume(&mut self, mut quantity: i64) {
        while quantity > 0 {
            let Some(chunk) = self.chunks.front_mut() else {
                break;
            };
            let chunk = std::sync::Arc::make_mut(chunk);
            while quantity > 0 {
                let Some(front) = chunk.front_mut() else {
                    break;
                };
                let take = quantity.min(front.quantity);
                front.quantity -= take;
                quantity -= take;
                self.units -= take;
                if front.quantity == 0 {
                    chunk.pop_front();
                }
            }
            if chunk.is_empty() {
                self.chunks.pop_front();
            }
        }
    }
}

impl PartialEq for Remnants {
    fn eq(&self, other: &Self) -> bool {
        self.units == other.units && self.iter().eq(other.iter())
    }
}

impl Eq for Remnants {}

impl Serialize for Remnants {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Remnants {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let mut remnants = Remnants::default();
        for remnant in Vec::<Remnant>::deserialize(deserializer)? {
            remnants.push(remnant);
        }
        Ok(remnants)
    }
}

/// Units of one trace leaving a pool, with their value (a transfer's
/// shipment is split into these so each keeps its trace in transit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracedPart {
    /// Documents the units came through.
    pub trace: Trace,
    /// Units.
    pub quantity: i64,
    /// Their value.
    pub value: Decimal,
}

/// Part of an issue taken from one FIFO layer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LayerTake {
    /// The layer.
    pub layer: u64,
    /// Units taken.
    pub quantity: i64,
    /// Value taken.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub value: Decimal,
}

/// What an outgoing movement took from a pool.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostOut {
    /// Units taken from stock on hand.
    pub quantity: i64,
    /// Their value.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub value: Decimal,
    /// FIFO layers consumed (empty for moving average).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<LayerTake>,
    /// Units issued beyond stock (negative stock, where allowed).
    #[serde(default, skip_serializing_if = "is_zero_i64")]
    pub deficit_quantity: i64,
    /// Their provisional value at the current unit cost.
    #[serde(
        default,
        with = "rust_decimal::serde::str",
        skip_serializing_if = "Decimal::is_zero"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub deficit_value: Decimal,
}

impl CostOut {
    /// Total value leaving inventory.
    pub fn total_value(&self) -> Decimal {
        self.value + self.deficit_value
    }
}

/// Settlement of negative stock by a receipt: the units issued before they
/// existed are re-costed at the receipt's cost.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrueUp {
    /// Units of deficit settled.
    pub quantity: i64,
    /// Their value at the receipt's cost.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub receipt_value: Decimal,
    /// The provisional value they went out at.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub issued_value: Decimal,
    /// `receipt_value − issued_value`: leaves inventory for cost of goods
    /// sold (positive) or comes back from it (negative).
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub difference: Decimal,
}

/// What an incoming movement put into a pool.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostIn {
    /// Units added to stock on hand (after settling any deficit).
    pub quantity: i64,
    /// Their value.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub value: Decimal,
    /// FIFO layer created (the event's sequence number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<u64>,
    // Boxed: rare, and inline it would make every stock event larger.
    /// Negative stock settled by this receipt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub true_up: Option<Box<TrueUp>>,
    /// Cost origins the units came through (purchase receipt line,
    /// transfer lines), kept with them in the pool for late landed cost.
    #[serde(default, skip_serializing_if = "is_untraced")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<u32>"))]
    pub trace: Trace,
}

/// The cost of one SKU in one valuation scope.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pool {
    /// Units on hand (never negative; a shortfall is `deficit_quantity`).
    pub quantity: i64,
    /// Their value, whole minor units.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// FIFO layers, oldest first (empty under moving average).
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    pub layers: VecDeque<Layer>,
    /// Units issued beyond stock, waiting for a receipt.
    #[serde(default)]
    pub deficit_quantity: i64,
    /// Provisional value of those units.
    #[serde(default, with = "rust_decimal::serde::str")]
    pub deficit_value: Decimal,
    /// Unit cost of the latest receipt, at full precision: the cost of
    /// negative stock issued while the pool is empty.
    #[serde(default, with = "rust_decimal::serde::str")]
    pub last_unit_cost: Decimal,
    /// Moving average only: traced units in arrival order (see [`Remnant`]).
    #[serde(default, skip_serializing_if = "Remnants::is_empty")]
    pub remnants: Remnants,
}

fn is_zero_i64(v: &i64) -> bool {
    *v == 0
}

fn overflow() -> LandedError {
    LandedError::overflow("inventory valuation")
}

/// `round(value × part / whole)` in minor units; `value` when `part == whole`.
pub(crate) fn pro_rata(
    value: Decimal,
    part: i64,
    whole: i64,
    places: u32,
    rounding: RoundingStrategy,
) -> Result<Decimal> {
    if part == whole {
        return Ok(value);
    }
    let scaled = value
        .checked_mul(Decimal::from(part))
        .and_then(|v| v.checked_div(Decimal::from(whole)))
        .ok_or_else(overflow)?;
    Ok(rounding.round(scaled, places))
}

/// Rounding context of a book: functional currency places and strategy.
#[derive(Clone, Copy, Debug)]
pub struct Rounding {
    /// Minor units of the functional currency.
    pub places: u32,
    /// Strategy.
    pub strategy: RoundingStrategy,
}

impl Pool {
    /// Book value: stock on hand less negative stock.
    pub fn book_value(&self) -> Decimal {
        self.value - self.deficit_value
    }

    /// Book quantity: units on hand less negative stock.
    pub fn book_quantity(&self) -> i64 {
        self.quantity - self.deficit_quantity
    }

    /// Current unit cost at full precision: the average (or, for FIFO, the
    /// value of stock on hand per unit), else the latest receipt's cost.
    pub fn unit_cost(&self) -> Decimal {
        if self.quantity > 0 {
            self.value
                .checked_div(Decimal::from(self.quantity))
                .unwrap_or(self.last_unit_cost)
        } else {
            self.last_unit_cost
        }
    }

    /// The pool without its FIFO layers: enough to read or move its
    /// average, without copying the layers.
    pub(crate) fn average_view(&self) -> Pool {
        Pool {
            quantity: self.quantity,
            value: self.value,
            layers: VecDeque::new(),
            deficit_quantity: self.deficit_quantity,
            deficit_value: self.deficit_value,
            last_unit_cost: self.last_unit_cost,
            remnants: Remnants::default(),
        }
    }

    /// Value of `quantity` units at the pool's average cost, rounded as an
    /// average-cost issue would be (all the value when they are all the
    /// units; units beyond stock at the current unit cost). The pool is
    /// not changed.
    pub(crate) fn average_value(&self, quantity: i64, rounding: Rounding) -> Result<Decimal> {
        let out = self.plan_out(ValuationMethod::MovingAverage, quantity, rounding)?;
        out.value
            .checked_add(out.deficit_value)
            .ok_or_else(overflow)
    }

    /// Costs `quantity` units going out. Units beyond stock become a deficit
    /// at the current unit cost (the caller decides whether that is allowed).
    pub fn plan_out(
        &self,
        method: ValuationMethod,
        quantity: i64,
        rounding: Rounding,
    ) -> Result<CostOut> {
        let from_stock = quantity.min(self.quantity).max(0);
        let mut out = CostOut {
            quantity: from_stock,
            ..CostOut::default()
        };
        match method {
            ValuationMethod::MovingAverage => {
                out.value = pro_rata(
                    self.value,
                    from_stock,
                    self.quantity,
                    rounding.places,
                    rounding.strategy,
                )?;
            }
            ValuationMethod::Fifo => {
                let mut left = from_stock;
                for layer in &self.layers {
                    if left == 0 {
                        break;
                    }
                    let take = left.min(layer.quantity);
                    let value = pro_rata(
                        layer.value,
                        take,
                        layer.quantity,
                        rounding.places,
                        rounding.strategy,
                    )?;
                    out.layers.push(LayerTake {
                        layer: layer.id,
                        quantity: take,
                        value,
                    });
                    out.value = out.value.checked_add(value).ok_or_else(overflow)?;
                    left -= take;
                }
            }
        }
        if from_stock == self.quantity {
            // The last unit out takes whatever value is left.
            out.value = self.value;
        }
        let short = quantity - from_stock;
        if short > 0 {
            let unit = self.unit_cost();
            out.deficit_quantity = short;
            out.deficit_value = rounding.strategy.round(
                unit.checked_mul(Decimal::from(short))
                    .ok_or_else(overflow)?,
                rounding.places,
            );
        }
        Ok(out)
    }

    /// Applies a planned issue.
    pub fn apply_out(&mut self, out: &CostOut) -> Result<()> {
        let quantity = self.quantity - out.quantity;
        let value = self.value.checked_sub(out.value).ok_or_else(overflow)?;
        let deficit_value = self
            .deficit_value
            .checked_add(out.deficit_value)
            .ok_or_else(overflow)?;
        if quantity < 0 || (quantity == 0 && !value.is_zero()) {
            return Err(LandedError::Internal {
                detail: format!("pool would hold {quantity} units worth {value}"),
            });
        }
        for take in &out.layers {
            let Some(layer) = self.layers.iter_mut().find(|l| l.id == take.layer) else {
                return Err(LandedError::Internal {
                    detail: format!("FIFO layer {} not found", take.layer),
                });
            };
            layer.quantity -= take.quantity;
            layer.value -= take.value;
        }
        self.layers.retain(|l| l.quantity > 0);
        self.consume_remnants(out.quantity);
        self.quantity = quantity;
        self.value = value;
        self.deficit_quantity += out.deficit_quantity;
        self.deficit_value = deficit_value;
        Ok(())
    }

    /// Units not covered by remnants: older untraced units.
    fn untraced_head(&self) -> i64 {
        let traced = self.remnants.units();
        (self.quantity - traced).max(0)
    }

    /// Takes `quantity` units out of the remnants, oldest first, after the
    /// untraced units that are older than every remnant.
    fn consume_remnants(&mut self, quantity: i64) {
        if self.remnants.is_empty() {
            return;
        }
        let left = quantity - quantity.min(self.untraced_head());
        self.remnants.consume(left);
    }

    /// The traces of the units a planned outgoing movement takes, with
    /// their value: FIFO by layer, moving average by remnant (the value
    /// split pro rata by units, the last part taking what is left).
    pub fn traced_parts(&self, out: &CostOut, rounding: Rounding) -> Result<Vec<TracedPart>> {
        let mut parts: Vec<TracedPart> = Vec::new();
        // Parts of one movement sum to its value, so adding them cannot overflow.
        let push = |parts: &mut Vec<TracedPart>, trace: &Trace, quantity: i64, value| match parts
            .iter_mut()
            .find(|p| &p.trace == trace)
        {
            Some(p) => {
                p.quantity += quantity;
                p.value += value;
            }
            None => parts.push(TracedPart {
                trace: trace.clone(),
                quantity,
                value,
            }),
        };
        if !out.layers.is_empty() {
            for take in &out.layers {
                let trace = self
                    .layers
                    .iter()
                    .find(|l| l.id == take.layer)
                    .map(|l| l.trace.clone())
                    .unwrap_or_default();
                push(&mut parts, &trace, take.quantity, take.value);
            }
            return Ok(parts);
        }
        // Moving average: untraced head first, then remnants in order.
        let mut units: Vec<(Trace, i64)> = Vec::new();
        let mut left = out.quantity;
        let head = left.min(self.untraced_head());
        if head > 0 {
            units.push((Trace::default(), head));
            left -= head;
        }
        for remnant in self.remnants.iter() {
            if left == 0 {
                break;
            }
            let take = left.min(remnant.quantity);
            units.push((remnant.trace.clone(), take));
            left -= take;
        }
        if left > 0 {
            units.push((Trace::default(), left));
        }
        let mut value_left = out.value;
        let mut units_left = out.quantity;
        for (trace, quantity) in units {
            let value = pro_rata(
                value_left,
                quantity,
                units_left,
                rounding.places,
                rounding.strategy,
            )?;
            value_left -= value;
            units_left -= quantity;
            push(&mut parts, &trace, quantity, value);
        }
        Ok(parts)
    }

    /// Units in this pool that came through `origin`: for FIFO, per layer
    /// (`Some(layer id)`); for moving average, one total (`None`).
    pub fn units_through(&self, origin: u32) -> Vec<(Option<u64>, i64)> {
        let mut found = Vec::new();
        for layer in &self.layers {
            if layer.trace.contains(&origin) && layer.quantity > 0 {
                found.push((Some(layer.id), layer.quantity));
            }
        }
        let average: i64 = self
            .remnants
            .iter()
            .filter(|r| r.trace.contains(&origin))
            .map(|r| r.quantity)
            .sum();
        if average > 0 {
            found.push((None, average));
        }
        found
    }

    /// Adds capitalised cost (negative for a credit note) to the pool and,
    /// for FIFO, to one layer. Refuses to leave a negative value.
    pub fn capitalise(&mut self, layer: Option<u64>, amount: Decimal) -> Result<()> {
        let value = self.value.checked_add(amount).ok_or_else(overflow)?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(LandedError::InvalidCommand {
                reason: format!("a cost adjustment of {amount} would leave stock worth {value}"),
            });
        }
        if let Some(id) = layer {
            let Some(l) = self.layers.iter_mut().find(|l| l.id == id) else {
                return Err(LandedError::Internal {
                    detail: format!("FIFO layer {id} not found"),
                });
            };
            let layer_value = l.value.checked_add(amount).ok_or_else(overflow)?;
            if layer_value.is_sign_negative() && !layer_value.is_zero() {
                return Err(LandedError::InvalidCommand {
                    reason: format!(
                        "a cost adjustment of {amount} would leave a FIFO layer worth {layer_value}"
                    ),
                });
            }
            l.value = layer_value;
        }
        self.value = value;
        Ok(())
    }

    /// Costs `quantity` units coming in for `value` (whole minor units),
    /// settling any deficit first.
    pub fn plan_in(
        &self,
        quantity: i64,
        value: Decimal,
        layer_id: u64,
        rounding: Rounding,
    ) -> Result<CostIn> {
        let cover = quantity.min(self.deficit_quantity).max(0);
        let mut cost = CostIn {
            quantity,
            value,
            layer: None,
            true_up: None,
            trace: Trace::default(),
        };
        if cover > 0 {
            let receipt_value =
                pro_rata(value, cover, quantity, rounding.places, rounding.strategy)?;
            let issued_value = pro_rata(
                self.deficit_value,
                cover,
                self.deficit_quantity,
                rounding.places,
                rounding.strategy,
            )?;
            cost.quantity = quantity - cover;
            cost.value = value.checked_sub(receipt_value).ok_or_else(overflow)?;
            cost.true_up = Some(Box::new(TrueUp {
                quantity: cover,
                receipt_value,
                issued_value,
                difference: receipt_value
                    .checked_sub(issued_value)
                    .ok_or_else(overflow)?,
            }));
        }
        if cost.quantity > 0 {
            cost.layer = Some(layer_id);
        }
        Ok(cost)
    }

    /// Applies a planned receipt. `unit_cost` updates the cost used for
    /// future negative stock.
    pub fn apply_in(
        &mut self,
        method: ValuationMethod,
        cost: &CostIn,
        received_at: DateTime<Utc>,
        unit_cost: Decimal,
    ) -> Result<()> {
        let value = self.value.checked_add(cost.value).ok_or_else(overflow)?;
        let (deficit_quantity, deficit_value) = match &cost.true_up {
            Some(t) => (
                self.deficit_quantity - t.quantity,
                self.deficit_value
                    .checked_sub(t.issued_value)
                    .ok_or_else(overflow)?,
            ),
            None => (self.deficit_quantity, self.deficit_value),
        };
        if let (ValuationMethod::Fifo, Some(id)) = (method, cost.layer) {
            let layer = Layer {
                id,
                received_at,
                quantity: cost.quantity,
                value: cost.value,
                trace: cost.trace.clone(),
            };
            // Back-dated receipts slot in by time; ties keep event order.
            let at = self
                .layers
                .partition_point(|l| (l.received_at, l.id) <= (received_at, id));
            self.layers.insert(at, layer);
        }
        if method == ValuationMethod::MovingAverage
            && cost.quantity > 0
            && (!cost.trace.is_empty() || !self.remnants.is_empty())
        {
            self.remnants.push(Remnant {
                quantity: cost.quantity,
                trace: cost.trace.clone(),
            });
        }
        self.quantity += cost.quantity;
        self.value = value;
        self.deficit_quantity = deficit_quantity;
        self.deficit_value = deficit_value;
        if !unit_cost.is_zero() || cost.quantity > 0 {
            self.last_unit_cost = unit_cost;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: Rounding = Rounding {
        places: 2,
        strategy: RoundingStrategy::HalfAwayFromZero,
    };

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn receive(pool: &mut Pool, method: ValuationMethod, id: u64, qty: i64, value: &str) {
        let cost = pool.plan_in(qty, dec(value), id, R).unwrap();
        let unit = dec(value) / Decimal::from(qty);
        pool.apply_in(method, &cost, DateTime::<Utc>::UNIX_EPOCH, unit)
            .unwrap();
    }

    fn issue(pool: &mut Pool, method: ValuationMethod, qty: i64) -> Decimal {
        let out = pool.plan_out(method, qty, R).unwrap();
        pool.apply_out(&out).unwrap();
        out.total_value()
    }

    #[test]
    fn remnants_consume_across_chunks_and_serialize_flat() {
        let mut r = Remnants::default();
        for i in 0..40u32 {
            r.push(Remnant {
                quantity: 2,
                trace: vec![i].into(),
            });
        }
        // The same trace again merges with the last remnant.
        r.push(Remnant {
            quantity: 1,
            trace: vec![39].into(),
        });
        assert_eq!((r.units(), r.iter().count()), (81, 40));
        let copy = r.clone();
        // 35 units: the first 17 remnants and half of the 18th.
        r.consume(35);
        assert_eq!(r.units(), 46);
        let first = r.iter().next().unwrap();
        assert_eq!((first.quantity, &*first.trace), (1, &[17][..]));
        // The copy taken before is untouched (chunks are copied on write).
        assert_eq!(copy.units(), 81);
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            json.starts_with(r#"[{"quantity":1,"trace":[17]}"#),
            "{json}"
        );
        let back: Remnants = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        r.consume(1000);
        assert!(r.is_empty() && r.units() == 0);
    }

    #[test]
    fn fifo_and_average_worked_example() {
        for (method, issued, kept) in [
            (ValuationMethod::Fifo, "200.00", "100.00"),
            (ValuationMethod::MovingAverage, "225.00", "75.00"),
        ] {
            let mut pool = Pool::default();
            receive(&mut pool, method, 1, 10, "100.00");
            receive(&mut pool, method, 2, 10, "200.00");
            assert_eq!(issue(&mut pool, method, 15), dec(issued), "{method:?}");
            assert_eq!((pool.quantity, pool.value), (5, dec(kept)), "{method:?}");
        }
    }

    #[test]
    fn repeating_average_never_leaks() {
        for method in [ValuationMethod::Fifo, ValuationMethod::MovingAverage] {
            let mut pool = Pool::default();
            receive(&mut pool, method, 1, 3, "10.00");
            let outs: Vec<Decimal> = (0..3).map(|_| issue(&mut pool, method, 1)).collect();
            assert_eq!(outs, [dec("3.33"), dec("3.34"), dec("3.33")], "{method:?}");
            assert_eq!((pool.quantity, pool.value), (0, Decimal::ZERO));
        }
    }

    #[test]
    fn negative_stock_is_trued_up_by_the_next_receipt() {
        let m = ValuationMethod::MovingAverage;
        let mut pool = Pool::default();
        receive(&mut pool, m, 1, 2, "20.00");
        // Issue 5 with 2 on hand: 2 at 10.00 from stock, 3 provisional at 10.00.
        let out = pool.plan_out(m, 5, R).unwrap();
        assert_eq!(
            (out.value, out.deficit_quantity, out.deficit_value),
            (dec("20.00"), 3, dec("30.00"))
        );
        pool.apply_out(&out).unwrap();
        assert_eq!(
            (pool.book_quantity(), pool.book_value()),
            (-3, dec("-30.00"))
        );
        // 4 arrive at 12.00: 3 settle the deficit (36.00 vs 30.00 issued).
        let cost = pool.plan_in(4, dec("48.00"), 9, R).unwrap();
        let t = cost.true_up.clone().unwrap();
        assert_eq!(
            (t.quantity, t.receipt_value, t.issued_value, t.difference),
            (3, dec("36.00"), dec("30.00"), dec("6.00"))
        );
        assert_eq!((cost.quantity, cost.value), (1, dec("12.00")));
        pool.apply_in(m, &cost, DateTime::<Utc>::UNIX_EPOCH, dec("12"))
            .unwrap();
        assert_eq!(
            (
                pool.quantity,
                pool.value,
                pool.deficit_quantity,
                pool.deficit_value
            ),
            (1, dec("12.00"), 0, Decimal::ZERO)
        );
    }

    #[test]
    fn fifo_orders_back_dated_layers_by_time() {
        let m = ValuationMethod::Fifo;
        let mut pool = Pool::default();
        let late = DateTime::<Utc>::from_timestamp(2_000, 0).unwrap();
        let early = DateTime::<Utc>::from_timestamp(1_000, 0).unwrap();
        let c1 = pool.plan_in(1, dec("5.00"), 1, R).unwrap();
        pool.apply_in(m, &c1, late, dec("5")).unwrap();
        let c2 = pool.plan_in(1, dec("7.00"), 2, R).unwrap();
        pool.apply_in(m, &c2, early, dec("7")).unwrap();
        assert_eq!(issue(&mut pool, m, 1), dec("7.00"));
    }
}
