//! Single-use links that verify a comment, and the mails that carry them.
//! Only the SHA-256 of a token is stored, so a copy of the database cannot
//! be used to verify anything.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::Comment;
use crate::db::schema::{comments, outbox, verification_mails, verification_tokens};
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = verification_tokens)]
pub struct VerificationToken {
    pub id: i32,
    pub token_hash: String,
    pub comment_id: i32,
    /// The name and organisation given with the comment; they replace the
    /// commenter's only once the address is verified.
    pub display_name: String,
    pub organization: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    /// The mail that carries (or will carry) the link.
    pub mail_id: Option<i32>,
}

#[derive(Debug, Insertable)]
// A missing value is stored as NULL (every optional column here defaults to
// NULL anyway), so the insert has one shape and its prepared statement is
// cached instead of prepared again for each row.
#[diesel(table_name = verification_tokens, treat_none_as_default_value = false)]
pub struct NewVerificationToken<'a> {
    pub token_hash: &'a str,
    pub comment_id: i32,
    pub display_name: &'a str,
    pub organization: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub mail_id: Option<i32>,
}

impl VerificationToken {
    pub fn insert(conn: &mut DbConn, new: &NewVerificationToken<'_>) -> QueryResult<()> {
        diesel::insert_into(verification_tokens::table)
            .values(new)
            .execute(conn)?;
        Ok(())
    }

    /// The unused links a mail carries, with their comments, oldest first.
    pub fn for_mail(
        conn: &mut DbConn,
        mail_id: i32,
    ) -> QueryResult<Vec<(VerificationToken, Comment)>> {
        verification_tokens::table
            .inner_join(comments::table)
            .filter(verification_tokens::mail_id.eq(mail_id))
            .filter(verification_tokens::used_at.is_null())
            .order(verification_tokens::id.asc())
            .select((VerificationToken::as_select(), Comment::as_select()))
            .load(conn)
    }

    /// The newest link of a comment, and when the mail carrying it is
    /// (or was) sent.
    pub fn latest_for_comment(
        conn: &mut DbConn,
        comment_id: i32,
    ) -> QueryResult<Option<(VerificationToken, Option<NaiveDateTime>)>> {
        verification_tokens::table
            .left_join(verification_mails::table)
            .filter(verification_tokens::comment_id.eq(comment_id))
            .order(verification_tokens::id.desc())
            .select((
                VerificationToken::as_select(),
                verification_mails::send_at.nullable(),
            ))
            .first(conn)
            .optional()
    }

    /// Give a link a new secret (and expiry) before its mail is sent, so
    /// the mail can be written again with every link it carries.
    pub fn replace_secret(
        conn: &mut DbConn,
        id: i32,
        token_hash: &str,
        expires_at: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(verification_tokens::table.find(id))
            .set((
                verification_tokens::token_hash.eq(token_hash),
                verification_tokens::expires_at.eq(expires_at),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn by_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<VerificationToken>> {
        verification_tokens::table
            .filter(verification_tokens::token_hash.eq(hash))
            .select(VerificationToken::as_select())
            .first(conn)
            .optional()
    }

    /// Mark used, only if nobody else did first; returns whether this call did.
    pub fn use_once(conn: &mut DbConn, id: i32, now: NaiveDateTime) -> QueryResult<bool> {
        let n = diesel::update(
            verification_tokens::table
                .find(id)
                .filter(verification_tokens::used_at.is_null()),
        )
        .set(verification_tokens::used_at.eq(now))
        .execute(conn)?;
        Ok(n == 1)
    }

    pub fn set_expiry(conn: &mut DbConn, id: i32, expires_at: NaiveDateTime) -> QueryResult<()> {
        diesel::update(verification_tokens::table.find(id))
            .set(verification_tokens::expires_at.eq(expires_at))
            .execute(conn)?;
        Ok(())
    }
}

/// One verification mail to one commenter: sent at `send_at`, carrying
/// `links` links. While `send_at` is in the future the mail waits its turn
/// and gathers the links of later comments to the same address.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = verification_mails)]
pub struct VerificationMail {
    pub id: i32,
    pub commenter_id: i32,
    pub outbox_id: i32,
    pub send_at: NaiveDateTime,
    pub links: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
// Every column written as given (none left to its default), so Diesel
// keeps the insert prepared.
#[diesel(table_name = verification_mails, treat_none_as_default_value = false)]
pub struct NewVerificationMail {
    pub commenter_id: i32,
    pub outbox_id: i32,
    pub send_at: NaiveDateTime,
    pub links: i32,
    pub created_at: NaiveDateTime,
}

/// A new confirmation mail with its first link, written by
/// [`VerificationMail::insert_first`] in one statement.
pub struct FirstMail<'a> {
    /// The outbox row; its text is completed with the ledger head's footer.
    pub outbox: &'a crate::db::models::NewOutboxRow<'a>,
    /// The text ending with a line break, and what comes before the head's
    /// `SEQ:HASH` in the footer.
    pub text_before_footer: &'a str,
    pub footer: &'a str,
    pub commenter_id: i32,
    pub send_at: NaiveDateTime,
    /// The link; its `mail_id` is the new mail's.
    pub token: &'a NewVerificationToken<'a>,
}

impl VerificationMail {
    /// PostgreSQL only: queue a confirmation mail, record it and store its
    /// first link in one statement (one round trip instead of four: the
    /// ledger head for the footer, the outbox row, the mail, the token).
    /// With an empty ledger the text is stored as it is, without a footer.
    pub fn insert_first(conn: &mut DbConn, first: &FirstMail<'_>) -> QueryResult<()> {
        use diesel::sql_types::{Integer, Nullable, Text, Timestamp};
        let DbConn::Pg(pg) = conn else {
            return Err(diesel::result::Error::QueryBuilderError(
                "one-statement mail insert is for PostgreSQL".into(),
            ));
        };
        let o = first.outbox;
        let t = first.token;
        let n = crate::db::prepared(
            "WITH head AS (SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1), \
             queued AS (INSERT INTO outbox \
                 (to_addr, subject, body_text, headers, created_at, attempts, next_attempt_at) \
                 SELECT $1, $2, \
                     COALESCE((SELECT $4 || $5 || seq || ':' || hash || chr(10) FROM head), $3), \
                     $6, $7, $8, $9 \
                 RETURNING id), \
             mail AS (INSERT INTO verification_mails \
                 (commenter_id, outbox_id, send_at, links, created_at) \
                 SELECT $10, id, $11, 1, $7 FROM queued RETURNING id) \
             INSERT INTO verification_tokens \
                 (token_hash, comment_id, display_name, organization, created_at, expires_at, mail_id) \
             SELECT $12, $13, $14, $15, $16, $17, id FROM mail",
        )
        .bind::<Text, _>(o.to_addr)
        .bind::<Text, _>(o.subject)
        .bind::<Text, _>(o.body_text)
        .bind::<Text, _>(first.text_before_footer)
        .bind::<Text, _>(first.footer)
        .bind::<Text, _>(o.headers)
        .bind::<Timestamp, _>(o.created_at)
        .bind::<Integer, _>(o.attempts)
        .bind::<Timestamp, _>(o.next_attempt_at)
        .bind::<Integer, _>(first.commenter_id)
        .bind::<Timestamp, _>(first.send_at)
        .bind::<Text, _>(t.token_hash)
        .bind::<Integer, _>(t.comment_id)
        .bind::<Text, _>(t.display_name)
        .bind::<Nullable<Text>, _>(t.organization)
        .bind::<Timestamp, _>(t.created_at)
        .bind::<Timestamp, _>(t.expires_at)
        .execute(pg)?;
        if n != 1 {
            return Err(diesel::result::Error::NotFound);
        }
        Ok(())
    }

    pub fn insert(conn: &mut DbConn, new: &NewVerificationMail) -> QueryResult<VerificationMail> {
        crate::per_backend!(conn => diesel::insert_into(verification_mails::table)
            .values(new)
            .returning(VerificationMail::as_returning())
            .get_result(conn))
    }

    /// A commenter's latest mails, by when they are sent, newest first.
    pub fn latest(
        conn: &mut DbConn,
        commenter_id: i32,
        limit: i64,
    ) -> QueryResult<Vec<VerificationMail>> {
        verification_mails::table
            .filter(verification_mails::commenter_id.eq(commenter_id))
            .order((
                verification_mails::send_at.desc(),
                verification_mails::id.desc(),
            ))
            .limit(limit)
            .select(VerificationMail::as_select())
            .load(conn)
    }

    /// Whether the mail's outbox message is still untouched: not sent, not
    /// claimed by a worker, never attempted, and not due before `now`. If
    /// so, the message is locked until the end of the transaction (on
    /// PostgreSQL; on SQLite the write transaction holds the only write
    /// lock), so no worker claims it while it is being rewritten.
    pub fn lock_if_waiting(&self, conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<bool> {
        macro_rules! waiting {
            () => {
                outbox::table
                    .filter(outbox::id.eq(self.outbox_id))
                    .filter(outbox::sent_at.is_null())
                    .filter(outbox::claimed_until.is_null())
                    .filter(outbox::attempts.eq(0))
                    .filter(outbox::next_attempt_at.gt(now))
                    .select(outbox::id)
            };
        }
        let ids: Vec<i32> = match conn {
            DbConn::Pg(pg) => waiting!().for_update().load(pg)?,
            DbConn::Sqlite(_) => waiting!().load(conn)?,
        };
        Ok(ids.len() == 1)
    }

    pub fn set_links(conn: &mut DbConn, id: i32, links: i32) -> QueryResult<()> {
        diesel::update(verification_mails::table.find(id))
            .set(verification_mails::links.eq(links))
            .execute(conn)?;
        Ok(())
    }

    /// Give a mail the one link that confirms every comment it lists.
    pub fn set_group_hash(conn: &mut DbConn, id: i32, hash: &str) -> QueryResult<()> {
        diesel::update(verification_mails::table.find(id))
            .set(verification_mails::group_hash.eq(hash))
            .execute(conn)?;
        Ok(())
    }

    /// The mail whose one link has this hash, and when that link was used.
    pub fn by_group_hash(
        conn: &mut DbConn,
        hash: &str,
    ) -> QueryResult<Option<(VerificationMail, Option<NaiveDateTime>)>> {
        verification_mails::table
            .filter(verification_mails::group_hash.eq(hash))
            .select((
                VerificationMail::as_select(),
                verification_mails::group_used_at,
            ))
            .first(conn)
            .optional()
    }

    /// Mark a mail's one link used, only if nobody else did first; returns
    /// whether this call did.
    pub fn use_group_once(conn: &mut DbConn, id: i32, now: NaiveDateTime) -> QueryResult<bool> {
        let n = diesel::update(
            verification_mails::table
                .find(id)
                .filter(verification_mails::group_used_at.is_null()),
        )
        .set(verification_mails::group_used_at.eq(now))
        .execute(conn)?;
        Ok(n == 1)
    }
}
