//! The `landed` binary run on temporary directories: every command and
//! format against known numbers.

use landed::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn landed(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_landed"))
        .args(args)
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = landed(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Fails with `code`, one line on stderr; returns it.
fn fails(args: &[&str], code: i32) -> String {
    let out = landed(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("landed: "), "{err}");
    err
}

fn data(name: &str) -> String {
    format!(
        "{}/../connect/tests/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn ecb() -> String {
    format!(
        "{}/../tests/data/ecb-sample.csv",
        env!("CARGO_MANIFEST_DIR")
    )
}

const FILES: [&str; 7] = [
    "locations.csv",
    "skus.csv",
    "suppliers.csv",
    "purchase_orders.csv",
    "receipts.csv",
    "transfers.csv",
    "landed_costs.csv",
];

/// A CNY book with the connector test files and the ECB sample imported.
fn book(name: &str) -> String {
    let db = dir(name).join("book.db").display().to_string();
    assert_eq!(
        ok(&["init", &db, "--currency", "CNY"]),
        format!("created {db} (functional currency CNY)\n")
    );
    let mut args = vec![
        "import".to_owned(),
        db.clone(),
        "--at".into(),
        "2026-08-10".into(),
        ecb(),
    ];
    args.extend(FILES.iter().map(|f| data(f)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = ok(&args);
    assert!(
        out.contains("ecb-sample.csv: 60 commands, 60 new, 0 already imported"),
        "{out}"
    );
    assert!(
        out.contains("purchase_orders.csv: 4 commands, 4 new, 0 already imported"),
        "{out}"
    );
    db
}

#[test]
fn import_reports_and_reimport() {
    let db = book("import");
    // On hand in Shenzhen (see connect/tests/import.rs for the arithmetic).
    let valuation = ok(&["report", &db, "valuation"]);
    assert!(
        valuation.lines().last().unwrap().contains("4022.35  CNY"),
        "{valuation}"
    );
    let csv = ok(&["report", &db, "valuation", "--format", "csv"]);
    assert_eq!(
        csv.lines().next(),
        Some("sku,location,quantity,unit_cost,value,currency")
    );
    let transit = ok(&[
        "report",
        &db,
        "transit",
        "--as-of",
        "2026-10-20",
        "--format",
        "json",
    ]);
    let transit: serde_json::Value = serde_json::from_str(&transit).unwrap();
    assert_eq!(transit["total_value"]["amount"], "1422.60");
    assert_eq!(transit["shipments"][0]["days_in_transit"], 5);
    let stock = ok(&["report", &db, "stock", "--format", "csv"]);
    assert_eq!(
        stock,
        "sku,on_order,in_transit,available,committed,reserved,damaged,on_hand\n\
         LAMP,0,40,60,0,0,0,60\nFAN,0,0,70,0,0,0,70\n"
    );
    let landed_cost = ok(&["report", &db, "landed-cost", "--format", "json"]);
    let landed_cost: serde_json::Value = serde_json::from_str(&landed_cost).unwrap();
    assert!(
        landed_cost["skus"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    // Importing the same files again changes nothing.
    let head = ok(&["verify", &db]);
    let mut args = vec!["import".to_owned(), db.clone(), ecb()];
    args.extend(FILES.iter().map(|f| data(f)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = ok(&args);
    assert!(
        out.contains("skus.csv: 2 commands, 0 new, 2 already imported"),
        "{out}"
    );
    assert_eq!(ok(&["verify", &db]), head);
    assert!(head.contains("\nskus        2\n"), "{head}");
    assert!(head.contains("\norders      2\n"), "{head}");
}

#[test]
fn trial_balance_and_journal_in_every_format() {
    let db = book("tb");
    let table = ok(&["report", &db, "trial-balance"]);
    let total = table.lines().last().unwrap();
    let csv = ok(&["report", &db, "trial-balance", "--format", "csv"]);
    // 2100 GRNI: 370 USD at 6.692782 (2476.33) and 2000.00 CNY.
    assert!(
        csv.contains("\n2100,Goods received not invoiced,liability,0.00,4476.33,-4476.33,CNY\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\n2200,Accrued freight,liability,0.00,968.62,-968.62,CNY\n"),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["report", &db, "trial-balance", "--format", "json"])).unwrap();
    assert_eq!(json["total_debit"], json["total_credit"]);
    assert!(
        total.contains(json["total_debit"]["amount"].as_str().unwrap()),
        "{total}"
    );
    let journal = ok(&["report", &db, "journal", "--format", "csv"]);
    assert!(journal.starts_with("entry,date,memo,document"));
    assert!(
        journal.contains(",2200,0.00,668.62,CNY,-100.00,USD,"),
        "{journal}"
    );
    let journal_json: serde_json::Value =
        serde_json::from_str(&ok(&["report", &db, "journal", "--format", "json"])).unwrap();
    assert!(journal_json.as_array().is_some_and(|a| a.len() >= 5));
    let reconcile = ok(&["report", &db, "reconcile", "--format", "csv"]);
    assert!(
        reconcile
            .lines()
            .skip(1)
            .all(|l| l.split(',').nth(4) == Some("0.00")),
        "{reconcile}"
    );
    let profit = ok(&["report", &db, "profit", "--format", "json"]);
    let profit: serde_json::Value = serde_json::from_str(&profit).unwrap();
    assert_eq!(profit["total"]["revenue"], "0.00"); // nothing sold in these files
}

#[test]
fn exports() {
    let db = book("export");
    let dir = Path::new(&db).parent().unwrap().to_owned();
    let jsonl = dir.join("log.jsonl");
    ok(&[
        "export",
        &db,
        "--format",
        "jsonl",
        "-o",
        jsonl.to_str().unwrap(),
    ]);
    let verify = ok(&["verify", &db]);
    let events = verify.lines().find(|l| l.starts_with("events")).unwrap();
    let count: usize = events.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert_eq!(
        std::fs::read_to_string(&jsonl).unwrap().lines().count(),
        count
    );
    let vouchers = ok(&[
        "export",
        &db,
        "--format",
        "vouchers",
        "--mapping",
        &data("mapping-cn.csv"),
    ]);
    assert!(vouchers.starts_with("date,voucher_number,summary,account_code,account_name,debit,credit,currency,rate,original_amount"));
    assert!(
        vouchers.contains(",2241,其他应付款,0.00,668.62,USD,"),
        "{vouchers}"
    );
    let tb = ok(&["export", &db, "--format", "trial-balance-csv"]);
    assert_eq!(tb, ok(&["report", &db, "trial-balance", "--format", "csv"]));
    let jc = ok(&["export", &db, "--format", "journal-csv"]);
    assert_eq!(jc, ok(&["report", &db, "journal", "--format", "csv"]));
    // A mapping that lacks accounts refuses the export and writes nothing.
    let partial = dir.join("partial.csv");
    std::fs::write(&partial, "account,target\n1300,1405\n").unwrap();
    let out = dir.join("vouchers.csv");
    let err = fails(
        &[
            "export",
            &db,
            "--format",
            "vouchers",
            "--mapping",
            partial.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        1,
    );
    assert!(
        err.contains("the account mapping has no target for 1100")
            || err.contains("no target for 1310"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_bad_row_refuses_the_whole_import() {
    let db = book("bad");
    let before = ok(&["verify", &db]);
    let err = fails(&["import", &db, &data("bad_skus.csv")], 3);
    assert!(
        err.contains(
            "bad_skus.csv: 4 row(s) refused, nothing imported; line 3: weight_kg \"heavy\""
        ),
        "{err}"
    );
    // A row the book refuses (a second SKU with a known code) undoes the
    // files imported with it.
    let dir = Path::new(&db).parent().unwrap().to_owned();
    let new = dir.join("new.csv");
    std::fs::write(&new, "code,name\nKETTLE,Kettle\n").unwrap();
    let dup = dir.join("dup.csv");
    std::fs::write(&dup, "code,name\nMUG,Mug\nLAMP,Desk lamp again\n").unwrap();
    let err = fails(
        &["import", &db, new.to_str().unwrap(), dup.to_str().unwrap()],
        3,
    );
    assert!(
        err.contains("dup.csv line 3:")
            && err.contains("DUPLICATE_CODE")
            && err.ends_with("nothing imported\n"),
        "{err}"
    );
    assert_eq!(ok(&["verify", &db]), before);
    let unknown = dir.join("what.csv");
    std::fs::write(&unknown, "foo,bar\n1,2\n").unwrap();
    let err = fails(&["import", &db, unknown.to_str().unwrap()], 1);
    assert!(
        err.contains("cannot tell the kind of file from its header; pass --kind"),
        "{err}"
    );
}

#[test]
fn jsonl_commands_import() {
    let dir = dir("jsonl");
    let db = dir.join("b.db").display().to_string();
    ok(&["init", &db, "--currency", "USD"]);
    let file = dir.join("commands.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"command":{"type":"define_location","code":"LA","name":"Los Angeles","kind":"own"},"context":{"at":"2026-11-01T09:00:00Z","command_id":"loc-LA"}}"#,
            "\n",
            r#"{"command":{"type":"define_sku","code":"MUG","name":"Mug"},"context":{"at":"2026-11-01T09:00:00Z","command_id":"sku-MUG"}}"#,
            "\n",
            r#"{"command":{"type":"receive","sku":"MUG","location":"LA","quantity":12,"unit_cost":{"amount":"1.25","currency":"USD"}},"context":{"at":"2026-11-02T09:00:00Z","command_id":"grn-1"}}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = ok(&["import", &db, file.to_str().unwrap()]);
    assert!(
        out.contains("commands.jsonl: 3 commands, 3 new, 0 already imported"),
        "{out}"
    );
    assert!(
        ok(&["report", &db, "valuation", "--format", "csv"]).contains("MUG,LA,12,1.25,15.00,USD")
    );
}

#[test]
fn errors_are_one_line_with_an_exit_code() {
    let dir = dir("errors");
    let db = dir.join("none.db").display().to_string();
    let err = fails(&["report", &db, "stock"], 1);
    assert!(err.contains("no such book"), "{err}");
    assert!(!Path::new(&db).exists());
    ok(&["init", &db, "--currency", "CNY"]);
    let err = fails(&["init", &db, "--currency", "CNY"], 1);
    assert!(err.contains("already exists"), "{err}");
    let other = dir.join("x.db").display().to_string();
    let err = fails(&["init", &other, "--currency", "XXX"], 1);
    assert!(!Path::new(&other).exists(), "{err}");
    // A tampered event is found on open.
    let conn_path = dir.join("t.db").display().to_string();
    ok(&["init", &conn_path, "--currency", "CNY"]);
    ok(&[
        "import",
        &conn_path,
        "--at",
        "2026-08-10",
        &data("locations.csv"),
    ]);
    let bytes = std::fs::read(&conn_path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("Leipzig 3PL"));
    let tampered: Vec<u8> = {
        let needle = b"Leipzig 3PL";
        let mut b = bytes.clone();
        if let Some(at) = b.windows(needle.len()).position(|w| w == needle) {
            b[at] = b'X';
        }
        b
    };
    std::fs::write(&conn_path, tampered).unwrap();
    let _ = std::fs::remove_file(format!("{conn_path}-wal"));
    let err = fails(&["verify", &conn_path], 4);
    assert!(err.contains("STORE_CORRUPT"), "{err}");
}

#[test]
fn demo_builds_the_same_quarter_every_time() {
    let dir = dir("demo");
    let a = dir.join("a.db").display().to_string();
    let b = dir.join("b.db").display().to_string();
    let out = ok(&["demo", &a]);
    assert!(out.contains("900 commands, 3700 events"), "{out}");
    assert!(out.contains("Inventory value 2299866.90 CNY"), "{out}");
    assert!(
        out.contains("T-SEA-02  transfer  SZ    DE-3PL  shipped  MSC"),
        "{out}"
    );
    // Every payout of a settlement reached the bank: the clearing account
    // for payouts in transit is back to zero.
    assert!(
        out.contains(
            "1150     Marketplace payouts in transit        35728.98    35728.98         0.00"
        ),
        "{out}"
    );
    let head = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("head hash"))
            .map(str::to_owned)
    };
    let out_b = ok(&["demo", &b]);
    assert_eq!(head(&ok(&["verify", &a])), head(&ok(&["verify", &b])));
    assert_eq!(out.replace(&a, "X"), out_b.replace(&b, "X"));
    let verify = ok(&["verify", &a]);
    assert!(
        verify.contains("\nskus        200\n") && verify.contains("\nlocations   4\n"),
        "{verify}"
    );
    let stock = ok(&["report", &a, "stock", "--format", "csv"]);
    assert_eq!(stock.lines().count(), 201);
    // Two units short, three damaged on the sea shipment to FBA US.
    assert!(
        stock.lines().any(|l| l.split(',').nth(6) == Some("3")),
        "{stock}"
    );
    let profit = ok(&[
        "report",
        &a,
        "profit",
        "--group-by",
        "channel",
        "--format",
        "csv",
    ]);
    assert!(
        profit.contains(
            "amazon-us,28792.72,0.00,0.00,11948.15,0.00,8666.68,1782.87,0.00,-53.61,6341.41"
        ),
        "{profit}"
    );
    // Profit by channel and the trial balance are two views of one ledger:
    // the totals of each column are the balances of its accounts.
    let tb = ok(&["report", &a, "trial-balance", "--format", "csv"]);
    let balance = |account: &str| -> Decimal {
        tb.lines()
            .find(|l| l.starts_with(&format!("{account},")))
            .and_then(|l| l.split(',').nth(5))
            .map_or(Decimal::ZERO, |v| v.parse().unwrap())
    };
    let column = |name: &str| -> Decimal {
        let mut lines = profit.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let i = header.iter().position(|h| *h == name).unwrap();
        lines
            .map(|l| l.split(',').nth(i).unwrap().parse::<Decimal>().unwrap())
            .sum()
    };
    assert_eq!(column("revenue"), -balance("4000"), "{tb}\n{profit}");
    assert_eq!(column("returns"), balance("4100"), "{tb}\n{profit}");
    assert_eq!(column("cogs"), balance("5000"), "{tb}\n{profit}");
    assert_eq!(column("advertising"), balance("6300"), "{tb}\n{profit}");
    assert_eq!(
        column("fees"),
        balance("6000") + balance("6100") + balance("6200") + balance("6400"),
        "{tb}\n{profit}"
    );
    assert_eq!(column("fx"), -balance("7000"), "{tb}\n{profit}");
    let err = fails(&["demo", &a], 1);
    assert!(err.contains("already exists"), "{err}");
    // --replace rebuilds a landed book in place, but never removes a file
    // that is not one.
    let again = ok(&["demo", &a, "--replace"]);
    assert_eq!(again, out);
    let notes = dir.join("notes.db");
    std::fs::write(&notes, "my notes").unwrap();
    let err = fails(&["demo", &notes.display().to_string(), "--replace"], 1);
    assert!(err.contains("is not a landed book"), "{err}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");

    // A reader that stops early (`| head`) ends the report quietly.
    let mut child = Command::new(env!("CARGO_BIN_EXE_landed"))
        .args(["report", &a, "journal", "--format", "csv"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    assert_eq!(&first, b"entry,date,memo,");
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
