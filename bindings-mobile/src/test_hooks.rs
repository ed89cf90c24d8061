//! Exports that exist only with the `test-hooks` feature, so the Kotlin
//! tests can trigger the panics the core never produces on its own.

use crate::book::Book;
use crate::error::{LandedError, guard};
use crate::fx::RateBook;

/// Panics inside the guard: must surface as `LandedException` code `INTERNAL`.
#[uniffi::export]
pub fn internal_panic_probe() -> Result<(), LandedError> {
    guard(|| panic!("internal panic probe"))
}

#[uniffi::export]
impl RateBook {
    /// Panics while holding the book's lock, poisoning it.
    pub fn panic_while_locked_probe(&self) -> Result<(), LandedError> {
        guard(|| {
            let _book = self.lock()?;
            panic!("panic while the rate book is locked")
        })
    }
}

#[uniffi::export]
impl Book {
    /// Panics while holding the book's lock, poisoning it.
    pub fn panic_while_locked_probe(&self) -> Result<(), LandedError> {
        guard(|| {
            let _book = self.lock()?;
            panic!("panic while the book is locked")
        })
    }
}
