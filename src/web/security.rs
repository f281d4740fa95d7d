//! Request hygiene shared by every route: the encrypted session cookie
//! (keyed from [`crate::secrets::SecretKey`]), client addresses, per-address rate limits, request body
//! limits, clear answers to addresses that cannot be read, the same-origin
//! check of writes, and keeping per-browser pages uncompressed. CSRF tokens
//! are in [`super::csrf`].
//!
//! Policy: nothing here keeps state in the process. Sessions live in an
//! encrypted cookie keyed from one secret that every app server shares, and
//! rate-limit counters live in the database, so limits hold however many
//! servers run behind the load balancer.

use std::net::IpAddr;
use std::time::Duration;

use actix_session::config::{BrowserSession, CookieContentSecurity};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PayloadError, UrlencodedError};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, ResponseError};
use chrono::Utc;

use crate::config::SiteConfig;
use crate::db::models::RateEvent;
use crate::db::DbConn;
use crate::error::{ApiError, AppError};

/// The largest form or request body accepted, in bytes: room for a comment
/// form with every field at its character limit in any script.
pub const BODY_LIMIT: usize = 256 * 1024;
const _: () = assert!(BODY_LIMIT >= crate::comments::MAX_FORM_BYTES);

pub use crate::secrets::{
    constant_time_eq, random_bytes, random_token, SecretKey, SECRET_KEY_MIN_BYTES,
};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "docket_session";

/// The encrypted session cookie: SameSite=Lax, HttpOnly, Secure when the
/// site is served over https, ending with the browser session.
pub fn session_middleware(config: &SiteConfig) -> SessionMiddleware<CookieSessionStore> {
    let key = Key::from(&config.secret_key.derive("session cookie"));
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name(SESSION_COOKIE.to_string())
        .cookie_secure(config.base_url.starts_with("https://"))
        .cookie_same_site(SameSite::Lax)
        .cookie_http_only(true)
        .cookie_path("/".to_string())
        .cookie_content_security(CookieContentSecurity::Private)
        .session_lifecycle(BrowserSession::default())
        .build()
}

/// The client's address for rate limits and throttling. The connection's
/// peer, or with `--trust-forwarded-for` the address the nearest proxy
/// appended to `X-Forwarded-For` (earlier entries are the client's own
/// claims and are ignored). IPv6 addresses are cut to their /64, which is
/// what one household or server usually holds.
pub fn client_addr(req: &HttpRequest) -> String {
    let trust = req
        .app_data::<web::Data<super::AppState>>()
        .is_some_and(|s| s.config.trust_forwarded_for);
    let forwarded = if trust {
        req.headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .last()
    } else {
        None
    };
    match forwarded.or_else(|| req.peer_addr().map(|a| a.ip())) {
        Some(ip) => rate_key(ip),
        None => "unknown".to_string(),
    }
}

fn rate_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Allow at most `max` writes per `per` from `addr` in `bucket` (for example
/// `"comment"`), counting this one, or refuse with
/// [`AppError::TooManyRequests`] (a 429 page with `Retry-After`).
///
/// Call it inside the [`crate::db::write_tx`] that does the write: the
/// event is then recorded only if the write commits, and concurrent checks
/// of the same address wait for each other on both backends.
pub fn rate_limit(
    conn: &mut DbConn,
    bucket: &str,
    addr: &str,
    max: u32,
    per: Duration,
) -> Result<(), AppError> {
    RateEvent::lock(conn, bucket, addr)?;
    rate_limit_locked(conn, bucket, addr, max, per)
}

/// [`rate_limit`] for a caller that already holds the pair's lock
/// ([`RateEvent::lock_all`]).
pub fn rate_limit_locked(
    conn: &mut DbConn,
    bucket: &str,
    addr: &str,
    max: u32,
    per: Duration,
) -> Result<(), AppError> {
    let now = Utc::now().naive_utc();
    let per = chrono::Duration::from_std(per).map_err(AppError::internal)?;
    let (count, earliest) = RateEvent::take(conn, bucket, addr, now - per, now, i64::from(max))?;
    if count >= i64::from(max) {
        let free_at = earliest.unwrap_or(now) + per;
        let wait = (free_at - now).num_milliseconds().max(0) as u64;
        return Err(AppError::TooManyRequests {
            retry_after: wait.div_ceil(1000).max(1),
        });
    }
    Ok(())
}

/// Form bodies: at most [`BODY_LIMIT`], a clear 413 page beyond it.
pub fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(BODY_LIMIT)
        .error_handler(|err, _req| match err {
            UrlencodedError::Overflow { .. } => AppError::PayloadTooLarge.into(),
            UrlencodedError::Payload(PayloadError::Overflow) => AppError::PayloadTooLarge.into(),
            UrlencodedError::ContentType => {
                AppError::BadRequest(crate::i18n::t("err-form-not-form")).into()
            }
            other => AppError::BadRequest(crate::i18n::t1(
                "err-form-unreadable",
                "problem",
                other.to_string(),
            ))
            .into(),
        })
}

/// JSON bodies: the same limit.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(BODY_LIMIT)
        .error_handler(|err, _req| match err {
            JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
                AppError::PayloadTooLarge.into()
            }
            other => {
                AppError::BadRequest(format!("The JSON body could not be read: {other}.")).into()
            }
        })
}

/// An [`AppError`] as the actix error of an extractor: JSON under `/api/`,
/// the site's HTML page everywhere else.
fn extractor_error(req: &HttpRequest, err: AppError) -> actix_web::Error {
    if req.path().starts_with("/api/") {
        ApiError(err).into()
    } else {
        err.into()
    }
}

/// Path parameters that do not parse (`/comments/abc`): there is no such
/// page, so a 404 page (or JSON under `/api/`), never the parser's words.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, req| {
        tracing::debug!(error = %err, path = req.path(), "unreadable path parameter");
        extractor_error(req, AppError::NotFound)
    })
}

/// Queries that do not parse: a 400 page (or JSON under `/api/`) that says
/// what to do.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, req| {
        tracing::debug!(error = %err, path = req.path(), "unreadable query");
        extractor_error(
            req,
            AppError::BadRequest(crate::i18n::t("err-query-unreadable")),
        )
    })
}

/// Raw bodies (`Bytes`, `String` extractors): the same limit.
pub fn payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(BODY_LIMIT)
}

/// Refuse a web form whose fields are not valid UTF-8 once percent-decoded.
///
/// The form extractor would quietly replace such bytes with `�`, which
/// would alter what a person wrote; a comment is stored exactly as sent or
/// not at all. Every other request passes through untouched, and a valid
/// form's body is handed on byte for byte.
pub async fn utf8_forms<B: actix_web::body::MessageBody>(
    mut req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<B>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::EitherBody<B>>, actix_web::Error> {
    let is_form = req.method() == actix_web::http::Method::POST
        && req
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded")
            });
    if is_form {
        let refused = match req.extract::<web::Bytes>().await {
            Err(_) => Err(AppError::PayloadTooLarge),
            Ok(body) => match first_invalid_utf8_field(&body) {
                Some(field) => Err(AppError::BadRequest(crate::i18n::t1(
                    "err-form-not-utf8",
                    "field",
                    field,
                ))),
                None => Ok(body),
            },
        };
        match refused {
            Ok(body) => req.set_payload(actix_web::dev::Payload::from(body)),
            Err(err) => return Ok(req.error_response(err).map_into_right_body()),
        }
    }
    next.call(req).await.map(|res| res.map_into_left_body())
}

/// The name of the first field of a urlencoded body whose name or value is
/// not UTF-8 after percent-decoding, if any.
pub fn first_invalid_utf8_field(body: &[u8]) -> Option<String> {
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let mut parts = pair.splitn(2, |&b| b == b'=');
        let name = percent_decode(parts.next().unwrap_or_default());
        let value = percent_decode(parts.next().unwrap_or_default());
        match std::str::from_utf8(&name) {
            Err(_) => return Some(String::from_utf8_lossy(&name).into_owned()),
            Ok(n) if std::str::from_utf8(&value).is_err() => return Some(n.to_string()),
            Ok(_) => {}
        }
    }
    None
}

fn percent_decode(input: &[u8]) -> Vec<u8> {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < input.len() => match (hex(input[i + 1]), hex(input[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    out
}

/// Refuse a write (POST and the like) that a browser says was sent from a
/// page of another site.
///
/// Browsers send `Origin` with every POST they can; it is refused unless it
/// is the origin of the configured base URL or names the host the request
/// was sent to. Requests without `Origin` (older browsers, command-line
/// clients) pass, and the CSRF token still guards them.
pub async fn same_origin_writes<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let writes = !matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    if writes {
        if let Some(origin) = req.headers().get(header::ORIGIN) {
            let base_url = req
                .app_data::<web::Data<super::AppState>>()
                .map(|s| s.config.base_url.clone())
                .unwrap_or_default();
            let host = req
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
                .or_else(|| req.uri().authority().map(|a| a.to_string()));
            let origin = origin.to_str().unwrap_or("");
            if !is_same_origin(origin, &base_url, host.as_deref()) {
                tracing::warn!(
                    origin,
                    path = req.path(),
                    "refused a write from another site"
                );
                let err = AppError::Forbidden(crate::i18n::t("err-other-site"));
                let resp = if req.path().starts_with("/api/") {
                    ApiError(err).error_response()
                } else {
                    err.error_response()
                };
                return Ok(req.into_response(resp).map_into_right_body());
            }
        }
    }
    next.call(req).await.map(|res| res.map_into_left_body())
}

/// Whether an `Origin` header names this site: the origin of `base_url`,
/// or the host (and port) the request was sent to. `null` (a sandboxed or
/// privacy-hiding page) never does.
pub fn is_same_origin(origin: &str, base_url: &str, host: Option<&str>) -> bool {
    let Some((scheme, authority)) = split_origin(origin) else {
        return false;
    };
    if let Some((base_scheme, base_authority)) = split_origin(base_url) {
        if scheme == base_scheme && authority == base_authority {
            return true;
        }
    }
    match host {
        Some(host) => {
            let host = host.trim().to_ascii_lowercase();
            authority == without_default_port(&scheme, &host)
        }
        None => false,
    }
}

/// `(scheme, host[:port])` of an origin or URL, lower case, without a
/// default port or anything after the authority.
fn split_origin(url: &str) -> Option<(String, String)> {
    let url = url.trim().to_ascii_lowercase();
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let authority = without_default_port(scheme, authority);
    Some((scheme.to_string(), authority))
}

fn without_default_port(scheme: &str, authority: &str) -> String {
    let default = if scheme == "https" { ":443" } else { ":80" };
    authority
        .strip_suffix(default)
        .unwrap_or(authority)
        .to_string()
}

/// Whether a response is for one browser only (it carries a CSRF token or
/// one person's data): such pages say `no-store` or `private`.
fn is_per_browser(headers: &header::HeaderMap) -> bool {
    headers
        .get_all(header::CACHE_CONTROL)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|d| d.trim().to_ascii_lowercase())
        .any(|d| d == "no-store" || d == "private")
}

/// Keep per-browser pages out of the compression middleware (wrapped just
/// inside it). A compressed page that holds a secret, such as a CSRF token,
/// beside text an attacker chooses through the query (BREACH) gives the
/// secret away one guess at a time through its compressed length. Public
/// pages hold no secret and are compressed as before.
pub async fn mark_uncompressed<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    let mut res = next.call(req).await?;
    if is_per_browser(res.headers()) && !res.headers().contains_key(header::CONTENT_ENCODING) {
        // The compression middleware leaves alone a response that already
        // names its encoding.
        res.headers_mut().insert(
            header::CONTENT_ENCODING,
            header::HeaderValue::from_static("identity"),
        );
    }
    Ok(res)
}

/// Remove the `Content-Encoding: identity` of [`mark_uncompressed`] again
/// (wrapped just outside the compression middleware): it only told the
/// middleware to keep off, and is not for the client.
pub async fn unmark_uncompressed<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let identity = res
        .headers()
        .get(header::CONTENT_ENCODING)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"identity"));
    if identity {
        res.headers_mut().remove(header::CONTENT_ENCODING);
    }
    Ok(res)
}
