//! What keeps a book honest when it comes back from storage: the stored
//! form of snapshots (with their head hash and checksum), the checks
//! [`Book::restore`] makes before it trusts a snapshot, and the checks
//! [`Book::replay`] makes on every event besides its hash (see
//! "Tamper-evident log" in `docs/architecture.md`).
//!
//! Every check here is cheap next to applying the event or reading the
//! snapshot: constant work per event (a re-planned issue, a rounded
//! receipt, a voucher's two lines) and one pass over the state at the end.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // A stored event that was edited breaks the hash chain: replay refuses it.
//! let book = lamp_book()?;
//! let mut events = serde_json::to_value(book.events()).unwrap();
//! events[3]["event"]["quantity"] = 1000.into(); // the first receipt
//! let err = landed::Book::replay_json(book.config().clone(), &events.to_string()).unwrap_err();
//! assert_eq!(err.code(), "INVALID_EVENT_LOG");
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::Code;
use crate::book::event::{Event, EventHash, GENESIS_HASH, Hex32, RecordedEvent, hex, hex_hash};
use crate::book::snapshot::RememberedCommand;
use crate::book::{Book, BookConfig, LocationState, Snapshot};
use crate::catalog::{BundleSpec, Sku};
use crate::error::{LandedError, Result};
use crate::inventory::{
    Allowance, Bucket, LotInfo, NegativeStockPolicy, Pool, PoolKey, PosKey, Position, SkuMap,
    Stocktake,
};
use crate::ledger::{AccountRole, JournalEntry, Ledger};
use crate::sales::Sales;
use crate::trade::Trade;

/// What a snapshot read from storage said about itself: its head hash and
/// checksum, checked by [`Book::restore`]. Not part of the state (a book's
/// own snapshot computes both when it is serialized), so any two compare
/// equal.
#[derive(Clone, Debug, Default)]
pub(crate) struct Claimed {
    /// True for a snapshot read from storage (one a book made in memory
    /// has nothing to claim: it is the book's state).
    pub(crate) read: bool,
    pub(crate) head_hash: Option<EventHash>,
    pub(crate) checksum: Option<EventHash>,
    /// The remembered command ids as text, when the snapshot gave them so
    /// (written before ids were kept as hashes): its checksum covers them.
    pub(crate) remembered_ids: Option<Vec<Option<String>>>,
}

impl PartialEq for Claimed {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Claimed {}

fn trade_is_empty(trade: &&Trade) -> bool {
    trade.is_empty()
}

fn sales_is_empty(sales: &&Sales) -> bool {
    sales.is_empty()
}

fn allowances_are_empty(allowances: &&SkuMap<PosKey, Allowance>) -> bool {
    allowances.is_empty()
}

/// A snapshot as written: the state's members in their order, then
/// `head_hash`, then `checksum` (left out for the bytes the checksum covers).
#[derive(Serialize)]
#[serde(rename = "Snapshot")]
struct SnapshotOut<'a> {
    schema_version: u32,
    config: &'a BookConfig,
    version: u64,
    skus: &'a [Box<Sku>],
    bundles: &'a [BundleSpec],
    locations: &'a [LocationState],
    scopes: &'a [String],
    lots: &'a [LotInfo],
    positions: &'a SkuMap<PosKey, Position>,
    pools: &'a SkuMap<PoolKey, Pool>,
    stocktakes: &'a BTreeMap<String, Stocktake>,
    ledger: &'a Ledger,
    #[serde(skip_serializing_if = "trade_is_empty")]
    trade: &'a Trade,
    #[serde(skip_serializing_if = "sales_is_empty")]
    sales: &'a Sales,
    log: &'a [Arc<RecordedEvent>],
    #[serde(skip_serializing_if = "is_zero")]
    events_before: u64,
    #[serde(skip_serializing_if = "RememberedOut::is_empty")]
    remembered: RememberedOut<'a>,
    #[serde(skip_serializing_if = "allowances_are_empty")]
    allowances: &'a SkuMap<PosKey, Allowance>,
    #[serde(skip_serializing_if = "archive_is_empty")]
    archive: &'a crate::book::archive::Archive,
    head_hash: Hex32<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    checksum: Option<Hex32<'a>>,
}

/// The remembered commands, written by their hashes, or with the ids' text
/// where a snapshot read from storage gave it (to check its checksum).
struct RememberedOut<'a> {
    commands: &'a [RememberedCommand],
    ids: Option<&'a [Option<String>]>,
}

impl RememberedOut<'_> {
    fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }
}

impl Serialize for RememberedOut<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.commands.len()))?;
        for (i, command) in self.commands.iter().enumerate() {
            match self
                .ids
                .and_then(|ids| ids.get(i))
                .and_then(Option::as_deref)
            {
                Some(id) => seq.serialize_element(&crate::book::snapshot::LegacyRemembered {
                    id,
                    fingerprint: command.fingerprint,
                    version: command.version,
                })?,
                None => seq.serialize_element(command)?,
            }
        }
        seq.end()
    }
}

fn archive_is_empty(archive: &&crate::book::archive::Archive) -> bool {
    archive.is_empty()
}

fn is_zero(value: &u64) -> bool {
    *value == 0
}

impl Snapshot {
    /// The hash of the log's last event (sealing the log if needed), or the
    /// hash the log starts from when it is empty.
    pub(crate) fn head_hash(&self) -> EventHash {
        match self.last_event() {
            Some(last) => last.hash().unwrap_or(GENESIS_HASH),
            None => self.log_base,
        }
    }

    /// The last event recorded: the log's, or the head a book without its
    /// log keeps.
    pub(crate) fn last_event(&self) -> Option<&Arc<RecordedEvent>> {
        self.log.last().or(self.head.as_ref())
    }

    /// The sequence number the next event takes.
    pub(crate) fn next_seq(&self) -> u64 {
        self.events_before + self.log.len() as u64 + 1
    }

    /// True when every event the book recorded is in its in-memory log.
    pub(crate) fn has_whole_log(&self) -> bool {
        self.events_before == 0
    }

    /// Drops the in-memory log, keeping what the next command needs: its
    /// commands' ids and fingerprints, the count of its events, and the
    /// hash the next event chains to.
    pub(crate) fn forget_log(&mut self) {
        self.log_base = self.head_hash();
        let mut previous: Option<&RecordedEvent> = None;
        for recorded in &self.log {
            let continues = previous.is_some_and(|p| {
                p.version == recorded.version && p.command_id == recorded.command_id
            });
            if !continues {
                self.remembered.push(RememberedCommand::new(
                    &recorded.command_id,
                    recorded.fingerprint,
                    recorded.version,
                ));
            }
            previous = Some(recorded);
        }
        self.events_before += self.log.len() as u64;
        self.log = Vec::new();
        self.head = None;
    }

    fn out<'a>(
        &'a self,
        head: &'a EventHash,
        checksum: Option<&'a EventHash>,
        remembered_ids: Option<&'a [Option<String>]>,
    ) -> SnapshotOut<'a> {
        SnapshotOut {
            schema_version: self.schema_version,
            config: &self.config,
            version: self.version,
            skus: &self.skus,
            bundles: &self.bundles,
            locations: &self.locations,
            scopes: &self.scopes,
            lots: &self.lots,
            positions: &self.positions,
            pools: &self.pools,
            stocktakes: &self.stocktakes,
            ledger: &self.ledger,
            trade: &self.trade,
            sales: &self.sales,
            log: &self.log,
            events_before: self.events_before,
            remembered: RememberedOut {
                commands: &self.remembered,
                ids: remembered_ids,
            },
            allowances: &self.allowances,
            archive: &self.archive,
            head_hash: Hex32(head),
            checksum: checksum.map(Hex32),
        }
    }

    /// SHA-256 of the snapshot's compact JSON without `checksum`, with
    /// `head` as its head hash (and the remembered ids as text, for a
    /// snapshot read in that form).
    fn checksum(
        &self,
        head: &EventHash,
        remembered_ids: Option<&[Option<String>]>,
    ) -> serde_json::Result<EventHash> {
        let mut hasher = Sha256::new();
        serde_json::to_writer(
            HashWriter(&mut hasher),
            &self.out(head, None, remembered_ids),
        )?;
        Ok(hasher.finalize().into())
    }
}

/// Feeds serialized bytes straight into a hasher (no copy of the text).
struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Serialize for Snapshot {
    /// The state, its head hash and its checksum. The snapshot is written
    /// twice (once into the checksum, once out), which is the price of a
    /// checksum that any language can recompute from the text.
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let head = self.head_hash();
        let checksum = self
            .checksum(&head, None)
            .map_err(serde::ser::Error::custom)?;
        self.out(&head, Some(&checksum), None).serialize(serializer)
    }
}

/// A snapshot as read. Positions, pools and allowances come as key-value
/// pairs and are checked before they are indexed: an id far out of range
/// would otherwise size the per-SKU vector by it.
#[derive(Deserialize)]
#[serde(rename = "Snapshot", deny_unknown_fields)]
struct SnapshotIn {
    schema_version: u32,
    config: BookConfig,
    version: u64,
    #[allow(clippy::vec_box)]
    skus: Vec<Box<Sku>>,
    bundles: Vec<BundleSpec>,
    locations: Vec<LocationState>,
    scopes: Vec<String>,
    lots: Vec<LotInfo>,
    positions: Vec<(PosKey, Position)>,
    pools: Vec<(PoolKey, Pool)>,
    stocktakes: BTreeMap<String, Stocktake>,
    ledger: Ledger,
    #[serde(default)]
    trade: Trade,
    #[serde(default)]
    sales: Sales,
    log: Vec<Arc<RecordedEvent>>,
    #[serde(default)]
    events_before: u64,
    #[serde(default)]
    remembered: Vec<crate::book::snapshot::StoredRemembered>,
    #[serde(default)]
    allowances: Vec<(PosKey, Allowance)>,
    #[serde(default)]
    archive: crate::book::archive::Archive,
    #[serde(default, with = "hex_hash")]
    head_hash: Option<EventHash>,
    #[serde(default, with = "hex_hash")]
    checksum: Option<EventHash>,
}

/// Builds a per-SKU map from pairs, refusing SKU ids out of range and
/// keys given twice.
fn sku_map<K: crate::inventory::SkuKey + std::fmt::Debug, V>(
    what: &str,
    pairs: Vec<(K, V)>,
    skus: usize,
) -> std::result::Result<SkuMap<K, V>, String> {
    let mut map = SkuMap::default();
    let count = pairs.len();
    for (key, value) in pairs {
        if key.sku() as usize >= skus {
            return Err(format!(
                "{what} {key:?} names SKU id {}, but there are {skus} SKUs",
                key.sku()
            ));
        }
        map.insert(key, value);
    }
    if map.iter().count() != count {
        return Err(format!("{what}: a key is given twice"));
    }
    Ok(map)
}

impl<'de> Deserialize<'de> for Snapshot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let s = SnapshotIn::deserialize(deserializer)?;
        let skus = s.skus.len();
        let map_err = serde::de::Error::custom;
        let mut remembered = Vec::with_capacity(s.remembered.len());
        let mut ids = Vec::new();
        for stored in s.remembered {
            let (command, text) = stored.read().map_err(map_err)?;
            remembered.push(command);
            ids.push(text);
        }
        let remembered_ids = ids.iter().any(Option::is_some).then_some(ids);
        Ok(Snapshot {
            schema_version: s.schema_version,
            config: s.config,
            version: s.version,
            positions: sku_map("position", s.positions, skus).map_err(map_err)?,
            pools: sku_map("pool", s.pools, skus).map_err(map_err)?,
            allowances: sku_map("allowance", s.allowances, skus).map_err(map_err)?,
            skus: s.skus,
            bundles: s.bundles,
            locations: s.locations,
            scopes: s.scopes,
            lots: s.lots,
            stocktakes: s.stocktakes,
            ledger: s.ledger,
            trade: s.trade,
            sales: s.sales,
            log: s.log,
            events_before: s.events_before,
            remembered,
            archive: s.archive,
            head: None,
            log_base: GENESIS_HASH,
            claimed: Claimed {
                read: true,
                head_hash: s.head_hash,
                checksum: s.checksum,
                remembered_ids,
            },
        })
    }
}

fn damaged(reason: String) -> LandedError {
    LandedError::InvalidSnapshot { reason }
}

impl Snapshot {
    /// Checks a snapshot read from storage before a book trusts it: its
    /// checksum and head hash, then its structure. Fills in what a
    /// snapshot of schema version 1 lacks (event hashes).
    pub(crate) fn verify(&mut self) -> Result<()> {
        let claimed = std::mem::take(&mut self.claimed);
        if claimed.read && (self.schema_version >= 2 || claimed.checksum.is_some()) {
            let (Some(head), Some(checksum)) = (claimed.head_hash, claimed.checksum) else {
                return Err(damaged("head_hash and checksum are missing".into()));
            };
            let actual = self
                .checksum(&head, claimed.remembered_ids.as_deref())
                .map_err(|e| damaged(format!("cannot be serialized: {e}")))?;
            if actual != checksum {
                return Err(damaged(format!(
                    "checksum {} does not match its content ({})",
                    hex(&checksum),
                    hex(&actual)
                )));
            }
        }
        self.seal_legacy_log()?;
        match (self.log.last(), claimed.head_hash) {
            (Some(last), Some(head)) => {
                let actual = last.hash().unwrap_or(GENESIS_HASH);
                if actual != head {
                    return Err(damaged(format!(
                        "head hash {} is not the hash of the log's last event ({})",
                        hex(&head),
                        hex(&actual)
                    )));
                }
            }
            (None, head) => {
                let head = head.unwrap_or(self.log_base);
                if self.version == 0 && head != GENESIS_HASH {
                    return Err(damaged("an empty book has a head hash".into()));
                }
                // A snapshot taken without its log: new events chain on.
                self.log_base = head;
            }
            (Some(_), None) => {}
        }
        self.check_structure().map_err(damaged)?;
        // Read back, it is in this release's format.
        self.schema_version = crate::book::event::SCHEMA_VERSION;
        Ok(())
    }

    /// Computes the hashes of log records written before events had one.
    fn seal_legacy_log(&mut self) -> Result<()> {
        let mut previous = GENESIS_HASH;
        let mut buffer = Vec::new();
        for event in &self.log {
            let hash = match event.hash() {
                Some(hash) => hash,
                None => {
                    let hash = event
                        .chained_hash(&previous, &mut buffer)
                        .ok_or_else(|| damaged(format!("event {} cannot be hashed", event.seq)))?;
                    event.chain.seal(hash);
                    hash
                }
            };
            previous = hash;
        }
        Ok(())
    }

    /// The structural checks of a restored snapshot (see `Book::restore`).
    fn check_structure(&self) -> std::result::Result<(), String> {
        self.check_log()?;
        self.check_catalog()?;
        self.check_stock()?;
        self.check_ledger()?;
        self.check_sales()?;
        self.check_listing_stock()?;
        self.sales.history.check()?;
        Ok(())
    }

    fn check_log(&self) -> std::result::Result<(), String> {
        let before = self.events_before;
        let mut version = self.remembered.last().map_or(0, |c| c.version);
        for c in &self.remembered {
            if c.version > self.version {
                return Err(format!(
                    "a remembered command has version {} after the book's {}",
                    c.version, self.version
                ));
            }
        }
        if self
            .remembered
            .windows(2)
            .any(|w| w[1].version <= w[0].version)
        {
            return Err("remembered commands are not in version order".into());
        }
        if (self.remembered.len() as u64) > before {
            return Err(format!(
                "{} remembered commands, but only {before} events before the log",
                self.remembered.len()
            ));
        }
        for (i, event) in self.log.iter().enumerate() {
            let seq = before.saturating_add(i as u64 + 1);
            if event.seq != seq {
                return Err(format!("log event {seq} has sequence {}", event.seq));
            }
            if event.version != version && event.version != version + 1 {
                return Err(format!(
                    "log event {} has version {} after version {version}",
                    event.seq, event.version
                ));
            }
            version = event.version;
            // Amounts in the functional currency say which currency the
            // book was kept in.
            let functional = self.config.functional_currency;
            let money = match &event.event {
                Event::InvoiceRecorded { carrying, .. } => Some(carrying),
                Event::LandedCostAccrued { functional, .. } => Some(functional),
                other => other
                    .stock_in()
                    .map(|s| &s.value)
                    .or(other.stock_out().map(|s| &s.value)),
            };
            if let Some(money) = money
                && money.currency != functional
            {
                return Err(format!(
                    "the functional currency is {functional}, but event {} is in {}",
                    event.seq, money.currency
                ));
            }
        }
        if !self.log.is_empty() && version != self.version {
            return Err(format!(
                "version {} is not the version of the log's last event ({version})",
                self.version
            ));
        }
        Ok(())
    }

    fn check_catalog(&self) -> std::result::Result<(), String> {
        unique("SKU", self.skus.iter().map(|s| s.spec.code.as_str()))?;
        unique(
            "location",
            self.locations.iter().map(|l| l.spec.code.as_str()),
        )?;
        unique("scope", self.scopes.iter().map(String::as_str))?;
        unique("bundle", self.bundles.iter().map(|b| b.code.as_str()))?;
        for location in &self.locations {
            if location.scope as usize >= self.scopes.len() {
                return Err(format!(
                    "location {} is in scope id {}, but there are {} scopes",
                    location.spec.code,
                    location.scope,
                    self.scopes.len()
                ));
            }
        }
        let mut lots = BTreeSet::new();
        for lot in &self.lots {
            if lot.sku as usize >= self.skus.len() {
                return Err(format!("lot {} names SKU id {}", lot.number, lot.sku));
            }
            if !lots.insert((lot.sku, lot.number.as_str())) {
                return Err(format!("lot {} is defined twice", lot.number));
            }
        }
        let codes: BTreeSet<&str> = self.skus.iter().map(|s| s.spec.code.as_str()).collect();
        for bundle in &self.bundles {
            if let Some(c) = bundle
                .components
                .iter()
                .find(|c| !codes.contains(c.sku.as_str()))
            {
                return Err(format!(
                    "bundle {} names unknown SKU {}",
                    bundle.code, c.sku
                ));
            }
        }
        for (id, take) in &self.stocktakes {
            if take.location as usize >= self.locations.len() {
                return Err(format!(
                    "stocktake {id} names location id {}",
                    take.location
                ));
            }
            for (sku, lot) in take.expected.keys().chain(take.counted.keys()) {
                if *sku as usize >= self.skus.len() || !self.lot_fits(*sku, *lot) {
                    return Err(format!("stocktake {id} names SKU id {sku} lot id {lot}"));
                }
            }
        }
        Ok(())
    }

    /// True when `lot` is no lot, or a lot of `sku`.
    fn lot_fits(&self, sku: u32, lot: u32) -> bool {
        lot == 0
            || lot
                .checked_sub(1)
                .and_then(|i| self.lots.get(i as usize))
                .is_some_and(|l| l.sku == sku)
    }

    fn check_position_key(&self, what: &str, key: &PosKey) -> std::result::Result<(), String> {
        if key.location as usize >= self.locations.len() || !self.lot_fits(key.sku, key.lot) {
            return Err(format!(
                "{what} of SKU id {} names location id {} and lot id {}, which do not exist",
                key.sku, key.location, key.lot
            ));
        }
        Ok(())
    }

    fn check_stock(&self) -> std::result::Result<(), String> {
        let negative_allowed = self.config.negative_stock == NegativeStockPolicy::Allow;
        // Valued units per pool key, from the positions.
        // Hashed, not ordered: replay runs this over every position.
        let mut valued: crate::fast_hash::FastMap<PoolKey, i64> = Default::default();
        valued.reserve(self.pools.iter().count());
        for (key, position) in self.positions.iter() {
            self.check_position_key("a position", key)?;
            for bucket in Bucket::ALL {
                let quantity = position.get(bucket);
                let may_be_negative =
                    bucket == Bucket::Available && negative_allowed && key.lot == 0;
                if quantity < 0 && !may_be_negative {
                    return Err(format!(
                        "position of SKU id {} at location id {} has {quantity} units {bucket}",
                        key.sku, key.location
                    ));
                }
            }
            let reasons: i64 = position.damaged_by_reason().values().sum();
            if reasons != position.get(Bucket::Damaged) && !position.damaged_by_reason().is_empty()
            {
                return Err(format!(
                    "position of SKU id {} at location id {}: damage reasons add up to {reasons}, not {}",
                    key.sku,
                    key.location,
                    position.get(Bucket::Damaged)
                ));
            }
            let scope = self.locations[key.location as usize].scope;
            let units = valued
                .entry(PoolKey {
                    sku: key.sku,
                    scope,
                })
                .or_default();
            *units = units
                .checked_add(position.valued())
                .ok_or("a position's units overflow")?;
        }
        for (key, pool) in self.pools.iter() {
            if key.scope as usize >= self.scopes.len() {
                return Err(format!(
                    "a pool of SKU id {} names scope id {}",
                    key.sku, key.scope
                ));
            }
            let bad = |what: &str| {
                format!(
                    "pool of SKU {} in scope {}: {what}",
                    self.skus[key.sku as usize].spec.code, self.scopes[key.scope as usize]
                )
            };
            if pool.quantity < 0
                || pool.value.is_sign_negative() && !pool.value.is_zero()
                || pool.deficit_quantity() < 0
                || (pool.quantity == 0 && !pool.value.is_zero())
            {
                return Err(bad("negative or valueless units"));
            }
            if !pool.layers().is_empty() {
                let units: i64 = pool.layers().iter().map(|l| l.quantity).sum();
                let value: Decimal = pool.layers().iter().map(|l| l.value).sum();
                if units != pool.quantity || value != pool.value {
                    return Err(bad("its FIFO layers do not add up to it"));
                }
            }
            let positions = valued.remove(key).unwrap_or(0);
            if pool.book_quantity() != positions {
                return Err(bad(&format!(
                    "{} units in the pool, {positions} in its positions",
                    pool.book_quantity()
                )));
            }
        }
        if let Some((key, units)) = valued
            .into_iter()
            .filter(|(_, units)| *units != 0)
            .min_by_key(|(key, _)| *key)
        {
            return Err(format!(
                "SKU id {} has {units} valued units in scope id {} but no pool",
                key.sku, key.scope
            ));
        }
        for (key, allowance) in self.allowances.iter() {
            self.check_position_key("an allowance", key)?;
            if allowance.0 <= Decimal::ZERO {
                return Err(format!(
                    "allowance of SKU id {} is {}",
                    key.sku, allowance.0
                ));
            }
        }
        Ok(())
    }

    fn check_ledger(&self) -> std::result::Result<(), String> {
        let ledger = &self.ledger;
        // The chart must be the one the configuration builds (which checks
        // that every rule's account exists and every role has a rule).
        let expected = Ledger::new(&self.config.ledger, self.config.damage_write_down)
            .map_err(|e| format!("the configured chart is broken: {e}"))?;
        if ledger.enabled != expected.enabled
            || ledger.accounts != expected.accounts
            || ledger.rules != expected.rules
            || ledger.rule_accounts != expected.rule_accounts
            || ledger.inventory_accounts != expected.inventory_accounts
            || ledger.allowance_accounts != expected.allowance_accounts
        {
            return Err("the ledger's chart or rules differ from the configuration".into());
        }
        let accounts = ledger.accounts.len();
        let (mut debit, mut credit) = (Exact::default(), Exact::default());
        // Daily totals of inventory and allowance accounts.
        let mut inventory = (Exact::default(), Exact::default());
        let mut allowance = (Exact::default(), Exact::default());
        let index_of = |codes: &[String]| -> Vec<usize> {
            codes
                .iter()
                .filter_map(|c| ledger.account_index(c).ok())
                .map(|i| i as usize)
                .collect()
        };
        let inventory_accounts = index_of(&ledger.inventory_accounts);
        let allowance_accounts = index_of(&ledger.allowance_accounts);
        let add = |sum: &mut (Exact, Exact), d: Decimal, c: Decimal| -> Option<()> {
            sum.0 = sum.0.plus(d)?;
            sum.1 = sum.1.plus(c)?;
            Some(())
        };
        let overflow = || "ledger totals overflow".to_owned();
        for ((account, date), t) in &ledger.daily {
            if *account as usize >= accounts {
                return Err(format!(
                    "daily totals name account index {account} on {date}"
                ));
            }
            if t.debit.is_sign_negative() && !t.debit.is_zero()
                || t.credit.is_sign_negative() && !t.credit.is_zero()
            {
                return Err(format!(
                    "daily totals of account index {account} are negative"
                ));
            }
            debit = debit.plus(t.debit).ok_or_else(overflow)?;
            credit = credit.plus(t.credit).ok_or_else(overflow)?;
            let i = *account as usize;
            if inventory_accounts.contains(&i) {
                add(&mut inventory, t.debit, t.credit).ok_or_else(overflow)?;
            } else if allowance_accounts.contains(&i) {
                add(&mut allowance, t.debit, t.credit).ok_or_else(overflow)?;
            }
        }
        if !debit.same(credit).ok_or_else(overflow)? {
            return Err(format!(
                "the ledger's debits ({debit}) and credits ({credit}) differ"
            ));
        }
        let by_location = |map: &BTreeMap<Code, crate::ledger::Totals>, kept: (Exact, Exact)| {
            let mut sum = (Exact::default(), Exact::default());
            for t in map.values() {
                add(&mut sum, t.debit, t.credit)?;
            }
            Some(sum.0.same(kept.0)? && sum.1.same(kept.1)?)
        };
        if by_location(&ledger.inventory_by_location, inventory) != Some(true) {
            return Err("inventory by location does not add up to the inventory accounts".into());
        }
        if by_location(&ledger.allowance_by_location, allowance) != Some(true) {
            return Err("allowance by location does not add up to the allowance accounts".into());
        }
        for account in ledger.foreign_balances.keys() {
            ledger
                .account_index(account)
                .map_err(|_| format!("foreign balance of unknown account {account}"))?;
        }
        for item in ledger.documents.values() {
            if item.carrying.currency != self.config.functional_currency {
                return Err(format!(
                    "document {} is carried in {}, not in the functional currency {}",
                    item.document, item.carrying.currency, self.config.functional_currency
                ));
            }
            // What is open lies between nothing and the whole document,
            // and nothing is carried once nothing is open.
            if item.open.currency != item.original.currency
                || item.open.amount < Decimal::ZERO
                || item.open.amount > item.original.amount
                || item.carrying.amount < Decimal::ZERO
                || (item.open.is_zero() && !item.carrying.is_zero())
            {
                return Err(format!(
                    "document {} has {} open of {}, carried at {}",
                    item.document, item.open, item.original, item.carrying
                ));
            }
        }
        for (document, accrual) in &self.trade.accruals {
            if accrual.open.currency != self.config.functional_currency
                || accrual.functional.currency != self.config.functional_currency
                || accrual.open.amount < Decimal::ZERO
                || accrual.open.amount > accrual.functional.amount
                || *document != accrual.accrual.document
            {
                return Err(format!(
                    "landed-cost accrual {document} has {} open of {}",
                    accrual.open, accrual.functional
                ));
            }
        }
        // With the log at hand: pools against the inventory accounts, per
        // valuation scope, as the reconciliation report compares them.
        if ledger.enabled && !self.log.is_empty() && self.has_whole_log() {
            let mut outside = Outside::default();
            let mut command: Vec<&RecordedEvent> = Vec::new();
            for event in &self.log {
                if command.last().is_some_and(|c| c.version != event.version) {
                    outside.add_command(ledger, &command);
                    command.clear();
                }
                command.push(event);
            }
            outside.add_command(ledger, &command);
            reconcile(
                ledger,
                &self.locations,
                &self.scopes,
                &self.pools,
                &outside.by_location,
            )?;
        }
        Ok(())
    }
}

/// Refuses a code given twice.
fn unique<'a>(kind: &str, codes: impl Iterator<Item = &'a str>) -> std::result::Result<(), String> {
    let mut seen = BTreeSet::new();
    for code in codes {
        if !seen.insert(code) {
            return Err(format!("{kind} code {code} is given twice"));
        }
    }
    Ok(())
}

/// Inventory-account lines posted "around the book" (manual entries and
/// reversals: commands made of journal entries only), per location. They
/// are the one legitimate difference between the pools and the inventory
/// accounts.
#[derive(Clone, Debug, Default)]
pub(crate) struct Outside {
    pub(crate) by_location: BTreeMap<Code, Decimal>,
}

impl Outside {
    /// Adds the inventory lines of a command if it posted entries only.
    fn add_command(&mut self, ledger: &Ledger, events: &[&RecordedEvent]) {
        if events.is_empty()
            || !events
                .iter()
                .all(|e| matches!(e.event, Event::JournalPosted(_)))
        {
            return;
        }
        for event in events {
            if let Event::JournalPosted(entry) = &event.event {
                self.add_entry(ledger, entry);
            }
        }
    }

    fn add_entry(&mut self, ledger: &Ledger, entry: &JournalEntry) {
        for line in &entry.lines {
            if ledger
                .inventory_accounts
                .iter()
                .any(|a| **a == *line.account)
            {
                let location = line
                    .dimensions
                    .location
                    .clone()
                    .unwrap_or_else(|| Code::from(""));
                let net = self.by_location.entry(location).or_default();
                *net = net.checked_add(line.net()).unwrap_or(*net);
            }
        }
    }
}

/// Per valuation scope, the pools' value must equal the inventory accounts'
/// lines of the scope's locations, less what was posted around the book.
fn reconcile(
    ledger: &Ledger,
    locations: &[LocationState],
    scopes: &[String],
    pools: &SkuMap<PoolKey, Pool>,
    outside: &BTreeMap<Code, Decimal>,
) -> std::result::Result<(), String> {
    let mut by_scope: BTreeMap<u32, (Exact, Exact)> = BTreeMap::new();
    let overflow = || "inventory values overflow".to_owned();
    for location in locations {
        let entry = by_scope.entry(location.scope).or_default();
        let code = location.spec.code.as_str();
        if let Some(t) = ledger.inventory_by_location.get(code) {
            entry.1 = entry.1.plus(t.debit).ok_or_else(overflow)?;
            entry.1 = entry.1.minus(t.credit).ok_or_else(overflow)?;
        }
        if let Some(net) = outside.get(code) {
            entry.1 = entry.1.minus(*net).ok_or_else(overflow)?;
        }
    }
    for (key, pool) in pools.iter() {
        let entry = by_scope.entry(key.scope).or_default();
        entry.0 = entry.0.plus(pool.value).ok_or_else(overflow)?;
        entry.0 = entry.0.minus(pool.deficit_value()).ok_or_else(overflow)?;
    }
    for (scope, (pools, accounts)) in by_scope {
        if !pools.same(accounts).ok_or_else(overflow)? {
            return Err(format!(
                "scope {}: the pools hold {pools}, the inventory accounts {accounts}",
                scopes.get(scope as usize).map_or("?", String::as_str)
            ));
        }
    }
    Ok(())
}

/// What replay checks across events (see [`Book::replay`]), kept between
/// events so that `replay_one` checks a streamed log the same way.
#[derive(Clone, Debug, Default)]
pub(crate) struct ReplayCheck {
    /// One serialization buffer for every hash replay computes.
    buffer: Vec<u8>,
    /// The voucher the next event must be: the seq of the valued movement
    /// and the net its inventory lines must carry.
    voucher: Option<(u64, Decimal)>,
    /// True while every event of the current command is a journal entry.
    entries_only: bool,
    /// The current command's inventory lines, by location (added to
    /// `outside` if the command turns out to be entries only).
    pending: Outside,
    /// Posted around the book so far.
    outside: Outside,
    /// Whether a voucher's inventory lines can be told from its other side
    /// (not when a custom chart maps another movement role to an inventory
    /// account); decided once.
    amounts_checkable: Option<bool>,
    /// In a whole-log replay of a book that keeps its log: each command's
    /// index hash and the place of its first event, noted while the event
    /// is at hand, for the index built at the end (a second walk over the
    /// log would read every event from memory again).
    pub(crate) command_starts: Vec<(u64, usize)>,
}

fn bad_event(seq: u64, reason: String) -> LandedError {
    LandedError::InvalidEventLog { seq, reason }
}

impl Book {
    /// Checks that `recorded` continues the log's hash chain: an event
    /// recorded right after the log's last one (still linked to it, not
    /// yet hashed) continues it by construction; any other is hashed from
    /// its content and the running head and must match its stored hash.
    ///
    /// Returns true when the event was recorded by a book right after the
    /// log's last event and never left memory (see `Chain::follows`): its
    /// content was planned and checked when it was recorded, so the content
    /// checks of `check_event` need not run again.
    ///
    /// `stored` is the text the event was read from, when the caller has
    /// it: if that text is the canonical bytes with the hash member after
    /// them (as a book writes an event), hashing it is enough, and the event
    /// need not be serialized again. The text hashing to the stored hash
    /// means it *is* the canonical form of the event that was hashed, and
    /// the event was read from it.
    pub(crate) fn check_chain(
        &mut self,
        recorded: &Arc<RecordedEvent>,
        stored: Option<&str>,
    ) -> Result<bool> {
        let previous = self.state.last_event();
        if crate::book::event::Chain::follows(recorded, previous, &self.state.log_base) {
            return Ok(true);
        }
        let head = match previous {
            Some(previous) => previous.hash().unwrap_or(GENESIS_HASH),
            None => self.state.log_base,
        };
        if let (Some(text), Some(claimed)) = (stored, recorded.hash())
            && crate::book::event::stored_text_hash(&head, text) == Some(claimed)
        {
            return Ok(false);
        }
        let bad = |reason: &str| bad_event(recorded.seq, reason.to_owned());
        let actual = recorded
            .chained_hash(&head, &mut self.replay_check.buffer)
            .ok_or_else(|| bad("the event cannot be serialized"))?;
        match recorded.hash() {
            // A record of schema version 1 has no hash: it gets one now.
            None => {
                recorded.chain.seal(actual);
                Ok(false)
            }
            Some(stored) if stored == actual => Ok(false),
            Some(stored) => Err(bad_event(
                recorded.seq,
                format!(
                    "hash {} does not match the chain ({}): the event or one before it was changed",
                    hex(&stored),
                    hex(&actual)
                ),
            )),
        }
    }

    /// Checks, before it is applied, that `recorded` agrees with the events
    /// before it and with itself. `continues` is true when it continues the
    /// command of the event before it.
    ///
    /// A `trusted` event (one [`Book::check_chain`] found recorded by a
    /// book and never stored) skips the arithmetic, which its planning
    /// already did, and only keeps the record the later checks need.
    pub(crate) fn check_event(
        &mut self,
        recorded: &RecordedEvent,
        continues: bool,
        trusted: bool,
    ) -> Result<()> {
        let seq = recorded.seq;
        let bad = |reason: String| bad_event(seq, reason);
        if !continues {
            if let Some((movement, _)) = self.replay_check.voucher.take() {
                return Err(bad(format!("the voucher of event {movement} is missing")));
            }
            self.end_command();
        }
        if let Some((movement, net)) = self.replay_check.voucher.take() {
            let Event::JournalPosted(entry) = &recorded.event else {
                return Err(bad(format!("the voucher of event {movement} is missing")));
            };
            if !trusted && self.voucher_amounts_checkable() {
                let posted = inventory_net(&self.state.ledger, entry)
                    .ok_or_else(|| bad("the voucher's amounts overflow".into()))?;
                if posted != net {
                    return Err(bad(format!(
                        "the voucher of event {movement} moves {posted} of inventory, the movement {net}"
                    )));
                }
            }
        }
        let ledger_on = self.state.ledger.enabled;
        let rounding = self.rounding();
        match &recorded.event {
            Event::JournalPosted(entry) => {
                if entry.id != seq {
                    return Err(bad(format!(
                        "journal entry {} is logged as event {seq}",
                        entry.id
                    )));
                }
                if !ledger_on {
                    return Err(bad("a journal entry in a book without a ledger".into()));
                }
                if trusted {
                    if self.replay_check.entries_only {
                        self.replay_check
                            .pending
                            .add_entry(&self.state.ledger, entry);
                    }
                    return Ok(());
                }
                let sides_ok = entry.lines.iter().all(|l| {
                    l.debit >= Decimal::ZERO
                        && l.credit >= Decimal::ZERO
                        && (l.debit.is_zero() != l.credit.is_zero())
                });
                let (debit, credit) = entry
                    .lines
                    .iter()
                    .try_fold((Decimal::ZERO, Decimal::ZERO), |(d, c), l| {
                        Some((d.checked_add(l.debit)?, c.checked_add(l.credit)?))
                    })
                    .ok_or_else(|| bad("the entry's amounts overflow".into()))?;
                if !sides_ok || debit != credit || entry.lines.is_empty() {
                    return Err(bad(format!(
                        "journal entry {} is not balanced ({debit} debit, {credit} credit)",
                        entry.id
                    )));
                }
                // Only a command of entries alone posts around the book,
                // and a stock command starts with its movement.
                if self.replay_check.entries_only {
                    self.replay_check
                        .pending
                        .add_entry(&self.state.ledger, entry);
                }
            }
            event if trusted => {
                self.replay_check.entries_only = false;
                // The same expectation the checks below record: the
                // movement's voucher follows it.
                if let Some(s) = event.stock_in()
                    && ledger_on
                    && !s.value.amount.is_zero()
                {
                    self.replay_check.voucher = Some((seq, s.value.amount));
                }
                if let Some(s) = event.stock_out()
                    && ledger_on
                    && !s.value.amount.is_zero()
                {
                    self.replay_check.voucher = Some((seq, -s.value.amount));
                }
            }
            event => {
                self.replay_check.entries_only = false;
                if let Some(s) = event.stock_in() {
                    let (units, value) = match &s.cost.true_up {
                        Some(t) => (
                            s.cost.quantity.checked_add(t.quantity),
                            s.cost.value.checked_add(t.receipt_value),
                        ),
                        None => (Some(s.cost.quantity), Some(s.cost.value)),
                    };
                    if units != Some(s.quantity) || s.quantity <= 0 {
                        return Err(bad(format!(
                            "{} units come in, but the pool receives {}",
                            s.quantity,
                            units.map_or_else(|| "too many".into(), |u| u.to_string())
                        )));
                    }
                    if value != Some(s.value.amount) {
                        return Err(bad(format!(
                            "the units are worth {}, but the pool receives {}",
                            s.value.amount,
                            value.map_or_else(|| "too much".into(), |v| v.to_string())
                        )));
                    }
                    if matches!(event, Event::Received(_) | Event::AdjustedUp(_)) {
                        let expected = s
                            .unit_cost
                            .amount
                            .checked_mul(Decimal::from(s.quantity))
                            .map(|v| rounding.strategy.round(v, rounding.places));
                        if expected != Some(s.value.amount) {
                            return Err(bad(format!(
                                "{} units at {} are not worth {}",
                                s.quantity, s.unit_cost.amount, s.value.amount
                            )));
                        }
                    }
                    if ledger_on && !s.value.amount.is_zero() {
                        self.replay_check.voucher = Some((seq, s.value.amount));
                    }
                }
                if let Some(s) = event.stock_out() {
                    let units = s.cost.quantity.checked_add(s.cost.deficit_quantity);
                    if units != Some(s.quantity) || s.quantity <= 0 {
                        return Err(bad(format!(
                            "{} units go out, but the pool gives {}",
                            s.quantity,
                            units.map_or_else(|| "too many".into(), |u| u.to_string())
                        )));
                    }
                    if s.cost.value.checked_add(s.cost.deficit_value) != Some(s.value.amount) {
                        return Err(bad(format!(
                            "the units are worth {}, but the pool gives {}",
                            s.value.amount,
                            s.cost
                                .value
                                .checked_add(s.cost.deficit_value)
                                .unwrap_or_default()
                        )));
                    }
                    if ledger_on && !s.value.amount.is_zero() {
                        self.replay_check.voucher = Some((seq, -s.value.amount));
                    }
                }
            }
        }
        Ok(())
    }

    /// Ends the command being replayed: its inventory lines were posted
    /// around the book if it is made of journal entries only.
    fn end_command(&mut self) {
        let check = &mut self.replay_check;
        let pending = std::mem::take(&mut check.pending.by_location);
        if check.entries_only {
            for (location, net) in pending {
                let total = check.outside.by_location.entry(location).or_default();
                *total = total.checked_add(net).unwrap_or(*total);
            }
        }
        check.entries_only = true;
    }

    fn voucher_amounts_checkable(&mut self) -> bool {
        if let Some(known) = self.replay_check.amounts_checkable {
            return known;
        }
        let ledger = &self.state.ledger;
        let checkable = !ledger.rules.iter().any(|r| {
            r.role != AccountRole::Inventory && ledger.inventory_accounts.contains(&r.account)
        });
        self.replay_check.amounts_checkable = Some(checkable);
        checkable
    }

    /// The checks that need the whole log: the last command's voucher, and
    /// per valuation scope the pools against the positions and the
    /// inventory accounts. [`Book::replay`] runs them at the end; a host
    /// that streams its log with [`Book::replay_one`] runs them with
    /// [`Book::verify`].
    pub(crate) fn check_replayed(&mut self) -> Result<()> {
        let last = self.state.next_seq() - 1;
        if let Some((movement, _)) = self.replay_check.voucher {
            return Err(bad_event(
                last,
                format!("the voucher of event {movement} is missing"),
            ));
        }
        let outside = {
            let mut outside = self.replay_check.outside.by_location.clone();
            if self.replay_check.entries_only {
                for (location, net) in &self.replay_check.pending.by_location {
                    let total = outside.entry(location.clone()).or_default();
                    *total = total.checked_add(*net).unwrap_or(*total);
                }
            }
            outside
        };
        self.state
            .check_stock()
            .map_err(|reason| bad_event(last, reason))?;
        if self.state.ledger.enabled {
            reconcile(
                &self.state.ledger,
                &self.state.locations,
                &self.state.scopes,
                &self.state.pools,
                &outside,
            )
            .map_err(|reason| bad_event(last, reason))?;
        }
        Ok(())
    }
}

/// An exact sum of decimals (an `i128` mantissa at the largest scale
/// seen). Decimal addition rounds once a sum needs more than 28 digits, so
/// two totals that differ by a cent near the top of the range could compare
/// equal, and two equal ones unequal; these do not. `None` once it leaves
/// the `i128` range (far beyond any book).
#[derive(Clone, Copy, Debug, Default)]
struct Exact {
    mantissa: i128,
    scale: u32,
}

impl Exact {
    fn rescaled(self, scale: u32) -> Option<i128> {
        let factor = 10i128.checked_pow(scale.checked_sub(self.scale)?)?;
        self.mantissa.checked_mul(factor)
    }

    fn plus(self, value: Decimal) -> Option<Exact> {
        let other = Exact {
            mantissa: value.mantissa(),
            scale: value.scale(),
        };
        let scale = self.scale.max(other.scale);
        Some(Exact {
            mantissa: self.rescaled(scale)?.checked_add(other.rescaled(scale)?)?,
            scale,
        })
    }

    fn minus(self, value: Decimal) -> Option<Exact> {
        self.plus(-value)
    }

    /// Equal, or as close as decimal arithmetic keeps them: a decimal has
    /// 28 significant digits, and a total beyond them (a pool worth 10^27)
    /// was rounded on the way, by up to half a unit of its last digit each
    /// time. Up to 28 digits (every ordinary book) the comparison is exact;
    /// beyond, differences under a thousand units of the 28th digit are
    /// taken as that rounding.
    fn same(self, other: Exact) -> Option<bool> {
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.rescaled(scale)?, other.rescaled(scale)?);
        if a == b {
            return Some(true);
        }
        let largest = a.unsigned_abs().max(b.unsigned_abs());
        let digits = largest.checked_ilog10().map_or(1, |d| d + 1);
        if digits <= 28 {
            return Some(false);
        }
        let tolerance = 10u128.checked_pow(digits - 28)?.checked_mul(1000)?;
        Some(a.abs_diff(b) <= tolerance)
    }
}

impl std::fmt::Display for Exact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ten = 10i128.pow(self.scale.min(38));
        let (whole, part) = (self.mantissa / ten, (self.mantissa % ten).abs());
        let sign = if self.mantissa < 0 && whole == 0 {
            "-"
        } else {
            ""
        };
        if self.scale == 0 {
            write!(f, "{sign}{whole}")
        } else {
            write!(
                f,
                "{sign}{whole}.{part:0width$}",
                width = self.scale as usize
            )
        }
    }
}

/// Net of an entry's lines on inventory accounts (`None` on overflow).
fn inventory_net(ledger: &Ledger, entry: &JournalEntry) -> Option<Decimal> {
    let mut net = Decimal::ZERO;
    for line in &entry.lines {
        if ledger
            .inventory_accounts
            .iter()
            .any(|a| **a == *line.account)
        {
            net = net.checked_add(line.debit)?.checked_sub(line.credit)?;
        }
    }
    Some(net)
}
