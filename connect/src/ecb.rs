//! The ECB euro reference-rate CSV into `record_rates` commands.
//!
//! The ECB publishes its reference rates as units of each currency per
//! one euro, in a daily file (`eurofxref.csv`: a header `Date, USD, JPY,
//! …` and one row, dates like `30 October 2026`) and a history file
//! (`eurofxref-hist.csv`: header `Date,USD,JPY,…,` and one row per day,
//! newest first, dates `YYYY-MM-DD`, `N/A` where a currency had no rate).
//! Both layouts are read.
//!
//! For a book keeping its accounts in `functional` and dealing in
//! `currencies`, each day becomes one `record_rates` command with, per
//! currency `C` other than the functional one, the rate of one `C` in
//! the functional currency: the ECB's own figure when one side is the euro
//! (`EUR/F`, or `EUR/C` which the book inverts exactly), otherwise the
//! cross rate `F per EUR ÷ C per EUR` rounded to six decimals. A day
//! without a rate for a needed currency leaves that currency out; a day
//! with nothing left is skipped. Command ids are `ecb:DATE:HASH` of the
//! day's entries, so the daily file, the history file and a re-import of
//! either record each day's rates once.
//!
//! ```
//! use landed::Currency;
//! let csv = "Date,USD,CNY,\n2026-10-30,1.1172,7.4326,\n";
//! let cny = Currency::from_code("CNY")?;
//! let usd = Currency::from_code("USD")?;
//! let eur = Currency::from_code("EUR")?;
//! let mapped = landed_connect::ecb::map_ecb("eurofxref-hist.csv", csv, cny, &[usd, eur]).unwrap();
//! let json = serde_json::to_string(&mapped[0].command).unwrap();
//! assert!(json.contains(r#"{"base":"USD","quote":"CNY","date":"2026-10-30","rate":"6.652882"#));
//! assert!(json.contains(r#"{"base":"EUR","quote":"CNY","date":"2026-10-30","rate":"7.4326"#));
//! # Ok::<(), landed::LandedError>(())
//! ```

use landed::fx::RateType;
use landed::rust_decimal::RoundingStrategy;
use landed::{Command, Context, Currency, Decimal, NaiveDate};

use crate::{Mapped, Refused, RowError, short_hash};

/// Decimal places of a cross rate computed through the euro.
pub const CROSS_RATE_DECIMALS: u32 = 6;

/// Maps an ECB reference-rate file (daily or history) to one
/// `record_rates` command per day, for the `currencies` a book with
/// `functional` currency uses (see the module). Refused as a whole, with
/// the lines, if any row is malformed or a needed currency has no column.
pub fn map_ecb(
    file_name: &str,
    text: &str,
    functional: Currency,
    currencies: &[Currency],
) -> Result<Vec<Mapped>, Refused> {
    let refuse = |errors: Vec<RowError>| Refused {
        file: file_name.to_owned(),
        errors,
    };
    let one = |line: usize, reason: String| refuse(vec![RowError { line, reason }]);
    let eur = Currency::from_code("EUR").map_err(|e| one(1, e.to_string()))?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().map_err(|e| one(1, e.to_string()))?.clone();
    if header.get(0) != Some("Date") {
        return Err(one(1, "an ECB file's header starts with Date".into()));
    }
    let column = |currency: Currency| header.iter().position(|c| c == currency.code());
    let wanted: Vec<Currency> = currencies
        .iter()
        .copied()
        .filter(|c| *c != functional)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // The euro per functional unit: the functional column, or one for a
    // euro book.
    let functional_column = if functional == eur {
        None
    } else {
        Some(column(functional).ok_or_else(|| one(1, format!("no {functional} column")))?)
    };
    let mut columns = Vec::new();
    for currency in &wanted {
        if *currency == eur {
            columns.push(None);
        } else {
            columns.push(Some(
                column(*currency).ok_or_else(|| one(1, format!("no {currency} column")))?,
            ));
        }
    }
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError {
                    line: e.position().map_or(0, |p| p.line() as usize),
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |i: usize| -> Result<Option<Decimal>, String> {
            match record.get(i) {
                None | Some("" | "N/A") => Ok(None),
                Some(text) => match text.parse::<Decimal>() {
                    Ok(v) if v > Decimal::ZERO => Ok(Some(v)),
                    _ => Err(format!(
                        "{:?} is not a positive rate ({})",
                        text,
                        header.get(i).unwrap_or("")
                    )),
                },
            }
        };
        let day = (|| -> Result<Option<Mapped>, String> {
            let date_text = record.get(0).unwrap_or("");
            let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(date_text, "%d %B %Y"))
                .map_err(|_| format!("invalid date {date_text:?}"))?;
            let per_eur_functional = match functional_column {
                None => Some(Decimal::ONE),
                Some(i) => cell(i)?,
            };
            let mut entries = Vec::new();
            for (currency, col) in wanted.iter().zip(&columns) {
                let per_eur = match col {
                    None => Some(Decimal::ONE),
                    Some(i) => cell(*i)?,
                };
                let (Some(f), Some(c)) = (per_eur_functional, per_eur) else {
                    continue;
                };
                let (base, quote, rate) = if *currency == eur {
                    (eur, functional, f)
                } else if functional == eur {
                    (eur, *currency, c)
                } else {
                    let cross = f
                        .checked_div(c)
                        .ok_or_else(|| format!("{currency} rate out of range"))?
                        .round_dp_with_strategy(
                            CROSS_RATE_DECIMALS,
                            RoundingStrategy::MidpointNearestEven,
                        )
                        .normalize();
                    (*currency, functional, cross)
                };
                entries.push(landed::trade::RateInput {
                    base,
                    quote,
                    date,
                    rate,
                    rate_type: RateType::Spot,
                });
            }
            if entries.is_empty() {
                return Ok(None);
            }
            let command = Command::record_rates(entries);
            let json = serde_json::to_string(&command).map_err(|e| e.to_string())?;
            let id = format!("ecb:{date}:{}", short_hash(&[&json]));
            let at = date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
            let context = Context {
                at,
                command_id: id,
                expected_version: None,
                actor: None,
            };
            Ok(Some(Mapped {
                command,
                context,
                line,
            }))
        })();
        match day {
            Ok(Some(mapped)) => out.push(mapped),
            Ok(None) => {}
            Err(reason) => errors.push(RowError { line, reason }),
        }
    }
    if !errors.is_empty() {
        return Err(refuse(errors));
    }
    // Oldest first, as a book records them.
    out.sort_by_key(|m| m.context.at);
    Ok(out)
}
