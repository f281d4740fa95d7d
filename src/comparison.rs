//! Comparisons of stored versions: the redline between two published
//! versions of a standard, and one clause's history across all of them.
//!
//! The policy a reader must know: only published versions compare (a
//! draft is `NotFound`, as if it did not exist), and the redline itself is
//! `redline::compare` on the stored clauses, the same function `docket
//! diff` and the API call.

use diesel::QueryResult;

use crate::db::models::{ClauseRow, ClauseTranslation, Standard, Version};
use crate::db::DbConn;
use crate::redline::{self, align, ClauseDiff, Redline};
use crate::standard::Clause;

/// Two published versions of a standard, found but not yet compared.
pub struct Pair {
    pub standard: Standard,
    pub from: Version,
    pub to: Version,
    /// Every published version of the standard, oldest first.
    pub published: Vec<Version>,
}

impl Pair {
    /// `NotFound` unless both versions are published.
    pub fn find(conn: &mut DbConn, slug: &str, from: &str, to: &str) -> QueryResult<Pair> {
        let standard = Standard::by_slug(conn, slug)?;
        let from = Version::published_by_label(conn, standard.id, from)?;
        let to = Version::published_by_label(conn, standard.id, to)?;
        Ok(Pair {
            published: Version::published_for_standard(conn, standard.id)?,
            standard,
            from,
            to,
        })
    }

    /// The redline from one version to the other.
    pub fn redline(&self, conn: &mut DbConn) -> QueryResult<Redline> {
        let old = ClauseRow::clauses_of(conn, self.from.id)?;
        let new = ClauseRow::clauses_of(conn, self.to.id)?;
        Ok(redline::compare(
            &self.from.label,
            &self.to.label,
            &old,
            &new,
        ))
    }
}

impl Pair {
    /// The redline between both versions' translations into `lang`, by the
    /// same clause keys and the same function as the English redline; or
    /// the labels of the versions that have no such translation.
    pub fn translated_redline(
        &self,
        conn: &mut DbConn,
        lang: &str,
    ) -> QueryResult<Result<Redline, Vec<String>>> {
        let old = ClauseTranslation::clauses_of(conn, self.from.id, lang)?;
        let new = ClauseTranslation::clauses_of(conn, self.to.id, lang)?;
        // A stored translation has at least one clause, as a version does.
        let missing: Vec<String> = [(&self.from, &old), (&self.to, &new)]
            .iter()
            .filter(|(_, clauses)| clauses.is_empty())
            .map(|(v, _)| v.label.clone())
            .collect();
        if !missing.is_empty() {
            return Ok(Err(missing));
        }
        Ok(Ok(redline::compare(
            &self.from.label,
            &self.to.label,
            &old,
            &new,
        )))
    }
}

/// The redline between two published versions of a standard.
pub fn between(conn: &mut DbConn, slug: &str, from: &str, to: &str) -> QueryResult<Redline> {
    Pair::find(conn, slug, from, to)?.redline(conn)
}

/// One published version, and the clause in it if it is there.
pub struct Appearance {
    pub label: String,
    pub number: Option<String>,
    pub heading: Option<String>,
    /// The clause's body as written (Markdown), when it is there.
    pub body_md: Option<String>,
}

/// What happened to the clause from one published version to the next.
pub struct Step {
    pub from_label: String,
    pub to_label: String,
    /// The clause's diff; `moved` is about its place among all the others.
    pub diff: ClauseDiff,
}

impl Step {
    /// "Modified, moved, renumbered from 2.3 to 2.4", in the current
    /// language.
    pub fn description(&self) -> String {
        let d = &self.diff;
        let mut words = vec![redline::html::status_name(d.status)];
        if d.moved {
            words.push(crate::i18n::t("drafting-redline-change-moved"));
        }
        if d.renumbered {
            words.push(crate::i18n::t2(
                "drafting-history-renumbered",
                "from",
                d.from_number.as_deref().unwrap_or_default(),
                "to",
                d.to_number.as_deref().unwrap_or_default(),
            ));
        }
        words.join(", ")
    }
}

/// A clause across every published version of its standard.
pub struct History {
    pub standard: Standard,
    pub key: String,
    /// Its latest heading.
    pub heading: String,
    pub appearances: Vec<Appearance>,
    pub steps: Vec<Step>,
}

/// Whether the clause `key` moved among the clauses from `old` to `new`.
fn moved(old: &[String], new: &[String], key: &str) -> bool {
    let old: Vec<&str> = old.iter().map(String::as_str).collect();
    let new: Vec<&str> = new.iter().map(String::as_str).collect();
    align::align(&old, &new)
        .iter()
        .any(|x| x.moved && matches!(x.pair, align::Pair::Both(_, j) if new[j] == key))
}

/// The history of clause `key`: `NotFound` if no published version has it.
/// Two queries per published version, none per comparison step.
pub fn history(conn: &mut DbConn, slug: &str, key: &str) -> QueryResult<History> {
    let standard = Standard::by_slug(conn, slug)?;
    let mut found: Vec<(Version, Option<Clause>, Vec<String>)> = Vec::new();
    for v in Version::published_for_standard(conn, standard.id)? {
        let keys = ClauseRow::keys_for_version(conn, v.id)?;
        let clause = match keys.iter().any(|k| k == key) {
            true => Some(ClauseRow::by_key(conn, v.id, key)?.to_clause()),
            false => None,
        };
        found.push((v, clause, keys));
    }
    if found.iter().all(|(_, c, _)| c.is_none()) {
        return Err(diesel::result::Error::NotFound);
    }
    let heading = found
        .iter()
        .rev()
        .find_map(|(_, c, _)| c.as_ref().map(|c| c.heading.clone()))
        .unwrap_or_default();
    let appearances = found
        .iter()
        .map(|(v, c, _)| Appearance {
            label: v.label.clone(),
            number: c.as_ref().map(|c| c.number.clone()),
            heading: c.as_ref().map(|c| c.heading.clone()),
            body_md: c.as_ref().map(|c| c.body_md.clone()),
        })
        .collect();
    let mut steps = Vec::new();
    for pair in found.windows(2) {
        let ((a, ca, ka), (b, cb, kb)) = (&pair[0], &pair[1]);
        if ca.is_none() && cb.is_none() {
            continue;
        }
        let old: Vec<Clause> = ca.iter().cloned().collect();
        let new: Vec<Clause> = cb.iter().cloned().collect();
        let r = redline::compare(&a.label, &b.label, &old, &new);
        let Some(mut diff) = r.clauses.into_iter().next() else {
            continue;
        };
        if ca.is_some() && cb.is_some() {
            diff.moved = moved(ka, kb, key);
        }
        steps.push(Step {
            from_label: a.label.clone(),
            to_label: b.label.clone(),
            diff,
        });
    }
    Ok(History {
        standard,
        key: key.to_string(),
        heading,
        appearances,
        steps,
    })
}
