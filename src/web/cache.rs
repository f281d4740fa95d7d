//! Rendered pages kept in memory.
//!
//! A published version never changes, so its page is rendered once and kept.
//! Each entry is stored with a fingerprint of everything the page shows that
//! could change (the version's hash, status and window, whether the window is
//! open now, the standard's metadata); a request whose fingerprint differs
//! renders afresh. The cache is per process and bounded, so several app
//! servers each keep their own and none can serve another's stale copy.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;
use askama::Template;

use crate::error::AppError;

/// Most pages kept at once; when full, the cache starts again empty.
const CAPACITY: usize = 256;

#[derive(Clone)]
pub struct CachedPage {
    pub fingerprint: String,
    pub body: Bytes,
    pub etag: String,
}

#[derive(Clone, Default)]
pub struct PageCache {
    inner: Arc<Mutex<HashMap<String, CachedPage>>>,
}

impl PageCache {
    /// The page at `key` if it was rendered with this fingerprint.
    pub fn get(&self, key: &str, fingerprint: &str) -> Option<CachedPage> {
        let map = self.inner.lock().ok()?;
        map.get(key)
            .filter(|p| p.fingerprint == fingerprint)
            .cloned()
    }

    /// Render `page`, keep it at `key` with its fingerprint, and return it.
    pub fn render(
        &self,
        key: String,
        fingerprint: String,
        page: &impl Template,
    ) -> Result<CachedPage, AppError> {
        let html = page.render().map_err(AppError::internal)?;
        let rendered = CachedPage {
            fingerprint,
            etag: super::respond::etag_for(html.as_bytes()),
            body: Bytes::from(html),
        };
        self.put(key, rendered.clone());
        Ok(rendered)
    }

    pub fn put(&self, key: String, page: CachedPage) {
        if let Ok(mut map) = self.inner.lock() {
            if map.len() >= CAPACITY && !map.contains_key(&key) {
                map.clear();
            }
            map.insert(key, page);
        }
    }

    pub fn len(&self) -> usize {
        self.inner.lock().map(|m| m.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl CachedPage {
    /// The page as HTML with its ETag (304 when the client has it).
    pub fn respond(self, req: &actix_web::HttpRequest) -> actix_web::HttpResponse {
        super::respond::with_known_etag(
            req,
            actix_web::http::header::ContentType::html(),
            self.body,
            self.etag,
        )
    }
}
