//! Selling: channels and their listings, sales orders ingested from the
//! channels (idempotent by channel and order id, restated when the channel
//! edits them), the reservation of their units at the locations chosen by
//! the channel's routing, shipments, and customer returns. How a command
//! changes them is planned in `book::plan::sales`; the postings (cost of
//! goods sold, revenue, tax, the channel receivable) come with them.
//!
//! ```
//! use landed::{Book, BookConfig, Command, Context, Currency};
//! let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
//! let at = landed::parse_datetime("2026-11-20T09:00:00Z")?;
//! for (id, json) in [
//!     ("1", r#"{"type":"define_location","code":"LA","name":"3PL Los Angeles","kind":"third_party"}"#),
//!     ("2", r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#),
//!     ("3", r#"{"type":"receive","sku":"LAMP","location":"LA","quantity":10,"unit_cost":{"amount":"8.00","currency":"USD"}}"#),
//!     ("4", r#"{"type":"define_channel","code":"web","name":"Web shop","kind":"own_site","currency":"USD","locations":[{"location":"LA"}]}"#),
//!     ("5", r#"{"type":"define_listing","channel":"web","listing":"lamp-black","sku":"LAMP"}"#),
//!     ("6", r#"{"type":"ingest_sales_order","channel":"web","order":"1001","date":"2026-11-20",
//!             "lines":[{"line":"1","listing":"lamp-black","quantity":3,"unit_price":"25.00"}]}"#),
//! ] {
//!     book.execute(Command::from_json(json)?, &Context::new(at, id))?;
//! }
//! // Ingesting the order reserved its three lamps in Los Angeles.
//! let lamp = book.position("LAMP", "LA", None)?.quantities;
//! assert_eq!((lamp.available, lamp.committed), (7, 3));
//! let ship = Command::from_json(r#"{"type":"ship_sales_order","channel":"web","order":"1001","shipment":"S-1"}"#)?;
//! book.execute(ship, &Context::new(at, "7"))?;
//! let line = &book.sales_order("web", "1001")?.lines[0];
//! assert_eq!((line.ordered, line.reserved, line.shipped), (3, 0, 3));
//! # Ok::<(), landed::LandedError>(())
//! ```

mod available;
mod channel;
mod history;
mod order;
mod pair_map;
mod reconcile;
mod settlement;

pub use available::{
    ListingAvailability, ListingStock, ListingStockPolicy, LocationSupply, StockPush, StockToPush,
};
pub use channel::{ChannelKind, ChannelSpec, ListingSpec, RouteRule};
pub use history::{DEMAND_DAYS_KEPT, DailySales, LeadTimeSums, SalesHistory};
pub use order::{
    Allocation, Component, ComponentCost, ComponentMove, ExceptionKind, Fulfilment, LineAmounts,
    LineAtLocation, RefundLine, RefundSpec, ReturnGrade, Sales, SalesLine, SalesLineQuantity,
    SalesLineSpec, SalesOrder, SalesOrderSpec, SalesReturnSpec, ShippedLine,
};
pub use reconcile::{
    ChannelStockDifference, ChannelStockFormat, ChannelStockReconciliation, ChannelStockReport,
    ChannelStockRow, ChannelStockTotal, ChannelStockUnmatched,
};
pub use settlement::{
    ChannelFeeSpec, FeeKind, MarketplaceSettlementSpec, SettlementRow, SettlementRowKind,
    SettlementSummary, UnmatchedRow,
};
