//! The read-only methods `Book` and `Store` share, written once.
//!
//! Both objects answer the queries of `landed_json::JsonQueries` (`Store`
//! on the book it keeps in memory, without a copy). [`with_queries`] adds
//! them to an object as a second `#[uniffi::export] impl` block; the object
//! supplies `lock`, which gives its JSON book or store (or
//! `BOOK_POISONED`). Call sites import the argument types (`IsoDate`,
//! `LineFilter`, `ProfitGroup`, `ProfitBasis`), `LandedError` and
//! `JsonQueries`.

/// `#[uniffi::export] impl $object { the queries }`.
macro_rules! with_queries {
    ($object:ident) => {
        #[uniffi::export]
        impl $object {
            /// The book's version: the number of commands executed.
            pub fn version(&self) -> Result<u64, LandedError> {
                $crate::error::guard(|| Ok(self.lock()?.version()))
            }

            /// The hash of the last event (64 hex digits; zeros for an empty book).
            /// Keep it beside the stored log: a log whose last hash differs was
            /// truncated or rewritten.
            pub fn head_hash(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| Ok(self.lock()?.head_hash()))
            }

            /// The configuration as JSON (every option spelled out).
            pub fn config(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.config())
            }

            /// The event log as a JSON array of recorded events: what a host stores
            /// and hands to `Book.replay`.
            pub fn events(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.events())
            }

            /// The event log as JSON lines (an event per line): what
            /// `Book.replayLines` takes back.
            pub fn events_lines(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.events_lines())
            }

            /// The whole book as JSON, for `Book.restore`. The same book always
            /// gives the same text.
            pub fn snapshot(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.snapshot())
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
                $crate::error::guard(|| self.lock()?.position(&sku, &location, lot.as_deref()))
            }

            /// A SKU's stock across locations and lots, with totals, as JSON.
            pub fn stock(&self, sku: String) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.stock(&sku))
            }

            /// Valuation lines (quantity, value, unit cost per SKU and location) of
            /// one SKU, or of all when `sku` is null, as a JSON array.
            #[uniffi::method(default(sku = None))]
            pub fn valuation(&self, sku: Option<String>) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.valuation(sku.as_deref()))
            }

            /// Every movement of a SKU with its signed value, oldest first, as a
            /// JSON array.
            pub fn history(&self, sku: String) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.history(&sku))
            }

            /// Every journal entry, oldest first, as a JSON array of
            /// `{"id", "date", "memo", "document"?, "reverses"?, "lines": [{"account",
            /// "debit", "credit", "transaction_amount"?, "rate"?, "dimensions"?}]}`.
            /// Debits and credits are decimal strings in the functional currency.
            pub fn journal(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.journal())
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
                $crate::error::guard(|| {
                    let filter = $crate::book::filter_json(filter)?;
                    self.lock()?
                        .trial_balance(&$crate::book::iso(as_of), filter.as_deref())
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
                $crate::error::guard(|| {
                    let filter = $crate::book::filter_json(filter)?;
                    self.lock()?
                        .role_balances(&$crate::book::iso(as_of), filter.as_deref())
                })
            }

            /// An account's postings in date order with the running balance (debit
            /// − credit) after each, as a JSON array of `{"entry", "date", "memo",
            /// "debit", "credit", "balance", "dimensions"}`. Fails with
            /// `UNKNOWN_ACCOUNT` for a code not in the chart.
            pub fn account_ledger(&self, account: String) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.account_ledger(&account))
            }

            /// Open receivables and payables aged on `as_of`, as a JSON array of
            /// `{"document", "kind", "party", "account", "date", "due_date",
            /// "original", "open", "carrying", "rate", "days_overdue", "bucket"}`;
            /// `bucket` is `"0-30"`, `"31-60"`, `"61-90"` or `"90+"` days past due.
            pub fn open_items(&self, as_of: IsoDate) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.open_items(&$crate::book::iso(as_of)))
            }

            /// Inventory value per valuation scope in the subledger (the stock's
            /// valuation) against the ledger (the inventory accounts), as a JSON
            /// array of `{"scope", "locations", "subledger", "ledger",
            /// "difference"}`. Once transfers exist, a last line with scope
            /// `"goods_in_transit"` compares the pieces in transit with the
            /// goods-in-transit account. The difference is zero unless something
            /// posted around the book.
            pub fn reconciliation(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.reconciliation())
            }

            /// Every purchase order as a JSON array of `{"po", "supplier", "date",
            /// "status", "lines": [{"line", "sku", "destination", "ordered",
            /// "received", "in_transit", "cancelled", "outstanding", "unit_price",
            /// "expected_date"}], "receipts", "ordered_value", "outstanding_value"}`
            /// (`docs/schema/purchase-orders.schema.json`). `status` is `"draft"`,
            /// `"confirmed"`, `"shipped"`, `"partially_received"`, `"received"`,
            /// `"closed"` or `"cancelled"`.
            pub fn purchase_orders(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.purchase_orders())
            }

            /// One sales order as JSON `{"channel", "order", "date", "currency",
            /// "fulfilment", "revision", "shipments", "lines": [{"line", "listing",
            /// "skus", "ordered", "reserved", "shipped", "cancelled", "returned",
            /// "unserved", "locations": [{"location", "reserved", "shipped"}],
            /// "recognised", "net_cost"}]}` (`docs/schema/sales-orders.schema.json`),
            /// amounts as exact decimal strings. Fails with `UNKNOWN_SALES_ORDER`
            /// if the book has no order by that channel and id.
            pub fn sales_order(
                &self,
                channel: String,
                order: String,
            ) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.sales_order(&channel, &order))
            }

            /// Every sales order (of one channel, when given), by channel and order
            /// id, as a JSON array of what [`Book::sales_order`] returns.
            #[uniffi::method(default(channel = None))]
            pub fn sales_orders(&self, channel: Option<String>) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.sales_orders(channel.as_deref()))
            }

            /// The open exceptions of every sales order, as a JSON array of
            /// `{"channel", "order", "line"?, "kind", "quantity"}`
            /// (`docs/schema/order-exceptions.schema.json`); `kind` is
            /// `"unknown_listing"`, `"no_stock"`, `"address_flagged"` or `"unpaid"`.
            pub fn order_exceptions(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.order_exceptions())
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
                $crate::error::guard(|| self.lock()?.available_to_sell(&channel, &listing))
            }

            /// The quantities to push, as a JSON array of `{"channel", "listing",
            /// "sku"?, "bundle"?, "previous", "available"}`
            /// (`docs/schema/push-list.schema.json`): every listing (of one
            /// channel, when given) whose figure differs from the quantity last
            /// acknowledged with an `acknowledge_stock_push` command (`previous`
            /// null: never pushed), by channel and listing.
            #[uniffi::method(default(channel = None))]
            pub fn stock_to_push(&self, channel: Option<String>) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.stock_to_push(channel.as_deref()))
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
            pub fn reconcile_channel_stock(
                &self,
                report_json: String,
            ) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.reconcile_channel_stock(&report_json))
            }

            /// Stock by SKU, location and bucket as JSON `{"lines": [{"sku",
            /// "location", "scope", "quantities", "on_hand", "value"}],
            /// "locations", "totals", "on_hand", "value"}`
            /// (`docs/schema/stock-by-location.schema.json`), sorted by SKU then
            /// location. `query_json` is `{"sku"?, "location"?}` or null for
            /// everything. Changes nothing. Fails with `INVALID_COMMAND` for an
            /// unknown key, `UNKNOWN_SKU` or `UNKNOWN_LOCATION`.
            #[uniffi::method(default(query_json = None))]
            pub fn stock_by_location(
                &self,
                query_json: Option<String>,
            ) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.stock_by_location(query_json.as_deref()))
            }

            /// Inventory aging by receipt date in Amazon FBA's buckets
            /// (`days_0_90` … `days_over_365`, and `undated`) per SKU and valuation
            /// scope, as JSON `{"as_of", "lines", "by_scope", "totals"}`
            /// (`docs/schema/inventory-aging.schema.json`). `query_json` is
            /// `{"as_of": "YYYY-MM-DD", "sku"?}`. Changes nothing. Fails with
            /// `INVALID_COMMAND` (naming the field) for a malformed query,
            /// `UNKNOWN_SKU`.
            pub fn inventory_aging(&self, query_json: String) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.inventory_aging(&query_json))
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
                $crate::error::guard(|| self.lock()?.inventory_alerts(&query_json))
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
                $crate::error::guard(|| self.lock()?.replenishment(&query_json))
            }

            /// One marketplace settlement as JSON `{"channel", "settlement",
            /// "date", "currency", "orders", "net", "unmatched", …}`
            /// (`docs/schema/sales-settlements.schema.json`), amounts as exact
            /// decimal strings. Fails with `UNKNOWN_DOCUMENT` if the book has no
            /// settlement by that id.
            pub fn sales_settlement(&self, settlement: String) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.sales_settlement(&settlement))
            }

            /// Every marketplace settlement (of one channel, when given), by id, as
            /// a JSON array of what [`Book::sales_settlement`] returns.
            #[uniffi::method(default(channel = None))]
            pub fn sales_settlements(
                &self,
                channel: Option<String>,
            ) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.sales_settlements(channel.as_deref()))
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
                $crate::error::guard(|| {
                    let mut query = landed::report::ProfitQuery::new(from, to, group_by.into());
                    query.basis = basis.unwrap_or_default().into();
                    query.channel = channel;
                    let query = serde_json::to_string(&query).map_err(|e| {
                        landed::LandedError::Internal {
                            detail: e.to_string(),
                        }
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
                $crate::error::guard(|| self.lock()?.transfer(&id))
            }

            /// What is on the way on `as_of`, transfers and supplier shipments, as
            /// JSON `{"as_of", "shipments": [{"kind", "document", "from",
            /// "destination", "carrier", "tracking", "eta", "units", "value",
            /// "days_in_transit", "last_milestone", …}], "by_destination",
            /// "total_value"}` (`docs/schema/in-transit.schema.json`). `total_value`
            /// is what the transfers in transit are worth: the goods-in-transit
            /// account's balance.
            pub fn in_transit(&self, as_of: IsoDate) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.in_transit(&$crate::book::iso(as_of)))
            }

            /// Landed cost of one SKU, or of all when `sku` is null, as JSON
            /// `{"lines": [{"target", "sku", "quantity", "total", "per_unit"}],
            /// "skus": [{"sku", "quantity", "total", "per_unit"}]}`: per receipt or
            /// transfer line and per SKU, each cost split into `purchase`,
            /// `freight`, `duty`, `insurance`, `other` and `total` Money objects
            /// (`docs/schema/landed-cost.schema.json`).
            #[uniffi::method(default(sku = None))]
            pub fn landed_cost(&self, sku: Option<String>) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.landed_cost(sku.as_deref()))
            }

            /// Landed-cost accruals still open (bills accrued with
            /// `accrue_landed_cost` that vouchers have not fully allocated), by bill
            /// number, as a JSON array: each with `accrual` (the bill), `functional`,
            /// `open` (what is left) and `cleared_by`
            /// (`docs/schema/accruals.schema.json`).
            pub fn accruals(&self) -> Result<String, LandedError> {
                $crate::error::guard(|| self.lock()?.accruals())
            }
        }
    };
}

pub(crate) use with_queries;
