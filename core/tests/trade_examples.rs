//! Worked examples of purchasing, transfers through transit and landed
//! cost, with the numbers worked out by hand in the comments.

mod common;

use chrono::{TimeZone, Utc};
use common::{Harness, vouchers};
use landed::book::BookConfig;
use landed::book::command::Command;
use landed::book::event::{Event, Outcome};
use landed::inventory::ValuationMethod;
use landed::{Currency, LandedError};
use serde_json::{Value, json};

fn command(value: Value) -> Command {
    serde_json::from_value(value).expect("command JSON")
}

fn at(h: &mut Harness, day: u32) {
    h.clock = Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap();
}

fn run(h: &mut Harness, value: Value) -> Outcome {
    h.run(command(value))
}

fn fail(h: &mut Harness, value: Value) -> LandedError {
    let before = h.snapshot_json();
    let err = h.try_run(command(value)).expect_err("should fail");
    assert_eq!(
        h.snapshot_json(),
        before,
        "a failed command changed the book"
    );
    err
}

fn reconciled(h: &Harness) {
    for line in h.book.reconciliation() {
        assert!(
            line.difference.amount.is_zero(),
            "{} does not reconcile: {line:?}",
            line.scope
        );
    }
}

/// CNY book; SZ (own), DE (3PL), FBA-US; LAMP 1.2 kg 30×20×10 cm, FAN
/// 0.5 kg 40×30×30 cm; supplier F1 in USD; USD at 7.10 on 2 Nov and 7.20
/// from 10 Nov, EUR at 7.80 from 10 Nov.
fn seller(method: ValuationMethod) -> Harness {
    let mut h = Harness::new("CNY", method);
    for (code, kind) in [("SZ", "own"), ("DE", "third_party"), ("FBA-US", "fba")] {
        run(
            &mut h,
            json!({"type":"define_location","code":code,"name":code,"kind":kind}),
        );
    }
    run(
        &mut h,
        json!({"type":"define_sku","code":"LAMP","name":"Lamp","weight_kg":"1.2",
               "dimensions_cm":{"length":"30","width":"20","height":"10"}}),
    );
    run(
        &mut h,
        json!({"type":"define_sku","code":"FAN","name":"Fan","weight_kg":"0.5",
               "dimensions_cm":{"length":"40","width":"30","height":"30"}}),
    );
    run(
        &mut h,
        json!({"type":"define_sku","code":"CABLE","name":"Cable"}),
    );
    run(
        &mut h,
        json!({"type":"define_supplier","code":"F1","name":"Factory","currency":"USD","payment_terms_days":30}),
    );
    run(
        &mut h,
        json!({"type":"record_rates","entries":[
            {"base":"USD","quote":"CNY","date":"2026-11-02","rate":"7.10"},
            {"base":"USD","quote":"CNY","date":"2026-11-10","rate":"7.20"},
            {"base":"EUR","quote":"CNY","date":"2026-11-10","rate":"7.80"}]}),
    );
    h
}

/// A book with one warehouse SZ, one SKU LAMP and supplier F1 in USD.
fn small_factory(config: BookConfig) -> Harness {
    let mut h = Harness::with_config(config);
    run(
        &mut h,
        json!({"type":"define_location","code":"SZ","name":"SZ","kind":"own"}),
    );
    run(
        &mut h,
        json!({"type":"define_sku","code":"LAMP","name":"Lamp"}),
    );
    run(
        &mut h,
        json!({"type":"define_supplier","code":"F1","name":"Factory","currency":"USD"}),
    );
    h
}

fn purchase_and_receive(h: &mut Harness) -> Outcome {
    run(
        h,
        json!({"type":"create_purchase_order","po":"PO-1","supplier":"F1","date":"2026-11-01","lines":[
            {"sku":"LAMP","quantity":100,"unit_price":{"amount":"2.50","currency":"USD"},"destination":"SZ"},
            {"sku":"FAN","quantity":50,"unit_price":{"amount":"8.00","currency":"USD"},"destination":"SZ"},
            {"sku":"CABLE","quantity":200,"unit_price":{"amount":"0.40","currency":"USD"},"destination":"SZ"}]}),
    );
    run(h, json!({"type":"confirm_purchase_order","po":"PO-1"}));
    at(h, 2);
    run(
        h,
        json!({"type":"receive_purchase_order","po":"PO-1","receipt":"GRN-1","lines":[
            {"line":1,"quantity":100},{"line":2,"quantity":50},{"line":3,"quantity":200}]}),
    )
}

#[test]
fn a_purchase_order_is_received_at_the_receipt_date_rate() {
    let mut h = seller(ValuationMethod::MovingAverage);
    run(
        &mut h,
        json!({"type":"create_purchase_order","po":"PO-1","supplier":"F1","date":"2026-11-01","lines":[
            {"sku":"LAMP","quantity":100,"unit_price":{"amount":"2.50","currency":"USD"},"destination":"SZ"}]}),
    );
    assert_eq!(
        h.book
            .position("LAMP", "SZ", None)
            .unwrap()
            .quantities
            .on_order,
        0
    );
    run(&mut h, json!({"type":"confirm_purchase_order","po":"PO-1"}));
    assert_eq!(
        h.book
            .position("LAMP", "SZ", None)
            .unwrap()
            .quantities
            .on_order,
        100
    );
    run(
        &mut h,
        json!({"type":"ship_purchase_order","po":"PO-1","shipment":{"carrier":"Maersk","tracking":"MSKU1","eta":"2026-11-20"}}),
    );
    let q = h.book.position("LAMP", "SZ", None).unwrap().quantities;
    assert_eq!((q.on_order, q.in_transit), (0, 100));
    // 60 arrive on 2 Nov at 7.10: 60 × 2.50 × 7.10 = 1,065.00 CNY.
    at(&mut h, 2);
    let out = run(
        &mut h,
        json!({"type":"receive_purchase_order","po":"PO-1","receipt":"GRN-1","lines":[{"line":1,"quantity":60}]}),
    );
    assert_eq!(vouchers(&out), ["Dr 1300 1065.00, Cr 2100 1065.00"]);
    let q = h.book.position("LAMP", "SZ", None).unwrap().quantities;
    assert_eq!((q.in_transit, q.available), (40, 60));
    let status = h.book.purchase_order("PO-1").unwrap();
    assert_eq!(
        (status.lines[0].received, status.lines[0].outstanding),
        (60, 40)
    );
    assert_eq!(status.status.name(), "partially_received");
    // The rest on 10 Nov at 7.20: 40 × 2.50 × 7.20 = 720.00.
    at(&mut h, 10);
    let out = run(
        &mut h,
        json!({"type":"receive_purchase_order","po":"PO-1","receipt":"GRN-2","lines":[{"line":1,"quantity":40}]}),
    );
    assert_eq!(vouchers(&out), ["Dr 1300 720.00, Cr 2100 720.00"]);
    assert_eq!(h.value("LAMP", "SZ"), "1785.00");
    assert_eq!(
        h.book.purchase_order("PO-1").unwrap().status.name(),
        "received"
    );

    // Over-receipt beyond the tolerance (0 by default) is refused, with
    // the numbers, and changes nothing.
    let err = fail(
        &mut h,
        json!({"type":"receive_purchase_order","po":"PO-1","receipt":"GRN-3","lines":[{"line":1,"quantity":1}]}),
    );
    assert_eq!(err.code(), "OVER_RECEIPT");
    assert!(
        err.to_string().contains("ordered 100, received 100"),
        "{err}"
    );
}

#[test]
fn over_receipt_within_tolerance_and_a_fixed_rate() {
    let mut config = BookConfig::new(Currency::from_code("CNY").unwrap());
    config.trade.over_receipt_tolerance_percent = "5".parse().unwrap();
    let mut h = small_factory(config);
    run(
        &mut h,
        json!({"type":"create_purchase_order","po":"PO-9","supplier":"F1","date":"2026-11-01","fixed_rate":"7.00","lines":[
            {"sku":"LAMP","quantity":40,"unit_price":{"amount":"3.00","currency":"USD"},"destination":"SZ"}]}),
    );
    run(&mut h, json!({"type":"confirm_purchase_order","po":"PO-9"}));
    // 5% of 40 is 2: 42 pass, 43 do not.
    let err = fail(
        &mut h,
        json!({"type":"receive_purchase_order","po":"PO-9","receipt":"R1","lines":[{"line":1,"quantity":43}]}),
    );
    assert_eq!(err.code(), "OVER_RECEIPT");
    // No rate is recorded: the fixed rate is used. 42 × 3.00 × 7.00 = 882.00.
    let out = run(
        &mut h,
        json!({"type":"receive_purchase_order","po":"PO-9","receipt":"R1","lines":[{"line":1,"quantity":42}]}),
    );
    assert_eq!(vouchers(&out), ["Dr 1300 882.00, Cr 2100 882.00"]);
    let q = h.book.position("LAMP", "SZ", None).unwrap().quantities;
    assert_eq!((q.on_order, q.available), (0, 42));
}

#[test]
fn freight_by_chargeable_weight_late_after_40_percent_sold() {
    for method in [ValuationMethod::MovingAverage, ValuationMethod::Fifo] {
        let mut h = seller(method);
        let out = purchase_and_receive(&mut h);
        // 100 × 2.50 × 7.10 = 1,775.00; 50 × 8.00 × 7.10 = 2,840.00;
        // 200 × 0.40 × 7.10 = 568.00.
        assert_eq!(
            vouchers(&out),
            [
                "Dr 1300 1775.00, Cr 2100 1775.00",
                "Dr 1300 2840.00, Cr 2100 2840.00",
                "Dr 1300 568.00, Cr 2100 568.00"
            ]
        );
        // 40 of the 100 lamps are sold before the freight invoice.
        at(&mut h, 5);
        run(
            &mut h,
            json!({"type":"issue","sku":"LAMP","location":"SZ","quantity":40,"reason":"sale"}),
        );
        assert_eq!(h.value("LAMP", "SZ"), "1065.00");
        // Freight 300.00 USD at 7.20 = 2,160.00 CNY by chargeable weight,
        // divisor 6000. Per unit: LAMP max(1.2, 6000/6000 = 1.0) = 1.2 kg,
        // FAN max(0.5, 36000/6000 = 6.0) = 6.0 kg, CABLE no weight = 0.
        // Bases 120, 300 and 0 of 420: LAMP 617.142… → 617.14, FAN
        // 1,542.857… → 1,542.86 (the leftover cent, largest remainder).
        at(&mut h, 10);
        let out = run(
            &mut h,
            json!({"type":"apply_landed_cost","voucher":"LC-1","date":"2026-11-10",
                   "charges":[{"description":"Sea freight","kind":"freight","amount":{"amount":"300.00","currency":"USD"},
                               "account":"2200","method":"chargeable_weight","divisor":6000}],
                   "targets":[{"type":"receipt","receipt":"GRN-1","line":1},
                              {"type":"receipt","receipt":"GRN-1","line":2},
                              {"type":"receipt","receipt":"GRN-1","line":3}]}),
        );
        // LAMP's 617.14: 60 on hand → 370.28, 40 sold → 246.86 (the
        // leftover cent goes to the larger remainder, .856 against .284).
        assert_eq!(
            vouchers(&out),
            ["Dr 1300 370.28, Dr 5000 246.86, Dr 1300 1542.86, Cr 2200 2160.00"],
            "{method:?}"
        );
        assert_eq!(h.value("LAMP", "SZ"), "1435.28", "{method:?}");
        assert_eq!(h.value("FAN", "SZ"), "4382.86", "{method:?}");
        assert_eq!(h.value("CABLE", "SZ"), "568.00", "{method:?}");
        reconciled(&h);

        let report = h.book.landed_cost(Some("LAMP")).unwrap();
        let line = &report.lines[0];
        assert_eq!(line.total.purchase.amount.to_string(), "1775.00");
        assert_eq!(line.total.freight.amount.to_string(), "617.14");
        assert_eq!(line.per_unit.total.amount.to_string(), "23.9214");
        assert_eq!(report.skus[0].per_unit.freight.amount.to_string(), "6.1714");
    }
}

#[test]
fn a_zero_basis_is_refused_unless_the_voucher_asks_for_equal_shares() {
    let mut h = seller(ValuationMethod::MovingAverage);
    purchase_and_receive(&mut h);
    let charge = |fallback: bool| {
        json!({"type":"apply_landed_cost","voucher":"LC-W","date":"2026-11-10","equal_fallback":fallback,
               "charges":[{"description":"Handling","amount":{"amount":"10.00","currency":"CNY"},
                           "account":"2200","method":"weight"}],
               "targets":[{"type":"receipt","receipt":"GRN-1","line":3}]})
    };
    let err = fail(&mut h, charge(false));
    assert_eq!(err.code(), "ZERO_ALLOCATION_BASIS");
    assert!(err.to_string().contains("receipt GRN-1 line 3"), "{err}");
    let out = run(&mut h, charge(true));
    assert_eq!(vouchers(&out), ["Dr 1300 10.00, Cr 2200 10.00"]);
    assert_eq!(h.value("CABLE", "SZ"), "578.00");
}

#[test]
fn every_allocation_method_sums_to_the_converted_charge() {
    // One 100.00 CNY charge over LAMP (100), FAN (50) and CABLE (200),
    // nothing sold, so each line's share is all capitalised.
    let cases: [(&str, Value, [&str; 3]); 6] = [
        // 1:1:1 → 33.34, 33.33, 33.33.
        ("equal", json!(null), ["33.34", "33.33", "33.33"]),
        // 100:50:200 → 28.571…, 14.285…, 57.142… → 28.57, 14.29, 57.14.
        ("quantity", json!(null), ["28.57", "14.29", "57.14"]),
        // 1775:2840:568 of 5183 → 34.246…, 54.794…, 10.958… → 34.25, 54.79, 10.96.
        ("value", json!(null), ["34.25", "54.79", "10.96"]),
        // 120 kg : 25 kg : 0 → 82.758…, 17.241… → 82.76, 17.24, 0.
        ("weight", json!(null), ["82.76", "17.24", "0.00"]),
        // 600,000 : 1,800,000 : 0 cm³ → 25.00, 75.00, 0.
        ("volume", json!(null), ["25.00", "75.00", "0.00"]),
        // Manual USD shares 5.00 / 3.00 / 2.00 of 10.00 USD → 50/30/20 % of 72.00 at 7.20.
        (
            "manual",
            json!([{"amount":"5.00","currency":"USD"},{"amount":"3.00","currency":"USD"},{"amount":"2.00","currency":"USD"}]),
            ["36.00", "21.60", "14.40"],
        ),
    ];
    for (method, manual, expected) in cases {
        let mut h = seller(ValuationMethod::Fifo);
        purchase_and_receive(&mut h);
        let amount = if method == "manual" {
            json!({"amount":"10.00","currency":"USD"})
        } else {
            json!({"amount":"100.00","currency":"CNY"})
        };
        let mut charge =
            json!({"description":method,"amount":amount,"account":"2200","method":method});
        if !manual.is_null() {
            charge["manual"] = manual;
        }
        let out = run(
            &mut h,
            json!({"type":"apply_landed_cost","voucher":"LC","date":"2026-11-10","charges":[charge],
                   "targets":[{"type":"receipt","receipt":"GRN-1","line":1},
                              {"type":"receipt","receipt":"GRN-1","line":2},
                              {"type":"receipt","receipt":"GRN-1","line":3}]}),
        );
        let Event::LandedCostApplied { lines, .. } = &out.events[0].event else {
            panic!("{method}: {:?}", out.events[0].event);
        };
        let shares: Vec<String> = lines.iter().map(|l| format!("{:.2}", l.amount)).collect();
        assert_eq!(shares, expected, "{method}");
        reconciled(&h);
    }
}

#[test]
fn manual_shares_that_do_not_sum_are_refused() {
    let mut h = seller(ValuationMethod::MovingAverage);
    purchase_and_receive(&mut h);
    let err = fail(
        &mut h,
        json!({"type":"apply_landed_cost","voucher":"LC","date":"2026-11-10",
               "charges":[{"description":"Duty","amount":{"amount":"10.00","currency":"CNY"},"account":"2300",
                           "method":"manual","manual":[{"amount":"6.00","currency":"CNY"},{"amount":"3.99","currency":"CNY"}]}],
               "targets":[{"type":"receipt","receipt":"GRN-1","line":1},{"type":"receipt","receipt":"GRN-1","line":2}]}),
    );
    assert_eq!(err.code(), "INVALID_MANUAL_ALLOCATION");
    // A target that does not exist, and a currency without a rate.
    let err = fail(
        &mut h,
        json!({"type":"apply_landed_cost","voucher":"LC","date":"2026-11-10",
               "charges":[{"description":"Duty","amount":{"amount":"10.00","currency":"CNY"},"account":"2300","method":"equal"}],
               "targets":[{"type":"receipt","receipt":"GRN-404","line":1}]}),
    );
    assert_eq!(err.code(), "UNKNOWN_DOCUMENT");
    let err = fail(
        &mut h,
        json!({"type":"apply_landed_cost","voucher":"LC","date":"2026-11-10",
               "charges":[{"description":"Duty","amount":{"amount":"10.00","currency":"GBP"},"account":"2300","method":"equal"}],
               "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}),
    );
    assert_eq!(err.code(), "RATE_NOT_FOUND");
}

/// Ships the 50 fans of GRN-1 (4,382.86 CNY with their freight) to DE.
fn ship_fans(h: &mut Harness) -> Outcome {
    run(
        h,
        json!({"type":"create_transfer","transfer":"T-1","source":"SZ","destination":"DE",
               "lines":[{"sku":"FAN","quantity":50}]}),
    );
    run(h, json!({"type":"approve_transfer","transfer":"T-1"}));
    let q = h.book.position("FAN", "SZ", None).unwrap().quantities;
    assert_eq!((q.available, q.committed), (0, 50));
    at(h, 12);
    run(
        h,
        json!({"type":"ship_transfer","transfer":"T-1","shipment":{"carrier":"COSCO","tracking":"CSLU7","eta":"2026-12-20"}}),
    )
}

#[test]
fn a_transfer_received_with_2_short_and_1_damaged_out_of_50() {
    for method in [ValuationMethod::MovingAverage, ValuationMethod::Fifo] {
        let mut h = seller(method);
        purchase_and_receive(&mut h);
        at(&mut h, 10);
        run(
            &mut h,
            json!({"type":"apply_landed_cost","voucher":"LC-1","date":"2026-11-10",
                   "charges":[{"description":"Sea freight","kind":"freight","amount":{"amount":"300.00","currency":"USD"},
                               "account":"2200","method":"chargeable_weight","divisor":6000}],
                   "targets":[{"type":"receipt","receipt":"GRN-1","line":1},{"type":"receipt","receipt":"GRN-1","line":2}]}),
        );
        let out = ship_fans(&mut h);
        assert_eq!(vouchers(&out), ["Dr 1310 4382.86, Cr 1300 4382.86"]);
        let q = h.book.position("FAN", "DE", None).unwrap().quantities;
        assert_eq!(q.in_transit, 50);
        assert_eq!(h.value("FAN", "SZ"), "0");
        let transit = h.book.in_transit(h.clock.date_naive()).unwrap();
        assert_eq!(transit.total_value.amount.to_string(), "4382.86");
        assert_eq!(transit.shipments[0].carrier.as_deref(), Some("COSCO"));
        reconciled(&h);

        // Carrier milestones; a repeated carrier event changes nothing.
        let milestone = json!({"type":"record_milestone","document":"T-1","eta":"2026-12-18",
            "milestone":{"event_id":"E1","milestone":"departed","at":"2026-11-13T02:00:00Z","place":"Yantian"}});
        assert_eq!(run(&mut h, milestone.clone()).events.len(), 1);
        let version = h.book.version();
        let again = run(&mut h, milestone);
        // Logged as `no_effect` so its command id is remembered; nothing moves.
        assert!(!again.duplicate);
        assert_eq!(again.events.len(), 1);
        assert_eq!(
            serde_json::to_value(&again.events[0].event).unwrap(),
            json!({"type":"no_effect"})
        );
        assert_eq!(h.book.version(), version + 1);
        assert_eq!(
            h.book
                .position("FAN", "DE", None)
                .unwrap()
                .quantities
                .in_transit,
            50
        );
        let err = fail(
            &mut h,
            json!({"type":"record_milestone","document":"T-404",
                "milestone":{"event_id":"E2","milestone":"delivered","at":"2026-11-13T02:00:00Z"}}),
        );
        assert_eq!(err.code(), "UNKNOWN_DOCUMENT");

        // 47 accepted: round(4,382.86 × 47/50) = 4,119.89; 1 damaged out of
        // the 3 left worth 262.97: 87.66; 2 short take the rest, 175.31.
        at(&mut h, 20);
        let out = run(
            &mut h,
            json!({"type":"receive_transfer","transfer":"T-1","lines":[
                {"line":1,"accepted":47,"damaged":1,"short":2,"short_to":"loss","damage_reason":"crushed"}]}),
        );
        assert_eq!(
            vouchers(&out),
            [
                "Dr 1300 4119.89, Cr 1310 4119.89",
                "Dr 1300 87.66, Cr 1310 87.66",
                "Dr 5200 175.31, Cr 1310 175.31"
            ],
            "{method:?}"
        );
        let q = h.book.position("FAN", "DE", None).unwrap();
        assert_eq!(
            (
                q.quantities.available,
                q.quantities.damaged,
                q.quantities.in_transit
            ),
            (47, 1, 0)
        );
        assert_eq!(q.damaged_by_reason["crushed"], 1);
        assert_eq!(h.value("FAN", "DE"), "4207.55");
        let t = h.book.transfer("T-1").unwrap();
        assert_eq!(t.status.name(), "received");
        // Units conserved: accepted + damaged + short = shipped.
        let l = &t.lines[0];
        assert_eq!((l.accepted, l.damaged, l.short, l.shipped), (47, 1, 2, 50));
        assert_eq!(
            h.book
                .in_transit(h.clock.date_naive())
                .unwrap()
                .total_value
                .amount
                .to_string(),
            "0.00"
        );
        reconciled(&h);

        // Duty on the transfer line, 100.00 EUR at the 10 Nov declaration
        // rate 7.80 = 780.00 (a rate 10 days old is stale for the voucher
        // date under the book's 7-day policy): 48 of its
        // 50 units are at DE (748.80), 2 never arrived (31.20 to COGS).
        let out = run(
            &mut h,
            json!({"type":"apply_landed_cost","voucher":"LC-2","date":"2026-11-20",
                   "charges":[{"description":"Import duty","kind":"duty","amount":{"amount":"100.00","currency":"EUR"},
                               "rate_date":"2026-11-10","account":"2300","method":"quantity"}],
                   "targets":[{"type":"transfer","transfer":"T-1","line":1}]}),
        );
        // FIFO capitalises per layer: the 47 accepted (733.20) and the 1
        // damaged (15.60) arrived as two layers.
        let expected = match method {
            ValuationMethod::MovingAverage => "Dr 1300 748.80, Dr 5000 31.20, Cr 2300 780.00",
            ValuationMethod::Fifo => "Dr 1300 733.20, Dr 1300 15.60, Dr 5000 31.20, Cr 2300 780.00",
        };
        assert_eq!(vouchers(&out), [expected]);
        assert_eq!(h.value("FAN", "DE"), "4956.35");
        reconciled(&h);
        // A late charge on the original receipt line follows its units to DE.
        let out = run(
            &mut h,
            json!({"type":"apply_landed_cost","voucher":"LC-3","date":"2026-11-21",
                   "charges":[{"description":"Insurance","kind":"insurance","amount":{"amount":"50.00","currency":"CNY"},
                               "account":"2200","method":"quantity"}],
                   "targets":[{"type":"receipt","receipt":"GRN-1","line":2}]}),
        );
        // 48 of the 50 received fans are at DE: 48.00 capitalised there, 2.00 to COGS.
        let expected = match method {
            ValuationMethod::MovingAverage => "Dr 1300 48.00, Dr 5000 2.00, Cr 2200 50.00",
            ValuationMethod::Fifo => "Dr 1300 47.00, Dr 1300 1.00, Dr 5000 2.00, Cr 2200 50.00",
        };
        assert_eq!(vouchers(&out), [expected]);
        let capitalised = match &out.events[0].event {
            Event::LandedCostApplied { lines, .. } => {
                lines[0].split.capitalised[0].location.clone()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(capitalised, "DE");
        reconciled(&h);
    }
}

#[test]
fn transfer_state_errors_change_nothing() {
    let mut h = seller(ValuationMethod::MovingAverage);
    purchase_and_receive(&mut h);
    run(
        &mut h,
        json!({"type":"create_transfer","transfer":"T-2","source":"SZ","destination":"FBA-US",
               "lines":[{"sku":"LAMP","quantity":30}]}),
    );
    // Receiving a transfer that never shipped.
    let err = fail(
        &mut h,
        json!({"type":"receive_transfer","transfer":"T-2","lines":[{"line":1,"accepted":30}]}),
    );
    assert_eq!(err.code(), "DOCUMENT_STATE");
    run(&mut h, json!({"type":"approve_transfer","transfer":"T-2"}));
    // Shipping more than committed.
    let err = fail(
        &mut h,
        json!({"type":"ship_transfer","transfer":"T-2","lines":[{"line":1,"quantity":31}]}),
    );
    assert_eq!(err.code(), "QUANTITY_EXCEEDED");
    // Cancel before shipping releases the commitment.
    run(&mut h, json!({"type":"cancel_transfer","transfer":"T-2"}));
    let q = h.book.position("LAMP", "SZ", None).unwrap().quantities;
    assert_eq!((q.available, q.committed), (100, 0));
    let err = fail(&mut h, json!({"type":"approve_transfer","transfer":"T-2"}));
    assert_eq!(err.code(), "DOCUMENT_STATE");
}

#[test]
fn closing_a_transfer_treats_unreceived_units_as_short_claimed_from_the_carrier() {
    let mut h = seller(ValuationMethod::Fifo);
    purchase_and_receive(&mut h);
    // 1,775.00 for 100 lamps; 20 shipped by air to FBA: 355.00.
    run(
        &mut h,
        json!({"type":"create_transfer","transfer":"T-3","source":"SZ","destination":"FBA-US",
               "lines":[{"sku":"LAMP","quantity":20}]}),
    );
    run(&mut h, json!({"type":"approve_transfer","transfer":"T-3"}));
    let out = run(&mut h, json!({"type":"ship_transfer","transfer":"T-3"}));
    assert_eq!(vouchers(&out), ["Dr 1310 355.00, Cr 1300 355.00"]);
    // 15 arrive (266.25); the transfer is closed with 5 missing (88.75).
    run(
        &mut h,
        json!({"type":"receive_transfer","transfer":"T-3","lines":[{"line":1,"accepted":15}]}),
    );
    assert_eq!(
        h.book.transfer("T-3").unwrap().status.name(),
        "partially_received"
    );
    let out = run(
        &mut h,
        json!({"type":"close_transfer","transfer":"T-3","short_to":"claim"}),
    );
    assert_eq!(vouchers(&out), ["Dr 1400 88.75, Cr 1310 88.75"]);
    assert_eq!(h.value("LAMP", "FBA-US"), "266.25");
    assert_eq!(
        h.book
            .position("LAMP", "FBA-US", None)
            .unwrap()
            .quantities
            .in_transit,
        0
    );
    reconciled(&h);
}

#[test]
fn supplier_invoice_clears_grni_and_splits_the_price_difference() {
    let mut h = seller(ValuationMethod::MovingAverage);
    purchase_and_receive(&mut h);
    at(&mut h, 5);
    run(
        &mut h,
        json!({"type":"issue","sku":"LAMP","location":"SZ","quantity":40,"reason":"sale"}),
    );
    // Invoiced on 10 Nov at 7.20: 100 lamps at 2.60 USD = 260.00 USD =
    // 1,872.00 CNY against 1,775.00 in GRNI: 97.00 more, 60% on hand
    // (58.20) and 40% sold (38.80).
    let out = run(
        &mut h,
        json!({"type":"match_supplier_invoice","document":"INV-77","supplier":"F1","date":"2026-11-10",
               "lines":[{"receipt":"GRN-1","line":1,"quantity":100,"unit_price":{"amount":"2.60","currency":"USD"}}]}),
    );
    assert_eq!(
        vouchers(&out),
        ["Dr 2100 1775.00, Dr 1300 58.20, Dr 5000 38.80, Cr 2000 1872.00"]
    );
    assert_eq!(h.value("LAMP", "SZ"), "1123.20");
    reconciled(&h);
    // The payable is an open item in USD, due after the 30-day terms, and
    // settles with the FX machinery of the ledger.
    let items = h
        .book
        .open_items(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    assert_eq!(items[0].item.original.to_string(), "260.00 USD");
    assert_eq!(items[0].item.due_date.to_string(), "2026-12-10");
    let err = fail(
        &mut h,
        json!({"type":"match_supplier_invoice","document":"INV-78","supplier":"F1","date":"2026-11-10",
               "lines":[{"receipt":"GRN-1","line":1,"quantity":1,"unit_price":{"amount":"2.60","currency":"USD"}}]}),
    );
    assert_eq!(err.code(), "QUANTITY_EXCEEDED");
}

#[test]
fn an_estimate_replaced_by_the_actual_books_only_the_difference() {
    let mut h = seller(ValuationMethod::Fifo);
    purchase_and_receive(&mut h);
    // Estimated freight 100.00 CNY on the lamps at receipt.
    run(
        &mut h,
        json!({"type":"apply_landed_cost","voucher":"EST-1","date":"2026-11-02","estimate":true,
               "charges":[{"description":"Freight estimate","kind":"freight","amount":{"amount":"100.00","currency":"CNY"},
                           "account":"2200","method":"quantity"}],
               "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}),
    );
    assert_eq!(h.value("LAMP", "SZ"), "1875.00");
    at(&mut h, 5);
    run(
        &mut h,
        json!({"type":"issue","sku":"LAMP","location":"SZ","quantity":40,"reason":"sale"}),
    );
    // The carrier bills 20.00 USD at 7.20 = 144.00: 44.00 more than the
    // estimate, 60% on hand (26.40), 40% sold (17.60); the accrual of the
    // estimate is cleared against the carrier's payable.
    let out = run(
        &mut h,
        json!({"type":"apply_landed_cost","voucher":"ACT-1","date":"2026-11-10","replaces":"EST-1",
               "charges":[{"description":"Freight","kind":"freight","amount":{"amount":"20.00","currency":"USD"},
                           "account":"2000","method":"quantity"}],
               "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}),
    );
    assert_eq!(
        vouchers(&out),
        ["Dr 1300 26.40, Dr 5000 17.60, Dr 2200 100.00, Cr 2000 144.00"]
    );
    // 1,875.00 − 40 × 18.75 = 1,125.00, plus 26.40.
    assert_eq!(h.value("LAMP", "SZ"), "1151.40");
    let report = h.book.landed_cost(Some("LAMP")).unwrap();
    assert_eq!(report.lines[0].total.freight.amount.to_string(), "144.00");
    reconciled(&h);
    let err = fail(
        &mut h,
        json!({"type":"apply_landed_cost","voucher":"ACT-2","date":"2026-11-10","replaces":"EST-1",
               "charges":[{"description":"Freight","amount":{"amount":"1.00","currency":"CNY"},"account":"2200","method":"quantity"}],
               "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}),
    );
    assert_eq!(err.code(), "DOCUMENT_STATE");
}

#[test]
fn a_credit_note_uses_the_same_split_and_replay_rebuilds_the_book() {
    let mut h = seller(ValuationMethod::MovingAverage);
    purchase_and_receive(&mut h);
    at(&mut h, 5);
    run(
        &mut h,
        json!({"type":"issue","sku":"LAMP","location":"SZ","quantity":40,"reason":"sale"}),
    );
    // A 50.00 CNY credit note on the lamps: −30.00 on hand, −20.00 sold.
    let out = run(
        &mut h,
        json!({"type":"apply_landed_cost","voucher":"CN-1","date":"2026-11-10",
               "charges":[{"description":"Freight refund","amount":{"amount":"-50.00","currency":"CNY"},
                           "account":"2200","method":"quantity"}],
               "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]}),
    );
    assert_eq!(
        vouchers(&out),
        ["Dr 2200 50.00, Cr 1300 30.00, Cr 5000 20.00"]
    );
    assert_eq!(h.value("LAMP", "SZ"), "1035.00");
    reconciled(&h);
    let replayed =
        landed::book::Book::replay(h.book.config().clone(), h.book.events().iter()).unwrap();
    assert_eq!(serde_json::to_string(&replayed).unwrap(), h.snapshot_json());
}

#[test]
fn price_difference_to_variance_when_the_book_says_so() {
    let mut config = BookConfig::new(Currency::from_code("CNY").unwrap());
    config.trade.price_difference = landed::trade::PriceDifference::Variance;
    let mut h = small_factory(config);
    run(
        &mut h,
        json!({"type":"create_purchase_order","po":"PO-1","supplier":"F1","date":"2026-11-01","fixed_rate":"7.00",
            "lines":[{"sku":"LAMP","quantity":10,"unit_price":{"amount":"3.00","currency":"USD"},"destination":"SZ"}]}),
    );
    run(&mut h, json!({"type":"confirm_purchase_order","po":"PO-1"}));
    run(
        &mut h,
        json!({"type":"receive_purchase_order","po":"PO-1","receipt":"R1","lines":[{"line":1,"quantity":10}]}),
    );
    // GRNI 210.00; invoiced 4 units at 3.10 USD with an explicit rate 7.05:
    // 12.40 USD = 87.42 CNY against 84.00 of GRNI → 3.42 to 5300.
    let out = run(
        &mut h,
        json!({"type":"match_supplier_invoice","document":"INV-1","supplier":"F1","date":"2026-11-03","rate":"7.05",
               "lines":[{"receipt":"R1","line":1,"quantity":4,"unit_price":{"amount":"3.10","currency":"USD"}}]}),
    );
    assert_eq!(
        vouchers(&out),
        ["Dr 2100 84.00, Dr 5300 3.42, Cr 2000 87.42"]
    );
    // Stock keeps its receipt cost.
    assert_eq!(h.value("LAMP", "SZ"), "210.00");
    reconciled(&h);
}

#[test]
fn lots_keep_their_number_expiry_and_cost_through_transit() {
    let mut h = seller(ValuationMethod::Fifo);
    run(
        &mut h,
        json!({"type":"define_sku","code":"TEA","name":"Tea","lot_tracked":true}),
    );
    // Two lots at different costs; FEFO commits the one expiring first.
    run(
        &mut h,
        json!({"type":"receive","sku":"TEA","location":"SZ","quantity":10,"lot":"L-MAR","expiry":"2027-03-01",
               "unit_cost":{"amount":"5.00","currency":"CNY"}}),
    );
    run(
        &mut h,
        json!({"type":"receive","sku":"TEA","location":"SZ","quantity":10,"lot":"L-JAN","expiry":"2027-01-01",
               "unit_cost":{"amount":"4.00","currency":"CNY"}}),
    );
    run(
        &mut h,
        json!({"type":"create_transfer","transfer":"T-TEA","source":"SZ","destination":"DE",
               "lines":[{"sku":"TEA","quantity":14}]}),
    );
    run(
        &mut h,
        json!({"type":"approve_transfer","transfer":"T-TEA"}),
    );
    let out = run(&mut h, json!({"type":"ship_transfer","transfer":"T-TEA"}));
    // FEFO picks 10 of L-JAN and 4 of L-MAR; their cost comes from the
    // SKU's FIFO layers, not from the lot: the oldest layer (L-MAR's 10 at
    // 5.00) pays for the first 10, the next (at 4.00) for the other 4.
    assert_eq!(
        vouchers(&out),
        [
            "Dr 1310 50.00, Cr 1300 50.00",
            "Dr 1310 16.00, Cr 1300 16.00"
        ]
    );
    assert_eq!(
        h.book
            .position("TEA", "DE", Some("L-JAN"))
            .unwrap()
            .quantities
            .in_transit,
        10
    );
    run(
        &mut h,
        json!({"type":"receive_transfer","transfer":"T-TEA","lines":[{"line":1,"accepted":14}]}),
    );
    let jan = h.book.position("TEA", "DE", Some("L-JAN")).unwrap();
    assert_eq!(jan.quantities.available, 10);
    assert_eq!(
        jan.expiry.map(|d| d.to_string()).as_deref(),
        Some("2027-01-01")
    );
    assert_eq!(
        h.book
            .position("TEA", "DE", Some("L-MAR"))
            .unwrap()
            .quantities
            .available,
        4
    );
    // What left arrives: no drift in transit.
    assert_eq!(h.value("TEA", "DE"), "66.00");
    assert_eq!(h.value("TEA", "SZ"), "24.00");
    reconciled(&h);
}

#[test]
fn vouchers_respect_the_lock_and_take_an_explicit_rate() {
    let mut h = seller(ValuationMethod::MovingAverage);
    purchase_and_receive(&mut h);
    at(&mut h, 12);
    run(&mut h, json!({"type":"lock_period","through":"2026-11-10"}));
    let voucher = |date: &str| {
        json!({"type":"apply_landed_cost","voucher":"LC-L","date":date,
               "charges":[{"description":"Freight","kind":"freight","amount":{"amount":"10.00","currency":"USD"},
                           "rate":"7.3","account":"2200","method":"quantity"}],
               "targets":[{"type":"receipt","receipt":"GRN-1","line":1}]})
    };
    // A late invoice dated in the closed period is refused; the correction
    // posts in the open period instead.
    let err = fail(&mut h, voucher("2026-11-10"));
    assert_eq!(err.code(), "PERIOD_LOCKED");
    // 10.00 USD at the explicit 7.3 = 73.00, all on hand.
    let out = run(&mut h, voucher("2026-11-12"));
    assert_eq!(vouchers(&out), ["Dr 1300 73.00, Cr 2200 73.00"]);
    assert_eq!(h.value("LAMP", "SZ"), "1848.00");
}

#[test]
fn a_supplier_shipment_shows_in_transit_by_destination() {
    let mut h = seller(ValuationMethod::MovingAverage);
    run(
        &mut h,
        json!({"type":"create_purchase_order","po":"PO-7","supplier":"F1","date":"2026-11-01","lines":[
            {"sku":"LAMP","quantity":100,"unit_price":{"amount":"2.50","currency":"USD"},"destination":"SZ"},
            {"sku":"FAN","quantity":20,"unit_price":{"amount":"8.00","currency":"USD"},"destination":"DE"}]}),
    );
    run(&mut h, json!({"type":"confirm_purchase_order","po":"PO-7"}));
    at(&mut h, 3);
    run(
        &mut h,
        json!({"type":"ship_purchase_order","po":"PO-7","shipment":{"carrier":"Maersk","eta":"2026-11-30"}}),
    );
    run(
        &mut h,
        json!({"type":"record_milestone","document":"PO-7","eta":"2026-12-02",
            "milestone":{"event_id":"M1","milestone":"departed","at":"2026-11-04T00:00:00Z"}}),
    );
    let report = h
        .book
        .in_transit(chrono::NaiveDate::from_ymd_opt(2026, 11, 13).unwrap())
        .unwrap();
    let lines: Vec<String> = report
        .shipments
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {} {:?} {:?} {}",
                s.document,
                s.destination,
                s.units,
                s.value,
                s.last_milestone,
                s.eta,
                s.days_in_transit
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "PO-7 DE 20 160.00 USD Some(Departed) Some(2026-12-02) 10",
            "PO-7 SZ 100 250.00 USD Some(Departed) Some(2026-12-02) 10"
        ]
    );
    let totals: Vec<(String, i64)> = report
        .by_destination
        .iter()
        .map(|t| (t.destination.clone(), t.purchase_units))
        .collect();
    assert_eq!(totals, [("DE".to_owned(), 20), ("SZ".to_owned(), 100)]);
    // Closing the order with nothing received cancels it and clears the buckets.
    run(&mut h, json!({"type":"close_purchase_order","po":"PO-7"}));
    assert_eq!(
        h.book.purchase_order("PO-7").unwrap().status.name(),
        "cancelled"
    );
    let q = h.book.position("FAN", "DE", None).unwrap().quantities;
    assert_eq!((q.on_order, q.in_transit), (0, 0));
}
