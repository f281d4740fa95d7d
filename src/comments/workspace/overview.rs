//! The editors' overview: every standard's published versions with how
//! many comments each has and how many are decided (counted in SQL), and
//! its draft. It grows with the number of versions, never with comments.

use diesel::QueryResult;

use crate::db::models::feedback;
use crate::db::models::{Comment, Draft, Standard, Version};
use crate::db::DbConn;

/// One version in the editors' overview.
pub struct IndexVersion {
    pub label: String,
    pub status: String,
    /// Published comments.
    pub comments: i64,
    /// Comments with a decision.
    pub decided: i64,
    pub feedback_href: String,
    pub report_href: String,
}

/// One standard in the editors' overview.
pub struct IndexStandard {
    pub slug: String,
    pub title: String,
    /// Published versions, newest first.
    pub versions: Vec<IndexVersion>,
    /// The open draft: (label, address).
    pub draft: Option<(String, String)>,
    /// The label a new draft would get, when one can be started.
    pub next_label: Option<String>,
}

fn index_version(conn: &mut DbConn, s: &Standard, v: Version) -> QueryResult<IndexVersion> {
    let comments: i64 = Comment::published_counts(conn, v.id)?
        .into_iter()
        .map(|(_, n)| n)
        .sum();
    let decided: i64 = feedback::outcome_counts(conn, v.id)?
        .into_iter()
        .map(|(_, n)| n)
        .sum();
    Ok(IndexVersion {
        feedback_href: crate::urls::editor_feedback(&s.slug, &v.label),
        report_href: crate::urls::dispositions(&s.slug, &v.label),
        status: v.status().display(),
        label: v.label,
        comments,
        decided,
    })
}

/// Every standard with its published versions (how many comments each has,
/// and how many are decided) and its draft. A few queries per version:
/// the overview grows with the number of versions, never with comments.
pub fn index(conn: &mut DbConn) -> QueryResult<Vec<IndexStandard>> {
    let mut out = Vec::new();
    for s in Standard::all(conn)? {
        let mut versions = Vec::new();
        for v in Version::for_standard(conn, s.id)?.into_iter().rev() {
            if v.status().is_published() {
                versions.push(index_version(conn, &s, v)?);
            }
        }
        let latest = crate::drafts::latest_published(conn, s.id)?;
        let draft = match &latest {
            Some(v) => Draft::open_for_base(conn, v.id)?,
            None => None,
        };
        let next_label = match (&latest, &draft) {
            (Some(v), None) => {
                let l = crate::standard::edit::next_label(&v.label);
                Version::find_by_label(conn, s.id, &l)?
                    .is_none()
                    .then_some(l)
            }
            _ => None,
        };
        out.push(IndexStandard {
            draft: draft.map(|d| {
                let href = crate::urls::editor_draft(&s.slug, &d.label);
                (d.label, href)
            }),
            next_label,
            slug: s.slug,
            title: s.title,
            versions,
        });
    }
    Ok(out)
}
