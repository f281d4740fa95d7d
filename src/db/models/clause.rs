//! Stored clauses. Their HTML was rendered once, at import.

use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::clauses;
use crate::db::DbConn;
use crate::standard::Clause;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = clauses)]
pub struct ClauseRow {
    pub id: i32,
    pub version_id: i32,
    pub position: i32,
    pub clause_key: String,
    pub number: String,
    pub heading: String,
    pub level: i32,
    pub body_md: String,
    pub html: String,
    pub parent_key: Option<String>,
    pub line: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = clauses)]
pub struct NewClause<'a> {
    pub version_id: i32,
    pub position: i32,
    pub clause_key: &'a str,
    pub number: &'a str,
    pub heading: &'a str,
    pub level: i32,
    pub body_md: &'a str,
    pub html: &'a str,
    pub parent_key: Option<&'a str>,
    pub line: i32,
}

impl ClauseRow {
    /// Back to the parser's type, for the redline and key inheritance.
    pub fn to_clause(&self) -> Clause {
        Clause {
            key: self.clause_key.clone(),
            number: self.number.clone(),
            heading: self.heading.clone(),
            level: self.level.clamp(1, 6) as u8,
            body_md: self.body_md.clone(),
            html: self.html.clone(),
            parent_key: self.parent_key.clone(),
            line: self.line.max(0) as usize,
        }
    }

    /// "2.3 Recruiting poll workers", or just the heading when unnumbered.
    pub fn numbered_heading(&self) -> String {
        if self.number.is_empty() {
            self.heading.clone()
        } else {
            format!("{} {}", self.number, self.heading)
        }
    }

    /// The clauses of a stored version, as the parser's type.
    pub fn clauses_of(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<Clause>> {
        Ok(Self::for_version(conn, version_id)?
            .iter()
            .map(ClauseRow::to_clause)
            .collect())
    }

    pub fn for_version(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<ClauseRow>> {
        clauses::table
            .filter(clauses::version_id.eq(version_id))
            .order(clauses::position.asc())
            .select(ClauseRow::as_select())
            .load(conn)
    }

    pub fn by_key(conn: &mut DbConn, version_id: i32, key: &str) -> QueryResult<ClauseRow> {
        clauses::table
            .filter(clauses::version_id.eq(version_id))
            .filter(clauses::clause_key.eq(key))
            .select(ClauseRow::as_select())
            .first(conn)
    }

    /// The keys of a version's clauses, in order.
    pub fn keys_for_version(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<String>> {
        clauses::table
            .filter(clauses::version_id.eq(version_id))
            .order(clauses::position.asc())
            .select(clauses::clause_key)
            .load(conn)
    }

    /// Store the clauses of a version, in order. Inserted in batches so a
    /// large standard stays within each backend's bind-parameter limit.
    pub fn insert_all(
        conn: &mut DbConn,
        version_id: i32,
        clauses: &[Clause],
    ) -> QueryResult<usize> {
        let rows: Vec<NewClause<'_>> = clauses
            .iter()
            .enumerate()
            .map(|(i, c)| NewClause {
                version_id,
                position: i as i32,
                clause_key: &c.key,
                number: &c.number,
                heading: &c.heading,
                level: i32::from(c.level),
                body_md: &c.body_md,
                html: &c.html,
                parent_key: c.parent_key.as_deref(),
                line: c.line as i32,
            })
            .collect();
        let mut n = 0;
        for chunk in rows.chunks(500) {
            n += crate::per_backend!(conn => diesel::insert_into(clauses::table).values(chunk).execute(conn))?;
        }
        Ok(n)
    }

    /// Bring the stored HTML of a version's clauses up to the renderer's
    /// current output, for a version whose source did not change. The HTML
    /// is derived from the source, so this changes no record; it carries a
    /// fix in rendering (such as a link scheme no longer allowed) to
    /// versions imported before it. Returns how many clauses changed.
    pub fn refresh_html(
        conn: &mut DbConn,
        version_id: i32,
        clauses: &[Clause],
    ) -> QueryResult<usize> {
        let stored = ClauseRow::for_version(conn, version_id)?;
        let mut changed = 0;
        for row in stored {
            let fresh = clauses.iter().find(|c| c.key == row.clause_key);
            if let Some(c) = fresh.filter(|c| c.html != row.html) {
                diesel::update(clauses::table.find(row.id))
                    .set(clauses::html.eq(&c.html))
                    .execute(conn)?;
                changed += 1;
            }
        }
        Ok(changed)
    }

    pub fn delete_for_version(conn: &mut DbConn, version_id: i32) -> QueryResult<usize> {
        diesel::delete(clauses::table.filter(clauses::version_id.eq(version_id))).execute(conn)
    }
}
