//! The outbox: mail written in the same transaction as the data that caused
//! it, and sent later by a worker.
//!
//! A row is never deleted by the worker. Sending is at-least-once: a worker
//! claims rows for a lease (`claimed_until`), sends outside any transaction,
//! then marks them sent or schedules the next attempt. Claiming is the one
//! query that differs per backend: PostgreSQL skips rows another worker has
//! locked (`FOR UPDATE SKIP LOCKED`); SQLite takes its write lock up front.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::outbox;
use crate::db::{write_tx, DbConn};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i32,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    /// Extra headers as a JSON object of name → value.
    pub headers: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub claimed_until: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
// Every column written as given (none left to its default), so Diesel
// keeps the insert prepared.
#[diesel(table_name = outbox, treat_none_as_default_value = false)]
pub struct NewOutboxRow<'a> {
    pub to_addr: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub headers: &'a str,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
}

/// Rows that are due at `$now` and not claimed by a live lease.
macro_rules! due_ids {
    ($now:expr, $limit:expr) => {
        outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::next_attempt_at.le($now))
            .filter(
                outbox::claimed_until
                    .is_null()
                    .or(outbox::claimed_until.lt($now)),
            )
            .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
            .limit($limit)
            .select(outbox::id)
    };
}

impl OutboxRow {
    /// The extra headers, in name order.
    pub fn header_map(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.headers).unwrap_or_default()
    }

    pub fn insert(conn: &mut DbConn, new: &NewOutboxRow<'_>) -> QueryResult<i32> {
        crate::per_backend!(conn => diesel::insert_into(outbox::table)
            .values(new)
            .returning(outbox::id)
            .get_result(conn))
    }

    pub fn by_id(conn: &mut DbConn, id: i32) -> QueryResult<OutboxRow> {
        outbox::table
            .find(id)
            .select(OutboxRow::as_select())
            .first(conn)
    }

    /// Every message, oldest first (for tests and operators).
    pub fn all(conn: &mut DbConn) -> QueryResult<Vec<OutboxRow>> {
        outbox::table
            .order(outbox::id.asc())
            .select(OutboxRow::as_select())
            .load(conn)
    }

    /// Messages not yet sent.
    pub fn pending_count(conn: &mut DbConn) -> QueryResult<i64> {
        outbox::table
            .filter(outbox::sent_at.is_null())
            .count()
            .get_result(conn)
    }

    /// Claim up to `limit` due messages until `lease_until`; no other
    /// worker will take them before the lease ends.
    pub fn claim_due(
        conn: &mut DbConn,
        now: NaiveDateTime,
        lease_until: NaiveDateTime,
        limit: i64,
    ) -> QueryResult<Vec<OutboxRow>> {
        // Most polls find nothing: on SQLite, look before taking the write lock.
        if matches!(conn, DbConn::Sqlite(_)) && due_ids!(now, 1).load::<i32>(conn)?.is_empty() {
            return Ok(Vec::new());
        }
        match conn {
            DbConn::Pg(pg) => pg.transaction(|pg| {
                let ids: Vec<i32> = due_ids!(now, limit).for_update().skip_locked().load(pg)?;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
                    .set(outbox::claimed_until.eq(lease_until))
                    .returning(OutboxRow::as_returning())
                    .get_results(pg)
            }),
            DbConn::Sqlite(_) => write_tx(conn, |conn| {
                let ids: Vec<i32> = due_ids!(now, limit).load(conn)?;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
                    .set(outbox::claimed_until.eq(lease_until))
                    .execute(conn)?;
                outbox::table
                    .filter(outbox::id.eq_any(&ids))
                    .select(OutboxRow::as_select())
                    .load(conn)
            }),
        }
        .map(|mut rows: Vec<OutboxRow>| {
            rows.sort_by_key(|r| (r.next_attempt_at, r.id));
            rows
        })
    }

    /// Record that these messages were handed to the transport: one
    /// statement for a whole batch, so a burst of mail costs the database a
    /// commit per batch rather than one per message.
    pub fn mark_all_sent(conn: &mut DbConn, ids: &[i32], at: NaiveDateTime) -> QueryResult<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
            .set((
                outbox::sent_at.eq(Some(at)),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(None::<String>),
            ))
            .execute(conn)
    }

    /// Record a failed attempt and when to try again.
    pub fn mark_failed(
        conn: &mut DbConn,
        id: i32,
        error: &str,
        next_attempt_at: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(outbox::table.find(id).filter(outbox::sent_at.is_null()))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::last_error.eq(Some(error)),
                outbox::next_attempt_at.eq(next_attempt_at),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)
    }

    /// Write a message not yet sent again (a verification mail that gathers
    /// another link while it waits for its turn).
    pub fn rewrite(
        conn: &mut DbConn,
        id: i32,
        subject: &str,
        body_text: &str,
    ) -> QueryResult<usize> {
        diesel::update(outbox::table.find(id).filter(outbox::sent_at.is_null()))
            .set((outbox::subject.eq(subject), outbox::body_text.eq(body_text)))
            .execute(conn)
    }

    /// Give back claimed messages that were not attempted.
    pub fn release(conn: &mut DbConn, ids: &[i32]) -> QueryResult<usize> {
        diesel::update(
            outbox::table
                .filter(outbox::id.eq_any(ids))
                .filter(outbox::sent_at.is_null()),
        )
        .set(outbox::claimed_until.eq(None::<NaiveDateTime>))
        .execute(conn)
    }
}
