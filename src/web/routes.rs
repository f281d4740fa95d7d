//! The one route table: every URL the site answers, and on the staff
//! scopes, which roles may use them.

use actix_web::middleware::from_fn;
use actix_web::{guard, web};

use super::release;
use super::{
    accounts, api, audit, auth, comments, compare, downloads, draft_clauses, drafts, editor, feeds,
    flags, language, ledger, letters, moderation, moderation_page, offices, pages, periods,
    permalink, proposals, reply_notices, report, search, staff, subscriptions, verify, verify_list,
};

/// A route for `GET` and `HEAD`: a `HEAD` request gets the headers a
/// `GET` would, without the body (the server leaves it out).
fn read() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", read().to(pages::home))
        .route("/healthz", read().to(pages::health))
        .route("/search", read().to(search::page))
        .route("/language", web::post().to(language::switch))
        .route("/static/style.css", read().to(pages::stylesheet))
        .route("/standards/{slug}", read().to(pages::standard))
        // Before `/standards/{slug}/{label}`, which would take "compare" for a label.
        .route("/standards/{slug}/compare", read().to(compare::pick))
        .route(
            "/standards/{slug}/compare/{range}",
            read().to(compare::compare),
        )
        .route(
            "/standards/{slug}/clauses/{key}/history",
            read().to(compare::history),
        )
        // Also before `/standards/{slug}/{label}`.
        .route(
            "/standards/{slug}/subscribe",
            read().to(subscriptions::form),
        )
        .route(
            "/standards/{slug}/subscribe",
            web::post().to(subscriptions::subscribe),
        )
        // Before `/standards/{slug}/{label}`, which would take "versions.atom"
        // for a label.
        .route(
            "/standards/{slug}/versions.atom",
            read().to(feeds::versions),
        )
        // Before `/standards/{slug}/{label}`, which would take "2.md" for a label.
        .route("/standards/{slug}/{label}.md", read().to(pages::source))
        .route("/standards/{slug}/{label}", read().to(pages::version))
        .route(
            "/standards/{slug}/{label}/changelog",
            read().to(audit::changelog),
        )
        .route(
            "/standards/{slug}/{label}/dispositions",
            read().to(report::html),
        )
        .route(
            "/standards/{slug}/{label}/dispositions.csv",
            read().to(report::csv),
        )
        .route(
            "/standards/{slug}/{label}/dispositions.json",
            read().to(report::json),
        )
        .route(
            "/standards/{slug}/{label}/clauses/{key}",
            read().to(pages::clause),
        )
        .route(
            "/standards/{slug}/{label}/clauses/{key}/comments/new",
            read().to(comments::new_clause_comment),
        )
        .route(
            "/standards/{slug}/{label}/clauses/{key}/comments",
            web::post().to(comments::create_clause_comment),
        )
        .route(
            "/standards/{slug}/{label}/comments/new",
            read().to(comments::new_version_comment),
        )
        .route(
            "/standards/{slug}/{label}/comments",
            web::post().to(comments::create_version_comment),
        )
        .route(
            "/standards/{slug}/{label}/comments.atom",
            read().to(feeds::comments),
        )
        .route(
            "/standards/{slug}/{label}/decisions.atom",
            read().to(feeds::decisions),
        )
        .route(
            "/standards/{slug}/{label}/comments.csv",
            read().to(downloads::csv),
        )
        .route(
            "/standards/{slug}/{label}/comments.ndjson",
            read().to(downloads::ndjson),
        )
        .route(comments::GATHERED_LIST, read().to(comments::show_gathered))
        .route(
            comments::GATHERED_LIST,
            web::post().to(comments::send_gathered),
        )
        .route(
            "/comments/gathered/sent",
            read().to(comments::gathered_sent),
        )
        .route(
            "/comments/gathered/{id}/remove",
            web::post().to(comments::remove_gathered),
        )
        .route("/comments/{id}", read().to(permalink::permalink))
        .route("/comments/{id}/replies/new", read().to(comments::new_reply))
        .route(
            "/comments/{id}/replies",
            web::post().to(comments::create_reply),
        )
        .route("/comments/{id}/flag", web::post().to(flags::flag))
        .route("/receipts/{id}", read().to(comments::receipt))
        .route("/letters/{id}", read().to(letters::letter))
        .route("/verify/list/{token}", read().to(verify_list::confirm_form))
        .route("/verify/list/{token}", web::post().to(verify_list::confirm))
        .route("/verify/{token}", read().to(verify::verify_form))
        .route("/verify/{token}", web::post().to(verify::verify))
        .route("/verify/{token}/renew", web::post().to(verify::renew))
        .route(
            "/unsubscribe/{token}",
            read().to(reply_notices::unsubscribe_form),
        )
        .route(
            "/unsubscribe/{token}",
            web::post().to(reply_notices::unsubscribe),
        )
        .route(
            "/subscriptions/confirm/{token}",
            read().to(subscriptions::confirm_form),
        )
        .route(
            "/subscriptions/confirm/{token}",
            web::post().to(subscriptions::confirm),
        )
        .route(
            "/subscriptions/unsubscribe/{token}",
            read().to(subscriptions::unsubscribe_form),
        )
        .route(
            "/subscriptions/unsubscribe/{token}",
            web::post().to(subscriptions::unsubscribe),
        )
        .route("/ledger.json", read().to(ledger::chain))
        .route("/ledger/key", read().to(ledger::key))
        .route("/ledger/checkpoints.json", read().to(ledger::checkpoints))
        // The index, also at `/api/v1/`: the trailing slash is trimmed
        // before routing.
        .route("/api/v1", read().to(api::index))
        .route("/api/v1/openapi.json", read().to(api::openapi))
        .route("/api/v1/standards", read().to(api::standards))
        .route("/api/v1/search", read().to(search::api))
        .route("/api/v1/standards/{slug}", read().to(api::standard))
        .route(
            "/api/v1/standards/{slug}/clauses/{key}/history",
            read().to(api::clause_history),
        )
        .route(
            "/api/v1/standards/{slug}/compare/{range}",
            read().to(api::compare),
        )
        .route(
            "/api/v1/standards/{slug}/versions/{label}",
            read().to(api::version),
        )
        .route(
            "/api/v1/standards/{slug}/versions/{label}/comments",
            read().to(api::comments),
        )
        .route(
            "/api/v1/standards/{slug}/versions/{label}/dispositions",
            read().to(api::dispositions),
        )
        .default_service(web::to(super::errors::not_found));
    staff(cfg);
}

/// Staff routes, each scope with the roles that may use it.
fn staff(cfg: &mut web::ServiceConfig) {
    // Any signed-in staff member (the `Staff` argument checks), and sign-in.
    cfg.route("/staff", read().to(staff::home))
        .route("/staff/login", read().to(staff::login_form))
        .route("/staff/login", web::post().to(staff::login))
        .route("/staff/logout", web::post().to(staff::logout))
        .route("/staff/password", read().to(accounts::password_form))
        .route("/staff/password", web::post().to(accounts::change_password));
    cfg.service(
        web::scope("/staff/accounts")
            .wrap(from_fn(auth::admins))
            .route("", read().to(accounts::list))
            .route("", web::post().to(accounts::add))
            .route("/{id}", web::post().to(accounts::change)),
    );
    cfg.service(
        web::scope("/staff/offices")
            .wrap(from_fn(auth::admins))
            .route("", read().to(offices::list))
            .route("", web::post().to(offices::add))
            .route("/{id}/remove", web::post().to(offices::remove)),
    );
    cfg.service(
        web::scope("/staff/audit")
            .wrap(from_fn(auth::admins))
            .route("", read().to(audit::log)),
    );
    cfg.service(
        web::scope("/moderation")
            .wrap(from_fn(auth::moderators))
            .route("", read().to(moderation::queue))
            .route("/comments/{id}", web::post().to(moderation::act))
            .route("/letters/{id}", read().to(letters::for_moderators))
            .route(
                "/comments/{id}/status",
                web::post().to(moderation_page::act),
            )
            .route(
                "/comments/{id}/redact",
                web::post().to(moderation_page::redact),
            ),
    );
    cfg.service(
        web::scope("/editor")
            .wrap(from_fn(auth::editors))
            .route("/periods", read().to(periods::list))
            .route("/feedback", read().to(editor::index))
            // Draft routes before `/standards/{slug}/{label}/…`, which
            // would take "drafts" for a label.
            .route("/standards/{slug}/drafts", web::post().to(drafts::create))
            .route("/standards/{slug}/drafts/{label}", read().to(drafts::show))
            .route(
                "/standards/{slug}/drafts/{label}",
                web::post().to(drafts::save),
            )
            .route(
                "/standards/{slug}/drafts/{label}/accept",
                web::post().to(proposals::accept),
            )
            .route(
                "/standards/{slug}/drafts/{label}/resolve",
                web::post().to(proposals::resolve),
            )
            .route(
                "/standards/{slug}/drafts/{label}/preview",
                read().to(drafts::preview),
            )
            .route(
                "/standards/{slug}/drafts/{label}/redline",
                read().to(drafts::redline_view),
            )
            .route(
                "/standards/{slug}/drafts/{label}/download",
                read().to(drafts::download),
            )
            .route(
                "/standards/{slug}/drafts/{label}/publish",
                read().to(drafts::publish_form),
            )
            .route(
                "/standards/{slug}/drafts/{label}/publish",
                web::post().to(drafts::publish),
            )
            .route(
                "/standards/{slug}/drafts/{label}/clauses/{key}",
                read().to(draft_clauses::show),
            )
            .route(
                "/standards/{slug}/drafts/{label}/clauses/{key}",
                web::post().to(draft_clauses::save),
            )
            .route(
                "/standards/{slug}/drafts/{label}/renumber",
                web::post().to(draft_clauses::renumber),
            )
            .route(
                "/standards/{slug}/drafts/{label}/front",
                web::post().to(draft_clauses::front),
            )
            .route(
                "/standards/{slug}/{label}/feedback",
                read().to(editor::feedback),
            )
            .route(
                "/standards/{slug}/{label}/dispositions",
                web::post().to(editor::record),
            )
            .route(
                "/standards/{slug}/release-mode",
                web::post().to(release::mode),
            )
            .route(
                "/standards/{slug}/{label}/release",
                read().to(release::show),
            )
            .route(
                "/standards/{slug}/{label}/release",
                web::post().to(release::release),
            )
            .route(
                "/standards/{slug}/{label}/review",
                web::post().to(release::step),
            )
            .route(
                "/standards/{slug}/{label}/no-decision",
                web::post().to(release::no_decision),
            )
            .route("/standards/{slug}/{label}/period", read().to(periods::form))
            .route(
                "/standards/{slug}/{label}/period",
                web::post().to(periods::change),
            ),
    );
}
