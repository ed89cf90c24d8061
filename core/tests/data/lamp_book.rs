// Helpers of the crate's doc examples, which include this file (hidden)
// with `include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"))`.
// They build the book of `lamp-book.txt` through the public API only.

/// The lamp book: every command of `lamp-book.txt`, executed in order.
#[allow(dead_code)]
fn lamp_book() -> landed::Result<landed::Book> {
    lamp_book_until("")
}

/// The lamp book just before the command `stop` runs (the whole book when
/// no command has that id).
#[allow(dead_code)]
fn lamp_book_until(stop: &str) -> landed::Result<landed::Book> {
    lamp_book_kept(r#"{"functional_currency":"CNY"}"#, stop)
}

/// The whole lamp book, kept with another configuration (JSON).
#[allow(dead_code)]
fn lamp_book_with(config: &str) -> landed::Result<landed::Book> {
    lamp_book_kept(config, "")
}

/// The lamp book with the configuration `config`, before the command `stop`.
fn lamp_book_kept(config: &str, stop: &str) -> landed::Result<landed::Book> {
    let mut book = landed::Book::new(landed::BookConfig::from_json(config)?)?;
    for (context, command) in lamp_commands()? {
        if context.command_id == stop {
            break;
        }
        book.execute(command, &context)?;
    }
    Ok(book)
}

/// The commands of `lamp-book.txt` with their contexts.
#[allow(dead_code)]
fn lamp_commands() -> landed::Result<Vec<(landed::Context, landed::Command)>> {
    let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp-book.txt"));
    let mut commands = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, rest) = line.split_once(' ').unwrap_or_default();
        let (day, json) = rest.trim_start().split_once(' ').unwrap_or_default();
        commands.push((ctx(day, id)?, landed::Command::from_json(json)?));
    }
    Ok(commands)
}

/// The context of a command on `day` (`YYYY-MM-DD`) at 09:00 UTC.
#[allow(dead_code)]
fn ctx(day: &str, command_id: &str) -> landed::Result<landed::Context> {
    landed::Context::from_json(&format!(
        r#"{{"at":"{day}T09:00:00Z","command_id":"{command_id}"}}"#
    ))
}

/// The lines of every voucher among an outcome's events, as
/// `(account, debit, credit)` text.
#[allow(dead_code)]
fn posted(outcome: &landed::book::Outcome) -> Vec<(String, String, String)> {
    outcome
        .events
        .iter()
        .filter_map(|record| match &record.event {
            landed::Event::JournalPosted(entry) => Some(entry),
            _ => None,
        })
        .flat_map(|entry| &entry.lines)
        .map(|line| (line.account.to_string(), line.debit.to_string(), line.credit.to_string()))
        .collect()
}

/// The newest event of `book` whose type (its JSON `"type"`) is `kind`.
#[allow(dead_code)]
fn lamp_event<'a>(book: &'a landed::Book, kind: &str) -> &'a landed::Event {
    let mut event = book.events().iter().rev().map(|record| &record.event);
    event
        .find(|event| serde_json::to_value(event).is_ok_and(|json| json["type"] == kind))
        .expect("the book has such an event")
}

/// The command of `lamp-book.txt` with the id `command_id`.
#[allow(dead_code)]
fn lamp_command(command_id: &str) -> landed::Command {
    let commands = lamp_commands().expect("lamp-book.txt reads");
    let found = commands.into_iter().find(|(context, _)| context.command_id == command_id);
    found.expect("lamp-book.txt has the command").1
}

/// The goods-flow documents of `book` (`trade` in its snapshot, which
/// leaves it out while it is empty), read back as typed values.
#[allow(dead_code)]
fn lamp_trade(book: &landed::Book) -> landed::trade::Trade {
    let snapshot = serde_json::to_value(book.snapshot()).expect("a snapshot serializes");
    let trade = snapshot.get("trade").cloned().unwrap_or_else(|| serde_json::json!({}));
    serde_json::from_value(trade).expect("its trade reads back")
}

/// The factory's invoice for receipt GRN-1, not in `lamp-book.txt`: 2.70
/// USD a lamp where the order said 2.60 (run it on 2026-11-25).
#[allow(dead_code)]
fn lamp_supplier_invoice() -> landed::Result<landed::Command> {
    landed::Command::from_json(
        r#"{"type":"match_supplier_invoice","document":"INV-F1","supplier":"F1",
            "date":"2026-11-25","rate":"7.20","lines":[{"receipt":"GRN-1","line":1,
            "quantity":50,"unit_price":{"amount":"2.70","currency":"USD"}}]}"#,
    )
}

/// Voucher LC-1 as if applied while T-1 is at sea (on 2026-11-04, before
/// the book has rates of its own, so the charge gives its rate).
#[allow(dead_code)]
fn lamp_freight_at_sea() -> landed::Result<landed::Command> {
    landed::Command::from_json(
        r#"{"type":"apply_landed_cost","voucher":"LC-1","date":"2026-11-04",
            "charges":[{"description":"Sea freight","kind":"freight","rate":"7.20",
            "amount":{"amount":"100.00","currency":"USD"},"account":"2200","method":"quantity"}],
            "targets":[{"type":"transfer","transfer":"T-1","line":1}]}"#,
    )
}
