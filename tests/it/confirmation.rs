//! Confirming a comment, as an attacker would try it: a link opened by a
//! mail scanner, a comment sent under someone else's address, a flood of
//! comments naming one recipient, and the same form sent twice.

use actix_web::http::{header, StatusCode};
use chrono::Utc;
use docket::comments::confirm_mail::{EXCERPT_CHARS, MAILS_PER_HOUR};
use docket::db::models::{Comment, CommentStatus, Commenter, LedgerRow};
use docket::mail::SentMail;
use docket::web::comments::REMEMBER_COOKIE;

use crate::comments::{
    app, comment_and_verify, confirm, fields, get, last_comment_id, link_in, open_form, post,
    send_form, submit, verification_link, with, Browser, Site, COMMENT_ENTRIES, CUSTODY_FORM,
    CUSTODY_PAGE, CUSTODY_POST, EMAIL,
};
use crate::support::{count, csrf_token_in};

/// Every confirmation link in `mail`.
fn links_in(mail: &SentMail) -> Vec<String> {
    let base = docket::config::SiteConfig::default().base_url;
    mail.text
        .split_whitespace()
        .filter(|w| w.starts_with(&format!("{base}/verify/")))
        .map(|w| w[base.len()..].to_string())
        .collect()
}

fn confirmation_mails(mails: &[SentMail], to: &str) -> Vec<SentMail> {
    mails
        .iter()
        .filter(|m| m.to == to && m.subject.starts_with("Confirm your comment"))
        .cloned()
        .collect()
}

/// The author a publication entry of the ledger recorded for a comment.
fn ledger_author(site: &Site, id: i32) -> (String, Option<String>) {
    let rows = LedgerRow::page(&mut site.conn(), 0, 1000).unwrap();
    let row = rows
        .iter()
        .find(|r| r.comment_id == Some(id) && r.kind == "comment.published")
        .unwrap_or_else(|| panic!("no publication of {id} in the ledger"));
    let payload: serde_json::Value = serde_json::from_str(&row.payload).unwrap();
    (
        payload["author"].as_str().unwrap().to_string(),
        payload["organization"].as_str().map(str::to_string),
    )
}

#[actix_web::test]
async fn opening_a_link_changes_nothing_only_the_button_confirms() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut author = Browser::new("192.0.2.1");
    let a = submit(
        &svc,
        &mut author,
        EMAIL,
        "Seal numbers should be read aloud.",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let id = last_comment_id(&site);
    let link = verification_link(&site.deliver(), EMAIL);

    // A mail gateway opens the link, twice, and follows nothing else.
    let mut scanner = Browser::new("203.0.113.50");
    for _ in 0..2 {
        let page = get(&svc, &mut scanner, &link).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.body.contains("<h1>Confirm your comment</h1>"),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains(&format!("<form method=\"post\" action=\"{link}\">")),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("<button type=\"submit\">"),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("Ana Example"),
            "shows who it will be shown as"
        );
        assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    }
    assert!(
        !scanner.has_cookie(REMEMBER_COOKIE),
        "no cookie for an opener"
    );
    let c = site.comment(id);
    assert_eq!(c.status(), CommentStatus::Unverified);
    assert_eq!(c.published_at, None);
    let commenter = Commenter::find(&mut site.conn(), c.commenter_id).unwrap();
    assert_eq!(commenter.verified_at, None, "the address is not verified");
    assert_eq!(commenter.remember_hash, None);
    assert_eq!(count(&mut site.conn(), COMMENT_ENTRIES), 0);
    assert!(site.deliver().is_empty(), "no receipt, no notice");
    let mut reader = Browser::new("192.0.2.200");
    assert!(!get(&svc, &mut reader, CUSTODY_PAGE)
        .await
        .body
        .contains("read aloud"));

    // A POST without the page's token (a scanner that submits forms blind,
    // or another site) is refused, and changes nothing either.
    let a = post(&svc, &mut reader, &link, &[("csrf_token", "")]).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    let scanner_token = csrf_token_in(&get(&svc, &mut scanner, &link).await.body);
    let a = post(&svc, &mut reader, &link, &[("csrf_token", &scanner_token)]).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "another browser's token");
    assert_eq!(site.comment(id).status(), CommentStatus::Unverified);
    assert!(!reader.has_cookie(REMEMBER_COOKIE));

    // The author presses the button: published, and this browser is remembered.
    let a = confirm(&svc, &mut author, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(
        a.body.contains("<h1>Your comment is published</h1>"),
        "{}",
        a.body
    );
    assert_eq!(site.comment(id).status(), CommentStatus::Published);
    assert!(author.has_cookie(REMEMBER_COOKIE));
    assert!(!scanner.has_cookie(REMEMBER_COOKIE));
    assert_eq!(count(&mut site.conn(), COMMENT_ENTRIES), 1);
    // The scanner coming back finds a used link, and still no cookie.
    let page = get(&svc, &mut scanner, &link).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(!scanner.has_cookie(REMEMBER_COOKIE));
}

#[actix_web::test]
async fn a_comment_under_a_victims_address_never_changes_her_published_comment() {
    let site = Site::ballots();
    let svc = app!(site);
    let victim = comment_and_verify(
        &svc,
        &site,
        "192.0.2.1",
        EMAIL,
        "Two signatures per hand-off doubles the work.",
    )
    .await;
    site.deliver();
    let shown = (
        "Ana Example".to_string(),
        Some("County Clerks' Association".to_string()),
    );
    assert_eq!(ledger_author(&site, victim), shown);

    // Mallory comments with the victim's address and her own name.
    let mut mallory = Browser::new("203.0.113.66");
    let token = open_form(&svc, &mut mallory, CUSTODY_FORM).await;
    let form = with(
        with(
            fields(&token, EMAIL, "I withdraw everything I said."),
            "name",
            "Mallory",
        ),
        "organization",
        "Evil Corp",
    );
    let a = send_form(&svc, &mut mallory, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let forged = last_comment_id(&site);
    let mails = site.deliver();
    let link = verification_link(&mails, EMAIL);
    assert!(
        mails[0].text.contains("Mallory (Evil Corp)"),
        "the mail says who it would be shown as"
    );

    // The victim's mail gateway opens the link: nothing happens.
    let mut gateway = Browser::new("198.51.100.25");
    assert_eq!(get(&svc, &mut gateway, &link).await.status, StatusCode::OK);
    assert_eq!(site.comment(forged).status(), CommentStatus::Unverified);

    // Worst case: the link is confirmed (by the victim, by mistake).
    let a = confirm(&svc, &mut gateway, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(site.comment(forged).status(), CommentStatus::Published);

    // Her published comment still shows her, everywhere.
    let c = site.comment(victim);
    assert_eq!(
        (c.author_name.clone(), c.author_organization.clone()),
        shown
    );
    assert_eq!(ledger_author(&site, victim), shown, "page and ledger agree");
    let mut reader = Browser::new("192.0.2.200");
    let page = get(&svc, &mut reader, &format!("/comments/{victim}"))
        .await
        .body;
    assert!(page.contains("Ana Example"), "{page}");
    let main = &page[..page.find("class=\"replies\"").unwrap_or(page.len())];
    assert!(
        !main.contains("Mallory") && !main.contains("Evil Corp"),
        "{page}"
    );
    let api = get(
        &svc,
        &mut reader,
        "/api/v1/standards/ballots/versions/2/comments",
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let list = json["comments"].as_array().unwrap();
    let mine = list.iter().find(|c| c["id"] == victim).expect("in the API");
    assert_eq!(mine["author"], "Ana Example");
    assert_eq!(mine["organization"], "County Clerks' Association");
    let forged_json = list.iter().find(|c| c["id"] == forged).expect("in the API");
    assert_eq!(
        forged_json["author"], "Mallory",
        "the later comment has its own author"
    );
    assert_eq!(ledger_author(&site, forged).0, "Mallory");
    let feed = get(&svc, &mut reader, "/standards/ballots/2/comments.atom")
        .await
        .body;
    let entry = &feed[feed
        .find(&format!("/comments/{victim}</id>"))
        .expect("in the feed")..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(entry.contains("Ana Example"), "{entry}");
    let csv = get(&svc, &mut reader, "/standards/ballots/2/dispositions.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let line = csv
        .body
        .lines()
        .find(|l| l.contains(&c.tracking_number))
        .unwrap_or_else(|| panic!("in the CSV: {}", csv.body));
    assert!(
        line.contains("Ana Example") && !line.contains("Mallory"),
        "{line}"
    );
}

#[actix_web::test]
async fn confirmation_mail_to_one_address_is_limited_gathered_and_never_dropped() {
    const SENDERS: usize = 60;
    let site = Site::ballots();
    let svc = app!(site);
    let victim = "victim@example.org";
    // Text to be relayed: long, with a marker far from its start.
    let payload = format!(
        "Dear customer, your account is locked. {} VISIT-EVIL-DOT-EXAMPLE to unlock it.",
        "Please read carefully. ".repeat(300)
    );
    let mut trackings = Vec::new();
    for i in 0..SENDERS {
        let mut b = Browser::new(&format!("203.0.{}.{}", 100 + i / 200, 1 + i % 200));
        let body = format!("{payload} #{i}");
        let a = submit(&svc, &mut b, victim, &body).await;
        assert_eq!(a.status, StatusCode::OK, "{i}: {}", a.body);
        trackings.push(site.comment(last_comment_id(&site)).tracking_number);
        if i == SENDERS - 1 {
            // Past the limit, the author is told when the mail goes out.
            assert!(a.body.contains("goes out at"), "{}", a.body);
        }
    }
    assert_eq!(count(&mut site.conn(), "comments"), SENDERS as i64);

    // Now: at most the limit, each with a short excerpt only.
    let first = confirmation_mails(&site.deliver(), victim);
    assert!(
        !first.is_empty() && first.len() <= MAILS_PER_HOUR,
        "{}",
        first.len()
    );
    let mut all = first.clone();
    // Half an hour later: nothing more yet.
    let half = Utc::now().naive_utc() + chrono::Duration::minutes(30);
    docket::mail::drain_at(&site.db.pool, &site.mail, half).unwrap();
    assert!(site.mail.take().is_empty(), "the limit holds for the hour");

    // Over the next hours, the waiting comments go out, gathered, at most
    // the limit in any hour, until every comment has had its link.
    for hour in 1..=4 {
        let later = Utc::now().naive_utc() + chrono::Duration::minutes(60 * hour + 1);
        docket::mail::drain_at(&site.db.pool, &site.mail, later).unwrap();
        let sent = confirmation_mails(&site.mail.take(), victim);
        assert!(sent.len() <= MAILS_PER_HOUR, "hour {hour}: {}", sent.len());
        all.extend(sent);
    }
    assert!(
        all.len() < SENDERS / 2,
        "gathered, not one mail per comment: {}",
        all.len()
    );
    for t in &trackings {
        let n = all.iter().filter(|m| m.text.contains(t.as_str())).count();
        assert_eq!(n, 1, "comment {t} is in exactly one mail");
    }
    let links: Vec<String> = all.iter().flat_map(links_in).collect();
    assert_eq!(links.len(), SENDERS, "one link per comment");
    for m in &all {
        assert!(!m.text.contains("VISIT-EVIL"), "no full text: {}", m.text);
        assert!(
            !m.text.contains(&"Please read carefully. ".repeat(5)),
            "{}",
            m.text
        );
        let quoted = m
            .text
            .lines()
            .filter(|l| l.contains("Dear customer"))
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        assert!(quoted <= EXCERPT_CHARS + 30, "a short excerpt: {quoted}");
        assert!(m.text.len() < 500 * 20 + 1000, "bounded: {}", m.text.len());
    }

    // A link from a gathered mail works like any other.
    let gathered = all
        .iter()
        .find(|m| links_in(m).len() > 1)
        .expect("a gathered mail");
    assert!(
        gathered.subject.starts_with("Confirm your comments"),
        "{}",
        gathered.subject
    );
    let link = links_in(gathered).pop().unwrap();
    let mut owner = Browser::new("192.0.2.7");
    let a = confirm(&svc, &mut owner, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(
        a.body.contains("<h1>Your comment is published</h1>"),
        "{}",
        a.body
    );
    // And the first mails' links still work too.
    let link = link_in(&first[0].text, "/verify/");
    assert_eq!(
        confirm(&svc, &mut owner, &link).await.status,
        StatusCode::OK
    );
    assert_eq!(count(&mut site.conn(), COMMENT_ENTRIES), 2);
}

#[actix_web::test]
async fn the_same_form_sent_twice_stores_one_comment_and_sends_one_mail() {
    let site = Site::ballots();
    let svc = app!(site);
    // A second app server on the same database.
    let other_server = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = fields(&token, EMAIL, "Sent with a double click.");

    let first = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let receipt = first
        .headers
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let id = last_comment_id(&site);
    assert_eq!(receipt, format!("/receipts/{id}"));

    // The second click, and the same form through the other server.
    let second = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    assert_eq!(
        second.headers.get(header::LOCATION).unwrap(),
        receipt.as_str()
    );
    let third = post(&other_server, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(third.status, StatusCode::SEE_OTHER, "{}", third.body);
    assert_eq!(
        third.headers.get(header::LOCATION).unwrap(),
        receipt.as_str()
    );
    assert_eq!(count(&mut site.conn(), "comments"), 1);
    let mails = site.deliver();
    assert_eq!(mails.len(), 1, "{mails:#?}");

    // The receipt page, reloaded, sends nothing again.
    let tracking = site.comment(id).tracking_number;
    for _ in 0..2 {
        let page = get(&svc, &mut b, &receipt).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.body.contains("<h1>Check your email</h1>"),
            "{}",
            page.body
        );
        assert!(page.body.contains(&tracking), "{}", page.body);
    }
    assert_eq!(count(&mut site.conn(), "comments"), 1);
    assert!(site.deliver().is_empty());
    // It is this browser's receipt, nobody else's.
    let mut stranger = Browser::new("192.0.2.2");
    assert_eq!(
        get(&svc, &mut stranger, &receipt).await.status,
        StatusCode::NOT_FOUND
    );

    // The one link publishes the one comment.
    let link = verification_link(&mails, EMAIL);
    assert_eq!(confirm(&svc, &mut b, &link).await.status, StatusCode::OK);
    assert_eq!(site.comment(id).status(), CommentStatus::Published);
    let page = get(&svc, &mut stranger, CUSTODY_PAGE).await.body;
    assert_eq!(
        page.matches("Sent with a double click.").count(),
        1,
        "{page}"
    );

    // A different text, or the same text from another browser, is a new comment.
    let again = post(
        &svc,
        &mut b,
        CUSTODY_POST,
        &fields(&token, EMAIL, "A second, different comment."),
    )
    .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_ne!(
        again.headers.get(header::LOCATION).unwrap(),
        receipt.as_str()
    );
    let token = open_form(&svc, &mut stranger, CUSTODY_FORM).await;
    let a = post(
        &svc,
        &mut stranger,
        CUSTODY_POST,
        &fields(&token, EMAIL, "Sent with a double click."),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&mut site.conn(), "comments"), 3);
    let ids: Vec<i32> = {
        use diesel::prelude::*;
        docket::db::schema::comments::table
            .select(docket::db::schema::comments::id)
            .load(&mut site.conn())
            .unwrap()
    };
    let distinct: std::collections::BTreeSet<_> = ids
        .iter()
        .map(|i| Comment::find(&mut site.conn(), *i).unwrap().tracking_number)
        .collect();
    assert_eq!(distinct.len(), 3);
}

/// Comments published before each comment kept its own author: after the
/// migration each shows the author the ledger recorded when it was
/// published, even if a later confirmation had overwritten its commenter's
/// name; a comment never published keeps its commenter's name.
#[test]
fn the_migration_gives_published_comments_the_author_their_ledger_recorded() {
    use diesel::migration::{Migration, MigrationSource};
    use diesel_migrations::MigrationHarness;
    use docket::db::models::{Standard, Version};
    use docket::db::DbConn;

    const THIS: &str = "2026-12-01-000002_comment_confirmation";
    fn before<DB: diesel::backend::Backend>(
        source: &dyn MigrationSource<DB>,
    ) -> Vec<Box<dyn Migration<DB>>> {
        let mut all = source.migrations().unwrap();
        all.sort_by_key(|m| m.name().to_string());
        all.retain(|m| m.name().to_string().as_str() < THIS);
        all
    }

    let db = crate::support::TestDb::new();
    let mut conn = db.conn();
    docket::db::revert_all(&mut conn).unwrap();
    match &mut *conn {
        DbConn::Sqlite(c) => {
            for m in before(&docket::db::SQLITE_MIGRATIONS) {
                c.run_migration(&*m).unwrap();
            }
        }
        DbConn::Pg(c) => {
            for m in before(&docket::db::POSTGRES_MIGRATIONS) {
                c.run_migration(&*m).unwrap();
            }
        }
    }
    let content = crate::support::two_versions();
    docket::standard::import::import_dir(&mut conn, content.path()).unwrap();
    let s = Standard::by_slug(&mut conn, "ballots").unwrap();
    let v = Version::by_label(&mut conn, s.id, "2").unwrap();
    let exec = |conn: &mut DbConn, sql: &str| crate::support::exec(conn, sql);
    // The commenter's name as a forged confirmation left it.
    exec(
        &mut conn,
        "INSERT INTO commenters (id, email, display_name, organization, unsubscribe_token, created_at) \
         VALUES (1, 'ana@example.org', 'Mallory', 'Evil Corp', 'u1', '2026-01-01 00:00:00')",
    );
    for (id, status) in [(1, "published"), (2, "published"), (3, "unverified")] {
        exec(
            &mut conn,
            &format!(
                "INSERT INTO comments (id, version_id, clause_key, path, depth, kind, body_md, body_html, \
                 commenter_id, status, tracking_number, created_at, published_at) VALUES \
                 ({id}, {}, 'custody', '{id:010}', 0, 'general', 'Text {id}', '<p>Text {id}</p>', 1, \
                 '{status}', 'T-{id}', '2026-01-01 00:00:00', {})",
                v.id,
                if status == "published" { "'2026-01-01 00:00:00'" } else { "NULL" }
            ),
        );
    }
    // After the entries the import wrote for the versions it published.
    for (seq, id, org) in [(101, 1, "\"County Clerks' Association\""), (102, 2, "null")] {
        let payload =
            format!("{{\"author\":\"Ana Example\",\"comment_id\":{id},\"organization\":{org}}}")
                .replace('\'', "''");
        exec(
            &mut conn,
            &format!(
                "INSERT INTO ledger (seq, kind, comment_id, payload, prev_hash, hash, created_at) VALUES \
                 ({seq}, 'comment.published', {id}, '{payload}', 'p{seq}', 'h{seq}', '2026-01-01 00:00:00')"
            ),
        );
    }

    let applied = docket::db::migrate(&mut conn).unwrap();
    assert!(
        applied.iter().any(|m| m == "20261201000002"),
        "this migration ran now: {applied:?}"
    );
    let author = |conn: &mut DbConn, id| {
        let c = Comment::find(conn, id).unwrap();
        (c.author_name, c.author_organization)
    };
    assert_eq!(
        author(&mut conn, 1),
        (
            "Ana Example".to_string(),
            Some("County Clerks' Association".to_string())
        )
    );
    assert_eq!(author(&mut conn, 2), ("Ana Example".to_string(), None));
    assert_eq!(
        author(&mut conn, 3),
        ("Mallory".to_string(), Some("Evil Corp".to_string()))
    );
}
