//! The binding's single error type and the panic guard every export uses.
//!
//! The core's error enum cannot be exported as is (the orphan rule keeps us
//! from deriving uniffi traits on it, and its fields hold types uniffi does
//! not know), so it is flattened into one variant that carries the stable
//! machine code and the human message. A single variant also means a code
//! added to the core later reaches Kotlin and Swift without a change here.

use landed::LandedError as CoreError;
use landed_json::panics::{catch_panic, install_quiet_panic_hook};

/// Every failure of a `landed` call.
///
/// Kotlin sees `LandedException.Failure(code, detail)`; Swift sees
/// `LandedError.Failure(code:detail:)`. `code` is one of the core's stable
/// codes (`"RATE_NOT_FOUND"`, `"INTERNAL"`, …) and `detail` the message.
/// The field is not called `message`: that name would clash with
/// `Throwable.message` in the generated Kotlin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum LandedError {
    /// A `landed` operation failed.
    #[error("[{code}] {detail}")]
    Failure {
        /// The stable machine code, e.g. `"CURRENCY_MISMATCH"`.
        code: String,
        /// What went wrong, for people.
        detail: String,
    },
}

impl LandedError {
    /// The stable machine code.
    pub fn code(&self) -> &str {
        match self {
            Self::Failure { code, .. } => code,
        }
    }

    /// The human-readable message.
    pub fn detail(&self) -> &str {
        match self {
            Self::Failure { detail, .. } => detail,
        }
    }
}

impl From<CoreError> for LandedError {
    fn from(error: CoreError) -> Self {
        Self::Failure {
            code: error.code().to_owned(),
            detail: error.to_string(),
        }
    }
}

/// Every code this version can return (`LandedError::CODES` of the core),
/// for hosts that want to declare constants or check exhaustiveness.
#[uniffi::export]
pub fn error_codes() -> Result<Vec<String>, LandedError> {
    guard(|| Ok(CoreError::CODES.iter().map(|c| (*c).to_owned()).collect()))
}

/// Runs one exported call, turning a core error into [`LandedError`] and a
/// panic into code `INTERNAL`.
///
/// uniffi catches panics too, but reports them as its own untyped
/// `InternalException`; catching here keeps a single exception type with a
/// code on the foreign side. `AssertUnwindSafe` is sound because the only
/// state that outlives a call is the `RateBook`'s mutex, and a panic while it
/// is held poisons it, which [`crate::fx::RateBook`] reports as `INTERNAL`
/// instead of reading possibly half-updated rates.
///
/// A panic caught here prints nothing: the first guarded call installs a
/// panic hook (`landed_json::panics::install_quiet_panic_hook`) that is silent for panics inside
/// a guard (the message goes into the `INTERNAL` error, not into the host's
/// stderr) and hands any other panic to the hook it replaced.
/// `LANDED_DEBUG_PANICS=1` in the environment prints the guarded ones too.
pub(crate) fn guard<T>(call: impl FnOnce() -> Result<T, CoreError>) -> Result<T, LandedError> {
    install_quiet_panic_hook();
    match catch_panic(call) {
        Ok(result) => result.map_err(LandedError::from),
        Err(text) => Err(CoreError::Internal {
            detail: format!("panic: {text}"),
        }
        .into()),
    }
}

impl From<landed_json::StoreError> for LandedError {
    fn from(error: landed_json::StoreError) -> Self {
        Self::Failure {
            code: error.code().to_owned(),
            detail: error.to_string(),
        }
    }
}

/// [`guard`] for a store call: a store error keeps its code
/// (`STORE_CONFLICT`…, or the book's for a refused command).
pub(crate) fn store_guard<T>(
    call: impl FnOnce() -> Result<T, landed_json::StoreError>,
) -> Result<T, LandedError> {
    install_quiet_panic_hook();
    match catch_panic(call) {
        Ok(result) => result.map_err(LandedError::from),
        Err(text) => Err(CoreError::Internal {
            detail: format!("panic: {text}"),
        }
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_code_and_message() {
        let err: LandedError = landed::Currency::from_code("ZZZ").unwrap_err().into();
        assert_eq!(err.code(), "UNKNOWN_CURRENCY");
        assert_eq!(err.detail(), "unknown currency code \"ZZZ\"");
        assert_eq!(
            err.to_string(),
            "[UNKNOWN_CURRENCY] unknown currency code \"ZZZ\""
        );
    }

    #[test]
    fn store_errors_keep_their_codes() {
        let err = store_guard::<()>(|| Err(landed_json::closed_store_error())).unwrap_err();
        assert_eq!(err.code(), "STORE_IO");
        assert_eq!(err.detail(), "i/o: the store is closed");
        let err = store_guard::<()>(|| panic!("boom")).unwrap_err();
        assert_eq!(err.code(), "INTERNAL");
    }

    #[test]
    fn panics_become_internal() {
        let err = guard::<()>(|| panic!("boom")).unwrap_err();
        assert_eq!(err.code(), "INTERNAL");
        assert_eq!(err.detail(), "internal error: panic: boom");
        let err = guard::<()>(|| panic!("{} items", 3)).unwrap_err();
        assert_eq!(err.detail(), "internal error: panic: 3 items");
    }
}
