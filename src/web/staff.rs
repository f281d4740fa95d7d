//! Staff sign-in in the browser: the sign-in form, sign-out (which ends
//! the account's sessions everywhere) and the staff home with its tasks.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::auth::{self, LoginRefusal, Role, Staff};
use super::respond::private_page;
use super::{csrf, security, AppState};
use crate::accounts::{self, AccountError};
use crate::audit::{self, Actor};
use crate::db::write_tx;
use crate::error::{wait_text, AppError};

pub(crate) fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_string()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

#[derive(Template)]
#[template(path = "staff/login.html")]
struct LoginPage {
    csrf_token: String,
    next: String,
    name: String,
    error: Option<String>,
}

fn login_page(req: &HttpRequest, next: String, name: String, error: Option<String>) -> LoginPage {
    LoginPage {
        csrf_token: csrf::token(req),
        next,
        name,
        error,
    }
}

#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    next: String,
}

pub async fn login_form(
    req: HttpRequest,
    query: web::Query<LoginQuery>,
) -> Result<HttpResponse, AppError> {
    let next = auth::safe_next(&query.next).unwrap_or("/staff").to_string();
    if auth::current_staff(&req).await?.is_some() {
        return Ok(see_other(&next));
    }
    private_page(StatusCode::OK, &login_page(&req, next, String::new(), None))
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let form = form.into_inner();
    let next = auth::safe_next(&form.next).unwrap_or("/staff").to_string();
    let addr = security::client_addr(&req);
    let (name, password) = (form.name.clone(), form.password);
    let outcome = state
        .db(move |conn| auth::check_login(conn, &name, &password, &addr))
        .await?;
    let (status, error) = match outcome {
        Ok(user) => {
            auth::sign_in(&req, &user)?;
            let actor = Actor {
                id: user.id,
                name: user.name.clone(),
                role: user.role(),
            };
            record(&state, actor, audit::actions::SIGNED_IN).await?;
            tracing::info!(user = %user.name, "staff signed in");
            return Ok(see_other(&next));
        }
        Err(LoginRefusal::BadCredentials) => (
            StatusCode::UNAUTHORIZED,
            crate::i18n::t("staff-login-bad-credentials"),
        ),
        Err(LoginRefusal::Disabled) => (
            StatusCode::FORBIDDEN,
            crate::i18n::t("staff-login-disabled"),
        ),
        Err(LoginRefusal::Throttled { retry_after }) => {
            let error = crate::i18n::t1("staff-login-throttled", "wait", wait_text(retry_after));
            let page = login_page(&req, next, form.name, Some(error));
            let mut resp = private_page(StatusCode::TOO_MANY_REQUESTS, &page)?;
            resp.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after));
            return Ok(resp);
        }
    };
    private_page(status, &login_page(&req, next, form.name, Some(error)))
}

/// Record a sign-in or sign-out in the audit log.
async fn record(state: &AppState, actor: Actor, action: &'static str) -> Result<(), AppError> {
    state
        .db(move |conn| {
            write_tx(conn, |conn| {
                audit::record(conn, &audit::Event::by(&actor, action))
            })?;
            Ok(())
        })
        .await
}

#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf_token: String,
}

pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    if let Some(staff) = auth::current_staff(&req).await? {
        // Every session of the account ends, not only this browser's: a
        // copy of the cookie must not outlive the sign-out.
        state
            .db(move |conn| {
                accounts::end_sessions(conn, &staff).map_err(|e| match e {
                    AccountError::Refused(msg) => AppError::BadRequest(msg),
                    AccountError::Db(e) => e.into(),
                    AccountError::Internal(e) => AppError::internal(e),
                })
            })
            .await?;
    }
    auth::sign_out(&req);
    Ok(see_other("/staff/login"))
}

#[derive(Template)]
#[template(path = "staff/home.html")]
struct HomePage {
    staff: Staff,
    csrf_token: String,
    /// (address, catalogue key of the label) of the tasks open to this role.
    links: Vec<(&'static str, &'static str)>,
}

/// The staff tasks open to `role`, as (address, catalogue key of the
/// label). Features add theirs here.
pub fn task_links(role: Role) -> Vec<(&'static str, &'static str)> {
    let mut links = Vec::new();
    if matches!(role, Role::Moderator | Role::Admin) {
        links.push(("/moderation", "staff-task-moderation"));
    }
    if matches!(role, Role::Editor | Role::Admin) {
        links.push(("/editor/periods", "staff-task-periods"));
        links.push(("/editor/feedback", "staff-task-feedback"));
    }
    if role == Role::Admin {
        links.push(("/staff/accounts", "staff-task-accounts"));
        links.push(("/staff/audit", "staff-task-audit"));
        links.push(("/staff/offices", "staff-task-offices"));
    }
    links.push(("/staff/password", "staff-task-password"));
    links
}

pub async fn home(req: HttpRequest, staff: Staff) -> Result<HttpResponse, AppError> {
    private_page(
        StatusCode::OK,
        &HomePage {
            links: task_links(staff.role),
            csrf_token: csrf::token(&req),
            staff,
        },
    )
}

/// How a role reads on the staff pages, in the current language.
pub fn role_name(role: &Role) -> String {
    crate::i18n::t1("staff-role-name", "role", role.as_str())
}
