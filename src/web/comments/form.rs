//! The comment form page, in each of its states: empty (its proposed-text
//! box holding the clause's current text), sent back with the problems
//! found, with a preview of the comment and its redline, or refused by the
//! rate limit with the wait stated. Whatever was typed is always given
//! back in the boxes.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::super::csrf;
use super::super::respond::private_page;
use super::super::views::{local_time, ClauseView, VersionView};
use crate::comments::limits::VERIFIED_COMMENTS_PER_HOUR;
use crate::comments::subject::Subject;
use crate::comments::submit::{Draft, FieldError, Valid};
use crate::comments::threads::CommentView;
use crate::db::models::{CommentKind, Standard};
use crate::error::{wait_text, AppError};
use crate::i18n::t;

/// A comment type's name, in the current language.
pub(crate) fn kind_name(kind: CommentKind) -> String {
    t(match kind {
        CommentKind::General => "comment-kind-general",
        CommentKind::Technical => "comment-kind-technical",
        CommentKind::Editorial => "comment-kind-editorial",
    })
}

/// A radio button of the comment type.
pub struct KindOption {
    pub value: &'static str,
    pub name: String,
    pub hint: String,
}

fn kind_options() -> Vec<KindOption> {
    CommentKind::ALL
        .iter()
        .map(|k| KindOption {
            value: k.as_str(),
            name: kind_name(*k),
            hint: t(match k {
                CommentKind::General => "form-kind-general-hint",
                CommentKind::Technical => "form-kind-technical-hint",
                CommentKind::Editorial => "form-kind-editorial-hint",
            }),
        })
        .collect()
}

/// The line next to the file input when the file chosen for the letter
/// came back without it: a browser cannot fill a file input in again.
pub(super) mod letter_notes {
    // Catalogue keys: the note is written in the page's language.
    pub const PREVIEW: &str = "form-letter-note-preview";
    pub const KEPT: &str = "form-letter-note-kept";
    pub const NOT_SENT: &str = "form-letter-note-not-sent";
}

/// A comment as it will appear, shown above the form before it is sent.
pub struct Preview {
    name: String,
    organization: Option<String>,
    kind: String,
    body_html: String,
    /// The proposed text as a redline against the clause.
    proposed_html: Option<String>,
    /// "Signed letter (PDF, 1.2 MB)", if one was chosen.
    letter: Option<String>,
}

#[derive(Template)]
#[template(path = "comments/form.html")]
pub(super) struct FormPage {
    standard: Standard,
    version: VersionView,
    time_zone: String,
    target_label: String,
    clause: Option<ClauseView>,
    parent: Option<CommentView>,
    action: String,
    back_href: String,
    proposals: bool,
    csrf_token: String,
    draft: Draft,
    errors: Vec<FieldError>,
    kinds: Vec<KindOption>,
    max_body: usize,
    preview: Option<Preview>,
    /// Why a rate limit held the comment back, and for how long.
    refusal: Option<String>,
    /// Whether "Save for later" just kept this draft.
    pub(super) saved: bool,
    /// When the draft this form was filled from was saved (local time).
    resumed: Option<String>,
    /// Why the file chosen for the letter is not in the form any more
    /// (a file input cannot be filled in again): choose it again.
    pub(super) letter_note: Option<&'static str>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    fn kind_checked(&self, value: &str) -> bool {
        if self.draft.kind.is_empty() {
            value == "general"
        } else {
            self.draft.kind == value
        }
    }
}

pub(super) fn form_page(
    req: &HttpRequest,
    s: Subject,
    draft: Draft,
    errors: Vec<FieldError>,
) -> FormPage {
    let tz = s.standard.tz();
    FormPage {
        version: VersionView::new(&s.version, tz),
        time_zone: s.standard.time_zone.clone(),
        target_label: s.target_label(),
        clause: s.clause.as_ref().map(ClauseView::new),
        action: s.action(),
        back_href: s.back_href(),
        proposals: s.proposals(),
        parent: s.parent.map(|(_, v)| v),
        csrf_token: csrf::token(req),
        draft,
        errors,
        kinds: kind_options(),
        max_body: crate::comments::MAX_BODY_CHARS,
        standard: s.standard,
        preview: None,
        refusal: None,
        saved: false,
        resumed: None,
        letter_note: None,
    }
}

/// A new form: the draft this browser kept for it, if any, or an empty
/// one. On a clause, the proposed-text box of an empty form starts as the
/// clause's current Markdown, to be edited rather than retyped.
pub(super) fn new_form(
    req: &HttpRequest,
    s: Subject,
    kept: Option<(Draft, NaiveDateTime)>,
) -> Result<HttpResponse, AppError> {
    if let Some((draft, saved_at)) = kept {
        let when = local_time(saved_at, s.standard.tz());
        let mut page = form_page(req, s, draft, Vec::new());
        page.resumed = Some(when);
        return private_page(StatusCode::OK, &page);
    }
    let mut draft = Draft::default();
    if s.proposals() {
        if let Some(c) = &s.clause {
            draft.proposed_text = c.body_md.clone();
        }
    }
    private_page(StatusCode::OK, &form_page(req, s, draft, Vec::new()))
}

/// The form again, with the comment shown as it will appear: checked and
/// rendered exactly as a submission is, but neither stored nor counted.
pub(super) fn preview_page(
    req: &HttpRequest,
    s: Subject,
    valid: &Valid,
    draft: Draft,
) -> Result<HttpResponse, AppError> {
    let mut page = form_page(req, s, draft, Vec::new());
    if valid.letter.is_some() {
        page.letter_note = Some(letter_notes::PREVIEW);
    }
    page.preview = Some(Preview {
        letter: valid.letter.as_ref().map(|l| {
            crate::i18n::t1(
                "form-letter-preview",
                "size",
                crate::comments::letters::size_text(l.bytes.len() as i64),
            )
        }),
        name: valid.name.clone(),
        organization: valid.organization.clone(),
        kind: kind_name(valid.kind),
        body_html: valid.body_html.as_str().to_string(),
        proposed_html: valid
            .proposed_html
            .as_deref()
            .map(crate::redline::html::marks_here),
    });
    private_page(StatusCode::OK, &page)
}

/// A submission the rate limit held back: the form with everything typed,
/// the wait in words, and `Retry-After`.
pub(super) fn too_many_page(
    req: &HttpRequest,
    s: Subject,
    draft: Draft,
    retry_after: u64,
    letter_note: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let mut page = form_page(req, s, draft, Vec::new());
    page.letter_note = letter_note;
    page.refusal = Some(too_many_text(retry_after));
    too_many_answer(&page, retry_after)
}

/// Why the rate limit held a submission back, and for how long.
pub(super) fn too_many_text(retry_after: u64) -> String {
    crate::i18n::t_with_three(
        "form-too-many",
        [
            (
                "per_address",
                crate::comments::limits::COMMENTS_PER_HOUR.to_string(),
            ),
            ("per_verified", VERIFIED_COMMENTS_PER_HOUR.to_string()),
            ("wait", wait_text(retry_after)),
        ],
    )
}

/// A page the rate limit refused: `429` with `Retry-After`.
pub(super) fn too_many_answer<T: Template>(
    page: &T,
    retry_after: u64,
) -> Result<HttpResponse, AppError> {
    let mut resp = private_page(StatusCode::TOO_MANY_REQUESTS, page)?;
    resp.headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after));
    Ok(resp)
}

/// The comment form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    proposed_text: String,
    #[serde(default)]
    pub(super) csrf_token: String,
    /// The honeypot: hidden from people and screen readers, so only a
    /// robot fills it in.
    #[serde(default)]
    pub(super) website: String,
    /// Set by the "Preview" button: show the comment, send nothing.
    #[serde(default)]
    preview: Option<String>,
    /// Set by the "Save for later" button: keep the draft, send nothing.
    #[serde(default)]
    keep: Option<String>,
    /// Set by the "Add to my list" button: check the comment and keep it
    /// in this browser's list, to be sent with others.
    #[serde(default)]
    gather: Option<String>,
}

impl CommentForm {
    /// Set one field as a multipart form sends it; unknown names are
    /// dropped, as a web form's are.
    pub(super) fn set(&mut self, name: &str, value: String) {
        match name {
            "name" => self.name = value,
            "email" => self.email = value,
            "organization" => self.organization = value,
            "kind" => self.kind = value,
            "body" => self.body = value,
            "proposed_text" => self.proposed_text = value,
            "csrf_token" => self.csrf_token = value,
            "website" => self.website = value,
            "preview" => self.preview = Some(value),
            "keep" => self.keep = Some(value),
            "gather" => self.gather = Some(value),
            _ => {}
        }
    }

    /// Whether the "Preview" button sent the form.
    pub(super) fn is_preview(&self) -> bool {
        self.preview.is_some()
    }

    /// Whether the "Save for later" button sent the form.
    pub(super) fn is_keep(&self) -> bool {
        self.keep.is_some()
    }

    /// Whether the "Add to my list" button sent the form.
    pub(super) fn is_gather(&self) -> bool {
        self.gather.is_some()
    }

    pub(super) fn draft(self) -> Draft {
        Draft {
            name: self.name,
            email: self.email,
            organization: self.organization,
            kind: self.kind,
            body: self.body,
            proposed_text: self.proposed_text,
        }
    }
}
