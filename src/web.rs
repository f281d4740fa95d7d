//! The website and JSON API (actix-web).
//!
//! Every route is listed in [`routes::configure`]. Handlers are thin: they
//! run database work on the blocking pool with `web::block`, build a view
//! from the `db` models, and render an askama template. App servers keep no
//! state between requests beyond the shared pool, so several can run behind
//! one load balancer.

pub mod accounts;
pub mod api;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod comments;
pub mod compare;
pub mod csrf;
pub mod downloads;
pub mod draft_clauses;
pub mod drafts;
pub mod editor;
pub mod errors;
pub mod feeds;
pub mod flags;
pub mod language;
pub mod ledger;
pub mod letters;
pub mod moderation;
pub mod moderation_page;
pub mod moderation_panel;
pub mod offices;
pub mod pages;
pub mod periods;
pub mod permalink;
pub mod proposals;
pub mod reading;
pub mod release;
pub mod reply_notices;
pub mod report;
pub mod respond;
pub mod routes;
pub mod search;
pub mod security;
pub mod staff;
pub mod subscriptions;
pub mod verify;
pub mod verify_list;
pub mod views;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, DefaultHeaders, Logger, NormalizePath, TrailingSlash};
use actix_web::{web, App};

use crate::config::SiteConfig;
use crate::db::group::{GroupWriter, Shape};
use crate::db::{DbConn, Pool};
use crate::error::AppError;

/// Writer threads on PostgreSQL: each commits a batch of submissions at a
/// time, so while one waits for its commit the other runs its statements
/// ([`crate::db::group`]). They draw on the same pool as everything else,
/// and each keeps its connection between batches; with a pool smaller
/// than twice this, there are half as many writers as connections, so
/// reads always find one.
pub const PG_WRITERS: usize = 2;

/// Shared by every worker.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub config: SiteConfig,
    pub pages: cache::PageCache,
    /// Commits comment submissions in groups ([`crate::db::group`]).
    pub writer: GroupWriter,
    /// Lengths of whole comment downloads sent, for ranges of them.
    pub downloads: downloads::DownloadLengths,
}

impl AppState {
    pub fn new(pool: Pool, config: SiteConfig) -> Self {
        let shape = match pool.get().as_deref() {
            Ok(DbConn::Pg(_)) => {
                Shape::postgres(PG_WRITERS.min(pool.max_size() as usize / 2).max(1))
            }
            _ => Shape::sqlite(),
        };
        let writer =
            GroupWriter::start(pool.clone(), shape).expect("cannot start the writer thread");
        let pages = cache::PageCache::start(config.page_cache.clone(), &pool);
        AppState {
            pool,
            config,
            pages,
            writer,
            downloads: downloads::DownloadLengths::default(),
        }
    }

    /// Run database work on the blocking thread pool with a pooled connection.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        // The work runs on another thread: it keeps the request's language.
        let carried = language::carry();
        web::block(move || {
            language::within(carried, || {
                let mut conn = pool.get()?;
                f(&mut conn)
            })
        })
        .await?
    }

    /// Run a submission's write in the next batch of the group writer and
    /// answer once the batch has committed (durably). If it fails, its work
    /// was rolled back, so the person is told plainly that nothing was
    /// saved ([`AppError::NotSaved`]) instead of being asked to try again
    /// as if nothing had happened.
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let carried = language::carry();
        self.writer
            .write(move |conn| language::within(carried, || f(conn)))
            .await
            .map_err(AppError::unsaved)
    }
}

/// How long browsers remember to use only https (`Strict-Transport-Security`).
pub const HSTS: &str = "max-age=31536000";

/// Security headers sent with every response. The policy allows nothing
/// but this site's own styles and images, and no scripts at all. A site
/// whose base URL is https also tells browsers never to use plain http
/// for it (HSTS); a site served over http must not, or it would lock its
/// visitors out.
pub fn security_headers(config: &SiteConfig) -> DefaultHeaders {
    security_header_list(config).fold(DefaultHeaders::new(), |headers, h| headers.add(h))
}

/// The headers of [`security_headers`], as names and values (lower-case
/// names): HSTS only for a site served over https.
pub fn security_header_list(
    config: &SiteConfig,
) -> impl Iterator<Item = (&'static str, &'static str)> {
    const ALWAYS: [(&str, &str); 5] = [
        (
            "content-security-policy",
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
        ("permissions-policy", "interest-cohort=()"),
    ];
    let hsts = config
        .base_url
        .starts_with("https://")
        .then_some(("strict-transport-security", HSTS));
    ALWAYS.into_iter().chain(hsts)
}

/// The application, for `serve` and for tests.
pub fn app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let session = security::session_middleware(&state.config);
    let headers = security_headers(&state.config);
    // Middleware is listed innermost first: a request meets the logger
    // first and the UTF-8 check of forms last.
    App::new()
        .app_data(web::Data::new(state))
        .app_data(security::path_config())
        .app_data(security::query_config())
        .app_data(security::form_config())
        .app_data(security::json_config())
        .app_data(security::payload_config())
        .wrap(actix_web::middleware::from_fn(api::open_to_every_origin))
        .wrap(actix_web::middleware::from_fn(cache::note_writes))
        .wrap(actix_web::middleware::from_fn(security::utf8_forms))
        .wrap(session)
        .wrap(actix_web::middleware::from_fn(security::same_origin_writes))
        .wrap(NormalizePath::new(TrailingSlash::Trim))
        .wrap(headers)
        .wrap(actix_web::middleware::from_fn(security::mark_uncompressed))
        .wrap(Compress::default())
        .wrap(actix_web::middleware::from_fn(
            security::unmark_uncompressed,
        ))
        .wrap(actix_web::middleware::from_fn(cache::fast_path))
        .wrap(actix_web::middleware::from_fn(language::choose))
        .wrap(Logger::new("%a \"%r\" %s %b %T").log_target("docket::http"))
        .configure(routes::configure)
}
