//! Bulk work through the JSON face, against the native core: the 10,000
//! commands of `benches/bindings/` (the same lines `bulk.py` and `bulk.js`
//! make) run as typed commands through `Book::execute`, as JSON lines
//! through `JsonBook::execute_lines`, and replayed from the stored JSON
//! lines with `JsonBook::replay_lines`. Prints commands per second (best of
//! `BULK_RUNS` runs, 5 by default) and the head hash, which every language
//! must reach.
//!
//! ```text
//! cargo bench -p landed-json --bench bulk
//! ```

use std::time::{Duration, Instant};

use landed::book::command::{Command, Context};
use landed::book::{Book, BookConfig};
use landed_json::{JsonBook, JsonQueries};
use serde_json::Value;

const CONFIG: &str = r#"{"functional_currency":"USD"}"#;
const COMMANDS: usize = 10_000;
const SKUS: usize = 100;

/// The batch as JSON lines: a location, 100 SKUs, then groups of four
/// commands on one SKU (receive 4, commit 2, sell 1, reserve 1), SKUs
/// visited in steps of 37. Every command succeeds.
fn batch_lines() -> String {
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00Z")
        .map(|t| t.to_utc())
        .unwrap_or_default();
    let mut out = String::new();
    let mut push = |n: usize, command: String| {
        let at = (start + chrono::Duration::seconds(n as i64)).format("%Y-%m-%dT%H:%M:%SZ");
        out.push_str(&format!(
            r#"{{"command":{command},"context":{{"at":"{at}","command_id":"b-{n}"}}}}"#
        ));
        out.push('\n');
    };
    push(
        1,
        r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#.into(),
    );
    for s in 0..SKUS {
        push(
            2 + s,
            format!(r#"{{"type":"define_sku","code":"S{s:03}","name":"Item {s}"}}"#),
        );
    }
    for i in 0..COMMANDS - 1 - SKUS {
        let s = (i / 4 * 37) % SKUS;
        let command = match i % 4 {
            0 => {
                let cents = 1300 + i % 97;
                format!(
                    r#"{{"type":"receive","sku":"S{s:03}","location":"SZ","quantity":4,"unit_cost":{{"amount":"{}.{:02}","currency":"USD"}}}}"#,
                    cents / 100,
                    cents % 100
                )
            }
            1 => format!(
                r#"{{"type":"move","sku":"S{s:03}","location":"SZ","quantity":2,"from":"available","to":"committed"}}"#
            ),
            2 => format!(
                r#"{{"type":"issue","sku":"S{s:03}","location":"SZ","quantity":1,"reason":"sale"}}"#
            ),
            _ => format!(
                r#"{{"type":"move","sku":"S{s:03}","location":"SZ","quantity":1,"from":"available","to":"reserved"}}"#
            ),
        };
        push(2 + SKUS + i, command);
    }
    out
}

/// The best of `runs` timings of `work`, with its last result.
fn best<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut fastest = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let out = work();
        fastest = fastest.min(started.elapsed());
        last = Some(out);
    }
    (fastest, last.expect("at least one run"))
}

fn report(what: &str, time: Duration) {
    println!(
        "{what:<48} {:>9.1} ms  {:>9.0} commands/s",
        time.as_secs_f64() * 1e3,
        COMMANDS as f64 / time.as_secs_f64()
    );
}

fn main() {
    let runs: usize = std::env::var("BULK_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let lines = batch_lines();
    assert_eq!(lines.lines().count(), COMMANDS);
    // Typed commands, read before the clock starts.
    let typed: Vec<(Command, Context)> = lines
        .lines()
        .map(|line| {
            let item: Value = serde_json::from_str(line).expect("a batch line");
            (
                Command::from_json(&item["command"].to_string()).expect("a command"),
                Context::from_json(&item["context"].to_string()).expect("a context"),
            )
        })
        .collect();
    let config = BookConfig::from_json(CONFIG).expect("the config");
    let (time, head) = best(runs, || {
        let mut book = Book::new(config.clone()).expect("a book");
        for (command, context) in &typed {
            book.execute(command, context)
                .expect("every command succeeds");
        }
        book.head_hash_hex()
    });
    report("native Book::execute (typed commands)", time);
    let native_head = head;

    // What a Rust host that stores its log does: the same, and each new
    // event written as a JSON line (which hashes it).
    let (time, stored) = best(runs, || {
        let mut book = Book::new(config.clone()).expect("a book");
        let mut stored = Vec::new();
        for (command, context) in &typed {
            let outcome = book
                .execute(command, context)
                .expect("every command succeeds");
            for event in &outcome.events {
                serde_json::to_writer(&mut stored, &**event).expect("an event");
                stored.push(b'\n');
            }
        }
        stored
    });
    report("native Book::execute + events as JSON lines", time);

    let (time, (book, out)) = best(runs, || {
        let mut book = JsonBook::new(CONFIG).expect("a book");
        let out = book.execute_lines(&lines, false).expect("the batch");
        (book, out)
    });
    assert!(out.errors.is_empty(), "{:?}", out.errors.first());
    assert_eq!(out.executed, COMMANDS as u64);
    assert_eq!(book.head_hash(), native_head);
    report("JsonBook::execute_lines (JSON lines in/out)", time);
    let events = out.events;
    assert_eq!(events.as_bytes(), stored.as_slice());

    let (time, replayed) = best(runs, || {
        JsonBook::replay_lines(CONFIG, &events).expect("the log replays")
    });
    assert_eq!(replayed.head_hash(), native_head);
    report("JsonBook::replay_lines", time);

    let array = replayed.events().expect("the events");
    let (time, replayed) = best(runs, || {
        JsonBook::replay(CONFIG, &array).expect("the log replays")
    });
    assert_eq!(replayed.head_hash(), native_head);
    report("JsonBook::replay (JSON array, for reference)", time);

    println!(
        "{} events, {} bytes of JSON lines; head {native_head}",
        events.lines().count(),
        events.len()
    );
}
