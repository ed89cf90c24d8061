//! The one place where core errors and panics become JavaScript errors.
//!
//! napi-rs throws an `Error` whose `code` property is the `status` of the
//! `napi::Error` it was given, as long as the status is any `AsRef<str>`. So
//! carrying the core's stable code as the status is all it takes for
//! `err.code === "RATE_NOT_FOUND"` in JavaScript; the message is the core's
//! `Display` text.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

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
    // AssertUnwindSafe: after a panic the caller only sees the error. A
    // `&mut self` method that panicked half-way may leave its object
    // logically inconsistent, but never memory-unsafe, and a panic is a bug
    // to report (that is what INTERNAL says), not a state to recover from.
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result.map_err(to_js),
        Err(payload) => Err(to_js(LandedError::Internal {
            detail: panic_message(payload.as_ref()),
        })),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "panic with a non-text payload".to_owned()
    }
}

/// Panics inside the binding's panic guard, so the test suite can check that a Rust panic
/// reaches JavaScript as an `Error` with code `INTERNAL` instead of killing
/// the process. Not part of the API.
#[napi(js_name = "__panicForTesting")]
pub fn panic_for_testing() -> Result<(), JsError> {
    guard(|| panic!("deliberate panic from __panicForTesting"))
}
