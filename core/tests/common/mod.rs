//! Shared helpers for the book tests: a terse way to run commands.
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use landed::book::Outcome;
use landed::book::command::{Adjust, Command, Context, Issue, Move, Receive};
use landed::book::{Book, BookConfig};
use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
use landed::inventory::{Bucket, ValuationMethod};
use landed::{Currency, LandedError, Money};

pub struct Harness {
    pub book: Book,
    pub clock: DateTime<Utc>,
    pub next_id: u64,
}

pub fn sku(code: &str) -> SkuSpec {
    SkuSpec::new(code, format!("{code} item"))
}

pub fn location(code: &str, kind: LocationKind) -> LocationSpec {
    LocationSpec::new(code, format!("{code} warehouse"), kind)
}

pub fn receive(sku: &str, loc: &str, quantity: i64, unit_cost: &str, currency: &str) -> Command {
    Receive::new(
        sku,
        loc,
        quantity,
        Money::parse(unit_cost, currency).unwrap(),
    )
    .into()
}

pub fn issue(sku: &str, loc: &str, quantity: i64) -> Command {
    Issue::sale(sku, loc, quantity).into()
}

pub fn move_units(sku: &str, loc: &str, quantity: i64, from: Bucket, to: Bucket) -> Command {
    Move::new(sku, loc, quantity, from, to).into()
}

pub fn adjust(sku: &str, loc: &str, quantity: i64, reason: &str) -> Command {
    Adjust::new(sku, loc, quantity, reason).into()
}

impl Harness {
    pub fn new(currency: &str, method: ValuationMethod) -> Self {
        let mut config = BookConfig::new(Currency::from_code(currency).unwrap());
        config.valuation_method = method;
        Self::with_config(config)
    }

    pub fn with_config(config: BookConfig) -> Self {
        Self {
            book: Book::new(config).unwrap(),
            clock: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
            next_id: 0,
        }
    }

    pub fn context(&mut self) -> Context {
        self.next_id += 1;
        self.clock += Duration::minutes(1);
        Context::new(self.clock, format!("cmd-{}", self.next_id))
    }

    pub fn try_run(&mut self, command: Command) -> Result<Outcome, LandedError> {
        let context = self.context();
        self.book.execute(command, &context)
    }

    pub fn run(&mut self, command: Command) -> Outcome {
        match self.try_run(command.clone()) {
            Ok(outcome) => outcome,
            Err(e) => panic!("{command:?} failed: {e}"),
        }
    }

    /// A book with warehouses SZ (own) and DE (3PL) and SKUs A, B.
    pub fn standard(currency: &str, method: ValuationMethod) -> Self {
        let mut h = Self::new(currency, method);
        h.run(Command::DefineLocation(location("SZ", LocationKind::Own)));
        h.run(Command::DefineLocation(location(
            "DE",
            LocationKind::ThirdParty,
        )));
        h.run(Command::DefineSku(sku("A")));
        h.run(Command::DefineSku(sku("B")));
        h
    }

    pub fn value(&self, sku: &str, loc: &str) -> String {
        self.book
            .valuation(Some(sku))
            .unwrap()
            .into_iter()
            .find(|l| l.location == loc)
            .map(|l| l.value.amount.to_string())
            .unwrap_or_else(|| "0".into())
    }

    pub fn snapshot_json(&self) -> String {
        serde_json::to_string(&self.book).unwrap()
    }
}

/// Value of an outcome's stock events, signed (into inventory positive).
pub fn value_of(outcome: &Outcome) -> String {
    use landed::book::event::Event;
    let mut total = rust_decimal::Decimal::ZERO;
    for r in &outcome.events {
        match &r.event {
            Event::Received(s) | Event::AdjustedUp(s) => total += s.value.amount,
            Event::Issued(s) | Event::AdjustedDown(s) => total -= s.value.amount,
            _ => {}
        }
    }
    total.to_string()
}

/// The journal entries of an outcome, one string per entry:
/// `"Dr 1300 370.28, Dr 5000 246.86, Cr 2200 617.14"`.
pub fn vouchers(outcome: &Outcome) -> Vec<String> {
    outcome
        .events
        .iter()
        .filter_map(|r| match &r.event {
            landed::book::event::Event::JournalPosted(e) => Some(
                e.lines
                    .iter()
                    .map(|l| {
                        if l.debit.is_zero() {
                            format!("Cr {} {}", l.account, l.credit)
                        } else {
                            format!("Dr {} {}", l.account, l.debit)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        })
        .collect()
}

/// What an attacker does after editing: renumber seq, version and entry
/// ids, then recompute every hash exactly as the docs say (SHA-256 of the
/// previous hash and the record's compact JSON without `hash`).
pub fn forge(
    events: Vec<landed::book::event::RecordedEvent>,
) -> Vec<landed::book::event::RecordedEvent> {
    let mut previous = [0u8; 32];
    let mut version = 0;
    let mut last_version = None;
    let mut out = Vec::new();
    for (i, mut event) in events.into_iter().enumerate() {
        if last_version != Some(event.version) {
            version += 1;
            last_version = Some(event.version);
        }
        event.seq = i as u64 + 1;
        event.version = version;
        if let landed::book::event::Event::JournalPosted(entry) = &mut event.event {
            entry.id = event.seq;
        }
        let canonical = event.canonical_bytes();
        use sha2::Digest;
        let hash: [u8; 32] = sha2::Sha256::new()
            .chain_update(previous)
            .chain_update(&canonical)
            .finalize()
            .into();
        // Written as the host would store it, with the forged hash.
        let text = String::from_utf8(canonical).unwrap();
        let text = format!(
            "{},\"hash\":\"{}\"}}",
            &text[..text.len() - 1],
            landed::book::event::hex(&hash)
        );
        out.push(serde_json::from_str(&text).unwrap());
        previous = hash;
    }
    out
}

/// Runs a JSON command at 09:00 on `day` with id `id`; panics when refused.
pub fn run_json(book: &mut Book, day: &str, id: &str, json: &str) -> Outcome {
    let command = Command::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    book.execute(command, &day_context(day, id))
        .unwrap_or_else(|e| panic!("{id}: {e}"))
}

/// Runs a JSON command that must be refused and leave the book as it was
/// (snapshot bytes and version); returns the error's code and message.
pub fn refused_json(book: &mut Book, day: &str, id: &str, json: &str) -> (String, String) {
    let before = serde_json::to_string(&book.snapshot()).unwrap();
    let version = book.version();
    let command = Command::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    let err = book.execute(command, &day_context(day, id)).unwrap_err();
    assert_eq!(book.version(), version, "{id} changed the version");
    assert_eq!(
        serde_json::to_string(&book.snapshot()).unwrap(),
        before,
        "{id} changed the book"
    );
    (err.code().to_owned(), err.to_string())
}

/// The context of a command at 09:00 UTC on `day`.
pub fn day_context(day: &str, id: &str) -> Context {
    Context::from_json(&format!(
        r#"{{"at":"{day}T09:00:00Z","command_id":"{id}"}}"#
    ))
    .unwrap()
}

/// The checksum recomputed as the docs say: SHA-256 of the compact JSON
/// without the `checksum` member (the last one).
pub fn resealed(text: &str) -> String {
    use sha2::Digest;
    let at = text.rfind(r#","checksum":""#).unwrap();
    let body = format!("{}}}", &text[..at]);
    let checksum: [u8; 32] = sha2::Sha256::digest(body.as_bytes()).into();
    format!(
        "{},\"checksum\":\"{}\"}}",
        &text[..at],
        landed::book::event::hex(&checksum)
    )
}
