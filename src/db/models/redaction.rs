//! Redactions of comments: the passage a moderator took out, the reason,
//! and the text as it was before, for staff only. The comment's own row
//! holds the redacted text that the public sees.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{comment_redactions, comments};
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = comment_redactions)]
pub struct Redaction {
    pub id: i32,
    pub comment_id: i32,
    pub passage: String,
    pub reason: String,
    /// The comment's Markdown just before this redaction.
    pub original_body_md: String,
    /// SHA-256 (hex) of `original_body_md`, as the ledger records it.
    pub original_sha256: String,
    pub staff_id: i32,
    /// The ledger entry that records it.
    pub ledger_seq: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = comment_redactions)]
pub struct NewRedaction<'a> {
    pub comment_id: i32,
    pub passage: &'a str,
    pub reason: &'a str,
    pub original_body_md: &'a str,
    pub original_sha256: &'a str,
    pub staff_id: i32,
    pub ledger_seq: i32,
    pub created_at: NaiveDateTime,
}

impl Redaction {
    pub fn insert(conn: &mut DbConn, new: &NewRedaction<'_>) -> QueryResult<()> {
        diesel::insert_into(comment_redactions::table)
            .values(new)
            .execute(conn)?;
        Ok(())
    }

    /// The redactions of a comment, oldest first.
    pub fn of_comment(conn: &mut DbConn, comment_id: i32) -> QueryResult<Vec<Redaction>> {
        comment_redactions::table
            .filter(comment_redactions::comment_id.eq(comment_id))
            .order(comment_redactions::id.asc())
            .select(Redaction::as_select())
            .load(conn)
    }

    /// Put the redacted text in place of the comment's text (the Markdown
    /// and the HTML rendered from it).
    pub fn replace_body(
        conn: &mut DbConn,
        comment_id: i32,
        md: &str,
        html: &str,
    ) -> QueryResult<()> {
        diesel::update(comments::table.find(comment_id))
            .set((comments::body_md.eq(md), comments::body_html.eq(html)))
            .execute(conn)?;
        Ok(())
    }
}
