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
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Moving average in Shenzhen: 60 lamps left at 17.75, then 50 received
//! // at 18.72: 2,001.00 for 110 lamps.
//! let book = lamp_book()?;
//! let sz = &book.valuation(Some("LAMP"))?[0];
//! assert_eq!((sz.quantity, sz.value.to_string()), (110, "2001.00 CNY".to_string()));
//! # Ok(()) }
//! ```

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{LandedError, Result};
use crate::money::RoundingStrategy;

/// How issues are costed.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
// The same lamp book valued FIFO: the 50 lamps of GRN-1 stay at 18.72 in
// their own layer beside the 60 left at 17.75.
let mut book = lamp_book_with(r#"{"functional_currency":"CNY","valuation_method":"fifo"}"#)?;
let sale = landed::Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":70,"reason":"sale"}"#)?;
let out = book.execute(sale, &ctx("2026-11-21", "o-1")?)?;
assert_eq!(posted(&out)[0].1, "1252.20"); // 60 × 17.75 + 10 × 18.72
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
// One cost for the company: Shenzhen and Germany share one pool.
let mut book = lamp_book_with(r#"{"functional_currency":"CNY","valuation_scope":"company"}"#)?;
let scopes: Vec<_> = book.valuation(Some("LAMP"))?.into_iter().map(|l| l.scope).collect();
assert_eq!(scopes[0], scopes[1]);
// The pool still holds more lamps than T-1 carried, so the whole 720.00
// of freight stays in it; per warehouse, the share of the 10 lamps sold in
// Germany went to cost of goods sold (3,073.50 and 357.50).
assert_eq!(book.inventory_value().to_string(), "3253.50 CNY");
let tb = book.trial_balance(landed::parse_date("2026-11-30")?, None);
let cogs = tb.lines.iter().find(|line| line.account == "5000").unwrap();
assert_eq!(cogs.balance.to_string(), "177.50 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// Sequence number of the event that created it: FIFO's tie-breaker.
    pub id: u64,
    /// Effective time of the receipt.
    pub received_at: DateTime<Utc>,
    /// Units left.
    pub quantity: i64,
    /// Value left, in whole minor units.
    #[serde(with = "crate::decimal_text::strict")]
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
#[serde(deny_unknown_fields)]
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
        // Traced units never exceed the pool's units, whose sum is checked
        // before a receipt is applied: saturating is only a guard.
        self.units = self.units.saturating_add(remnant.quantity);
        if let Some(last) = self.chunks.back_mut() {
            if last.back().is_some_and(|r| r.trace == remnant.trace) {
                if let Some(r) = std::sync::Arc::make_mut(last).back_mut() {
                    r.quantity = r.quantity.saturating_add(remnant.quantity);
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

/// FIFO layers in receipt order (by receipt time, then event), kept in
/// shared chunks like [`Remnants`]: the planner copies a pool to change it,
/// and a copy of every layer made a command's cost grow with the layers a
/// pool holds (with stock, as the business grows). A copy shares every
/// chunk; an issue copies the chunks at the front it takes from, a receipt
/// the chunk at the back, a cost adjustment the chunk of its layer.
/// Serialized as one flat list.
#[derive(Clone, Default)]
pub struct Layers {
    /// Never an empty chunk.
    chunks: VecDeque<std::sync::Arc<LayerChunk>>,
    len: usize,
}

/// Up to `LAYER_CHUNK_MAX` layers, with a summary of the cost origins in
/// their traces: late landed cost looks for the layers of one origin, and
/// reading every layer's trace (one allocation each) made that search cost
/// as much as the pool's whole stock.
///
/// Public only as part of [`LayerIter`]'s type; nothing of it is exposed.
#[derive(Clone, Default)]
pub struct LayerChunk {
    layers: Vec<Layer>,
    /// Bit `origin % 128` is set for every origin of every layer held (it
    /// may also be set for origins of layers since dropped). A clear bit
    /// means no layer here came through that origin.
    origins: u128,
}

impl LayerChunk {
    fn of(layers: Vec<Layer>) -> Self {
        let origins = origins_of(&layers);
        Self { layers, origins }
    }

    fn may_hold(&self, origin: u32) -> bool {
        self.origins & (1u128 << (origin % 128)) != 0
    }
}

/// The origin bits of one trace (see `LayerChunk::origins`).
fn origin_bits(trace: &Trace) -> u128 {
    trace.iter().fold(0, |bits, o| bits | (1u128 << (o % 128)))
}

/// The origin bits of every layer's trace.
fn origins_of(layers: &[Layer]) -> u128 {
    layers
        .iter()
        .fold(0, |bits, l| bits | origin_bits(&l.trace))
}

/// Layers per chunk, once full. Eight layers are 512 bytes: a chunk, even
/// one grown to `LAYER_CHUNK_MAX` by back-dated receipts, stays below the
/// 1 KiB from which glibc serves an allocation from its slow path (which
/// consolidates the heap), and a copy costs little.
const LAYER_CHUNK: usize = 8;

/// A chunk grown past this by back-dated receipts is split in two.
const LAYER_CHUNK_MAX: usize = 12;

impl Layers {
    /// True when the pool holds no layer.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Layers held.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The layers, oldest first.
    pub fn iter(&self) -> LayerIter<'_> {
        self.chunks.iter().flat_map(|c| c.layers.iter())
    }

    /// The layers whose trace holds `origin`, oldest first, reading only
    /// the chunks whose summary may hold it.
    pub fn through(&self, origin: u32) -> impl Iterator<Item = &Layer> + '_ {
        self.chunks
            .iter()
            .filter(move |c| c.may_hold(origin))
            .flat_map(|c| c.layers.iter())
            .filter(move |l| l.trace.contains(&origin))
    }

    /// The layer `id`, its chunk copied first if shared. Callers change
    /// its units and value, never its trace (the chunk's summary).
    fn find_mut(&mut self, id: u64) -> Option<&mut Layer> {
        let (c, i) =
            self.chunks.iter().enumerate().find_map(|(c, chunk)| {
                chunk.layers.iter().position(|l| l.id == id).map(|i| (c, i))
            })?;
        std::sync::Arc::make_mut(self.chunks.get_mut(c)?)
            .layers
            .get_mut(i)
    }

    /// Inserts a layer after every layer received before it or at the same
    /// time with a lower id (a back-dated receipt slots in by time; most
    /// receipts go at the back).
    fn insert(&mut self, layer: Layer) {
        let key = (layer.received_at, layer.id);
        let before = |l: &Layer| (l.received_at, l.id) <= key;
        let bits = origin_bits(&layer.trace);
        // The last chunk whose first layer goes before the new one holds
        // its place; none does when it goes before every layer.
        let found = self
            .chunks
            .iter()
            .rposition(|c| c.layers.first().is_some_and(before));
        self.len += 1;
        let Some(c) = found else {
            match self.chunks.front_mut() {
                Some(first) if first.layers.len() < LAYER_CHUNK => {
                    let first = std::sync::Arc::make_mut(first);
                    first.layers.reserve_exact(1);
                    first.layers.insert(0, layer);
                    first.origins |= bits;
                }
                _ => self
                    .chunks
                    .push_front(std::sync::Arc::new(LayerChunk::of(vec![layer]))),
            }
            return;
        };
        let last = c + 1 == self.chunks.len();
        let Some(chunk) = self.chunks.get_mut(c) else {
            return;
        };
        let at = chunk.layers.partition_point(before);
        if at == chunk.layers.len() && chunk.layers.len() >= LAYER_CHUNK && last {
            // A full last chunk stays shared: the layer starts a new one.
            self.chunks
                .push_back(std::sync::Arc::new(LayerChunk::of(vec![layer])));
            return;
        }
        let chunk = std::sync::Arc::make_mut(chunk);
        // Room for exactly one more: doubling would take a chunk past 1 KiB.
        chunk.layers.reserve_exact(1);
        chunk.layers.insert(at, layer);
        chunk.origins |= bits;
        if chunk.layers.len() > LAYER_CHUNK_MAX {
            // Back-dated receipts into one chunk: split it in two.
            let tail = chunk.layers.split_off(chunk.layers.len() / 2);
            *chunk = LayerChunk::of(std::mem::take(&mut chunk.layers));
            self.chunks
                .insert(c + 1, std::sync::Arc::new(LayerChunk::of(tail)));
        }
    }

    /// Drops the layers with no units left, copying only the chunks that
    /// hold one (their summaries are made again from what is left).
    fn drop_empty(&mut self) {
        for chunk in self.chunks.iter_mut() {
            if chunk.layers.iter().any(|l| l.quantity <= 0) {
                let chunk = std::sync::Arc::make_mut(chunk);
                chunk.layers.retain(|l| l.quantity > 0);
                chunk.origins = origins_of(&chunk.layers);
            }
        }
        self.chunks.retain(|c| !c.layers.is_empty());
        self.len = self.chunks.iter().map(|c| c.layers.len()).sum();
    }
}

/// A chunk's layers.
type ChunkIter<'a> = std::slice::Iter<'a, Layer>;

/// The layers of every chunk, oldest first.
pub type LayerIter<'a> = std::iter::FlatMap<
    std::collections::vec_deque::Iter<'a, std::sync::Arc<LayerChunk>>,
    ChunkIter<'a>,
    fn(&'a std::sync::Arc<LayerChunk>) -> ChunkIter<'a>,
>;

impl<'a> IntoIterator for &'a Layers {
    type Item = &'a Layer;
    type IntoIter = LayerIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for Layers {
    /// As the flat list it serializes to.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl From<Vec<Layer>> for Layers {
    /// Layers in the order given, in full chunks.
    fn from(layers: Vec<Layer>) -> Self {
        let len = layers.len();
        let mut chunks = VecDeque::with_capacity(len.div_ceil(LAYER_CHUNK));
        let mut layers = layers.into_iter().peekable();
        while layers.peek().is_some() {
            let chunk: Vec<Layer> = layers.by_ref().take(LAYER_CHUNK).collect();
            chunks.push_back(std::sync::Arc::new(LayerChunk::of(chunk)));
        }
        Self { chunks, len }
    }
}

impl PartialEq for Layers {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for Layers {}

impl Serialize for Layers {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Layers {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        Ok(Vec::<Layer>::deserialize(deserializer)?.into())
    }
}

/// Units of one trace leaving a pool, with their value (a transfer's
/// shipment is split into these so each keeps its trace in transit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracedPart {
    /// Documents the units came through.
    pub trace: Trace,
    /// Receipt time of the FIFO layer the units left (`None` for moving
    /// average).
    pub received_at: Option<DateTime<Utc>>,
    /// Units.
    pub quantity: i64,
    /// Their value.
    pub value: Decimal,
}

/// Part of an issue taken from one FIFO layer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LayerTake {
    /// The layer.
    pub layer: u64,
    /// Units taken.
    pub quantity: i64,
    /// Value taken.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub value: Decimal,
}

/// What an outgoing movement took from a pool.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostOut {
    /// Units taken from stock on hand.
    pub quantity: i64,
    /// Their value.
    #[serde(with = "crate::decimal_text::strict")]
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
        with = "crate::decimal_text::strict",
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
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrueUp {
    /// Units of deficit settled.
    pub quantity: i64,
    /// Their value at the receipt's cost.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub receipt_value: Decimal,
    /// The provisional value they went out at.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub issued_value: Decimal,
    /// `receipt_value − issued_value`: leaves inventory for cost of goods
    /// sold (positive) or comes back from it (negative).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub difference: Decimal,
}

/// What an incoming movement put into a pool.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostIn {
    /// Units added to stock on hand (after settling any deficit).
    pub quantity: i64,
    /// Their value.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub value: Decimal,
    /// FIFO layer created (the event's sequence number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<u64>,
    /// Effective time of that layer when it is not the event's: units
    /// arriving through a transfer keep the receipt time of the layer they
    /// left, so FIFO at the destination still follows purchase order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer_at: Option<DateTime<Utc>>,
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
///
/// Most pools hold only units, their value and the latest unit cost; FIFO
/// layers, negative stock and traced remnants live in a separate allocation
/// that exists only while one of them is non-empty (48 bytes a pool instead
/// of 136). The serialized form is the same either way.
#[derive(Clone, Default)]
pub struct Pool {
    /// Units on hand (never negative; a shortfall is
    /// [`deficit_quantity`](Pool::deficit_quantity)).
    pub quantity: i64,
    /// Their value, whole minor units.
    pub value: Decimal,
    /// Unit cost of the latest receipt, at full precision: the cost of
    /// negative stock issued while the pool is empty.
    pub last_unit_cost: Decimal,
    /// `None` exactly when every part of it is empty (`PoolExtra::is_empty`),
    /// so a pool's memory does not depend on its history.
    extra: Option<Box<PoolExtra>>,
}

/// The parts of a pool that most pools do not use. A copy shares the
/// chunks of its layers and remnants.
#[derive(Clone, Debug, Default)]
struct PoolExtra {
    layers: Layers,
    deficit_quantity: i64,
    deficit_value: Decimal,
    remnants: Remnants,
}

impl PoolExtra {
    /// True when the pool would serialize the same without it: no layers,
    /// no remnants, no deficit, and a deficit value that is exactly the
    /// default zero (a zero left by a true-up keeps its scale, `0.00`, and
    /// so its box, as it serializes differently).
    fn is_empty(&self) -> bool {
        self.layers.is_empty()
            && self.remnants.is_empty()
            && self.deficit_quantity == 0
            && is_plain_zero(&self.deficit_value)
    }
}

/// `Decimal::ZERO` exactly: zero with scale 0 and no sign.
fn is_plain_zero(d: &Decimal) -> bool {
    d.is_zero() && d.scale() == 0 && !d.is_sign_negative()
}

static NO_LAYERS: Layers = Layers {
    chunks: VecDeque::new(),
    len: 0,
};

static NO_REMNANTS: Remnants = Remnants {
    chunks: VecDeque::new(),
    units: 0,
};

impl PartialEq for Pool {
    // Field by field, as the derived comparison was before the rare fields
    // moved out (decimals compare by value: `0.00 == 0`).
    fn eq(&self, other: &Self) -> bool {
        self.quantity == other.quantity
            && self.value == other.value
            && self.layers() == other.layers()
            && self.deficit_quantity() == other.deficit_quantity()
            && self.deficit_value() == other.deficit_value()
            && self.last_unit_cost == other.last_unit_cost
            && self.remnants() == other.remnants()
    }
}

impl Eq for Pool {}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("quantity", &self.quantity)
            .field("value", &self.value)
            .field("layers", self.layers())
            .field("deficit_quantity", &self.deficit_quantity())
            .field("deficit_value", &self.deficit_value())
            .field("last_unit_cost", &self.last_unit_cost)
            .field("remnants", self.remnants())
            .finish()
    }
}

/// A pool as it is serialized (field names, order and skip rules of the
/// original flat struct).
#[derive(Serialize)]
#[serde(rename = "Pool")]
struct PoolOut<'a> {
    quantity: i64,
    #[serde(with = "crate::decimal_text::strict")]
    value: Decimal,
    #[serde(skip_serializing_if = "no_layers")]
    layers: &'a Layers,
    deficit_quantity: i64,
    #[serde(with = "crate::decimal_text::strict")]
    deficit_value: Decimal,
    #[serde(with = "crate::decimal_text::strict")]
    last_unit_cost: Decimal,
    #[serde(skip_serializing_if = "no_remnants")]
    remnants: &'a Remnants,
}

fn no_layers(layers: &&Layers) -> bool {
    layers.is_empty()
}

fn no_remnants(remnants: &&Remnants) -> bool {
    remnants.is_empty()
}

/// A pool as it is deserialized.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Pool")]
struct PoolIn {
    quantity: i64,
    #[serde(with = "crate::decimal_text::strict")]
    value: Decimal,
    #[serde(default)]
    layers: Layers,
    #[serde(default)]
    deficit_quantity: i64,
    #[serde(default, with = "crate::decimal_text::strict")]
    deficit_value: Decimal,
    #[serde(default, with = "crate::decimal_text::strict")]
    last_unit_cost: Decimal,
    #[serde(default)]
    remnants: Remnants,
}

impl Serialize for Pool {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        PoolOut {
            quantity: self.quantity,
            value: self.value,
            layers: self.layers(),
            deficit_quantity: self.deficit_quantity(),
            deficit_value: self.deficit_value(),
            last_unit_cost: self.last_unit_cost,
            remnants: self.remnants(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Pool {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let p = PoolIn::deserialize(deserializer)?;
        let extra = PoolExtra {
            layers: p.layers,
            deficit_quantity: p.deficit_quantity,
            deficit_value: p.deficit_value,
            remnants: p.remnants,
        };
        Ok(Pool {
            quantity: p.quantity,
            value: p.value,
            last_unit_cost: p.last_unit_cost,
            extra: (!extra.is_empty()).then(|| Box::new(extra)),
        })
    }
}

fn is_zero_i64(v: &i64) -> bool {
    *v == 0
}

fn quantity_overflow() -> LandedError {
    LandedError::quantity_overflow("a valuation pool")
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
    /// FIFO layers, oldest first (empty under moving average).
    pub fn layers(&self) -> &Layers {
        self.extra.as_ref().map_or(&NO_LAYERS, |e| &e.layers)
    }

    /// Units issued beyond stock, waiting for a receipt.
    pub fn deficit_quantity(&self) -> i64 {
        self.extra.as_ref().map_or(0, |e| e.deficit_quantity)
    }

    /// Provisional value of those units.
    pub fn deficit_value(&self) -> Decimal {
        self.extra
            .as_ref()
            .map_or(Decimal::ZERO, |e| e.deficit_value)
    }

    /// Moving average only: traced units in arrival order (see [`Remnant`]).
    pub fn remnants(&self) -> &Remnants {
        self.extra.as_ref().map_or(&NO_REMNANTS, |e| &e.remnants)
    }

    /// The rare parts, allocated if missing; `shrink` must follow once
    /// they are changed.
    fn extra_mut(&mut self) -> &mut PoolExtra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// Sets the deficit, allocating the rare parts only when it is not the
    /// empty default.
    fn set_deficit(&mut self, quantity: i64, value: Decimal) {
        match &mut self.extra {
            Some(e) => {
                e.deficit_quantity = quantity;
                e.deficit_value = value;
            }
            None if quantity == 0 && is_plain_zero(&value) => {}
            None => {
                self.extra = Some(Box::new(PoolExtra {
                    deficit_quantity: quantity,
                    deficit_value: value,
                    ..PoolExtra::default()
                }));
            }
        }
    }

    /// Drops the rare parts once they are all empty again.
    fn shrink(&mut self) {
        if self.extra.as_ref().is_some_and(|e| e.is_empty()) {
            self.extra = None;
        }
    }

    /// Book value: stock on hand less negative stock.
    pub fn book_value(&self) -> Decimal {
        self.value - self.deficit_value()
    }

    /// Book quantity: units on hand less negative stock.
    pub fn book_quantity(&self) -> i64 {
        self.quantity - self.deficit_quantity()
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
        let mut view = Pool {
            quantity: self.quantity,
            value: self.value,
            last_unit_cost: self.last_unit_cost,
            extra: None,
        };
        view.set_deficit(self.deficit_quantity(), self.deficit_value());
        view
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
                for layer in self.layers() {
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
        let quantity = self
            .quantity
            .checked_sub(out.quantity)
            .ok_or_else(quantity_overflow)?;
        let deficit_quantity = self
            .deficit_quantity()
            .checked_add(out.deficit_quantity)
            .ok_or_else(quantity_overflow)?;
        let value = self.value.checked_sub(out.value).ok_or_else(overflow)?;
        let deficit_value = self
            .deficit_value()
            .checked_add(out.deficit_value)
            .ok_or_else(overflow)?;
        if quantity < 0 || (quantity == 0 && !value.is_zero()) {
            return Err(LandedError::Internal {
                detail: format!("pool would hold {quantity} units worth {value}"),
            });
        }
        for take in &out.layers {
            let found = self
                .extra
                .as_mut()
                .and_then(|e| e.layers.find_mut(take.layer));
            let Some(layer) = found else {
                return Err(LandedError::Internal {
                    detail: format!("FIFO layer {} not found", take.layer),
                });
            };
            if take.quantity < 0 || take.quantity > layer.quantity {
                return Err(LandedError::Internal {
                    detail: format!("FIFO layer {} holds fewer units than taken", take.layer),
                });
            }
            layer.quantity -= take.quantity;
            layer.value = layer.value.checked_sub(take.value).ok_or_else(overflow)?;
        }
        if let Some(e) = &mut self.extra {
            e.layers.drop_empty();
        }
        self.consume_remnants(out.quantity);
        self.quantity = quantity;
        self.value = value;
        self.set_deficit(deficit_quantity, deficit_value);
        self.shrink();
        Ok(())
    }

    /// Units not covered by remnants: older untraced units.
    fn untraced_head(&self) -> i64 {
        let traced = self.remnants().units();
        (self.quantity - traced).max(0)
    }

    /// Takes `quantity` units out of the remnants, oldest first, after the
    /// untraced units that are older than every remnant.
    fn consume_remnants(&mut self, quantity: i64) {
        if self.remnants().is_empty() {
            return;
        }
        let left = quantity - quantity.min(self.untraced_head());
        if let Some(e) = &mut self.extra {
            e.remnants.consume(left);
        }
    }

    /// The traces of the units a planned outgoing movement takes, with
    /// their value: FIFO by layer, moving average by remnant (the value
    /// split pro rata by units, the last part taking what is left).
    pub fn traced_parts(&self, out: &CostOut, rounding: Rounding) -> Result<Vec<TracedPart>> {
        let mut parts: Vec<TracedPart> = Vec::new();
        // Parts of one movement sum to its value, so adding them cannot overflow.
        let push = |parts: &mut Vec<TracedPart>,
                    trace: &Trace,
                    received_at: Option<DateTime<Utc>>,
                    quantity: i64,
                    value| match parts
            .iter_mut()
            .find(|p| &p.trace == trace && p.received_at == received_at)
        {
            Some(p) => {
                p.quantity += quantity;
                p.value += value;
            }
            None => parts.push(TracedPart {
                trace: trace.clone(),
                received_at,
                quantity,
                value,
            }),
        };
        if !out.layers.is_empty() {
            for take in &out.layers {
                let layer = self.layers().iter().find(|l| l.id == take.layer);
                let trace = layer.map(|l| l.trace.clone()).unwrap_or_default();
                let received_at = layer.map(|l| l.received_at);
                push(&mut parts, &trace, received_at, take.quantity, take.value);
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
        for remnant in self.remnants().iter() {
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
            push(&mut parts, &trace, None, quantity, value);
        }
        Ok(parts)
    }

    /// Units in this pool that came through `origin`: for FIFO, per layer
    /// (`Some(layer id)`); for moving average, one total (`None`).
    pub fn units_through(&self, origin: u32) -> Vec<(Option<u64>, i64)> {
        let mut found = Vec::new();
        for layer in self.layers().through(origin) {
            if layer.quantity > 0 {
                found.push((Some(layer.id), layer.quantity));
            }
        }
        let average: i64 = self
            .remnants()
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
            let found = self.extra.as_mut().and_then(|e| e.layers.find_mut(id));
            let Some(l) = found else {
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
        let cover = quantity.min(self.deficit_quantity()).max(0);
        let mut cost = CostIn {
            quantity,
            value,
            layer: None,
            layer_at: None,
            true_up: None,
            trace: Trace::default(),
        };
        if cover > 0 {
            let receipt_value =
                pro_rata(value, cover, quantity, rounding.places, rounding.strategy)?;
            let issued_value = pro_rata(
                self.deficit_value(),
                cover,
                self.deficit_quantity(),
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
        let value = self
            .value
            .checked_add(cost.value)
            .filter(|v| *v <= crate::decimal_text::max_exact_total())
            .ok_or_else(overflow)?;
        let quantity = self
            .quantity
            .checked_add(cost.quantity)
            .ok_or_else(quantity_overflow)?;
        let (deficit_quantity, deficit_value) = match &cost.true_up {
            Some(t) => (
                self.deficit_quantity()
                    .checked_sub(t.quantity)
                    .ok_or_else(quantity_overflow)?,
                self.deficit_value()
                    .checked_sub(t.issued_value)
                    .ok_or_else(overflow)?,
            ),
            None => (self.deficit_quantity(), self.deficit_value()),
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
            self.extra_mut().layers.insert(layer);
        }
        if method == ValuationMethod::MovingAverage
            && cost.quantity > 0
            && (!cost.trace.is_empty() || !self.remnants().is_empty())
        {
            self.extra_mut().remnants.push(Remnant {
                quantity: cost.quantity,
                trace: cost.trace.clone(),
            });
        }
        self.quantity = quantity;
        self.value = value;
        self.set_deficit(deficit_quantity, deficit_value);
        if !unit_cost.is_zero() || cost.quantity > 0 {
            self.last_unit_cost = unit_cost;
        }
        self.shrink();
        Ok(())
    }
}

/// A position's write-down allowance, whole minor units, never negative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Allowance(#[serde(with = "crate::decimal_text::strict")] pub Decimal);

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

    /// Chunked layers against a flat list: receipts (some back-dated, some
    /// at the same time), issues, cost adjustments, copies taken between
    /// them staying as they were, and the serialized form.
    #[test]
    fn layers_in_chunks_behave_as_one_list() {
        let at = |day: i64| DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::days(day);
        let mut pool = Pool::default();
        let mut flat: Vec<Layer> = Vec::new();
        let mut copies: Vec<(Pool, Vec<Layer>)> = Vec::new();
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        for id in 1..=400u64 {
            let kind = next(10);
            if kind < 6 || pool.quantity == 0 {
                // Mostly in time order; one in three back-dated, some ties.
                let day = if next(3) == 0 {
                    next(id) as i64
                } else {
                    id as i64
                };
                let quantity = 1 + next(5) as i64;
                let value = Decimal::from(quantity * 3);
                // Up to three cost origins, from more than the 128 bits of
                // a chunk's summary (so some share a bit).
                let trace: Trace = (0..next(4)).map(|_| next(300) as u32).collect();
                let mut cost = pool.plan_in(quantity, value, id, R).unwrap();
                cost.trace = trace.clone();
                pool.apply_in(ValuationMethod::Fifo, &cost, at(day), Decimal::from(3))
                    .unwrap();
                let key = (at(day), id);
                let i = flat.partition_point(|l| (l.received_at, l.id) <= key);
                flat.insert(
                    i,
                    Layer {
                        id,
                        received_at: at(day),
                        quantity,
                        value,
                        trace,
                    },
                );
            } else if kind < 9 {
                let quantity = 1 + next(pool.quantity as u64) as i64;
                let out = pool.plan_out(ValuationMethod::Fifo, quantity, R).unwrap();
                pool.apply_out(&out).unwrap();
                for take in &out.layers {
                    let l = flat.iter_mut().find(|l| l.id == take.layer).unwrap();
                    l.quantity -= take.quantity;
                    l.value -= take.value;
                }
                flat.retain(|l| l.quantity > 0);
            } else {
                let layer = flat[next(flat.len() as u64) as usize].id;
                pool.capitalise(Some(layer), dec("0.01")).unwrap();
                flat.iter_mut().find(|l| l.id == layer).unwrap().value += dec("0.01");
            }
            assert!(pool.layers().iter().eq(flat.iter()), "after {id}");
            assert_eq!(pool.layers().len(), flat.len());
            // The chunks' origin summaries skip no layer of an origin.
            for origin in 0..300u32 {
                let expected: Vec<(Option<u64>, i64)> = flat
                    .iter()
                    .filter(|l| l.trace.contains(&origin))
                    .map(|l| (Some(l.id), l.quantity))
                    .collect();
                assert_eq!(pool.units_through(origin), expected, "{origin} after {id}");
            }
            if id % 50 == 0 {
                copies.push((pool.clone(), flat.clone()));
            }
        }
        for (copy, layers) in &copies {
            assert!(copy.layers().iter().eq(layers.iter()));
        }
        let json = serde_json::to_string(&pool).unwrap();
        let flat_json = serde_json::to_string(&flat).unwrap();
        assert!(json.contains(&flat_json), "{json}");
        let back: Pool = serde_json::from_str(&json).unwrap();
        assert_eq!(back, pool);
        assert_eq!(format!("{:?}", pool.layers()), format!("{flat:?}"));
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
                pool.deficit_quantity(),
                pool.deficit_value()
            ),
            (1, dec("12.00"), 0, Decimal::ZERO)
        );
    }

    /// The JSON of pools in each shape, as the flat struct wrote it before
    /// the rare fields moved behind a box; the box exists only while they
    /// are in use, and a round trip gives the same pool and bytes.
    #[test]
    fn pool_json_is_unchanged_and_the_rare_parts_come_and_go() {
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        let (m, f) = (ValuationMethod::MovingAverage, ValuationMethod::Fifo);
        let recv = |pool: &mut Pool, method, id, qty, value: &str, unit: &str| {
            let cost = pool.plan_in(qty, dec(value), id, R).unwrap();
            pool.apply_in(method, &cost, t0, dec(unit)).unwrap();
        };
        let mut seen = Vec::new();
        let mut check = |pool: &Pool, boxed: bool, json: &str| {
            assert_eq!(serde_json::to_string(pool).unwrap(), json);
            assert_eq!(pool.extra.is_some(), boxed, "{json}");
            let back: Pool = serde_json::from_str(json).unwrap();
            assert_eq!(&back, pool);
            assert_eq!(back.extra.is_some(), boxed, "{json}");
            seen.push(pool.clone());
        };
        check(
            &Pool::default(),
            false,
            r#"{"quantity":0,"value":"0","deficit_quantity":0,"deficit_value":"0","last_unit_cost":"0"}"#,
        );
        // Negative stock, then a true-up: the settled deficit is "0.00",
        // which serializes differently from "0" and so keeps its box.
        let mut p = Pool::default();
        recv(&mut p, m, 1, 2, "20.00", "10");
        issue(&mut p, m, 5);
        check(
            &p,
            true,
            r#"{"quantity":0,"value":"0.00","deficit_quantity":3,"deficit_value":"30.00","last_unit_cost":"10"}"#,
        );
        recv(&mut p, m, 2, 4, "48.00", "12");
        check(
            &p,
            true,
            r#"{"quantity":1,"value":"12.00","deficit_quantity":0,"deficit_value":"0.00","last_unit_cost":"12"}"#,
        );
        assert!(p.average_view().extra.is_some());
        // FIFO layers (one traced), then all issued.
        let mut q = Pool::default();
        recv(&mut q, f, 7, 3, "30.00", "10");
        let mut c = q.plan_in(2, dec("50.00"), 8, R).unwrap();
        c.trace = vec![4u32, 5].into();
        q.apply_in(f, &c, t0, dec("25")).unwrap();
        check(
            &q,
            true,
            r#"{"quantity":5,"value":"80.00","layers":[{"id":7,"received_at":"1970-01-01T00:00:00Z","quantity":3,"value":"30.00"},{"id":8,"received_at":"1970-01-01T00:00:00Z","quantity":2,"value":"50.00","trace":[4,5]}],"deficit_quantity":0,"deficit_value":"0","last_unit_cost":"25"}"#,
        );
        assert_eq!(q.units_through(5), [(Some(8), 2)]);
        issue(&mut q, f, 5);
        let empty_fifo = r#"{"quantity":0,"value":"0.00","deficit_quantity":0,"deficit_value":"0","last_unit_cost":"25"}"#;
        check(&q, false, empty_fifo);
        // Moving-average remnants, then all issued.
        let mut r = Pool::default();
        recv(&mut r, m, 7, 3, "30.00", "10");
        let mut c = r.plan_in(2, dec("50.00"), 8, R).unwrap();
        c.trace = vec![9u32].into();
        r.apply_in(m, &c, t0, dec("25")).unwrap();
        check(
            &r,
            true,
            r#"{"quantity":5,"value":"80.00","deficit_quantity":0,"deficit_value":"0","last_unit_cost":"25","remnants":[{"quantity":2,"trace":[9]}]}"#,
        );
        issue(&mut r, m, 5);
        check(&r, false, empty_fifo);
        // Equal pools whatever their history.
        assert_eq!(q, r);
        // Explicit empty rare fields on input are dropped too.
        let explicit: Pool = serde_json::from_str(
            r#"{"quantity":0,"value":"0","layers":[],"deficit_quantity":0,"deficit_value":"0","last_unit_cost":"0","remnants":[]}"#,
        )
        .unwrap();
        assert!(explicit.extra.is_none());
        assert_eq!(explicit, Pool::default());
        assert_eq!(seen.len(), 7);
    }

    #[test]
    fn pool_stays_small() {
        assert!(std::mem::size_of::<Pool>() <= 48);
        // A chunk of layers at its largest stays below glibc's 1 KiB
        // threshold (see `LAYER_CHUNK`).
        assert!(std::mem::size_of::<Layer>() * (LAYER_CHUNK_MAX + 1) <= 1000);
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
