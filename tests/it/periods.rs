//! Comment periods from the browser: open, close and extend, with times in
//! the standard's time zone; every bad request is refused with a clear
//! message and changes nothing; subscribers are told; the public changelog
//! and the cached version page follow; `docket import` keeps the window.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use chrono::{NaiveDate, NaiveDateTime, Utc};
use docket::config::SiteConfig;
use docket::db::models::Role;
use docket::standard::import::import_dir;

use crate::comments::{app, get, open_form, post, Answer, Browser, Site};
use crate::staff::create_staff;
use crate::support::count;

const FORM_V2: &str = "/editor/standards/ballots/2/period";
const FORM_V1: &str = "/editor/standards/ballots/1/period";

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

/// Everything a period change could touch.
#[derive(Debug, PartialEq)]
struct Snapshot {
    status: String,
    opens: Option<NaiveDateTime>,
    closes: Option<NaiveDateTime>,
    audit: i64,
    outbox: i64,
}

fn snapshot(site: &Site, label: &str) -> Snapshot {
    let v = site.version("ballots", label);
    let mut conn = site.conn();
    Snapshot {
        status: v.status,
        opens: v.comment_opens,
        closes: v.comment_closes,
        audit: count(&mut conn, "audit_events"),
        outbox: count(&mut conn, "outbox"),
    }
}

async fn editor<S, B>(svc: &S, site: &Site, name: &str, role: Role) -> Browser
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let password = create_staff(&site.db, name, role);
    let mut b = Browser::new("198.51.100.20");
    let token = open_form(svc, &mut b, "/staff/login").await;
    let a = post(
        svc,
        &mut b,
        "/staff/login",
        &[
            ("csrf_token", token.as_str()),
            ("name", name),
            ("password", password.as_str()),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    b
}

/// Post the period form of `path` with `fields` (the CSRF token added).
async fn change<S, B>(svc: &S, b: &mut Browser, path: &str, fields: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    // The page itself, as an editor would open it first.
    assert_eq!(get(svc, b, path).await.status, StatusCode::OK);
    let token = open_form(svc, b, "/staff").await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    post(svc, b, path, &form).await
}

/// Subscribe `email` to ballots, confirmed, straight in the database.
fn subscriber(site: &Site, email: &str) {
    use docket::db::models::Standard;
    let mut conn = site.conn();
    let s = Standard::by_slug(&mut conn, "ballots").unwrap();
    let now = Utc::now().naive_utc();
    docket::db::write_tx(&mut conn, |conn| {
        docket::subscriptions::request(conn, &s, email, &SiteConfig::default().base_url, now)
    })
    .unwrap();
    let mails = site.deliver();
    let link = crate::comments::link_in(&mails.last().unwrap().text, "/subscriptions/confirm/");
    let token = link.rsplit('/').next().unwrap().to_string();
    docket::db::write_tx(&mut conn, |conn| {
        docket::subscriptions::confirm(conn, &token, now)
    })
    .unwrap()
    .expect("confirmed");
}

#[actix_web::test]
async fn the_form_shows_the_window_in_the_standards_time_zone() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = editor(&svc, &site, "eddie", Role::Editor).await;
    let a = get(&svc, &mut b, FORM_V2).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("America/Chicago"), "{}", a.body);
    // 2099-01-01T00:00Z is 31 December 2098, 6:00 PM in Chicago.
    assert!(
        a.body.contains("31 December 2098, 6:00 PM CST"),
        "{}",
        a.body
    );
    assert!(a.body.contains("value=\"2098-12-31T18:00\""), "{}", a.body);
    for action in ["extend", "close", "open"] {
        assert!(
            a.body
                .contains(&format!("name=\"action\" value=\"{action}\"")),
            "{action}"
        );
    }
    // The list of periods links to it.
    let a = get(&svc, &mut b, "/editor/periods").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains(&format!("href=\"{FORM_V2}\"")),
        "{}",
        a.body
    );
    // A superseded version has no window to change.
    let a = get(&svc, &mut b, FORM_V1).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a
        .body
        .contains("its comment period can no longer be changed"));
    assert!(!a.body.contains("name=\"action\""));
}

/// A form to post: where, its fields, and the message expected.
type Case = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    &'static str,
);

#[actix_web::test]
async fn bad_period_requests_are_refused_and_change_nothing() {
    let site = Site::ballots();
    subscriber(&site, "follower@example.org");
    let svc = app!(site);
    let mut b = editor(&svc, &site, "eddie", Role::Editor).await;
    let mut m = editor(&svc, &site, "mona", Role::Moderator).await;
    let before = snapshot(&site, "2");
    let before_v1 = snapshot(&site, "1");

    let cases: Vec<Case> = vec![
        (FORM_V2, vec![], "Choose what to do"),
        (
            FORM_V2,
            vec![("action", "delete")],
            "Unknown action “delete”",
        ),
        (
            FORM_V2,
            vec![("action", "extend")],
            "Enter the new closing time.",
        ),
        (
            FORM_V2,
            vec![("action", "extend"), ("closes", "next tuesday")],
            "is not a date and time",
        ),
        (
            FORM_V2,
            vec![("action", "extend"), ("closes", "2099-02-30T10:00")],
            "is not a date and time",
        ),
        (
            FORM_V2,
            vec![("action", "extend"), ("closes", "2098-06-01T12:00")],
            "must move the closing time later",
        ),
        (
            FORM_V2,
            vec![("action", "open"), ("closes", "2099-06-01T12:00")],
            "already open",
        ),
        (
            FORM_V1,
            vec![("action", "close")],
            "can no longer be changed",
        ),
        (
            FORM_V1,
            vec![("action", "open"), ("closes", "2099-06-01T12:00")],
            "can no longer be changed",
        ),
    ];
    for (path, fields, message) in cases {
        let a = change(&svc, &mut b, path, &fields).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{fields:?}: {}", a.body);
        assert!(
            a.body.contains(message),
            "{fields:?}: expected “{message}” in {}",
            a.body
        );
        assert!(a.body.contains("Nothing was changed"), "{}", a.body);
        assert_eq!(snapshot(&site, "2"), before, "{fields:?}");
        assert_eq!(snapshot(&site, "1"), before_v1, "{fields:?}");
    }

    // A forged form.
    let a = post(
        &svc,
        &mut b,
        FORM_V2,
        &[("csrf_token", "forged"), ("action", "close")],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(snapshot(&site, "2"), before);

    // The wrong role.
    let token = open_form(&svc, &mut m, "/staff").await;
    let a = post(
        &svc,
        &mut m,
        FORM_V2,
        &[("csrf_token", token.as_str()), ("action", "close")],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(a
        .body
        .contains("This page is for editor or administrator accounts"));
    assert_eq!(snapshot(&site, "2"), before);

    // Unknown versions are 404s.
    let a = get(&svc, &mut b, "/editor/standards/ballots/9/period").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(site.deliver().is_empty(), "no subscriber was told anything");
}

#[actix_web::test]
async fn extend_close_and_open_again_tell_subscribers_and_the_changelog() {
    let site = Site::ballots();
    subscriber(&site, "follower@example.org");
    let svc = app!(site);
    let mut b = editor(&svc, &site, "eddie", Role::Editor).await;
    let mut reader = Browser::new("192.0.2.40");
    let page_before = get(&svc, &mut reader, "/standards/ballots/2").await;
    assert!(page_before.body.contains("6:00 PM CST"));

    // Extend: 1 June 2099, noon in Chicago (CDT, UTC-5) is 17:00 UTC.
    let a = change(
        &svc,
        &mut b,
        FORM_V2,
        &[("action", "extend"), ("closes", "2099-06-01T12:00")],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(
        a.body
            .contains("Comments are now open until 1 June 2099, 12:00 PM CDT"),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("1 subscriber will be told by email."),
        "{}",
        a.body
    );
    let v = site.version("ballots", "2");
    assert_eq!(v.status, "open");
    assert_eq!(v.comment_closes, Some(utc(2099, 6, 1, 17, 0)));
    let mails = site.deliver();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert_eq!(mails[0].to, "follower@example.org");
    assert_eq!(
        mails[0].subject,
        "Comment period extended: Ballot Handling, version 2"
    );
    assert!(
        mails[0].text.contains("until 1 June 2099, 12:00 PM CDT"),
        "{}",
        mails[0].text
    );
    assert!(mails[0].headers.contains_key("List-Unsubscribe"));

    // The cached version page shows the new window at once.
    let page = get(&svc, &mut reader, "/standards/ballots/2").await;
    assert!(
        page.body.contains("1 June 2099, 12:00 PM CDT"),
        "{}",
        page.body
    );
    assert_ne!(page.headers.get("etag"), page_before.headers.get("etag"));

    // Close now: early, so subscribers hear of it.
    let before_close = Utc::now().naive_utc();
    let a = change(&svc, &mut b, FORM_V2, &[("action", "close")]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let after_close = Utc::now().naive_utc();
    let v = site.version("ballots", "2");
    assert_eq!(v.status, "closed");
    let closes = v.comment_closes.unwrap();
    assert!(before_close <= closes && closes <= after_close, "{closes}");
    let mails = site.deliver();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.starts_with("Comment period closed early"));
    let page = get(&svc, &mut reader, "/standards/ballots/2").await;
    assert!(page.body.contains("Comment period closed"), "{}", page.body);

    // Closing a closed window, or extending it, is refused.
    let before = snapshot(&site, "2");
    let a = change(&svc, &mut b, FORM_V2, &[("action", "close")]).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("already closed"), "{}", a.body);
    let a = change(
        &svc,
        &mut b,
        FORM_V2,
        &[("action", "extend"), ("closes", "2099-07-01T12:00")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("open it again instead"), "{}", a.body);
    // Opening needs a closing time in the future, after the opening time.
    for (fields, message) in [
        (vec![("action", "open")], "Enter the closing time."),
        (
            vec![("action", "open"), ("closes", "2020-01-01T12:00")],
            "is not in the future",
        ),
        (
            vec![
                ("action", "open"),
                ("opens", "2099-08-01T12:00"),
                ("closes", "2099-07-01T12:00"),
            ],
            "must come before the closing time",
        ),
    ] {
        let a = change(&svc, &mut b, FORM_V2, &fields).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{fields:?}");
        assert!(a.body.contains(message), "{fields:?}: {}", a.body);
    }
    assert_eq!(snapshot(&site, "2"), before);

    // Open again until 1 July 2099, 9:30 in Chicago.
    let a = change(
        &svc,
        &mut b,
        FORM_V2,
        &[("action", "open"), ("closes", "2099-07-01 09:30")],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let v = site.version("ballots", "2");
    assert_eq!(v.status, "open");
    assert_eq!(v.comment_closes, Some(utc(2099, 7, 1, 14, 30)));
    assert!(v.is_open_now());
    let mails = site.deliver();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.starts_with("Comment period opened"));

    // Each change is a public audit event, listed on the changelog.
    let a = get(&svc, &mut reader, "/standards/ballots/2/changelog").await;
    assert_eq!(a.status, StatusCode::OK);
    let extended = a.body.find("Comment period extended").expect("extended");
    let closed = a.body.find("Comment period closed").expect("closed");
    let opened = a.body.find("Comment period opened").expect("opened");
    assert!(extended < closed && closed < opened, "oldest first");
    assert!(
        !a.body.contains("eddie"),
        "staff names are not on the public page"
    );
    assert!(!a.body.contains("follower@example.org"));
    // The version page links to it.
    let page = get(&svc, &mut reader, "/standards/ballots/2").await;
    assert!(page
        .body
        .contains("href=\"/standards/ballots/2/changelog\""));
}

#[actix_web::test]
async fn import_keeps_a_window_changed_in_the_browser() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = editor(&svc, &site, "eddie", Role::Editor).await;
    let a = change(
        &svc,
        &mut b,
        FORM_V2,
        &[("action", "extend"), ("closes", "2099-06-01T12:00")],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let edited = site.version("ballots", "2");
    // The same files imported again: no refusal, and the window stays.
    let report = import_dir(&mut site.conn(), site._content.path()).unwrap();
    assert_eq!(report.versions_unchanged, 2, "{:?}", report.lines);
    let after = site.version("ballots", "2");
    assert_eq!(after.comment_closes, Some(utc(2099, 6, 1, 17, 0)));
    assert_eq!(after.status, edited.status);
    assert_eq!(after.sha256, edited.sha256, "the source is untouched");
}

#[test]
fn times_are_read_in_the_standards_time_zone() {
    use docket::periods::parse_local;
    let chicago: chrono_tz::Tz = "America/Chicago".parse().unwrap();
    assert_eq!(
        parse_local("2026-12-01T17:00", chicago, "closing time"),
        Ok(utc(2026, 12, 1, 23, 0))
    );
    assert_eq!(
        parse_local(" 2026-07-01 09:30:00 ", chicago, "closing time"),
        Ok(utc(2026, 7, 1, 14, 30))
    );
    // Clocks skip 2:00–3:00 on 8 March 2026 in Chicago.
    let err = parse_local("2026-03-08T02:30", chicago, "closing time").unwrap_err();
    assert!(err.contains("does not exist in America/Chicago"), "{err}");
    // The repeated hour on 1 November 2026 is read as the first one (CDT).
    assert_eq!(
        parse_local("2026-11-01T01:30", chicago, "closing time"),
        Ok(utc(2026, 11, 1, 6, 30))
    );
    assert_eq!(
        parse_local("", chicago, "closing time").unwrap_err(),
        "Enter the closing time."
    );
    assert!(parse_local("1/12/2026", chicago, "closing time").is_err());
}
