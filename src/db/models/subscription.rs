//! People following a standard by email. The address is private: it is
//! used only to send the confirmation link and the notices, and never
//! shown. What the statuses mean and how tokens work is in
//! `crate::subscriptions`; this file only reads and writes rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::subscriptions;
use crate::db::DbConn;

pub const PENDING: &str = "pending";
pub const CONFIRMED: &str = "confirmed";
pub const UNSUBSCRIBED: &str = "unsubscribed";

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = subscriptions)]
pub struct Subscription {
    pub id: i32,
    pub standard_id: i32,
    pub email: String,
    pub status: String,
    pub confirm_hash: Option<String>,
    pub confirm_expires: Option<NaiveDateTime>,
    pub unsubscribe_token: String,
    pub created_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub unsubscribed_at: Option<NaiveDateTime>,
    /// The language the subscriber asked in: their notices are in it.
    pub lang: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = subscriptions)]
pub struct NewSubscription<'a> {
    pub standard_id: i32,
    pub email: &'a str,
    pub status: &'a str,
    pub confirm_hash: Option<&'a str>,
    pub confirm_expires: Option<NaiveDateTime>,
    pub unsubscribe_token: &'a str,
    pub created_at: NaiveDateTime,
    pub lang: &'a str,
}

impl Subscription {
    /// The language this subscriber's notices are written in.
    pub fn language(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::from_tag(&self.lang).unwrap_or_default()
    }

    pub fn is_confirmed(&self) -> bool {
        self.status == CONFIRMED
    }

    pub fn insert(conn: &mut DbConn, new: &NewSubscription<'_>) -> QueryResult<()> {
        diesel::insert_into(subscriptions::table)
            .values(new)
            .execute(conn)?;
        Ok(())
    }

    pub fn find(
        conn: &mut DbConn,
        standard_id: i32,
        email: &str,
    ) -> QueryResult<Option<Subscription>> {
        subscriptions::table
            .filter(subscriptions::standard_id.eq(standard_id))
            .filter(subscriptions::email.eq(email))
            .select(Subscription::as_select())
            .first(conn)
            .optional()
    }

    pub fn by_confirm_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<Subscription>> {
        subscriptions::table
            .filter(subscriptions::confirm_hash.eq(hash))
            .select(Subscription::as_select())
            .first(conn)
            .optional()
    }

    pub fn by_unsubscribe_token(
        conn: &mut DbConn,
        token: &str,
    ) -> QueryResult<Option<Subscription>> {
        subscriptions::table
            .filter(subscriptions::unsubscribe_token.eq(token))
            .select(Subscription::as_select())
            .first(conn)
            .optional()
    }

    /// Ask for (re)confirmation: status pending, a new confirmation hash.
    pub fn set_pending(
        conn: &mut DbConn,
        id: i32,
        confirm_hash: &str,
        expires: NaiveDateTime,
        lang: &str,
    ) -> QueryResult<usize> {
        diesel::update(subscriptions::table.find(id))
            .set((
                subscriptions::status.eq(PENDING),
                subscriptions::lang.eq(lang),
                subscriptions::confirm_hash.eq(Some(confirm_hash)),
                subscriptions::confirm_expires.eq(Some(expires)),
                subscriptions::unsubscribed_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)
    }

    pub fn set_confirmed(conn: &mut DbConn, id: i32, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(subscriptions::table.find(id))
            .set((
                subscriptions::status.eq(CONFIRMED),
                subscriptions::confirmed_at.eq(Some(now)),
            ))
            .execute(conn)
    }

    pub fn set_unsubscribed(conn: &mut DbConn, id: i32, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(subscriptions::table.find(id))
            .set((
                subscriptions::status.eq(UNSUBSCRIBED),
                subscriptions::unsubscribed_at.eq(Some(now)),
                subscriptions::confirm_hash.eq(None::<String>),
                subscriptions::confirm_expires.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)
    }

    /// Confirmed subscribers of a standard, oldest first.
    pub fn confirmed_for(conn: &mut DbConn, standard_id: i32) -> QueryResult<Vec<Subscription>> {
        subscriptions::table
            .filter(subscriptions::standard_id.eq(standard_id))
            .filter(subscriptions::status.eq(CONFIRMED))
            .order(subscriptions::id.asc())
            .select(Subscription::as_select())
            .load(conn)
    }

    /// How many confirmed subscribers a standard has (for staff pages).
    pub fn confirmed_count(conn: &mut DbConn, standard_id: i32) -> QueryResult<i64> {
        subscriptions::table
            .filter(subscriptions::standard_id.eq(standard_id))
            .filter(subscriptions::status.eq(CONFIRMED))
            .count()
            .get_result(conn)
    }
}
