//! The bulk download of a version's public comments
//! (`/standards/{slug}/{label}/comments.csv` and `.ndjson`), streamed: the
//! body is read a chunk at a time ([`crate::comments::open_data`]), each
//! chunk on the blocking thread pool when the client is ready for it, so
//! the server holds one chunk whatever the number of comments. A client
//! that accepts gzip gets it compressed by the compression middleware as
//! it streams (the download is public, the same for everyone).
//!
//! A download interrupted part way can be resumed (`Range`, with
//! `If-Range`). The uncompressed download carries a strong ETag made of
//! what it was made from (the version, the format and the [`PageStamp`]:
//! any comment stored, published, hidden or decided changes it), and
//! `Accept-Ranges: bytes`. Its length is known once a whole copy has been
//! sent while nothing changed; from then on a range of it is answered
//! `206`, made by streaming the same rows again and keeping only the bytes
//! asked for. A range of a download whose length this server has not yet
//! learnt, or whose ETag no longer matches, gets the whole download (`200`),
//! as HTTP allows. The gzip stream has a weak ETag: its bytes may differ
//! from one copy to the next, so it is never resumed by range.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::rt::task::JoinHandle;
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};

use super::AppState;
use crate::comments::open_data::{Chunk, Export, Format};
use crate::db::models::PageStamp;
use crate::db::Pool;
use crate::error::AppError;

/// Most download lengths remembered; when full, the record starts again.
const LENGTHS_KEPT: usize = 1024;

/// The length of each complete download sent, by its ETag.
#[derive(Clone, Default)]
pub struct DownloadLengths(Arc<Mutex<HashMap<String, u64>>>);

impl DownloadLengths {
    fn get(&self, etag: &str) -> Option<u64> {
        self.0.lock().ok()?.get(etag).copied()
    }

    fn put(&self, etag: String, length: u64) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= LENGTHS_KEPT {
                map.clear();
            }
            map.insert(etag, length);
        }
    }
}

/// A `Range: bytes=…` request for one range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// `first-` or `first-last`.
    From(u64, Option<u64>),
    /// `-n`: the last n bytes.
    Last(u64),
}

impl Wanted {
    /// The request's range, if it has one this server answers: a single
    /// byte range, and `If-Range` (if sent) naming `etag`. Anything else
    /// is ignored, and the whole download sent.
    fn of(req: &HttpRequest, etag: &str) -> Option<Wanted> {
        let range = req.headers().get(header::RANGE)?.to_str().ok()?.trim();
        if let Some(if_range) = req.headers().get(header::IF_RANGE) {
            if if_range.to_str().ok()?.trim() != etag {
                return None;
            }
        }
        let spec = range.strip_prefix("bytes=")?.trim();
        if spec.contains(',') {
            return None;
        }
        let (first, last) = spec.split_once('-')?;
        let (first, last) = (first.trim(), last.trim());
        if first.is_empty() {
            return Some(Wanted::Last(last.parse().ok()?));
        }
        let first = first.parse().ok()?;
        let last = if last.is_empty() {
            None
        } else {
            let last: u64 = last.parse().ok()?;
            if last < first {
                return None;
            }
            Some(last)
        };
        Some(Wanted::From(first, last))
    }

    /// The first and last byte to send of a download of `length` bytes,
    /// or none if the range lies beyond its end.
    fn within(self, length: u64) -> Option<(u64, u64)> {
        match self {
            Wanted::From(first, _) if first >= length => None,
            Wanted::From(first, last) => {
                Some((first, last.map_or(length - 1, |l| l.min(length - 1))))
            }
            Wanted::Last(n) if n == 0 || length == 0 => None,
            Wanted::Last(n) => Some((length.saturating_sub(n), length - 1)),
        }
    }
}

/// `GET /standards/{slug}/{label}/comments.csv`
pub async fn csv(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    download(&req, &state, path, Format::Csv).await
}

/// `GET /standards/{slug}/{label}/comments.ndjson`
pub async fn ndjson(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    download(&req, &state, path, Format::Ndjson).await
}

async fn download(
    req: &HttpRequest,
    state: &AppState,
    path: web::Path<(String, String)>,
    format: Format,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let (export, stamp) = state
        .db(move |conn| {
            let export = Export::open(conn, &slug, &label, format)?;
            Ok((export, PageStamp::read(conn)?))
        })
        .await?;
    let etag = etag_of(&export, stamp);
    let disposition = format!("attachment; filename=\"{}\"", export.file_name());
    let mut body = Chunks::new(state.pool.clone(), export);
    let mut response = HttpResponse::Ok();
    response
        .content_type(format.content_type())
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::CACHE_CONTROL, "no-cache"));
    let wanted = Wanted::of(req, &etag);
    if let (Some(wanted), Some(length)) = (wanted, state.downloads.get(&etag)) {
        body.expect = Some(stamp);
        return Ok(partial(response, body, etag, wanted, length));
    }
    if super::respond::accepts_gzip(req) {
        // Compressed as it streams: never the same bytes twice for sure.
        response.insert_header((
            header::ETAG,
            format!("W/{}", super::respond::variant_etag(&etag, "gz")),
        ));
    } else {
        response
            .insert_header((header::ETAG, etag.clone()))
            .insert_header((header::ACCEPT_RANGES, "bytes"));
    }
    body.learn = Some(Learn {
        lengths: state.downloads.clone(),
        etag,
        stamp,
    });
    Ok(response.body(body))
}

/// The strong ETag of the plain download: what it is made from.
fn etag_of(export: &Export, stamp: PageStamp) -> String {
    format!(
        "\"{}-{}-{}-{}-{}\"",
        export.version.id,
        export.format.extension(),
        stamp.generation,
        stamp.ledger,
        stamp.newest_comment
    )
}

/// `206` with the bytes `wanted` of a download of `length` bytes, or `416`
/// if they lie past its end. Always uncompressed: the compression
/// middleware is kept off (the marker is removed before sending).
fn partial(
    mut response: actix_web::HttpResponseBuilder,
    mut body: Chunks,
    etag: String,
    wanted: Wanted,
    length: u64,
) -> HttpResponse {
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::ACCEPT_RANGES, "bytes"))
        .insert_header((
            header::CONTENT_ENCODING,
            HeaderValue::from_static("identity"),
        ));
    let Some((first, last)) = wanted.within(length) else {
        return response
            .status(StatusCode::RANGE_NOT_SATISFIABLE)
            .insert_header((header::CONTENT_RANGE, format!("bytes */{length}")))
            .finish();
    };
    body.skip = first;
    body.left = Some(last - first + 1);
    response
        .status(StatusCode::PARTIAL_CONTENT)
        .insert_header((
            header::CONTENT_RANGE,
            format!("bytes {first}-{last}/{length}"),
        ))
        .body(body)
}

/// Where to record the length of a whole download once sent, if nothing
/// changed while it was made.
struct Learn {
    lengths: DownloadLengths,
    etag: String,
    stamp: PageStamp,
}

/// A chunk read, and (after the last, when learning the length) the page
/// stamp read just after it.
type Fetched = (Chunk, Option<PageStamp>);

/// The body: the next chunk is read only when the one before has been
/// taken by the client.
struct Chunks {
    pool: Pool,
    export: Arc<Export>,
    /// The cursor of the next chunk to read; none after the last.
    after: Option<i32>,
    pending: Option<JoinHandle<Result<Fetched, AppError>>>,
    /// Bytes still to leave out at the start (a range).
    skip: u64,
    /// Bytes still to send (a range); none: to the end.
    left: Option<u64>,
    /// Bytes made so far, those left out included.
    sent: u64,
    learn: Option<Learn>,
    /// For a range: what the download must still be made from. If a
    /// comment is published meanwhile the stream stops with an error
    /// rather than send bytes of another copy.
    expect: Option<PageStamp>,
}

impl Chunks {
    fn new(pool: Pool, export: Export) -> Chunks {
        Chunks {
            pool,
            export: Arc::new(export),
            after: Some(0),
            pending: None,
            skip: 0,
            left: None,
            sent: 0,
            learn: None,
            expect: None,
        }
    }
}

impl MessageBody for Chunks {
    type Error = std::io::Error;

    fn size(&self) -> BodySize {
        match self.left {
            Some(n) => BodySize::Sized(n),
            None => BodySize::Stream,
        }
    }

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = &mut *self;
        loop {
            if this.left == Some(0) {
                return Poll::Ready(None);
            }
            if this.pending.is_none() {
                let Some(after) = this.after else {
                    return Poll::Ready(None);
                };
                let (pool, export) = (this.pool.clone(), this.export.clone());
                let learning = this.learn.is_some();
                let expect = this.expect;
                this.pending = Some(actix_web::rt::task::spawn_blocking(move || {
                    let mut conn = pool.get()?;
                    // The columns' words are English whatever the request's language.
                    let english = crate::i18n::Lang::En;
                    let chunk = crate::i18n::with(english, || export.chunk(&mut conn, after))?;
                    if let Some(expected) = expect {
                        if PageStamp::read(&mut conn)? != expected {
                            return Err(AppError::internal(anyhow::anyhow!(
                                "the comments changed while a range of their download was sent"
                            )));
                        }
                    }
                    // After the last chunk: did anything change meanwhile?
                    let stamp = match (learning, chunk.next) {
                        (true, None) => Some(PageStamp::read(&mut conn)?),
                        _ => None,
                    };
                    Ok((chunk, stamp))
                }));
            }
            let Some(pending) = this.pending.as_mut() else {
                return Poll::Ready(None);
            };
            let done = match Pin::new(pending).poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(done) => done,
            };
            this.pending = None;
            let (chunk, stamp_after) = match done {
                Ok(Ok(done)) => done,
                Ok(Err(err)) => {
                    this.after = None;
                    tracing::error!(error = %err, "comment download stopped");
                    return Poll::Ready(Some(Err(std::io::Error::other(err.to_string()))));
                }
                Err(err) => {
                    this.after = None;
                    return Poll::Ready(Some(Err(std::io::Error::other(err.to_string()))));
                }
            };
            this.after = chunk.next;
            this.sent += chunk.bytes.len() as u64;
            if let Some(stamp) = stamp_after {
                if let Some(learn) = this.learn.take() {
                    if stamp == learn.stamp {
                        learn.lengths.put(learn.etag, this.sent);
                    }
                }
            }
            let mut bytes = Bytes::from(chunk.bytes);
            if this.skip > 0 {
                let cut = this.skip.min(bytes.len() as u64);
                this.skip -= cut;
                bytes = bytes.slice(cut as usize..);
            }
            if let Some(left) = this.left.as_mut() {
                let keep = (*left).min(bytes.len() as u64);
                bytes.truncate(keep as usize);
                *left -= keep;
            }
            if !bytes.is_empty() {
                return Poll::Ready(Some(Ok(bytes)));
            }
        }
    }
}
