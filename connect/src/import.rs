//! CSV files into commands.
//!
//! Each kind of file has required and optional columns (named in a header
//! row, in any order; an unknown column refuses the file, so a misspelt
//! column is not silently ignored). Cells are trimmed; an empty optional
//! cell is as if the column were absent. Amounts and measures are decimal
//! text (`2.60`), never floats; dates are `YYYY-MM-DD`.
//!
//! | kind | required | optional | commands |
//! |---|---|---|---|
//! | `skus` | code, name | base_unit, weight_kg, length_cm, width_cm, height_cm, hs_code, country_of_origin, category, lot_tracked, shelf_life_days, declared_value, declared_currency | `define_sku` per row |
//! | `locations` | code, name, kind | country, valuation_scope | `define_location` per row |
//! | `suppliers` | code, name, currency | payment_terms_days | `define_supplier` per row |
//! | `purchase_orders` | po, supplier, date, sku, quantity, unit_price, currency, destination | expected_date, fixed_rate, confirm | `create_purchase_order` (+ `confirm_purchase_order`) per order |
//! | `receipts` | receipt, po, date, line, quantity | bucket, lot, expiry, damage_reason | `receive_purchase_order` per receipt |
//! | `transfers` | transfer, source, destination, date, sku, quantity | lot, carrier, tracking, eta, ship_date | `create_transfer`, `approve_transfer` (+ `ship_transfer`) per transfer |
//! | `landed_costs` | voucher, date, description, amount, currency, account, method, target_type, target, line | kind, rate, divisor | `apply_landed_cost` per voucher |
//!
//! Rows of one order, receipt, transfer or voucher are grouped (they need
//! not be adjacent) and must agree on the group's columns.
//!
//! ```
//! use landed_connect::import::{Kind, map_csv};
//! let at = landed::Context::from_json(r#"{"at":"2026-11-01T09:00:00Z","command_id":"x"}"#)?.at;
//! let text = "code,name,weight_kg,length_cm,width_cm,height_cm\nLAMP,Desk lamp,1.2,30,20,10\n";
//! assert_eq!(landed_connect::import::detect(text), Some(Kind::Skus));
//! let mapped = map_csv(Kind::Skus, "skus.csv", text, at).unwrap();
//! assert_eq!(mapped.len(), 1);
//! assert!(mapped[0].context.command_id.starts_with("skus:LAMP:"));
//! # Ok::<(), landed::LandedError>(())
//! ```

use std::collections::HashMap;

use landed::{Command, Context, DateTime, NaiveDate, Utc};
use serde_json::{Map, Value, json};

use crate::{Mapped, Refused, RowError, file_stem, short_hash};

/// The kinds of CSV file the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// SKUs (`define_sku`).
    Skus,
    /// Locations (`define_location`).
    Locations,
    /// Suppliers (`define_supplier`).
    Suppliers,
    /// Purchase orders and their lines.
    PurchaseOrders,
    /// Purchase-order receipts.
    Receipts,
    /// Transfers between locations.
    Transfers,
    /// Landed-cost charges.
    LandedCosts,
}

impl Kind {
    /// Every kind, in the order [`detect`] tries them.
    pub const ALL: [Kind; 7] = [
        Kind::LandedCosts,
        Kind::Receipts,
        Kind::PurchaseOrders,
        Kind::Transfers,
        Kind::Suppliers,
        Kind::Locations,
        Kind::Skus,
    ];

    /// The kind's name (`purchase_orders`...).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Skus => "skus",
            Kind::Locations => "locations",
            Kind::Suppliers => "suppliers",
            Kind::PurchaseOrders => "purchase_orders",
            Kind::Receipts => "receipts",
            Kind::Transfers => "transfers",
            Kind::LandedCosts => "landed_costs",
        }
    }

    /// A kind from its name (`-` and `_` alike).
    ///
    /// ```
    /// use landed_connect::import::Kind;
    /// assert_eq!(Kind::parse("landed-costs"), Some(Kind::LandedCosts));
    /// assert_eq!(Kind::parse("nope"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Kind> {
        let name = name.replace('-', "_");
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Required columns.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Skus => &["code", "name"],
            Kind::Locations => &["code", "name", "kind"],
            Kind::Suppliers => &["code", "name", "currency"],
            Kind::PurchaseOrders => &[
                "po",
                "supplier",
                "date",
                "sku",
                "quantity",
                "unit_price",
                "currency",
                "destination",
            ],
            Kind::Receipts => &["receipt", "po", "date", "line", "quantity"],
            Kind::Transfers => &[
                "transfer",
                "source",
                "destination",
                "date",
                "sku",
                "quantity",
            ],
            Kind::LandedCosts => &[
                "voucher",
                "date",
                "description",
                "amount",
                "currency",
                "account",
                "method",
                "target_type",
                "target",
                "line",
            ],
        }
    }

    /// Optional columns.
    pub fn optional(self) -> &'static [&'static str] {
        match self {
            Kind::Skus => &[
                "base_unit",
                "weight_kg",
                "length_cm",
                "width_cm",
                "height_cm",
                "hs_code",
                "country_of_origin",
                "category",
                "lot_tracked",
                "shelf_life_days",
                "declared_value",
                "declared_currency",
            ],
            Kind::Locations => &["country", "valuation_scope"],
            Kind::Suppliers => &["payment_terms_days"],
            Kind::PurchaseOrders => &["expected_date", "fixed_rate", "confirm"],
            Kind::Receipts => &["bucket", "lot", "expiry", "damage_reason"],
            Kind::Transfers => &["lot", "carrier", "tracking", "eta", "ship_date"],
            Kind::LandedCosts => &["kind", "rate", "divisor"],
        }
    }
}

/// The kind of a CSV file from its header: the first of [`Kind::ALL`]
/// whose required columns are all present and which knows every column.
///
/// ```
/// use landed_connect::import::{Kind, detect};
/// assert_eq!(detect("code,name,kind\nSZ,Shenzhen,own\n"), Some(Kind::Locations));
/// assert_eq!(detect("po,supplier,date,sku,quantity,unit_price,currency,destination\n"), Some(Kind::PurchaseOrders));
/// assert_eq!(detect("what,ever\n"), None);
/// ```
pub fn detect(text: &str) -> Option<Kind> {
    let header = text.lines().next()?;
    let columns: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    Kind::ALL.into_iter().find(|kind| {
        kind.required()
            .iter()
            .all(|r| columns.iter().any(|c| c == r))
            && columns.iter().all(|c| {
                kind.required().contains(&c.as_str()) || kind.optional().contains(&c.as_str())
            })
    })
}

/// Maps a CSV file of `kind` to commands. `file_name` names the file in
/// command ids and errors; `at` is the time of rows without a date
/// (master data), dated rows run at 09:00 UTC on their date.
///
/// Either every row maps, or the file is refused with every refused row
/// (line numbers 1-based, the header being line 1).
pub fn map_csv(
    kind: Kind,
    file_name: &str,
    text: &str,
    at: DateTime<Utc>,
) -> Result<Vec<Mapped>, Refused> {
    let refuse = |errors: Vec<RowError>| Refused {
        file: file_name.to_owned(),
        errors,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader
        .headers()
        .map_err(|e| {
            refuse(vec![RowError {
                line: 1,
                reason: e.to_string(),
            }])
        })?
        .clone();
    let columns =
        Columns::new(kind, &header).map_err(|reason| refuse(vec![RowError { line: 1, reason }]))?;
    let stem = file_stem(file_name);
    let mut mapper = Mapper::new(kind, stem, at);
    let mut errors = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                if record.iter().all(str::is_empty) {
                    continue;
                }
                let row = Row {
                    record: &record,
                    columns: &columns,
                    line,
                };
                if let Err(reason) = mapper.row(&row) {
                    errors.push(RowError { line, reason });
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let reason = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("expected {expected_len} cells, found {len}")
                    }
                    _ => e.to_string(),
                };
                errors.push(RowError { line, reason });
            }
        }
    }
    if errors.is_empty() {
        mapper.finish().map_err(refuse)
    } else {
        Err(refuse(errors))
    }
}

struct Columns {
    index: HashMap<String, usize>,
}

impl Columns {
    fn new(kind: Kind, header: &csv::StringRecord) -> Result<Self, String> {
        let mut index = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            let name = name.to_ascii_lowercase();
            if !kind.required().contains(&name.as_str())
                && !kind.optional().contains(&name.as_str())
            {
                return Err(format!(
                    "unknown column {name:?} for a {} file",
                    kind.name()
                ));
            }
            if index.insert(name.clone(), i).is_some() {
                return Err(format!("column {name:?} appears twice"));
            }
        }
        let missing: Vec<&str> = kind
            .required()
            .iter()
            .copied()
            .filter(|r| !index.contains_key(*r))
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "missing column(s) {} for a {} file",
                missing.join(", "),
                kind.name()
            ));
        }
        Ok(Self { index })
    }
}

struct Row<'a> {
    record: &'a csv::StringRecord,
    columns: &'a Columns,
    line: usize,
}

impl Row<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        let i = *self.columns.index.get(name)?;
        self.record.get(i).filter(|v| !v.is_empty())
    }

    fn req(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or_else(|| format!("{name} is empty"))
    }

    fn quantity(&self, name: &str) -> Result<i64, String> {
        let text = self.req(name)?;
        text.parse::<i64>()
            .map_err(|_| format!("{name} {text:?} is not a whole number"))
    }

    /// A decimal cell, checked here so the reason names the column.
    fn decimal(&self, name: &str, signed: bool) -> Result<Option<&str>, String> {
        let Some(text) = self.get(name) else {
            return Ok(None);
        };
        let digits = if signed {
            text.strip_prefix('-').unwrap_or(text)
        } else {
            text
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let ok = !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
            && !(digits.contains('.') && fraction.is_empty());
        if ok {
            Ok(Some(text))
        } else {
            Err(format!(
                "{name} {text:?} is not a decimal number such as 12.34"
            ))
        }
    }

    fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, String> {
        self.get(name)
            .map(|text| {
                text.parse::<T>()
                    .map_err(|_| format!("{name} {text:?} is not a whole number"))
            })
            .transpose()
    }

    fn date(&self, name: &str) -> Result<Option<NaiveDate>, String> {
        self.get(name)
            .map(|text| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| format!("{name} {text:?} is not a date (YYYY-MM-DD)"))
            })
            .transpose()
    }

    fn flag(&self, name: &str, default: bool) -> Result<bool, String> {
        match self.get(name).map(str::to_ascii_lowercase).as_deref() {
            None => Ok(default),
            Some("true" | "yes" | "y" | "1") => Ok(true),
            Some("false" | "no" | "n" | "0") => Ok(false),
            Some(other) => Err(format!("{name} {other:?} is not yes or no")),
        }
    }

    fn text(&self) -> Vec<&str> {
        self.record.iter().collect()
    }
}

fn at_date(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
}

fn command(value: Value) -> Result<Command, String> {
    Command::from_json(&value.to_string()).map_err(|e| e.to_string())
}

fn context(command_id: String, at: DateTime<Utc>) -> Context {
    Context {
        at,
        command_id,
        expected_version: None,
        actor: None,
    }
}

fn insert(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), Value::String(v.to_owned()));
    }
}

/// A group of rows making one document (an order, a receipt, a transfer,
/// a voucher): the first row's line, its head cells, its lines and the
/// text of all its rows (for the command id's hash).
struct Group {
    key: String,
    line: usize,
    head: Vec<Option<String>>,
    date: NaiveDate,
    lines: Vec<Value>,
    extra: Vec<Value>,
    text: Vec<String>,
}

struct Mapper {
    kind: Kind,
    stem: String,
    at: DateTime<Utc>,
    out: Vec<Mapped>,
    groups: Vec<Group>,
    by_key: HashMap<String, usize>,
}

impl Mapper {
    fn new(kind: Kind, stem: String, at: DateTime<Utc>) -> Self {
        Self {
            kind,
            stem,
            at,
            out: Vec::new(),
            groups: Vec::new(),
            by_key: HashMap::new(),
        }
    }

    fn single(
        &mut self,
        row: &Row,
        key: &str,
        value: Value,
        at: DateTime<Utc>,
    ) -> Result<(), String> {
        let command = command(value)?;
        let hash = short_hash(&row.text());
        let id = format!("{}:{key}:{hash}", self.stem);
        self.out.push(Mapped {
            command,
            context: context(id, at),
            line: row.line,
        });
        Ok(())
    }

    /// Adds a row to the group `key`, checking that the head columns agree
    /// with the group's first row.
    fn group(
        &mut self,
        row: &Row,
        key: &str,
        head: &[&str],
        date: NaiveDate,
    ) -> Result<usize, String> {
        let cells: Vec<Option<String>> =
            head.iter().map(|h| row.get(h).map(str::to_owned)).collect();
        let text = row.text().join("\u{1f}");
        if let Some(&i) = self.by_key.get(key) {
            let group = &mut self.groups[i];
            for ((name, ours), theirs) in head.iter().zip(&cells).zip(&group.head) {
                if ours != theirs {
                    return Err(format!(
                        "{name} {:?} differs from {:?} on line {} of the same {key}",
                        ours.as_deref().unwrap_or(""),
                        theirs.as_deref().unwrap_or(""),
                        group.line
                    ));
                }
            }
            group.text.push(text);
            return Ok(i);
        }
        self.by_key.insert(key.to_owned(), self.groups.len());
        self.groups.push(Group {
            key: key.to_owned(),
            line: row.line,
            head: cells,
            date,
            lines: Vec::new(),
            extra: Vec::new(),
            text: vec![text],
        });
        Ok(self.groups.len() - 1)
    }

    fn row(&mut self, row: &Row) -> Result<(), String> {
        match self.kind {
            Kind::Skus => {
                let code = row.req("code")?;
                let mut spec = Map::new();
                spec.insert("type".into(), json!("define_sku"));
                insert(&mut spec, "code", Some(code));
                insert(&mut spec, "name", Some(row.req("name")?));
                insert(&mut spec, "base_unit", row.get("base_unit"));
                insert(&mut spec, "weight_kg", row.decimal("weight_kg", false)?);
                match (
                    row.decimal("length_cm", false)?,
                    row.decimal("width_cm", false)?,
                    row.decimal("height_cm", false)?,
                ) {
                    (None, None, None) => {}
                    (Some(l), Some(w), Some(h)) => {
                        spec.insert(
                            "dimensions_cm".into(),
                            json!({"length": l, "width": w, "height": h}),
                        );
                    }
                    _ => {
                        return Err("give all of length_cm, width_cm and height_cm, or none".into());
                    }
                }
                insert(&mut spec, "hs_code", row.get("hs_code"));
                insert(&mut spec, "country_of_origin", row.get("country_of_origin"));
                insert(&mut spec, "category", row.get("category"));
                match (
                    row.decimal("declared_value", false)?,
                    row.get("declared_currency"),
                ) {
                    (None, None) => {}
                    (Some(amount), Some(currency)) => {
                        spec.insert(
                            "declared_value".into(),
                            json!({"amount": amount, "currency": currency}),
                        );
                    }
                    _ => return Err("give declared_value with declared_currency".into()),
                }
                if row.flag("lot_tracked", false)? {
                    spec.insert("lot_tracked".into(), json!(true));
                }
                if let Some(days) = row.number::<u32>("shelf_life_days")? {
                    spec.insert("shelf_life_days".into(), json!(days));
                }
                let at = self.at;
                self.single(row, code, Value::Object(spec), at)
            }
            Kind::Locations => {
                let code = row.req("code")?;
                let mut spec = Map::new();
                spec.insert("type".into(), json!("define_location"));
                insert(&mut spec, "code", Some(code));
                insert(&mut spec, "name", Some(row.req("name")?));
                insert(
                    &mut spec,
                    "kind",
                    Some(&row.req("kind")?.to_ascii_lowercase().replace('-', "_")),
                );
                insert(&mut spec, "country", row.get("country"));
                insert(&mut spec, "valuation_scope", row.get("valuation_scope"));
                let at = self.at;
                self.single(row, code, Value::Object(spec), at)
            }
            Kind::Suppliers => {
                let code = row.req("code")?;
                let mut spec = Map::new();
                spec.insert("type".into(), json!("define_supplier"));
                insert(&mut spec, "code", Some(code));
                insert(&mut spec, "name", Some(row.req("name")?));
                insert(&mut spec, "currency", Some(row.req("currency")?));
                if let Some(days) = row.number::<u32>("payment_terms_days")? {
                    spec.insert("payment_terms_days".into(), json!(days));
                }
                let at = self.at;
                self.single(row, code, Value::Object(spec), at)
            }
            Kind::PurchaseOrders => {
                let po = row.req("po")?;
                let date = row.date("date")?.ok_or("date is empty")?;
                let quantity = row.quantity("quantity")?;
                let mut line = Map::new();
                insert(&mut line, "sku", Some(row.req("sku")?));
                line.insert("quantity".into(), json!(quantity));
                line.insert(
                    "unit_price".into(),
                    json!({"amount": row.decimal("unit_price", false)?.ok_or("unit_price is empty")?, "currency": row.req("currency")?}),
                );
                insert(&mut line, "destination", Some(row.req("destination")?));
                if let Some(expected) = row.date("expected_date")? {
                    line.insert("expected_date".into(), json!(expected));
                }
                row.flag("confirm", true)?;
                row.decimal("fixed_rate", false)?;
                let i = self.group(
                    row,
                    po,
                    &["supplier", "date", "currency", "fixed_rate", "confirm"],
                    date,
                )?;
                self.groups[i].lines.push(Value::Object(line));
                Ok(())
            }
            Kind::Receipts => {
                let receipt = row.req("receipt")?;
                let date = row.date("date")?.ok_or("date is empty")?;
                row.req("po")?;
                let mut line = Map::new();
                line.insert(
                    "line".into(),
                    json!(row.number::<u32>("line")?.ok_or("line is empty")?),
                );
                line.insert("quantity".into(), json!(row.quantity("quantity")?));
                insert(&mut line, "bucket", row.get("bucket"));
                insert(&mut line, "lot", row.get("lot"));
                if let Some(expiry) = row.date("expiry")? {
                    line.insert("expiry".into(), json!(expiry));
                }
                insert(&mut line, "damage_reason", row.get("damage_reason"));
                let i = self.group(row, receipt, &["po", "date"], date)?;
                self.groups[i].lines.push(Value::Object(line));
                Ok(())
            }
            Kind::Transfers => {
                let transfer = row.req("transfer")?;
                let date = row.date("date")?.ok_or("date is empty")?;
                row.req("source")?;
                row.req("destination")?;
                row.date("eta")?;
                row.date("ship_date")?;
                let mut line = Map::new();
                insert(&mut line, "sku", Some(row.req("sku")?));
                line.insert("quantity".into(), json!(row.quantity("quantity")?));
                insert(&mut line, "lot", row.get("lot"));
                let i = self.group(
                    row,
                    transfer,
                    &[
                        "source",
                        "destination",
                        "date",
                        "carrier",
                        "tracking",
                        "eta",
                        "ship_date",
                    ],
                    date,
                )?;
                self.groups[i].lines.push(Value::Object(line));
                Ok(())
            }
            Kind::LandedCosts => {
                let voucher = row.req("voucher")?;
                let date = row.date("date")?.ok_or("date is empty")?;
                let mut charge = Map::new();
                insert(&mut charge, "description", Some(row.req("description")?));
                insert(
                    &mut charge,
                    "kind",
                    row.get("kind").map(str::to_ascii_lowercase).as_deref(),
                );
                charge.insert(
                    "amount".into(),
                    json!({"amount": row.decimal("amount", true)?.ok_or("amount is empty")?, "currency": row.req("currency")?}),
                );
                insert(&mut charge, "rate", row.decimal("rate", false)?);
                insert(&mut charge, "account", Some(row.req("account")?));
                insert(
                    &mut charge,
                    "method",
                    Some(&row.req("method")?.to_ascii_lowercase().replace('-', "_")),
                );
                if let Some(divisor) = row.number::<u32>("divisor")? {
                    charge.insert("divisor".into(), json!(divisor));
                }
                let line = row.number::<u32>("line")?.ok_or("line is empty")?;
                let target = match row.req("target_type")?.to_ascii_lowercase().as_str() {
                    "receipt" => {
                        json!({"type": "receipt", "receipt": row.req("target")?, "line": line})
                    }
                    "transfer" => {
                        json!({"type": "transfer", "transfer": row.req("target")?, "line": line})
                    }
                    other => {
                        return Err(format!("target_type {other:?} is not receipt or transfer"));
                    }
                };
                let i = self.group(row, voucher, &["date"], date)?;
                let group = &mut self.groups[i];
                let charge = Value::Object(charge);
                if !group.lines.contains(&charge) {
                    group.lines.push(charge);
                }
                if !group.extra.contains(&target) {
                    group.extra.push(target);
                }
                Ok(())
            }
        }
    }

    fn finish(mut self) -> Result<Vec<Mapped>, Vec<RowError>> {
        let mut errors = Vec::new();
        let groups = std::mem::take(&mut self.groups);
        for group in groups {
            if let Err(reason) = self.emit(&group) {
                errors.push(RowError {
                    line: group.line,
                    reason,
                });
            }
        }
        if errors.is_empty() {
            Ok(self.out)
        } else {
            Err(errors)
        }
    }

    fn emit(&mut self, group: &Group) -> Result<(), String> {
        let texts: Vec<&str> = group.text.iter().map(String::as_str).collect();
        let base = format!("{}:{}:{}", self.stem, group.key, short_hash(&texts));
        let at = at_date(group.date);
        let head = |i: usize| group.head.get(i).cloned().flatten();
        let push = |out: &mut Vec<Mapped>, suffix: &str, value: Value, at| -> Result<(), String> {
            let command = command(value)?;
            out.push(Mapped {
                command,
                context: context(format!("{base}/{suffix}"), at),
                line: group.line,
            });
            Ok(())
        };
        match self.kind {
            Kind::PurchaseOrders => {
                let mut spec = Map::new();
                spec.insert("type".into(), json!("create_purchase_order"));
                spec.insert("po".into(), json!(group.key));
                spec.insert("supplier".into(), json!(head(0)));
                spec.insert("date".into(), json!(group.date));
                spec.insert("lines".into(), Value::Array(group.lines.clone()));
                insert(&mut spec, "fixed_rate", head(3).as_deref());
                push(&mut self.out, "create", Value::Object(spec), at)?;
                let confirm = !matches!(
                    head(4).map(|s| s.to_ascii_lowercase()).as_deref(),
                    Some("false" | "no" | "n" | "0")
                );
                if confirm {
                    push(
                        &mut self.out,
                        "confirm",
                        json!({"type": "confirm_purchase_order", "po": group.key}),
                        at,
                    )?;
                }
            }
            Kind::Receipts => {
                let value = json!({"type": "receive_purchase_order", "po": head(0), "receipt": group.key, "lines": group.lines});
                push(&mut self.out, "receive", value, at)?;
            }
            Kind::Transfers => {
                let mut spec = Map::new();
                spec.insert("type".into(), json!("create_transfer"));
                spec.insert("transfer".into(), json!(group.key));
                spec.insert("source".into(), json!(head(0)));
                spec.insert("destination".into(), json!(head(1)));
                spec.insert("lines".into(), Value::Array(group.lines.clone()));
                insert(&mut spec, "carrier", head(3).as_deref());
                push(&mut self.out, "create", Value::Object(spec), at)?;
                push(
                    &mut self.out,
                    "approve",
                    json!({"type": "approve_transfer", "transfer": group.key}),
                    at,
                )?;
                if let Some(ship) = head(6) {
                    let ship_date = NaiveDate::parse_from_str(&ship, "%Y-%m-%d")
                        .map_err(|_| format!("ship_date {ship:?} is not a date"))?;
                    let mut shipment = Map::new();
                    insert(&mut shipment, "carrier", head(3).as_deref());
                    insert(&mut shipment, "tracking", head(4).as_deref());
                    insert(&mut shipment, "eta", head(5).as_deref());
                    let value = json!({"type": "ship_transfer", "transfer": group.key, "shipment": shipment});
                    push(&mut self.out, "ship", value, at_date(ship_date))?;
                }
            }
            Kind::LandedCosts => {
                let value = json!({
                    "type": "apply_landed_cost", "voucher": group.key, "date": group.date,
                    "charges": group.lines, "targets": group.extra,
                });
                push(&mut self.out, "apply", value, at)?;
            }
            Kind::Skus | Kind::Locations | Kind::Suppliers => {}
        }
        Ok(())
    }
}
