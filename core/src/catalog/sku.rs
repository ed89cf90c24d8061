//! SKUs and bundles: the master data that movements refer to (with the
//! locations in `location.rs`).
//!
//! Master data enters the book through commands like everything else, so a
//! replayed book has exactly the catalog the live one had.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // A SKU's weight may be zero (unknown), never negative; a code is defined once.
//! let mut book = lamp_book()?;
//! let bad = landed::Command::from_json(r#"{"type":"define_sku","code":"BULB","name":"Bulb","weight_kg":"-1"}"#)?;
//! let err = book.execute(bad, &ctx("2026-11-21", "sku-BULB")?).unwrap_err();
//! assert_eq!(err.to_string(), "invalid command: SKU BULB: weight is negative");
//! let again = book.execute(lamp_command("sku-LAMP"), &ctx("2026-11-21", "sku-LAMP-again")?);
//! assert_eq!(again.unwrap_err().code(), "DUPLICATE_CODE");
//! # Ok(()) }
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{LandedError, Result, invalid};
use crate::money::Money;

/// A stock-keeping unit as defined by the host (`DefineSku`).
///
/// Weight and dimensions feed landed-cost allocation by weight, volume and
/// chargeable weight; HS code, declared value and origin feed customs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SkuSpec {
    /// The seller's SKU code, unique in the book.
    pub code: String,
    /// Human-readable name.
    pub name: String,
    /// Base unit quantities are counted in (default `"pcs"`).
    #[serde(default = "default_unit")]
    pub base_unit: String,
    /// Weight of one base unit in kilograms.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub weight_kg: Option<Decimal>,
    /// Outer dimensions of one base unit in centimetres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions_cm: Option<Dimensions>,
    /// Harmonized System code for customs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    /// Value declared to customs per unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_value: Option<Money>,
    /// ISO 3166 country of origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_of_origin: Option<String>,
    /// Whether receipts must name a lot.
    #[serde(default)]
    pub lot_tracked: bool,
    /// Shelf life in days: a received lot without an expiry gets
    /// `receipt date + shelf life`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shelf_life_days: Option<u32>,
    /// Free category used by posting rules (later issues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

fn default_unit() -> String {
    "pcs".to_owned()
}

/// Length × width × height of one unit, in centimetres.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dimensions {
    /// Length (cm).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub length: Decimal,
    /// Width (cm).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub width: Decimal,
    /// Height (cm).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub height: Decimal,
}

impl Dimensions {
    /// Volume in cubic centimetres, if it fits a decimal.
    pub fn volume_cm3(&self) -> Option<Decimal> {
        self.length
            .checked_mul(self.width)?
            .checked_mul(self.height)
    }
}

/// Changes to a SKU (`UpdateSku`): only the fields given change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SkuUpdate {
    /// The SKU to change.
    pub code: String,
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New weight (kg).
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub weight_kg: Option<Decimal>,
    /// New dimensions (cm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions_cm: Option<Dimensions>,
    /// New HS code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    /// New declared value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_value: Option<Money>,
    /// New country of origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_of_origin: Option<String>,
    /// New shelf life (days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shelf_life_days: Option<u32>,
    /// New category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

impl SkuSpec {
    /// Applies an update in place.
    pub(crate) fn apply(&mut self, update: &SkuUpdate) {
        if let Some(v) = &update.name {
            self.name.clone_from(v);
        }
        if update.weight_kg.is_some() {
            self.weight_kg = update.weight_kg;
        }
        if update.dimensions_cm.is_some() {
            self.dimensions_cm = update.dimensions_cm;
        }
        if update.hs_code.is_some() {
            self.hs_code.clone_from(&update.hs_code);
        }
        if update.declared_value.is_some() {
            self.declared_value = update.declared_value;
        }
        if update.country_of_origin.is_some() {
            self.country_of_origin.clone_from(&update.country_of_origin);
        }
        if update.shelf_life_days.is_some() {
            self.shelf_life_days = update.shelf_life_days;
        }
        if update.category.is_some() {
            self.category.clone_from(&update.category);
        }
    }
}

/// A SKU in the book: its definition and whether it is still active.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sku {
    /// The definition, as last updated.
    pub spec: SkuSpec,
    /// False once deactivated: no further movements.
    pub active: bool,
}

/// One component of a bundle.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BundleComponent {
    /// Component SKU.
    pub sku: String,
    /// Units of it in one bundle.
    pub quantity: i64,
}

/// A listing sold as several SKUs (`DefineBundle`). Definition only:
/// availability of bundles comes with channel planning.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BundleSpec {
    /// Bundle code (not a SKU code).
    pub code: String,
    /// Name.
    pub name: String,
    /// Components, each SKU at most once.
    pub components: Vec<BundleComponent>,
}

/// A SKU definition's own rules: no negative weight or dimension, and a
/// volume that fits the decimal range.
pub(crate) fn check_sku(spec: &SkuSpec) -> Result<()> {
    let non_negative = |what: &str, v: Option<Decimal>| match v {
        Some(v) if v.is_sign_negative() && !v.is_zero() => {
            Err(invalid(format!("SKU {}: {what} is negative", spec.code)))
        }
        _ => Ok(()),
    };
    non_negative("weight", spec.weight_kg)?;
    if let Some(d) = &spec.dimensions_cm {
        for v in [d.length, d.width, d.height] {
            non_negative("a dimension", Some(v))?;
        }
        if d.volume_cm3().is_none() {
            return Err(LandedError::overflow("SKU volume"));
        }
    }
    Ok(())
}

impl SkuSpec {
    /// A SKU `code` named `name`, counted in `"pcs"`, not lot-tracked, with
    /// no weight, dimensions or customs data (the defaults of its JSON form).
    ///
    /// ```
    /// use landed::catalog::SkuSpec;
    /// use landed::command::Command;
    /// let lamp = SkuSpec::new("LAMP", "Desk lamp").weight_kg("1.2".parse::<landed::Decimal>()?).category("lighting");
    /// assert_eq!(lamp.base_unit, "pcs");
    /// assert_eq!(Command::from(lamp), Command::from_json(r#"{"type":"define_sku","code":"LAMP",
    ///     "name":"Desk lamp","weight_kg":"1.2","category":"lighting"}"#)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(code: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            base_unit: default_unit(),
            weight_kg: None,
            dimensions_cm: None,
            hs_code: None,
            declared_value: None,
            country_of_origin: None,
            lot_tracked: false,
            shelf_life_days: None,
            category: None,
        }
    }

    crate::builder::setters! {
        /// Counted in another base unit (`"pair"`, `"kg"`…).
        ///
        /// ```
        /// # use landed::catalog::SkuSpec;
        /// assert_eq!(SkuSpec::new("SOCK", "Socks").base_unit("pair".into()).base_unit, "pair");
        /// ```
        base_unit: set String;
        /// Weight of one base unit in kilograms.
        ///
        /// ```
        /// # use landed::catalog::SkuSpec;
        /// assert_eq!(SkuSpec::new("LAMP", "Desk lamp").weight_kg(2.into()).weight_kg, Some(2.into()));
        /// ```
        weight_kg: opt Decimal;
        /// Outer dimensions of one base unit in centimetres.
        ///
        /// ```
        /// # use landed::catalog::{Dimensions, SkuSpec};
        /// let box_cm = Dimensions::new(30.into(), 20.into(), 10.into());
        /// assert_eq!(SkuSpec::new("LAMP", "Desk lamp").dimensions_cm(box_cm).dimensions_cm, Some(box_cm));
        /// ```
        dimensions_cm: opt Dimensions;
        /// Harmonized System code for customs.
        ///
        /// ```
        /// # use landed::catalog::SkuSpec;
        /// assert_eq!(SkuSpec::new("LAMP", "Desk lamp").hs_code("9405.21").hs_code.as_deref(), Some("9405.21"));
        /// ```
        hs_code: some String;
        /// Value declared to customs per unit.
        ///
        /// ```
        /// # use landed::{catalog::SkuSpec, Money};
        /// let lamp = SkuSpec::new("LAMP", "Desk lamp").declared_value(Money::parse("4.00", "USD")?);
        /// assert!(lamp.declared_value.is_some());
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        declared_value: opt Money;
        /// ISO 3166 country of origin.
        ///
        /// ```
        /// # use landed::catalog::SkuSpec;
        /// assert_eq!(SkuSpec::new("LAMP", "Desk lamp").country_of_origin("CN").country_of_origin.as_deref(), Some("CN"));
        /// ```
        country_of_origin: some String;
        /// Whether receipts must name a lot.
        ///
        /// ```
        /// # use landed::catalog::SkuSpec;
        /// assert!(SkuSpec::new("TEA", "Green tea").lot_tracked(true).lot_tracked);
        /// ```
        lot_tracked: set bool;
        /// Shelf life in days (expiry of a lot received without one).
        ///
        /// ```
        /// # use landed::catalog::SkuSpec;
        /// assert_eq!(SkuSpec::new("TEA", "Green tea").shelf_life_days(365).shelf_life_days, Some(365));
        /// ```
        shelf_life_days: opt u32;
        /// Free category used by posting rules.
        ///
        /// ```
        /// # use landed::catalog::SkuSpec;
        /// assert_eq!(SkuSpec::new("LAMP", "Desk lamp").category("lighting").category.as_deref(), Some("lighting"));
        /// ```
        category: some String;
    }
}

impl Dimensions {
    /// Length × width × height in centimetres.
    ///
    /// ```
    /// use landed::catalog::Dimensions;
    /// assert_eq!(Dimensions::new(30.into(), 20.into(), 10.into()).volume_cm3(), Some(6000.into()));
    /// ```
    pub fn new(length: Decimal, width: Decimal, height: Decimal) -> Self {
        Self {
            length,
            width,
            height,
        }
    }
}

impl SkuUpdate {
    /// An update of SKU `code` that changes nothing yet: set the fields to
    /// change.
    ///
    /// ```
    /// use landed::catalog::SkuUpdate;
    /// let update = SkuUpdate { name: Some("Desk lamp, black".into()), ..SkuUpdate::new("LAMP") };
    /// assert_eq!(update.code, "LAMP");
    /// ```
    pub fn new(code: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            ..Self::default()
        }
    }
}

impl BundleSpec {
    /// A bundle `code` named `name`, without components yet.
    ///
    /// ```
    /// use landed::catalog::BundleSpec;
    /// use landed::command::Command;
    /// let set = BundleSpec::new("DESK-SET", "Desk set").component("LAMP", 1).component("PAD", 2);
    /// assert_eq!(Command::from(set), Command::from_json(r#"{"type":"define_bundle","code":"DESK-SET",
    ///     "name":"Desk set","components":[{"sku":"LAMP","quantity":1},{"sku":"PAD","quantity":2}]}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(code: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            components: Vec::new(),
        }
    }

    /// Adds `quantity` units of `sku` to one bundle.
    ///
    /// ```
    /// use landed::catalog::BundleSpec;
    /// assert_eq!(BundleSpec::new("PAIR", "Lamp pair").component("LAMP", 2).components[0].quantity, 2);
    /// ```
    #[must_use]
    pub fn component(mut self, sku: impl Into<String>, quantity: i64) -> Self {
        self.components.push(BundleComponent {
            sku: sku.into(),
            quantity,
        });
        self
    }
}
