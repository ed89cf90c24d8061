//! The read-only methods `Book` and `Store` share, written once.
//!
//! Both classes answer the same queries of `landed_json::JsonQueries`
//! (`Store` on the book it keeps in memory, without a copy). pyo3 takes one
//! `#[pymethods]` block per class, so [`with_queries`] writes the whole
//! block: the class's own methods, given to it, then these. `$query` names
//! the class's method that runs a read on its book with the GIL released
//! (`with_book` for `Book`, `query` for `Store`).

/// `#[pymethods] impl $class { $own… ; the queries }`.
macro_rules! with_queries {
    ($class:ident, $query:ident, { $($own:tt)* }) => {
        #[pyo3::pymethods]
        impl $class {
            $($own)*

            /// Number of commands executed.
            #[getter]
            fn version(&self, py: Python<'_>) -> PyResult<u64> {
                self.$query(py, |book| Ok(book.version()))
            }

            /// The hash of the last event (64 hex digits; zeros for an empty book).
            /// Keep it beside the stored log: a log whose last hash differs was
            /// truncated or rewritten.
            #[getter]
            fn head_hash(&self, py: Python<'_>) -> PyResult<String> {
                self.$query(py, |book| Ok(book.head_hash()))
            }

            /// The configuration, every option spelled out.
            #[getter]
            fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.config())?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// The event log as JSON lines (one `str`, an event per line): what
            /// `replay_lines` takes back.
            fn events_lines(&self, py: Python<'_>) -> PyResult<String> {
                self.$query(py, |book| book.events_lines())
            }

            /// The event log, oldest first: what a host stores, and what `replay`
            /// takes back.
            fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.events())?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// The event log as one JSON text (an array, oldest first), exactly as
            /// the core writes it: decimals are strings, so it needs no custom
            /// encoder, and `json.loads` of it gives what `events()` gives with
            /// `str` in place of `decimal.Decimal`. `replay` takes it back.
            fn events_json(&self, py: Python<'_>) -> PyResult<String> {
                self.$query(py, |book| book.events())
            }

            /// The whole book as JSON text (see `restore`).
            fn snapshot(&self, py: Python<'_>) -> PyResult<String> {
                self.$query(py, |book| book.snapshot())
            }

            /// One position (zeros if never touched).
            #[pyo3(signature = (sku, location, lot = None))]
            fn position<'py>(
                &self,
                py: Python<'py>,
                sku: &str,
                location: &str,
                lot: Option<&str>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.position(sku, location, lot))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// A SKU's stock across locations, with totals per bucket.
            fn stock<'py>(&self, py: Python<'py>, sku: &str) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.stock(sku))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Valuation lines of one SKU, or of all SKUs.
            #[pyo3(signature = (sku = None))]
            fn valuation<'py>(&self, py: Python<'py>, sku: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.valuation(sku))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Movements of a SKU with their effect on value.
            fn history<'py>(&self, py: Python<'py>, sku: &str) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.history(sku))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Every journal entry, oldest first (entry `id` is the sequence number
            /// of its `journal_posted` event).
            fn journal<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.journal())?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Trial balance through `as_of` (a `datetime.date` or `"YYYY-MM-DD"`).
            /// `filter`, if given, is a dimensions dict (`{"sku": "A"}`,
            /// `{"location": "SZ", "document": "INV-1"}`…): only journal lines
            /// matching every given dimension are counted.
            #[pyo3(signature = (as_of, filter = None))]
            fn trial_balance<'py>(
                &self,
                py: Python<'py>,
                as_of: &Bound<'py, PyAny>,
                filter: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let (as_of, filter) = $crate::book::ledger_report_args(as_of, filter)?;
                let text = self.$query(py, |book| book.trial_balance(&as_of, filter.as_deref()))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Every account role's balance through `as_of` (inventory, COGS,
            /// goods in transit, realized FX…), read through the book's posting
            /// rules so the host need not know its account codes: `{"as_of",
            /// "roles": [{"role", "accounts", "debit", "credit", "balance"}]}`,
            /// amounts as `decimal.Decimal`. `filter` as for `trial_balance`.
            #[pyo3(signature = (as_of, filter = None))]
            fn role_balances<'py>(
                &self,
                py: Python<'py>,
                as_of: &Bound<'py, PyAny>,
                filter: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let (as_of, filter) = $crate::book::ledger_report_args(as_of, filter)?;
                let text = self.$query(py, |book| book.role_balances(&as_of, filter.as_deref()))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// An account's postings by date, with the running balance (debit −
            /// credit) after each line.
            fn account_ledger<'py>(&self, py: Python<'py>, account: &str) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.account_ledger(account))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Open receivables and payables, aged on `as_of` (a `datetime.date`
            /// or `"YYYY-MM-DD"`): days past due and the bucket `0-30`, `31-60`,
            /// `61-90` or `90+`.
            fn open_items<'py>(
                &self,
                py: Python<'py>,
                as_of: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let as_of = $crate::errors::shielded(|| Ok($crate::convert::date_from_py(as_of)?.to_string()))?;
                let text = self.$query(py, |book| book.open_items(&as_of))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Inventory value per valuation scope in the subledger (stock) and in
            /// the ledger (inventory accounts), with the difference (zero unless
            /// something posted around the book); once transfers exist, also goods
            /// in transit against its account (scope `"goods_in_transit"`).
            fn reconciliation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.reconciliation())?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Every purchase order with its lines: ordered, received, invoiced
            /// and outstanding units, and the order's status.
            fn purchase_orders<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.purchase_orders())?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// One sales order with the status of its lines: units ordered,
            /// reserved, shipped, cancelled, returned and unserved, per location,
            /// the amounts recognised so far (in the channel's currency) and the
            /// `net_cost` of the units shipped less those returned, amounts as
            /// `decimal.Decimal`. Raises `UnknownSalesOrderError` if the book has
            /// no order by that channel and id.
            fn sales_order<'py>(
                &self,
                py: Python<'py>,
                channel: &str,
                order: &str,
            ) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.sales_order(channel, order))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Every sales order (of one channel, when given), by channel and
            /// order id, each as `sales_order` returns it.
            #[pyo3(signature = (channel = None))]
            fn sales_orders<'py>(
                &self,
                py: Python<'py>,
                channel: Option<&str>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.sales_orders(channel))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// One marketplace settlement as the book recorded it: its channel,
            /// dates, the orders it paid out, the net paid (`decimal.Decimal` in
            /// the channel's currency) and the rows it could not match. Raises
            /// `UnknownDocumentError` if the book has no settlement by that id.
            fn sales_settlement<'py>(
                &self,
                py: Python<'py>,
                settlement: &str,
            ) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.sales_settlement(settlement))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Every marketplace settlement (of one channel, when given), by id,
            /// each as `sales_settlement` returns it.
            #[pyo3(signature = (channel = None))]
            fn sales_settlements<'py>(
                &self,
                py: Python<'py>,
                channel: Option<&str>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.sales_settlements(channel))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// What was earned from `start` to `end` (dates or `"YYYY-MM-DD"`,
            /// both included), grouped by `"order"`, `"sku"`, `"channel"` or
            /// `"month"`: revenue, shipping, sales returns (refunds), cost of goods (landed cost
            /// included), return losses, fees, advertising, reimbursements,
            /// realized FX and profit, in the functional currency and per channel
            /// currency, as `decimal.Decimal`. `basis="settlement"` dates an
            /// order's lines by the settlement that paid them out; `channel` keeps
            /// one channel's lines. The totals equal the ledger's accounts for the
            /// period. Raises `UnknownChannelError` for a channel the book does not
            /// know and `InvalidCommandError` for a bad grouping or basis.
            #[pyo3(signature = (start, end, group_by, *, basis = None, channel = None))]
            fn profit<'py>(
                &self,
                py: Python<'py>,
                start: &Bound<'py, PyAny>,
                end: &Bound<'py, PyAny>,
                group_by: &str,
                basis: Option<&str>,
                channel: Option<&str>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let query = $crate::errors::shielded(|| {
                    let mut query = serde_json::json!({
                        "from": $crate::convert::date_from_py(start)?.to_string(),
                        "to": $crate::convert::date_from_py(end)?.to_string(),
                        "group_by": group_by,
                    });
                    if let Some(basis) = basis {
                        query["basis"] = basis.into();
                    }
                    if let Some(channel) = channel {
                        query["channel"] = channel.into();
                    }
                    Ok(query.to_string())
                })?;
                let text = self.$query(py, |book| book.profit(&query))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// The open exceptions of every sales order: lines selling an unknown
            /// listing, units no location could serve, flagged addresses and
            /// unpaid orders (`{"channel", "order", "line"?, "kind", "quantity"}`).
            fn order_exceptions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.order_exceptions())?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// One listing's available-to-sell figure: what each serving location
            /// can supply, the whole packs together (`supply`), the figure after
            /// the listing's policy (`available`) and the quantity last pushed.
            /// Raises `UnknownChannelError`, or `InvalidCommandError` for a
            /// listing the channel does not have.
            fn available_to_sell<'py>(
                &self,
                py: Python<'py>,
                channel: &str,
                listing: &str,
            ) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.available_to_sell(channel, listing))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// The quantities to push: every listing (of one channel, when given)
            /// whose figure differs from the quantity last acknowledged with an
            /// `acknowledge_stock_push` command, with that previous quantity
            /// (`None`: never pushed), by channel and listing.
            #[pyo3(signature = (channel = None))]
            fn stock_to_push<'py>(
                &self,
                py: Python<'py>,
                channel: Option<&str>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.stock_to_push(channel))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// The differences between a channel's own stock report and the
            /// book's buckets. `report` is a dict `{"format":
            /// "shopify" | "fba", "channel"?, "location"?, "rows": [{"sku" |
            /// "listing", quantity fields…}]}`; each differing field comes back as
            /// `{"sku", "listing"?, "location", "field", "buckets",
            /// "channel_units", "book_units", "delta"}`, with unknown SKUs and
            /// listings under `unmatched` and per-field `totals`. Changes nothing.
            /// Raises `InvalidCommandError` (naming the field) for a malformed
            /// report, `UnknownChannelError` or `UnknownLocationError`.
            fn reconcile_channel_stock<'py>(
                &self,
                py: Python<'py>,
                report: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let report = $crate::errors::shielded(|| $crate::json::to_json(report, "report"))?;
                let text = self.$query(py, |book| book.reconcile_channel_stock(&report))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Stock by SKU, location and bucket: each (SKU, location) holding
            /// units as `{"sku", "location", "scope", "quantities": {bucket:
            /// units, …}, "on_hand", "value"}`, sorted by SKU then location, with
            /// totals per location and overall; values as `decimal.Decimal`.
            /// `query` is an optional dict `{"sku"?, "location"?}`. Changes
            /// nothing. Raises `InvalidCommandError` for an unknown key,
            /// `UnknownSkuError` or `UnknownLocationError`.
            #[pyo3(signature = (query = None))]
            fn stock_by_location<'py>(
                &self,
                py: Python<'py>,
                query: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let query = $crate::errors::shielded(|| query.map(|q| $crate::json::to_json(q, "query")).transpose())?;
                let text = self.$query(py, |book| book.stock_by_location(query.as_deref()))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Inventory aging by receipt date in Amazon FBA's buckets
            /// (`days_0_90` … `days_over_365`, and `undated` for units the book
            /// cannot date), per SKU and valuation scope, with totals per scope and
            /// overall. `query` is a dict `{"as_of": date or "YYYY-MM-DD",
            /// "sku"?}`. Changes nothing. Raises `InvalidCommandError` (naming the
            /// field) for a malformed query, `UnknownSkuError`.
            fn inventory_aging<'py>(
                &self,
                py: Python<'py>,
                query: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let query = $crate::errors::shielded(|| $crate::json::to_json(query, "query"))?;
                let text = self.$query(py, |book| book.inventory_aging(&query))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Alerts that need no demand history, each a dict with a `kind`:
            /// `lot_expired`, `lot_near_expiry`, `aged_stock` or `transfer_late`.
            /// `query` is a dict `{"as_of": date or "YYYY-MM-DD",
            /// "expiry_within_days"?, "aged_over_days"?}` (0 to 36,500 days,
            /// defaults 90 and 365). Changes nothing. Raises `InvalidCommandError`
            /// (naming the field) for a malformed query.
            fn inventory_alerts<'py>(
                &self,
                py: Python<'py>,
                query: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let query = $crate::errors::shielded(|| $crate::json::to_json(query, "query"))?;
                let text = self.$query(py, |book| book.inventory_alerts(&query))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Replenishment as of a date: per SKU and location the daily demand,
            /// the lead time, safety stock, reorder point, order-up-to level, days
            /// of supply, the FBA restock and turnover; purchase and transfer
            /// suggestions in whole cases with their likely cost; alerts
            /// (`below_reorder_point`, `stockout_before_arrival`, `overstock`);
            /// inbound arrivals against the lead time; and per SKU the profit of
            /// the window beside its days of supply. Figures as
            /// `decimal.Decimal`. `query` is a dict `{"as_of": date or
            /// "YYYY-MM-DD", "window_days"?, "service_level"?, "review_days"?,
            /// "target_days"?, "overstock_days"?, "default_lead_time_days"?,
            /// "skus"?, "policies"?}` (defaults 90 days, 0.95, 7, 60 and 180;
            /// decimals as `decimal.Decimal` or strings). Changes nothing. Raises
            /// `InvalidCommandError` (naming the field) for a malformed query,
            /// `UnknownSkuError` or `UnknownLocationError`.
            fn replenishment<'py>(
                &self,
                py: Python<'py>,
                query: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let query = $crate::errors::shielded(|| $crate::json::to_json(query, "query"))?;
                let text = self.$query(py, |book| book.replenishment(&query))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// One transfer's state: its lines (shipped, accepted, damaged,
            /// short), the pieces still in transit and the carrier's milestones.
            fn transfer<'py>(&self, py: Python<'py>, transfer: &str) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.transfer(transfer))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Transfers and supplier shipments in transit on `as_of` (a
            /// `datetime.date` or `"YYYY-MM-DD"`), with their value and total.
            fn in_transit<'py>(
                &self,
                py: Python<'py>,
                as_of: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let as_of = $crate::errors::shielded(|| Ok($crate::convert::date_from_py(as_of)?.to_string()))?;
                let text = self.$query(py, |book| book.in_transit(&as_of))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Landed cost per receipt and transfer line and per SKU (purchase,
            /// freight, duty... in total and per unit), of one SKU or of all.
            #[pyo3(signature = (sku = None))]
            fn landed_cost<'py>(&self, py: Python<'py>, sku: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.landed_cost(sku))?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }

            /// Landed-cost accruals still open (bills accrued with
            /// `accrue_landed_cost` that vouchers have not fully allocated), by
            /// bill number: the bill, its functional amount, what is left
            /// (`open`) and the vouchers that cleared part of it.
            fn accruals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let text = self.$query(py, |book| book.accruals())?;
                $crate::errors::shielded(|| $crate::json::from_json(py, &text))
            }
        }
    };
}

pub(crate) use with_queries;
