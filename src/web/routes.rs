//! The one route table: every URL the site answers, and on the staff
//! scopes, which roles may use them.

use actix_web::middleware::from_fn;
use actix_web::web;

use super::{
    accounts, api, audit, auth, comments, compare, downloads, drafts, editor, feeds, flags, ledger,
    moderation, pages, periods, permalink, reply_notices, report, staff, subscriptions, verify,
};

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
        // Also before `/standards/{slug}/{label}`.
        .route(
            "/standards/{slug}/subscribe",
            web::get().to(subscriptions::form),
        )
        .route(
            "/standards/{slug}/subscribe",
            web::post().to(subscriptions::subscribe),
        )
        // Before `/standards/{slug}/{label}`, which would take "2.md" for a label.
        .route("/standards/{slug}/{label}.md", web::get().to(pages::source))
        .route("/standards/{slug}/{label}", web::get().to(pages::version))
        .route(
            "/standards/{slug}/{label}/changelog",
            web::get().to(audit::changelog),
        )
        .route(
            "/standards/{slug}/{label}/dispositions",
            web::get().to(report::html),
        )
        .route(
            "/standards/{slug}/{label}/dispositions.csv",
            web::get().to(report::csv),
        )
        .route(
            "/standards/{slug}/{label}/dispositions.json",
            web::get().to(report::json),
        )
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
            web::get().to(feeds::comments),
        )
        .route(
            "/standards/{slug}/{label}/comments.csv",
            web::get().to(downloads::csv),
        )
        .route(
            "/standards/{slug}/{label}/comments.ndjson",
            web::get().to(downloads::ndjson),
        )
        .route("/comments/{id}", web::get().to(permalink::permalink))
        .route(
            "/comments/{id}/replies/new",
            web::get().to(comments::new_reply),
        )
        .route(
            "/comments/{id}/replies",
            web::post().to(comments::create_reply),
        )
        .route("/comments/{id}/flag", web::post().to(flags::flag))
        .route("/receipts/{id}", web::get().to(comments::receipt))
        .route("/verify/{token}", web::get().to(verify::verify_form))
        .route("/verify/{token}", web::post().to(verify::verify))
        .route("/verify/{token}/renew", web::post().to(verify::renew))
        .route(
            "/unsubscribe/{token}",
            web::get().to(reply_notices::unsubscribe_form),
        )
        .route(
            "/unsubscribe/{token}",
            web::post().to(reply_notices::unsubscribe),
        )
        .route(
            "/subscriptions/confirm/{token}",
            web::get().to(subscriptions::confirm_form),
        )
        .route(
            "/subscriptions/confirm/{token}",
            web::post().to(subscriptions::confirm),
        )
        .route(
            "/subscriptions/unsubscribe/{token}",
            web::get().to(subscriptions::unsubscribe_form),
        )
        .route(
            "/subscriptions/unsubscribe/{token}",
            web::post().to(subscriptions::unsubscribe),
        )
        .route("/ledger.json", web::get().to(ledger::chain))
        .route("/ledger/key", web::get().to(ledger::key))
        .route(
            "/ledger/checkpoints.json",
            web::get().to(ledger::checkpoints),
        )
        .route("/api/v1/openapi.json", web::get().to(api::openapi))
        .route("/api/v1/standards", web::get().to(api::standards))
        .route(
            "/api/v1/standards/{slug}/compare/{range}",
            web::get().to(api::compare),
        )
        .route(
            "/api/v1/standards/{slug}/versions/{label}",
            web::get().to(api::version),
        )
        .route(
            "/api/v1/standards/{slug}/versions/{label}/comments",
            web::get().to(api::comments),
        )
        .default_service(web::to(super::errors::not_found));
    staff(cfg);
}

/// Staff routes, each scope with the roles that may use it.
fn staff(cfg: &mut web::ServiceConfig) {
    // Any signed-in staff member (the `Staff` argument checks), and sign-in.
    cfg.route("/staff", web::get().to(staff::home))
        .route("/staff/login", web::get().to(staff::login_form))
        .route("/staff/login", web::post().to(staff::login))
        .route("/staff/logout", web::post().to(staff::logout))
        .route("/staff/password", web::get().to(accounts::password_form))
        .route("/staff/password", web::post().to(accounts::change_password));
    cfg.service(
        web::scope("/staff/accounts")
            .wrap(from_fn(auth::admins))
            .route("", web::get().to(accounts::list))
            .route("", web::post().to(accounts::add))
            .route("/{id}", web::post().to(accounts::change)),
    );
    cfg.service(
        web::scope("/staff/audit")
            .wrap(from_fn(auth::admins))
            .route("", web::get().to(audit::log)),
    );
    cfg.service(
        web::scope("/moderation")
            .wrap(from_fn(auth::moderators))
            .route("", web::get().to(moderation::queue))
            .route("/comments/{id}", web::post().to(moderation::act)),
    );
    cfg.service(
        web::scope("/editor")
            .wrap(from_fn(auth::editors))
            .route("/periods", web::get().to(periods::list))
            .route("/feedback", web::get().to(editor::index))
            // Draft routes before `/standards/{slug}/{label}/…`, which
            // would take "drafts" for a label.
            .route("/standards/{slug}/drafts", web::post().to(drafts::create))
            .route(
                "/standards/{slug}/drafts/{label}",
                web::get().to(drafts::show),
            )
            .route(
                "/standards/{slug}/drafts/{label}",
                web::post().to(drafts::save),
            )
            .route(
                "/standards/{slug}/drafts/{label}/accept",
                web::post().to(drafts::accept),
            )
            .route(
                "/standards/{slug}/drafts/{label}/preview",
                web::get().to(drafts::preview),
            )
            .route(
                "/standards/{slug}/drafts/{label}/redline",
                web::get().to(drafts::redline_view),
            )
            .route(
                "/standards/{slug}/drafts/{label}/download",
                web::get().to(drafts::download),
            )
            .route(
                "/standards/{slug}/drafts/{label}/publish",
                web::get().to(drafts::publish_form),
            )
            .route(
                "/standards/{slug}/drafts/{label}/publish",
                web::post().to(drafts::publish),
            )
            .route(
                "/standards/{slug}/{label}/feedback",
                web::get().to(editor::feedback),
            )
            .route(
                "/standards/{slug}/{label}/dispositions",
                web::post().to(editor::record),
            )
            .route(
                "/standards/{slug}/{label}/period",
                web::get().to(periods::form),
            )
            .route(
                "/standards/{slug}/{label}/period",
                web::post().to(periods::change),
            ),
    );
}
