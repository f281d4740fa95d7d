//! `/staff/offices`: admins keep the list of mail domains recognised as
//! election offices. The rules are in `crate::comments::offices`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::auth::Staff;
use super::respond::private_page;
use super::{csrf, AppState};
use crate::comments::offices::{self, OfficeError};
use crate::db::models::OfficeDomain;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "staff/offices.html")]
struct OfficesPage {
    staff: Staff,
    csrf_token: String,
    entries: Vec<OfficeDomain>,
    error: Option<String>,
    done: Option<String>,
    /// What the add form held, after an error.
    domain: String,
    office: String,
}

struct Outcome {
    error: Option<String>,
    done: Option<String>,
    domain: String,
    office: String,
}

async fn page(
    req: &HttpRequest,
    state: &AppState,
    staff: Staff,
    o: Outcome,
) -> Result<HttpResponse, AppError> {
    let entries = state.db(|conn| Ok(OfficeDomain::all(conn)?)).await?;
    let status = if o.error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = OfficesPage {
        staff,
        csrf_token: csrf::token(req),
        entries,
        error: o.error,
        done: o.done,
        domain: o.domain,
        office: o.office,
    };
    private_page(status, &page)
}

fn outcome(
    r: Result<String, OfficeError>,
    done: impl FnOnce(String) -> String,
) -> Result<Outcome, AppError> {
    let (error, done) = match r {
        Ok(d) => (None, Some(done(d))),
        Err(OfficeError::Refused(msg)) => (Some(msg), None),
        Err(OfficeError::Db(e)) => return Err(e.into()),
    };
    Ok(Outcome {
        error,
        done,
        domain: String::new(),
        office: String::new(),
    })
}

/// `GET /staff/offices`
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse, AppError> {
    let none = Outcome {
        error: None,
        done: None,
        domain: String::new(),
        office: String::new(),
    };
    page(&req, &state, staff, none).await
}

#[derive(Debug, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    domain: String,
    #[serde(default)]
    office: String,
}

/// `POST /staff/offices`: add a domain.
pub async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let form = form.into_inner();
    let (actor, domain, office) = (staff.clone(), form.domain.clone(), form.office.clone());
    let now = Utc::now().naive_utc();
    let r = state
        .db(move |conn| Ok(offices::add(conn, &actor, &domain, &office, now)))
        .await?;
    let mut o = outcome(r, |d| crate::i18n::t1("staff-offices-added", "domain", d))?;
    if o.error.is_some() {
        // Keep what was typed.
        (o.domain, o.office) = (form.domain, form.office);
    }
    page(&req, &state, staff, o).await
}

#[derive(Debug, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /staff/offices/{id}/remove`: remove a domain. Comments already
/// shown from its office keep their badge.
pub async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i32>,
    form: web::Form<RemoveForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (actor, id) = (staff.clone(), path.into_inner());
    let now = Utc::now().naive_utc();
    let r = state
        .db(move |conn| Ok(offices::remove(conn, &actor, id, now)))
        .await?;
    let o = outcome(r, |d| crate::i18n::t1("staff-offices-removed", "domain", d))?;
    page(&req, &state, staff, o).await
}
