//! The mail domains an admin recognises as election offices, and the office
//! fixed on a comment confirmed from one of them. The list is short (a few
//! hundred rows at most), so matching reads it whole.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{comments, office_domains};
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = office_domains)]
pub struct OfficeDomain {
    pub id: i32,
    /// Lowercase; a leading dot marks a suffix entry (`.gov`).
    pub domain: String,
    pub office: String,
    pub created_at: NaiveDateTime,
}

impl OfficeDomain {
    /// Every entry, by domain.
    pub fn all(conn: &mut DbConn) -> QueryResult<Vec<OfficeDomain>> {
        office_domains::table
            .order(office_domains::domain.asc())
            .select(OfficeDomain::as_select())
            .load(conn)
    }

    /// Add an entry; `Ok(false)` when the domain is listed already.
    pub fn add(
        conn: &mut DbConn,
        domain: &str,
        office: &str,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let taken: i64 = office_domains::table
            .filter(office_domains::domain.eq(domain))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Ok(false);
        }
        diesel::insert_into(office_domains::table)
            .values((
                office_domains::domain.eq(domain),
                office_domains::office.eq(office),
                office_domains::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(true)
    }

    /// Remove an entry; the entry removed, if there was one.
    pub fn remove(conn: &mut DbConn, id: i32) -> QueryResult<Option<OfficeDomain>> {
        let found = office_domains::table
            .find(id)
            .select(OfficeDomain::as_select())
            .first(conn)
            .optional()?;
        if found.is_some() {
            diesel::delete(office_domains::table.find(id)).execute(conn)?;
        }
        Ok(found)
    }

    /// Fix the office shown with a comment, once: a comment that has one
    /// keeps it. Callers do this before the comment's publication is
    /// recorded, so what a public comment shows never changes.
    pub fn fix_on_comment(
        conn: &mut DbConn,
        comment_id: i32,
        office: &str,
        domain: &str,
    ) -> QueryResult<()> {
        diesel::update(
            comments::table
                .find(comment_id)
                .filter(comments::office_name.is_null()),
        )
        .set((
            comments::office_name.eq(office),
            comments::office_domain.eq(domain),
        ))
        .execute(conn)?;
        Ok(())
    }

    /// Published comments on a version shown from an election office: one
    /// COUNT on the indexed column.
    pub fn count_published(conn: &mut DbConn, version_id: i32) -> QueryResult<i64> {
        comments::table
            .filter(comments::version_id.eq(version_id))
            .filter(comments::office_name.is_not_null())
            .filter(comments::status.eq("published"))
            .count()
            .get_result(conn)
    }
}
