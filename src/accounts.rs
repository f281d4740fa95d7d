//! Staff accounts: creating them, changing roles and passwords, disabling
//! and enabling, for the admin pages and `docket user` alike.
//!
//! Every change is written with its audit event in one write transaction.
//! Two rules keep the site manageable: the last enabled admin can be
//! neither disabled nor given another role, and in the browser nobody
//! disables their own account or changes their own role (another admin, or
//! the command line, must). A disabled account, or one whose password
//! changed, is signed out on its next request: each of these moves the
//! account's session generation on, and the session check in `web::auth`
//! re-reads the account every time. Signing out does the same, so a copy of
//! a session cookie is worth nothing once its owner signs out.
//!
//! Hash passwords with [`hash_password`] before calling these functions
//! (argon2 is slow, and should not hold the write lock).

use chrono::Utc;

use crate::audit::{self, actions, Actor};
use crate::db::models::staff::{normalize_name, MIN_PASSWORD_LEN};
use crate::db::models::{NewStaffUser, Role, StaffUser};
use crate::db::{write_tx, DbConn};
use crate::i18n::{t, t1, t2};

pub use crate::db::models::staff::hash_password;

/// Why an account change was refused.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
    /// A password could not be hashed.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

fn refuse<T>(msg: impl Into<String>) -> Result<T, AccountError> {
    Err(AccountError::Refused(msg.into()))
}

/// Check a new password (and its repetition, if the form asks twice).
pub fn check_new_password(password: &str, again: Option<&str>) -> Result<(), String> {
    if password.is_empty() {
        return Err(t("desk-account-err-enter-password"));
    }
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(t1(
            "desk-account-err-password-short",
            "min",
            MIN_PASSWORD_LEN,
        ));
    }
    if password.chars().count() > 1024 {
        return Err(t("desk-account-err-password-long"));
    }
    if let Some(again) = again {
        if password != again {
            return Err(t("desk-account-err-passwords-differ"));
        }
    }
    Ok(())
}

/// A random password for a new or reset account (20 characters).
pub fn generate_password() -> String {
    crate::secrets::random_token(15)
}

fn event<'a>(actor: Option<&'a Actor>, action: &'a str, user: &StaffUser) -> audit::Event<'a> {
    audit::Event::new(actor, action).target(format!("account {}", user.name))
}

/// Create an account. `name` is normalised (lower case).
pub fn create(
    conn: &mut DbConn,
    actor: Option<&Actor>,
    name: &str,
    role: Role,
    password_hash: &str,
) -> Result<StaffUser, AccountError> {
    let name = normalize_name(name).map_err(|e| AccountError::Refused(capitalise(&e)))?;
    write_tx(conn, |conn| {
        if StaffUser::find_by_name(conn, &name)?.is_some() {
            return refuse(t1("desk-account-err-name-taken", "name", name.as_str()));
        }
        let user = StaffUser::insert(
            conn,
            &NewStaffUser {
                name: &name,
                password_hash,
                role: role.as_str(),
                created_at: Utc::now().naive_utc(),
                disabled: false,
            },
        )?;
        audit::record(
            conn,
            &event(actor, actions::ACCOUNT_CREATED, &user)
                .detail(format!("Created with role {}.", role.as_str())),
        )?;
        Ok(user)
    })
}

fn is_last_admin(conn: &mut DbConn, user: &StaffUser) -> Result<bool, AccountError> {
    Ok(user.role() == Role::Admin && !user.disabled && StaffUser::enabled_admins(conn)? <= 1)
}

/// Refuse a change of one's own account, saying `why`.
fn not_self(
    actor: Option<&Actor>,
    user: &StaffUser,
    why: impl FnOnce() -> String,
) -> Result<(), AccountError> {
    if actor.is_some_and(|a| a.id == user.id) {
        return refuse(why());
    }
    Ok(())
}

/// Give an account another role.
pub fn set_role(
    conn: &mut DbConn,
    actor: Option<&Actor>,
    user_id: i32,
    role: Role,
) -> Result<StaffUser, AccountError> {
    write_tx(conn, |conn| {
        let user = StaffUser::by_id(conn, user_id)?;
        not_self(actor, &user, || t("desk-account-err-own-role"))?;
        if user.role() == role {
            return refuse(t2(
                "desk-account-err-same-role",
                "name",
                user.name.as_str(),
                "role",
                role.as_str(),
            ));
        }
        if is_last_admin(conn, &user)? {
            return refuse(t1(
                "desk-account-err-last-admin-role",
                "name",
                user.name.as_str(),
            ));
        }
        StaffUser::set_role(conn, user.id, role)?;
        audit::record(
            conn,
            &event(actor, actions::ACCOUNT_ROLE_CHANGED, &user).detail(format!(
                "Role changed from {} to {}.",
                user.role,
                role.as_str()
            )),
        )?;
        Ok(StaffUser::by_id(conn, user.id)?)
    })
}

/// Disable (`true`) or enable (`false`) an account. Disabling signs it out.
pub fn set_disabled(
    conn: &mut DbConn,
    actor: Option<&Actor>,
    user_id: i32,
    disabled: bool,
) -> Result<StaffUser, AccountError> {
    write_tx(conn, |conn| {
        let user = StaffUser::by_id(conn, user_id)?;
        if user.disabled == disabled {
            let key = if disabled {
                "desk-account-err-already-disabled"
            } else {
                "desk-account-err-already-enabled"
            };
            return refuse(t1(key, "name", user.name.as_str()));
        }
        if disabled {
            not_self(actor, &user, || t("desk-account-err-own-disable"))?;
            if is_last_admin(conn, &user)? {
                return refuse(t1(
                    "desk-account-err-last-admin-disable",
                    "name",
                    user.name.as_str(),
                ));
            }
        }
        StaffUser::set_disabled(conn, user.id, disabled)?;
        let (action, detail) = if disabled {
            (
                actions::ACCOUNT_DISABLED,
                "Disabled; its sessions are signed out.",
            )
        } else {
            (actions::ACCOUNT_ENABLED, "Enabled.")
        };
        audit::record(conn, &event(actor, action, &user).detail(detail))?;
        Ok(StaffUser::by_id(conn, user.id)?)
    })
}

/// Set another account's password (an admin's reset, or `docket user
/// passwd`). Signs out that account's sessions.
pub fn reset_password(
    conn: &mut DbConn,
    actor: Option<&Actor>,
    user_id: i32,
    password_hash: &str,
) -> Result<StaffUser, AccountError> {
    write_tx(conn, |conn| {
        let user = StaffUser::by_id(conn, user_id)?;
        StaffUser::set_password_hash(conn, user.id, password_hash)?;
        audit::record(
            conn,
            &event(actor, actions::ACCOUNT_PASSWORD_RESET, &user)
                .detail("Password set by an administrator; its sessions are signed out."),
        )?;
        Ok(StaffUser::by_id(conn, user.id)?)
    })
}

/// Change one's own password: `current` must be right and `new` different
/// from it. Both checks and the new hash are done before the write lock.
pub fn replace_own_password(
    conn: &mut DbConn,
    actor: &Actor,
    current: &str,
    new: &str,
) -> Result<StaffUser, AccountError> {
    let user = StaffUser::by_id(conn, actor.id)?;
    if !user.check_password(current) {
        return refuse(t("desk-account-err-wrong-password"));
    }
    if user.check_password(new) {
        return refuse(t("desk-account-err-same-password"));
    }
    let hash = hash_password(new)?;
    change_own_password(conn, actor, &hash)
}

/// Change one's own password (the current one already checked).
fn change_own_password(
    conn: &mut DbConn,
    actor: &Actor,
    password_hash: &str,
) -> Result<StaffUser, AccountError> {
    write_tx(conn, |conn| {
        let user = StaffUser::by_id(conn, actor.id)?;
        StaffUser::set_password_hash(conn, user.id, password_hash)?;
        audit::record(
            conn,
            &event(Some(actor), actions::PASSWORD_CHANGED, &user)
                .detail("Password changed; other sessions are signed out."),
        )?;
        Ok(StaffUser::by_id(conn, user.id)?)
    })
}

/// Sign out: end every session of the account, on every device, and
/// record it.
pub fn end_sessions(conn: &mut DbConn, actor: &Actor) -> Result<(), AccountError> {
    write_tx(conn, |conn| {
        StaffUser::end_sessions(conn, actor.id)?;
        audit::record(conn, &audit::Event::by(actor, actions::SIGNED_OUT))?;
        Ok(())
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            let mut out: String = f.to_uppercase().collect();
            out.push_str(c.as_str());
            if !out.ends_with('.') {
                out.push('.');
            }
            out
        }
        None => String::new(),
    }
}
