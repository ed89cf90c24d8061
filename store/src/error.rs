//! What can go wrong with a store, each case with a stable code.
//!
//! ```
//! use landed_store::StoreError;
//! let conflict = StoreError::Conflict { expected_version: 3, found_version: 4 };
//! assert_eq!(conflict.code(), "STORE_CONFLICT");
//! assert_eq!(
//!     conflict.to_string(),
//!     "another writer moved the book from version 3 to 4 first; the store was reloaded, retry the command"
//! );
//! ```

use std::path::PathBuf;

/// The result of a store operation.
///
/// ```
/// fn version(store: &landed_store::Store) -> landed_store::Result<u64> {
///     Ok(store.book().version())
/// }
/// # let _ = version;
/// ```
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Why a store operation failed. [`StoreError::code`] gives a stable code
/// for each case; a refused command keeps the book's own code.
///
/// ```
/// use landed_store::StoreError;
/// let refused = StoreError::from(landed::LandedError::Internal { detail: "x".into() });
/// assert_eq!(refused.code(), "INTERNAL"); // the book's code, unchanged
/// let corrupt = StoreError::Corrupt { reason: "event 4: edited".into() };
/// assert_eq!(corrupt.code(), "STORE_CORRUPT");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The book refused the command or the configuration (its own code,
    /// such as `INSUFFICIENT_STOCK`). Nothing was written.
    #[error(transparent)]
    Landed(#[from] landed::LandedError),
    /// Another writer committed first: the book this handle executed on
    /// was no longer the stored one. The handle has been reloaded from the
    /// database; nothing of the command was written.
    #[error(
        "another writer moved the book from version {expected_version} to {found_version} first; the store was reloaded, retry the command"
    )]
    Conflict {
        /// The version the command was executed on.
        expected_version: u64,
        /// The version the database holds.
        found_version: u64,
    },
    /// The database does not hold a sound book: an event that does not
    /// hash to its chain or fails replay, a snapshot that does not match
    /// the log, a head hash that differs from the log's last event, or an
    /// import file that does not replay.
    #[error("the store is corrupt: {reason}")]
    Corrupt {
        /// What was found, naming the event or line.
        reason: String,
    },
    /// The database was created for another book configuration than the
    /// one given to open it.
    #[error("the store holds a book with another configuration: {stored}")]
    ConfigMismatch {
        /// The stored configuration, as JSON.
        stored: String,
    },
    /// An import would overwrite an existing file.
    #[error("{} already exists; an import creates a new store", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// SQLite failed (a disk error, a lock held past the busy timeout, a
    /// read-only file...).
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL failed (the server cannot be reached or went away, a
    /// lock held past the lock timeout, a permission refused...). Feature
    /// `postgres`.
    #[cfg(feature = "postgres")]
    #[error("postgres: {0}")]
    Postgres(#[from] postgres::Error),
    /// Reading or writing a file or stream failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// An event or snapshot could not be written as JSON.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// A stable code: `STORE_CONFLICT`, `STORE_CORRUPT`,
    /// `STORE_CONFIG_MISMATCH`, `STORE_EXISTS`, `STORE_IO`, or the book's
    /// own code for a refused command.
    ///
    /// ```
    /// use landed_store::StoreError;
    /// let io = StoreError::from(std::io::Error::other("disk full"));
    /// assert_eq!(io.code(), "STORE_IO");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::Landed(e) => e.code(),
            Self::Conflict { .. } => "STORE_CONFLICT",
            Self::Corrupt { .. } => "STORE_CORRUPT",
            Self::ConfigMismatch { .. } => "STORE_CONFIG_MISMATCH",
            Self::Exists { .. } => "STORE_EXISTS",
            Self::Sqlite(_) | Self::Io(_) | Self::Json(_) => "STORE_IO",
            #[cfg(feature = "postgres")]
            Self::Postgres(_) => "STORE_IO",
        }
    }

    /// True for a conflict: the command may be executed again on the
    /// reloaded book.
    ///
    /// ```
    /// use landed_store::StoreError;
    /// assert!(StoreError::Conflict { expected_version: 1, found_version: 2 }.is_conflict());
    /// assert!(!StoreError::Corrupt { reason: String::new() }.is_conflict());
    /// ```
    pub fn is_conflict(&self) -> bool {
        matches!(self, Self::Conflict { .. })
    }
}

/// A corruption found while reading, with its reason.
pub(crate) fn corrupt(reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        reason: reason.into(),
    }
}
