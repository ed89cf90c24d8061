//! Available to sell in the book: the listings' figures, the policies and
//! pushed quantities kept in the state, and the derived index that keeps
//! the push list cheap.
//!
//! The state holds only what commands said (each listing's policy, the
//! quantity last acknowledged as pushed). The figures themselves are
//! derived from positions, so a replayed or restored book computes the
//! same ones. To avoid recomputing every listing after each command, the
//! book keeps, outside the state, the listings each SKU feeds, the figure
//! last computed per listing, the listings whose figure differs from the
//! pushed one, and what has changed since (SKUs whose stock moved,
//! listings defined or given a policy). [`Book::stock_to_push`] computes
//! only the listings touched since; acknowledging a push folds them into
//! the index. A restored book starts with every listing to compute.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::Command;
//! use landed::sales::StockPush;
//! let mut book = sales_book()?;
//! let pushes: Vec<StockPush> = book.stock_to_push(None)?.iter().map(|p| p.acknowledged()).collect();
//! book.execute(Command::acknowledge_stock_push(pushes), &ctx("2026-11-21", "push-1")?)?;
//! assert!(book.stock_to_push(None)?.is_empty());
//! // Three lamps sold from Shenzhen bring both listings from 8 to 5 (the
//! // desk set is bound by its lamps, not its 50 bulbs).
//! book.execute(Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":3,"reason":"sale"}"#)?,
//!     &ctx("2026-11-21", "sale-3")?)?;
//! let push = book.stock_to_push(None)?;
//! let changes: Vec<(&str, Option<i64>, i64)> =
//!     push.iter().map(|p| (&*p.listing, p.previous, p.available)).collect();
//! assert_eq!(changes, [("desk-set", Some(8), 5), ("lamp-black", Some(8), 5)]);
//! # Ok(()) }
//! ```

use std::collections::BTreeSet;

use crate::Code;
use crate::book::Book;
use crate::book::event::Event;
use crate::book::plan::Planner;
use crate::error::{LandedError, Result, invalid};
use crate::fast_hash::FastMap;
use crate::inventory::{Bucket, LocId, SkuId};
use crate::limits::MAX_QUANTITY;
use crate::sales::{
    ChannelSpec, ListingAvailability, ListingSpec, ListingStockPolicy, LocationSupply, StockPush,
    StockToPush,
};

type ListingKey = (String, String);

/// The SKUs a listing draws on.
#[derive(Clone, Debug)]
enum Parts {
    /// One SKU, one unit per listing unit (before the pack).
    Sku(SkuId),
    /// A bundle's components, each with its units per bundle.
    Bundle(Box<[(SkuId, i64)]>),
}

impl Parts {
    fn of(components: Vec<(SkuId, i64)>) -> Self {
        match components.as_slice() {
            [(sku, 1)] => Parts::Sku(*sku),
            _ => Parts::Bundle(components.into_boxed_slice()),
        }
    }

    fn skus(&self) -> impl Iterator<Item = SkuId> + '_ {
        let (one, many) = match self {
            Parts::Sku(sku) => (Some(*sku), &[][..]),
            Parts::Bundle(parts) => (None, &parts[..]),
        };
        one.into_iter().chain(many.iter().map(|(sku, _)| *sku))
    }
}

/// What the index reads of a listing to compute its figure (kept small:
/// the push list walks many of them).
#[derive(Clone, Debug)]
struct Entry {
    parts: Parts,
    /// Index of its channel in `AvailableIndex::channels`.
    channel: u32,
    pack: i64,
    pushed: Option<i64>,
    /// The figure last computed (`None`: never).
    figure: Option<i64>,
    /// Whether `Names::policy` is set.
    has_policy: bool,
    /// Defined, given a policy or pushed since the last fold.
    dirty: bool,
}

/// What the index keeps of a listing for the push list's rows.
#[derive(Clone, Debug)]
struct Names {
    key: ListingKey,
    /// The codes of the push list's rows, shared with every row.
    channel: Code,
    listing: Code,
    sku: Option<Code>,
    bundle: Option<Code>,
    policy: Option<ListingStockPolicy>,
}

/// The derived index of available to sell (see the module's doc); not part
/// of the state, rebuilt on restore.
#[derive(Clone, Debug, Default)]
pub(crate) struct AvailableIndex {
    /// Listings by id (the order they were filed in).
    entries: Vec<Entry>,
    names: Vec<Names>,
    /// Listing ids by key.
    ids: FastMap<ListingKey, u32>,
    /// Each listing's place in key order (channel, then listing), by id;
    /// valid while it has an entry per listing (ranked again at each
    /// fold), so that the push list sorts integers, not names.
    rank: Vec<u32>,
    /// Channels by code, and the serving locations of each.
    channel_ids: FastMap<String, u32>,
    channels: Vec<Vec<LocId>>,
    /// Each channel's code, shared by its listings' rows.
    channel_codes: Vec<Code>,
    /// The listings each SKU feeds (directly or as a bundle component),
    /// by SKU id.
    by_sku: Vec<Vec<u32>>,
    /// Listings whose figure differed from the pushed one when last
    /// computed.
    pending: BTreeSet<u32>,
    /// SKUs whose stock moved since the last fold, and a flag per SKU id.
    dirty_skus: Vec<SkuId>,
    sku_dirty: Vec<bool>,
    /// Listings marked `dirty`.
    dirty_listings: Vec<u32>,
    /// Every listing needs computing (a restored book).
    all_dirty: bool,
}

impl AvailableIndex {
    fn channel_id(&mut self, code: &str, locations: impl FnOnce() -> Vec<LocId>) -> u32 {
        if let Some(&id) = self.channel_ids.get(code) {
            return id;
        }
        let id = self.channels.len() as u32;
        self.channels.push(locations());
        self.channel_codes.push(Code::from(code));
        self.channel_ids.insert(code.to_owned(), id);
        id
    }

    fn file(&mut self, entry: Entry, names: Names) {
        if let Some(&id) = self.ids.get(&names.key) {
            // A replayed definition cannot repeat a key (apply refuses
            // it); keep the first.
            self.mark(id);
            return;
        }
        let id = self.entries.len() as u32;
        for sku in entry.parts.skus() {
            let slot = sku as usize;
            if self.by_sku.len() <= slot {
                self.by_sku.resize_with(slot + 1, Vec::new);
            }
            if !self.by_sku[slot].contains(&id) {
                self.by_sku[slot].push(id);
            }
        }
        self.ids.insert(names.key.clone(), id);
        self.entries.push(entry);
        self.names.push(names);
        self.mark(id);
    }

    fn mark(&mut self, id: u32) {
        if let Some(entry) = self.entries.get_mut(id as usize)
            && !entry.dirty
        {
            entry.dirty = true;
            self.dirty_listings.push(id);
        }
    }

    fn mark_sku(&mut self, sku: SkuId) {
        let slot = sku as usize;
        if self.by_sku.get(slot).is_none_or(Vec::is_empty) {
            return;
        }
        if self.sku_dirty.len() <= slot {
            self.sku_dirty.resize(slot + 1, false);
        }
        if !self.sku_dirty[slot] {
            self.sku_dirty[slot] = true;
            self.dirty_skus.push(sku);
        }
    }

    /// The id of a listing, marked to be computed again.
    fn touch(&mut self, channel: &str, listing: &str) -> Option<usize> {
        let id = *self.ids.get(&(channel.to_owned(), listing.to_owned()))?;
        self.mark(id);
        Some(id as usize)
    }

    /// The listings (of `channel`, when given) that may have to be
    /// pushed, in key order, each with whether its figure must be
    /// computed: those pending (read from the index), those marked and
    /// those fed by a SKU that moved (computed); every listing after a
    /// restore.
    fn candidates(&self, channel: Option<&str>) -> Vec<(u32, bool)> {
        let channel = match channel {
            Some(code) => match self.channel_ids.get(code) {
                Some(id) => Some(*id),
                None => return Vec::new(),
            },
            None => None,
        };
        let wanted = |id: u32| {
            channel.is_none_or(|c| {
                self.entries
                    .get(id as usize)
                    .is_some_and(|e| e.channel == c)
            })
        };
        if self.all_dirty {
            let mut all: Vec<u32> = (0..self.entries.len() as u32)
                .filter(|id| wanted(*id))
                .collect();
            self.order(&mut all);
            return all.into_iter().map(|id| (id, true)).collect();
        }
        // 0: not a candidate, 1: read, 2: compute.
        let mut state = vec![0u8; self.entries.len()];
        let mut out = Vec::new();
        let marked = self.dirty_listings.iter().chain(
            self.dirty_skus
                .iter()
                .flat_map(|sku| self.by_sku.get(*sku as usize).into_iter().flatten()),
        );
        for (&id, how) in marked
            .map(|id| (id, 2u8))
            .chain(self.pending.iter().map(|id| (id, 1u8)))
        {
            if let Some(slot) = state.get_mut(id as usize)
                && *slot == 0
            {
                *slot = how;
                if wanted(id) {
                    out.push(id);
                }
            }
        }
        self.order(&mut out);
        out.into_iter()
            .map(|id| (id, state.get(id as usize) == Some(&2)))
            .collect()
    }

    /// Sorts listing ids into key order: by rank, or by name while a
    /// listing defined since the last fold has none.
    fn order(&self, ids: &mut [u32]) {
        if self.rank.len() == self.entries.len() {
            ids.sort_unstable_by_key(|id| self.rank.get(*id as usize).copied());
        } else {
            ids.sort_unstable_by(|a, b| {
                let key = |id: &u32| self.names.get(*id as usize).map(|n| &n.key);
                key(a).cmp(&key(b))
            });
        }
    }

    /// Ranks every listing in key order, if one was defined since.
    fn rerank(&mut self) {
        if self.rank.len() == self.entries.len() {
            return;
        }
        let mut ids: Vec<u32> = (0..self.names.len() as u32).collect();
        ids.sort_unstable_by(|a, b| {
            let key = |id: &u32| self.names.get(*id as usize).map(|n| &n.key);
            key(a).cmp(&key(b))
        });
        self.rank = vec![0; ids.len()];
        for (place, id) in ids.into_iter().enumerate() {
            if let Some(slot) = self.rank.get_mut(id as usize) {
                *slot = place as u32;
            }
        }
    }
}

fn broken(reason: String) -> LandedError {
    LandedError::InvalidCommand { reason }
}

/// A policy's own rules: counts from 0 to `MAX_QUANTITY`, a share from 0
/// to 1.
fn check_policy(policy: &ListingStockPolicy) -> Result<()> {
    let counts = [
        ("safety_stock", Some(policy.safety_stock)),
        ("reserve", Some(policy.reserve)),
        ("end_below", Some(policy.end_below)),
        ("max", policy.max),
    ];
    for (what, value) in counts {
        if let Some(n) = value
            && !(0..=MAX_QUANTITY).contains(&n)
        {
            return Err(invalid(format!(
                "listing {}: {what} must be between 0 and {MAX_QUANTITY}",
                policy.listing
            )));
        }
    }
    if policy.share.is_sign_negative() && !policy.share.is_zero()
        || policy.share > rust_decimal::Decimal::ONE
    {
        return Err(invalid(format!(
            "listing {}: share must be between 0 and 1",
            policy.listing
        )));
    }
    Ok(())
}

/// What one acknowledged push may hold: a figure from 0 up, each listing
/// once.
fn check_pushes(pushes: &[StockPush]) -> Result<()> {
    if pushes.is_empty() {
        return Err(invalid("a stock push acknowledges at least one listing"));
    }
    let mut seen = BTreeSet::new();
    for p in pushes {
        if p.available < 0 {
            return Err(invalid(format!(
                "listing {}: a pushed quantity is never negative",
                p.listing
            )));
        }
        if !seen.insert((p.channel.as_str(), p.listing.as_str())) {
            return Err(invalid(format!(
                "listing {} of channel {} is acknowledged twice",
                p.listing, p.channel
            )));
        }
    }
    Ok(())
}

impl Planner<'_> {
    /// `SetListingStockPolicy`: the listing exists and the policy is in
    /// range.
    pub(crate) fn plan_listing_stock_policy(&mut self, policy: &ListingStockPolicy) -> Result<()> {
        self.book.listing_spec(&policy.channel, &policy.listing)?;
        check_policy(policy)?;
        self.events
            .push(Event::ListingStockPolicySet(policy.clone()));
        Ok(())
    }

    /// `AcknowledgeStockPush`: every listing exists, once, with a
    /// quantity from 0 up.
    pub(crate) fn plan_stock_push(&mut self, pushes: &[StockPush]) -> Result<()> {
        check_pushes(pushes)?;
        for p in pushes {
            self.book.listing_spec(&p.channel, &p.listing)?;
        }
        self.events.push(Event::StockPushAcknowledged {
            pushes: pushes.to_vec(),
        });
        Ok(())
    }
}

impl Book {
    /// The listing, `UNKNOWN_CHANNEL` or `INVALID_COMMAND` if the book does
    /// not know it.
    fn listing_spec(&self, channel: &str, listing: &str) -> Result<&ListingSpec> {
        if !self.state.sales.channels.contains_key(channel) {
            return Err(LandedError::UnknownChannel {
                channel: channel.to_owned(),
            });
        }
        self.state
            .sales
            .listings
            .get(channel, listing)
            .ok_or_else(|| {
                invalid(format!(
                    "unknown listing {listing:?} of channel {channel:?}"
                ))
            })
    }

    /// The SKUs a listing draws on, each with its units per bundle (1 for
    /// a SKU listing); SKUs the book does not know are left out.
    fn listing_skus(&self, spec: &ListingSpec) -> Vec<(SkuId, i64)> {
        match (&spec.sku, &spec.bundle) {
            (Some(sku), _) => self.sku_id(sku).map(|id| vec![(id, 1)]).unwrap_or_default(),
            (None, Some(bundle)) => self
                .bundle(bundle)
                .map(|b| {
                    b.components
                        .iter()
                        .filter_map(|c| self.sku_id(&c.sku).ok().map(|id| (id, c.quantity)))
                        .collect()
                })
                .unwrap_or_default(),
            (None, None) => Vec::new(),
        }
    }

    /// The locations serving a channel: its routing entries in order, then
    /// its FBA location, each once.
    fn serving_locations(&self, channel: &ChannelSpec) -> Vec<LocId> {
        let mut out = Vec::new();
        let codes = channel
            .locations
            .iter()
            .map(|r| r.location.as_str())
            .chain(channel.fba_location.as_deref());
        for code in codes {
            if let Ok(id) = self.loc_id(code)
                && !out.contains(&id)
            {
                out.push(id);
            }
        }
        out
    }

    /// Free units of a SKU at a location: its `available` bucket over
    /// every lot, never below 0.
    fn free_units(&self, sku: SkuId, loc: LocId) -> i64 {
        let total: i128 = self
            .state
            .positions
            .entries(sku)
            .iter()
            .filter(|(key, _)| key.location == loc)
            .map(|(_, p)| i128::from(p.get(Bucket::Available).max(0)))
            .sum();
        i64::try_from(total).unwrap_or(i64::MAX)
    }

    /// Per location, what it can supply in SKU or bundle units, and the
    /// whole packs all of them supply together.
    fn supply_at(
        &self,
        components: &[(SkuId, i64)],
        locations: &[LocId],
        pack: i64,
    ) -> (Vec<(LocId, i64)>, i64) {
        let mut total: i128 = 0;
        let per_location: Vec<(LocId, i64)> = locations
            .iter()
            .map(|&loc| {
                let units = self.units_at(components, loc);
                total += i128::from(units);
                (loc, units)
            })
            .collect();
        let packs = total / i128::from(pack.max(1));
        (per_location, i64::try_from(packs).unwrap_or(i64::MAX))
    }

    /// What one location can supply: the least over the components of
    /// ⌊free units ÷ units per listing unit⌋.
    fn units_at(&self, components: &[(SkuId, i64)], loc: LocId) -> i64 {
        components
            .iter()
            .map(|(sku, per)| match *per {
                per if per >= 1 => self.free_units(*sku, loc) / per,
                _ => 0,
            })
            .min()
            .unwrap_or(0)
    }

    /// The same, read from the state (the reference the index is checked
    /// against).
    fn supply_of(&self, channel: &ChannelSpec, spec: &ListingSpec) -> (Vec<(LocId, i64)>, i64) {
        let skus = self.listing_skus(spec);
        self.supply_at(&skus, &self.serving_locations(channel), spec.pack)
    }

    /// The figure of a listing as the index keeps it.
    fn figure_of(&self, index: &AvailableIndex, id: usize) -> i64 {
        let Some(entry) = index.entries.get(id) else {
            return 0;
        };
        let locations = index
            .channels
            .get(entry.channel as usize)
            .map_or(&[][..], Vec::as_slice);
        let one;
        let components = match &entry.parts {
            Parts::Sku(sku) => {
                one = [(*sku, 1)];
                &one[..]
            }
            Parts::Bundle(parts) => &parts[..],
        };
        let total: i128 = locations
            .iter()
            .map(|loc| i128::from(self.units_at(components, *loc)))
            .sum();
        let packs = total / i128::from(entry.pack.max(1));
        let supply = i64::try_from(packs).unwrap_or(i64::MAX);
        let policy = match entry.has_policy {
            true => index.names.get(id).and_then(|n| n.policy.as_ref()),
            false => None,
        };
        match policy {
            Some(policy) => policy.offer(supply),
            None => supply,
        }
    }

    /// A listing as the index keeps it, read from the state.
    fn file_listing(&self, index: &mut AvailableIndex, spec: &ListingSpec) {
        let channel = index.channel_id(&spec.channel, || {
            self.state
                .sales
                .channels
                .get(&spec.channel)
                .map(|c| self.serving_locations(c))
                .unwrap_or_default()
        });
        let stock = &self.state.sales.stock;
        let policy = stock.policies.get(&spec.channel, &spec.listing).cloned();
        let entry = Entry {
            parts: Parts::of(self.listing_skus(spec)),
            channel,
            pack: spec.pack,
            pushed: stock.pushed.get(&spec.channel, &spec.listing).copied(),
            figure: None,
            has_policy: policy.is_some(),
            dirty: false,
        };
        let names = Names {
            key: (spec.channel.clone(), spec.listing.clone()),
            channel: index
                .channel_codes
                .get(channel as usize)
                .cloned()
                .unwrap_or_else(|| Code::from(spec.channel.as_str())),
            listing: Code::from(spec.listing.as_str()),
            // The book's own code of the SKU, shared.
            sku: spec.sku.as_deref().map(|code| {
                match self.sku_id(code) {
                    Ok(id) => self.index.sku_codes.get(id as usize).cloned(),
                    Err(_) => None,
                }
                .unwrap_or_else(|| Code::from(code))
            }),
            bundle: spec.bundle.as_deref().map(Code::from),
            policy,
        };
        index.file(entry, names);
    }

    /// A listing's available-to-sell figure: what each serving location
    /// can supply, the whole packs together, and the figure after the
    /// listing's policy (`UNKNOWN_CHANNEL`, or `INVALID_COMMAND` for a
    /// listing the channel does not have).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = sales_book()?;
    /// assert_eq!(book.available_to_sell("shop-us", "desk-set")?.available, 8);
    /// assert_eq!(book.available_to_sell("shop-us", "mug").unwrap_err().code(), "INVALID_COMMAND");
    /// # Ok(()) }
    /// ```
    pub fn available_to_sell(&self, channel: &str, listing: &str) -> Result<ListingAvailability> {
        let spec = self.listing_spec(channel, listing)?;
        let channel_spec =
            self.state
                .sales
                .channels
                .get(channel)
                .ok_or_else(|| LandedError::UnknownChannel {
                    channel: channel.to_owned(),
                })?;
        let (per_location, supply) = self.supply_of(channel_spec, spec);
        let policy = self.state.sales.stock.policies.get(channel, listing);
        Ok(ListingAvailability {
            channel: channel.to_owned(),
            listing: listing.to_owned(),
            sku: spec.sku.clone(),
            bundle: spec.bundle.clone(),
            pack: spec.pack,
            locations: per_location
                .into_iter()
                .map(|(loc, units)| LocationSupply {
                    location: self
                        .index
                        .location_codes
                        .get(loc as usize)
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    units,
                })
                .collect(),
            supply,
            available: policy.map_or(supply, |p| p.offer(supply)),
            pushed: self.state.sales.stock.pushed.get(channel, listing).copied(),
            policy: policy.cloned(),
        })
    }

    /// Every listing's figure, computed from scratch, by channel and
    /// listing (one channel's only when `channel` is given;
    /// `UNKNOWN_CHANNEL` if the book does not know it). The reference the
    /// incremental [`Book::stock_to_push`] is checked against.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let all = sales_book()?.listings_available(Some("shop-us"))?;
    /// let figures: Vec<(&str, i64)> = all.iter().map(|a| (a.listing.as_str(), a.available)).collect();
    /// assert_eq!(figures, [("desk-set", 8), ("lamp-black", 8)]);
    /// # Ok(()) }
    /// ```
    pub fn listings_available(&self, channel: Option<&str>) -> Result<Vec<ListingAvailability>> {
        self.known_channel(channel)?;
        self.state
            .sales
            .listings
            .iter()
            .filter(|((c, _), _)| channel.is_none_or(|wanted| c == wanted))
            .map(|((c, l), _)| self.available_to_sell(c, l))
            .collect()
    }

    fn known_channel(&self, channel: Option<&str>) -> Result<()> {
        match channel {
            Some(c) if !self.state.sales.channels.contains_key(c) => {
                Err(LandedError::UnknownChannel {
                    channel: c.to_owned(),
                })
            }
            _ => Ok(()),
        }
    }

    /// The quantities to push: every listing (of `channel`, when given)
    /// whose figure differs from the quantity last acknowledged with
    /// `AcknowledgeStockPush` (or that was never pushed), by channel and
    /// listing, with the previous quantity for connectors that compare and
    /// set. Only listings whose stock, definition, policy or push changed
    /// since the last acknowledgement are computed; the others are read
    /// from the index.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let push = sales_book()?.stock_to_push(Some("shop-us"))?;
    /// assert_eq!(push.iter().map(|p| p.available).collect::<Vec<_>>(), [8, 8]);
    /// # Ok(()) }
    /// ```
    pub fn stock_to_push(&self, channel: Option<&str>) -> Result<Vec<StockToPush>> {
        self.known_channel(channel)?;
        let index = &self.index.available;
        let candidates = index.candidates(channel);
        let mut out = Vec::with_capacity(candidates.len());
        for (id, compute) in candidates {
            let id = id as usize;
            let Some(entry) = index.entries.get(id) else {
                continue;
            };
            let available = match entry.figure {
                Some(figure) if !compute => figure,
                _ => self.figure_of(index, id),
            };
            if entry.pushed == Some(available) {
                continue;
            }
            let Some(names) = index.names.get(id) else {
                continue;
            };
            out.push(StockToPush {
                channel: Code::clone(&names.channel),
                listing: Code::clone(&names.listing),
                sku: names.sku.clone(),
                bundle: names.bundle.clone(),
                previous: entry.pushed,
                available,
            });
        }
        Ok(out)
    }

    /// Applies the available-to-sell side of an event, at commit and in
    /// replay alike: the two events of its own (checked against the
    /// state, so a log that does not fit is refused), and what other
    /// events change for the index.
    pub(crate) fn apply_available(&mut self, event: &Event) -> Result<()> {
        match event {
            Event::ListingStockPolicySet(policy) => {
                self.listing_spec(&policy.channel, &policy.listing)?;
                check_policy(policy).map_err(|e| broken(e.to_string()))?;
                let key = (
                    policy.channel.as_str().into(),
                    policy.listing.as_str().into(),
                );
                self.state.sales.stock.policies.insert(key, policy.clone());
                let index = &mut self.index.available;
                if let Some(id) = index.touch(&policy.channel, &policy.listing) {
                    if let Some(entry) = index.entries.get_mut(id) {
                        entry.has_policy = true;
                    }
                    if let Some(names) = index.names.get_mut(id) {
                        names.policy = Some(policy.clone());
                    }
                }
            }
            Event::StockPushAcknowledged { pushes } => {
                check_pushes(pushes).map_err(|e| broken(e.to_string()))?;
                for p in pushes {
                    self.listing_spec(&p.channel, &p.listing)?;
                }
                for p in pushes {
                    let key = (p.channel.as_str().into(), p.listing.as_str().into());
                    self.state.sales.stock.pushed.insert(key, p.available);
                    let index = &mut self.index.available;
                    if let Some(id) = index.touch(&p.channel, &p.listing)
                        && let Some(entry) = index.entries.get_mut(id)
                    {
                        entry.pushed = Some(p.available);
                    }
                }
                self.fold_available();
            }
            Event::ListingDefined(spec) => {
                let mut index = std::mem::take(&mut self.index.available);
                self.file_listing(&mut index, spec);
                self.index.available = index;
            }
            other => {
                if !self.index.available.entries.is_empty()
                    && let Some((sku, _)) = other.stock_codes()
                {
                    let code = match sku {
                        Ok(shared) => &**shared,
                        Err(text) => text,
                    };
                    if let Ok(id) = self.sku_id(code) {
                        self.index.available.mark_sku(id);
                    }
                }
            }
        }
        Ok(())
    }

    /// Computes every listing changed since the last fold and records its
    /// figure and whether it differs from the pushed quantity.
    fn fold_available(&mut self) {
        let mut index = std::mem::take(&mut self.index.available);
        let mut figures = Vec::new();
        for (id, compute) in index.candidates(None) {
            if compute {
                figures.push((id, self.figure_of(&index, id as usize)));
            }
        }
        for (id, figure) in figures {
            if let Some(entry) = index.entries.get_mut(id as usize) {
                entry.figure = Some(figure);
                if entry.pushed == Some(figure) {
                    index.pending.remove(&id);
                } else {
                    index.pending.insert(id);
                }
            }
        }
        for id in std::mem::take(&mut index.dirty_listings) {
            if let Some(entry) = index.entries.get_mut(id as usize) {
                entry.dirty = false;
            }
        }
        for sku in std::mem::take(&mut index.dirty_skus) {
            if let Some(flag) = index.sku_dirty.get_mut(sku as usize) {
                *flag = false;
            }
        }
        index.all_dirty = false;
        index.rerank();
        self.index.available = index;
    }

    /// Rebuilds the index from the state (on restore): every listing filed
    /// under its SKUs, all of them to compute.
    pub(crate) fn rebuild_available_index(&mut self) {
        let mut index = AvailableIndex::default();
        for (_, spec) in &self.state.sales.listings {
            self.file_listing(&mut index, spec);
        }
        index.all_dirty = !index.entries.is_empty();
        index.rerank();
        self.index.available = index;
    }
}

impl crate::book::Snapshot {
    /// The structural checks of a restored snapshot's available-to-sell
    /// side: every policy and pushed quantity belongs to a listing, under
    /// its own key, within range.
    pub(crate) fn check_listing_stock(&self) -> std::result::Result<(), String> {
        let sales = &self.sales;
        for ((channel, listing), policy) in &sales.stock.policies {
            if *channel != policy.channel || *listing != policy.listing {
                return Err(format!(
                    "sales: the policy of listing {listing} is kept under another key"
                ));
            }
            if !sales.listings.contains_key(channel, listing) {
                return Err(format!(
                    "sales: a policy names unknown listing {listing} of {channel}"
                ));
            }
            check_policy(policy).map_err(|e| format!("sales: {e}"))?;
        }
        for ((channel, listing), pushed) in &sales.stock.pushed {
            if !sales.listings.contains_key(channel, listing) {
                return Err(format!(
                    "sales: a push names unknown listing {listing} of {channel}"
                ));
            }
            if *pushed < 0 {
                return Err(format!(
                    "sales: listing {listing} of {channel} was pushed a negative quantity"
                ));
            }
        }
        Ok(())
    }
}
