//! Batches and logs as JSON lines (`execute_lines`, `replay_lines`,
//! `events_lines`), on the selling book of `tests/data/profit-book.json`.

use landed::LandedError;
use landed_json::{JsonBook, JsonQueries};
use serde_json::Value;

const PROFIT_BOOK: &str = include_str!("../../tests/data/profit-book.json");

fn fixture() -> Value {
    serde_json::from_str(PROFIT_BOOK).unwrap()
}

/// The fixture's batch as JSON lines, one item per line.
fn batch_lines(fixture: &Value) -> String {
    let mut out = String::new();
    for item in fixture["batch"].as_array().unwrap() {
        out.push_str(&item.to_string());
        out.push('\n');
    }
    out
}

fn config(fixture: &Value) -> String {
    fixture["config"].to_string()
}

#[test]
fn the_profit_book_runs_as_lines_and_its_events_replay() {
    let fixture = fixture();
    let mut book = JsonBook::new(&config(&fixture)).unwrap();
    let out = book.execute_lines(&batch_lines(&fixture), true).unwrap();
    assert_eq!(out.errors, vec![]);
    assert_eq!((out.version, out.executed, out.duplicates), (8, 8, 0));
    // One stored event per line, exactly the log's events.
    let lines: Vec<&str> = out.events.lines().collect();
    let events = book.events().unwrap();
    let log: Vec<&serde_json::value::RawValue> = serde_json::from_str(&events).unwrap();
    assert_eq!(lines.len(), log.len());
    assert_eq!(lines.len(), 17, "{}", out.events);
    assert!(out.events.ends_with('\n'));
    for (line, event) in lines.iter().zip(&log) {
        assert_eq!(*line, event.get());
    }
    assert_eq!(book.events_lines().unwrap(), out.events);
    assert!(
        lines
            .last()
            .unwrap()
            .ends_with(&format!(r#""hash":"{}"}}"#, book.head_hash()))
    );

    // The same book as the array batch makes.
    let mut by_array = JsonBook::new(&config(&fixture)).unwrap();
    by_array
        .execute_batch(&fixture["batch"].to_string(), true)
        .unwrap();
    assert_eq!(by_array.snapshot().unwrap(), book.snapshot().unwrap());

    // Replayed from the lines: the same head and the same book.
    let replayed = JsonBook::replay_lines(&book.config().unwrap(), &out.events).unwrap();
    assert_eq!(replayed.head_hash(), book.head_hash());
    assert_eq!(replayed.snapshot().unwrap(), book.snapshot().unwrap());
    // The profit of the description: 26.50.
    let profit = replayed
        .profit(r#"{"from":"2026-11-01","to":"2026-11-30","group_by":"sku"}"#)
        .unwrap();
    assert!(profit.contains(r#""profit":"26.50""#), "{profit}");

    // Stored with CRLF line ends and blank lines, it still replays.
    let crlf = format!("\n{}\r\n", out.events.replace('\n', "\r\n\r\n"));
    let replayed = JsonBook::replay_lines(&book.config().unwrap(), &crlf).unwrap();
    assert_eq!(replayed.head_hash(), book.head_hash());
    // Empty text is an empty book.
    let empty = JsonBook::replay_lines(&book.config().unwrap(), "").unwrap();
    assert_eq!(empty.version(), 0);
}

#[test]
fn appended_batches_replay_as_one_log() {
    let fixture = fixture();
    let lines = batch_lines(&fixture);
    let (first, second): (Vec<&str>, Vec<&str>) = {
        let all: Vec<&str> = lines.lines().collect();
        (all[..3].to_vec(), all[3..].to_vec())
    };
    let mut book = JsonBook::new(&config(&fixture)).unwrap();
    let mut stored = String::new();
    for part in [first, second] {
        let out = book.execute_lines(&part.join("\n"), false).unwrap();
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        stored.push_str(&out.events);
    }
    assert_eq!(stored, book.events_lines().unwrap());
    let replayed = JsonBook::replay_lines(&book.config().unwrap(), &stored).unwrap();
    assert_eq!(replayed.head_hash(), book.head_hash());
    // The whole batch again: every line a duplicate, no event written twice.
    let again = book.execute_lines(&lines, false).unwrap();
    assert_eq!((again.executed, again.duplicates), (0, 8));
    assert_eq!(again.events, "");
    assert_eq!(again.version, 8);
}

#[test]
fn an_edited_event_line_is_refused_naming_its_seq() {
    let fixture = fixture();
    let mut book = JsonBook::new(&config(&fixture)).unwrap();
    let out = book.execute_lines(&batch_lines(&fixture), false).unwrap();
    // The receipt (seq 3) edited from 10 lamps to 100.
    let edited = out
        .events
        .replacen(r#""quantity":10"#, r#""quantity":100"#, 1);
    assert_ne!(edited, out.events);
    let err = JsonBook::replay_lines(&book.config().unwrap(), &edited).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG");
    assert!(
        matches!(err, LandedError::InvalidEventLog { seq: 3, .. }),
        "{err}"
    );
    // A line dropped: the sequence breaks at the event after it.
    let dropped: Vec<&str> = out
        .events
        .lines()
        .filter(|l| !l.contains(r#""seq":5,"#))
        .collect();
    let err = JsonBook::replay_lines(&book.config().unwrap(), &dropped.join("\n")).unwrap_err();
    assert!(
        matches!(err, LandedError::InvalidEventLog { seq: 6, .. }),
        "{err}"
    );
    // A line that is not an event is named by its line number.
    let mut broken: Vec<&str> = out.events.lines().collect();
    broken[4] = r#"{"seq":5"#;
    let err = JsonBook::replay_lines(&book.config().unwrap(), &broken.join("\n")).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG");
    assert!(err.to_string().contains("line 5:"), "{err}");
    // A JSON array is not JSON lines.
    let err = JsonBook::replay_lines(&book.config().unwrap(), &book.events().unwrap()).unwrap_err();
    assert_eq!(err.code(), "INVALID_EVENT_LOG");
    assert!(err.to_string().contains("line 1:"), "{err}");
}

#[test]
fn a_malformed_line_refuses_the_whole_batch() {
    let fixture = fixture();
    let lines = batch_lines(&fixture);
    let mut book = JsonBook::new(&config(&fixture)).unwrap();
    let mut all: Vec<String> = lines.lines().map(str::to_owned).collect();
    // Line 4 gets an unknown key in its command.
    all[3] = all[3].replacen(
        r#""type":"define_channel""#,
        r#""type":"define_channel","colour":"red""#,
        1,
    );
    let err = book.execute_lines(&all.join("\n"), false).unwrap_err();
    assert_eq!(err.code(), "INVALID_COMMAND");
    assert!(
        err.to_string()
            .contains("line 4: command: unknown field `colour`"),
        "{err}"
    );
    assert_eq!(book.version(), 0, "nothing runs when a line cannot be read");
    for (bad, number) in [
        ("[1, 2]", 1),
        (
            r#"{"command":{"type":"define_sku","code":"A","name":"A"}}"#,
            1,
        ),
        ("{", 1),
        (
            r#"{"command":{"type":"define_sku","code":"A","name":"A"},"context":{"at":"2026-11-02T09:00:00Z","command_id":" 1"}}"#,
            1,
        ),
    ] {
        let text = format!("\n\n{bad}\n");
        let err = book.execute_lines(&text, false).unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND", "{bad}");
        assert!(
            err.to_string().contains(&format!("line {}:", number + 2)),
            "{bad}: {err}"
        );
    }
    // An empty batch does nothing.
    let out = book.execute_lines("\n  \n", true).unwrap();
    assert_eq!((out.version, out.executed, out.events.as_str()), (0, 0, ""));
}

#[test]
fn a_failing_line_is_reported_by_number() {
    let fixture = fixture();
    let lines = batch_lines(&fixture);
    let mut all: Vec<String> = lines.lines().map(str::to_owned).collect();
    // Line 7 ships order 1001 before it exists: moved after a blank line
    // to the top, it fails with UNKNOWN_SALES_ORDER.
    let ship = all.remove(6);
    let text = format!("{}\n\n{}\n", all[..3].join("\n"), ship);

    // Each command on its own: the first three stay.
    let mut book = JsonBook::new(&config(&fixture)).unwrap();
    let out = book.execute_lines(&text, false).unwrap();
    assert_eq!((out.version, out.executed, out.duplicates), (3, 3, 0));
    assert_eq!(out.errors.len(), 1);
    assert_eq!(out.errors[0].line, 5);
    assert_eq!(out.errors[0].code, "UNKNOWN_CHANNEL", "{:?}", out.errors);
    assert_eq!(out.events.lines().count(), 4); // the receipt has its voucher
    assert_eq!(out.events, book.events_lines().unwrap());

    // All or nothing: the book is left as it was, no event is reported.
    let mut book = JsonBook::new(&config(&fixture)).unwrap();
    let before = book.snapshot().unwrap();
    let out = book.execute_lines(&text, true).unwrap();
    assert_eq!((out.version, out.executed, out.duplicates), (0, 0, 0));
    assert_eq!(out.events, "");
    assert_eq!(out.errors.len(), 1);
    assert_eq!(out.errors[0].line, 5);
    assert_eq!(book.snapshot().unwrap(), before);
}

/// Every command and context case of the shared bad-input corpus, given as
/// a line to `execute_lines`, fails with the code `execute` gives it (a
/// line that cannot be read refuses the batch; one refused by the book is
/// reported by number), and leaves the book as `execute` does.
#[test]
fn the_corpus_fails_alike_as_lines() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpus/bad-inputs.json"
    );
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut book = JsonBook::new(&corpus["config"].to_string()).unwrap();
    for step in corpus["setup"].as_array().unwrap() {
        book.execute(&step["command"].to_string(), &step["context"].to_string())
            .unwrap();
    }
    let default_command = r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":1,"unit_cost":{"amount":"2.50","currency":"USD"}}"#;
    let mut checked = 0;
    for (i, case) in corpus["cases"].as_array().unwrap().iter().enumerate() {
        let text = |key: &str| match case.get("raw") {
            Some(Value::String(raw)) => raw.clone(),
            _ => case[key].to_string(),
        };
        let default_context = format!(r#"{{"at":"2026-11-10T09:00:00Z","command_id":"bad-{i}"}}"#);
        let (command, context) = match case["kind"].as_str().unwrap() {
            "command" => (
                text("command"),
                case.get("context")
                    .map_or(default_context, Value::to_string),
            ),
            "context" => (
                case.get("command")
                    .map_or(default_command.to_owned(), Value::to_string),
                text("context"),
            ),
            _ => continue,
        };
        if command.contains('\n') || context.contains('\n') {
            continue; // not one line
        }
        let expected = case["expect"].as_str().unwrap();
        let mut single = book.clone();
        let code = single.execute(&command, &context).unwrap_err().code();
        assert_eq!(code, expected, "{}", case["name"]);
        let mut lined = book.clone();
        let line = format!(r#"{{"command":{command},"context":{context}}}"#);
        let code = match lined.execute_lines(&format!("\n{line}\n"), false) {
            Err(e) => {
                assert!(e.to_string().contains("line 2: "), "{e}");
                e.code().to_owned()
            }
            Ok(out) => {
                assert_eq!(out.errors.len(), 1, "{}", case["name"]);
                assert_eq!(out.errors[0].line, 2);
                assert_eq!(out.events, "");
                out.errors[0].code.clone()
            }
        };
        assert_eq!(code, expected, "{}: {line}", case["name"]);
        assert_eq!(lined.snapshot().unwrap(), single.snapshot().unwrap());
        checked += 1;
    }
    assert!(checked > 200, "{checked}");
}
