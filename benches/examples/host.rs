//! A host as one process: reads a year of commands as JSON lines (the file
//! `--example year -- N --json-lines PATH` writes), executes them one by one
//! in a book that keeps only its state, and appends every event, as JSON, to
//! its store (a file, or nothing with `--events -`). Its memory is the
//! book's state plus one line: the figure to set beside the peers, which
//! also read a file and keep only balances.
//!
//! `cargo run --release -p landed-benches --example host -- YEAR.jsonl [--events PATH|-] [--keep-events]`
//!
//! Prints one line: commands, events, wall time, µs per command, µs per
//! command in each tenth of the file, and the peak resident memory (VmHWM).

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

use landed::book::{Book, Command, Context};
use serde::Deserialize;

/// One line of the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    command: Command,
    context: Context,
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// With `--features jemalloc`, jemalloc is the process allocator: glibc's
/// malloc slows as a long run's frees fragment its heap (docs/benchmarks.md).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut input = None;
    let mut events_path = "-".to_owned();
    let mut keep_events = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--events" => events_path = args.next().ok_or("--events takes a path or -")?,
            "--keep-events" => keep_events = true,
            path => input = Some(path.to_owned()),
        }
    }
    let input = input.ok_or("usage: host YEAR.jsonl [--events PATH|-] [--keep-events]")?;
    let started = Instant::now();
    let lines: usize = BufReader::new(std::fs::File::open(&input)?).lines().count();
    let reader = BufReader::new(std::fs::File::open(&input)?);
    let mut store: Box<dyn Write> = if events_path == "-" {
        Box::new(std::io::sink())
    } else {
        Box::new(BufWriter::new(std::fs::File::create(&events_path)?))
    };
    // The year's book: USD, FIFO (benches/src/year.rs, `seller_year`).
    let mut config = landed_benches::year::seller_year(landed_benches::year::YearSpec {
        transactions: 0,
        seed: 0,
    })
    .config;
    config.keep_events = keep_events;
    let mut book = Book::new(config)?;
    let mut events = 0u64;
    let mut tenths = Vec::new();
    let mut tenth_started = Instant::now();
    let tenth = lines.div_ceil(10).max(1);
    let mut line_text = String::new();
    let mut line_bytes: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut reader = reader;
    let mut n = 0usize;
    let mut refused = 0usize;
    while reader.read_line(&mut line_text)? > 0 {
        let item: Item = serde_json::from_str(line_text.trim_end())?;
        line_text.clear();
        match book.execute(item.command, &item.context) {
            Ok(outcome) => {
                // One buffer per command, written once: the store is
                // written in whole events, not in serde's small pieces.
                line_bytes.clear();
                for recorded in &outcome.events {
                    recorded.write_json(&mut line_bytes)?;
                    line_bytes.push(b'\n');
                }
                store.write_all(&line_bytes)?;
                events += outcome.events.len() as u64;
            }
            Err(_) => refused += 1,
        }
        n += 1;
        if n.is_multiple_of(tenth) {
            tenths.push(tenth_started.elapsed().as_secs_f64() * 1e6 / tenth as f64);
            tenth_started = Instant::now();
        }
    }
    store.flush()?;
    let wall = started.elapsed().as_secs_f64();
    let by_tenth: Vec<String> = tenths.iter().map(|t| format!("{t:.1}")).collect();
    println!(
        "commands={n} refused={refused} events={events} keep_events={keep_events} wall_s={wall:.2} us_per_command={:.2} peak_rss_mib={:.0} us_per_command_by_tenth=[{}]",
        wall * 1e6 / n.max(1) as f64,
        peak_rss_mib(),
        by_tenth.join(" ")
    );
    Ok(())
}
