//! People who comment. The email address is private: it is read only to
//! send mail, and no view, feed, export or API type carries it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::commenters;
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = commenters)]
pub struct Commenter {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub organization: Option<String>,
    pub verified_at: Option<NaiveDateTime>,
    pub notify_replies: bool,
    pub unsubscribe_token: String,
    pub remember_hash: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
// A missing value is stored as NULL (every optional column here defaults to
// NULL anyway), so the insert has one shape and its prepared statement is
// cached instead of prepared again for each row.
#[diesel(table_name = commenters, treat_none_as_default_value = false)]
pub struct NewCommenter<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub organization: Option<&'a str>,
    pub unsubscribe_token: &'a str,
    pub created_at: NaiveDateTime,
}

impl Commenter {
    pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Commenter> {
        commenters::table
            .find(id)
            .select(Commenter::as_select())
            .first(conn)
    }

    /// By address, already normalised (trimmed, lower case).
    pub fn by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<Commenter>> {
        commenters::table
            .filter(commenters::email.eq(email))
            .select(Commenter::as_select())
            .first(conn)
            .optional()
    }

    pub fn by_unsubscribe_token(conn: &mut DbConn, token: &str) -> QueryResult<Option<Commenter>> {
        commenters::table
            .filter(commenters::unsubscribe_token.eq(token))
            .select(Commenter::as_select())
            .first(conn)
            .optional()
    }

    /// The commenter with `new`'s address, inserted from `new` if there is
    /// none. A new address (most of a flood) takes one statement.
    pub fn by_email_or_insert(conn: &mut DbConn, new: &NewCommenter<'_>) -> QueryResult<Commenter> {
        Commenter::find_or_insert(conn, new).map(|(c, _)| c)
    }

    /// [`Commenter::by_email_or_insert`], and whether the commenter was
    /// inserted now. Until the caller's transaction commits, nobody else
    /// sees a commenter inserted in it: a concurrent insert of the same
    /// address waits for that commit.
    pub fn find_or_insert(
        conn: &mut DbConn,
        new: &NewCommenter<'_>,
    ) -> QueryResult<(Commenter, bool)> {
        let inserted = crate::per_backend!(conn => diesel::insert_into(commenters::table)
            .values(new)
            .on_conflict(commenters::email)
            .do_nothing()
            .returning(Commenter::as_returning())
            .get_result(conn)
            .optional())?;
        match inserted {
            Some(c) => Ok((c, true)),
            None => commenters::table
                .filter(commenters::email.eq(new.email))
                .select(Commenter::as_select())
                .first(conn)
                .map(|c| (c, false)),
        }
    }

    pub fn insert(conn: &mut DbConn, new: &NewCommenter<'_>) -> QueryResult<Commenter> {
        crate::per_backend!(conn => diesel::insert_into(commenters::table)
            .values(new)
            .returning(Commenter::as_returning())
            .get_result(conn))
    }

    /// The address has been shown to belong to this person: record it, with
    /// the name and organisation they gave, and the hash of the token that
    /// lets this browser comment again without another link.
    pub fn mark_verified(
        conn: &mut DbConn,
        id: i32,
        display_name: &str,
        organization: Option<&str>,
        remember_hash: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(commenters::table.find(id))
            .set((
                commenters::display_name.eq(display_name),
                commenters::organization.eq(organization),
                commenters::remember_hash.eq(remember_hash),
                commenters::verified_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// A verified commenter writing from a remembered browser may change the
    /// name and organisation shown with their comments.
    pub fn update_profile(
        conn: &mut DbConn,
        id: i32,
        display_name: &str,
        organization: Option<&str>,
    ) -> QueryResult<()> {
        diesel::update(commenters::table.find(id))
            .set((
                commenters::display_name.eq(display_name),
                commenters::organization.eq(organization),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn set_notify_replies(conn: &mut DbConn, id: i32, on: bool) -> QueryResult<()> {
        diesel::update(commenters::table.find(id))
            .set(commenters::notify_replies.eq(on))
            .execute(conn)?;
        Ok(())
    }
}
