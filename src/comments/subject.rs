//! What a comment form is about: a clause, a whole version, or a published
//! comment being answered, read from the database with the rule that only
//! published versions and published comments can be commented on.

use diesel::{OptionalExtension, QueryResult};

use super::threads::CommentView;
use crate::db::models::{ClauseRow, Comment, CommentStatus, Standard, Version};
use crate::db::DbConn;
use crate::standard::clause::naming;
use crate::urls;

/// Which form: on a clause, on a whole version, or a reply.
#[derive(Debug, Clone)]
pub enum Where {
    Clause {
        slug: String,
        label: String,
        key: String,
    },
    Version {
        slug: String,
        label: String,
    },
    Reply(i32),
}

/// What a form comments on.
pub struct Subject {
    pub standard: Standard,
    pub version: Version,
    pub clause: Option<ClauseRow>,
    pub parent: Option<(Comment, CommentView)>,
}

impl Subject {
    /// Load it, or `None` when it cannot be commented on (a comment that
    /// is not published, or one on a draft). A draft itself is not found.
    pub fn load(conn: &mut DbConn, w: &Where) -> QueryResult<Option<Subject>> {
        let (standard, version, clause) = match w {
            Where::Clause { slug, label, key } => {
                let (s, v, c) = Version::clause_in(conn, slug, label, key)?;
                (s, v, Some(c))
            }
            Where::Version { slug, label } => {
                let (s, v) = Version::published_in(conn, slug, label)?;
                (s, v, None)
            }
            Where::Reply(id) => return Self::reply(conn, *id),
        };
        Ok(Some(Subject {
            standard,
            version,
            clause,
            parent: None,
        }))
    }

    fn reply(conn: &mut DbConn, id: i32) -> QueryResult<Option<Subject>> {
        let (parent, author) = Comment::with_author(conn, id)?;
        // Only a published comment can be answered.
        if parent.status() != CommentStatus::Published {
            return Ok(None);
        }
        let (standard, version) = Comment::place(conn, parent.version_id)?;
        if !version.status().is_published() {
            return Ok(None);
        }
        let clause = match &parent.clause_key {
            Some(k) => ClauseRow::by_key(conn, version.id, k).optional()?,
            None => None,
        };
        let view = CommentView::new(&parent, &author, standard.tz(), clause.as_ref(), None);
        Ok(Some(Subject {
            standard,
            version,
            clause,
            parent: Some((parent, view)),
        }))
    }

    /// What the comment will be on, in words.
    pub fn target_label(&self) -> String {
        naming::place(
            self.clause
                .as_ref()
                .map(|c| (c.number.as_str(), c.heading.as_str())),
        )
    }

    /// Where the form posts.
    pub fn action(&self) -> String {
        match (&self.parent, &self.clause) {
            (Some((p, _)), _) => urls::replies(p.id),
            (None, Some(c)) => {
                urls::clause_comments(&self.standard.slug, &self.version.label, &c.clause_key)
            }
            (None, None) => urls::version_comments_post(&self.standard.slug, &self.version.label),
        }
    }

    /// Where to go back to.
    pub fn back_href(&self) -> String {
        match (&self.parent, &self.clause) {
            (Some((p, _)), _) => urls::comment(p.id),
            (None, Some(c)) => {
                urls::clause(&self.standard.slug, &self.version.label, &c.clause_key)
            }
            (None, None) => urls::version(&self.standard.slug, &self.version.label),
        }
    }

    /// Where a submission of this form goes, as `super::submit` takes it.
    pub fn target(&self) -> super::submit::Target<'_> {
        super::submit::Target {
            standard: &self.standard,
            version: &self.version,
            clause_key: self.clause.as_ref().map(|c| c.clause_key.as_str()),
            clause_label: self.target_label(),
            parent: self.parent.as_ref().map(|(p, _)| p),
        }
    }

    /// Proposed replacement text is offered for a clause, not for replies.
    pub fn proposals(&self) -> bool {
        self.clause.is_some() && self.parent.is_none()
    }
}
