//! Events: what commands did, and the storage format of a book.
//!
//! A host appends [`RecordedEvent`]s to its own store and rebuilds the book
//! with [`crate::book::Book::replay`]. Events carry their results (values,
//! FIFO layers taken, lot expiries), not just their inputs, so replaying
//! never re-decides anything: a later release reads old events and lands on
//! the same numbers.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::book::event::{Event, SCHEMA_VERSION};
//! let book = lamp_book()?;
//! let first = &book.events()[0];
//! assert_eq!((first.seq, first.version, first.schema_version), (1, 1, SCHEMA_VERSION));
//! assert!(matches!(first.event, Event::LocationDefined { .. }));
//! // Events are stored as JSON; decimals are strings.
//! let json = serde_json::to_value(&*book.events()[3]).unwrap();
//! assert_eq!(json["event"]["value"], serde_json::json!({"amount": "1775.00", "currency": "CNY"}));
//! # Ok(()) }
//! ```

use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::Code;
use crate::book::command::IssueReason;
use crate::catalog::{BundleSpec, LocationSpec, SkuSpec, SkuUpdate};
use crate::inventory::{Bucket, CostIn, CostOut};
use crate::ledger::{InvoiceSpec, JournalEntry, PaymentPart, PaymentSpec, SettlementSpec};
use crate::money::Money;
use crate::sales::{
    ChannelFeeSpec, ChannelSpec, ComponentMove, LineAtLocation, ListingSpec, ListingStockPolicy,
    MarketplaceSettlementSpec, RefundLine, ReturnGrade, SalesLineQuantity, SalesOrder, ShippedLine,
    StockPush, UnmatchedRow,
};
use crate::trade::{
    AccrualSpec, ClosedLine, LinePicks, MatchedLine, MilestoneRecord, PieceTake, PurchaseOrder,
    PurchaseStatus, RateInput, ReceiptLine, Shipment, ShortTo, SupplierSpec, Transfer,
    TransferStatus, TransitPiece, Voucher, VoucherLine,
};

/// Version of the event and snapshot format written by this release.
///
/// 2: every event carries `actor` (when known) and `hash`, snapshots carry
/// `head_hash` and `checksum`. Records of version 1 have no hash; a book
/// computes it when it replays them (see [`RecordedEvent::hash`]).
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::book::event::SCHEMA_VERSION;
/// let book = lamp_book()?;
/// assert!(book.events().iter().all(|e| e.schema_version == SCHEMA_VERSION));
/// # Ok(()) }
/// ```
pub const SCHEMA_VERSION: u32 = 2;

/// One event as stored: its place in the log and the command that caused it.
///
/// Each event is chained to the one before it by `hash` (see
/// [`RecordedEvent::hash`] and "Tamper-evident log" in
/// `docs/architecture.md`). Equality compares the content only: the hash is
/// derived from the content and the chain.
// In C order, so that the chain's numbers sit in the cache line replay
// reads for `seq` and `version` anyway: a log replayed from memory checks
// each event's place without reading one more line per event.
#[derive(Debug, PartialEq, Eq)]
#[repr(C)]
pub struct RecordedEvent {
    /// Position in the book's log, from 1, without gaps.
    pub seq: u64,
    /// Book version after the command (one version per command).
    pub version: u64,
    /// The event's hash, or what it is computed from until it is sealed.
    pub(crate) chain: Chain,
    /// Format version of this record.
    pub schema_version: u32,
    /// Fingerprint of the command, to recognise a retried command
    /// (serialized as 16 hex digits: JSON numbers lose bits above 2^53).
    pub fingerprint: u64,
    /// The command's idempotency key.
    pub command_id: Code,
    /// Effective time of the command.
    pub at: DateTime<Utc>,
    /// Who issued the command, from its context (omitted when not given).
    pub actor: Option<Code>,
    /// What happened.
    pub event: Event,
}

/// SHA-256 of the previous event's hash (32 zero bytes before the first
/// event) followed by an event's canonical bytes.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::book::event::EventHash;
/// let book = lamp_book()?;
/// let head: EventHash = book.head_hash();
/// assert_eq!(landed::book::event::hex(&head), book.head_hash_hex());
/// # Ok(()) }
/// ```
pub type EventHash = [u8; 32];

/// The hash before the first event of a log.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::book::event::GENESIS_HASH;
/// let empty = landed::Book::new(landed::BookConfig::from_json(r#"{"functional_currency":"CNY"}"#)?)?;
/// assert_eq!(empty.head_hash(), GENESIS_HASH);
/// # Ok(()) }
/// ```
pub const GENESIS_HASH: EventHash = [0; 32];

/// An event's place in the hash chain.
///
/// Hashing an event means serializing it (~400 ns) and SHA-256 over the
/// bytes (~200 ns), as much as executing the command itself; so a book does
/// not hash at commit. It links each new event to its predecessor and
/// *seals* the chain when a hash is first asked for, which every
/// serialization does: the cost is paid once, when a host stores the event
/// (and must serialize it anyway). Sealing sets `hash` and drops the link,
/// so a sealed log holds no links; an event read from storage arrives
/// sealed with its stored hash.
#[repr(C)]
pub(crate) struct Chain {
    /// The number of the commit that recorded the event (0 for an event
    /// read from storage or copied), and of the one that recorded its
    /// predecessor (0 when it chains to a hash). Commit numbers are unique
    /// in the process, so with `seq` they name the event and its
    /// predecessor whatever books were cloned or rolled back. Replay
    /// recognises an event recorded right after the log's last one by them,
    /// sealed or not, without hashing it or taking the lock.
    commit: u64,
    previous_commit: u64,
    hash: OnceLock<EventHash>,
    /// Until sealed: the predecessor (or its hash). `None` once sealed, and
    /// for a schema-1 record read from storage, which has no hash until a
    /// book replays it.
    link: Mutex<Option<Link>>,
}

/// What an unsealed event's hash is chained to.
#[derive(Clone)]
pub(crate) enum Link {
    /// The predecessor's hash is known (the genesis hash, or the head of a
    /// log restored without its events). Boxed: rare, and inline it would
    /// make every event's link larger.
    Hash(Box<EventHash>),
    /// The predecessor itself, sealed or not.
    Event(Arc<RecordedEvent>),
}

impl Chain {
    /// A chain position still to be hashed, after `link`.
    /// A chain position recorded by `commit`, still to be hashed, after
    /// `link`.
    pub(crate) fn linked(commit: u64, link: Link) -> Self {
        let previous_commit = match &link {
            Link::Event(event) => event.chain.commit,
            Link::Hash(_) => 0,
        };
        Self {
            commit,
            previous_commit,
            hash: OnceLock::new(),
            link: Mutex::new(Some(link)),
        }
    }

    /// A sealed position with a known hash.
    pub(crate) fn sealed(hash: EventHash) -> Self {
        Self {
            commit: 0,
            previous_commit: 0,
            hash: OnceLock::from(hash),
            link: Mutex::new(None),
        }
    }

    /// No hash and no link (a schema-1 record read from storage).
    fn unknown() -> Self {
        Self {
            commit: 0,
            previous_commit: 0,
            hash: OnceLock::new(),
            link: Mutex::new(None),
        }
    }

    fn link(&self) -> Option<Link> {
        // A panic never happens while the lock is held (it only guards a
        // take or a clone), so a poisoned lock still holds a valid link.
        match self.link.lock() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn unlink(&self) {
        match self.link.lock() {
            Ok(mut guard) => *guard = None,
            Err(poisoned) => *poisoned.into_inner() = None,
        }
    }

    /// Seals this position with `hash` (the same value whoever wins a race:
    /// the hash is a function of content and chain) and drops the link.
    pub(crate) fn seal(&self, hash: EventHash) {
        let _ = self.hash.set(hash);
        self.unlink();
    }

    /// The hash, if sealed.
    pub(crate) fn sealed_hash(&self) -> Option<EventHash> {
        self.hash.get().copied()
    }

    /// True when `event` was recorded by a book right after `previous`
    /// (or, first in its log, chained to `base`): its hash is then the hash
    /// of its content after `previous`'s by construction, and an event in
    /// an `Arc` is never changed.
    pub(crate) fn follows(
        event: &RecordedEvent,
        previous: Option<&Arc<RecordedEvent>>,
        base: &EventHash,
    ) -> bool {
        let chain = &event.chain;
        if chain.commit == 0 {
            return false;
        }
        match previous {
            Some(previous) => {
                chain.previous_commit != 0
                    && chain.previous_commit == previous.chain.commit
                    && previous.seq.checked_add(1) == Some(event.seq)
            }
            None => {
                chain.hash.get().is_none()
                    && matches!(chain.link(), Some(Link::Hash(hash)) if *hash == *base)
            }
        }
    }
}

/// Numbers commits for [`Chain`]: 0 is never given out.
static NEXT_COMMIT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A number for a new commit (see [`Chain`]).
pub(crate) fn new_commit_number() -> u64 {
    NEXT_COMMIT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Drop for Chain {
    /// Unlinks iteratively: a million unsealed events each holding the one
    /// before would otherwise be dropped by a million nested calls.
    fn drop(&mut self) {
        let mut next = match self.link.get_mut() {
            Ok(link) => link.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        while let Some(Link::Event(previous)) = next {
            // The last owner of the predecessor takes its link before it
            // drops; a predecessor still owned elsewhere stops the walk.
            next = match Arc::into_inner(previous) {
                Some(mut event) => match event.chain.link.get_mut() {
                    Ok(link) => link.take(),
                    Err(poisoned) => poisoned.into_inner().take(),
                },
                None => None,
            };
        }
    }
}

impl std::fmt::Debug for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.hash.get() {
            Some(hash) => write!(f, "Chain({})", hex(hash)),
            None => f.write_str("Chain(unsealed)"),
        }
    }
}

impl PartialEq for Chain {
    /// Derived data, like an index: any two are equal.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Chain {}

impl Clone for RecordedEvent {
    /// A copy carries the original's hash, sealed, and no link: a copy is
    /// what a host stores, and an edited copy no longer matches its hash.
    fn clone(&self) -> Self {
        let chain = match self.hash() {
            Some(hash) => Chain::sealed(hash),
            None => Chain::unknown(),
        };
        Self {
            schema_version: self.schema_version,
            seq: self.seq,
            version: self.version,
            command_id: self.command_id.clone(),
            fingerprint: self.fingerprint,
            at: self.at,
            actor: self.actor.clone(),
            event: self.event.clone(),
            chain,
        }
    }
}

impl RecordedEvent {
    /// The event's hash: SHA-256 of the previous event's hash (32 zero
    /// bytes before the first) followed by the event's canonical bytes
    /// ([`RecordedEvent::canonical_bytes`]).
    ///
    /// An event a book recorded is sealed on the first call (and by any
    /// serialization): the unsealed events before it are hashed oldest
    /// first, each once. `None` only for a schema-1 record read from
    /// storage that no book has replayed yet (version 1 had no hash).
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use landed::book::{Book, BookConfig};
    /// # use landed::catalog::{LocationKind, LocationSpec};
    /// # use landed::book::command::{Command, Context};
    /// # use landed::Currency;
    /// let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
    /// let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    /// let spec = LocationSpec { code: "SZ".into(), name: "Shenzhen".into(),
    ///     kind: LocationKind::Own, country: None, valuation_scope: None };
    /// let out = book.execute(Command::DefineLocation(spec), &Context::new(at, "1"))?;
    /// let hash = out.events[0].hash().unwrap();
    /// assert_eq!(book.head_hash(), hash);
    /// // The stored form carries it as 64 hex digits, last.
    /// let json = serde_json::to_string(&out.events[0]).unwrap();
    /// assert!(json.ends_with(&format!(",\"hash\":\"{}\"}}", landed::book::event::hex(&hash))));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn hash(&self) -> Option<EventHash> {
        if let Some(hash) = self.chain.sealed_hash() {
            return Some(hash);
        }
        // Walk back (iteratively: a chain can be millions long) to the
        // newest sealed ancestor, keeping the unsealed ones on the way.
        let mut pending: Vec<Arc<RecordedEvent>> = Vec::new();
        let mut link = self.chain.link();
        let mut previous = loop {
            match link {
                Some(Link::Hash(hash)) => break *hash,
                Some(Link::Event(event)) => {
                    if let Some(hash) = event.chain.sealed_hash() {
                        break hash;
                    }
                    link = event.chain.link();
                    pending.push(event);
                }
                None => {
                    // The newest event looked at has no link: another
                    // thread sealed it meanwhile, or it is a record
                    // without a hash.
                    let newest = pending.pop();
                    let chain = newest.as_ref().map_or(&self.chain, |e| &e.chain);
                    match chain.sealed_hash() {
                        Some(hash) if newest.is_none() => return Some(hash),
                        Some(hash) => break hash,
                        None => return None,
                    }
                }
            }
        };
        // Then hash forward, oldest first, with one buffer.
        let mut buffer = Vec::with_capacity(512);
        for event in pending.iter().rev() {
            previous = match event.chain.sealed_hash() {
                Some(hash) => hash,
                None => {
                    let hash = event.chained_hash(&previous, &mut buffer)?;
                    event.chain.seal(hash);
                    hash
                }
            };
        }
        let hash = self.chained_hash(&previous, &mut buffer)?;
        self.chain.seal(hash);
        self.chain.sealed_hash()
    }

    /// Appends the stored form of this record to `out`: the same bytes
    /// `serde_json::to_writer` writes (its canonical bytes, then its hash
    /// last), serialized once. Serializing through serde instead writes the
    /// record twice when it is not sealed yet (once to hash it, once to
    /// store it); a host writing every event it is given saves that.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let event = &book.events()[0];
    /// let mut line = Vec::new();
    /// event.write_json(&mut line).unwrap();
    /// assert_eq!(line, serde_json::to_vec(&**event).unwrap());
    /// # Ok(()) }
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let previous = match self.chain.sealed_hash() {
            Some(_) => None,
            None => self.previous_hash(),
        };
        let Some(previous) = previous else {
            // Sealed already (one pass), or a record without a hash.
            return serde_json::to_writer(&mut *out, self);
        };
        let start = out.len();
        serde_json::to_writer(&mut *out, &Canonical(self))?;
        let hash = chain_hash(&previous, &out[start..]);
        self.chain.seal(hash);
        // The canonical bytes end with the record's `}`: the hash member
        // goes before it, as `serialize_members` writes it.
        out.pop();
        out.extend_from_slice(b",\"hash\":\"");
        push_hex(out, &hash);
        out.extend_from_slice(b"\"}");
        Ok(())
    }

    /// The hash of the event before this one, for an unsealed record
    /// (`None` when it has no link: sealed meanwhile, or no hash at all).
    fn previous_hash(&self) -> Option<EventHash> {
        match self.chain.link()? {
            Link::Hash(hash) => Some(*hash),
            Link::Event(event) => event.hash(),
        }
    }

    /// [`RecordedEvent::hash`] as 64 lowercase hex digits.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let first = book.events()[0].hash_hex().unwrap();
    /// assert_eq!(first.len(), 64);
    /// assert_ne!(first, book.head_hash_hex()); // the head is the last event's hash
    /// # Ok(()) }
    /// ```
    pub fn hash_hex(&self) -> Option<String> {
        self.hash().map(|h| hex(&h))
    }

    /// The bytes the hash covers: the record's compact JSON as the core
    /// writes it (members in declaration order, `actor` only when given),
    /// without the `hash` member.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let event = &book.events()[0];
    /// // The bytes the hash is computed over: the stored JSON without its hash.
    /// let bytes = String::from_utf8(event.canonical_bytes()).unwrap();
    /// assert!(bytes.starts_with(r#"{"schema_version":2,"seq":1,"#));
    /// assert!(!bytes.contains("\"hash\""));
    /// # Ok(()) }
    /// ```
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut buffer = Vec::with_capacity(512);
        // Serializing an event to memory cannot fail: every map in it has
        // string keys, and no part refuses to serialize.
        let _ = self.write_canonical(&mut buffer);
        buffer
    }

    /// Writes the canonical bytes into `buffer` (cleared first).
    pub(crate) fn write_canonical(&self, buffer: &mut Vec<u8>) -> serde_json::Result<()> {
        buffer.clear();
        serde_json::to_writer(&mut *buffer, &Canonical(self))
    }

    /// The hash of this event after `previous`, computed from its content
    /// (`None` only if it cannot be serialized, which does not happen).
    pub(crate) fn chained_hash(
        &self,
        previous: &EventHash,
        buffer: &mut Vec<u8>,
    ) -> Option<EventHash> {
        self.write_canonical(buffer).ok()?;
        Some(chain_hash(previous, buffer))
    }

    /// Writes the members of the record (the hash last, if given).
    fn serialize_members<S: SerializeStruct>(
        &self,
        state: &mut S,
        hash: Option<&EventHash>,
    ) -> Result<(), S::Error> {
        state.serialize_field("schema_version", &self.schema_version)?;
        state.serialize_field("seq", &self.seq)?;
        state.serialize_field("version", &self.version)?;
        state.serialize_field("command_id", &*self.command_id)?;
        state.serialize_field("fingerprint", &HexU64(self.fingerprint))?;
        state.serialize_field("at", &UtcTime(&self.at))?;
        match &self.actor {
            Some(actor) => state.serialize_field("actor", &**actor)?,
            None => state.skip_field("actor")?,
        }
        state.serialize_field("event", &self.event)?;
        if let Some(hash) = hash {
            state.serialize_field("hash", &Hex32(hash))?;
        }
        Ok(())
    }
}

/// The hash of an event after `previous`, from the text it was stored as,
/// when that text is its canonical bytes followed by the hash member (what
/// serializing a [`RecordedEvent`] writes); `None` for any other layout
/// (spaces, reordered members), which must be hashed from the event.
pub(crate) fn stored_text_hash(previous: &EventHash, text: &str) -> Option<EventHash> {
    // `,"hash":"` + 64 hex digits + `"}`
    const TAIL: usize = 9 + 64 + 2;
    let bytes = text.as_bytes();
    let body = bytes.len().checked_sub(TAIL)?;
    let tail = &bytes[body..];
    if !tail.starts_with(b",\"hash\":\"") || !tail.ends_with(b"\"}") {
        return None;
    }
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(&bytes[..body]);
    hasher.update(b"}");
    Some(hasher.finalize().into())
}

/// SHA-256 of `previous` followed by `bytes`.
pub(crate) fn chain_hash(previous: &EventHash, bytes: &[u8]) -> EventHash {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(bytes);
    hasher.finalize().into()
}

/// 32 bytes as 64 lowercase hex digits.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::book::event::hex;
/// let mut hash = [0u8; 32];
/// hash[31] = 0xab;
/// assert_eq!(hex(&hash), format!("{}ab", "0".repeat(62)));
/// # Ok(()) }
/// ```
pub fn hex(bytes: &[u8; 32]) -> String {
    let mut text = Vec::with_capacity(64);
    push_hex(&mut text, bytes);
    // Only ASCII hex digits were pushed.
    String::from_utf8(text).unwrap_or_default()
}

/// Appends `bytes` as lowercase hex digits.
fn push_hex(out: &mut Vec<u8>, bytes: &[u8]) {
    let start = out.len();
    out.resize(start + 2 * bytes.len(), 0);
    fill_hex(bytes, &mut out[start..]);
}

/// Writes `bytes` as lowercase hex digits into `out`, two per byte.
fn fill_hex(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
}

/// Reads 64 lowercase hex digits.
pub(crate) fn parse_hex(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    // A digit's value, or 0xff (a high nibble set) for any other byte: the
    // loop then checks every digit with one test at its end.
    let value = |d: u8| match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        _ => 0xff,
    };
    let mut bytes = [0u8; 32];
    let mut seen = 0u8;
    for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
        let (high, low) = (value(pair[0]), value(pair[1]));
        seen |= high | low;
        *byte = (high << 4) | low;
    }
    (seen < 0x10).then_some(bytes)
}

/// The record without its hash: what the hash covers.
struct Canonical<'a>(&'a RecordedEvent);

impl Serialize for Canonical<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("RecordedEvent", 8)?;
        self.0.serialize_members(&mut state, None)?;
        state.end()
    }
}

impl Serialize for RecordedEvent {
    /// The record with its hash last (sealing the chain if needed).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hash = self.hash();
        if hash.is_none() && self.schema_version >= 2 {
            return Err(serde::ser::Error::custom(format!(
                "the hash of event {} cannot be computed",
                self.seq
            )));
        }
        let mut state = serializer.serialize_struct("RecordedEvent", 9)?;
        self.serialize_members(&mut state, hash.as_ref())?;
        state.end()
    }
}

/// One event as stored: its place in the log, the command that caused it,
/// and its hash chaining it to the event before.
// The form a record is read in (and the schema's): every member of
// `RecordedEvent` and its stored hash.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RecordedEvent"))]
#[serde(rename = "RecordedEvent", deny_unknown_fields)]
struct StoredEvent {
    /// Format version of this record.
    schema_version: u32,
    /// Position in the book's log, from 1, without gaps.
    seq: u64,
    /// Book version after the command (one version per command).
    version: u64,
    /// The command's idempotency key.
    command_id: Code,
    /// Fingerprint of the command, to recognise a retried command
    /// (16 hex digits: JSON numbers lose bits above 2^53).
    #[serde(with = "hex_u64")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    fingerprint: u64,
    /// Effective time of the command.
    #[serde(deserialize_with = "crate::utc_text::deserialize")]
    at: DateTime<Utc>,
    /// Who issued the command (omitted when the context named no one).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    actor: Option<Code>,
    /// What happened.
    event: Event,
    /// SHA-256 (64 lowercase hex digits) of the previous event's hash (32
    /// zero bytes before the first event) followed by this record's compact
    /// JSON without `hash`. Absent only in records of schema version 1.
    #[serde(default, with = "hex_hash")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    hash: Option<EventHash>,
}

impl<'de> Deserialize<'de> for RecordedEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredEvent::deserialize(deserializer)?;
        let chain = match stored.hash {
            Some(hash) => Chain::sealed(hash),
            None if stored.schema_version < 2 => Chain::unknown(),
            None => return Err(serde::de::Error::missing_field("hash")),
        };
        Ok(Self {
            schema_version: stored.schema_version,
            seq: stored.seq,
            version: stored.version,
            command_id: stored.command_id,
            fingerprint: stored.fingerprint,
            at: stored.at,
            actor: stored.actor,
            event: stored.event,
            chain,
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for RecordedEvent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        StoredEvent::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        StoredEvent::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        StoredEvent::json_schema(generator)
    }
}

impl AsRef<RecordedEvent> for RecordedEvent {
    fn as_ref(&self) -> &RecordedEvent {
        self
    }
}

crate::tagged::tagged_enum! {
    /// What happened, in business terms.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(deny_unknown_fields)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Event read through EventVariants as "Event" {
        /// The command was accepted but had nothing to change (a carrier
        /// milestone already recorded). It is logged so that its command id is
        /// remembered: a retry returns this outcome, another command under the
        /// same id is refused.
        NoEffect {},
        /// A SKU was added.
        SkuDefined(SkuSpec),
        /// A SKU was changed.
        SkuUpdated(SkuUpdate),
        /// A SKU was deactivated.
        SkuDeactivated {
            /// The SKU.
            sku: String,
        },
        /// A bundle was defined.
        BundleDefined(BundleSpec),
        /// A location was added, in a valuation scope.
        LocationDefined {
            /// Its definition.
            location: LocationSpec,
            /// The valuation scope it was placed in.
            scope: String,
        },
        /// Units arrived.
        Received(StockIn),
        /// Units left the book.
        Issued(StockOut),
        /// Units changed bucket; value unchanged.
        Moved {
            /// The SKU.
            sku: Code,
            /// The location.
            location: Code,
            /// The lot.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            lot: Option<String>,
            /// From bucket.
            from: Bucket,
            /// To bucket.
            to: Bucket,
            /// Units.
            quantity: i64,
            /// Reason given.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            reason: Option<String>,
            /// Damage write-down of units moved into the damaged bucket: their
            /// value at the pool's average cost, added to the allowance.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            write_down: Option<Money>,
            /// Share of the allowance released by units moved out of the
            /// damaged bucket (a recovery of the write-down).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            allowance_released: Option<Money>,
        },
        /// A bucket was corrected upward (valued like a receipt).
        AdjustedUp(StockIn),
        /// A bucket was corrected downward (valued like an issue).
        AdjustedDown(StockOut),
        /// A count was opened; the location is frozen.
        StocktakeOpened {
            /// Stocktake id.
            stocktake: String,
            /// Location counted.
            location: String,
            /// On-hand quantities when the count opened.
            expected: Vec<CountLine>,
        },
        /// A line was counted.
        CountRecorded {
            /// Stocktake id.
            stocktake: String,
            /// The line.
            line: CountLine,
        },
        /// A count was posted (its adjustments precede this event).
        StocktakePosted {
            /// Stocktake id.
            stocktake: String,
        },
        /// A count was abandoned.
        StocktakeCancelled {
            /// Stocktake id.
            stocktake: String,
        },
        /// A balanced journal entry was written.
        JournalPosted(JournalEntry),
        /// The books were locked through a date.
        PeriodLocked {
            /// Last locked day.
            through: NaiveDate,
        },
        /// An invoice became an open item (its entry follows).
        InvoiceRecorded {
            /// The invoice.
            invoice: InvoiceSpec,
            /// Receivable or payable account.
            account: String,
            /// Functional amount carried.
            carrying: Money,
        },
        /// A payment settled part or all of a document (its entry follows).
        SettlementRecorded {
            /// The payment.
            settlement: SettlementSpec,
            /// Carrying amount of the part settled.
            carrying_settled: Money,
            /// Realized exchange gain (positive) or loss (negative).
            realized: Money,
        },
        /// What was closed before `before` left the book's state.
        ClosedArchived {
            /// The cut-off.
            before: NaiveDate,
            /// Sales orders removed.
            sales_orders: u64,
            /// Money documents removed.
            documents: u64,
            /// Transfers removed (received or closed before the cut-off). Absent
            /// (zero) in events written before transfers were archived: replay
            /// then removes none, as the book that wrote it did.
            #[serde(default, skip_serializing_if = "crate::book::event::is_zero_count")]
            transfers: u64,
            /// Purchase orders removed with their receipt lines (left out when
            /// zero, as `transfers`).
            #[serde(default, skip_serializing_if = "crate::book::event::is_zero_count")]
            purchase_orders: u64,
            /// Landed-cost vouchers removed (left out when zero, as
            /// `transfers`).
            #[serde(default, skip_serializing_if = "crate::book::event::is_zero_count")]
            vouchers: u64,
            /// The ids of the commands that made this version and the ones
            /// before were forgotten (absent: none were).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            forgot_commands_through: Option<u64>,
        },
        /// Open items were revalued (the entry and its reversal follow).
        Revalued {
            /// Period-end date.
            date: NaiveDate,
        },
        /// Exchange rates were given to the book.
        RatesRecorded {
            /// The rates.
            entries: Vec<RateInput>,
        },
        /// A supplier was added.
        SupplierDefined(SupplierSpec),
        /// A purchase order was created (as a draft).
        PurchaseOrderCreated(Box<PurchaseOrder>),
        /// A purchase order was confirmed: its units are on order.
        PurchaseOrderConfirmed {
            /// The order.
            po: String,
        },
        /// The supplier shipped what was outstanding.
        PurchaseOrderShipped {
            /// The order.
            po: String,
            /// Carrier details.
            shipment: Box<Shipment>,
        },
        /// A purchase receipt line (its stock receipt follows).
        PurchaseReceived {
            /// The line received.
            receipt: Box<ReceiptLine>,
            /// Units taken off on order at the destination.
            from_on_order: i64,
            /// Units taken off in transit at the destination.
            from_in_transit: i64,
        },
        /// A purchase order was closed or cancelled.
        PurchaseOrderClosed {
            /// The order.
            po: String,
            /// Lines with units cancelled.
            lines: Vec<ClosedLine>,
            /// Closed, or cancelled when nothing arrived.
            status: PurchaseStatus,
        },
        /// A supplier invoice was matched (its open item and entry follow).
        SupplierInvoiceMatched {
            /// Invoice number.
            document: String,
            /// Supplier.
            supplier: String,
            /// Lines.
            lines: Vec<MatchedLine>,
        },
        /// A transfer was created (as a draft).
        TransferCreated(Box<Transfer>),
        /// A transfer was approved (the commitments precede this event).
        TransferApproved {
            /// The transfer.
            transfer: String,
            /// Lots committed per line.
            lines: Vec<LinePicks>,
        },
        /// Units of a transfer line left the source for transit.
        TransferLineShipped {
            /// The transfer.
            transfer: String,
            /// Line number.
            line: u32,
            /// Destination location.
            destination: Code,
            /// Units and value leaving the source (committed bucket).
            stock: Box<StockOut>,
            /// The units in transit, by lot and trace.
            pieces: Vec<TransitPiece>,
        },
        /// A transfer shipped (its lines' shipments precede this event).
        TransferShipped {
            /// The transfer.
            transfer: String,
            /// Carrier details.
            shipment: Box<Shipment>,
        },
        /// A carrier milestone.
        MilestoneRecorded {
            /// Transfer or purchase order.
            document: String,
            /// The milestone.
            milestone: Box<MilestoneRecord>,
            /// New estimated arrival.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            eta: Option<NaiveDate>,
        },
        /// Units of a transfer line arrived.
        TransferLineReceived {
            /// The transfer.
            transfer: String,
            /// Line number.
            line: u32,
            /// Units and value entering the destination.
            stock: Box<StockIn>,
            /// Transit pieces they came from (empty for over-received units).
            taken: Vec<PieceTake>,
            /// Units received beyond those shipped.
            over: bool,
        },
        /// Units of a transfer line never arrived.
        TransferLineShort {
            /// The transfer.
            transfer: String,
            /// Line number.
            line: u32,
            /// SKU.
            sku: Code,
            /// Destination.
            location: Code,
            /// Lot.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            lot: Option<String>,
            /// Units.
            quantity: i64,
            /// Their value.
            value: Money,
            /// Transit pieces they came from.
            taken: Vec<PieceTake>,
            /// Transit loss or carrier claim.
            to: ShortTo,
        },
        /// A transfer changed status.
        TransferStatusChanged {
            /// The transfer.
            transfer: String,
            /// New status.
            status: TransferStatus,
        },
        /// A landed-cost voucher was applied (its entry follows).
        LandedCostApplied {
            /// The voucher.
            voucher: Box<Voucher>,
            /// Per target line: amount and where it went.
            lines: Vec<VoucherLine>,
        },
        /// One payment settled several documents (its entry follows).
        PaymentRecorded {
            /// The payment, with its rate and every allocation's amount.
            payment: PaymentSpec,
            /// What it did to each document, in the order allocated.
            parts: Vec<PaymentPart>,
        },
        /// A landed-cost bill was accrued to the clearing account (its entry
        /// follows).
        LandedCostAccrued {
            /// The bill, with the rate used.
            accrual: AccrualSpec,
            /// Its functional amount.
            functional: Money,
        },
        /// A sales channel was added.
        ChannelDefined(ChannelSpec),
        /// A listing was mapped.
        ListingDefined(ListingSpec),
        /// A sales order was recorded as first ingested (its routing follows).
        SalesOrderRecorded(Box<SalesOrder>),
        /// A sales order was restated: the order as it now stands (its earlier
        /// reservations were released just before; its routing follows).
        SalesOrderRestated(Box<SalesOrder>),
        /// Units of an order were reserved (committed) at locations: the
        /// routing's plan, or the host's. The bucket moves come before it.
        SalesOrderRouted {
            /// The channel.
            channel: String,
            /// The channel's order id.
            order: String,
            /// True when the host chose the locations (`RouteSalesOrder`).
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            by_host: bool,
            /// Units reserved per line and location.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            allocations: Vec<LineAtLocation>,
            /// Units of lines no location could serve (no stock).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            unserved: Vec<SalesLineQuantity>,
        },
        /// Reservations of an order were released (the bucket moves come
        /// before it).
        SalesOrderReleased {
            /// The channel.
            channel: String,
            /// The channel's order id.
            order: String,
            /// Units released per line and location.
            lines: Vec<LineAtLocation>,
        },
        /// Units of an order were cancelled.
        SalesOrderCancelled {
            /// The channel.
            channel: String,
            /// The channel's order id.
            order: String,
            /// Units per line.
            lines: Vec<SalesLineQuantity>,
        },
        /// Units of an order were shipped (their issues come before it, the
        /// receivable and its entry after).
        SalesOrderShipped {
            /// The channel.
            channel: String,
            /// The channel's order id.
            order: String,
            /// Shipment number.
            shipment: String,
            /// Functional units per unit of the channel's currency.
            #[serde(with = "crate::decimal_text::strict")]
            #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
            rate: Decimal,
            /// Lines shipped.
            lines: Vec<ShippedLine>,
        },
        /// Units a customer returned entered a bucket at the cost they went
        /// out at (its voucher follows: Dr inventory, Cr cost of goods sold).
        CustomerReturnReceived(StockIn),
        /// A customer return of an order line was recorded.
        SalesReturnRecorded {
            /// The channel.
            channel: String,
            /// The channel's order id.
            order: String,
            /// The order line id.
            line: String,
            /// Units of the line.
            quantity: i64,
            /// Their condition.
            grade: ReturnGrade,
            /// Where they arrived.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            location: Option<String>,
            /// The host's return authorisation number.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            rma: Option<String>,
            /// Units and cost per SKU.
            components: Vec<ComponentMove>,
        },
        /// Money of an order went back to a buyer (the credit note and its
        /// entry follow).
        SalesOrderRefunded {
            /// The channel.
            channel: String,
            /// The channel's order id.
            order: String,
            /// Refund id.
            refund: String,
            /// Functional units per unit of the channel's currency.
            #[serde(with = "crate::decimal_text::strict")]
            #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
            rate: Decimal,
            /// Amounts per line.
            lines: Vec<RefundLine>,
        },
        /// A channel charged or gave back a fee (its credit note or invoice
        /// and its entry follow).
        ChannelFeeRecorded {
            /// The fee, with the rate used.
            fee: ChannelFeeSpec,
        },
        /// A marketplace settlement cleared channel documents (the payout's
        /// open item and the entry follow).
        MarketplaceSettlementRecorded {
            /// The report, with the rate used.
            settlement: MarketplaceSettlementSpec,
            /// What it did to each document it cleared, in row order.
            parts: Vec<PaymentPart>,
            /// Rows, or parts of rows, it could not match.
            unmatched: Vec<UnmatchedRow>,
        },
        /// A listing's available-to-sell policy was set (it replaces the one
        /// before).
        ListingStockPolicySet(ListingStockPolicy),
        /// The host pushed these quantities to its channels.
        StockPushAcknowledged {
            /// The listings pushed, with the quantity each now shows.
            pushes: Vec<StockPush>,
        },
    }
}

/// Units entering a bucket, with their cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockIn {
    /// The SKU.
    pub sku: Code,
    /// The location.
    pub location: Code,
    /// Lot number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Lot expiry, recorded with the lot's first receipt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<NaiveDate>,
    /// Bucket.
    pub bucket: Bucket,
    /// Units.
    pub quantity: i64,
    /// Unit cost (functional currency, full precision).
    pub unit_cost: Money,
    /// Value added to inventory: `quantity × unit_cost`, rounded once.
    pub value: Money,
    /// Effect on the valuation pool.
    pub cost: CostIn,
    /// Damage reason, for the damaged bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage_reason: Option<String>,
    /// Reason or document reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Damage write-down of units entering the damaged bucket (books with
    /// `damage_write_down`): their value at the pool's average cost after
    /// this movement, added to the position's allowance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_down: Option<Money>,
}

/// Units leaving a bucket, with their cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockOut {
    /// The SKU.
    pub sku: Code,
    /// The location.
    pub location: Code,
    /// Lot number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Bucket.
    pub bucket: Bucket,
    /// Units.
    pub quantity: i64,
    /// Why, for issues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<IssueReason>,
    /// Value taken out of inventory (positive).
    pub value: Money,
    /// Effect on the valuation pool.
    pub cost: CostOut,
    /// Damage reason, when taken from the damaged bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage_reason: Option<String>,
    // Shared texts, `Code` rather than `String`: the issues of an order and
    // the lines of their vouchers hold one copy of its document and channel.
    /// Reason or document reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Code>,
    /// Sales channel of an issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Code>,
    /// Share of the position's write-down allowance released by damaged
    /// units leaving the book (books with `damage_write_down`): pro rata by
    /// units, the last damaged unit taking what is left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowance_released: Option<Money>,
}

/// One line of a count: SKU, lot and units.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CountLine {
    /// The SKU.
    pub sku: String,
    /// The lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Units.
    pub quantity: i64,
}

/// The result of a successful command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Outcome {
    /// Book version after the command.
    pub version: u64,
    /// True when the command id had already been executed: nothing changed
    /// and `events` are the original ones.
    pub duplicate: bool,
    /// The events, in order.
    // Shared with the book's log (`Arc`), so returning them copies nothing.
    pub events: Vec<std::sync::Arc<RecordedEvent>>,
}

/// A `u64` serialized as 16 lowercase hex digits.
struct HexU64(u64);

impl Serialize for HexU64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        hex_u64::serialize(&self.0, serializer)
    }
}

/// A time serialized exactly as chrono serializes it (RFC 3339 with `Z`;
/// a fraction of 3, 6 or 9 digits only when there is one), written
/// directly: every event has a time, and chrono's formatting machinery
/// writes it a character at a time. Times chrono writes otherwise (a year
/// outside 0 to 9999, a leap second) are left to chrono.
pub(crate) struct UtcTime<'a>(pub(crate) &'a DateTime<Utc>);

impl Serialize for UtcTime<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buffer = [0u8; 30];
        match utc_text(self.0, &mut buffer) {
            Some(text) => serializer.serialize_str(text),
            None => self.0.serialize(serializer),
        }
    }
}

/// `at` as `YYYY-MM-DDTHH:MM:SS[.fraction]Z` in `buffer`, or `None` when
/// chrono would write it another way.
fn utc_text<'b>(at: &DateTime<Utc>, buffer: &'b mut [u8; 30]) -> Option<&'b str> {
    use chrono::{Datelike, Timelike};
    let year = at.year();
    let nanos = at.nanosecond();
    if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
        return None;
    }
    *buffer = *b"0000-00-00T00:00:00.000000000Z";
    put_digits(&mut buffer[0..4], year as u32);
    put_digits(&mut buffer[5..7], at.month());
    put_digits(&mut buffer[8..10], at.day());
    put_digits(&mut buffer[11..13], at.hour());
    put_digits(&mut buffer[14..16], at.minute());
    put_digits(&mut buffer[17..19], at.second());
    let end = if nanos == 0 {
        19
    } else if nanos.is_multiple_of(1_000_000) {
        put_digits(&mut buffer[20..23], nanos / 1_000_000);
        23
    } else if nanos.is_multiple_of(1_000) {
        put_digits(&mut buffer[20..26], nanos / 1_000);
        26
    } else {
        put_digits(&mut buffer[20..29], nanos);
        29
    };
    buffer[end] = b'Z';
    // Only ASCII digits and separators were written.
    std::str::from_utf8(&buffer[..=end]).ok()
}

/// Writes `value` zero-padded into `out` (its lowest digits, if too long).
fn put_digits(out: &mut [u8], mut value: u32) {
    for digit in out.iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// A hash serialized as 64 lowercase hex digits.
pub(crate) struct Hex32<'a>(pub(crate) &'a EventHash);

impl Serialize for Hex32<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut digits = [0u8; 64];
        fill_hex(self.0, &mut digits);
        // Hex digits are ASCII.
        serializer.serialize_str(std::str::from_utf8(&digits).unwrap_or_default())
    }
}

/// An optional hash as 64 lowercase hex digits.
pub(crate) mod hex_hash {
    use serde::{Deserializer, Serializer};

    // Used by the schema derive, which writes default values with it.
    #[allow(dead_code)]
    pub fn serialize<S: Serializer>(
        value: &Option<[u8; 32]>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(hash) => serializer.serialize_str(&super::hex(hash)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<[u8; 32]>, D::Error> {
        deserializer.deserialize_str(HashVisitor).map(Some)
    }

    /// Reads the digits where they are, without a copy.
    struct HashVisitor;

    impl serde::de::Visitor<'_> for HashVisitor {
        type Value = [u8; 32];

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<[u8; 32], E> {
            super::parse_hex(text).ok_or_else(|| E::custom("a hash is 64 lowercase hex digits"))
        }
    }
}

/// A `u64` written as 16 lowercase hex digits.
pub(crate) mod hex_u64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        let mut digits = [0u8; 16];
        super::fill_hex(&value.to_be_bytes(), &mut digits);
        // Hex digits are ASCII.
        serializer.serialize_str(std::str::from_utf8(&digits).unwrap_or_default())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        let text = String::deserialize(deserializer)?;
        u64::from_str_radix(&text, 16).map_err(serde::de::Error::custom)
    }
}

/// True for a count of zero (left out of an event's JSON).
pub(crate) fn is_zero_count(n: &u64) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::command::{Command, Context};
    use crate::book::{Book, BookConfig};
    use proptest::prelude::*;

    /// The time as chrono serializes it, and as an event does.
    fn both(at: &DateTime<Utc>) -> (String, String) {
        let chrono = serde_json::to_string(at).unwrap_or_default();
        let ours = serde_json::to_string(&UtcTime(at)).unwrap_or_default();
        (chrono, ours)
    }

    proptest! {
        #[test]
        fn a_time_is_written_as_chrono_writes_it(
            // From before year 0 to after year 9999.
            seconds in -63_000_000_000i64..254_000_000_000i64,
            granularity in 0usize..4,
            nanos in 0u32..1_000_000_000,
        ) {
            let nanos = match granularity {
                0 => 0,
                1 => nanos / 1_000_000 * 1_000_000,
                2 => nanos / 1_000 * 1_000,
                _ => nanos,
            };
            let at = DateTime::from_timestamp(seconds, nanos).unwrap_or_default();
            let (chrono, ours) = both(&at);
            prop_assert_eq!(&ours, &chrono);
            // And it reads back as the same instant, in the written form
            // (years 0 to 9999) or through chrono (the rest).
            let text = ours.trim_matches('"');
            prop_assert_eq!(crate::utc_text::parse_utc(text).ok(), Some(at));
        }

        // A hash reads back from its digits; a digit changed to any byte
        // that is not a lowercase hex digit is refused.
        #[test]
        fn a_hash_reads_back_from_its_hex_digits(
            bytes in any::<[u8; 32]>(),
            at in 0usize..64,
            other in any::<u8>(),
        ) {
            let digits = hex(&bytes);
            prop_assert_eq!(parse_hex(&digits), Some(bytes));
            let mut changed = digits.into_bytes();
            changed[at] = other;
            let is_digit = other.is_ascii_digit() || (b'a'..=b'f').contains(&other);
            match String::from_utf8(changed) {
                Ok(text) => prop_assert_eq!(parse_hex(&text).is_some(), is_digit),
                Err(_) => prop_assert!(!is_digit),
            }
        }
    }

    #[test]
    fn times_chrono_writes_its_own_way_are_left_to_it() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
            .map(|naive| naive.and_utc())
            .unwrap_or_default();
        let early = DateTime::from_timestamp(-62_200_000_000, 1_000).unwrap_or_default();
        for at in [
            leap,
            early,
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
        ] {
            let (chrono, ours) = both(&at);
            assert_eq!(ours, chrono);
        }
        assert_eq!(both(&leap).1, r#""2016-12-31T23:59:60.500Z""#);
        let plain = DateTime::from_timestamp(1_793_610_000, 120_000).unwrap_or_default();
        assert_eq!(both(&plain).1, r#""2026-11-02T09:00:00.000120Z""#);
    }

    #[test]
    fn the_stored_text_of_an_event_hashes_to_its_hash_and_no_other_text_does() {
        let mut book =
            Book::new(BookConfig::new(crate::Currency::from_code("USD").unwrap())).unwrap();
        let at = "2026-11-02T09:00:00Z".parse().unwrap();
        for (id, json) in [
            (
                "1",
                r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
            ),
            (
                "2",
                r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#,
            ),
        ] {
            book.execute(Command::from_json(json).unwrap(), &Context::new(at, id))
                .unwrap();
        }
        let events = book.events();
        let mut previous = GENESIS_HASH;
        for event in events {
            let text = serde_json::to_string(&**event).unwrap();
            let hash = event.hash().unwrap();
            assert_eq!(stored_text_hash(&previous, &text), Some(hash));
            // After another predecessor, the same text hashes differently.
            assert_ne!(stored_text_hash(&[1; 32], &text), Some(hash));
            // Any other layout is not read as canonical.
            let pretty = serde_json::to_string_pretty(&**event).unwrap();
            assert_eq!(stored_text_hash(&previous, &pretty), None);
            assert_eq!(stored_text_hash(&previous, "{}"), None);
            previous = hash;
        }
    }

    #[test]
    fn writing_an_unsealed_event_once_gives_serdes_bytes_and_seals_it() {
        let at = "2026-11-02T09:00:00Z".parse().unwrap();
        let commands = [
            r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
            r#"{"type":"define_sku","code":"LAMP","name":"Desk \"lamp\" é"}"#,
            r#"{"type":"define_sku","code":"BULB","name":"Bulb"}"#,
        ];
        let run = || {
            let mut book =
                Book::new(BookConfig::new(crate::Currency::from_code("USD").unwrap())).unwrap();
            let mut events = Vec::new();
            for (n, json) in commands.iter().enumerate() {
                let out = book
                    .execute(
                        Command::from_json(json).unwrap(),
                        &Context::new(at, (n + 1).to_string()),
                    )
                    .unwrap();
                events.extend(out.events);
            }
            (book, events)
        };
        // Through serde (two passes) in one book, through `write_json` in
        // another; the third event is written before the second, so its
        // predecessor is hashed on the way.
        let (serde_book, serde_events) = run();
        let by_serde: Vec<Vec<u8>> = serde_events
            .iter()
            .map(|e| serde_json::to_vec(&**e).unwrap())
            .collect();
        let (book, events) = run();
        assert!(events.iter().all(|e| e.chain.sealed_hash().is_none()));
        let mut written = vec![Vec::new(); events.len()];
        for n in [0, 2, 1] {
            let mut out = b"prefix".to_vec();
            events[n].write_json(&mut out).unwrap();
            assert!(events[n].chain.sealed_hash().is_some());
            written[n] = out[6..].to_vec();
        }
        assert_eq!(written, by_serde);
        assert_eq!(book.head_hash(), serde_book.head_hash());
        // Written again, sealed: the same bytes.
        let mut again = Vec::new();
        events[1].write_json(&mut again).unwrap();
        assert_eq!(again, by_serde[1]);
    }
}
