//! A seller's year: a deterministic, seeded workload of `N` business
//! transactions of a cross-border seller (issue 14), for benchmarks and for
//! the bindings' peers (as JSON lines).
//!
//! The seller keeps its books in USD, values stock FIFO, buys from a
//! factory in CNY, one in USD and one in EUR, stocks its own warehouse in
//! Shenzhen and moves goods to a 3PL in Los Angeles and to Amazon FBA in the
//! US and in Germany. It sells on Shopify (USD, from Los Angeles then
//! Shenzhen, lines split between them), Amazon US (USD, FBA) and Amazon DE
//! (EUR, FBA).
//!
//! The year runs from 2026-01-01 to 2026-12-31: master data and opening
//! stock first, then day by day the rates of the day (weekdays), the steps
//! scheduled for the day (shipments of yesterday's orders, purchase
//! receipts, supplier invoices and payments, transfer milestones and
//! receipts, landed-cost vouchers on accrued bills, payouts), the
//! marketplace settlements (each channel every 14 days), the day's share of
//! the `N` business transactions, at each month end a revaluation, and
//! at the end of each week the retention rule (`archive_closed`).
//!
//! The generator tracks each SKU's available units at each location, and
//! what is on its way there, so that no order lacks stock: every command of
//! the year succeeds (see the tests).
//!
//! ```
//! use landed_benches::year::{YearSpec, seller_year};
//! let year = seller_year(YearSpec { transactions: 200, seed: 7 });
//! let again = seller_year(YearSpec { transactions: 200, seed: 7 });
//! assert_eq!(landed_benches::year::to_json_lines(&year), landed_benches::year::to_json_lines(&again));
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use landed::Currency;
use landed::book::BookConfig;
use landed::book::command::{Command, Context};
use landed::inventory::ValuationMethod;
use serde_json::{Value, json};

/// How big a year, and which one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearSpec {
    /// Business transactions (an order, a purchase order, a transfer, a
    /// return, a refund, a fee, a landed-cost bill), spread over the year.
    pub transactions: usize,
    /// Seed of the pseudo-random sequence.
    pub seed: u64,
}

/// One generated year: the book's configuration and its commands in order.
#[derive(Clone, Debug)]
pub struct Year {
    /// USD functional currency, FIFO valuation, the standard chart.
    pub config: BookConfig,
    /// Every command with its context, timestamps increasing.
    pub commands: Vec<(Command, Context)>,
    /// Business transactions by kind (a kind that could not run, for lack
    /// of stock or of a shipped order, falls back to another and counts
    /// as that one).
    pub mix: BTreeMap<&'static str, usize>,
}

/// SKUs of the smallest catalog.
pub const MIN_SKUS: usize = 300;

/// SKUs of the seller of `transactions` a year: 300 up to the 100k year,
/// then growing with the business (a seller ten times as big lists about
/// ten times as many items, each with the stock of the 100k seller's).
/// With 300 SKUs whatever N, each SKU's stock, FIFO layers and transfer
/// quantities would grow with N instead.
pub fn catalog_size(transactions: usize) -> usize {
    (transactions / 333).max(MIN_SKUS)
}

/// Locations: Shenzhen (own), Los Angeles 3PL, FBA US, FBA DE.
const LOCATIONS: [&str; 4] = ["SZ", "LA", "FBA-US", "FBA-DE"];
const SZ: usize = 0;
const LA: usize = 1;

/// Channels: code, currency, order id prefix.
const CHANNELS: [(&str, &str, &str); 3] = [
    ("shop-us", "USD", "SH"),
    ("amazon-us", "USD", "113"),
    ("amazon-de", "EUR", "302"),
];
const SHOP: usize = 0;

/// Suppliers: code, currency.
const SUPPLIERS: [(&str, &str); 3] = [("F-CNY", "CNY"), ("F-USD", "USD"), ("F-EUR", "EUR")];

/// A splitmix64 sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `per_mille` times in a thousand.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    fn range(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }
}

/// Cents as a decimal string.
fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// A rate kept in ten-thousandths as a decimal string.
fn rate4(e4: i64) -> String {
    format!("{}.{:04}", e4 / 10_000, e4 % 10_000)
}

struct Sku {
    code: String,
    /// Cost in USD cents, and the price on the channels (USD or EUR cents).
    cost: i64,
    price: i64,
    supplier: usize,
    /// Purchase price in the supplier's currency, cents.
    purchase: i64,
}

struct OrderLine {
    sku: usize,
    quantity: i64,
    principal: i64,
    /// Where its first unit was reserved.
    location: usize,
}

struct Order {
    channel: usize,
    id: String,
    lines: Vec<OrderLine>,
    returned: bool,
    refunded: bool,
    /// Day of the year it was taken.
    day: i64,
}

/// A step scheduled for a later day.
enum Step {
    Ship(usize),
    ReceivePo {
        po: String,
        supplier: usize,
        lines: Vec<(usize, i64, i64)>,
    },
    Invoice {
        receipt: String,
        supplier: usize,
        lines: Vec<(usize, i64, i64)>,
    },
    PaySupplier {
        invoice: String,
        supplier: usize,
        cents: i64,
    },
    Milestone(String),
    ReceiveTransfer {
        transfer: String,
        destination: usize,
        lines: Vec<(usize, i64)>,
    },
    ApplyAccrued {
        voucher: String,
        accrual: String,
        cents: i64,
        transfer: String,
        lines: usize,
    },
    Payout {
        settlement: String,
        channel: usize,
        cents: i64,
    },
}

/// What a channel owes and has deducted since its last settlement.
#[derive(Default)]
struct Unsettled {
    rows: Vec<Value>,
    net: i64,
}

struct Gen {
    rng: Rng,
    out: Vec<(Command, Context)>,
    mix: BTreeMap<&'static str, usize>,
    day: i64,
    in_day: i64,
    start: DateTime<Utc>,
    schedule: BTreeMap<(i64, u64), Step>,
    scheduled: u64,
    skus: Vec<Sku>,
    /// How many SKUs the catalog has (`catalog_size`).
    sku_count: usize,
    /// Available units per SKU and location, as the book will hold them.
    available: Vec<[i64; 4]>,
    /// Units ordered or in transit to a location.
    inbound: Vec<[i64; 4]>,
    /// Stock a selling location aims at (Shenzhen: three times).
    target: i64,
    usd_cny: i64,
    eur_usd: i64,
    orders: Vec<Order>,
    shipped: Vec<usize>,
    /// Day of the latest archive cut-off (0: none yet).
    archived_before: i64,
    /// Commands written before each day began: every command of the year
    /// succeeds and makes one book version, so the commands before day `d`
    /// made versions 1 to `day_starts[d]`.
    day_starts: Vec<usize>,
    unsettled: [Unsettled; 3],
    /// Transfers received and not yet given landed cost: id and lines.
    landable: Vec<(String, usize)>,
    counters: BTreeMap<&'static str, u64>,
}

impl Gen {
    fn date(&self) -> NaiveDate {
        self.start.date_naive() + Duration::days(self.day)
    }

    fn date_text(&self) -> String {
        self.date().to_string()
    }

    fn id(&mut self, prefix: &'static str) -> String {
        let n = self.counters.entry(prefix).or_default();
        *n += 1;
        format!("{prefix}-{n}")
    }

    fn push(&mut self, value: Value) {
        self.in_day += 1;
        assert!(self.in_day < 86_400, "more than 86,400 commands in a day");
        let at = self.start + Duration::days(self.day) + Duration::seconds(self.in_day);
        let context = Context::new(at, format!("c{}", self.out.len() + 1));
        let command: Command = serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("generated command {value} does not parse: {e}"));
        self.out.push((command, context));
    }

    fn later(&mut self, days: i64, step: Step) {
        self.scheduled += 1;
        let day = self.day + days;
        // Steps after the year's end are not taken: the year ends with
        // orders unshipped, goods in transit and invoices unpaid.
        if day < 365 {
            self.schedule.insert((day, self.scheduled), step);
        }
    }

    fn count(&mut self, kind: &'static str) {
        *self.mix.entry(kind).or_default() += 1;
    }

    fn master_data(&mut self) {
        let countries = ["CN", "US", "US", "DE"];
        let kinds = ["own", "third_party", "fba", "fba"];
        let names = [
            "Shenzhen warehouse",
            "3PL Los Angeles",
            "Amazon FBA US",
            "Amazon FBA DE",
        ];
        for l in 0..4 {
            self.push(
                json!({"type":"define_location","code":LOCATIONS[l],"name":names[l],
                "kind":kinds[l],"country":countries[l]}),
            );
        }
        for (code, currency) in SUPPLIERS {
            self.push(
                json!({"type":"define_supplier","code":code,"name":format!("Factory {currency}"),
                "currency":currency,"payment_terms_days":30}),
            );
        }
        self.rates();
        for s in 0..self.sku_count {
            let cost = self.rng.range(150, 1500);
            let price = cost * 3 + 99 - (cost * 3) % 100;
            let supplier = s % 3;
            let purchase = match supplier {
                0 => cost * self.usd_cny / 10_000,
                1 => cost,
                _ => cost * 10_000 / self.eur_usd,
            };
            let code = format!("SKU-{s:04}");
            let r = &mut self.rng;
            let weight = format!("{}.{}", r.range(0, 4), r.range(1, 9));
            let [length, width, height] =
                [(10, 60), (5, 40), (2, 30)].map(|(low, high)| r.range(low, high).to_string());
            self.push(json!({"type":"define_sku","code":code,"name":format!("Item {s}"),"weight_kg":weight,
                "dimensions_cm":{"length":length,"width":width,"height":height}}));
            self.skus.push(Sku {
                code,
                cost,
                price,
                supplier,
                purchase,
            });
        }
        self.push(json!({"type":"define_channel","code":"shop-us","name":"Shopify US","kind":"shopify",
            "currency":"USD","split_lines":true,"locations":[{"location":"LA","country":"US"},{"location":"SZ"}]}));
        self.push(
            json!({"type":"define_channel","code":"amazon-us","name":"Amazon US","kind":"amazon",
            "currency":"USD","fba_location":"FBA-US"}),
        );
        self.push(
            json!({"type":"define_channel","code":"amazon-de","name":"Amazon DE","kind":"amazon",
            "currency":"EUR","fba_location":"FBA-DE"}),
        );
        for s in 0..self.sku_count {
            for (channel, _, _) in CHANNELS {
                let sku = self.skus[s].code.clone();
                self.push(json!({"type":"define_listing","channel":channel,
                    "listing":format!("{channel}-{sku}"),"sku":sku}));
            }
        }
        // Opening stock at last year's cost.
        for s in 0..self.sku_count {
            for (l, location) in LOCATIONS.iter().enumerate() {
                let quantity = if l == SZ {
                    3 * self.target
                } else {
                    self.target
                };
                self.push(json!({"type":"receive","sku":self.skus[s].code,"location":location,
                    "quantity":quantity,"unit_cost":{"amount":money(self.skus[s].cost),"currency":"USD"},
                    "reference":"opening"}));
                self.available[s][l] += quantity;
            }
        }
    }

    /// The day's rates: USD/CNY and EUR/USD, a small random walk.
    fn rates(&mut self) {
        self.usd_cny = (self.usd_cny + self.rng.range(-40, 40)).clamp(69_000, 74_000);
        self.eur_usd = (self.eur_usd + self.rng.range(-30, 30)).clamp(10_300, 11_500);
        let date = self.date_text();
        self.push(json!({"type":"record_rates","entries":[
            {"base":"USD","quote":"CNY","date":date,"rate":rate4(self.usd_cny)},
            {"base":"EUR","quote":"USD","date":date,"rate":rate4(self.eur_usd)}]}));
    }

    /// The host's weekly retention rule: what closed more than 90 days
    /// ago, and before every order a return or refund may still pick (the
    /// last 5,000 shipped), leaves the state (`archive_closed`), with the
    /// ids of the commands run before that day.
    fn archive(&mut self) {
        let window = self.shipped.len().min(5_000);
        let oldest_returnable = self
            .shipped
            .get(self.shipped.len() - window)
            .map_or(self.day, |&o| self.orders[o].day);
        let cut_off = (self.day - 90).min(oldest_returnable);
        if cut_off <= self.archived_before {
            return;
        }
        self.archived_before = cut_off;
        let before = self.start.date_naive() + Duration::days(cut_off);
        // The ids of the commands run before the cut-off go too: no retry
        // comes that late, and remembering them would make the state grow
        // with the book's past.
        match usize::try_from(cut_off)
            .ok()
            .and_then(|d| self.day_starts.get(d))
        {
            Some(&through) if through > 0 => self.push(json!({"type":"archive_closed",
                "before":before.to_string(),"forget_commands_through":through})),
            _ => self.push(json!({"type":"archive_closed","before":before.to_string()})),
        }
    }

    fn revalue(&mut self) {
        // USD per CNY, to six places.
        let cny = 10_000_000_000 / self.usd_cny;
        let date = self.date_text();
        self.push(json!({"type":"revalue","date":date,"rates":{
            "CNY":format!("0.{cny:06}"),"EUR":rate4(self.eur_usd)}}));
    }

    fn run_step(&mut self, step: Step) {
        let date = self.date_text();
        match step {
            Step::Ship(o) => {
                let order = &self.orders[o];
                let channel = CHANNELS[order.channel].0;
                let id = order.id.clone();
                self.push(
                    json!({"type":"ship_sales_order","channel":channel,"order":id,
                    "shipment":format!("S-{id}")}),
                );
                self.shipped.push(o);
                let order = &self.orders[o];
                let c = order.channel;
                let mut receivable = 0;
                let mut referral = 0;
                let mut units = 0;
                for (n, line) in order.lines.iter().enumerate() {
                    let (discount, shipping, tax) = extras(c, n, line.principal);
                    receivable += line.principal - discount + shipping + tax;
                    referral += (line.principal - discount) * 15 / 100;
                    units += line.quantity;
                }
                let u = &mut self.unsettled[c];
                u.rows
                    .push(json!({"kind":"order","order":id,"amount":money(receivable)}));
                u.rows.push(
                    json!({"kind":"fee","fee":"referral","order":id,"amount":money(-referral)}),
                );
                u.net += receivable - referral;
                if c != SHOP {
                    let fba = 350 * units;
                    u.rows.push(json!({"kind":"fee","fee":"fba_fulfilment","order":id,"amount":money(-fba)}));
                    u.net -= fba;
                }
            }
            Step::ReceivePo {
                po,
                supplier,
                lines,
            } => {
                let receipt = format!("GRN-{po}");
                let rows: Vec<Value> = (0..lines.len())
                    .map(|n| json!({"line":n + 1,"quantity":lines[n].1}))
                    .collect();
                self.push(
                    json!({"type":"receive_purchase_order","po":po,"receipt":receipt,"lines":rows}),
                );
                for &(s, quantity, _) in &lines {
                    self.available[s][SZ] += quantity;
                    self.inbound[s][SZ] -= quantity;
                }
                let days = self.rng.range(1, 5);
                self.later(
                    days,
                    Step::Invoice {
                        receipt,
                        supplier,
                        lines,
                    },
                );
            }
            Step::Invoice {
                receipt,
                supplier,
                lines,
            } => {
                let invoice = format!("INV-{receipt}");
                let currency = SUPPLIERS[supplier].1;
                let rows: Vec<Value> = (0..lines.len())
                    .map(|n| {
                        json!({"receipt":receipt,"line":n + 1,"quantity":lines[n].1,
                        "unit_price":{"amount":money(lines[n].2),"currency":currency}})
                    })
                    .collect();
                self.push(json!({"type":"match_supplier_invoice","document":invoice,
                    "supplier":SUPPLIERS[supplier].0,"date":date,"lines":rows}));
                let cents = lines.iter().map(|l| l.1 * l.2).sum();
                self.later(
                    30,
                    Step::PaySupplier {
                        invoice,
                        supplier,
                        cents,
                    },
                );
            }
            Step::PaySupplier {
                invoice,
                supplier,
                cents,
            } => {
                self.push(json!({"type":"record_payment","date":date,
                    "amount":{"amount":money(cents),"currency":SUPPLIERS[supplier].1},
                    "reference":format!("PAY-{invoice}"),"allocations":[{"document":invoice}]}));
            }
            Step::Milestone(transfer) => {
                let at = format!("{date}T06:00:00Z");
                self.push(json!({"type":"record_milestone","document":transfer,
                    "milestone":{"event_id":format!("{transfer}-dep"),"milestone":"departed","at":at,
                        "place":"Yantian"}}));
            }
            Step::ReceiveTransfer {
                transfer,
                destination,
                lines,
            } => {
                let mut rows = Vec::new();
                for (n, &(s, quantity)) in lines.iter().enumerate() {
                    let mut row = json!({"line":n + 1});
                    let mut accepted = quantity;
                    if quantity >= 2 && self.rng.chance(30) {
                        row["short"] = json!(1);
                        row["short_to"] = json!("loss");
                        accepted -= 1;
                    } else if quantity >= 2 && self.rng.chance(20) {
                        row["damaged"] = json!(1);
                        row["damage_reason"] = json!("crushed carton");
                        accepted -= 1;
                    }
                    row["accepted"] = json!(accepted);
                    rows.push(row);
                    self.available[s][destination] += accepted;
                    self.inbound[s][destination] -= quantity;
                }
                self.push(json!({"type":"receive_transfer","transfer":transfer,"lines":rows}));
                self.landable.push((transfer, lines.len()));
            }
            Step::ApplyAccrued {
                voucher,
                accrual,
                cents,
                transfer,
                lines,
            } => {
                let targets: Vec<Value> = (1..=lines)
                    .map(|l| json!({"type":"transfer","transfer":transfer,"line":l}))
                    .collect();
                self.push(json!({"type":"apply_landed_cost","voucher":voucher,"date":date,"clears":accrual,
                    "charges":[{"description":"Sea freight","kind":"freight",
                        "amount":{"amount":money(cents),"currency":"USD"},"account":"1450","method":"weight"}],
                    "targets":targets}));
            }
            Step::Payout {
                settlement,
                channel,
                cents,
            } => {
                self.push(json!({"type":"record_payment","date":date,
                    "amount":{"amount":money(cents),"currency":CHANNELS[channel].1},
                    "reference":format!("BANK-{settlement}"),"allocations":[{"document":settlement}]}));
            }
        }
    }

    fn settle(&mut self, c: usize) {
        let u = std::mem::take(&mut self.unsettled[c]);
        if u.rows.is_empty() {
            return;
        }
        let settlement = self.id("STL");
        let date = self.date_text();
        self.push(
            json!({"type":"record_marketplace_settlement","channel":CHANNELS[c].0,
            "settlement":settlement,"date":date,"rows":u.rows}),
        );
        if u.net > 0 {
            self.later(
                2,
                Step::Payout {
                    settlement,
                    channel: c,
                    cents: u.net,
                },
            );
        }
    }

    /// One business transaction.
    fn transaction(&mut self) {
        let roll = self.rng.below(1000);
        let done = match roll {
            0..760 => self.sale(),
            760..790 => self.sales_return(),
            790..810 => self.refund(),
            810..860 => self.fee(),
            860..900 => self.purchase(),
            900..960 => self.transfer(None),
            _ => self.landed_cost(),
        };
        if !done && !self.transfer(None) {
            self.fee();
        }
    }

    fn sale(&mut self) -> bool {
        let c = match self.rng.below(10) {
            0..4 => 0,
            4..8 => 1,
            _ => 2,
        };
        let line_count = match self.rng.below(10) {
            0..7 => 1,
            7..9 => 2,
            _ => 3,
        };
        let mut lines: Vec<OrderLine> = Vec::new();
        for _ in 0..line_count {
            let quantity = match self.rng.below(100) {
                0..75 => 1,
                75..93 => 2,
                _ => 3,
            };
            for _try in 0..8 {
                let s = self.rng.below(self.sku_count);
                if lines.iter().any(|l| l.sku == s) {
                    continue;
                }
                let a = &mut self.available[s];
                let location = if c == SHOP {
                    if a[LA] + a[SZ] < quantity {
                        continue;
                    }
                    let from_la = a[LA].min(quantity);
                    a[LA] -= from_la;
                    a[SZ] -= quantity - from_la;
                    if from_la > 0 { LA } else { SZ }
                } else {
                    let l = c + 1;
                    if a[l] < quantity {
                        continue;
                    }
                    a[l] -= quantity;
                    l
                };
                lines.push(OrderLine {
                    sku: s,
                    quantity,
                    principal: self.skus[s].price * quantity,
                    location,
                });
                break;
            }
        }
        if lines.is_empty() {
            return false;
        }
        self.count("sales order");
        let (channel, _, prefix) = CHANNELS[c];
        let id = format!("{prefix}-{:07}", self.orders.len() + 1);
        let rows: Vec<Value> = lines
            .iter()
            .enumerate()
            .map(|(n, line)| {
                let (discount, shipping, tax) = extras(c, n, line.principal);
                json!({"line":format!("{}", n + 1),"listing":format!("{channel}-{}", self.skus[line.sku].code),
                    "quantity":line.quantity,"unit_price":money(line.principal / line.quantity),
                    "discount":money(discount),"shipping":money(shipping),"tax":money(tax)})
            })
            .collect();
        let mut order = json!({"type":"ingest_sales_order","channel":channel,"order":id,
            "date":self.date_text(),"ship_to_country":if c == 2 { "DE" } else { "US" },"lines":rows});
        if c != SHOP {
            order["fulfilment"] = json!("channel");
        }
        self.push(order);
        self.orders.push(Order {
            channel: c,
            id,
            lines,
            returned: false,
            refunded: false,
            day: self.day,
        });
        let o = self.orders.len() - 1;
        if self.rng.chance(300) {
            self.run_step(Step::Ship(o));
        } else {
            self.later(1, Step::Ship(o));
        }
        true
    }

    /// A recent shipped order that `free` accepts.
    fn recent_shipped(&mut self, free: fn(&Order) -> bool) -> Option<usize> {
        if self.shipped.is_empty() {
            return None;
        }
        let window = self.shipped.len().min(5_000);
        for _ in 0..8 {
            let o = self.shipped[self.shipped.len() - 1 - self.rng.below(window)];
            if free(&self.orders[o]) {
                return Some(o);
            }
        }
        None
    }

    /// A unit of an order's first line comes back, and is refunded.
    fn sales_return(&mut self) -> bool {
        let Some(o) = self.recent_shipped(|o| !o.returned && !o.refunded) else {
            return false;
        };
        self.count("return and refund");
        let grade = match self.rng.below(20) {
            0..16 => "sellable",
            16..19 => "damaged",
            _ => "disposed",
        };
        let order = &mut self.orders[o];
        order.returned = true;
        order.refunded = true;
        let c = order.channel;
        let line = &order.lines[0];
        let (s, location) = (line.sku, line.location);
        let unit = line.principal / line.quantity;
        let (discount, _, _) = extras(c, 0, line.principal);
        let refund_cents = unit.min(line.principal - discount);
        let id = order.id.clone();
        let channel = CHANNELS[c].0;
        self.push(
            json!({"type":"receive_sales_return","channel":channel,"order":id,"line":"1",
            "quantity":1,"grade":grade,"location":LOCATIONS[location],"rma":format!("RMA-{id}")}),
        );
        if grade == "sellable" {
            self.available[s][location] += 1;
        }
        self.push_refund(c, &id, refund_cents);
        true
    }

    /// A partial refund (a goodwill gesture) on an order's first line.
    fn refund(&mut self) -> bool {
        let Some(o) = self.recent_shipped(|o| !o.refunded) else {
            return false;
        };
        self.count("refund");
        let order = &mut self.orders[o];
        order.refunded = true;
        let c = order.channel;
        let line = &order.lines[0];
        let (discount, _, _) = extras(c, 0, line.principal);
        let cents = ((line.principal - discount) / 5).max(1);
        let id = order.id.clone();
        self.push_refund(c, &id, cents);
        true
    }

    fn push_refund(&mut self, c: usize, order: &str, cents: i64) {
        let refund = format!("R-{order}");
        self.push(
            json!({"type":"refund_sales_order","channel":CHANNELS[c].0,"order":order,
            "refund":refund,"lines":[{"line":"1","principal":money(cents)}]}),
        );
        let u = &mut self.unsettled[c];
        u.rows
            .push(json!({"kind":"refund","order":order,"amount":money(-cents)}));
        u.net -= cents;
    }

    /// A fee the channel charges outside its orders: storage for a SKU,
    /// advertising, or a shipping label.
    fn fee(&mut self) -> bool {
        self.count("channel fee");
        let c = self.rng.below(3);
        let fee = self.id("FEE");
        let cents = self.rng.range(300, 20_000);
        let mut value = json!({"type":"record_channel_fee","channel":CHANNELS[c].0,"fee":fee,
            "date":self.date_text(),"amount":money(cents)});
        match self.rng.below(3) {
            0 => {
                value["kind"] = json!("storage");
                value["sku"] = json!(self.skus[self.rng.below(self.sku_count)].code);
            }
            1 => value["kind"] = json!("advertising"),
            _ => value["kind"] = json!("other"),
        }
        self.push(value);
        let u = &mut self.unsettled[c];
        u.rows
            .push(json!({"kind":"document","document":fee,"amount":money(-cents)}));
        u.net -= cents;
        true
    }

    /// A purchase order to one supplier for what Shenzhen lacks most:
    /// created, confirmed and shipped today, received in 10 to 25 days,
    /// invoiced after, paid 30 days after its invoice.
    fn purchase(&mut self) -> bool {
        self.count("purchase order");
        let supplier = self.rng.below(3);
        let target = 3 * self.target;
        let mut wanted: Vec<(i64, usize)> = (0..self.sku_count)
            .filter(|s| self.skus[*s].supplier == supplier)
            .map(|s| (self.available[s][SZ] + self.inbound[s][SZ] - target, s))
            .collect();
        wanted.sort();
        let mut lines = Vec::new();
        for &(level, s) in wanted.iter().take(12) {
            if level >= 0 && !lines.is_empty() {
                break;
            }
            let quantity = ((-level).max(10) + 9) / 10 * 10;
            lines.push((s, quantity, self.skus[s].purchase));
            self.inbound[s][SZ] += quantity;
        }
        let po = self.id("PO");
        let currency = SUPPLIERS[supplier].1;
        let rows: Vec<Value> = lines
            .iter()
            .map(|&(s, quantity, price)| {
                json!({"sku":self.skus[s].code,"quantity":quantity,
                "unit_price":{"amount":money(price),"currency":currency},"destination":"SZ"})
            })
            .collect();
        let date = self.date_text();
        self.push(
            json!({"type":"create_purchase_order","po":po,"supplier":SUPPLIERS[supplier].0,
            "date":date,"lines":rows}),
        );
        self.push(json!({"type":"confirm_purchase_order","po":po}));
        let days = self.rng.range(10, 25);
        let eta = (self.date() + Duration::days(days)).to_string();
        self.push(json!({"type":"ship_purchase_order","po":po,
            "shipment":{"carrier":"COSCO","tracking":format!("TRK-{po}"),"eta":eta}}));
        self.later(
            days,
            Step::ReceivePo {
                po,
                supplier,
                lines,
            },
        );
        true
    }

    /// A transfer from Shenzhen of what a destination lacks most: created,
    /// approved and shipped today, departed two days later, received in 15
    /// to 35 days, now and then a unit short or damaged.
    fn transfer(&mut self, to: Option<usize>) -> bool {
        let destination = to.unwrap_or_else(|| 1 + self.rng.below(3));
        let mut wanted: Vec<(i64, usize)> = (0..self.sku_count)
            .map(|s| {
                (
                    self.available[s][destination] + self.inbound[s][destination] - self.target,
                    s,
                )
            })
            .filter(|&(level, s)| level < 0 && self.available[s][SZ] > 0)
            .collect();
        wanted.sort();
        let lines: Vec<(usize, i64)> = wanted
            .iter()
            .take(10)
            .map(|&(level, s)| (s, (-level).min(self.available[s][SZ])))
            .collect();
        if lines.is_empty() {
            return false;
        }
        self.count("transfer");
        for &(s, quantity) in &lines {
            self.available[s][SZ] -= quantity;
            self.inbound[s][destination] += quantity;
        }
        let transfer = self.id("T");
        let rows: Vec<Value> = lines
            .iter()
            .map(|&(s, quantity)| json!({"sku":self.skus[s].code,"quantity":quantity}))
            .collect();
        self.push(
            json!({"type":"create_transfer","transfer":transfer,"source":"SZ",
            "destination":LOCATIONS[destination],"lines":rows}),
        );
        self.push(json!({"type":"approve_transfer","transfer":transfer}));
        let days = self.rng.range(15, 35);
        let eta = (self.date() + Duration::days(days)).to_string();
        self.push(json!({"type":"ship_transfer","transfer":transfer,
            "shipment":{"carrier":"Matson","tracking":format!("TRK-{transfer}"),"eta":eta}}));
        self.later(2, Step::Milestone(transfer.clone()));
        self.later(
            days,
            Step::ReceiveTransfer {
                transfer,
                destination,
                lines,
            },
        );
        true
    }

    /// Freight and duty on a received transfer: a voucher now, or a bill
    /// accrued now and allocated by a voucher a week later.
    fn landed_cost(&mut self) -> bool {
        let Some((transfer, lines)) = self.landable.pop() else {
            return false;
        };
        self.count("landed cost");
        let date = self.date_text();
        let freight = self.rng.range(5_000, 80_000);
        if self.rng.chance(500) {
            let voucher = self.id("LC");
            let targets: Vec<Value> = (1..=lines)
                .map(|l| json!({"type":"transfer","transfer":transfer,"line":l}))
                .collect();
            let duty = freight / 3;
            self.push(json!({"type":"apply_landed_cost","voucher":voucher,"date":date,
                "charges":[
                    {"description":"Sea freight","kind":"freight","amount":{"amount":money(freight),"currency":"USD"},
                     "account":"2200","method":"chargeable_weight","divisor":6000},
                    {"description":"Import duty","kind":"duty","amount":{"amount":money(duty),"currency":"USD"},
                     "account":"2200","method":"value"}],
                "targets":targets}));
        } else {
            let accrual = self.id("FRT");
            self.push(
                json!({"type":"accrue_landed_cost","document":accrual,"date":date,
                "description":"Sea freight","kind":"freight",
                "amount":{"amount":money(freight),"currency":"USD"},"account":"2200"}),
            );
            let voucher = self.id("LC");
            let days = self.rng.range(3, 10);
            self.later(
                days,
                Step::ApplyAccrued {
                    voucher,
                    accrual,
                    cents: freight,
                    transfer,
                    lines,
                },
            );
        }
        true
    }
}

/// Discount, shipping and tax of an order line (cents): 10% of lines get a
/// 1.00 discount, Shopify charges 4.99 of shipping on the first line and
/// 8.25% of sales tax; Amazon neither.
fn extras(channel: usize, line: usize, principal: i64) -> (i64, i64, i64) {
    // The discount depends on the line's value, so that it can be
    // recomputed from the order alone.
    let discount = if principal % 10 == 7 { 100 } else { 0 };
    if channel == SHOP {
        let shipping = if line == 0 { 499 } else { 0 };
        let tax = ((principal - discount) * 825 + 5_000) / 10_000;
        (discount, shipping, tax)
    } else {
        (discount, 0, 0)
    }
}

/// The commands of one seller's year.
pub fn seller_year(spec: YearSpec) -> Year {
    let usd = Currency::from_code("USD").expect("USD is a currency");
    let config = BookConfig::new(usd).valuation_method(ValuationMethod::Fifo);
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("a valid start");
    let n = spec.transactions;
    let sku_count = catalog_size(n);
    let mut g = Gen {
        rng: Rng(spec.seed),
        out: Vec::with_capacity(n * 3 + 10_000),
        mix: BTreeMap::new(),
        day: 0,
        in_day: 0,
        start,
        schedule: BTreeMap::new(),
        scheduled: 0,
        skus: Vec::new(),
        available: vec![[0; 4]; sku_count],
        inbound: vec![[0; 4]; sku_count],
        target: (n as i64 / sku_count as i64 / 6).max(20),
        sku_count,
        usd_cny: 71_500,
        eur_usd: 10_850,
        orders: Vec::new(),
        shipped: Vec::new(),
        archived_before: 0,
        day_starts: Vec::with_capacity(366),
        unsettled: Default::default(),
        landable: Vec::new(),
        counters: BTreeMap::new(),
    };
    g.master_data();
    let mut done = 0usize;
    for day in 0..365i64 {
        g.day = day;
        g.day_starts.push(g.out.len());
        if day > 0 {
            g.in_day = 0;
            let weekday = g.date().weekday();
            if weekday != Weekday::Sat && weekday != Weekday::Sun {
                g.rates();
            }
        }
        while let Some(entry) = g.schedule.first_entry() {
            if entry.key().0 > day {
                break;
            }
            let step = entry.remove();
            g.run_step(step);
        }
        for c in 0..3 {
            if day % 14 == 4 + 3 * c as i64 {
                g.settle(c);
            }
        }
        let until = (n * (day as usize + 1)).div_ceil(365);
        while done < until {
            g.transaction();
            done += 1;
        }
        if (g.date() + Duration::days(1)).day() == 1 {
            g.revalue();
        }
        // Weekly: a monthly run let four more weeks of closed business
        // pile up before each one (a fifth of the 100k year's peak).
        if day % 7 == 6 {
            g.archive();
        }
    }
    Year {
        config,
        commands: g.out,
        mix: g.mix,
    }
}

/// The year as JSON lines, one `{"command":…,"context":…}` object a line:
/// the items of the JSON facade's `execute_batch`, one per line.
pub fn to_json_lines(year: &Year) -> String {
    let mut text = String::new();
    for (command, context) in &year.commands {
        let item = json!({"command": command, "context": context});
        text.push_str(&serde_json::to_string(&item).expect("a command serializes"));
        text.push('\n');
    }
    text
}
