//! Shared helpers of the JSON face's tests.
#![allow(dead_code)]

use landed_json::JsonBook;
use serde_json::Value;

/// A book that ran a fixture's batch (`{"config": …, "batch": […]}`, as in
/// `tests/data/`), every command accepted.
pub fn book_of(fixture: &Value) -> JsonBook {
    let mut book = JsonBook::new(&fixture["config"].to_string()).unwrap();
    let out = book
        .execute_batch(&fixture["batch"].to_string(), true)
        .unwrap();
    let results: Vec<Value> = serde_json::from_str(&out).unwrap();
    for result in &results {
        assert!(result.get("ok").is_some(), "{result}");
    }
    book
}

/// A report's JSON text, parsed.
pub fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}
