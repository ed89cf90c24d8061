//! `landed import`: files into one all-or-nothing batch.

use std::collections::BTreeSet;
use std::path::PathBuf;

use landed::book::BatchMode;
use landed::{Command, Context, Currency, DateTime, Event, Utc};
use landed_connect::Mapped;
use landed_connect::import::{Kind, detect, map_csv};
use landed_store::Store;

use crate::{Failure, Outcome, outln, read};

enum FileKind {
    Csv(Kind),
    Ecb,
    Jsonl,
}

fn kind_of(path: &std::path::Path, text: &str, given: Option<&str>) -> Outcome<FileKind> {
    if let Some(name) = given {
        return match name.to_ascii_lowercase().as_str() {
            "ecb" => Ok(FileKind::Ecb),
            "jsonl" | "json" => Ok(FileKind::Jsonl),
            other => Kind::parse(other).map(FileKind::Csv).ok_or_else(|| {
                Failure::new(format!(
                    "unknown --kind {other:?} (skus, locations, suppliers, purchase-orders, receipts, transfers, landed-costs, ecb, jsonl)"
                ))
            }),
        };
    }
    let first = text.trim_start_matches('\u{feff}').trim_start();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "jsonl" || first.starts_with('{') {
        return Ok(FileKind::Jsonl);
    }
    if first.starts_with("Date,") || first.starts_with("Date ,") {
        return Ok(FileKind::Ecb);
    }
    detect(text).map(FileKind::Csv).ok_or_else(|| {
        Failure::new(format!(
            "{}: cannot tell the kind of file from its header; pass --kind",
            path.display()
        ))
    })
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    command: Box<serde_json::value::RawValue>,
    context: Box<serde_json::value::RawValue>,
}

fn map_jsonl(text: &str) -> Result<Vec<Mapped>, landed_connect::Refused> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<Item>(line)
            .map_err(|e| format!("not a {{\"command\":…,\"context\":…}} object: {e}"))
            .and_then(|item| {
                let command = Command::from_json(item.command.get()).map_err(|e| e.to_string())?;
                let context = Context::from_json(item.context.get()).map_err(|e| e.to_string())?;
                Ok((command, context))
            });
        match parsed {
            Ok((command, context)) => out.push(Mapped {
                command,
                context,
                line: line_no,
            }),
            Err(reason) => errors.push(landed_connect::RowError {
                line: line_no,
                reason,
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(landed_connect::Refused {
            file: String::new(),
            errors,
        })
    }
}

/// The currencies a book deals in: its suppliers', its documents' and
/// its charges' (read from its events), and EUR and USD.
fn book_currencies(store: &Store) -> Vec<Currency> {
    let mut set = BTreeSet::new();
    for code in ["EUR", "USD"] {
        if let Ok(c) = Currency::from_code(code) {
            set.insert(c);
        }
    }
    for record in store.book().events() {
        if let Event::SupplierDefined(spec) = &record.event {
            set.insert(spec.currency);
        }
    }
    set.into_iter().collect()
}

fn parse_at(at: Option<&str>) -> Outcome<DateTime<Utc>> {
    match at {
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            DateTime::<Utc>::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
                .ok_or_else(|| Failure::new("the system clock is out of range"))
        }
        Some(text) => landed::parse_datetime(text)
            .or_else(|_| {
                landed::parse_date(text)
                    .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
            })
            .map_err(|_| Failure::new(format!("--at {text:?} is not a date or an RFC 3339 time"))),
    }
}

/// Maps every file, then executes everything in one batch.
pub fn run(
    store: &mut Store,
    files: &[PathBuf],
    kind: Option<&str>,
    at: Option<&str>,
    currencies: &[String],
) -> Outcome {
    let at = parse_at(at)?;
    let functional = store.book().config().functional_currency;
    let currencies: Vec<Currency> = if currencies.is_empty() {
        book_currencies(store)
    } else {
        currencies
            .iter()
            .map(|c| Currency::from_code(&c.trim().to_ascii_uppercase()))
            .collect::<Result<_, _>>()?
    };
    // (file, first index in the batch, commands)
    let mut spans: Vec<(String, usize, usize)> = Vec::new();
    let mut batch: Vec<Mapped> = Vec::new();
    let progress = crate::progress::bar(files.len() as u64, "mapping");
    for path in files {
        let name = path.display().to_string();
        progress.set_message(name.clone());
        let text = read(path)?;
        let mapped = match kind_of(path, &text, kind)? {
            FileKind::Csv(kind) => map_csv(kind, &name, &text, at),
            FileKind::Ecb => landed_connect::ecb::map_ecb(&name, &text, functional, &currencies),
            FileKind::Jsonl => map_jsonl(&text),
        };
        let mapped = mapped.map_err(|refused| {
            let mut message = format!(
                "{name}: {} row(s) refused, nothing imported",
                refused.errors.len()
            );
            for error in refused.errors.iter().take(20) {
                message.push_str(&format!("; line {}: {}", error.line, error.reason));
            }
            if refused.errors.len() > 20 {
                message.push_str("; …");
            }
            Failure { message, code: 3 }
        })?;
        spans.push((name, batch.len(), mapped.len()));
        batch.extend(mapped);
        progress.inc(1);
    }
    progress.finish_and_clear();
    let lines: Vec<usize> = batch.iter().map(|m| m.line).collect();
    // One all-or-nothing batch cannot report its progress row by row; a
    // spinner shows it is working.
    let spinner = crate::progress::spinner(format!("applying {} commands", batch.len()));
    let results = store.execute_batch(
        batch.into_iter().map(|m| (m.command, m.context)),
        BatchMode::AllOrNothing,
    );
    spinner.finish_and_clear();
    let results = results?;
    if let Some((index, error)) = results
        .iter()
        .enumerate()
        .find_map(|(i, r)| r.as_ref().err().map(|e| (i, e)))
    {
        let file = spans
            .iter()
            .rev()
            .find(|(_, start, _)| *start <= index)
            .map_or("", |(name, _, _)| name.as_str());
        return Err(Failure {
            message: format!(
                "{file} line {}: {error} ({}); nothing imported",
                lines.get(index).copied().unwrap_or(0),
                error.code()
            ),
            code: 3,
        });
    }
    for (name, start, count) in &spans {
        let new = results
            .get(*start..start + count)
            .unwrap_or_default()
            .iter()
            .filter(|r| r.as_ref().is_ok_and(|o| !o.duplicate))
            .count();
        outln!(
            "{name}: {count} commands, {new} new, {} already imported",
            count - new
        );
    }
    outln!(
        "book at version {}, {} events, head {}",
        store.book().version(),
        store.book().events_recorded(),
        store.book().head_hash_hex()
    );
    Ok(())
}
