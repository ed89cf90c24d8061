//! ISO 4217 currencies: a code is money here only with a defined minor unit
//! (the table is in `iso4217.rs`).
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::Currency;
//! let cny = Currency::from_code("CNY")?;
//! assert_eq!((cny.code(), cny.minor_units(), cny.numeric_code()), ("CNY", 2, 156));
//! assert_eq!(Currency::from_code("KWD")?.minor_units(), 3);
//! # Ok(()) }
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::iso4217;
use crate::error::{LandedError, Result};

/// An ISO 4217 currency with its number of minor units (decimal places).
///
/// Only codes with a defined minor unit are accepted: JPY has 0, USD 2,
/// KWD 3, CLF 4. Withdrawn codes that still appear in rate histories (CYP,
/// TRL, …) are known too; see [`Currency::is_historical`].
///
/// ```
/// use landed::Currency;
/// let jpy = Currency::from_code("JPY")?;
/// assert_eq!(jpy.minor_units(), 0);
/// assert_eq!(Currency::from_code("kwd")?.minor_units(), 3);
/// assert_eq!(jpy.to_string(), "JPY");
/// # Ok::<(), landed::LandedError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
    numeric: u16,
    historical: bool,
}

impl Currency {
    /// Looks up an ISO 4217 alphabetic code (case-insensitive).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Currency;
    /// assert_eq!(Currency::from_code("ABC").unwrap_err().code(), "UNKNOWN_CURRENCY");
    /// assert_eq!(Currency::from_code("USD")?.code(), "USD");
    /// # Ok(()) }
    /// ```
    pub fn from_code(code: &str) -> Result<Self> {
        let unknown = || LandedError::UnknownCurrency {
            code: code.to_owned(),
        };
        let bytes = code.trim().as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(unknown());
        }
        let upper = [
            bytes[0].to_ascii_uppercase(),
            bytes[1].to_ascii_uppercase(),
            bytes[2].to_ascii_uppercase(),
        ];
        let index = iso4217::TABLE
            .binary_search_by(|(c, ..)| c.as_bytes().cmp(&upper[..]))
            .map_err(|_| unknown())?;
        let (_, numeric, minor_units, historical) = iso4217::TABLE[index];
        Ok(Self {
            code: upper,
            minor_units,
            numeric,
            historical,
        })
    }

    /// The three-letter code, e.g. `"USD"`.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// assert_eq!(landed::Currency::from_code("CNY")?.code(), "CNY");
    /// # Ok(()) }
    /// ```
    pub fn code(&self) -> &str {
        // The bytes come from the ASCII table above, so this cannot fail; an
        // empty string would only ever appear if the table were corrupted.
        std::str::from_utf8(&self.code).unwrap_or("")
    }

    /// Number of decimal places of the minor unit (USD 2, JPY 0, KWD 3).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Currency;
    /// assert_eq!(Currency::from_code("JPY")?.minor_units(), 0);
    /// assert_eq!(Currency::from_code("USD")?.minor_units(), 2);
    /// # Ok(()) }
    /// ```
    pub fn minor_units(&self) -> u32 {
        u32::from(self.minor_units)
    }

    /// ISO 4217 numeric code (USD 840).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// assert_eq!(landed::Currency::from_code("USD")?.numeric_code(), 840);
    /// # Ok(()) }
    /// ```
    pub fn numeric_code(&self) -> u16 {
        self.numeric
    }

    /// True for codes withdrawn from ISO 4217 (kept for rate histories).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Currency;
    /// assert!(!Currency::from_code("EUR")?.is_historical());
    /// # Ok(()) }
    /// ```
    pub fn is_historical(&self) -> bool {
        self.historical
    }

    /// All currencies this build knows, sorted by code.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let count = landed::Currency::all().count();
    /// assert!(count > 150);
    /// # Ok(()) }
    /// ```
    pub fn all() -> impl Iterator<Item = Currency> {
        iso4217::TABLE
            .iter()
            .filter_map(|(code, ..)| Currency::from_code(code).ok())
    }
}

impl std::hash::Hash for Currency {
    /// The code alone identifies a currency; hashing it as one word keeps
    /// rate lookups cheap.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u32(u32::from_le_bytes([
            self.code[0],
            self.code[1],
            self.code[2],
            0,
        ]));
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code())
    }
}

impl FromStr for Currency {
    type Err = LandedError;
    fn from_str(s: &str) -> Result<Self> {
        Self::from_code(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::from_code(&code).map_err(serde::de::Error::custom)
    }
}
