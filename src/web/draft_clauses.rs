//! The editors' desk in the browser: one clause of the draft at a time
//! (its text beside the clause as published, its redline and its
//! comments), the page shown when two editors changed the same words of a
//! clause, renumbering, and the title and notes fields. Editors and admins
//! only; the rules live in `crate::drafts::{clauses, desk, numbering,
//! front}`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::auth::Staff;
use super::drafts::refused;
use super::proposals::redline_html;
use super::respond::private_page;
use super::staff::see_other;
use super::{csrf, AppState};
use crate::db::models::Standard;
use crate::drafts::clause_text::ClauseText;
use crate::drafts::clauses::{self, ClauseConflict};
use crate::drafts::desk::{self, ClauseEditor};
use crate::drafts::front::{self, Front, FrontConflict};
use crate::drafts::{numbering, DraftError};
use crate::error::AppError;

fn clause_href(slug: &str, label: &str, key: &str) -> String {
    format!("{}/clauses/{key}", crate::urls::editor_draft(slug, label))
}

fn revision_of(raw: &str) -> Result<i32, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::BadRequest(crate::i18n::t("drafting-err-no-revision-clause")))
}

#[derive(Template)]
#[template(path = "editor/clause.html")]
struct ClausePage {
    slug: String,
    label: String,
    base: String,
    e: ClauseEditor,
    /// What the fields show: the draft's text, or what a refused save typed.
    shown: ClauseText,
    csrf_token: String,
    notice: Option<String>,
    error: Option<String>,
}

impl ClausePage {
    fn new(
        slug: &str,
        e: ClauseEditor,
        shown: Option<ClauseText>,
        req: &HttpRequest,
    ) -> ClausePage {
        let label = e.draft.label.clone();
        ClausePage {
            base: crate::urls::editor_draft(slug, &label),
            slug: slug.to_string(),
            label,
            shown: shown.unwrap_or_else(|| e.text.clone()),
            e,
            csrf_token: csrf::token(req),
            notice: None,
            error: None,
        }
    }

    /// "3.2 Recruiting poll workers", as the heading reads.
    fn name(&self) -> String {
        match self.e.text.number.as_str() {
            "" => self.e.text.heading.clone(),
            n => format!("{n} {}", self.e.text.heading),
        }
    }

    fn action(&self) -> String {
        clause_href(&self.slug, &self.label, &self.e.key)
    }

    fn more_href(&self) -> Option<String> {
        let after = self.e.more_after.as_ref()?;
        Some(format!(
            "{}?after={}#comments",
            self.action(),
            crate::urls::query_value(after)
        ))
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ClauseQuery {
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    saved: Option<i32>,
    #[serde(default)]
    merged: Option<String>,
    /// The comment whose proposed text was just taken in.
    #[serde(default)]
    accepted: Option<String>,
}

/// `GET /editor/standards/{slug}/drafts/{label}/clauses/{key}`: one
/// clause of the draft beside its feedback.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    query: web::Query<ClauseQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, label, key) = path.into_inner();
    let q = query.into_inner();
    let after = q.after.clone();
    let s2 = slug.clone();
    let e = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &s2)?;
            desk::editor(conn, &standard, &label, &key, after.as_deref()).map_err(refused)
        })
        .await?;
    let notice = q.saved.map(|r| match q.merged.as_deref() {
        Some("1") => crate::i18n::t1("drafting-notice-saved-merged", "revision", r),
        _ => crate::i18n::t1("drafting-notice-saved", "revision", r),
    });
    let notice = notice.or_else(|| {
        q.accepted
            .map(|t| crate::i18n::t1("drafting-notice-merged", "tracking", t))
    });
    let page = ClausePage {
        notice,
        ..ClausePage::new(&slug, e, None, &req)
    };
    private_page(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct ClauseForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    revision: String,
    #[serde(default)]
    base_number: String,
    #[serde(default)]
    base_heading: String,
    #[serde(default)]
    base_body: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    heading: String,
    #[serde(default)]
    body: String,
}

#[derive(Template)]
#[template(path = "editor/clause_conflict.html")]
struct ConflictPage {
    label: String,
    base: String,
    action: String,
    c: ClauseConflict,
    csrf_token: String,
}

impl ConflictPage {
    fn published_body(&self) -> &str {
        self.c.published.as_ref().map_or("", |p| p.body.as_str())
    }

    fn current_redline(&self) -> String {
        redline_html(self.published_body(), &self.c.current.body)
    }

    fn mine_redline(&self) -> String {
        redline_html(self.published_body(), &self.c.mine.body)
    }
}

/// What became of a clause save.
enum Outcome {
    Saved(clauses::Saved),
    Conflict(Box<ClauseConflict>),
    Refused(String, Box<ClauseEditor>),
}

/// `POST /editor/standards/{slug}/drafts/{label}/clauses/{key}`: save the
/// clause, combined with any save made since the form was opened.
pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String, String)>,
    form: web::Form<ClauseForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label, key) = path.into_inner();
    let revision = revision_of(&form.revision)?;
    let base = ClauseText::from_form(&form.base_number, &form.base_heading, &form.base_body);
    let mine = ClauseText::from_form(&form.number, &form.heading, &form.body);
    let (s2, l2, k2, typed) = (slug.clone(), label.clone(), key.clone(), mine.clone());
    let outcome = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &s2)?;
            let now = Utc::now().naive_utc();
            match clauses::save(
                conn, &standard, &l2, &k2, revision, &base, &typed, &staff, now,
            ) {
                Ok(s) => Ok(Outcome::Saved(s)),
                Err(DraftError::ClauseConflict(c)) => Ok(Outcome::Conflict(c)),
                Err(DraftError::Refused(m)) => {
                    let e = desk::editor(conn, &standard, &l2, &k2, None).map_err(refused)?;
                    Ok(Outcome::Refused(m, Box::new(e)))
                }
                Err(e) => Err(refused(e)),
            }
        })
        .await?;
    match outcome {
        Outcome::Saved(s) => Ok(see_other(&format!(
            "{}?saved={}{}",
            clause_href(&slug, &label, &key),
            s.revision,
            if s.merged { "&merged=1" } else { "" }
        ))),
        Outcome::Conflict(c) => private_page(
            StatusCode::CONFLICT,
            &ConflictPage {
                base: crate::urls::editor_draft(&slug, &label),
                action: clause_href(&slug, &label, &key),
                label,
                c: *c,
                csrf_token: csrf::token(&req),
            },
        ),
        Outcome::Refused(m, e) => {
            let page = ClausePage {
                error: Some(m),
                ..ClausePage::new(&slug, *e, Some(mine), &req)
            };
            private_page(StatusCode::BAD_REQUEST, &page)
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RenumberForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    revision: String,
}

/// `POST /editor/standards/{slug}/drafts/{label}/renumber`: number the
/// clauses in sequence, keeping their keys.
pub async fn renumber(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<RenumberForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let revision = revision_of(&form.revision)?;
    let (s2, l2) = (slug.clone(), label.clone());
    let done = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &s2)?;
            let now = Utc::now().naive_utc();
            match numbering::renumber(conn, &standard, &l2, revision, &staff, now) {
                Ok(r) => Ok(Some(r.changes.len())),
                Err(DraftError::Stale { .. }) => Ok(None),
                Err(e) => Err(refused(e)),
            }
        })
        .await?;
    let query = match done {
        Some(n) => format!("renumbered={n}"),
        None => "stale=renumber".to_string(),
    };
    Ok(see_other(&format!(
        "{}?{query}#clauses",
        crate::urls::editor_draft(&slug, &label)
    )))
}

#[derive(Debug, Deserialize)]
pub struct FrontForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    revision: String,
    #[serde(default)]
    base_title: String,
    #[serde(default)]
    base_notes: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    notes: String,
}

#[derive(Template)]
#[template(path = "editor/front.html")]
struct FrontPage {
    label: String,
    base: String,
    csrf_token: String,
    error: String,
    revision: i32,
    /// The values saved now, which a new attempt is made against.
    current: Front,
    typed: Front,
    /// Whether another save changed them (so the saved values are shown).
    conflict: bool,
}

/// `POST /editor/standards/{slug}/drafts/{label}/front`: set the title
/// and notes.
pub async fn front(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<FrontForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let revision = revision_of(&form.revision)?;
    let base = Front::from_form(&form.base_title, &form.base_notes);
    let typed = Front::from_form(&form.title, &form.notes);
    let (s2, l2, t2) = (slug.clone(), label.clone(), typed.clone());
    let outcome = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &s2)?;
            let now = Utc::now().naive_utc();
            match front::save(conn, &standard, &l2, revision, &base, &t2, &staff, now) {
                Ok(r) => Ok(Ok(r)),
                Err(DraftError::FrontConflict(c)) => Ok(Err((*c, true))),
                Err(DraftError::Refused(message)) => Ok(Err((
                    FrontConflict {
                        message,
                        revision,
                        current: base,
                    },
                    false,
                ))),
                Err(e) => Err(refused(e)),
            }
        })
        .await?;
    let draft = crate::urls::editor_draft(&slug, &label);
    match outcome {
        Ok(r) => Ok(see_other(&format!("{draft}?saved={r}#front"))),
        Err((c, conflict)) => private_page(
            if conflict {
                StatusCode::CONFLICT
            } else {
                StatusCode::BAD_REQUEST
            },
            &FrontPage {
                label,
                base: draft,
                csrf_token: csrf::token(&req),
                error: c.message,
                revision: c.revision,
                current: c.current,
                typed,
                conflict,
            },
        ),
    }
}
