//! Hardening, tried the way an attacker would: a session cookie copied
//! before sign-out, a CSRF token known before sign-in, wrong passwords sent
//! to lock someone out, writes the database refuses, a full log volume,
//! forms posted from another site, compressed pages that hold a secret, and
//! addresses that do not parse.

use std::process::{Command, Stdio};

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::test;
use docket::db::models::{Role, StaffUser};
use docket::db::DbConn;

use crate::browser::{free_port, http, Proc};
use crate::comments::{app, fields, Answer, Site, CUSTODY_FORM, CUSTODY_POST, EMAIL};
use crate::staff::create_staff;
use crate::support::{count, csrf_token_in, exec, CookieJar};

/// A browser for these tests: its session cookie, and the address the
/// site's proxy reports for it (`X-Forwarded-For`), if any.
#[derive(Clone, Default)]
struct Visitor {
    jar: CookieJar,
    address: Option<String>,
}

impl Visitor {
    fn at(address: &str) -> Visitor {
        Visitor {
            jar: CookieJar::default(),
            address: Some(address.to_string()),
        }
    }

    fn prepare(&self, req: test::TestRequest) -> test::TestRequest {
        let req = self.jar.apply(req);
        match &self.address {
            Some(a) => req.insert_header(("x-forwarded-for", a.as_str())),
            None => req,
        }
    }
}

async fn call<S, B>(svc: &S, v: &mut Visitor, req: test::TestRequest) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let resp = test::call_service(svc, v.prepare(req).to_request()).await;
    v.jar.update(&resp);
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = test::read_body(resp).await;
    Answer {
        status,
        body: String::from_utf8(body.to_vec()).expect("an uncompressed UTF-8 body"),
        headers,
    }
}

async fn get<S, B>(svc: &S, v: &mut Visitor, uri: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    call(svc, v, test::TestRequest::get().uri(uri)).await
}

async fn post<S, B>(svc: &S, v: &mut Visitor, uri: &str, form: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    call(
        svc,
        v,
        test::TestRequest::post().uri(uri).set_form(form.to_vec()),
    )
    .await
}

/// The CSRF token of the form at `uri`.
async fn token_of<S, B>(svc: &S, v: &mut Visitor, uri: &str) -> String
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let a = get(svc, v, uri).await;
    assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
    csrf_token_in(&a.body)
}

/// Open the sign-in page and send it; returns the answer to the POST.
async fn sign_in<S, B>(svc: &S, v: &mut Visitor, name: &str, password: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = token_of(svc, v, "/staff/login").await;
    post(
        svc,
        v,
        "/staff/login",
        &[
            ("csrf_token", token.as_str()),
            ("name", name),
            ("password", password),
        ],
    )
    .await
}

async fn signed_in<S, B>(svc: &S, name: &str, password: &str) -> Visitor
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut v = Visitor::default();
    let a = sign_in(svc, &mut v, name, password).await;
    assert_eq!(
        a.status,
        StatusCode::SEE_OTHER,
        "{name} signs in: {}",
        a.body
    );
    v
}

/// Whether `/staff/accounts` opens with this visitor's cookie as it is,
/// without keeping whatever the answer sets (an attacker replays the same
/// copy every time). Anything but the page must be the way to sign-in.
async fn opens_accounts<S, B>(svc: &S, v: &Visitor) -> bool
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let a = get(svc, &mut v.clone(), "/staff/accounts").await;
    match a.status {
        StatusCode::OK => true,
        StatusCode::SEE_OTHER => {
            let location = a.headers.get(header::LOCATION).unwrap().to_str().unwrap();
            assert!(location.starts_with("/staff/login"), "{location}");
            false
        }
        other => panic!("/staff/accounts answered {other}: {}", a.body),
    }
}

/// Post a staff form from `v` with the token of its staff home.
async fn send<S, B>(svc: &S, v: &mut Visitor, uri: &str, fields: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = token_of(svc, v, "/staff").await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    post(svc, v, uri, &form).await
}

#[actix_web::test]
async fn a_session_cookie_copied_before_sign_out_is_refused_after_it() {
    let site = Site::ballots();
    let password = create_staff(&site.db, "ada", Role::Admin);
    let svc = app!(site);

    let mut browser = signed_in(&svc, "ada", &password).await;
    let copy = browser.clone();
    assert!(opens_accounts(&svc, &copy).await);
    let a = send(&svc, &mut browser, "/staff/logout", &[]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert!(!opens_accounts(&svc, &browser).await);
    assert!(
        !opens_accounts(&svc, &copy).await,
        "the copy no longer opens staff pages"
    );

    // Signing in again starts a new session, and the old copy stays dead.
    let again = signed_in(&svc, "ada", &password).await;
    assert!(opens_accounts(&svc, &again).await);
    assert!(!opens_accounts(&svc, &copy).await);
}

#[actix_web::test]
async fn a_copied_session_cookie_dies_with_a_password_change_and_with_disabling() {
    let site = Site::ballots();
    let password = create_staff(&site.db, "ada", Role::Admin);
    let root_password = create_staff(&site.db, "root", Role::Admin);
    let svc = app!(site);

    // A new password: the copy dies, the browser that changed it stays in.
    let mut browser = signed_in(&svc, "ada", &password).await;
    let copy = browser.clone();
    let new = "an entirely new passphrase";
    let a = send(
        &svc,
        &mut browser,
        "/staff/password",
        &[
            ("current_password", password.as_str()),
            ("new_password", new),
            ("new_password_again", new),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(
        !opens_accounts(&svc, &copy).await,
        "after a password change"
    );
    assert!(opens_accounts(&svc, &browser).await);

    // Disabling: the copy stays dead when the account is enabled again.
    let copy = browser.clone();
    let ada = StaffUser::find_by_name(&mut site.conn(), "ada")
        .unwrap()
        .unwrap();
    let mut root = signed_in(&svc, "root", &root_password).await;
    let target = format!("/staff/accounts/{}", ada.id);
    for action in ["disable", "enable"] {
        let a = send(&svc, &mut root, &target, &[("action", action)]).await;
        assert_eq!(a.status, StatusCode::OK, "{action}: {}", a.body);
    }
    assert!(
        !StaffUser::by_id(&mut site.conn(), ada.id).unwrap().disabled,
        "enabled again"
    );
    assert!(
        !opens_accounts(&svc, &copy).await,
        "after disable and enable"
    );
    assert!(!opens_accounts(&svc, &browser).await);
    // The account itself works: a fresh sign-in is welcome.
    let fresh = signed_in(&svc, "ada", new).await;
    assert!(opens_accounts(&svc, &fresh).await);
}

#[actix_web::test]
async fn the_csrf_token_known_before_sign_in_is_worthless_after_it() {
    let site = Site::ballots();
    let password = create_staff(&site.db, "ada", Role::Admin);
    let svc = app!(site);

    let mut v = Visitor::default();
    let before = token_of(&svc, &mut v, "/staff/login").await;
    let a = post(
        &svc,
        &mut v,
        "/staff/login",
        &[
            ("csrf_token", before.as_str()),
            ("name", "ada"),
            ("password", password.as_str()),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let after = token_of(&svc, &mut v, "/staff").await;
    assert_ne!(before, after, "sign-in gives the browser a new token");

    // A form forged with the old token is refused; the new one works.
    let a = post(
        &svc,
        &mut v,
        "/staff/accounts",
        &[
            ("csrf_token", before.as_str()),
            ("name", "mallory"),
            ("role", "admin"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    assert!(StaffUser::find_by_name(&mut site.conn(), "mallory")
        .unwrap()
        .is_none());
    let a = post(
        &svc,
        &mut v,
        "/staff/logout",
        &[("csrf_token", after.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn wrong_passwords_from_one_address_do_not_lock_the_account_for_others() {
    let mut site = Site::ballots();
    site.config.trust_forwarded_for = true;
    let password = create_staff(&site.db, "ada", Role::Admin);
    // Two app servers on one database, as behind a load balancer.
    let one = app!(site);
    let two = app!(site);

    let mut attacker = Visitor::at("203.0.113.66");
    let limit = docket::web::auth::MAX_FAILURES_PER_ADDRESS_AND_NAME;
    for i in 0..limit {
        let server = if i % 2 == 0 { &one } else { &two };
        let a = sign_in(server, &mut attacker, "ada", "a wrong guess").await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // The attacker's address is paused for this account on every server,
    // even with the right password...
    for server in [&one, &two] {
        let a = sign_in(server, &mut attacker, "ada", "another guess").await;
        assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
        let a = sign_in(server, &mut attacker.clone(), "ada", &password).await;
        assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    }

    // ...but the account's owner, elsewhere, signs in on either server.
    for server in [&one, &two] {
        let mut owner = Visitor::at("198.51.100.20");
        let a = sign_in(server, &mut owner, "ada", &password).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
        assert!(opens_accounts(server, &owner).await);
    }
    // The owner's sign-in does not wipe the attacker's record.
    let a = sign_in(&one, &mut attacker, "ada", "a third guess").await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
}

/// Make the database refuse new rows in `table` (and updates of it), as a
/// full disk or a read-only database would.
fn refuse_writes(conn: &mut DbConn, postgres: bool, table: &str) {
    if postgres {
        exec(
            conn,
            "CREATE OR REPLACE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$",
        );
        exec(
            conn,
            &format!(
                "CREATE TRIGGER refuse_{table} BEFORE INSERT OR UPDATE ON {table} \
                 FOR EACH ROW EXECUTE FUNCTION refuse_write()"
            ),
        );
    } else {
        for event in ["INSERT", "UPDATE"] {
            exec(
                conn,
                &format!(
                    "CREATE TRIGGER refuse_{table}_{event} BEFORE {event} ON {table} \
                     BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
                ),
            );
        }
    }
}

fn allow_writes(conn: &mut DbConn, postgres: bool, table: &str) {
    if postgres {
        exec(conn, &format!("DROP TRIGGER refuse_{table} ON {table}"));
    } else {
        for event in ["INSERT", "UPDATE"] {
            exec(conn, &format!("DROP TRIGGER refuse_{table}_{event}"));
        }
    }
}

#[actix_web::test]
async fn a_comment_the_database_cannot_store_is_reported_as_not_saved() {
    let site = Site::ballots();
    let svc = app!(site);
    refuse_writes(&mut site.conn(), site.db.is_postgres(), "comments");

    let mut v = Visitor::at("192.0.2.40");
    let token = token_of(&svc, &mut v, CUSTODY_FORM).await;
    let body = "Seal numbers should be read aloud at every hand-off.";
    let a = post(&svc, &mut v, CUSTODY_POST, &fields(&token, EMAIL, body)).await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", a.body);
    assert!(a.body.contains("was not saved"), "{}", a.body);
    assert!(!a.body.contains("was lost"), "{}", a.body);
    assert!(!a.body.contains("database or disk"), "no internals shown");
    assert!(!a.body.contains("could not extend"), "no internals shown");
    let mut conn = site.conn();
    for table in ["comments", "commenters", "outbox", "verification_tokens"] {
        assert_eq!(count(&mut conn, table), 0, "{table}: nothing was stored");
    }

    // Once the database takes writes again, the same form goes through.
    allow_writes(&mut conn, site.db.is_postgres(), "comments");
    let a = post(&svc, &mut v, CUSTODY_POST, &fields(&token, EMAIL, body)).await;
    // Stored: Post/Redirect/Get to the receipt page.
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert!(a
        .headers
        .get(header::LOCATION)
        .is_some_and(|l| l.to_str().unwrap().starts_with("/receipts/")));
    assert_eq!(count(&mut conn, "comments"), 1);
}

async fn health<S, B>(svc: &S) -> (StatusCode, serde_json::Value)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let a = get(svc, &mut Visitor::default(), "/healthz").await;
    let json = serde_json::from_str(&a.body).unwrap_or_else(|e| panic!("{e}: {}", a.body));
    (a.status, json)
}

#[actix_web::test]
async fn health_fails_while_the_database_refuses_writes() {
    let site = Site::ballots();
    let svc = app!(site);
    let (status, json) = health(&svc).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["status"], "ok");

    // Reads still work; writes do not.
    refuse_writes(&mut site.conn(), site.db.is_postgres(), "health_heartbeat");
    let mut v = Visitor::default();
    assert_eq!(get(&svc, &mut v, "/").await.status, StatusCode::OK);
    let (status, json) = health(&svc).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{json}");
    assert_eq!(json["status"], "error");
    assert_eq!(json["message"], "the database cannot be written");

    allow_writes(&mut site.conn(), site.db.is_postgres(), "health_heartbeat");
    let (status, json) = health(&svc).await;
    assert_eq!(status, StatusCode::OK, "{json}");
}

// `test` here is actix's; this one needs no runtime.
#[core::prelude::v1::test]
fn serve_keeps_answering_with_stdout_closed_and_a_full_log_volume() {
    let db = crate::support::TestDb::new();
    let data = tempfile::tempdir().unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_docket"))
        .arg("--data")
        .arg(data.path())
        .arg("serve")
        .arg("--no-import")
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--workers")
        .arg("1")
        .env("DOCKET_DATABASE_URL", &db.url)
        .env_remove("DOCKET_SMTP_URL")
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(full)
        .spawn()
        .expect("start docket serve");
    // Nobody reads standard output: writing to it fails.
    drop(child.stdout.take());
    let mut proc = Proc(child);

    let mut answered = false;
    for _ in 0..600 {
        if let Some(status) = proc.0.try_wait().unwrap() {
            panic!("docket serve stopped ({status}) when its output could not be written");
        }
        if matches!(http(port, "GET", "/healthz", None), Ok((200, _))) {
            answered = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(answered, "docket serve answers /healthz");
    // Every request is logged, and every log line fails to be written.
    for path in ["/", "/healthz", "/no-such-page", "/comments/abc", "/"] {
        let (status, _) = http(port, "GET", path, None).expect(path);
        assert!([200, 404].contains(&status), "{path} answered {status}");
    }
    assert!(
        proc.0.try_wait().unwrap().is_none(),
        "docket serve is still running"
    );
}

#[actix_web::test]
async fn hsts_is_sent_only_when_the_site_is_served_over_https() {
    let mut site = Site::ballots();
    let svc = app!(site);
    let mut v = Visitor::default();
    let a = get(&svc, &mut v, "/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.headers.get("strict-transport-security").is_none(),
        "plain http must not pin https"
    );

    site.config.base_url = "https://docket.example.org".to_string();
    let svc = app!(site);
    for uri in ["/", "/staff/login", "/no-such-page"] {
        let a = get(&svc, &mut Visitor::default(), uri).await;
        let hsts = a
            .headers
            .get("strict-transport-security")
            .unwrap_or_else(|| panic!("{uri}: no HSTS"))
            .to_str()
            .unwrap();
        let max_age: u64 = hsts
            .strip_prefix("max-age=")
            .and_then(|s| s.split(';').next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(max_age >= 180 * 24 * 3600, "{hsts}");
    }
}

#[actix_web::test]
async fn a_post_from_another_site_is_refused_and_one_from_this_site_accepted() {
    let site = Site::ballots();
    let password = create_staff(&site.db, "ada", Role::Admin);
    let svc = app!(site);

    // The attacker's page posts a sign-in and a comment with the victim's
    // own cookie and token (as if it had them): the browser names its page.
    for origin in [
        "https://evil.example",
        "null",
        "http://127.0.0.1:8080.evil.example",
    ] {
        let mut v = Visitor::default();
        let token = token_of(&svc, &mut v, "/staff/login").await;
        let form = [
            ("csrf_token", token.as_str()),
            ("name", "ada"),
            ("password", password.as_str()),
        ];
        let req = test::TestRequest::post()
            .uri("/staff/login")
            .insert_header((header::ORIGIN, origin))
            .set_form(form);
        let a = call(&svc, &mut v, req).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{origin}");
        assert!(a.body.contains("another website"), "{origin}: {}", a.body);
        assert!(a.body.contains("nothing was saved"), "{}", a.body);
        assert!(!opens_accounts(&svc, &v).await, "{origin}: not signed in");

        let token = token_of(&svc, &mut v, CUSTODY_FORM).await;
        let req = test::TestRequest::post()
            .uri(CUSTODY_POST)
            .insert_header((header::ORIGIN, origin))
            .set_form(fields(&token, EMAIL, "Posted from elsewhere."));
        let a = call(&svc, &mut v, req).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{origin}");
    }
    assert_eq!(count(&mut site.conn(), "comments"), 0);
    assert_eq!(count(&mut site.conn(), "login_failures"), 0);

    // This site's own origin (the base URL, or the host the request names)
    // and no Origin at all are accepted.
    for (origin, host) in [
        (Some("http://127.0.0.1:8080"), None),
        (Some("https://docket.internal"), Some("docket.internal")),
        (
            Some("http://docket.internal:8443"),
            Some("docket.internal:8443"),
        ),
        (None, None),
    ] {
        let mut v = Visitor::default();
        let token = token_of(&svc, &mut v, "/staff/login").await;
        let mut req = test::TestRequest::post().uri("/staff/login").set_form([
            ("csrf_token", token.as_str()),
            ("name", "ada"),
            ("password", password.as_str()),
        ]);
        if let Some(origin) = origin {
            req = req.insert_header((header::ORIGIN, origin));
        }
        if let Some(host) = host {
            req = req.insert_header((header::HOST, host));
        }
        let a = call(&svc, &mut v, req).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{origin:?}: {}", a.body);
        assert!(opens_accounts(&svc, &v).await, "{origin:?}");
    }
}

#[actix_web::test]
async fn pages_with_a_secret_are_never_compressed() {
    let site = Site::ballots();
    let svc = app!(site);
    let gzip = |uri: &str| {
        test::TestRequest::get()
            .uri(uri)
            .insert_header((header::ACCEPT_ENCODING, "gzip"))
    };
    // The sign-in page holds the CSRF token and echoes `next`: an attacker
    // who chooses `next` and sees the compressed length could guess the
    // token a character at a time (BREACH).
    let probe = "/staff?csrf_token=AAAA";
    let mut v = Visitor::default();
    for uri in [
        format!(
            "/staff/login?next={}",
            probe.replace('?', "%3F").replace('=', "%3D")
        ),
        CUSTODY_FORM.to_string(),
    ] {
        let resp = test::call_service(&svc, v.prepare(gzip(&uri)).to_request()).await;
        v.jar.update(&resp);
        assert_eq!(resp.status(), StatusCode::OK, "{uri}");
        assert!(
            resp.headers().get(header::CONTENT_ENCODING).is_none(),
            "{uri} is sent uncompressed"
        );
        let body = String::from_utf8(test::read_body(resp).await.to_vec()).unwrap();
        assert!(!csrf_token_in(&body).is_empty());
        if uri.starts_with("/staff/login") {
            assert!(
                body.contains("csrf_token=AAAA"),
                "the query is echoed: {body}"
            );
        }
    }
    // Public pages, which hold no secret, are still compressed.
    let resp = test::call_service(&svc, gzip("/standards/ballots").to_request()).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers().get(header::CONTENT_ENCODING).unwrap(),
        "gzip"
    );
}

#[actix_web::test]
async fn unreadable_paths_and_queries_get_the_sites_error_pages() {
    let site = Site::ballots();
    let svc = app!(site);
    for (uri, status) in [
        ("/comments/abc", StatusCode::NOT_FOUND),
        (
            "/comments/99999999999999999999/replies/new",
            StatusCode::NOT_FOUND,
        ),
        ("/comments/-1x/replies/new", StatusCode::NOT_FOUND),
        (
            "/standards/ballots/compare/1...2?view=inline&view=side",
            StatusCode::BAD_REQUEST,
        ),
        ("/staff/login?next=a&next=b", StatusCode::BAD_REQUEST),
    ] {
        let a = call(
            &svc,
            &mut Visitor::default(),
            test::TestRequest::get().uri(uri),
        )
        .await;
        assert_eq!(a.status, status, "{uri}: {}", a.body);
        assert!(
            a.headers
                .get(header::CONTENT_TYPE)
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{uri}"
        );
        assert!(a.body.contains("<!DOCTYPE html>"), "{uri}: {}", a.body);
        assert!(!a.body.contains("can not parse"), "{uri}: {}", a.body);
        assert!(!a.body.contains("duplicate field"), "{uri}: {}", a.body);
    }

    for uri in [
        "/api/v1/standards/%FF%FE/versions/1",
        "/api/v1/standards/ballots/versions/%C0/comments",
    ] {
        let a = call(
            &svc,
            &mut Visitor::default(),
            test::TestRequest::get().uri(uri),
        )
        .await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}: {}", a.body);
        assert_eq!(
            a.headers.get(header::CONTENT_TYPE).unwrap(),
            "application/json",
            "{uri}"
        );
        let json: serde_json::Value = serde_json::from_str(&a.body).unwrap();
        assert_eq!(json["error"]["status"], 404, "{uri}");
    }
}
