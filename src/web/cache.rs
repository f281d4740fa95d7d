//! Public pages served from memory, without asking the database.
//!
//! A public page (a version, a clause, a redline) is the same bytes for
//! every reader, so it is rendered once and kept with its gzip and Brotli
//! forms and their ETags: a request that finds it answers from memory,
//! `304` included, without a database connection or a thread hop.
//!
//! A kept page is dropped instead of asked about. Each one is tagged with
//! what it was rendered from ([`PageStamp`]: a generation that moves with
//! every change a page must show at once, and the ledger's head, which
//! moves with every comment published) and with the next minute a comment
//! window opens or closes, and:
//!
//! - when the generation moves (a version published, a window changed, a
//!   comment hidden or edited, on any app server), every page rendered
//!   before is rendered again on its next request. A thread reads the
//!   stamp five times a second (`Freshness::Watch`), so a change made on
//!   one server shows on all within a second; this server's own writes
//!   (any form but a comment's) count at once;
//! - when only the ledger moved (new comments), a page with discussions or
//!   counts is served on for up to `lively_for` and then rendered again
//!   once, by one request, while the others are served the previous copy:
//!   a flood of comments costs one render of a page per second, not one
//!   per comment;
//! - at a comment window's opening or closing minute the page is rendered
//!   again: the clock decides, not the cache.
//!
//! Pages vary by encoding and by language: each language's page is kept
//! under its own key. The cache is
//! bounded in bytes; the least recently used pages go first. Pages that
//! hold anything per browser (a form's CSRF token) or per account (staff
//! pages) never come here.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use chrono::NaiveDateTime;

use super::AppState;
use crate::config::{Freshness, PageCacheSettings};
use crate::db::models::PageStamp;
use crate::db::{DbConn, Pool};
use crate::error::AppError;

/// Bodies shorter than this are sent as they are.
const COMPRESS_MIN: usize = 1024;
/// Brotli quality: close to gzip's best size at a fraction of its time,
/// so a 1 MB page is compressed in a few milliseconds each time it is
/// rendered again.
const BROTLI_QUALITY: u32 = 5;
/// A claimed render not finished after this long is given up for lost.
const RENDER_TIMEOUT: Duration = Duration::from_secs(10);

/// A page as a handler renders it.
pub struct Rendered {
    pub html: String,
    /// The next minute a comment window it shows opens or closes.
    pub until: Option<NaiveDateTime>,
    /// It shows comments or their counts, which may lag new comments by
    /// `lively_for`.
    pub lively: bool,
}

/// A page ready to send: its bytes in each encoding, with their ETags.
pub struct Prepared {
    identity: Bytes,
    gzip: Option<Bytes>,
    br: Option<Bytes>,
    etag: String,
}

impl Prepared {
    pub fn new(html: String) -> Prepared {
        let identity = Bytes::from(html);
        let (gzip, br) = if identity.len() >= COMPRESS_MIN {
            (super::respond::gzip(&identity), brotli(&identity))
        } else {
            (None, None)
        };
        Prepared {
            etag: super::respond::etag_for(&identity),
            identity,
            gzip,
            br,
        }
    }

    fn bytes(&self) -> usize {
        self.identity.len()
            + self.gzip.as_ref().map_or(0, Bytes::len)
            + self.br.as_ref().map_or(0, Bytes::len)
    }

    /// The answer to `req`: the encoding it takes best, or `304` if it
    /// holds that variant already. `HEAD` gets the same headers.
    pub fn respond(&self, req: &HttpRequest) -> HttpResponse {
        self.answer(req, true)
    }

    /// As [`Prepared::respond`]; `mark` names a body sent as it is
    /// `identity`, which keeps the compression middleware off it (and is
    /// removed again before sending); outside that middleware it is not
    /// needed.
    fn answer(&self, req: &HttpRequest, mark: bool) -> HttpResponse {
        let (body, coding, etag) = match accepted(req) {
            Coding::Br if self.br.is_some() => (
                self.br.clone(),
                "br",
                super::respond::variant_etag(&self.etag, "br"),
            ),
            Coding::Br | Coding::Gzip if self.gzip.is_some() => (
                self.gzip.clone(),
                "gzip",
                super::respond::variant_etag(&self.etag, "gz"),
            ),
            _ => (Some(self.identity.clone()), "identity", self.etag.clone()),
        };
        let body = body.unwrap_or_else(|| self.identity.clone());
        let status = if none_match(req, &etag) {
            StatusCode::NOT_MODIFIED
        } else {
            StatusCode::OK
        };
        let mut response = HttpResponse::build(status);
        response
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .insert_header((header::VARY, "Accept-Encoding"));
        if coding != "identity" || mark {
            response.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static(coding)));
        }
        if status == StatusCode::NOT_MODIFIED {
            return response.finish();
        }
        response.content_type(header::ContentType::html());
        // For `HEAD` the server sends the headers of this answer, its length
        // included, without the body.
        response.body(body)
    }
}

fn brotli(body: &[u8]) -> Option<Bytes> {
    let mut out = Vec::with_capacity(body.len() / 5);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, BROTLI_QUALITY, 22);
        writer.write_all(body).ok()?;
        writer.flush().ok()?;
    }
    Some(Bytes::from(out))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Br,
    Gzip,
    Identity,
}

/// The best encoding `req` takes: Brotli, then gzip (`q=0` refuses one).
fn accepted(req: &HttpRequest) -> Coding {
    let mut best = Coding::Identity;
    for value in req.headers().get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            if refused {
                continue;
            }
            if coding.eq_ignore_ascii_case("br") {
                best = Coding::Br;
            } else if coding.eq_ignore_ascii_case("gzip") && best == Coding::Identity {
                best = Coding::Gzip;
            }
        }
    }
    best
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110
/// asks of this header) or is `*`.
fn none_match(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// What an entry was rendered from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Tag {
    stamp: PageStamp,
    /// This server's own writes, counted at once (see [`PageCache::wrote`]).
    local_hard: u64,
    local_soft: u64,
}

struct Entry {
    tag: Tag,
    rendered_at: Instant,
    until: Option<NaiveDateTime>,
    lively: bool,
    page: Arc<Prepared>,
    last_used: u64,
    /// One request is rendering it again; the others are served this copy.
    refreshing: Option<Instant>,
}

#[derive(Default)]
struct Known {
    tag: Tag,
    /// When the stamp was last read from the database.
    read_at: Option<Instant>,
}

#[derive(Default)]
struct Store {
    entries: HashMap<String, Entry>,
    bytes: usize,
    clock: u64,
    known: Known,
}

struct Inner {
    settings: PageCacheSettings,
    store: Mutex<Store>,
}

/// The page cache of one app server, shared by its workers.
#[derive(Clone)]
pub struct PageCache {
    inner: Arc<Inner>,
}

/// What a lookup found.
enum Lookup {
    /// Serve it.
    Hit(Arc<Prepared>),
    /// Render it; `claimed` when this request renders again a page others
    /// are being served meanwhile.
    Render { claimed: bool },
}

/// A change this server made itself, by how soon pages must show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A comment submitted or confirmed: may lag like any new comment.
    Comment,
    /// Anything else: pages rendered before are not served again.
    Other,
}

impl PageCache {
    /// A cache with these settings; in `Watch` mode a thread reads the
    /// page stamp from `pool` until the cache is dropped.
    pub fn start(settings: PageCacheSettings, pool: &Pool) -> PageCache {
        let watch = settings.freshness == Freshness::Watch && settings.budget_bytes > 0;
        let every = settings.watch_every;
        let cache = PageCache {
            inner: Arc::new(Inner {
                settings,
                store: Mutex::new(Store::default()),
            }),
        };
        if watch {
            let weak = Arc::downgrade(&cache.inner);
            let pool = pool.clone();
            let started = std::thread::Builder::new()
                .name("docket-page-stamp".into())
                .spawn(move || watch_stamp(weak, pool, every));
            if let Err(err) = started {
                // Without the thread every request reads the stamp itself
                // (the watch is seen as stalled): slower, never stale.
                tracing::error!(error = %err, "cannot start the page stamp thread");
            }
        }
        cache
    }

    fn enabled(&self) -> bool {
        self.inner.settings.budget_bytes > 0
    }

    /// Whether requests must read the stamp themselves: in `Exact` mode,
    /// or when the watching thread has not read it lately.
    fn must_read_stamp(&self) -> bool {
        let settings = &self.inner.settings;
        if settings.freshness == Freshness::Exact {
            return true;
        }
        let limit = (settings.watch_every * 5).max(Duration::from_secs(2));
        let Ok(store) = self.inner.store.lock() else {
            return true;
        };
        store.known.read_at.is_none_or(|at| at.elapsed() > limit)
    }

    fn set_stamp(&self, stamp: PageStamp) {
        if let Ok(mut store) = self.inner.store.lock() {
            store.known.tag.stamp = stamp;
            store.known.read_at = Some(Instant::now());
        }
    }

    /// This server changed what pages show: count it at once.
    pub fn wrote(&self, change: Change) {
        if let Ok(mut store) = self.inner.store.lock() {
            match change {
                Change::Comment => store.known.tag.local_soft += 1,
                Change::Other => store.known.tag.local_hard += 1,
            }
        }
    }

    /// The page at `key` if it may be served now, without rendering or
    /// claiming anything: for the fast path ([`fast_path`]).
    fn peek(&self, key: &str) -> Option<Arc<Prepared>> {
        if !self.enabled() || self.must_read_stamp() {
            return None;
        }
        match self.lookup(key, chrono::Utc::now().naive_utc(), false).0 {
            Lookup::Hit(page) => Some(page),
            Lookup::Render { .. } => None,
        }
    }

    /// What to do for `key`: serve a kept page or render it. With `claim`,
    /// a page that is due to be rendered again while others are served the
    /// kept copy is claimed by this request.
    fn lookup(&self, key: &str, now: NaiveDateTime, claim: bool) -> (Lookup, Tag) {
        let lively_for = self.inner.settings.lively_for;
        let Ok(mut store) = self.inner.store.lock() else {
            return (Lookup::Render { claimed: false }, Tag::default());
        };
        store.clock += 1;
        let clock = store.clock;
        let known = store.known.tag;
        let Some(entry) = store.entries.get_mut(key) else {
            return (Lookup::Render { claimed: false }, known);
        };
        let hard_change = entry.tag.stamp.generation != known.stamp.generation
            || entry.tag.local_hard != known.local_hard
            || entry.until.is_some_and(|until| now >= until);
        if hard_change {
            return (Lookup::Render { claimed: false }, known);
        }
        entry.last_used = clock;
        let soft_change = entry.tag.stamp.ledger != known.stamp.ledger
            || entry.tag.stamp.newest_comment != known.stamp.newest_comment
            || entry.tag.local_soft != known.local_soft;
        if !entry.lively || !soft_change || entry.rendered_at.elapsed() < lively_for {
            return (Lookup::Hit(entry.page.clone()), known);
        }
        match entry.refreshing {
            Some(since) if since.elapsed() < RENDER_TIMEOUT => {
                (Lookup::Hit(entry.page.clone()), known)
            }
            _ if !claim => (Lookup::Render { claimed: false }, known),
            _ => {
                entry.refreshing = Some(Instant::now());
                (Lookup::Render { claimed: true }, known)
            }
        }
    }

    fn store(
        &self,
        key: String,
        tag: Tag,
        until: Option<NaiveDateTime>,
        lively: bool,
        page: Arc<Prepared>,
    ) {
        let budget = self.inner.settings.budget_bytes;
        let size = page.bytes() + key.len();
        let Ok(mut store) = self.inner.store.lock() else {
            return;
        };
        if let Some(old) = store.entries.remove(&key) {
            store.bytes -= old.page.bytes() + key.len();
        }
        if size > budget / 2 {
            // A page larger than half the cache would push out everything.
            return;
        }
        store.clock += 1;
        let entry = Entry {
            tag,
            rendered_at: Instant::now(),
            until,
            lively,
            page,
            last_used: store.clock,
            refreshing: None,
        };
        store.bytes += size;
        store.entries.insert(key, entry);
        if store.bytes > budget {
            evict(&mut store, budget - budget / 8);
        }
    }

    /// Give up a claimed render that failed: the next request tries again.
    fn release(&self, key: &str) {
        if let Ok(mut store) = self.inner.store.lock() {
            if let Some(entry) = store.entries.get_mut(key) {
                entry.refreshing = None;
            }
        }
    }

    /// Pages kept.
    pub fn len(&self) -> usize {
        self.inner
            .store
            .lock()
            .map(|s| s.entries.len())
            .unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Drop the least recently used pages until at most `target` bytes are kept.
fn evict(store: &mut Store, target: usize) {
    let mut by_use: Vec<(u64, String)> = store
        .entries
        .iter()
        .map(|(k, e)| (e.last_used, k.clone()))
        .collect();
    by_use.sort_unstable();
    for (_, key) in by_use {
        if store.bytes <= target {
            break;
        }
        if let Some(old) = store.entries.remove(&key) {
            store.bytes -= old.page.bytes() + key.len();
        }
    }
}

fn watch_stamp(cache: Weak<Inner>, pool: Pool, every: Duration) {
    let mut failing = false;
    loop {
        std::thread::sleep(every);
        let Some(inner) = cache.upgrade() else { return };
        let stamp = pool
            .get()
            .map_err(|e| e.to_string())
            .and_then(|mut conn| PageStamp::read(&mut conn).map_err(|e| e.to_string()));
        match stamp {
            Ok(stamp) => {
                if failing {
                    tracing::info!("the page stamp can be read again");
                    failing = false;
                }
                PageCache { inner }.set_stamp(stamp);
            }
            Err(err) => {
                if !failing {
                    tracing::warn!(error = %err, "cannot read the page stamp; pages are checked on each request until it can");
                    failing = true;
                }
            }
        }
    }
}

/// Answer `req` with the page at `key`: from memory when it is fresh,
/// else rendered by `render` on a pooled connection and kept.
pub async fn page<F>(
    state: &AppState,
    req: &HttpRequest,
    key: String,
    render: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut DbConn) -> Result<Rendered, AppError> + Send + 'static,
{
    let cache = state.pages.clone();
    if !cache.enabled() {
        let rendered = state.db(render).await?;
        return Ok(Prepared::new(rendered.html).respond(req));
    }
    if cache.must_read_stamp() {
        let stamp = state.db(|conn| Ok(PageStamp::read(conn)?)).await?;
        cache.set_stamp(stamp);
    }
    let now = chrono::Utc::now().naive_utc();
    let (found, tag) = cache.lookup(&key, now, true);
    let claimed = match found {
        Lookup::Hit(page) => return Ok(page.respond(req)),
        Lookup::Render { claimed } => claimed,
    };
    // Kept from inside the blocking task, so a client that leaves does not
    // leave the claim behind.
    let page = state
        .db(move |conn| match render(conn) {
            Ok(Rendered {
                html,
                until,
                lively,
            }) => {
                let page = Arc::new(Prepared::new(html));
                cache.store(key, tag, until, lively, page.clone());
                Ok(page)
            }
            Err(err) => {
                if claimed {
                    cache.release(&key);
                }
                Err(err)
            }
        })
        .await?;
    Ok(page.respond(req))
}

/// Middleware: after a form this server accepted, pages rendered before
/// are not served again ([`PageCache::wrote`]). Comment and reply forms and
/// confirmations only publish comments, which pages may show a moment late.
pub async fn note_writes<B: actix_web::body::MessageBody>(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<B>,
) -> Result<actix_web::dev::ServiceResponse<B>, actix_web::Error> {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let res = next.call(req).await?;
    if writes && res.status().as_u16() < 400 {
        let path = res.request().path();
        let comment = path.ends_with("/comments") || path.ends_with("/replies");
        let change = if comment || path.starts_with("/verify/") {
            Change::Comment
        } else {
            Change::Other
        };
        if let Some(state) = res.request().app_data::<actix_web::web::Data<AppState>>() {
            state.pages.wrote(change);
        }
    }
    Ok(res)
}

/// The cache key of a public page at `req`'s path: the path alone when the
/// page is asked for without a query (the address [`fast_path`] looks up),
/// else the path with `variant`, what the handler made of the query (never
/// the raw query, so made-up parameters cannot fill the cache).
pub fn key(req: &HttpRequest, variant: Option<String>) -> String {
    match variant {
        Some(v) => format!("{}?{v}", path_key(req.path())),
        None => path_key(req.path()),
    }
}

/// The key of the page at `path` in the current language: a page is kept
/// once per language.
fn path_key(path: &str) -> String {
    format!("{}:{path}", crate::i18n::current().tag())
}

/// Middleware, outermost but for the logger: a `GET` or `HEAD` without a
/// query for a page kept fresh in the cache is answered here, with the
/// site's security headers, before sessions, compression and routing.
/// Anything else goes on to the application.
pub async fn fast_path<B: actix_web::body::MessageBody + 'static>(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<B>,
) -> Result<
    actix_web::dev::ServiceResponse<actix_web::body::EitherBody<B, actix_web::body::BoxBody>>,
    actix_web::Error,
> {
    if matches!(*req.method(), Method::GET | Method::HEAD) && req.query_string().is_empty() {
        let page = req
            .app_data::<actix_web::web::Data<AppState>>()
            .and_then(|state| {
                let page = state.pages.peek(&path_key(req.path()))?;
                Some((page, super::security_header_list(&state.config)))
            });
        if let Some((page, headers)) = page {
            let mut response = page.answer(req.request(), false);
            for (name, value) in headers {
                response.headers_mut().insert(
                    header::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                );
            }
            return Ok(req.into_response(response).map_into_right_body());
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}
