//! Staff accounts (admins, editors, moderators), their session
//! generations, and failed sign-ins.
//!
//! Passwords are stored only as argon2id PHC strings; the parameters travel
//! inside the string, so raising them later leaves old hashes verifiable.
//! Names are lower case: `user add Alice` creates `alice`.

use std::fmt;
use std::str::FromStr;

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{login_failures, staff_users};
use crate::db::DbConn;

/// What a staff member may do. Admins may do everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Editor,
    Moderator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Moderator];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Moderator => "moderator",
        }
    }

    /// How the role reads on the site.
    pub fn display(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::Editor => "Editor",
            Role::Moderator => "Moderator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("unknown role `{s}`; expected admin, editor or moderator"))
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = staff_users)]
pub struct StaffUser {
    pub id: i32,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub created_at: NaiveDateTime,
    pub disabled: bool,
    /// Moves on when every session of the account must end (sign-out,
    /// a new password, disabling); a session is valid only while the
    /// account still has the generation it began with.
    pub session_generation: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = staff_users)]
pub struct NewStaffUser<'a> {
    pub name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub created_at: NaiveDateTime,
    pub disabled: bool,
}

/// Hash a password with argon2id and a fresh random salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

/// Normalise an account name, or say what is wrong with it.
pub fn normalize_name(name: &str) -> Result<String, String> {
    let name = name.trim().to_ascii_lowercase();
    if name.is_empty() || name.len() > 64 {
        return Err(crate::i18n::t("desk-account-name-length"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(crate::i18n::t1(
            "desk-account-name-characters",
            "name",
            name,
        ));
    }
    Ok(name)
}

/// The shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 12;

impl StaffUser {
    pub fn role(&self) -> Role {
        // The column has a CHECK constraint; an unknown value would be a
        // corrupted row, treated as the least privileged role.
        self.role.parse().unwrap_or(Role::Moderator)
    }

    /// Whether `password` is this account's password.
    pub fn check_password(&self, password: &str) -> bool {
        match PasswordHash::new(&self.password_hash) {
            Ok(hash) => Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok(),
            Err(err) => {
                tracing::error!(user = %self.name, error = %err, "stored password hash is unreadable");
                false
            }
        }
    }

    pub fn by_id(conn: &mut DbConn, id: i32) -> QueryResult<StaffUser> {
        staff_users::table
            .find(id)
            .select(StaffUser::as_select())
            .first(conn)
    }

    pub fn find_by_name(conn: &mut DbConn, name: &str) -> QueryResult<Option<StaffUser>> {
        staff_users::table
            .filter(staff_users::name.eq(name))
            .select(StaffUser::as_select())
            .first(conn)
            .optional()
    }

    pub fn all(conn: &mut DbConn) -> QueryResult<Vec<StaffUser>> {
        staff_users::table
            .order(staff_users::name.asc())
            .select(StaffUser::as_select())
            .load(conn)
    }

    pub fn insert(conn: &mut DbConn, new: &NewStaffUser<'_>) -> QueryResult<StaffUser> {
        crate::per_backend!(conn => diesel::insert_into(staff_users::table)
            .values(new)
            .returning(StaffUser::as_returning())
            .get_result(conn))
    }

    /// A new password ends every session of the account.
    pub fn set_password_hash(conn: &mut DbConn, id: i32, hash: &str) -> QueryResult<usize> {
        diesel::update(staff_users::table.find(id))
            .set((
                staff_users::password_hash.eq(hash),
                staff_users::session_generation.eq(staff_users::session_generation + 1),
            ))
            .execute(conn)
    }

    /// Disabling an account ends its sessions for good: enabling it again
    /// does not bring them back.
    pub fn set_disabled(conn: &mut DbConn, id: i32, disabled: bool) -> QueryResult<usize> {
        let update = diesel::update(staff_users::table.find(id));
        if disabled {
            update
                .set((
                    staff_users::disabled.eq(true),
                    staff_users::session_generation.eq(staff_users::session_generation + 1),
                ))
                .execute(conn)
        } else {
            update.set(staff_users::disabled.eq(false)).execute(conn)
        }
    }

    /// End every session of the account (signing out does this).
    pub fn end_sessions(conn: &mut DbConn, id: i32) -> QueryResult<usize> {
        diesel::update(staff_users::table.find(id))
            .set(staff_users::session_generation.eq(staff_users::session_generation + 1))
            .execute(conn)
    }

    /// How many admin accounts are enabled.
    pub fn enabled_admins(conn: &mut DbConn) -> QueryResult<i64> {
        staff_users::table
            .filter(staff_users::role.eq(Role::Admin.as_str()))
            .filter(staff_users::disabled.eq(false))
            .count()
            .get_result(conn)
    }

    pub fn set_role(conn: &mut DbConn, id: i32, role: Role) -> QueryResult<usize> {
        diesel::update(staff_users::table.find(id))
            .set(staff_users::role.eq(role.as_str()))
            .execute(conn)
    }
}

/// Failed sign-ins, counted per account name and per client address.
pub struct LoginFailure;

impl LoginFailure {
    pub fn record(
        conn: &mut DbConn,
        name: &str,
        address: &str,
        at: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::name.eq(name),
                login_failures::address.eq(address),
                login_failures::at.eq(at),
            ))
            .execute(conn)
    }

    /// Failures from `address` since `since`, and the earliest of them.
    pub fn for_address_since(
        conn: &mut DbConn,
        address: &str,
        since: NaiveDateTime,
    ) -> QueryResult<(i64, Option<NaiveDateTime>)> {
        login_failures::table
            .filter(login_failures::address.eq(address))
            .filter(login_failures::at.gt(since))
            .select((
                diesel::dsl::count_star(),
                diesel::dsl::min(login_failures::at),
            ))
            .first(conn)
    }

    /// Failures for `name` from `address` since `since`, and the earliest of them.
    pub fn for_address_and_name_since(
        conn: &mut DbConn,
        address: &str,
        name: &str,
        since: NaiveDateTime,
    ) -> QueryResult<(i64, Option<NaiveDateTime>)> {
        login_failures::table
            .filter(login_failures::address.eq(address))
            .filter(login_failures::name.eq(name))
            .filter(login_failures::at.gt(since))
            .select((
                diesel::dsl::count_star(),
                diesel::dsl::min(login_failures::at),
            ))
            .first(conn)
    }

    /// Forget the failures for an account from one address after it signs
    /// in from there. Failures from other addresses still count against
    /// those addresses.
    pub fn clear_address_and_name(
        conn: &mut DbConn,
        address: &str,
        name: &str,
    ) -> QueryResult<usize> {
        diesel::delete(
            login_failures::table
                .filter(login_failures::address.eq(address))
                .filter(login_failures::name.eq(name)),
        )
        .execute(conn)
    }

    /// Drop failures older than `before`; they no longer count.
    pub fn prune(conn: &mut DbConn, before: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(login_failures::table.filter(login_failures::at.lt(before))).execute(conn)
    }
}
