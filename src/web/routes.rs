//! The one route table: every URL the site answers.

use actix_web::web;

use super::{api, comments, compare, moderation, pages, staff};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(pages::home))
        .route("/healthz", web::get().to(pages::health))
        .route("/static/style.css", web::get().to(pages::stylesheet))
        .route("/standards/{slug}", web::get().to(pages::standard))
        // Before `/standards/{slug}/{label}`, which would take "compare" for a label.
        .route("/standards/{slug}/compare", web::get().to(compare::pick))
        .route(
            "/standards/{slug}/compare/{range}",
            web::get().to(compare::compare),
        )
        .route(
            "/standards/{slug}/clauses/{key}/history",
            web::get().to(compare::history),
        )
        .route("/standards/{slug}/{label}", web::get().to(pages::version))
        .route(
            "/standards/{slug}/{label}/clauses/{key}",
            web::get().to(pages::clause),
        )
        .route(
            "/standards/{slug}/{label}/clauses/{key}/comments/new",
            web::get().to(comments::new_clause_comment),
        )
        .route(
            "/standards/{slug}/{label}/clauses/{key}/comments",
            web::post().to(comments::create_clause_comment),
        )
        .route(
            "/standards/{slug}/{label}/comments/new",
            web::get().to(comments::new_version_comment),
        )
        .route(
            "/standards/{slug}/{label}/comments",
            web::post().to(comments::create_version_comment),
        )
        .route(
            "/standards/{slug}/{label}/comments.atom",
            web::get().to(comments::atom),
        )
        .route("/comments/{id}", web::get().to(comments::permalink))
        .route(
            "/comments/{id}/replies/new",
            web::get().to(comments::new_reply),
        )
        .route(
            "/comments/{id}/replies",
            web::post().to(comments::create_reply),
        )
        .route("/comments/{id}/flag", web::post().to(comments::flag))
        .route("/verify/{token}", web::get().to(comments::verify))
        .route("/verify/{token}/renew", web::post().to(comments::renew))
        .route(
            "/unsubscribe/{token}",
            web::get().to(comments::unsubscribe_form),
        )
        .route(
            "/unsubscribe/{token}",
            web::post().to(comments::unsubscribe),
        )
        .route("/ledger.json", web::get().to(comments::ledger_json))
        .route("/moderation", web::get().to(moderation::queue))
        .route("/moderation/comments/{id}", web::post().to(moderation::act))
        .route("/staff", web::get().to(staff::home))
        .route("/staff/login", web::get().to(staff::login_form))
        .route("/staff/login", web::post().to(staff::login))
        .route("/staff/logout", web::post().to(staff::logout))
        .route("/api/v1/standards", web::get().to(api::standards))
        .route(
            "/api/v1/standards/{slug}/compare/{range}",
            web::get().to(compare::api_compare),
        )
        .route(
            "/api/v1/standards/{slug}/versions/{label}",
            web::get().to(api::version),
        )
        .route(
            "/api/v1/standards/{slug}/versions/{label}/comments",
            web::get().to(comments::api_comments),
        )
        .default_service(web::to(pages::not_found));
}
