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
//!   core ([`money`], [`allocate`], [`fx`], [`book`]).
//!
//! The inventory [`book`] is different in kind: commands, events and reports
//! are plain JSON-shaped objects, passed through `landed_json::JsonBook` as
//! JSON text, so their fields are declared once, in the core (their
//! TypeScript types are generated from `docs/schema/` into `types.d.ts`).
//! The durable [`store`] (`Store`, over `landed_json::JsonStore`) takes and
//! returns the same objects; [`queries`] writes the read methods `Book` and
//! `Store` share once.

// napi-derive registers exports with the module only outside `cfg(test)`, so
// in a `cargo test` build every export looks unused.
#![cfg_attr(test, allow(dead_code))]

mod allocate;
mod book;
mod convert;
mod error;
mod fx;
mod money;
mod queries;
mod store;
