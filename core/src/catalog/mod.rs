//! Master data that movements refer to: SKUs (with the checks on their
//! weight and dimensions), bundles and locations.

mod location;
mod sku;

pub use location::{LocationKind, LocationSpec};
pub(crate) use sku::check_sku;
pub use sku::{BundleComponent, BundleSpec, Dimensions, Sku, SkuSpec, SkuUpdate};
