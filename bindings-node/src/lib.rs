//! Node bindings for `landed`, built with napi-rs.
//!
//! The binding is thin on purpose: every rule about money, allocation and
//! rates lives in the core crate. This crate only
//!
//! * converts JavaScript values to core types and back ([`convert`]): decimals
//!   travel as strings, dates as `YYYY-MM-DD` strings, options as the core's
//!   snake_case names;
//! * turns core errors and panics into JavaScript errors with a stable
//!   `err.code` ([`error`]);
//! * declares the exported classes and functions, one module per area of the
//!   core ([`money`], [`allocate`], [`fx`]).
//!
//! A later area (an inventory `Book` that takes JSON commands and returns JSON
//! events) gets its own module next to these, using the same two helpers.

// napi-derive registers exports with the module only outside `cfg(test)`, so
// in a `cargo test` build every export looks unused.
#![cfg_attr(test, allow(dead_code))]

mod allocate;
mod convert;
mod error;
mod fx;
mod money;
