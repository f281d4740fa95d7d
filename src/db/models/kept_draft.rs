//! Comment drafts kept with "Save for later": one row per browser token
//! (stored only as its SHA-256) and form place. Rows older than the
//! keeping time are never read and are deleted by [`KeptDraft::prune`].

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::kept_drafts;
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = kept_drafts)]
pub struct KeptDraft {
    pub id: i32,
    pub token_hash: String,
    pub place: String,
    pub name: String,
    pub email: String,
    pub organization: String,
    pub kind: String,
    pub body: String,
    pub proposed_text: String,
    pub saved_at: NaiveDateTime,
    /// In the browser's list, to be sent with the others and confirmed by
    /// one mail.
    pub gathered: bool,
}

/// A draft to keep, as typed.
pub struct NewKeptDraft<'a> {
    pub token_hash: &'a str,
    pub place: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub organization: &'a str,
    pub kind: &'a str,
    pub body: &'a str,
    pub proposed_text: &'a str,
    pub saved_at: NaiveDateTime,
    pub gathered: bool,
}

impl KeptDraft {
    /// The draft of one token and place saved after `since`, if any.
    pub fn find(
        conn: &mut DbConn,
        token_hash: &str,
        place: &str,
        since: NaiveDateTime,
    ) -> QueryResult<Option<KeptDraft>> {
        kept_drafts::table
            .filter(kept_drafts::token_hash.eq(token_hash))
            .filter(kept_drafts::place.eq(place))
            .filter(kept_drafts::saved_at.ge(since))
            .select(KeptDraft::as_select())
            .first(conn)
            .optional()
    }

    /// Store a draft, replacing the one of the same token and place.
    pub fn replace(conn: &mut DbConn, d: &NewKeptDraft) -> QueryResult<()> {
        Self::forget(conn, d.token_hash, d.place)?;
        diesel::insert_into(kept_drafts::table)
            .values((
                kept_drafts::token_hash.eq(d.token_hash),
                kept_drafts::place.eq(d.place),
                kept_drafts::name.eq(d.name),
                kept_drafts::email.eq(d.email),
                kept_drafts::organization.eq(d.organization),
                kept_drafts::kind.eq(d.kind),
                kept_drafts::body.eq(d.body),
                kept_drafts::proposed_text.eq(d.proposed_text),
                kept_drafts::saved_at.eq(d.saved_at),
                kept_drafts::gathered.eq(d.gathered),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Delete the draft of one token and place.
    pub fn forget(conn: &mut DbConn, token_hash: &str, place: &str) -> QueryResult<usize> {
        diesel::delete(
            kept_drafts::table
                .filter(kept_drafts::token_hash.eq(token_hash))
                .filter(kept_drafts::place.eq(place)),
        )
        .execute(conn)
    }

    /// Delete every draft saved before `before` (by the `saved_at` index).
    pub fn prune(conn: &mut DbConn, before: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(kept_drafts::table.filter(kept_drafts::saved_at.lt(before))).execute(conn)
    }

    /// Keep only the `keep` newest drafts of a token.
    pub fn trim(conn: &mut DbConn, token_hash: &str, keep: usize) -> QueryResult<usize> {
        let ids: Vec<i32> = kept_drafts::table
            .filter(kept_drafts::token_hash.eq(token_hash))
            .order((kept_drafts::saved_at.desc(), kept_drafts::id.desc()))
            .offset(keep as i64)
            .select(kept_drafts::id)
            .load(conn)?;
        if ids.is_empty() {
            return Ok(0);
        }
        diesel::delete(kept_drafts::table.filter(kept_drafts::id.eq_any(ids))).execute(conn)
    }

    /// The drafts of a token in its list saved after `since`, oldest first.
    pub fn gathered(
        conn: &mut DbConn,
        token_hash: &str,
        since: NaiveDateTime,
        limit: i64,
    ) -> QueryResult<Vec<KeptDraft>> {
        kept_drafts::table
            .filter(kept_drafts::token_hash.eq(token_hash))
            .filter(kept_drafts::gathered.eq(true))
            .filter(kept_drafts::saved_at.ge(since))
            .order((kept_drafts::saved_at.asc(), kept_drafts::id.asc()))
            .limit(limit)
            .select(KeptDraft::as_select())
            .load(conn)
    }

    /// How many drafts of a token are in its list.
    pub fn count_gathered(
        conn: &mut DbConn,
        token_hash: &str,
        since: NaiveDateTime,
    ) -> QueryResult<i64> {
        kept_drafts::table
            .filter(kept_drafts::token_hash.eq(token_hash))
            .filter(kept_drafts::gathered.eq(true))
            .filter(kept_drafts::saved_at.ge(since))
            .count()
            .get_result(conn)
    }

    /// Delete one draft of a token by its id.
    pub fn forget_id(conn: &mut DbConn, token_hash: &str, id: i32) -> QueryResult<usize> {
        diesel::delete(
            kept_drafts::table
                .filter(kept_drafts::token_hash.eq(token_hash))
                .filter(kept_drafts::id.eq(id)),
        )
        .execute(conn)
    }
}
