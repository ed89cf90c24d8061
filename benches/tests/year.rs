//! The seller's year is deterministic and runs without an error.

use landed::book::Book;
use landed_benches::year::{YearSpec, seller_year, to_json_lines};

const SPEC: YearSpec = YearSpec {
    transactions: 2_000,
    seed: 14,
};

#[test]
fn the_same_spec_gives_the_same_year() {
    let first = to_json_lines(&seller_year(SPEC));
    let second = to_json_lines(&seller_year(SPEC));
    assert_eq!(first, second);
    let other = to_json_lines(&seller_year(YearSpec { seed: 15, ..SPEC }));
    assert_ne!(first, other, "another seed gives another year");
}

#[test]
fn the_whole_year_executes_without_an_error() {
    let year = seller_year(SPEC);
    assert_eq!(year.mix.values().sum::<usize>(), SPEC.transactions);
    let mut book = Book::new(year.config.clone()).expect("book");
    let mut ids = std::collections::BTreeSet::new();
    let mut last = None;
    for (n, (command, context)) in year.commands.iter().enumerate() {
        assert!(
            ids.insert(context.command_id.clone()),
            "command ids are unique"
        );
        assert!(Some(context.at) > last, "time moves forward");
        assert_eq!(context.at.format("%Y").to_string(), "2026");
        last = Some(context.at);
        if let Err(e) = book.execute(command, context) {
            panic!(
                "command {n} failed: {e}\n{}",
                serde_json::to_string(command).expect("serializes")
            );
        }
    }
    assert!(book.reconciliation().iter().all(|l| l.difference.is_zero()));
    let replayed = Book::replay(year.config.clone(), book.events()).expect("replays");
    assert_eq!(replayed.head_hash(), book.head_hash());
}

#[test]
fn json_lines_read_back_as_the_same_commands() {
    let year = seller_year(YearSpec {
        transactions: 300,
        seed: 1,
    });
    let text = to_json_lines(&year);
    let items: Vec<_> = text.lines().collect();
    assert_eq!(items.len(), year.commands.len());
    for (line, (command, context)) in items.iter().zip(&year.commands) {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let read = landed::book::command::Command::from_json(&value["command"].to_string())
            .expect("a command");
        assert_eq!(&read, command);
        let read = landed::book::command::Context::from_json(&value["context"].to_string())
            .expect("a context");
        assert_eq!(&read, context);
    }
}
