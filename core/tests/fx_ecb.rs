//! The ECB loader on real data: the committed 60-day sample always, the full
//! 1999–2026 history when `LANDED_ECB_HISTORY` names the ECB's
//! `eurofxref-hist.csv` (the figures are those of the file published on
//! 2026-10-30).

use chrono::NaiveDate;
use landed::fx::{LookupPolicy, RateBook, RateType};
use landed::{Currency, Money, RoundingStrategy};
use rust_decimal::Decimal;

fn c(code: &str) -> Currency {
    Currency::from_code(code).unwrap()
}
fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}
const EXACT: LookupPolicy = LookupPolicy::Exact;

fn direct(book: &RateBook, quote: &str, day: &str) -> Result<Decimal, landed::LandedError> {
    book.rate(c("EUR"), c(quote), d(day), RateType::Spot, EXACT)
        .map(|r| r.rate)
}

#[test]
fn sample_loads_sixty_days_of_forty_one_currencies() {
    let text = include_str!("../../tests/data/ecb-sample.csv");
    let mut book = RateBook::with_pivot(c("EUR"));
    let summary = book.load_ecb_csv(text, RateType::Spot).unwrap();
    assert_eq!(summary.days, 60);
    assert_eq!(summary.currencies.len(), 41);
    // 30 currencies still quoted, 11 withdrawn or suspended (N/A throughout).
    assert_eq!(summary.rates, 1740);
    assert_eq!(book.len(), 1740);
    assert_eq!(summary.first_date, Some(d("2026-08-10")));
    assert_eq!(summary.last_date, Some(d("2026-10-30")));
    assert_eq!(direct(&book, "USD", "2026-10-30").unwrap(), dec("1.1172"));
    assert_eq!(direct(&book, "JPY", "2026-10-29").unwrap(), dec("175.92"));
    assert_eq!(
        direct(&book, "CYP", "2026-10-30").unwrap_err().code(),
        "RATE_NOT_FOUND"
    );

    // A realistic shipment: 1,250.00 USD of sea freight booked in CNY.
    let freight = Money::parse("1250.00", "USD").unwrap();
    let conv = book
        .convert(
            &freight,
            c("CNY"),
            d("2026-10-30"),
            RateType::Spot,
            EXACT,
            RoundingStrategy::HalfAwayFromZero,
        )
        .unwrap();
    assert_eq!(conv.amount.to_string(), "8316.10 CNY");
    assert_eq!(conv.legs.len(), 2);
    assert_eq!(
        (conv.legs[0].rate, conv.legs[0].inverted),
        (dec("1.1172"), true)
    );
    assert_eq!(
        (conv.legs[1].rate, conv.legs[1].inverted),
        (dec("7.4326"), false)
    );
}

#[test]
fn reloading_replaces_rates_without_duplicates() {
    let text = include_str!("../../tests/data/ecb-sample.csv");
    let mut book = RateBook::new();
    book.load_ecb_csv(text, RateType::Spot).unwrap();
    book.load_ecb_csv(text, RateType::Spot).unwrap();
    assert_eq!(book.len(), 1740);
    book.load_ecb_csv(text, RateType::MonthlyAverage).unwrap();
    assert_eq!(book.len(), 3480);
}

#[test]
fn full_history_when_present() {
    let path = std::env::var("LANDED_ECB_HISTORY").unwrap_or_default();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: LANDED_ECB_HISTORY does not name a readable file");
        return;
    };
    let mut book = RateBook::with_pivot(c("EUR"));
    let summary = book.load_ecb_csv(&text, RateType::Spot).unwrap();
    assert_eq!(summary.currencies.len(), 41);
    assert_eq!(summary.days, 7126);
    assert_eq!(summary.rates, 221_702);
    assert_eq!(summary.first_date, Some(d("1999-01-04")));
    assert_eq!(summary.last_date, Some(d("2026-10-30")));

    // Known rows.
    assert_eq!(direct(&book, "USD", "1999-01-04").unwrap(), dec("1.1789"));
    assert_eq!(direct(&book, "JPY", "1999-01-04").unwrap(), dec("133.73"));
    assert_eq!(direct(&book, "CYP", "1999-01-04").unwrap(), dec("0.58231"));
    assert_eq!(direct(&book, "TRL", "1999-01-04").unwrap(), dec("372274"));
    assert_eq!(direct(&book, "USD", "2008-12-31").unwrap(), dec("1.3917"));
    assert_eq!(direct(&book, "RUB", "2022-03-01").unwrap(), dec("117.201"));
    assert_eq!(direct(&book, "USD", "2026-10-30").unwrap(), dec("1.1172"));

    // N/A gaps: the Cyprus pound ends with 2007, the rouble on 2022-03-01,
    // the króna is suspended from 2008-12-10 to 2018-01-31.
    let recent = LookupPolicy::LatestWithin { max_age_days: 7 };
    let eur = c("EUR");
    let stale = |quote: &str, day: &str| book.rate(eur, c(quote), d(day), RateType::Spot, recent);
    assert_eq!(stale("CYP", "2008-01-15").unwrap_err().code(), "RATE_STALE");
    assert_eq!(
        stale("CYP", "2007-12-31").unwrap().rate,
        direct(&book, "CYP", "2007-12-31").unwrap()
    );
    assert_eq!(
        stale("RUB", "2022-03-02").unwrap().legs[0].date,
        d("2022-03-01")
    );
    assert_eq!(stale("RUB", "2022-03-15").unwrap_err().code(), "RATE_STALE");
    assert_eq!(direct(&book, "ISK", "2008-12-09").unwrap(), dec("290"));
    assert_eq!(stale("ISK", "2012-06-01").unwrap_err().code(), "RATE_STALE");
    assert_eq!(direct(&book, "ISK", "2018-02-01").unwrap(), dec("125.01"));

    // Triangulation on real rates: USD -> JPY on 2020-03-16 = 117.76 / 1.1157.
    let r = book
        .rate(c("USD"), c("JPY"), d("2020-03-16"), RateType::Spot, EXACT)
        .unwrap();
    assert_eq!(r.legs.len(), 2);
    assert_eq!(r.rate, (Decimal::ONE / dec("1.1157")) * dec("117.76"));
}
