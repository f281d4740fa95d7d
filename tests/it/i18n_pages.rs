//! The public reading pages in English and Spanish: the same address
//! answers in Spanish to a browser that asks for it, and in English to one
//! that does not say.

use actix_web::http::{header, StatusCode};
use actix_web::test as web_test;
use docket::config::SiteConfig;
use docket::standard::import::import_dir;
use docket::web::{app, AppState};

use crate::support::{two_versions, TestDb};

async fn get<S, B>(svc: &S, uri: &str, spanish: bool) -> (StatusCode, String)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let mut req = web_test::TestRequest::get().uri(uri);
    if spanish {
        req = req.insert_header((header::ACCEPT_LANGUAGE, "es"));
    }
    let resp = web_test::call_service(svc, req.to_request()).await;
    let status = resp.status();
    let body = web_test::read_body(resp).await.to_vec();
    (status, String::from_utf8(body).unwrap())
}

/// Each page: its address, the status it answers with, a phrase it shows
/// in English and the same phrase in Spanish.
const PAGES: &[(&str, u16, &str, &str)] = &[
    (
        "/",
        200,
        "Standards for election administration",
        "Normas para la administración electoral",
    ),
    (
        "/standards/ballots",
        200,
        "Compare two versions",
        "Comparar dos versiones",
    ),
    (
        "/standards/ballots/2",
        200,
        "Open for comment",
        "Abierta a comentarios",
    ),
    (
        "/standards/ballots/2",
        200,
        "What changed since version 1",
        "Qué cambió desde la versión 1",
    ),
    (
        "/standards/ballots/2/clauses/custody",
        200,
        "History of this clause",
        "Historial de esta cláusula",
    ),
    (
        "/standards/ballots/compare/1...2",
        200,
        "Changes from version 1 to version 2",
        "Cambios de la versión 1 a la versión 2",
    ),
    (
        "/standards/ballots/2/dispositions",
        200,
        "Version 2 has no public comments.",
        "La versión 2 no tiene comentarios públicos.",
    ),
    (
        "/standards/ballots/2/changelog",
        200,
        "Changelog: Ballot Handling, version 2",
        "Registro de cambios: Ballot Handling, versión 2",
    ),
    (
        "/standards/ballots/clauses/custody/history",
        200,
        "Where the clause appears",
        "Dónde aparece la cláusula",
    ),
    ("/search", 200, "Narrow the search", "Acotar la búsqueda"),
    (
        "/no/such/page",
        404,
        "Page not found",
        "Página no encontrada",
    ),
    (
        "/standards/nothing-here",
        404,
        "Go to the list of standards",
        "Ir a la lista de normas",
    ),
];

#[actix_web::test]
async fn the_reading_pages_speak_spanish_when_asked_and_english_by_default() {
    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    let svc =
        web_test::init_service(app(AppState::new(db.pool.clone(), SiteConfig::default()))).await;

    for (uri, status, english, spanish) in PAGES {
        let (got, html) = get(&svc, uri, false).await;
        assert_eq!(got.as_u16(), *status, "{uri}");
        assert!(html.contains("<html lang=\"en\">"), "{uri}");
        assert!(html.contains(english), "{uri}: {english}\n{html}");
        assert!(!html.contains(spanish), "{uri}: {spanish}");

        let (got, html) = get(&svc, uri, true).await;
        assert_eq!(got.as_u16(), *status, "{uri}");
        assert!(html.contains("<html lang=\"es\">"), "{uri}");
        assert!(html.contains(spanish), "{uri}: {spanish}\n{html}");
        assert!(!html.contains(english), "{uri}: {english}");
    }
}

#[actix_web::test]
async fn a_feed_speaks_the_language_of_the_request() {
    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    let svc =
        web_test::init_service(app(AppState::new(db.pool.clone(), SiteConfig::default()))).await;

    let (status, xml) = get(&svc, "/standards/ballots/versions.atom", false).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        xml.contains("<title>Versions of Ballot Handling</title>"),
        "{xml}"
    );
    assert!(xml.contains("Status: Open for comment."), "{xml}");

    let (status, xml) = get(&svc, "/standards/ballots/versions.atom", true).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        xml.contains("<title>Versiones de Ballot Handling</title>"),
        "{xml}"
    );
    assert!(xml.contains("Estado: Abierta a comentarios."), "{xml}");
    assert!(xml.contains("Los editores de Ballot Handling"), "{xml}");

    let (status, xml) = get(&svc, "/standards/ballots/2/decisions.atom", true).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        xml.contains(
            "<title>Decisiones sobre los comentarios de Ballot Handling, versión 2</title>"
        ),
        "{xml}"
    );
}

#[actix_web::test]
async fn the_api_stays_english_whatever_the_language() {
    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    let svc =
        web_test::init_service(app(AppState::new(db.pool.clone(), SiteConfig::default()))).await;

    let (status, json) = get(&svc, "/api/v1/standards/nothing-here", true).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(json.contains("Page not found"), "{json}");
}
