//! Stored translations of versions and their clauses. A translation sits
//! beside its version and never changes it: the version's row, clauses,
//! source and SHA-256 are the same with or without one.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{clause_translations, version_translations};
use crate::db::DbConn;
use crate::standard::translation::ParsedTranslation;
use crate::standard::Clause;

/// A version's translation into one language: its title, notes and
/// introduction, and where it came from.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = version_translations)]
pub struct VersionTranslation {
    pub id: i32,
    pub version_id: i32,
    pub lang: String,
    pub title: String,
    pub notes: String,
    pub preamble_html: String,
    pub source: String,
    pub sha256: String,
    pub source_path: String,
    pub imported_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = version_translations)]
struct NewVersionTranslation<'a> {
    version_id: i32,
    lang: &'a str,
    title: &'a str,
    notes: &'a str,
    preamble_html: &'a str,
    source: &'a str,
    sha256: &'a str,
    source_path: &'a str,
    imported_at: NaiveDateTime,
}

/// One clause of a translation, under the English clause's key.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = clause_translations)]
pub struct ClauseTranslation {
    pub id: i32,
    pub version_id: i32,
    pub lang: String,
    pub position: i32,
    pub clause_key: String,
    pub number: String,
    pub heading: String,
    pub level: i32,
    pub body_md: String,
    pub html: String,
    pub parent_key: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = clause_translations)]
struct NewClauseTranslation<'a> {
    version_id: i32,
    lang: &'a str,
    position: i32,
    clause_key: &'a str,
    number: &'a str,
    heading: &'a str,
    level: i32,
    body_md: &'a str,
    html: &'a str,
    parent_key: Option<&'a str>,
}

impl VersionTranslation {
    /// A version's translation into `lang`, if it has one.
    pub fn find(
        conn: &mut DbConn,
        version_id: i32,
        lang: &str,
    ) -> QueryResult<Option<VersionTranslation>> {
        version_translations::table
            .filter(version_translations::version_id.eq(version_id))
            .filter(version_translations::lang.eq(lang))
            .select(VersionTranslation::as_select())
            .first(conn)
            .optional()
    }

    /// The languages a version is translated into, in order.
    pub fn langs_of(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<String>> {
        version_translations::table
            .filter(version_translations::version_id.eq(version_id))
            .order(version_translations::lang.asc())
            .select(version_translations::lang)
            .load(conn)
    }

    /// Store a parsed translation of a stored version, replacing the one
    /// in the same language. `false` (and nothing written) when the stored
    /// one came from the same bytes.
    pub fn store(
        conn: &mut DbConn,
        version_id: i32,
        t: &ParsedTranslation,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        if let Some(stored) = Self::find(conn, version_id, &t.lang)? {
            if stored.sha256 == t.sha256 {
                return Ok(false);
            }
        }
        Self::delete(conn, version_id, &t.lang)?;
        crate::per_backend!(conn => diesel::insert_into(version_translations::table)
            .values(&NewVersionTranslation {
                version_id,
                lang: &t.lang,
                title: &t.title,
                notes: &t.notes,
                preamble_html: &t.preamble_html,
                source: &t.source,
                sha256: &t.sha256,
                source_path: &t.file,
                imported_at: now,
            })
            .execute(conn))?;
        let rows: Vec<NewClauseTranslation<'_>> = t
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| NewClauseTranslation {
                version_id,
                lang: &t.lang,
                position: i as i32,
                clause_key: &c.key,
                number: &c.number,
                heading: &c.heading,
                level: i32::from(c.level),
                body_md: &c.body_md,
                html: &c.html,
                parent_key: c.parent_key.as_deref(),
            })
            .collect();
        for chunk in rows.chunks(500) {
            crate::per_backend!(conn => diesel::insert_into(clause_translations::table)
                .values(chunk)
                .execute(conn))?;
        }
        Ok(true)
    }

    /// Remove a version's translation into `lang`, clauses and all.
    pub fn delete(conn: &mut DbConn, version_id: i32, lang: &str) -> QueryResult<usize> {
        diesel::delete(
            clause_translations::table
                .filter(clause_translations::version_id.eq(version_id))
                .filter(clause_translations::lang.eq(lang)),
        )
        .execute(conn)?;
        diesel::delete(
            version_translations::table
                .filter(version_translations::version_id.eq(version_id))
                .filter(version_translations::lang.eq(lang)),
        )
        .execute(conn)
    }

    /// Remove every translation of a version (a draft being replaced).
    pub fn delete_for_version(conn: &mut DbConn, version_id: i32) -> QueryResult<usize> {
        diesel::delete(
            clause_translations::table.filter(clause_translations::version_id.eq(version_id)),
        )
        .execute(conn)?;
        diesel::delete(
            version_translations::table.filter(version_translations::version_id.eq(version_id)),
        )
        .execute(conn)
    }
}

impl ClauseTranslation {
    /// The clauses of a version's translation into `lang`, in order.
    pub fn for_version(
        conn: &mut DbConn,
        version_id: i32,
        lang: &str,
    ) -> QueryResult<Vec<ClauseTranslation>> {
        clause_translations::table
            .filter(clause_translations::version_id.eq(version_id))
            .filter(clause_translations::lang.eq(lang))
            .order(clause_translations::position.asc())
            .select(ClauseTranslation::as_select())
            .load(conn)
    }

    /// The translation's clauses as the parser's type, for the redline.
    pub fn clauses_of(conn: &mut DbConn, version_id: i32, lang: &str) -> QueryResult<Vec<Clause>> {
        Ok(Self::for_version(conn, version_id, lang)?
            .into_iter()
            .map(|c| Clause {
                key: c.clause_key,
                number: c.number,
                heading: c.heading,
                level: c.level.clamp(1, 6) as u8,
                body_md: c.body_md,
                html: c.html,
                parent_key: c.parent_key,
                line: 0,
            })
            .collect())
    }
}
