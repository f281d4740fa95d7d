//! A standard: the slug, title and summary that every version shares.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::standards;
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = standards)]
pub struct Standard {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub time_zone: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = standards)]
pub struct NewStandard<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub time_zone: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Standard {
    /// The standard's time zone, falling back to UTC for an unknown name.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }

    pub fn all(conn: &mut DbConn) -> QueryResult<Vec<Standard>> {
        standards::table
            .order(standards::title.asc())
            .select(Standard::as_select())
            .load(conn)
    }

    pub fn by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Standard> {
        standards::table
            .filter(standards::slug.eq(slug))
            .select(Standard::as_select())
            .first(conn)
    }

    pub fn by_id(conn: &mut DbConn, id: i32) -> QueryResult<Standard> {
        standards::table
            .find(id)
            .select(Standard::as_select())
            .first(conn)
    }

    pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Standard>> {
        Self::by_slug(conn, slug).optional()
    }

    pub fn insert(conn: &mut DbConn, new: &NewStandard<'_>) -> QueryResult<Standard> {
        crate::per_backend!(conn => diesel::insert_into(standards::table)
            .values(new)
            .returning(Standard::as_returning())
            .get_result(conn))
    }

    /// Update the descriptive fields; returns whether anything changed.
    pub fn update_meta(
        &self,
        conn: &mut DbConn,
        title: &str,
        summary: &str,
        time_zone: &str,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        if self.title == title && self.summary == summary && self.time_zone == time_zone {
            return Ok(false);
        }
        diesel::update(standards::table.find(self.id))
            .set((
                standards::title.eq(title),
                standards::summary.eq(summary),
                standards::time_zone.eq(time_zone),
                standards::updated_at.eq(now),
            ))
            .execute(conn)?;
        Ok(true)
    }
}
