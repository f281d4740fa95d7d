//! A comment's public face: what anyone may see of it. The one rule: a
//! comment hidden by a moderator or removed as spam shows no author, no
//! text and no proposal, only a tombstone with its reason. Pages, the feed,
//! the API and the reports all read a comment through [`Face::of`].

use crate::db::models::{Author, Comment, CommentStatus};

/// What the public sees of one comment.
#[derive(Debug, Clone, Copy)]
pub enum Face<'a> {
    /// Shown in full: its author and its words.
    Shown {
        author: &'a Author,
        body_md: &'a str,
        body_html: &'a str,
        proposed_text: Option<&'a str>,
    },
    /// A tombstone in its place.
    Tombstone(Tombstone<'a>),
}

/// Why a comment is no longer shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tombstone<'a> {
    /// Hidden by a moderator, with the public reason they gave.
    Hidden(Option<&'a str>),
    Spam,
}

impl Tombstone<'_> {
    /// The reason as the pages show it in place of the comment.
    pub fn text(self) -> String {
        match self {
            Tombstone::Hidden(reason) => crate::i18n::t1(
                "comment-hidden-reason",
                "reason",
                reason.map_or_else(
                    || crate::i18n::t("comment-hidden-no-reason"),
                    str::to_string,
                ),
            ),
            Tombstone::Spam => crate::i18n::t("comment-removed-spam"),
        }
    }
}

impl<'a> Face<'a> {
    pub fn of(c: &'a Comment, a: &'a Author) -> Face<'a> {
        match c.status() {
            CommentStatus::Hidden => Face::Tombstone(Tombstone::Hidden(c.hidden_reason.as_deref())),
            CommentStatus::Spam => Face::Tombstone(Tombstone::Spam),
            _ => Face::Shown {
                author: a,
                body_md: &c.body_md,
                body_html: &c.body_html,
                proposed_text: c.proposed_text.as_deref(),
            },
        }
    }

    /// Shown in full (not a tombstone): can be answered, flagged and named.
    pub fn shown(&self) -> bool {
        matches!(self, Face::Shown { .. })
    }

    /// The author, when shown.
    pub fn author(&self) -> Option<&'a Author> {
        match self {
            Face::Shown { author, .. } => Some(author),
            Face::Tombstone(_) => None,
        }
    }

    /// The tombstone, when not shown.
    pub fn tombstone(&self) -> Option<Tombstone<'a>> {
        match self {
            Face::Shown { .. } => None,
            Face::Tombstone(t) => Some(*t),
        }
    }
}
