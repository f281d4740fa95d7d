//! The integrity ledger: every publication and moderation action is
//! chained; `/ledger.json` can be checked by anyone; `docket verify` finds
//! the first broken entry, in the database or in a downloaded copy.

use std::process::ExitCode;

use clap::Parser;
use docket::cli::{run, Cli};
use docket::comments::ledger::{self, Entry};

use crate::comments::{app, comment_and_verify, get, Browser, Site, EMAIL, OTHER_EMAIL};
use crate::support::exec;

fn verify_cli(url: &str, file: Option<&std::path::Path>) -> ExitCode {
    let mut args = vec![
        "docket".to_string(),
        "--database-url".to_string(),
        url.to_string(),
        "verify".to_string(),
    ];
    if let Some(f) = file {
        args.push("--file".to_string());
        args.push(f.display().to_string());
    }
    run(Cli::parse_from(args)).unwrap()
}

/// Two versions imported and three published comments: five chained entries.
async fn three_entries(site: &Site) -> Vec<Entry> {
    let svc = app!(site);
    comment_and_verify(&svc, site, "192.0.2.1", EMAIL, "One.").await;
    comment_and_verify(&svc, site, "192.0.2.2", OTHER_EMAIL, "Two.").await;
    comment_and_verify(&svc, site, "192.0.2.3", "third@example.com", "Three.").await;
    let body = get(&svc, &mut Browser::new("192.0.2.200"), "/ledger.json")
        .await
        .body;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["count"], 5);
    assert_eq!(json["head_seq"], 5);
    assert_eq!(json["algorithm"], "sha256");
    serde_json::from_value(json["entries"].clone()).unwrap()
}

#[actix_web::test]
async fn publications_are_chained_and_the_download_checks_out() {
    let site = Site::ballots();
    let entries = three_entries(&site).await;
    assert_eq!(entries[0].prev_hash, ledger::GENESIS);
    assert_eq!(entries[1].prev_hash, entries[0].hash);
    assert_eq!(entries[2].prev_hash, entries[1].hash);
    let report = ledger::verify_entries(&entries);
    assert!(report.ok(), "{report:?}");
    assert_eq!(report.checked, 5);
    assert_eq!(entries[0].kind, "version.published");
    assert_eq!(entries[1].kind, "version.published");
    // The payload names the comment, never the address.
    let p: serde_json::Value = serde_json::from_str(&entries[2].payload).unwrap();
    assert_eq!(p["author"], "Ana Example");
    assert_eq!(p["clause_key"], "custody");
    assert_eq!(p["body_sha256"], docket::standard::sha256_hex("One."));
    assert!(!entries.iter().any(|e| e.payload.contains("@")));

    assert_eq!(verify_cli(&site.db.url, None), ExitCode::SUCCESS);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ledger.json");
    std::fs::write(&file, serde_json::json!({ "entries": entries }).to_string()).unwrap();
    assert_eq!(verify_cli(&site.db.url, Some(&file)), ExitCode::SUCCESS);

    // A downloaded copy with one changed entry fails from that entry on.
    let mut changed = entries.clone();
    changed[3].payload = changed[3].payload.replace("Ben", "Bob");
    changed[3].payload = changed[3].payload.replace("Ana Example", "Someone Else");
    let report = ledger::verify_entries(&changed);
    assert_eq!(report.broken.as_ref().map(|b| b.seq), Some(4), "{report:?}");
    assert_eq!(report.checked, 3);
    std::fs::write(&file, serde_json::json!({ "entries": changed }).to_string()).unwrap();
    assert_eq!(verify_cli(&site.db.url, Some(&file)), ExitCode::FAILURE);
    // So does one with an entry left out.
    let missing = vec![entries[0].clone(), entries[2].clone()];
    let report = ledger::verify_entries(&missing);
    assert_eq!(report.broken.map(|b| b.seq), Some(3));
}

#[actix_web::test]
async fn a_tampered_ledger_row_is_found_by_verify() {
    let site = Site::ballots();
    three_entries(&site).await;
    let mut conn = site.conn();
    assert!(ledger::verify_db(&mut conn).unwrap().ok());
    exec(
        &mut conn,
        "UPDATE ledger SET payload = REPLACE(payload, 'custody', 'seals') WHERE seq = 4",
    );
    let report = ledger::verify_db(&mut conn).unwrap();
    let broken = report.broken.expect("the change is found");
    assert_eq!(broken.seq, 4);
    assert!(broken.reason.contains("altered"), "{}", broken.reason);
    assert_eq!(report.checked, 3);
    drop(conn);
    assert_eq!(verify_cli(&site.db.url, None), ExitCode::FAILURE);
}

#[actix_web::test]
async fn a_rewritten_hash_chain_or_an_edited_comment_is_found_too() {
    let site = Site::ballots();
    let entries = three_entries(&site).await;
    let mut conn = site.conn();
    // Recompute entry 5's hash after changing it: entry 5 checks, but the
    // comment it published no longer matches.
    let p = entries[4]
        .payload
        .replace("\"kind\":\"technical\"", "\"kind\":\"editorial\"");
    let h = ledger::entry_hash(5, &entries[4].kind, &entries[4].prev_hash, &p);
    let quoted = p.replace('\'', "''");
    exec(
        &mut conn,
        &format!("UPDATE ledger SET payload = '{quoted}', hash = '{h}' WHERE seq = 5"),
    );
    let report = ledger::verify_db(&mut conn).unwrap();
    let broken = report
        .broken
        .expect("the comment no longer matches its entry");
    assert_eq!(broken.seq, 5);
    assert!(broken.reason.contains("kind differs"), "{}", broken.reason);
    // Rewriting the comment too makes database and chain agree again…
    exec(
        &mut conn,
        "UPDATE comments SET kind = 'editorial' WHERE body_md = 'Three.'",
    );
    assert!(
        ledger::verify_db(&mut conn).unwrap().ok(),
        "a consistent rewrite of the last entry is only caught by published copies"
    );
    // …and a head published before the rewrite catches it.
    let head = ledger::Pin::parse(&format!("5:{}", entries[4].hash), "a mail footer").unwrap();
    let opts = ledger::VerifyOptions {
        heads: vec![head],
        public_key: None,
    };
    let broken = ledger::verify_db_with(&mut conn, &opts)
        .unwrap()
        .broken
        .expect("the published head catches the rewrite");
    assert_eq!(broken.seq, 5);
    assert!(broken.reason.contains("rewritten"), "{}", broken.reason);

    // Editing a published comment's text is caught against its entry.
    exec(
        &mut conn,
        "UPDATE comments SET body_md = 'Edited.' WHERE body_md = 'Two.'",
    );
    let report = ledger::verify_db(&mut conn).unwrap();
    let broken = report.broken.expect("the edit is found");
    assert_eq!(broken.seq, 4);
    assert!(
        broken.reason.contains("no longer has the text"),
        "{}",
        broken.reason
    );
}
