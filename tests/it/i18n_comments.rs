//! Commenting in Spanish: the form, its errors, the "check your email"
//! page and the confirmation page in the reader's language; the
//! confirmation mail in the language the comment was sent in; and later
//! mail (a reply notice, a decision) in the commenter's language, whatever
//! the language of whoever caused it.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::test as web_test;
use docket::mail::SentMail;

use crate::comments::{
    app, call, confirm, fields, follow, get, last_comment_id, link_in, open_form, send_form,
    verification_link, with, Answer, Browser, Site, CUSTODY_FORM, CUSTODY_POST, EMAIL, OTHER_EMAIL,
};
use crate::dispositions::{decide, editor};
use crate::support::csrf_token_in;

/// A GET in Spanish, as a browser set to Spanish sends it.
async fn get_es<S, B>(svc: &S, b: &mut Browser, uri: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let req = web_test::TestRequest::get()
        .uri(uri)
        .insert_header((header::ACCEPT_LANGUAGE, "es-MX,es;q=0.9"));
    call(svc, b, req).await
}

/// A form POST in Spanish.
async fn post_es<S, B>(svc: &S, b: &mut Browser, uri: &str, form: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let req = web_test::TestRequest::post()
        .uri(uri)
        .insert_header((header::ACCEPT_LANGUAGE, "es-MX,es;q=0.9"))
        .set_form(form.to_vec());
    call(svc, b, req).await
}

/// The 303 answer's target, opened in Spanish.
async fn follow_es<S, B>(svc: &S, b: &mut Browser, a: Answer) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let to = a.headers.get(header::LOCATION).unwrap().to_str().unwrap();
    get_es(svc, b, to).await
}

/// The mails to `to` whose subject starts with `subject`.
fn mails_to<'a>(mails: &'a [SentMail], to: &str, subject: &str) -> Vec<&'a SentMail> {
    mails
        .iter()
        .filter(|m| m.to == to && m.subject.starts_with(subject))
        .collect()
}

/// Send a comment on the custody clause in Spanish from `b`; returns the
/// "check your email" page.
async fn submit_es<S, B>(svc: &S, b: &mut Browser, email: &str, body: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = csrf_token_in(&get_es(svc, b, CUSTODY_FORM).await.body);
    let a = post_es(svc, b, CUSTODY_POST, &fields(&token, email, body)).await;
    follow_es(svc, b, a).await
}

#[actix_web::test]
async fn the_comment_form_its_errors_and_its_answers_speak_spanish_when_asked() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.31");

    // The form, in Spanish and, without a language, in English as before.
    let form = get_es(&svc, &mut b, CUSTODY_FORM).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("<html lang=\"es\">"), "{}", form.body);
    assert!(form.body.contains(">Enviar comentario</button>"));
    assert!(form.body.contains("Guardar para después"));
    assert!(form.body.contains("Su nombre"));
    assert!(!form.body.contains("Send comment"));
    let english = crate::comments::get(&svc, &mut b, CUSTODY_FORM).await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains(">Send comment</button>"));
    assert!(english.body.contains("Your name"));

    // A problem is explained in Spanish, and nothing is stored.
    let token = csrf_token_in(&form.body);
    let bad = with(fields(&token, EMAIL, "Texto."), "body", "   ");
    let a = post_es(&svc, &mut b, CUSTODY_POST, &bad).await;
    assert!(a.status.is_client_error(), "{}", a.body);
    assert!(a.body.contains("Escriba su comentario."), "{}", a.body);
    assert!(a.body.contains("Su comentario no se envió"), "{}", a.body);
    assert!(!a.body.contains("Write your comment."));

    // Sent: the "check your email" page is Spanish, and so is the mail.
    let page = submit_es(&svc, &mut b, EMAIL, "Los sellos deben leerse en voz alta.").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<html lang=\"es\">"));
    assert!(
        page.body.contains("<h1>Revise su correo electrónico</h1>"),
        "{}",
        page.body
    );
    let id = last_comment_id(&site);
    assert_eq!(site.comment(id).lang, "es");
    let mails = site.deliver();
    let found = mails_to(&mails, EMAIL, "Confirme su comentario");
    assert_eq!(found.len(), 1, "{mails:#?}");
    assert!(found[0].text.starts_with("Hola:"), "{}", found[0].text);
    assert!(found[0].text.contains("Se envió un comentario"));
    assert!(found[0].text.contains("Se mostrará como: Ana Example"));
    let link = link_in(&found[0].text, "/verify/");

    // The confirmation page, in Spanish.
    let page = get_es(&svc, &mut b, &link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<h1>Confirme su comentario</h1>"));
    assert!(page.body.contains("Confirmar y enviar mi comentario"));
}

#[actix_web::test]
async fn a_comment_sent_without_a_language_is_confirmed_in_english() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.32");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let a = crate::comments::post(
        &svc,
        &mut b,
        CUSTODY_POST,
        &fields(&token, EMAIL, "Seals should be read aloud."),
    )
    .await;
    let page = follow(&svc, &mut b, a).await;
    assert!(
        page.body.contains("<h1>Check your email</h1>"),
        "{}",
        page.body
    );
    assert_eq!(site.comment(last_comment_id(&site)).lang, "en");
    let mails = site.deliver();
    let found = mails_to(&mails, EMAIL, "Confirm your comment on ");
    assert_eq!(found.len(), 1, "{mails:#?}");
    assert!(found[0].text.starts_with("Hello,\n"));
    assert!(found[0]
        .text
        .contains("A comment was submitted with this email address."));
    assert!(found[0].text.contains("  To be shown as: Ana Example"));
}

#[actix_web::test]
async fn later_mail_to_a_spanish_commenter_is_spanish_whoever_causes_it() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ana = Browser::new("192.0.2.33");
    let page = submit_es(&svc, &mut ana, EMAIL, "Dos firmas en cada entrega.").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let id = last_comment_id(&site);
    let mails = site.deliver();
    let link = link_in(
        &mails_to(&mails, EMAIL, "Confirme su comentario")[0].text,
        "/verify/",
    );
    let page = get_es(&svc, &mut ana, &link).await;
    let token = csrf_token_in(&page.body);
    let a = post_es(&svc, &mut ana, &link, &[("csrf_token", token.as_str())]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("<html lang=\"es\">"), "{}", a.body);
    let mails = site.deliver();
    let receipt = mails_to(&mails, EMAIL, "Su comentario");
    assert_eq!(receipt.len(), 1, "a Spanish receipt: {mails:#?}");
    assert!(receipt[0].text.contains("Número de seguimiento:"));
    let tracking = site.comment(id).tracking_number;

    // Someone replies in English: Ana is told in Spanish.
    let mut ben = Browser::new("192.0.2.34");
    let reply_form = format!("/comments/{id}/replies/new");
    let token = open_form(&svc, &mut ben, &reply_form).await;
    let mut form = fields(&token, OTHER_EMAIL, "I agree with this.");
    form = with(form, "kind", "general");
    let a = crate::comments::post(&svc, &mut ben, &format!("/comments/{id}/replies"), &form).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let link = crate::comments::verification_link(&site.deliver(), OTHER_EMAIL);
    let a = confirm(&svc, &mut ben, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let mails = site.deliver();
    let notice = mails_to(&mails, EMAIL, "Ana Example respondió a su comentario");
    assert_eq!(notice.len(), 1, "{mails:#?}");
    assert!(notice[0]
        .text
        .contains("Lea la respuesta y su conversación:"));
    // Ben's own mail stays English.
    assert_eq!(mails_to(&mails, OTHER_EMAIL, "Your comment").len(), 1);

    // An editor, in English, records a decision: Ana reads it in Spanish.
    let mut ed = editor(&svc, &site).await;
    let a = decide(
        &svc,
        &mut ed,
        "ballots",
        "2",
        &id.to_string(),
        &[
            ("outcome", "accepted"),
            ("rationale", "Agreed: two signatures."),
            ("clause_key", "custody"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let mails = site.deliver();
    let decision = mails_to(&mails, EMAIL, "Decisión sobre su comentario");
    assert_eq!(decision.len(), 1, "{mails:#?}");
    assert_eq!(
        decision[0].subject,
        format!("Decisión sobre su comentario {tracking}: Aceptado")
    );
    assert!(decision[0].text.contains("Resultado: Aceptado"));
    assert!(decision[0]
        .text
        .contains("Fundamento:\nAgreed: two signatures."));
}

#[actix_web::test]
async fn following_a_standard_in_spanish_gets_spanish_pages_and_mail() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.35");
    let form = "/standards/ballots/subscribe";
    let page = get_es(&svc, &mut b, form).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<html lang=\"es\">"));
    assert!(page.body.contains("Seguir por correo electrónico"));
    let token = csrf_token_in(&page.body);

    let a = post_es(
        &svc,
        &mut b,
        form,
        &[("csrf_token", token.as_str()), ("email", "nadie")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("nombre@ejemplo.org"), "{}", a.body);

    let a = post_es(
        &svc,
        &mut b,
        form,
        &[
            ("csrf_token", token.as_str()),
            ("email", "sigue@example.org"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("<h1>Revise su correo electrónico</h1>"));
    let mails = site.deliver();
    let found = mails_to(&mails, "sigue@example.org", "Confirmar: avisos por correo");
    assert_eq!(found.len(), 1, "{mails:#?}");
    let link = link_in(&found[0].text, "/subscriptions/confirm/");
    let a = post_es(&svc, &mut b, &link, &[]).await;
    assert!(a.body.contains("Usted sigue esta norma"), "{}", a.body);

    // A notice written in English for every follower still tells this one,
    // in Spanish, how to stop them.
    let id = docket::db::models::Standard::by_slug(&mut site.conn(), "ballots")
        .unwrap()
        .id;
    docket::db::write_tx(&mut site.conn(), |conn| {
        docket::subscriptions::notify_subscribers(
            conn,
            id,
            "Version 3 is published",
            "Version 3 is published.\n",
            "http://localhost:8080",
        )
    })
    .unwrap();
    let mails = site.deliver();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert!(mails[0].text.contains("Dejar de recibir estos correos: "));

    // An editor working in English extends the period: the follower is
    // told in Spanish.
    let v2 = site.version("ballots", "2");
    let editor = docket::audit::Actor {
        id: 3,
        name: "edna.editor".to_string(),
        role: docket::db::models::Role::Editor,
    };
    let later = v2.comment_closes.unwrap() + chrono::Duration::days(7);
    docket::periods::apply(
        &mut site.conn(),
        &editor,
        v2.id,
        &docket::periods::Change::Extend { closes: later },
        chrono::Utc::now().naive_utc(),
        "http://localhost:8080",
    )
    .unwrap();
    let mails = site.deliver();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert_eq!(
        mails[0].subject,
        "Periodo de comentarios ampliado: Ballot Handling, versión 2"
    );
    assert!(
        mails[0]
            .text
            .contains("ahora se aceptan comentarios hasta el"),
        "{}",
        mails[0].text
    );
    assert!(
        mails[0]
            .text
            .contains("Léala y coméntela: http://localhost:8080/standards/ballots/2"),
        "{}",
        mails[0].text
    );
}

#[actix_web::test]
async fn a_proposals_redline_is_announced_in_the_pages_language() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.37");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = with(
        fields(&token, EMAIL, "Una firma basta."),
        "proposed_text",
        "Ballots shall be logged at every hand-off, with one signature.",
    );
    send_form(&svc, &mut b, CUSTODY_POST, &form).await;
    let link = verification_link(&site.deliver(), EMAIL);
    confirm(&svc, &mut b, &link).await;
    let page = format!("/comments/{}", last_comment_id(&site));
    let es = get_es(&svc, &mut b, &page).await;
    assert!(
        es.body
            .contains("<ins><span class=\"sr-only\">[insertado: </span>"),
        "{}",
        es.body
    );
    assert!(!es.body.contains("[inserted: "), "{}", es.body);
    let en = get(&svc, &mut b, &page).await;
    assert!(
        en.body
            .contains("<ins><span class=\"sr-only\">[inserted: </span>"),
        "{}",
        en.body
    );
}
