//! Comment periods in the browser: `/editor/periods` lists the published
//! versions, `/editor/standards/{slug}/{label}/period` opens, closes or
//! extends one. The rules are in `crate::periods`; this file reads the
//! form, converts its times from the standard's time zone, and answers.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::auth::Staff;
use super::respond::private_page;
use super::views::{local_time, VersionView};
use super::{csrf, AppState};
use crate::db::models::{Standard, Subscription, Version};
use crate::error::AppError;
use crate::periods::{self, Change, PeriodError};

pub struct PeriodRow {
    pub standard_title: String,
    pub label: String,
    pub version: VersionView,
    pub href: String,
    pub editable: bool,
}

#[derive(Template)]
#[template(path = "staff/periods.html")]
struct ListPage {
    rows: Vec<PeriodRow>,
}

/// `GET /editor/periods`
pub async fn list(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .db(|conn| {
            let mut rows = Vec::new();
            for s in Standard::all(conn)? {
                for v in Version::for_standard(conn, s.id)?.iter().rev() {
                    if !v.status().is_published() {
                        continue;
                    }
                    rows.push(PeriodRow {
                        standard_title: s.title.clone(),
                        label: v.label.clone(),
                        version: VersionView::new(v, s.tz()),
                        href: crate::urls::editor_period(&s.slug, &v.label),
                        editable: periods::editable(v).is_ok(),
                    });
                }
            }
            Ok(rows)
        })
        .await?;
    private_page(StatusCode::OK, &ListPage { rows })
}

#[derive(Template)]
#[template(path = "staff/period.html")]
struct PeriodPage {
    standard: Standard,
    version: VersionView,
    time_zone: String,
    csrf_token: String,
    /// Why the window cannot be changed, if it cannot.
    locked: Option<String>,
    status: String,
    /// Values for the extend form and the open form (what was typed, after an error).
    extend_value: String,
    open_opens: String,
    open_closes: String,
    opens_text: String,
    closes_text: String,
    subscribers: i64,
    error: Option<String>,
    done: Option<String>,
}

struct Loaded {
    standard: Standard,
    version: Version,
    subscribers: i64,
}

async fn load(state: &AppState, slug: String, label: String) -> Result<Loaded, AppError> {
    state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &slug)?;
            let version = Version::by_label(conn, standard.id, &label)?;
            let subscribers = Subscription::confirmed_count(conn, standard.id)?;
            Ok(Loaded {
                standard,
                version,
                subscribers,
            })
        })
        .await
}

fn page(
    req: &HttpRequest,
    loaded: Loaded,
    error: Option<String>,
    done: Option<String>,
    typed: Option<&PeriodForm>,
) -> PeriodPage {
    let Loaded {
        standard,
        version: v,
        subscribers,
    } = loaded;
    let tz = standard.tz();
    let value = |t: Option<chrono::NaiveDateTime>| {
        t.map(|t| periods::form_value(t, tz)).unwrap_or_default()
    };
    let text = |t: Option<chrono::NaiveDateTime>| {
        t.map(|t| local_time(t, tz))
            .unwrap_or_else(|| crate::i18n::t("staff-period-not-set"))
    };
    PeriodPage {
        version: VersionView::new(&v, tz),
        time_zone: standard.time_zone.clone(),
        csrf_token: csrf::token(req),
        locked: periods::editable(&v).err(),
        status: v.status.clone(),
        extend_value: match typed {
            Some(f) if f.action == "extend" => f.closes.clone(),
            _ => value(v.comment_closes),
        },
        open_opens: typed
            .filter(|f| f.action == "open")
            .map(|f| f.opens.clone())
            .unwrap_or_default(),
        open_closes: typed
            .filter(|f| f.action == "open")
            .map(|f| f.closes.clone())
            .unwrap_or_default(),
        opens_text: text(v.comment_opens),
        closes_text: text(v.comment_closes),
        subscribers,
        error,
        done,
        standard,
    }
}

/// `GET /editor/standards/{slug}/{label}/period`
pub async fn form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let loaded = load(&state, slug, label).await?;
    private_page(StatusCode::OK, &page(&req, loaded, None, None, None))
}

#[derive(Debug, Default, Deserialize)]
pub struct PeriodForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    opens: String,
    #[serde(default)]
    closes: String,
}

/// Read the form into a change, with times converted to UTC.
fn parse(form: &PeriodForm, tz: chrono_tz::Tz) -> Result<Change, String> {
    match form.action.as_str() {
        "open" => {
            let opens = if form.opens.trim().is_empty() {
                None
            } else {
                let field = crate::i18n::t("desk-period-field-opening");
                Some(periods::parse_local(&form.opens, tz, &field)?)
            };
            let field = crate::i18n::t("desk-period-field-closing");
            let closes = periods::parse_local(&form.closes, tz, &field)?;
            Ok(Change::Open { opens, closes })
        }
        "close" => Ok(Change::Close),
        "extend" => {
            let field = crate::i18n::t("desk-period-field-new-closing");
            Ok(Change::Extend {
                closes: periods::parse_local(&form.closes, tz, &field)?,
            })
        }
        "" => Err(crate::i18n::t("staff-period-choose-action")),
        other => Err(crate::i18n::t1(
            "staff-period-unknown-action",
            "action",
            other,
        )),
    }
}

/// `POST /editor/standards/{slug}/{label}/period`
pub async fn change(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<PeriodForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let form = form.into_inner();
    let (slug, label) = path.into_inner();
    let loaded = load(&state, slug.clone(), label.clone()).await?;
    let change = match parse(&form, loaded.standard.tz()) {
        Ok(c) => c,
        Err(msg) => {
            let p = page(&req, loaded, Some(msg), None, Some(&form));
            return private_page(StatusCode::BAD_REQUEST, &p);
        }
    };
    let version_id = loaded.version.id;
    let base_url = state.config.base_url.clone();
    let outcome = state
        .db(move |conn| {
            let now = Utc::now().naive_utc();
            match periods::apply(conn, &staff, version_id, &change, now, &base_url) {
                Ok(done) => Ok(Ok(done)),
                Err(PeriodError::Refused(msg)) => Ok(Err(msg)),
                Err(PeriodError::Db(e)) => Err(e.into()),
            }
        })
        .await?;
    match outcome {
        Ok(done) => {
            let loaded = load(&state, slug, label).await?;
            let told = match done.notified {
                0 => String::new(),
                n => format!(" {}", crate::i18n::t1("staff-period-told", "count", n)),
            };
            let p = page(
                &req,
                loaded,
                None,
                Some(format!("{}{told}", done.summary)),
                None,
            );
            private_page(StatusCode::OK, &p)
        }
        Err(msg) => {
            let p = page(&req, loaded, Some(msg), None, Some(&form));
            private_page(StatusCode::BAD_REQUEST, &p)
        }
    }
}
