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
pub mod drafts;
pub mod editor;
pub mod moderation;
pub mod pages;
pub mod periods;
pub mod report;
pub mod respond;
pub mod routes;
pub mod security;
pub mod staff;
pub mod subscriptions;
pub mod views;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, DefaultHeaders, Logger, NormalizePath, TrailingSlash};
use actix_web::{web, App};

use crate::config::SiteConfig;
use crate::db::{DbConn, Pool};
use crate::error::AppError;

/// Shared by every worker.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub config: SiteConfig,
    pub pages: cache::PageCache,
}

impl AppState {
    pub fn new(pool: Pool, config: SiteConfig) -> Self {
        AppState {
            pool,
            config,
            pages: cache::PageCache::default(),
        }
    }

    /// Run database work on the blocking thread pool with a pooled connection.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }
}

/// Security headers sent with every response. The policy allows nothing
/// but this site's own styles and images, and no scripts at all.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Permissions-Policy", "interest-cohort=()"))
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
    App::new()
        .app_data(web::Data::new(state))
        .app_data(web::PathConfig::default())
        .app_data(security::form_config())
        .app_data(security::json_config())
        .app_data(security::payload_config())
        .wrap(actix_web::middleware::from_fn(security::utf8_forms))
        .wrap(session)
        .wrap(NormalizePath::new(TrailingSlash::Trim))
        .wrap(security_headers())
        .wrap(Compress::default())
        .wrap(Logger::new("%a \"%r\" %s %b %T").log_target("docket::http"))
        .configure(routes::configure)
}
