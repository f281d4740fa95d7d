//! The next draft in the browser: start it, edit it as Markdown, preview
//! it, compare it with the version it revises, take accepted proposals
//! into it, download it, and publish it. Editors and admins only; the
//! rules live in `crate::drafts`.

use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use super::auth::Staff;
use super::comments::settings;
use super::respond::private_page;
use super::staff::see_other;
use super::{csrf, AppState};
use crate::db::models::{
    ClauseRow, Comment, Draft, DraftAcceptance, Standard, Version, VersionStatus,
};
use crate::drafts::{self as domain, DraftError, Release};
use crate::error::AppError;
use crate::i18n::{t, t1, t2};
use crate::redline::{self, html as rhtml};
use crate::standard::ParsedVersion;

fn draft_base(slug: &str, label: &str) -> String {
    crate::urls::editor_draft(slug, label)
}

pub(super) fn refused(e: DraftError) -> AppError {
    match e {
        DraftError::Refused(m) => AppError::BadRequest(m),
        DraftError::Conflict(c) => AppError::BadRequest(c.message),
        DraftError::ClauseConflict(c) => AppError::BadRequest(c.message),
        DraftError::FrontConflict(c) => AppError::BadRequest(c.message),
        DraftError::Stale { message, .. } => AppError::BadRequest(message),
        DraftError::Db(e) => e.into(),
    }
}

#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /editor/standards/{slug}/drafts`: start the next draft (or open
/// the one already started).
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let slug = path.into_inner();
    let draft = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &slug)?;
            let d =
                domain::create(conn, &standard, &staff, Utc::now().naive_utc()).map_err(refused)?;
            Ok((standard.slug, d.label))
        })
        .await?;
    Ok(see_other(&draft_base(&draft.0, &draft.1)))
}

/// One accepted proposal, as the draft page lists it.
pub struct AcceptedView {
    pub tracking_number: String,
    pub comment_id: i32,
    pub clause_key: String,
}

#[derive(Template)]
#[template(path = "editor/draft.html")]
struct DraftPage {
    standard: Standard,
    label: String,
    base_label: String,
    base: String,
    source: String,
    revision: i32,
    updated: String,
    updated_by: String,
    published_href: Option<String>,
    parse_error: Option<String>,
    clause_count: usize,
    accepted: Vec<AcceptedView>,
    /// The clause list, numbering warnings, title and notes.
    desk: Option<domain::desk::Desk>,
    csrf_token: String,
    notice: Option<String>,
    error: Option<String>,
    /// Text a refused save carried, to copy from.
    rejected: Option<String>,
}

struct Loaded {
    standard: Standard,
    draft: Draft,
    base: Version,
    parse: Result<ParsedVersion, crate::standard::ParseError>,
    accepted: Vec<AcceptedView>,
    desk: Option<domain::desk::Desk>,
}

fn load(conn: &mut crate::db::DbConn, slug: &str, label: &str) -> Result<Loaded, AppError> {
    let standard = Standard::by_slug(conn, slug)?;
    let draft = Draft::by_label(conn, standard.id, label)?;
    let base = Version::by_id(conn, draft.base_version_id)?;
    let parse = domain::parse_draft(conn, &draft)?;
    let mut accepted = Vec::new();
    for a in DraftAcceptance::for_draft(conn, draft.id)? {
        let c = Comment::find(conn, a.comment_id)?;
        accepted.push(AcceptedView {
            tracking_number: c.tracking_number,
            comment_id: c.id,
            clause_key: a.clause_key,
        });
    }
    let desk = parse.as_ref().ok().map(|p| domain::desk::desk(p, &base));
    Ok(Loaded {
        standard,
        draft,
        base,
        parse,
        accepted,
        desk,
    })
}

fn page_from(l: Loaded, published_label: Option<String>) -> DraftPage {
    let tz = l.standard.tz();
    DraftPage {
        label: l.draft.label.clone(),
        base_label: l.base.label.clone(),
        base: draft_base(&l.standard.slug, &l.draft.label),
        source: l.draft.source.clone(),
        revision: l.draft.revision,
        updated: crate::web::views::local_time(l.draft.updated_at, tz),
        updated_by: l.draft.updated_by.clone(),
        published_href: published_label.map(|p| crate::urls::version(&l.standard.slug, &p)),
        clause_count: l.parse.as_ref().map_or(0, |p| p.clauses.len()),
        parse_error: l.parse.err().map(|e| e.to_string()),
        accepted: l.accepted,
        desk: l.desk,
        csrf_token: String::new(),
        notice: None,
        error: None,
        rejected: None,
        standard: l.standard,
    }
}

fn published_label(
    conn: &mut crate::db::DbConn,
    draft: &Draft,
) -> Result<Option<String>, AppError> {
    Ok(match draft.published_version_id {
        Some(id) => Some(Version::by_id(conn, id)?.label),
        None => None,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct DraftQuery {
    #[serde(default)]
    saved: Option<i32>,
    #[serde(default)]
    accepted: Option<String>,
    /// How many subscribers were told of the publication.
    #[serde(default)]
    published: Option<usize>,
    /// How many clauses renumbering changed.
    #[serde(default)]
    renumbered: Option<usize>,
    /// `renumber`: a renumbering was refused as made from an old revision.
    #[serde(default)]
    stale: Option<String>,
}

/// `GET /editor/standards/{slug}/drafts/{label}`
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<DraftQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let query = query.into_inner();
    let page = state
        .db(move |conn| {
            let l = load(conn, &slug, &label)?;
            let published = published_label(conn, &l.draft)?;
            Ok(page_from(l, published))
        })
        .await?;
    let notice = match (query.saved, query.accepted, query.published) {
        (Some(r), _, _) => Some(t1("drafting-notice-saved", "revision", r)),
        (None, Some(tracking), _) => Some(t1("drafting-notice-applied", "tracking", tracking)),
        (None, None, Some(n)) => Some(t1("drafting-notice-published", "count", n)),
        _ => query
            .renumbered
            .map(|n| t1("drafting-notice-renumbered", "count", n)),
    };
    let error = query.stale.map(|_| t("drafting-renumber-stale-page"));
    private_page(
        StatusCode::OK,
        &DraftPage {
            csrf_token: csrf::token(&req),
            notice,
            error,
            ..page
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct SaveForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    revision: String,
}

/// `POST /editor/standards/{slug}/drafts/{label}`: save, if no one else
/// saved since this page was opened.
pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<SaveForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let form = form.into_inner();
    let revision: i32 = form
        .revision
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(t("drafting-err-no-revision")))?;
    let text = form.source.clone();
    let (s2, l2) = (slug.clone(), label.clone());
    let outcome = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &s2)?;
            match domain::save(
                conn,
                &standard,
                &l2,
                revision,
                &text,
                &staff,
                Utc::now().naive_utc(),
            ) {
                Ok(d) => Ok(Ok(d.revision)),
                Err(DraftError::Stale { message, .. }) => {
                    let l = load(conn, &s2, &l2)?;
                    let published = published_label(conn, &l.draft)?;
                    Ok(Err(DraftPage {
                        error: Some(message),
                        ..page_from(l, published)
                    }))
                }
                Err(e) => Err(refused(e)),
            }
        })
        .await?;
    match outcome {
        Ok(rev) => Ok(see_other(&format!(
            "{}?saved={rev}",
            draft_base(&slug, &label)
        ))),
        Err(page) => private_page(
            StatusCode::CONFLICT,
            &DraftPage {
                csrf_token: csrf::token(&req),
                rejected: Some(form.source.replace("\r\n", "\n")),
                ..page
            },
        ),
    }
}

#[derive(Template)]
#[template(path = "editor/draft_view.html")]
struct ViewPage {
    standard: Standard,
    label: String,
    base: String,
    title: String,
    intro: String,
    body: String,
    error: Option<String>,
}

/// A view of the draft: `body` is its HTML, or why the draft does not parse.
fn view_page(l: Loaded, title: String, intro: String, body: Result<String, String>) -> ViewPage {
    let (body, error) = match body {
        Ok(html) => (html, None),
        Err(e) => (String::new(), Some(e)),
    };
    ViewPage {
        label: l.draft.label.clone(),
        base: draft_base(&l.standard.slug, &l.draft.label),
        title,
        intro,
        body,
        error,
        standard: l.standard,
    }
}

/// The draft's clauses as they will read, each with its key.
fn preview_html(p: &ParsedVersion) -> String {
    let key_label = t("clause-key");
    let mut html = p.preamble_html.clone();
    for c in &p.clauses {
        let level = c.level.clamp(2, 6);
        let number = if c.number.is_empty() {
            String::new()
        } else {
            format!("<span class=\"num\">{}</span> ", c.number)
        };
        html.push_str(&format!(
            "<section class=\"clause\" id=\"{key}\"><h{level}>{number}{heading}</h{level}><p class=\"clause-key\">{key_label} <code>{key}</code></p>{body}</section>\n",
            key = c.key,
            heading = crate::standard::markdown::escape(&c.heading),
            body = c.html
        ));
    }
    html
}

/// `GET /editor/standards/{slug}/drafts/{label}/preview`: the draft's
/// clauses as they will read.
pub async fn preview(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let page = state
        .db(move |conn| {
            let l = load(conn, &slug, &label)?;
            let body = l
                .parse
                .as_ref()
                .map(preview_html)
                .map_err(|e| e.to_string());
            let title = t1("drafting-preview-title", "version", &l.draft.label);
            let intro = t1("drafting-preview-intro", "revision", l.draft.revision);
            Ok(view_page(l, title, intro, body))
        })
        .await?;
    private_page(StatusCode::OK, &page)
}

/// `GET /editor/standards/{slug}/drafts/{label}/redline`: the draft
/// against the version it revises.
pub async fn redline_view(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let page = state
        .db(move |conn| {
            let l = load(conn, &slug, &label)?;
            let title = t2(
                "drafting-draft-redline-title",
                "version",
                &l.draft.label,
                "base",
                &l.base.label,
            );
            let (intro, body) = match &l.parse {
                Ok(p) => {
                    let old = ClauseRow::clauses_of(conn, l.base.id)?;
                    let r = redline::compare(&l.base.label, &l.draft.label, &old, &p.clauses);
                    let opts = rhtml::HtmlOptions {
                        min_level: 2,
                        ..Default::default()
                    };
                    let intro = crate::i18n::current().t_with(
                        "drafting-draft-redline-intro",
                        &[
                            ("revision", &l.draft.revision),
                            ("base", &l.base.label),
                            ("summary", &rhtml::summary_line(&r)),
                        ],
                    );
                    (
                        intro,
                        Ok(format!("{}{}", rhtml::legend(), rhtml::inline(&r, &opts))),
                    )
                }
                Err(e) => (String::new(), Err(e.to_string())),
            };
            Ok(view_page(l, title, intro, body))
        })
        .await?;
    private_page(StatusCode::OK, &page)
}

/// `GET /editor/standards/{slug}/drafts/{label}/download`: the version
/// file, ready for `content/`. Once published, exactly the published
/// bytes, so `docket import` sees the committed file as unchanged.
pub async fn download(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let (label, source) = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &slug)?;
            let draft = Draft::by_label(conn, standard.id, &label)?;
            let source = match draft.published_version_id {
                Some(id) => Version::source(conn, id)?,
                None => draft.source,
            };
            Ok((draft.label, source))
        })
        .await?;
    let filename: String = label
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || ".-_".contains(*c))
        .collect();
    Ok(HttpResponse::Ok()
        .content_type(ContentType(
            "text/markdown; charset=utf-8"
                .parse()
                .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?,
        ))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}.md\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(source))
}

#[derive(Template)]
#[template(path = "editor/publish.html")]
struct PublishPage {
    standard: Standard,
    label: String,
    base_label: String,
    base: String,
    parse_error: Option<String>,
    clause_count: usize,
    time_zone: String,
    today: String,
    csrf_token: String,
    /// What to fix or acknowledge first.
    checks: Vec<domain::checklist::Check>,
}

/// `GET /editor/standards/{slug}/drafts/{label}/publish`: the confirm step.
pub async fn publish_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let page = state
        .db(move |conn| {
            let l = load(conn, &slug, &label)?;
            if let Some(id) = l.draft.published_version_id {
                let v = Version::by_id(conn, id)?;
                return Err(AppError::BadRequest(t1(
                    "drafting-err-already-published",
                    "version",
                    &v.label,
                )));
            }
            let tz = l.standard.tz();
            let checks = match &l.parse {
                Ok(parsed) => domain::checklist::checklist(conn, &l.standard, &l.base, parsed)?,
                Err(_) => Vec::new(),
            };
            Ok(PublishPage {
                checks,
                label: l.draft.label.clone(),
                base_label: l.base.label.clone(),
                base: draft_base(&l.standard.slug, &l.draft.label),
                clause_count: l.parse.as_ref().map_or(0, |p| p.clauses.len()),
                parse_error: l.parse.err().map(|e| e.to_string()),
                time_zone: l.standard.time_zone.clone(),
                today: Utc::now().with_timezone(&tz).format("%Y-%m-%d").to_string(),
                csrf_token: String::new(),
                standard: l.standard,
            })
        })
        .await?;
    private_page(
        StatusCode::OK,
        &PublishPage {
            csrf_token: csrf::token(&req),
            ..page
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    published: String,
    #[serde(default)]
    comment_opens: String,
    #[serde(default)]
    comment_closes: String,
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    ack_undecided: String,
    #[serde(default)]
    ack_numbering: String,
    #[serde(default)]
    ack_title: String,
    #[serde(default)]
    ack_notes: String,
    #[serde(default)]
    ack_removed: String,
    #[serde(default)]
    ack_unreleased: String,
}

impl PublishForm {
    /// The checklist items whose boxes are ticked.
    fn acknowledged(&self) -> Vec<String> {
        [
            ("undecided", &self.ack_undecided),
            ("numbering", &self.ack_numbering),
            ("title", &self.ack_title),
            ("notes", &self.ack_notes),
            ("removed", &self.ack_removed),
            ("unreleased", &self.ack_unreleased),
        ]
        .into_iter()
        .filter(|(_, v)| v.as_str() == "yes")
        .map(|(id, _)| id.to_string())
        .collect()
    }
}

/// The status the form asks the new version to have.
fn release_status(form: &PublishForm) -> Result<VersionStatus, AppError> {
    if form.confirm != "yes" {
        return Err(AppError::BadRequest(t("drafting-err-confirm")));
    }
    match form.status.trim() {
        "open" => Ok(VersionStatus::Open),
        "closed" => Ok(VersionStatus::Closed),
        "final" => Ok(VersionStatus::Final),
        "" => Err(AppError::BadRequest(t("drafting-err-choose-status"))),
        other => Err(AppError::BadRequest(t1(
            "drafting-err-unknown-status",
            "status",
            other,
        ))),
    }
}

/// The form's release: its dates are read in the standard's time zone.
fn release(
    form: &PublishForm,
    status: VersionStatus,
    tz: chrono_tz::Tz,
) -> Result<Release, AppError> {
    let bad = |m: String| AppError::BadRequest(t1("drafting-err-not-published", "message", m));
    let published = match form.published.trim() {
        "" => Utc::now().with_timezone(&tz).date_naive(),
        d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| bad(t1("drafting-err-bad-date", "date", d)))?,
    };
    let window = if status == VersionStatus::Open {
        let opens = match form.comment_opens.trim() {
            "" => Utc::now().naive_utc(),
            o => crate::periods::parse_local(o, tz, &t("drafting-field-opens")).map_err(bad)?,
        };
        let closes =
            crate::periods::parse_local(&form.comment_closes, tz, &t("drafting-field-closes"))
                .map_err(bad)?;
        Some((opens, closes))
    } else {
        None
    };
    Ok(Release {
        status,
        published,
        window,
        acknowledged: form.acknowledged(),
    })
}

/// `POST /editor/standards/{slug}/drafts/{label}/publish`
pub async fn publish(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<PublishForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let form = form.into_inner();
    let status = release_status(&form)?;
    let base_url = settings(&state).base_url;
    let (s2, l2) = (slug.clone(), label.clone());
    let published = state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &s2)?;
            let release = release(&form, status, standard.tz())?;
            let now = Utc::now().naive_utc();
            domain::publish(conn, &standard, &l2, &release, &staff, &base_url, now).map_err(refused)
        })
        .await?;
    Ok(see_other(&format!(
        "{}?published={}",
        draft_base(&slug, &label),
        published.notified
    )))
}
