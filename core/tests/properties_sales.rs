//! Property tests of selling over random sequences of receipts, orders
//! (single SKUs, a bundle, an unknown listing; merchant or FBA; split or
//! whole lines), restatements, cancellations, shipments and returns:
//!
//! * a shipment issues exactly its lines' units times each SKU's units per
//!   line unit (bundles conserve their components);
//! * what orders hold reserved at a location is committed there, and
//!   committed never exceeds on hand (negative stock off);
//! * every journal entry balances, and the inventory subledger equals the
//!   inventory accounts after every command, and the channel receivable
//!   its open items;
//! * refunds (any amounts, `OVER_REFUND` beyond what shipments recognised)
//!   and payouts netting credit notes keep the channel receivable equal to
//!   its open items;
//! * a failed command changes nothing; replay and restore rebuild the book.

use std::collections::BTreeMap;

use chrono::{Duration, TimeZone, Utc};
use landed::book::command::{Command, Context};
use landed::book::event::Event;
use landed::book::{Book, BookConfig};
use landed::inventory::ValuationMethod;
use landed::{Currency, Snapshot};
use proptest::prelude::*;
use serde_json::{Value, json};

const SKUS: [&str; 2] = ["LAMP", "BULB"];
const LOCATIONS: [&str; 3] = ["LA", "SZ", "FBA"];
const LISTINGS: [&str; 4] = ["lamp", "bulb-pack", "set", "unknown"];
const CHANNELS: [&str; 2] = ["split", "whole"];
const GRADES: [&str; 3] = ["sellable", "damaged", "disposed"];

#[derive(Clone, Debug)]
enum Op {
    Receive {
        sku: usize,
        loc: usize,
        qty: i64,
        cents: i64,
    },
    Order {
        channel: usize,
        listing: usize,
        qty: i64,
        us: bool,
        fba: bool,
    },
    Restate {
        order: usize,
        qty: i64,
    },
    Cancel {
        order: usize,
        qty: i64,
    },
    Ship {
        order: usize,
        all: bool,
        qty: i64,
    },
    Return {
        order: usize,
        qty: i64,
        grade: usize,
        loc: usize,
    },
    Refund {
        order: usize,
        cents: i64,
        shipping: bool,
        tax_cents: i64,
    },
    Payout {
        channel: usize,
    },
    Fee {
        order: usize,
        cents: i64,
        kind: usize,
        refund: bool,
    },
    Settle {
        order: usize,
        cents: i64,
        fee_cents: i64,
        stray: bool,
    },
    /// Settles exactly what an order's shipments have open.
    SettleAll {
        order: usize,
    },
    /// Archives what is closed before 21 November (the orders' day is the
    /// 20th) plus `days`; with `forget`, also the ids of the commands that
    /// made the first half of the book's versions.
    Archive {
        days: i64,
        forget: bool,
    },
}

const FEE_KINDS: [&str; 4] = ["referral", "fba_fulfilment", "storage", "advertising"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..2usize, 0..3usize, 1..20i64, 1..2000i64).prop_map(|(sku, loc, qty, cents)| {
            Op::Receive {
                sku,
                loc,
                qty,
                cents,
            }
        }),
        2 => (0..2usize, 0..4usize, 1..8i64, any::<bool>(), any::<bool>()).prop_map(
            |(channel, listing, qty, us, fba)| Op::Order {
                channel,
                listing,
                qty,
                us,
                fba,
            }
        ),
        1 => (0..8usize, 1..8i64).prop_map(|(order, qty)| Op::Restate { order, qty }),
        1 => (0..8usize, 1..4i64).prop_map(|(order, qty)| Op::Cancel { order, qty }),
        4 => (0..8usize, any::<bool>(), 1..4i64).prop_map(|(order, all, qty)| Op::Ship {
            order,
            all,
            qty
        }),
        1 => (0..8usize, 1..4i64, 0..3usize, 0..3usize).prop_map(|(order, qty, grade, loc)| {
            Op::Return {
                order,
                qty,
                grade,
                loc,
            }
        }),
        3 => (0..8usize, 0..600i64, any::<bool>(), 0..150i64).prop_map(
            |(order, cents, shipping, tax_cents)| Op::Refund {
                order,
                cents,
                shipping,
                tax_cents,
            }
        ),
        2 => (0..2usize).prop_map(|channel| Op::Payout { channel }),
        2 => (0..8usize, 1..900i64, 0..4usize, any::<bool>()).prop_map(|(order, cents, kind, refund)| Op::Fee {
            order,
            cents,
            kind,
            refund,
        }),
        3 => (0..8usize, 1..30000i64, 0..900i64, any::<bool>()).prop_map(
            |(order, cents, fee_cents, stray)| Op::Settle {
                order,
                cents,
                fee_cents,
                stray,
            }
        ),
        2 => (0..8usize).prop_map(|order| Op::SettleAll { order }),
        2 => (0..3i64, any::<bool>()).prop_map(|(days, forget)| Op::Archive { days, forget }),
    ]
}

/// Business that closes: stock, orders shipped whole or cancelled, exact
/// payouts, and archiving (so that archiving finds something to remove).
fn closing_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..2usize, 0..3usize, 1..20i64, 1..2000i64).prop_map(|(sku, loc, qty, cents)| {
            Op::Receive { sku, loc, qty, cents }
        }),
        3 => (0..2usize, 0..4usize, 1..4i64, any::<bool>()).prop_map(|(channel, listing, qty, us)| {
            Op::Order { channel, listing, qty, us, fba: false }
        }),
        1 => (0..8usize, 1..4i64).prop_map(|(order, qty)| Op::Cancel { order, qty }),
        3 => (0..8usize).prop_map(|order| Op::Ship { order, all: true, qty: 1 }),
        3 => (0..8usize).prop_map(|order| Op::SettleAll { order }),
        1 => (0..8usize, 1..4i64, 0..3usize, 0..3usize).prop_map(|(order, qty, grade, loc)| {
            Op::Return { order, qty, grade, loc }
        }),
        2 => (0..3i64, any::<bool>()).prop_map(|(days, forget)| Op::Archive { days, forget }),
    ]
}

struct World {
    book: Book,
    clock: chrono::DateTime<Utc>,
    next: u64,
    /// Orders made: (channel, order id, the ingest command).
    orders: Vec<(String, String, Value)>,
    shipments: u64,
    refunds: u64,
    fees: u64,
    /// The highest version whose command ids an archive forgot.
    forgot_through: u64,
}

impl World {
    fn new(method: ValuationMethod) -> Self {
        let mut config = BookConfig::new(Currency::from_code("USD").unwrap());
        config.valuation_method = method;
        let mut w = Self {
            book: Book::new(config).unwrap(),
            clock: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
            next: 0,
            orders: Vec::new(),
            shipments: 0,
            refunds: 0,
            fees: 0,
            forgot_through: 0,
        };
        for json in [
            json!({"type":"define_location","code":"LA","name":"LA","kind":"third_party"}),
            json!({"type":"define_location","code":"SZ","name":"SZ","kind":"own"}),
            json!({"type":"define_location","code":"FBA","name":"FBA","kind":"fba"}),
            json!({"type":"define_sku","code":"LAMP","name":"Lamp"}),
            json!({"type":"define_sku","code":"BULB","name":"Bulb"}),
            json!({"type":"define_bundle","code":"SET","name":"Set","components":[{"sku":"LAMP","quantity":1},{"sku":"BULB","quantity":2}]}),
            json!({"type":"define_channel","code":"split","name":"Split","kind":"shopify","currency":"USD","split_lines":true,
                "fba_location":"FBA","locations":[{"location":"LA","country":"US"},{"location":"SZ"}]}),
            json!({"type":"define_channel","code":"whole","name":"Whole","kind":"amazon","currency":"USD",
                "fba_location":"FBA","locations":[{"location":"SZ"},{"location":"LA"}]}),
        ] {
            w.must(json);
        }
        for channel in CHANNELS {
            for json in [
                json!({"type":"define_listing","channel":channel,"listing":"lamp","sku":"LAMP"}),
                json!({"type":"define_listing","channel":channel,"listing":"bulb-pack","sku":"BULB","pack":3}),
                json!({"type":"define_listing","channel":channel,"listing":"set","bundle":"SET"}),
            ] {
                w.must(json);
            }
        }
        w
    }

    fn context(&mut self) -> Context {
        self.next += 1;
        self.clock += Duration::minutes(1);
        Context::new(self.clock, format!("cmd-{}", self.next))
    }

    fn must(&mut self, value: Value) {
        let command: Command = serde_json::from_value(value.clone()).unwrap();
        let context = self.context();
        if let Err(e) = self.book.execute(command, &context) {
            panic!("{value}: {e}");
        }
    }

    fn snapshot(&self) -> String {
        serde_json::to_string(&self.book.snapshot()).unwrap()
    }

    fn step(&mut self, value: Value) -> Result<bool, TestCaseError> {
        let command: Command = serde_json::from_value(value.clone()).unwrap();
        let before = self.snapshot();
        let version = self.book.version();
        let context = self.context();
        match self.book.execute(command, &context) {
            Err(e) => {
                prop_assert_eq!(&self.snapshot(), &before, "{} changed the book", e);
                prop_assert_eq!(self.book.version(), version);
                prop_assert_ne!(e.code(), "INTERNAL", "{}: {}", value, e);
                Ok(false)
            }
            Ok(outcome) => {
                let mut issued: BTreeMap<String, i64> = BTreeMap::new();
                let mut components: BTreeMap<String, i64> = BTreeMap::new();
                for r in &outcome.events {
                    match &r.event {
                        Event::Issued(s) => {
                            *issued.entry(s.sku.to_string()).or_default() += s.quantity
                        }
                        Event::SalesOrderShipped {
                            channel,
                            order,
                            lines,
                            ..
                        } => {
                            let status = self.book.sales_order(channel, order).unwrap();
                            for l in lines {
                                let line = status.lines.iter().find(|x| x.line == l.line).unwrap();
                                prop_assert_eq!(l.components.len(), line.skus.len());
                                for (c, unit) in l.components.iter().zip(&line.skus) {
                                    prop_assert_eq!(&c.sku, &unit.sku);
                                    prop_assert_eq!(c.quantity, l.quantity * unit.per_unit);
                                    *components.entry(c.sku.clone()).or_default() += c.quantity;
                                }
                            }
                        }
                        Event::JournalPosted(entry) => {
                            let debit: rust_decimal::Decimal =
                                entry.lines.iter().map(|l| l.debit).sum();
                            let credit: rust_decimal::Decimal =
                                entry.lines.iter().map(|l| l.credit).sum();
                            prop_assert_eq!(debit, credit, "entry {}", entry.id);
                        }
                        _ => {}
                    }
                }
                prop_assert_eq!(issued, components, "{}", value);
                self.check()?;
                Ok(true)
            }
        }
    }

    fn check(&self) -> Result<(), TestCaseError> {
        for line in self.book.reconciliation() {
            prop_assert!(line.difference.amount.is_zero(), "{:?}", line);
        }
        let tb = self.book.trial_balance(chrono::NaiveDate::MAX, None);
        prop_assert_eq!(tb.total_debit, tb.total_credit);
        // The channel receivable equals its open items.
        let receivable = tb
            .lines
            .iter()
            .find(|l| l.account == "1250")
            .map_or(rust_decimal::Decimal::ZERO, |l| l.balance.amount);
        let open: rust_decimal::Decimal = self
            .book
            .open_items(chrono::NaiveDate::MAX)
            .iter()
            .filter(|i| i.item.account == "1250")
            .map(|i| i.item.carrying.amount * i.item.kind.balance_sign())
            .sum();
        prop_assert_eq!(receivable, open);
        // So do the payouts on their way to the bank.
        let clearing = tb
            .lines
            .iter()
            .find(|l| l.account == "1150")
            .map_or(rust_decimal::Decimal::ZERO, |l| l.balance.amount);
        let payouts: rust_decimal::Decimal = self
            .book
            .open_items(chrono::NaiveDate::MAX)
            .iter()
            .filter(|i| i.item.account == "1150")
            .map(|i| i.item.carrying.amount * i.item.kind.balance_sign())
            .sum();
        prop_assert_eq!(clearing, payouts);
        // Profit for the whole time equals the ledger's accounts.
        let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let query = landed::report::ProfitQuery::new(
            first,
            chrono::NaiveDate::MAX,
            landed::report::ProfitGroup::Sku,
        );
        let profit = self.book.profit(&query).unwrap();
        let balance = |codes: &[&str]| -> rust_decimal::Decimal {
            tb.lines
                .iter()
                .filter(|l| codes.contains(&l.account.as_str()))
                .map(|l| l.balance.amount)
                .sum()
        };
        let t = &profit.total;
        prop_assert_eq!(t.revenue, -balance(&["4000"]));
        prop_assert_eq!(t.shipping, -balance(&["4050"]));
        prop_assert_eq!(t.sales_returns, balance(&["4100"]));
        prop_assert_eq!(t.cogs, balance(&["5000"]));
        prop_assert_eq!(t.return_losses, balance(&["5460"]));
        prop_assert_eq!(t.fees, balance(&["6000", "6100", "6200", "6400"]));
        prop_assert_eq!(t.advertising, balance(&["6300"]));
        let lines: rust_decimal::Decimal = profit.lines.iter().map(|l| l.figures.profit).sum();
        prop_assert_eq!(lines, t.profit);
        let mut reserved: BTreeMap<(String, String), i64> = BTreeMap::new();
        for order in self.book.sales_orders(None) {
            for line in &order.lines {
                prop_assert_eq!(
                    line.reserved + line.shipped + line.cancelled + line.unserved,
                    line.ordered
                );
                prop_assert!(line.returned <= line.shipped);
                for at in &line.locations {
                    for unit in &line.skus {
                        *reserved
                            .entry((unit.sku.to_string(), at.location.clone()))
                            .or_default() += at.reserved * unit.per_unit;
                    }
                }
            }
        }
        for sku in SKUS {
            for loc in LOCATIONS {
                let p = self.book.position(sku, loc, None).unwrap();
                let q = p.quantities;
                prop_assert!(q.committed <= p.on_hand && q.available >= 0);
                let held = reserved
                    .get(&(sku.to_owned(), loc.to_owned()))
                    .copied()
                    .unwrap_or(0);
                prop_assert_eq!(held, q.committed, "{} at {}", sku, loc);
            }
        }
        Ok(())
    }

    fn order(&self, index: usize) -> Option<(String, String, Value)> {
        if self.orders.is_empty() {
            return None;
        }
        Some(self.orders[index % self.orders.len()].clone())
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        match *op {
            Op::Receive {
                sku,
                loc,
                qty,
                cents,
            } => {
                let cost = format!("{}.{:02}", cents / 100, cents % 100);
                self.step(
                    json!({"type":"receive","sku":SKUS[sku],"location":LOCATIONS[loc],
                    "quantity":qty,"unit_cost":{"amount":cost,"currency":"USD"}}),
                )?;
            }
            Op::Order {
                channel,
                listing,
                qty,
                us,
                fba,
            } => {
                let id = format!("O-{}", self.orders.len() + 1);
                let command = json!({"type":"ingest_sales_order","channel":CHANNELS[channel],"order":id,
                    "date":"2026-11-20","ship_to_country": if us { "US" } else { "CN" },
                    "fulfilment": if fba { "channel" } else { "merchant" },
                    "lines":[{"line":"1","listing":LISTINGS[listing],"quantity":qty,"unit_price":"19.99",
                        "discount":"1.00","shipping":"3.33","tax":"2.01","marketplace_tax":fba}]});
                if self.step(command.clone())? {
                    self.orders
                        .push((CHANNELS[channel].to_owned(), id, command));
                }
            }
            Op::Restate { order, qty } => {
                if let Some((_, _, mut command)) = self.order(order) {
                    command["lines"][0]["quantity"] = json!(qty);
                    self.step(command)?;
                }
            }
            Op::Cancel { order, qty } => {
                if let Some((channel, id, _)) = self.order(order) {
                    self.step(
                        json!({"type":"cancel_sales_order","channel":channel,"order":id,
                        "lines":[{"line":"1","quantity":qty}]}),
                    )?;
                }
            }
            Op::Ship { order, all, qty } => {
                if let Some((channel, id, _)) = self.order(order) {
                    self.shipments += 1;
                    let shipment = format!("S-{}", self.shipments);
                    let command = if all {
                        json!({"type":"ship_sales_order","channel":channel,"order":id,"shipment":shipment})
                    } else {
                        // An archived order has no status: its shipment is refused.
                        let location = self
                            .book
                            .sales_order(&channel, &id)
                            .ok()
                            .and_then(|s| s.lines[0].locations.first().map(|l| l.location.clone()))
                            .unwrap_or_else(|| "SZ".to_owned());
                        json!({"type":"ship_sales_order","channel":channel,"order":id,"shipment":shipment,
                            "lines":[{"line":"1","location":location,"quantity":qty}]})
                    };
                    self.step(command)?;
                }
            }
            Op::Return {
                order,
                qty,
                grade,
                loc,
            } => {
                if let Some((channel, id, _)) = self.order(order) {
                    self.step(json!({"type":"receive_sales_return","channel":channel,"order":id,"line":"1",
                        "quantity":qty,"grade":GRADES[grade],"location":LOCATIONS[loc]}))?;
                }
            }
            Op::Refund {
                order,
                cents,
                shipping,
                tax_cents,
            } => {
                if let Some((channel, id, _)) = self.order(order) {
                    self.refunds += 1;
                    let money = |c: i64| format!("{}.{:02}", c / 100, c % 100);
                    self.step(json!({"type":"refund_sales_order","channel":channel,"order":id,
                        "refund":format!("R-{}", self.refunds),
                        "lines":[{"line":"1","principal":money(cents),
                            "shipping": if shipping { "3.33" } else { "0.00" },"tax":money(tax_cents)}]}))?;
                }
            }
            Op::Payout { channel } => {
                // Everything open on the channel's receivable, credit notes
                // netted, paid out when the net is not negative.
                let items: Vec<_> = self
                    .book
                    .open_items(chrono::NaiveDate::MAX)
                    .into_iter()
                    .filter(|i| i.item.channel.as_deref() == Some(CHANNELS[channel]))
                    .collect();
                let net: rust_decimal::Decimal = items
                    .iter()
                    .map(|i| i.item.open.amount * i.item.kind.balance_sign())
                    .sum();
                if !items.is_empty() && net >= rust_decimal::Decimal::ZERO {
                    let allocations: Vec<Value> = items
                        .iter()
                        .map(|i| {
                            if i.item.kind.balance_sign().is_sign_negative() {
                                json!({"document": i.item.document})
                            } else {
                                json!({"document": i.item.document,
                                    "amount": {"amount": i.item.open.amount.to_string(), "currency": "USD"}})
                            }
                        })
                        .collect();
                    self.step(json!({"type":"record_payment","date":"2026-11-30",
                        "amount":{"amount":net.to_string(),"currency":"USD"},"allocations":allocations}))?;
                }
            }
            Op::Fee {
                order,
                cents,
                kind,
                refund,
            } => {
                if let Some((channel, id, _)) = self.order(order) {
                    self.fees += 1;
                    let date = self.clock.date_naive().to_string();
                    self.step(json!({"type":"record_channel_fee","channel":channel,"fee":format!("F-{}", self.fees),
                        "kind":FEE_KINDS[kind],"date":date,"amount":format!("{}.{:02}", cents / 100, cents % 100),
                        "order":id,"refund":refund}))?;
                }
            }
            Op::Settle {
                order,
                cents,
                fee_cents,
                stray,
            } => {
                if let Some((channel, id, _)) = self.order(order) {
                    self.fees += 1;
                    let money = |c: i64| format!("{}.{:02}", c / 100, c % 100);
                    let mut rows = vec![
                        json!({"kind":"order","order":id,"amount":money(cents)}),
                        json!({"kind":"fee","fee":"referral","order":id,"amount":format!("-{}", money(fee_cents.max(1)))}),
                        json!({"kind":"refund","order":id,"amount":"-1.00"}),
                    ];
                    if stray {
                        rows.push(json!({"kind":"order","order":"not-ours","amount":"2.50"}));
                    }
                    let date = self.clock.date_naive().to_string();
                    self.step(
                        json!({"type":"record_marketplace_settlement","channel":channel,
                        "settlement":format!("P-{}", self.fees),"date":date,"rows":rows}),
                    )?;
                }
            }
            Op::SettleAll { order } => {
                if let Some((channel, id, _)) = self.order(order)
                    && let Ok(status) = self.book.sales_order(&channel, &id)
                {
                    let open: rust_decimal::Decimal = self
                        .book
                        .open_items(chrono::NaiveDate::MAX)
                        .iter()
                        .filter(|i| status.shipments.iter().any(|s| *s == i.item.document))
                        .map(|i| i.item.open.amount)
                        .sum();
                    if !open.is_zero() {
                        self.fees += 1;
                        let date = self.clock.date_naive().to_string();
                        self.step(
                            json!({"type":"record_marketplace_settlement","channel":channel,
                            "settlement":format!("P-{}", self.fees),"date":date,
                            "rows":[{"kind":"order","order":id,"amount":open.to_string()}]}),
                        )?;
                    }
                }
            }
            Op::Archive { days, forget } => {
                let before =
                    chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap() + Duration::days(days);
                let kept = self.book.sales_orders(None);
                let through = self.book.version() / 2;
                let archived = if forget {
                    let done = self
                        .step(json!({"type":"archive_closed","before":before.to_string(),
                        "forget_commands_through":through}))?;
                    if done {
                        self.forgot_through = self.forgot_through.max(through);
                    }
                    done
                } else {
                    self.step(json!({"type":"archive_closed","before":before.to_string()}))?
                };
                if archived {
                    // What left is refused by name, and only orders dated
                    // before the cut-off with every unit shipped or
                    // cancelled leave.
                    let listed: Vec<(String, String)> = self
                        .book
                        .sales_orders(None)
                        .iter()
                        .map(|o| (o.channel.clone(), o.order.clone()))
                        .collect();
                    for o in &kept {
                        if listed.contains(&(o.channel.clone(), o.order.clone())) {
                            continue;
                        }
                        let err = self.book.sales_order(&o.channel, &o.order).unwrap_err();
                        prop_assert_eq!(err.code(), "ARCHIVED");
                        prop_assert!(o.date < before);
                        for l in &o.lines {
                            prop_assert_eq!(l.ordered, l.shipped + l.cancelled);
                        }
                    }
                    prop_assert!(listed.len() <= kept.len());
                }
            }
        }
        Ok(())
    }
}

fn run(method: ValuationMethod, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut w = World::new(method);
    for op in ops {
        w.apply(op)?;
    }
    let live = w.snapshot();
    let replayed = Book::replay(w.book.config().clone(), w.book.events().iter())
        .map_err(|e| TestCaseError::fail(format!("replay failed: {e}")))?;
    prop_assert_eq!(
        serde_json::to_string(&replayed.snapshot()).unwrap(),
        live.clone(),
        "replay differs"
    );
    let restored = Book::restore(Snapshot::from_json(&live).unwrap())
        .map_err(|e| TestCaseError::fail(format!("restore failed: {e}")))?;
    prop_assert_eq!(serde_json::to_string(&restored.snapshot()).unwrap(), live);
    // A book keeping only its state, replayed from the same events, holds
    // the same state and remembers exactly the commands after the last
    // version an archive forgot (the live book logs them all, so it
    // forgets none).
    let mut config = w.book.config().clone();
    config.keep_events = false;
    let lean = Book::replay(config, w.book.events().iter())
        .map_err(|e| TestCaseError::fail(format!("state-only replay failed: {e}")))?;
    let mut lean = serde_json::to_value(lean.snapshot_without_log()).unwrap();
    let mut full = serde_json::to_value(w.book.snapshot_without_log()).unwrap();
    let recent: Vec<Value> = full["remembered"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c["version"].as_u64().unwrap() > w.forgot_through)
        .collect();
    prop_assert_eq!(
        lean["remembered"].as_array().cloned().unwrap_or_default(),
        recent
    );
    for part in ["remembered", "config", "checksum"] {
        lean.as_object_mut().unwrap().remove(part);
        full.as_object_mut().unwrap().remove(part);
    }
    prop_assert_eq!(lean, full);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn selling_keeps_the_books_the_units_and_the_reservations(
        fifo in any::<bool>(),
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let method = if fifo { ValuationMethod::Fifo } else { ValuationMethod::MovingAverage };
        run(method, &ops)?;
    }

    #[test]
    fn archiving_keeps_the_books_and_replays(
        fifo in any::<bool>(),
        ops in prop::collection::vec(closing_op(), 1..40),
    ) {
        let method = if fifo { ValuationMethod::Fifo } else { ValuationMethod::MovingAverage };
        run(method, &ops)?;
    }
}
