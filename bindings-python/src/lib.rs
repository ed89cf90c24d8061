//! Python bindings for `landed` (skeleton, filled in by the Python binding work).
