//! The staff pages in Spanish: sign-in, the staff home, the editors' draft
//! and feedback pages, the moderation queue, comment periods, account
//! refusals and the audit log speak Spanish when the browser asks for it,
//! and English (word for word as before) when it does not.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test as web_test;
use docket::db::models::Role;

use crate::comments::{app, call, get, post, Answer, Browser, Site};
use crate::dispositions::{editor, staff_browser};
use crate::support::csrf_token_in;

/// `uri` fetched with `Accept-Language: es`.
async fn get_es<S, B>(svc: &S, b: &mut Browser, uri: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let req = web_test::TestRequest::get()
        .uri(uri)
        .insert_header(("Accept-Language", "es"));
    call(svc, b, req).await
}

/// The page is in Spanish and says each of `phrases`, and none of `english`.
fn spanish(a: &Answer, phrases: &[&str], english: &[&str]) {
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("<html lang=\"es\">"), "{}", a.body);
    for p in phrases {
        assert!(a.body.contains(p), "“{p}” is not on the page:\n{}", a.body);
    }
    for e in english {
        assert!(
            !a.body.contains(e),
            "“{e}” is still on the page:\n{}",
            a.body
        );
    }
}

/// The page is in English and says each of `phrases`.
fn english(a: &Answer, phrases: &[&str]) {
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("<html lang=\"en\">"), "{}", a.body);
    for p in phrases {
        assert!(a.body.contains(p), "“{p}” is not on the page:\n{}", a.body);
    }
}

#[actix_web::test]
async fn sign_in_and_the_staff_home_speak_spanish_when_asked() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("203.0.113.90");

    let a = get_es(&svc, &mut b, "/staff/login").await;
    spanish(
        &a,
        &[
            "Acceso del personal",
            "Nombre de cuenta",
            "Contraseña",
            "Iniciar sesión",
        ],
        &["Staff sign-in", "Account name"],
    );
    let a = get(&svc, &mut b, "/staff/login").await;
    english(&a, &["Staff sign-in", "Account name", "Sign in"]);

    // A wrong password is refused in the language of the request.
    let token = csrf_token_in(&a.body);
    let req = web_test::TestRequest::post()
        .uri("/staff/login")
        .insert_header(("Accept-Language", "es"))
        .set_form([
            ("csrf_token", token.as_str()),
            ("name", "nobody"),
            ("password", "not the password"),
            ("next", "/staff"),
        ]);
    let a = call(&svc, &mut b, req).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert!(
        a.body
            .contains("El nombre de cuenta o la contraseña no son correctos"),
        "{}",
        a.body
    );

    let mut admin = staff_browser(&svc, &site, "ada", Role::Admin).await;
    let a = get_es(&svc, &mut admin, "/staff").await;
    spanish(
        &a,
        &[
            "Sesión iniciada como",
            "Administrador",
            "Cola de moderación",
            "Cuentas del personal",
            "Cerrar sesión",
        ],
        &["Sign out", "Staff accounts"],
    );
    let a = get(&svc, &mut admin, "/staff").await;
    english(
        &a,
        &[
            "Signed in as",
            "(Administrator)",
            "Moderation queue",
            "Staff accounts",
            "Sign out",
        ],
    );

    let a = get_es(&svc, &mut admin, "/staff/accounts").await;
    spanish(
        &a,
        &["Agregar una cuenta", "Elija un rol"],
        &["Add an account"],
    );
    let a = get(&svc, &mut admin, "/staff/accounts").await;
    english(&a, &["Add an account", "Choose a role"]);

    // A refusal of the accounts' rules is in the language of the request.
    let token = csrf_token_in(&a.body);
    let req = web_test::TestRequest::post()
        .uri("/staff/accounts")
        .insert_header(("Accept-Language", "es"))
        .set_form([
            ("csrf_token", token.as_str()),
            ("name", "ana"),
            ("role", "editor"),
            ("password", "short"),
        ]);
    let a = call(&svc, &mut admin, req).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(
        a.body.contains("La nueva contraseña es demasiado corta"),
        "{}",
        a.body
    );

    // So are the names of the actions in the audit log.
    let a = get_es(&svc, &mut admin, "/staff/audit").await;
    spanish(
        &a,
        &["Inicio de sesión"],
        &[">Signed in<", "Signed in <code>"],
    );
    let a = get(&svc, &mut admin, "/staff/audit").await;
    english(&a, &["Signed in"]);
}

#[actix_web::test]
async fn the_draft_and_the_feedback_workspace_speak_spanish_when_asked() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = editor(&svc, &site).await;

    // Start the draft of version 3.
    let index = get(&svc, &mut b, "/editor/feedback").await;
    english(
        &index,
        &["Feedback and drafts", "Start the draft of version 3"],
    );
    let token = csrf_token_in(&index.body);
    let a = post(
        &svc,
        &mut b,
        "/editor/standards/ballots/drafts",
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);

    let draft = "/editor/standards/ballots/drafts/3";
    let a = get_es(&svc, &mut b, draft).await;
    spanish(
        &a,
        &[
            "Borrador de la versión 3",
            "Vista previa",
            "Título y notas",
            "Editar el archivo completo",
        ],
        &["Edit the whole file", "Save title and notes"],
    );
    let a = get(&svc, &mut b, draft).await;
    english(
        &a,
        &[
            "Draft of version 3 of",
            "Edit the whole file",
            "Save title and notes",
            "Renumber the clauses in order",
        ],
    );

    // What the code writes (a notice, a view's title, the redline's legend
    // and summary, the publishing checklist) speaks Spanish too.
    let a = get_es(&svc, &mut b, &format!("{draft}?saved=1")).await;
    spanish(
        &a,
        &["Se guardó como la revisión 1."],
        &["Saved as revision"],
    );
    let redline = format!("{draft}/redline");
    let a = get_es(&svc, &mut b, &redline).await;
    spanish(
        &a,
        &[
            "Borrador de la versión 3 comparado con la versión 2",
            "Cláusulas agregadas: 0",
            "los lectores de pantalla anuncian cada cambio",
        ],
        &["compared with version", "screen readers announce each"],
    );
    let a = get(&svc, &mut b, &redline).await;
    english(
        &a,
        &[
            "Draft of version 3 compared with version 2",
            "0 added, 0 removed, 0 modified",
            "screen readers announce each",
        ],
    );
    let a = get_es(&svc, &mut b, &format!("{draft}/publish")).await;
    spanish(
        &a,
        &["El título es el mismo que el de la versión 2"],
        &["The title is the same as version 2"],
    );

    let feedback = "/editor/standards/ballots/2/feedback";
    let a = get_es(&svc, &mut b, feedback).await;
    spanish(
        &a,
        &[
            "Comentarios recibidos sobre",
            "Filtrar y buscar",
            "Cualquier tipo",
            "Revisar y publicar",
        ],
        &["Filter and search", "Any type"],
    );
    let a = get(&svc, &mut b, feedback).await;
    english(
        &a,
        &[
            "Feedback on",
            "Filter and search",
            "Any type",
            "Review and release",
        ],
    );

    // A filter that names nothing, and a decision without a rationale, are
    // refused in the language of the request.
    let bad_filter = "/editor/standards/ballots/2/feedback?kind=bogus";
    let a = get_es(&svc, &mut b, bad_filter).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(
        a.body.contains("«bogus» no es un filtro de tipo"),
        "{}",
        a.body
    );
    let a = get(&svc, &mut b, bad_filter).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(
        a.body.contains("“bogus” is not a type filter"),
        "{}",
        a.body
    );
    let req = web_test::TestRequest::post()
        .uri("/editor/standards/ballots/2/dispositions")
        .insert_header(("Accept-Language", "es"))
        .set_form([
            ("csrf_token", token.as_str()),
            ("comment_ids", "1"),
            ("outcome", "noted"),
            ("rationale", "  "),
        ]);
    let a = call(&svc, &mut b, req).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(
        a.body
            .contains("Escriba una justificación: cada decisión se publica con su motivo."),
        "{}",
        a.body
    );

    let a = get_es(&svc, &mut b, "/editor/feedback").await;
    spanish(
        &a,
        &["Comentarios recibidos y borradores"],
        &["Feedback and drafts"],
    );
}

#[actix_web::test]
async fn the_moderation_queue_speaks_spanish_when_asked() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut m = staff_browser(&svc, &site, "mona", Role::Moderator).await;

    let a = get_es(&svc, &mut m, "/moderation").await;
    spanish(
        &a,
        &[
            "Cola de moderación",
            "registro de integridad",
            "La cola está vacía.",
        ],
        &["The queue is empty.", "Moderation queue"],
    );
    let a = get(&svc, &mut m, "/moderation").await;
    english(
        &a,
        &[
            "Moderation queue",
            "integrity ledger",
            "The queue is empty.",
        ],
    );
}

/// A form posted to `uri` with `Accept-Language: es`.
async fn post_es<S, B>(svc: &S, b: &mut Browser, uri: &str, fields: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let req = web_test::TestRequest::post()
        .uri(uri)
        .insert_header(("Accept-Language", "es"))
        .set_form(fields);
    call(svc, b, req).await
}

#[actix_web::test]
async fn a_comment_period_is_changed_in_spanish_and_logged_in_english() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = editor(&svc, &site).await;
    let form = "/editor/standards/ballots/2/period";
    let page = get_es(&svc, &mut b, form).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let token = csrf_token_in(&page.body);

    let fields = [
        ("csrf_token", token.as_str()),
        ("action", "extend"),
        ("closes", "pronto"),
    ];
    let a = post_es(&svc, &mut b, form, &fields).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(
        a.body.contains(
            "El valor «pronto» indicado como la nueva hora de cierre no es una fecha y hora"
        ),
        "{}",
        a.body
    );

    let fields = [
        ("csrf_token", token.as_str()),
        ("action", "extend"),
        ("closes", "2099-06-01T12:00"),
    ];
    let a = post_es(&svc, &mut b, form, &fields).await;
    spanish(
        &a,
        &["Ahora los comentarios están abiertos hasta el 1 de junio de 2099"],
        &["Comments are now open"],
    );

    // The changelog keeps what was done in English, whoever did it.
    let mut reader = Browser::new("192.0.2.41");
    let log = "/standards/ballots/2/changelog";
    let a = get(&svc, &mut reader, log).await;
    english(
        &a,
        &[
            "Comment period extended",
            "Comments are now open until 1 June 2099, 12:00 PM CDT (America/Chicago).",
        ],
    );
    let a = get_es(&svc, &mut reader, log).await;
    spanish(
        &a,
        &["Período de comentarios extendido"],
        &["Comment period extended"],
    );
}
