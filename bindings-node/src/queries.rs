//! The read-only methods `Book` and `Store` share, written once.
//!
//! Both classes answer the queries of `landed_json::JsonQueries` (`Store`
//! on the book it keeps in memory, without a copy). [`with_queries`] adds
//! them to a class as a second `#[napi] impl` block; the class supplies
//! `query`, which runs a read on its book and turns the error into the
//! thrown one. Call sites import `Env`, `Unknown` and `JsError`.

/// `#[napi] impl $class { the queries }`.
macro_rules! with_queries {
    ($class:ident) => {
        #[napi_derive::napi]
        impl $class {
            /// Number of commands executed (duplicates do not count).
            #[napi(getter)]
            pub fn version(&self) -> Result<i64, JsError> {
                self.query(|book| Ok($crate::book::version_number(book.version())))
            }

            /// The hash of the last event (64 hex digits; zeros for an empty book).
            /// Keep it beside the stored log: a log whose last hash differs was
            /// truncated or rewritten.
            #[napi(getter)]
            pub fn head_hash(&self) -> Result<String, JsError> {
                self.query(|book| Ok(book.head_hash()))
            }

            /// The configuration, with every default filled in.
            #[napi(getter, ts_return_type = "Required<BookConfig>")]
            pub fn config<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.config())?;
                $crate::book::from_json(env, &out)
            }

            /// The event log, oldest first: what a host stores, and what `replay`
            /// takes back.
            #[napi(ts_return_type = "RecordedEvent[]")]
            pub fn events<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.events())?;
                $crate::book::from_json(env, &out)
            }

            /// The event log as JSON lines (one string, an event per line): what
            /// `Book.replayLines` takes back.
            #[napi]
            pub fn events_lines(&self) -> Result<String, JsError> {
                self.query(|book| book.events_lines())
            }

            /// The whole book as JSON text, for `Book.restore`. The same book always
            /// gives the same text.
            #[napi]
            pub fn snapshot(&self) -> Result<String, JsError> {
                self.query(|book| book.snapshot())
            }

            /// One position (SKU at a location, and lot). A position never touched
            /// reports zeros. Throws `UNKNOWN_SKU`, `UNKNOWN_LOCATION`, `UNKNOWN_LOT`.
            #[napi(ts_return_type = "PositionReport")]
            pub fn position<'env>(
                &self,
                env: &'env Env,
                sku: String,
                location: String,
                lot: Option<String>,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.position(&sku, &location, lot.as_deref()))?;
                $crate::book::from_json(env, &out)
            }

            /// A SKU's stock across locations and lots, with totals per bucket.
            #[napi(ts_return_type = "StockReport")]
            pub fn stock<'env>(
                &self,
                env: &'env Env,
                sku: String,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.stock(&sku))?;
                $crate::book::from_json(env, &out)
            }

            /// Quantity and value per SKU and location (of one SKU, or all).
            #[napi(ts_return_type = "Valuation")]
            pub fn valuation<'env>(
                &self,
                env: &'env Env,
                sku: Option<String>,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.valuation(sku.as_deref()))?;
                $crate::book::from_json(env, &out)
            }

            /// Movements of a SKU, oldest first, with their signed effect on value.
            #[napi(ts_return_type = "History")]
            pub fn history<'env>(
                &self,
                env: &'env Env,
                sku: String,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.history(&sku))?;
                $crate::book::from_json(env, &out)
            }

            /// Every journal entry, oldest first: `{ id, date, memo, document?,
            /// reverses?, lines: [{ account, debit, credit, transaction_amount?,
            /// rate?, dimensions? }] }`. Debits and credits are decimal strings in
            /// the functional currency (the side a line does not use is zero).
            #[napi(ts_return_type = "Journal")]
            pub fn journal<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.journal())?;
                $crate::book::from_json(env, &out)
            }

            /// Debits, credits and balance (debit − credit) of every account with
            /// postings through `asOf` (`YYYY-MM-DD`, included), and the totals
            /// (always equal). With `filter` (`{ sku, location, lot, channel,
            /// document }`, any of them) only the journal lines whose dimensions
            /// match every given one count. Throws `INVALID_DATE` for a bad date,
            /// `INVALID_COMMAND` for a filter that is not a dimensions object
            /// (an unknown key included: a misspelt dimension would otherwise
            /// filter nothing).
            #[napi(
                ts_args_type = "asOf: string, filter?: LineDimensions | null",
                ts_return_type = "TrialBalance"
            )]
            pub fn trial_balance<'env>(
                &self,
                env: &'env Env,
                as_of: String,
                filter: Option<Unknown<'_>>,
            ) -> Result<Unknown<'env>, JsError> {
                let filter = $crate::book::filter_json(env, filter)?;
                let out = self.query(|book| book.trial_balance(&as_of, filter.as_deref()))?;
                $crate::book::from_json(env, &out)
            }

            /// Every account role's balance through `asOf` (`YYYY-MM-DD`): `{ as_of,
            /// roles: [{ role, accounts, debit, credit, balance }] }`, read through
            /// the book's posting rules, so inventory, cost of goods sold, goods in
            /// transit or realized FX need no account codes. Amounts are exact
            /// decimal strings; `filter` as for `trialBalance`.
            #[napi(
                ts_args_type = "asOf: string, filter?: LineDimensions | null",
                ts_return_type = "RoleBalances"
            )]
            pub fn role_balances<'env>(
                &self,
                env: &'env Env,
                as_of: String,
                filter: Option<Unknown<'_>>,
            ) -> Result<Unknown<'env>, JsError> {
                let filter = $crate::book::filter_json(env, filter)?;
                let out = self.query(|book| book.role_balances(&as_of, filter.as_deref()))?;
                $crate::book::from_json(env, &out)
            }

            /// One account's postings in date order, each with its entry, memo,
            /// debit, credit, dimensions and the running `balance` after it.
            /// Throws `UNKNOWN_ACCOUNT` for a code not in the chart.
            #[napi(ts_return_type = "AccountLedger")]
            pub fn account_ledger<'env>(
                &self,
                env: &'env Env,
                account: String,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.account_ledger(&account))?;
                $crate::book::from_json(env, &out)
            }

            /// Receivables and payables open now (every settlement recorded so far
            /// applied), aged on `asOf` (`YYYY-MM-DD`): the amount `open` in the
            /// document's currency, the functional amount `carrying` it, the days
            /// past the due date (`days_overdue`, 0 when not yet due) and their
            /// `bucket` (`0-30`, `31-60`, `61-90`, `90+`). Settled documents are left
            /// out.
            #[napi(ts_return_type = "OpenItems")]
            pub fn open_items<'env>(
                &self,
                env: &'env Env,
                as_of: String,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.open_items(&as_of))?;
                $crate::book::from_json(env, &out)
            }

            /// Inventory value per valuation scope: the stock's value (`subledger`)
            /// against the balance of the inventory accounts on lines of its
            /// locations (`ledger`), and the `difference`, zero unless something
            /// posted around the book. Once transfers exist, a `goods_in_transit`
            /// line compares the transfers in transit with their account.
            #[napi(ts_return_type = "Reconciliation")]
            pub fn reconciliation<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.reconciliation())?;
                $crate::book::from_json(env, &out)
            }

            /// Every purchase order, by order number, with its lines (ordered,
            /// received, cancelled, outstanding and in-transit units), status,
            /// receipt numbers and the values ordered and outstanding in the
            /// supplier's currency.
            #[napi(ts_return_type = "PurchaseOrders")]
            pub fn purchase_orders<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.purchase_orders())?;
                $crate::book::from_json(env, &out)
            }

            /// One sales order with the status of its lines: units ordered,
            /// reserved, shipped, cancelled, returned and unserved, per location,
            /// the amounts `recognised` so far (in the channel's currency) and the
            /// `net_cost` of the units shipped less those returned, as exact
            /// decimal strings. Throws `UNKNOWN_SALES_ORDER` if the book has no
            /// order by that channel and id.
            #[napi(ts_return_type = "SalesOrderStatus")]
            pub fn sales_order<'env>(
                &self,
                env: &'env Env,
                channel: String,
                order: String,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.sales_order(&channel, &order))?;
                $crate::book::from_json(env, &out)
            }

            /// Every sales order (of one channel, when given), by channel and order
            /// id, each as `salesOrder` returns it.
            #[napi(ts_return_type = "SalesOrders")]
            pub fn sales_orders<'env>(
                &self,
                env: &'env Env,
                channel: Option<String>,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.sales_orders(channel.as_deref()))?;
                $crate::book::from_json(env, &out)
            }

            /// One marketplace settlement as the book recorded it: channel, dates,
            /// the orders it paid out, the `net` paid (a decimal string in the
            /// channel's currency) and the rows it could not match. Throws
            /// `UNKNOWN_DOCUMENT` if the book has no settlement by that id.
            #[napi(ts_return_type = "SettlementSummary")]
            pub fn sales_settlement<'env>(
                &self,
                env: &'env Env,
                settlement: String,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.sales_settlement(&settlement))?;
                $crate::book::from_json(env, &out)
            }

            /// Every marketplace settlement (of one channel, when given), by id,
            /// each as `salesSettlement` returns it.
            #[napi(ts_return_type = "SalesSettlements")]
            pub fn sales_settlements<'env>(
                &self,
                env: &'env Env,
                channel: Option<String>,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.sales_settlements(channel.as_deref()))?;
                $crate::book::from_json(env, &out)
            }

            /// What was earned from `query.from` to `query.to` (`YYYY-MM-DD`, both
            /// included) grouped by `query.group_by` (`order`, `sku`, `channel`
            /// or `month`): revenue, shipping, sales returns (refunds), cost of goods (landed
            /// cost included), return losses, fees, advertising, reimbursements,
            /// realized FX and profit as decimal strings, in the functional
            /// currency and per channel currency. `basis: "settlement"` dates an
            /// order's lines by the settlement that paid them out; `channel` keeps
            /// one channel's lines. The totals equal the ledger's accounts for the
            /// period. Throws `INVALID_COMMAND` for a malformed query (unknown keys
            /// included), `UNKNOWN_CHANNEL` for a channel the book does not know.
            #[napi(ts_args_type = "query: ProfitQuery", ts_return_type = "ProfitReport")]
            pub fn profit<'env>(
                &self,
                env: &'env Env,
                query: Unknown<'_>,
            ) -> Result<Unknown<'env>, JsError> {
                let query = $crate::error::guard(|| $crate::book::to_json(env, query, "query"))?;
                let out = self.query(|book| book.profit(&query))?;
                $crate::book::from_json(env, &out)
            }

            /// The open exceptions of every sales order: lines selling an unknown
            /// listing (`unknown_listing`), units no location could serve
            /// (`no_stock`), flagged addresses and unpaid orders, each `{ channel,
            /// order, line?, kind, quantity }`.
            #[napi(ts_return_type = "OrderExceptions")]
            pub fn order_exceptions<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.order_exceptions())?;
                $crate::book::from_json(env, &out)
            }

            /// One listing's available-to-sell figure: what each serving location
            /// can supply, the whole packs together (`supply`), the figure after
            /// the listing's policy (`available`) and the quantity last pushed.
            /// Throws `UNKNOWN_CHANNEL`, or `INVALID_COMMAND` for a listing the
            /// channel does not have.
            #[napi(ts_return_type = "ListingAvailability")]
            pub fn available_to_sell<'env>(
                &self,
                env: &'env Env,
                channel: String,
                listing: String,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.available_to_sell(&channel, &listing))?;
                $crate::book::from_json(env, &out)
            }

            /// The quantities to push: every listing (of one channel, when given)
            /// whose figure differs from the quantity last acknowledged with an
            /// `acknowledge_stock_push` command, with that `previous` quantity
            /// (`null`: never pushed), by channel and listing.
            #[napi(ts_return_type = "PushList")]
            pub fn stock_to_push<'env>(
                &self,
                env: &'env Env,
                channel: Option<String>,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.stock_to_push(channel.as_deref()))?;
                $crate::book::from_json(env, &out)
            }

            /// The differences between a channel's own stock report and the
            /// book's buckets: `report` is `{ format: 'shopify' | 'fba', channel?,
            /// location?, rows: [{ sku | listing, quantity fields… }] }`; each
            /// differing field comes back as `{ sku, listing?, location, field,
            /// buckets, channel_units, book_units, delta }`, unknown SKUs and
            /// listings under `unmatched`, per-field `totals`. Changes nothing.
            /// Throws `INVALID_COMMAND` (naming the field) for a malformed report,
            /// `UNKNOWN_CHANNEL` or `UNKNOWN_LOCATION`.
            #[napi(
                ts_args_type = "report: ChannelStockReport",
                ts_return_type = "ChannelStockReconciliation"
            )]
            pub fn reconcile_channel_stock<'env>(
                &self,
                env: &'env Env,
                report: Unknown<'_>,
            ) -> Result<Unknown<'env>, JsError> {
                let report = $crate::error::guard(|| $crate::book::to_json(env, report, "report"))?;
                let out = self.query(|book| book.reconcile_channel_stock(&report))?;
                $crate::book::from_json(env, &out)
            }

            /// One transfer's state: its lines (shipped, accepted, damaged, short),
            /// status, carrier details and milestones. Throws `UNKNOWN_DOCUMENT`
            /// for a transfer number the book does not know.
            #[napi(ts_return_type = "Transfer")]
            pub fn transfer<'env>(
                &self,
                env: &'env Env,
                transfer: String,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.transfer(&transfer))?;
                $crate::book::from_json(env, &out)
            }

            /// Stock by SKU, location and bucket: each (SKU, location) holding
            /// units as `{ sku, location, scope, quantities, on_hand, value }`,
            /// sorted by SKU then location, with totals per location and overall.
            /// `query` is optional: `{ sku?, location? }`. Changes nothing. Throws
            /// `INVALID_COMMAND` for an unknown key, `UNKNOWN_SKU` or
            /// `UNKNOWN_LOCATION`.
            #[napi(
                ts_args_type = "query?: StockByLocationQuery | null",
                ts_return_type = "StockByLocation"
            )]
            pub fn stock_by_location<'env>(
                &self,
                env: &'env Env,
                query: Option<Unknown<'_>>,
            ) -> Result<Unknown<'env>, JsError> {
                let query = $crate::error::guard(|| {
                    query
                        .map(|q| $crate::book::to_json(env, q, "query"))
                        .transpose()
                })?;
                let out = self.query(|book| book.stock_by_location(query.as_deref()))?;
                $crate::book::from_json(env, &out)
            }

            /// Inventory aging by receipt date in Amazon FBA's buckets
            /// (`days_0_90` … `days_over_365`, and `undated` for units the book
            /// cannot date), per SKU and valuation scope, with totals per scope and
            /// overall. `query` is `{ as_of: 'YYYY-MM-DD', sku? }`. Changes
            /// nothing. Throws `INVALID_COMMAND` (naming the field) for a malformed
            /// query, `UNKNOWN_SKU`.
            #[napi(
                ts_args_type = "query: InventoryAgingQuery",
                ts_return_type = "InventoryAging"
            )]
            pub fn inventory_aging<'env>(
                &self,
                env: &'env Env,
                query: Unknown<'_>,
            ) -> Result<Unknown<'env>, JsError> {
                let query = $crate::error::guard(|| $crate::book::to_json(env, query, "query"))?;
                let out = self.query(|book| book.inventory_aging(&query))?;
                $crate::book::from_json(env, &out)
            }

            /// Alerts that need no demand history, each with a `kind`:
            /// `lot_expired`, `lot_near_expiry`, `aged_stock` or `transfer_late`.
            /// `query` is `{ as_of: 'YYYY-MM-DD', expiry_within_days?,
            /// aged_over_days? }` (0 to 36,500 days, defaults 90 and 365). Changes
            /// nothing. Throws `INVALID_COMMAND` (naming the field) for a malformed
            /// query.
            #[napi(
                ts_args_type = "query: InventoryAlertsQuery",
                ts_return_type = "InventoryAlerts"
            )]
            pub fn inventory_alerts<'env>(
                &self,
                env: &'env Env,
                query: Unknown<'_>,
            ) -> Result<Unknown<'env>, JsError> {
                let query = $crate::error::guard(|| $crate::book::to_json(env, query, "query"))?;
                let out = self.query(|book| book.inventory_alerts(&query))?;
                $crate::book::from_json(env, &out)
            }

            /// Replenishment as of a date: per SKU and location the daily demand,
            /// the lead time, safety stock, reorder point, order-up-to level, days
            /// of supply, the FBA restock and turnover; purchase and transfer
            /// suggestions in whole cases with their likely cost; alerts
            /// (`below_reorder_point`, `stockout_before_arrival`, `overstock`);
            /// inbound arrivals against the lead time; and per SKU the profit of
            /// the window beside its days of supply. Decimals are strings. `query`
            /// is `{ as_of: 'YYYY-MM-DD', window_days?, service_level?,
            /// review_days?, target_days?, overstock_days?,
            /// default_lead_time_days?, skus?, policies? }` (defaults 90 days,
            /// '0.95', 7, 60 and 180). Changes nothing. Throws `INVALID_COMMAND`
            /// (naming the field) for a malformed query, `UNKNOWN_SKU` or
            /// `UNKNOWN_LOCATION`.
            #[napi(
                ts_args_type = "query: ReplenishmentQuery",
                ts_return_type = "Replenishment"
            )]
            pub fn replenishment<'env>(
                &self,
                env: &'env Env,
                query: Unknown<'_>,
            ) -> Result<Unknown<'env>, JsError> {
                let query = $crate::error::guard(|| $crate::book::to_json(env, query, "query"))?;
                let out = self.query(|book| book.replenishment(&query))?;
                $crate::book::from_json(env, &out)
            }

            /// Transfers and supplier shipments with units in transit on `asOf`
            /// (`YYYY-MM-DD`), totals by destination, and `total_value`, the value
            /// of every transfer in transit (equal to the goods-in-transit account).
            /// Throws `INVALID_DATE` for a bad date.
            #[napi(ts_return_type = "InTransitReport")]
            pub fn in_transit<'env>(
                &self,
                env: &'env Env,
                as_of: String,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.in_transit(&as_of))?;
                $crate::book::from_json(env, &out)
            }

            /// Landed cost per receipt and transfer line (`lines`) and per SKU
            /// (`skus`): purchase, freight, duty, insurance and other charges, in
            /// total and per unit, in the functional currency (of one SKU, or all).
            #[napi(
                ts_args_type = "sku?: string | null",
                ts_return_type = "LandedCostReport"
            )]
            pub fn landed_cost<'env>(
                &self,
                env: &'env Env,
                sku: Option<String>,
            ) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.landed_cost(sku.as_deref()))?;
                $crate::book::from_json(env, &out)
            }

            /// Landed-cost accruals still open (bills accrued with
            /// `accrue_landed_cost` that vouchers have not fully allocated), by bill
            /// number: the bill, its functional amount, what is left (`open`) and
            /// the vouchers that cleared part of it.
            #[napi(ts_return_type = "Accruals")]
            pub fn accruals<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
                let out = self.query(|book| book.accruals())?;
                $crate::book::from_json(env, &out)
            }
        }
    };
}

pub(crate) use with_queries;
