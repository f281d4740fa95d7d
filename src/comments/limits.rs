//! How many comments a sender may send in an hour, and who counts as one
//! sender. Anyone else is counted by client address; a verified commenter
//! writing from the browser that holds their "remembered" token (the same
//! test that lets a comment skip the emailed link, see
//! [`super::submit::submit`]) is counted by commenter, with room for an
//! office that comments clause by clause. Counting itself is
//! `web::security::rate_limit`, inside the write that stores the comment.

use diesel::QueryResult;

use crate::db::models::Commenter;
use crate::db::DbConn;
use crate::standard::sha256_hex;

/// Comments and replies accepted per client address per hour.
pub const COMMENTS_PER_HOUR: u32 = 10;
/// Comments and replies accepted per hour from a remembered verified
/// commenter, whatever address they come from.
pub const VERIFIED_COMMENTS_PER_HOUR: u32 = 120;

/// The counter a submission is counted on, and its ceiling per hour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    pub bucket: &'static str,
    pub key: String,
    pub max: u32,
}

/// Whether `token` (the "remembered" cookie's value) is the one issued to
/// `commenter` when they confirmed an address. Only a verified commenter
/// has one.
pub fn is_remembered(commenter: &Commenter, token: Option<&str>) -> bool {
    commenter.verified_at.is_some()
        && token.is_some_and(|token| {
            commenter.remember_hash.as_deref() == Some(sha256_hex(token).as_str())
        })
}

/// The limit a comment from `email` (as validated: trimmed, lower case),
/// sent from `addr` with the remembered token `remembered`, counts against.
/// A remembered token for another address than the one typed earns
/// nothing: that comment waits for a link, and so is counted by address.
pub fn comment_limit(
    conn: &mut DbConn,
    email: &str,
    remembered: Option<&str>,
    addr: &str,
) -> QueryResult<Limit> {
    if remembered.is_some() {
        if let Some(commenter) = Commenter::by_email(conn, email)? {
            if is_remembered(&commenter, remembered) {
                return Ok(Limit {
                    bucket: "comment-verified",
                    key: format!("commenter:{}", commenter.id),
                    max: VERIFIED_COMMENTS_PER_HOUR,
                });
            }
        }
    }
    Ok(Limit {
        bucket: "comment",
        key: addr.to_string(),
        max: COMMENTS_PER_HOUR,
    })
}
