//! `landed report`: the core's reports as tables, JSON or CSV.

use landed::report::{ProfitGroup, ProfitQuery};
use landed::{Book, Event, NaiveDate};
use serde::Serialize;

use crate::table::Table;
use crate::{Failure, Format, Outcome, ReportKind};

/// Options of `landed report`.
pub struct Options {
    /// Report date.
    pub as_of: Option<String>,
    /// Start of the profit period.
    pub from: Option<String>,
    /// Profit grouping.
    pub group_by: String,
}

fn date(text: &str) -> Outcome<NaiveDate> {
    landed::parse_date(text)
        .map_err(|_| Failure::new(format!("{text:?} is not a date (YYYY-MM-DD)")))
}

/// The report date: given, or the date of the book's last event (the
/// first event's for `first`), or 1970-01-01 for an empty book.
pub fn as_of(book: &Book, given: Option<&str>) -> Outcome<NaiveDate> {
    match given {
        Some(text) => date(text),
        None => Ok(book
            .events()
            .last()
            .map(|e| e.at.date_naive())
            .unwrap_or_default()),
    }
}

fn first_date(book: &Book) -> NaiveDate {
    book.events()
        .first()
        .map(|e| e.at.date_naive())
        .unwrap_or_default()
}

/// SKU codes in the order they were defined.
pub fn sku_codes(book: &Book) -> Vec<String> {
    book.events()
        .iter()
        .filter_map(|e| match &e.event {
            Event::SkuDefined(spec) => Some(spec.code.clone()),
            _ => None,
        })
        .collect()
}

/// Counts of what the book holds, for `landed verify`.
pub fn counts(book: &Book) -> Vec<(&'static str, usize)> {
    let mut counts = [
        ("skus", 0),
        ("locations", 0),
        ("suppliers", 0),
        ("orders", 0),
        ("transfers", 0),
        ("entries", 0),
    ];
    for record in book.events() {
        let slot = match &record.event {
            Event::SkuDefined(_) => 0,
            Event::LocationDefined { .. } => 1,
            Event::SupplierDefined(_) => 2,
            Event::PurchaseOrderCreated(_) => 3,
            Event::TransferCreated(_) => 4,
            Event::JournalPosted(_) => 5,
            _ => continue,
        };
        counts[slot].1 += 1;
    }
    counts.to_vec()
}

fn json<T: Serialize + ?Sized>(value: &T) -> Outcome<String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Failure::new(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

fn s<T: ToString>(value: T) -> String {
    value.to_string()
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn out(table: &Table, format: Format) -> Outcome<String> {
    match format {
        Format::Csv => table.csv(),
        _ => Ok(table.aligned()),
    }
}

/// Renders one report.
pub fn render(book: &Book, kind: ReportKind, format: Format, options: &Options) -> Outcome<String> {
    let as_of = as_of(book, options.as_of.as_deref())?;
    match kind {
        ReportKind::Stock => {
            let reports = sku_codes(book)
                .iter()
                .map(|code| book.stock(code))
                .collect::<Result<Vec<_>, _>>()?;
            if format == Format::Json {
                return json(&reports);
            }
            let mut t = Table::new(&[
                "sku",
                "on_order",
                "in_transit",
                "available",
                "committed",
                "reserved",
                "damaged",
                "on_hand",
            ]);
            for r in &reports {
                let b = &r.totals;
                t.row(vec![
                    r.sku.clone(),
                    s(b.on_order),
                    s(b.in_transit),
                    s(b.available),
                    s(b.committed),
                    s(b.reserved),
                    s(b.damaged),
                    s(r.on_hand),
                ]);
            }
            out(&t, format)
        }
        ReportKind::Transit => {
            let report = book.in_transit(as_of)?;
            if format == Format::Json {
                return json(&report);
            }
            let mut t = Table::new(&[
                "document", "kind", "from", "to", "status", "carrier", "shipped", "eta", "days",
                "units", "value",
            ]);
            for l in &report.shipments {
                t.row(vec![
                    l.document.clone(),
                    l.kind.clone(),
                    l.from.clone(),
                    l.destination.clone(),
                    l.status.clone(),
                    opt(l.carrier.as_ref()),
                    opt(l.shipped_on),
                    opt(l.eta),
                    s(l.days_in_transit),
                    s(l.units),
                    s(l.value.amount),
                ]);
            }
            if format == Format::Table {
                t.row(vec![
                    "total".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    s(report.shipments.iter().map(|l| l.units).sum::<i64>()),
                    s(report.total_value.amount),
                ]);
            }
            out(&t, format)
        }
        ReportKind::Valuation => {
            let lines = book.valuation(None)?;
            if format == Format::Json {
                return json(&lines);
            }
            let mut t = Table::new(&[
                "sku",
                "location",
                "quantity",
                "unit_cost",
                "value",
                "currency",
            ]);
            for l in &lines {
                t.row(vec![
                    l.sku.clone(),
                    l.location.clone(),
                    s(l.quantity),
                    s(l.unit_cost.amount),
                    s(l.value.amount),
                    l.value.currency.code().to_owned(),
                ]);
            }
            if format == Format::Table {
                let value = book.inventory_value();
                t.row(vec![
                    "total".into(),
                    String::new(),
                    s(lines.iter().map(|l| l.quantity).sum::<i64>()),
                    String::new(),
                    s(value.amount),
                    value.currency.code().to_owned(),
                ]);
            }
            out(&t, format)
        }
        ReportKind::LandedCost => {
            let report = book.landed_cost(None)?;
            if format == Format::Json {
                return json(&report);
            }
            let mut t = Table::new(&[
                "sku",
                "quantity",
                "purchase",
                "freight",
                "duty",
                "insurance",
                "other",
                "total",
                "per_unit",
            ]);
            for l in &report.skus {
                let c = &l.total;
                t.row(vec![
                    l.sku.clone(),
                    s(l.quantity),
                    s(c.purchase.amount),
                    s(c.freight.amount),
                    s(c.duty.amount),
                    s(c.insurance.amount),
                    s(c.other.amount),
                    s(c.total.amount),
                    s(l.per_unit.total.amount),
                ]);
            }
            out(&t, format)
        }
        ReportKind::Profit => {
            let group = match options.group_by.to_ascii_lowercase().as_str() {
                "order" => ProfitGroup::Order,
                "sku" => ProfitGroup::Sku,
                "channel" => ProfitGroup::Channel,
                "month" => ProfitGroup::Month,
                other => {
                    return Err(Failure::new(format!(
                        "--group-by {other:?}: order, sku, channel or month"
                    )));
                }
            };
            let from = match &options.from {
                Some(text) => date(text)?,
                None => first_date(book),
            };
            let report = book.profit(&ProfitQuery::new(from, as_of, group))?;
            if format == Format::Json {
                return json(&report);
            }
            let mut t = Table::new(&[
                "key",
                "revenue",
                "shipping",
                "returns",
                "cogs",
                "return_losses",
                "fees",
                "advertising",
                "reimbursements",
                "fx",
                "profit",
            ]);
            let mut add = |key: String, f: &landed::report::ProfitFigures| {
                t.row(vec![
                    key,
                    s(f.revenue),
                    s(f.shipping),
                    s(f.sales_returns),
                    s(f.cogs),
                    s(f.return_losses),
                    s(f.fees),
                    s(f.advertising),
                    s(f.reimbursements),
                    s(f.fx),
                    s(f.profit),
                ]);
            };
            for l in &report.lines {
                add(l.key.clone().unwrap_or_else(|| "(none)".into()), &l.figures);
            }
            if format == Format::Table {
                add("total".into(), &report.total);
            }
            out(&t, format)
        }
        ReportKind::TrialBalance => {
            let tb = book.trial_balance(as_of, None);
            match format {
                Format::Json => Ok(landed_connect::export::trial_balance_json(&tb)? + "\n"),
                Format::Csv => Ok(landed_connect::export::trial_balance_csv(&tb)?),
                Format::Table => {
                    let mut t = Table::new(&["account", "name", "debit", "credit", "balance"]);
                    for l in &tb.lines {
                        t.row(vec![
                            l.account.clone(),
                            l.name.clone(),
                            s(l.debit.amount),
                            s(l.credit.amount),
                            s(l.balance.amount),
                        ]);
                    }
                    t.row(vec![
                        "total".into(),
                        String::new(),
                        s(tb.total_debit.amount),
                        s(tb.total_credit.amount),
                        String::new(),
                    ]);
                    Ok(t.aligned())
                }
            }
        }
        ReportKind::Journal => {
            let journal = book.journal();
            let functional = book.config().functional_currency;
            match format {
                Format::Json => Ok(landed_connect::export::journal_json(&journal)? + "\n"),
                Format::Csv => Ok(landed_connect::export::journal_csv(&journal, functional)?),
                Format::Table => {
                    let mut t = Table::new(&[
                        "entry", "date", "memo", "account", "debit", "credit", "sku", "location",
                    ]);
                    for e in &journal {
                        for l in &e.lines {
                            t.row(vec![
                                s(e.id),
                                s(e.date),
                                e.memo.to_string(),
                                l.account.to_string(),
                                s(l.debit),
                                s(l.credit),
                                opt(l.dimensions.sku.as_deref()),
                                opt(l.dimensions.location.as_deref()),
                            ]);
                        }
                    }
                    Ok(t.aligned())
                }
            }
        }
        ReportKind::Reconcile => {
            let lines = book.reconciliation();
            if format == Format::Json {
                return json(&lines);
            }
            let mut t = Table::new(&[
                "scope",
                "locations",
                "subledger",
                "ledger",
                "difference",
                "net",
            ]);
            for l in &lines {
                t.row(vec![
                    l.scope.clone(),
                    l.locations.join(" "),
                    s(l.subledger.amount),
                    s(l.ledger.amount),
                    s(l.difference.amount),
                    s(l.net.amount),
                ]);
            }
            out(&t, format)
        }
    }
}
