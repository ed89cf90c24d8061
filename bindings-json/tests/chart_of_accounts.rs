//! `docs/chart-of-accounts.md` is generated from the code, and this test
//! fails when the document differs from what the code gives today.
//!
//! - The accounts table comes from the default chart
//!   (`landed::ledger::ChartSpec::standard()`): each account's code, name and
//!   type, and the roles its posting rules give it.
//! - The posting table is not copied from the posting code (which is
//!   private): each row runs one business event through a [`JsonBook`] with
//!   the standard chart and reads the accounts of the voucher it posted.
//!   The row's label and command are written here; its debit and credit
//!   columns are whatever the book posted.
//!
//! Only the text between the `<!-- generated: … -->` and `<!-- end: … -->`
//! markers is generated; the prose around the tables is the document's own.
//! Regenerate the tables with:
//!
//! ```text
//! UPDATE_DOCS=1 cargo test -p landed-json --test chart_of_accounts
//! ```

use landed::ledger::{AccountRole, ChartSpec};
use landed_json::JsonBook;
use serde_json::Value;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/chart-of-accounts.md");

/// The accounts table: code, name, type and role(s), in code order.
fn accounts_table() -> String {
    let chart = ChartSpec::standard();
    let mut accounts = chart.accounts.clone();
    accounts.sort_by(|a, b| a.code.cmp(&b.code));
    let mut out = String::from("| code | name | type | role |\n|---|---|---|---|\n");
    for account in accounts {
        let kind = serde_json::to_value(account.account_type).unwrap();
        let roles: Vec<String> = chart
            .rules
            .iter()
            .filter(|rule| rule.account == account.code)
            .map(|rule| {
                assert!(
                    rule.location.is_none()
                        && rule.location_kind.is_none()
                        && rule.channel.is_none()
                        && rule.category.is_none(),
                    "the standard chart has conditional rules now: show their conditions"
                );
                let only_with_write_down = AccountRole::WRITE_DOWN.contains(&rule.role);
                let note = if only_with_write_down {
                    " (books with `damage_write_down`)"
                } else {
                    ""
                };
                format!("`{}`{note}", rule.role.name())
            })
            .collect();
        let roles = if roles.is_empty() {
            "—".to_owned()
        } else {
            roles.join(", ")
        };
        out += &format!(
            "| {} | {} | {} | {roles} |\n",
            account.code,
            account.name,
            kind.as_str().unwrap()
        );
    }
    out
}

/// Master data every scenario starts from: a USD book with an own
/// warehouse and a 3PL, one SKU, a supplier in EUR and a EUR rate.
const SETUP: &[&str] = &[
    r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
    r#"{"type":"define_location","code":"DE","name":"Germany 3PL","kind":"third_party"}"#,
    r#"{"type":"define_sku","code":"A","name":"Lamp","weight_kg":"1"}"#,
    r#"{"type":"define_supplier","code":"F1","name":"Factory","currency":"EUR"}"#,
    r#"{"type":"record_rates","entries":[{"base":"EUR","quote":"USD","date":"2026-11-01","rate":"1.10"}]}"#,
];
const RECEIVE: &str = r#"{"type":"receive","sku":"A","location":"SZ","quantity":10,"unit_cost":{"amount":"10.00","currency":"USD"}}"#;
const ORDER: &str = r#"{"type":"create_purchase_order","po":"PO-1","supplier":"F1","date":"2026-11-01","lines":[{"sku":"A","quantity":10,"unit_price":{"amount":"10.00","currency":"EUR"},"destination":"SZ"}]}"#;
const CONFIRM: &str = r#"{"type":"confirm_purchase_order","po":"PO-1"}"#;
const GRN: &str = r#"{"type":"receive_purchase_order","po":"PO-1","receipt":"GRN-1","lines":[{"line":1,"quantity":10}]}"#;
const SELL_ALL: &str =
    r#"{"type":"issue","sku":"A","location":"SZ","quantity":10,"reason":"sale"}"#;
const TRANSFER: &str = r#"{"type":"create_transfer","transfer":"T-1","source":"SZ","destination":"DE","lines":[{"sku":"A","quantity":4}]}"#;
const APPROVE: &str = r#"{"type":"approve_transfer","transfer":"T-1"}"#;
const SHIP: &str = r#"{"type":"ship_transfer","transfer":"T-1"}"#;
const FREIGHT_ON_GRN: &str = r#"{"type":"apply_landed_cost","voucher":"LC-1","date":"2026-11-03","charges":[{"description":"Freight","kind":"freight","amount":{"amount":"8.00","currency":"USD"},"account":"2200","method":"quantity"}],"targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}"#;
const FREIGHT_ON_TRANSFER: &str = r#"{"type":"apply_landed_cost","voucher":"LC-1","date":"2026-11-03","charges":[{"description":"Freight","kind":"freight","amount":{"amount":"8.00","currency":"USD"},"account":"2200","method":"quantity"}],"targets":[{"type":"transfer","transfer":"T-1","line":1}]}"#;
const DUTY_ON_GRN: &str = r#"{"type":"apply_landed_cost","voucher":"LC-1","date":"2026-11-03","charges":[{"description":"Duty","kind":"duty","amount":{"amount":"8.00","currency":"USD"},"account":"2300","method":"value"}],"targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}"#;
const ACCRUE_FREIGHT: &str = r#"{"type":"accrue_landed_cost","document":"FRT-1","date":"2026-11-02","description":"Freight","kind":"freight","amount":{"amount":"8.00","currency":"USD"},"account":"2200"}"#;
const FREIGHT_FROM_CLEARING: &str = r#"{"type":"apply_landed_cost","voucher":"LC-1","date":"2026-11-03","clears":"FRT-1","charges":[{"description":"Freight","kind":"freight","amount":{"amount":"8.00","currency":"USD"},"account":"1450","method":"quantity"}],"targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}"#;
const RECEIVED_ORDER_ACCRUED: &[&str] = &[ORDER, CONFIRM, GRN, ACCRUE_FREIGHT];
const MATCH_AT_PRICE: &str = r#"{"type":"match_supplier_invoice","document":"SINV-1","supplier":"F1","date":"2026-11-02","rate":"1.10","lines":[{"receipt":"GRN-1","line":1,"quantity":10,"unit_price":{"amount":"10.00","currency":"EUR"}}]}"#;
const MATCH_ABOVE_PRICE: &str = r#"{"type":"match_supplier_invoice","document":"SINV-1","supplier":"F1","date":"2026-11-02","rate":"1.10","lines":[{"receipt":"GRN-1","line":1,"quantity":10,"unit_price":{"amount":"11.00","currency":"EUR"}}]}"#;
const CUSTOMER_INVOICE: &str = r#"{"type":"record_invoice","document":"INV-1","kind":"customer_invoice","party":"Amazon EU","date":"2026-11-02","amount":{"amount":"100.00","currency":"EUR"},"rate":"1.10"}"#;
const CUSTOMER_CREDIT_NOTE: &str = r#"{"type":"record_invoice","document":"CN-1","kind":"customer_credit_note","party":"Amazon EU","date":"2026-11-03","amount":{"amount":"20.00","currency":"EUR"},"rate":"1.10"}"#;
const SUPPLIER_CREDIT_NOTE: &str = r#"{"type":"record_invoice","document":"SCN-1","kind":"supplier_credit_note","party":"F1","date":"2026-11-03","amount":{"amount":"20.00","currency":"EUR"},"rate":"1.10"}"#;
const SUPPLIER_INVOICE: &str = r#"{"type":"record_invoice","document":"SINV-1","kind":"supplier_invoice","party":"F1","date":"2026-11-02","amount":{"amount":"100.00","currency":"EUR"},"rate":"1.10"}"#;
const TO_DAMAGED: &str =
    r#"{"type":"move","sku":"A","location":"SZ","quantity":2,"from":"available","to":"damaged"}"#;

const REVALUE_UP: &str = r#"{"type":"revalue","date":"2026-11-30","rates":{"EUR":"1.15"}}"#;
const POST_COUNT: &str = r#"{"type":"post_stocktake","stocktake":"ST-1"}"#;

const WRITE_DOWN: &str = r#""damage_write_down":true"#;

// What a row's event needs first, after `SETUP`.
const NOTHING: &[&str] = &[];
const STOCK: &[&str] = &[RECEIVE];
const RECEIVED_ORDER: &[&str] = &[ORDER, CONFIRM, GRN];
const SOLD_ORDER: &[&str] = &[ORDER, CONFIRM, GRN, SELL_ALL];
const SHIPPED: &[&str] = &[RECEIVE, TRANSFER, APPROVE, SHIP];
const DAMAGED: &[&str] = &[RECEIVE, TO_DAMAGED];
const CHANNEL: &str = r#"{"type":"define_channel","code":"web","name":"Web shop","kind":"own_site","currency":"USD","locations":[{"location":"SZ"}]}"#;
const LISTING: &str = r#"{"type":"define_listing","channel":"web","listing":"lamp","sku":"A"}"#;
const SALES_ORDER: &str = r#"{"type":"ingest_sales_order","channel":"web","order":"W-1","date":"2026-11-02",
    "lines":[{"line":"1","listing":"lamp","quantity":2,"unit_price":"30.00","shipping":"5.00","tax":"3.00"}]}"#;
const MARKETPLACE_ORDER: &str = r#"{"type":"ingest_sales_order","channel":"web","order":"W-1","date":"2026-11-02",
    "lines":[{"line":"1","listing":"lamp","quantity":2,"unit_price":"30.00","tax":"3.00","marketplace_tax":true}]}"#;
const SHIP_ORDER: &str =
    r#"{"type":"ship_sales_order","channel":"web","order":"W-1","shipment":"S-1"}"#;
const ORDERED: &[&str] = &[RECEIVE, CHANNEL, LISTING, SALES_ORDER];
const ORDERED_MARKETPLACE: &[&str] = &[RECEIVE, CHANNEL, LISTING, MARKETPLACE_ORDER];
const ORDER_SHIPPED: &[&str] = &[RECEIVE, CHANNEL, LISTING, SALES_ORDER, SHIP_ORDER];
const COUNTED_12: &[&str] = &[
    RECEIVE,
    OPEN_COUNT,
    r#"{"type":"record_count","stocktake":"ST-1","sku":"A","counted":12}"#,
];
const COUNTED_8: &[&str] = &[
    RECEIVE,
    OPEN_COUNT,
    r#"{"type":"record_count","stocktake":"ST-1","sku":"A","counted":8}"#,
];
const OPEN_COUNT: &str = r#"{"type":"open_stocktake","stocktake":"ST-1","location":"SZ"}"#;

/// One row of the posting table: a business event, the command that posts
/// it, and which of that command's vouchers the row shows.
struct Row {
    event: &'static str,
    command: &'static str,
    /// Extra configuration members (JSON, without braces).
    config: &'static str,
    /// The commands run first (after [`SETUP`]).
    before: &'static [&'static str],
    /// The command whose voucher the row shows.
    step: &'static str,
    voucher: usize,
}

const fn row(
    event: &'static str,
    command: &'static str,
    before: &'static [&'static str],
    step: &'static str,
) -> Row {
    Row {
        event,
        command,
        config: "",
        before,
        step,
        voucher: 0,
    }
}

impl Row {
    /// The row shows the command's second voucher.
    const fn second(mut self) -> Self {
        self.voucher = 1;
        self
    }

    /// The row's book has these configuration members too.
    const fn with(mut self, config: &'static str) -> Self {
        self.config = config;
        self
    }
}

const ROWS: &[Row] = &[
    row("Stock received with a unit cost", "`receive`", NOTHING, RECEIVE),
    row("Purchase order received (at the receipt date's rate)", "`receive_purchase_order`", &[ORDER, CONFIRM], GRN),
    row("Sale shipped", "`issue`, reason `sale`", STOCK, SELL_ALL),
    row("Goods destroyed or liquidated", "`issue`, reason `disposal`", STOCK,
        r#"{"type":"issue","sku":"A","location":"SZ","quantity":2,"reason":"disposal"}"#),
    row("Samples given away", "`issue`, reason `sample`", STOCK,
        r#"{"type":"issue","sku":"A","location":"SZ","quantity":2,"reason":"sample"}"#),
    row("Internal use", "`issue`, reason `internal_use`", STOCK,
        r#"{"type":"issue","sku":"A","location":"SZ","quantity":2,"reason":"internal_use"}"#),
    row("Stock found", "`adjust`, quantity above 0", STOCK,
        r#"{"type":"adjust","sku":"A","location":"SZ","quantity":2,"reason":"found"}"#),
    row("Stock lost", "`adjust`, quantity below 0", STOCK,
        r#"{"type":"adjust","sku":"A","location":"SZ","quantity":-2,"reason":"lost"}"#),
    row("Stocktake: counted more than the book", "`post_stocktake`", COUNTED_12, POST_COUNT),
    row("Stocktake: counted less than the book", "`post_stocktake`", COUNTED_8, POST_COUNT),
    row("Negative stock trued up by the next receipt (it cost more than the units issued early)",
        "`receive`, with `negative_stock: allow`",
        &[RECEIVE, r#"{"type":"issue","sku":"A","location":"SZ","quantity":12,"reason":"sale"}"#],
        r#"{"type":"receive","sku":"A","location":"SZ","quantity":10,"unit_cost":{"amount":"12.00","currency":"USD"}}"#)
        .with(r#""negative_stock":"allow""#).second(),
    row("Units moved between buckets (e.g. available to damaged)", "`move`", STOCK, TO_DAMAGED),
    row("Transfer shipped (调拨, into 在途)", "`ship_transfer`", &[RECEIVE, TRANSFER, APPROVE], SHIP),
    row("Transfer received: accepted or damaged units", "`receive_transfer`", SHIPPED,
        r#"{"type":"receive_transfer","transfer":"T-1","lines":[{"line":1,"accepted":3,"damaged":1}]}"#),
    row("Transfer received: short units written off", "`receive_transfer`, `short_to: loss` (or `close_transfer`)", SHIPPED,
        r#"{"type":"receive_transfer","transfer":"T-1","lines":[{"line":1,"accepted":3,"short":1,"short_to":"loss"}]}"#)
        .second(),
    row("Transfer received: short units claimed from the carrier", "`receive_transfer`, `short_to: claim`", SHIPPED,
        r#"{"type":"receive_transfer","transfer":"T-1","lines":[{"line":1,"accepted":3,"short":1,"short_to":"claim"}]}"#)
        .second(),
    row("Transfer received: more units than shipped (at the line's unit cost)", "`receive_transfer`", SHIPPED,
        r#"{"type":"receive_transfer","transfer":"T-1","lines":[{"line":1,"accepted":5}]}"#)
        .second(),
    row("Landed cost (到岸成本) on units on hand; freight charged to 2200", "`apply_landed_cost`", RECEIVED_ORDER, FREIGHT_ON_GRN),
    row("Landed cost on units in transit (头程 on a shipped transfer)", "`apply_landed_cost`", SHIPPED, FREIGHT_ON_TRANSFER),
    row("Landed cost on units already sold", "`apply_landed_cost`", SOLD_ORDER, FREIGHT_ON_GRN),
    row("Landed cost: duty charged to 2300", "`apply_landed_cost`", RECEIVED_ORDER, DUTY_ON_GRN),
    row("Landed-cost bill accrued before its units are known", "`accrue_landed_cost`", NOTHING, ACCRUE_FREIGHT),
    row("Accrued landed cost allocated to units on hand", "`apply_landed_cost` with `clears`", RECEIVED_ORDER_ACCRUED, FREIGHT_FROM_CLEARING),
    row("Supplier invoice matched at the received price and rate", "`match_supplier_invoice`", RECEIVED_ORDER, MATCH_AT_PRICE),
    row("Supplier invoice above the received value, units on hand", "`match_supplier_invoice`", RECEIVED_ORDER, MATCH_ABOVE_PRICE),
    row("Supplier invoice above the received value, units sold", "`match_supplier_invoice`", SOLD_ORDER, MATCH_ABOVE_PRICE),
    row("Supplier invoice above the received value, differences to variance",
        "`match_supplier_invoice`, with `trade.price_difference: variance`", RECEIVED_ORDER, MATCH_ABOVE_PRICE)
        .with(r#""trade":{"price_difference":"variance"}"#),
    row("Sales order shipped: cost of the units", "`ship_sales_order`", ORDERED, SHIP_ORDER),
    row("Sales order shipped: price less discount, shipping and output tax owed by the channel (an open item per shipment)",
        "`ship_sales_order` (second voucher)", ORDERED, SHIP_ORDER).second(),
    row("Sales order shipped, tax collected and remitted by the marketplace", "`ship_sales_order`, line `marketplace_tax`",
        ORDERED_MARKETPLACE, SHIP_ORDER).second(),
    row("Customer return, sellable or damaged: back in stock at the cost that went out", "`receive_sales_return`", ORDER_SHIPPED,
        r#"{"type":"receive_sales_return","channel":"web","order":"W-1","line":"1","quantity":1,"grade":"sellable","location":"SZ"}"#),
    row("Customer return disposed: its cost moves to return losses", "`receive_sales_return`, grade `disposed`", ORDER_SHIPPED,
        r#"{"type":"receive_sales_return","channel":"web","order":"W-1","line":"1","quantity":1,"grade":"disposed"}"#),
    row("Sales order refunded: revenue to sales returns, shipping and tax reversed, a credit note against the channel receivable",
        "`refund_sales_order`", ORDER_SHIPPED,
        r#"{"type":"refund_sales_order","channel":"web","order":"W-1","refund":"R-1","lines":[{"line":"1","principal":"30.00","shipping":"5.00","tax":"3.00"}]}"#),
    row("Channel fee of an order (referral, FBA, storage, advertising by kind): an expense, a credit note against the channel receivable",
        "`record_channel_fee`", ORDER_SHIPPED,
        r#"{"type":"record_channel_fee","channel":"web","fee":"F-1","kind":"referral","date":"2026-11-05","amount":"9.00","order":"W-1"}"#),
    row("Channel fee given back", "`record_channel_fee` with `refund`", ORDER_SHIPPED,
        r#"{"type":"record_channel_fee","channel":"web","fee":"F-1","kind":"referral","date":"2026-11-05","amount":"4.00","order":"W-1","refund":true}"#),
    row("Marketplace settlement: the order cleared, a fee deducted, a reimbursement, a reserve held, an unmatched row in suspense; the net on its way to the bank",
        "`record_marketplace_settlement`", ORDER_SHIPPED,
        r#"{"type":"record_marketplace_settlement","channel":"web","settlement":"P-1","date":"2026-11-15","rows":[{"kind":"order","order":"W-1","amount":"68.00"},{"kind":"fee","fee":"fba_fulfilment","order":"W-1","amount":"-6.00"},{"kind":"reimbursement","sku":"A","amount":"5.00"},{"kind":"reserve","amount":"-10.00"},{"kind":"adjustment","amount":"1.00"}]}"#),
    row("Customer or marketplace invoice", "`record_invoice`, kind `customer_invoice`", NOTHING, CUSTOMER_INVOICE),
    row("Supplier invoice recorded as a document, without receipt matching", "`record_invoice`, kind `supplier_invoice`", NOTHING, SUPPLIER_INVOICE),
    row("Customer pays at a higher rate than invoiced (realized gain)", "`record_settlement`", &[CUSTOMER_INVOICE],
        r#"{"type":"record_settlement","document":"INV-1","date":"2026-11-10","amount":{"amount":"100.00","currency":"EUR"},"rate":"1.12"}"#),
    row("Customer pays at a lower rate than invoiced (realized loss)", "`record_settlement`", &[CUSTOMER_INVOICE],
        r#"{"type":"record_settlement","document":"INV-1","date":"2026-11-10","amount":{"amount":"100.00","currency":"EUR"},"rate":"1.08"}"#),
    row("Supplier paid at a lower rate than invoiced (realized gain)", "`record_settlement`", &[SUPPLIER_INVOICE],
        r#"{"type":"record_settlement","document":"SINV-1","date":"2026-11-10","amount":{"amount":"100.00","currency":"EUR"},"rate":"1.08"}"#),
    row("Supplier paid at a higher rate than invoiced (realized loss)", "`record_settlement`", &[SUPPLIER_INVOICE],
        r#"{"type":"record_settlement","document":"SINV-1","date":"2026-11-10","amount":{"amount":"100.00","currency":"EUR"},"rate":"1.12"}"#),
    row("Customer credit note (refund, allowance)", "`record_invoice`, kind `customer_credit_note`", NOTHING, CUSTOMER_CREDIT_NOTE),
    row("Supplier credit note", "`record_invoice`, kind `supplier_credit_note`", NOTHING, SUPPLIER_CREDIT_NOTE),
    row("Customer credit note refunded (at a higher rate: realized loss)", "`record_settlement` of the credit note", &[CUSTOMER_CREDIT_NOTE],
        r#"{"type":"record_settlement","document":"CN-1","date":"2026-11-10","amount":{"amount":"20.00","currency":"EUR"},"rate":"1.12"}"#),
    row("One payment for an invoice net of a credit note (realized gain and loss)", "`record_payment`", &[CUSTOMER_INVOICE, CUSTOMER_CREDIT_NOTE],
        r#"{"type":"record_payment","date":"2026-11-10","amount":{"amount":"80.00","currency":"EUR"},"rate":"1.12","allocations":[{"document":"INV-1"},{"document":"CN-1"}]}"#),
    row("Credit note offset against an invoice, no money moving", "`record_payment` of amount zero", &[CUSTOMER_INVOICE, CUSTOMER_CREDIT_NOTE],
        r#"{"type":"record_payment","date":"2026-11-10","amount":{"amount":"0.00","currency":"EUR"},"rate":"1.12","allocations":[{"document":"INV-1","amount":{"amount":"20.00","currency":"EUR"}},{"document":"CN-1"}]}"#),
    row("Supplier paid from a bank in another currency (realized gain)", "`record_settlement` with `bank_amount`", &[SUPPLIER_INVOICE],
        r#"{"type":"record_settlement","document":"SINV-1","date":"2026-11-10","amount":{"amount":"100.00","currency":"EUR"},"bank_amount":{"amount":"108.00","currency":"USD"},"rate":"1"}"#),
    row("Revaluation: receivable worth more at the closing rate", "`revalue`", &[CUSTOMER_INVOICE], REVALUE_UP),
    row("Revaluation: receivable worth less at the closing rate", "`revalue`", &[CUSTOMER_INVOICE],
        r#"{"type":"revalue","date":"2026-11-30","rates":{"EUR":"1.05"}}"#),
    row("Revaluation: payable heavier at the closing rate", "`revalue`", &[SUPPLIER_INVOICE], REVALUE_UP),
    row("Revaluation reversed the next day (here of a receivable worth more)", "`revalue` (second voucher)", &[CUSTOMER_INVOICE], REVALUE_UP)
        .second(),
    row("Units moved into the damaged bucket, written down", "`move`, with `damage_write_down`", STOCK, TO_DAMAGED)
        .with(WRITE_DOWN),
    row("Units received damaged, written down (after the receipt's voucher)", "`receive` into `damaged`, with `damage_write_down`", NOTHING,
        r#"{"type":"receive","sku":"A","location":"SZ","quantity":10,"bucket":"damaged","unit_cost":{"amount":"10.00","currency":"USD"}}"#)
        .with(WRITE_DOWN).second(),
    row("Damaged units moved back to available: write-down reversed", "`move`, with `damage_write_down`", DAMAGED,
        r#"{"type":"move","sku":"A","location":"SZ","quantity":2,"from":"damaged","to":"available"}"#)
        .with(WRITE_DOWN),
    row("Written-down units issued: the allowance goes with them", "`issue` from `damaged`, with `damage_write_down`", DAMAGED,
        r#"{"type":"issue","sku":"A","location":"SZ","quantity":2,"bucket":"damaged","reason":"disposal"}"#)
        .with(WRITE_DOWN),
];

/// Whether a decimal string is zero (`"0.00"`).
fn is_zero(text: &str) -> bool {
    text.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
}

/// Runs a row's commands on a fresh standard-chart book; returns the
/// vouchers (`journal_posted` events) of the last command.
fn vouchers(row: &Row) -> Vec<Value> {
    let config = if row.config.is_empty() {
        r#"{"functional_currency":"USD"}"#.to_owned()
    } else {
        format!(r#"{{"functional_currency":"USD",{}}}"#, row.config)
    };
    let mut book = JsonBook::new(&config).expect("the row's book");
    let mut outcome = String::new();
    for (i, command) in SETUP
        .iter()
        .chain(row.before)
        .chain([&row.step])
        .enumerate()
    {
        let context = format!(r#"{{"at":"2026-11-02T09:{i:02}:00Z","command_id":"c{i}"}}"#);
        outcome = book
            .execute(command, &context)
            .unwrap_or_else(|e| panic!("{}: step {i} refused: {} {e}", row.event, e.code()));
    }
    let outcome: Value = serde_json::from_str(&outcome).unwrap();
    outcome["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|record| &record["event"])
        .filter(|event| event["type"] == "journal_posted")
        .cloned()
        .collect()
}

/// The posting table: each row's event, command, and the accounts its
/// voucher debited and credited, named from the chart.
fn postings_table() -> String {
    let chart = ChartSpec::standard();
    let name = |code: &str| {
        let account = chart.accounts.iter().find(|a| a.code == code);
        format!("{code} {}", account.map_or("?", |a| a.name.as_str()))
    };
    let mut out =
        String::from("| business event | command | debit | credit |\n|---|---|---|---|\n");
    for row in ROWS {
        let vouchers = vouchers(row);
        let (mut debits, mut credits) = (Vec::new(), Vec::new());
        if let Some(entry) = vouchers.get(row.voucher) {
            for line in entry["lines"].as_array().unwrap() {
                let account = name(line["account"].as_str().unwrap());
                let side = if is_zero(line["debit"].as_str().unwrap()) {
                    &mut credits
                } else {
                    &mut debits
                };
                if !side.contains(&account) {
                    side.push(account);
                }
            }
        } else {
            assert!(
                vouchers.is_empty() && row.voucher == 0,
                "{}: no voucher {}",
                row.event,
                row.voucher
            );
        }
        let cell = |accounts: Vec<String>| {
            if accounts.is_empty() {
                "— (nothing posted)".to_owned()
            } else {
                accounts.join("; ")
            }
        };
        out += &format!(
            "| {} | {} | {} | {} |\n",
            row.event,
            row.command,
            cell(debits),
            cell(credits)
        );
    }
    out
}

/// Replaces the text between `<!-- generated: {name} … -->` and
/// `<!-- end: {name} -->` with `table`; `None` if the markers are missing.
fn with_table(doc: &str, name: &str, table: &str) -> Option<String> {
    let open = doc.find(&format!("<!-- generated: {name} "))?;
    let body = open + doc[open..].find("-->")? + "-->\n".len();
    let close = doc.find(&format!("<!-- end: {name} -->"))?;
    Some(format!("{}{table}{}", &doc[..body], &doc[close..]))
}

#[test]
fn the_chart_of_accounts_document_matches_the_code() {
    let doc = std::fs::read_to_string(DOC).expect("docs/chart-of-accounts.md");
    let generated = with_table(&doc, "accounts", &accounts_table())
        .and_then(|doc| with_table(&doc, "postings", &postings_table()))
        .expect("the document keeps its generated: accounts and generated: postings markers");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(DOC, &generated).unwrap();
    } else if generated != doc {
        let changed: Vec<String> = generated
            .lines()
            .zip(doc.lines())
            .filter(|(new, old)| new != old)
            .take(5)
            .map(|(new, old)| format!("  doc:  {old}\n  code: {new}"))
            .collect();
        panic!(
            "docs/chart-of-accounts.md differs from the code:\n{}\nregenerate with UPDATE_DOCS=1 cargo test -p landed-json --test chart_of_accounts",
            changed.join("\n")
        );
    }
}

#[test]
fn every_account_and_role_of_the_standard_chart_appears() {
    let chart = ChartSpec::standard();
    let table = accounts_table();
    for account in &chart.accounts {
        assert!(table.contains(&format!("| {} | {} |", account.code, account.name)));
    }
    for role in AccountRole::ALL.iter().chain(&AccountRole::WRITE_DOWN) {
        assert!(table.contains(&format!("`{}`", role.name())), "{role:?}");
    }
}
