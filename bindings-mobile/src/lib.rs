//! Kotlin/Swift bindings for `landed` (skeleton, filled in by the mobile binding work).
