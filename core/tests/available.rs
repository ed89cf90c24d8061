//! Available to sell, with figures checked by hand: a bundle across two
//! warehouses, a listing's policy (safety stock, reserve, share, cap,
//! threshold), reservations, packs, and the push list with its
//! acknowledgements, through replay and restore.

mod common;

use common::resealed;
use landed::sales::StockPush;
use landed::{Book, BookConfig, Command, Context, Snapshot};

fn ctx(n: u32) -> Context {
    Context::from_json(&format!(
        r#"{{"at":"2026-11-{:02}T09:00:00Z","command_id":"c{n}"}}"#,
        1 + n % 28
    ))
    .unwrap()
}

struct Run {
    book: Book,
    n: u32,
}

impl Run {
    fn new() -> Self {
        let config = BookConfig::from_json(r#"{"functional_currency":"USD"}"#).unwrap();
        Self {
            book: Book::new(config).unwrap(),
            n: 0,
        }
    }

    fn try_json(&mut self, json: &str) -> landed::Result<()> {
        self.n += 1;
        let command = Command::from_json(json)?;
        self.book.execute(command, &ctx(self.n)).map(|_| ())
    }

    fn json(&mut self, json: &str) {
        if let Err(e) = self.try_json(json) {
            panic!("{json}: {e}");
        }
    }

    fn receive(&mut self, sku: &str, loc: &str, qty: i64) {
        self.json(&format!(
            r#"{{"type":"receive","sku":"{sku}","location":"{loc}","quantity":{qty},
                "unit_cost":{{"amount":"1.00","currency":"USD"}}}}"#
        ));
    }

    fn ats(&self, channel: &str, listing: &str) -> i64 {
        self.book
            .available_to_sell(channel, listing)
            .unwrap()
            .available
    }

    fn push_list(&self) -> Vec<(String, Option<i64>, i64)> {
        push_rows(&self.book)
    }

    fn acknowledge_all(&mut self) {
        let pushes: Vec<StockPush> = self
            .book
            .stock_to_push(None)
            .unwrap()
            .into_iter()
            .map(|p| p.acknowledged())
            .collect();
        self.n += 1;
        self.book
            .execute(Command::acknowledge_stock_push(pushes), &ctx(self.n))
            .unwrap();
    }
}

/// The push list as (channel/listing, previous, available).
fn push_rows(book: &Book) -> Vec<(String, Option<i64>, i64)> {
    book.stock_to_push(None)
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                format!("{}/{}", p.channel, p.listing),
                p.previous,
                p.available,
            )
        })
        .collect()
}

/// Two warehouses serve the web shop (the FBA location serves Amazon
/// only); a desk set is a lamp and two bulbs.
fn two_warehouses() -> Run {
    let mut run = Run::new();
    for json in [
        r#"{"type":"define_location","code":"EAST","name":"3PL East","kind":"third_party","country":"US"}"#,
        r#"{"type":"define_location","code":"WEST","name":"3PL West","kind":"third_party","country":"US"}"#,
        r#"{"type":"define_location","code":"FBA","name":"Amazon US","kind":"fba","country":"US"}"#,
        r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#,
        r#"{"type":"define_sku","code":"BULB","name":"LED bulb"}"#,
        r#"{"type":"define_bundle","code":"SET","name":"Desk set","components":[{"sku":"LAMP","quantity":1},{"sku":"BULB","quantity":2}]}"#,
        r#"{"type":"define_channel","code":"web","name":"Web shop","kind":"own_site","currency":"USD",
            "locations":[{"location":"EAST"},{"location":"WEST","country":"US"}]}"#,
        r#"{"type":"define_channel","code":"amazon","name":"Amazon US","kind":"amazon","currency":"USD","fba_location":"FBA"}"#,
        r#"{"type":"define_listing","channel":"web","listing":"lamp","sku":"LAMP"}"#,
        r#"{"type":"define_listing","channel":"web","listing":"bulbs-4","sku":"BULB","pack":4}"#,
        r#"{"type":"define_listing","channel":"web","listing":"set","bundle":"SET"}"#,
        r#"{"type":"define_listing","channel":"amazon","listing":"B0LAMP","sku":"LAMP"}"#,
    ] {
        run.json(json);
    }
    run.receive("LAMP", "EAST", 5);
    run.receive("BULB", "EAST", 7);
    run.receive("LAMP", "WEST", 1);
    run.receive("BULB", "WEST", 10);
    run.receive("LAMP", "FBA", 9);
    run
}

#[test]
fn a_bundle_is_counted_per_warehouse_then_added_up() {
    let run = two_warehouses();
    // East: min(5 lamps, ⌊7 bulbs ÷ 2⌋ = 3) = 3; West: min(1, ⌊10 ÷ 2⌋ = 5)
    // = 1; together 4. Adding the warehouses first would promise
    // min(6, ⌊17 ÷ 2⌋ = 8) = 6, two sets no single warehouse can pack.
    let set = run.book.available_to_sell("web", "set").unwrap();
    let at: Vec<(&str, i64)> = set
        .locations
        .iter()
        .map(|l| (l.location.as_str(), l.units))
        .collect();
    assert_eq!(at, [("EAST", 3), ("WEST", 1)]);
    assert_eq!((set.supply, set.available), (4, 4));
    // The lamp: 5 + 1 (FBA does not serve the web shop); Amazon sees FBA's 9.
    assert_eq!(run.ats("web", "lamp"), 6);
    assert_eq!(run.ats("amazon", "B0LAMP"), 9);
    // Bulbs in fours: ⌊17 ÷ 4⌋ = 4.
    assert_eq!(run.ats("web", "bulbs-4"), 4);
}

#[test]
fn share_cap_and_threshold_apply_in_order() {
    let mut run = two_warehouses();
    run.receive("LAMP", "EAST", 34); // 40 lamps serve the web shop
    assert_eq!(run.ats("web", "lamp"), 40);
    // (40 − 3 − 2) × 0.5 = 17.5 → 17.
    run.json(r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","safety_stock":3,"reserve":2,"share":"0.5"}"#);
    assert_eq!(run.ats("web", "lamp"), 17);
    // Capped at 15.
    run.json(r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","safety_stock":3,"reserve":2,"share":"0.5","max":15}"#);
    assert_eq!(run.ats("web", "lamp"), 15);
    // 17 is under 20: the listing offers nothing. The threshold compares
    // the figure before the cap.
    run.json(r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","safety_stock":3,"reserve":2,"share":"0.5","max":15,"end_below":17}"#);
    assert_eq!(run.ats("web", "lamp"), 15);
    run.json(r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","safety_stock":3,"reserve":2,"share":"0.5","max":15,"end_below":18}"#);
    assert_eq!(run.ats("web", "lamp"), 0);
    // Safety stock larger than the stock: 0, never negative.
    run.json(r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","safety_stock":100}"#);
    assert_eq!(run.ats("web", "lamp"), 0);
    let policy = run.book.available_to_sell("web", "lamp").unwrap().policy;
    assert_eq!(policy.map(|p| p.safety_stock), Some(100));
    // A share of 0 offers nothing.
    run.json(r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","share":"0"}"#);
    assert_eq!(run.ats("web", "lamp"), 0);
}

#[test]
fn reservations_and_other_buckets_reduce_what_can_be_sold() {
    let mut run = two_warehouses();
    assert_eq!(run.ats("web", "lamp"), 6);
    // An order of 2 lamps reserves them in East (available → committed).
    run.json(
        r#"{"type":"ingest_sales_order","channel":"web","order":"1001","date":"2026-11-20",
            "lines":[{"line":"1","listing":"lamp","quantity":2,"unit_price":"25.00"}]}"#,
    );
    assert_eq!(run.ats("web", "lamp"), 4);
    // East now packs min(3, 3) = 3 sets, West still 1.
    assert_eq!(run.ats("web", "set"), 4);
    // One lamp reserved by hand, one damaged.
    run.json(r#"{"type":"move","sku":"LAMP","location":"EAST","quantity":1,"from":"available","to":"reserved"}"#);
    run.json(r#"{"type":"move","sku":"LAMP","location":"EAST","quantity":1,"from":"available","to":"damaged"}"#);
    assert_eq!(run.ats("web", "lamp"), 2);
    // East packs min(1, 3) = 1 set, West 1.
    assert_eq!(run.ats("web", "set"), 2);
    // Shipping the order leaves what can be sold as it was.
    run.json(r#"{"type":"ship_sales_order","channel":"web","order":"1001","shipment":"S-1"}"#);
    assert_eq!(run.ats("web", "lamp"), 2);
}

#[test]
fn the_push_list_holds_what_changed_since_the_last_acknowledged_push() {
    let mut run = two_warehouses();
    // Nothing pushed yet: every listing, with no previous quantity.
    assert_eq!(
        run.push_list(),
        [
            ("amazon/B0LAMP".to_owned(), None, 9),
            ("web/bulbs-4".to_owned(), None, 4),
            ("web/lamp".to_owned(), None, 6),
            ("web/set".to_owned(), None, 4),
        ]
    );
    let web: Vec<String> = run
        .book
        .stock_to_push(Some("web"))
        .unwrap()
        .into_iter()
        .map(|p| p.listing.to_string())
        .collect();
    assert_eq!(web, ["bulbs-4", "lamp", "set"]);
    run.acknowledge_all();
    assert!(run.push_list().is_empty());
    // Three bulbs arrive in East: East now packs min(5, 5) = 5 sets, and
    // the four-packs go to ⌊20 ÷ 4⌋ = 5. Lamps did not move.
    run.receive("BULB", "EAST", 3);
    assert_eq!(
        run.push_list(),
        [
            ("web/bulbs-4".to_owned(), Some(4), 5),
            ("web/set".to_owned(), Some(4), 6),
        ]
    );
    // A bulb that arrives at FBA changes nothing the web shop can sell.
    run.receive("BULB", "FBA", 3);
    assert_eq!(run.push_list().len(), 2);
    // The host pushed only the set; the bulbs stay on the list.
    run.n += 1;
    run.book
        .execute(
            Command::acknowledge_stock_push([StockPush::new("web", "set", 6)]),
            &ctx(run.n),
        )
        .unwrap();
    assert_eq!(run.push_list(), [("web/bulbs-4".to_owned(), Some(4), 5)]);
    // A host that pushed a stale figure sees the listing again.
    run.n += 1;
    run.book
        .execute(
            Command::acknowledge_stock_push([StockPush::new("web", "lamp", 5)]),
            &ctx(run.n),
        )
        .unwrap();
    assert_eq!(
        run.push_list(),
        [
            ("web/bulbs-4".to_owned(), Some(4), 5),
            ("web/lamp".to_owned(), Some(5), 6),
        ]
    );
    // A policy change shows up too.
    run.json(
        r#"{"type":"set_listing_stock_policy","channel":"amazon","listing":"B0LAMP","max":5}"#,
    );
    assert_eq!(run.push_list()[0], ("amazon/B0LAMP".to_owned(), Some(9), 5));

    // Replay and restore give the same list.
    let expected = run.push_list();
    let replayed = Book::replay(run.book.config().clone(), run.book.events()).unwrap();
    assert_eq!(replayed.snapshot(), run.book.snapshot());
    let restored = Book::restore(
        Snapshot::from_json(&serde_json::to_string(&run.book.snapshot()).unwrap()).unwrap(),
    )
    .unwrap();
    for book in [&replayed, &restored] {
        assert_eq!(push_rows(book), expected);
    }
}

#[test]
fn invalid_policies_and_pushes_are_refused_and_change_nothing() {
    let mut run = two_warehouses();
    let before = serde_json::to_string(&run.book.snapshot()).unwrap();
    let refused = [
        (
            r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","share":"1.5"}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","share":"-0.1"}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","share":0.5}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","safety_stock":-1}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","max":-1}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","reserv":1}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"set_listing_stock_policy","channel":"web","listing":"mug"}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"set_listing_stock_policy","channel":"ebay","listing":"lamp"}"#,
            "UNKNOWN_CHANNEL",
        ),
        (
            r#"{"type":"acknowledge_stock_push","pushes":[]}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"acknowledge_stock_push","pushes":[{"channel":"web","listing":"lamp","available":-1}]}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"acknowledge_stock_push","pushes":[{"channel":"web","listing":"lamp","available":1},
                {"channel":"web","listing":"lamp","available":2}]}"#,
            "INVALID_COMMAND",
        ),
        (
            r#"{"type":"acknowledge_stock_push","pushes":[{"channel":"web","listing":"lamp","available":1},
                {"channel":"web","listing":"mug","available":2}]}"#,
            "INVALID_COMMAND",
        ),
    ];
    for (json, code) in refused {
        let err = run.try_json(json).unwrap_err();
        assert_eq!(err.code(), code, "{json}: {err}");
    }
    assert_eq!(serde_json::to_string(&run.book.snapshot()).unwrap(), before);
    assert_eq!(
        run.book.stock_to_push(Some("ebay")).unwrap_err().code(),
        "UNKNOWN_CHANNEL"
    );
    assert_eq!(
        run.book.available_to_sell("web", "mug").unwrap_err().code(),
        "INVALID_COMMAND"
    );
}

#[test]
fn a_snapshot_whose_pushes_or_policies_do_not_fit_is_refused() {
    let mut run = two_warehouses();
    run.json(r#"{"type":"set_listing_stock_policy","channel":"web","listing":"lamp","reserve":2}"#);
    run.acknowledge_all();
    let text = serde_json::to_string(&run.book.snapshot_without_log()).unwrap();
    assert!(Book::restore(Snapshot::from_json(&resealed(&text)).unwrap()).is_ok());
    for (from, to, reason) in [
        (
            r#"[["web","lamp"],4]"#,
            r#"[["web","mug"],4]"#,
            "unknown listing mug",
        ),
        (
            r#"[["web","lamp"],4]"#,
            r#"[["web","lamp"],-4]"#,
            "negative",
        ),
        (r#""reserve":2"#, r#""reserve":-2"#, "reserve"),
    ] {
        assert!(text.contains(from), "{from} is not in {text}");
        let edited = resealed(&text.replacen(from, to, 1));
        let err = Snapshot::from_json(&edited)
            .and_then(Book::restore)
            .unwrap_err();
        assert_eq!(err.code(), "INVALID_SNAPSHOT");
        assert!(err.to_string().contains(reason), "{err}");
    }
}

#[test]
fn a_book_that_sells_nothing_keeps_its_snapshot_bytes() {
    let mut run = Run::new();
    run.json(r#"{"type":"define_location","code":"EAST","name":"3PL East","kind":"third_party"}"#);
    let json = serde_json::to_value(run.book.snapshot()).unwrap();
    assert!(json.get("sales").is_none());
    let run = two_warehouses();
    let sales = &serde_json::to_value(run.book.snapshot()).unwrap()["sales"];
    assert!(sales.get("stock").is_none(), "{sales}");
}
