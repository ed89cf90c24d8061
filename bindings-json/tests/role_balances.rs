//! The balances-by-role month of `tests/data/role-balances-month.json`,
//! which every binding's test runs, through the JSON face: its figures by
//! role, that they are the balances of the accounts the rules map them to,
//! and that its custom chart is the standard one with other codes.

use landed::ledger::ChartSpec;
use landed_json::{JsonBook, JsonQueries};
use serde_json::{Value, json};

const MONTH: &str = include_str!("../../tests/data/role-balances-month.json");

fn month() -> Value {
    serde_json::from_str(MONTH).unwrap()
}

/// The month run on `config`, every command accepted.
fn book(config: &Value) -> JsonBook {
    let mut book = JsonBook::new(&config.to_string()).unwrap();
    let out = book
        .execute_batch(&month()["batch"].to_string(), true)
        .unwrap();
    let results: Vec<Value> = serde_json::from_str(&out).unwrap();
    for result in &results {
        assert!(result.get("ok").is_some(), "{result}");
    }
    book
}

fn configs() -> [(&'static str, Value); 2] {
    let standard = month()["config"].clone();
    let mut custom = standard.clone();
    custom["ledger"] = month()["custom_chart"].clone();
    [("standard", standard), ("custom", custom)]
}

#[test]
fn figures_by_role_on_both_charts() {
    let expected = month()["expected"].clone();
    for (chart, config) in configs() {
        let book = book(&config);
        for (as_of, figures) in expected.as_object().unwrap() {
            let report: Value =
                serde_json::from_str(&book.role_balances(as_of, None).unwrap()).unwrap();
            let trial: Value =
                serde_json::from_str(&book.trial_balance(as_of, None).unwrap()).unwrap();
            let roles = report["roles"].as_array().unwrap();
            for (role, amount) in figures.as_object().unwrap() {
                let line = roles.iter().find(|l| l["role"] == *role).unwrap();
                assert_eq!(line["balance"]["amount"], *amount, "{chart} {as_of} {role}");
            }
            // Each role's balance is its accounts' balances added up.
            for line in roles {
                let sum: landed::Decimal = trial["lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|l| line["accounts"].as_array().unwrap().contains(&l["account"]))
                    .map(|l| {
                        l["balance"]["amount"]
                            .as_str()
                            .unwrap()
                            .parse::<landed::Decimal>()
                            .unwrap()
                    })
                    .sum();
                let balance: landed::Decimal =
                    line["balance"]["amount"].as_str().unwrap().parse().unwrap();
                assert_eq!(balance, sum, "{chart} {as_of} {}", line["role"]);
            }
        }
        let report: Value =
            serde_json::from_str(&book.role_balances("2026-11-30", None).unwrap()).unwrap();
        for (role, accounts) in month()["expected_accounts"][chart].as_object().unwrap() {
            let line = report["roles"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["role"] == *role)
                .unwrap();
            assert_eq!(line["accounts"], *accounts, "{chart} {role}");
        }
    }
}

#[test]
fn the_custom_chart_is_the_standard_one_with_other_codes() {
    let chart = ChartSpec::standard();
    let mut accounts: Vec<Value> = chart
        .accounts
        .iter()
        .map(|a| {
            let mut account = serde_json::to_value(a).unwrap();
            account["code"] = json!(format!("9{}", a.code));
            account
        })
        .collect();
    accounts.push(json!({"code":"91301","name":"Inventory at the German 3PL","type":"asset"}));
    let mut rules: Vec<Value> = chart
        .rules
        .iter()
        .map(|r| json!({"role": r.role.name(), "account": format!("9{}", r.account)}))
        .collect();
    rules.push(json!({"role":"inventory","account":"91301","location":"DE"}));
    assert_eq!(
        month()["custom_chart"],
        json!({"type": "custom", "accounts": accounts, "rules": rules})
    );
}
