//! A version's public comments for machines: the entries of its Atom feed
//! and the pages of the API, in the order the comments became public. Plain data, read with a fixed number
//! of queries; every comment is read through its public face
//! ([`super::face::Face`]), so a tombstone never shows its author or text.

use std::collections::HashMap;

use diesel::QueryResult;

use super::dispositions::notes::notes_for;
use super::face::Face;
use super::ledger::rfc3339;
use super::letters::{links_for, LetterLink};
use super::threads::DispositionNote;
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

/// How the feed names a comment's author: the name, the organisation in
/// brackets, and the election office with how it was recognised (never the
/// address).
fn feed_author(author: &Author) -> String {
    let mut out = match &author.organization {
        Some(o) => format!("{} ({o})", author.display_name),
        None => author.display_name.clone(),
    };
    if let Some((office, badge)) = super::threads::office_of(author) {
        out = crate::i18n::t_with_three(
            "decisions-feed-author-office",
            [("author", out), ("office", office), ("badge", badge)],
        );
    }
    out
}

/// How the feed names what a comment is on: briefly.
fn on_label(clauses: &[ClauseRow], key: Option<&str>) -> String {
    match key {
        Some(k) => match clauses.iter().find(|cl| cl.clause_key == k) {
            Some(cl) => naming::short(&cl.number, &cl.heading),
            None => naming::by_key(k),
        },
        None => naming::whole_version(),
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
        let key = if c.parent_id.is_some() {
            "feed-reply-entry"
        } else {
            "feed-comment-entry"
        };
        entries.push(FeedEntry {
            title: crate::i18n::t_with_three(
                key,
                [
                    ("clause", on_label(&clauses, c.clause_key.as_deref())),
                    ("name", author.display_name.clone()),
                    ("tracking", c.tracking_number.clone()),
                ],
            ),
            href: urls::absolute(base_url, &urls::comment(c.id)),
            published: rfc3339(c.published_at.unwrap_or(c.created_at)),
            author: feed_author(author),
            content_html: body_html.to_string(),
        });
    }
    Ok(Feed {
        title: crate::i18n::t2(
            "feed-comments-title",
            "standard",
            &standard.title,
            "label",
            &version.label,
        ),
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
    /// Its signed letter, if it has one (shown only with a shown comment).
    pub letter: Option<LetterLink>,
}

impl PublicComment {
    pub fn face(&self) -> Face<'_> {
        Face::of(&self.comment, &self.author)
    }
}

/// How many comments a page of the API holds, unless asked otherwise.
pub const DEFAULT_PAGE: i64 = 100;
/// The most a page of the API holds.
pub const MAX_PAGE: i64 = 500;

/// Where a page starts and how long it is, as asked for in a query
/// (`?limit=` and `?after=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// The cursor: the publication seq of the last comment already read
    /// (0: from the start).
    pub after: i32,
    pub limit: i64,
}

impl PageRequest {
    /// Read `limit` and `after` as given; a message saying what is wrong
    /// otherwise.
    pub fn parse(limit: Option<&str>, after: Option<&str>) -> Result<PageRequest, String> {
        let limit = match limit {
            None => DEFAULT_PAGE,
            Some(l) => match l.trim().parse::<i64>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
                _ => {
                    return Err(crate::i18n::t2(
                        "decisions-err-api-limit",
                        "max",
                        MAX_PAGE,
                        "default",
                        DEFAULT_PAGE,
                    ))
                }
            },
        };
        let after = match after {
            None => 0,
            Some(a) => match a.trim().parse::<i32>() {
                Ok(n) if n >= 0 => n,
                _ => return Err(crate::i18n::t("decisions-err-api-after")),
            },
        };
        Ok(PageRequest { after, limit })
    }
}

/// One page of a version's public comments, in the order they became
/// public.
pub struct Page {
    pub comments: Vec<PublicComment>,
    /// The cursor of the next page, if there is one.
    pub next: Option<i32>,
    /// The cursor after this page's last comment (the one asked for, if
    /// the page is empty): where to come back later for newer comments.
    pub last: i32,
}

/// A page of the public comments of a version (tombstones included, in
/// the place their publication gave them), oldest publication first,
/// each with the editors' decision: a fixed number of queries. A comment
/// published while a reader walks the pages comes after every comment
/// already read, so walking to the end gives every public comment once.
pub fn page(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    req: PageRequest,
    offices_only: bool,
) -> QueryResult<Page> {
    let (rows, next) = public_page(conn, version.id, req.after, req.limit, offices_only)?;
    let last = rows.last().map_or(req.after, |r| r.0);
    let rows = rows.into_iter().map(|(_, c, a)| (c, a)).collect();
    Ok(Page {
        last,
        comments: with_notes(conn, standard, rows)?,
        next,
    })
}

/// `limit` public comments of a version after cursor `after`, each with
/// its own cursor (its publication seq), and the cursor of the next page
/// if more follow (one row more is read to know).
#[allow(clippy::type_complexity)]
pub(super) fn public_page(
    conn: &mut DbConn,
    version_id: i32,
    after: i32,
    limit: i64,
    offices_only: bool,
) -> QueryResult<(Vec<(i32, Comment, Author)>, Option<i32>)> {
    let mut rows = Comment::public_after(conn, version_id, after, limit + 1, offices_only)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = if more { rows.last().map(|r| r.0) } else { None };
    Ok((rows, next))
}

/// Each comment with the editors' decision on it and its signed letter:
/// one batch of queries.
pub(super) fn with_notes(
    conn: &mut DbConn,
    standard: &Standard,
    rows: Vec<(Comment, Author)>,
) -> QueryResult<Vec<PublicComment>> {
    let ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
    let mut notes: HashMap<i32, DispositionNote> = notes_for(conn, standard, &ids)?;
    let mut letters = links_for(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|(comment, author)| PublicComment {
            disposition: notes.remove(&comment.id),
            letter: letters.remove(&comment.id),
            comment,
            author,
        })
        .collect())
}
