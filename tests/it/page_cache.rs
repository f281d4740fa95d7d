//! The page cache with the settings a real server runs with: public pages
//! are answered from memory (without reading the database), in the
//! encoding the client takes best, with `304` and `HEAD`; a change made
//! behind the server's back shows within a second.

use std::io::Read;
use std::time::{Duration, Instant};

use actix_web::http::{header, StatusCode};
use actix_web::test;
use docket::config::SiteConfig;
use docket::standard::import::import_dir;
use docket::web::{app, AppState};

use crate::support::{exec, header_of, two_versions, TestDb};

async fn call<S, B>(svc: &S, req: test::TestRequest) -> (StatusCode, header::HeaderMap, Vec<u8>)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let resp = test::call_service(svc, req.to_request()).await;
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = test::read_body(resp).await.to_vec();
    (status, headers, body)
}

#[actix_web::test]
async fn public_pages_come_from_memory_in_each_encoding_with_304_and_head() {
    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    let svc = test::init_service(app(AppState::new(db.pool.clone(), SiteConfig::default()))).await;
    let page = "/standards/ballots/2";

    let (status, headers, plain) = call(&svc, test::TestRequest::get().uri(page)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        header_of(&headers, header::CONTENT_ENCODING).is_empty(),
        "plain sent as it is"
    );
    let html = String::from_utf8(plain.clone()).unwrap();
    assert!(html.contains("<h1"), "{html}");
    let etag = header_of(&headers, header::ETAG);
    assert!(etag.starts_with('"'), "a strong ETag: {etag}");
    assert_eq!(
        header_of(&headers, header::VARY),
        "Accept-Encoding, Accept-Language, Cookie"
    );

    // Brotli for a browser that takes it, gzip for one that takes only
    // gzip; each decodes to the same page and has its own ETag.
    let (status, headers, br) = call(
        &svc,
        test::TestRequest::get()
            .uri(page)
            .insert_header((header::ACCEPT_ENCODING, "gzip, deflate, br")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "br");
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain, "Brotli decodes to the page");
    let br_etag = header_of(&headers, header::ETAG);
    assert_ne!(br_etag, etag);

    let (_, headers, gz) = call(
        &svc,
        test::TestRequest::get()
            .uri(page)
            .insert_header((header::ACCEPT_ENCODING, "gzip, br;q=0")),
    )
    .await;
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "gzip");
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain, "gzip decodes to the page");
    let gz_etag = header_of(&headers, header::ETAG);

    // Revalidation: 304 for the variant the client holds.
    for (coding, tag) in [("identity", &etag), ("br", &br_etag), ("gzip", &gz_etag)] {
        let (status, _, body) = call(
            &svc,
            test::TestRequest::get()
                .uri(page)
                .insert_header((header::ACCEPT_ENCODING, coding))
                .insert_header((header::IF_NONE_MATCH, tag.as_str())),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{coding}");
        assert!(body.is_empty());
    }

    // HEAD answers with a GET's headers.
    let (status, headers, _) = call(
        &svc,
        test::TestRequest::default()
            .method(actix_web::http::Method::HEAD)
            .uri(page),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_of(&headers, header::ETAG), etag);

    // The kept page is answered without reading the database: its clauses
    // are gone from it, and the page is still served, in every encoding.
    let mut conn = db.conn();
    if db.is_postgres() {
        exec(&mut conn, "DROP TABLE clauses CASCADE");
    } else {
        exec(&mut conn, "PRAGMA foreign_keys = OFF");
        exec(&mut conn, "DROP TABLE clauses");
    }
    drop(conn);
    for coding in ["identity", "gzip", "br"] {
        let (status, _, _) = call(
            &svc,
            test::TestRequest::get()
                .uri(page)
                .insert_header((header::ACCEPT_ENCODING, coding)),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{coding} from memory");
    }
    // A page never rendered must read the missing table, and fails.
    let (status, _, _) = call(&svc, test::TestRequest::get().uri("/standards/ballots/1")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[actix_web::test]
async fn a_change_made_behind_the_servers_back_shows_within_a_second() {
    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    let svc = test::init_service(app(AppState::new(db.pool.clone(), SiteConfig::default()))).await;
    let page = "/standards/ballots/2";
    let (status, _, body) = call(&svc, test::TestRequest::get().uri(page)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!String::from_utf8(body)
        .unwrap()
        .contains("Renamed by another server"));

    // Another app server (here: this test) renames the version.
    exec(
        &mut db.conn(),
        "UPDATE versions SET title = 'Renamed by another server' WHERE label = '2'",
    );
    let start = Instant::now();
    loop {
        let (_, _, body) = call(&svc, test::TestRequest::get().uri(page)).await;
        if String::from_utf8(body)
            .unwrap()
            .contains("Renamed by another server")
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "the change did not show within a second"
        );
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
}

#[actix_web::test]
async fn a_kept_page_changes_when_its_comment_window_closes() {
    use diesel::prelude::*;
    use docket::db::schema::versions;

    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    // Version 2's window closes in two seconds.
    let closes = chrono::Utc::now().naive_utc() + chrono::Duration::seconds(2);
    diesel::update(versions::table.filter(versions::label.eq("2")))
        .set(versions::comment_closes.eq(Some(closes)))
        .execute(&mut db.conn())
        .unwrap();
    let svc = test::init_service(app(AppState::new(db.pool.clone(), SiteConfig::default()))).await;
    let page = "/standards/ballots/2";
    let (_, _, body) = call(&svc, test::TestRequest::get().uri(page)).await;
    let open = String::from_utf8(body).unwrap();
    assert!(open.contains("class=\"comment-link\""), "open: {open}");

    // Nothing in the database changes; only the clock passes the closing.
    let wait = closes - chrono::Utc::now().naive_utc() + chrono::Duration::milliseconds(300);
    actix_web::rt::time::sleep(wait.to_std().unwrap_or_default()).await;
    let (_, _, body) = call(&svc, test::TestRequest::get().uri(page)).await;
    let closed = String::from_utf8(body).unwrap();
    assert!(
        !closed.contains("class=\"comment-link\""),
        "the page kept from before the closing is not served after it"
    );
}
