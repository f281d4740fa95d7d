//! Files attached to comments (signed letters). A row holds the bytes
//! themselves; only the reads named `*content*` load them, so listing
//! letters never loads a file.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{attachments, comments};
use crate::db::DbConn;

/// An attachment without its bytes.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = attachments)]
pub struct Attachment {
    pub id: i32,
    pub comment_id: i32,
    pub file_name: String,
    pub size_bytes: i32,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    pub created_at: NaiveDateTime,
}

/// An attachment to store.
pub struct NewAttachment<'a> {
    pub comment_id: i32,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub content: &'a [u8],
    pub created_at: NaiveDateTime,
}

impl Attachment {
    pub fn insert(conn: &mut DbConn, a: &NewAttachment<'_>) -> QueryResult<Attachment> {
        let size = i32::try_from(a.content.len()).unwrap_or(i32::MAX);
        diesel::insert_into(attachments::table)
            .values((
                attachments::comment_id.eq(a.comment_id),
                attachments::file_name.eq(a.file_name),
                attachments::size_bytes.eq(size),
                attachments::sha256.eq(a.sha256),
                attachments::content.eq(a.content),
                attachments::created_at.eq(a.created_at),
            ))
            .execute(conn)?;
        // One letter per comment: read it back by its comment (RETURNING
        // would need the concrete backend).
        attachments::table
            .filter(attachments::comment_id.eq(a.comment_id))
            .select(Attachment::as_select())
            .first(conn)
    }

    /// The attachment of one comment, if it has one.
    pub fn of_comment(conn: &mut DbConn, comment_id: i32) -> QueryResult<Option<Attachment>> {
        attachments::table
            .filter(attachments::comment_id.eq(comment_id))
            .select(Attachment::as_select())
            .first(conn)
            .optional()
    }

    /// The attachments of some comments, in one query.
    pub fn of_comments(conn: &mut DbConn, comment_ids: &[i32]) -> QueryResult<Vec<Attachment>> {
        if comment_ids.is_empty() {
            return Ok(Vec::new());
        }
        attachments::table
            .filter(attachments::comment_id.eq_any(comment_ids))
            .select(Attachment::as_select())
            .load(conn)
    }

    /// An attachment and its bytes, only if its comment is published now
    /// (not waiting, hidden or marked as spam).
    pub fn public_content(
        conn: &mut DbConn,
        id: i32,
    ) -> QueryResult<Option<(Attachment, Vec<u8>)>> {
        attachments::table
            .inner_join(comments::table)
            .filter(attachments::id.eq(id))
            .filter(comments::status.eq("published"))
            .select((Attachment::as_select(), attachments::content))
            .first(conn)
            .optional()
    }

    /// An attachment and its bytes, whatever its comment's status: for
    /// moderators reviewing the comment.
    pub fn content(conn: &mut DbConn, id: i32) -> QueryResult<Option<(Attachment, Vec<u8>)>> {
        attachments::table
            .filter(attachments::id.eq(id))
            .select((Attachment::as_select(), attachments::content))
            .first(conn)
            .optional()
    }

    /// Attachments after `after` (by id) with their bytes, `limit` at a
    /// time: for checking every stored file against its digest.
    pub fn content_page(
        conn: &mut DbConn,
        after: i32,
        limit: i64,
    ) -> QueryResult<Vec<(Attachment, Vec<u8>)>> {
        attachments::table
            .filter(attachments::id.gt(after))
            .order(attachments::id.asc())
            .limit(limit)
            .select((Attachment::as_select(), attachments::content))
            .load(conn)
    }
}
