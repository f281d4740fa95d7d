//! Taking a comment's proposed text into the draft (`…/accept`), and the
//! page shown when it changes words the draft changed too: the clause as
//! published, as in the draft and as proposed, with the redline of each
//! change, and a form to keep one or write the clause (`…/resolve`). A
//! stale resolution shows the page again with the current texts and what
//! was typed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::auth::Staff;
use super::drafts::refused;
use super::respond::private_page;
use super::staff::see_other;
use super::{csrf, AppState};
use crate::db::models::{Standard, Version};
use crate::drafts::{self as domain, DraftError, ProposalConflict};
use crate::error::AppError;
use crate::redline::{tokens, Op};

#[derive(Debug, Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    comment_id: String,
    /// The key of the clause page the button was pressed on, to return to.
    #[serde(default)]
    clause: String,
}

#[derive(Debug, Deserialize)]
pub struct ResolveForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    comment_id: String,
    #[serde(default)]
    revision: String,
    #[serde(default)]
    body: String,
}

#[derive(Template)]
#[template(path = "editor/conflict.html")]
struct ConflictPage {
    slug: String,
    label: String,
    c: ProposalConflict,
    csrf_token: String,
    /// What the editor typed, kept when a save came too late.
    typed: Option<String>,
    notice: Option<String>,
}

impl ConflictPage {
    fn action(&self) -> String {
        format!(
            "/editor/standards/{}/drafts/{}/resolve",
            self.slug, self.label
        )
    }

    fn draft_redline(&self) -> String {
        redline_html(&self.c.published, &self.c.in_draft)
    }

    fn proposal_redline(&self) -> String {
        redline_html(&self.c.published, &self.c.proposed)
    }
}

/// The word redline of two texts as HTML: escaped, `<del>` and `<ins>`.
pub(super) fn redline_html(old: &str, new: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    let mut out = String::new();
    for c in tokens::diff_words(old, new, deadline) {
        let text = crate::standard::markdown::escape(&c.text);
        match c.op {
            Op::Equal => out.push_str(&text),
            Op::Delete => out.push_str(&format!("<del>{text}</del>")),
            Op::Insert => out.push_str(&format!("<ins>{text}</ins>")),
        }
    }
    out
}

fn comment_id(raw: &str) -> Result<i32, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::BadRequest(crate::i18n::t("drafting-err-choose-comment")))
}

/// Where the editor goes once a proposal is in the draft.
fn accepted(slug: &str, base_label: &str, tracking: &str, id: i32) -> HttpResponse {
    see_other(&format!(
        "{}?accepted={tracking}#item-{id}",
        crate::urls::editor_feedback(slug, base_label)
    ))
}

/// What became of an attempt: in the draft, or a conflict to show.
enum Outcome {
    Done { tracking: String, base: String },
    Conflict(Box<ProposalConflict>, Option<String>),
}

fn conflict_page(
    req: &HttpRequest,
    (slug, label): (String, String),
    c: ProposalConflict,
    notice: Option<String>,
    typed: Option<String>,
) -> Result<HttpResponse, AppError> {
    let page = ConflictPage {
        slug,
        label,
        c,
        csrf_token: csrf::token(req),
        typed,
        notice,
    };
    private_page(StatusCode::CONFLICT, &page)
}

/// `POST /editor/standards/{slug}/drafts/{label}/accept`: merge a
/// comment's proposed text into its clause, or show the conflict.
pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let id = comment_id(&form.comment_id)?;
    let (s2, l2) = (slug.clone(), label.clone());
    let outcome = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &s2)?;
            match domain::accept(conn, &standard, &l2, id, &staff, Utc::now().naive_utc()) {
                Ok((d, c)) => Ok(Outcome::Done {
                    tracking: c.tracking_number,
                    base: Version::by_id(conn, d.base_version_id)?.label,
                }),
                Err(DraftError::Conflict(c)) => Ok(Outcome::Conflict(c, None)),
                Err(e) => Err(refused(e)),
            }
        })
        .await?;
    match outcome {
        Outcome::Done { tracking, .. } if crate::standard::keys::is_valid_key(&form.clause) => {
            Ok(see_other(&format!(
                "{}/clauses/{}?accepted={tracking}#item-{id}",
                crate::urls::editor_draft(&slug, &label),
                form.clause
            )))
        }
        Outcome::Done { tracking, base } => Ok(accepted(&slug, &base, &tracking, id)),
        Outcome::Conflict(c, _) => conflict_page(&req, (slug, label), *c, None, None),
    }
}

/// `POST /editor/standards/{slug}/drafts/{label}/resolve`: take a
/// proposal into the draft as the clause text chosen or written on the
/// conflict page.
pub async fn resolve(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<ResolveForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let id = comment_id(&form.comment_id)?;
    let revision: i32 = form.revision.trim().parse().unwrap_or(0);
    let body = form.body.clone();
    let (s2, l2) = (slug.clone(), label.clone());
    let outcome = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &s2)?;
            let now = Utc::now().naive_utc();
            match domain::resolve(conn, &standard, &l2, id, revision, &body, &staff, now) {
                Ok((d, c)) => Ok(Outcome::Done {
                    tracking: c.tracking_number,
                    base: Version::by_id(conn, d.base_version_id)?.label,
                }),
                Err(DraftError::Stale { message }) => {
                    match domain::proposals::conflict_now(conn, &standard, &l2, id) {
                        Ok(Some(c)) => Ok(Outcome::Conflict(Box::new(c), Some(message))),
                        Ok(None) => Err(AppError::BadRequest(message)),
                        Err(e) => Err(refused(e)),
                    }
                }
                Err(e) => Err(refused(e)),
            }
        })
        .await?;
    match outcome {
        Outcome::Done { tracking, base } => Ok(accepted(&slug, &base, &tracking, id)),
        Outcome::Conflict(c, notice) => conflict_page(
            &req,
            (slug, label),
            *c,
            notice,
            Some(form.into_inner().body),
        ),
    }
}
