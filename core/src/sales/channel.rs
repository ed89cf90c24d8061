//! Sales channels (a marketplace or a store, its currency, where its orders
//! are fulfilled from) and listings (a channel's item identifier mapped to a
//! SKU or a bundle, in packs of one or more).
//!
//! ```
//! use landed::sales::{ChannelKind, ChannelSpec, ListingSpec, RouteRule};
//! let shop = ChannelSpec::new("shop-us", "Shopify US", ChannelKind::Shopify, "USD".parse()?)
//!     .locations(vec![RouteRule::new("3PL-LA").country("US"), RouteRule::new("SZ")])
//!     .split_lines(true);
//! let command: landed::Command = shop.into();
//! assert_eq!(command, landed::Command::from_json(r#"{"type":"define_channel","code":"shop-us",
//!     "name":"Shopify US","kind":"shopify","currency":"USD","split_lines":true,
//!     "locations":[{"location":"3PL-LA","country":"US"},{"location":"SZ"}]}"#)?);
//! let twin_pack = ListingSpec::sku("shop-us", "gid://variant/42", "LAMP").pack(2);
//! assert_eq!((twin_pack.sku.as_deref(), twin_pack.pack), (Some("LAMP"), 2));
//! # Ok::<(), landed::LandedError>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// The kind of a sales channel.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::sales::ChannelKind;
let kind: ChannelKind = serde_json::from_str(r#""own_site""#).unwrap();
assert_eq!(kind, ChannelKind::OwnSite);
assert!(serde_json::from_str::<ChannelKind>(r#""etsy""#).is_err());
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// An Amazon marketplace.
    Amazon,
    /// A Shopify store.
    Shopify,
    /// Walmart Marketplace.
    Walmart,
    /// eBay.
    Ebay,
    /// TikTok Shop.
    Tiktok,
    /// The seller's own web shop.
    OwnSite,
    /// Any other channel.
    Other,
}

/// One entry of a channel's fulfilment priority list: a location, used
/// only for orders shipping to the given country and region when they are
/// set.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
// An order shipping to Germany: the Los Angeles entry (US orders only)
// does not apply to it, Shenzhen does.
let order = landed::Command::from_json(r#"{"type":"ingest_sales_order","channel":"shop-us","order":"1003",
    "date":"2026-11-21","ship_to_country":"DE","lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"25.00"}]}"#)?;
let mut book = sales_book()?;
book.execute(order, &ctx("2026-11-21", "order-1003")?)?;
assert_eq!(book.sales_order("shop-us", "1003")?.lines[0].locations[0].location, "SZ");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RouteRule {
    /// The location.
    pub location: String,
    /// Only for orders shipping to this country (ISO code, as the host
    /// writes it on the order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Only for orders shipping to this region (state, province).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// A sales channel (`DefineChannel`): a marketplace or store selling in one
/// currency, with the locations that fulfil its orders.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::sales::{ChannelKind, ChannelSpec};
let spec: ChannelSpec = serde_json::from_str(r#"{"code":"amazon-de","name":"Amazon DE","kind":"amazon",
    "currency":"EUR","fba_location":"FBA-DE"}"#).unwrap();
assert_eq!((spec.kind, spec.currency.code(), spec.split_lines), (ChannelKind::Amazon, "EUR", false));
assert!(spec.locations.is_empty());
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelSpec {
    /// Channel code, unique in the book (`amazon-de`, `shop-us`). Posting
    /// rules may name it to give the channel its own accounts.
    pub code: String,
    /// Name.
    pub name: String,
    /// Marketplace or store kind.
    pub kind: ChannelKind,
    /// The currency its orders are priced and paid out in.
    pub currency: Currency,
    /// Fulfilling locations of merchant-fulfilled orders, in priority
    /// order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<RouteRule>,
    /// Whether one order line may be served from several locations.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub split_lines: bool,
    /// The location that fulfils the channel's own fulfilment orders
    /// (FBA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fba_location: Option<String>,
}

/// A listing (`DefineListing`): a channel's identifier for what it sells
/// (Amazon MSKU, ASIN or FNSKU, Shopify variant id, any string) mapped to a
/// SKU or a bundle, sold in packs of `pack`.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
// A listing names a SKU or a bundle, never both.
let mut book = sales_book()?;
let both = landed::Command::from_json(r#"{"type":"define_listing","channel":"shop-us","listing":"x",
    "sku":"LAMP","bundle":"DESK-SET"}"#)?;
assert_eq!(book.execute(both, &ctx("2026-11-21", "bad")?).unwrap_err().code(), "INVALID_COMMAND");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListingSpec {
    /// The channel.
    pub channel: String,
    /// The channel's identifier of the item.
    pub listing: String,
    /// The SKU sold (give this or `bundle`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The bundle sold (give this or `sku`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
    /// Units of the SKU or bundle in one unit sold (default 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub pack: i64,
}

fn one() -> i64 {
    1
}

fn is_one(n: &i64) -> bool {
    *n == 1
}

impl RouteRule {
    /// An entry for `location` matching every destination.
    ///
    /// ```
    /// use landed::sales::RouteRule;
    /// let rule = RouteRule::new("3PL-LA").country("US").region("CA");
    /// assert_eq!((rule.country.as_deref(), rule.region.as_deref()), (Some("US"), Some("CA")));
    /// ```
    pub fn new(location: impl Into<String>) -> Self {
        Self {
            location: location.into(),
            country: None,
            region: None,
        }
    }

    crate::builder::setters! {
        /// Only for orders shipping to this country.
        ///
        /// ```
        /// # use landed::sales::RouteRule;
        /// assert_eq!(RouteRule::new("DE").country("DE").country.as_deref(), Some("DE"));
        /// ```
        country: some String;
        /// Only for orders shipping to this region.
        ///
        /// ```
        /// # use landed::sales::RouteRule;
        /// assert_eq!(RouteRule::new("LA").region("CA").region.as_deref(), Some("CA"));
        /// ```
        region: some String;
    }

    /// True when an order shipping to `country` / `region` may use it.
    pub(crate) fn matches(&self, country: Option<&str>, region: Option<&str>) -> bool {
        let fits = |wanted: &Option<String>, actual: Option<&str>| match wanted {
            None => true,
            Some(w) => Some(w.as_str()) == actual,
        };
        fits(&self.country, country) && fits(&self.region, region)
    }
}

impl ChannelSpec {
    /// A channel without fulfilling locations (set them with the setters).
    ///
    /// ```
    /// use landed::sales::{ChannelKind, ChannelSpec};
    /// let amazon = ChannelSpec::new("amazon-de", "Amazon DE", ChannelKind::Amazon, "EUR".parse()?)
    ///     .fba_location("FBA-DE");
    /// assert_eq!(amazon.fba_location.as_deref(), Some("FBA-DE"));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        kind: ChannelKind,
        currency: Currency,
    ) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            kind,
            currency,
            locations: Vec::new(),
            split_lines: false,
            fba_location: None,
        }
    }

    crate::builder::setters! {
        /// The fulfilling locations, in priority order.
        ///
        /// ```
        /// # use landed::sales::{ChannelKind, ChannelSpec, RouteRule};
        /// let c = ChannelSpec::new("web", "Web", ChannelKind::OwnSite, "USD".parse()?).locations(vec![RouteRule::new("SZ")]);
        /// assert_eq!(c.locations.len(), 1);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        locations: set Vec<RouteRule>;
        /// Whether a line may be split across locations.
        ///
        /// ```
        /// # use landed::sales::{ChannelKind, ChannelSpec};
        /// assert!(ChannelSpec::new("web", "Web", ChannelKind::OwnSite, "USD".parse()?).split_lines(true).split_lines);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        split_lines: set bool;
        /// The channel's own fulfilment location (FBA).
        ///
        /// ```
        /// # use landed::sales::{ChannelKind, ChannelSpec};
        /// let c = ChannelSpec::new("az", "Amazon", ChannelKind::Amazon, "USD".parse()?).fba_location("FBA-US");
        /// assert_eq!(c.fba_location.as_deref(), Some("FBA-US"));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        fba_location: some String;
    }
}

impl ListingSpec {
    /// A listing of one `sku` per unit sold.
    ///
    /// ```
    /// use landed::sales::ListingSpec;
    /// let listing = ListingSpec::sku("amazon-de", "B0LAMP01", "LAMP");
    /// assert_eq!((listing.bundle, listing.pack), (None, 1));
    /// ```
    pub fn sku(
        channel: impl Into<String>,
        listing: impl Into<String>,
        sku: impl Into<String>,
    ) -> Self {
        Self {
            channel: channel.into(),
            listing: listing.into(),
            sku: Some(sku.into()),
            bundle: None,
            pack: 1,
        }
    }

    /// A listing of one `bundle` per unit sold.
    ///
    /// ```
    /// use landed::sales::ListingSpec;
    /// let listing = ListingSpec::bundle("shop-us", "gid://variant/7", "DESK-SET");
    /// assert_eq!(listing.bundle.as_deref(), Some("DESK-SET"));
    /// ```
    pub fn bundle(
        channel: impl Into<String>,
        listing: impl Into<String>,
        bundle: impl Into<String>,
    ) -> Self {
        Self {
            channel: channel.into(),
            listing: listing.into(),
            sku: None,
            bundle: Some(bundle.into()),
            pack: 1,
        }
    }

    crate::builder::setters! {
        /// Units of the SKU or bundle in one unit sold.
        ///
        /// ```
        /// # use landed::sales::ListingSpec;
        /// assert_eq!(ListingSpec::sku("az", "B0", "LAMP").pack(3).pack, 3);
        /// ```
        pack: set i64;
    }
}
