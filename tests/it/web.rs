//! Every page and API answer, through the real application.

use actix_web::http::{header, StatusCode};
use actix_web::test;
use docket::standard::import::import_dir;
use docket::web::{app, AppState};

use crate::support::{front, two_versions, Content, TestDb};

/// A database with the two-version fixture and a draft-only standard.
fn seeded() -> (TestDb, Content) {
    let db = TestDb::new();
    let content = two_versions();
    content.standard("unpublished", "Unpublished Standard");
    content.version(
        "unpublished",
        "1",
        &format!(
            "{}## 1 Secret {{#secret}}\n\nNot yet public.\n",
            front("1", "draft")
        ),
    );
    import_dir(&mut db.conn(), content.path()).unwrap();
    (db, content)
}

macro_rules! service {
    ($db:expr) => {
        test::init_service(app(AppState::new(
            $db.pool.clone(),
            crate::support::site_config(),
        )))
        .await
    };
}

async fn get_text<B: actix_web::body::MessageBody>(
    svc: &impl actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    uri: &str,
) -> (StatusCode, String) {
    let resp = test::call_service(svc, test::TestRequest::get().uri(uri).to_request()).await;
    let status = resp.status();
    let body = test::read_body(resp).await;
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn assert_page_shell(html: &str) {
    assert_eq!(html.matches("<h1").count(), 1, "exactly one h1");
    assert!(html.contains("<main id=\"main\""));
    assert!(html.contains("href=\"#main\""), "skip link");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(!html.contains("<script"), "no JavaScript needed");
}

#[actix_web::test]
async fn home_lists_standards_with_latest_version_status_and_window() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, html) = get_text(&svc, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_page_shell(&html);
    assert!(
        html.contains("href=\"/standards/ballots\">Ballot Handling</a>"),
        "{html}"
    );
    assert!(html.contains("Version 2: Test standard, version 2"));
    assert!(html.contains("Open for comment"));
    // The window is shown in the standard's zone (America/Chicago).
    assert!(html.contains("31 December 2025, 6:00 PM CST"), "{html}");
    // Drafts are not public.
    assert!(!html.contains("Unpublished Standard</a>"), "{html}");
}

#[actix_web::test]
async fn standard_page_lists_its_versions() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, html) = get_text(&svc, "/standards/ballots").await;
    assert_eq!(status, StatusCode::OK);
    assert_page_shell(&html);
    let v2 = html
        .find("href=\"/standards/ballots/2\"")
        .expect("v2 listed");
    let v1 = html
        .find("href=\"/standards/ballots/1\"")
        .expect("v1 listed");
    assert!(v2 < v1, "newest first");
    assert!(html.contains("Superseded"));
}

#[actix_web::test]
async fn version_page_has_contents_clauses_and_permalinks() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, html) = get_text(&svc, "/standards/ballots/2").await;
    assert_eq!(status, StatusCode::OK);
    assert_page_shell(&html);
    assert!(html.contains("<nav class=\"toc\""));
    assert!(
        html.contains("<a href=\"#custody\"><span class=\"num\">1.2</span> Chain of custody</a>"),
        "{html}"
    );
    assert!(html.contains("<section class=\"clause level-3\" id=\"custody\""));
    assert!(
        html.contains("<h3 id=\"h-custody\"><span class=\"num\">1.2</span> Chain of custody</h3>")
    );
    assert!(html.contains("<p>Ballots shall be logged at every hand-off, with two signatures.</p>"));
    assert!(html.contains("href=\"/standards/ballots/2#custody\""));
    assert!(html.contains("href=\"/standards/ballots/2/clauses/custody\""));
    // The source fingerprint is shown.
    let mut conn = db.conn();
    let s = docket::db::models::Standard::by_slug(&mut conn, "ballots").unwrap();
    let v = docket::db::models::Version::by_label(&mut conn, s.id, "2").unwrap();
    assert!(html.contains(&v.sha256));
}

#[actix_web::test]
async fn clause_page_shows_one_clause_with_context() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, html) = get_text(&svc, "/standards/ballots/2/clauses/custody").await;
    assert_eq!(status, StatusCode::OK);
    assert_page_shell(&html);
    assert!(
        html.contains("<h1><span class=\"num\">1.2</span> Chain of custody</h1>"),
        "{html}"
    );
    assert!(html.contains("with two signatures"));
    assert!(html.contains("rel=\"prev\" href=\"/standards/ballots/2/clauses/training\""));
    assert!(html.contains("rel=\"next\" href=\"/standards/ballots/2/clauses/seals\""));
    assert!(
        html.contains("href=\"/standards/ballots/2/clauses/integrity\""),
        "parent in breadcrumbs"
    );
}

#[actix_web::test]
async fn unknown_pages_and_drafts_are_404_pages() {
    let (db, _c) = seeded();
    let svc = service!(db);
    for uri in [
        "/standards/nope",
        "/standards/ballots/9",
        "/standards/ballots/2/clauses/nope",
        "/standards/unpublished/1",
        "/no/such/page",
    ] {
        let (status, html) = get_text(&svc, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(html.contains("<h1>Page not found</h1>"), "{uri}: {html}");
        assert_page_shell(&html);
    }
}

#[actix_web::test]
async fn api_lists_standards_and_versions() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, body) = get_text(&svc, "/api/v1/standards").await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let list = json["standards"].as_array().unwrap();
    let ballots = list.iter().find(|s| s["slug"] == "ballots").unwrap();
    assert_eq!(ballots["title"], "Ballot Handling");
    assert_eq!(ballots["latest_version"], "2");
    assert!(
        list.iter().all(|s| s["slug"] != "unpublished"),
        "drafts are not public"
    );

    let (status, body) = get_text(&svc, "/api/v1/standards/ballots/versions/2").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["label"], "2");
    assert_eq!(v["status"], "open");
    assert_eq!(v["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v["comment_window"]["opens"], "2026-01-01T00:00:00Z");
    assert_eq!(v["comment_window"]["time_zone"], "America/Chicago");
    let clauses = v["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 5);
    assert_eq!(clauses[2]["key"], "custody");
    assert_eq!(clauses[2]["number"], "1.2");
    assert_eq!(clauses[2]["heading"], "Chain of custody");
    assert_eq!(clauses[2]["level"], 3);
    assert_eq!(
        clauses[2]["html"],
        "<p>Ballots shall be logged at every hand-off, with two signatures.</p>\n"
    );
}

#[actix_web::test]
async fn api_errors_are_json() {
    let (db, _c) = seeded();
    let svc = service!(db);
    for uri in [
        "/api/v1/standards/nope/versions/1",
        "/api/v1/nothing",
        "/api/v1/standards/unpublished/versions/1",
    ] {
        // The API serves what the site serves: drafts are not public.
        let resp = test::call_service(&svc, test::TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(
            resp.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/json"
        );
        let json: serde_json::Value = test::read_body_json(resp).await;
        assert_eq!(json["error"]["status"], 404);
    }
}

#[actix_web::test]
async fn pages_carry_etags_and_answer_304() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/standards/ballots/2")
            .to_request(),
    )
    .await;
    let etag = resp
        .headers()
        .get(header::ETAG)
        .expect("etag")
        .to_str()
        .unwrap()
        .to_string();
    assert!(etag.starts_with('"'));
    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/standards/ballots/2")
            .insert_header((header::IF_NONE_MATCH, etag.clone()))
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::NOT_MODIFIED);
    assert!(test::read_body(resp).await.is_empty());
    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/api/v1/standards")
            .insert_header((header::IF_NONE_MATCH, "\"stale\""))
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
}

#[actix_web::test]
async fn pages_are_compressed_and_carry_security_headers() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/standards/ballots/2")
            .insert_header((header::ACCEPT_ENCODING, "gzip"))
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers().get(header::CONTENT_ENCODING).unwrap(),
        "gzip"
    );
    let csp = resp
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'none'"));
    assert_eq!(
        resp.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
}

#[actix_web::test]
async fn stylesheet_has_print_rules_and_health_answers() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, css) = get_text(&svc, "/static/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(css.contains("@media print"));
    let (status, body) = get_text(&svc, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], "ok");
    let expected = if db.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(json["database"], expected);
}

#[actix_web::test]
async fn trailing_slashes_are_forgiven() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, _) = get_text(&svc, "/standards/ballots/").await;
    assert_eq!(status, StatusCode::OK);
}

#[actix_web::test]
async fn a_cached_version_page_follows_a_change_of_status() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (_, first) = get_text(&svc, "/standards/ballots/2").await;
    assert!(first.contains("Open for comment"));
    let (_, again) = get_text(&svc, "/standards/ballots/2").await;
    assert_eq!(first, again);
    crate::support::exec(
        &mut db.conn(),
        "UPDATE versions SET status = 'closed' WHERE label = '2'",
    );
    let (_, after) = get_text(&svc, "/standards/ballots/2").await;
    assert!(after.contains("Comment period closed"), "{after}");
    assert!(!after.contains("Open for comment"));
}

#[actix_web::test]
async fn a_large_page_is_served_precompressed_with_its_own_etag() {
    use std::io::Read;
    let db = TestDb::new();
    let content = Content::new();
    content.standard("long", "A Long Standard");
    let mut source = front("1", "final");
    for i in 1..=120 {
        source.push_str(&format!(
            "## {i} Clause number {i} {{#c{i}}}\n\nThe election office shall keep record {i} of every ballot container, seal and signature, and publish it within {i} days.\n\n"
        ));
    }
    content.version("long", "1", &source);
    import_dir(&mut db.conn(), content.path()).unwrap();
    let svc = service!(db);

    let plain = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/standards/long/1")
            .to_request(),
    )
    .await;
    assert_eq!(plain.status(), StatusCode::OK);
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    let plain_etag = plain.headers().get(header::ETAG).unwrap().clone();
    let plain_body = test::read_body(plain).await;
    assert!(plain_body.len() > 8 * 1024, "the page is large enough");

    let gz_request = || {
        test::TestRequest::get()
            .uri("/standards/long/1")
            // Brotli, preferred when offered, is tested in `page_cache`.
            .insert_header((header::ACCEPT_ENCODING, "gzip, deflate"))
    };
    let gz = test::call_service(&svc, gz_request().to_request()).await;
    assert_eq!(gz.status(), StatusCode::OK);
    assert_eq!(gz.headers().get(header::CONTENT_ENCODING).unwrap(), "gzip");
    assert_eq!(
        gz.headers().get(header::VARY).unwrap(),
        "Accept-Encoding, Accept-Language, Cookie"
    );
    let gz_etag = gz.headers().get(header::ETAG).unwrap().clone();
    assert_ne!(gz_etag, plain_etag, "each representation has its own ETag");
    let compressed = test::read_body(gz).await;
    assert!(compressed.len() < plain_body.len() / 2);
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain_body.to_vec(), "the same page, compressed");

    // The second request is served from the kept copy, byte for byte.
    let again = test::call_service(&svc, gz_request().to_request()).await;
    assert_eq!(test::read_body(again).await, compressed);

    let revalidate = test::call_service(
        &svc,
        gz_request()
            .insert_header((header::IF_NONE_MATCH, gz_etag))
            .to_request(),
    )
    .await;
    assert_eq!(revalidate.status(), StatusCode::NOT_MODIFIED);

    let refused = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/standards/long/1")
            .insert_header((header::ACCEPT_ENCODING, "gzip;q=0"))
            .to_request(),
    )
    .await;
    assert!(refused.headers().get(header::CONTENT_ENCODING).is_none());
}

#[actix_web::test]
async fn the_api_may_be_read_from_any_origin_and_pages_may_not() {
    let (db, _c) = seeded();
    let svc = service!(db);
    for path in [
        "/api/v1/standards",
        "/api/v1/standards/ballots/versions/2",
        "/api/v1/standards/ballots/versions/2/comments",
        "/api/v1/openapi.json",
    ] {
        for method in [actix_web::http::Method::GET, actix_web::http::Method::HEAD] {
            let resp = test::call_service(
                &svc,
                test::TestRequest::default()
                    .method(method.clone())
                    .uri(path)
                    .insert_header((header::ORIGIN, "https://data.example.net"))
                    .to_request(),
            )
            .await;
            assert_eq!(resp.status(), StatusCode::OK, "{method} {path}");
            let headers = resp.headers();
            assert_eq!(
                headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(),
                "*",
                "{method} {path}"
            );
            let exposed = headers
                .get(header::ACCESS_CONTROL_EXPOSE_HEADERS)
                .unwrap()
                .to_str()
                .unwrap();
            assert!(
                exposed.contains("ETag") && exposed.contains("Link"),
                "{exposed}"
            );
        }
    }
    // A 404 under /api/ is still readable (its JSON says what went wrong).
    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/api/v1/standards/nothing/versions/9")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert!(resp
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    // Pages are not open data for other sites' scripts.
    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/standards/ballots/2")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(!resp
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}
