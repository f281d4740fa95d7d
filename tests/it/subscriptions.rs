//! Following a standard by email: the form and its refusals, double
//! opt-in, notices with one-click unsubscribe headers, and unsubscribing by
//! a mail program's POST. Email addresses never appear on a page.

use actix_web::http::StatusCode;
use actix_web::test;
use docket::config::SiteConfig;
use docket::db::models::Standard;
use docket::db::write_tx;
use docket::web::subscriptions::REQUESTS_PER_HOUR;

use crate::comments::{app, call, get, link_in, open_form, post, Browser, Site};
use crate::support::{count, exec};

const FORM: &str = "/standards/ballots/subscribe";
const ADDRESS: &str = "Follower@Example.org";
const NORMALISED: &str = "follower@example.org";

fn ballots_id(site: &Site) -> i32 {
    Standard::by_slug(&mut site.conn(), "ballots").unwrap().id
}

fn notify(site: &Site) -> usize {
    let id = ballots_id(site);
    write_tx(&mut site.conn(), |conn| {
        docket::subscriptions::notify_subscribers(
            conn,
            id,
            "Version 3 is published",
            "Version 3 of Ballot Handling is published.\n",
            &format!("{}/", SiteConfig::default().base_url),
        )
    })
    .unwrap()
}

fn status_of(site: &Site, email: &str) -> Option<String> {
    use diesel::prelude::*;
    use docket::db::schema::subscriptions;
    subscriptions::table
        .filter(subscriptions::email.eq(email))
        .select(subscriptions::status)
        .first(&mut site.conn())
        .optional()
        .unwrap()
}

#[actix_web::test]
async fn the_form_has_a_token_a_honeypot_and_no_cache() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.60");
    let a = get(&svc, &mut b, FORM).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers.get("cache-control").unwrap(), "no-store");
    assert!(a
        .body
        .contains("<label for=\"s-email\">Your email address</label>"));
    assert!(a.body.contains("name=\"website\""), "honeypot");
    assert!(a.body.contains("name=\"csrf_token\""));
    let a = get(&svc, &mut b, "/standards/nowhere/subscribe").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    // The standard page offers it.
    let a = get(&svc, &mut b, "/standards/ballots").await;
    assert!(a.body.contains(&format!("href=\"{FORM}\"")), "{}", a.body);
}

#[actix_web::test]
async fn bad_requests_store_nothing_and_send_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.61");
    let token = open_form(&svc, &mut b, FORM).await;
    for (email, message) in [
        ("", "Enter your email address."),
        (
            "not an address",
            "Enter an email address in the form name@example.org",
        ),
        (
            "Ana <ana@example.org>",
            "Enter an email address in the form",
        ),
    ] {
        let a = post(
            &svc,
            &mut b,
            FORM,
            &[
                ("csrf_token", token.as_str()),
                ("email", email),
                ("website", ""),
            ],
        )
        .await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{email}");
        assert!(a.body.contains(message), "{email}: {}", a.body);
        assert!(a.body.contains("aria-invalid=\"true\""));
    }
    // No field at all.
    let a = post(&svc, &mut b, FORM, &[("csrf_token", token.as_str())]).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    // A forged token.
    let a = post(
        &svc,
        &mut b,
        FORM,
        &[("csrf_token", "forged"), ("email", NORMALISED)],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    // A robot filling in the honeypot is answered as if all went well.
    let a = post(
        &svc,
        &mut b,
        FORM,
        &[
            ("csrf_token", token.as_str()),
            ("email", NORMALISED),
            ("website", "http://spam.example"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("Check your email"));
    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "subscriptions"), 0);
    assert_eq!(count(&mut conn, "outbox"), 0);
}

#[actix_web::test]
async fn double_opt_in_then_notices_with_one_click_unsubscribe() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.62");
    let token = open_form(&svc, &mut b, FORM).await;
    let a = post(
        &svc,
        &mut b,
        FORM,
        &[
            ("csrf_token", token.as_str()),
            ("email", ADDRESS),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("Check your email"));
    assert!(
        !a.body.to_lowercase().contains(NORMALISED),
        "no address on pages"
    );
    assert_eq!(status_of(&site, NORMALISED).as_deref(), Some("pending"));

    // Not confirmed yet: no notices.
    assert_eq!(notify(&site), 0);
    let mails = site.deliver();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert_eq!(mails[0].to, NORMALISED);
    assert!(mails[0]
        .subject
        .starts_with("Confirm: email notices about Ballot Handling"));
    assert!(
        !mails[0].headers.contains_key("List-Unsubscribe"),
        "nothing to unsubscribe from yet"
    );
    let confirm = link_in(&mails[0].text, "/subscriptions/confirm/");
    // Only a hash of the token is stored.
    let secret = confirm.rsplit('/').next().unwrap();
    {
        use diesel::prelude::*;
        use docket::db::schema::subscriptions;
        let hash: Option<String> = subscriptions::table
            .select(subscriptions::confirm_hash)
            .first(&mut site.conn())
            .unwrap();
        assert_ne!(hash.as_deref(), Some(secret));
        assert_eq!(hash.unwrap().len(), 64);
    }

    // Opening the link (as a mail scanner does) confirms nothing: it shows
    // a button, and only pressing it confirms.
    let mut elsewhere = Browser::new("203.0.113.62");
    let a = get(&svc, &mut elsewhere, &confirm).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(
        a.body
            .contains(&format!("<form method=\"post\" action=\"{confirm}\">")),
        "{}",
        a.body
    );
    assert!(!a.body.contains("You are following this standard"));
    assert_eq!(status_of(&site, NORMALISED).as_deref(), Some("pending"));
    let a = get(&svc, &mut elsewhere, &confirm).await;
    assert_eq!(status_of(&site, NORMALISED).as_deref(), Some("pending"));
    assert_eq!(a.status, StatusCode::OK);
    let a = post(&svc, &mut elsewhere, &confirm, &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("You are following this standard"));
    assert_eq!(status_of(&site, NORMALISED).as_deref(), Some("confirmed"));
    let a = get(&svc, &mut elsewhere, &confirm).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("Already confirmed"));
    let a = post(&svc, &mut elsewhere, &confirm, &[]).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("Already confirmed"));

    // Subscribing again once confirmed sends nothing, and says the same.
    let a = post(
        &svc,
        &mut b,
        FORM,
        &[
            ("csrf_token", token.as_str()),
            ("email", NORMALISED),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("Check your email"));
    assert!(site.deliver().is_empty());

    // A notice: personal link, and the RFC 8058 headers.
    assert_eq!(notify(&site), 1);
    let mails = site.deliver();
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert_eq!(m.subject, "Version 3 is published");
    let unsubscribe = link_in(&m.text, "/subscriptions/unsubscribe/");
    let url = format!("{}{unsubscribe}", SiteConfig::default().base_url);
    assert_eq!(m.headers.get("List-Unsubscribe"), Some(&format!("<{url}>")));
    assert_eq!(
        m.headers.get("List-Unsubscribe-Post").map(String::as_str),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(m
        .raw
        .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));

    // GET shows a button, and does not unsubscribe by itself.
    let mut reader = Browser::new("203.0.113.63");
    let a = get(&svc, &mut reader, &unsubscribe).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a
        .body
        .contains("<button type=\"submit\">Unsubscribe</button>"));
    assert!(!a.body.to_lowercase().contains(NORMALISED));
    assert_eq!(status_of(&site, NORMALISED).as_deref(), Some("confirmed"));

    // A mail program's one-click POST: no session, no CSRF token.
    let resp = test::call_service(
        &svc,
        test::TestRequest::post()
            .uri(&unsubscribe)
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload("List-Unsubscribe=One-Click")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        status_of(&site, NORMALISED).as_deref(),
        Some("unsubscribed")
    );
    // Again: harmless, same answer.
    let a = call(
        &svc,
        &mut reader,
        test::TestRequest::post().uri(&unsubscribe),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("Unsubscribed"));
    assert_eq!(notify(&site), 0);
    assert!(site.deliver().is_empty());
    // The old confirmation link cannot bring it back.
    let a = get(&svc, &mut elsewhere, &confirm).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(
        status_of(&site, NORMALISED).as_deref(),
        Some("unsubscribed")
    );
    // Unknown tokens are 404s.
    let a = call(
        &svc,
        &mut reader,
        test::TestRequest::post().uri("/subscriptions/unsubscribe/0123abcd"),
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_new_request_replaces_the_link_and_old_links_expire() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.64");
    let token = open_form(&svc, &mut b, FORM).await;
    let form = [("csrf_token", token.as_str()), ("email", NORMALISED)];
    post(&svc, &mut b, FORM, &form).await;
    let first = link_in(&site.deliver()[0].text, "/subscriptions/confirm/");
    post(&svc, &mut b, FORM, &form).await;
    let second = link_in(&site.deliver()[0].text, "/subscriptions/confirm/");
    assert_ne!(first, second);
    assert_eq!(count(&mut site.conn(), "subscriptions"), 1);
    let a = get(&svc, &mut b, &first).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "replaced");
    let a = post(&svc, &mut b, &first, &[]).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "replaced");
    // Too late.
    exec(
        &mut site.conn(),
        "UPDATE subscriptions SET confirm_expires = '2020-01-01 00:00:00'",
    );
    let a = get(&svc, &mut b, &second).await;
    assert_eq!(a.status, StatusCode::GONE);
    assert!(a.body.contains("This confirmation link has expired"));
    let a = post(&svc, &mut b, &second, &[]).await;
    assert_eq!(a.status, StatusCode::GONE);
    assert_eq!(status_of(&site, NORMALISED).as_deref(), Some("pending"));
}

#[actix_web::test]
async fn requests_are_limited_per_client_address_and_per_recipient() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.65");
    let token = open_form(&svc, &mut b, FORM).await;
    for i in 0..REQUESTS_PER_HOUR {
        let email = format!("person{i}@example.org");
        let a = post(
            &svc,
            &mut b,
            FORM,
            &[("csrf_token", token.as_str()), ("email", email.as_str())],
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{i}");
    }
    let rows = count(&mut site.conn(), "subscriptions");
    let a = post(
        &svc,
        &mut b,
        FORM,
        &[
            ("csrf_token", token.as_str()),
            ("email", "one.more@example.org"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(a.headers.contains_key("retry-after"));
    assert_eq!(count(&mut site.conn(), "subscriptions"), rows);

    // One recipient cannot be flooded from many addresses.
    let limit = docket::web::subscriptions::MAILS_PER_ADDRESS_PER_DAY;
    for i in 0..=limit {
        let mut other = Browser::new(&format!("198.51.100.{}", 100 + i));
        let token = open_form(&svc, &mut other, FORM).await;
        let a = post(
            &svc,
            &mut other,
            FORM,
            &[
                ("csrf_token", token.as_str()),
                ("email", "victim@example.org"),
            ],
        )
        .await;
        let expected = if i < limit {
            StatusCode::OK
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(a.status, expected, "request {i}");
    }
    let to_victim = site
        .deliver()
        .into_iter()
        .filter(|m| m.to == "victim@example.org")
        .count();
    assert_eq!(to_victim, limit as usize);
}
