//! Exports an accountant or another system can take: the journal and the
//! trial balance as CSV and JSON, and vouchers in a generic voucher-import
//! layout through an account mapping.
//!
//! Every function is pure: it takes the core's report types and returns
//! text. Amounts are written as the book holds them (decimal text, never
//! floats); rows come in the book's order, so the same book always exports
//! the same bytes.

use std::collections::BTreeMap;

use landed::Currency;
use landed::Decimal;
use landed::ledger::JournalEntry;
use landed::report::TrialBalance;

use crate::ExportError;

/// Columns of [`journal_csv`].
pub const JOURNAL_COLUMNS: [&str; 17] = [
    "entry",
    "date",
    "memo",
    "document",
    "reverses",
    "line",
    "account",
    "debit",
    "credit",
    "currency",
    "transaction_amount",
    "transaction_currency",
    "rate",
    "sku",
    "location",
    "lot",
    "channel",
];

/// Columns of [`vouchers_csv`]: the generic voucher-import layout.
pub const VOUCHER_COLUMNS: [&str; 16] = [
    "date",
    "voucher_number",
    "summary",
    "account_code",
    "account_name",
    "debit",
    "credit",
    "currency",
    "rate",
    "original_amount",
    "sku",
    "location",
    "channel",
    "document",
    "lot",
    "book_entry",
];

fn text<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String, ExportError> {
    let bytes = writer
        .into_inner()
        .map_err(|e| ExportError::Write(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Write(e.to_string()))
}

/// The journal as CSV: one row per line of each entry (see
/// [`JOURNAL_COLUMNS`]); `currency` is the book's functional currency, the
/// `transaction_*` and `rate` columns are filled for lines posted from
/// another currency.
pub fn journal_csv(entries: &[&JournalEntry], functional: Currency) -> Result<String, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(JOURNAL_COLUMNS)?;
    for entry in entries {
        for (i, line) in entry.lines.iter().enumerate() {
            let d = &line.dimensions;
            w.write_record([
                entry.id.to_string(),
                entry.date.to_string(),
                entry.memo.to_string(),
                text(entry.document.as_deref()),
                text(entry.reverses),
                (i + 1).to_string(),
                line.account.to_string(),
                line.debit.to_string(),
                line.credit.to_string(),
                functional.code().to_owned(),
                text(line.transaction_amount.as_ref().map(|m| m.amount)),
                text(
                    line.transaction_amount
                        .as_ref()
                        .map(|m| m.currency.code().to_owned()),
                ),
                text(line.rate),
                text(d.sku.as_deref()),
                text(d.location.as_deref()),
                text(d.lot.as_deref()),
                text(d.channel.as_deref()),
            ])?;
        }
    }
    finish(w)
}

/// The journal as a JSON array of the core's entries (their own serde
/// form, as the event log holds them).
pub fn journal_json(entries: &[&JournalEntry]) -> Result<String, ExportError> {
    Ok(serde_json::to_string_pretty(entries)?)
}

/// The trial balance as CSV: `account,name,type,debit,credit,balance,currency`,
/// one row per account (the totals are in the JSON form and are the sums
/// of the columns).
pub fn trial_balance_csv(tb: &TrialBalance) -> Result<String, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "account", "name", "type", "debit", "credit", "balance", "currency",
    ])?;
    for line in &tb.lines {
        let kind = serde_json::to_value(line.account_type)?;
        w.write_record([
            line.account.clone(),
            line.name.clone(),
            kind.as_str().unwrap_or_default().to_owned(),
            line.debit.amount.to_string(),
            line.credit.amount.to_string(),
            line.balance.amount.to_string(),
            line.balance.currency.code().to_owned(),
        ])?;
    }
    finish(w)
}

/// The trial balance as JSON (the core's report, totals included).
pub fn trial_balance_json(tb: &TrialBalance) -> Result<String, ExportError> {
    Ok(serde_json::to_string_pretty(tb)?)
}

/// Book account → target chart code (and optional name), read from a CSV
/// file with the columns `account,target[,target_name]`.
///
/// ```
/// let mapping = landed_connect::export::AccountMapping::from_csv("account,target,target_name\n1300,1405,库存商品\n").unwrap();
/// assert_eq!(mapping.target("1300"), Some(("1405", "库存商品")));
/// assert_eq!(mapping.target("2200"), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountMapping {
    targets: BTreeMap<String, (String, String)>,
}

impl AccountMapping {
    /// Reads a mapping file. Each book account may appear once.
    pub fn from_csv(text: &str) -> Result<Self, ExportError> {
        let bad = |line: usize, reason: String| ExportError::Mapping { line, reason };
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header = reader.headers().map_err(|e| bad(1, e.to_string()))?.clone();
        let col = |name: &str| header.iter().position(|c| c.eq_ignore_ascii_case(name));
        let (Some(account), Some(target)) = (col("account"), col("target")) else {
            return Err(bad(
                1,
                "the header needs the columns account and target".into(),
            ));
        };
        let name = col("target_name");
        let mut targets = BTreeMap::new();
        for record in reader.records() {
            let record = record
                .map_err(|e| bad(e.position().map_or(0, |p| p.line() as usize), e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.iter().all(str::is_empty) {
                continue;
            }
            let cell = |i: usize| record.get(i).unwrap_or("").to_owned();
            let (from, to) = (cell(account), cell(target));
            if from.is_empty() || to.is_empty() {
                return Err(bad(line, "account and target must not be empty".into()));
            }
            let label = name.map(cell).unwrap_or_default();
            if targets.insert(from.clone(), (to, label)).is_some() {
                return Err(bad(line, format!("account {from} is mapped twice")));
            }
        }
        Ok(Self { targets })
    }

    /// The target code and name of a book account.
    pub fn target(&self, account: &str) -> Option<(&str, &str)> {
        self.targets
            .get(account)
            .map(|(code, name)| (code.as_str(), name.as_str()))
    }
}

/// The journal as vouchers in a generic voucher-import layout (see
/// [`VOUCHER_COLUMNS`]): one row per entry line, the voucher number
/// `YYYYMM-NNNN` counting the entries of each month in date order, the
/// entry's memo as summary, the account mapped through `mapping` (or the
/// book's own code without one; an account the mapping lacks refuses the
/// export, naming every such account), debit and credit in the functional
/// currency, and for a line posted from another currency that currency,
/// its rate and the original amount (otherwise the functional currency,
/// rate 1 and the functional amount). Auxiliary dimensions (SKU,
/// location, channel, document, lot) follow.
pub fn vouchers_csv(
    entries: &[&JournalEntry],
    functional: Currency,
    mapping: Option<&AccountMapping>,
) -> Result<String, ExportError> {
    if let Some(mapping) = mapping {
        let missing: std::collections::BTreeSet<String> = entries
            .iter()
            .flat_map(|e| &e.lines)
            .filter(|l| mapping.target(&l.account).is_none())
            .map(|l| l.account.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(ExportError::Unmapped(missing.into_iter().collect()));
        }
    }
    let mut ordered: Vec<&JournalEntry> = entries.to_vec();
    ordered.sort_by_key(|e| (e.date, e.id));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(VOUCHER_COLUMNS)?;
    let mut month = String::new();
    let mut number = 0u32;
    for entry in ordered {
        let this_month = entry.date.format("%Y%m").to_string();
        if this_month != month {
            month = this_month;
            number = 0;
        }
        number += 1;
        let voucher = format!("{month}-{number:04}");
        for line in &entry.lines {
            let (code, name) = match mapping {
                Some(m) => m.target(&line.account).unwrap_or((&line.account, "")),
                None => (&*line.account, ""),
            };
            let functional_amount = line.debit + line.credit;
            let (currency, rate, original) = match &line.transaction_amount {
                Some(m) if m.currency != functional => (
                    m.currency.code().to_owned(),
                    line.rate.map(|r| r.to_string()).unwrap_or_default(),
                    m.amount.abs().to_string(),
                ),
                _ => (
                    functional.code().to_owned(),
                    Decimal::ONE.to_string(),
                    functional_amount.to_string(),
                ),
            };
            let d = &line.dimensions;
            w.write_record([
                entry.date.to_string(),
                voucher.clone(),
                entry.memo.to_string(),
                code.to_owned(),
                name.to_owned(),
                line.debit.to_string(),
                line.credit.to_string(),
                currency,
                rate,
                original,
                text(d.sku.as_deref()),
                text(d.location.as_deref()),
                text(d.channel.as_deref()),
                text(d.document.as_deref().or(entry.document.as_deref())),
                text(d.lot.as_deref()),
                entry.id.to_string(),
            ])?;
        }
    }
    finish(w)
}
