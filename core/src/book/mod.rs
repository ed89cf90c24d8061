//! The book: one legal entity's inventory and ledger, changed only by
//! commands and rebuilt from its events. Here live the command and event
//! vocabularies, execution (a whole command or nothing), replay and snapshots
//! with their integrity checks, and the planner (`plan/`) that turns a command
//! into events.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // The lamp book, rebuilt from its own events, is the same book.
//! let book = lamp_book()?;
//! let stored = serde_json::to_string(book.events()).unwrap();
//! let rebuilt = landed::Book::replay_json(book.config().clone(), &stored)?;
//! assert_eq!(rebuilt.head_hash_hex(), book.head_hash_hex());
//! assert_eq!(rebuilt.inventory_value().to_string(), "3073.50 CNY");
//! # Ok(()) }
//! ```

mod archive;
mod available;
pub mod command;
mod command_index;
mod config;
mod documents;
pub mod event;
mod execute;
mod fingerprint;
mod health;
mod integrity;
mod plan;
mod reconcile;
mod replay;
mod replenishment;
mod sales;
mod snapshot;
mod state;

pub use command::{Command, Context};
pub use config::BookConfig;
pub use event::{Event, Outcome, RecordedEvent};
pub use execute::BatchMode;
pub use fingerprint::fingerprint;
pub use replay::SharedEvent;
pub use snapshot::Snapshot;
pub(crate) use state::LocationState;

use serde::Serialize;

use crate::Code;
use crate::catalog::Sku;
use crate::fast_hash::{CodeMap, FastMap};
use crate::fx::RateBook;
use crate::inventory::{LocId, LotId, ScopeId, SkuId};
use command_index::CommandIndex;
use plan::Scratch;

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
    /// Transfers holding units in transit (a piece with units left), by
    /// number: a cost split walks these, not every transfer the book has
    /// ever held, so its cost follows the goods at sea, not the history.
    pub(crate) in_transit: std::collections::BTreeSet<String>,
    /// The transfers in transit by the cost origins of their pieces with
    /// units (a line's origin, and every origin in a piece's trace): a cost
    /// split reads the few transfers carrying its origin's units, not
    /// every transfer at sea, whose number grows with the business.
    pub(crate) transit_by_origin:
        crate::fast_hash::FastMap<u32, std::collections::BTreeSet<String>>,
    /// The origins each transfer in transit is filed under above.
    pub(crate) transit_origins: crate::fast_hash::FastMap<String, Vec<u32>>,
    /// Available to sell: listings by SKU, figures last computed, what
    /// changed since (see `available.rs`).
    pub(crate) available: available::AvailableIndex,
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
/// use landed::book::command::{Command, Context, Issue, IssueReason, Receive};
/// use landed::inventory::Bucket;
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
    pub(crate) replay_check: crate::book::integrity::ReplayCheck,
    /// Set while a commit (or a streamed event) is being written, and left
    /// set if that is interrupted by an internal fault: the book is then
    /// poisoned and refuses commands until it is restored or replayed.
    /// (A `Cow`, so that marking a commit in progress does not allocate.)
    fault: Option<std::borrow::Cow<'static, str>>,
    /// In a book without its log: events since the head's chain was last
    /// hashed (see `Book::remember_command`).
    unsealed: usize,
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
