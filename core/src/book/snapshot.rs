//! Snapshots: a book's whole state in serializable form, taken with or
//! without its log, and restored only after the checks of `integrity.rs`.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // A snapshot restores the whole book without replaying its events.
//! let book = lamp_book()?;
//! let text = serde_json::to_string(&book.snapshot()).unwrap();
//! let restored = landed::Book::restore(landed::Snapshot::from_json(&text)?)?;
//! assert_eq!(restored.head_hash_hex(), book.head_hash_hex());
//! assert_eq!(restored.stock("LAMP")?.on_hand, 140);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::book::event::{EventHash, RecordedEvent, SCHEMA_VERSION};
use crate::book::plan::Scratch;
use crate::book::{Book, BookConfig, Indexes, LocationState};
use crate::catalog::{BundleSpec, Sku};
use crate::error::{LandedError, Result};
use crate::inventory::{Allowance, LotInfo, Pool, PoolKey, PosKey, Position, SkuMap, Stocktake};
use crate::ledger::Ledger;
use crate::trade::Trade;

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
    /// Channels, listings and sales orders.
    pub(crate) sales: crate::sales::Sales,
    pub(crate) log: Vec<Arc<RecordedEvent>>,
    /// Events recorded before the in-memory log's first one: every event,
    /// in a book that does not keep its log (see `BookConfig::keep_events`).
    pub(crate) events_before: u64,
    /// The commands whose events are not in the in-memory log, each with
    /// what a retry of its id is checked against.
    pub(crate) remembered: Vec<RememberedCommand>,
    /// The last event of a book whose log does not hold it: the next event
    /// chains to it (derived, not stored: a stored snapshot carries its
    /// hash as the head hash).
    pub(crate) head: Option<Arc<RecordedEvent>>,
    /// Damage write-down allowance per position (only non-zero ones, only
    /// in books with `damage_write_down`): kept beside the positions, not
    /// in them, so other books carry nothing for it.
    pub(crate) allowances: SkuMap<PosKey, Allowance>,
    /// What `archive_closed` removed, by hash.
    pub(crate) archive: crate::book::archive::Archive,
    /// The hash the log's first event chains to: zeros, or the head hash
    /// of a snapshot taken without its log.
    pub(crate) log_base: EventHash,
    /// What a snapshot read from storage claimed, for restore to check.
    pub(crate) claimed: crate::book::integrity::Claimed,
}

/// A command id a book remembers without its events: enough to answer a
/// retry (the version it made) and to refuse the id for another command
/// (the fingerprint).
///
/// The id is kept as two independent stable 64-bit hashes of its text, not
/// the text: a state-only book remembers every command it ever ran, and the
/// text (an allocation of its own) was most of what each cost. Two ids
/// taken for one need both hashes to collide, about one chance in 2^128 per
/// pair. Written as `"id_hash"`, 32 hexadecimal digits (the index hash,
/// then the check); a snapshot written with the id's text (`"id"`) is read
/// too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct RememberedCommand {
    /// `command_id_hash` and `command_id_check` of the command id.
    #[serde(serialize_with = "hex_u128::serialize")]
    pub id_hash: u128,
    /// Its fingerprint, as 16 hex digits.
    #[serde(with = "crate::book::event::hex_u64")]
    pub fingerprint: u64,
    /// The book version the command made.
    pub version: u64,
}

impl RememberedCommand {
    /// What the book remembers of the command `id`.
    pub(crate) fn new(id: &str, fingerprint: u64, version: u64) -> Self {
        Self {
            id_hash: remembered_id_hash(id),
            fingerprint,
            version,
        }
    }

    /// The hash the idempotency index files the command under.
    pub(crate) fn index_hash(&self) -> u64 {
        (self.id_hash >> 64) as u64
    }
}

/// The stable hash a command id is filed under in the idempotency index:
/// the first half of [`remembered_id_hash`].
pub(crate) fn command_id_hash(id: &str) -> u64 {
    (remembered_id_hash(id) >> 64) as u64
}

/// Both hashes of a remembered command id: the index hash, then a second
/// one that tells apart two ids with the same index hash. They are the
/// two halves of MurmurHash3's 128-bit hash (x64, seed 0), whose halves
/// are mixed from the whole input: the fingerprint's word hash gave ids
/// such as `seed-1019` and `seed-1092` the same value.
pub(crate) fn remembered_id_hash(id: &str) -> u128 {
    let (h1, h2) = crate::book::fingerprint::murmur3_x64_128(id.as_bytes());
    (u128::from(h1) << 64) | u128::from(h2)
}

/// A remembered command as a snapshot may hold it: by its hashes, or, as
/// written before, by the id's text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StoredRemembered {
    #[serde(default)]
    id: Option<String>,
    #[serde(default, with = "hex_u128::option")]
    id_hash: Option<u128>,
    #[serde(with = "crate::book::event::hex_u64")]
    fingerprint: u64,
    version: u64,
}

impl StoredRemembered {
    /// The command as the book keeps it, and the id's text when the
    /// snapshot gave it (its checksum was computed over that form).
    pub(crate) fn read(self) -> std::result::Result<(RememberedCommand, Option<String>), String> {
        let (id_hash, text) = match (self.id, self.id_hash) {
            (Some(id), None) => {
                crate::limits::check_command_id(&id).map_err(|e| e.to_string())?;
                (remembered_id_hash(&id), Some(id))
            }
            (None, Some(hash)) => (hash, None),
            _ => return Err("a remembered command has one of `id` and `id_hash`".into()),
        };
        let command = RememberedCommand {
            id_hash,
            fingerprint: self.fingerprint,
            version: self.version,
        };
        Ok((command, text))
    }
}

/// A remembered command in the form a snapshot read from storage gave it:
/// for checking that snapshot's checksum.
#[derive(Serialize)]
pub(crate) struct LegacyRemembered<'a> {
    pub id: &'a str,
    #[serde(with = "crate::book::event::hex_u64")]
    pub fingerprint: u64,
    pub version: u64,
}

/// 128-bit hashes as 32 lower-case hexadecimal digits.
mod hex_u128 {
    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{value:032x}"))
    }

    pub fn parse(text: &str) -> Result<u128, String> {
        let valid =
            text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        u128::from_str_radix(text, 16)
            .ok()
            .filter(|_| valid)
            .ok_or_else(|| format!("an id hash is 32 lower-case hexadecimal digits, not {text:?}"))
    }

    pub mod option {
        use serde::{Deserialize, Deserializer};

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<u128>, D::Error> {
            match Option::<String>::deserialize(deserializer)? {
                Some(text) => super::parse(&text)
                    .map(Some)
                    .map_err(serde::de::Error::custom),
                None => Ok(None),
            }
        }
    }
}

impl Book {
    /// A copy of the whole state, for serde. Serialized, it carries the
    /// log's head hash and a checksum (see [`Snapshot`]).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let json = serde_json::to_value(book.snapshot()).unwrap();
    /// assert_eq!(json["head_hash"], book.head_hash_hex().as_str());
    /// assert_eq!(json["version"], 17);
    /// # Ok(()) }
    /// ```
    pub fn snapshot(&self) -> Snapshot {
        self.state.clone()
    }

    /// A copy of the state without the event log: for read replicas, for
    /// continuing a book whose host keeps the events, and for measuring the
    /// state's size. It carries the head hash of the log it was taken from
    /// and remembers every command id with its fingerprint; a book restored
    /// from it answers every query on the state (positions, valuation,
    /// trial balance) and goes on numbering events after the last one, but
    /// has no history: no journal, and the reports that read history refuse
    /// with `HISTORY_NOT_KEPT`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let replica = landed::Book::restore(book.snapshot_without_log())?;
    /// assert_eq!(replica.inventory_value(), book.inventory_value());
    /// assert!(replica.events().is_empty() && replica.journal().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn snapshot_without_log(&self) -> Snapshot {
        let mut snapshot = self.state.clone();
        snapshot.forget_log();
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
    /// # use landed::book::command::{Command, Context};
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
    /// let events: Vec<landed::book::event::RecordedEvent> = serde_json::from_str(&stored).unwrap();
    /// assert_eq!(Book::replay(config, events)?.head_hash_hex(), kept);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn head_hash(&self) -> EventHash {
        self.state.head_hash()
    }

    /// [`Book::head_hash`] as 64 lowercase hex digits.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let head = book.head_hash_hex();
    /// assert_eq!(head.len(), 64);
    /// assert_eq!(book.events().last().unwrap().hash_hex().unwrap(), head);
    /// # Ok(()) }
    /// ```
    pub fn head_hash_hex(&self) -> String {
        crate::book::event::hex(&self.head_hash())
    }

    /// Rebuilds a book from a snapshot, after checking it: its checksum,
    /// its head hash against the log's last event, its version against the
    /// log's, and its structure (ids in range, codes unique, the chart as
    /// configured, ledger totals equal to their parts, pools equal to their
    /// positions and, with the log, to the inventory accounts, no negative
    /// quantities where none can be). A damaged snapshot is refused with
    /// `INVALID_SNAPSHOT`. Snapshots of schema version 1 carry no checksum
    /// and are checked for structure only.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let mut json = serde_json::to_value(book.snapshot()).unwrap();
    /// json["version"] = 16.into(); // tampered with: the checksum no longer matches
    /// let err = landed::Snapshot::from_json(&json.to_string()).and_then(landed::Book::restore).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_SNAPSHOT");
    /// # Ok(()) }
    /// ```
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
            unsealed: 0,
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
}
