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
        RateEvent::lock_all(conn, &[(bucket, address)])
    }

    /// [`RateEvent::lock`] for several pairs in one statement, taken in the
    /// order of their keys, so two transactions that want the same pairs
    /// never each hold one the other waits for.
    pub fn lock_all(conn: &mut DbConn, pairs: &[(&str, &str)]) -> QueryResult<()> {
        if let DbConn::Pg(pg) = conn {
            let mut keys: Vec<String> = pairs
                .iter()
                .map(|(bucket, address)| format!("{bucket}\u{1f}{address}"))
                .collect();
            keys.sort();
            keys.dedup();
            crate::db::prepared(
                "SELECT COUNT(pg_advisory_xact_lock(hashtext(k))) AS n \
                 FROM (SELECT k FROM unnest($1) AS k ORDER BY k) AS ordered",
            )
            .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(keys)
            .execute(pg)?;
        }
        Ok(())
    }

    /// Count one event of `address` in `bucket` at `now` unless it already
    /// has `max` after `since`; events at or before `since` are forgotten.
    /// Returns how many it had and the earliest of them. Call with the
    /// pair locked ([`RateEvent::lock`]). PostgreSQL does it in one
    /// statement; SQLite, where statements cost no round trip, in three.
    pub fn take(
        conn: &mut DbConn,
        bucket: &str,
        address: &str,
        since: NaiveDateTime,
        now: NaiveDateTime,
        max: i64,
    ) -> QueryResult<(i64, Option<NaiveDateTime>)> {
        use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
        #[derive(QueryableByName)]
        struct Counted {
            #[diesel(sql_type = BigInt)]
            n: i64,
            #[diesel(sql_type = Nullable<Timestamp>)]
            earliest: Option<NaiveDateTime>,
        }
        if let DbConn::Pg(pg) = conn {
            let c: Counted = crate::db::prepared(
                "WITH gone AS (DELETE FROM rate_events \
                     WHERE bucket = $1 AND address = $2 AND at <= $3), \
                 counted AS (SELECT COUNT(*) AS n, MIN(at) AS earliest FROM rate_events \
                     WHERE bucket = $1 AND address = $2 AND at > $3), \
                 added AS (INSERT INTO rate_events (bucket, address, at) \
                     SELECT $1, $2, $4 FROM counted WHERE n < $5) \
                 SELECT n, earliest FROM counted",
            )
            .bind::<Text, _>(bucket)
            .bind::<Text, _>(address)
            .bind::<Timestamp, _>(since)
            .bind::<Timestamp, _>(now)
            .bind::<BigInt, _>(max)
            .get_result(pg)?;
            return Ok((c.n, c.earliest));
        }
        RateEvent::prune(conn, bucket, address, since)?;
        let (n, earliest) = RateEvent::count_since(conn, bucket, address, since)?;
        if n < max {
            RateEvent::record(conn, bucket, address, now)?;
        }
        Ok((n, earliest))
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
