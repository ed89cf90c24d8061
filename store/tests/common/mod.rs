//! What the store's tests share besides `tests/data/helpers.rs`: the
//! backends every test runs on (SQLite and PostgreSQL), a fresh database
//! for each test, and plain SQL on it for looking at (or tampering with)
//! what the store wrote.
//!
//! PostgreSQL comes from `LANDED_TEST_PG_URL` (`scripts/pg-test-server.sh`
//! starts a server and sets it); each test gets its own schema in that
//! database, so tests run in parallel. Without the variable the PostgreSQL
//! tests print a loud "skipped" line and pass, unless `LANDED_REQUIRE_PG=1`,
//! which makes them fail instead (CI sets it).
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

use landed::Book;
use landed_store::Store;

/// The variable that names the test server's database.
pub const PG_URL: &str = "LANDED_TEST_PG_URL";
/// Set to 1 to make a missing server a failure.
pub const REQUIRE_PG: &str = "LANDED_REQUIRE_PG";

/// Runs each listed test body (a `fn(&Backend)`) on SQLite and on
/// PostgreSQL, as tests `sqlite::<name>` and `postgres::<name>`.
#[allow(unused_macros)]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(&crate::common::Backend::Sqlite);
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(backend) = crate::common::Backend::postgres(stringify!($name)) {
                        super::$name(&backend);
                    }
                }
            )*
        }
    };
}

/// Where a test's databases live.
#[derive(Clone, Debug)]
pub enum Backend {
    /// Files in this process's scratch folder.
    Sqlite,
    /// Schemas in the test server's database.
    Postgres {
        /// The database's URL, without a schema.
        url: String,
    },
}

impl Backend {
    /// The PostgreSQL backend, or `None` (with a loud line) when no server
    /// is configured; panics then if one is required.
    pub fn postgres(test: &str) -> Option<Self> {
        match std::env::var(PG_URL) {
            Ok(url) if !url.trim().is_empty() => Some(Self::Postgres { url }),
            _ => {
                if std::env::var(REQUIRE_PG).is_ok_and(|v| v == "1") {
                    panic!(
                        "{REQUIRE_PG}=1 but {PG_URL} is not set: the PostgreSQL test {test} cannot run (start a server with scripts/pg-test-server.sh)"
                    );
                }
                // Straight to stderr, past the test harness's capture, so
                // the skip shows in a normal `cargo test` run.
                let _ = writeln!(
                    std::io::stderr(),
                    "\n**** SKIPPED: PostgreSQL test {test}: {PG_URL} is not set (scripts/pg-test-server.sh run -- cargo test -p landed-store) ****"
                );
                None
            }
        }
    }

    /// The full name of test `name` on this backend (for `--exact`).
    pub fn test_name(&self, name: &str) -> String {
        match self {
            Self::Sqlite => format!("sqlite::{name}"),
            Self::Postgres { .. } => format!("postgres::{name}"),
        }
    }

    /// A new, empty database for the test: a SQLite file that does not
    /// exist, or a PostgreSQL schema that does not exist.
    pub fn fresh(&self, name: &str) -> Db {
        match self {
            Self::Sqlite => Db::Sqlite(scratch(&format!("{name}.db"))),
            Self::Postgres { url } => {
                let slug: String = name
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '_'
                        }
                    })
                    .collect();
                let mut schema = format!("t{}_{slug}", std::process::id());
                schema.truncate(63);
                let db = Db::Postgres {
                    url: url.clone(),
                    schema,
                };
                db.exec(&format!("DROP SCHEMA IF EXISTS {} CASCADE", db.schema()));
                db
            }
        }
    }
}

/// One test database.
#[derive(Clone, Debug)]
pub enum Db {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A schema in a PostgreSQL database.
    Postgres {
        /// The database's URL.
        url: String,
        /// The schema.
        schema: String,
    },
}

impl Db {
    /// The location `Store::open_url` takes.
    pub fn location(&self) -> String {
        match self {
            Self::Sqlite(path) => path.display().to_string(),
            Self::Postgres { url, schema } => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}schema={schema}")
            }
        }
    }

    /// The schema's name (PostgreSQL only).
    pub fn schema(&self) -> &str {
        match self {
            Self::Sqlite(_) => panic!("a SQLite file has no schema"),
            Self::Postgres { schema, .. } => schema,
        }
    }

    /// `Store::open_url` on this database.
    pub fn open(&self, config: landed::BookConfig) -> Store {
        Store::open_url(&self.location(), config).unwrap()
    }

    /// `Store::open_url_with` on this database.
    pub fn open_with(
        &self,
        config: landed::BookConfig,
        options: landed_store::StoreOptions,
    ) -> Store {
        Store::open_url_with(&self.location(), config, options).unwrap()
    }

    /// Whether anything of the database exists (the file; the schema).
    pub fn exists(&self) -> bool {
        match self {
            Self::Sqlite(path) => path.exists(),
            Self::Postgres { schema, .. } => {
                self.int(&format!(
                    "SELECT count(*) FROM pg_namespace WHERE nspname = {}",
                    lit(schema)
                )) > 0
            }
        }
    }

    /// Runs a statement; returns the number of rows it changed.
    pub fn exec(&self, sql: &str) -> u64 {
        match self {
            Self::Sqlite(path) => rusqlite::Connection::open(path)
                .unwrap()
                .execute(sql, [])
                .unwrap() as u64,
            Self::Postgres { .. } => self.pg().execute(sql, &[]).unwrap(),
        }
    }

    /// The single integer a query returns.
    pub fn int(&self, sql: &str) -> i64 {
        match self {
            Self::Sqlite(path) => rusqlite::Connection::open(path)
                .unwrap()
                .query_row(sql, [], |row| row.get(0))
                .unwrap(),
            Self::Postgres { .. } => self.pg().query_one(sql, &[]).unwrap().get(0),
        }
    }

    /// The single text a query returns.
    pub fn text(&self, sql: &str) -> String {
        match self {
            Self::Sqlite(path) => rusqlite::Connection::open(path)
                .unwrap()
                .query_row(sql, [], |row| row.get(0))
                .unwrap(),
            Self::Postgres { .. } => self.pg().query_one(sql, &[]).unwrap().get(0),
        }
    }

    /// The number of event rows.
    pub fn event_rows(&self) -> i64 {
        self.int("SELECT count(*) FROM events")
    }

    /// A `meta` value.
    pub fn meta(&self, key: &str) -> String {
        self.text(&format!("SELECT value FROM meta WHERE key = {}", lit(key)))
    }

    /// A client on the schema (PostgreSQL only).
    fn pg(&self) -> postgres::Client {
        let Self::Postgres { url, schema } = self else {
            panic!("not a PostgreSQL database");
        };
        let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
        client
            .execute("SELECT set_config('search_path', $1, false)", &[schema])
            .unwrap();
        client
    }
}

/// `text` as an SQL string literal.
pub fn lit(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A path for a new database in a scratch folder of this process (the
/// helpers' `scratch`, which the including file defines too).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("landed-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// Asserts two books are the same book: the same head hash and the same
/// state, byte for byte, as their snapshots serialize.
pub fn assert_same(stored: &Book, memory: &Book) {
    assert_eq!(stored.head_hash_hex(), memory.head_hash_hex());
    assert_eq!(stored.version(), memory.version());
    assert_eq!(
        serde_json::to_string(&stored.snapshot()).unwrap(),
        serde_json::to_string(&memory.snapshot()).unwrap()
    );
}

/// A book in memory that executed `commands` (each must succeed).
pub fn in_memory<'a>(
    config: landed::BookConfig,
    commands: impl IntoIterator<Item = &'a (landed::Command, landed::Context)>,
) -> Book {
    let mut book = Book::new(config).unwrap();
    for (command, context) in commands {
        book.execute(command, context).unwrap();
    }
    book
}
