// Helpers of the store's doc examples and tests, which include this file
// (hidden in the docs) with
// `include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"))`.
// They use the public API only.

/// A path for a new database in a scratch folder of this process, with any
/// file left there by an earlier run removed.
#[allow(dead_code)]
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("landed-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// A book in USD with the defaults.
#[allow(dead_code)]
fn usd() -> landed::BookConfig {
    landed::BookConfig::from_json(r#"{"functional_currency":"USD"}"#).expect("a config")
}

/// A command from JSON.
#[allow(dead_code)]
fn command(json: &str) -> landed::Command {
    landed::Command::from_json(json).expect("a command")
}

/// The context of command `id` on 2026-11-02 at 09:00 UTC.
#[allow(dead_code)]
fn ctx(id: &str) -> landed::Context {
    landed::Context::from_json(&format!(r#"{{"at":"2026-11-02T09:00:00Z","command_id":"{id}"}}"#))
        .expect("a context")
}

/// The small shop: a warehouse SZ, a SKU LAMP, 10 lamps received at 2.50
/// USD (25.00 USD of stock): three commands, in order, with their ids.
#[allow(dead_code)]
fn small_shop() -> Vec<(landed::Command, landed::Context)> {
    vec![
        (command(r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#), ctx("loc-SZ")),
        (command(r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#), ctx("sku-LAMP")),
        (
            command(r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":10,"unit_cost":{"amount":"2.50","currency":"USD"}}"#),
            ctx("GRN-1"),
        ),
    ]
}

/// An issue of `quantity` lamps from SZ, as a sale.
#[allow(dead_code)]
fn sale(quantity: i64) -> landed::Command {
    command(&format!(
        r#"{{"type":"issue","sku":"LAMP","location":"SZ","quantity":{quantity},"reason":"sale"}}"#
    ))
}

/// The commands of the core's lamp book (`core/tests/data/lamp-book.txt`,
/// a CNY book: 17 commands, 31 events) with their contexts.
#[allow(dead_code)]
fn lamp_commands() -> Vec<(landed::Command, landed::Context)> {
    let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/data/lamp-book.txt"));
    let mut commands = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, rest) = line.split_once(' ').expect("an id");
        let (day, json) = rest.trim_start().split_once(' ').expect("a day");
        let context = landed::Context::from_json(&format!(
            r#"{{"at":"{day}T09:00:00Z","command_id":"{id}"}}"#
        ))
        .expect("a context");
        commands.push((command(json), context));
    }
    commands
}

/// The lamp book's configuration.
#[allow(dead_code)]
fn cny() -> landed::BookConfig {
    landed::BookConfig::from_json(r#"{"functional_currency":"CNY"}"#).expect("a config")
}
