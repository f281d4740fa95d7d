//! Request hygiene shared by every route: the secret key and the encrypted
//! session cookie, client addresses, per-address rate limits and request
//! body limits. CSRF tokens are in [`super::csrf`].
//!
//! Policy: nothing here keeps state in the process. Sessions live in an
//! encrypted cookie keyed from one secret that every app server shares, and
//! rate-limit counters live in the database, so limits hold however many
//! servers run behind the load balancer.

use std::fmt;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use actix_session::config::{BrowserSession, CookieContentSecurity};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::cookie::{Key, SameSite};
use actix_web::error::{JsonPayloadError, PayloadError, UrlencodedError};
use actix_web::{web, HttpRequest};
use anyhow::{bail, Context};
use base64::Engine;
use chrono::Utc;
use sha2::{Digest, Sha512};

use crate::config::SiteConfig;
use crate::db::models::RateEvent;
use crate::db::DbConn;
use crate::error::AppError;

/// The largest form or request body accepted, in bytes: room for a comment
/// form with every field at its character limit in any script.
pub const BODY_LIMIT: usize = 256 * 1024;
const _: () = assert!(BODY_LIMIT >= crate::comments::MAX_FORM_BYTES);

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "docket_session";

/// The site's master secret. Every key the site uses (the session cookie's,
/// and any a feature needs to sign links) is derived from it with
/// [`SecretKey::derive`], so one setting serves them all.
#[derive(Clone)]
pub struct SecretKey(Arc<[u8]>);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// The fewest bytes a secret key may have.
pub const SECRET_KEY_MIN_BYTES: usize = 64;

impl SecretKey {
    /// A fresh random key (tests, and the key file's first creation).
    pub fn random() -> SecretKey {
        SecretKey(random_bytes(SECRET_KEY_MIN_BYTES).into())
    }

    /// Parse a key written as hex or base64 (standard or URL-safe), at least
    /// 64 bytes once decoded.
    pub fn parse(text: &str) -> anyhow::Result<SecretKey> {
        let text = text.trim();
        let bytes = if text.len() % 2 == 0 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(text).ok()
        } else {
            None
        }
        .or_else(|| base64::engine::general_purpose::STANDARD.decode(text).ok())
        .or_else(|| base64::engine::general_purpose::URL_SAFE.decode(text).ok())
        .or_else(|| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(text)
                .ok()
        });
        match bytes {
            Some(b) if b.len() >= SECRET_KEY_MIN_BYTES => Ok(SecretKey(b.into())),
            Some(b) => bail!(
                "the secret key is {} bytes long; it needs at least {SECRET_KEY_MIN_BYTES} (for example `openssl rand -hex 64`)",
                b.len()
            ),
            None => bail!("the secret key is neither hex nor base64; make one with `openssl rand -hex 64`"),
        }
    }

    /// The key from `DOCKET_SECRET_KEY` if given, else from `<data>/secret.key`,
    /// which is created (mode 0600) on first use. Returns where it came from.
    pub fn load(env_value: Option<&str>, data_dir: &Path) -> anyhow::Result<(SecretKey, String)> {
        if let Some(text) = env_value.filter(|t| !t.trim().is_empty()) {
            let key = SecretKey::parse(text).context("DOCKET_SECRET_KEY is not usable")?;
            return Ok((key, "DOCKET_SECRET_KEY".to_string()));
        }
        let path = data_dir.join("secret.key");
        let key = load_or_create_key_file(&path)?;
        Ok((key, path.display().to_string()))
    }

    /// A 64-byte key for one purpose. Different purposes give unrelated keys.
    pub fn derive(&self, purpose: &str) -> [u8; 64] {
        let mut h = Sha512::new();
        h.update(b"docket key derivation\0");
        h.update(purpose.as_bytes());
        h.update([0u8]);
        h.update(&self.0);
        h.finalize().into()
    }
}

fn load_or_create_key_file(path: &PathBuf) -> anyhow::Result<SecretKey> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            return SecretKey::parse(&text)
                .with_context(|| format!("the key file {} is not usable", path.display()))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
    let key = SecretKey::random();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => {
            writeln!(file, "{}", hex::encode(&key.0))
                .with_context(|| format!("cannot write {}", path.display()))?;
            tracing::info!(file = %path.display(), "created a new secret key");
            Ok(key)
        }
        // Another process created it first: use theirs.
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            SecretKey::parse(&text)
                .with_context(|| format!("the key file {} is not usable", path.display()))
        }
        Err(err) => Err(err).with_context(|| format!("cannot create {}", path.display())),
    }
}

/// `n` random bytes from the operating system.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).expect("the operating system's random number generator failed");
    buf
}

/// A random token of `bytes` bytes, URL-safe base64 without padding.
pub fn random_token(bytes: usize) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes(bytes))
}

/// Compare two secrets in time that does not depend on where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

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
    let now = Utc::now().naive_utc();
    let per = chrono::Duration::from_std(per).map_err(AppError::internal)?;
    let since = now - per;
    RateEvent::lock(conn, bucket, addr)?;
    RateEvent::prune(conn, bucket, addr, since)?;
    let (count, earliest) = RateEvent::count_since(conn, bucket, addr, since)?;
    if count >= i64::from(max) {
        let free_at = earliest.unwrap_or(now) + per;
        let wait = (free_at - now).num_milliseconds().max(0) as u64;
        return Err(AppError::TooManyRequests {
            retry_after: wait.div_ceil(1000).max(1),
        });
    }
    RateEvent::record(conn, bucket, addr, now)?;
    Ok(())
}

/// Form bodies: at most [`BODY_LIMIT`], a clear 413 page beyond it.
pub fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(BODY_LIMIT)
        .error_handler(|err, _req| match err {
            UrlencodedError::Overflow { .. } => AppError::PayloadTooLarge.into(),
            UrlencodedError::Payload(PayloadError::Overflow) => AppError::PayloadTooLarge.into(),
            UrlencodedError::ContentType => AppError::BadRequest(
                "The form was not sent as a web form (application/x-www-form-urlencoded)."
                    .to_string(),
            )
            .into(),
            other => AppError::BadRequest(format!(
                "The form could not be read: {other}. Go back, check the fields and send it again."
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
                Some(field) => Err(AppError::BadRequest(format!(
                    "The form could not be read: the field “{field}” contains bytes that are \
                     not valid UTF-8 text, so nothing was saved. Copy your text into the form \
                     again from a program that saves Unicode, and send it again."
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
