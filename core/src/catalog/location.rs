//! Locations: warehouses, marketplaces' fulfilment centres and 3PLs.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::catalog::{LocationKind, LocationSpec};
//! let landed::Command::DefineLocation(spec) = lamp_command("loc-DE") else { unreachable!() };
//! assert_eq!(spec, LocationSpec { code: "DE".into(), name: "Leipzig 3PL".into(),
//!     kind: LocationKind::ThirdParty, country: None, valuation_scope: None });
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

/// What a location is, which decides its posting rules and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// The seller's own warehouse.
    Own,
    /// A third-party (overseas) warehouse, 3PL / 海外仓.
    ThirdParty,
    /// An Amazon fulfilment centre network.
    Fba,
    /// A virtual location for goods on the way.
    Transit,
}

/// A warehouse or virtual location (`DefineLocation`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocationSpec {
    /// Location code, unique in the book.
    pub code: String,
    /// Name.
    pub name: String,
    /// Own, third party, FBA or transit.
    pub kind: LocationKind,
    /// ISO 3166 country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Valuation scope when the book values per warehouse: locations sharing
    /// a scope share one average (or one FIFO queue). Defaults to the
    /// location's own code. Ignored when the book values per company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valuation_scope: Option<String>,
}

impl LocationSpec {
    /// A location `code` named `name` of `kind`, valued as its own scope.
    ///
    /// ```
    /// use landed::catalog::{LocationKind, LocationSpec};
    /// use landed::command::Command;
    /// let sz = LocationSpec::new("SZ", "Shenzhen", LocationKind::Own).country("CN");
    /// assert_eq!(Command::from(sz), Command::from_json(
    ///     r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own","country":"CN"}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(code: impl Into<String>, name: impl Into<String>, kind: LocationKind) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            kind,
            country: None,
            valuation_scope: None,
        }
    }

    crate::builder::setters! {
        /// ISO 3166 country.
        ///
        /// ```
        /// # use landed::catalog::{LocationKind, LocationSpec};
        /// assert_eq!(LocationSpec::new("DE", "Berlin 3PL", LocationKind::ThirdParty).country("DE").country.as_deref(), Some("DE"));
        /// ```
        country: some String;
        /// Shares a valuation scope (one average) with other locations.
        ///
        /// ```
        /// # use landed::catalog::{LocationKind, LocationSpec};
        /// let fba = LocationSpec::new("FBA-ONT8", "Ontario", LocationKind::Fba).valuation_scope("FBA-US");
        /// assert_eq!(fba.valuation_scope.as_deref(), Some("FBA-US"));
        /// ```
        valuation_scope: some String;
    }
}
