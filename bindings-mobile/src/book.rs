//! The inventory book: a `Book` object over `landed_json::JsonBook`.
//!
//! JSON text in, JSON text out. Commands, contexts, events and reports cross
//! the boundary as the serde form of the core types, described by
//! `docs/schema/*.schema.json`; this module never names a command field, so
//! it cannot drift from the core. Decimals inside the JSON are strings
//! (`"10.00"`), never numbers: a command with `"amount": 1.5` is refused with
//! `INVALID_COMMAND`.
//!
//! The ledger queries (`journal`, `trial_balance`, `role_balances`,
//! `account_ledger`, `open_items`, `reconciliation`) and the trade reports (`purchase_orders`,
//! `transfer`, `in_transit`, `landed_cost`, `accruals`) return JSON text too; their
//! arguments are typed: dates are `IsoDate` and the trial balance's
//! dimension filter is the [`LineFilter`] record.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use landed::LandedError as CoreError;
use landed::book::command::Context;
use landed::book::{Book as CoreBook, BookConfig};
use landed_json::{JsonBook, JsonQueries};

use crate::convert::{IsoDate, ProfitBasis, ProfitGroup};
use crate::error::{LandedError, guard};

/// The dimensions a trial balance can be restricted to: a journal line
/// counts only if it matches every field that is not null. All fields
/// default to null, so `LineFilter(sku = "LAMP")` (Swift
/// `LineFilter(sku: "LAMP")`) filters by SKU alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct LineFilter {
    /// SKU.
    #[uniffi(default)]
    pub sku: Option<String>,
    /// Location.
    #[uniffi(default)]
    pub location: Option<String>,
    /// Lot.
    #[uniffi(default)]
    pub lot: Option<String>,
    /// Sales channel.
    #[uniffi(default)]
    pub channel: Option<String>,
    /// Business document (invoice, receipt, order…).
    #[uniffi(default)]
    pub document: Option<String>,
}

impl From<LineFilter> for landed::ledger::LineDimensions {
    // A struct literal, not `..Default::default()`: a dimension added to the
    // core fails to compile here instead of being silently unfilterable.
    fn from(filter: LineFilter) -> Self {
        let LineFilter {
            sku,
            location,
            lot,
            channel,
            document,
        } = filter;
        Self {
            sku: sku.map(Into::into),
            location: location.map(Into::into),
            lot,
            channel: channel.map(Into::into),
            document: document.map(Into::into),
        }
    }
}

/// A ledger report's dimension filter as the JSON the core reads.
fn filter_json(filter: Option<LineFilter>) -> Result<Option<String>, CoreError> {
    filter
        .map(|filter| {
            serde_json::to_string(&landed::ledger::LineDimensions::from(filter)).map_err(|e| {
                CoreError::Internal {
                    detail: format!("cannot serialize the filter: {e}"),
                }
            })
        })
        .transpose()
}

/// A refused line of `execute_lines`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LineError {
    /// The line's number in the input, from 1 (blank lines count).
    pub line: u64,
    /// The error's stable code (`INSUFFICIENT_STOCK`…).
    pub code: String,
    /// The error's message.
    pub message: String,
}

/// What `execute_lines` did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LinesOutcome {
    /// The book's version after the batch.
    pub version: u64,
    /// Commands that ran and recorded events (duplicates not counted).
    pub executed: u64,
    /// Lines whose command id had already run with the same command; their
    /// events are not repeated in `events`.
    pub duplicates: u64,
    /// The recorded events as JSON lines: one stored event per line, each
    /// line ending in a line feed. Append it to the stored log.
    pub events: String,
    /// The refused lines, in order (with `all_or_nothing` at most one, and
    /// nothing of the batch kept).
    pub errors: Vec<LineError>,
}

impl From<landed_json::LinesOutcome> for LinesOutcome {
    fn from(out: landed_json::LinesOutcome) -> Self {
        Self {
            version: out.version,
            executed: out.executed,
            duplicates: out.duplicates,
            events: out.events,
            errors: out
                .errors
                .into_iter()
                .map(|e| LineError {
                    line: e.line,
                    code: e.code,
                    message: e.message,
                })
                .collect(),
        }
    }
}

/// `YYYY-MM-DD`, the form `JsonBook` reads.
fn iso(date: IsoDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// One legal entity's inventory, changed only by JSON commands.
///
/// Safe to share between threads: a mutex serialises the calls. A panic
/// inside a call poisons the book, which then refuses every call with
/// `BOOK_POISONED` rather than serve a state that may be half updated.
#[derive(Debug, uniffi::Object)]
pub struct Book {
    book: Mutex<JsonBook>,
}

impl Book {
    fn wrap(book: JsonBook) -> Arc<Self> {
        Arc::new(Self {
            book: Mutex::new(book),
        })
    }

    /// Locks the book; a lock poisoned by a panic is refused with
    /// `BOOK_POISONED`.
    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, JsonBook>, CoreError> {
        self.book.lock().map_err(|_| CoreError::BookPoisoned {
            detail: "the book is unusable after a panic in an earlier call, which may have \
                     left it half updated; restore it from a snapshot or replay its events"
                .into(),
        })
    }
}

#[uniffi::export]
impl Book {
    /// A new, empty book from a `BookConfig` JSON object, e.g.
    /// `{"functional_currency":"USD","valuation_method":"fifo"}`. Fails with
    /// `INVALID_COMMAND` for malformed JSON or an unknown option, and with
    /// `MISSING_POSTING_RULE` or `UNKNOWN_ACCOUNT` for a custom `ledger`
    /// chart the core refuses.
    #[uniffi::constructor]
    pub fn new(config_json: String) -> Result<Arc<Self>, LandedError> {
        guard(|| {
            // `JsonBook::new` unwraps `Book::new`, so a config the core
            // refuses (a custom chart without a rule for some role, a rule
            // naming an unknown account) would panic into `INTERNAL`. Build
            // the core book once first to return its typed error
            // (`MISSING_POSTING_RULE`, `UNKNOWN_ACCOUNT`); malformed JSON is
            // left to `JsonBook::new`, which words that error.
            if let Ok(config) = serde_json::from_str::<BookConfig>(&config_json) {
                CoreBook::new(config)?;
            }
            Ok(Self::wrap(JsonBook::new(&config_json)?))
        })
    }

    /// Rebuilds a book from its config and a JSON array of recorded events
    /// (`events()` of the original). Fails with `INVALID_EVENT_LOG` for a log
    /// with gaps or events that do not apply.
    #[uniffi::constructor]
    pub fn replay(config_json: String, events_json: String) -> Result<Arc<Self>, LandedError> {
        guard(|| Ok(Self::wrap(JsonBook::replay(&config_json, &events_json)?)))
    }

    /// Rebuilds a book from its config and its stored log as JSON lines
    /// (one event per line, as `execute_lines` and `events_lines` write
    /// them), checking each event's hash over the text of its line. Fails
    /// with `INVALID_EVENT_LOG` naming the line or the event's `seq`.
    #[uniffi::constructor]
    pub fn replay_lines(
        config_json: String,
        events_lines: String,
    ) -> Result<Arc<Self>, LandedError> {
        guard(|| {
            Ok(Self::wrap(JsonBook::replay_lines(
                &config_json,
                &events_lines,
            )?))
        })
    }

    /// Restores a book from `snapshot()` text.
    #[uniffi::constructor]
    pub fn restore(snapshot_json: String) -> Result<Arc<Self>, LandedError> {
        guard(|| Ok(Self::wrap(JsonBook::restore(&snapshot_json)?)))
    }

    /// Executes one command (JSON, `{"type":"receive",…}`) with its context
    /// (JSON, `{"at":…,"command_id":…,"expected_version":…}`, see
    /// `bookContext`). Returns the outcome JSON
    /// `{"version":…,"duplicate":…,"events":[…]}`. The book takes the whole
    /// command or nothing: on error it is unchanged.
    pub fn execute(
        &self,
        command_json: String,
        context_json: String,
    ) -> Result<String, LandedError> {
        guard(|| self.lock()?.execute(&command_json, &context_json))
    }

    /// Executes a JSON array of `{"command": …, "context": …}`. With
    /// `all_or_nothing` the first failure undoes the whole batch (and ends
    /// it); otherwise each command stands alone. Returns a JSON array of
    /// `{"ok": outcome}` or `{"error": {"code": …, "message": …}}`, one per
    /// command executed. A malformed array fails as a whole with
    /// `INVALID_COMMAND`.
    pub fn execute_batch(
        &self,
        items_json: String,
        all_or_nothing: bool,
    ) -> Result<String, LandedError> {
        guard(|| self.lock()?.execute_batch(&items_json, all_or_nothing))
    }

    /// Executes a batch given as JSON lines, one `{"command": …,
    /// "context": …}` object per line (blank lines skipped), as
    /// `execute_batch` would. Returns counts, the refused lines, and the
    /// recorded events as one string of JSON lines to append to the stored
    /// log. A line that cannot be read fails the whole batch with
    /// `INVALID_COMMAND` naming it, before anything runs.
    pub fn execute_lines(
        &self,
        lines: String,
        all_or_nothing: bool,
    ) -> Result<LinesOutcome, LandedError> {
        guard(|| Ok(self.lock()?.execute_lines(&lines, all_or_nothing)?.into()))
    }

    /// The book's version: the number of commands executed.
    pub fn version(&self) -> Result<u64, LandedError> {
        guard(|| Ok(self.lock()?.version()))
    }

    /// The hash of the last event (64 hex digits; zeros for an empty book).
    /// Keep it beside the stored log: a log whose last hash differs was
    /// truncated or rewritten.
    pub fn head_hash(&self) -> Result<String, LandedError> {
        guard(|| Ok(self.lock()?.head_hash()))
    }

    /// The configuration as JSON (every option spelled out).
    pub fn config(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.config())
    }

    /// The event log as a JSON array of recorded events: what a host stores
    /// and hands to `Book.replay`.
    pub fn events(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.events())
    }

    /// The event log as JSON lines (an event per line): what
    /// `Book.replayLines` takes back.
    pub fn events_lines(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.events_lines())
    }

    /// The whole book as JSON, for `Book.restore`. The same book always
    /// gives the same text.
    pub fn snapshot(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.snapshot())
    }

    /// One position (SKU at a location, and lot) as JSON: quantities per
    /// bucket, `on_hand`, damaged units by reason.
    #[uniffi::method(default(lot = None))]
    pub fn position(
        &self,
        sku: String,
        location: String,
        lot: Option<String>,
    ) -> Result<String, LandedError> {
        guard(|| self.lock()?.position(&sku, &location, lot.as_deref()))
    }

    /// A SKU's stock across locations and lots, with totals, as JSON.
    pub fn stock(&self, sku: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.stock(&sku))
    }

    /// Valuation lines (quantity, value, unit cost per SKU and location) of
    /// one SKU, or of all when `sku` is null, as a JSON array.
    #[uniffi::method(default(sku = None))]
    pub fn valuation(&self, sku: Option<String>) -> Result<String, LandedError> {
        guard(|| self.lock()?.valuation(sku.as_deref()))
    }

    /// Every movement of a SKU with its signed value, oldest first, as a
    /// JSON array.
    pub fn history(&self, sku: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.history(&sku))
    }

    /// Every journal entry, oldest first, as a JSON array of
    /// `{"id", "date", "memo", "document"?, "reverses"?, "lines": [{"account",
    /// "debit", "credit", "transaction_amount"?, "rate"?, "dimensions"?}]}`.
    /// Debits and credits are decimal strings in the functional currency.
    pub fn journal(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.journal())
    }

    /// The trial balance through `as_of` (inclusive) as JSON: `{"as_of",
    /// "lines": [{"account", "name", "type", "debit", "credit", "balance"}],
    /// "total_debit", "total_credit"}`, accounts in code order, amounts as
    /// Money objects. With a `filter`, only the journal lines matching it
    /// are counted.
    #[uniffi::method(default(filter = None))]
    pub fn trial_balance(
        &self,
        as_of: IsoDate,
        filter: Option<LineFilter>,
    ) -> Result<String, LandedError> {
        guard(|| {
            let filter = filter_json(filter)?;
            self.lock()?.trial_balance(&iso(as_of), filter.as_deref())
        })
    }

    /// Every account role's balance through `as_of` (inclusive) as JSON:
    /// `{"as_of", "roles": [{"role", "accounts", "debit", "credit",
    /// "balance"}]}`, one line per role with a posting rule (`"inventory"`,
    /// `"cogs"`, `"goods_in_transit"`, `"realized_fx"`…), amounts as Money
    /// objects. Read through the book's posting rules, so a host with its
    /// own chart need not know the account codes. `filter` as for
    /// [`Book::trial_balance`].
    #[uniffi::method(default(filter = None))]
    pub fn role_balances(
        &self,
        as_of: IsoDate,
        filter: Option<LineFilter>,
    ) -> Result<String, LandedError> {
        guard(|| {
            let filter = filter_json(filter)?;
            self.lock()?.role_balances(&iso(as_of), filter.as_deref())
        })
    }

    /// An account's postings in date order with the running balance (debit
    /// − credit) after each, as a JSON array of `{"entry", "date", "memo",
    /// "debit", "credit", "balance", "dimensions"}`. Fails with
    /// `UNKNOWN_ACCOUNT` for a code not in the chart.
    pub fn account_ledger(&self, account: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.account_ledger(&account))
    }

    /// Open receivables and payables aged on `as_of`, as a JSON array of
    /// `{"document", "kind", "party", "account", "date", "due_date",
    /// "original", "open", "carrying", "rate", "days_overdue", "bucket"}`;
    /// `bucket` is `"0-30"`, `"31-60"`, `"61-90"` or `"90+"` days past due.
    pub fn open_items(&self, as_of: IsoDate) -> Result<String, LandedError> {
        guard(|| self.lock()?.open_items(&iso(as_of)))
    }

    /// Inventory value per valuation scope in the subledger (the stock's
    /// valuation) against the ledger (the inventory accounts), as a JSON
    /// array of `{"scope", "locations", "subledger", "ledger",
    /// "difference"}`. Once transfers exist, a last line with scope
    /// `"goods_in_transit"` compares the pieces in transit with the
    /// goods-in-transit account. The difference is zero unless something
    /// posted around the book.
    pub fn reconciliation(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.reconciliation())
    }

    /// Every purchase order as a JSON array of `{"po", "supplier", "date",
    /// "status", "lines": [{"line", "sku", "destination", "ordered",
    /// "received", "in_transit", "cancelled", "outstanding", "unit_price",
    /// "expected_date"}], "receipts", "ordered_value", "outstanding_value"}`
    /// (`docs/schema/purchase-orders.schema.json`). `status` is `"draft"`,
    /// `"confirmed"`, `"shipped"`, `"partially_received"`, `"received"`,
    /// `"closed"` or `"cancelled"`.
    pub fn purchase_orders(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.purchase_orders())
    }

    /// One sales order as JSON `{"channel", "order", "date", "currency",
    /// "fulfilment", "revision", "shipments", "lines": [{"line", "listing",
    /// "skus", "ordered", "reserved", "shipped", "cancelled", "returned",
    /// "unserved", "locations": [{"location", "reserved", "shipped"}],
    /// "recognised", "net_cost"}]}` (`docs/schema/sales-orders.schema.json`),
    /// amounts as exact decimal strings. Fails with `UNKNOWN_SALES_ORDER`
    /// if the book has no order by that channel and id.
    pub fn sales_order(&self, channel: String, order: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.sales_order(&channel, &order))
    }

    /// Every sales order (of one channel, when given), by channel and order
    /// id, as a JSON array of what [`Book::sales_order`] returns.
    #[uniffi::method(default(channel = None))]
    pub fn sales_orders(&self, channel: Option<String>) -> Result<String, LandedError> {
        guard(|| self.lock()?.sales_orders(channel.as_deref()))
    }

    /// The open exceptions of every sales order, as a JSON array of
    /// `{"channel", "order", "line"?, "kind", "quantity"}`
    /// (`docs/schema/order-exceptions.schema.json`); `kind` is
    /// `"unknown_listing"`, `"no_stock"`, `"address_flagged"` or `"unpaid"`.
    pub fn order_exceptions(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.order_exceptions())
    }

    /// One listing's available-to-sell figure as JSON `{"channel",
    /// "listing", "sku"?, "bundle"?, "pack", "locations", "supply",
    /// "available", "pushed", "policy"?}`
    /// (`docs/schema/listing-availability.schema.json`). Fails with
    /// `UNKNOWN_CHANNEL`, or `INVALID_COMMAND` for a listing the channel
    /// does not have.
    pub fn available_to_sell(
        &self,
        channel: String,
        listing: String,
    ) -> Result<String, LandedError> {
        guard(|| self.lock()?.available_to_sell(&channel, &listing))
    }

    /// The quantities to push, as a JSON array of `{"channel", "listing",
    /// "sku"?, "bundle"?, "previous", "available"}`
    /// (`docs/schema/push-list.schema.json`): every listing (of one
    /// channel, when given) whose figure differs from the quantity last
    /// acknowledged with an `acknowledge_stock_push` command (`previous`
    /// null: never pushed), by channel and listing.
    #[uniffi::method(default(channel = None))]
    pub fn stock_to_push(&self, channel: Option<String>) -> Result<String, LandedError> {
        guard(|| self.lock()?.stock_to_push(channel.as_deref()))
    }

    /// The differences between a channel's own stock report and the
    /// book's buckets. `report_json` is `{"format": "shopify"|"fba",
    /// "channel"?, "location"?, "rows": [{"sku"|"listing", quantity
    /// fields…}]}` (`docs/schema/channel-stock-report.schema.json`); the
    /// answer is JSON `{"format", "channel"?, "location", "compared",
    /// "differences": [{"sku", "listing"?, "location", "field", "buckets",
    /// "channel_units", "book_units", "delta"}], "unmatched", "totals"}`
    /// (`docs/schema/channel-stock-reconciliation.schema.json`). Changes
    /// nothing. Fails with `INVALID_COMMAND` (naming the field) for a
    /// malformed report, `UNKNOWN_CHANNEL` or `UNKNOWN_LOCATION`.
    pub fn reconcile_channel_stock(&self, report_json: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.reconcile_channel_stock(&report_json))
    }

    /// Stock by SKU, location and bucket as JSON `{"lines": [{"sku",
    /// "location", "scope", "quantities", "on_hand", "value"}],
    /// "locations", "totals", "on_hand", "value"}`
    /// (`docs/schema/stock-by-location.schema.json`), sorted by SKU then
    /// location. `query_json` is `{"sku"?, "location"?}` or null for
    /// everything. Changes nothing. Fails with `INVALID_COMMAND` for an
    /// unknown key, `UNKNOWN_SKU` or `UNKNOWN_LOCATION`.
    #[uniffi::method(default(query_json = None))]
    pub fn stock_by_location(&self, query_json: Option<String>) -> Result<String, LandedError> {
        guard(|| self.lock()?.stock_by_location(query_json.as_deref()))
    }

    /// Inventory aging by receipt date in Amazon FBA's buckets
    /// (`days_0_90` … `days_over_365`, and `undated`) per SKU and valuation
    /// scope, as JSON `{"as_of", "lines", "by_scope", "totals"}`
    /// (`docs/schema/inventory-aging.schema.json`). `query_json` is
    /// `{"as_of": "YYYY-MM-DD", "sku"?}`. Changes nothing. Fails with
    /// `INVALID_COMMAND` (naming the field) for a malformed query,
    /// `UNKNOWN_SKU`.
    pub fn inventory_aging(&self, query_json: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.inventory_aging(&query_json))
    }

    /// Alerts that need no demand history as JSON `{"as_of",
    /// "expiry_within_days", "aged_over_days", "alerts": [{"kind", …}]}`
    /// (`docs/schema/inventory-alerts.schema.json`), `kind` one of
    /// `lot_expired`, `lot_near_expiry`, `aged_stock`, `transfer_late`.
    /// `query_json` is `{"as_of", "expiry_within_days"?,
    /// "aged_over_days"?}` (0 to 36,500 days, defaults 90 and 365).
    /// Changes nothing. Fails with `INVALID_COMMAND` (naming the field) for
    /// a malformed query.
    pub fn inventory_alerts(&self, query_json: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.inventory_alerts(&query_json))
    }

    /// Replenishment as of a date as JSON `{"as_of", "window_days",
    /// "service_level", "z", "lines", "suggestions", "alerts",
    /// "arrivals", "skus"}` (`docs/schema/replenishment.schema.json`): per
    /// SKU and location the daily demand, lead time, safety stock, reorder
    /// point, days of supply, FBA restock and turnover; purchase and
    /// transfer suggestions in whole cases with their likely cost; alerts
    /// (`below_reorder_point`, `stockout_before_arrival`, `overstock`);
    /// arrivals against the lead time; per SKU the profit of the window
    /// beside its days of supply. Decimals are exact strings. `query_json`
    /// is `{"as_of", "window_days"?, "service_level"?, "review_days"?,
    /// "target_days"?, "overstock_days"?, "default_lead_time_days"?,
    /// "skus"?, "policies"?}` (defaults 90 days, "0.95", 7, 60 and 180).
    /// Changes nothing. Fails with `INVALID_COMMAND` (naming the field) for
    /// a malformed query, `UNKNOWN_SKU` or `UNKNOWN_LOCATION`.
    pub fn replenishment(&self, query_json: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.replenishment(&query_json))
    }

    /// One marketplace settlement as JSON `{"channel", "settlement",
    /// "date", "currency", "orders", "net", "unmatched", …}`
    /// (`docs/schema/sales-settlements.schema.json`), amounts as exact
    /// decimal strings. Fails with `UNKNOWN_DOCUMENT` if the book has no
    /// settlement by that id.
    pub fn sales_settlement(&self, settlement: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.sales_settlement(&settlement))
    }

    /// Every marketplace settlement (of one channel, when given), by id, as
    /// a JSON array of what [`Book::sales_settlement`] returns.
    #[uniffi::method(default(channel = None))]
    pub fn sales_settlements(&self, channel: Option<String>) -> Result<String, LandedError> {
        guard(|| self.lock()?.sales_settlements(channel.as_deref()))
    }

    /// What was earned from `from` to `to` (both included), grouped by
    /// `group_by`, as JSON `{"query", "currency", "lines": [{"key",
    /// "figures", "channel_currency"}], "total", "unsettled"?}`
    /// (`docs/schema/profit-report.schema.json`): revenue, shipping,
    /// sales returns (refunds), cost of goods (landed cost included), return losses,
    /// fees, advertising, reimbursements, realized FX and profit as exact
    /// decimal strings. `basis` `Settlement` dates an order's lines by the
    /// settlement that paid them out; `channel` keeps one channel's lines
    /// (`UNKNOWN_CHANNEL` if the book does not know it). The totals equal
    /// the ledger's accounts for the period.
    #[uniffi::method(default(basis = None, channel = None))]
    pub fn profit(
        &self,
        from: IsoDate,
        to: IsoDate,
        group_by: ProfitGroup,
        basis: Option<ProfitBasis>,
        channel: Option<String>,
    ) -> Result<String, LandedError> {
        guard(|| {
            let mut query = landed::report::ProfitQuery::new(from, to, group_by.into());
            query.basis = basis.unwrap_or_default().into();
            query.channel = channel;
            let query = serde_json::to_string(&query).map_err(|e| CoreError::Internal {
                detail: e.to_string(),
            })?;
            self.lock()?.profit(&query)
        })
    }

    /// One transfer as JSON `{"transfer", "source", "destination", "status",
    /// "lines": [{"line", "sku", "quantity", "shipped", "accepted",
    /// "damaged", "short", "over", "shipped_value", "short_value", "pieces",
    /// …}], "shipment": {"carrier", "tracking", "eta", "shipped_on",
    /// "milestones"}}` (`docs/schema/transfer.schema.json`). Fails with
    /// `UNKNOWN_DOCUMENT` for an id the book does not know.
    pub fn transfer(&self, id: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.transfer(&id))
    }

    /// What is on the way on `as_of`, transfers and supplier shipments, as
    /// JSON `{"as_of", "shipments": [{"kind", "document", "from",
    /// "destination", "carrier", "tracking", "eta", "units", "value",
    /// "days_in_transit", "last_milestone", …}], "by_destination",
    /// "total_value"}` (`docs/schema/in-transit.schema.json`). `total_value`
    /// is what the transfers in transit are worth: the goods-in-transit
    /// account's balance.
    pub fn in_transit(&self, as_of: IsoDate) -> Result<String, LandedError> {
        guard(|| self.lock()?.in_transit(&iso(as_of)))
    }

    /// Landed cost of one SKU, or of all when `sku` is null, as JSON
    /// `{"lines": [{"target", "sku", "quantity", "total", "per_unit"}],
    /// "skus": [{"sku", "quantity", "total", "per_unit"}]}`: per receipt or
    /// transfer line and per SKU, each cost split into `purchase`,
    /// `freight`, `duty`, `insurance`, `other` and `total` Money objects
    /// (`docs/schema/landed-cost.schema.json`).
    #[uniffi::method(default(sku = None))]
    pub fn landed_cost(&self, sku: Option<String>) -> Result<String, LandedError> {
        guard(|| self.lock()?.landed_cost(sku.as_deref()))
    }

    /// Landed-cost accruals still open (bills accrued with
    /// `accrue_landed_cost` that vouchers have not fully allocated), by bill
    /// number, as a JSON array: each with `accrual` (the bill), `functional`,
    /// `open` (what is left) and `cleared_by`
    /// (`docs/schema/accruals.schema.json`).
    pub fn accruals(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.accruals())
    }
}

/// The context JSON of a command: its effective time `at` (Kotlin
/// `java.time.Instant`, Swift `Date`), the idempotency key `command_id`,
/// and, when not null, the book version the command expects and the
/// `actor` who issued it (recorded on the command's events). Built from the
/// core's `Context`, so it always has the shape `execute` reads.
#[uniffi::export(default(expected_version = None, actor = None))]
pub fn book_context(
    at: SystemTime,
    command_id: String,
    expected_version: Option<u64>,
    actor: Option<String>,
) -> Result<String, LandedError> {
    guard(|| {
        let context = Context {
            at: utc(at)?,
            command_id,
            expected_version,
            actor,
        };
        serde_json::to_string(&context).map_err(|e| CoreError::Internal {
            detail: format!("cannot serialize the context: {e}"),
        })
    })
}

/// A `SystemTime` as a UTC timestamp; times chrono cannot hold (beyond the
/// year ±262143) are refused with `INVALID_COMMAND`.
fn utc(at: SystemTime) -> Result<DateTime<Utc>, CoreError> {
    let timestamp = match at.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs())
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, after.subsec_nanos())),
        Err(before) => {
            let before = before.duration();
            i64::try_from(before.as_secs()).ok().and_then(|secs| {
                // -(s + n·1e-9) = -(s + 1) + (1e9 - n)·1e-9
                match before.subsec_nanos() {
                    0 => DateTime::from_timestamp(-secs, 0),
                    nanos => DateTime::from_timestamp(-secs - 1, 1_000_000_000 - nanos),
                }
            })
        }
    };
    timestamp.ok_or_else(|| CoreError::InvalidCommand {
        reason: "context time is out of range".into(),
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const USD: &str = r#"{"functional_currency":"USD"}"#;

    fn at(seconds_after_epoch: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds_after_epoch)
    }

    #[test]
    fn contexts_are_the_core_shape() {
        // 2026-11-02T09:00:00Z
        let ctx = book_context(at(1_793_610_000), "c1".into(), None, None).unwrap();
        assert_eq!(ctx, r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1"}"#);
        let ctx = book_context(at(1_793_610_000), "a\"b".into(), Some(7), None).unwrap();
        assert_eq!(
            ctx,
            r#"{"at":"2026-11-02T09:00:00Z","command_id":"a\"b","expected_version":7}"#
        );
        let before = UNIX_EPOCH - Duration::from_millis(1500);
        let ctx = book_context(before, "old".into(), None, None).unwrap();
        assert!(ctx.contains(r#""at":"1969-12-31T23:59:58.500Z""#), "{ctx}");
        let ctx = book_context(
            at(1_793_610_000),
            "c2".into(),
            None,
            Some("ops@acme".into()),
        )
        .unwrap();
        assert_eq!(
            ctx,
            r#"{"at":"2026-11-02T09:00:00Z","command_id":"c2","actor":"ops@acme"}"#
        );
    }

    #[test]
    fn commands_run_and_errors_keep_their_codes() {
        let book = Book::new(USD.into()).unwrap();
        let ctx = |id: &str| book_context(at(1_793_610_000), id.into(), None, None).unwrap();
        let out = book
            .execute(
                r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#.into(),
                ctx("1"),
            )
            .unwrap();
        assert!(
            out.starts_with(r#"{"version":1,"duplicate":false,"events":["#),
            "{out}"
        );
        assert_eq!(book.version().unwrap(), 1);
        let err = book
            .execute(r#"{"type":"teleport"}"#.into(), ctx("2"))
            .unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
        let err = book.stock("NOPE".into()).unwrap_err();
        assert_eq!(err.code(), "UNKNOWN_SKU");
        assert_eq!(
            Book::new("{}".into()).unwrap_err().code(),
            "INVALID_COMMAND"
        );
        // A chart the core refuses keeps its code (not a panic's INTERNAL).
        let no_rules =
            r#"{"functional_currency":"USD","ledger":{"type":"custom","accounts":[],"rules":[]}}"#;
        assert_eq!(
            Book::new(no_rules.into()).unwrap_err().code(),
            "MISSING_POSTING_RULE"
        );
    }

    #[test]
    fn ledger_queries_forward_typed_arguments() {
        let book = Book::new(USD.into()).unwrap();
        let ctx = |id: &str| book_context(at(1_793_610_000), id.into(), None, None).unwrap();
        for (id, command) in [
            (
                "1",
                r#"{"type":"define_location","code":"SZ","name":"S","kind":"own"}"#,
            ),
            ("2", r#"{"type":"define_sku","code":"A","name":"A"}"#),
            ("3", r#"{"type":"define_sku","code":"B","name":"B"}"#),
            (
                "4",
                r#"{"type":"receive","sku":"A","location":"SZ","quantity":2,"unit_cost":{"amount":"5.00","currency":"USD"}}"#,
            ),
            (
                "5",
                r#"{"type":"receive","sku":"B","location":"SZ","quantity":1,"unit_cost":{"amount":"1.25","currency":"USD"}}"#,
            ),
        ] {
            book.execute(command.into(), ctx(id)).unwrap();
        }
        let day: IsoDate = "2026-11-02".parse().unwrap();
        let all = book.trial_balance(day, None).unwrap();
        assert!(
            all.contains(r#""total_debit":{"amount":"11.25","currency":"USD"}"#),
            "{all}"
        );
        let only_b = LineFilter {
            sku: Some("B".into()),
            ..LineFilter::default()
        };
        let b = book.trial_balance(day, Some(only_b)).unwrap();
        assert!(
            b.contains(r#""total_debit":{"amount":"1.25","currency":"USD"}"#),
            "{b}"
        );
        let before = book.trial_balance(day.pred_opt().unwrap(), None).unwrap();
        assert!(before.contains(r#""lines":[]"#), "{before}");
        assert!(book.journal().unwrap().starts_with(r#"[{"id":"#));
        assert_eq!(
            book.account_ledger("9999".into()).unwrap_err().code(),
            "UNKNOWN_ACCOUNT"
        );
        assert_eq!(book.open_items(day).unwrap(), "[]");
        assert!(
            book.reconciliation()
                .unwrap()
                .contains(r#""difference":{"amount":"0.00","currency":"USD"}"#)
        );
    }

    #[test]
    fn trade_reports_forward_their_arguments() {
        let book = Book::new(USD.into()).unwrap();
        assert_eq!(book.purchase_orders().unwrap(), "[]");
        let day: IsoDate = "2026-11-02".parse().unwrap();
        let transit = book.in_transit(day).unwrap();
        assert!(transit.contains(r#""as_of":"2026-11-02""#), "{transit}");
        assert!(
            transit.contains(r#""total_value":{"amount":"0.00","currency":"USD"}"#),
            "{transit}"
        );
        assert_eq!(book.landed_cost(None).unwrap(), r#"{"lines":[],"skus":[]}"#);
        assert_eq!(book.accruals().unwrap(), "[]");
        // A SKU the book does not know is an error, as in the other reports.
        assert_eq!(
            book.landed_cost(Some("LAMP".into())).unwrap_err().code(),
            "UNKNOWN_SKU"
        );
        let err = book.transfer("T-404".into()).unwrap_err();
        assert_eq!(err.code(), "UNKNOWN_DOCUMENT");
        assert!(err.detail().contains("T-404"), "{err}");
    }

    #[test]
    fn selling_reports_forward_their_arguments() {
        let book = Book::new(USD.into()).unwrap();
        assert_eq!(book.sales_orders(None).unwrap(), "[]");
        assert_eq!(book.sales_orders(Some("shop-us".into())).unwrap(), "[]");
        assert_eq!(book.order_exceptions().unwrap(), "[]");
        let err = book
            .sales_order("shop-us".into(), "1001".into())
            .unwrap_err();
        assert_eq!(err.code(), "UNKNOWN_SALES_ORDER");
        assert!(err.detail().contains("1001"), "{err}");
    }

    #[test]
    fn a_poisoned_book_refuses_with_book_poisoned() {
        let book = Book::new(USD.into()).unwrap();
        let err = guard::<()>(|| {
            let _locked = book.lock()?;
            panic!("boom")
        })
        .unwrap_err();
        assert_eq!(err.code(), "INTERNAL");
        let err = book.version().unwrap_err();
        assert_eq!(err.code(), "BOOK_POISONED");
        assert!(err.detail().contains("unusable after a panic"), "{err}");
    }
}
