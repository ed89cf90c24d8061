//! The chart of accounts, account roles and posting rules.
//!
//! Every command that changes inventory value or money posts balanced
//! journal entries in the functional currency at once (业财一体化). Which
//! account a line uses is decided by posting rules keyed by an account
//! *role* (inventory, GRNI, COGS, …) and optionally by location, location
//! kind, channel or SKU category; the most specific rule wins. A book checks
//! its rules when it is created: a role without a rule is an error then, not
//! a surprise at posting time.
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::ledger::{AccountRole, ChartSpec};
//! // In the standard chart every role has a fallback rule.
//! let chart = ChartSpec::standard();
//! let rule = chart.rules.iter().find(|rule| rule.role == AccountRole::GoodsInTransit).unwrap();
//! assert_eq!(rule.account, "1310");
//! assert!(AccountRole::ALL.iter().all(|role| chart.rules.iter().any(|rule| rule.role == *role)));
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::catalog::LocationKind;
use crate::money::Currency;

/// The five kinds of account.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::ledger::AccountType;
let book = lamp_book()?;
let tb = book.trial_balance(landed::parse_date("2026-11-30")?, None);
let types: Vec<_> = tb.lines.iter().map(|line| (line.account.as_str(), line.account_type)).collect();
assert_eq!(types[2], ("1300", AccountType::Asset));
assert_eq!(types[4], ("2100", AccountType::Liability));
assert_eq!(serde_json::to_string(&AccountType::Revenue).unwrap(), r#""revenue""#);
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    /// Debit balance: cash, receivables, inventory.
    Asset,
    /// Credit balance: payables, accruals.
    Liability,
    /// Credit balance: capital, retained earnings.
    Equity,
    /// Credit balance: sales, gains.
    Revenue,
    /// Debit balance: cost of goods sold, losses, fees.
    Expense,
}

/// An account of the chart.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::ledger::{AccountType, ChartSpec};
let chart = ChartSpec::standard();
let inventory = chart.accounts.iter().find(|account| account.code == "1300").unwrap();
assert_eq!((inventory.name.as_str(), inventory.account_type), ("Inventory", AccountType::Asset));
assert_eq!(inventory.currency, None); // any currency may post to it
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Account {
    /// Account code, unique (e.g. `"1300"`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Asset, liability, equity, revenue or expense.
    #[serde(rename = "type")]
    pub account_type: AccountType,
    /// For receivable, payable or bank accounts kept in one foreign
    /// currency: every line must carry an amount in that currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
}

/// What a line is for; posting rules map roles to accounts.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::ledger::AccountRole;
assert_eq!(AccountRole::GoodsInTransit.name(), "goods_in_transit");
let role: AccountRole = serde_json::from_str(r#""cogs""#).unwrap();
assert_eq!(role, AccountRole::Cogs);
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountRole {
    /// Stock on hand at a location.
    Inventory,
    /// Goods received, not invoiced.
    Grni,
    /// Cost of goods sold.
    Cogs,
    /// Stock found (adjustment or count above the book).
    InventoryGain,
    /// Stock lost (adjustment or count below the book).
    InventoryLoss,
    /// Goods destroyed or liquidated.
    DisposalExpense,
    /// Goods given away as samples or used internally.
    SampleExpense,
    /// Customer or marketplace receivables.
    Receivable,
    /// Sales.
    Revenue,
    /// Supplier payables.
    Payable,
    /// Bank and cash.
    Cash,
    /// Realized exchange gains and losses.
    RealizedFx,
    /// Unrealized exchange gains and losses (revaluation).
    UnrealizedFx,
    /// Sub-unit differences from converting lines one by one.
    Rounding,
    /// Goods in transit between locations.
    GoodsInTransit,
    /// Units lost in transit (expense).
    TransitLoss,
    /// Units lost in transit, claimed from the carrier (receivable).
    CarrierClaim,
    /// Supplier invoice price differences, when the book does not put them
    /// into inventory.
    PriceVariance,
    /// Damaged stock written down (books with `damage_write_down`).
    DamageWriteDown,
    /// Contra-asset allowance against written-down damaged stock (books
    /// with `damage_write_down`): a credit balance beside inventory.
    InventoryAllowance,
    /// Landed cost billed before its units are known (`accrue_landed_cost`),
    /// waiting to be allocated by a voucher; needed only by books that
    /// accrue such bills.
    LandedCostClearing,
    /// What a sales channel owes for shipped orders, in its currency.
    ChannelReceivable,
    /// Shipping charged to buyers.
    ShippingRevenue,
    /// Tax charged to buyers that the seller remits (output tax).
    SalesTaxPayable,
    /// Tax the marketplace collects and remits for the seller: a
    /// liability, never revenue.
    MarketplaceTaxPayable,
    /// Revenue given back on customer returns and refunds.
    SalesReturns,
    /// Cost of returned units that could not be kept.
    ReturnLoss,
    /// Marketplace selling fees: referral and commission, closing fees,
    /// refund administration, other channel fees.
    ChannelFees,
    /// Fulfilment by the marketplace (FBA) and shipping labels bought
    /// through it.
    FulfilmentFees,
    /// Storage at the marketplace's warehouses (monthly and long-term).
    StorageFees,
    /// Advertising and promotions paid to a channel.
    Advertising,
    /// Fees of the payment provider that carries a payout to the bank.
    PaymentFees,
    /// What a marketplace pays back for units it lost or damaged.
    Reimbursements,
    /// Money a marketplace holds back from a payout (its reserve).
    ChannelReserve,
    /// Marketplace payouts settled but not yet in the bank.
    PayoutClearing,
    /// Settlement rows the book could not match, until someone clears
    /// them by hand.
    SettlementSuspense,
}

impl AccountRole {
    /// The snake_case name used in configurations (`"goods_in_transit"`).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::ledger::AccountRole;
    /// assert_eq!(AccountRole::Grni.name(), "grni");
    /// assert_eq!(AccountRole::RealizedFx.name(), "realized_fx");
    /// # Ok(()) }
    /// ```
    pub fn name(self) -> String {
        let mut name = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    name.push('_');
                }
                name.push(c.to_ascii_lowercase());
            } else {
                name.push(c);
            }
        }
        name
    }

    /// Roles every book must be able to post.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::ledger::AccountRole;
    /// assert_eq!(AccountRole::ALL.len(), 18);
    /// assert!(AccountRole::ALL.contains(&AccountRole::Inventory));
    /// assert!(!AccountRole::ALL.contains(&AccountRole::DamageWriteDown));
    /// # Ok(()) }
    /// ```
    pub const ALL: [AccountRole; 18] = [
        AccountRole::Inventory,
        AccountRole::Grni,
        AccountRole::Cogs,
        AccountRole::InventoryGain,
        AccountRole::InventoryLoss,
        AccountRole::DisposalExpense,
        AccountRole::SampleExpense,
        AccountRole::Receivable,
        AccountRole::Revenue,
        AccountRole::Payable,
        AccountRole::Cash,
        AccountRole::RealizedFx,
        AccountRole::UnrealizedFx,
        AccountRole::Rounding,
        AccountRole::GoodsInTransit,
        AccountRole::TransitLoss,
        AccountRole::CarrierClaim,
        AccountRole::PriceVariance,
    ];

    /// Roles a book with `damage_write_down` must also be able to post.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::ledger::AccountRole;
    /// let names: Vec<_> = AccountRole::WRITE_DOWN.iter().map(|role| role.name()).collect();
    /// assert_eq!(names, ["damage_write_down", "inventory_allowance"]);
    /// # Ok(()) }
    /// ```
    pub const WRITE_DOWN: [AccountRole; 2] = [
        AccountRole::DamageWriteDown,
        AccountRole::InventoryAllowance,
    ];

    /// Roles of the selling side (sales orders, shipments, returns). The
    /// standard chart maps them; a custom chart needs them only to post
    /// sales, which are refused with `MISSING_POSTING_RULE` without them.
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::ledger::{AccountRole, ChartSpec};
    /// let chart = ChartSpec::standard();
    /// let rule = |role| chart.rules.iter().find(|r| r.role == role).unwrap().account.clone();
    /// assert_eq!(rule(AccountRole::ChannelReceivable), "1250");
    /// assert_eq!(rule(AccountRole::MarketplaceTaxPayable), "2460");
    /// assert_eq!(AccountRole::SALES.len(), 6);
    /// # Ok(()) }
    /// ```
    pub const SALES: [AccountRole; 6] = [
        AccountRole::ChannelReceivable,
        AccountRole::ShippingRevenue,
        AccountRole::SalesTaxPayable,
        AccountRole::MarketplaceTaxPayable,
        AccountRole::SalesReturns,
        AccountRole::ReturnLoss,
    ];

    /// Roles of channel fees and marketplace settlements. Like the
    /// selling roles, the standard chart maps them and a custom chart needs
    /// a role only to post what uses it.
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::ledger::{AccountRole, ChartSpec};
    /// let chart = ChartSpec::standard();
    /// let rule = |role| chart.rules.iter().find(|r| r.role == role).unwrap().account.clone();
    /// assert_eq!(rule(AccountRole::ChannelFees), "6000");
    /// assert_eq!(rule(AccountRole::PayoutClearing), "1150");
    /// assert_eq!(AccountRole::SETTLEMENT.len(), 9);
    /// # Ok(()) }
    /// ```
    pub const SETTLEMENT: [AccountRole; 9] = [
        AccountRole::ChannelFees,
        AccountRole::FulfilmentFees,
        AccountRole::StorageFees,
        AccountRole::Advertising,
        AccountRole::PaymentFees,
        AccountRole::Reimbursements,
        AccountRole::ChannelReserve,
        AccountRole::PayoutClearing,
        AccountRole::SettlementSuspense,
    ];
}

/// Maps a role to an account, optionally only for one location, location
/// kind, channel or SKU category.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::ledger::{Account, AccountRole, AccountType, ChartSpec, LedgerSetup, PostingRule};
// Sales of the Amazon Germany channel go to their own revenue account.
let mut chart = ChartSpec::standard();
chart.accounts.push(Account { code: "4010".into(), name: "Sales Amazon DE".into(),
    account_type: AccountType::Revenue, currency: None });
chart.rules.push(PostingRule { channel: Some("amazon-de".into()),
    ..PostingRule::fallback(AccountRole::Revenue, "4010") });
let mut config = landed::BookConfig::from_json(r#"{"functional_currency":"CNY"}"#)?;
config.ledger = LedgerSetup::Custom(chart);
let mut book = landed::Book::new(config)?;
let invoice = landed::Command::from_json(r#"{"type":"record_invoice","document":"INV-A1",
    "kind":"customer_invoice","party":"amazon-de","channel":"amazon-de","date":"2026-11-13",
    "amount":{"amount":"450.00","currency":"USD"},"rate":"7.20"}"#)?;
let out = book.execute(invoice, &ctx("2026-11-13", "INV-A1")?)?;
assert_eq!(posted(&out), [("1200".into(), "3240.00".into(), "0.00".into()),
    ("4010".into(), "0.00".into(), "3240.00".into())]);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PostingRule {
    /// The role.
    pub role: AccountRole,
    /// The account code.
    pub account: String,
    /// Only for this location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Only for locations of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_kind: Option<LocationKind>,
    /// Only for this sales channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Only for SKUs of this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

impl PostingRule {
    /// A rule for `role` with no conditions.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::ledger::{AccountRole, PostingRule};
    /// let rule = PostingRule::fallback(AccountRole::Cash, "1100");
    /// assert_eq!((rule.role, rule.account.as_str()), (AccountRole::Cash, "1100"));
    /// assert!(rule.location.is_none() && rule.location_kind.is_none());
    /// assert!(rule.channel.is_none() && rule.category.is_none());
    /// # Ok(()) }
    /// ```
    pub fn fallback(role: AccountRole, account: &str) -> Self {
        Self {
            role,
            account: account.to_owned(),
            location: None,
            location_kind: None,
            channel: None,
            category: None,
        }
    }

    /// How many conditions match `facts`, or `None` if one contradicts them.
    pub(crate) fn specificity(&self, facts: &PostingFacts<'_>) -> Option<u32> {
        let mut score = 0;
        let mut check = |wanted: Option<&str>, actual: Option<&str>| -> bool {
            match wanted {
                None => true,
                Some(w) if Some(w) == actual => {
                    score += 1;
                    true
                }
                Some(_) => false,
            }
        };
        let kind = self.location_kind.map(kind_name);
        let ok = check(self.location.as_deref(), facts.location)
            && check(kind, facts.location_kind.map(kind_name))
            && check(self.channel.as_deref(), facts.channel)
            && check(self.category.as_deref(), facts.category);
        ok.then_some(score)
    }
}

fn kind_name(kind: LocationKind) -> &'static str {
    match kind {
        LocationKind::Own => "own",
        LocationKind::ThirdParty => "third_party",
        LocationKind::Fba => "fba",
        LocationKind::Transit => "transit",
    }
}

/// What a posting knows about the movement, for rule matching.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PostingFacts<'a> {
    pub location: Option<&'a str>,
    pub location_kind: Option<LocationKind>,
    pub channel: Option<&'a str>,
    pub category: Option<&'a str>,
}

/// The chart and rules a book posts with.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::ledger::{ChartSpec, LedgerSetup};
let chart = ChartSpec::standard();
assert_eq!(chart.accounts.len(), 39);
assert_eq!(chart.rules.len(), 36);
// A book given this chart as its own posts exactly like the default.
let mut config = landed::BookConfig::from_json(r#"{"functional_currency":"CNY"}"#)?;
config.ledger = LedgerSetup::Custom(chart);
assert!(landed::Book::new(config).is_ok());
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChartSpec {
    /// Accounts.
    pub accounts: Vec<Account>,
    /// Posting rules; every role needs at least one rule without conditions
    /// (the damage write-down roles only in books that write damaged stock
    /// down).
    pub rules: Vec<PostingRule>,
}

/// Whether and how a book posts: `{"type": "standard"}` (the default),
/// `{"type": "custom", "accounts": […], "rules": […]}` or `{"type": "off"}`.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::ledger::LedgerSetup;
let config = landed::BookConfig::from_json(r#"{"functional_currency":"CNY","ledger":{"type":"off"}}"#)?;
assert_eq!(config.ledger, LedgerSetup::Off);
// Without a ledger, a receipt records stock and posts nothing.
let mut book = landed::Book::new(config)?;
for (context, command) in lamp_commands()?.into_iter().take(4) {
    book.execute(command, &context)?;
}
assert_eq!(book.inventory_value().to_string(), "1775.00 CNY");
assert!(book.journal().is_empty());
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", from = "LedgerSetupIn")]
pub enum LedgerSetup {
    /// The default chart and rules ([`ChartSpec::standard`]).
    #[default]
    Standard,
    /// A chart and rules of the host's own.
    Custom(ChartSpec),
    /// No postings (inventory only).
    Off,
}

/// How a [`LedgerSetup`] is read: serde ignores extra keys beside the tag
/// of a unit variant even with `deny_unknown_fields`, so the unit variants
/// are read as empty struct variants, which refuse them.
#[derive(Deserialize)]
// The schema derive of `LedgerSetup` (read `from` this) needs one too.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum LedgerSetupIn {
    Standard {},
    Custom(ChartSpec),
    Off {},
}

impl From<LedgerSetupIn> for LedgerSetup {
    fn from(setup: LedgerSetupIn) -> Self {
        match setup {
            LedgerSetupIn::Standard {} => Self::Standard,
            LedgerSetupIn::Custom(spec) => Self::Custom(spec),
            LedgerSetupIn::Off {} => Self::Off,
        }
    }
}

impl ChartSpec {
    /// A sensible starting chart: codes in the usual
    /// 1xxx assets … 7xxx other ranges, one fallback rule per role.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::ledger::ChartSpec;
    /// let chart = ChartSpec::standard();
    /// let codes: Vec<_> = chart.accounts.iter().take(4).map(|account| account.code.as_str()).collect();
    /// assert_eq!(codes, ["1100", "1200", "1300", "1310"]);
    /// # Ok(()) }
    /// ```
    pub fn standard() -> Self {
        use AccountRole::*;
        use AccountType::{Asset, Equity, Expense, Liability};
        let income = AccountType::Revenue;
        let accounts = [
            ("1100", "Cash at bank", Asset),
            ("1200", "Accounts receivable", Asset),
            ("1300", "Inventory", Asset),
            ("1310", "Goods in transit", Asset),
            ("1400", "Carrier claims receivable", Asset),
            ("2000", "Accounts payable", Liability),
            ("2100", "Goods received not invoiced", Liability),
            ("2200", "Accrued freight", Liability),
            ("2300", "Duty payable", Liability),
            ("3000", "Owner's equity", Equity),
            ("4000", "Sales", income),
            ("4100", "Sales returns", income),
            ("4200", "Inventory gains", income),
            ("5000", "Cost of goods sold", Expense),
            ("5100", "Inventory losses", Expense),
            ("5200", "Transit losses", Expense),
            ("5300", "Purchase price variance", Expense),
            ("5400", "Disposals and write-downs", Expense),
            ("5500", "Samples and internal use", Expense),
            ("6000", "Platform fees", Expense),
            ("7000", "Realized exchange gains and losses", Expense),
            ("7100", "Unrealized exchange gains and losses", Expense),
            ("7900", "Rounding differences", Expense),
            ("1390", "Inventory write-down allowance", Asset),
            ("5410", "Damage write-downs", Expense),
            ("1450", "Landed cost clearing", Asset),
            ("1250", "Channel receivables", Asset),
            ("2450", "Sales tax payable", Liability),
            ("2460", "Marketplace-collected tax", Liability),
            ("4050", "Shipping income", income),
            ("5460", "Customer return losses", Expense),
            ("1150", "Marketplace payouts in transit", Asset),
            ("1260", "Marketplace reserves", Asset),
            ("2900", "Unmatched settlement items", Liability),
            ("4300", "Marketplace reimbursements", income),
            ("6100", "Fulfilment fees", Expense),
            ("6200", "Storage fees", Expense),
            ("6300", "Advertising and promotions", Expense),
            ("6400", "Payment provider fees", Expense),
        ]
        .into_iter()
        .map(|(code, name, account_type)| Account {
            code: code.into(),
            name: name.into(),
            account_type,
            currency: None,
        })
        .collect();
        let rules = [
            (Inventory, "1300"),
            (Grni, "2100"),
            (Cogs, "5000"),
            (InventoryGain, "4200"),
            (InventoryLoss, "5100"),
            (DisposalExpense, "5400"),
            (SampleExpense, "5500"),
            (Receivable, "1200"),
            (Revenue, "4000"),
            (Payable, "2000"),
            (Cash, "1100"),
            (RealizedFx, "7000"),
            (UnrealizedFx, "7100"),
            (Rounding, "7900"),
            (GoodsInTransit, "1310"),
            (TransitLoss, "5200"),
            (CarrierClaim, "1400"),
            (PriceVariance, "5300"),
            (DamageWriteDown, "5410"),
            (InventoryAllowance, "1390"),
            (LandedCostClearing, "1450"),
            (ChannelReceivable, "1250"),
            (ShippingRevenue, "4050"),
            (SalesTaxPayable, "2450"),
            (MarketplaceTaxPayable, "2460"),
            (SalesReturns, "4100"),
            (ReturnLoss, "5460"),
            (ChannelFees, "6000"),
            (FulfilmentFees, "6100"),
            (StorageFees, "6200"),
            (Advertising, "6300"),
            (PaymentFees, "6400"),
            (Reimbursements, "4300"),
            (ChannelReserve, "1260"),
            (PayoutClearing, "1150"),
            (SettlementSuspense, "2900"),
        ]
        .into_iter()
        .map(|(role, account)| PostingRule::fallback(role, account))
        .collect();
        Self { accounts, rules }
    }
}
