//! The JSON Schema of commands, events and reports in `docs/schema/` is
//! generated from the Rust types; this test fails when it is out of date.
//! Regenerate with:
//!
//! ```text
//! UPDATE_SCHEMA=1 cargo test -p landed --features schema --test schema
//! ```
#![cfg(feature = "schema")]

use landed::book::BookConfig;
use landed::book::command::{Command, Context};
use landed::book::event::{Outcome, RecordedEvent};
use landed::ledger::{AgedItem, JournalEntry, LineDimensions};
use landed::report::{
    InTransitReport, InventoryAging, InventoryAgingQuery, InventoryAlerts, InventoryAlertsQuery,
    LandedCostReport, LedgerLine, Movement, OrderException, PositionReport, ProfitReport,
    PurchaseOrderStatus, ReconciliationLine, Replenishment, ReplenishmentQuery, RoleBalances,
    SalesOrderStatus, StockByLocation, StockByLocationQuery, StockReport, TrialBalance,
    ValuationLine,
};
use landed::sales::{
    ChannelStockReconciliation, ChannelStockReport, ListingAvailability, SettlementSummary,
    StockToPush,
};
use landed::trade::{Accrual, Transfer};
use schemars::schema_for;

fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    vec![
        ("book-config", schema_for!(BookConfig)),
        ("command", schema_for!(Command)),
        ("context", schema_for!(Context)),
        ("outcome", schema_for!(Outcome)),
        ("recorded-event", schema_for!(RecordedEvent)),
        ("position-report", schema_for!(PositionReport)),
        ("stock-report", schema_for!(StockReport)),
        ("valuation", schema_for!(Vec<ValuationLine>)),
        ("history", schema_for!(Vec<Movement>)),
        ("journal", schema_for!(Vec<JournalEntry>)),
        ("trial-balance", schema_for!(TrialBalance)),
        ("role-balances", schema_for!(RoleBalances)),
        ("line-filter", schema_for!(LineDimensions)),
        ("account-ledger", schema_for!(Vec<LedgerLine>)),
        ("open-items", schema_for!(Vec<AgedItem>)),
        ("reconciliation", schema_for!(Vec<ReconciliationLine>)),
        ("purchase-orders", schema_for!(Vec<PurchaseOrderStatus>)),
        ("transfer", schema_for!(Transfer)),
        ("in-transit", schema_for!(InTransitReport)),
        ("landed-cost", schema_for!(LandedCostReport)),
        ("sales-orders", schema_for!(Vec<SalesOrderStatus>)),
        ("order-exceptions", schema_for!(Vec<OrderException>)),
        ("sales-settlements", schema_for!(Vec<SettlementSummary>)),
        ("profit-report", schema_for!(ProfitReport)),
        ("accruals", schema_for!(Vec<Accrual>)),
        ("listing-availability", schema_for!(ListingAvailability)),
        ("push-list", schema_for!(Vec<StockToPush>)),
        ("channel-stock-report", schema_for!(ChannelStockReport)),
        (
            "channel-stock-reconciliation",
            schema_for!(ChannelStockReconciliation),
        ),
        ("stock-by-location-query", schema_for!(StockByLocationQuery)),
        ("stock-by-location", schema_for!(StockByLocation)),
        ("inventory-aging-query", schema_for!(InventoryAgingQuery)),
        ("inventory-aging", schema_for!(InventoryAging)),
        ("inventory-alerts-query", schema_for!(InventoryAlertsQuery)),
        ("inventory-alerts", schema_for!(InventoryAlerts)),
        ("replenishment-query", schema_for!(ReplenishmentQuery)),
        ("replenishment", schema_for!(Replenishment)),
    ]
}

#[test]
fn schema_files_are_current() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/schema");
    let update = std::env::var_os("UPDATE_SCHEMA").is_some();
    let mut stale = Vec::new();
    for (name, schema) in schemas() {
        let path = format!("{dir}/{name}.schema.json");
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        if update {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:?}; run UPDATE_SCHEMA=1 cargo test -p landed --features schema --test schema"
    );
}

#[test]
fn commands_in_the_docs_match_the_schema_tags() {
    // Every command type tag is listed in the schema: a spot check that the
    // tag names are the serde names hosts send.
    let text = serde_json::to_string(&schema_for!(Command)).unwrap();
    for tag in [
        "define_sku",
        "define_location",
        "receive",
        "issue",
        "move",
        "adjust",
        "open_stocktake",
        "record_count",
        "post_stocktake",
        "cancel_stocktake",
        "define_channel",
        "define_listing",
        "ingest_sales_order",
        "route_sales_order",
        "cancel_sales_order",
        "ship_sales_order",
        "receive_sales_return",
    ] {
        assert!(text.contains(&format!("\"{tag}\"")), "{tag} missing");
    }
}
