//! Replenishment: what to buy and what to send where, from the book's own
//! facts. Demand per SKU and location comes from the units the book issued
//! for sale (or from the host); lead times from the book's purchase and
//! transfer receipts (or from the host); stock from the positions. The
//! query is in `book/replenishment.rs`; this module holds its input, its
//! answer and the statistics.
//!
//! The formulas, with `d` and `σd` the daily demand's mean and sample
//! deviation, `L` and `σL` the lead time's in days, `z` the standard
//! normal quantile of the service level and `R` the review period:
//!
//! * safety stock `SS = ⌈z · √(L·σd² + d²·σL²)⌉`;
//! * reorder point `ROP = ⌈d·L⌉ + SS`; order-up-to level `⌈d·(L+R)⌉ + SS`;
//! * position = available + receiving + in transit + on order;
//! * days of supply = available ÷ d; the stock-out date is `as_of` plus
//!   its whole days;
//! * FBA restock = `⌈target days · d⌉` − FBA available − inbound
//!   (receiving and on order) − in transit, never below 0.
//!
//! Each figure is rounded where it is reported (means and deviations to 4
//! places, `z` to 4) and the next one is computed from the rounded figure,
//! so a planner can redo the arithmetic from the report.
//!
//! ```
//! use landed::report::{normal_quantile, safety_stock};
//! let z = normal_quantile("0.95".parse()?)?;
//! assert_eq!(z.to_string(), "1.6449");
//! // d = 10, σd = 3, L = 30, σL = 5: √2770 = 52.63…, × 1.6449 = 86.57…
//! assert_eq!(safety_stock(z, "10".parse()?, "3".parse()?, "30".parse()?, "5".parse()?)?, 87);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize};

use crate::catalog::LocationKind;
use crate::error::{LandedError, Result, invalid};
use crate::money::Money;
use crate::report::ProfitFigures;

/// Default demand window, in days.
///
/// ```
/// assert_eq!(landed::report::DEFAULT_DEMAND_WINDOW_DAYS, 90);
/// ```
pub const DEFAULT_DEMAND_WINDOW_DAYS: i64 = 90;

/// Default review period, in days (a weekly planning run).
///
/// ```
/// assert_eq!(landed::report::DEFAULT_REVIEW_DAYS, 7);
/// ```
pub const DEFAULT_REVIEW_DAYS: i64 = 7;

/// Default FBA target cover, in days.
///
/// ```
/// assert_eq!(landed::report::DEFAULT_TARGET_DAYS, 60);
/// ```
pub const DEFAULT_TARGET_DAYS: i64 = 60;

/// Default overstock ceiling, in days of supply.
///
/// ```
/// assert_eq!(landed::report::DEFAULT_OVERSTOCK_DAYS, 180);
/// ```
pub const DEFAULT_OVERSTOCK_DAYS: i64 = 180;

/// The longest demand window (the sales history keeps a little more).
const MAX_WINDOW_DAYS: i64 = 365;

/// The largest day count a planning query takes.
const MAX_DAYS: i64 = crate::report::MAX_QUERY_DAYS;

fn read_query<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    crate::json::decode_input(text, |reason| LandedError::InvalidCommand {
        reason: format!("replenishment query: {reason}"),
    })
}

/// A decimal read by the strict grammar (a string such as `"0.95"`).
struct StrictDecimal(Decimal);

impl<'de> Deserialize<'de> for StrictDecimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        crate::decimal_text::strict::deserialize(d).map(StrictDecimal)
    }
}

/// Deserializers whose errors name their field (serde's own say only what
/// they expected).
macro_rules! named_fields {
    ($($name:ident: $ty:ty => $field:literal;)*) => {$(
        fn $name<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<$ty, D::Error> {
            <$ty>::deserialize(d).map_err(|e| serde::de::Error::custom(format!("{}: {e}", $field)))
        }
    )*};
}

macro_rules! named_decimals {
    ($($name:ident => $field:literal;)*) => {$(
        fn $name<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Decimal>, D::Error> {
            Option::<StrictDecimal>::deserialize(d)
                .map(|v| v.map(|s| s.0))
                .map_err(|e| serde::de::Error::custom(format!("{}: {e}", $field)))
        }
    )*};
}

named_fields! {
    window_field: Option<i64> => "window_days";
    review_field: Option<i64> => "review_days";
    target_field: Option<i64> => "target_days";
    overstock_field: Option<i64> => "overstock_days";
    skus_field: Vec<String> => "skus";
    policies_field: Vec<ReplenishmentPolicy> => "policies";
    sku_field: String => "sku";
    location_field: String => "location";
    case_pack_field: Option<i64> => "case_pack";
    moq_field: Option<i64> => "min_order_quantity";
    transfer_from_field: Option<String> => "transfer_from";
    supplier_field: Option<String> => "supplier";
    policy_target_field: Option<i64> => "target_days";
}

named_decimals! {
    service_level_field => "service_level";
    default_lead_field => "default_lead_time_days";
    lead_field => "lead_time_days";
    lead_deviation_field => "lead_time_deviation_days";
    demand_field => "daily_demand";
    demand_deviation_field => "daily_demand_deviation";
}

fn as_of_field<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<NaiveDate, D::Error> {
    let text =
        String::deserialize(d).map_err(|e| serde::de::Error::custom(format!("as_of: {e}")))?;
    crate::parse_date(&text).map_err(|e| serde::de::Error::custom(format!("as_of: {e}")))
}

fn check_range(field: &str, value: Option<i64>, low: i64, high: i64) -> Result<()> {
    match value {
        Some(v) if !(low..=high).contains(&v) => Err(invalid(format!(
            "replenishment query: {field} must be between {low} and {high} (got {v})"
        ))),
        _ => Ok(()),
    }
}

fn check_decimal(field: &str, value: Option<Decimal>, low: Decimal, high: Decimal) -> Result<()> {
    match value {
        Some(v) if v < low || v > high => Err(invalid(format!(
            "replenishment query: {field} must be between {low} and {high} (got {v})"
        ))),
        _ => Ok(()),
    }
}

/// What the host knows better than the book about one SKU at one
/// location: pack sizes, a lead time, a source, or a demand forecast.
/// Every field but `sku` and `location` is optional.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::ReplenishmentPolicy;
let policy: ReplenishmentPolicy = serde_json::from_str(
    r#"{"sku":"LAMP","location":"FBA-US","case_pack":24,"transfer_from":"SZ","lead_time_days":"30"}"#).unwrap();
assert_eq!((policy.case_pack, policy.transfer_from.as_deref()), (Some(24), Some("SZ")));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReplenishmentPolicy {
    /// The SKU.
    #[serde(deserialize_with = "sku_field")]
    pub sku: String,
    /// The location replenished.
    #[serde(deserialize_with = "location_field")]
    pub location: String,
    /// Units per case: suggestions are whole cases (1 to 1,000,000).
    #[serde(
        default,
        deserialize_with = "case_pack_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub case_pack: Option<i64>,
    /// Smallest quantity a suggestion may have (0 to 10^12).
    #[serde(
        default,
        deserialize_with = "moq_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_order_quantity: Option<i64>,
    /// Lead time in days, instead of the book's history.
    #[serde(
        default,
        deserialize_with = "lead_field",
        serialize_with = "crate::decimal_text::strict_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub lead_time_days: Option<Decimal>,
    /// Its deviation in days (0 when `lead_time_days` is given without it).
    #[serde(
        default,
        deserialize_with = "lead_deviation_field",
        serialize_with = "crate::decimal_text::strict_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub lead_time_deviation_days: Option<Decimal>,
    /// Replenish by transfer from this location (else by purchase).
    #[serde(
        default,
        deserialize_with = "transfer_from_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub transfer_from: Option<String>,
    /// Buy from this supplier (else the SKU's latest supplier).
    #[serde(
        default,
        deserialize_with = "supplier_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub supplier: Option<String>,
    /// Daily demand forecast, instead of the book's sales.
    #[serde(
        default,
        deserialize_with = "demand_field",
        serialize_with = "crate::decimal_text::strict_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub daily_demand: Option<Decimal>,
    /// Its deviation (0 when `daily_demand` is given without it).
    #[serde(
        default,
        deserialize_with = "demand_deviation_field",
        serialize_with = "crate::decimal_text::strict_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub daily_demand_deviation: Option<Decimal>,
    /// FBA target cover for this SKU, instead of the query's.
    #[serde(
        default,
        deserialize_with = "policy_target_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub target_days: Option<i64>,
}

impl ReplenishmentPolicy {
    /// A policy for `sku` at `location` that changes nothing.
    ///
    /// ```
    /// let p = landed::report::ReplenishmentPolicy::new("LAMP", "DE");
    /// assert_eq!((p.case_pack, p.daily_demand), (None, None));
    /// ```
    pub fn new(sku: &str, location: &str) -> Self {
        Self {
            sku: sku.to_owned(),
            location: location.to_owned(),
            case_pack: None,
            min_order_quantity: None,
            lead_time_days: None,
            lead_time_deviation_days: None,
            transfer_from: None,
            supplier: None,
            daily_demand: None,
            daily_demand_deviation: None,
            target_days: None,
        }
    }

    fn check(&self) -> Result<()> {
        let big = Decimal::from(crate::limits::MAX_QUANTITY);
        let days = Decimal::from(MAX_DAYS);
        check_range("case_pack", self.case_pack, 1, 1_000_000)?;
        check_range(
            "min_order_quantity",
            self.min_order_quantity,
            0,
            crate::limits::MAX_QUANTITY,
        )?;
        check_range("target_days", self.target_days, 0, MAX_DAYS)?;
        check_decimal("lead_time_days", self.lead_time_days, Decimal::ZERO, days)?;
        check_decimal(
            "lead_time_deviation_days",
            self.lead_time_deviation_days,
            Decimal::ZERO,
            days,
        )?;
        check_decimal("daily_demand", self.daily_demand, Decimal::ZERO, big)?;
        check_decimal(
            "daily_demand_deviation",
            self.daily_demand_deviation,
            Decimal::ZERO,
            big,
        )?;
        if self.transfer_from.is_some() && self.supplier.is_some() {
            return Err(invalid(format!(
                "replenishment query: the policy of {} at {} names both transfer_from and supplier",
                self.sku, self.location
            )));
        }
        if self.transfer_from.as_deref() == Some(self.location.as_str()) {
            return Err(invalid(format!(
                "replenishment query: transfer_from of {} at {} is the location itself",
                self.sku, self.location
            )));
        }
        Ok(())
    }
}

/// What [`crate::Book::replenishment`] plans: every SKU and location with
/// sales in the window or a policy, as of a date.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::ReplenishmentQuery;
let query = ReplenishmentQuery::from_json(r#"{"as_of":"2026-12-01","service_level":"0.98"}"#).unwrap();
assert_eq!((query.window(), query.service_level().to_string()), (90, "0.98".to_string()));
let err = ReplenishmentQuery::from_json(r#"{"as_of":"2026-12-01","service_level":0.98}"#).unwrap_err();
assert!(err.to_string().contains("service_level"));
let err = ReplenishmentQuery::from_json(r#"{"as_of":"2026-12-01","window_days":400}"#).unwrap_err();
assert!(err.to_string().contains("window_days"));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReplenishmentQuery {
    /// The planning date (`YYYY-MM-DD`): demand is read over the window
    /// ending on it.
    #[serde(deserialize_with = "as_of_field")]
    pub as_of: NaiveDate,
    /// Days of sales the demand is read over (1 to 365, default 90).
    #[serde(
        default,
        deserialize_with = "window_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub window_days: Option<i64>,
    /// Probability of no stock-out during a lead time (0.5 to 0.9999,
    /// default 0.95).
    #[serde(
        default,
        deserialize_with = "service_level_field",
        serialize_with = "crate::decimal_text::strict_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub service_level: Option<Decimal>,
    /// Days between planning runs, added to the lead time for the
    /// order-up-to level (default 7).
    #[serde(
        default,
        deserialize_with = "review_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub review_days: Option<i64>,
    /// Days of demand an FBA location should hold (default 60).
    #[serde(
        default,
        deserialize_with = "target_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub target_days: Option<i64>,
    /// Days of supply above which a location is overstocked (default 180).
    #[serde(
        default,
        deserialize_with = "overstock_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub overstock_days: Option<i64>,
    /// Lead time for a SKU and location with neither a policy nor history.
    #[serde(
        default,
        deserialize_with = "default_lead_field",
        serialize_with = "crate::decimal_text::strict_option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub default_lead_time_days: Option<Decimal>,
    /// Only these SKUs (all when empty).
    #[serde(
        default,
        deserialize_with = "skus_field",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub skus: Vec<String>,
    /// Host knowledge per SKU and location.
    #[serde(
        default,
        deserialize_with = "policies_field",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub policies: Vec<ReplenishmentPolicy>,
}

impl ReplenishmentQuery {
    /// Every SKU, planned as of `as_of` with the defaults.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let query = landed::report::ReplenishmentQuery::new(landed::parse_date("2026-12-01")?);
    /// assert_eq!((query.review(), query.target(), query.overstock()), (7, 60, 180));
    /// # Ok(()) }
    /// ```
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            window_days: None,
            service_level: None,
            review_days: None,
            target_days: None,
            overstock_days: None,
            default_lead_time_days: None,
            skus: Vec::new(),
            policies: Vec::new(),
        }
    }

    /// Reads and checks a query strictly: an unknown key, a malformed or
    /// out-of-range value is `INVALID_COMMAND` naming the field.
    ///
    /// ```
    /// use landed::report::ReplenishmentQuery;
    /// let err = ReplenishmentQuery::from_json(
    ///     r#"{"as_of":"2026-12-01","policies":[{"sku":"A","location":"B","case_pack":0}]}"#).unwrap_err();
    /// assert!(err.to_string().contains("case_pack"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let query: Self = read_query(text)?;
        query.check()?;
        Ok(query)
    }

    /// Checks the ranges (done by `from_json`, and again by the query).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let mut query = landed::report::ReplenishmentQuery::new(landed::parse_date("2026-12-01")?);
    /// query.service_level = Some("1".parse().unwrap());
    /// assert_eq!(query.check().unwrap_err().code(), "INVALID_COMMAND");
    /// # Ok(()) }
    /// ```
    pub fn check(&self) -> Result<()> {
        check_range("window_days", self.window_days, 1, MAX_WINDOW_DAYS)?;
        check_range("review_days", self.review_days, 0, MAX_DAYS)?;
        check_range("target_days", self.target_days, 0, MAX_DAYS)?;
        check_range("overstock_days", self.overstock_days, 0, MAX_DAYS)?;
        check_decimal(
            "service_level",
            self.service_level,
            Decimal::new(5, 1),
            Decimal::new(9999, 4),
        )?;
        check_decimal(
            "default_lead_time_days",
            self.default_lead_time_days,
            Decimal::ZERO,
            Decimal::from(MAX_DAYS),
        )?;
        let mut seen = std::collections::BTreeSet::new();
        for policy in &self.policies {
            policy.check()?;
            if !seen.insert((policy.sku.as_str(), policy.location.as_str())) {
                return Err(invalid(format!(
                    "replenishment query: two policies for {} at {}",
                    policy.sku, policy.location
                )));
            }
        }
        Ok(())
    }

    /// The demand window in days.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let query = landed::report::ReplenishmentQuery::from_json(r#"{"as_of":"2026-12-01"}"#)?;
    /// assert_eq!(query.window(), 90);
    /// # Ok(()) }
    /// ```
    pub fn window(&self) -> i64 {
        self.window_days.unwrap_or(DEFAULT_DEMAND_WINDOW_DAYS)
    }

    /// The service level.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let query = landed::report::ReplenishmentQuery::from_json(r#"{"as_of":"2026-12-01"}"#)?;
    /// assert_eq!(query.service_level().to_string(), "0.95");
    /// # Ok(()) }
    /// ```
    pub fn service_level(&self) -> Decimal {
        self.service_level.unwrap_or(Decimal::new(95, 2))
    }

    /// The review period in days.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let query = landed::report::ReplenishmentQuery::from_json(r#"{"as_of":"2026-12-01"}"#)?;
    /// assert_eq!(query.review(), 7);
    /// # Ok(()) }
    /// ```
    pub fn review(&self) -> i64 {
        self.review_days.unwrap_or(DEFAULT_REVIEW_DAYS)
    }

    /// The FBA target cover in days.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let query = landed::report::ReplenishmentQuery::from_json(r#"{"as_of":"2026-12-01"}"#)?;
    /// assert_eq!(query.target(), 60);
    /// # Ok(()) }
    /// ```
    pub fn target(&self) -> i64 {
        self.target_days.unwrap_or(DEFAULT_TARGET_DAYS)
    }

    /// The overstock ceiling in days of supply.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let query = landed::report::ReplenishmentQuery::from_json(r#"{"as_of":"2026-12-01"}"#)?;
    /// assert_eq!(query.overstock(), 180);
    /// # Ok(()) }
    /// ```
    pub fn overstock(&self) -> i64 {
        self.overstock_days.unwrap_or(DEFAULT_OVERSTOCK_DAYS)
    }
}

/// Where a figure came from.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::PlanningSource;
assert_eq!(serde_json::to_string(&PlanningSource::TransferHistory).unwrap(), r#""transfer_history""#);
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanningSource {
    /// The book's sales events.
    SalesHistory,
    /// The book's purchase receipts.
    PurchaseHistory,
    /// The book's transfer receipts.
    TransferHistory,
    /// A policy of the query.
    Policy,
    /// The query's `default_lead_time_days`.
    Default,
}

/// Daily demand of a SKU at a location.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::{DemandFigures, PlanningSource};
let d: DemandFigures = serde_json::from_str(
    r#"{"source":"policy","days":0,"units":0,"daily_mean":"10","daily_deviation":"3"}"#).unwrap();
assert_eq!((d.source, d.daily_mean.to_string()), (PlanningSource::Policy, "10".to_string()));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DemandFigures {
    /// `sales_history` or `policy`.
    pub source: PlanningSource,
    /// Days observed: the window, or fewer since the first sale remembered.
    pub days: i64,
    /// Units sold over those days.
    pub units: i64,
    /// Mean units a day (4 places).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub daily_mean: Decimal,
    /// Sample deviation of the units a day, days without sales counted as
    /// 0 (4 places).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub daily_deviation: Decimal,
}

/// Lead time of the replenishment of a SKU at a location.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::LeadTimeFigures;
let l: LeadTimeFigures = serde_json::from_str(
    r#"{"source":"transfer_history","from":"SZ","samples":3,"mean_days":"30","deviation_days":"2"}"#).unwrap();
assert_eq!((l.from.as_deref(), l.samples), (Some("SZ"), 3));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LeadTimeFigures {
    /// `purchase_history`, `transfer_history`, `policy` or `default`.
    pub source: PlanningSource,
    /// The supplier or source location, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Receipts the history counted (0 for a policy or the default).
    pub samples: u64,
    /// Mean days (2 places).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub mean_days: Decimal,
    /// Sample deviation in days (2 places; 0 with fewer than two samples).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub deviation_days: Decimal,
}

/// The plan for one SKU at one location.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::report::ReplenishmentQuery;
let book = lamp_book()?;
let plan = book.replenishment(&ReplenishmentQuery::from_json(r#"{"as_of":"2026-11-30","window_days":30}"#)?)?;
// Ten lamps sold at DE on 9 November: 22 days observed, 0.4545 a day.
let de = &plan.lines[0];
assert_eq!((de.location.as_str(), de.demand.days, de.demand.daily_mean.to_string()), ("DE", 22, "0.4545".to_string()));
assert_eq!(de.available, 29);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReplenishmentLine {
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// Its kind (FBA locations get a restock quantity).
    pub location_kind: LocationKind,
    /// Daily demand.
    pub demand: DemandFigures,
    /// Lead time (absent when neither a policy, the history nor the
    /// query's default gives one: no safety stock or reorder point then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_time: Option<LeadTimeFigures>,
    /// Units free to sell.
    pub available: i64,
    /// Units on hand in any bucket.
    pub on_hand: i64,
    /// Units arriving at the location (receiving).
    pub receiving: i64,
    /// Units in transit to the location.
    pub in_transit: i64,
    /// Units on order for the location.
    pub on_order: i64,
    /// Available + receiving + in transit + on order.
    pub position: i64,
    /// `⌈z · √(L·σd² + d²·σL²)⌉`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_stock: Option<i64>,
    /// `⌈d·L⌉ + safety stock`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reorder_point: Option<i64>,
    /// `⌈d·(L + review)⌉ + safety stock`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_up_to: Option<i64>,
    /// Available ÷ daily mean (1 place); absent without demand.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub days_of_supply: Option<Decimal>,
    /// The day available stock runs out at the daily mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stockout_on: Option<NaiveDate>,
    /// The earliest expected arrival of units in transit or on order (ETA,
    /// else the PO line's expected date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_arrival: Option<NaiveDate>,
    /// FBA locations: units to send to reach the target cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fba_restock: Option<i64>,
    /// Cost of the units sold in the window (functional currency).
    pub window_cogs: Money,
    /// Value of the units at the location.
    pub inventory_value: Money,
    /// Cost of goods sold a year at the window's pace ÷ inventory value
    /// (2 places); absent when nothing is held.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub annual_turnover: Option<Decimal>,
    /// Units on hand ÷ daily mean (1 place); absent without demand.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub days_of_inventory: Option<Decimal>,
}

/// How a suggestion replenishes.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::SuggestionKind;
assert_eq!(serde_json::to_string(&SuggestionKind::Purchase).unwrap(), r#""purchase""#);
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// Buy from a supplier.
    Purchase,
    /// Send from another location.
    Transfer,
}

/// A purchase or transfer to make.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::{ReplenishmentSuggestion, SuggestionKind};
let s: ReplenishmentSuggestion = serde_json::from_str(r#"{"kind":"transfer","sku":"LAMP","location":"FBA-US",
    "from":"SZ","needed":210,"quantity":216,"case_pack":24,"min_order_quantity":0}"#).unwrap();
assert_eq!((s.kind, s.quantity), (SuggestionKind::Transfer, 216));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReplenishmentSuggestion {
    /// Purchase or transfer.
    pub kind: SuggestionKind,
    /// The SKU.
    pub sku: String,
    /// Where the units should arrive.
    pub location: String,
    /// The supplier or source location, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Units needed: order-up-to level − position, or the FBA restock.
    pub needed: i64,
    /// Units to order or send: `needed`, at least the minimum order
    /// quantity, rounded up to whole cases.
    pub quantity: i64,
    /// Units per case used (1 without a policy).
    pub case_pack: i64,
    /// Minimum order quantity used.
    pub min_order_quantity: i64,
    /// Units available at a transfer's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_available: Option<i64>,
    /// The landed unit cost the units will likely carry: the current unit
    /// cost at the source of a transfer, at the location for a purchase,
    /// else the SKU's average over the book.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely_unit_cost: Option<Money>,
    /// `quantity × likely_unit_cost`, rounded to the currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely_value: Option<Money>,
}

/// Kinds of planning alerts.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::PlanningAlertKind;
assert_eq!(serde_json::to_string(&PlanningAlertKind::StockoutBeforeArrival).unwrap(), r#""stockout_before_arrival""#);
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanningAlertKind {
    /// The position is at or below the reorder point.
    BelowReorderPoint,
    /// Available stock runs out before the next arrival.
    StockoutBeforeArrival,
    /// Days of supply above the overstock ceiling.
    Overstock,
}

/// One planning alert; the figures behind it are on its line.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::{PlanningAlert, PlanningAlertKind};
let a: PlanningAlert = serde_json::from_str(r#"{"kind":"overstock","sku":"LAMP","location":"DE"}"#).unwrap();
assert_eq!(a.kind, PlanningAlertKind::Overstock);
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanningAlert {
    /// Which alert.
    pub kind: PlanningAlertKind,
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
}

/// Units in transit or on order for a location, with the arrival the
/// lead time would predict beside the carrier's ETA.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::{InboundArrival, SuggestionKind};
let a: InboundArrival = serde_json::from_str(r#"{"kind":"transfer","document":"T-9","sku":"LAMP","location":"DE","units":40}"#).unwrap();
assert_eq!((a.document.as_str(), a.eta), ("T-9", None));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InboundArrival {
    /// A transfer, or a purchase order.
    pub kind: SuggestionKind,
    /// The transfer or purchase order.
    pub document: String,
    /// The SKU.
    pub sku: String,
    /// Where the units go.
    pub location: String,
    /// Units in transit or still to receive.
    pub units: i64,
    /// Shipped on (transfers; a PO's shipment), else the PO's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// The carrier's ETA, else the PO line's expected date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta: Option<NaiveDate>,
    /// `since` + the planned mean lead time, rounded up to whole days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_by_lead_time: Option<NaiveDate>,
    /// `eta − expected_by_lead_time` in days: positive when the carrier
    /// expects it later than the plan assumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_beyond_lead_time: Option<i64>,
}

/// One SKU over every location: its profit in the window beside its days
/// of supply.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::SkuSupply;
let s: SkuSupply = serde_json::from_str(r#"{"sku":"LAMP","available":29,"daily_mean":"0"}"#).unwrap();
assert_eq!((s.available, s.days_of_supply, s.profit_in_window), (29, None, None));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SkuSupply {
    /// The SKU.
    pub sku: String,
    /// Units free to sell everywhere.
    pub available: i64,
    /// Daily demand over every location (sum of the lines' means).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub daily_mean: Decimal,
    /// Available ÷ daily mean (1 place).
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub days_of_supply: Option<Decimal>,
    /// Profit over the window from the journal (absent in a book without
    /// its history, or with no sales postings for the SKU).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profit_in_window: Option<ProfitFigures>,
}

/// The answer of [`crate::Book::replenishment`].
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let plan = book.replenishment(&landed::report::ReplenishmentQuery::new(landed::parse_date("2026-11-30")?))?;
assert_eq!((plan.window_days, plan.z.to_string()), (90, "1.6449".to_string()));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Replenishment {
    /// The planning date.
    pub as_of: NaiveDate,
    /// The demand window used.
    pub window_days: i64,
    /// The service level used.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub service_level: Decimal,
    /// Its standard normal quantile (4 places).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub z: Decimal,
    /// By SKU code, then location code.
    pub lines: Vec<ReplenishmentLine>,
    /// Purchases and transfers to make, in the lines' order.
    pub suggestions: Vec<ReplenishmentSuggestion>,
    /// By kind, then SKU and location.
    pub alerts: Vec<PlanningAlert>,
    /// Units in transit or on order for the lines, by document.
    pub arrivals: Vec<InboundArrival>,
    /// Per SKU: profit in the window and days of supply.
    pub skus: Vec<SkuSupply>,
}

fn overflow() -> LandedError {
    LandedError::overflow("a replenishment figure")
}

/// `√x` to 20 places by Newton's method (`None` for a negative `x` or on
/// overflow).
///
/// ```
/// let root = landed::report::decimal_sqrt("2770".parse()?).unwrap();
/// assert_eq!(root.round_dp(6).to_string(), "52.630789");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decimal_sqrt(x: Decimal) -> Option<Decimal> {
    if x.is_sign_negative() && !x.is_zero() {
        return None;
    }
    if x.is_zero() {
        return Some(Decimal::ZERO);
    }
    let two = Decimal::TWO;
    let mut guess = if x > Decimal::ONE {
        x / two
    } else {
        Decimal::ONE
    };
    for _ in 0..200 {
        let next = guess.checked_add(x.checked_div(guess)?)?.checked_div(two)?;
        if next.checked_sub(guess)?.abs() < Decimal::new(1, 20) {
            return Some(next.round_dp(20));
        }
        guess = next;
    }
    Some(guess.round_dp(20))
}

/// `e^-y` for `0 ≤ y ≤ 20`, by the Taylor series of `e^y`.
fn exp_negative(y: Decimal) -> Option<Decimal> {
    let mut term = Decimal::ONE;
    let mut sum = Decimal::ONE;
    for n in 1..200u32 {
        term = term.checked_mul(y)?.checked_div(Decimal::from(n))?;
        sum = sum.checked_add(term)?;
        if term < Decimal::new(1, 24) {
            break;
        }
    }
    Decimal::ONE.checked_div(sum)
}

/// `Φ(x)` for `0 ≤ x ≤ 6`: `½ + φ(x)·Σ x^(2n+1)/(1·3·…·(2n+1))`, a series
/// that converges for every `x` and needs no floating point.
fn normal_cdf(x: Decimal) -> Option<Decimal> {
    // 1/√(2π)
    let inv_sqrt_two_pi = Decimal::from_str_exact("0.3989422804014326779399460599").ok()?;
    let density = inv_sqrt_two_pi.checked_mul(exp_negative(x.checked_mul(x)? / Decimal::TWO)?)?;
    let square = x.checked_mul(x)?;
    let mut term = x;
    let mut sum = x;
    for n in 1..400u32 {
        term = term
            .checked_mul(square)?
            .checked_div(Decimal::from(2 * n + 1))?;
        sum = sum.checked_add(term)?;
        if term < Decimal::new(1, 22) {
            break;
        }
    }
    Decimal::new(5, 1).checked_add(density.checked_mul(sum)?)
}

/// The standard normal quantile `z` with `Φ(z) = p`, for `0.5 ≤ p ≤
/// 0.9999`, to 4 places (bisection on `Φ`).
///
/// ```
/// use landed::report::normal_quantile;
/// assert_eq!(normal_quantile("0.5".parse()?)?.to_string(), "0.0000");
/// assert_eq!(normal_quantile("0.99".parse()?)?.to_string(), "2.3263");
/// assert_eq!(normal_quantile("0.98".parse()?)?.to_string(), "2.0537");
/// assert!(normal_quantile("0.4".parse()?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn normal_quantile(p: Decimal) -> Result<Decimal> {
    check_decimal(
        "service_level",
        Some(p),
        Decimal::new(5, 1),
        Decimal::new(9999, 4),
    )?;
    let (mut low, mut high) = (Decimal::ZERO, Decimal::from(6));
    for _ in 0..70 {
        let mid = (low + high) / Decimal::TWO;
        if normal_cdf(mid).ok_or_else(overflow)? < p {
            low = mid;
        } else {
            high = mid;
        }
    }
    Ok(fixed((low + high) / Decimal::TWO, 4))
}

/// `value` rounded half away from zero to exactly `places` places (the
/// scale is part of the serialized figure: `"2.00"`, not `"2"`).
pub(crate) fn fixed(value: Decimal, places: u32) -> Decimal {
    let mut v = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(places);
    v
}

/// `⌈x⌉` as units, or an overflow error.
pub(crate) fn ceil_units(x: Decimal) -> Result<i64> {
    let c = x.ceil();
    i64::try_from(c).map_err(|_| overflow())
}

/// Safety stock `⌈z · √(L·σd² + d²·σL²)⌉` in units.
///
/// ```
/// use landed::report::safety_stock;
/// let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
/// // No deviation in demand or lead time: no safety stock.
/// assert_eq!(safety_stock(d("1.6449"), d("10"), d("0"), d("30"), d("0"))?, 0);
/// // Demand varies, lead time fixed: z·σd·√L = 1.6449 × 3 × √30 = 27.03 → 28.
/// assert_eq!(safety_stock(d("1.6449"), d("10"), d("3"), d("30"), d("0"))?, 28);
/// # Ok::<(), landed::LandedError>(())
/// ```
pub fn safety_stock(
    z: Decimal,
    daily_mean: Decimal,
    daily_deviation: Decimal,
    lead_days: Decimal,
    lead_deviation: Decimal,
) -> Result<i64> {
    let demand_part = lead_days
        .checked_mul(
            daily_deviation
                .checked_mul(daily_deviation)
                .ok_or_else(overflow)?,
        )
        .ok_or_else(overflow)?;
    let lead_part = daily_mean
        .checked_mul(daily_mean)
        .and_then(|d2| d2.checked_mul(lead_deviation.checked_mul(lead_deviation)?))
        .ok_or_else(overflow)?;
    let root = decimal_sqrt(demand_part.checked_add(lead_part).ok_or_else(overflow)?)
        .ok_or_else(overflow)?;
    ceil_units(z.checked_mul(root).ok_or_else(overflow)?)
}

/// Mean and sample deviation of `n` observations from their sum and sum
/// of squares, rounded to `places` (deviation 0 when `n < 2`).
pub(crate) fn mean_and_deviation(
    n: i64,
    sum: Decimal,
    sum_squares: Decimal,
    places: u32,
) -> Result<(Decimal, Decimal)> {
    if n <= 0 {
        return Ok((fixed(Decimal::ZERO, places), fixed(Decimal::ZERO, places)));
    }
    let count = Decimal::from(n);
    let mean = sum.checked_div(count).ok_or_else(overflow)?;
    let deviation = if n < 2 {
        Decimal::ZERO
    } else {
        // Σ(x − mean)² = Σx² − n·mean², exact in decimals up to rounding
        // of the mean; never below 0.
        let spread = sum_squares
            .checked_sub(mean.checked_mul(sum).ok_or_else(overflow)?)
            .ok_or_else(overflow)?
            .max(Decimal::ZERO);
        decimal_sqrt(
            spread
                .checked_div(count - Decimal::ONE)
                .ok_or_else(overflow)?,
        )
        .ok_or_else(overflow)?
    };
    Ok((fixed(mean, places), fixed(deviation, places)))
}
