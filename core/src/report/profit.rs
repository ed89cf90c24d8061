//! Profit of what was sold, per order, SKU (or bundle), channel or month:
//! revenue and shipping income, less refunds, cost of goods sold (landed
//! cost included), return losses, channel fees and advertising, plus
//! reimbursements and the realized FX of the channel's money. It reads the
//! journal lines of those accounts, so its totals for a period are the
//! ledger's movements on them, to the cent.
//!
//! Lines are grouped by their dimensions: the order is a line's document
//! (`channel/order`), the SKU its SKU. A bundle line's revenue has no SKU
//! of its own, and the cost of its components is the bundle's: per SKU,
//! both count under the bundle's code when the order sold the component
//! only inside that bundle.
//!
//! The settlement basis dates an order's lines by the first marketplace
//! settlement of the order on or after them; lines of orders not settled
//! yet are left out and totalled as `unsettled`. Lines not of an order
//! (storage, advertising of the channel) keep their own date.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::report::{ProfitGroup, ProfitQuery};
//! let mut book = sales_book()?;
//! let ship = landed::Command::from_json(r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#)?;
//! book.execute(ship, &ctx("2026-11-21", "ship")?)?;
//! let query = ProfitQuery::new(landed::parse_date("2026-11-01")?, landed::parse_date("2026-11-30")?, ProfitGroup::Sku);
//! let profit = book.profit(&query)?;
//! // 5 lamps: 125.00 + 5.00 shipping, less 3 × 8.00 + 2 × 7.00 cost.
//! let lamp = &profit.lines[0];
//! assert_eq!((lamp.key.as_deref(), lamp.figures.revenue.to_string()), (Some("LAMP"), "125.00".into()));
//! assert_eq!((lamp.figures.cogs.to_string(), lamp.figures.profit.to_string()), ("38.00".into(), "92.00".into()));
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::book::Book;
use crate::error::{LandedError, Result};
use crate::ledger::{AccountRole, JournalLine};
use crate::money::Currency;
use crate::sales::SalesOrder;

/// How the profit report groups its lines.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::report::ProfitGroup;
/// let group: ProfitGroup = serde_json::from_str(r#""sku""#).unwrap();
/// assert_eq!(group, ProfitGroup::Sku);
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProfitGroup {
    /// Per order (`channel/order`).
    Order,
    /// Per SKU, or bundle.
    Sku,
    /// Per channel.
    Channel,
    /// Per calendar month (`2026-11`).
    Month,
}

/// Which date a line of profit counts on.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::report::{ProfitBasis, ProfitGroup, ProfitQuery};
/// let mut query = ProfitQuery::new(landed::parse_date("2026-11-01")?, landed::parse_date("2026-11-30")?, ProfitGroup::Month);
/// // Count each order in the month its payout was settled.
/// query.basis = ProfitBasis::Settlement;
/// assert_eq!(serde_json::to_string(&query.basis).unwrap(), r#""settlement""#);
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProfitBasis {
    /// The date of its entry (shipment, refund, fee): the ledger's view.
    #[default]
    Shipment,
    /// An order's lines on the date of the settlement that paid them out.
    Settlement,
}

/// What the profit report covers.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::report::{ProfitGroup, ProfitQuery};
/// let query: ProfitQuery = serde_json::from_str(
///     r#"{"from":"2026-11-01","to":"2026-11-30","group_by":"sku","channel":"amazon-de"}"#).unwrap();
/// assert_eq!((query.group_by, query.channel.as_deref()), (ProfitGroup::Sku, Some("amazon-de")));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProfitQuery {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The grouping.
    pub group_by: ProfitGroup,
    /// The dating (default: by shipment).
    #[serde(default, skip_serializing_if = "is_shipment")]
    pub basis: ProfitBasis,
    /// Only this channel's lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

fn is_shipment(basis: &ProfitBasis) -> bool {
    *basis == ProfitBasis::Shipment
}

impl ProfitQuery {
    /// Lines from `from` to `to` grouped by `group_by`, by shipment date,
    /// every channel.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::{ProfitBasis, ProfitGroup, ProfitQuery};
    /// let query = ProfitQuery::new(landed::parse_date("2026-11-01")?, landed::parse_date("2026-11-30")?, ProfitGroup::Channel);
    /// assert_eq!((query.basis, query.channel), (ProfitBasis::Shipment, None));
    /// # Ok(()) }
    /// ```
    pub fn new(from: NaiveDate, to: NaiveDate, group_by: ProfitGroup) -> Self {
        Self {
            from,
            to,
            group_by,
            basis: ProfitBasis::Shipment,
            channel: None,
        }
    }
}

/// Profit figures in the functional currency. Income is positive, costs
/// are positive; `profit` is income less costs.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::report::{ProfitGroup, ProfitQuery};
/// let mut book = sales_book()?;
/// let ship = landed::Command::from_json(r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#)?;
/// book.execute(ship, &ctx("2026-11-21", "ship")?)?;
/// let (from, to) = (landed::parse_date("2026-11-01")?, landed::parse_date("2026-11-30")?);
/// let total = book.profit(&ProfitQuery::new(from, to, ProfitGroup::Channel))?.total;
/// // 125.00 sales + 5.00 shipping − 38.00 cost of goods.
/// assert_eq!((total.revenue + total.shipping - total.cogs).to_string(), total.profit.to_string());
/// assert_eq!(total.profit.to_string(), "92.00");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProfitFigures {
    /// Sales, net of discounts.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub revenue: Decimal,
    /// Shipping charged to buyers, net of shipping refunded.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub shipping: Decimal,
    /// Sales given back.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub sales_returns: Decimal,
    /// Cost of goods sold, landed cost included, net of returns put back.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub cogs: Decimal,
    /// Cost of returned units that could not be kept.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub return_losses: Decimal,
    /// Channel, fulfilment, storage and payment fees, net of fees given
    /// back.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub fees: Decimal,
    /// Advertising and promotions.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub advertising: Decimal,
    /// What channels paid for units they lost or damaged.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub reimbursements: Decimal,
    /// Realized exchange gain (positive) or loss of the channels' money.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub fx: Decimal,
    /// Revenue + shipping − refunds − COGS − return losses − fees −
    /// advertising + reimbursements + FX.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub profit: Decimal,
}

/// The part of a group's figures that channels state in their own
/// currency (cost of goods is functional only).
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::report::{ProfitGroup, ProfitQuery};
/// let mut book = sales_book()?;
/// let ship = landed::Command::from_json(r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#)?;
/// book.execute(ship, &ctx("2026-11-21", "ship")?)?;
/// let (from, to) = (landed::parse_date("2026-11-01")?, landed::parse_date("2026-11-30")?);
/// let report = book.profit(&ProfitQuery::new(from, to, ProfitGroup::Channel))?;
/// let usd = &report.lines[0].channel_currency[0];
/// // What the channel owes for the order: sales and shipping, no fees yet.
/// assert_eq!((usd.currency.code(), usd.net.to_string()), ("USD", "130.00".to_string()));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelCurrencyFigures {
    /// The channel's currency.
    pub currency: Currency,
    /// Sales, net of discounts.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub revenue: Decimal,
    /// Shipping charged, net of shipping refunded.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub shipping: Decimal,
    /// Sales given back.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub sales_returns: Decimal,
    /// Fees and advertising.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub fees: Decimal,
    /// Reimbursements.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub reimbursements: Decimal,
    /// Revenue + shipping − refunds − fees + reimbursements: what the
    /// channel pays out for the group, before the cost of goods.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub net: Decimal,
}

/// One group of the profit report.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::report::{ProfitGroup, ProfitQuery};
/// let mut book = sales_book()?;
/// let ship = landed::Command::from_json(r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#)?;
/// book.execute(ship, &ctx("2026-11-21", "ship")?)?;
/// let (from, to) = (landed::parse_date("2026-11-01")?, landed::parse_date("2026-11-30")?);
/// let report = book.profit(&ProfitQuery::new(from, to, ProfitGroup::Order))?;
/// assert_eq!(report.lines[0].key.as_deref(), Some("shop-us/1001"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProfitLine {
    /// The order, SKU (or bundle), channel or month; none for lines that
    /// have no such attribution (a channel-wide fee per SKU, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Figures in the functional currency.
    pub figures: ProfitFigures,
    /// Figures in each channel currency involved, by currency code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channel_currency: Vec<ChannelCurrencyFigures>,
}

/// The profit report.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::report::{ProfitGroup, ProfitQuery};
/// let mut book = sales_book()?;
/// let ship = landed::Command::from_json(r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#)?;
/// book.execute(ship, &ctx("2026-11-21", "ship")?)?;
/// let (from, to) = (landed::parse_date("2026-11-01")?, landed::parse_date("2026-11-30")?);
/// let report = book.profit(&ProfitQuery::new(from, to, ProfitGroup::Month))?;
/// assert_eq!((report.currency.code(), report.lines[0].key.as_deref()), ("USD", Some("2026-11")));
/// assert_eq!(report.total, report.lines[0].figures);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProfitReport {
    /// What it covers.
    pub query: ProfitQuery,
    /// The functional currency.
    pub currency: Currency,
    /// Groups, by key (lines without one first).
    pub lines: Vec<ProfitLine>,
    /// All groups together.
    pub total: ProfitFigures,
    /// Settlement basis: lines of orders no settlement has paid out yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsettled: Option<ProfitFigures>,
}

/// What a journal line is to profit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Revenue,
    Shipping,
    Refunds,
    Cogs,
    ReturnLosses,
    Fees,
    Advertising,
    Reimbursements,
    Fx,
}

impl Part {
    fn of(role: AccountRole) -> Option<Self> {
        use AccountRole as R;
        Some(match role {
            R::Revenue => Self::Revenue,
            R::ShippingRevenue => Self::Shipping,
            R::SalesReturns => Self::Refunds,
            R::Cogs => Self::Cogs,
            R::ReturnLoss => Self::ReturnLosses,
            R::ChannelFees | R::FulfilmentFees | R::StorageFees | R::PaymentFees => Self::Fees,
            R::Advertising => Self::Advertising,
            R::Reimbursements => Self::Reimbursements,
            R::RealizedFx => Self::Fx,
            _ => return None,
        })
    }
}

fn overflow() -> LandedError {
    LandedError::overflow("profit report")
}

fn add(slot: &mut Decimal, value: Decimal) -> Result<()> {
    *slot = slot.checked_add(value).ok_or_else(overflow)?;
    Ok(())
}

impl ProfitFigures {
    /// Every figure at the currency's scale (a zero is `0.00`, not `0`):
    /// amounts leave the core as their currency writes them. The sums are
    /// of journal amounts already at that scale, so nothing is rounded.
    fn rescale(&mut self, scale: u32) {
        for figure in [
            &mut self.revenue,
            &mut self.shipping,
            &mut self.sales_returns,
            &mut self.cogs,
            &mut self.return_losses,
            &mut self.fees,
            &mut self.advertising,
            &mut self.reimbursements,
            &mut self.fx,
            &mut self.profit,
        ] {
            figure.rescale(scale);
        }
    }

    /// Adds a journal line's part: income is the credit, cost the debit.
    fn add(&mut self, part: Part, net: Decimal) -> Result<()> {
        match part {
            Part::Revenue => add(&mut self.revenue, -net),
            Part::Shipping => add(&mut self.shipping, -net),
            Part::Refunds => add(&mut self.sales_returns, net),
            Part::Cogs => add(&mut self.cogs, net),
            Part::ReturnLosses => add(&mut self.return_losses, net),
            Part::Fees => add(&mut self.fees, net),
            Part::Advertising => add(&mut self.advertising, net),
            Part::Reimbursements => add(&mut self.reimbursements, -net),
            Part::Fx => add(&mut self.fx, -net),
        }?;
        add(&mut self.profit, -net)
    }

    fn merge(&mut self, other: &Self) -> Result<()> {
        add(&mut self.revenue, other.revenue)?;
        add(&mut self.shipping, other.shipping)?;
        add(&mut self.sales_returns, other.sales_returns)?;
        add(&mut self.cogs, other.cogs)?;
        add(&mut self.return_losses, other.return_losses)?;
        add(&mut self.fees, other.fees)?;
        add(&mut self.advertising, other.advertising)?;
        add(&mut self.reimbursements, other.reimbursements)?;
        add(&mut self.fx, other.fx)?;
        add(&mut self.profit, other.profit)
    }
}

impl ChannelCurrencyFigures {
    /// Every figure at the channel currency's scale.
    fn rescale(&mut self) {
        let scale = self.currency.minor_units();
        for figure in [
            &mut self.revenue,
            &mut self.shipping,
            &mut self.sales_returns,
            &mut self.fees,
            &mut self.reimbursements,
            &mut self.net,
        ] {
            figure.rescale(scale);
        }
    }

    fn new(currency: Currency) -> Self {
        Self {
            currency,
            revenue: Decimal::ZERO,
            shipping: Decimal::ZERO,
            sales_returns: Decimal::ZERO,
            fees: Decimal::ZERO,
            reimbursements: Decimal::ZERO,
            net: Decimal::ZERO,
        }
    }

    fn add(&mut self, part: Part, amount: Decimal) -> Result<()> {
        let slot = match part {
            Part::Revenue => &mut self.revenue,
            Part::Shipping => &mut self.shipping,
            Part::Refunds => &mut self.sales_returns,
            Part::Fees | Part::Advertising => &mut self.fees,
            Part::Reimbursements => &mut self.reimbursements,
            Part::Cogs | Part::ReturnLosses | Part::Fx => return Ok(()),
        };
        let income = matches!(part, Part::Revenue | Part::Shipping | Part::Reimbursements);
        add(slot, if income { -amount } else { amount })?;
        add(&mut self.net, -amount)
    }
}

#[derive(Default)]
struct Group {
    figures: ProfitFigures,
    channel_currency: BTreeMap<Currency, ChannelCurrencyFigures>,
}

impl Book {
    /// The profit report (see the [module](crate::report) and
    /// [`ProfitQuery`]); an unknown channel is `UNKNOWN_CHANNEL`, a period
    /// that ends before it starts `INVALID_COMMAND`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::{ProfitGroup, ProfitQuery};
    /// let book = sales_book()?;
    /// let day = landed::parse_date("2026-11-30")?;
    /// // Nothing has shipped: no profit yet.
    /// let profit = book.profit(&ProfitQuery::new(day, day, ProfitGroup::Order))?;
    /// assert!(profit.lines.is_empty() && profit.total.profit.is_zero());
    /// # Ok(()) }
    /// ```
    pub fn profit(&self, query: &ProfitQuery) -> Result<ProfitReport> {
        self.require_history("the profit report")?;
        if query.to < query.from {
            return Err(LandedError::InvalidCommand {
                reason: format!(
                    "the profit period ends ({}) before it starts ({})",
                    query.to, query.from
                ),
            });
        }
        let sales = &self.state.sales;
        if let Some(channel) = &query.channel
            && !sales.channels.contains_key(channel)
        {
            return Err(LandedError::UnknownChannel {
                channel: channel.clone(),
            });
        }
        // Each account's part, through the posting rules (the first rule
        // naming an account decides).
        let ledger = self.ledger();
        let mut parts: BTreeMap<&str, Part> = BTreeMap::new();
        for rule in &ledger.rules {
            if let Some(part) = Part::of(rule.role) {
                parts.entry(rule.account.as_str()).or_insert(part);
            }
        }
        let orders: BTreeMap<String, &SalesOrder> = sales
            .orders
            .values()
            .map(|order| (order.document(), order))
            .collect();
        let settlement_dates = |order: &SalesOrder| -> Vec<NaiveDate> {
            order
                .settlements
                .iter()
                .filter_map(|id| sales.settlements.get(id.as_str()).map(|s| s.date))
                .collect()
        };
        let mut groups: BTreeMap<Option<String>, Group> = BTreeMap::new();
        let mut total = ProfitFigures::default();
        let mut unsettled = ProfitFigures::default();
        for entry in self.journal() {
            for line in &entry.lines {
                let Some(&part) = parts.get(&*line.account) else {
                    continue;
                };
                let dims = &line.dimensions;
                // Exchange differences count when they are a channel's.
                if part == Part::Fx && dims.channel.is_none() {
                    continue;
                }
                if let Some(channel) = &query.channel
                    && dims.channel.as_deref() != Some(channel.as_str())
                {
                    continue;
                }
                let order = dims
                    .document
                    .as_deref()
                    .and_then(|d| orders.get(d))
                    .copied();
                let date = match (query.basis, order) {
                    (ProfitBasis::Settlement, Some(order)) => {
                        match settlement_dates(order)
                            .into_iter()
                            .filter(|d| *d >= entry.date)
                            .min()
                        {
                            Some(date) => date,
                            None => {
                                if entry.date <= query.to {
                                    unsettled.add(part, line.net())?;
                                }
                                continue;
                            }
                        }
                    }
                    _ => entry.date,
                };
                if date < query.from || date > query.to {
                    continue;
                }
                let key = match query.group_by {
                    ProfitGroup::Order => order.map(SalesOrder::document),
                    ProfitGroup::Channel => dims.channel.as_deref().map(str::to_owned),
                    ProfitGroup::Month => Some(format!("{:04}-{:02}", date.year(), date.month())),
                    ProfitGroup::Sku => item_of(line, order),
                };
                let group = groups.entry(key).or_default();
                group.figures.add(part, line.net())?;
                if let Some(amount) = &line.transaction_amount {
                    group
                        .channel_currency
                        .entry(amount.currency)
                        .or_insert_with(|| ChannelCurrencyFigures::new(amount.currency))
                        .add(part, amount.amount)?;
                }
            }
        }
        let functional = self.config().functional_currency;
        let mut lines = Vec::with_capacity(groups.len());
        for (key, mut group) in groups {
            total.merge(&group.figures)?;
            group.figures.rescale(functional.minor_units());
            lines.push(ProfitLine {
                key,
                figures: group.figures,
                channel_currency: group
                    .channel_currency
                    .into_values()
                    .map(|mut figures| {
                        figures.rescale();
                        figures
                    })
                    .collect(),
            });
        }
        total.rescale(functional.minor_units());
        unsettled.rescale(functional.minor_units());
        Ok(ProfitReport {
            query: query.clone(),
            currency: functional,
            lines,
            total,
            unsettled: (query.basis == ProfitBasis::Settlement).then_some(unsettled),
        })
    }
}

/// The SKU or bundle a line's profit belongs to.
fn item_of(line: &JournalLine, order: Option<&SalesOrder>) -> Option<String> {
    let sku = line.dimensions.sku.as_deref();
    let Some(order) = order else {
        return sku.map(str::to_owned);
    };
    match sku {
        // A component sold only inside a bundle in this order is the
        // bundle's.
        Some(sku) => {
            let plain = order
                .lines
                .iter()
                .any(|l| l.bundle.is_none() && l.components.iter().any(|c| c.sku == sku));
            let bundle = order
                .lines
                .iter()
                .find(|l| l.bundle.is_some() && l.components.iter().any(|c| c.sku == sku))
                .and_then(|l| l.bundle.as_deref().map(str::to_owned));
            match (plain, bundle) {
                (false, Some(bundle)) => Some(bundle),
                _ => Some(sku.to_owned()),
            }
        }
        // Revenue of a bundle line, or the order's exchange difference:
        // the order's item, when it sold only one.
        None => {
            let mut items =
                order
                    .lines
                    .iter()
                    .filter_map(|l| match (&l.bundle, l.components.as_slice()) {
                        (Some(bundle), _) => Some(bundle.as_str()),
                        (None, [only]) => Some(only.sku.as_str()),
                        _ => None,
                    });
            let first = items.next()?;
            items.all(|item| item == first).then(|| first.to_owned())
        }
    }
}
