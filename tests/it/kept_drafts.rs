//! "Save for later" on the comment form: a draft kept on the server for
//! the browser that saved it, for 7 days, and given back when that browser
//! opens the same form again; never shown to another browser, never sent,
//! mailed or counted, and deleted once the comment is sent.

use actix_web::cookie::Cookie;
use actix_web::http::{header, StatusCode};
use chrono::{Duration, Utc};
use docket::comments::drafts_kept::{self, MAX_PER_TOKEN};
use docket::comments::submit::Draft;
use docket::comments::MAX_BODY_CHARS;
use docket::web::comments::KEPT_COOKIE;

use crate::comments::{
    app, call, fields, get, open_form, post, with, Browser, Site, CUSTODY_FORM, CUSTODY_POST, EMAIL,
};
use crate::office_limits::{input_value, textarea};
use crate::support::{count, exec};

const SAVED: &str =
    "Saved: this draft is kept on this site for 7 days; open this form again from this browser to continue.";
const BODY: &str = "Small sites have <b>one</b> clerk & a \"deputy\".\nSecond line.";
const PROPOSED: &str = "Ballots shall be logged at every hand-off, with one signature.";
const VERSION_FORM: &str = "/standards/ballots/2/comments/new";

/// Rows that saving a draft must leave alone.
fn counts(site: &Site) -> [i64; 4] {
    let mut conn = site.conn();
    ["comments", "outbox", "rate_events", "ledger"].map(|t| count(&mut conn, t))
}

fn kept(site: &Site) -> i64 {
    count(&mut site.conn(), "kept_drafts")
}

/// The whole form as typed, sent with "Save for later".
fn draft_form(token: &str) -> Vec<(&str, &str)> {
    let form = with(fields(token, EMAIL, BODY), "proposed_text", PROPOSED);
    let form = with(form, "kind", "editorial");
    let form = with(form, "organization", "Lake County Elections");
    with(form, "keep", "1")
}

fn kind_checked(html: &str, kind: &str) -> bool {
    html.contains(&format!(
        "id=\"f-kind-{kind}\" name=\"kind\" value=\"{kind}\" checked"
    ))
}

#[actix_web::test]
async fn a_saved_draft_comes_back_with_every_field_in_the_same_browser_only() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.70");
    let page = get(&svc, &mut b, CUSTODY_FORM).await;
    assert!(
        page.body
            .contains("<button type=\"submit\" name=\"keep\" value=\"1\""),
        "{}",
        page.body
    );
    let token = crate::support::csrf_token_in(&page.body);
    let before = counts(&site);
    let a = post(&svc, &mut b, CUSTODY_POST, &draft_form(&token)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains(SAVED), "{}", a.body);
    assert_eq!(textarea(&a.body, "f-body"), BODY);
    // The cookie: HttpOnly, SameSite=Lax, for 7 days; only its hash is stored.
    let set = a
        .headers
        .get_all(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with(&format!("{KEPT_COOKIE}=")))
        .expect("the drafts cookie is set");
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(set.contains("Max-Age=604800"), "{set}");
    let value = set[KEPT_COOKIE.len() + 1..].split(';').next().unwrap();
    assert_eq!(
        count(
            &mut site.conn(),
            &format!("kept_drafts WHERE token_hash = '{value}'")
        ),
        0,
        "the token itself is not stored"
    );
    // Nothing is sent, mailed or counted.
    assert_eq!(counts(&site), before);
    assert!(site.deliver().is_empty());
    assert_eq!(kept(&site), 1);

    // Reloading the form gives back every field.
    let again = get(&svc, &mut b, CUSTODY_FORM).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(textarea(&again.body, "f-body"), BODY);
    assert_eq!(textarea(&again.body, "f-proposed_text"), PROPOSED);
    assert_eq!(input_value(&again.body, "f-name"), "Ana Example");
    assert_eq!(input_value(&again.body, "f-email"), EMAIL);
    assert_eq!(
        input_value(&again.body, "f-organization"),
        "Lake County Elections"
    );
    assert!(kind_checked(&again.body, "editorial"), "{}", again.body);
    assert!(!kind_checked(&again.body, "general"));
    assert!(
        again
            .body
            .contains("This form holds the draft you saved for later on"),
        "{}",
        again.body
    );

    // Another place's form does not get it.
    let version_form = get(&svc, &mut b, VERSION_FORM).await;
    assert_eq!(textarea(&version_form.body, "f-body"), "");

    // A browser without the cookie, or with another token, does not see it.
    let mut other = Browser::new("192.0.2.71");
    let fresh = get(&svc, &mut other, CUSTODY_FORM).await;
    assert_eq!(textarea(&fresh.body, "f-body"), "");
    assert!(!fresh.body.contains("the draft you saved for later"));
    assert_eq!(input_value(&fresh.body, "f-email"), "");
    let guess = actix_web::test::TestRequest::get()
        .uri(CUSTODY_FORM)
        .cookie(Cookie::new(KEPT_COOKIE, "ab".repeat(32)));
    let guessed = call(&svc, &mut other, guess).await;
    assert_eq!(textarea(&guessed.body, "f-body"), "");
    let stolen_hash = actix_web::test::TestRequest::get()
        .uri(CUSTODY_FORM)
        .cookie(Cookie::new(
            KEPT_COOKIE,
            docket::standard::sha256_hex(value),
        ));
    let by_hash = call(&svc, &mut other, stolen_hash).await;
    assert_eq!(textarea(&by_hash.body, "f-body"), "");
}

#[actix_web::test]
async fn each_browser_keeps_its_own_draft_and_saving_again_replaces_it() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ana = Browser::new("192.0.2.72");
    let mut ben = Browser::new("192.0.2.73");
    let t1 = open_form(&svc, &mut ana, CUSTODY_FORM).await;
    let t2 = open_form(&svc, &mut ben, CUSTODY_FORM).await;
    let a = post(&svc, &mut ana, CUSTODY_POST, &draft_form(&t1)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let bens = with(draft_form(&t2), "body", "Ben's own words.");
    let a = post(&svc, &mut ben, CUSTODY_POST, &bens).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(kept(&site), 2);
    let page = get(&svc, &mut ben, CUSTODY_FORM).await;
    assert_eq!(textarea(&page.body, "f-body"), "Ben's own words.");
    let page = get(&svc, &mut ana, CUSTODY_FORM).await;
    assert_eq!(textarea(&page.body, "f-body"), BODY);

    let newer = with(draft_form(&t1), "body", "Second thoughts.");
    let a = post(&svc, &mut ana, CUSTODY_POST, &newer).await;
    assert!(a.body.contains(SAVED), "{}", a.body);
    assert_eq!(kept(&site), 2, "saving again replaces the draft");
    let page = get(&svc, &mut ana, CUSTODY_FORM).await;
    assert_eq!(textarea(&page.body, "f-body"), "Second thoughts.");
}

#[actix_web::test]
async fn a_draft_older_than_seven_days_is_not_shown_and_is_deleted() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.74");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let a = post(&svc, &mut b, CUSTODY_POST, &draft_form(&token)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let old = (Utc::now().naive_utc() - Duration::days(7) - Duration::minutes(5))
        .format("%Y-%m-%d %H:%M:%S");
    exec(
        &mut site.conn(),
        &format!("UPDATE kept_drafts SET saved_at = '{old}'"),
    );
    let page = get(&svc, &mut b, CUSTODY_FORM).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(textarea(&page.body, "f-body"), "");
    assert_eq!(input_value(&page.body, "f-email"), "");

    // The next save anywhere deletes it.
    let mut other = Browser::new("192.0.2.75");
    let t = open_form(&svc, &mut other, VERSION_FORM).await;
    let form = with(fields(&t, EMAIL, "Elsewhere."), "keep", "1");
    let a = post(&svc, &mut other, "/standards/ballots/2/comments", &form).await;
    assert!(a.body.contains(SAVED), "{}", a.body);
    assert_eq!(kept(&site), 1, "only the new draft is left");
    assert_eq!(
        count(&mut site.conn(), "kept_drafts WHERE body = 'Elsewhere.'"),
        1
    );
}

#[actix_web::test]
async fn sending_the_comment_deletes_its_draft() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.76");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let a = post(&svc, &mut b, CUSTODY_POST, &draft_form(&token)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let comments = count(&mut site.conn(), "comments");
    let send: Vec<_> = draft_form(&token)
        .into_iter()
        .filter(|(n, _)| *n != "keep")
        .collect();
    let a = post(&svc, &mut b, CUSTODY_POST, &send).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(count(&mut site.conn(), "comments"), comments + 1);
    assert_eq!(kept(&site), 0);
    let page = get(&svc, &mut b, CUSTODY_FORM).await;
    assert_eq!(textarea(&page.body, "f-body"), "");
}

#[actix_web::test]
async fn a_forged_csrf_token_or_an_oversized_draft_keeps_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.77");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let before = counts(&site);
    let a = post(&svc, &mut b, CUSTODY_POST, &draft_form("forged-token")).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    assert!(!a.body.contains(SAVED));
    assert!(!b.has_cookie(KEPT_COOKIE));
    assert_eq!(kept(&site), 0);

    let long = "x".repeat(MAX_BODY_CHARS + 1);
    let form = with(draft_form(&token), "body", &long);
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(!a.body.contains(SAVED));
    assert!(a.body.contains("the limit is 10000"), "{}", a.body);
    assert_eq!(
        textarea(&a.body, "f-body"),
        long,
        "what was typed is kept in the form"
    );
    assert_eq!(kept(&site), 0);
    assert_eq!(counts(&site), before);
    assert!(site.deliver().is_empty());
}

#[test]
fn a_browser_keeps_at_most_fifty_drafts_the_oldest_replaced() {
    let site = Site::ballots();
    let mut conn = site.conn();
    let token = drafts_kept::new_token();
    let start = Utc::now().naive_utc() - Duration::hours(2);
    let draft = Draft {
        body: "A thought.".into(),
        ..Draft::default()
    };
    for i in 0..=MAX_PER_TOKEN {
        let at = start + Duration::seconds(i as i64);
        let errors =
            drafts_kept::save(&mut conn, &token, &format!("place {i}"), &draft, false, at).unwrap();
        assert!(errors.is_empty());
    }
    assert_eq!(count(&mut conn, "kept_drafts"), MAX_PER_TOKEN as i64);
    let now = Utc::now().naive_utc();
    assert!(drafts_kept::load(&mut conn, &token, "place 0", now)
        .unwrap()
        .is_none());
    let newest = format!("place {MAX_PER_TOKEN}");
    assert!(drafts_kept::load(&mut conn, &token, &newest, now)
        .unwrap()
        .is_some());
    assert!(drafts_kept::load(&mut conn, &token, "place 1", now)
        .unwrap()
        .is_some());
}
