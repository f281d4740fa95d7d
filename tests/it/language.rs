//! The interface in English and Spanish: chosen by `Accept-Language`, by
//! the switch (remembered in a cookie) or for one page by `?lang=`, and
//! every page kept in memory once per language.

use actix_web::http::{header, StatusCode};
use actix_web::test as web_test;
use docket::config::SiteConfig;
use docket::standard::import::import_dir;
use docket::web::{app, AppState};

use crate::support::{header_of, two_versions, TestDb};

async fn get<S, B>(svc: &S, req: web_test::TestRequest) -> (StatusCode, header::HeaderMap, String)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let resp = web_test::call_service(svc, req.to_request()).await;
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = web_test::read_body(resp).await.to_vec();
    (status, headers, String::from_utf8(body).unwrap())
}

#[actix_web::test]
async fn a_page_is_spanish_for_a_browser_that_asks_and_english_by_default() {
    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    let svc =
        web_test::init_service(app(AppState::new(db.pool.clone(), SiteConfig::default()))).await;
    let page = "/standards/ballots/2";

    // Twice each, so that the second answer comes from the page cache: a
    // page kept in one language is never served in the other.
    for _ in 0..2 {
        let (status, headers, html) = get(&svc, web_test::TestRequest::get().uri(page)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<html lang=\"en\">"), "{html}");
        assert!(html.contains(">Search</button>"));
        assert_eq!(header_of(&headers, header::CONTENT_LANGUAGE), "en");
        // The switch offers Spanish, named in Spanish and marked as such.
        assert!(html.contains("<button type=\"submit\" lang=\"es\">Español</button>"));

        let (status, headers, html) = get(
            &svc,
            web_test::TestRequest::get()
                .uri(page)
                .insert_header((header::ACCEPT_LANGUAGE, "es-MX,es;q=0.9,en;q=0.5")),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<html lang=\"es\">"), "{html}");
        assert!(html.contains(">Buscar</button>"));
        assert!(!html.contains(">Search</button>"));
        assert_eq!(header_of(&headers, header::CONTENT_LANGUAGE), "es");
        assert!(header_of(&headers, header::VARY).contains("Accept-Language"));
        assert!(html.contains("<button type=\"submit\" lang=\"en\">English</button>"));
    }

    // A remembered choice beats the browser's preference; `?lang=` beats both.
    let (_, _, html) = get(
        &svc,
        web_test::TestRequest::get()
            .uri(page)
            .insert_header((header::ACCEPT_LANGUAGE, "en"))
            .insert_header((header::COOKIE, "docket_lang=es")),
    )
    .await;
    assert!(html.contains("<html lang=\"es\">"));
    let (_, _, html) = get(
        &svc,
        web_test::TestRequest::get()
            .uri(&format!("{page}?lang=en"))
            .insert_header((header::COOKIE, "docket_lang=es")),
    )
    .await;
    assert!(html.contains("<html lang=\"en\">"));
}

#[actix_web::test]
async fn the_switch_remembers_the_choice_and_comes_back_to_the_page() {
    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    let svc =
        web_test::init_service(app(AppState::new(db.pool.clone(), SiteConfig::default()))).await;

    // The switch on a page names that page (without any `lang=`) to come back to.
    let (_, _, html) = get(
        &svc,
        web_test::TestRequest::get().uri("/standards/ballots?lang=en"),
    )
    .await;
    assert!(
        html.contains("name=\"next\" value=\"/standards/ballots\""),
        "{html}"
    );

    let resp = web_test::call_service(
        &svc,
        web_test::TestRequest::post()
            .uri("/language")
            .set_form([("lang", "es"), ("next", "/standards/ballots")])
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        resp.headers().get(header::LOCATION).unwrap(),
        "/standards/ballots"
    );
    let cookie = resp
        .response()
        .cookies()
        .find(|c| c.name() == "docket_lang")
        .expect("the choice is remembered");
    assert_eq!(cookie.value(), "es");
    assert_eq!(cookie.http_only(), Some(true));

    let (_, _, html) = get(
        &svc,
        web_test::TestRequest::get()
            .uri("/standards/ballots")
            .cookie(cookie.into_owned()),
    )
    .await;
    assert!(html.contains("<html lang=\"es\">"));

    // The switch never sends a reader to another site.
    let resp = web_test::call_service(
        &svc,
        web_test::TestRequest::post()
            .uri("/language")
            .set_form([("lang", "en"), ("next", "//evil.example/")])
            .to_request(),
    )
    .await;
    assert_eq!(resp.headers().get(header::LOCATION).unwrap(), "/");

    // Opening a page never sets the cookie: only the switch does.
    let resp = web_test::call_service(
        &svc,
        web_test::TestRequest::get()
            .uri("/standards/ballots?lang=es")
            .to_request(),
    )
    .await;
    assert!(resp.response().cookies().all(|c| c.name() != "docket_lang"));
}
