//! Decisions as the public pages show them: under each comment, with the
//! clause that resolves it named and linked.

use std::collections::HashMap;

use diesel::{OptionalExtension, QueryResult};

pub use crate::comments::threads::DispositionNote;
use crate::comments::threads::Thread;
use crate::db::models::{ClauseRow, Comment, Disposition, Standard, Version};
use crate::db::DbConn;

/// How a disposition's resolving clause reads and links: (text, clause
/// address, redline address).
pub fn resolved_place(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    d: &Disposition,
) -> QueryResult<(Option<String>, Option<String>, Option<String>)> {
    let Some(key) = d.resolved_clause_key.as_deref() else {
        return Ok((None, None, None));
    };
    let target = match d.resolved_version.as_deref() {
        Some(l) => Version::by_label(conn, standard.id, l)
            .optional()?
            .filter(|v| v.status().is_published()),
        None => None,
    };
    Ok(match (target, d.resolved_version.as_deref()) {
        (Some(v), _) => {
            let clause = ClauseRow::by_key(conn, v.id, key).optional()?;
            let name = clause
                .as_ref()
                .map(|c| format!("clause {}", c.numbered_heading()))
                .unwrap_or_else(|| format!("clause “{key}”"));
            (
                Some(format!("version {}, {name}", v.label)),
                clause.map(|_| format!("/standards/{}/{}/clauses/{key}", standard.slug, v.label)),
                Some(format!(
                    "/standards/{}/compare/{}...{}#c-{key}",
                    standard.slug, version.label, v.label
                )),
            )
        }
        (None, Some(l)) => (
            Some(format!("version {l} (not yet published), clause “{key}”")),
            None,
            None,
        ),
        (None, None) => (
            Some(format!("the next version, clause “{key}”")),
            None,
            None,
        ),
    })
}

/// The public notes for the dispositions of the listed comments, by
/// comment id. `place` gives each comment's standard and version.
pub fn notes_for(
    conn: &mut DbConn,
    standard: &Standard,
    ids: &[i32],
) -> QueryResult<HashMap<i32, DispositionNote>> {
    let mut out = HashMap::new();
    let decided = Disposition::for_comments(conn, ids)?;
    let mut versions: HashMap<i32, Version> = HashMap::new();
    for d in decided {
        let c = Comment::find(conn, d.comment_id)?;
        let version = match versions.get(&c.version_id) {
            Some(v) => v.clone(),
            None => {
                let (_, v) = Comment::place(conn, c.version_id)?;
                versions.insert(c.version_id, v.clone());
                v
            }
        };
        let (resolved_text, resolved_href, redline_href) =
            resolved_place(conn, standard, &version, &d)?;
        out.insert(
            d.comment_id,
            DispositionNote {
                outcome: d.outcome(),
                rationale: d.rationale.clone(),
                resolved_text,
                resolved_href,
                redline_href,
            },
        );
    }
    Ok(out)
}

/// Attach the public disposition notes to every comment of a thread.
pub fn attach(conn: &mut DbConn, standard: &Standard, thread: &mut Thread) -> QueryResult<()> {
    let ids: Vec<i32> = thread
        .nodes
        .iter()
        .filter(|n| n.c.live)
        .map(|n| n.c.id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut notes = notes_for(conn, standard, &ids)?;
    for n in &mut thread.nodes {
        n.c.disposition = notes.remove(&n.c.id);
    }
    Ok(())
}
