//! Node bindings for `landed` (skeleton, filled in by the Node binding work).
