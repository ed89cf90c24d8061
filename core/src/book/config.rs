//! How a book keeps its inventory and its ledger: its configuration.
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::inventory::ValuationMethod;
//! let config = landed::BookConfig::from_json(r#"{"functional_currency":"CNY","valuation_method":"fifo"}"#)?;
//! assert_eq!(config.valuation_method, ValuationMethod::Fifo);
//! assert_eq!(config.functional_currency.code(), "CNY");
//! assert_eq!(landed::BookConfig::from_json(r#"{"functional_currency":"XYZ"}"#).unwrap_err().code(), "INVALID_COMMAND");
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::inventory::{NegativeStockPolicy, ScopeMode, ValuationMethod};
use crate::ledger::LedgerSetup;
use crate::money::{Currency, RoundingStrategy};
use crate::trade::TradeSettings;

/// How a book keeps its inventory and its ledger.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BookConfig {
    /// The currency the books are kept in (本位币).
    pub functional_currency: Currency,
    /// Moving average (default) or FIFO.
    #[serde(default)]
    pub valuation_method: ValuationMethod,
    /// One cost per company or per warehouse scope (default).
    #[serde(default)]
    pub valuation_scope: ScopeMode,
    /// Refuse (default) or allow negative available stock.
    #[serde(default)]
    pub negative_stock: NegativeStockPolicy,
    /// Rounding of values to the functional currency's minor units.
    #[serde(default)]
    pub rounding: RoundingStrategy,
    /// Chart of accounts and posting rules (default: the standard chart).
    #[serde(default)]
    pub ledger: LedgerSetup,
    /// Purchasing, rates and landed-cost settings.
    #[serde(default, skip_serializing_if = "TradeSettings::is_default")]
    pub trade: TradeSettings,
    /// Write damaged stock down (default off). Units entering the damaged
    /// bucket post their value at the pool's average cost to a damage
    /// write-down expense against an inventory allowance (contra asset);
    /// units leaving it release their share of the allowance. Needs a
    /// ledger with rules for the `damage_write_down` and
    /// `inventory_allowance` roles.
    #[serde(default, skip_serializing_if = "is_false")]
    pub damage_write_down: bool,
    /// Keep every event in memory (default on). Off, the book keeps only
    /// what it needs to decide the next command: positions, pools, open
    /// documents, the ledger's running totals and each command id with its
    /// fingerprint; the host owns the events (every command returns them)
    /// and reads history from its own store. Memory then follows the
    /// business, not its past. A book without its log answers a retried
    /// command with its version and no events, and refuses the reports that
    /// read history (`HISTORY_NOT_KEPT`): journal lines by account, stock
    /// history, profit.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub keep_events: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn is_true(value: &bool) -> bool {
    *value
}

fn yes() -> bool {
    true
}

impl BookConfig {
    /// Defaults for a functional currency: moving average per warehouse,
    /// negative stock refused, half away from zero.
    pub fn new(functional_currency: Currency) -> Self {
        Self {
            functional_currency,
            valuation_method: ValuationMethod::default(),
            valuation_scope: ScopeMode::default(),
            negative_stock: NegativeStockPolicy::default(),
            rounding: RoundingStrategy::default(),
            ledger: LedgerSetup::default(),
            trade: TradeSettings::default(),
            damage_write_down: false,
            keep_events: true,
        }
    }

    crate::builder::setters! {
        /// Values stock by moving average (default) or FIFO.
        ///
        /// ```
        /// use landed::{BookConfig, Currency, inventory::ValuationMethod};
        /// let config = BookConfig::new(Currency::from_code("USD")?).valuation_method(ValuationMethod::Fifo);
        /// assert_eq!(config, BookConfig::from_json(r#"{"functional_currency":"USD","valuation_method":"fifo"}"#)?);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        valuation_method: set ValuationMethod;
        /// One cost per company or per warehouse scope (default).
        ///
        /// ```
        /// use landed::{BookConfig, Currency, inventory::ScopeMode};
        /// let config = BookConfig::new(Currency::from_code("USD")?).valuation_scope(ScopeMode::Company);
        /// assert_eq!(config, BookConfig::from_json(r#"{"functional_currency":"USD","valuation_scope":"company"}"#)?);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        valuation_scope: set ScopeMode;
        /// Refuses (default) or allows negative available stock.
        ///
        /// ```
        /// use landed::{BookConfig, Currency, inventory::NegativeStockPolicy};
        /// let config = BookConfig::new(Currency::from_code("USD")?).negative_stock(NegativeStockPolicy::Allow);
        /// assert_eq!(config, BookConfig::from_json(r#"{"functional_currency":"USD","negative_stock":"allow"}"#)?);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        negative_stock: set NegativeStockPolicy;
        /// Rounding of values to the functional currency's minor units.
        ///
        /// ```
        /// use landed::{BookConfig, Currency, RoundingStrategy};
        /// let config = BookConfig::new(Currency::from_code("USD")?).rounding(RoundingStrategy::HalfEven);
        /// assert_eq!(config, BookConfig::from_json(r#"{"functional_currency":"USD","rounding":"half_even"}"#)?);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        rounding: set RoundingStrategy;
        /// The chart of accounts and posting rules (default: the standard
        /// chart), or no ledger.
        ///
        /// ```
        /// use landed::{BookConfig, Currency, ledger::LedgerSetup};
        /// let config = BookConfig::new(Currency::from_code("USD")?).ledger(LedgerSetup::Off);
        /// assert_eq!(config, BookConfig::from_json(r#"{"functional_currency":"USD","ledger":{"type":"off"}}"#)?);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        ledger: set LedgerSetup;
        /// Purchasing, rates and landed-cost settings.
        ///
        /// ```
        /// use landed::{BookConfig, Currency, trade::TradeSettings};
        /// let trade = TradeSettings { max_rate_age_days: 3, ..TradeSettings::default() };
        /// let config = BookConfig::new(Currency::from_code("USD")?).trade(trade);
        /// assert_eq!(config, BookConfig::from_json(r#"{"functional_currency":"USD","trade":{"max_rate_age_days":3}}"#)?);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        trade: set TradeSettings;
        /// Writes damaged stock down (needs a ledger).
        ///
        /// ```
        /// use landed::{BookConfig, Currency};
        /// let config = BookConfig::new(Currency::from_code("USD")?).damage_write_down(true);
        /// assert_eq!(config, BookConfig::from_json(r#"{"functional_currency":"USD","damage_write_down":true}"#)?);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        damage_write_down: set bool;
        /// Keeps every event in memory (default) or only the state.
        ///
        /// ```
        /// use landed::{BookConfig, Currency};
        /// let config = BookConfig::new(Currency::from_code("USD")?).keep_events(false);
        /// assert_eq!(config, BookConfig::from_json(r#"{"functional_currency":"USD","keep_events":false}"#)?);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        keep_events: set bool;
    }
}
