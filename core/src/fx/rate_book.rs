//! Effective-dated exchange rates and conversion.
//!
//! A [`RateBook`] holds rates per (base, quote, [`RateType`]), each valid from
//! its date. A lookup follows a [`LookupPolicy`] (the exact date, or the
//! latest earlier rate no older than a maximum age) and resolves a pair in a
//! fixed order: identity, direct, inverse, then triangulation through the
//! book's pivot currency. Inverse legs divide by the stored rate instead of
//! multiplying by a rounded reciprocal, and [`RateBook::convert`] rounds once,
//! at the end, to the target currency's minor units.
//!
//! A rate `r` for base `B` and quote `Q` means `1 B = r Q` (the ECB's
//! "units of currency per 1 EUR" is base EUR).
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::fx::{RateBook, RateType};
//! use landed::Currency;
//! // ECB reference rates are quoted per EUR; a USD/CNY rate goes through EUR.
//! let csv = "Date,USD,CNY,\n2026-11-02,1.0800,7.7000,\n";
//! let mut rates = RateBook::with_pivot(Currency::from_code("EUR")?);
//! let summary = rates.load_ecb_csv(csv, RateType::Spot)?;
//! assert_eq!(summary.rates, 2);
//! let usd_cny = rates.rate(Currency::from_code("USD")?, Currency::from_code("CNY")?,
//!     landed::parse_date("2026-11-02")?, RateType::Spot, Default::default())?;
//! assert_eq!(usd_cny.legs.len(), 2);
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Conversion, LookupPolicy, RateLeg, RateType, ResolvedRate};
use crate::error::{LandedError, Result};
use crate::fast_hash::FastMap;
use crate::money::{Currency, Money, RoundingStrategy, parse_decimal};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct SeriesKey {
    base: Currency,
    quote: Currency,
    rate_type: RateType,
}

/// Rates of one pair and type, sorted by date. Two parallel vectors keep the
/// binary search on a dense array of dates.
#[derive(Clone, Debug, Default)]
struct Series {
    dates: Vec<NaiveDate>,
    rates: Vec<Decimal>,
}

enum Found {
    Rate(NaiveDate, Decimal),
    Stale(NaiveDate),
    Missing,
}

impl Series {
    fn find(&self, date: NaiveDate, policy: LookupPolicy) -> Found {
        let after = self.dates.partition_point(|d| *d <= date);
        let Some(index) = after.checked_sub(1) else {
            return Found::Missing;
        };
        let found = self.dates[index];
        match policy {
            LookupPolicy::Exact if found == date => Found::Rate(found, self.rates[index]),
            LookupPolicy::Exact => Found::Missing,
            LookupPolicy::LatestWithin { max_age_days } => {
                if (date - found).num_days() <= i64::from(max_age_days) {
                    Found::Rate(found, self.rates[index])
                } else {
                    Found::Stale(found)
                }
            }
        }
    }

    fn insert(&mut self, date: NaiveDate, rate: Decimal) {
        match self.dates.binary_search(&date) {
            Ok(i) => self.rates[i] = rate,
            Err(i) => {
                self.dates.insert(i, date);
                self.rates.insert(i, rate);
            }
        }
    }
}

/// What [`RateBook::load_ecb_csv`] read.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::fx::{RateBook, RateType};
let csv = "Date,USD,CNY,JPY,\n2026-11-03,1.0810,7.7100,N/A,\n2026-11-02,1.0800,7.7000,165.20,\n";
let summary = RateBook::new().load_ecb_csv(csv, RateType::Spot)?;
assert_eq!((summary.days, summary.rates), (2, 5));
assert_eq!(summary.currencies.iter().map(|c| c.code()).collect::<Vec<_>>(), ["USD", "CNY", "JPY"]);
assert_eq!(summary.last_date, Some(landed::parse_date("2026-11-03")?));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EcbLoadSummary {
    /// Data rows (days) read.
    pub days: usize,
    /// Rates stored (cells other than `N/A`).
    pub rates: usize,
    /// The currency columns, in file order.
    pub currencies: Vec<Currency>,
    /// Earliest date in the file.
    pub first_date: Option<NaiveDate>,
    /// Latest date in the file.
    pub last_date: Option<NaiveDate>,
}

/// Effective-dated exchange rates, with an optional pivot currency for
/// triangulation.
///
/// ```
/// use chrono::NaiveDate;
/// use landed::{Currency, Money, RoundingStrategy};
/// use landed::fx::{LookupPolicy, RateBook, RateType};
///
/// let eur = Currency::from_code("EUR")?;
/// let usd = Currency::from_code("USD")?;
/// let cny = Currency::from_code("CNY")?;
/// let day = NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
/// let mut book = RateBook::with_pivot(eur);
/// book.insert(eur, usd, RateType::Spot, day, "1.1172".parse().unwrap())?;
/// book.insert(eur, cny, RateType::Spot, day, "7.4326".parse().unwrap())?;
///
/// // USD → CNY goes USD → EUR (inverse) → CNY (direct).
/// let freight = Money::parse("1250.00", "USD")?;
/// let c = book.convert(&freight, cny, day, RateType::Spot, LookupPolicy::Exact,
///                      RoundingStrategy::HalfAwayFromZero)?;
/// assert_eq!(c.amount.to_string(), "8316.10 CNY");
/// assert_eq!(c.legs.len(), 2);
/// # Ok::<(), landed::LandedError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct RateBook {
    pivot: Option<Currency>,
    // A hash map: a conversion looks up to five pairs, and that was most of
    // its time with an ordered map of the ECB's forty currencies.
    series: FastMap<SeriesKey, Series>,
}

impl RateBook {
    /// An empty book without a pivot (no triangulation).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let rates = landed::fx::RateBook::new();
    /// assert!(rates.is_empty() && rates.pivot().is_none());
    /// # Ok(()) }
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty book that triangulates through `pivot`.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Currency;
    /// let rates = landed::fx::RateBook::with_pivot(Currency::from_code("EUR")?);
    /// assert_eq!(rates.pivot().map(|c| c.code().to_string()), Some("EUR".into()));
    /// # Ok(()) }
    /// ```
    pub fn with_pivot(pivot: Currency) -> Self {
        Self {
            pivot: Some(pivot),
            series: FastMap::default(),
        }
    }

    /// The pivot currency, if any.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let rates = landed::fx::RateBook::new();
    /// assert_eq!(rates.pivot(), None);
    /// # Ok(()) }
    /// ```
    pub fn pivot(&self) -> Option<Currency> {
        self.pivot
    }

    /// Sets or clears the pivot currency.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Currency;
    /// let mut rates = landed::fx::RateBook::new();
    /// rates.set_pivot(Some(Currency::from_code("USD")?));
    /// assert_eq!(rates.pivot(), Some(Currency::from_code("USD")?));
    /// # Ok(()) }
    /// ```
    pub fn set_pivot(&mut self, pivot: Option<Currency>) {
        self.pivot = pivot;
    }

    /// Number of stored rates.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::fx::{RateBook, RateType};
    /// let mut rates = RateBook::new();
    /// rates.load_ecb_csv("Date,USD,CNY,\n2026-11-02,1.0800,7.7000,\n", RateType::Spot)?;
    /// assert_eq!(rates.len(), 2);
    /// # Ok(()) }
    /// ```
    pub fn len(&self) -> usize {
        self.series.values().map(|s| s.dates.len()).sum()
    }

    /// Every stored rate as `(base, quote, rate_type, date, rate)`, sorted
    /// by pair, type and date: what it takes to rebuild the book with
    /// [`RateBook::insert`] (a binding pickles a rate book this way).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::fx::{RateBook, RateType};
    /// let mut rates = RateBook::new();
    /// rates.load_ecb_csv("Date,USD,CNY,\n2026-11-02,1.0800,7.7000,\n", RateType::Spot)?;
    /// let mut copy = RateBook::new();
    /// for (base, quote, rate_type, date, rate) in rates.entries() {
    ///     copy.insert(base, quote, rate_type, date, rate)?;
    /// }
    /// assert_eq!(copy.entries(), rates.entries());
    /// assert_eq!(rates.entries()[0].1.code(), "CNY");
    /// # Ok(()) }
    /// ```
    pub fn entries(&self) -> Vec<(Currency, Currency, RateType, NaiveDate, Decimal)> {
        let mut keys: Vec<&SeriesKey> = self.series.keys().collect();
        keys.sort();
        let mut out = Vec::with_capacity(self.len());
        for key in keys {
            if let Some(series) = self.series.get(key) {
                for (date, rate) in series.dates.iter().zip(&series.rates) {
                    out.push((key.base, key.quote, key.rate_type, *date, *rate));
                }
            }
        }
        out
    }

    /// True when no rate is stored.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// assert!(landed::fx::RateBook::new().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// Stores `1 base = rate quote` from `date` on, replacing a rate of the
    /// same pair, type and date. Zero and negative rates are refused.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::fx::{RateBook, RateType};
    /// use landed::Currency;
    /// let (usd, cny) = (Currency::from_code("USD")?, Currency::from_code("CNY")?);
    /// let mut rates = RateBook::new();
    /// let day = landed::parse_date("2026-11-02")?;
    /// rates.insert(usd, cny, RateType::Spot, day, "7.10".parse().unwrap())?;
    /// let zero = rates.insert(usd, cny, RateType::Spot, day, 0.into());
    /// assert_eq!(zero.unwrap_err().code(), "NON_POSITIVE_RATE");
    /// # Ok(()) }
    /// ```
    pub fn insert(
        &mut self,
        base: Currency,
        quote: Currency,
        rate_type: RateType,
        date: NaiveDate,
        rate: Decimal,
    ) -> Result<()> {
        check_rate(base, quote, date, rate)?;
        self.series
            .entry(SeriesKey {
                base,
                quote,
                rate_type,
            })
            .or_default()
            .insert(date, rate);
        Ok(())
    }

    fn find(
        &self,
        base: Currency,
        quote: Currency,
        rate_type: RateType,
        date: NaiveDate,
        policy: LookupPolicy,
    ) -> Found {
        match self.series.get(&SeriesKey {
            base,
            quote,
            rate_type,
        }) {
            Some(series) => series.find(date, policy),
            None => Found::Missing,
        }
    }

    /// One hop from `from` to `to`: the direct pair, else the inverse pair.
    /// Also reports the date of a stale rate that was passed over.
    fn hop(
        &self,
        from: Currency,
        to: Currency,
        rate_type: RateType,
        date: NaiveDate,
        policy: LookupPolicy,
        stale: &mut Option<(Currency, Currency, NaiveDate)>,
    ) -> Option<RateLeg> {
        for (base, quote, inverted) in [(from, to, false), (to, from, true)] {
            match self.find(base, quote, rate_type, date, policy) {
                Found::Rate(found, rate) => {
                    return Some(RateLeg {
                        base,
                        quote,
                        date: found,
                        rate,
                        inverted,
                    });
                }
                Found::Stale(found) => {
                    if stale.is_none() {
                        *stale = Some((base, quote, found));
                    }
                }
                Found::Missing => {}
            }
        }
        None
    }

    /// Finds the rate from `from` to `to` on `date`: identity, direct,
    /// inverse, then through the pivot.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::fx::{LookupPolicy, RateBook, RateType};
    /// use landed::Currency;
    /// let (usd, cny, eur) = (Currency::from_code("USD")?, Currency::from_code("CNY")?, Currency::from_code("EUR")?);
    /// let mut rates = RateBook::with_pivot(eur);
    /// rates.load_ecb_csv("Date,USD,CNY,\n2026-11-02,1.0800,7.7000,\n", RateType::Spot)?;
    /// // USD -> EUR (inverse) -> CNY (direct): 7.70 / 1.08.
    /// let r = rates.rate(usd, cny, landed::parse_date("2026-11-02")?, RateType::Spot, LookupPolicy::Exact)?;
    /// assert_eq!(r.legs.iter().map(|leg| leg.inverted).collect::<Vec<_>>(), [true, false]);
    /// assert!(r.rate.to_string().starts_with("7.1296296"));
    /// # Ok(()) }
    /// ```
    pub fn rate(
        &self,
        from: Currency,
        to: Currency,
        date: NaiveDate,
        rate_type: RateType,
        policy: LookupPolicy,
    ) -> Result<ResolvedRate> {
        let resolved = |legs: Vec<RateLeg>| -> Result<ResolvedRate> {
            let mut rate = Decimal::ONE;
            for leg in &legs {
                rate = rate
                    .checked_mul(leg.effective_rate()?)
                    .ok_or_else(|| LandedError::overflow("rate product"))?;
            }
            Ok(ResolvedRate {
                from,
                to,
                rate,
                legs,
            })
        };
        if from == to {
            return resolved(Vec::new());
        }
        let mut stale = None;
        if let Some(leg) = self.hop(from, to, rate_type, date, policy, &mut stale) {
            return resolved(vec![leg]);
        }
        if let Some(pivot) = self.pivot.filter(|p| *p != from && *p != to) {
            let first = self.hop(from, pivot, rate_type, date, policy, &mut stale);
            if let Some(first) = first
                && let Some(second) = self.hop(pivot, to, rate_type, date, policy, &mut stale)
            {
                return resolved(vec![first, second]);
            }
        }
        match (stale, policy) {
            (Some((base, quote, found_date)), LookupPolicy::LatestWithin { max_age_days }) => {
                Err(LandedError::RateStale {
                    base: base.to_string(),
                    quote: quote.to_string(),
                    date,
                    rate_type: rate_type.to_string(),
                    found_date,
                    age_days: (date - found_date).num_days(),
                    max_age_days,
                })
            }
            _ => Err(LandedError::RateNotFound {
                base: from.to_string(),
                quote: to.to_string(),
                date,
                rate_type: rate_type.to_string(),
                policy: policy.to_string(),
            }),
        }
    }

    /// Converts `amount` into `to` on `date`: the legs are applied at full
    /// precision and the result is rounded once to `to`'s minor units.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::fx::{LookupPolicy, RateBook, RateType};
    /// use landed::{Currency, Money, RoundingStrategy};
    /// let (usd, cny, eur) = (Currency::from_code("USD")?, Currency::from_code("CNY")?, Currency::from_code("EUR")?);
    /// let mut rates = RateBook::with_pivot(eur);
    /// rates.load_ecb_csv("Date,USD,CNY,\n2026-11-02,1.0800,7.7000,\n", RateType::Spot)?;
    /// // Through EUR at full precision, rounded once at the end.
    /// let c = rates.convert(&Money::parse("100.00", "USD")?, cny, landed::parse_date("2026-11-02")?,
    ///     RateType::Spot, LookupPolicy::Exact, RoundingStrategy::default())?;
    /// assert_eq!(c.amount.to_string(), "712.96 CNY");
    /// # Ok(()) }
    /// ```
    pub fn convert(
        &self,
        amount: &Money,
        to: Currency,
        date: NaiveDate,
        rate_type: RateType,
        policy: LookupPolicy,
        rounding: RoundingStrategy,
    ) -> Result<Conversion> {
        let resolved = self.rate(amount.currency, to, date, rate_type, policy)?;
        let unrounded = resolved.apply(amount.amount)?;
        Ok(Conversion {
            amount: Money::new(unrounded, to).round(rounding),
            unrounded,
            rate: resolved.rate,
            legs: resolved.legs,
        })
    }

    /// Loads the ECB euro reference-rate CSV (the `eurofxref-hist.csv`
    /// layout) from text the host has read: header `Date,USD,JPY,…,` with a
    /// trailing comma, one row per day, `N/A` where a currency has no rate,
    /// values in units per 1 EUR. Rates are stored as base EUR. The load is
    /// all or nothing: on any error the book is unchanged.
    ///
    /// ```
    /// use landed::fx::{RateBook, RateType};
    /// let csv = "Date,USD,JPY,CYP,\n2026-10-30,1.1172,175.68,N/A,\n2026-10-29,1.113,175.92,N/A,\n";
    /// let mut book = RateBook::new();
    /// let summary = book.load_ecb_csv(csv, RateType::Spot)?;
    /// assert_eq!((summary.days, summary.rates, summary.currencies.len()), (2, 4, 3));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn load_ecb_csv(&mut self, text: &str, rate_type: RateType) -> Result<EcbLoadSummary> {
        let eur = Currency::from_code("EUR")?;
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let Some((_, header)) = lines.next() else {
            return Err(LandedError::InvalidRateFile {
                line: 1,
                reason: "empty file".into(),
            });
        };
        let bad = |line: usize, reason: String| LandedError::InvalidRateFile {
            line: line + 1,
            reason,
        };
        let mut columns = header.trim_end().split(',');
        if columns.next().map(str::trim) != Some("Date") {
            return Err(bad(0, "header must start with Date".into()));
        }
        let header_cells: Vec<&str> = columns.map(str::trim).collect();
        // The ECB header ends with a comma: one empty cell, last, and rows
        // repeat it. Any other empty column name is an error.
        let trailing_empty = header_cells.last().is_some_and(|c| c.is_empty());
        let names = &header_cells[..header_cells.len() - usize::from(trailing_empty)];
        let mut currencies = Vec::with_capacity(names.len());
        for code in names {
            let currency = Currency::from_code(code)
                .map_err(|_| bad(0, format!("unknown currency column {code:?}")))?;
            currencies.push(currency);
        }

        let mut loaded: Vec<Vec<(NaiveDate, Decimal)>> = vec![Vec::new(); currencies.len()];
        let mut summary = EcbLoadSummary {
            days: 0,
            rates: 0,
            currencies: currencies.clone(),
            first_date: None,
            last_date: None,
        };
        for (index, line) in lines {
            let mut cells = line.trim_end().split(',');
            let date_text = cells.next().unwrap_or("").trim();
            let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d")
                .map_err(|_| bad(index, format!("invalid date {date_text:?}")))?;
            let values: Vec<&str> = cells.map(str::trim).collect();
            let well_formed = values.len() == header_cells.len()
                && (!trailing_empty || values.last().is_some_and(|c| c.is_empty()));
            if !well_formed {
                return Err(bad(
                    index,
                    format!(
                        "expected {} cells after the date, found {}",
                        header_cells.len(),
                        values.len()
                    ),
                ));
            }
            for ((cell, currency), series) in values.iter().zip(&currencies).zip(&mut loaded) {
                if *cell == "N/A" || cell.is_empty() {
                    continue;
                }
                let rate = parse_decimal(cell)
                    .map_err(|_| bad(index, format!("invalid {currency} rate {cell:?}")))?;
                check_rate(eur, *currency, date, rate)?;
                series.push((date, rate));
                summary.rates += 1;
            }
            summary.days += 1;
            summary.first_date = Some(summary.first_date.map_or(date, |d| d.min(date)));
            summary.last_date = Some(summary.last_date.map_or(date, |d| d.max(date)));
        }

        for (currency, mut rows) in currencies.iter().zip(loaded) {
            if rows.is_empty() || *currency == eur {
                continue;
            }
            let series = self
                .series
                .entry(SeriesKey {
                    base: eur,
                    quote: *currency,
                    rate_type,
                })
                .or_default();
            if series.dates.is_empty() {
                // Fast path: the file is newest first, so sort once.
                rows.sort_by_key(|(d, _)| *d);
                rows.dedup_by_key(|(d, _)| *d);
                series.dates = rows.iter().map(|(d, _)| *d).collect();
                series.rates = rows.iter().map(|(_, r)| *r).collect();
            } else {
                for (date, rate) in rows {
                    series.insert(date, rate);
                }
            }
        }
        Ok(summary)
    }
}

fn check_rate(base: Currency, quote: Currency, date: NaiveDate, rate: Decimal) -> Result<()> {
    if base == quote {
        return Err(LandedError::InvalidOption {
            what: "rate pair".into(),
            input: format!("{base}/{quote}"),
            expected: "two different currencies".into(),
        });
    }
    if rate <= Decimal::ZERO {
        return Err(LandedError::NonPositiveRate {
            base: base.to_string(),
            quote: quote.to_string(),
            date,
            rate,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str) -> Currency {
        Currency::from_code(code).unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn sample() -> RateBook {
        let mut book = RateBook::with_pivot(c("EUR"));
        book.insert(
            c("EUR"),
            c("USD"),
            RateType::Spot,
            d("2026-10-29"),
            dec("1.113"),
        )
        .unwrap();
        book.insert(
            c("EUR"),
            c("USD"),
            RateType::Spot,
            d("2026-10-30"),
            dec("1.1172"),
        )
        .unwrap();
        book.insert(
            c("EUR"),
            c("JPY"),
            RateType::Spot,
            d("2026-10-30"),
            dec("175.68"),
        )
        .unwrap();
        book.insert(
            c("EUR"),
            c("CNY"),
            RateType::Spot,
            d("2026-10-30"),
            dec("7.4326"),
        )
        .unwrap();
        book
    }

    const EXACT: LookupPolicy = LookupPolicy::Exact;
    const HAFZ: RoundingStrategy = RoundingStrategy::HalfAwayFromZero;

    #[test]
    fn identity_direct_inverse_triangulated() {
        let book = sample();
        let day = d("2026-10-30");
        let id = book
            .rate(c("USD"), c("USD"), day, RateType::Spot, EXACT)
            .unwrap();
        assert_eq!((id.rate, id.legs.len()), (Decimal::ONE, 0));

        let direct = book
            .convert(
                &"100.00 EUR".parse().unwrap(),
                c("USD"),
                day,
                RateType::Spot,
                EXACT,
                HAFZ,
            )
            .unwrap();
        assert_eq!(direct.amount.to_string(), "111.72 USD");
        assert_eq!(direct.rate, dec("1.1172"));

        // 100 / 1.1172 = 89.5094880057...
        let inverse = book
            .convert(
                &"100.00 USD".parse().unwrap(),
                c("EUR"),
                day,
                RateType::Spot,
                EXACT,
                HAFZ,
            )
            .unwrap();
        assert_eq!(inverse.amount.to_string(), "89.51 EUR");
        assert!(inverse.legs[0].inverted);
        assert!(
            inverse
                .unrounded
                .to_string()
                .starts_with("89.5094880057286072323666308")
        );

        // 1000 USD -> EUR -> JPY: 1000 / 1.1172 * 175.68 = 157250.268528464...
        let tri = book
            .convert(
                &"1000.00 USD".parse().unwrap(),
                c("JPY"),
                day,
                RateType::Spot,
                EXACT,
                HAFZ,
            )
            .unwrap();
        assert_eq!(tri.amount.to_string(), "157250 JPY");
        assert_eq!(tri.legs.len(), 2);
        assert_eq!(
            tri.rate,
            tri.legs[0].effective_rate().unwrap() * tri.legs[1].effective_rate().unwrap()
        );
    }

    #[test]
    fn lookup_policies() {
        let book = sample();
        let usd = c("USD");
        let eur = c("EUR");
        // Sunday 2026-11-01: no rate that day.
        let sunday = d("2026-11-01");
        let err = book
            .rate(eur, usd, sunday, RateType::Spot, EXACT)
            .unwrap_err();
        assert_eq!(err.code(), "RATE_NOT_FOUND");
        assert!(err.to_string().contains("EUR/USD"), "{err}");
        assert!(err.to_string().contains("exact date"), "{err}");
        let ok = book
            .rate(
                eur,
                usd,
                sunday,
                RateType::Spot,
                LookupPolicy::LatestWithin { max_age_days: 3 },
            )
            .unwrap();
        assert_eq!((ok.legs[0].date, ok.rate), (d("2026-10-30"), dec("1.1172")));
        let stale = book
            .rate(
                eur,
                usd,
                sunday,
                RateType::Spot,
                LookupPolicy::LatestWithin { max_age_days: 1 },
            )
            .unwrap_err();
        assert_eq!(
            stale,
            LandedError::RateStale {
                base: "EUR".into(),
                quote: "USD".into(),
                date: sunday,
                rate_type: "spot".into(),
                found_date: d("2026-10-30"),
                age_days: 2,
                max_age_days: 1
            }
        );
        // Before the first rate: not found. Other rate type: not found.
        assert_eq!(
            book.rate(
                eur,
                usd,
                d("2026-01-01"),
                RateType::Spot,
                LookupPolicy::default()
            )
            .unwrap_err()
            .code(),
            "RATE_NOT_FOUND"
        );
        assert_eq!(
            book.rate(eur, usd, d("2026-10-30"), RateType::MonthlyAverage, EXACT)
                .unwrap_err()
                .code(),
            "RATE_NOT_FOUND"
        );
        // No pivot: no triangulation.
        let mut flat = sample();
        flat.set_pivot(None);
        assert_eq!(
            flat.rate(usd, c("JPY"), d("2026-10-30"), RateType::Spot, EXACT)
                .unwrap_err()
                .code(),
            "RATE_NOT_FOUND"
        );
    }

    #[test]
    fn bad_rates_refused() {
        let mut book = RateBook::new();
        let err = book
            .insert(
                c("EUR"),
                c("USD"),
                RateType::Spot,
                d("2026-01-02"),
                Decimal::ZERO,
            )
            .unwrap_err();
        assert_eq!(err.code(), "NON_POSITIVE_RATE");
        assert!(
            book.insert(
                c("EUR"),
                c("USD"),
                RateType::Spot,
                d("2026-01-02"),
                dec("-1")
            )
            .is_err()
        );
        assert!(
            book.insert(
                c("EUR"),
                c("EUR"),
                RateType::Spot,
                d("2026-01-02"),
                Decimal::ONE
            )
            .is_err()
        );
        assert!(book.is_empty());
    }

    #[test]
    fn ecb_loader_errors_leave_book_unchanged() {
        let mut book = sample();
        let before = book.len();
        for bad in [
            "",
            "Day,USD,\n2026-01-02,1.1,\n",
            "Date,USD,ZZZ,\n2026-01-02,1.1,1,\n",
            "Date,USD,\n2026-13-02,1.1,\n",
            "Date,USD,JPY,\n2026-01-02,1.1,\n",
            "Date,USD,\n2026-01-02,abc,\n",
            "Date,USD,\n2026-01-05,1.1,\n2026-01-02,0,\n",
        ] {
            assert!(book.load_ecb_csv(bad, RateType::Spot).is_err(), "{bad:?}");
            assert_eq!(book.len(), before);
        }
        let err = book
            .load_ecb_csv("Date,USD,\n2026-01-02,abc,\n", RateType::Spot)
            .unwrap_err();
        assert_eq!(
            err,
            LandedError::InvalidRateFile {
                line: 2,
                reason: "invalid USD rate \"abc\"".into()
            }
        );
    }
}
