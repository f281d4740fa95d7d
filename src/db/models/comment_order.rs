//! Comments in the order they became public: by `published_seq`, the seq
//! of each comment's publication entry in the ledger. The ledger appends
//! under a lock held to commit, so this order is the order of the commits,
//! and a cursor over it never skips a comment published while a reader
//! walks the pages.

use diesel::prelude::*;

use super::comment::PUBLIC;
use super::{Author, Comment};
use crate::db::schema::comments;
use crate::db::DbConn;

impl Comment {
    /// Note the ledger entry that published comment `id`. Call in the
    /// transaction that appends it.
    pub fn set_published_seq(conn: &mut DbConn, id: i32, seq: i32) -> QueryResult<()> {
        diesel::update(comments::table.find(id))
            .set(comments::published_seq.eq(seq))
            .execute(conn)?;
        Ok(())
    }

    /// A version's public comments (tombstones included) published after
    /// ledger entry `after`, in publication order, at most `limit`, each
    /// with the seq of its publication: one query on the
    /// `(version_id, published_seq)` index.
    pub fn public_after(
        conn: &mut DbConn,
        version_id: i32,
        after: i32,
        limit: i64,
        offices_only: bool,
    ) -> QueryResult<Vec<(i32, Comment, Author)>> {
        let mut q = comments::table
            .filter(comments::version_id.eq(version_id))
            .filter(comments::published_seq.gt(after))
            .filter(comments::status.eq_any(PUBLIC))
            .into_boxed();
        if offices_only {
            q = q.filter(comments::office_name.is_not_null());
        }
        let rows: Vec<(Option<i32>, Comment, Author)> = q
            .order(comments::published_seq.asc())
            .limit(limit)
            .select((
                comments::published_seq,
                Comment::as_select(),
                Author::as_select(),
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .filter_map(|(seq, c, a)| Some((seq?, c, a)))
            .collect())
    }
}
