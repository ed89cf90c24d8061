//! Property tests of the book over random command sequences.
//!
//! Invariants: units are conserved; no bucket goes negative
//! while negative stock is refused; a failed command changes nothing; a
//! repeated command id has one effect; on-hand value is never negative and
//! is exactly zero when the quantity is; the value of the events equals the
//! value of the book; replaying the log rebuilds the book byte for byte.
//! With damage write-down on: the allowance in the ledger equals the sum of
//! the positions' allowances, none is negative, and a position without
//! damaged units holds none.

mod common;

use std::collections::BTreeMap;

use common::*;
use landed::book::command::{Adjust, Command, Context, Issue, IssueReason, Move, Receive};
use landed::book::event::Event;
use landed::book::{Book, BookConfig};
use landed::catalog::LocationKind;
use landed::inventory::{Bucket, NegativeStockPolicy, ScopeMode, ValuationMethod};
use landed::{Currency, Money};
use proptest::prelude::*;
use rust_decimal::Decimal;

const SKUS: [&str; 3] = ["A", "B", "LOT"];
const LOCATIONS: [&str; 3] = ["SZ", "DE1", "DE2"];
const LOTS: [&str; 3] = ["L1", "L2", "L3"];
const ON_SITE: [Bucket; 8] = [
    Bucket::Receiving,
    Bucket::Available,
    Bucket::Committed,
    Bucket::Reserved,
    Bucket::QualityControl,
    Bucket::SafetyStock,
    Bucket::Damaged,
    Bucket::Researching,
];

#[derive(Clone, Debug)]
enum Op {
    Receive {
        sku: usize,
        loc: usize,
        qty: i64,
        cents: i64,
        bucket: usize,
        lot: usize,
    },
    Issue {
        sku: usize,
        loc: usize,
        qty: i64,
        bucket: usize,
        lot: Option<usize>,
    },
    Move {
        sku: usize,
        loc: usize,
        qty: i64,
        from: usize,
        to: usize,
        lot: Option<usize>,
    },
    Adjust {
        sku: usize,
        loc: usize,
        qty: i64,
        lot: usize,
        damaged: bool,
    },
    Open {
        loc: usize,
    },
    Count {
        sku: usize,
        lot: usize,
        counted: i64,
    },
    Post,
    Cancel,
    Retry {
        back: usize,
    },
    Lock,
    Clash {
        back: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 0..3usize, 1..20i64, 0..5_000i64, prop_oneof![3 => Just(0usize), 1 => 1..4usize], 0..3usize).prop_map(
            |(sku, loc, qty, cents, bucket, lot)| Op::Receive { sku, loc, qty, cents, bucket, lot }
        ),
        4 => (0..3usize, 0..3usize, 1..8i64, prop_oneof![3 => Just(0usize), 1 => 1..3usize], prop::option::of(0..3usize))
            .prop_map(|(sku, loc, qty, bucket, lot)| Op::Issue { sku, loc, qty, bucket, lot }),
        // From and to damaged (ON_SITE[6]) often, for the write-down.
        3 => (0..3usize, 0..3usize, 1..6i64, prop_oneof![2 => Just(1usize), 1 => Just(6usize), 1 => 0..8usize], prop_oneof![1 => Just(6usize), 3 => 0..8usize], prop::option::of(0..3usize))
            .prop_map(|(sku, loc, qty, from, to, lot)| Op::Move { sku, loc, qty, from, to, lot }),
        2 => (0..3usize, 0..3usize, -8..8i64, 0..3usize, prop::bool::weighted(0.3)).prop_map(|(sku, loc, qty, lot, damaged)| Op::Adjust { sku, loc, qty, lot, damaged }),
        1 => (0..3usize).prop_map(|loc| Op::Open { loc }),
        1 => (0..3usize, 0..3usize, 0..30i64).prop_map(|(sku, lot, counted)| Op::Count { sku, lot, counted }),
        2 => Just(Op::Post),
        1 => Just(Op::Cancel),
        1 => (0..50usize).prop_map(|back| Op::Retry { back }),
        1 => Just(Op::Lock),
        1 => (0..50usize).prop_map(|back| Op::Clash { back }),
    ]
}

struct Run {
    h: Harness,
    sent: Vec<(Command, Context)>,
    stocktakes: usize,
    refuse: bool,
    write_down: bool,
}

impl Run {
    fn lot_for(&self, sku: usize, lot: usize) -> Option<String> {
        (SKUS[sku] == "LOT").then(|| LOTS[lot].to_string())
    }

    fn command(&mut self, op: &Op) -> Option<(Command, Context)> {
        let ctx = self.h.context();
        let command = match *op {
            Op::Receive {
                sku,
                loc,
                qty,
                cents,
                bucket,
                lot,
            } => Command::Receive(Receive {
                sku: SKUS[sku].into(),
                location: LOCATIONS[loc].into(),
                quantity: qty,
                unit_cost: Money::new(Decimal::new(cents, 2), Currency::from_code("USD").ok()?),
                bucket: [
                    Bucket::Available,
                    Bucket::QualityControl,
                    Bucket::Damaged,
                    Bucket::Receiving,
                ][bucket],
                lot: self.lot_for(sku, lot),
                // One expiry per lot number, so repeated receipts agree.
                expiry: self.lot_for(sku, lot).and_then(|_| {
                    let base = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)?;
                    base.checked_add_days(chrono::Days::new(10 * lot as u64))
                }),
                damage_reason: Some("defective".into()),
                reference: None,
            }),
            Op::Issue {
                sku,
                loc,
                qty,
                bucket,
                lot,
            } => Command::Issue(Issue {
                sku: SKUS[sku].into(),
                location: LOCATIONS[loc].into(),
                quantity: qty,
                reason: IssueReason::Sale,
                bucket: [Bucket::Available, Bucket::Committed, Bucket::Damaged][bucket],
                lot: lot.and_then(|l| self.lot_for(sku, l)),
                reference: None,
                channel: None,
            }),
            Op::Move {
                sku,
                loc,
                qty,
                from,
                to,
                lot,
            } => Command::Move(Move {
                sku: SKUS[sku].into(),
                location: LOCATIONS[loc].into(),
                quantity: qty,
                from: ON_SITE[from],
                to: ON_SITE[to],
                lot: lot.and_then(|l| self.lot_for(sku, l)),
                reason: Some("customer_damaged".into()),
                reference: None,
            }),
            Op::Adjust {
                sku,
                loc,
                qty,
                lot,
                damaged,
            } => Command::Adjust(Adjust {
                sku: SKUS[sku].into(),
                location: LOCATIONS[loc].into(),
                quantity: qty,
                bucket: if damaged {
                    Bucket::Damaged
                } else {
                    Bucket::Available
                },
                lot: self.lot_for(sku, lot),
                expiry: None,
                unit_cost: None,
                reason: "cycle count".into(),
            }),
            Op::Open { loc } => {
                self.stocktakes += 1;
                Command::OpenStocktake {
                    stocktake: format!("ST{}", self.stocktakes),
                    location: LOCATIONS[loc].into(),
                }
            }
            Op::Count { sku, lot, counted } => Command::RecordCount {
                stocktake: format!("ST{}", self.stocktakes),
                sku: SKUS[sku].into(),
                lot: self.lot_for(sku, lot),
                counted,
            },
            Op::Post => Command::PostStocktake {
                stocktake: format!("ST{}", self.stocktakes),
            },
            Op::Lock => Command::LockPeriod {
                through: self.h.clock.date_naive(),
            },
            Op::Cancel => Command::CancelStocktake {
                stocktake: format!("ST{}", self.stocktakes),
            },
            Op::Retry { back } | Op::Clash { back } => {
                let (command, context) = self
                    .sent
                    .get(
                        self.sent
                            .len()
                            .checked_sub(back % self.sent.len().max(1) + 1)?,
                    )?
                    .clone();
                if matches!(op, Op::Clash { .. }) {
                    // Same id, different command: must be refused.
                    return Some((issue("A", "SZ", 1_000_000), context));
                }
                return Some((command, context));
            }
        };
        Some((command, ctx))
    }
}

fn values_of_events(book: &Book) -> BTreeMap<String, Decimal> {
    let mut by_sku: BTreeMap<String, Decimal> = BTreeMap::new();
    for r in book.events() {
        match &r.event {
            Event::Received(s) | Event::AdjustedUp(s) => {
                let t = s
                    .cost
                    .true_up
                    .as_ref()
                    .map_or(Decimal::ZERO, |t| t.difference);
                *by_sku.entry(s.sku.to_string()).or_default() += s.value.amount - t;
            }
            Event::Issued(s) | Event::AdjustedDown(s) => {
                *by_sku.entry(s.sku.to_string()).or_default() -= s.value.amount
            }
            _ => {}
        }
    }
    by_sku
}

fn units_of_events(book: &Book) -> BTreeMap<String, i64> {
    let mut by_sku: BTreeMap<String, i64> = BTreeMap::new();
    for r in book.events() {
        match &r.event {
            Event::Received(s) | Event::AdjustedUp(s) => {
                *by_sku.entry(s.sku.to_string()).or_default() += s.quantity
            }
            Event::Issued(s) | Event::AdjustedDown(s) => {
                *by_sku.entry(s.sku.to_string()).or_default() -= s.quantity
            }
            _ => {}
        }
    }
    by_sku
}

fn check_invariants(run: &Run) -> Result<(), TestCaseError> {
    let book = &run.h.book;
    // Every entry balances; the subledger equals the ledger per scope; the
    // trial balance's debits equal its credits.
    for entry in book.journal() {
        prop_assert_eq!(
            entry.total_debit(),
            entry.total_credit(),
            "unbalanced {:?}",
            entry
        );
    }
    for line in book.reconciliation() {
        prop_assert!(line.difference.is_zero(), "subledger != ledger: {:?}", line);
    }
    let tb = book.trial_balance(chrono::NaiveDate::MAX, None);
    prop_assert_eq!(tb.total_debit, tb.total_credit);
    // Nothing posts on or before a lock date once it is set.
    let mut lock = None;
    for r in book.events() {
        match &r.event {
            Event::PeriodLocked { through } => lock = Some(*through),
            Event::JournalPosted(e) => {
                if let Some(lock) = lock {
                    prop_assert!(
                        e.date > lock,
                        "entry {} dated {} on or before the lock {}",
                        e.id,
                        e.date,
                        lock
                    );
                }
            }
            _ => {}
        }
    }
    // The write-down allowance: per position never negative and nothing
    // without damaged units; in all, what the allowance account holds.
    let mut allowances = Decimal::ZERO;
    for sku in SKUS {
        for p in &book.stock(sku).unwrap().positions {
            if let Some(a) = &p.write_down_allowance {
                prop_assert!(run.write_down, "allowance without the option: {:?}", p);
                prop_assert!(a.amount > Decimal::ZERO, "allowance {:?}", p);
                prop_assert!(a.is_rounded(), "allowance {:?}", p);
                prop_assert!(
                    p.quantities.damaged > 0,
                    "allowance without damaged units: {:?}",
                    p
                );
                allowances += a.amount;
            }
        }
    }
    let in_ledger = tb
        .lines
        .iter()
        .find(|l| l.account == "1390")
        .map_or(Decimal::ZERO, |l| -l.balance.amount);
    prop_assert_eq!(
        in_ledger,
        allowances,
        "allowance account != positions' allowances"
    );
    let mut by_scope = Decimal::ZERO;
    for line in book.reconciliation() {
        prop_assert!(
            line.allowance_difference.is_zero(),
            "allowance != ledger: {:?}",
            line
        );
        prop_assert_eq!(
            line.net.amount,
            line.subledger.amount - line.allowance.amount
        );
        by_scope += line.allowance.amount;
    }
    prop_assert_eq!(by_scope, allowances);
    let units = units_of_events(book);
    let values = values_of_events(book);
    for sku in SKUS {
        let stock = book.stock(sku).unwrap();
        let valued: i64 = stock
            .positions
            .iter()
            .map(|p| p.on_hand + p.quantities.receiving + p.quantities.researching)
            .sum();
        prop_assert_eq!(
            valued,
            units.get(sku).copied().unwrap_or(0),
            "units of {} not conserved",
            sku
        );
        if run.refuse {
            for p in &stock.positions {
                let q = &p.quantities;
                for v in [
                    q.receiving,
                    q.available,
                    q.committed,
                    q.reserved,
                    q.quality_control,
                    q.safety_stock,
                    q.damaged,
                    q.researching,
                ] {
                    prop_assert!(v >= 0, "negative bucket in {:?}", p);
                }
                let reasons: i64 = p.damaged_by_reason.values().sum();
                prop_assert_eq!(reasons, q.damaged);
            }
        }
        let lines = book.valuation(Some(sku)).unwrap();
        let line_value: Decimal = lines.iter().map(|l| l.value.amount).sum();
        prop_assert_eq!(
            line_value,
            values.get(sku).copied().unwrap_or_default(),
            "value of {} drifted",
            sku
        );
        for line in &lines {
            prop_assert!(line.value.is_rounded(), "{:?}", line);
            if run.refuse {
                prop_assert!(
                    line.value.amount >= Decimal::ZERO,
                    "negative value {:?}",
                    line
                );
            }
            if line.quantity == 0 {
                prop_assert!(line.value.is_zero(), "value without units {:?}", line);
            }
        }
    }
    Ok(())
}

/// Book options of one random run.
#[derive(Clone, Copy, Debug)]
struct Options {
    fifo: bool,
    allow_negative: bool,
    company: bool,
    write_down: bool,
}

/// Runs `ops` on a fresh book, checking the invariants after each command,
/// then replays the log and reverses every entry.
fn check_sequence(ops: &[Op], o: Options) -> Result<(), TestCaseError> {
    let mut config = BookConfig::new(Currency::from_code("USD").unwrap());
    config.valuation_method = if o.fifo {
        ValuationMethod::Fifo
    } else {
        ValuationMethod::MovingAverage
    };
    config.negative_stock = if o.allow_negative {
        NegativeStockPolicy::Allow
    } else {
        NegativeStockPolicy::Refuse
    };
    config.valuation_scope = if o.company {
        ScopeMode::Company
    } else {
        ScopeMode::Warehouse
    };
    config.damage_write_down = o.write_down;
    let mut h = Harness::with_config(config);
    h.run(Command::DefineLocation(location("SZ", LocationKind::Own)));
    let mut de1 = location("DE1", LocationKind::ThirdParty);
    de1.valuation_scope = Some("EU".into());
    let mut de2 = location("DE2", LocationKind::ThirdParty);
    de2.valuation_scope = Some("EU".into());
    h.run(Command::DefineLocation(de1));
    h.run(Command::DefineLocation(de2));
    h.run(Command::DefineSku(sku("A")));
    h.run(Command::DefineSku(sku("B")));
    let mut lot_sku = sku("LOT");
    lot_sku.lot_tracked = true;
    h.run(Command::DefineSku(lot_sku));
    let mut run = Run {
        h,
        sent: Vec::new(),
        stocktakes: 0,
        refuse: !o.allow_negative,
        write_down: o.write_down,
    };

    for op in ops {
        let Some((command, context)) = run.command(op) else {
            continue;
        };
        let before = run.h.snapshot_json();
        let version = run.h.book.version();
        let retry = run
            .sent
            .iter()
            .any(|(_, c)| c.command_id == context.command_id);
        match run.h.book.execute(command.clone(), &context) {
            Ok(outcome) => {
                if retry {
                    prop_assert!(outcome.duplicate);
                    prop_assert_eq!(
                        run.h.snapshot_json(),
                        before,
                        "a retried command changed the book"
                    );
                } else {
                    prop_assert!(!outcome.duplicate);
                    prop_assert_eq!(outcome.version, version + 1);
                    prop_assert!(!outcome.events.is_empty());
                    run.sent.push((command, context));
                }
            }
            Err(e) => {
                prop_assert_eq!(
                    run.h.snapshot_json(),
                    before,
                    "failed command {:?} ({}) changed the book",
                    command,
                    e
                );
                if matches!(op, Op::Clash { .. }) {
                    prop_assert_eq!(e.code(), "IDEMPOTENCY_CONFLICT");
                }
            }
        }
        check_invariants(&run)?;
    }

    let live = run.h.snapshot_json();
    let config = run.h.book.config().clone();
    let replayed = Book::replay(config.clone(), run.h.book.events()).unwrap();
    prop_assert_eq!(serde_json::to_string(&replayed).unwrap(), live.as_str());

    // Every way of rebuilding the book remembers every command: replay
    // (which indexes ids at the end), streaming event by event (which
    // indexes as it goes) and restoring a snapshot. A retried command is
    // answered with its original events; its id with another command is a
    // conflict.
    let mut streamed = Book::new(config).unwrap();
    for event in run.h.book.events() {
        streamed.replay_one(event).unwrap();
    }
    prop_assert_eq!(serde_json::to_string(&streamed).unwrap(), live.as_str());
    let restored = Book::restore(run.h.book.snapshot()).unwrap();
    for mut book in [replayed, streamed, restored] {
        for (command, context) in &run.sent {
            let original = run.h.book.execute(command.clone(), context).unwrap();
            let again = book.execute(command.clone(), context).unwrap();
            prop_assert!(again.duplicate);
            prop_assert_eq!(again.version, original.version);
            prop_assert_eq!(&again.events, &original.events);
        }
        if let [(first, first_context), (second, _), ..] = run.sent.as_slice()
            && first != second
        {
            let clash = book.execute(second.clone(), first_context).unwrap_err();
            prop_assert_eq!(clash.code(), "IDEMPOTENCY_CONFLICT");
        }
        prop_assert_eq!(serde_json::to_string(&book).unwrap(), live.as_str());
    }

    // A book that keeps only its state, replayed from the same events, is
    // the keeping book with its log forgotten, and still answers every
    // retry with its version and refuses a clash.
    let state_only_config = run.h.book.config().clone().keep_events(false);
    let mut state_only = Book::replay(state_only_config, run.h.book.events()).unwrap();
    let without_config = |json: String| {
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["config"] = serde_json::Value::Null;
        value["checksum"] = serde_json::Value::Null;
        value
    };
    let forgotten = serde_json::to_string(&run.h.book.snapshot_without_log()).unwrap();
    prop_assert_eq!(
        without_config(serde_json::to_string(&state_only.snapshot()).unwrap()),
        without_config(forgotten)
    );
    prop_assert!(state_only.events().is_empty());
    for (command, context) in &run.sent {
        let original = run.h.book.execute(command.clone(), context).unwrap();
        let again = state_only.execute(command.clone(), context).unwrap();
        prop_assert!(again.duplicate && again.events.is_empty());
        prop_assert_eq!(again.version, original.version);
    }
    if let [(first, first_context), (second, _), ..] = run.sent.as_slice()
        && first != second
    {
        let clash = state_only
            .execute(second.clone(), first_context)
            .unwrap_err();
        prop_assert_eq!(clash.code(), "IDEMPOTENCY_CONFLICT");
    }

    // Every entry of these runs is the voucher of a stock movement: its
    // reversal is refused (a reversed voucher would leave the ledger apart
    // from the pools), so stock and ledger stay reconciled.
    let ids: Vec<u64> = run.h.book.journal().iter().map(|e| e.id).collect();
    let later = run.h.clock.date_naive() + chrono::Days::new(1);
    let before = serde_json::to_string(&run.h.book).unwrap();
    for id in ids {
        let err = run
            .h
            .try_run(Command::ReverseEntry {
                entry: id,
                date: later,
            })
            .unwrap_err();
        prop_assert_eq!(err.code(), "ENTRY_STATE");
    }
    prop_assert_eq!(serde_json::to_string(&run.h.book).unwrap(), before);
    for line in run.h.book.reconciliation() {
        prop_assert!(line.difference.amount.is_zero(), "{:?}", line);
    }
    Ok(())
}

/// Commands that move units into, within and out of the damaged bucket
/// (no locks or counts, which stop stock commands for the rest of a run).
fn damage_op() -> impl Strategy<Value = Op> {
    // ON_SITE indexes: 1 available, 4 quality_control, 6 damaged.
    let bucket = || prop_oneof![Just(1usize), Just(4usize), Just(6usize)];
    prop_oneof![
        3 => (0..3usize, 0..3usize, 1..20i64, 0..5_000i64, prop_oneof![Just(0usize), Just(2usize)], 0..3usize).prop_map(
            |(sku, loc, qty, cents, bucket, lot)| Op::Receive { sku, loc, qty, cents, bucket, lot }
        ),
        3 => (0..3usize, 0..3usize, 1..8i64, prop_oneof![1 => Just(0usize), 2 => Just(2usize)], prop::option::of(0..3usize))
            .prop_map(|(sku, loc, qty, bucket, lot)| Op::Issue { sku, loc, qty, bucket, lot }),
        4 => (0..3usize, 0..3usize, 1..6i64, bucket(), bucket(), prop::option::of(0..3usize))
            .prop_map(|(sku, loc, qty, from, to, lot)| Op::Move { sku, loc, qty, from, to, lot }),
        2 => (0..3usize, 0..3usize, -8..8i64, 0..3usize, any::<bool>()).prop_map(|(sku, loc, qty, lot, damaged)| Op::Adjust { sku, loc, qty, lot, damaged }),
        1 => (0..50usize).prop_map(|back| Op::Retry { back }),
        1 => (0..50usize).prop_map(|back| Op::Clash { back }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_keep_the_invariants(
        ops in prop::collection::vec(op(), 1..60),
        fifo in any::<bool>(),
        allow_negative in any::<bool>(),
        company in any::<bool>(),
        write_down in any::<bool>(),
    ) {
        check_sequence(&ops, Options { fifo, allow_negative, company, write_down })?;
    }

    #[test]
    fn damaged_stock_written_down_keeps_its_allowance_in_step(
        ops in prop::collection::vec(damage_op(), 1..60),
        fifo in any::<bool>(),
        allow_negative in any::<bool>(),
        company in any::<bool>(),
    ) {
        check_sequence(&ops, Options { fifo, allow_negative, company, write_down: true })?;
    }
}
