//! Decisions as the public pages show them: under each comment, with the
//! clause that resolves it named and linked. Notes are loaded for a whole
//! page at once: a fixed number of queries, whatever the number of comments
//! decided.

use std::collections::{HashMap, HashSet};

use diesel::QueryResult;

pub use crate::comments::threads::DispositionNote;
use crate::comments::threads::Thread;
use crate::db::models::{ClauseRow, Comment, Disposition, Standard, Version};
use crate::db::DbConn;
use crate::i18n::{t1, t2};
use crate::standard::clause::naming;
use crate::urls;

/// The published versions of a standard and the clauses of those that
/// decisions name, loaded once for any number of decisions.
pub struct Places {
    versions: Vec<Version>,
    clauses: HashMap<i32, Vec<ClauseRow>>,
}

impl Places {
    /// Load what `decided` needs: one query for the versions, one for the
    /// clauses of each resolving version named.
    pub fn load(
        conn: &mut DbConn,
        standard: &Standard,
        decided: &[Disposition],
    ) -> QueryResult<Places> {
        let versions = Version::for_standard(conn, standard.id)?;
        let named: HashSet<&str> = decided
            .iter()
            .filter(|d| d.resolved_clause_key.is_some())
            .filter_map(|d| d.resolved_version.as_deref())
            .collect();
        let mut clauses = HashMap::new();
        for v in versions
            .iter()
            .filter(|v| v.status().is_published() && named.contains(v.label.as_str()))
        {
            clauses.insert(v.id, ClauseRow::for_version(conn, v.id)?);
        }
        Ok(Places { versions, clauses })
    }

    fn version(&self, id: i32) -> Option<&Version> {
        self.versions.iter().find(|v| v.id == id)
    }

    /// The clause that resolves `d`, when its resolving version is
    /// published and has it.
    pub fn resolving_clause(&self, d: &Disposition) -> Option<&ClauseRow> {
        let key = d.resolved_clause_key.as_deref()?;
        let label = d.resolved_version.as_deref()?;
        let v = self
            .versions
            .iter()
            .find(|v| v.label == label && v.status().is_published())?;
        self.clauses
            .get(&v.id)?
            .iter()
            .find(|c| c.clause_key == key)
    }

    /// How a disposition's resolving clause reads and links: (text, clause
    /// address, redline address from `version`, the comment's version).
    pub fn resolve(
        &self,
        standard: &Standard,
        version: &Version,
        d: &Disposition,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let Some(key) = d.resolved_clause_key.as_deref() else {
            return (None, None, None);
        };
        let target = d.resolved_version.as_deref().and_then(|l| {
            self.versions
                .iter()
                .find(|v| v.label == l)
                .filter(|v| v.status().is_published())
        });
        match (target, d.resolved_version.as_deref()) {
            (Some(v), _) => {
                let clause = self
                    .clauses
                    .get(&v.id)
                    .and_then(|all| all.iter().find(|c| c.clause_key == key));
                let name = clause
                    .map(|c| naming::full(&c.number, &c.heading))
                    .unwrap_or_else(|| naming::by_key(key));
                (
                    Some(t2(
                        "decisions-resolved-in",
                        "version",
                        &v.label,
                        "clause",
                        name,
                    )),
                    clause.map(|_| urls::clause(&standard.slug, &v.label, key)),
                    Some(urls::compare_clause(
                        &standard.slug,
                        &version.label,
                        &v.label,
                        key,
                    )),
                )
            }
            (None, Some(l)) => (
                Some(t2(
                    "decisions-resolved-unpublished",
                    "version",
                    l,
                    "clause",
                    naming::by_key(key),
                )),
                None,
                None,
            ),
            (None, None) => (
                Some(t1("decisions-resolved-next", "clause", naming::by_key(key))),
                None,
                None,
            ),
        }
    }
}

/// The public notes for the dispositions of the listed comments (all of
/// one standard), by comment id.
pub fn notes_for(
    conn: &mut DbConn,
    standard: &Standard,
    ids: &[i32],
) -> QueryResult<HashMap<i32, DispositionNote>> {
    let decided = Disposition::for_comments(conn, ids)?;
    if decided.is_empty() {
        return Ok(HashMap::new());
    }
    let decided_ids: Vec<i32> = decided.iter().map(|d| d.comment_id).collect();
    let version_of = Comment::version_ids(conn, &decided_ids)?;
    let places = Places::load(conn, standard, &decided)?;
    let mut out = HashMap::with_capacity(decided.len());
    for d in decided {
        let version = version_of
            .get(&d.comment_id)
            .and_then(|id| places.version(*id));
        let Some(version) = version else { continue };
        let (resolved_text, resolved_href, redline_href) = places.resolve(standard, version, &d);
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

/// Attach the public disposition notes to every comment of the threads,
/// loading them for all the threads at once.
pub fn attach_all(
    conn: &mut DbConn,
    standard: &Standard,
    threads: &mut [&mut Thread],
) -> QueryResult<()> {
    let ids: Vec<i32> = threads
        .iter()
        .flat_map(|t| t.nodes.iter())
        .filter(|n| n.c.live)
        .map(|n| n.c.id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut notes = notes_for(conn, standard, &ids)?;
    for n in threads.iter_mut().flat_map(|t| t.nodes.iter_mut()) {
        n.c.disposition = notes.remove(&n.c.id);
    }
    Ok(())
}
