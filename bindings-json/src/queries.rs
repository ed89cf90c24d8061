//! The read side of the JSON face, shared by [`JsonBook`](crate::JsonBook)
//! and [`JsonStore`](crate::JsonStore): every query takes its book through
//! [`JsonQueries::book`], so the store answers them on the book it keeps
//! in memory, without a copy, and neither type repeats the list.
//!
//! ```
//! use landed_json::{JsonBook, JsonQueries};
//! let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
//! assert_eq!(book.sales_orders(None)?, "[]");
//! # Ok::<(), landed::LandedError>(())
//! ```

use landed::book::Book;

use crate::{Result, lines_text, parse, push_lines, render, report_args};

/// The queries of the JSON face, over anything that lends a [`Book`]:
/// each returns JSON text and changes nothing. Bring the trait into scope
/// (`use landed_json::JsonQueries;`) to call them on a
/// [`JsonBook`](crate::JsonBook) or a [`JsonStore`](crate::JsonStore).
pub trait JsonQueries {
    /// The book the queries read.
    fn book(&self) -> &Book;

    /// Book version (commands executed).
    fn version(&self) -> u64 {
        self.book().version()
    }

    /// The configuration as JSON.
    fn config(&self) -> Result<String> {
        render(self.book().config())
    }

    /// The event log as a JSON array.
    fn events(&self) -> Result<String> {
        render(self.book().events())
    }

    /// The event log as JSON lines: one event per line, as
    /// [`JsonBook::execute_lines`](crate::JsonBook::execute_lines) writes them (each ending in `\n`), for
    /// [`JsonBook::replay_lines`](crate::JsonBook::replay_lines).
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let mut book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// assert_eq!(book.events_lines()?, "");
    /// book.execute(r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
    ///     r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1"}"#)?;
    /// let lines = book.events_lines()?;
    /// assert_eq!(format!("[{}]", lines.trim_end()), book.events()?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn events_lines(&self) -> Result<String> {
        let mut out = Vec::new();
        push_lines(&mut out, self.book().events())?;
        lines_text(out)
    }

    /// The hash of the log's last event as 64 lowercase hex digits (64
    /// zeros for an empty book). Keep it beside the stored log: a log that
    /// replays to another head hash was truncated or rewritten.
    fn head_hash(&self) -> String {
        self.book().head_hash_hex()
    }

    /// The whole book as JSON (see [`JsonBook::restore`](crate::JsonBook::restore)).
    fn snapshot(&self) -> Result<String> {
        render(self.book())
    }

    /// One position as JSON.
    fn position(&self, sku: &str, location: &str, lot: Option<&str>) -> Result<String> {
        render(&self.book().position(sku, location, lot)?)
    }

    /// A SKU's stock across locations as JSON.
    fn stock(&self, sku: &str) -> Result<String> {
        render(&self.book().stock(sku)?)
    }

    /// Valuation lines (one SKU or all) as a JSON array.
    fn valuation(&self, sku: Option<&str>) -> Result<String> {
        render(&self.book().valuation(sku)?)
    }

    /// Movement history of a SKU as a JSON array.
    fn history(&self, sku: &str) -> Result<String> {
        render(&self.book().history(sku)?)
    }

    /// Every journal entry, oldest first, as a JSON array.
    fn journal(&self) -> Result<String> {
        render(&self.book().journal())
    }

    /// Trial balance through `as_of` (`YYYY-MM-DD`); `filter_json`, if
    /// given, is a dimensions object (`{"location": "SZ"}`) every counted
    /// line must match.
    fn trial_balance(&self, as_of: &str, filter_json: Option<&str>) -> Result<String> {
        let (as_of, filter) = report_args(as_of, filter_json)?;
        render(&self.book().trial_balance(as_of, filter.as_ref()))
    }

    /// Every account role's balance through `as_of` (`YYYY-MM-DD`), read
    /// through the book's posting rules (inventory, COGS, goods in transit,
    /// realized FX… without knowing the account codes); `filter_json` as
    /// for [`JsonQueries::trial_balance`].
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let roles = book.role_balances("2026-11-30", None)?;
    /// assert!(roles.contains(r#"{"role":"cogs","accounts":["5000"],"debit":{"amount":"0.00","currency":"USD"}"#), "{roles}");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn role_balances(&self, as_of: &str, filter_json: Option<&str>) -> Result<String> {
        let (as_of, filter) = report_args(as_of, filter_json)?;
        render(&self.book().balances_by_role(as_of, filter.as_ref()))
    }

    /// An account's postings with a running balance, as a JSON array.
    fn account_ledger(&self, account: &str) -> Result<String> {
        render(&self.book().account_ledger(account)?)
    }

    /// Open receivables and payables aged on `as_of`, as a JSON array.
    fn open_items(&self, as_of: &str) -> Result<String> {
        render(&self.book().open_items(landed::parse_date(as_of)?))
    }

    /// Inventory subledger against the ledger per valuation scope, plus
    /// goods in transit against its account once transfers exist.
    fn reconciliation(&self) -> Result<String> {
        render(&self.book().reconciliation())
    }

    /// Every purchase order with received and outstanding quantities.
    fn purchase_orders(&self) -> Result<String> {
        render(&self.book().purchase_orders()?)
    }

    /// One sales order with the status of its lines, as a JSON object
    /// (`UNKNOWN_SALES_ORDER` if the book has none by that channel and id).
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let err = book.sales_order("shop-us", "1001").unwrap_err();
    /// assert_eq!(err.code(), "UNKNOWN_SALES_ORDER");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn sales_order(&self, channel: &str, order: &str) -> Result<String> {
        render(&self.book().sales_order(channel, order)?)
    }

    /// Every sales order (of one channel, when given), by channel and
    /// order id, as a JSON array.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// assert_eq!(book.sales_orders(None)?, "[]");
    /// assert_eq!(book.sales_orders(Some("shop-us"))?, "[]");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn sales_orders(&self, channel: Option<&str>) -> Result<String> {
        render(&self.book().sales_orders(channel))
    }

    /// One marketplace settlement (net paid out, unmatched rows), as a
    /// JSON object (`UNKNOWN_DOCUMENT` if the book has none by that id).
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let err = book.sales_settlement("P-1").unwrap_err();
    /// assert_eq!(err.code(), "UNKNOWN_DOCUMENT");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn sales_settlement(&self, settlement: &str) -> Result<String> {
        render(&self.book().sales_settlement(settlement)?)
    }

    /// Every marketplace settlement (of one channel, when given), by id,
    /// as a JSON array.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// assert_eq!(book.sales_settlements(None)?, "[]");
    /// assert_eq!(book.sales_settlements(Some("shop-us"))?, "[]");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn sales_settlements(&self, channel: Option<&str>) -> Result<String> {
        render(&self.book().sales_settlements(channel))
    }

    /// The profit report for `query_json` (a `ProfitQuery`: `{"from",
    /// "to", "group_by": "order"|"sku"|"channel"|"month", "basis"?:
    /// "shipment"|"settlement", "channel"?}`), as a JSON object. A
    /// malformed query is `INVALID_COMMAND`; an unknown channel
    /// `UNKNOWN_CHANNEL`.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let out = book.profit(r#"{"from":"2026-11-01","to":"2026-11-30","group_by":"sku"}"#)?;
    /// assert!(out.contains(r#""lines":[]"#));
    /// let err = book.profit(r#"{"from":"2026-11-01","to":"2026-11-30","group_by":"colour"}"#).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_COMMAND");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn profit(&self, query_json: &str) -> Result<String> {
        let query: landed::report::ProfitQuery = parse("profit query", query_json)?;
        render(&self.book().profit(&query)?)
    }

    /// The open exceptions of every sales order (unknown listing, no
    /// stock, flagged address, unpaid), as a JSON array.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// assert_eq!(book.order_exceptions()?, "[]");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn order_exceptions(&self) -> Result<String> {
        render(&self.book().order_exceptions())
    }

    /// One listing's available-to-sell figure (per serving location, the
    /// whole packs together, the figure after the listing's policy, the
    /// quantity last pushed), as a JSON object (`UNKNOWN_CHANNEL`, or
    /// `INVALID_COMMAND` for a listing the channel does not have).
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// assert_eq!(book.available_to_sell("shop-us", "lamp").unwrap_err().code(), "UNKNOWN_CHANNEL");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn available_to_sell(&self, channel: &str, listing: &str) -> Result<String> {
        render(&self.book().available_to_sell(channel, listing)?)
    }

    /// Every listing (of one channel, when given) whose available-to-sell
    /// figure differs from the quantity last acknowledged with
    /// `acknowledge_stock_push`, with that previous quantity (`null`:
    /// never pushed), by channel and listing, as a JSON array.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// assert_eq!(book.stock_to_push(None)?, "[]");
    /// assert_eq!(book.stock_to_push(Some("shop-us")).unwrap_err().code(), "UNKNOWN_CHANNEL");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn stock_to_push(&self, channel: Option<&str>) -> Result<String> {
        render(&self.book().stock_to_push(channel)?)
    }

    /// The differences between a channel's own stock report and the
    /// book's buckets, as a JSON object (`report_json` is a
    /// `ChannelStockReport`: `{"format": "shopify"|"fba", "channel"?,
    /// "location"?, "rows": [{"sku"|"listing", quantity fields…}]}`; see
    /// `docs/planning.md` for which field is compared with which buckets).
    /// Changes nothing. A malformed report (unknown keys, a field of the
    /// other format, a negative quantity) is `INVALID_COMMAND` naming the
    /// field; an unknown SKU or listing is an `unmatched` row.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let mut book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let ctx = r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1"}"#;
    /// book.execute(r#"{"type":"define_location","code":"FBA-US","name":"Amazon US","kind":"fba"}"#, ctx)?;
    /// let out = book.reconcile_channel_stock(r#"{"format":"fba","location":"FBA-US","rows":[{"sku":"LAMP","fulfillable":1}]}"#)?;
    /// assert!(out.contains(r#""unmatched":[{"sku":"LAMP","reason":"unknown_sku"}]"#));
    /// let err = book.reconcile_channel_stock(r#"{"format":"fba","location":"FBA-US","rows":[{"sku":"LAMP","available":1}]}"#).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_COMMAND");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn reconcile_channel_stock(&self, report_json: &str) -> Result<String> {
        let report = landed::sales::ChannelStockReport::from_json(report_json)?;
        render(&self.book().reconcile_channel_stock(&report)?)
    }

    /// Stock by SKU, location and bucket, with the value carried at each
    /// location and totals per location, as a JSON object (`query_json`
    /// is a `StockByLocationQuery`: `{"sku"?, "location"?}`; `None` for
    /// everything). Changes nothing. An unknown key is `INVALID_COMMAND`
    /// naming it; an unknown SKU or location `UNKNOWN_SKU` or
    /// `UNKNOWN_LOCATION`.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let mut book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let ctx = |id: &str| format!(r#"{{"at":"2026-11-02T09:00:00Z","command_id":"{id}"}}"#);
    /// book.execute(r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#, &ctx("c1"))?;
    /// book.execute(r#"{"type":"define_sku","code":"LAMP","name":"Lamp"}"#, &ctx("c2"))?;
    /// book.execute(r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":3,"unit_cost":{"amount":"2.00","currency":"USD"}}"#, &ctx("c3"))?;
    /// let out = book.stock_by_location(None)?;
    /// assert!(out.contains(r#""on_hand":3,"value":{"amount":"6.00","currency":"USD"}}"#));
    /// let err = book.stock_by_location(Some(r#"{"warehouse":"SZ"}"#)).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_COMMAND");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn stock_by_location(&self, query_json: Option<&str>) -> Result<String> {
        let query = match query_json {
            Some(text) => landed::report::StockByLocationQuery::from_json(text)?,
            None => landed::report::StockByLocationQuery::default(),
        };
        render(&self.book().stock_by_location(&query)?)
    }

    /// Inventory aging by receipt date in Amazon FBA's buckets (0–90,
    /// 91–180, 181–270, 271–365, over 365 days, and `undated`), per SKU
    /// and valuation scope, with totals, as a JSON object (`query_json` is
    /// an `InventoryAgingQuery`: `{"as_of": "YYYY-MM-DD", "sku"?}`).
    /// Changes nothing. A malformed query is `INVALID_COMMAND` naming the
    /// field.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let out = book.inventory_aging(r#"{"as_of":"2026-12-01"}"#)?;
    /// assert!(out.contains(r#""lines":[]"#));
    /// let err = book.inventory_aging(r#"{"as_of":"2026-12-32"}"#).unwrap_err();
    /// assert!(err.to_string().contains("as_of"));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn inventory_aging(&self, query_json: &str) -> Result<String> {
        let query = landed::report::InventoryAgingQuery::from_json(query_json)?;
        render(&self.book().inventory_aging(&query)?)
    }

    /// Alerts that need no demand history (`lot_expired`,
    /// `lot_near_expiry`, `aged_stock`, `transfer_late`), as a JSON object
    /// (`query_json` is an `InventoryAlertsQuery`: `{"as_of",
    /// "expiry_within_days"?, "aged_over_days"?}`, days from 0 to 36,500,
    /// defaults 90 and 365). Changes nothing. A malformed query is
    /// `INVALID_COMMAND` naming the field.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let out = book.inventory_alerts(r#"{"as_of":"2026-12-01","expiry_within_days":30}"#)?;
    /// assert!(out.contains(r#""expiry_within_days":30,"aged_over_days":365,"alerts":[]"#));
    /// let err = book.inventory_alerts(r#"{"as_of":"2026-12-01","aged_over_days":-1}"#).unwrap_err();
    /// assert!(err.to_string().contains("aged_over_days"));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn inventory_alerts(&self, query_json: &str) -> Result<String> {
        let query = landed::report::InventoryAlertsQuery::from_json(query_json)?;
        render(&self.book().inventory_alerts(&query)?)
    }

    /// Replenishment as of a date, as a JSON object (`query_json` is a
    /// `ReplenishmentQuery`: `{"as_of", "window_days"?, "service_level"?,
    /// "review_days"?, "target_days"?, "overstock_days"?,
    /// "default_lead_time_days"?, "skus"?, "policies"?}`): per SKU and
    /// location the demand, lead time, safety stock, reorder point, days of
    /// supply, FBA restock and turnover; suggestions in whole cases;
    /// alerts; arrivals; profit beside days of supply. Changes nothing. A
    /// malformed query is `INVALID_COMMAND` naming the field.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let out = book.replenishment(r#"{"as_of":"2026-12-01"}"#)?;
    /// assert!(out.contains(r#""service_level":"0.95","z":"1.6449","lines":[]"#));
    /// let err = book.replenishment(r#"{"as_of":"2026-12-01","service_level":"1.5"}"#).unwrap_err();
    /// assert!(err.to_string().contains("service_level"));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn replenishment(&self, query_json: &str) -> Result<String> {
        let query = landed::report::ReplenishmentQuery::from_json(query_json)?;
        render(&self.book().replenishment(&query)?)
    }

    /// One transfer's state: lines, pieces in transit, milestones.
    fn transfer(&self, transfer: &str) -> Result<String> {
        render(self.book().transfer(transfer)?)
    }

    /// Transfers and supplier shipments in transit on `as_of` (`YYYY-MM-DD`).
    fn in_transit(&self, as_of: &str) -> Result<String> {
        render(&self.book().in_transit(landed::parse_date(as_of)?)?)
    }

    /// Landed cost per receipt and transfer line and per SKU.
    fn landed_cost(&self, sku: Option<&str>) -> Result<String> {
        render(&self.book().landed_cost(sku)?)
    }

    /// Landed-cost accruals still open (accrued bills not yet fully
    /// allocated by vouchers), by bill number, as a JSON array.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let mut book = JsonBook::new(r#"{"functional_currency":"CNY"}"#)?;
    /// book.execute(r#"{"type":"accrue_landed_cost","document":"FRT-1","date":"2026-11-03",
    ///     "description":"Sea freight","amount":{"amount":"1000.00","currency":"USD"},"rate":"7.20",
    ///     "account":"2200"}"#, r#"{"at":"2026-11-03T09:00:00Z","command_id":"c1"}"#)?;
    /// let open = book.accruals()?;
    /// assert!(open.contains(r#""open":{"amount":"7200.00","currency":"CNY"}"#), "{open}");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    fn accruals(&self) -> Result<String> {
        render(&self.book().accruals())
    }
}
