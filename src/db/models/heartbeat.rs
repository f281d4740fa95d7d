//! The health heartbeat: one row that `/healthz` rewrites, so that a
//! database which can be read but not written (a full disk, a read-only
//! file or server) is reported unhealthy.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::health_heartbeat;
use crate::db::{write_tx, DbConn};

pub struct Heartbeat;

impl Heartbeat {
    /// Rewrite the heartbeat row in a committed write transaction (on
    /// SQLite a full disk shows only when the commit is written out).
    pub fn beat(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<()> {
        write_tx(conn, |conn| {
            let updated = diesel::update(health_heartbeat::table.find(1))
                .set(health_heartbeat::beat_at.eq(at))
                .execute(conn)?;
            if updated == 0 {
                diesel::insert_into(health_heartbeat::table)
                    .values((health_heartbeat::id.eq(1), health_heartbeat::beat_at.eq(at)))
                    .execute(conn)?;
            }
            Ok(())
        })
    }
}
