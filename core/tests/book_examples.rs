//! Worked examples of the inventory kernel, with real numbers.

mod common;

use common::*;
use landed::book::command::{Command, Context, Issue, IssueReason, Move, Receive};
use landed::book::event::Event;
use landed::book::{BatchMode, Book, BookConfig};
use landed::catalog::{LocationKind, SkuUpdate};
use landed::inventory::{Bucket, NegativeStockPolicy, ScopeMode, ValuationMethod};
use landed::{Currency, LandedError, Money};

const AVG: ValuationMethod = ValuationMethod::MovingAverage;
const FIFO: ValuationMethod = ValuationMethod::Fifo;

#[test]
fn fifo_and_moving_average_issue_fifteen_of_twenty() {
    for (method, issued, kept) in [(FIFO, "-200.00", "100.00"), (AVG, "-225.00", "75.00")] {
        let mut h = Harness::standard("USD", method);
        h.run(receive("A", "SZ", 10, "10.00", "USD"));
        h.run(receive("A", "SZ", 10, "20.00", "USD"));
        let out = h.run(issue("A", "SZ", 15));
        assert_eq!(value_of(&out), issued, "{method:?}");
        assert_eq!(h.value("A", "SZ"), kept, "{method:?}");
        let line = &h.book.valuation(Some("A")).unwrap()[0];
        assert_eq!(line.quantity, 5);
        let expected_unit = if method == FIFO { "20" } else { "15" };
        assert_eq!(line.unit_cost.amount.normalize().to_string(), expected_unit);
    }
}

#[test]
fn fifo_records_the_layers_it_consumed() {
    let mut h = Harness::standard("USD", FIFO);
    h.run(receive("A", "SZ", 10, "10.00", "USD"));
    h.run(receive("A", "SZ", 10, "20.00", "USD"));
    let out = h.run(issue("A", "SZ", 15));
    let Event::Issued(s) = &out.events[0].event else {
        panic!("not an issue")
    };
    let layers: Vec<(i64, String)> = s
        .cost
        .layers
        .iter()
        .map(|t| (t.quantity, t.value.to_string()))
        .collect();
    assert_eq!(
        layers,
        [(10, "100.00".to_string()), (5, "100.00".to_string())]
    );
}

#[test]
fn jpy_book_rounds_to_whole_yen() {
    let mut h = Harness::standard("JPY", AVG);
    // 7 × 333.5 = 2334.5 → 2335 (half away from zero).
    let out = h.run(receive("A", "SZ", 7, "333.5", "JPY"));
    assert_eq!(value_of(&out), "2335");
    // 2335 × 2 / 7 = 667.14… → 667.
    assert_eq!(value_of(&h.run(issue("A", "SZ", 2))), "-667");
    assert_eq!(h.value("A", "SZ"), "1668");
    assert_eq!(value_of(&h.run(issue("A", "SZ", 5))), "-1668");
    assert_eq!(h.book.inventory_value().to_string(), "0 JPY");
}

#[test]
fn repeating_average_cost_never_leaks_a_cent() {
    for method in [AVG, FIFO] {
        let mut h = Harness::standard("USD", method);
        // Three units for 10.00: 3 × 3.3333333333 = 9.9999999999 → 10.00.
        assert_eq!(
            value_of(&h.run(receive("A", "SZ", 3, "3.3333333333", "USD"))),
            "10.00"
        );
        let outs: Vec<String> = (0..3)
            .map(|_| value_of(&h.run(issue("A", "SZ", 1))))
            .collect();
        assert_eq!(outs, ["-3.33", "-3.34", "-3.33"], "{method:?}");
        assert_eq!(h.book.inventory_value().to_string(), "0.00 USD");
        assert!(h.book.inventory_value().is_zero());
        assert!(h.book.valuation(Some("A")).unwrap().is_empty());
    }
}

#[test]
fn idempotent_command_ids_and_version_checks() {
    let mut h = Harness::standard("USD", AVG);
    let ctx = Context::new(h.clock, "receipt-42");
    let first = h
        .book
        .execute(receive("A", "SZ", 5, "2.00", "USD"), &ctx)
        .unwrap();
    let before = h.snapshot_json();
    // A host retrying keeps its command and passes it by reference.
    let retry = receive("A", "SZ", 5, "2.00", "USD");
    let again = h.book.execute(&retry, &ctx).unwrap();
    assert!(again.duplicate && !first.duplicate);
    assert_eq!(again.events, first.events);
    assert_eq!(again.version, first.version);
    assert_eq!(h.snapshot_json(), before);
    assert_eq!(h.book.position("A", "SZ", None).unwrap().on_hand, 5);

    let err = h
        .book
        .execute(receive("A", "SZ", 6, "2.00", "USD"), &ctx)
        .unwrap_err();
    assert_eq!(
        err,
        LandedError::IdempotencyConflict {
            command_id: "receipt-42".into()
        }
    );

    let mut stale = Context::new(h.clock, "late-writer");
    stale.expected_version = Some(3);
    let err = h.book.execute(issue("A", "SZ", 1), &stale).unwrap_err();
    assert_eq!(
        err,
        LandedError::VersionConflict {
            expected: 3,
            actual: 5
        }
    );
    stale.expected_version = Some(5);
    assert_eq!(
        h.book.execute(issue("A", "SZ", 1), &stale).unwrap().version,
        6
    );
}

#[test]
fn insufficient_stock_names_the_facts_and_changes_nothing() {
    let mut h = Harness::standard("USD", AVG);
    h.run(receive("A", "SZ", 4, "1.00", "USD"));
    h.run(move_units(
        "A",
        "SZ",
        3,
        Bucket::Available,
        Bucket::Committed,
    ));
    let before = h.snapshot_json();
    let err = h.try_run(issue("A", "SZ", 2)).unwrap_err();
    assert_eq!(err.code(), "INSUFFICIENT_STOCK");
    assert_eq!(
        err,
        LandedError::InsufficientStock {
            sku: "A".into(),
            location: "SZ".into(),
            lot: None,
            bucket: "available".into(),
            requested: 2,
            available: 1,
        }
    );
    assert_eq!(
        err.to_string(),
        "insufficient stock of A at SZ in available: requested 2, available 1"
    );
    assert_eq!(h.snapshot_json(), before);
    // Shipping a committed order takes from committed.
    let ship = Command::Issue(Issue {
        sku: "A".into(),
        location: "SZ".into(),
        quantity: 3,
        reason: IssueReason::Sale,
        bucket: Bucket::Committed,
        lot: None,
        reference: Some("SO-1".into()),
        channel: None,
    });
    assert_eq!(value_of(&h.run(ship)), "-3.00");
    let p = h.book.position("A", "SZ", None).unwrap();
    assert_eq!(
        (p.quantities.available, p.quantities.committed, p.on_hand),
        (1, 0, 1)
    );
}

#[test]
fn bad_input_is_refused_with_typed_errors() {
    let mut h = Harness::standard("USD", AVG);
    let before = h.snapshot_json();
    let cases: Vec<(Command, &str)> = vec![
        (receive("NOPE", "SZ", 1, "1", "USD"), "UNKNOWN_SKU"),
        (receive("A", "XX", 1, "1", "USD"), "UNKNOWN_LOCATION"),
        (receive("A", "SZ", 0, "1", "USD"), "INVALID_QUANTITY"),
        (receive("A", "SZ", -3, "1", "USD"), "INVALID_QUANTITY"),
        (receive("A", "SZ", 1, "1", "EUR"), "CURRENCY_MISMATCH"),
        (receive("A", "SZ", 1, "-1", "USD"), "INVALID_AMOUNT"),
        (
            move_units("A", "SZ", 1, Bucket::Available, Bucket::Available),
            "INVALID_COMMAND",
        ),
        (
            move_units("A", "SZ", 1, Bucket::Available, Bucket::InTransit),
            "INVALID_COMMAND",
        ),
        (
            move_units("A", "SZ", 1, Bucket::Available, Bucket::Damaged),
            "INSUFFICIENT_STOCK",
        ),
        (adjust("A", "SZ", 0, "x"), "INVALID_QUANTITY"),
        (adjust("A", "SZ", 1, " "), "INVALID_COMMAND"),
        (Command::DefineSku(sku("A")), "DUPLICATE_CODE"),
        (
            Command::DefineLocation(location("SZ", LocationKind::Own)),
            "DUPLICATE_CODE",
        ),
        (
            Command::PostStocktake {
                stocktake: "nope".into(),
            },
            "STOCKTAKE_STATE",
        ),
    ];
    for (command, code) in cases {
        let err = h.try_run(command.clone()).unwrap_err();
        assert_eq!(err.code(), code, "{command:?}: {err}");
        assert_eq!(h.snapshot_json(), before, "{command:?} changed the book");
    }
}

#[test]
fn lots_are_picked_fefo_and_expired_lots_are_skipped() {
    let mut h = Harness::standard("EUR", FIFO);
    let mut spec = sku("MILK");
    spec.lot_tracked = true;
    spec.shelf_life_days = Some(30);
    h.run(Command::DefineSku(spec));
    let lot = |number: &str, expiry: Option<&str>, qty: i64| {
        Command::Receive(Receive {
            sku: "MILK".into(),
            location: "DE".into(),
            quantity: qty,
            unit_cost: Money::parse("1.00", "EUR").unwrap(),
            bucket: Bucket::Available,
            lot: Some(number.into()),
            expiry: expiry.map(|e| e.parse().unwrap()),
            damage_reason: None,
            reference: None,
        })
    };
    // Clock is 2026-11-02: L1 expired yesterday, L2 expires later than L3,
    // L4 gets the shelf-life default of 2026-12-02.
    h.run(lot("L1", Some("2026-11-01"), 5));
    h.run(lot("L2", Some("2026-12-31"), 5));
    h.run(lot("L3", Some("2026-11-20"), 5));
    h.run(lot("L4", None, 5));
    assert_eq!(
        h.book.position("MILK", "DE", Some("L4")).unwrap().expiry,
        Some("2026-12-02".parse().unwrap())
    );

    let out = h.run(issue("MILK", "DE", 12));
    let picked: Vec<(String, i64)> = out
        .events
        .iter()
        .filter_map(|r| match &r.event {
            Event::Issued(s) => Some((s.lot.clone().unwrap(), s.quantity)),
            Event::JournalPosted(_) => None,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        picked,
        [
            ("L3".to_string(), 5),
            ("L4".to_string(), 5),
            ("L2".to_string(), 2)
        ]
    );
    // Only 3 unexpired units are left: asking for 4 fails and names 3.
    let err = h.try_run(issue("MILK", "DE", 4)).unwrap_err();
    assert!(
        matches!(err, LandedError::InsufficientStock { available: 3, .. }),
        "{err}"
    );
    // Naming the expired lot is allowed (disposal).
    let dispose = Command::Issue(Issue {
        sku: "MILK".into(),
        location: "DE".into(),
        quantity: 5,
        reason: IssueReason::Disposal,
        bucket: Bucket::Available,
        lot: Some("L1".into()),
        reference: None,
        channel: None,
    });
    assert_eq!(value_of(&h.run(dispose)), "-5.00");
    // Lot rules.
    assert_eq!(
        h.try_run(receive("MILK", "DE", 1, "1", "EUR"))
            .unwrap_err()
            .code(),
        "LOT_RULE"
    );
    let mut wrong = lot("L9", None, 1);
    if let Command::Receive(r) = &mut wrong {
        r.sku = "A".into();
    }
    assert_eq!(h.try_run(wrong).unwrap_err().code(), "LOT_RULE");
}

#[test]
fn stocktake_freezes_counts_and_posts_variances() {
    let mut h = Harness::standard("USD", AVG);
    h.run(receive("A", "SZ", 10, "4.00", "USD"));
    h.run(receive("B", "SZ", 6, "2.50", "USD"));
    h.run(Command::OpenStocktake {
        stocktake: "ST-1".into(),
        location: "SZ".into(),
    });
    // Frozen: no movements at SZ, still movements elsewhere.
    let err = h.try_run(issue("A", "SZ", 1)).unwrap_err();
    assert_eq!(
        err,
        LandedError::LocationFrozen {
            location: "SZ".into(),
            stocktake: "ST-1".into()
        }
    );
    h.run(receive("A", "DE", 1, "4.00", "USD"));
    h.run(Command::RecordCount {
        stocktake: "ST-1".into(),
        sku: "A".into(),
        lot: None,
        counted: 9,
    });
    h.run(Command::RecordCount {
        stocktake: "ST-1".into(),
        sku: "B".into(),
        lot: None,
        counted: 5,
    });
    h.run(Command::RecordCount {
        stocktake: "ST-1".into(),
        sku: "B".into(),
        lot: None,
        counted: 8,
    });
    let posted = h.run(Command::PostStocktake {
        stocktake: "ST-1".into(),
    });
    // A: 9 counted vs 10 expected → loss of 4.00; B: 8 vs 6 → gain of 5.00.
    let kinds: Vec<(&str, String)> = posted
        .events
        .iter()
        .map(|r| match &r.event {
            Event::AdjustedDown(s) => ("down", format!("{} {} {}", s.sku, s.quantity, s.value)),
            Event::AdjustedUp(s) => ("up", format!("{} {} {}", s.sku, s.quantity, s.value)),
            Event::JournalPosted(e) => {
                let lines: Vec<String> = e
                    .lines
                    .iter()
                    .map(|l| format!("{} {}/{}", l.account, l.debit, l.credit))
                    .collect();
                ("entry", lines.join(" "))
            }
            Event::StocktakePosted { .. } => ("posted", String::new()),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("down", "A 1 4.00 USD".to_string()),
            // Stocktake loss: Dr inventory losses 5100, Cr inventory 1300.
            ("entry", "5100 4.00/0.00 1300 0.00/4.00".to_string()),
            ("up", "B 2 5.00 USD".to_string()),
            // Stocktake gain: Dr inventory 1300, Cr inventory gains 4200.
            ("entry", "1300 5.00/0.00 4200 0.00/5.00".to_string()),
            ("posted", String::new())
        ]
    );
    assert_eq!(h.book.position("A", "SZ", None).unwrap().on_hand, 9);
    assert_eq!(h.book.position("B", "SZ", None).unwrap().on_hand, 8);
    assert_eq!(h.value("B", "SZ"), "20.00");
    // Unfrozen after posting; a posted count cannot be posted again.
    h.run(issue("A", "SZ", 1));
    assert_eq!(
        h.try_run(Command::PostStocktake {
            stocktake: "ST-1".into()
        })
        .unwrap_err()
        .code(),
        "STOCKTAKE_STATE"
    );
    // Cancel also unfreezes and changes no stock.
    h.run(Command::OpenStocktake {
        stocktake: "ST-2".into(),
        location: "SZ".into(),
    });
    h.run(Command::CancelStocktake {
        stocktake: "ST-2".into(),
    });
    h.run(issue("A", "SZ", 1));
    assert_eq!(h.book.position("A", "SZ", None).unwrap().on_hand, 7);
}

#[test]
fn catalog_updates_and_deactivation() {
    let mut h = Harness::standard("USD", AVG);
    h.run(Command::UpdateSku(SkuUpdate {
        code: "A".into(),
        weight_kg: Some("1.25".parse().unwrap()),
        ..SkuUpdate::default()
    }));
    assert_eq!(
        h.book.sku("A").unwrap().spec.weight_kg,
        Some("1.25".parse().unwrap())
    );
    h.run(receive("A", "SZ", 2, "1.00", "USD"));
    let err = h
        .try_run(Command::DeactivateSku { sku: "A".into() })
        .unwrap_err();
    assert_eq!(
        err,
        LandedError::SkuHasStock {
            sku: "A".into(),
            quantity: 2
        }
    );
    h.run(issue("A", "SZ", 2));
    h.run(Command::DeactivateSku { sku: "A".into() });
    assert!(!h.book.sku("A").unwrap().active);
    assert_eq!(
        h.try_run(receive("A", "SZ", 1, "1", "USD"))
            .unwrap_err()
            .code(),
        "SKU_INACTIVE"
    );
}

#[test]
fn damaged_units_keep_their_reasons_and_value() {
    let mut h = Harness::standard("USD", AVG);
    h.run(receive("A", "SZ", 10, "5.00", "USD"));
    let damage = |qty, reason: &str| {
        Command::Move(Move {
            sku: "A".into(),
            location: "SZ".into(),
            quantity: qty,
            from: Bucket::Available,
            to: Bucket::Damaged,
            lot: None,
            reason: Some(reason.into()),
            reference: None,
        })
    };
    let out = h.run(damage(2, "carrier_damaged"));
    assert_eq!(value_of(&out), "0");
    h.run(damage(1, "customer_damaged"));
    let p = h.book.position("A", "SZ", None).unwrap();
    assert_eq!(p.quantities.damaged, 3);
    assert_eq!(p.on_hand, 10);
    assert_eq!(p.damaged_by_reason.get("carrier_damaged"), Some(&2));
    assert_eq!(h.value("A", "SZ"), "50.00");
    // Lost units stay valued until written off.
    h.run(move_units(
        "A",
        "SZ",
        1,
        Bucket::Available,
        Bucket::Researching,
    ));
    let p = h.book.position("A", "SZ", None).unwrap();
    assert_eq!((p.on_hand, p.quantities.researching), (9, 1));
    assert_eq!(h.value("A", "SZ"), "50.00");
}

#[test]
fn negative_stock_allowed_is_trued_up_on_receipt() {
    let mut config = BookConfig::new(Currency::from_code("USD").unwrap());
    config.negative_stock = NegativeStockPolicy::Allow;
    let mut h = Harness::with_config(config);
    h.run(Command::DefineLocation(location("SZ", LocationKind::Own)));
    h.run(Command::DefineSku(sku("A")));
    h.run(receive("A", "SZ", 2, "10.00", "USD"));
    assert_eq!(value_of(&h.run(issue("A", "SZ", 5))), "-50.00");
    let p = h.book.position("A", "SZ", None).unwrap();
    assert_eq!(p.quantities.available, -3);
    assert_eq!(h.book.inventory_value().to_string(), "-30.00 USD");
    let out = h.run(receive("A", "SZ", 4, "12.00", "USD"));
    let Event::Received(s) = &out.events[0].event else {
        panic!()
    };
    let t = s.cost.true_up.clone().unwrap();
    assert_eq!(
        (t.quantity, t.difference.to_string()),
        (3, "6.00".to_string())
    );
    assert_eq!(h.book.inventory_value().to_string(), "12.00 USD");
    assert_eq!(h.book.position("A", "SZ", None).unwrap().on_hand, 1);
}

#[test]
fn company_scope_shares_one_average_across_locations() {
    let mut config = BookConfig::new(Currency::from_code("USD").unwrap());
    config.valuation_scope = ScopeMode::Company;
    let mut h = Harness::with_config(config);
    h.run(Command::DefineLocation(location("SZ", LocationKind::Own)));
    h.run(Command::DefineLocation(location(
        "FBA-US",
        LocationKind::Fba,
    )));
    h.run(Command::DefineSku(sku("A")));
    h.run(receive("A", "SZ", 1, "10.00", "USD"));
    h.run(receive("A", "FBA-US", 2, "20.00", "USD"));
    // Average 50.00 / 3; issuing one from SZ costs 16.67.
    assert_eq!(value_of(&h.run(issue("A", "SZ", 1))), "-16.67");
    let lines = h.book.valuation(Some("A")).unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0].location.as_str(), lines[0].value.to_string()),
        ("FBA-US", "33.33 USD".to_string())
    );
    assert_eq!(lines[0].scope, "company");
}

#[test]
fn replay_and_snapshot_rebuild_the_same_book() {
    let mut h = Harness::standard("USD", FIFO);
    h.run(receive("A", "SZ", 10, "1.10", "USD"));
    h.run(receive("A", "DE", 3, "2.00", "USD"));
    h.run(move_units(
        "A",
        "SZ",
        4,
        Bucket::Available,
        Bucket::Committed,
    ));
    h.run(issue("A", "SZ", 2));
    h.run(adjust("A", "DE", -1, "broken in handling"));
    h.run(Command::OpenStocktake {
        stocktake: "S".into(),
        location: "DE".into(),
    });
    h.run(Command::RecordCount {
        stocktake: "S".into(),
        sku: "A".into(),
        lot: None,
        counted: 3,
    });
    h.run(Command::PostStocktake {
        stocktake: "S".into(),
    });
    let live = h.snapshot_json();
    let replayed = Book::replay(h.book.config().clone(), h.book.events()).unwrap();
    assert_eq!(serde_json::to_string(&replayed).unwrap(), live);
    let events_json = serde_json::to_string(h.book.events()).unwrap();
    let events: Vec<landed::RecordedEvent> = serde_json::from_str(&events_json).unwrap();
    let from_json = Book::replay(h.book.config().clone(), &events).unwrap();
    assert_eq!(serde_json::to_string(&from_json).unwrap(), live);
    let snapshot: landed::book::Snapshot = serde_json::from_str(&live).unwrap();
    let mut restored = Book::restore(snapshot).unwrap();
    assert_eq!(serde_json::to_string(&restored).unwrap(), live);
    // The restored book still knows its command ids.
    let original = h
        .book
        .events()
        .iter()
        .find(|e| &*e.command_id == "cmd-5")
        .unwrap()
        .clone();
    assert_eq!(&*original.command_id, "cmd-5");
    let retry = Context::new(h.clock, "cmd-5");
    let dup = restored
        .execute(receive("A", "SZ", 10, "1.10", "USD"), &retry)
        .unwrap();
    assert!(dup.duplicate);
    assert_eq!(dup.events[0], original);
    assert_eq!(dup.events.len(), 2, "the receipt and its journal entry");
    let err = restored.execute(issue("A", "SZ", 2), &retry).unwrap_err();
    assert_eq!(err.code(), "IDEMPOTENCY_CONFLICT");
    // A log with a gap is refused.
    let mut broken = h.book.events().to_vec();
    broken.remove(3);
    assert_eq!(
        Book::replay(h.book.config().clone(), &broken)
            .unwrap_err()
            .code(),
        "INVALID_EVENT_LOG"
    );
}

#[test]
fn all_or_nothing_batches_roll_back() {
    let mut h = Harness::standard("USD", AVG);
    let before = h.snapshot_json();
    let t = h.clock;
    let batch = vec![
        (receive("A", "SZ", 5, "1.00", "USD"), Context::new(t, "b1")),
        (issue("A", "SZ", 2), Context::new(t, "b2")),
        (issue("A", "SZ", 9), Context::new(t, "b3")),
        (issue("A", "SZ", 1), Context::new(t, "b4")),
    ];
    let results = h.book.execute_batch(batch.clone(), BatchMode::AllOrNothing);
    assert_eq!(results.len(), 3);
    assert_eq!(
        results[2].as_ref().unwrap_err().code(),
        "INSUFFICIENT_STOCK"
    );
    assert_eq!(h.snapshot_json(), before);
    let results = h.book.execute_batch(batch, BatchMode::EachAtomic);
    let ok: Vec<bool> = results.iter().map(Result::is_ok).collect();
    assert_eq!(ok, [true, true, false, true]);
    assert_eq!(h.book.position("A", "SZ", None).unwrap().on_hand, 2);
}

#[test]
fn history_lists_each_movement_with_its_value() {
    let mut h = Harness::standard("USD", AVG);
    h.run(receive("A", "SZ", 4, "2.50", "USD"));
    h.run(move_units(
        "A",
        "SZ",
        1,
        Bucket::Available,
        Bucket::Reserved,
    ));
    h.run(issue("A", "SZ", 3));
    let history = h.book.history("A").unwrap();
    let rows: Vec<(String, i64, String)> = history
        .iter()
        .map(|m| (m.kind.clone(), m.quantity, m.value.amount.to_string()))
        .collect();
    assert_eq!(
        rows,
        [
            ("received".to_string(), 4, "10.00".to_string()),
            ("moved".to_string(), 1, "0.00".to_string()),
            ("issued".to_string(), -3, "-7.50".to_string())
        ]
    );
    let stock = h.book.stock("A").unwrap();
    assert_eq!((stock.on_hand, stock.totals.reserved), (1, 1));
}
