//! Master data that movements refer to: SKUs (with the checks on their
//! weight and dimensions), bundles and locations.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::catalog::LocationKind;
//! let book = lamp_book()?;
//! let lamp = book.sku("LAMP")?;
//! assert_eq!(lamp.spec.dimensions_cm.as_ref().and_then(|d| d.volume_cm3()).unwrap().to_string(), "6000");
//! assert_eq!(book.location("DE")?.kind, LocationKind::ThirdParty);
//! # Ok(()) }
//! ```

mod location;
mod sku;

pub use location::{LocationKind, LocationSpec};
pub(crate) use sku::check_sku;
pub use sku::{BundleComponent, BundleSpec, Dimensions, Sku, SkuSpec, SkuUpdate};
