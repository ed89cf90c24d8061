//! A seller's year as one process (issue 14): generates the year of N
//! business transactions, executes it in a fresh book and prints one line
//! of figures: commands, events, journal lines, the wall time of executing,
//! commands per second, µs per command, the resident memory before and
//! after executing and its peak (VmHWM), and µs per command in each tenth
//! of the run (does a command cost more as the book's history grows?).
//!
//! `cargo run --release -p landed-benches --example year -- 100000 [--seed S] [--json-lines PATH] [--report] [--by-kind] [--state-only] [--sizes] [--generate-only]`
//!
//! `--json-lines PATH` writes the year as JSON lines, one
//! `{"command":…,"context":…}` item of the JSON facade's `execute_batch`
//! a line, for the bindings and their peers; `--report` prints the
//! transaction mix and the year-end trial balance too; `--by-kind` times
//! each command and prints the time spent per command type; `--state-only`
//! runs a book that keeps no event log (`keep_events: false`) and writes
//! each event as its host would; `--sizes` prints the serialized size (and item count) of
//! each part of the state (and, with `STATE_OUT=PATH` set, writes the whole
//! snapshot there, to look inside); `--generate-only` (with `--json-lines`)
//! stops after writing the file (the input of `--example host`).

use std::time::Instant;

use landed::book::Book;
use landed_benches::year::{YearSpec, seller_year, to_json_lines};

/// A field of /proc/self/status in kB (0 where there is none).
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn mib(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// With `--features jemalloc`, jemalloc is the process allocator: glibc's
/// malloc slows as a long run's frees fragment its heap (docs/benchmarks.md).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut transactions = 10_000usize;
    let mut seed = 2026u64;
    let mut json_lines = None;
    let mut report = false;
    let mut by_kind = false;
    let mut state_only = false;
    let mut sizes = false;
    let mut generate_only = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .expect("--seed takes a number");
            }
            "--json-lines" => json_lines = Some(args.next().expect("--json-lines takes a path")),
            "--report" => report = true,
            "--by-kind" => by_kind = true,
            "--state-only" => state_only = true,
            "--sizes" => sizes = true,
            "--generate-only" => generate_only = true,
            n => {
                transactions = n
                    .parse()
                    .expect("usage: year N [--seed S] [--json-lines PATH]")
            }
        }
    }
    let started = Instant::now();
    let year = seller_year(YearSpec { transactions, seed });
    let mix = year.mix.clone();
    let generated = started.elapsed();
    if let Some(path) = &json_lines {
        std::fs::write(path, to_json_lines(&year)).expect("the JSON lines file is written");
        if generate_only {
            println!(
                "N={transactions} seed={seed} commands={} written to {path}",
                year.commands.len()
            );
            return;
        }
    }
    let commands = year.commands.len();
    // With --by-kind, each command's type, read before the clock starts.
    let kinds: Vec<String> = if by_kind {
        year.commands
            .iter()
            .map(|(command, _)| {
                let value = serde_json::to_value(command).expect("a command serializes");
                value["type"].as_str().unwrap_or("?").to_owned()
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut per_kind: std::collections::BTreeMap<&str, (usize, f64)> = Default::default();
    let rss_before = status_kb("VmRSS:");
    // `--state-only`: the book keeps no event log (`keep_events: false`),
    // as a host that stores the events itself runs it.
    let config = year.config.clone().keep_events(!state_only);
    let mut book = Book::new(config).expect("book");
    let tenth = commands.div_ceil(10);
    let mut tenths = Vec::new();
    let mut errors = 0usize;
    let mut stored: Vec<u8> = Vec::with_capacity(4096);
    let mut stored_bytes = 0usize;
    let run = Instant::now();
    let mut mark = Instant::now();
    // Commands are handed over by value, as a host would; each one's
    // memory is released once it has run.
    for (n, (command, context)) in year.commands.into_iter().enumerate() {
        let one = by_kind.then(Instant::now);
        let result = book.execute(command, &context);
        // A state-only book's host stores the events: writing each one
        // (which hashes it) is part of the run.
        if state_only && let Ok(outcome) = &result {
            for event in &outcome.events {
                stored.clear();
                event.write_json(&mut stored).expect("an event serializes");
                stored_bytes += stored.len() + 1;
            }
        }
        if let Some(one) = one {
            let entry = per_kind.entry(kinds[n].as_str()).or_default();
            entry.0 += 1;
            entry.1 += one.elapsed().as_secs_f64();
        }
        if let Err(e) = result {
            errors += 1;
            if errors <= 5 {
                eprintln!("command {n} ({}) failed: {e}", context.command_id);
            }
        }
        if (n + 1) % tenth == 0 || n + 1 == commands {
            let in_tenth = n + 1 - tenth * tenths.len();
            tenths.push(mark.elapsed().as_secs_f64() * 1e6 / in_tenth as f64);
            mark = Instant::now();
        }
    }
    let wall = run.elapsed().as_secs_f64();
    let rss_after = status_kb("VmRSS:");
    let peak = status_kb("VmHWM:");
    let events = if state_only {
        // Every event was stored by the host; the book numbers them.
        book.events_recorded() as usize
    } else {
        book.events().len()
    };
    let journal_lines: usize = book.journal().iter().map(|e| e.lines.len()).sum();
    let tenths: Vec<String> = tenths.iter().map(|t| format!("{t:.1}")).collect();
    println!(
        "N={transactions} seed={seed} commands={commands} events={events} journal_lines={journal_lines} \
         errors={errors} generate_s={:.2} execute_s={wall:.2} commands_per_s={:.0} us_per_command={:.2} events_per_s={:.0} \
         rss_before_mib={:.0} rss_after_mib={:.0} peak_rss_mib={:.0} us_per_command_by_tenth=[{}]",
        generated.as_secs_f64(),
        commands as f64 / wall,
        wall * 1e6 / commands as f64,
        events as f64 / wall,
        mib(rss_before),
        mib(rss_after),
        mib(peak),
        tenths.join(" "),
    );
    for (kind, (count, seconds)) in &per_kind {
        println!(
            "{kind:<32} {count:>9} commands {seconds:>8.3} s {:>9.1} us/command",
            seconds * 1e6 / *count as f64
        );
    }
    if state_only {
        println!("stored_event_bytes={stored_bytes}");
    }
    if sizes {
        // What the state is made of: the serialized size of each member of
        // the snapshot taken without the log.
        let snapshot = serde_json::to_value(book.snapshot_without_log()).expect("snapshot");
        if let Ok(path) = std::env::var("STATE_OUT") {
            std::fs::write(path, serde_json::to_string(&snapshot).expect("text")).expect("write");
        }
        if let Some(members) = snapshot.as_object() {
            for (name, value) in members {
                let text = serde_json::to_string(value).expect("member");
                let sub: Vec<String> = value
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .map(|(k, v)| {
                                // Bytes, and how many items for a list or a map.
                                let items = v
                                    .as_array()
                                    .map(|a| a.len())
                                    .or_else(|| v.as_object().map(|o| o.len()));
                                let bytes = serde_json::to_string(v).map_or(0, |t| t.len());
                                match items {
                                    Some(n) => format!("{k}={bytes}/{n}"),
                                    None => format!("{k}={bytes}"),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                println!("state {name}: {} bytes {}", text.len(), sub.join(" "));
            }
        }
    }
    if report {
        println!("mix: {mix:?}");
        let to = landed::parse_date("2026-12-31").expect("date");
        for line in book.trial_balance(to, None).lines {
            println!("{} {:<40} {}", line.account, line.name, line.balance);
        }
        let open = book.open_items(to);
        println!("open items at year end: {}", open.len());
    }
    assert_eq!(errors, 0, "every command of the year succeeds");
}
