//! What a cached public page was rendered from, in two numbers an app
//! server can read a few times a second for next to nothing.

use diesel::prelude::*;
use diesel::QueryResult;

use crate::db::schema::{comments, page_generation};
use crate::db::DbConn;

/// The state of everything public pages show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageStamp {
    /// Moves when a standard, a version, a clause or a decision changes,
    /// or a published comment is hidden, edited or deleted (triggers of
    /// the `page_generation` migration): a page rendered before must not
    /// be shown again.
    pub generation: i64,
    /// The ledger's head: moves with every comment published (and every
    /// other public event). A page with discussions may lag it briefly.
    pub ledger: i64,
    /// The newest comment's id: moves with every comment stored, however
    /// it was stored. Lags like the ledger.
    pub newest_comment: i64,
}

impl PageStamp {
    pub fn read(conn: &mut DbConn) -> QueryResult<PageStamp> {
        let generation = page_generation::table
            .select(page_generation::n)
            .first::<i64>(conn)
            .optional()?
            .unwrap_or(0);
        let ledger = super::LedgerRow::head_seq(conn)? as i64;
        let newest_comment = comments::table
            .select(diesel::dsl::max(comments::id))
            .first::<Option<i32>>(conn)?
            .unwrap_or(0) as i64;
        Ok(PageStamp {
            generation,
            ledger,
            newest_comment,
        })
    }
}
