//! Reports from the public that a comment breaks the rules.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::comment_flags;
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = comment_flags)]
pub struct CommentFlag {
    pub id: i32,
    pub comment_id: i32,
    pub reason: String,
    pub created_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
}

impl CommentFlag {
    pub fn insert(
        conn: &mut DbConn,
        comment_id: i32,
        reason: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::insert_into(comment_flags::table)
            .values((
                comment_flags::comment_id.eq(comment_id),
                comment_flags::reason.eq(reason),
                comment_flags::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Unresolved flags of the given comments, oldest first.
    pub fn open_for(conn: &mut DbConn, comment_ids: &[i32]) -> QueryResult<Vec<CommentFlag>> {
        if comment_ids.is_empty() {
            return Ok(Vec::new());
        }
        comment_flags::table
            .filter(comment_flags::comment_id.eq_any(comment_ids))
            .filter(comment_flags::resolved_at.is_null())
            .order(comment_flags::id.asc())
            .select(CommentFlag::as_select())
            .load(conn)
    }

    pub fn resolve_all(
        conn: &mut DbConn,
        comment_id: i32,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            comment_flags::table
                .filter(comment_flags::comment_id.eq(comment_id))
                .filter(comment_flags::resolved_at.is_null()),
        )
        .set(comment_flags::resolved_at.eq(now))
        .execute(conn)
    }
}
