//! Read-only reports over a [`Book`](crate::book::Book), which they read
//! directly: positions, stock, valuation and movement history; journal,
//! trial balance, balances by account role, account ledger, open items and
//! reconciliation; purchase orders, goods in transit and landed cost; sales
//! orders and their exceptions; inventory health (stock by location and
//! bucket, aging by receipt date, alerts on expiry, age and late transfers);
//! replenishment (demand, lead times, safety stock, reorder points, FBA
//! restock, suggestions, turnover).
//! Reports are plain serde data, ordered, so the same book always gives
//! byte-identical reports.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = lamp_book()?;
//! assert_eq!(book.stock("LAMP")?.on_hand, 140);
//! assert_eq!(book.inventory_value().to_string(), "3073.50 CNY");
//! # Ok(()) }
//! ```

mod health;
mod landed_cost;
mod ledger;
mod profit;
mod purchase;
pub(crate) mod replenishment;
mod role;
mod sales;
mod stock;
mod transfer;

pub use health::{
    AgingAmount, AgingBuckets, AgingLine, AgingTotal, DEFAULT_AGED_OVER_DAYS,
    DEFAULT_EXPIRY_WITHIN_DAYS, InventoryAging, InventoryAgingQuery, InventoryAlert,
    InventoryAlertKind, InventoryAlerts, InventoryAlertsQuery, LocationStockLine,
    LocationStockTotal, MAX_QUERY_DAYS, StockByLocation, StockByLocationQuery,
};
pub use landed_cost::{CostBreakdown, LandedCostLine, LandedCostReport, LandedCostSku};
pub use ledger::{
    GOODS_IN_TRANSIT, LANDED_COST_CLEARING, LedgerLine, LineFilter, ReconciliationLine,
    TrialBalance, TrialBalanceLine,
};
pub use profit::{
    ChannelCurrencyFigures, ProfitBasis, ProfitFigures, ProfitGroup, ProfitLine, ProfitQuery,
    ProfitReport,
};
pub use purchase::{PurchaseLineStatus, PurchaseOrderStatus};
pub use replenishment::{
    DEFAULT_DEMAND_WINDOW_DAYS, DEFAULT_OVERSTOCK_DAYS, DEFAULT_REVIEW_DAYS, DEFAULT_TARGET_DAYS,
    DemandFigures, InboundArrival, LeadTimeFigures, PlanningAlert, PlanningAlertKind,
    PlanningSource, Replenishment, ReplenishmentLine, ReplenishmentPolicy, ReplenishmentQuery,
    ReplenishmentSuggestion, SkuSupply, SuggestionKind, decimal_sqrt, normal_quantile,
    safety_stock,
};
pub use role::{RoleBalance, RoleBalances};
pub use sales::{LineLocationStatus, OrderException, SalesLineStatus, SalesOrderStatus};
pub use stock::{BucketQuantities, Movement, PositionReport, StockReport, ValuationLine};
pub use transfer::{InTransitReport, InTransitShipment, InTransitTotal};
