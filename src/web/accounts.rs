//! Staff accounts in the browser: `/staff/password` for everyone's own
//! password, `/staff/accounts` for admins to add accounts, change roles,
//! disable, enable and reset passwords. The rules and the audit events are
//! in `crate::accounts`.

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::auth::{self, Role, Staff};
use super::respond::private_page;
use super::{csrf, security, AppState};
use crate::accounts::{self, AccountError};
use crate::audit::Actor;
use crate::db::models::StaffUser;
use crate::db::{write_tx, DbConn};
use crate::error::AppError;

/// Attempts at changing one's own password allowed per account per window
/// (each one checks the current password, so this also slows guessing).
const PASSWORD_ATTEMPTS: u32 = 10;
const PASSWORD_WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Template)]
#[template(path = "staff/password.html")]
struct PasswordPage {
    staff: Staff,
    csrf_token: String,
    error: Option<String>,
    done: bool,
    min_len: usize,
}

fn password_page(
    req: &HttpRequest,
    staff: Staff,
    error: Option<String>,
    done: bool,
) -> PasswordPage {
    PasswordPage {
        staff,
        csrf_token: csrf::token(req),
        error,
        done,
        min_len: crate::db::models::staff::MIN_PASSWORD_LEN,
    }
}

/// `GET /staff/password`
pub async fn password_form(req: HttpRequest, staff: Staff) -> Result<HttpResponse, AppError> {
    private_page(StatusCode::OK, &password_page(&req, staff, None, false))
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_again: String,
}

/// A refusal as the message to show; any other failure as an error.
fn refusal<T>(r: Result<T, AccountError>) -> Result<Result<T, String>, AppError> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(AccountError::Refused(msg)) => Ok(Err(msg)),
        Err(AccountError::Db(e)) => Err(e.into()),
        Err(AccountError::Internal(e)) => Err(AppError::internal(e)),
    }
}

/// `POST /staff/password`
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let form = form.into_inner();
    let check = if form.current_password.is_empty() {
        Err(crate::i18n::t("staff-password-enter-current"))
    } else {
        accounts::check_new_password(&form.new_password, Some(&form.new_password_again))
    };
    if let Err(msg) = check {
        let page = password_page(&req, staff, Some(msg), false);
        return private_page(StatusCode::BAD_REQUEST, &page);
    }
    let actor = staff.clone();
    let outcome = state
        .db(move |conn| {
            // Counted whether or not the current password is right.
            let key = format!("staff:{}", actor.id);
            write_tx(conn, |conn| {
                let (max, per) = (PASSWORD_ATTEMPTS, PASSWORD_WINDOW);
                security::rate_limit(conn, "staff-password", &key, max, per)
            })?;
            refusal(accounts::replace_own_password(
                conn,
                &actor,
                &form.current_password,
                &form.new_password,
            ))
        })
        .await?;
    match outcome {
        Ok(user) => {
            // The password changed, so this browser signs in again with the
            // new one; every other session of the account ends.
            auth::sign_in(&req, &user)?;
            private_page(StatusCode::OK, &password_page(&req, staff, None, true))
        }
        Err(msg) => {
            let page = password_page(&req, staff, Some(msg), false);
            private_page(StatusCode::BAD_REQUEST, &page)
        }
    }
}

pub struct AccountRow {
    pub id: i32,
    pub name: String,
    pub role: Role,
    pub created: String,
    pub disabled: bool,
    pub is_me: bool,
}

#[derive(Template)]
#[template(path = "staff/accounts.html")]
struct AccountsPage {
    staff: Staff,
    csrf_token: String,
    accounts: Vec<AccountRow>,
    roles: [Role; 3],
    error: Option<String>,
    done: Option<String>,
    /// A password shown once: (account name, password).
    shown_password: Option<(String, String)>,
    /// What the add form held, after an error.
    new_name: String,
    new_role: String,
    min_len: usize,
}

struct Notice {
    error: Option<String>,
    done: Option<String>,
    shown_password: Option<(String, String)>,
    new_name: String,
    new_role: String,
}

impl Notice {
    fn none() -> Self {
        Notice {
            error: None,
            done: None,
            shown_password: None,
            new_name: String::new(),
            new_role: String::new(),
        }
    }
}

async fn accounts_page(
    req: &HttpRequest,
    state: &AppState,
    staff: Staff,
    status: StatusCode,
    r: Notice,
) -> Result<HttpResponse, AppError> {
    let me = staff.id;
    let accounts = state
        .db(move |conn| {
            Ok(StaffUser::all(conn)?
                .into_iter()
                .map(|u| AccountRow {
                    id: u.id,
                    role: u.role(),
                    created: u.created_at.format("%Y-%m-%d").to_string(),
                    disabled: u.disabled,
                    is_me: u.id == me,
                    name: u.name,
                })
                .collect::<Vec<_>>())
        })
        .await?;
    let page = AccountsPage {
        staff,
        csrf_token: csrf::token(req),
        accounts,
        roles: Role::ALL,
        error: r.error,
        done: r.done,
        shown_password: r.shown_password,
        new_name: r.new_name,
        new_role: r.new_role,
        min_len: crate::db::models::staff::MIN_PASSWORD_LEN,
    };
    private_page(status, &page)
}

/// `GET /staff/accounts`
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse, AppError> {
    accounts_page(&req, &state, staff, StatusCode::OK, Notice::none()).await
}

#[derive(Debug, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    /// Empty: generate one.
    #[serde(default)]
    password: String,
}

fn parse_role(role: &str) -> Result<Role, String> {
    if role.trim().is_empty() {
        return Err(crate::i18n::t("staff-accounts-choose-role"));
    }
    role.parse::<Role>()
        .map_err(|_| crate::i18n::t1("staff-accounts-unknown-role", "role", role))
}

/// A password from the form, or a generated one (and whether it was generated).
fn given_or_generated(password: &str) -> Result<(String, bool), String> {
    if password.is_empty() {
        Ok((accounts::generate_password(), true))
    } else {
        accounts::check_new_password(password, None)?;
        Ok((password.to_string(), false))
    }
}

/// `POST /staff/accounts`: add an account.
pub async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let form = form.into_inner();
    let mut r = Notice::none();
    r.new_name = form.name.clone();
    r.new_role = form.role.clone();
    let checked = (|| {
        if form.name.trim().is_empty() {
            return Err(crate::i18n::t("staff-accounts-enter-name"));
        }
        let role = parse_role(&form.role)?;
        let (password, generated) = given_or_generated(&form.password)?;
        Ok((role, password, generated))
    })();
    let (role, password, generated) = match checked {
        Ok(c) => c,
        Err(msg) => {
            r.error = Some(msg);
            return accounts_page(&req, &state, staff, StatusCode::BAD_REQUEST, r).await;
        }
    };
    let actor = staff.clone();
    let name = form.name.clone();
    let outcome = state
        .db(move |conn| {
            let hash = accounts::hash_password(&password)?;
            let created = accounts::create(conn, Some(&actor), &name, role, &hash);
            refusal(created.map(|user| (user, password)))
        })
        .await?;
    match outcome {
        Ok((user, password)) => {
            let mut r = Notice::none();
            r.done = Some(crate::i18n::t2(
                "staff-accounts-created",
                "name",
                &user.name,
                "role",
                user.role().as_str(),
            ));
            if generated {
                r.shown_password = Some((user.name, password));
            }
            accounts_page(&req, &state, staff, StatusCode::OK, r).await
        }
        Err(msg) => {
            r.error = Some(msg);
            accounts_page(&req, &state, staff, StatusCode::BAD_REQUEST, r).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    csrf_token: String,
    /// role, disable, enable or reset.
    #[serde(default)]
    action: String,
    #[serde(default)]
    role: String,
    /// For reset; empty: generate one.
    #[serde(default)]
    password: String,
}

enum Op {
    Role(Role),
    Disable,
    Enable,
    Reset(String, bool),
}

/// What was done, and a generated password to show once.
type Done = (String, Option<(String, String)>);

fn apply(conn: &mut DbConn, actor: &Actor, id: i32, op: Op) -> Result<Done, AccountError> {
    let who = Some(actor);
    match op {
        Op::Role(role) => accounts::set_role(conn, who, id, role).map(|u| {
            let text = crate::i18n::t2(
                "staff-accounts-role-set",
                "name",
                &u.name,
                "role",
                u.role().as_str(),
            );
            (text, None)
        }),
        Op::Disable => accounts::set_disabled(conn, who, id, true).map(|u| {
            (
                crate::i18n::t1("staff-accounts-disabled", "name", &u.name),
                None,
            )
        }),
        Op::Enable => accounts::set_disabled(conn, who, id, false).map(|u| {
            (
                crate::i18n::t1("staff-accounts-enabled", "name", &u.name),
                None,
            )
        }),
        Op::Reset(password, generated) => {
            let hash = accounts::hash_password(&password)?;
            accounts::reset_password(conn, who, id, &hash).map(|u| {
                let text = crate::i18n::t1("staff-accounts-password-reset", "name", &u.name);
                (text, generated.then(|| (u.name.clone(), password)))
            })
        }
    }
}

/// `POST /staff/accounts/{id}`: change role, disable, enable or reset the password.
pub async fn change(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i32>,
    form: web::Form<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let op = match form.action.as_str() {
        "role" => parse_role(&form.role).map(Op::Role),
        "disable" => Ok(Op::Disable),
        "enable" => Ok(Op::Enable),
        "reset" => given_or_generated(&form.password).map(|(p, g)| Op::Reset(p, g)),
        "" => Err(crate::i18n::t("staff-accounts-choose-action")),
        other => Err(crate::i18n::t1(
            "staff-accounts-unknown-action",
            "action",
            other,
        )),
    };
    let op = match op {
        Ok(op) => op,
        Err(msg) => {
            let mut r = Notice::none();
            r.error = Some(msg);
            return accounts_page(&req, &state, staff, StatusCode::BAD_REQUEST, r).await;
        }
    };
    let actor = staff.clone();
    let outcome = state
        .db(move |conn| refusal(apply(conn, &actor, id, op)))
        .await?;
    let mut r = Notice::none();
    let status = match outcome {
        Ok((text, shown)) => {
            r.done = Some(text);
            r.shown_password = shown;
            StatusCode::OK
        }
        Err(msg) => {
            r.error = Some(msg);
            StatusCode::BAD_REQUEST
        }
    };
    accounts_page(&req, &state, staff, status, r).await
}
