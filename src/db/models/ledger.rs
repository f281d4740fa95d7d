//! Rows of the integrity ledger. Appending (which computes the hashes) is
//! in `comments::ledger`; this file only reads and writes rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{ledger, ledger_backfill, ledger_checkpoints};
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Insertable, Serialize)]
#[diesel(table_name = ledger)]
pub struct LedgerRow {
    pub seq: i32,
    pub kind: String,
    pub comment_id: Option<i32>,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
    pub created_at: NaiveDateTime,
}

impl LedgerRow {
    /// The last entry, if any. Read for every mail queued (its footer
    /// carries the head): with `LIMIT 1` written in the text, PostgreSQL
    /// keeps one plan for it instead of planning each call anew, as it
    /// does for a bound limit.
    pub fn head(conn: &mut DbConn) -> QueryResult<Option<LedgerRow>> {
        crate::db::prepared(
            "SELECT seq, kind, comment_id, payload, prev_hash, hash, created_at \
             FROM ledger ORDER BY seq DESC LIMIT 1",
        )
        .get_result(conn)
        .optional()
    }

    /// The number of the last entry, 0 for an empty ledger.
    pub fn head_seq(conn: &mut DbConn) -> QueryResult<i32> {
        Ok(ledger::table
            .select(diesel::dsl::max(ledger::seq))
            .first::<Option<i32>>(conn)?
            .unwrap_or(0))
    }

    pub fn insert(conn: &mut DbConn, row: &LedgerRow) -> QueryResult<()> {
        diesel::insert_into(ledger::table)
            .values(row)
            .execute(conn)?;
        Ok(())
    }

    /// Entries with `seq > after`, in order, at most `limit`.
    pub fn page(conn: &mut DbConn, after: i32, limit: i64) -> QueryResult<Vec<LedgerRow>> {
        ledger::table
            .filter(ledger::seq.gt(after))
            .order(ledger::seq.asc())
            .limit(limit)
            .select(LedgerRow::as_select())
            .load(conn)
    }

    /// Whether any entry is of `kind`.
    pub fn any_of_kind(conn: &mut DbConn, kind: &str) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            ledger::table.filter(ledger::kind.eq(kind)),
        ))
        .get_result(conn)
    }

    /// Versions published before the ledger recorded versions, still to
    /// be recorded (listed by the migration that began it).
    pub fn backfill_list(conn: &mut DbConn) -> QueryResult<Vec<i32>> {
        ledger_backfill::table
            .order(ledger_backfill::version_id.asc())
            .select(ledger_backfill::version_id)
            .load(conn)
    }

    pub fn clear_backfill_list(conn: &mut DbConn) -> QueryResult<()> {
        diesel::delete(ledger_backfill::table).execute(conn)?;
        Ok(())
    }

    pub fn for_comment(conn: &mut DbConn, comment_id: i32) -> QueryResult<Vec<LedgerRow>> {
        ledger::table
            .filter(ledger::comment_id.eq(comment_id))
            .order(ledger::seq.asc())
            .select(LedgerRow::as_select())
            .load(conn)
    }
}

/// A signed checkpoint: the head of the chain at a time, signed with the
/// site's Ed25519 key (`comments::ledger::checkpoint`).
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = ledger_checkpoints)]
pub struct CheckpointRow {
    pub id: i32,
    /// The UTC day it was made for, `YYYY-MM-DD`: at most one a day.
    pub day: String,
    pub seq: i32,
    pub hash: String,
    pub signed_at: NaiveDateTime,
    /// Hex of the Ed25519 public key that signed it.
    pub public_key: String,
    /// Hex of the Ed25519 signature.
    pub signature: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = ledger_checkpoints)]
pub struct NewCheckpoint<'a> {
    pub day: &'a str,
    pub seq: i32,
    pub hash: &'a str,
    pub signed_at: NaiveDateTime,
    pub public_key: &'a str,
    pub signature: &'a str,
}

impl CheckpointRow {
    /// Every checkpoint, oldest first (one a day at most, so the list
    /// grows by 365 rows a year).
    pub fn all(conn: &mut DbConn) -> QueryResult<Vec<CheckpointRow>> {
        ledger_checkpoints::table
            .order(ledger_checkpoints::id.asc())
            .select(CheckpointRow::as_select())
            .load(conn)
    }

    pub fn latest(conn: &mut DbConn) -> QueryResult<Option<CheckpointRow>> {
        ledger_checkpoints::table
            .order(ledger_checkpoints::id.desc())
            .select(CheckpointRow::as_select())
            .first(conn)
            .optional()
    }

    pub fn for_day(conn: &mut DbConn, day: &str) -> QueryResult<Option<CheckpointRow>> {
        ledger_checkpoints::table
            .filter(ledger_checkpoints::day.eq(day))
            .select(CheckpointRow::as_select())
            .first(conn)
            .optional()
    }

    pub fn insert(conn: &mut DbConn, new: &NewCheckpoint<'_>) -> QueryResult<()> {
        diesel::insert_into(ledger_checkpoints::table)
            .values(new)
            .execute(conn)?;
        Ok(())
    }
}
