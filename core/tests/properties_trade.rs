//! Property tests of purchasing, transfers and landed cost over random
//! sequences:
//!
//! * a voucher raises inventory, goods in transit and COGS by exactly its
//!   converted charges (less the estimate it replaces);
//! * a transfer line conserves units (accepted + damaged + short + still in
//!   transit = shipped + over) and value (what arrived, what was lost and
//!   what is still in transit = what left plus cost added in transit);
//! * after every command the subledger equals the ledger per scope and
//!   goods in transit equals its account; debits equal credits;
//! * a failed command changes nothing; replay rebuilds the book.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::Harness;
use landed::book::command::{Command, Context};
use landed::book::event::Event;
use landed::book::{Book, BookConfig};
use landed::inventory::{ScopeMode, ValuationMethod};
use landed::trade::CostTarget;
use landed::{Currency, Money};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

const SKUS: [&str; 3] = ["A", "B", "C"];
const LOCATIONS: [&str; 3] = ["SZ", "DE", "FBA"];
const METHODS: [&str; 6] = [
    "equal",
    "quantity",
    "value",
    "weight",
    "volume",
    "chargeable_weight",
];

#[derive(Clone, Debug)]
enum Op {
    Purchase {
        sku: usize,
        loc: usize,
        ordered: i64,
        received: i64,
        cents: i64,
    },
    Issue {
        sku: usize,
        loc: usize,
        qty: i64,
    },
    Transfer {
        sku: usize,
        from: usize,
        to: usize,
        qty: i64,
    },
    Receive {
        transfer: usize,
        accepted: i64,
        damaged: i64,
        short: i64,
        claim: bool,
    },
    Close {
        transfer: usize,
    },
    Voucher {
        targets: Vec<usize>,
        cents: i64,
        usd: bool,
        method: usize,
        estimate: bool,
        replace: bool,
    },
    Invoice {
        receipt: usize,
        cents: i64,
    },
    Milestone {
        transfer: usize,
        event: u8,
    },
    NextDay,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..3usize, 1..40i64, 1..45i64, 1..5000i64).prop_map(
            |(sku, loc, ordered, received, cents)| Op::Purchase { sku, loc, ordered, received, cents }
        ),
        3 => (0..3usize, 0..3usize, 1..20i64).prop_map(|(sku, loc, qty)| Op::Issue { sku, loc, qty }),
        3 => (0..3usize, 0..3usize, 0..3usize, 1..25i64)
            .prop_map(|(sku, from, to, qty)| Op::Transfer { sku, from, to, qty }),
        3 => (0..8usize, 0..15i64, 0..4i64, 0..4i64, any::<bool>()).prop_map(
            |(transfer, accepted, damaged, short, claim)| Op::Receive { transfer, accepted, damaged, short, claim }
        ),
        1 => (0..8usize).prop_map(|transfer| Op::Close { transfer }),
        3 => (
            prop::collection::vec(0..12usize, 1..4),
            -3000..20000i64,
            any::<bool>(),
            0..6usize,
            prop::bool::weighted(0.2),
            prop::bool::weighted(0.3)
        )
            .prop_map(|(targets, cents, usd, method, estimate, replace)| Op::Voucher {
                targets, cents, usd, method, estimate, replace
            }),
        1 => (0..10usize, 1..6000i64).prop_map(|(receipt, cents)| Op::Invoice { receipt, cents }),
        1 => (0..8usize, 0..3u8).prop_map(|(transfer, event)| Op::Milestone { transfer, event }),
        2 => Just(Op::NextDay),
    ]
}

struct World {
    h: Harness,
    counter: usize,
    transfers: Vec<String>,
    receipts: Vec<(String, u32)>,
    estimates: Vec<String>,
}

fn cents(c: i64) -> String {
    Money::from_minor_units(i128::from(c), Currency::from_code("USD").unwrap())
        .unwrap()
        .amount
        .to_string()
}

impl World {
    fn new(method: ValuationMethod, scope: ScopeMode) -> Self {
        let mut config = BookConfig::new(Currency::from_code("CNY").unwrap());
        config.valuation_method = method;
        config.valuation_scope = scope;
        config.trade.over_receipt_tolerance_percent = Decimal::from(10);
        let mut h = Harness::with_config(config);
        h.clock = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        let mut w = Self {
            h,
            counter: 0,
            transfers: Vec::new(),
            receipts: Vec::new(),
            estimates: Vec::new(),
        };
        for (code, kind) in [("SZ", "own"), ("DE", "third_party"), ("FBA", "fba")] {
            w.must(json!({"type":"define_location","code":code,"name":code,"kind":kind}));
        }
        w.must(
            json!({"type":"define_sku","code":"A","name":"A","weight_kg":"1.5",
            "dimensions_cm":{"length":"20","width":"20","height":"20"}}),
        );
        w.must(json!({"type":"define_sku","code":"B","name":"B","weight_kg":"0.25"}));
        w.must(json!({"type":"define_sku","code":"C","name":"C"}));
        w.must(json!({"type":"define_supplier","code":"F","name":"F","currency":"USD"}));
        let entries: Vec<Value> = (1..=30)
            .map(|d| {
                json!({"base":"USD","quote":"CNY","date":format!("2026-11-{d:02}"),
                       "rate":format!("7.{:02}", 5 + d % 7)})
            })
            .collect();
        w.must(json!({"type":"record_rates","entries":entries}));
        w
    }

    fn id(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}-{}", self.counter)
    }

    fn must(&mut self, value: Value) {
        let command: Command = serde_json::from_value(value).unwrap();
        self.h.run(command);
    }

    /// Runs a command and checks the invariants after it, whether it
    /// succeeded or not. Returns whether it succeeded.
    fn step(&mut self, value: Value) -> Result<bool, TestCaseError> {
        let command: Command = serde_json::from_value(value.clone()).unwrap();
        let before = self.h.snapshot_json();
        self.h.next_id += 1;
        self.h.clock += Duration::minutes(1);
        let context = Context::new(self.h.clock, format!("cmd-{}", self.h.next_id));
        match self.h.book.execute(command, &context) {
            Err(e) => {
                prop_assert_eq!(&self.h.snapshot_json(), &before, "{} changed the book", e);
                prop_assert_ne!(e.code(), "INTERNAL", "{}: {}", value, e);
                Ok(false)
            }
            Ok(outcome) => {
                for r in &outcome.events {
                    if let Event::LandedCostApplied { voucher, lines } = &r.event {
                        let mut charged: Decimal =
                            voucher.charges.iter().map(|c| c.functional.amount).sum();
                        if let Some(estimate) = &voucher.replaces {
                            let e = &self.h.book.snapshot_value()["trade"]["vouchers"][estimate];
                            for c in e["charges"].as_array().unwrap() {
                                let f: Decimal =
                                    c["functional"]["amount"].as_str().unwrap().parse().unwrap();
                                charged -= f;
                            }
                        }
                        let mut split = Decimal::ZERO;
                        for l in lines {
                            split += l.split.expensed;
                            split += l
                                .split
                                .capitalised
                                .iter()
                                .map(|c| c.amount)
                                .sum::<Decimal>();
                            split += l.split.transit.iter().map(|c| c.amount).sum::<Decimal>();
                            prop_assert_eq!(
                                l.amount,
                                l.by_kind.values().map(|v| v.0).sum::<Decimal>()
                            );
                        }
                        prop_assert_eq!(split, charged, "voucher {}", voucher.voucher);
                    }
                }
                self.check()?;
                Ok(true)
            }
        }
    }

    fn check(&self) -> Result<(), TestCaseError> {
        for line in self.h.book.reconciliation() {
            prop_assert!(line.difference.amount.is_zero(), "{:?}", line);
        }
        let tb = self.h.book.trial_balance(chrono::NaiveDate::MAX, None);
        prop_assert_eq!(tb.total_debit, tb.total_credit);
        for id in &self.transfers {
            let t = self.h.book.transfer(id).unwrap();
            for l in &t.lines {
                prop_assert_eq!(
                    l.accepted + l.damaged + l.short + l.in_transit(),
                    l.shipped + l.over,
                    "{} line {}",
                    id,
                    l.line
                );
            }
        }
        Ok(())
    }

    /// The location holding the most available units of a SKU.
    fn best_source(&self, sku: usize) -> (usize, i64) {
        (0..LOCATIONS.len())
            .map(|l| {
                let q = self
                    .h
                    .book
                    .position(SKUS[sku], LOCATIONS[l], None)
                    .map_or(0, |p| p.quantities.available);
                (l, q)
            })
            .max_by_key(|(l, q)| (*q, std::cmp::Reverse(*l)))
            .unwrap_or((0, 0))
    }

    fn target(&self, index: usize) -> Option<Value> {
        let n = self.receipts.len() + self.transfers.len();
        if n == 0 {
            return None;
        }
        let i = index % n;
        Some(if i < self.receipts.len() {
            let (r, l) = &self.receipts[i];
            json!({"type":"receipt","receipt":r,"line":l})
        } else {
            json!({"type":"transfer","transfer":self.transfers[i - self.receipts.len()],"line":1})
        })
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        match op {
            Op::Purchase {
                sku,
                loc,
                ordered,
                received,
                cents: c,
            } => {
                let po = self.id("PO");
                self.step(json!({"type":"create_purchase_order","po":po,"supplier":"F","date":"2026-11-01",
                    "lines":[{"sku":SKUS[*sku],"quantity":ordered,"unit_price":{"amount":cents(*c),"currency":"USD"},
                              "destination":LOCATIONS[*loc]}]}))?;
                self.step(json!({"type":"confirm_purchase_order","po":po}))?;
                let receipt = self.id("GRN");
                // Mostly within the order and its 10% tolerance; sometimes beyond.
                let received = if received % 7 == 0 {
                    *received
                } else {
                    (*received).min(*ordered)
                };
                if self.step(
                    json!({"type":"receive_purchase_order","po":po,"receipt":receipt,
                    "lines":[{"line":1,"quantity":received}]}),
                )? {
                    self.receipts.push((receipt, 1));
                }
                if received < *ordered {
                    self.step(json!({"type":"close_purchase_order","po":po}))?;
                }
            }
            Op::Issue { sku, loc, qty } => {
                // Mostly from where the stock is, at most what is there.
                let (best, available) = self.best_source(*sku);
                let (loc, qty) = if *qty % 5 == 0 || available == 0 {
                    (*loc, *qty)
                } else {
                    (best, (*qty).min(available))
                };
                self.step(
                    json!({"type":"issue","sku":SKUS[*sku],"location":LOCATIONS[loc],
                    "quantity":qty,"reason":"sale"}),
                )?;
            }
            Op::Transfer { sku, from, to, qty } => {
                let (best, available) = self.best_source(*sku);
                let (from, qty) = if *qty % 6 == 0 || available == 0 {
                    (*from, *qty)
                } else {
                    (best, (*qty).min(available))
                };
                let from = &from;
                let to = &(if *to == *from {
                    (*to + 1) % LOCATIONS.len()
                } else {
                    *to
                });
                let t = self.id("T");
                if self.step(
                    json!({"type":"create_transfer","transfer":t,"source":LOCATIONS[*from],
                    "destination":LOCATIONS[*to],"lines":[{"sku":SKUS[*sku],"quantity":qty}]}),
                )? {
                    self.transfers.push(t.clone());
                    if self.step(json!({"type":"approve_transfer","transfer":t}))? {
                        self.step(json!({"type":"ship_transfer","transfer":t,
                            "shipment":{"carrier":"X"}}))?;
                    }
                }
            }
            Op::Receive {
                transfer,
                accepted,
                damaged,
                short,
                claim,
            } => {
                if !self.transfers.is_empty() {
                    let t = self.transfers[transfer % self.transfers.len()].clone();
                    // Mostly what is still in transit, sometimes more (over).
                    let left = self
                        .h
                        .book
                        .transfer(&t)
                        .map_or(0, |x| x.lines[0].in_transit());
                    let accepted = if accepted % 4 == 0 {
                        *accepted
                    } else {
                        (*accepted).min(left)
                    };
                    let damaged = (*damaged).min((left - accepted).max(0));
                    let short = (*short).min((left - accepted - damaged).max(0));
                    self.step(
                        json!({"type":"receive_transfer","transfer":t,"lines":[{"line":1,
                        "accepted":accepted,"damaged":damaged,"short":short,
                        "short_to": if *claim {"claim"} else {"loss"}}]}),
                    )?;
                }
            }
            Op::Close { transfer } => {
                if !self.transfers.is_empty() {
                    let t = self.transfers[transfer % self.transfers.len()].clone();
                    self.step(json!({"type":"close_transfer","transfer":t}))?;
                }
            }
            Op::Voucher {
                targets,
                cents: c,
                usd,
                method,
                estimate,
                replace,
            } => {
                let targets: Vec<Value> = targets.iter().filter_map(|i| self.target(*i)).collect();
                if targets.is_empty() {
                    return Ok(());
                }
                let voucher = self.id("LC");
                let currency = if *usd { "USD" } else { "CNY" };
                let mut spec = json!({"type":"apply_landed_cost","voucher":voucher,
                    "date":self.h.clock.date_naive().to_string(),"equal_fallback":true,
                    "charges":[{"description":"charge","kind":"freight",
                        "amount":{"amount":cents(*c),"currency":currency},"account":"2200",
                        "method":METHODS[*method],"divisor":5000}],
                    "targets":targets});
                let replaced = if *replace && !*estimate {
                    self.estimates.pop()
                } else {
                    None
                };
                if let Some(e) = &replaced {
                    spec["replaces"] = json!(e);
                }
                if *estimate {
                    spec["estimate"] = json!(true);
                }
                let ok = self.step(spec)?;
                if ok && *estimate {
                    self.estimates.push(voucher);
                } else if !ok && let Some(e) = replaced {
                    self.estimates.push(e);
                }
            }
            Op::Invoice { receipt, cents: c } => {
                if self.receipts.is_empty() {
                    return Ok(());
                }
                let (r, l) = self.receipts[receipt % self.receipts.len()].clone();
                let document = self.id("INV");
                let received = self.h.book.snapshot_value()["trade"]["receipts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|pair| pair[0][0] == json!(r))
                    .map(|pair| pair[1]["quantity"].as_i64().unwrap())
                    .unwrap_or(1);
                self.step(
                    json!({"type":"match_supplier_invoice","document":document,"supplier":"F",
                    "date":self.h.clock.date_naive().to_string(),
                    "lines":[{"receipt":r,"line":l,"quantity":received,
                              "unit_price":{"amount":cents(*c),"currency":"USD"}}]}),
                )?;
            }
            Op::Milestone { transfer, event } => {
                if !self.transfers.is_empty() {
                    let t = self.transfers[transfer % self.transfers.len()].clone();
                    let m = json!({"type":"record_milestone","document":t,
                        "milestone":{"event_id":format!("E{event}"),"milestone":"departed",
                                     "at":"2026-11-03T00:00:00Z"}});
                    let version = self.h.book.version();
                    let first = self.step(m.clone())?;
                    if first {
                        let v = self.h.book.version();
                        let transfer_before =
                            serde_json::to_string(&self.h.book.transfer(&t).unwrap()).unwrap();
                        self.step(m)?;
                        // Logged (so its id is remembered), but it changes nothing.
                        prop_assert_eq!(self.h.book.version(), v + 1);
                        let last = self.h.book.events().last().unwrap();
                        prop_assert_eq!(
                            serde_json::to_value(&last.event).unwrap(),
                            json!({"type": "no_effect"}),
                            "a repeated carrier event changed the book"
                        );
                        prop_assert_eq!(
                            serde_json::to_string(&self.h.book.transfer(&t).unwrap()).unwrap(),
                            transfer_before
                        );
                        prop_assert!(v <= version + 1);
                    }
                }
            }
            Op::NextDay => self.h.clock += Duration::days(1),
        }
        Ok(())
    }
}

trait SnapshotValue {
    fn snapshot_value(&self) -> Value;
}

impl SnapshotValue for Book {
    fn snapshot_value(&self) -> Value {
        serde_json::to_value(self).unwrap()
    }
}

/// Value conservation per transfer line, from the events.
fn transfer_values_conserved(book: &Book) -> Result<(), TestCaseError> {
    use std::collections::BTreeMap;
    let mut moved: BTreeMap<(String, u32), (Decimal, Decimal)> = BTreeMap::new();
    for r in book.events() {
        match &r.event {
            Event::TransferLineShipped {
                transfer,
                line,
                stock,
                ..
            } => moved.entry((transfer.clone(), *line)).or_default().0 += stock.value.amount,
            Event::TransferLineReceived {
                transfer,
                line,
                stock,
                over: false,
                ..
            } => moved.entry((transfer.clone(), *line)).or_default().1 += stock.value.amount,
            Event::TransferLineShort {
                transfer,
                line,
                value,
                ..
            } => moved.entry((transfer.clone(), *line)).or_default().1 += value.amount,
            Event::LandedCostApplied { lines, .. } => {
                for l in lines {
                    for t in &l.split.transit {
                        moved.entry((t.transfer.clone(), t.line)).or_default().0 += t.amount;
                    }
                }
            }
            Event::SupplierInvoiceMatched { lines, .. } => {
                for t in lines
                    .iter()
                    .filter_map(|l| l.split.as_ref())
                    .flat_map(|s| &s.transit)
                {
                    moved.entry((t.transfer.clone(), t.line)).or_default().0 += t.amount;
                }
            }
            _ => {}
        }
    }
    for ((transfer, line), (into_transit, out_of_transit)) in moved {
        let t = book.transfer(&transfer).unwrap();
        let l = t.lines.iter().find(|l| l.line == line).unwrap();
        prop_assert_eq!(
            into_transit,
            out_of_transit + l.in_transit_value(),
            "{} line {}",
            transfer,
            line
        );
    }
    Ok(())
}

fn run(method: ValuationMethod, scope: ScopeMode, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut w = World::new(method, scope);
    for op in ops {
        w.apply(op)?;
    }
    transfer_values_conserved(&w.h.book)?;
    if std::env::var_os("TRADE_STATS").is_some() {
        let mut kinds = std::collections::BTreeMap::<String, usize>::new();
        for r in w.h.book.events() {
            let v = serde_json::to_value(&r.event).unwrap();
            *kinds
                .entry(v["type"].as_str().unwrap().to_owned())
                .or_default() += 1;
        }
        eprintln!("{kinds:?}");
    }
    // Every target kind was exercised by name at least in the types.
    let _ = CostTarget::Receipt {
        receipt: String::new(),
        line: 0,
    };
    let replayed = Book::replay(w.h.book.config().clone(), w.h.book.events().iter())
        .map_err(|e| TestCaseError::fail(format!("replay failed: {e}")))?;
    prop_assert_eq!(
        serde_json::to_string(&replayed).unwrap(),
        w.h.snapshot_json(),
        "replay differs"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn goods_flow_keeps_the_books_and_the_units(
        fifo in any::<bool>(),
        company in any::<bool>(),
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let method = if fifo { ValuationMethod::Fifo } else { ValuationMethod::MovingAverage };
        let scope = if company { ScopeMode::Company } else { ScopeMode::Warehouse };
        run(method, scope, &ops)?;
    }
}
