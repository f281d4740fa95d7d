//! Single-use links that verify a comment. Only the SHA-256 of a token is
//! stored, so a copy of the database cannot be used to verify anything.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::verification_tokens;
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = verification_tokens)]
pub struct VerificationToken {
    pub id: i32,
    pub token_hash: String,
    pub comment_id: i32,
    /// The name and organisation given with the comment; they replace the
    /// commenter's only once the address is verified.
    pub display_name: String,
    pub organization: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = verification_tokens)]
pub struct NewVerificationToken<'a> {
    pub token_hash: &'a str,
    pub comment_id: i32,
    pub display_name: &'a str,
    pub organization: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

impl VerificationToken {
    pub fn insert(conn: &mut DbConn, new: &NewVerificationToken<'_>) -> QueryResult<()> {
        diesel::insert_into(verification_tokens::table)
            .values(new)
            .execute(conn)?;
        Ok(())
    }

    pub fn by_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<VerificationToken>> {
        verification_tokens::table
            .filter(verification_tokens::token_hash.eq(hash))
            .select(VerificationToken::as_select())
            .first(conn)
            .optional()
    }

    /// Mark used, only if nobody else did first; returns whether this call did.
    pub fn use_once(conn: &mut DbConn, id: i32, now: NaiveDateTime) -> QueryResult<bool> {
        let n = diesel::update(
            verification_tokens::table
                .find(id)
                .filter(verification_tokens::used_at.is_null()),
        )
        .set(verification_tokens::used_at.eq(now))
        .execute(conn)?;
        Ok(n == 1)
    }

    pub fn set_expiry(conn: &mut DbConn, id: i32, expires_at: NaiveDateTime) -> QueryResult<()> {
        diesel::update(verification_tokens::table.find(id))
            .set(verification_tokens::expires_at.eq(expires_at))
            .execute(conn)?;
        Ok(())
    }
}
