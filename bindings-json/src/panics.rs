//! The panic guard every binding runs its exports in, and the quiet panic
//! hook that goes with it.
//!
//! A panic must never unwind into a host language, and one that the guard
//! catches becomes the binding's `INTERNAL` error with the panic's message:
//! printing it (and a backtrace) into the host's stderr as well would be
//! noise in a host's logs. [`install_quiet_panic_hook`] replaces the
//! process's hook, once, by one that is silent for panics inside
//! [`catch_panic`] and hands every other panic to the hook it replaced.
//! `LANDED_DEBUG_PANICS` set to any value prints the guarded ones too.
//!
//! ```
//! landed_json::panics::install_quiet_panic_hook();
//! let caught = landed_json::panics::catch_panic(|| -> u32 { panic!("boom") });
//! assert_eq!(caught.unwrap_err(), "boom");
//! assert_eq!(landed_json::panics::catch_panic(|| 7), Ok(7));
//! ```

use std::any::Any;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// How many [`catch_panic`] calls are running on this thread: a panic
    /// while it is non-zero is caught and reported, so the hook stays quiet.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

/// Runs `body`, returning a panic's message as `Err`; the quiet hook prints
/// nothing for it.
///
/// `AssertUnwindSafe`: after a panic the caller only sees the error. A
/// `&mut self` method that panicked half-way may leave its object logically
/// inconsistent, but never memory-unsafe; each binding's `Book` refuses
/// every later call then (`BOOK_POISONED`).
pub fn catch_panic<T>(body: impl FnOnce() -> T) -> Result<T, String> {
    struct Depth;
    impl Drop for Depth {
        fn drop(&mut self) {
            GUARDED.with(|depth| depth.set(depth.get().saturating_sub(1)));
        }
    }
    GUARDED.with(|depth| depth.set(depth.get() + 1));
    let _depth = Depth;
    catch_unwind(AssertUnwindSafe(body)).map_err(|payload| panic_text(payload.as_ref()))
}

/// Replaces the process's panic hook, once, by one that is silent for
/// panics inside [`catch_panic`] and hands every other panic to the hook it
/// replaced.
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

/// The text of a panic payload (`panic!` gives a `&str` or a `String`).
fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "panic with a non-text payload".to_owned()
    }
}
