//! The one route table: every URL the site answers.

use actix_web::web;

use super::{api, pages};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(pages::home))
        .route("/healthz", web::get().to(pages::health))
        .route("/static/style.css", web::get().to(pages::stylesheet))
        .route("/standards/{slug}", web::get().to(pages::standard))
        .route("/standards/{slug}/{label}", web::get().to(pages::version))
        .route(
            "/standards/{slug}/{label}/clauses/{key}",
            web::get().to(pages::clause),
        )
        .route("/api/v1/standards", web::get().to(api::standards))
        .route(
            "/api/v1/standards/{slug}/versions/{label}",
            web::get().to(api::version),
        )
        .default_service(web::to(pages::not_found));
}
