//! Inventory kernel benchmarks (issue: Inventory kernel).
//!
//! `cargo bench -p landed-benches --bench book`
//!
//! * `book/execute_1m`: 10,000 SKUs × 5 locations, 1,000,000 mixed
//!   movements (receive, commit, issue, reserve) executed one by one.
//!   The book keeps the standard ledger, so each movement that changes value
//!   also posts its journal entry; `book/execute_1m_no_ledger` runs the same
//!   commands with the ledger off.
//! * `book/replay`: the event log of that run replayed into a new book;
//!   `book/replay_stored` the same log after a JSON round trip, as a host
//!   reads it from its store (deserialization not timed, so every event
//!   is serialized again to verify its hash); `book/replay_json` the whole
//!   path from the stored text: reading it, verifying each event's hash
//!   over its stored text, and replaying.
//!   `book/execute_1m_state_only` runs them in a book that keeps only its
//!   state (`keep_events: false`).
//! * Before timing, prints the memory of a state-only book per position
//!   and per remembered command id, and what each command adds to a book
//!   that keeps its log, measured with a counting allocator; then, in
//!   state-only books of their own, the memory of an open FIFO layer and
//!   of an open customer invoice.

use std::alloc::{GlobalAlloc, Layout};
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use landed::book::command::{Command, Context, Issue, Move, Receive};
use landed::book::event::RecordedEvent;
use landed::book::{Book, BookConfig, Snapshot};
use landed::catalog::{LocationKind, LocationSpec, SkuSpec};
use landed::inventory::{Bucket, Layer, ValuationMethod};
use landed::ledger::{DocumentKind, InvoiceSpec, LedgerSetup, OpenItem};
use landed::{Currency, Money};
use rust_decimal::Decimal;

/// Counts live heap bytes so the bench can report the book's footprint.
///
/// Counting is switched on only around the memory measurements: the count
/// is an atomic add on every allocation and free, which would otherwise be
/// timed along with the book.
struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);
static COUNTING: AtomicBool = AtomicBool::new(false);

fn count(bytes: isize) {
    if COUNTING.load(Ordering::Relaxed) {
        LIVE.fetch_add(bytes, Ordering::Relaxed);
    }
}

/// Heap bytes allocated and not freed while `f` runs.
fn heap_growth<T>(f: impl FnOnce() -> T) -> (T, isize) {
    let before = LIVE.load(Ordering::Relaxed);
    COUNTING.store(true, Ordering::SeqCst);
    let result = f();
    COUNTING.store(false, Ordering::SeqCst);
    (result, LIVE.load(Ordering::Relaxed) - before)
}

/// The allocator that does the work: the system's, or jemalloc with
/// `--features jemalloc` (as the examples).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
type Inner = tikv_jemallocator::Jemalloc;
#[cfg(not(all(feature = "jemalloc", not(target_env = "msvc"))))]
type Inner = std::alloc::System;

// SAFETY: forwards to the inner allocator unchanged; only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { Inner {}.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        unsafe { Inner {}.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        unsafe { Inner {}.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SKUS: usize = 10_000;
const LOCATIONS: usize = 5;
const MOVEMENTS: usize = 1_000_000;

fn sku_code(i: usize) -> String {
    format!("SKU-{i:05}")
}

fn loc_code(i: usize) -> String {
    ["SZ", "DE-3PL", "US-3PL", "FBA-US", "FBA-DE"][i].to_owned()
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The master data plus 1,000 units in every position.
fn seeded_book(ledger: LedgerSetup) -> Book {
    seeded_book_keeping(ledger, true)
}

/// [`seeded_book`], keeping its events in memory or not.
fn seeded_book_keeping(ledger: LedgerSetup, keep_events: bool) -> Book {
    let usd = Currency::from_code("USD").expect("USD");
    let mut config = BookConfig::new(usd).keep_events(keep_events);
    config.ledger = ledger;
    let mut book = Book::new(config).expect("book");
    let mut id = 0u64;
    let mut run = |book: &mut Book, command: Command| {
        id += 1;
        let ctx = Context::new(start(), format!("seed-{id}"));
        book.execute(command, &ctx).expect("seed command");
    };
    for l in 0..LOCATIONS {
        run(
            &mut book,
            LocationSpec::new(
                loc_code(l),
                loc_code(l),
                if l == 0 {
                    LocationKind::Own
                } else {
                    LocationKind::ThirdParty
                },
            )
            .into(),
        );
    }
    for s in 0..SKUS {
        run(
            &mut book,
            SkuSpec::new(sku_code(s), format!("Item {s}")).into(),
        );
        for l in 0..LOCATIONS {
            run(&mut book, receive(s, l, 1_000, 1_250 + s as i64 % 500));
        }
    }
    book
}

fn receive(s: usize, l: usize, quantity: i64, cents: i64) -> Command {
    let usd = Currency::from_code("USD").expect("USD");
    Receive::new(
        sku_code(s),
        loc_code(l),
        quantity,
        Money::new(Decimal::new(cents, 2), usd),
    )
    .into()
}

fn movement(s: usize, l: usize, quantity: i64, from: Bucket, to: Bucket) -> Command {
    Move::new(sku_code(s), loc_code(l), quantity, from, to).into()
}

/// One million commands: 25% receipts, 25% commits, 25% issues, 25% reserves,
/// spread over the 50,000 positions by a fixed pseudo-random sequence.
fn movements() -> Vec<(Command, Context)> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut at = start();
    (0..MOVEMENTS)
        .map(|i| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let s = (state >> 33) as usize % SKUS;
            let l = (state >> 17) as usize % LOCATIONS;
            at += Duration::milliseconds(10);
            let command = match i % 4 {
                0 => receive(s, l, 4, 1_300 + (i % 97) as i64),
                1 => movement(s, l, 2, Bucket::Available, Bucket::Committed),
                2 => Issue::sale(sku_code(s), loc_code(l), 1).into(),
                _ => movement(s, l, 1, Bucket::Available, Bucket::Reserved),
            };
            (command, Context::new(at, format!("m-{i}")))
        })
        .collect()
}

fn run_all(book: &mut Book, commands: &[(Command, Context)]) -> usize {
    let mut failures = 0;
    for (command, context) in commands {
        if book.execute(command, context).is_err() {
            failures += 1;
        }
    }
    failures
}

/// Runs the million commands once and prints throughput and memory: the
/// book's state (positions, pools, catalog, ledger totals and indexes)
/// after the run, measured directly by restoring the book's snapshot with
/// its event log left out; and what each command adds to a book that keeps
/// its log (the event, its slot, the idempotency index).
fn report_memory(commands: &[(Command, Context)]) -> Book {
    let base = seeded_book(LedgerSetup::Standard);
    let mut book = base.clone();
    let ((failures, elapsed), growth) = heap_growth(|| {
        let t = Instant::now();
        let failures = run_all(&mut book, commands);
        (failures, t.elapsed())
    });
    assert_eq!(failures, 0, "benchmark commands must all succeed");
    eprintln!(
        "one run: {} commands in {:.2?} = {:.0} commands/s ({} events in the log)",
        commands.len(),
        elapsed,
        commands.len() as f64 / elapsed.as_secs_f64(),
        book.events().len()
    );

    // The same run in a book that keeps only its state: what a command
    // adds there is the memory of its id (the positions exist already, the
    // ledger's daily totals are a few), and the state is what is left.
    let mut state_only = seeded_book_keeping(LedgerSetup::Standard, false);
    // The seeded state holds the positions (and the few seeding ids); what
    // the run adds to it is, in a state-only book, the commands' ids.
    let seeded = state_bytes(&state_only);
    let (failures, remembered_growth) = heap_growth(|| run_all(&mut state_only, commands));
    assert_eq!(failures, 0, "benchmark commands must all succeed");
    let per_id = remembered_growth as f64 / commands.len() as f64;
    let positions = (SKUS * LOCATIONS) as f64;
    let state = state_bytes(&state_only);
    let ids = state_only.version() as f64;
    // A restored book's bytes per id, and the seeding commands' ids, which
    // the seeded state holds besides its positions.
    let restored_per_id = (state - seeded) as f64 / commands.len() as f64;
    let seed_ids = ids - commands.len() as f64;
    eprintln!(
        "memory: a book keeping only its state holds {:.1} MiB after the run ({ids:.0} ids): \
         {:.0} B/position before it (catalog, pools, ledger totals and indexes included, the \
         seeding commands' ids left out), \
         {per_id:.0} B of heap per remembered command id (its entry and the idempotency index's, \
         with the growth slack of both), {restored_per_id:.0} B in a book restored from its \
         snapshot; a book keeping its log adds {:.0} B per command",
        state as f64 / 1048576.0,
        (seeded as f64 - seed_ids * restored_per_id) / positions,
        growth as f64 / commands.len() as f64,
    );
    drop(state_only);
    base
}

/// Heap bytes of `book` without its event log: its snapshot taken without
/// the log (`Book::snapshot_without_log`, which carries its own checksum),
/// read back and restored into a new book.
fn state_bytes(book: &Book) -> isize {
    let text = serde_json::to_string(&book.snapshot_without_log()).expect("snapshot");
    let (state, bytes) = heap_growth(|| {
        let snapshot: Snapshot = serde_json::from_str(&text).expect("snapshot");
        Book::restore(snapshot).expect("restore")
    });
    drop(state);
    bytes
}

/// SKUs of the FIFO layer measurement, each at one location.
const LAYER_SKUS: usize = 1_000;
/// Receipts per SKU in the FIFO layer measurement: 100,000 layers in all.
const LAYERS_PER_SKU: usize = 100;
/// Open invoices in the document measurement.
const DOCUMENTS: usize = 100_000;
/// Customers the invoices are spread over.
const PARTIES: usize = 100;
/// The SKU whose units the filler commands move back and forth.
const FILLER_SKU: usize = LAYER_SKUS;

/// A state-only FIFO book with the standard ledger: one location, the
/// [`LAYER_SKUS`] SKUs with one receipt each (so their positions and pools
/// exist), a filler SKU with stock to move, and one open invoice for each
/// of the [`PARTIES`] customers.
fn fifo_state_only_book() -> Book {
    let usd = Currency::from_code("USD").expect("USD");
    let config = BookConfig::new(usd)
        .keep_events(false)
        .valuation_method(ValuationMethod::Fifo);
    let mut book = Book::new(config).expect("book");
    let mut commands: Vec<Command> = vec![LocationSpec::new("SZ", "SZ", LocationKind::Own).into()];
    for s in 0..=FILLER_SKU {
        commands.push(SkuSpec::new(sku_code(s), format!("Item {s}")).into());
        commands.push(receive(s, 0, 1_000_000, 1_000));
    }
    for p in 0..PARTIES {
        commands.push(invoice(&format!("SEED-{p}"), p));
    }
    let mut last = None;
    for (i, command) in commands.into_iter().enumerate() {
        let ctx = Context::new(start(), format!("seed-{i}"));
        last = book
            .execute(command, &ctx)
            .expect("seed command")
            .events
            .pop();
    }
    // Hashed, so that its unhashed events are freed now: the copies
    // measured share them, and the first to hash them would count them
    // as freed.
    if let Some(event) = last {
        event.hash().expect("hash");
    }
    book
}

fn invoice(document: &str, party: usize) -> Command {
    let usd = Currency::from_code("USD").expect("USD");
    let date = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
    Command::RecordInvoice(InvoiceSpec {
        document: document.to_owned(),
        kind: DocumentKind::CustomerInvoice,
        party: format!("CUSTOMER-{party:03}"),
        channel: None,
        date,
        due_date: None,
        amount: Money::new(Decimal::new(10_000, 2), usd),
        rate: None,
    })
}

/// `count` commands that leave nothing behind but their ids: one unit of
/// the filler SKU reserved and released again, in turn.
fn fillers(count: usize) -> Vec<Command> {
    (0..count)
        .map(|i| {
            if i % 2 == 0 {
                movement(FILLER_SKU, 0, 1, Bucket::Available, Bucket::Reserved)
            } else {
                movement(FILLER_SKU, 0, 1, Bucket::Reserved, Bucket::Available)
            }
        })
        .collect()
}

/// Heap bytes that running `commands` (ids `item-0`, `item-1`, ...) adds
/// to a copy of `base`. The last event is hashed at the end, as a host
/// storing the events would have hashed them all: a book without its log
/// otherwise holds up to a few thousand unhashed events for the host, a
/// tail that depends on where the run stops, not on what it leaves.
fn growth_of(base: &Book, commands: Vec<Command>) -> isize {
    let at = start() + Duration::hours(1);
    let contexts: Vec<Context> = (0..commands.len())
        .map(|i| Context::new(at, format!("item-{i}")))
        .collect();
    let mut book = base.clone();
    let (failures, growth) = heap_growth(|| {
        let mut failures = 0;
        let mut last = None;
        for (command, ctx) in commands.iter().zip(&contexts) {
            match book.execute(command, ctx) {
                Ok(outcome) => last = outcome.events.last().cloned(),
                Err(_) => failures += 1,
            }
        }
        if let Some(event) = last {
            event.hash().expect("hash");
        }
        failures
    });
    assert_eq!(failures, 0, "memory commands must all succeed");
    drop(book);
    growth
}

/// Prints the memory of an open FIFO layer and of an open money document.
/// Each is the difference between two state-only books that ran the same
/// number of commands under the same ids: in one, every command adds the
/// item measured; in the other, a filler command adds nothing but its id.
fn report_layers_and_documents() {
    let base = fifo_state_only_book();

    // Every receipt is a layer of its own: FIFO layers never merge, and
    // each receipt here has its own unit cost anyway.
    let layers = LAYER_SKUS * LAYERS_PER_SKU;
    let receipts: Vec<Command> = (0..LAYERS_PER_SKU)
        .flat_map(|j| (0..LAYER_SKUS).map(move |s| receive(s, 0, 10, 1_100 + j as i64)))
        .collect();
    let with_layers = growth_of(&base, receipts);
    let without = growth_of(&base, fillers(layers));
    let per_layer = (with_layers - without) as f64 / layers as f64;
    eprintln!(
        "memory: {per_layer:.0} B per open FIFO layer in a state-only book ({layers} receipts \
         over {LAYER_SKUS} SKUs at one location, {} layers per pool; a layer is {} B, and a \
         pool's layer queue keeps at most a few spare slots)",
        LAYERS_PER_SKU + 1,
        std::mem::size_of::<Layer>(),
    );

    let invoices: Vec<Command> = (0..DOCUMENTS)
        .map(|i| invoice(&format!("INV-{i:06}"), i % PARTIES))
        .collect();
    let with_documents = growth_of(&base, invoices);
    let without = growth_of(&base, fillers(DOCUMENTS));
    let per_document = (with_documents - without) as f64 / DOCUMENTS as f64;
    eprintln!(
        "memory: {per_document:.0} B per open customer invoice in a state-only book \
         ({DOCUMENTS} unpaid invoices over {PARTIES} customers; an open item is {} B before \
         its texts and its place in the document map)",
        std::mem::size_of::<OpenItem>(),
    );
}

fn bench(c: &mut Criterion) {
    let commands = movements();
    // The run's log is made after the execute benches, so that they run
    // on a heap not already holding a million events.
    let base = report_memory(&commands);
    report_layers_and_documents();
    let config = base.config().clone();

    let mut group = c.benchmark_group("book");
    group.sample_size(10);
    group.throughput(criterion::Throughput::Elements(MOVEMENTS as u64));
    let without_ledger = seeded_book(LedgerSetup::Off);
    group.bench_function("execute_1m_no_ledger", |b| {
        b.iter_batched(
            || without_ledger.clone(),
            |mut book| {
                black_box(run_all(&mut book, &commands));
                book
            },
            BatchSize::PerIteration,
        )
    });
    let state_only = seeded_book_keeping(LedgerSetup::Standard, false);
    group.bench_function("execute_1m_state_only", |b| {
        b.iter_batched(
            || state_only.clone(),
            |mut book| {
                black_box(run_all(&mut book, &commands));
                book
            },
            BatchSize::PerIteration,
        )
    });
    drop(state_only);
    group.bench_function("execute_1m", |b| {
        b.iter_batched(
            || base.clone(),
            |mut book| {
                black_box(run_all(&mut book, &commands));
                // Returned, so criterion drops the book outside the timing.
                book
            },
            BatchSize::PerIteration,
        )
    });
    let events = {
        let mut book = base.clone();
        run_all(&mut book, &commands);
        book.events().to_vec()
    };
    // Replay rebuilds the whole log, seeding included.
    group.throughput(criterion::Throughput::Elements(events.len() as u64));
    group.bench_function("replay", |b| {
        b.iter_with_large_drop(|| Book::replay(config.clone(), black_box(&events)))
    });
    // The same log as a host reads it back from storage: every event
    // deserialized, with its own copy of every code.
    let stored: Vec<Arc<RecordedEvent>> = events
        .iter()
        .map(|e| {
            let text = serde_json::to_string(&**e).expect("event");
            Arc::new(serde_json::from_str::<RecordedEvent>(&text).expect("event"))
        })
        .collect();
    group.bench_function("replay_stored", |b| {
        b.iter_with_large_drop(|| Book::replay(config.clone(), black_box(&stored)))
    });
    drop(stored);
    let text = serde_json::to_string(&events).expect("log");
    group.bench_function("replay_json", |b| {
        b.iter_with_large_drop(|| Book::replay_json(config.clone(), black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
