//! Translations of a version (`2.es.md`): loaded with exactly the clause
//! keys of the English text and never changing it, offered and shown on
//! the version and clause pages with the right `lang` attributes, comments
//! by clause key whatever the language read, and the redline of two
//! translations.

use std::collections::BTreeSet;

use actix_web::http::StatusCode;
use diesel::prelude::*;
use docket::db::models::{ClauseRow, ClauseTranslation, Standard, Version, VersionTranslation};
use docket::standard::import::import_dir;

use crate::comments::{
    app, confirm, fields, get, last_comment_id, open_form, send_form, verification_link, Browser,
    Site,
};
use crate::support::{count, sample_content, two_versions, Content, TestDb};

const SPANISH_1: &str = "+++\nlabel = \"1\"\ntitle = \"Norma de prueba, versión 1\"\n+++\n\nPreámbulo del primer borrador.\n\n## 1 Integridad {#integrity}\n\n### 1.1 Cadena de custodia {#custody}\n\nLas boletas se registrarán en cada entrega.\n\n### 1.2 Precintos {#seals}\n\nCada contenedor se cerrará con un precinto numerado, anotado en el registro.\n\n### 1.3 Salas de almacenamiento {#storage-rooms}\n\nLas boletas se guardan en una sala cerrada con dos llaves en manos de personas distintas.\n";

const SPANISH_2: &str = "+++\nlabel = \"2\"\ntitle = \"Norma de prueba, versión 2\"\nnotes = \"Notas en español.\"\n+++\n\n## 1 Integridad {#integrity}\n\n### 1.1 Capacitación {#training}\n\nEl personal que maneja boletas recibirá capacitación cada año.\n\n### 1.2 Cadena de custodia {#custody}\n\nLas boletas se registrarán en cada entrega, con dos firmas.\n\n### 1.3 Precintos {#seals}\n\nCada contenedor se cerrará con un precinto numerado, anotado en el registro.\n\n### 1.4 Almacenamiento seguro {#storage-rooms}\n\nLas boletas se guardan en una sala cerrada con dos llaves en manos de dos personas distintas.\n";

fn translate(content: &Content, slug: &str, label: &str, text: &str) {
    std::fs::write(
        content.path().join(slug).join(format!("{label}.es.md")),
        text,
    )
    .unwrap();
}

/// The two-version fixture with a Spanish translation of each version.
fn translated() -> Content {
    let c = two_versions();
    translate(&c, "ballots", "1", SPANISH_1);
    translate(&c, "ballots", "2", SPANISH_2);
    c
}

fn version(conn: &mut docket::db::DbConn, slug: &str, label: &str) -> Version {
    let s = Standard::by_slug(conn, slug).unwrap();
    Version::by_label(conn, s.id, label).unwrap()
}

#[test]
fn the_sample_spanish_translation_has_exactly_the_keys_of_the_english_text() {
    let db = TestDb::new();
    let report = import_dir(&mut db.conn(), &sample_content()).unwrap();
    assert!(
        report
            .to_string()
            .contains("Spanish translation of version 2"),
        "{report}"
    );
    let mut conn = db.conn();
    let v = version(&mut conn, "voter-communications", "2");
    let english: BTreeSet<String> = ClauseRow::keys_for_version(&mut conn, v.id)
        .unwrap()
        .into_iter()
        .collect();
    let spanish: BTreeSet<String> = ClauseTranslation::for_version(&mut conn, v.id, "es")
        .unwrap()
        .into_iter()
        .map(|c| c.clause_key)
        .collect();
    assert_eq!(english.len(), 51);
    assert_eq!(english, spanish);
    let t = VersionTranslation::find(&mut conn, v.id, "es")
        .unwrap()
        .expect("a Spanish translation");
    assert!(t.title.starts_with("Comunicaciones con los votantes"));
    // The English version is what it was: the file's bytes and their hash.
    let file = std::fs::read(sample_content().join("voter-communications/2.md")).unwrap();
    assert_eq!(v.sha256, docket::standard::sha256_hex(&file));
    assert_eq!(
        Version::source(&mut conn, v.id).unwrap().as_bytes(),
        file.as_slice()
    );
    // The first draft's translation too, so the drafts compare in Spanish.
    let v1 = version(&mut conn, "voter-communications", "1");
    let english_1: BTreeSet<String> = ClauseRow::keys_for_version(&mut conn, v1.id)
        .unwrap()
        .into_iter()
        .collect();
    let spanish_1: BTreeSet<String> = ClauseTranslation::for_version(&mut conn, v1.id, "es")
        .unwrap()
        .into_iter()
        .map(|c| c.clause_key)
        .collect();
    assert_eq!(english_1, spanish_1);
    // Importing again changes nothing.
    let again = import_dir(&mut conn, &sample_content()).unwrap();
    assert!(!again.changed(), "{again}");
}

#[test]
fn a_translation_with_a_missing_key_is_refused_and_nothing_is_imported() {
    let db = TestDb::new();
    let c = two_versions();
    translate(
        &c,
        "ballots",
        "2",
        &SPANISH_2
            .replace("{#training}", "")
            .replace("{#seals}", "{#precintos}"),
    );
    let err = import_dir(&mut db.conn(), c.path()).unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains("2.es.md"), "{message}");
    assert!(
        message.contains("missing key(s) `seals`, `training`"),
        "{message}"
    );
    assert!(
        message.contains("extra key(s) `capacitacion`, `precintos`"),
        "{message}"
    );
    let mut conn = db.conn();
    assert_eq!(count(&mut conn, "versions"), 0);
    assert_eq!(count(&mut conn, "version_translations"), 0);
}

#[test]
fn a_translation_of_no_version_is_refused() {
    let db = TestDb::new();
    let c = two_versions();
    translate(&c, "ballots", "3", &SPANISH_2.replace("\"2\"", "\"3\""));
    let message = format!("{:#}", import_dir(&mut db.conn(), c.path()).unwrap_err());
    assert!(message.contains("there is no 3.md"), "{message}");
}

#[test]
fn a_changed_translation_is_replaced_and_the_version_stays_the_same() {
    let db = TestDb::new();
    let c = translated();
    import_dir(&mut db.conn(), c.path()).unwrap();
    let mut conn = db.conn();
    let before = version(&mut conn, "ballots", "2");
    let before_source = Version::source(&mut conn, before.id).unwrap();
    translate(
        &c,
        "ballots",
        "2",
        &SPANISH_2.replace("con dos firmas", "con dos firmas legibles"),
    );
    let report = import_dir(&mut conn, c.path()).unwrap();
    assert_eq!(report.translations_changed, 1, "{report}");
    assert_eq!(report.versions_unchanged, 2, "{report}");
    let after = version(&mut conn, "ballots", "2");
    assert_eq!((before.id, &before.sha256), (after.id, &after.sha256));
    assert_eq!(before_source, Version::source(&mut conn, after.id).unwrap());
    let custody = ClauseTranslation::for_version(&mut conn, after.id, "es")
        .unwrap()
        .into_iter()
        .find(|c| c.clause_key == "custody")
        .unwrap();
    assert!(custody.html.contains("firmas legibles"), "{}", custody.html);
    assert_eq!(count(&mut conn, "clause_translations"), 9);
}

#[actix_web::test]
async fn the_version_page_offers_the_translation_and_shows_it_with_lang_attributes() {
    let site = Site::new(translated());
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.50");

    let english = get(&svc, &mut b, "/standards/ballots/2").await;
    assert_eq!(english.status, StatusCode::OK);
    assert!(
        english.body.contains(
            "<a href=\"/standards/ballots/2?text=es\" hreflang=\"es\" lang=\"es\">Leer esta versión en español</a> <span>(Read this version in Spanish)</span>"
        ),
        "{}",
        english.body
    );
    assert!(!english.body.contains("Cadena de custodia"));

    let spanish = get(&svc, &mut b, "/standards/ballots/2?text=es").await;
    assert_eq!(spanish.status, StatusCode::OK);
    let page = &spanish.body;
    assert!(
        page.contains("<html lang=\"en\">"),
        "the page stays English"
    );
    assert!(
        page.contains("<h1 lang=\"es\">Norma de prueba, versión 2</h1>"),
        "{page}"
    );
    assert!(
        page.contains("<h3 id=\"h-custody\" lang=\"es\"><span class=\"num\">1.2</span> Cadena de custodia</h3>"),
        "{page}"
    );
    assert!(
        page.contains("<div class=\"body\" lang=\"es\"><p>Las boletas se registrarán en cada entrega, con dos firmas.</p>"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"notes\" lang=\"es\">Notas en español.</p>"),
        "{page}"
    );
    assert!(
        page.contains("The English text is the official one"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/standards/ballots/2?text=en\" hreflang=\"en\">read the official English text</a>"),
        "{page}"
    );
    assert!(
        !page.contains("Leer esta versión en español"),
        "no offer of what is shown"
    );
    // Links to the clause's own page stay in Spanish.
    assert!(
        page.contains("href=\"/standards/ballots/2/clauses/custody?text=es\""),
        "{page}"
    );

    // The clause page, in Spanish.
    let clause = get(&svc, &mut b, "/standards/ballots/2/clauses/custody?text=es").await;
    assert_eq!(clause.status, StatusCode::OK);
    assert!(
        clause
            .body
            .contains("<h1 lang=\"es\"><span class=\"num\">1.2</span> Cadena de custodia</h1>"),
        "{}",
        clause.body
    );
    assert!(clause.body.contains("Key: <code>custody</code>"));

    // The English page again, after the Spanish one: the cache keeps them apart.
    let again = get(&svc, &mut b, "/standards/ballots/2").await;
    assert_eq!(again.body, english.body);
    let official = get(&svc, &mut b, "/standards/ballots/2?text=en").await;
    assert!(official.body.contains("<h1>Test standard, version 2</h1>"));
    assert!(!official.body.contains("lang=\"es\">Cadena"));
}

/// A page asked for by a browser that prefers Spanish.
async fn spanish_page<S, B>(svc: &S, uri: &str) -> String
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let req = actix_web::test::TestRequest::get()
        .uri(uri)
        .insert_header((actix_web::http::header::ACCEPT_LANGUAGE, "es"))
        .to_request();
    let resp = actix_web::test::call_service(svc, req).await;
    assert_eq!(resp.status(), StatusCode::OK, "{uri}");
    String::from_utf8(actix_web::test::read_body(resp).await.to_vec()).unwrap()
}

#[actix_web::test]
async fn a_spanish_page_shows_the_translation_and_marks_english_text_as_english() {
    let site = Site::new(translated());
    let svc = app!(site);

    let html = spanish_page(&svc, "/standards/ballots/2").await;
    assert!(html.contains("<html lang=\"es\">"), "{html}");
    // The text is in the page's language: no attribute needed.
    assert!(
        html.contains("<h1>Norma de prueba, versión 2</h1>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<h3 id=\"h-custody\"><span class=\"num\">1.2</span> Cadena de custodia</h3>"
        ),
        "{html}"
    );
    // The notice speaks the page's language; it links to the English text.
    assert!(
        html.contains("<p class=\"translation-notice\" role=\"note\">Esta es una traducción al español de la versión 2, por comodidad. El texto oficial es el inglés: <a href=\"/standards/ballots/2?text=en\" hreflang=\"en\">leer el texto oficial en inglés</a>."),
        "{html}"
    );
    assert!(
        html.contains("href=\"/standards/ballots/2?text=en\""),
        "{html}"
    );

    // The official text on a Spanish page is marked English.
    let html = spanish_page(&svc, "/standards/ballots/2?text=en").await;
    assert!(
        html.contains("<h1 lang=\"en\">Test standard, version 2</h1>"),
        "{html}"
    );
    assert!(html.contains("<h3 id=\"h-custody\" lang=\"en\">"), "{html}");
    assert!(html.contains("<div class=\"body\" lang=\"en\">"), "{html}");
    let clause = spanish_page(&svc, "/standards/ballots/2/clauses/custody").await;
    assert!(
        clause.contains("<h1><span class=\"num\">1.2</span> Cadena de custodia</h1>"),
        "{clause}"
    );
}

#[actix_web::test]
async fn an_unknown_text_is_a_400_and_a_missing_translation_is_said() {
    let c = two_versions();
    translate(&c, "ballots", "2", SPANISH_2);
    let site = Site::new(c);
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.51");
    let a = get(&svc, &mut b, "/standards/ballots/2?text=fr").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("Choose text=en or text=es"), "{}", a.body);

    let a = get(&svc, &mut b, "/standards/ballots/1?text=es").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains(
            "Version 1 has no Spanish translation, so the official English text is shown."
        ),
        "{}",
        a.body
    );
    assert!(a.body.contains("<h1>Test standard, version 1</h1>"));

    // The redline with one side untranslated: the English one, and why.
    let a = get(&svc, &mut b, "/standards/ballots/compare/1...2?text=es").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains("Version 1 has no Spanish translation, so this is the comparison of the official English texts."),
        "{}",
        a.body
    );
    assert!(a.body.contains("two signatures"), "{}", a.body);
}

#[actix_web::test]
async fn a_comment_made_while_reading_spanish_belongs_to_the_same_clause_key() {
    let site = Site::new(translated());
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.52");

    let spanish = get(&svc, &mut b, "/standards/ballots/2/clauses/custody?text=es").await;
    assert_eq!(spanish.status, StatusCode::OK);
    let form_href = "/standards/ballots/2/clauses/custody/comments/new";
    assert!(
        spanish.body.contains(&format!("href=\"{form_href}\"")),
        "the Spanish page links to the clause's form: {}",
        spanish.body
    );
    let version = get(&svc, &mut b, "/standards/ballots/2?text=es").await;
    assert!(version.body.contains(&format!("href=\"{form_href}\"")));

    let token = open_form(&svc, &mut b, form_href).await;
    let form = get(&svc, &mut b, form_href).await;
    let post = "/standards/ballots/2/clauses/custody/comments";
    assert!(
        form.body.contains(&format!("action=\"{post}\"")),
        "{}",
        form.body
    );
    let body = "Dos firmas no bastan si nadie las compara.";
    let a = send_form(
        &svc,
        &mut b,
        post,
        &fields(&token, "lectora@example.org", body),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let link = verification_link(&site.deliver(), "lectora@example.org");
    let a = confirm(&svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);

    let id = last_comment_id(&site);
    assert_eq!(site.comment(id).clause_key.as_deref(), Some("custody"));
    for uri in [
        "/standards/ballots/2/clauses/custody",
        "/standards/ballots/2/clauses/custody?text=es",
        "/standards/ballots/2/clauses/custody?text=en",
    ] {
        let page = get(&svc, &mut b, uri).await;
        assert!(page.body.contains(body), "{uri}: {}", page.body);
    }
}

#[actix_web::test]
async fn the_spanish_redline_compares_the_two_translations() {
    let site = Site::new(translated());
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.53");

    let english = get(&svc, &mut b, "/standards/ballots/compare/1...2").await;
    assert_eq!(english.status, StatusCode::OK);
    assert!(
        english.body.contains("<a href=\"/standards/ballots/compare/1...2?text=es\" hreflang=\"es\">Compare the Spanish translations of these versions</a>"),
        "{}",
        english.body
    );

    let a = get(&svc, &mut b, "/standards/ballots/compare/1...2?text=es").await;
    assert_eq!(a.status, StatusCode::OK);
    let page = &a.body;
    assert!(
        page.contains("<div class=\"redline view-inline\" lang=\"es\">"),
        "{page}"
    );
    assert!(page.contains("Capacitación"), "{page}");
    assert!(page.contains("firmas"), "{page}");
    assert!(!page.contains("two signatures"), "{page}");
    assert!(
        page.contains("<a href=\"/standards/ballots/compare/1...2\" hreflang=\"en\">compare the official English texts</a>"),
        "{page}"
    );
    // The other views keep the language.
    assert!(
        page.contains("href=\"/standards/ballots/compare/1...2?view=side&#38;text=es\""),
        "{page}"
    );
    let side = get(
        &svc,
        &mut b,
        "/standards/ballots/compare/1...2?view=side&text=es",
    )
    .await;
    assert_eq!(side.status, StatusCode::OK);
    assert!(side.body.contains("Capacitación"));

    // The version page's link to the redline keeps the translation.
    let v = get(&svc, &mut b, "/standards/ballots/2?text=es").await;
    assert!(
        v.body
            .contains("href=\"/standards/ballots/compare/1...2?text=es\""),
        "{}",
        v.body
    );
    let _ = site.conn();
}

#[test]
fn translations_go_when_their_version_is_a_replaced_draft() {
    use docket::db::schema::version_translations;
    let db = TestDb::new();
    let c = Content::new();
    c.standard("drafty", "Drafty");
    let draft = format!(
        "{}## 1 Scope {{#scope}}\n\nText.\n",
        crate::support::front("1", "draft")
    );
    c.version("drafty", "1", &draft);
    translate(
        &c,
        "drafty",
        "1",
        "+++\nlabel = \"1\"\ntitle = \"Borrador\"\n+++\n\n## 1 Alcance {#scope}\n\nTexto.\n",
    );
    import_dir(&mut db.conn(), c.path()).unwrap();
    c.version("drafty", "1", &draft.replace("Text.", "Other text."));
    import_dir(&mut db.conn(), c.path()).unwrap();
    let mut conn = db.conn();
    let n: i64 = version_translations::table
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(n, 1, "stored again from its file");
}
