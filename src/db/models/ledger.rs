//! Rows of the integrity ledger. Appending (which computes the hashes) is
//! in `comments::ledger`; this file only reads and writes rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::ledger;
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
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
    /// The last entry, if any.
    pub fn head(conn: &mut DbConn) -> QueryResult<Option<LedgerRow>> {
        ledger::table
            .order(ledger::seq.desc())
            .select(LedgerRow::as_select())
            .first(conn)
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

    pub fn for_comment(conn: &mut DbConn, comment_id: i32) -> QueryResult<Vec<LedgerRow>> {
        ledger::table
            .filter(ledger::comment_id.eq(comment_id))
            .order(ledger::seq.asc())
            .select(LedgerRow::as_select())
            .load(conn)
    }
}
