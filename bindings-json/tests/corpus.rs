//! Runs the shared bad-input corpus (`tests/corpus/bad-inputs.json`, see its
//! `about` for the format) through [`JsonBook`]: for every case, the exact
//! error code, and for inputs given to a book, the snapshot text and version
//! unchanged. Beside the shared cases it generates two families the shared
//! file cannot hold: edited copies of the setup's real event log (replay must
//! refuse them) and damaged copies of the setup book's snapshot (restore must
//! refuse them); their expected codes are INVALID_EVENT_LOG and
//! INVALID_SNAPSHOT.
//!
//! Every case runs, then one assertion lists all mismatches, so one run shows
//! everything: `cargo test -p landed-json --test corpus -- --nocapture`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use landed_json::{JsonBook, JsonQueries};
use serde_json::{Value, json};

const DEFAULT_AT: &str = "2026-11-10T09:00:00Z";

fn corpus() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpus/bad-inputs.json"
    );
    let text = std::fs::read_to_string(path).expect("read the corpus");
    serde_json::from_str(&text).expect("the corpus is JSON")
}

/// The book every case starts from: config plus setup, each step checked.
fn setup_book(doc: &Value) -> JsonBook {
    let mut book =
        JsonBook::new(&doc["config"].to_string()).expect("the corpus config builds a book");
    for (i, step) in doc["setup"]
        .as_array()
        .expect("setup is an array")
        .iter()
        .enumerate()
    {
        if let Err(e) = book.execute(&step["command"].to_string(), &step["context"].to_string()) {
            panic!("setup step {i} failed: {} {e}", e.code());
        }
    }
    book
}

/// What a bad input did.
#[derive(Debug)]
enum Seen {
    Code(String),
    Accepted(String),
    Panic(String),
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-text panic".to_owned()
    }
}

fn guarded(f: impl FnOnce() -> Seen) -> Seen {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Seen::Panic(panic_text(&*p)))
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(160).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// The code of the first `{"error": {"code": …}}` of a batch result.
fn first_batch_error(results: &str) -> Option<String> {
    let v: Value = serde_json::from_str(results).ok()?;
    v.as_array()?
        .iter()
        .find_map(|r| r.get("error")?.get("code")?.as_str().map(str::to_owned))
}

/// Text of the `key` member of a case: `raw` if present, else the JSON text of
/// the value (null included), else `None` (the default applies).
fn text_of(case: &Value, key: &str) -> Option<String> {
    if let Some(raw) = case.get("raw") {
        return Some(raw.as_str().expect("raw is a string").to_owned());
    }
    case.get(key).map(Value::to_string)
}

/// Runs a case that gives input to a copy of `base`; checks the book after.
fn on_book(
    base: &JsonBook,
    expect: &str,
    run: impl FnOnce(&mut JsonBook) -> Seen,
) -> Result<(), String> {
    let mut book = base.clone();
    let before = base.snapshot().expect("snapshot");
    let version = base.version();
    let seen = guarded(|| run(&mut book));
    let mut problems = Vec::new();
    match &seen {
        Seen::Code(code) if code == expect => {}
        other => problems.push(format!("expected {expect}, got {}", describe(other))),
    }
    if !matches!(seen, Seen::Panic(_)) {
        match guarded(|| Seen::Accepted(book.snapshot().unwrap_or_default())) {
            Seen::Accepted(after) if after == before => {}
            Seen::Accepted(_) => problems.push("snapshot text changed".to_owned()),
            other => problems.push(format!("snapshot after: {}", describe(&other))),
        }
        if book.version() != version {
            problems.push(format!("version moved {version} -> {}", book.version()));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

fn describe(seen: &Seen) -> String {
    match seen {
        Seen::Code(code) => code.clone(),
        Seen::Accepted(out) => format!("accepted ({})", short(out)),
        Seen::Panic(msg) => format!("PANIC: {}", short(msg)),
    }
}

fn from_result(r: landed_json::Result<String>) -> Seen {
    match r {
        Ok(out) => Seen::Accepted(out),
        Err(e) => Seen::Code(e.code().to_owned()),
    }
}

fn fixed(expect: &str, seen: Seen) -> Result<(), String> {
    match seen {
        Seen::Code(code) if code == expect => Ok(()),
        other => Err(format!("expected {expect}, got {}", describe(&other))),
    }
}

fn run_case(doc: &Value, base: &JsonBook, index: usize, case: &Value) -> Result<(), String> {
    let expect = case["expect"].as_str().expect("expect is a string");
    let default_ctx = json!({"at": DEFAULT_AT, "command_id": format!("bad-{index}")}).to_string();
    let default_cmd = json!({"type": "receive", "sku": "LAMP", "location": "SZ", "quantity": 1,
                             "unit_cost": {"amount": "2.50", "currency": "USD"}})
    .to_string();
    let config = doc["config"].to_string();
    match case["kind"].as_str().expect("kind is a string") {
        "command" => {
            let command = text_of(case, "command").expect("a command case has a command or raw");
            let context = case.get("context").map_or(default_ctx, Value::to_string);
            on_book(base, expect, |book| {
                from_result(book.execute(&command, &context))
            })
        }
        "context" => {
            let context = text_of(case, "context").expect("a context case has a context or raw");
            let command = case.get("command").map_or(default_cmd, Value::to_string);
            on_book(base, expect, |book| {
                from_result(book.execute(&command, &context))
            })
        }
        "batch_all_or_nothing" => {
            let items = text_of(case, "command").expect("a batch case has items");
            on_book(base, expect, |book| {
                match book.execute_batch(&items, true) {
                    Err(e) => Seen::Code(e.code().to_owned()),
                    Ok(results) => match first_batch_error(&results) {
                        Some(code) => Seen::Code(code),
                        None => Seen::Accepted(results),
                    },
                }
            })
        }
        "config" => {
            let text = text_of(case, "config").expect("a config case has raw");
            fixed(
                expect,
                guarded(|| from_result(JsonBook::new(&text).map(|_| "a book".to_owned()))),
            )
        }
        "replay" => {
            let text = text_of(case, "events").expect("a replay case has raw");
            fixed(
                expect,
                guarded(|| {
                    from_result(
                        JsonBook::replay(&config, &text)
                            .map(|b| format!("version {}", b.version())),
                    )
                }),
            )
        }
        "restore" => {
            let text = text_of(case, "snapshot").expect("a restore case has raw");
            fixed(
                expect,
                guarded(|| {
                    from_result(
                        JsonBook::restore(&text).map(|b| format!("version {}", b.version())),
                    )
                }),
            )
        }
        other => Err(format!("unknown kind {other}")),
    }
}

// ---------------------------------------------------------------------------
// Generated cases: edited event logs and damaged snapshots of the setup book.

/// Renumbers `seq` from 1 and `version` so each run of records that shared a
/// version keeps sharing one: what a careful forger would do after dropping,
/// duplicating or swapping whole commands.
fn renumber(records: &mut [Value]) {
    let mut version = 0u64;
    let mut last: Option<Value> = None;
    for (i, r) in records.iter_mut().enumerate() {
        let original = r["version"].clone();
        if last.as_ref() != Some(&original) {
            version += 1;
            last = Some(original);
        }
        r["seq"] = json!(i + 1);
        r["version"] = json!(version);
    }
}

/// The records of the command with `command_id` (consecutive).
fn command_span(records: &[Value], command_id: &str) -> Result<std::ops::Range<usize>, String> {
    let start = records
        .iter()
        .position(|r| r["command_id"] == command_id)
        .ok_or_else(|| format!("the log has no record of {command_id}"))?;
    let end = start
        + records[start..]
            .iter()
            .take_while(|r| r["command_id"] == command_id)
            .count();
    Ok(start..end)
}

fn find_event<'a>(
    records: &'a mut [Value],
    command_id: &str,
    event_type: &str,
) -> Result<&'a mut Value, String> {
    records
        .iter_mut()
        .find(|r| r["command_id"] == command_id && r["event"]["type"] == event_type)
        .ok_or_else(|| format!("the log has no {event_type} event of {command_id}"))
}

/// Flips the last hex digit of a hash string.
fn flip_hex(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if let Some(last) = chars.last_mut() {
        *last = if *last == '0' { '1' } else { '0' };
    }
    chars.into_iter().collect()
}

/// (name, events text) pairs built from the setup book's real log.
fn tampered_logs(book: &JsonBook) -> Vec<(String, Result<String, String>)> {
    let log: Vec<Value> =
        serde_json::from_str(&book.events().expect("events")).expect("events are JSON");
    let mut out: Vec<(String, Result<String, String>)> = Vec::new();
    let mut edit = |name: &str, f: &dyn Fn(&mut Vec<Value>) -> Result<(), String>| {
        let mut records = log.clone();
        let text = f(&mut records).map(|()| serde_json::to_string(&records).unwrap());
        out.push((format!("generated replay: {name}"), text));
    };
    edit("receipt quantity edited 100 -> 1000", &|r| {
        let e = &mut find_event(r, "setup-6", "received")?["event"];
        e["quantity"] = json!(1000);
        e["cost"]["quantity"] = json!(1000);
        Ok(())
    });
    edit("receipt value edited 250.00 -> 2500.00", &|r| {
        let e = &mut find_event(r, "setup-6", "received")?["event"];
        e["value"]["amount"] = json!("2500.00");
        e["cost"]["value"] = json!("2500.00");
        Ok(())
    });
    edit("receipt voucher dropped (renumbered)", &|r| {
        let at = r
            .iter()
            .position(|x| x["command_id"] == "setup-6" && x["event"]["type"] == "journal_posted")
            .ok_or("no voucher of setup-6")?;
        r.remove(at);
        renumber(r);
        Ok(())
    });
    edit("voucher amount edited on both lines", &|r| {
        let e = &mut find_event(r, "setup-6", "journal_posted")?["event"];
        e["lines"][0]["debit"] = json!("25.00");
        e["lines"][1]["credit"] = json!("25.00");
        Ok(())
    });
    edit("whole receipt command dropped (renumbered)", &|r| {
        let span = command_span(r, "setup-8")?;
        r.drain(span);
        renumber(r);
        Ok(())
    });
    edit(
        "whole receipt command duplicated under a new id (renumbered)",
        &|r| {
            let span = command_span(r, "setup-6")?;
            let mut copy: Vec<Value> = r[span.clone()].to_vec();
            for c in &mut copy {
                c["command_id"] = json!("forged-1");
            }
            let tail = r.split_off(span.end);
            r.extend(copy);
            r.extend(tail);
            renumber(r);
            Ok(())
        },
    );
    edit("two commands swapped (renumbered)", &|r| {
        let a = command_span(r, "setup-6")?;
        let b = command_span(r, "setup-7")?;
        let mut reordered: Vec<Value> = r[..a.start].to_vec();
        reordered.extend_from_slice(&r[b.clone()]);
        reordered.extend_from_slice(&r[a.clone()]);
        reordered.extend_from_slice(&r[b.end..]);
        *r = reordered;
        renumber(r);
        Ok(())
    });
    edit(
        "the no-effect record of a repeated milestone dropped",
        &|r| {
            let span = command_span(r, "setup-22")?;
            r.drain(span);
            renumber(r);
            Ok(())
        },
    );
    edit("command id edited", &|r| {
        r[0]["command_id"] = json!("setup-1b");
        Ok(())
    });
    edit("fingerprint edited", &|r| {
        r[3]["fingerprint"] = json!("0000000000000000");
        Ok(())
    });
    edit("time edited", &|r| {
        r[3]["at"] = json!("2026-11-03T10:03:00Z");
        Ok(())
    });
    edit("unknown key on a record", &|r| {
        r[2]["note"] = json!("x");
        Ok(())
    });
    edit("hash of the first record flipped", &|r| {
        let hash = r[0]
            .get("hash")
            .and_then(Value::as_str)
            .ok_or("records carry no hash")?;
        r[0]["hash"] = json!(flip_hex(hash));
        Ok(())
    });
    edit("hash member removed from one record", &|r| {
        r[4].as_object_mut()
            .unwrap()
            .remove("hash")
            .ok_or("records carry no hash")?;
        Ok(())
    });
    edit("receipt quantity 2^62 twice (position overflow)", &|r| {
        for id in ["setup-6", "setup-8"] {
            let e = &mut find_event(r, id, "received")?["event"];
            e["location"] = json!("SZ");
            e["quantity"] = json!(1i64 << 62);
            e["cost"]["quantity"] = json!(1i64 << 62);
        }
        Ok(())
    });
    out
}

/// (name, snapshot text) pairs: damaged copies of the setup book's snapshot.
fn damaged_snapshots(book: &JsonBook) -> Vec<(String, Result<String, String>)> {
    let snap: Value =
        serde_json::from_str(&book.snapshot().expect("snapshot")).expect("snapshot is JSON");
    let text = snap.to_string();
    let mut out: Vec<(String, Result<String, String>)> = vec![
        ("generated restore: empty text".into(), Ok(String::new())),
        ("generated restore: not JSON".into(), Ok("snapshot".into())),
        ("generated restore: empty object".into(), Ok("{}".into())),
        ("generated restore: an array".into(), Ok("[]".into())),
        (
            "generated restore: truncated".into(),
            Ok(text[..text.len() / 2].to_owned()),
        ),
    ];
    let mut edit = |name: &str, f: &dyn Fn(&mut Value) -> Option<()>| {
        let mut s = snap.clone();
        let result = f(&mut s)
            .map(|()| s.to_string())
            .ok_or_else(|| "snapshot member not found (format changed?)".to_owned());
        out.push((format!("generated restore: {name}"), result));
    };
    edit("version edited", &|s| {
        s["version"] = json!(s["version"].as_u64()? + 1);
        Some(())
    });
    edit("unknown top-level key", &|s| {
        s.as_object_mut()?.insert("note".into(), json!("x"));
        Some(())
    });
    edit("unknown key in a SKU", &|s| {
        s["skus"][0]["spec"]
            .as_object_mut()?
            .insert("colour".into(), json!("red"));
        Some(())
    });
    edit("position quantity edited", &|s| {
        let q = s["positions"][0][1]["quantities"].as_array_mut()?;
        let n = q.get(3)?.as_i64()?;
        q[3] = json!(n + 900);
        Some(())
    });
    edit("position quantity made negative", &|s| {
        s["positions"][0][1]["quantities"].as_array_mut()?[3] = json!(-5);
        Some(())
    });
    edit("pool value edited", &|s| {
        s["pools"][0][1]
            .as_object_mut()?
            .insert("value".into(), json!("999.00"));
        Some(())
    });
    edit("ledger daily total edited", &|s| {
        s["ledger"]["daily"][0][1]
            .as_object_mut()?
            .insert("debit".into(), json!("1.00"));
        Some(())
    });
    edit("dangling SKU id in a position", &|s| {
        s["positions"][0][0]
            .as_object_mut()?
            .insert("sku".into(), json!(99));
        Some(())
    });
    edit("dangling location id in a pool scope", &|s| {
        s["pools"][0][0]
            .as_object_mut()?
            .insert("scope".into(), json!(99));
        Some(())
    });
    edit("dangling lot id", &|s| {
        s["positions"][2][0]
            .as_object_mut()?
            .insert("lot".into(), json!(99));
        Some(())
    });
    edit("duplicate SKU code", &|s| {
        s["skus"][1]["spec"]
            .as_object_mut()?
            .insert("code".into(), json!("LAMP"));
        Some(())
    });
    edit("functional currency changed", &|s| {
        s["config"]
            .as_object_mut()?
            .insert("functional_currency".into(), json!("EUR"));
        Some(())
    });
    edit("chart of accounts emptied", &|s| {
        *s["ledger"].get_mut("accounts")? = json!([]);
        Some(())
    });
    edit("last log record dropped", &|s| {
        s["log"].as_array_mut()?.pop();
        Some(())
    });
    edit("log record quantity edited", &|s| {
        let log = s["log"].as_array_mut()?;
        let r = log.iter_mut().find(|r| r["event"]["type"] == "received")?;
        r["event"]["quantity"] = json!(1000);
        Some(())
    });
    edit("lenient decimal in a pool", &|s| {
        s["pools"][0][1]
            .as_object_mut()?
            .insert("value".into(), json!("2.72e2"));
        Some(())
    });
    edit("unknown schema version", &|s| {
        s["schema_version"] = json!(99);
        Some(())
    });
    edit("checksum flipped", &|s| {
        let c = s.get("checksum")?.as_str()?.to_owned();
        s["checksum"] = json!(flip_hex(&c));
        Some(())
    });
    edit("head hash flipped", &|s| {
        let h = s.get("head_hash")?.as_str()?.to_owned();
        s["head_hash"] = json!(flip_hex(&h));
        Some(())
    });
    out
}

#[test]
fn bad_input_corpus() {
    let doc = corpus();
    let base = setup_book(&doc);
    let config = doc["config"].to_string();
    // The book the cases start from is itself sound.
    let replayed =
        JsonBook::replay(&config, &base.events().unwrap()).expect("the setup log replays");
    assert_eq!(replayed.snapshot().unwrap(), base.snapshot().unwrap());

    let cases = doc["cases"].as_array().expect("cases is an array");
    let mut names = std::collections::HashSet::new();
    let mut failures: Vec<(String, String, String)> = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().expect("a case has a name");
        assert!(names.insert(name), "duplicate case name {name}");
        if let Err(why) = run_case(&doc, &base, index, case) {
            failures.push((
                case["kind"].as_str().unwrap().to_owned(),
                name.to_owned(),
                why,
            ));
        }
    }
    let shared = cases.len();

    let mut generated = 0;
    for (kind, expect, list) in [
        ("replay", "INVALID_EVENT_LOG", tampered_logs(&base)),
        ("restore", "INVALID_SNAPSHOT", damaged_snapshots(&base)),
    ] {
        for (name, text) in list {
            generated += 1;
            let result = text.and_then(|text| {
                let seen = guarded(|| match kind {
                    "replay" => from_result(
                        JsonBook::replay(&config, &text)
                            .map(|b| format!("version {}", b.version())),
                    ),
                    _ => from_result(
                        JsonBook::restore(&text).map(|b| format!("version {}", b.version())),
                    ),
                });
                fixed(expect, seen)
            });
            if let Err(why) = result {
                failures.push((kind.to_owned(), name, why));
            }
        }
    }

    println!(
        "corpus: {shared} shared cases + {generated} generated, {} mismatches",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases do not give their expected code or changed the book:\n{}",
        failures.len(),
        shared + generated,
        failures
            .iter()
            .map(|(kind, name, why)| format!("  [{kind}] {name}: {why}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
