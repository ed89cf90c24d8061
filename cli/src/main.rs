//! `landed`: a landed-cost book in a SQLite file, from the command line.
//! See docs/cli.md.
#![forbid(unsafe_code)]

mod demo;
mod import;
mod progress;
mod report;
mod table;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use landed::{BookConfig, Currency};
use landed_store::Store;

/// With `--features jemalloc`, jemalloc is the process allocator.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// A landed-cost book for cross-border sellers, kept in one SQLite file.
#[derive(Parser, Debug)]
#[command(name = "landed", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Creates a new book in DB.
    Init {
        /// The database file to create.
        db: PathBuf,
        /// The book's functional currency (ISO 4217).
        #[arg(long)]
        currency: Option<String>,
        /// The whole book configuration as JSON (instead of --currency).
        #[arg(long, conflicts_with = "currency")]
        config: Option<String>,
    },
    /// Imports CSV files, ECB rate files or JSON lines of commands, all in
    /// one transaction: every file is applied, or none.
    Import {
        /// The book.
        db: PathBuf,
        /// The files, applied in this order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The kind of every file (default: detected from each header):
        /// skus, locations, suppliers, purchase-orders, receipts,
        /// transfers, landed-costs, ecb, jsonl.
        #[arg(long)]
        kind: Option<String>,
        /// When undated rows (master data) are recorded (RFC 3339 or
        /// YYYY-MM-DD; default: now).
        #[arg(long)]
        at: Option<String>,
        /// Currencies an ECB file's rates are recorded for (default: the
        /// currencies of the book's suppliers and documents, and EUR and USD).
        #[arg(long, value_delimiter = ',')]
        currencies: Vec<String>,
    },
    /// Prints a report.
    Report {
        /// The book.
        db: PathBuf,
        /// Which report.
        report: ReportKind,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// The report date (default: the date of the book's last event).
        #[arg(long)]
        as_of: Option<String>,
        /// Profit from this date (default: the book's first event).
        #[arg(long)]
        from: Option<String>,
        /// Profit grouped by order, sku, channel or month.
        #[arg(long, default_value = "channel")]
        group_by: String,
    },
    /// Writes the log or the journal for another system.
    Export {
        /// The book.
        db: PathBuf,
        /// What to write.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Account mapping (CSV `account,target[,target_name]`) for vouchers.
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Write to this file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Trial-balance date (default: the date of the book's last event).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Opens the book, checking its hash chain and replaying every event;
    /// prints its head hash and counts.
    Verify {
        /// The book.
        db: PathBuf,
    },
    /// Builds a demo quarter of a cross-border seller in a new DB and
    /// prints the headline reports.
    Demo {
        /// The database file to create.
        db: PathBuf,
        /// Replaces DB if it already holds a landed book (a file that is
        /// not one is never removed).
        #[arg(long)]
        replace: bool,
    },
}

/// Report names.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ReportKind {
    /// Units per SKU and bucket.
    Stock,
    /// Goods in transit.
    Transit,
    /// Inventory value per SKU and location.
    Valuation,
    /// Landed cost per SKU.
    LandedCost,
    /// Profit by channel, SKU, order or month.
    Profit,
    /// Trial balance.
    TrialBalance,
    /// Journal entries.
    Journal,
    /// Stock subledger against the ledger.
    Reconcile,
}

/// Report output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Table,
    /// The core's report as JSON.
    Json,
    /// CSV.
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// The whole event log, one event a line.
    Jsonl,
    /// The journal as CSV.
    JournalCsv,
    /// The journal as JSON.
    JournalJson,
    /// The trial balance as CSV.
    TrialBalanceCsv,
    /// The trial balance as JSON.
    TrialBalanceJson,
    /// Vouchers in the generic voucher-import layout.
    Vouchers,
}

/// A failure: one line for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    /// A failure with exit code 1.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }
}

impl From<landed_store::StoreError> for Failure {
    fn from(e: landed_store::StoreError) -> Self {
        let code = if e.code() == "STORE_CORRUPT" { 4 } else { 1 };
        Self {
            message: format!("{} ({})", e, e.code()),
            code,
        }
    }
}

impl From<landed::LandedError> for Failure {
    fn from(e: landed::LandedError) -> Self {
        Self::new(format!("{e} ({})", e.code()))
    }
}

impl From<landed_connect::ExportError> for Failure {
    fn from(e: landed_connect::ExportError) -> Self {
        Self::new(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Self::new(e.to_string())
    }
}

/// The result of a command.
pub type Outcome<T = ()> = Result<T, Failure>;

/// Writes to stdout. A reader that went away (`landed report … | head`)
/// ends the program quietly with success, as Unix tools do, instead of the
/// panic `print!` gives on a closed pipe; everything the command changed was
/// committed before its output began.
pub fn emit(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("landed: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// `print!` through [`emit`].
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::emit(format_args!($($arg)*)) };
}

/// `println!` through [`emit`].
#[macro_export]
macro_rules! outln {
    () => { $crate::emit(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::emit(format_args!("{}\n", format_args!($($arg)*))) };
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let line = failure.message.replace('\n', " ");
            eprintln!("landed: {line}");
            ExitCode::from(failure.code)
        }
    }
}

/// Reads a file as text, naming it in the error.
pub fn read(path: &Path) -> Outcome<String> {
    std::fs::read_to_string(path).map_err(|e| Failure::new(format!("{}: {e}", path.display())))
}

/// Opens an existing book.
pub fn open(db: &Path) -> Outcome<Store> {
    if !db.is_file() {
        return Err(Failure::new(format!(
            "{}: no such book (create it with `landed init`)",
            db.display()
        )));
    }
    Ok(Store::open_existing(db)?)
}

/// Creates a new book; refuses an existing file.
pub fn create(db: &Path, config: BookConfig) -> Outcome<Store> {
    if db.exists() {
        return Err(Failure::new(format!("{} already exists", db.display())));
    }
    let store = Store::open(db, config);
    if store.is_err() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    Ok(store?)
}

fn run(cli: Cli) -> Outcome {
    match cli.command {
        Cmd::Init {
            db,
            currency,
            config,
        } => {
            let config = match (currency, config) {
                (_, Some(json)) => BookConfig::from_json(&json)?,
                (Some(code), None) => {
                    BookConfig::new(Currency::from_code(&code.to_ascii_uppercase())?)
                }
                (None, None) => return Err(Failure::new("give --currency CODE or --config JSON")),
            };
            let store = create(&db, config)?;
            outln!(
                "created {} (functional currency {})",
                db.display(),
                store.book().config().functional_currency
            );
            Ok(())
        }
        Cmd::Import {
            db,
            files,
            kind,
            at,
            currencies,
        } => {
            let mut store = open(&db)?;
            import::run(
                &mut store,
                &files,
                kind.as_deref(),
                at.as_deref(),
                &currencies,
            )
        }
        Cmd::Report {
            db,
            report,
            format,
            as_of,
            from,
            group_by,
        } => {
            let store = open(&db)?;
            let options = report::Options {
                as_of,
                from,
                group_by,
            };
            let text = report::render(store.book(), report, format, &options)?;
            out!("{text}");
            Ok(())
        }
        Cmd::Export {
            db,
            format,
            mapping,
            output,
            as_of,
        } => {
            let mut store = open(&db)?;
            let mut bytes = Vec::new();
            let functional = store.book().config().functional_currency;
            let as_of = report::as_of(store.book(), as_of.as_deref())?;
            match format {
                ExportFormat::Jsonl => {
                    store.export_jsonl(&mut bytes)?;
                }
                ExportFormat::JournalCsv => {
                    bytes =
                        landed_connect::export::journal_csv(&store.book().journal(), functional)?
                            .into_bytes();
                }
                ExportFormat::JournalJson => {
                    bytes =
                        landed_connect::export::journal_json(&store.book().journal())?.into_bytes();
                }
                ExportFormat::TrialBalanceCsv => {
                    let tb = store.book().trial_balance(as_of, None);
                    bytes = landed_connect::export::trial_balance_csv(&tb)?.into_bytes();
                }
                ExportFormat::TrialBalanceJson => {
                    let tb = store.book().trial_balance(as_of, None);
                    bytes = landed_connect::export::trial_balance_json(&tb)?.into_bytes();
                }
                ExportFormat::Vouchers => {
                    let mapping = match &mapping {
                        Some(path) => Some(
                            landed_connect::export::AccountMapping::from_csv(&read(path)?)
                                .map_err(|e| Failure::new(format!("{}: {e}", path.display())))?,
                        ),
                        None => None,
                    };
                    bytes = landed_connect::export::vouchers_csv(
                        &store.book().journal(),
                        functional,
                        mapping.as_ref(),
                    )?
                    .into_bytes();
                }
            }
            if mapping.is_some() && format != ExportFormat::Vouchers {
                return Err(Failure::new("--mapping applies to --format vouchers only"));
            }
            write_output(output.as_deref(), &bytes)
        }
        Cmd::Verify { db } => {
            let store = open(&db)?;
            // Opening checked every event against the hash chain and
            // replayed the log after the newest snapshot.
            let book = store.book();
            let stats = report::counts(book);
            outln!("ok {}", db.display());
            outln!("head hash   {}", book.head_hash_hex());
            outln!("version     {}", book.version());
            outln!("events      {}", book.events_recorded());
            for (name, count) in stats {
                outln!("{name:<11} {count}");
            }
            Ok(())
        }
        Cmd::Demo { db, replace } => demo::run(&db, replace),
    }
}

/// Writes to a file (whole, through a temporary file renamed into place,
/// so a failure leaves no half-written file) or to standard output.
fn write_output(output: Option<&Path>, bytes: &[u8]) -> Outcome {
    use std::io::Write;
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
        Some(path) => {
            let tmp = path.with_extension("landed-tmp");
            std::fs::write(&tmp, bytes)
                .map_err(|e| Failure::new(format!("{}: {e}", tmp.display())))?;
            std::fs::rename(&tmp, path).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Failure::new(format!("{}: {e}", path.display()))
            })?;
        }
    }
    Ok(())
}
