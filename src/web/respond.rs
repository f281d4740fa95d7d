//! Responses with ETags.
//!
//! Published content never changes, so a strong ETag made from the body lets
//! browsers and proxies revalidate for the price of a hash. `Cache-Control:
//! no-cache` still makes them ask, so a change of status is seen at once.

use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

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
    if matches(req, &etag) {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .finish();
    }
    HttpResponse::build(StatusCode::OK)
        .content_type(content_type)
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body)
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
