//! What the ledger covers, checked as an attacker would test it: an
//! operator with the database edits rows with SQL, and `docket verify`
//! must fail, naming the comment, decision or version. Cutting entries off
//! the end is caught against a head kept elsewhere (a mail footer, a
//! signed checkpoint). Staff are named in new entries by an opaque id.

use std::process::ExitCode;

use actix_web::http::StatusCode;
use clap::Parser;
use docket::cli::{run, Cli};
use docket::comments::ledger::checkpoint::{self, LedgerKey};
use docket::comments::ledger::{self, kinds, Broken, Pin, VerifyOptions};
use docket::comments::moderation::{self, Action, Actor};
use docket::comments::Settings;
use docket::db::models::{Comment, LedgerRow, Role};
use docket::db::DbConn;

use crate::comments::{
    app, comment_and_verify, confirm, fields, get, open_form, post, send_form, with, Browser, Site,
    CUSTODY_FORM, CUSTODY_POST, EMAIL, OTHER_EMAIL,
};
use crate::dispositions::{decide, staff_browser};
use crate::support::{exec, front, Content};

fn verify_cli(url: &str, extra: &[&str]) -> ExitCode {
    let mut args = vec!["docket", "--database-url", url, "verify"];
    args.extend_from_slice(extra);
    run(Cli::parse_from(args)).unwrap()
}

/// The first problem `docket verify` finds in the database.
fn broken(conn: &mut DbConn) -> Broken {
    let report = ledger::verify_db(conn).unwrap();
    report.broken.expect("verify finds the change")
}

fn assert_names(b: &Broken, record: &str, reason: &str) {
    let shown = b.record.as_deref().unwrap_or("");
    assert!(shown.contains(record), "{b:?} should name {record}");
    assert!(b.reason.contains(reason), "{b:?} should say {reason}");
}

/// Two published comments (Ana's, then Ben's); returns their ids.
async fn two_comments(site: &Site) -> (i32, i32) {
    let svc = app!(site);
    let a = comment_and_verify(
        &svc,
        site,
        "192.0.2.1",
        EMAIL,
        "The log needs *two* signatures.",
    )
    .await;
    let b = comment_and_verify(&svc, site, "192.0.2.2", OTHER_EMAIL, "Agreed.").await;
    let mut conn = site.conn();
    let report = ledger::verify_db(&mut conn).unwrap();
    assert!(report.ok(), "{report:?}");
    (a, b)
}

/// An editor records a decision on comment `id` of ballots 2 through the
/// site, with no resolving clause.
async fn decide_as_editor(site: &Site, id: i32, outcome: &str, rationale: &str) {
    let svc = app!(site);
    let mut ed = staff_browser(&svc, site, "edith.editor", Role::Editor).await;
    let answer = decide(
        &svc,
        &mut ed,
        "ballots",
        "2",
        &id.to_string(),
        &[
            ("outcome", outcome),
            ("rationale", rationale),
            ("clause_key", ""),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
}

fn tracking(site: &Site, id: i32) -> String {
    site.comment(id).tracking_number
}

fn moderator() -> Actor {
    Actor {
        id: 7,
        name: "morgan.moderator".to_string(),
        role: Role::Moderator,
    }
}

fn settings(site: &Site) -> Settings {
    Settings {
        base_url: site.config.base_url.clone(),
        moderation: site.config.moderation,
    }
}

fn hide(site: &Site, id: i32, reason: &str) {
    let now = chrono::Utc::now().naive_utc();
    moderation::act(
        &mut site.conn(),
        &settings(site),
        id,
        &Action::Hide(reason.to_string()),
        &moderator(),
        now,
    )
    .unwrap();
}

#[actix_web::test]
async fn an_edited_body_shown_is_named_by_verify() {
    let site = Site::ballots();
    let (a, _) = two_comments(&site).await;
    let mut conn = site.conn();
    // The Markdown stays; only the HTML that pages and the API show changes.
    exec(
        &mut conn,
        &format!(
            "UPDATE comments SET body_html = '<p>The log needs no signatures.</p>' WHERE id = {a}"
        ),
    );
    let b = broken(&mut conn);
    assert_names(
        &b,
        &format!("comment {a} ({})", tracking(&site, a)),
        "body shown differs",
    );
    drop(conn);
    assert_eq!(verify_cli(&site.db.url, &[]), ExitCode::FAILURE);
}

#[actix_web::test]
async fn hiding_a_comment_without_an_entry_is_named_by_verify() {
    let site = Site::ballots();
    let (_, b_id) = two_comments(&site).await;
    let mut conn = site.conn();
    exec(
        &mut conn,
        &format!(
            "UPDATE comments SET status = 'hidden', hidden_reason = 'Off topic.' WHERE id = {b_id}"
        ),
    );
    let b = broken(&mut conn);
    assert_names(
        &b,
        &format!("comment {b_id} ({})", tracking(&site, b_id)),
        "its status is “hidden” but the ledger records “published”",
    );
    // Quietly unpublishing is found the same way.
    exec(
        &mut conn,
        &format!("UPDATE comments SET status = 'pending', hidden_reason = NULL WHERE id = {b_id}"),
    );
    assert_names(
        &broken(&mut conn),
        &format!("comment {b_id}"),
        "its status is “pending”",
    );
}

#[actix_web::test]
async fn an_edited_hidden_reason_is_named_by_verify() {
    let site = Site::ballots();
    let (a, _) = two_comments(&site).await;
    hide(&site, a, "Contains a personal phone number.");
    let mut conn = site.conn();
    assert!(ledger::verify_db(&mut conn).unwrap().ok());
    exec(
        &mut conn,
        &format!("UPDATE comments SET hidden_reason = 'Abusive.' WHERE id = {a}"),
    );
    assert_names(
        &broken(&mut conn),
        &format!("comment {a} ({})", tracking(&site, a)),
        "reason shown for hiding it differs",
    );
}

#[actix_web::test]
async fn a_published_comment_inserted_without_an_entry_is_named_by_verify() {
    let site = Site::ballots();
    let (a, _) = two_comments(&site).await;
    let mut conn = site.conn();
    exec(
        &mut conn,
        &format!(
            "INSERT INTO comments (version_id, clause_key, parent_id, path, depth, kind, body_md, body_html, \
             commenter_id, status, tracking_number, created_at, published_at, flags) \
             SELECT version_id, clause_key, NULL, '9999999999', 0, kind, 'Planted.', '<p>Planted.</p>', \
             commenter_id, 'published', 'BAL2-9999-FAKE', created_at, published_at, 0 FROM comments WHERE id = {a}"
        ),
    );
    assert_names(
        &broken(&mut conn),
        "(BAL2-9999-FAKE)",
        "no ledger entry records it",
    );
}

#[actix_web::test]
async fn an_edited_author_is_named_by_verify_and_a_new_name_changes_only_new_comments() {
    let site = Site::ballots();
    let svc = app!(site);
    // Ana comments and confirms, then from the same browser comments again
    // under another name: the new name is the second comment's alone, and
    // the first keeps the author its ledger entry recorded.
    let mut ana = Browser::new("192.0.2.1");
    let token = open_form(&svc, &mut ana, CUSTODY_FORM).await;
    send_form(
        &svc,
        &mut ana,
        CUSTODY_POST,
        &fields(&token, EMAIL, "First."),
    )
    .await;
    let link = crate::comments::verification_link(&site.deliver(), EMAIL);
    assert_eq!(confirm(&svc, &mut ana, &link).await.status, StatusCode::OK);
    let first = crate::comments::last_comment_id(&site);
    let entries_before = LedgerRow::for_comment(&mut site.conn(), first)
        .unwrap()
        .len();
    let token = open_form(&svc, &mut ana, CUSTODY_FORM).await;
    let form = with(fields(&token, EMAIL, "Second."), "name", "Ana Q. Example");
    let form = with(form, "organization", "");
    send_form(&svc, &mut ana, CUSTODY_POST, &form).await;
    let second = crate::comments::last_comment_id(&site);
    assert_eq!(site.comment(second).status, "published");
    assert_eq!(site.comment(second).author_name, "Ana Q. Example");
    assert_eq!(site.comment(first).author_name, "Ana Example");
    let mut conn = site.conn();
    assert_eq!(
        LedgerRow::for_comment(&mut conn, first).unwrap().len(),
        entries_before,
        "nothing about the first comment changed"
    );
    let report = ledger::verify_db(&mut conn).unwrap();
    assert!(report.ok(), "{report:?}");

    // An operator renaming her in the database is found.
    exec(
        &mut conn,
        &format!("UPDATE comments SET author_name = 'Someone Else' WHERE id = {first}"),
    );
    assert_names(
        &broken(&mut conn),
        &format!("comment {first} ({})", tracking(&site, first)),
        "author shown",
    );
    exec(
        &mut conn,
        &format!(
            "UPDATE comments SET author_name = 'Ana Example', \
             author_organization = 'A Front Group' WHERE id = {first}"
        ),
    );
    assert_names(
        &broken(&mut conn),
        &format!("comment {first}"),
        "organisation",
    );
}

#[actix_web::test]
async fn an_edited_rationale_or_outcome_is_named_by_verify() {
    let site = Site::ballots();
    let (a, _) = two_comments(&site).await;
    decide_as_editor(&site, a, "accepted", "Two signatures close the gap.").await;
    let mut conn = site.conn();
    let report = ledger::verify_db(&mut conn).unwrap();
    assert!(report.ok(), "{report:?}");
    let record = format!("the decision on comment {a} ({})", tracking(&site, a));

    exec(
        &mut conn,
        "UPDATE dispositions SET rationale = 'We never agreed to this.'",
    );
    assert_names(&broken(&mut conn), &record, "rationale differs");
    drop(conn);
    assert_eq!(verify_cli(&site.db.url, &[]), ExitCode::FAILURE);

    let mut conn = site.conn();
    exec(
        &mut conn,
        "UPDATE dispositions SET rationale = 'Two signatures close the gap.', outcome = 'not_accepted'",
    );
    assert_names(&broken(&mut conn), &record, "outcome differs");
    exec(&mut conn, "UPDATE dispositions SET outcome = 'accepted'");
    assert!(ledger::verify_db(&mut conn).unwrap().ok());
    exec(&mut conn, "DELETE FROM dispositions");
    assert_names(&broken(&mut conn), &record, "no longer exists");
}

#[actix_web::test]
async fn versions_are_in_the_chain_and_an_edited_source_is_named_by_verify() {
    let site = Site::ballots();
    let mut conn = site.conn();
    let v2 = site.version("ballots", "2");
    let entries = ledger::verify_db(&mut conn).unwrap();
    assert!(entries.ok(), "{entries:?}");
    let rows = LedgerRow::page(&mut conn, 0, 100).unwrap();
    let published: Vec<serde_json::Value> = rows
        .iter()
        .filter(|r| r.kind == kinds::VERSION_PUBLISHED)
        .map(|r| serde_json::from_str(&r.payload).unwrap())
        .collect();
    assert_eq!(published.len(), 2, "{rows:?}");
    assert_eq!(published[1]["version"], "2");
    assert_eq!(published[1]["source_sha256"], v2.sha256.as_str());

    // The source changed behind the SHA-256 shown.
    exec(
        &mut conn,
        &format!(
            "UPDATE versions SET source = REPLACE(source, 'two signatures', 'one signature') WHERE id = {}",
            v2.id
        ),
    );
    assert_names(
        &broken(&mut conn),
        "version 2 of ballots",
        "source no longer hashes",
    );
    // The SHA-256 shown changed to match: the ledger still knows better.
    let source = docket::db::models::Version::source(&mut conn, v2.id).unwrap();
    exec(
        &mut conn,
        &format!(
            "UPDATE versions SET sha256 = '{}' WHERE id = {}",
            docket::standard::sha256_hex(&source),
            v2.id
        ),
    );
    assert_names(
        &broken(&mut conn),
        "version 2 of ballots",
        "differs from the ledger",
    );
    drop(conn);
    assert_eq!(verify_cli(&site.db.url, &[]), ExitCode::FAILURE);
}

#[actix_web::test]
async fn a_version_inserted_without_an_entry_is_named_and_old_versions_are_backfilled() {
    let site = Site::ballots();
    let mut conn = site.conn();
    let v2 = site.version("ballots", "2");
    exec(
        &mut conn,
        &format!(
            "INSERT INTO versions (standard_id, label, position, title, status, published, comment_opens, comment_closes, \
             notes, preamble_html, source, sha256, source_path, imported_at) \
             SELECT standard_id, '9', 9, title, 'final', published, comment_opens, comment_closes, notes, preamble_html, \
             source, sha256, source_path, imported_at FROM versions WHERE id = {}",
            v2.id
        ),
    );
    assert_names(
        &broken(&mut conn),
        "version 9 of ballots",
        "no ledger entry records its publication",
    );
    exec(&mut conn, "DELETE FROM versions WHERE label = '9'");
    assert!(ledger::verify_db(&mut conn).unwrap().ok());

    // A database from before versions were recorded: its migration lists
    // the published versions, and they are recorded once, as a backfill.
    exec(&mut conn, "DELETE FROM ledger");
    exec(
        &mut conn,
        "INSERT INTO ledger_backfill (version_id) SELECT id FROM versions WHERE status <> 'draft'",
    );
    assert_names(
        &broken(&mut conn),
        "version 1 of ballots",
        "no ledger entry",
    );
    let now = chrono::Utc::now().naive_utc();
    let lines = ledger::record_unrecorded_versions(&mut conn, now).unwrap();
    assert_eq!(lines.len(), 2, "{lines:?}");
    let report = ledger::verify_db(&mut conn).unwrap();
    assert!(report.ok(), "{report:?}");
    let head = LedgerRow::head(&mut conn).unwrap().unwrap();
    assert!(
        head.payload.contains("\"backfill\":true"),
        "{}",
        head.payload
    );
    assert!(ledger::record_unrecorded_versions(&mut conn, now)
        .unwrap()
        .is_empty());
}

#[actix_web::test]
async fn a_published_source_is_served_and_matches_its_hash_but_drafts_are_not() {
    let content = Content::new();
    content.standard("ballots", "Ballot Handling");
    content.version(
        "ballots",
        "1",
        &format!(
            "{}## 1 Custody {{#custody}}\n\nBallots are logged.\n",
            front("1", "open")
        ),
    );
    content.version(
        "ballots",
        "2",
        &format!(
            "{}## 1 Custody {{#custody}}\n\nBallots are logged twice.\n",
            front("2", "draft")
        ),
    );
    let site = Site::new(content);
    let svc = app!(site);
    let mut reader = Browser::new("192.0.2.9");
    let served = get(&svc, &mut reader, "/standards/ballots/1.md").await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(
        served.headers.get("content-type").unwrap(),
        "text/markdown; charset=utf-8"
    );
    let v1 = site.version("ballots", "1");
    assert_eq!(docket::standard::sha256_hex(&served.body), v1.sha256);
    let page = get(&svc, &mut reader, "/standards/ballots/1").await.body;
    assert!(page.contains("href=\"/standards/ballots/1.md\""), "{page}");
    assert_eq!(
        get(&svc, &mut reader, "/standards/ballots/2.md")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A draft is not in the chain either.
    let rows = LedgerRow::page(&mut site.conn(), 0, 100).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
}

/// The head (`SEQ:HASH`) in the footer of the last mail sent.
fn footer_head(text: &str) -> String {
    let at = text
        .find("Ledger head ")
        .expect("a ledger head in the footer");
    text[at + "Ledger head ".len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[actix_web::test]
async fn entries_cut_off_the_end_are_found_against_a_head_from_a_mail() {
    let site = Site::ballots();
    let svc = app!(site);
    comment_and_verify(&svc, &site, "192.0.2.1", EMAIL, "Keep this.").await;
    // Ben's comment is published; his receipt carries the head.
    let mut ben = Browser::new("192.0.2.2");
    let token = open_form(&svc, &mut ben, CUSTODY_FORM).await;
    post(
        &svc,
        &mut ben,
        CUSTODY_POST,
        &fields(&token, OTHER_EMAIL, "Remove me."),
    )
    .await;
    let link = crate::comments::verification_link(&site.deliver(), OTHER_EMAIL);
    let a = confirm(&svc, &mut ben, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let b_id = crate::comments::last_comment_id(&site);
    let mails = site.deliver();
    let receipt = mails
        .iter()
        .find(|m| m.to == OTHER_EMAIL)
        .expect("a receipt");
    let head = footer_head(&receipt.text);
    let mut conn = site.conn();
    let last = LedgerRow::head(&mut conn).unwrap().unwrap();
    assert_eq!(head, format!("{}:{}", last.seq, last.hash));

    // The operator removes Ben's comment and the entry that published it.
    exec(
        &mut conn,
        &format!("DELETE FROM verification_tokens WHERE comment_id = {b_id}"),
    );
    exec(
        &mut conn,
        &format!("DELETE FROM comments WHERE id = {b_id}"),
    );
    exec(
        &mut conn,
        &format!("DELETE FROM ledger WHERE seq = {}", last.seq),
    );
    assert!(
        ledger::verify_db(&mut conn).unwrap().ok(),
        "a clean cut is only found against a head kept elsewhere"
    );
    let opts = VerifyOptions {
        heads: vec![Pin::parse(&head, "the mail footer").unwrap()],
        public_key: None,
    };
    let b = ledger::verify_db_with(&mut conn, &opts)
        .unwrap()
        .broken
        .unwrap();
    assert_eq!(b.seq, last.seq);
    assert!(b.reason.contains("cut off the end"), "{b:?}");
    drop(conn);
    assert_eq!(
        verify_cli(&site.db.url, &["--head", &head]),
        ExitCode::FAILURE
    );
    let earlier = format!("{}:{}", last.seq - 1, last.prev_hash);
    assert_eq!(
        verify_cli(&site.db.url, &["--head", &earlier]),
        ExitCode::SUCCESS
    );
    // A head with another hash: the chain was rewritten.
    let forged = format!("{}:{}", last.seq - 1, "ab".repeat(32));
    assert_eq!(
        verify_cli(&site.db.url, &["--head", &forged]),
        ExitCode::FAILURE
    );
}

#[actix_web::test]
async fn signed_checkpoints_are_served_and_pin_the_chain() {
    let mut site = Site::ballots();
    let key = LedgerKey::from_secret([7u8; 32]);
    site.config.ledger_public_key = Some(key.public_hex());
    let (a, _) = two_comments(&site).await;
    let mut conn = site.conn();
    let now = chrono::Utc::now().naive_utc();
    let cp = checkpoint::checkpoint_if_due(&mut conn, &key, now)
        .unwrap()
        .expect("today's checkpoint");
    assert!(checkpoint::checkpoint_if_due(&mut conn, &key, now)
        .unwrap()
        .is_none());
    let head = LedgerRow::head(&mut conn).unwrap().unwrap();
    assert_eq!((cp.seq, cp.hash.clone()), (head.seq, head.hash.clone()));
    let pinned = VerifyOptions {
        heads: Vec::new(),
        public_key: Some(key.public_hex()),
    };
    let report = ledger::verify_db_with(&mut conn, &pinned).unwrap();
    assert!(report.ok(), "{report:?}");
    assert_eq!(report.pins_checked, 1);
    drop(conn);

    let svc = app!(site);
    let mut reader = Browser::new("192.0.2.9");
    let served = get(&svc, &mut reader, "/ledger/key").await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.body.trim(), key.public_hex());
    let json: serde_json::Value = serde_json::from_str(
        &get(&svc, &mut reader, "/ledger/checkpoints.json")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(json["signed"], true);
    assert_eq!(json["checkpoints"][0]["seq"], cp.seq);
    assert_eq!(json["checkpoints"][0]["signature"], cp.signature.as_str());

    // Hiding Ana's comment, then cutting that entry off and restoring
    // her comment, is found against the checkpoint made after it.
    hide(&site, a, "Off topic.");
    let mut conn = site.conn();
    exec(&mut conn, "DELETE FROM ledger_checkpoints");
    let later = now + chrono::Duration::days(1);
    let cp = checkpoint::checkpoint_if_due(&mut conn, &key, later)
        .unwrap()
        .unwrap();
    exec(
        &mut conn,
        &format!("DELETE FROM ledger WHERE seq = {}", cp.seq),
    );
    exec(
        &mut conn,
        &format!("UPDATE comments SET status = 'published', hidden_reason = NULL WHERE id = {a}"),
    );
    let b = ledger::verify_db(&mut conn).unwrap().broken.unwrap();
    assert!(b.reason.contains("signed checkpoint"), "{b:?}");
    assert!(b.reason.contains("cut off the end"), "{b:?}");

    // Moving the checkpoint back to match the cut chain breaks its signature.
    exec(
        &mut conn,
        &format!(
            "UPDATE ledger_checkpoints SET seq = {}, hash = '{}'",
            head.seq, head.hash
        ),
    );
    let b = ledger::verify_db(&mut conn).unwrap().broken.unwrap();
    assert!(b.reason.contains("signature does not match"), "{b:?}");
    // Re-signing with another key is found when the site's key is pinned.
    exec(&mut conn, "DELETE FROM ledger_checkpoints");
    let other = LedgerKey::from_secret([9u8; 32]);
    checkpoint::checkpoint_if_due(&mut conn, &other, later)
        .unwrap()
        .unwrap();
    assert!(ledger::verify_db(&mut conn).unwrap().ok());
    let b = ledger::verify_db_with(&mut conn, &pinned)
        .unwrap()
        .broken
        .unwrap();
    assert!(b.reason.contains("not by the site's key"), "{b:?}");
    drop(conn);
    assert_eq!(
        verify_cli(&site.db.url, &["--public-key", &key.public_hex()]),
        ExitCode::FAILURE
    );
}

#[actix_web::test]
async fn without_a_key_the_site_says_checkpoints_are_not_signed() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut reader = Browser::new("192.0.2.9");
    let a = get(&svc, &mut reader, "/ledger/key").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.body.contains("not signed"), "{}", a.body);
    let json: serde_json::Value = serde_json::from_str(
        &get(&svc, &mut reader, "/ledger/checkpoints.json")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(json["signed"], false);
    assert_eq!(json["checkpoints"].as_array().unwrap().len(), 0);
}

#[test]
fn the_key_file_is_created_once_and_never_inside_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let path = dir.path().join("ledger.key");
    let (key, created) = LedgerKey::load_or_create(&path, &data).unwrap();
    assert!(created);
    let (again, created) = LedgerKey::load_or_create(&path, &data).unwrap();
    assert!(!created);
    assert_eq!(key.public_hex(), again.public_hex());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only its owner may read the key");
    }
    let inside = data.join("ledger.key");
    let err = LedgerKey::load_or_create(&inside, &data).unwrap_err();
    assert!(
        err.to_string().contains("inside the data directory"),
        "{err}"
    );
    assert!(!inside.exists());
}

#[actix_web::test]
async fn new_entries_name_staff_by_id_and_old_entries_still_verify() {
    let site = Site::ballots();
    let (a, b_id) = two_comments(&site).await;
    // An entry in the shape written before staff were named by id.
    let now = chrono::Utc::now().naive_utc();
    let mut conn = site.conn();
    ledger::append(
        &mut conn,
        kinds::FLAGS_DISMISSED,
        Some(b_id),
        serde_json::json!({"comment_id": b_id, "tracking_number": tracking(&site, b_id),
                           "flags": 1, "moderator": "morgan.moderator", "moderator_id": 7}),
        now,
    )
    .unwrap();
    drop(conn);
    hide(&site, a, "Off topic.");
    decide_as_editor(&site, b_id, "noted", "Thank you.").await;
    let mut conn = site.conn();
    let report = ledger::verify_db(&mut conn).unwrap();
    assert!(report.ok(), "{report:?}");
    let rows = LedgerRow::page(&mut conn, 0, 100).unwrap();
    let hidden = rows.iter().find(|r| r.kind == kinds::HIDDEN).unwrap();
    let decided = rows.iter().find(|r| r.kind == kinds::DISPOSITION).unwrap();
    assert!(
        hidden.payload.contains("\"moderator_id\":7"),
        "{}",
        hidden.payload
    );
    assert!(
        decided.payload.contains("\"editor_id\":"),
        "{}",
        decided.payload
    );
    for r in [hidden, decided] {
        assert!(!r.payload.contains("morgan"), "{}", r.payload);
        assert!(!r.payload.contains("edith"), "{}", r.payload);
    }
    assert_eq!(Comment::find(&mut conn, a).unwrap().status, "hidden");
}
