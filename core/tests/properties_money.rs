//! Property tests of the foundations: allocation sums exactly and stays
//! within one minor unit of the exact proportion; a round trip through
//! another currency lands within the rounding; triangulated rates are the
//! product of their legs.

use chrono::NaiveDate;
use landed::fx::{LookupPolicy, RateBook, RateType};
use landed::money::{allocate, allocate_minor_units};
use landed::{Currency, Money, RoundingStrategy};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["USD", "JPY", "KWD", "CLF", "EUR", "CNY", "KRW", "BHD"])
        .prop_map(|code| Currency::from_code(code).unwrap())
}

fn weights() -> impl Strategy<Value = Vec<Decimal>> {
    prop::collection::vec(
        (0u64..1_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m as i64, s)),
        1..40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn shares_sum_exactly_and_are_within_one_unit(
        units in -10_000_000_000i64..10_000_000_000,
        cur in currency(),
        ws in weights(),
    ) {
        let total = Money::from_minor_units(i128::from(units), cur).unwrap();
        let sum_w: Decimal = ws.iter().sum();
        match allocate_minor_units(&total, &ws) {
            Err(e) => prop_assert!(sum_w.is_zero() && e.code() == "ALLOCATION_ZERO_WEIGHTS"),
            Ok(shares) => {
                prop_assert_eq!(shares.iter().sum::<i128>(), i128::from(units));
                for (share, w) in shares.iter().zip(&ws) {
                    let exact = Decimal::from(units) * *w / sum_w;
                    let diff = (Decimal::from(*share) - exact).abs();
                    prop_assert!(diff < Decimal::ONE, "share {} exact {}", share, exact);
                    prop_assert!(*share == 0 || (*share > 0) == (units > 0));
                    if w.is_zero() { prop_assert_eq!(*share, 0); }
                }
                // Same numbers through the Money API.
                let money = allocate(&total, &ws).unwrap();
                let back: Vec<i128> = money.iter().map(|m| m.to_minor_units().unwrap()).collect();
                prop_assert_eq!(back, shares);
            }
        }
    }

    #[test]
    fn negative_total_mirrors_positive(units in 1i64..1_000_000_000, ws in weights()) {
        let usd = Currency::from_code("USD").unwrap();
        let pos = allocate_minor_units(&Money::from_minor_units(units.into(), usd).unwrap(), &ws);
        let neg = allocate_minor_units(&Money::from_minor_units((-units).into(), usd).unwrap(), &ws);
        match (pos, neg) {
            (Ok(p), Ok(n)) => prop_assert_eq!(p.iter().map(|x| -x).collect::<Vec<_>>(), n),
            (Err(a), Err(b)) => prop_assert_eq!(a.code(), b.code()),
            _ => prop_assert!(false, "sign changed the outcome"),
        }
    }

    #[test]
    fn round_trip_within_rounding(
        units in -1_000_000_000i64..1_000_000_000,
        from in currency(),
        to in currency(),
        rate_mantissa in 1i64..100_000_000,
        rate_scale in 0u32..8,
    ) {
        prop_assume!(from != to);
        let rate = Decimal::new(rate_mantissa, rate_scale);
        let day = NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
        let mut book = RateBook::new();
        book.insert(from, to, RateType::Spot, day, rate).unwrap();
        let x = Money::from_minor_units(units.into(), from).unwrap();
        let hafz = RoundingStrategy::HalfAwayFromZero;
        let there = book.convert(&x, to, day, RateType::Spot, LookupPolicy::Exact, hafz).unwrap();
        let back = book.convert(&there.amount, from, day, RateType::Spot, LookupPolicy::Exact, hafz).unwrap();
        // Rounding in `to` moves the amount by at most half a unit of `to`,
        // i.e. half a unit / rate in `from`; rounding back adds at most half
        // a unit of `from`.
        let unit = |c: Currency| Decimal::new(1, c.minor_units());
        let bound = unit(to) / Decimal::TWO / rate + unit(from) / Decimal::TWO;
        let diff = (back.amount.amount - x.amount).abs();
        prop_assert!(diff <= bound, "{} -> {} -> {} (bound {})", x, there.amount, back.amount, bound);
        // Both legs used the same stored rate, once inverted.
        prop_assert!(!there.legs[0].inverted && back.legs[0].inverted);
    }

    #[test]
    fn triangulated_rate_is_the_product_of_its_legs(
        a in 1i64..10_000_000, b in 1i64..10_000_000, sa in 0u32..6, sb in 0u32..6,
    ) {
        let eur = Currency::from_code("EUR").unwrap();
        let usd = Currency::from_code("USD").unwrap();
        let jpy = Currency::from_code("JPY").unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
        let mut book = RateBook::with_pivot(eur);
        book.insert(eur, usd, RateType::Spot, day, Decimal::new(a, sa)).unwrap();
        book.insert(eur, jpy, RateType::Spot, day, Decimal::new(b, sb)).unwrap();
        for (from, to) in [(usd, jpy), (jpy, usd)] {
            let r = book.rate(from, to, day, RateType::Spot, LookupPolicy::Exact).unwrap();
            prop_assert_eq!(r.legs.len(), 2);
            let product = r.legs[0].effective_rate().unwrap() * r.legs[1].effective_rate().unwrap();
            prop_assert_eq!(r.rate, product);
        }
    }
}
