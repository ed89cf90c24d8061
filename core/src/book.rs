//! The book: one legal entity's inventory, changed only by commands.
//!
//! [`Book::execute`] validates a command against the current state, plans
//! its events on a scratch overlay (so arithmetic that fails leaves nothing
//! behind), then commits them: the book either takes the whole command or
//! nothing. Every change goes through the same `apply` that
//! [`Book::replay`] uses, so a book rebuilt from its events is the live
//! book, byte for byte.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::Code;
use crate::catalog::{BundleSpec, LocationSpec, Sku, SkuSpec};
use crate::command::{Adjust, Command, Context, Issue, Move, Receive};
use crate::command_index::CommandIndex;
use crate::error::{LandedError, Result};
use crate::event::{
    Chain, CountLine, Event, EventHash, GENESIS_HASH, Link, Outcome, RecordedEvent, SCHEMA_VERSION,
    StockIn, StockOut,
};
use crate::fast_hash::{CodeMap, FastMap, hash_id, tail_word};
use crate::fx::RateBook;
use crate::ledger::{Ledger, LedgerSetup};
use crate::money::{Currency, Money, RoundingStrategy};
use crate::sku_map::{SkuKey, SkuMap};
use crate::stock::{Bucket, Position};
use crate::trade::{Trade, TradeSettings};
use crate::valuation::{Pool, Rounding, ScopeMode, ValuationMethod};

/// What happens when an issue asks for more than is available.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NegativeStockPolicy {
    /// Refuse with `INSUFFICIENT_STOCK` (the default).
    #[default]
    Refuse,
    /// Let `available` go below zero for SKUs without lots; the units go
    /// out at the current unit cost and the next receipt trues them up.
    Allow,
}

/// How a book keeps its inventory and its ledger.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BookConfig {
    /// The currency the books are kept in (本位币).
    pub functional_currency: Currency,
    /// Moving average (default) or FIFO.
    #[serde(default)]
    pub valuation_method: ValuationMethod,
    /// One cost per company or per warehouse scope (default).
    #[serde(default)]
    pub valuation_scope: ScopeMode,
    /// Refuse (default) or allow negative available stock.
    #[serde(default)]
    pub negative_stock: NegativeStockPolicy,
    /// Rounding of values to the functional currency's minor units.
    #[serde(default)]
    pub rounding: RoundingStrategy,
    /// Chart of accounts and posting rules (default: the standard chart).
    #[serde(default)]
    pub ledger: LedgerSetup,
    /// Purchasing, rates and landed-cost settings.
    #[serde(default, skip_serializing_if = "TradeSettings::is_default")]
    pub trade: TradeSettings,
    /// Write damaged stock down (default off). Units entering the damaged
    /// bucket post their value at the pool's average cost to a damage
    /// write-down expense against an inventory allowance (contra asset);
    /// units leaving it release their share of the allowance. Needs a
    /// ledger with rules for the `damage_write_down` and
    /// `inventory_allowance` roles.
    #[serde(default, skip_serializing_if = "is_false")]
    pub damage_write_down: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl BookConfig {
    /// Defaults for a functional currency: moving average per warehouse,
    /// negative stock refused, half away from zero.
    pub fn new(functional_currency: Currency) -> Self {
        Self {
            functional_currency,
            valuation_method: ValuationMethod::default(),
            valuation_scope: ScopeMode::default(),
            negative_stock: NegativeStockPolicy::default(),
            rounding: RoundingStrategy::default(),
            ledger: LedgerSetup::default(),
            trade: TradeSettings::default(),
            damage_write_down: false,
        }
    }
}

/// How [`Book::execute_batch`] treats failures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum BatchMode {
    /// Each command stands alone: failures are reported, successes stay.
    #[default]
    EachAtomic,
    /// The first failure undoes the whole batch.
    AllOrNothing,
}

pub(crate) type SkuId = u32;
pub(crate) type LocId = u32;
pub(crate) type LotId = u32;
pub(crate) type ScopeId = u32;
/// Lot id 0 means "no lot".
pub(crate) const NO_LOT: LotId = 0;
/// Largest quantity one command may move: keeps every product of a
/// quantity and a unit cost far inside the decimal range.
pub const MAX_QUANTITY: i64 = 1_000_000_000_000;
/// Largest unit cost accepted, in functional currency units.
pub const MAX_UNIT_COST: i64 = 1_000_000_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PosKey {
    pub sku: SkuId,
    pub location: LocId,
    pub lot: LotId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PoolKey {
    pub sku: SkuId,
    pub scope: ScopeId,
}

impl SkuKey for PosKey {
    fn sku(&self) -> u32 {
        self.sku
    }
}

impl SkuKey for PoolKey {
    fn sku(&self) -> u32 {
        self.sku
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LotInfo {
    pub sku: SkuId,
    pub number: String,
    pub expiry: Option<NaiveDate>,
    /// Sequence of the first receipt: FEFO's FIFO tie-breaker.
    pub first_seq: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LocationState {
    pub spec: LocationSpec,
    pub scope: ScopeId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frozen_by: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub(crate) enum StocktakeStatus {
    Open,
    Posted,
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Stocktake {
    pub location: LocId,
    pub status: StocktakeStatus,
    #[serde(with = "seq_map")]
    pub expected: BTreeMap<(SkuId, LotId), i64>,
    #[serde(with = "seq_map")]
    pub counted: BTreeMap<(SkuId, LotId), i64>,
}

/// Everything a book holds, in serializable form: the snapshot.
///
/// Serialized, it ends with `head_hash` (the hash of the log's last event)
/// and `checksum` (SHA-256 of the snapshot's compact JSON without the
/// `checksum` member); [`Book::restore`] checks both and the structure (see
/// `integrity.rs`) and refuses a damaged snapshot with `INVALID_SNAPSHOT`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub(crate) schema_version: u32,
    pub(crate) config: BookConfig,
    pub(crate) version: u64,
    /// Boxed, despite clippy's `vec_box`: a SKU is some 260 bytes, and a
    /// vector that doubles as SKUs are defined would leave up to half of
    /// that unused per SKU.
    #[allow(clippy::vec_box)]
    pub(crate) skus: Vec<Box<Sku>>,
    pub(crate) bundles: Vec<BundleSpec>,
    pub(crate) locations: Vec<LocationState>,
    pub(crate) scopes: Vec<String>,
    pub(crate) lots: Vec<LotInfo>,
    pub(crate) positions: SkuMap<PosKey, Position>,
    pub(crate) pools: SkuMap<PoolKey, Pool>,
    pub(crate) stocktakes: BTreeMap<String, Stocktake>,
    pub(crate) ledger: Ledger,
    pub(crate) trade: Trade,
    pub(crate) log: Vec<Arc<RecordedEvent>>,
    /// Damage write-down allowance per position (only non-zero ones, only
    /// in books with `damage_write_down`): kept beside the positions, not
    /// in them, so other books carry nothing for it.
    pub(crate) allowances: SkuMap<PosKey, Allowance>,
    /// The hash the log's first event chains to: zeros, or the head hash
    /// of a snapshot taken without its log.
    pub(crate) log_base: EventHash,
    /// What a snapshot read from storage claimed, for restore to check.
    pub(crate) claimed: crate::integrity::Claimed,
}

/// A position's write-down allowance, whole minor units, never negative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Allowance(#[serde(with = "crate::decimal_text::strict")] pub Decimal);

/// Lookups derived from the snapshot, rebuilt on restore.
#[derive(Clone, Debug, Default)]
pub(crate) struct Indexes {
    pub(crate) skus: CodeMap<SkuId>,
    pub(crate) locations: CodeMap<LocId>,
    pub(crate) scopes: FastMap<String, ScopeId>,
    pub(crate) lots: FastMap<(SkuId, String), LotId>,
    pub(crate) bundles: FastMap<String, usize>,
    /// SKU and location codes by id, shared with every event that names them.
    pub(crate) sku_codes: Vec<Code>,
    /// SKU ids by the address of their entry in `sku_codes` (see
    /// [`Book::replayed_sku_id`]).
    sku_code_addresses: FastMap<usize, SkuId>,
    /// What every stock movement checks of its SKU, by id, a few bytes
    /// each, instead of reading the full definitions (264 bytes per SKU).
    sku_flags: Vec<SkuFlags>,
    pub(crate) location_codes: Vec<Code>,
    /// Where each command id's events start in the log.
    commands: CommandIndex,
    /// The rates of `trade.rates`, indexed for lookups.
    pub(crate) rates: RateBook,
}

/// The SKU facts the hot path reads, kept beside the index.
#[derive(Clone, Copy, Debug, Default)]
struct SkuFlags {
    active: bool,
    lot_tracked: bool,
    has_category: bool,
    /// `sku_codes` holds the code text of a replayed event (see
    /// [`Book::replayed_sku_id`]).
    adopted: bool,
}

impl SkuFlags {
    fn of(sku: &Sku) -> Self {
        Self {
            active: sku.active,
            lot_tracked: sku.spec.lot_tracked,
            has_category: sku.spec.category.is_some(),
            adopted: false,
        }
    }
}

/// One legal entity's inventory.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use landed::book::{Book, BookConfig};
/// use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
/// use landed::command::{Command, Context, Issue, IssueReason, Receive};
/// use landed::stock::Bucket;
/// use landed::{Currency, Money};
///
/// let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
/// let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
/// let mut run = |id: &str, c: Command| book.execute(c, &Context::new(at, id));
/// run("1", Command::DefineLocation(LocationSpec {
///     code: "SZ".into(), name: "Shenzhen".into(), kind: LocationKind::Own,
///     country: Some("CN".into()), valuation_scope: None }))?;
/// run("2", Command::DefineSku(SkuSpec { code: "LAMP".into(), name: "Desk lamp".into(),
///     ..serde_json::from_str(r#"{"code":"","name":""}"#).unwrap() }))?;
/// run("3", Command::Receive(Receive { sku: "LAMP".into(), location: "SZ".into(), quantity: 3,
///     unit_cost: Money::parse("3.3333", "USD")?, bucket: Bucket::Available, lot: None,
///     expiry: None, damage_reason: None, reference: None }))?;
/// let out = run("4", Command::Issue(Issue { sku: "LAMP".into(), location: "SZ".into(),
///     quantity: 1, reason: IssueReason::Sale, bucket: Bucket::Available, lot: None,
///     reference: None, channel: Some("amazon-us".into()) }))?;
/// assert_eq!(out.version, 4);
/// // The issue and its voucher: Dr cost of goods sold 3.33, Cr inventory 3.33.
/// assert_eq!(out.events.len(), 2);
/// assert_eq!(book.position("LAMP", "SZ", None)?.on_hand, 2);
/// # Ok::<(), landed::LandedError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Book {
    pub(crate) state: Snapshot,
    pub(crate) index: Indexes,
    scratch: Scratch,
    /// What replay checks across events (see `integrity.rs`).
    pub(crate) replay_check: crate::integrity::ReplayCheck,
    /// Set while a commit (or a streamed event) is being written, and left
    /// set if that is interrupted by an internal fault: the book is then
    /// poisoned and refuses commands until it is restored or replayed.
    /// (A `Cow`, so that marking a commit in progress does not allocate.)
    fault: Option<std::borrow::Cow<'static, str>>,
    /// Test hook: this many more commits succeed, then one panics after
    /// writing part of its command.
    #[cfg(test)]
    pub(crate) panic_after_commits: Option<u32>,
}

/// What a commit in progress writes into [`Book::fault`]: if it is still
/// there when the next command arrives, the commit never finished.
const COMMIT_INTERRUPTED: &str = "a commit was interrupted";

impl Serialize for Book {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.state.serialize(serializer)
    }
}

/// An event on its way into a book's log: owned and shared events are taken
/// as they are, borrowed ones are copied once.
pub struct SharedEvent(Arc<RecordedEvent>);

impl From<RecordedEvent> for SharedEvent {
    fn from(event: RecordedEvent) -> Self {
        Self(Arc::new(event))
    }
}

impl From<&RecordedEvent> for SharedEvent {
    fn from(event: &RecordedEvent) -> Self {
        Self(Arc::new(event.clone()))
    }
}

impl From<Arc<RecordedEvent>> for SharedEvent {
    fn from(event: Arc<RecordedEvent>) -> Self {
        Self(event)
    }
}

impl From<&Arc<RecordedEvent>> for SharedEvent {
    fn from(event: &Arc<RecordedEvent>) -> Self {
        Self(Arc::clone(event))
    }
}

/// The fingerprint hash: the same on every platform and release (unlike
/// std's `DefaultHasher`), so fingerprints can be stored. It reads eight
/// bytes at a time and writes integers little-endian whatever the machine;
/// each word is mixed with a multiply and a rotate (as FxHash does) and the
/// result is finished with a final avalanche so all bits count.
struct Fingerprinter(u64);

impl Fingerprinter {
    const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for Fingerprinter {
    fn finish(&self) -> u64 {
        // splitmix64's finaliser.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        // The length keeps "ab" + "c" apart from "a" + "bc".
        self.mix(tail_word(rest) ^ ((rest.len() as u64) << 56));
    }
    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }
    fn write_u16(&mut self, i: u16) {
        self.mix(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.mix(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.mix(i);
    }
    fn write_u128(&mut self, i: u128) {
        self.mix(i as u64);
        self.mix((i >> 64) as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }
    fn write_i8(&mut self, i: i8) {
        self.write_u8(i as u8);
    }
    fn write_i16(&mut self, i: i16) {
        self.write_u16(i as u16);
    }
    fn write_i32(&mut self, i: i32) {
        self.write_u32(i as u32);
    }
    fn write_i64(&mut self, i: i64) {
        self.write_u64(i as u64);
    }
    fn write_i128(&mut self, i: i128) {
        self.write_u128(i as u128);
    }
    fn write_isize(&mut self, i: isize) {
        self.write_usize(i as usize);
    }
}

/// The stable fingerprint of a command.
pub fn fingerprint(command: &Command) -> u64 {
    let mut hasher = Fingerprinter(0);
    command.hash(&mut hasher);
    hasher.finish()
}

impl Book {
    /// An empty book. Fails if the ledger set-up is incomplete (an
    /// account a rule names is missing, or a role has no rule).
    pub fn new(config: BookConfig) -> Result<Self> {
        let ledger = Ledger::new(&config.ledger, config.damage_write_down)?;
        if config.trade.over_receipt_tolerance_percent < Decimal::ZERO {
            return Err(invalid("the over-receipt tolerance cannot be negative"));
        }
        let mut index = Indexes::default();
        index.rates.set_pivot(config.trade.pivot_currency);
        Ok(Self {
            state: Snapshot {
                schema_version: SCHEMA_VERSION,
                config,
                version: 0,
                skus: Vec::new(),
                bundles: Vec::new(),
                locations: Vec::new(),
                scopes: Vec::new(),
                lots: Vec::new(),
                positions: SkuMap::default(),
                pools: SkuMap::default(),
                stocktakes: BTreeMap::new(),
                ledger,
                trade: Trade::default(),
                log: Vec::new(),
                allowances: SkuMap::default(),
                log_base: GENESIS_HASH,
                claimed: Default::default(),
            },
            index,
            scratch: Scratch::default(),
            replay_check: Default::default(),
            fault: None,
            #[cfg(test)]
            panic_after_commits: None,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &BookConfig {
        &self.state.config
    }

    /// True when an internal fault interrupted a commit: the book may be
    /// half-written and refuses every command with `BOOK_POISONED` until
    /// the host restores a snapshot or replays its log into a new book.
    pub fn is_poisoned(&self) -> bool {
        self.fault.is_some()
    }

    /// Refuses to work on a poisoned book.
    fn check_health(&self) -> Result<()> {
        match &self.fault {
            None => Ok(()),
            Some(detail) => Err(LandedError::BookPoisoned {
                detail: detail.to_string(),
            }),
        }
    }

    /// Number of commands executed.
    pub fn version(&self) -> u64 {
        self.state.version
    }

    /// The event log, oldest first.
    pub fn events(&self) -> &[Arc<RecordedEvent>] {
        &self.state.log
    }

    /// A copy of the whole state, for serde. Serialized, it carries the
    /// log's head hash and a checksum (see [`Snapshot`]).
    pub fn snapshot(&self) -> Snapshot {
        self.state.clone()
    }

    /// A copy of the state without the event log: for read replicas and for
    /// measuring the state's size. It carries the head hash of the log it
    /// was taken from; a book restored from it answers every query on the
    /// state (positions, valuation, trial balance) but has no history: no
    /// journal, no memory of command ids, and the events it records next
    /// are numbered from 1 again (chained to the head hash). Continue a
    /// book from a full snapshot or its log instead.
    pub fn snapshot_without_log(&self) -> Snapshot {
        let mut snapshot = self.state.clone();
        snapshot.log_base = self.state.head_hash();
        snapshot.log = Vec::new();
        snapshot
    }

    /// The hash of the log's last event (32 zero bytes for an empty log),
    /// sealing the chain if needed. A host that keeps it beside its stored
    /// log detects a truncated or rewritten log: replaying the log must
    /// give the same head hash.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use landed::book::{Book, BookConfig};
    /// # use landed::catalog::{LocationKind, LocationSpec};
    /// # use landed::command::{Command, Context};
    /// # use landed::Currency;
    /// let config = BookConfig::new(Currency::from_code("USD")?);
    /// let mut book = Book::new(config.clone())?;
    /// assert_eq!(book.head_hash(), [0; 32]);
    /// let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    /// let spec = LocationSpec { code: "SZ".into(), name: "Shenzhen".into(),
    ///     kind: LocationKind::Own, country: None, valuation_scope: None };
    /// book.execute(Command::DefineLocation(spec), &Context::new(at, "1"))?;
    /// let kept = book.head_hash_hex();
    /// // What the host stored, read back and replayed, ends at the same head.
    /// let stored = serde_json::to_string(book.events()).unwrap();
    /// let events: Vec<landed::event::RecordedEvent> = serde_json::from_str(&stored).unwrap();
    /// assert_eq!(Book::replay(config, events)?.head_hash_hex(), kept);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn head_hash(&self) -> EventHash {
        self.state.head_hash()
    }

    /// [`Book::head_hash`] as 64 lowercase hex digits.
    pub fn head_hash_hex(&self) -> String {
        crate::event::hex(&self.head_hash())
    }

    /// Rebuilds a book from a snapshot, after checking it: its checksum,
    /// its head hash against the log's last event, its version against the
    /// log's, and its structure (ids in range, codes unique, the chart as
    /// configured, ledger totals equal to their parts, pools equal to their
    /// positions and, with the log, to the inventory accounts, no negative
    /// quantities where none can be). A damaged snapshot is refused with
    /// `INVALID_SNAPSHOT`. Snapshots of schema version 1 carry no checksum
    /// and are checked for structure only.
    pub fn restore(mut snapshot: Snapshot) -> Result<Self> {
        if snapshot.schema_version > SCHEMA_VERSION {
            return Err(LandedError::InvalidSnapshot {
                reason: format!(
                    "snapshot schema version {} is newer than this release ({SCHEMA_VERSION})",
                    snapshot.schema_version
                ),
            });
        }
        snapshot.verify()?;
        let mut book = Self {
            state: snapshot,
            index: Indexes::default(),
            scratch: Scratch::default(),
            replay_check: Default::default(),
            fault: None,
            #[cfg(test)]
            panic_after_commits: None,
        };
        book.rebuild_indexes();
        if book.state.ledger.regrand().is_none() {
            return Err(LandedError::InvalidSnapshot {
                reason: "the ledger's totals are negative or overflow".into(),
            });
        }
        Ok(book)
    }

    /// Runs the checks replay makes once the whole log is in (the last
    /// command's voucher; per valuation scope, pools against positions and
    /// against the inventory accounts), for a host that streamed its log
    /// with [`Book::replay_one`]. Fails with `INVALID_EVENT_LOG`.
    pub fn verify(&mut self) -> Result<()> {
        self.check_replayed()
    }

    /// Rebuilds a book by applying `events` to an empty book with `config`.
    /// Events may be given owned, shared (`Arc`) or borrowed; owned and
    /// shared events are kept without a copy.
    ///
    /// Replay verifies what it is given and refuses with
    /// `INVALID_EVENT_LOG`, naming the first bad sequence number: each
    /// event's hash against the chain (events shared with the book that
    /// recorded them, not yet hashed, continue it by construction and are
    /// not hashed again); sequence and version without gaps, a command's
    /// events sharing its id, fingerprint, time and actor; each stock
    /// event's units and value against its cost, a receipt's value against
    /// quantity × unit cost, an outgoing movement's cost against the pool it
    /// leaves (planned again); the voucher of each valued movement right
    /// after it with the same inventory amount; balanced entries; and at the
    /// end, per valuation scope, pools against positions and against the
    /// inventory accounts. A log truncated after a command, or rewritten
    /// with its hashes recomputed, replays; compare [`Book::head_hash`] with
    /// the one kept beside the log to detect that.
    pub fn replay<E: Into<SharedEvent>>(
        config: BookConfig,
        events: impl IntoIterator<Item = E>,
    ) -> Result<Self> {
        let mut book = Self::new(config)?;
        for recorded in events {
            book.replay_event(recorded.into().0, false, None)?;
        }
        book.finish_replay()
    }

    /// The end of a whole-log replay: the checks that need the whole log,
    /// then the index of command ids.
    pub(crate) fn finish_replay(mut self) -> Result<Self> {
        self.check_replayed()?;
        // Indexed at once at the end: nothing in replay looks ids up.
        self.index.commands = command_index_of(&self.state.log);
        Ok(self)
    }

    /// Applies one stored event (for hosts that stream their log), with
    /// the checks of [`Book::replay`]; the checks that need the whole log
    /// run with [`Book::verify`].
    ///
    /// An event that fails to apply is refused with `INVALID_EVENT_LOG`; if
    /// it had already changed part of the book, the book is poisoned (see
    /// [`Book::is_poisoned`]) and must be rebuilt.
    pub fn replay_one(&mut self, recorded: impl Into<SharedEvent>) -> Result<()> {
        self.check_health()?;
        self.replay_event(recorded.into().0, true, None)
    }

    /// Applies one stored event; `index` records a new command's id at once
    /// (whole-log replay indexes them all at the end instead); `stored` is
    /// the text the event was read from, if known (see
    /// [`Book::check_chain`]).
    pub(crate) fn replay_event(
        &mut self,
        recorded: Arc<RecordedEvent>,
        index: bool,
        stored: Option<&str>,
    ) -> Result<()> {
        let bad = |reason: String| LandedError::InvalidEventLog {
            seq: recorded.seq,
            reason,
        };
        if recorded.schema_version > SCHEMA_VERSION {
            return Err(bad(format!(
                "schema version {} is not supported",
                recorded.schema_version
            )));
        }
        let expected_seq = self.state.log.len() as u64 + 1;
        if recorded.seq != expected_seq {
            return Err(bad(format!("expected sequence {expected_seq}")));
        }
        // The hash first: an edited event is named as such, whatever else
        // the edit broke.
        let trusted = self.check_chain(&recorded, stored)?;
        let fingerprint = recorded.fingerprint;
        // A command's events are consecutive and share its version: an
        // event with the version of the one before continues that
        // command (and must carry its id, fingerprint, time and actor);
        // any other starts the next version.
        let continues = match self.state.log.last() {
            Some(last) if last.version == recorded.version => {
                if last.fingerprint != fingerprint || last.command_id != recorded.command_id {
                    return Err(bad(format!(
                        "version {} already belongs to command {}",
                        recorded.version, last.command_id
                    )));
                }
                if last.at != recorded.at || last.actor != recorded.actor {
                    return Err(bad(format!(
                        "the events of command {} differ in time or actor",
                        recorded.command_id
                    )));
                }
                true
            }
            _ => false,
        };
        if !continues && recorded.version != self.state.version + 1 {
            return Err(bad(format!("expected version {}", self.state.version + 1)));
        }
        self.check_event(&recorded, continues, trusted)?;
        if !continues {
            self.state.version = recorded.version;
        }
        self.fault = Some(std::borrow::Cow::Borrowed(COMMIT_INTERRUPTED));
        if let Err(e) = self.apply(&recorded, trusted) {
            let reason = e.to_string();
            self.fault = Some(format!("event {} failed to apply: {reason}", recorded.seq).into());
            return Err(bad(reason));
        }
        self.fault = None;
        if index && !continues {
            self.index
                .commands
                .insert(hash_id(&recorded.command_id), self.state.log.len());
        }
        self.state.log.push(recorded);
        Ok(())
    }

    fn rebuild_indexes(&mut self) {
        let mut index = Indexes::default();
        for (id, sku) in self.state.skus.iter().enumerate() {
            let code = Code::from(sku.spec.code.as_str());
            index.skus.insert(&code, id as SkuId);
            index.sku_codes.push(code);
            index.sku_flags.push(SkuFlags::of(sku));
        }
        for (id, loc) in self.state.locations.iter().enumerate() {
            let code = Code::from(loc.spec.code.as_str());
            index.locations.insert(&code, id as LocId);
            index.location_codes.push(code);
        }
        for (id, scope) in self.state.scopes.iter().enumerate() {
            index.scopes.insert(scope.clone(), id as ScopeId);
        }
        for (i, lot) in self.state.lots.iter().enumerate() {
            index
                .lots
                .insert((lot.sku, lot.number.clone()), i as LotId + 1);
        }
        for (i, bundle) in self.state.bundles.iter().enumerate() {
            index.bundles.insert(bundle.code.clone(), i);
        }
        index.rates = RateBook::new();
        index
            .rates
            .set_pivot(self.state.config.trade.pivot_currency);
        for r in &self.state.trade.rates {
            // Rates were checked when they were recorded.
            let _ = index
                .rates
                .insert(r.base, r.quote, r.rate_type, r.date, r.rate);
        }
        index.commands = command_index_of(&self.state.log);
        self.index = index;
        self.state.ledger.index_rule_accounts();
    }

    /// Executes one command: all of it, or nothing (see the module docs).
    ///
    /// Takes the command by value or by reference: the book only reads it,
    /// so a host that keeps its commands (to retry them, or to import a
    /// file) need not copy them.
    pub fn execute(&mut self, command: impl Borrow<Command>, context: &Context) -> Result<Outcome> {
        self.check_health()?;
        let command = command.borrow();
        crate::limits::check_command_id(&context.command_id)?;
        if let Some(actor) = &context.actor {
            crate::limits::check_text_id("actor", actor, crate::limits::MAX_COMMAND_ID_CHARS)?;
        }
        let fingerprint = fingerprint(command);
        let id_hash = hash_id(&context.command_id);
        if let Some(events) = self.command_events(&context.command_id, id_hash) {
            let Some(first) = events.first() else {
                return Err(LandedError::Internal {
                    detail: "a recorded command has no events".into(),
                });
            };
            if first.fingerprint != fingerprint {
                return Err(LandedError::IdempotencyConflict {
                    command_id: context.command_id.clone(),
                });
            }
            return Ok(Outcome {
                version: first.version,
                duplicate: true,
                events: events.to_vec(),
            });
        }
        if let Some(expected) = context.expected_version
            && expected != self.state.version
        {
            return Err(LandedError::VersionConflict {
                expected,
                actual: self.state.version,
            });
        }
        if self.state.ledger.enabled && command.posts_on_its_date() {
            self.state.ledger.check_open(context.at.date_naive())?;
        }
        let mut planner = Planner::new(self, context.at);
        if let Err(e) = planner.plan(command) {
            self.scratch = planner.into_scratch();
            return Err(e);
        }
        let (mut events, staged) = planner.finish();
        if events.is_empty() {
            // A command with nothing to do (a carrier event already
            // recorded) is still logged, so that its id is remembered with
            // its fingerprint and a later, different command under the same
            // id is refused.
            events.push(Event::NoEffect {});
        }

        // Commit: nothing below can fail. Were it to (an internal fault),
        // the fault marker stays set and the book refuses further commands
        // instead of going on half-written.
        self.fault = Some(std::borrow::Cow::Borrowed(COMMIT_INTERRUPTED));
        let command_id: Code = Code::from(context.command_id.as_str());
        let version = self.state.version + 1;
        let first_seq = self.state.log.len() as u64 + 1;
        self.state.version = version;
        let mut recorded: Vec<Arc<RecordedEvent>> = Vec::with_capacity(events.len());
        let last = events.len() - 1;
        let mut command_id = Some(command_id);
        let actor: Option<Code> = context.actor.as_deref().map(Code::from);
        // One number per commit, unique in the process: with `seq` it names
        // each event and its predecessor for replay (see `event::Chain`).
        let commit = crate::event::new_commit_number();
        for (i, event) in events.drain(..).enumerate() {
            // The last event takes the id itself: a clone and a drop of a
            // shared string are two atomic operations each command.
            let command_id = if i == last {
                command_id.take()
            } else {
                command_id.clone()
            };
            // Linked, not hashed: the hash is sealed when first asked for
            // (see `event::Chain`), so commit stays as cheap as before.
            let link = match recorded.last().or(self.state.log.last()) {
                Some(previous) => Link::Event(Arc::clone(previous)),
                None => Link::Hash(Box::new(self.state.log_base)),
            };
            recorded.push(Arc::new(RecordedEvent {
                schema_version: SCHEMA_VERSION,
                seq: first_seq + i as u64,
                version,
                command_id: command_id.unwrap_or_default(),
                fingerprint,
                at: context.at,
                actor: actor.clone(),
                event,
                chain: Chain::linked(commit, link),
            }));
        }
        self.absorb(staged);
        self.scratch.events = events;
        for r in &recorded {
            // Master data, documents and stocktake bookkeeping are applied
            // here; stock effects were applied to the overlay and copied above.
            #[cfg(test)]
            match self.panic_after_commits {
                Some(0) => panic!("injected fault in the middle of a commit"),
                Some(n) if r.seq == first_seq => self.panic_after_commits = Some(n - 1),
                _ => {}
            }
            if let Err(e) = self.apply_record(r) {
                let detail = format!("planned event failed to apply: {e}");
                self.fault = Some(detail.clone().into());
                return Err(LandedError::Internal { detail });
            }
        }
        self.index.commands.insert(id_hash, self.state.log.len());
        self.state.log.extend(recorded.iter().cloned());
        self.fault = None;
        Ok(Outcome {
            version,
            duplicate: false,
            events: recorded,
        })
    }

    /// The logged events of the command recorded under `id`: from its
    /// first event, every following event of the same version.
    fn command_events(&self, id: &str, hash: u64) -> Option<&[Arc<RecordedEvent>]> {
        let log = &self.state.log;
        let first = self
            .index
            .commands
            .find(id, hash, |i| log.get(i).map(|e| &*e.command_id))?;
        let rest = log.get(first..)?;
        let version = rest.first()?.version;
        let count = rest.iter().take_while(|e| e.version == version).count();
        rest.get(..count)
    }

    /// Executes several commands. In [`BatchMode::EachAtomic`] every command
    /// stands alone; in [`BatchMode::AllOrNothing`] the first failure
    /// restores the book as it was before the batch (at the cost of one
    /// copy of the book) and no result after it is produced.
    ///
    /// An all-or-nothing batch is undone whatever the failure, an internal
    /// fault (a panic) included: the book is put back as it was and the
    /// item reports `INTERNAL`. In [`BatchMode::EachAtomic`] such a fault
    /// leaves the book poisoned (see [`Book::is_poisoned`]) and the
    /// remaining items are refused with `BOOK_POISONED`.
    pub fn execute_batch(
        &mut self,
        commands: impl IntoIterator<Item = (Command, Context)>,
        mode: BatchMode,
    ) -> Vec<Result<Outcome>> {
        let backup = (mode == BatchMode::AllOrNothing).then(|| self.clone());
        let mut results = Vec::new();
        for (command, context) in commands {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.execute(&command, &context)
            }))
            .unwrap_or_else(|payload| {
                let detail = panic_text(payload.as_ref());
                if self.fault.is_none() {
                    self.fault = Some(detail.clone().into());
                }
                Err(LandedError::Internal { detail })
            });
            let failed = result.is_err();
            results.push(result);
            if failed && mode == BatchMode::AllOrNothing {
                if let Some(backup) = backup {
                    *self = backup;
                }
                break;
            }
        }
        results
    }

    /// Takes over what a planner staged: new lots, then the positions and
    /// pools it changed. Cannot fail.
    fn absorb(&mut self, mut staged: Staged) {
        for lot in staged.new_lots {
            self.push_lot(lot);
        }
        for (key, position) in staged.positions.drain(..) {
            self.state.positions.insert(key, position);
        }
        for (key, pool) in staged.pools.drain(..) {
            self.state.pools.insert(key, pool);
        }
        // The emptied buffers serve the next planner.
        self.scratch.positions = staged.positions;
        self.scratch.pools = staged.pools;
        for (key, allowance) in staged.allowances {
            if allowance.is_zero() {
                self.state.allowances.remove(&key);
            } else {
                self.state.allowances.insert(key, Allowance(allowance));
            }
        }
    }

    fn push_lot(&mut self, lot: LotInfo) -> LotId {
        let id = self.state.lots.len() as LotId + 1;
        self.index.lots.insert((lot.sku, lot.number.clone()), id);
        self.state.lots.push(lot);
        id
    }

    fn scope_id(&mut self, name: &str) -> ScopeId {
        if let Some(id) = self.index.scopes.get(name) {
            return *id;
        }
        let id = self.state.scopes.len() as ScopeId;
        self.state.scopes.push(name.to_owned());
        self.index.scopes.insert(name.to_owned(), id);
        id
    }

    /// Applies one event read from the log: its stock effect (through the
    /// same overlay planning uses), then its record.
    /// `trusted`: recorded by a book and never stored (see
    /// [`Book::check_chain`]), so its costs need not be planned again.
    fn apply(&mut self, recorded: &RecordedEvent, trusted: bool) -> Result<()> {
        if let Some((sku, location)) = recorded.event.stock_codes() {
            let sku = match sku {
                Ok(shared) => self.replayed_sku_id(shared)?,
                Err(text) => self.sku_id(text)?,
            };
            let loc = self.loc_id(location)?;
            let mut overlay = Planner::new(self, recorded.at);
            overlay.replaying = !trusted;
            overlay.apply_stock_at(&recorded.event, sku, loc, recorded.seq)?;
            let (mut events, staged) = overlay.finish();
            self.absorb(staged);
            events.clear();
            self.scratch.events = events;
        }
        self.apply_record(recorded)
    }

    /// Applies what an event changes besides positions and pools moved by
    /// stock: master data, documents, the ledger. Live, this runs at
    /// commit; in replay, after the event's stock effect.
    fn apply_record(&mut self, recorded: &RecordedEvent) -> Result<()> {
        match &recorded.event {
            Event::SkuDefined(spec) => {
                if self.index.skus.contains_key(&spec.code) {
                    return Err(duplicate("SKU", &spec.code));
                }
                let id = self.state.skus.len() as SkuId;
                let code = Code::from(spec.code.as_str());
                self.index.skus.insert(&code, id);
                self.index.sku_codes.push(code);
                let sku = Sku {
                    spec: spec.clone(),
                    active: true,
                };
                self.index.sku_flags.push(SkuFlags::of(&sku));
                self.state.skus.push(Box::new(sku));
            }
            Event::SkuUpdated(update) => {
                let id = self.sku_id(&update.code)? as usize;
                self.state.skus[id].spec.apply(update);
                self.index.sku_flags[id] = SkuFlags::of(&self.state.skus[id]);
            }
            Event::SkuDeactivated { sku } => {
                let id = self.sku_id(sku)? as usize;
                self.state.skus[id].active = false;
                self.index.sku_flags[id].active = false;
            }
            Event::BundleDefined(bundle) => {
                self.index
                    .bundles
                    .insert(bundle.code.clone(), self.state.bundles.len());
                self.state.bundles.push(bundle.clone());
            }
            Event::LocationDefined { location, scope } => {
                if self.index.locations.contains_key(&location.code) {
                    return Err(duplicate("location", &location.code));
                }
                let scope = self.scope_id(scope);
                let id = self.state.locations.len() as LocId;
                let code = Code::from(location.code.as_str());
                self.index.locations.insert(&code, id);
                self.index.location_codes.push(code);
                self.state.locations.push(LocationState {
                    spec: location.clone(),
                    scope,
                    frozen_by: None,
                });
            }
            Event::Received(_)
            | Event::Issued(_)
            | Event::Moved { .. }
            | Event::AdjustedUp(_)
            | Event::AdjustedDown(_) => {}
            Event::StocktakeOpened {
                stocktake,
                location,
                expected,
            } => {
                let loc = self.loc_id(location)?;
                let mut lines = BTreeMap::new();
                for line in expected {
                    lines.insert(self.line_key(line)?, line.quantity);
                }
                self.state.locations[loc as usize].frozen_by = Some(stocktake.clone());
                self.state.stocktakes.insert(
                    stocktake.clone(),
                    Stocktake {
                        location: loc,
                        status: StocktakeStatus::Open,
                        expected: lines,
                        counted: BTreeMap::new(),
                    },
                );
            }
            Event::CountRecorded { stocktake, line } => {
                let key = self.line_key(line)?;
                let take = self.stocktake_mut(stocktake)?;
                take.counted.insert(key, line.quantity);
            }
            Event::StocktakePosted { stocktake } | Event::StocktakeCancelled { stocktake } => {
                let status = if matches!(recorded.event, Event::StocktakePosted { .. }) {
                    StocktakeStatus::Posted
                } else {
                    StocktakeStatus::Cancelled
                };
                let take = self.stocktake_mut(stocktake)?;
                take.status = status;
                let loc = take.location as usize;
                self.state.locations[loc].frozen_by = None;
            }
            Event::JournalPosted(entry) => self.state.ledger.record(entry)?,
            Event::PeriodLocked { through } => self.state.ledger.locked_through = Some(*through),
            Event::InvoiceRecorded {
                invoice,
                account,
                carrying,
            } => {
                let item = crate::settlement::OpenItem {
                    document: invoice.document.clone(),
                    kind: invoice.kind,
                    party: invoice.party.clone(),
                    channel: invoice.channel.clone(),
                    account: account.clone(),
                    date: invoice.date,
                    due_date: invoice.due_date.unwrap_or(invoice.date),
                    original: invoice.amount,
                    open: invoice.amount,
                    carrying: *carrying,
                    rate: invoice.rate.unwrap_or(Decimal::ONE),
                    settlements: Vec::new(),
                };
                self.state
                    .ledger
                    .documents
                    .insert(invoice.document.clone(), item);
            }
            Event::SettlementRecorded {
                settlement,
                carrying_settled,
                ..
            } => {
                let Some(item) = self.state.ledger.documents.get_mut(&settlement.document) else {
                    return Err(LandedError::UnknownDocument {
                        document: settlement.document.clone(),
                    });
                };
                item.open = item.open.checked_sub(&settlement.amount)?;
                item.carrying = item.carrying.checked_sub(carrying_settled)?;
                item.settlements.push(crate::settlement::Settled {
                    date: settlement.date,
                    amount: settlement.amount,
                    carrying: *carrying_settled,
                });
            }
            Event::Revalued { .. } => {}
            Event::RatesRecorded { entries } => {
                for r in entries {
                    self.index
                        .rates
                        .insert(r.base, r.quote, r.rate_type, r.date, r.rate)?;
                }
                self.state.trade.rates.extend(entries.iter().cloned());
            }
            other => self.apply_trade(other)?,
        }
        Ok(())
    }

    /// The id of a SKU code read from a stored event. Events a book records
    /// share one text per SKU, so a log replayed from memory names each SKU
    /// by the same few thousand shared texts, scattered over the heap:
    /// hashing one to look it up reads it from cold memory, a fifth of
    /// replay's time. The first time a SKU's code comes from an event, the
    /// book keeps that very text as the SKU's code; after that, an event
    /// holding it is recognised by its address without reading it. (Events
    /// read from storage each carry their own text and take the lookup.)
    fn replayed_sku_id(&mut self, code: &Code) -> Result<SkuId> {
        let address = Arc::as_ptr(code) as *const u8 as usize;
        if let Some(&id) = self.index.sku_code_addresses.get(&address)
            && self
                .index
                .sku_codes
                .get(id as usize)
                .is_some_and(|known| Arc::ptr_eq(known, code))
        {
            return Ok(id);
        }
        let id = self.sku_id(code)?;
        if let (Some(flags), Some(known)) = (
            self.index.sku_flags.get_mut(id as usize),
            self.index.sku_codes.get_mut(id as usize),
        ) && !flags.adopted
        {
            flags.adopted = true;
            let old = std::mem::replace(known, code.clone());
            self.index
                .sku_code_addresses
                .remove(&(Arc::as_ptr(&old) as *const u8 as usize));
            self.index.sku_code_addresses.insert(address, id);
        }
        Ok(id)
    }

    fn stocktake_mut(&mut self, id: &str) -> Result<&mut Stocktake> {
        self.state
            .stocktakes
            .get_mut(id)
            .ok_or_else(|| stocktake_error(id, "does not exist"))
    }

    fn line_key(&self, line: &CountLine) -> Result<(SkuId, LotId)> {
        let sku = self.sku_id(&line.sku)?;
        let lot = match &line.lot {
            Some(number) => self.lot_id(sku, number)?,
            None => NO_LOT,
        };
        Ok((sku, lot))
    }

    pub(crate) fn sku_id(&self, code: &str) -> Result<SkuId> {
        self.index
            .skus
            .get(code)
            .copied()
            .ok_or_else(|| LandedError::UnknownSku {
                sku: code.to_owned(),
            })
    }

    pub(crate) fn loc_id(&self, code: &str) -> Result<LocId> {
        self.index
            .locations
            .get(code)
            .copied()
            .ok_or_else(|| LandedError::UnknownLocation {
                location: code.to_owned(),
            })
    }

    pub(crate) fn lot_id(&self, sku: SkuId, number: &str) -> Result<LotId> {
        self.index
            .lots
            .get(&(sku, number.to_owned()))
            .copied()
            .ok_or_else(|| LandedError::UnknownLot {
                sku: self.sku_code(sku).to_owned(),
                lot: number.to_owned(),
            })
    }

    fn sku_flags(&self, id: SkuId) -> SkuFlags {
        self.index
            .sku_flags
            .get(id as usize)
            .copied()
            .unwrap_or_default()
    }

    /// A SKU's category, read from its definition only when it has one.
    pub(crate) fn sku_category(&self, id: SkuId) -> Option<&str> {
        if !self.sku_flags(id).has_category {
            return None;
        }
        self.state
            .skus
            .get(id as usize)
            .and_then(|s| s.spec.category.as_deref())
    }

    pub(crate) fn sku_code(&self, id: SkuId) -> &str {
        self.state
            .skus
            .get(id as usize)
            .map_or("", |s| s.spec.code.as_str())
    }

    pub(crate) fn sku_code_arc(&self, id: SkuId) -> Code {
        self.index
            .sku_codes
            .get(id as usize)
            .cloned()
            .unwrap_or_else(|| Code::from(""))
    }

    pub(crate) fn loc_code_arc(&self, id: LocId) -> Code {
        self.index
            .location_codes
            .get(id as usize)
            .cloned()
            .unwrap_or_else(|| Code::from(""))
    }

    pub(crate) fn loc_code(&self, id: LocId) -> &str {
        self.state
            .locations
            .get(id as usize)
            .map_or("", |l| l.spec.code.as_str())
    }

    pub(crate) fn location_spec(&self, id: LocId) -> Option<&LocationSpec> {
        self.state.locations.get(id as usize).map(|l| &l.spec)
    }

    pub(crate) fn lot_info(&self, id: LotId) -> Option<&LotInfo> {
        id.checked_sub(1)
            .and_then(|i| self.state.lots.get(i as usize))
    }

    pub(crate) fn scope_name(&self, id: ScopeId) -> &str {
        self.state
            .scopes
            .get(id as usize)
            .map_or("", String::as_str)
    }

    pub(crate) fn location_scope(&self, id: LocId) -> ScopeId {
        self.state.locations.get(id as usize).map_or(0, |l| l.scope)
    }

    pub(crate) fn location_codes(&self) -> Vec<String> {
        self.state
            .locations
            .iter()
            .map(|l| l.spec.code.clone())
            .collect()
    }

    pub(crate) fn ledger(&self) -> &Ledger {
        &self.state.ledger
    }

    pub(crate) fn rounding(&self) -> Rounding {
        Rounding {
            places: self.state.config.functional_currency.minor_units(),
            strategy: self.state.config.rounding,
        }
    }

    pub(crate) fn money(&self, amount: Decimal) -> Money {
        Money::new(amount, self.state.config.functional_currency)
    }

    pub(crate) fn positions(&self) -> &SkuMap<PosKey, Position> {
        &self.state.positions
    }

    pub(crate) fn pools(&self) -> &SkuMap<PoolKey, Pool> {
        &self.state.pools
    }

    /// Write-down allowances of positions (non-zero ones only).
    pub(crate) fn allowances(&self) -> &SkuMap<PosKey, Allowance> {
        &self.state.allowances
    }

    pub(crate) fn skus(&self) -> &[Box<Sku>] {
        &self.state.skus
    }

    /// The SKU's definition and status.
    pub fn sku(&self, code: &str) -> Result<&Sku> {
        Ok(&self.state.skus[self.sku_id(code)? as usize])
    }

    /// A location's definition.
    pub fn location(&self, code: &str) -> Result<&LocationSpec> {
        Ok(&self.state.locations[self.loc_id(code)? as usize].spec)
    }

    /// A bundle's definition.
    pub fn bundle(&self, code: &str) -> Option<&BundleSpec> {
        self.index
            .bundles
            .get(code)
            .map(|i| &self.state.bundles[*i])
    }
}

impl Command {
    /// Stock commands that post at the command's effective date.
    fn posts_on_its_date(&self) -> bool {
        matches!(
            self,
            Command::Receive(_)
                | Command::Issue(_)
                | Command::Adjust(_)
                | Command::PostStocktake { .. }
                | Command::ReceivePurchaseOrder { .. }
                | Command::ShipTransfer { .. }
                | Command::ReceiveTransfer { .. }
                | Command::CloseTransfer { .. }
        )
    }
}

impl Event {
    /// Units entering a pool and a position, if this event brings any.
    pub(crate) fn stock_in(&self) -> Option<&StockIn> {
        match self {
            Event::Received(s) | Event::AdjustedUp(s) => Some(s),
            Event::TransferLineReceived { stock, .. } => Some(stock),
            _ => None,
        }
    }

    /// Units leaving a pool and a position, if this event takes any.
    pub(crate) fn stock_out(&self) -> Option<&StockOut> {
        match self {
            Event::Issued(s) | Event::AdjustedDown(s) => Some(s),
            Event::TransferLineShipped { stock, .. } => Some(stock),
            _ => None,
        }
    }

    /// Events that move units or value of positions and pools.
    /// The SKU and location codes of an event that moves stock (the SKU
    /// as the shared text most events carry, or else as plain text).
    fn stock_codes(&self) -> Option<(std::result::Result<&Code, &str>, &str)> {
        match self {
            Event::Received(s) | Event::AdjustedUp(s) => Some((Ok(&s.sku), &s.location)),
            Event::TransferLineReceived { stock, .. } => Some((Ok(&stock.sku), &stock.location)),
            Event::Issued(s) | Event::AdjustedDown(s) => Some((Ok(&s.sku), &s.location)),
            Event::TransferLineShipped { stock, .. } => Some((Ok(&stock.sku), &stock.location)),
            Event::Moved { sku, location, .. } | Event::TransferLineShort { sku, location, .. } => {
                Some((Ok(sku), location))
            }
            Event::PurchaseReceived { receipt, .. } => {
                Some((Err(receipt.sku.as_str()), &receipt.location))
            }
            _ => None,
        }
    }
}

pub(crate) fn duplicate(kind: &str, code: &str) -> LandedError {
    LandedError::DuplicateCode {
        kind: kind.to_owned(),
        code: code.to_owned(),
    }
}

fn stocktake_error(id: &str, reason: &str) -> LandedError {
    LandedError::StocktakeState {
        stocktake: id.to_owned(),
        reason: reason.to_owned(),
    }
}

pub(crate) fn invalid(reason: impl Into<String>) -> LandedError {
    LandedError::InvalidCommand {
        reason: reason.into(),
    }
}

/// The message of a caught panic (`panic!` gives a `&str` or a `String`).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal fault".to_owned())
}

pub(crate) fn check_quantity(quantity: i64) -> Result<()> {
    if quantity <= 0 || quantity > MAX_QUANTITY {
        return Err(LandedError::InvalidQuantity {
            quantity,
            reason: format!("must be between 1 and {MAX_QUANTITY}"),
        });
    }
    Ok(())
}

/// The idempotency index of a log: each command's id at its first event
/// (an event starts a command unless it has the version and id of the one
/// before).
fn command_index_of(log: &[Arc<RecordedEvent>]) -> CommandIndex {
    let mut starts = Vec::new();
    let mut previous: Option<&RecordedEvent> = None;
    for (i, recorded) in log.iter().enumerate() {
        let continues = previous
            .is_some_and(|p| p.version == recorded.version && p.command_id == recorded.command_id);
        if !continues {
            starts.push((hash_id(&recorded.command_id), i));
        }
        previous = Some(recorded);
    }
    CommandIndex::build(starts)
}

/// Works out a command's events against a scratch copy of the positions
/// and pools it touches, so that a failure part-way leaves the book as it
/// was. The same overlay applies stock events during replay.
pub(crate) struct Planner<'a> {
    pub(crate) book: &'a Book,
    pub(crate) at: DateTime<Utc>,
    pub(crate) events: Vec<Event>,
    pub(crate) positions: Vec<(PosKey, Position)>,
    pub(crate) pools: Vec<(PoolKey, Pool)>,
    new_lots: Vec<LotInfo>,
    allowances: Vec<(PosKey, Decimal)>,
    /// Applying a stored event: its costs are checked against the pool
    /// (planning computed them itself).
    replaying: bool,
    /// What the entries planned so far add to the ledger's totals.
    pub(crate) posted: crate::ledger::Sums,
}

/// The state a planner changed, ready to replace the book's.
struct Staged {
    positions: Vec<(PosKey, Position)>,
    pools: Vec<(PoolKey, Pool)>,
    new_lots: Vec<LotInfo>,
    allowances: Vec<(PosKey, Decimal)>,
}

impl Staged {
    /// Drops the staged changes, keeping the buffers.
    fn into_scratch(mut self, mut events: Vec<Event>) -> Scratch {
        self.positions.clear();
        self.pools.clear();
        events.clear();
        Scratch {
            events,
            positions: self.positions,
            pools: self.pools,
        }
    }
}

/// One lot of a position picked for an outgoing movement.
pub(crate) struct Pick {
    pub(crate) lot: LotId,
    pub(crate) quantity: i64,
}

/// A planner's buffers, kept by the book between commands so that planning
/// one does not allocate them again. Always empty between commands.
#[derive(Debug, Default)]
struct Scratch {
    events: Vec<Event>,
    positions: Vec<(PosKey, Position)>,
    pools: Vec<(PoolKey, Pool)>,
}

impl Clone for Scratch {
    /// Nothing to copy: the buffers hold no state between commands.
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl<'a> Planner<'a> {
    /// A planner on `book`, with the book's spare buffers (taken out first,
    /// since the planner only borrows the book).
    fn new(book: &'a mut Book, at: DateTime<Utc>) -> Self {
        let scratch = std::mem::take(&mut book.scratch);
        let book: &'a Book = book;
        Self {
            book,
            at,
            events: scratch.events,
            positions: scratch.positions,
            pools: scratch.pools,
            new_lots: Vec::new(),
            allowances: Vec::new(),
            replaying: false,
            posted: crate::ledger::Sums::default(),
        }
    }

    /// The buffers back, emptied, after a failed plan.
    fn into_scratch(self) -> Scratch {
        let (events, staged) = self.finish();
        staged.into_scratch(events)
    }

    /// The planned events and the state they produce.
    fn finish(self) -> (Vec<Event>, Staged) {
        let staged = Staged {
            positions: self.positions,
            pools: self.pools,
            new_lots: self.new_lots,
            allowances: self.allowances,
        };
        (self.events, staged)
    }

    pub(crate) fn next_event_seq(&self) -> u64 {
        self.next_seq()
    }

    pub(crate) fn next_seq(&self) -> u64 {
        self.book.state.log.len() as u64 + 1 + self.events.len() as u64
    }

    pub(crate) fn position(&self, key: PosKey) -> Option<&Position> {
        match self.positions.iter().find(|(k, _)| *k == key) {
            Some((_, p)) => Some(p),
            None => self.book.state.positions.get(&key),
        }
    }

    pub(crate) fn quantity(&self, key: PosKey, bucket: Bucket) -> i64 {
        self.position(key).map_or(0, |p| p.get(bucket))
    }

    pub(crate) fn position_mut(&mut self, key: PosKey) -> &mut Position {
        let index = match self.positions.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let copy = self
                    .book
                    .state
                    .positions
                    .get(&key)
                    .cloned()
                    .unwrap_or_default();
                self.positions.push((key, copy));
                self.positions.len() - 1
            }
        };
        &mut self.positions[index].1
    }

    pub(crate) fn pool(&self, key: PoolKey) -> Option<&Pool> {
        match self.pools.iter().find(|(k, _)| *k == key) {
            Some((_, p)) => Some(p),
            None => self.book.state.pools.get(&key),
        }
    }

    pub(crate) fn pool_mut(&mut self, key: PoolKey) -> &mut Pool {
        let index = match self.pools.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let copy = self.book.state.pools.get(&key).cloned().unwrap_or_default();
                self.pools.push((key, copy));
                self.pools.len() - 1
            }
        };
        &mut self.pools[index].1
    }

    /// A position's write-down allowance as planned so far.
    fn allowance(&self, key: PosKey) -> Decimal {
        match self.allowances.iter().find(|(k, _)| *k == key) {
            Some((_, a)) => *a,
            None => self
                .book
                .state
                .allowances
                .get(&key)
                .map_or(Decimal::ZERO, |a| a.0),
        }
    }

    /// Adds `delta` to a position's allowance, which never goes negative.
    fn change_allowance(&mut self, key: PosKey, delta: Decimal) -> Result<()> {
        let next = self
            .allowance(key)
            .checked_add(delta)
            .ok_or_else(|| LandedError::overflow("write-down allowance"))?;
        if next < Decimal::ZERO {
            return Err(LandedError::Internal {
                detail: format!("a position's write-down allowance would be {next}"),
            });
        }
        match self.allowances.iter_mut().find(|(k, _)| *k == key) {
            Some((_, a)) => *a = next,
            None => self.allowances.push((key, next)),
        }
        Ok(())
    }

    /// True when this book writes down damaged stock.
    fn writes_down(&self) -> bool {
        self.book.state.config.damage_write_down
    }

    /// An amount as functional money, `None` when zero.
    fn nonzero(&self, amount: Decimal) -> Option<Money> {
        (!amount.is_zero()).then(|| self.book.money(amount))
    }

    /// The share of a position's allowance that `quantity` damaged units
    /// take with them: pro rata by units, the last damaged units taking
    /// what is left, so no cent stays behind.
    fn allowance_share(&self, key: PosKey, quantity: i64) -> Result<Option<Money>> {
        let allowance = self.allowance(key);
        if allowance.is_zero() {
            return Ok(None);
        }
        let damaged = self.quantity(key, Bucket::Damaged);
        let share = if quantity >= damaged {
            allowance
        } else {
            let rounding = self.book.rounding();
            crate::valuation::pro_rata(
                allowance,
                quantity,
                damaged,
                rounding.places,
                rounding.strategy,
            )?
        };
        Ok(self.nonzero(share))
    }

    pub(crate) fn lot_lookup(
        &self,
        sku: SkuId,
        number: &str,
    ) -> Option<(LotId, Option<NaiveDate>)> {
        if let Ok(id) = self.book.lot_id(sku, number) {
            return self.book.lot_info(id).map(|l| (id, l.expiry));
        }
        let base = self.book.state.lots.len() as LotId;
        self.new_lots
            .iter()
            .position(|l| l.sku == sku && l.number == number)
            .map(|i| (base + i as LotId + 1, self.new_lots[i].expiry))
    }

    pub(crate) fn lot_number(&self, id: LotId) -> Option<String> {
        if id == NO_LOT {
            return None;
        }
        let known = self.book.state.lots.len() as LotId;
        if id <= known {
            self.book.lot_info(id).map(|l| l.number.clone())
        } else {
            self.new_lots
                .get((id - known - 1) as usize)
                .map(|l| l.number.clone())
        }
    }

    /// Lot id of a lot that must already exist (or [`NO_LOT`] for none).
    pub(crate) fn existing_lot(&self, sku: SkuId, number: Option<&str>) -> Result<LotId> {
        let Some(number) = number else {
            return Ok(NO_LOT);
        };
        self.lot_lookup(sku, number)
            .map(|(id, _)| id)
            .ok_or_else(|| LandedError::UnknownLot {
                sku: self.book.sku_code(sku).to_owned(),
                lot: number.to_owned(),
            })
    }

    /// Lot id for an incoming movement, registering a new lot if needed.
    pub(crate) fn lot_for_receipt(
        &mut self,
        sku: SkuId,
        number: &str,
        expiry: Option<NaiveDate>,
        seq: u64,
    ) -> Result<LotId> {
        match self.lot_lookup(sku, number) {
            Some((id, known)) => {
                if expiry.is_some() && expiry != known {
                    return Err(LandedError::LotRule {
                        sku: self.book.sku_code(sku).to_owned(),
                        reason: format!(
                            "lot {number} already has expiry {known:?}, not {expiry:?}"
                        ),
                    });
                }
                Ok(id)
            }
            None => {
                self.new_lots.push(LotInfo {
                    sku,
                    number: number.to_owned(),
                    expiry,
                    first_seq: seq,
                });
                Ok(self.book.state.lots.len() as LotId + self.new_lots.len() as LotId)
            }
        }
    }

    // ---- planning -------------------------------------------------------

    fn plan(&mut self, command: &Command) -> Result<()> {
        match command {
            Command::DefineSku(spec) => self.plan_define_sku(spec),
            Command::UpdateSku(update) => {
                let id = self.book.sku_id(&update.code)?;
                let mut spec = self.book.state.skus[id as usize].spec.clone();
                spec.apply(update);
                check_sku(&spec)?;
                self.events.push(Event::SkuUpdated(update.clone()));
                Ok(())
            }
            Command::DeactivateSku { sku } => {
                let id = self.book.sku_id(sku)?;
                let held: i64 = self
                    .book
                    .state
                    .positions
                    .range(
                        PosKey {
                            sku: id,
                            location: 0,
                            lot: 0,
                        }..=PosKey {
                            sku: id,
                            location: LocId::MAX,
                            lot: LotId::MAX,
                        },
                    )
                    .map(|(_, p)| p.total())
                    .sum();
                if held != 0 {
                    return Err(LandedError::SkuHasStock {
                        sku: sku.clone(),
                        quantity: held,
                    });
                }
                self.events.push(Event::SkuDeactivated { sku: sku.clone() });
                Ok(())
            }
            Command::DefineBundle(bundle) => {
                crate::limits::check_code("bundle code", &bundle.code)?;
                if self.book.index.bundles.contains_key(&bundle.code) {
                    return Err(duplicate("bundle", &bundle.code));
                }
                if bundle.components.is_empty() {
                    return Err(invalid(format!("bundle {} has no components", bundle.code)));
                }
                let mut seen = Vec::new();
                for c in &bundle.components {
                    self.book.sku_id(&c.sku)?;
                    check_quantity(c.quantity)?;
                    if seen.contains(&&c.sku) {
                        return Err(invalid(format!(
                            "bundle {} lists {} twice",
                            bundle.code, c.sku
                        )));
                    }
                    seen.push(&c.sku);
                }
                self.events.push(Event::BundleDefined(bundle.clone()));
                Ok(())
            }
            Command::DefineLocation(spec) => {
                crate::limits::check_code("location code", &spec.code)?;
                crate::limits::check_free_text("location name", &spec.name)?;
                if self.book.index.locations.contains_key(&spec.code) {
                    return Err(duplicate("location", &spec.code));
                }
                let scope = match self.book.state.config.valuation_scope {
                    ScopeMode::Company => "company".to_owned(),
                    ScopeMode::Warehouse => spec
                        .valuation_scope
                        .clone()
                        .unwrap_or_else(|| spec.code.clone()),
                };
                self.events.push(Event::LocationDefined {
                    location: spec.clone(),
                    scope,
                });
                Ok(())
            }
            Command::Receive(r) => self.plan_receive(r),
            Command::Issue(i) => self.plan_issue(i),
            Command::Move(m) => self.plan_move(m),
            Command::Adjust(a) => self.plan_adjust(a),
            Command::OpenStocktake {
                stocktake,
                location,
            } => self.plan_open_stocktake(stocktake, location),
            Command::RecordCount {
                stocktake,
                sku,
                lot,
                counted,
            } => {
                self.open_stocktake(stocktake)?;
                let sku_id = self.book.sku_id(sku)?;
                let tracked = self.book.state.skus[sku_id as usize].spec.lot_tracked;
                match (tracked, lot) {
                    (true, None) => {
                        return Err(lot_rule(sku, "is lot-tracked: a count names its lot"));
                    }
                    (false, Some(_)) => return Err(lot_rule(sku, "is not lot-tracked")),
                    (true, Some(number)) => {
                        self.book.lot_id(sku_id, number)?;
                    }
                    (false, None) => {}
                }
                if *counted < 0 || *counted > MAX_QUANTITY {
                    return Err(LandedError::InvalidQuantity {
                        quantity: *counted,
                        reason: "a count is between 0 and the maximum quantity".into(),
                    });
                }
                self.events.push(Event::CountRecorded {
                    stocktake: stocktake.clone(),
                    line: CountLine {
                        sku: sku.clone(),
                        lot: lot.clone(),
                        quantity: *counted,
                    },
                });
                Ok(())
            }
            Command::PostStocktake { stocktake } => self.plan_post_stocktake(stocktake),
            Command::CancelStocktake { stocktake } => {
                self.open_stocktake(stocktake)?;
                self.events.push(Event::StocktakeCancelled {
                    stocktake: stocktake.clone(),
                });
                Ok(())
            }
            Command::PostEntry(entry) => self.plan_manual_entry(entry),
            Command::ReverseEntry { entry, date } => self.plan_reversal(*entry, *date),
            Command::LockPeriod { through } => self.plan_lock(*through),
            Command::RecordInvoice(invoice) => self.plan_invoice(invoice),
            Command::RecordSettlement(settlement) => self.plan_settlement(settlement),
            Command::Revalue(revaluation) => self.plan_revaluation(revaluation),
            Command::RecordRates { entries } => self.plan_rates(entries),
            Command::DefineSupplier(spec) => self.plan_define_supplier(spec),
            Command::CreatePurchaseOrder(spec) => self.plan_create_po(spec),
            Command::ConfirmPurchaseOrder { po } => self.plan_confirm_po(po),
            Command::ShipPurchaseOrder { po, shipment } => self.plan_ship_po(po, shipment),
            Command::ReceivePurchaseOrder { po, receipt, lines } => {
                self.plan_receive_po(po, receipt, lines)
            }
            Command::ClosePurchaseOrder { po } => self.plan_close_po(po),
            Command::MatchSupplierInvoice(spec) => self.plan_match_invoice(spec),
            Command::CreateTransfer(spec) => self.plan_create_transfer(spec),
            Command::ApproveTransfer { transfer } => self.plan_approve_transfer(transfer),
            Command::ShipTransfer {
                transfer,
                lines,
                shipment,
            } => self.plan_ship_transfer(transfer, lines, shipment),
            Command::RecordMilestone {
                document,
                milestone,
                eta,
            } => self.plan_milestone(document, milestone, *eta),
            Command::ReceiveTransfer { transfer, lines } => {
                self.plan_receive_transfer(transfer, lines)
            }
            Command::CloseTransfer { transfer, short_to } => {
                self.plan_close_transfer(transfer, *short_to)
            }
            Command::CancelTransfer { transfer } => self.plan_cancel_transfer(transfer),
            Command::ApplyLandedCost(spec) => self.plan_landed_cost(spec),
        }
    }

    fn plan_define_sku(&mut self, spec: &SkuSpec) -> Result<()> {
        crate::limits::check_code("SKU code", &spec.code)?;
        crate::limits::check_free_text("SKU name", &spec.name)?;
        if let Some(category) = &spec.category {
            crate::limits::check_code("category", category)?;
        }
        if self.book.index.skus.contains_key(&spec.code) {
            return Err(duplicate("SKU", &spec.code));
        }
        check_sku(spec)?;
        self.events.push(Event::SkuDefined(spec.clone()));
        Ok(())
    }

    fn open_stocktake(&self, id: &str) -> Result<&'a Stocktake> {
        let book = self.book;
        let take = book
            .state
            .stocktakes
            .get(id)
            .ok_or_else(|| stocktake_error(id, "does not exist"))?;
        if take.status != StocktakeStatus::Open {
            return Err(stocktake_error(
                id,
                &format!("is {:?}, not open", take.status).to_lowercase(),
            ));
        }
        Ok(take)
    }

    /// Resolves the SKU and location of a stock movement and checks they
    /// may move: SKU active, location not frozen by a count.
    pub(crate) fn movement_target(&self, sku: &str, location: &str) -> Result<(SkuId, LocId)> {
        let sku_id = self.book.sku_id(sku)?;
        let loc_id = self.book.loc_id(location)?;
        if !self.book.sku_flags(sku_id).active {
            return Err(LandedError::SkuInactive {
                sku: sku.to_owned(),
            });
        }
        if let Some(stocktake) = &self.book.state.locations[loc_id as usize].frozen_by {
            return Err(LandedError::LocationFrozen {
                location: location.to_owned(),
                stocktake: stocktake.clone(),
            });
        }
        Ok((sku_id, loc_id))
    }

    pub(crate) fn check_unit_cost(&self, unit_cost: &Money) -> Result<()> {
        let functional = self.book.state.config.functional_currency;
        if unit_cost.currency != functional {
            return Err(LandedError::CurrencyMismatch {
                left: functional.to_string(),
                right: unit_cost.currency.to_string(),
            });
        }
        if (unit_cost.amount.is_sign_negative() && !unit_cost.amount.is_zero())
            || unit_cost.amount > Decimal::from(MAX_UNIT_COST)
        {
            return Err(LandedError::InvalidAmount {
                input: unit_cost.to_string(),
                reason: format!("a unit cost is between 0 and {MAX_UNIT_COST}"),
            });
        }
        Ok(())
    }

    /// Lot for an incoming movement: required for lot-tracked SKUs,
    /// refused for others; a new lot's expiry defaults from shelf life.
    pub(crate) fn incoming_lot(
        &self,
        sku: SkuId,
        lot: &Option<String>,
        expiry: Option<NaiveDate>,
    ) -> Result<(Option<String>, Option<NaiveDate>)> {
        if !self.book.sku_flags(sku).lot_tracked && lot.is_none() {
            return Ok((None, None));
        }
        let spec = &self.book.state.skus[sku as usize].spec;
        match (spec.lot_tracked, lot) {
            (true, None) => Err(lot_rule(&spec.code, "is lot-tracked: name the lot")),
            (false, Some(_)) => Err(lot_rule(&spec.code, "is not lot-tracked")),
            (false, None) => Ok((None, None)),
            (true, Some(number)) => {
                if number.trim().is_empty() {
                    return Err(lot_rule(&spec.code, "lot number is empty"));
                }
                crate::limits::check_code("lot", number)?;
                let known = self.lot_lookup(sku, number);
                let expiry = match (known, expiry) {
                    (Some((_, existing)), _) => expiry.or(existing),
                    (None, Some(e)) => Some(e),
                    (None, None) => match spec.shelf_life_days {
                        Some(days) => self
                            .at
                            .date_naive()
                            .checked_add_days(chrono::Days::new(u64::from(days))),
                        None => None,
                    },
                };
                Ok((Some(number.clone()), expiry))
            }
        }
    }

    fn plan_receive(&mut self, r: &Receive) -> Result<()> {
        let (sku, loc) = self.movement_target(&r.sku, &r.location)?;
        check_quantity(r.quantity)?;
        self.check_unit_cost(&r.unit_cost)?;
        if !matches!(
            r.bucket,
            Bucket::Available | Bucket::Receiving | Bucket::QualityControl | Bucket::Damaged
        ) {
            return Err(invalid(format!(
                "receipts go to available, receiving, quality_control or damaged, not {}",
                r.bucket
            )));
        }
        let (lot, expiry) = self.incoming_lot(sku, &r.lot, r.expiry)?;
        let rounding = self.book.rounding();
        let value = r
            .unit_cost
            .amount
            .checked_mul(Decimal::from(r.quantity))
            .map(|v| rounding.strategy.round(v, rounding.places))
            .ok_or_else(|| LandedError::overflow("receipt value"))?;
        self.push_in(StockInPlan {
            sku,
            loc,
            lot,
            expiry,
            bucket: r.bucket,
            quantity: r.quantity,
            unit_cost: r.unit_cost.amount,
            value,
            damage_reason: r.damage_reason.clone(),
            reference: r.reference.clone(),
            adjustment: false,
            trace: Default::default(),
        })
    }

    pub(crate) fn push_in(&mut self, p: StockInPlan) -> Result<()> {
        let (sku, loc, adjustment) = (p.sku, p.loc, p.adjustment);
        let seq = self.next_seq();
        let stock_in = self.plan_stock_in(p)?;
        let event = if adjustment {
            Event::AdjustedUp(stock_in)
        } else {
            Event::Received(stock_in)
        };
        self.apply_stock_at(&event, sku, loc, seq)?;
        self.events.push(event);
        self.post_last_movement(sku, loc)?;
        Ok(())
    }

    /// Costs units coming in at the next event's sequence number.
    pub(crate) fn plan_stock_in(&mut self, p: StockInPlan) -> Result<StockIn> {
        let scope = self.book.location_scope(p.loc);
        let seq = self.next_seq();
        let rounding = self.book.rounding();
        let pool_key = PoolKey { sku: p.sku, scope };
        let mut cost = match self.pool(pool_key) {
            Some(pool) => pool.plan_in(p.quantity, p.value, seq, rounding)?,
            None => Pool::default().plan_in(p.quantity, p.value, seq, rounding)?,
        };
        cost.trace = p.trace;
        // Damaged units are written down at the pool's average cost once
        // they are in it (read from a copy without FIFO layers).
        let write_down = if p.bucket == Bucket::Damaged && self.writes_down() {
            let mut after = self
                .pool(pool_key)
                .map(Pool::average_view)
                .unwrap_or_default();
            after.apply_in(ValuationMethod::MovingAverage, &cost, self.at, p.unit_cost)?;
            self.nonzero(after.average_value(p.quantity, rounding)?)
        } else {
            None
        };
        Ok(StockIn {
            sku: self.book.sku_code_arc(p.sku),
            location: self.book.loc_code_arc(p.loc),
            lot: p.lot,
            expiry: p.expiry,
            bucket: p.bucket,
            quantity: p.quantity,
            unit_cost: self.book.money(p.unit_cost),
            value: self.book.money(p.value),
            cost,
            damage_reason: if p.bucket == Bucket::Damaged {
                p.damage_reason
            } else {
                None
            },
            reference: p.reference,
            write_down,
        })
    }

    /// Picks the lots an outgoing movement takes from: the named lot, or
    /// FEFO over unexpired lots (earliest expiry, then first received).
    pub(crate) fn pick(
        &self,
        sku: SkuId,
        loc: LocId,
        lot: &Option<String>,
        bucket: Bucket,
        quantity: i64,
        allow_short: bool,
    ) -> Result<Vec<Pick>> {
        let code = || self.book.sku_code(sku);
        let short = |lot: Option<String>, available: i64| LandedError::InsufficientStock {
            sku: code().to_owned(),
            location: self.book.loc_code(loc).to_owned(),
            lot,
            bucket: bucket.name().to_owned(),
            requested: quantity,
            available,
        };
        match (self.book.sku_flags(sku).lot_tracked, lot) {
            (false, Some(_)) => Err(lot_rule(code(), "is not lot-tracked")),
            (false, None) => {
                let available = self.quantity(
                    PosKey {
                        sku,
                        location: loc,
                        lot: NO_LOT,
                    },
                    bucket,
                );
                if available < quantity && !allow_short {
                    return Err(short(None, available));
                }
                Ok(vec![Pick {
                    lot: NO_LOT,
                    quantity,
                }])
            }
            (true, Some(number)) => {
                let (id, _) =
                    self.lot_lookup(sku, number)
                        .ok_or_else(|| LandedError::UnknownLot {
                            sku: code().to_owned(),
                            lot: number.clone(),
                        })?;
                let available = self.quantity(
                    PosKey {
                        sku,
                        location: loc,
                        lot: id,
                    },
                    bucket,
                );
                if available < quantity {
                    return Err(short(Some(number.clone()), available));
                }
                Ok(vec![Pick { lot: id, quantity }])
            }
            (true, None) => {
                let today = self.at.date_naive();
                let range = PosKey {
                    sku,
                    location: loc,
                    lot: 1,
                }..=PosKey {
                    sku,
                    location: loc,
                    lot: LotId::MAX,
                };
                let mut candidates: Vec<(Option<NaiveDate>, u64, LotId, i64)> = Vec::new();
                let mut keys: Vec<PosKey> = self
                    .book
                    .state
                    .positions
                    .range(range.clone())
                    .map(|(k, _)| *k)
                    .collect();
                keys.extend(
                    self.positions
                        .iter()
                        .map(|(k, _)| *k)
                        .filter(|k| range.contains(k)),
                );
                keys.sort_unstable();
                keys.dedup();
                for key in keys {
                    let available = self.quantity(key, bucket);
                    let Some(info) = self.book.lot_info(key.lot) else {
                        continue;
                    };
                    if available <= 0 || info.expiry.is_some_and(|e| e < today) {
                        continue;
                    }
                    candidates.push((info.expiry, info.first_seq, key.lot, available));
                }
                // Lots without an expiry come after those with one.
                candidates.sort_by_key(|(expiry, seq, ..)| (expiry.is_none(), *expiry, *seq));
                let mut left = quantity;
                let mut picks = Vec::new();
                for (_, _, lot, available) in candidates {
                    if left == 0 {
                        break;
                    }
                    let take = left.min(available);
                    picks.push(Pick {
                        lot,
                        quantity: take,
                    });
                    left -= take;
                }
                if left > 0 {
                    return Err(short(None, quantity - left));
                }
                Ok(picks)
            }
        }
    }

    fn plan_issue(&mut self, i: &Issue) -> Result<()> {
        let (sku, loc) = self.movement_target(&i.sku, &i.location)?;
        check_quantity(i.quantity)?;
        if !i.bucket.is_valued() {
            return Err(invalid(format!("cannot issue from {}", i.bucket)));
        }
        let allow_short = self.book.state.config.negative_stock == NegativeStockPolicy::Allow
            && i.bucket == Bucket::Available;
        for pick in self.pick(sku, loc, &i.lot, i.bucket, i.quantity, allow_short)? {
            self.push_out(
                sku,
                loc,
                pick,
                i.bucket,
                Some(i.reason),
                None,
                i.reference.clone(),
                i.channel.clone(),
                false,
            )?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push_out(
        &mut self,
        sku: SkuId,
        loc: LocId,
        pick: Pick,
        bucket: Bucket,
        reason: Option<crate::command::IssueReason>,
        damage_reason: Option<String>,
        reference: Option<String>,
        channel: Option<String>,
        adjustment: bool,
    ) -> Result<()> {
        let scope = self.book.location_scope(loc);
        let seq = self.next_seq();
        let method = self.book.state.config.valuation_method;
        let rounding = self.book.rounding();
        let cost = match self.pool(PoolKey { sku, scope }) {
            Some(pool) => pool.plan_out(method, pick.quantity, rounding)?,
            None => Pool::default().plan_out(method, pick.quantity, rounding)?,
        };
        let allowance_released = if bucket == Bucket::Damaged && self.writes_down() {
            let key = PosKey {
                sku,
                location: loc,
                lot: pick.lot,
            };
            self.allowance_share(key, pick.quantity)?
        } else {
            None
        };
        let stock_out = StockOut {
            sku: self.book.sku_code_arc(sku),
            location: self.book.loc_code_arc(loc),
            lot: self.lot_number(pick.lot),
            bucket,
            quantity: pick.quantity,
            reason,
            value: self.book.money(cost.total_value()),
            cost,
            damage_reason: if bucket == Bucket::Damaged {
                damage_reason
            } else {
                None
            },
            reference,
            channel,
            allowance_released,
        };
        let event = if adjustment {
            Event::AdjustedDown(stock_out)
        } else {
            Event::Issued(stock_out)
        };
        self.apply_stock_at(&event, sku, loc, seq)?;
        self.events.push(event);
        self.post_last_movement(sku, loc)
    }

    pub(crate) fn plan_move(&mut self, m: &Move) -> Result<()> {
        let (sku, loc) = self.movement_target(&m.sku, &m.location)?;
        check_quantity(m.quantity)?;
        if m.from == m.to || !m.from.is_valued() || !m.to.is_valued() {
            return Err(invalid(format!(
                "a move goes between two different on-site buckets, not {} to {}",
                m.from, m.to
            )));
        }
        for pick in self.pick(sku, loc, &m.lot, m.from, m.quantity, false)? {
            let (mut write_down, mut allowance_released) = (None, None);
            if self.writes_down() {
                if m.to == Bucket::Damaged {
                    // Written down at the pool's average cost.
                    let scope = self.book.location_scope(loc);
                    let rounding = self.book.rounding();
                    let value = match self.pool(PoolKey { sku, scope }) {
                        Some(pool) => pool.average_value(pick.quantity, rounding)?,
                        None => Decimal::ZERO,
                    };
                    write_down = self.nonzero(value);
                } else if m.from == Bucket::Damaged {
                    let key = PosKey {
                        sku,
                        location: loc,
                        lot: pick.lot,
                    };
                    allowance_released = self.allowance_share(key, pick.quantity)?;
                }
            }
            let posts = write_down.is_some() || allowance_released.is_some();
            let event = Event::Moved {
                sku: self.book.sku_code_arc(sku),
                location: self.book.loc_code_arc(loc),
                lot: self.lot_number(pick.lot),
                from: m.from,
                to: m.to,
                quantity: pick.quantity,
                reason: m.reason.clone(),
                write_down,
                allowance_released,
            };
            let seq = self.next_seq();
            self.apply_stock_at(&event, sku, loc, seq)?;
            self.events.push(event);
            if posts {
                self.post_last_movement(sku, loc)?;
            }
        }
        Ok(())
    }

    fn plan_adjust(&mut self, a: &Adjust) -> Result<()> {
        let (sku, loc) = self.movement_target(&a.sku, &a.location)?;
        if a.quantity == 0 {
            return Err(LandedError::InvalidQuantity {
                quantity: 0,
                reason: "an adjustment changes something".into(),
            });
        }
        check_quantity(a.quantity.saturating_abs())?;
        if !a.bucket.is_valued() {
            return Err(invalid(format!("cannot adjust {}", a.bucket)));
        }
        if a.reason.trim().is_empty() {
            return Err(invalid("an adjustment needs a reason"));
        }
        crate::limits::check_free_text("reason", &a.reason)?;
        if a.quantity > 0 {
            let (lot, expiry) = self.incoming_lot(sku, &a.lot, a.expiry)?;
            let unit_cost = match &a.unit_cost {
                Some(cost) => {
                    self.check_unit_cost(cost)?;
                    cost.amount
                }
                None => self.current_unit_cost(sku, loc),
            };
            let rounding = self.book.rounding();
            let value = unit_cost
                .checked_mul(Decimal::from(a.quantity))
                .map(|v| rounding.strategy.round(v, rounding.places))
                .ok_or_else(|| LandedError::overflow("adjustment value"))?;
            self.push_in(StockInPlan {
                sku,
                loc,
                lot,
                expiry,
                bucket: a.bucket,
                quantity: a.quantity,
                unit_cost,
                value,
                damage_reason: None,
                reference: Some(a.reason.clone()),
                adjustment: true,
                trace: Default::default(),
            })
        } else {
            let tracked = self.book.state.skus[sku as usize].spec.lot_tracked;
            if tracked && a.lot.is_none() {
                return Err(lot_rule(
                    &a.sku,
                    "is lot-tracked: an adjustment names its lot",
                ));
            }
            let allow_short = self.book.state.config.negative_stock == NegativeStockPolicy::Allow
                && a.bucket == Bucket::Available;
            for pick in self.pick(sku, loc, &a.lot, a.bucket, -a.quantity, allow_short)? {
                self.push_out(
                    sku,
                    loc,
                    pick,
                    a.bucket,
                    None,
                    None,
                    Some(a.reason.clone()),
                    None,
                    true,
                )?;
            }
            Ok(())
        }
    }

    pub(crate) fn current_unit_cost(&self, sku: SkuId, loc: LocId) -> Decimal {
        let scope = self.book.location_scope(loc);
        self.pool(PoolKey { sku, scope })
            .map_or(Decimal::ZERO, Pool::unit_cost)
    }

    fn plan_open_stocktake(&mut self, id: &str, location: &str) -> Result<()> {
        crate::limits::check_code("stocktake id", id)?;
        if self.book.state.stocktakes.contains_key(id) {
            return Err(duplicate("stocktake", id));
        }
        let loc = self.book.loc_id(location)?;
        if let Some(open) = &self.book.state.locations[loc as usize].frozen_by {
            return Err(LandedError::LocationFrozen {
                location: location.to_owned(),
                stocktake: open.clone(),
            });
        }
        let mut expected = Vec::new();
        for (key, position) in self.book.state.positions.iter() {
            if key.location == loc && position.on_hand() != 0 {
                expected.push(CountLine {
                    sku: self.book.sku_code(key.sku).to_owned(),
                    lot: self.lot_number(key.lot),
                    quantity: position.on_hand(),
                });
            }
        }
        self.events.push(Event::StocktakeOpened {
            stocktake: id.to_owned(),
            location: location.to_owned(),
            expected,
        });
        Ok(())
    }

    fn plan_post_stocktake(&mut self, id: &str) -> Result<()> {
        let take = self.open_stocktake(id)?;
        let loc = take.location;
        let reason = format!("stocktake {id}");
        for ((sku, lot), counted) in &take.counted {
            let expected = take.expected.get(&(*sku, *lot)).copied().unwrap_or(0);
            let variance = counted - expected;
            let lot_number = self.lot_number(*lot);
            if variance > 0 {
                let unit_cost = self.current_unit_cost(*sku, loc);
                let rounding = self.book.rounding();
                let value = unit_cost
                    .checked_mul(Decimal::from(variance))
                    .map(|v| rounding.strategy.round(v, rounding.places))
                    .ok_or_else(|| LandedError::overflow("stocktake gain"))?;
                let expiry = lot_number
                    .as_ref()
                    .and_then(|_| self.book.lot_info(*lot))
                    .and_then(|l| l.expiry);
                self.push_in(StockInPlan {
                    sku: *sku,
                    loc,
                    lot: lot_number,
                    expiry,
                    bucket: Bucket::Available,
                    quantity: variance,
                    unit_cost,
                    value,
                    damage_reason: None,
                    reference: Some(reason.clone()),
                    adjustment: true,
                    trace: Default::default(),
                })?;
            } else if variance < 0 {
                let available = self.quantity(
                    PosKey {
                        sku: *sku,
                        location: loc,
                        lot: *lot,
                    },
                    Bucket::Available,
                );
                if available < -variance {
                    return Err(LandedError::InsufficientStock {
                        sku: self.book.sku_code(*sku).to_owned(),
                        location: self.book.loc_code(loc).to_owned(),
                        lot: lot_number,
                        bucket: Bucket::Available.name().to_owned(),
                        requested: -variance,
                        available,
                    });
                }
                let pick = Pick {
                    lot: *lot,
                    quantity: -variance,
                };
                self.push_out(
                    *sku,
                    loc,
                    pick,
                    Bucket::Available,
                    None,
                    None,
                    Some(reason.clone()),
                    None,
                    true,
                )?;
            }
        }
        self.events.push(Event::StocktakePosted {
            stocktake: id.to_owned(),
        });
        Ok(())
    }

    // ---- applying -------------------------------------------------------

    /// Applies a stock event read from the log to the overlay: resolves its
    /// SKU and location codes, then applies it like a planned one.
    /// Applies a stock event whose SKU and location ids are known. Shared by
    /// planning (live, where the ids were resolved once while validating)
    /// and by replay, so both compute the same state.
    pub(crate) fn apply_stock_at(
        &mut self,
        event: &Event,
        sku: SkuId,
        loc: LocId,
        seq: u64,
    ) -> Result<()> {
        let method = self.book.state.config.valuation_method;
        match (event, event.stock_in(), event.stock_out()) {
            (_, Some(s), _) => {
                let lot = match &s.lot {
                    Some(number) => self.lot_for_receipt(sku, number, s.expiry, seq)?,
                    None => NO_LOT,
                };
                let scope = self.book.location_scope(loc);
                let at = self.at;
                if self.replaying {
                    self.check_cost_in(PoolKey { sku, scope }, s, seq)?;
                }
                self.pool_mut(PoolKey { sku, scope }).apply_in(
                    method,
                    &s.cost,
                    at,
                    s.unit_cost.amount,
                )?;
                let position = self.position_mut(PosKey {
                    sku,
                    location: loc,
                    lot,
                });
                position.add(s.bucket, s.quantity)?;
                if s.bucket == Bucket::Damaged {
                    if let Some(reason) = s.damage_reason.as_deref() {
                        crate::limits::check_label("damage reason", reason)?;
                    }
                    position.add_damage_reason(s.damage_reason.as_deref(), s.quantity);
                }
                if let Event::TransferLineReceived { over: false, .. } = event {
                    position.add(Bucket::InTransit, -s.quantity)?;
                }
                if let Some(w) = &s.write_down {
                    let key = PosKey {
                        sku,
                        location: loc,
                        lot,
                    };
                    self.change_allowance(key, w.amount)?;
                }
            }
            (
                Event::PurchaseReceived {
                    from_on_order,
                    from_in_transit,
                    ..
                },
                ..,
            ) => {
                let position = self.position_mut(PosKey {
                    sku,
                    location: loc,
                    lot: NO_LOT,
                });
                position.add(Bucket::OnOrder, -from_on_order)?;
                position.add(Bucket::InTransit, -from_in_transit)?;
            }
            (Event::TransferLineShort { lot, quantity, .. }, ..) => {
                let lot = self.existing_lot(sku, lot.as_deref())?;
                self.position_mut(PosKey {
                    sku,
                    location: loc,
                    lot,
                })
                .add(Bucket::InTransit, -quantity)?;
            }
            (_, _, Some(s)) => {
                let lot = self.existing_lot(sku, s.lot.as_deref())?;
                let scope = self.book.location_scope(loc);
                if self.replaying {
                    self.check_cost_out(PoolKey { sku, scope }, s)?;
                }
                self.pool_mut(PoolKey { sku, scope }).apply_out(&s.cost)?;
                let position = self.position_mut(PosKey {
                    sku,
                    location: loc,
                    lot,
                });
                position.add(s.bucket, -s.quantity)?;
                if s.bucket == Bucket::Damaged {
                    if let Some(reason) = s.damage_reason.as_deref() {
                        crate::limits::check_label("damage reason", reason)?;
                    }
                    position.add_damage_reason(s.damage_reason.as_deref(), -s.quantity);
                }
                if let Event::TransferLineShipped {
                    destination,
                    pieces,
                    ..
                } = event
                {
                    let to = self.book.loc_id(destination)?;
                    for piece in pieces {
                        let lot = self.existing_lot(sku, piece.lot.as_deref())?;
                        self.position_mut(PosKey {
                            sku,
                            location: to,
                            lot,
                        })
                        .add(Bucket::InTransit, piece.quantity)?;
                    }
                }
                if let Some(r) = &s.allowance_released {
                    let key = PosKey {
                        sku,
                        location: loc,
                        lot,
                    };
                    self.change_allowance(key, -r.amount)?;
                }
            }
            (
                Event::Moved {
                    lot,
                    from,
                    to,
                    quantity,
                    reason,
                    write_down,
                    allowance_released,
                    ..
                },
                ..,
            ) => {
                let lot = self.existing_lot(sku, lot.as_deref())?;
                let key = PosKey {
                    sku,
                    location: loc,
                    lot,
                };
                if let Some(w) = write_down {
                    self.change_allowance(key, w.amount)?;
                }
                if let Some(r) = allowance_released {
                    self.change_allowance(key, -r.amount)?;
                }
                let position = self.position_mut(key);
                position.add(*from, -quantity)?;
                position.add(*to, *quantity)?;
                if *from == Bucket::Damaged {
                    if let Some(reason) = reason.as_deref() {
                        crate::limits::check_label("damage reason", reason)?;
                    }
                    position.add_damage_reason(reason.as_deref(), -quantity);
                }
                if *to == Bucket::Damaged {
                    if let Some(reason) = reason.as_deref() {
                        crate::limits::check_label("damage reason", reason)?;
                    }
                    position.add_damage_reason(reason.as_deref(), *quantity);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl Planner<'_> {
    /// A stored incoming movement's cost must be what the pool plans for
    /// its units and value (deficit settled, FIFO layer numbered by seq).
    fn check_cost_in(&self, key: PoolKey, s: &StockIn, seq: u64) -> Result<()> {
        let pool = self.pool(key);
        if pool.is_none_or(|p| p.deficit_quantity() == 0) {
            // No negative stock to settle (the usual case): the units and
            // value go in as they are, as a layer numbered by the event.
            if s.cost.quantity == s.quantity
                && s.cost.value == s.value.amount
                && s.cost.layer == Some(seq)
                && s.cost.true_up.is_none()
            {
                return Ok(());
            }
        }
        let rounding = self.book.rounding();
        let planned = match pool {
            Some(pool) => pool.plan_in(s.quantity, s.value.amount, seq, rounding)?,
            None => Pool::default().plan_in(s.quantity, s.value.amount, seq, rounding)?,
        };
        if planned.quantity != s.cost.quantity
            || planned.value != s.cost.value
            || planned.layer != s.cost.layer
            || planned.true_up != s.cost.true_up
        {
            return Err(invalid(format!(
                "its cost {:?} is not what the pool takes in ({:?})",
                s.cost, planned
            )));
        }
        Ok(())
    }

    /// A stored outgoing movement's cost must be what the pool gives out
    /// for its units, planned again on the replayed pool.
    fn check_cost_out(&self, key: PoolKey, s: &StockOut) -> Result<()> {
        let method = self.book.state.config.valuation_method;
        let rounding = self.book.rounding();
        let planned = match self.pool(key) {
            Some(pool) => pool.plan_out(method, s.quantity, rounding)?,
            None => Pool::default().plan_out(method, s.quantity, rounding)?,
        };
        if planned != s.cost {
            return Err(invalid(format!(
                "{} units leave the pool at {}, not {}",
                s.quantity,
                planned.total_value(),
                s.cost.total_value()
            )));
        }
        Ok(())
    }
}

pub(crate) struct StockInPlan {
    pub(crate) sku: SkuId,
    pub(crate) loc: LocId,
    pub(crate) lot: Option<String>,
    pub(crate) expiry: Option<NaiveDate>,
    pub(crate) bucket: Bucket,
    pub(crate) quantity: i64,
    pub(crate) unit_cost: Decimal,
    pub(crate) value: Decimal,
    pub(crate) damage_reason: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) adjustment: bool,
    pub(crate) trace: crate::valuation::Trace,
}

pub(crate) fn lot_rule(sku: &str, reason: &str) -> LandedError {
    LandedError::LotRule {
        sku: sku.to_owned(),
        reason: reason.to_owned(),
    }
}

fn check_sku(spec: &SkuSpec) -> Result<()> {
    let non_negative = |what: &str, v: Option<Decimal>| match v {
        Some(v) if v.is_sign_negative() && !v.is_zero() => {
            Err(invalid(format!("SKU {}: {what} is negative", spec.code)))
        }
        _ => Ok(()),
    };
    non_negative("weight", spec.weight_kg)?;
    if let Some(d) = &spec.dimensions_cm {
        for v in [d.length, d.width, d.height] {
            non_negative("a dimension", Some(v))?;
        }
        if d.volume_cm3().is_none() {
            return Err(LandedError::overflow("SKU volume"));
        }
    }
    Ok(())
}

/// Serializes a map with non-string keys as a list of `[key, value]` pairs,
/// in key order, so snapshots are deterministic JSON.
pub(crate) mod seq_map {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<K: Serialize, V: Serialize, S: Serializer>(
        map: &BTreeMap<K, V>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(map.iter())
    }

    pub fn deserialize<'de, K, V, D>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        let pairs: Vec<(K, V)> = Vec::deserialize(deserializer)?;
        Ok(pairs.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    fn at() -> DateTime<Utc> {
        "2026-11-02T09:00:00Z".parse().unwrap()
    }

    fn book() -> Book {
        let mut book = Book::new(BookConfig::new(Currency::from_code("USD").unwrap())).unwrap();
        let location = Command::from_json(
            r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
        )
        .unwrap();
        book.execute(location, &Context::new(at(), "loc")).unwrap();
        book
    }

    fn sku(code: &str) -> Command {
        Command::from_json(&format!(
            r#"{{"type":"define_sku","code":"{code}","name":"x","base_unit":"pcs"}}"#
        ))
        .unwrap()
    }

    fn quiet<T>(f: impl FnOnce() -> T) -> T {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let out = f();
        std::panic::set_hook(hook);
        out
    }

    #[test]
    fn a_fault_in_the_middle_of_a_commit_poisons_the_book() {
        let mut book = book();
        book.panic_after_commits = Some(0);
        let caught = quiet(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                book.execute(sku("A"), &Context::new(at(), "a"))
            }))
        });
        assert!(caught.is_err());
        book.panic_after_commits = None;
        assert!(book.is_poisoned());
        let err = book
            .execute(sku("B"), &Context::new(at(), "b"))
            .unwrap_err();
        assert_eq!(err.code(), "BOOK_POISONED");
        // Its own log still rebuilds a healthy book.
        let healthy = Book::replay(book.config().clone(), book.events().iter()).unwrap();
        assert!(!healthy.is_poisoned());
    }

    #[test]
    fn an_all_or_nothing_batch_is_rolled_back_when_an_item_panics() {
        let mut book = book();
        let before = serde_json::to_string(&book.snapshot()).unwrap();
        // The first item commits; the second panics half-way through its
        // commit. Before, the first stayed and the second was half written.
        book.panic_after_commits = Some(1);
        let results = quiet(|| {
            book.execute_batch(
                [
                    (sku("A"), Context::new(at(), "a")),
                    (sku("B"), Context::new(at(), "b")),
                    (sku("C"), Context::new(at(), "c")),
                ],
                BatchMode::AllOrNothing,
            )
        });
        book.panic_after_commits = None;
        assert_eq!(results.len(), 2);
        assert!(results[0].is_ok());
        assert_eq!(results[1].as_ref().unwrap_err().code(), "INTERNAL");
        assert!(
            !book.is_poisoned(),
            "the batch is undone, its fault included"
        );
        assert_eq!(serde_json::to_string(&book.snapshot()).unwrap(), before);
        assert!(book.execute(sku("A"), &Context::new(at(), "a")).is_ok());
    }

    #[test]
    fn each_atomic_batch_stops_at_a_fault_with_the_book_poisoned() {
        let mut book = book();
        book.panic_after_commits = Some(1);
        let results = quiet(|| {
            book.execute_batch(
                [
                    (sku("A"), Context::new(at(), "a")),
                    (sku("B"), Context::new(at(), "b")),
                    (sku("C"), Context::new(at(), "c")),
                ],
                BatchMode::EachAtomic,
            )
        });
        assert!(results[0].is_ok());
        assert_eq!(results[1].as_ref().unwrap_err().code(), "INTERNAL");
        assert_eq!(results[2].as_ref().unwrap_err().code(), "BOOK_POISONED");
        assert!(book.is_poisoned());
    }
}
