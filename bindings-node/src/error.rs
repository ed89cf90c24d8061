//! The one place where core errors and panics become JavaScript errors.
//!
//! napi-rs throws an `Error` whose `code` property is the `status` of the
//! `napi::Error` it was given, as long as the status is any `AsRef<str>`. So
//! carrying the core's stable code as the status is all it takes for
//! `err.code === "RATE_NOT_FOUND"` in JavaScript; the message is the core's
//! `Display` text.
//!
//! A panic caught by [`guard`] prints nothing: the panic hook installed when
//! the addon loads ([`install_quiet_panic_hook`]) stays silent for panics
//! inside a guard (the message goes into the `INTERNAL` error instead of the
//! host's stderr) and hands any other panic to the hook it replaced.
//! `LANDED_DEBUG_PANICS=1` in the environment prints the guarded ones too.

use std::any::Any;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

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

thread_local! {
    /// How many [`catch_panic`] calls are running on this thread: a panic
    /// while it is non-zero is caught and reported, so the hook stays quiet.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

/// Runs `body`, returning a panic's message as `Err`; the panic hook prints
/// nothing for it.
///
/// AssertUnwindSafe: after a panic the caller only sees the error. A
/// `&mut self` method that panicked half-way may leave its object logically
/// inconsistent, but never memory-unsafe; the `Book` refuses every later
/// call then (`BOOK_POISONED`).
pub fn catch_panic<T>(body: impl FnOnce() -> T) -> Result<T, String> {
    struct Depth;
    impl Drop for Depth {
        fn drop(&mut self) {
            GUARDED.with(|depth| depth.set(depth.get().saturating_sub(1)));
        }
    }
    GUARDED.with(|depth| depth.set(depth.get() + 1));
    let _depth = Depth;
    catch_unwind(AssertUnwindSafe(body)).map_err(|payload| panic_message(payload.as_ref()))
}

/// Replaces the process's panic hook, once, by one that is silent for
/// panics inside [`catch_panic`] and hands every other panic to the hook it
/// replaced. Set `LANDED_DEBUG_PANICS` to print the guarded ones too.
pub fn install_quiet_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let guarded = GUARDED.try_with(|depth| depth.get() > 0).unwrap_or(false);
            if !guarded || std::env::var_os("LANDED_DEBUG_PANICS").is_some() {
                previous(info);
            }
        }));
    });
}

/// Runs when the addon is loaded (before any export is called).
#[cfg(not(test))]
#[napi_derive::module_init]
fn init() {
    install_quiet_panic_hook();
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
