//! A version's public comments for machines: the entries of its Atom feed
//! and the nested threads of the API. Plain data, read with a fixed number
//! of queries; every comment is read through its public face
//! ([`super::face::Face`]), so a tombstone never shows its author or text.

use std::collections::HashMap;

use diesel::QueryResult;

use super::dispositions::notes::notes_for;
use super::face::Face;
use super::ledger::rfc3339;
use super::threads::{nest, Branch, DispositionNote};
use crate::db::models::{Author, ClauseRow, Comment, Standard, Version};
use crate::db::DbConn;
use crate::standard::clause::naming;
use crate::urls;

/// A comment's feed, ready for its template (which escapes every field).
pub struct Feed {
    pub title: String,
    /// This feed's own address, also its id.
    pub self_href: String,
    /// The version's page.
    pub alternate_href: String,
    /// RFC 3339: the newest publication, or the version's import.
    pub updated: String,
    /// Newest first.
    pub entries: Vec<FeedEntry>,
}

/// One published comment in the feed.
pub struct FeedEntry {
    /// "Reply on clause 1.2 by Ana Example (C-1234)".
    pub title: String,
    /// The comment's page, also its id.
    pub href: String,
    /// RFC 3339.
    pub published: String,
    /// Its author's name, with the organisation in brackets.
    pub author: String,
    /// The comment's sanitised HTML.
    pub content_html: String,
}

/// How the feed names what a comment is on: briefly.
fn on_label(clauses: &[ClauseRow], key: Option<&str>) -> String {
    match key {
        Some(k) => match clauses.iter().find(|cl| cl.clause_key == k) {
            Some(cl) => naming::short(&cl.number, &cl.heading),
            None => naming::by_key(k),
        },
        None => naming::WHOLE_VERSION.to_string(),
    }
}

/// How many comments a feed holds: the newest. A feed reader polls; it
/// needs what is new, and the feed stays the same size however many
/// comments a version draws.
pub const FEED_ENTRIES: i64 = 100;

/// The feed of a version's newest published comments (tombstones left
/// out), newest first. `base_url` has no trailing slash.
pub fn feed(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    base_url: &str,
) -> QueryResult<Feed> {
    let clauses = ClauseRow::for_version(conn, version.id)?;
    let rows = Comment::latest_published(conn, version.id, FEED_ENTRIES)?;
    let mut entries = Vec::with_capacity(rows.len());
    let mut updated = None;
    for (c, a) in &rows {
        let Face::Shown {
            author, body_html, ..
        } = Face::of(c, a)
        else {
            continue;
        };
        updated = updated.max(c.published_at);
        let what = if c.parent_id.is_some() {
            "Reply"
        } else {
            "Comment"
        };
        entries.push(FeedEntry {
            title: format!(
                "{what} on {} by {} ({})",
                on_label(&clauses, c.clause_key.as_deref()),
                author.display_name,
                c.tracking_number
            ),
            href: urls::absolute(base_url, &urls::comment(c.id)),
            published: rfc3339(c.published_at.unwrap_or(c.created_at)),
            author: match &author.organization {
                Some(o) => format!("{} ({o})", author.display_name),
                None => author.display_name.clone(),
            },
            content_html: body_html.to_string(),
        });
    }
    Ok(Feed {
        title: format!("Comments on {}, version {}", standard.title, version.label),
        self_href: urls::absolute(
            base_url,
            &urls::comments_feed(&standard.slug, &version.label),
        ),
        alternate_href: urls::absolute(
            base_url,
            &urls::version_comments(&standard.slug, &version.label),
        ),
        updated: rfc3339(updated.unwrap_or(version.imported_at)),
        entries,
    })
}

/// One public comment with the editors' decision on it, if any.
pub struct PublicComment {
    pub comment: Comment,
    pub author: Author,
    pub disposition: Option<DispositionNote>,
}

impl PublicComment {
    pub fn face(&self) -> Face<'_> {
        Face::of(&self.comment, &self.author)
    }
}

/// Every public comment of a version (tombstones included) as nested
/// threads: whole-version threads first, then by clause key. Also the
/// number of comments.
pub fn threads(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
) -> QueryResult<(usize, Vec<Branch<PublicComment>>)> {
    let mut rows = Comment::public_for_version(conn, version.id)?;
    let count = rows.len();
    rows.sort_by(|a, b| (&a.0.clause_key, &a.0.path).cmp(&(&b.0.clause_key, &b.0.path)));
    let ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
    let mut notes: HashMap<i32, DispositionNote> = notes_for(conn, standard, &ids)?;
    let items = rows
        .into_iter()
        .map(|(comment, author)| PublicComment {
            disposition: notes.remove(&comment.id),
            comment,
            author,
        })
        .collect();
    Ok((
        count,
        nest(items, |p| p.comment.id, |p| p.comment.parent_id),
    ))
}
