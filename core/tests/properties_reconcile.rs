//! Property tests of channel stock reconciliation:
//!
//! * a Shopify level or an FBA summary written from the book's own
//!   positions reconciles with no difference, whatever the buckets hold;
//! * a row field outside the report's format, or one no format knows, is
//!   refused with `INVALID_COMMAND` naming it.

use landed::sales::{ChannelStockFormat, ChannelStockReport};
use landed::{Book, BookConfig, Command, Context};
use proptest::prelude::*;

const SKUS: [&str; 2] = ["LAMP", "BULB"];
const LOCATIONS: [&str; 2] = ["SZ", "FBA"];
/// The buckets a `move` reaches from `available` (units on order, in
/// transit or being received arrive through purchasing and transfers).
const BUCKETS: [&str; 6] = [
    "committed",
    "reserved",
    "quality_control",
    "safety_stock",
    "damaged",
    "researching",
];

fn ctx(n: usize) -> Context {
    Context::from_json(&format!(
        r#"{{"at":"2026-11-02T09:00:00Z","command_id":"c{n}"}}"#
    ))
    .unwrap()
}

/// A book with both SKUs received at both locations, then units moved
/// out of `available` into other buckets (moves the book refuses are
/// skipped).
fn book(receipts: &[i64], moves: &[(usize, usize, usize, i64)]) -> Book {
    let mut book =
        Book::new(BookConfig::from_json(r#"{"functional_currency":"USD"}"#).unwrap()).unwrap();
    let mut n = 0;
    let mut run = |book: &mut Book, json: String| {
        n += 1;
        let _ = book.execute(Command::from_json(&json).unwrap(), &ctx(n));
    };
    for loc in LOCATIONS {
        run(
            &mut book,
            format!(r#"{{"type":"define_location","code":"{loc}","name":"{loc}","kind":"own"}}"#),
        );
    }
    for sku in SKUS {
        run(
            &mut book,
            format!(r#"{{"type":"define_sku","code":"{sku}","name":"{sku}"}}"#),
        );
    }
    for (i, quantity) in receipts.iter().enumerate() {
        let (sku, loc) = (SKUS[i % 2], LOCATIONS[i / 2 % 2]);
        run(
            &mut book,
            format!(
                r#"{{"type":"receive","sku":"{sku}","location":"{loc}","quantity":{quantity},"unit_cost":{{"amount":"1.00","currency":"USD"}}}}"#
            ),
        );
    }
    for (sku, loc, bucket, quantity) in moves {
        let (sku, loc, to) = (SKUS[*sku], LOCATIONS[*loc], BUCKETS[*bucket]);
        run(
            &mut book,
            format!(
                r#"{{"type":"move","sku":"{sku}","location":"{loc}","quantity":{quantity},"from":"available","to":"{to}"}}"#
            ),
        );
    }
    book
}

fn report_of(book: &Book, format: ChannelStockFormat, loc: &str) -> String {
    let rows: Vec<String> = SKUS
        .iter()
        .map(|sku| {
            let q = book.position(sku, loc, None).unwrap().quantities;
            let on_hand = q.available + q.committed + q.reserved + q.quality_control + q.safety_stock + q.damaged;
            match format {
                ChannelStockFormat::Shopify => format!(
                    r#"{{"sku":"{sku}","available":{},"committed":{},"reserved":{},"incoming":{},"quality_control":{},"safety_stock":{},"damaged":{},"on_hand":{on_hand}}}"#,
                    q.available, q.committed, q.reserved, q.in_transit, q.quality_control, q.safety_stock, q.damaged
                ),
                ChannelStockFormat::Fba => format!(
                    r#"{{"sku":"{sku}","fulfillable":{},"inbound_working":0,"inbound_shipped":{},"inbound_receiving":{},"reserved":{},"unfulfillable":{},"researching":{}}}"#,
                    q.available, q.in_transit, q.receiving, q.committed + q.reserved, q.damaged, q.researching
                ),
            }
        })
        .collect();
    let format = match format {
        ChannelStockFormat::Shopify => "shopify",
        ChannelStockFormat::Fba => "fba",
    };
    format!(
        r#"{{"format":"{format}","location":"{loc}","rows":[{}]}}"#,
        rows.join(",")
    )
}

proptest! {
    #[test]
    fn the_books_own_positions_reconcile_with_no_difference(
        receipts in prop::collection::vec(1i64..500, 4),
        moves in prop::collection::vec((0usize..2, 0usize..2, 0usize..BUCKETS.len(), 1i64..200), 0..12),
        fba in any::<bool>(),
        loc in 0usize..2,
    ) {
        let book = book(&receipts, &moves);
        let format = if fba { ChannelStockFormat::Fba } else { ChannelStockFormat::Shopify };
        let report = ChannelStockReport::from_json(&report_of(&book, format, LOCATIONS[loc])).unwrap();
        let recon = book.reconcile_channel_stock(&report).unwrap();
        prop_assert!(recon.differences.is_empty(), "{:?}", recon.differences);
        prop_assert!(recon.unmatched.is_empty());
        prop_assert_eq!(recon.compared, 2);
        prop_assert!(recon.totals.values().all(|t| t.delta == 0 && t.channel_units == t.book_units));
        prop_assert_eq!(recon.totals.len(), format.fields().len() - usize::from(fba));
    }

    #[test]
    fn a_field_outside_the_format_is_refused_by_name(
        field in "[a-z_]{1,16}",
        fba in any::<bool>(),
        quantity in 0i64..1000,
    ) {
        let format = if fba { ChannelStockFormat::Fba } else { ChannelStockFormat::Shopify };
        prop_assume!(!format.fields().contains(&field.as_str()) && field != "sku" && field != "listing");
        let name = if fba { "fba" } else { "shopify" };
        let json = format!(r#"{{"format":"{name}","location":"SZ","rows":[{{"sku":"LAMP","{field}":{quantity}}}]}}"#);
        let err = ChannelStockReport::from_json(&json).unwrap_err();
        prop_assert_eq!(err.code(), "INVALID_COMMAND");
        prop_assert!(err.to_string().contains(&field), "{}", err);
    }
}
