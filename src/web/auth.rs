//! Who is signed in: the [`Staff`] extractor, sign-in and sign-out, and
//! login throttling.
//!
//! The session cookie holds the account id, the account's session
//! generation at sign-in and the time of sign-in. Every staff request
//! re-reads the account and accepts the session only while the account is
//! enabled and still has that generation. Signing out, a new password and
//! disabling the account each move the generation on (in the database), so
//! a copy of the cookie kept from before is refused on every app server; a
//! role change takes effect at once too. A session also ends 12 hours after
//! sign-in.
//!
//! Failed sign-ins are throttled per client address and per (address,
//! account name), never per name alone: guessing from one place is slowed
//! down, but nobody can lock an account out for everyone else.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use std::time::Duration;

use actix_session::{Session, SessionExt};
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use chrono::{NaiveDateTime, Utc};

use super::AppState;
use crate::db::models::staff::{hash_password, normalize_name};
use crate::db::models::{LoginFailure, StaffUser};
use crate::db::{write_tx, DbConn};
use crate::error::AppError;

pub use crate::actor::{Actor, Role};

const KEY_ID: &str = "staff_id";
const KEY_GEN: &str = "staff_gen";
const KEY_AT: &str = "staff_at";

/// How long a sign-in lasts.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(12 * 3600);

/// Failed sign-ins allowed for one account name from one client address
/// within [`THROTTLE_WINDOW`].
pub const MAX_FAILURES_PER_ADDRESS_AND_NAME: i64 = 5;
/// Failed sign-ins allowed per client address, whatever the names, within
/// [`THROTTLE_WINDOW`].
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const THROTTLE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// A signed-in staff member, as a handler argument: it admits only
/// signed-in staff, and sends anyone else to `/staff/login` (and back
/// afterwards). The same [`Actor`] the domain takes.
pub type Staff = Actor;

/// The signed-in staff member, if any (for pages that only vary by it).
pub async fn current_staff(req: &HttpRequest) -> Result<Option<Staff>, AppError> {
    let session = req.get_session();
    let Some(id) = session.get::<i32>(KEY_ID).ok().flatten() else {
        return Ok(None);
    };
    let Some(generation) = session.get::<i32>(KEY_GEN).ok().flatten() else {
        clear(&session);
        return Ok(None);
    };
    let at = session.get::<i64>(KEY_AT).ok().flatten().unwrap_or(0);
    let age = Utc::now().timestamp() - at;
    if age < 0 || age as u64 > SESSION_LIFETIME.as_secs() {
        clear(&session);
        return Ok(None);
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("application state missing")))?
        .clone();
    let user = state
        .db(move |conn| Ok(StaffUser::by_id(conn, id).ok()))
        .await?;
    match user {
        Some(u) if !u.disabled && u.session_generation == generation => Ok(Some(Actor {
            id: u.id,
            role: u.role(),
            name: u.name,
        })),
        _ => {
            clear(&session);
            Ok(None)
        }
    }
}

impl FromRequest for Staff {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Staff, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            // Found already by the role check of the route's scope.
            if let Some(staff) = req.extensions().get::<Staff>() {
                return Ok(staff.clone());
            }
            current_staff(&req).await?.ok_or_else(|| unauthorized(&req))
        })
    }
}

fn unauthorized(req: &HttpRequest) -> AppError {
    AppError::Unauthorized {
        next: req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/staff".to_string()),
    }
}

/// Who may use the editors' routes.
pub const EDITORS: [Role; 2] = [Role::Editor, Role::Admin];
/// Who may use the moderators' routes.
pub const MODERATORS: [Role; 2] = [Role::Moderator, Role::Admin];
/// Who may manage accounts and read the audit log.
pub const ADMINS: [Role; 1] = [Role::Admin];

/// Middleware for a scope of editors' routes (see [`require`]).
pub async fn editors<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    require(&EDITORS, req, next).await
}

/// Middleware for a scope of moderators' routes (see [`require`]).
pub async fn moderators<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    require(&MODERATORS, req, next).await
}

/// Middleware for a scope of admins' routes (see [`require`]).
pub async fn admins<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    require(&ADMINS, req, next).await
}

/// Admit only signed-in staff of the listed roles to a scope: anyone not
/// signed in is sent to sign in (and back), a signed-in member of another
/// role gets a 403 page. The staff member found is kept for the handler's
/// [`Staff`] argument, so the account is read once per request.
async fn require<B: MessageBody>(
    roles: &'static [Role],
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let refused = match current_staff(req.request()).await {
        Err(err) => err,
        Ok(None) => unauthorized(req.request()),
        Ok(Some(staff)) => match staff.require(roles) {
            Err(err) => err,
            Ok(()) => {
                req.extensions_mut().insert(staff);
                return next
                    .call(req)
                    .await
                    .map(ServiceResponse::map_into_left_body);
            }
        },
    };
    Ok(req.error_response(refused).map_into_right_body())
}

fn clear(session: &Session) {
    session.remove(KEY_ID);
    session.remove(KEY_GEN);
    session.remove(KEY_AT);
}

/// Only a path on this site: no scheme, no host, no `//`.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control());
    ok.then_some(next)
}

/// A 303 to the sign-in page that comes back to `next` afterwards.
pub fn login_redirect(next: &str) -> HttpResponse {
    let location = match safe_next(next) {
        Some(n) if n != "/staff" => format!("/staff/login?next={}", encode_query(n)),
        _ => "/staff/login".to_string(),
    };
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

fn encode_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginRefusal {
    /// Wrong name or password (which one is not said).
    BadCredentials,
    Disabled,
    /// Too many recent failures; try again after this many seconds.
    Throttled {
        retry_after: u64,
    },
}

/// A hash to verify against when the name is unknown, so that an unknown
/// name takes as long to refuse as a wrong password.
fn dummy_user() -> &'static StaffUser {
    static DUMMY: OnceLock<StaffUser> = OnceLock::new();
    DUMMY.get_or_init(|| StaffUser {
        id: 0,
        name: String::new(),
        password_hash: hash_password("not a real password, only for timing").unwrap_or_default(),
        role: "moderator".to_string(),
        created_at: NaiveDateTime::default(),
        disabled: true,
        session_generation: 0,
    })
}

/// Check a name and password, with throttling per address and per
/// (address, name).
/// Blocking (argon2 and the database): call it inside [`AppState::db`].
pub fn check_login(
    conn: &mut DbConn,
    name: &str,
    password: &str,
    addr: &str,
) -> Result<Result<StaffUser, LoginRefusal>, AppError> {
    let now = Utc::now().naive_utc();
    let window = chrono::Duration::from_std(THROTTLE_WINDOW).map_err(AppError::internal)?;
    let since = now - window;
    let key = normalize_name(name).unwrap_or_else(|_| {
        name.trim()
            .to_lowercase()
            .chars()
            .take(64)
            .collect::<String>()
    });

    let (by_pair, first_pair) = LoginFailure::for_address_and_name_since(conn, addr, &key, since)?;
    let (by_addr, first_addr) = LoginFailure::for_address_since(conn, addr, since)?;
    let blocked_since = match (
        by_pair >= MAX_FAILURES_PER_ADDRESS_AND_NAME,
        by_addr >= MAX_FAILURES_PER_ADDRESS,
    ) {
        (true, true) => first_pair.max(first_addr),
        (true, false) => first_pair,
        (false, true) => first_addr,
        (false, false) => None,
    };
    if let Some(first) = blocked_since {
        let wait = ((first + window) - now).num_seconds().max(1) as u64;
        return Ok(Err(LoginRefusal::Throttled { retry_after: wait }));
    }

    let user = StaffUser::find_by_name(conn, &key)?;
    let candidate = user.as_ref().unwrap_or_else(|| dummy_user());
    let password_ok = candidate.check_password(password) && user.is_some();
    match user {
        Some(u) if password_ok && !u.disabled => {
            write_tx(conn, |conn| {
                LoginFailure::clear_address_and_name(conn, addr, &key)?;
                LoginFailure::prune(conn, since)
            })?;
            Ok(Ok(u))
        }
        Some(u) if password_ok && u.disabled => Ok(Err(LoginRefusal::Disabled)),
        _ => {
            write_tx(conn, |conn| LoginFailure::record(conn, &key, addr, now))?;
            Ok(Err(LoginRefusal::BadCredentials))
        }
    }
}

/// Start a staff session for `user` (as just read from the database) in
/// this browser.
pub fn sign_in(req: &HttpRequest, user: &StaffUser) -> Result<(), AppError> {
    let session = req.get_session();
    // A new sign-in gets a new cookie and a new CSRF token: a token that
    // was known before sign-in (planted, or read over someone's shoulder)
    // is worth nothing afterwards.
    session.renew();
    super::csrf::renew(req);
    session
        .insert(KEY_ID, user.id)
        .and_then(|_| session.insert(KEY_GEN, user.session_generation))
        .and_then(|_| session.insert(KEY_AT, Utc::now().timestamp()))
        .map_err(|e| AppError::internal(anyhow::anyhow!("cannot write the session: {e}")))
}

/// Forget the session in this browser (the CSRF token goes with it). To
/// end the account's sessions everywhere, also call
/// [`StaffUser::end_sessions`], as signing out does.
pub fn sign_out(req: &HttpRequest) {
    req.get_session().purge();
}
