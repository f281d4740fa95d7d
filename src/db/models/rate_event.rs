//! Write events per bucket and client address, for rate limits that hold
//! across every app server sharing the database.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::rate_events;
use crate::db::DbConn;

pub struct RateEvent;

impl RateEvent {
    /// Serialise concurrent checks of one (bucket, address) pair until the
    /// end of the current transaction. SQLite needs nothing here: a write
    /// transaction there already holds the database's only write lock.
    pub fn lock(conn: &mut DbConn, bucket: &str, address: &str) -> QueryResult<()> {
        if let DbConn::Pg(pg) = conn {
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1)) IS NULL")
                .bind::<diesel::sql_types::Text, _>(format!("{bucket}\u{1f}{address}"))
                .execute(pg)?;
        }
        Ok(())
    }

    /// How many events `address` has in `bucket` after `since`, and the
    /// earliest of them.
    pub fn count_since(
        conn: &mut DbConn,
        bucket: &str,
        address: &str,
        since: NaiveDateTime,
    ) -> QueryResult<(i64, Option<NaiveDateTime>)> {
        rate_events::table
            .filter(rate_events::bucket.eq(bucket))
            .filter(rate_events::address.eq(address))
            .filter(rate_events::at.gt(since))
            .select((diesel::dsl::count_star(), diesel::dsl::min(rate_events::at)))
            .first(conn)
    }

    pub fn record(
        conn: &mut DbConn,
        bucket: &str,
        address: &str,
        at: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::insert_into(rate_events::table)
            .values((
                rate_events::bucket.eq(bucket),
                rate_events::address.eq(address),
                rate_events::at.eq(at),
            ))
            .execute(conn)
    }

    /// Forget the events of one pair that no longer count.
    pub fn prune(
        conn: &mut DbConn,
        bucket: &str,
        address: &str,
        before: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::delete(
            rate_events::table
                .filter(rate_events::bucket.eq(bucket))
                .filter(rate_events::address.eq(address))
                .filter(rate_events::at.le(before)),
        )
        .execute(conn)
    }
}
