//! Responses with ETags, and gzip compressed once per body.
//!
//! Published content never changes, so a strong ETag made from the body lets
//! browsers and proxies revalidate for the price of a hash. `Cache-Control:
//! no-cache` still makes them ask, so a change of status is seen at once.
//!
//! Large pages (a long standard's version page, a redline) are the same bytes
//! for every reader, so their gzip form is computed once and kept, keyed by
//! the ETag, instead of being compressed again for every request. The gzip
//! variant has its own strong ETag (`"…-gz"`), as HTTP requires of a
//! different representation, and both variants say `Vary: Accept-Encoding`.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Mutex, OnceLock};

use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

/// Bodies smaller than this are left to the compression middleware.
const PRECOMPRESS_MIN: usize = 8 * 1024;
/// Total bytes of gzip bodies kept; when exceeded the store starts empty.
const PRECOMPRESS_BUDGET: usize = 64 * 1024 * 1024;

#[derive(Default)]
struct GzipStore {
    bodies: HashMap<String, Bytes>,
    bytes: usize,
}

fn gzip_store() -> &'static Mutex<GzipStore> {
    static STORE: OnceLock<Mutex<GzipStore>> = OnceLock::new();
    STORE.get_or_init(Default::default)
}

/// `body` gzip-compressed (default level).
pub(crate) fn gzip(body: &[u8]) -> Option<Bytes> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4),
        flate2::Compression::default(),
    );
    encoder.write_all(body).ok()?;
    Some(Bytes::from(encoder.finish().ok()?))
}

/// The gzip form of `body`, computed once per ETag.
fn gzipped(etag: &str, body: &Bytes) -> Option<Bytes> {
    if let Some(hit) = gzip_store().lock().ok()?.bodies.get(etag) {
        return Some(hit.clone());
    }
    let compressed = gzip(body)?;
    let mut store = gzip_store().lock().ok()?;
    if store.bytes + compressed.len() > PRECOMPRESS_BUDGET {
        *store = GzipStore::default();
    }
    store.bytes += compressed.len();
    store.bodies.insert(etag.to_string(), compressed.clone());
    Some(compressed)
}

/// Whether the client takes gzip (`Accept-Encoding: gzip`, not `gzip;q=0`).
pub(crate) fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or("");
            let refused = parts.any(|p| p.replace(' ', "") == "q=0" || p == "q=0.0");
            coding.eq_ignore_ascii_case("gzip") && !refused
        })
}

/// The ETag of the gzip variant of a body whose ETag is `etag`.
fn gzip_etag(etag: &str) -> String {
    variant_etag(etag, "gz")
}

/// The strong ETag of an encoded variant (`gz`, `br`) of a body whose ETag
/// is `etag`: a different representation needs its own.
pub(crate) fn variant_etag(etag: &str, coding: &str) -> String {
    format!("{}-{coding}\"", etag.trim_end_matches('"'))
}

/// A strong ETag for a body.
pub fn etag_for(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", hex::encode(&digest[..16]))
}

fn matches(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
}

/// A 200 response with an ETag, or 304 when the client already has it.
pub fn with_etag(req: &HttpRequest, content_type: ContentType, body: Vec<u8>) -> HttpResponse {
    let etag = etag_for(&body);
    with_known_etag(req, content_type, Bytes::from(body), etag)
}

/// As [`with_etag`], for a body whose ETag was computed before.
pub fn with_known_etag(
    req: &HttpRequest,
    content_type: ContentType,
    body: Bytes,
    etag: String,
) -> HttpResponse {
    let gzip = if body.len() >= PRECOMPRESS_MIN && accepts_gzip(req) {
        gzipped(&etag, &body)
    } else {
        None
    };
    let (etag, body, encoded) = match gzip {
        Some(compressed) => (gzip_etag(&etag), compressed, true),
        None => (etag, body, false),
    };
    if matches(req, &etag) {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .insert_header((header::VARY, "Accept-Encoding"))
            .finish();
    }
    let mut response = HttpResponse::build(StatusCode::OK);
    response
        .content_type(content_type)
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::VARY, "Accept-Encoding"));
    if encoded {
        // The compression middleware leaves a response that already has a
        // Content-Encoding alone.
        response.insert_header((header::CONTENT_ENCODING, "gzip"));
    }
    response.body(body)
}

pub fn html(req: &HttpRequest, body: String) -> HttpResponse {
    with_etag(req, ContentType::html(), body.into_bytes())
}

pub fn json<T: serde::Serialize>(req: &HttpRequest, value: &T) -> HttpResponse {
    match serde_json::to_vec(value) {
        Ok(body) => with_etag(req, ContentType::json(), body),
        Err(err) => {
            tracing::error!(error = %err, "cannot serialise JSON");
            HttpResponse::InternalServerError().finish()
        }
    }
}

/// A per-browser page (it embeds a CSRF token, or answers one person or
/// one account): never cached.
pub fn private_page<T: askama::Template>(
    status: StatusCode,
    t: &T,
) -> Result<HttpResponse, crate::error::AppError> {
    let body = t.render().map_err(crate::error::AppError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}
