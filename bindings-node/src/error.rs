//! The one place where core errors and panics become JavaScript errors.
//!
//! napi-rs throws an `Error` whose `code` property is the `status` of the
//! `napi::Error` it was given, as long as the status is any `AsRef<str>`. So
//! carrying the core's stable code as the status is all it takes for
//! `err.code === "RATE_NOT_FOUND"` in JavaScript; the message is the core's
//! `Display` text.
//!
//! A panic caught by [`guard`] prints nothing: the panic hook installed when
//! the addon loads (`landed_json::panics::install_quiet_panic_hook`) stays silent for panics
//! inside a guard (the message goes into the `INTERNAL` error instead of the
//! host's stderr) and hands any other panic to the hook it replaced.
//! `LANDED_DEBUG_PANICS=1` in the environment prints the guarded ones too.

use landed::LandedError;
use napi_derive::napi;

/// A JavaScript error whose `code` is one of [`LandedError::CODES`].
pub type JsError = napi::Error<&'static str>;

/// A core error as the JavaScript error thrown for it.
pub fn to_js(error: LandedError) -> JsError {
    napi::Error::new(error.code(), error.to_string())
}

/// Runs the body of an exported function and converts its outcome.
///
/// Bodies return the core's `Result`, so argument checks made here in the
/// binding use the core's error variants and codes too. A panic must never
/// unwind into Node (it would abort the process from an `extern "C"` frame),
/// and napi's own `catch_unwind` option reports panics as `GenericFailure`;
/// catching here gives the documented code `INTERNAL` instead.
pub fn guard<T>(body: impl FnOnce() -> landed::Result<T>) -> Result<T, JsError> {
    match catch_panic(body) {
        Ok(result) => result.map_err(to_js),
        Err(detail) => Err(to_js(LandedError::Internal { detail })),
    }
}

pub use landed_json::panics::catch_panic;

/// Every code an error thrown by this package can carry: the core's codes
/// (`LandedError::CODES`, in their order), then the store's
/// (`STORE_CODES`). The package entry exposes it frozen as
/// `LANDED_ERROR_CODES`, and `isLandedError` checks against it; the
/// `LandedErrorCode` type of types.d.ts is generated from the same lists.
#[napi(js_name = "errorCodes")]
pub fn error_codes() -> Vec<&'static str> {
    LandedError::CODES
        .iter()
        .chain(landed_json::STORE_CODES)
        .copied()
        .collect()
}

/// Runs when the addon is loaded (before any export is called).
#[cfg(not(test))]
#[napi_derive::module_init]
fn init() {
    landed_json::panics::install_quiet_panic_hook();
}

/// Panics inside the binding's panic guard, so the test suite can check that a Rust panic
/// reaches JavaScript as an `Error` with code `INTERNAL` instead of killing
/// the process. Not part of the API.
#[napi(js_name = "__panicForTesting")]
pub fn panic_for_testing() -> Result<(), JsError> {
    guard(|| panic!("deliberate panic from __panicForTesting"))
}
