//! CSRF tokens, rate limits, body limits, client addresses and the secret key.

use std::time::Duration;

use actix_web::http::{header, StatusCode};
use actix_web::{test, web, ResponseError};
use chrono::Utc;
use docket::config::SiteConfig;
use docket::db::models::RateEvent;
use docket::db::write_tx;
use docket::error::{ApiError, AppError};
use docket::web::security::{self, client_addr, rate_limit, SecretKey};
use docket::web::{app, csrf, AppState};

use crate::support::{count, csrf_token_in, CookieJar, TestDb};

macro_rules! service {
    ($db:expr) => {
        test::init_service(app(AppState::new(
            $db.pool.clone(),
            crate::support::site_config(),
        )))
        .await
    };
}

async fn body_text(
    resp: actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
) -> String {
    String::from_utf8(test::read_body(resp).await.to_vec()).unwrap()
}

#[actix_web::test]
async fn a_form_without_its_csrf_token_is_refused_with_a_clear_page() {
    let db = TestDb::new();
    let svc = service!(db);
    let mut jar = CookieJar::default();
    let resp = test::call_service(
        &svc,
        test::TestRequest::get().uri("/staff/login").to_request(),
    )
    .await;
    jar.update(&resp);
    let token = csrf_token_in(&body_text(resp).await);

    // Missing field, with the browser's cookie.
    let resp = test::call_service(
        &svc,
        jar.apply(test::TestRequest::post().uri("/staff/login"))
            .set_form([("name", "a"), ("password", "b")])
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let html = body_text(resp).await;
    assert!(html.contains("<h1>Not allowed</h1>"), "{html}");
    assert!(html.contains("sent without its security token"), "{html}");
    assert!(html.contains("nothing was saved"), "{html}");

    // Right token, but no cookie (a cross-site post, or cookies refused).
    let resp = test::call_service(
        &svc,
        test::TestRequest::post()
            .uri("/staff/login")
            .set_form([
                ("csrf_token", token.as_str()),
                ("name", "a"),
                ("password", "b"),
            ])
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        count(&mut db.conn(), "login_failures"),
        0,
        "refused before any check"
    );
}

#[actix_web::test]
async fn a_wrong_or_foreign_csrf_token_is_refused() {
    let db = TestDb::new();
    let svc = service!(db);
    let mut alice = CookieJar::default();
    let mut bob = CookieJar::default();
    let mut tokens = Vec::new();
    for jar in [&mut alice, &mut bob] {
        let resp = test::call_service(
            &svc,
            test::TestRequest::get().uri("/staff/login").to_request(),
        )
        .await;
        jar.update(&resp);
        tokens.push(csrf_token_in(&body_text(resp).await));
    }
    assert_ne!(tokens[0], tokens[1], "one token per browser");
    for bad in ["forged", tokens[1].as_str(), ""] {
        let resp = test::call_service(
            &svc,
            alice
                .apply(test::TestRequest::post().uri("/staff/login"))
                .set_form([("csrf_token", bad), ("name", "a"), ("password", "b")])
                .to_request(),
        )
        .await;
        assert_eq!(resp.status(), StatusCode::FORBIDDEN, "token {bad:?}");
        let html = body_text(resp).await;
        assert!(html.contains("security token"), "{html}");
    }
    // The browser's own token is accepted (the form is then checked).
    let resp = test::call_service(
        &svc,
        alice
            .apply(test::TestRequest::post().uri("/staff/login"))
            .set_form([
                ("csrf_token", tokens[0].as_str()),
                ("name", "a"),
                ("password", "b"),
            ])
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn a_browser_keeps_one_token_across_pages() {
    let db = TestDb::new();
    let svc = service!(db);
    let mut jar = CookieJar::default();
    let mut seen = Vec::new();
    for _ in 0..2 {
        let resp = test::call_service(
            &svc,
            jar.apply(test::TestRequest::get().uri("/staff/login"))
                .to_request(),
        )
        .await;
        assert_eq!(
            resp.headers().get(header::CACHE_CONTROL).unwrap(),
            "no-store",
            "a page with a token is never cached"
        );
        assert!(resp.headers().contains_key("content-security-policy"));
        jar.update(&resp);
        seen.push(csrf_token_in(&body_text(resp).await));
    }
    assert_eq!(seen[0], seen[1]);
}

#[actix_web::test]
async fn csrf_verify_works_on_any_request_with_a_session() {
    // The API other handlers call, outside the staff pages.
    let req = test::TestRequest::default().to_http_request();
    assert!(matches!(
        csrf::verify(&req, "anything"),
        Err(AppError::Forbidden(_))
    ));
    let token = csrf::token(&req);
    assert_eq!(token.len(), 43, "32 random bytes, base64url");
    assert_eq!(csrf::token(&req), token);
    assert!(csrf::verify(&req, &token).is_ok());
    assert!(csrf::verify(&req, &format!(" {token} ")).is_ok());
    assert!(csrf::verify(&req, &token[1..]).is_err());
}

#[actix_web::test]
async fn an_oversized_form_gets_a_413_page_and_changes_nothing() {
    let db = TestDb::new();
    let svc = service!(db);
    let big = "x".repeat(security::BODY_LIMIT + 1);
    let resp = test::call_service(
        &svc,
        test::TestRequest::post()
            .uri("/staff/login")
            .set_form([
                ("name", big.as_str()),
                ("password", "b"),
                ("csrf_token", "t"),
            ])
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let html = body_text(resp).await;
    assert!(html.contains("<h1>Too much text</h1>"), "{html}");
    assert!(
        html.contains(&format!(
            "larger than this site accepts ({} KiB)",
            security::BODY_LIMIT / 1024
        )),
        "{html}"
    );
    assert_eq!(count(&mut db.conn(), "login_failures"), 0);

    // Just under the limit the form is read (and then refused for its token).
    let fits = "x".repeat(security::BODY_LIMIT - 100);
    let resp = test::call_service(
        &svc,
        test::TestRequest::post()
            .uri("/staff/login")
            .set_form([("name", fits.as_str()), ("csrf_token", "t")])
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn a_form_of_the_wrong_kind_is_a_clear_400() {
    let db = TestDb::new();
    let svc = service!(db);
    let resp = test::call_service(
        &svc,
        test::TestRequest::post()
            .uri("/staff/login")
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .set_payload("{}")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert!(body_text(resp).await.contains("not sent as a web form"));
}

#[actix_web::test]
async fn the_rate_limit_counts_per_bucket_and_address() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let minute = Duration::from_secs(60);
    for _ in 0..3 {
        write_tx(&mut conn, |c| {
            rate_limit(c, "comment", "192.0.2.1", 3, minute)
        })
        .unwrap();
    }
    let err = write_tx(&mut conn, |c| {
        rate_limit(c, "comment", "192.0.2.1", 3, minute)
    })
    .unwrap_err();
    match err {
        AppError::TooManyRequests { retry_after } => {
            assert!((1..=60).contains(&retry_after), "{retry_after}")
        }
        other => panic!("expected 429, got {other:?}"),
    }
    // A refused request is not counted.
    assert_eq!(count(&mut conn, "rate_events"), 3);
    // Other addresses and other buckets have their own allowance.
    rate_limit(&mut conn, "comment", "192.0.2.2", 3, minute).unwrap();
    rate_limit(&mut conn, "flag", "192.0.2.1", 3, minute).unwrap();
}

#[actix_web::test]
async fn old_events_no_longer_count_and_are_pruned() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let long_ago = Utc::now().naive_utc() - chrono::Duration::minutes(10);
    for _ in 0..5 {
        RateEvent::record(&mut conn, "comment", "192.0.2.9", long_ago).unwrap();
    }
    rate_limit(
        &mut conn,
        "comment",
        "192.0.2.9",
        2,
        Duration::from_secs(60),
    )
    .unwrap();
    assert_eq!(count(&mut conn, "rate_events"), 1);
}

#[actix_web::test]
async fn the_rate_limit_holds_across_app_servers() {
    let db = TestDb::new();
    // A second pool on the same database is a second app server.
    let other = docket::db::connect(&db.url, 2).unwrap();
    let hour = Duration::from_secs(3600);
    rate_limit(&mut db.conn(), "comment", "192.0.2.5", 2, hour).unwrap();
    rate_limit(&mut other.get().unwrap(), "comment", "192.0.2.5", 2, hour).unwrap();
    assert!(matches!(
        rate_limit(&mut db.conn(), "comment", "192.0.2.5", 2, hour),
        Err(AppError::TooManyRequests { .. })
    ));
    assert!(matches!(
        rate_limit(&mut other.get().unwrap(), "comment", "192.0.2.5", 2, hour),
        Err(AppError::TooManyRequests { .. })
    ));
}

#[actix_web::test]
async fn a_429_says_when_to_come_back() {
    let resp = AppError::TooManyRequests { retry_after: 90 }.error_response();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers().get(header::RETRY_AFTER).unwrap(), "90");
    let html = String::from_utf8(
        actix_web::body::to_bytes(resp.into_body())
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(html.contains("<h1>Too many requests</h1>"), "{html}");
    assert!(
        html.contains("Nothing was saved from this request; please wait 90 seconds"),
        "{html}"
    );

    let resp = ApiError(AppError::TooManyRequests { retry_after: 600 }).error_response();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers().get(header::RETRY_AFTER).unwrap(), "600");
    let json = String::from_utf8(
        actix_web::body::to_bytes(resp.into_body())
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(json.contains("wait 10 minutes"), "{json}");
}

#[actix_web::test]
async fn client_addresses_come_from_the_peer_unless_the_proxy_is_trusted() {
    let request = |trust: bool, peer: &str| {
        let state = AppState::new(
            TestDb::new().pool.clone(),
            SiteConfig {
                trust_forwarded_for: trust,
                ..SiteConfig::default()
            },
        );
        test::TestRequest::default()
            .app_data(web::Data::new(state))
            .peer_addr(peer.parse().unwrap())
            .insert_header(("x-forwarded-for", "198.51.100.1, 203.0.113.7"))
            .to_http_request()
    };
    assert_eq!(client_addr(&request(false, "192.0.2.4:5000")), "192.0.2.4");
    // The proxy's own entry (the last) is used; a client's claim is not.
    assert_eq!(client_addr(&request(true, "10.1.1.1:5000")), "203.0.113.7");
    assert_eq!(
        client_addr(&request(false, "[2001:db8:1:2:3:4:5:6]:5000")),
        "2001:db8:1:2::/64"
    );
    assert_eq!(
        client_addr(&request(false, "[::ffff:192.0.2.8]:5000")),
        "192.0.2.8"
    );
}

#[actix_web::test]
async fn secret_keys_are_parsed_strictly() {
    let hex64 = "ab".repeat(64);
    assert!(SecretKey::parse(&hex64).is_ok());
    assert!(SecretKey::parse(&format!("{hex64}\n")).is_ok());
    let b64 = "QUJD".repeat(22); // 66 bytes
    assert!(SecretKey::parse(&b64).is_ok());
    let err = SecretKey::parse(&"ab".repeat(32)).unwrap_err();
    assert!(err.to_string().contains("needs at least 64"), "{err}");
    let err = SecretKey::parse("not a key!").unwrap_err();
    assert!(err.to_string().contains("neither hex nor base64"), "{err}");
    assert_eq!(
        format!("{:?}", SecretKey::parse(&hex64).unwrap()),
        "SecretKey(…)"
    );

    let key = SecretKey::parse(&hex64).unwrap();
    assert_eq!(
        key.derive("session cookie"),
        SecretKey::parse(&hex64).unwrap().derive("session cookie")
    );
    assert_ne!(
        key.derive("session cookie"),
        key.derive("verification links")
    );
    assert_ne!(
        key.derive("x"),
        SecretKey::parse(&"cd".repeat(64)).unwrap().derive("x")
    );
}

#[actix_web::test]
async fn the_key_file_is_created_once_private_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let (first, source) = SecretKey::load(None, dir.path()).unwrap();
    let path = dir.path().join("secret.key");
    assert_eq!(source, path.display().to_string());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let (second, _) = SecretKey::load(None, dir.path()).unwrap();
    assert_eq!(first.derive("x"), second.derive("x"));
    // The environment wins over the file.
    let env = "ef".repeat(64);
    let (from_env, source) = SecretKey::load(Some(&env), dir.path()).unwrap();
    assert_eq!(source, "DOCKET_SECRET_KEY");
    assert_ne!(from_env.derive("x"), first.derive("x"));
    assert!(SecretKey::load(Some("short"), dir.path()).is_err());
    std::fs::write(&path, "garbage").unwrap();
    let err = SecretKey::load(None, dir.path()).unwrap_err();
    assert!(format!("{err:#}").contains("secret.key"), "{err:#}");
}
