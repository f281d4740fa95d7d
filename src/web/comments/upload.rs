//! The comment form as posted, in either encoding: a web form
//! (`application/x-www-form-urlencoded`, as every client sent it before
//! letters) or `multipart/form-data`, which the page's form uses so that a
//! signed letter can go with it.
//!
//! A multipart form is read as a stream into memory with its own limits,
//! since it may be larger than any other request the site takes: text
//! fields at most [`security::BODY_LIMIT`] in all (as a web form), the
//! letter at most [`MAX_LETTER_BYTES`]. A larger letter is not kept, but
//! the rest of the request is read on (up to [`DRAIN_LIMIT`]) so that the
//! form can come back with everything typed and a clear message. Text
//! fields must be UTF-8, as in a web form: nothing is quietly replaced.

use std::future::Future;
use std::pin::Pin;

use actix_multipart::{Field, Multipart};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::StreamExt;

use super::super::security;
use super::form::CommentForm;
use crate::comments::letters::{self, Letter, Refusal, MAX_LETTER_BYTES};
use crate::error::AppError;

/// The name of the form's file input.
pub const LETTER_FIELD: &str = "letter";

/// Most bytes read from a multipart form, counting the parts of a letter
/// that are too large and thrown away. A body announced as larger is
/// refused before it is read.
pub const DRAIN_LIMIT: usize = 32 * 1024 * 1024;

/// Most parts in a multipart form (the form has about a dozen).
const MAX_PARTS: usize = 64;

/// The file chosen in the form, as received.
#[derive(Default)]
pub enum Sent {
    /// No file was chosen (or the form was a web form).
    #[default]
    Nothing,
    File {
        name: String,
        bytes: Vec<u8>,
    },
    /// Larger than a letter may be; its bytes were not kept.
    TooLarge {
        name: String,
    },
}

impl Sent {
    /// The name of the file chosen, if one was.
    pub fn name(&self) -> Option<&str> {
        match self {
            Sent::Nothing => None,
            Sent::File { name, .. } | Sent::TooLarge { name } => Some(name),
        }
    }

    pub fn too_large(&self) -> bool {
        matches!(self, Sent::TooLarge { .. })
    }

    /// Check the file as a letter: `Ok(None)` when none was chosen.
    pub fn check(self) -> Result<Option<Letter>, Refusal> {
        match self {
            Sent::Nothing => Ok(None),
            Sent::TooLarge { .. } => Err(Refusal::TooLarge),
            Sent::File { name, bytes } => letters::check(&name, bytes).map(Some),
        }
    }
}

/// A comment form as posted, and the file that came with it.
pub struct Posted {
    pub form: CommentForm,
    pub file: Sent,
}

impl FromRequest for Posted {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Posted, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if !is_multipart(req) {
            // A web form, read (and limited) as every other form is.
            let form = web::Form::<CommentForm>::from_request(req, payload);
            return Box::pin(async move {
                Ok(Posted {
                    form: form.await?.into_inner(),
                    file: Sent::Nothing,
                })
            });
        }
        let announced = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if announced.is_some_and(|n| n > DRAIN_LIMIT) {
            return Box::pin(async { Err(AppError::PayloadTooLarge.into()) });
        }
        let parts = Multipart::new(req.headers(), payload.take());
        Box::pin(async move { read_multipart(parts).await.map_err(Into::into) })
    }
}

fn is_multipart(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

fn unreadable(what: impl std::fmt::Display) -> AppError {
    AppError::BadRequest(crate::i18n::t1(
        "form-err-unreadable",
        "what",
        what.to_string(),
    ))
}

/// What has been read so far, against the limits.
#[derive(Default)]
struct Reading {
    form: CommentForm,
    file: Sent,
    text_bytes: usize,
    total: usize,
}

async fn read_multipart(mut parts: Multipart) -> Result<Posted, AppError> {
    let mut r = Reading::default();
    let mut count = 0;
    while let Some(part) = parts.next().await {
        let part = part.map_err(unreadable)?;
        count += 1;
        if count > MAX_PARTS {
            return Err(unreadable(crate::i18n::t("form-err-too-many-fields")));
        }
        let name = part.name().unwrap_or_default().to_string();
        let file_name = part
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_string);
        let complete = match file_name {
            Some(f) if name == LETTER_FIELD => read_letter(&mut r, part, f).await?,
            _ => read_text(&mut r, part, &name).await?,
        };
        if !complete {
            // Past the most this form may send: answer with what was read.
            break;
        }
    }
    Ok(Posted {
        form: r.form,
        file: r.file,
    })
}

/// Read a text field into the form. Unknown fields are read and dropped,
/// as a web form's are.
async fn read_text(r: &mut Reading, mut part: Field, name: &str) -> Result<bool, AppError> {
    let mut value = Vec::new();
    while let Some(chunk) = part.next().await {
        let chunk = chunk.map_err(unreadable)?;
        r.text_bytes += chunk.len();
        r.total += chunk.len();
        if r.text_bytes > security::BODY_LIMIT {
            return Err(AppError::PayloadTooLarge);
        }
        value.extend_from_slice(&chunk);
    }
    let value = String::from_utf8(value)
        .map_err(|_| AppError::BadRequest(crate::i18n::t1("form-err-not-utf8", "name", name)))?;
    r.form.set(name, value);
    Ok(true)
}

/// Read the file input. A browser sends an empty part with no file name
/// when no file was chosen. Returns `false` when the body went past
/// [`DRAIN_LIMIT`] and reading stopped.
async fn read_letter(r: &mut Reading, mut part: Field, name: String) -> Result<bool, AppError> {
    let mut bytes = Vec::new();
    let mut too_large = false;
    while let Some(chunk) = part.next().await {
        let chunk = chunk.map_err(unreadable)?;
        r.total += chunk.len();
        if r.total > DRAIN_LIMIT {
            too_large = true;
            break;
        }
        if too_large {
            continue;
        }
        if bytes.len() + chunk.len() > MAX_LETTER_BYTES {
            too_large = true;
            bytes = Vec::new();
            continue;
        }
        bytes.extend_from_slice(&chunk);
    }
    let chosen = !name.is_empty() || !bytes.is_empty() || too_large;
    if chosen && matches!(r.file, Sent::Nothing) {
        r.file = if too_large {
            Sent::TooLarge { name }
        } else {
            Sent::File { name, bytes }
        };
    }
    Ok(r.total <= DRAIN_LIMIT)
}
