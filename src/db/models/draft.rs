//! Working drafts of a standard's next version, and the proposed text
//! accepted into them.
//!
//! A save names the revision it was made from; [`Draft::save`] changes the
//! row only if that is still the current revision, so an edit made from a
//! stale page can never overwrite newer work.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{draft_acceptances, drafts};
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = drafts)]
pub struct Draft {
    pub id: i32,
    pub standard_id: i32,
    /// The published version this draft revises.
    pub base_version_id: i32,
    pub label: String,
    /// The whole version file: front matter and Markdown.
    pub source: String,
    pub revision: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The staff member who saved it last.
    pub updated_by: String,
    pub published_version_id: Option<i32>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = drafts)]
pub struct NewDraft<'a> {
    pub standard_id: i32,
    pub base_version_id: i32,
    pub label: &'a str,
    pub source: &'a str,
    pub revision: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub updated_by: &'a str,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = draft_acceptances)]
pub struct DraftAcceptance {
    pub id: i32,
    pub draft_id: i32,
    pub comment_id: i32,
    pub clause_key: String,
    pub applied_text: String,
    pub staff_id: i32,
    pub accepted_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = draft_acceptances)]
pub struct NewDraftAcceptance<'a> {
    pub draft_id: i32,
    pub comment_id: i32,
    pub clause_key: &'a str,
    pub applied_text: &'a str,
    pub staff_id: i32,
    pub accepted_at: NaiveDateTime,
}

impl Draft {
    pub fn is_published(&self) -> bool {
        self.published_version_id.is_some()
    }

    pub fn by_label(conn: &mut DbConn, standard_id: i32, label: &str) -> QueryResult<Draft> {
        drafts::table
            .filter(drafts::standard_id.eq(standard_id))
            .filter(drafts::label.eq(label))
            .select(Draft::as_select())
            .first(conn)
    }

    /// The unpublished draft that revises `version_id`, if any.
    pub fn open_for_base(conn: &mut DbConn, version_id: i32) -> QueryResult<Option<Draft>> {
        drafts::table
            .filter(drafts::base_version_id.eq(version_id))
            .filter(drafts::published_version_id.is_null())
            .select(Draft::as_select())
            .first(conn)
            .optional()
    }

    /// Every draft of a standard, newest first.
    pub fn for_standard(conn: &mut DbConn, standard_id: i32) -> QueryResult<Vec<Draft>> {
        drafts::table
            .filter(drafts::standard_id.eq(standard_id))
            .order(drafts::id.desc())
            .select(Draft::as_select())
            .load(conn)
    }

    pub fn insert(conn: &mut DbConn, new: &NewDraft<'_>) -> QueryResult<Draft> {
        crate::per_backend!(conn => diesel::insert_into(drafts::table)
            .values(new)
            .returning(Draft::as_returning())
            .get_result(conn))
    }

    /// Replace the source if `revision` is still current; returns whether
    /// it was (and so whether anything changed).
    pub fn save(
        conn: &mut DbConn,
        id: i32,
        revision: i32,
        source: &str,
        by: &str,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            drafts::table
                .filter(drafts::id.eq(id))
                .filter(drafts::revision.eq(revision))
                .filter(drafts::published_version_id.is_null()),
        )
        .set((
            drafts::source.eq(source),
            drafts::revision.eq(revision + 1),
            drafts::updated_at.eq(now),
            drafts::updated_by.eq(by),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    pub fn mark_published(conn: &mut DbConn, id: i32, version_id: i32) -> QueryResult<()> {
        diesel::update(drafts::table.find(id))
            .set(drafts::published_version_id.eq(Some(version_id)))
            .execute(conn)?;
        Ok(())
    }

    pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
        drafts::table.count().get_result(conn)
    }
}

impl DraftAcceptance {
    pub fn for_draft(conn: &mut DbConn, draft_id: i32) -> QueryResult<Vec<DraftAcceptance>> {
        draft_acceptances::table
            .filter(draft_acceptances::draft_id.eq(draft_id))
            .order(draft_acceptances::id.asc())
            .select(DraftAcceptance::as_select())
            .load(conn)
    }

    /// Acceptances of the listed comments into any draft.
    pub fn for_comments(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<DraftAcceptance>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(500) {
            out.extend(
                draft_acceptances::table
                    .filter(draft_acceptances::comment_id.eq_any(chunk))
                    .select(DraftAcceptance::as_select())
                    .load(conn)?,
            );
        }
        Ok(out)
    }

    pub fn insert(conn: &mut DbConn, new: &NewDraftAcceptance<'_>) -> QueryResult<()> {
        diesel::insert_into(draft_acceptances::table)
            .values(new)
            .execute(conn)?;
        Ok(())
    }

    pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
        draft_acceptances::table.count().get_result(conn)
    }
}
